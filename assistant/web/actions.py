"""What each UI event does, as plain methods tests call without a browser (mode filtering included)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import shapely
import shapely.geometry

from ..answer_types import Answer
from ..check import coarse
from ..check.answer import CONTROL_LINES
from ..check.result import APPROXIMATE_NOTE, parcel_lines
from ..conversation import Conversation, question_too_long
from ..errors import InputError, PlanError
from ..maps.mapview import VERSIONS, MapImage, MapView
from ..maps.vector import features_at
from ..qa.plan_maps import PUBLIC_MAP_REFUSAL
from ..settings import Settings
from . import chat_view, downloads, files, guard, verdict
from .files import CheckSnapshot, TableSnapshot

log = logging.getLogger(__name__)
REPORT_HINT = "完成一次位置、地图点选、搜索、红线或问答核查后，可下载报告与表格。"


@dataclass
class MapState:
    """Per-session: the last check (for the version switch, the map and the reports)."""

    last_result: dict[str, Any] | None = None
    last_summary: list[tuple[str, str]] = field(default_factory=list)
    last_question: str | None = None
    last_geometry: Any = None  # the red line or parcel (shapely, EPSG:4490) of the last check, staff only
    version: str = "维护后"
    token: str | None = None  # download token of the last check (staff): reports are built on click

    def remember(self, result: dict[str, Any], question: str, summary: list[tuple[str, str]],
                 geometry: Any = None) -> None:
        self.last_result, self.last_question = result, question
        self.last_summary, self.last_geometry = summary, geometry


class Actions:
    """Holds the opened assistant, map view and rate limiter; one per process."""

    def __init__(self, assistant, settings: Settings, mapview: MapView | None = None):
        self.assistant = assistant
        self.settings = settings
        self.public = settings.public
        self.mapview = mapview or getattr(assistant, "mapview", None) or MapView.from_settings(settings)
        self.limiter = guard.RateLimiter(int(settings.public_rate_limit))
        self.quota = guard.DailyQuota(int(settings.public_daily_quota))
        self.downloads = downloads.Downloads()

    def _remember(self, state: MapState, result: dict[str, Any], question: str, summary: list[tuple[str, str]],
                  geometry: Any = None) -> None:
        """The session's last check; staff mode registers it for download (nothing is built yet)."""
        state.remember(result, question, summary, geometry)
        state.token = None if self.public else self.downloads.put(CheckSnapshot(result, summary, question, geometry))

    # -- guards -----------------------------------------------------------------------------
    def allowed(self, request) -> str | None:
        """None when the request may proceed, else the Chinese refusal (public mode only)."""
        if not self.public:
            return None
        key = guard.client_key(request)
        if not self.limiter.allow(key):
            return self.limiter.message()
        if not self.quota.allow(key):
            return self.quota.message()
        return None

    def too_long(self, message: str) -> str | None:
        """The refusal for a question over the configured length, checked before any other work."""
        return question_too_long((message or "").strip(), self.settings.question_limit)

    def for_public(self, result: dict[str, Any] | None) -> dict[str, Any] | None:
        """Public mode: a point is answered for its grid cell, and boundaries within the band are named.

        Exact membership let a bisecting client trace a 永久基本农田 boundary to 0.25 m (issue 11). The
        result returned is the check of the cell centre, carrying the user's own point as its location
        and `public_near` / `public_band_m` for guard.public_location. Staff results pass unchanged.
        """
        if not self.public or not _is_point_result(result):
            return result
        band = self.settings.band_m
        loc = result["location"]
        lon, lat = coarse.cell_centre(loc["lon"], loc["lat"], band)
        checker = self.assistant.checker
        cell = checker.check_point(lon, lat, result.get("query"))
        cell["location"] = {**cell["location"], "lon": loc["lon"], "lat": loc["lat"]}
        cell["notes"] = list(dict.fromkeys([*result.get("notes", []), *cell.get("notes", [])]))
        cell["public_near"] = sorted(coarse.layers_near(checker, lon, lat, band))
        cell["public_band_m"] = band
        return cell

    def banner(self) -> str:
        try:
            return chat_view.demo_banner(self.mapview.demo_layers())
        except PlanError as exc:
            return f"⚠️ 图层状态读取失败：{exc}"

    def _show(self, answer: Answer, exports: bool = True) -> tuple[Answer, str]:
        if self.public:
            answer = guard.public_answer(answer)
        export = self.export_table if exports and not self.public else None
        return answer, chat_view.format_answer(answer, staff=not self.public, export=export)

    # -- chat -------------------------------------------------------------------------------
    def ask(self, message: str, conversation: Conversation | None, state: MapState | None = None,
            version: str | None = None, exports: bool = True,
            draw: bool = True) -> tuple[str, MapImage | None, dict[str, Any] | None]:
        """Answer one chat message: (Markdown, plan-map picture or None, map command or None).

        A location answer becomes the session's last check (the map flies there, the report can export it).
        `exports=False` (the stateless API) registers no table downloads: API callers get the table itself.
        `draw=False` (the API again) builds no map command: nobody would see the marker or its popup.
        """
        refusal = self.too_long(message)
        if refusal:
            return refusal, None, None
        answer = self.assistant.ask(message, conversation)
        if answer.image is not None and not self.public:
            answer.answer += "图件见下方。"
        if self.public and answer.location:
            answer = replace(answer, location=self.for_public(answer.location))
        raw_location = answer.location
        answer, text = self._show(answer, exports)  # public mode drops any plan map here, server-side
        command = None
        if draw and raw_location and (raw_location.get("location") or {}).get("lon") is not None:
            summary = [("输入方式", "智能问答"), ("问题", message)]
            if state is None:  # the stateless API: nothing to download later, so nothing is registered
                state = MapState()
                state.remember(raw_location, message, summary)
            else:
                self._remember(state, raw_location, message, summary)
            version = version or state.version
            command = self.map_command(state, version, fly=True)
        return with_map_notes(text, answer.image), answer.image, command

    def chat_api(self, message: str, request=None) -> str:
        """The `chat` API endpoint: one stateless question, Markdown answer with its citations."""
        if not isinstance(message, str):
            return "请输入文字问题，例如：维护后城镇开发边界多少公顷？"
        refusal = self.allowed(request) or self.too_long(message)
        if refusal:
            return refusal
        try:
            return self.ask(message, Conversation(), exports=False, draw=False)[0]
        except PlanError as exc:
            return f"无法完成：{exc}"
        except Exception:  # noqa: BLE001 - API callers get a Chinese message; the log keeps the trace
            log.exception("chat api failed: %s", guard.shorten(message))
            return "内部错误，本问题暂时无法回答。请联系管理员查看服务日志。"

    # -- location checks --------------------------------------------------------------------
    def panel(self, state: MapState, version: str) -> str:
        """The result panel of the session's last check, told for `version`."""
        if not state.last_result:
            return EMPTY_PANEL
        result = guard.public_location(state.last_result) if self.public else state.last_result
        return verdict.result_markdown(result, version, state.last_question, self.public,
                                       where=self._where(state.last_result))

    def _where(self, result: dict[str, Any]) -> str:
        loc = result.get("location") or {}
        if loc.get("lon") is None:
            return ""
        where = f"核查位置：东经 {loc['lon']:.6f}°，北纬 {loc['lat']:.6f}°（CGCS2000）"
        return where + (f"，{loc['district']}" if loc.get("district") else "")

    def map_command(self, state: MapState, version: str, fly: bool = False) -> dict[str, Any] | None:
        """What the browser map does after a check: marker, popup with the verdict, maybe the red line."""
        result = state.last_result
        if not result:
            return {"version": version}
        loc = result.get("location") or {}
        command: dict[str, Any] = {"version": version, "fly": fly}
        summary = dict(state.last_summary)
        if summary.get("输入方式") == "地图搜索":  # the URL keeps the search text, so a link repeats it
            command["search"] = summary.get("输入")
        if loc.get("lon") is None:
            return command
        features = None
        if not self.public:
            features = features_at(self.mapview, [r["layer"] for r in result.get("layers", [])
                                                  if r.get("version") == version] or CONTROL_LINES,
                                   version, loc["lon"], loc["lat"])
            if state.last_geometry is not None:
                command["redline"] = shapely.geometry.mapping(state.last_geometry)
        shown = guard.public_location(result) if self.public else result
        command.update(lon=loc["lon"], lat=loc["lat"],
                       popup=verdict.popup_html(shown, version, features, self.public, state.last_question))
        return command

    def check_point(self, lon: float, lat: float, version: str, state: MapState,
                    label: str | None = None) -> tuple[str, dict[str, Any] | None]:
        """Check one lon/lat point: (result panel, map command)."""
        if lon is None or lat is None:
            raise InputError("请输入经度和纬度，例如 东经 113.58、北纬 37.86。")
        lon, lat = _finite(lon, "经度"), _finite(lat, "纬度")
        question = label or f"东经{lon:.6f} 北纬{lat:.6f}"
        result = self.for_public(self.assistant.checker.check_point(lon, lat, question))
        self._remember(state, result, question, [("输入方式", "坐标点"), ("位置", question),
                                                 ("所在县区", (result.get("location") or {}).get("district") or "—")])
        return self.panel(state, version), self.map_command(state, version, fly=True)

    def map_event(self, raw: str, version: str, state: MapState) -> tuple[str, dict[str, Any] | None, str]:
        """An event the browser map sent (click, search box, version from the URL): (panel, command, version)."""
        try:
            event = json.loads(raw or "{}")
        except json.JSONDecodeError as exc:
            raise InputError("地图事件格式不正确，请刷新页面后重试。") from exc
        kind = event.get("kind")
        if event.get("version") in VERSIONS:
            version = event["version"]
        state.version = version
        if kind == "click":
            lon, lat = _finite(event.get("lon"), "点击位置的经度"), _finite(event.get("lat"), "点击位置的纬度")
            panel, command = self.check_point(lon, lat, version, state,
                                              label=f"地图点选 东经{lon:.6f} 北纬{lat:.6f}")
            if event.get("restore"):
                command = command | {"fly": False}
            return panel, command, version
        if kind == "search":
            panel, command = self.search(str(event.get("text") or ""), version, state)
            if event.get("restore"):  # from the URL: the view is already where the link left it
                command = command | {"fly": False}
            return panel, command, version
        if kind == "version":
            return self.panel(state, version), self.map_command(state, version), version
        raise InputError("未知的地图操作，请刷新页面后重试。")

    def search(self, text: str, version: str, state: MapState) -> tuple[str, dict[str, Any] | None]:
        """The map's search box: anything the chat understands as a location (coordinates, 单元号, 地块, 地名)."""
        text = text.strip()
        if not text:
            raise InputError("请输入坐标、不动产单元号、地块编号或地名。")
        answer = self.assistant.ask(text, None)
        if not answer.location and not looks_located(text):  # a bare name may need to be asked as a check
            answer = self.assistant.ask(f"{text}在不在管控线内", None)
        if answer.intent == "error":
            raise InputError(answer.answer.removeprefix("无法完成："))
        result = answer.location
        if not result or (result.get("location") or {}).get("lon") is None:
            raise InputError(f"没能把“{text}”识别为位置。请输入经纬度（如 113.58,37.86）、高斯坐标、"
                             "28 位不动产单元号、地块编号（如 YQ-2026-00001）或地名（如 河底镇）。")
        result = self.for_public(result)
        geometry = None
        if not self.public and result.get("query", "").startswith("地块"):
            geometry = self._parcel_geometry(text)
        self._remember(state, result, text, [("输入方式", "地图搜索"), ("输入", text)], geometry)
        return self.panel(state, version), self.map_command(state, version, fly=True)

    def _parcel_geometry(self, text: str):
        try:
            rows = self.assistant.checker.runner.run("check_find_parcel", unit_id=text.replace(" ", ""),
                                                     plot_no=text.strip()).rows
        except PlanError:
            return None
        return shapely.from_wkb(bytes(rows[0][-1])) if rows else None

    def check_redline(self, path: str, version: str, state: MapState,
                      shown_name: str | None = None) -> tuple[str, dict[str, Any] | None]:
        """Staff only: read a red-line file, check it against every layer, remember it for the report."""
        if self.public:
            raise InputError("公众查询模式不提供红线核查，请联系自然资源主管部门。")
        from ..check.redline import read_redline

        name = shown_name or Path(path).name
        redline = read_redline(path, name)
        result = self.assistant.checker.check_redline(redline, name)  # the file's reading notes come first
        self._remember(state, result, f"红线文件 {name}", redline_summary(name, redline), redline.geometry)
        panel = self.panel(state, version)
        head = [f"**{APPROXIMATE_NOTE}**"] if redline.approximate else []
        head += [f"- {line}" for line in parcel_lines(result)]
        if head:
            panel = "\n".join(head) + "\n\n" + panel
        return panel, self.map_command(state, version, fly=True)

    # -- downloads (staff): made when the user clicks, from the registered snapshot --------------
    def snapshot(self, state: MapState) -> CheckSnapshot:
        if self.public:
            raise InputError("公众查询模式不提供报告下载与表格导出。")
        if not state.last_result:
            raise InputError("请先完成一次位置或红线核查，再下载报告或导出表格。")
        return CheckSnapshot(state.last_result, state.last_summary, state.last_question, state.last_geometry)

    def _download_source(self, check: MapState | CheckSnapshot, version: str | None,
                         public_refusal: str) -> tuple[CheckSnapshot, str]:
        """The snapshot a download is made from and the version it shows (维护后 unless a valid one is asked)."""
        if isinstance(check, MapState):
            version = version or check.version
            check = self.snapshot(check)
        if self.public:
            raise InputError(public_refusal)
        return check, version if version in VERSIONS else "维护后"

    def report_bytes(self, check: MapState | CheckSnapshot, fmt: str = "pdf",
                     version: str | None = None) -> tuple[str, bytes]:
        """The report of a check as (file name, PDF or DOCX bytes), rendered now, in memory."""
        check, version = self._download_source(check, version, "公众查询模式不提供报告下载。")
        return files.report_file(self.mapview, check, fmt, version)

    def table_bytes(self, check: MapState | CheckSnapshot, fmt: str = "csv",
                    version: str | None = None) -> tuple[str, bytes]:
        """A check's tables: CSV (the detail rows) or XLSX (per layer, details, 图斑 with overlap areas)."""
        check, version = self._download_source(check, version, "公众查询模式不提供表格导出。")
        return files.check_table_file(check, fmt, version)

    def make_download(self, item: CheckSnapshot | TableSnapshot, fmt: str, version: str | None) -> tuple[str, bytes]:
        """What GET /yqplan/download/{token}/{fmt} returns, built at that moment."""
        if isinstance(item, TableSnapshot):
            return files.answer_table_file(item, fmt)
        if fmt in ("pdf", "docx"):
            return self.report_bytes(item, fmt, version)
        return self.table_bytes(item, fmt, version)

    def download_row(self, state: MapState | None, version: str) -> str:
        """The HTML of the report row: live links once a check exists, else disabled buttons and the hint."""
        token = state.token if isinstance(state, MapState) and state.last_result else None
        return downloads.buttons_html(token, version, REPORT_HINT)

    def export_table(self, title: str, columns: list[str], rows: list[list[Any]]) -> str:
        """Register a chat table (all rows) and return its download token."""
        return self.downloads.put(TableSnapshot(title, list(columns), [list(r) for r in rows]))

    def plan_map(self, kind: str, version: str, mark: str | None, state: MapState) -> MapImage:
        if self.public:
            raise InputError(PUBLIC_MAP_REFUSAL)
        return self.mapview.render_plan_map(kind, version, None if mark in (None, "", "全部") else mark)


