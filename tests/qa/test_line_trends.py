"""Which control lines grew, shrank or stayed the same, from the plan's own figures (qa/line_trends.py)."""

import pytest

from assistant.conversation import Conversation
from assistant.qa.grounding import unsupported_numbers
from assistant.qa.line_trends import asked_way


@pytest.mark.parametrize(("question", "way"), [
    ("这次维护后面积变大的控制线有哪些？", "up"), ("哪些控制线减少了？", "down"), ("没调整的线是哪几条？", "same"),
    ("城市绿线维护后多少？", None), ("城镇开发边界减少了多少？", None), ("变小的呢？", None),  # no answer before
    ("哪些没动？", None),
])
def test_the_way_asked(question, way):
    assert asked_way(question, {}) == way


@pytest.mark.parametrize(("question", "way"), [("变小的呢？", "down"), ("哪些没动？", "same"), ("那哪几条变大了", "up")])
def test_the_way_asked_right_after_such_an_answer(question, way):
    assert asked_way(question, {"trend": "up"}) == way


def test_every_line_is_compared_and_the_way_asked_comes_first(fixture_assistant):
    conversation = Conversation()
    up = fixture_assistant.ask("你帮我总结下，这次维护后面积变大的控制线有哪些？", conversation)
    first = up.answer.split("\n\n")[0]
    assert first.startswith("维护后面积增加的控制线：") and "永久基本农田（8.2593 万亩 → 8.2831 万亩）" in first
    assert "历史文化保护线" in first and "城市绿线" in first and "城镇开发边界" not in first, up.answer
    assert len(up.tables) >= 5 and any("本次动态维护不涉及生态保护红线调整" in c.quote for c in up.citations)
    down = fixture_assistant.ask("变小的呢？", conversation)
    assert down.answer.startswith("维护后面积减少的控制线：城镇开发边界（9390.31 公顷 → 9387.50 公顷）"), down.answer
    same = fixture_assistant.ask("那没变的呢？", conversation)
    assert same.answer.startswith("维护前后面积不变的控制线：生态保护红线"), same.answer
    assert "洪涝风险控制线" in same.answer.split("\n\n")[0]
    fixture_assistant.ask("城市绿线维护后多少？", conversation)
    assert asked_way("变小的呢？", conversation.context) is None  # the flag was the last turn's only


@pytest.mark.parametrize(("question", "first", "ranked"), [
    ("三条控制线里哪条面积最大？", "维护后面积最大的是城镇开发边界。",
     "市辖区城镇开发边界 9387.50 公顷；市辖区永久基本农田 8.2831 万亩，折合 5522.07 公顷（8.2831 × 10000 ÷ 15 = 5522.07；"
     "1 万亩 = 10000 亩，1 公顷 = 15 亩）；市辖区生态保护红线 10 平方千米，折合 1000 公顷（10 × 100 = 1000；"
     "1 平方千米 = 100 公顷）。"),
    ("维护前哪条控制线最小？", "维护前面积最小的是城市紫线。", "中心城区城市紫线 8.07 公顷。"),
])
def test_the_lines_ranked_by_area_each_from_its_figure(fixture_assistant, question, first, ranked):
    answer = fixture_assistant.ask(question, Conversation())
    assert answer.intent == "figure" and answer.answer.startswith(first) and ranked in answer.answer, answer.answer
    assert answer.tables and all(c.quote for c in answer.citations)
    assert unsupported_numbers(answer) == []  # each 公顷 figure from its conversion's row, each factor from its unit


@pytest.mark.parametrize("question", ["城区、矿区、郊区里哪个区面积最大？", "哪条线变化最大？", "564个项目里数量最多的是哪一类？"])
def test_no_ranking_of_lines_where_none_is_asked(fixture_assistant, question):
    assert not fixture_assistant.ask(question, Conversation()).answer.startswith(("维护后面积最", "维护前面积最"))
