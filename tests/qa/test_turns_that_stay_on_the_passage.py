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


def test_a_share_of_it_is_a_share_of_the_figure_just_given(fixture_assistant):
    *_, answer = ask_all(fixture_assistant, "市辖区国土面积是多少？", "维护后的城镇开发边界占它多大比例？")
    assert "14.36%" in answer.answer, answer.answer
    assert "3.06" not in answer.answer  # not the plan's own 占比 of 预留机动


def test_lines_beyond_the_three_and_then_those_two(fixture_assistant):
    answers = ask_all(fixture_assistant, "三条控制线具体指哪三条？", "其中哪条这次没动？", "另外还有哪条线也没调整？",
                      "这两条没动的线分别多大？")
    assert "洪涝风险控制线" in answers[2].answer, answers[2].answer
    assert "10 平方千米" in answers[3].answer and "4279.0808" in answers[3].answer, answers[3].answer


def test_where_a_list_was_written_is_a_heading(fixture_assistant):
    *_, answer = ask_all(fixture_assistant, "中心城区要完善哪几类公共服务设施？", "这几项是在哪一节里写的？")
    assert "（四）中心城区用地规划布局维护" in answer.answer, answer.answer


def test_the_purpose_after_a_passage_is_the_passages(fixture_assistant):
    *_, answer = ask_all(fixture_assistant, "规划落地需要哪些部门协同？", "目的是什么？")
    assert "保障规划落地" in answer.answer and "工作背景" not in answer.answer, answer.answer
    # the document's own purpose, asked as such, is still its background
    document = fixture_assistant.ask("这次为啥要搞动态维护？", Conversation())
    assert "工作背景" in document.answer


def test_room_left_to_arrange_is_the_reserve(fixture_assistant):
    answer = fixture_assistant.ask("城里还剩多少能机动安排的扩张用地？", Conversation())
    assert "29.81" in answer.answer, answer.answer


def test_an_amount_of_the_rest_is_a_remainder_not_the_list(fixture_assistant):
    *_, answer = ask_all(fixture_assistant, "撤销了多少个项目？", "除了撤销的，还剩多少项？")
    assert "542" in answer.answer and not answer.answer.startswith("同一句原文"), answer.answer


@pytest.mark.parametrize("question", ["阳泉这次规划管不管防汛？", "规划里有没有防汛的内容？"])
def test_a_word_only_the_glosses_use_names_their_sentence(fixture_assistant, question):
    # 防汛 is not the plan's word and jieba tags it no noun; one sentence's glosses say it (洪涝风险控制线)
    answer = fixture_assistant.ask(question, Conversation())
    assert "洪涝风险控制线" in answer.answer and not answer.refused, answer.answer


@pytest.mark.parametrize("first, then, figures", [
    ("哪些控制线这次完全没动？", "它们的规模分别是？", ("10 平方千米", "4279.0808")),
    ("城市重要控制线这次维护了哪两条？", "维护后分别多少？", ("301.11", "8.09")),
])
def test_each_of_the_lines_the_last_answer_gave_together(fixture_assistant, first, then, figures):
    *_, answer = ask_all(fixture_assistant, first, then)
    assert all(f in answer.answer for f in figures), answer.answer


def test_the_lines_given_together_are_meant_only_by_the_next_turn(fixture_assistant):
    answers = ask_all(fixture_assistant, "城市重要控制线这次维护了哪两条？", "绿线维护后是多少？", "维护后分别多少？")
    # two turns on, "分别" no longer means both lines of the list
    assert "8.09" not in answers[2].answer, answers[2].answer


def test_the_conclusion_of_a_passage_is_read_in_it(fixture_assistant):
    *_, answer = ask_all(fixture_assistant, "城市重要控制线这次维护了哪两条？", "维护后分别多少？", "结论是？")
    assert not answer.refused and "正向优化要求" in answer.answer, answer.answer


def test_places_where_something_happens_are_not_in_a_lines_area(fixture_assistant):
    # after the line's figure, its passage is found for the question; it names no place
    *_, answer = ask_all(fixture_assistant, "洪涝风险控制线有多大？", "汛期哪些地方容易被淹？")
    assert answer.refused, answer.answer


@pytest.mark.parametrize("question", ["实施保障包括哪几个方面？", "要推动哪几个方面？", "今年打算弄的大工程一共有几个？",
                                      "矿区算不算市里直接管的那几个区？"])
def test_words_of_asking_name_no_gloss(fixture_assistant, question):
    # 哪几个, 今年, 算不算 are in some gloss; they name no sentence
    assert fixture_assistant.text._named_otherwise(question) == []
    assert fixture_assistant.text._gloss_words(question) == []


