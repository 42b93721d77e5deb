"""Vectorised point checks: one STRtree query per layer over all points; rows in the check contract."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from ..errors import InputError
from ..geo import points_to_metric
from .index import AdminIndex, ChangeIndex, LayerIndex
from .result import NEAR_BOUNDARY_M, area_fields, near_note, out_of_scope_note


class BatchResult:
    """Compact per-point arrays for many points; `row(i)` gives the same dict as check_point."""

    def __init__(self, checker, lons: np.ndarray, lats: np.ndarray, distances: bool = True):
        self.checker = checker
        self.distances = distances
        self.lons, self.lats = lons, lats
        n = len(lons)
        x, y = points_to_metric(lons, lats)
        self.valid = np.isfinite(x) & np.isfinite(y)
        x, y = np.where(self.valid, x, 0.0), np.where(self.valid, y, 0.0)
        admin: AdminIndex = checker.admin
        self.district = np.full(n, None, dtype=object)
        points = shapely.points(x, y)
        # County polygons are large; intersects_xy on the prepared polygon beats a tree query here.
        for name, county in zip(admin.names, admin.geoms, strict=True):
            self.district[self.valid & shapely.intersects_xy(county, x, y)] = name
        self.in_scope = self.valid & shapely.intersects_xy(admin.shixiaqu, x, y)
        self.scope_idx = np.flatnonzero(self.in_scope)
        scoped = points[self.scope_idx]
        self.inside: list[np.ndarray] = []
        self.distance: list[np.ndarray] = []
        self.near: list[np.ndarray] = []
        self.hits: list[tuple[np.ndarray, np.ndarray]] = []
        self.nearest_owner: list[np.ndarray | None] = []
        # One layer after the other: threads gave nothing measurable here (issue 10: threaded ÷ inline
        # 0.97–1.37), and a version reuses the other version's nearest features, so order matters.
        done: dict[int, tuple] = {}
        for idx in checker.layers:
            if idx.same_as is not None:
                part = done[id(idx.same_as)]
            else:
                part = self._layer(idx, scoped, done[id(idx.base)] if idx.base is not None else None)
            done[id(idx)] = part
            for arrays, value in zip((self.inside, self.distance, self.near, self.hits, self.nearest_owner),
                                     part, strict=True):
                arrays.append(value)
        self.change_flags: list[tuple[ChangeIndex, np.ndarray]] = []
        for ch in checker.changes:
            flag = np.zeros(n, dtype=bool)
            flag[self.scope_idx[ch.tree.query(scoped, predicate="intersects")[0]]] = True
            self.change_flags.append((ch, flag))

    def _layer(self, idx: LayerIndex, scoped: np.ndarray, base: tuple | None) -> tuple:
        m, n = len(scoped), len(self.lons)
        found = idx.piece_tree.query(scoped, predicate="intersects")
        # (point, feature) pairs, unique and sorted by point: one feature may own several pieces.
        width = len(idx) + 1
        keys = np.unique(found[0].astype(np.int64) * width + idx.piece_owner[found[1]])
        pairs = np.stack([keys // width, keys % width])
        inside = np.zeros(m, dtype=bool)
        inside[pairs[0]] = True
        dist = np.zeros(m) if self.distances else np.full(m, np.nan)
        owner = np.full(m, -1)
        todo = np.flatnonzero(~inside) if self.distances else np.empty(0, dtype=np.int64)
        if base is not None and todo.size:
            # Where the other version's nearest feature survived, only added features can be nearer.
            _, base_dist, _, _, base_owner = base
            b_owner, b_dist = base_owner[self.scope_idx[todo]], base_dist[self.scope_idx[todo]]
            reuse = (b_owner >= 0) & idx.base_kept[np.maximum(b_owner, 0)]
            cheap = todo[reuse]
            dist[cheap] = b_dist[reuse]
            if cheap.size and len(idx.added_edge_tree):
                # Only added features closer than the surviving nearest one can change the distance;
                # measured on their edge chunks, like every other distance, so the values are the same.
                near_pairs = idx.added_edge_tree.query(scoped[cheap], predicate="dwithin", distance=dist[cheap])
                if near_pairs.size:
                    d = shapely.distance(idx.added_edges[near_pairs[1]], scoped[cheap[near_pairs[0]]])
                    np.minimum.at(dist, cheap[near_pairs[0]], d)
            todo = todo[~reuse]
        if todo.size:
            # Outside a polygon its distance is the distance to its boundary; short edge chunks are
            # the cheapest thing for the nearest search to measure.
            got, d = idx.edge_tree.query_nearest(scoped[todo], return_distance=True, all_matches=False)
            dist[todo[got[0]]] = d
            owner[todo[got[0]]] = idx.edge_owner[got[1]]
        # Outside, the distance already is the distance to the nearest boundary; inside, ask the edges
        # (and everywhere when distances were not asked for).
        near = ~inside & (dist < NEAR_BOUNDARY_M)
        within = np.flatnonzero(inside) if self.distances else np.arange(m)
        near[within[idx.edge_tree.query(scoped[within], predicate="dwithin", distance=NEAR_BOUNDARY_M)[0]]] = True
        full = [np.zeros(n, dtype=bool), np.full(n, np.nan), np.zeros(n, dtype=bool), np.full(n, -1)]
        for arr, part in zip(full, (inside, dist, near, owner), strict=True):
            arr[self.scope_idx] = part
        return full[0], full[1], full[2], (self.scope_idx[pairs[0]], pairs[1]), full[3]

    def _distance(self, k: int, i: int, inside: bool) -> float | None:
        if not self.distances:
            return None
        return 0.0 if inside else round(float(self.distance[k][i]), 2)

    def __len__(self) -> int:
        return len(self.lons)

    def row(self, i: int, query: str | None = None) -> dict[str, Any]:
        """The full check result for point i (the contract dict)."""
        if not self.valid[i]:
            raise InputError(f"第 {i + 1} 个坐标无法换算，请检查经纬度。")
        lon, lat = float(self.lons[i]), float(self.lats[i])
        district = self.district[i]
        notes: list[str] = []
        result = {"query": query or f"{lon:.6f},{lat:.6f}",
                  "location": {"lon": round(lon, 6), "lat": round(lat, 6), "district": district},
                  "in_scope": bool(self.in_scope[i]), "layers": [], "changes": [], "citations": [],
                  "demo_data": False, "notes": notes}
        if not self.in_scope[i]:
            notes.append(out_of_scope_note(district))
            return result
        checker = self.checker
        hit_names: list[str] = []
        for k, idx in enumerate(checker.layers):
            members, tree_idx = self.hits[k]
            lo, hi = np.searchsorted(members, i, "left"), np.searchsorted(members, i, "right")
            features = checker._features(idx, tree_idx[lo:hi], notes)
            inside = bool(self.inside[k][i])
            result["layers"].append({"layer": idx.layer, "version": idx.version, "inside": inside,
                                     **area_fields(None), "share": None,
                                     "distance_m": self._distance(k, i, inside),
                                     "features": features})
            if self.near[k][i]:
                checker._add_note(notes, near_note(idx.layer))
            if inside:
                hit_names += [idx.layer, *(f["name"] for f in features)]
        result["changes"] = [{"layer": ch.layer, "change": ch.change, "overlap_m2": 0.0}
                             for ch, flag in self.change_flags if flag[i]]
        checker._finish(result, hit_names)
        return result
