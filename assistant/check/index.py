"""In-memory index of the layer database for location checks: metric geometries + STRtrees."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.strtree import BinaryPredicate

from ..errors import DataError
from ..geo import to_metric
from ..plan.vocabulary import CHECK_LAYERS, CITY_DISTRICTS, COUNTIES, VERSIONS

if TYPE_CHECKING:
    from ..layers.sql import SqlRunner

MAX_PIECE_VERTICES = 64
# Nearest-distance searches measure edge chunks; 16 vertices measured 0.70× the time of 64 (issue 10).
MAX_EDGE_VERTICES = 16
# Neighbouring features whose shared edges differ only by floating-point noise meet in slivers of about
# 1e-7 m²; a pair whose common area is at most this does not count as overlapping (see overlap_pairs).
OVERLAP_NOISE_M2 = 1e-6


_INTERSECTS = BinaryPredicate.intersects.value


def tree_hits(tree: shapely.STRtree, points: np.ndarray) -> np.ndarray:
    """Items of `tree` intersecting a 1-element array of points: `tree.query(points, predicate="intersects")[1]`
    through shapely's own C call, without the Python wrapper's argument handling (a third of a warm point
    check at scale 100: 0.75 of the time, same answers on 2,000 points; scripts/point_ab.py)."""
    raw = getattr(tree, "_tree", None)
    if raw is None:  # a shapely that keeps its tree elsewhere: the public call
        return tree.query(points, predicate="intersects")[1]
    return raw.query(points, _INTERSECTS)[1]


def tree_near(tree: shapely.STRtree, points: np.ndarray, distance: float) -> bool:
    """Whether an item of `tree` lies within `distance` of a 1-element array of points (as tree_hits)."""
    raw = getattr(tree, "_tree", None)
    if raw is None:
        return tree.query(points, predicate="dwithin", distance=distance).size > 0
    return raw.dwithin(points, np.full(points.shape, distance, dtype=float)).size > 0


def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygon parts of a geometry (an intersection with a box may add stray lines or points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def subdivide(geom: shapely.Geometry, max_vertices: int = MAX_PIECE_VERTICES, depth: int = 0) -> list:
    """Cut a geometry by halving its bbox until each piece has few vertices; the pieces keep all its area.

    Point-in-polygon and nearest-distance cost grows with vertex count; on small pieces the STRtree
    does almost all the work, and min distance over pieces equals distance to the whole.
    The cut is a true overlay (`intersection` with the half box): `clip_by_rect` is not one and
    dropped 15 ha of 中心城区范围 (issue 10).
    """
    if shapely.get_num_coordinates(geom) <= max_vertices or depth >= 24:
        return [geom]
    minx, miny, maxx, maxy = geom.bounds
    if maxx - minx >= maxy - miny:
        mid = (minx + maxx) / 2
        halves = ((minx, miny, mid, maxy), (mid, miny, maxx, maxy))
    else:
        mid = (miny + maxy) / 2
        halves = ((minx, miny, maxx, mid), (minx, mid, maxx, maxy))
    out = []
    for rect in halves:
        try:
            part = polygonal(shapely.intersection(geom, shapely.box(*rect)))
        except shapely.errors.GEOSException:
            return [geom]  # an invalid ring cannot be overlaid; the whole geometry is still exact
        if not part.is_empty:
            out += subdivide(part, max_vertices, depth + 1)
    return out


def edge_chunks(boundaries: np.ndarray, max_vertices: int = MAX_EDGE_VERTICES) -> tuple[np.ndarray, np.ndarray]:
    """Boundaries split into short linestrings (true edges only, unlike piece outlines), and their owners."""
    lines, line_owner = shapely.get_parts(boundaries, return_index=True)
    coords, coord_line = shapely.get_coordinates(lines, return_index=True)
    per_line = np.bincount(coord_line, minlength=len(lines))
    line_start = np.cumsum(per_line) - per_line
    step = max_vertices - 1
    chunks = np.maximum(per_line - 1, 0) // step + ((np.maximum(per_line - 1, 0) % step) > 0)
    chunk_line = np.repeat(np.arange(len(lines)), chunks)
    nth = np.arange(chunk_line.size) - np.repeat(np.cumsum(chunks) - chunks, chunks)
    first = line_start[chunk_line] + nth * step
    last = np.minimum(first + max_vertices, (line_start + per_line)[chunk_line])
    size = last - first
    take = np.repeat(first - (np.cumsum(size) - size), size) + np.arange(size.sum())
    edges = shapely.linestrings(coords[take], indices=np.repeat(np.arange(size.size), size))
    return np.asarray(edges, dtype=object), line_owner[chunk_line].astype(np.int64)


def split_pieces(geoms: np.ndarray, max_vertices: int = MAX_PIECE_VERTICES) -> tuple[np.ndarray, np.ndarray]:
    """Every geometry as small pieces (see subdivide), and each piece's owner; small ones stay whole."""
    big = np.flatnonzero(shapely.get_num_coordinates(geoms) > max_vertices)
    if not big.size:
        return np.asarray(geoms, dtype=object), np.arange(len(geoms), dtype=np.int64)
    parts, owners = [], []
    keep = np.ones(len(geoms), dtype=bool)
    keep[big] = False
    for i in big.tolist():
        got = subdivide(geoms[i], max_vertices)
        parts += got
        owners += [i] * len(got)
    small = np.flatnonzero(keep)
    pieces = np.concatenate([np.asarray(geoms, dtype=object)[small], np.array(parts, dtype=object)])
    return pieces, np.concatenate([small, np.array(owners, dtype=np.int64)])


