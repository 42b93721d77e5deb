"""Two app replicas on one PostGIS store follow an import made meanwhile, without a restart (issue 13)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.layer_db import build_fixture_db, lonlat_at
from fixtures.writers import import_green_square

from assistant import settings as settings_mod

ROOT = Path(__file__).resolve().parents[2]


class Replica:
    def __init__(self, url: str, backend: str):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("replica.py")), url,
                                      settings_mod.load({}).admin_geojson, backend], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)

    def ask(self, lon: float, lat: float) -> dict:
        self.proc.stdin.write(f"{lon} {lat}\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, "the replica died"
        return json.loads(line)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(30)


@pytest.fixture(params=["memory", "server"])
def replicas(request, pg_server, tmp_path):
    """Two replica processes whose checkers are in-memory indexes, or (server) ask PostGIS on every check."""
    url = pg_server.store_from(build_fixture_db(tmp_path / "plan.duckdb", demo=True), "replica")
    pair = [Replica(url, request.param), Replica(url, request.param)]
    yield url, pair
    for r in pair:
        r.close()


def test_two_replicas_follow_an_import_without_restart(replicas, tmp_path):
    url, (a, b) = replicas
    park = lonlat_at(650, 4150)  # inside the fixture's LX-1 (城市绿线) box
    elsewhere = lonlat_at(5000, 5000)
    first = [a.ask(*park), b.ask(*park)]
    assert first[0] == first[1] and first[0]["green"] == ["LX-1"] and first[0]["source"] == "demo"
    import_green_square(tmp_path, url)  # made through neither replica
    time.sleep(0.3)  # longer than the replicas' version check interval
    after = [a.ask(*park), b.ask(*park)]
    assert after[0]["version"] == after[1]["version"] != first[0]["version"]
    assert after[0]["green"] == after[1]["green"] == []          # the old park is gone from both
    assert after[0]["source"] == after[1]["source"] == "green.geojson"
    moved = [a.ask(*elsewhere), b.ask(*elsewhere)]
    assert moved[0]["green"] == moved[1]["green"] == ["GREEN-9"]
