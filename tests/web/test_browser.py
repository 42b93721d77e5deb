"""Headless Chromium against the real app: chat with citations, point check, red line + report, public mode."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote

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


def open_page(browser, url, width=1280, height=1000):
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    rec = Recorder(page)
    page.goto(url)
    page.wait_for_selector("#chat-input textarea", timeout=60_000)
    page.wait_for_selector(".yq-map[data-ready='1']", timeout=60_000)
    return page, rec


def ask(page, question: str, wait_for: str):
    """Send a question, wait until its answer is complete (each ends with “用时 … 秒”), check its text."""
    done = page.locator("#chatbot sub", has_text="用时")
    before = done.count()
    page.fill("#chat-input textarea", question)
    page.keyboard.press("Enter")
    done.nth(before).wait_for(timeout=60_000)
    assert wait_for in page.inner_text("#chatbot")


def verdict_after(page, action, timeout=60_000) -> str:
    """Run `action` and return the new headline verdict once it has changed."""
    # The whole panel, not only the headline: two places can share a headline, never their coordinates.
    old = page.inner_text("#check-result")
    action()
    page.wait_for_function("old => { const p = document.querySelector('#check-result');"
                           " return document.querySelector('#verdict') && p.innerText !== old; }",
                           arg=old, timeout=timeout)
    page.wait_for_timeout(300)
    return page.inner_text("#verdict")


def search(page, text: str) -> str:
    def go():
        page.fill("#map-search", text)
        page.click("#map-search-btn")
    return verdict_after(page, go)


def map_click(page, fx=0.5, fy=0.6):
    box = page.locator(".yq-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)


def url_state(page) -> dict[str, str]:
    from urllib.parse import parse_qs, urlparse

    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def tile_urls(page) -> list[str]:
    return page.eval_on_selector_all(".yq-map img.leaflet-tile", "els => els.map(e => decodeURI(e.src))")


@pytest.fixture(scope="module")
def samples(built_settings):
    """Independent inputs from the built demo database: a farmland point, a parcel, a place, vertices."""
    from assistant.layers import db

    con = db.connect(built_settings.db_path, read_only=True)
    lon, lat = con.execute("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM features "
                           "WHERE layer = '永久基本农田' AND version = '维护后' ORDER BY area_m2 DESC LIMIT 1)").fetchone()
    unit_id, plot_no = con.execute("SELECT unit_id, plot_no FROM parcels ORDER BY plot_no LIMIT 1").fetchone()
    place = con.execute("SELECT name FROM places WHERE kind LIKE '%镇%' ORDER BY name LIMIT 1").fetchone()[0]
    vertices = con.execute("SELECT DISTINCT printf('%.4f', ST_X(p)) FROM (SELECT unnest(ST_Dump(ST_Points(geom))).geom p "
                           "FROM features WHERE layer IN ('永久基本农田', '生态保护红线', '城镇开发边界') LIMIT 3000)"
                           ).fetchall()
    con.close()
    return {"farm": (lon, lat), "unit_id": unit_id, "plot_no": plot_no, "place": place,
            "vertex_lons": [v[0] for v in vertices]}


ENGLISH = ["Drop File Here", "Click to Upload", "Use via API", "Built with Gradio", "processing", "Share",
           "Settings", "Loading", "Error"]


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


def test_map_pans_zooms_resets_and_toggles_layers(browser, staff_url):
    page, rec = open_page(browser, staff_url)
    page.wait_for_timeout(800)
    start = url_state(page)["c"]
    assert any("/永久基本农田/维护后/" in u for u in tile_urls(page))
    page.click(".leaflet-control-zoom-in")
    page.wait_for_function("z => !location.search.includes(z)", arg=f"c={start}".replace(",", "%2C"))
    assert int(url_state(page)["c"].split(",")[2]) == int(start.split(",")[2]) + 1
    # A drag during the zoom animation is dropped on a loaded machine: wait until it is over.
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    zoomed = url_state(page)["c"]
    box = page.locator(".yq-map").bounding_box()
    page.mouse.move(box["x"] + 300, box["y"] + 300)
    page.mouse.down()
    page.mouse.move(box["x"] + 150, box["y"] + 200, steps=5)
    page.mouse.up()
    page.wait_for_function("z => !location.search.includes(z)", arg=f"c={zoomed}".replace(",", "%2C"))
    assert url_state(page)["c"].split(",")[:2] != start.split(",")[:2]
    page.uncheck(".yq-panel input[data-layer='永久基本农田']")
    page.wait_for_timeout(500)
    assert not any("/永久基本农田/" in u for u in tile_urls(page))
    assert "永久基本农田" not in url_state(page)["l"]
    page.check(".yq-panel input[data-layer='规划分区']")
    page.wait_for_timeout(800)
    assert any("/规划分区/维护后/" in u for u in tile_urls(page))
    page.click(".yq-reset")
    page.wait_for_timeout(800)
    now = [float(v) for v in url_state(page)["c"].split(",")]
    first = [float(v) for v in start.split(",")]
    assert now[2] == first[2] and abs(now[0] - first[0]) < 0.01 and abs(now[1] - first[1]) < 0.01
    assert "图层：演示数据" in page.inner_text(".leaflet-control-attribution")
    assert page.locator(".leaflet-control-scale-line").count() == 1
    # No 天地图 key and no tile URL configured: no basemap is asked for, from us or from anyone else.
    assert not any("/yqmap/basemap/" in u or "tianditu" in u for u in rec.requests)
    assert rec.outside() == []
    page.close()


def test_point_check_and_staff_popup_with_attributes(browser, staff_url, samples):
    page, rec = open_page(browser, staff_url)
    lon, lat = samples["farm"]
    page.get_by_role("tab", name="位置核查").click()
    page.fill("#lon input", f"{lon:.6f}")
    page.fill("#lat input", f"{lat:.6f}")
    page.press("#lat input", "Tab")  # under load the click can come before the inputs' values are taken
    verdict_after(page, lambda: page.click("#check-btn"))
    # The panel names the place it checked: wait for this point's result, not any first change of the panel.
    page.wait_for_function("lon => document.querySelector('#check-result').innerText.includes(lon)",
                           arg=f"{lon:.6f}", timeout=60_000)
    headline = page.inner_text("#verdict")
    assert headline.startswith("维护后：位于永久基本农田内"), page.inner_text("#check-result")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "永久基本农田" in text and "JBNT" in text and "公顷" in text and "亩" in text
    assert page.inner_text("#layer-table").startswith("图层\t维护前\t维护后\t变化")
    page.wait_for_timeout(2500)  # the fly-to animation and the tiles of the new zoom
    page.screenshot(path=str(DOCS / "screenshot_check.png"))
    page.mouse.wheel(0, 0)
    # clicking the map anywhere (the popup closed) checks that place
    page.click(".leaflet-popup-close-button")
    headline2 = verdict_after(page, lambda: map_click(page, 0.3, 0.7))
    assert headline2.startswith("维护后") and "p" in url_state(page)
    assert rec.outside() == []
    page.close()


def test_search_box_flies_and_checks_every_input_form(browser, staff_url, samples):
    page, rec = open_page(browser, staff_url)
    lon, lat = samples["farm"]
    d, m = int(lon), (lon - int(lon)) * 60
    dlat, mlat = int(lat), (lat - int(lat)) * 60
    from assistant.geo import points_to_metric

    xs, ys = points_to_metric([lon], [lat])
    x, y = float(xs[0]), float(ys[0])
    forms = {"decimal": f"{lon:.6f},{lat:.6f}",
             "dms": f"东经{d}°{int(m)}′{(m % 1) * 60:.3f}″ 北纬{dlat}°{int(mlat)}′{(mlat % 1) * 60:.3f}″",
             "gauss": f"{x:.2f} {y:.2f}",
             "unit": samples["unit_id"], "plot": samples["plot_no"], "place": samples["place"]}
    for kind, text in forms.items():
        search(page, "113.400000,37.950000")  # elsewhere first, so each search changes the panel
        before = url_state(page).get("p")
        headline = search(page, text)
        assert headline.startswith("维护后："), (kind, headline)
        if kind in ("decimal", "dms", "gauss"):
            assert headline.startswith("维护后：位于永久基本农田内"), (kind, headline)
        assert url_state(page).get("p") != before, kind
        page.wait_for_timeout(700)  # the fly-to animation
        center = [float(v) for v in url_state(page)["c"].split(",")[:2]]
        checked = [float(v) for v in url_state(page)["p"].split(",")]
        assert abs(center[0] - checked[1]) < 0.02 and abs(center[1] - checked[0]) < 0.02, kind  # popup pans a bit
        if kind == "place":  # zoomed in: the gazetteer's names label the map
            assert samples["place"] in page.locator(".yq-place").all_inner_texts()
        assert url_state(page).get("s") == text, kind
    panel = page.inner_text("#check-result")
    link = page.url
    page.close()
    # The link of the last search runs that search again: same panel, search text back in the box.
    page, rec = open_page(browser, link)
    page.wait_for_function("old => { const p = document.querySelector('#check-result');"
                           " return p && p.innerText === old; }", arg=panel, timeout=60_000)
    assert page.input_value("#map-search") == forms["place"]
    map_click(page, 0.3, 0.7)  # a click replaces the search in the URL
    page.wait_for_function("() => !new URLSearchParams(location.search).has('s')", timeout=60_000)
    assert rec.outside() == []
    page.close()


def test_version_switch_and_reload_keep_one_version(browser, staff_url, samples, tmp_path):
    page, rec = open_page(browser, staff_url)
    lon, lat = samples["farm"]
    search(page, f"{lon:.6f},{lat:.6f}")
    headline = verdict_after(page, lambda: page.get_by_label("维护前").check())
    assert headline.startswith("维护前：") and "当前查看：维护前" in page.inner_text("#check-result")
    page.wait_for_timeout(800)
    assert url_state(page)["v"] == "维护前"
    assert any("/永久基本农田/维护前/" in u for u in tile_urls(page))
    assert not any("/永久基本农田/维护后/" in u for u in tile_urls(page))
    assert page.inner_text(".yq-ver") == "维护前"
    assert page.inner_text(".leaflet-popup-content").startswith("维护前：")
    page.locator("#report-pdf[href*='version=%E7%BB%B4%E6%8A%A4%E5%89%8D']").wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        page.click("#report-pdf")
    assert info.value.suggested_filename == "选址合规性分析报告（维护前）.pdf"
    saved = tmp_path / "report.pdf"
    info.value.save_as(saved)
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(saved).pages).replace("\n", "")
    assert "合规性分析（维护前）" in text and "结论：维护前" in text and "合规性分析（维护后）" not in text
    url = page.url
    page.close()
    page, rec = open_page(browser, url)
    page.locator("#verdict").wait_for(timeout=60_000)
    assert page.inner_text("#verdict").startswith("维护前：")
    assert page.locator("#version input[value='维护前']").is_checked()
    assert url_state(page)["v"] == "维护前" and "p" in url_state(page)
    assert rec.outside() == []
    page.close()


NO_WRAP_JS = """() => Array.from(document.querySelectorAll('#check-result table td, #check-result table th'))
  .filter(td => { const r = document.createRange(); r.selectNodeContents(td);
                  const tops = new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top)));
                  return tops.size > 1; }).map(td => td.innerText)"""


# The staff popup's 图斑 table shows every column, the areas included, inside the popup and the screen.
POPUP_FITS_JS = """() => { const c = document.querySelector('.leaflet-popup-content');
  const box = c.getBoundingClientRect(); const out = [];
  if (c.scrollWidth > c.clientWidth + 1) out.push('scrolls ' + c.scrollWidth + '>' + c.clientWidth);
  for (const cell of c.querySelectorAll('th, td')) { const r = cell.getBoundingClientRect();
    if (r.right > box.right + 1 || r.right > window.innerWidth) out.push(cell.innerText); }
  return out; }"""


@pytest.mark.parametrize("width", [1280, 390])
def test_table_cells_never_wrap_and_page_is_chinese(browser, staff_url, samples, width):
    page, rec = open_page(browser, staff_url, width=width, height=900)
    lon, lat = samples["farm"]
    search(page, f"{lon:.6f},{lat:.6f}")
    if width == 390:
        page.wait_for_timeout(1200)  # the fly-to animation
        page.locator(".yq-map").scroll_into_view_if_needed()
        page.screenshot(path=str(DOCS / "screenshot_phone.png"), full_page=False)
    page.locator(".leaflet-popup-content table").wait_for(timeout=10_000)
    page.wait_for_timeout(800)
    assert page.evaluate(POPUP_FITS_JS) == [], width
    page.locator("#check-result details").first.click()
    assert page.evaluate(NO_WRAP_JS) == []
    if width != 390:
        page.get_by_role("tab", name="红线核查").click()
        page.wait_for_timeout(300)
        dump = page.inner_text("body")
        found = [w for w in ENGLISH if w in dump]
        assert found == [], found
        assert page.locator("button[aria-label*='hare'], button[title*='hare']").count() == 0
        assert "上传" in page.inner_text("#redline-file")
    page.close()


def test_redline_upload_and_report_download(browser, staff_url, tmp_path):
    from ui_fakes import redline_txt

    redline = redline_txt(tmp_path / "东区 红线.txt")
    page, rec = open_page(browser, staff_url)
    assert page.locator("#report-pdf").is_disabled() and "完成一次" in page.inner_text("#report-hint")
    page.get_by_role("tab", name="红线核查").click()
    page.set_input_files("#redline-file input[type=file]", str(redline))
    page.locator("#check-result").get_by_text("逐图层核查结果").wait_for(timeout=60_000)
    assert "公顷" in page.inner_text("#check-result")
    assert "东区 红线.txt" in page.inner_text("#redline-file").replace("\n", "")
    page.locator("#report-pdf:not([disabled])").wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        page.click("#report-pdf")
    saved = tmp_path / "report.pdf"
    info.value.save_as(saved)
    assert saved.read_bytes()[:5] == b"%PDF-"
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(saved).pages).replace("\n", "")
    assert "选址合规性分析报告" in text and "以法定图件为准" in text and "东区 红线.txt" in text
    import subprocess

    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(saved),
                    str(DOCS / "screenshot_report")], check=True, timeout=60)
    with page.expect_download(timeout=60_000) as info:
        page.click("#table-xlsx")
    assert info.value.suggested_filename.endswith(".xlsx")
    page.close()


def test_project_list_exports_every_row(browser, staff_url):
    page, rec = open_page(browser, staff_url)
    ask(page, "郊区有哪些重点项目？", "重点建设项目")
    link = page.locator("#chatbot a", has_text="CSV").last
    text = page.inner_text("#chatbot")
    import re as re_

    count = int(re_.search(r"导出全部 (\d+) 行", text)[1])
    body = page.request.get(staff_url.rstrip("/") + link.get_attribute("href")).body().decode("utf-8-sig")
    assert len(body.strip().splitlines()) == count + 1 and count > 50  # the chat shows 50, the file all
    assert rec.outside() == []
    page.close()


def test_plan_map_in_chat(browser, staff_url):
    page, rec = open_page(browser, staff_url)
    ask(page, "三条控制线维护前图（标明调出）", "已按图层数据绘制")
    page.locator("#chatbot img").last.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(DOCS / "screenshot_map.png"))
    page.close()


def test_public_mode_leaks_no_geometry_or_sql(browser, public_url, samples):
    page, rec = open_page(browser, public_url)
    assert page.get_by_role("tab", name="红线核查").count() == 0
    assert page.locator("#report-pdf").count() == 0
    ask(page, f"东经{POINT[0]} 北纬{POINT[1]} 在不在基本农田里？", "以法定图件为准")
    ask(page, "看一下永久基本农田维护后图", "不提供管控线图件")
    ask(page, "维护后城镇开发边界多少公顷？", "公顷")
    page.wait_for_timeout(500)
    assert page.inner_text("#verdict").startswith("维护后：")
    # The answers' own payloads must be captured, not only the page; an event stream's body is readable only
    # once the stream ends, which under load can be seconds after the page shows the answer.
    for _ in range(60):
        streamed = "\n".join(rec.bodies)
        if "在范围内" in streamed:
            break
        page.wait_for_timeout(500)
    assert "在范围内" in streamed
    payload = streamed + "\n" + page.content()
    assert not re.search(r"\b(?:MULTI)?POLYGON\s*\(", payload)
    assert "layer_features" not in payload and not re.search(r"\bSELECT\b.+\bFROM\b", payload)
    assert "最近距离(米)" not in payload and "JBNT" not in payload
    lonlats = [float(x) for x in re.findall(r"(?<![\d.])11[234]\.\d{4,}", payload)]
    lats = [float(x) for x in re.findall(r"(?<![\d.])3[78]\.\d{4,}", payload)]
    assert all(abs(x - POINT[0]) < 1e-3 for x in lonlats), lonlats[:5]
    assert all(abs(y - POINT[1]) < 1e-3 for y in lats), lats[:5]
    assert not [v for v in samples["vertex_lons"] if v in payload][:3]
    # the map: tiles only (PNG), no GeoJSON; the config (tiles metadata) carries no vertex
    assert any("/yqmap/tiles/永久基本农田/" in unquote(u) for u in rec.requests)
    assert not any("features.geojson" in u or "identify" in u for u in rec.requests)
    assert rec.outside() == []
    page.close()


def test_public_map_click_gives_a_verdict(browser, public_url, samples):
    page, rec = open_page(browser, public_url)
    lon, lat = samples["farm"]
    headline = search(page, f"{lon:.6f},{lat:.6f}")
    assert headline.startswith("维护后：位于永久基本农田内")
    assert page.inner_text(".leaflet-popup-content").startswith("维护后：位于永久基本农田内")
    row = page.inner_text("#layer-table")
    assert "永久基本农田\t在范围内\t在范围内" in row and "规划分区\t" in row
    page.wait_for_timeout(1200)  # the fly-to animation
    page.screenshot(path=str(DOCS / "screenshot_public.png"))
    headline = verdict_after(page, lambda: map_click(page, 0.6, 0.8))
    assert headline.startswith("维护后：")
    assert not any("features.geojson" in u for u in rec.requests) and rec.outside() == []
    page.close()
