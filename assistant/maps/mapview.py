"""Maps rendered with matplotlib (offline by default, no CDN): plan figures, checked points and red lines."""

# With YQPLAN_TIANDITU_KEY set, maps get 天地图 tiles underneath (basemap.py, also in public mode: the
# tiles are public). With no key, the default, nothing is requested from the network.

from __future__ import annotations

import json
import os
import threading
from functools import cache
from pathlib import Path
from typing import Any

from shapely import wkb as shapely_wkb
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from ..errors import InputError, PlanError
from ..layers.postgis import is_url
from ..layers.sql import SqlRunner, server_data_version
from .basemap import Basemap
from .canvas import CONTROL_LINES, Canvas, MapImage

VERSIONS = ("维护前", "维护后")
# Rows of layer_status that are tables, not map layers: the gazetteer is approximate (never imported), 地块
# and 重点建设项目 are demo until replaced; the answers that use them carry their own note.
NOT_MAP_LAYERS = ("地名", "地块", "重点建设项目")
# Plan figures (附图) the chat can draw: kind -> layers drawn, categorical field, whether to mark changes.
PLAN_MAPS: dict[str, dict[str, Any]] = {
    "三条控制线": {"layers": CONTROL_LINES, "changes": True},
    "永久基本农田": {"layers": ["永久基本农田"], "changes": False},
    "生态保护红线": {"layers": ["生态保护红线"], "changes": False},
    "城镇开发边界": {"layers": ["城镇开发边界"], "changes": False},
    "国土空间用途分区": {"layers": ["规划分区"], "categorical": "zone", "changes": False},
    "中心城区用地": {"layers": ["中心城区用地", "中心城区范围"], "categorical": "land_use",
                 "changes": False, "zoom_layer": "中心城区范围"},
}
PLAN_MAP_TITLES = {
    "三条控制线": "三条控制线{version}图", "永久基本农田": "永久基本农田{version}图",
    "生态保护红线": "生态保护红线{version}图", "城镇开发边界": "城镇开发边界{version}图",
    "国土空间用途分区": "国土空间用途分区图（{version}）", "中心城区用地": "中心城区用地规划布局图（{version}）",
}

