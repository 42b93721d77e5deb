"""Demo key_projects (the plan's 564-project list) and demo parcels with valid 不动产单元号."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter
from dataclasses import dataclass

import duckdb
import numpy as np
import pyproj
import shapely
from shapely.geometry import Point, Polygon
from shapely.strtree import STRtree

from . import db
from .errors import DataError
from .unit_id import COUNTY_CODES, format_unit_id

# The plan (四、（六）) lists 564 projects with exactly these status counts; scale never changes them.
PROJECT_STATUS_COUNTS = {"实施": 118, "延续": 229, "撤销": 22, "更新": 15, "新增": 180}
# Mapping-method split is fixed too, so every seed gives the same totals to audit against.
MAPPING_COUNTS = {"精准上图": 250, "示意上图": 200, "增补清单": 114}
# The five projects the plan names (四、（四）); their polygons are the matching 中心城区用地 features.
NAMED_PROJECTS = {
    "市第五人民医院新建精神康复住院楼": "公共服务",
    "郊区幸福家园养老中心": "公共服务",
    "郊区新城大道一级消防站": "公共服务",
    "郊区综合托育服务中心": "公共服务",
    "高新区特勤消防站及配套消防训练设施": "公共服务",
}
DEMO_PREFIX = "演示·"
PARCELS_PER_SCALE = 300
# Share of parcels per relation to the control lines (inside farmland, inside UDB, straddling, none).
PARCEL_MIX = {"farmland": 0.25, "udb": 0.30, "straddle_farmland": 0.12, "straddle_udb": 0.13, "none": 0.20}

# Most projects sit in 市辖区 (城区/矿区/郊区); 市域 projects also reach 平定县 and 盂县.
_PROJECT_COUNTY_WEIGHTS = {"城区": 12, "矿区": 10, "郊区": 46, "平定县": 16, "盂县": 16}
_PLACE_HEADS = "东西南北新中上下前后"
_PLACE_TAILS = ["山", "河", "岭", "坪", "沟", "庄", "峪", "塔", "泉", "堡"]
_ROAD_NUMBERS = "一二三四五六七八九十"
# category -> (name templates, polygon area range in ha, aspect ratio range)
_CATEGORIES = {
    "交通": (["{p}路改造工程", "{p}大道新建工程", "{p}互通立交工程", "{p}公交首末站", "{n}号路延伸工程"],
           (1.0, 12.0), (4.0, 12.0)),
    "能源": (["{p}110千伏输变电工程", "{p}分布式光伏项目", "{p}天然气调压站", "{p}集中供热站"],
           (0.3, 6.0), (1.0, 2.0)),
    "水利": (["{p}河道综合治理工程", "{p}供水管网改造工程", "{p}污水处理厂提标改造", "{p}水库除险加固"],
           (0.5, 10.0), (1.5, 6.0)),
    "公共服务": (["{p}小学新建工程", "{p}社区卫生服务中心", "{p}养老服务中心", "{p}全民健身中心",
              "{p}幼儿园"], (0.3, 3.0), (1.0, 2.0)),
    "产业": (["{p}产业园标准化厂房", "{p}物流仓储中心", "{p}数据中心", "{p}新材料产业项目"],
           (2.0, 15.0), (1.0, 2.5)),
    "生态修复": (["{p}矿山生态修复工程", "{p}采煤沉陷区综合治理", "{p}湿地公园", "{p}荒山造林工程"],
             (3.0, 20.0), (1.0, 3.0)),
    "城市更新": (["{p}老旧小区改造", "{p}城中村改造", "{p}片区更新", "{p}背街小巷提升工程"],
             (1.0, 8.0), (1.0, 2.0)),
}
_CATEGORY_WEIGHTS = {"交通": 20, "能源": 10, "水利": 12, "公共服务": 20, "产业": 16, "生态修复": 10, "城市更新": 12}

TO_METRIC = pyproj.Transformer.from_crs(db.STORAGE_CRS, db.METRIC_CRS, always_xy=True)
TO_STORAGE = pyproj.Transformer.from_crs(db.METRIC_CRS, db.STORAGE_CRS, always_xy=True)


def _reproject(geom, transformer: pyproj.Transformer):
    """Reproject one geometry or an array of them in a single vectorised pass."""
    def move(xy):
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])
    return shapely.transform(geom, move)


def _layer(con: duckdb.DuckDBPyConnection, layer: str) -> list[tuple[str, str, shapely.Geometry]]:
    """(name, code, metric geometry) of a layer's 维护后 features (or its only version)."""
    rows = con.execute("SELECT version, name, code, ST_AsWKB(geom) FROM features WHERE layer = ? "
                       "ORDER BY feature_id, version", [layer]).fetchall()
    versions = {r[0] for r in rows}
    keep = "维护后" if "维护后" in versions else min(versions, default=None)
    rows = [r for r in rows if r[0] == keep]
    geoms = _reproject(shapely.from_wkb([bytes(r[3]) for r in rows]), TO_METRIC)
    return [(name, code, g) for (_, name, code, _), g in zip(rows, geoms, strict=True)]


