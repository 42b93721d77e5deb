"""界址点 TXT as surveying software writes it (issue 14): every generated variant reads to the true polygon,
states its reading, carries its 地块 attributes; zone and datum results match first-principles PROJ pipelines."""

from __future__ import annotations

import re

import numpy as np
import pytest
import shapely
from fixtures import make_txt_redlines as gen
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon

from assistant.check.redline import read_redline
from assistant.errors import InputError

TO_GK = Transformer.from_crs("EPSG:4490", "EPSG:4547", always_xy=True)
VARIANTS = {v.name: v for v in gen.VARIANTS}
ELLIPSOID = {"1980西安坐标系": "+a=6378140 +rf=298.257", "1954北京坐标系": "+a=6378245 +rf=298.3",
             "2000国家大地坐标系": "+a=6378137 +rf=298.257222101"}


def metric(geom):
    return shapely.transform(geom, lambda xy: np.column_stack(TO_GK.transform(xy[:, 0], xy[:, 1])))


def truth(variant) -> MultiPolygon:
    return MultiPolygon([Polygon(plot.rings[0], plot.rings[1:]) for plot in variant.plots])


def path_of(variant):
    return gen.OUT / f"{variant.name}.txt"


@pytest.mark.parametrize("name", VARIANTS)
def test_fixture_files_are_what_the_generator_writes(name):
    variant = VARIANTS[name]
    assert path_of(variant).read_bytes() == gen.text_of(variant).encode(variant.encoding)


@pytest.mark.parametrize("name", VARIANTS)
def test_variant_reads_to_the_true_polygon_and_states_its_reading(name):
    variant = VARIANTS[name]
    red = read_redline(path_of(variant))
    expected = metric(truth(variant))
    got = metric(red.geometry)
    assert got.area == pytest.approx(expected.area, rel=1e-3)
    shift = got.hausdorff_distance(expected)
    if variant.approximate:
        assert red.approximate and shift > 5, "an old datum read without parameters is tens of metres off"
    else:
        assert not red.approximate and shift < 0.05
    for part in variant.expect_notes:
        assert any(part in note for note in red.notes), (part, red.notes)
    assert not any("按坐标计算" in note for note in red.notes)  # header areas (公顷) agree with the geometry


@pytest.mark.parametrize("name", VARIANTS)
def test_parcel_attributes_are_carried(name):
    variant = VARIANTS[name]
    red = read_redline(path_of(variant))
    assert len(red.parcel_info) == len(variant.plots)
    for info, plot in zip(red.parcel_info, variant.plots, strict=True):
        area, number, plot_name, _shape, sheet, use, code, *extra = plot.fields
        assert (info.number, info.name, info.use, info.land_code, info.map_sheet) == (number, plot_name, use, code, sheet)
        assert info.declared_area_ha == pytest.approx(float(area))
        while extra and not extra[-1]:
            extra.pop()
        assert list(info.extra) == extra


def file_points(variant) -> np.ndarray:
    """(X, Y) of every 界址点 row, read with a plain regex (not the reader)."""
    text = path_of(variant).read_bytes().decode(variant.encoding)
    rows = re.findall(r"^J\d+,\d+,([\d.]+),([\d.]+)", text, flags=re.M)
    return np.array(rows, dtype=float)


def pipeline(variant) -> Transformer:
    """GK (easting without prefix, northing) in the file's datum -> CGCS2000 lon/lat, spelled out step by step."""
    if variant.zone_width is None:
        steps = ["+step +proj=unitconvert +xy_in=deg +xy_out=rad"]
    else:
        meridian = variant.zone * 3 if variant.zone_width == 3 else variant.zone * 6 - 3
        steps = [f"+step +inv +proj=tmerc +lat_0=0 +lon_0={meridian} +k=1 +x_0=500000 +y_0=0 {ELLIPSOID[variant.datum]}"]
    if variant.params:
        x, y, z, rx, ry, rz, s = variant.params
        steps += [f"+step +proj=cart {ELLIPSOID[variant.datum]}",
                  f"+step +proj=helmert +x={x} +y={y} +z={z} +rx={rx} +ry={ry} +rz={rz} +s={s} "
                  "+convention=position_vector",
                  f"+step +inv +proj=cart {ELLIPSOID['2000国家大地坐标系']}"]
    steps.append("+step +proj=unitconvert +xy_in=rad +xy_out=deg")
    return Transformer.from_pipeline("+proj=pipeline " + " ".join(steps))


