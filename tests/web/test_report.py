"""Site report: PDF and DOCX carry the overlap table, changes, verbatim rules, data status, disclaimer."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from assistant.web import report

RESULT = {
    "query": "红线 a.txt", "location": {"lon": 113.58, "lat": 37.86, "district": "城区"}, "in_scope": True,
    "layers": [{"layer": "永久基本农田", "version": "维护后", "inside": True, "overlap_m2": 15000.0,
                "overlap_ha": 1.5, "overlap_mu": 22.5, "share": 0.25, "distance_m": 0.0, "features": []}],
    "changes": [{"layer": "永久基本农田", "change": "调出", "overlap_m2": 6666.67}],
    "citations": [{"doc": "阳泉市国土空间总体规划2026年度动态维护方案", "section": "四 > （一） > 1.永久基本农田",
                   "quote": "永久基本农田一经划定，不得擅自占用。"}],
    "demo_data": True, "notes": [],
}


@pytest.fixture
def report_input():
    return report.ReportInput(RESULT, [("输入方式", "红线文件"), ("文件", "a.txt")], None,
                              [{"layer": "永久基本农田", "demo": True, "source": "demo", "feature_count": 3}])


def test_pdf_report_text(report_input):
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(report.build_pdf(report_input))).pages)
    for expected in ["选址合规性分析报告", "合规性分析（维护后）", "占用 1.5000 公顷，需按条文审查", "22.50", "调出",
                     "永久基本农田一经划定", "演示数据",
                     "以法定图件为准", "1.永久基本农田"]:
        assert expected in text.replace("\n", ""), expected


def test_docx_report_text(report_input):
    doc = Document(io.BytesIO(report.build_docx(report_input)))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells)
    for expected in ["选址合规性分析报告", "22.50", "0.6667", "永久基本农田一经划定", "演示数据", "以法定图件为准"]:
        assert expected in text, expected


def test_conclusion_words():
    assert report.conclusion(RESULT) == ("维护后：永久基本农田：占用 1.5000 公顷，需按条文审查；"
                                         "生态保护红线：无图层数据；城镇开发边界：无图层数据。")
    point = {"in_scope": True, "layers": [
        {"layer": name, "version": "维护前", "inside": name == "生态保护红线", "features": []}
        for name in report.CONTROL_LINES]}
    assert report.conclusion(point, "维护前") == ("维护前：永久基本农田：不涉及；生态保护红线：涉及，需按条文审查；"
                                                 "城镇开发边界：不涉及。")
    assert report.conclusion(point, "维护后").startswith("维护后：永久基本农田：无图层数据")
    assert report.conclusion({"in_scope": False}) == "核查对象不在阳泉市规划范围内。"
