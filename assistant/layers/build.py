"""`yqplan build`: the layer database, built in a temp file and swapped in atomically."""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from ..errors import DataError, InputError, PlanError
from ..settings import Settings
from . import db
from .lock import writer_lock
from .sql import SQL_DIR

# Bump whenever the schema or the meaning of a column changes: ensure_database then rebuilds.
FORMAT_VERSION = "1"
DEFAULT_SEED = 20260601

Progress = Callable[[str], None]

# Per layer: demo flag, sources and the feature count of the current (维护后, or only) version.
LAYER_STATUS_SQL = """
INSERT INTO layer_status
WITH change_demo AS (SELECT layer, bool_or(demo) AS demo FROM changes GROUP BY layer)
SELECT f.layer, bool_or(f.demo) OR coalesce(any_value(c.demo), false),
       string_agg(DISTINCT f.source, '、' ORDER BY f.source),
       CASE WHEN count(*) FILTER (WHERE f.version = '维护后') > 0
            THEN count(*) FILTER (WHERE f.version = '维护后') ELSE count(*) END,
       $loaded_at
FROM features f LEFT JOIN change_demo c USING (layer) GROUP BY f.layer
UNION ALL
SELECT '重点建设项目', bool_or(demo), CASE WHEN bool_and(demo) THEN 'demo' ELSE '导入' END, count(*), $loaded_at
FROM key_projects HAVING count(*) > 0
UNION ALL
SELECT '地块', bool_or(demo), CASE WHEN bool_and(demo) THEN 'demo' ELSE '导入' END, count(*), $loaded_at
FROM parcels HAVING count(*) > 0
UNION ALL
SELECT '地名', bool_or(demo), CASE WHEN bool_and(demo) THEN 'demo' ELSE '导入' END, count(*), $loaded_at
FROM places HAVING count(*) > 0
"""


def print_to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _quiet(_line: str) -> None:
    pass


# --- atomic replacement ------------------------------------------------------------------------

