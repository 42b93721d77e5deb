"""In-memory index of the layer database for location checks: metric geometries + STRtrees."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import shapely

from ..errors import DataError
from ..geo import points_to_lonlat, points_to_metric, to_metric
from ..plan.vocabulary import CHECK_LAYERS, CITY_DISTRICTS, COUNTIES, VERSIONS

if TYPE_CHECKING:
    from ..layers.sql import SqlRunner

MAX_PIECE_VERTICES = 64
# Nearest-distance searches measure edge chunks; 16 vertices measured 0.70× the time of 64 (issue 10).
MAX_EDGE_VERTICES = 16


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


def overlapping_features(pieces: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """Which features' interiors meet another feature's (pieces of one feature never overlap each other)."""
    a, b = shapely.STRtree(pieces).query(pieces)
    other = owner[a] < owner[b]
    a, b = a[other], b[other]
    meet = shapely.relate_pattern(pieces[a], pieces[b], "2********")
    flags = np.zeros(n, dtype=bool)
    flags[owner[a[meet]]] = True
    flags[owner[b[meet]]] = True
    return flags


class LayerIndex:
    """One layer in one version: features, small pieces and boundary edges in metres, with STRtrees."""

    def __init__(self, layer: str, version: str, ids, names, codes, geoms_wkb, demo: bool,
                 wkb_key: int = 0, feature_keys: list | None = None, split: bool = True, parts=None,
                 geoms: np.ndarray | None = None, overlapping: np.ndarray | None = None):
        self.layer, self.version, self.demo = layer, version, demo
        self.ids, self.names, self.codes = ids, names, codes
        self._geoms_wkb = geoms_wkb         # metric WKB (or a function reading it); decoded on first use
        self._geoms: np.ndarray | None = geoms
        self.wkb_key = wkb_key              # hash of the raw rows; equal keys mean identical versions
        self.feature_keys = feature_keys or []  # (feature_id, wkb hash) per feature
        self.same_as: LayerIndex | None = None
        self._overlapping = overlapping
        # Versus the other version (`base`): which base features survive, and a tree of the added pieces,
        # so nearest distances are only recomputed where the maintenance changed something.
        self.base: LayerIndex | None = None
        self.base_kept: np.ndarray | None = None
        self.added_features: np.ndarray | None = None
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
    def overlapping(self) -> np.ndarray:
        """Per feature: does its interior meet another feature of this layer and version (computed once)?
        A red line's overlap may add up the others' areas; only these need a union to count area once."""
        if self._overlapping is None:
            self._overlapping = overlapping_features(self.pieces, self.piece_owner, len(self))
        return self._overlapping

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
        self.added_edges = self.edges[added_features[self.edge_owner]]
        self.added_edge_tree = shapely.STRtree(self.added_edges)

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


def _fetch_all(runner: SqlRunner, name: str, **params) -> list[tuple]:
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
    return layers, change_idx, admin if admin is not None else _admin(groups), status


def load_indexes(runner: SqlRunner) -> Indexes:
    """Read features, changes and layer_status once and build the metric indexes."""
    rows = _fetch_all(runner, "check_layer_features")
    if not rows:
        raise DataError("图层数据库中没有任何要素，请先运行 `yqplan build` 生成。")
    status = {layer: bool(demo) for layer, demo, _ in _fetch_all(runner, "check_layer_status")}
    return build_indexes(rows, status, _fetch_all(runner, "check_layer_changes"))


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
    status = {layer: bool(demo) for layer, demo, _ in _fetch_all(runner, "check_layer_status")}
    versions: dict[str, set] = {}
    for layer, version in _fetch_all(runner, "check_layer_versions"):
        versions.setdefault(layer, set()).add(version)
    groups: dict[tuple[str, str], list[tuple]] = {}
    for row in _fetch_all(runner, "check_admin_features"):
        groups.setdefault((row[0], row[1]), []).append(row)
    return StoreFacts(status, versions, _admin(groups))


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
        for r in _fetch_all(runner, "check_features_in_box", layers=list(pending), **box):
            by_layer.setdefault(r[0], []).append(r)
        for layer in list(pending):
            rows = by_layer.get(layer, [])
            if radius is None or _answered(rows, facts.versions.get(layer, set()), geom, radius):
                found[layer] = rows
                pending.remove(layer)
        if not pending:
            break
    changes = _fetch_all(runner, "check_changes_in_box", **_box_around(geom, 1.0))
    return build_indexes([r for rows in found.values() for r in rows], facts.status, changes, split=False,
                         admin=facts.admin)


def load_indexes_near(runner: SqlRunner, lon: float, lat: float) -> Indexes:
    """Indexes holding only what can answer a check of one point: every feature that contains it or is
    nearest to it in each layer, found with DuckDB's R-tree instead of loading every layer."""
    status = {layer: bool(demo) for layer, demo, _ in _fetch_all(runner, "check_layer_status")}
    versions: dict[str, set] = {}
    for layer, version in _fetch_all(runner, "check_layer_versions"):
        versions.setdefault(layer, set()).add(version)
    admin = _fetch_all(runner, "check_admin_features")
    (x,), (y,) = points_to_metric([lon], [lat])
    point = shapely.Point(x, y)
    found: dict[str, list[tuple]] = {layer: [] for layer in CHECK_LAYERS}
    near = _box(x, y, NEAR_FIRST_M)
    for r in _fetch_all(runner, "check_features_in_box", layers=list(CHECK_LAYERS), **near):
        if r[0] in found:
            found[r[0]].append(r)
    changes = _fetch_all(runner, "check_changes_in_box", **_box(x, y, 1.0))
    for layer in CHECK_LAYERS:
        if _answered(found[layer], versions.get(layer, set()), point, NEAR_FIRST_M):
            continue
        for radius in (*NEAR_WIDER_M, None):
            box = _box(x, y, radius) if radius else WORLD
            rows = _fetch_all(runner, "check_layer_nearest_in_box", layer=layer, x=float(x), y=float(y), **box)
            if radius is None or _answered(rows, versions.get(layer, set()), point, radius):
                found[layer] = rows
                break
    return build_indexes(admin + [r for rows in found.values() for r in rows], status, changes, split=False)


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


def _admin(groups: dict[tuple[str, str], list[tuple]]) -> AdminIndex:
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
