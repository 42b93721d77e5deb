"""Demo parcels with valid 不动产单元号, placed against the control lines; split N ways at --demo-scale N."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import duckdb
import numpy as np
import shapely
from shapely.geometry import Point, Polygon
from shapely.strtree import STRtree

from ..errors import DataError
from ..geo import to_lonlat
from ..layers.unit_id import COUNTY_CODES, format_unit_id
from .subdivide import voronoi_split
from .tables import Counties, block, insert_rows, random_point, read_layer

PARCELS_PER_SCALE = 300
# Share of parcels per relation to the control lines (inside farmland, inside UDB, straddling, none).
PARCEL_MIX = {"farmland": 0.25, "udb": 0.30, "straddle_farmland": 0.12, "straddle_udb": 0.13, "none": 0.20}


# relation -> [(宗地特征码, land_use, 定着物特征码 choices)]
_PARCEL_KINDS = {
    "farmland": [("JD", "耕地", "W")],
    "udb": [("GB", "城镇住宅用地", "FW"), ("GB", "工业用地", "F"), ("GB", "商业服务业用地", "FW"),
            ("GB", "公共管理与公共服务用地", "F"), ("GB", "仓储用地", "FW")],
    "straddle_farmland": [("JD", "耕地", "W"), ("JC", "农村宅基地", "F"), ("JB", "设施农用地", "W")],
    "straddle_udb": [("GB", "工业用地", "FW"), ("GB", "城镇住宅用地", "W"), ("JB", "村庄建设用地", "F")],
    "none": [("JE", "林地", "LW"), ("JC", "农村宅基地", "F"), ("JD", "耕地", "W"), ("GL", "林地", "L")],
}
_PARCEL_HA = {"farmland": (0.2, 3.0), "udb": (0.1, 5.0), "straddle_farmland": (0.3, 4.0),
              "straddle_udb": (0.3, 5.0), "none": (0.1, 2.0)}


def _dissolve(geoms: list[shapely.Geometry]) -> shapely.Geometry:
    """Union of a layer's pieces: the coverage union when it is exact (fast), else the full overlay."""
    arr = np.asarray(geoms, dtype=object)
    try:
        merged = shapely.coverage_union_all(arr)
        if merged.is_valid and abs(merged.area - shapely.area(arr).sum()) <= 1e-9 * merged.area + 1e-3:
            return merged
    except shapely.errors.GEOSException:
        pass  # not an exact coverage (imported data): fall back to the overlay
    return shapely.union_all(arr, grid_size=0.01)


class _Layer:
    """A control-line layer in EPSG:4526 with a spatial index."""

    def __init__(self, con: duckdb.DuckDBPyConnection, layer: str, dissolve: bool = False):
        self.name = layer
        self.geoms = [g for _, _, g in read_layer(con, layer) if not g.is_empty]
        if dissolve and self.geoms:
            # --demo-scale N splits features into small pieces; parcels are placed on the whole patches.
            self.geoms = [p for p in shapely.get_parts(_dissolve(self.geoms)) if p.geom_type == "Polygon"]
        self.array = np.asarray(self.geoms, dtype=object)
        self.tree = STRtree(self.geoms)
        # Cumulative weights once: random.choices would otherwise re-sum 30 000 areas per draw.
        self.cum_areas = list(itertools.accumulate(g.area for g in self.geoms))
        shapely.prepare(self.array)
        self._edges: list[shapely.Geometry] | None = None
        self._cum_lengths: list[float] = []

    def covered_share(self, poly: shapely.Geometry) -> float:
        """Share of poly's area inside the layer (features of one layer do not overlap)."""
        near = self.array[self.tree.query(poly, predicate="intersects")]
        if not len(near):
            return 0.0
        return min(1.0, float(shapely.area(shapely.intersection(near, poly)).sum()) / poly.area)

    def pick(self, rng: random.Random) -> shapely.Geometry:
        return rng.choices(self.geoms, cum_weights=self.cum_areas)[0]

    def boundary_point(self, rng: random.Random) -> Point:
        """A random point on the outline of the dissolved layer (not on edges between adjoining features)."""
        if self._edges is None:
            # Demo layers are exact coverages, which coverage_union_all dissolves ~20× faster than union_all;
            # on a messier layer a stray inner edge only costs a rejected sample (covered_share checks).
            try:
                outline = shapely.coverage_union_all(self.array).boundary
            except shapely.errors.GEOSException:
                outline = shapely.union_all(self.array, grid_size=0.01).boundary
            self._edges = list(shapely.get_parts(shapely.line_merge(outline)))
            self._cum_lengths = list(itertools.accumulate(e.length for e in self._edges))
        edge = rng.choices(self._edges, cum_weights=self._cum_lengths)[0]
        return edge.interpolate(rng.random() * edge.length)


