"""Demo key_projects (the plan's 564-project list) and the placement helpers demo_parcels shares."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import duckdb
import shapely
from shapely.geometry import Point, Polygon

from ..errors import DataError
from ..geo import to_lonlat, to_metric
from ..layers.unit_id import COUNTY_CODES
from . import landuse as demo_landuse

# The plan (四、（六）) lists 564 projects with exactly these status counts; scale never changes them.
PROJECT_STATUS_COUNTS = {"实施": 118, "延续": 229, "撤销": 22, "更新": 15, "新增": 180}
# Mapping-method split is fixed too, so every seed gives the same totals to audit against.
MAPPING_COUNTS = {"精准上图": 250, "示意上图": 200, "增补清单": 114}
# The five projects the plan names (四、（四）), all 公共服务: the sites demo_landuse places, whose
# 中心城区用地 polygons they take, so the names are listed once, there.
NAMED_PROJECTS = {name: "公共服务" for name, *_ in demo_landuse.PROJECTS}
DEMO_PREFIX = "演示·"

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

def read_layer(con: duckdb.DuckDBPyConnection, layer: str) -> list[tuple[str, str, shapely.Geometry]]:
    """(name, code, metric geometry) of a layer's 维护后 features (or its only version)."""
    rows = con.execute("SELECT version, name, code, ST_AsWKB(geom) FROM features WHERE layer = ? "
                       "ORDER BY feature_id, version", [layer]).fetchall()
    versions = {r[0] for r in rows}
    keep = "维护后" if "维护后" in versions else min(versions, default=None)
    rows = [r for r in rows if r[0] == keep]
    geoms = to_metric(shapely.from_wkb([bytes(r[3]) for r in rows]))
    return [(name, code, g) for (_, name, code, _), g in zip(rows, geoms, strict=True)]


@dataclass
class Counties:
    """County polygons in EPSG:4526, for placing features and naming the county they fall in."""

    geoms: dict[str, shapely.Geometry]

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection) -> Counties:
        names = set(COUNTY_CODES.values())
        geoms = {}
        for name, code, geom in read_layer(con, "行政区"):
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


def random_point(rng: random.Random, area: shapely.Geometry, tries: int = 500) -> Point:
    minx, miny, maxx, maxy = area.bounds
    for _ in range(tries):
        p = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if area.contains(p):
            return p
    return area.representative_point()


def block(rng: random.Random, center: Point, area_m2: float, aspect: float) -> Polygon:
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
        poly = block(rng, random_point(rng, area), size, rng.uniform(*aspect))
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


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[tuple]) -> None:
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
    counties = Counties.load(con)
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
            geom = random_point(rng, area)
        wkb = None if geom is None else shapely.to_wkb(to_lonlat(geom))
        rows.append((name, status, method, category, county, wkb))
    rows.sort(key=lambda r: r[0])  # stable IDs independent of generation order
    numbered = [(f"XM-2026-{i:04d}", *r[:5], r[5]) for i, r in enumerate(rows, start=1)]
    numbered += [(f"XM-2026-{len(rows) + i:04d}", *r) for i, r in enumerate(named_rows, start=1)]
    insert_rows(con, "key_projects",
            ["project_id", "name", "status", "mapping_method", "category", "county", "geom"], numbered)
    return len(numbered)


def _named_projects(con: duckdb.DuckDBPyConnection, counties: Counties) -> list[tuple]:
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
            wkb = shapely.to_wkb(to_lonlat(geom))
        else:
            wkb = bytes(found[0])
            geom = to_metric(shapely.from_wkb(wkb))
        rows.append((name, "新增", "精准上图", category, counties.county_of(geom) or "郊区", wkb))
    return rows
