"""The class a thing is maintained at (哪个层面), figures the plan's numbers allow (the rest of the city, two
counts together, a whole less a part, the one line that shrank), headings set aside by part of their name, and
what the plan does not give: a cited document's contents, a standard's title, numbers of units, lines outside
the 市辖区."""

import pytest
from conversation_helpers import dialogue

from assistant.conversation import Conversation


@pytest.mark.parametrize("question, level", [
    ("重点建设项目清单是哪个层面维护的？", "市域层面"),
    ("城市绿线、紫线是在哪个层面维护的？", "中心城区层面"),  # under 城市重要控制线, the heading above them
    ("三条控制线在哪个层面维护？", "市辖区层面"),
])
def test_the_class_asked_is_the_sentence_that_names_the_thing(fixture_assistant, question, level):
    answer = fixture_assistant.ask(question, Conversation())
    assert not answer.refused
    assert [c.quote[:len(level)] for c in answer.citations] == [level], answer.answer
    assert all(c.section == "三、编制范围" for c in answer.citations)


def test_a_thing_named_alone_after_a_class_was_asked_asks_its_class(fixture_assistant):
    *_, zones, projects = dialogue(fixture_assistant, "城市绿线、紫线是在哪个层面维护的？", "规划分区呢？", "重点项目？")
    assert [c.quote[:5] for c in zones.citations] == ["市辖区层面"], zones.answer
    assert [c.quote[:4] for c in projects.citations] == ["市域层面"], projects.answer


def test_a_line_named_with_another_is_replaced_with_both_in_a_follow_up(fixture_assistant):
    from assistant.qa.followup import rewrite

    assert rewrite("规划分区呢？", "城市绿线、紫线是在哪个层面维护的？") == "规划分区是在哪个层面维护的？"
    assert rewrite("永久基本农田呢？", "城市绿线和城市紫线维护后各多少？") == "永久基本农田维护后各多少？"


def test_a_question_naming_no_class_word_of_the_plan_is_not_classed(fixture_assistant):
    answer = fixture_assistant.ask("由哪个部门牵头？", Conversation())
    assert "层面" not in answer.answer


@pytest.mark.parametrize("question, expected, parts", [
    ("这次有多少处国家级和省级文保单位被纳入历史文化保护线管控？", "合计 23 处", ["11", "12"]),
    ("市辖区以外的部分有多大？", "3905.35 平方千米", ["4558.96", "653.61"]),
    ("重点项目除掉撤销的，还剩多少项？", "还有 542 项", ["564", "22"]),
])
def test_figures_the_plan_numbers_allow(fixture_assistant, question, expected, parts):
    answer = fixture_assistant.ask(question, Conversation())
    assert expected in answer.answer, answer.answer
    assert all(p in answer.answer for p in parts)


def test_each_of_two_counts_asked_gives_no_sum(fixture_assistant):
    answer = fixture_assistant.ask("国家级和省级各有几处？", Conversation())
    assert "合计" not in answer.answer and "11" in answer.answer and "12" in answer.answer


def test_how_much_the_one_line_that_shrank_shrank(fixture_assistant):
    *_, answer = dialogue(fixture_assistant, "这次维护里面积增加的控制线有哪些？", "面积减少的呢？", "减了多少？")
    assert "2.81 公顷" in answer.answer and "城镇开发边界" in answer.answer, answer.answer
    *_, answer = dialogue(fixture_assistant, "哪条线变小了？", "小了多少？")
    assert "2.81 公顷" in answer.answer, answer.answer


@pytest.mark.parametrize("question, kept, dropped", [
    ("除了公众参与，还有哪些保障措施？", "（四）监督管理", "（五）坚持公众参与"),
    ("除了底线思维，还有哪些原则？", "2.正向优化，提质增效", "1.底线思维"),
])
def test_a_heading_set_aside_by_part_of_its_name_leaves_the_rest_of_its_list(fixture_assistant, question, kept,
                                                                              dropped):
    answer = fixture_assistant.ask(question, Conversation())
    assert kept in answer.answer and dropped not in answer.answer.split("\n\n", 1)[1], answer.answer


# What the plan does not give (a cited document's contents, a standard's title, numbers of units, counts no figure
# gives) is refused by the table in test_counts_kinds_and_places_not_given.py.


@pytest.mark.parametrize("question, quoted", [
    ("入库按照什么标准？", "“一张图”标准"),
    ("城镇开发边界管理办法的文件编号", "自然资规〔2026〕1号"),
])
def test_a_standard_or_number_the_quotes_give_is_answered(fixture_assistant, question, quoted):
    answer = fixture_assistant.ask(question, Conversation())
    assert not answer.refused and quoted in answer.answer, answer.answer


def test_the_rest_of_the_city_is_named_once(fixture_assistant):
    answer = fixture_assistant.ask("市辖区以外的区域这次维护了三条控制线吗？", Conversation())
    assert "市辖区以外的相关数据" in answer.answer and "的的" not in answer.answer, answer.answer


@pytest.mark.parametrize("question, first, count", [
    ("动态维护方案部分下面有几个小节？", "（一）三条控制线维护", 6),
    ("第四部分有几个小节？", "（一）三条控制线维护", 6),
    ("实施保障下面有几个小节？", "（一）实施管理", 5),
])
def test_the_headings_under_a_part_named_or_numbered(fixture_assistant, question, first, count):
    answer = fixture_assistant.ask(question, Conversation())
    assert not answer.refused and f"分为 {count} 个小节" in answer.answer, answer.answer
    assert answer.citations[0].quote == first


