"""The lines ranked by their change ("哪条控制线变化最大"), the lines not changed said as 不调整, a figure word named in
a follow-up kept ("那维护后的扩展规模呢？"), a line's own size asked after its measure ("维护后总面积…"), a phase said
as 变化后, the size of a facility carried from a list (no level's area), the plan read back after an elliptic question
of another city, a unit of measure that is no body, and cues that read as a place or a body where none is asked."""

import pytest

from assistant.conversation import Conversation
from assistant.qa import asked_things, followup
from assistant.qa.figure_cues import AFTER, CHANGE
from assistant.qa.figure_values import kinds_of_count


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


# -- lines ranked by their change ------------------------------------------------------------------------------

def test_the_line_that_changed_most_is_named_with_every_change_in_hectares(fixture_assistant):
    ranked, grown = ask(fixture_assistant, "哪条控制线变化最大？", "它增加了多少？")
    assert "变化最大的是历史文化保护线" in ranked.answer, ranked.answer
    assert "142.17 公顷" in ranked.answer and "15.87 公顷" in ranked.answer, ranked.answer  # 0.0238 万亩 in 公顷
    assert "生态保护红线" not in ranked.answer  # not changed: no rank
    assert ranked.tables and all(c.quote for c in ranked.citations)
    assert "142.1686" in grown.answer, grown.answer


def test_the_most_of_one_way_ranks_only_the_lines_of_that_way(fixture_assistant):
    (most,) = ask(fixture_assistant, "哪条线增加最多？")
    assert "增加最多的是历史文化保护线" in most.answer, most.answer
    assert "城镇开发边界" not in most.answer  # it decreased


def test_after_the_unchanged_lines_the_changed_ones_are_ranked(fixture_assistant):
    same, ranked = ask(fixture_assistant, "方案中哪些控制线本次不调整？", "调了的里面按公顷变化最大的是哪条？")
    assert "不变的控制线：生态保护红线" in same.answer and "洪涝风险控制线" in same.answer, same.answer
    assert "变化最大的是历史文化保护线" in ranked.answer, ranked.answer


# -- figure follow-ups -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "previous", "expected"), [
    ("那维护后的扩展规模呢？", "城镇开发边界多少？", "维护后城镇开发边界扩展规模多少？"),
    ("那维护后的预留机动规模呢？", "城镇开发边界维护前多少？", "城镇开发边界预留机动维护后多少？"),
])
def test_a_figure_word_the_follow_up_names_is_kept(question, previous, expected):
    assert followup.rewrite(question, previous) == expected


def test_a_measure_named_in_a_follow_up_is_answered(fixture_assistant):
    _, measure = ask(fixture_assistant, "城镇开发边界维护前多少？", "那维护后的扩展规模呢？")
    assert "944.17" in measure.answer, measure.answer


def test_the_lines_own_size_after_its_measure(fixture_assistant):
    *_, whole = ask(fixture_assistant, "城镇开发边界维护前扩展规模？", "那调整后呢？", "维护后总面积折合多少平方千米？")
    assert "93.88" in whole.answer and "944.17" not in whole.answer, whole.answer


def test_after_a_change_is_a_phase():
    assert AFTER.search("变化后多少？") and not CHANGE.search("变化后多少？")
    assert CHANGE.search("变化多少？")


def test_the_figure_after_the_change_converts(fixture_assistant):
    *_, after, km2 = ask(fixture_assistant, "历史文化保护线有变化吗？", "变化后多少？", "折合平方千米？")
    assert "710.6312" in after.answer, after.answer
    assert "7.11" in km2.answer, km2.answer


def test_the_plan_read_back_after_an_elliptic_question_of_another_city(fixture_assistant):
    _, other, back = ask(fixture_assistant, "阳泉城镇开发边界扩展倍数多少？", "晋中市是多少？", "阳泉维护后的预留机动规模呢？")
    assert other.refused
    assert "29.81" in back.answer, back.answer


# -- sizes the plan does not give -------------------------------------------------------------------------------

def test_the_size_of_a_facility_carried_from_a_list_is_no_levels_area(fixture_assistant):
    *_, size = ask(fixture_assistant, "郊区这次落了哪些民生设施？", "那个托育中心占地多大？")
    assert size.refused and "271.23" not in size.answer, size.answer
    *_, size = ask(fixture_assistant, "中心城区这次落实了哪些消防站？", "第二个还配了什么设施？", "它的建设规模多大？")
    assert size.refused and "271.23" not in size.answer, size.answer


def test_a_levels_own_area_is_still_answered(fixture_assistant):
    (area,) = ask(fixture_assistant, "中心城区多大？")
    assert "271.23" in area.answer


