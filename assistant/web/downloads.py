"""Reports and tables built when the user asks for them: a link per check or table, the file made on click.

Every staff check used to write a PDF and a DOCX at once (issue 11: 218 files, 64 MB in one sitting).
Now a check only registers what a report needs under an unguessable token; GET /yqplan/download/…
renders the file in memory and streams it. Nothing is written to disk; old tokens expire.
"""

from __future__ import annotations

import html
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse, Response

from ..errors import PlanError

PREFIX = "/yqplan/download"
MAX_ITEMS = 1000        # per process; the oldest go first (a chat table may hold 1,000 rows)
MAX_AGE_S = 4 * 3600    # a link older than this answers 410 and asks for a new check
EXPIRED = "下载链接已过期或无效，请重新核查（或重新提问）后再下载。"
MEDIA = {"pdf": "application/pdf",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class Downloads:
    """Token -> what a download is made from (a check snapshot or a table); bounded in count and age."""

    def __init__(self, max_items: int = MAX_ITEMS, max_age_s: float = MAX_AGE_S,
                 clock: Callable[[], float] = time.monotonic):
        self.max_items, self.max_age_s, self.clock = max_items, max_age_s, clock
        self._items: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, item: Any) -> str:
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._items[token] = (self.clock(), item)
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)
        return token

    def get(self, token: str) -> Any | None:
        with self._lock:
            entry = self._items.get(token)
            if entry is None:
                return None
            if self.clock() - entry[0] > self.max_age_s:
                del self._items[token]
                return None
            return entry[1]

    def __len__(self) -> int:
        return len(self._items)


def url(token: str, fmt: str, version: str | None = None) -> str:
    return f"{PREFIX}/{token}/{fmt}" + (f"?version={quote(version)}" if version else "")


def attachment(name: str, data: bytes, fmt: str) -> Response:
    """The file as a download; the Chinese name goes in filename* (RFC 6266), an ASCII one beside it."""
    disposition = f"attachment; filename=\"download.{fmt}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=MEDIA[fmt], headers={"Content-Disposition": disposition,
                                                           "Cache-Control": "no-store"})


def router(make: Callable[[Any, str, str | None], tuple[str, bytes]], downloads: Downloads) -> APIRouter:
    """GET {PREFIX}/{token}/{fmt}?version=…: `make(item, fmt, version)` returns (file name, bytes)."""
    api = APIRouter(prefix=PREFIX)

    @api.get("/{token}/{fmt}")
    def download(token: str, fmt: str, version: str | None = None) -> Response:
        item = downloads.get(token)
        if item is None:
            return PlainTextResponse(EXPIRED, status_code=410)
        if fmt not in MEDIA:
            return PlainTextResponse("不支持的下载格式，可选 pdf、docx、csv、xlsx。", status_code=404)
        try:
            name, data = make(item, fmt, version)
        except PlanError as exc:
            return PlainTextResponse(f"无法生成：{exc}", status_code=400)
        return attachment(name, data, fmt)

    return api


BUTTONS = (("report-pdf", "pdf", "下载报告（PDF）"), ("report-docx", "docx", "下载报告（DOCX）"),
           ("table-csv", "csv", "导出表格（CSV）"), ("table-xlsx", "xlsx", "导出表格（XLSX）"))


def buttons_html(token: str | None, version: str, hint: str) -> str:
    """The report row: four links that build their file on click, or disabled buttons and the hint."""
    if not token:
        cells = "".join(f'<button type="button" id="{ident}" class="yq-dl" disabled>{label}</button>'
                        for ident, _, label in BUTTONS)
        return f'<div class="yq-downloads">{cells}</div><div id="report-hint">{html.escape(hint)}</div>'
    cells = "".join(f'<a id="{ident}" class="yq-dl" href="{html.escape(url(token, fmt, version))}" download>'
                    f"{label}</a>" for ident, fmt, label in BUTTONS)
    return (f'<div class="yq-downloads">{cells}</div>'
            f'<div id="report-note">报告按当前查看的版本（{html.escape(version)}）在点击时生成。</div>')
