"""Chat formatting: citations as expandable quotes, SQL only for staff, plan-map requests recognised."""

import pytest

from assistant.answer_types import Answer, Citation
from assistant.qa.plan_maps import match_plan_map
from assistant.web import chat_view


@pytest.mark.parametrize("question, expected", [
    ("看一下永久基本农田维护后图", ("永久基本农田", "维护后", None)),
    ("三条控制线维护前图（标明调出）", ("三条控制线", "维护前", "调出")),
    ("国土空间用途分区图（维护后）", ("国土空间用途分区", "维护后", None)),
    ("中心城区用地规划布局图（维护前）", ("中心城区用地", "维护前", None)),
    ("永久基本农田增加了多少亩？", None),
    ("生态控制区能否开发？", None),
    ("永久基本农田图斑有多少个？", None),
])
def test_match_plan_map(question, expected):
    assert match_plan_map(question) == expected


def answer_with_table():
    return Answer("维护后城镇开发边界多少公顷？", "figure", "维护后城镇开发边界 **5,000 公顷**。",
                  [Citation("方案", "四、动态维护方案 > 3.城镇开发边界", "城镇开发边界面积为5000公顷。")],
                  [{"title": "城镇开发边界面积", "columns": ["版本", "公顷"], "rows": [["维护后", 5000.0]],
                    "sql": "SELECT version, sum(area_m2) FROM features"}])


def test_format_answer_staff_shows_sql_and_citations():
    md = chat_view.format_answer(answer_with_table(), staff=True)
    assert "<details><summary>［1］四、动态维护方案 &gt; 3.城镇开发边界</summary>" in md
    assert "> 城镇开发边界面积为5000公顷。" in md
    assert "| 维护后 | 5,000 |" in md
    assert "```sql" in md and "以法定图件为准" in md


def test_format_answer_public_hides_sql():
    md = chat_view.format_answer(answer_with_table(), staff=False)
    assert "SELECT" not in md and "<details>" in md


def test_demo_banner():
    assert chat_view.demo_banner([]) == ""
    assert "当前图层为演示数据" in chat_view.demo_banner(["永久基本农田"])


def test_tables_people_read_have_chinese_headings_and_no_bookkeeping_columns():
    from assistant.table_labels import for_people

    columns, rows = for_people(["figure_id", "indicator", "value_text", "unit", "quote"],
                               [["id-1", "城市绿线", "301.11", "公顷", "……"]])
    assert columns == ["指标", "数值", "单位"] and rows == [["城市绿线", "301.11", "公顷"]]
