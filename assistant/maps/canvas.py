"""The matplotlib canvas behind every offline map: layer styles, polygons, legend, scale bar, north arrow."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.collections import PatchCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch, PathPatch  # noqa: E402
from matplotlib.path import Path as MplPath  # noqa: E402
from shapely.geometry.base import BaseGeometry  # noqa: E402

from ..errors import InputError  # noqa: E402
from . import fonts  # noqa: E402
from .basemap import ATTRIBUTION, FAILURE_NOTE, Basemap, BasemapError  # noqa: E402

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


def fit_aspect(b) -> tuple[float, float, float, float]:
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


class Canvas:
    """One map figure: axes fill the image so pixel -> lon/lat is a plain linear map."""

    def __init__(self, extent, title: str, basemap: Basemap | None = None):
        fonts.matplotlib_family()
        self.extent = fit_aspect(extent)
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
        self.notes: list[str] = []
        self.attribution = False
        if basemap is not None and basemap.enabled:
            self._draw_basemap(basemap)

    def _draw_basemap(self, basemap: Basemap):
        """天地图 tiles under everything; any failure leaves the offline map as it was, with a note."""
        try:
            image, (lon0, lat0, lon1, lat1) = basemap.image_for(self.extent, WIDTH_PX, HEIGHT_PX)
        except BasemapError as e:
            self.notes.append(FAILURE_NOTE.format(reason=e))
            return
        self.ax.imshow(image, extent=(lon0, lon1, lat0, lat1), origin="upper", aspect="auto", zorder=0)
        # imshow widens the limits to the whole mosaic; the map keeps its own extent.
        self.ax.set_xlim(self.extent[0], self.extent[2])
        self.ax.set_ylim(self.extent[1], self.extent[3])
        self.attribution = True

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

    def finish(self, demo: bool):
        self.ax.text(*self._frac(0.5, 0.975), self.title, ha="center", va="top", fontsize=16, zorder=14,
                     bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "#888888"})
        self._scale_bar()
        self._north_arrow()
        if self.legend:
            items = list(self.legend.values())[:18]
            self.ax.legend(handles=items, loc="lower right", fontsize=9, framealpha=0.9, title="图例",
                           title_fontsize=10)
        notes = list(self.notes)
        if self.attribution:  # 天地图 terms of use require naming the basemap on the map
            self.ax.text(*self._frac(0.005, 0.006), ATTRIBUTION, ha="left", va="bottom", fontsize=8,
                         color="#333333", zorder=14,
                         bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 1})
        if demo:
            self.ax.text(*self._frac(0.5, 0.5), "演示数据", fontsize=70, color="#9e9e9e", alpha=0.35,
                         ha="center", va="center", rotation=30, zorder=20)
            notes.append("当前图层为演示数据，非正式规划成果，仅用于功能演示。")
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=DPI)
        width, height = (int(round(v)) for v in self.fig.get_size_inches() * DPI)
        return MapImage(buf.getvalue(), self.extent, width, height, self.title, demo, notes)
