"""What each UI event does, as plain methods tests call without a browser (mode filtering included)."""

from __future__ import annotations

import logging
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..answer_types import Answer
from ..check import answer as location_answer
from ..check.result import APPROXIMATE_NOTE, parcel_lines
from ..errors import InputError, PlanError
from ..maps.mapview import MapImage, MapView
from ..pipeline import Conversation
from ..qa.plan_maps import PUBLIC_MAP_REFUSAL
from ..settings import Settings
from . import chat_view, guard

REPORT_DIR = Path(tempfile.gettempdir()) / "yqplan_reports"

@dataclass
class MapState:
    """Per-session: the extent of the image on screen (for clicks) and the last check (for reports)."""

    extent: tuple[float, float, float, float] | None = None
    width: int = 0
    height: int = 0
    last_result: dict[str, Any] | None = None
    last_summary: list[tuple[str, str]] = field(default_factory=list)
    last_png: bytes | None = None

    def remember(self, image: MapImage) -> None:
        self.extent, self.width, self.height = image.extent, image.width, image.height


class Actions:
    """Holds the opened assistant, map view and rate limiter; one per process."""

    def __init__(self, assistant, settings: Settings, mapview: MapView | None = None):
        self.assistant = assistant
        self.settings = settings
        self.public = settings.public
        self.mapview = mapview or getattr(assistant, "mapview", None) or MapView.from_settings(settings)
        self.limiter = guard.RateLimiter(int(settings.public_rate_limit))

    # -- guards -----------------------------------------------------------------------------
    def allowed(self, request) -> str | None:
        """None when the request may proceed, else the Chinese refusal (public mode only)."""
        if self.public and not self.limiter.allow(guard.client_key(request)):
            return self.limiter.message()
        return None

    def banner(self) -> str:
        try:
            return chat_view.demo_banner(self.mapview.demo_layers())
        except PlanError as exc:
            return f"⚠️ 图层状态读取失败：{exc}"

    def _show(self, answer: Answer) -> tuple[Answer, str]:
        if self.public:
            answer = guard.public_answer(answer)
        return answer, chat_view.format_answer(answer, staff=not self.public)

    # -- chat -------------------------------------------------------------------------------
    def ask(self, message: str, conversation: Conversation | None) -> tuple[str, MapImage | None]:
        """Answer one chat message; plan-map answers carry their picture, location answers get one drawn."""
        answer = self.assistant.ask(message, conversation)
        if answer.image is not None and not self.public:
            answer.answer += "见右侧地图。"
        answer, text = self._show(answer)  # public mode drops any plan map here, server-side
        image = answer.image
        loc = (answer.location or {}).get("location")
        if image is None and loc and loc.get("lon") is not None:
            image = self.mapview.render_check(answer.location, public=self.public)
        return with_map_notes(text, image), image

    def chat_api(self, message: str, request=None) -> str:
        """The `chat` API endpoint: one stateless question, Markdown answer with its citations."""
        refusal = self.allowed(request)
        if refusal:
            return refusal
        try:
            return self.ask(message, Conversation())[0]
        except PlanError as exc:
            return f"无法完成：{exc}"
        except Exception:  # noqa: BLE001 - API callers get a Chinese message; the log keeps the trace
            logging.getLogger(__name__).exception("chat api failed: %s", message)
            return "内部错误，本问题暂时无法回答。请联系管理员查看服务日志。"

    # -- location checks --------------------------------------------------------------------
    def check_point(self, lon: float, lat: float, version: str, state: MapState,
                    label: str | None = None) -> tuple[str, MapImage]:
        if lon is None or lat is None:
            raise InputError("请输入经度和纬度，例如 东经 113.58、北纬 37.86。")
        question = label or f"东经{float(lon):.6f} 北纬{float(lat):.6f}"
        result = self.assistant.checker.check_point(float(lon), float(lat), question)
        _, text = self._show(location_answer.compose(question, result))
        image = self.mapview.render_check(result, version=version, public=self.public)
        state.remember(image)
        state.last_result, state.last_png = result, image.png
        state.last_summary = [("输入方式", "坐标点"), ("位置", question),
                              ("所在县区", (result.get("location") or {}).get("district") or "—")]
        return with_map_notes(text, image), image

    def click(self, x: float, y: float, version: str, state: MapState) -> tuple[str, MapImage]:
        if state.extent is None:
            raise InputError("地图尚未加载完成，请稍候再点击。")
        probe = MapImage(b"", state.extent, state.width, state.height, "")
        lon, lat = probe.pixel_to_lonlat(x, y)
        return self.check_point(lon, lat, version, state, label=f"地图点选 东经{lon:.5f} 北纬{lat:.5f}")

    def check_redline(self, path: str, version: str, state: MapState) -> tuple[str, MapImage]:
        """Staff only: read a red-line file, check it against every layer, remember it for the report."""
        if self.public:
            raise InputError("公众查询模式不提供红线核查，请联系自然资源主管部门。")
        from ..check.redline import read_redline

        name = Path(path).name
        redline = read_redline(path, name)
        result = self.assistant.checker.check_redline(redline, name)  # the file's reading notes come first
        answer = location_answer.compose(f"红线文件 {name}", result)
        _, text = self._show(answer)
        image = self.mapview.render_check(result, geometry=redline.geometry, version=version)
        state.remember(image)
        state.last_result, state.last_png = result, image.png
        state.last_summary = redline_summary(name, redline)
        head = [f"**{APPROXIMATE_NOTE}**"] if redline.approximate else []
        head += [f"- {line}" for line in parcel_lines(result)]
        if head:
            text = "\n".join(head) + "\n\n" + text
        return with_map_notes(text, image), image

    def report(self, state: MapState, fmt: str = "pdf") -> str:
        """Write the report of the last check to a temp file and return its path."""
        if self.public:
            raise InputError("公众查询模式不提供报告下载。")
        if not state.last_result:
            raise InputError("请先完成一次位置或红线核查，再下载报告。")
        from . import report

        data = report.ReportInput(state.last_result, state.last_summary, state.last_png,
                                  self.mapview.layer_status())
        REPORT_DIR.mkdir(parents=True, exist_ok=True)
        out = REPORT_DIR / f"选址合规性分析报告_{uuid.uuid4().hex[:8]}.{fmt}"
        out.write_bytes(report.build_pdf(data) if fmt == "pdf" else report.build_docx(data))
        return str(out)

    def plan_map(self, kind: str, version: str, mark: str | None, state: MapState) -> MapImage:
        if self.public:
            raise InputError(PUBLIC_MAP_REFUSAL)
        image = self.mapview.render_plan_map(kind, version, None if mark in (None, "", "全部") else mark)
        state.remember(image)
        return image

    def overview(self, version: str, state: MapState) -> MapImage:
        image = self.mapview.render_overview(version, public=self.public)
        state.remember(image)
        return image


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
