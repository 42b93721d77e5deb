"""Demo scale: split the generated polygons into ~N pieces each, so counts grow while every total stays."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..geo import polygonal
from .geom import Collector

# The many-feature layers whose features (and changes) are split at --demo-scale N; single-outline
# layers (中心城区范围, 城镇开发边界, 生态保护红线, 洪涝风险控制线, 城市紫线, admin) keep their shape.
SPLIT_FEATURE_LAYERS = ("永久基本农田", "规划分区", "中心城区用地", "历史文化保护线", "城市绿线")
SPLIT_CHANGE_LAYERS = ("永久基本农田", "城镇开发边界", "历史文化保护线", "城市绿线")
# Layers that share outlines with 规划分区 pieces. A grid cut adds a vertex X on an edge AB; stored in
# lon/lat, A-X-B bends away from the straight lon/lat AB by ~L²/R, a sliver that adds up to m² over
# thousands of cuts on 150 m Voronoi edges. Densifying these outlines to 20 m first (in every layer
# that shares them) makes those slivers ~400× smaller.
DENSIFY_LAYERS = ("规划分区", "城镇开发边界", "生态保护红线")
DENSIFY_M = 20.0
# The scale-1 dissolves leave nanometre-wide cracks (chains of ~1e-7 m² holes) where a cut cell met its
# neighbours; a grid line through a crack gives a piece that GEOS cannot overlay once in lon/lat.
CRACK_M2 = 0.01
# Pieces smaller than this (m²) are float slivers where a polygon grazes a grid line, not features.
MIN_PIECE_M2 = 1e-6
_POLYGONAL = (3, 6)  # shapely type ids of Polygon and MultiPolygon


def cell_sides(areas: np.ndarray, perimeters: np.ndarray, n: int) -> np.ndarray:
    """Grid cell side per polygon so that about n cells cover it (≈ A/s² inside plus P/(2s) on the rim)."""
    inv = (-0.5 * perimeters + np.sqrt(0.25 * perimeters**2 + 4 * areas * n)) / (2 * areas)
    return 1.0 / inv


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Vectorised intersection, polygon parts only; a rare robustness failure is redone one by one."""
    try:
        out = shapely.intersection(a, b)
    except shapely.errors.GEOSException:
        out = np.empty(len(a), dtype=object)
        for i, (g, box) in enumerate(zip(a, b, strict=True)):
            try:
                out[i] = shapely.intersection(g, box)
            except shapely.errors.GEOSException:
                out[i] = shapely.intersection(shapely.make_valid(g), box, grid_size=1e-6)
    bad = ~np.isin(shapely.get_type_id(out), _POLYGONAL)
    out[bad] = [polygonal(g) for g in out[bad]]
    return out


def grid_pieces(geoms: Sequence[BaseGeometry], n: int) -> list[list[BaseGeometry]]:
    """Cut each polygon by its own axis-aligned grid into about n pieces whose areas sum to its area.

    Two vectorised passes (columns, then rows within each column piece) cost O(vertices × (nx + ny))
    rather than O(vertices × nx × ny); cells that lie wholly inside are kept as the box itself.
    """
    arr = np.asarray(geoms, dtype=object)
    if not len(arr):
        return []
    bounds = shapely.bounds(arr)
    side = cell_sides(shapely.area(arr), shapely.length(arr), n)
    minx, miny, maxx, maxy = bounds.T
    nx = np.maximum(1, np.ceil((maxx - minx) / side)).astype(int)
    ny = np.maximum(1, np.ceil((maxy - miny) / side)).astype(int)
    # Centre the grid on the polygon so the outer columns and rows are not slivers.
    ox = minx - (nx * side - (maxx - minx)) / 2
    oy = miny - (ny * side - (maxy - miny)) / 2

    # Pass 1: column strips. Shared edges are the same float expression, so neighbours match bit for bit.
    owner = np.repeat(np.arange(len(arr)), nx)
    col = np.arange(len(owner)) - np.repeat(np.cumsum(nx) - nx, nx)
    x0 = np.where(col == 0, minx[owner] - 1.0, ox[owner] + side[owner] * col)
    x1 = np.where(col == nx[owner] - 1, maxx[owner] + 1.0, ox[owner] + side[owner] * (col + 1))
    strips = _intersect(arr[owner], shapely.box(x0, miny[owner] - 1.0, x1, maxy[owner] + 1.0))
    keep = ~shapely.is_empty(strips)
    strips, owner, x0, x1 = strips[keep], owner[keep], x0[keep], x1[keep]

    # Pass 2: rows, only over each strip piece's own y-range.
    sb = shapely.bounds(strips)
    r0 = np.clip(np.floor((sb[:, 1] - oy[owner]) / side[owner]).astype(int), 0, ny[owner] - 1)
    r1 = np.clip(np.floor((sb[:, 3] - oy[owner]) / side[owner]).astype(int), 0, ny[owner] - 1)
    rows_per = r1 - r0 + 1
    strip_of = np.repeat(np.arange(len(strips)), rows_per)
    row = r0[strip_of] + np.arange(len(strip_of)) - np.repeat(np.cumsum(rows_per) - rows_per, rows_per)
    o = owner[strip_of]
    y0 = np.where(row == 0, miny[o] - 1.0, oy[o] + side[o] * row)
    y1 = np.where(row == ny[o] - 1, maxy[o] + 1.0, oy[o] + side[o] * (row + 1))
    cells = shapely.box(x0[strip_of], y0, x1[strip_of], y1)
    shapely.prepare(strips)
    inside = shapely.contains(strips[strip_of], cells)
    pieces = cells.copy()
    cut = ~inside
    pieces[cut] = _intersect(strips[strip_of[cut]], cells[cut])
    good = shapely.area(pieces) > MIN_PIECE_M2

    out: list[list[BaseGeometry]] = [[] for _ in range(len(arr))]
    for i, g in zip(o[good], pieces[good], strict=True):
        out[i].append(g)
    for i, parts in enumerate(out):
        if not parts:  # a polygon below the sliver size stays whole rather than vanish
            parts.append(arr[i])
    return out


