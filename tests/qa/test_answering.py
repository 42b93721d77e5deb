"""Routing, follow-ups, refusals, extractive answers and the LLM guard — no index or database needed."""

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer_types import Answer, Citation
from assistant.errors import LLMError
from assistant.evaluate import citation_precision, contains
from assistant.plan.corpus import load_corpus
from assistant.qa.elsewhere import out_of_scope
from assistant.qa.followup import rewrite
from assistant.qa.grounding import unsupported_numbers
from assistant.qa.llm import Rephraser, make_chat_model
from assistant.qa.policy_answer import Extractor
from assistant.qa.route import route
from assistant.qa.scope import unstated_kind, unsupported_topic
from assistant.qa.terms import tokenize
from assistant.settings import ROOT


@pytest.fixture(scope="module")
def sections():
    return load_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def extractor(sections):
    return Extractor(sections, tokenize)


@pytest.fixture(scope="module")
def corpus_text(sections):
    return "\n".join(s.section + "\n" + s.text for s in sections)


def ranked_by_overlap(sections, question):
    """A stand-in for retrieval: sections by shared tokens, so these tests need no index."""
    q = set(tokenize(question))
    return [s.section for s in sorted(sections, key=lambda s: -len(q & set(tokenize(s.section + s.text))))][:4]


@pytest.mark.parametrize("question,intent,kind", [
    ("东经113.58 北纬37.86 在不在基本农田里？", "location", "point"),
    ("113°34′48″E, 37°51′36″N 占不占永久基本农田", "location", "point"),
    ("坐标 4192041.8, 38463040.3 是否在城镇开发边界内", "location", "xy"),
    ("不动产单元号 140311001001GB00001W00000000 占不占永久基本农田？", "location", "parcel"),
    ("不动产单元号 1234 占不占永久基本农田？", "location", "parcel"),
    ("地块编号 YQ-2026-00012 在不在生态红线里", "location", "parcel"),
    ("河底镇在城镇开发边界内吗？", "location", "place"),
    ("郊区有多少永久基本农田？", "stats", None),
    ("中心城区用地构成是怎样的", "stats", None),
    ("看一下永久基本农田维护后图", "map", None),
    ("列出新增的重点项目", "projects", None),
    ("重点建设项目清单按状态分成了哪几类？", "text", None),
    ("重点建设项目清单维护是跟哪个规划衔接的？", "text", None),  # 清单 of the plan's own heading
    ("增补清单的重点项目有哪些？", "projects", None),
    ("方案有哪些附图？", "text", None),
    ("维护后城镇开发边界多少公顷？", "text", None),
    ("生态控制区能否开发？", "text", None),
    ("中心城区有多少城市绿线", "text", None),
])
def test_route(question, intent, kind):
    r = route(question, ["河底镇", "义井镇"])
    assert r.intent == intent
    if kind:
        assert r.detail["kind"] == kind


def test_route_reads_the_coordinate_system_words():
    assert route("百度地图上 113.59,37.87 在不在生态红线", []).detail["crs"] == "bd09"
    assert route("高德坐标113.59,37.87在不在基本农田", []).detail["crs"] == "gcj02"


@pytest.mark.parametrize("question,previous,expected", [
    ("那生态保护红线呢？", "东经113.58 北纬37.86 在不在基本农田里？", "东经113.58 北纬37.86 在不在生态保护红线里？"),
    ("维护前呢？", "维护后城镇开发边界多少公顷？", "维护前城镇开发边界多少公顷？"),
    ("维护前呢？", "城镇开发边界多少公顷？", "维护前城镇开发边界多少公顷？"),
    ("那紫线呢？", "城市绿线维护后比维护前多多少？", "紫线维护后比维护前多多少？"),
    ("生态控制区能否开发？", "城市绿线维护后比维护前多多少？", "生态控制区能否开发？"),
    ("那生态保护红线呢？", None, "那生态保护红线呢？"),
    ("维护后呢？", "城市紫线调出调入分别是多少？", "维护后城市紫线分别是多少？"),
    # a word of the same kind swapped: same last character (方位, 级别, 区)
    ("那东边呢？", "中心城区西边到哪里？", "中心城区东边到哪里？"),
    ("那省级的呢？", "国家级文物保护单位纳入了几处？", "省级文物保护单位纳入了几处？"),
    ("老百姓呢？", "城市绿线多少", "老百姓呢？"),
])
def test_followups_resolve_against_the_previous_question(question, previous, expected):
    assert rewrite(question, previous) == expected


