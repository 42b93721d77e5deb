"""Public-mode guard: token bucket, distance bands, and nothing geometric or SQL leaks out."""

import os
import time

import pytest

from assistant.answer_types import Answer, Citation
from assistant.web import guard


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_rate_limiter_refuses_after_capacity_then_refills():
    clock = FakeClock()
    limiter = guard.RateLimiter(3, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")  # buckets are per client
    clock.now += 20  # 3 per minute -> one token every 20 s
    assert limiter.allow("a")
    assert not limiter.allow("a")
    assert "每分钟最多 3 次" in limiter.message()


def test_distance_bands_hide_exact_metres():
    assert guard.distance_band(0, True) == "位于范围内"
    assert guard.distance_band(73.2, False) == "距边界 50–100 米"
    assert guard.distance_band(12, False) == "距边界 50 米以内"
    assert guard.distance_band(9000, False) == "距边界 5 公里以上"
    assert guard.distance_band(None, False) == "附近无此类图斑"


LOCATION = {
    "query": "东经113.58 北纬37.86", "location": {"lon": 113.58, "lat": 37.86, "district": "城区"},
    "in_scope": True,
    "layers": [{"layer": "永久基本农田", "version": "维护后", "inside": False, "overlap_m2": None,
                "overlap_ha": None, "overlap_mu": None, "share": None, "distance_m": 73.21,
                "features": [{"feature_id": "JBNT-1", "name": "基本农田", "code": "JBNT"}]}],
    "changes": [{"layer": "永久基本农田", "change": "调出", "overlap_m2": 5.0}],
    "citations": [{"doc": "方案", "section": "四 > 1.永久基本农田", "quote": "严格保护。"}],
    "demo_data": True, "notes": [],
}


def test_public_answer_drops_sql_geometry_and_exact_distance():
    answer = Answer("q", "location", "距最近的永久基本农田约 73 米 POLYGON((113.5 37.8, 113.6 37.8))",
                    [Citation("方案", "四 > 1.永久基本农田", "严格保护。")],
                    [{"title": "逐图层", "columns": ["图层", "最近距离(米)"], "rows": [["永久基本农田", 73.21]],
                      "sql": "SELECT * FROM layer_features"}], location=LOCATION)
    safe = guard.public_answer(answer)
    blob = repr(safe)
    assert "73" not in safe.answer and "POLYGON" not in blob and "SELECT" not in blob
    assert "JBNT-1" not in blob and safe.tables == []
    assert "50–100 米" in safe.answer and "否" in safe.answer
    assert safe.citations and safe.location["layers"][0]["band"] == "距边界 50–100 米"


def test_public_answer_keeps_figure_tables_without_sql():
    answer = Answer("q", "figure", "维护后 1234 公顷", tables=[
        {"title": "面积", "columns": ["图层", "公顷"], "rows": [["城镇开发边界", 1234.5]], "sql": "SELECT 1"},
        {"title": "几何", "columns": ["feature_id", "geom_wkt"], "rows": [["A", "POINT (1 2)"]], "sql": ""}])
    safe = guard.public_answer(answer)
    assert safe.tables == [{"title": "面积", "columns": ["图层", "公顷"], "rows": [["城镇开发边界", 1234.5]]}]
    assert safe.answer == "维护后 1234 公顷"


def test_scrub_text_removes_wkt_and_coordinate_arrays():
    text = "边界 MULTIPOLYGON (((113.1 37.2, 113.3 37.4))) 与 [113.512345, 37.912345] 之间"
    out = guard.scrub_text(text)
    assert "113.1" not in out and "113.512345" not in out


def test_public_text_for_places_outside_the_layers_names_the_reason():
    from assistant.web.guard import public_location_text

    in_city = {"location": {"lon": 113.5, "lat": 37.7, "district": "平定县"}, "in_scope": False, "layers": []}
    outside = {"location": {"lon": 116.4, "lat": 39.9, "district": None}, "in_scope": False, "layers": []}
    assert "只覆盖市辖区" in public_location_text(in_city)
    assert "不在阳泉市范围内" in public_location_text(outside)


def test_public_notes_do_not_reveal_metres_to_a_boundary():
    from assistant.check.result import near_note
    from assistant.web.guard import public_note

    note = public_note(near_note("永久基本农田"))
    assert note.startswith("该位置靠近永久基本农田边界") and "米" not in note and "法定图件" in note


# A public-mode check result as Actions.for_public makes it: the cell's check, the user's point, and the
# (layer, version) pairs whose boundary lies within the band.
CELL = {
    "query": "东经113.58 北纬37.86", "location": {"lon": 113.581234, "lat": 37.861234, "district": "城区"},
    "in_scope": True,
    "layers": [
        {"layer": "永久基本农田", "version": "维护前", "inside": True, "distance_m": 0.0,
         "features": [{"feature_id": "JBNT-1", "name": "基本农田", "code": "JBNT"}]},
        {"layer": "永久基本农田", "version": "维护后", "inside": False, "distance_m": 3.2, "features": []},
        {"layer": "生态保护红线", "version": "维护后", "inside": False, "distance_m": 730.0, "features": []},
        {"layer": "城镇开发边界", "version": "维护后", "inside": True, "distance_m": 0.0, "features": []},
        {"layer": "规划分区", "version": "维护后", "inside": True, "distance_m": 0.0,
         "features": [{"name": "城镇集中建设区", "code": "GH-1"}, {"name": "城镇集中建设区", "code": "GH-2"},
                      {"name": None, "code": "GH-3"}, {"name": "农田保护区", "code": "GH-4"}]},
        {"layer": "生态保护红线", "version": "维护前", "inside": False, "distance_m": None,
         "features": [{"name": "红线A", "code": "ST-1"}]},
    ],
    "changes": [{"layer": "永久基本农田", "change": "调出"}, {"layer": "城镇开发边界", "change": "调入"},
                {"layer": "永久基本农田", "change": "调入"}, {"change": "调出"}],
    "citations": [{"doc": "方案", "section": "四 > 1.永久基本农田", "quote": "严格保护。"}],
    "demo_data": True,
    "notes": ["距离永久基本农田边界不足 5 米，以法定图件为准", "图层为演示数据，非正式规划成果"],
    "public_near": [["永久基本农田", "维护后"]], "public_band_m": 30.0,
}


def test_public_location_says_near_for_boundaries_within_the_band_and_bands_the_rest():
    out = guard.public_location(CELL)
    by_key = {(lay["layer"], lay["version"]): lay for lay in out["layers"]}
    assert list(by_key) == [(lay["layer"], lay["version"]) for lay in CELL["layers"]]  # same rows, same order
    # within the band: neither 在 nor 不在, the band the operator set, and nothing else
    assert by_key["永久基本农田", "维护后"] == {
        "layer": "永久基本农田", "version": "维护后", "inside": None, "near": True,
        "band": "位于永久基本农田边界附近（约 30 米内），请以法定图件或现场核实为准"}
    assert by_key["永久基本农田", "维护前"] == {"layer": "永久基本农田", "version": "维护前", "inside": True,
                                              "band": "位于范围内"}
    assert by_key["生态保护红线", "维护后"] == {"layer": "生态保护红线", "version": "维护后", "inside": False,
                                              "band": "距边界 500 米–1 公里"}
    assert by_key["生态保护红线", "维护前"]["band"] == "附近无此类图斑"
    # zone names say what the place is (once each, without blanks); control-line feature names are not shown
    assert by_key["规划分区", "维护后"]["zones"] == ["城镇集中建设区", "农田保护区"]
    assert all("zones" not in lay for key, lay in by_key.items() if key[0] != "规划分区")
    assert out["changed_layers"] == ["城镇开发边界", "永久基本农田"]
    for key in ("query", "location", "in_scope", "citations", "demo_data"):
        assert out[key] == CELL[key]
    assert out["notes"] == ["图层为演示数据，非正式规划成果"]  # the 不足 5 米 note is finer than the band
    blob = repr(out)
    assert "JBNT" not in blob and "GH-" not in blob and "3.2" not in blob and "730" not in blob


def test_public_location_defaults_and_nothing_to_show():
    assert guard.public_location(None) is None and guard.public_location({}) is None
    bare = {k: v for k, v in CELL.items() if k != "public_band_m"}
    near = next(lay for lay in guard.public_location(bare)["layers"] if lay.get("near"))
    assert "约 50 米内" in near["band"]  # without a stated band, the default 50 m
    plain = guard.public_location({"layers": CELL["layers"][:2]})
    assert [lay["inside"] for lay in plain["layers"]] == [True, False]  # nothing near: plain verdicts
    assert plain["changed_layers"] == [] and plain["notes"] == [] and plain["citations"] == []


def test_public_location_text_gives_each_verdict_and_the_changes():
    text = guard.public_location_text(guard.public_location(CELL))
    lines = text.splitlines()
    assert lines[0] == "**东经 113.58123、北纬 37.86123（城区）** 的核查结果："
    assert lines[1] == "- 永久基本农田（维护前）：在范围内？**是**，位于范围内"
    assert lines[2] == ("- 永久基本农田（维护后）：**边界附近**，"
                        "位于永久基本农田边界附近（约 30 米内），请以法定图件或现场核实为准")
    assert lines[3] == "- 生态保护红线（维护后）：在范围内？**否**，距边界 500 米–1 公里"
    assert "- 本次维护在此处调整了：城镇开发边界、永久基本农田" in lines
    assert text.endswith("\n\n以上为查询结果，仅供参考，以法定图件为准。")
    no_changes = guard.public_location_text({**guard.public_location(CELL), "changed_layers": []})
    assert "本次维护" not in no_changes


def test_public_location_text_without_a_district_or_a_location():
    no_district = {"location": {"lon": 113.5, "lat": 37.9}, "in_scope": True,
                   "layers": [{"layer": "城镇开发边界", "version": None, "inside": False, "band": "距边界 1–2 公里"}]}
    text = guard.public_location_text(no_district)
    assert text.startswith("**东经 113.50000、北纬 37.90000** 的核查结果：")
    assert "- 城镇开发边界（）：在范围内？**否**，距边界 1–2 公里" in text
    assert guard.public_location_text({"layers": []}).startswith("**该位置** 的核查结果：")
    outside = guard.public_location_text({"location": {"lon": 116.4, "lat": 39.9, "district": ""}, "in_scope": False})
    assert outside == "东经 116.40000、北纬 39.90000 不在阳泉市范围内。"
    county = guard.public_location_text({"location": {"lon": 113.5, "lat": 37.7, "district": "平定县"},
                                         "in_scope": False})
    assert county == ("东经 113.50000、北纬 37.70000（平定县） 不在本方案管控图层的覆盖范围内："
                      "图层只覆盖市辖区（城区、矿区、郊区）。")


@pytest.mark.parametrize("column", ["geom", "GEOM_wkt", "shape_wkt", "WKB", "coordinates", "顶点坐标"])
def test_public_answer_drops_any_table_with_a_geometry_column(column):
    answer = Answer("q", "stats", "维护后 12 公顷", tables=[
        {"title": "t", "columns": ["图层", column], "rows": [["城镇开发边界", "x"]], "sql": "SELECT 1"}])
    assert guard.public_answer(answer).tables == []


def test_public_answer_blanks_binary_cells_and_scrubs_text_cells():
    answer = Answer("q", "stats", "答", notes=["距离永久基本农田边界不足 2 米，以法定图件为准", "演示"], tables=[
        {"title": "t", "columns": ["a", "b", "c"], "rows": [[b"\x01\x02", "见 POINT (113.5 37.9)", 3.5]]}])
    safe = guard.public_answer(answer)
    assert safe.tables[0]["rows"] == [["[几何已隐去]", "见 [几何已隐去]", 3.5]]
    assert safe.notes == ["演示"] and safe.location is None and safe.answer == "答"


@pytest.mark.parametrize("change", [{"intent": "map"}, {"image": object()}])
def test_public_answer_refuses_maps(change):
    answer = Answer("q", "stats", "图", [Citation("方案", "四", "引文")],
                    [{"title": "t", "columns": ["a"], "rows": [[1]]}], notes=["n"])
    for key, value in change.items():
        setattr(answer, key, value)
    from assistant.qa.plan_maps import PUBLIC_MAP_REFUSAL

    safe = guard.public_answer(answer)
    assert (safe.intent, safe.answer, safe.refused, safe.image) == ("out_of_scope", PUBLIC_MAP_REFUSAL, True, None)
    assert safe.citations == [] and safe.tables == [] and safe.notes == []


def test_distance_bands_are_half_open_at_each_limit():
    assert guard.distance_band(49.99, False) == "距边界 50 米以内"
    assert guard.distance_band(50, False) == "距边界 50–100 米"
    assert guard.distance_band(4999, False) == "距边界 2–5 公里"
    assert guard.distance_band(5000, False) == "距边界 5 公里以上"
    assert guard.distance_band(None, True) == "位于范围内"


def test_scrub_text_variants():
    for wkt in ("POINT (113.5 37.9)", "point z (113.5 37.9 10)", "LINESTRING (113.5 37.9, 113.6 37.95)",
                "MULTIPOLYGON (((113.1 37.2, 113.3 37.4, 113.1 37.2)))", "POLYGON ((113.1 37.2, 113.3 37.4))"):
        out = guard.scrub_text(f"甲 {wkt} 乙")
        assert out == "甲 [几何已隐去] 乙", wkt
    assert guard.scrub_text("顶点 [-113.51, 37.9]、[113.5, -37.9]") == "顶点 [坐标已隐去]、[坐标已隐去]"
    assert guard.scrub_text(None) == "" and guard.scrub_text("面积 [12.5, 3]") == "面积 [12.5, 3]"


def test_daily_quota_counts_per_client_and_resets_each_day():
    clock = FakeClock()
    clock.now = time.mktime((2026, 12, 2, 10, 0, 0, 0, 0, -1))
    quota = guard.DailyQuota(2, clock=clock)
    assert [quota.allow("a") for _ in range(3)] == [True, True, False]
    assert quota.allow("b")  # counts are per client
    clock.now += 13 * 3600 + 7 * 60  # 23:07, still the same day
    assert not quota.allow("a")
    clock.now += 2 * 3600  # 01:00 the next day
    assert quota.allow("a") and quota.allow("a") and not quota.allow("a")
    assert "每天最多 2 次" in quota.message()
    assert guard.DailyQuota(0).limit == 1 and guard.RateLimiter(0).capacity == 1


def test_rate_limiter_tokens_never_exceed_capacity():
    clock = FakeClock()
    limiter = guard.RateLimiter(2, clock=clock)
    clock.now += 3600  # an idle hour refills to 2, not 120
    assert [limiter.allow("a") for _ in range(3)] == [True, True, False]


def test_client_key_is_the_client_host_or_local():
    class Client:
        host = "203.0.113.7"

    assert guard.client_key(type("R", (), {"client": Client()})()) == "203.0.113.7"
    assert guard.client_key(None) == "local"
    assert guard.client_key(type("R", (), {"client": None})()) == "local"


def test_trust_proxies_sets_the_uvicorn_allow_list(monkeypatch):
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "*")
    guard.trust_proxies(["10.0.0.1", "10.0.0.2"])
    assert os.environ["FORWARDED_ALLOW_IPS"] == "10.0.0.1,10.0.0.2"
    guard.trust_proxies([])
    assert os.environ["FORWARDED_ALLOW_IPS"] == ""


def test_shorten_keeps_one_line_within_the_limit():
    assert guard.shorten("甲\n乙  丙") == "甲 乙 丙"
    assert guard.shorten("x" * 10, limit=10) == "x" * 10
    assert guard.shorten("x" * 11, limit=10) == "x" * 10 + "…（共 11 字）"
    assert guard.shorten(None) == ""
