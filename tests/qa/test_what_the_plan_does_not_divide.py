"""What the plan does not divide, name or say, and turns that go on from turns.

- A figure asked by the year: the plan gives one year's maintenance, never a yearly rate.
- A zone said to lie inside a line ("…边界内…区") that the plan never names.
- A place of a kind asked as there or built ("有没有新建公园", "有没有自然保护区"); a gloss of the kind does not
  vouch for one. A standing the plan never names ("算不算国家园林城市").
- Who is in charge (one body), not the list of bodies that work together; what one body does; where land moved
  out goes; where a thing is handed in, asked with 从 or online; projects by their way onto the map.
- A rule quoted of another zone is no leave in the zone asked.
- A follow-up naming lines in a row ("城市绿线紫线呢？"), after a follow-up kept as said.
- 属于 a kind asked is no place check; where the asker lives is no district asked of."""

from assistant.conversation import Conversation
from assistant.qa.figure_unstated import unnamed_zone, unstated_figure
from assistant.qa.followup import rewrite, unexpanded
from assistant.qa.route import route
from assistant.qa.unsaid import places_if_any


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


def test_a_figure_by_the_year_is_not_given():
    assert "每年" in unstated_figure("开发边界的扩展规模一年下来能用掉多少公顷？", ["城镇开发边界"])
    assert "平均每年" in unstated_figure("重点项目平均每年新增几个？", ["重点建设项目"])
    assert unstated_figure("维护后开发边界的扩展规模有多少公顷？", ["城镇开发边界"]) is None
    # no amount asked: how often a thing is done is a rule, not a figure
    assert unstated_figure("规划是不是每年都要评估一次？", []) is None


def test_a_figure_by_the_year_is_refused(fixture_assistant):
    (yearly,) = ask(fixture_assistant, "每年能新增多少个重点建设项目？")
    assert yearly.refused and "每年" in yearly.answer and "180" not in yearly.answer.split("方案给出")[0], yearly.answer


def test_a_zone_inside_a_line_the_plan_never_names(fixture_assistant):
    corpus_text = fixture_assistant.corpus_text
    assert unnamed_zone("生态保护红线范围内的一般控制区多大？", corpus_text) == "生态保护红线范围内的一般控制区"
    assert unnamed_zone("城镇开发边界里弹性发展区占多少？", corpus_text) == "城镇开发边界里弹性发展区"
    # zones and places the plan does name, inside a line, are asked of as before
    assert unnamed_zone("城镇开发边界里的中心城区有多大？", corpus_text) is None
    assert unnamed_zone("城镇开发边界内的高新区有哪些项目？", corpus_text) is None
    assert unnamed_zone("城镇开发边界内的建设用地有多少？", corpus_text) is None


def test_a_place_asked_as_built():
    assert places_if_any("这回调进绿线的地有没有新建公园？") == ["公园"]
    assert places_if_any("高新区有没有盖学校？") == ["学校"]
    assert places_if_any("郊区打算建养老院吗？") == []  # 院 is no place ending the check reads
    assert places_if_any("有没有调整绿线？") == []


def test_a_place_built_that_no_quote_names_is_refused(fixture_assistant):
    *_, park = ask(fixture_assistant, "城市绿线这次调进来多少？", "调进来的那块有没有新建公园？")
    assert park.refused and "公园" in park.answer.split("方案中相关的原文")[0], park.answer
    # a place of that kind the plan names is answered
    (station,) = ask(fixture_assistant, "这次有没有新建消防站？")
    assert not station.refused and "消防站" in station.answer, station.answer


def test_where_a_thing_is_handed_in_from(fixture_assistant):
    (handed,) = ask(fixture_assistant, "对方案有看法的话从哪儿递交？")
    assert handed.refused and "渠道" in handed.answer, handed.answer


def test_lines_named_in_a_row_replace_the_subject():
    assert rewrite("城市绿线紫线呢？", "重点建设项目清单属于哪个层次的维护内容？") \
        == "城市绿线紫线清单属于哪个层次的维护内容？"
    assert rewrite("城市绿线和紫线呢？", "重点建设项目属于哪个层次？") == "城市绿线和紫线属于哪个层次？"


