"""Staff web map: one layer's features in a box as GeoJSON (simplified per zoom), and the 图斑 under a point."""

from __future__ import annotations

import json
from typing import Any

import shapely

from ..errors import InputError
from .mapview import VERSIONS, MapView
from .tiles import zoom_band

MAX_FEATURES = 2000  # per request; a box holding more is drawn from raster tiles instead
MAX_BOX_DEG = 1.5
M2_PER_HA, M2_PER_MU = 10_000.0, 10_000.0 / 15  # 1 亩 = 1/15 公顷


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """'lon0,lat0,lon1,lat1' -> floats; a Chinese InputError when it is not four numbers in order."""
    try:
        lon0, lat0, lon1, lat1 = (float(v) for v in str(text).split(","))
    except ValueError as exc:
        raise InputError("范围参数应为“西经度,南纬度,东经度,北纬度”四个数字。") from exc
    if not (lon0 < lon1 and lat0 < lat1) or lon1 - lon0 > MAX_BOX_DEG or lat1 - lat0 > MAX_BOX_DEG:
        raise InputError(f"范围无效或过大（每边不超过 {MAX_BOX_DEG}°），请放大地图后再试。")
    return lon0, lat0, lon1, lat1


def area_properties(area_m2: float | None) -> dict[str, Any]:
    if area_m2 is None:
        return {"area_ha": None, "area_mu": None}
    return {"area_ha": round(area_m2 / M2_PER_HA, 4), "area_mu": round(area_m2 / M2_PER_MU, 2)}


def features_geojson(view: MapView, layer: str, version: str, bbox: str, z: int) -> dict[str, Any]:
    """A FeatureCollection of `layer` in the box; `truncated` true (and no features) when it holds too many.

    Geometry comes from the layer database once per simplification band (MapView.indexed, the same copy
    the tiles are drawn from), so a pan costs an STRtree query, not a database scan.
    """
    if version not in VERSIONS:
        raise InputError("版本只能是“维护前”或“维护后”。")
    if layer not in {r["layer"] for r in view.layer_status()}:
        raise InputError(f"没有名为“{layer}”的图层。")
    box = shapely.box(*parse_bbox(bbox))
    rows, tree = view.indexed(layer, version, zoom_band(int(z)))
    hits = sorted(int(i) for i in tree.query(box, predicate="intersects"))
    if len(hits) > MAX_FEATURES:
        return {"type": "FeatureCollection", "features": [], "truncated": True}
    features = [{"type": "Feature", "geometry": json.loads(shapely.to_geojson(rows[i]["geom"])),
                 "properties": {"layer": layer, "version": version, "feature_id": rows[i]["feature_id"],
                                "name": rows[i]["name"], "code": rows[i]["code"], "demo": bool(rows[i]["demo"]),
                                **area_properties(rows[i]["area_m2"])}} for i in hits]
    return {"type": "FeatureCollection", "features": features, "truncated": False}


def features_at(view: MapView, layers: list[str], version: str, lon: float, lat: float) -> list[dict[str, Any]]:
    """Every feature of `layers` under the point, with 编号, name, code and area in 公顷 and 亩."""
    if version not in VERSIONS:
        raise InputError("版本只能是“维护前”或“维护后”。")
    rows = view.runner.run("map_features_at", layers=list(layers), version=version,
                           lon=float(lon), lat=float(lat)).records()
    return [{k: r[k] for k in ("layer", "version", "feature_id", "name", "code")} | {"demo": bool(r["demo"])}
            | area_properties(r["area_m2"]) for r in rows]
