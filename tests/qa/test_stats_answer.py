"""Statistics and project answers composed from SQL: numbers, version, SQL and citations, no index needed.

Expected areas come from tests/fixtures/stats_reference.py (shapely + pyproj), not from the SQL.
"""

from __future__ import annotations

import pytest
from fixtures import stats_reference as ref
from fixtures.layer_db import ROOT

from assistant.plan.corpus import load_corpus
from assistant.qa.stats_answer import answer_projects, answer_stats

DEMO = "注意：当前图层为演示数据（按方案数字生成），非正式规划成果，结论仅供演示，以法定图件为准。"
SILENT = "当前图层为演示数据（按方案数字生成），以下结果只演示按图层查询的方式，不代表规划成果；导入正式图层后即为实际数据。"


def body(answer, refused: bool = False) -> str:
    """The answer after the lead that says the plan states no such figure (demo layers only); a refusal
    when the whole list or layer is asked, which the plan would give if it gave one."""
    lead, rest = answer.answer.split("\n\n", 1)
    assert lead.startswith("方案原文未给出") and lead.endswith(SILENT) and answer.refused is refused
    return rest


@pytest.fixture(scope="module")
def runner(versioned_runner):
    return versioned_runner


@pytest.fixture(scope="module")
def sections():
    return load_corpus(ROOT / "corpus")


def ha(m2: float) -> str:
    return f"{round(m2 / ref.M2_PER_HA, 4):f}".rstrip("0").rstrip(".")


@pytest.mark.parametrize("version", ["维护前", "维护后"])
@pytest.mark.parametrize("area", ["郊区", "城区", "中心城区"])
def test_layer_area_answer(runner, sections, version, area):
    where = "中心城区范围" if area == "中心城区" else area
    count, m2 = ref.layer_area("永久基本农田", version, where)
    answer = answer_stats("问", runner, sections, "永久基本农田", version, area)
    assert answer.intent == "stats" and answer.question == "问"
    assert f"{where}内{version}的永久基本农田面积为 {ha(m2)} 公顷" in answer.answer
    assert f"涉及 {count} 个图斑" in answer.answer and answer.answer.endswith(DEMO)
    assert answer.notes == [DEMO]
    table = answer.tables[0]
    assert table["title"] == f"{where}永久基本农田面积（{version}）" and "ST_Intersection" in table["sql"]
    assert answer.citations and all(c.quote for c in answer.citations)


def test_layer_area_answer_text_exactly(runner, sections):
    count, m2 = ref.layer_area("城市绿线", "维护后", "郊区")
    mu = f"{round(m2 / ref.M2_PER_MU, 2):f}".rstrip("0").rstrip(".")
    answer = answer_stats("q", runner, sections, "城市绿线", "维护后", "郊区")
    assert body(answer) == (f"郊区内维护后的城市绿线面积为 {ha(m2)} 公顷（{mu} 亩），涉及 {count} 个图斑"
                             f"（按图层数据在 CGCS2000 高斯投影 38 带中计算）。\n\n{DEMO}")


@pytest.mark.parametrize("version", ["维护前", "维护后"])
def test_land_use_answer_orders_by_area(runner, sections, version):
    expected = sorted(ref.land_use(version).items(), key=lambda kv: -kv[1])
    total = sum(m2 for _, m2 in expected)
    answer = answer_stats("q", runner, sections, "中心城区用地", version, "中心城区")
    parts = "；".join(f"{code} {name} {ha(m2)} 公顷（{m2 / total * 100:.1f}%）" for (code, name), m2 in expected)
    assert body(answer) == f"中心城区用地（{version}）共 {len(expected)} 类，面积较大的有：{parts}。\n\n{DEMO}"
    assert answer.tables[0]["title"] == f"中心城区用地构成（{version}）" and answer.notes == [DEMO]


