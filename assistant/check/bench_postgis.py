"""`yqplan bench --db-url URL`: the same checks on a PostGIS store beside DuckDB, in one run (issue 13).

The DuckDB side is the store itself copied into a temp DuckDB file (pg_load.pull), so both engines hold
exactly the same rows. Outputs are compared before anything is timed. Each figure runs `runs` times,
DuckDB and PostGIS alternating which goes first; median and min are reported (a p50 figure: the p50 of
each run's points). Figures, DuckDB beside PostGIS:
  - index load (in-process): the in-memory checker read from the DuckDB file vs from the server;
  - point p50 (in-process): the warm in-memory checker, and the store-side checker (YQPLAN_CHECK_BACKEND=
    server; on DuckDB its R-tree answers the same box queries);
  - `check --point` (whole process): a fresh process reading only the features near the point;
  - a batch of 100k points, membership pushed to the engine as one spatial join (DuckDB SPATIAL_JOIN over
    the CSV vs PostGIS: COPY into a temp table, GiST, one join), in-process and as a whole process;
  - red line p50 (in-process): 200-vertex red lines, store-side checker on each engine.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from ..layers import pg_load, postgis
from ..layers.sql import SqlRunner
from .bench_data import random_points, random_redline, write_points
from .bench_peers import duckdb_membership, server_membership
from .bench_timing import alternate, run_process, summary, timed
from .checker import LocationChecker
from .index import load_indexes
from .server import ServerChecker


def _p50_run(fn, items) -> tuple[float, float]:
    """One run of a p50 figure: fn over every item, the median of their milliseconds."""
    ms = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        ms.append((time.perf_counter() - started) * 1000)
    return float(np.percentile(ms, 50)), 0.0


def _p50_of(fn, groups: list):
    """A p50 figure's runs: its k-th call measures groups[k], so both sides of round k see the same items."""
    pending = iter(groups)
    return lambda: _p50_run(fn, next(pending))


def _env(store: str) -> dict[str, str]:
    """A fresh process's environment on this store: the DuckDB file, or the PostGIS URL."""
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k not in ("YQPLAN_DB_URL", "YQPLAN_CHECK_BACKEND")}
    env["PYTHONPATH"] = f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"
    env["YQPLAN_DB_URL" if postgis.is_url(store) else "YQPLAN_DB_PATH"] = store
    return env


def _same_checks(a: dict, b: dict) -> bool:
    """Two check results agree: membership, features and distances equal, overlap areas within 0.01 %."""
    def rows(r):
        return [(x["layer"], x["version"], x["inside"], [f["feature_id"] for f in x["features"]], x["distance_m"])
                for x in r["layers"]]

    areas = [(x.get("overlap_m2") or 0.0, y.get("overlap_m2") or 0.0) for x, y in zip(a["layers"], b["layers"],
                                                                                       strict=False)]
    return rows(a) == rows(b) and a["location"] == b["location"] and a["notes"] == b["notes"] \
        and all(abs(x - y) <= max(0.01, 1e-4 * x) for x, y in areas)


