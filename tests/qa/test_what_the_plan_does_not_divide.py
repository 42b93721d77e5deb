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

import pytest

from assistant.conversation import Conversation
from assistant.qa.figure_unstated import unnamed_zone, unstated_figure
from assistant.qa.followup import rewrite, unexpanded
from assistant.qa.route import route
from assistant.qa.unsaid import places_if_any


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


# Asked alone, refused; the reason (before the quotes of what the plan does say) names what is not given.
@pytest.mark.parametrize(("question", "reason"), [
    ("每年能新增多少个重点建设项目？", "每年"),                      # a figure by the year
    ("对方案有看法的话从哪儿递交？", "渠道"),                        # handed in from where
    ("调整后的附图可以在网上查吗？", "渠道"),                        # online
    ("城市紫线一般是哪个部门负责管理的？", "部门"),                  # one body in charge, not the six that join in
    ("动态更新是委托第三方来做吗？", "部门"),                        # a third party is a body
    ("住建部门在这里面主要负责什么工作？", "职责"),                  # what one body does
    ("调出去的那些城市绿线后来到哪儿去了？", "去向"),                # where land moved out goes
    ("撤销掉的项目用地会还给农民吗？", "去向"),
    ("增补清单方式纳入的是哪些项目？", "增补清单"),                  # projects by their way onto the map
    ("生态红线里面能不能适度开发利用？", "生态保护红线"),            # another zone's rule is no leave here
    ("阳泉算不算国家园林城市？", "国家园林城市"),                    # a standing the plan never names
    ("这次有没有新增历史文化街区？", "历史文化街区"),                # a place of a kind the plan never names
])
def test_refused_saying_what_is_not_given(fixture_assistant, question, reason):
    (answer,) = ask(fixture_assistant, question)
    assert answer.refused and reason in answer.answer.split("方案中相关的原文")[0], answer.answer


# The same shapes where the plan does give what is asked: answered, with its words.
@pytest.mark.parametrize(("question", "said"), [
    ("这次有没有新建消防站？", "消防站"),
    ("规划落地要哪些部门一起配合？", "发改"),
    ("项目按几类方式纳入一张图？", "示意上图"),
    ("生态控制区能不能适度开发利用？", "生态控制区"),
    ("南山宾馆算不算历史建筑？", "南山宾馆"),
])
def test_answered_where_the_plan_gives_it(fixture_assistant, question, said):
    (answer,) = ask(fixture_assistant, question)
    assert not answer.refused and said in answer.answer, answer.answer


def test_a_figure_by_the_year_is_not_given():
    assert "每年" in unstated_figure("开发边界的扩展规模一年下来能用掉多少公顷？", ["城镇开发边界"])
    assert "平均每年" in unstated_figure("重点项目平均每年新增几个？", ["重点建设项目"])
    assert unstated_figure("维护后开发边界的扩展规模有多少公顷？", ["城镇开发边界"]) is None
    # no amount asked: how often a thing is done is a rule, not a figure
    assert unstated_figure("规划是不是每年都要评估一次？", []) is None


def test_a_zone_inside_a_line_the_plan_never_names(fixture_assistant):
    corpus_text = fixture_assistant.corpus_text
    assert unnamed_zone("生态保护红线范围内的一般控制区多大？", corpus_text) == "生态保护红线范围内的一般控制区"
    assert unnamed_zone("城镇开发边界里弹性发展区占多少？", corpus_text) == "城镇开发边界里弹性发展区"
    # zones and places the plan does name, inside a line, are asked of as before
    assert unnamed_zone("城镇开发边界里的中心城区有多大？", corpus_text) is None
    assert unnamed_zone("城镇开发边界内的高新区有哪些项目？", corpus_text) is None
    assert unnamed_zone("城镇开发边界内的建设用地有多少？", corpus_text) is None


def test_a_place_of_a_kind_asked_as_there_or_built():
    assert places_if_any("这回调进绿线的地有没有新建公园？") == ["公园"]
    assert places_if_any("高新区有没有盖学校？") == ["学校"]
    assert places_if_any("这次有没有新增历史文化街区？") == ["历史文化街区"]
    assert places_if_any("绿线范围里有没有城市公园？") == ["城市公园"]
    assert places_if_any("郊区打算建养老院吗？") == []  # 院 is no place ending the check reads
    assert places_if_any("有没有调整绿线？") == []


def test_a_place_built_that_no_quote_names_is_refused_in_conversation(fixture_assistant):
    *_, park = ask(fixture_assistant, "城市绿线这次调进来多少？", "调进来的那块有没有新建公园？")
    assert park.refused and "公园" in park.answer.split("方案中相关的原文")[0], park.answer


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


def test_where_the_asker_lives_is_no_district_asked():
    assert route("我家住在矿区，城镇开发边界总共有多大？").intent != "stats"
    assert route("矿区的城镇开发边界有多大？").intent == "stats"
