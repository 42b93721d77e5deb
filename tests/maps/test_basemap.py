"""天地图 basemap: tile math against hand-computed values, mosaic placement, fake fetcher, failure, no key."""

import io
import urllib.error
import urllib.request

import numpy as np
import pytest
from PIL import Image
from ui_fixture_db import make_layer_db

from assistant import settings as settings_mod
from assistant.maps import basemap as bm
from assistant.maps.canvas import Canvas
from assistant.maps.mapview import MapView
from assistant.settings import ROOT

ADMIN = ROOT / "corpus" / "yangquan_admin.geojson"
KEY = "k3y-secret"
SPAN_12 = 180 / 2048  # 0.087890625 degrees per tile at level 12
BLUE = (0, 0, 255, 255)


def png(color, size=bm.TILE_PX) -> bytes:
    buf = io.BytesIO()
    Image.new("RGBA", (size, size), color).save(buf, format="PNG")
    return buf.getvalue()


class FakeFetch:
    """Solid blue base tiles, fully transparent annotation tiles; records every URL."""

    def __init__(self, error: Exception | None = None):
        self.urls: list[str] = []
        self.error = error

    def __call__(self, url: str) -> bytes:
        self.urls.append(url)
        if self.error:
            raise self.error
        return png((0, 0, 0, 0)) if "LAYER=cva" in url else png(BLUE)


def never_fetch(url: str) -> bytes:
    raise AssertionError(f"no request may be made without a key: {url}")


@pytest.fixture(scope="module")
def layer_db(tmp_path_factory):
    return make_layer_db(tmp_path_factory.mktemp("basemap") / "plan.duckdb")


def render(layer_db, basemap, public=False):
    view = MapView(layer_db, ADMIN, basemap=basemap)
    try:
        return view.render_overview(public=public)
    finally:
        view.close()


def pixels(image):
    return np.asarray(image.to_pil().convert("RGB"))


# -- tile math ------------------------------------------------------------------------------------


def test_tile_bounds_hand_computed():
    assert bm.tile_bounds(1, 0, 0) == (-180, -90, 0, 90)  # level 1: two tiles of 180 degrees
    assert bm.tile_bounds(1, 0, 1) == (0, -90, 180, 90)
    assert bm.tile_bounds(2, 1, 3) == (90, -90, 180, 0)
    # 阳泉 at level 12: -180 + 3340 * 0.087890625 = 113.5546875; 90 - 593 * 0.087890625 = 37.880859375
    assert bm.tile_bounds(12, 593, 3340) == (113.5546875, 37.79296875, 113.642578125, 37.880859375)


def test_tiles_for_extent_hand_computed():
    # (113.58 + 180) / SPAN_12 = 3340.29 and (90 - 37.86) / SPAN_12 = 593.24: a single tile.
    assert bm.tiles_for_extent((113.58, 37.86, 113.60, 37.87), 12) == [(593, 3340)]
    # Crossing one column and one row border: 2 x 2 tiles, row-major.
    # cols 3340.74 .. 3341.87, rows 592.83 .. 593.92
    assert bm.tiles_for_extent((113.60, 37.80, 113.70, 37.89), 12) == [
        (592, 3340), (592, 3341), (593, 3340), (593, 3341)]
    # An edge exactly on a tile border does not pull in the neighbour.
    assert bm.tiles_for_extent(bm.tile_bounds(12, 593, 3340), 12) == [(593, 3340)]
    assert bm.tiles_for_extent((-180, -90, 180, 90), 1) == [(0, 0), (0, 1)]


def test_choose_level_gives_about_one_tile_pixel_per_screen_pixel():
    # 0.001 deg/px: log2(0.703125 / 0.001) = 9.46 -> level 10 (0.00137 deg/px).
    assert bm.choose_level((113.0, 37.5, 113.9, 38.26), 900, 760) == 10
    # Halving the extent adds one level; absurd extents are clamped to 1..18.
    assert bm.choose_level((113.0, 37.5, 113.45, 37.88), 900, 760) == 11
    assert bm.choose_level((-180, -90, 180, 90), 300, 150) == 1  # 1.2 deg/px is coarser than level 1
    assert bm.choose_level((113.0, 37.5, 113.000001, 37.500001), 900, 760) == 18


def test_tile_url_is_the_c_matrix_set():
    url = bm.tile_url("vec", 12, 593, 3340, KEY)
    assert url.startswith("https://t5.tianditu.gov.cn/vec_c/wmts?")  # (593 + 3340) % 8 = 5
    for part in ("LAYER=vec", "TILEMATRIXSET=c", "TILEMATRIX=12", "TILEROW=593", "TILECOL=3340", f"tk={KEY}"):
        assert part in url