def test_a_count_of_a_thing_no_quote_names_is_refused(fixture_assistant):
    answer = fixture_assistant.ask("全市一共有多少个乡镇？", Conversation())
    assert answer.refused, answer.answer
    layers = fixture_assistant.ask("这次维护分几个空间层次？", Conversation())  # 三个层次 counts them
    assert not layers.refused and "三个层次" in layers.answer, layers.answer


@pytest.mark.parametrize("question, reason", [
    ("有没有市级文物保护单位？", "方案原文没有提到市级文物保护单位"),
    ("有没有把市县级文物保护单位也纳进来，纳了几处？", "方案原文没有提到市县级文物保护单位"),
    ("市级文物保护单位有几处？", "方案原文没有给出市级文物保护单位的数量"),
])
def test_a_level_the_plan_counts_nothing_at_is_refused(fixture_assistant, question, reason):
    answer = fixture_assistant.ask(question, Conversation())
    assert answer.refused and reason in answer.answer, answer.answer
    assert "23" not in answer.answer.split("方案中相关的原文")[0]  # 11 + 12 are other levels' sites


def test_a_level_the_plan_counts_is_answered(fixture_assistant):
    answer = fixture_assistant.ask("国家级文物保护单位有没有纳入？", Conversation())
    assert not answer.refused and "11 处国家级文物保护单位" in answer.answer, answer.answer


def test_what_else_comes_with_one_thing_is_not_the_others_of_the_list(fixture_assistant):
    answers = ask_all(fixture_assistant, "高新区这次有啥项目？", "除了消防站还有啥配套？", "那郊区新城大道那个是几级消防站？")
    assert not answers[1].answer.startswith("同一句原文"), answers[1].answer
    assert "消防训练设施" in answers[1].answer
    # 几级 asks which grade, not how many: read in the passage, not refused as a count of 郊区's projects
    assert not answers[2].refused and "一级消防站" in answers[2].answer, answers[2].answer


def test_a_line_said_by_the_start_of_its_name_is_that_line(fixture_assistant):
    from assistant.plan.vocabulary import in_plan_words

    assert in_plan_words("那城镇那条线呢？") == "那城镇开发边界呢？"
    assert in_plan_words("城市那条线呢") == "城市那条线呢"  # 城市绿线 or 城市紫线: not one line
    *_, answer = ask_all(fixture_assistant, "农田这回调了吗？", "质量会下降不？", "那城镇那条线呢？", "比原来少了多少？")
    assert "2.81" in answer.answer, answer.answer


def test_a_passage_carries_no_figure_of_its_line(fixture_assistant):
    # the 永久基本农田 passage (〔2025〕20号, 数量不减、质量不降) makes no figure question of the next turn
    *_, answer = ask_all(fixture_assistant, "农田质量会下降不？", "那城镇开发边界呢？")
    assert "城镇开发边界" in answer.answer and "8.2831" not in answer.answer, answer.answer


@pytest.mark.parametrize("question, refused", [
    ("部空间规划局那个政策口径的文号是什么？", True),   # cited without 《》 or a number
    ("城镇开发边界管理办法的文号呢？", False),          # 〈城镇开发边界管理办法（试行）〉…（自然资规〔2026〕1号）
    ("要素保障的通知文号是什么？", False),
])
def test_a_number_is_given_only_for_a_numbered_title(fixture_assistant, question, refused):
    answer = fixture_assistant.ask(question, Conversation())
    assert answer.refused is refused, answer.answer
    if refused:
        assert answer.answer.startswith("方案原文提到“政策口径”，但没有给出它的文号"), answer.answer


@pytest.mark.parametrize("question, refused", [
    ("开发边界里现状建设用地有多少？", True),       # named in a rule (调入现状建设用地等量进出), counted nowhere
    ("新增城镇用地调了多少？", True),
    ("预留机动规模有多少？", False),                 # a measure the plan gives (29.81 公顷)
    ("扩展规模是多少？", False),
    ("现在人均公园绿地面积是多少平方米？", True),    # per person: no total the plan states gives it
])
def test_land_measures_the_plan_names_but_never_counts(fixture_assistant, question, refused):
    answer = fixture_assistant.ask(question, Conversation())
    assert answer.refused is refused, answer.answer


