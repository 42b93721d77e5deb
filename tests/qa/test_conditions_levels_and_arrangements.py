"""A clause of condition ("要是哪个区违反了，…") asks nothing of its own; this version of the plan ("这版") is the
document; when the plan will be approved is no date its rule of force gives; a split of the projects by a counted
way ("这三种方式各…"), a level of sites the plan does not count (市县级), what a figure's land is for, what a term
means or how two terms differ, where the plan only names them; a county's projects; a future year; a control line
named by a thing the plan never speaks of; a share of the whole list and of what is left of it; which lines
changed, of all lines; the levels ranked by area; and the arrangements for a thing that neither the plan nor any
plan word like it names, nor a follow-up of a thing it never names ("那娘子关呢？"); doers, kinds of figure
and moves it never gives (谁来养护, 拆, 就业岗位, 亩产, 最先开工, 迁走)."""

from assistant.conversation import Conversation
from assistant.qa.decompose import split_asks
from assistant.qa.unsaid import arranged_things


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


def test_a_clause_of_condition_is_no_ask_of_its_own(fixture_assistant):
    assert split_asks("要是哪个区违反了，会怎么处罚？") == ["要是哪个区违反了，会怎么处罚？"]
    assert len(split_asks("城镇开发边界多少公顷，占比多少？")) == 2
    *_, answer = ask(fixture_assistant, "城镇开发边界是多少？", "要是哪个区违反了，会怎么处罚？")
    assert answer.refused and "处罚" in answer.answer and "（1）" not in answer.answer, answer.answer


def test_this_version_is_the_document(fixture_assistant):
    *_, answer = ask(fixture_assistant, "2025年度那一版动了多少永久基本农田？", "这版是谁发布的？")
    assert "阳泉市人民政府" in answer.answer and not answer.refused, answer.answer


def test_when_it_is_approved_is_no_date_the_rule_of_force_gives(fixture_assistant):
    approved, in_force = ask(fixture_assistant, "方案什么时候能获批？", "方案什么时候开始执行？")
    assert approved.refused and "获批时间" in approved.answer, approved.answer
    assert not in_force.refused and "获批后" in in_force.answer, in_force.answer


def test_projects_split_by_a_counted_way(fixture_assistant):
    *_, answer = ask(fixture_assistant, "重点项目用什么方式纳入“一张图”系统？", "这三种方式各对应多少个项目？")
    assert answer.refused and "没有按方式分别给出" in answer.answer, answer.answer


def test_a_level_of_sites_the_plan_does_not_count(fixture_assistant):
    *_, counted, other = ask(fixture_assistant, "这回有几处文物保护单位被纳入历史文化保护线？",
                             "那市县级文物保护单位呢，纳入了几处？")
    assert other.refused and "市县级" in other.answer, other.answer
    (master,) = ask(fixture_assistant, "市级总体规划确定的历史文化保护线是多少？")
    assert "568.4626" in master.answer and not master.refused, master.answer


def test_what_a_figures_land_is_for(fixture_assistant):
    size, use = ask(fixture_assistant, "预留机动规模是多少？", "机动规模能给哪类项目用？")
    assert "29.81" in size.answer and not size.refused
    assert use.refused and "用途" in use.answer, use.answer


def test_what_a_term_means_and_how_two_differ(fixture_assistant):
    *_, both = ask(fixture_assistant, "清单里更新的项目有几项？", "“更新”具体是什么意思，跟延续有啥区别？")
    assert both.refused and "“更新”与“延续”" in both.answer, both.answer
    (explained,) = ask(fixture_assistant, "生态保护红线和生态控制区有什么区别？")
    assert not explained.refused, explained.answer


def test_a_countys_projects(fixture_assistant):
    (answer,) = ask(fixture_assistant, "平定县这回有啥新项目？")
    assert answer.refused and "平定县" in answer.answer, answer.answer


def test_a_future_year(fixture_assistant):
    *_, answer = ask(fixture_assistant, "生态保护红线调了吗？", "下个年度会不会调生态红线？")
    assert answer.refused and "“下个年度”" in answer.answer, answer.answer


def test_a_control_line_named_by_a_thing_the_plan_never_speaks_of(fixture_assistant):
    unnamed, described = ask(fixture_assistant, "是不是还有一条矿产资源控制线也调了？", "防洪控制线调了吗？")
    assert unnamed.refused and "矿产资源控制线" in unnamed.answer, unnamed.answer
    assert not described.refused and "洪涝风险控制线" in described.answer, described.answer


def test_a_share_of_the_whole_list(fixture_assistant):
    *_, share = ask(fixture_assistant, "这回撤销了多少个项目？", "占全部清单的比例呢？")
    assert "3.90%" in share.answer and not share.refused, share.answer


def test_which_lines_changed_of_all_lines(fixture_assistant):
    (answer,) = ask(fixture_assistant, "听说阳泉的国土空间规划又动了，这次主要调了哪些线？")
    assert "永久基本农田" in answer.answer and "城镇开发边界" in answer.answer, answer.answer
    assert answer.answer.index("永久基本农田") < answer.answer.index("维护前后面积不变"), answer.answer


def test_the_levels_ranked_by_area(fixture_assistant):
    *_, smallest = ask(fixture_assistant, "这次动态维护分成几个层次？", "市域这一层主要维护什么？",
                       "这三个层次里最小的那个有多大？")
    assert "最小的是中心城区" in smallest.answer and "271.23" in smallest.answer, smallest.answer
    (largest,) = ask(fixture_assistant, "市域、市辖区、中心城区哪个面积最大？")
    assert "最大的是市域" in largest.answer, largest.answer


