"""A line described by its edge ("城里能盖房子的边界") and held against the line just spoken of, two items of one
list asked at once ("第一条和最后一条"), members the passage does not name, levels and counts of sites, a
place's projects wherever the plan lists them, and amounts said to match ("调进来多少就得退出去多少")."""

import pytest

from assistant.conversation import Conversation
from assistant.qa import ordinals, scope
from assistant.qa.expand import described_phrase
from assistant.qa.figure_cues import amounts_asked
from assistant.qa.figure_query import parse


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


def test_an_edge_described_is_a_line_described():
    assert described_phrase("城里能盖房子的边界现在划了多大？") == "能盖房子的边界"
    assert described_phrase("跟城里能盖房的边界比哪个大？") == "能盖房的边界"  # 跟 says what it is held against
    assert described_phrase("有没有修地铁或者轻轨的线路？") is None  # 线路 is a route, no line drawn


def test_a_line_described_by_its_edge_is_answered(fixture_assistant):
    answer, change = ask(fixture_assistant, "城里能盖房子的边界现在划了多大？", "跟原来比差多少？")
    assert "9387.50" in answer.answer and "城镇开发边界" in answer.answer
    assert "2.81" in change.answer


def test_a_line_described_is_held_against_the_line_just_quoted(fixture_assistant):
    *_, answer = ask(fixture_assistant, "防洪那条线这次改了没？", "那它多大？", "跟城里能盖房的边界比哪个大？")
    assert "4279.0808" in answer.answer and "9387.50" in answer.answer
    assert "5108.42" in answer.answer  # the one against the other, not the edge's own change (2.81)


def test_a_quote_on_a_zone_carries_no_figure_subject(fixture_assistant):
    # (规划分区 has no figure: "扩大了多少" of 城镇发展区 is not 城镇开发边界's change)
    _, answer = ask(fixture_assistant, "城镇发展区这次是根据什么维护的？", "城镇发展区维护后扩大了多少？")
    assert "9387.50" not in answer.answer


def test_two_items_of_a_list_are_both_answered(fixture_assistant):
    assert ordinals.joined_ordinals("编制原则第一条和最后一条分别叫什么？") == \
        ["编制原则第一条叫什么？", "编制原则最后一条叫什么？"]
    answer, = ask(fixture_assistant, "编制原则第一条和最后一条分别叫什么？")
    assert "底线思维" in answer.answer and "统筹协调" in answer.answer
    last, = ask(fixture_assistant, "编制原则最后一条是什么")
    assert "统筹协调" in last.answer and "正向优化" not in last.answer


@pytest.mark.parametrize("question, members", [
    ("目前生态控制区里已经批了哪些开发项目？", "开发项目"),  # 项目 is the plan's word, not in the passage found
    ("阳泉规划里有没有修地铁或者轻轨的线路？", "地铁"),
])
def test_members_the_passage_does_not_name_are_refused(fixture_assistant, question, members):
    answer, = ask(fixture_assistant, question)
    assert answer.refused and members in answer.answer


@pytest.mark.parametrize("question, listed", [
    ("这事儿都有哪些政府部门一起管？", "住建"),  # 部门, the head of 政府部门, is in the quote
    ("中心城区用地布局维护分了哪几种情形？", "公共服务设施"),  # items numbered 一是…四是 list the 情形
    ("维护成果入库有哪些质量要求？", "数据准确"),  # a rule's noun, answered by a series of what it asks
])
def test_members_listed_by_head_or_number_stand(fixture_assistant, question, listed):
    answer, = ask(fixture_assistant, question)
    assert not answer.refused and listed in answer.answer


def test_a_measure_word_is_not_part_of_the_noun():
    # (jieba cuts 哪 / 份文件; 文件 itself is a generic word, as in "哪个文件")
    assert scope.content_nouns("依据的是哪份文件？") == scope.content_nouns("依据的是哪个文件？")


def test_which_document_is_asked_of_the_passage_just_given(fixture_assistant):
    _, answer = ask(fixture_assistant, "永久基本农田正向优化按照什么原则来做？", "依据的是哪份文件？")
    assert not answer.refused and "永久基本农田保护红线管理" in answer.answer


def test_levels_of_the_counted_sites_are_given(fixture_assistant):
    *_, answer = ask(fixture_assistant, "维护后历史文化保护线多少公顷？", "纳入的是哪些级别的文保单位？")
    assert not answer.refused and "国家级" in answer.answer and "省级" in answer.answer


def test_a_subject_carried_names_no_count(fixture_assistant):
    *_, answer = ask(fixture_assistant, "这次动态维护依据的国家层面文件是哪个？", "省里的那个呢？", "省里那份通知全名叫啥？")
    assert not answer.refused and "动态调整完善工作的通知" in answer.answer


def test_sites_added_are_counted(fixture_assistant):
    answer, = ask(fixture_assistant, "这回一共多了几处文物被纳进老建筑保护线？")
    assert "23" in answer.answer


def test_no_area_of_counted_sites(fixture_assistant):
    *_, answer = ask(fixture_assistant, "这次更新进历史文化保护线的文物保护单位有多少处？", "省级那几处各自的保护范围多大？")
    assert answer.refused and "保护范围" in answer.answer
    *_, share = ask(fixture_assistant, "这次重点建设项目清单一共多少项？", "新增的占总数多大比例？")
    assert not share.refused and "31.91%" in share.answer  # 多大比例 asks a share of the count, no area


def test_a_share_again_of_the_part_and_whole_named(fixture_assistant):
    _, answer = ask(fixture_assistant, "中心城区面积相当于市辖区面积的百分之几？", "那市辖区占全市呢？")
    assert "14.34%" in answer.answer


