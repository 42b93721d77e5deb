"""Offline maps rendered with matplotlib (no tiles, no CDN): plan figures, checked points and red lines."""

# YQPLAN_TIANDITU_KEY (online basemap) is accepted by settings but not used yet: every map stays offline.

from __future__ import annotations

import io
import json
import math
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.collections import PatchCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch, PathPatch  # noqa: E402
from matplotlib.path import Path as MplPath  # noqa: E402
from shapely import wkb as shapely_wkb  # noqa: E402
from shapely.geometry import shape  # noqa: E402
from shapely.geometry.base import BaseGeometry  # noqa: E402

from . import fonts  # noqa: E402
from .errors import InputError  # noqa: E402
from .sql import SqlRunner  # noqa: E402

VERSIONS = ("维护前", "维护后")
CONTROL_LINES = ["永久基本农田", "生态保护红线", "城镇开发边界"]
LAYER_STYLE = {  # layer -> (face, edge, alpha)
    "永久基本农田": ("#f5d442", "#b8960c", 0.75),
    "生态保护红线": ("#4caf50", "#1b5e20", 0.6),
    "城镇开发边界": ("#ff8a80", "#d50000", 0.35),
    "历史文化保护线": ("#ba68c8", "#6a1b9a", 0.5),
    "洪涝风险控制线": ("#64b5f6", "#0d47a1", 0.45),
    "城市绿线": ("#81c784", "#2e7d32", 0.5),
    "城市紫线": ("#ce93d8", "#7b1fa2", 0.5),
    "中心城区范围": ("none", "#424242", 1.0),
}
ZONE_COLORS = {
    "生态保护区": "#2e7d32", "生态控制区": "#81c784", "农田保护区": "#fdd835",
    "城镇发展区": "#ef5350", "乡村发展区": "#ffcc80", "矿产能源发展区": "#8d6e63",
}
LAND_USE_COLORS = {  # first two digits of the 2023 用地用海分类 code
    "01": "#fff59d", "02": "#c5e1a5", "03": "#66bb6a", "04": "#a5d6a7", "06": "#ffe0b2",
    "07": "#ffeb3b", "08": "#f48fb1", "09": "#e53935", "10": "#a1887f", "11": "#9575cd",
    "12": "#bdbdbd", "13": "#4fc3f7", "14": "#43a047", "15": "#ff7043", "16": "#78909c",
    "17": "#1e88e5", "23": "#e0e0e0",
}
CHANGE_STYLE = {"调出": ("#ffffff", "#e91e63", "//"), "调入": ("#ffffff", "#1565c0", "\\\\")}

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
WIDTH_PX, HEIGHT_PX, DPI = 900, 760, 100


@dataclass
class MapImage:
    """A rendered PNG and the lon/lat extent its pixels cover (axes fill the whole image)."""

    png: bytes
    extent: tuple[float, float, float, float]  # lon0, lat0, lon1, lat1
    width: int
    height: int
    title: str
    demo: bool = False
    notes: list[str] = field(default_factory=list)

    def pixel_to_lonlat(self, x: float, y: float) -> tuple[float, float]:
        lon0, lat0, lon1, lat1 = self.extent
        if not (0 <= x <= self.width and 0 <= y <= self.height):
            raise InputError("点击位置不在地图范围内，请点击地图内部。")
        return lon0 + x / self.width * (lon1 - lon0), lat1 - y / self.height * (lat1 - lat0)

    def to_pil(self):
        from PIL import Image

        return Image.open(io.BytesIO(self.png))

    def save(self, path: str | Path) -> Path:
        Path(path).write_bytes(self.png)
        return Path(path)