def test_a_follow_up_kept_as_said_is_skipped(fixture_assistant):
    assert unexpanded("那三条控制线呢？（重点建设项目）")
    assert not unexpanded("三条控制线属于哪个层次？")
    *_, lines = ask(fixture_assistant, "重点建设项目清单是哪个层次维护的？", "那三条控制线呢？", "城市绿线紫线呢？")
    assert not lines.refused and "中心城区层面" in lines.answer, lines.answer


def test_belonging_to_a_kind_is_no_place_check():
    assert route("市第五人民医院新建精神康复住院楼属于哪一类？", ["市第五人民医院"]).intent != "location"
    assert route("市第五人民医院属于什么类型的调整？", ["市第五人民医院"]).intent != "location"
    assert route("市第五人民医院属于永久基本农田吗？", ["市第五人民医院"]).intent == "location"


def test_a_place_of_a_kind_the_plan_never_names():
    assert places_if_any("这次有没有新增历史文化街区？") == ["历史文化街区"]
    assert places_if_any("绿线范围里有没有城市公园？") == ["城市公园"]


def test_who_is_in_charge_is_not_a_list_of_those_who_join_in(fixture_assistant):
    (one,) = ask(fixture_assistant, "城市紫线一般是哪个部门负责管理的？")
    assert one.refused and "部门" in one.answer.split("方案中相关的原文")[0], one.answer
    (third,) = ask(fixture_assistant, "动态更新是委托第三方来做吗？")
    assert third.refused, third.answer
    # the bodies that work together, asked as such, are the list
    (many,) = ask(fixture_assistant, "规划落地要哪些部门一起配合？")
    assert not many.refused and "发改" in many.answer, many.answer


def test_where_land_moved_out_goes(fixture_assistant):
    (gone,) = ask(fixture_assistant, "调出去的那些城市绿线后来到哪儿去了？")
    assert gone.refused and "去向" in gone.answer, gone.answer
    (back,) = ask(fixture_assistant, "撤销掉的项目用地会还给农民吗？")
    assert back.refused and "去向" in back.answer, back.answer


def test_projects_by_the_way_onto_the_map(fixture_assistant):
    (way,) = ask(fixture_assistant, "增补清单方式纳入的是哪些项目？")
    assert way.refused and "增补清单" in way.answer.split("方案中相关的原文")[0], way.answer
    (ways,) = ask(fixture_assistant, "项目按几类方式纳入一张图？")
    assert not ways.refused and "示意上图" in ways.answer, ways.answer


def test_a_rule_of_another_zone_is_no_leave_here(fixture_assistant):
    (red,) = ask(fixture_assistant, "生态红线里面能不能适度开发利用？")
    assert red.refused and "生态保护红线" in red.answer.split("方案中相关的原文")[0], red.answer
    (own,) = ask(fixture_assistant, "生态控制区能不能适度开发利用？")
    assert not own.refused and "生态控制区" in own.answer, own.answer


def test_online_is_a_channel(fixture_assistant):
    (online,) = ask(fixture_assistant, "调整后的附图可以在网上查吗？")
    assert online.refused, online.answer


def test_where_the_asker_lives_is_no_district_asked():
    assert route("我家住在矿区，城镇开发边界总共有多大？").intent != "stats"
    assert route("矿区的城镇开发边界有多大？").intent == "stats"


def test_a_standing_the_plan_never_names(fixture_assistant):
    (standing,) = ask(fixture_assistant, "阳泉算不算国家园林城市？")
    assert standing.refused, standing.answer
    (own,) = ask(fixture_assistant, "南山宾馆算不算历史建筑？")
    assert not own.refused and "南山宾馆" in own.answer, own.answer


def test_what_one_body_does_is_not_the_list_of_bodies(fixture_assistant):
    (duty,) = ask(fixture_assistant, "住建部门在这里面主要负责什么工作？")
    assert duty.refused and "职责" in duty.answer, duty.answer
