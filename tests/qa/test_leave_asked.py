"""Leave asked for an action ("能盖房吗") and what follows a breach ("违规盖了咋办"): answered only where the plan
rules on it; a passage on the subject that does neither is quoted as what the plan does say."""

import pytest
from conversation_helpers import dialogue

from assistant.answer_types import Citation
from assistant.qa.leave import unruled_action

FARMLAND = Citation("方案", "四、动态维护方案 > （一）三条控制线维护 > 1.耕地和永久基本农田",
                    "市级总体规划确定的市辖区永久基本农田保护红线 8.2593 万亩，维护后永久基本农田 8.2831 万亩。")
ECOLOGY = Citation("方案", "四、动态维护方案 > （三）规划分区维护",
                   "在不降低生态功能、不破坏生态系统且符合空间准入等管控要求的前提下，可进行适度的开发利用和结构布局调整。")


def _never(word: str) -> bool:
    return False


@pytest.mark.parametrize(("question", "action"), [
    ("永久基本农田里能盖房子吗", "盖房子"),   # jieba: 盖房子 whole, a noun; 盖 is the verb
    ("基本农田里能不能盖大棚？", "盖大棚"),
    ("那能盖房吗（郊区、永久基本农田）", "盖房"),  # the subject carried over is not the action
])
def test_an_action_no_quote_rules_on_is_named(question, action):
    assert unruled_action(question, [FARMLAND], _never) == action


@pytest.mark.parametrize(("question", "citations", "in_plan"), [
    ("老百姓对这个方案有意见，能反映吗？", [FARMLAND], _never),    # a verb alone: its object is named before it
    ("能得到什么支持？", [FARMLAND], _never),                      # what, not whether
    ("永久基本农田能调整吗", [FARMLAND], lambda word: word == "调整"),  # the plan speaks of 调整
    ("中心城区能有多大", [FARMLAND], _never),                      # no action
])
def test_leave_is_not_refused_where_the_plan_may_speak_of_it(question, citations, in_plan):
    assert unruled_action(question, citations, in_plan) is None


def test_a_general_permission_is_no_leave_for_an_action_the_plan_never_names():
    # 可进行适度的开发利用 rules on development, not on a house; the refusal quotes that rule (see below)
    assert unruled_action("永久基本农田里能盖房子吗", [ECOLOGY], _never) == "盖房子"


def test_leave_the_plan_never_rules_on_is_refused_with_the_passage(fixture_assistant):
    answer = fixture_assistant.ask("永久基本农田里能盖房子吗")
    assert answer.refused and answer.answer.startswith("方案原文没有规定能否盖房子，无法回答。"), answer.answer
    assert "8.2831" in answer.answer  # the passage on 永久基本农田 is still quoted
    for question in ("生态控制区能开发吗", "郊区能建养老院吗", "老百姓对这个方案有意见，能反映吗？"):
        assert not fixture_assistant.ask(question).refused, question


def test_what_follows_a_breach_is_a_penalty_the_plan_does_not_give(fixture_assistant):
    *_, breach = dialogue(fixture_assistant, "我家在郊区，种的地算永久基本农田吗", "要是违规盖了咋办")
    assert breach.refused and "没有给出处罚或追责规定" in breach.answer, breach.answer
