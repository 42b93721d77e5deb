"""A turn's own words are judged against what the quotes say, whatever the passage was found by: the line carried
over from the last turn (or the heading of the passage pointed back to) vouches for the passage, not for a 厂子 or a
通报 the turn asks of; members of a kind are named only where a quote names them (a word ending in the kind, or a
list it closes), not where the kind's word stands alone ("产业转型升级" lists no industries); the head of what is
asked whether there is (有没有用地指标奖励: 奖励); money asked in any way; the use land was changed to, the pieces
moved, the districts an amount goes to; building before approval. And the readings around them: a pressing word
(到底) stands for no plan word, a map's sheets counted, the asker's land zoned, the innermost and outermost levels,
a town's villages counted, lines changed asked in the perfect (调整过), 前者 and 后者, and what only qualifies
the thing asked (养老方面的, 给…病人, a rule's 前提)."""

import pytest

from assistant.conversation import Conversation
from assistant.qa.listed import members_named
from assistant.qa.unsaid import things_if_any


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


def before_quotes(answer):
    return answer.answer.split("方案中相关的原文")[0]


def test_the_line_carried_over_vouches_for_no_thing_of_the_turn(fixture_assistant):
    *_, factories = ask(fixture_assistant, "生态保护红线这回有没有变小？", "它面积多少？", "红线范围里的村庄要搬走吗？",
                        "那里面原先的厂子咋处理？")
    assert factories.refused and "厂子" in before_quotes(factories), factories.answer
    # the turn's words the quotes do hold are still answered
    *_, kept = ask(fixture_assistant, "生态保护红线这回有没有变小？", "它面积多少？", "这次调整它了吗？")
    assert not kept.refused and "不涉及生态保护红线调整" in kept.answer, kept.answer


def test_a_word_done_to_is_no_modifier_of_whose(fixture_assistant):
    *_, reported = ask(fixture_assistant, "正向优化原则要杜绝哪类调整？", "之前有没有地方因为低效调整被通报过的？")
    assert reported.refused and "通报" in before_quotes(reported), reported.answer


def test_money_asked_in_any_way(fixture_assistant):
    *_, funds = ask(fixture_assistant, "市五院在这次维护里有什么建设内容？", "盖楼的钱从哪儿来？")
    assert funds.refused and "金额" in before_quotes(funds), funds.answer


def test_members_are_named_only_where_a_quote_names_them():
    assert not members_named("产业", "紧扣阳泉市产业转型升级、城乡融合发展等核心需求")
    assert members_named("设施", "三是完善教育、医疗、养老等公共服务设施布局")
    assert members_named("站", "郊区新城大道一级消防站")


def test_a_kind_said_alone_lists_no_members(fixture_assistant):
    *_, industries = ask(fixture_assistant, "需求导向原则主要紧扣哪些需求？", "那到底是哪些产业呢？")
    assert industries.refused, industries.answer
    (facilities,) = ask(fixture_assistant, "中心城区这次主要落实了哪些公共服务设施？")
    assert not facilities.refused and "市第五人民医院" in facilities.answer, facilities.answer


def test_things_to_be_built_are_members_asked(fixture_assistant):
    *_, schools = ask(fixture_assistant, "养老方面这次有什么安排？", "那教育方面要新建哪些学校？")
    assert schools.refused and "学校" in before_quotes(schools), schools.answer


@pytest.mark.parametrize(("question", "nouns"), [
    ("重点项目落地有没有用地指标奖励？", ["用地", "指标", "奖励"]),
    ("红线范围内现在还有没有矿山在开采？", ["矿山"]),
    ("生态保护红线有没有调整？", []),
])
def test_the_nouns_asked_after_youmeiyou(question, nouns):
    assert things_if_any(question) == nouns


def test_the_head_of_what_is_asked_whether_there_is(fixture_assistant):
    *_, reward = ask(fixture_assistant, "需求导向原则主要紧扣哪些需求？", "重大项目落地有没有用地指标奖励？")
    assert reward.refused and "奖励" in before_quotes(reward), reward.answer
    *_, figures = ask(fixture_assistant, "方案要求和哪些专项工作协同？", "和“十五五”规划衔接有没有量化指标？")
    assert figures.refused and "量化" in before_quotes(figures), figures.answer


def test_the_use_the_pieces_and_the_districts_of_a_change(fixture_assistant):
    *_, use = ask(fixture_assistant, "城市绿线调了多少？", "调出去的那部分变成啥地了？")
    assert use.refused and "用途" in before_quotes(use), use.answer
    *_, pieces = ask(fixture_assistant, "城市绿线调了多少？", "调入的具体是哪几块？")
    assert pieces.refused and "位置" in before_quotes(pieces), pieces.answer
    *_, districts = ask(fixture_assistant, "预留的机动规模有多少？", "这部分机动指标要分配给哪几个区？")
    assert districts.refused and "区县" in before_quotes(districts), districts.answer