@pytest.mark.parametrize("question", [
    "北京市的永久基本农田有多少？", "太原市城镇开发边界多大",
    "平定县的永久基本农田有多少？", "盂县生态保护红线面积是多少",
    "阳泉市2025年度动态维护方案调整了多少永久基本农田？", "2035年阳泉的城镇开发边界是多少",
])
def test_other_places_plans_and_years_are_refused(question, corpus_text):
    assert out_of_scope(question, corpus_text)


@pytest.mark.parametrize("question,kind", [
    ("阳泉的房价是多少？", "金额"), ("这些项目总投资多少亿元", "金额"), ("消防站哪年建成投用", "时间安排"),
    ("方案公示期是多少天", "时间安排"), ("住院楼设多少张床位", "人数或床位"), ("南山宾馆建于哪一年？", "时间安排"),
    ("违法占用基本农田会被判几年？罚款多少？", "处罚或刑责"), ("乱盖房子会被拘留吗", "处罚或刑责"),
])
def test_a_kind_of_figure_the_plan_never_states_is_named(question, kind, corpus_text):
    assert unstated_kind(question, corpus_text) == kind


@pytest.mark.parametrize("question", ["中心城区城市蓝线维护后是多少公顷？", "城市黄线有哪些管控要求？"])
def test_a_colour_line_the_plan_never_names_is_refused_with_the_lines_it_has(question, corpus_text):
    reason = out_of_scope(question, corpus_text)
    assert reason and "未涉及" in reason and "城市绿线、城市紫线" in reason and "永久基本农田保护红线" in reason


def test_how_often_is_not_a_date_and_a_rounding_word_is_no_topic(corpus_text):
    """"多长时间查一回" asks how often (the plan says 年度评估); "取整数" says how to round, not about what."""
    assert unstated_kind("规划调完以后谁来盯着落实？多长时间查一回？", corpus_text) is None
    assert unstated_kind("消防站多长时间能建成？", corpus_text) == "时间安排"
    assert unstated_kind("地铁几号线经过郊区？", corpus_text) is None  # a line's number, not a day of the month


@pytest.mark.parametrize(("question", "kind"), [
    ("以后会不会再往外扩？", "今后的安排"), ("明年会不会把洪涝线也调一调？", "今后的安排"),
    ("提了意见以后会有回音吗？", None),  # 以后 after a thing done: "once", not the future
    ("家门口着火消防车来得慢，以后会多几个消防站吗？", None),  # more of what the plan's works add, which it names
])
def test_the_future_is_refused_but_once_and_more_of_a_thing_are_read(question, kind, corpus_text):
    assert unstated_kind(question, corpus_text) == kind
    assert unsupported_topic("多出来的那部分折成亩是多少？（取整数）", lambda w: w in corpus_text) == []
    assert "多长时间" not in unsupported_topic("规划改完多长时间查一回？", lambda w: w in corpus_text)


def test_each_of_a_kind_of_place_is_not_another_place(corpus_text):
    """"各市县" is every city and county (of the province's notice), not a place the plan lacks."""
    assert out_of_scope("省里是哪个部门下通知让各市县调规划的？", corpus_text) is None
    assert out_of_scope("天津市的耕地多少", corpus_text)


@pytest.mark.parametrize("question,line", [("道路红线要退多少米？", "道路红线"), ("地铁红线怎么划的", "地铁红线")])
def test_a_colour_line_named_by_a_noun_the_plan_never_uses_is_refused(question, line, corpus_text):
    """Not 生态保护红线: a 道路红线 is another line, although the plan uses 红线."""
    reason = out_of_scope(question, corpus_text)
    assert reason and f"未涉及“{line}”" in reason and "生态保护红线" in reason


@pytest.mark.parametrize("question", ["城市绿线调出多少公顷？", "紫线调整了多少", "生态保护红线面积多少",
                                      "生态红线有多少", "耕地红线守住了吗", "这条红线在哪", "建设会不会碰红线"])
def test_a_colour_line_the_plan_names_is_in_scope(question, corpus_text):
    assert out_of_scope(question, corpus_text) is None


def test_a_noun_before_a_colour_is_read_from_the_text(corpus_text):
    """道路红线 is in scope for a plan that speaks of 道路: which nouns count is the plan's, not a list."""
    assert out_of_scope("道路红线要退多少米？", corpus_text + "\n道路红线按规定退让。") is None


