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


# -- the runner's contract, statement by statement (issue 16: scripts/mutation over layers/sql.py) -----------------

def _statements(monkeypatch, **texts):
    """Named statements of one test only (name -> SQL text), each parameter documented as the real ones are."""
    import re

    table = {name: sql.NamedSQL(name, text, {p: p for p in re.findall(r"\$(\w+)", text)}, name)
             for name, text in texts.items()}
    monkeypatch.setattr(sql, "named", lambda name: table[name])


def _places_file(path, count):
    con = db.connect(path)
    con.execute("CREATE TABLE places (name VARCHAR)")
    con.execute(f"INSERT INTO places SELECT 'p' || i FROM range({count}) t(i)")
    con.close()
    return path


def test_all_named_lists_every_statement_but_the_schema():
    names = sql.all_named()
    assert names == sorted(names) and {"figure_lookup", "place_names", "stats_layer_area"} <= set(names)
    on_disk = {p.stem for p in sql.SQL_DIR.glob("*.sql")}
    assert on_disk - set(names) == {n for n in on_disk if n.startswith("schema_")} != set()


def test_records_and_table_keep_every_column():
    result = sql.QueryResult("q", "\n SELECT 1 \n", {"a": 1}, ["x", "y"], [(1, "一")], False)
    assert result.records() == [{"x": 1, "y": "一"}]
    assert result.table("标题") == {"title": "标题", "columns": ["x", "y"], "rows": [[1, "一"]], "sql": "SELECT 1",
                                  "truncated": False}
    with pytest.raises(ValueError):  # a row that does not fit its columns is an error, never silently cut
        sql.QueryResult("q", "", {}, ["x", "y"], [(1, 2, 3)], False).records()


def test_a_result_names_its_statement_parameters_and_time(memory_db, monkeypatch):
    from types import SimpleNamespace

    _statements(monkeypatch, add="SELECT $a::INT + $b::INT AS total")
    ticks = iter([100.0, 100.25])
    monkeypatch.setattr(sql, "time", SimpleNamespace(perf_counter=lambda: next(ticks)))
    result = sql.SqlRunner.from_connection(memory_db).run("add", a=1, b=2)
    assert (result.name, result.sql, result.params) == ("add", "SELECT $a::INT + $b::INT AS total", {"a": 1, "b": 2})
    assert result.records() == [{"total": 3}] and not result.truncated
    assert result.elapsed_ms == 250.0


def test_parameters_must_match_the_statement(memory_db, monkeypatch):
    _statements(monkeypatch, add="SELECT $a::INT + $b::INT AS total")
    runner = sql.SqlRunner.from_connection(memory_db)
    with pytest.raises(QueryError) as missing:
        runner.run("add", a=1)
    assert str(missing.value) == "查询 add 参数不符：缺少 ['b']，多余 []"
    with pytest.raises(QueryError) as unknown:
        runner.run("add", a=1, b=2, c=3)
    assert str(unknown.value) == "查询 add 参数不符：缺少 []，多余 ['c']"


def test_a_failing_statement_is_a_chinese_query_error(memory_db, monkeypatch):
    import duckdb

    _statements(monkeypatch, broken="SELECT * FROM no_such_table")
    with pytest.raises(QueryError, match="^查询 broken 执行失败：.*no_such_table") as err:
        sql.SqlRunner.from_connection(memory_db).run("broken")
    assert isinstance(err.value.__cause__, duckdb.Error)


@pytest.mark.parametrize(("count", "truncated"), [(10, False), (11, True)])
def test_exactly_the_row_cap_is_not_truncated(memory_db, count, truncated):
    memory_db.execute("CREATE TABLE places (name VARCHAR)")
    memory_db.execute(f"INSERT INTO places SELECT 'p' || i FROM range({count}) t(i)")
    result = sql.SqlRunner.from_connection(memory_db, max_rows=10).run("place_names")
    assert len(result.rows) == 10 and result.truncated is truncated


def test_default_limits(tmp_path, memory_db):
    """Five seconds and 1000 rows unless the caller says otherwise; no cache unless asked for."""
    for runner in (sql.SqlRunner(_places_file(tmp_path / "p.duckdb", 1)), sql.SqlRunner.from_connection(memory_db)):
        assert (runner.timeout_s, runner.max_rows, runner.cache_size) == (5.0, 1000, 0)


def test_time_limit_holds_on_a_file_runner(tmp_path, monkeypatch):
    _statements(monkeypatch, slow="SELECT count(*) FROM range(100000000000) a")
    runner = sql.SqlRunner(_places_file(tmp_path / "p.duckdb", 1), timeout_s=0.2)
    with pytest.raises(QueryError, match="^查询 slow 超过 0.2 秒被中止，请缩小范围后重试。$"):
        runner.run("slow")


def test_cache_keeps_the_most_recently_used(tmp_path, monkeypatch):
    _statements(monkeypatch, one="SELECT 1 AS v", two="SELECT 2 AS v", three="SELECT 3 AS v")
    runner = sql.SqlRunner(_places_file(tmp_path / "p.duckdb", 1), cache_size=2)

    def hit(name):
        result = runner.run(name)
        assert result.rows == [({"one": 1, "two": 2, "three": 3}[name],)]
        return result.extra.get("cached", False)

    assert [hit("one"), hit("two"), hit("one")] == [False, False, True]
    assert hit("three") is False  # the least recently used (two) makes room
    assert [hit("three"), hit("one"), hit("two")] == [True, True, False]


