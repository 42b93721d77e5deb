"""Questions a sentence answers though a word of theirs is not the plan's: which comes first (先规划、后建设), whether
a thing recurs (年度评估), how a thing the plan speaks of is dealt with (征求…意见), where the asker's own land is, a
list of principles asked by the kind's name; and "三条控制线的呢？" after the maps of another topic."""

import pytest
from conversation_helpers import dialogue

from assistant.qa import asked_things, scope


@pytest.mark.parametrize("question", ["方案批了以后，是先盖房子还是先把规划调好？", "规划里说是先盖房子还是先定规划？"])
def test_which_comes_first_is_the_sentence_stating_an_order(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and "先规划、后建设" in answer.answer, answer.answer


def test_an_order_the_plan_does_not_state_is_refused(fixture_assistant):
    assert fixture_assistant.ask("城镇开发边界和永久基本农田哪个先调整？").refused


def test_the_order_asked_has_its_shape():
    shape = asked_things.asked_shape("是先盖房子还是先定规划？")
    assert shape.search("坚持“先规划、后建设，先调整、后落地”管控原则")
    assert not shape.search("方案获批后严格执行规划调整事项")
    assert asked_things.asked_shape("先说说城镇开发边界多大") is None


@pytest.mark.parametrize("question", ["这个规划以后会定期回头检查吗？", "今后还会每年调整吗？"])
def test_whether_a_thing_recurs_is_no_future_arrangement(question):
    assert scope.unstated_kind(question, "") != "今后的安排"
    assert scope.unstated_kind("明年会不会把洪涝线也调一调？", "") == "今后的安排"


def test_whether_a_thing_recurs_is_answered_by_the_standing_mechanism(fixture_assistant):
    answer = fixture_assistant.ask("这个规划以后会定期回头检查吗？")
    assert not answer.refused and "年度评估" in answer.answer, answer.answer
    assert fixture_assistant.ask("明年会不会把洪涝线也调一调？").refused  # what is to come stays refused


def test_how_a_thing_the_plan_speaks_of_is_dealt_with(fixture_assistant):
    answer = fixture_assistant.ask("方案怎么听取老百姓的意见？")
    assert not answer.refused and "征求社会公众意见" in answer.answer, answer.answer
    assert fixture_assistant.ask("怎么投诉规划？").refused  # an action on nothing the plan speaks of


def test_the_askers_own_land_is_no_scope_asked(fixture_assistant):
    answer = fixture_assistant.ask("我家地在郊区，是基本农田，这回基本农田一共是多了还是少了？")
    assert not answer.refused and "8.2831" in answer.answer, answer.answer
    assert "郊区" in fixture_assistant.ask("郊区的永久基本农田有多少？").answer  # a district asked stays a district


def test_principles_asked_by_the_kinds_name_are_the_plans_list(fixture_assistant):
    answer = fixture_assistant.ask("这回修规划守的几条原则是啥？")
    assert all(p in answer.answer for p in ("底线思维", "正向优化", "需求导向", "统筹协调")), answer.answer
    one = fixture_assistant.ask("城镇开发边界调整遵循什么原则？")  # a principle of one thing is that thing's sentence
    assert "底线思维" not in one.answer, one.answer


def test_another_topic_named_after_the_maps_asks_its_maps(fixture_assistant):
    turns = dialogue(fixture_assistant, "附图里中心城区的图叫什么？", "永久基本农田的图呢？", "三条控制线的呢？", "分区的呢？")
    assert "标明调出" in turns[2].answer and "标明调入" in turns[2].answer, turns[2].answer
    assert "国土空间用途分区图（维护前）" in turns[3].answer, turns[3].answer


def test_a_thing_asked_need_share_a_word_with_the_question(fixture_assistant):
    # the documents' titles hold the shape of "有什么规定", but nothing of 记者采访
    assert fixture_assistant.ask("市里对记者采访有什么规定？").refused


def test_a_count_quoted_by_its_number_asks_its_members(fixture_assistant):
    last = dialogue(fixture_assistant, "历史文化保护线增加了多少？", "这11处国保具体是哪些？")[-1]
    assert last.refused and "11 处国家级文物保护单位" in last.answer, last.answer
    kinds = fixture_assistant.ask("这564项分成哪几类？")  # its kinds are given: 实施 118 项、延续 229 项…
    assert not kinds.refused and "延续 229 项" in kinds.answer, kinds.answer


def test_a_list_named_by_a_word_of_its_heading_is_that_headings_list(fixture_assistant):
    answer = fixture_assistant.ask("方案后面的保障措施有哪几条？")  # 实施保障
    assert all(h in answer.answer for h in ("实施管理", "部门协调", "监督管理")), answer.answer
    whole = fixture_assistant.ask("三条控制线有哪些？")  # a short name said whole: the sentence listing the lines
    assert "永久基本农田保护红线" in whole.answer, whole.answer


def test_the_whole_a_stated_share_is_of(fixture_assistant):
    last = dialogue(fixture_assistant, "开发边界预留的机动规模是多少？", "占比多少？", "这个比例是相对什么算的？")[-1]
    assert "973.98" in last.answer and "方案原文没有写明" in last.answer, last.answer


def test_one_thing_of_a_kind_asked_after_a_figure_is_read_in_the_text(fixture_assistant):
    last = dialogue(fixture_assistant, "紫线是啥，这次阳泉紫线从多少改成多少？", "变化是因为哪栋建筑？")[-1]
    assert not last.refused and "南山宾馆" in last.answer, last.answer
    # "哪个调出面积大" names no kind of thing: the figures just given, compared
    larger = dialogue(fixture_assistant, "紫线调入982.80平方米，那调出是多少？", "绿线调出多少？", "哪个调出面积大？")[-1]
    assert larger.intent == "figure" and "6.07" in larger.answer, larger.answer
