"""What a list holds and what it does not: the documents the plan cites (read as a list, pointed at one by one),
members of a kind the plan never names ("哪几条河段", "有没有高铁站"), one's own plot or village asked about in
everyday words, and a thing of a list pointed at with an amount asked ("第二个有多大？")."""

import pytest
from conversation_helpers import dialogue

from assistant.qa import asked_things, asker, listed, scope

CORPUS = "本次动态维护重点建设项目共 564 项。"
BACKGROUND = ("一、工作背景", "为深入贯彻落实党的二十届四中全会精神，按照《自然资源部 国家林业和草原局关于进一步做好自然资源要素"
              "保障的通知》（自然资发〔2026〕38号）、部空间规划局关于国土空间总体规划动态调整完善工作的相关政策口径以及《山西省"
              "自然资源厅关于开展市县级国土空间总体规划动态调整完善工作的通知》（晋自然资函〔2026〕95号）要求，开展本次规划动态维护工作。")


def test_documents_cited_by_title_are_the_sentences_list():
    assert listed.listed_thing("第二个是谁发的", 2, [BACKGROUND])[1] == \
        "《山西省自然资源厅关于开展市县级国土空间总体规划动态调整完善工作的通知》（晋自然资函〔2026〕95号）"
    assert listed.listed_count("第三个呢", [BACKGROUND]) == 2


@pytest.mark.parametrize(("question", "asked"), [
    ("这次维护依据了哪些上级文件？", True),
    ("按照什么政策搞的？", True),
    ("城镇开发边界那块依据的是啥？", True),
    ("公众参与按照什么原则？", False),          # a principle, not a document
    ("第一类用途调整是依据什么实施的？", False),
    ("不用管什么文件依据，直接告诉我面积", False),  # said aside, not asked
])
def test_documents_asked(question, asked):
    assert bool(asked_things.DOCUMENTS_ASKED.search(question)) is asked


def test_the_documents_the_maintenance_follows_one_by_one(fixture_assistant):
    listed_, first, second, third = dialogue(fixture_assistant, "这次维护依据了哪些上级文件？", "第一个是谁发的？",
                                             "第二个呢？", "第三个呢？")
    assert "38号" in listed_.answer and "95号" in listed_.answer, listed_.answer
    assert listed_.citations[0].section == "一、工作背景"
    assert "自然资源部 国家林业和草原局" in first.answer.split("：")[0], first.answer
    assert "山西省自然资源厅" in second.answer.split("：")[0], second.answer
    assert third.refused and "只有 2 个" in third.answer, third.answer


def test_a_thing_of_a_list_asked_its_size(fixture_assistant):
    _, second, last = dialogue(fixture_assistant, "这次动态维护分几个层次？", "第二个有多大？", "那最后一个呢，面积多少？")
    assert "653.61" in second.answer and "4558.96" not in second.answer, second.answer
    assert "271.23" in last.answer, last.answer


@pytest.mark.parametrize(("first", "question"), [("洪涝风险控制线多大？", "具体包括哪几条河段？"),
                                                 ("新增的重点项目有多少？", "新增项目里有没有高铁站？")])
def test_members_of_a_kind_the_plan_never_names_are_refused(fixture_assistant, first, question):
    _, answer = dialogue(fixture_assistant, first, question)
    # (河段 are rivers: "没有给出具体河流" says what is missing as plainly)
    assert answer.refused and ("没有列出或提到" in answer.answer or "没有给出具体河流" in answer.answer), answer.answer


@pytest.mark.parametrize("question", ["俺们荫营镇那块地到底调没调？", "我家那块地动没动？"])
def test_whether_ones_own_plot_changed_is_a_parcel(question):
    assert asker.asks_parcel(question)


@pytest.mark.parametrize(("question", "kind"), [
    ("俺村那条路能不能给修了？", "针对某个村、小区或某户的建设安排"),
    ("能不能给我们村修个广场？", "针对某个村、小区或某户的建设安排"),
    ("那个托育中心啥时候开门？", "时间安排"),
    ("城镇开发边界内能不能建学校？", None),  # a rule of the plan's, asked of no one's village
    ("我们村在不在城镇开发边界里？", None),
])
def test_works_and_dates_the_plan_arranges_for_no_one(question, kind):
    assert scope.unstated_kind(question, CORPUS) == kind
