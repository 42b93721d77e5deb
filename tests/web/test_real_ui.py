"""The staff UI on the real assistant over the small versioned fixture database: answers, checks, reports.

Numbers are checked against shapely on the fixture's own metre boxes (not the checker), and the PDF
and DOCX reports are read back as text (pypdf, python-docx) for the real check's numbers, verdicts
and citations.
"""

from __future__ import annotations

import html
import io
import re

import pytest
import shapely
from docx import Document
from fixtures.layer_db import OX, OY, ROOT, lonlat_at, metric_box
from fixtures.versions_db import versioned_boxes
from pypdf import PdfReader
from ui_fakes import redline_txt

from assistant.conversation import Conversation
from assistant.web.actions import Actions, MapState

CORPUS = re.sub(r"\s+", "", (ROOT / "corpus" / "000_e9bb1a7ce3402723.txt").read_text(encoding="utf-8"))
REDLINE_BOX = (200, 200, 1400, 700)  # tests/ui_fakes.redline_txt's default, metres from the origin


@pytest.fixture(scope="module")
def staff(fixture_assistant, versioned_settings):
    return Actions(fixture_assistant, versioned_settings)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def layer_geoms(layer: str, version: str) -> list[shapely.Geometry]:
    return [metric_box(o) for v, *_, o in versioned_boxes()[layer] if v == version]


def quotes_are_verbatim(citations) -> None:
    assert citations
    for c in citations:
        quote = c["quote"] if isinstance(c, dict) else c.quote
        assert flat(quote).strip("…") in CORPUS, quote


def test_policy_chat_cites_the_plan_verbatim(staff, fixture_assistant):
    text, image, *_ = staff.ask("生态控制区能否开发？", Conversation())
    answer = fixture_assistant.ask("生态控制区能否开发？")
    quotes_are_verbatim(answer.citations)
    assert image is None and "<details" in text and html.escape(answer.citations[0].section) in text


def row_of(result: dict, layer: str, version: str) -> dict:
    return next(r for r in result["layers"] if (r["layer"], r["version"]) == (layer, version))


def test_point_check_verdicts_and_distances_match_shapely(staff):
    dx, dy = 1070, 500
    state = MapState()
    panel, _ = staff.check_point(*lonlat_at(dx, dy), "维护后", state)
    point = shapely.Point(OX + dx, OY + dy)
    for version in ("维护前", "维护后"):
        d = min(g.distance(point) for g in layer_geoms("永久基本农田", version))
        row = row_of(state.last_result, "永久基本农田", version)
        assert row["inside"] is False and row["distance_m"] == pytest.approx(d, abs=0.05)
    assert "永久基本农田" in panel and "JBNT" not in panel


@pytest.fixture(scope="module")
def redline_state(staff, tmp_path_factory):
    state = MapState()
    path = redline_txt(tmp_path_factory.mktemp("red") / "红线.txt", *REDLINE_BOX)
    panel, _ = staff.check_redline(str(path), "维护后", state)
    return panel, state


def expected_overlaps() -> dict[str, tuple[float, float]]:
    """维护前/维护后 -> (公顷, share of the red line) over 永久基本农田, by shapely."""
    red = metric_box(REDLINE_BOX)
    out = {}
    for version in ("维护前", "维护后"):
        m2 = sum(g.intersection(red).area for g in layer_geoms("永久基本农田", version))
        out[version] = (m2 / 10_000, m2 / red.area)
    return out


def test_redline_check_numbers_match_shapely(redline_state):
    _, state = redline_state
    for version, (ha, share) in expected_overlaps().items():
        row = row_of(state.last_result, "永久基本农田", version)
        assert row["inside"] and row["overlap_ha"] == pytest.approx(ha, abs=1e-4)
        assert row["overlap_mu"] == pytest.approx(ha * 15, abs=0.01) and row["share"] == pytest.approx(share, abs=1e-4)
    assert row_of(state.last_result, "生态保护红线", "维护后")["inside"] is False


CONTROL_LINES = ("永久基本农田", "生态保护红线", "城镇开发边界")


def expected_verdicts(version: str) -> dict[str, str]:
    """The report's verdict per control line, from shapely: 占用 X 公顷 when the red line overlaps it, else 不涉及."""
    red = metric_box(REDLINE_BOX)
    out = {}
    for layer in CONTROL_LINES:
        geoms = layer_geoms(layer, version)
        m2 = sum(g.intersection(red).area for g in geoms)
        assert m2 > 0 or not any(g.intersects(red) for g in geoms), layer  # no touching-only case in the fixture
        out[layer] = f"占用 {m2 / 10_000:.4f} 公顷，需按条文审查" if m2 > 0 else "不涉及"
    assert sorted(set(v[:2] for v in out.values())) == ["不涉", "占用"]  # both verdicts are exercised
    return out


def check_report_text(text: str, result: dict, version: str) -> None:
    body = flat(text)
    ha, _ = expected_overlaps()[version]
    verdicts = "；".join(f"{layer}：{words}" for layer, words in expected_verdicts(version).items())
    assert flat(f"{version}：{verdicts}。") in body, verdicts  # the conclusion sentence
    assert "选址合规性分析报告" in body and f"合规性分析（{version}）" in body
    assert f"{ha:.4f}" in body and f"{ha * 15:.2f}" in body, (version, ha)
    quotes_are_verbatim(result["citations"])
    for c in result["citations"]:
        assert flat(c["section"]) in body and flat(c["quote"]) in body
    assert "演示数据" in body and "以法定图件为准" in body


@pytest.mark.parametrize("version", ["维护前", "维护后"])
def test_pdf_report_carries_the_real_check(staff, redline_state, version):
    _, state = redline_state
    name, pdf = staff.report_bytes(state, "pdf", version)
    assert name == f"选址合规性分析报告（{version}）.pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    check_report_text(text, state.last_result, version)


@pytest.mark.parametrize("version", ["维护前", "维护后"])
def test_docx_report_carries_the_real_check(staff, redline_state, version):
    _, state = redline_state
    doc = Document(io.BytesIO(staff.report_bytes(state, "docx", version)[1]))
    cells = ["".join(c.text for c in row.cells) for t in doc.tables for row in t.rows]
    text = "\n".join(p.text for p in doc.paragraphs) + "\n" + "\n".join(cells)
    check_report_text(text, state.last_result, version)
    for layer, words in expected_verdicts(version).items():  # the verdict table, one row per control line
        assert any(cell.startswith(flat(f"{layer}{words}")) for cell in map(flat, cells)), (layer, words)
    for layer in CONTROL_LINES:  # the per-layer table: 是否占用 in both versions
        for v in ("维护前", "维护后"):
            occupied = "是" if expected_verdicts(v)[layer] != "不涉及" else "否"
            assert any(cell.startswith(f"{layer}{v}{occupied}") for cell in cells), (layer, v, occupied)
    assert len(doc.inline_shapes) == 1  # the location map
