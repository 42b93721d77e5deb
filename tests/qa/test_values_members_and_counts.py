"""A figure named by its value (8.2593万亩), members the plan does not name (a gloss of another sentence, a compound's
modifier), a choice between things the plan never names, leave for an action it never names, counts of a list just
quoted, and asks that share one subject: two kinds added, one amount in two units, the order asked for."""

import pytest
from conversation_helpers import dialogue

from assistant.qa import leave, scope_fit
from assistant.qa.decompose import split_asks, with_subjects
from assistant.qa.figure_values import named_by_value
from assistant.qa.listed import things_listed

_FIGURES = [
    {"indicator": "永久基本农田", "scope": "市辖区", "phase": "维护前", "version": "维护前", "value_text": "8.2593", "unit": "万亩"},
    {"indicator": "城镇开发边界", "scope": "市辖区", "phase": "扩展规模", "version": "维护后", "value_text": "944.17",
     "unit": "公顷"},
    {"indicator": "城市绿线", "scope": "中心城区", "phase": "调出", "version": None, "value_text": "6.07", "unit": "公顷"},
]


def test_a_figure_named_by_its_value_reads_as_what_it_measures():
    assert named_by_value("8.2593万亩是多少公顷？", _FIGURES) == "市辖区永久基本农田维护前是多少公顷？"
    assert named_by_value("944.17公顷合多少平方公里", _FIGURES) == "市辖区城镇开发边界维护后扩展规模合多少平方公里"
    assert named_by_value("6.07公顷折合多少亩", _FIGURES) == "城市绿线本次调出折合多少亩"


@pytest.mark.parametrize("question", [
    "8.2593公顷是多少亩？",               # the plan's number in another unit than its own
    "1234.5公顷是多少亩？",               # a number the plan does not state
    "永久基本农田8.2593万亩是多少公顷？",  # the indicator named already
])
def test_a_number_not_one_figures_alone_is_left_as_asked(question):
    assert named_by_value(question, _FIGURES) == question


def test_a_figure_named_by_its_value_is_converted_and_carried(fixture_assistant):
    turns = dialogue(fixture_assistant, "8.2593万亩是多少公顷？", "维护后的折合多少平方千米？")
    assert "5506.20" in turns[0].answer and not turns[0].refused, turns[0].answer
    assert "55.22" in turns[1].answer, turns[1].answer
    answer = fixture_assistant.ask("9387.50公顷合多少平方公里？")
    assert "93.88" in answer.answer, answer.answer


def test_members_glossed_only_on_another_sentence_are_not_named(fixture_assistant):
    turns = dialogue(fixture_assistant, "洪涝风险控制线有多大？", "这条线里主要包括哪些河道？")
    assert turns[1].refused and "河道" in turns[1].answer, turns[1].answer
    answer = fixture_assistant.ask("孩子没人带，规划里有哪些托儿所？")  # glossed on the sentence that names it
    assert not answer.refused and "郊区综合托育服务中心" in answer.answer, answer.answer


def test_a_compounds_modifier_names_no_member(fixture_assistant):
    for last in ("具体倾斜到哪个产业园区？", "具体是哪些产业园区？"):
        turns = dialogue(fixture_assistant, "需求导向这条原则紧扣哪些需求？", "空间资源往哪倾斜？", last)
        assert turns[2].refused and "产业园区" in turns[2].answer, turns[2].answer
    answer = fixture_assistant.ask("中心城区这次落实了哪个养老设施？")  # the head (设施) is what the quote names
    assert not answer.refused and "郊区幸福家园养老中心" in answer.answer, answer.answer


def test_what_things_are_asked_as_members_of_a_count(fixture_assistant):
    turns = dialogue(fixture_assistant, "重点建设项目一共多少项？", "撤掉的呢？", "被撤销的都是些什么项目？")
    assert turns[2].refused and "22" in turns[2].answer, turns[2].answer
    assert scope_fit.asks_members("新增的都是些啥项目？")


def test_leave_for_an_action_the_plan_never_names_is_refused_with_the_rule(fixture_assistant):
    answer = fixture_assistant.ask("生态控制区里能不能建民宿？")
    assert answer.refused and "民宿" in answer.answer and "适度的开发利用" in answer.answer, answer.answer
    allowed = fixture_assistant.ask("生态控制区能不能搞开发利用？")  # the plan's own word: its rule answers
    assert not allowed.refused and "适度的开发利用" in allowed.answer, allowed.answer


def test_a_choice_between_things_the_plan_never_names():
    def in_plan(word):
        return word in "本次规划维护城镇开发边界与永久基本农田"

    assert leave.unoffered_choice("数据格式要用哪种，shp还是gdb？", in_plan) == "shp或gdb"
    assert leave.unoffered_choice("先调城镇开发边界还是永久基本农田？", in_plan) is None
    assert leave.unoffered_choice("是多了还是少了？", in_plan) is None  # no things offered


