"""Follow-ups after a figure: the measure, share, change or line a short turn asks of the figure just given
("占全部的百分之几？", "现在比原来少了多少？", "保护线现在总面积多大？")."""

import pytest
from conversation_helpers import dialogue

from assistant.qa import followup
from assistant.qa.figure_query import plans_own_share


def test_a_measure_asked_of_it_after_a_share_is_its_own_question(fixture_assistant):
    """"那它这次调出了多少公顷？" after the 预留机动 share asks 城镇开发边界's 调出, which the plan does not give:
    refused, not the share again with 调出 put in front of it."""
    assert not followup.is_followup("那它这次调出了多少公顷？")
    assert followup.is_followup("那它维护前呢？")
    *_, moved = dialogue(fixture_assistant, "城镇开发边界维护后总面积多少公顷？", "预留机动的占比是多少？",
                         "那它这次调出了多少公顷？")
    assert moved.refused and "调出面积" in moved.answer, moved.answer


def test_a_line_named_with_an_ask_of_its_own_is_a_whole_question(fixture_assistant):
    assert not followup.is_followup("那城镇开发边界呢，变了没？")
    _, changed = dialogue(fixture_assistant, "永久基本农田这次多了多少？", "那城镇开发边界呢，变了没？")
    assert "9387.50 − 9390.31 = −2.81" in changed.answer, changed.answer


def test_a_follow_up_naming_its_own_measure_keeps_it(fixture_assistant):
    _, grown = dialogue(fixture_assistant, "维护后城镇开发边界总面积是多少公顷？", "那扩展规模维护后是多少？")
    assert "944.17" in grown.answer and "9387.50" not in grown.answer, grown.answer


@pytest.mark.parametrize(("first", "then", "must"), [
    ("市辖区国土面积多少？", "占市域国土面积的比例是多少？", "14.34%"),
    ("市辖区永久基本农田维护后多少？", "占市辖区国土面积的比例呢？", "8.45%"),
])
def test_a_share_without_its_part_takes_the_last_turns(fixture_assistant, first, then, must):
    _, share = dialogue(fixture_assistant, first, then)
    assert must in share.answer, share.answer


def test_the_area_asked_after_the_sites_counted_is_their_lines(fixture_assistant):
    """Sites are counted; after "一共多少处？" the area, its change and its share are 历史文化保护线's, and a
    share's whole said as a level (占市辖区) takes that level's area, for both versions after a change."""
    *_, area, grown, share = dialogue(fixture_assistant, "历史文化保护线纳入了多少处文保单位？", "维护后面积多少？",
                                      "比以前大了多少？", "占市辖区的比例呢？")
    assert "710.6312" in area.answer and "处" not in area.answer, area.answer
    assert "142.1686" in grown.answer, grown.answer
    assert "568.4626 公顷 ÷ 65361 公顷 = 0.87%" in share.answer and "710.6312 公顷 ÷ 65361 公顷 = 1.09%" in share.answer


def test_a_change_in_per_cent_after_a_figure_is_no_share_of_the_plans(fixture_assistant):
    """百分之多少 with a change word asks the change's rate, not 城镇开发边界's 预留机动 占比."""
    _, rate = dialogue(fixture_assistant, "历史文化保护线维护后是多少？", "面积比维护前增长了百分之多少？")
    assert "25.01%" in rate.answer and "3.06" not in rate.answer, rate.answer


def test_a_bare_share_after_a_count_is_of_the_count_named(fixture_assistant):
    _, share = dialogue(fixture_assistant, "实施的项目有多少？", "延续的呢？数量和占比都说一下")
    assert "229 ÷ 564 = 40.60%" in share.answer, share.answer
    _, of_all = dialogue(fixture_assistant, "重点建设项目新增的有多少？", "占总数多少？")  # 总数 is the whole
    assert "180 ÷ 564 = 31.91%" in of_all.answer, of_all.answer


