"""The Gradio web assistant: chat, offline map, red-line check, report download; staff or public mode."""

from __future__ import annotations

import os

# Set before gradio is imported: no analytics or version-check calls leave the machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import logging  # noqa: E402
import time  # noqa: E402

import gradio as gr  # noqa: E402

from ..errors import PlanError  # noqa: E402
from ..maps.mapview import PLAN_MAP_TITLES, VERSIONS, MapView  # noqa: E402
from ..pipeline import Conversation  # noqa: E402
from ..settings import Settings  # noqa: E402
from . import chat_view  # noqa: E402
from .actions import Actions, MapState  # noqa: E402

CSS = """
#demo-banner {background:#fff4e5;border:1px solid #f0ad4e;border-radius:6px;padding:4px 12px;}
#map-image img {cursor: crosshair;}
"""
# System fonts only: a GoogleFont theme would make every page load call fonts.googleapis.com.
THEME = gr.themes.Default(font=["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "sans-serif"],
                          font_mono=["DejaVu Sans Mono", "monospace"])
MODE_LABEL = {False: "工作人员模式（全部功能）", True: "公众查询模式"}
log = logging.getLogger(__name__)


def _error(exc: Exception) -> str:
    return f"⚠️ {exc}"


def build_app(assistant, settings: Settings, mapview: MapView | None = None) -> gr.Blocks:
    """The whole Blocks app; tests call this without a browser."""
    actions = Actions(assistant, settings, mapview)
    public = settings.public
    with gr.Blocks(title="阳泉市国土空间总体规划智能助手", analytics_enabled=False) as app:
        app.actions = actions  # for tests and the launcher
        gr.Markdown(f"## 阳泉市国土空间总体规划 2026 年度动态维护方案 · 智能助手\n"
                    f"<sub>{MODE_LABEL[public]} · 完全离线运行 · 结论以法定图件为准</sub>")
        banner_text = actions.banner()
        gr.Markdown(banner_text, elem_id="demo-banner", visible=bool(banner_text))
        map_state = gr.State(None)
        conversation = gr.State(None)
        with gr.Row():
            with gr.Column(scale=3):
                with gr.Tabs():
                    with gr.Tab("智能问答", id="chat"):
                        chatbot = gr.Chatbot(label="问答", height=520, elem_id="chatbot",
                                             placeholder="可询问规划条文、指标数字，或某个位置是否在管控线内。")
                        with gr.Row():
                            box = gr.Textbox(placeholder="输入问题，回车发送", show_label=False, scale=5,
                                             elem_id="chat-input")
                            send = gr.Button("发送", variant="primary", scale=1, elem_id="chat-send")
                        gr.Examples(chat_view.PUBLIC_EXAMPLES if public else chat_view.EXAMPLES,
                                    inputs=box, label="示例问题（点击填入）")
                        clear = gr.Button("新对话", size="sm")
                    with gr.Tab("位置核查", id="check"):
                        gr.Markdown("输入 CGCS2000 经纬度，或直接**点击右侧地图**任意位置进行核查。")
                        with gr.Row():
                            lon = gr.Number(label="经度（东经）", value=113.58, precision=6, elem_id="lon")
                            lat = gr.Number(label="纬度（北纬）", value=37.86, precision=6, elem_id="lat")
                        check_btn = gr.Button("核查该位置", variant="primary", elem_id="check-btn")
                    if not public:
                        with gr.Tab("红线核查", id="redline"):
                            gr.Markdown("上传用地红线：界址点 TXT、GeoJSON、KML、zip 压缩的 Shapefile、DXF 或 WKT。")
                            upload = gr.File(label="红线文件", file_count="single", elem_id="redline-file")
                        with gr.Tab("规划图件", id="maps"):
                            kind = gr.Dropdown(list(PLAN_MAP_TITLES), value="三条控制线", label="图件")
                            mark = gr.Radio(["全部", "调出", "调入"], value="全部", label="标明调整（仅三条控制线）")
                            draw_btn = gr.Button("绘制", variant="primary")
            with gr.Column(scale=2):
                version = gr.Radio(list(VERSIONS), value="维护后", label="图层版本")
                map_image = gr.Image(label="地图（离线绘制，可点击核查）", type="pil", format="png",
                                     interactive=False, elem_id="map-image", height=480)
                result_md = gr.Markdown("点击地图或在“位置核查”中输入坐标，结果显示在这里。", elem_id="check-result")
                if not public:
                    with gr.Row():
                        pdf_btn = gr.DownloadButton("下载报告（PDF）", elem_id="report-pdf", size="sm")
                        docx_btn = gr.DownloadButton("下载报告（DOCX）", elem_id="report-docx", size="sm")

        def state_of(value):
            return value if isinstance(value, MapState) else MapState()

        def on_load(ver, st):
            st = state_of(st)
            try:
                return actions.overview(ver, st).to_pil(), st
            except PlanError as exc:
                gr.Warning(str(exc))
                return None, st

        app.load(on_load, [version, map_state], [map_image, map_state], api_visibility="private")

        def on_chat(message, history, conv, st, request: gr.Request):
            history = list(history or [])
            message = (message or "").strip()
            if not message:
                yield history, conv, gr.update(), st, ""
                return
            conv = conv if isinstance(conv, Conversation) else Conversation()
            st = state_of(st)
            history += [{"role": "user", "content": message},
                        {"role": "assistant", "content": "正在检索规划文本与图层……"}]
            yield history, conv, gr.update(), st, ""
            refusal = actions.allowed(request)
            if refusal:
                history[-1]["content"] = refusal
                yield history, conv, gr.update(), st, ""
                return
            started = time.perf_counter()
            try:
                text, image = actions.ask(message, conv)
            except PlanError as exc:
                text, image = _error(exc), None
            except Exception:  # noqa: BLE001 - the chat must answer, not hang; the log keeps the trace
                log.exception("chat failed: %s", message)
                text, image = "⚠️ 内部错误，本问题暂时无法回答。请换个问法，或联系管理员查看服务日志。", None
            if image is not None:
                st.remember(image)
            history[-1]["content"] = text + f"\n\n<sub>用时 {time.perf_counter() - started:.1f} 秒</sub>"
            yield history, conv, image.to_pil() if image else gr.update(), st, ""

        chat_io = ([box, chatbot, conversation, map_state], [chatbot, conversation, map_image, map_state, box])
        box.submit(on_chat, *chat_io, api_visibility="private")
        send.click(on_chat, *chat_io, api_visibility="private")
        clear.click(lambda: ([], None), None, [chatbot, conversation], api_visibility="private")

        def chat(message: str, request: gr.Request) -> str:
            """Ask one question; returns the Markdown answer with its citations."""
            return actions.chat_api(message, request)

        gr.api(chat, api_name="chat")

        report_outputs = [] if public else [pdf_btn, docx_btn]

        def reports(st):
            if public:
                return []
            try:
                return [actions.report(st, "pdf"), actions.report(st, "docx")]
            except PlanError:
                return [None, None]

        def checked(st, request, run):
            """Rate limit, run one point check, and fill the check outputs (errors keep the old map)."""
            st = state_of(st)
            refusal = actions.allowed(request)
            if refusal:
                return refusal, gr.update(), st, *([gr.update()] * len(report_outputs))
            try:
                text, image = run(st)
            except PlanError as exc:
                return _error(exc), gr.update(), st, *([gr.update()] * len(report_outputs))
            return text, image.to_pil(), st, *reports(st)

        def on_check(x, y, ver, st, request: gr.Request):
            return checked(st, request, lambda s: actions.check_point(x, y, ver, s))

        check_outputs = [result_md, map_image, map_state, *report_outputs]
        check_btn.click(on_check, [lon, lat, version, map_state], check_outputs, api_visibility="private")

        def on_click(ver, st, evt: gr.SelectData, request: gr.Request):
            return checked(st, request, lambda s: actions.click(evt.index[0], evt.index[1], ver, s))

        map_image.select(on_click, [version, map_state], check_outputs, api_visibility="private")

        if not public:
            def on_upload(file, ver, st):
                st = state_of(st)
                if not file:
                    return gr.update(), gr.update(), st, gr.update(), gr.update()
                try:
                    text, image = actions.check_redline(file, ver, st)
                except PlanError as exc:
                    return _error(exc), gr.update(), st, gr.update(), gr.update()
                return text, image.to_pil(), st, *reports(st)

            upload.upload(on_upload, [upload, version, map_state], check_outputs, api_visibility="private")

            def on_draw(k, ver, m, st):
                st = state_of(st)
                try:
                    return actions.plan_map(k, ver, m, st).to_pil(), st
                except PlanError as exc:
                    gr.Warning(str(exc))
                    return gr.update(), st

            draw_btn.click(on_draw, [kind, version, mark, map_state], [map_image, map_state],
                           api_visibility="private")
    app.queue(default_concurrency_limit=4)
    return app


def launch_options(settings: Settings) -> dict:
    """Options for `Blocks.launch`: loopback by default, no share link, no SSR, local fonts only."""
    return {
        "server_name": os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        "server_port": int(os.environ.get("GRADIO_SERVER_PORT", "7860")),
        "share": False, "ssr_mode": False, "theme": THEME, "css": CSS, "show_error": True,
        "footer_links": ["api"], "pwa": False, "mcp_server": False,
        "allowed_paths": [], "favicon_path": None,
    }


def open_assistant(settings: Settings):
    """Build or load the index and the layer database, printing progress; returns the Assistant."""
    from ..pipeline import Assistant

    def progress(message: str) -> None:
        print(f"[启动] {message}", flush=True)

    started = time.perf_counter()
    assistant = Assistant.open(settings, progress)
    progress(f"索引与图层数据库就绪，用时 {time.perf_counter() - started:.1f} 秒")
    return assistant


def serve(settings: Settings) -> int:
    started = time.perf_counter()
    assistant = open_assistant(settings)
    app = build_app(assistant, settings)
    options = launch_options(settings)
    print(f"[启动] 界面已构建，用时 {time.perf_counter() - started:.1f} 秒；"
          f"访问 http://{options['server_name']}:{options['server_port']}/ （{MODE_LABEL[settings.public]}）",
          flush=True)
    app.launch(**options)
    return 0


def cmd_serve(args, settings: Settings) -> int:
    """`yqplan serve`."""
    return serve(settings)


def main() -> None:
    from .. import settings as settings_mod

    raise SystemExit(serve(settings_mod.load()))