def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def temp_path(target: str | Path) -> Path:
    """A fresh temp file name beside the target (same filesystem, so os.replace is atomic)."""
    target = Path(target)
    return target.with_name(f"{target.name}.tmp-{os.getpid()}-{secrets.token_hex(3)}")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale_temps(target: str | Path) -> list[Path]:
    """Delete temp files left by builds or imports whose process died (e.g. killed mid-build)."""
    target = Path(target)
    removed = []
    for p in target.parent.glob(f"{target.name}.tmp-*"):
        pid = p.name.removeprefix(f"{target.name}.tmp-").split("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed


def _remove(path: Path) -> None:
    for p in (path, _wal(path)):
        p.unlink(missing_ok=True)


def swap_in(tmp_path: str | Path, target: str | Path) -> Path:
    """Atomically replace target with the closed, checkpointed database at tmp_path."""
    tmp_path, target = Path(tmp_path), Path(target)
    # A leftover WAL of the old file would be replayed onto the new one; the copy already holds its rows.
    _wal(target).unlink(missing_ok=True)
    os.replace(tmp_path, target)
    if _wal(tmp_path).exists():
        os.replace(_wal(tmp_path), _wal(target))
    return target


@contextmanager
def atomic_database(target: str | Path, fresh: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a writable connection to a copy of target (or an empty file if fresh); swap it in on success.

    If the block raises, the copy is deleted and target is left exactly as it was. Readers that
    already have target open keep seeing the old file until they reopen it.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale_temps(target)
    tmp = temp_path(target)
    done = False
    con = None
    try:
        if not fresh:
            if not target.exists():
                raise DataError(f"图层数据库 {target} 不存在，请先运行 `yqplan build`。")
            shutil.copyfile(target, tmp)
            if _wal(target).exists():
                shutil.copyfile(_wal(target), _wal(tmp))
        con = db.connect(tmp)
        yield con
        con.execute("CHECKPOINT")
        con.close()
        con = None
        swap_in(tmp, target)
        done = True
    finally:
        if con is not None:
            con.close()
        if not done:
            _remove(tmp)


# --- build steps -------------------------------------------------------------------------------

@dataclass
class BuildContext:
    settings: Settings
    seed: int
    scale: int
    progress: Progress
    timings: list[tuple[str, float]] = field(default_factory=list)


def _run_sql_file(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.execute((SQL_DIR / name).read_text(encoding="utf-8"))


def _step_schema(ctx: BuildContext, con: duckdb.DuckDBPyConnection) -> None:
    # schema_figures.sql is run by figures.load_figures, which owns those tables.
    _run_sql_file(con, "schema_layers.sql")


def _step_admin(ctx: BuildContext, con: duckdb.DuckDBPyConnection) -> None:
    from . import admin

    admin.load_admin(con, ctx.settings.admin_geojson)


def _step_places(ctx: BuildContext, con: duckdb.DuckDBPyConnection) -> None:
    from . import places

    places.load_places(con)


def _step_demo_layers(ctx: BuildContext, con: duckdb.DuckDBPyConnection) -> None:
    from ..demo import layers as demo_layers

    def sub(line: str) -> None:
        ctx.progress(f"      {line}")

    demo_layers.generate_demo_layers(con, ctx.seed, ctx.scale, sub)


def _step_demo_tables(ctx: BuildContext, con: duckdb.DuckDBPyConnection) -> None:
    from ..demo import parcels as demo_parcels
    from ..demo import tables as demo_tables

    demo_tables.generate_key_projects(con, ctx.seed, ctx.scale)
    demo_parcels.generate_parcels(con, ctx.seed, ctx.scale)


def _step_figures(ctx: BuildContext, con: duckdb.DuckDBPyConnection) -> None:
    from ..plan import corpus
    from . import figures

    figures.load_figures(con, corpus.load_corpus(ctx.settings.corpus_dir))


def _step_indexes(ctx: BuildContext, con: duckdb.DuckDBPyConnection) -> None:
    _run_sql_file(con, "schema_indexes.sql")


def _corpus_fingerprint(corpus_dir: str) -> str:
    from ..plan import corpus

    try:
        return corpus.corpus_fingerprint(corpus_dir)
    except (PlanError, OSError):
        return ""


def write_layer_status(con: duckdb.DuckDBPyConnection, loaded_at: datetime | None = None) -> int:
    """Recompute layer_status from the data tables (one row per layer); returns the row count."""
    con.execute("DELETE FROM layer_status")
    con.execute(LAYER_STATUS_SQL, {"loaded_at": loaded_at or datetime.now()})
    return con.execute("SELECT count(*) FROM layer_status").fetchone()[0]


def write_meta(con: duckdb.DuckDBPyConnection, values: dict[str, object]) -> None:
    """Upsert meta key/value pairs (values stored as text)."""
    for key, value in values.items():
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, str(value)])


def new_data_version() -> str:
    """A fresh, increasing data version: nanoseconds since the epoch (each build and import writes one)."""
    return str(time.time_ns())


def _step_status(ctx: BuildContext, con: duckdb.DuckDBPyConnection) -> None:
    now = datetime.now()
    write_layer_status(con, now)
    write_meta(con, {
        "format_version": FORMAT_VERSION,
        "data_version": new_data_version(),
        "built_at": now.isoformat(timespec="seconds"),
        "seed": ctx.seed,
        "demo_scale": ctx.scale,
        "corpus_fingerprint": _corpus_fingerprint(ctx.settings.corpus_dir),
    })


STEPS: list[tuple[str, Callable[[BuildContext, duckdb.DuckDBPyConnection], None]]] = [
    ("建立数据库结构", _step_schema),
    ("载入行政区界线", _step_admin),
    ("载入地名", _step_places),
    ("生成演示图层", _step_demo_layers),
    ("生成重点建设项目与演示地块", _step_demo_tables),
    ("提取规划文本中的指标", _step_figures),
    ("建立空间索引", _step_indexes),
    ("写入图层状态与元数据", _step_status),
]


def build_database(settings: Settings, seed: int = DEFAULT_SEED, scale: int = 1,
                   progress: Progress | None = print_to_stderr) -> Path:
    """Build the demo layer database at settings.db_path; the old file survives any failure."""
    if scale < 1:
        raise InputError(f"--demo-scale 应为不小于 1 的整数，您给的是 {scale}。")
    if seed < 0:
        # numpy's generator refuses negative seeds, which would fail only at step 4 with an English error.
        raise InputError(f"--seed 应为不小于 0 的整数，您给的是 {seed}。")
    target = Path(settings.db_path)
    ctx = BuildContext(settings, seed, scale, progress or _quiet)
    with writer_lock(target, "构建"):
        # Under the lock: an import cannot land between this backup and the swap below and be lost.
        keep_imported(target, ctx.progress)
        _build_locked(ctx, target)
    return target


def _build_locked(ctx: BuildContext, target: Path) -> None:
    started = time.perf_counter()
    step_no, label = 0, "打开临时数据库"
    try:
        with atomic_database(target, fresh=True) as con:
            for step_no, (label, step) in enumerate(STEPS, start=1):
                t0 = time.perf_counter()
                step(ctx, con)
                elapsed = time.perf_counter() - t0
                ctx.timings.append((label, elapsed))
                ctx.progress(f"[{step_no}/{len(STEPS)}] {label}… {elapsed:.1f} s")
            write_meta(con, {"build_seconds": f"{time.perf_counter() - started:.1f}",
                             "build_steps": "; ".join(f"{name} {t:.1f} s" for name, t in ctx.timings)})
    except Exception as exc:  # any failure: report it in Chinese; atomic_database already kept the old file
        reason = (str(exc) if isinstance(exc, PlanError) else f"{type(exc).__name__}: {exc}").rstrip("。")
        kept = "原数据库保持不变" if target.exists() else "未生成数据库文件"
        raise DataError(f"构建图层数据库失败（第 {step_no}/{len(STEPS)} 步“{label}”）：{reason}。"
                        f"{kept}；请排除问题后重新运行 `yqplan build`。") from exc
    ctx.progress(f"图层数据库已生成：{target}（共 {time.perf_counter() - started:.1f} s）")


def keep_imported(target: Path, say: Progress) -> Path | None:
    """Before a rebuild replaces a database holding imported layers, copy it aside: nothing is lost."""
    if not target.exists():
        return None
    try:
        imported = "last_import" in read_meta(target)
    except duckdb.Error:
        return None
    if not imported:
        return None
    backup = target.with_name(f"{target.stem}.imported-{time.strftime('%Y%m%d-%H%M%S')}{target.suffix}")
    shutil.copy2(target, backup)
    say(f"注意：原数据库含导入的真实图层，已备份到 {backup}；重建后请重新运行 `yqplan import`。")
    return backup


def read_meta(path: str | Path) -> dict[str, str]:
    """The meta table of an existing database (empty if it has none); no spatial extension needed."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "meta" not in tables:
            return {}
        return dict(con.execute("SELECT key, value FROM meta").fetchall())
    finally:
        con.close()


def ensure_database(settings: Settings, progress: Progress | None = print_to_stderr) -> Path:
    """Build the database if it is missing or its format_version is not FORMAT_VERSION."""
    say = progress or _quiet
    target = Path(settings.db_path)
    if not target.exists():
        say(f"未找到图层数据库 {target}，正在生成演示数据库…")
        return build_database(settings, progress=progress)
    try:
        meta = read_meta(target)
    except duckdb.IOException as exc:
        # Locked by a writer (a running build or import): reading it later will work, rebuilding would not.
        raise DataError(f"图层数据库 {target} 正被其他进程写入，请稍后重试。") from exc
    except duckdb.Error:
        meta = {}
    found = meta.get("format_version")
    if found == FORMAT_VERSION:
        return target
    say(f"图层数据库格式版本为 {found or '未知'}，程序需要 {FORMAT_VERSION}，正在重建…")
    seed = int(meta.get("seed", DEFAULT_SEED)) if meta.get("seed", "").isdigit() else DEFAULT_SEED
    scale = int(meta.get("demo_scale", 1)) if meta.get("demo_scale", "").isdigit() else 1
    return build_database(settings, seed=seed, scale=scale, progress=progress)


def build_to_server(settings: Settings, url: str, seed: int = DEFAULT_SEED, scale: int = 1,
                    progress: Progress | None = print_to_stderr) -> dict[str, str]:
    """`yqplan build --to URL`: build in a temp DuckDB file as always, then publish it to PostGIS atomically."""
    import tempfile

    from . import pg_load

    with tempfile.TemporaryDirectory(prefix="yqplan-build-") as tmp:
        path = build_database(settings.with_paths(db_path=str(Path(tmp) / "plan.duckdb")), seed=seed,
                              scale=scale, progress=progress)
        (progress or _quiet)("写入 PostGIS 图层库…")
        pg_load.publish(path, url, "构建", progress)
        return read_meta(path)


def cmd_build(args, settings: Settings) -> int:
    if getattr(args, "to", None):
        from .postgis import is_url, redact

        if not is_url(args.to):
            raise InputError(f"--to 应为 postgresql://… 地址，您给的是 {args.to}。")
        meta = build_to_server(settings, args.to, seed=args.seed, scale=args.demo_scale)
        print(f"{redact(args.to)}（模式 yqplan）\n格式版本 {meta.get('format_version')}，数据版本 "
              f"{meta.get('data_version')}，用时 {meta.get('build_seconds')} s")
        return 0
    path = build_database(settings, seed=args.seed, scale=args.demo_scale, progress=print_to_stderr)
    meta = read_meta(path)
    print(f"{path}\n格式版本 {meta.get('format_version')}，种子 {meta.get('seed')}，倍数 {meta.get('demo_scale')}，"
          f"用时 {meta.get('build_seconds')} s（{meta.get('build_steps')}）")
    return 0
