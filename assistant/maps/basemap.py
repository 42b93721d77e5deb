"""Optional 天地图 basemap in lon/lat tiles (matrix set "c"): tile math, mosaic, cached fetching."""

# The "c" set of 天地图 WMTS (GetCapabilities of vec_c): EPSG:4490, 256-px tiles, TopLeftCorner 90 -180,
# level 1 = 2 x 1 tiles at 0.703125 degrees/pixel, each level halves it, levels 1..18.
# Our maps are drawn in lon/lat axes, so these tiles go under them without reprojection.

from __future__ import annotations

import http.client
import io
import math
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

TILE_PX = 256
MIN_LEVEL, MAX_LEVEL = 1, 18
MAX_TILES = 48  # per layer and map; a 900 x 760 map needs about 30 at the chosen level
STYLES = {"vec": ("vec", "cva"), "img": ("img", "cia")}  # base layer + its Chinese annotation layer
URL = ("https://t{server}.tianditu.gov.cn/{layer}_c/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
       "&LAYER={layer}&STYLE=default&TILEMATRIXSET=c&FORMAT=tiles&TILEMATRIX={z}&TILEROW={row}"
       "&TILECOL={col}&tk={key}")
# The web map (Leaflet, web mercator) uses the "w" matrix set, whose TILEMATRIX/ROW/COL are the usual z/y/x.
# The browser asks our server (/yqmap/basemap/…), never 天地图 itself: the key stays on the server.
URL_W = ("https://t{server}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
         "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}"
         "&TILECOL={x}&tk={key}")
WEB_MAX_ZOOM = 18
ATTRIBUTION = "底图：天地图"
FAILURE_NOTE = "天地图底图加载失败，已改用离线地图：{reason}"
RETRY_AFTER_S = 300.0  # after a failure, draw offline without waiting on the network again for a while
CACHE_MAX_AGE_S = 30 * 86400
CACHE_MAX_FILES = 3000

Extent = tuple[float, float, float, float]  # lon0, lat0, lon1, lat1
Fetch = Callable[[str], bytes]


class BasemapError(Exception):
    """A tile could not be fetched or decoded; str() is a Chinese reason without the key."""


def tile_span(z: int) -> float:
    """Degrees covered by one tile (both axes) at level z."""
    return 180.0 / 2 ** (z - 1)


def tile_bounds(z: int, row: int, col: int) -> Extent:
    """(lon0, lat0, lon1, lat1) of one tile; rows count down from 90°N, cols east from 180°W."""
    span = tile_span(z)
    return -180 + col * span, 90 - (row + 1) * span, -180 + (col + 1) * span, 90 - row * span


def choose_level(extent: Extent, width_px: int, height_px: int) -> int:
    """The level whose tile pixels come closest to one screen pixel (geometric mean of both axes)."""
    lon0, lat0, lon1, lat1 = extent
    screen = math.sqrt((lon1 - lon0) / width_px * (lat1 - lat0) / height_px)
    z = round(math.log2(tile_span(1) / TILE_PX / screen)) + 1
    return max(MIN_LEVEL, min(MAX_LEVEL, z))


