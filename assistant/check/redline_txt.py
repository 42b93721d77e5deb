"""界址点坐标 TXT (自然资源部 用地报批 / 勘测定界 format, and CASS and provincial variants of it).

Layout: an optional [扩展信息] section of `key=value` lines, [属性描述] (坐标系, 几度分带, 带号, 转换参数 …),
then [地块坐标]: per 地块 a header row ending in `@` (界址点数, 地块面积, 地块编号, 地块名称, 图形属性,
图幅号, 地块用途, 地类编码, and any further fields), followed by `点号,圈号,X,Y` rows. CASS writes the
section names in full-width brackets (【属性描述】); files come with BOM, CRLF, tabs or full-width commas.
How the numbers are read (datum, zone, prefix, 度分秒) is decided in redline_txt_frame.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
from shapely.geometry import MultiPolygon, Polygon

from ..errors import InputError
from . import redline_txt_frame
from .redline_types import ParcelInfo, Parsed

FORMAT = "界址点TXT"
_SECTION = re.compile(r"^\[\s*([^\]]+?)\s*\]$")
_HEADER = re.compile(r"^(?P<fields>.*?)[,\s]*@[,\s]*$")
LINE_EXAMPLE = "界址点行应为“点号,圈号,X,Y”，例如 J1,1,4192041.80,38463040.30"
HEADER_EXAMPLE = "地块行应为“界址点数,地块面积,地块编号,地块名称,面,图幅号,地块用途,地类编码,@”"
NO_RING_NOTE = "界址点行为“点号,X,Y”，没有圈号，按第 1 圈处理"
ATTRIBUTE_SECTIONS = ("属性描述",)
COORDINATE_SECTIONS = ("地块坐标",)


@dataclass
class _Parcel:
    info: ParcelInfo
    line_no: int
    rings: dict[int, list[tuple[float, float, int]]] = field(default_factory=dict)  # (first, second, line)


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, then GBK/GB18030 as Chinese Windows tools write it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("文件编码无法识别：请把文件另存为 UTF-8 或 GBK 编码的文本后再上传。")


# Full-width separators, brackets and digits as Chinese input methods type them; names keep their own characters.
_FULL_WIDTH = str.maketrans({"，": ",", "＠": "@", "［": "[", "］": "]", "【": "[", "】": "]", "＝": "=", "．": ".",
                             "－": "-", "\u3000": " ", "\ufeff": "", **{chr(0xFF10 + d): str(d) for d in range(10)}})


def normalize_line(raw: str) -> str:
    """Full-width separators/digits to ASCII, 【】 to [], tabs between fields to commas; trimmed."""
    line = raw.translate(_FULL_WIDTH)
    if "\t" in line:
        line = ",".join(part.strip() for part in line.split("\t")) if "," not in line else line.replace("\t", " ")
    return line.strip()


def _number(text: str, what: str, line_no: int, line: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"第 {line_no} 行“{line}”的{what}“{text}”不是数字：{LINE_EXAMPLE}。") from None
    if not math.isfinite(value):  # "1e400", "inf", "nan" parse as floats but are no coordinates
        raise InputError(f"第 {line_no} 行“{line[:80]}”的{what}“{text}”不是有限的数字：{LINE_EXAMPLE}。")
    return value


def _parse_header(fields_text: str, line_no: int, count: int) -> _Parcel:
    fields = [f.strip() for f in fields_text.split(",")]
    fields += [""] * (8 - len(fields))
    shape_kind = fields[4]
    if shape_kind and shape_kind != "面":
        raise InputError(f"第 {line_no} 行地块的图形属性是“{shape_kind}”：红线必须是面，请导出“面”类型的地块。")
    if fields[0] and not re.fullmatch(r"\d+(\.0*)?", fields[0]):
        raise InputError(f"第 {line_no} 行地块行的第 1 项（界址点数）“{fields[0]}”不是整数：{HEADER_EXAMPLE}。")
    try:
        area_ha = float(fields[1]) if fields[1] else None
    except ValueError:
        area_ha = None
    extra = tuple(fields[8:])
    while extra and not extra[-1]:
        extra = extra[:-1]
    info = ParcelInfo(name=fields[3] or fields[2] or f"地块{count}", number=fields[2], use=fields[6],
                      land_code=fields[7], map_sheet=fields[5], declared_area_ha=area_ha, extra=extra)
    return _Parcel(info=info, line_no=line_no)


def _split_point(line: str) -> list[str]:
    if "," in line:
        return [f.strip() for f in line.split(",")]
    return line.split()  # space-separated exports


def _without_ring_number(fields: list[str]) -> bool:
    """`点号,X,Y` rows (no 圈号) as some tools write them: the second field is already a coordinate."""
    if len(fields) != 3:
        return False
    try:
        return abs(float(fields[1])) >= 1000 or "." in fields[1] and "." in fields[2]
    except ValueError:
        return False


def _parse_point(line: str, line_no: int) -> tuple[int, float, float]:
    """(ring number, first, second) from `点号,圈号,X,Y`; X, Y are kept in file order and sorted out later."""
    fields = _split_point(line)
    if _without_ring_number(fields):
        fields = [fields[0], "1", fields[1], fields[2]]
    if len(fields) < 3 or not fields[2]:
        raise InputError(f"第 {line_no} 行“{line}”缺少 X、Y 坐标：{LINE_EXAMPLE}。")
    if len(fields) < 4 or not fields[3]:
        raise InputError(f"第 {line_no} 行“{line}”缺少 Y 坐标：{LINE_EXAMPLE}。")
    try:
        ring = int(float(fields[1]))
    except ValueError:
        raise InputError(f"第 {line_no} 行“{line}”的圈号“{fields[1]}”不是整数：{LINE_EXAMPLE}。") from None
    first = _number(fields[2], " X 坐标", line_no, line)
    second = _number(fields[3], " Y 坐标", line_no, line)
    return ring, first, second


def _read_lines(text: str, notes: list[str]) -> tuple[dict[str, str], dict[str, str], list[_Parcel]]:
    """([属性描述] items, other sections' items such as [扩展信息], parcels with their raw points)."""
    attributes: dict[str, str] = {}
    extended: dict[str, str] = {}
    parcels: list[_Parcel] = []
    section = None
    for line_no, raw in enumerate(text.splitlines(), 1):
        line = normalize_line(raw)
        if not line:
            continue
        if match := _SECTION.match(line):
            section = match[1].replace(" ", "")
            continue
        header = _HEADER.match(line)
        if section in ATTRIBUTE_SECTIONS or (section is None and "=" in line and not header):
            key, sep, value = line.partition("=")
            if not sep:
                raise InputError(f"第 {line_no} 行“{line}”在[属性描述]段中，应为“名称=值”，例如 坐标系=2000国家大地坐标系。")
            attributes[key.strip()] = value.strip()
        elif section is not None and section not in COORDINATE_SECTIONS:
            key, sep, value = line.partition("=")
            if sep:
                extended[key.strip()] = value.strip()  # [扩展信息] and the like: project metadata
        elif header:
            parcels.append(_parse_header(header["fields"], line_no, len(parcels) + 1))
        else:
            if _without_ring_number(_split_point(line)) and not any(n.startswith(NO_RING_NOTE) for n in notes):
                notes.append(f"{NO_RING_NOTE}（第 {line_no} 行起）")
            ring, first, second = _parse_point(line, line_no)
            if not parcels:
                parcels.append(_Parcel(info=ParcelInfo(name="地块1"), line_no=line_no))
                notes.append("文件缺少以 @ 结尾的地块行，已把开头的界址点作为一个地块")
            parcels[-1].rings.setdefault(ring, []).append((first, second, line_no))
    return attributes, extended, parcels


def _ring(raw: list[tuple[float, float, int]], frame, label: str, notes: list[str]) -> list[tuple[float, float]]:
    points = _converted(raw, frame)
    distinct = list(dict.fromkeys(points))
    if len(distinct) < 3:
        lines = f"第 {raw[0][2]}–{raw[-1][2]} 行" if len(raw) > 1 else f"第 {raw[0][2]} 行"
        raise InputError(f"{label}（{lines}）只有 {len(distinct)} 个不同的界址点，无法构成面：每圈至少需要 3 个点。")
    if points[0] != points[-1]:
        notes.append(f"{label}首尾点不一致，已自动闭合")
        points = [*points, points[0]]
    return points


def _converted(ring: list[tuple[float, float, int]], frame: redline_txt_frame.Frame) -> list[tuple[float, float]]:
    raw = np.array([(second, first) for first, second, _ in ring], dtype=float)
    return [(float(x), float(y)) for x, y in frame.convert(raw)]


def _polygon(parcel: _Parcel, index: int, frame, notes: list[str]) -> Polygon | MultiPolygon:
    label = f"第 {index} 地块“{parcel.info.name}”"
    if not parcel.rings:
        raise InputError(f"{label}（第 {parcel.line_no} 行）下面没有界址点：{LINE_EXAMPLE}。")
    numbers = sorted(parcel.rings)
    shell = _ring(parcel.rings[numbers[0]], frame, f"{label}第 {numbers[0]} 圈", notes)
    outer = Polygon(shell)
    holes, extra = [], []
    for number in numbers[1:]:
        ring = _ring(parcel.rings[number], frame, f"{label}第 {number} 圈", notes)
        # 圈号 ≥ 2 is a hole by the format; a ring lying outside the first is really another part.
        if outer.buffer(1e-9).contains(Polygon(ring)):
            holes.append(ring)
        else:
            extra.append(Polygon(ring))
            notes.append(f"{label}第 {number} 圈不在第 {numbers[0]} 圈之内，按独立的面处理")
    main = Polygon(shell, holes)
    return MultiPolygon([main, *extra]) if extra else main


def parse_boundary_txt(data: bytes) -> Parsed:
    """Parse a 界址点坐标 TXT into per-地块 polygons with their attributes and a stated reading."""
    notes: list[str] = []
    attributes, extended, parcels = _read_lines(decode_text(data), notes)
    if not parcels:
        raise InputError("文件中没有界址点：需要“[地块坐标]”段，地块行以 @ 结尾，其后是“点号,圈号,X,Y”界址点行。")
    if extended:
        shown = "，".join(f"{k}：{v}" for k, v in list(extended.items())[:3] if v)
        notes.append(f"已读取文件的扩展信息（{len(extended)} 项{('，' + shown) if shown else ''}）")
    points = [point for parcel in parcels for ring in parcel.rings.values() for point in ring]
    if not points:
        first = parcels[0]
        raise InputError(f"第 1 地块“{first.info.name}”（第 {first.line_no} 行）下面没有界址点：{LINE_EXAMPLE}。")
    declared = [(p.info.declared_area_ha, [p.rings[n] for n in sorted(p.rings)]) for p in parcels
                if p.info.declared_area_ha and p.rings]
    frame = redline_txt_frame.decide(points, attributes, declared)
    notes += frame.notes
    polygons = [(parcel.info.name, _polygon(parcel, i, frame, notes)) for i, parcel in enumerate(parcels, 1)]
    return Parsed(
        parcels=polygons,
        source_format=FORMAT,
        notes=notes,
        declared_crs=frame.declared_crs,
        expected_areas_ha=[parcel.info.declared_area_ha for parcel in parcels],
        swap_note="文件中 X、Y 两列互换（X 应为北坐标、Y 为东坐标），已按数值大小纠正",
        parcel_info=[parcel.info for parcel in parcels],
        crs_label=frame.crs_label,
        approximate=frame.approximate,
    )
