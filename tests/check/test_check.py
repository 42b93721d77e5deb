"""Location check engine against the hand-made fixture layers, cross-checked with shapely and DuckDB."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from fixtures.layer_db import BOXES, OX, OY, build_fixture_db, lonlat_at, metric_box, to_lonlat, to_metric

from assistant.check.checker import DEMO_NOTE, LocationChecker, near_note
from assistant.errors import InputError
from assistant.layers import db
from assistant.plan import rules
from assistant.plan.vocabulary import CHECK_LAYERS
from assistant.settings import ROOT

RESULT_KEYS = {"query", "location", "in_scope", "layers", "changes", "citations", "demo_data", "notes"}
LAYER_KEYS = {"layer", "version", "inside", "overlap_m2", "overlap_ha", "overlap_mu", "share", "distance_m",
              "features"}


def layer_row(result, layer, version="维护后"):
    return next(r for r in result["layers"] if r["layer"] == layer and r["version"] == version)


def test_contract_keys_and_one_row_per_layer_version(checker):
    result = checker.check_point(*lonlat_at(500, 500))
    assert set(result) == RESULT_KEYS
    assert set(result["location"]) == {"lon", "lat", "district"}
    assert [(r["layer"], r["version"]) for r in result["layers"]] == [
        (layer, v) for layer in CHECK_LAYERS for v in ("维护前", "维护后")]
    for row in result["layers"]:
        assert set(row) == LAYER_KEYS
        assert all(set(f) == {"feature_id", "name", "code"} for f in row["features"])
    for cite in result["citations"]:
        assert set(cite) == {"doc", "section", "quote"}


def test_point_one_metre_inside_and_outside_farmland(checker):
    inside = checker.check_point(*lonlat_at(999, 500))
    outside = checker.check_point(*lonlat_at(1001, 500))
    assert layer_row(inside, "永久基本农田")["inside"] is True
    assert layer_row(inside, "永久基本农田")["features"][0]["feature_id"] == "JBNT-1"
    row = layer_row(outside, "永久基本农田")
    assert row["inside"] is False and row["features"] == []
    assert row["distance_m"] == pytest.approx(1.0, abs=0.01)
    for result in (inside, outside):
        assert near_note("永久基本农田") in result["notes"]
        assert result["location"]["district"] == "郊区" and result["in_scope"] is True


def test_point_far_from_boundaries_has_no_five_metre_note(checker):
    result = checker.check_point(*lonlat_at(500, 500))
    assert not any("不足 5 米" in n for n in result["notes"])
    assert layer_row(result, "生态保护红线")["distance_m"] == pytest.approx(np.hypot(2500, 2500), abs=0.01)


def test_point_in_pingding_is_out_of_scope(checker):
    result = checker.check_point(113.8317, 37.8868)
    assert result["in_scope"] is False and result["layers"] == []
    assert result["location"]["district"] == "平定县"
    assert result["notes"] == ["图层仅覆盖市辖区（城区、矿区、郊区）；该位置位于平定县"]


def test_point_outside_yangquan(checker):
    result = checker.check_point(116.40, 39.90)
    assert result["in_scope"] is False and result["location"]["district"] is None
    assert result["notes"] == ["该位置不在阳泉市范围内"]
    assert result["demo_data"] is False


def test_point_in_removed_farmland_lists_change(checker):
    result = checker.check_point(*lonlat_at(2250, 250))
    assert layer_row(result, "永久基本农田", "维护前")["inside"] is True
    assert layer_row(result, "永久基本农田", "维护后")["inside"] is False
    assert result["changes"] == [{"layer": "永久基本农田", "change": "调出", "overlap_m2": 0.0}]


def test_demo_flag_and_banner(checker, tmp_path):
    result = checker.check_point(*lonlat_at(500, 500))
    assert result["demo_data"] is True and DEMO_NOTE in result["notes"]
    real = LocationChecker.open(build_fixture_db(tmp_path / "real.duckdb", demo=False))
    result = real.check_point(*lonlat_at(500, 500))
    assert result["demo_data"] is False and DEMO_NOTE not in result["notes"]
    real.runner.close()


def test_citations_for_farmland_and_ecological_control_zone(checker):
    farmland = checker.check_point(*lonlat_at(500, 500))
    sections = [c["section"] for c in farmland["citations"]]
    assert any("底线思维" in s for s in sections) and any("正向优化" in s for s in sections)
    assert any("耕地和永久基本农田" in s for s in sections)
    zone = checker.check_point(*lonlat_at(-3800, -3800))
    assert layer_row(zone, "规划分区")["features"][0]["name"] == "生态控制区"
    assert any("可进行适度的开发利用和结构布局调整" in c["quote"] for c in zone["citations"])


def test_every_rule_quotes_its_section_verbatim():
    sections = rules.load_sections(str(ROOT / "corpus"))
    by_path = {s.section: s.text for s in sections}
    for name, entries in rules.RULES.items():
        cites = rules.citations_for([name], sections)
        assert len(cites) == len(entries), name
        for cite in cites:
            assert cite.quote in by_path[cite.section], (name, cite.section)


def test_check_many_matches_check_point(checker):
    offsets = [(999, 500), (1001, 500), (2250, 250), (-3800, -3800), (200, 2500)]
    lonlat = np.array([lonlat_at(*o) for o in offsets])
    batch = checker.check_many(lonlat[:, 0], lonlat[:, 1])
    for i, (lon, lat) in enumerate(lonlat):
        assert batch.row(i) == checker.check_point(lon, lat)


def _raw_layers(fixture_db_path):
    """Layer geometries read straight from DuckDB and projected independently of the checker."""
    con = db.connect(fixture_db_path, read_only=True)
    rows = con.execute("SELECT layer, version, ST_AsText(geom) FROM features").fetchall()
    con.close()
    out: dict[tuple[str, str], list] = {}
    for layer, version, wkt in rows:
        out.setdefault((layer, version), []).append(to_metric(shapely.from_wkt(wkt)))
    return out


def test_random_points_agree_with_shapely_and_duckdb(checker, fixture_db_path):
    rng = np.random.default_rng(7)
    dx, dy = rng.uniform(-4500, 4500, 200), rng.uniform(-4500, 6500, 200)
    lonlat = np.array([lonlat_at(a, b) for a, b in zip(dx, dy, strict=True)])
    batch = checker.check_many(lonlat[:, 0], lonlat[:, 1])
    raw = _raw_layers(fixture_db_path)
    points = to_metric(shapely.points(lonlat))
    con = db.connect(fixture_db_path, read_only=True)
    for k, idx in enumerate(checker.layers):
        union = shapely.union_all(raw[(idx.layer, idx.version)])
        expected = shapely.intersects(union, points)
        assert (batch.inside[k] == expected).all(), idx.layer
        outside = ~expected
        assert np.allclose(batch.distance[k][outside], shapely.distance(union, points[outside]), atol=1e-6)
        hits = con.execute(
            "SELECT list_sort(list(DISTINCT i)) FROM (SELECT unnest(range(?)) AS i) p, features f "
            "WHERE f.layer = ? AND f.version = ? AND ST_Intersects(f.geom, ST_Point(?[i + 1], ?[i + 1]))",
            [len(lonlat), idx.layer, idx.version, lonlat[:, 0].tolist(), lonlat[:, 1].tolist()]).fetchone()[0]
        assert sorted(hits or []) == np.flatnonzero(expected).tolist(), idx.layer
    con.close()


def test_random_polygons_overlap_agrees_with_shapely_and_duckdb(checker, fixture_db_path):
    rng = np.random.default_rng(11)
    raw = _raw_layers(fixture_db_path)
    con = db.connect(fixture_db_path, read_only=True)
    for _ in range(20):
        cx, cy = rng.uniform(-4000, 4000), rng.uniform(-4000, 6000)
        pts = np.column_stack([OX + cx + rng.normal(0, 800, 12), OY + cy + rng.normal(0, 800, 12)])
        red = to_lonlat(shapely.convex_hull(shapely.multipoints(pts)))
        result = checker.check_geometry(red, "随机红线")
        red_m = to_metric(red)
        duck = dict(((layer, version), m2) for layer, version, m2 in con.execute(
            "SELECT layer, version, sum(ST_Area(ST_Intersection(ST_Transform(geom, 'EPSG:4490', 'EPSG:4526', true), "
            "ST_Transform(ST_GeomFromText(?), 'EPSG:4490', 'EPSG:4526', true)))) FROM features "
            "GROUP BY layer, version", [red.wkt]).fetchall())
        for row in result["layers"]:
            union = shapely.union_all(raw[(row["layer"], row["version"])])
            want = shapely.intersection(union, red_m).area
            assert row["overlap_m2"] == pytest.approx(want, abs=0.01), row["layer"]
            assert row["share"] == pytest.approx(want / red_m.area, abs=1e-4)
            assert row["overlap_mu"] == pytest.approx(want / (10000 / 15), abs=0.01)
            assert row["overlap_m2"] == pytest.approx(duck[(row["layer"], row["version"])], abs=0.05)
    con.close()


def test_red_line_areas_units_and_changes(checker):
    red = to_lonlat(metric_box((3000, 0, 3500, 1000)))  # covers all of the added farmland JBNT-3
    result = checker.check_geometry(red, "红线")
    after = layer_row(result, "永久基本农田")
    assert after["overlap_m2"] == pytest.approx(250000, abs=0.5)
    assert after["overlap_ha"] == pytest.approx(25.0, abs=1e-4)
    assert after["overlap_mu"] == pytest.approx(375.0, abs=0.01)
    assert after["share"] == pytest.approx(0.5, abs=1e-4)
    assert layer_row(result, "永久基本农田", "维护前")["inside"] is False
    assert result["changes"] == [{"layer": "永久基本农田", "change": "调入", "overlap_m2": pytest.approx(250000, abs=0.5)}]


def test_red_line_overlap_per_feature(checker):
    """Each 图斑 under a red line carries its own overlap (公顷/亩), and they add up to the layer's."""
    red = to_lonlat(metric_box((600, 100, 3200, 300)))  # over JBNT-1 (400 m wide) and JBNT-3 (200 m) 维护后
    after = layer_row(checker.check_geometry(red, "跨两个图斑的红线"), "永久基本农田")
    red_m = to_metric(red)
    by_id = {f["feature_id"]: f for f in after["features"]}
    assert set(by_id) == {"JBNT-1", "JBNT-3"}
    for fid, offsets in (("JBNT-1", (0, 0, 1000, 1000)), ("JBNT-3", (3000, 0, 3500, 500))):
        want = shapely.intersection(metric_box(offsets), red_m).area
        assert by_id[fid]["overlap_m2"] == pytest.approx(want, abs=0.05), fid
        assert by_id[fid]["overlap_ha"] == pytest.approx(want / 10000, abs=1e-4)
        assert by_id[fid]["overlap_mu"] == pytest.approx(want / (10000 / 15), abs=0.01)
    assert sum(f["overlap_m2"] for f in after["features"]) == pytest.approx(after["overlap_m2"], abs=0.05)


