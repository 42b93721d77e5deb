"""Demo 中心城区 layers: 中心城区用地 (2023 用地用海分类), 城市绿线, 城市紫线, and the plan's projects."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..geo import polygonal
from ..layers import landuse_codes
from .geom import Collector, cut_to_area, take_exact
from .zones import HA, tessellate

BOTH, BEFORE, AFTER = ("维护前", "维护后"), ("维护前",), ("维护后",)
GREEN_BEFORE_M2, GREEN_OUT_M2, GREEN_IN_M2 = 300.76 * HA, 6.07 * HA, 6.42 * HA
PURPLE_BEFORE_M2, PURPLE_OUT_M2, PURPLE_IN_M2 = 8.07 * HA, 734.46, 982.80
LANDUSE_CELLS = 2_500

URBAN_MIX = {
    "0701": 0.33, "0702": 0.03, "0801": 0.03, "0802": 0.01, "0803": 0.02, "0804": 0.05, "0805": 0.02,
    "0806": 0.02, "0807": 0.01, "0901": 0.08, "0902": 0.03, "1001": 0.09, "1101": 0.03, "1207": 0.05,
    "1208": 0.02, "1301": 0.01, "1303": 0.01, "1310": 0.005, "1401": 0.07, "1402": 0.05, "1403": 0.01,
    "1503": 0.005, "16": 0.02,
}
RURAL_MIX = {"0103": 0.34, "0301": 0.2, "0303": 0.12, "0403": 0.1, "0703": 0.12, "0601": 0.03,
             "1002": 0.04, "1202": 0.03, "1704": 0.02}

# The projects the plan names (四、（四）); codes from the 2023 分类: 托育 is placed under 儿童社会福利用地.
PROJECTS = (
    ("市第五人民医院新建精神康复住院楼", "080601", 1.2 * HA, "市第五人民医院"),
    ("郊区幸福家园养老中心", "080701", 2.4 * HA, None),
    ("郊区新城大道一级消防站", "1310", 0.8 * HA, None),
    ("郊区综合托育服务中心", "080702", 0.6 * HA, None),
    ("高新区特勤消防站及配套消防训练设施", "1310", 3.2 * HA, None),
)


def _draw(rng: np.random.Generator, mix: dict[str, float], n: int) -> list[str]:
    codes = list(mix)
    p = np.array([mix[c] for c in codes])
    return [codes[k] for k in rng.choice(len(codes), n, p=p / p.sum())]


def _rect(cx: float, cy: float, area: float, aspect: float, angle: float) -> BaseGeometry:
    """A rotated rectangle of exactly `area` m² centred on (cx, cy)."""
    h = np.sqrt(area / aspect)
    w = area / h
    box = shapely.box(-w / 2, -h / 2, w / 2, h / 2)
    return shapely.affinity.translate(shapely.affinity.rotate(box, angle, origin=(0, 0)), cx, cy)


def _place_projects(rng, cells, codes, in_udb_a, udb_a, suburb, central, pts) -> list[tuple[str, str, BaseGeometry]]:
    """Put each project on town land in 郊区 (the hospital beside the existing hospital)."""
    cent = shapely.centroid(np.asarray(cells, dtype=object))
    shapely.prepare(suburb)
    room = shapely.intersection(shapely.intersection(udb_a, suburb), central).buffer(-20)
    shapely.prepare(room)
    ok = [i for i in range(len(cells)) if in_udb_a[i] and suburb.contains(cent[i]) and codes[i] != "1401"]
    placed: list[tuple[str, str, BaseGeometry]] = []
    for name, code, area, anchor in PROJECTS:
        order = list(rng.permutation(ok))
        if anchor is not None:
            order.sort(key=lambda i: cent[i].distance(pts[anchor]))
        for i in order:
            where = cells[i].point_on_surface()
            rect = _rect(where.x, where.y, area, rng.uniform(1.0, 1.8), rng.uniform(0, 180))
            if room.contains(rect) and all(rect.distance(g) > 50 for _, _, g in placed):
                placed.append((name, code, rect))
                break
        else:
            raise RuntimeError(f"no site for {name}")
    return placed


def landuse(rng: np.random.Generator, out: Collector, central: BaseGeometry, udb_b: BaseGeometry,
            udb_a: BaseGeometry, suburb: BaseGeometry, pts: dict) -> None:
    """中心城区用地 in both versions, with the five projects after maintenance, plus 城市绿线."""
    cells = tessellate(rng, central, LANDUSE_CELLS)
    cent = shapely.centroid(np.asarray(cells, dtype=object))
    cx, cy = shapely.get_x(cent), shapely.get_y(cent)
    shapely.prepare(udb_b)
    shapely.prepare(udb_a)
    in_b = shapely.contains_xy(udb_b, cx, cy)
    in_a = shapely.contains_xy(udb_a, cx, cy)
    urban, rural = _draw(rng, URBAN_MIX, len(cells)), _draw(rng, RURAL_MIX, len(cells))
    before = [urban[i] if in_b[i] else rural[i] for i in range(len(cells))]
    after = [before[i] if in_a[i] == in_b[i] else urban[i] if in_a[i] else "0103" for i in range(len(cells))]

    projects = _place_projects(rng, cells, after, in_a, udb_a, suburb, central, pts)
    hole = shapely.union_all([g for _, _, g in projects])
    for i, cell in enumerate(cells):
        fid = f"ZXCQYD-{i:06d}"
        cell_after = polygonal(shapely.difference(cell, hole)) if cell.intersects(hole) else cell
        if before[i] == after[i] and cell_after is cell:
            out.feature("中心城区用地", BOTH, fid, landuse_codes.label(before[i]), before[i], cell)
            continue
        out.feature("中心城区用地", BEFORE, fid, landuse_codes.label(before[i]), before[i], cell)
        if not cell_after.is_empty:
            out.feature("中心城区用地", AFTER, fid, landuse_codes.label(after[i]), after[i], cell_after)
    for k, (name, code, geom) in enumerate(projects, 1):
        out.feature("中心城区用地", AFTER, f"ZXCQYD-P{k:02d}", name, code, geom)

    green = [i for i in rng.permutation(len(cells)) if before[i] in ("1401", "1402")
             and after[i] == before[i] and not cells[i].intersects(hole)]
    _green_lines(rng, out, [cells[i] for i in green], [before[i] for i in green])


def _green_lines(rng: np.random.Generator, out: Collector, cells: list, codes: list[str]) -> None:
    """城市绿线 on park and protective green land: 300.76 ha, 调出 6.07 ha, 调入 6.42 ha, all exact."""
    areas = shapely.area(np.asarray(cells, dtype=object))
    taken, cut, residual = take_exact(areas, range(len(cells)), GREEN_BEFORE_M2)
    lines = [(k, cells[k]) for k in taken]
    if cut is not None:
        lines.append((cut, polygonal(cut_to_area(cells[cut], residual, rng.uniform(0, np.pi))[0])))
    used = {k for k, _ in lines}

    line_areas = [g.area for _, g in lines]
    out_taken, out_cut, out_residual = take_exact(line_areas, range(len(lines)), GREEN_OUT_M2)
    removed = {j: lines[j][1] for j in out_taken}
    kept_part = {}
    if out_cut is not None:
        piece, rest = cut_to_area(lines[out_cut][1], out_residual, rng.uniform(0, np.pi))
        removed[out_cut], kept_part[out_cut] = polygonal(piece), polygonal(rest)

    spare = [k for k in range(len(cells)) if k not in used]
    in_taken, in_cut, in_residual = take_exact(areas, spare, GREEN_IN_M2)
    added = [(k, cells[k]) for k in in_taken]
    if in_cut is not None:
        added.append((in_cut, polygonal(cut_to_area(cells[in_cut], in_residual, rng.uniform(0, np.pi))[0])))

    def label(k: int) -> str:
        return f"城市绿线·{landuse_codes.name_of(codes[k])}"

    for j, (k, geom) in enumerate(lines):
        fid = f"CSLX-{k:05d}"
        if j in kept_part:
            out.feature("城市绿线", BEFORE, fid, label(k), codes[k], geom)
            out.feature("城市绿线", AFTER, fid, label(k), codes[k], kept_part[j])
        elif j in removed:
            out.feature("城市绿线", BEFORE, fid, label(k), codes[k], geom)
        else:
            out.feature("城市绿线", BOTH, fid, label(k), codes[k], geom)
        if j in removed:
            out.change("城市绿线", "调出", fid, removed[j])
    for k, geom in added:
        fid = f"CSLX-{k:05d}"
        out.feature("城市绿线", AFTER, fid, label(k), codes[k], geom)
        out.change("城市绿线", "调入", fid, geom)


def purple_lines(rng: np.random.Generator, out: Collector, core: BaseGeometry, hotel: shapely.Point) -> None:
    """城市紫线: historic buildings in the old town; only 南山宾馆 is corrected (−734.46 m², +982.80 m²)."""
    angle = rng.uniform(0, 90)
    w, h = 62.0, 54.0

    def place(g: BaseGeometry) -> BaseGeometry:
        g = shapely.affinity.rotate(g, angle, origin=(0, 0))
        return shapely.affinity.translate(g, hotel.x - w / 2, hotel.y - h / 2)

    a, b = PURPLE_OUT_M2 / h, PURPLE_IN_M2 / h
    hotel_before = place(shapely.box(0, 0, w, h))
    taken_out = place(shapely.box(0, 0, a, h))
    taken_in = place(shapely.box(w, 0, w + b, h))
    hotel_after = place(shapely.box(a, 0, w + b, h))
    out.feature("城市紫线", BEFORE, "CSZX-001", "南山宾馆（历史建筑）", "历史建筑", hotel_before)
    out.feature("城市紫线", AFTER, "CSZX-001", "南山宾馆（历史建筑）", "历史建筑", hotel_after)
    out.change("城市紫线", "调出", "CSZX-001", taken_out)
    out.change("城市紫线", "调入", "CSZX-001", taken_in)

    others = PURPLE_BEFORE_M2 - w * h
    shares = rng.dirichlet(np.full(14, 3.0)) * others
    inner = core.buffer(-150)
    minx, miny, maxx, maxy = inner.bounds
    placed = [hotel_before.buffer(40)]
    for k, area in enumerate(shares, 2):
        for _ in range(10_000):
            x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            rect = _rect(x, y, float(area), rng.uniform(1.0, 2.2), rng.uniform(0, 180))
            if inner.contains(rect) and not any(rect.intersects(p) for p in placed):
                placed.append(rect.buffer(40))
                out.feature("城市紫线", BOTH, f"CSZX-{k:03d}", f"演示·历史建筑{k - 1:02d}", "历史建筑", rect)
                break
        else:
            raise RuntimeError("no room for a historic building")
