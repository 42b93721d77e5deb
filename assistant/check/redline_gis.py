"""Red lines from GIS/CAD files: GeoJSON, KML/KMZ, zipped Shapefile, DXF and WKT."""

from __future__ import annotations

import io
import json
import math
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

from ..errors import InputError
from .archive import BoundedZip
from .limits import check_part_count
from .redline_txt import decode_text
from .redline_types import Parsed

# Attribute names that usually carry a parcel's name, in order of preference.
NAME_FIELDS = ("地块名称", "名称", "项目名称", "地块编号", "DKMC", "XMMC", "DKBH", "name", "Name", "NAME", "MC")


def _parcel_name(properties: dict | None, index: int) -> str:
    for key in NAME_FIELDS:
        value = (properties or {}).get(key)
        if value not in (None, ""):
            return str(value).strip()
    return f"地块{index}"


def _polygon_parts(geom: BaseGeometry) -> list[Polygon | MultiPolygon]:
    """Polygonal parts of any geometry (collections included), 2D."""
    geom = shapely.force_2d(geom)
    if isinstance(geom, Polygon | MultiPolygon):
        return [] if geom.is_empty else [geom]
    return [part for child in getattr(geom, "geoms", []) for part in _polygon_parts(child)]


def _skipped_note(skipped: int, notes: list[str]) -> None:
    if skipped:
        notes.append(f"忽略了 {skipped} 个不是面的要素（点或线）")


# ---------------------------------------------------------------- GeoJSON


def parse_geojson(data: bytes) -> Parsed:
    """GeoJSON FeatureCollection, Feature or bare geometry; honours a `crs` member, else decides by magnitude."""
    try:
        obj = json.loads(decode_text(data), parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(f"GeoJSON 无法解析（第 {exc.lineno} 行第 {exc.colno} 列附近）：请确认文件是完整的 JSON。") from None
    except RecursionError:
        raise InputError("GeoJSON 嵌套层数过深，无法解析：请确认文件是正常导出的 GeoJSON。") from None
    if not isinstance(obj, dict) or "type" not in obj:
        raise InputError("GeoJSON 缺少“type”：应为 FeatureCollection、Feature 或 Polygon/MultiPolygon 几何。")
    kind = obj["type"]
    if kind == "FeatureCollection":
        features = obj.get("features") or []
    elif kind == "Feature":
        features = [obj]
    else:
        features = [{"type": "Feature", "geometry": obj, "properties": {}}]
    if not isinstance(features, list):
        raise InputError("GeoJSON 的 features 应为数组：请确认文件是正常导出的 GeoJSON。")
    check_part_count(len(features), "GeoJSON ")
    notes: list[str] = []
    parcels, skipped = [], 0
    for index, feature in enumerate(features, 1):
        if not isinstance(feature, dict) or not feature.get("geometry"):
            skipped += 1
            continue
        try:
            geom = shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.GEOSException) as exc:
            raise InputError(f"GeoJSON 第 {index} 个要素的几何无法解析（{exc}）：请检查坐标数组。") from None
        parts = _polygon_parts(geom)
        if not parts:
            skipped += 1
            continue
        merged = parts[0] if len(parts) == 1 else MultiPolygon([p for part in parts for p in getattr(part, "geoms", [part])])
        parcels.append((_parcel_name(feature.get("properties"), len(parcels) + 1), merged))
    _skipped_note(skipped, notes)
    if not parcels:
        raise InputError("GeoJSON 中没有面要素（Polygon/MultiPolygon）：红线必须是面。")
    return Parsed(parcels=parcels, source_format="GeoJSON", notes=notes, declared_crs=_geojson_crs(obj, notes))


def _no_constant(token: str):
    raise InputError(f"GeoJSON 中有非数字的坐标值“{token}”：坐标必须是有限的数字。")


def _geojson_crs(obj: dict, notes: list[str]) -> CRS | None:
    name = ((obj.get("crs") or {}).get("properties") or {}).get("name")
    if not name:
        return None
    try:
        return CRS.from_user_input(name)
    except CRSError:
        notes.append(f"无法识别 GeoJSON 声明的坐标系“{name}”，已按坐标数值判断")
        return None


