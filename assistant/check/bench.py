"""`yqplan bench`: location checks against fair peers, whole process and in-process, alternated runs.

Every figure names its peer and the ratio project ÷ peer. Peers (see bench_peers.py) are written as
their docs recommend; outputs are compared before anything is timed. Each timed pair runs `runs`
times in alternating order; median and min are reported. Whole-process figures start a fresh Python
(`python -m assistant.cli ...` against `python -m assistant.check.bench_peers ...`) and record peak memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from . import bench_peers as peers
from .bench_data import random_points, random_redline, write_points
from .bench_timing import alternate, run_process, summary, timed
from .checker import LocationChecker

BATCH_POINTS = 100_000
RUNS = 3
BATCH_SCALES = (1, 10)
POINT_SCALES = (1, 100)
# Targets of issue 10: ratios are project ÷ peer, times in seconds or ms, memory in MB.
TARGETS = {"batch_csv_process": 0.5, "batch_json_process": 0.5, "batch_xlsx_process": None,
           "batch_memory_mb": 500.0, "membership_process": 1.5, "point_process_s_1": 1.5,
           "point_process_s_100": 2.0, "point_p50_ms": 1.0, "redline_p50_ms_1": 20.0, "redline_p50_ms_100": 60.0}


def bench_db(settings, scale: int) -> Path:
    """The cached demo database for `scale` under indexes/bench/, built on first use."""
    from ..layers import build

    path = Path(settings.index_dir) / "bench" / f"plan_scale{scale}.duckdb"
    if path.exists():
        meta = build.read_meta(path)
        if meta.get("format_version") == build.FORMAT_VERSION and meta.get("demo_scale") == str(scale):
            return path
    path.parent.mkdir(parents=True, exist_ok=True)
    build.build_database(settings.with_paths(db_path=str(path)), scale=scale, progress=None)
    return path



class Report:
    def __init__(self, quick: bool):
        self.quick = quick
        self.figures: list[dict[str, Any]] = []
        self.checks: list[dict[str, Any]] = []
        self.notes: list[str] = []

    def pair(self, name: str, label: str, scale: int, ours: list, peer_name: str, theirs: list,
             unit: str = "s", target_key: str | None = None) -> dict[str, Any]:
        mine, peer = summary(ours), summary(theirs)
        ratio = mine["median"] / peer["median"] if peer["median"] else None
        target = TARGETS.get(target_key or name)
        fig = {"name": name, "label": label, "scale": scale, "unit": unit, "value": mine["median"],
               "min": mine["min"], "runs": mine["runs"], "memory_mb": mine["memory_mb"], "peer": peer_name,
               "peer_value": peer["median"], "peer_min": peer["min"], "peer_runs": peer["runs"],
               "peer_memory_mb": peer["memory_mb"], "ratio": None if ratio is None else round(ratio, 3),
               "cpu_s": mine["cpu_median"], "peer_cpu_s": peer["cpu_median"],
               "cpu_ratio": round(mine["cpu_median"] / peer["cpu_median"], 3) if peer["cpu_median"] else None,
               "target_ratio": target, "ok": None if target is None or self.quick or ratio is None else ratio <= target}
        self.figures.append(fig)
        return fig

    def value(self, name: str, label: str, scale: int, value: float, unit: str, peer_name: str | None = None,
              peer_value: float | None = None, target: float | None = None, **extra) -> None:
        ratio = value / peer_value if peer_value else None
        self.figures.append({"name": name, "label": label, "scale": scale, "unit": unit, "value": round(value, 4),
                             "peer": peer_name, "peer_value": None if peer_value is None else round(peer_value, 4),
                             "ratio": None if ratio is None else round(ratio, 3), "target": target,
                             "ok": None if target is None or self.quick else value <= target, **extra})

    def check(self, what: str, scale: int, equal: bool, detail: str = "") -> None:
        self.checks.append({"what": what, "scale": scale, "equal": bool(equal), "detail": detail})
        if not equal:
            self.notes.append(f"输出不一致（倍数 {scale}，{what}）：{detail}")


def project_env(db: Path) -> dict[str, str]:
    root = Path(__file__).resolve().parents[2]
    return {**os.environ, "YQPLAN_DB_PATH": str(db), "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}


def bench_batch(report: Report, db: Path, scale: int, n: int, runs: int, tmp: Path, xlsx: bool,
                duckdb: bool = True) -> None:
    """Full output and membership only, whole process and in-process, against the peers."""
    from ..plan.vocabulary import CHECK_LAYERS
    from .batch_rows import point_table_rows

    checker = LocationChecker.open(db)  # also writes the persisted index, as any first use does
    lons, lats = random_points(checker, n, 2 + scale)
    csv_path = tmp / f"points_{scale}.csv"
    write_points(csv_path, lons, lats)
    points = peers.read_points(csv_path)
    layers, scope, raw = peers.read_layers(db, list(CHECK_LAYERS))
    pts, in_scope = peers.points_frame(points, scope)
    order = [(i.layer, i.version) for i in checker.layers]

    # ---- outputs equal before timing ----
    ours = checker.check_many(lons, lats)
    _, gpd_parts = peers.geopandas_full(pts, in_scope, layers, raw, order)
    bad_in = sum(int((ours.inside[k] != gpd_parts[key][0]).sum()) for k, key in enumerate(order))
    bad_d = sum(int((np.abs(np.where(ours.inside[k], 0, ours.distance[k])
                            - np.where(gpd_parts[key][0], 0, gpd_parts[key][1])) > 0.011).sum())
                for k, key in enumerate(order))
    report.check("完整输出：是否位于 / 最近距离 vs GeoPandas", scale, bad_in == 0 and bad_d == 0,
                 f"是否位于不一致 {bad_in} 处，距离差超过 0.01 米 {bad_d} 处")
    member = checker.check_many(lons, lats, distances=False)
    mine_sets = {key: np.flatnonzero(member.inside[k]) for k, key in enumerate(order)}
    checked = [("sjoin", peers.sjoin_membership(pts, layers)), ("strtree", peers.strtree_membership(pts, layers))]
    if duckdb:
        checked.append(("duckdb", peers.duckdb_membership(db, csv_path)))
    for peer_name, found in checked:
        wrong = sum(len(np.setxor1d(mine_sets[key], found.get(key, np.empty(0, dtype=np.int64))))
                    for key in order)
        report.check(f"是否位于 vs {peer_name}", scale, wrong == 0, f"{wrong} 个点-图层对不一致")

    # ---- in-process ----
    mine, theirs = alternate(timed(lambda: point_table_rows(checker.check_many(lons, lats))),
                             timed(lambda: peers.geopandas_full(pts, in_scope, layers, raw, order)), runs)
    report.pair("batch_full_inprocess", f"{n} 点完整输出（进程内）", scale, mine, "GeoPandas 完整输出脚本", theirs)
    mine, theirs = alternate(timed(lambda: checker.check_many(lons, lats, distances=False)),
                             timed(lambda: peers.strtree_membership(pts, layers)), runs)
    report.pair("membership_inprocess", f"{n} 点只判断是否位于（进程内）", scale, mine, "shapely STRtree", theirs)
    in_process = [("gpd.sjoin(within)", lambda: peers.sjoin_membership(pts, layers))]
    if duckdb:
        in_process.append(("DuckDB SPATIAL_JOIN", lambda: peers.duckdb_membership(db, csv_path)))
    for peer_name, fn in in_process:
        mine, theirs = alternate(timed(lambda: checker.check_many(lons, lats, distances=False)), timed(fn), runs)
        report.pair("membership_inprocess", f"{n} 点只判断是否位于（进程内）", scale, mine, peer_name, theirs)
    checker.runner.close()

    # ---- whole process ----
    env = project_env(db)

    def cli(*extra: str, out: str | None = None):
        def run():
            if out is None:
                return run_process(["-m", "assistant.cli", "check", "--batch", str(csv_path), *extra], env)
            with open(out, "wb") as fh:
                return run_process(["-m", "assistant.cli", "check", "--batch", str(csv_path), *extra], env, fh)
        return run

    def peer(name: str):
        return lambda: run_process(["-m", "assistant.check.bench_peers", name, str(db), str(csv_path),
                                    str(tmp / f"peer_{name}_{scale}.out")], env)

    mine, gpd_csv = alternate(cli("--out", str(tmp / "ours.csv")), peer("geopandas"), runs)
    report.pair("batch_csv_process", f"{n} 点完整输出 CSV（整个进程）", scale, mine, "GeoPandas 完整输出脚本", gpd_csv)
    mine, gpd_json = alternate(cli("--json", out=str(tmp / "ours.jsonl")), peer("geopandas"), runs)
    report.pair("batch_json_process", f"{n} 点完整输出 JSON 行（整个进程）", scale, mine, "GeoPandas 完整输出脚本",
                gpd_json)
    if xlsx:
        mine = [cli("--out", str(tmp / "ours.xlsx"))()]
        report.pair("batch_xlsx_process", f"{n} 点完整输出 XLSX（整个进程，1 次）", scale, mine,
                    "GeoPandas 完整输出脚本", gpd_csv + gpd_json)
    worst = max(f["memory_mb"] for f in report.figures if f["scale"] == scale and f["name"].endswith("_process")
                and f["name"].startswith("batch_"))
    report.value("batch_memory_mb", f"{n} 点批量核查峰值内存（各输出格式中最大）", scale, worst, "MB",
                 target=TARGETS["batch_memory_mb"])
    for name, peer_name in (("strtree", "shapely STRtree 脚本"), ("sjoin", "gpd.sjoin(within) 脚本"),
                            ("duckdb", "DuckDB SPATIAL_JOIN 脚本"))[:None if duckdb else 2]:
        mine, theirs = alternate(cli("--fields", "inside", "--out", str(tmp / "member.csv")), peer(name), runs)
        report.pair("membership_process", f"{n} 点只判断是否位于（整个进程）", scale, mine, peer_name, theirs,
                    target_key="membership_process" if name == "strtree" else "none")


def bench_points(report: Report, db: Path, scale: int, runs: int, n_points: int, n_red: int) -> None:
    """One-shot `--point` processes, warm single points and 200-vertex red lines."""
    checker = LocationChecker.open(db)
    lons, lats = random_points(checker, max(runs, 1) + n_points + 5, 40 + scale)
    env = project_env(db)
    one = [f"{lons[0]:.6f},{lats[0]:.6f}"]

    def ours():
        return run_process(["-m", "assistant.cli", "check", "--point", one[0], "--json"], env)

    def duck():
        return run_process(["-m", "assistant.check.bench_peers", "duckdb_point", str(db), one[0], os.devnull], env)

    got = subprocess.run([sys.executable, "-m", "assistant.cli", "check", "--point", one[0], "--json"], env=env,
                         capture_output=True, check=True).stdout
    from .coords import parse_point

    parsed = parse_point(one[0], "cgcs2000")
    want = checker.check_point(parsed.lon, parsed.lat, one[0])
    want["notes"][:0] = list(parsed.notes)
    report.check("--point 单次进程 vs 内存索引", scale, json.loads(got) == want)
    mine, theirs = alternate(ours, duck, runs)
    fig = report.pair("point_process_s", "`check --point` 整个进程", scale, mine, "DuckDB 单次查询脚本（只判断是否位于）",
                      theirs, target_key="none")
    target = TARGETS.get(f"point_process_s_{scale}")
    fig["target"] = target
    fig["ok"] = None if target is None or report.quick else fig["value"] <= target
    # warm single points, against a plain per-layer STRtree (inside + nearest distance)
    trees = [(shapely.STRtree(i.geoms), i.geoms) for i in checker.layers]
    for i in range(5):
        checker.check_point(lons[i], lats[i])
    from ..geo import points_to_metric

    xs, ys = points_to_metric(lons, lats)
    ours_ms, peer_ms, ours_cpu = [], [], []
    for k in range(5, 5 + n_points):
        started, cpu = time.perf_counter(), time.process_time()
        checker.check_point(lons[k], lats[k])
        ours_ms.append((time.perf_counter() - started) * 1000)
        ours_cpu.append((time.process_time() - cpu) * 1000)
        started = time.perf_counter()
        p = shapely.Point(xs[k], ys[k])
        for tree, _ in trees:
            if not tree.query(p, predicate="intersects").size:
                tree.query_nearest(p, return_distance=True)
        peer_ms.append((time.perf_counter() - started) * 1000)
    report.value("point_p50_ms", "热启动单点核查 p50", scale, float(np.percentile(ours_ms, 50)), "ms",
                 "shapely STRtree（逐图层是否位于 + 最近距离）", float(np.percentile(peer_ms, 50)),
                 TARGETS["point_p50_ms"], p95=round(float(np.percentile(ours_ms, 95)), 3),
                 cpu_p50_ms=round(float(np.percentile(ours_cpu, 50)), 3))
    reds = [random_redline(checker, 7 + i) for i in range(n_red + 1)]
    checker.check_geometry(reds[0], "预热")
    ours_ms, peer_ms, ours_cpu = [], [], []
    from ..geo import to_metric

    for red in reds[1:]:
        started, cpu = time.perf_counter(), time.process_time()
        checker.check_geometry(red, "基准红线")
        ours_ms.append((time.perf_counter() - started) * 1000)
        ours_cpu.append((time.process_time() - cpu) * 1000)
        started = time.perf_counter()
        red_m = to_metric(red)
        shapely.prepare(red_m)
        for tree, geoms in trees:
            hit = tree.query(red_m, predicate="intersects")
            if hit.size:
                _ = shapely.union_all(shapely.intersection(geoms[hit], red_m)).area
        peer_ms.append((time.perf_counter() - started) * 1000)
    report.value("redline_p50_ms", "200 顶点红线全图层叠加 p50", scale, float(np.percentile(ours_ms, 50)), "ms",
                 "shapely STRtree + intersection（整要素）", float(np.percentile(peer_ms, 50)),
                 TARGETS.get(f"redline_p50_ms_{scale}"), cpu_p50_ms=round(float(np.percentile(ours_cpu, 50)), 3))
    checker.runner.close()


def run_bench(settings, quick: bool = False, dbs: dict[int, Path] | None = None, points: int | None = None,
              runs: int | None = None, batch_scales=None, point_scales=None, xlsx: bool = True,
              duckdb: bool = True) -> dict[str, Any]:
    """All figures as one dict; `dbs` maps scale -> database (tests, or databases built elsewhere)."""
    n = points or (2000 if quick else BATCH_POINTS)
    runs = runs or (1 if quick else RUNS)
    batch_scales = tuple(batch_scales or ((1,) if quick else BATCH_SCALES))
    point_scales = tuple(point_scales or ((1,) if quick else POINT_SCALES))
    dbs = dict(dbs or {})
    report = Report(quick)
    out: dict[str, Any] = {"quick": quick, "points": n, "runs": runs, "cpus": os.cpu_count(), "duckdb_batch": duckdb,
                           "load_average_before": round(os.getloadavg()[0], 2), "python": sys.version.split()[0]}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="yqplan-bench-") as tmp:
        for scale in sorted(set(batch_scales) | set(point_scales)):
            db = dbs.get(scale) or bench_db(settings, scale)
            if scale in batch_scales:
                bench_batch(report, db, scale, n, runs, Path(tmp), xlsx, duckdb)
            if scale in point_scales:
                bench_points(report, db, scale, max(runs, 3), 20 if quick else 300, 3 if quick else 30)
    out.update({"figures": report.figures, "output_checks": report.checks, "notes": report.notes,
                "seconds": round(time.perf_counter() - started, 1),
                "load_average_after": round(os.getloadavg()[0], 2)})
    return out


def format_report(out: dict[str, Any]) -> str:
    lines = [f"基准测试（{'快速冒烟，不计达标' if out['quick'] else '完整'}）：{out['points']} 点，每项 {out['runs']} 轮交替，"
             f"取中位数（最小值）；CPU {out['cpus']} 核，负载 {out['load_average_before']} → {out['load_average_after']}"]
    for f in out["figures"]:
        verdict = {True: "达标", False: "未达标", None: ""}[f["ok"]]
        mine = f"{f['value']:g} {f['unit']}" + (f"（最小 {f['min']:g}）" if "min" in f else "")
        if f.get("memory_mb"):
            mine += f"，内存 {f['memory_mb']:g} MB"
        if f.get("cpu_p50_ms") is not None:
            mine += f"，CPU 时间 p50 {f['cpu_p50_ms']:g} ms"
        peer = ""
        if f.get("peer"):
            peer = f"；对照 {f['peer']} {f['peer_value']:g} {f['unit']}"
            if f.get("ratio") is not None:
                peer += f"，比值 {f['ratio']:g}"
            if f.get("cpu_ratio") is not None:
                peer += f"（CPU 时间 {f['cpu_s']:g} / {f['peer_cpu_s']:g} s，比值 {f['cpu_ratio']:g}）"
        target = f.get("target_ratio") if f.get("target_ratio") is not None else f.get("target")
        aim = f"（目标 ≤ {target:g}{'' if f.get('target_ratio') is not None else ' ' + f['unit']}）" if target else ""
        lines.append(f"  [倍数 {f['scale']}] {f['label']}：{mine}{peer}{aim} {verdict}".rstrip())
    for c in out["output_checks"]:
        lines.append(f"  输出核对 [倍数 {c['scale']}] {c['what']}：{'一致' if c['equal'] else '不一致'} {c['detail']}".rstrip())
    lines += [f"  注：{n}" for n in out["notes"]]
    return "\n".join(lines)


def cmd_bench(args, settings) -> int:
    if getattr(args, "db_url", None):
        from .bench_postgis import format_postgis_report, run_postgis_bench

        sizes = dict(points=2000, n_single=20, n_red=3, runs=1) if args.quick else {}
        if getattr(args, "points", None):
            sizes["points"] = args.points
        if getattr(args, "runs", None):
            sizes["runs"] = args.runs
        out = run_postgis_bench(args.db_url, **sizes)
        print(json.dumps(out, ensure_ascii=False) if args.json else format_postgis_report(out))
        return 0 if all(c["equal"] for c in out["output_checks"]) else 1
    if getattr(args, "map", False):
        from ..maps.bench import format_map_report, run_map_bench

        scale = max(1, int(args.demo_scale))
        path = Path(settings.db_path) if scale == 1 else bench_db(settings, scale)
        out = run_map_bench(path, settings.admin_geojson) | {"demo_scale": scale}
        print(json.dumps(out, ensure_ascii=False) if args.json else format_map_report(out, scale))
        return 0 if out["ok"] else 1
    scales = [int(s) for s in args.scales.split(",")] if getattr(args, "scales", None) else None
    out = run_bench(settings, quick=args.quick, points=getattr(args, "points", None), runs=getattr(args, "runs", None),
                    batch_scales=[s for s in scales if s <= 10] if scales else None,
                    point_scales=[s for s in scales if s in (1, 100) or s > 10] if scales else None,
                    xlsx=not getattr(args, "no_xlsx", False), duckdb=not getattr(args, "no_duckdb", False))
    print(json.dumps(out, ensure_ascii=False) if args.json else format_report(out))
    return 0
