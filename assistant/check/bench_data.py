"""Benchmark inputs shared by `yqplan bench` and `yqplan bench --db-url`: random points, red lines, CSV."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely

from ..geo import points_to_lonlat
from .checker import LocationChecker


def random_points(checker: LocationChecker, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """n uniform random points inside 市辖区, as lon/lat."""
    rng = np.random.default_rng(seed)
    area = checker.admin.shixiaqu
    minx, miny, maxx, maxy = area.bounds
    xs, ys = np.empty(0), np.empty(0)
    while len(xs) < n:
        x, y = rng.uniform(minx, maxx, 2 * n), rng.uniform(miny, maxy, 2 * n)
        keep = shapely.contains_xy(area, x, y)
        xs, ys = np.concatenate([xs, x[keep]]), np.concatenate([ys, y[keep]])
    return points_to_lonlat(xs[:n], ys[:n])


def random_redline(checker: LocationChecker, seed: int, vertices: int = 200) -> shapely.Geometry:
    """A star-shaped polygon of `vertices` vertices, ~600 m across, inside 中心城区 when it exists."""
    rng = np.random.default_rng(seed)
    zone = next((i.geoms[0] for i in checker.layers if i.layer == "中心城区范围"), checker.admin.shixiaqu)
    minx, miny, maxx, maxy = zone.bounds
    while True:
        cx, cy = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if zone.contains(shapely.Point(cx, cy)):
            break
    angles = np.sort(rng.uniform(0, 2 * np.pi, vertices))
    radii = rng.uniform(200, 400, vertices)
    lon, lat = points_to_lonlat(cx + radii * np.cos(angles), cy + radii * np.sin(angles))
    return shapely.Polygon(np.column_stack([lon, lat]))


def write_points(path: Path, lons, lats) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("id,lon,lat\n")
        fh.writelines(f"p{i},{lon!r},{lat!r}\n" for i, (lon, lat) in enumerate(zip(lons.tolist(), lats.tolist(),
                                                                                     strict=True)))
