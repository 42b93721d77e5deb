"""Location check engine: a point, red line, parcel or place against every control line, with citations."""

from __future__ import annotations

import difflib
import math
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from ..errors import DataError, InputError
from ..geo import points_to_metric, to_lonlat, to_metric
from ..layers.postgis import is_url
from ..plan import rules
from ..settings import ROOT
from .batch import BatchResult
from .index import Indexes, LayerIndex, edge_chunks, load_indexes, tree_hits, tree_near
from .index_near import load_indexes_near
from .index_store import DAMAGED, load_persisted, near_point, open_runner, open_store, store_key, store_path
from .overlap import Overlap, layer_overlap, outline_near_edges
from .result import (
    DEMO_NOTE,
    FEATURE_LIMIT_NOTE,
    MAX_FEATURES,
    NEAR_BOUNDARY_M,
    area_fields,
    near_note,
    out_of_scope_note,
    redline_fields,
)

if TYPE_CHECKING:
    from ..layers.sql import SqlRunner

__all__ = ["DEMO_NOTE", "BatchResult", "LocationChecker", "get_checker", "near_note", "out_of_scope_note"]


class LocationChecker:
    """All layers loaded once into memory (EPSG:4526 + STRtree); answers point, red-line and batch checks."""

    def __init__(self, runner: SqlRunner | None, corpus_dir: str | Path | None = None,
                 indexes: Indexes | None = None, db_path: str | Path | None = None):
        self._runner = runner
        self._db_path = db_path  # opened on first use (parcels, places) when no runner was given
        self.layers, self.changes, self.admin, self.status = indexes or load_indexes(self.runner)
        self.corpus_dir = str(corpus_dir or ROOT / "corpus")
        self._places: list[tuple] | None = None
        self._citations: dict[tuple[str, ...], list[dict[str, str]]] = {}

    @classmethod
    def open(cls, db_path: str | Path, corpus_dir: str | Path | None = None) -> LocationChecker:
        """Every layer in memory; the cut pieces persist beside the database file for the next process."""
        if is_url(str(db_path)):  # a PostGIS store: no file beside it to persist the index in
            runner = open_runner(db_path)
            return cls(runner, corpus_dir, load_indexes(runner))
        return cls(None, corpus_dir, load_persisted(db_path), db_path=db_path)

    @property
    def runner(self) -> SqlRunner | None:
        """The database, opened on first use: checks answered from the index alone never connect."""
        if self._runner is None and self._db_path is not None:
            self._runner = open_runner(self._db_path)
        return self._runner

    @classmethod
    def near(cls, db_path: str | Path, lon: float, lat: float, corpus_dir: str | Path | None = None) -> LocationChecker:
        """A checker for one point only, reading just what can answer it: from the persisted index when it
        was made from this database file (bounding boxes, then the few nearby pieces), else with DuckDB's
        R-tree. Its answers for that point equal the full checker's."""
        store = open_store(store_path(db_path), store_key(db_path)) if Path(db_path).is_file() else None
        if store is not None:
            (x,), (y,) = points_to_metric([lon], [lat])
            if math.isfinite(x) and math.isfinite(y):
                try:
                    return cls(None, corpus_dir, near_point(store, float(x), float(y)))  # type: ignore[arg-type]
                except DAMAGED:
                    pass  # a damaged file: ask the database
        runner = open_runner(db_path)
        return cls(runner, corpus_dir, load_indexes_near(runner, lon, lat))

    @classmethod
    def from_connection(cls, con, corpus_dir: str | Path | None = None) -> LocationChecker:
        from ..layers.sql import SqlRunner

        return cls(SqlRunner.from_connection(con, timeout_s=300, max_rows=10**8), corpus_dir)

    # ---- points -------------------------------------------------------------------------------
    def check_point(self, lon: float, lat: float, query: str | None = None) -> dict[str, Any]:
        """One point (EPSG:4490 lon/lat) against every layer and version: a few STRtree calls per layer.

        Same answer as `check_many([lon], [lat]).row(0)` (tests pin it), without the batch machinery."""
        if not (math.isfinite(lon) and math.isfinite(lat)):
            raise InputError("经纬度不是有效数字，请输入如“113.58,37.86”的坐标。")
        (x,), (y,) = points_to_metric([lon], [lat])
        if not (math.isfinite(x) and math.isfinite(y)):
            raise InputError("第 1 个坐标无法换算，请检查经纬度。")
        x, y = float(x), float(y)
        admin = self.admin
        district = None
        for name, county in zip(admin.names, admin.geoms, strict=True):
            if shapely.intersects_xy(county, x, y):
                district = name  # in order, the last county holding the point, as the batch does
        notes: list[str] = []
        result = {"query": query or f"{lon:.6f},{lat:.6f}",
                  "location": {"lon": round(lon, 6), "lat": round(lat, 6), "district": district},
                  "in_scope": bool(shapely.intersects_xy(admin.shixiaqu, x, y)), "layers": [], "changes": [],
                  "citations": [], "demo_data": False, "notes": notes}
        if not result["in_scope"]:
            notes.append(out_of_scope_note(district))
            return result
        point = shapely.points(np.array([[x, y]]))
        hit_names: list[str] = []
        done: dict[int, tuple] = {}
        for idx in self.layers:
            part = done.get(id(idx.same_as)) if idx.same_as is not None else None
            if part is None:
                base = done.get(id(idx.base)) if idx.base is not None else None
                part = done[id(idx)] = self._point_in_layer(idx, point, base)
            inside, distance, near, hit = part[:4]
            features = self._features(idx, hit, notes)
            result["layers"].append({"layer": idx.layer, "version": idx.version, "inside": inside,
                                     **area_fields(None), "share": None, "distance_m": distance,
                                     "features": features})
            if near:
                self._add_note(notes, near_note(idx.layer))
            if inside:
                hit_names += [idx.layer, *(f["name"] for f in features)]
        result["changes"] = [{"layer": ch.layer, "change": ch.change, "overlap_m2": 0.0}
                             for ch in self.changes if tree_hits(ch.tree, point).size]
        self._finish(result, hit_names)
        return result

    @staticmethod
    def _point_in_layer(idx: LayerIndex, point: np.ndarray, base: tuple | None = None) -> tuple:
        """(inside, distance_m, within 5 m of a boundary, features holding it, unrounded distance, nearest
        feature or -1) for one point and one layer; `base` is the other version's answer for this point."""
        # `point` is a 1-element array, which the tree's C query takes as it is (see index.tree_hits)
        hit = idx.piece_owner[tree_hits(idx.piece_tree, point)]
        if hit.size > 1:  # np.unique costs more than the tree query on the usual 0 or 1 hits
            hit = np.unique(hit)
        if hit.size:
            near = tree_near(idx.edge_tree, point, NEAR_BOUNDARY_M)
            return True, 0.0, bool(near), hit, 0.0, -1
        if base is not None and base[5] >= 0 and idx.base_kept[base[5]]:
            # The other version's nearest feature survived: only features added here can be nearer (as in
            # the batch), so the nearest search runs over the added edges alone.
            distance, owner = base[4], -1
            if len(idx.added_edge_tree):
                found = idx.added_edge_tree.query_nearest(point, return_distance=True, all_matches=False)
                if found[1].size and found[1][0] < distance:
                    distance = float(found[1][0])
            return False, round(distance, 2), distance < NEAR_BOUNDARY_M, hit, distance, owner
        found = idx.edge_tree.query_nearest(point, return_distance=True, all_matches=False)
        if not found[1].size:
            return False, 0.0, True, hit, 0.0, -1  # an empty layer: as the batch answers it
        distance = float(found[1][0])
        owner = int(idx.edge_owner[found[0][1][0]])
        return False, round(distance, 2), distance < NEAR_BOUNDARY_M, hit, distance, owner

    def check_many(self, lons, lats, distances: bool = True) -> BatchResult:
        """Vectorised check of many points: one STRtree query per layer over all points at once.

        `distances=False` answers membership only (distance_m is None), skipping the nearest searches.
        """
        return BatchResult(self, np.asarray(lons, dtype=float), np.asarray(lats, dtype=float), distances)

    # ---- red lines and parcels ------------------------------------------------------------------
    def check_geometry(self, geom_4490: shapely.Geometry, label: str) -> dict[str, Any]:
        """A red line or parcel (EPSG:4490 polygon): overlap area and share per layer and version."""
        if geom_4490 is None or geom_4490.is_empty:
            raise InputError("红线范围为空，请检查文件内容。")
        if geom_4490.geom_type == "Point":
            return self.check_point(geom_4490.x, geom_4490.y, label)
        if not geom_4490.is_valid:
            geom_4490 = shapely.make_valid(geom_4490)
        polys = shapely.get_parts(geom_4490)
        polys = [p for p in polys if p.geom_type in ("Polygon", "MultiPolygon")]
        if not polys:
            raise InputError("红线应为面（闭合多边形），当前几何不是面，请检查界址点是否闭合。")
        red = to_metric(shapely.union_all(polys))
        total = red.area
        if total <= 0:
            raise InputError("红线面积为 0，请检查界址点坐标。")
        shapely.prepare(red)
        rep_lon, rep_lat = to_lonlat(red.representative_point()).coords[0]
        notes: list[str] = []
        district = self._district_of(red, notes)
        result = {"query": label, "location": {"lon": round(rep_lon, 6), "lat": round(rep_lat, 6),
                                               "district": district},
                  "in_scope": bool(self.admin.shixiaqu.intersects(red)), "layers": [], "changes": [],
                  "citations": [], "demo_data": False, "notes": notes}
        if not result["in_scope"]:
            notes.insert(0, out_of_scope_note(district, "该红线"))
            return result
        outside = 0.0 if self.admin.shixiaqu.contains(red) else total - red.intersection(self.admin.shixiaqu).area
        if outside > 0.01 * total:
            notes.append(f"红线约 {outside / 10000:.4f} 公顷位于市辖区以外，该部分无图层数据")
        # The red line's outline in short chunks: the 5-metre test then only measures edges near the outline
        # (the whole outline's box holds every edge under the red line).
        outline, _ = edge_chunks(np.array([red.boundary], dtype=object), 8)
        not_near: set[int] = set()  # versions whose edges all lie farther than 5 m from the outline
        hit_names: list[str] = []
        done: dict[int, Overlap] = {}
        for idx in self.layers:
            same = idx.same_as
            found = done[id(same)] if same is not None and id(same) in done else layer_overlap(idx, red, done)
            done[id(idx)] = found
            note = near_note(idx.layer)
            if note not in notes and id(same) not in not_near:
                if outline_near_edges(idx, outline, id(idx.base) in not_near):
                    notes.append(note)
                else:
                    not_near.add(id(idx))
            row = {"layer": idx.layer, "version": idx.version, "inside": found.area > 0, **area_fields(found.area),
                   "share": round(found.area / total, 4), "distance_m": round(found.distance, 2),
                   "features": self._features(idx, found.hit, notes)}
            for feature, area in zip(row["features"], found.per_feature, strict=False):  # 图斑 overlap, 公顷/亩
                feature.update(area_fields(float(area)))
            result["layers"].append(row)
            if found.area > 0:
                hit_names += [idx.layer, *idx.names[found.hit]]
        for ch in self.changes:
            cand = ch.tree.query(red, predicate="intersects")
            if cand.size:
                area = float(shapely.union_all(shapely.intersection(ch.geoms[cand], red)).area)
                if area > 0:
                    result["changes"].append({"layer": ch.layer, "change": ch.change,
                                              "overlap_m2": round(area, 2)})
        self._finish(result, hit_names)
        return result

    def check_redline(self, redline, label: str) -> dict[str, Any]:
        """A red line read from a file: the geometry check plus how the file was read and its 地块 attributes."""
        result = self.check_geometry(redline.geometry, label)
        result["notes"][:0] = list(redline.notes)
        result["redline"] = redline_fields(redline)
        return result

    def check_parcel(self, text: str) -> dict[str, Any]:
        """A parcel by 28-character 不动产单元号 or 地块编号."""
        from ..layers.unit_id import looks_like_unit_id, normalize, parse_unit_id

        raw = (text or "").strip()
        if not raw:
            raise InputError("请输入不动产单元号（28 位）或地块编号。")
        if looks_like_unit_id(raw) or len(normalize(raw)) == 28:
            unit = str(parse_unit_id(raw))
            rows = self.runner.run("check_find_parcel", unit_id=unit, plot_no="").rows
            missing = f"未找到不动产单元号 {unit} 对应的地块，请核对号码，或上传红线文件核查。"
        else:
            rows = self.runner.run("check_find_parcel", unit_id="", plot_no=raw).rows
            missing = f"未找到地块编号“{raw}”，请核对编号（或输入 28 位不动产单元号），也可上传红线文件核查。"
        if not rows:
            raise InputError(missing)
        unit_id, plot_no, _county, land_use, demo, _area, wkb = rows[0]
        label = f"地块 {plot_no or ''}（不动产单元号 {unit_id}）".replace("地块 （", "地块（")
        result = self.check_geometry(shapely.from_wkb(bytes(wkb)), label)
        if land_use:
            result["notes"].append(f"地块登记用途：{land_use}")
        if demo:
            self._add_note(result["notes"], "地块为演示数据，非真实不动产登记信息")
        return result

    # ---- places -------------------------------------------------------------------------------
    def places(self) -> list[tuple]:
        if self._places is None:
            self._places = self.runner.run("check_places").rows
        return self._places

    def find_place(self, name: str) -> tuple:
        """Exact, then prefix/substring, then difflib; several matches -> InputError listing them."""
        q = (name or "").strip()
        if not q:
            raise InputError("请输入地名，例如“河底镇”。")
        rows = self.places()
        for matcher in (lambda n: n == q, lambda n: n.startswith(q) or q in n or (len(n) > 1 and n in q)):
            found = [r for r in rows if matcher(r[0])]
            if found:
                break
        else:
            close = set(difflib.get_close_matches(q, [r[0] for r in rows], n=5, cutoff=0.6))
            found = [r for r in rows if r[0] in close]
        if not found:
            raise InputError(f"未找到地名“{q}”，请换一个名称（如乡镇、街道、村名），或直接输入经纬度。")
        if len(found) > 1:
            listed = "、".join(f"{r[0]}（{r[2] or '未知县区'}，{r[1]}）" for r in found[:10])
            raise InputError(f"找到多个地名：{listed}，请说明是哪一个")
        return found[0]

    def check_place(self, name: str) -> dict[str, Any]:
        """A gazetteer place checked at its point position."""
        place, kind, county, lon, lat, demo = self.find_place(name)
        result = self.check_point(lon, lat, f"{place}（{county or ''}{kind}）")
        result["notes"].append(f"按“{place}”的代表点位核查，{kind}的实际范围可能跨越多个管控区")
        if demo:
            result["notes"].append("地名位置为近似位置（内置地名库），请以实际坐标或红线核查为准")
        return result

    # ---- shared helpers ------------------------------------------------------------------------
    def _district_of(self, red: shapely.Geometry, notes: list[str]) -> str | None:
        cand = self.admin.tree.query(red, predicate="intersects")
        if not cand.size:
            return None
        counties = self.admin.geoms[cand]
        inside = shapely.contains(counties, red)  # prepared: most red lines lie in one county
        areas = np.where(inside, red.area, 0.0)
        if not inside.all():
            areas[~inside] = shapely.area(shapely.intersection(counties[~inside], red))
        order = np.argsort(-areas)
        names = [self.admin.names[cand[i]] for i in order if areas[i] > 0]
        if len(names) > 1:
            notes.append(f"红线跨越{'、'.join(names)}")
        return names[0] if names else None

    def _features(self, idx: LayerIndex, hits: np.ndarray, notes: list[str]) -> list[dict[str, Any]]:
        if hits.size > MAX_FEATURES:
            notes.append(FEATURE_LIMIT_NOTE.format(layer=idx.layer, version=idx.version, n=hits.size,
                                                   limit=MAX_FEATURES))
        return [{"feature_id": idx.ids[i], "name": idx.names[i], "code": idx.codes[i]}
                for i in hits[:MAX_FEATURES]]

    @staticmethod
    def _add_note(notes: list[str], note: str) -> None:
        if note not in notes:
            notes.append(note)

    def citations(self, wanted: tuple[str, ...]) -> tuple[list[dict[str, str]], str | None]:
        """Citations for the hit layer/zone names (cached), and a note if the plan text failed to load."""
        if wanted not in self._citations:
            try:
                sections = rules.load_sections(self.corpus_dir)
            except (OSError, DataError) as exc:
                return [], f"规划文本未能载入，暂无引用：{exc}"
            # per name once (a batch meets many combinations of the same few names), then in order, deduplicated
            for name in wanted:
                if (name,) not in self._citations:
                    self._citations[(name,)] = [asdict(c) for c in rules.citations_for((name,), sections)]
            merged: list[dict[str, str]] = []
            for name in wanted:
                merged += [c for c in self._citations[(name,)] if c not in merged]
            self._citations[wanted] = merged
        return [dict(c) for c in self._citations[wanted]], None

    def _finish(self, result: dict[str, Any], hit_names: list[str]) -> None:
        """Citations for what was hit, and the demo flag + banner."""
        result["citations"], problem = self.citations(tuple(n for n in dict.fromkeys(hit_names) if n))
        if problem:
            result["notes"].append(problem)
        used = {row["layer"] for row in result["layers"]}
        result["demo_data"] = any(idx.demo for idx in self.layers if idx.layer in used)
        if result["demo_data"]:
            self._add_note(result["notes"], DEMO_NOTE)


_OPEN: dict[str, tuple[tuple, LocationChecker]] = {}


def get_checker(db_path: str | Path, corpus_dir: str | Path | None = None,
                version_check_s: float = 3.0) -> LocationChecker:
    """One shared checker per database file, reloaded when the file is rebuilt; on a PostGIS store, reloaded
    when meta.data_version changes (asked at most every `version_check_s` seconds), so replicas follow imports."""
    if is_url(str(db_path)):
        from ..layers.sql import server_data_version

        url = str(db_path)
        key = ("server", server_data_version(url, version_check_s))
        cached = _OPEN.get(url)
        if cached is None or cached[0] != key:
            _OPEN[url] = (key, LocationChecker.open(url, corpus_dir))
        return _OPEN[url][1]
    path = Path(db_path)
    if not path.exists():
        raise DataError(f"图层数据库 {path} 不存在，请先运行 `yqplan build` 生成。")
    key = store_key(path)
    cached = _OPEN.get(str(path))
    if cached is None or cached[0] != key:
        if cached is not None:
            cached[1].runner.close()
        _OPEN[str(path)] = (key, LocationChecker.open(path, corpus_dir))
    return _OPEN[str(path)][1]