@dataclass
class _Counties:
    """County polygons in EPSG:4526, for placing features and naming the county they fall in."""

    geoms: dict[str, shapely.Geometry]

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection) -> _Counties:
        names = set(COUNTY_CODES.values())
        geoms = {}
        for name, code, geom in _layer(con, "行政区"):
            county = COUNTY_CODES.get(code or "") or (name if name in names else None)
            if county:
                geoms[county] = geom
        missing = names - set(geoms)
        if missing:
            raise DataError(f"行政区图层缺少 {'、'.join(sorted(missing))}，无法生成演示数据；请先载入行政区划。")
        for geom in geoms.values():
            shapely.prepare(geom)
        return cls(geoms)

    def county_of(self, geom: shapely.Geometry) -> str | None:
        probe = geom.representative_point()
        return next((name for name, g in self.geoms.items() if g.contains(probe)), None)


def _random_point(rng: random.Random, area: shapely.Geometry, tries: int = 500) -> Point:
    minx, miny, maxx, maxy = area.bounds
    for _ in range(tries):
        p = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if area.contains(p):
            return p
    return area.representative_point()


def _block(rng: random.Random, center: Point, area_m2: float, aspect: float) -> Polygon:
    """A rotated rectangle of the given area and aspect ratio, sometimes with one corner cut off."""
    w = (area_m2 * aspect) ** 0.5
    h = area_m2 / w
    pts = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    if rng.random() < 0.4:
        cut = rng.uniform(0.15, 0.35)
        pts[2:3] = [(w / 2, h / 2 - cut * h), (w / 2 - cut * w, h / 2)]
        # The cut corner removes cut²·w·h/2; grow the block so its area is still area_m2.
        grow = (1 / (1 - cut * cut / 2)) ** 0.5
        pts = [(x * grow, y * grow) for x, y in pts]
    angle = math.radians(rng.uniform(0, 180))
    cos, sin = math.cos(angle), math.sin(angle)
    return Polygon([(center.x + x * cos - y * sin, center.y + x * sin + y * cos) for x, y in pts])


def _block_inside(rng: random.Random, area: shapely.Geometry, ha: tuple[float, float],
                  aspect: tuple[float, float], tries: int = 40) -> Polygon | None:
    size = rng.uniform(*ha) * 10_000
    for attempt in range(tries):
        poly = _block(rng, _random_point(rng, area), size, rng.uniform(*aspect))
        if area.contains(poly):
            return poly
        if attempt % 8 == 7:  # small or narrow areas: shrink toward the lower bound
            size = max(ha[0] * 10_000, size * 0.6)
    return None


def _name_pool(rng: random.Random, county: str, category: str, used: set[str]) -> str:
    templates = _CATEGORIES[category][0]
    for _ in range(50):
        place = rng.choice(_PLACE_HEADS) + rng.choice(_PLACE_TAILS)
        name = DEMO_PREFIX + county + rng.choice(templates).format(p=place, n=rng.choice(_ROAD_NUMBERS))
        if name not in used:
            used.add(name)
            return name
    name = f"{name}（{len(used)}）"
    used.add(name)
    return name


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[tuple]) -> None:
    """Bulk insert demo rows whose last column is WKB; via a DataFrame, ~50× faster than executemany."""
    import pandas as pd  # installed with gradio; only the build needs it

    frame = pd.DataFrame(rows, columns=columns)
    con.register("demo_rows", frame)
    try:
        values = ", ".join(columns[:-1])
        con.execute(f"INSERT INTO {table} ({values}, demo, {columns[-1]}) "
                    f"SELECT {values}, true, ST_GeomFromWKB({columns[-1]}) FROM demo_rows")
    finally:
        con.unregister("demo_rows")


