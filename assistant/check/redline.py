"""Red-line (用地红线) files in any common format -> one validated CGCS2000 lon/lat geometry with notes."""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from pyproj import CRS
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from ..errors import InputError
from ..geo import transformer
from . import coords
from .limits import MAX_ABS_COORDINATE, MAX_PARTS, MAX_REPAIR_CROSSINGS, MAX_VERTICES
from .redline_types import ParcelInfo, Parsed

__all__ = ["SUPPORTED_SUFFIXES", "ParcelInfo", "RedLine", "read_redline"]
log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
SUPPORTED_HINT = "请上传界址点 TXT、GeoJSON、KML、zip 压缩的 Shapefile、DXF 或 WKT"
SUPPORTED_SUFFIXES = (".txt", ".geojson", ".json", ".kml", ".kmz", ".zip", ".dxf", ".wkt")


@dataclass
class RedLine:
    """A red line: union geometry and per-地块 parts in EPSG:4490 lon/lat, plus Chinese notes on how it was read."""

    geometry: Polygon | MultiPolygon
    parcels: list[tuple[str, Polygon | MultiPolygon]]
    crs_detected: str  # EPSG:4490 (lon/lat), EPSG:4526 / EPSG:4547 (GK zone 38), or a declared CRS
    notes: list[str] = field(default_factory=list)
    source_format: str = ""  # 界址点TXT | GeoJSON | KML | Shapefile | DXF | WKT
    parcel_info: list[ParcelInfo] = field(default_factory=list)  # per 地块 attributes when the file has them
    approximate: bool = False  # datum given without conversion parameters: position may be tens of metres off

    @property
    def area_m2(self) -> float:
        """Planar area in EPSG:4526 (the project's metric CRS)."""
        return metric_area(self.geometry)

    def parcel_areas_m2(self) -> list[float]:
        """Planar area of each 地块 in EPSG:4526."""
        return [metric_area(geom) for _, geom in self.parcels]



def metric_area(geom: BaseGeometry) -> float:
    """Area in m² after projecting CGCS2000 lon/lat to GK zone 38."""
    return shapely.transform(geom, _lonlat_to_gk38).area


def _lonlat_to_gk38(xy: np.ndarray) -> np.ndarray:
    easting, northing = transformer(coords.GEOGRAPHIC, coords.GK38_PREFIXED).transform(xy[:, 0], xy[:, 1])
    return np.column_stack([easting, northing])


def _gk38_plain_to_lonlat(xy: np.ndarray) -> np.ndarray:
    lon, lat = transformer(coords.GK38_PLAIN, coords.GEOGRAPHIC).transform(xy[:, 0], xy[:, 1])
    return np.column_stack([lon, lat])


# ---------------------------------------------------------------- input dispatch


def read_redline(path_or_bytes: str | Path | bytes, filename: str | None = None) -> RedLine:
    """Read a red-line file (path, bytes, binary stream or WKT text) and return it in CGCS2000 lon/lat.

    Formats: 界址点坐标 TXT (自然资源部 用地报批格式, UTF-8 or GBK), GeoJSON, KML/KMZ,
    zipped Shapefile, DXF (closed polylines, GK zone-38 metres), WKT (file or string).
    `filename` names the upload when bytes are given; its suffix picks the format.
    Raises InputError with a Chinese message naming the problem.
    """
    from . import redline_gis, redline_txt

    if isinstance(path_or_bytes, str) and _looks_like_wkt(path_or_bytes):
        path_or_bytes, filename = path_or_bytes.encode("utf-8"), filename or "红线.wkt"
    if hasattr(path_or_bytes, "read"):  # an open binary file, e.g. an upload stream
        filename = filename or Path(str(getattr(path_or_bytes, "name", "") or "")).name
        path_or_bytes = path_or_bytes.read()
    if isinstance(path_or_bytes, bytes | bytearray):
        data, name = bytes(path_or_bytes), filename or ""
    else:
        path = Path(path_or_bytes)
        if not path.is_file():
            raise InputError(f"找不到红线文件“{path}”：请检查路径，{SUPPORTED_HINT}。")
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"红线文件“{path.name}”超过 50 MB：请只保留项目用地范围后再上传。")
        data, name = path.read_bytes(), filename or path.name
    if not data.strip():
        raise InputError(f"红线文件“{name or '上传内容'}”是空的：{SUPPORTED_HINT}。")
    if len(data) > MAX_BYTES:
        raise InputError(f"红线文件“{name}”超过 50 MB：请只保留项目用地范围后再上传。")

    suffix = Path(name).suffix.lower() or _sniff_suffix(data)
    if suffix == ".shp":
        raise InputError("只上传了 .shp：请把同名的 .shp、.shx、.dbf、.prj（及 .cpg）一起压缩成 zip 再上传。")
    if suffix == ".txt" and _looks_like_wkt(data[:200].decode("utf-8", "ignore")):
        suffix = ".wkt"
    readers = {
        ".txt": redline_txt.parse_boundary_txt,
        ".geojson": redline_gis.parse_geojson,
        ".json": redline_gis.parse_geojson,
        ".kml": redline_gis.parse_kml,
        ".kmz": redline_gis.parse_kmz,
        ".zip": redline_gis.parse_shapefile_zip,
        ".dxf": redline_gis.parse_dxf,
        ".wkt": redline_gis.parse_wkt,
    }
    if suffix not in readers:
        shown = suffix or "（无扩展名）"
        raise InputError(f"不支持的文件类型 {shown}：{SUPPORTED_HINT}。")
    try:
        return _finish(readers[suffix](data))
    except UNREADABLE:
        # A reader met input it did not expect; its English message (and any temp path) stays in the log.
        log.warning("red line %s unreadable", name[:80], exc_info=True)
        raise InputError(f"红线文件“{Path(name).name[:60]}”内容损坏或格式不符，无法读取：{SUPPORTED_HINT}。") from None


