"""Location answers say the verdict: 在/不在, 占用 how much, how far, per version, checked against shapely.

The checker runs on the hand-made fixture database (boxes in EPSG:4526 metres, tests/fixtures/layer_db.py);
the expected distances, overlaps and verdicts are computed here from the same boxes with shapely, not by
the checker.
"""

from __future__ import annotations

import pytest
import shapely
from fixtures.layer_db import BOXES, OX, OY, lonlat_at, metric_box, to_lonlat

from assistant.answer_types import DEMO_NOTE
from assistant.check.answer import TABLE_COLUMNS, compose, table_rows


def boxes(layer: str, version: str) -> list[shapely.Geometry]:
    return [metric_box(o) for v, *_, o in BOXES[layer] if v in (None, version)]


def distance(layer: str, version: str, dx: float, dy: float) -> float:
    point = shapely.Point(OX + dx, OY + dy)
    return min(g.distance(point) for g in boxes(layer, version))


def paragraphs(answer) -> list[str]:
    return answer.answer.split("\n\n")


def test_point_answer_leads_with_the_asked_layer_and_says_the_earlier_verdict_when_it_differs(checker):
    # (2200, 200): inside JBNT-2, which this maintenance takes out; the nearest 维护后 farmland is JBNT-3
    result = checker.check_point(*lonlat_at(2200, 200), "河底 东经113.6 北纬37.96")
    answer = compose("这里是永久基本农田吗？", result)
    lon, lat = result["location"]["lon"], result["location"]["lat"]
    after = distance("永久基本农田", "维护后", 2200, 200)
    assert distance("永久基本农田", "维护前", 2200, 200) == 0 and after == pytest.approx(800)
    assert paragraphs(answer)[:3] == [
        f"河底：东经 {lon:.6f}°，北纬 {lat:.6f}°（CGCS2000），位于郊区。",
        f"**维护后**：不在永久基本农田内，距最近的永久基本农田约 {after:.0f} 米。",
        "维护前：位于永久基本农田内。",
    ]
    red = distance("生态保护红线", "维护后", 2200, 200)
    town = distance("城镇开发边界", "维护后", 2200, 200)
    assert paragraphs(answer)[3] == (f"三条控制线（维护后）：不在生态保护红线内，距最近的生态保护红线约 {red:.0f} 米；"
                                     f"不在城镇开发边界内，距最近的城镇开发边界约 {town:.0f} 米。")
    assert "本次维护中，该位置涉及永久基本农田**调出**。" in paragraphs(answer)
    assert answer.intent == "location" and answer.location is result and answer.question == "这里是永久基本农田吗？"


def test_same_verdict_in_both_versions_is_said_once(checker):
    answer = compose("永久基本农田？", checker.check_point(*lonlat_at(500, 500)))
    assert "**维护后**：位于永久基本农田内。" in paragraphs(answer)
    assert not any(p.startswith("维护前") for p in paragraphs(answer))
    # the asked layer is not repeated among the three control lines
    lines = next(p for p in paragraphs(answer) if p.startswith("三条控制线"))
    assert "永久基本农田" not in lines and lines.count("；") == 1


def test_without_an_asked_layer_the_three_control_lines_and_other_hits_are_listed(checker):
    answer = compose("核查", checker.check_point(*lonlat_at(0, 2500)))
    farm = distance("永久基本农田", "维护后", 0, 2500)
    red = distance("生态保护红线", "维护后", 0, 2500)
    assert paragraphs(answer)[1] == (f"三条控制线（维护后）：不在永久基本农田内，距最近的永久基本农田约 {farm:.0f} 米；"
                                     f"不在生态保护红线内，距最近的生态保护红线约 {red:.0f} 米；位于城镇开发边界内。")
    # classified layers say what the place is; a named feature is shown unless it only repeats the layer
    assert paragraphs(answer)[2] == ("其他管控内容（维护后）：规划分区为城镇发展区；位于中心城区范围内；"
                                     "中心城区用地为城镇住宅用地。")
    assert not any("**维护后**" in p for p in paragraphs(answer))


