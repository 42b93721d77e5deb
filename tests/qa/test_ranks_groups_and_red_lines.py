"""A kind of a count asked by its rank ("哪类最多", then "最少的呢？", "排第二的呢？"), the lines of one group of the
plan's headings ("其他重要控制线里哪条没动"), a red line described by what it is for ("种地红线"), a phase said as
only a figure's is ("调完", then "那调之前呢？"), a wider scope carried back ("整个市域范围的…呢？"), one figure
over its earlier self ("相当于原定的百分之几"), figures set against other cities, each site's size, and a
follow-up whose rare words are the sentence just quoted."""

import pytest

from assistant.conversation import Conversation
from assistant.qa.asker import asks_parcel
from assistant.qa.elsewhere import out_of_scope
from assistant.qa.figure_cues import NUMBER_ASKED, OF_BEFORE
from assistant.qa.figure_values import ranked_kind
from assistant.qa.swaps import other_extreme


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


# -- a kind of a count picked by its rank ---------------------------------------------------------------------

def test_a_kind_asked_by_its_rank_is_named_with_the_whole_ranking(fixture_assistant):
    most, fewest, second, share = ask(fixture_assistant, "五类项目里哪类最多？", "最少的呢？", "排第二的呢？", "它占多少？")
    assert "最多”的是延续" in most.answer and "延续 229 项" in most.answer, most.answer
    assert "最少”的是更新" in fewest.answer and "更新 15 项" in fewest.answer, fewest.answer
    assert "排第二”的是新增" in second.answer and "新增 180 项" in second.answer, second.answer
    assert "31.91%" in share.answer, share.answer
    assert all(c.quote for a in (most, fewest, second) for c in a.citations)


@pytest.mark.parametrize("question", [
    "新增项目里哪类最多？",      # the kinds of one kind, which the plan does not count
    "哪个层次最大？",            # areas, not a count of kinds
    "最少的呢？",               # nothing ranked before
])
def test_no_rank_is_read_where_the_plan_ranks_no_count(fixture_assistant, question):
    assert ranked_kind(question, fixture_assistant.figures) is None


# -- the lines of one group of headings ------------------------------------------------------------------------

def test_which_line_of_a_group_named_is_read_among_that_group(fixture_assistant):
    _, group, size = ask(fixture_assistant, "三条控制线里，哪条这次没动？", "其他重要控制线里，哪条也没动？", "它的规模？")
    assert "不变的控制线：洪涝风险控制线" in group.answer, group.answer
    assert "生态保护红线" not in group.answer and "城市绿线" not in group.answer, group.answer
    assert "4279.0808" in size.answer, size.answer


def test_the_two_unchanged_lines_of_two_groups_asked_in_turn(fixture_assistant):
    *_, both = ask(fixture_assistant, "三条控制线里，这次哪条没有调整？", "其他重要控制线里哪条没调？", "这两条没调的线面积各多少？")
    assert "10 平方千米" in both.answer and "4279.0808" in both.answer, both.answer


def test_lines_named_in_the_question_keep_both_for_the_turn_after(fixture_assistant):
    *_, other = ask(fixture_assistant, "历史文化保护线和洪涝风险控制线，哪个这次调了？", "调了的那个增加了多少？",
                    "没调的那个是多少？")
    assert "4279.0808" in other.answer, other.answer


# -- a red line described ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "must"), [
    ("种地红线这回净增加了多少亩？", "238 亩"),
    ("种地的那条红线现在多少亩？", "82831"),
    ("种地那条红线这回是按啥规矩调的？", "数量不减"),
])
def test_a_red_line_said_by_what_it_is_for_is_one_of_the_three(fixture_assistant, question, must):
    answer, = ask(fixture_assistant, question)
    assert not answer.refused and must in answer.answer, answer.answer


def test_a_road_s_red_line_is_still_no_line_of_the_plan(fixture_assistant):
    answer, = ask(fixture_assistant, "道路红线要退让多少米？")
    assert answer.refused and "道路红线" in answer.answer, answer.answer


# -- phases, scopes and ratios of a figure asked again -------------------------------------------------------------

def test_a_phase_said_as_a_figure_s_is_swapped_for_the_one_asked(fixture_assistant):
    _, before = ask(fixture_assistant, "阳泉这次专门保种粮的那条红线，调完是多少万亩？", "那调之前呢？")
    assert "8.2593" in before.answer and "8.2831" not in before.answer, before.answer


