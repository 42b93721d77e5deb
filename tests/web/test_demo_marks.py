"""The 演示数据 marks follow the data: demo layers are marked everywhere, imported ones nowhere (issue 11).

The app keeps running while `yqplan import` swaps the database: the next page load, check, map and
report must tell the new state, without a restart.
"""

from __future__ import annotations

import io
from pathlib import Path

import geopandas as gpd
import pytest
from fixtures.layer_db import BOXES, CHANGES, build_fixture_db, lonlat_at, metric_box, to_lonlat
from pypdf import PdfReader
from ui_fakes import FakeAssistant

from assistant.check.checker import get_checker
from assistant.layers.importer import import_layers
from assistant.maps.routes import map_config
from assistant.settings import Settings
from assistant.web.actions import Actions, MapState

DEMO_WORDS = ("演示数据", "演示图层", "演示要素")


class FollowingAssistant(FakeAssistant):
    """The fake assistant, but with the real assistant's checker that reloads after an import."""

    def __init__(self, db_path: Path):
        self.db_path = db_path
        super().__init__(db_path)

    @property
    def checker(self):
        return get_checker(self.db_path)

    @checker.setter
    def checker(self, _opened):
        """FakeAssistant opens a checker of its own; this one follows the database file instead."""


def write_real_sources(folder: Path) -> Path:
    """Every fixture layer and change as a GeoJSON file ("real" data) and the import config naming them."""
    entries = []
    for layer, items in BOXES.items():
        for version in ("维护前", "维护后"):
            rows = [(fid, name, code, to_lonlat(metric_box(o))) for v, fid, name, code, o in items
                    if v in (None, version)]
            path = folder / f"{layer}_{version}.geojson"
            gpd.GeoDataFrame({"BSM": [r[0] for r in rows], "MC": [r[1] for r in rows], "DM": [r[2] for r in rows]},
                             geometry=[r[3] for r in rows], crs="EPSG:4490").to_file(path)
            entries.append(f'[[layer]]\nlayer = "{layer}"\nversion = "{version}"\npath = "{path.name}"\n'
                           'name_field = "MC"\ncode_field = "DM"\nid_field = "BSM"\n')
    for layer, change, fid, offsets in CHANGES:
        path = folder / f"{layer}_{change}.geojson"
        gpd.GeoDataFrame({"BSM": [fid]}, geometry=[to_lonlat(metric_box(offsets))], crs="EPSG:4490").to_file(path)
        entries.append(f'[[change]]\nlayer = "{layer}"\nchange = "{change}"\npath = "{path.name}"\nid_field = "BSM"\n')
    config = folder / "导入配置.toml"
    config.write_text("\n".join(entries), encoding="utf-8")
    return config


def marks(actions: Actions) -> dict[str, str]:
    """Every place a user can see the data state: banner, map config, panel, popup, report, place check."""
    state = MapState()
    panel, command = actions.check_point(*lonlat_at(500, 500), "维护后", state)  # inside JBNT-1
    pdf = actions.report_bytes(state, "pdf")[1]
    report_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")
    config = map_config(actions.mapview, public=False)
    place = actions.assistant.checker.check_place("河底镇")
    return {"banner": actions.banner(), "panel": panel, "popup": command["popup"], "report": report_text,
            "map": "演示数据" if config["demo"] or any(layer["demo"] for layer in config["layers"]) else "",
            "place": "；".join(place["notes"])}


@pytest.fixture
def running(tmp_path):
    db_path = build_fixture_db(tmp_path / "plan.duckdb", demo=True)
    settings = Settings(db_path=str(db_path), index_dir=str(tmp_path / "idx"))
    return settings, Actions(FollowingAssistant(db_path), settings)


def test_demo_data_is_marked_everywhere(running):
    _, actions = running
    seen = marks(actions)
    for where, text in seen.items():
        if where == "place":
            continue  # the gazetteer is approximate, not demo: its note says so in its own words
        assert any(word in text for word in DEMO_WORDS), where


def test_after_importing_every_layer_no_demo_mark_is_left(running, tmp_path):
    settings, actions = running
    assert "当前图层为演示数据" in actions.banner()
    folder = tmp_path / "real"
    folder.mkdir()
    import_layers(write_real_sources(folder), settings)  # the app keeps running meanwhile
    seen = marks(actions)
    for where, text in seen.items():
        assert not any(word in text for word in DEMO_WORDS), (where, text)
    assert "导入数据" in seen["report"]
    assert "近似位置" in seen["place"]  # the gazetteer still says its positions are approximate
