"""What a turn points at, and what it asks of it: a pronoun after a passage points at that passage's thing, whose
figure the plan may not give (not another figure that happens to share a word); "它们各自" after the districts
listed asks each district's figure; a subject carried over is what was divided ("它细化成了…"); one of things the
plan never sizes one by one, asked as the largest; whether the plan will build a thing it never names; an action
asked past whom it is done to ("向社会公布"); and 中 after what is done ("维护中") is no term asked of."""

from assistant.conversation import Conversation
from assistant.qa.scope import unsupported_action
from assistant.qa.uncounted import unranked_member
from assistant.qa.unsaid import things_to_build


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


def test_a_pronoun_after_a_passage_points_at_its_thing(fixture_assistant):
    *_, count = ask(fixture_assistant, "中心城区里乡村的一二三产业融合项目这回是怎么安排的？", "那这些项目总共多少个？")
    assert count.refused and "564" not in count.answer, count.answer
    *_, size = ask(fixture_assistant, "高新区那个特勤消防站还带了什么设施？", "它面积有多大？")
    assert size.refused and "271.23" not in size.answer, size.answer
    # the thing the passage speaks of has its figure: answered
    *_, line = ask(fixture_assistant, "城市绿线这次是怎么调整的？", "那它维护后是多少公顷？")
    assert not line.refused and "301.11" in line.answer, line.answer
    *_, level = ask(fixture_assistant, "中心城区的范围是怎么划的？", "它一共多大？")
    assert not level.refused and "271.23" in level.answer, level.answer


def test_each_of_the_districts_listed(fixture_assistant):
    *_, each = ask(fixture_assistant, "市辖区是由哪些区组成的？", "那它们各自有多大？")
    assert each.refused and "各自" in each.answer, each.answer
    *_, whole = ask(fixture_assistant, "市辖区是由哪些区组成的？", "市辖区国土面积多大？")
    assert not whole.refused and "653.61" in whole.answer, whole.answer


def test_what_was_divided_may_be_the_subject_carried(fixture_assistant):
    *_, kinds = ask(fixture_assistant, "这次乡村发展区是怎么维护的？", "它具体细分成了哪几类二级分区？")
    assert kinds.refused, kinds.answer


def test_one_of_things_never_sized_one_by_one():
    assert "项目" in unranked_member("实施类项目里面哪个规模最大？")
    assert "数量" in unranked_member("哪个文保单位的文物最多？")
    assert unranked_member("三条控制线里哪条面积最大？") is None
    assert unranked_member("五类项目里哪一类最多？") is None
    assert unranked_member("面积最大的图斑是哪个？") is None


def test_whether_the_plan_will_build_a_thing():
    assert things_to_build("义井镇那边打算建物流园区吗？") == ["物流园区"]
    assert things_to_build("郊区会不会盖新的养老院？") == ["养老院"]
    assert things_to_build("生态控制区里能建房子吗？") == []  # whether a zone allows it: its rule answers
    assert things_to_build("高新区要建什么消防设施？") == []  # what: the plan's list answers


def test_will_build_a_thing_never_named(fixture_assistant):
    (park,) = ask(fixture_assistant, "平坦镇那边准备修物流园区吗？")
    assert park.refused and "物流" in park.answer.split("方案中相关的原文")[0], park.answer
    (kept,) = ask(fixture_assistant, "郊区那边是不是要新建养老院？")
    assert not kept.refused and "幸福家园养老中心" in kept.answer, kept.answer


def test_an_action_past_whom_it_is_done_to():
    covered = {"监督", "督查", "公开"}.__contains__
    assert unsupported_action("检查结果会不会向群众公布？", covered) == "公布"
    assert unsupported_action("评估报告能不能对外公开？", covered) is None


def test_during_is_no_term(fixture_assistant):
    (listed,) = ask(fixture_assistant, "城市用地布局维护中具体安排了哪些公共服务设施项目？")
    assert not listed.refused and "市第五人民医院" in listed.answer, listed.answer


def test_the_use_before_a_change_and_a_grade_of_land(fixture_assistant):
    *_, before = ask(fixture_assistant, "城市绿线这回调入了多少？", "调进来的那块地以前是什么地？")
    assert before.refused and "调整前的用途" in before.answer, before.answer
    *_, grade = ask(fixture_assistant, "永久基本农田维护后多少万亩？", "补进来的农田是几等地？")
    assert grade.refused and "等别" in grade.answer, grade.answer
    # what the land is used for now is another question, which the plan may answer
    (use,) = ask(fixture_assistant, "调出的城市绿线改成什么用地了？")
    assert "调整前的用途" not in use.answer, use.answer


def test_a_heading_asked_by_name_is_answered_by_its_parts(fixture_assistant):
    (urban,) = ask(fixture_assistant, "城市重要控制线这回调整了些什么？")
    assert "301.11" in urban.answer and "8.09" in urban.answer, urban.answer
    (others,) = ask(fixture_assistant, "其他重要控制线是怎么维护的？")
    assert "710.6312" in others.answer and "4279.0808" in others.answer, others.answer
    # which items it holds is its list of sub-headings, as before
    (listed,) = ask(fixture_assistant, "城市重要控制线包括哪些？")
    assert "包括以下 2 项" in listed.answer, listed.answer


def test_a_maps_versions_are_its_sheets(fixture_assistant):
    (sheets,) = ask(fixture_assistant, "中心城区用地规划布局图一共有几个版本？")
    assert not sheets.refused and "（维护前）" in sheets.answer and "（维护后）" in sheets.answer, sheets.answer


def test_the_three_lines_and_those_beyond_them(fixture_assistant):
    same, former, latter = ask(fixture_assistant, "三条控制线中的哪条以及其他哪条控制线这回都没有调整？",
                               "前者有多大？", "后者呢？")
    assert "生态保护红线" in same.answer and "洪涝风险控制线" in same.answer, same.answer
    assert "10 平方千米" in former.answer and "4279.0808" not in former.answer, former.answer
    assert "4279.0808" in latter.answer, latter.answer



def test_a_place_of_a_kind_among_the_things_quoted(fixture_assistant):
    (school,) = ask(fixture_assistant, "这回新增的那些项目里有没有新建学校？")
    assert school.refused, school.answer
    (station,) = ask(fixture_assistant, "这回新增的那些项目里有没有消防站？")
    assert not station.refused and "消防站" in station.answer, station.answer
