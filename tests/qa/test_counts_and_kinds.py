"""Counts and kinds of figure the plan gives or never gives: a count at a level it never counts at (市级文物保护单位),
a count of a thing it speaks of nowhere (中小学), and kinds it never states (beds, weather, money), unless a real
plan's text states them after all."""

from __future__ import annotations

import pytest
from conversation_helpers import dialogue

from assistant.conversation import Conversation
from assistant.qa import scope, uncounted

SITES = "将全市 11 处国家级文物保护单位、12 处省级文物保护单位更新到历史文化保护线统筹管控。"


@pytest.mark.parametrize(("question", "level"), [
    ("阳泉有几处市级文物保护单位？", "市级文物保护单位"),
    ("县级文物保护单位有多少处", "县级文物保护单位"),
    ("阳泉有几处世界文化遗产？", "世界文化遗产"),
    ("有几个区级历史文化名镇", "区级历史文化名镇"),
])
def test_a_count_at_a_level_the_plan_never_counts_at_is_refused(fixture_assistant, question, level):
    """The plan counts 国家级 and 省级 文物保护单位: those counts are no answer to a 市级 or 世界 one, alone or
    after a figure of the same line."""
    answer = fixture_assistant.ask(question)
    assert answer.refused and f"没有给出{level}的数量" in answer.answer, answer.answer
    conversation = Conversation()
    fixture_assistant.ask("那历史文化保护线净增多少", conversation)
    assert fixture_assistant.ask(question, conversation).refused


@pytest.mark.parametrize("question", ["阳泉有几处国家级文物保护单位？", "省级文物保护单位有多少处",
                                      "市级总体规划确定的城市紫线有几处？"])
def test_a_level_the_plan_names_the_thing_at_is_no_reason_to_refuse(question):
    assert uncounted.uncounted_level(question, SITES + "市级总体规划确定的城市紫线") is None


@pytest.mark.parametrize("question", ["国家级文保单位有几处", "这回纳进来的国家级和省级一共多少处？", "其中省级的有几处？"])
def test_a_level_the_plan_counts_at_is_no_reason_to_refuse(question):
    assert uncounted.uncounted_level(question, SITES) is None


def test_a_count_of_a_thing_the_plan_speaks_of_nowhere_is_refused(fixture_assistant):
    """"新建几所中小学": nothing in the plan, its glosses or its terms is like 中小学; 养老院 is (养老)."""
    answer = fixture_assistant.ask("中心城区这次规划新建几所中小学？")
    assert answer.refused and "中小学" in answer.answer, answer.answer
    assert uncounted.uncounted_thing("有几个养老院", fixture_assistant.text.covered) is None
    assert uncounted.uncounted_thing("这次落实了几个消防站", fixture_assistant.text.covered) is None


def test_beds_asked_without_the_word_bed_count_are_a_kind_the_plan_never_states():
    assert scope.unstated_kind("这个楼能放多少张床", "") == "人数或床位"


def test_their_names_after_a_count_are_the_members_the_plan_does_not_list(fixture_assistant):
    *_, names = dialogue(fixture_assistant, "历史文化保护线纳入了多少处文保单位", "加起来呢", "它们叫什么名字")
    assert names.refused and "没有列出具体名单" in names.answer, names.answer


@pytest.mark.parametrize("question", ["去年阳泉下了多少雨", "阳泉的平均气温是多少"])
def test_weather_measured_is_a_kind_the_plan_never_states(fixture_assistant, question):
    """Also right after 洪涝风险控制线, whose passage holds 4279.0808 but no rainfall."""
    assert scope.unstated_kind(question, "") == "气象数据"
    *_, rain = dialogue(fixture_assistant, "洪涝风险控制线有多大", question)
    assert rain.refused and "气象数据" in rain.answer, rain.answer


@pytest.mark.parametrize(("question", "kind", "stated"), [
    ("规划期到哪一年？", "规划期限", "规划期限为2021—2035年"),
    ("规划期到哪一年？", "规划期限", "本规划期限：2021～2035 年"),
    ("图的比例尺是多少？", "附图的比例尺", "阳泉市国土空间总体规划图（比例尺1:10000）"),
    ("有没有咨询电话？", "联系方式", "咨询电话 0353-2021234"),
    ("防洪标准是几年一遇？", "设防标准（几年一遇）", "按5年一遇划定"),
    ("养老中心离市区多远？", "距离", "距市区 5 公里"),
    ("违规占地罚多少？", "处罚或刑责", "处 5 元以下罚款"),
])
def test_a_kind_the_plan_states_after_all_is_not_refused(question, kind, stated):
    """What a real plan's text states answers the kind, whatever digit it starts with."""
    plan = "市辖区国土面积 653.61 平方千米，洪涝风险控制线 4279.0808 公顷，涉及 2026 年度"
    assert scope.unstated_kind(question, plan) == kind
    assert scope.unstated_kind(question, plan + "。" + stated) is None


def test_investment_is_money():
    assert scope.unstated_kind("哪个项目投资最大？", "重点建设项目共 564 项") == "金额"


@pytest.mark.parametrize(("question", "assumed", "indicators"), [
    ("新加进来的有几个？", (), ["重点建设项目"]),  # a kind of project counted by 个, not 绿线's 调入 area
    ("撤销的有多少个？", (), ["重点建设项目"]),
    ("新加进来的有几个？", ("文物保护单位",), []),  # the sites counted before are still what is counted
    ("撤销的占比多少？", (), ["重点建设项目"]),  # one kind's share of all projects, not 预留机动规模's 占比
    ("预留机动规模占比多少？", (), ["城镇开发边界"]),
])
def test_a_kind_counted_by_ge_counts_projects(question, assumed, indicators):
    from assistant.qa.figure_query import parse

    assert parse(question, assumed).indicators == indicators


def test_a_count_by_ge_of_a_named_thing_is_not_of_projects():
    from assistant.qa.figure_query import parse

    assert parse("实施保障下面有几个小节？").indicators == []  # sections counted; 实施 is in 实施保障


def test_which_of_a_count_and_what_was_done_to_it_are_not_the_count_again(fixture_assistant):
    *_, which = dialogue(fixture_assistant, "重点建设项目一共有多少？", "撤销的是哪22个？")
    assert which.refused and "没有列出具体名单" in which.answer and "22 项" in which.answer, which.answer
    done = fixture_assistant.ask("这15个更新项目分别更新了哪些内容？")
    assert done.refused and "没有说明具体内容" in done.answer, done.answer
