"""Asking which maps the plan has is answered from its 附图 list, however it is worded."""

import pytest

from assistant.conversation import Conversation


@pytest.mark.parametrize("question", ["方案最后附了哪些图？", "这个规划一共附了几张图？", "方案后面配的图都有哪些？"])
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


def test_the_plans_outline_and_its_last_part(fixture_assistant):
    """"方案正文分几大部分？" lists the numbered top-level headings; "最后那部分讲了些啥？" the last one's headings."""
    conversation = Conversation()
    fixture_assistant.ask("城市紫线原来是多少公顷？", conversation)  # a subject carried over names no part
    outline = fixture_assistant.ask("好吧，那方案正文分几大部分？", conversation)
    assert not outline.refused and all(h in outline.answer for h in ("工作背景", "编制原则", "实施保障")), outline.answer
    assert "8.07" not in outline.answer
    last = fixture_assistant.ask("最后那部分讲了些啥？", conversation)
    assert "实施管理" in last.answer and "坚持公众参与" in last.answer, last.answer


def test_the_last_item_of_a_list_just_given(fixture_assistant):
    conversation = Conversation()
    fixture_assistant.ask("中心城区用地布局这回主要调了哪几类？", conversation)
    last = fixture_assistant.ask("最后一类呢？", conversation)
    assert "乡村一二三产业融合发展项目" in last.answer and "二是" not in last.answer, last.answer


def test_a_headings_parts_are_its_list(fixture_assistant):
    answer = fixture_assistant.ask("编制原则分几部分？")
    assert "底线思维" in answer.answer and "统筹协调" in answer.answer, answer.answer
