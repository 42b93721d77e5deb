"""Demo key projects and parcels on a tiny hand-made layer database (no full demo generator)."""

from __future__ import annotations

import pytest
from demo_fixture import fixture_db as _fixture_db

from assistant.demo.parcels import PARCELS_PER_SCALE, generate_parcels
from assistant.demo.tables import MAPPING_COUNTS, NAMED_PROJECTS, PROJECT_STATUS_COUNTS, generate_key_projects
from assistant.layers.unit_id import parse_unit_id


# Loading the spatial extension costs ~0.6 s per connection, so the module shares two databases.
@pytest.fixture(scope="module")
def generated_db():
    con = _fixture_db()
    generate_key_projects(con, seed=7, scale=1)
    relations = generate_parcels(con, seed=7, scale=1)
    yield con, relations
    con.close()


@pytest.fixture(scope="module")
def scratch_db():
    con = _fixture_db()
    yield con
    con.close()


def test_status_counts_match_the_plan(generated_db):
    con, _ = generated_db
    counts = dict(con.execute("SELECT status, count(*) FROM key_projects GROUP BY ALL").fetchall())
    assert counts == PROJECT_STATUS_COUNTS
    assert sum(counts.values()) == 564


def test_mapping_method_matches_geometry(generated_db):
    con, _ = generated_db
    rows = con.execute("""SELECT mapping_method, coalesce(ST_GeometryType(geom)::VARCHAR, 'NONE'), count(*)
                          FROM key_projects GROUP BY ALL""").fetchall()
    by_method = {}
    for method, gtype, n in rows:
        by_method.setdefault(method, {})[gtype] = n
    assert set(by_method["精准上图"]) <= {"POLYGON", "MULTIPOLYGON"}
    assert set(by_method["示意上图"]) == {"POINT"}
    assert set(by_method["增补清单"]) == {"NONE"}
    assert {m: sum(v.values()) for m, v in by_method.items()} == MAPPING_COUNTS


def test_projects_are_demo_named_and_inside_their_county(generated_db):
    con, _ = generated_db
    names = [r[0] for r in con.execute("SELECT name FROM key_projects").fetchall()]
    assert len(set(names)) == 564
    assert sum(n.startswith("演示·") for n in names) == 564 - len(NAMED_PROJECTS)
    outside = con.execute("""SELECT count(*) FROM key_projects k JOIN features f
                             ON f.layer = '行政区' AND f.version = '维护后' AND f.name = k.county
                             WHERE k.geom IS NOT NULL AND NOT ST_Within(k.geom, f.geom)""").fetchone()[0]
    assert outside == 0
    cats = {r[0] for r in con.execute("SELECT DISTINCT category FROM key_projects").fetchall()}
    assert {"交通", "能源", "水利", "公共服务", "产业", "生态修复", "城市更新"} <= cats
    counties = dict(con.execute("SELECT county, count(*) FROM key_projects GROUP BY ALL").fetchall())
    assert counties["郊区"] > counties["盂县"] and set(counties) == {"城区", "矿区", "郊区", "平定县", "盂县"}


def test_named_projects_take_the_land_use_polygons(generated_db):
    con, _ = generated_db
    rows = con.execute("""SELECT k.name, k.status, k.mapping_method, ST_Equals(k.geom, f.geom)
                          FROM key_projects k JOIN features f ON f.name = k.name
                          AND f.layer = '中心城区用地'""").fetchall()
    assert sorted(rows) == [("郊区幸福家园养老中心", "新增", "精准上图", True),
                            ("郊区综合托育服务中心", "新增", "精准上图", True)]
    # The three without a land-use feature in this fixture still get a polygon.
    n = con.execute("SELECT count(*) FROM key_projects WHERE list_contains(?, name) AND geom IS NOT NULL",
                    [list(NAMED_PROJECTS)]).fetchone()[0]
    assert n == 5


def test_key_projects_are_deterministic_per_seed(scratch_db):
    def digest(seed):
        scratch_db.execute("DELETE FROM key_projects")
        generate_key_projects(scratch_db, seed=seed)
        return scratch_db.execute("SELECT project_id, name, status, mapping_method, ST_AsText(geom) "
                                  "FROM key_projects ORDER BY project_id").fetchall()
    assert digest(3) == digest(3)
    assert digest(3) != digest(4)


def test_parcel_unit_ids_parse_and_match_county(generated_db):
    con, relations = generated_db
    rows = con.execute("SELECT unit_id, plot_no, county, area_m2 FROM parcels").fetchall()
    assert len(rows) == PARCELS_PER_SCALE == sum(relations.values())
    for unit_id, plot_no, county, area in rows:
        assert parse_unit_id(unit_id).county == county
        assert plot_no.startswith("YQ-2026-") and len(plot_no) == 13
        assert 1000 <= area <= 50_000 * 1.001


def test_parcel_area_is_metric_area(generated_db):
    con, _ = generated_db
    worst = con.execute("""SELECT max(abs(ST_Area(ST_Transform(geom, 'EPSG:4490', 'EPSG:4526')) - area_m2))
                           FROM parcels""").fetchone()[0]
    assert worst < 0.5


def test_parcel_relations_to_control_lines(generated_db):
    con, relations = generated_db
    assert set(relations) == {"farmland", "udb", "straddle_farmland", "straddle_udb", "none"}
    rel = dict(con.execute("""
        WITH lines AS (SELECT layer, ST_Union_Agg(geom) AS g FROM features
                       WHERE version = '维护后' AND layer IN ('永久基本农田', '城镇开发边界', '生态保护红线')
                       GROUP BY layer),
        tagged AS (
            SELECT p.unit_id,
                   CASE WHEN ST_Within(p.geom, jb.g) THEN 'farmland'
                        WHEN ST_Within(p.geom, ud.g) THEN 'udb'
                        WHEN ST_Intersects(p.geom, jb.g) THEN 'straddle_farmland'
                        WHEN ST_Intersects(p.geom, ud.g) THEN 'straddle_udb'
                        WHEN ST_Intersects(p.geom, eco.g) THEN 'eco'
                        ELSE 'none' END AS relation
            FROM parcels p,
                 (SELECT g FROM lines WHERE layer = '永久基本农田') jb,
                 (SELECT g FROM lines WHERE layer = '城镇开发边界') ud,
                 (SELECT g FROM lines WHERE layer = '生态保护红线') eco)
        SELECT relation, count(*) FROM tagged GROUP BY ALL""").fetchall())
    assert rel == relations


def test_parcels_do_not_overlap(generated_db):
    con, _ = generated_db
    n = con.execute("""SELECT count(*) FROM parcels a JOIN parcels b ON a.unit_id < b.unit_id
                       AND ST_Intersects(a.geom, b.geom)""").fetchone()[0]
    assert n == 0


def test_parcels_scale_and_determinism(scratch_db, monkeypatch):
    monkeypatch.setattr("assistant.demo.parcels.PARCELS_PER_SCALE", 40)

    def digest(seed, scale):
        scratch_db.execute("DELETE FROM parcels")
        generate_parcels(scratch_db, seed=seed, scale=scale)
        return scratch_db.execute("SELECT unit_id, plot_no, ST_AsText(geom) FROM parcels "
                                  "ORDER BY plot_no").fetchall()
    first = digest(5, 1)
    assert first == digest(5, 1)
    assert first != digest(6, 1)
    assert len(digest(5, 3)) == 3 * 40
