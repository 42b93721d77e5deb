"""Demo gazetteer of 阳泉市辖区: towns, townships, sub-districts, villages, landmarks (approximate)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import shapely
from shapely.ops import nearest_points

from ..errors import DataError
from ..geo import to_local, to_storage


@dataclass(frozen=True)
class Place:
    name: str
    kind: str     # 镇 | 乡 | 街道 | 村 | 地标
    county: str   # 城区 | 矿区 | 郊区
    lon: float
    lat: float


# Positions are approximate (from general knowledge, not surveyed); every row is stored demo=true.
# 义井镇 is listed under 城区 because the plan text says "城区义井镇".
PLACES: tuple[Place, ...] = (
    Place("上站街道", "街道", "城区", 113.588, 37.858),
    Place("下站街道", "街道", "城区", 113.576, 37.862),
    Place("北大街街道", "街道", "城区", 113.583, 37.868),
    Place("南山路街道", "街道", "城区", 113.592, 37.851),
    Place("义井街道", "街道", "城区", 113.567, 37.853),
    Place("德胜街街道", "街道", "城区", 113.602, 37.862),
    Place("义井镇", "镇", "城区", 113.566, 37.840),
    Place("沙坪街道", "街道", "矿区", 113.545, 37.872),
    Place("赛鱼街道", "街道", "矿区", 113.560, 37.882),
    Place("蔡洼街道", "街道", "矿区", 113.530, 37.876),
    Place("桥头街道", "街道", "矿区", 113.556, 37.866),
    Place("平潭街街道", "街道", "矿区", 113.540, 37.886),
    Place("贵石沟街道", "街道", "矿区", 113.521, 37.893),
    Place("荫营镇", "镇", "郊区", 113.556, 37.935),
    Place("河底镇", "镇", "郊区", 113.655, 37.985),
    Place("平坦镇", "镇", "郊区", 113.452, 37.876),
    Place("西南舁乡", "乡", "郊区", 113.500, 38.030),
    Place("旧街乡", "乡", "郊区", 113.400, 37.990),
    Place("李家庄乡", "乡", "郊区", 113.470, 37.812),
    Place("杨家庄乡", "乡", "郊区", 113.680, 37.896),
    Place("坡头村", "村", "郊区", 113.405, 37.872),
    Place("辛兴村", "村", "郊区", 113.562, 37.952),
    Place("林里村", "村", "郊区", 113.662, 38.002),
    Place("西峪村", "村", "郊区", 113.466, 37.795),
    Place("桃林沟村", "村", "郊区", 113.612, 37.902),
    Place("官沟村", "村", "郊区", 113.430, 37.955),
    Place("南山宾馆", "地标", "城区", 113.589, 37.849),
    Place("南山公园", "地标", "城区", 113.597, 37.850),
    Place("阳泉站", "地标", "城区", 113.567, 37.866),
    Place("阳泉北站", "地标", "郊区", 113.533, 37.941),
    Place("狮脑山", "地标", "郊区", 113.525, 37.838),
    Place("市第五人民医院", "地标", "郊区", 113.615, 37.884),
    Place("阳泉市人民政府", "地标", "城区", 113.584, 37.856),
)

# Keep snapped points this far inside their county so that "is it inside" checks are unambiguous.
SNAP_MARGIN_M = 150.0


def snapped_positions(counties: dict[str, shapely.Geometry]) -> dict[str, tuple[float, float]]:
    """Name -> (lon, lat), each moved just inside its county's real boundary if it fell outside."""
    out: dict[str, tuple[float, float]] = {}
    local = {name: to_local(g) for name, g in counties.items()}
    inner = {name: g.buffer(-SNAP_MARGIN_M) for name, g in local.items()}
    for p in PLACES:
        if p.county not in local:
            raise DataError(f"地名 {p.name} 所属的 {p.county} 不在行政界线数据中，请先加载行政界线。")
        pt = to_local(shapely.Point(p.lon, p.lat))
        if not inner[p.county].contains(pt):
            pt = nearest_points(inner[p.county], pt)[0]
        back = to_storage(pt)
        out[p.name] = (round(back.x, 6), round(back.y, 6))
    return out


def counties_from_db(con: duckdb.DuckDBPyConnection) -> dict[str, shapely.Geometry]:
    """County geometries (layer 行政区, 维护前) already loaded by admin.load_admin."""
    rows = con.execute("SELECT name, ST_AsWKB(geom) FROM features "
                       "WHERE layer = '行政区' AND version = '维护前' ORDER BY name").fetchall()
    if not rows:
        raise DataError("图层数据库中没有行政区界线，请先运行 `yqplan build` 加载行政界线。")
    return {name: shapely.from_wkb(bytes(wkb)) for name, wkb in rows}


def load_places(con: duckdb.DuckDBPyConnection) -> None:
    """Insert the gazetteer into `places` (demo=true: positions are approximate)."""
    pos = snapped_positions(counties_from_db(con))
    rows = [(p.name, p.kind, p.county, *pos[p.name]) for p in PLACES]
    con.executemany("INSERT INTO places (name, kind, county, lon, lat, demo, geom) "
                    "VALUES (?, ?, ?, ?, ?, true, ST_Point(?, ?))",
                    [(*r, r[3], r[4]) for r in rows])
