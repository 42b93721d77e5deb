"""Follow-ups that change one thing of the last question: both phases ("紫线维护前后呢？"), the lines among those
just named ("其中哪条这次没调？"), this city or this edition again after another ("那阳泉中心城区呢？",
"那2026年度这次呢？"), the maps of the other phase
("维护后图呢？"), and what one district has ("郊区呢？" after 高新区's projects)."""

import pytest
from conversation_helpers import dialogue

from assistant.qa import followup


def test_both_phases_asked_after_one():
    assert followup.rewrite("紫线维护前后呢？", "历史文化保护线原来是多少公顷？") == "紫线维护前后是多少公顷？"


def test_both_phases_of_another_line(fixture_assistant):
    _, both = dialogue(fixture_assistant, "历史文化保护线原来是多少公顷？", "紫线维护前后呢？")
    assert "8.07" in both.answer and "8.09" in both.answer, both.answer


def test_the_line_not_changed_among_the_three_just_named(fixture_assistant):
    _, which, others = dialogue(fixture_assistant, "三条控制线是啥？", "其中哪条这次没调？", "另外两条维护后各是多少？")
    assert which.answer.startswith("维护前后面积不变的控制线：生态保护红线"), which.answer
    assert "历史文化保护线" not in which.answer, which.answer  # of the three only
    assert "8.2831" in others.answer and "9387.50" in others.answer, others.answer


@pytest.mark.parametrize(("turns", "expected"), [
    (("阳泉市辖区国土面积多少？", "晋中市辖区呢？", "那阳泉中心城区呢？"), "271.23"),
    (("天津市的永久基本农田有多少？", "那阳泉市辖区的呢？"), "8.2831"),  # the other city's question, its city replaced
])
def test_this_city_again_after_another(fixture_assistant, turns, expected):
    *earlier, last = dialogue(fixture_assistant, *turns)
    assert earlier[-1].refused
    assert not last.refused and expected in last.answer, last.answer
    assert last.answer.count(expected) == 1, last.answer  # the same sentence is not stated twice


def test_the_maps_of_the_other_phase(fixture_assistant):
    _, after = dialogue(fixture_assistant, "三条控制线维护前图有哪几张？", "维护后图呢？")
    assert "永久基本农田维护后图" in after.answer and "城镇开发边界维护后图" in after.answer, after.answer
    assert "标明调出" not in after.answer


def test_what_one_district_has(fixture_assistant):
    _, suburb, mining = dialogue(fixture_assistant, "高新区有啥项目？", "郊区呢？", "矿区具体落了哪些项目？")
    assert not suburb.refused and "郊区幸福家园养老中心" in suburb.answer, suburb.answer
    assert mining.refused and "没有列出矿区" in mining.answer, mining.answer
    assert fixture_assistant.ask("郊区有多少项目？").refused  # a count by district is still not given


@pytest.mark.parametrize(("turns", "expected"), [
    (("阳泉2025年度动态维护方案调了多少个项目？", "那2026年度这次呢？"), "564"),
    (("2025年度阳泉动态维护方案里永久基本农田是多少？", "那这次2026年度方案里维护后的呢？"), "8.2831"),
    (("去年那版方案调了几个项目", "今年的呢"), "564"),
    (("阳泉这次开发边界扩展倍数定的多少？", "晋中市的呢？", "那阳泉维护后扩展规模？"), "944.17"),
])
def test_this_plan_again_after_another_edition(fixture_assistant, turns, expected):
    *_, earlier, last = dialogue(fixture_assistant, *turns)
    assert earlier.refused
    assert not last.refused and expected in last.answer, last.answer


def test_back_to_this_plan_rewrites_the_refused_question():
    assert followup.back_to_plan("那2026年度这次呢？", "阳泉2025年度动态维护方案调了多少个项目？", "2025年度") \
        == ("阳泉动态维护方案调了多少个项目？", True)
    assert followup.back_to_plan("那阳泉市辖区的呢？", "天津市的永久基本农田有多少？", "天津市") \
        == ("市辖区的永久基本农田有多少？", True)
    assert followup.back_to_plan("阳泉的呢？", "大同市的城市绿线有多少？", "大同市") == ("阳泉市的城市绿线有多少？", True)
    # the refused question was elliptic itself: what is changed is read against the ones before it
    assert followup.back_to_plan("那阳泉维护后扩展规模？", "晋中市的呢？", "晋中市") == ("那维护后扩展规模呢？", False)
    assert followup.back_to_plan("维护后呢？", "阳泉2025年度动态维护方案调了多少个项目？", "2025年度") is None


def test_another_edition_again_is_still_refused(fixture_assistant):
    _, again = dialogue(fixture_assistant, "阳泉2025年度动态维护方案调了多少个项目？", "那2027年的呢？")
    assert again.refused and "2027" in again.answer, again.answer
