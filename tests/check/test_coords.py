"""coords: every way a person types a point, checked against independent references."""

from __future__ import annotations

import dataclasses
import math

import prcoords
import pytest

from assistant import geo
from assistant.check.coords import (
    Point,
    from_cgcs2000,
    in_china,
    normalize_crs,
    parse_coordinates,
    parse_point,
    parse_xy,
    to_cgcs2000,
    to_gk38,
)
from assistant.errors import InputError

# GRS80/CGCS2000 ellipsoid, for an independent meridian-arc reference.
A = 6378137.0
F = 1 / 298.257222101
E2 = F * (2 - F)


def meridian_arc(lat_deg: float, steps: int = 2000) -> float:
    """Meridian arc length from the equator (Simpson's rule): the GK northing on the central meridian."""
    phi = math.radians(lat_deg)
    h = phi / steps

    def f(p: float) -> float:
        return A * (1 - E2) / (1 - E2 * math.sin(p) ** 2) ** 1.5

    total = f(0) + f(phi) + sum((4 if i % 2 else 2) * f(i * h) for i in range(1, steps))
    return total * h / 3


@pytest.mark.parametrize(
    "text",
    [
        "113.58,37.86",
        "113.58 37.86",
        "113.58, 37.86",
        "37.86, 113.58",
        "东经113.58 北纬37.86",
        "北纬37.86，东经113.58",
        "113.58E 37.86N",
        "N 37.86 E 113.58",
        "lon=113.58 lat=37.86",
        "113°34′48″E, 37°51′36″N",
        "113°34'48\", 37°51'36\"",
        "113度34分48秒，37度51分36秒",
        "113°34.8′, 37°51.6′",
        "１１３．５８，３７．８６",
        "（113.58；37.86）",
    ],
)
def test_parse_point_accepts_common_forms(text):
    point = parse_point(text)
    assert point.lon == pytest.approx(113.58, abs=1e-9)
    assert point.lat == pytest.approx(37.86, abs=1e-9)
    assert point.crs_in == "cgcs2000"


def test_dms_with_decimal_seconds():
    point = parse_point("113°34′48.36″E 37°51′36.72″N")
    assert point.lon == pytest.approx(113 + 34 / 60 + 48.36 / 3600, abs=1e-12)
    assert point.lat == pytest.approx(37 + 51 / 60 + 36.72 / 3600, abs=1e-12)


def test_order_detected_from_ranges_gets_a_note():
    point = parse_point("37.86, 113.58")
    assert (point.lon, point.lat) == (113.58, 37.86)
    assert any("纬度, 经度" in note for note in point.notes)


def test_labelled_order_needs_no_note():
    point = parse_point("北纬37.86 东经113.58")
    assert not any("纬度, 经度" in note for note in point.notes)


def test_point_is_frozen_and_notes_say_wgs84_is_same():
    point = parse_point("113.58,37.86", "wgs84")
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.lon = 0  # type: ignore[misc]
    assert (point.lon, point.lat, point.crs_in) == (113.58, 37.86, "wgs84")
    assert any("WGS84" in note and "同一坐标系" in note for note in point.notes)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cgcs2000", "cgcs2000"),
        ("国家2000", "cgcs2000"),
        ("2000国家大地坐标系", "cgcs2000"),
        ("EPSG:4490", "cgcs2000"),
        (None, "cgcs2000"),
        ("WGS84", "wgs84"),
        ("WGS-84", "wgs84"),
        ("GPS", "wgs84"),
        ("gcj02", "gcj02"),
        ("GCJ-02", "gcj02"),
        ("高德", "gcj02"),
        ("高德地图", "gcj02"),
        ("腾讯", "gcj02"),
        ("火星坐标", "gcj02"),
        ("bd09", "bd09"),
        ("百度", "bd09"),
        ("百度坐标", "bd09"),
    ],
)
def test_crs_names(name, expected):
    assert normalize_crs(name) == expected