@pytest.mark.parametrize("name", ["zone6_prefixed", "zone6_header_only", "xian80_seven_params",
                                  "beijing54_seven_params_zone6", "xian80_geographic_seven_params"])
def test_zone_and_datum_match_an_independent_pipeline(name):
    variant = VARIANTS[name]
    numbers = file_points(variant)
    easting = numbers[:, 1] - (variant.zone * 1_000_000 if variant.prefix and variant.zone else 0)
    lon, lat = pipeline(variant).transform(easting, numbers[:, 0])
    red = read_redline(path_of(variant))
    got = np.concatenate([shapely.get_coordinates(geom) for _, geom in red.parcels])
    for point in zip(lon, lat, strict=True):
        assert np.min(np.hypot(*(got - point).T)) < 1e-8  # about a millimetre
    # and the parameters matter: without them the same numbers land tens of metres away
    if variant.params and variant.zone_width:
        plain = Transformer.from_pipeline(f"+proj=pipeline +step +inv +proj=tmerc +lon_0={111 if variant.zone_width == 6 else 114} "
                                          "+x_0=500000 +ellps=GRS80 +step +proj=unitconvert +xy_in=rad +xy_out=deg")
        lon0, lat0 = plain.transform(easting[:1], numbers[:1, 0])
        assert np.hypot(lon0[0] - lon[0], lat0[0] - lat[0]) > 1e-4
    elif variant.params:
        assert np.hypot(easting[0] - lon[0], numbers[0, 0] - lat[0]) > 1e-4


def test_dms_values_are_degrees_minutes_seconds():
    variant = VARIANTS["geographic_dms_declared"]
    lat_text, lon_text = (file_points(variant)[0])
    red = read_redline(path_of(variant))
    # 37.50490824 = 37°50′49.0824″; worked out by hand, not by the reader
    degrees, rest = divmod(round(lat_text * 1e8), 10**8)
    expected_lat = degrees + (rest // 10**6) / 60 + (rest % 10**6) / 1e4 / 3600
    got = shapely.get_coordinates(red.parcels[0][1])
    assert np.min(np.abs(got[:, 1] - expected_lat)) < 1e-9
    assert lon_text > 100


TXT = "[属性描述]\n坐标系={datum}\n几度分带={width}\n带号={zone}\n转换参数={params}\n{extra}[地块坐标]\n5,1,1,甲,面,,,,@\n{points}"
SQUARE = "J1,1,4192000,38463000\nJ2,1,4192000,38463100\nJ3,1,4192100,38463100\nJ4,1,4192100,38463000\n"


def error_of(text: str) -> str:
    with pytest.raises(InputError) as info:
        read_redline(text.encode("utf-8"), "a.txt")
    return str(info.value)


def txt(datum="2000国家大地坐标系", width="3", zone="38", params=",,,,,,", extra="", points=SQUARE) -> str:
    return TXT.format(datum=datum, width=width, zone=zone, params=params, extra=extra, points=points)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (txt(datum="1980西安坐标系", params="1,2,3"), "“转换参数=1,2,3”有 3 个数：应为 7 个"),
        (txt(datum="1980西安坐标系", params="a,b,c,d,e,f,g"), "不是数字：应为 7 个用逗号分隔的数"),
        (txt(datum="1980西安坐标系", params="24,-123,-94,-0.02,0.25,0.13,1.1"), None),
        (txt(datum="1980西安坐标系", params="2400,-12300,-9400,0,0,0,0"), "移动了约"),
        (txt(width="6", zone="38"), "带号前缀 38 不是 6 度带带号"),
        (txt(width="6", zone="", points=SQUARE.replace("38463", "19463").replace("4192", "4193")), None),
        (txt(zone="", points=SQUARE.replace("J3,1,4192100,38463100", "J3,1,4192100,39463100")),
         "第 10 行 Y 坐标的带号前缀为 39，与第 8 行的 38 不同"),
        (txt(points=SQUARE.replace("J2,1,4192000,38463100", "J2,1,38463100,4192000")),
         "第 9 行的 X、Y 顺序与第 8 行相反"),
        (txt(points=SQUARE.replace("J2,1,4192000,38463100", "J2,1,4192000,4192100")), "第 9 行的坐标“4192000.000, 4192100.000”无法区分 X 和 Y"),
        (txt(extra="计量单位=度分秒\n", width="", zone="",
             points="J1,1,37.5049,113.3405\nJ2,1,37.5049,113.3499\nJ3,1,37.5055,113.3417\n"),
         "第 10 行的“113.3499”分或秒大于 59"),
        (txt(extra="这一行没有等号\n"), "第 6 行“这一行没有等号”在[属性描述]段中，应为“名称=值”"),
        (txt().replace("5,1,1,甲", "五,1,1,甲"), "第 7 行地块行的第 1 项（界址点数）“五”不是整数"),
        (txt(points="J1,1,4192000,38463000\nJ2,1,4192000,38463100\nJ1,1,4192000,38463000\n"),
         "第 1 地块“甲”第 1 圈（第 8–10 行）只有 2 个不同的界址点"),
        (txt(width="6", zone="", points=SQUARE.replace("38463", "463").replace("4192", "4193")), None),
    ],
)
def test_unreadable_files_name_the_line_and_what_was_expected(text, message):
    if message is None:
        read_redline(text.encode("utf-8"), "a.txt")  # reads
    else:
        assert message in error_of(text)