def test_a_share_after_a_count_is_of_that_count(fixture_assistant):
    """百分之几 names the plan's 预留机动 share only after 城镇开发边界; after a count it asks that count's share."""
    count, share, more = dialogue(fixture_assistant, "重点项目里撤销了多少个？", "占全部的百分之几？保留两位小数。",
                                  "延续和实施的呢？")
    assert "22" in count.answer
    assert "22 ÷ 564 = 3.90%" in share.answer, share.answer
    assert "229" in more.answer and "118" in more.answer, more.answer
    _, plan_share = dialogue(fixture_assistant, "预留机动规模是多少？", "占比多少？")
    assert "3.06" in plan_share.answer, plan_share.answer


def test_a_change_after_a_measure_is_the_measures(fixture_assistant):
    """扩展倍数 names no unit 倍 to carry on; "现在比原来少了多少" after 扩展规模 is 扩展规模's change."""
    *_, change = dialogue(fixture_assistant, "城镇开发边界扩展倍数是多少？", "那总规原来给的扩展规模是多少？",
                          "现在比原来少了多少？")
    assert "29.81" in change.answer and not change.refused, change.answer


def test_out_and_in_said_plainly_are_the_lines_changes(fixture_assistant):
    *_, other = dialogue(fixture_assistant, "城市绿线维护前是多少公顷？", "这次出去多少、进来多少？", "那紫线呢？")
    assert "734.46" in other.answer and "982.80" in other.answer, other.answer


def test_a_pronoun_naming_a_measure_of_the_last_figure_keeps_that_figure(fixture_assistant):
    """"其中省级的呢？" after the sites counted: 省级 is a measure of 文物保护单位, not a question about the
    line the turn before that was about."""
    *_, provincial = dialogue(fixture_assistant, "历史文化保护线这次怎么调的？", "纳入了多少处文保单位？", "其中省级的呢？")
    assert provincial.intent == "figure" and "12 处省级文物保护单位" in provincial.answer, provincial.answer


def test_a_line_said_short_is_the_subjects_line(fixture_assistant):
    """"保护线现在总面积多大？" after a passage on 历史文化保护线: the subject's name ends in what is said."""
    *_, area, rate = dialogue(fixture_assistant, "这次规划对文物保护有什么动作？", "保护线现在总面积多大？",
                              "比原来增长了百分之几？")
    assert "710.6312" in area.answer, area.answer
    assert "25.01%" in rate.answer, rate.answer


def test_an_amount_after_a_how_question_is_the_subjects_figure(fixture_assistant):
    """"那最后是多少？比原来多了还是少了？" after "城市绿线这次是怎么调整的？": the figures and their change, not
    the how-question again with a phase put in front of it."""
    _, change = dialogue(fixture_assistant, "城市绿线这次是怎么调整的？", "那最后是多少？比原来多了还是少了？")
    assert "301.11 − 300.76 = 0.35" in change.answer, change.answer


def test_after_a_parcel_refusal_the_line_asked_next_is_answered(fixture_assistant):
    """The parcel question is refused (no location); "那开发边界总的是变大了还是变小了？" asks a figure of its own
    (…还是…), not the parcel question with the line swapped in; a rule asked after that figure is that line's."""
    parcel, change, rule = dialogue(fixture_assistant, "我这房子会不会被划到开发边界外头去？",
                                    "那开发边界总的是变大了还是变小了？", "调的时候有啥规矩没有？")
    assert parcel.refused
    assert not change.refused and "9387.50 − 9390.31 = −2.81" in change.answer, change.answer
    assert "等量增减" in rule.answer, rule.answer


def test_a_phase_word_in_a_question_of_its_own_asks_no_figure(fixture_assistant):
    """"南山宾馆现在能进去参观吗？" after a figure: 现在 is no follow-up of the figure; "原来的" alone is."""
    _, before, visit = dialogue(fixture_assistant, "历史文化保护线现在总面积多大？", "原来的", "南山宾馆现在能进去参观吗？")
    assert "568.4626" in before.answer, before.answer
    assert "710.6312" not in visit.answer and "568.4626" not in visit.answer, visit.answer