def test_gcj02_round_trip_within_1e6_degrees():
    gcj = from_cgcs2000(113.58, 37.86, "gcj02")
    back = to_cgcs2000(*gcj, "gcj02")
    assert back == pytest.approx((113.58, 37.86), abs=1e-6)


def test_gcj02_offset_is_the_known_few_hundred_metres_to_the_northeast():
    gcj_lon, gcj_lat = from_cgcs2000(113.58, 37.86, "gcj02")
    # GCJ-02 shifts points in 山西 east and slightly north by roughly half a kilometre.
    assert gcj_lon > 113.58 and gcj_lat > 37.86
    offset = prcoords.Coords(37.86, 113.58).distance(prcoords.Coords(gcj_lat, gcj_lon))
    assert 300 < offset < 800


def test_bd09_round_trip_and_offset_from_gcj02():
    bd = from_cgcs2000(113.58, 37.86, "bd09")
    gcj = from_cgcs2000(113.58, 37.86, "gcj02")
    # BD-09 adds Baidu's fixed ~(0.0065, 0.006) degree deviation on top of GCJ-02.
    assert bd[0] - gcj[0] == pytest.approx(0.0065, abs=1e-3)
    assert bd[1] - gcj[1] == pytest.approx(0.006, abs=1e-3)
    assert to_cgcs2000(*bd, "百度") == pytest.approx((113.58, 37.86), abs=1e-6)


def test_parse_point_converts_gcj02_and_says_how_far():
    gcj = from_cgcs2000(113.58, 37.86, "gcj02")
    point = parse_point(f"{gcj[0]:.9f},{gcj[1]:.9f}", "高德")
    assert (point.lon, point.lat) == pytest.approx((113.58, 37.86), abs=1e-6)
    assert point.crs_in == "gcj02"
    assert any("GCJ-02" in note and "米" in note for note in point.notes)


def test_central_meridian_easting_is_exactly_500000_with_38_prefix():
    x, y = to_gk38(114.0, 37.86)
    assert y == pytest.approx(38_500_000.0, abs=1e-6)
    assert x == pytest.approx(meridian_arc(37.86), abs=0.01)


def test_parse_xy_on_central_meridian_matches_meridian_arc():
    northing = meridian_arc(37.86)
    point = parse_xy(f"{northing:.3f}, 38500000")
    assert (point.lon, point.lat) == pytest.approx((114.0, 37.86), abs=1e-8)
    plain = parse_xy(f"{northing:.3f}, 500000")
    assert (plain.lon, plain.lat) == pytest.approx((point.lon, point.lat), abs=1e-10)
    assert point.crs_in == "EPSG:4526" and plain.crs_in == "EPSG:4547"


@pytest.mark.parametrize(
    "text",
    [
        "4192041.80,38463040.30",
        "38463040.30 4192041.80",
        "X=4192041.80, Y=38463040.30",
        "Y：463040.30，X：4192041.80",
        "４１９２０４１．８０，３８４６３０４０．３０",
    ],
)
def test_parse_xy_any_order_and_prefix(text):
    point = parse_xy(text)
    assert (point.lon, point.lat) == pytest.approx((113.58, 37.86), abs=1e-6)


def test_parse_xy_notes_prefix_and_swap():
    point = parse_xy("38463040.30 4192041.80")
    assert any("38 带号前缀" in note for note in point.notes)
    assert any("4192041.80 为 X" in note for note in point.notes)
    assert any("不带带号前缀" in note for note in parse_xy("4192041.80 463040.30").notes)


def test_gk_round_trip():
    x, y = to_gk38(113.58, 37.86)
    point = parse_xy(f"{x:.4f},{y:.4f}")
    assert (point.lon, point.lat) == pytest.approx((113.58, 37.86), abs=1e-8)


def test_parse_coordinates_dispatches_by_magnitude():
    assert parse_coordinates("4192041.80,38463040.30").crs_in == "EPSG:4526"
    assert parse_coordinates("113.58,37.86", "百度").crs_in == "bd09"
    assert isinstance(parse_coordinates("113.58,37.86"), Point)


