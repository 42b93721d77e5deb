"""Details of things the plan names but never gives: how many households a village has, a building's storeys, a
zone's width, the article of a law, opening hours, the year a plan was approved. The plan states none of these
kinds, or the sentence found holds nothing of the kind asked, so the question is refused; a kind the plan does
state (its issue date, a document's year, when it applies) is answered."""

from __future__ import annotations

import pytest
from conversation_helpers import dialogue

from assistant.answer_types import Answer, Citation
from assistant.qa import scope, scope_fit

PLAN = "中心城区范围北起郊区河底镇，南至城区义井镇，东起杨家庄乡，西到平坦镇坡头村，总面积 271.23 平方千米。"


@pytest.mark.parametrize(("question", "kind", "stated"), [
    ("坡头村有多少户人家？", "户数", "坡头村 312 户"),
    ("这个楼有几层？", "层数", "住院楼地上 12 层"),
    ("这些文保单位周边的建设控制地带有多宽？", "尺寸或高度", "建设控制地带宽 50 米"),
    ("管理办法第几条规定了扩展倍数？", "法规条款", "依据管理办法第十二条"),
    ("南山宾馆现在还对外营业吗？", "开放或营业情况", "南山宾馆照常营业"),
])
def test_a_kind_of_detail_the_plan_never_prints_is_refused(question, kind, stated):
    assert scope.unstated_kind(question, PLAN) == kind
    assert scope.unstated_kind(question, f"{PLAN}{stated}。") is None  # a plan that prints one answers it


@pytest.mark.parametrize("question", [
    "这回规划修补分成几层来弄？",           # 层 of 层面, not storeys
    "都是哪几层？",
    "中心城区比市辖区小多少？",
    "要做到哪几点？",
    "规划调完以后谁来盯着落实？多长时间查一回？",
])
def test_words_like_the_kinds_are_no_such_kind(question):
    assert scope.unstated_kind(question, PLAN) is None


def _answered(question: str, *quotes: str) -> Answer:
    cites = [Citation(doc="方案", section="二、工作背景", quote=q) for q in quotes]
    return scope_fit.fit(question, Answer(question, "text", "原文", cites))


BASIS = "贯彻落实《山西省自然资源厅 山西省农业农村厅 关于加强永久基本农田保护红线管理的通知》（晋自然资发〔2025〕20号）"
COVER = "阳泉市人民政府 2026 年 6 月"
IN_FORCE = "方案获批后严格执行规划调整事项，全面规范建设项目审批流程。"
REVIEW = "建立年度评估、动态更新、常态督查机制，确保规划权威性与严肃性。"
GREEN = "强化“多规合一”，做好与耕地保护和国土绿化空间专项规划的衔接。"


@pytest.mark.parametrize(("question", "quotes", "refused"), [
    ("这个专项规划是哪年批复的？", [GREEN], "具体年份"),
    ("下一次动态维护是哪个月开始？", [REVIEW], "具体月份"),
    ("方案啥时候能批下来？", [GREEN], "获批时间"),
    ("方案啥时候能批下来？", [IN_FORCE], "获批时间"),  # 获批后 says what follows approval, not when it comes
    ("省里那个文件是哪年的？", [BASIS], None),        # 〔2025〕 is its year
    ("这个方案是几月份出的？", [COVER], None),
    ("这方案啥时候开始执行？", [IN_FORCE], None),      # 获批后: when, as the plan says it
    ("多长时间查一回？", [REVIEW], None),              # 年度评估
    ("95号文要求多久维护一次？", [COVER], "时间间隔"),  # the edition's own year is no interval
])
def test_a_date_asked_needs_a_date_of_that_kind_in_the_sentence_found(question, quotes, refused):
    answer = _answered(question, *quotes)
    if refused:
        assert answer.refused and f"方案原文没有给出{refused}" in answer.answer, answer.answer
        assert [c.quote for c in answer.citations] == quotes  # what the plan does say stays
    else:
        assert not answer.refused and answer.answer == "原文"


def test_a_detail_of_what_was_just_answered_is_refused_and_the_plan_answered_again(fixture_assistant):
    first, storeys, back = dialogue(fixture_assistant, "中心城区西边到哪个村？", "坡头村有多少户人家？", "那中心城区总面积多少？")
    assert not first.refused and "坡头村" in first.answer
    assert storeys.refused and "户数" in storeys.answer, storeys.answer
    assert not back.refused and "271.23" in back.answer, back.answer


def test_an_article_asked_of_a_figure_is_not_the_figure(fixture_assistant):
    answer = fixture_assistant.ask("管理办法第几条规定了扩展倍数？")
    assert answer.refused and "法规条款" in answer.answer and "1.28" not in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "reason"), [
    ("撤销的那22个项目分别是啥？", "只给出了数量（撤销 22 项）"),      # members, asked with 分别是啥
    ("入库用的是哪家公司的软件平台？", "编制或提出的单位、个人"),        # a firm
    ("矿区这次有啥新项目？", "没有列出矿区的具体项目"),               # 矿区 named only as part of 市辖区
])
def test_members_firms_and_a_districts_projects_the_plan_never_names(fixture_assistant, question, reason):
    answer = fixture_assistant.ask(question)
    assert answer.refused and reason in answer.answer, answer.answer


def test_a_districts_projects_named_in_the_plan_are_answered(fixture_assistant):
    answer = fixture_assistant.ask("郊区这次有啥新项目？")
    assert not answer.refused and "郊区幸福家园养老中心" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "reason"), [
    ("我家地被调进永久基本农田了，有补偿吗？", "补偿或补贴"),  # money paid to people: the plan never speaks of it
    ("我能不能申请那个项目的补贴？", "补偿或补贴"),
    ("我现在在中心城区买房合适吗？", "不替个人做决定"),     # a decision of the asker's own
])
def test_compensation_and_personal_decisions_are_refused(fixture_assistant, question, reason):
    answer = fixture_assistant.ask(question)
    assert answer.refused and reason in answer.answer, answer.answer


def test_which_parcels_is_a_place_the_plan_never_gives(fixture_assistant):
    _, parcels = dialogue(fixture_assistant, "城镇开发边界预留机动规模多少？", "这些机动规模具体落到哪些地块？")
    assert parcels.refused and "具体位置" in parcels.answer, parcels.answer


def test_a_kind_never_stated_is_not_read_as_a_phase_of_the_last_figure(fixture_assistant):
    *_, asked = dialogue(fixture_assistant, "它那块紫线调出调入各多少？（城市紫线）", "那南山宾馆现在还对外营业吗？能住吗？")
    assert asked.refused and "开放或营业情况" in asked.answer and "8.09" not in asked.answer, asked.answer


FACILITIES = ("主要落实市第五人民医院新建精神康复住院楼、郊区幸福家园养老中心、郊区新城大道一级消防站、"
              "郊区综合托育服务中心、高新区特勤消防站及配套消防训练设施等；")


@pytest.mark.parametrize(("question", "refused"), [
    ("高新区特勤消防站具体建在哪条街道？", True),   # the road in the list is another station's
    ("五院在哪条路上？", True),                     # no item is like the question
    ("郊区那个消防站建在哪条路上？", False),         # 郊区新城大道一级消防站: its own road
    ("一级消防站放在哪条路那块？", False),
])
def test_an_address_is_the_named_things_own(question, refused):
    assert _answered(question, FACILITIES).refused is refused
