"""One-shot point checks from DuckDB's R-tree, the persisted index, and the SQL both rest on."""

from __future__ import annotations

import os

import numpy as np
import pytest
import shapely
from fixtures.layer_db import BOXES, CHANGES, build_fixture_db, lonlat_at
from pg_server import BACKENDS

from assistant.check import checker as checker_mod
from assistant.check.checker import LocationChecker, get_checker
from assistant.check.index import edge_chunks
from assistant.check.index_store import MAGIC, open_store, read_store, store_key, store_path
from assistant.layers.sql import SqlRunner

WORLD = {"xmin": -180.0, "ymin": -90.0, "xmax": 180.0, "ymax": 90.0}


def _around(dx: float, dy: float, pad: float = 1e-5) -> dict[str, float]:
    lon, lat = lonlat_at(dx, dy)
    return {"xmin": lon - pad, "ymin": lat - pad, "xmax": lon + pad, "ymax": lat + pad}


def _both(layer: str) -> set[tuple[str, str, str]]:
    return {(layer, v, fid) for version, fid, *_ in BOXES[layer] for v in ((version,) if version else ("维护前", "维护后"))}


@pytest.mark.parametrize("backend", BACKENDS)
def test_golden_one_shot_statements(request, fixture_db_path, backend):
    store = fixture_db_path if backend == "duckdb" else request.getfixturevalue("pg_fixture_url")
    runner = SqlRunner(store, max_rows=10**6)
    rows = runner.run("check_features_in_box", layers=[*BOXES, "行政区"], **_around(500, 500)).rows
    assert {r[:3] for r in rows if r[0] != "行政区"} == _both("永久基本农田") - {
        ("永久基本农田", "维护前", "JBNT-2"), ("永久基本农田", "维护后", "JBNT-3")}
    assert any(r[0] == "行政区" and r[3] == "郊区" for r in rows)
    # only the layers asked for (a wider search asks only for those still unanswered)
    assert runner.run("check_features_in_box", layers=["城市紫线"], **_around(500, 500)).rows == []
    assert {r[0] for r in runner.run("check_features_in_box", layers=["城市绿线"], **WORLD).rows} == {"城市绿线"}
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


@pytest.mark.parametrize("persisted", [False, True], ids=["duckdb-rtree", "persisted-index"])
def test_near_checker_answers_like_the_full_one(tmp_path, persisted):
    path = build_fixture_db(tmp_path / "plan.duckdb")
    checker = LocationChecker.open(path)
    if not persisted:
        store_path(path).unlink()
    assert (open_store(store_path(path), store_key(path)) is not None) is persisted
    rng = np.random.default_rng(21)
    for dx, dy in zip(rng.uniform(-4500, 4500, 40), rng.uniform(-4500, 6500, 40), strict=True):
        lon, lat = lonlat_at(dx, dy)
        near = LocationChecker.near(path, lon, lat)
        assert (near.runner is None) is persisted  # the persisted path never opens the database
        assert near.check_point(lon, lat) == checker.check_point(lon, lat), (dx, dy)
    # Far from the small layers (10 km+): the wider and whole-layer searches must still find the nearest.
    lon, lat = lonlat_at(-12000, 9000)
    assert LocationChecker.near(path, lon, lat).check_point(lon, lat) == checker.check_point(lon, lat)


def test_persisted_index_is_data_only_and_refuses_foreign_files(tmp_path):
    import pickle

    path = build_fixture_db(tmp_path / "plan.duckdb")
    first = LocationChecker.open(path)
    store = store_path(path)
    raw = store.read_bytes()
    assert raw.startswith(MAGIC) and b"pickle" not in raw[:64]
    key = store_key(path)
    assert read_store(store, key) is not None
    assert read_store(store, [*key[:-1], -1]) is None  # made from another file: ignored
    lon, lat = lonlat_at(500, 500)
    # A pickle put in its place is never loaded (it would run code): refused, the index is rebuilt.
    class Boom:
        def __reduce__(self):
            return (os.system, ("touch " + str(tmp_path / "pwned"),))
    store.write_bytes(pickle.dumps(Boom()))
    assert read_store(store, key) is None
    assert LocationChecker.open(path).check_point(lon, lat) == first.check_point(lon, lat)
    assert not (tmp_path / "pwned").exists()
    assert store.read_bytes().startswith(MAGIC)
    # A damaged file (cut short, arrays pointing outside it) is refused too.
    store.write_bytes(raw[: len(raw) // 2])
    assert read_store(store, key) is None
    assert LocationChecker.near(path, lon, lat).check_point(lon, lat) == first.check_point(lon, lat)


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
    assert store_path(path).exists()
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


def test_build_and_import_write_the_index_for_one_shot_checks(tmp_path, capsys):
    from assistant import cli
    from assistant.settings import load

    path = build_fixture_db(tmp_path / "plan.duckdb")
    assert not store_path(path).exists()
    cli.write_check_index(load({}).with_paths(db_path=str(path)))
    assert "选址核查索引已写入" in capsys.readouterr().err
    assert open_store(store_path(path), store_key(path)) is not None
    lon, lat = lonlat_at(500, 500)
    assert LocationChecker.near(path, lon, lat).runner is None
