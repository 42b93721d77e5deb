"""The 附图 pointed at by number or by what they show ("第五张附图叫啥？", "有没有中心城区用地布局的图？"), the
plan's own name ("这方案全名叫啥？"), a line held against the one just given ("比它大多少"),
and shares of a figure just given ("它的占比？") or of a line's own area."""

import pytest
from conversation_helpers import dialogue


def test_a_sheet_by_its_number(fixture_assistant):
    answer = fixture_assistant.ask("第五张附图叫啥？")
    assert "5. 国土空间用途分区图（维护前）" in answer.answer, answer.answer
    assert "1. 三条控制线" not in answer.answer and "6. " not in answer.answer, answer.answer


def test_sheets_pointed_at_one_after_another(fixture_assistant):
    _, seventh, last, named = dialogue(fixture_assistant, "第五张附图叫啥？", "不对，我问的是第七张。", "那最后一张呢？",
                                       "城镇开发边界那张叫什么？")
    assert not seventh.refused and "7. 中心城区用地规划布局图（维护前）" in seventh.answer, seventh.answer
    assert "8. 中心城区用地规划布局图（维护后）" in last.answer and "5. " not in last.answer, last.answer
    assert "4. 城镇开发边界维护后图" in named.answer and "3. " not in named.answer, named.answer


def test_the_fifth_of_the_list_just_given(fixture_assistant):
    _, fifth = dialogue(fixture_assistant, "方案后面附了几张图？", "第五张是什么图？")
    assert "5. 国土空间用途分区图（维护前）" in fifth.answer and "6. " not in fifth.answer, fifth.answer


def test_two_sheets_by_number_after_the_list(fixture_assistant):
    *_, two = dialogue(fixture_assistant, "方案后面附的图都有哪些？", "第三张是啥？", "第一张和第二张有啥区别？")
    assert "标明调出" in two.answer and "标明调入" in two.answer and "3. " not in two.answer, two.answer


def test_sheets_by_what_they_show(fixture_assistant):
    answer = fixture_assistant.ask("有没有中心城区用地布局的图？")
    assert "中心城区用地规划布局图（维护前）" in answer.answer and "中心城区用地规划布局图（维护后）" in answer.answer
    assert "1. " not in answer.answer, answer.answer


def test_the_last_sheet_after_the_first_two(fixture_assistant):
    *_, last = dialogue(fixture_assistant, "方案后面附了哪些图？", "前两张分别标的是什么？", "最后一张是什么图？")
    assert "8. 中心城区用地规划布局图（维护后）" in last.answer and "2. " not in last.answer, last.answer


def test_the_map_of_the_line_just_given(fixture_assistant):
    _, maps = dialogue(fixture_assistant, "永久基本农田维护后多少", "有对应的图吗？")
    assert "永久基本农田维护后图" in maps.answer and "中心城区用地规划布局图" not in maps.answer, maps.answer


@pytest.mark.parametrize("question", ["这方案全名叫啥？", "方案名字叫什么", "这个方案的全称是什么"])
def test_the_plans_own_name(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and "方案全称：阳泉市国土空间总体规划2026年度动态维护方案" in answer.answer, answer.answer
    assert all(c.section == "封面" for c in answer.citations)


def test_the_name_and_the_issuer(fixture_assistant):
    answer = fixture_assistant.ask("这个方案叫什么名字，谁发的")
    assert "动态维护方案" in answer.answer and "阳泉市人民政府" in answer.answer, answer.answer


def test_a_name_asked_of_something_else_is_no_plan_name(fixture_assistant):
    assert "方案全称" not in fixture_assistant.ask("南山宾馆叫什么").answer


def test_names_asked_of_things_listed_are_no_plan_name(fixture_assistant):
    *_, names = dialogue(fixture_assistant, "中心城区这次落实了哪些民生设施？", "都叫什么名字？")
    assert "方案全称" not in names.answer, names.answer


def test_a_line_held_against_the_one_just_given(fixture_assistant):
    _, larger = dialogue(fixture_assistant, "历史文化保护线维护后多少", "洪涝风险控制线比它大多少公顷？")
    assert "洪涝风险控制线比历史文化保护线大" in larger.answer and "3568.45" in larger.answer, larger.answer


def test_the_share_of_the_count_just_given(fixture_assistant):
    *_, share = dialogue(fixture_assistant, "更新类项目多少？", "占比？", "实施的呢？", "它的占比？")
    assert "20.92%" in share.answer, share.answer


@pytest.mark.parametrize(("question", "expected"), [
    ("维护后扩展规模占开发边界总面积比例？", "10.06%"),
    ("预留机动规模占开发边界总面积的比例", "0.32%"),
])
def test_a_share_of_the_lines_own_area(fixture_assistant, question, expected):
    answer = fixture_assistant.ask(question)
    assert expected in answer.answer and "3.06" not in answer.answer, answer.answer


def test_the_plans_own_share_is_still_its_own(fixture_assistant):
    assert "3.06" in fixture_assistant.ask("预留机动规模占比多少").answer
