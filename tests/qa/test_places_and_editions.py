"""Where the plan's answer stops: an edition still to come, a village, the project an area goes to, one's own
village's land; and what it does say of the counties outside the 市辖区 (only its 市域 level covers them)."""

import pytest
from conversation_helpers import dialogue

from assistant.qa import asker, decompose, elsewhere

CORPUS = "市辖区范围由城区、矿区、郊区构成。本次动态维护方案…"


@pytest.mark.parametrize("question", ["下一轮规划扩展倍数会提到多少？", "下次调整会把我村划进去吗", "下个年度的方案还调永农吗",
                                      "上一年度的维护方案改了啥？"])
def test_an_edition_still_to_come_is_refused(question):
    assert "本年度" in (elsewhere.out_of_scope(question, CORPUS) or ""), question


# "上一版规划给那三个区定的是多少": the master plan this edition maintains (市级总体规划确定的), its 维护前
@pytest.mark.parametrize("question", ["上次规划调整的依据是什么", "永久基本农田下一步怎么管", "上一版规划给那三个区定的永农是多少"])
def test_other_words_of_time_name_no_edition(question):
    assert elsewhere.out_of_scope(question, CORPUS) is None


@pytest.mark.parametrize("question", ["俺们村的地是不是都划成基本农田了？", "我家在义井镇一个村的承包地，有没有被划进城镇开发边界？"])
def test_ones_own_land_said_at_length_is_a_parcel(question):
    assert asker.asks_parcel(question)


def test_a_count_of_the_places_named_is_no_other_place(fixture_assistant):
    """"城区、矿区、郊区三区": three of the districts just named, not a place called 三区 (三亚市 is one)."""
    answer = fixture_assistant.ask("城区、矿区、郊区三区合起来的国土面积是多少？")
    assert not answer.refused and "653.61" in answer.answer, answer.answer
    assert "三亚市" in (elsewhere.out_of_scope("三亚市的城镇开发边界多大", CORPUS) or "")


def test_ones_own_villages_land_is_a_parcel(fixture_assistant):
    assert asker.asks_parcel("俺村的地会不会被划进永农？")
    answer = fixture_assistant.ask("俺村的地会不会被划进永农？")
    assert answer.refused and "坐标" in answer.answer, answer.answer


def test_the_villages_of_features_are_recorded_nowhere(fixture_assistant):
    answer = fixture_assistant.ask("这次永久基本农田调出的是哪几个村的地块？")
    assert answer.refused and "没有列出涉及的村" in answer.answer, answer.answer
    # the plan's own village is read from its text; features by district are still counted
    assert "坡头村" in fixture_assistant.ask("中心城区西到哪个村").answer
    assert not fixture_assistant.ask("城区有哪些图斑调出了永久基本农田").refused


def test_the_project_a_reserve_goes_to_is_not_given(fixture_assistant):
    *_, use = dialogue(fixture_assistant, "开发边界预留机动规模多少", "这部分机动规模以后具体给哪个项目用？")
    assert use.refused and "没有给出具体用于哪个项目" in use.answer and "29.81" in use.answer, use.answer
    # where the plan names them (市第五人民医院…), they are quoted
    answer = fixture_assistant.ask("公共服务设施用地调整给了哪些项目用？")
    assert not answer.refused and "养老中心" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["城区矿区郊区以外的那几个县，这回维护都管些啥？", "平定县和盂县这回维护都管些啥？"])
def test_counties_outside_the_districts_are_read_at_the_city_level(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and "市域层面维护工作主要包括重点建设项目清单" in answer.answer, answer.answer
    assert any("不在市辖区" in note for note in answer.notes), answer.notes


def test_those_few_counties_ask_nothing():
    assert decompose.split_asks("城区矿区郊区以外的那几个县，这回维护都管些啥？") == \
        ["城区矿区郊区以外的那几个县，这回维护都管些啥？"]
    assert decompose.split_asks("那几个县面积多少，有几个镇？") == ["那几个县面积多少", "有几个镇？"]


@pytest.mark.parametrize("question", ["好端端的为啥要搞这个规划维护？", "突然为什么要搞动态维护"])
def test_why_the_work_is_done_said_with_feeling(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert "十五五" in answer.answer and "工作背景" in answer.citations[0].section, answer.answer
    assert fixture_assistant.ask("为啥要搞地铁").refused


@pytest.mark.parametrize(("question", "reason"), [
    ("下大雨家里被淹了，能找政府赔多少？", "金额"),
    ("这些调整分别花了多少编制经费？", "金额"),
    ("文保单位以后修缮谁出钱、出多少？", "金额"),
    ("明年会不会把洪涝线也调一调？", "今后的安排"),
    ("调出的那些地以后打算盖啥？", "今后的安排"),
    ("这个国土空间总体规划的规划期到哪一年？", "规划期限"),
])
def test_kinds_the_plan_states_nowhere(fixture_assistant, question, reason):
    answer = fixture_assistant.ask(question)
    assert answer.refused and reason in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["规划定了以后会不会没人管、老变？",   # 以后 after a verb: once it is done
                                      "全市国土面积里，市辖区以外的部分有多少平方千米？",  # 4558.96 − 653.61
                                      "中心城区西到哪个村"])
def test_what_only_sounds_like_those_kinds_is_answered(fixture_assistant, question):
    assert not fixture_assistant.ask(question).refused, question


@pytest.mark.parametrize("question", ["从图上能查到俺家那块地是不是基本农田吗？", "俺家在义井镇，这回房子会不会被拆？",
                                      "具体把哪些村划成了村庄建设区？", "剩下那些县的永久基本农田这次调了多少？"])
def test_ones_own_land_an_action_villages_and_the_counties_lines_are_refused(fixture_assistant, question):
    assert fixture_assistant.ask(question).refused, question


def test_the_companies_a_reserve_goes_to_and_where_a_line_lies_are_not_given(fixture_assistant):
    *_, firms = dialogue(fixture_assistant, "预留的机动规模是多少？", "这些机动指标打算给哪家企业用？")
    assert firms.refused and "具体用于哪个项目" in firms.answer, firms.answer
    *_, where = dialogue(fixture_assistant, "洪涝风险控制线多大？", "具体在哪？")
    assert where.refused and "没有给出具体位置" in where.answer and "4279.0808" in where.answer, where.answer
    # a question naming what it asks of is not read against the last passage ("部门" is a noun of its own)
    *_, bodies = dialogue(fixture_assistant, "方案批了以后怎么执行？", "哪些部门一块管？")
    assert "发改" in bodies.answer, bodies.answer


@pytest.mark.parametrize(("question", "villages"), [
    ("涉及哪些村庄？", True), ("调出的是哪几个村的地块", True), ("城区哪些村庄建设区变了", False), ("哪些村民受影响", False)])
def test_villages_are_asked_by_one_pattern(question, villages):
    """The layer statistics and the text answers refuse the same asks for villages (a zone, 村庄建设区, is none)."""
    assert elsewhere.asks_villages(question) is villages


def test_every_part_of_a_question_on_another_edition_is_of_that_edition(fixture_assistant):
    """"2027年度的方案什么时候出，会调哪些内容？": the second part has no year of its own and asks of 2027 too;
    a part naming this edition ("今年的呢", "本次维护后呢") is answered."""
    answer = fixture_assistant.ask("2027年度的动态维护方案什么时候出，会调哪些内容？")
    assert answer.refused and "2027年度" in answer.answer and not answer.citations, answer.answer
    both = fixture_assistant.ask("2025年度的永农多少，本次维护后呢")
    assert not both.refused and "2025年度" in both.answer and "8.2831" in both.answer, both.answer
