"""How `yqplan bench` and `yqplan bench --db-url` time things: alternated runs, median and min, and fresh
whole processes with their peak memory (shared by bench.py and bench_postgis.py)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..errors import DataError

# A small launcher starts each measured process: a child forked straight from this (large) process would
# report this process's memory as its own peak (ru_maxrss counts the pages it had before exec).
LAUNCHER = """
import os, subprocess, sys, time
out = sys.argv[1]
started = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
with open(out, "w") as fh:
    fh.write(f"{time.perf_counter() - started} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} "
             f"{usage.ru_utime + usage.ru_stime}")
"""


def run_process(argv: list[str], env: dict[str, str], stdout=None) -> tuple[float, float, float]:
    """Wall seconds, peak memory (MB) and CPU seconds (user + system) of one fresh `python argv...` process.

    On a shared machine the wall time grows with the other processes' load; the CPU time much less so."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as report:
        done = subprocess.run([sys.executable, "-c", LAUNCHER, report.name, sys.executable, *argv], env=env,
                              stdout=stdout or subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        seconds, maxrss, code, cpu = Path(report.name).read_text().split()
    if done.returncode or int(code):
        raise DataError(f"基准进程失败（{' '.join(argv[:4])}）：{done.stderr.decode('utf-8', 'replace').strip()[-500:]}")
    return float(seconds), int(maxrss) / 1024, float(cpu)


def alternate(ours, theirs, runs: int) -> tuple[list, list]:
    """Run both sides `runs` times, alternating which goes first; each returns (seconds, extra)."""
    mine, peer = [], []
    for k in range(runs):
        for side in ((ours, mine), (theirs, peer)) if k % 2 == 0 else ((theirs, peer), (ours, mine)):
            side[1].append(side[0]())
    return mine, peer


def timed(fn):
    def run():
        started, cpu = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - started, 0.0, time.process_time() - cpu
    return run


def summary(samples: list) -> dict[str, float]:
    seconds = [s[0] for s in samples]
    cpu = [s[2] if len(s) > 2 else 0.0 for s in samples]
    return {"median": round(statistics.median(seconds), 4), "min": round(min(seconds), 4),
            "runs": [round(s, 4) for s in seconds], "memory_mb": round(max(s[1] for s in samples), 1),
            "cpu_median": round(statistics.median(cpu), 4)}
