"""Web-map request latency: random viewports over 市辖区 fetched through the map routes, as a browser would."""

from __future__ import annotations

import math
import random
import time
from pathlib import Path
from typing import Any

import numpy as np

from .mapview import MapView
from .routes import map_router

TARGET_P95_MS = 300.0
LAYERS = ("永久基本农田", "生态保护红线", "城镇开发边界")
VIEW_PX = (1000, 560)  # the map box on a 1280-px page


def _tile(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2 ** z
    r = math.radians(lat)
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(r)) / math.pi) / 2 * n)


def viewport_tiles(lon: float, lat: float, z: int) -> list[tuple[int, int, int]]:
    """The XYZ tiles a VIEW_PX map centred on (lon, lat) at zoom z shows."""
    x, y = _tile(lon, lat, z)
    dx, dy = math.ceil(VIEW_PX[0] / 512), math.ceil(VIEW_PX[1] / 512)
    return [(z, x + i, y + j) for i in range(-dx, dx + 1) for j in range(-dy, dy + 1)]


def run_map_bench(db_path: str | Path, admin_geojson: str | Path, views: int = 40, seed: int = 7) -> dict[str, Any]:
    """p50/p95 of tile requests (cold cache) and staff GeoJSON requests for `views` random viewports."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    view = MapView(db_path, admin_geojson)
    app = FastAPI()
    app.include_router(map_router(view, public=False))
    client = TestClient(app)
    config = client.get("/yqmap/config.json").json()
    lat0, lon0, lat1, lon1 = config["bounds"]
    rng = random.Random(seed)
    tile_ms: list[float] = []
    vector_ms: list[float] = []
    started = time.perf_counter()
    for _ in range(views):
        lon, lat, z = rng.uniform(lon0, lon1), rng.uniform(lat0, lat1), rng.randint(10, 16)
        for layer in (*LAYERS, "底图"):
            for tz, tx, ty in viewport_tiles(lon, lat, z):
                t0 = time.perf_counter()
                response = client.get(f"/yqmap/tiles/{layer}/维护后/{tz}/{tx}/{ty}.png")
                tile_ms.append((time.perf_counter() - t0) * 1000)
                response.raise_for_status()
        if z >= config["vector_min_zoom"]:
            half_w = VIEW_PX[0] / 2 * 360 / (256 * 2 ** z)
            half_h = half_w * VIEW_PX[1] / VIEW_PX[0] * math.cos(math.radians(lat))
            bbox = f"{lon - half_w:.5f},{lat - half_h:.5f},{lon + half_w:.5f},{lat + half_h:.5f}"
            for layer in LAYERS:
                t0 = time.perf_counter()
                response = client.get("/yqmap/features.geojson",
                                      params={"layer": layer, "version": "维护后", "bbox": bbox, "z": z})
                vector_ms.append((time.perf_counter() - t0) * 1000)
                response.raise_for_status()

    def stats(values: list[float]) -> dict[str, float]:
        if not values:
            return {"n": 0, "p50_ms": float("nan"), "p95_ms": float("nan")}
        return {"n": len(values), "p50_ms": round(float(np.percentile(values, 50)), 1),
                "p95_ms": round(float(np.percentile(values, 95)), 1)}

    tiles, vectors = stats(tile_ms), stats(vector_ms)
    worst = max(v for v in (tiles["p95_ms"], vectors["p95_ms"]) if v == v)
    return {"tiles": tiles, "geojson": vectors, "target_p95_ms": TARGET_P95_MS,
            "ok": worst <= TARGET_P95_MS, "seconds": round(time.perf_counter() - started, 1)}


def format_map_report(out: dict[str, Any], scale: int) -> str:
    verdict = "达标" if out["ok"] else "未达标"
    return (f"网页地图请求（演示数据倍数 {scale}，随机视口，冷缓存）\n"
            f"  瓦片 {out['tiles']['n']} 次：p50 {out['tiles']['p50_ms']} ms，p95 {out['tiles']['p95_ms']} ms\n"
            f"  GeoJSON {out['geojson']['n']} 次：p50 {out['geojson']['p50_ms']} ms，"
            f"p95 {out['geojson']['p95_ms']} ms\n"
            f"  目标 p95 ≤ {out['target_p95_ms']:.0f} ms：{verdict}（用时 {out['seconds']} 秒）")
