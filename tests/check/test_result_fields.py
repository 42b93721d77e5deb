"""The check result's shared parts: units (m², 公顷, 亩), notes in Chinese, and the red line's 地块 lines.

Areas are checked against the boxes the red line is drawn from (metres in GK zone 38), not the code's own sums.
"""

from __future__ import annotations

import pytest
from fixtures.layer_db import OX, OY

from assistant.check.redline import read_redline
from assistant.check.result import area_fields, near_note, out_of_scope_note, parcel_lines, redline_fields

HEADER = ["[属性描述]", "坐标系=2000国家大地坐标系", "几度分带=3", "投影类型=高斯克吕格", "计量单位=米", "带号=38",
          "[地块坐标]"]


def parcel(head: str, box: tuple[float, float, float, float]) -> list[str]:
    dx0, dy0, dx1, dy1 = box
    corners = [(dx0, dy0), (dx1, dy0), (dx1, dy1), (dx0, dy1), (dx0, dy0)]
    return [head.format(n=len(corners))] + [f"J{i if i < len(corners) else 1},1,{OY + dy:.3f},{OX + dx:.3f}"
                                            for i, (dx, dy) in enumerate(corners, start=1)]


def test_area_fields_convert_square_metres_to_hectares_and_mu():
    assert area_fields(12_345.678) == {"overlap_m2": 12_345.68, "overlap_ha": 1.2346, "overlap_mu": 18.52}
    assert area_fields(10_000 / 15) == {"overlap_m2": 666.67, "overlap_ha": 0.0667, "overlap_mu": 1.0}  # 1 亩
    assert area_fields(0.0) == {"overlap_m2": 0.0, "overlap_ha": 0.0, "overlap_mu": 0.0}
    assert area_fields(None) == {"overlap_m2": None, "overlap_ha": None, "overlap_mu": None}


def test_notes_name_the_layer_the_district_and_the_limit():
    assert near_note("永久基本农田") == "距离永久基本农田边界不足 5 米，以法定图件为准"
    assert out_of_scope_note("平定县") == "图层仅覆盖市辖区（城区、矿区、郊区）；该位置位于平定县"
    assert out_of_scope_note("盂县", "该红线") == "图层仅覆盖市辖区（城区、矿区、郊区）；该红线位于盂县"
    assert out_of_scope_note(None) == "该位置不在阳泉市范围内"
    assert out_of_scope_note("", "该地块") == "该地块不在阳泉市范围内"


@pytest.fixture(scope="module")
def two_parcels():
    lines = HEADER + parcel("{n},0.6,DK-7,北地块,面,J-49-1,工业用地,0601,@", (0, 0, 100, 123.423)) \
        + parcel("{n},0.2,,南地块,面,,,,@", (200, 0, 250, 40))
    return read_redline("\n".join(lines).encode("utf-8"), "两地块.txt")


def test_redline_fields_describe_the_file_and_each_parcel_by_its_drawn_area(two_parcels):
    fields = redline_fields(two_parcels)
    assert (fields["format"], fields["crs"], fields["approximate"]) == ("界址点TXT", "EPSG:4526", False)
    first, second = fields["parcels"]
    assert (first["name"], first["number"], first["use"], first["land_code"], first["map_sheet"]) == \
        ("北地块", "DK-7", "工业用地", "0601", "J-49-1")
    # drawn areas (100 m × 123.423 m = 12342.3 m², 50 m × 40 m), not the declared 0.6 / 0.2 公顷;
    # 公顷 to 4 decimals and 亩 to 2, as the report prints them
    assert (first["area_ha"], first["area_mu"]) == (1.2342, 18.51)
    assert second["area_ha"] == pytest.approx(0.2, abs=1e-4) and second["area_mu"] == pytest.approx(3.0, abs=0.01)
    assert first["declared_area_ha"] == 0.6 and second["name"] == "南地块"


def test_parcel_lines_say_each_parcel_with_what_is_known(two_parcels):
    lines = parcel_lines({"redline": redline_fields(two_parcels)})
    assert lines == ["第 1 地块“北地块”（编号 DK-7，用途 工业用地，地类编码 0601，图幅号 J-49-1）：1.2342 公顷（18.51 亩）",
                     "第 2 地块“南地块”：0.2000 公顷（3.00 亩）"]
    assert parcel_lines({}) == [] and parcel_lines({"redline": None}) == []


def test_redline_fields_without_parcel_attributes(two_parcels):
    from dataclasses import replace

    bare = replace(two_parcels, parcel_info=[], approximate=1)
    fields = redline_fields(bare)
    assert fields["approximate"] is True
    assert [set(p) for p in fields["parcels"]] == [{"name", "area_ha", "area_mu"}] * 2
