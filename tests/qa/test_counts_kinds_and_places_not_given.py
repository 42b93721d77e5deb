"""What the plan's passage on a topic does not give although the topic is there: a place elsewhere in China (by
the table of administrative divisions, not a list of names), a count by a measure word nothing is counted by
(几次, 多少条, 几宗), one thing of a kind no quote names (哪所学校, 哪几个县, 哪个路口), how a figure was worked
out, where a thing is, how the work is divided."""

import pytest
from conversation_helpers import dialogue

from assistant.conversation import Conversation
from assistant.plan.gazetteer import other_place
from assistant.qa import asker, elsewhere, scope_fit

CORPUS = "市辖区范围由城区、矿区、郊区构成。本次动态维护方案…"


@pytest.mark.parametrize("question, place", [
    ("深圳的城镇开发边界有多少？", "深圳"),
    ("延边朝鲜族自治州的永久基本农田多少亩？", "延边朝鲜族自治州"),
    ("新疆有没有生态保护红线？", "新疆"),
    ("石家庄市这次调了什么？", "石家庄市"),
])
def test_a_place_elsewhere_in_china_is_refused(question, place):
    assert f"未涉及“{place}”" in (elsewhere.out_of_scope(question, CORPUS) or ""), question


@pytest.mark.parametrize("question", ["城区的城镇开发边界有多大？", "郊区有哪些重点项目？", "和平共处的原则是什么？",
                                      "光明正大地公示了吗？"])
def test_yangquans_own_districts_and_common_words_are_no_other_place(question):
    assert elsewhere.out_of_scope(question, CORPUS) is None, question


def test_short_names_count_only_where_tagged_a_place():
    assert other_place("深圳", tagged_place=True) and other_place("深圳市", tagged_place=False)
    assert not other_place("和平", tagged_place=False)  # 和平区 is a district of 天津, 和平 a common word
    assert not other_place("城区", tagged_place=True) and not other_place("盂县", tagged_place=True)  # 阳泉's own


@pytest.mark.parametrize("question", ["编制过程中开过几次专家论证会？", "公众提的意见最后采纳了多少条？",
                                      "依据已批准详细规划调整用途的地块一共有几宗？"])
def test_a_count_by_a_measure_word_no_quote_counts_by_is_refused(fixture_assistant, question):
    answer = fixture_assistant.ask(question, Conversation())
    assert answer.refused and "没有给出这一数字" in answer.answer, answer.answer


@pytest.mark.parametrize("question, expected", [
    ("编制原则有几条？", "4 项"),  # the numbered headings are counted
    ("三条控制线是哪几条？", "城镇开发边界"),
])
def test_a_count_the_quotes_give_by_numbered_items_or_words_stands(fixture_assistant, question, expected):
    answer = fixture_assistant.ask(question, Conversation())
    assert not answer.refused and expected in answer.answer, answer.answer


def test_the_measure_word_must_be_the_one_counted_by():
    assert scope_fit.uncounted_measure("开过几次会？", ["市域国土面积 4558.96 平方千米。"])
    assert not scope_fit.uncounted_measure("有几条控制线？", ["严守…城镇开发边界三条控制线"])
    assert not scope_fit.uncounted_measure("是第几次？", ["第 2 次维护"])  # (第几 asks an order, read elsewhere)