EMPTY_PANEL = "点击地图、在地图搜索框输入位置，或在“位置核查”中输入坐标，核查结论显示在这里。"


def looks_located(text: str) -> bool:
    """Whether the search text already reads as a location question (else it is asked as one)."""
    return any(word in text for word in ("在不在", "是否在", "核查", "查一下"))


def _is_point_result(result: dict[str, Any] | None) -> bool:
    """A check of one point (not a red line or parcel, whose rows carry overlap shares)."""
    loc = (result or {}).get("location") or {}
    return (loc.get("lon") is not None and loc.get("lat") is not None
            and all(lay.get("share") is None for lay in result.get("layers", [])))


def _finite(value: Any, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{what}应为数字，例如 东经 113.58、北纬 37.86。") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise InputError(f"{what}不是有效数字，例如 东经 113.58、北纬 37.86。")
    return number


def with_map_notes(text: str, image: MapImage | None) -> str:
    """Notes about the picture itself (e.g. the online basemap failed) shown under the answer."""
    notes = [n for n in (image.notes if image else []) if n not in text]
    return text + "".join(f"\n\n> {n}" for n in notes)


def redline_summary(name: str, redline) -> list[tuple[str, str]]:
    """Input-summary rows of a red line for the report: file, format, CRS, area, parcels."""
    from ..check.result import M2_PER_MU

    area = redline.area_m2
    c = redline.geometry.centroid
    return [("输入方式", "红线文件"), ("文件", name), ("格式", str(redline.source_format or "—")),
            ("识别的坐标系", str(redline.crs_detected or "—")),
            ("地块数", str(len(redline.parcels or []) or 1)),
            *([("坐标精度", APPROXIMATE_NOTE)] if getattr(redline, "approximate", False) else []),
            ("红线面积", f"{area / 10_000:.4f} 公顷（{area / M2_PER_MU:.2f} 亩）"),
            ("中心点", f"东经 {c.x:.6f}，北纬 {c.y:.6f}")]
