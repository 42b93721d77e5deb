"""Answers that must fit what is asked, read on one question: members when members are asked, a number when a
number is, kinds of thing the plan never states, and the words that open a turn without making it a follow-up."""

import pytest

from assistant.plan.vocabulary import in_plan_words
from assistant.qa import asked_things, elsewhere, followup, ordinals, scope, scope_fit

COUNTS = ("精准衔接“十五五”发展规划，结合地方实际发展情况，本次动态维护重点建设项目共 564 项，其中，实施 118 项、"
          "延续 229 项、撤销 22 项、更新 15 项、新增 180 项。")
SITES = ("本次动态维护中，进一步完善历史文化保护线划定与管控体系，将全市 11 处国家级文物保护单位、12 处省级文物保护单位"
         "更新到历史文化保护线统筹管控，维护后历史文化保护线 710.6312 公顷。")


@pytest.mark.parametrize(("question", "quotes", "expected"), [
    ("能把新增项目的名单列一下吗？", [COUNTS], "新增 180 项"),
    ("撤销的有哪些项目？", [COUNTS], "撤销 22 项"),
    ("这回撤掉的那二十几个项目都是哪些？", [COUNTS], "撤销 22 项"),  # 撤掉 is how 撤销 is said
    ("11处国家级文物保护单位都叫什么名字？", [SITES], "11 处国家级文物保护单位"),  # names asked: members
    ("这些国家级文保单位具体是哪些？", [SITES], "11 处国家级文物保护单位"),
    ("重点建设项目有哪些类别？", [COUNTS], None),            # no counted thing is named in the question
    ("新增项目有多少？", [COUNTS], None),                    # a number, not members, is asked
    ("国家级文物保护单位有哪些？", ["将全市 3 处国家级文物保护单位：甲寺、乙塔、丙桥纳入管控。"], None),  # listed
    ("那它们都是哪些文保单位？", [SITES], "11 处国家级文物保护单位"),  # the kind asked, said short
])
def test_a_count_is_no_list_of_members(question, quotes, expected):
    assert scope_fit.counted_not_listed(question, quotes) == expected


@pytest.mark.parametrize(("question", "quotes", "expected"), [
    ("每种方式各有多少项？", ["按照精准上图、示意上图、增补清单三类方式纳入“一张图”系统。"], True),
    ("每种方式各有多少项？", [COUNTS], False),
    ("监督管理要建立哪几项机制？", ["建立年度评估、动态更新、常态督查机制。"], False),  # 哪几项: a list
    ("编制原则有多少条？", ["1.底线思维，严守管控", "2.正向优化，提质增效"], False),  # the headings, numbered
])
def test_an_amount_needs_a_number_in_the_quotes(question, quotes, expected):
    assert scope_fit.missing_figure(question, quotes) is expected


def test_an_action_the_plan_never_speaks_of_is_named():
    plan = "方案获批后严格执行规划调整事项"
    covered = lambda word: word in plan  # noqa: E731
    assert scope.unsupported_action("要是有人违规建设，怎么处罚？", covered) == "处罚"
    assert scope.unsupported_action("方案批了以后怎么执行？", covered) is None
    assert scope.unsupported_action("需求导向原则是怎么表述的？", covered) is None  # how the plan puts it
    # how word of it reaches one (信息公开), not an action of its own
    assert scope.unsupported_action("老百姓怎么知道规划改了啥？", covered) is None
    # whether it may be done: the verb right after 能/会不会, one character when it is the whole ask
    assert scope.unsupported_action("老城区那些老房子以后能拆吗？", covered) == "拆"
    assert scope.unsupported_action("南山宾馆现在能进去参观吗？", covered) == "进去参观"
    assert scope.unsupported_action("方案批了以后能执行吗？", covered) is None
    assert scope.unsupported_action("城区能随便往外扩吗？", covered) is None  # 随便: no verb right after


def test_a_district_said_old_or_new_is_no_other_place():
    """"老城区" is 城区 said old, not a district of another city ("迎泽区" is)."""
    plan = "市辖区范围由城区、矿区、郊区构成"
    assert elsewhere.out_of_scope("老城区那些老房子以后能拆吗？", plan) is None
    assert "迎泽区" in elsewhere.out_of_scope("迎泽区的城镇开发边界多大", plan)


def test_dates_and_deadlines_are_a_kind_the_plan_never_states():
    text = "2026 年 6 月"
    assert scope.unstated_kind("征求意见到哪天截止？", text) == "时间安排"
    assert scope.unstated_kind("规划期限到哪一年？", text) == "时间安排"
    assert scope.unstated_kind("规划一改完，是不是马上就能开工了？", text) is None  # may I build: a rule
    assert scope.unstated_kind("南山宾馆那栋老楼是哪一年盖起来的？", text) == "时间安排"
    assert scope.unstated_kind("城镇开发边界是哪年划定的", text) == "时间安排"  # 市级总体规划确定的: no year
    assert scope.unstated_kind("这个方案是什么时候发布的", text) is None  # its cover is dated
    assert scope.unstated_kind("新建的托育中心能收多少孩子？", text) == "人数或床位"
    assert scope.unstated_kind("这些文件分别是哪月哪日印发的？", text) == "时间安排"
    assert scope.unstated_kind("这个动态维护方案的批复文号是多少？", text).startswith("自身的批复文号")
    assert scope.unstated_kind("城镇开发边界优化依据的文件文号是什么？", text) is None