def test_a_choice_between_things_the_plan_never_names_is_refused(fixture_assistant):
    turns = dialogue(fixture_assistant, "动态维护成果入库按什么标准？", "文件格式用dwg还是shp？")
    assert turns[1].refused and "dwg" in turns[1].answer, turns[1].answer


def test_a_category_said_after_the_projects_is_not_counted(fixture_assistant):
    answer = fixture_assistant.ask("重点建设项目里水利类的有多少个？")
    assert answer.refused and "水利" in answer.answer, answer.answer
    assert not fixture_assistant.ask("重点建设项目里新增的有多少个？").refused


def test_two_kinds_named_together_are_added_as_both(fixture_assistant):
    asks = with_subjects(split_asks("撤销和更新的项目各多少？两者合计多少？"), lambda _: None)
    assert asks[1].startswith("撤销和更新"), asks
    answer = fixture_assistant.ask("实施和延续的项目各是多少？两者合计多少？")
    assert "347" in answer.answer, answer.answer


def test_one_amount_asked_in_two_units(fixture_assistant):
    assert split_asks("维护后的永久基本农田合多少亩、多少公顷？") == ["维护后的永久基本农田合多少亩", "多少公顷？"]
    answer = fixture_assistant.ask("维护后的永久基本农田合多少亩、多少公顷？")
    assert "82831" in answer.answer and "5522.07" in answer.answer, answer.answer
    answer = fixture_assistant.ask("城镇开发边界维护后多少公顷，合多少亩？")
    assert "140812.50" in answer.answer and "140854.65" not in answer.answer, answer.answer  # the phase carried


def test_a_section_holding_the_thing_asked_is_read_first(fixture_assistant):
    turns = dialogue(fixture_assistant, "方案里对乡村产业融合的项目有安排吗？", "那审批的时候要按什么顺序来？")
    assert "先规划、后建设" in turns[1].answer and "一二三产业" not in turns[1].answer, turns[1].answer
    turns = dialogue(fixture_assistant, "对建设项目审批有什么要求？", "这个方案最终由哪一级政府审批？")
    assert turns[1].refused, turns[1].answer  # the cover's issuer shares no word with the question but the body


def test_a_list_closed_by_etc_is_a_list():
    things, _, _ = things_listed([("x", "建立自然资源、发改、住建、交通、水利、能源等部门协同机制，明确分工。")])
    assert things == ["自然资源", "发改", "住建", "交通", "水利", "能源"]


def test_the_things_of_a_kind_just_listed_are_counted(fixture_assistant):
    turns = dialogue(fixture_assistant, "交通部门参与这个协同机制吗？", "点名的部门一共几个，都是哪些？")
    assert "6 个" in turns[1].answer and "能源" in turns[1].answer and "未必是全部" in turns[1].answer, turns[1].answer


@pytest.mark.parametrize("question", ["这次都调了些什么？", "这回改了些啥？", "这次方案都动了哪些地方？",
                                      "这份方案主要维护了哪些方面？", "咱这回动态维护到底弄了些啥？",
                                      "维护内容分哪几大块？"])