def run_postgis_bench(url: str, points: int = 100_000, n_single: int = 100, n_red: int = 20,
                      runs: int = 3) -> dict[str, Any]:
    figures: list[dict[str, Any]] = []
    checks: list[dict[str, Any]] = []

    def figure(key: str, label: str, how: str, duck: list, pg: list, unit: str) -> None:
        d, p = summary(duck), summary(pg)
        figures.append({"key": key, "label": label, "how": how, "unit": unit, "duckdb": d["median"],
                        "duckdb_min": d["min"], "duckdb_runs": d["runs"], "postgis": p["median"],
                        "postgis_min": p["min"], "postgis_runs": p["runs"],
                        "ratio": round(p["median"] / d["median"], 2) if d["median"] else None,
                        "load_average": round(os.getloadavg()[0], 1)})

    def check(what: str, equal: bool) -> None:
        checks.append({"what": what, "equal": bool(equal)})

    out: dict[str, Any] = {"url": postgis.redact(url), "points": points, "runs": runs, "cpus": os.cpu_count(),
                           "n_single": n_single, "n_red": n_red, "load_average_before": round(os.getloadavg()[0], 2)}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="yqplan-bench-pg-") as tmp_dir:
        tmp = Path(tmp_dir)
        duck_path = tmp / "plan.duckdb"
        pg_load.pull(url, duck_path)
        duck_runner, pg_runner = SqlRunner(duck_path, timeout_s=600, max_rows=10**8), \
            SqlRunner(url, timeout_s=600, max_rows=10**8)

        # ---- index load ----
        a, b = load_indexes(duck_runner), load_indexes(pg_runner)
        check("内存索引：图层、版本与图斑编号", [(i.layer, i.version, list(i.ids)) for i in a[0]]
              == [(i.layer, i.version, list(i.ids)) for i in b[0]])
        duck, pg = alternate(timed(lambda: load_indexes(duck_runner)), timed(lambda: load_indexes(pg_runner)), runs)
        figure("index_load_s", "内存索引载入（全部图层）", "进程内", duck, pg, "s")

        # ---- single points ----
        duck_mem, pg_mem = LocationChecker(duck_runner, indexes=a), LocationChecker(pg_runner, indexes=b)
        duck_srv, pg_srv = ServerChecker(str(duck_path)), ServerChecker(url)
        lons, lats = random_points(duck_mem, max(points, runs * n_single + 20), 13)
        first = range(20)
        check("单点（20 个）：内存索引 DuckDB / PostGIS、库端 DuckDB / PostGIS 四者一致",
              all(duck_mem.check_point(lons[i], lats[i]) == pg_mem.check_point(lons[i], lats[i])
                  == duck_srv.check_point(lons[i], lats[i]) == pg_srv.check_point(lons[i], lats[i]) for i in first))
        runs_of = [range(20 + k * n_single, 20 + (k + 1) * n_single) for k in range(runs)]

        def point_p50(checker):
            return _p50_of(lambda i: checker.check_point(lons[i], lats[i]), runs_of)

        duck, pg = alternate(point_p50(duck_mem), point_p50(pg_mem), runs)
        figure("point_p50_ms_memory", f"单点核查 p50（内存索引，载入后；每轮 {n_single} 点）", "进程内", duck, pg, "ms")
        duck, pg = alternate(point_p50(duck_srv), point_p50(pg_srv), runs)
        figure("point_p50_ms_server", f"单点核查 p50（库端按空间索引取要素，YQPLAN_CHECK_BACKEND=server；每轮 {n_single} 点）",
               "进程内", duck, pg, "ms")
        one = f"{lons[0]:.6f},{lats[0]:.6f}"
        argv = ["-m", "assistant.cli", "check", "--point", one, "--json"]
        outs = []
        for store in (str(duck_path), url):
            with open(tmp / "point.json", "wb") as fh:
                run_process(argv, _env(store), fh)
            outs.append(json.loads((tmp / "point.json").read_text(encoding="utf-8")))
        check("`check --point` 单次进程：DuckDB 文件 vs PostGIS", outs[0] == outs[1])
        duck, pg = alternate(lambda: run_process(argv, _env(str(duck_path))), lambda: run_process(argv, _env(url)), runs)
        figure("point_process_s", "`yqplan check --point` 单次核查（只读附近要素）", "整个进程", duck, pg, "s")

        # ---- a batch pushed to the engine as one spatial join ----
        blons, blats = lons[:points], lats[:points]
        csv = tmp / "points.csv"
        write_points(csv, blons, blats)
        want, got = duckdb_membership(duck_path, csv), server_membership(url, blons, blats)
        check(f"{points} 点是否位于（进程内）：DuckDB SPATIAL_JOIN vs PostGIS GiST 连接",
              want.keys() == got.keys() and all(np.array_equal(want[k], got[k]) for k in want))
        duck, pg = alternate(timed(lambda: duckdb_membership(duck_path, csv)),
                             timed(lambda: server_membership(url, blons, blats)), runs)
        figure("batch_membership_s", f"{points} 点是否位于（库内一次空间连接）", "进程内", duck, pg, "s")

        def peer(name: str, store: str):
            return lambda: run_process(["-m", "assistant.check.bench_peers", name, store, str(csv),
                                        str(tmp / f"{name}.json")], _env(store))

        peer("duckdb", str(duck_path))()
        peer("postgis", url)()
        check(f"{points} 点是否位于（整个进程）：两边输出文件一致",
              json.loads((tmp / "duckdb.json").read_text()) == json.loads((tmp / "postgis.json").read_text()))
        duck, pg = alternate(peer("duckdb", str(duck_path)), peer("postgis", url), runs)
        figure("batch_membership_process_s", f"{points} 点是否位于（读 CSV + 库内一次空间连接 + 写结果）", "整个进程",
               duck, pg, "s")

        # ---- red lines ----
        reds = [random_redline(duck_mem, 7 + i) for i in range(runs * n_red + 3)]
        check("红线（3 条）：内存索引 vs 库端 DuckDB / PostGIS，面积差 ≤ 0.01 %",
              all(_same_checks(duck_mem.check_geometry(r, "核对"), duck_srv.check_geometry(r, "核对"))
                  and _same_checks(duck_mem.check_geometry(r, "核对"), pg_srv.check_geometry(r, "核对"))
                  for r in reds[:3]))
        red_runs = [range(3 + k * n_red, 3 + (k + 1) * n_red) for k in range(runs)]

        def red_p50(checker):
            return _p50_of(lambda i: checker.check_geometry(reds[i], "基准红线"), red_runs)

        duck, pg = alternate(red_p50(duck_srv), red_p50(pg_srv), runs)
        figure("redline_p50_ms_server", f"200 顶点红线 p50（库端按空间索引取要素；每轮 {n_red} 条）", "进程内",
               duck, pg, "ms")
        memory = [_p50_run(lambda i: duck_mem.check_geometry(reds[i], "基准红线"), red_runs[k])[0]
                  for k in range(runs)]
        out["redline_p50_ms_memory"] = round(float(np.median(memory)), 2)
        duck_runner.close()
    out.update({"figures": figures, "output_checks": checks, "seconds": round(time.perf_counter() - started, 1),
                "load_average_after": round(os.getloadavg()[0], 2)})
    return out


