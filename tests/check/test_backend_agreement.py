"""DuckDB and PostGIS give the same answers (issue 13): 1,000 random points and 20 red lines on the demo data.

The reference is the default: the in-memory checker loaded from the DuckDB file. It is compared with the
in-memory checker loaded from PostGIS and with the server checker (YQPLAN_CHECK_BACKEND=server), and the
engines' own overlap areas (check_overlap_wkt.sql, the same SQL on both) are compared with each other.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

from assistant import settings as settings_mod
from assistant.check.checker import LocationChecker
from assistant.check.server import ServerChecker
from assistant.geo import to_lonlat
from assistant.layers.build import build_database
from assistant.layers.sql import SqlRunner

SEED = 13
REL = 1e-4  # 0.01 %


@pytest.fixture(scope="module")
def stores(tmp_path_factory, pg_server):
    """The demo database as a DuckDB file and as a PostGIS store, built once."""
    path = tmp_path_factory.mktemp("agree") / "plan.duckdb"
    build_database(settings_mod.load({}).with_paths(db_path=str(path)), progress=None)
    return str(path), pg_server.store_from(path, "agree")


@pytest.fixture(scope="module")
def reference(stores):
    return LocationChecker.open(stores[0])


@pytest.fixture(scope="module")
def area(reference):
    """The 市辖区 outline (metric) and its bounds: points and red lines are drawn there and a little beyond."""
    return reference.admin.shixiaqu


def _points(area, n=1000):
    rng = np.random.default_rng(SEED)
    minx, miny, maxx, maxy = area.bounds
    xs, ys = rng.uniform(minx - 2000, maxx + 2000, n), rng.uniform(miny - 2000, maxy + 2000, n)
    lonlat = shapely.get_coordinates(to_lonlat(shapely.points(xs, ys)))
    return lonlat[:, 0], lonlat[:, 1]


def _redlines(area, n=20):
    rng = np.random.default_rng(SEED + 1)
    minx, miny, maxx, maxy = area.bounds
    lines = []
    while len(lines) < n:
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        w, h = rng.uniform(200, 3000, 2)
        poly = shapely.affinity.rotate(shapely.box(x, y, x + w, y + h), rng.uniform(0, 90))
        if area.intersects(poly):
            lines.append(to_lonlat(poly))
    return lines


def _membership(result) -> dict:
    return {(r["layer"], r["version"]): (r["inside"], tuple(sorted(f["feature_id"] for f in r["features"])))
            for r in result["layers"]}


def _overlaps(result) -> dict:
    return {(r["layer"], r["version"]): r["overlap_m2"] for r in result["layers"]}


@pytest.mark.parametrize("kind", ["memory", "server"])
def test_1000_random_points_agree(stores, reference, area, kind):
    lons, lats = _points(area)
    other = LocationChecker.open(stores[1]) if kind == "memory" else ServerChecker(stores[1])
    want, got = reference.check_many(lons, lats), other.check_many(lons, lats)
    inside = 0
    for i in range(len(lons)):
        a, b = want.row(i), got.row(i)
        assert _membership(a) == _membership(b), (i, lons[i], lats[i])
        assert a["in_scope"] == b["in_scope"] and a["location"] == b["location"]
        assert [r["distance_m"] for r in a["layers"]] == pytest.approx([r["distance_m"] for r in b["layers"]],
                                                                       abs=0.01)
        inside += any(r["inside"] for r in a["layers"])
    assert inside > 200  # the points do land in layers: an empty comparison would prove nothing


@pytest.mark.parametrize("kind", ["memory", "server"])
def test_20_red_lines_agree_within_a_hundredth_of_a_percent(stores, reference, area, kind):
    other = LocationChecker.open(stores[1]) if kind == "memory" else ServerChecker(stores[1])
    overlapping = 0
    for k, line in enumerate(_redlines(area)):
        a, b = reference.check_geometry(line, f"红线{k}"), other.check_geometry(line, f"红线{k}")
        assert {key: m[0] for key, m in _membership(a).items()} == {key: m[0] for key, m in _membership(b).items()}
        assert _membership(a) == _membership(b), k
        for key, m2 in _overlaps(a).items():
            assert _overlaps(b)[key] == pytest.approx(m2, rel=REL, abs=0.01), (k, key)
        assert a["notes"] == b["notes"] and a["changes"] == b["changes"]
        overlapping += any(r["inside"] for r in a["layers"])
    assert overlapping >= 10


def test_the_engines_measure_the_same_overlap_areas(stores, area):
    """The same SQL on both engines: GEOS in DuckDB vs GEOS in PostGIS, PROJ vs PROJ, within 0.01 %."""
    duck, pg = SqlRunner(stores[0]), SqlRunner(stores[1])
    measured = 0
    for line in _redlines(area):
        a = {(r[0], r[1]): (r[2], r[3]) for r in duck.run("check_overlap_wkt", wkt=line.wkt).rows}
        b = {(r[0], r[1]): (r[2], r[3]) for r in pg.run("check_overlap_wkt", wkt=line.wkt).rows}
        assert a.keys() == b.keys()
        for key, (n, m2) in a.items():
            assert b[key][0] == n and b[key][1] == pytest.approx(m2, rel=REL, abs=0.01), key
        measured += len(a)
    assert measured >= 20


def test_audit_strict_passes_on_postgis_with_the_same_verdicts(stores, capsys):
    from types import SimpleNamespace

    from assistant.layers import audit

    verdicts = []
    for s in (settings_mod.load({}).with_paths(db_path=stores[0]), settings_mod.load({"YQPLAN_DB_URL": stores[1]})):
        assert audit.cmd_audit(SimpleNamespace(json=True, strict=True), s) == 0
        report = json.loads(capsys.readouterr().out)
        verdicts.append({c["id"]: c["status"] for c in report["checks"]})
    assert verdicts[0] == verdicts[1] and len(verdicts[0]) > 10

