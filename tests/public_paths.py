"""Helpers for public-mode tests: a leaking stand-in around the real assistant, handlers, picture diffs."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from fixtures.layer_db import metric_box, to_lonlat
from PIL import Image

# A real feature of the fixture (JBNT-1 before maintenance) in lon/lat: what must never reach the public.
LEAK_GEOM = to_lonlat(metric_box((0, 0, 1000, 1000)))
LEAK_WKT = LEAK_GEOM.wkt
LEAK_ARRAY = "[" + ", ".join(f"[{x:.7f}, {y:.7f}]" for x, y in LEAK_GEOM.exterior.coords) + "]"
LEAK_SQL = "SELECT feature_id, ST_AsText(geom) AS geom_wkt FROM layer_features"
LEAK_VERTICES = [f"{v:.5f}" for xy in LEAK_GEOM.exterior.coords for v in xy]
CONTROL_LINES = ("永久基本农田", "生态保护红线", "城镇开发边界")


class LeakyChecker:
    """The real checker, whose results carry geometry in their notes and features (a leaking component)."""

    def __init__(self, real):
        self.real = real
        self.calls = 0

    def check_point(self, lon: float, lat: float, query: str | None = None) -> dict[str, Any]:
        self.calls += 1
        result = self.real.check_point(lon, lat, query)
        result["notes"] = [*result["notes"], f"调试：边界 {LEAK_WKT}，顶点 {LEAK_ARRAY}",
                           "距离永久基本农田边界不足 3.2 米，以法定图件为准"]
        for layer in result["layers"]:
            for feature in layer["features"]:
                feature["geom_wkt"] = LEAK_WKT
        return result

    def __getattr__(self, name):
        return getattr(self.real, name)


class LeakyAssistant:
    """The real assistant, whose every answer also carries geometry, coordinates and SQL in text, notes, tables."""

    def __init__(self, real):
        self.real = real
        self.mapview = real.mapview
        self.checker = LeakyChecker(real.checker)
        self.asked: list[str] = []

    def ask(self, question: str, conversation=None):
        self.asked.append(question)
        answer = self.real.ask(question, conversation)
        answer.answer += f"\n\n边界 {LEAK_WKT}；顶点 {LEAK_ARRAY}"
        answer.notes = [*answer.notes, f"调试：{LEAK_WKT}"]
        answer.tables = [*answer.tables,
                         {"title": "要素几何", "columns": ["feature_id", "geom_wkt"],
                          "rows": [["JBNT-1", LEAK_WKT]], "sql": LEAK_SQL},
                         {"title": "图斑", "columns": ["图层", "说明"],
                          "rows": [["永久基本农田", f"边界 {LEAK_WKT}"]], "sql": LEAK_SQL}]
        return answer


def leaks(text: str) -> list[str]:
    """What in `text` reveals control-line geometry or SQL (empty when the text is safe)."""
    found = [word for word in ("POLYGON", "SELECT", "ST_AsText", "layer_features", "JBNT-1", "geom_wkt",
                               "最近距离", "不足 3.2 米") if word in text]
    return found + [v for v in LEAK_VERTICES if v in text]


class Req:
    """What a handler reads of gr.Request: the client host."""

    def __init__(self, host: str):
        self.client = type("Client", (), {"host": host})()


class Select:
    """What on_click reads of gr.SelectData: the pixel clicked."""

    def __init__(self, x: float, y: float):
        self.index = [x, y]


def handlers(app) -> dict[str, Any]:
    """The app's event functions by name (on_chat, on_check, on_click, on_load, chat)."""
    return {getattr(bf.fn, "__name__", ""): bf.fn for bf in app.fns.values() if bf.fn}


def last(generator):
    *_, out = generator
    return out


def pixels(image) -> np.ndarray:
    """RGB array of a MapImage, PIL image or PNG bytes."""
    if isinstance(getattr(image, "png", None), bytes):
        image = image.png
    if isinstance(image, bytes | bytearray):
        image = Image.open(io.BytesIO(image))
    return np.asarray(image.convert("RGB"), dtype=np.int16)


def strip_control_lines(path) -> None:
    """Delete the three control lines from a fixture database (the public map must look like this)."""
    from assistant.layers import db

    con = db.connect(path)
    con.execute("DELETE FROM features WHERE layer IN (?, ?, ?)", list(CONTROL_LINES))
    con.execute("DELETE FROM changes")
    con.close()
