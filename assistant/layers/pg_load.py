"""Loading the PostGIS store: copy a built DuckDB database into a fresh schema, then swap it in atomically.

`yqplan build --to URL` and `yqplan import CONFIG --to URL` build or change a DuckDB copy as they always
do, then `publish` copies its tables (geometry as WKB) into `yqplan_load_<n>`, adds the dialect
functions, GiST and key indexes, and renames schemas in one transaction: readers see the old store or
the new one, never a half-loaded one. A writer killed midway leaves only a `yqplan_load_*` schema,
which the next writer drops. One writer at a time: a session-level advisory lock, released by the
server when the writer's connection ends (so a killed writer never leaves it behind).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import DataError
from . import db, postgis
from .lock import BUSY
from .sql import SQL_DIR

LOAD_PREFIX = f"{postgis.SCHEMA}_load_"
WRITER_LOCK_KEY = 2026_13_01  # pg_advisory_lock key of the one store writer

_TYPES = {"VARCHAR": 'text COLLATE "C"', "DOUBLE": "double precision", "BOOLEAN": "boolean",
          "INTEGER": "integer", "BIGINT": "bigint", "TIMESTAMP": "timestamp", "DATE": "date",
          "GEOMETRY": "geometry", "VARCHAR[]": 'text[] COLLATE "C"'}


def _quiet(_line: str) -> None:
    pass


@contextmanager
def store_writer(url: str, what: str) -> Iterator:
    """An autocommit connection holding the store's writer lock; a second writer is refused in Chinese."""
    con = postgis.connect(url, autocommit=True)
    try:
        if not con.execute("SELECT pg_try_advisory_lock(%s)", [WRITER_LOCK_KEY]).fetchone()[0]:
            raise DataError(f"{BUSY}（PostGIS {postgis.redact(url)}）：为免数据丢失，本次{what}未执行。"
                            "请等它完成后再运行。")
        yield con
    finally:
        con.close()  # ending the session releases the advisory lock


def _pg_type(duck_type: str, table: str, column: str) -> str:
    if duck_type not in _TYPES:
        raise DataError(f"表 {table} 的列 {column} 类型 {duck_type} 无法写入 PostGIS。")
    return _TYPES[duck_type]


def _tables(duck) -> list[str]:
    return [r[0] for r in duck.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal AND schema_name = 'main' "
        "ORDER BY table_name").fetchall()]


def _copy_table(duck, pg, schema: str, table: str) -> int:
    cols = duck.execute("SELECT column_name, data_type FROM information_schema.columns "
                        "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
                        [table]).fetchall()
    constraints = duck.execute("SELECT constraint_type, constraint_column_names FROM duckdb_constraints() "
                               "WHERE table_name = ? AND schema_name = 'main'", [table]).fetchall()
    not_null = {c[0] for t, c in constraints if t == "NOT NULL"}
    defs = [f'"{name}" {_pg_type(kind, table, name)}{" NOT NULL" if name in not_null else ""}'
            for name, kind in cols]
    for kind, columns in constraints:
        if kind in ("PRIMARY KEY", "UNIQUE"):
            defs.append(f"{kind} ({', '.join(chr(34) + c + chr(34) for c in columns)})")
    pg.execute(f'CREATE TABLE {schema}."{table}" ({", ".join(defs)})')
    select = ", ".join(f'hex(ST_AsWKB("{n}"))' if k == "GEOMETRY" else f'"{n}"' for n, k in cols)
    names = ", ".join(f'"{n}"' for n, _ in cols)
    cur = duck.execute(f'SELECT {select} FROM "{table}"')
    count = 0
    with pg.cursor().copy(f'COPY {schema}."{table}" ({names}) FROM STDIN') as copy:
        while batch := cur.fetchmany(5000):
            for row in batch:
                copy.write_row(row)
            count += len(batch)
    for name, kind in cols:
        if kind == "GEOMETRY":
            pg.execute(f'CREATE INDEX ON {schema}."{table}" USING GIST ("{name}")')
    return count