def tiles_for_extent(extent: Extent, z: int) -> list[tuple[int, int]]:
    """(row, col) of every tile at level z that overlaps the extent, row-major."""
    lon0, lat0, lon1, lat1 = extent
    span = tile_span(z)
    cols, rows = 2 ** z, 2 ** (z - 1)
    # An edge lying exactly on a tile border must not pull in the next tile: ceil(...) - 1.
    c0 = max(0, math.floor((lon0 + 180) / span))
    c1 = min(cols - 1, math.ceil((lon1 + 180) / span) - 1)
    r0 = max(0, math.floor((90 - lat1) / span))
    r1 = min(rows - 1, math.ceil((90 - lat0) / span) - 1)
    return [(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]


def mosaic(tiles: Mapping[tuple[int, int], Image.Image], z: int) -> tuple[Image.Image, Extent]:
    """Paste tiles keyed (row, col) into one RGBA image and return it with the lon/lat extent it covers."""
    rows = [r for r, _ in tiles]
    cols = [c for _, c in tiles]
    r0, c0 = min(rows), min(cols)
    image = Image.new("RGBA", ((max(cols) - c0 + 1) * TILE_PX, (max(rows) - r0 + 1) * TILE_PX))
    for (r, c), tile in tiles.items():
        image.paste(tile.convert("RGBA"), ((c - c0) * TILE_PX, (r - r0) * TILE_PX))
    left, _, _, top = tile_bounds(z, r0, c0)
    _, bottom, right, _ = tile_bounds(z, max(rows), max(cols))
    return image, (left, bottom, right, top)


def tile_url(layer: str, z: int, row: int, col: int, key: str) -> str:
    return URL.format(server=(row + col) % 8, layer=layer, z=z, row=row, col=col, key=key)


def urllib_fetch(url: str, timeout_s: float = 4.0) -> bytes:
    """GET one tile; 天地图 refuses requests without a User-Agent."""
    request = urllib.request.Request(url, headers={"User-Agent": "Mozilla/5.0 (yqplan offline assistant)"})
    with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310 (fixed https host)
        return response.read()


class Basemap:
    """Tiles under a map when a 天地图 key is set; with no key it never touches the network or the cache."""

    def __init__(self, key: str, cache_dir: str | Path | None = None, fetch: Fetch | None = None,
                 style: str = "vec", clock: Callable[[], float] = time.monotonic):
        self.key = (key or "").strip()
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.fetch = fetch or urllib_fetch
        self.layers = STYLES[style]
        self.clock = clock
        self._failed: tuple[float, str] | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings) -> Basemap:
        return cls(settings.tianditu_key, Path(settings.index_dir) / "tiles")

    @property
    def enabled(self) -> bool:
        return bool(self.key)

    def image_for(self, extent: Extent, width_px: int, height_px: int) -> tuple[Image.Image, Extent]:
        """The mosaic covering the extent and its own extent; raises BasemapError (Chinese) on any failure."""
        if not self.enabled:
            raise BasemapError("未配置天地图密钥")
        with self._lock:
            if self._failed and self.clock() - self._failed[0] < RETRY_AFTER_S:
                raise BasemapError(self._failed[1])
        z = choose_level(extent, width_px, height_px)
        while z > MIN_LEVEL and len(tiles_for_extent(extent, z)) > MAX_TILES:
            z -= 1
        cells = tiles_for_extent(extent, z)
        try:
            with ThreadPoolExecutor(max_workers=6) as pool:
                per_layer = {layer: list(pool.map(lambda rc, lay=layer: self._tile(lay, z, *rc), cells))
                             for layer in self.layers}
        except BasemapError as e:
            with self._lock:
                self._failed = (self.clock(), str(e))
            raise
        tiles = {}
        for i, cell in enumerate(cells):
            tile = per_layer[self.layers[0]][i].convert("RGBA")
            for layer in self.layers[1:]:
                tile = Image.alpha_composite(tile, per_layer[layer][i].convert("RGBA"))
            tiles[cell] = tile
        self._prune_cache()
        return mosaic(tiles, z)

    def web_tile(self, z: int, x: int, y: int) -> bytes:
        """One 256-px web-mercator tile (base + Chinese annotation) as PNG bytes, for the web map."""
        if not self.enabled:
            raise BasemapError("未配置天地图密钥")
        if not (1 <= z <= WEB_MAX_ZOOM and 0 <= x < 2 ** z and 0 <= y < 2 ** z):
            raise BasemapError("瓦片编号超出范围")
        with self._lock:
            if self._failed and self.clock() - self._failed[0] < RETRY_AFTER_S:
                raise BasemapError(self._failed[1])
        try:
            tiles = [self._tile(f"{layer}_w", z, y, x, URL_W.format(server=(x + y) % 8, layer=layer, z=z, y=y,
                                                                      x=x, key=self.key))
                     for layer in self.layers]
        except BasemapError as e:
            with self._lock:
                self._failed = (self.clock(), str(e))
            raise
        image = tiles[0].convert("RGBA")
        for tile in tiles[1:]:
            image = Image.alpha_composite(image, tile.convert("RGBA"))
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        return buf.getvalue()

    def _tile(self, layer: str, z: int, row: int, col: int, url: str | None = None) -> Image.Image:
        path = self.cache_dir / layer / str(z) / f"{row}_{col}.png" if self.cache_dir else None
        if path and path.exists() and time.time() - path.stat().st_mtime < CACHE_MAX_AGE_S:
            try:
                return _decode(path.read_bytes())
            except BasemapError:
                path.unlink(missing_ok=True)
        data = self._download(url or tile_url(layer, z, row, col, self.key))
        image = _decode(data)
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{threading.get_ident()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        return image

    def _download(self, url: str) -> bytes:
        try:
            return self.fetch(url)
        except urllib.error.HTTPError as e:
            reason = f"天地图拒绝了请求（HTTP {e.code}），请检查 YQPLAN_TIANDITU_KEY 是否正确、是否为“服务器端”密钥及当日配额"
        except (urllib.error.URLError, http.client.HTTPException, OSError) as e:
            detail = getattr(e, "reason", None) or e
            reason = f"无法连接天地图服务器（{detail}），请检查网络，或清空 YQPLAN_TIANDITU_KEY 以完全离线运行"
        raise BasemapError(reason.replace(self.key, "***"))

    def _prune_cache(self) -> None:
        """Keep the tile cache small: drop the oldest files beyond CACHE_MAX_FILES."""
        if not self.cache_dir or not self.cache_dir.exists():
            return
        files = list(self.cache_dir.rglob("*.png"))
        if len(files) <= CACHE_MAX_FILES:
            return
        files.sort(key=lambda p: p.stat().st_mtime)
        for p in files[:len(files) - CACHE_MAX_FILES]:
            p.unlink(missing_ok=True)


def _decode(data: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Exception as e:  # PIL raises several types for non-images (an error page, an empty body)
        raise BasemapError("天地图返回的不是图片，可能密钥无效或超出当日配额，请检查 YQPLAN_TIANDITU_KEY") from e
    return image
