"""A red line against one layer version: the area it overlaps (counted once), the 图斑 under it with each
one's own overlap, the distance when it overlaps nothing, and whether its outline runs within 5 m of an edge.

The two versions of a layer mostly hold the same features. The second version takes the first one's answer
for every feature the maintenance kept unchanged (same id and geometry) and only measures the others.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from .index import LayerIndex
from .result import NEAR_BOUNDARY_M

_NONE = np.empty(0, dtype=np.int64)


@dataclass(frozen=True)
class Overlap:
    area: float               # m², where features of the layer overlap each other counted once
    hit: np.ndarray           # features with a positive overlap, ascending
    per_feature: np.ndarray   # m² of each hit feature's own overlap
    distance: float           # m to the nearest feature when nothing is overlapped, else 0
    nearest: int              # that nearest feature (-1 when something is overlapped)
    owners: np.ndarray        # features with a piece meeting the red line, ascending


CLIP = True  # clip the red line to each cut piece's box before the overlay (see _cut); False for comparisons


def layer_overlap(idx: LayerIndex, red: shapely.Geometry, done: dict[int, Overlap]) -> Overlap:
    """The overlap of a metric, prepared red line with `idx`; `done` holds the versions measured before
    (by id of their index), whose answers are taken over feature by feature where nothing changed."""
    base = done.get(id(idx.base)) if idx.base is not None else None
    cand = idx.piece_tree.query(red, predicate="intersects")
    if not cand.size:
        return _apart(idx, red, base)
    owner = idx.piece_owner[cand]
    owners = np.unique(owner)
    position = idx.base_position() if base is not None else None
    if position is not None and base.owners.size == owners.size and np.array_equal(
            np.sort(position[owners]), base.owners):
        # the red line meets exactly the same features in both versions: the answer is the same
        mine = owners[np.argsort(position[owners])]  # base feature order -> this version's feature
        hit = mine[np.searchsorted(base.owners, base.hit)]
        order = np.argsort(hit)
        return Overlap(base.area, hit[order], base.per_feature[order], 0.0, -1, owners)
    # Kept features that overlap no other feature of this version carry their overlap over from the base.
    reused = np.zeros(cand.size, dtype=bool)
    if position is not None:
        reused = (position[owner] >= 0) & ~idx.overlapping[owner]
    kept = np.unique(owner[reused])
    kept_area = _base_areas(base, position[kept]) if kept.size else np.empty(0)
    # A piece wholly inside the red line is its own overlap: only pieces its outline crosses are cut.
    parts = idx.pieces[cand[~reused]]
    part_owner = owner[~reused]
    cut = ~shapely.contains_properly(red, parts)
    parts[cut] = _cut(parts[cut], red)
    areas = shapely.area(parts)
    keep = areas > 0
    # Pieces of one feature never overlap, nor do features whose interiors meet no other feature: their
    # areas add up. Where features of the layer overlap each other, a union counts that area once.
    shared = keep & idx.overlapping[part_owner]
    area = float(kept_area.sum() + areas[keep & ~shared].sum())
    if shared.any():
        area += _counted_once(idx, parts[shared], part_owner[shared], areas[shared])
    measured, inverse = np.unique(part_owner[keep], return_inverse=True)
    per_measured = np.bincount(inverse, weights=areas[keep], minlength=measured.size)
    hit = np.concatenate([measured, kept[kept_area > 0]])
    per_feature = np.concatenate([per_measured, kept_area[kept_area > 0]])
    order = np.argsort(hit, kind="stable")
    return Overlap(area, hit[order], per_feature[order], 0.0, -1, owners)


def _cut(parts: np.ndarray, red: shapely.Geometry) -> np.ndarray:
    """`parts` ∩ `red`, with the red line first clipped to each part's bounding box: the overlay then nodes
    only the red-line edges near the part, not all of them (a part lies in its box, so the area is the
    same: the overlays take 0.67 of their time at scale 100, a whole red-line check 0.81). clip_by_rect may leave a dirty polygon: if GEOS refuses
    one, the whole red line is used."""
    if not CLIP or not parts.size or shapely.get_type_id(red) not in (3, 6):  # Polygon, MultiPolygon
        return shapely.intersection(parts, red)
    boxes = [shapely.clip_by_rect(red, *b) for b in shapely.bounds(parts).tolist()]
    try:
        return shapely.intersection(parts, np.array(boxes, dtype=object))
    except shapely.errors.GEOSException:
        return shapely.intersection(parts, red)


def _counted_once(idx: LayerIndex, parts: np.ndarray, owner: np.ndarray, areas: np.ndarray) -> float:
    """The area of cut pieces of features that overlap others of the layer somewhere, each m² counted once:
    only features linked by overlaps (the layer's overlap pairs) among those under the red line are
    unioned, group by group; the others add up."""
    present = np.unique(owner)
    if present.size == 1:
        return float(areas.sum())
    start, nbrs = idx.neighbours()
    group = {int(f): int(f) for f in present}

    def root(f: int) -> int:
        while group[f] != f:
            group[f] = group[group[f]]
            f = group[f]
        return f

    for f in present.tolist():
        for g in nbrs[start[f]:start[f + 1]].tolist():
            if g in group:
                group[root(f)] = root(g)
    label = np.array([root(int(f)) for f in owner.tolist()])
    total = 0.0
    for lab in np.unique(label).tolist():
        mine = label == lab
        if np.unique(owner[mine]).size == 1:
            total += float(areas[mine].sum())
        else:
            total += float(shapely.union_all(parts[mine]).area)
    return total


def _base_areas(base: Overlap, features: np.ndarray) -> np.ndarray:
    """The base version's overlap of each of its `features` (0 where it overlapped nothing)."""
    if not base.hit.size:
        return np.zeros(features.size)
    at = np.minimum(np.searchsorted(base.hit, features), base.hit.size - 1)
    return np.where(base.hit[at] == features, base.per_feature[at], 0.0)


def _apart(idx: LayerIndex, red: shapely.Geometry, base: Overlap | None) -> Overlap:
    """Nothing of the layer meets the red line: the distance to its nearest feature. When the base version
    was apart too and its nearest feature is kept, only the features the maintenance added can be nearer."""
    from_base = idx.from_base() if base is not None and base.nearest >= 0 else None
    if from_base is not None and from_base[base.nearest] >= 0:
        distance, nearest = base.distance, int(from_base[base.nearest])
        if idx.added_edges.size:
            (at,), (d,) = idx.added_edge_tree.query_nearest(red, return_distance=True, all_matches=False)
            if d < distance:
                distance, nearest = float(d), int(idx.added_edge_owner[at])
        return Overlap(0.0, _NONE, np.empty(0), distance, nearest, _NONE)
    (at,), (d,) = idx.piece_tree.query_nearest(red, return_distance=True, all_matches=False)
    return Overlap(0.0, _NONE, np.empty(0), float(d), int(idx.piece_owner[at]), _NONE)


def outline_near_edges(idx: LayerIndex, outline: np.ndarray, base_not_near: bool) -> bool:
    """Does the red line's outline (short chunks) run within 5 m of an edge of the layer? When the base
    version's edges were all farther, only the edges of the features the maintenance added can be near."""
    tree = idx.added_edge_tree if base_not_near and idx.base is not None else idx.edge_tree
    return tree.query(outline, predicate="dwithin", distance=NEAR_BOUNDARY_M).size > 0
