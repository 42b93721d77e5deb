"""What a turn carries into the next one (its passages, its list, its subject), through the real assistant; the
rules read on one question are in test_answers_fit_the_ask.py."""

import pytest
from conversation_helpers import dialogue

from assistant.conversation import Conversation
from assistant.qa import elsewhere, followup, ordinals

# -- through the real assistant ----------------------------------------------------------------


def test_a_rule_asked_after_a_figure_is_read_from_the_text(fixture_assistant):
    """"那它是按什么原则优化的？" names the line just asked about and asks how, not its figure again."""
    *_, rule = dialogue(fixture_assistant, "市辖区永久基本农田维护后是多少万亩？", "那它是按照什么原则来优化的？")
    assert rule.intent != "figure" and "数量不减" in rule.answer, rule.answer
    *_, other = dialogue(fixture_assistant, "城镇开发边界维护后多少？", "那永久基本农田怎么样？")
    assert other.intent == "figure" and "8.2831" in other.answer  # "怎么样" after a figure: the same figure
    *_, names = dialogue(fixture_assistant, "历史文化保护线维护后多少公顷？", "那11处国家级的具体名称呢？")
    assert names.refused and "没有列出具体名单" in names.answer, names.answer  # names, not the area again


def test_a_whole_question_after_an_unrelated_refusal_is_answered(fixture_assistant):
    refused, answered = dialogue(fixture_assistant, "十五五规划里阳泉GDP目标是多少？", "那好，维护后永久基本农田多少万亩？")
    assert refused.refused
    assert not answered.refused and "8.2831" in answered.answer


def test_another_county_in_a_follow_up_is_that_countys_question(fixture_assistant):
    _, other = dialogue(fixture_assistant, "城市紫线维护后多少公顷？", "平定县的呢？")
    assert other.refused and "平定县" in other.answer and "8.09" not in other.answer


def test_the_nth_item_of_the_list_just_given(fixture_assistant):
    listed, second, too_far = dialogue(fixture_assistant, "这次编制原则有几条？", "第二条具体讲的啥？", "第九条呢？")
    assert "正向优化" in listed.answer
    assert "布局更优" in second.answer and "杜绝各类低效、无序调整" in second.answer
    assert all(c.section.endswith("2.正向优化，提质增效") for c in second.citations)
    assert too_far.refused and "没有第 9 项" in too_far.answer


def test_a_question_without_a_topic_reads_the_last_answers_passage(fixture_assistant):
    first, principle = dialogue(fixture_assistant, "老百姓能参与这个方案吗？", "按什么原则来？")
    assert "广泛征求社会公众意见建议" in first.answer
    assert "公开、公平、公正" in principle.answer and not principle.refused
    # Alone, the same words have no topic the plan answers in one place.
    alone = fixture_assistant.ask("按什么原则来？")
    assert "公开、公平、公正" not in alone.answer


def test_a_level_of_the_plan_is_the_subject_a_later_turn_points_back_to(fixture_assistant):
    """"中心城区总面积多大？" then "这个层次主要维护哪些内容？": 中心城区 whole, not jieba's 中心 + 城区."""
    size, content = dialogue(fixture_assistant, "中心城区总面积多大？", "这个层次主要维护哪些内容？")
    assert "271.23" in size.answer
    assert "中心城区层面维护工作主要包括中心城区用地规划布局" in content.answer, content.answer
    assert "市域层面维护工作" not in content.answer
    area, content = dialogue(fixture_assistant, "市辖区由哪几个区构成？", "它的国土面积多大？")
    assert "653.61" in content.answer and "4558.96" not in content.answer, content.answer


def test_a_district_asked_after_its_level_is_its_own_question(fixture_assistant):
    """"那矿区自己的面积是多少？" after 市辖区: the plan gives no 矿区 area; not 市辖区's again."""
    *_, own = dialogue(fixture_assistant, "市辖区由哪几个区构成？", "它的国土面积多大？", "那矿区自己的面积是多少？")
    assert own.refused and "未涉及矿区单独的国土面积" in own.answer and "653.61 平方千米。" not in own.answer, own.answer


def test_another_place_alone_keeps_the_line_the_turns_were_about(fixture_assistant):
    """"这次调了吗？" of 生态保护红线, then "那盂县的呢？": 盂县's 生态保护红线, which the plan does not cover."""
    *_, county = dialogue(fixture_assistant, "市辖区生态保护红线有多大？", "这次调了吗？", "那盂县的呢？")
    assert county.refused and "盂县" in county.answer, county.answer


