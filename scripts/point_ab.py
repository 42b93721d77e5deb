"""Warm single-point checks through STRtree.query and through shapely's C tree directly (check/index.py
`tree_hits`, `tree_near`), in turn, in one process.

Usage: python scripts/point_ab.py SCALE [N]   (needs indexes/bench/plan_scaleSCALE.duckdb from `yqplan bench`)
Prints the p50 of each way, their ratio, and how many of the N points got identical results.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from assistant.check import checker as checker_module
from assistant.check.bench_data import random_points
from assistant.check.checker import LocationChecker


def public_hits(tree, points):
    return tree.query(points, predicate="intersects")[1]


def public_near(tree, points, distance):
    return tree.query(points, predicate="dwithin", distance=distance).size > 0


def main() -> None:
    scale, n = int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    direct = (checker_module.tree_hits, checker_module.tree_near)
    checker = LocationChecker.open(Path(f"indexes/bench/plan_scale{scale}.duckdb"))
    lons, lats = random_points(checker, n + 100, 40 + scale)
    for i in range(100):
        checker.check_point(lons[i], lats[i])
    ms: dict[bool, list[float]] = {False: [], True: []}
    same = 0
    for k in range(100, 100 + n):
        results = []
        for fast in (False, True):
            checker_module.tree_hits, checker_module.tree_near = direct if fast else (public_hits, public_near)
            started = time.perf_counter()
            results.append(checker.check_point(lons[k], lats[k]))
            ms[fast].append((time.perf_counter() - started) * 1000)
        same += results[0] == results[1]
    checker_module.tree_hits, checker_module.tree_near = direct
    slow_p50, fast_p50 = np.percentile(ms[False], 50), np.percentile(ms[True], 50)
    print(f"倍数 {scale}：STRtree.query p50 {slow_p50:.3f} ms，直接调用 p50 {fast_p50:.3f} ms，比值 {fast_p50 / slow_p50:.2f}；"
          f"结果相同 {same}/{n}")


if __name__ == "__main__":
    main()