def test_red_line_boundary_within_five_metres(checker):
    near = checker.check_geometry(to_lonlat(metric_box((1003, 0, 1500, 400))), "近边界红线")
    assert layer_row(near, "永久基本农田")["inside"] is False
    assert near_note("永久基本农田") in near["notes"]
    far = checker.check_geometry(to_lonlat(metric_box((1010, 0, 1500, 400))), "远离边界红线")
    assert near_note("永久基本农田") not in far["notes"]


def test_red_line_outside_scope(checker):
    red = shapely.box(113.82, 37.88, 113.83, 37.89)
    result = checker.check_geometry(red, "平定县红线")
    assert result["in_scope"] is False and "该红线位于平定县" in result["notes"][0]


def test_red_line_must_be_polygon(checker):
    with pytest.raises(InputError, match="面"):
        checker.check_geometry(shapely.LineString([(113.5, 37.9), (113.6, 37.95)]), "线")


def test_parcel_by_unit_id_and_plot_number(checker):
    by_unit = checker.check_parcel("140311 001001 GB00001 F00010001")
    by_plot = checker.check_parcel("DK-001")
    assert by_unit["layers"] == by_plot["layers"]
    assert layer_row(by_unit, "永久基本农田")["overlap_m2"] == pytest.approx(10000, abs=0.5)