def test_area_in_square_metres_is_recognised():
    text = txt().replace("5,1,1,甲", "5,10000,1,甲")
    red = read_redline(text.encode("utf-8"), "a.txt")
    assert any("按平方米理解" in note for note in red.notes) and not any("按坐标计算" in note for note in red.notes)


# ---------------------------------------------------------------- the same files through `yqplan check --file`


@pytest.fixture
def cli_settings(fixture_db_path):
    from assistant.settings import load

    return load({}).with_paths(db_path=str(fixture_db_path))


@pytest.mark.parametrize("name", VARIANTS)
def test_cli_check_file_reports_reading_and_attributes(name, cli_settings, capsys):
    import json

    from assistant import cli
    from assistant.check.cli import cmd_check

    variant = VARIANTS[name]
    args = cli.build_parser().parse_args(["check", "--file", str(path_of(variant)), "--json"])
    assert cmd_check(args, cli_settings) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["redline"]["approximate"] is variant.approximate
    assert [p["number"] for p in result["redline"]["parcels"]] == [plot.fields[1] for plot in variant.plots]
    assert [p["use"] for p in result["redline"]["parcels"]] == [plot.fields[5] for plot in variant.plots]
    assert all(any(part in note for note in result["notes"]) for part in variant.expect_notes)
    args = cli.build_parser().parse_args(["check", "--file", str(path_of(variant))])
    cmd_check(args, cli_settings)
    text = capsys.readouterr().out
    plot = variant.plots[0]
    assert f"第 1 地块“{plot.fields[2]}”（编号 {plot.fields[1]}，用途 {plot.fields[5]}，地类编码 {plot.fields[6]}" in text
    assert ("【近似结果" in text) is variant.approximate


def test_rows_without_ring_numbers_and_six_degree_without_zone_are_stated():
    no_rings = "J1,4192000.00,38463000.00\nJ2,4192000.00,38463100.00\nJ3,4192100.00,38463100.00\n"
    red = read_redline(txt(points=no_rings).encode("utf-8"), "a.txt")
    assert red.area_m2 == pytest.approx(5_000, rel=1e-6)
    assert any("没有圈号，按第 1 圈处理（第 8 行起）" in note for note in red.notes)
    plain6 = SQUARE.replace("38463", "726").replace("4192", "4195")
    red = read_redline(txt(width="6", zone="", points=plain6).encode("utf-8"), "a.txt")
    assert any("按阳泉所在的 6 度带第 19 带解读" in note for note in red.notes)
    assert red.crs_detected == "EPSG:4508"


def test_ambiguous_degrees_without_a_header_area_are_read_as_dms_and_say_how_to_change_that():
    square = "J1,1,38.1210,113.4210\nJ2,1,38.1210,113.4240\nJ3,1,38.1230,113.4240\nJ4,1,38.1230,113.4210\n"
    red = read_redline(txt(width="", zone="", points=square).encode("utf-8"), "a.txt")
    assert any("请在[属性描述]中写明“计量单位=度”" in note for note in red.notes)
    assert red.geometry.bounds[0] == pytest.approx(113 + 42 / 60 + 10 / 3600)
    red = read_redline(txt(width="", zone="", extra="计量单位=度\n", points=square).encode("utf-8"), "a.txt")
    assert red.geometry.bounds[0] == pytest.approx(113.4210)
