"""`yqplan import`: real-format files made in tmp_path, imported into the small fixture database."""

from __future__ import annotations

import hashlib
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from fixtures.layer_db import OX, OY, build_fixture_db, metric_box, to_lonlat

from assistant import cli
from assistant.errors import ImportFailed
from assistant.layers import db, importer
from assistant.layers.import_source import detect_crs, read_source
from assistant.settings import Settings

BOWTIE = shapely.Polygon([(0, 0), (400, 400), (400, 0), (0, 400)])  # self-intersecting, metres


def lonlat(geom):
    return to_lonlat(shapely.affinity.translate(geom, OX, OY))


def metric(offsets):
    return metric_box(offsets)


def write(path: Path, geoms, crs, driver=None, encoding=None, **columns) -> Path:
    frame = gpd.GeoDataFrame(columns, geometry=list(geoms), crs=crs)
    layer = {"GPKG": "green", "OpenFileGDB": "GHFQ"}.get(driver)
    frame.to_file(path, driver=driver, encoding=encoding, **({"layer": layer} if layer else {}))
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def fixture_db(tmp_path):
    return build_fixture_db(tmp_path / "plan.duckdb", demo=True)


@pytest.fixture
def sources(tmp_path):
    """One file per supported format, each in a different CRS or encoding."""
    folder = tmp_path / "data"
    folder.mkdir()
    gbk = write(folder / "yjjbnt.shp",
                [lonlat(shapely.box(0, 0, 500, 500)), lonlat(BOWTIE),
                 shapely.box(114.6, 38.8, 114.61, 38.81)],   # the last one is east of 阳泉
                "EPSG:4490", encoding="GBK", DKMC=["河底镇基本农田", "蝴蝶形地块", "市外地块"], BSM=[11, 12, 13])
    gbk.with_suffix(".cpg").unlink()    # no .cpg: GDAL would read the GBK bytes as Latin-1
    write(folder / "green.gpkg", [lonlat(shapely.box(500, 4000, 800, 4300))], "EPSG:4490", driver="GPKG",
          LXMC=["人民公园"])
    write(folder / "zixian.geojson", [lonlat(shapely.box(1500, 4000, 1560, 4050))], "EPSG:4326", MC=["南山宾馆"])
    write(folder / "lswh.kml", [lonlat(shapely.box(100, 3000, 300, 3200))], "EPSG:4326", driver="KML",
          Name=["古城遗址"])
    write(folder / "czkf_38.shp", [metric((-1000, 2000, 4000, 6500))], "EPSG:4526", BH=["CZ-1"])
    no_prj = write(folder / "sthx_cm114.shp",
                   [shapely.affinity.translate(metric((-3000, -3000, -2000, -2000)), -38_000_000, 0)],
                   "EPSG:4547", BH=["HX-1"])
    no_prj.with_suffix(".prj").unlink()
    write(folder / "ghfq.gdb", [lonlat(shapely.box(-1000, 2000, 4000, 6000))], "EPSG:4490", driver="OpenFileGDB",
          MC=["城镇集中建设区"])
    write(folder / "green_out.geojson", [lonlat(shapely.box(500, 4000, 600, 4100))], "EPSG:4490", BH=["D1"])
    return folder


CONFIG = """
[[layer]]
layer = "永久基本农田"
version = "维护后"
path = "data/yjjbnt.shp"
name_field = "DKMC"
id_field = "BSM"

[[layer]]
layer = "城市绿线"
version = "both"
path = "data/green.gpkg"
table = "green"
name_field = "LXMC"

[[layer]]
layer = "城市紫线"
version = "维护后"
path = "data/zixian.geojson"
name_field = "MC"

[[layer]]
layer = "历史文化保护线"
version = "维护后"
path = "data/lswh.kml"
name_field = "Name"

[[layer]]
layer = "城镇开发边界"
version = "维护后"
path = "data/czkf_38.shp"
id_field = "BH"

[[layer]]
layer = "生态保护红线"
version = "both"
path = "data/sthx_cm114.shp"
id_field = "BH"

[[layer]]
layer = "规划分区"
version = "维护后"
path = "data/ghfq.gdb"
table = "GHFQ"
name_field = "MC"

[[change]]
layer = "城市绿线"
change = "调出"
path = "data/green_out.geojson"
id_field = "BH"
"""


