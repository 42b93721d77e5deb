"""One writer at a time (build and import share a lock file) and a data version that every write bumps."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fixtures.layer_db import build_fixture_db
from fixtures.writers import config, green_source

from assistant.errors import DataError
from assistant.layers import build, importer
from assistant.layers.build import read_meta
from assistant.layers.lock import lock_path, writer_lock
from assistant.settings import Settings

BUSY = "另一个导入/构建正在进行"


def names(db_path: Path, layer: str) -> set[str]:
    from assistant.layers import db

    con = db.connect(db_path, read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT name FROM features WHERE layer = ?", [layer]).fetchall()}
    finally:
        con.close()


@pytest.fixture
def setup(tmp_path):
    db_path = build_fixture_db(tmp_path / "plan.duckdb", demo=True)
    green = config(tmp_path, "城市绿线", green_source(tmp_path, "新公园", (500, 4000, 800, 4300)))
    purple = config(tmp_path, "城市紫线", green_source(tmp_path, "新宾馆", (1500, 4000, 1550, 4050)))
    return Settings(db_path=str(db_path), index_dir=str(tmp_path / "idx")), green, purple


def test_a_second_writer_is_refused_and_changes_nothing(setup):
    settings, green, _ = setup
    before = Path(settings.db_path).read_bytes()
    with writer_lock(settings.db_path, "构建"):
        with pytest.raises(DataError, match=BUSY) as info:
            importer.import_layers(green, settings)
        assert "构建，进程" in str(info.value)  # says who holds it
    assert Path(settings.db_path).read_bytes() == before
    importer.import_layers(green, settings)  # once the lock is free the import lands
    assert "新公园" in names(Path(settings.db_path), "城市绿线")
    assert lock_path(settings.db_path).exists()


def test_two_imports_at_once_one_refuses_none_is_lost(setup, monkeypatch):
    settings, green, purple = setup
    inside, release = threading.Event(), threading.Event()
    real_write = importer._write

    def slow_write(*args, **kwargs):
        inside.set()
        assert release.wait(30)
        return real_write(*args, **kwargs)

    monkeypatch.setattr(importer, "_write", slow_write)
    errors: list[Exception] = []
    first = threading.Thread(target=lambda: importer.import_layers(green, settings))
    first.start()
    assert inside.wait(30)
    try:
        monkeypatch.setattr(importer, "_write", real_write)
        importer.import_layers(purple, settings)
    except DataError as exc:
        errors.append(exc)
    finally:
        release.set()
        first.join(30)
    assert len(errors) == 1 and BUSY in str(errors[0])
    db_path = Path(settings.db_path)
    assert "新公园" in names(db_path, "城市绿线")        # the first import survived
    importer.import_layers(purple, settings)               # the refused one, re-run, lands beside it
    assert "新公园" in names(db_path, "城市绿线") and "新宾馆" in names(db_path, "城市紫线")


def test_import_during_build_is_refused_and_build_keeps_a_backup(setup, monkeypatch, tmp_path):
    settings, green, _ = setup
    importer.import_layers(green, settings)  # the database now holds an imported layer
    inside, release = threading.Event(), threading.Event()

    def held_build(ctx, target):
        inside.set()
        assert release.wait(30)

    monkeypatch.setattr(build, "_build_locked", held_build)
    builder = threading.Thread(target=lambda: build.build_database(settings, progress=None))
    builder.start()
    assert inside.wait(30)
    try:
        with pytest.raises(DataError, match=BUSY):
            importer.import_layers(green, settings)
    finally:
        release.set()
        builder.join(30)
    backups = list(Path(settings.db_path).parent.glob("plan.imported-*.duckdb"))
    assert backups and "新公园" in names(backups[0], "城市绿线")  # taken under the lock, before any swap


def test_every_import_bumps_the_data_version(setup):
    settings, green, purple = setup
    seen = [read_meta(settings.db_path).get("data_version")]
    for cfg in (green, purple):
        importer.import_layers(cfg, settings)
        seen.append(read_meta(settings.db_path)["data_version"])
    assert len(set(seen)) == 3 and int(seen[2]) > int(seen[1])
