"""Golden tests for every audit_*.sql on tiny hand-made geometries, plus the audit report rules."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from fixtures.layer_db import metric_box, to_lonlat
from pg_server import BACKENDS, runner_on

from assistant.errors import QueryError
from assistant.layers import audit, db
from assistant.layers.audit_checks import FAIL, INFO, PASS, figure_check, rounds_to
from assistant.layers.sql import SQL_DIR, SqlRunner
from assistant.settings import Settings

BOTH = ("维护前", "维护后")
_on = {}


@pytest.fixture(autouse=True, params=BACKENDS)
def backend(request, tmp_path):
    """Every golden audit test runs on DuckDB and on a PostGIS copy of the same tiny database."""
    _on.update(request=request, backend=request.param, tmp=tmp_path, n=0)
    yield request.param
    _on.clear()


def _db(features=(), changes=(), projects=(), figures=None, con=None):
    """features: (layer, version|None, id, name, (minx, miny, maxx, maxy) metres around ORIGIN[, stored area])."""
    con = con or db.connect()
    con.execute((SQL_DIR / "schema_layers.sql").read_text(encoding="utf-8"))
    for layer, version, fid, name, offsets, *stored in features:
        area = stored[0] if stored else metric_box(offsets).area
        for v in ([version] if version else BOTH):
            con.execute("INSERT INTO features VALUES (?, ?, ?, ?, NULL, true, 'demo', ?, ST_GeomFromText(?))",
                        [layer, v, fid, name, area, to_lonlat(metric_box(offsets)).wkt])
    for layer, change, fid, offsets in changes:
        con.execute("INSERT INTO changes VALUES (?, ?, ?, true, ?, ST_GeomFromText(?))",
                    [layer, change, fid, metric_box(offsets).area, to_lonlat(metric_box(offsets)).wkt])
    for pid, status, method, geom in projects:
        con.execute("INSERT INTO key_projects VALUES (?, ?, ?, ?, NULL, NULL, true, ST_GeomFromText(?))",
                    [pid, pid, status, method, geom])
    if figures is not None:
        con.execute((SQL_DIR / "schema_figures.sql").read_text(encoding="utf-8"))
        for i, (indicator, scope, phase, value_text, unit) in enumerate(figures, 1):
            con.execute("INSERT INTO plan_figures VALUES (?, ?, ?, ?, NULL, ?, ?, ?, NULL, NULL, 'doc', 's', "
                        "'原文', NULL, ?)", [f"{indicator}{phase}", indicator, scope, phase, float(value_text),
                                            value_text, unit, i])
    if _on.get("backend") != "postgis" or con.execute("SELECT current_database()").fetchone()[0] != "memory":
        return SqlRunner.from_connection(con, timeout_s=30, max_rows=1000)
    _on["n"] += 1
    path = _on["tmp"] / f"audit{_on['n']}.duckdb"
    con.execute(f"ATTACH '{path}' AS copy")
    con.execute("COPY FROM DATABASE memory TO copy")
    con.execute("DETACH copy")
    con.close()
    return runner_on(_on["request"], "postgis", path, timeout_s=30, max_rows=1000)


def _rows(runner, name, **params):
    return [tuple(round(v, 2) if isinstance(v, float) else v for v in row)
            for row in runner.run(name, **params).rows]


def test_layer_totals_use_stored_area_and_count_changes():
    runner = _db([("城市绿线", None, "G1", "公园", (0, 0, 100, 100)),
                  ("城市绿线", "维护后", "G2", "公园", (200, 0, 300, 50), 4999.0)],
                 changes=[("城市绿线", "调入", "G2", (200, 0, 300, 50))])
    assert _rows(runner, "audit_layer_totals") == [
        ("features", "城市绿线", "维护前", 1, 10000.0), ("features", "城市绿线", "维护后", 2, 14999.0),
        ("changes", "城市绿线", "调入", 1, 5000.0)]


def test_stored_area_lists_only_features_whose_area_is_off():
    good = _db([("城市紫线", None, "Z1", "宾馆", (0, 0, 10, 10))])
    assert _rows(good, "audit_stored_area", tolerance_m2=0.1) == []
    bad = _db([("城市紫线", "维护前", "Z1", "宾馆", (0, 0, 10, 10), 150.0)])
    assert _rows(bad, "audit_stored_area", tolerance_m2=0.1) == [("城市紫线", "维护前", 1, 50.0, ["Z1"])]


def test_plan_figures_required():
    with pytest.raises(QueryError, match="plan_figures"):
        _db().run("audit_plan_figures")
    runner = _db(figures=[("城市紫线", "中心城区", "维护后", "8.09", "公顷")])
    row = runner.run("audit_plan_figures").records()[0]
    assert (row["indicator"], row["phase"], row["value_text"], row["unit"]) == ("城市紫线", "维护后", "8.09", "公顷")


def test_line_overlaps_lists_overlapping_pairs_not_touching_ones():
    runner = _db([("永久基本农田", None, "J1", None, (0, 0, 100, 100)),
                  ("永久基本农田", None, "J2", None, (300, 0, 400, 100)),
                  ("城镇开发边界", "维护后", "C1", None, (90, 0, 200, 100)),    # overlaps J1 by 10 × 100
                  ("城镇开发边界", "维护前", "C0", None, (100, 0, 300, 100))])  # touches J1 and J2 only
    params = dict(layer_a="永久基本农田", layer_b="城镇开发边界", min_area_m2=0.01)
    assert _rows(runner, "audit_line_overlaps", version="维护后", **params) == [("J1", "C1", 1000.0)]
    assert _rows(runner, "audit_line_overlaps", version="维护前", **params) == []


def test_outside_area_measures_what_sticks_out_of_the_boundary():
    runner = _db([("市辖区", None, "SXQ", "市辖区", (0, 0, 1000, 1000)),
                  ("规划分区", None, "Q1", "农田保护区", (0, 0, 500, 500)),
                  ("永久基本农田", "维护前", "J1", None, (900, 0, 1100, 100))])  # 100 × 100 outside
    rows = _rows(runner, "audit_outside_area", boundary_layer="市辖区", layers=["规划分区", "永久基本农田"],
                 min_area_m2=0.01)
    assert rows == [("永久基本农田", "维护前", 1, 1, 10000.0, ["J1"]),
                    ("规划分区", "维护前", 1, 0, 0.0, []), ("规划分区", "维护后", 1, 0, 0.0, [])]


def test_zoning_coverage_finds_gaps_and_overlaps():
    runner = _db([("市辖区", None, "SXQ", "市辖区", (0, 0, 1000, 1000)),
                  ("规划分区", None, "Q1", "农田保护区", (0, 0, 500, 1000)),
                  ("规划分区", "维护前", "Q2", "城镇发展区", (500, 0, 1000, 1000)),       # tiles exactly
                  ("规划分区", "维护后", "Q3", "城镇发展区", (400, 0, 900, 1000))])       # 100 overlap, 100 gap
    before, after = _rows(runner, "audit_zoning_coverage")
    assert before == ("维护前", 2, 1e6, 0.0, 0.0)
    # Box edges are straight in metres but not in lon/lat, so cut edges leave ~1 m² slivers.
    assert after[:3] == ("维护后", 2, 1e6) and after[3:] == pytest.approx((1e5, 1e5), abs=2)


def test_change_balance_pass_and_fail():
    base = [("城市绿线", "维护前", "B1", None, (0, 0, 100, 100)),
            ("城市绿线", "维护后", "A1", None, (0, 0, 50, 100)), ("城市绿线", "维护后", "A2", None, (200, 0, 300, 100))]
    good = _db(base, changes=[("城市绿线", "调出", "O1", (50, 0, 100, 100)),
                              ("城市绿线", "调入", "I1", (200, 0, 300, 100))])
    assert _rows(good, "audit_change_balance", layer="城市绿线") == [
        (10000.0, 5000.0, 10000.0, 15000.0, 0.0, 0.0, 0.0)]
    # 调出 half outside 维护前, 调入 overlapping 维护前, and the sum no longer closes.
    bad = _db(base, changes=[("城市绿线", "调出", "O1", (80, 0, 120, 100)),
                             ("城市绿线", "调入", "I1", (90, 0, 190, 100))])
    assert _rows(bad, "audit_change_balance", layer="城市绿线") == [
        (10000.0, 4000.0, 10000.0, 15000.0, 1000.0, 2000.0, 1000.0)]


def test_zoning_lines_pass_and_fail():
    runner = _db([("规划分区", None, "E1", "生态保护区", (0, 0, 100, 100)),
                  ("生态保护红线", "维护前", "R1", None, (10, 10, 90, 90)),
                  ("生态保护红线", "维护后", "R2", None, (50, 0, 150, 100))])
    params = dict(line_layer="生态保护红线", zone_names=["生态保护区"])
    assert _rows(runner, "audit_zoning_lines", version="维护前", **params) == [(6400.0, 10000.0, 6400.0, 0.0, 3600.0)]
    assert _rows(runner, "audit_zoning_lines", version="维护后", **params) == [
        (10000.0, 10000.0, 5000.0, 5000.0, 5000.0)]


def test_project_status_and_mapping():
    point, square = "POINT (113.5 37.9)", to_lonlat(metric_box((0, 0, 10, 10))).wkt
    runner = _db(projects=[("P1", "实施", "精准上图", square), ("P2", "新增", "示意上图", point),
                           ("P3", "新增", "增补清单", None), ("P4", "延续", "精准上图", point)])
    assert _rows(runner, "audit_project_status") == [("实施", 1), ("延续", 1), ("新增", 2)]
    assert _rows(runner, "audit_project_mapping") == [
        ("增补清单", "NONE", 1, ["P3"]), ("示意上图", "POINT", 1, ["P2"]),
        ("精准上图", "POINT", 1, ["P4"]), ("精准上图", "POLYGON", 1, ["P1"])]


def test_admin_areas():
    runner = _db([("行政区", None, "140300", "阳泉市", (0, 0, 2000, 1000)),
                  ("行政区", None, "140302", "城区", (0, 0, 10, 10)),
                  ("市辖区", None, "SXQ", "市辖区", (0, 0, 1000, 1000))])
    assert _rows(runner, "audit_admin_areas") == [("阳泉市", 2e6), ("市辖区", 1e6)]


def test_figure_rule_rounding_passes_the_plans_rounded_purple_line():
    # 8.07 − 0.073446 + 0.09828 = 8.094834 公顷: 0.06 % off 8.09, but 8.09 at the plan's two decimals.
    check = figure_check("x", "城市紫线", {"value": 8.09, "value_text": "8.09", "unit": "公顷"}, 80948.34)
    assert check.status == PASS and "四舍五入" in check.detail and check.diff_pct == pytest.approx(0.0598, abs=1e-3)
    assert figure_check("x", "t", {"value": 8.09, "value_text": "8.09", "unit": "公顷"}, 80840.0).status == FAIL
    exact = figure_check("x", "t", {"value": 8.2593, "value_text": "8.2593", "unit": "万亩"}, 8.2593e8 / 15 * 1.00005)
    assert exact.status == PASS and "0.01%" in exact.detail
    assert rounds_to(9387.504, "9387.50") and not rounds_to(9387.506, "9387.50")


def test_run_audit_reports_conflicts_admin_hints_and_missing_figures():
    runner = _db([("行政区", None, "140300", "阳泉市", (0, 0, 2000, 1000)),
                  ("市辖区", None, "SXQ", "市辖区", (0, 0, 1000, 1000)),
                  ("永久基本农田", None, "J1", None, (0, 0, 100, 100)),
                  ("生态保护红线", None, "R1", None, (50, 50, 150, 150))],
                 figures=[("国土面积", "市域", "现状", "4558.96", "平方千米"),
                          ("永久基本农田", "市辖区", "维护前", "0.0015", "万亩")])
    report = audit.run_audit(runner)
    by_id = {c.id: c for c in report.checks}
    conflict = by_id["overlap:永久基本农田:生态保护红线:维护后"]
    assert conflict.status == FAIL and conflict.items == [{"id_a": "J1", "id_b": "R1", "area_m2": 2500.0}]
    assert by_id["admin:阳泉市"].status == INFO and "cnmaps" in by_id["admin:阳泉市"].detail
    assert by_id["figure:永久基本农田:维护前"].status == PASS   # 10000 m² = 0.0015 万亩
    assert by_id["figure:永久基本农田:维护后"].status == PASS   # no 维护后 figure: the 维护前 one must hold too
    assert not report.passed and set(report.to_json()) >= {"checks", "passed"}
    missing = audit.run_audit(_db([("市辖区", None, "SXQ", "市辖区", (0, 0, 1000, 1000))]))
    figures = next(c for c in missing.checks if c.id == "figures")
    assert figures.status == FAIL and "yqplan build" in figures.detail


def test_cmd_audit_strict_exit_code_and_json(tmp_path, capsys):
    path = tmp_path / "plan.duckdb"
    con = db.connect(path)
    _db([("市辖区", None, "SXQ", "市辖区", (0, 0, 1000, 1000))], con=con)
    con.close()
    settings = Settings(db_path=str(path))
    assert audit.cmd_audit(SimpleNamespace(json=True, strict=False), settings) == 0
    assert '"passed": false' in capsys.readouterr().out
    assert audit.cmd_audit(SimpleNamespace(json=False, strict=True), settings) == 1
    assert "未通过" in capsys.readouterr().out


def test_every_audit_statement_has_a_golden_test():
    from assistant.layers.sql import all_named

    golden = Path(__file__).read_text(encoding="utf-8").split("def test_every_audit")[0]
    untested = [n for n in all_named() if n.startswith("audit_") and f'"{n}"' not in golden]
    assert untested == []
