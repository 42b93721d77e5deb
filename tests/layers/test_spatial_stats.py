"""Golden tests for spatial_sql/stats_layer_*.sql on the statistics fixture.

Expected values are computed here independently: the fixture's metric boxes (EPSG:4526) clipped with shapely
to the county lines of corpus/yangquan_admin.geojson projected by pyproj — not by the SQL under test.
"""

from __future__ import annotations

import re

import pytest
import shapely
from fixtures.layer_db import BOXES, CHANGES, admin_features, metric_box, to_metric
from fixtures.stats_db import EXTRA_CHANGES, build_stats_db, extra_features
from pg_server import BACKENDS, runner_on

from assistant.errors import InputError
from assistant.layers import stats

NAMES = ("stats_layer_summary", "stats_layer_features", "stats_layer_by_county", "stats_layer_classes")
COUNTIES = ("城区", "矿区", "郊区", "平定县", "盂县")


@pytest.fixture(scope="module", params=BACKENDS)
def runner(request, tmp_path_factory):
    """The statistics fixture on DuckDB and on PostGIS: the same statements, the same expected values."""
    path = build_stats_db(tmp_path_factory.mktemp("stats") / "plan.duckdb")
    return runner_on(request, request.param, path)


@pytest.fixture(scope="module")
def reference():
    """Every fixture feature and change as (layer, phase, feature_id, name, code, metric geometry)."""
    items = []
    for layer, rows in BOXES.items():
        for version, fid, name, code, offsets in rows:
            for v in [version] if version else ["维护前", "维护后"]:
                items.append((layer, v, fid, name, code, metric_box(offsets)))
    items += extra_features()
    by_id = {(i[0], i[2]): i for i in items}
    for layer, change, fid, offsets in CHANGES:
        _, _, _, name, code, _ = by_id[(layer, fid)]
        items.append((layer, change, fid, name, code, metric_box(offsets)))
    for layer, change, fid in EXTRA_CHANGES:
        _, _, _, name, code, geom = by_id[(layer, fid)]
        items.append((layer, change, fid, name, code, geom))
    return items


@pytest.fixture(scope="module")
def areas():
    admin = {name: to_metric(geom) for name, (_code, geom) in admin_features().items()}
    admin["市辖区"] = shapely.union_all([admin[n] for n in ("城区", "矿区", "郊区")])
    admin["中心城区范围"] = metric_box(BOXES["中心城区范围"][0][4])
    return admin


def expected_parts(reference, areas, layer, phase, area="", code="", name=""):
    out = []
    for lyr, ph, fid, nm, cd, geom in reference:
        bare = re.sub(r"^[0-9]+\s+", "", nm or "")
        if lyr != layer or ph != phase or (code and not (cd or "").startswith(code)) or (name and name not in (nm, bare)):
            continue
        m2 = geom.area if not area else geom.intersection(areas[area]).area
        if m2 > 0:
            out.append((fid, nm, cd, m2))
    return out


SUMMARY_CASES = [
    ("永久基本农田", ("维护前", "维护后"), "城区", "", ""),
    ("永久基本农田", ("维护前", "维护后"), "郊区", "", ""),
    ("永久基本农田", ("维护前", "维护后"), "矿区", "", ""),
    ("永久基本农田", ("维护前", "维护后"), "市辖区", "", ""),
    ("永久基本农田", ("调出", "调入"), "郊区", "", ""),
    ("永久基本农田", ("调入",), "城区", "", ""),
    ("永久基本农田", ("维护后",), "", "", ""),
    ("城镇开发边界", ("维护前", "维护后"), "平定县", "", ""),
    ("规划分区", ("维护前", "维护后"), "", "05", ""),
    ("中心城区用地", ("维护前", "维护后"), "中心城区范围", "07", ""),
    ("中心城区用地", ("维护后",), "", "", "城镇住宅用地"),
    ("城市紫线", ("维护后",), "中心城区范围", "", "南山宾馆"),
]


@pytest.mark.parametrize(("layer", "phases", "area", "code", "name"), SUMMARY_CASES,
                         ids=[f"{c[0]}-{'+'.join(c[1])}-{c[2] or '全部'}" for c in SUMMARY_CASES])