def test_which_colour_lines_are_in_scope_is_read_from_the_text(corpus_text):
    """Not a list of lines: a plan text without 绿线 would have 城市绿线 refused too."""
    assert "未涉及“绿线”" in out_of_scope("城市绿线调出多少公顷？", corpus_text.replace("绿线", "某线"))


def test_a_penalty_is_stated_when_the_text_states_one(corpus_text):
    stated = corpus_text + "\n违反本规定的，处五万元以上罚款，即 50000 元以上罚款。"
    assert unstated_kind("违法占地罚款多少？", stated) is None


def test_a_sentence_ending_in_a_colon_is_quoted_with_what_it_introduces(extractor):
    """"…分为市域、市辖区、中心城区三个层次：" and the sentences after it, not the lead-in alone."""
    answer = extractor.answer("各个层次分别主要维护什么内容？", ["三、编制范围"])
    quotes = [c.quote for c in answer.citations]
    assert quotes[0].endswith("三个层次：") and len(quotes) == 7, quotes
    assert any("市域层面维护工作主要包括重点建设项目清单" in q for q in quotes)
    assert any("中心城区层面维护工作主要包括中心城区用地规划布局" in q for q in quotes)
    # One level asked: its own sentence is quoted already, so the list is not spelled out again.
    answer = extractor.answer("中心城区层次主要维护哪些内容？", ["三、编制范围"])
    quotes = [c.quote for c in answer.citations]
    assert any("中心城区层面维护工作" in q for q in quotes) and not any("市域层面" in q for q in quotes), quotes


@pytest.mark.parametrize("question", [
    "我是普通老百姓，想问下有没有给老人安排新的养老院？", "家里孩子才一岁多，规划里有托育的地方吗？",
    "种的地会不会越调越少？", "这个方案是哪个单位编发的，落款时间是什么时候？", "2026年度方案是谁发布的",
])
def test_a_missing_everyday_word_is_no_reason_to_refuse_before_retrieval(question, corpus_text):
    assert out_of_scope(question, corpus_text) is None
    assert unstated_kind(question, corpus_text) is None


def test_a_topic_is_unsupported_only_when_none_of_its_nouns_is_covered():
    covered = {"托育", "养老院"}.__contains__
    assert unsupported_topic("阳泉的平均气温是多少", covered) == ["平均气温"]
    assert unsupported_topic("老人有养老院吗", covered) == []


@pytest.mark.parametrize("question", [
    "生态控制区能否开发？", "城镇开发边界管理办法是哪个文号？", "南山宾馆的紫线调整了多少",
    "耕地红线维护后是多少", "郊区有多少永久基本农田？", "市辖区国土面积是多少？",
])
def test_in_scope_is_not_refused(question, corpus_text):
    assert out_of_scope(question, corpus_text, ["河底镇"]) is None


@pytest.mark.parametrize("question,must", [
    ("生态控制区能否开发？", ["适度的开发利用"]),
    ("生态控制区可以搞建设吗", ["不降低生态功能"]),
    ("本次动态维护分为哪几个层次？", ["市域", "市辖区", "中心城区"]),
    ("编制原则有哪几条？", ["底线思维", "正向优化", "需求导向", "统筹协调"]),
    ("中心城区用地规划布局维护包括哪几类用途调整？", ["详细规划", "城镇开发边界局部优化"]),
    ("方案获批以后怎么管理？", ["先调整、后落地"]),
    ("规划成果怎么入库", ["一张图"]),
    ("南山宾馆为什么调整紫线", ["精准校正"]),
    # lists come verbatim from the plan's own lists, whole
    ("三条控制线是哪三条？", ["永久基本农田保护红线、生态保护红线、城镇开发边界三条控制线"]),
    ("方案有哪些附图？", ["三条控制线维护前图（标明调出）", "三条控制线维护前图（标明调入）", "永久基本农田维护后图",
                     "城镇开发边界维护后图", "国土空间用途分区图（维护前）", "国土空间用途分区图（维护后）",
                     "中心城区用地规划布局图（维护前）", "中心城区用地规划布局图（维护后）"]),
    ("城市重要控制线维护包括哪几条线？", ["城市绿线", "城市紫线"]),
    ("中心城区对重点项目的统筹优化分哪几类情形？", ["一是", "二是", "三是", "四是"]),
    ("重点建设项目按哪几种方式纳入一张图？", ["精准上图、示意上图、增补清单"]),  # across a page break
])
def test_extractive_answers_quote_the_plan(extractor, sections, question, must):
    answer = extractor.answer(question, ranked_by_overlap(sections, question))
    assert not answer.refused
    assert all(contains(answer.answer, m) for m in must), answer.answer
    full = {s.section: s.text for s in sections}
    for c in answer.citations:
        assert c.quote in full[c.section] or c.section.endswith(c.quote)


