"""The generated demo layers match every figure of the plan and every invariant `yqplan audit` checks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
import shapely

from assistant.demo import layers as demo_layers
from assistant.geo import to_local
from assistant.layers import admin, db, landuse_codes, places

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "spatial_sql" / "schema_layers.sql"
GEOJSON = ROOT / "corpus" / "yangquan_admin.geojson"

TARGETS_HA = {
    "永久基本农田": (82593 / 15, 82831 / 15),
    "生态保护红线": (1000.0, 1000.0),
    "城镇开发边界": (9390.31, 9387.50),
    "历史文化保护线": (568.4626, 710.6312),
    "洪涝风险控制线": (4279.0808, 4279.0808),
    "城市绿线": (300.76, 301.11),
    "城市紫线": (8.07, 8.07 - 0.073446 + 0.098280),
    "中心城区范围": (27123.0, 27123.0),
}
CHANGED = ("永久基本农田", "城镇开发边界", "历史文化保护线", "城市绿线", "城市紫线")
EXACT_CHANGES_M2 = {("城市绿线", "调出"): 60700.0, ("城市绿线", "调入"): 64200.0,
                    ("城市紫线", "调出"): 734.46, ("城市紫线", "调入"): 982.80,
                    ("历史文化保护线", "调入"): 1421686.0}


def _fresh(path: Path):
    con = db.connect(path)
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    admin.load_admin(con, GEOJSON)
    places.load_places(con)
    return con


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    con = _fresh(tmp_path_factory.mktemp("demo") / "plan.duckdb")
    summary = demo_layers.generate_demo_layers(con)
    yield con, summary
    con.close()


def _geoms(con, layer: str, version: str) -> list:
    rows = con.execute("SELECT ST_AsWKB(geom) FROM features WHERE layer = ? AND version = ? ORDER BY feature_id",
                       [layer, version]).fetchall()
    return [to_local(shapely.from_wkb(bytes(r[0]))) for r in rows]


def _change_geoms(con, layer: str, change: str) -> list:
    rows = con.execute("SELECT ST_AsWKB(geom) FROM changes WHERE layer = ? AND change = ?", [layer, change]).fetchall()
    return [to_local(shapely.from_wkb(bytes(r[0]))) for r in rows]


def _union(geoms):
    return shapely.union_all(np.asarray(geoms, dtype=object)) if geoms else shapely.Polygon()


@pytest.fixture(scope="module")
def city(demo_db):
    # Densified in lon/lat so that its edges stay the stored straight lon/lat edges in the metric plane.
    (wkb,) = demo_db[0].execute("SELECT ST_AsWKB(geom) FROM features WHERE layer = '市辖区' "
                                "AND version = '维护前'").fetchone()
    return to_local(shapely.segmentize(shapely.from_wkb(bytes(wkb)), 0.0001))


def test_totals_match_the_plan(demo_db):
    con, summary = demo_db
    for layer, (before, after) in TARGETS_HA.items():
        for version, want in (("维护前", before), ("维护后", after)):
            got = con.execute("SELECT sum(area_m2) / 10000 FROM features WHERE layer = ? AND version = ?",
                              [layer, version]).fetchone()[0]
            assert got == pytest.approx(want, rel=1e-4), (layer, version)
            assert summary[layer][version] == pytest.approx(want, rel=1e-4)
    for (layer, change), want in EXACT_CHANGES_M2.items():
        got = con.execute("SELECT sum(area_m2) FROM changes WHERE layer = ? AND change = ?", [layer, change]).fetchone()[0]
        assert got == pytest.approx(want, rel=1e-7), (layer, change)


def test_stored_area_matches_duckdb_and_geometries_are_valid_lonlat(demo_db):
    con, _ = demo_db
    for table in ("features", "changes"):
        worst, invalid, kinds, xmin, xmax = con.execute(f"""
            SELECT max(abs(area_m2 - ST_Area(ST_Transform(geom, 'EPSG:4490', 'EPSG:4526', always_xy := true)))
                       / area_m2),
                   count(*) FILTER (WHERE NOT ST_IsValid(geom)),
                   list(DISTINCT ST_GeometryType(geom)::VARCHAR), min(ST_XMin(geom)), max(ST_XMax(geom))
            FROM {table} WHERE demo""").fetchone()
        assert worst < 1e-6 and invalid == 0, table
        assert set(kinds) <= {"POLYGON", "MULTIPOLYGON"}, kinds
        assert 113.0 < xmin and xmax < 114.1  # x is longitude
    assert con.execute("SELECT count(*) FROM features WHERE demo AND source <> 'demo'").fetchone()[0] == 0


def test_every_demo_layer_lies_inside_the_city_districts(demo_db, city):
    con, _ = demo_db
    layers = [r[0] for r in con.execute("SELECT DISTINCT layer FROM features WHERE demo ORDER BY 1").fetchall()]
    for layer in layers:
        for version in ("维护前", "维护后"):
            outside = shapely.difference(_union(_geoms(con, layer, version)), city).area
            assert outside < 1.0, (layer, version, outside)


def test_changes_balance_as_areas_and_geometry(demo_db):
    con, _ = demo_db
    for layer in CHANGED:
        before, after = _union(_geoms(con, layer, "维护前")), _union(_geoms(con, layer, "维护后"))
        out, into = _union(_change_geoms(con, layer, "调出")), _union(_change_geoms(con, layer, "调入"))
        assert shapely.difference(out, before).area < 1.0, layer          # 调出 ⊂ 维护前
        assert shapely.intersection(into, before).area < 1.0, layer      # 调入 disjoint from 维护前
        rebuilt = shapely.union(shapely.difference(before, out), into)
        assert shapely.symmetric_difference(rebuilt, after).area < 1.0, layer
        assert before.area - out.area + into.area == pytest.approx(after.area, abs=1.0)


def test_three_control_lines_never_overlap(demo_db):
    con, _ = demo_db
    for version in ("维护前", "维护后"):
        farm, eco, udb = (_union(_geoms(con, layer, version)) for layer in ("永久基本农田", "生态保护红线", "城镇开发边界"))
        assert shapely.intersection(farm, eco).area < 1.0
        assert shapely.intersection(farm, udb).area < 1.0
        assert shapely.intersection(eco, udb).area < 1.0


def test_zones_partition_the_city_and_follow_the_lines(demo_db, city):
    con, _ = demo_db
    for version in ("维护前", "维护后"):
        rows = con.execute("SELECT name, ST_AsWKB(geom), area_m2 FROM features WHERE layer = '规划分区' "
                           "AND version = ?", [version]).fetchall()
        by_zone: dict[str, list] = {}
        for name, wkb, _ in rows:
            by_zone.setdefault(name, []).append(to_local(shapely.from_wkb(bytes(wkb))))
        total = sum(r[2] for r in rows)
        assert abs(total - city.area) < 1.0  # no overlaps
        assert shapely.symmetric_difference(_union([g for gs in by_zone.values() for g in gs]), city).area < 1.0
        eco = _union(by_zone["生态保护区"])
        assert shapely.symmetric_difference(eco, _union(_geoms(con, "生态保护红线", version))).area < 1.0
        town = _union([g for z in ("城镇集中建设区", "城镇弹性发展区", "特别用途区") for g in by_zone[z]])
        assert shapely.symmetric_difference(town, _union(_geoms(con, "城镇开发边界", version))).area < 1.0
        farm = _union(_geoms(con, "永久基本农田", version))
        assert shapely.difference(farm, _union(by_zone["农田保护区"])).area < 1.0
        assert {"生态控制区", "矿产能源发展区"} <= set(by_zone)
        if version == "维护前":
            assert "乡村发展区" in by_zone and "村庄建设区" not in by_zone
        else:
            assert "乡村发展区" not in by_zone and {"村庄建设区", "一般农业区", "林业发展区"} <= set(by_zone)


def test_central_area_reaches_the_named_places_and_holds_urban_layers(demo_db):
    con, _ = demo_db
    central = _union(_geoms(con, "中心城区范围", "维护前"))
    pos = dict(((n, (x, y)) for n, x, y in con.execute("SELECT name, lon, lat FROM places").fetchall()))
    for name in ("河底镇", "义井镇", "杨家庄乡", "坡头村", "南山宾馆"):
        assert central.buffer(1.0).contains(to_local(shapely.Point(pos[name]))), name
    for layer in ("中心城区用地", "城市绿线", "城市紫线"):
        for version in ("维护前", "维护后"):
            assert shapely.difference(_union(_geoms(con, layer, version)), central).area < 1.0, layer


def test_land_use_codes_and_the_plans_projects(demo_db):
    con, _ = demo_db
    rows = con.execute("SELECT DISTINCT name, code FROM features WHERE layer = '中心城区用地'").fetchall()
    assert all(landuse_codes.is_valid(code) for _, code in rows)
    projects = dict(con.execute("SELECT name, code FROM features WHERE layer = '中心城区用地' "
                                "AND version = '维护后' AND NOT starts_with(name, code)").fetchall())
    assert projects == {"市第五人民医院新建精神康复住院楼": "080601", "郊区幸福家园养老中心": "080701",
                        "郊区新城大道一级消防站": "1310", "郊区综合托育服务中心": "080702",
                        "高新区特勤消防站及配套消防训练设施": "1310"}
    labels = [n for n, c in rows if n.startswith(c)]
    assert all(n == landuse_codes.label(c) for n, c in rows if n in labels)


def test_purple_line_change_is_at_nanshan_hotel(demo_db):
    con, _ = demo_db
    hotel = to_local(shapely.Point(con.execute("SELECT lon, lat FROM places WHERE name = '南山宾馆'").fetchone()))
    for change in ("调出", "调入"):
        (geom,) = _change_geoms(con, "城市紫线", change)
        assert geom.distance(hotel) < 100


def test_shape_and_count(demo_db):
    con, _ = demo_db
    n = con.execute("SELECT count(*) FROM features WHERE layer = '永久基本农田' AND version = '维护前'").fetchone()[0]
    assert 2000 <= n <= 5000
    names = [r[0] for r in con.execute("SELECT f.name FROM changes c JOIN features f USING (layer, feature_id) "
                                       "WHERE c.layer = '历史文化保护线' AND f.version = '维护后'").fetchall()]
    assert len(names) == 23
    assert sum("（国家级文物保护单位）" in n for n in names) == 11
    assert sum("（省级文物保护单位）" in n for n in names) == 12
    assert all(n.startswith("演示·") for n in names)


@pytest.mark.slow
def test_same_seed_gives_identical_wkb(demo_db, tmp_path):
    def digest(con):
        h = hashlib.sha256()
        for table in ("features", "changes"):
            for row in con.execute(f"SELECT layer, feature_id, ST_AsWKB(geom) FROM {table} WHERE demo "
                                   f"ORDER BY ALL").fetchall():
                h.update(repr(row[:2]).encode() + bytes(row[2]))
        return h.hexdigest()

    con = _fresh(tmp_path / "again.duckdb")
    demo_layers.generate_demo_layers(con)
    assert digest(con) == digest(demo_db[0])
    con.close()


def test_nothing_sticks_out_when_measured_in_lonlat(demo_db):
    """Cells clipped in the metric plane must also sit inside the stored (lon/lat) outlines."""
    con, _ = demo_db
    for boundary, layer in (("市辖区", "规划分区"), ("市辖区", "中心城区用地"), ("中心城区范围", "中心城区用地")):
        outside = con.execute("""
            WITH b AS (SELECT ST_Union_Agg(geom) AS geom FROM features WHERE layer = ? AND version = '维护后')
            SELECT coalesce(sum(ST_Area(ST_Transform(ST_Difference(f.geom, b.geom), 'EPSG:4490', 'EPSG:4526',
                                                     always_xy := true))), 0)
            FROM features f, b WHERE f.layer = ? AND f.version = '维护后' AND NOT ST_Within(f.geom, b.geom)
            """, [boundary, layer]).fetchone()[0]
        assert outside < 1.0, (boundary, layer, outside)
