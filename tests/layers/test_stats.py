"""Golden tests for spatial_sql/stats_*.sql and check_*.sql on the hand-made fixture database."""

from __future__ import annotations

import pytest
from fixtures.layer_db import build_fixture_db
from pg_server import BACKENDS, runner_on

from assistant.errors import InputError
from assistant.layers import stats
from assistant.plan.vocabulary import CHECK_LAYERS


@pytest.fixture(scope="module", params=BACKENDS)
def runner(request, tmp_path_factory):
    """The fixture database on DuckDB and on PostGIS: every golden test runs on both backends."""
    path = build_fixture_db(tmp_path_factory.mktemp("layers") / "plan.duckdb")
    return runner_on(request, request.param, path)


# (statement, params, expected rows) — areas come from the fixture's boxes in EPSG:4526 metres.
GOLDEN = [
    ("stats_layer_area", {"layer": "永久基本农田", "version": "维护后", "area": "郊区"},
     [("永久基本农田", "维护后", "郊区", 2, 125.0, 1875.0)]),
    ("stats_layer_area", {"layer": "永久基本农田", "version": "维护前", "area": "市辖区"},
     [("永久基本农田", "维护前", "市辖区", 2, 125.0, 1875.0)]),
    ("stats_layer_area", {"layer": "永久基本农田", "version": "维护后", "area": "城区"},
     [("永久基本农田", "维护后", "城区", 0, 0.0, 0.0)]),
    ("stats_layer_area", {"layer": "规划分区", "version": "维护后", "area": "中心城区范围"},
     [("规划分区", "维护后", "中心城区范围", 1, 2000.0, 30000.0)]),
    ("stats_land_use", {"version": "维护前"},
     [("0701", "城镇住宅用地", 800.0, 12000.0, 0.4), ("1001", "工业用地", 900.0, 13500.0, 0.45),
      ("1401", "公园绿地", 300.0, 4500.0, 0.15)]),
    ("stats_land_use", {"version": "维护后"},
     [("0701", "城镇住宅用地", 800.0, 12000.0, 0.4), ("0901", "商业用地", 900.0, 13500.0, 0.45),
      ("1401", "公园绿地", 300.0, 4500.0, 0.15)]),
    ("stats_projects_by_status", {}, [("实施", 1), ("延续", 1), ("新增", 2)]),
    ("stats_projects_by_method", {}, [("精准上图", 1), ("示意上图", 2), ("增补清单", 1)]),
    ("stats_projects_in_area", {"area": "中心城区范围"},
     [("P1", "阳泉东站扩建", "实施", "精准上图", "交通", "郊区"),
      ("P4", "城区消防站", "新增", "示意上图", "公共服务", "城区")]),
    ("stats_projects_in_area", {"area": "盂县"}, [("P3", "盂县水库", "延续", "增补清单", "水利", "盂县")]),
    ("stats_projects_near_place", {"place": "河底镇", "distance_m": 2000.0},
     [("P2", "郊区养老中心", "新增", "示意上图", "公共服务", "郊区", 141.4),
      ("P4", "城区消防站", "新增", "示意上图", "公共服务", "城区", 1941.6)]),
    ("projects_list", {"status": "新增", "method": "", "category": ""},
     [("P2", "郊区养老中心", "新增", "示意上图", "公共服务", "郊区"),
      ("P4", "城区消防站", "新增", "示意上图", "公共服务", "城区")]),
    ("projects_list", {"status": "", "method": "增补清单", "category": ""},
     [("P3", "盂县水库", "延续", "增补清单", "水利", "盂县")]),
    ("projects_list", {"status": "", "method": "", "category": "交通"},
     [("P1", "阳泉东站扩建", "实施", "精准上图", "交通", "郊区")]),
    ("project_categories", {}, [("交通",), ("公共服务",), ("水利",)]),
    ("check_layer_status", {}, None),
    ("check_places", {},
     [("义井村", "村", "城区"), ("义井镇", "镇", "城区"), ("河底镇", "镇", "郊区"), ("荫营镇", "镇", "郊区")]),
    ("check_find_parcel", {"unit_id": "", "plot_no": "DK-001"},
     [("140311001001GB00001F00010001", "DK-001", "郊区", "耕地", True, 40000.0)]),
    ("check_find_parcel", {"unit_id": "140311001001GB00001F00010001", "plot_no": ""},
     [("140311001001GB00001F00010001", "DK-001", "郊区", "耕地", True, 40000.0)]),
    ("check_find_parcel", {"unit_id": "", "plot_no": "DK-999"}, []),
]


