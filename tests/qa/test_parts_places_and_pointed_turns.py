"""A part of a figure the plan does not break out ("扩展规模里工业用地占多少"), things counted where the plan sizes a line
only ("历史文化名村有几个"), members of a kind of place no quote names ("绿线里具体有哪些公园", "沿着哪些河道"), the
district a thing lies in, a past edition ("以往年度"), and turns that point back: the figure a change equals, the sum
just given as a share, the place just named ("它属于哪个区"), the plan's map by its number, a list's item after 其中,
a level's own area after another level's line, and an amount asked in two units."""

import pytest

from assistant.conversation import Conversation
from assistant.qa import followup
from assistant.qa.decompose import split_asks
from assistant.qa.swaps import scope_only
from assistant.qa.unsaid import asked_noun, places_unnamed


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


# -- figures the plan does not give --------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "part"), [
    ("扩展规模里工业用地占多少？", "工业用地"),
    ("重点项目其中政府投资占多少？", "政府投资"),
    ("城镇开发边界里住宅用地有多少？", "住宅用地"),
])
def test_a_part_of_a_figure_the_plan_does_not_break_out_is_refused(fixture_assistant, question, part):
    (answer,) = ask(fixture_assistant, question)
    assert answer.refused and f"“{part}”" in answer.answer, answer.answer
    assert answer.citations  # the figures the plan does give, quoted


@pytest.mark.parametrize(("question", "expected"), [
    ("重点项目里新增的占多少？", "31.91%"),
    ("文物保护单位其中国家级的占多少？", "11"),
])
def test_a_part_the_plan_counts_is_still_answered(fixture_assistant, question, expected):
    (answer,) = ask(fixture_assistant, question)
    assert not answer.refused and expected in answer.answer, answer.answer


def test_things_counted_where_the_plan_sizes_the_line_only(fixture_assistant):
    _, villages, streets = ask(fixture_assistant, "历史文化保护线维护后是多少？", "历史文化名村有几个？", "那历史文化街区呢？")
    assert villages.refused and "历史文化名村的数量" in villages.answer, villages.answer
    assert streets.refused, streets.answer
    assert followup.rewrite("那历史文化街区呢？", "历史文化名村有几个？") == "历史文化街区有几个？"


def test_a_clause_is_no_name_of_the_same_beginning():
    assert followup.rewrite("那市辖区占全市呢？", "中心城区面积相当于市辖区面积的百分之几？") == "那市辖区占全市呢？"


@pytest.mark.parametrize("question", ["全市土地面积多少？", "阳泉全市土地面积有多大？"])
def test_the_citys_land_area_is_its_own_area_not_a_line(fixture_assistant, question):
    (answer,) = ask(fixture_assistant, question)
    assert "4558.96" in answer.answer and "永久基本农田" not in answer.answer, answer.answer


def test_another_indicator_asked_of_another_scope_is_not_the_last_question(fixture_assistant):
    _, other = ask(fixture_assistant, "永久基本农田维护前是多少万亩？", "那全市耕地保有量目标是多少？")
    assert other.refused and "耕地保有量" in other.answer, other.answer


def test_a_levels_own_area_after_a_line_of_another_level(fixture_assistant):
    _, whole = ask(fixture_assistant, "郊区的永久基本农田有多少？", "市辖区总面积呢？")
    assert "653.61" in whole.answer, whole.answer


# -- members and places no quote names -------------------------------------------------------------------------

def test_parks_of_the_green_line_are_named_nowhere(fixture_assistant):
    (answer,) = ask(fixture_assistant, "城市绿线主要是哪些公园？")
    assert answer.refused and "公园" in answer.answer, answer.answer


def test_a_kind_of_place_is_named_when_a_quote_names_one():
    assert places_unnamed("公园", ["市级总体规划确定的城市绿线 300.76 公顷。"])
    assert not places_unnamed("河流", ["沿桃河划定"])
    assert not places_unnamed("制度", ["建立公众意见反馈机制"])  # no kind of place


@pytest.mark.parametrize("question", ["洪涝风险控制线主要是沿着哪些河道划的？", "南山宾馆在哪个区？", "阳泉哪些楼盘在城镇开发边界里面？",
                                      "这条原则在以往年度里被突破过吗？"])
def test_details_the_plan_does_not_give_are_refused(fixture_assistant, question):
    (answer,) = ask(fixture_assistant, question)
    assert answer.refused, answer.answer


@pytest.mark.parametrize("question", ["高新区特勤消防站在哪个区？", "郊区幸福家园养老中心在哪个区？"])
def test_a_district_a_quote_names_with_the_thing_is_answered(fixture_assistant, question):
    (answer,) = ask(fixture_assistant, question)
    assert not answer.refused, answer.answer


