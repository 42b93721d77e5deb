"""One-shot point checks from DuckDB's R-tree, the persisted index, and the SQL both rest on."""

from __future__ import annotations

import os

import numpy as np
import pytest
import shapely
from fixtures.layer_db import BOXES, CHANGES, build_fixture_db, lonlat_at

from assistant.check import checker as checker_mod
from assistant.check.checker import LocationChecker, get_checker
from assistant.check.index import cache_path, edge_chunks
from assistant.layers.sql import SqlRunner

WORLD = {"xmin": -180.0, "ymin": -90.0, "xmax": 180.0, "ymax": 90.0}


def _around(dx: float, dy: float, pad: float = 1e-5) -> dict[str, float]:
    lon, lat = lonlat_at(dx, dy)
    return {"xmin": lon - pad, "ymin": lat - pad, "xmax": lon + pad, "ymax": lat + pad}


def _both(layer: str) -> set[tuple[str, str, str]]:
    return {(layer, v, fid) for version, fid, *_ in BOXES[layer] for v in ((version,) if version else ("维护前", "维护后"))}


def test_golden_one_shot_statements(fixture_db_path):
    runner = SqlRunner(fixture_db_path, max_rows=10**6)
    rows = runner.run("check_features_in_box", **_around(500, 500)).rows
    assert {r[:3] for r in rows if r[0] not in ("行政区", "市辖区")} == _both("永久基本农田") - {
        ("永久基本农田", "维护前", "JBNT-2"), ("永久基本农田", "维护后", "JBNT-3")}
    assert any(r[0] == "行政区" and r[3] == "郊区" for r in rows)
    from fixtures.layer_db import OX, OY

    nearest = runner.run("check_layer_nearest_in_box", layer="永久基本农田", x=OX + 2700, y=OY + 250, **WORLD).rows
    # 200 m from JBNT-2 (维护前 only) and 300 m from JBNT-3 (维护后 only); JBNT-1 is 1700 m away
    assert [r[:3] for r in nearest] == [("永久基本农田", "维护前", "JBNT-2"), ("永久基本农田", "维护后", "JBNT-3")]
    assert runner.run("check_layer_nearest_in_box", layer="城市紫线", x=OX, y=OY, **WORLD).rows[0][:4] == (
        "城市紫线", "维护前", "ZX-1", "南山宾馆")
    assert runner.run("check_layer_nearest_in_box", layer="城市紫线", x=OX, y=OY, **_around(500, 500)).rows == []
    admin = runner.run("check_admin_features").rows
    assert {r[0] for r in admin} == {"行政区", "市辖区"}
    assert {"城区", "矿区", "郊区", "平定县", "盂县"} <= {r[3] for r in admin}
    changes = runner.run("check_changes_in_box", **_around(3200, 200)).rows
    assert [r[:3] for r in changes] == [(layer, change, fid) for layer, change, fid, _ in CHANGES if fid == "JBNT-3"]
    versions = set(runner.run("check_layer_versions").rows)
    assert {(layer, v) for layer in BOXES for (_, v, _) in _both(layer)} <= versions


def test_near_checker_answers_like_the_full_one(checker, fixture_db_path):
    rng = np.random.default_rng(21)
    for dx, dy in zip(rng.uniform(-4500, 4500, 40), rng.uniform(-4500, 6500, 40), strict=True):
        lon, lat = lonlat_at(dx, dy)
        near = LocationChecker.near(fixture_db_path, lon, lat)
        assert near.check_point(lon, lat) == checker.check_point(lon, lat), (dx, dy)
    # Far from the small layers (10 km+): the wider and whole-layer searches must still find the nearest.
    lon, lat = lonlat_at(-12000, 9000)
    assert LocationChecker.near(fixture_db_path, lon, lat).check_point(lon, lat) == checker.check_point(lon, lat)


@pytest.mark.slow
def test_near_checker_on_the_demo_database(built_settings):
    from assistant.check import bench

    full = LocationChecker.open(built_settings.db_path)
    lons, lats = bench.random_points(full, 25, 31)
    for lon, lat in zip(lons.tolist(), lats.tolist(), strict=True):
        near = LocationChecker.near(built_settings.db_path, lon, lat)
        assert near.check_point(lon, lat) == full.check_point(lon, lat)


def test_edge_chunks_cover_every_edge_once():
    ring = shapely.Polygon(np.column_stack([np.cos(np.linspace(0, 6.28, 50)), np.sin(np.linspace(0, 6.28, 50))]))
    holed = shapely.difference(shapely.box(-3, -3, 3, 3), ring)
    geoms = np.array([ring, holed, shapely.box(5, 5, 6, 6)], dtype=object)
    edges, owner = edge_chunks(shapely.boundary(geoms), max_vertices=16)
    assert shapely.get_num_coordinates(edges).max() <= 16
    for i, g in enumerate(geoms):
        mine = edges[owner == i]
        # same length and same lines: nothing lost, nothing doubled
        assert shapely.length(mine).sum() == pytest.approx(g.boundary.length, rel=1e-12)
        assert shapely.union_all(mine).equals(g.boundary)


def test_index_persists_and_follows_a_rebuilt_file(tmp_path):
    path = build_fixture_db(tmp_path / "plan.duckdb")
    first = LocationChecker.open(path)
    assert cache_path(path).exists()
    lon, lat = lonlat_at(500, 500)
    again = LocationChecker.open(path)  # from the persisted pieces
    assert again.check_point(lon, lat) == first.check_point(lon, lat)
    assert [len(i.pieces) for i in again.layers] == [len(i.pieces) for i in first.layers]
    assert again.check_point(lon, lat)["demo_data"] is True
    # Replace the file as build/import do: the persisted index and the shared checker must follow.
    checker_mod._OPEN.clear()
    assert get_checker(path).check_point(lon, lat)["demo_data"] is True
    other = build_fixture_db(tmp_path / "real.duckdb", demo=False)
    os.replace(other, path)
    assert LocationChecker.open(path).check_point(lon, lat)["demo_data"] is False
    assert get_checker(path).check_point(lon, lat)["demo_data"] is False