POINT_ERRORS = [
    ("113.58", "无法识别坐标“113.58”：需要经度和纬度两个数，例如 113.58,37.86"),
    ("", "没有输入坐标"),
    ("abc", "无法识别坐标“abc”"),
    ("113.58,37.86,100", "需要经度和纬度两个数"),
    ("113.58 米 37.86", "无法识别坐标“113.58 米 37.86”中的“米”"),
    ("40, 50", "无法判断坐标“40, 50”中哪个是经度、哪个是纬度"),
    ("120, 100", "无法判断"),
    ("-113.58, 37.86", "不在中国范围内"),
    ("2.35, 48.85", "不在中国范围内"),
    ("西经113.58 北纬37.86", "不在中国范围内"),
    ("113°61′, 37°51′", "分或秒不小于 60"),
    ("113°34′70″, 37°51′", "分或秒不小于 60"),
    ("北纬37.86 北纬38.1", "两个数都标成了纬度"),
    ("500, 37", "数值超出经纬度范围"),
]


def test_unknown_crs_name_is_refused():
    with pytest.raises(InputError, match="不认识的坐标系“北京54”"):
        parse_point("113.58,37.86", "北京54")


XY_ERRORS = [
    ("4192041.80,39463040.30", "带号前缀为 39"),
    ("4192041.80,37463040.30", "带号前缀为 37"),
    ("4192041.80,20463040.30", "带号前缀为 20"),
    ("4192041.80,4192041.80", "无法区分"),
    ("463040.30,463040.30", "无法区分"),
    ("41920.8,46304.3", "不是 3 度带第 38 带的高斯平面坐标"),
    ("4192041.80,38963040.30", "超出了 3 度带第 38 带"),
    ("9192041.80,38463040.30", "超出了 3 度带第 38 带"),
    ("4192041.80", "需要 X 和 Y 两个数"),
    ("4192041.80,38463040.30,100", "需要 X 和 Y 两个数"),
    ("北坐标 4192041.80 东坐标 abc", "无法识别平面坐标"),
    ("", "没有输入平面坐标"),
]


@pytest.mark.parametrize(("parse", "text", "message"),
                         [(parse_point, *case) for case in POINT_ERRORS] + [(parse_xy, *case) for case in XY_ERRORS])
def test_parse_errors_say_what_and_give_an_example(parse, text, message):
    with pytest.raises(InputError) as info:
        parse(text)
    assert message in str(info.value)
    assert "例如" in str(info.value)


def test_transformers_are_cached():
    assert geo.transformer("EPSG:4526", "EPSG:4490") is geo.transformer("EPSG:4526", "EPSG:4490")


@pytest.mark.parametrize(("text", "expected"), [
    ("37.86N 113.58", (113.58, 37.86)),  # one label is enough to place both numbers
    ("113.58 37.86N", (113.58, 37.86)),
    ("37.86 113.58E", (113.58, 37.86)),
    ("113.58E 37.86", (113.58, 37.86)),
    ("37.86S 113.58", "不在中国范围内"),  # 南纬: a sign, not a swap
])
def test_a_single_label_decides_the_order_without_a_note(text, expected):
    if isinstance(expected, str):
        with pytest.raises(InputError, match=expected):
            parse_point(text)
        return
    point = parse_point(text)
    assert (point.lon, point.lat) == expected
    assert not any("纬度, 经度" in note for note in point.notes)


def test_two_longitudes_are_refused():
    with pytest.raises(InputError, match="两个数都标成了经度"):
        parse_point("东经113.58 经度114.1")


def test_swapped_order_note_gives_the_values_read():
    point = parse_point("37.86 113.58")
    assert point.notes[0] == "按数值范围判断为“纬度, 经度”顺序：经度 113.58，纬度 37.86"


