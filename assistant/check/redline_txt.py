"""界址点坐标 TXT (自然资源部 用地报批 format): [属性描述] header, [地块坐标] with `…,@` parcel lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shapely.geometry import MultiPolygon, Polygon

from ..errors import InputError
from .redline_types import Parsed

FORMAT = "界址点TXT"
_SECTION = re.compile(r"^\[(.+)\]$")
LINE_EXAMPLE = "界址点行应为“点号,圈号,X,Y”，例如 J1,1,4192041.80,38463040.30"


@dataclass
class _Parcel:
    name: str
    area_ha: float | None
    line_no: int
    rings: dict[int, list[tuple[float, float]]] = field(default_factory=dict)


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) first, then GBK/GB18030 as Chinese Windows tools write it."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("文件编码无法识别：请把文件另存为 UTF-8 或 GBK 编码的文本后再上传。")


def _number(text: str, what: str, line_no: int, line: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise InputError(f"第 {line_no} 行“{line}”的{what}“{text}”不是数字：{LINE_EXAMPLE}。") from None


def _parse_header(line: str, line_no: int, count: int) -> _Parcel:
    fields = [f.strip() for f in line[:-1].split(",")]
    fields += [""] * (5 - len(fields))
    shape_kind = fields[4]
    if shape_kind and shape_kind != "面":
        raise InputError(f"第 {line_no} 行地块的图形属性是“{shape_kind}”：红线必须是面，请导出“面”类型的地块。")
    try:
        area_ha = float(fields[1]) if fields[1] else None
    except ValueError:
        area_ha = None
    return _Parcel(name=fields[3] or fields[2] or f"地块{count}", area_ha=area_ha, line_no=line_no)


def _parse_point(line: str, line_no: int) -> tuple[int, float, float]:
    """(ring number, X, Y) from `点号,圈号,X,Y`; X, Y are kept in file order and sorted out later."""
    fields = [f.strip() for f in line.split(",")]
    if len(fields) < 3 or not fields[2]:
        raise InputError(f"第 {line_no} 行“{line}”缺少 X、Y 坐标：{LINE_EXAMPLE}。")
    if len(fields) < 4 or not fields[3]:
        raise InputError(f"第 {line_no} 行“{line}”缺少 Y 坐标：{LINE_EXAMPLE}。")
    try:
        ring = int(float(fields[1]))
    except ValueError:
        raise InputError(f"第 {line_no} 行“{line}”的圈号“{fields[1]}”不是整数：{LINE_EXAMPLE}。") from None
    x = _number(fields[2], " X 坐标", line_no, line)
    y = _number(fields[3], " Y 坐标", line_no, line)
    return ring, x, y


def _check_attributes(attributes: dict[str, str], notes: list[str]) -> None:
    zone_width = attributes.get("几度分带", "").strip()
    zone = attributes.get("带号", "").strip()
    if zone_width and zone_width != "3":
        raise InputError(f"文件为 {zone_width} 度分带：本系统只支持 CGCS2000 3 度带第 38 带，请换算后再上传。")
    if zone and zone != "38":
        raise InputError(f"文件带号为 {zone}：本系统只支持 CGCS2000 3 度带第 38 带（中央经线 114°E），请换算后再上传。")
    system = attributes.get("坐标系", "")
    if system and not any(mark in system for mark in ("2000", "CGCS")):
        notes.append(f"文件声明的坐标系为“{system}”，本系统按 CGCS2000 处理，可能偏差数十米：请尽量提供 2000 国家大地坐标系成果")


def _read_lines(text: str, notes: list[str]) -> tuple[dict[str, str], list[_Parcel]]:
    attributes: dict[str, str] = {}
    parcels: list[_Parcel] = []
    section = None
    for line_no, raw in enumerate(text.splitlines(), 1):
        line = raw.replace("，", ",").strip()
        if not line:
            continue
        if match := _SECTION.match(line):
            section = match[1].strip()
            continue
        if section == "属性描述" or (section is None and "=" in line and "@" not in line):
            key, _, value = line.partition("=")
            attributes[key.strip()] = value.strip()
        elif line.endswith("@"):
            parcels.append(_parse_header(line, line_no, len(parcels) + 1))
        else:
            ring, x, y = _parse_point(line, line_no)
            if not parcels:
                parcels.append(_Parcel(name="地块1", area_ha=None, line_no=line_no))
                notes.append("文件缺少以 @ 结尾的地块行，已把开头的界址点作为一个地块")
            # Columns are X (northing), Y (easting): stored as (Y, X) so x is the easting as usual.
            parcels[-1].rings.setdefault(ring, []).append((y, x))
    return attributes, parcels


def _ring(points: list[tuple[float, float]], label: str, notes: list[str]) -> list[tuple[float, float]]:
    distinct = list(dict.fromkeys(points))
    if len(distinct) < 3:
        raise InputError(f"{label}只有 {len(distinct)} 个不同的界址点，无法构成面：每圈至少需要 3 个点。")
    if points[0] != points[-1]:
        notes.append(f"{label}首尾点不一致，已自动闭合")
        points = [*points, points[0]]
    return points


def _polygon(parcel: _Parcel, index: int, notes: list[str]) -> Polygon | MultiPolygon:
    label = f"第 {index} 地块“{parcel.name}”"
    if not parcel.rings:
        raise InputError(f"{label}（第 {parcel.line_no} 行）下面没有界址点：{LINE_EXAMPLE}。")
    numbers = sorted(parcel.rings)
    shell = _ring(parcel.rings[numbers[0]], f"{label}第 {numbers[0]} 圈", notes)
    outer = Polygon(shell)
    holes, extra = [], []
    for number in numbers[1:]:
        ring = _ring(parcel.rings[number], f"{label}第 {number} 圈", notes)
        # 圈号 ≥ 2 is a hole by the format; a ring lying outside the first is really another part.
        if outer.buffer(1e-9).contains(Polygon(ring)):
            holes.append(ring)
        else:
            extra.append(Polygon(ring))
            notes.append(f"{label}第 {number} 圈不在第 {numbers[0]} 圈之内，按独立的面处理")
    main = Polygon(shell, holes)
    return MultiPolygon([main, *extra]) if extra else main


def parse_boundary_txt(data: bytes) -> Parsed:
    """Parse a 界址点坐标 TXT into raw per-地块 polygons (file coordinates; CRS decided by the caller)."""
    notes: list[str] = []
    attributes, parcels = _read_lines(decode_text(data), notes)
    if not parcels:
        raise InputError("文件中没有界址点：需要“[地块坐标]”段，地块行以 @ 结尾，其后是“点号,圈号,X,Y”界址点行。")
    _check_attributes(attributes, notes)
    polygons = [(parcel.name, _polygon(parcel, i, notes)) for i, parcel in enumerate(parcels, 1)]
    return Parsed(
        parcels=polygons,
        source_format=FORMAT,
        notes=notes,
        expected_areas_ha=[parcel.area_ha for parcel in parcels],
        swap_note="文件中 X、Y 两列互换（X 应为北坐标、Y 为东坐标），已按数值大小纠正",
    )
