"""Details the plan does not give asked after what it does (which applications were turned down, which counties,
which indicators, a limit's share), the asks of one question that lean on the ask before them (两类加起来, 占总数,
合计几处, 又剩多少), a figure pointed at by 它 or 其中 after a sum, and the document's own parts."""

import pytest

from assistant.conversation import Conversation
from assistant.qa import asked_things, decompose, followup
from assistant.qa.each_amount import unnumbered
from assistant.qa.figure_cues import REMAINDER
from assistant.qa.figure_query import parse
from assistant.qa.listed import sole_of_kind
from assistant.qa.quoted_words import lists_series_of
from assistant.qa.uncounted import uncounted_level, unquoted_amount


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


# -- details the plan does not give -------------------------------------------------------------------------

@pytest.mark.parametrize("turns", [
    ("“正向优化，提质增效”这条原则希望维护后达到什么效果？", "那按这条原则，有哪些具体调整申请被否掉了？"),
    ("要杜绝什么样的调整？", "有哪些调整申请因为低效被否掉了？"),
    ("统筹协调原则要统筹哪些类型的空间需求？", "基础设施建设这一类具体有哪些重大工程？"),
    ("自然资发〔2026〕38号是哪两个部门发的？", "这个通知给阳泉下达了哪些具体指标？"),
    ("市域和市辖区的面积相差多少平方千米？", "差出来的这部分是哪几个县，各自多大？"),
    ("城区、矿区、郊区里哪个区面积最大？",),
    ("生态控制区能搞开发吗？", "这个“适度”最多允许开发多少比例的面积？"),
    ("中心城区用地布局维护分了哪几种情形？", "依据详细规划调整用途的地块一共多少公顷？"),
    ("纳入了多少处国家级文物保护单位？", "市县级文物保护单位有没有一起纳入，纳了多少？"),
])
def test_a_detail_the_plan_does_not_give_is_refused(fixture_assistant, turns):
    *_, answer = ask(fixture_assistant, *turns)
    assert answer.refused, answer.answer


def test_what_is_asked_of_a_series_is_said_outside_it():
    rule = "严格按照山西省“一张图”标准，将动态维护成果规范入库，做到数据准确、边界一致、属性完整。"
    needs = "统筹协调城乡建设、产业发展、生态保护、基础设施建设等各类空间需求"
    assert lists_series_of("维护成果入库有哪些质量要求？", [rule])
    assert not lists_series_of("基础设施建设这一类具体有哪些重大工程？", [needs])  # one of the items, not its members
    # a series sharing no word with the question may be what everyday words ask: no evidence either way
    assert lists_series_of("具体有哪些融合项目？", ["按照“数量不减、质量不降、布局优化、生态改善”原则"])


def test_an_amount_is_of_what_the_quoted_number_is_of():
    quotes = ["一是依据已批准详细规划实施的用途调整；", "市级总体规划确定的城市紫线 8.07 公顷。"]
    corpus = "".join(quotes)
    # 公顷 is the unit asked, not a thing the 8.07 公顷 of 城市紫线 would be of
    assert unquoted_amount("依据详细规划调整用途的地块一共多少公顷？", quotes, corpus)
    assert not unquoted_amount("城市紫线原来多少公顷？", quotes, corpus)
    # with no plan's term named, the unit is what there is to go by
    farmland = ["维护后市辖区永久基本农田 8.2831 万亩。"]
    assert not unquoted_amount("种粮食的好地一共有多少万亩？", farmland, corpus + "粮食" + farmland[0])
    # the term named in the number's own sentence, though another clause of it
    purple = ["本次调出面积 734.46 平方米，调整仅针对南山宾馆历史建筑的空间位置进行精准校正，维护后城市紫线 8.09 公顷。"]
    assert not unquoted_amount("保护南山宾馆那圈线改完多少公顷？", purple, purple[0])


def test_a_level_counted_nowhere_is_asked_with_a_bare_count():
    text = "将全市 11 处国家级文物保护单位、12 处省级文物保护单位更新到历史文化保护线统筹管控"
    assert uncounted_level("市县级文物保护单位纳了多少", text) == "市县级文物保护单位"
    assert uncounted_level("纳了多少（市县级文物保护单位）", text) == "市县级文物保护单位"
    assert uncounted_level("国家级文物保护单位有多少", text) is None
    assert uncounted_level("市级总体规划确定的永久基本农田是多少", text) is None


def test_the_most_of_a_whole_s_members_needs_each_one_s_figure():
    quote = "市辖区范围由城区、矿区、郊区构成，国土面积 653.61 平方千米。"
    assert unnumbered("市辖区里哪个区面积最大？", [quote]) == ["城区", "矿区", "郊区"]


def test_a_share_alone_names_no_line():
    assert parse("这个适度最多允许开发多少比例的面积").indicators == []
    assert parse("预留机动规模占比多少？").indicators == ["城镇开发边界"]


def test_documents_asked_by_how_many_copies():
    assert asked_things.asks_documents("这次维护主要依据了哪几份上级文件？")
    assert not asked_things.asks_documents("这几份文件之间要求不一致的话听谁的？")


# -- asks that lean on the ask before them --------------------------------------------------------------------

