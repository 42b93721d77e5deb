"""The server-mode checker (YQPLAN_CHECK_BACKEND=server) reads the store's facts once per data version.

Layer status, the layer/version pairs and the county / 市辖区 outlines are the same for every check until a
build or import writes a new meta.data_version; a check then asks only for the features near it (issue 13).
Statements are counted where every PostGIS statement passes: the guarded runner's postgis.run.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest
from fixtures.layer_db import build_fixture_db, lonlat_at
from fixtures.writers import import_green_square

from assistant.check.server import ServerChecker
from assistant.layers import postgis

FACTS = ("check_layer_status", "check_layer_versions", "check_admin_features")


@pytest.fixture
def counted(monkeypatch):
    """Names of the statements run on the server, in order."""
    seen: Counter = Counter()
    real = postgis.run

    def run(url, name, *args, **kwargs):
        seen[name] += 1
        return real(url, name, *args, **kwargs)

    monkeypatch.setattr(postgis, "run", run)
    return seen


def _green(result) -> list[str]:
    return sorted({f["feature_id"] for r in result["layers"] if r["layer"] == "城市绿线" for f in r["features"]})


def test_checks_read_the_store_facts_once_per_data_version(pg_server, tmp_path, counted):
    url = pg_server.store_from(build_fixture_db(tmp_path / "plan.duckdb", demo=True), "facts")
    every_s = 0.5
    checker = ServerChecker(url, version_check_s=every_s)
    park, elsewhere = lonlat_at(650, 4150), lonlat_at(5000, 5000)
    started = time.monotonic()
    for dx in range(0, 100, 10):  # ten checks
        assert _green(checker.check_point(*lonlat_at(650 + dx, 4150))) == ["LX-1"]
    assert checker.check_point(*park)["location"]["district"] == "郊区"
    elapsed = time.monotonic() - started
    assert {name: counted[name] for name in FACTS} == dict.fromkeys(FACTS, 1)
    assert 1 <= counted["meta_data_version"] <= elapsed / every_s + 1  # asked at most every 0.5 s
    per_check = sum(counted[n] for n in ("check_features_in_box", "check_changes_in_box")) / 11
    assert per_check <= 5  # a few spatial-index queries per check
    assert checker.facts().status["城市绿线"] is True

    import_green_square(tmp_path, url)  # made through another process's writer: no restart of this checker
    time.sleep(every_s + 0.1)
    assert _green(checker.check_point(*park)) == []
    assert _green(checker.check_point(*elsewhere)) == ["GREEN-9"]
    assert {name: counted[name] for name in FACTS} == dict.fromkeys(FACTS, 2)  # read again, once
    assert checker.facts().status["城市绿线"] is False  # the imported layer is no longer demo data
