"""Asking which maps the plan has is answered from its 附图 list, however it is worded."""

import pytest


@pytest.mark.parametrize("question", ["方案最后附了哪些图？", "这个规划一共附了几张图？"])
def test_the_map_list_is_found_without_the_word_fu_tu(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and answer.intent != "map"
    assert any(c.section == "附图" for c in answer.citations), answer.answer