def generate_key_projects(con: duckdb.DuckDBPyConnection, seed: int, scale: int = 1) -> int:
    """Fill key_projects with the plan's 564 demo projects; returns the row count (scale is ignored)."""
    del scale  # the plan's list has 564 projects whatever the demo scale
    rng = random.Random(f"{seed}-key_projects")
    counties = _Counties.load(con)
    statuses = [s for s, n in PROJECT_STATUS_COUNTS.items() for _ in range(n)]
    methods = [m for m, n in MAPPING_COUNTS.items() for _ in range(n)]
    # The five named projects are new, precisely mapped facilities; take them out of the pools first.
    for _ in NAMED_PROJECTS:
        statuses.remove("新增")
        methods.remove("精准上图")
    rng.shuffle(statuses)
    rng.shuffle(methods)

    named_rows = _named_projects(con, counties)
    rows: list[tuple] = []
    used = {r[1] for r in named_rows}
    county_names = list(_PROJECT_COUNTY_WEIGHTS)
    weights = list(_PROJECT_COUNTY_WEIGHTS.values())
    categories = list(_CATEGORY_WEIGHTS)
    for status, method in zip(statuses, methods, strict=True):
        county = rng.choices(county_names, weights)[0]
        category = rng.choices(categories, list(_CATEGORY_WEIGHTS.values()))[0]
        name = _name_pool(rng, county, category, used)
        area = counties.geoms[county]
        geom = None
        if method == "精准上图":
            _, ha, aspect = _CATEGORIES[category]
            geom = _block_inside(rng, area, ha, aspect) or _block_inside(rng, area, (0.1, 0.3), (1.0, 1.5))
            if geom is None:
                raise DataError(f"无法在{county}内放置演示项目“{name}”，请检查行政区图层。")
        elif method == "示意上图":
            geom = _random_point(rng, area)
        wkb = None if geom is None else shapely.to_wkb(_reproject(geom, TO_STORAGE))
        rows.append((name, status, method, category, county, wkb))
    rows.sort(key=lambda r: r[0])  # stable IDs independent of generation order
    numbered = [(f"XM-2026-{i:04d}", *r[:5], r[5]) for i, r in enumerate(rows, start=1)]
    numbered += [(f"XM-2026-{len(rows) + i:04d}", *r) for i, r in enumerate(named_rows, start=1)]
    _insert(con, "key_projects",
            ["project_id", "name", "status", "mapping_method", "category", "county", "geom"], numbered)
    return len(numbered)


def _named_projects(con: duckdb.DuckDBPyConnection, counties: _Counties) -> list[tuple]:
    """Rows for the plan's five named projects, using the 中心城区用地 feature of the same name."""
    rows = []
    for name, category in NAMED_PROJECTS.items():
        found = con.execute(
            """SELECT ST_AsWKB(CASE count(*) WHEN 0 THEN NULL WHEN 1 THEN any_value(geom) ELSE ST_Union_Agg(geom) END)
               FROM features WHERE layer = '中心城区用地' AND version = '维护后' AND name = ?""",
            [name]).fetchone()
        if found is None or found[0] is None:
            # Without the demo land-use layer (tests, partial builds) place it in 郊区 like the others.
            geom = _block_inside(random.Random(name), counties.geoms["郊区"], (0.5, 2.0), (1.0, 1.5))
            wkb = shapely.to_wkb(_reproject(geom, TO_STORAGE))
        else:
            wkb = bytes(found[0])
            geom = _reproject(shapely.from_wkb(wkb), TO_METRIC)
        rows.append((name, "新增", "精准上图", category, counties.county_of(geom) or "郊区", wkb))
    return rows


# --- parcels -------------------------------------------------------------------------------------

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