@pytest.mark.parametrize(("turns", "must"), [
    (("重点项目里“实施”类有多少？", "延续的呢？", "两个加起来多少？"), "118 + 229 = 347 项"),
    (("新增项目有多少个？", "撤销的呢？", "这俩差多少？"), "180 − 22 = 158 项"),
    (("维护后城镇开发边界合多少万亩？", "永农维护后是多少万亩？", "哪个大？大多少万亩？"), "14.08125 − 8.2831 = 5.79815 万亩"),
    # the rest of a scope after its area: the last scope less the one named, or the earlier less the last
    (("阳泉市域面积多少？", "除了市辖区，剩下的有多少平方千米？"), "3905.35"),
    (("阳泉市域面积多少？", "市辖区呢？", "除了市辖区，剩下的有多少平方千米？"), "3905.35"),
    (("阳泉市域面积多少？", "市辖区呢？", "剩下的有多少平方千米？"), "3905.35"),
    (("市辖区面积多少", "中心城区以外的呢"), "382.38"),
    # the scope named again, with 以外: the earlier scope less it
    (("阳泉市域国土面积多少？", "市辖区呢？", "市辖区以外的有多大？"), "4558.96 − 653.61 = 3905.35"),
    # "三个区" are the 市辖区's 城区、矿区、郊区; a share of their area, of the line just asked
    (("城镇开发边界现在多大？", "那占咱三个区总面积的百分之几？"), "9387.50 公顷 ÷ 65361 公顷 = 14.36%"),
])
def test_the_two_figures_of_the_last_two_turns_added_or_compared(fixture_assistant, turns, must):
    *_, last = dialogue(fixture_assistant, *turns)
    assert must in last.answer, last.answer


def test_this_converted_after_a_measure_is_that_measure(fixture_assistant):
    """"这个合多少公顷？" after 紫线调出 734.46 平方米: the 调出 converted, not the line's whole area again."""
    *_, converted = dialogue(fixture_assistant, "紫线调出面积是多少？", "这个合多少公顷？")
    assert "0.073446" in converted.answer and "8.09" not in converted.answer, converted.answer


def test_a_share_of_the_whole_named_again_after_a_count(fixture_assistant):
    """"占全部项目的百分之几？" after 实施 118 项: 项目 names the same projects, the share is of that count."""
    *_, share = dialogue(fixture_assistant, "项目清单里实施的有多少项？", "占全部项目的百分之几？")
    assert "118 ÷ 564 = 20.92%" in share.answer, share.answer


def test_whether_the_layout_changed_is_read_in_the_text(fixture_assistant):
    *_, layout = dialogue(fixture_assistant, "城市绿线维护后多少？", "绿线调整后布局有变化吗？")
    assert "基本稳定" in layout.answer, layout.answer


def test_a_comparison_is_followed_as_a_comparison(fixture_assistant):
    """"换成亩呢？" after "城市绿线比城市紫线大多少公顷？": the comparison again in 亩 (the turn's lines and its
    comparison are what the conversation remembers, though the pair answered them)."""
    *_, in_mu = dialogue(fixture_assistant, "城市绿线比城市紫线大多少公顷？", "换成亩呢？")
    assert "城市绿线比城市紫线大 4395.3 亩" in in_mu.answer, in_mu.answer


def test_the_two_just_given_added_when_the_subject_is_carried_back(fixture_assistant):
    """"它俩加起来呢？" after "国家级和省级…各几处": the subject carried over in brackets is the last figure's own,
    so the turn still ends in 呢 and adds the two figures the last turn gave."""
    *_, both = dialogue(fixture_assistant, "实施和延续的项目各多少项？", "它俩加起来呢？")
    assert "118 + 229 = 347" in both.answer, both.answer


def test_a_remainder_said_with_chu_le(fixture_assistant):
    *_, rest = dialogue(fixture_assistant, "项目清单一共多少项？", "除了新增的，剩下的有多少项？")
    assert "564 − 180 = 384" in rest.answer, rest.answer


@pytest.mark.parametrize("then", ["那生态控制区准不准搞开发？", "那生态控制区让不让开发？"])
def test_a_thing_of_its_own_asked_after_a_figure_is_no_figure_follow_up(fixture_assistant, then):
    """"那生态控制区让不让开发？" after a figure names a thing of its own and asks nothing a figure has (an
    A-not-A question): the rule is read in the text, not the last figure repeated nor the zone's layer area."""
    assert not followup.is_followup(then)
    *_, rule = dialogue(fixture_assistant, "城镇开发边界维护后多少？", "换成公顷呢？", then)
    assert rule.intent == "policy" and "适度的开发利用" in rule.answer and "9387.50" not in rule.answer, rule.answer