def test_layer_summary_matches_shapely(runner, reference, areas, layer, phases, area, code, name):
    rows = stats.layer_summary(runner, layer, phases, area, code, name).records()
    assert [r["phase"] for r in rows] == list(phases)
    for r in rows:
        parts = expected_parts(reference, areas, layer, r["phase"], area, code, name)
        m2 = sum(p[3] for p in parts)
        assert r["features"] == len(parts), r
        assert r["area_ha"] == pytest.approx(m2 / 10000, abs=1e-4), r
        assert r["area_mu"] == pytest.approx(m2 * 15 / 10000, abs=0.01), r
        assert r["layer_has_data"] is True


def test_versions_differ_where_the_fixture_differs(runner):
    """The fixture is built so 维护前 and 维护后 differ; a statement that ignored the version would fail here."""
    def ha(layer, area, code=""):
        return [r["area_ha"] for r in stats.layer_summary(runner, layer, ("维护前", "维护后"), area, code).records()]

    before, after = ha("城镇开发边界", "平定县")
    assert (before, after) == (pytest.approx(16.0, abs=1e-4), pytest.approx(36.0, abs=1e-4))
    before, after = ha("中心城区用地", "中心城区范围", "07")
    assert before == pytest.approx(800.0) and after == pytest.approx(800.0 + 50.0)  # YD-5: half of it inside
    before, after = ha("规划分区", "", "05")
    assert before == pytest.approx(200.0) and after == pytest.approx(150.0)


def test_a_county_the_layer_does_not_reach_has_no_data(runner):
    rows = stats.layer_summary(runner, "永久基本农田", ("维护前", "维护后"), "盂县").records()
    assert [(r["features"], r["area_ha"], r["layer_has_data"]) for r in rows] == [(0, 0.0, False)] * 2


def test_feature_list_gives_ids_and_clipped_areas(runner, reference, areas):
    rows = stats.layer_feature_list(runner, "永久基本农田", ("调入",), "城区").records()
    expected = expected_parts(reference, areas, "永久基本农田", "调入", "城区")
    assert [(r["feature_id"], r["name"]) for r in rows] == [(fid, nm) for fid, nm, _c, _m in expected] \
        == [("JBNT-4", "永久基本农田")]
    assert rows[0]["area_ha"] == pytest.approx(expected[0][3] / 10000, abs=1e-4)
    assert 0 < expected[0][3] < extra_features()[4][5].area  # the patch really is clipped
    listed = stats.layer_feature_list(runner, "永久基本农田", ("维护前", "维护后"), "郊区").records()
    assert [r["phase"] for r in listed] == ["维护前", "维护前", "维护后", "维护后", "维护后"]
    assert [r["feature_id"] for r in listed][:2] == ["JBNT-1", "JBNT-2"]  # largest first within a phase


def test_by_county_matches_shapely(runner, reference, areas):
    rows = stats.layer_by_county(runner, "永久基本农田", ("维护后",)).records()
    expected = {}
    for county in COUNTIES:
        parts = expected_parts(reference, areas, "永久基本农田", "维护后", county)
        if parts:
            expected[county] = (len(parts), sum(p[3] for p in parts) / 10000)
    assert {r["county"] for r in rows} == set(expected) and len(expected) >= 2
    for r in rows:
        n, ha = expected[r["county"]]
        assert r["features"] == n and r["area_ha"] == pytest.approx(ha, abs=1e-4)
    assert [r["area_ha"] for r in rows] == sorted((r["area_ha"] for r in rows), reverse=True)


def test_classes_come_from_the_data(runner):
    rows = set(stats.layer_classes(runner).rows)
    assert ("规划分区", "乡村发展区", "05", 1) in rows and ("规划分区", "村庄建设区", "0501", 1) in rows
    assert ("中心城区用地", "0703 农村宅基地", "0703", 1) in rows
    assert not any(r[0] in ("行政区", "市辖区") for r in rows)


def test_bad_selections_get_chinese_errors(runner):
    with pytest.raises(InputError, match="图层"):
        stats.layer_summary(runner, "耕地", ("维护后",), "郊区")
    with pytest.raises(InputError, match="阶段"):
        stats.layer_summary(runner, "永久基本农田", ("现状",), "郊区")
    with pytest.raises(InputError, match="统计范围"):
        stats.layer_summary(runner, "永久基本农田", ("维护后",), "北京")
