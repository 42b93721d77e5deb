"""A line described in everyday words after where it lies ("三个区里保护山水的那条红线"), a place or a use asked of a
figure's land ("调入的那6.42公顷绿线在哪一片"), a share of another whole, and members of a kind the plan never
names ("哪些历史文化名村")."""

import pytest

from assistant.conversation import Conversation
from assistant.qa import asked_things, scope_fit, swaps
from assistant.qa.expand import described_phrase
from assistant.qa.figure_query import asks_no_amount


@pytest.mark.parametrize("question, phrase", [
    ("这回调整完，三个区里国家死保、不许乱占的种粮食的地有多少？", "国家死保、不许乱占的种粮食的地"),
    ("三个区里划出来保护山水林草的那条红线这次动没动？", "保护山水林草的那条红线"),
    ("三个区里保护山水的那条红线圈了多大？", "保护山水的那条红线"),  # 圈了: what was done, not a 线圈
    ("市里专门留着种粮食的地有多少？", "留着种粮食的地"),
])
def test_where_a_description_lies_is_not_part_of_it(question, phrase):
    assert described_phrase(question) == phrase


def ask(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]


@pytest.mark.parametrize("question, line, figure", [
    ("三个区里保护山水的那条红线圈了多大？", "生态保护红线", "10"),
    ("三个区里划出来保护山水林草的那条红线这次动没动？", "生态保护红线", "不涉及"),
    ("这回调整完，三个区里国家死保、不许乱占的种粮食的地有多少？", "永久基本农田", "8.2831"),
    # a noun the plan never uses, whose size is asked, like one line's definition
    ("绿化带的面积有多大？", "城市绿线", "301.11"),
    ("河道管控范围面积多大？", "洪涝风险控制线", "4279.0808"),
])
def test_a_line_described_after_where_it_lies_is_answered(fixture_assistant, question, line, figure):
    answer, = ask(fixture_assistant, question)
    assert not answer.refused
    assert line in answer.answer and figure in answer.answer


def test_a_count_of_things_is_no_size_of_a_line(fixture_assistant):
    answer, = ask(fixture_assistant, "城里的古建筑有多少处？")
    assert "8.09" not in answer.answer  # 城市紫线's area counts no buildings


@pytest.mark.parametrize("question, reason", [
    ("调入的那6.42公顷绿线在哪一片？", "具体位置"),
    ("预留机动规模准备给哪个具体项目用？", "具体用于哪个项目"),
    ("城市绿线调出的绿地拿去做什么了？", "调整后的具体用途"),
])
def test_a_place_or_use_asked_of_a_figures_land_is_refused(fixture_assistant, question, reason):
    answer, = ask(fixture_assistant, question)
    assert answer.refused and reason in answer.answer


def test_where_a_difference_lies_is_no_place(fixture_assistant):
    *_, answer = ask(fixture_assistant, "方案后面附了哪些图？", "三条控制线的图有两张，区别在哪？")
    assert not answer.refused
    assert "标明调出" in answer.answer and "标明调入" in answer.answer


@pytest.mark.parametrize("question, refused", [
    ("南山宾馆位置校正是哪家测绘单位做的？", True),
    ("这些文保单位的保护范围是谁划定的？", True),
    ("精神康复住院楼是哪家医院的？", False),  # a hospital is named by the plan, not a firm
    ("这些内容具体由哪个区的哪个部门承办？", True),  # who undertakes it, not who takes part (…等部门协同)
])
def test_firms_and_who_drew_a_line_are_asked_things(fixture_assistant, question, refused):
    answer, = ask(fixture_assistant, question)
    assert answer.refused is refused


def test_a_body_is_not_read_in_a_cited_documents_title():
    quote = "按照《自然资源部 国家林业和草原局关于进一步做好自然资源要素保障的通知》要求，开展本次规划动态维护工作。"
    assert asked_things.missing_thing("三条控制线由哪个部门来维护？", [quote]) == "负责的部门或单位"
    assert asked_things.missing_thing("三条控制线由哪个部门来维护？", ["由阳泉市自然资源局负责维护。"]) is None


def test_a_share_of_another_whole_keeps_the_part():
    assert swaps.parallel("占市辖区", "中心城区占全市国土面积多少？") is None
    assert swaps.parallel("南边", "中心城区北边到哪个镇？") == "中心城区南边到哪个镇？"


def test_a_share_follow_up_and_a_districts_share(fixture_assistant):
    _, again, districts = ask(fixture_assistant, "中心城区占全市国土面积大概多少？", "占市辖区呢？",
                              "城区和矿区在中心城区里各占多少？")
    assert "41.50" in again.answer
    assert districts.refused and "城区单独" in districts.answer


