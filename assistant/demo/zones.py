"""Demo 市辖区 layers: 中心城区范围, rivers and 洪涝风险控制线, the three control lines and 规划分区."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..geo import polygonal
from .geom import cut_to_area, smooth_field, take_exact

HA = 10_000.0
MU = HA / 15.0

CENTRAL_AREA_M2 = 27123 * HA
FLOOD_M2 = 4279.0808 * HA
ECO_M2 = 1000 * HA
UDB_BEFORE_M2, UDB_AFTER_M2 = 9390.31 * HA, 9387.50 * HA
FARM_BEFORE_M2, FARM_AFTER_M2 = 82593 * MU, 82831 * MU
FARM_OUT_ABOUT_M2 = 40 * HA

UDB_ZONES = ("城镇集中建设区", "城镇弹性发展区", "特别用途区")
# The zone coding is this project's own (the 编制指南 names zones but gives no codes).
ZONE_CODES = {
    "生态保护区": "01", "生态控制区": "02", "农田保护区": "03",
    "城镇集中建设区": "0401", "城镇弹性发展区": "0402", "特别用途区": "0403",
    "乡村发展区": "05", "村庄建设区": "0501", "一般农业区": "0502", "林业发展区": "0503", "牧业发展区": "0504",
    "矿产能源发展区": "07",
}
# Cells of about 2.2 ha, which give ~3,000 farmland patches (--demo-scale splits them afterwards).
BASE_CELLS = 30_000


def bisect_monotonic(f, target: float, lo: float, hi: float, rel_tol: float = 1e-11) -> float:
    """x in [lo, hi] with f(x) = target for an increasing f."""
    for _ in range(100):
        mid = (lo + hi) / 2
        if f(mid) < target:
            lo = mid
        else:
            hi = mid
        if hi - lo <= rel_tol * max(abs(hi), 1.0):
            break
    return (lo + hi) / 2


def central_area(city: BaseGeometry, core: BaseGeometry, pts: dict[str, shapely.Point]) -> BaseGeometry:
    """中心城区范围: corridors from the core to 河底镇/义井镇/杨家庄乡/平坦镇坡头村, grown to 271.23 km²."""
    hub = core.centroid
    ends = ["河底镇", "义井镇", "杨家庄乡", "坡头村", "荫营镇"]
    lines = [shapely.LineString([hub, pts[n]]) for n in ends]
    lines.append(shapely.LineString([pts["平坦镇"], pts["坡头村"]]))
    skeleton = shapely.union_all([core, *lines, *(pts[n] for n in ends)])
    xs = [pts[n].x for n in ends]
    ys = [pts[n].y for n in ends]
    box = shapely.box(min(min(xs), core.bounds[0]) - 400, min(min(ys), core.bounds[1]) - 400,
                      max(max(xs), core.bounds[2]) + 400, max(max(ys), core.bounds[3]) + 400)
    frame = shapely.intersection(city, box)

    def grown(d: float) -> BaseGeometry:
        return polygonal(shapely.union(shapely.intersection(skeleton.buffer(d, 8), frame), core))

    d = bisect_monotonic(lambda v: grown(v).area, CENTRAL_AREA_M2, 0.0, 20_000.0)
    # Short edges keep the stored (lon/lat) outline and the land-use cells clipped to it in agreement.
    return shapely.segmentize(grown(d), 10.0)


def _meander(rng: np.random.Generator, waypoints: list[tuple[float, float]], step: float = 250.0):
    """A random walk that wanders toward each waypoint in turn (a demo river course)."""
    pos = np.array(waypoints[0], dtype=float)
    out = [pos.copy()]
    drift = 0.0
    for target in waypoints[1:]:
        target = np.asarray(target, dtype=float)
        for _ in range(2000):
            vec = target - pos
            dist = np.hypot(*vec)
            if dist < step:
                break
            drift = 0.85 * drift + rng.normal(0, 0.35)
            ang = np.arctan2(vec[1], vec[0]) + np.clip(drift, -1.1, 1.1)
            pos = pos + step * np.array([np.cos(ang), np.sin(ang)])
            out.append(pos.copy())
        pos = target.copy()
        out.append(pos.copy())
    return shapely.LineString(out)


def rivers(rng: np.random.Generator, city: BaseGeometry, core: BaseGeometry,
           pts: dict[str, shapely.Point]) -> list[BaseGeometry]:
    """Demo river centre lines along the main valleys (桃河 through the city, 温河 in the north …)."""
    c = core.centroid
    w, e = city.bounds[0] - 500, city.bounds[2] + 500

    def p(name, dx=0.0, dy=0.0):
        return (pts[name].x + dx, pts[name].y + dy)

    courses = [
        [(w, pts["坡头村"].y), p("坡头村", 0, -300), p("平坦镇", 0, -500), (c.x, c.y - 600),
         p("杨家庄乡", 0, -800), (e, pts["杨家庄乡"].y - 1500)],
        [p("旧街乡", -3000, 1500), p("西南舁乡", 0, -700), p("河底镇", 0, -600), (e, pts["河底镇"].y - 2500)],
        [p("李家庄乡", -2500, -3500), p("李家庄乡", 300, 0), p("义井镇", -700, -200), (c.x - 1500, c.y - 600)],
        [p("官沟村", -2000, 2500), p("阳泉北站", 0, -500), p("荫营镇", 500, -900), (c.x, c.y - 600)],
    ]
    return [shapely.intersection(_meander(rng, wp), city.buffer(2000)) for wp in courses]


def flood_zones(city: BaseGeometry, river_lines: list[BaseGeometry]) -> list[BaseGeometry]:
    """洪涝风险控制线: river corridors of one width chosen so the total is exactly 4279.0808 ha."""
    def total(w: float) -> float:
        corridors = shapely.buffer(np.asarray(river_lines, dtype=object), w, quad_segs=4)
        return shapely.intersection(shapely.union_all(corridors), city).area

    w = bisect_monotonic(total, FLOOD_M2, 1.0, 3000.0)
    parts, seen = [], shapely.Polygon()
    for line in river_lines:
        piece = polygonal(shapely.difference(shapely.intersection(line.buffer(w, 4), city), seen))
        seen = shapely.union(seen, piece)
        parts.append(piece)
    return parts


@dataclass
class Units:
    """The tessellation of 市辖区; each unit carries its zone before (zb) and after (za) maintenance."""

    geom: list
    cx: np.ndarray
    cy: np.ndarray
    elev: np.ndarray
    d_core: np.ndarray
    zb: list = field(default_factory=list)
    za: list = field(default_factory=list)
    patch_b: dict = field(default_factory=dict)
    patch_a: dict = field(default_factory=dict)
    score: np.ndarray = field(default_factory=lambda: np.zeros(0))
    cut: set = field(default_factory=set)  # units made by a cut: their edges no longer match neighbours

    def split(self, i: int, area: float, angle: float) -> int:
        """Cut unit i so it keeps exactly `area`; the rest becomes a new unit with the same attributes."""
        piece, rest = cut_to_area(self.geom[i], area, angle)
        self.geom[i] = polygonal(piece)
        self.geom.append(polygonal(rest))
        for name in ("cx", "cy", "elev", "d_core", "score"):
            arr = getattr(self, name)
            setattr(self, name, np.append(arr, arr[i]))
        self.zb.append(self.zb[i])
        self.za.append(self.za[i])
        self.cut.update((i, len(self.geom) - 1))
        return len(self.geom) - 1

    def areas(self) -> np.ndarray:
        return shapely.area(np.asarray(self.geom, dtype=object))

    def where(self, pred) -> list[int]:
        return [i for i in range(len(self.geom)) if pred(i)]


def tessellate(rng: np.random.Generator, city: BaseGeometry, n: int) -> list[BaseGeometry]:
    """A Voronoi tessellation of 市辖区 by n seeded points, cells clipped to the boundary."""
    minx, miny, maxx, maxy = city.bounds
    shapely.prepare(city)
    frac = city.area / ((maxx - minx) * (maxy - miny))
    xy = rng.uniform((minx, miny), (maxx, maxy), (int(n / frac * 1.2) + 100, 2))
    xy = xy[shapely.contains_xy(city, xy[:, 0], xy[:, 1])][:n]
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(xy), extend_to=city.envelope,
                                                       ordered=True))
    inside = shapely.contains_properly(city, cells)
    cells[~inside] = shapely.intersection(cells[~inside], city)
    out = [polygonal(c) for c in cells]
    return [c for c in out if not c.is_empty and c.area > 1.0]


def build_units(rng: np.random.Generator, city: BaseGeometry, core: BaseGeometry,
                river_lines: list[BaseGeometry], n: int) -> Units:
    """Tessellate 市辖区 and give every cell its terrain proxy: ridges high, river valleys low."""
    cells = tessellate(rng, city, n)
    cent = shapely.centroid(np.asarray(cells, dtype=object))
    cx, cy = shapely.get_x(cent), shapely.get_y(cent)
    terrain = smooth_field(rng)
    d_river = shapely.distance(shapely.union_all(river_lines), cent)
    elev = 0.6 * terrain(cx, cy) + 0.4 * (np.minimum(d_river, 4000.0) / 2000.0 - 1.0)
    d_core = shapely.distance(core, cent)
    return Units(cells, cx, cy, elev, d_core, [""] * len(cells), [""] * len(cells), score=np.zeros(len(cells)))


def _take_units(u: Units, rng: np.random.Generator, order: list[int], target: float, zone: str) -> list[int]:
    """Give units in `order` the zone (both versions) until their area is exactly `target`."""
    taken, cut, residual = take_exact(u.areas(), order, target)
    if cut is not None:
        u.split(cut, residual, rng.uniform(0, np.pi))
        taken.append(cut)
    for i in taken:
        u.zb[i] = u.za[i] = zone
    return taken


def _farm_patches(u: Units, rng: np.random.Generator, order: list[int], target: float,
                  patches: dict) -> list[int]:
    """Eroded cells as farmland patches, in `order`, until their area is exactly `target`."""
    geoms = np.asarray([u.geom[i] for i in order], dtype=object)
    eroded = shapely.buffer(geoms, -rng.uniform(2.0, 9.0, len(order)), quad_segs=2)
    areas = shapely.area(eroded)
    keep = [k for k in range(len(order)) if areas[k] > 600.0 and eroded[k].geom_type == "Polygon"]
    taken, cut, residual = take_exact(areas, keep, target)
    if cut is not None:
        piece, _ = cut_to_area(eroded[cut], residual, rng.uniform(0, np.pi))
        eroded[cut] = polygonal(piece)
        taken.append(cut)
    for k in taken:
        patches[order[k]] = eroded[k]
    return [order[k] for k in taken]


def assign_zones(rng: np.random.Generator, u: Units, central: BaseGeometry, pts: dict[str, shapely.Point],
                 progress=None) -> dict:
    """Three control lines and 规划分区 in both versions; returns the change sets."""
    say = progress or (lambda _msg: None)
    n0 = len(u.geom)
    jitter = rng.uniform(0, 1, n0)

    # 生态保护红线: compact blocks on the highest ground far from the city.
    ridge = np.quantile(u.elev, 0.85)
    far_high = [i for i in range(n0) if u.d_core[i] > 8000 and u.elev[i] > ridge]
    seeds = [far_high[k] for k in rng.choice(len(far_high), 3, replace=False)]
    d_seed = np.min([np.hypot(u.cx - u.cx[s], u.cy - u.cy[s]) for s in seeds], axis=0) + 300 * jitter
    _take_units(u, rng, list(np.argsort(d_seed, kind="stable")), ECO_M2, "生态保护区")
    say("生态保护红线 1000 公顷")

    # 城镇开发边界: grows from the built-up core inside 中心城区范围, ragged along the terrain.
    shapely.prepare(central)
    in_central = shapely.contains_xy(central, u.cx, u.cy)
    u.score = u.d_core + 1500 * u.elev + 400 * np.append(jitter, rng.uniform(0, 1, len(u.geom) - n0))
    cand = [i for i in np.argsort(u.score, kind="stable") if in_central[i] and not u.zb[i]]
    udb = _take_units(u, rng, cand, UDB_BEFORE_M2, "城镇集中建设区")
    elev_udb = np.array([u.elev[i] for i in udb])
    score_udb = u.score[udb]
    hill, edge = np.quantile(elev_udb, 0.9), np.quantile(score_udb, 0.88)
    for i, e, s in zip(udb, elev_udb, score_udb, strict=True):
        if e > hill:
            u.zb[i] = u.za[i] = "特别用途区"
        elif s > edge:
            u.zb[i] = u.za[i] = "城镇弹性发展区"
    say("城镇开发边界 9390.31 公顷")

    # 永久基本农田: flat valley land away from the core; thousands of eroded-cell patches.
    farm_score = u.elev + 0.25 * rng.normal(0, 1, len(u.geom))
    cand = [i for i in np.argsort(farm_score, kind="stable") if not u.zb[i] and u.d_core[i] > 2000]
    farm = _farm_patches(u, rng, cand, FARM_BEFORE_M2, u.patch_b)
    for i in farm:
        u.zb[i] = u.za[i] = "农田保护区"
    u.patch_a.update(u.patch_b)
    say(f"永久基本农田 {len(farm)} 个图斑")

    # 矿产能源发展区 around two coal-field seeds, 生态控制区 on the remaining high ground.
    free = [i for i in range(len(u.geom)) if not u.zb[i]]
    ring = [i for i in free if 4000 < u.d_core[i] < 10000]
    mines = [ring[k] for k in rng.choice(len(ring), 2, replace=False)]
    d_mine = np.min([np.hypot(u.cx - u.cx[m], u.cy - u.cy[m]) for m in mines], axis=0)
    high = np.quantile([u.elev[i] for i in free], 0.55)
    for i in free:
        zone = "矿产能源发展区" if d_mine[i] < 1800 else "生态控制区" if u.elev[i] > high else "乡村发展区"
        u.zb[i] = u.za[i] = zone

    changes = _maintenance(u, rng)
    _refine_rural(u, rng, pts)
    say("规划分区（维护前、维护后）")
    return changes


def _maintenance(u: Units, rng: np.random.Generator) -> dict:
    """The 2026 changes: farmland taken into the town boundary, town land returned, new farmland."""
    farm_b = [i for i, p in u.patch_b.items() if u.geom[i].area - p.area > 1.0]  # skip the cut patch
    near = sorted(farm_b, key=lambda i: (u.d_core[i], i))
    farm_out, total = [], 0.0
    for i in near:
        if total >= FARM_OUT_ABOUT_M2:
            break
        farm_out.append(i)
        total += u.patch_b[i].area
    for i in farm_out:
        u.za[i] = "城镇集中建设区"
        del u.patch_a[i]
    udb_in = list(farm_out)

    # 城镇开发边界 net −2.81 ha: return outer town land slightly larger than what came in.
    target_out = sum(u.geom[i].area for i in udb_in) - (UDB_AFTER_M2 - UDB_BEFORE_M2)
    outer = [i for i in range(len(u.geom)) if u.zb[i] in UDB_ZONES]
    outer.sort(key=lambda i: (-u.score[i], i))
    taken, cut, residual = take_exact(u.areas(), outer, target_out)
    if cut is not None:
        u.split(cut, residual, rng.uniform(0, np.pi))
        taken.append(cut)
    for i in taken:
        u.za[i] = "乡村发展区"
    udb_out = taken

    farm_in_target = sum(u.patch_b[i].area for i in farm_out) + (FARM_AFTER_M2 - FARM_BEFORE_M2)
    rural = [i for i in range(len(u.geom)) if u.zb[i] == "乡村发展区" and u.za[i] == "乡村发展区"]
    rural.sort(key=lambda i: (u.elev[i], i))
    added: dict = {}
    farm_in = _farm_patches(u, rng, rural, farm_in_target, added)
    for i in farm_in:
        u.za[i] = "农田保护区"
    u.patch_a.update(added)
    return {"farm_out": farm_out, "farm_in": farm_in, "udb_out": udb_out, "udb_in": udb_in}


def _refine_rural(u: Units, rng: np.random.Generator, pts: dict[str, shapely.Point]) -> None:
    """After maintenance 乡村发展区 is refined into 村庄建设区 / 一般农业区 / 林业发展区."""
    villages = shapely.union_all([p for p in pts.values()])
    rural = [i for i in range(len(u.geom)) if u.za[i] == "乡村发展区"]
    d_village = shapely.distance(villages, shapely.points(np.column_stack([u.cx[rural], u.cy[rural]])))
    high = np.quantile(u.elev[rural], 0.6)
    draw = rng.uniform(0, 1, len(rural))
    for i, d, r in zip(rural, d_village, draw, strict=True):
        if d < 700 or r < 0.05:
            u.za[i] = "村庄建设区"
        elif u.elev[i] > high:
            u.za[i] = "林业发展区"
        else:
            u.za[i] = "一般农业区"
