"""Geometry helpers for the demo generator: metric frame, exact-area cuts, dissolves, storage."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..geo import area_m2, polygonal, to_storage


def half_plane_piece(poly: BaseGeometry, angle: float, offset: float) -> tuple[BaseGeometry, BaseGeometry]:
    """Split poly by a line at `offset` along direction `angle`; returns (low side, high side)."""
    # The half-planes are built in poly's own coordinates (no rotate/unrotate round trip), so the
    # pieces keep poly's vertices bit for bit and still match their neighbours' shared edges.
    d, nrm = np.array([np.cos(angle), np.sin(angle)]), np.array([-np.sin(angle), np.cos(angle)])
    xy = shapely.get_coordinates(poly)
    t, u = xy @ d, xy @ nrm
    t0, t1, u0, u1 = t.min() - 1, t.max() + 1, u.min() - 1, u.max() + 1

    def at(tt: float, uu: float) -> tuple[float, float]:
        p = tt * d + uu * nrm
        return float(p[0]), float(p[1])

    a, b = at(offset, u0), at(offset, u1)
    low = shapely.Polygon([at(t0, u0), a, b, at(t0, u1)])
    high = shapely.Polygon([a, at(t1, u0), at(t1, u1), b])
    return polygonal(shapely.intersection(poly, low)), polygonal(shapely.intersection(poly, high))


def cut_to_area(poly: BaseGeometry, target: float, angle: float) -> tuple[BaseGeometry, BaseGeometry]:
    """Cut poly with a straight line so the first part has area `target` (bisection; area is monotonic)."""
    if target <= 0:
        return shapely.Polygon(), poly
    if target >= poly.area:
        return poly, shapely.Polygon()
    t = shapely.get_coordinates(poly) @ np.array([np.cos(angle), np.sin(angle)])
    lo, hi = float(t.min()), float(t.max())
    for _ in range(200):
        mid = (lo + hi) / 2
        if half_plane_piece(poly, angle, mid)[0].area < target:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-7:
            break
    return half_plane_piece(poly, angle, (lo + hi) / 2)


def take_exact(areas: Sequence[float], order: Sequence[int], target: float) -> tuple[list[int], int | None, float]:
    """Whole items in `order` until the next would overshoot `target`; returns (taken, item to cut, residual)."""
    taken: list[int] = []
    total = 0.0
    for i in order:
        a = float(areas[i])
        if total + a <= target:
            taken.append(int(i))
            total += a
            if total == target:
                return taken, None, 0.0
        else:
            return taken, int(i), target - total
    raise ValueError(f"candidates cover only {total:.1f} of {target:.1f} m2")


def fast_union(geoms: Sequence[BaseGeometry]) -> BaseGeometry:
    """Union of edge-matched cells: the coverage union (10x faster), checked, else the full overlay."""
    arr = np.asarray(geoms, dtype=object)
    try:
        merged = shapely.coverage_union_all(arr)
        if merged.is_valid and abs(merged.area - shapely.area(arr).sum()) < 1e-3:
            return merged
    except shapely.errors.GEOSException:
        pass  # a cut cell adds a vertex its neighbour lacks; the full overlay handles that
    return shapely.union_all(arr)


def dissolve_parts(geoms: Sequence[BaseGeometry], loose: Sequence[BaseGeometry] = ()) -> list[BaseGeometry]:
    """Union of edge-matched cells plus a few `loose` (cut) ones, exploded into polygon parts, stable order."""
    geoms = [g for g in geoms if g is not None and not g.is_empty]
    loose = [g for g in loose if g is not None and not g.is_empty]
    if not geoms and not loose:
        return []
    merged = fast_union(geoms) if geoms else shapely.Polygon()
    if loose:
        merged = shapely.union_all(np.asarray([merged, *loose], dtype=object))
    parts = [p for p in shapely.get_parts(merged) if p.geom_type == "Polygon" and p.area > 1e-6]
    parts.sort(key=lambda p: (round(p.bounds[0], 3), round(p.bounds[1], 3)))
    return parts


def storage_ready(local_geoms: Sequence[BaseGeometry]) -> tuple[list[BaseGeometry], np.ndarray]:
    """Local metric geometries -> valid EPSG:4490 Polygon/MultiPolygon and their EPSG:4526 areas."""
    out = shapely.to_wkb(to_storage(np.asarray(local_geoms, dtype=object)))
    geoms = list(shapely.from_wkb(out))
    bad = [i for i, g in enumerate(geoms) if not g.is_valid]
    for i in bad:
        geoms[i] = polygonal(shapely.make_valid(geoms[i]))
    return geoms, area_m2(geoms)


def smooth_field(rng: np.random.Generator, n_waves: int = 12,
                 wavelengths: tuple[float, float] = (3000.0, 16000.0)) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """A smooth random terrain-like field on the metric plane, roughly in [-1, 1]."""
    lam = rng.uniform(*wavelengths, n_waves)
    theta = rng.uniform(0, 2 * np.pi, n_waves)
    phase = rng.uniform(0, 2 * np.pi, n_waves)
    amp = lam / lam.sum()
    kx, ky = 2 * np.pi * np.cos(theta) / lam, 2 * np.pi * np.sin(theta) / lam

    def field(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        x, y = np.asarray(x)[..., None], np.asarray(y)[..., None]
        return (amp * np.sin(kx * x + ky * y + phase)).sum(-1) * 1.6

    return field


class Collector:
    """Features and changes gathered in the local frame before they are written in one go."""

    def __init__(self) -> None:
        self.features: list[tuple[str, str, str, str | None, str | None, BaseGeometry]] = []
        self.changes: list[tuple[str, str, str, BaseGeometry]] = []

    def feature(self, layer: str, versions: Sequence[str], fid: str, name: str | None, code: str | None,
                geom: BaseGeometry) -> None:
        for version in versions:
            self.features.append((layer, version, fid, name, code, geom))

    def change(self, layer: str, change: str, fid: str, geom: BaseGeometry) -> None:
        self.changes.append((layer, change, fid, geom))

    def layer_geoms(self, layer: str, version: str) -> list[BaseGeometry]:
        return [f[5] for f in self.features if f[0] == layer and f[1] == version]
