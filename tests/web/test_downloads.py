"""Reports and tables are built when the user clicks their link, never per check (issue 11); full table export."""

from __future__ import annotations

import io
import re
from urllib.parse import unquote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from fixtures.layer_db import lonlat_at
from openpyxl import load_workbook
from pypdf import PdfReader
from ui_fakes import FakeAssistant, ui_settings

from assistant.answer_types import Answer
from assistant.web import chat_view, downloads, report, server
from assistant.web.actions import Actions, MapState


@pytest.fixture(scope="module")
def staff(tmp_path_factory):
    settings = ui_settings(tmp_path_factory.mktemp("dl"))
    return Actions(FakeAssistant(settings.db_path), settings)


@pytest.fixture(scope="module")
def client(staff):
    app = FastAPI()
    app.router.routes.extend(server.routes(staff.mapview, staff.settings,
                                           downloads.router(staff.make_download, staff.downloads)))
    return TestClient(app)


def href(html: str, ident: str) -> str:
    return re.search(rf'id="{ident}" class="yq-dl" href="([^"]+)"', html)[1].replace("&amp;", "&")


def test_a_check_builds_no_report_until_the_link_is_clicked(staff, client, monkeypatch):
    built = []
    real_pdf = report.build_pdf
    monkeypatch.setattr(report, "build_pdf", lambda data: built.append(data.version) or real_pdf(data))
    state = MapState()
    assert 'id="report-pdf" class="yq-dl" disabled' in staff.download_row(state, "维护后")
    staff.check_point(*lonlat_at(2200, 200), "维护后", state)  # JBNT-2: only 维护前
    row = staff.download_row(state, "维护前")
    assert built == [] and "维护前" in row
    answer = client.get(href(row, "report-pdf"))
    assert answer.status_code == 200 and answer.content[:5] == b"%PDF-" and built == ["维护前"]
    assert answer.headers["content-type"] == "application/pdf"
    assert unquote(answer.headers["content-disposition"]).endswith("选址合规性分析报告（维护前）.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(answer.content)).pages).replace("\n", "")
    assert "合规性分析（维护前）" in text and "JBNT-2" in text
    docx = client.get(href(row, "report-docx"))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    book = load_workbook(io.BytesIO(client.get(href(row, "table-xlsx")).content))
    assert book.sheetnames == ["逐图层结论", "明细", "涉及图斑（维护前）"]
    assert client.get(href(row, "table-csv")).content.decode("utf-8-sig").startswith("图层,版本")


def test_report_page_one_carries_the_verdict_and_the_map(staff):
    state = MapState()
    staff.check_point(*lonlat_at(500, 500), "维护后", state)
    first = PdfReader(io.BytesIO(staff.report_bytes(state, "pdf")[1])).pages[0]
    text = first.extract_text().replace("\n", "")
    assert "结论：维护后：永久基本农田：涉及，需按条文审查" in text and "合规性分析（维护后）" in text
    assert "位置示意图（维护后）" in text and len(first.images) == 1


def test_unknown_or_expired_links_answer_in_chinese(client):
    answer = client.get("/yqplan/download/nonsense/pdf")
    assert answer.status_code == 410 and "下载链接已过期" in answer.text


def test_registry_is_bounded_and_expires():
    now = [0.0]
    store = downloads.Downloads(max_items=2, max_age_s=10, clock=lambda: now[0])
    first, second, third = store.put("a"), store.put("b"), store.put("c")
    assert store.get(first) is None and store.get(second) == "b" and len(store) == 2
    now[0] = 11
    assert store.get(third) is None


def test_public_mode_has_no_download_route(tmp_path):
    settings = ui_settings(tmp_path, mode="public")
    public = Actions(FakeAssistant(settings.db_path, public=True), settings)
    paths = [getattr(r, "path", "") for r in server.routes(public.mapview, settings,
                                                           downloads.router(public.make_download, public.downloads))]
    assert not any(p.startswith("/yqplan/download") for p in paths)
    state = MapState()
    public.check_point(*lonlat_at(500, 500), "维护后", state)
    assert state.token is None and len(public.downloads) == 0


def test_a_long_chat_table_is_exported_whole(staff, client):
    rows = [[f"项目{i:03d}", "郊区", i * 1.5] for i in range(120)]
    answer = Answer("郊区有哪些项目", "stats", "共 120 项。", [],
                    [{"title": "郊区重点建设项目清单", "columns": ["name", "county", "area_ha"], "rows": rows}])
    text = chat_view.format_answer(answer, staff=True, export=staff.export_table)
    assert "仅显示前 50 行" in text and "项目049" in text and "项目050" not in text
    link = re.search(r"导出全部 120 行：\[CSV\]\(([^)]+)\) · \[XLSX\]\(([^)]+)\)", text)
    lines = client.get(link[1]).content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 121 and lines[-1].startswith("项目119,郊区,178.5")
    sheet = load_workbook(io.BytesIO(client.get(link[2]).content)).active
    assert sheet.max_row == 121 and sheet["A121"].value == "项目119"


def test_staff_chat_answers_carry_export_links_public_ones_do_not(staff, tmp_path):
    text, _, _ = staff.ask("生态控制区能否开发？", None)
    assert "导出全部 1 行：[CSV](/yqplan/download/" in text
    held = len(staff.downloads)
    assert "导出全部" not in staff.chat_api("生态控制区能否开发？") and len(staff.downloads) == held  # API: no links
    settings = ui_settings(tmp_path, mode="public")
    public = Actions(FakeAssistant(settings.db_path, public=True), settings)
    assert "导出全部" not in public.ask("生态控制区能否开发？", None)[0]