# -- cues that read a body or a place -----------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["永久基本农田在方案里用什么单位表述？", "面积按哪个单位算？"])
def test_a_unit_of_measure_is_no_body(question):
    assert asked_things.missing_thing(question, []) is None


def test_the_bodies_a_passage_lists_answer_which_it_mentions():
    quote = "建立自然资源、发改、住建、交通、水利、能源等部门协同机制，明确分工、强化统筹，保障规划落地。"
    assert asked_things.missing_thing("方案提到哪些部门要协同？", [quote]) is None


@pytest.mark.parametrize("question", ["这是哪个单位负责的？", "意见提交到哪里？"])
def test_a_body_or_a_channel_is_still_asked(question):
    assert asked_things.missing_thing(question, []) in ("负责的部门或单位", "具体渠道或地点")


def test_the_issuer_of_this_edition_said_by_its_year(fixture_assistant):
    _, issuer = ask(fixture_assistant, "阳泉2025年度的动态维护方案调了什么？", "那2026年这版是谁发布的？")
    assert "阳泉市人民政府" in issuer.answer, issuer.answer


# -- everyday wording ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "count"), [
    ("国保单位都有哪些？", "11 处国家级文物保护单位"),   # 国保: the name said short
    ("省保单位有哪些？", "12 处省级文物保护单位"),
])
def test_members_of_a_count_said_short_are_not_listed(fixture_assistant, question, count):
    (answer,) = ask(fixture_assistant, question)
    assert answer.refused and count in answer.answer, answer.answer


def test_members_asked_after_the_count_said_short(fixture_assistant):
    *_, names = ask(fixture_assistant, "历史文化保护线这次扩大了吗？", "为什么会增加？", "那些国保单位分别叫什么？")
    assert names.refused, names.answer


@pytest.mark.parametrize(("question", "expected"), [
    ("主城那一片到底有多大？", "271.23"),                          # 主城: the 中心城区
    ("紫线这回到底挪了多少地方？", "734.46"),                      # 挪: moved out and in
    ("护老古董老建筑的那块范围这回多划了多少？", "142.1686"),     # 多划: the change
    ("调整是针对哪个对象？（城市紫线）", "南山宾馆"),             # 对象: a word of asking
])
def test_everyday_words_of_size_and_change(fixture_assistant, question, expected):
    (answer,) = ask(fixture_assistant, question)
    assert not answer.refused and expected in answer.answer, answer.answer


def test_both_lines_asked_first_are_the_subject_of_each_later_part(fixture_assistant):
    (answer,) = ask(fixture_assistant, "城市绿线和紫线维护后各多少公顷，比维护前分别变化多少？")
    assert "0.35" in answer.answer and "0.02" in answer.answer, answer.answer


def test_the_kinds_of_a_count_asked_by_status_are_every_kind_with_its_count(fixture_assistant):
    kinds, second, share = ask(fixture_assistant, "重点项目按状态分了哪几类？", "第二类是多少项？", "它的占比呢？")
    assert all(k in kinds.answer for k in ("实施 118 项", "延续 229 项", "撤销 22 项", "更新 15 项", "新增 180 项")), \
        kinds.answer
    assert "229" in second.answer, second.answer
    assert "40.60%" in share.answer, share.answer
    assert kinds_of_count("重点项目分哪几类？", fixture_assistant.figures) is None  # (not said by status: 一是…四是)


def test_a_count_with_nothing_named_after_it_is_read_without_error():
    from assistant.qa.scope_fit import counted_not_listed

    assert counted_not_listed("国保单位都有哪些？", ["本次动态维护重点建设项目共 564 项。"]) is None


@pytest.mark.parametrize(("question", "expected"), [
    ("不算城区、矿区、郊区的部分大约还有多少？", "3905.35"),   # 不算 … 还有: the 市域 less the 市辖区
    ("今年规划里列了多少个重点工程？", "564"),                  # the plan's 重点工程, counted with its projects
])
def test_remainders_and_the_plans_other_name_for_its_projects(fixture_assistant, question, expected):
    (answer,) = ask(fixture_assistant, question)
    assert expected in answer.answer, answer.answer


def test_the_county_towns_are_no_level_of_the_plan():
    from assistant.qa.elsewhere import out_of_scope

    assert "县城" in (out_of_scope("县城层面有没有单独的维护内容和面积？", "") or "")
    assert out_of_scope("市辖区以外的面积有多大？", "") is None  # the 市域 less the 市辖区, which the plan gives


def test_bodies_asked_of_the_work_are_no_outline_of_it(fixture_assistant):
    bodies, changed = ask(fixture_assistant, "动态维护涉及哪些部门？"), ask(fixture_assistant, "这次维护涉及哪些内容？")
    assert "下分为" not in bodies[0].answer, bodies[0].answer
    assert "下分为 6 项" in changed[0].answer, changed[0].answer
