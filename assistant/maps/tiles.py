"""Server-rendered raster tiles (Web Mercator XYZ, 256 px) of one layer and version, or of the county base."""

# Public mode shows control lines only as these pictures: no vertex ever reaches the browser. Tiles are
# drawn with PIL from in-memory geometry (read once from DuckDB through MapView) and kept in an LRU cache,
# so a pan costs a few milliseconds per tile.

from __future__ import annotations

import io
import math
import threading
from collections import OrderedDict
from typing import Any

import numpy as np
import shapely
from PIL import Image, ImageDraw

from ..errors import InputError
from .canvas import LAND_USE_COLORS, LAYER_STYLE, ZONE_COLORS
from .mapview import VERSIONS, MapView, admin_boundaries

TILE_PX = 256
MIN_ZOOM, MAX_ZOOM = 6, 18
CATEGORICAL = {"规划分区": "zone", "中心城区用地": "land_use"}
CACHE_TILES = 4096
CHANGE_COLORS = {"调出": "#e91e63", "调入": "#1565c0"}


def tolerance_for_zoom(z: int) -> float:
    """Simplification in degrees: about half a screen pixel at zoom z, never coarser than 0.002°."""
    return min(0.002, 360.0 / (TILE_PX * 2 ** z) / 2)


def zoom_band(z: int) -> float:
    """Geometry is cached in three simplification bands rather than one copy per zoom level."""
    return 0.001 if z <= 11 else 0.0001 if z <= 13 else 0.00001


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(lon0, lat0, lon1, lat1) of XYZ tile (z, x, y), y counted down from the north."""
    n = 2 ** z
    lon0, lon1 = x / n * 360 - 180, (x + 1) / n * 360 - 180
    lat1 = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))
    lat0 = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + 1) / n))))
    return lon0, lat0, lon1, lat1


def to_pixels(coords: np.ndarray, z: int, x: int, y: int) -> np.ndarray:
    """lon/lat pairs -> pixel positions inside tile (z, x, y)."""
    world = TILE_PX * 2 ** z
    px = (coords[:, 0] + 180) / 360 * world - x * TILE_PX
    lat = np.radians(np.clip(coords[:, 1], -85.0511, 85.0511))
    py = (1 - np.log(np.tan(lat) + 1 / np.cos(lat)) / math.pi) / 2 * world - y * TILE_PX
    return np.column_stack([px, py])


def _rgba(color: str, alpha: float = 1.0) -> tuple[int, int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16), int(round(alpha * 255))


def feature_color(layer: str, feature: dict[str, Any]) -> tuple[str, str, float]:
    """(fill, edge, alpha) of one feature: categorical layers by zone / land-use code, others by layer."""
    kind = CATEGORICAL.get(layer)
    if kind == "zone":
        return ZONE_COLORS.get(feature.get("name") or "", "#b0bec5"), "#ffffff", 0.7
    if kind == "land_use":
        return LAND_USE_COLORS.get(str(feature.get("code") or "")[:2], "#b0bec5"), "#ffffff", 0.75
    return LAYER_STYLE.get(layer, ("#90a4ae", "#37474f", 0.5))


def _polygons(geom) -> list:
    return [p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Polygon" and not p.is_empty]


class _Set:
    """One layer/version/band: geometries, their attributes and an STRtree."""

    def __init__(self, rows: list[dict[str, Any]], tree=None):
        self.rows = rows
        self.geoms = np.array([r["geom"] for r in rows], dtype=object)
        self.tree = tree if tree is not None else shapely.STRtree(self.geoms)

    def query(self, bounds) -> list[int]:
        return [int(i) for i in self.tree.query(shapely.box(*bounds), predicate="intersects")]


class TileRenderer:
    """PNG tiles of layers and of the offline base (county boundaries); thread-safe, LRU-cached."""

    def __init__(self, view: MapView, max_zoom: int = MAX_ZOOM):
        self.view = view
        self.max_zoom = max_zoom
        self._sets: dict[tuple, _Set] = {}
        self._cache: OrderedDict[tuple, bytes] = OrderedDict()
        self._version: str | None = None
        self._lock = threading.Lock()
        self._empty = _png(Image.new("RGBA", (TILE_PX, TILE_PX), (0, 0, 0, 0)))

    # -- data -----------------------------------------------------------------------------------
    def _follow_data(self) -> None:
        """Drop every cached tile and feature set once the database's data version changed."""
        current = self.view.data_version()
        with self._lock:
            if current != self._version:
                self._sets.clear()
                self._cache.clear()
                self._version = current

    def _set(self, layer: str, version: str, band: float) -> _Set:
        key = (layer, version, band)
        with self._lock:
            found = self._sets.get(key)
        if found is None:
            if layer == "调整":
                rows = self.view.changes(["永久基本农田", "生态保护红线", "城镇开发边界"])
                found = _Set([r for r in rows if r["change"] == version])
            else:
                found = _Set(*self.view.indexed(layer, version, band))
            with self._lock:
                self._sets[key] = found
        return found

    def layers(self) -> list[str]:
        """Layers the database holds, in drawing order."""
        return [r["layer"] for r in self.view.layer_status()]

    # -- tiles ----------------------------------------------------------------------------------
    def tile(self, layer: str, version: str, z: int, x: int, y: int) -> bytes:
        """One tile of `layer` (or "调整" with version 调出/调入; "底图" for county boundaries)."""
        self._check(z, x, y)
        self._follow_data()
        if layer != "底图":
            allowed = ("调出", "调入") if layer == "调整" else VERSIONS
            if version not in allowed:
                raise InputError(f"版本只能是{'或'.join(allowed)}。")
            if layer != "调整" and layer not in self.layers():
                raise InputError(f"没有名为“{layer}”的图层。")
        key = (layer, version, z, x, y)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        png = self._render_base(z, x, y) if layer == "底图" else self._render(layer, version, z, x, y)
        with self._lock:
            self._cache[key] = png
            while len(self._cache) > CACHE_TILES:
                self._cache.popitem(last=False)
        return png

    def _check(self, z: int, x: int, y: int) -> None:
        if not MIN_ZOOM <= z <= self.max_zoom:
            raise InputError(f"缩放级别须在 {MIN_ZOOM}–{self.max_zoom} 之间。")
        if not (0 <= x < 2 ** z and 0 <= y < 2 ** z):
            raise InputError("瓦片行列号超出范围。")

    def _render(self, layer: str, version: str, z: int, x: int, y: int) -> bytes:
        bounds = tile_bounds(z, x, y)
        pad = (bounds[2] - bounds[0]) * 4 / TILE_PX  # outlines just outside the tile still show
        padded = (bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad)
        data = self._set(layer, version, zoom_band(z))
        hits = data.query(padded)
        if not hits:
            return self._empty
        image = Image.new("RGBA", (TILE_PX, TILE_PX), (0, 0, 0, 0))
        if layer == "调整":
            self._draw_changes(image, data, hits, version, z, x, y)
        elif layer in CATEGORICAL:
            self._draw_categorical(image, data, hits, layer, z, x, y)
        else:
            self._draw_uniform(image, data, hits, layer, z, x, y)
        return _png(image)

    def _rings(self, geom, z, x, y):
        for poly in _polygons(geom):
            yield [tuple(p) for p in to_pixels(np.asarray(poly.exterior.coords), z, x, y)], [
                [tuple(p) for p in to_pixels(np.asarray(r.coords), z, x, y)] for r in poly.interiors]

    def _draw_uniform(self, image, data, hits, layer, z, x, y):
        face, edge, alpha = feature_color(layer, {})
        mask = Image.new("L", image.size, 0)
        fill = ImageDraw.Draw(mask)
        outline = ImageDraw.Draw(image, "RGBA")
        width = 2 if layer in ("城镇开发边界", "中心城区范围") or z >= 14 else 1
        rings = [r for i in hits for r in self._rings(data.geoms[i], z, x, y)]
        if face != "none":
            for exterior, holes in rings:
                fill.polygon(exterior, fill=255)
                for hole in holes:
                    fill.polygon(hole, fill=0)
            color = Image.new("RGBA", image.size, _rgba(face))
            image.paste(color, mask=mask.point(lambda v: int(v * alpha)))
        for exterior, holes in rings:
            for ring in (exterior, *holes):
                outline.line(ring, fill=_rgba(edge), width=width)

    def _draw_categorical(self, image, data, hits, layer, z, x, y):
        draw = ImageDraw.Draw(image, "RGBA")
        for i in hits:
            face, edge, alpha = feature_color(layer, data.rows[i])
            for exterior, _holes in self._rings(data.geoms[i], z, x, y):
                draw.polygon(exterior, fill=_rgba(face, alpha), outline=_rgba(edge, 0.9))

    def _draw_changes(self, image, data, hits, change, z, x, y):
        draw = ImageDraw.Draw(image, "RGBA")
        edge = _rgba(CHANGE_COLORS[change])
        for i in hits:
            for exterior, _holes in self._rings(data.geoms[i], z, x, y):
                draw.polygon(exterior, fill=_rgba(CHANGE_COLORS[change], 0.25))
                draw.line(exterior, fill=edge, width=2)

    def _render_base(self, z: int, x: int, y: int) -> bytes:
        """County and city boundaries with county names: the offline base under every layer."""
        bounds = tile_bounds(z, x, y)
        box = shapely.box(*bounds)
        image = Image.new("RGBA", (TILE_PX, TILE_PX), (0, 0, 0, 0))
        draw = ImageDraw.Draw(image, "RGBA")
        drawn = False
        for _name, level, geom in admin_boundaries(self.view.admin_geojson):
            if not geom.intersects(box.buffer((bounds[2] - bounds[0]) * 0.05)):
                continue
            drawn = True
            width = 3 if level == "city" else 2
            for poly in _polygons(geom):
                draw.line([tuple(p) for p in to_pixels(np.asarray(poly.exterior.coords), z, x, y)],
                          fill=_rgba("#555555", 0.9), width=width)
        return _png(image) if drawn else self._empty

    def cache_size(self) -> int:
        with self._lock:
            return len(self._cache)


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False, compress_level=1)
    return buf.getvalue()

