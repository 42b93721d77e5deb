"""HTTP endpoints of the web map (FastAPI router mounted beside the Gradio app): tiles, GeoJSON, config."""

# Public mode: control lines leave the server only as raster tiles, the GeoJSON and 图斑 endpoints answer
# 403, and the config carries no coordinate finer than 0.001°. Public tiles stop at the zoom whose pixel is
# at least half the public uncertainty band (YQPLAN_PUBLIC_BAND_M): a 2 m pixel at zoom 16 would trace a
# boundary the point answers are careful to blur to 50 m (issue 11). The map still zooms in further; Leaflet
# enlarges the coarse tiles (maxNativeZoom).

from __future__ import annotations

import logging
import math
from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from ..errors import InputError, PlanError
from .basemap import ATTRIBUTION, Basemap, BasemapError
from .canvas import LAYER_STYLE
from .mapview import VERSIONS, MapView, admin_boundaries
from .tiles import CATEGORICAL, CHANGE_COLORS, MAX_ZOOM, MIN_ZOOM, TileRenderer
from .vector import features_at, features_geojson

PREFIX = "/yqmap"
PUBLIC_MAX_ZOOM = 16  # how far a citizen may zoom the view (place labels, own position)
YANGQUAN_LAT = 37.9  # ground resolution of web-mercator tiles is taken at the city's latitude
STAFF_ONLY = "公众查询模式不提供图斑几何与属性，请使用地图点击核查。"
LAYER_ORDER = ["永久基本农田", "生态保护红线", "城镇开发边界", "规划分区", "中心城区用地", "中心城区范围",
               "历史文化保护线", "洪涝风险控制线", "城市绿线", "城市紫线"]
DEFAULT_ON = ("永久基本农田", "生态保护红线", "城镇开发边界")
log = logging.getLogger(__name__)