@pytest.mark.parametrize("question, reason", [
    ("教育方面具体落实了哪所学校？", "“学校”"),  # one thing of a kind no quote names
    ("要新建哪几座公园？", "“公园”"),  # or a few of them
    ("市辖区以外包括哪几个县？", "“县”"),
    ("新城大道消防站具体在哪个路口？", "“路口”"),
    ("这个1.28倍是怎么算出来的？", "计算方法"),
    ("调入的6.42公顷绿地在哪？", "具体位置"),
    ("各部门具体怎么分工？", "牵头或负责的单位"),
    ("我家小区门口那块绿地这次被调出绿线了没有？", "不能判断某一块地"),  # one's own plot, no location given
    ("《城镇开发边界管理办法（试行）》规定预留机动规模占比最高不能超过多少？", "所引文件的具体条款"),
    ("中心城区用地规划布局图上居住用地是用什么颜色表示的？", "图面表示方式"),
    ("实施保障里安排了多少专项资金？", "资金安排"),  # money, which no figure of the plan's is
    ("生态控制区里想盖个农家乐，要办哪些手续？", "办理手续或程序"),
    ("新调进来的永久基本农田种的是啥庄稼？", "种植的作物或树种"),
    ("自然资发〔2026〕38号主要规定了哪些内容？", "所引文件的具体内容"),
    ("省厅的通知主要讲了什么？", "所引文件的具体内容"),
    ("绿线调整依据的是哪本国家标准？", "标准名称"),
    ("涉及哪些详细规划单元编号？", "具体编号"),
    ("除了市辖区，其他地方的永久基本农田有多少？", "市辖区以外的永久基本农田"),
    # what no figure of the plan counts
    ("这是阳泉第几次对国土空间总体规划做动态维护？", "次数"),
    ("这个管理办法试行期是几年？", "年限"),
    ("新增项目里有几个在中心城区？", "没有按地点（中心城区）"),
])
def test_a_detail_the_quotes_do_not_give_is_refused_saying_what_it_is(fixture_assistant, question, reason):
    answer = fixture_assistant.ask(question, Conversation())
    assert answer.refused and reason in answer.answer, answer.answer


@pytest.mark.parametrize("question, expected", [
    ("市辖区由哪几个区构成？", "城区、矿区、郊区"),
    ("重点项目清单是哪个层面维护的？", "市域层面"),
    ("住院楼是哪家医院的？", "市第五人民医院"),  # 医院 named in the quote
])
def test_one_thing_of_a_kind_a_quote_names_stands(fixture_assistant, question, expected):
    answer = fixture_assistant.ask(question, Conversation())
    assert not answer.refused and expected in answer.answer, answer.answer


def test_where_a_thing_is_stands_when_the_quote_names_places(fixture_assistant):
    answer = fixture_assistant.ask("中心城区在哪？", Conversation())
    assert not answer.refused and "河底镇" in answer.answer, answer.answer


def test_a_county_known_only_by_its_full_name_leaves_common_words_alone():
    assert other_place("沿河土家族自治县", tagged_place=False)
    assert not other_place("沿河", tagged_place=True)  # "城里沿河的绿地": along the river
    assert elsewhere.out_of_scope("城里沿河的绿地这回有没有安排？", CORPUS) is None


@pytest.mark.parametrize("question", ["我家住矿区，这回调那几条保护线的事儿，管不管得到我们那儿？", "这几条线是哪几条？"])
def test_those_few_lines_ask_no_count(question):
    assert not scope_fit.uncounted_measure(question, ["市辖区范围由城区、矿区、郊区构成。"])


def test_how_a_share_is_worked_out_is_answered_with_its_figures(fixture_assistant):
    answer = fixture_assistant.ask("机动规模那个3.06%是怎么算出来的？", Conversation())
    assert not answer.refused and "3.06" in answer.answer, answer.answer


def test_a_count_after_a_list_closed_by_its_count_is_that_list(fixture_assistant):
    *_, counted = [fixture_assistant.ask(q, conversation) for conversation in [Conversation()]
                   for q in ("重点项目是怎么纳入“一张图”系统的？", "一共是几类方式？")]
    assert "共 3 类：精准上图、示意上图、增补清单" in counted.answer, counted.answer


@pytest.mark.parametrize("question", ["全市连县里算上基本农田一共多少万亩？", "阳泉市下辖的两个县国土面积分别是多少？"])
def test_the_whole_city_with_its_counties_is_not_the_districts(fixture_assistant, question):
    answer = fixture_assistant.ask(question, Conversation())
    assert answer.refused and "市辖区" in answer.answer, answer.answer


