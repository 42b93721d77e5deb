"""The check index is exact: its pieces keep every square metre, and its memberships equal a plain STRtree's."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely

from assistant.check.checker import LocationChecker
from assistant.check.index import subdivide
from assistant.geo import points_to_lonlat, to_metric
from assistant.layers import db


def test_subdivide_keeps_area_where_clip_by_rect_lost_it():
    # A comb: many thin teeth make clip_by_rect return pieces whose areas do not add up (issue 10).
    rng = np.random.default_rng(3)
    angles = np.linspace(0, 2 * np.pi, 4001)[:-1]
    radii = 1000 + rng.uniform(-300, 300, angles.size)
    star = shapely.Polygon(np.column_stack([radii * np.cos(angles), radii * np.sin(angles)]))
    holed = shapely.difference(star, shapely.Point(0, 0).buffer(200, 64))
    for geom in (star, holed, shapely.MultiPolygon([star, shapely.box(3000, 0, 3500, 700)])):
        pieces = subdivide(geom, 16)
        assert len(pieces) > 50
        assert all(p.geom_type in ("Polygon", "MultiPolygon") for p in pieces)
        assert sum(p.area for p in pieces) == pytest.approx(geom.area, rel=1e-9)
        assert shapely.union_all(pieces).symmetric_difference(geom).area < 1e-6 * geom.area


def test_subdivide_keeps_the_piece_clip_by_rect_dropped():
    # tests/fixtures/clip_by_rect_loss.wkt is the depth-10 piece of the scale-1 demo 中心城区范围 (EPSG:4526,
    # full precision) on which `clip_by_rect` returned an empty upper half: 151,380 m² lost (issue 10).
    geom = shapely.from_wkt((Path(__file__).parents[1] / "fixtures" / "clip_by_rect_loss.wkt").read_text())
    assert geom.is_valid and shapely.get_num_coordinates(geom) > 64
    pieces = subdivide(geom, 64)
    assert len(pieces) >= 2
    assert sum(p.area for p in pieces) == pytest.approx(geom.area, rel=1e-9)
    inside = shapely.Point(geom.bounds[0] + 30, geom.bounds[3] - 5)  # in the upper half that was lost
    assert geom.contains(inside) and any(p.intersects(inside) for p in pieces)


def _raw_layers(path) -> dict[tuple[str, str], np.ndarray]:
    """Every feature straight from DuckDB, projected without the checker."""
    con = db.connect(path, read_only=True)
    rows = con.execute("SELECT layer, version, ST_AsWKB(geom) FROM layer_features ORDER BY layer, version, feature_id").fetchall()
    con.close()
    out: dict[tuple[str, str], list] = {}
    for layer, version, wkb in rows:
        out.setdefault((layer, version), []).append(bytes(wkb))
    return {key: to_metric(shapely.from_wkb(wkbs)) for key, wkbs in out.items()}


def _random_points_in(area: shapely.Geometry, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = area.bounds
    shapely.prepare(area)
    xs, ys = np.empty(0), np.empty(0)
    while xs.size < n:
        x, y = rng.uniform(minx, maxx, 2 * n), rng.uniform(miny, maxy, 2 * n)
        keep = shapely.contains_xy(area, x, y)
        xs, ys = np.concatenate([xs, x[keep]]), np.concatenate([ys, y[keep]])
    return xs[:n], ys[:n]


def assert_exact(path, n: int, seed: int) -> None:
    raw = _raw_layers(path)
    checker = LocationChecker.open(path)
    try:
        for idx in checker.layers:
            whole = shapely.area(raw[(idx.layer, idx.version)])
            got = np.bincount(idx.piece_owner, weights=shapely.area(idx.pieces), minlength=len(whole))
            assert np.allclose(got, whole, rtol=1e-9, atol=1e-6), (idx.layer, idx.version)
        scope = shapely.union_all(raw[("市辖区", "维护后")])
        x, y = _random_points_in(scope, n, seed)
        lons, lats = points_to_lonlat(x, y)
        batch = checker.check_many(lons, lats)
        assert batch.in_scope.sum() >= n - 5  # a few may fall on the projection round trip's edge
        points = shapely.points(x, y)
        tree = shapely.STRtree(points)  # plain STRtree over the points; each feature is the query
        mismatches = {}
        for k, idx in enumerate(checker.layers):
            found = tree.query(raw[(idx.layer, idx.version)], predicate="intersects")
            expected = np.zeros(n, dtype=bool)
            expected[found[1]] = True
            wrong = int(((expected != batch.inside[k]) & batch.in_scope).sum())
            if wrong:
                mismatches[(idx.layer, idx.version)] = wrong
        assert mismatches == {}
    finally:
        checker.runner.close()


@pytest.mark.slow
def test_memberships_agree_with_strtree_scale_1(built_settings):
    assert_exact(built_settings.db_path, 100_000, seed=101)


@pytest.mark.slow
def test_memberships_agree_with_strtree_scale_10(tmp_path_factory):
    from assistant import settings as settings_mod
    from assistant.layers.build import build_database

    root = tmp_path_factory.mktemp("scale10")
    s = settings_mod.load({}).with_paths(index_dir=str(root), db_path=str(root / "plan.duckdb"))
    build_database(s, scale=10, progress=lambda message: None)
    assert_exact(s.db_path, 20_000, seed=102)