def test_arrangements_for_a_thing_nothing_in_the_plan_is_like(fixture_assistant):
    assert "采煤" in arranged_things("矿区采煤塌陷区治理有什么安排？")
    assert "治理" not in arranged_things("矿区采煤塌陷区治理有什么安排？")
    assert arranged_things("城镇开发边界多少公顷？") == []
    mining, solar = (ask(fixture_assistant, q)[0] for q in ("矿区采煤塌陷区治理有什么安排？",
                                                             "方案对光伏等新能源项目用地有什么规定？"))
    assert mining.refused and "采煤" in mining.answer, mining.answer
    assert solar.refused and "光伏" in solar.answer, solar.answer
    (rules,) = ask(fixture_assistant, "生态控制区有什么规定？")
    assert not rules.refused and "生态控制区" in rules.answer, rules.answer


def test_a_share_of_what_is_left(fixture_assistant):
    *_, rest, whole = ask(fixture_assistant, "去掉撤销的，还剩多少项？", "剩下这些里新增的占多少？", "新增的占多少？")
    assert "33.21%" in rest.answer and "180 ÷ (564 − 22)" in rest.answer, rest.answer
    assert "31.91%" in whole.answer, whole.answer  # asked again without 剩下: of the whole list


def test_a_bare_follow_up_naming_a_thing_the_plan_never_names(fixture_assistant):
    *_, place, before, short = ask(fixture_assistant, "历史文化保护线维护后多少？", "那娘子关呢？", "那维护前呢？",
                                   "那防洪线呢？")
    assert place.refused and "“娘子关”" in place.answer, place.answer
    assert "568.4626" in before.answer and not before.refused, before.answer
    assert "4279.0808" in short.answer and not short.refused, short.answer


def test_kinds_and_doers_the_plan_never_gives(fixture_assistant):
    questions = {"这些绿地是谁来养护？": "部门或单位", "宾馆能拆了重建吗？": "“拆”",
                 "这些项目能带来多少就业岗位？": "就业岗位", "亩产多少？": "产量、产值",
                 "哪个项目最先开工？": "时间安排", "规划是不是要把我们村迁走？": "拆迁",
                 "这次规划对煤矿企业有什么影响？": "企业"}
    for question, said in questions.items():
        (answer,) = ask(fixture_assistant, question)
        assert answer.refused and said in answer.answer, (question, answer.answer)
    for question, figure in {"永久基本农田维护后有多少亩？": "82831", "新增了多少项目？": "180"}.items():
        (answer,) = ask(fixture_assistant, question)
        assert figure in answer.answer and not answer.refused, (question, answer.answer)


def test_more_things_the_plan_never_gives(fixture_assistant):
    questions = {"我家小区在不在这条线里面？": "坐标", "我在郊区有块承包地，这次会不会被划成永久基本农田？": "坐标",
                 "这个倍数在山西各市里算高还是低？": "只涉及阳泉市", "阳泉面积在山西排第几？": "只涉及阳泉市",
                 "其他城市的开发边界呢？": "只涉及阳泉市", "这些文保单位的保护范围各有多大？": "每一处",
                 "这些基本农田一年能产多少粮食？": "产量", "阳泉今年的粮食播种面积有多少？": "播种面积",
                 "审批窗口在哪儿办？": "渠道或地点", "扩大的部分主要在哪几个片区？": "具体位置",
                 "采煤沉陷区治理有没有写？": "未涉及"}
    for question, said in questions.items():
        (answer,) = ask(fixture_assistant, question)
        assert answer.refused and said in answer.answer, (question, answer.answer)
    (added,) = ask(fixture_assistant, "新添的项目占全部项目的百分之多少？")
    assert "31.91%" in added.answer, added.answer
    (share,) = ask(fixture_assistant, "中心城区占市辖区面积大约多少比例？")
    assert "41.5%" in share.answer and not share.refused, share.answer
    (said,) = ask(fixture_assistant, "蓝绿开敞空间有没有写？")
    assert not said.refused and "蓝绿开敞空间" in said.answer, said.answer


def test_two_lines_the_last_list_gave_added(fixture_assistant):
    *_, both = ask(fixture_assistant, "城市重要控制线维护包括哪两条？", "两条线维护后加起来多少公顷？")
    assert "309.2" in both.answer and not both.refused, both.answer


def test_rates_abbreviated_sites_ages_and_what_cited_documents_say(fixture_assistant):
    (rate,) = ask(fixture_assistant, "城市绿线维护后和维护前相比变化率是多少？")
    assert "0.12%" in rate.answer, rate.answer
    (sites,) = ask(fixture_assistant, "全市有几处国保单位划进了保护线？")
    assert "11 处" in sites.answer and not sites.refused, sites.answer
    (ages,) = ask(fixture_assistant, "托育中心收几岁的娃，一个月多少钱？")
    assert ages.refused and "年龄" in ages.answer, ages.answer
    (cited,) = ask(fixture_assistant, "阳泉十五五规划里主要提了哪些重点产业？")
    assert cited.refused and "没有转述" in cited.answer, cited.answer


def test_a_heading_named_by_a_common_word(fixture_assistant):
    (answer,) = ask(fixture_assistant, "方案有哪些原则？")
    assert "编制原则包括以下 4 项" in answer.answer and not answer.refused, answer.answer


def test_a_map_named_in_a_follow_up(fixture_assistant):
    (counted,) = ask(fixture_assistant, "中心城区用地布局图有几张？")
    assert "其中中心城区" in counted.answer and "（维护后）" in counted.answer, counted.answer
    _, other, three = ask(fixture_assistant, "方案附的国土空间用途分区图有几张？", "中心城区用地布局图呢？",
                          "那三条控制线的呢？")
    assert "中心城区用地规划布局图" in other.answer and "国土空间用途分区图" not in other.answer, other.answer
    assert "其中三条控制线的 2 张" in three.answer, three.answer
