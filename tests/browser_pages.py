"""Helpers of the headless-Chromium tests (tests/web/test_browser_*.py): open a page, ask, search, click the map."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="需要 Debian chromium（/usr/bin/chromium）"),
]
# The README's screenshots are refreshed only on request (UPDATE_SCREENSHOTS=1); a plain run leaves
# the committed files alone and writes its pictures to a temp folder.
DOCS = (Path(__file__).resolve().parents[1] / "docs" if os.environ.get("UPDATE_SCREENSHOTS")
        else Path(tempfile.mkdtemp(prefix="yqplan-screens-")))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
LOCAL = ("http://127.0.0.1", "data:", "blob:")


# Playwright can read an event stream's body only while the browser still holds it, and the body of a
# finished stream is sometimes gone (then `response.text()` raises). So the page's own fetch is teed too:
# each body it reads is copied into `window.__yqBodies` chunk by chunk as it arrives, since Gradio aborts
# its answer stream once the stream says it is closed (a clone's `text()` would then reject).
_TEE_PAGE = """
window.__yqBodies = [];
const yqFetch = window.fetch;
window.fetch = async (...args) => {
  const response = await yqFetch(...args);
  const reader = response.clone().body?.getReader();
  if (!reader) return response;
  const at = window.__yqBodies.push("") - 1;
  const decoder = new TextDecoder();
  const pump = () => reader.read().then(({done, value}) => {
    if (done) return;
    window.__yqBodies[at] += decoder.decode(value, {stream: true});
    return pump();
  }, () => {});
  pump();
  return response;
};
"""


class Recorder:
    """Every request URL and every response body of one page: those Playwright could read, and those the page's
    own fetch calls read."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.bodies: list[str] = []
        page.add_init_script(_TEE_PAGE)
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("response", self._response)

    def streamed(self) -> str:
        """All bodies seen so far, joined."""
        return "\n".join(self.bodies + self.page.evaluate("window.__yqBodies"))

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