def test_what_the_work_changed_is_the_maintenance_parts_list(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and "三条控制线维护" in answer.answer and "重点建设项目清单维护" in answer.answer, answer.answer


def test_what_one_line_changed_is_that_lines_passage(fixture_assistant):
    answer = fixture_assistant.ask("城镇开发边界这次调了些什么？")
    assert "9387.50" in answer.answer and "重点建设项目清单维护" not in answer.answer, answer.answer


def test_asks_of_two_kinds_are_each_answered(fixture_assistant):
    assert split_asks("矿区算不算市辖区？市辖区一共多大？") == ["矿区算不算市辖区？", "市辖区一共多大？"]
    assert len(split_asks("市辖区由哪几个区构成、面积多少、占全市面积的百分比是多少？")) == 3
    assert len(split_asks("由哪一级政府、哪个部门审批？")) == 1  # two askers of one verb
    assert len(split_asks("高新区那个特勤消防站具体在哪个地块、占地多大？")) == 1  # one thing, not a list
    answer = fixture_assistant.ask("市辖区由哪几个区构成、面积多少？")
    assert "城区、矿区、郊区" in answer.answer and "653.61" in answer.answer, answer.answer


def test_which_one_weighs_most_is_not_said(fixture_assistant):
    turns = dialogue(fixture_assistant, "编这个方案遵循了哪几条原则？", "这四条里哪条最重要？")
    assert turns[1].refused and "最重要" in turns[1].answer, turns[1].answer
    answer = fixture_assistant.ask("搞这个规划，最要紧守住的是哪几个方面的安全？")  # no one of several picked
    assert not answer.refused and "粮食安全" in answer.answer, answer.answer


@pytest.mark.parametrize("question, things", [
    ("城市重要控制线维护包括哪几条线？", ("城市绿线", "城市紫线")),
    ("规划分区这次主要调了哪几个区？", ("农田保护区", "城镇发展区")),
])
def test_a_measure_word_is_no_member_asked(fixture_assistant, question, things):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and all(t in answer.answer for t in things), answer.answer


def test_a_section_holding_the_kind_asked_replaces_no_refusal(fixture_assistant):
    # the 编制范围 names 坡头村, but no village of the farmland's change: a question on its own is refused
    assert fixture_assistant.ask("河底镇哪些村的地被调出永久基本农田了？").refused


def test_the_outline_asked_with_its_measure_word_first(fixture_assistant):
    answer = fixture_assistant.ask("正文都分了哪几个大部分？")
    assert not answer.refused and "工作背景" in answer.answer and "实施保障" in answer.answer, answer.answer


def test_it_after_the_document_is_the_document(fixture_assistant):
    turns = dialogue(fixture_assistant, "这个方案是哪个月印发的？", "它是以谁的名义发布的？")
    assert "阳泉市人民政府" in turns[1].answer and not turns[1].refused, turns[1].answer
    turns = dialogue(fixture_assistant, "城镇开发边界维护后多少？", "它是谁定的？")  # a line: no issuer of its own
    assert "落款" not in turns[1].answer, turns[1].answer


def test_the_document_split_into_parts_is_still_its_outline(fixture_assistant):
    answer = fixture_assistant.ask("方案分哪几大块？")
    assert "工作背景" in answer.answer and "三条控制线维护" not in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["山上林子那种地方以后还能搞点开发不？", "山上生态那块，能不能搞旅游开发？"])
def test_leave_asked_is_answered_by_the_sentence_that_rules(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and "适度的开发利用" in answer.answer, answer.answer


def test_a_difference_the_plan_states_as_another_figure_is_named(fixture_assistant):
    turns = dialogue(fixture_assistant, "开发边界的扩展规模原本是多少？", "维护后扩展规模呢？", "少了的那部分去哪了？")
    assert "29.81" in turns[2].answer and "预留机动规模" in turns[2].answer, turns[2].answer
    answer = fixture_assistant.ask("城镇开发边界维护后比维护前少了多少？")  # 2.81: no other figure is stated so
    assert "2.81" in answer.answer and "相等" not in answer.answer, answer.answer


def test_the_most_and_the_fewest_of_a_count_are_named():
    from assistant.qa.figure_values import ranked_named

    figures = [{"indicator": "重点建设项目", "phase": p, "unit": "项", "value": v}
               for p, v in (("总数", 564), ("实施", 118), ("延续", 229), ("撤销", 22), ("更新", 15))]
    assert ranked_named("最多的比最少的多几项？", figures) == "延续的比更新的多几项？"
    assert ranked_named("三条控制线里最大的是哪条？", figures) == "三条控制线里最大的是哪条？"  # no count asked
    # one end alone is read off the sentence listing them all; 投资最大 ranks by what the plan does not give
    assert ranked_named("564个项目里，数量最多的是哪一类？", figures) == "564个项目里，数量最多的是哪一类？"
    assert ranked_named("实施的那118个项目里投资最大的是哪个？", figures) == "实施的那118个项目里投资最大的是哪个？"


def test_the_most_and_the_fewest_after_the_kinds_are_listed(fixture_assistant):
    turns = dialogue(fixture_assistant, "项目清单有哪几种维护类型？", "最多的和最少的差多少项？")
    assert "214" in turns[1].answer, turns[1].answer


def test_a_line_said_by_the_end_of_its_name_after_a_count(fixture_assistant):
    turns = dialogue(fixture_assistant, "全市有几处国家级文物保护单位更新进历史文化保护线了？", "省级的呢？",
                     "那维护后保护线多少公顷？")
    assert "710.6312" in turns[2].answer and not turns[2].refused, turns[2].answer
    assert "10 平方千米" in fixture_assistant.ask("生态保护红线多少？").answer  # a name said whole stays itself


def test_what_was_changed_in_things_counted_is_not_the_whole_works_parts(fixture_assistant):
    """"更新的那15项改了什么内容": a count of the plan's (15 项) names things of its own, unlike a year (2026年度)."""
    answer = fixture_assistant.ask("更新的那15项改了什么内容？")
    assert answer.refused and "本次动态维护的内容在" not in answer.answer and "15" in answer.answer, answer.answer
    whole = fixture_assistant.ask("2026年度这次都调了些什么？")
    assert "三条控制线维护" in whole.answer and "重点建设项目清单维护" in whole.answer, whole.answer