def test_the_china_box_includes_its_edges():
    for lon, lat in ((73.0, 3.0), (135.0, 54.0), (73.0, 54.0), (135.0, 3.0)):
        assert in_china(lon, lat)
    for lon, lat in ((72.999, 30.0), (135.001, 30.0), (100.0, 2.999), (100.0, 54.001)):
        assert not in_china(lon, lat)


@pytest.mark.parametrize("crs", ["gcj02", "bd09"])
def test_conversion_note_states_the_shift_measured_independently(crs):
    import pyproj

    point = parse_point("113.58,37.86", crs)
    shift = pyproj.Geod(ellps="GRS80").inv(113.58, 37.86, point.lon, point.lat)[2]
    note = next(n for n in point.notes if n.startswith("已将"))
    label = "GCJ-02（高德/腾讯）" if crs == "gcj02" else "BD-09（百度）"
    assert note.startswith(f"已将{label}坐标转换为 CGCS2000，偏移约 ")
    stated = float(note.split("偏移约 ")[1].removesuffix(" 米"))
    # prcoords measures on a sphere: within 0.5 % of the GRS80 geodesic, rounded to the metre
    assert abs(stated - shift) <= 0.005 * shift and point.crs_in == crs


def test_plain_systems_pass_through_unchanged():
    for crs in ("cgcs2000", "wgs84", "国家2000", "GPS"):
        assert to_cgcs2000(113.58, 37.86, crs) == (113.58, 37.86)
        assert from_cgcs2000(113.58, 37.86, crs) == (113.58, 37.86)


@pytest.mark.parametrize(("label", "expected"), [
    ("西经", ("lon", -1)), ("w", ("lon", -1)), ("W", ("lon", -1)), ("南纬", ("lat", -1)), ("s", ("lat", -1)),
    ("东经", ("lon", 1)), ("经度", ("lon", 1)), ("经", ("lon", 1)), ("longitude", ("lon", 1)), ("LNG", ("lon", 1)),
    ("lon", ("lon", 1)), ("E", ("lon", 1)), ("北纬", ("lat", 1)), ("纬度", ("lat", 1)), ("n", ("lat", 1)),
    (None, (None, 1)),
])
def test_hemisphere_labels_name_the_axis_and_sign(label, expected):
    from assistant.check.coords import _axis_of

    assert _axis_of(label) == expected


def test_minutes_and_seconds_of_60_are_refused():
    for text in ("113°60′0″E 37°51′36″N", "113°34′60″E 37°51′36″N"):
        with pytest.raises(InputError, match=f"坐标“{text}”中的分或秒不小于 60"):
            parse_point(text)
    point = parse_point("113°59′59.9″E 37°51′36″N")
    assert point.lon == pytest.approx(113 + 59 / 60 + 59.9 / 3600, abs=1e-9)


def test_labelled_points_have_no_order_note_and_range_edges_are_ambiguous_not_foreign():
    assert not any("顺序" in note for note in parse_point("北纬37.86 东经113.58").notes)
    assert not any("顺序" in note for note in parse_point("东经113.58 北纬37.86").notes)
    for text in ("73, 135", "3, 54"):  # both numbers fit one axis's range, edges included
        with pytest.raises(InputError, match="无法判断"):
            parse_point(text)
    with pytest.raises(InputError, match="坐标“150, 60”（经度 150.000000，纬度 60.000000）不在中国范围内"):
        parse_point("150, 60")


def test_plane_coordinate_errors_and_notes_quote_the_input():
    with pytest.raises(InputError, match="“X=4192041.8 Y=39463040.3”中的 Y 坐标 39463040.30 带号前缀为 39"):
        parse_xy("X=4192041.8 Y=39463040.3")
    with pytest.raises(InputError, match="坐标“X=5999000 Y=38500000”（经度 114.000000，纬度 54.117549）不在中国范围内"):
        parse_xy("X=5999000 Y=38500000")
    assert parse_xy("X=4192041.80 Y=38463040.30").notes == ("按 CGCS2000 3 度带第 38 带（中央经线 114°E，Y 带 38 带号前缀）解读",)
    assert parse_xy("38463040.30, 4192041.80").notes == (
        "按 CGCS2000 3 度带第 38 带（中央经线 114°E，Y 带 38 带号前缀）解读",
        "按数值大小识别：4192041.80 为 X（北坐标），38463040.30 为 Y（东坐标）")
    assert parse_xy("X=4192041.80 Y=463040.30").notes == ("按 CGCS2000 3 度带第 38 带（中央经线 114°E，Y 不带带号前缀）解读",)