def test_a_share_asked_roughly_keeps_one_decimal(fixture_assistant):
    conversation = Conversation()
    fixture_assistant.ask("中心城区它面积多大？", conversation)
    answer = fixture_assistant.ask("大约占市辖区面积的几成？", conversation)
    assert "41.5%" in answer.answer and "271.23 ÷ 653.61" in answer.answer, answer.answer


@pytest.mark.parametrize("question, place", [("杨家庄乡要建什么项目？", "杨家庄乡"), ("我们义井镇有没有新项目？", "义井镇")])
def test_a_township_the_plan_names_only_as_a_bound_has_no_projects_listed(fixture_assistant, question, place):
    answer = fixture_assistant.ask(question, Conversation())
    assert answer.refused and f"没有列出{place}的具体项目" in answer.answer, answer.answer


@pytest.mark.parametrize("question, refused", [
    ("住院楼建在医院哪个位置？", True),  # the 住院楼's own item names no place
    ("哪些区域在洪涝风险控制线内？", True),
    ("郊区幸福家园养老中心在哪？", False),
    ("中心城区在什么位置？", False),
])
def test_where_a_thing_is_is_read_in_its_own_item(fixture_assistant, question, refused):
    answer = fixture_assistant.ask(question, Conversation())
    assert answer.refused is refused, answer.answer


def test_a_word_of_grammar_joins_no_misheard_word(fixture_assistant):
    answer = fixture_assistant.ask("延续的和新加的各几个？", Conversation())  # not 核心 (he xin)
    assert "229" in answer.answer and "180" in answer.answer, answer.answer
    assert not answer.notes or "核心" not in " ".join(answer.notes)


def test_what_two_maps_of_one_name_mark_is_read_in_the_list(fixture_assistant):
    answer = fixture_assistant.ask("三条控制线维护前图的两张分别标明什么？", Conversation())
    assert "标明调出" in answer.answer and "标明调入" in answer.answer, answer.answer


def test_a_level_counted_nowhere_is_refused_when_what_was_done_follows(fixture_assistant):
    answer = fixture_assistant.ask("这次有多少处市级文物保护单位被纳入了历史文化保护线？", Conversation())
    assert answer.refused and "市级文物保护单位的数量" in answer.answer, answer.answer


def test_the_reserve_as_a_share_of_the_expansion_is_the_plans_own_share(fixture_assistant):
    answer = fixture_assistant.ask("预留机动规模占扩展规模多少？", Conversation())
    assert "占比 3.06%" in answer.answer and "0.32%" not in answer.answer, answer.answer


@pytest.mark.parametrize("question, maps", [
    ("规划分区维护前后有没有对应的图？", ["5. 国土空间用途分区图（维护前）", "6. 国土空间用途分区图（维护后）"]),  # 分区, both phases
    ("三条控制线维护前图有哪几张？", ["1. 三条控制线维护前图（标明调出）", "2. 三条控制线维护前图（标明调入）"]),
])
def test_maps_are_told_by_the_head_of_a_compound_no_map_holds(fixture_assistant, question, maps):
    answer = fixture_assistant.ask(question, Conversation())
    assert sorted(c.quote for c in answer.citations) == maps, answer.answer


def test_where_listed_things_are_is_read_in_the_items_the_question_names_not_the_carried_subject(fixture_assistant):
    *_, where = [fixture_assistant.ask(q, conversation) for conversation in [Conversation()] for q in (
        "中心城区用地布局维护要完善哪些公共服务设施？", "具体主要落实了哪些项目？", "其中消防站有哪两处，分别在哪？")]
    assert not where.refused and "新城大道一级消防站" in where.answer, where.answer


def test_where_in_the_plan_a_figure_is_asks_no_location(fixture_assistant):
    answer = fixture_assistant.ask("几百平方米这么小的数也会出现在市级总规方案里吗？出在哪？", Conversation())
    assert "具体位置" not in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["三条控制线维护前图上标明调出的区域一共有几块？", "城市绿线调出了几块地？"])