def test_building_before_approval_asks_a_consequence(fixture_assistant):
    *_, early = ask(fixture_assistant, "方案获批后对项目审批有什么要求？", "如果项目没经批准就动工了会怎样？")
    assert early.refused and "处罚或追责" in before_quotes(early), early.answer


def test_a_pressing_word_stands_for_no_plan_word(fixture_assistant):
    # (到底 is as like 通过 as anything; expanded, it found 正向优化's "通过维护内容实现…")
    *_, industries = ask(fixture_assistant, "需求导向原则主要紧扣哪些需求？", "那究竟是哪些产业呢？")
    assert industries.refused and "正向优化" not in industries.answer, industries.answer


def test_a_maps_sheets_counted(fixture_assistant):
    (sheets,) = ask(fixture_assistant, "国土空间用途分区图是不是有维护前后两张？")
    assert not sheets.refused and "国土空间用途分区图（维护前）" in sheets.answer \
        and "国土空间用途分区图（维护后）" in sheets.answer, sheets.answer


def test_the_askers_land_zoned_asks_for_its_location(fixture_assistant):
    (zoned,) = ask(fixture_assistant, "俺家那块承包地被规划成啥了？")
    assert zoned.refused and "坐标" in zoned.answer, zoned.answer


def test_the_innermost_and_outermost_levels(fixture_assistant):
    *_, inner = ask(fixture_assistant, "这次维护分成几个层次？", "最里头那层有多大？")
    assert not inner.refused and "271.23" in inner.answer, inner.answer
    *_, outer = ask(fixture_assistant, "这次维护分成几个层次？", "最外面的一层面积多少？")
    assert not outer.refused and "4558.96" in outer.answer, outer.answer


def test_villages_of_a_town_counted(fixture_assistant):
    (villages,) = ask(fixture_assistant, "河底镇有多少个村在中心城区范围内？")
    assert villages.refused and "河底镇" in villages.answer and villages.location is None, villages.answer
    (inside,) = ask(fixture_assistant, "河底镇在不在中心城区内？")
    assert not inside.refused and inside.intent == "location", inside.answer


def test_lines_changed_asked_in_the_perfect(fixture_assistant):
    (changed,) = ask(fixture_assistant, "有哪些控制线这回是调整过的？")
    assert not changed.refused and "城镇开发边界" in changed.answer and "城市紫线" in changed.answer, changed.answer


def test_the_former_and_the_latter(fixture_assistant):
    *_, former = ask(fixture_assistant, "历史文化保护线和洪涝风险控制线这回谁调了？", "没调的那条多大？", "前者为什么变大了？")
    assert not former.refused and "国家级文物保护单位" in former.answer, former.answer
    *_, latter = ask(fixture_assistant, "城市绿线维护后是多少？", "城市紫线呢？", "后者调入了多少？")
    assert not latter.refused and "982.80" in latter.answer, latter.answer


def test_what_only_qualifies_the_thing_asked_is_no_thing_asked(fixture_assistant):
    # (方面 names nothing; for whom a place is built is said before it)
    (care,) = ask(fixture_assistant, "规划里有没有养老方面的安排？")
    assert not care.refused and "养老中心" in care.answer, care.answer
    (ward,) = ask(fixture_assistant, "有没有给精神病人新建住院楼？")
    assert not ward.refused and "精神康复住院楼" in ward.answer, ward.answer
    # a rule's noun is said by the sentence that holds it
    (bound,) = ask(fixture_assistant, "城镇开发边界优化有哪些不可突破的前提？")
    assert not bound.refused and "扩展倍数" in bound.answer, bound.answer


def test_a_level_named_in_the_place_of_another():
    from assistant.qa.followup import rewrite

    assert rewrite("省里的那个呢？", "这次动态维护依据的国家层面文件是哪个？") == "这次动态维护依据的省里文件是哪个？"
    assert rewrite("省厅那一份呢？", "自然资源部那份文件，文号是什么？") == "省厅那一份，文号是什么？"


def test_of_that_kind_stands_for_no_plan_word(fixture_assistant):
    # ("托儿所一类的设施": 一类 is no 各类 or 三类, whose sentences crowded out the one naming 综合托育服务中心)
    (nursery,) = ask(fixture_assistant, "孩子还小，规划里有没有托儿所一类的设施？")
    assert not nursery.refused and "综合托育服务中心" in nursery.answer, nursery.answer
