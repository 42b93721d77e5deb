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