def test_nothing_relevant_is_refused(extractor, sections):
    answer = extractor.answer("今天天气怎么样", ranked_by_overlap(sections, "今天天气怎么样"))
    assert answer.refused and not answer.citations and "未涉及" in answer.answer


def _answer():
    quote = "维护后城市绿线 301.11 公顷，符合动态维护正向优化要求。"
    return Answer("维护后城市绿线多少？", "policy", f"“{quote}”",
                  [Citation("方案", "四、动态维护方案 > （五）城市重要控制线维护 > 1. 城市绿线", quote)])


def test_llm_rephrasing_is_kept_when_its_numbers_are_sourced():
    model = FakeListChatModel(responses=["维护后，城市绿线面积为 301.11 公顷。"])
    out = Rephraser(model).rephrase(_answer())
    assert out.answer == "维护后，城市绿线面积为 301.11 公顷。" and out.citations


def test_llm_rephrasing_with_an_invented_number_falls_back_to_the_quote():
    model = FakeListChatModel(responses=["维护后城市绿线约 320 公顷。"])
    original = _answer()
    out = Rephraser(model).rephrase(original)
    assert out.answer == original.answer
    assert unsupported_numbers(original, "维护后城市绿线约 320 公顷。") == [320.0]


def test_llm_settings_errors_are_chinese():
    with pytest.raises(LLMError, match="YQPLAN_LLM_MODEL"):
        make_chat_model("openai", "http://127.0.0.1:9/v1", "", "")
    with pytest.raises(LLMError, match="只能是 openai 或 ollama"):
        make_chat_model("gpt", "", "m", "")


def test_numbers_compare_numerically_and_citation_precision():
    assert contains("总面积 9387.50 公顷", "9387.5")
    assert not contains("总面积 9387.51 公顷", "9387.50")  # written to as many places: must be equal
    assert contains("省级文物保护单位 12 处", "12处") and contains("“2026 年 6 月”", "2026年6月")
    assert not contains("省级文物保护单位 12 项", "12处")
    assert citation_precision(_answer()) == 1.0


def test_section_labels_match_paths_numbered_or_not():
    from assistant.plan.sections import section_matches

    assert section_matches("四（一）1 耕地和永久基本农田", "四、动态维护方案 > （一）三条控制线维护 > 1.耕地和永久基本农田")
    assert section_matches("二、编制原则 3", "二、编制原则 > 3. 需求导向，保障发展")
    assert not section_matches("二、编制原则 3", "二、编制原则 > 4. 统筹协调，系统衔接")
    assert section_matches("附图", "附图") and section_matches("封面", "封面")
    assert not section_matches("附图", "封面")


@pytest.mark.parametrize("question", ["规划附了哪几张图？", "调入的地块画在哪张附图里？", "要看用地布局前后对比，看哪几幅图？"])
def test_asking_which_maps_lists_them_rather_than_drawing(question):
    assert route(question).intent != "map"


@pytest.mark.parametrize("question", ["这次规划里新上马的项目有多少个？", "重点项目新上了几个"])
def test_words_jieba_tags_as_places_are_not_places(question, corpus_text):
    assert out_of_scope(question, corpus_text) is None


@pytest.mark.parametrize("question", ["西安的城镇开发边界有多大？", "广东永久基本农田多少"])
def test_places_named_without_a_suffix_are_refused(question, corpus_text):
    assert out_of_scope(question, corpus_text)


def test_a_noun_jieba_only_guessed_is_no_topic():
    known = {"永久基本农田"}
    assert unsupported_topic("种的地会不会越调越少？", lambda w: False, known) == []
    assert unsupported_topic("阳泉的平均气温是多少", lambda w: False, {"平均气温"}) == ["平均气温"]


def test_where_a_place_lies_relative_to_the_centre_is_a_text_question():
    # 中心城区 holds 中: "在中心城区的哪一侧" is not "在…中"
    assert route("义井镇在中心城区的哪一侧？", ["义井镇"]).intent == "text"
    assert route("义井镇在不在中心城区里？", ["义井镇"]).intent == "location"


def test_a_count_of_the_rows_a_query_returned_has_a_source():
    table = {"title": "清单", "columns": ["编号"], "rows": [[f"P{i}"] for i in range(12)], "sql": "SELECT …"}
    answer = Answer("有哪些", "projects", "共 12 项：P0、P1 等。", tables=[table])  # counts ≤ 10 pass anyway
    assert unsupported_numbers(answer) == []
    assert unsupported_numbers(answer, "共 34 项。") == [34.0]