def test_import_every_format_repairs_drops_and_reports(tmp_path, fixture_db, sources):
    config = tmp_path / "import.toml"
    config.write_text(CONFIG, encoding="utf-8")
    report = importer.import_layers(config, Settings(db_path=str(fixture_db)))
    rows = {r.label: r for r in report.layers}
    jbnt = rows["永久基本农田（维护后）"]
    assert (jbnt.read, jbnt.repaired, jbnt.outside_dropped, jbnt.imported) == (3, 1, 1, 2)
    assert jbnt.encoding.startswith("GBK")
    assert "4526" in rows["城镇开发边界（维护后）"].crs and "4547" in rows["生态保护红线（both）"].crs
    assert "WGS84" in rows["城市紫线（维护后）"].crs
    assert "市外丢弃" in report.text() and "永久基本农田" in report.still_demo  # 维护前 is still demo

    con = db.connect(fixture_db, read_only=True)
    got = con.execute("SELECT feature_id, name, demo, source, round(area_m2) FROM features "
                      "WHERE layer = '永久基本农田' AND version = '维护后' ORDER BY feature_id").fetchall()
    assert got[0] == ("11", "河底镇基本农田", False, "yjjbnt.shp", 250000.0)
    assert got[1][:2] == ("12", "蝴蝶形地块") and got[1][4] == pytest.approx(80000, rel=1e-3)  # two triangles
    czkf = con.execute("SELECT round(area_m2), ST_XMin(geom) BETWEEN 113 AND 114.2 FROM features "
                       "WHERE layer = '城镇开发边界' AND version = '维护后'").fetchall()
    assert czkf == [(5000 * 4500.0, True)]
    sthx = con.execute("SELECT version, round(area_m2) FROM features WHERE layer = '生态保护红线' "
                       "ORDER BY version").fetchall()
    assert sthx == [("维护前", 1e6), ("维护后", 1e6)]
    assert con.execute("SELECT name FROM features WHERE layer = '历史文化保护线' AND version = '维护后'"
                       ).fetchall() == [("古城遗址",)]
    assert con.execute("SELECT feature_id, demo, round(area_m2) FROM changes WHERE layer = '城市绿线'"
                       ).fetchall() == [("D1", False, 10000.0)]
    assert con.execute("SELECT name, source FROM features WHERE layer = '规划分区' AND version = '维护后'"
                       ).fetchall() == [("城镇集中建设区", "ghfq.gdb")]
    status = dict(con.execute("SELECT layer, demo FROM layer_status").fetchall())
    assert status["城市绿线"] is False and status["永久基本农田"] is True and status["城市紫线"] is True
    con.close()


def test_failed_second_file_leaves_database_byte_identical(tmp_path, fixture_db, sources, monkeypatch,
                                                           capsys):
    before = digest(fixture_db)
    config = tmp_path / "bad.toml"
    config.write_text('[[layer]]\nlayer = "城市绿线"\nversion = "both"\npath = "data/green.gpkg"\ntable = "green"\n'
                      '[[layer]]\nlayer = "城市紫线"\nversion = "维护后"\npath = "data/missing.shp"\n',
                      encoding="utf-8")
    with pytest.raises(ImportFailed, match="missing.shp"):
        importer.import_layers(config, Settings(db_path=str(fixture_db)))
    assert digest(fixture_db) == before
    monkeypatch.setenv("YQPLAN_DB_PATH", str(fixture_db))
    assert cli.main(["import", str(config)]) == 2
    assert "missing.shp" in capsys.readouterr().err and digest(fixture_db) == before


def test_failure_while_writing_rolls_back(tmp_path, fixture_db, sources, monkeypatch):
    before = digest(fixture_db)
    config = tmp_path / "ok.toml"
    config.write_text(CONFIG, encoding="utf-8")
    real_write = importer._write

    def write_then_fail(con, *args):
        real_write(con, *args)   # every row is written to the copy …
        raise ImportFailed("模拟写入中途失败")

    monkeypatch.setattr(importer, "_write", write_then_fail)
    with pytest.raises(ImportFailed, match="模拟"):
        importer.import_layers(config, Settings(db_path=str(fixture_db)))
    assert digest(fixture_db) == before and not list(fixture_db.parent.glob("*.tmp-*"))


