"""Web map endpoints: raster tiles drawn where the features are, GeoJSON/图斑 SQL goldens, public 403s."""

import io
import math

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image
from ui_fixture_db import make_layer_db

from assistant.errors import InputError
from assistant.layers.sql import SqlRunner
from assistant.maps import tiles
from assistant.maps.mapview import MapView
from assistant.maps.routes import map_router, public_tile_zoom
from assistant.maps.vector import area_properties, features_at, features_geojson, parse_bbox
from assistant.settings import ROOT

ADMIN = ROOT / "corpus" / "yangquan_admin.geojson"
# ui_fixture_db: 永久基本农田 JBNT-1 is the box 113.55–113.60 E, 37.85–37.88 N.
INSIDE, OUTSIDE = (113.575, 37.865), (113.70, 37.95)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return make_layer_db(tmp_path_factory.mktemp("tiles") / "plan.duckdb")


@pytest.fixture(scope="module")
def view(db_path):
    return MapView(db_path, ADMIN)


def tile_of(lon, lat, z):
    """Independent XYZ maths (slippy-map formula) -> tile and pixel inside it."""
    n = 2 ** z
    fx = (lon + 180) / 360 * n
    fy = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    return int(fx), int(fy), int((fx % 1) * 256), int((fy % 1) * 256)


def pixel(png, px, py):
    return Image.open(io.BytesIO(png)).convert("RGBA").getpixel((px, py))


def test_tile_bounds_match_the_slippy_map_formula():
    lon0, lat0, lon1, lat1 = tiles.tile_bounds(12, 3339, 1550)
    assert lon0 == pytest.approx(3339 / 4096 * 360 - 180) and lon1 - lon0 == pytest.approx(360 / 4096)
    assert tile_of(lon0 + 1e-9, lat1 - 1e-9, 12)[:2] == (3339, 1550)
    assert tile_of(lon1 - 1e-9, lat0 + 1e-9, 12)[:2] == (3339, 1550)


def test_layer_tile_is_coloured_inside_the_feature_and_clear_outside(view):
    renderer = tiles.TileRenderer(view)
    x, y, px, py = tile_of(*INSIDE, 13)
    r, g, b, a = pixel(renderer.tile("永久基本农田", "维护后", 13, x, y), px, py)
    assert a > 150 and (r, g, b) != (0, 0, 0) and r > b  # the farmland yellow, mostly opaque
    x, y, px, py = tile_of(*OUTSIDE, 13)
    assert pixel(renderer.tile("永久基本农田", "维护后", 13, x, y), px, py)[3] == 0


def test_tile_rejects_unknown_layer_version_and_zoom(view):
    renderer = tiles.TileRenderer(view, max_zoom=16)
    with pytest.raises(InputError, match="没有名为"):
        renderer.tile("地铁", "维护后", 12, 3339, 1550)
    with pytest.raises(InputError, match="版本"):
        renderer.tile("永久基本农田", "2030", 12, 3339, 1550)
    with pytest.raises(InputError, match="缩放级别"):
        renderer.tile("永久基本农田", "维护后", 17, 0, 0)


def test_map_features_at_golden(db_path):
    rows = SqlRunner(db_path).run("map_features_at", layers=["永久基本农田", "规划分区", "城镇开发边界"],
                                  version="维护前", lon=INSIDE[0], lat=INSIDE[1]).records()
    assert [(r["layer"], r["feature_id"], r["code"]) for r in rows] == [
        ("城镇开发边界", "CZKF-1", None), ("永久基本农田", "JBNT-1", None), ("规划分区", "GHFQ-1", "CZFZ")]


def test_features_geojson_and_popup_attributes(view):
    fc = features_geojson(view, "永久基本农田", "维护后", "113.5,37.8,113.65,37.9", 13)
    assert [f["properties"]["feature_id"] for f in fc["features"]] == ["JBNT-1"] and not fc["truncated"]
    hits = features_at(view, ["永久基本农田"], "维护后", *INSIDE)
    assert [(h["layer"], h["feature_id"], h["area_ha"]) for h in hits] == [("永久基本农田", "JBNT-1", 0.0)]
    assert area_properties(15_000) == {"area_ha": 1.5, "area_mu": 22.5}
    with pytest.raises(InputError, match="四个数字"):
        parse_bbox("113.5,37.8")


def client(view, public):
    app = FastAPI()
    app.include_router(map_router(view, public))
    return TestClient(app)


def test_public_router_serves_tiles_but_no_vectors(view):
    c = client(view, public=True)
    x, y, _, _ = tile_of(*INSIDE, 12)
    tile = c.get(f"/yqmap/tiles/永久基本农田/维护后/12/{x}/{y}.png")
    assert tile.status_code == 200 and tile.headers["content-type"] == "image/png"
    # 50 m band: zoom 12 pixels are ~30 m; zoom 13 (~15 m) and deeper would trace boundaries
    assert c.get(f"/yqmap/tiles/永久基本农田/维护后/13/{x * 2}/{y * 2}.png").status_code == 404
    assert c.get(f"/yqmap/tiles/永久基本农田/维护后/17/{x * 32}/{y * 32}.png").status_code == 404
    for path in ("/yqmap/features.geojson?layer=永久基本农田&bbox=113.5,37.8,113.65,37.9",
                 f"/yqmap/identify?lon={INSIDE[0]}&lat={INSIDE[1]}"):
        response = c.get(path)
        assert response.status_code == 403 and "公众查询模式" in response.json()["error"]
    config = c.get("/yqmap/config.json")
    assert "113.55" not in config.text and "JBNT" not in config.text
    labels = config.json()["labels"]
    assert {label["name"] for label in labels} >= {"城区", "矿区", "郊区"}
    assert all(round(label["lon"], 3) == label["lon"] and round(label["lat"], 3) == label["lat"] for label in labels)


@pytest.mark.parametrize("band_m, zoom", [(50, 12), (20, 13), (100, 11), (5, 15)])
def test_public_tiles_are_no_sharper_than_the_band(band_m, zoom):
    """A public tile pixel covers at least half the band, computed here from the mercator formula."""
    assert public_tile_zoom(band_m) == zoom
    pixel_m = 40_075_016.686 * math.cos(math.radians(37.9)) / 256 / 2 ** zoom
    assert band_m / 2 <= pixel_m < band_m


def test_public_config_caps_native_tile_zoom_staff_does_not(view):
    public = client(view, public=True).get("/yqmap/config.json").json()
    staff = client(view, public=False).get("/yqmap/config.json").json()
    assert public["tile_max_zoom"] == 12 < public["max_zoom"]
    assert staff["tile_max_zoom"] == staff["max_zoom"] == 18


def test_staff_router_serves_geojson(view):
    c = client(view, public=False)
    fc = c.get("/yqmap/features.geojson", params={"layer": "永久基本农田", "version": "维护后",
                                                 "bbox": "113.5,37.8,113.65,37.9", "z": 14}).json()
    assert fc["features"][0]["properties"]["layer"] == "永久基本农田"
    assert c.get("/yqmap/features.geojson", params={"layer": "永久基本农田", "bbox": "1,2"}).status_code == 400
