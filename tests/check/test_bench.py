"""`yqplan bench`: its peers agree with the project on the fixture, and the report names peer and ratio; never timing."""

from __future__ import annotations

import json

import numpy as np
import pytest
from fixtures.layer_db import OX, OY, build_fixture_db, lonlat_at

from assistant.check import bench
from assistant.check import bench_peers as peers
from assistant.check.checker import LocationChecker
from assistant.layers.sql import SqlRunner
from assistant.plan.vocabulary import CHECK_LAYERS
from assistant.settings import load


@pytest.fixture(scope="module")
def points_csv(tmp_path_factory, checker):
    lons, lats = bench.random_points(checker, 400, 5)
    path = tmp_path_factory.mktemp("bench") / "points.csv"
    bench.write_points(path, lons, lats)
    return path, lons, lats


def test_golden_bench_statements(fixture_db_path, tmp_path):
    runner = SqlRunner(fixture_db_path, max_rows=10**6)
    lon, lat = lonlat_at(500, 500)  # inside JBNT-1 (both versions) only, among the drawn boxes
    rows = runner.run("bench_duckdb_point", lon=lon, lat=lat).rows
    assert [r for r in rows if r[0] not in ("行政区", "市辖区")] == [
        ("永久基本农田", "维护前", "JBNT-1"), ("永久基本农田", "维护后", "JBNT-1")]
    path = tmp_path / "p.csv"
    far = lonlat_at(-12000, 9000)
    path.write_text(f"id,lon,lat\na,{lon},{lat}\nb,{far[0]},{far[1]}\n", encoding="utf-8")
    got = {(layer, version): inside for layer, version, inside in
           runner.run("bench_duckdb_membership", csv=str(path)).rows}
    assert got[("永久基本农田", "维护前")] == [0] and got[("永久基本农田", "维护后")] == [0]
    assert ("生态保护红线", "维护前") not in got


def test_peers_agree_with_the_project(checker, fixture_db_path, points_csv):
    path, lons, lats = points_csv
    layers, scope, raw = peers.read_layers(fixture_db_path, list(CHECK_LAYERS))
    pts, in_scope = peers.points_frame(peers.read_points(path), scope)
    ours = checker.check_many(lons, lats)
    assert (in_scope == ours.in_scope).all()
    order = [(i.layer, i.version) for i in checker.layers]
    for found in (peers.sjoin_membership(pts, layers), peers.strtree_membership(pts, layers),
                  peers.duckdb_membership(fixture_db_path, path)):
        for k, key in enumerate(order):
            assert found.get(key, np.empty(0)).tolist() == np.flatnonzero(ours.inside[k]).tolist(), key
    table, parts = peers.geopandas_full(pts, in_scope, layers, raw, order)
    for k, key in enumerate(order):
        inside, dist = parts[key]
        assert (inside == ours.inside[k]).all()
        assert np.allclose(np.where(inside, 0, dist), np.where(ours.inside[k], 0, ours.distance[k]), atol=0.011)
    assert len(table) == len(lons) and f"{order[0][0]}_{order[0][1]}_距离米" in table.columns


def test_identical_versions_are_reused_by_the_geopandas_peer(fixture_db_path):
    _, _, raw = peers.read_layers(fixture_db_path, list(CHECK_LAYERS))
    assert sorted(raw[("生态保护红线", "维护前")]) == sorted(raw[("生态保护红线", "维护后")])
    assert sorted(raw[("永久基本农田", "维护前")]) != sorted(raw[("永久基本农田", "维护后")])


def test_report_names_peer_ratio_and_target():
    report = bench.Report(quick=False)
    fig = report.pair("batch_csv_process", "x", 1, [(2.0, 100.0, 1.0), (4.0, 120.0, 1.5), (3.0, 90.0, 1.2)],
                      "GeoPandas", [(10.0, 300.0, 4.0), (8.0, 310.0, 3.0), (9.0, 305.0, 6.0)])
    assert (fig["value"], fig["min"], fig["peer_value"], fig["peer_min"]) == (3.0, 2.0, 9.0, 8.0)
    assert (fig["cpu_s"], fig["peer_cpu_s"], fig["cpu_ratio"]) == (1.2, 4.0, 0.3)
    assert fig["ratio"] == pytest.approx(3 / 9, abs=1e-3) and fig["ok"] is True and fig["memory_mb"] == 120.0
    fig = report.pair("membership_process", "y", 1, [(3.0, 1.0)], "STRtree", [(1.0, 1.0)])
    assert fig["ratio"] == 3.0 and fig["ok"] is False


@pytest.mark.slow
def test_quick_bench_end_to_end(tmp_path):
    path = build_fixture_db(tmp_path / "plan.duckdb")
    out = bench.run_bench(load({}).with_paths(index_dir=str(tmp_path)), quick=True, dbs={1: path}, points=300,
                          xlsx=False)
    names = {f["name"] for f in out["figures"]}
    assert {"batch_full_inprocess", "batch_csv_process", "batch_json_process", "membership_process",
            "point_process_s", "point_p50_ms", "redline_p50_ms", "batch_memory_mb"} <= names
    assert all(f["ok"] is None for f in out["figures"])  # quick runs never claim a target
    assert all(c["equal"] for c in out["output_checks"]), out["output_checks"]
    assert all(f.get("peer") for f in out["figures"] if f["name"] != "batch_memory_mb")
    assert "比值" in bench.format_report(out)
    json.dumps(out, ensure_ascii=False)


def test_random_points_are_inside_the_city_districts(checker):
    lons, lats = bench.random_points(checker, 50, 1)
    assert checker.check_many(lons, lats).in_scope.all()
    assert OX and OY  # the fixture origin lies in 郊区, inside 市辖区
    assert isinstance(checker, LocationChecker)


def test_postgis_bench_compares_outputs_and_reports_both_engines(pg_server, tmp_path, capsys):
    """`yqplan bench --db-url`: same rows on both engines (pulled from the store), outputs equal, every
    figure has a DuckDB and a PostGIS value and their ratio."""
    from fixtures.layer_db import build_fixture_db

    from assistant import cli
    from assistant.check.bench_postgis import format_postgis_report

    url = pg_server.store_from(build_fixture_db(tmp_path / "plan.duckdb"), "bench")
    assert cli.main(["bench", "--db-url", url, "--quick", "--points", "400", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["output_checks"] and all(c["equal"] for c in out["output_checks"])
    keys = {f["key"] for f in out["figures"]}
    assert keys == {"index_load_s", "point_p50_ms_memory", "point_p50_ms_server", "point_process_s",
                    "batch_membership_s", "batch_membership_process_s", "redline_p50_ms_server"}
    assert all(f["duckdb"] > 0 and f["postgis"] > 0 and f["ratio"] for f in out["figures"])
    for f in out["figures"]:  # every figure: its runs (1 in --quick), median and min, and the load it ran under
        assert len(f["duckdb_runs"]) == len(f["postgis_runs"]) == 1 and f["duckdb_min"] <= f["duckdb"]
        assert f["load_average"] >= 0
    assert "PostGIS÷DuckDB" in format_postgis_report(out)
