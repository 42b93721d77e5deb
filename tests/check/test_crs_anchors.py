"""Every coordinate system lands on the same ground: anchors from a second implementation, within a metre.

GCJ-02 and BD-09 references come from the PyPI package coord-convert (an implementation separate from
prcoords, which the product uses); Gauss-Krüger references from pyproj transformers built here.
Input points are made by converting known CGCS2000 positions *into* each system with the reference;
the product must bring them back to the same position (the two datums are treated as one, as the
product documents).
"""

from __future__ import annotations

import csv
import json

import pyproj
import pytest
from coord_convert.transform import wgs2bd, wgs2gcj
from fixtures.layer_db import lonlat_at

from assistant.check import coords
from assistant.check.cli import run_batch

GEOD = pyproj.Geod(ellps="GRS80")
TOLERANCE_M = 1.0
# name in the CSV or chat -> function from CGCS2000 lon/lat to that system (reference implementation)
SYSTEMS = {
    "cgcs2000": lambda lon, lat: (lon, lat),
    "国家2000": lambda lon, lat: (lon, lat),
    "wgs84": lambda lon, lat: (lon, lat),
    "GPS": lambda lon, lat: (lon, lat),
    "gcj02": wgs2gcj,
    "高德": wgs2gcj,
    "腾讯": wgs2gcj,
    "bd09": wgs2bd,
    "百度": wgs2bd,
}
# (dx, dy) metres from the fixture origin -> inside 永久基本农田 (JBNT-1 is the box 0..1000 m)?
SPOTS = {(500, 500): True, (1070, 500): False, (960, 40): True, (-60, 950): False}


def metres_apart(a: tuple[float, float], b: tuple[float, float]) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2]


def test_reference_offsets_are_the_size_the_systems_are_known_for():
    """Sanity of the anchors themselves: GCJ-02 is a few hundred metres off here, BD-09 about a kilometre."""
    truth = lonlat_at(500, 500)
    assert 300 < metres_apart(truth, wgs2gcj(*truth)) < 800
    assert 800 < metres_apart(truth, wgs2bd(*truth)) < 1500
    assert metres_apart(wgs2gcj(*truth), wgs2bd(*truth)) > 600  # mixing the two is far from harmless


@pytest.fixture
def batch_file(tmp_path):
    rows = ["id,lon,lat,crs"]
    truth = {}
    for name, forward in SYSTEMS.items():
        for (dx, dy), inside in SPOTS.items():
            row_id = f"{name}-{dx}-{dy}"
            lon, lat = lonlat_at(dx, dy)
            x, y = forward(lon, lat)
            rows.append(f"{row_id},{x:.8f},{y:.8f},{name}")
            truth[row_id] = ((lon, lat), inside)
    path = tmp_path / "mixed.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path, truth


def test_batch_csv_output_lands_on_the_reference_position_for_every_system(checker, batch_file, tmp_path):
    path, truth = batch_file
    out = tmp_path / "out.csv"
    assert run_batch(checker, path, out=str(out)) == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == list(truth)
    for r in rows:
        (lon, lat), inside = truth[r["id"]]
        assert r["error"] == ""
        off = metres_apart((float(r["lon"]), float(r["lat"])), (lon, lat))
        assert off < TOLERANCE_M, f"{r['id']}: {off:.1f} m from the reference"
        assert r["永久基本农田_维护后_是否位于"] == ("是" if inside else "否"), r["id"]


def test_batch_json_lines_land_on_the_reference_position(checker, batch_file, capsys):
    path, truth = batch_file
    run_batch(checker, path, as_json=True)
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    for line in lines:
        (lon, lat), inside = truth[line["id"]]
        loc = line["location"]
        assert metres_apart((loc["lon"], loc["lat"]), (lon, lat)) < TOLERANCE_M, line["id"]
        jbnt = next(x for x in line["layers"] if (x["layer"], x["version"]) == ("永久基本农田", "维护后"))
        assert jbnt["inside"] is inside, line["id"]


@pytest.mark.parametrize("crs", ["gcj02", "bd09", "wgs84"])
def test_batch_default_crs_applies_to_rows_without_a_crs_column(checker, tmp_path, capsys, crs):
    lon, lat = lonlat_at(500, 500)
    x, y = SYSTEMS[crs](lon, lat)
    path = tmp_path / "plain.csv"
    path.write_text(f"id,lon,lat\nP,{x:.8f},{y:.8f}\n", encoding="utf-8")
    run_batch(checker, path, as_json=True, default_crs=crs)
    loc = json.loads(capsys.readouterr().out)["location"]
    assert metres_apart((loc["lon"], loc["lat"]), (lon, lat)) < TOLERANCE_M


@pytest.mark.parametrize("crs", list(SYSTEMS))
def test_parse_point_lands_on_the_reference_position(crs):
    for dx, dy in SPOTS:
        lon, lat = lonlat_at(dx, dy)
        x, y = SYSTEMS[crs](lon, lat)
        p = coords.parse_point(f"{x:.8f},{y:.8f}", crs)
        assert metres_apart((p.lon, p.lat), (lon, lat)) < TOLERANCE_M
        assert p.crs_in == coords.normalize_crs(crs)


@pytest.mark.parametrize("crs", ["gcj02", "bd09", "wgs84", "cgcs2000"])
def test_from_cgcs2000_matches_the_reference_forward_conversion(crs):
    for dx, dy in SPOTS:
        lon, lat = lonlat_at(dx, dy)
        assert metres_apart(coords.from_cgcs2000(lon, lat, crs), SYSTEMS[crs](lon, lat)) < TOLERANCE_M
        assert metres_apart(coords.to_cgcs2000(*SYSTEMS[crs](lon, lat), crs), (lon, lat)) < TOLERANCE_M


GK_PREFIXED = pyproj.Transformer.from_crs("EPSG:4490", "EPSG:4526", always_xy=True)
GK_PLAIN = pyproj.Transformer.from_crs("EPSG:4490", "EPSG:4547", always_xy=True)


@pytest.mark.parametrize(("dx", "dy"), list(SPOTS))
def test_gauss_krueger_xy_lands_on_the_reference_position(dx, dy):
    lon, lat = lonlat_at(dx, dy)
    e38, n = GK_PREFIXED.transform(lon, lat)
    e, n_plain = GK_PLAIN.transform(lon, lat)
    assert e38 == pytest.approx(e + 38_000_000, abs=1e-3) and n == pytest.approx(n_plain, abs=1e-3)
    for text in (f"X={n:.3f}, Y={e38:.3f}", f"{e38:.3f},{n:.3f}", f"X {n:.3f} Y {e:.3f}"):
        p = coords.parse_xy(text)
        assert metres_apart((p.lon, p.lat), (lon, lat)) < 0.01, text
    x, y = coords.to_gk38(lon, lat)
    assert (x, y) == pytest.approx((n, e38), abs=0.01)


@pytest.mark.parametrize("crs", ["高德", "百度", "GPS"])
def test_chat_location_in_a_named_system_lands_on_the_reference_position(fixture_assistant, crs):
    lon, lat = lonlat_at(760, 40)  # 40 m inside the south-east corner of JBNT-1 (维护后 is 800 m wide)
    x, y = SYSTEMS[crs](lon, lat)
    answer = fixture_assistant.ask(f"{crs}坐标 {x:.6f},{y:.6f} 在不在永久基本农田里？")
    loc = answer.location["location"]
    assert metres_apart((loc["lon"], loc["lat"]), (lon, lat)) < TOLERANCE_M
    assert "**维护后**：位于永久基本农田内" in answer.answer