def test_chat_answers_keep_plot_numbers_unit_ids_and_file_names_intact(checker):
    """Issue 9 item 8: the coordinate-stripping of the place label ate the digits of IDs ("地块 YQ（不动产单元号JDW）")."""
    from assistant.check.answer import compose

    parcel = compose("DK-001 占不占永久基本农田", checker.check_parcel("DK-001")).answer
    assert parcel.startswith("地块 DK-001（不动产单元号 140311001001GB00001F00010001）：东经 ")
    red = metric_box((900, 900, 1100, 1100))
    filed = compose("红线文件", checker.check_geometry(to_lonlat(red), "红线_2024-05.v2.geojson")).answer
    assert filed.startswith("红线_2024-05.v2.geojson：东经 ")
    lon, lat = lonlat_at(500, 500)
    for typed in (f"{lon:.5f},{lat:.5f}", f"东经{lon:.4f} 北纬{lat:.4f}", "东经113°34′38″ 北纬37°57′34″"):
        assert compose("核查", checker.check_point(lon, lat, typed)).answer.startswith("东经 "), typed
    clicked = compose("核查", checker.check_point(lon, lat, f"地图点选 东经{lon:.5f} 北纬{lat:.5f}")).answer
    assert clicked.startswith("地图点选：东经 ")


