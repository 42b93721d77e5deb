"""Public mode: per-client rate limit, and server-side filtering of anything that reveals control lines."""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..answer_types import Answer

# Bands, not metres: exact distances to a boundary would let anyone trace the line point by point.
DISTANCE_BANDS = [(50, "50 米以内"), (100, "50–100 米"), (200, "100–200 米"), (500, "200–500 米"),
                  (1000, "500 米–1 公里"), (2000, "1–2 公里"), (5000, "2–5 公里")]

# Layers whose maps and geometry are never shown to the public.
PROTECTED_LAYERS = {"永久基本农田", "生态保护红线", "城镇开发边界"}
# Layers whose feature names the public may see at a checked point.
NAMED_LAYERS = ("规划分区", "中心城区用地")

_WKT = re.compile(r"\b(?:MULTI)?(?:POLYGON|LINESTRING|POINT)\s*(?:Z\s*)?\(\([^)]*\)*\)?|"
                  r"\b(?:MULTI)?(?:POLYGON|LINESTRING|POINT)\s*(?:Z\s*)?\([^)]*\)", re.I)
_COORD_ARRAY = re.compile(r"\[\s*-?\d{2,3}\.\d+\s*,\s*-?\d{1,2}\.\d+\s*\]")


class RateLimiter:
    """Token bucket per client key: `per_minute` requests, refilled continuously."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.capacity = max(1, int(per_minute))
        self.rate = self.capacity / 60.0
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.capacity), now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            return allowed

    def message(self) -> str:
        return f"请求过于频繁：公众查询每分钟最多 {self.capacity} 次，请稍后再试。"


class DailyQuota:
    """At most `per_day` requests per client key and calendar day (local time), beside the per-minute bucket."""

    def __init__(self, per_day: int, clock: Callable[[], float] = time.time):
        self.limit = max(1, int(per_day))
        self.clock = clock
        self._day = ""
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        day = time.strftime("%Y-%m-%d", time.localtime(self.clock()))
        with self._lock:
            if day != self._day:  # a new day: yesterday's counts are dropped, so memory stays bounded
                self._day, self._counts = day, {}
            used = self._counts.get(key, 0)
            if used >= self.limit:
                return False
            self._counts[key] = used + 1
            return True

    def message(self) -> str:
        return f"今日查询次数已达上限：公众查询每个客户端每天最多 {self.limit} 次，请明天再试。"


def client_key(request: Any) -> str:
    """The client host of a gr.Request (or 'local' when called without one).

    uvicorn rewrites the client from X-Forwarded-For only when the connection comes from an address in
    FORWARDED_ALLOW_IPS, which `trust_proxies` sets from YQPLAN_TRUSTED_PROXIES (empty: nobody).
    """
    client = getattr(request, "client", None)
    return str(getattr(client, "host", None) or "local")


def trust_proxies(proxies: list[str]) -> None:
    """Tell uvicorn (started later by Gradio) whose X-Forwarded-For to believe; its default trusts loopback."""
    os.environ["FORWARDED_ALLOW_IPS"] = ",".join(proxies)


def shorten(text: str, limit: int = 200) -> str:
    """A message as it may appear in a log line: one line, at most `limit` characters."""
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= limit else f"{flat[:limit]}…（共 {len(flat)} 字）"


def near_text(layer: str, band_m: float) -> str:
    return f"位于{layer}边界附近（约 {band_m:g} 米内），请以法定图件或现场核实为准"


def distance_band(distance_m: float | None, inside: bool) -> str:
    if inside:
        return "位于范围内"
    if distance_m is None:
        return "附近无此类图斑"
    for limit, label in DISTANCE_BANDS:
        if distance_m < limit:
            return f"距边界 {label}"
    return "距边界 5 公里以上"


def scrub_text(text: str) -> str:
    """Remove WKT and lon/lat arrays that a composed answer might carry."""
    return _COORD_ARRAY.sub("[坐标已隐去]", _WKT.sub("[几何已隐去]", text or ""))


# "距离永久基本农田边界不足 5 米" is finer than the public distance bands: say only that it is near.
_NEAR_NOTE = re.compile(r"距离(.+?)边界不足\s*[\d.]+\s*米")


def public_note(note: str) -> str:
    return _NEAR_NOTE.sub(r"该位置靠近\1边界", scrub_text(note))


def public_notes(notes: list[str]) -> list[str]:
    """Notes safe for the public: none finer than the band (the per-layer line already says 边界附近)."""
    return [public_note(n) for n in notes if not _NEAR_NOTE.search(n)]


def _public_layer(lay: dict[str, Any], near: set[tuple[str, str]], band_m: float) -> dict[str, Any]:
    key = (lay.get("layer"), lay.get("version"))
    if key in near:  # a boundary within the band: neither 在 nor 不在, and no zone names either
        return {"layer": key[0], "version": key[1], "inside": None, "near": True, "band": near_text(key[0], band_m)}
    return {"layer": key[0], "version": key[1], "inside": bool(lay.get("inside")),
            "band": distance_band(lay.get("distance_m"), bool(lay.get("inside"))),
            # zone / land-use names say what a place is (规划分区：城镇集中建设区), not where a line runs
            **({"zones": list(dict.fromkeys(f.get("name") for f in lay.get("features", []) if f.get("name")))}
               if lay.get("layer") in NAMED_LAYERS else {})}


def public_location(result: dict[str, Any] | None) -> dict[str, Any] | None:
    """The location-check JSON reduced to yes/no, distance bands and cited rules.

    A result made for public mode (actions: answered for its grid cell) names in `public_near` the
    (layer, version) pairs whose boundary lies within `public_band_m`: those say 边界附近, not 在/不在.
    """
    if not result:
        return None
    near = {tuple(pair) for pair in result.get("public_near", [])}
    band_m = float(result.get("public_band_m") or 50)
    layers = [_public_layer(lay, near, band_m) for lay in result.get("layers", [])]
    changed = sorted({c.get("layer", "") for c in result.get("changes", [])} - {""})
    return {"query": result.get("query"), "location": result.get("location"),
            "in_scope": result.get("in_scope"), "layers": layers, "changed_layers": changed,
            "citations": result.get("citations", []), "demo_data": result.get("demo_data"),
            "notes": public_notes(result.get("notes", []))}


def _clean_cell(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return "[几何已隐去]"
    if isinstance(value, str):
        return scrub_text(value)
    return value


def public_answer(answer: Answer) -> Answer:
    """Copy of an answer that is safe for public mode: no SQL, no geometry, no exact distances."""
    if answer.intent == "map" or answer.image is not None:
        from ..qa.plan_maps import PUBLIC_MAP_REFUSAL

        return replace(answer, intent="out_of_scope", answer=PUBLIC_MAP_REFUSAL, citations=[], tables=[],
                       refused=True, image=None, notes=[])
    tables = [{"title": t.get("title", ""), "columns": list(t.get("columns", [])),
               "rows": [[_clean_cell(v) for v in row] for row in t.get("rows", [])]}
              for t in answer.tables if not _mentions_geometry(t)]
    location = public_location(answer.location)
    if location:
        tables = []  # the per-layer table carries exact metres and feature codes
    # A composed location answer may quote exact metres; rebuild it from the banded result instead.
    text = public_location_text(location) if location else scrub_text(answer.answer)
    return replace(answer, answer=text, tables=tables, location=location, notes=public_notes(answer.notes))


def _mentions_geometry(table: dict[str, Any]) -> bool:
    cols = " ".join(str(c).lower() for c in table.get("columns", []))
    return any(word in cols for word in ("geom", "wkt", "wkb", "coordinates", "坐标"))


def public_location_text(location: dict[str, Any]) -> str:
    """Chinese yes/no summary of a banded location result."""
    loc = location.get("location") or {}
    where = f"东经 {loc.get('lon', 0):.5f}、北纬 {loc.get('lat', 0):.5f}" if loc else "该位置"
    if loc.get("district"):
        where += f"（{loc['district']}）"
    if location.get("in_scope") is False:
        inside_city = loc.get("district") not in (None, "")
        return (f"{where} 不在本方案管控图层的覆盖范围内：图层只覆盖市辖区（城区、矿区、郊区）。"
                if inside_city else f"{where} 不在阳泉市范围内。")
    lines = [f"**{where}** 的核查结果："]
    for lay in location.get("layers", []):
        if lay.get("near"):
            lines.append(f"- {lay['layer']}（{lay.get('version') or ''}）：**边界附近**，{lay['band']}")
            continue
        verdict = "是" if lay["inside"] else "否"
        lines.append(f"- {lay['layer']}（{lay.get('version') or ''}）：在范围内？**{verdict}**，{lay['band']}")
    if location.get("changed_layers"):
        lines.append(f"- 本次维护在此处调整了：{'、'.join(location['changed_layers'])}")
    lines.append("\n以上为查询结果，仅供参考，以法定图件为准。")
    return "\n".join(lines)