@pytest.mark.parametrize("questions, total", [
    (("新增项目比撤销的多几个？", "新增和更新加起来呢？"), "195"),  # the two named, not the two before
    (("维护后扩展规模是多少？", "比原来少了多少？", "它和预留机动规模加起来是多少？"), "973.98"),
])
def test_sums_of_what_is_named(fixture_assistant, questions, total):
    *_, answer = ask(fixture_assistant, *questions)
    assert total in answer.answer


def test_what_a_line_protects_describes_it(fixture_assistant):
    from assistant.qa.spatial_query import ClassTerm
    from assistant.qa.spatial_query import parse as parse_spatial

    # the plan's figure for the whole line, not a layer class (历史建筑) inside it
    building = ClassTerm("历史建筑", "城市紫线", name="历史建筑")
    assert parse_spatial("保护历史建筑的紫线现在是多少公顷？", [building]) is None
    assert parse_spatial("城市紫线里的历史建筑有多少公顷？", [building]) is not None
    answer, = ask(fixture_assistant, "保护历史建筑的紫线现在是多少公顷？")
    assert not answer.refused and "8.09 公顷" in answer.answer


def test_a_duration_is_not_stated(fixture_assistant):
    answer, = ask(fixture_assistant, "建设项目审批要多少个工作日？")
    assert answer.refused and "564" not in answer.answer


def test_where_opinions_go_is_not_stated(fixture_assistant):
    answer, = ask(fixture_assistant, "意见往哪儿提交？")
    assert answer.refused and "渠道" in answer.answer


def test_a_place_projects_are_found_wherever_listed(fixture_assistant):
    answer, = ask(fixture_assistant, "方案里郊区有哪些项目？")
    assert not answer.refused and "幸福家园养老中心" in answer.answer
    _, other = ask(fixture_assistant, "方案里郊区有哪些项目？", "那矿区呢，有没有具体项目？")
    assert other.refused and "矿区" in other.answer


def test_a_topic_named_first_is_no_ask_of_its_own():
    from assistant.qa.decompose import split_asks

    assert split_asks("那矿区呢，有没有具体项目？") == ["那矿区呢，有没有具体项目？"]


def test_whether_related_is_no_leave(fixture_assistant):
    answer, = ask(fixture_assistant, "土地规划跟消防队搞训练的场地能扯上关系吗？")
    assert not answer.refused and "消防训练设施" in answer.answer


def test_a_direction_word_is_no_typo(fixture_assistant):
    answer, = ask(fixture_assistant, "市一级的规划会细到某个村子吗？")
    assert not any("西到" in note for note in answer.notes)


def test_amounts_said_to_match_ask_a_rule(fixture_assistant):
    assert amounts_asked("是不是调进来多少就得退出去多少？") == "是不是调进来？"
    assert not parse("是不是调进来多少就得退出去多少？").percent
    answer, = ask(fixture_assistant, "城里盖楼范围换地的时候，是不是调进来多少就得退出去多少？")
    assert not answer.refused and "等量" in answer.answer


def test_members_of_what_was_done_are_named_or_refused(fixture_assistant):
    # (a gloss naming the fire stations answers "新安排了哪些站点": 站点 is no word of the plan's)
    answer, = ask(fixture_assistant, "着火了救火的队伍，这回新安排了哪些站点？")
    assert not answer.refused and "消防站" in answer.answer


def test_a_name_the_plan_says_once_is_found_where_it_says_it(fixture_assistant):
    # (开发区 steers the search to 生态控制区's 开发利用; 高新区 is in one sentence of the plan)
    answer, = ask(fixture_assistant, "高新区不是开发区吗，这个方案里也有它的事？")
    assert not answer.refused and "高新区特勤消防站" in answer.answer


def test_a_common_phrase_said_once_is_no_name(fixture_assistant):
    # (the plan says 重点项目 once, in the 中心城区 passage; the question asks about its 重点建设项目 list)
    answer, = ask(fixture_assistant, "重点项目按哪几种方式纳入一张图？")
    assert "示意上图" in answer.answer


@pytest.mark.parametrize("questions, unsaid", [
    (("生态控制区能不能开发？", "哪些项目算适度开发？"), "哪些项目算适度开发"),
    (("“需求导向，保障发展”这条讲了什么？", "哪些产业算转型升级的重点？"), "哪些产业算转型升级的重点"),
])
def test_which_things_count_as_what_the_plan_names_is_not_said(fixture_assistant, questions, unsaid):
    *_, answer = ask(fixture_assistant, *questions)
    assert answer.refused and unsaid in answer.answer


def test_a_series_named_with_what_it_counts_as_answers(fixture_assistant):
    # (the facilities listed one after another are what the 中心城区 passage counts as 公共服务设施)
    answer, = ask(fixture_assistant, "哪些项目属于公共服务设施？")
    assert not answer.refused and "幸福家园养老中心" in answer.answer


def test_where_a_change_lies_is_not_given(fixture_assistant):
    *_, answer = ask(fixture_assistant, "永久基本农田正向优化按照什么原则来做？", "调整的地主要在城区还是郊区？")
    assert answer.refused and "区县" in answer.answer


def test_old_buildings_described_are_either_kin_line(fixture_assistant):
    # (城市紫线's gloss 0.824, 历史文化保护线's 0.769: both lines protect old buildings, and both are answered)
    answer, more = ask(fixture_assistant, "老房子保护的范围这次变大了吗？", "大了多少？")
    assert "142.1686" in answer.answer or "142.17" in answer.answer
    assert "两者都列出" in " ".join(answer.notes)
