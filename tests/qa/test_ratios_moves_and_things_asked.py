"""One figure over another asked in a follow-up ("调入是调出的多少倍？", "是原来的多少倍？", "相当于…的百分之几"), a
share asked again of a whole named by its area, a change's rate of the line's own area after its 扩展规模's, a
change converted ("少掉的面积换算成平方米"), what two lines each moved added in one unit, small conversions to four
places, a clause that says when ("文保单位纳进来以后，…"), the plan's own words asked of ("服务范围有变化吗"), 以后
after the plan's own work, levels (层次) asked as 几层, and things asked after 有没有 / 能不能 that the plan never
names ("专家论证", "高速公路"), nor any layer counts ("多少个托位")."""

import pytest

from assistant.conversation import Conversation
from assistant.qa.figure_query import parse
from assistant.qa.spatial_query import parse as spatial_parse
from assistant.qa.unsaid import asked_if_any, asked_noun


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


# -- one figure over another, shares again ---------------------------------------------------------------------------

def test_a_ratio_of_two_moves_asked_after_the_line(fixture_assistant):
    *_, ratio = ask(fixture_assistant, "绿线调入了多少？", "调出呢？", "调入是调出的多少倍？")
    assert "1.06 倍" in ratio.answer, ratio.answer
    assert parse("调入是调出的多少倍？", ["城市绿线"]).ratio
    assert not parse("调入是调出的多少倍？").ratio  # no line, no pair of its moves


def test_after_over_before_asked_after_the_figure(fixture_assistant):
    first, times = ask(fixture_assistant, "文保单位纳进来以后，历史文化保护线变成多少？", "是原来的多少倍？")
    assert "710.6312" in first.answer and "11 处" not in first.answer, first.answer
    assert "1.25 倍" in times.answer, times.answer


def test_xiangdangyu_asks_a_ratio(fixture_assistant):
    (answer,) = ask(fixture_assistant, "历史文化保护线相当于城镇开发边界的百分之几？")
    assert "7.57%" in answer.answer, answer.answer


def test_a_share_asked_again_of_a_whole_named_by_its_area(fixture_assistant):
    *_, again = ask(fixture_assistant, "中心城区面积有多大？", "占市辖区的比例呢？", "占全市国土面积又是多少？")
    assert "5.95%" in again.answer and "14.34%" not in again.answer, again.answer


def test_the_rate_of_the_lines_own_area_after_its_extension(fixture_assistant):
    *_, total = ask(fixture_assistant, "城镇开发边界的扩展规模减少了多少？", "减少的幅度是百分之几？", "总面积的减少幅度呢？")
    assert "0.03%" in total.answer and "9390.31" in total.answer, total.answer
    assert parse("城镇开发边界扩展规模减少的幅度多大？").percent


def test_a_change_converted(fixture_assistant):
    (answer,) = ask(fixture_assistant, "开发边界少掉的面积换算成平方米是多少？")
    assert "28100 平方米" in answer.answer, answer.answer


# -- two lines' moves in one unit, small conversions -----------------------------------------------------------------

def test_what_two_lines_moved_added_in_one_unit(fixture_assistant):
    total, against = ask(fixture_assistant, "绿线和紫线调出的合计多少公顷？", "城市绿线调入比城市紫线调入多多少？")
    assert "6.143446 公顷" in total.answer and "6.07 + 0.073446" in total.answer, total.answer
    assert "6.32172 公顷" in against.answer and "调入多" in against.answer, against.answer
    assert any(t.get("sql") for t in total.tables)


def test_a_conversion_under_one_unit_is_given_to_four_places(fixture_assistant):
    (answer,) = ask(fixture_assistant, "城市紫线调入的换成公顷是多少？")
    assert "约 0.0983 公顷" in answer.answer, answer.answer
    (acres,) = ask(fixture_assistant, "城市紫线调出合多少亩？")
    assert "约 1.10 亩" in acres.answer, acres.answer


# -- what a question is about ----------------------------------------------------------------------------------------

def test_the_plans_own_words_asked_if_changed_are_no_line_described(fixture_assistant):
    function, served = ask(fixture_assistant, "绿线调整以后功能会不会降低？", "服务范围有变化吗？")
    assert not function.refused and "功能不降低" in function.answer, function.answer
    assert "服务范围不改变" in served.answer and "净增加" not in served.answer, served.answer


def test_levels_asked_as_storeys(fixture_assistant):
    levels, storeys = ask(fixture_assistant, "这次维护分几层来做？", "精神康复住院楼盖几层？")
    assert not levels.refused and "三个层次" in levels.answer, levels.answer
    assert storeys.refused, storeys.answer


@pytest.mark.parametrize(("question", "noun"), [
    ("绿线调整有没有经过专家论证？", "专家论证"),
    ("撤销的22个项目里有没有高速公路项目？", "高速公路"),
    ("红线范围内现在还有没有矿山在开采？", "矿山"),
    ("生态保护红线有没有调整？", None),
])
def test_the_thing_asked_after_youmeiyou(question, noun):
    assert asked_if_any(question) == noun


@pytest.mark.parametrize(("question", "expected"), [
    ("永久基本农田正向优化依据的是哪个文件？", "晋自然资发〔2025〕20号"),
    ("山上生态那块，能不能搞旅游开发？", "适度的开发利用"),  # the plan's rule on developing 生态控制区
    ("阳泉这回动态维护的主要内容有几大块？", "三条控制线维护"),
])
def test_generic_words_asked_are_no_thing_the_plan_lacks(fixture_assistant, question, expected):
    (answer,) = ask(fixture_assistant, question)
    assert not answer.refused and expected in answer.answer, answer.answer