@pytest.mark.parametrize("question", ["中心城区北边到哪儿？", "中心城区的范围四至是什么", "城中心那片东西南北到哪？中心城区"])
def test_an_extent_asked_is_answered_by_the_sentence_of_bounds(extractor, question):
    """"北边到哪" shares no word with "北起郊区河底镇，南至…": the sentence naming two or more bounds of
    what the question names is the answer, even from a section retrieval ranks second."""
    ranked = ["四、动态维护方案 > （四）中心城区用地规划布局维护", "三、编制范围"]
    answer = extractor.answer(question, ranked)
    assert any("北起郊区河底镇，南至城区义井镇" in c.quote for c in answer.citations), [c.quote for c in answer.citations]


def test_bounds_are_no_answer_when_no_extent_is_asked(extractor):
    ranked = ["四、动态维护方案 > （四）中心城区用地规划布局维护", "三、编制范围"]
    answer = extractor.answer("中心城区用地规划布局维护了什么？", ranked)
    assert not any("北起" in c.quote for c in answer.citations), [c.quote for c in answer.citations]


@pytest.mark.parametrize(("question", "quoted"), [
    ("南山宾馆跟国土空间规划能扯上什么关系", "南山宾馆历史建筑"),  # 关系 is how it is asked, not a thing named
    ("养老方面的项目有哪些", "郊区幸福家园养老中心"),               # 方面 finds no plan word of its own
    # the words of 国土空间规划, a name for plans in general, outweighed 托育 in the background's sentence
    ("国土空间规划还管托育这块吗？", "综合托育服务中心"),
])
def test_words_of_asking_name_nothing_the_plan_lacks(fixture_assistant, question, quoted):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and any(quoted in c.quote for c in answer.citations), answer.answer
    assert not any("事项" in c.quote or "工作背景" in c.section for c in answer.citations), answer.answer


@pytest.mark.parametrize("question", ["这次为啥要搞动态维护？", "为什么要编这个方案", "搞这次规划维护的目的是啥",
                                      "开展这次维护图个啥？", "搞这个维护是为了啥？"])
def test_why_the_work_is_done_is_its_background(extractor, sections, question):
    answer = extractor.answer(question, ranked_by_overlap(sections, question))
    assert [c.section for c in answer.citations] == ["一、工作背景"], answer.answer


def test_why_a_line_is_kept_is_not_the_background(extractor, sections):
    question = "生态保护红线为什么不调整"
    answer = extractor.answer(question, ranked_by_overlap(sections, question))
    assert "不涉及生态保护红线调整" in answer.answer and "工作背景" not in answer.answer


@pytest.mark.parametrize("question", ["这回调的规划啥时候开始算数？", "这规矩啥时候开始管？", "新方案什么时候生效",
                                      "这方案啥时候开始照着办？"])
def test_when_the_rules_apply_is_the_plans_condition_not_a_date(fixture_assistant, corpus_text, question):
    assert unstated_kind(question, corpus_text) is None
    answer = fixture_assistant.ask(question)
    assert not answer.refused and "方案获批后严格执行" in answer.citations[0].quote, answer.answer
    assert answer.answer.startswith("方案原文没有给出具体日期")


def test_when_works_start_is_still_a_date_the_plan_does_not_give(corpus_text):
    assert unstated_kind("养老中心什么时候开工", corpus_text) == "时间安排"


def test_money_paid_for_land_is_an_amount_the_plan_never_gives(corpus_text):
    assert unstated_kind("我家地被占了，钱啥时候能下来？", corpus_text) == "金额"
    assert unstated_kind("征地补偿款怎么算", corpus_text) == "金额"


def test_a_share_the_sql_returns_as_a_fraction_is_supported_in_per_cent():
    table = {"title": "中心城区用地构成", "columns": ["代码", "名称", "面积（公顷）", "占比"],
             "rows": [["0103", "旱地", 6249.2451, 0.2304], ["0301", "乔木林地", 3438.9043, 0.1268]]}
    answer = Answer("中心城区用地构成？", "stats", "0103 旱地 6249.2451 公顷（23.0%）；0301 乔木林地 3438.9043 公顷（12.7%）。",
                    tables=[table])
    assert unsupported_numbers(answer) == []
    answer.answer += "另有 35.5% 为其他。"  # no row gives it
    assert unsupported_numbers(answer) == [35.5]
