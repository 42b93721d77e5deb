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