@cache
def admin_boundaries(path: str) -> list[tuple[str, str, BaseGeometry]]:
    """(name, level, geometry) of the city and county boundaries from the admin GeoJSON."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [(f["properties"]["name"], f["properties"].get("level", ""), shape(f["geometry"]))
            for f in data["features"]]


class MapView:
    """Reads layer geometry once per (layers, version, data version) and renders maps; thread-safe.

    Every cached read is keyed by the database's data version (meta.data_version, new after each build
    and import): a layer imported while the app runs shows on the next map, not after a restart.
    """

    def __init__(self, db_path: str | Path, admin_geojson: str | Path, tolerance: float = 0.0002,
                 basemap: Basemap | None = None, version_check_s: float = 3.0):
        self.basemap = basemap
        self.db_path = str(db_path)  # a DuckDB file, or a PostGIS URL
        self.version_check_s = version_check_s
        self.runner = SqlRunner(db_path, timeout_s=30, max_rows=500_000)
        self.admin_geojson = str(admin_geojson)
        self.tolerance = tolerance
        self._cache: dict[tuple, Any] = {}
        self._cache_version: str | None = None
        self._file: tuple | None = None
        self._version = ""
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings) -> MapView:
        return cls(settings.store, settings.admin_geojson, basemap=Basemap.from_settings(settings),
                   version_check_s=settings.version_check_s)

    def layer_status(self) -> list[dict[str, Any]]:
        return self._cached(("status",), lambda: self.runner.run("ui_layer_status").records())

    def map_layer_status(self) -> list[dict[str, Any]]:
        """Status of the layers proper: the 地名, 地块 and 项目 tables mark the answers that use them instead."""
        return [r for r in self.layer_status() if r["layer"] not in NOT_MAP_LAYERS]

    def demo_layers(self) -> list[str]:
        return [r["layer"] for r in self.map_layer_status() if r["demo"]]

    def features(self, layers: list[str], version: str, tolerance: float | None = None) -> list[dict[str, Any]]:
        """Layer polygons (shapely) with name/code, simplified by `tolerance` degrees (default: the view's)."""
        tolerance = self.tolerance if tolerance is None else tolerance

        def load():
            rows = self.runner.run("map_layer_features", layers=list(layers), version=version,
                                   tolerance=tolerance).records()
            for r in rows:
                r["geom"] = shapely_wkb.loads(bytes(r.pop("wkb")))
            return rows
        return self._cached(("features", tuple(layers), version, tolerance), load)

    def indexed(self, layer: str, version: str, tolerance: float) -> tuple[list[dict[str, Any]], Any]:
        """One layer's features and an STRtree over their geometry (tiles and the staff GeoJSON share it)."""
        def load():
            import numpy as np
            import shapely

            rows = self.features([layer], version, tolerance=tolerance)
            return rows, shapely.STRtree(np.array([r["geom"] for r in rows], dtype=object))
        return self._cached(("indexed", layer, version, tolerance), load)

    def changes(self, layers: list[str]) -> list[dict[str, Any]]:
        def load():
            rows = self.runner.run("map_changes", layers=list(layers), tolerance=self.tolerance).records()
            for r in rows:
                r["geom"] = shapely_wkb.loads(bytes(r.pop("wkb")))
            return rows
        return self._cached(("changes", tuple(layers)), load)

    def data_version(self) -> str:
        """meta.data_version of the database, read again only when the file itself changed (a swap);
        on a PostGIS store, asked of the server at most every version_check_s seconds."""
        if is_url(self.db_path):
            return server_data_version(self.db_path, self.version_check_s)
        try:
            st = os.stat(self.db_path)
            ident = (st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            ident = None
        with self._lock:
            if ident is not None and ident == self._file:
                return self._version
        try:
            rows = self.runner.run("meta_data_version").rows
        except PlanError:
            rows = []
        version = str(rows[0][0]) if rows else f"file:{ident}"  # databases built before data_version
        with self._lock:
            self._file, self._version = ident, version
        return version

    def _cached(self, key, load):
        version = self.data_version()
        with self._lock:
            if version != self._cache_version:  # new data: everything read before is stale
                self._cache.clear()
                self._cache_version = version
            if key in self._cache:
                return self._cache[key]
        value = load()
        with self._lock:
            if version == self._cache_version:
                self._cache[key] = value
        return value

    def close(self) -> None:
        self.runner.close()

    # -- renderings -------------------------------------------------------------------------

    def render_plan_map(self, kind: str, version: str = "维护后", mark: str | None = None) -> MapImage:
        """One of the plan's figures (附图) from the layers; `mark` = 调出 | 调入 | None (both)."""
        if kind not in PLAN_MAPS:
            raise InputError(f"没有“{kind}”这张图。可选：{'、'.join(PLAN_MAP_TITLES)}。")
        if version not in VERSIONS:
            raise InputError("版本只能是“维护前”或“维护后”。")
        spec = PLAN_MAPS[kind]
        title = PLAN_MAP_TITLES[kind].format(version=version)
        feats = self.features(spec["layers"], version)
        changes = []
        if spec["changes"]:
            changes = [c for c in self.changes(spec["layers"]) if mark is None or c["change"] == mark]
            if mark:
                title += f"（标明{mark}）"
        extent_geoms = [f["geom"] for f in feats if f["layer"] == spec.get("zoom_layer")]
        # Control lines and zones cover 市辖区 only: frame it, not the whole city.
        extent = _pad(_bounds(extent_geoms), 0.04) if extent_geoms else self._district_bounds()
        canvas = Canvas(extent, title, self.basemap)
        canvas.draw_admin(admin_boundaries(self.admin_geojson))
        canvas.draw_features(feats, spec.get("categorical"))
        canvas.draw_changes(changes)
        return canvas.finish(demo=bool(set(spec["layers"]) & set(self.demo_layers())))

    def render_check(self, result: dict[str, Any] | None = None, geometry: BaseGeometry | None = None,
                     version: str = "维护后", public: bool = False, title: str | None = None) -> MapImage:
        """The checked point or red line over the control lines (public: over county boundaries only)."""
        point = None
        if result and result.get("location"):
            point = (result["location"]["lon"], result["location"]["lat"])
        if geometry is not None:
            extent = _pad(geometry.bounds, 0.6, minimum=0.01)
        elif point:
            extent = (point[0] - 0.03, point[1] - 0.025, point[0] + 0.03, point[1] + 0.025)
        else:
            extent = self._city_bounds() if public else self._district_bounds()
        title = title or ("选址核查位置图" if public else f"选址核查图（{version}三条控制线）")
        canvas = Canvas(extent, title, self.basemap)
        canvas.draw_admin(admin_boundaries(self.admin_geojson))
        demo = False
        if not public:
            canvas.draw_features(self.features(CONTROL_LINES, version), None)
            demo = bool(set(CONTROL_LINES) & set(self.demo_layers()))
        if geometry is not None:
            canvas.draw_redline(geometry)
        if point:
            canvas.draw_point(*point)
        return canvas.finish(demo=demo)

    def render_overview(self, version: str = "维护后", public: bool = False) -> MapImage:
        """The whole city: control lines for staff, county boundaries only for the public."""
        title = "阳泉市行政区划图（点击地图核查）" if public else f"三条控制线总览（{version}，点击地图核查）"
        return self.render_check(None, None, version, public, title)

    def _district_bounds(self) -> tuple[float, float, float, float]:
        """城区 + 矿区 + 郊区, the area every layer covers."""
        parts = [g for name, _, g in admin_boundaries(self.admin_geojson) if name in ("城区", "矿区", "郊区")]
        return _pad(_bounds(parts), 0.04) if parts else self._city_bounds()

    def _city_bounds(self) -> tuple[float, float, float, float]:
        city = [g for _, level, g in admin_boundaries(self.admin_geojson) if level == "city"]
        return _pad(_bounds(city or [g for *_, g in admin_boundaries(self.admin_geojson)]), 0.04)


def render_plan_map(kind: str, version: str = "维护后", view: MapView | None = None,
                    mark: str | None = None) -> MapImage:
    """Module-level shortcut: render a plan figure from the configured database."""
    if view is None:
        from .. import settings as settings_mod

        view = MapView.from_settings(settings_mod.load())
    return view.render_plan_map(kind, version, mark)


# -- drawing ------------------------------------------------------------------------------------


def _bounds(geoms) -> tuple[float, float, float, float]:
    xs0, ys0, xs1, ys1 = zip(*(g.bounds for g in geoms if not g.is_empty), strict=True)
    return min(xs0), min(ys0), max(xs1), max(ys1)


def _pad(b, share: float, minimum: float = 0.0):
    dx = max((b[2] - b[0]) * share / 2, minimum)
    dy = max((b[3] - b[1]) * share / 2, minimum)
    return b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy


