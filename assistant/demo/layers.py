"""Generated demo layers (demo=true) that match every figure of the plan, on the real 市辖区 boundary."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

import duckdb
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from ..errors import DataError
from ..geo import to_local
from ..layers import places
from . import landuse as demo_landuse
from . import subdivide as demo_subdivide
from . import zones as demo_zones
from .geom import Collector, dissolve_parts, storage_ready
from .zones import HA, UDB_ZONES

BOTH, BEFORE, AFTER = ("维护前", "维护后"), ("维护前",), ("维护后",)
HERITAGE_BEFORE_M2, HERITAGE_IN_M2 = 568.4626 * HA, 142.1686 * HA
HERITAGE_NATIONAL, HERITAGE_PROVINCIAL = 11, 12


def _read_admin(con: duckdb.DuckDBPyConnection) -> tuple[BaseGeometry, dict[str, BaseGeometry]]:
    """市辖区 and the county geometries (行政区, 维护前) that admin.load_admin stored."""
    row = con.execute("SELECT ST_AsWKB(geom) FROM features WHERE version = '维护前' AND layer = '市辖区' "
                      "AND name = '市辖区'").fetchone()
    if row is None:
        raise DataError("图层数据库中没有市辖区界线，请先加载行政界线（admin.load_admin）再生成演示图层。")
    return shapely.from_wkb(bytes(row[0])), places.counties_from_db(con)


def _star(rng: np.random.Generator, cx: float, cy: float, area: float) -> BaseGeometry:
    """An irregular star-shaped site outline of exactly `area` m² (area scales with the square)."""
    ang = np.sort(rng.uniform(0, 2 * np.pi, 13))
    rad = rng.uniform(0.7, 1.3, 13)
    poly = shapely.Polygon(np.column_stack([np.cos(ang) * rad, np.sin(ang) * rad]))
    poly = shapely.affinity.scale(poly, *(2 * [np.sqrt(area / poly.area)]), origin=(0, 0))
    return shapely.affinity.translate(poly, cx, cy)


def heritage(rng: np.random.Generator, out: Collector, city: BaseGeometry) -> None:
    """历史文化保护线: 568.4626 ha of existing sites; 23 cultural-relic sites (142.1686 ha) added."""
    inner = city.buffer(-800)
    shapely.prepare(inner)
    minx, miny, maxx, maxy = inner.bounds
    placed: list[BaseGeometry] = []

    def site(area: float) -> BaseGeometry:
        for _ in range(10_000):
            g = _star(rng, rng.uniform(minx, maxx), rng.uniform(miny, maxy), area)
            if inner.contains(g) and not any(g.distance(p) < 300 for p in placed):
                placed.append(g)
                return g
        raise RuntimeError("no room for a heritage site")

    kinds = ["历史文化街区"] * 2 + ["传统村落"] * 6 + ["文物保护单位保护范围"] * 18
    for k, (kind, area) in enumerate(zip(kinds, rng.dirichlet(np.full(26, 2.0)) * HERITAGE_BEFORE_M2,
                                         strict=True), 1):
        out.feature("历史文化保护线", BOTH, f"LSWH-{k:03d}", f"演示·{kind}{k:02d}", kind, site(float(area)))
    n = HERITAGE_NATIONAL + HERITAGE_PROVINCIAL
    for k, area in enumerate(rng.dirichlet(np.full(n, 4.0)) * HERITAGE_IN_M2, 1):
        national = k <= HERITAGE_NATIONAL
        rank = "国家级" if national else "省级"
        num = k if national else k - HERITAGE_NATIONAL
        name = f"演示·{'国保' if national else '省保'}单位{num:02d}（{rank}文物保护单位）"
        fid = f"LSWH-N{k:03d}"
        g = site(float(area))
        out.feature("历史文化保护线", AFTER, fid, name, rank, g)
        out.change("历史文化保护线", "调入", fid, g)


def _zone_features(out: Collector, u: demo_zones.Units, changes: dict) -> None:
    """Three control lines, 规划分区 and the change polygons from the unit tessellation."""
    def dissolve(pred) -> list[BaseGeometry]:
        plain = [g for i, g in enumerate(u.geom) if pred(i) and i not in u.cut]
        return dissolve_parts(plain, [u.geom[i] for i in sorted(u.cut) if pred(i)])

    for version, zones in (("维护前", u.zb), ("维护后", u.za)):
        for zone in sorted(set(zones)):
            for k, part in enumerate(dissolve(lambda i, zs=zones, z=zone: zs[i] == z), 1):
                out.feature("规划分区", (version,), f"GHFQ-{demo_zones.ZONE_CODES[zone]}-{k:05d}", zone,
                            demo_zones.ZONE_CODES[zone], part)
        for k, part in enumerate(dissolve(lambda i, zs=zones: zs[i] in UDB_ZONES), 1):
            out.feature("城镇开发边界", (version,), f"CZKFBJ-{k:04d}", "城镇开发边界", None, part)
    for k, part in enumerate(dissolve(lambda i: u.zb[i] == "生态保护区"), 1):
        out.feature("生态保护红线", BOTH, f"STBHHX-{k:03d}", "生态保护红线", None, part)

    for i in sorted(set(u.patch_b) | set(u.patch_a)):
        fid = f"YJJBNT-{i:06d}"
        pb, pa = u.patch_b.get(i), u.patch_a.get(i)
        if pb is not None and pa is pb:
            out.feature("永久基本农田", BOTH, fid, "永久基本农田", None, pb)
        elif pb is not None:
            out.feature("永久基本农田", BEFORE, fid, "永久基本农田", None, pb)
            out.change("永久基本农田", "调出", fid, pb)
        else:
            out.feature("永久基本农田", AFTER, fid, "永久基本农田", None, pa)
            out.change("永久基本农田", "调入", fid, pa)
    for change, key in (("调出", "udb_out"), ("调入", "udb_in")):
        for k, part in enumerate(dissolve_parts([u.geom[i] for i in changes[key]]), 1):
            out.change("城镇开发边界", change, f"CZKFBJ-{'OUT' if change == '调出' else 'IN'}-{k:03d}", part)


def _write(con: duckdb.DuckDBPyConnection, out: Collector) -> dict[str, dict[str, float]]:
    """Transform to EPSG:4490, measure in EPSG:4526, and insert features and changes in bulk."""
    # A geometry shared by both versions is converted once so both rows hold identical WKB.
    uniq: dict[int, int] = {}
    geoms: list[BaseGeometry] = []
    for g in [f[5] for f in out.features] + [c[3] for c in out.changes]:
        if id(g) not in uniq:
            uniq[id(g)] = len(geoms)
            geoms.append(g)
    stored, areas = storage_ready(geoms)
    wkb = shapely.to_wkb(np.asarray(stored, dtype=object))

    feats = pd.DataFrame([(layer, version, fid, name, code, float(areas[uniq[id(g)]]), wkb[uniq[id(g)]])
                          for layer, version, fid, name, code, g in out.features],
                         columns=["layer", "version", "feature_id", "name", "code", "area_m2", "wkb"])
    chg = pd.DataFrame([(layer, change, fid, float(areas[uniq[id(g)]]), wkb[uniq[id(g)]])
                        for layer, change, fid, g in out.changes],
                       columns=["layer", "change", "feature_id", "area_m2", "wkb"])
    con.register("demo_features_df", feats)
    con.register("demo_changes_df", chg)
    try:
        con.execute("INSERT INTO features SELECT layer, version, feature_id, name, code, true, 'demo', "
                    "area_m2, ST_GeomFromWKB(wkb) FROM demo_features_df")
        con.execute("INSERT INTO changes SELECT layer, change, feature_id, true, area_m2, "
                    "ST_GeomFromWKB(wkb) FROM demo_changes_df")
    finally:
        con.unregister("demo_features_df")
        con.unregister("demo_changes_df")
    summary: dict[str, dict[str, float]] = defaultdict(dict)
    for (layer, version), total in feats.groupby(["layer", "version"], sort=True)["area_m2"].sum().items():
        summary[layer][version] = round(float(total) / HA, 6)
    return dict(summary)


def generate_demo_layers(con: duckdb.DuckDBPyConnection, seed: int = 20260601, scale: int = 1,
                         progress: Callable[[str], None] | None = None) -> dict[str, dict[str, float]]:
    """Generate and insert every demo layer (features + changes, demo=true, source='demo').

    Reads 市辖区 and the counties from `features` (load_admin first). Deterministic for a seed;
    `scale` splits the many-feature layers into ~scale pieces per feature (demo_subdivide), which
    multiplies counts while every total, balance and boundary stays that of scale 1.
    Returns {layer: {version: area_ha}}.
    """
    if scale < 1:
        raise ValueError("scale must be >= 1")
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    city_ll, counties_ll = _read_admin(con)
    missing = [n for n in ("城区", "矿区", "郊区") if n not in counties_ll]
    if missing:
        raise DataError(f"图层数据库缺少 {'、'.join(missing)} 的行政界线，请重新加载行政界线。")
    pts = {n: to_local(shapely.Point(*xy)) for n, xy in places.snapped_positions(counties_ll).items()}
    # Densify in lon/lat first: the stored 市辖区 has straight lon/lat edges, and cells clipped in the
    # metric plane only stay on them (to micrometres) if the metric chords are ~10 m long.
    city = to_local(shapely.segmentize(city_ll, 0.0001))
    core = shapely.union(to_local(counties_ll["城区"]), to_local(counties_ll["矿区"]))
    out = Collector()

    central = demo_zones.central_area(city, core, pts)
    out.feature("中心城区范围", BOTH, "ZXCQFW-1", "中心城区范围", None, central)
    river_lines = demo_zones.rivers(rng, city, core, pts)
    for k, g in enumerate(demo_zones.flood_zones(city, river_lines), 1):
        out.feature("洪涝风险控制线", BOTH, f"HLFX-{k:02d}", f"演示·河道{k}洪涝风险控制区", None, g)
    say("中心城区范围、洪涝风险控制线")

    units = demo_zones.build_units(rng, city, core, river_lines, demo_zones.BASE_CELLS)
    changes = demo_zones.assign_zones(rng, units, central, pts, say)
    _zone_features(out, units, changes)

    udb_b = shapely.union_all(out.layer_geoms("城镇开发边界", "维护前"))
    udb_a = shapely.union_all(out.layer_geoms("城镇开发边界", "维护后"))
    demo_landuse.landuse(rng, out, central, udb_b, udb_a, to_local(counties_ll["郊区"]), pts)
    demo_landuse.purple_lines(rng, out, core, pts["南山宾馆"])
    heritage(rng, out, city)
    say("中心城区用地、城市绿线、城市紫线、历史文化保护线")

    if scale > 1:
        # Scale multiplies counts only: the scale-1 layers are generated as always, then split.
        out = demo_subdivide.subdivide(out, scale)
        say(f"按倍数 {scale} 细分要素")
    summary = _write(con, out)
    say(f"演示图层写入完成：{len(out.features)} 个要素，{len(out.changes)} 个调整图斑，"
        f"用时 {time.perf_counter() - started:.1f} 秒")
    return summary