def test_the_unmeasured_terms_come_from_the_plans_terms_less_its_figures():
    from assistant.qa.figure_unstated import UNMEASURED_TERMS

    assert "现状建设用地" in UNMEASURED_TERMS and "新增城镇用地" in UNMEASURED_TERMS
    assert not any(t in UNMEASURED_TERMS for t in ("预留机动规模", "扩展规模", "机动规模", "中心城区用地"))


@pytest.mark.parametrize("question, named", [
    ("下一次动态维护定在什么时候？", "下一次动态维护"),
    # the plan's own name may stand between
    ("下一次阳泉国土空间规划动态维护安排在哪一年？", "下一次阳泉国土空间规划动态维护"),
])
def test_the_next_maintenance_is_another_edition(fixture_assistant, question, named):
    answer = fixture_assistant.ask(question, Conversation())
    assert answer.refused and named in answer.answer, answer.answer


def test_a_county_outside_the_districts_is_where_every_part_asks(fixture_assistant):
    answer = fixture_assistant.ask("平定县城的城镇开发边界这次有没有调整，调了多少？", Conversation())
    assert answer.refused, answer.answer
    assert "2.81" not in answer.answer  # the 市辖区's change is not 平定县's


@pytest.mark.parametrize("question, quoted", [
    ("城郊那种一般的生态片区，还能不能搞点开发建设？", "适度的开发利用"),   # a gloss says 片区; the rule found says 生态
    ("市第五人民医院最近有什么新建计划吗？", "精神康复住院楼"),
    ("阳泉产业转型升级在用地空间上能得到什么支持？", "重点发展领域"),
])
def test_a_gloss_word_does_not_displace_an_answer_that_shares_the_questions_words(fixture_assistant, question, quoted):
    answer = fixture_assistant.ask(question, Conversation())
    assert quoted in answer.answer, answer.answer


def test_which_of_the_lines_named_changed(fixture_assistant):
    answer = fixture_assistant.ask("历史文化保护线和洪涝风险控制线，哪个这次调了？", Conversation())
    assert answer.answer.startswith("维护后面积增加的控制线：历史文化保护线"), answer.answer
    assert "洪涝风险控制线（4279.0808 公顷" in answer.answer
    assert "永久基本农田" not in answer.answer  # only the lines named


def test_asks_listed_with_the_enumeration_comma_are_each_answered(fixture_assistant):
    answer = fixture_assistant.ask("紫线原来多少、现在多少、是针对哪个建筑调的？", Conversation())
    assert "8.07" in answer.answer and "8.09" in answer.answer and "南山宾馆" in answer.answer, answer.answer
    from assistant.qa.decompose import split_asks

    assert split_asks("实施、延续各多少项？") == ["实施、延续各多少项？"]  # things listed, one ask
    assert len(split_asks("这个方案最终由哪一级政府、哪个部门审批？")) == 1  # two askers of one verb


def test_a_heading_named_keeps_its_list_whatever_gloss_another_word_is_in(fixture_assistant):
    answer = fixture_assistant.ask("方案批下来以后，实施保障有哪些方面？", Conversation())
    assert "包括以下 5 项" in answer.answer, answer.answer


def test_which_changed_of_the_lines_just_listed(fixture_assistant):
    answers = ask_all(fixture_assistant, "其他重要控制线这次包括哪几条？", "哪条变了？", "它现在多少公顷？")
    assert answers[1].answer.startswith("维护后面积增加的控制线：历史文化保护线（"), answers[1].answer
    assert "永久基本农田" not in answers[1].answer  # only the two just listed
    assert "710.6312" in answers[2].answer, answers[2].answer


def test_the_other_two_are_not_the_lines_just_given(fixture_assistant):
    *_, answer = ask_all(fixture_assistant, "三条控制线指哪三条？", "哪条没调？", "另外两条调完后各是多少？")
    assert "8.2831" in answer.answer and "9387.50" in answer.answer, answer.answer


def test_the_maps_of_the_three_lines_named_each(fixture_assistant):
    *_, answer = ask_all(fixture_assistant, "三条控制线维护分别指哪三条？", "第一条的数据怎么变的？", "第三条维护后面积多少？",
                         "这几条线的调整有对应的图吗？")
    assert "三条控制线维护前图（标明调出）" in answer.answer, answer.answer


def test_the_three_lines_said_are_the_three_whatever_lines_were_given_last(fixture_assistant):
    *_, answer = ask_all(fixture_assistant, "永久基本农田和城镇开发边界这次都是啥性质的调整？", "生态保护红线呢？",
                         "三条线里面积增加的是哪条？")
    assert answer.answer.startswith("维护后面积增加的控制线：永久基本农田"), answer.answer
