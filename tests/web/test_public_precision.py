"""Public mode reveals no more than the band: a bisection tracer cannot locate a protected boundary."""

from __future__ import annotations

import statistics
from dataclasses import replace

import pytest
from fixtures.layer_db import lonlat_at
from ui_fakes import FakeAssistant, ui_settings

from assistant.conversation import Conversation
from assistant.web import guard
from assistant.web.actions import Actions, MapState

BAND = 50.0


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    settings = ui_settings(tmp_path_factory.mktemp("band"), mode="public", rate="100000")
    return Actions(FakeAssistant(settings.db_path, public=True), settings)


def verdict(actions: Actions, dx: float, dy: float) -> str:
    """What public mode tells about 永久基本农田 (维护后) at an offset: 是, 否 or 边界附近."""
    lon, lat = lonlat_at(dx, dy)
    state = MapState()
    actions.check_point(lon, lat, "维护后", state)
    row = next(r for r in guard.public_location(state.last_result)["layers"]
               if r["layer"] == "永久基本农田" and r["version"] == "维护后")
    return "边界附近" if row.get("near") else ("是" if row["inside"] else "否")


def test_near_a_boundary_says_near_not_in_or_out(public):
    # JBNT-1 covers offsets (0,0)-(1000,1000): 10 m inside and 10 m outside its west edge.
    for dx in (10.0, -10.0):
        lon, lat = lonlat_at(dx, 500)
        panel, command = public.check_point(lon, lat, "维护后", MapState())
        text, _, _ = public.ask(f"东经{lon:.6f} 北纬{lat:.6f}", Conversation())
        for shown in (panel, command["popup"], text):
            assert "位于永久基本农田边界附近（约 50 米内），请以法定图件或现场核实为准" in shown
            assert "不足 5 米" not in shown and "靠近" not in shown and "永久基本农田（维护后）：在范围内" not in shown
    assert verdict(public, 500, 500) == "是" and verdict(public, -300, 500) == "否"


def test_far_answers_stay_correct_for_the_point_itself(public):
    # Beyond 0.3 band + half a cell diagonal the answer is always definite and right.
    for dx in (-120.0, -90.0, 90.0, 120.0):
        for dy in (210.0, 333.0, 777.0):
            assert verdict(public, dx, dy) == ("是" if dx > 0 else "否")


def trace_ray(actions: Actions, y: float, slope: float) -> tuple[float, float]:
    """Bisect along a ray crossing the west edge (x = 0) from outside to inside.

    Returns (naive, midpoint) estimates of where it crosses: naive bisects 是 against anything else (what
    worked before); midpoint locates both edges of the 边界附近 zone and takes their middle.
    """
    def at(t: float) -> str:
        return verdict(actions, t, y + slope * t)

    def bisect(lo: float, hi: float, lo_side) -> float:
        for _ in range(14):
            mid = (lo + hi) / 2
            if lo_side(at(mid)):
                lo = mid
            else:
                hi = mid
        return (lo + hi) / 2

    inner = bisect(-300.0, 300.0, lambda v: v != "是")   # last not-是 point going inwards
    outer = bisect(-300.0, 300.0, lambda v: v == "否")   # last 否 point going inwards
    return inner, (inner + outer) / 2


def test_bisection_tracer_error_is_no_better_than_the_band_allows(public):
    # Before: 72 points located within 0.25 m (median 0.08 m). Now the plain tracer finds the edge of the
    # 边界附近 zone, about a band away. Averaging both edges leaves the grid's quantisation: the boundary can
    # be anywhere within ±band/2 of the estimate; for this straight fixture edge the realised error depends
    # on where the grid lines fall, so it is measured over several band sizes (grid phases).
    naive, midpoint = [], []
    for band in (50.0, 43.0, 57.0, 61.0, 38.0, 66.0):
        actions = Actions(public.assistant, replace(public.settings, public_band_m=str(band)))
        for k in range(3):
            y, slope = 150.0 + 271.3 * k, (k - 1) * 0.09
            a, b = trace_ray(actions, y, slope)
            naive.append(abs(a) / band)
            midpoint.append(abs(b) / band)
    print(f"\nnaive error/band median {statistics.median(naive):.2f}, "
          f"midpoint error/band median {statistics.median(midpoint):.2f} mean {statistics.mean(midpoint):.2f}")
    assert statistics.median(naive) >= 0.5 and min(naive) >= 0.25
    assert statistics.mean(midpoint) >= 0.1