@pytest.mark.parametrize(("question", "ids", "title"), [
    ("郊区有哪些重点项目？", ["P1", "P2", "P4"], "郊区重点建设项目清单"),
    ("郊区新增的重点项目", ["P2", "P4"], "郊区“新增”类重点建设项目清单"),
    ("郊区精准上图的项目", ["P1"], "郊区“精准上图”重点建设项目清单"),
    ("新增类重点项目有哪些", ["P2", "P4"], "“新增”类重点建设项目清单"),
    ("增补清单里的项目", ["P3"], "“增补清单”重点建设项目清单"),
    ("全部重点项目", ["P1", "P2", "P3", "P4"], "重点建设项目清单"),
    # a category the list holds narrows it, with or without an area
    ("有哪些交通项目？", ["P1"], "交通类重点建设项目清单"),
    ("郊区公共服务的重点项目", ["P2", "P4"], "郊区公共服务类重点建设项目清单"),
    ("新增的公共服务项目", ["P2", "P4"], "“新增”公共服务类重点建设项目清单"),
])
def test_projects_answer(runner, sections, question, ids, title):
    answer = answer_projects(question, runner, sections)
    rows = answer.tables[0]["rows"]
    assert [r[0] for r in rows] == ids and answer.tables[0]["title"] == title
    assert answer.refused is not question.startswith("郊区")  # the plan lists no projects; an area asks the list
    assert f"共 {len(ids)} 项：" in answer.answer and answer.citations and answer.intent == "projects"
    assert answer.notes == ["注意：当前项目清单为演示数据（按方案数字生成），非正式规划成果，结论仅供演示，以法定图件为准。"]


def test_projects_answer_when_nothing_matches(runner, sections):
    answer = answer_projects("盂县新增的重点项目", runner, sections)
    assert body(answer).startswith("项目清单中没有盂县“新增”类重点建设项目。") and answer.tables[0]["rows"] == []


def test_projects_answer_for_a_given_area_filters_status_and_method_inside_it(runner, sections):
    # the area comes from the spatial request, not the question; status and method still narrow the list
    answer = answer_projects("新增的示意上图项目", runner, sections, "郊区")
    assert [r[0] for r in answer.tables[0]["rows"]] == ["P2", "P4"]
    assert answer.tables[0]["title"] == "郊区“新增”类“示意上图”重点建设项目清单"
    assert body(answer).startswith("郊区“新增”类“示意上图”重点建设项目共 2 项：郊区养老中心、城区消防站。")
    nothing = answer_projects("精准上图的新增项目", runner, sections, "郊区")
    assert nothing.tables[0]["rows"] == [] and body(nothing).startswith("项目清单中没有郊区“新增”类“精准上图”重点建设项目。")


def test_numbers_are_printed_without_float_noise():
    from assistant.qa.stats_answer import _class_label, _num

    assert [_num(v) for v in (None, 0.0, 3.0, 12.5, 0.0125, 1234.5678)] == ["0", "0", "3", "12.5", "0.0125", "1234.5678"]
    assert _class_label("0701", "城镇住宅用地") == "0701 城镇住宅用地"
    assert _class_label("0701", "0701 城镇住宅用地") == "0701 城镇住宅用地"
    assert _class_label(None, "生态控制区") == "生态控制区" and _class_label("E2", None) == "E2"


@pytest.fixture(scope="module")
def mixed_runner(tmp_path_factory):
    """The versioned fixture with 城市绿线 and the project list marked as real data (the other layers stay demo),
    and three more 中心城区用地 classes after maintenance (six in all)."""
    from fixtures.versions_db import build_versioned_db

    from assistant.layers import db
    from assistant.layers.sql import SqlRunner

    path = build_versioned_db(tmp_path_factory.mktemp("mixed") / "plan.duckdb")
    con = db.connect(path)
    con.execute("UPDATE layer_status SET demo = false, source = 'test' WHERE layer = '城市绿线'")
    con.execute("INSERT INTO layer_status VALUES ('重点建设项目', false, 'test', 4, now())")
    for i, (code, name) in enumerate([("0801", "机关团体用地"), ("0802", "科研用地"), ("0803", "文化用地")]):
        con.execute("INSERT INTO features SELECT layer, version, feature_id || ?, ?, ?, demo, source, area_m2, geom "
                    "FROM features WHERE layer = '中心城区用地' AND version = '维护后' AND code = '0901'",
                    [f"-x{i}", name, code])
    con.close()
    runner = SqlRunner.from_connection(db.connect(path, read_only=True))
    yield runner
    runner.close()


