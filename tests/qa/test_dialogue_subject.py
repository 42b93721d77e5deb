"""What a turn is about: the subject carried from the turns before (a line read from a figure, the last two
lines), or a topic of its own (a thing described anew, the whole work, the document, a thing pointed at)."""

import pytest
from conversation_helpers import dialogue

from assistant.conversation import Conversation
from assistant.plan.vocabulary import in_plan_words
from assistant.qa import followup


@pytest.mark.parametrize(("first", "subject"), [("生态保护红线维护后多少平方千米？", ["生态保护红线"]),
                                                ("城镇开发边界的扩展倍数是多少", ["城镇开发边界"])])
def test_the_subject_carried_is_the_thing_asked_about_whole(fixture_assistant, first, subject):
    """Not jieba's pieces of the name (生态, 红线) nor the measure asked of it (倍数)."""
    conversation = Conversation()
    fixture_assistant.ask(first, conversation)
    assert conversation.context["subject"] == subject
    follow = fixture_assistant.ask("它的调整原则是什么？", conversation)
    assert f"（{'、'.join(subject)}）" in " ".join(follow.notes), follow.notes


def test_a_places_own_bounds_take_no_subject_carried_over(fixture_assistant):
    """"中心城区最南边到哪里？" after 养老 and 中心城区's kinds of projects: the bounds of 中心城区 itself, not of
    the subject carried over (中心城区用地、养老)."""
    conversation = Conversation()
    fixture_assistant.ask("我爸妈年纪大了，这次规划里有没有养老方面的安排？", conversation)
    fixture_assistant.ask("这些都归在中心城区优化的哪一类里？", conversation)
    bounds = fixture_assistant.ask("中心城区最南边到哪里？", conversation)
    assert "南至城区义井镇" in bounds.answer, bounds.answer


def test_a_question_naming_the_document_is_about_it_not_the_last_subject(fixture_assistant):
    *_, issuer = dialogue(fixture_assistant, "对接的是哪个时期的规划", "方案是谁发布的？")
    assert not issuer.refused and "阳泉市人民政府" in issuer.answer, issuer.answer
    *_, line = dialogue(fixture_assistant, "城镇开发边界维护后多少", "这个是谁定的")  # of the line: no issuer
    assert "落款" not in line.answer, line.answer


def test_another_line_asked_after_a_pronoun_turn_is_that_line(fixture_assistant):
    """"那历史文化保护线呢" after "它主要管啥（洪涝风险控制线）": the rewrite names the new line in brackets; the
    old one is not carried on beside it, nor its passage read first."""
    *_, other = dialogue(fixture_assistant, "洪涝风险控制线多大", "它主要管啥", "那历史文化保护线呢")
    assert "历史文化保护线" in other.answer and "4279.0808" not in other.answer, other.answer


def test_a_note_in_brackets_is_no_subject(fixture_assistant):
    *_, north = dialogue(fixture_assistant, "阳泉中心城那一大片一共占多大地方？", "换算成万亩呢？（保留两位小数）",
                         "它北头从哪个镇起？")
    assert "河底镇" in north.answer, north.answer


def test_a_place_named_with_the_line_is_kept_in_the_rewrite(fixture_assistant):
    """"那盂县的永久基本农田呢？" after a rule of 永久基本农田: the county is asked of too, so refused (the plan's
    lines cover the 市辖区 only), not answered with the 市辖区's rule."""
    assert "盂县" in followup.rewrite("那盂县的永久基本农田呢？", "按什么原则来优化的？（永久基本农田）")
    *_, county = dialogue(fixture_assistant, "市辖区永久基本农田维护后多少", "按什么原则来优化的？", "那盂县的永久基本农田呢？")
    assert county.refused and "盂县" in county.answer, county.answer


def test_a_line_read_from_a_figure_is_the_subject_carried_on(fixture_assistant):
    """"依据的是哪个文件？" after "种粮食的地…总量少了没" (answered with 永久基本农田's figures) and a reason:
    that line's document, not the 粮食安全 of a principle."""
    *_, which = dialogue(fixture_assistant, "种粮食的地会不会被拿去盖房子，总量少了没？", "为什么说这是正向优化？",
                         "依据的是哪个文件？")
    assert "晋自然资发〔2025〕20号" in which.answer, which.answer
    assert any(n.endswith("（永久基本农田）") for n in which.notes), which.notes
    assert "粮食安全" not in which.answer, which.answer


def test_the_two_lines_are_the_last_two_spoken_of(fixture_assistant):
    """"这两条线的调整符合正向优化要求吗？" after 城市紫线 and then 城市绿线: each line's own sentence."""
    *_, both = dialogue(fixture_assistant, "紫线原来多少公顷？", "维护后增加了多少公顷？", "绿线又增加了多少？",
                        "这两条线的调整符合正向优化要求吗？")
    assert "南山宾馆" in both.answer and "301.11" in both.answer, both.answer
    assert both.answer.count("符合动态维护正向优化要求") >= 2, both.answer


def test_a_thing_described_anew_is_not_the_last_passage(fixture_assistant):
    """"山上不让动的那些地方" after 城镇开发边界: a description of its own is the topic; the same description in
    the question a follow-up is rewritten from is not new, and the passage of the last turn stays."""
    *_, hills = dialogue(fixture_assistant, "城镇开发边界现在多大？", "山上不让动的那些地方这次动了吗？")
    assert "不涉及生态保护红线调整" in hills.answer, hills.answer
    *_, before = dialogue(fixture_assistant, "听说这回把咱这儿保着不让盖房的口粮地又调了调，现在是多大规模？",
                          "那没调之前是多少？")
    assert "8.2593" in before.answer, before.answer


def test_the_whole_work_asked_of_is_not_the_last_subject(fixture_assistant):
    *_, whole = dialogue(fixture_assistant, "永农优化依据的哪个文件？", "开发边界呢？", "那整个维护工作总的依据是哪几个通知？")
    assert "自然资发〔2026〕38号" in whole.answer and "晋自然资函〔2026〕95号" in whole.answer, whole.answer


def test_the_maps_carried_in_brackets_ask_for_no_map(fixture_assistant):
    """"图上具体哪块地被调出去了（附图）": where the land is, which the plan does not say; not the map of 调出."""
    *_, where = dialogue(fixture_assistant, "方案附图都有哪些？", "图上具体哪块地被调出去了，能说一下位置吗？")
    assert where.refused and "没有给出具体位置" in where.answer, where.answer


def test_who_set_it_after_the_cover_is_its_issuer(fixture_assistant):
    *_, who = dialogue(fixture_assistant, "这次规划啥时候定的", "谁定的")  # jieba: 谁定 is one word
    assert not who.refused and "阳泉市人民政府" in who.answer, who.answer


def test_those_things_point_at_a_thing_not_back_to_the_last_question():
    assert not followup.is_followup("那些调出去的绿地干啥用了")
    assert followup.is_followup("那调入的呢") and followup.is_followup("那个调入的呢")


def test_the_centre_said_the_other_way_round_is_the_central_district(fixture_assistant):
    assert in_plan_words("城中心那一大片多大") == "中心城区那一大片多大"
    *_, centre = dialogue(fixture_assistant, "阳泉有多大", "市区呢", "城中心呢")  # 市区 is the scope replaced
    assert "271.23" in centre.answer and "653.61" not in centre.answer, centre.answer
