"""Turns that stay where the conversation is: the rest of a list just quoted, a passage asked about again in
words of its own, a heading's item counted from either side of the ordinal, the 附图 named by number, the
cover asked in everyday words, and a figure converted after its share was asked."""

import pytest

from assistant.conversation import Conversation
from assistant.qa.figure_answer import project_category

FACILITIES = "郊区幸福家园养老中心"


def ask_all(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


@pytest.mark.parametrize("first, rest", [
    ("郊区这回有养老中心项目吗？", "还有啥民生项目一起落实？"),
    ("第五人民医院在这个方案里涉及什么？", "同一类里还有哪些养老托育项目？"),
    ("家里孩子小，规划里有没有托育的东西？", "除了托育，同一批还落实了啥？"),
])
def test_the_rest_of_a_list_just_quoted_is_that_list(fixture_assistant, first, rest):
    answers = ask_all(fixture_assistant, first, rest)
    answer = answers[-1]
    assert answer.answer.startswith("同一句原文列出的还有："), answer.answer
    assert "郊区综合托育服务中心" in answer.answer and "一级消防站" in answer.answer
    # the thing the question set aside is not among the rest it lists
    if "除了托育" in rest:
        assert "郊区综合托育服务中心、" not in answer.answer.split("\n")[0]


def test_a_question_about_what_a_sentence_says_before_its_list_is_no_rest_of_the_list(fixture_assistant):
    # "完善了什么" asks what the sentence says before its list (完善蓝绿开敞空间系统), not its facilities
    *_, answer = ask_all(fixture_assistant, "第五人民医院在这个方案里涉及什么？", "这一类调整除了设施还完善了什么？")
    assert not answer.answer.startswith("同一句原文列出的还有"), answer.answer
    assert "蓝绿开敞空间" in answer.answer


def test_a_new_topic_after_a_list_is_not_its_rest(fixture_assistant):
    *_, answer = ask_all(fixture_assistant, "郊区这回有养老中心项目吗？", "还有哪些控制线这次调整了？")
    assert not answer.answer.startswith("同一句原文列出的还有"), answer.answer


def test_a_turn_with_words_of_its_own_stays_in_the_passage_that_holds_them(fixture_assistant):
    # 需求导向's sentence also says 统筹 and 需求; the 统筹协调 principle just given lists the 空间需求
    *_, answer = ask_all(fixture_assistant, "第四条原则强调的是什么？", "要统筹哪些空间需求？")
    assert "城乡建设、产业发展、生态保护、基础设施建设" in answer.answer, answer.answer


@pytest.mark.parametrize("question, heading", [
    ("四条原则里头一条是什么？", "底线思维，严守管控"),
    ("原则里面第二条是啥？", "正向优化，提质增效"),
])
def test_the_heading_named_before_the_ordinal_is_the_list(fixture_assistant, question, heading):
    answer = fixture_assistant.ask(question, Conversation())
    assert "编制原则的第" in answer.answer and heading in answer.answer, answer.answer


def test_sections_are_counted_by_jie(fixture_assistant):
    answers = ask_all(fixture_assistant, "动态维护方案包括哪些方面？", "最后一节讲什么？", "第四节呢？")
    assert "重点建设项目清单维护" in answers[1].answer, answers[1].answer
    assert "中心城区用地规划布局维护" in answers[2].answer, answers[2].answer


def test_the_maps_asked_by_number_are_those_entries_of_the_list(fixture_assistant):
    answer = fixture_assistant.ask("附图第五、第六张画的是什么？", Conversation())
    assert not answer.refused, answer.answer
    assert "第 5、6 张" in answer.answer
    assert "国土空间用途分区图（维护前）" in answer.answer and "国土空间用途分区图（维护后）" in answer.answer


@pytest.mark.parametrize("question", ["这个方案是以谁的名义出的？", "这份方案啥时候出来的？", "几月份出的？"])
def test_the_cover_is_asked_in_everyday_words(fixture_assistant, question):
    answer = fixture_assistant.ask(question, Conversation())
    assert "落款：阳泉市人民政府，2026年6月" in answer.answer, answer.answer


def test_the_main_city_is_the_central_city(fixture_assistant):
    answer = fixture_assistant.ask("主城区有多大地方？", Conversation())
    assert "271.23" in answer.answer and not answer.refused, answer.answer


def test_a_share_prints_as_the_plan_prints_it_and_a_conversion_after_it_converts_the_area(fixture_assistant):
    answers = ask_all(fixture_assistant, "预留的机动规模有多少公顷？", "它占比多少？", "折成亩是多少？")
    assert "3.06%" in answers[1].answer, answers[1].answer
    assert "447.15 亩" in answers[2].answer, answers[2].answer


@pytest.mark.parametrize("question, figure", [
    ("今年新加进来的项目有多少个？", "新增 180 项"),
    ("还有多少项目是接着往下干的？", "延续 229 项"),
])
def test_project_statuses_said_in_everyday_words_are_counted(fixture_assistant, question, figure):
    answer = fixture_assistant.ask(question, Conversation())
    assert figure in answer.answer and not answer.refused, answer.answer


@pytest.mark.parametrize("question, category", [
    ("今年新加进来的项目有多少个？", None),  # 新加 is the status 新增, not a category "加进来"
    ("交通类项目有多少个？", "交通"),
    ("修路的项目有几个？", "修路"),
])
def test_a_status_said_is_no_category(question, category):
    assert project_category(question) == category


def test_what_else_one_thing_holds_is_no_rest_of_the_list(fixture_assistant):
    *_, answer = ask_all(fixture_assistant, "高新区特勤消防站有没有写进方案？", "特勤站除了站本身还有啥？")
    assert not answer.answer.startswith("同一句原文列出的还有"), answer.answer


def test_others_of_a_kind_named_are_of_that_kind_and_not_the_one_just_asked(fixture_assistant):
    *_, answer = ask_all(fixture_assistant, "俺们新城大道那边要建消防站？", "还有别的消防站吗？")
    lead = answer.answer.split("\n")[0]
    assert lead == "同一句原文列出的还有：高新区特勤消防站及配套消防训练设施。", lead