@pytest.mark.parametrize(("turns", "noun"), [
    (("绿线调了多少？", "绿线调整有没有经过专家论证？"), "专家论证"),
    (("撤销的22个项目里有没有高速公路项目？",), "高速公路"),
])
def test_a_thing_the_plan_never_names_is_refused_even_of_a_line_named(fixture_assistant, turns, noun):
    answer = ask(fixture_assistant, *turns)[-1]
    assert answer.refused and f"“{noun}”" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["生态控制区能不能开发？", "生态保护红线有没有调整？"])
def test_the_plans_own_things_asked_after_youmeiyou_are_answered(fixture_assistant, question):
    (answer,) = ask(fixture_assistant, question)
    assert not answer.refused, answer.answer


def test_a_count_no_layer_holds_is_no_layer_sum(fixture_assistant):
    assert spatial_parse("郊区综合托育服务中心能提供多少个托位？") is None
    assert spatial_parse("郊区有多少个永久基本农田图斑？") is not None
    (answer,) = ask(fixture_assistant, "郊区综合托育服务中心能提供多少个托位？")
    assert answer.refused and not answer.tables, answer.answer


# -- parts, attributes and places the plan gives no figure for --------------------------------------------------------

@pytest.mark.parametrize(("turns", "part"), [
    (("市辖区永久基本农田原来是多少万亩？", "其中高标准农田有多少？"), "高标准农田"),
    (("新增项目的投资额是多少？",), None),  # refused as a kind of figure the plan never gives
])
def test_a_part_the_plan_gives_no_figure_for(fixture_assistant, turns, part):
    answer = ask(fixture_assistant, *turns)[-1]
    assert answer.refused, answer.answer
    assert part is None or f"“{part}”" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "expected"), [
    ("扩展规模的减少幅度是多少？", "3.06%"),
    ("城市紫线的调出面积是多少？", "734.46"),
    ("历史文化保护线的划定面积是多少？", "710.6312"),
    ("城镇开发边界里预留机动规模有多少？", "29.81"),
    ("重点项目其中新增的有多少？", "180"),
])
def test_the_plans_own_amounts_are_answered(fixture_assistant, question, expected):
    (answer,) = ask(fixture_assistant, question)
    assert not answer.refused and expected in answer.answer, answer.answer


def test_a_line_asked_after_a_figure_the_plan_never_gives(fixture_assistant):
    _, line = ask(fixture_assistant, "阳泉市的耕地保有量目标是多少？", "那市辖区的永久基本农田保护红线呢？")
    assert not line.refused and "8.2831" in line.answer, line.answer


def test_a_lines_change_in_a_town_is_refused_its_check_is_offered(fixture_assistant):
    changed, contained = ask(fixture_assistant, "杨家庄乡这次有没有永久基本农田被调整？", "河底镇在不在城镇开发边界里？")
    assert changed.refused and "杨家庄乡在不在永久基本农田内" in changed.answer, changed.answer
    assert contained.intent == "location", contained.answer
    (hotel,) = ask(fixture_assistant, "南山宾馆的紫线调整了吗？")  # a place the plan's own passage names
    assert not hotel.refused and "南山宾馆" in hotel.answer, hotel.answer


def test_a_rule_asked_after_a_figure_is_no_plan_term_cut_short(fixture_assistant):
    *_, rule = ask(fixture_assistant, "城镇开发边界扩展规模原来是多少？", "现在呢？", "下降了百分之几？", "调入新增城镇用地要遵循啥？")
    assert "等量增减" in rule.answer, rule.answer


def test_hawxie_asks_of_things_as_hage_of_one(fixture_assistant):
    assert asked_noun("有哪些古建筑") == "古建筑" and asked_noun("哪个部门") == "部门"
    (towns,) = ask(fixture_assistant, "中心城区的四至边界分别到哪些乡镇村？")  # 河底镇, 杨家庄乡 are of the kind
    assert not towns.refused and "杨家庄乡" in towns.answer, towns.answer
    (status,) = ask(fixture_assistant, "项目里处于实施状态的有多少？")  # a status, not a kind of project
    assert not status.refused and "118" in status.answer, status.answer


def test_a_line_described_is_the_turns_own_subject_not_the_last_one(fixture_assistant):
    *_, green, more = ask(fixture_assistant, "听说这回规划改了，咱这耕地保护有没有松口？", "那生态红线呢？",
                          "城里绿地是多了还是少了？", "多出来的那点有多少？")
    assert "301.11" in green.answer and "生态保护红线" not in green.answer, green.answer
    assert "0.35" in more.answer, more.answer


def test_once_moved_in_and_out_is_the_net_of_each_line_that_moved(fixture_assistant):
    (answer,) = ask(fixture_assistant, "调进调出之后，一共净增了多少平方米？")
    assert "248.34 平方米" in answer.answer and "3500 平方米" in answer.answer, answer.answer
    assert "维护后的调入" not in answer.answer, answer.answer
    assert parse("城市紫线调进调出之后，净多了多少？").version is None


def test_a_leave_in_everyday_words_is_of_the_land_the_question_describes(fixture_assistant):
    (answer,) = ask(fixture_assistant, "那种以保护为主的山林地带，到底让不让动一点？")
    assert "适度的开发利用" in answer.answer, answer.answer
    (house,) = ask(fixture_assistant, "永久基本农田里能不能盖房子？")  # a leave the plan rules on nowhere
    assert house.refused, house.answer
    (developer,) = ask(fixture_assistant, "开发商能不能先把楼盖起来，回头再去补规划？")  # shares only 开发 with it
    assert "适度的开发利用" not in developer.answer, developer.answer
