"""Who issued a document the plan cites (its title names the bodies), a share asked right after an amount ("有多少？
占几成？"), the measure a first ask names carried to the next (扩展规模), 它 as the figure just given, the item of a
list pointed at with the amount asked before, kinds the plan never names asked each (水田、旱地), a number's
digits standing for no plan word, and the turn after a refused detail."""

import pytest

from assistant.conversation import Conversation
from assistant.qa import decompose, followup
from assistant.qa.each_amount import unnamed_parts
from assistant.qa.figure_cues import REMAINDER


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


# -- a cited document's issuers -------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "issuers", "number"), [
    ("38号文是哪几个部门联合发的？", "由自然资源部、国家林业和草原局联合印发", "〔2026〕38号"),
    ("自然资源部和哪个部门联合发的那份？", "由自然资源部、国家林业和草原局联合印发", "〔2026〕38号"),
    ("95号文是谁发的？", "由山西省自然资源厅印发", "〔2026〕95号"),
])
def test_a_cited_document_s_issuers_are_read_off_its_title(fixture_assistant, question, issuers, number):
    answer, = ask(fixture_assistant, question)
    assert issuers in answer.answer and number in answer.answer, answer.answer
    assert any("国家林业和草原局" in c.quote or "95号" in c.quote for c in answer.citations)


def test_the_plan_s_own_issuer_is_still_its_cover(fixture_assistant):
    answer, = ask(fixture_assistant, "这个方案是哪个单位发的？")
    assert "阳泉市人民政府" in answer.answer and "据文件标题" not in answer.answer


# -- the asks of one question ---------------------------------------------------------------------------------

def test_a_share_right_after_an_amount_is_an_ask_of_its_own():
    asks = decompose.split_asks("听说给以后留了一块机动的地，有多少？占几成？")
    assert len(asks) == 2 and asks[1] == "占几成？"
    # after a name asked, 占多少 asks the share of the thing named: one ask
    assert decompose.split_asks("少掉的那一块叫啥？占多少？") == ["少掉的那一块叫啥？占多少？"]


def test_the_measure_the_first_ask_names_goes_with_its_line():
    asks = decompose.with_subjects(["城镇开发边界扩展规模维护前后各多少公顷？", "减少的部分去了哪里？"],
                                   lambda ask: "城镇开发边界" if "城镇开发边界" in ask else None)
    assert asks[1] == "城镇开发边界扩展规模减少的部分去了哪里？"


@pytest.mark.parametrize(("question", "must"), [
    ("听说给以后留了一块机动的地，有多少？占几成？", ["29.81", "3.06%"]),
    ("城镇开发边界扩展规模维护前后各多少公顷？减少的部分去了哪里？", ["973.98", "944.17", "29.81"]),
])
def test_every_ask_is_answered(fixture_assistant, question, must):
    answer, = ask(fixture_assistant, question)
    assert all(m in answer.answer for m in must), answer.answer


# -- a figure pointed at, an item pointed at --------------------------------------------------------------------

def test_it_is_the_measure_just_given(fixture_assistant):
    *_, answer = ask(fixture_assistant, "那维护后的扩展规模是多少？", "它占维护后开发边界总面积的比例？")
    assert "10.06%" in answer.answer, answer.answer


def test_an_item_pointed_at_gets_the_amount_asked_before(fixture_assistant):
    *_, second, share = ask(fixture_assistant, "这次维护工作是按几个层级展开的？", "最大那一层面积多少？", "第二层呢？",
                            "它在全市国土里大约占几成？给个百分比。")
    assert "653.61" in second.answer, second.answer
    assert "14.34%" in share.answer, share.answer


def test_what_is_left_may_be_kept():
    assert REMAINDER.search("去掉撤销的，清单里还留多少项？")


def test_what_is_left_after_taking_away_is_counted(fixture_assistant):
    answer, = ask(fixture_assistant, "重点建设项目去掉撤销的，清单里还留多少项？")
    assert "542" in answer.answer, answer.answer


# -- what the plan never names or never counts ------------------------------------------------------------------

def test_kinds_the_plan_never_names_asked_each():
    in_plan = "永久基本农田 城区 矿区 郊区 国家级 省级".__contains__
    assert unnamed_parts("维护后永久基本农田里水田和旱地各占多少？", in_plan) == ["水田", "旱地"]
    assert unnamed_parts("城区、矿区、郊区各分到多少？", in_plan) == []
    assert unnamed_parts("水田和旱地是什么？", in_plan) == []  # no amount asked of each
    assert unnamed_parts("部里和省厅的通知文号分别是啥？", in_plan) == []


@pytest.mark.parametrize("turns", [
    ("维护后永久基本农田里水田和旱地各占多少？",),
    ("维护后永久基本农田折合多少亩？", "其中水浇地、旱地各多少？"),
    ("市辖区国土面积多少？", "下面各个县分别多少平方千米？"),
])
def test_parts_the_plan_does_not_give_are_refused(fixture_assistant, turns):
    *_, answer = ask(fixture_assistant, *turns)
    assert answer.refused, answer.answer


# -- everyday words read as plan words ------------------------------------------------------------------------

def test_a_number_s_digits_stand_for_no_plan_word(fixture_assistant):
    # a number stands for a plan word sharing what it counts (一层: 层次), never for one of digits alone (一二三)
    found = fixture_assistant.plan_terms.expansion(["一份", "一层"])
    assert "一二三" not in found and "层次" in found, found


# -- after a refused detail -------------------------------------------------------------------------------------

def test_a_rewrite_that_only_adds_to_a_refused_detail_is_of_the_turn_before():
    assert followup.only_added("其中水浇地、旱地各多少？", "其中水浇地、旱地各多少？（维护前永久基本农田）")
    assert not followup.only_added("生态控制区能盖房吗？", "农田保护区能盖房吗？")


def test_the_turn_after_a_refused_detail_goes_back_to_the_figure(fixture_assistant):
    *_, answer = ask(fixture_assistant, "维护后永久基本农田折合多少亩？", "合多少公顷？", "其中水浇地、旱地各多少？",
                     "维护前的折合公顷呢？")
    assert "5506.20" in answer.answer, answer.answer


def test_the_line_stays_the_subject_through_a_refused_detail(fixture_assistant):
    *_, refused, answer = ask(fixture_assistant, "紫线调整说是“精准校正”，校正的是什么？", "校正前后位置偏了多少米？",
                              "调出调入一共涉及多少平方米？")
    assert refused.refused
    assert "1717.26" in answer.answer and "城市绿线" not in answer.answer, answer.answer
