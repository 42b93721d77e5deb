"""How a 界址点 TXT's numbers are to be read: datum, 3/6-degree zone, zone prefix, X/Y order, 度分秒.

The [属性描述] header and the numbers themselves decide; every decision is stated in a Chinese note.
CGCS2000 3-degree zone 38 (the project's own frame) is handed on untouched so the dispatcher's usual
detection and notes apply; anything else becomes a declared pyproj CRS with the coordinates normalised
to (easting without prefix, northing) or (longitude, latitude).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from pyproj import CRS

from ..errors import InputError

# A point as read: (first column, second column, line number). The format puts X (northing) first.
RawPoint = tuple[float, float, int]

# Ellipsoids of the old national datums, as PROJ names them: 1980 西安 uses IAG-75 (a = 6378140,
# 1/f = 298.257, PROJ "IAU76"); 1954 北京 uses Krassowsky.
DATUMS = {
    "CGCS2000": ("2000国家大地坐标系", "GRS80"),
    "XIAN80": ("1980西安坐标系", "IAU76"),
    "BEIJING54": ("1954北京坐标系", "krass"),
    "WGS84": ("WGS84坐标系", "WGS84"),
}
# CGCS2000 is the target; PROJ applies +towgs84 towards its hub, which we take to be CGCS2000.
TARGET = "+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs +type=crs"
MAX_DATUM_SHIFT_M = 300.0  # 西安80/北京54 -> CGCS2000 moves points well under this in China
ZONES = {3: range(25, 46), 6: range(13, 24)}  # zone numbers that cover China
YANGQUAN_ZONE = {3: 38, 6: 19}
PARAMS_ORDER = "ΔX,ΔY,ΔZ（米）,εX,εY,εZ（秒）,m（ppm）"


@dataclass
class Frame:
    """The reading decided for a file: how to convert raw points, and what the dispatcher is told."""

    convert: Callable[[np.ndarray], np.ndarray]  # (n, 2) raw (second, first) columns -> output (x, y)
    declared_crs: CRS | None = None  # None: hand on for magnitude detection (CGCS2000 zone 38 or lon/lat)
    crs_label: str = ""
    notes: list[str] = field(default_factory=list)
    approximate: bool = False
    unshifted_crs: CRS | None = None  # declared_crs without the seven parameters (to check their effect)


def _datum(attributes: dict[str, str]) -> str | None:
    text = attributes.get("坐标系", "").upper().replace(" ", "")
    if not text or "2000" in text or "CGCS" in text:
        return "CGCS2000"
    if "西安" in text or "XIAN" in text or "1980" in text or text.startswith("80"):
        return "XIAN80"
    if "北京" in text or "BEIJING" in text or "1954" in text or text.startswith("54"):
        return "BEIJING54"
    if "WGS" in text:
        return "WGS84"
    return None


def _params(attributes: dict[str, str]) -> tuple[float, ...] | None:
    """Seven Bursa-Wolf parameters from 转换参数, or None when it is empty or all zero."""
    raw = attributes.get("转换参数", "")
    values = [v.strip() for v in re.split(r"[,;\s]+", raw.strip(" ,;"))] if raw.strip(" ,;") else []
    if not values:
        return None
    try:
        numbers = tuple(float(v) for v in values)
    except ValueError:
        raise InputError(
            f"[属性描述]中“转换参数={raw}”不是数字：应为 7 个用逗号分隔的数（{PARAMS_ORDER}），不用时留空“转换参数=,,,,,,”。"
        ) from None
    if len(numbers) != 7:
        raise InputError(
            f"[属性描述]中“转换参数={raw}”有 {len(numbers)} 个数：应为 7 个（{PARAMS_ORDER}），不用时留空“转换参数=,,,,,,”。"
        )
    if not any(numbers):
        return None
    scale = numbers[6]
    # Some tools write the scale as a factor (1.0000011) rather than in ppm (1.1).
    ppm = (scale - 1) * 1e6 if 0.999 < scale < 1.001 else scale
    return (*numbers[:6], ppm)


def _int_field(attributes: dict[str, str], key: str) -> int | None:
    text = attributes.get(key, "").strip().removesuffix("度").removesuffix("带")
    if not text:
        return None
    try:
        return int(float(text))
    except ValueError:
        raise InputError(f"[属性描述]中“{key}={attributes[key]}”不是整数：{key}应填 3 或 6（几度分带）或带号数字。") from None


def _geographic_style(attributes: dict[str, str]) -> str | None:
    """'dms' / 'decimal' when the header says how degrees are written, else None."""
    text = " ".join(attributes.get(k, "") for k in ("计量单位", "坐标格式", "投影类型", "坐标单位", "格式")).upper()
    if any(mark in text for mark in ("度分秒", "DMS", "DDD.MMSS", "DD.MMSS")):
        return "dms"
    if any(mark in text for mark in ("十进制", "小数度", "DECIMAL")) or attributes.get("计量单位", "").strip() == "度":
        return "decimal"
    return None


def _dms_to_degrees(values: np.ndarray) -> np.ndarray:
    """ddd.mmss (degrees, then two digits of minutes and seconds with decimals after the point)."""
    sign = np.sign(values)
    magnitude = np.abs(values)
    degrees = np.floor(magnitude + 1e-12)
    rest = np.round((magnitude - degrees) * 100, 9)
    minutes = np.floor(rest + 1e-9)
    seconds = (rest - minutes) * 100
    return sign * (degrees + minutes / 60 + seconds / 3600)


def _not_dms(values: np.ndarray) -> np.ndarray:
    """Which values cannot be ddd.mmss (minutes or seconds of 60 or more)."""
    magnitude = np.abs(values)
    rest = np.round((magnitude - np.floor(magnitude + 1e-12)) * 100, 9)
    minutes = np.floor(rest + 1e-9)
    seconds = (rest - minutes) * 100
    return (minutes >= 60) | (seconds >= 60 - 1e-9)


def decide(points: list[RawPoint], attributes: dict[str, str],
           declared_areas: list[tuple[float, list[list[RawPoint]]]] = ()) -> Frame:
    """The reading of a file's points from its header and the numbers (raises InputError naming a line).

    `declared_areas`: (地块面积 in 公顷, that 地块's rings) for parcels whose header gives an area; they
    settle ddd.mmss against decimal degrees when every number could be either.
    """
    datum = _datum(attributes)
    params = _params(attributes)
    notes: list[str] = []
    approximate = False
    if datum is None:
        notes.append(f"文件声明的坐标系为“{attributes['坐标系']}”，本系统不认识，按 CGCS2000 处理，"
                     "可能偏差数十米：请尽量提供 2000 国家大地坐标系成果")
        datum, approximate = "CGCS2000", True
    old = datum in ("XIAN80", "BEIJING54")
    if old and params is None:
        notes.append(f"文件声明的坐标系为“{attributes['坐标系']}”，没有给出转换参数，本系统按 CGCS2000 处理，"
                     "可能偏差数十米，结果为近似结果：请尽量提供 2000 国家大地坐标系成果或七参数")
        approximate = True
    elif datum == "WGS84":
        notes.append("文件声明为 WGS84 坐标系，与 CGCS2000 相差不到 1 米，按同一坐标系处理")
    use_params = params if old else None
    if datum == "CGCS2000" and params is not None:
        notes.append("文件为 2000 国家大地坐标系，转换参数不需要，已忽略")
    values = np.array([(p[0], p[1]) for p in points], dtype=float)
    if np.all(np.abs(values) <= 180):
        frame = _geographic(points, values, attributes, datum, use_params, notes, declared_areas)
    else:
        frame = _projected(points, attributes, datum, use_params, notes)
    if use_params is not None:
        _check_shift(frame, values[:1, ::-1])
    frame.notes, frame.approximate = notes, approximate
    return frame


def _check_shift(frame: Frame, raw: np.ndarray) -> None:
    """Parameters in the wrong order or units move the red line by kilometres: refuse rather than mislead."""
    from pyproj import Geod, Transformer

    xy = frame.convert(raw)
    with_params = Transformer.from_crs(frame.declared_crs, TARGET, always_xy=True).transform(xy[0, 0], xy[0, 1])
    without = Transformer.from_crs(frame.unshifted_crs, "EPSG:4490", always_xy=True).transform(xy[0, 0], xy[0, 1])
    shift = Geod(ellps="GRS80").inv(*with_params, *without)[2]
    if shift > MAX_DATUM_SHIFT_M:
        raise InputError(
            f"按文件的转换参数换算后，红线位置移动了约 {shift:,.0f} 米，远超西安80/北京54 与 CGCS2000 之间的正常差异"
            f"（通常不超过 {MAX_DATUM_SHIFT_M:.0f} 米）：请核对转换参数的顺序（{PARAMS_ORDER}）与单位。"
        )


# ---------------------------------------------------------------- geographic (degrees)


def _geographic(points, values, attributes, datum, params, notes, declared_areas=()) -> Frame:
    style = _geographic_style(attributes)
    impossible = _not_dms(values)
    if style == "dms":
        if impossible.any():
            row, column = (int(i) for i in np.argwhere(impossible)[0])
            raise InputError(f"文件声明经纬度为度分秒（ddd.mmss）格式，但第 {points[row][2]} 行的“{values[row][column]:.10g}”"
                             "分或秒大于 59：请核对[属性描述]中的计量单位或该行数值。")
        notes.append("经纬度按文件声明的度分秒格式（ddd.mmss：小数点后两位为分、再两位为秒）换算为十进制度")
        to_degrees = _dms_to_degrees
    elif style == "decimal":
        notes.append("经纬度按文件声明的十进制度解读")
        to_degrees = _identity
    elif impossible.any():
        notes.append("经纬度按十进制度解读（有数值的分、秒位大于 59，不可能是度分秒写法）")
        to_degrees = _identity
    else:
        to_degrees = _ambiguous_degrees(declared_areas, notes)
    degrees = to_degrees(values)
    # The format puts 纬度 (X) first; a file that gives 经度 first is put right by the value ranges.
    lon_first = bool(np.all(degrees[:, 0] > 54) and np.all((degrees[:, 1] >= 3) & (degrees[:, 1] <= 54)))
    if lon_first:
        notes.append("文件中经度在前、纬度在后（格式要求 X 为纬度在前），已按数值范围纠正")

    def convert(raw: np.ndarray) -> np.ndarray:
        lonlat = to_degrees(raw)  # raw is (second, first): (经度, 纬度) in the format's order
        return lonlat[:, ::-1] if lon_first else lonlat

    if params is None:
        return Frame(convert=convert)
    definition = f"+proj=longlat +ellps={DATUMS[datum][1]} +no_defs +type=crs"
    notes.append(_params_note(datum, params))
    return Frame(convert=convert, declared_crs=CRS.from_proj4(f"{definition} +towgs84={_towgs84(params)}"),
                 crs_label=f"{DATUMS[datum][0]}经纬度（七参数）", unshifted_crs=CRS.from_proj4(definition))


def _ambiguous_degrees(declared_areas, notes: list[str]) -> Callable[[np.ndarray], np.ndarray]:
    """Every number fits ddd.mmss: the header areas decide when they can, else ddd.mmss (what such files use)."""
    matches = {}
    for name, reading in (("dms", _dms_to_degrees), ("decimal", _identity)):
        ratios = [_area_ha(rings, reading) / area for area, rings in declared_areas if area]
        matches[name] = bool(ratios) and all(abs(r - 1) <= 0.05 for r in ratios)
    if matches["decimal"] and not matches["dms"]:
        notes.append("经纬度的每个数值也符合度分秒写法，但按十进制度计算的面积与文件标注的地块面积相符，按十进制度解读")
        return _identity
    if matches["dms"] and not matches["decimal"]:
        notes.append("经纬度按度分秒（ddd.mmss）换算为十进制度：每个数值都符合度分秒写法，且换算后的面积与文件标注的地块面积相符")
        return _dms_to_degrees
    notes.append("经纬度的每个数值都符合度分秒（ddd.mmss）写法且文件未声明计量单位，按度分秒换算为十进制度："
                 "若实为十进制度，请在[属性描述]中写明“计量单位=度”")
    return _dms_to_degrees


def _area_ha(rings: list[list[RawPoint]], reading) -> float:
    """Area of one 地块 (first ring minus the others) under a reading of its degrees, via GK zone 38."""
    from shapely.geometry import Polygon

    from ..geo import GK38_PLAIN, STORAGE_CRS, transformer

    move = transformer(STORAGE_CRS, GK38_PLAIN)
    areas = []
    for ring in rings:
        lonlat = reading(np.array([(second, first) for first, second, _ in ring], dtype=float))
        lon, lat = (lonlat[:, 0], lonlat[:, 1]) if np.all(lonlat[:, 1] < 60) else (lonlat[:, 1], lonlat[:, 0])
        x, y = move.transform(lon, lat)
        areas.append(Polygon(np.column_stack([x, y])).area if len(ring) >= 3 else 0.0)
    return (areas[0] - sum(areas[1:])) / 10_000 if areas else 0.0


def _identity(values: np.ndarray) -> np.ndarray:
    return values


# ---------------------------------------------------------------- projected (GK metres)


def _kind(value: float) -> tuple[str, int | None]:
    """('north' | 'east', zone prefix) from the number of integer digits."""
    magnitude = abs(value)
    if magnitude >= 10_000_000:
        return "east", int(magnitude // 1_000_000)
    if magnitude >= 1_000_000:
        return "north", None
    return "east", None


def _projected(points, attributes, datum, params, notes) -> Frame:
    header_width = _int_field(attributes, "几度分带")
    header_zone = _int_field(attributes, "带号")
    if header_width is not None and header_width not in ZONES:
        raise InputError(f"[属性描述]中“几度分带={attributes['几度分带']}”应为 3 或 6。")
    swapped_rows, prefixes = [], []
    for first, second, line_no in points:
        kinds = (_kind(first), _kind(second))
        if kinds[0][0] == "north" and kinds[1][0] == "east":
            swapped_rows.append((False, line_no))
            prefixes.append((kinds[1][1], line_no))
        elif kinds[0][0] == "east" and kinds[1][0] == "north":
            swapped_rows.append((True, line_no))
            prefixes.append((kinds[0][1], line_no))
        else:
            raise InputError(
                f"第 {line_no} 行的坐标“{first:.3f}, {second:.3f}”无法区分 X 和 Y：X（北坐标）应为 7 位整数，"
                "Y（东坐标）为不带带号的 6 位或带带号前缀的 8 位整数。"
            )
    swapped = swapped_rows[0][0]
    for flag, line_no in swapped_rows:
        if flag != swapped:
            raise InputError(f"第 {line_no} 行的 X、Y 顺序与第 {swapped_rows[0][1]} 行相反：请统一为“点号,圈号,X,Y”"
                             "（X 为北坐标）。")
    zone, prefixed = _zone(prefixes, header_zone, header_width, attributes)
    width = header_width or (6 if zone in ZONES[6] else 3)
    if header_width is None and zone is not None:
        notes.append(f"文件未写几度分带，按带号 {zone} 判断为 {width} 度带")
    if zone is None:
        zone = YANGQUAN_ZONE[width]
        notes.append(f"文件未给带号且坐标不带带号前缀，按阳泉所在的 {width} 度带第 {zone} 带解读")
    if zone not in ZONES[width]:
        raise InputError(f"文件为 {width} 度分带，带号 {zone} 不是中国境内的 {width} 度带带号"
                         f"（{ZONES[width].start}–{ZONES[width].stop - 1}）：请核对“几度分带”与“带号”。")
    meridian = zone * 3 if width == 3 else zone * 6 - 3
    if not prefixed and header_zone is not None:
        notes.append(f"Y 坐标不带带号前缀，带号 {zone} 取自文件头")
    if params is None and width == 3 and zone == 38:
        return Frame(convert=_identity)  # the project's own frame: the dispatcher detects and states it as usual
    if prefixed or header_zone is None:
        notes.append(f"Y 坐标带有带号前缀 {zone}" if prefixed else "Y 坐标不带带号前缀")
    if swapped:
        notes.append("文件中 X、Y 两列互换（X 应为北坐标、Y 为东坐标），已按数值大小纠正")
    offset = zone * 1_000_000.0 if prefixed else 0.0

    def convert(raw: np.ndarray) -> np.ndarray:
        xy = raw[:, ::-1] if swapped else raw  # raw is (second, first): (easting, northing) unless swapped
        return xy - np.array([offset, 0.0])

    label = f"{DATUMS[datum][0]} {width} 度带第 {zone} 带（中央经线 {meridian}°E）"
    if params is None:
        epsg = (4534 + zone - 25) if width == 3 else (4502 + zone - 13)  # CGCS2000 GK "CM" (no prefix) codes
        return Frame(convert=convert, declared_crs=CRS.from_epsg(epsg),
                     crs_label=f"CGCS2000 {width} 度带第 {zone} 带（中央经线 {meridian}°E）")
    definition = (f"+proj=tmerc +lat_0=0 +lon_0={meridian} +k=1 +x_0=500000 +y_0=0 +ellps={DATUMS[datum][1]} "
                  "+units=m +no_defs +type=crs")
    notes.append(_params_note(datum, params))
    return Frame(convert=convert, declared_crs=CRS.from_proj4(f"{definition} +towgs84={_towgs84(params)}"),
                 crs_label=label.replace("E）", "E，七参数）"), unshifted_crs=CRS.from_proj4(definition))


def _zone(prefixes, header_zone, header_width, attributes) -> tuple[int | None, bool]:
    """(zone, prefixed) from the eastings' prefixes and the header; mixed or conflicting ones are errors."""
    with_prefix = [(p, line_no) for p, line_no in prefixes if p is not None]
    if with_prefix and len(with_prefix) != len(prefixes):
        bare = next(line_no for p, line_no in prefixes if p is None)
        raise InputError(f"第 {bare} 行的 Y 坐标不带带号前缀，而第 {with_prefix[0][1]} 行带有带号 {with_prefix[0][0]}："
                         "请统一（都带或都不带带号）后再上传。")
    if not with_prefix:
        return header_zone, False
    zone, first_line = with_prefix[0]
    for prefix, line_no in with_prefix:
        if prefix != zone:
            raise InputError(f"第 {line_no} 行 Y 坐标的带号前缀为 {prefix}，与第 {first_line} 行的 {zone} 不同："
                             "一个文件只能用一个投影带。")
    if header_zone is not None and header_zone != zone:
        raise InputError(f"文件带号为 {header_zone}，但第 {first_line} 行 Y 坐标的带号前缀为 {zone}："
                         "请核对[属性描述]中的“带号”或坐标。")
    if header_width is not None and zone not in ZONES[header_width]:
        raise InputError(f"文件为 {header_width} 度分带，但第 {first_line} 行 Y 坐标的带号前缀 {zone} 不是 "
                         f"{header_width} 度带带号：请核对“几度分带={attributes.get('几度分带', '')}”。")
    return zone, True


def _towgs84(params: tuple[float, ...]) -> str:
    return ",".join(f"{p:.10g}" for p in params)


def _params_note(datum: str, params: tuple[float, ...]) -> str:
    dx, dy, dz, rx, ry, rz, ppm = params
    return (f"已按文件的转换参数把{DATUMS[datum][0]}转换为 CGCS2000（布尔莎七参数，位置矢量约定："
            f"ΔX={dx:g} 米、ΔY={dy:g} 米、ΔZ={dz:g} 米，εX={rx:g}″、εY={ry:g}″、εZ={rz:g}″，尺度 {ppm:g} ppm）")
