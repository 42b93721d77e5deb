import pytest

from assistant.errors import QueryError
from assistant.layers import db, sql


def test_every_named_statement_documents_its_parameters():
    for name in sql.all_named():
        stmt = sql.named(name)
        assert stmt.summary and stmt.summary != name, name


def test_unknown_statement_is_refused():
    with pytest.raises(QueryError, match="未知的查询名称"):
        sql.named("drop_everything")


def test_runner_cursors_keep_longitude_first(memory_db):
    """Each query runs on its own cursor; a transform there must still read x as longitude (not inf)."""
    cur = memory_db.cursor()
    x, y = cur.execute("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_Point(114.0, 37.8), "
                       "'EPSG:4490', 'EPSG:4526') AS p)").fetchone()
    assert abs(x - 38500000) < 1e-3 and 4.18e6 < y < 4.19e6


def test_rows_are_capped_and_marked_truncated(memory_db):
    memory_db.execute("CREATE TABLE places (name VARCHAR)")
    memory_db.execute("INSERT INTO places SELECT 'p' || i FROM range(30) t(i)")
    result = sql.SqlRunner.from_connection(memory_db, max_rows=10).run("place_names")
    assert len(result.rows) == 10 and result.truncated
    assert result.table("t")["sql"].startswith("-- Names in the gazetteer")


def test_slow_statement_is_interrupted_with_a_chinese_message(memory_db, monkeypatch):
    slow = sql.NamedSQL("slow", "SELECT count(*) FROM range(100000000000) a", {}, "slow")
    monkeypatch.setattr(sql, "named", lambda name: slow)
    runner = sql.SqlRunner.from_connection(memory_db, timeout_s=0.2)
    with pytest.raises(QueryError, match="超过 0.2 秒被中止"):
        runner.run("slow")


def test_runner_reopens_a_database_swapped_in_by_a_rebuild(tmp_path):
    import os

    from assistant.layers import db

    def make(path, names):
        con = db.connect(path)
        con.execute("CREATE TABLE places (name VARCHAR)")
        con.executemany("INSERT INTO places VALUES (?)", [[n] for n in names])
        con.close()

    target = tmp_path / "plan.duckdb"
    make(target, ["旧"])
    runner = sql.SqlRunner(target)
    cached = sql.SqlRunner(target, cache_size=4)  # the chat's runner keeps results until the file changes
    assert runner.run("place_names").rows[0][0] == "旧" == cached.run("place_names").rows[0][0]
    again = cached.run("place_names")
    assert again.rows == [("旧", 1)] and again.extra == {"cached": True}
    again.rows.append(("改动",))  # a caller's change to its copy does not reach the cache
    assert cached.run("place_names").rows == [("旧", 1)]
    make(tmp_path / "new.duckdb", ["新地名"])
    os.replace(tmp_path / "new.duckdb", target)
    os.utime(target, (1, 1))  # a different mtime, as a real rebuild has
    assert runner.run("place_names").rows[0][0] == "新地名"
    fresh = cached.run("place_names")
    assert fresh.rows[0][0] == "新地名" and "cached" not in fresh.extra


def test_metric_macros_match_the_spelled_out_transform(fixture_db_path):
    """metric_area/metric_geom (defined on every connection and runner cursor) = the explicit expression."""
    from assistant.layers.sql import SqlRunner

    con = db.connect(fixture_db_path, read_only=True)
    try:
        got, want, x = con.execute(
            "SELECT sum(metric_area(geom)), "
            "sum(ST_Area(ST_Transform(geom, 'EPSG:4490', 'EPSG:4526', always_xy := true))), "
            "min(ST_XMin(metric_geom(geom))) FROM features").fetchone()
    finally:
        con.close()
    assert got == want and got > 0
    assert 38_000_000 < x < 39_000_000  # x = easting with the zone-38 prefix, not a swapped latitude
    runner = SqlRunner(fixture_db_path)
    assert runner.run("audit_layer_totals").rows  # a named statement that uses the macros runs on a cursor
