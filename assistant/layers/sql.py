"""The one guarded way to run SQL: named statements from spatial_sql/, read-only, time limit, row cap."""

from __future__ import annotations

import os
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from ..errors import QueryError
from . import db, postgis

SQL_DIR = Path(__file__).resolve().parents[2] / "spatial_sql"
_PARAM_DOC = re.compile(r"^--\s*\$(\w+)\s*:\s*(.+)$", re.M)
_PARAM_USE = re.compile(r"\$(\w+)")


@dataclass(frozen=True)
class NamedSQL:
    name: str
    text: str
    params: dict[str, str]  # parameter -> one-line description from the file's header
    summary: str


@cache
def named(name: str) -> NamedSQL:
    """Load spatial_sql/<name>.sql; every $param it uses must be documented in its header."""
    path = SQL_DIR / f"{name}.sql"
    if not path.is_file():
        raise QueryError(f"未知的查询名称：{name}")
    text = path.read_text(encoding="utf-8")
    params = dict(_PARAM_DOC.findall(text))
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    used = set(_PARAM_USE.findall(body))
    if used != set(params):
        raise QueryError(f"查询 {name} 的参数说明与语句不一致：说明 {sorted(params)}，使用 {sorted(used)}")
    summary = next((ln.lstrip("- ").strip() for ln in text.splitlines() if ln.startswith("--")), name)
    return NamedSQL(name, text, params, summary)


def all_named() -> list[str]:
    return sorted(p.stem for p in SQL_DIR.glob("*.sql") if not p.stem.startswith("schema"))


@dataclass
class QueryResult:
    name: str
    sql: str
    params: dict[str, Any]
    columns: list[str]
    rows: list[tuple]
    truncated: bool
    elapsed_ms: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def table(self, title: str) -> dict[str, Any]:
        """The `tables` entry of an answer: title, columns, rows, and the SQL that made them."""
        return {"title": title, "columns": self.columns, "rows": [list(r) for r in self.rows],
                "sql": self.sql.strip(), "truncated": self.truncated}


