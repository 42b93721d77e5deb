"""Corpus ingest: heading paths, page-break repair, running headers, sentences, other file types."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.plan import corpus
from assistant.plan.corpus import load_corpus, repair_page_breaks, split_sentences

ROOT = Path(__file__).resolve().parents[2]
PLAN_TXT = ROOT / "corpus" / "000_e9bb1a7ce3402723.txt"
TITLE = "阳泉市国土空间总体规划2026年度动态维护方案"
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


@pytest.fixture(scope="module")
def plan_sections():
    return load_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def by_path(plan_sections):
    return {s.section: s for s in plan_sections}


def test_document_title_joins_the_cover_title_lines(plan_sections):
    assert {s.doc for s in plan_sections} == {TITLE}


@pytest.mark.parametrize("path", [
    "封面",
    "一、工作背景",
    "二、编制原则 > 1.底线思维，严守管控",
    "二、编制原则 > 3. 需求导向，保障发展",
    "三、编制范围",
    "四、动态维护方案 > （一）三条控制线维护 > 1.耕地和永久基本农田",
    "四、动态维护方案 > （一）三条控制线维护 > 3.城镇开发边界",
    "四、动态维护方案 > （二）其他重要控制线维护 > 2.洪涝风险控制线",
    "四、动态维护方案 > （四）中心城区用地规划布局维护",
    "四、动态维护方案 > （五）城市重要控制线维护 > 2. 城市紫线",
    "四、动态维护方案 > （六）重点建设项目清单维护",
    "五、实施保障 > （五）坚持公众参与",
    "附图",
])
def test_real_heading_paths_exist(by_path, path):
    assert path in by_path


def test_sections_are_in_document_order(plan_sections):
    assert [s.order for s in plan_sections] == sorted(s.order for s in plan_sections)
    assert plan_sections[0].path == ("封面",) and plan_sections[-1].path == ("附图",)


@pytest.mark.parametrize("repaired", ["扩展规模 973.98 公顷", "用途调整；", "按照精准上图"])
def test_words_split_across_pages_are_rejoined(plan_sections, repaired):
    assert any(repaired in s.text for s in plan_sections)


def test_repair_page_breaks_keeps_headings_and_titles_apart():
    text = "阳泉市国土空间总体规划\n\n2026 年度动态维护方案\n\n二、编制原则\n\n1.底线思维，严守管控\n\n坚决贯彻，严守红线。\n\n \n扩展规\n\n模 9 公顷。"
    paragraphs = repair_page_breaks("本段，扩展规\n\n模 9 公顷。\n\n" + text).split("\n\n")
    assert paragraphs[0] == "本段，扩展规模 9 公顷。"
    assert "1.底线思维，严守管控" in paragraphs
    assert "阳泉市国土空间总体规划" in paragraphs and "二、编制原则" in paragraphs


def test_running_headers_are_dropped(plan_sections):
    assert not any(TITLE in s.text for s in plan_sections)
    assert not any("国土空间规划分区规划图" in s.text for s in plan_sections)  # map-page captions


def test_appendix_map_list_is_one_section(plan_sections, by_path):
    appendix = [s for s in plan_sections if s.path[0] == "附图"]
    assert len(appendix) == 1
    lines = by_path["附图"].text.split("\n")
    assert lines[0] == "1. 三条控制线维护前图（标明调出）"
    assert lines[-1].startswith("8. 中心城区用地规划布局图")
    assert len(lines) == 8


def test_cover_keeps_issuer_and_date(by_path):
    assert "阳泉市人民政府" in by_path["封面"].text and "2026 年 6 月" in by_path["封面"].text


def test_section_text_is_its_own_body_only(by_path):
    assert by_path["四、动态维护方案"].text == ""
    assert by_path["四、动态维护方案 > （一）三条控制线维护 > 2.生态保护红线"].text.startswith("市级总体规划确定的市辖区生态保护红线 10")


def test_every_sentence_is_verbatim_in_the_repaired_text(plan_sections):
    full = repair_page_breaks(PLAN_TXT.read_text(encoding="utf-8"))
    sentences = [sent for s in plan_sections for sent in split_sentences(s.text)]
    assert len(sentences) > 40
    assert all(sent in full for sent in sentences)


def test_split_sentences_respects_quotes_and_brackets():
    text = "坚持“先规划、后建设；先调整、后落地”原则。预留 29.81 公顷（占比 3.06%；试行）！是否调整？不涉及；完毕"
    assert split_sentences(text) == [
        "坚持“先规划、后建设；先调整、后落地”原则。", "预留 29.81 公顷（占比 3.06%；试行）！",
        "是否调整？", "不涉及；", "完毕"]
    assert split_sentences("第一段：\n第二段。") == ["第一段：", "第二段。"]


def test_fingerprint_tracks_ingested_files_only(tmp_path):
    (tmp_path / "a.txt").write_text("一、总则\n\n正文。", encoding="utf-8")
    first = corpus.corpus_fingerprint(tmp_path)
    (tmp_path / "shapes.geojson").write_text("{}", encoding="utf-8")
    (tmp_path / "SOURCES.md").write_text("# 来源", encoding="utf-8")
    assert corpus.corpus_fingerprint(tmp_path) == first
    (tmp_path / "a.txt").write_text("一、总则\n\n正文改了。", encoding="utf-8")
    assert corpus.corpus_fingerprint(tmp_path) != first


def _write_pdf(path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("CJK", str(CJK_FONT), subfontIndex=0))
    pdf = canvas.Canvas(str(path))
    pages = [["测试县国土空间规划说明", "一、总则", "（一）适用范围",
              "本说明适用于全县，城镇开发边界扩展规"],
             ["模 100 公顷。", "二、附则", "本说明自发布之日起施行。"]]
    for lines in pages:
        pdf.setFont("CJK", 12)
        for i, line in enumerate(lines):
            pdf.drawString(50, 800 - 20 * i, line)
        pdf.showPage()
    pdf.save()


def _write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("测试镇详细规划通则", 0)
    document.add_heading("一、规划目标", 1)
    document.add_paragraph("到 2035 年，生态保护红线面积不减少。")
    document.add_heading("（一）分区管控", 2)
    document.add_paragraph("城镇发展区内按详细规划管理。")
    document.add_heading("术语解释", 1)
    document.add_paragraph("本通则所称“一张图”，指国土空间规划一张图。")
    document.save(str(path))


@pytest.mark.skipif(not CJK_FONT.exists(), reason="needs a CJK TrueType font to write a Chinese PDF")
def test_md_docx_pdf_load_and_cite_like_the_plan(tmp_path):
    (tmp_path / "a_notes.md").write_text(
        "# 测试市城市设计导则\n\n## 一、总体要求\n\n坚持以人为本。\n\n### 1. 城市紫线\n\n紫线内严禁拆除历史建筑。\n",
        encoding="utf-8")
    _write_docx(tmp_path / "b_rules.docx")
    _write_pdf(tmp_path / "c_scan.pdf")
    (tmp_path / "ignored.geojson").write_text("{}", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("a,b", encoding="utf-8")

    sections = load_corpus(tmp_path)
    cited = {(s.doc, s.section): s.text for s in sections}
    assert cited[("测试市城市设计导则", "一、总体要求")] == "坚持以人为本。"
    assert cited[("测试市城市设计导则", "一、总体要求 > 1. 城市紫线")] == "紫线内严禁拆除历史建筑。"
    assert cited[("测试镇详细规划通则", "一、规划目标 > （一）分区管控")] == "城镇发展区内按详细规划管理。"
    assert cited[("测试镇详细规划通则", "术语解释")].startswith("本通则所称“一张图”")
    assert cited[("测试县国土空间规划说明", "一、总则 > （一）适用范围")] == "本说明适用于全县，城镇开发边界扩展规模 100 公顷。"
    assert cited[("测试县国土空间规划说明", "二、附则")] == "本说明自发布之日起施行。"
    assert [s.order for s in sections] == list(range(len(sections)))


def test_plain_text_without_title_uses_first_line_or_file_stem(tmp_path):
    (tmp_path / "说明.txt").write_text("一、总则\n\n正文。", encoding="utf-8")
    assert load_corpus(tmp_path)[0].doc == "说明"


def test_empty_or_missing_folder_is_a_chinese_data_error(tmp_path):
    from assistant.errors import DataError

    with pytest.raises(DataError, match="没有可读取的文件"):
        load_corpus(tmp_path)
    with pytest.raises(DataError, match="YQPLAN_CORPUS_DIR"):
        load_corpus(tmp_path / "missing")


def test_numbers_are_not_mistaken_for_headings():
    text = "一、总则\n\n3.06% 为占比。\n\n1.28 倍为扩展倍数。"
    sections = corpus.parse_sections(repair_page_breaks(text), "x")
    assert [s.section for s in sections] == ["一、总则"]
    assert re.search("3.06%", sections[0].text)
