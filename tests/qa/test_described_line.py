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
