"""Headless Chromium against the real app: chat with citations, point check, red line + report, public mode."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from ui_server import running_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="需要 Debian chromium（/usr/bin/chromium）"),
]
# The README's screenshots are refreshed only on request (UPDATE_SCREENSHOTS=1); a plain run leaves
# the committed files alone and writes its pictures to a temp folder.
DOCS = (Path(__file__).resolve().parents[2] / "docs" if os.environ.get("UPDATE_SCREENSHOTS")
        else Path(tempfile.mkdtemp(prefix="yqplan-screens-")))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
LOCAL = ("http://127.0.0.1", "data:", "blob:")
POINT = (113.58, 37.86)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def staff_url(assistant_app, built_settings):
    with running_app(assistant_app, built_settings, "staff") as url:
        yield url


@pytest.fixture(scope="module")
def public_url(assistant_app, built_settings):
    with running_app(assistant_app, built_settings, "public") as url:
        yield url


class Recorder:
    """Every request URL and every readable response body of one page."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.bodies: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("response", self._response)

    def _response(self, response):
        kind = response.headers.get("content-type", "")
        if any(t in kind for t in ("json", "text", "event-stream", "javascript")):
            try:
                self.bodies.append(response.text())
            except Exception:  # noqa: BLE001 - streamed bodies may be gone; the DOM is checked too
                pass

    def outside(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(LOCAL)]


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    rec = Recorder(page)
    page.goto(url)
    page.wait_for_selector("#chat-input textarea", timeout=60_000)
    page.wait_for_selector("#map-image img", timeout=60_000)
    return page, rec


def ask(page, question: str, wait_for: str):
    """Send a question, wait until its answer is complete (each ends with “用时 … 秒”), check its text."""
    done = page.locator("#chatbot sub", has_text="用时")
    before = done.count()
    page.fill("#chat-input textarea", question)
    page.keyboard.press("Enter")
    done.nth(before).wait_for(timeout=60_000)
    assert wait_for in page.inner_text("#chatbot")


def test_chat_shows_citation_and_no_outside_requests(browser, staff_url):
    page, rec = open_page(browser, staff_url)
    assert "当前图层为演示数据" in page.inner_text("#demo-banner")
    ask(page, "生态控制区能否开发？", "依据条文")
    # An extractive answer shows its quotes as open citation blocks (section path as summary).
    assert "生态控制区" in page.locator("#chatbot details[open]").first.inner_text()
    assert "规划分区维护" in page.locator("#chatbot summary").first.inner_text()
    page.screenshot(path=str(DOCS / "screenshot_chat.png"))
    assert rec.outside() == []
    page.close()


def test_point_check_shows_per_layer_result(browser, staff_url):
    page, rec = open_page(browser, staff_url)
    page.get_by_role("tab", name="位置核查").click()
    page.fill("#lon input", str(POINT[0]))
    page.fill("#lat input", str(POINT[1]))
    page.click("#check-btn")
    page.locator("#check-result").get_by_text("逐图层核查结果").wait_for(timeout=60_000)
    table = page.inner_text("#check-result table")
    assert "永久基本农田" in table and "生态保护红线" in table
    page.screenshot(path=str(DOCS / "screenshot_check.png"))
    # clicking the map runs a check at the clicked place
    page.locator("#map-image img").click(position={"x": 200, "y": 150})
    page.locator("#check-result").get_by_text("地图点选").wait_for(timeout=60_000)
    assert rec.outside() == []
    page.close()


def test_plan_map_in_chat(browser, staff_url):
    page, rec = open_page(browser, staff_url)
    ask(page, "三条控制线维护前图（标明调出）", "已按图层数据绘制")
    page.wait_for_timeout(800)
    page.screenshot(path=str(DOCS / "screenshot_map.png"))
    page.close()


def test_redline_upload_and_report_download(browser, staff_url, tmp_path):
    fixtures = sorted((Path(__file__).parents[1] / "fixtures" / "redlines").glob("*.txt"))
    if fixtures:
        redline = fixtures[0]
    else:
        from ui_fakes import redline_txt

        redline = redline_txt(tmp_path / "红线.txt")
    page, rec = open_page(browser, staff_url)
    page.get_by_role("tab", name="红线核查").click()
    page.set_input_files("#redline-file input[type=file]", str(redline))
    page.locator("#check-result").get_by_text("逐图层核查结果").wait_for(timeout=60_000)
    assert "公顷" in page.inner_text("#check-result")
    page.wait_for_timeout(500)
    with page.expect_download(timeout=60_000) as info:
        page.click("#report-pdf")
    saved = tmp_path / "report.pdf"
    info.value.save_as(saved)
    assert saved.read_bytes()[:5] == b"%PDF-"
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "选址合规性分析报告" in text and "以法定图件为准" in text
    page.close()


def test_public_mode_leaks_no_geometry_or_sql(browser, public_url):
    page, rec = open_page(browser, public_url)
    assert page.get_by_role("tab", name="红线核查").count() == 0
    assert page.locator("#report-pdf").count() == 0
    ask(page, f"东经{POINT[0]} 北纬{POINT[1]} 在不在基本农田里？", "以法定图件为准")
    ask(page, "看一下永久基本农田维护后图", "不提供管控线图件")
    ask(page, "维护后城镇开发边界多少公顷？", "公顷")
    page.wait_for_timeout(500)
    streamed = "\n".join(rec.bodies)
    assert "在范围内" in streamed  # the answers' own payloads were captured, not only the page
    payload = streamed + "\n" + page.content()
    assert not re.search(r"\b(?:MULTI)?POLYGON\s*\(", payload)
    assert "layer_features" not in payload and not re.search(r"\bSELECT\b.+\bFROM\b", payload)
    assert "最近距离(米)" not in payload
    lonlats = [float(x) for x in re.findall(r"(?<![\d.])11[234]\.\d{4,}", payload)]
    lats = [float(x) for x in re.findall(r"(?<![\d.])3[78]\.\d{4,}", payload)]
    assert all(abs(x - POINT[0]) < 1e-3 for x in lonlats), lonlats[:5]
    assert all(abs(y - POINT[1]) < 1e-3 for y in lats), lats[:5]
    assert rec.outside() == []
    page.close()