def test_numbers_above_100000_are_read_as_plane_coordinates():
    with pytest.raises(InputError, match="超出经纬度范围"):
        parse_coordinates("100000, 37.86")
    with pytest.raises(InputError, match="高斯平面坐标"):
        parse_coordinates("100000.5, 37.86")
    assert from_cgcs2000(113.58, 37.86) == (113.58, 37.86)  # the default system is CGCS2000 itself


@pytest.mark.parametrize("text", ["113º34′48″E 37˚51′36″N", "113°34'48''E 37°51'36''N", "113。58,37。86"])
def test_look_alike_marks_and_full_stops(text):
    point = parse_point(text)
    assert (point.lon, point.lat) == pytest.approx((113.58, 37.86), abs=1e-9)


@pytest.mark.parametrize(("text", "message"), [
    ("a113.58,37.86", "无法识别坐标“a113.58,37.86”中的“a”"),
    ("113.58,37.86abc", "无法识别坐标“113.58,37.86abc”中的“abc”"),
    ("东经150 北纬60", "坐标“东经150 北纬60”（经度 150.000000，纬度 60.000000）不在中国范围内"),
    ("180, 37.86", "坐标“180, 37.86”（经度 180.000000，纬度 37.860000）不在中国范围内"),  # 180 is still a degree
    ("180.5, 37.86", "坐标“180.5, 37.86”的数值超出经纬度范围"),
])
def test_point_errors_quote_the_input(text, message):
    with pytest.raises(InputError, match=message):
        parse_point(text)


def test_default_system_is_cgcs2000_and_needs_no_conversion():
    assert normalize_crs("") == normalize_crs("  ") == normalize_crs(None) == "cgcs2000"
    assert to_cgcs2000(113.58, 37.86) == (113.58, 37.86)
    assert parse_point("113.58,37.86").notes == ("CGCS2000（国家 2000）与 WGS84（GPS）经纬度相差不到 1 米，本核查按同一坐标系处理",)


def test_split_gk_edges_and_messages():
    from assistant.check.coords import GK38_PLAIN, GK38_PREFIXED, split_gk

    assert split_gk(1_000_000.0, 38_200_000.0) == (1_000_000.0, 200_000.0, GK38_PREFIXED, False)
    assert split_gk(800_000.0, 6_000_000.0) == (6_000_000.0, 800_000.0, GK38_PLAIN, True)
    with pytest.raises(InputError, match="“4192041.8, 39463040.3”中的 Y 坐标 39463040.30 带号前缀为 39"):
        split_gk(4192041.8, 39463040.3)  # no text given: the message shows the two numbers
    with pytest.raises(InputError, match="“39463040.3, 4192041.8”中的 Y 坐标 39463040.30 带号前缀为 39"):
        parse_xy("39463040.3, 4192041.8")
    with pytest.raises(InputError, match="带号前缀为 39"):
        split_gk(4192041.8, 39_000_000.0)
    for a, b in ((4192041.8, 12.5), (12.5, 463040.3)):  # one of each kind is missing: not GK, not ambiguous
        with pytest.raises(InputError, match="不是 3 度带第 38 带的高斯平面坐标"):
            split_gk(a, b)


@pytest.mark.parametrize("crs", ["gcj02", "bd09"])
def test_from_cgcs2000_converts_without_prcoords_china_check(crs):
    # a result is shown back in the user's system wherever it is: prcoords' own box (to 137.83°E) is not applied
    assert from_cgcs2000(140.0, 56.0, crs) != pytest.approx((140.0, 56.0), abs=1e-4)
