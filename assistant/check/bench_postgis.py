"""`yqplan bench --db-url URL`: the same checks on a PostGIS store beside DuckDB, in one run (issue 13).

The DuckDB side is the store itself copied into a temp DuckDB file (pg_load.pull), so both engines hold
exactly the same rows. Outputs are compared before anything is timed. Figures, each DuckDB beside PostGIS:
  - index load: the in-memory checker read from the DuckDB file vs from the server (no persisted cache);
  - point p50: the warm in-memory checker (the same on both once loaded), and the store-side checker
    (YQPLAN_CHECK_BACKEND=server; on DuckDB its R-tree does the same box queries);
  - a batch of 100k points: the in-memory checker's membership + distances, and membership alone pushed to
    the engine as one spatial join (DuckDB SPATIAL_JOIN over a CSV vs PostGIS: COPY into a temp table,
    GiST, one join);
  - red line p50: 200-vertex red lines, store-side checker on each engine.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from ..layers import pg_load, postgis
from ..layers.sql import SqlRunner
from .bench_data import random_points, random_redline, write_points
from .bench_peers import duckdb_membership
from .checker import LocationChecker
from .index import load_indexes
from .server import ServerChecker


def _ms(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _p50(samples: list[float]) -> float:
    return round(float(np.percentile(samples, 50)), 2)


def server_membership(url: str, lons, lats) -> dict[tuple[str, str], np.ndarray]:
    runner = SqlRunner(url, timeout_s=600, max_rows=10**6)
    rows = runner.run_with_points("batch_points_membership", lons, lats).rows
    return {(layer, version): np.asarray(inside, dtype=np.int64) for layer, version, inside in rows}


def run_postgis_bench(url: str, points: int = 100_000, n_single: int = 200, n_red: int = 20,
                      runs: int = 3) -> dict[str, Any]:
    figures: list[dict[str, Any]] = []
    checks: list[dict[str, Any]] = []

    def figure(key: str, label: str, duck: float, pg: float, unit: str) -> None:
        figures.append({"key": key, "label": label, "duckdb": round(duck, 3), "postgis": round(pg, 3),
                        "unit": unit, "ratio": round(pg / duck, 2) if duck else None})

    out: dict[str, Any] = {"url": postgis.redact(url), "points": points, "runs": runs, "cpus": os.cpu_count(),
                           "load_average_before": round(os.getloadavg()[0], 2)}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="yqplan-bench-pg-") as tmp:
        duck_path = Path(tmp) / "plan.duckdb"
        pg_load.pull(url, duck_path)
        duck_runner, pg_runner = SqlRunner(duck_path, timeout_s=600, max_rows=10**8), \
            SqlRunner(url, timeout_s=600, max_rows=10**8)
        # index load, alternated
        loads: dict[str, list[float]] = {"duckdb": [], "postgis": []}
        for k in range(runs):
            for side in (("duckdb", duck_runner), ("postgis", pg_runner))[:: 1 if k % 2 == 0 else -1]:
                loads[side[0]].append(_ms(lambda r=side[1]: load_indexes(r)) / 1000)
        figure("index_load_s", "内存索引载入（全部图层，中位数）", statistics.median(loads["duckdb"]),
               statistics.median(loads["postgis"]), "s")
        duck_mem, pg_mem = LocationChecker(duck_runner), LocationChecker(pg_runner)
        duck_srv, pg_srv = ServerChecker(str(duck_path)), ServerChecker(url)
        lons, lats = random_points(duck_mem, max(points, n_single + 5), 13)
        # outputs first
        same_point = all(duck_mem.check_point(lons[i], lats[i]) == pg_srv.check_point(lons[i], lats[i])
                         for i in range(5))
        checks.append({"what": "单点：DuckDB 内存索引 vs PostGIS 服务器端核查", "equal": same_point})
        # warm single points
        warm: dict[str, list[float]] = {k: [] for k in ("mem_duck", "mem_pg", "srv_duck", "srv_pg")}
        for i in range(5, 5 + n_single):
            warm["mem_duck"].append(_ms(lambda i=i: duck_mem.check_point(lons[i], lats[i])))
            warm["mem_pg"].append(_ms(lambda i=i: pg_mem.check_point(lons[i], lats[i])))
            warm["srv_duck"].append(_ms(lambda i=i: duck_srv.check_point(lons[i], lats[i])))
            warm["srv_pg"].append(_ms(lambda i=i: pg_srv.check_point(lons[i], lats[i])))
        figure("point_p50_ms_memory", "单点核查 p50（内存索引，载入后）", _p50(warm["mem_duck"]), _p50(warm["mem_pg"]), "ms")
        figure("point_p50_ms_server", "单点核查 p50（库端按空间索引取要素，YQPLAN_CHECK_BACKEND=server）",
               _p50(warm["srv_duck"]), _p50(warm["srv_pg"]), "ms")
        # batch
        blons, blats = lons[:points], lats[:points]
        csv = Path(tmp) / "points.csv"
        write_points(csv, blons, blats)
        want = duckdb_membership(duck_path, csv)
        got = server_membership(url, blons, blats)
        equal = want.keys() == got.keys() and all(np.array_equal(want[k], got[k]) for k in want)
        checks.append({"what": f"{points} 点是否位于：DuckDB SPATIAL_JOIN vs PostGIS GiST 连接", "equal": equal})
        member: dict[str, list[float]] = {"duckdb": [], "postgis": []}
        full: dict[str, list[float]] = {"duckdb": [], "postgis": []}
        for k in range(runs):
            order = (("duckdb", lambda: duckdb_membership(duck_path, csv)),
                     ("postgis", lambda: server_membership(url, blons, blats)))
            for name, fn in order[:: 1 if k % 2 == 0 else -1]:
                member[name].append(_ms(fn) / 1000)
            for name, chk in (("duckdb", duck_mem), ("postgis", pg_mem))[:: 1 if k % 2 == 0 else -1]:
                full[name].append(_ms(lambda c=chk: c.check_many(blons, blats)) / 1000)
        figure("batch_membership_s", f"{points} 点是否位于（库内一次空间连接）", statistics.median(member["duckdb"]),
               statistics.median(member["postgis"]), "s")
        figure("batch_memory_s", f"{points} 点核查（内存索引，含距离）", statistics.median(full["duckdb"]),
               statistics.median(full["postgis"]), "s")
        # red lines
        reds = [random_redline(duck_mem, 7 + i) for i in range(n_red + 1)]
        a, b = duck_mem.check_geometry(reds[0], "核对"), pg_srv.check_geometry(reds[0], "核对")
        checks.append({"what": "红线：DuckDB 内存索引 vs PostGIS 服务器端核查",
                       "equal": [r["inside"] for r in a["layers"]] == [r["inside"] for r in b["layers"]]})
        red_ms: dict[str, list[float]] = {"srv_duck": [], "srv_pg": [], "mem": []}
        for red in reds[1:]:
            red_ms["srv_duck"].append(_ms(lambda r=red: duck_srv.check_geometry(r, "基准红线")))
            red_ms["srv_pg"].append(_ms(lambda r=red: pg_srv.check_geometry(r, "基准红线")))
            red_ms["mem"].append(_ms(lambda r=red: duck_mem.check_geometry(r, "基准红线")))
        figure("redline_p50_ms_server", "200 顶点红线 p50（库端按空间索引取要素）", _p50(red_ms["srv_duck"]),
               _p50(red_ms["srv_pg"]), "ms")
        out["redline_p50_ms_memory"] = _p50(red_ms["mem"])
        duck_runner.close()
    out.update({"figures": figures, "output_checks": checks, "seconds": round(time.perf_counter() - started, 1),
                "load_average_after": round(os.getloadavg()[0], 2)})
    return out


def format_postgis_report(out: dict[str, Any]) -> str:
    lines = [f"DuckDB 与 PostGIS 对照（{out['url']}）：{out['points']} 点，{out['runs']} 轮交替取中位数；"
             f"CPU {out['cpus']} 核，负载 {out['load_average_before']} → {out['load_average_after']}",
             "| 指标 | DuckDB | PostGIS | 比值 PostGIS÷DuckDB |", "|---|---|---|---|"]
    for f in out["figures"]:
        lines.append(f"| {f['label']} | {f['duckdb']:g} {f['unit']} | {f['postgis']:g} {f['unit']} | {f['ratio']} |")
    lines.append(f"（参照：同一红线的内存索引 p50 {out['redline_p50_ms_memory']:g} ms）")
    for c in out["output_checks"]:
        lines.append(f"输出核对 {c['what']}：{'一致' if c['equal'] else '不一致'}")
    return "\n".join(lines)