def test_the_last_heading_after_the_headings_under_a_part(fixture_assistant):
    *_, answer = dialogue(fixture_assistant, "动态维护方案部分下面有几个小节？", "最后一个小节讲什么？")
    assert "重点建设项目" in answer.answer and "564" in answer.answer, answer.answer


def test_once_it_is_done_is_no_future_asked(fixture_assistant):
    answer = fixture_assistant.ask("方案落地以后会有人定期检查吗？", Conversation())
    assert not answer.refused and "年度评估" in answer.answer, answer.answer
    # the future itself stays unanswered
    assert fixture_assistant.ask("调出的那些地以后打算盖啥？", Conversation()).refused


def test_the_kinds_of_a_count_asked_by_a_word_the_plan_does_not_use(fixture_assistant):
    answer = fixture_assistant.ask("564个重点项目分成哪几种状态？", Conversation())
    assert not answer.refused and all(w in answer.answer for w in ("实施", "延续", "撤销")), answer.answer


@pytest.mark.parametrize("question", ["这三个区各自的国土面积分别是多少？", "城区、矿区、郊区的面积分别是多少？"])
def test_each_district_s_area_is_not_given(fixture_assistant, question):
    answer = fixture_assistant.ask(question, Conversation())
    assert answer.refused and "653.61" not in answer.answer, answer.answer
    assert "653.61" in fixture_assistant.ask("城区、矿区、郊区一共多大？", Conversation()).answer


def test_a_class_word_said_another_way_is_the_plan_s():
    from assistant.qa.classified import _SAME_CLASS

    assert _SAME_CLASS["层次"] == "层面"


def test_the_class_asked_as_a_level(fixture_assistant):
    answer = fixture_assistant.ask("重点建设项目清单属于哪个层次？", Conversation())
    assert [c.quote[:4] for c in answer.citations] == ["市域层面"], answer.answer


def test_things_counted_where_the_plan_gives_an_area_only(fixture_assistant):
    answer = fixture_assistant.ask("生态保护红线里有几个自然保护地？", Conversation())
    assert answer.refused and "“自然保护地”的数量" in answer.answer, answer.answer
    assert "11 处" in fixture_assistant.ask("历史文化保护线里有几处国家级文保单位？", Conversation()).answer


def test_a_word_always_of_something_is_asked_of_the_passage_just_given(fixture_assistant):
    *_, answer = dialogue(fixture_assistant, "这个方案会公开吗？", "遵循什么原则？")
    assert "公开、公平、公正" in answer.answer, answer.answer
    *_, answer = dialogue(fixture_assistant, "需求导向原则要统筹衔接哪个时期的重大项目？", "最后要达到什么效果？")
    assert not answer.refused and "精准匹配" in answer.answer, answer.answer


def test_which_work_is_no_count(fixture_assistant):
    *_, answer = dialogue(fixture_assistant, "统筹协调原则要统筹哪些空间需求？", "跟永久基本农田哪项工作要协同？")
    assert answer.intent == "policy" and "优进劣出" in answer.citations[0].quote, answer.answer


@pytest.mark.parametrize("questions, said", [
    # the last word of the line's name (边界) is the line, its 扩展倍数 asked just before
    (("总规确定的城镇开发边界面积是多少？", "扩展倍数呢？", "维护后边界比原来少了多少？"), ["2.81 公顷"]),
    # which is larger across units: 万亩 converted to 公顷
    (("维护后城镇开发边界和永久基本农田，哪个面积大？",), ["5522.07 公顷", "3865.43 公顷"]),
    # both phases after a change of the line
    (("城市绿线调出多少？", "维护前后分别多少？"), ["300.76", "301.11"]),
    # a map by the plan's own number after others were given
    (("附图第5、6张是什么图？", "第7、8张呢？", "第1张图标的是什么？"), ["三条控制线维护前图（标明调出）"]),
    # what maps are appended lists them all
    (("方案后面附了些什么图？",), ["方案共附图 8 张", "城镇开发边界维护后图"]),
    # the reserve said in everyday words, with its share; and in the plan's own words (机动规模 is measured)
    (("留着以后灵活机动用的那部分建设地有多少？占多大比例？",), ["29.81", "3.06%"]),
    (("开发边界预留的机动规模是多少？",), ["29.81"]),
    # a word the plan does not use asked after 哪个 (方向) is answered by the passage that says it
    (("杨家庄乡在中心城区哪个方向？",), ["东起杨家庄乡"]),
])
def test_the_answer_holds_what_was_asked(fixture_assistant, questions, said):
    *_, answer = dialogue(fixture_assistant, *questions)
    assert all(s in answer.answer for s in said), answer.answer


def test_a_line_the_plan_does_not_draw_is_the_subject_of_every_part(fixture_assistant):
    answer = fixture_assistant.ask("这次城市蓝线和黄线有没有调整，调了多少？", Conversation())
    assert answer.refused and "蓝线" in answer.answer and "300.76" not in answer.answer, answer.answer


def test_a_count_the_plan_gives_for_the_whole_city_is_answered(fixture_assistant):
    assert "180" in fixture_assistant.ask("新增了多少项目？", Conversation()).answer


def test_a_rule_asked_of_a_line_named_by_its_last_word_is_no_figure(fixture_assistant):
    # "红线" names 生态保护红线 only where an amount is asked: "能不能盖房子" asks a rule the plan does not give
    *_, answer = dialogue(fixture_assistant, "生态保护红线多大？", "折成亩呢？", "那红线里面能不能盖房子？")
    assert answer.intent != "figure" and "15000" not in answer.answer, answer.answer