class SqlRunner:
    """Runs named statements read-only on one store: a DuckDB file, or PostGIS when given a postgresql:// URL."""

    def __init__(self, path: str | Path, timeout_s: float = 5.0, max_rows: int = 1000, cache_size: int = 0):
        self.path = str(path)
        self.timeout_s = timeout_s
        self.max_rows = max_rows
        # No private connection: runners share the process-wide read-only one, which follows a rebuilt file
        # (on PostGIS: the process-wide pool of read-only connections).
        self._con = None
        self._lock = threading.Lock()
        if self.on_server:
            postgis.check_store(self.path)  # an empty server fails here, with a Chinese message
        else:
            db.shared_read_only(self.path)  # a missing file fails here, with a Chinese message
        # Results of the last `cache_size` distinct (statement, parameters), for the file as it is now: the
        # read-only file changes only by a build or import swapping in a new one, which empties the cache.
        # The chat's stats and figure SQL were ~90 % of an answer's time under load (issue 11).
        self.cache_size = cache_size
        self._cache: OrderedDict[tuple, QueryResult] = OrderedDict()
        self._cache_file: tuple | None = None

    @property
    def on_server(self) -> bool:
        return self._con is None and postgis.is_url(self.path)

    def _connection(self) -> duckdb.DuckDBPyConnection:
        return self._con if self._con is not None else db.shared_read_only(self.path)

    @classmethod
    def from_connection(cls, con: duckdb.DuckDBPyConnection, timeout_s: float = 5.0,
                        max_rows: int = 1000) -> SqlRunner:
        runner = cls.__new__(cls)
        runner.path, runner.timeout_s, runner.max_rows = ":memory:", timeout_s, max_rows
        runner._con, runner._lock = con, threading.Lock()
        runner.cache_size, runner._cache, runner._cache_file = 0, OrderedDict(), None
        return runner

    def _file_identity(self) -> tuple | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _cache_key(self, name: str, params: dict[str, Any]) -> tuple | None:
        try:
            key = (name, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())))
            hash(key)
        except TypeError:
            return None  # an unhashable parameter: run it, do not cache it
        return key

    def _cached(self, key: tuple | None) -> QueryResult | None:
        if not self.cache_size or key is None:
            return None
        identity = self._file_identity()
        with self._lock:
            if identity != self._cache_file:
                self._cache.clear()
                self._cache_file = identity
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
        if hit is None:
            return None
        return replace(hit, params=dict(hit.params), rows=list(hit.rows), extra={**hit.extra, "cached": True})

    def _keep(self, key: tuple | None, result: QueryResult, identity: tuple | None) -> None:
        if not self.cache_size or key is None or identity is None:
            return
        with self._lock:
            if identity != self._cache_file:
                return  # the file changed while this query ran
            self._cache[key] = replace(result, rows=list(result.rows))
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def run_with_points(self, name: str, lons, lats, **params: Any) -> QueryResult:
        """Run a statement that joins the temp table batch_points (i, geom): the points pushed to the engine."""
        lons, lats = [float(v) for v in lons], [float(v) for v in lats]
        return self.run(name, _points=(lons, lats), **params)

    def run(self, name: str, _points: tuple[list[float], list[float]] | None = None, **params: Any) -> QueryResult:
        stmt = named(name)
        missing = set(stmt.params) - set(params)
        unknown = set(params) - set(stmt.params)
        if missing or unknown:
            raise QueryError(f"查询 {name} 参数不符：缺少 {sorted(missing)}，多余 {sorted(unknown)}")
        if self.on_server:
            started = time.perf_counter()
            columns, rows = postgis.run(self.path, name, stmt.text, params, self.timeout_s, self.max_rows,
                                        _points)
            return QueryResult(name, stmt.text, params, columns, rows[: self.max_rows], len(rows) > self.max_rows,
                               (time.perf_counter() - started) * 1000)
        # a batch of points is never cached: the same statement answers other points next time
        key = self._cache_key(name, params) if self.cache_size and _points is None else None
        hit = self._cached(key)
        if hit is not None:
            return hit
        identity = self._cache_file
        with self._lock:
            cur = self._connection().cursor()
        db.define_macros(cur)
        if _points is not None:  # a temp table of this cursor's own connection: other readers never see it
            cur.execute("CREATE OR REPLACE TEMP TABLE batch_points (i BIGINT, geom GEOMETRY)")
            cur.execute("INSERT INTO batch_points SELECT i, ST_Point(x, y) FROM (SELECT unnest(range(len($lons))) AS i, "
                        "unnest($lons) AS x, unnest($lats) AS y)", {"lons": _points[0], "lats": _points[1]})
        timer = threading.Timer(self.timeout_s, cur.interrupt)
        started = time.perf_counter()
        timer.start()
        try:
            cur.execute(stmt.text, params or None)
            columns = [d[0] for d in cur.description or []]
            rows = cur.fetchmany(self.max_rows + 1)
        except duckdb.InterruptException as exc:
            raise QueryError(f"查询 {name} 超过 {self.timeout_s:g} 秒被中止，请缩小范围后重试。") from exc
        except duckdb.Error as exc:
            raise QueryError(f"查询 {name} 执行失败：{exc}") from exc
        finally:
            timer.cancel()
            cur.close()
        truncated = len(rows) > self.max_rows
        result = QueryResult(name, stmt.text, params, columns, rows[: self.max_rows], truncated,
                             (time.perf_counter() - started) * 1000)
        self._keep(key, result, identity)
        return result

    def close(self) -> None:
        """Close the connection given to from_connection; the shared read-only one stays open for other readers."""
        if self._con is not None:
            self._con.close()


_server_versions: dict[str, tuple[float, str]] = {}
_server_versions_lock = threading.Lock()


def server_data_version(url: str, every_s: float = 3.0) -> str:
    """meta.data_version of a PostGIS store, asked of the server at most once every `every_s` seconds.

    Every build and import writes a new one; app replicas compare it to reload their caches (issue 13).
    """
    now = time.monotonic()
    with _server_versions_lock:
        cached = _server_versions.get(url)
        if cached is not None and now - cached[0] < every_s:
            return cached[1]
    _, rows = postgis.run(url, "meta_data_version", named("meta_data_version").text, {}, 5.0, 1)
    version = str(rows[0][0]) if rows else ""
    with _server_versions_lock:
        _server_versions[url] = (now, version)
    return version
