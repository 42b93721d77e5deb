"""`yqplan bench`: location-check latency and throughput on cached demo databases, against a GeoPandas baseline."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ..errors import DataError
from ..geo import METRIC_CRS, points_to_lonlat, points_to_metric
from .checker import LocationChecker

LARGE_SCALE = 100
# Building the large database must fit this budget; otherwise the largest scale that fits is used.
BUILD_BUDGET_S = 900.0
BATCH_POINTS = 100_000
TARGETS = {"point_p50_ms_small": 5.0, "point_p50_ms_large": 20.0, "batch_s": 10.0, "batch_ratio": 1.0,
           "redline_p50_ms": 100.0}


def bench_db(settings, scale: int) -> tuple[Path, float | None]:
    """The cached demo database for `scale` under indexes/bench/, built on first use; (path, build seconds)."""
    from ..layers import build

    path = Path(settings.index_dir) / "bench" / f"plan_scale{scale}.duckdb"
    if path.exists():
        meta = build.read_meta(path)
        if meta.get("format_version") == build.FORMAT_VERSION and meta.get("demo_scale") == str(scale):
            return path, float(meta.get("build_seconds") or "nan")
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    build.build_database(settings.with_paths(db_path=str(path)), scale=scale, progress=None)
    return path, time.perf_counter() - started


def _largest_cached(settings, below: int) -> tuple[int, Path] | None:
    """The largest valid cached bench database with 1 < scale < below, if any."""
    from ..layers import build

    found = []
    for path in (Path(settings.index_dir) / "bench").glob("plan_scale*.duckdb"):
        scale = path.stem.removeprefix("plan_scale")
        if scale.isdigit() and 1 < int(scale) < below:
            meta = build.read_meta(path)
            if meta.get("format_version") == build.FORMAT_VERSION and meta.get("demo_scale") == scale:
                found.append((int(scale), path))
    return max(found) if found else None


def pick_large_scale(small_build_s: float, budget_s: float = BUILD_BUDGET_S) -> tuple[int, str | None]:
    """LARGE_SCALE if its estimated build time fits the budget, else the largest scale that does."""
    per_scale = max(small_build_s, 1.0)
    estimate = per_scale * LARGE_SCALE
    if estimate <= budget_s:
        return LARGE_SCALE, None
    scale = max(2, int(budget_s // per_scale))
    for nice in (50, 20, 10, 5, 2):
        if nice <= scale:
            scale = nice
            break
    return scale, (f"倍数 {LARGE_SCALE} 的演示库预计构建约 {estimate / 60:.0f} 分钟"
                   f"（倍数 1 用时 {small_build_s:.0f} 秒，按线性估算），超出 {budget_s / 60:.0f} 分钟预算，"
                   f"改用可行的最大倍数 {scale}")


def random_points(checker: LocationChecker, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """n uniform random points inside 市辖区, as lon/lat."""
    rng = np.random.default_rng(seed)
    area = checker.admin.shixiaqu
    minx, miny, maxx, maxy = area.bounds
    xs, ys = np.empty(0), np.empty(0)
    while len(xs) < n:
        x, y = rng.uniform(minx, maxx, 2 * n), rng.uniform(miny, maxy, 2 * n)
        keep = shapely.contains_xy(area, x, y)
        xs, ys = np.concatenate([xs, x[keep]]), np.concatenate([ys, y[keep]])
    return points_to_lonlat(xs[:n], ys[:n])


def random_redline(checker: LocationChecker, seed: int, vertices: int = 200) -> shapely.Geometry:
    """A star-shaped polygon of `vertices` vertices, ~300 m across, inside 中心城区 when it exists."""
    rng = np.random.default_rng(seed)
    zone = next((i.geoms[0] for i in checker.layers if i.layer == "中心城区范围"), checker.admin.shixiaqu)
    minx, miny, maxx, maxy = zone.bounds
    while True:
        cx, cy = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if zone.contains(shapely.Point(cx, cy)):
            break
    angles = np.sort(rng.uniform(0, 2 * np.pi, vertices))
    radii = rng.uniform(200, 400, vertices)
    lon, lat = points_to_lonlat(cx + radii * np.cos(angles), cy + radii * np.sin(angles))
    return shapely.Polygon(np.column_stack([lon, lat]))


def _percentiles(samples: list[float]) -> tuple[float, float]:
    return float(np.percentile(samples, 50)), float(np.percentile(samples, 95))


def time_points(checker: LocationChecker, n: int, seed: int) -> tuple[float, float]:
    """Warm single-point checks: (p50, p95) in ms."""
    lons, lats = random_points(checker, n + 5, seed)
    for i in range(5):
        checker.check_point(lons[i], lats[i])
    samples = []
    for lon, lat in zip(lons[5:], lats[5:], strict=True):
        started = time.perf_counter()
        checker.check_point(lon, lat)
        samples.append((time.perf_counter() - started) * 1000)
    return _percentiles(samples)


def time_batch(checker: LocationChecker, lons, lats) -> float:
    started = time.perf_counter()
    checker.check_many(lons, lats)
    return time.perf_counter() - started


def time_baseline(checker: LocationChecker, lons, lats) -> float:
    """The textbook way: GeoPandas sjoin (inside) + sjoin_nearest (distance) per layer and version."""
    import geopandas as gpd

    started = time.perf_counter()
    x, y = points_to_metric(lons, lats)
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs=METRIC_CRS)
    scope = gpd.GeoDataFrame(geometry=[checker.admin.shixiaqu], crs=METRIC_CRS)
    points = points.loc[gpd.sjoin(points, scope, predicate="intersects").index.unique()]
    for idx in checker.layers:
        layer = gpd.GeoDataFrame({"feature_id": idx.ids}, geometry=idx.geoms, crs=METRIC_CRS)
        inside = gpd.sjoin(points, layer, predicate="intersects")
        outside = points.loc[~points.index.isin(inside.index)]
        if len(outside):
            gpd.sjoin_nearest(outside, layer, distance_col="distance_m")
    return time.perf_counter() - started


def time_redlines(checker: LocationChecker, n: int, seed: int) -> tuple[float, float]:
    reds = [random_redline(checker, seed + i) for i in range(n + 1)]
    checker.check_geometry(reds[0], "预热")
    samples = []
    for red in reds[1:]:
        started = time.perf_counter()
        checker.check_geometry(red, "基准红线")
        samples.append((time.perf_counter() - started) * 1000)
    return _percentiles(samples)


def run_bench(settings, quick: bool = False, dbs: dict[int, Path] | None = None) -> dict[str, Any]:
    """All measurements as one dict; `dbs` maps scale -> database to skip building (tests)."""
    notes: list[str] = []
    builds: dict[str, float | None] = {}
    dbs = dict(dbs or {})
    if 1 not in dbs:
        dbs[1], builds["1"] = bench_db(settings, 1)
    large = None
    if not quick:
        large = next((s for s in dbs if s > 1), None)
        if large is None:
            small_s = builds.get("1") or 20.0
            large, why = pick_large_scale(small_s)
            if why:
                notes.append(why)
            try:
                dbs[large], builds[str(large)] = bench_db(settings, large)
            except DataError as exc:
                fallback = _largest_cached(settings, below=large)
                notes.append(f"倍数 {large} 的演示库构建失败：{exc}" + (
                    f"；改用已缓存的倍数 {fallback[0]} 演示库" if fallback else "；未测大规模指标"))
                large = None
                if fallback:
                    large, dbs[large] = fallback
    n_points, n_batch, n_red = (20, 2000, 3) if quick else (300, BATCH_POINTS, 30)
    out: dict[str, Any] = {"quick": quick, "scales": sorted(dbs), "build_seconds": builds, "measurements": [],
                           "notes": notes, "cpus": os.cpu_count(), "load_average_before": os.getloadavg()[0]}

    def record(name: str, label: str, value: float, unit: str, target: float | None, **extra) -> None:
        ok = None if target is None or quick else value <= target
        out["measurements"].append({"name": name, "label": label, "value": round(value, 3), "unit": unit,
                                    "target": target, "ok": ok, **extra})

    checker = _open(dbs[1], out, "1")
    p50, p95 = time_points(checker, n_points, 1)
    record("point_p50_ms_small", "单点核查 p50（倍数 1）", p50, "ms", TARGETS["point_p50_ms_small"], p95=round(p95, 3))
    lons, lats = random_points(checker, n_batch, 2)
    ours = time_batch(checker, lons, lats)
    base = time_baseline(checker, lons, lats)
    record("batch_s", f"批量 {n_batch} 点核查（倍数 1）", ours, "s", TARGETS["batch_s"] if not quick else None,
           baseline_s=round(base, 3))
    record("batch_ratio", "批量用时 / GeoPandas 基线", ours / base, "×", TARGETS["batch_ratio"],
           baseline_s=round(base, 3))
    p50, _ = time_redlines(checker, n_red, 3)
    record("redline_p50_ms", "200 顶点红线全图层叠加 p50（倍数 1）", p50, "ms", TARGETS["redline_p50_ms"])
    checker.runner.close()
    if large is not None:
        checker = _open(dbs[large], out, str(large))
        p50, p95 = time_points(checker, n_points, 4)
        record("point_p50_ms_large", f"单点核查 p50（倍数 {large}）", p50, "ms", TARGETS["point_p50_ms_large"],
               p95=round(p95, 3))
        p50, _ = time_redlines(checker, n_red, 5)
        record("redline_p50_ms_large", f"200 顶点红线全图层叠加 p50（倍数 {large}）", p50, "ms", None)
        checker.runner.close()
    return out


def _open(path: Path, out: dict[str, Any], scale: str) -> LocationChecker:
    started = time.perf_counter()
    checker = LocationChecker.open(path)
    out.setdefault("load_seconds", {})[scale] = round(time.perf_counter() - started, 2)
    out.setdefault("features", {})[scale] = int(sum(len(i) for i in checker.layers))
    return checker


def format_report(out: dict[str, Any]) -> str:
    lines = [f"基准测试（{'快速冒烟，不计达标' if out['quick'] else '完整'}）；倍数 {out['scales']}，"
             f"要素数 {out.get('features')}，载入 {out.get('load_seconds')} 秒"]
    for m in out["measurements"]:
        target = f"目标 ≤ {m['target']:g} {m['unit']}" if m["target"] is not None else "无目标"
        verdict = {True: "达标", False: "未达标", None: ""}[m["ok"]]
        extra = ""
        if "baseline_s" in m:
            extra = f"；GeoPandas 基线 {m['baseline_s']:.3f} s"
        if "p95" in m:
            extra += f"；p95 {m['p95']:.2f} ms"
        lines.append(f"  {m['label']}：{m['value']:.3f} {m['unit']}（{target}）{verdict}{extra}")
    lines.append(f"  CPU 核数 {out['cpus']}，开始时系统负载 {out['load_average_before']:.1f}（负载高于核数时各项用时偏长）")
    lines += [f"  注：{n}" for n in out["notes"]]
    return "\n".join(lines)


def cmd_bench(args, settings) -> int:
    if getattr(args, "map", False):
        from ..maps.bench import format_map_report, run_map_bench

        scale = max(1, int(args.demo_scale))
        path = Path(settings.db_path) if scale == 1 else bench_db(settings, scale)[0]
        out = run_map_bench(path, settings.admin_geojson) | {"demo_scale": scale}
        print(json.dumps(out, ensure_ascii=False) if args.json else format_map_report(out, scale))
        return 0 if out["ok"] else 1
    out = run_bench(settings, quick=args.quick)
    print(json.dumps(out, ensure_ascii=False) if args.json else format_report(out))
    return 0