def _error(exc: Exception, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": str(exc)}, status_code=status)


def public_tile_zoom(band_m: float) -> int:
    """Deepest tile zoom whose 256-px tile pixel covers at least band_m / 2 metres on the ground."""
    metres_at_zoom0 = 2 * math.pi * 6_378_137 * math.cos(math.radians(YANGQUAN_LAT)) / 256
    fitting = [z for z in range(MIN_ZOOM, PUBLIC_MAX_ZOOM + 1) if metres_at_zoom0 / 2 ** z >= band_m / 2]
    return max(fitting, default=MIN_ZOOM)


BASEMAP_PROXY = f"{PREFIX}/basemap/{{z}}/{{x}}/{{y}}.png"


def basemap_source(basemap_url: str, basemap: Basemap | None) -> tuple[str, str]:
    """(tile URL template, attribution) of the web map's basemap; ("", "") keeps the map fully offline.

    YQPLAN_BASEMAP_URL (an intranet tile server) wins; else a 天地图 key gives our own proxy route.
    """
    if basemap_url:
        return basemap_url, "底图：已配置的瓦片服务"
    if basemap is not None and basemap.enabled:
        return BASEMAP_PROXY, ATTRIBUTION
    return "", ""


def map_config(view: MapView, public: bool, basemap_url: str = "", band_m: float = 50.0) -> dict[str, Any]:
    """What the browser needs to draw the map: layers (legend colours), versions, extent, labels."""
    status = {r["layer"]: r for r in view.layer_status()}
    layers = []
    for name in [n for n in LAYER_ORDER if n in status]:  # status also lists 地名, 地块 …: not map layers
        face, edge, _ = LAYER_STYLE.get(name, ("#90a4ae", "#37474f", 0.5))
        if name in CATEGORICAL:
            face, edge = "#ef5350", "#ffffff"
        layers.append({"name": name, "fill": face, "edge": edge, "on": name in DEFAULT_ON,
                       "demo": bool(status[name].get("demo")), "categorical": name in CATEGORICAL})
    basemap_url, attribution = basemap_source(basemap_url, getattr(view, "basemap", None))
    counties = [(n, level, g) for n, level, g in admin_boundaries(view.admin_geojson)]
    district = [g for n, _, g in counties if n in ("城区", "矿区", "郊区")] or [g for *_, g in counties]
    lon0 = min(g.bounds[0] for g in district)
    lat0 = min(g.bounds[1] for g in district)
    lon1 = max(g.bounds[2] for g in district)
    lat1 = max(g.bounds[3] for g in district)
    labels = []
    for name, level, geom in counties:
        if level != "city":
            p = geom.representative_point()
            labels.append({"name": name, "lon": round(p.x, 3), "lat": round(p.y, 3)})
    # Gazetteer names (乡镇、街道、村、地标) as place labels from zoom 12; positions to 0.001° suffice.
    try:
        places = view.runner.run("check_places").rows
    except PlanError:  # a database without a gazetteer still gets its map, with county names only
        places = []
    for name, kind, _county, lon, lat, _demo in places:
        if lon is not None and lat is not None:
            labels.append({"name": name, "lon": round(lon, 3), "lat": round(lat, 3), "kind": kind, "min_zoom": 12})
    return {"public": public, "versions": list(VERSIONS), "layers": layers,
            "changes": [{"name": k, "color": v} for k, v in CHANGE_COLORS.items()],
            "bounds": [round(lat0, 3), round(lon0, 3), round(lat1, 3), round(lon1, 3)],
            "max_zoom": PUBLIC_MAX_ZOOM if public else MAX_ZOOM,
            "tile_max_zoom": public_tile_zoom(band_m) if public else MAX_ZOOM, "labels": labels,
            "basemap_url": basemap_url, "basemap_attribution": attribution, "vector_min_zoom": None if public else 13,
            "demo": any(layer["demo"] for layer in layers)}


def map_router(view: MapView, public: bool, basemap_url: str = "", band_m: float = 50.0) -> APIRouter:
    """The /yqmap endpoints for one map view and mode."""
    tiles = TileRenderer(view, max_zoom=public_tile_zoom(band_m) if public else MAX_ZOOM)
    router = APIRouter(prefix=PREFIX)
    router.tiles = tiles  # for tests and the benchmark

    @router.get("/config.json")
    def config() -> JSONResponse:
        try:
            return JSONResponse(map_config(view, public, basemap_url, band_m))
        except PlanError as exc:
            return _error(exc, 503)

    @router.get("/tiles/{layer}/{version}/{z}/{x}/{y}.png")
    def tile(layer: str, version: str, z: int, x: int, y: int) -> Response:
        try:
            png = tiles.tile(layer, version, z, x, y)
        except InputError as exc:
            return _error(exc, 404)
        except PlanError as exc:
            log.warning("tile %s/%s/%s/%s/%s failed: %s", layer, version, z, x, y, exc)
            return _error(exc, 503)
        return Response(png, media_type="image/png", headers={"Cache-Control": "max-age=300"})

    @router.get("/basemap/{z}/{x}/{y}.png")
    def basemap_tile(z: int, x: int, y: int) -> Response:
        basemap = getattr(view, "basemap", None)
        if basemap is None or not basemap.enabled or basemap_url:  # no key: nothing is ever fetched
            return _error(InputError("未配置天地图底图"), 404)
        try:
            png = basemap.web_tile(z, x, y)
        except BasemapError as exc:
            return _error(exc, 503)
        return Response(png, media_type="image/png", headers={"Cache-Control": "max-age=86400"})

    @router.get("/features.geojson")
    def features(layer: str, version: str = "维护后", bbox: str = "", z: int = Query(13, ge=0, le=22)):
        if public:
            return _error(InputError(STAFF_ONLY), 403)
        try:
            return JSONResponse(features_geojson(view, layer, version, bbox, z))
        except PlanError as exc:
            return _error(exc)

    @router.get("/identify")
    def identify(lon: float, lat: float, version: str = "维护后"):
        if public:
            return _error(InputError(STAFF_ONLY), 403)
        try:
            names = [layer["name"] for layer in map_config(view, public)["layers"]]
            return JSONResponse({"features": features_at(view, names, version, lon, lat)})
        except PlanError as exc:
            return _error(exc)

    return router