def test_mosaic_places_tiles_and_reports_their_extent():
    colors = {(592, 3340): (255, 0, 0, 255), (592, 3341): (0, 255, 0, 255),
              (593, 3340): (0, 0, 255, 255), (593, 3341): (255, 255, 0, 255)}
    tiles = {rc: Image.new("RGBA", (256, 256), c) for rc, c in colors.items()}
    image, extent = bm.mosaic(tiles, 12)
    assert image.size == (512, 512)
    assert extent == pytest.approx((-180 + 3340 * SPAN_12, 90 - 594 * SPAN_12,
                                    -180 + 3342 * SPAN_12, 90 - 592 * SPAN_12))
    assert image.getpixel((10, 10)) == colors[(592, 3340)]  # top-left = smallest row and col
    assert image.getpixel((300, 10)) == colors[(592, 3341)]
    assert image.getpixel((10, 300)) == colors[(593, 3340)]
    assert image.getpixel((300, 300)) == colors[(593, 3341)]


def test_image_for_covers_the_requested_extent(tmp_path):
    fetch = FakeFetch()
    extent = (113.60, 37.80, 113.70, 37.89)
    image, covered = bm.Basemap(KEY, tmp_path, fetch=fetch).image_for(extent, 900, 760)
    assert covered[0] <= extent[0] and covered[1] <= extent[1]
    assert covered[2] >= extent[2] and covered[3] >= extent[3]
    cols = image.size[0] // 256
    rows = image.size[1] // 256
    assert len(fetch.urls) == 2 * rows * cols  # vec + cva per tile
    assert image.getpixel((5, 5)) == BLUE  # transparent annotation over blue base


# -- maps -----------------------------------------------------------------------------------------


def test_map_with_key_draws_tiles_and_attribution(layer_db, tmp_path):
    fetch = FakeFetch()
    image = render(layer_db, bm.Basemap(KEY, tmp_path / "tiles", fetch=fetch))
    assert fetch.urls and all("TILEMATRIXSET=c" in u and f"tk={KEY}" in u for u in fetch.urls)
    assert image.notes == ["当前图层为演示数据，非正式规划成果，仅用于功能演示。"]
    assert tuple(pixels(image)[300, 20]) == (0, 0, 255)  # blue tiles under the left edge
    assert list((tmp_path / "tiles" / "vec").rglob("*.png"))  # cached

    canvas = Canvas(image.extent, "测试", bm.Basemap(KEY, tmp_path / "tiles", fetch=never_fetch))
    canvas.finish(demo=False)  # every tile now comes from the cache
    assert "底图：天地图" in [t.get_text() for t in canvas.ax.texts]
    assert (canvas.ax.get_xlim(), canvas.ax.get_ylim()) == (
        (canvas.extent[0], canvas.extent[2]), (canvas.extent[1], canvas.extent[3]))


def test_public_map_also_gets_tiles_but_no_control_lines(layer_db, tmp_path):
    fetch = FakeFetch()
    image = render(layer_db, bm.Basemap(KEY, tmp_path, fetch=fetch), public=True)
    assert fetch.urls and image.notes == [] and not image.demo


def test_failed_fetch_draws_the_offline_map_with_a_note(layer_db, tmp_path):
    offline = render(layer_db, None)
    fetch = FakeFetch(urllib.error.URLError(f"Name or service not known tk={KEY}"))
    basemap = bm.Basemap(KEY, tmp_path, fetch=fetch)
    image = render(layer_db, basemap)
    note = [n for n in image.notes if n.startswith("天地图底图加载失败，已改用离线地图：")]
    assert len(note) == 1 and "无法连接天地图服务器" in note[0] and KEY not in note[0]
    assert np.array_equal(pixels(image), pixels(offline))  # exactly the offline map, no attribution

    calls = len(fetch.urls)
    again = render(layer_db, basemap)  # within RETRY_AFTER_S: no second wait on a dead network
    assert len(fetch.urls) == calls and again.notes == image.notes


def test_bad_key_and_non_image_answers_are_explained(tmp_path):
    forbidden = urllib.error.HTTPError("u", 403, "Forbidden", {}, None)
    with pytest.raises(bm.BasemapError, match="HTTP 403"):
        bm.Basemap(KEY, tmp_path, fetch=FakeFetch(forbidden)).image_for((113.6, 37.8, 113.7, 37.9), 900, 760)
    with pytest.raises(bm.BasemapError, match="不是图片"):
        bm.Basemap(KEY, None, fetch=lambda url: b"<html>error</html>").image_for(
            (113.6, 37.8, 113.7, 37.9), 900, 760)