def _place_parcel(rng: random.Random, relation: str, layers: dict[str, _Layer],
                  counties: Counties, city: shapely.Geometry) -> Polygon | None:
    ha = _PARCEL_HA[relation]
    size = rng.uniform(*ha) * 10_000
    aspect = rng.uniform(1.0, 2.5)
    if relation in ("farmland", "udb"):
        target = layers["永久基本农田" if relation == "farmland" else "城镇开发边界"]
        feature = target.pick(rng)
        # Demo farmland comes in patches of ~0.5 ha, too small for a free-standing block: cut the block
        # to the patch (real field parcels follow patch edges too), shrunk 5 cm so it stays strictly inside.
        cut = block(rng, random_point(rng, feature, tries=50), size, aspect).intersection(feature)
        parts = [g for g in shapely.get_parts(cut) if g.geom_type == "Polygon"]
        if not parts:
            return None
        poly = max(parts, key=lambda g: g.area).buffer(-0.05, join_style="mitre")
        ok = poly.geom_type == "Polygon" and poly.area >= ha[0] * 10_000 and city.contains(poly)
        return shapely.set_precision(poly, 0.001) if ok else None
    if relation.startswith("straddle"):
        target = layers["永久基本农田" if relation == "straddle_farmland" else "城镇开发边界"]
        poly = block(rng, target.boundary_point(rng), size, aspect)
        share = target.covered_share(poly)
        # A UDB-straddling parcel must not touch farmland too, so each parcel tests one boundary.
        if relation == "straddle_udb" and layers["永久基本农田"].tree.query(poly, predicate="intersects").size:
            return None
        return poly if 0.15 <= share <= 0.85 and city.contains(poly) else None
    county = rng.choices(["城区", "矿区", "郊区", "平定县", "盂县"], [3, 3, 60, 17, 17])[0]
    poly = block(rng, random_point(rng, counties.geoms[county]), size, aspect)
    clear = all(not layer.tree.query(poly, predicate="intersects").size for layer in layers.values())
    return poly if clear and counties.geoms[county].contains(poly) else None


def generate_parcels(con: duckdb.DuckDBPyConnection, seed: int, scale: int = 1) -> dict[str, int]:
    """Fill parcels with PARCELS_PER_SCALE × scale demo parcels; returns the count per relation.

    The PARCELS_PER_SCALE base parcels are placed against the control lines; at scale N each is then
    split into exactly N adjoining parcels (Voronoi pieces), so placement can never run out of room.
    A piece counts under its base parcel's relation.
    """
    rng = random.Random(f"{seed}-parcels")
    counties = Counties.load(con)
    city = shapely.union_all(list(counties.geoms.values()))
    shapely.prepare(city)
    layers = {name: _Layer(con, name, dissolve=scale > 1) for name in ("永久基本农田", "城镇开发边界", "生态保护红线")}
    for name in ("永久基本农田", "城镇开发边界"):
        if not layers[name].geoms:
            raise DataError(f"图层“{name}”为空，无法生成演示地块；请先生成演示图层或导入真实数据。")

    wanted = {rel: round(PARCELS_PER_SCALE * share) for rel, share in PARCEL_MIX.items()}
    wanted["none"] += PARCELS_PER_SCALE - sum(wanted.values())
    placed: list[tuple[str, str, Polygon]] = []
    grid: dict[tuple[int, int], list[Polygon]] = {}  # 1 km cells, so parcels never overlap each other
    for relation, n in wanted.items():
        got, attempts = 0, 0
        while got < n:
            attempts += 1
            if attempts > n * 60:
                raise DataError(f"演示地块（{relation}）放置失败：可用范围过小，请检查永久基本农田和城镇开发边界图层。")
            poly = _place_parcel(rng, relation, layers, counties, city)
            if poly is None or (county := counties.county_of(poly)) is None:
                continue
            minx, miny, maxx, maxy = (int(v // 1000) for v in poly.bounds)
            cells = [(x, y) for x in range(minx, maxx + 1) for y in range(miny, maxy + 1)]
            if any(poly.intersects(p) for cell in cells for p in grid.get(cell, ())):
                continue
            for cell in cells:
                grid.setdefault(cell, []).append(poly)
            placed.append((relation, county, poly))
            got += 1

    split_rng = np.random.default_rng([seed, scale])
    rows, seq, relations = [], Counter(), Counter()
    for relation, county, base in placed:
        adcode = next(c for c, n in COUNTY_CODES.items() if n == county)
        minx, miny, _, _ = counties.geoms[county].bounds
        feature, land_use, fixtures = rng.choice(_PARCEL_KINDS[relation])
        for poly in voronoi_split(split_rng, base, scale):
            c = poly.centroid
            # 地籍区/子区 from a 5 km / 1 km grid over the county, so neighbours share them as real ones do.
            district = 1 + int((c.x - minx) // 5000) % 999
            subdistrict = 1 + int((c.y - miny) // 1000) % 999
            seq[(adcode, district, subdistrict)] += 1
            fixture = rng.choice(fixtures)
            unit = 0 if fixture == "W" else rng.randint(1, 30) * 10_000 + rng.randint(1, 12)
            unit_id = format_unit_id(dict(
                county_code=adcode, cadastral_district=district, cadastral_subdistrict=subdistrict,
                parcel_feature=feature, parcel_seq=seq[(adcode, district, subdistrict)],
                fixture_feature=fixture, fixture_unit=unit))
            rows.append((unit_id, f"YQ-2026-{len(rows) + 1:05d}", county, land_use, round(poly.area, 2),
                         shapely.to_wkb(to_lonlat(poly))))
            relations[relation] += 1
    insert_rows(con, "parcels", ["unit_id", "plot_no", "county", "land_use", "area_m2", "geom"], rows)
    return dict(relations)