def test_a_wider_scope_asked_after_a_conversion_is_refused(fixture_assistant):
    *_, wide = ask(fixture_assistant, "市辖区的生态保护红线定了多大？", "这次有没有调整它？", "换成公顷是多少？",
                   "整个市域范围的生态保护红线呢？")
    assert wide.refused and "市域" in wide.answer, wide.answer


def test_a_figure_over_its_earlier_self_said_as_originally_set(fixture_assistant):
    assert OF_BEFORE.search("维护后的扩展规模相当于原定的百分之几？")
    _, ratio = ask(fixture_assistant, "城镇开发边界原定扩展规模是多少公顷？", "维护后的扩展规模相当于原定的百分之几？")
    assert "96.94%" in ratio.answer, ratio.answer


# -- what the plan does not give ---------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "城镇开发边界的预留机动规模占比在山西其他城市里算高还是低？",
    "阳泉的永久基本农田比周边地市多吗？",
])
def test_a_figure_set_against_other_cities_is_refused(fixture_assistant, question):
    assert "无法比较" in (out_of_scope(question, fixture_assistant.corpus_text) or "")


def test_a_mention_of_the_province_is_no_comparison(fixture_assistant):
    assert out_of_scope("山西省自然资源厅那个文件文号是什么？", fixture_assistant.corpus_text) is None


@pytest.mark.parametrize("question", [
    "历史文化保护线增加的部分，每处文保单位各占多少公顷？",
    "每项新增项目占地多少亩？",
])
def test_each_site_s_size_is_refused(fixture_assistant, question):
    answer, = ask(fixture_assistant, question)
    assert answer.refused and "各自的面积" in answer.answer, answer.answer


def test_a_demonstrative_few_asks_no_number():
    assert not NUMBER_ASKED.search("减少的这几公顷原来是什么用地？")
    assert NUMBER_ASKED.search("减少了几公顷？")


# -- a turn about the sentence just quoted -------------------------------------------------------------------------

def test_a_turn_whose_rare_words_are_the_quote_just_given_reads_that_quote(fixture_assistant):
    _, parts = ask(fixture_assistant, "生态控制区的管控规则以什么为主导？", "要加强哪两方面的工作？")
    assert "加强生态保育和生态建设" in parts.answer, parts.answer


def test_the_town_a_place_is_in_is_no_parcel_check():
    assert not asks_parcel("那个村归哪个镇？")
    assert asks_parcel("那个村在不在永久基本农田里？")


# -- the other end of a ranking, and leave asked with the place said first -------------------------------------------

def test_the_other_end_of_a_ranking_is_the_question_before_at_that_end(fixture_assistant):
    assert other_extreme("最小的呢？", "最大的那个层次面积多少？") == "最小的那个层次面积多少？"
    assert other_extreme("最小的呢？", "中心城区面积多少？") is None
    assert other_extreme("最小的那个范围有什么要求？", "最大的那个层次面积多少？") is None
    *_, smallest = ask(fixture_assistant, "这次维护分成哪几个层次？", "最大的那个层次面积多少？", "最小的呢？")
    assert "271.23" in smallest.answer and "4558.96" not in smallest.answer, smallest.answer


def test_leave_asked_with_the_place_said_between_is_read_for_its_action(fixture_assistant):
    *_, leave = ask(fixture_assistant, "生态控制区里到底能不能搞开发利用？", "那我能在生态控制区里开个农家乐吗？")
    assert leave.refused and "开个农家乐" in leave.answer, leave.answer


# -- the one of a kind pointed at -----------------------------------------------------------------------------------

def test_an_ordinal_after_a_kind_asked_counts_things_of_that_kind(fixture_assistant):
    _, second = ask(fixture_assistant, "中心城区这次落实了哪些消防站？", "第二个还配了什么设施？")
    assert "消防训练设施" in second.answer, second.answer
    assert any("高新区特勤消防站" in note for note in second.notes), second.notes


def test_others_than_the_one_just_named_of_a_kind_named_once_are_refused(fixture_assistant):
    *_, others = ask(fixture_assistant, "城市紫线维护后是多少公顷？", "这次调整会不会改它的保护属性？",
                     "紫线里除了它还有哪些历史建筑？")
    assert others.refused and "只提到这一处历史建筑" in others.answer, others.answer
