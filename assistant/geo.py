"""The one place where lon/lat (CGCS2000, EPSG:4490) meets metres (GK zone 38, EPSG:4526).

Coordinates, the check index, red lines, the layer database and the demo generator all project
through these transformers, so every part measures the same metre.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

STORAGE_CRS = "EPSG:4490"  # CGCS2000 lon/lat, x = longitude: how the database stores geometry
METRIC_CRS = "EPSG:4526"  # CGCS2000 3-degree GK zone 38, easting carries the "38" prefix
GK38_PLAIN = "EPSG:4547"  # same projection (central meridian 114°E), easting without the prefix

# Generation works in EPSG:4526 shifted to a local origin: GEOS overlays keep more precision on
# coordinates of a few km than on 38,xxx,xxx m eastings.
ORIGIN = (38_460_000.0, 4_190_000.0)


@cache
def transformer(source: str, target: str) -> Transformer:
    """A cached pyproj transformer in x = east / longitude order."""
    return Transformer.from_crs(source, target, always_xy=True)


def _reproject(geoms, source: str, target: str):
    move = transformer(source, target)

    def apply(xy: np.ndarray) -> np.ndarray:
        x, y = move.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, apply)


def to_metric(geoms):
    """EPSG:4490 lon/lat geometries (scalar or array) -> EPSG:4526 metres, easting with zone prefix."""
    return _reproject(geoms, STORAGE_CRS, METRIC_CRS)


def to_lonlat(geoms):
    """EPSG:4526 geometries -> EPSG:4490 lon/lat."""
    return _reproject(geoms, METRIC_CRS, STORAGE_CRS)


def points_to_metric(lons, lats) -> tuple[np.ndarray, np.ndarray]:
    return transformer(STORAGE_CRS, METRIC_CRS).transform(np.asarray(lons, dtype=float),
                                                          np.asarray(lats, dtype=float))


def points_to_lonlat(xs, ys) -> tuple[np.ndarray, np.ndarray]:
    return transformer(METRIC_CRS, STORAGE_CRS).transform(np.asarray(xs, dtype=float),
                                                          np.asarray(ys, dtype=float))


def _to_local_xy(coords: np.ndarray) -> np.ndarray:
    x, y = transformer(STORAGE_CRS, METRIC_CRS).transform(coords[:, 0], coords[:, 1])
    return np.column_stack([np.asarray(x) - ORIGIN[0], np.asarray(y) - ORIGIN[1]])


def _from_local_xy(coords: np.ndarray) -> np.ndarray:
    x, y = transformer(METRIC_CRS, STORAGE_CRS).transform(coords[:, 0] + ORIGIN[0], coords[:, 1] + ORIGIN[1])
    return np.column_stack([x, y])


def to_local(geom):
    """EPSG:4490 lon/lat geometry (or array) -> local metric frame (EPSG:4526 less ORIGIN)."""
    return shapely.transform(geom, _to_local_xy)


def to_storage(geom):
    """Local metric frame -> EPSG:4490 lon/lat, x = longitude."""
    return shapely.transform(geom, _from_local_xy)


def area_m2(storage_geoms) -> np.ndarray:
    """Planar area in EPSG:4526 of EPSG:4490 geometries, as DuckDB's ST_Transform + ST_Area gives it."""
    return shapely.area(to_metric(np.atleast_1d(np.asarray(storage_geoms, dtype=object))))


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Keep only the polygon parts of an overlay result (drops stray lines and points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    if not parts:
        return shapely.Polygon()
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
