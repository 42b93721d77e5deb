"""The Gradio web assistant: chat, offline map, red-line check, report download; staff or public mode."""

from __future__ import annotations

import os

# Set before gradio is imported: no analytics or version-check calls leave the machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Gradio's queue rebuilds a pandas DataFrame of its last 10,000 events after every event, for a monitoring
# page this app does not serve; the cost grows with uptime. Summarise rarely and keep fewer events.
os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "100000")
os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "1000")

import logging  # noqa: E402
import time  # noqa: E402

import gradio as gr  # noqa: E402

from ..conversation import Conversation  # noqa: E402
from ..errors import PlanError  # noqa: E402
from ..maps.mapview import PLAN_MAP_TITLES, VERSIONS, MapView  # noqa: E402
from ..settings import Settings  # noqa: E402
from . import chat_view, downloads, guard, server  # noqa: E402
from .actions import EMPTY_PANEL, Actions, MapState  # noqa: E402

CSS = """
#demo-banner {background:#fff4e5;border:1px solid #f0ad4e;border-radius:6px;padding:4px 12px;}
#report-hint {color:#666;}
"""
# System fonts only: a GoogleFont theme would make every page load call fonts.googleapis.com.
THEME = gr.themes.Default(font=["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "sans-serif"],
                          font_mono=["DejaVu Sans Mono", "monospace"])
MODE_LABEL = {False: "工作人员模式（全部功能）", True: "公众查询模式"}
MAP_TEMPLATE = '<div class="yq-map" id="yq-map" role="application" aria-label="交互地图"></div>'
# Leaflet and yqmap.js come from the page <head> (server.HEAD); wait for them, then start the map here.
MAP_JS = "(function wait(){ if (window.YQMap && window.YQMap.init && window.L) { window.YQMap.init(element); }" \
         " else { setTimeout(wait, 50); } })();"
APPLY_JS = "(command) => { if (window.YQMap) { window.YQMap.apply(command); } return []; }"
log = logging.getLogger(__name__)


INTERNAL_ERROR = "⚠️ 内部错误，本次操作未完成。请检查输入后重试，或联系管理员查看服务日志。"
SESSION_CAPACITY = 1000  # sessions whose state (map check, conversation) is kept; the oldest go first
# Gradio's temp copies (uploads, chat pictures) are deleted after this many seconds: (every, age).
DELETE_CACHE = {False: (600, 1800), True: (60, 120)}


def _error(exc: Exception) -> str:
    return f"⚠️ {exc}"


def _internal(what: str, detail: object = "") -> str:
    """Log the traceback (with a shortened input only) and return the Chinese message a user sees instead."""
    log.exception("%s failed: %s", what, guard.shorten(str(detail)))
    return INTERNAL_ERROR


def build_app(assistant, settings: Settings, mapview: MapView | None = None) -> gr.Blocks:
    """The whole Blocks app; tests call this without a browser."""
    actions = Actions(assistant, settings, mapview)
    public = settings.public
    with gr.Blocks(title="阳泉市国土空间总体规划智能助手", analytics_enabled=False,
                   delete_cache=DELETE_CACHE[public]) as app:
        app.actions = actions  # for tests and the launcher
        app.extra_routes = server.routes(actions.mapview, settings,
                                         downloads.router(actions.make_download, actions.downloads), actions.chat_api)
        gr.Markdown(f"## 阳泉市国土空间总体规划 2026 年度动态维护方案 · 智能助手\n"
                    f"<sub>{MODE_LABEL[public]} · 完全离线运行 · 结论以法定图件为准</sub>")
        banner_text = actions.banner()
        banner = gr.Markdown(banner_text, elem_id="demo-banner", visible=bool(banner_text))
        # Read again on every page load: an import or build while the app runs changes what is demo data.
        def fresh_banner():
            text = actions.banner()
            return gr.update(value=text, visible=bool(text))

        app.load(fresh_banner, None, banner, api_visibility="private", show_progress="hidden")
        map_state = gr.State(None)
        conversation = gr.State(None)
        with gr.Row(equal_height=False, elem_id="main-row"):
            with gr.Column(scale=2, min_width=320, elem_id="side-col"):
                with gr.Tabs():
                    with gr.Tab("智能问答", id="chat") as chat_tab:
                        chatbot = gr.Chatbot(label="问答", show_label=False, height=470, elem_id="chatbot",
                                             buttons=["copy"],
                                             placeholder="可询问规划条文、指标数字，或某个位置是否在管控线内。")
                        with gr.Row():
                            box = gr.Textbox(placeholder="输入问题，回车发送", show_label=False, scale=5,
                                             elem_id="chat-input")
                            send = gr.Button("发送", variant="primary", scale=1, elem_id="chat-send")
                        gr.Examples(chat_view.PUBLIC_EXAMPLES if public else chat_view.EXAMPLES,
                                    inputs=box, label="示例问题（点击填入）")
                        clear = gr.Button("新对话", size="sm")
                    with gr.Tab("位置核查", id="check") as check_tab:
                        gr.Markdown("输入 CGCS2000 经纬度，或**点击地图**任意位置；地图左上角的搜索框还可输入"
                                    "度分秒、高斯坐标、不动产单元号、地块编号或地名。")
                        with gr.Row():
                            lon = gr.Number(label="经度（东经）", value=113.58, precision=6, elem_id="lon")
                            lat = gr.Number(label="纬度（北纬）", value=37.86, precision=6, elem_id="lat")
                        check_btn = gr.Button("核查该位置", variant="primary", elem_id="check-btn")
                    tabs = [chat_tab, check_tab]
                    if not public:
                        with gr.Tab("红线核查", id="redline") as redline_tab:
                            gr.Markdown("上传用地红线：界址点 TXT、GeoJSON、KML、zip 压缩的 Shapefile、DXF 或 WKT。")
                            upload = gr.File(label="红线文件（点击或拖入上传）", file_count="single",
                                             elem_id="redline-file")
                        with gr.Tab("规划图件", id="maps") as maps_tab:
                            kind = gr.Dropdown(list(PLAN_MAP_TITLES), value="三条控制线", label="图件")
                            mark = gr.Radio(["全部", "调出", "调入"], value="全部", label="标明调整（仅三条控制线）")
                            draw_btn = gr.Button("绘制", variant="primary")
                            figure = gr.Image(label="规划图件（按图层数据绘制）", type="pil", format="png",
                                              interactive=False, elem_id="plan-figure",
                                              buttons=["download", "fullscreen"])
                        tabs += [redline_tab, maps_tab]
            with gr.Column(scale=3, min_width=320, elem_id="map-col"):
                version = gr.Radio(list(VERSIONS), value="维护后", label="图层版本（地图、结论与报告同步切换）",
                                   elem_id="version")
                gr.HTML(MAP_TEMPLATE, html_template="${value}", js_on_load=MAP_JS, elem_id="map-box",
                        apply_default_css=False)
        result_md = gr.Markdown(EMPTY_PANEL, elem_id="check-result", sanitize_html=False)
        report_outputs = []
        if not public:  # links that build the report when clicked (nothing is made per check)
            report_row = gr.HTML(actions.download_row(None, "维护后"), elem_id="report-row",
                                 apply_default_css=False)
            report_outputs = [report_row]
        # The browser map writes its events here and presses the hidden button; commands go back as JSON.
        map_event = gr.Textbox(visible="hidden", elem_id="map-event")
        map_event_btn = gr.Button("map-event", visible="hidden", elem_id="map-event-btn")
        map_cmd = gr.JSON(visible="hidden", elem_id="map-cmd")

        def state_of(value):
            return value if isinstance(value, MapState) else MapState()

        for tab in tabs:
            tab.select(None, None, None, js=f"() => {{ window.YQMap && window.YQMap.setTab('{tab.label}'); }}")

        def reports(st, ver):
            """Download links of the last check for the version shown, or disabled buttons while there is none."""
            if public:
                return []
            return [actions.download_row(state_of(st), ver)]

        def on_chat(message, history, conv, st, ver, request: gr.Request):
            history = list(history or [])
            message = (message or "").strip() if isinstance(message, str) else ""
            if not message:
                yield history, conv, st, "", {}, gr.update(), gr.update()
                return
            too_long = actions.too_long(message)
            if too_long:  # before anything else touches it, the log and the chat history included
                yield (history + [{"role": "user", "content": guard.shorten(message, 100)},
                                  {"role": "assistant", "content": too_long}], conv, st, "", {}, gr.update(),
                       gr.update())
                return
            conv = conv if isinstance(conv, Conversation) else Conversation()
            st = state_of(st)
            history += [{"role": "user", "content": message},
                        {"role": "assistant", "content": "正在检索规划文本与图层……"}]
            yield history, conv, st, "", {}, gr.update(), gr.update()
            refusal = actions.allowed(request)
            if refusal:
                history[-1]["content"] = refusal
                yield history, conv, st, "", {}, gr.update(), gr.update()
                return
            started = time.perf_counter()
            image, command = None, None
            try:
                text, image, command = actions.ask(message, conv, st, ver)
            except PlanError as exc:
                text = _error(exc)
            except Exception:  # noqa: BLE001 - the chat must answer, not hang; the log keeps the trace
                _internal("chat", message)
                text = "⚠️ 内部错误，本问题暂时无法回答。请换个问法，或联系管理员查看服务日志。"
            history[-1]["content"] = text + f"\n\n<sub>用时 {time.perf_counter() - started:.1f} 秒</sub>"
            if image is not None:
                history.append({"role": "assistant", "content": gr.Image(image.to_pil(), show_label=False,
                                                                          buttons=["download", "fullscreen"])})
            panel = actions.panel(st, ver) if command else gr.update()
            yield history, conv, st, "", command or {}, panel, gr.update()  # {}: the map stays as it is

        chat_io = ([box, chatbot, conversation, map_state, version],
                   [chatbot, conversation, map_state, box, map_cmd, result_md, version])
        for trigger in (box.submit, send.click):
            trigger(on_chat, *chat_io, api_visibility="private", show_progress="hidden").then(
                None, [map_cmd], None, js=APPLY_JS).then(
                reports, [map_state, version], report_outputs, api_visibility="private", show_progress="hidden")
        clear.click(lambda: ([], None), None, [chatbot, conversation], api_visibility="private")

        def chat(message: str, request: gr.Request) -> str:
            """Ask one question; returns the Markdown answer with its citations."""
            return actions.chat_api(message, request)

        gr.api(chat, api_name="chat")

        def checked(st, ver, request, run):
            """Rate limit, run one check, fill the result panel and the map command (errors keep the map)."""
            st = state_of(st)
            refusal = actions.allowed(request)
            if refusal:
                return refusal, {}, st, gr.update()
            try:
                panel, command, ver = run(st)
            except PlanError as exc:
                return _error(exc), {}, st, gr.update()
            except Exception:  # noqa: BLE001 - a Chinese message, never the exception text
                return _internal("check"), {}, st, gr.update()
            return panel, command, st, ver

        check_outputs = [result_md, map_cmd, map_state, version]

        def chain(event):
            event.then(None, [map_cmd], None, js=APPLY_JS).then(
                reports, [map_state, version], report_outputs, api_visibility="private", show_progress="hidden")

        def on_check(x, y, ver, st, request: gr.Request):
            return checked(st, ver, request, lambda s: (*actions.check_point(x, y, ver, s), ver))

        chain(check_btn.click(on_check, [lon, lat, version, map_state], check_outputs, api_visibility="private",
                              show_progress="minimal"))

        def on_map_event(raw, ver, st, request: gr.Request):
            return checked(st, ver, request, lambda s: actions.map_event(raw, ver, s))

        chain(map_event_btn.click(on_map_event, [map_event, version, map_state], check_outputs,
                                  api_visibility="private", show_progress="minimal"))

        def on_version(ver, st):
            st = state_of(st)
            st.version = ver
            links = reports(st, ver)  # the links carry the version: a report is always of the one shown
            try:
                return actions.panel(st, ver), actions.map_command(st, ver), st, *links
            except PlanError as exc:
                return _error(exc), {"version": ver}, st, *links

        chain(version.input(on_version, [version, map_state], [result_md, map_cmd, map_state, *report_outputs],
                            api_visibility="private", show_progress="hidden"))

        if not public:
            def on_upload(file, ver, st):
                st = state_of(st)
                if not file:
                    return gr.update(), {}, st, gr.update()
                try:
                    panel, command = actions.check_redline(file, ver, st, shown_name=uploaded_name(file))
                except PlanError as exc:
                    return _error(exc), {}, st, gr.update()
                except Exception:  # noqa: BLE001 - a Chinese message, never the exception text or a temp path
                    return _internal("red line", uploaded_name(file)), {}, st, gr.update()
                return panel, command, st, ver

            chain(upload.upload(on_upload, [upload, version, map_state], check_outputs, api_visibility="private",
                                show_progress="minimal"))

            def on_draw(k, ver, m, st):
                st = state_of(st)
                try:
                    return actions.plan_map(k, ver, m, st).to_pil(), st
                except PlanError as exc:
                    gr.Warning(str(exc))
                    return gr.update(), st

            draw_btn.click(on_draw, [kind, version, mark, map_state], [figure, map_state],
                           api_visibility="private")
    app.queue(default_concurrency_limit=4)
    return app


def uploaded_name(file) -> str:
    """The file name as the user chose it (Gradio keeps it beside the stored copy)."""
    from pathlib import Path

    return getattr(file, "orig_name", None) or Path(str(file)).name


def launch_options(settings: Settings, app: gr.Blocks | None = None) -> dict:
    """Options for `Blocks.launch`: loopback, no share link, no SSR, local fonts, the map's routes and head.

    Uploads are capped in both modes; X-Forwarded-For is believed only from YQPLAN_TRUSTED_PROXIES.
    """
    guard.trust_proxies(settings.proxies)
    options = {
        "server_name": os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        "server_port": int(os.environ.get("GRADIO_SERVER_PORT", "7860")),
        "share": False, "ssr_mode": False, "theme": THEME, "css": CSS, "show_error": False,
        "footer_links": [], "pwa": False, "mcp_server": False,
        "allowed_paths": [], "favicon_path": None, "head": server.HEAD,
        "max_file_size": settings.upload_limit_bytes,
        # Every /chat API call is a new Gradio session holding a copy of the page config (~10 KB); with
        # Gradio's default of 10,000 kept sessions the 10-minute soak grew ~45 MB a minute (issue 11).
        "state_session_capacity": SESSION_CAPACITY,
    }
    if app is not None:
        from starlette.middleware import Middleware

        options["app_kwargs"] = {"routes": list(getattr(app, "extra_routes", [])),
                                 "middleware": [Middleware(server.ChineseFirstPage)]}
    return options


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
    options = launch_options(settings, app)
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