@cache
def admin_boundaries(path: str) -> list[tuple[str, str, BaseGeometry]]:
    """(name, level, geometry) of the city and county boundaries from the admin GeoJSON."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [(f["properties"]["name"], f["properties"].get("level", ""), shape(f["geometry"]))
            for f in data["features"]]


class MapView:
    """Reads layer geometry once per (layers, version) and renders maps; thread-safe."""

    def __init__(self, db_path: str | Path, admin_geojson: str | Path, tolerance: float = 0.0002):
        self.runner = SqlRunner(db_path, timeout_s=30, max_rows=500_000)
        self.admin_geojson = str(admin_geojson)
        self.tolerance = tolerance
        self._cache: dict[tuple, Any] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings) -> MapView:
        return cls(settings.db_path, settings.admin_geojson)

    def layer_status(self) -> list[dict[str, Any]]:
        return self._cached(("status",), lambda: self.runner.run("ui_layer_status").records())

    def demo_layers(self) -> list[str]:
        return [r["layer"] for r in self.layer_status() if r["demo"]]

    def features(self, layers: list[str], version: str) -> list[dict[str, Any]]:
        def load():
            rows = self.runner.run("map_layer_features", layers=list(layers), version=version,
                                   tolerance=self.tolerance).records()
            for r in rows:
                r["geom"] = shapely_wkb.loads(bytes(r.pop("wkb")))
            return rows
        return self._cached(("features", tuple(layers), version), load)

    def changes(self, layers: list[str]) -> list[dict[str, Any]]:
        def load():
            rows = self.runner.run("map_changes", layers=list(layers), tolerance=self.tolerance).records()
            for r in rows:
                r["geom"] = shapely_wkb.loads(bytes(r.pop("wkb")))
            return rows
        return self._cached(("changes", tuple(layers)), load)

    def _cached(self, key, load):
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        value = load()
        with self._lock:
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
        extent = _bounds(extent_geoms) if extent_geoms else self._city_bounds()
        canvas = _Canvas(extent, title)
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
            extent = self._city_bounds()
        title = title or ("选址核查位置图" if public else f"选址核查图（{version}三条控制线）")
        canvas = _Canvas(extent, title)
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

    def _city_bounds(self) -> tuple[float, float, float, float]:
        city = [g for _, level, g in admin_boundaries(self.admin_geojson) if level == "city"]
        return _pad(_bounds(city or [g for *_, g in admin_boundaries(self.admin_geojson)]), 0.04)


def render_plan_map(kind: str, version: str = "维护后", view: MapView | None = None,
                    mark: str | None = None) -> MapImage:
    """Module-level shortcut: render a plan figure from the configured database."""
    if view is None:
        from . import settings as settings_mod

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


def _fit_aspect(b) -> tuple[float, float, float, float]:
    """Grow the extent so one metre east and north look the same at the image's aspect ratio."""
    lon0, lat0, lon1, lat1 = b
    cx, cy = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    kx = math.cos(math.radians(cy))
    w_m, h_m = (lon1 - lon0) * kx, lat1 - lat0
    target = WIDTH_PX / HEIGHT_PX
    if w_m / h_m < target:
        w_m = h_m * target
    else:
        h_m = w_m / target
    return cx - w_m / kx / 2, cy - h_m / 2, cx + w_m / kx / 2, cy + h_m / 2


def _polygon_path(geom: BaseGeometry) -> MplPath | None:
    verts, codes = [], []
    polys = getattr(geom, "geoms", [geom])
    for poly in polys:
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        for ring in [poly.exterior, *poly.interiors]:
            xy = list(ring.coords)
            verts.extend(xy)
            codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(xy) - 2) + [MplPath.CLOSEPOLY])
    return MplPath(verts, codes) if verts else None


def _category_color(kind: str, feature: dict[str, Any], palette: dict[str, str]) -> str:
    import matplotlib.colors as mcolors

    if kind == "zone":
        name = feature.get("name") or ""
        if name in ZONE_COLORS:
            return ZONE_COLORS[name]
    else:
        code = str(feature.get("code") or "")[:2]
        if code in LAND_USE_COLORS:
            return LAND_USE_COLORS[code]
    key = feature.get("name") or feature.get("code") or "?"
    if key not in palette:
        palette[key] = mcolors.to_hex(matplotlib.colormaps["tab20"](len(palette) % 20))
    return palette[key]


