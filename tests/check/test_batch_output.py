"""Streamed batch output: column-built JSON equals the per-row dicts; chunks keep order; membership-only mode."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from fixtures.layer_db import lonlat_at

from assistant.check.batch_output import batch_entries, json_lines, run_batch
from assistant.check.batch_rows import point_json, table_columns


def _rows(n: int, seed: int) -> list[dict[str, str]]:
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(n):
        lon, lat = lonlat_at(rng.uniform(-4500, 4500), rng.uniform(-4500, 6500))
        crs = "gcj02" if k % 7 == 0 else ""
        rows.append({"id": f"P{k}", "lon": repr(lon), "lat": repr(lat), "crs": crs})
    rows.insert(3, {"id": "bad", "lon": "x", "lat": "1"})
    rows.insert(5, {"id": "D", "parcel": "DK-001"})
    return rows


@pytest.mark.parametrize("distances", [True, False])
def test_column_built_json_equals_row_dicts(checker, distances):
    entries, batch = batch_entries(checker, _rows(400, 5), "cgcs2000", distances=distances)
    fast = list(json_lines(entries, batch))
    slow = [json.dumps(e.as_json(), ensure_ascii=False) + "\n" for e in entries]
    assert fast == slow
    parsed = [json.loads(line) for line in fast]
    assert sum(1 for p in parsed if p.get("in_scope") and any(r["inside"] for r in p["layers"])) > 50
    if not distances:
        points = [p for p in parsed if "layers" in p and not p["query"].startswith("地块")]
        assert all(r["distance_m"] is None for p in points for r in p["layers"])
    pre = [()] * len(batch)
    built = point_json(batch, pre)
    assert sum(text is not None for text in built) > 0.8 * len(batch)  # most points take the column path


@pytest.mark.parametrize("limit", [50, 1])
def test_column_built_json_covers_overlaps_limits_and_out_of_scope(tmp_path, monkeypatch, limit):
    """Every point takes the column path, including points in two overlapping features of one layer, over the
    feature limit (its note), outside 市辖区, converted from GCJ-02 and within 5 m of an edge."""
    import shapely
    from fixtures.layer_db import BOXES, build_fixture_db

    from assistant.check import batch_rows
    from assistant.check import checker as checker_mod
    from assistant.check.checker import LocationChecker

    monkeypatch.setattr(batch_rows, "MAX_FEATURES", limit)
    monkeypatch.setattr(checker_mod, "MAX_FEATURES", limit)
    boxes = {**BOXES, "中心城区用地": [*BOXES["中心城区用地"], (None, "YD-9", "广场用地", "1403", (0, 2500, 2000, 3500))]}
    ck = LocationChecker.open(build_fixture_db(tmp_path / "plan.duckdb", boxes=boxes))
    rows = _rows(300, 11)
    rows += [{"id": f"E{k}", "lon": repr(lon), "lat": repr(lat), "crs": ""}
             for k, (lon, lat) in enumerate(lonlat_at(x, y) for x, y in ((0, 2502), (2, 2502), (500, 2502),
                                                                         (1000, 2502), (1001, 3001)))]
    county = ck.admin.geoms[list(ck.admin.names).index("平定县")]
    far = shapely.get_coordinates(county.representative_point())[0]
    from assistant.geo import points_to_lonlat

    flon, flat = (float(v[0]) for v in points_to_lonlat([far[0]], [far[1]]))
    rows += [{"id": "OUT", "lon": repr(flon), "lat": repr(flat), "crs": ""},
             {"id": "OUT2", "lon": repr(flon), "lat": repr(flat), "crs": "gcj02"}]
    entries, batch = batch_entries(ck, rows, "cgcs2000")
    fast = list(json_lines(entries, batch))
    assert fast == [json.dumps(e.as_json(), ensure_ascii=False) + "\n" for e in entries]
    assert all(text is not None for text in point_json(batch, [()] * len(batch)))
    parsed = [json.loads(line) for line in fast]
    points = [p for p in parsed if "layers" in p]
    assert sum(not p["in_scope"] for p in points) == 2
    multi = sum(any(len(r["features"]) > 1 for r in p["layers"]) for p in points)
    over = sum(any("仅列出" in n for n in p["notes"]) for p in points)
    assert (multi, over >= 4) == (0, True) if limit == 1 else (multi >= 4, over) == (True, 0)
    assert any(any("不足 5 米" in n for n in p["notes"]) for p in points)
    ck.runner.close()


@pytest.mark.parametrize("distances", [True, False])
def test_column_built_csv_equals_the_csv_module(checker, distances):
    """CSV text built column-wise equals csv.writer over the table rows (errors, parcels, notes, quoting)."""
    import io

    from assistant.check.batch_output import csv_text, table_rows

    rows = _rows(300, 21)
    rows.insert(7, {"id": 'Q,"x"', "lon": rows[0]["lon"], "lat": rows[0]["lat"], "crs": ""})
    rows.insert(9, {"id": "平定", "lon": "113.63", "lat": "37.79", "crs": "gcj02"})  # outside 市辖区
    entries, batch = batch_entries(checker, rows, "cgcs2000", distances=distances)
    want = io.StringIO()
    csv.writer(want).writerows(table_rows(entries, batch, checker.layers, distances))
    assert csv_text(entries, batch, checker.layers, distances) == want.getvalue()
    assert '"Q,""x"""' in want.getvalue() and "图层仅覆盖市辖区" in want.getvalue()


def test_chunks_keep_order_line_numbers_and_equal_one_chunk(checker, tmp_path, capsys):
    rows = _rows(50, 9)
    path = tmp_path / "in.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, ["id", "lon", "lat", "crs", "parcel"])
        w.writeheader()
        w.writerows(rows)
    run_batch(checker, path, as_json=True, chunk_rows=7)
    small = capsys.readouterr().out
    run_batch(checker, path, as_json=True)
    assert small == capsys.readouterr().out
    lines = [json.loads(x) for x in small.splitlines()]
    assert [x["id"] for x in lines] == [r["id"] for r in rows]
    assert lines[3]["error"].startswith("第 5 行")  # header is line 1, "bad" is the 4th data row


def test_membership_only_table_has_no_distance_columns(checker, tmp_path, capsys):
    path = tmp_path / "in.csv"
    lon, lat = lonlat_at(500, 500)
    path.write_text(f"id,lon,lat\nA,{lon},{lat}\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    run_batch(checker, path, out=str(out), fields="inside")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == table_columns(checker.layers, distances=False)
    assert not any(c.endswith("_距离米") for c in rows[0])
    full = dict(zip(table_columns(checker.layers), _one_full_row(checker, path, tmp_path), strict=True))
    got = dict(zip(rows[0], rows[1], strict=True))
    assert got == {k: v for k, v in full.items() if not k.endswith("_距离米")}


def _one_full_row(checker, path, tmp_path):
    out = tmp_path / "full.csv"
    run_batch(checker, path, out=str(out))
    return list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))[1]