@pytest.mark.parametrize(("question", "kind"), [
    ("今年汛期阳泉会不会发大水？", "灾情的记录或预报"),
    ("去年发大水淹了哪些村？（洪涝风险控制线）", "灾情的记录或预报"),  # the carried line is no place asked
    ("阳泉今年夏天雨水多不多，会不会闹洪水？", "灾情的记录或预报"),
    ("下大雨容易淹的那片，防洪的控制线划了多大？", None),  # the place floods may reach: the plan's line
    ("住在河边怕发大水，防洪涝划的那条控制线到底有多大面积？", None),
    ("图的比例尺是多少？", "附图的比例尺"),
])
def test_floods_that_happened_or_may_and_map_scales_are_kinds_the_plan_never_states(question, kind):
    assert scope.unstated_kind(question, "洪涝风险控制线 4279.0808 公顷") == kind


ROADS = "主要落实郊区新城大道一级消防站、高新区特勤消防站等；"


@pytest.mark.parametrize(("question", "quotes", "expected"), [
    ("这个方案是哪家规划设计院编制的？", ["本次规划动态维护分为三个层次。"], "编制或提出的单位、个人"),
    ("这四条原则是哪位领导提出的？", ["坚持底线思维，严守管控。"], "编制或提出的单位、个人"),
    ("是哪家医院？", ["主要落实市第五人民医院新建精神康复住院楼。"], None),  # a hospital the plan names
    ("消防站建在哪条街道？", ["主要落实高新区特勤消防站及配套消防训练设施。"], "具体地址"),
    ("一级消防站放在哪条路那块？", [ROADS], None),  # the plan names the road
])
def test_a_firm_a_person_or_an_address_needs_one_in_the_quotes(question, quotes, expected):
    assert asked_things.missing_thing(question, quotes) == expected


def test_a_speaker_named_before_the_question_only_opens_it():
    assert followup.without_opening("新来的办事员问：这个方案是哪个单位出的？") == "这个方案是哪个单位出的？"
    assert followup.without_opening("开发商问:用途能改吗？") == "用途能改吗？"
    assert followup.without_opening("请问，城镇开发边界多大？") == "城镇开发边界多大？"
    assert followup.without_opening("我想问城镇开发边界多大？") == "我想问城镇开发边界多大？"  # no colon: a question


def test_a_document_number_asked_is_found_where_the_plan_gives_one(fixture_assistant):
    answer = fixture_assistant.ask("本次动态维护依据的部、省两个通知文号是什么？")
    assert not answer.refused and "自然资发〔2026〕38号" in answer.answer and "晋自然资函〔2026〕95号" in answer.answer


def test_turn_openers_and_whole_questions_are_not_follow_ups():
    assert followup.without_opening("那好，维护后永久基本农田多少万亩？") == "维护后永久基本农田多少万亩？"
    assert not followup.is_followup("那永久基本农田维护后多少万亩？")
    assert followup.is_followup("那生态保护红线呢？")
    assert followup.rewrite("平定县的呢？", "城市紫线维护后多少公顷？") == "平定县城市紫线维护后多少公顷？"
    assert followup.rewrite("那阳泉市辖区的呢？", "天津市的永久基本农田维护后多少？") == "市辖区的永久基本农田维护后多少？"
    assert ordinals.ordinal("第二条具体讲的啥？") == 2 and ordinals.ordinal("第3项呢") == 3
    assert ordinals.ordinal("二是什么") is None
    # A place named with its own measure and ask is a whole question; a bare place is a follow-up.
    assert not followup.is_followup("那矿区自己的面积是多少？")
    assert followup.is_followup("那郊区呢？") and followup.is_followup("那郊区有多少？")
    # A line named with its own ask is whole, whether the plan has it (refused then, not read as 维护后呢).
    assert not followup.is_followup("那城市蓝线这回维护后是多少？")
    assert not followup.is_followup("那生态红线这回调没调，规模多大？")
    assert followup.is_followup("那城市蓝线呢？")


def test_a_line_named_apart_by_a_demonstrative_is_the_line():
    assert in_plan_words("那生态那条红线这回调没调？") == "那生态红线这回调没调？"
    assert in_plan_words("洪涝的那条控制线多大") == "洪涝控制线多大"
    assert in_plan_words("我家那条路线") == "我家那条路线"  # joined, it names no layer: left as said
    assert in_plan_words("阳泉中心城那一大片多大") == "阳泉中心城区那一大片多大"  # 中心城区 said short
    # the three districts together are the plan's 市辖区, however they are joined
    assert in_plan_words("城区、矿区加上郊区，三个区的地方一共多大") == "市辖区一共多大"
    assert in_plan_words("城区矿区郊区这几个区一共") == "市辖区一共"
    assert in_plan_words("城区、矿区、郊区各有多少") == "城区、矿区、郊区各有多少"
