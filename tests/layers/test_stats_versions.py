"""Layer statistics read the version asked for: every layer differs between 维护前 and 维护后 here.

Expected values come from tests/fixtures/stats_reference.py (shapely + pyproj on the fixture's boxes),
never from the SQL under test.
"""

from __future__ import annotations

import pytest
from fixtures import stats_reference as ref
from pg_server import BACKENDS, runner_on

from assistant.layers import stats
from assistant.plan.vocabulary import CHECK_LAYERS

AREAS = ("城区", "矿区", "郊区", "市辖区", "中心城区范围")
VERSIONS = ("维护前", "维护后")


@pytest.fixture(scope="module", params=BACKENDS)
def runner(request, tmp_path_factory):
    """The versioned fixture on DuckDB and on PostGIS: the same statements must give the same areas."""
    if request.param == "duckdb":
        return request.getfixturevalue("versioned_runner")
    from fixtures.versions_db import build_versioned_db

    path = build_versioned_db(tmp_path_factory.mktemp("versioned_pg") / "plan.duckdb")
    return runner_on(request, "postgis", path)


@pytest.mark.parametrize("layer", CHECK_LAYERS)
def test_fixture_versions_differ_for_every_layer(layer):
    before, after = (ref.layer_area(layer, v, "市辖区")[1] for v in VERSIONS)
    assert before > 0 and after > 0 and abs(before - after) >= 0.1 * before  # 10 % apart: far above rounding


@pytest.mark.parametrize("layer", CHECK_LAYERS)
@pytest.mark.parametrize("version", VERSIONS)
def test_layer_area_matches_independent_areas(runner, layer, version):
    for area in AREAS:
        count, m2 = ref.layer_area(layer, version, area)
        row = stats.layer_area(runner, layer, version, area).records()[0]
        assert (row["layer"], row["version"], row["area"]) == (layer, version, area)
        assert row["features"] == count, area
        assert row["area_ha"] == pytest.approx(m2 / ref.M2_PER_HA, abs=2e-4), area
        assert row["area_mu"] == pytest.approx(m2 / ref.M2_PER_MU, abs=0.01), area


@pytest.mark.parametrize("version", VERSIONS)
def test_land_use_composition_matches_independent_areas(runner, version):
    expected = ref.land_use(version)
    total = sum(expected.values())
    rows = stats.land_use_composition(runner, version).records()
    assert {(r["code"], r["name"]) for r in rows} == set(expected)
    for r in rows:
        m2 = expected[(r["code"], r["name"])]
        assert r["area_ha"] == pytest.approx(m2 / ref.M2_PER_HA, abs=2e-4)
        assert r["area_mu"] == pytest.approx(m2 / ref.M2_PER_MU, abs=0.01)
        assert r["share"] == pytest.approx(m2 / total, abs=1e-4)
