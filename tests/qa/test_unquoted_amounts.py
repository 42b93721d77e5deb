"""An amount asked where the numbers quoted are of something else is refused; follow-ups on a trend, a share of
a level and counts worded as the plan counts them (qa/uncounted.py, qa/line_trends.py, qa/subject.py)."""

from pathlib import Path

import pytest
from conversation_helpers import dialogue

from assistant.conversation import Conversation
from assistant.plan.corpus import load_corpus
from assistant.qa.uncounted import unquoted_amount

BOUNDARY = ("市级总体规划确定的市辖区城镇开发边界 9390.31 公顷、城镇开发边界扩展倍数 1.28 倍、扩展规模 973.98 公顷，"
            "维护后城镇开发边界总面积 9387.50 公顷。")
PROJECTS = "本次动态维护重点建设项目共 564 项，其中，实施 118 项、延续 229 项、撤销 22 项、更新 15 项、新增 180 项。"
GREEN = "本次调出城市绿线 6.07 公顷，调入城市绿线 6.42 公顷，维护后城市绿线 301.11 公顷。"
LEVELS = "市辖区层面维护工作主要包括三条控制线、规划分区、其他空间管控边界等内容。"


@pytest.fixture(scope="module")
def corpus_text():
    return "\n".join(s.text for s in load_corpus(Path(__file__).resolve().parents[2] / "corpus"))


@pytest.mark.parametrize(("question", "quotes", "unquoted"), [
    ("省里给阳泉下达的新增建设用地指标是多少？", [BOUNDARY], True),    # 公顷 quoted are the boundary's
    ("城镇发展区维护后扩大了多少？", [BOUNDARY], True),                # a plan term jieba cuts up, whole
    ("各个分区维护后面积分别多少？", [LEVELS], True),                  # 三条 counts lines: no area
    ("城镇开发边界维护后多少公顷？", [BOUNDARY], False),               # the thing asked, beside its number
    ("有多少工程被拿掉不干了？", [PROJECTS], False),                   # things counted: the projects, said otherwise
    ("第三条维护后面积多少？", [BOUNDARY], False),                     # names nothing: the subject carried decides
    ("城镇开发边界管理办法的文号是多少？", [BOUNDARY], False),          # a number that names
    ("重点建设项目有多少项？", [BOUNDARY], False),                     # a count of things, not an amount
    ("公园绿地的保护范围现在多少？（城市绿线）", [GREEN], False),      # the subject carried is quoted with it
    ("公园绿地的保护范围现在多少？", [GREEN], True),
])
def test_an_amount_is_unquoted_when_no_quoted_number_is_of_the_thing_asked(question, quotes, unquoted, corpus_text):
    assert unquoted_amount(question, quotes, corpus_text) is unquoted


@pytest.mark.parametrize("question", ["省里给阳泉下达的新增建设用地指标是多少？", "中心城区建设用地总量是多少？"])
def test_the_refusal_keeps_the_passage_found(fixture_assistant, question):
    answer = fixture_assistant.ask(question, Conversation())
    assert answer.refused and answer.answer.startswith("方案原文没有给出这一数字") and answer.citations


def test_a_count_is_worded_as_the_plan_counts_it(fixture_assistant):
    answer = fixture_assistant.ask("这回有几处国家级文物被划进保护范围？", Conversation())
    assert "11 处国家级文物保护单位" in answer.answer and not answer.refused


def test_the_way_asked_after_a_trend_answer(fixture_assistant):
    _, same, down = dialogue(fixture_assistant, "这次维护后，哪些控制线的规模变大了？", "哪些没动？", "那变小的呢？")
    assert same.answer.startswith("维护前后面积不变的控制线：生态保护红线")
    assert down.answer.startswith("维护后面积减少的控制线：城镇开发边界")


def test_the_whole_of_a_share_is_no_subject_of_its_own(fixture_assistant):
    """"它的面积占全市的比例" after 中心城区's passage: 它 is 中心城区, 全市 the whole it is a share of."""
    _, share = dialogue(fixture_assistant, "中心城区这个层次主要维护哪些内容？", "它的面积占全市的比例是多少？")
    assert "5.95%" in share.answer and "271.23" in share.answer
