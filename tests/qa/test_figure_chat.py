"""Figure questions asked in chat where the plan's figures answer only with the plan's words beside them: a
rule asked of a district, a change given without a before and after, a class the plan never names, and one
measure of an indicator over another."""

import pytest


def test_whether_a_district_may_do_something_is_a_rule_not_its_figure(fixture_assistant):
    """"城区能随便往外扩吗" asks a rule, which holds for the district as for the 市辖区; a change or an amount
    of the district alone is still a figure the plan does not give."""
    rule = fixture_assistant.ask("城边上想多盖楼，城区能随便往外扩吗？")
    assert not rule.refused and "扩展倍数" in rule.answer, rule.answer
    change = fixture_assistant.ask("城区的永久基本农田调了没")
    assert change.refused and "城区单独的" in change.answer, change.answer


def test_a_change_the_plan_gives_no_figures_for_quotes_what_it_says_of_it(fixture_assistant):
    """"国家级文物保护单位这次有什么变化？": no before and after, but the plan's sentence shown word for word
    (11 处…更新到历史文化保护线统筹管控); a project status asked after maintenance gets no such sentences."""
    change = fixture_assistant.ask("国家级文物保护单位这次有什么变化？")
    assert "更新到历史文化保护线统筹管控" in change.answer, change.answer
    rest = fixture_assistant.ask("重点建设项目扣掉撤销的以后还剩多少项")
    assert "542" in rest.answer and "方案原文提到" not in rest.answer, rest.answer


def test_a_class_the_plan_never_names_gets_the_line_it_is_read_as(fixture_assistant):
    """"城里的公园绿地…面积少了没有": the plan has no 公园绿地, but its 城市绿线 sentence says what became of
    such land (301.11 公顷, 功能不降低); the layer's statistics follow, still marked as demo data. A class
    the plan names (乡村发展区) is its own topic, not another line's."""
    park = fixture_assistant.ask("城里的公园绿地会不会被挪作他用，面积少了没有？")
    assert "301.11" in park.answer and "图层统计：公园绿地" in park.answer, park.answer
    assert any("城市绿线" in n for n in park.notes) and park.tables, park.notes
    zone = fixture_assistant.ask("郊区的乡村发展区一共多少公顷？")
    assert "城镇开发边界" not in zone.answer, zone.answer


@pytest.mark.parametrize(("question", "must"), [
    ("新增的项目是撤销的几倍", "新增重点建设项目是撤销重点建设项目的 8.18 倍"),   # 几倍 is no 扩展倍数 here
    ("撤销的项目是新增的百分之几", "12.22%"),                                      # not each one's share of 564
    ("城市绿线调入的是调出的几倍", "城市绿线调入面积是调出面积的 1.06 倍"),
    ("扩展规模是预留机动规模的几倍", "31.67 倍"),
    ("省级文保单位是国家级的几倍", "1.09 倍"),
])
def test_one_measure_over_another_of_the_same_indicator(fixture_assistant, question, must):
    answer = fixture_assistant.ask(question)
    assert must in answer.answer and answer.tables, answer.answer


@pytest.mark.parametrize("question, given", [("中心城区范围这次有没有扩大？", "271.23"), ("市域面积这次变了吗？", "4558.96")])
def test_a_change_of_an_area_stated_once_is_not_given(fixture_assistant, question, given):
    """The plan states the area once, with nothing before it: whether it changed is not said, the figure is shown."""
    answer = fixture_assistant.ask(question)
    assert answer.refused and "没有给出维护前的数字" in answer.answer and given in answer.answer, answer.answer


def test_an_area_stated_once_beside_a_change_given_is_a_partial_answer(fixture_assistant):
    answer = fixture_assistant.ask("永久基本农田和中心城区面积各变了多少")
    assert not answer.refused and "238" in answer.answer and "没有给出维护前的数字" in answer.answer, answer.answer

