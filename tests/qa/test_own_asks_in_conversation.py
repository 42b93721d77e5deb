"""A turn in a conversation asks what it asks, not what the turn before it asked: who pays (谁掏) is no figure of
the line just counted; a penalty or a consequence asked in a word of its own (怎么罚, 什么后果); what a term means,
which the plan's figures under a heading of that name do not say; a zone of a line's name the plan never names
(储备区); which of the sites counted is largest; sides asked after other sides (东西两头); "这个调整" pointing at
the change just spoken of, not the document; a thing named in place of the last one, and its share; a year asked
of a thing, not of a notice cited beside it; fees and titles to property."""

from assistant.conversation import Conversation
from assistant.qa.decompose import split_asks


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


def test_who_pays_is_no_figure_of_the_line_just_counted(fixture_assistant):
    *_, pays = ask(fixture_assistant, "城市绿线原来是多少公顷？", "这回调出、调入各有多少？",
                   "那这些绿线里的绿地，养护费由谁掏？")
    assert pays.refused and "6.07" not in pays.answer.split("方案中相关的原文")[0], pays.answer


def test_a_penalty_or_consequence_asked_in_words_of_its_own(fixture_assistant):
    *_, fined = ask(fixture_assistant, "市辖区生态保护红线多少？", "要是有人在红线里违规建房，会怎么罚？")
    assert fined.refused and "处罚" in fined.answer, fined.answer
    (after,) = ask(fixture_assistant, "要是突破了约束性指标会有什么后果？")
    assert after.refused and "处罚或追责" in after.answer, after.answer


def test_a_meaning_is_given_by_words_not_by_a_headings_figures(fixture_assistant):
    from assistant.qa.elaboration import asks_meaning

    assert asks_meaning("城市绿线到底是什么意思？") and asks_meaning("什么叫正向优化？")
    assert not asks_meaning("城市绿线是多少？")
    (line,) = ask(fixture_assistant, "我想先问问，城市绿线到底是什么意思？")
    assert line.refused and "定义或解释" in line.answer, line.answer
    (principle,) = ask(fixture_assistant, "正向优化是什么意思？")
    assert not principle.refused and "布局更优" in principle.answer, principle.answer


def test_a_thing_named_in_place_of_the_last_one_and_its_share():
    assert split_asks("那预留的机动规模呢？占多少？") == ["那预留的机动规模呢？", "占多少？"]
    assert split_asks("叫啥？占多少？") == ["叫啥？占多少？"]


def test_the_reserved_scale_and_its_share(fixture_assistant):
    *_, both = ask(fixture_assistant, "维护后城镇开发边界的扩展规模是多少？", "那预留的机动规模呢？占多少？")
    assert "29.81" in both.answer and "3.06" in both.answer, both.answer


def test_which_of_the_sites_counted_is_largest(fixture_assistant):
    *_, largest = ask(fixture_assistant, "历史文化保护线这次调整前后各是多少？", "两类加起来一共多少处？",
                      "这23处里面哪一处占地最大？")
    assert largest.refused and "各自的面积" in largest.answer, largest.answer


def test_fees_and_titles_the_plan_never_speaks_of(fixture_assistant):
    *_, fee, title = ask(fixture_assistant, "市辖区城镇开发边界原来规划了多少公顷？", "养护费由谁掏？",
                         "边界缩了以后，我们那片的房子办证会受影响吗？")
    assert fee.refused and "费用" in fee.answer, fee.answer
    assert title.refused and "产权" in title.answer, title.answer


def test_this_change_points_at_the_one_just_spoken_of(fixture_assistant):
    *_, why = ask(fixture_assistant, "城市紫线这次调出了多少平方米？", "为什么要做这个调整？")
    assert "空间位置进行精准校正" in why.answer and "二十届四中全会" not in why.answer, why.answer
    *_, whole = ask(fixture_assistant, "城市紫线这次调出了多少平方米？", "为什么要做这次动态维护？")
    assert "二十届四中全会" in whole.answer, whole.answer


def test_who_made_the_document_asked_with_an_adverb(fixture_assistant):
    *_, made = ask(fixture_assistant, "城市紫线是怎么划的？", "这个方案主要是谁编的？")
    assert "阳泉市人民政府" in made.answer and "8.07" not in made.answer, made.answer


def test_sides_asked_after_other_sides(fixture_assistant):
    *_, sides = ask(fixture_assistant, "阳泉中心城区总面积是多少？", "它北边和南边分别到哪里？", "那东西两头呢？")
    assert not sides.refused and "杨家庄乡" in sides.answer and "坡头村" in sides.answer, sides.answer


def test_a_zone_of_a_lines_name_the_plan_never_names(fixture_assistant):
    from assistant.qa.figure_unstated import unnamed_zone

    text = "永久基本农田”“农田保护区”“城镇开发边界扩展倍数"
    assert unnamed_zone("永久基本农田储备区这次补了多少？", text) == "永久基本农田储备区"
    assert unnamed_zone("永久基本农田保护区有多大", text) is None  # 农田保护区: the plan's zone
    assert unnamed_zone("城镇开发边界扩展区多少？", text) is None    # 扩展: the plan's word of that line
    assert unnamed_zone("生态保护红线区域内能建房吗", text) is None
    (reserve,) = ask(fixture_assistant, "永久基本农田储备区这次补了多少？")
    assert reserve.refused and "储备区" in reserve.answer, reserve.answer


def test_the_year_asked_is_the_things_own(fixture_assistant):
    *_, met = ask(fixture_assistant, "这次维护是为了贯彻哪次会议的精神？", "那次全会是哪一年开的？")
    assert met.refused and "年份" in met.answer, met.answer
    for question in ("方案是哪一年发布的？", "这是哪一年的动态维护方案？"):  # the document's own, on its cover
        (issued,) = ask(fixture_assistant, question)
        assert not issued.refused and "2026年6月" in issued.answer, issued.answer

