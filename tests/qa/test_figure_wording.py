"""Figure answers word for word: the numbers' formatting, the conversion factor's wording, and every citation's
section and quote (the plan's own sentence that states each figure used)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from figure_helpers import figures_runner, plan_sections

from assistant.qa.figure_answer import _factor_text, _power_of_ten, answer_figure, format_number

RED = "四、动态维护方案 > （一）三条控制线维护 > 2.生态保护红线"
UDB = "四、动态维护方案 > （一）三条控制线维护 > 3.城镇开发边界"
PURPLE = "四、动态维护方案 > （五）城市重要控制线维护 > 2. 城市紫线"
SCOPE = "三、编制范围"
PROJECTS = "四、动态维护方案 > （六）重点建设项目清单维护"


@pytest.fixture(scope="module")
def runner():
    with figures_runner() as r:
        yield r


@pytest.fixture(scope="module")
def section_text():
    return {s.section: s.text for s in plan_sections()}


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (0.0, 2, "0"), (-0.0, 2, "0"), (1.5, 2, "1.50"), (-1.5, 2, "−1.50"), (1234.6, 0, "1235"),
    (0.004, 2, "0.004"), (-0.004, 2, "−0.004"),   # more decimals only when it would print 0
    (0.0238, 4, "0.0238"), (248.34, 2, "248.34"),
])
def test_format_number(value, decimals, text):
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(("ratio", "power"), [
    (Fraction(1), 0), (Fraction(100), 2), (Fraction(10000), 4), (Fraction(1, 10000), -4), (Fraction(1, 100), -2),
    (Fraction(15), None), (Fraction(1, 15), None), (Fraction(150), None), (Fraction(3, 10), None),
])
def test_power_of_ten(ratio, power):
    assert _power_of_ten(ratio) == power


@pytest.mark.parametrize(("num", "den", "text"), [(15, 1, "× 15"), (1, 15, "÷ 15"), (1, 1, "× 1"),
                                                  (2, 3, "× 2 ÷ 3"), (100, 1, "× 100"), (1, 10000, "÷ 10000")])
def test_factor_text(num, den, text):
    assert _factor_text(num, den) == text


@pytest.mark.parametrize(("question", "text", "cited"), [
    ("维护后城镇开发边界多少公顷？", "市辖区城镇开发边界维护后 9387.50 公顷。", [(UDB, "维护后城镇开发边界总面积 9387.50 公顷")]),
    ("生态保护红线维护后比维护前多了多少？",
     "市辖区生态保护红线维护前（市级总体规划确定）10 平方千米。本次动态维护不涉及生态保护红线调整，维护后仍为 10 平方千米。"
     "维护前后没有变化。", [(RED, "市级总体规划确定的市辖区生态保护红线 10 平方千米")]),
    ("市辖区占市域的比例是多少？",
     "市辖区国土面积 653.61 平方千米；市域国土面积 4558.96 平方千米。市辖区面积占市域的 14.34%（653.61 ÷ 4558.96 = 14.34%）。",
     [(SCOPE, "国土面积 653.61 平方千米"), (SCOPE, "国土面积 4558.96 平方千米")]),
    ("新增项目占全部项目的比例？", "重点建设项目中新增 180 项。新增 180 项占全部 564 项的 31.91%（180 ÷ 564 = 31.91%）。",
     [(PROJECTS, "新增 180 项")]),
    ("城市紫线维护前后变化了多少？",
     "城市紫线维护后比维护前增加 0.02 公顷（8.09 − 8.07 = 0.02 公顷）。维护前（市级总体规划确定）8.07 公顷，维护后 8.09 公顷。"
     "城市紫线本次调入 982.80 平方米、调出 734.46 平方米，净增加 248.34 平方米（982.80 − 734.46 = 248.34 平方米）。",
     [(PURPLE, "市级总体规划确定的城市紫线 8.07 公顷"), (PURPLE, "调入面积 982.80 平方米")]),
])
def test_figure_text_and_every_citation(runner, section_text, question, text, cited):
    answer = answer_figure(question, runner, {})
    assert answer is not None and not answer.refused
    assert answer.answer.startswith(text), answer.answer
    assert [c.section for c in answer.citations] == [s for s, _ in cited]
    for c, (_, words) in zip(answer.citations, cited, strict=True):
        assert words in c.quote and c.quote in section_text[c.section]
        assert c.doc == "阳泉市国土空间总体规划2026年度动态维护方案"


@pytest.mark.parametrize(("question", "text", "tables"), [
    ("重点建设项目中实施和延续的各有多少项？", "重点建设项目中实施 118 项、延续 229 项。",
     ["规划数字：重点建设项目", "规划数字：重点建设项目"]),
    ("城市绿线维护后多少亩？", "中心城区城市绿线维护后 301.11 公顷，折合 4516.65 亩（301.11 × 15 = 4516.65；1 公顷 = 15 亩）。",
     ["规划数字：城市绿线", "单位换算：中心城区·城市绿线·维护后 → 亩"]),
    ("城市紫线维护后比维护前增加了百分之几？",
     "城市紫线维护后比维护前增加 0.02 公顷（8.09 − 8.07 = 0.02 公顷），增加幅度 0.25%（(8.09 − 8.07) ÷ 8.07 = 0.25%）。",
     ["维护前后变化：城市紫线", "调入与调出：城市紫线"]),
    ("市辖区里中心城区以外的面积是多少？",
     "市辖区国土面积 653.61 平方千米；中心城区总面积 271.23 平方千米。"
     "市辖区中中心城区以外的面积为 382.38 平方千米（653.61 − 271.23 = 382.38 平方千米）。",
     ["规划数字：国土面积", "规划数字：中心城区面积", "计算：中心城区与市辖区"]),
])
def test_figure_text_and_the_named_queries_shown(runner, question, text, tables):
    answer = answer_figure(question, runner, {})
    assert answer.answer.startswith(text), answer.answer
    assert [t["title"] for t in answer.tables] == tables and all(t["sql"] for t in answer.tables)


def test_a_split_the_plan_never_gives_keeps_the_counts_and_their_queries(runner):
    answer = answer_figure("重点项目的每种上图方式各有多少项？", runner, {})
    assert answer.refused and answer.intent == "figure" and "没有按上图方式分别给出" in answer.answer
    assert answer.answer.endswith("方案给出的数量：本次动态维护重点建设项目共 564 项，其中实施 118 项、延续 229 项、撤销 22 项、"
                                  "更新 15 项、新增 180 项。")
    assert answer.citations and answer.tables