# ---------------------------------------------------------------- KML / KMZ


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _kml_ring(element: ET.Element | None, label: str) -> list[tuple[float, float]]:
    coordinates = None if element is None else next((e for e in element.iter() if _local(e.tag) == "coordinates"), None)
    if coordinates is None or not (coordinates.text or "").strip():
        raise InputError(f"KML 中“{label}”的面缺少坐标（coordinates）：请重新导出。")
    points = []
    for token in coordinates.text.split():
        values = token.split(",")
        try:
            point = (float(values[0]), float(values[1]))
        except (ValueError, IndexError):
            raise InputError(f"KML 中“{label}”的坐标“{token}”无法识别：应为“经度,纬度[,高程]”。") from None
        if not all(math.isfinite(v) for v in point):
            raise InputError(f"KML 中“{label}”的坐标“{token[:40]}”不是有限的数字：请检查坐标。")
        points.append(point)
    return points


def parse_kml(data: bytes) -> Parsed:
    """Polygons of every Placemark (MultiGeometry included); KML is always WGS84 lon/lat."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"KML 文件无法解析（{exc}）：请确认是完整的 KML 文件。") from None
    parcels, skipped = [], 0
    placemarks = [e for e in root.iter() if _local(e.tag) == "Placemark"]
    check_part_count(len(placemarks), "KML ")
    for placemark in placemarks:
        name_el = next((c for c in placemark if _local(c.tag) == "name"), None)
        label = (name_el.text or "").strip() if name_el is not None else ""
        label = label or f"地块{len(parcels) + 1}"
        polygons = []
        for polygon in (e for e in placemark.iter() if _local(e.tag) == "Polygon"):
            outer = next((c for c in polygon if _local(c.tag) == "outerBoundaryIs"), None)
            inners = [c for c in polygon if _local(c.tag) == "innerBoundaryIs"]
            polygons.append(Polygon(_kml_ring(outer, label), [_kml_ring(i, label) for i in inners]))
        if not polygons:
            skipped += 1
            continue
        parcels.append((label, polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)))
    notes: list[str] = []
    _skipped_note(skipped, notes)
    if not parcels:
        raise InputError("KML 中没有面（Polygon）：红线必须是面，请在奥维/Google 地球中画“多边形”后导出。")
    return Parsed(parcels=parcels, source_format="KML", notes=notes, declared_crs=CRS.from_epsg(4326))


def parse_kmz(data: bytes) -> Parsed:
    """A KMZ is a zip holding doc.kml (or another .kml)."""
    archive = BoundedZip(data, "KMZ ")
    names = sorted((n for n in archive.namelist() if n.lower().endswith(".kml")), key=lambda n: n != "doc.kml")
    if not names:
        raise InputError("KMZ 中没有 .kml 文件：请重新导出 KMZ，或直接上传 KML。")
    return parse_kml(archive.read(names[0]))


# ---------------------------------------------------------------- zipped Shapefile


_CODEPAGES = {"936": "GBK", "cp936": "GBK", "gbk": "GBK", "gb2312": "GBK", "gb18030": "GB18030", "65001": "UTF-8", "utf-8": "UTF-8", "utf8": "UTF-8"}


def _dbf_encoding(dbf: bytes, cpg: bytes | None) -> tuple[str, str]:
    """(encoding, how it was decided) for the .dbf; Chinese desktop GIS writes GBK without saying so.

    A .cpg can be wrong (UTF-8 written over GBK attributes): the declared code page is used only when
    the attribute bytes really decode in it; otherwise the bytes decide.
    """
    records = dbf[32:]
    if cpg:
        declared = cpg.decode("ascii", "ignore").strip().lower()
        if declared in _CODEPAGES and _decodes(records, _CODEPAGES[declared]):
            return _CODEPAGES[declared], ".cpg"
    if len(dbf) > 29 and dbf[29] == 0x4D and _decodes(records, "GBK"):  # language driver 0x4D = code page 936
        return "GBK", ".dbf 语言标识"
    how = "内容推断" if not cpg else "内容推断（.cpg 声明的编码与内容不符）"
    if _decodes(records, "UTF-8"):
        return "UTF-8", how
    return ("GBK" if _decodes(records, "GBK") else "GB18030"), how


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def parse_shapefile_zip(data: bytes) -> Parsed:
    """Every polygon layer of a zipped Shapefile, honouring .prj and reading GBK attributes correctly."""
    import pyogrio.raw
    from pyogrio.errors import DataSourceError

    archive = BoundedZip(data, "上传的 zip ")
    names = {name.lower(): name for name in archive.namelist()}
    stems = [name[:-4] for name in names if name.endswith(".shp")]
    if not stems:
        raise InputError("zip 中没有 .shp 文件：请把同名的 .shp、.shx、.dbf、.prj 一起压缩上传；KML/GeoJSON 请直接上传。")
    parcels, notes, crs_texts = [], [], set()
    with tempfile.TemporaryDirectory(prefix="yq_redline_") as tmp:
        for layer, stem in enumerate(stems):
            for part in (".shx", ".dbf"):
                if f"{stem}{part}" not in names:
                    raise InputError(f"zip 中缺少 {Path(stem).name}{part}：Shapefile 需要 .shp、.shx、.dbf（和 .prj）一起压缩。")
            # Extract under ASCII names: Windows zips store GBK member names without the UTF-8 flag,
            # which GDAL's /vsizip would misread; our own names also rule out paths escaping tmp.
            members = {part: archive.read(names[f"{stem}{part}"])
                       for part in (".shp", ".shx", ".dbf", ".prj", ".cpg") if f"{stem}{part}" in names}
            for part, content in members.items():
                (Path(tmp) / f"layer{layer}{part}").write_bytes(content)
            encoding, how = _dbf_encoding(members[".dbf"], members.get(".cpg"))
            if encoding != "UTF-8":
                notes.append(f"属性表按 {encoding} 编码读取（依据：{how}）")
            try:
                meta, _, geometries, values = pyogrio.raw.read(str(Path(tmp) / f"layer{layer}.shp"), encoding=encoding)
            except (DataSourceError, UnicodeDecodeError, ValueError, RuntimeError):
                # GDAL's message names our temp path: say what is wrong, not where it was unpacked.
                raise InputError(f"Shapefile“{Path(stem).name}”无法读取（文件损坏或不完整）：请重新导出后压缩上传。") from None
            if f"{stem}.prj" not in names:
                notes.append(f"“{Path(stem).name}”缺少 .prj，已按坐标数值判断坐标系")
            elif meta.get("crs"):
                crs_texts.add(meta["crs"])
            check_part_count(len(geometries), f"Shapefile“{Path(stem).name}”")
            fields = list(meta.get("fields", []))
            for row, wkb in enumerate(geometries):
                parts = _polygon_parts(shapely.from_wkb(wkb)) if wkb is not None else []
                if not parts:
                    continue
                properties = {field: column[row] for field, column in zip(fields, values, strict=False)}
                parcels.append((_parcel_name(properties, len(parcels) + 1), shapely.union_all(parts)))
    if not parcels:
        raise InputError("Shapefile 中没有面要素：红线必须是面（Polygon）图层。")
    if len(crs_texts) > 1:
        raise InputError("zip 中几个 Shapefile 的坐标系不同：请统一坐标系或分别上传。")
    declared = CRS.from_user_input(crs_texts.pop()) if crs_texts else None
    return Parsed(parcels=parcels, source_format="Shapefile", notes=notes, declared_crs=_known_or_declared(declared))


def _known_or_declared(declared: CRS | None) -> CRS | None:
    """Map a .prj that means CGCS2000 zone 38 / geographic onto its EPSG code so magnitude checks still apply."""
    if declared is None:
        return None
    code = declared.to_epsg(min_confidence=70)
    return CRS.from_epsg(code) if code else declared


# ---------------------------------------------------------------- DXF


def parse_dxf(data: bytes) -> Parsed:
    """Closed LWPOLYLINE/POLYLINE entities in model space; polylines inside another one become holes."""
    import ezdxf
    from ezdxf import recover

    try:
        doc, _ = recover.read(io.BytesIO(data))
    except (ezdxf.DXFStructureError, ezdxf.DXFError, UnicodeDecodeError) as exc:
        raise InputError(f"DXF 文件无法读取（{exc}）：请在 CAD 中另存为 DXF（R2000 或更新版本）后上传。") from None
    rings, open_count, arcs = [], 0, False
    entities = doc.modelspace().query("LWPOLYLINE POLYLINE")
    check_part_count(len(entities), "DXF ")
    for entity in entities:
        if entity.dxftype() == "LWPOLYLINE":
            raw = entity.get_points("xyb")
            points = [(x, y) for x, y, _ in raw]
            arcs = arcs or any(b for _, _, b in raw)
            closed = entity.closed
        else:
            points = [(v.dxf.location.x, v.dxf.location.y) for v in entity.vertices]
            closed = entity.is_closed
        closed = closed or (len(points) > 3 and points[0] == points[-1])
        if not closed or len(set(points)) < 3:
            open_count += 1
            continue
        rings.append((entity.dxf.layer, Polygon(points)))
    if not rings:
        raise InputError("文件中没有闭合的多段线：红线应画成闭合的 LWPOLYLINE/POLYLINE（在 CAD 中用 PEDIT 闭合）。")
    notes = []
    if open_count:
        notes.append(f"忽略了 {open_count} 条未闭合的多段线")
    if arcs:
        notes.append("多段线含圆弧段，已按直线连接端点处理")
    return Parsed(parcels=_nest_rings(rings, notes), source_format="DXF", notes=notes)


def _nest_rings(rings: list[tuple[str, Polygon]], notes: list[str]) -> list[tuple[str, BaseGeometry]]:
    """Largest first; a ring lying inside an earlier one is cut out of it as a hole."""
    order = sorted(range(len(rings)), key=lambda i: -rings[i][1].area)
    shells: list[tuple[int, Polygon, list]] = []
    for i in order:
        layer, polygon = rings[i]
        host = next((s for s in shells if s[1].contains(polygon)), None)
        if host is not None:
            host[2].append(polygon.exterior.coords)
            notes.append(f"多段线 {i + 1} 位于多段线 {host[0] + 1} 内部，按内部洞（扣除）处理")
        else:
            shells.append((i, polygon, []))
    shells.sort(key=lambda s: s[0])
    return [
        (f"多段线{i + 1}（图层 {rings[i][0]}）", Polygon(polygon.exterior.coords, holes)) for i, polygon, holes in shells
    ]


# ---------------------------------------------------------------- WKT


_SRID = re.compile(r"^\s*SRID=(\d+);", re.I)


def parse_wkt(data: bytes) -> Parsed:
    """POLYGON/MULTIPOLYGON text (EWKT `SRID=n;` allowed), one or more per file; degrees or metres by magnitude."""
    text = decode_text(data).strip()
    declared = None
    if match := _SRID.match(text):
        declared = CRS.from_epsg(int(match[1]))
        text = text[match.end() :]
    chunks = [text] if text.count("POLYGON") <= 1 else [line for line in text.splitlines() if line.strip()]
    check_part_count(len(chunks), "WKT ")
    parcels = []
    for chunk in chunks:
        try:
            geom = shapely.from_wkt(_SRID.sub("", chunk.strip()))
        except shapely.errors.GEOSException as exc:
            raise InputError(f"WKT 无法解析（{exc}）：应为 POLYGON ((x y, x y, …)) 或 MULTIPOLYGON (((…)))。") from None
        parts = _polygon_parts(geom)
        if not parts:
            raise InputError(f"WKT 是 {geom.geom_type}，不是面：红线应为 POLYGON 或 MULTIPOLYGON。")
        for part in parts:
            for polygon in getattr(part, "geoms", [part]):
                parcels.append((f"地块{len(parcels) + 1}", polygon))
    return Parsed(parcels=parcels, source_format="WKT", declared_crs=_known_or_declared(declared))
