"""--demo-scale N multiplies feature counts and keeps every total, balance and audit result of scale 1."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from assistant.demo import subdivide as demo_subdivide
from assistant.demo.geom import Collector
from assistant.demo.parcels import PARCELS_PER_SCALE
from assistant.demo.tables import PROJECT_STATUS_COUNTS
from assistant.layers import audit, build, db
from assistant.layers.audit_checks import FAIL
from assistant.settings import Settings

SPLIT = set(demo_subdivide.SPLIT_FEATURE_LAYERS)


def test_grid_pieces_tile_each_polygon_with_about_n_pieces():
    ring = shapely.Point(0, 0).buffer(300).difference(shapely.Point(40, 0).buffer(120))
    thin = shapely.box(0, 0, 2000, 15)
    for poly in (ring, thin, shapely.box(5, 5, 6, 6)):
        for n in (5, 20):
            pieces = demo_subdivide.grid_pieces([poly], n)[0]
            assert sum(p.area for p in pieces) == pytest.approx(poly.area, rel=1e-12)
            assert shapely.union_all(pieces).symmetric_difference(poly).area < 1e-6 * poly.area
            assert n / 2 <= len(pieces) <= 2 * n + 4, (poly.geom_type, n, len(pieces))
            assert all(p.geom_type in ("Polygon", "MultiPolygon") for p in pieces)


def test_voronoi_split_gives_exactly_n_adjoining_pieces():
    poly = shapely.box(0, 0, 120, 80)
    pieces = demo_subdivide.voronoi_split(np.random.default_rng(1), poly, 7)
    assert len(pieces) == 7
    assert sum(p.area for p in pieces) == pytest.approx(poly.area, rel=1e-12)
    assert demo_subdivide.voronoi_split(np.random.default_rng(1), poly, 1) == [poly]


def test_subdivide_keeps_shared_geometries_shared():
    out = Collector()
    shared = shapely.box(0, 0, 100, 100)
    out.feature("永久基本农田", ("维护前", "维护后"), "YJJBNT-1", "永久基本农田", None, shared)
    out.change("永久基本农田", "调出", "YJJBNT-1", shared)
    out.feature("城市紫线", ("维护前",), "CSZX-1", "紫线", None, shapely.box(200, 0, 210, 10))
    new = demo_subdivide.subdivide(out, 4)
    before = [f[5] for f in new.features if f[1] == "维护前" and f[0] == "永久基本农田"]
    after = [f[5] for f in new.features if f[1] == "维护后"]
    assert len(before) >= 3 and all(a is b for a, b in zip(before, after, strict=True))
    assert [c[3] for c in new.changes] == before
    assert [f[2] for f in new.features if f[0] == "城市紫线"] == ["CSZX-1"]
    assert demo_subdivide.subdivide(out, 1) is out


def _build(tmp_path, scale: int):
    path = build.build_database(Settings().with_paths(db_path=str(tmp_path / f"s{scale}.duckdb")), scale=scale,
                                progress=None)
    return db.connect(path)


@pytest.mark.slow
def test_scale_three_keeps_every_total_and_multiplies_counts(tmp_path):
    one, three = _build(tmp_path, 1), _build(tmp_path, 3)
    sql = {"features": "SELECT layer, version, count(*), sum(area_m2) FROM features GROUP BY ALL ORDER BY ALL",
           "changes": "SELECT layer, change, count(*), sum(area_m2) FROM changes GROUP BY ALL ORDER BY ALL"}
    for table, query in sql.items():
        base = {r[:2]: r[2:] for r in one.execute(query).fetchall()}
        scaled = {r[:2]: r[2:] for r in three.execute(query).fetchall()}
        assert set(base) == set(scaled), table
        for key, (n1, m1) in base.items():
            n3, m3 = scaled[key]
            assert m3 == pytest.approx(m1, rel=1e-9, abs=1e-3), (table, key)
            split = key[0] in (SPLIT if table == "features" else set(demo_subdivide.SPLIT_CHANGE_LAYERS))
            if split:
                assert 2 * n1 <= n3 <= 5 * n1, (table, key, n1, n3)
            else:
                assert n3 == n1, (table, key)
    total = three.execute("SELECT count(*) FROM features").fetchone()[0]
    assert total >= 2.5 * one.execute("SELECT count(*) FROM features").fetchone()[0]

    statuses = dict(three.execute("SELECT status, count(*) FROM key_projects GROUP BY ALL").fetchall())
    assert statuses == PROJECT_STATUS_COUNTS and sum(statuses.values()) == 564
    assert three.execute("SELECT count(*) FROM parcels").fetchone()[0] == 3 * PARCELS_PER_SCALE
    assert three.execute("""SELECT count(*) FROM parcels a JOIN parcels b ON a.unit_id < b.unit_id
                            AND ST_Intersects(a.geom, b.geom)
                            AND ST_Area(ST_Intersection(a.geom, b.geom)) > 1e-12""").fetchone()[0] == 0
    assert three.execute("SELECT count(DISTINCT unit_id) FROM parcels").fetchone()[0] == 3 * PARCELS_PER_SCALE

    # Balances, no overlaps of the three lines, 规划分区 tiling 市辖区, everything inside: the audit.
    report = audit.run_audit(three)
    failed = [(c.id, c.value, c.detail) for c in report.checks if c.status == FAIL]
    assert not failed and report.passed
    one.close()
    three.close()
