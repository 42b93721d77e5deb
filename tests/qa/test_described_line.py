"""A change asked of a line described in everyday words is read as that line, and the reading is shown."""

import pytest

from assistant.evaluate import contains


def test_a_described_line_is_read_as_the_line(fixture_assistant):
    answer = fixture_assistant.ask("小区边上那片公园绿地这回是变多了还是变少了？")
    assert any("城市绿线" in n for n in answer.notes), answer.notes
    assert contains(answer.answer, "300.76") and contains(answer.answer, "301.11")


@pytest.mark.parametrize("question", [
    "方案什么时候印发的？",               # no change asked
    "郊区的乡村发展区增加了吗？",          # names its own subject
    "老百姓的意见能改变规划吗？",          # a change, but of no line
])
def test_no_line_is_read_into_other_questions(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert not any("按方案用语理解为" in n for n in answer.notes), answer.notes


@pytest.mark.parametrize("question, line, figure", [
    ("下大雨容易被淹的那些地方画的那条线，面积有多大？", "洪涝风险控制线", "4279.0808"),
    ("护着老房子的那条紫颜色的线，现在圈了多大？", "城市紫线", "8.09"),
])
def test_a_line_described_outright_is_answered_as_that_line(fixture_assistant, question, line, figure):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and contains(answer.answer, figure), answer.answer
    assert any(line in c.quote or line in c.section for c in answer.citations)


def test_asking_which_lines_describes_none(fixture_assistant):
    answer = fixture_assistant.ask("城市重要控制线维护包括哪几条线？")
    assert contains(answer.answer, "城市绿线") and contains(answer.answer, "城市紫线"), answer.answer
