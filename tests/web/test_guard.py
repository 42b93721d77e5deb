"""Public-mode guard: token bucket, distance bands, and nothing geometric or SQL leaks out."""

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