def test_demo_note_follows_the_layer_asked_about(mixed_runner, sections):
    real = answer_stats("q", mixed_runner, sections, "城市绿线", "维护后", "郊区")
    assert real.notes == [] and "演示数据" not in real.answer  # the other layers are demo: not this one
    assert answer_stats("q", mixed_runner, sections, "城市紫线", "维护后", "郊区").notes == [DEMO]
    from assistant.qa.spatial_query import SpatialRequest
    from assistant.qa.stats_answer import answer_spatial

    spatial = answer_spatial("q", mixed_runner, sections, SpatialRequest("城市绿线", ("维护后",), ("郊区",)))
    assert spatial.notes == [] and "演示数据" not in spatial.answer
    projects = answer_projects("全部重点项目", mixed_runner, sections)
    assert projects.notes == [] and projects.answer.startswith("全部重点建设项目共 4 项：")


def test_land_use_answer_names_the_five_largest_of_more_classes(mixed_runner, sections):
    answer = answer_stats("问", mixed_runner, sections, "中心城区用地", "维护后", "中心城区")
    assert body(answer).startswith("中心城区用地（维护后）共 6 类，面积较大的有：")
    assert answer.answer.count("公顷（") == 5 and len(answer.tables[0]["rows"]) == 6
    assert "公园绿地" not in answer.answer  # the smallest of the six
    assert (answer.question, answer.intent) == ("问", "stats") and answer.citations


def test_projects_answer_text_notes_and_long_lists(runner, sections, monkeypatch):
    from assistant.qa import stats_answer

    note = "注意：当前项目清单为演示数据（按方案数字生成），非正式规划成果，结论仅供演示，以法定图件为准。"
    answer = answer_projects("全部重点项目", runner, sections)
    assert answer.question == "全部重点项目"
    assert body(answer, refused=True) == ("全部重点建设项目共 4 项：阳泉东站扩建、郊区养老中心、盂县水库、城区消防站。"
                             f"\n\n{note}")
    monkeypatch.setattr(stats_answer, "SHOWN_ROWS", 4)  # exactly as many as shown: no "等"
    assert "等" not in body(answer_projects("全部重点项目", runner, sections), refused=True).split("\n")[0]
    monkeypatch.setattr(stats_answer, "SHOWN_ROWS", 3)
    longer = answer_projects("全部重点项目", runner, sections)
    assert body(longer, refused=True).startswith("全部重点建设项目共 4 项：阳泉东站扩建、郊区养老中心、盂县水库等（共 4 项，完整清单见下表）。")
    assert len(longer.tables[0]["rows"]) == 4  # the table keeps every row


def test_a_whole_layer_figure_on_demo_layers_is_a_refusal_with_the_query_shown(runner, mixed_runner, sections):
    """"生态控制区面积多大": the plan would state it if it gave one; demo layers make it a refusal (the query
    stays as an illustration). A district asked, or real layers, keep the SQL answer."""
    from assistant.qa.spatial_query import SpatialRequest
    from assistant.qa.stats_answer import answer_spatial

    whole = answer_spatial("q", runner, sections, SpatialRequest("城市紫线", ("维护后",)))
    assert whole.refused and whole.answer.startswith("方案原文未给出城市紫线的这一统计数字。")
    assert whole.tables and "ST_" in whole.tables[0]["sql"]  # the demo query is still shown
    district = answer_spatial("q", runner, sections, SpatialRequest("城市紫线", ("维护后",), ("郊区",)))
    assert not district.refused and district.answer.startswith("方案原文未给出")
    listed = answer_spatial("q", runner, sections, SpatialRequest("城市紫线", ("维护后",), show="features"))
    assert not listed.refused
    patches = answer_spatial("城市紫线有几个图斑？", runner, sections, SpatialRequest("城市紫线", ("维护后",)))
    assert not patches.refused and patches.answer.startswith("方案原文未给出")
    real = answer_spatial("q", mixed_runner, sections, SpatialRequest("城市绿线", ("维护后",)))
    assert not real.refused and not real.notes
