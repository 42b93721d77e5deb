"""`yqplan build`: atomic swap, failure leaves the old database, ensure_database rebuilds on version change."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import duckdb
import pytest
from demo_fixture import insert_demo_boxes

import assistant.demo
from assistant.errors import DataError, InputError
from assistant.layers import build
from assistant.layers.lock import lock_path
from assistant.settings import Settings


def _fake_demo_layers(con, seed, scale, progress):
    insert_demo_boxes(con)
    progress("演示图层（测试替身）")
    return {"features": 6}


@pytest.fixture
def standin_layers(monkeypatch):
    """Replace the full demo-layer generator with a few boxes so a build takes about a second."""
    module = types.ModuleType("assistant.demo.layers")
    module.generate_demo_layers = _fake_demo_layers
    monkeypatch.setitem(sys.modules, "assistant.demo.layers", module)
    monkeypatch.setattr(assistant.demo, "layers", module, raising=False)


@pytest.fixture
def settings(tmp_path):
    return Settings().with_paths(db_path=str(tmp_path / "db" / "plan.duckdb"))


def _sentinel(path, version="sentinel"):
    """A small existing database whose content we can recognise afterwards."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('format_version', ?), ('marker', 'old')", [version])
    con.close()
    return path.read_bytes()


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name or p.name.endswith(".wal"))


def test_build_replaces_database_and_writes_status_and_meta(settings, standin_layers):
    _sentinel(Path(settings.db_path))
    lines = []
    path = build.build_database(settings, seed=11, progress=lines.append)
    assert path == Path(settings.db_path) and _leftovers(path.parent) == []
    steps = [ln for ln in lines if ln.startswith("[")]
    assert len(steps) == len(build.STEPS)
    assert re.fullmatch(r"\[4/8\] 生成演示图层… \d+\.\d s", steps[3])
    assert "      演示图层（测试替身）" in lines
    meta = build.read_meta(path)
    assert "marker" not in meta and meta["format_version"] == build.FORMAT_VERSION
    assert (meta["seed"], meta["demo_scale"]) == ("11", "1")
    assert len(meta["corpus_fingerprint"]) == 64 and "生成演示图层" in meta["build_steps"]
    con = duckdb.connect(str(path), read_only=True)
    status = {r[0]: r[1:] for r in con.execute("SELECT layer, demo, source, feature_count FROM layer_status")
              .fetchall()}
    assert status["永久基本农田"] == (True, "demo", 2)
    assert status["重点建设项目"] == (True, "demo", 564)
    assert status["地块"][2] == 300
    assert status["行政区"][0] is False
    assert con.execute("SELECT count(*) FROM plan_figures").fetchone()[0] > 10
    assert con.execute("SELECT count(*) FROM duckdb_indexes() WHERE index_name LIKE '%rtree%'").fetchone()[0] == 3
    con.close()


def test_failed_build_keeps_existing_database(settings, standin_layers, monkeypatch):
    target = Path(settings.db_path)
    before = _sentinel(target)

    def broken(con, seed, scale):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr("assistant.demo.parcels.generate_parcels", broken)
    with pytest.raises(DataError) as info:
        build.build_database(settings, progress=None)
    message = str(info.value)
    assert "第 5/8 步“生成重点建设项目与演示地块”" in message
    assert "RuntimeError: 磁盘已满" in message and "原数据库保持不变" in message
    assert target.read_bytes() == before
    assert _leftovers(target.parent) == []


def test_failed_first_build_leaves_nothing(settings, monkeypatch):
    def broken(con, path):
        raise DataError("行政区文件损坏")

    monkeypatch.setattr("assistant.layers.admin.load_admin", broken)
    with pytest.raises(DataError, match="第 2/8 步“载入行政区界线”）：行政区文件损坏。未生成数据库文件"):
        build.build_database(settings, progress=None)
    folder = build.temp_path(settings.db_path).parent
    # The writer lock file stays by design (unlinking a flock'd file would let two writers lock two files).
    assert [p for p in folder.iterdir() if p != lock_path(settings.db_path)] == []


def test_ensure_database_rebuilds_only_on_version_mismatch(settings, monkeypatch):
    target = Path(settings.db_path)
    calls = []
    monkeypatch.setattr(build, "build_database", lambda s, **kw: calls.append(kw) or target)

    build.ensure_database(settings, progress=None)
    assert len(calls) == 1  # missing file

    _sentinel(target, version=build.FORMAT_VERSION)
    build.ensure_database(settings, progress=None)
    assert len(calls) == 1  # current version: nothing to do

    target.unlink()
    _sentinel(target, version="0")
    lines = []
    build.ensure_database(settings, progress=lines.append)
    assert len(calls) == 2
    assert "格式版本为 0，程序需要" in lines[0]


