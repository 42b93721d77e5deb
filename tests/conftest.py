"""Shared fixtures: real DuckDB (spatial) and real Chroma in temp dirs; nothing touches the network."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


REAL_ASSISTANT_FIXTURES = {"plan_index_dir", "built_settings", "versioned_settings", "assistant_app",
                           "fixture_assistant"}


def pytest_collection_modifyitems(items):
    """Mark tests that open the real assistant (a retrieval index to build): scripts/mutation leaves them out."""
    for item in items:
        if REAL_ASSISTANT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.real_assistant)


@pytest.fixture
def memory_db():
    from assistant.layers import db

    con = db.connect()
    yield con
    con.close()


@pytest.fixture(scope="session")
def plan_index_dir(tmp_path_factory):
    """The retrieval index of the plan text, built once per test session in a tmp dir."""
    from assistant import settings as settings_mod
    from assistant.qa.index import PlanIndex

    root = tmp_path_factory.mktemp("indexes")
    PlanIndex.load_or_build(settings_mod.load({}).with_paths(index_dir=str(root)), progress=lambda message: None)
    return str(root)


@pytest.fixture(scope="session")
def versioned_runner(tmp_path_factory):
    """A SqlRunner on the versioned fixture database (维护前 and 维护后 differ in every layer), built once."""
    from fixtures.versions_db import build_versioned_db

    from assistant.layers import db
    from assistant.layers.sql import SqlRunner

    con = db.connect(build_versioned_db(tmp_path_factory.mktemp("versioned") / "plan.duckdb"), read_only=True)
    yield SqlRunner.from_connection(con)
    con.close()


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory, plan_index_dir):
    """Settings whose demo database and retrieval index are built once per test session in a tmp dir."""
    from assistant import settings as settings_mod
    from assistant.layers.build import build_database

    root = tmp_path_factory.mktemp("built")
    s = settings_mod.load({}).with_paths(index_dir=plan_index_dir, db_path=str(root / "plan.duckdb"))
    build_database(s, progress=lambda message: None)
    return s


@pytest.fixture(scope="session")
def versioned_settings(tmp_path_factory, plan_index_dir):
    """Settings on the small versioned fixture database (tests/fixtures/versions_db.py) and the plan index."""
    from fixtures.versions_db import build_versioned_db

    from assistant import settings as settings_mod

    path = build_versioned_db(tmp_path_factory.mktemp("versioned") / "plan.duckdb")
    return settings_mod.load({}).with_paths(index_dir=plan_index_dir, db_path=str(path))


@pytest.fixture(scope="session")
def fixture_assistant(versioned_settings):
    """The real assistant (retrieval, routing, SQL, checks, maps) over the small versioned fixture database."""
    from assistant.pipeline import Assistant

    return Assistant.open(versioned_settings)


@pytest.fixture(scope="session")
def assistant_app(built_settings):
    """The real assistant on the built demo database and index."""
    from assistant.pipeline import Assistant

    return Assistant.open(built_settings)


@pytest.fixture(scope="module")
def fixture_db_path(tmp_path_factory):
    """The hand-made layer database of tests/fixtures/layer_db.py (real county lines, boxes for layers)."""
    from fixtures.layer_db import build_fixture_db

    return build_fixture_db(tmp_path_factory.mktemp("layers") / "plan.duckdb")


@pytest.fixture(scope="module")
def checker(fixture_db_path):
    from assistant.check.checker import LocationChecker

    c = LocationChecker.open(fixture_db_path)
    yield c
    c.runner.close()


@pytest.fixture(scope="session")
def pg_server():
    """A throw-away PostGIS cluster (scripts/pg) for the session; skipped without the server outside CI."""
    from pg_server import start_server, stop_server

    server = start_server()
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def pg_fixture_url(pg_server, tmp_path_factory):
    """The hand-made layer database of tests/fixtures/layer_db.py, published to PostGIS once per session."""
    from fixtures.layer_db import build_fixture_db

    path = build_fixture_db(tmp_path_factory.mktemp("pg_layers") / "plan.duckdb")
    return pg_server.store_from(path, "fixture")
