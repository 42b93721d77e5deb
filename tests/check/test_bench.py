"""`yqplan bench --quick` on the fixture database: shape of the report only, never timing."""

from __future__ import annotations

import json

from fixtures.layer_db import build_fixture_db

from assistant.check import bench
from assistant.settings import load


def test_quick_bench_shape(tmp_path):
    path = build_fixture_db(tmp_path / "plan.duckdb")
    out = bench.run_bench(load({}).with_paths(index_dir=str(tmp_path)), quick=True, dbs={1: path})
    names = [m["name"] for m in out["measurements"]]
    assert names == ["point_p50_ms_small", "batch_s", "batch_ratio", "redline_p50_ms"]
    assert all(m["ok"] is None for m in out["measurements"])  # quick runs never claim a target
    batch = out["measurements"][1]
    assert batch["baseline_s"] > 0 and "GeoPandas" in bench.format_report(out)
    json.dumps(out, ensure_ascii=False)


def test_large_scale_falls_back_when_too_slow():
    assert bench.pick_large_scale(5.0, budget_s=900) == (100, None)
    scale, why = bench.pick_large_scale(20.0, budget_s=900)
    assert scale == 20 and "改用可行的最大倍数 20" in why