@pytest.mark.parametrize("turns", [("预留机动规模占比按什么基数算的？",),
                                   ("城镇开发边界预留机动规模多少？", "这个3.06%咋算的？")])
def test_how_the_plans_share_was_worked_out_is_checked_against_its_figures(fixture_assistant, turns):
    """The plan states 预留机动规模 29.81 公顷（占比 3.06%） and not of what: each of the line's other areas is
    tried as the whole (figure_compare), and only the one that gives 3.06 % is said, as a check, with its SQL."""
    *_, worked = dialogue(fixture_assistant, *turns)
    assert "29.81 ÷ 973.98（维护前扩展规模）= 3.06%" in worked.answer, worked.answer
    assert "没有写明" in worked.answer and "9387.50 ÷" not in worked.answer and "944.17 ÷" not in worked.answer
    assert any(t["title"].startswith("核算") for t in worked.tables)


def test_whether_another_line_was_changed_is_asked_of_its_passage(fixture_assistant):
    """"那生态保护红线呢？调了没" after a 维护前 figure: whether it was changed at all, which the plan says in
    words, not that line's 维护前 figure."""
    *_, changed = dialogue(fixture_assistant, "城镇开发边界维护前面积是多少", "那生态保护红线呢？调了没")
    assert "不涉及生态保护红线调整" in changed.answer, changed.answer


@pytest.mark.parametrize("question", ["扩展倍数动没动？", "维护后扩展倍数是多少"])
def test_a_measure_given_in_one_phase_brings_the_plans_words_on_it(fixture_assistant, question):
    """The plan gives 扩展倍数 1.28 倍 before only, and says elsewhere it is not exceeded (不突破…扩展倍数):
    that sentence is quoted beside the figure, which is not quoted twice."""
    answer = fixture_assistant.ask(question)
    assert "1.28" in answer.answer and "不突破城镇开发边界扩展倍数" in answer.answer, answer.answer
    quotes = [c.quote for c in answer.citations]
    assert len(quotes) == len(set(quotes)) and any("不突破" in q for q in quotes)


@pytest.mark.parametrize("turns", [
    ("实施类项目有几项", "延续的呢？", "这两类加起来多少", "占总数百分之多少？"),
    ("实施类项目有几项", "延续的呢？", "这两类加一块儿占全部项目的百分之几？"),
])
def test_a_share_of_the_two_figures_added_is_of_their_sum(fixture_assistant, turns):
    *_, share = dialogue(fixture_assistant, *turns)
    assert "合计 347 项占全部 564 项的 61.52%" in share.answer, share.answer
    assert share.answer.count("合计 347 项") == 1 and any(t["sql"] for t in share.tables)


def test_a_share_of_two_scopes_after_a_refusal_is_not_that_question_again(fixture_assistant):
    *_, share = dialogue(fixture_assistant, "它们总面积多少？（市辖区）", "矿区单独的面积是多少",
                         "那市辖区占全市国土面积的比例呢？")
    assert "14.34%" in share.answer, share.answer


def test_a_remainder_of_one_scope_by_another(fixture_assistant):
    answer = fixture_assistant.ask("全市国土面积扣掉市辖区之后还剩多少平方千米")
    assert "3905.35" in answer.answer, answer.answer


def test_what_was_taken_in_after_a_figure_is_read_in_the_passage(fixture_assistant):
    """"增加的部分主要是把啥纳进来了" after 历史文化保护线's figures asks the thing (文物保护单位), not the
    difference again (issue 9, point 6)."""
    *_, taken = dialogue(fixture_assistant, "历史文化保护线维护前多少公顷", "维护后呢", "增加的部分主要是把啥纳进来了")
    assert "文物保护单位" in taken.answer and "142.1686" not in taken.answer, taken.answer


def test_a_rate_of_change_is_in_per_cent(fixture_assistant):
    answer = fixture_assistant.ask("历史文化保护线增幅多少")
    assert "增加幅度 25.01%" in answer.answer, answer.answer


