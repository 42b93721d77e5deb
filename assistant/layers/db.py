"""DuckDB connections with the spatial extension loaded from its PyPI wheel (no download)."""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

import duckdb

from ..errors import DataError

# Geometries are stored in CGCS2000 lon/lat; areas and distances are measured in
# CGCS2000 3-degree Gauss-Krüger zone 38 (central meridian 114°E, easting with the 38 prefix).


@cache
def spatial_extension_path() -> str:
    import duckdb_extension_spatial

    root = Path(duckdb_extension_spatial.__file__).parent
    found = sorted(root.glob(f"extensions/v{duckdb.__version__}/spatial.duckdb_extension"))
    if not found:
        raise DataError(f"未找到与 DuckDB {duckdb.__version__} 匹配的空间扩展文件，请按 README 重新安装依赖。")
    return str(found[0])


def connect(path: str | Path = ":memory:", read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a database and load spatial; `always_xy` keeps x = longitude in every transform."""
    if read_only and str(path) != ":memory:" and not Path(path).exists():
        raise DataError(f"图层数据库 {path} 不存在，请先运行 `yqplan build` 生成。")
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute(f"LOAD '{spatial_extension_path()}'")
    # GLOBAL so cursors (one per query in sql.SqlRunner) keep x = longitude in every transform too.
    con.execute("SET GLOBAL geometry_always_xy = true")
    define_macros(con)
    return con


# The metric-area expression every statement in spatial_sql/ shares, as temporary macros: nothing is
# stored in the database file, so its format is unchanged. Temporary macros belong to one connection,
# and a cursor is a connection of its own: sql.SqlRunner defines them on each cursor it makes.
MACROS = """
CREATE OR REPLACE TEMP MACRO metric_geom(g) AS ST_Transform(g, 'EPSG:4490', 'EPSG:4526', always_xy := true);
CREATE OR REPLACE TEMP MACRO metric_area(g) AS ST_Area(metric_geom(g));
"""


def define_macros(con: duckdb.DuckDBPyConnection) -> None:
    """metric_geom(g): EPSG:4490 -> EPSG:4526 (x = easting); metric_area(g): its planar area in m²."""
    con.execute(MACROS)


_shared: dict[str, tuple[float, duckdb.DuckDBPyConnection]] = {}
_shared_lock = threading.Lock()


def shared_read_only(path: str | Path) -> duckdb.DuckDBPyConnection:
    """One read-only connection per database file per process, reopened once the file is replaced.

    DuckDB keeps one instance per path in a process, so every reader must let go of the old file
    together: `yqplan build` and `yqplan import` swap in a new file while the app is serving.
    """
    key = str(Path(path).resolve())
    with _shared_lock:
        if not Path(key).exists():
            raise DataError(f"图层数据库 {key} 不存在，请先运行 `yqplan build` 生成。")
        mtime = Path(key).stat().st_mtime
        cached = _shared.get(key)
        if cached is not None and cached[0] == mtime:
            return cached[1]
        if cached is not None:
            cached[1].close()
        con = connect(key, read_only=True)
        _shared[key] = (mtime, con)
        return con
