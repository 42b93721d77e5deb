"""Caches follow the data: a layer imported while the app runs shows on the next map, tile and status."""

from __future__ import annotations

import duckdb
from fixtures.layer_db import build_fixture_db
from fixtures.writers import config, green_source

from assistant.layers import importer
from assistant.layers.sql import SqlRunner
from assistant.maps.mapview import MapView
from assistant.maps.tiles import TileRenderer
from assistant.settings import ROOT, Settings


def test_meta_data_version_golden(tmp_path):
    db_path = build_fixture_db(tmp_path / "plan.duckdb")
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO meta VALUES ('data_version', '1764660000000000000')")
    con.close()
    assert SqlRunner(db_path).run("meta_data_version").rows == [("1764660000000000000",)]


def test_import_while_running_shows_on_the_next_map(tmp_path):
    db_path = build_fixture_db(tmp_path / "plan.duckdb", demo=True)
    view = MapView(db_path, ROOT / "corpus" / "yangquan_admin.geojson")
    tiles = TileRenderer(view)
    before = {f["name"] for f in view.features(["城市绿线"], "维护后")}
    status_before = {r["layer"]: r["demo"] for r in view.layer_status()}
    tiles.layers()
    version_before = view.data_version()
    assert "新公园" not in before and status_before["城市绿线"]

    source = green_source(tmp_path, "新公园", (500, 4000, 800, 4300))
    importer.import_layers(config(tmp_path, "城市绿线", source),
                           Settings(db_path=str(db_path), index_dir=str(tmp_path / "idx")))

    assert view.data_version() != version_before
    assert {f["name"] for f in view.features(["城市绿线"], "维护后")} == {"新公园"}
    assert {r["layer"]: r["demo"] for r in view.layer_status()}["城市绿线"] is False
    assert tiles.view.features(["城市绿线"], "维护后")[0]["name"] == "新公园"