def test_parcel_errors(checker):
    with pytest.raises(InputError, match="未找到不动产单元号"):
        checker.check_parcel("140311001001GB00002F00010001")
    with pytest.raises(InputError, match="28 位"):
        checker.check_parcel("140311001001GB00002F0001")
    with pytest.raises(InputError, match="未找到地块编号"):
        checker.check_parcel("DK-999")


def test_place_lookup(checker):
    assert checker.check_place("河底镇")["location"]["district"] == "郊区"
    assert checker.find_place("河底")[0] == "河底镇"
    assert checker.find_place("河底真")[0] == "河底镇"
    with pytest.raises(InputError, match="找到多个地名：.*义井村.*义井镇.*请说明是哪一个"):
        checker.check_place("义井")
    with pytest.raises(InputError, match="未找到地名"):
        checker.check_place("北京路")


def test_fixture_layers_cover_every_checked_layer():
    assert set(BOXES) == set(CHECK_LAYERS)


def _layer(version: str, boxes: list[tuple[str, tuple]]):
    from assistant.check.index import LayerIndex

    geoms = np.array([metric_box(b) for _, b in boxes], dtype=object)
    ids = np.array([fid for fid, _ in boxes], dtype=object)
    return LayerIndex("规划分区", version, ids, ids.copy(), ids.copy(), shapely.to_wkb(geoms), True,
                      feature_keys=[(fid, hash(shapely.to_wkb(g))) for fid, g in zip(ids, geoms, strict=True)],
                      geoms=geoms)


def test_red_line_counts_overlapping_features_once_and_reuses_the_unchanged_version(checker):
    # A and B overlap (500..1000); C only touches B. The red line covers parts of all three.
    before = _layer("维护前", [("A", (0, 0, 1000, 1000)), ("B", (500, 500, 1500, 1500)), ("C", (1500, 0, 2500, 1000))])
    after = _layer("维护后", [("A", (0, 0, 1000, 1000)), ("B", (500, 500, 1500, 1500)), ("C", (1500, 0, 2500, 1000))])
    after.link(before)
    assert before.overlapping.tolist() == [True, True, False]
    red_m = metric_box((250, 250, 2000, 1250))
    small = LocationChecker(checker.runner, None, ([before, after], [], checker.admin, {}))
    result = small.check_geometry(to_lonlat(red_m), "红线")
    want = shapely.intersection(shapely.union_all(before.geoms), red_m).area
    for row in result["layers"]:
        assert row["overlap_m2"] == pytest.approx(want, abs=0.01)
        assert [f["feature_id"] for f in row["features"]] == ["A", "B", "C"]
    # the maintained version changes B: its answer is computed again, not taken over
    changed = _layer("维护后", [("A", (0, 0, 1000, 1000)), ("B", (500, 500, 1200, 1200)), ("C", (1500, 0, 2500, 1000))])
    changed.link(before)
    result = LocationChecker(checker.runner, None, ([before, changed], [], checker.admin, {})).check_geometry(
        to_lonlat(red_m), "红线")
    assert result["layers"][1]["overlap_m2"] == pytest.approx(
        shapely.intersection(shapely.union_all(changed.geoms), red_m).area, abs=0.01)
    assert result["layers"][1]["overlap_m2"] < result["layers"][0]["overlap_m2"]


@pytest.mark.slow
def test_red_lines_on_the_demo_database_match_a_plain_union(built_settings):
    """The fast overlap (sums where features do not overlap, the other version's answer reused) equals
    union_all(intersection(features, red)) on the demo layers, whose zoning layers do overlap a little."""
    from assistant.check import bench

    full = LocationChecker.open(built_settings.db_path)
    for seed in range(12):
        red = bench.random_redline(full, 500 + seed)
        red_m = to_metric(red)
        result = full.check_geometry(red, "红线")
        for idx, row in zip(full.layers, result["layers"], strict=True):
            want = shapely.union_all(shapely.intersection(idx.geoms, red_m)).area
            assert row["overlap_m2"] == pytest.approx(want, abs=0.01), (idx.layer, idx.version)