def test_cache_key_is_the_statement_and_its_parameters(tmp_path, monkeypatch):
    _statements(monkeypatch, a="SELECT $x::INT AS v", b="SELECT $x::INT * 10 AS v",
                n="SELECT len($codes) AS n")
    runner = sql.SqlRunner(_places_file(tmp_path / "p.duckdb", 1), cache_size=8)
    first = runner.run("a", x=1)
    first.rows.append((99,))  # a caller's change to a fresh result does not reach the cache
    assert runner.run("b", x=1).rows == [(10,)] and runner.run("a", x=2).rows == [(2,)]
    again = runner.run("a", x=1)
    assert again.rows == [(1,)] and again.extra == {"cached": True} and again.params == {"x": 1}
    again.params["x"] = 5  # nor a change to a cached one's parameters
    assert runner.run("a", x=1).params == {"x": 1}
    assert runner.run("n", codes=["a", "b"]).rows == [(2,)]
    assert runner.run("n", codes=["a", "b"]).extra == {"cached": True}  # a list parameter is cached too
    for _ in range(2):  # an unhashable parameter runs every time
        nested = runner.run("n", codes=[["a"], ["b", "c"]])
        assert nested.rows == [(2,)] and "cached" not in nested.extra


def test_points_are_never_cached_nor_take_a_cache_slot(tmp_path, monkeypatch):
    _statements(monkeypatch, one="SELECT 1 AS v",
                pts="SELECT i, ST_X(geom) AS x, ST_Y(geom) AS y, $tag AS tag FROM batch_points ORDER BY i")
    runner = sql.SqlRunner(_places_file(tmp_path / "p.duckdb", 1), cache_size=1)
    runner.run("one")
    assert runner.run_with_points("pts", [113, 114.5], [37, 38.25], tag="甲").rows == [(0, 113.0, 37.0, "甲"),
                                                                                   (1, 114.5, 38.25, "甲")]
    assert runner.run_with_points("pts", [112], [36], tag="甲").rows == [(0, 112.0, 36.0, "甲")]
    assert runner.run("one").extra == {"cached": True}


def test_close_closes_only_a_connection_it_was_given(tmp_path):
    import duckdb

    con = db.connect()
    sql.SqlRunner.from_connection(con).close()
    with pytest.raises(duckdb.ConnectionException):
        con.execute("SELECT 1")
    runner = sql.SqlRunner(_places_file(tmp_path / "p.duckdb", 2))
    runner.close()  # the shared read-only connection stays open for other readers
    assert len(runner.run("place_names").rows) == 2


# Not named *postgis*: scripts/mutation leaves those out (-k "not postgis"), and this one needs no server.
def test_runner_on_a_server_hands_everything_to_the_server_module(monkeypatch):
    """The statement, parameters, limits and points go to postgis.run as given (the server itself is tested in
    test_postgis_store.py); the runner caps the rows and marks the result truncated."""
    from types import SimpleNamespace

    calls = []
    monkeypatch.setattr(sql.postgis, "check_store", lambda url: calls.append(("check", url)))

    def fake_run(url, name, text, params, timeout_s, max_rows, points=None):
        calls.append((url, name, text, params, timeout_s, max_rows, points))
        return ["name", "n"], [("p", i) for i in range(rows_on_server)]

    monkeypatch.setattr(sql.postgis, "run", fake_run)
    ticks = iter([5.0, 5.5, 6.0, 6.125])
    monkeypatch.setattr(sql, "time", SimpleNamespace(perf_counter=lambda: next(ticks)))
    url = "postgresql://u@h/d"
    runner = sql.SqlRunner(url, timeout_s=2.5, max_rows=3)
    assert runner.on_server and calls == [("check", url)]
    text = sql.named("place_names").text
    rows_on_server = 4
    result = runner.run("place_names")
    assert calls[1] == (url, "place_names", text, {}, 2.5, 3, None)
    assert (result.name, result.sql, result.params, result.columns) == ("place_names", text, {}, ["name", "n"])
    assert result.rows == [("p", 0), ("p", 1), ("p", 2)] and result.truncated and result.elapsed_ms == 500.0
    rows_on_server = 3
    result = runner.run_with_points("batch_points_membership", [113, 114], [37, 38])
    assert calls[2] == (url, "batch_points_membership", sql.named("batch_points_membership").text, {}, 2.5, 3,
                        ([113.0, 114.0], [37.0, 38.0]))
    assert len(result.rows) == 3 and not result.truncated and result.elapsed_ms == 125.0


def test_server_data_version_is_asked_at_most_every_few_seconds(monkeypatch):
    import uuid
    from types import SimpleNamespace

    clock = [1000.0]
    monkeypatch.setattr(sql, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    asked = []
    versions = {}

    def fake_run(url, name, text, params, timeout_s, max_rows, points=None):
        asked.append((url, name, text, params, timeout_s, max_rows, points))
        return ["data_version"], versions[url]

    monkeypatch.setattr(sql.postgis, "run", fake_run)
    url, other = (f"postgresql://u@h/{uuid.uuid4().hex}" for _ in range(2))  # the throttle is per URL, per process
    versions[url], versions[other] = [(7,)], []

    def at(t, target=url, **kw):
        clock[0] = t
        return sql.server_data_version(target, **kw)

    assert at(1000.0) == "7"
    assert asked == [(url, "meta_data_version", sql.named("meta_data_version").text, {}, 5.0, 1, None)]
    versions[url] = [(8,)]
    assert at(1002.9) == "7" and len(asked) == 1  # asked 2.9 s ago: the last answer
    assert at(1003.0) == "8" and len(asked) == 2  # 3 s: asked again
    versions[url] = [("v9",)]
    assert at(1006.5) == "v9" and len(asked) == 3  # 3.5 s after the last ask
    assert at(1015.0, every_s=10) == "v9" and len(asked) == 3
    assert at(1015.0, other) == "" and asked[-1][0] == other  # another server, asked on its own; no rows: ""
