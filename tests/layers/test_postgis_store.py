"""The PostGIS layer store (issue 13): build/import --to, atomic swap, one writer, the dialect seam."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import shapely
from fixtures.layer_db import build_fixture_db, to_lonlat
from fixtures.layer_db import metric_box as box_m

from assistant import cli
from assistant import settings as settings_mod
from assistant.errors import DataError, ImportFailed, QueryError
from assistant.layers import db, pg_load, postgis
from assistant.layers.importer import load_config
from assistant.layers.sql import SqlRunner, all_named

ROOT = Path(__file__).resolve().parents[2]


def _tables(con) -> dict[str, int]:
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in pg_load._tables(con)}


def test_dialect_seam_is_one_file_and_params_are_rewritten():
    assert postgis.to_pyformat("WHERE a = $layer AND code LIKE '%00'") == "WHERE a = %(layer)s AND code LIKE '%%00'"
    assert postgis.is_url("postgresql://u@h:5432/d") and not postgis.is_url("/data/plan.duckdb")
    assert postgis.redact("postgresql://u:secret@h/d") == "postgresql://u:***@h/d"


def test_build_to_server_writes_the_same_tables_and_views(pg_server, tmp_path, capsys):
    url = pg_server.new_database("build")
    assert cli.main(["build", "--to", url]) == 0
    assert "数据版本" in capsys.readouterr().out
    with psycopg.connect(url) as pg:
        tables = {r[0]: r[1] for r in pg.execute(
            "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'yqplan'").fetchall()}
        gist = {r[0] for r in pg.execute(
            "SELECT tablename FROM pg_indexes WHERE schemaname = 'yqplan' AND indexdef LIKE '%USING gist%'")}
        counts = {t: pg.execute(f'SELECT count(*) FROM yqplan."{t}"').fetchone()[0] for t in tables}
        version = pg.execute("SELECT value FROM yqplan.meta WHERE key = 'data_version'").fetchone()[0]
        left = pg.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'yqplan\\_%'").fetchone()[0]
    assert {"layer_features", "layer_changes"} <= {t for t, kind in tables.items() if kind == "VIEW"}
    assert {"features", "changes", "key_projects", "parcels", "places", "plan_figures", "meta", "layer_status",
            "unit_factors"} <= {t for t, kind in tables.items() if kind == "BASE TABLE"}
    assert {"features", "changes", "parcels", "key_projects", "places"} <= gist
    assert counts["features"] > 1000 and counts["layer_features"] == counts["features"] and version.isdigit()
    assert left == 0  # no load or old schema is left behind


def test_publish_copies_every_row_and_geometry_exactly(pg_server, tmp_path):
    path = build_fixture_db(tmp_path / "plan.duckdb")
    url = pg_server.store_from(path)
    duck = db.connect(path, read_only=True)
    try:
        want = _tables(duck)
        wkb = dict(duck.execute("SELECT feature_id || version, ST_AsWKB(geom) FROM features").fetchall())
    finally:
        duck.close()
    with psycopg.connect(url) as pg:
        got = {t: pg.execute(f'SELECT count(*) FROM yqplan."{t}"').fetchone()[0] for t in want}
        pg_wkb = dict(pg.execute("SELECT feature_id || version, ST_AsBinary(geom) FROM yqplan.features").fetchall())
        srids = {r[0] for r in pg.execute("SELECT DISTINCT ST_SRID(geom) FROM yqplan.features")}
    assert got == want
    assert {k: shapely.from_wkb(v) for k, v in pg_wkb.items()} == {k: shapely.from_wkb(v) for k, v in wkb.items()}
    assert srids == {0}  # lon/lat as in DuckDB; metric_geom() gives the SRID for the transform


def test_every_named_statement_parses_on_postgis(pg_server, tmp_path):
    """EXPLAIN every statement with typed dummy parameters: one SQL text serves both engines (bench_duckdb_*
    read DuckDB's own CSV reader and are DuckDB's baseline in `yqplan bench`)."""
    from assistant.layers.sql import named

    NUMERIC = {"x", "y", "xmin", "ymin", "xmax", "ymax", "lon", "lat", "distance_m", "min_area_m2", "tolerance",
               "tolerance_m2", "value", "decimals"}
    from fixtures.versions_db import build_versioned_db

    url = pg_server.store_from(build_versioned_db(tmp_path / "plan.duckdb"))
    dummy = {"wkt": "POINT (113.5 37.9)", "layers": ["永久基本农田"], "phases": ["维护后"], "zone_names": ["生态保护区"]}
    with postgis.connect(url) as pg:
        for name in all_named():
            if name.startswith(("bench_duckdb_", "batch_points_")):  # batch_points_*: golden in test_stats.py
                continue
            stmt = named(name)
            params = {p: dummy.get(p, 1.0 if p in NUMERIC else "") for p in stmt.params}
            pg.execute("EXPLAIN " + postgis.to_pyformat(stmt.text.strip().rstrip(";")), params)
            pg.rollback()


def test_runner_on_server_is_read_only_and_time_limited(pg_fixture_url, monkeypatch):
    from assistant.layers import sql

    runner = SqlRunner(pg_fixture_url, timeout_s=0.2)
    slow = sql.NamedSQL("slow", "SELECT pg_sleep(2)", {}, "slow")
    monkeypatch.setattr(sql, "named", lambda name: slow)
    with pytest.raises(QueryError, match="超过 0.2 秒被中止"):
        runner.run("slow")
    monkeypatch.setattr(sql, "named", lambda name: sql.NamedSQL("w", "DELETE FROM meta", {}, "w"))
    with pytest.raises(QueryError, match="read-only"):
        runner.run("w")
    monkeypatch.undo()
    assert runner.run("place_names").rows  # the pooled connection is healthy after both failures


def test_missing_server_programs_fail_under_ci_and_skip_elsewhere(monkeypatch):
    """CI (CI=true, set by .ci/run) cannot pass without running the PostGIS tests; a laptop without the
    server programs skips them with the reason."""
    import pg_server

    monkeypatch.setattr(pg_server, "server_binaries", lambda: False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI 必须运行 PostGIS 测试"):
        pg_server.start_server()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="未安装 PostgreSQL/PostGIS 服务器程序"):
        pg_server.start_server()
    assert "export CI=true" in (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text(encoding="utf-8")


def test_runner_on_an_empty_server_says_what_to_run(pg_server):
    url = pg_server.new_database("empty")
    with pytest.raises(DataError, match="yqplan build --to"):
        SqlRunner(url)


def _write_green(tmp_path: Path) -> Path:
    import geopandas as gpd

    folder = tmp_path / "data"
    folder.mkdir()
    frame = gpd.GeoDataFrame({"LXMC": ["人民公园"]}, geometry=[to_lonlat(box_m((500, 4000, 800, 4300)))],
                             crs="EPSG:4490")
    frame.to_file(folder / "green.geojson")
    config = tmp_path / "import.toml"
    config.write_text('[[layer]]\nlayer = "城市绿线"\nversion = "both"\npath = "data/green.geojson"\n'
                      'name_field = "LXMC"\n', encoding="utf-8")
    return config


def test_import_to_server_replaces_the_layer_and_bumps_the_version(pg_server, tmp_path, capsys):
    url = pg_server.store_from(build_fixture_db(tmp_path / "plan.duckdb", demo=True))
    runner = SqlRunner(url)
    before = runner.run("meta_data_version").rows
    config = _write_green(tmp_path)
    assert cli.main(["import", str(config), "--to", url]) == 0
    assert "导入完成" in capsys.readouterr().out
    rows = runner.run("stats_layer_classes").records()
    assert {(r["layer"], r["name"]) for r in rows if r["layer"] == "城市绿线"} == {("城市绿线", "人民公园")}
    status = {r[0]: r[1:] for r in runner.run("check_layer_status").rows}
    assert status["城市绿线"][0] is False and status["永久基本农田"][0] is True
    after = runner.run("meta_data_version").rows
    assert after and after != before and int(after[0][0]) > int((before or [("0",)])[0][0])


def test_a_second_writer_is_refused(pg_server, tmp_path):
    url = pg_server.new_database("lock")
    with pg_load.store_writer(url, "构建"), pytest.raises(DataError, match="另一个导入/构建正在进行"):
        pg_load.publish(build_fixture_db(tmp_path / "plan.duckdb"), url)


def test_a_load_killed_midway_leaves_the_old_store_answering(pg_server, tmp_path):
    """Kill the writer while it copies rows: readers keep the old store; the next writer cleans up."""
    old = build_fixture_db(tmp_path / "old.duckdb")
    url = pg_server.store_from(old)
    runner = SqlRunner(url)
    want = runner.run("check_layer_features").rows
    big = tmp_path / "big.duckdb"
    con = db.connect(big)
    con.execute("CREATE TABLE features AS SELECT 'L' || (i % 7) AS layer, '维护后' AS version, i::VARCHAR AS "
                "feature_id, ST_Point(113 + (i % 1000) / 1000.0, 37 + (i // 1000) / 1000.0) AS geom "
                "FROM range(300000) t(i)")
    con.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from assistant.layers import pg_load; "
                             "pg_load.publish(sys.argv[1], sys.argv[2])", str(big), url], env=env, cwd=ROOT)
    try:
        with psycopg.connect(url, autocommit=True) as pg:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                busy = pg.execute("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY%'").fetchone()[0]
                if busy:
                    break
                assert proc.poll() is None, "the load ended before it could be killed"
                time.sleep(0.05)
            assert busy, "the load never started copying"
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(30)
            assert runner.run("check_layer_features").rows == want  # the old store still answers
            time.sleep(0.5)  # the server notices the dead client and rolls its transaction back
            pg_load.publish(old, url)  # the next writer drops what the killed one left
            names = [r[0] for r in pg.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'yqplan%'")]
        assert names == ["yqplan"]
        assert runner.run("check_layer_features").rows == want
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)


def test_settings_pick_the_store():
    s = settings_mod.load({"YQPLAN_DB_URL": "postgresql://u@h/d", "YQPLAN_CHECK_BACKEND": "server"})
    assert s.store == "postgresql://u@h/d" and s.check_on_server
    plain = settings_mod.load({})
    assert plain.store == plain.db_path and not plain.check_on_server


def test_import_reads_a_bureau_postgis_table_in_place(pg_server, tmp_path, capsys):
    """[[layer]] path = "postgresql://…", table = "模式.表": read on the bureau's server, no Shapefile export;
    its SRID (here EPSG:4526 metres) is the declared CRS and is transformed like a file's."""
    bureau = pg_server.new_database("bureau")
    with psycopg.connect(bureau, autocommit=True) as pg:
        pg.execute("CREATE SCHEMA ghj")
        pg.execute("CREATE TABLE ghj.lvxian (bh text, mc text, geom geometry(Polygon, 4526))")
        pg.execute("INSERT INTO ghj.lvxian VALUES ('LX-9', '人民公园', ST_GeomFromText(%s, 4526))",
                   [box_m((500, 4000, 800, 4300)).wkt])
    store = pg_server.store_from(build_fixture_db(tmp_path / "plan.duckdb", demo=True))
    config = tmp_path / "import.toml"
    config.write_text(f'[[layer]]\nlayer = "城市绿线"\nversion = "both"\npath = "{bureau}"\ntable = "ghj.lvxian"\n'
                      'name_field = "mc"\nid_field = "bh"\n', encoding="utf-8")
    assert cli.main(["import", str(config), "--to", store]) == 0
    assert "EPSG:4526" in capsys.readouterr().out
    rows = SqlRunner(store).run("stats_layer_features", layer="城市绿线", phases=["维护后"], area="", class_code="",
                                class_name="").rows
    assert [(r[1], r[2]) for r in rows] == [("LX-9", "人民公园")]
    assert rows[0][4] == pytest.approx(9.0, abs=0.01)  # 300 m × 300 m = 9 公顷, transformed from metres
    config.write_text(f'[[layer]]\nlayer = "城市绿线"\nversion = "both"\npath = "{bureau}"\n', encoding="utf-8")
    with pytest.raises(ImportFailed, match="须用 table 指明表"):
        load_config(config)
