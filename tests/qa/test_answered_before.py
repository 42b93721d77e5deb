"""Follow-ups that point at what the last answer said: the member it named ("这个层次"), a name ending the same
way ("其他重要控制线"), another figure of the same line ("扩展规模"), a line after "哪条没动"; and a turn whose own
term is a new topic, or whose common nouns are in the line just quoted."""

import pytest
from conversation_helpers import dialogue

from assistant.qa import followup


def test_this_level_is_the_one_the_last_answer_put_the_district_in(fixture_assistant):
    *_, level = dialogue(fixture_assistant, "俺是矿区的，矿区算哪个层次？", "那这个层次维护些啥？")
    assert "三条控制线、规划分区、其他空间管控边界" in level.answer, level.answer


@pytest.mark.parametrize(("question", "previous", "quotes", "expected"), [
    ("那这个层次维护些啥？", "矿区算哪个层次？",
     ["本次规划动态维护分为市域、市辖区、中心城区三个层次：", "市辖区范围由城区、矿区、郊区构成，国土面积 653.61 平方千米。"],
     "那市辖区维护些啥？"),
    # the last question asked no "哪个层次": nothing to name
    ("那这个层次维护些啥？", "矿区面积多大？",
     ["本次规划动态维护分为市域、市辖区、中心城区三个层次：", "市辖区范围由城区、矿区、郊区构成，国土面积 653.61 平方千米。"],
     "那这个层次维护些啥？"),
    # two members beside the thing asked of: none is the answer
    ("这个层次有多大", "郊区算哪个层次？",
     ["分为市域、市辖区、中心城区三个层次：", "市辖区范围由城区、矿区、郊区构成。", "中心城区东起郊区杨家庄乡。"],
     "这个层次有多大"),
])
def test_the_member_answered(question, previous, quotes, expected):
    assert followup.answered_member(question, previous, quotes) == expected


def test_a_name_ending_the_same_way_takes_the_last_question(fixture_assistant):
    *_, other = dialogue(fixture_assistant, "城市重要控制线包括哪些？", "那“其他重要控制线”呢？")
    assert "历史文化保护线" in other.answer and "洪涝风险控制线" in other.answer, other.answer


@pytest.mark.parametrize(("question", "previous", "expected"), [
    ("那“其他重要控制线”呢？", "城市重要控制线包括哪些？", "其他重要控制线包括哪些？"),
    ("那折成亩是多少？", "净增加多少公顷？", "那折成亩是多少？"),  # it asks; it names nothing in another's place
    ("那市辖区维护些啥？", "俺是矿区的，矿区算哪个层次？", "那市辖区维护些啥？"),  # a scope with its own ask
    ("原来的扩展规模呢？", "开发边界扩展倍数多少？", "维护前开发边界扩展规模多少？"),
    ("那开发边界呢？", "哪条没动？", "城镇开发边界维护后变了没？"),
])
def test_rewritten(question, previous, expected):
    assert followup.rewrite(question, previous) == expected


def test_another_figure_of_the_same_line(fixture_assistant):
    *_, scale = dialogue(fixture_assistant, "开发边界扩展倍数多少？", "原来的扩展规模呢？")
    assert "973.98" in scale.answer and "1.28" not in scale.answer, scale.answer


def test_which_of_the_three_lines_then_one_of_them(fixture_assistant):
    grew, same, edge = dialogue(fixture_assistant, "市辖区这三条里维护后哪条变大了？", "哪条没动？", "那开发边界呢？")
    assert grew.answer.startswith("维护后面积增加的控制线：永久基本农田（8.2593 万亩 → 8.2831 万亩）。"), grew.answer
    assert "城市绿线" not in grew.answer and "城市绿线" not in same.answer, same.answer  # the three lines only
    assert same.answer.startswith("维护前后面积不变的控制线：生态保护红线"), same.answer
    assert "9387.50" in edge.answer and "9390.31" in edge.answer, edge.answer


def test_a_term_of_the_plans_own_is_a_new_topic(fixture_assistant):
    *_, positive = dialogue(fixture_assistant, "底线思维说的是哪几个安全战略？", "正向优化要推动哪些方面？")
    assert "耕地保护提质" in positive.answer, positive.answer


def test_common_nouns_in_the_line_just_quoted_are_of_that_line(fixture_assistant):
    *_, function = dialogue(fixture_assistant, "城市绿线维护前多少？", "净增了多少？", "调整后功能受影响吗？")
    assert "功能不降低" in function.answer and "服务范围不改变" in function.answer, function.answer
    # a term of the plan's (文物保护单位) is the turn's own subject: "加起来一共几处" counts its sites
    *_, sites = dialogue(fixture_assistant, "历史文化保护线维护前是多少公顷？", "维护后呢？",
                         "这次把哪些文物保护单位纳进来了？", "那加起来一共几处？")
    assert "23" in sites.answer, sites.answer


def test_which_of_the_three_grew_said_the_other_way_round(fixture_assistant):
    grew, fell = dialogue(fixture_assistant, "三条线里面积增加的是哪条？", "减少的呢？")
    assert grew.answer.startswith("维护后面积增加的控制线：永久基本农田"), grew.answer
    assert fell.answer.startswith("维护后面积减少的控制线：城镇开发边界"), fell.answer


def test_a_size_asked_after_a_levels_bounds_is_the_levels_size(fixture_assistant):
    """"总面积多少？" after 中心城区's bounds: a size is asked of the subject, it is no subject of its own."""
    _, size, share = dialogue(fixture_assistant, "中心城区四至范围怎么划的？", "总面积多少？", "占全市国土面积的比例呢？")
    assert size.intent == "figure" and "271.23" in size.answer, size.answer
    assert "5.95" in share.answer, share.answer


@pytest.mark.parametrize("asked", ["监督这块呢？", "那监督呢？"])
def test_a_rare_word_of_the_plans_headings_is_a_new_topic(fixture_assistant, asked):
    """"监督这块呢？" after 上图入库: 监督 heads a passage of its own (（四）监督管理) and the last quote never says
    it, so the 入库 subject is not carried; a generic word in a heading (原则, 方案) is no topic."""
    *_, supervision = dialogue(fixture_assistant, "成果入库有什么要求？", asked)
    assert "常态督查" in supervision.answer and "数据准确" not in supervision.answer, supervision.answer
    said = ["严格按照山西省“一张图”标准，将动态维护成果规范入库"]
    assert not fixture_assistant.text.names_new_term("这四条原则是哪位领导提出的？", said)


def test_the_other_lines_after_the_one_that_did_not_change(fixture_assistant):
    """"另外两条调整结果是多少？" after "三条控制线里哪条没调整？": the two of the three that changed, with figures."""
    _, others = dialogue(fixture_assistant, "三条控制线里哪条没调整？", "另外两条调整结果是多少？")
    assert "8.2831" in others.answer and "9387.50" in others.answer, others.answer
    assert "生态保护红线" not in others.answer and "历史文化保护线" not in others.answer, others.answer
    assert not any("生态保护红线" in c.section for c in others.citations), others.citations  # nor cited
    assert len(others.tables) == 2, others.tables