def test_gbk_with_cpg_and_explicit_encoding(tmp_path):
    path = write(tmp_path / "a.shp", [lonlat(shapely.box(0, 0, 10, 10))], "EPSG:4490", encoding="GBK", MC=["义井镇"])
    assert read_source(path, None, "auto", "auto", ["MC"]).columns["MC"] == ["义井镇"]   # .cpg honoured
    path.with_suffix(".cpg").unlink()
    assert read_source(path, None, "auto", "GBK", ["MC"]).columns["MC"] == ["义井镇"]


def test_ambiguous_coordinates_without_prj_are_refused(tmp_path):
    path = write(tmp_path / "odd.shp", [shapely.box(1000, 1000, 2000, 2000)], "EPSG:4547", BH=["X"])
    path.with_suffix(".prj").unlink()
    with pytest.raises(ImportFailed, match=r"odd\.shp.*crs = "):
        read_source(path, None, "auto", "auto", [])


def test_other_zone_prj_is_refused(tmp_path):
    path = write(tmp_path / "zone39.shp", [shapely.box(39_500_000, 4_200_000, 39_500_100, 4_200_100)],
                 "EPSG:4527", BH=["X"])
    with pytest.raises(ImportFailed, match="zone39.shp.*3度带第38带"):
        read_source(path, None, "auto", "auto", [])


def test_crs_detection_by_magnitude():
    def box(*b):
        return np.array([shapely.box(*b)])

    assert detect_crs(Path("a"), None, "auto", box(113.5, 37.8, 113.6, 37.9))[0] == 4490
    assert detect_crs(Path("a"), None, "auto", box(38_550_000, 4_190_000, 38_551_000, 4_191_000))[0] == 4526
    assert detect_crs(Path("a"), None, "auto", box(550_000, 4_190_000, 551_000, 4_191_000))[0] == 4547
    with pytest.raises(ImportFailed, match="不符"):   # configured 4526 but 6-digit eastings
        detect_crs(Path("a"), None, "EPSG:4526", box(550_000, 4_190_000, 551_000, 4_191_000))


def test_config_errors_are_chinese_and_name_the_problem(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[[layer]]\nlayer = "耕地"\nversion = "维护后"\npath = "x.shp"\n', encoding="utf-8")
    with pytest.raises(ImportFailed, match="layer = \"耕地\" 无效"):
        importer.load_config(config)
    config.write_text('[[layer]]\nlayer = "城市绿线"\nversion = "维护后"\npath = "x.shp"\ncrs = "EPSG:4527"\n',
                      encoding="utf-8")
    with pytest.raises(ImportFailed, match="crs"):
        importer.load_config(config)
    config.write_text('[[layer]]\nlayer = "城市绿线"\nversion = "维护后"\npath = "x.shp"\nname_feild = "MC"\n',
                      encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"未知的键 \['name_feild'\]"):
        importer.load_config(config)
    for text in ('layer = "城市绿线"\n', '[layer]\nlayer = "城市绿线"\nversion = "维护后"\npath = "x.shp"\n'):
        config.write_text(text, encoding="utf-8")
        with pytest.raises(ImportFailed, match=r"\[\[layer\]\]"):
            importer.load_config(config)


def test_a_file_without_polygons_is_refused_as_such(tmp_path):
    path = tmp_path / "lines.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
                    '"geometry": {"type": "LineString", "coordinates": [[113.55, 37.9], [113.56, 37.91]]}}]}',
                    encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"lines\.geojson：没有可用的面要素（读到的几何类型：LineString）"):
        read_source(path, None, "auto", "auto", [])


def test_cm114_prj_without_zone_prefix_is_accepted(tmp_path):
    square = shapely.affinity.translate(metric((0, 0, 100, 100)), -38_000_000, 0)
    path = write(tmp_path / "cm114.shp", [square], "EPSG:4547", BH=["X"])
    data = read_source(path, None, "auto", "auto", ["BH"])
    assert "4547" in data.crs_note and "文件声明" in data.crs_note
    assert shapely.hausdorff_distance(data.geoms[0], lonlat(shapely.box(0, 0, 100, 100))) < 1e-9
