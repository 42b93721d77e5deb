"""Asking which maps the plan has is answered from its 附图 list, however it is worded."""

import pytest


@pytest.mark.parametrize("question", ["方案最后附了哪些图？", "这个规划一共附了几张图？"])
def test_the_map_list_is_found_without_the_word_fu_tu(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and answer.intent != "map"
    assert any(c.section == "附图" for c in answer.citations), answer.answer


def test_the_maps_are_counted_and_some_of_them_picked_by_their_words(fixture_assistant):
    from assistant.conversation import Conversation

    conversation = Conversation()
    count, some, other = (fixture_assistant.ask(q, conversation) for q in (
        "方案一共附了几张图？", "哪几张是三条控制线维护前的？", "中心城区的呢？"))
    assert "共附图 8 张" in count.answer, count.answer
    assert [c.quote for c in some.citations] == ["1. 三条控制线维护前图（标明调出）", "2. 三条控制线维护前图（标明调入）"]
    # the follow-up's own words decide when no map holds those of the turn before too
    assert [c.quote for c in other.citations] == ["7. 中心城区用地规划布局图（维护前）", "8. 中心城区用地规划布局图（维护后）"]


@pytest.mark.parametrize("question", ["除了三条控制线，这次还维护了哪些控制线？", "除了三条控制线还有哪些线"])
def test_the_lists_of_the_headings_not_set_aside(fixture_assistant, question):
    """A heading set aside by name (除了三条控制线): the lists of the other headings of its level whose names
    hold the kind asked (控制线), never the list set aside."""
    answer = fixture_assistant.ask(question)
    quotes = [c.quote.replace(" ", "") for c in answer.citations]
    assert quotes == ["1.历史文化保护线", "2.洪涝风险控制线", "1.城市绿线", "2.城市紫线"], answer.answer


def test_a_heading_named_without_its_maintenance_word_is_listed(fixture_assistant):
    """"城市重要控制线包括哪些" names （五）城市重要控制线维护; "三条控制线是哪三条" keeps the sentence that lists
    the lines by their full names (a short heading name is a phrase of the text too)."""
    listed = fixture_assistant.ask("城市重要控制线包括哪些")
    assert [c.quote.replace(" ", "") for c in listed.citations] == ["1.城市绿线", "2.城市紫线"], listed.answer
    three = fixture_assistant.ask("三条控制线具体指哪三条？")
    assert "永久基本农田保护红线、生态保护红线、城镇开发边界三条控制线" in three.answer, three.answer


@pytest.mark.parametrize(("question", "numbers"), [("调出和调入的地块分别在哪张图上看？", ["1.", "2."]),
                                                   ("用途分区图维护前和维护后各有一张吗？", ["5.", "6."])])
def test_map_words_joined_by_and_are_either(fixture_assistant, question, numbers):
    answer = fixture_assistant.ask(f"方案附图里，{question}")
    assert [c.quote.split()[0] for c in answer.citations] == numbers, answer.answer
