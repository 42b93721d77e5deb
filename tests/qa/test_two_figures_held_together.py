"""Follow-ups that hold the figures just given against each other ("两个差多少？", "比撤销的多多少？",
"加起来多少？", "撤销和更新合起来占总数多少？"), phases asked after such a comparison ("维护后呢？" after
"哪个多？"), and corrections ("不对，我是说紫线。")."""

import pytest
from conversation_helpers import dialogue

from assistant.qa import followup


@pytest.mark.parametrize(("said", "meant"), [
    ("不对，我是说紫线。", "那紫线呢？"),
    ("不对，我问的是维护前的", "那维护前的呢？"),
    ("错了，是市域", "那市域呢？"),
    ("不是这个，我说的是城市绿线维护后多少公顷", "城市绿线维护后多少公顷"),  # a whole question is asked as such
    ("不对吧，这个数字跟我查的不一样", "不对吧，这个数字跟我查的不一样"),  # a doubt, no correction
    ("不是说不能开发吗？", "不是说不能开发吗？"),
])
def test_a_correction_asks_the_last_question_of_what_it_names(said, meant):
    assert followup.without_opening(said) == meant


def test_a_correction_then_the_corrected_line_is_asked_on(fixture_assistant):
    _, purple, *_, moved = dialogue(fixture_assistant, "城市绿线维护后是多少？", "不对，我是说紫线。", "它这次调整是针对啥？",
                                    "南山宾馆具体在哪条街哪个门牌号？", "调出调入面积各是多少？")
    assert purple.intent == "figure" and "8.09" in purple.answer and "301.11" not in purple.answer, purple.answer
    assert "734.46" in moved.answer and "982.80" in moved.answer, moved.answer


def test_the_figure_asked_follows_a_line_discussed_in_text(fixture_assistant):
    *_, moved = dialogue(fixture_assistant, "城市绿线维护后是多少？", "城市紫线这次调整是针对啥？",
                         "南山宾馆具体在哪条街哪个门牌号？", "调出调入面积各是多少？")
    assert "734.46" in moved.answer and "6.07" not in moved.answer, moved.answer


def test_a_phase_after_in_against_out_asks_the_line_in_that_phase(fixture_assistant):
    *_, after = dialogue(fixture_assistant, "城市绿线总规里原来定的是多少？", "这回调出调入各多少？", "哪个多？", "维护后呢？")
    assert "301.11" in after.answer and "净增加" not in after.answer, after.answer


@pytest.mark.parametrize(("turns", "expected"), [
    (("绿线和紫线维护前各多少", "哪个大", "维护后呢"), "293.02"),      # the comparison again, after
    (("城市绿线和城市紫线原来各是多少", "加起来多少", "维护后呢"), "309.2"),  # the sum again, after
])
def test_a_phase_after_a_comparison_or_a_sum_keeps_it(fixture_assistant, turns, expected):
    # (a guard: "维护后呢？" after "哪个多？" is no longer rewritten from its words, so the figure kept is the resolver's)
    *_, last = dialogue(fixture_assistant, *turns)
    assert expected in last.answer, last.answer


@pytest.mark.parametrize(("turns", "expected"), [
    (("维护后城镇开发边界的扩展规模是多少？", "不对，我问的是维护前的", "两个差多少？"), "29.81"),  # two phases
    (("市域国土面积多大？", "市辖区呢？", "两者差多少平方千米？"), "3905.35"),       # two scopes of one figure
    (("项目清单里实施和延续各多少项？", "加起来多少？"), "347"),
    (("延续和新增各多少项？", "差多少？"), "49"),
    (("城市绿线调出调入各多少", "差多少"), "0.35"),
    (("重点项目里新增的有多少？", "比撤销的多多少？"), "158"),
    (("国家级文保单位几处", "比省级的少几处"), "国家级比省级少 1 处"),
    (("城市绿线调出多少", "比调入少多少"), "净增加 0.35"),
    (("重点建设项目清单里撤销、更新、新增的各有多少？", "撤销和更新合起来占总数多少？"), "6.56%"),
])
def test_the_figures_just_given_held_together(fixture_assistant, turns, expected):
    *_, last = dialogue(fixture_assistant, *turns)
    assert not last.refused and expected in last.answer, last.answer


@pytest.mark.parametrize(("question", "expected"), [
    ("市域比市辖区大多少平方千米", "3905.35"),
    ("延续项目和新增项目哪个多？", "49"),
])
def test_one_figure_against_another_in_one_question(fixture_assistant, question, expected):
    answer = fixture_assistant.ask(question)
    assert expected in answer.answer, answer.answer


def test_two_levels_named_carry_no_subject(fixture_assistant):
    *_, smaller, share = dialogue(fixture_assistant, "市辖区包括哪几个区？", "高新区在这方案里有提到啥吗？",
                                  "中心城区比市辖区小多少平方千米？", "中心城区占市辖区比例？")
    assert "382.38" in smaller.answer and "演示" not in smaller.answer, smaller.answer
    assert "41.50%" in share.answer, share.answer


def test_a_place_is_not_carried_beside_another_level(fixture_assistant):
    *_, listed = dialogue(fixture_assistant, "阳泉全市国土面积是多少？", "市域层面主要维护什么？", "平定县和盂县各多大？",
                          "回到市域层面那个清单，一共多少项？")
    assert "564" in listed.answer and "平定县" not in listed.answer, listed.answer


def test_items_pointed_into_then_both_added(fixture_assistant):
    _, first, second, both = dialogue(fixture_assistant, "城市重要控制线指的是哪两条？", "第一条维护后多少？", "第二条呢？",
                                      "两条加起来多少公顷？")
    assert "301.11" in first.answer and "三条控制线" not in first.answer, first.answer  # the list's, not a heading's
    assert "8.09" in second.answer, second.answer
    assert "309.2" in both.answer, both.answer


@pytest.mark.parametrize("added", ["和撤销的加起来？", "加上撤销的呢？", "和撤销的加起来多少项？"])
def test_a_count_named_is_added_to_the_one_just_given(fixture_assistant, added):
    _, total = dialogue(fixture_assistant, "重点项目里更新的有几项？", added)
    assert "37" in total.answer and "15 + 22" in total.answer, total.answer


@pytest.mark.parametrize("after", ["维护后呢，用公顷说就行", "维护后呢，换成公顷"])
def test_a_phase_asked_with_a_unit_is_that_phase_in_that_unit(fixture_assistant, after):
    _, answer = dialogue(fixture_assistant, "城镇开发边界维护前是多少平方公里？", after)
    assert "9387.50" in answer.answer and "9390.31" not in answer.answer, answer.answer


def test_one_of_two_counts_added_as_a_share_of_their_sum(fixture_assistant):
    _, national, provincial = dialogue(fixture_assistant, "全市更新了几处文保单位进去？", "其中国家级的占多少？", "省级呢？")
    assert "47.83%" in national.answer and "11 ÷ (11 + 12)" in national.answer, national.answer
    assert "52.17%" in provincial.answer, provincial.answer
    assert not national.refused and national.tables  # the SQL that computed it is shown


def test_a_share_of_all_named_after_a_sum_is_of_all(fixture_assistant):
    _, share = dialogue(fixture_assistant, "实施和延续加起来多少项？", "实施的占全部的百分之几？")
    assert "20.92%" in share.answer and "34.01" not in share.answer, share.answer
