"""A thing the plan never names, asked of the passage just given (停车场 after 城市紫线's passage), is refused with
that passage quoted; a word that is always of something (顺序, 名称) is asked of the passage and answered from it.
An amount asked of each of several things needs a number of each's own in the quotes."""

import pytest
from conversation_helpers import dialogue

from assistant.qa import each_amount


def test_a_thing_the_plan_never_names_asked_of_the_last_passage_is_refused(fixture_assistant):
    turns = dialogue(fixture_assistant, "城市紫线这次为什么调整？", "南山宾馆周边的停车场有没有变化？")
    assert not turns[0].refused, turns[0].answer
    assert turns[1].refused and "“停车场”" in turns[1].answer, turns[1].answer
    assert "南山宾馆" in turns[1].answer and turns[1].citations, turns[1].answer  # what the plan does say, quoted


def test_a_gloss_like_the_question_does_not_vouch_for_a_word_it_does_not_speak_of(fixture_assistant):
    turns = dialogue(fixture_assistant, "家里老人多，规划里有没有养老的地方？", "那附近有没有菜市场？")
    assert not turns[0].refused and "养老" in turns[0].answer, turns[0].answer
    assert turns[1].refused and "菜市场" in turns[1].answer, turns[1].answer


def test_a_word_always_of_something_is_asked_of_the_last_passage(fixture_assistant):
    turns = dialogue(fixture_assistant, "方案获批后怎么执行？", "建设项目审批按什么顺序来？")
    assert not turns[1].refused and "先规划、后建设" in turns[1].answer, turns[1].answer


def test_an_everyday_word_in_a_first_question_is_read_as_before(fixture_assistant):
    answer = fixture_assistant.ask("家门口有没有照看小孩的托儿所？")  # no passage yet: the glosses find 托育
    assert not answer.refused and "托育" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "quote", "unnumbered"), [
    ("城区、矿区、郊区各分到多少？", "市辖区范围由城区、矿区、郊区构成，国土面积 653.61 平方千米。", ["城区", "矿区", "郊区"]),
    ("城区、矿区和郊区里哪个面积最大？", "市辖区范围由城区、矿区、郊区构成，国土面积 653.61 平方千米。",
     ["城区", "矿区", "郊区"]),
    ("国家级和省级的文物保护单位各多少处？", "将全市 11 处国家级文物保护单位、12 处省级文物保护单位更新到历史文化保护线",
     []),  # a number right before each
    ("调入和调出各多少？", "本次调出城市绿线 6.07 公顷，调入城市绿线 6.42 公顷", []),  # a number in each one's clause
    ("城区和矿区各有什么特点？", "市辖区范围由城区、矿区、郊区构成，国土面积 653.61 平方千米。", []),  # no amount asked
])
def test_an_amount_asked_of_each_needs_a_number_for_each(question, quote, unnumbered):
    assert each_amount.unnumbered(question, [quote]) == unnumbered


def test_one_number_for_several_things_asked_each_is_refused(fixture_assistant):
    turns = dialogue(fixture_assistant, "永久基本农田维护后多少万亩？", "城区、矿区、郊区各分到多少？")
    assert turns[1].refused and "没有分别给出城区、矿区、郊区的数字" in turns[1].answer, turns[1].answer
