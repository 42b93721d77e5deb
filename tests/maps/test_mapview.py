"""Offline maps: golden rows of the map SQL, pixel <-> lon/lat round trip, demo watermark, no tofu font."""

import io

import pytest
from PIL import Image
from shapely import wkb
from ui_fixture_db import make_layer_db

from assistant.errors import InputError
from assistant.layers.sql import SqlRunner
from assistant.maps import fonts
from assistant.maps.mapview import MapView
from assistant.settings import ROOT

ADMIN = ROOT / "corpus" / "yangquan_admin.geojson"


@pytest.fixture(scope="module")
def demo_layer_db(tmp_path_factory):
    return make_layer_db(tmp_path_factory.mktemp("ui") / "plan.duckdb")


@pytest.fixture(scope="module")
def view(demo_layer_db):
    v = MapView(demo_layer_db, ADMIN)
    yield v
    v.close()


def test_map_layer_features_golden(demo_layer_db):
    result = SqlRunner(demo_layer_db).run("map_layer_features", layers=["永久基本农田", "规划分区"],
                                          version="维护后", tolerance=0.0)
    rows = [(r["layer"], r["feature_id"], r["name"], r["code"], r["demo"], r["area_m2"],
             wkb.loads(bytes(r["wkb"])).bounds) for r in result.records()]
    assert rows == [
        ("永久基本农田", "JBNT-1", "基本农田片1", None, True, 0, (113.55, 37.85, 113.60, 37.88)),
        ("规划分区", "GHFQ-1", "城镇发展区", "CZFZ", True, 0, (113.50, 37.82, 113.65, 37.89)),
        ("规划分区", "GHFQ-2", "生态保护区", "STBH", True, 0, (113.62, 37.90, 113.66, 37.94)),
    ]


def test_map_changes_golden(demo_layer_db):
    result = SqlRunner(demo_layer_db).run("map_changes", layers=["永久基本农田", "城镇开发边界"], tolerance=0.0)
    assert [(r["layer"], r["change"], wkb.loads(bytes(r["wkb"])).bounds) for r in result.records()] == [
        ("城镇开发边界", "调入", (113.64, 37.88, 113.65, 37.89)),
        ("永久基本农田", "调出", (113.55, 37.85, 113.56, 37.86)),
    ]


def test_ui_layer_status_golden(demo_layer_db):
    rows = SqlRunner(demo_layer_db).run("ui_layer_status").rows
    assert rows[0] == ("中心城区用地", True, "demo", 1) and len(rows) == 6


def test_plan_map_png_with_demo_watermark(view):
    image = view.render_plan_map("三条控制线", "维护前", mark="调出")
    assert image.title == "三条控制线维护前图（标明调出）" and image.demo
    png = Image.open(io.BytesIO(image.png))
    assert png.size == (image.width, image.height) == (900, 760)


def test_unknown_plan_map_is_a_chinese_input_error(view):
    with pytest.raises(InputError, match="没有“地铁线路”这张图"):
        view.render_plan_map("地铁线路")


def test_pixel_to_lonlat_round_trip(view):
    image = view.render_check({"location": {"lon": 113.58, "lat": 37.86}})
    lon, lat = image.pixel_to_lonlat(image.width / 2, image.height / 2)
    assert lon == pytest.approx(113.58, abs=1e-9) and lat == pytest.approx(37.86, abs=1e-9)
    lon0, lat0, lon1, lat1 = image.extent
    assert image.pixel_to_lonlat(0, 0) == (lon0, lat1)
    with pytest.raises(InputError):
        image.pixel_to_lonlat(-5, 10)


def test_public_check_map_draws_no_control_lines(view):
    image = view.render_check({"location": {"lon": 113.58, "lat": 37.86}}, public=True)
    assert not image.demo and image.title == "选址核查位置图"


def test_cjk_font_is_found_and_has_chinese_glyphs():
    from matplotlib.font_manager import FontProperties, get_font

    path, _ = fonts.cjk_font_file()
    font = get_font(path)
    assert font.get_char_index(ord("图")) != 0
    assert fonts.matplotlib_family() == FontProperties(fname=path).get_name()


def test_missing_font_raises_chinese_data_error(monkeypatch):
    from assistant.errors import DataError

    fonts.cjk_font_file.cache_clear()
    monkeypatch.setattr(fonts, "CANDIDATES", [("/nonexistent/font.ttc", 0)])
    try:
        with pytest.raises(DataError, match="fonts-wqy-microhei"):
            fonts.cjk_font_file()
    finally:
        fonts.cjk_font_file.cache_clear()