def test_a_share_of_the_figure_before_after_a_change_is_the_change_in_per_cent(fixture_assistant):
    """"占原来的百分之几" after "扩展规模减少了多少": −29.81 of 973.98, not the plan's own 预留机动 占比."""
    answer = fixture_assistant.ask("扩展规模减少了多少，占原来的百分之几")
    assert "减少幅度 3.06%" in answer.answer and "预留机动规模占比" not in answer.answer, answer.answer
    *_, share = dialogue(fixture_assistant, "城镇开发边界减少了多少", "占原来的百分之几")
    assert "减少幅度 0.03%" in share.answer, share.answer


def test_the_plans_own_share_named_after_a_computed_share(fixture_assistant):
    """"预留机动规模占比多少？" after "占市辖区国土的百分之几？": the plan's 3.06%, not that share again."""
    *_, share = dialogue(fixture_assistant, "维护后城镇开发边界多少公顷？", "占市辖区国土的百分之几？", "预留机动规模占比多少？")
    assert "3.06" in share.answer and "14.36" not in share.answer, share.answer


def test_another_kind_after_a_share_is_asked_its_share_too(fixture_assistant):
    """"撤销的呢？" after "新增的占多大比例": the count and its share of 564; a count asked outright stays one."""
    *_, other = dialogue(fixture_assistant, "重点项目一共多少", "其中新增的呢", "占多大比例", "撤销的呢")
    assert "撤销 22 项占全部 564 项的 3.90%" in other.answer, other.answer
    *_, count = dialogue(fixture_assistant, "新增项目占全部项目的百分之几", "撤销的有多少项")
    assert "22 项" in count.answer and "%" not in count.answer, count.answer


@pytest.mark.parametrize(("question", "own"), [
    ("预留机动规模占多少", True),
    ("它占百分之几？", True),
    ("预留机动规模占开发边界扩展规模的多少", False),  # a whole named: another share
    ("预留机动规模占市辖区的百分之几", False),
    ("预留机动规模多少", False),                      # no share asked
])
def test_the_plans_own_share_is_asked(question, own):
    assert plans_own_share(["预留机动"], question) is own


def test_the_share_the_plan_states_of_its_reserve(fixture_assistant):
    assert "3.06" in fixture_assistant.ask("预留机动规模占多少").answer
    *_, share = dialogue(fixture_assistant, "开发边界预留机动规模多少", "它占多少？")
    assert "3.06" in share.answer, share.answer


def test_a_share_asked_again_of_another_whole(fixture_assistant):
    *_, city = dialogue(fixture_assistant, "中心城区占市辖区面积的百分之几？保留两位小数", "占市域呢？")
    assert "5.95%" in city.answer and "271.23 ÷ 4558.96" in city.answer, city.answer


def test_a_share_asked_after_a_condition(fixture_assistant):
    *_, share = dialogue(fixture_assistant, "市辖区永农维护后是多少？", "按1公顷=15亩，占市辖区国土面积百分之几？保留两位小数")
    assert "8.45%" in share.answer, share.answer


def test_the_two_last_figures_added_as_a_share_of_all(fixture_assistant):
    *_, share = dialogue(fixture_assistant, "实施的重点项目有多少项？", "延续呢？", "这两类加起来占全部的百分之几？保留两位小数")
    assert "61.52%" in share.answer, share.answer


def test_a_net_after_a_flow_the_plan_does_not_give_is_the_lines_change(fixture_assistant):
    *_, net = dialogue(fixture_assistant, "永农维护前多少？", "调入呢？", "净增多少？")
    assert "238 亩" in net.answer, net.answer


def test_the_two_flows_of_one_turn_and_the_size_when_done(fixture_assistant):
    _, gap, done = dialogue(fixture_assistant, "城市紫线调出和调入面积各多少？", "这俩差几个平方米？", "维护完总共多少公顷？")
    assert "248.34" in gap.answer, gap.answer
    assert done.answer.startswith("中心城区城市紫线维护后 8.09 公顷"), done.answer


