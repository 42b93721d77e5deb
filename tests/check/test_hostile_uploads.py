"""Hostile and broken red-line uploads: each refused with a Chinese message, quickly, without a temp path."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile

import numpy as np
import pytest
from fixtures import hostile

from assistant.check import limits
from assistant.check.redline import read_redline, self_crossings
from assistant.errors import InputError

CJK = re.compile(r"[\u4e00-\u9fff]")


def refused(data: bytes, name: str) -> str:
    started = time.perf_counter()
    with pytest.raises(InputError) as info:
        read_redline(data, name)
    message = str(info.value)
    assert time.perf_counter() - started < 10, "a hostile file must be refused quickly"
    assert CJK.search(message) and "/tmp" not in message and "Traceback" not in message
    assert "yq_redline" not in message
    return message


def test_kmz_bomb_is_refused_by_real_unpacked_bytes():
    assert "解压后超过 100 MB" in refused(hostile.bomb(300), "bomb.kmz")


def test_forged_member_size_is_not_trusted():
    data = hostile.forged_size(150, declared=100)
    assert zipfile.ZipFile(io.BytesIO(data)).infolist()[0].file_size == 100  # the lie is in place
    message = refused(data, "forged.kmz")
    assert "超过 100 MB" in message or "损坏" in message


def test_bad_crc_and_corrupt_deflate_are_chinese_errors():
    assert "损坏" in refused(hostile.bad_crc(), "crc.kmz")
    assert "无法解压" in refused(hostile.corrupt_deflate(), "deflate.kmz") or "损坏" in refused(
        hostile.corrupt_deflate(), "deflate.kmz")


def test_truncated_zip_is_a_chinese_error():
    data = hostile.zip_of({"doc.kml": hostile.KML})
    assert "不是有效的 zip" in refused(data[: len(data) // 2], "cut.kmz")


def test_nested_archives_and_member_floods_are_refused():
    assert "嵌套的压缩包“inner.zip”" in refused(hostile.nested(), "nested.zip")
    assert "超过上限 200 个" in refused(hostile.many_members(500), "many.zip")


def test_traversal_names_never_leave_the_archive(tmp_path):
    # The member names try to escape; the KML inside is still read (it is a valid red line) and nothing is written.
    before = set((tmp_path.parent).iterdir())
    redline = read_redline(hostile.traversal(), "evil.kmz")
    assert redline.area_m2 > 0
    assert set(tmp_path.parent.iterdir()) == before


def ring_geojson(xy) -> bytes:
    return json.dumps({"type": "Polygon", "coordinates": [[list(map(float, p)) for p in xy]]}).encode()


def test_random_self_crossing_ring_is_refused_with_its_counts():
    rng = np.random.default_rng(1)
    xy = np.column_stack([rng.uniform(113.55, 113.60, 5000), rng.uniform(37.84, 37.88, 5000)])
    xy = np.vstack([xy, xy[:1]])
    message = refused(ring_geojson(xy), "random.geojson")
    assert "自相交超过 200 处" in message and "5001 个界址点" in message


def test_a_bowtie_is_still_repaired():
    xy = [(113.58, 37.86), (113.59, 37.87), (113.59, 37.86), (113.58, 37.87), (113.58, 37.86)]
    redline = read_redline(ring_geojson(xy), "bowtie.geojson")
    assert any("自相交" in n for n in redline.notes) and redline.area_m2 > 0


def test_self_crossings_counts_pairs_of_crossing_edges():
    from shapely.geometry import Polygon

    assert self_crossings(Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])) == 1
    assert self_crossings(Polygon([(0, 0), (10, 0), (10, 10), (0, 10)])) == 0


def test_too_many_vertices_and_parts_are_refused_with_counts():
    a = np.linspace(0, 2 * np.pi, limits.MAX_VERTICES + 10)
    xy = np.column_stack([113.58 + 0.01 * np.cos(a), 37.86 + 0.01 * np.sin(a)])
    assert f"{limits.MAX_VERTICES + 10} 个界址点" in refused(ring_geojson(xy), "circle.geojson")
    square = [[113.58, 37.86], [113.581, 37.86], [113.581, 37.861], [113.58, 37.861], [113.58, 37.86]]
    features = [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [square]}}
                for _ in range(limits.MAX_PARTS + 1)]
    data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    assert f"{limits.MAX_PARTS + 1} 个要素" in refused(data, "many.geojson")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_geojson_coordinates(value):
    ring = f"[[113.58,37.86],[113.59,37.86],[{value},37.87],[113.58,37.86]]"
    text = '{"type":"Polygon","coordinates":[' + ring + ']}'
    assert "有限的数字" in refused(text.encode(), "nan.geojson")


def test_huge_and_infinite_coordinates_in_a_boundary_txt():
    lines = ["[属性描述]", "[地块坐标]", "4,1,1,地块,面,,,,@", "J1,1,1e400,38463040.3",
             "J2,1,4192041.8,38463140.3", "J3,1,4192141.8,38463140.3", "J1,1,1e400,38463040.3"]
    message = refused("\n".join(lines).encode(), "inf.txt")
    assert "有限的数字" in message or "不是数字" in message
    lines[3] = lines[-1] = "J1,1,4e200,38463040.3"
    message = refused("\n".join(lines).encode(), "huge.txt")
    assert "超出有效范围" in message or "无法区分 X 和 Y" in message


def shapefile_zip(encoding: str, cpg: str | None) -> bytes:
    """A one-polygon Shapefile whose 名称 attribute is written in `encoding`, with an optional (lying) .cpg."""
    import tempfile
    from pathlib import Path

    import geopandas as gpd
    from shapely.geometry import box

    with tempfile.TemporaryDirectory() as tmp:
        frame = gpd.GeoDataFrame({"名称": ["阳泉测试地块"]}, geometry=[box(113.58, 37.86, 113.59, 37.87)],
                                 crs="EPSG:4490")
        frame.to_file(Path(tmp) / "red.shp", encoding=encoding)
        (Path(tmp) / "red.cpg").unlink(missing_ok=True)
        members = {p.name: p.read_bytes() for p in Path(tmp).iterdir()}
    if cpg is not None:
        members["red.cpg"] = cpg.encode()
    return hostile.zip_of(members)


def test_cpg_that_lies_is_overruled_by_the_bytes():
    redline = read_redline(shapefile_zip("GBK", "UTF-8"), "lie.zip")
    assert redline.parcels[0][0] == "阳泉测试地块"
    assert any("GBK" in n or "GB18030" in n for n in redline.notes)
    assert read_redline(shapefile_zip("UTF-8", "UTF-8"), "ok.zip").parcels[0][0] == "阳泉测试地块"


def test_garbage_behind_a_zip_suffix_and_a_broken_shapefile():
    assert "不是有效的 zip" in refused(b"PK\x03\x04" + b"\x00" * 100, "junk.zip")
    broken = hostile.zip_of({"a.shp": b"\x00" * 200, "a.shx": b"\x00" * 100, "a.dbf": b"\x00" * 50})
    message = refused(broken, "broken.zip")
    assert "无法读取" in message or "损坏" in message
