"""Headless Chromium against the real app: the map (pan, zoom, layers, versions), point checks and the search box."""

from __future__ import annotations

import pytest
from browser_pages import (
    BROWSER_MARKS,
    DOCS,
    map_click,
    open_page,
    search,
    tile_urls,
    url_state,
    verdict_after,
)

pytestmark = BROWSER_MARKS
ENGLISH = ["Drop File Here", "Click to Upload", "Use via API", "Built with Gradio", "processing", "Share",
           "Settings", "Loading", "Error"]


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


def type_point(page, lon: float, lat: float) -> None:
    """Type the point into the check tab's two fields and wait until both hold it (a field still being set up
    can put back its initial value)."""
    typed = (f"{lon:.6f}", f"{lat:.6f}")
    for _ in range(3):
        page.fill("#lon input", typed[0])
        page.fill("#lat input", typed[1])
        page.press("#lat input", "Tab")  # the values are taken on leaving the field
        page.wait_for_timeout(300)
        if (page.input_value("#lon input"), page.input_value("#lat input")) == typed:
            return
    raise AssertionError(f"输入框未保留所填坐标：{page.input_value('#lon input')}, {page.input_value('#lat input')}")


def test_point_check_and_staff_popup_with_attributes(browser, staff_url, samples):
    page, rec = open_page(browser, staff_url)
    lon, lat = samples["farm"]
    page.get_by_role("tab", name="位置核查").click()
    type_point(page, lon, lat)
    verdict_after(page, lambda: page.click("#check-btn"))
    # The panel names the place it checked: wait for this point's result, not any first change of the panel.
    # Under load (CI) the check was answered at 东经 113.580000 (the field's initial value) and the latitude
    # typed: the longitude typed right after the tab opened was lost while the tab's fields were still being
    # set up. The point is typed again (and checked to have been taken) before the check is asked once more;
    # a second miss fails with what the panel showed.
    shows_point = "lon => document.querySelector('#check-result').innerText.includes(lon)"
    try:
        page.wait_for_function(shows_point, arg=f"{lon:.6f}", timeout=20_000)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError; retried once below
        type_point(page, lon, lat)
        page.click("#check-btn")
        try:
            page.wait_for_function(shows_point, arg=f"{lon:.6f}", timeout=60_000)
        except Exception as exc:  # noqa: BLE001
            raise AssertionError(page.inner_text("#check-result")) from exc
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
