"""The assistant's own view of the plan is asked ("你觉得…合理吗"): the plan states what it does, never whether it
is good, so the ask is refused plainly; a question that only uses an evaluative word of the plan's is still read."""

import pytest

from assistant.qa import asker


@pytest.mark.parametrize(("question", "opinion"), [
    ("你觉得这次把扩展规模压缩到944.17公顷合理吗？", True),
    ("你觉得这个方案做得好不好？", True),
    ("城镇开发边界调整合不合理？", True),
    ("正向优化有没有量化的打分标准？", False),  # a standard asked of the plan, not a score from the assistant
    ("城镇开发边界维护后多少公顷？", False),
])
def test_an_opinion_of_the_plan_is_asked(question, opinion):
    assert (asker.asks_opinion(question) is not None) == opinion


def test_an_opinion_asked_with_a_figure_is_refused_not_answered_with_it(fixture_assistant):
    answer = fixture_assistant.ask("你觉得这次把扩展规模压缩到944.17公顷合理吗？")
    assert answer.refused and "不对方案作评价" in answer.answer, answer.answer
