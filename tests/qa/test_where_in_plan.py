""""这是编制原则里的哪一条？": where in the plan the passage just quoted sits, by the plan's own headings."""

import pytest

from assistant.conversation import Conversation
from assistant.qa.followup import asks_where_in_plan


@pytest.mark.parametrize("question, asks", [
    ("这一段属于编制原则中的哪一条？", True),
    ("刚才这段出自方案哪一部分？", True),
    ("它在规划的哪块内容里？", True),
    ("这是哪一条线？", False),            # which line, not which part of the plan
    ("这个项目属于哪一类？", False),       # the thing's own kind
    ("这几个算是完善哪方面的设施？", False),
    ("三条控制线是哪三条？", False),
    ("这是实施保障的第几条？", True),
    ("这条保障措施的名字叫什么？", True),
    ("这个项目叫什么名字？", False),       # a thing's name, not a heading's
    ("第二条叫啥？", False),               # an item of the list, pointed at by number
])
def test_the_ask_is_told_from_asks_of_the_thing_itself(question, asks):
    assert asks_where_in_plan(question) is asks


def test_a_principle_is_placed_in_the_list_of_principles(fixture_assistant):
    conversation = Conversation()
    fixture_assistant.ask("正向优化要实现什么效果？", conversation)
    placed = fixture_assistant.ask("这一段属于编制原则中的哪一条？", conversation)
    assert "编制原则的第 2 项“正向优化，提质增效”" in placed.answer, placed.answer
    assert placed.citations[0].quote == "2.正向优化，提质增效"
    assert placed.citations[0].section == "二、编制原则 > 2.正向优化，提质增效"
    # "最后一条" next points into the principles, not into the one passage
    last = fixture_assistant.ask("最后一条呢？", conversation)
    assert "统筹协调" in last.answer, last.answer


def test_a_passage_is_placed_under_its_section_and_its_series_is_pointed_into(fixture_assistant):
    conversation = Conversation()
    fixture_assistant.ask("托育服务中心规划在哪？", conversation)
    placed = fixture_assistant.ask("刚才这段出自方案哪一部分？", conversation)
    assert "出自“四、动态维护方案 > （四）中心城区用地规划布局维护”" in placed.answer, placed.answer
    assert any("托育" in c.quote for c in placed.citations)
    second = fixture_assistant.ask("这部分第二类调整是什么？", conversation)
    assert [c.quote for c in second.citations] == ["二是涉及城镇开发边界局部优化的用途调整；"], second.answer


def test_with_nothing_quoted_before_there_is_nothing_to_place(fixture_assistant):
    answer = fixture_assistant.ask("这属于哪一部分？", Conversation())
    assert not answer.answer.startswith("上文引用的原文"), answer.answer


def test_the_number_of_a_heading_and_its_name_among_two_sections(fixture_assistant):
    conversation = Conversation()
    fixture_assistant.ask("成果入库要按什么标准？", conversation)
    placed = fixture_assistant.ask("这是实施保障的第几条？", conversation)
    assert "实施保障的第 3 项“上图入库”" in placed.answer, placed.answer
    conversation = Conversation()
    fixture_assistant.ask("方案批准以后要怎么执行？", conversation)
    named = fixture_assistant.ask("这条保障措施的名字叫什么？", conversation)
    # the quotes came from two sections; the one the question's words point to (保障) is named
    assert named.answer.startswith("上文引用的原文出自“五、实施保障 > （一）实施管理”。"), named.answer
