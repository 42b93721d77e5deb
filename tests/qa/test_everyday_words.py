"""Everyday words for what the plan says in its own: a red line said by what it is for (种粮红线), land added to
the town (新扩的地 = 扩展规模), a consequence or a limit asked (会不会影响, 不能碰), the issuer said any way (哪个衙门),
a year that dates a cited document, and the figure after maintenance as a share of the one before."""

import pytest
from conversation_helpers import dialogue

from assistant.qa import asker, elsewhere, scope

CORPUS = "《山西省自然资源厅关于加强城镇开发边界管理工作的通知（试行）》（晋自然资发〔2024〕22号）"


@pytest.mark.parametrize(("question", "action"), [
    ("生态控制区是不是完全不能碰？", None),   # what may not be done: the plan's rules say it
    ("城往外扩的线有啥不能超？", None),
    ("绿线调整后会不会影响服务？", None),     # a consequence, which the plan states as what is kept
    ("老城区那些老房子以后能拆吗？", "拆"),    # an action the plan never speaks of
])
def test_limits_and_consequences_are_no_unknown_action(question, action):
    assert scope.unsupported_action(question, lambda word: False) == action


def test_a_year_dating_a_cited_document_is_no_edition():
    assert elsewhere.other_edition("省里2024年那个加强城镇开发边界管理的文件号是啥？", CORPUS) is None
    assert elsewhere.other_edition("2024年的方案调了啥？", CORPUS) is not None


@pytest.mark.parametrize(("question", "expected"), [
    ("种粮红线、生态红线、城边界这三条，哪条这回没动？", "生态保护红线（10 平方千米"),
    ("种粮食的红线这次是多了还是少了，差了多少亩？", "238 亩"),
    ("种粮红线的管理是照着省里哪个文件来的？", "晋自然资发〔2025〕20号"),
])
def test_a_red_line_said_by_what_it_is_for(fixture_assistant, question, expected):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and expected in answer.answer, answer.answer


def test_a_red_line_for_nothing_the_plan_covers_is_still_refused(fixture_assistant):
    answer = fixture_assistant.ask("道路红线退让多少米？")
    assert answer.refused and "道路红线" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "expected"), [
    ("给城里新扩的地这回缩了多少公顷？", "29.81"),
    ("新扩城实际用的加上留着机动的，加起来是多少公顷？", "维护后扩展规模与预留机动规模合计 973.98 公顷（944.17 + 29.81"),
    ("永农维护后是原来的百分之多少？", "100.29%"),
    ("城里的绿地这回有没有被挪走的？挪了多少？", "6.07"),
])
def test_everyday_words_for_the_plans_measures(fixture_assistant, question, expected):
    answer = fixture_assistant.ask(question)
    assert expected in answer.answer, answer.answer


def test_the_share_of_the_figure_before_asked_next(fixture_assistant):
    *_, share = dialogue(fixture_assistant, "城里往外扩的那部分有多少地？", "占原来扩展规模的多少？")
    assert "96.94%（944.17 公顷 ÷ 973.98 公顷" in share.answer, share.answer


def test_the_issuer_said_any_way_and_then_the_date(fixture_assistant):
    assert "落款：阳泉市人民政府" in fixture_assistant.ask("这方案是哪个衙门出的？").answer
    *_, when = dialogue(fixture_assistant, "这次为什么要做动态维护？", "对接的是哪个省的部署？", "方案由哪个单位发布？",
                        "什么时候发布的？")
    assert when.answer.startswith("落款：阳泉市人民政府，2026年6月"), when.answer  # not 部署, said two turns back


def test_a_sum_of_counts_names_no_phase(fixture_assistant):
    """Counts have no 维护前/后: the sum's label is the two kinds, never "None"."""
    answer = fixture_assistant.ask("纳入历史文化保护线的国家级和省级文保单位一共多少处？")
    assert "国家级与省级合计 23 处" in answer.answer and "None" not in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "expected"), [
    ("市辖区以外的县一共多大？", "3905.35"),     # the 市域 less the 市辖区
    ("俺们阳泉整个市一共多大地方啊？", "4558.96"),
])
def test_the_city_and_its_counties_said_in_everyday_words(fixture_assistant, question, expected):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and expected in answer.answer, answer.answer


@pytest.mark.parametrize("question", [
    "市辖区以外那几个县各自面积多少？",          # each county's area is not given
    "新城大道一级消防站具体门牌号在哪？",        # a road's name gives no house number
    "俺们河底镇那个村能不能划进开发边界？",      # one village against a line: a place is needed
    "那个托育中心啥时候能盖好？",
])
def test_what_the_plan_gives_for_no_one_place(fixture_assistant, question):
    assert fixture_assistant.ask(question).refused


@pytest.mark.parametrize(("first", "question"), [
    ("纳入历史文化保护线的国家级和省级文保单位一共多少处？", "这些文保单位的具体坐标能给我吗？"),
    ("永农维护后多少？", "增加的那部分在哪个乡镇？"),
])
def test_where_the_things_counted_are(fixture_assistant, first, question):
    _, answer = dialogue(fixture_assistant, first, question)
    assert answer.refused and "具体位置" in answer.answer, answer.answer


def test_three_districts_each_are_not_the_whole():
    from assistant.plan.vocabulary import in_plan_words

    assert in_plan_words("城区、矿区、郊区三个区各分到多少开发边界面积？").startswith("城区、矿区、郊区")
    assert in_plan_words("城区、矿区、郊区三个区合起来多大？").startswith("市辖区")


def test_what_the_counties_maintain_is_no_area(fixture_assistant):
    answer = fixture_assistant.ask("城区矿区郊区以外的那几个县，这回维护都管些啥？")
    assert answer.intent == "policy" and "重点建设项目清单" in answer.answer, answer.answer


def test_that_ring_is_no_one_village():
    assert not asker.asks_parcel("城里能盖楼那个圈要是往里加了新地，别的地方咋办，是不是得退出去一样多的？")
    assert asker.asks_parcel("俺们河底镇那个村能不能划进开发边界？")
