"""In-memory index of the layer database for location checks: metric geometries + STRtrees."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from ..errors import DataError
from ..geo import to_metric
from ..layers.sql import SqlRunner
from ..plan.vocabulary import CHECK_LAYERS, CITY_DISTRICTS, COUNTIES, VERSIONS

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


def edge_chunks(boundary: shapely.Geometry, max_vertices: int = MAX_EDGE_VERTICES) -> list:
    """A boundary split into short linestrings (true edges only, unlike piece outlines)."""
    out = []
    for line in shapely.get_parts(boundary):
        coords = shapely.get_coordinates(line)
        for start in range(0, max(len(coords) - 1, 1), max_vertices - 1):
            chunk = coords[start:start + max_vertices]
            if len(chunk) >= 2:
                out.append(shapely.linestrings(chunk))
    return out


def _pieces(geoms: np.ndarray, split) -> tuple[np.ndarray, np.ndarray]:
    parts, owners = [], []
    for i, g in enumerate(geoms):
        got = split(g)
        parts += got
        owners += [i] * len(got)
    return np.array(parts, dtype=object), np.array(owners, dtype=np.int64)


@dataclass
class LayerIndex:
    """One layer in one version: metric geometries, an STRtree, and small pieces/edges for fast queries."""

    layer: str
    version: str
    ids: np.ndarray
    names: np.ndarray
    codes: np.ndarray
    geoms: np.ndarray
    demo: bool
    tree: shapely.STRtree = field(init=False)
    boundaries: np.ndarray = field(init=False)
    wkb_key: int = 0      # hash of the raw rows; equal keys mean identical versions
    same_as: LayerIndex | None = None
    feature_keys: list = field(default_factory=list)  # (feature_id, wkb hash) per feature
    # Versus the other version (`base`): which base features survive, and a tree of the added pieces,
    # so nearest distances are only recomputed where the maintenance changed something.
    base: LayerIndex | None = None
    base_kept: np.ndarray | None = None
    added_pieces: np.ndarray | None = None
    added_tree: shapely.STRtree | None = None

    pieces: np.ndarray = field(init=False)
    piece_owner: np.ndarray = field(init=False)
    piece_tree: shapely.STRtree = field(init=False)
    edge_tree: shapely.STRtree = field(init=False)
    edge_owner: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.tree = shapely.STRtree(self.geoms)
        self.boundaries = shapely.boundary(self.geoms)
        self.pieces, self.piece_owner = _pieces(self.geoms, subdivide)
        self.piece_tree = shapely.STRtree(self.pieces)
        edges, self.edge_owner = _pieces(self.boundaries, edge_chunks)
        self.edge_tree = shapely.STRtree(edges)

    def __len__(self) -> int:
        return len(self.geoms)


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


def _fetch_all(runner: SqlRunner, name: str) -> list[tuple]:
    result = runner.run(name)
    if result.truncated:
        raise DataError(f"图层数据超过 {runner.max_rows} 行，无法一次载入核查索引，请调大行数上限。")
    return result.rows


def load_indexes(runner: SqlRunner) -> tuple[list[LayerIndex], list[ChangeIndex], AdminIndex, dict]:
    """Read features, changes and layer_status once and build the metric indexes."""
    rows = _fetch_all(runner, "check_layer_features")
    if not rows:
        raise DataError("图层数据库中没有任何要素，请先运行 `yqplan build` 生成。")
    status = {layer: bool(demo) for layer, demo, _ in _fetch_all(runner, "check_layer_status")}
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
            geoms = to_metric(shapely.from_wkb([bytes(r[6]) for r in items]))
            idx = LayerIndex(layer, version,
                             np.array([r[2] for r in items], dtype=object),
                             np.array([r[3] for r in items], dtype=object),
                             np.array([r[4] for r in items], dtype=object), geoms,
                             status.get(layer, any(bool(r[5]) for r in items)),
                             wkb_key=hash(tuple((r[2], bytes(r[6])) for r in items)),
                             feature_keys=[(r[2], hash(bytes(r[6]))) for r in items])
            for other in by_version.values():
                if other.wkb_key == idx.wkb_key:
                    idx.same_as = other
                else:
                    _link_versions(other, idx)
            by_version[version] = idx
            layers.append(idx)
    changes: dict[tuple[str, str], list] = {}
    for layer, change, _fid, wkb in _fetch_all(runner, "check_layer_changes"):
        changes.setdefault((layer, change), []).append(bytes(wkb))
    change_idx = [ChangeIndex(layer, change, to_metric(shapely.from_wkb(wkbs)))
                  for (layer, change), wkbs in changes.items()]
    return layers, change_idx, _admin(groups), status


def _link_versions(base: LayerIndex, idx: LayerIndex) -> None:
    """Record what idx shares with base so batch nearest-distance work can be reused."""
    mine = set(idx.feature_keys)
    theirs = set(base.feature_keys)
    added = np.array([k not in theirs for k in idx.feature_keys])
    idx.base = base
    idx.base_kept = np.array([k in mine for k in base.feature_keys])
    idx.added_pieces = idx.pieces[added[idx.piece_owner]]
    idx.added_tree = shapely.STRtree(idx.added_pieces)


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