def overlap_pairs(pieces: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """Pairs of features (first < second, once each) that overlap by more than OVERLAP_NOISE_M2; pieces of
    one feature never do. A red line's area counts each m² of such pairs once (a union); a pair meeting
    only in noise slivers is added up as if disjoint, off by at most OVERLAP_NOISE_M2 per pair."""
    a, b = shapely.STRtree(pieces).query(pieces)
    other = owner[a] < owner[b]
    a, b = a[other], b[other]
    meet = shapely.relate_pattern(pieces[a], pieces[b], "2********")
    if not meet.any():
        return np.empty((0, 2), dtype=np.int64)
    a, b = a[meet], b[meet]
    pairs, inverse = np.unique(np.column_stack([owner[a], owner[b]]), axis=0, return_inverse=True)
    common = np.bincount(inverse.ravel(), weights=shapely.area(shapely.intersection(pieces[a], pieces[b])),
                         minlength=len(pairs))
    return pairs[common > OVERLAP_NOISE_M2].astype(np.int64)


class LayerIndex:
    """One layer in one version: features, small pieces and boundary edges in metres, with STRtrees."""

    def __init__(self, layer: str, version: str, ids, names, codes, geoms_wkb, demo: bool,
                 wkb_key: int = 0, feature_keys: list | None = None, split: bool = True, parts=None,
                 geoms: np.ndarray | None = None, overlaps: np.ndarray | None = None):
        self.layer, self.version, self.demo = layer, version, demo
        self.ids, self.names, self.codes = ids, names, codes
        self._geoms_wkb = geoms_wkb         # metric WKB (or a function reading it); decoded on first use
        self._geoms: np.ndarray | None = geoms
        self.wkb_key = wkb_key              # hash of the raw rows; equal keys mean identical versions
        self.feature_keys = feature_keys or []  # (feature_id, wkb hash) per feature
        self.same_as: LayerIndex | None = None
        self._overlaps = overlaps  # pairs of features that overlap each other (computed on first use)
        self._overlapping: np.ndarray | None = None
        self._neighbours: tuple[np.ndarray, np.ndarray] | None = None
        # Versus the other version (`base`): which base features survive, and a tree of the added pieces,
        # so nearest distances are only recomputed where the maintenance changed something.
        self.base: LayerIndex | None = None
        self.base_kept: np.ndarray | None = None
        self.added_features: np.ndarray | None = None
        self._base_position: np.ndarray | None = None
        self._from_base: np.ndarray | None = None
        if parts is None:
            geoms = self.geoms
            if split:
                pieces, piece_owner = split_pieces(geoms)
            else:  # one-shot checks of one point: pieces would cost more to make than they save
                pieces, piece_owner = np.asarray(geoms, dtype=object), np.arange(len(geoms), dtype=np.int64)
            edges, edge_owner = edge_chunks(shapely.boundary(geoms))
        else:
            pieces, piece_owner, edges, edge_owner = parts
        self.pieces, self.piece_owner = pieces, piece_owner
        self.edges, self.edge_owner = edges, edge_owner
        self.piece_tree = shapely.STRtree(self.pieces)
        self.edge_tree = shapely.STRtree(self.edges)

    @property
    def overlaps(self) -> np.ndarray:
        """Pairs of features of this layer and version that overlap by more than OVERLAP_NOISE_M2
        (see overlap_pairs)."""
        if self._overlaps is None:
            self._overlaps = overlap_pairs(self.pieces, self.piece_owner)
        return self._overlaps

    @property
    def overlapping(self) -> np.ndarray:
        """Per feature: does it overlap another feature by more than OVERLAP_NOISE_M2? A red line's overlap
        may add up the others' areas; only these need a union to count area once."""
        if self._overlapping is None:
            self._overlapping = np.zeros(len(self), dtype=bool)
            self._overlapping[self.overlaps.ravel()] = True
        return self._overlapping

    def neighbours(self) -> tuple[np.ndarray, np.ndarray]:
        """The overlap pairs as adjacency lists: feature f overlaps `nbrs[start[f]:start[f + 1]]`."""
        if self._neighbours is None:
            both = np.concatenate([self.overlaps, self.overlaps[:, ::-1]])
            both = both[np.argsort(both[:, 0], kind="stable")]
            start = np.searchsorted(both[:, 0], np.arange(len(self) + 1))
            self._neighbours = start, both[:, 1]
        return self._neighbours

    @property
    def geoms(self) -> np.ndarray:
        if self._geoms is None:
            self._geoms = shapely.from_wkb(self.geoms_wkb)
        return self._geoms

    @property
    def geoms_wkb(self) -> list:
        if callable(self._geoms_wkb):
            self._geoms_wkb = self._geoms_wkb()
        return self._geoms_wkb

    def link(self, base: LayerIndex, added_features: np.ndarray | None = None,
             base_kept: np.ndarray | None = None) -> None:
        """Record what this version shares with the other one, so batch nearest distances can be reused:
        which of its features are new (`added_features`) and which base features it keeps (`base_kept`)."""
        if added_features is None or base_kept is None:
            mine, theirs = set(self.feature_keys), set(base.feature_keys)
            added_features = np.array([k not in theirs for k in self.feature_keys], dtype=bool)
            base_kept = np.array([k in mine for k in base.feature_keys], dtype=bool)
        self.base, self.added_features, self.base_kept = base, added_features, base_kept
        # Outside a polygon its distance is the distance to its boundary: the added features' edge chunks.
        added = added_features[self.edge_owner]
        self.added_edges, self.added_edge_owner = self.edges[added], self.edge_owner[added]
        self.added_edge_tree = shapely.STRtree(self.added_edges)
        self._base_position = self._from_base = None

    def base_position(self) -> np.ndarray | None:
        """Per feature: the same feature (id and geometry) in the base version, or -1 for one the maintenance
        added; None without a base or feature keys."""
        if self.base is None or not self.feature_keys or not self.base.feature_keys:
            return None
        if self._base_position is None:
            where = {key: i for i, key in enumerate(self.base.feature_keys)}
            self._base_position = np.array([where.get(k, -1) for k in self.feature_keys], dtype=np.int64)
        return self._base_position

    def from_base(self) -> np.ndarray | None:
        """Per base feature: the same feature in this version, or -1 for one the maintenance removed."""
        position = self.base_position()
        if position is None:
            return None
        if self._from_base is None:
            self._from_base = np.full(len(self.base), -1, dtype=np.int64)
            kept = position >= 0
            self._from_base[position[kept]] = np.flatnonzero(kept)
        return self._from_base

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class ChangeIndex:
    layer: str
    change: str
    geoms: np.ndarray
    tree: shapely.STRtree = field(init=False)

    def __post_init__(self) -> None:
        self.tree = shapely.STRtree(self.geoms)


@dataclass
class AdminIndex:
    """行政区 counties (for location.district) and the 市辖区 / 阳泉市 outlines."""

    names: np.ndarray
    geoms: np.ndarray
    shixiaqu: shapely.Geometry
    city: shapely.Geometry
    tree: shapely.STRtree = field(init=False)

    def __post_init__(self) -> None:
        self.tree = shapely.STRtree(self.geoms)
        for g in (self.shixiaqu, self.city, *self.geoms):
            shapely.prepare(g)


Indexes = tuple[list[LayerIndex], list[ChangeIndex], AdminIndex, dict]


def fetch_all(runner: SqlRunner, name: str, **params) -> list[tuple]:
    result = runner.run(name, **params)
    if result.truncated:
        raise DataError(f"图层数据超过 {runner.max_rows} 行，无法一次载入核查索引，请调大行数上限。")
    return result.rows


def build_indexes(rows: list[tuple], status: dict, change_rows: list[tuple], split: bool = True,
                  admin: AdminIndex | None = None) -> Indexes:
    """Metric indexes from feature rows (layer, version, id, name, code, demo, wkb) and change rows; the
    administrative outlines from the rows too unless `admin` (read once per data version) is given."""
    groups: dict[tuple[str, str], list[tuple]] = {}
    for row in rows:
        groups.setdefault((row[0], row[1]), []).append(row)
    layers: list[LayerIndex] = []
    for layer in CHECK_LAYERS:
        by_version: dict[str, LayerIndex] = {}
        for version in VERSIONS:
            items = groups.get((layer, version))
            if not items:
                continue
            wkbs = [bytes(r[6]) for r in items]
            geoms = to_metric(shapely.from_wkb(wkbs))
            idx = LayerIndex(layer, version,
                             np.array([r[2] for r in items], dtype=object),
                             np.array([r[3] for r in items], dtype=object),
                             np.array([r[4] for r in items], dtype=object), shapely.to_wkb(geoms),
                             status.get(layer, any(bool(r[5]) for r in items)),
                             wkb_key=hash(tuple(zip((r[2] for r in items), wkbs, strict=True))),
                             feature_keys=[(r[2], hash(w)) for r, w in zip(items, wkbs, strict=True)], split=split,
                             geoms=geoms)
            for other in by_version.values():
                if other.wkb_key == idx.wkb_key:
                    idx.same_as = other
                else:
                    idx.link(other)
            by_version[version] = idx
            layers.append(idx)
    changes: dict[tuple[str, str], list] = {}
    for layer, change, _fid, wkb in change_rows:
        changes.setdefault((layer, change), []).append(bytes(wkb))
    change_idx = [ChangeIndex(layer, change, to_metric(shapely.from_wkb(wkbs)))
                  for (layer, change), wkbs in changes.items()]
    return layers, change_idx, admin if admin is not None else admin_index(groups), status


def load_indexes(runner: SqlRunner) -> Indexes:
    """Read features, changes and layer_status once and build the metric indexes."""
    rows = fetch_all(runner, "check_layer_features")
    if not rows:
        raise DataError("图层数据库中没有任何要素，请先运行 `yqplan build` 生成。")
    status = {layer: bool(demo) for layer, demo, _ in fetch_all(runner, "check_layer_status")}
    return build_indexes(rows, status, fetch_all(runner, "check_layer_changes"))


def admin_index(groups: dict[tuple[str, str], list[tuple]]) -> AdminIndex:
    rows = groups.get(("行政区", "维护后")) or groups.get(("行政区", "维护前")) or []
    by_name = {r[3]: to_metric(shapely.from_wkb(bytes(r[6]))) for r in rows}
    counties = [n for n in COUNTIES if n in by_name]
    if not counties:
        raise DataError("图层数据库缺少“行政区”图层（城区、矿区、郊区、平定县、盂县），请重新运行 `yqplan build`。")
    sxq_rows = groups.get(("市辖区", "维护后")) or groups.get(("市辖区", "维护前")) or []
    if sxq_rows:
        shixiaqu = shapely.union_all(to_metric(shapely.from_wkb([bytes(r[6]) for r in sxq_rows])))
    else:
        shixiaqu = shapely.union_all([by_name[n] for n in CITY_DISTRICTS if n in by_name])
    city = by_name.get("阳泉市") or shapely.union_all([by_name[n] for n in counties])
    return AdminIndex(np.array(counties, dtype=object), np.array([by_name[n] for n in counties]),
                      shixiaqu, city)