def test_no_key_means_no_request_and_the_same_map(layer_db, tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("urlopen called without a key")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    settings = settings_mod.load({}).with_paths(index_dir=str(tmp_path), db_path=str(layer_db))
    assert settings.tianditu_key == ""
    view = MapView.from_settings(settings)
    try:
        assert view.basemap is not None and not view.basemap.enabled
        from_settings = view.render_overview()
    finally:
        view.close()
    keyless = render(layer_db, bm.Basemap("  ", tmp_path, fetch=never_fetch))
    offline = render(layer_db, None)
    assert np.array_equal(pixels(from_settings), pixels(offline))
    assert np.array_equal(pixels(keyless), pixels(offline)) and keyless.notes == offline.notes
    assert not (tmp_path / "tiles").exists()


def test_from_settings_passes_the_key(layer_db, tmp_path):
    settings = settings_mod.load({"YQPLAN_TIANDITU_KEY": KEY}).with_paths(
        index_dir=str(tmp_path), db_path=str(layer_db))
    view = MapView.from_settings(settings)
    try:
        assert view.basemap.enabled and view.basemap.key == KEY
        assert view.basemap.cache_dir == tmp_path / "tiles"
    finally:
        view.close()


# -- the web map's basemap (web-mercator tiles through our own route) ---------------------------------

def web_client(layer_db, basemap, basemap_url=""):
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from assistant.maps.routes import map_router

    view = MapView(layer_db, ADMIN, basemap=basemap)
    app = FastAPI()
    app.include_router(map_router(view, public=True, basemap_url=basemap_url))
    return TestClient(app), view


def test_web_map_without_key_stays_offline(layer_db, tmp_path, monkeypatch):
    """Key unset: no basemap in the config, the proxy refuses, and nothing is fetched or cached."""
    monkeypatch.setattr(bm, "urllib_fetch", never_fetch)
    client, view = web_client(layer_db, bm.Basemap("", tmp_path / "tiles", fetch=never_fetch))
    config = client.get("/yqmap/config.json").json()
    assert config["basemap_url"] == "" and config["basemap_attribution"] == ""
    assert client.get("/yqmap/basemap/12/3370/1552.png").status_code == 404
    assert not (tmp_path / "tiles").exists()
    view.close()


def test_web_map_with_key_gets_tianditu_tiles_through_the_server(layer_db, tmp_path):
    fetch = FakeFetch()
    client, view = web_client(layer_db, bm.Basemap(KEY, tmp_path / "tiles", fetch=fetch))
    config = client.get("/yqmap/config.json").json()
    assert config["basemap_url"] == "/yqmap/basemap/{z}/{x}/{y}.png" and config["basemap_attribution"] == "底图：天地图"
    assert KEY not in str(config)  # the key never reaches the browser
    tile = client.get("/yqmap/basemap/12/3370/1552.png")
    assert tile.status_code == 200 and tile.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(tile.content)).getpixel((5, 5)) == BLUE
    assert sorted(u.split("?")[0] for u in fetch.urls) == ["https://t2.tianditu.gov.cn/cva_w/wmts",
                                                           "https://t2.tianditu.gov.cn/vec_w/wmts"]
    assert all("TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX=12&TILEROW=1552&TILECOL=3370&tk=" + KEY in u
               for u in fetch.urls)
    client.get("/yqmap/basemap/12/3370/1552.png")
    assert len(fetch.urls) == 2  # the second time from the disk cache
    assert client.get("/yqmap/basemap/12/5000/1552.png").status_code == 503  # x beyond 2^12
    view.close()


def test_web_map_basemap_failure_is_chinese_without_the_key(layer_db, tmp_path):
    fetch = FakeFetch(error=urllib.error.URLError("offline"))
    client, view = web_client(layer_db, bm.Basemap(KEY, tmp_path / "tiles", fetch=fetch))
    answer = client.get("/yqmap/basemap/12/3370/1552.png")
    assert answer.status_code == 503 and "无法连接天地图服务器" in answer.json()["error"] and KEY not in answer.text
    view.close()


def test_configured_tile_url_wins_over_the_key(layer_db, tmp_path):
    client, view = web_client(layer_db, bm.Basemap(KEY, tmp_path / "tiles", fetch=never_fetch),
                              basemap_url="http://内网/{z}/{x}/{y}.png")
    assert client.get("/yqmap/config.json").json()["basemap_url"] == "http://内网/{z}/{x}/{y}.png"
    assert client.get("/yqmap/basemap/12/3370/1552.png").status_code == 404
    view.close()
