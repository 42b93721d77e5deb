"""Words typed by sound (qa/homophones.py): a span jieba could not match to any word, sounding like exactly
one plan word, is read as that word; real words and the plan's own words are never changed."""

import pytest

from assistant.qa.homophones import Homophones
from assistant.qa.terms import dictionary_words, words

PLAN = "市级总体规划确定的永久基本农田。城镇开发边界。重点建设项目清单。洪涝风险控制线。"
VOCABULARY = ["规划", "农田", "边界", "项目", "控制线", "城镇"]


@pytest.fixture(scope="module")
def homophones():
    return Homophones(VOCABULARY, PLAN, dictionary_words())


@pytest.mark.parametrize("typed, read, fixes", [
    ("老百姓对这个规化有意见能提吗？", "老百姓对这个规划有意见能提吗？", [("规化", "规划")]),
    ("城镇开发变界多大", "城镇开发边界多大", [("变界", "边界")]),
    ("洪涝风险空制线", "洪涝风险控制线", [("空制线", "控制线")]),
])
def test_a_span_typed_by_sound_is_read_as_the_plan_word(homophones, typed, read, fixes):
    assert homophones.correct(typed, words(typed)) == (read, fixes)


@pytest.mark.parametrize("question", [
    "违反规划擅自建设会受到什么处罚？",  # 设会 sounds like 社会 but crosses 建设|会
    "这个方案公示期是多少天",
    "规划的事实是什么",                    # 事实 is a real word
    "城镇开发边界多大",                    # nothing to correct
])
def test_real_words_and_spans_across_words_stay(homophones, question):
    assert homophones.correct(question, words(question)) == (question, [])


def test_a_sound_two_plan_words_share_is_not_guessed():
    both = Homophones(["边界", "编界"], PLAN + "编界", dictionary_words())
    question = "城镇开发变界多大"
    assert both.correct(question, words(question)) == (question, [])


def test_the_assistant_says_how_it_read_a_typo(fixture_assistant):
    answer = fixture_assistant.ask("城镇开发变界维护后多少公顷？")
    assert "已将“变界”按“边界”理解。" in answer.notes
    assert not answer.refused