def test_atomic_database_swaps_only_on_success(tmp_path):
    target = tmp_path / "plan.duckdb"
    before = _sentinel(target)
    with pytest.raises(ValueError):
        with build.atomic_database(target) as con:
            con.execute("UPDATE meta SET value = 'new' WHERE key = 'marker'")
            raise ValueError("导入中途出错")
    assert target.read_bytes() == before and _leftovers(tmp_path) == []

    with build.atomic_database(target) as con:
        con.execute("UPDATE meta SET value = 'new' WHERE key = 'marker'")
    assert build.read_meta(target)["marker"] == "new"
    assert _leftovers(tmp_path) == []


def test_atomic_database_needs_an_existing_file(tmp_path):
    with pytest.raises(DataError, match="请先运行 `yqplan build`"):
        with build.atomic_database(tmp_path / "missing.duckdb"):
            pass
    assert list(tmp_path.iterdir()) == []


def test_swap_in_drops_a_stale_wal(tmp_path):
    target, tmp = tmp_path / "plan.duckdb", tmp_path / "plan.duckdb.tmp-1"
    _sentinel(target)
    (tmp_path / "plan.duckdb.wal").write_bytes(b"stale")
    _sentinel(tmp, version="fresh")
    build.swap_in(tmp, target)
    assert build.read_meta(target)["format_version"] == "fresh"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.duckdb"]


def test_bad_scale_is_an_input_error(settings):
    with pytest.raises(InputError, match="--demo-scale 应为不小于 1 的整数"):
        build.build_database(settings, scale=0, progress=None)
    with pytest.raises(InputError, match="--seed 应为不小于 0 的整数，您给的是 -5"):
        build.build_database(settings, seed=-5, progress=None)


@pytest.mark.slow
def test_full_demo_build(settings):
    """The real build: every step, real demo layers; the five named projects sit on their land-use polygons."""
    import time

    started = time.perf_counter()
    lines = []
    path = build.build_database(settings, progress=lines.append)
    elapsed = time.perf_counter() - started
    print("\n".join(lines))
    assert elapsed < 120
    con = duckdb.connect(str(path), read_only=True)
    con.execute(f"LOAD '{assistant.layers.db.spatial_extension_path()}'")
    rows = con.execute("""SELECT k.name, bool_and(ST_Equals(k.geom, f.geom)) FROM key_projects k
                          JOIN features f ON f.layer = '中心城区用地' AND f.version = '维护后' AND f.name = k.name
                          GROUP BY k.name""").fetchall()
    assert len(rows) == 5 and all(ok for _, ok in rows)
    statuses = dict(con.execute("SELECT status, count(*) FROM key_projects GROUP BY ALL").fetchall())
    assert statuses == {"实施": 118, "延续": 229, "撤销": 22, "更新": 15, "新增": 180}
    layers = {r[0] for r in con.execute("SELECT layer FROM layer_status").fetchall()}
    assert {"永久基本农田", "城镇开发边界", "生态保护红线", "行政区", "市辖区", "重点建设项目", "地块"} <= layers
    con.close()


def test_stale_temp_files_of_dead_processes_are_swept(tmp_path):
    target = tmp_path / "plan.duckdb"
    dead = tmp_path / "plan.duckdb.tmp-999999999-abc123"
    dead_wal = tmp_path / "plan.duckdb.tmp-999999999-abc123.wal"
    mine = build.temp_path(target)
    for p in (dead, dead_wal, mine):
        p.write_bytes(b"x")
    assert sorted(build.sweep_stale_temps(target)) == sorted([dead, dead_wal])
    assert mine.exists()


def test_cli_build_reports_bad_scale_in_chinese(capsys):
    from assistant import cli

    assert cli.main(["build", "--demo-scale", "0"]) == 2
    assert "错误：--demo-scale 应为不小于 1 的整数" in capsys.readouterr().err


def test_rebuild_keeps_a_copy_of_imported_layers(settings, standin_layers):
    """A database holding imported real layers is copied aside before a rebuild replaces it."""
    path = Path(settings.db_path)
    _sentinel(path, version="0")
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO meta VALUES ('last_import', 'real.toml')")
    con.close()
    before = path.read_bytes()
    lines = []
    build.ensure_database(settings, progress=lines.append)
    backups = list(path.parent.glob("plan.imported-*.duckdb"))
    assert len(backups) == 1 and backups[0].read_bytes() == before
    assert any("已备份" in line and "yqplan import" in line for line in lines)
    assert build.read_meta(path)["format_version"] == build.FORMAT_VERSION
