"""Figure answers word for word: the numbers' formatting, the conversion factor's wording, and every citation's
section and quote (the plan's own sentence that states each figure used)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from figure_helpers import figures_runner, plan_sections

from assistant.qa.figure_answer import answer_figure
from assistant.qa.figure_numbers import factor_text, format_number, power_of_ten
from assistant.qa.figure_query import parse

RED = "四、动态维护方案 > （一）三条控制线维护 > 2.生态保护红线"
UDB = "四、动态维护方案 > （一）三条控制线维护 > 3.城镇开发边界"
PURPLE = "四、动态维护方案 > （五）城市重要控制线维护 > 2. 城市紫线"
SCOPE = "三、编制范围"
PROJECTS = "四、动态维护方案 > （六）重点建设项目清单维护"
HERITAGE = "四、动态维护方案 > （二）其他重要控制线维护 > 1.历史文化保护线"


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
    (271.23 * 1500 / 10000, 3, "40.685"), (2.675, 2, "2.68"), (-0.145, 2, "−0.15"),  # half away from zero, as written
])
def test_format_number(value, decimals, text):
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(("ratio", "power"), [
    (Fraction(1), 0), (Fraction(100), 2), (Fraction(10000), 4), (Fraction(1, 10000), -4), (Fraction(1, 100), -2),
    (Fraction(15), None), (Fraction(1, 15), None), (Fraction(150), None), (Fraction(3, 10), None),
])
def testpower_of_ten(ratio, power):
    assert power_of_ten(ratio) == power


@pytest.mark.parametrize(("num", "den", "text"), [(15, 1, "× 15"), (1, 15, "÷ 15"), (1, 1, "× 1"),
                                                  (2, 3, "× 2 ÷ 3"), (100, 1, "× 100"), (1, 10000, "÷ 10000")])
def testfactor_text(num, den, text):
    assert factor_text(num, den) == text


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


# Two counts the plan states, one against the other: both figures, the difference written out, and the
# sentence that states them (issue 16: the question need not name 项目 or 文物保护单位, its unit does).
@pytest.mark.parametrize(("question", "text", "section", "words"), [
    ("延续比实施多多少项？", "重点建设项目中延续 229 项、实施 118 项。延续比实施多 111 项（229 − 118 = 111 项）。",
     PROJECTS, "实施 118 项、延续 229 项"),
    ("撤销的比新增的少几项？", "重点建设项目中撤销 22 项、新增 180 项。撤销比新增少 158 项（22 − 180 = −158 项）。",
     PROJECTS, "撤销 22 项、更新 15 项、新增 180 项"),
    ("延续和实施相差多少项？", "重点建设项目中延续 229 项、实施 118 项。延续比实施多 111 项（229 − 118 = 111 项）。",
     PROJECTS, "实施 118 项、延续 229 项"),
    ("国家级比省级多几处？", "全市 11 处国家级文物保护单位更新到历史文化保护线统筹管控；全市 12 处省级文物保护单位更新到历史文化保护线统筹管控。"
     "国家级比省级少 1 处（11 − 12 = −1 处）。", HERITAGE, "11 处国家级文物保护单位、12 处省级"),
])
def test_one_count_against_another(runner, section_text, question, text, section, words):
    answer = answer_figure(question, runner, {})
    assert answer is not None and not answer.refused and answer.answer == text
    assert [c.section for c in answer.citations] == [section]
    assert words in answer.citations[0].quote and answer.citations[0].quote in section_text[section]
    assert [t["title"] for t in answer.tables][-1].startswith("计算：")


@pytest.mark.parametrize(("question", "text"), [
    # only the figure asked: not the other lines' 调出, not every version's 预留机动
    ("城市紫线调出面积是多少？", "中心城区城市紫线本次调出 734.46 平方米。"),
    ("城镇开发边界维护后预留机动规模是多少公顷？", "市辖区城镇开发边界维护后预留机动规模 29.81 公顷。"),
    # a version the plan does not give the measure for: said so, then the figure it does give
    ("维护前城市紫线调出多少平方米？", "方案未单独给出维护前的调出面积。中心城区城市紫线本次调出 734.46 平方米。"),
    # "不涉及…调整": the 维护前 figure and the sentence saying it stands, nothing more
    ("生态保护红线维护后是多少平方千米？", "市辖区生态保护红线维护前（市级总体规划确定）10 平方千米。"
     "本次动态维护不涉及生态保护红线调整，维护后仍为 10 平方千米。"),
])
def test_a_lookup_says_exactly_the_figure_asked(runner, question, text):
    answer = answer_figure(question, runner, {})
    assert answer is not None and not answer.refused and answer.answer == text
    assert len(answer.citations) == 1 and len(answer.tables) == 1


@pytest.mark.parametrize(("question", "figures"), [
    # the version after 调出 and 调入 is the line's own size's
    ("城市绿线调出多少、调入多少、维护后总量多少？", ["6.07", "6.42", "301.11"]),
    ("市辖区永久基本农田，总规定的是多少万亩，维护后又是多少万亩？", ["8.2593", "8.2831"]),  # 总规定的: 维护前
    ("历史文化保护线面积的增幅是百分之多少？保留两位小数。", ["25.01%"]),  # 增幅: a change in per cent
    ("城市绿线调出面积占原绿线规模的比例是多少？", ["6.07 ÷ 300.76", "2.02%"]),  # a share of the line it left
])
def test_every_figure_asked_is_given(runner, question, figures):
    answer = answer_figure(question, runner, {})
    assert answer is not None and not answer.refused, answer
    assert all(f in answer.answer for f in figures) and "未单独给出" not in answer.answer, answer.answer


def test_without_figures_a_figure_question_is_refused_as_one():
    """A database whose plan_figures is empty: the figure reader says the plan gives no such figure."""
    from assistant.layers import db
    from assistant.layers.sql import SQL_DIR, SqlRunner

    con = db.connect()
    try:
        con.execute((SQL_DIR / "schema_figures.sql").read_text(encoding="utf-8"))
        answer = answer_figure("城市紫线调出面积是多少？", SqlRunner.from_connection(con), {})
    finally:
        con.close()
    assert answer is not None and answer.refused and answer.intent == "figure"
    assert answer.answer == "方案未给出城市紫线的调出面积数字。" and not answer.citations


def test_one_category_of_projects_is_refused_but_a_status_is_counted(runner):
    """"交通类重点项目": a category the plan never counts by; "新增类" is a status it does count."""
    answer = answer_figure("交通类重点项目有多少个？", runner, {})
    assert answer.refused and answer.answer.startswith(
        "方案只按实施、延续、撤销、更新、新增给出重点建设项目的数量，没有按类别（交通类）分别给出，无法回答。方案给出的数量：本次动态维护重点建设项目共 564 项")
    answer = answer_figure("新增类项目有多少个？", runner, {})
    assert not answer.refused and answer.answer == "重点建设项目中新增 180 项。"
    # A category within a status is no more counted than a category alone.
    answer = answer_figure("新增的那180个重点建设项目里，交通类项目有多少个？", runner, {})
    assert answer.refused and "没有按类别（交通类）分别给出" in answer.answer and "新增 180 项" in answer.answer
    # Said without 类: a noun before 项目 that is none of the plan's statuses or its words for all projects.
    for question, kind in (("新增的180个项目里交通项目有几个？", "交通"), ("水利项目有多少个？", "水利")):
        answer = answer_figure(question, runner, {})
        assert answer.refused and f"没有按类别（{kind}类）分别给出" in answer.answer, answer.answer
    for question in ("重点项目有多少个？", "全部项目一共多少个？", "新增项目有多少？"):
        assert not answer_figure(question, runner, {}).refused, question
    # One of the three ways projects are put on the map is no more counted than a category.
    answer = answer_figure("564个项目中以精准上图方式纳入的有多少个？", runner, {})
    assert answer.refused and "没有按上图方式分别给出" in answer.answer, answer.answer
    assert answer_figure("新加的项目有多少个？", runner, {}).answer == "重点建设项目中新增 180 项。"  # 新加 is 新增
    # "两类" counts the statuses named: no category is asked.
    answer = answer_figure("实施和延续两类重点项目合计多少项？", runner, {})
    assert not answer.refused and "118 + 229 = 347 项" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "kind"), [
    ("修路的项目有几个", "修路"),                     # joined by 的
    ("盖医院的重点项目多少个", "医院"),               # 重点项目 is one word to jieba
    ("交通相关的项目有多少", "交通"),                 # joined by 相关
    ("新增的项目里有几个是工业的", "工业"),           # said after the projects
])
def test_a_category_said_in_everyday_words_is_no_count_of_the_plans(runner, question, kind):
    answer = answer_figure(question, runner, {})
    assert answer.refused and f"没有按类别（{kind}类）分别给出" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "said"), [
    ("郊区的重点项目有几个", None),   # a place is no category (the layers answer it)
    ("全市的重点项目有几个", "共 564 项"),
    ("取消的项目有几个", "撤销 22 项"),  # the plan's status said in everyday words
    ("这次调整的项目有几个", "共 564 项"),
    ("本次清单中属于实施状态的项目数量是多少？", "实施 118 项"),  # 状态 is how the plan counts them
])
def test_a_place_or_a_status_before_the_projects_is_no_category(runner, question, said):
    answer = answer_figure(question, runner, {})
    assert answer is None or "没有按类别" not in answer.answer, answer.answer
    assert said is None or said in answer.answer


def test_a_share_asked_as_a_percentage_is_no_change(runner):
    """"百分比是多少": 比…多 inside 百分比 is no comparison."""
    assert parse("维护后开发边界占市辖区国土面积的百分比是多少？").op == "lookup"
    answer = answer_figure("维护后开发边界占市辖区国土面积的百分比是多少？", runner, {})
    assert "9387.50 公顷 ÷ 65361 公顷 = 14.36%" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "said"), [
    ("开发边界原规模和维护后规模各是多少公顷？", ["9390.31", "9387.50"]),  # 原规模: the size before
    ("更新到历史文化保护线的国家级文保和省级文保各有几处？", ["11 处", "12 处"]),  # 文保: 文物保护单位
])
def test_everyday_short_words_for_a_phase_or_a_count(runner, question, said):
    answer = answer_figure(question, runner, {})
    assert all(s in answer.answer for s in said), answer.answer
