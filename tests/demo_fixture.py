"""Hand-made demo layers (a few boxes in 郊区) standing in for the full demo generator in fast tests.

Source: county boundaries from corpus/yangquan_admin.geojson; every other feature is a box drawn in
EPSG:4526 metres around a point in 郊区.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyproj
import shapely
from shapely.geometry import box, shape

from assistant.layers import db

ROOT = Path(__file__).resolve().parent.parent
TO_METRIC = pyproj.Transformer.from_crs("EPSG:4490", "EPSG:4526", always_xy=True)
TO_LONLAT = pyproj.Transformer.from_crs("EPSG:4526", "EPSG:4490", always_xy=True)
OX, OY = TO_METRIC.transform(113.5773, 37.9595)  # a point in 郊区
# layer -> [(feature_id, name, (minx, miny, maxx, maxy) metres from the origin)]
BOXES = {
    "永久基本农田": [("JBNT-1", "永久基本农田", (0, 0, 1500, 1500)),
                 ("JBNT-2", "永久基本农田", (-6000, -4000, -4500, -2500))],
    "城镇开发边界": [("CZKF-1", "城镇开发边界", (-1000, 2000, 4000, 6000))],
    "生态保护红线": [("STHX-1", "生态保护红线", (-3000, -3000, -2000, -2000))],
    "中心城区用地": [("YD-1", "郊区幸福家园养老中心", (100, 2500, 250, 2650)),
                ("YD-2", "郊区综合托育服务中心", (400, 2500, 500, 2600)),
                ("YD-3", "城镇住宅用地", (600, 2500, 900, 2800))],
}


def lonlat_box(offsets) -> shapely.Geometry:
    minx, miny, maxx, maxy = offsets
    metric = box(OX + minx, OY + miny, OX + maxx, OY + maxy).segmentize(100)
    return shapely.transform(metric, lambda xy: shapely.get_coordinates(
        shapely.points(*TO_LONLAT.transform(xy[:, 0], xy[:, 1]))))


def insert_demo_boxes(con) -> None:
    """Insert BOXES as demo features under version 维护后."""
    rows = [(layer, "维护后", fid, name, None, lonlat_box(offsets).wkb)
            for layer, feats in BOXES.items() for fid, name, offsets in feats]
    con.executemany("INSERT INTO features VALUES (?, ?, ?, ?, ?, true, 'demo', NULL, ST_GeomFromWKB(?))", rows)


def insert_counties(con) -> None:
    """The five real county polygons as layer 行政区 under both versions."""
    admin = json.loads((ROOT / "corpus" / "yangquan_admin.geojson").read_text(encoding="utf-8"))
    rows = [("行政区", version, p["adcode"], p["name"], p["adcode"], shape(f["geometry"]).wkb)
            for f in admin["features"] if (p := f["properties"])["level"] == "county"
            for version in ("维护前", "维护后")]
    con.executemany("INSERT INTO features VALUES (?, ?, ?, ?, ?, false, 'admin', NULL, ST_GeomFromWKB(?))",
                    rows)


def fixture_db():
    """In-memory layer database: schema, the five counties and the demo boxes."""
    con = db.connect()
    con.execute((ROOT / "spatial_sql" / "schema_layers.sql").read_text(encoding="utf-8"))
    insert_counties(con)
    insert_demo_boxes(con)
    return con