class _Layer:
    """A control-line layer in EPSG:4526 with a spatial index."""

    def __init__(self, con: duckdb.DuckDBPyConnection, layer: str):
        self.name = layer
        self.geoms = [g for _, _, g in _layer(con, layer) if not g.is_empty]
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
                  counties: _Counties, city: shapely.Geometry) -> Polygon | None:
    ha = _PARCEL_HA[relation]
    size = rng.uniform(*ha) * 10_000
    aspect = rng.uniform(1.0, 2.5)
    if relation in ("farmland", "udb"):
        target = layers["永久基本农田" if relation == "farmland" else "城镇开发边界"]
        feature = target.pick(rng)
        # Demo farmland comes in patches of ~0.5 ha, too small for a free-standing block: cut the block
        # to the patch (real field parcels follow patch edges too), shrunk 5 cm so it stays strictly inside.
        cut = _block(rng, _random_point(rng, feature, tries=50), size, aspect).intersection(feature)
        parts = [g for g in shapely.get_parts(cut) if g.geom_type == "Polygon"]
        if not parts:
            return None
        poly = max(parts, key=lambda g: g.area).buffer(-0.05, join_style="mitre")
        ok = poly.geom_type == "Polygon" and poly.area >= ha[0] * 10_000 and city.contains(poly)
        return shapely.set_precision(poly, 0.001) if ok else None
    if relation.startswith("straddle"):
        target = layers["永久基本农田" if relation == "straddle_farmland" else "城镇开发边界"]
        poly = _block(rng, target.boundary_point(rng), size, aspect)
        share = target.covered_share(poly)
        # A UDB-straddling parcel must not touch farmland too, so each parcel tests one boundary.
        if relation == "straddle_udb" and layers["永久基本农田"].tree.query(poly, predicate="intersects").size:
            return None
        return poly if 0.15 <= share <= 0.85 and city.contains(poly) else None
    county = rng.choices(["城区", "矿区", "郊区", "平定县", "盂县"], [3, 3, 60, 17, 17])[0]
    poly = _block(rng, _random_point(rng, counties.geoms[county]), size, aspect)
    clear = all(not layer.tree.query(poly, predicate="intersects").size for layer in layers.values())
    return poly if clear and counties.geoms[county].contains(poly) else None


def generate_parcels(con: duckdb.DuckDBPyConnection, seed: int, scale: int = 1) -> dict[str, int]:
    """Fill parcels with PARCELS_PER_SCALE × scale demo parcels; returns the count per relation."""
    rng = random.Random(f"{seed}-parcels")
    counties = _Counties.load(con)
    city = shapely.union_all(list(counties.geoms.values()))
    shapely.prepare(city)
    layers = {name: _Layer(con, name) for name in ("永久基本农田", "城镇开发边界", "生态保护红线")}
    for name in ("永久基本农田", "城镇开发边界"):
        if not layers[name].geoms:
            raise DataError(f"图层“{name}”为空，无法生成演示地块；请先生成演示图层或导入真实数据。")

    total = PARCELS_PER_SCALE * scale
    wanted = {rel: round(total * share) for rel, share in PARCEL_MIX.items()}
    wanted["none"] += total - sum(wanted.values())
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

    rows, seq = [], Counter()
    for i, (relation, county, poly) in enumerate(placed, start=1):
        adcode = next(c for c, n in COUNTY_CODES.items() if n == county)
        c, (minx, miny, _, _) = poly.centroid, counties.geoms[county].bounds
        # 地籍区/子区 from a 5 km / 1 km grid over the county, so neighbours share them as real ones do.
        district = 1 + int((c.x - minx) // 5000) % 999
        subdistrict = 1 + int((c.y - miny) // 1000) % 999
        feature, land_use, fixtures = rng.choice(_PARCEL_KINDS[relation])
        seq[(adcode, district, subdistrict)] += 1
        fixture = rng.choice(fixtures)
        unit = 0 if fixture == "W" else rng.randint(1, 30) * 10_000 + rng.randint(1, 12)
        unit_id = format_unit_id(dict(
            county_code=adcode, cadastral_district=district, cadastral_subdistrict=subdistrict,
            parcel_feature=feature, parcel_seq=seq[(adcode, district, subdistrict)],
            fixture_feature=fixture, fixture_unit=unit))
        rows.append((unit_id, f"YQ-2026-{i:05d}", county, land_use, round(poly.area, 2),
                     shapely.to_wkb(_reproject(poly, TO_STORAGE))))
    _insert(con, "parcels", ["unit_id", "plot_no", "county", "land_use", "area_m2", "geom"], rows)
    return dict(Counter(rel for rel, _, _ in placed))
