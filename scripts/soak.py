"""Soak: mixed load on a running server for minutes; samples its memory, open files and temp files (issue 11).

Usage: python scripts/soak.py http://127.0.0.1:7860/ --pid PID [--minutes 10] [--clients 8] [--every 30]
Each client loops over a random mix: /chat API questions (policy, figures, stats, location checks),
map tiles at random places and zooms, staff GeoJSON and 图斑 look-ups, the map config. Every `--every`
seconds it prints one JSON line: server RSS, open file descriptors, threads, files in Gradio's temp
folder; at the end a summary with the first and last samples and the requests per kind.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_chat import ask  # noqa: E402

QUESTIONS = ["维护后城镇开发边界多少公顷？", "生态控制区能否开发？", "永久基本农田增加了多少亩？",
             "郊区有多少永久基本农田？", "郊区有哪些重点项目？", "城区的城镇开发边界有多大"]
LON0, LAT0, LON1, LAT1 = 113.35, 37.70, 113.85, 38.10  # around the city districts
LAYERS = ["永久基本农田", "生态保护红线", "城镇开发边界", "规划分区"]


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def proc_sample(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    field = {line.split(":")[0]: line.split(":")[1].strip() for line in status if ":" in line}
    temp = Path(os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "gradio")
    files = sum(1 for p in temp.rglob("*") if p.is_file()) if temp.exists() else 0
    return {"rss_mb": round(int(field["VmRSS"].split()[0]) / 1024, 1), "fds": len(os.listdir(f"/proc/{pid}/fd")),
            "threads": int(field["Threads"]), "gradio_temp_files": files,
            "load1": round(os.getloadavg()[0], 1)}


async def one_request(client: httpx.AsyncClient, base: str, rng: random.Random) -> str:
    roll = rng.random()
    lon, lat = rng.uniform(LON0, LON1), rng.uniform(LAT0, LAT1)
    if roll < 0.45:
        question = (rng.choice(QUESTIONS) if rng.random() < 0.6
                    else f"东经{lon:.5f} 北纬{lat:.5f} 在不在基本农田里？")
        await ask(client, base, question)
        return "chat"
    if roll < 0.80:
        z = rng.randint(10, 16)
        x, y = tile_of(lon, lat, z)
        r = await client.get(f"{base}yqmap/tiles/{rng.choice(LAYERS)}/{rng.choice(['维护前', '维护后'])}/{z}/{x}/{y}.png")
        r.raise_for_status()
        return "tile"
    if roll < 0.92:
        d = 0.01
        r = await client.get(f"{base}yqmap/features.geojson", params={
            "layer": rng.choice(LAYERS[:3]), "version": "维护后", "z": 14,
            "bbox": f"{lon - d:.5f},{lat - d:.5f},{lon + d:.5f},{lat + d:.5f}"})
        if r.status_code not in (200, 403):
            r.raise_for_status()
        return "geojson"
    if roll < 0.97:
        r = await client.get(f"{base}yqmap/identify", params={"lon": lon, "lat": lat})
        if r.status_code not in (200, 403):
            r.raise_for_status()
        return "identify"
    r = await client.get(f"{base}yqmap/config.json")
    r.raise_for_status()
    return "config"


async def soak(base: str, pid: int, seconds: float, clients: int, every: float) -> dict:
    counts: dict[str, int] = {}
    errors = 0
    samples = [{"t_s": 0, **proc_sample(pid)}]
    print(json.dumps(samples[0], ensure_ascii=False), flush=True)
    stop = time.monotonic() + seconds
    began = time.monotonic()
    limits = httpx.Limits(max_connections=clients * 2, max_keepalive_connections=clients * 2)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        async def worker(k: int) -> None:
            nonlocal errors
            rng = random.Random(k)
            while time.monotonic() < stop:
                try:
                    kind = await one_request(client, base, rng)
                    counts[kind] = counts.get(kind, 0) + 1
                except (httpx.HTTPError, RuntimeError, KeyError, ValueError):
                    errors += 1

        async def sampler() -> None:
            while time.monotonic() < stop:
                await asyncio.sleep(min(every, max(0.0, stop - time.monotonic())))
                row = {"t_s": round(time.monotonic() - began), **proc_sample(pid),
                       "requests": sum(counts.values()), "errors": errors}
                samples.append(row)
                print(json.dumps(row, ensure_ascii=False), flush=True)

        await asyncio.gather(sampler(), *(worker(k) for k in range(clients)))
    first, last = samples[1] if len(samples) > 2 else samples[0], samples[-1]
    rss = [s["rss_mb"] for s in samples[1:]] or [samples[0]["rss_mb"]]
    return {"seconds": round(time.monotonic() - began), "clients": clients, "requests": counts, "errors": errors,
            "rss_mb_start": samples[0]["rss_mb"], "rss_mb_first_sample": first["rss_mb"],
            "rss_mb_last": last["rss_mb"], "rss_mb_max": max(rss),
            "fds_start": samples[0]["fds"], "fds_last": last["fds"], "fds_max": max(s["fds"] for s in samples),
            "gradio_temp_files_start": samples[0]["gradio_temp_files"],
            "gradio_temp_files_last": last["gradio_temp_files"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--pid", type=int, required=True, help="server process id (RSS, open files)")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--every", type=float, default=30)
    args = parser.parse_args()
    base = args.url if args.url.endswith("/") else args.url + "/"
    summary = asyncio.run(soak(base, args.pid, args.minutes * 60, args.clients, args.every))
    print(json.dumps({"summary": summary}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
