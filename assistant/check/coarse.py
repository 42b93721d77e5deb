"""Public-mode precision: answers for a grid cell, not a point, and which boundaries lie within a band.

Exact membership lets anyone bisect along a ray and locate a protected boundary to centimetres. In public
mode a point is replaced by the centre of its `cell_m` grid cell (GK zone 38), and every layer whose
boundary comes within `band_m` of that centre is answered only as "边界附近". With cell = band, a point
answered 在/不在 is at least 0.29 × band from the boundary and on the side the answer says; a tracer can
learn only which cells lie near the line.
"""

from __future__ import annotations

import math

import numpy as np
import shapely

from ..geo import points_to_lonlat, points_to_metric


def cell_centre(lon: float, lat: float, cell_m: float) -> tuple[float, float]:
    """The lon/lat of the centre of the `cell_m`-metre GK-38 grid cell holding (lon, lat)."""
    x, y = points_to_metric(np.array([lon]), np.array([lat]))
    if not (np.isfinite(x[0]) and np.isfinite(y[0])) or cell_m <= 0:
        return lon, lat
    cx = (math.floor(x[0] / cell_m) + 0.5) * cell_m
    cy = (math.floor(y[0] / cell_m) + 0.5) * cell_m
    clon, clat = points_to_lonlat(np.array([cx]), np.array([cy]))
    return float(clon[0]), float(clat[0])


def layers_near(checker, lon: float, lat: float, band_m: float) -> set[tuple[str, str]]:
    """(layer, version) of every checked layer whose boundary lies within `band_m` metres of the point."""
    x, y = points_to_metric(np.array([lon]), np.array([lat]))
    point = shapely.points(x[0], y[0])
    return {(idx.layer, idx.version) for idx in checker.layers
            if idx.edge_tree.query(point, predicate="dwithin", distance=band_m).size}