def test_a_level_named_replaces_the_level_carried(fixture_assistant):
    _, total = ask(fixture_assistant, "中心城区范围内有多少个重点建设项目？", "全市总数是多少？")
    assert not total.refused and "564" in total.answer


@pytest.mark.parametrize("question, refused", [
    ("阳泉有哪些历史文化名村？", True),            # 名村: qualified by 历史文化, which the plan says
    ("历史文化保护线里有哪些传统村落？", True),
    ("规划里有没有新建救火的站点？", False),        # 站点 is like no plan word: 救火 says what is asked
])
def test_members_asked_are_of_the_last_noun(fixture_assistant, question, refused):
    answer, = ask(fixture_assistant, question)
    assert answer.refused is refused


def test_a_town_the_plan_names_is_read_by_its_passage(fixture_assistant):
    answer, = ask(fixture_assistant, "我住在河底镇，我们那儿算不算阳泉主城的范围？")
    assert not answer.refused and "河底镇" in answer.answer
    assert "城镇开发边界" not in " ".join(answer.notes)  # 主城的范围 is no line described


def test_a_count_of_a_thing_a_gloss_of_the_quote_names():
    quote = "本次动态维护重点建设项目共 564 项，其中，实施 118 项、延续 229 项。"
    assert scope_fit.missing_figure("一共列了多少个大工程？", [quote])
    assert not scope_fit.missing_figure("一共列了多少个大工程？", [quote], lambda word: word == "工程")


def test_as_much_one_way_as_the_other_is_no_amount(fixture_assistant):
    assert asks_no_amount("城里盖楼范围换地的时候，是不是调进来多少就得退出去多少？")
    assert not asks_no_amount("城市绿线调进来多少？")
    answer, = ask(fixture_assistant, "城里盖楼范围换地的时候，是不是调进来多少就得退出去多少？")
    assert answer.intent != "figure"  # 城市绿线's 调入 6.42 公顷 is no rule of the 城镇开发边界


def test_a_gloss_vouches_for_a_count_only_where_a_quote_counts():
    quote = "三是完善教育、医疗、养老等公共服务设施布局，完善蓝绿开敞空间系统。"
    assert scope_fit.missing_figure("新增了几个公园？", [quote], lambda word: True)


def test_a_description_as_like_two_lines_answers_both(fixture_assistant):
    answer, = ask(fixture_assistant, "保护老古董老建筑的范围现在多大了？")
    assert "8.09" in answer.answer and "710.6312" in answer.answer
    assert any("两者都列出" in note for note in answer.notes)


@pytest.mark.parametrize("question, listed", [
    ("这次改规划是按哪几条大思路来改的？", "编制原则包括以下 4 项"),  # one principle found by its gloss: all four
    ("底线思维原则有哪几条要求？", None),                          # the item itself is named: its passage
])
def test_several_items_asked_get_the_whole_list(fixture_assistant, question, listed):
    answer, = ask(fixture_assistant, question)
    assert (listed in answer.answer) if listed else "包括以下" not in answer.answer


def test_a_count_of_parks_is_not_vouched_by_a_gloss_without_a_number(fixture_assistant):
    _, parks = ask(fixture_assistant, "中心城区里的蓝绿空间方案怎么说？", "新增了几个公园？")
    assert parks.refused


def test_a_list_the_items_passage_gives_is_not_replaced(fixture_assistant):
    answer, = ask(fixture_assistant, "搞这个规划，最要紧守住的是哪几个方面的安全？")
    assert "粮食安全" in answer.answer and "包括以下" not in answer.answer


@pytest.mark.parametrize("question, short", [
    ("高新区的全称是什么？", "高新区"),         # written only so
    ("自然资源部的全称是什么？", None),         # a full name already, not an abbreviation
    ("其中省里那份文件全称叫什么？", None),     # not a name the plan writes
    ("这方案全名叫啥？", None),                 # the plan itself, named by its title
])
def test_a_full_name_the_plan_never_writes(question, short):
    from assistant.qa.asked_things import unexpanded_name

    corpus = "本方案主要落实郊区新城大道一级消防站、高新区特勤消防站。按照《自然资源部 国家林业和草原局关于…的通知》，自然资源部空间规划局。"
    assert unexpanded_name(question, corpus) == short


def test_only_lines_defined_by_the_same_things_are_read_together(fixture_assistant):
    answer, = ask(fixture_assistant, "城里那个建设圈有多大？")  # 城镇开发边界's gloss, 城市绿线's close behind
    assert "城镇开发边界" in answer.answer and "城市绿线" not in answer.answer
