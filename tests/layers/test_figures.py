"""Figure extraction from the real plan text, and load into DuckDB."""

from __future__ import annotations

import pytest
from figure_helpers import plan_sections

from assistant.layers.figures import extract_figures, load_figures
from assistant.plan.corpus import Section

S_SCOPE = "三、编制范围"
S_FARM = "四、动态维护方案 > （一）三条控制线维护 > 1.耕地和永久基本农田"
S_ECO = "四、动态维护方案 > （一）三条控制线维护 > 2.生态保护红线"
S_UDB = "四、动态维护方案 > （一）三条控制线维护 > 3.城镇开发边界"
S_HIST = "四、动态维护方案 > （二）其他重要控制线维护 > 1.历史文化保护线"
S_FLOOD = "四、动态维护方案 > （二）其他重要控制线维护 > 2.洪涝风险控制线"
S_GREEN = "四、动态维护方案 > （五）城市重要控制线维护 > 1. 城市绿线"
S_PURPLE = "四、动态维护方案 > （五）城市重要控制线维护 > 2. 城市紫线"
S_PROJ = "四、动态维护方案 > （六）重点建设项目清单维护"

# (indicator, scope, phase, version, value_text, unit, section)
EXPECTED = [
    ("国土面积", "市域", "现状", None, "4558.96", "平方千米", S_SCOPE),
    ("国土面积", "市辖区", "现状", None, "653.61", "平方千米", S_SCOPE),
    ("中心城区面积", "中心城区", "现状", None, "271.23", "平方千米", S_SCOPE),
    ("永久基本农田", "市辖区", "维护前", "维护前", "8.2593", "万亩", S_FARM),
    ("永久基本农田", "市辖区", "维护后", "维护后", "8.2831", "万亩", S_FARM),
    ("生态保护红线", "市辖区", "维护前", "维护前", "10", "平方千米", S_ECO),
    ("城镇开发边界", "市辖区", "维护前", "维护前", "9390.31", "公顷", S_UDB),
    ("城镇开发边界", "市辖区", "扩展倍数", "维护前", "1.28", "倍", S_UDB),
    ("城镇开发边界", "市辖区", "扩展规模", "维护前", "973.98", "公顷", S_UDB),
    ("城镇开发边界", "市辖区", "维护后", "维护后", "9387.50", "公顷", S_UDB),
    ("城镇开发边界", "市辖区", "扩展规模", "维护后", "944.17", "公顷", S_UDB),
    ("城镇开发边界", "市辖区", "预留机动", "维护后", "29.81", "公顷", S_UDB),
    ("城镇开发边界", "市辖区", "占比", "维护后", "3.06", "%", S_UDB),
    ("历史文化保护线", "市辖区", "维护前", "维护前", "568.4626", "公顷", S_HIST),
    ("文物保护单位", "市域", "国家级", None, "11", "处", S_HIST),
    ("文物保护单位", "市域", "省级", None, "12", "处", S_HIST),
    ("历史文化保护线", "市辖区", "维护后", "维护后", "710.6312", "公顷", S_HIST),
    ("洪涝风险控制线", "市辖区", "维护前", "维护前", "4279.0808", "公顷", S_FLOOD),
    ("城市绿线", "中心城区", "维护前", "维护前", "300.76", "公顷", S_GREEN),
    ("城市绿线", "中心城区", "调出", None, "6.07", "公顷", S_GREEN),
    ("城市绿线", "中心城区", "调入", None, "6.42", "公顷", S_GREEN),
    ("城市绿线", "中心城区", "维护后", "维护后", "301.11", "公顷", S_GREEN),
    ("城市紫线", "中心城区", "维护前", "维护前", "8.07", "公顷", S_PURPLE),
    ("城市紫线", "中心城区", "调出", None, "734.46", "平方米", S_PURPLE),
    ("城市紫线", "中心城区", "调入", None, "982.80", "平方米", S_PURPLE),
    ("城市紫线", "中心城区", "维护后", "维护后", "8.09", "公顷", S_PURPLE),
    ("重点建设项目", "市域", "总数", None, "564", "项", S_PROJ),
    ("重点建设项目", "市域", "实施", None, "118", "项", S_PROJ),
    ("重点建设项目", "市域", "延续", None, "229", "项", S_PROJ),
    ("重点建设项目", "市域", "撤销", None, "22", "项", S_PROJ),
    ("重点建设项目", "市域", "更新", None, "15", "项", S_PROJ),
    ("重点建设项目", "市域", "新增", None, "180", "项", S_PROJ),
]


@pytest.fixture(scope="module")
def plan_figures():
    return extract_figures(plan_sections())


@pytest.mark.parametrize("want", EXPECTED, ids=lambda w: f"{w[0]}-{w[2]}-{w[4]}")
def test_each_plan_figure_is_extracted_with_its_sentence(plan_figures, want):
    indicator, scope, phase, version, value_text, unit, section = want
    got = [f for f in plan_figures if (f.indicator, f.phase, f.version, f.scope) == (indicator, phase, version, scope)]
    assert len(got) == 1, [f.figure_id for f in plan_figures]
    fig = got[0]
    assert (fig.value_text, fig.value, fig.unit, fig.section) == (value_text, float(value_text), unit, section)
    text = next(s.text for s in plan_sections() if s.section == section)
    assert fig.quote in text and value_text in fig.quote


def test_every_figure_is_expected_and_ids_are_unique(plan_figures):
    assert len(plan_figures) == len(EXPECTED)
    assert len({f.figure_id for f in plan_figures}) == len(plan_figures)


def test_unchanged_lines_keep_the_texts_statement(plan_figures):
    notes = {f.indicator: f.note for f in plan_figures if f.note}
    assert notes == {"生态保护红线": "本次动态维护不涉及生态保护红线调整",
                     "洪涝风险控制线": "本次动态维护不涉及洪涝风险控制线调整"}


def test_document_numbers_and_years_are_not_figures():
    section = Section("测试", ("一、工作背景",),
                      "按照《通知》（自然资发〔2026〕38号）及晋自然资函〔2026〕95号要求，开展 2026 年度维护。", 0)
    assert extract_figures([section]) == []


def test_rules_follow_sentence_patterns_not_known_values():
    section = Section("测试", ("四、动态维护方案", "（五）城市重要控制线维护", "1. 城市蓝线"),
                      "市级总体规划确定的城市绿线 12.5 公顷。本次调出城市绿线 1.25 公顷，维护后城市绿线 11.25 公顷。", 0)
    got = [(f.indicator, f.scope, f.phase, f.value_text) for f in extract_figures([section])]
    assert got == [("城市绿线", "中心城区", "维护前", "12.5"), ("城市绿线", "中心城区", "调出", "1.25"),
                   ("城市绿线", "中心城区", "维护后", "11.25")]


def test_load_figures_normalises_with_the_unit_factors(memory_db):
    assert load_figures(memory_db, plan_sections()) == len(EXPECTED)
    rows = dict(memory_db.execute(
        "SELECT figure_id, round(norm_value, 6) FROM plan_figures WHERE norm_unit = '公顷'").fetchall())
    assert rows["市辖区·永久基本农田·维护后"] == pytest.approx(5522.066667)
    assert rows["市辖区·生态保护红线·维护前"] == 1000
    assert rows["中心城区·城市紫线·调出"] == pytest.approx(0.073446)
    assert memory_db.execute("SELECT count(*) FROM plan_figures WHERE norm_unit = '项'").fetchone()[0] == 6
