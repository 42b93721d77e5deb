"""Who leads a thing, which river a line follows, the numbers of parcels, which district a change lies in, what a
cited document rules, why a line was left alone, leave for an action the plan never rules on: the plan's
passage is found, but holds nothing of the kind asked, so the question is refused with that passage shown. A
plan that does say it (由市自然资源局牵头, 沿桃河划定) answers it."""

from __future__ import annotations

import pytest

from assistant.answer_types import Answer, Citation
from assistant.conversation import Conversation
from assistant.qa import scope_fit

BODIES = "建立自然资源、发改、住建、交通、水利、能源等部门协同机制，明确分工、强化统筹，保障规划落地。"
FLOOD = "市级总体规划确定的洪涝风险控制线 4279.0808 公顷，本次动态维护不涉及洪涝风险控制线调整。"
RED = "市级总体规划确定的市辖区生态保护红线 10 平方千米，本次动态维护不涉及生态保护红线调整。"
SCOPE = "市辖区范围由城区、矿区、郊区构成，国土面积 653.61 平方千米。"
BASIS = "贯彻落实《自然资源部关于印发〈城镇开发边界管理办法（试行）〉的通知》（自然资规〔2026〕1号）要求。"
SERIES = "对重点项目进行统筹优化：一是依据已批准详细规划实施的用途调整；"
GREEN = "本次调出城市绿线 6.07 公顷，调入城市绿线 6.42 公顷，城市绿线布局和规模基本稳定、功能不降低、服务范围不改变。"
ECO = "在不降低生态功能、不破坏生态系统且符合空间准入等管控要求的前提下，可进行适度的开发利用和结构布局调整。"


PLAN = "".join((BODIES, FLOOD, RED, SCOPE, BASIS, SERIES, GREEN, ECO))


def _fit(question: str, *quotes: str) -> Answer:
    cites = [Citation(doc="方案", section="四、动态维护方案", quote=q) for q in quotes]
    return scope_fit.fit(question, Answer(question, "policy", "原文", cites), lambda word: word in PLAN)


@pytest.mark.parametrize(("question", "quote", "label"), [
    ("这个协同机制由哪个部门牵头？", BODIES, "牵头或负责的单位"),
    ("宾馆现在归哪个单位管理？", BODIES, "牵头或负责的单位"),
    ("这条线主要是沿哪条河划的？", FLOOD, "具体河流"),
    ("第一类涉及哪些地块编号？", SERIES, "具体编号"),
    ("减下去的那块具体落在城区、矿区还是郊区？", SCOPE, "变化所在的区县"),
    ("管理办法对开发边界外的建设有什么规定？", BASIS, "所引文件的具体条款"),
    ("国家规定机动规模最高能占多少？", BASIS, "所引文件的具体条款"),
    ("这次为什么没调生态红线？", RED, "不调整的原因"),
    ("在哪儿公示？", "全方位、多渠道做好规划动态维护方案宣传和信息公开。", "具体渠道或地点"),
])
def test_the_kind_asked_is_not_in_the_passage_found(question, quote, label):
    answer = _fit(question, quote)
    assert answer.refused and answer.answer.startswith(f"方案原文没有给出{label}"), answer.answer
    assert answer.citations, "the passage found is still shown"


@pytest.mark.parametrize(("question", "quote"), [
    ("这个协同机制由哪个部门牵头？", "部门协同机制由市自然资源局牵头。"),
    ("这条线主要是沿哪条河划的？", "洪涝风险控制线沿桃河两岸划定。"),
    ("减下去的那块具体落在城区、矿区还是郊区？", "郊区调出城镇开发边界 2.81 公顷。"),
    ("这次为什么没调生态红线？", "由于生态保护红线已经国家批准，本次不涉及生态保护红线调整。"),
    ("它归哪条线管？", "南山宾馆历史建筑纳入城市紫线。"),           # a line, not a body
    ("河底镇在中心城区哪一边？", "中心城区范围北起郊区河底镇。"),     # a town, no river asked
    ("调出的有多少公顷？", SCOPE),
    ("在哪儿公示？", "方案在市人民政府网站公示 30 日。"),
])
def test_a_passage_that_says_it_or_a_different_ask_stands(question, quote):
    assert not _fit(question, quote).refused


@pytest.mark.parametrize(("question", "quote", "refused"), [
    ("绿线里面能不能修停车场？", GREEN, True),    # "功能不降低" rules on the line, not on a car park
    ("南山宾馆紫线范围里能不能开饭店？", "不改变其历史建筑的保护属性、管控要求。", True),
    ("生态控制区能不能盖房子？", ECO, True),      # 可进行适度的开发利用 rules on development, not on a house
    ("生态控制区能不能搞开发？", ECO, False),     # the plan's own word: its permission, with its conditions
])
def test_leave_for_an_action_needs_a_permission_or_a_ban(question, quote, refused):
    answer = _fit(question, quote)
    assert answer.refused is refused, answer.answer


def test_a_ministry_said_as_bu_li_is_no_topic_of_its_own(fixture_assistant):
    conversation = Conversation()
    fixture_assistant.ask("这次维护是为了对接哪些上级部署？", conversation)
    answer = fixture_assistant.ask("部里那个文件文号是多少？", conversation)
    assert not answer.refused and "自然资发〔2026〕38号" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["县里的三条控制线这次也调了吗？", "平定县的三条控制线这次调了吗？"])
def test_the_lines_of_the_counties_are_refused(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert answer.refused and "只覆盖市辖区" in answer.answer, answer.answer


def test_a_detail_asked_of_a_listed_item_is_checked_like_any_passage(fixture_assistant):
    conversation = Conversation()
    fixture_assistant.ask("中心城区用地布局调整有哪几类？", conversation)
    numbers = fixture_assistant.ask("第一类涉及哪些地块编号？", conversation)
    assert numbers.refused and "具体编号" in numbers.answer, numbers.answer
    third = fixture_assistant.ask("第三类主要落实了哪些设施？", conversation)
    assert not third.refused and "幸福家园养老中心" in third.answer, third.answer


def test_what_was_done_to_each_of_a_count_is_not_given_by_the_count():
    count = "本次动态维护重点建设项目共 564 项，其中，实施 118 项、延续 229 项、撤销 22 项、更新 15 项、新增 180 项。"
    answer = _fit("更新的项目具体改了啥内容？", count)
    assert answer.refused and answer.answer.startswith("方案原文只给出了数量（更新 15 项），没有说明具体内容"), answer.answer


@pytest.mark.parametrize(("question", "refused"), [
    ("农村盖房子宅基地标准是多少平方米？", True),   # the 平方米 found are 城市紫线's
    ("城市紫线调出了多少平方米？", False),
    ("老百姓的口粮田有多少亩？", False),            # an everyday name of a line the plan gives
    ("市中心那一大片总共多少平方公里？", False),     # 大片 is the 中心城区 said loosely
])
def test_an_amount_of_a_thing_the_plan_never_names(fixture_assistant, question, refused):
    answer = fixture_assistant.ask(question)
    assert answer.refused is refused, answer.answer
    if refused:
        assert "宅基地" in answer.answer.split("\n")[0] and answer.citations, answer.answer
