"""The PostGIS backend of the layer store (issue 13): connections, the SQL dialect seam, reading.

The store lives in one schema, `yqplan`, of the database named by a `postgresql://` URL. It holds the
same tables and views as the DuckDB file; geometries are SRID 0 with CGCS2000 lon/lat, as in DuckDB.
Loading (pg_load.py) fills a fresh schema and renames it to `yqplan` in one transaction.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from ..errors import DataError, QueryError

SCHEMA = "yqplan"
_PARAM = re.compile(r"\$(\w+)")


def is_url(target: object) -> bool:
    """True for a PostgreSQL connection URL (the store on a server), False for a DuckDB file path."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def to_pyformat(sql: str) -> str:
    """A named statement's `$name` parameters as psycopg's `%(name)s` (a literal % doubled)."""
    return _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))


def connect(url: str, schema: str = SCHEMA, autocommit: bool = False):
    """A psycopg connection whose search_path is the store schema first (so the dialect functions there
    come before PostGIS's own), then public (PostGIS)."""
    import psycopg

    try:
        con = psycopg.connect(url, autocommit=autocommit, prepare_threshold=None, connect_timeout=10,
                              options=f"-c search_path={schema},public")
    except psycopg.OperationalError as exc:
        raise DataError(f"无法连接 PostGIS 数据库 {redact(url)}：{str(exc).strip()}。"
                        "请检查 YQPLAN_DB_URL 与数据库服务是否运行。") from exc
    return con


def store_exists(con, schema: str = SCHEMA) -> bool:
    return con.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [schema]).fetchone() is not None


class Pool:
    """A few reusable read-only connections to one server; a broken connection is dropped, not reused."""

    def __init__(self, url: str, size: int = 8):
        self.url, self.size = url, size
        self._idle: list[Any] = []
        self._lock = threading.Lock()

    def take(self):
        with self._lock:
            while self._idle:
                con = self._idle.pop()
                if not con.closed:
                    return con
        con = connect(self.url)
        con.read_only = True
        return con

    def give(self, con) -> None:
        if con.closed or con.info.transaction_status != 0:  # 0 = idle, outside a transaction
            con.close()
            return
        with self._lock:
            if len(self._idle) < self.size:
                self._idle.append(con)
                return
        con.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for con in idle:
            con.close()


_pools: dict[str, Pool] = {}
_pools_lock = threading.Lock()


def pool(url: str) -> Pool:
    """One pool per server URL per process, shared by every runner (like DuckDB's one shared connection)."""
    with _pools_lock:
        if url not in _pools:
            _pools[url] = Pool(url)
        return _pools[url]


def check_store(url: str) -> None:
    """Fail with a Chinese message unless the server holds a loaded store."""
    p = pool(url)
    con = p.take()
    try:
        found = store_exists(con)
        con.rollback()
    finally:
        p.give(con)
    if not found:
        raise DataError(f"PostGIS 数据库 {redact(url)} 中还没有图层数据（没有 {SCHEMA} 模式），"
                        f"请先运行 `yqplan build --to {redact(url)}` 或 `yqplan import 配置.toml --to …`。")


def run(url: str, name: str, sql: str, params: dict[str, Any], timeout_s: float, max_rows: int,
        points: tuple[list[float], list[float]] | None = None):
    """Run one statement in a read-only transaction with a statement timeout; (columns, rows).

    With `points` (lons, lats), the transaction first fills the temp table batch_points (COPY, GiST index,
    ANALYZE; dropped at commit): PostgreSQL refuses even temp tables in a read-only transaction, so this
    one is read-write, and writes nothing but that temp table.
    """
    import psycopg

    p = pool(url)
    con = p.take()
    try:
        con.read_only = points is None
        with con.transaction():
            cur = con.cursor()
            cur.execute(f"SET LOCAL statement_timeout = {max(1, int(timeout_s * 1000))}")
            if points is not None:
                _fill_points(cur, *points)
            cur.execute(to_pyformat(sql), params or None)
            columns = [d.name for d in cur.description or []]
            rows = cur.fetchmany(max_rows + 1)
    except psycopg.errors.QueryCanceled as exc:
        raise QueryError(f"查询 {name} 超过 {timeout_s:g} 秒被中止，请缩小范围后重试。") from exc
    except psycopg.OperationalError as exc:
        con.close()
        raise DataError(f"PostGIS 数据库连接中断（{redact(url)}）：{str(exc).strip()}，请稍后重试。") from exc
    except psycopg.Error as exc:
        raise QueryError(f"查询 {name} 执行失败：{str(exc).strip()}") from exc
    finally:
        if not con.closed and con.info.transaction_status == 0:
            con.read_only = True
        p.give(con)
    return columns, [tuple(r) for r in rows]


def _fill_points(cur, lons: list[float], lats: list[float]) -> None:
    cur.execute("CREATE TEMP TABLE batch_points (i bigint, geom geometry) ON COMMIT DROP")
    with cur.copy("COPY batch_points (i, geom) FROM STDIN") as copy:
        for i, (lon, lat) in enumerate(zip(lons, lats, strict=True)):
            copy.write_row((i, f"POINT({float(lon)!r} {float(lat)!r})"))
    cur.execute("CREATE INDEX ON batch_points USING GIST (geom)")
    cur.execute("ANALYZE batch_points")