def format_postgis_report(out: dict[str, Any]) -> str:
    lines = [f"DuckDB 与 PostGIS 对照（{out['url']}）：{out['points']} 点，每项 {out['runs']} 轮交替，中位数（最小值）；"
             f"CPU {out['cpus']} 核，负载 {out['load_average_before']} → {out['load_average_after']}，"
             f"用时 {out['seconds']:g} s",
             "| 指标 | 方式 | DuckDB | PostGIS | 比值 PostGIS÷DuckDB | 负载 |", "|---|---|---|---|---|---|"]
    for f in out["figures"]:
        digits = 1 if f["unit"] == "ms" else 2
        lines.append(f"| {f['label']} | {f['how']} | {f['duckdb']:.{digits}f}（{f['duckdb_min']:.{digits}f}）{f['unit']} | "
                     f"{f['postgis']:.{digits}f}（{f['postgis_min']:.{digits}f}）{f['unit']} | {f['ratio']} | "
                     f"{f['load_average']:g} |")
    lines.append(f"（参照：同样红线的内存索引 p50 {out['redline_p50_ms_memory']:g} ms）")
    for c in out["output_checks"]:
        lines.append(f"输出核对 {c['what']}：{'一致' if c['equal'] else '不一致'}")
    return "\n".join(lines)