@pytest.mark.parametrize(("name", "params", "expected"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden(runner, name, params, expected):
    result = runner.run(name, **params)
    rows = result.rows
    if name == "check_layer_status":
        assert ("永久基本农田", True, "demo") in rows and ("行政区", False, "admin") in rows
        return
    if name == "check_places":
        rows = [r[:3] for r in rows]
    if name == "check_find_parcel":
        rows = [(*r[:5], round(r[5], 2)) for r in rows]
    assert rows == expected


def test_check_layer_features_and_changes(runner):
    features = runner.run("check_layer_features")
    assert features.columns == ["layer", "version", "feature_id", "name", "code", "demo", "wkb"]
    # Each box once per version it belongs to, plus 市辖区 and 6 行政区 features in both versions.
    assert len(features.rows) == 28 + 2 + 12
    assert features.rows[0][:5] == ("中心城区用地", "维护前", "YD-1", "城镇住宅用地", "0701")
    changes = runner.run("check_layer_changes").rows
    assert [r[:3] for r in changes] == [("永久基本农田", "调入", "JBNT-3"), ("永久基本农田", "调出", "JBNT-2")]


def test_every_named_statement_has_a_golden_test():
    from assistant.layers.sql import all_named

    spatial = {"stats_layer_summary", "stats_layer_features", "stats_layer_by_county", "stats_layer_classes"}
    mine = {n for n in all_named() if n.startswith(("stats_", "check_"))}
    # the one-shot check statements have their golden test in tests/check/test_check_near.py
    one_shot = {"check_features_in_box", "check_layer_nearest_in_box", "check_admin_features",
                "check_changes_in_box", "check_layer_versions"}
    one_shot |= {"check_overlap_wkt"}  # golden test below (and engine agreement in tests/check/)
    assert mine <= {g[0] for g in GOLDEN} | {"check_layer_features", "check_layer_changes"} | spatial | one_shot


def test_stats_functions_validate_and_carry_sql(runner):
    result = stats.layer_area(runner, "永久基本农田", "维护后", "郊区")
    assert result.records()[0]["area_ha"] == 125.0
    table = result.table("郊区永久基本农田面积")
    assert "ST_Intersection" in table["sql"] and table["rows"][0][4] == 125.0
    assert stats.layer_area(runner, "中心城区用地", "维护后", "中心城区").rows[0][4] == 2000.0
    assert stats.land_use_composition(runner, "维护后").rows[1][1] == "商业用地"
    assert stats.projects_by_status(runner).rows[0] == ("实施", 1)
    assert stats.projects_by_method(runner).rows[-1] == ("增补清单", 1)
    assert [r[0] for r in stats.projects_in_area(runner, "郊区").rows] == ["P1", "P2", "P4"]
    assert [r[0] for r in stats.projects_near_place(runner, "河底镇", 500).rows] == ["P2"]
    with pytest.raises(InputError, match="版本"):
        stats.layer_area(runner, "永久基本农田", "现状", "郊区")
    with pytest.raises(InputError, match="统计范围"):
        stats.layer_area(runner, "永久基本农田", "维护后", "北京")
    with pytest.raises(InputError, match="图层"):
        stats.layer_area(runner, "耕地", "维护后", "郊区")
    with pytest.raises(InputError, match="地名库中没有"):
        stats.projects_near_place(runner, "北京路", 500)


def test_projects_near_place_radius_and_place_name(runner):
    # P2 is 141 m from 河底镇, P4 1942 m: the default radius is 1 km
    assert [r[0] for r in stats.projects_near_place(runner, "河底镇").rows] == ["P2"]
    assert [r[0] for r in stats.projects_near_place(runner, " 河底镇 ", 2000).rows] == ["P2", "P4"]
    assert len(stats.projects_near_place(runner, "河底镇", 50_000).rows) == 3  # the largest radius allowed
    for bad in (0, -5, 50_000.5):
        with pytest.raises(InputError, match="0 到 50000 米"):
            stats.projects_near_place(runner, "河底镇", bad)


def test_area_names_people_use_are_understood(runner):
    whole = stats.projects_in_area(runner, "市辖区").rows
    assert stats.projects_in_area(runner, "市区").rows == whole == stats.projects_in_area(runner, " 阳泉市区 ").rows
    centre = stats.layer_area(runner, "中心城区用地", "维护后", "中心城区").records()[0]
    assert centre["area"] == "中心城区范围" and centre["area_ha"] == 2000.0
    with pytest.raises(InputError, match="可选：城区、矿区、郊区、市辖区、中心城区范围"):
        stats.layer_area(runner, "永久基本农田", "维护后", "平定县")  # counties have no layer data to clip
    with pytest.raises(InputError, match="版本“现状”无效"):
        stats.land_use_composition(runner, "现状")


def test_summary_selection_is_validated(runner):
    for layer, phases, area in (("耕地", ["维护后"], ""), ("永久基本农田", [], ""),
                                ("永久基本农田", ["维护后", "现状"], ""), ("永久基本农田", ["维护后"], "北京")):
        with pytest.raises(InputError):
            stats.layer_summary(runner, layer, phases, area)
    with pytest.raises(InputError, match="阶段应为维护前、维护后、调出、调入中的一个或几个"):
        stats.layer_by_county(runner, "永久基本农田", ["现状"])
    with pytest.raises(InputError, match="可选：城区、矿区"):  # the "all" entry is not listed as "、城区"
        stats.layer_summary(runner, "永久基本农田", ["维护后"], "北京")


def test_check_overlap_wkt_golden(runner):
    """A 1 km square red line over JBNT-1 (1 km square) with a 500 m offset: a quarter of each overlaps."""
    from fixtures.layer_db import metric_box, to_lonlat

    red = to_lonlat(metric_box((500, 500, 1500, 1500)))
    rows = {(r[0], r[1]): (r[2], r[3]) for r in runner.run("check_overlap_wkt", wkt=red.wkt).rows}
    for version in ("维护前", "维护后"):
        assert rows[("永久基本农田", version)] == (1, pytest.approx(250_000, abs=5))
        assert rows[("行政区", version)] == (2, pytest.approx(2_000_000, abs=10))  # wholly in 阳泉市 and in 郊区
    assert ("城镇开发边界", "维护后") not in rows


def test_batch_points_membership_golden(runner):
    """Points pushed to the engine as a temp table and joined once: inside JBNT-1, inside the 维护前-only
    JBNT-2, and far outside every layer box (but inside 郊区)."""
    from fixtures.layer_db import lonlat_at

    pts = [lonlat_at(500, 500), lonlat_at(2200, 200), lonlat_at(-6000, -6000)]
    rows = runner.run_with_points("batch_points_membership", [p[0] for p in pts], [p[1] for p in pts]).rows
    got = {(r[0], r[1]): list(r[2]) for r in rows}
    assert got[("永久基本农田", "维护前")] == [0, 1] and got[("永久基本农田", "维护后")] == [0]
    assert 2 not in {i for key, ids in got.items() if key[0] not in ("行政区", "市辖区") for i in ids}
    assert got[("市辖区", "维护后")] == [0, 1, 2]


def test_wrapper_defaults_and_exact_messages(runner):
    """The defaults a caller leaves out, and the full text of the errors users read."""
    layers = "、".join(CHECK_LAYERS)
    for call in (lambda: stats.layer_area(runner, "耕地", "维护后", "郊区"),
                 lambda: stats.layer_summary(runner, "耕地", ["维护后"])):
        with pytest.raises(InputError) as err:
            call()
        assert str(err.value) == f"图层“耕地”不存在，可选：{layers}。"
    with pytest.raises(InputError) as err:
        stats.projects_near_place(runner, "河底镇", 0)
    assert str(err.value) == "搜索半径应在 0 到 50000 米之间，请调整后重试。"
    assert stats.projects_near_place(runner, "河底镇").params["distance_m"] == 1000.0
    assert stats.projects_near_place(runner, "河底镇", 0.5).rows == []  # any positive radius is allowed
    whole = stats.layer_summary(runner, "永久基本农田", ["维护后"], "", "", "")
    assert whole.rows and stats.layer_summary(runner, "永久基本农田", ["维护后"]).rows == whole.rows
    listed = stats.layer_feature_list(runner, "永久基本农田", ["维护后"], "", "", "")
    assert listed.rows and stats.layer_feature_list(runner, "永久基本农田", ["维护后"]).rows == listed.rows
