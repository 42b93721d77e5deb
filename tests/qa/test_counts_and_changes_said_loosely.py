"""Figures asked loosely: two kinds of project named without 项 ("实施和延续状态的各有多少"), 处 inside 处于, the
increase as a share of the figure before, and "两者" in a later part standing for both things the first named."""

from __future__ import annotations

import pytest

from assistant.conversation import Conversation
from assistant.qa.figure_query import parse


@pytest.mark.parametrize(("question", "indicators", "unit"), [
    ("564项里处于实施和延续状态的各有多少？", ["重点建设项目"], "项"),   # 处于 is no count of sites
    ("实施和延续状态的各有多少？", ["重点建设项目"], None),
    ("国家级和省级的各有几处？", ["文物保护单位"], "处"),
])
def test_what_is_counted_is_read_from_the_kinds_named(question, indicators, unit):
    query = parse(question)
    assert query.indicators == indicators and query.unit == unit, query


def test_one_kind_alone_without_a_unit_is_no_count():
    assert parse("实施有什么要求？").indicators == []


def test_two_kinds_and_then_their_sum(fixture_assistant):
    conversation = Conversation()
    counts = fixture_assistant.ask("564项里处于实施和延续状态的各有多少？", conversation)
    assert "118" in counts.answer and "229" in counts.answer, counts.answer
    total = fixture_assistant.ask("两者加起来？", conversation)
    assert "347" in total.answer, total.answer


@pytest.mark.parametrize(("question", "expected"), [
    ("永久基本农田增加的部分占原来规模的百分之几？", "0.29%"),
    ("城市绿线增加的部分是原来的百分之几？", "0.12%"),
])
def test_the_increase_as_a_share_of_the_figure_before(fixture_assistant, question, expected):
    answer = fixture_assistant.ask(question)
    assert expected in answer.answer and "100." not in answer.answer, answer.answer


def test_after_over_before_is_still_a_ratio(fixture_assistant):
    assert "100.29%" in fixture_assistant.ask("永农维护后是原来的百分之多少？").answer


def test_both_in_a_later_part_are_the_two_the_first_part_named(fixture_assistant):
    answer = fixture_assistant.ask("市域和市辖区面积分别是多少？两者相差多少平方千米？")
    assert "3905.35" in answer.answer, answer.answer


def test_both_lines_said_with_their_noun_are_named_once(fixture_assistant):
    answer = fixture_assistant.ask("城市绿线和城市紫线维护后各多少？这两条线合计多少？")
    assert "城市紫线线" not in answer.answer and "309.2" in answer.answer, answer.answer