def test_which_ones_after_a_figure_is_not_the_figure_again(fixture_assistant):
    _, what = dialogue(fixture_assistant, "市辖区国土面积多少？", "那维护了哪些内容？")
    assert what.intent != "figure" and "维护工作主要包括" in what.answer, what.answer


def test_a_reason_after_a_figure_is_read_from_the_text(fixture_assistant):
    _, why = dialogue(fixture_assistant, "历史文化保护线维护后是多少公顷？", "为什么变大了？")
    assert why.intent == "policy"
    assert "国家级文物保护单位" in why.answer and "省级文物保护单位" in why.answer


@pytest.mark.parametrize(("question", "plan_says"), [
    ("能把新增项目的名单列一下吗？", "新增 180 项"),
    ("这些国家级文物保护单位具体是哪些？", "11 处国家级文物保护单位"),
    ("精准上图、示意上图这几种方式各有多少项？", None),
    ("重点项目的每种上图方式各有多少项？", "564 项"),  # the plan counts them by status only
    ("要是有人违规建设，怎么处罚？", None),
    ("征求意见到哪天截止？", None),
])
def test_what_the_plan_only_counts_or_never_says_is_refused(fixture_assistant, question, plan_says):
    answer = fixture_assistant.ask(question)
    assert answer.refused, answer.answer
    if plan_says:
        assert plan_says in answer.answer and answer.citations  # what the plan does say stays quoted


