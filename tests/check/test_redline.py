"""redline: each fixture format parses to the right area, rings and notes; every error names the problem."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import ezdxf
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon

from assistant.check.redline import RedLine, read_redline
from assistant.errors import InputError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "redlines"
TO_GK = Transformer.from_crs("EPSG:4490", "EPSG:4526", always_xy=True)


def gk_area(ring_lonlat, holes=()) -> float:
    """Independent area: project lon/lat vertices with pyproj, measure with shapely."""

    def project(ring):
        xs, ys = TO_GK.transform([p[0] for p in ring], [p[1] for p in ring])
        return list(zip(xs, ys, strict=True))

    return Polygon(project(ring_lonlat), [project(h) for h in holes]).area


def shoelace(points) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False))) / 2


def holes_of(geom) -> int:
    polygons = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
    return sum(len(p.interiors) for p in polygons)


def assert_in_yangquan(red: RedLine) -> None:
    minx, miny, maxx, maxy = red.geometry.bounds
    assert 113.50 <= minx <= maxx <= 113.65 and 37.82 <= miny <= maxy <= 37.92


# ---------------------------------------------------------------- fixtures, one by one


def test_gbk_txt_with_prefix_and_crlf():
    assert b"\r\n" in (FIXTURES / "gbk_prefix.txt").read_bytes()
    red = read_redline(FIXTURES / "gbk_prefix.txt")
    assert red.source_format == "界址点TXT" and red.crs_detected == "EPSG:4526"
    assert [name for name, _ in red.parcels] == ["阳泉市郊区义井片区地块"]
    assert red.area_m2 == pytest.approx(300 * 200, rel=1e-6)
    assert "坐标按 CGCS2000 3 度带第 38 带（带号前缀）解读" in red.notes
    assert not any("相差" in n for n in red.notes)  # header says 6.0000 公顷, matching
    assert_in_yangquan(red)


def test_utf8_txt_without_prefix_with_swapped_columns():
    red = read_redline(FIXTURES / "utf8_swapped.txt")
    assert red.crs_detected == "EPSG:4547"
    pentagon = [(464500, 4193000), (464800, 4193000), (464900, 4193200), (464650, 4193350), (464450, 4193200), (464500, 4193000)]
    assert red.area_m2 == pytest.approx(shoelace(pentagon), rel=1e-6)
    assert any("无带号前缀" in n for n in red.notes)
    assert any("X、Y 两列互换" in n for n in red.notes)
    assert_in_yangquan(red)


def test_multi_parcel_txt_with_hole_and_header_area_mismatch():
    red = read_redline(FIXTURES / "multi_hole.txt")
    names = [name for name, _ in red.parcels]
    assert names == ["一号地块", "二号地块"]
    first, second = (geom for _, geom in red.parcels)
    assert holes_of(first) == 1 and holes_of(second) == 0
    assert red.parcel_areas_m2() == pytest.approx([400 * 400 - 100 * 100, 200 * 150], rel=1e-6)
    assert red.area_m2 == pytest.approx(180_000, rel=1e-6)
    assert isinstance(red.geometry, MultiPolygon)
    mismatch = [n for n in red.notes if "文件标注面积" in n]
    assert mismatch == ["第 2 地块“二号地块”文件标注面积 3.3000 公顷，按坐标计算 3.0000 公顷，相差 9.1%"]


def test_bowtie_txt_is_repaired_with_a_note():
    red = read_redline(FIXTURES / "bowtie.txt")
    assert "第 1 地块“自相交地块”自相交，已修复（make_valid）" in red.notes
    assert red.geometry.is_valid and isinstance(red.geometry, MultiPolygon)
    assert len(red.geometry.geoms) == 2
    assert red.area_m2 == pytest.approx(2 * (200 * 100 / 2), rel=1e-6)


def test_geojson_degrees():
    red = read_redline(FIXTURES / "redline.geojson")
    ring = json.loads((FIXTURES / "redline.geojson").read_text("utf-8"))["features"][0]["geometry"]["coordinates"][0]
    assert red.source_format == "GeoJSON" and red.crs_detected == "EPSG:4490"
    assert red.area_m2 == pytest.approx(gk_area(ring), rel=1e-9)
    assert red.area_m2 == pytest.approx(100_000, rel=1e-3)
    assert red.parcels[0][0] == "郊区测试地块"
    assert any("经纬度解读" in n for n in red.notes)


def test_kml_with_hole_ignores_points():
    red = read_redline(FIXTURES / "redline.kml")
    rings = [
        [tuple(map(float, t.split(",")[:2])) for t in e.text.split()]
        for e in ET.parse(FIXTURES / "redline.kml").iter("{http://www.opengis.net/kml/2.2}coordinates")
    ]
    assert red.source_format == "KML" and red.crs_detected == "EPSG:4490"
    assert red.area_m2 == pytest.approx(gk_area(rings[0], [rings[1]]), rel=1e-9)
    assert holes_of(red.geometry) == 1
    assert red.parcels[0][0] == "规划用地红线"
    assert "忽略了 1 个不是面的要素（点或线）" in red.notes


def test_zipped_shapefile_with_gbk_dbf():
    red = read_redline(FIXTURES / "redline_shp.zip")
    assert red.source_format == "Shapefile" and red.crs_detected == "EPSG:4526"
    assert [name for name, _ in red.parcels] == ["东地块", "西地块"]
    assert red.parcel_areas_m2() == pytest.approx([250 * 200, 200 * 200], rel=1e-6)
    assert any("GBK" in n and ".cpg" in n for n in red.notes)


def test_zipped_shapefile_without_cpg_still_reads_gbk(tmp_path):
    source = zipfile.ZipFile(FIXTURES / "redline_shp.zip")
    target = tmp_path / "nocpg.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for info in source.infolist():
            if not info.filename.endswith(".cpg"):
                archive.writestr(info.filename, source.read(info))
    red = read_redline(target)
    assert [name for name, _ in red.parcels] == ["东地块", "西地块"]
    assert any("GBK" in n for n in red.notes)


def test_dxf_closed_lwpolyline():
    red = read_redline(FIXTURES / "redline.dxf")
    doc = ezdxf.readfile(FIXTURES / "redline.dxf")
    points = [(x, y) for x, y in doc.modelspace().query("LWPOLYLINE")[0].get_points("xy")]
    assert red.source_format == "DXF" and red.crs_detected == "EPSG:4547"
    assert red.area_m2 == pytest.approx(Polygon(points).area, rel=1e-6)
    assert red.parcels[0][0] == "多段线1（图层 红线）"


def test_wkt_file_in_metres_with_prefix():
    red = read_redline(FIXTURES / "redline.wkt")
    expected = shapely.from_wkt((FIXTURES / "redline.wkt").read_text()).area
    assert red.source_format == "WKT" and red.crs_detected == "EPSG:4526"
    assert red.area_m2 == pytest.approx(expected, rel=1e-6)


# ---------------------------------------------------------------- other inputs


def test_bytes_with_filename_and_sniffed_without():
    data = (FIXTURES / "redline.geojson").read_bytes()
    assert read_redline(data, "上传.geojson").source_format == "GeoJSON"
    assert read_redline(data).source_format == "GeoJSON"
    assert read_redline((FIXTURES / "redline_shp.zip").read_bytes()).source_format == "Shapefile"
    assert read_redline((FIXTURES / "gbk_prefix.txt").read_bytes()).source_format == "界址点TXT"


def test_open_binary_stream_uses_its_name():
    with open(FIXTURES / "redline.kml", "rb") as stream:
        assert read_redline(stream).source_format == "KML"


def test_wkt_string_in_degrees_and_ewkt():
    red = read_redline("POLYGON ((113.58 37.86, 113.59 37.86, 113.59 37.87, 113.58 37.87, 113.58 37.86))")
    assert red.crs_detected == "EPSG:4490"
    assert red.area_m2 == pytest.approx(gk_area([(113.58, 37.86), (113.59, 37.86), (113.59, 37.87), (113.58, 37.87)]), rel=1e-9)
    ewkt = "SRID=4547;POLYGON ((463000 4192000, 463100 4192000, 463100 4192100, 463000 4192000))"
    assert read_redline(ewkt).area_m2 == pytest.approx(5000, rel=1e-6)


def test_wkt_lat_lon_order_is_corrected():
    red = read_redline("POLYGON ((37.86 113.58, 37.86 113.59, 37.87 113.59, 37.86 113.58))")
    assert any("纬度在前" in n for n in red.notes)
    assert red.geometry.bounds[0] == pytest.approx(113.58)


def test_geojson_projected_with_crs_member_and_web_mercator():
    ring = [[38463000, 4192000], [38463200, 4192000], [38463200, 4192100], [38463000, 4192100], [38463000, 4192000]]
    doc = {"type": "Polygon", "coordinates": [ring], "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4526"}}}
    red = read_redline(json.dumps(doc).encode(), "a.json")
    assert red.crs_detected == "EPSG:4526" and red.area_m2 == pytest.approx(20_000, rel=1e-6)

    to_merc = Transformer.from_crs("EPSG:4490", "EPSG:3857", always_xy=True)
    lonlat = [(113.58, 37.86), (113.59, 37.86), (113.59, 37.87), (113.58, 37.86)]
    merc = [list(to_merc.transform(*p)) for p in lonlat]
    doc = {"type": "Feature", "properties": {"name": "墨卡托"}, "geometry": {"type": "Polygon", "coordinates": [merc]},
           "crs": {"type": "name", "properties": {"name": "EPSG:3857"}}}
    red = read_redline(json.dumps(doc).encode(), "b.geojson")
    assert red.crs_detected == "EPSG:3857"
    assert red.area_m2 == pytest.approx(gk_area(lonlat), rel=1e-6)
    assert any("按文件声明的坐标系" in n for n in red.notes)


def test_kmz():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("doc.kml", (FIXTURES / "redline.kml").read_bytes())
    assert read_redline(buffer.getvalue(), "a.kmz").source_format == "KML"


def test_dxf_with_prefix_and_nested_hole(tmp_path):
    doc = ezdxf.new()
    msp = doc.modelspace()
    msp.add_lwpolyline([(38463000, 4192000), (38463400, 4192000), (38463400, 4192400), (38463000, 4192400)], close=True)
    msp.add_lwpolyline([(38463100, 4192100), (38463200, 4192100), (38463200, 4192200), (38463100, 4192200)], close=True)
    doc.saveas(tmp_path / "hole.dxf")
    red = read_redline(tmp_path / "hole.dxf")
    assert red.crs_detected == "EPSG:4526"
    assert red.area_m2 == pytest.approx(160_000 - 10_000, rel=1e-6)
    assert any("按内部洞（扣除）处理" in n for n in red.notes)


def test_overlapping_parcels_are_noted():
    wkt = (
        "MULTIPOLYGON (((463000 4192000, 463200 4192000, 463200 4192200, 463000 4192200, 463000 4192000)),"
        " ((463100 4192000, 463300 4192000, 463300 4192200, 463100 4192200, 463100 4192000)))"
    )
    red = read_redline(wkt)
    assert len(red.parcels) == 2
    assert red.area_m2 == pytest.approx(60_000, rel=1e-6)
    assert any("重叠" in n for n in red.notes)


TXT_HEAD = "[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n带号=38\n[地块坐标]\n"
SQUARE = "J1,1,4192000,38463000\nJ2,1,4192000,38463100\nJ3,1,4192100,38463100\nJ4,1,4192100,38463000\n"


def txt(body: str, head: str = TXT_HEAD) -> bytes:
    return (head + body).encode("utf-8")


def test_txt_unclosed_ring_points_without_header_and_outside_ring():
    red = read_redline(txt(SQUARE), "a.txt")
    assert red.area_m2 == pytest.approx(10_000, rel=1e-6)
    assert any("已把开头的界址点作为一个地块" in n for n in red.notes)
    assert any("首尾点不一致，已自动闭合" in n for n in red.notes)
    far = "J5,2,4193000,38463000\nJ6,2,4193000,38463100\nJ7,2,4193100,38463100\nJ5,2,4193000,38463000\n"
    red = read_redline(txt("5,,1,甲,面,,,,@\n" + SQUARE + far), "a.txt")
    assert any("第 2 圈不在第 1 圈之内，按独立的面处理" in n for n in red.notes)
    assert red.area_m2 == pytest.approx(10_000 + 5_000, rel=1e-6)


def test_txt_in_xian80_gets_a_warning_note():
    red = read_redline(txt("5,1.0,1,甲,面,,,,@\n" + SQUARE, TXT_HEAD.replace("2000国家大地坐标系", "1980西安坐标系")), "a.txt")
    assert any("1980西安坐标系" in n and "偏差" in n for n in red.notes)


# ---------------------------------------------------------------- errors


def error_of(source, filename=None) -> str:
    with pytest.raises(InputError) as info:
        read_redline(source, filename)
    return str(info.value)


TXT_ERRORS = [
    ("5,1,1,甲,面,,,,@\nJ1,1,4192000,38463000\nJ5,1,41920\n", "第 8 行“J5,1,41920”缺少 Y 坐标"),
    ("5,1,1,甲,面,,,,@\nJ5,1\n", "第 7 行“J5,1”缺少 X、Y 坐标"),
    ("5,1,1,甲,面,,,,@\nJ5,1,abc,38463000\n", "第 7 行“J5,1,abc,38463000”的 X 坐标“abc”不是数字"),
    ("5,1,1,甲,面,,,,@\nJ5,一,4192000,38463000\n", "圈号“一”不是整数"),
    ("5,1,1,甲,面,,,,@\nJ1,1,4192000,38463000\nJ2,1,4192000,38463100\nJ1,1,4192000,38463000\n", "第 1 地块“甲”第 1 圈（第 7–9 行）只有 2 个不同的界址点"),
    ("5,1,1,甲,线,,,,@\n" + SQUARE, "图形属性是“线”"),
    ("5,1,1,甲,面,,,,@\n", "第 1 地块“甲”（第 6 行）下面没有界址点"),
    ("", "文件中没有界址点"),
    ("5,1,1,甲,面,,,,@\nJ1,1,4192000,39463000\nJ2,1,4192000,39463100\nJ3,1,4192100,39463100\n", "带号前缀为 39"),
    ("5,1,1,甲,面,,,,@\nJ1,1,4192000,38463000\nJ2,1,4192000,463100\nJ3,1,4192100,38463100\n", "第 8 行的 Y 坐标不带带号前缀，而第 7 行带有带号 38"),
]


@pytest.mark.parametrize(("body", "message"), TXT_ERRORS)
def test_txt_errors(body, message):
    assert message in error_of(txt(body), "a.txt")


@pytest.mark.parametrize(
    ("head", "message"),
    [
        (TXT_HEAD.replace("带号=38", "带号=39"), "文件带号为 39"),
        (TXT_HEAD.replace("几度分带=3", "几度分带=6"), "文件为 6 度分带"),
    ],
)
def test_txt_zone_header_errors(head, message):
    assert message in error_of(txt("5,1,1,甲,面,,,,@\n" + SQUARE, head), "a.txt")


def test_undecodable_txt():
    assert "文件编码无法识别" in error_of(b"\x81\x30\xff\xfe\xfd" * 3 + b"@", "a.txt")


def shapefile_zip_without(member_suffix: str) -> bytes:
    source = zipfile.ZipFile(FIXTURES / "redline_shp.zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            if not info.filename.endswith(member_suffix):
                archive.writestr(info.filename, source.read(info))
    return buffer.getvalue()


FILE_ERRORS = [
    (b"x", "a.xls", "不支持的文件类型 .xls：请上传界址点 TXT、GeoJSON、KML、zip 压缩的 Shapefile、DXF 或 WKT。"),
    (b"   ", "a.txt", "红线文件“a.txt”是空的"),
    (b"\x00\x01", "a.shp", "只上传了 .shp"),
    (b"not a zip", "a.zip", "不是有效的 zip 压缩文件"),
    (b"{\"type\": \"Feature\", ", "a.geojson", "GeoJSON 无法解析（第 1 行"),
    (b"[1, 2]", "a.geojson", "GeoJSON 缺少“type”"),
    (b'{"type": "Point", "coordinates": [113.58, 37.86]}', "a.geojson", "GeoJSON 中没有面要素"),
    (b'{"type": "Polygon", "coordinates": [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]]]}', "a.geojson", "不在中国范围内"),
    (b"<kml><Document>", "a.kml", "KML 文件无法解析"),
    (b"<kml><Placemark><Point><coordinates>113.58,37.86</coordinates></Point></Placemark></kml>", "a.kml", "KML 中没有面"),
    (b"<kml><Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>113.58;37.86</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>", "a.kml", "坐标“113.58;37.86”无法识别"),
    (b"POLYGON ((1 2, 3", "a.wkt", "WKT 无法解析"),
    (b"LINESTRING (113.58 37.86, 113.59 37.87)", "a.wkt", "WKT 是 LineString，不是面"),
    (b"0\nSECTION\n2\nENTITIES\n0\nENDSEC\n0\nEOF\n", "a.dxf", "文件中没有闭合的多段线"),
]


@pytest.mark.parametrize(("data", "filename", "message"), FILE_ERRORS)
def test_file_errors(data, filename, message):
    assert message in error_of(data, filename)


def test_zip_errors():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "no shapefile here")
    assert "zip 中没有 .shp 文件" in error_of(buffer.getvalue(), "a.zip")
    assert "zip 中缺少 红线.dbf" in error_of(shapefile_zip_without(".dbf"), "a.zip")


def test_dxf_with_only_open_polylines(tmp_path):
    doc = ezdxf.new()
    doc.modelspace().add_lwpolyline([(463000, 4192000), (463100, 4192000), (463100, 4192100)])
    doc.saveas(tmp_path / "open.dxf")
    assert "文件中没有闭合的多段线" in error_of(tmp_path / "open.dxf")


def test_missing_path_and_wrong_zone_wkt(tmp_path):
    assert "找不到红线文件" in error_of(tmp_path / "nope.txt")
    assert "带号前缀为 39" in error_of("POLYGON ((39463000 4192000, 39463100 4192000, 39463100 4192100, 39463000 4192000))")