def test_the_line_just_given_held_against_another(fixture_assistant):
    *_, against = dialogue(fixture_assistant, "生态保护红线多大？", "换成亩是多少？", "跟维护后的基本农田比哪个大，差多少亩？")
    assert "67831" in against.answer, against.answer


def test_the_decrease_as_a_share_of_the_scale_before(fixture_assistant):
    *_, share = dialogue(fixture_assistant, "维护后扩展规模比原来少多少？", "这部分占原扩展规模多少？")
    assert "3.06%" in share.answer, share.answer


def test_counts_not_cancelled_and_all_sites(fixture_assistant):
    assert "542" in fixture_assistant.ask("这次没被撤销的重点项目有多少个？").answer
    assert "23 处" in fixture_assistant.ask("这回有多少处文物保护单位更新到历史文化保护线里？").answer
    assert "23" not in fixture_assistant.ask("都是啥级别的，各有几处文物保护单位？").answer  # each level asked


def test_whether_a_bound_is_kept_is_read_in_the_text(fixture_assistant):
    *_, kept = dialogue(fixture_assistant, "扩展倍数是多少？", "这次调整是不是突破了这个倍数？")
    assert "不突破" in kept.answer, kept.answer
    *_, how = dialogue(fixture_assistant, "重点建设项目延续和新增两个加起来多少？", "那这些项目咋纳入一张图？")
    assert "示意上图" in how.answer, how.answer


def test_two_lines_given_in_one_turn_then_summed_or_compared(fixture_assistant):
    """"两个加起来？", "哪个大？大多少？" after 绿线 and 紫线 in one turn: both lines' areas, in one unit
    (figure_compare's total and difference)."""
    _, total, larger = dialogue(fixture_assistant, "绿线和紫线维护后各多少？", "两个加起来？", "哪个大？大多少？")
    assert "合计 309.2 公顷" in total.answer and "301.11 + 8.09" in total.answer, total.answer
    assert "大 293.02 公顷" in larger.answer, larger.answer
    *_, inflows = dialogue(fixture_assistant, "绿线和紫线维护后各多少？", "两者调入的面积各是多少？")  # 两者: each
    assert "6.42" in inflows.answer and "982.80" in inflows.answer and "合计" not in inflows.answer, inflows.answer
    asked = fixture_assistant.ask("永农和开发边界维护后一共多少公顷")
    assert "9387.50 + 5522.07" in asked.answer and asked.tables, asked.answer


def test_a_count_asked_after_a_lines_area_is_what_the_plan_counts_in_that_unit(fixture_assistant):
    """"一共纳入了多少处？" after 历史文化保护线's area: the sites counted in 处 (11 + 12), not the line's area;
    "那几处叫什么名字" then asks names (not given), not a count ("那几处" points, it does not ask how many)."""
    _, sites, names = dialogue(fixture_assistant, "历史文化保护线增加了多少公顷？", "一共纳入了多少处？",
                               "国家级的那几处具体叫什么名字？")
    assert "合计 23 处" in sites.answer and "710.6312" not in sites.answer, sites.answer
    assert names.refused and "没有列出具体名单" in names.answer and "没有给出其数量" not in names.answer, names.answer


def test_another_line_asked_its_share_of_the_same_whole(fixture_assistant):
    """"维护后的城镇开发边界又占多少？" after 生态保护红线's share of 市辖区: the same whole, another line."""
    *_, again = dialogue(fixture_assistant, "生态保护红线占市辖区的比例是多少？", "维护后的城镇开发边界又占多少？")
    assert "14.36%" in again.answer and "65361 公顷" in again.answer, again.answer


def test_a_thing_pointed_at_is_no_follow_up_of_the_last_figure():
    """"那个站配套了什么？" after a count of projects refused: 那个 points at a thing (the fire station), it does not
    go on from the last figure; what the brackets carry (项目) makes it no count."""
    from assistant.qa.figure_followup import resolve
    from assistant.qa.figure_query import parse

    last = parse("高新区规划面积有多少？（中心城区用地、项目）").to_context()
    assert resolve("那个站配套了什么？（中心城区用地、项目）", {"figure": last}) is None
    assert resolve("那实施的呢？", {"figure": parse("重点建设项目一共多少项？").to_context()}).measures == ["实施"]
