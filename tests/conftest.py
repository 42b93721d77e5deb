"""Shared fixtures: real DuckDB (spatial) and real Chroma in temp dirs; nothing touches the network."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture
def memory_db():
    from assistant import db

    con = db.connect()
    yield con
    con.close()