def test_a_project_mentioned_is_no_channel(fixture_assistant):
    *_, more = ask(fixture_assistant, "郊区综合托育服务中心是在哪部分提到的？", "同一部分还提到哪个养老项目？")
    assert "具体渠道" not in more.answer, more.answer


# -- turns that point back --------------------------------------------------------------------------------------

def test_the_figure_a_change_equals_is_named_again(fixture_assistant):
    _, same = ask(fixture_assistant, "维护前后扩展规模差多少？", "这个差值跟哪个指标相等？")
    assert "预留机动规模 29.81" in same.answer and "2.81" not in same.answer, same.answer


def test_the_sum_just_given_as_a_share_of_all(fixture_assistant):
    _, share = ask(fixture_assistant, "更新和新增加起来有多少项？", "它们占全部项目的多少？")
    assert "34.57%" in share.answer, share.answer


def test_one_count_less_another(fixture_assistant):
    (answer,) = ask(fixture_assistant, "新增减去撤销，项目净增多少？")
    assert "158" in answer.answer, answer.answer


def test_the_place_just_named_is_it(fixture_assistant):
    _, district = ask(fixture_assistant, "中心城区北起哪个镇？", "它属于哪个区？")
    assert "河底镇" in district.answer and "郊区" in district.answer, district.answer


def test_the_plans_map_by_its_number_after_two_maps_given(fixture_assistant):
    *_, third = ask(fixture_assistant, "中心城区用地规划布局图有几版？", "附图第3张是什么图？")
    assert "永久基本农田维护后图" in third.answer, third.answer


def test_an_item_of_the_list_after_qizhong(fixture_assistant):
    _, second = ask(fixture_assistant, "方案的编制原则有哪些？", "其中第二条强调什么？")
    assert "提质增效" in second.answer, second.answer


def test_the_cover_answers_who_issued_this_adjustment(fixture_assistant):
    (answer,) = ask(fixture_assistant, "阳泉这回的国土空间规划调整方案是谁发布的？")
    assert "阳泉市人民政府" in answer.answer, answer.answer


def test_an_amount_in_two_units_after_another_clause(fixture_assistant):
    assert split_asks("永农维护后多少万亩，折合多少公顷、多少平方千米？") == [
        "永农维护后多少万亩", "折合多少公顷", "多少平方千米？"]
    (answer,) = ask(fixture_assistant, "永农维护后多少万亩，折合多少公顷、多少平方千米？")
    assert "5522.07" in answer.answer and "55.22" in answer.answer, answer.answer


# -- the bodies that work together, the thing a question asks of ---------------------------------------------

@pytest.mark.parametrize("question", ["为了落实这个方案哪些部门要一起配合？", "这回划线是不是要跟水利、交通这些部门商量？"])
def test_the_bodies_working_together_are_the_plans_list_of_them(fixture_assistant, question):
    (answer,) = ask(fixture_assistant, question)
    assert "住建" in answer.answer and "水利" in answer.answer, answer.answer


def test_who_leads_is_still_a_body_the_plan_does_not_name(fixture_assistant):
    (answer,) = ask(fixture_assistant, "由哪个部门牵头？")
    assert answer.refused, answer.answer


@pytest.mark.parametrize(("question", "noun"), [("去义井镇坐几路公交？", "公交"), ("招不招消防员？", "消防员"),
                                                 ("有几个图斑？", "图斑")])
def test_the_noun_a_question_asks_of(question, noun):
    assert asked_noun(question) == noun


def test_a_thing_asked_of_a_place_the_plan_names_is_refused_when_the_plan_never_names_it(fixture_assistant):
    (answer,) = ask(fixture_assistant, "去义井镇坐几路公交？")
    assert answer.refused and "公交" in answer.answer, answer.answer


def test_the_bodies_working_together_are_found_whatever_else_is_said(fixture_assistant):
    (answer,) = ask(fixture_assistant, "这事儿是几个局一块儿管吗？都有谁？")
    assert not answer.refused and "发改" in answer.answer and "能源" in answer.answer, answer.answer


def test_the_more_particular_refusal_is_said(fixture_assistant):
    district, category = ask(fixture_assistant, "调出的永久基本农田在哪个区？"), ask(fixture_assistant, "重点项目里交通类的占多少？")
    assert "变化所在的区县" in district[0].answer, district[0].answer
    assert "没有按类别（交通类）" in category[0].answer, category[0].answer


def test_what_goes_on_is_no_thing_asked(fixture_assistant):
    assert asked_noun("市第五人民医院这次规划里有啥动静？") is None
    (answer,) = ask(fixture_assistant, "市第五人民医院这次规划里有啥动静？")
    assert not answer.refused and "精神康复住院楼" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "only"), [("那城区、矿区、郊区各自有多少？", True), ("那平定县的呢？", True),
                                                ("那全市耕地保有量目标是多少？", False)])
def test_a_turn_of_other_scopes_only(question, only):
    assert scope_only(question) is only