# What a reader may raise on hostile or broken input besides InputError.
UNREADABLE = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, UnicodeError,
              OSError, EOFError, RecursionError, zlib.error, shapely.errors.GEOSException)


def _looks_like_wkt(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n").upper()
    return head.startswith(("POLYGON", "MULTIPOLYGON", "SRID="))


def _sniff_suffix(data: bytes) -> str:
    """Guess a suffix for bytes uploaded without a file name."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK"):
        return ".zip"
    if head.startswith(b"{"):
        return ".geojson"
    if head.startswith(b"<"):
        return ".kml"
    if _looks_like_wkt(head[:20].decode("ascii", "ignore")):
        return ".wkt"
    if b"SECTION" in head[:200]:
        return ".dxf"
    if b"@" in head or "[属性描述]".encode() in head or "[属性描述]".encode("gb18030") in head:
        return ".txt"
    return ""


# ---------------------------------------------------------------- CRS and validity


def _all_coordinates(parcels: list[tuple[str, BaseGeometry]]) -> np.ndarray:
    return np.concatenate([shapely.get_coordinates(geom) for _, geom in parcels] or [np.empty((0, 2))])


def _detect_frame(xy: np.ndarray) -> tuple[str, bool]:
    """(crs, swapped) decided from the magnitude of every coordinate; raises InputError when mixed or unknown."""
    xs, ys = xy[:, 0], xy[:, 1]
    if np.all(np.abs(xs) <= 180) and np.all(np.abs(ys) <= 180):
        if all(coords.in_china(x, y) for x, y in xy):
            return coords.GEOGRAPHIC, False
        if all(coords.in_china(y, x) for x, y in xy):
            return coords.GEOGRAPHIC, True
        x, y = xy[0]
        raise InputError(
            f"红线的经纬度（如 {x:.6f}, {y:.6f}）不在中国范围内（经度 73–135，纬度 3–54）：请检查坐标系和数值。"
        )
    kinds = set()
    for x, y in xy:
        # split_gk takes (first, second) and reports swapped when the first is the easting; here the
        # conventional order is (easting, northing), so swapped there means "as expected" here.
        _, _, epsg, first_is_easting = coords.split_gk(float(x), float(y), f"{x:.2f}, {y:.2f}")
        kinds.add((epsg, not first_is_easting))
    if len(kinds) > 1:
        raise InputError(
            "红线中的坐标格式不一致（有的带 38 带号前缀、有的不带，或 X/Y 顺序不同）：请统一后再上传。"
        )
    return kinds.pop()


def _to_working(geom: BaseGeometry, crs: str, swapped: bool) -> BaseGeometry:
    """Lon/lat stay lon/lat; GK coordinates become EPSG:4547 (easting without prefix, northing)."""

    def fix(xy: np.ndarray) -> np.ndarray:
        if swapped:
            xy = xy[:, ::-1]
        if crs == coords.GK38_PREFIXED:
            xy = xy - np.array([38_000_000.0, 0.0])
        return xy

    return shapely.transform(geom, fix)


def _polygonal(geom: BaseGeometry) -> Polygon | MultiPolygon | None:
    """Keep only the area parts of a (repaired) geometry."""
    parts = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon | MultiPolygon) and not g.is_empty]
    if not parts:
        return None
    merged = shapely.union_all(parts)
    return merged if isinstance(merged, Polygon | MultiPolygon) else None


def check_size(parsed: Parsed) -> None:
    """Refuse, with the counts, red lines too large to check quickly and coordinates that are not numbers."""
    parts = sum(len(shapely.get_parts(geom)) for _, geom in parsed.parcels)
    xy = _all_coordinates(parsed.parcels)
    if parts > MAX_PARTS:
        raise InputError(f"红线文件含 {parts} 个面（地块 {len(parsed.parcels)} 个），超过上限 {MAX_PARTS} 个："
                         "请只保留本项目的用地范围后再上传。")
    if len(xy) > MAX_VERTICES:
        raise InputError(f"红线共有 {len(xy)} 个界址点，超过上限 {MAX_VERTICES} 个：请简化后再上传。")
    bad = ~np.isfinite(xy).all(axis=1)
    if bad.any():
        raise InputError(f"红线中有 {int(bad.sum())} 个坐标不是有限的数字（NaN 或无穷大）：请检查坐标值。")
    huge = (np.abs(xy) > MAX_ABS_COORDINATE).any(axis=1)
    if huge.any():
        x, y = xy[np.flatnonzero(huge)[0]]
        raise InputError(f"红线坐标“{x:.6g}, {y:.6g}”超出有效范围（既不是经纬度，也不是高斯坐标）：请检查坐标值。")


def self_crossings(geom: BaseGeometry, limit: int = MAX_REPAIR_CROSSINGS) -> int:
    """How many pairs of non-adjacent ring edges cross (counting stops just past `limit`)."""
    count = 0
    for ring in shapely.get_rings(shapely.get_parts(geom)):
        xy = shapely.get_coordinates(ring)
        if len(xy) < 4:
            continue
        segs = shapely.linestrings(np.stack([xy[:-1], xy[1:]], axis=1))
        n = len(segs)
        tree = shapely.STRtree(segs)
        for start in range(0, n, 64):  # in chunks, so a ring crossing itself everywhere stops early
            a, b = tree.query(segs[start:start + 64], predicate="intersects")
            a = a + start
            gap = np.abs(a - b)
            count += int(((b > a) & (gap > 1) & (gap != n - 1)).sum())
            if count > limit:
                return count
    return count


def _repair(name: str, index: int, geom: BaseGeometry, notes: list[str]) -> Polygon | MultiPolygon:
    label = f"第 {index} 地块“{name}”"
    if not geom.is_valid:
        crossings = self_crossings(geom)
        if crossings > MAX_REPAIR_CROSSINGS:
            raise InputError(f"{label}自相交超过 {MAX_REPAIR_CROSSINGS} 处（共 {shapely.get_num_coordinates(geom)} 个"
                             f"界址点），无法自动修复：请在 GIS/CAD 中检查界址点顺序并修复后再上传。")
        reason = shapely.is_valid_reason(geom)
        what = "自相交" if "Self-intersection" in reason else f"几何无效（{reason}）"
        geom = shapely.make_valid(geom)
        notes.append(f"{label}{what}，已修复（make_valid）")
    fixed = _polygonal(geom)
    if fixed is None or fixed.area == 0:
        raise InputError(f"{label}面积为 0，无法构成面：请检查界址点是否重复或共线。")
    return fixed


def _finish(parsed: Parsed) -> RedLine:
    """Decide the CRS, repair each 地块, convert to CGCS2000 lon/lat and compare areas with the headers."""
    if not parsed.parcels:
        raise InputError(f"文件中没有可用的面（地块）：{SUPPORTED_HINT}。")
    check_size(parsed)
    notes = list(parsed.notes)
    declared = parsed.declared_crs
    # Lon/lat and zone-38 declarations are checked against the numbers; anything else is trusted.
    known = {coords.GEOGRAPHIC, "EPSG:4326", "OGC:CRS84", coords.GK38_PREFIXED, coords.GK38_PLAIN}
    if declared is not None and declared.to_string() not in known:
        return _finish_declared(parsed, declared, notes)

    crs, swapped = _detect_frame(_all_coordinates(parsed.parcels))
    if crs == coords.GK38_PREFIXED:
        notes.append("坐标按 CGCS2000 3 度带第 38 带（带号前缀）解读")
    elif crs == coords.GK38_PLAIN:
        notes.append("坐标按 CGCS2000 3 度带第 38 带（无带号前缀，中央经线 114°E）解读")
    else:
        notes.append("坐标按经纬度解读（CGCS2000 与 WGS84 相差不到 1 米，按同一坐标系处理）")
    if swapped:
        notes.append(parsed.swap_note if crs != coords.GEOGRAPHIC else "经纬度顺序颠倒（纬度在前），已按数值范围纠正")

    parcels = []
    for index, (name, raw) in enumerate(parsed.parcels, 1):
        geom = _repair(name, index, _to_working(raw, crs, swapped), notes)
        if crs != coords.GEOGRAPHIC:
            geom = shapely.transform(geom, _gk38_plain_to_lonlat)
        parcels.append((name, geom))
    redline = _assemble(parcels, crs, notes, parsed)
    _compare_areas(redline, parsed.expected_areas_ha)
    return redline


# A bound CRS (+towgs84, e.g. 西安80 with the file's seven parameters) has its Helmert applied only on the
# way to another bound CRS; with EPSG:4490 as target PROJ falls back to a "ballpark" that ignores them.
# CGCS2000 is taken as the WGS84 hub (they differ by centimetres).
BOUND_TARGET = "+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs +type=crs"


def _finish_declared(parsed: Parsed, declared: CRS, notes: list[str]) -> RedLine:
    """A file that names some other projected CRS: trust it and let pyproj convert."""
    from pyproj import Transformer

    move = Transformer.from_crs(declared, BOUND_TARGET if declared.is_bound else coords.GEOGRAPHIC, always_xy=True)

    def to_lonlat(xy: np.ndarray) -> np.ndarray:
        lon, lat = move.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    label = parsed.crs_label or declared.name
    notes.append(f"按文件声明的坐标系“{label}”转换为 CGCS2000 经纬度")
    approximate = parsed.approximate
    if not declared.is_bound and any(old in declared.name.lower() for old in ("xian", "beijing")):
        notes.append("西安 80 / 北京 54 与 CGCS2000 之间没有公开的精确转换参数，结果可能偏差数十米：请尽量提供 CGCS2000 坐标")
        approximate = True
    parcels = []
    for index, (name, raw) in enumerate(parsed.parcels, 1):
        geom = shapely.transform(_repair(name, index, raw, notes), to_lonlat)
        parcels.append((name, geom))
    xy = _all_coordinates(parcels)
    if not all(coords.in_china(x, y) for x, y in xy):
        raise InputError(f"按声明的坐标系“{label}”换算后红线不在中国范围内：请检查 .prj 或 crs 设置。")
    code = None if declared.is_bound else declared.to_epsg(min_confidence=70)
    redline = _assemble(parcels, f"EPSG:{code}" if code else label, notes, parsed)
    redline.approximate = approximate
    _compare_areas(redline, parsed.expected_areas_ha)
    return redline


def _assemble(parcels, crs: str, notes: list[str], parsed: Parsed) -> RedLine:
    union = shapely.union_all([geom for _, geom in parcels])
    union = _polygonal(union) or union
    total = sum(metric_area(geom) for _, geom in parcels)
    if len(parcels) > 1 and metric_area(union) < total * 0.999:
        notes.append("各地块之间有重叠，合并后的总面积只计一次重叠部分")
    return RedLine(geometry=union, parcels=parcels, crs_detected=crs, notes=notes, source_format=parsed.source_format,
                   parcel_info=list(parsed.parcel_info), approximate=parsed.approximate)


def _compare_areas(redline: RedLine, expected_ha: list[float | None]) -> None:
    for index, ((name, _), area_m2, expected) in enumerate(
        zip(redline.parcels, redline.parcel_areas_m2(), expected_ha, strict=False), 1
    ):
        if not expected:
            continue
        computed = area_m2 / 10_000
        if abs(area_m2 - expected) <= 0.01 * expected:  # some exports give 平方米 where the format asks 公顷
            redline.notes.append(f"第 {index} 地块“{name}”文件标注面积 {expected:g} 按平方米理解（格式要求为公顷），与红线面积相符")
        elif abs(computed - expected) > 0.01 * expected:
            redline.notes.append(
                f"第 {index} 地块“{name}”文件标注面积 {expected:.4f} 公顷，按坐标计算 {computed:.4f} 公顷，"
                f"相差 {abs(computed - expected) / expected:.1%}"
            )