def _views(duck) -> list[str]:
    return [r[0] for r in duck.execute(
        "SELECT sql FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' ORDER BY view_name").fetchall()]


def drop_leftovers(pg) -> list[str]:
    """Drop load schemas left by writers that died midway (only called under the writer lock)."""
    names = [r[0] for r in pg.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE %s",
                                      [LOAD_PREFIX.replace("_", r"\_") + "%"]).fetchall()]
    for name in names:
        pg.execute(f"DROP SCHEMA {name} CASCADE")
    return names


def publish(duck_path: str | Path, url: str, what: str = "构建",
            progress: Callable[[str], None] | None = None, writer=None) -> dict[str, int]:
    """Copy every table and view of a DuckDB layer database into the PostGIS store, atomically.

    `writer` is a connection from store_writer when the caller already holds the writer lock.
    """
    say = progress or _quiet
    duck = db.connect(duck_path, read_only=True)
    try:
        if writer is not None:
            return _publish_locked(duck, writer, say, what)
        with store_writer(url, what) as pg:
            return _publish_locked(duck, pg, say, what)
    finally:
        duck.close()


def _publish_locked(duck, pg, say: Callable[[str], None], what: str) -> dict[str, int]:
    dropped = drop_leftovers(pg)
    if dropped:
        say(f"清理上次中断的装载：{', '.join(dropped)}")
    if not pg.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone():
        raise DataError("该数据库未启用 PostGIS：请由数据库管理员执行 CREATE EXTENSION postgis; 后重试。")
    schema = f"{LOAD_PREFIX}{int(time.time())}_{secrets.token_hex(3)}"
    counts: dict[str, int] = {}
    started = time.perf_counter()
    pg.execute(f"CREATE SCHEMA {schema}")
    pg.execute(f"SET search_path = {schema}, public")
    with pg.transaction():
        for table in _tables(duck):
            counts[table] = _copy_table(duck, pg, schema, table)
            say(f"  {table}: {counts[table]} 行")
        for view_sql in _views(duck):
            pg.execute(view_sql)
        pg.execute((SQL_DIR / "schema_postgis_dialect.sql").read_text(encoding="utf-8"))
        if "features" in counts:
            pg.execute(f"CREATE INDEX ON {schema}.features (layer, version)")
    for table in counts:
        pg.execute(f'ANALYZE {schema}."{table}"')
    kept = swap(pg, schema, keep_imported=(what == "构建"))
    if kept:
        say(f"注意：原图层库含导入的真实图层，已保留为模式 {kept}；重建后请重新运行 `yqplan import … --to …`。")
    say(f"已写入 PostGIS（{time.perf_counter() - started:.1f} s）")
    return counts


def _holds_imports(pg, schema: str) -> bool:
    if pg.execute("SELECT to_regclass(%s)", [f"{schema}.meta"]).fetchone()[0] is None:
        return False
    return pg.execute(f"SELECT 1 FROM {schema}.meta WHERE key = 'last_import'").fetchone() is not None


def swap(pg, schema: str, keep_imported: bool = False) -> str | None:
    """Rename the loaded schema to the store's name in one transaction; drop the old store after.

    With keep_imported (a demo rebuild), an old store holding imported layers is kept under a dated
    name instead of dropped, as the DuckDB build keeps a backup file; returns that name.
    """
    old = f"{postgis.SCHEMA}_old_{secrets.token_hex(4)}"
    kept = None
    with pg.transaction():
        pg.execute("SET LOCAL lock_timeout = '30s'")
        exists = pg.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [postgis.SCHEMA]).fetchone()
        if exists:
            pg.execute(f"ALTER SCHEMA {postgis.SCHEMA} RENAME TO {old}")
        pg.execute(f"ALTER SCHEMA {schema} RENAME TO {postgis.SCHEMA}")
    if exists and keep_imported and _holds_imports(pg, old):
        kept = f"{postgis.SCHEMA}_imported_{time.strftime('%Y%m%d_%H%M%S')}"
        pg.execute(f"ALTER SCHEMA {old} RENAME TO {kept}")
    elif exists:
        # Waits for queries still reading the old tables; new queries already see the new store.
        pg.execute(f"DROP SCHEMA {old} CASCADE")
    return kept