def test_a_count_by_a_measure_no_figure_counts_by_is_no_figure(fixture_assistant, question):
    answer = fixture_assistant.ask(question, Conversation())
    assert answer.refused and "没有给出这一数字" in answer.answer, answer.answer


def test_the_name_of_this_one_principle_is_its_heading(fixture_assistant):
    *_, name = dialogue(fixture_assistant, "“多规合一”要统筹哪些空间需求？", "这一条原则的名称是什么？")
    assert "统筹协调，系统衔接" in name.answer, name.answer


@pytest.mark.parametrize("turns, beside", [
    (("洪涝风险控制线属于哪类控制线？", "跟它并列的是哪条？"), ["1.历史文化保护线"]),
    (("底线思维是什么意思？", "和它平级的原则还有哪些？"), ["2.正向优化，提质增效", "3. 需求导向，保障发展", "4. 统筹协调，系统衔接"]),
])
def test_what_stands_beside_a_passage_is_the_other_headings_of_its_level(fixture_assistant, turns, beside):
    *_, answer = dialogue(fixture_assistant, *turns)
    assert [c.quote for c in answer.citations] == beside, answer.answer


def test_the_second_aspect_is_the_series_second_item(fixture_assistant):
    *_, second = dialogue(fixture_assistant, "中心城区重点项目统筹优化有几方面，第一方面是什么？", "第二方面？")
    assert "城镇开发边界局部优化" in second.answer, second.answer


def test_the_maintenance_before_this_one_is_another_edition():
    assert "上一次动态维护" in (elsewhere.out_of_scope("上一次动态维护是哪一年做的？", CORPUS) or "")
    assert elsewhere.out_of_scope("上次规划调整的依据是什么", CORPUS) is None




def test_a_maps_title_answers_only_a_question_about_maps(fixture_assistant):
    answer = fixture_assistant.ask("这些文保单位划进去以后，旁边哪些建设不让干了？", Conversation())
    assert all(c.section != "附图" for c in answer.citations), answer.answer


def test_what_is_grown_is_refused(fixture_assistant):
    assert fixture_assistant.ask("这些绿地里种什么树最好看？", Conversation()).refused


@pytest.mark.parametrize("question, parcel", [
    ("我家小区门口那块绿地这次被调出绿线了没有？", True),   # whether it was: a location to check
    ("想在自家口粮田上建个养殖场，这回能把我那块地调出去吗？", False),  # whether it may be: the plan's rule
])
def test_a_plot_moved_out_already_is_checked_a_plot_that_may_be_moved_is_a_rule(question, parcel):
    assert asker.asks_parcel(question) is parcel


def test_farmland_said_as_where_crops_grow_asks_no_crop(fixture_assistant):
    answer = fixture_assistant.ask("听说这回还调了啥“分区”，种庄稼的地方和盖楼的地方分区有变化没？", Conversation())
    assert not answer.refused, answer.answer


def test_a_map_pointed_at_by_its_sheet_is_still_read_in_the_list(fixture_assistant):
    *_, marks = dialogue(fixture_assistant, "方案附图有几张？", "前两张分别标的是什么？")
    assert "标明调出" in marks.answer and "标明调入" in marks.answer, marks.answer


@pytest.mark.parametrize("question, decimals", [
    ("中心城区大约占市辖区面积的几成？", 1),
    ("城镇开发边界约占市辖区国土面积的百分之几？", 1),
    ("城镇开发边界占市辖区国土面积的百分之几？", None),
    ("约束性指标占比多少？", None),  # 约束 says no "roughly"
])
def test_a_share_is_rounded_to_one_decimal_only_when_asked_roughly(question, decimals):
    from assistant.qa.figure_query import parse

    assert parse(question).decimals == decimals


def test_which_kind_of_a_series_lists_the_series(fixture_assistant):
    *_, kind = dialogue(fixture_assistant, "市五院是不是要盖新楼？", "床位有多少张？", "它算哪一类用途调整？")
    assert "三是完善教育、医疗、养老等公共服务设施布局" in kind.answer, kind.answer
