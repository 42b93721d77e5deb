"""Which control lines grew, shrank or stayed the same, from the plan's own figures (qa/line_trends.py)."""

import pytest

from assistant.conversation import Conversation
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