def test_later_asks_take_the_two_named_or_the_one_just_counted():
    def subjects(asks):
        return decompose.with_subjects(asks, lambda a: "重点建设项目" if "项目" in a else None)

    assert subjects(["实施和延续的项目各多少项", "两类加起来多少"])[1] == "实施和延续加起来多少"
    assert subjects(["重点建设项目新增多少项", "占总数百分之几"])[1] == "重点建设项目新增占总数百分之几"
    sites = decompose.with_subjects(["这次纳入历史文化保护线的国家级、省级文保单位各几处", "合计几处"],
                                    lambda a: "历史文化保护线" if "保护线" in a else None)
    assert sites[1] == "国家级和省级文保单位合计几处"


@pytest.mark.parametrize("question, must", [
    ("实施和延续的项目各多少项？两类加起来多少？", "347"),
    ("重点建设项目一共多少项？新增多少项，占总数百分之几（保留两位小数）？", "31.91"),
    ("这次纳入历史文化保护线的国家级、省级文保单位各几处？合计几处？", "23"),
    ("市域扣掉市辖区还剩多少平方千米？市辖区扣掉中心城区又剩多少？", "382.38"),
])
def test_every_ask_of_a_question_is_answered(fixture_assistant, question, must):
    answer = fixture_assistant.ask(question)
    assert must in answer.answer, answer.answer


def test_what_is_left_may_be_said_with_a_bare_剩():
    assert REMAINDER.search("市辖区扣掉中心城区又剩多少")
    assert REMAINDER.search("市辖区减去中心城区剩多少")


# -- a figure pointed at ------------------------------------------------------------------------------------

@pytest.mark.parametrize("turns, must, absent", [
    (("洪涝风险控制线有多大？", "它比维护后的历史文化保护线大多少公顷？"), "3568.4496", "142.1686"),
    (("城市紫线和绿线维护后加起来多少公顷？", "其中紫线占百分之几？"), "2.62%", None),
    (("维护后扩展规模加预留机动规模合计多少？", "维护后扩展规模占维护后城镇开发边界的百分之几？"), "10.06%", "96.94"),
    (("市辖区城镇开发边界原来多少公顷？", "占市辖区国土面积比例呢？", "那全市的城镇开发边界呢？"), "未给出全市", None),
])
def test_a_figure_pointed_at_is_the_one_meant(fixture_assistant, turns, must, absent):
    *_, answer = ask(fixture_assistant, *turns)
    assert must in answer.answer and (absent is None or absent not in answer.answer), answer.answer


# -- the same question of another thing, and the document's parts ------------------------------------------------

def test_the_same_question_of_another_thing():
    asked = "农田保护区和城镇发展区这次为什么要调？"
    assert followup.rewrite("生态控制区呢？", asked) == "生态控制区这次为什么要调？"
    assert followup.rewrite("东西两边呢？", "南边到哪？（中心城区）") == "东西两边到哪？（中心城区）"
    assert followup.rewrite("最大的呢？", "哪条控制线维护后面积最小？") == "哪条控制线维护后面积最大？"


def test_a_passage_is_placed_in_the_list_it_belongs_to(fixture_assistant):
    *_, answer = ask(fixture_assistant, "方案里提到的“优进劣出”是针对什么的？", "属于哪条编制原则？")
    assert "统筹协调" in answer.answer, answer.answer


@pytest.mark.parametrize("question, part", [("方案的第五部分叫什么？", "实施保障"), ("方案第三部分是什么", "编制范围"),
                                            ("编制原则第一条是什么", "底线思维")])
def test_the_document_s_own_parts_are_counted(fixture_assistant, question, part):
    assert part in fixture_assistant.ask(question).answer


# -- others of a kind the plan names once, where a change lies, what kind a thing is ------------------------------

def test_others_of_a_kind_named_once_are_none():
    sentences = ["调整仅针对南山宾馆历史建筑的空间位置进行精准校正，不改变其历史建筑的保护属性。",
                 "主要落实郊区新城大道一级消防站、高新区特勤消防站及配套消防训练设施等；"]
    assert sole_of_kind("紫线里还有哪些别的历史建筑？", sentences) == ("历史建筑", sentences[0])
    assert sole_of_kind("紫线范围内还有哪些历史建筑？", sentences) is not None
    assert sole_of_kind("除了消防站还有啥配套？", sentences) is None  # what goes with one, no kind
    assert sole_of_kind("还有哪些消防站？", sentences) is None  # the sentence names two


@pytest.mark.parametrize("turns", [
    ("历史文化保护线维护后是多少公顷？", "增幅是百分之多少？", "增加的主要是哪个区的？"),
    ("永久基本农田维护后增加了多少亩？", "是在郊区还是矿区增加的？"),
    ("紫线原来多少公顷？", "紫线里还有哪些别的历史建筑？"),
])
def test_where_a_change_lies_or_others_not_named_are_refused(fixture_assistant, turns):
    *_, answer = ask(fixture_assistant, *turns)
    assert answer.refused, answer.answer


def test_what_kind_a_named_thing_is_is_no_district_figure(fixture_assistant):
    answer = fixture_assistant.ask("郊区综合托育服务中心是哪类项目？")
    assert "郊区单独" not in answer.answer, answer.answer