def test_red_line_answer_gives_the_overlap_and_share_by_shapely(checker):
    red = metric_box((900, 900, 1100, 1100))
    answer = compose("红线", checker.check_geometry(to_lonlat(red), "红线.geojson"))
    m2 = sum(g.intersection(red).area for g in boxes("永久基本农田", "维护后"))
    ha, share = m2 / 10_000, m2 / red.area
    assert paragraphs(answer)[1] == (f"三条控制线（维护后）：占用永久基本农田 {ha:.4f} 公顷（{ha * 15:.2f} 亩），"
                                     f"占红线面积 {share * 100:.1f}%，涉及永久基本农田；不占用生态保护红线；不占用城镇开发边界。")
    row = next(r for r in answer.tables[0]["rows"] if r[:2] == ["永久基本农田", "维护后"])
    assert row == ["永久基本农田", "维护后", "是", round(ha, 4), round(ha * 15, 2), f"{share * 100:.1f}%", 0.0,
                   "JBNT 永久基本农田"]


def test_out_of_scope_answer_is_the_place_and_the_reason_only(checker):
    result = checker.check_point(113.8317, 37.8868, "平定")
    answer = compose("平定", result)
    assert paragraphs(answer) == [f"平定：东经 {113.8317:.6f}°，北纬 {37.8868:.6f}°（CGCS2000），位于平定县。",
                                  *result["notes"]]
    # the position table is the source of the coordinates the text states
    assert answer.tables == [{"title": "核查位置", "columns": ["经度(°)", "纬度(°)", "坐标系", "所在区县"], "sql": "",
                              "rows": [[113.8317, 37.8868, "CGCS2000", "平定县"]]}]
    assert answer.citations == [] and answer.notes == result["notes"]
    assert answer.location is result and answer.intent == "location"


def made(**extra) -> dict:
    """A hand-made result: one 维护后 row per given layer, no location."""
    layers = extra.pop("layers")
    return {"query": "地块 DK-9", "location": None, "in_scope": True, "layers": layers, "changes": [],
            "citations": [], "demo_data": False, "notes": [], **extra}


def row(layer, inside, version="维护后", **extra):
    return {"layer": layer, "version": version, "inside": inside, "overlap_m2": None, "overlap_ha": None,
            "overlap_mu": None, "share": None, "distance_m": None, "features": [], **extra}


def test_words_for_rows_without_distance_or_names():
    answer = compose("核查", made(layers=[row("永久基本农田", False), row("城镇开发边界", True),
                                          row("城市紫线", True, features=[{"name": "城市紫线"}]),
                                          row("城市绿线", True, features=[{"name": "公园"}, {"name": "公园"},
                                                                          {"name": None}, {"name": "广场"}])]))
    assert paragraphs(answer)[0] == "地块 DK-9。"
    assert paragraphs(answer)[1] == "三条控制线（维护后）：不在永久基本农田内；位于城镇开发边界内。"
    assert paragraphs(answer)[2] == "其他管控内容（维护后）：位于城市紫线内；位于城市绿线内（公园、广场）。"


def test_only_the_version_asked_about_and_a_missing_after_row():
    # only a 维护前 row for the asked layer: it is shown as the lead row
    answer = compose("生态保护红线", made(layers=[row("生态保护红线", True, version="维护前")]))
    assert paragraphs(answer)[1] == "**维护后**：位于生态保护红线内。"
    # 维护前 hits are not listed as 其他管控内容
    other = compose("核查", made(layers=[row("城市绿线", True, version="维护前")]))
    assert paragraphs(other) == ["地块 DK-9。"]


def test_red_line_row_outside_and_inside_without_names():
    inside = row("城市绿线", True, overlap_m2=1234.5, overlap_ha=0.12345, overlap_mu=1.85, share=0.0512)
    outside = row("城镇开发边界", False, overlap_m2=0.0, overlap_ha=0.0, overlap_mu=0.0, share=0.0)
    answer = compose("核查", made(layers=[outside, inside]))
    assert paragraphs(answer)[1:3] == ["三条控制线（维护后）：不占用城镇开发边界。",
                                       "其他管控内容（维护后）：占用城市绿线 0.1235 公顷（1.85 亩），占红线面积 5.1%。"]