@pytest.mark.parametrize("question", ["这个方案是谁编的？", "什么时候公布的？", "这是哪个政府出的文件？", "方案啥时候出的？"])
def test_who_and_when_of_the_document_is_its_cover(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert "阳泉市人民政府" in answer.answer and "2026年6月" in answer.answer


@pytest.mark.parametrize("question", ["阳泉什么时候开通地铁？", "规划期限到哪一年？"])
def test_when_of_something_else_is_not_the_cover(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert "落款" not in answer.answer and answer.refused


def test_a_described_line_in_everyday_words_is_answered_not_refused(fixture_assistant):
    answer = fixture_assistant.ask("每年下大雨河边都淹，这次规划把防洪那条线改了没有？")
    assert not answer.refused and "不涉及洪涝风险控制线调整" in answer.answer


def test_a_place_the_plan_names_is_quoted_beside_its_check(fixture_assistant):
    answer = fixture_assistant.ask("河底镇属于哪个区？")
    assert answer.intent == "location" and "方案原文提到“河底镇”" in answer.answer
    assert any("北起郊区河底镇" in c.quote and c.section == "三、编制范围" for c in answer.citations)


def test_the_plans_own_list_name_is_not_a_request_for_a_list(fixture_assistant):
    answer = fixture_assistant.ask("重点建设项目清单维护是跟哪个规划衔接的？")
    assert answer.intent == "policy" and "十五五" in answer.answer and "结合地方实际发展情况" in answer.answer


def test_which_ones_after_a_count_is_refused_and_why_after_a_change_is_answered(fixture_assistant):
    conversation = Conversation()
    fixture_assistant.ask("重点建设项目一共多少项？", conversation)
    assert "22" in fixture_assistant.ask("撤销了几项？", conversation).answer
    which = fixture_assistant.ask("具体是哪些？", conversation)
    assert which.refused and which.answer.startswith("方案原文只给出了数量"), which.answer
    conversation = Conversation()
    fixture_assistant.ask("历史文化保护线维护后是多少公顷？", conversation)
    why = fixture_assistant.ask("为什么变大了？", conversation)
    assert not why.refused and "国家级文物保护单位" in why.answer, why.answer


def test_a_line_every_quote_is_headed_by_is_what_the_next_turn_asks_about(fixture_assistant):
    """"南山宾馆那栋老楼" names no line; its answer is the 城市紫线 section, so "调出去了多少" is the 紫线's."""
    told, moved, total = dialogue(fixture_assistant, "南山宾馆那栋老楼的保护范围，这回是咋调整的？", "调出去了多少平方米？",
                                  "调出和调入加一块一共动了多少平方米？")
    assert "城市紫线" in told.answer
    assert "734.46" in moved.answer and "6.07" not in moved.answer, moved.answer
    assert "1717.26" in total.answer, total.answer


def test_a_line_the_plan_lacks_named_in_a_follow_up_is_refused(fixture_assistant):
    first, blue, red = dialogue(fixture_assistant, "洪涝风险控制线维护前多少公顷？", "那城市蓝线这回维护后是多少？",
                                "那生态那条红线这回调没调，规模多大？")
    assert "4279.0808" in first.answer
    assert blue.refused and "蓝线" in blue.answer, blue.answer
    assert not red.refused and "10 平方千米" in red.answer and "4279" not in red.answer, red.answer


@pytest.mark.parametrize("turns", [("城市紫线维护后多少？", "那它的保护要求有没有变？"),
                                   ("城市紫线维护后多少？", "调整的是哪个建筑？", "它的保护要求变了吗？")])
def test_a_rule_asked_of_it_after_a_figure_is_the_text(fixture_assistant, turns):
    *_, rule = dialogue(fixture_assistant, *turns)
    assert rule.intent != "figure" and "不改变其历史建筑的保护属性" in rule.answer, rule.answer


def test_what_is_asked_of_the_nth_item_is_read_in_its_passage_and_the_list_stays(fixture_assistant):
    """"第三条最终要实现什么？" names its own topic (实现), yet 第三条 points into the principles just listed."""
    _, first, second, third, fourth = dialogue(fixture_assistant, "本次动态维护有哪四条编制原则？", "第一条要严守哪三条控制线？",
                                               "第二条要求杜绝什么样的调整？", "第三条最终要实现什么？", "第四条讲的啥？")
    assert "严守永久基本农田保护红线、生态保护红线、城镇开发边界" in first.answer, first.answer
    assert "低效、无序调整" in second.answer, second.answer
    assert "空间供给与发展需求精准匹配" in third.answer, third.answer
    assert "统筹协调，系统衔接" in fourth.answer, fourth.answer


def test_bodies_asked_after_a_rule_are_read_where_the_plan_lists_them(fixture_assistant):
    _, bodies = dialogue(fixture_assistant, "方案批下来以后，项目审批要守什么原则？", "要哪些部门一起配合？")
    assert not bodies.refused and "发改" in bodies.answer, bodies.answer


def test_the_nth_kind_of_a_series_is_its_own_sentence(fixture_assistant):
    """"第三类里具体落实了哪些项目？" after the four kinds (一是…四是…, one passage): the third sentence, not the
    plan's other "三类" (精准上图、示意上图、增补清单) found by reading the whole plan for a list."""
    _, third = dialogue(fixture_assistant, "中心城区用地规划布局维护主要有哪几类用途调整？", "第三类里具体落实了哪些项目？")
    assert len(third.citations) == 1 and third.citations[0].quote.startswith("三是"), third.answer
    assert "高新区特勤消防站" in third.answer


def test_one_sentence_is_no_list_an_ordinal_counts_in(fixture_assistant):
    """"第一条要守住哪几条线" after a question on the third principle answered by one sentence: the principles
    listed two turns back are still the list counted in."""
    *_, first = dialogue(fixture_assistant, "编制原则都有哪些？", "第三条是什么", "它强调要衔接哪个时期的重大项目？",
                         "第一条要守住哪几条线")
    assert "底线思维" in first.answer and "生态保护红线" in first.answer, first.answer


@pytest.mark.parametrize(("question", "said"), [("去年那版方案是几月份发布的", "去年那版方案"),
                                                ("明年的规划会怎么调", "明年的规划")])
def test_another_years_edition_said_in_words_is_refused(question, said):
    reason = elsewhere.out_of_scope(question, "2026 年度动态维护方案", ())
    assert reason and said in reason, reason


def test_a_demonstrative_noun_is_the_longer_name_just_quoted(fixture_assistant):
    """"这些控制线有哪几条？" after "…中心城区用地规划布局、城市重要控制线等内容": 城市重要控制线, which heads a
    part of the plan, and its two lines; the rewrite is said."""
    *_, lines = dialogue(fixture_assistant, "中心城区这个层面主要维护啥内容", "这些控制线有哪几条？")
    assert "城市绿线" in lines.answer and "城市紫线" in lines.answer, lines.answer
    assert any("城市重要控制线有哪几条" in n for n in lines.notes), lines.notes
    headings = ["四、动态维护方案 > （五）城市重要控制线维护"]
    assert followup.named_by_demonstrative("这个方案是谁发布的", "三条控制线。", headings) == "这个方案是谁发布的"


def test_the_nth_thing_is_the_nth_of_the_list_a_sentence_gives(fixture_assistant):
    """"第二个是干啥的" after the facilities: the second thing the sentence lists (主要落实A、B、C…), not the
    second sentence; "最后一个" the last thing; "第二条" still the second sentence."""
    _, second, last = dialogue(fixture_assistant, "中心城区这次落实了哪些公共服务设施？", "第二个是干啥的", "最后一个呢")
    assert "第 2 个是“郊区幸福家园养老中心”" in second.answer, second.answer
    assert "第 5 个是“高新区特勤消防站及配套消防训练设施”" in last.answer, last.answer
    _, clause = dialogue(fixture_assistant, "中心城区这次落实了哪些公共服务设施？", "第二条是什么")
    assert "第 2 项“二是涉及城镇开发边界局部优化的用途调整；”" in clause.answer, clause.answer


def test_the_last_item_asked_alone_is_the_last_of_the_list(fixture_assistant):
    *_, last = dialogue(fixture_assistant, "方案后面附了几张图", "第二张是什么", "最后一张呢")
    assert "第 8 项" in last.answer and "中心城区用地规划布局图" in last.answer, last.answer
    assert ordinals.only_ordinal("第三张讲的啥") and not ordinals.only_ordinal("第三条最终要实现什么？")


def test_who_approves_said_short_is_the_approving_body(fixture_assistant):
    *_, who = dialogue(fixture_assistant, "生态控制区能不能搞开发", "谁来批")
    assert who.refused and "审批机关" in who.answer, who.answer
    agrees = fixture_assistant.ask("规划调整要经过谁同意")  # 同意 said for 批准
    assert agrees.refused and "审批机关" in agrees.answer, agrees.answer


def test_the_headings_may_be_given_once_as_an_iterator():
    """Every candidate name is looked up in all the headings, whatever order the plan lists them in."""
    headings = ["四、动态维护方案 > （五）城市重要控制线维护", "四、动态维护方案 > （一）三条控制线维护"]
    quote = "包括三条控制线、城市重要控制线等内容。"
    assert followup.named_by_demonstrative("这些控制线有哪几条？", quote, iter(headings)) == "城市重要控制线有哪几条？"


# -- round 32: found by set R (v19) and its neighbours ------------------------------------------


def test_an_item_past_the_quoted_ones_is_the_passages_next_in_series(fixture_assistant):
    """"第四类调整是什么？" after an answer quoting three of the passage's "一是…三是…": its "四是"."""
    *_, fourth = dialogue(fixture_assistant, "市第五人民医院这次有什么项目？", "它属于哪一类调整？", "第四类调整是什么？")
    assert not fourth.refused and "乡村一二三产业融合发展项目用途" in fourth.answer, fourth.answer


@pytest.mark.parametrize("turns", [
    ("城市绿线调出去的是哪个公园？",),
    ("城市绿线调出了多少", "调出去的是哪几块地？"),
])
def test_which_place_is_asked_where_the_plan_gives_only_an_area(fixture_assistant, turns):
    *_, which = dialogue(fixture_assistant, *turns)
    assert which.refused and "具体位置" in which.answer, which.answer


@pytest.mark.parametrize(("question", "previous", "rewritten"), [
    ("省厅那一份呢？", "里面引用的自然资源部和国家林草局那份文件，文号是什么？", "里面引用的省厅那一份，文号是什么？"),
    ("2024年那份呢？", "方案引用的2025年发的文件是哪一个？", "方案引用的2024年发的文件是哪一个？"),
    ("省厅那一份呢？", "城镇开发边界维护后多少？", "省厅那一份呢？"),  # no document asked before
])
def test_a_document_named_in_place_of_the_last(question, previous, rewritten):
    assert followup.rewrite(question, previous) == rewritten


def test_the_provinces_document_after_the_ministrys(fixture_assistant):
    conversation = Conversation()
    fixture_assistant.ask("里面引用的自然资源部和国家林草局那份文件，文号是什么？", conversation)
    answer = fixture_assistant.ask("省厅那一份呢？", conversation)
    assert not answer.refused and "晋自然资函〔2026〕95号" in answer.answer, answer.answer