def pull(url: str, duck_path: str | Path) -> Path:
    """The store copied into a new DuckDB file (same schema), for `import --to` to change and publish back.

    Uses DuckDB's postgres extension (from PyPI, loaded by path) to read the server; geometry as WKB.
    """
    duck_path = Path(duck_path)
    pg = postgis.connect(url)
    try:
        if not postgis.store_exists(pg):
            raise DataError(f"PostGIS 数据库 {postgis.redact(url)} 中还没有图层数据，"
                            f"请先运行 `yqplan build --to {postgis.redact(url)}`。")
        tables = [r[0] for r in pg.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s "
            "AND table_type = 'BASE TABLE'", [postgis.SCHEMA]).fetchall()]
        geom_cols = {(r[0], r[1]) for r in pg.execute(
            "SELECT f_table_name, f_geometry_column FROM geometry_columns WHERE f_table_schema = %s",
            [postgis.SCHEMA]).fetchall()}
    finally:
        pg.close()
    duck = db.connect(duck_path)
    try:
        duck.execute((SQL_DIR / "schema_layers.sql").read_text(encoding="utf-8"))
        duck.execute((SQL_DIR / "schema_figures.sql").read_text(encoding="utf-8"))
        duck.execute("DELETE FROM unit_factors")
        duck.execute(f"LOAD '{postgres_extension_path()}'")
        quoted = url.replace("'", "''")
        duck.execute(f"ATTACH '{quoted}' AS store (TYPE postgres, READ_ONLY)")
        known = set(_tables(duck))
        for table in tables:
            if table not in known:
                continue
            cols = [r[0] for r in duck.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' "
                "AND table_name = ? ORDER BY ordinal_position", [table]).fetchall()]
            inner = ", ".join(f'ST_AsBinary("{c}") AS "{c}"' if (table, c) in geom_cols else f'"{c}"'
                              for c in cols)
            outer = ", ".join(f'ST_GeomFromWKB("{c}")' if (table, c) in geom_cols else f'"{c}"' for c in cols)
            query = f'SELECT {inner} FROM {postgis.SCHEMA}."{table}"'
            duck.execute(f'INSERT INTO "{table}" SELECT {outer} FROM postgres_query(\'store\', ?)', [query])
        duck.execute("DETACH store")
        duck.execute((SQL_DIR / "schema_indexes.sql").read_text(encoding="utf-8"))
        duck.execute("CHECKPOINT")
    finally:
        duck.close()
    return duck_path


def postgres_extension_path() -> str:
    """DuckDB's postgres extension from its PyPI wheel (duckdb-extension-postgres), loaded by path."""
    import duckdb

    try:
        import duckdb_extension_postgres
    except ImportError as exc:
        raise DataError("缺少 duckdb-extension-postgres：请运行 scripts/setup --test 或 "
                        "pip install 'yqplan[postgis]'。") from exc
    root = Path(duckdb_extension_postgres.__file__).parent
    found = sorted(root.glob(f"extensions/v{duckdb.__version__}/postgres*.duckdb_extension"))
    if not found:
        raise DataError(f"未找到与 DuckDB {duckdb.__version__} 匹配的 postgres 扩展文件。")
    # DuckDB derives the entry point from the file name (postgres_scanner_duckdb_cpp_init), and the wheel
    # ships it as postgres.duckdb_extension: load a copy under the name DuckDB expects.
    import os
    import shutil
    import tempfile

    target = Path(tempfile.gettempdir()) / f"yqplan-duckdb-v{duckdb.__version__}" / "postgres_scanner.duckdb_extension"
    if not target.exists() or target.stat().st_size != found[0].stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        shutil.copyfile(found[0], tmp)
        os.replace(tmp, target)
    return str(target)
