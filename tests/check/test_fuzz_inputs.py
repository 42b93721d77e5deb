"""Fuzzing user input: every coordinate, 不动产单元号, 界址点 TXT, GeoJSON and archive either parses or is
refused with a Chinese InputError, within a time and memory budget; never another exception."""

from __future__ import annotations

import json
import re
import resource
import time

import pytest
from fixtures import hostile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.check import coords
from assistant.check.redline import read_redline
from assistant.errors import PlanError
from assistant.layers.unit_id import parse_unit_id

CJK = re.compile(r"[\u4e00-\u9fff]")
BUDGET_S = 5.0
BUDGET_RSS_MB = 500
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def answered_or_refused(call, *args) -> None:
    """Run call(*args): a result, or a PlanError whose message is Chinese and has no path or traceback."""
    started, peak = time.perf_counter(), rss_mb()
    try:
        call(*args)
    except PlanError as exc:
        message = str(exc)
        assert CJK.search(message), message
        assert "Traceback" not in message and "/tmp/" not in message, message
    assert time.perf_counter() - started < BUDGET_S
    assert rss_mb() - peak < BUDGET_RSS_MB


numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**12, 10**12),
                    st.sampled_from(["1e400", "-inf", "nan", "113.58", "37.86", "38463040.3", "4192041.8"]))
separators = st.sampled_from([",", "，", " ", ";", "、", "\t"])


@FUZZ
@given(st.lists(numbers, min_size=0, max_size=3), separators, st.sampled_from(["cgcs2000", "wgs84", "gcj02", "bd09"]))
def test_point_text(values, sep, crs):
    answered_or_refused(coords.parse_point, sep.join(str(v) for v in values), crs)


@FUZZ
@given(st.text(max_size=60))
def test_point_and_xy_free_text(text):
    answered_or_refused(coords.parse_point, text)
    answered_or_refused(coords.parse_xy, text)


@FUZZ
@given(st.one_of(st.text(alphabet="0123456789GJZFWLBXY ", min_size=0, max_size=40), st.text(max_size=40)))
def test_unit_id(text):
    answered_or_refused(parse_unit_id, text)


vertex = st.tuples(numbers, numbers)


@FUZZ
@given(st.lists(vertex, min_size=0, max_size=30), st.sampled_from(["utf-8", "gb18030"]))
def test_boundary_txt(points, encoding):
    lines = ["[属性描述]", "坐标系=2000国家大地坐标系", "[地块坐标]", f"{len(points)},1,1,地块,面,,,,@"]
    lines += [f"J{i},1,{x},{y}" for i, (x, y) in enumerate(points, 1)]
    answered_or_refused(read_redline, "\n".join(lines).encode(encoding, "replace"), "fuzz.txt")


coordinate = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.floats(113.5, 113.7),
                       st.floats(37.8, 38.0))


@FUZZ
@given(st.lists(st.lists(st.tuples(coordinate, coordinate), min_size=0, max_size=40), min_size=0, max_size=3))
def test_geojson_polygons(rings):
    geometry = {"type": "Polygon", "coordinates": [[list(p) + [] for p in ring] for ring in rings]}
    data = json.dumps(geometry, allow_nan=True).encode()
    answered_or_refused(read_redline, data, "fuzz.geojson")


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["a.kmz", "a.zip", "a.geojson", "a.kml", "a.dxf", "a.txt"]))
def test_arbitrary_bytes(data, name):
    answered_or_refused(read_redline, data, name)


@pytest.mark.parametrize("make", [lambda: hostile.bomb(200), lambda: hostile.forged_size(120), hostile.bad_crc,
                                  hostile.corrupt_deflate, hostile.nested, hostile.traversal,
                                  lambda: hostile.many_members(300)])
@pytest.mark.parametrize("name", ["x.kmz", "x.zip"])
def test_hostile_archives(make, name):
    answered_or_refused(read_redline, make(), name)
