"""Reading one real-data source file: encoding, CRS detection, transform to EPSG:4490, geometry repair."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyogrio
import pyproj
import shapely

from ..errors import ImportFailed

STORAGE_EPSG = 4490
# Accepted source CRSs. 4326 is taken as CGCS2000: the two differ by centimetres, far below plan precision.
ACCEPTED_EPSG = {
    4490: "EPSG:4490 CGCS2000 经纬度",
    4326: "EPSG:4326 WGS84 经纬度（按 CGCS2000 处理，两者差异在厘米级）",
    4526: "EPSG:4526 CGCS2000 3度带第38带（横坐标带 38 带号）",
    4547: "EPSG:4547 CGCS2000 3度带 中央经线114°E（横坐标不带带号）",
}
CRS_CHOICES = ("auto", "EPSG:4490", "EPSG:4326", "EPSG:4526", "EPSG:4547")
ENCODING_CHOICES = ("auto", "GBK", "UTF-8")

# Generous envelope around 阳泉市 (113.1–114.1°E, 37.6–38.5°N) for telling degrees from metres.
DEGREE_BOX = (112.5, 37.0, 114.8, 39.0)
ZONE38_BOX = (38_300_000, 4_100_000, 38_700_000, 4_300_000)
CM114_BOX = (300_000, 4_100_000, 700_000, 4_300_000)

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN1_HIGH = re.compile(r"[\u0080-\u00ff\ufffd]")


@dataclass
class SourceData:
    """Polygons already in EPSG:4490 plus the attribute columns the config asked for."""

    path: Path
    geoms: np.ndarray                 # shapely geometries, EPSG:4490, valid, polygonal
    columns: dict[str, list]          # field name -> values (strings or None)
    crs_note: str
    encoding: str
    read: int = 0
    repaired: int = 0
    dropped_empty: int = 0            # null, non-polygonal, or empty after repair
    notes: list[str] = field(default_factory=list)


def _fail(path: Path, problem: str) -> ImportFailed:
    return ImportFailed(f"文件 {path}：{problem}")


def _strings(field_data: list) -> list[str]:
    out = []
    for column in field_data:
        if column.dtype == object:
            out.extend(v for v in column[:500] if isinstance(v, str))
    return out


def looks_like_mojibake(values: list[str]) -> bool:
    """GBK bytes decoded as Latin-1 give accented Latin letters and no Chinese characters."""
    text = "".join(values)
    return bool(_LATIN1_HIGH.search(text)) and not _CJK.search(text)


def _raw_read(path: Path, table: str | None, encoding: str | None):
    try:
        return pyogrio.raw.read(str(path), layer=table, encoding=encoding)
    except UnicodeDecodeError:
        raise
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise _fail(path, f"无法读取（{exc}）。请确认路径、格式，GeoPackage/FileGDB 须在配置中写 table。") from exc
    except Exception as exc:  # GDAL raises assorted errors for damaged files
        raise _fail(path, f"读取失败（{type(exc).__name__}: {exc}）。") from exc


def read_with_encoding(path: Path, table: str | None, encoding: str):
    """Read a file honouring .cpg; fall back to GBK when attributes fail UTF-8 or look like mojibake."""
    if encoding != "auto":
        try:
            return _raw_read(path, table, encoding), encoding
        except UnicodeDecodeError as exc:
            raise _fail(path, f"属性无法按 {encoding} 解码，请把 encoding 改为 auto 或另一种编码。") from exc
    try:
        result = _raw_read(path, table, None)
    except UnicodeDecodeError:
        return _raw_read(path, table, "GBK"), "GBK（UTF-8 解码失败后自动改用）"
    meta, _, _, field_data = result
    cpg = path.with_suffix(".cpg")
    if path.suffix.lower() == ".shp" and cpg.is_file():
        return result, f"{cpg.read_text(encoding='ascii', errors='replace').strip()}（按 .cpg）"
    if path.suffix.lower() == ".shp" and looks_like_mojibake(_strings(field_data)):
        try:
            retry = _raw_read(path, table, "GBK")
        except UnicodeDecodeError:
            return result, meta.get("encoding") or "UTF-8"
        if _CJK.search("".join(_strings(retry[3]))):
            return retry, "GBK（属性疑似乱码，自动改用 GBK）"
    return result, meta.get("encoding") or "UTF-8"


def _bounds(geoms: np.ndarray) -> tuple[float, float, float, float]:
    return tuple(shapely.total_bounds(geoms).tolist())


def _inside(bounds, box) -> bool:
    x0, y0, x1, y1 = bounds
    return x0 >= box[0] and y0 >= box[1] and x1 <= box[2] and y1 <= box[3]


def _identify(crs: pyproj.CRS) -> int | None:
    """EPSG code of a declared CRS, also for ESRI .prj files that carry no authority code."""
    code = crs.to_epsg(min_confidence=70)
    if code:
        return code
    datum = (crs.datum.name if crs.datum else "").lower()
    if "2000" not in datum:
        return None
    if crs.is_geographic:
        return 4490
    params = {p.name.lower(): p.value for p in (crs.coordinate_operation.params if crs.coordinate_operation else [])}
    central = params.get("longitude of natural origin", params.get("central_meridian"))
    easting = params.get("false easting", params.get("false_easting"))
    if central == 114 and easting == 38_500_000:
        return 4526
    if central == 114 and easting == 500_000:
        return 4547
    return None


def detect_crs(path: Path, declared: str | None, configured: str, geoms: np.ndarray) -> tuple[int, str]:
    """Decide the source EPSG code; refuse anything ambiguous with a message saying what to set."""
    bounds = _bounds(geoms)
    if configured != "auto":
        code = int(configured.split(":")[1])
        note = f"{ACCEPTED_EPSG[code]}（配置指定）"
    elif declared:
        crs = pyproj.CRS.from_user_input(declared)
        code = _identify(crs)
        if code not in ACCEPTED_EPSG:
            raise _fail(path, f"坐标系为“{crs.name}”（EPSG:{code or '未知'}），不是阳泉所用的 CGCS2000 经纬度或"
                              "3度带第38带（中央经线114°E）。请先在 GIS 软件中转换，或确认后在配置中写 "
                              "crs = \"EPSG:4490\" / \"EPSG:4526\" / \"EPSG:4547\"。")
        note = f"{ACCEPTED_EPSG[code]}（来自文件声明）"
    elif _inside(bounds, DEGREE_BOX):
        code, note = STORAGE_EPSG, "EPSG:4490（无坐标系声明，按经纬度数值范围判定）"
    elif _inside(bounds, ZONE38_BOX):
        code, note = 4526, "EPSG:4526（无坐标系声明，横坐标为带 38 带号的 8 位数）"
    elif _inside(bounds, CM114_BOX):
        code, note = 4547, "EPSG:4547（无坐标系声明，横坐标为 6 位数、纵坐标约 410–430 万）"
    else:
        raise _fail(path, f"没有坐标系声明（.prj），坐标范围 {tuple(round(b, 3) for b in bounds)} 既不像阳泉的"
                          "经纬度，也不像 3度带第38带（带号 38 或中央经线 114°E）坐标。请在配置中写明 "
                          "crs = \"EPSG:4490\"、\"EPSG:4526\" 或 \"EPSG:4547\"。")
    expected = {4490: DEGREE_BOX, 4326: DEGREE_BOX, 4526: ZONE38_BOX, 4547: CM114_BOX}[code]
    if not _inside(bounds, expected):
        raise _fail(path, f"坐标范围 {tuple(round(b, 3) for b in bounds)} 与坐标系 EPSG:{code} 不符（不在阳泉附近）。"
                          "请检查 .prj 或配置中的 crs。")
    return code, note


def to_storage(geoms: np.ndarray, code: int) -> np.ndarray:
    if code in (4490, 4326):
        return geoms
    transformer = pyproj.Transformer.from_crs(code, STORAGE_EPSG, always_xy=True)

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, project)


def polygonal(geom) -> shapely.Geometry | None:
    """Keep only the polygonal parts (make_valid can return lines and points along with polygons)."""
    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, shapely.Polygon | shapely.MultiPolygon):
        return geom
    if isinstance(geom, shapely.GeometryCollection):
        parts = [p for p in shapely.get_parts(geom) if isinstance(p, shapely.Polygon | shapely.MultiPolygon)]
        if parts:
            return shapely.union_all(parts)
    return None


def repair(geoms: np.ndarray) -> tuple[np.ndarray, int, int]:
    """Make invalid polygons valid; returns (geoms with None for unusable ones, repaired, unusable)."""
    out = np.empty(len(geoms), dtype=object)
    repaired = unusable = 0
    valid = shapely.is_valid(geoms)
    for i, geom in enumerate(geoms):
        if geom is not None and not valid[i] and not geom.is_empty:
            geom = polygonal(shapely.make_valid(geom))
            repaired += geom is not None
        else:
            geom = polygonal(geom)
        unusable += geom is None
        out[i] = geom
    return out, repaired, unusable


def read_source(path: Path, table: str | None, crs: str, encoding: str, wanted: list[str]) -> SourceData:
    """Read, detect CRS, transform to EPSG:4490 and repair one source file."""
    if not path.exists():
        raise _fail(path, "不存在。相对路径按配置文件所在目录解析，请检查 path。")
    (meta, _fids, wkb, field_data), used_encoding = read_with_encoding(path, table, encoding)
    return _prepared(path, meta, wkb, field_data, used_encoding, crs, wanted)


def read_server_table(url: str, table: str, crs: str, wanted: list[str]) -> SourceData:
    """A bureau's PostGIS table read in place (no Shapefile export): its geometry column as WKB, its SRID as
    the declared CRS, then the same CRS check, transform and repair as a file (issue 13)."""
    import psycopg
    from psycopg import sql

    from .postgis import connect, redact

    label = Path(f"{redact(url)} 表 {table}")
    schema, _, name = table.rpartition(".")
    schema = schema or "public"
    con = connect(url, schema=schema)
    try:
        found = con.execute("SELECT f_geometry_column, srid FROM geometry_columns WHERE f_table_schema = %s "
                            "AND f_table_name = %s", [schema, name]).fetchall()
        if not found:
            raise _fail(label, "不存在，或没有几何列（geometry_columns 中查不到）。table 写作“模式.表名”。")
        geom_col, srid = found[0]
        fields = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s "
            "AND column_name <> %s ORDER BY ordinal_position", [schema, name, geom_col]).fetchall()]
        missing = [f for f in wanted if f not in fields]
        if missing:
            raise _fail(label, f"没有字段 {missing}。现有字段：{fields}。请修改配置中的 *_field。")
        query = sql.SQL("SELECT ST_AsBinary({g}), {cols} FROM {t}").format(
            g=sql.Identifier(geom_col), t=sql.Identifier(schema, name),
            cols=sql.SQL(", ").join([sql.SQL("{}::text").format(sql.Identifier(f)) for f in wanted] or [sql.SQL("1")]))
        rows = con.execute(query).fetchall()
    except psycopg.Error as exc:
        raise _fail(label, f"读取失败：{str(exc).strip()}") from exc
    finally:
        con.close()
    meta = {"fields": wanted, "crs": f"EPSG:{srid}" if srid else None}
    wkb = np.array([None if r[0] is None else bytes(r[0]) for r in rows], dtype=object)
    field_data = [np.array([r[1 + i] for r in rows], dtype=object) for i in range(len(wanted))]
    return _prepared(label, meta, wkb, field_data, "UTF-8（数据库）", crs, wanted)


def _prepared(path: Path, meta: dict, wkb, field_data, used_encoding: str, crs: str,
              wanted: list[str]) -> SourceData:
    fields = list(meta["fields"])
    missing = [f for f in wanted if f not in fields]
    if missing:
        raise _fail(path, f"没有字段 {missing}。现有字段：{fields}。请修改配置中的 *_field。")
    geoms = shapely.from_wkb(wkb)
    if len(geoms) == 0 or shapely.is_missing(geoms).all():
        raise _fail(path, "没有任何带几何的要素。")
    geoms = shapely.force_2d(geoms)
    present = ~shapely.is_missing(geoms)
    code, note = detect_crs(path, meta.get("crs"), crs, geoms[present])
    geoms[present] = to_storage(geoms[present], code)
    fixed, repaired, unusable = repair(geoms)
    if unusable == len(geoms):
        # Otherwise every feature is dropped and the caller blames the CRS ("none inside the city").
        kinds = sorted({g.geom_type for g in geoms[present]})
        raise _fail(path, f"没有可用的面要素（读到的几何类型：{'、'.join(kinds)}）。图层须为面（Polygon）；"
                          "若是线或点图层，请先在 GIS 软件中转为面，或检查 table 是否选错了图层。")
    columns = {f: [_text(v) for v in field_data[fields.index(f)]] for f in wanted}
    data = SourceData(path, fixed, columns, note, used_encoding, read=len(geoms),
                      repaired=repaired, dropped_empty=unusable)
    if code == 4326:
        data.notes.append("源数据为 WGS84，已按 CGCS2000 处理。")
    return data


def _text(value) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or None
