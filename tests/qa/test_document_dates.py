"""A date asked of the document, however the year and month are asked (哪年哪月, 哪一年哪个月), is its cover's."""

import pytest


@pytest.mark.parametrize("question", ["方案是哪年哪月发布的？", "落款日期是哪年哪月？", "这份方案哪一年哪个月印发的？"])
def test_a_date_asked_of_the_document_is_read_off_its_cover(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and "2026年6月" in answer.answer, answer.answer


def test_a_date_asked_of_something_else_is_not_the_cover(fixture_assistant):
    answer = fixture_assistant.ask("永久基本农田是哪年划定的？")
    assert "2026年6月" not in answer.answer, answer.answer