class _Canvas:
    """One map figure: axes fill the image so pixel -> lon/lat is a plain linear map."""

    def __init__(self, extent, title: str):
        fonts.matplotlib_family()
        self.extent = _fit_aspect(extent)
        self.title = title
        self.fig = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes((0, 0, 1, 1))
        self.ax.set_xlim(self.extent[0], self.extent[2])
        self.ax.set_ylim(self.extent[1], self.extent[3])
        self.ax.set_aspect("auto")
        self.ax.set_axis_off()
        self.fig.patch.set_facecolor("#f7f7f2")
        self.legend: dict[str, Patch] = {}

    def _add(self, geoms, face, edge, alpha, lw=0.6, hatch=None, z=2):
        patches = [PathPatch(p) for p in map(_polygon_path, geoms) if p is not None]
        if patches:
            self.ax.add_collection(PatchCollection(
                patches, facecolor=face, edgecolor=edge, alpha=alpha, linewidth=lw, hatch=hatch, zorder=z))

    def draw_admin(self, boundaries):
        for name, level, geom in boundaries:
            lw, style = (1.8, "-") if level == "city" else (0.9, "--")
            for poly in getattr(geom, "geoms", [geom]):
                x, y = poly.exterior.xy
                self.ax.plot(x, y, color="#555555", linewidth=lw, linestyle=style, zorder=5)
            if level != "city":
                p = geom.representative_point()
                if self._inside(p.x, p.y):
                    self.ax.text(p.x, p.y, name, fontsize=11, color="#333333", ha="center", zorder=6,
                                 bbox={"facecolor": "white", "alpha": 0.6, "edgecolor": "none", "pad": 1})
        self.legend["市界"] = Patch(facecolor="none", edgecolor="#555555", linewidth=1.8, label="市界")
        self.legend["县（区）界"] = Patch(facecolor="none", edgecolor="#555555", linestyle="--", label="县（区）界")

    def draw_features(self, feats, categorical: str | None):
        palette: dict[str, str] = {}
        by_layer: dict[str, list] = {}
        for f in feats:
            by_layer.setdefault(f["layer"], []).append(f)
        order = [lay for lay in ["规划分区", "中心城区用地", "永久基本农田", "生态保护红线", "城镇开发边界"]
                 if lay in by_layer] + [lay for lay in by_layer if lay not in LAYER_STYLE and lay not in
                                        ("规划分区", "中心城区用地")] + [
            lay for lay in LAYER_STYLE if lay in by_layer and lay not in CONTROL_LINES]
        for z, layer in enumerate(dict.fromkeys(order), start=2):
            group = by_layer[layer]
            if categorical and layer in ("规划分区", "中心城区用地"):
                by_color: dict[str, list] = {}  # one collection per colour: thousands of patches draw fast
                for f in group:
                    color = _category_color(categorical, f, palette)
                    by_color.setdefault(color, []).append(f["geom"])
                    label = f.get("name") or f.get("code") or layer
                    self.legend.setdefault(label, Patch(facecolor=color, edgecolor="#999999", label=label))
                for color, geoms in by_color.items():
                    self._add(geoms, color, "#ffffff", 0.85, lw=0.3, z=z)
                continue
            face, edge, alpha = LAYER_STYLE.get(layer, ("#90a4ae", "#37474f", 0.5))
            lw = 1.6 if layer in ("城镇开发边界", "中心城区范围") else 0.6
            self._add([f["geom"] for f in group], face, edge, alpha, lw=lw, z=z)
            self.legend[layer] = Patch(facecolor=face, edgecolor=edge, alpha=alpha, label=layer)

    def draw_changes(self, changes):
        for kind in ("调出", "调入"):
            geoms = [c["geom"] for c in changes if c["change"] == kind]
            if geoms:
                face, edge, hatch = CHANGE_STYLE[kind]
                self._add(geoms, "none", edge, 1.0, lw=1.4, hatch=hatch, z=9)
                self.legend[kind] = Patch(facecolor="none", edgecolor=edge, hatch=hatch, label=f"本次{kind}")

    def draw_redline(self, geom):
        self._add([geom], "none", "#ff0000", 1.0, lw=2.4, z=10)
        self.legend["红线"] = Patch(facecolor="none", edgecolor="#ff0000", linewidth=2.4, label="用地红线")

    def draw_point(self, lon, lat):
        self.ax.plot([lon], [lat], marker="*", markersize=20, color="#d50000", markeredgecolor="white",
                     zorder=11)
        self.ax.annotate(f"查询点\n{lon:.5f}, {lat:.5f}", (lon, lat), xytext=(12, 10),
                         textcoords="offset points", fontsize=10, zorder=11,
                         bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "#d50000"})

    def _inside(self, x, y):
        return self.extent[0] < x < self.extent[2] and self.extent[1] < y < self.extent[3]

    def _frac(self, fx, fy):
        e = self.extent
        return e[0] + fx * (e[2] - e[0]), e[1] + fy * (e[3] - e[1])

    def _scale_bar(self):
        lon0, lat0, lon1, lat1 = self.extent
        metres_per_deg = 111_320 * math.cos(math.radians((lat0 + lat1) / 2))
        target = (lon1 - lon0) * metres_per_deg / 5
        nice = max(v for v in [10 ** k * m for k in range(1, 6) for m in (1, 2, 5)] if v <= max(target, 10))
        x0, y0 = self._frac(0.04, 0.05)
        dx = nice / metres_per_deg
        self.ax.plot([x0, x0 + dx], [y0, y0], color="black", linewidth=4, zorder=12, solid_capstyle="butt")
        self.ax.plot([x0, x0 + dx / 2], [y0, y0], color="white", linewidth=2, zorder=13, solid_capstyle="butt")
        label = f"{nice / 1000:g} 公里" if nice >= 1000 else f"{nice:g} 米"
        self.ax.text(x0 + dx / 2, y0 + (lat1 - lat0) * 0.012, label, ha="center", va="bottom", fontsize=10,
                     zorder=12)

    def _north_arrow(self):
        x, y = self._frac(0.95, 0.86)
        _, ytop = self._frac(0.95, 0.95)
        self.ax.annotate("", xy=(x, ytop), xytext=(x, y), zorder=12,
                         arrowprops={"facecolor": "black", "width": 4, "headwidth": 14})
        self.ax.text(x, y - (ytop - y) * 0.35, "北", ha="center", va="top", fontsize=13, zorder=12)

    def finish(self, demo: bool) -> MapImage:
        self.ax.text(*self._frac(0.5, 0.975), self.title, ha="center", va="top", fontsize=16, zorder=14,
                     bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "#888888"})
        self._scale_bar()
        self._north_arrow()
        if self.legend:
            items = list(self.legend.values())[:18]
            self.ax.legend(handles=items, loc="lower right", fontsize=9, framealpha=0.9, title="图例",
                           title_fontsize=10)
        notes = []
        if demo:
            self.ax.text(*self._frac(0.5, 0.5), "演示数据", fontsize=70, color="#9e9e9e", alpha=0.35,
                         ha="center", va="center", rotation=30, zorder=20)
            notes.append("当前图层为演示数据，非正式规划成果，仅用于功能演示。")
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=DPI)
        width, height = (int(round(v)) for v in self.fig.get_size_inches() * DPI)
        return MapImage(buf.getvalue(), self.extent, width, height, self.title, demo, notes)
