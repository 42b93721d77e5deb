"""`yqplan check`: single checks as text/JSON, CSV batches in input order with per-row errors, CSV/XLSX."""

from __future__ import annotations

import csv
import json

import pytest
from fixtures.layer_db import lonlat_at, metric_box, to_lonlat

from assistant import cli
from assistant.check.cli import cmd_check, run_batch, table_columns
from assistant.settings import load


@pytest.fixture
def settings(fixture_db_path):
    return load({}).with_paths(db_path=str(fixture_db_path))


def run_cli(argv, settings, capsys):
    args = cli.build_parser().parse_args(["check", *argv])
    code = cmd_check(args, settings)
    return code, capsys.readouterr().out


@pytest.fixture
def batch_csv(tmp_path):
    inside = lonlat_at(500, 500)
    rows = [
        "id,lon,lat,parcel",
        f"A,{inside[0]},{inside[1]},",
        "B,abc,37.9,",
        "C,113.8317,37.8868,",
        ",,,DK-001",
        "E,,,DK-999",
        "F,200,37.9,",
        f"G,{inside[0]},{inside[1] + 0.05},",
    ]
    path = tmp_path / "batch.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_point_json_is_one_contract_object(settings, capsys):
    lon, lat = lonlat_at(500, 500)
    code, out = run_cli(["--point", f"{lon},{lat}", "--json"], settings, capsys)
    result = json.loads(out)
    assert code == 0 and result["in_scope"] is True
    assert {"query", "location", "in_scope", "layers", "changes", "citations", "demo_data", "notes"} == set(result)


def test_point_text_has_a_layer_table(settings, capsys):
    lon, lat = lonlat_at(500, 500)
    _, out = run_cli(["--point", f"{lon},{lat}"], settings, capsys)
    assert "维护前 ｜ 维护后" in out and "永久基本农田" in out and "位于" in out
    assert "图层为演示数据，非正式规划成果" in out


def test_xy_place_and_parcel(settings, capsys):
    _, out = run_cli(["--place", "河底镇", "--json"], settings, capsys)
    assert json.loads(out)["location"]["district"] == "郊区"
    _, out = run_cli(["--parcel", "DK-001"], settings, capsys)
    assert "涉及 1.0000 公顷（15.00 亩" in out
    _, out = run_cli(["--xy", "4192041.8,38463040.3", "--json"], settings, capsys)
    assert json.loads(out)["location"]["district"] == "城区"


def test_red_line_file(settings, capsys, tmp_path):
    path = tmp_path / "red.wkt"
    path.write_text(to_lonlat(metric_box((3000, 0, 3500, 1000))).wkt, encoding="utf-8")
    _, out = run_cli(["--file", str(path), "--json"], settings, capsys)
    result = json.loads(out)
    assert any(c["change"] == "调入" for c in result["changes"])


def test_cli_reports_bad_input_in_chinese(settings, capsys, monkeypatch):
    monkeypatch.setenv("YQPLAN_DB_PATH", settings.db_path)
    assert cli.main(["check", "--place", "义井"]) == 2
    assert "找到多个地名" in capsys.readouterr().err


def test_batch_json_lines_keep_input_order_and_row_errors(checker, batch_csv, capsys):
    assert run_batch(checker, batch_csv, as_json=True) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["A", "B", "C", "第5行", "E", "F", "G"]
    assert [("error" in line) for line in lines] == [False, True, False, False, True, True, False]
    assert "第 3 行" in lines[1]["error"] and "不是数字" in lines[1]["error"]
    assert "未找到地块编号" in lines[4]["error"]
    assert lines[0]["in_scope"] is True and lines[2]["in_scope"] is False
    assert lines[3]["query"].startswith("地块 DK-001")
    single = checker.check_point(*lonlat_at(500, 500))
    assert {k: v for k, v in lines[0].items() if k != "id"} == single


def test_batch_csv_report(checker, batch_csv, tmp_path, capsys):
    out = tmp_path / "report.csv"
    run_batch(checker, batch_csv, out=str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == table_columns(checker.layers)
    assert [r[0] for r in rows[1:]] == ["A", "B", "C", "第5行", "E", "F", "G"]
    header = rows[0]
    a = dict(zip(header, rows[1], strict=True))
    assert a["district"] == "郊区" and a["永久基本农田_维护后_是否位于"] == "是"
    assert float(a["生态保护红线_维护后_距离米"]) > 3000
    assert "图层为演示数据" in a["notes"] and a["error"] == ""
    c = dict(zip(header, rows[3], strict=True))
    assert c["in_scope"] == "否" and "平定县" in c["notes"]
    assert dict(zip(header, rows[2], strict=True))["error"].startswith("第 3 行")


def test_batch_xlsx_report(checker, batch_csv, tmp_path, capsys):
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    run_batch(checker, batch_csv, out=str(out))
    ws = load_workbook(out, read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == table_columns(checker.layers)
    assert [r[0] for r in rows[1:]] == ["A", "B", "C", "第5行", "E", "F", "G"]


def test_missing_redline_file_names_the_formats(settings, tmp_path):
    from assistant.errors import InputError

    with pytest.raises(InputError, match="找不到红线文件.*请上传界址点 TXT"):
        run_cli(["--file", str(tmp_path / "nope.txt")], settings, None)


def test_batch_crs_column_converts(checker, tmp_path, capsys):
    lon, lat = lonlat_at(500, 500)
    path = tmp_path / "gcj.csv"
    path.write_text(f"id,lon,lat,crs\nP,{lon},{lat},gcj02\n", encoding="utf-8")
    run_batch(checker, path, as_json=True)
    line = json.loads(capsys.readouterr().out)
    assert line["location"]["lon"] != round(lon, 6)
    assert "已将GCJ-02（高德/腾讯）坐标转换为 CGCS2000" in line["notes"]


def test_batch_header_is_required(checker, tmp_path):
    from assistant.errors import InputError

    path = tmp_path / "bad.csv"
    path.write_text("name,x,y\na,1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="表头"):
        run_batch(checker, path)


def test_batch_rejects_unknown_report_format(checker, batch_csv, tmp_path):
    from assistant.errors import InputError

    with pytest.raises(InputError, match=r"\.csv 或 \.xlsx"):
        run_batch(checker, batch_csv, out=str(tmp_path / "report.pdf"))
