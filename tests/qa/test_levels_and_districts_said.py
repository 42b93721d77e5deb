"""A level or a district said in a question: its own size after a line's passage ("全市有多大？"), whether it has
a kind of project ("郊区这回有养老中心项目吗？"), and a line not taken for an unnamed one when a verb before it
is tagged a noun ("怎么评价绿线")."""

from __future__ import annotations

import pytest

from assistant.conversation import Conversation
from assistant.qa import elsewhere


def test_a_levels_own_size_is_not_the_last_lines(fixture_assistant):
    conversation = Conversation()
    fixture_assistant.ask("纳入历史文化保护线的文物是全市范围还是只市辖区？", conversation)
    size = fixture_assistant.ask("全市有多大？", conversation)
    assert "4558.96" in size.answer and "710.6312" not in size.answer, size.answer


@pytest.mark.parametrize(("said", "level"), [
    ("最大的那一层面积是多少？", "市域面积是多少？"),
    ("最小那一层占全市的比例？", "中心城区占全市的比例？"),
    ("最大的那个区是哪个？", "最大的那个区是哪个？"),  # a district, not one of the three levels
])
def test_a_level_named_by_its_order_or_size(said, level):
    from assistant.plan.vocabulary import in_plan_words

    assert in_plan_words(said) == level


def test_levels_named_by_size_in_a_conversation(fixture_assistant):
    conversation = Conversation()
    fixture_assistant.ask("这次维护按几个空间层次来做？", conversation)
    largest = fixture_assistant.ask("最大的那一层面积是多少？", conversation)
    assert not largest.refused and "4558.96" in largest.answer, largest.answer
    share = fixture_assistant.ask("最小那一层占全市的比例？", conversation)
    assert "5.95%" in share.answer and "271.23" in share.answer, share.answer


def test_a_place_asked_after_a_line_still_carries_the_line(fixture_assistant):
    conversation = Conversation()
    fixture_assistant.ask("生态保护红线维护后多少？", conversation)
    answer = fixture_assistant.ask("盂县这次调了吗？", conversation)
    assert answer.refused and "盂县" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "refused", "said"), [
    ("郊区这回有养老中心项目吗？", False, "郊区幸福家园养老中心"),   # the plan names it
    ("矿区有没有新项目？", True, "没有列出矿区的具体项目"),
    ("城区有啥项目？", True, "没有列出城区的具体项目"),              # 中心城区's are no 城区's
])
def test_whether_a_district_has_a_kind_of_project(fixture_assistant, question, refused, said):
    answer = fixture_assistant.ask(question)
    assert answer.refused is refused and said in answer.answer, answer.answer


def test_a_verb_before_a_line_is_no_name_of_another_line(fixture_assistant):
    text = fixture_assistant.corpus_text
    assert elsewhere.unnamed_lines("方案怎么评价绿线的这次调整？", text) == []
    assert elsewhere.unnamed_lines("种粮红线有多少", text) == ["种粮红线"]
    answer = fixture_assistant.ask("方案怎么评价绿线的这次调整？")
    assert not answer.refused and "服务范围不改变" in answer.answer, answer.answer


def test_the_villages_of_a_named_town_are_not_known(fixture_assistant):
    # (the test gazetteer knows 义井镇; the demo one 杨家庄乡 too)
    answer = fixture_assistant.ask("义井镇有哪些村划在中心城区里？")
    assert answer.refused and "没有列出涉及的村" in answer.answer, answer.answer
    assert not fixture_assistant.ask("义井镇在不在中心城区里？").refused
