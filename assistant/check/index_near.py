"""Indexes for one check read straight from the store's spatial index (DuckDB R-tree or PostGIS GiST):
only the features near the point or geometry checked, not whole layers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely

from ..geo import points_to_lonlat, points_to_metric, to_metric
from ..plan.vocabulary import CHECK_LAYERS
from .index import AdminIndex, Indexes, admin_index, build_indexes, fetch_all

if TYPE_CHECKING:
    from ..layers.sql import SqlRunner

# A one-shot check of one point reads every feature within NEAR_FIRST_M of it (R-tree), then, for a
# layer with nothing that near, only its nearest features within ever wider boxes, then in the whole layer.
NEAR_FIRST_M = 500.0
NEAR_WIDER_M = (2000.0, 8000.0, 32000.0)
WORLD = {"xmin": -180.0, "ymin": -90.0, "xmax": 180.0, "ymax": 90.0}


def _box(x: float, y: float, radius: float) -> dict[str, float]:
    """A lon/lat box holding every point within `radius` metres of (x, y) (EPSG:4526)."""
    t = np.linspace(0, 2 * np.pi, 33)
    r = radius * 1.05
    lons, lats = points_to_lonlat(x + r * np.cos(t), y + r * np.sin(t))
    return {"xmin": float(lons.min()), "ymin": float(lats.min()), "xmax": float(lons.max()), "ymax": float(lats.max())}


def _box_around(geom: shapely.Geometry, radius: float) -> dict[str, float]:
    """A lon/lat box holding every point within `radius` metres of a metric (EPSG:4526) geometry."""
    ring = shapely.buffer(shapely.envelope(geom), radius * 1.05, quad_segs=8)
    xy = shapely.get_coordinates(ring)
    lons, lats = points_to_lonlat(xy[:, 0], xy[:, 1])
    return {"xmin": float(lons.min()), "ymin": float(lats.min()), "xmax": float(lons.max()), "ymax": float(lats.max())}


@dataclass
class StoreFacts:
    """What every check of a store reads and only a build or import changes: each layer's demo flag, the
    layer/version pairs it holds, the administrative outlines. A server-mode checker reads them once per
    data version instead of once per check."""

    status: dict
    versions: dict[str, set]
    admin: AdminIndex


def read_store_facts(runner: SqlRunner) -> StoreFacts:
    status = {layer: bool(demo) for layer, demo, _ in fetch_all(runner, "check_layer_status")}
    versions: dict[str, set] = {}
    for layer, version in fetch_all(runner, "check_layer_versions"):
        versions.setdefault(layer, set()).add(version)
    groups: dict[tuple[str, str], list[tuple]] = {}
    for row in fetch_all(runner, "check_admin_features"):
        groups.setdefault((row[0], row[1]), []).append(row)
    return StoreFacts(status, versions, admin_index(groups))


def load_indexes_around(runner: SqlRunner, geom: shapely.Geometry, facts: StoreFacts | None = None) -> Indexes:
    """Indexes holding only what can answer a check of one metric geometry (a point, a red line, a batch's
    points): every feature within NEAR_FIRST_M of it, and for a layer with nothing that near, that layer's
    features in ever wider boxes (the box query uses the store's spatial index: DuckDB R-tree or PostGIS
    GiST). `facts` are read from the store when not given."""
    facts = facts or read_store_facts(runner)
    found: dict[str, list[tuple]] = {}
    pending = list(CHECK_LAYERS)
    for radius in (NEAR_FIRST_M, *NEAR_WIDER_M, None):
        box = _box_around(geom, radius) if radius else WORLD
        by_layer: dict[str, list[tuple]] = {}
        for r in fetch_all(runner, "check_features_in_box", layers=list(pending), **box):
            by_layer.setdefault(r[0], []).append(r)
        for layer in list(pending):
            rows = by_layer.get(layer, [])
            if radius is None or _answered(rows, facts.versions.get(layer, set()), geom, radius):
                found[layer] = rows
                pending.remove(layer)
        if not pending:
            break
    changes = fetch_all(runner, "check_changes_in_box", **_box_around(geom, 1.0))
    return build_indexes([r for rows in found.values() for r in rows], facts.status, changes, split=False,
                         admin=facts.admin)


def load_indexes_near(runner: SqlRunner, lon: float, lat: float) -> Indexes:
    """Indexes holding only what can answer a check of one point: every feature that contains it or is
    nearest to it in each layer, found with DuckDB's R-tree instead of loading every layer."""
    facts = read_store_facts(runner)
    versions = facts.versions
    (x,), (y,) = points_to_metric([lon], [lat])
    point = shapely.Point(x, y)
    found: dict[str, list[tuple]] = {layer: [] for layer in CHECK_LAYERS}
    near = _box(x, y, NEAR_FIRST_M)
    for r in fetch_all(runner, "check_features_in_box", layers=list(CHECK_LAYERS), **near):
        if r[0] in found:
            found[r[0]].append(r)
    changes = fetch_all(runner, "check_changes_in_box", **_box(x, y, 1.0))
    for layer in CHECK_LAYERS:
        if _answered(found[layer], versions.get(layer, set()), point, NEAR_FIRST_M):
            continue
        for radius in (*NEAR_WIDER_M, None):
            box = _box(x, y, radius) if radius else WORLD
            rows = fetch_all(runner, "check_layer_nearest_in_box", layer=layer, x=float(x), y=float(y), **box)
            if radius is None or _answered(rows, versions.get(layer, set()), point, radius):
                found[layer] = rows
                break
    return build_indexes([r for rows in found.values() for r in rows], facts.status, changes, split=False,
                         admin=facts.admin)


def _answered(rows: list[tuple], versions: set, point: shapely.Point, radius: float | None) -> bool:
    """True when these rows settle the layer for the point: every version the database holds has a
    feature containing it or within `radius` (anything nearer than that lies inside the box searched)."""
    if radius is None:
        return True
    by_version: dict[str, list] = {}
    for r in rows:
        by_version.setdefault(r[1], []).append(bytes(r[6]))
    if set(by_version) != versions:
        return False
    return all(shapely.distance(to_metric(shapely.from_wkb(wkbs)), point).min() <= radius
               for wkbs in by_version.values())
