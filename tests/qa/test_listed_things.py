"""Things a quote lists, pointed at by their place ("第一个层次面积多大", "第二块包括哪两条线"), and what the plan
gives in one phase only ("维护后扩展倍数变成多少了"), or for a level of its own ("那市域主要维护啥")."""

import pytest
from conversation_helpers import dialogue

from assistant.qa import listed

LEVELS = [("三、编制范围", "本次规划动态维护分为市域、市辖区、中心城区三个层次："),
          ("三、编制范围", "市域范围为阳泉市行政辖区，国土面积 4558.96 平方千米。")]


@pytest.mark.parametrize(("question", "named"), [
    ("第一个层次面积多大？", "市域面积多大？"),  # the count's noun (三个层次) goes with the ordinal
    ("第二个占第一个的比例是多少？", "市辖区占市域的比例是多少？"),
    ("第三个层面主要维护些啥？", "中心城区层面主要维护些啥？"),
    ("最后一个呢", "中心城区呢"),
    ("第五个呢", None),  # past the list's end
    ("第二条呢", None),  # a sentence of the answer, not a thing listed
])
def test_things_pointed_at_by_their_place_are_named(question, named):
    assert listed.named_things(question, LEVELS) == named


def test_a_list_closed_by_its_kind_of_content():
    facilities = [("x", "主要包括三条控制线、规划分区、其他空间管控边界等内容。")]
    assert listed.named_things("第三个具体指啥", facilities) == "其他空间管控边界具体指啥"


def test_the_levels_asked_one_by_one(fixture_assistant):
    _, first, second, share, third = dialogue(
        fixture_assistant, "这次维护分几个层次？", "第一个层次面积多大？", "第二个呢？", "第二个占第一个的比例是多少？",
        "第三个层面主要维护些啥？")
    assert "4558.96" in first.answer and "653.61" not in first.answer, first.answer
    assert "已按上文理解为：市域面积多大？" in first.notes
    assert "653.61" in second.answer and "4558.96" not in second.answer, second.answer
    assert "14.34" in share.answer, share.answer
    assert "中心城区用地规划布局" in third.answer, third.answer


def test_blocks_of_the_outline_by_their_place(fixture_assistant):
    _, second, fifth = dialogue(fixture_assistant, "本次动态维护方案包括哪几大块？", "第二块包括哪两条线？", "第五块呢？")
    assert not second.refused and "历史文化保护线" in second.answer and "洪涝风险控制线" in second.answer, second.answer
    assert "城市绿线" in fifth.answer and "城市紫线" in fifth.answer, fifth.answer


def test_a_level_asked_a_thing_of_its_own_after_an_area(fixture_assistant):
    *_, level = dialogue(fixture_assistant, "市辖区国土面积多大", "那市域主要维护啥？")
    assert "重点建设项目清单" in level.answer and "4558.96" not in level.answer, level.answer
    *_, again = dialogue(fixture_assistant, "市辖区国土面积多大", "那市域呢")
    assert "4558.96" in again.answer, again.answer


def test_a_measure_given_in_the_other_phase_only_is_refused_with_it(fixture_assistant):
    answer = fixture_assistant.ask("维护后扩展倍数变成多少了？")
    assert answer.refused and "未单独给出维护后的扩展倍数" in answer.answer and "1.28" in answer.answer, answer.answer
    assert "不突破" in answer.answer and answer.citations, answer.answer  # what the plan says of it after
    both = fixture_assistant.ask("维护后扩展倍数和扩展规模各是多少")
    assert not both.refused and "944.17" in both.answer, both.answer


def test_a_modal_verb_is_widened_to_no_plan_term(fixture_assistant):
    """"需要满足哪些要求": 需要 asks nothing; widened to its nearest plan words (需求导向) it steered the answer
    to the 需求导向 principle instead of the 城市绿线 sentence that says what the adjustment keeps."""
    assert fixture_assistant.text.plan_terms is None or "需求导向" not in fixture_assistant.text.plan_terms.expansion(["需要"])
    answer = fixture_assistant.ask("城市绿线调整后需要满足哪些要求才算正向优化？")
    assert "功能不降低" in answer.answer and "服务范围不改变" in answer.answer, answer.answer


def test_the_kinds_a_count_lists_are_counted_one_by_one(fixture_assistant):
    """"其中，实施 118 项、延续 229 项…" lists the kinds of projects: "第二类有多少？" is 延续's count."""
    *_, second, last = dialogue(fixture_assistant, "这次重点建设项目一共多少项？", "分成哪几类？", "第二类有多少？", "最后一类呢？")
    assert "229" in second.answer and "延续" in second.answer, second.answer
    assert "180" in last.answer and "新增" in last.answer, last.answer


def test_a_kind_of_a_numbered_series_is_its_item(fixture_assistant):
    """"第四类是啥？" after "一是…四是": the fourth of the series, not the fourth facility its third item lists."""
    _, fourth = dialogue(fixture_assistant, "中心城区用地布局维护都有哪几类调整？", "第四类是啥？")
    assert "一二三产业融合" in fourth.answer and "托育" not in fourth.answer.split("：")[0], fourth.answer


def test_aspects_asked_are_the_sentences_quoted(fixture_assistant):
    _, second = dialogue(fixture_assistant, "中心城区用地规划布局这次优化主要有哪几方面？", "第二个是啥？")
    assert "城镇开发边界局部优化" in second.answer and "幸福家园" not in second.answer, second.answer
    _, fourth, count = dialogue(fixture_assistant, "中心城区这回落实了哪些民生项目？", "第四个是啥？", "一共几个？")
    assert "托育" in fourth.answer.split("：")[0], fourth.answer  # things asked for: the facilities listed
    assert count.answer.startswith("上文列出的共 5 个"), count.answer


def test_how_many_after_a_figure_is_its_whole(fixture_assistant):
    _, whole = dialogue(fixture_assistant, "重点项目新增多少个？", "一共几个？")
    assert "564" in whole.answer, whole.answer


def test_the_nth_of_a_section_named_by_its_heading(fixture_assistant):
    *_, first = dialogue(fixture_assistant, "正向优化那条原则讲的啥？", "要杜绝啥？", "第一条原则叫啥？")
    assert "底线思维" in first.answer, first.answer


def test_the_nth_of_a_list_named_before_the_ordinal_and_the_list_pointed_into_next(fixture_assistant):
    first, last, third = dialogue(fixture_assistant, "编制原则头一条是啥？", "最后一条呢？", "第三条主要讲啥？")
    assert "底线思维" in first.answer, first.answer
    assert "统筹协调" in last.answer and "底线思维" not in last.answer, last.answer
    assert "需求导向" in third.answer and "产业转型升级" in third.answer, third.answer


@pytest.mark.parametrize(("question", "listed", "left_out"), [
    ("除了上图入库，实施保障还有哪些方面？", ["部门协调", "监督管理", "坚持公众参与"], "（三）上图入库"),
    ("编制原则是啥？", ["底线思维", "正向优化", "需求导向", "统筹协调"], None),
])
def test_a_list_asked_in_everyday_words_and_what_is_set_aside(fixture_assistant, question, listed, left_out):
    answer = fixture_assistant.ask(question)
    assert all(item in answer.answer for item in listed), answer.answer
    assert left_out is None or left_out not in answer.answer, answer.answer