def test_demo_note_added_once_and_notes_deduplicated():
    answer = compose("核查", made(layers=[row("城市绿线", False)], demo_data=True, notes=["甲", "甲"]))
    assert answer.notes == ["甲", DEMO_NOTE] and paragraphs(answer)[-2:] == ["甲", DEMO_NOTE]
    already = compose("核查", made(layers=[], demo_data=True, notes=["图层为演示数据，非正式规划成果"]))
    assert already.notes == ["图层为演示数据，非正式规划成果"]
    real = compose("核查", made(layers=[], demo_data=False, notes=[]))
    assert real.notes == [] and real.answer == "地块 DK-9。"


def test_citations_and_the_table():
    cite = {"doc": "方案", "section": "四 > 1", "quote": "严格保护。"}
    answer = compose("核查", made(layers=[row("城市绿线", False, distance_m=12.345)], citations=[cite]))
    assert [(c.doc, c.section, c.quote) for c in answer.citations] == [("方案", "四 > 1", "严格保护。")]
    table = answer.tables[0]
    assert table["title"] == "逐图层核查结果" and table["columns"] == TABLE_COLUMNS and table["sql"] == ""
    assert table["rows"] == [["城市绿线", "维护后", "否", None, None, None, 12, ""]]  # metres as the text says them


def test_table_rows_label_features_once_and_cap_the_text():
    features = [{"code": "0701", "name": "0701 城镇住宅用地"}, {"code": "0701", "name": "0701 城镇住宅用地"},
                {"code": "1401", "name": "公园绿地"}, {"code": None, "name": "无编码"}, {"code": "X", "name": None}]
    rows = table_rows({"layers": [row("中心城区用地", True, features=features, overlap_ha=1.23456, overlap_mu=18.5184,
                                      share=0.333333, distance_m=0.04)]})
    assert rows == [["中心城区用地", "维护后", "是", 1.2346, 18.52, "33.3%", 0.0,
                     "0701 城镇住宅用地、1401 公园绿地、无编码、X"]]
    many = [{"code": f"C{i:03d}", "name": "很长的要素名称" * 3} for i in range(20)]
    assert len(table_rows({"layers": [row("城市绿线", True, features=many)]})[0][7]) == 120


def test_place_words_keep_the_typed_name_and_need_both_coordinates():
    loc = {"lon": 113.58, "lat": 37.86, "district": "城区"}
    answer = compose("q", made(layers=[], query="X1号楼 113.58,37.86", location=loc))
    assert paragraphs(answer)[0] == "X1号楼：东经 113.580000°，北纬 37.860000°（CGCS2000），位于城区。"
    assert answer.tables[1]["rows"] == [[113.58, 37.86, "CGCS2000", "城区"]]  # the position table of an in-scope check
    precise = compose("q", made(layers=[], location={"lon": 113.123456789, "lat": 37.987654321}))
    assert precise.tables[1]["rows"] == [[113.123457, 37.987654, "CGCS2000", ""]]  # 6 decimals, as the text
    half = compose("q", made(layers=[], location={"lon": 113.58, "lat": None}))  # no point without both
    assert paragraphs(half)[0] == "地块 DK-9。" and len(half.tables) == 1
    assert paragraphs(compose("q", made(layers=[], query=None)))[0] == "该位置。"


def test_results_without_optional_keys():
    """A result that leaves out in_scope is in scope; an out-of-scope one may come without notes or location."""
    minimal = {"query": "地块 DK-9", "layers": [row("永久基本农田", True)]}
    assert paragraphs(compose("q", minimal)) == ["地块 DK-9。", "三条控制线（维护后）：位于永久基本农田内。"]
    assert compose("q", {"query": "北京"}).answer == "北京。"  # no layers, no changes
    outside = compose("问", {"query": "北京", "in_scope": False})
    assert (outside.question, outside.answer, outside.tables, outside.notes) == ("问", "北京。", [], [])


def test_a_layer_asked_by_another_name_leads_the_answer():
    answer = compose("这里是基本农田吗", made(layers=[row("永久基本农田", True), row("城镇开发边界", False)]))
    assert paragraphs(answer)[1:] == ["**维护后**：位于永久基本农田内。", "三条控制线（维护后）：不在城镇开发边界内。"]
