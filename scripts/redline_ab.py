"""Red lines with and without clipping the red line to each cut piece's box (check/overlap.py `_cut`).

Usage: python scripts/redline_ab.py SCALE [N]   (needs indexes/bench/plan_scaleSCALE.duckdb from `yqplan bench`)
Each of N random 200-vertex red lines is checked both ways in turn in one process; prints the p50 of each,
the median ratio, and whether the results are identical (and what differs when they are not).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

from assistant.check import overlap
from assistant.check.bench_data import random_redline
from assistant.check.checker import LocationChecker


def differences(a, b, path=""):
    if isinstance(a, dict):
        for k in a:
            yield from differences(a[k], b.get(k), f"{path}.{k}")
    elif isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            yield from differences(x, y, f"{path}[{i}]")
    elif a != b:
        yield f"{path}: {a} -> {b}"


def main() -> None:
    scale, n = int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 40
    checker = LocationChecker.open(Path(f"indexes/bench/plan_scale{scale}.duckdb"))
    reds = [random_redline(checker, 7 + i) for i in range(n + 1)]
    checker.check_geometry(reds[0], "预热")
    ms: dict[bool, list[float]] = {False: [], True: []}
    out: dict[bool, list[str]] = {False: [], True: []}
    for red in reds[1:]:
        for clip in (False, True):
            overlap.CLIP = clip
            started = time.perf_counter()
            result = checker.check_geometry(red, "对照红线")
            ms[clip].append((time.perf_counter() - started) * 1000)
            out[clip].append(json.dumps(result, ensure_ascii=False, sort_keys=True, default=str))
    overlap.CLIP = True
    same = sum(a == b for a, b in zip(out[False], out[True], strict=True))
    print(f"倍数 {scale}：不裁剪 p50 {np.percentile(ms[False], 50):.1f} ms，裁剪 p50 {np.percentile(ms[True], 50):.1f} ms，"
          f"逐条比值中位数 {np.median(np.array(ms[True]) / np.array(ms[False])):.2f}；结果相同 {same}/{n}")
    for a, b in zip(out[False], out[True], strict=True):
        if a != b:
            print("  不同：" + "；".join(differences(json.loads(a), json.loads(b))))


if __name__ == "__main__":
    main()