def subdivide(out: Collector, n: int) -> Collector:
    """A Collector whose split-layer features and changes are ~n grid pieces each (IDs get a -k suffix).

    A geometry shared by several rows (both versions, or a feature and its change) is split once, so
    those rows still hold the very same pieces and identical WKB.
    """
    if n <= 1:
        return out
    out = _densified(out)
    shared: dict[int, BaseGeometry] = {}
    for layer, *_, g in out.features:
        if layer in SPLIT_FEATURE_LAYERS:
            shared[id(g)] = g
    for layer, _, _, g in out.changes:
        if layer in SPLIT_CHANGE_LAYERS:
            shared[id(g)] = g
    keys = list(shared)
    pieces = dict(zip(keys, grid_pieces([shared[k] for k in keys], n), strict=True))

    new = Collector()
    for layer, version, fid, name, code, g in out.features:
        if layer not in SPLIT_FEATURE_LAYERS:
            new.features.append((layer, version, fid, name, code, g))
            continue
        for k, piece in enumerate(pieces[id(g)], 1):
            new.features.append((layer, version, f"{fid}-{k:03d}", name, code, piece))
    for layer, change, fid, g in out.changes:
        if layer not in SPLIT_CHANGE_LAYERS:
            new.changes.append((layer, change, fid, g))
            continue
        for k, piece in enumerate(pieces[id(g)], 1):
            new.changes.append((layer, change, f"{fid}-{k:03d}", piece))
    return new


def _without_cracks(g: BaseGeometry) -> BaseGeometry:
    """g without holes smaller than CRACK_M2 (float cracks, not real holes)."""
    parts = []
    changed = False
    for part in shapely.get_parts(g):
        holes = [r for r in part.interiors if shapely.Polygon(r).area >= CRACK_M2]
        changed |= len(holes) != len(part.interiors)
        parts.append(shapely.Polygon(part.exterior, holes))
    if not changed:
        return g
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _densified(out: Collector) -> Collector:
    """The Collector with DENSIFY_LAYERS outlines segmentized, each shared geometry once."""
    dense: dict[int, BaseGeometry] = {}

    def dens(layer: str, g: BaseGeometry) -> BaseGeometry:
        if layer not in DENSIFY_LAYERS:
            return g
        if id(g) not in dense:
            dense[id(g)] = shapely.segmentize(_without_cracks(g), DENSIFY_M)
        return dense[id(g)]

    new = Collector()
    new.features = [(*f[:5], dens(f[0], f[5])) for f in out.features]
    new.changes = [(*c[:3], dens(c[0], c[3])) for c in out.changes]
    return new


def voronoi_split(rng: np.random.Generator, poly: BaseGeometry, n: int) -> list[BaseGeometry]:
    """Exactly n pieces tiling poly: Voronoi cells of n random seeds inside it, clipped to it."""
    if n <= 1:
        return [poly]
    shapely.prepare(poly)
    minx, miny, maxx, maxy = poly.bounds
    seeds = np.empty((0, 2))
    while len(seeds) < n:
        xy = rng.uniform((minx, miny), (maxx, maxy), (4 * n, 2))
        seeds = np.vstack([seeds, xy[shapely.contains_xy(poly, xy[:, 0], xy[:, 1])]])
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds[:n]), extend_to=poly,
                                                       ordered=True))
    return [g for g in _intersect(cells, np.full(len(cells), poly, dtype=object)) if not g.is_empty]
