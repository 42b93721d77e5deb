"""Coordinates as people type them: lon/lat (decimal or 度分秒) in four systems, and GK zone-38 X/Y."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import prcoords

from ..errors import InputError
from ..geo import GK38_PLAIN, METRIC_CRS, STORAGE_CRS, transformer

__all__ = [
    "CRS_LABELS",
    "Point",
    "from_cgcs2000",
    "gk_to_lonlat",
    "in_china",
    "normalize_crs",
    "parse_coordinates",
    "parse_point",
    "parse_xy",
    "split_gk",
    "to_cgcs2000",
    "to_gk38",
]

# Rough box around China used to tell longitude from latitude and to reject far-away points.
LON_RANGE = (73.0, 135.0)
LAT_RANGE = (3.0, 54.0)

GK38_PREFIXED = METRIC_CRS  # easting carries the "38" prefix; GK38_PLAIN: the same without it
GEOGRAPHIC = STORAGE_CRS

# Easting (without prefix) and northing bounds that can occur for zone 38 inside China.
EASTING_RANGE = (200_000.0, 800_000.0)
NORTHING_RANGE = (1_000_000.0, 6_000_000.0)

CRS_LABELS = {
    "cgcs2000": "CGCS2000（国家 2000）",
    "wgs84": "WGS84（GPS）",
    "gcj02": "GCJ-02（高德/腾讯）",
    "bd09": "BD-09（百度）",
}

_CRS_ALIASES = {
    "cgcs2000": ("cgcs2000", "国家2000", "2000国家", "2000", "中国2000", "epsg:4490", "4490", "天地图"),
    "wgs84": ("wgs84", "gps", "epsg:4326", "4326", "谷歌地球", "googleearth"),
    "gcj02": ("gcj02", "高德", "腾讯", "火星", "国测局", "amap", "gaode", "tencent", "qq"),
    "bd09": ("bd09", "bd09ll", "百度", "baidu"),
}

POINT_EXAMPLE = "例如 113.58,37.86 或 东经113°34′48″ 北纬37°51′36″"
XY_EXAMPLE = "例如 X=4192041.80, Y=38463040.30（3 度带 38 带，Y 带 38 前缀）"


@dataclass(frozen=True)
class Point:
    """A point in CGCS2000 (EPSG:4490) lon/lat, with the system it was given in and Chinese notes."""

    lon: float
    lat: float
    crs_in: str  # cgcs2000 | wgs84 | gcj02 | bd09 | EPSG:4526 | EPSG:4547
    notes: tuple[str, ...] = ()


def normalize_crs(name: str | None) -> str:
    """Map a system name in English or Chinese (国家2000, 高德, 百度, 火星坐标 …) to cgcs2000/wgs84/gcj02/bd09."""
    if name is None or not str(name).strip():
        return "cgcs2000"
    key = unicodedata.normalize("NFKC", str(name)).lower()
    key = re.sub(r"[\s\-_]|坐标系|坐标|地图|大地坐标系", "", key)
    for canonical, aliases in _CRS_ALIASES.items():
        if key in aliases:
            return canonical
    raise InputError(
        f"不认识的坐标系“{name}”：请选择 国家2000（CGCS2000）、WGS84（GPS）、高德/腾讯（GCJ-02）或 百度（BD-09）。"
    )


def in_china(lon: float, lat: float) -> bool:
    """True when lon/lat falls in the rough box around China used for all sanity checks."""
    return LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]


def _require_china(lon: float, lat: float, shown: str) -> None:
    if not in_china(lon, lat):
        raise InputError(
            f"坐标“{shown}”（经度 {lon:.6f}，纬度 {lat:.6f}）不在中国范围内（经度 73–135，纬度 3–54）："
            f"请检查数字和经纬度顺序，{POINT_EXAMPLE}。"
        )


def to_cgcs2000(lon: float, lat: float, crs: str = "cgcs2000") -> tuple[float, float]:
    """Convert lon/lat given in `crs` to CGCS2000; GCJ-02/BD-09 use prcoords' precise (iterative) inverse."""
    crs = normalize_crs(crs)
    if crs == "gcj02":
        wgs = prcoords.gcj_wgs_bored((lat, lon))
    elif crs == "bd09":
        wgs = prcoords.bd_wgs_bored((lat, lon))
    else:
        # CGCS2000 and WGS84 differ by centimetres to about a metre here: treated as the same datum.
        return lon, lat
    return wgs.lon, wgs.lat


def from_cgcs2000(lon: float, lat: float, crs: str = "cgcs2000") -> tuple[float, float]:
    """Convert CGCS2000 lon/lat into `crs`, to show a result back in the user's own system."""
    crs = normalize_crs(crs)
    if crs == "gcj02":
        out = prcoords.wgs_gcj((lat, lon), check_china=False)
    elif crs == "bd09":
        out = prcoords.wgs_bd((lat, lon), check_china=False)
    else:
        return lon, lat
    return out.lon, out.lat


def to_gk38(lon: float, lat: float) -> tuple[float, float]:
    """CGCS2000 lon/lat -> (X northing, Y easting with the 38 prefix) in EPSG:4526."""
    easting, northing = transformer(GEOGRAPHIC, GK38_PREFIXED).transform(lon, lat)
    return northing, easting


def gk_to_lonlat(northing, easting, epsg: str = GK38_PREFIXED):
    """GK zone-38 (northing, easting) in `epsg` -> (lon, lat) in CGCS2000; accepts scalars or arrays."""
    return transformer(epsg, GEOGRAPHIC).transform(easting, northing)


# ---------------------------------------------------------------- lon/lat text

_NUM = r"\d+(?:\.\d+)?"
_HEMI = r"东经|西经|北纬|南纬|经度|纬度|经|纬|longitude|latitude|lng|lon|lat|[EWNS](?![a-z])"
_COMPONENT_BODY = rf"""
    (?P<sign>[-+])?(?P<deg>{_NUM})
    (?:\s*(?:°|度)
        (?:\s*(?P<min>{_NUM})\s*(?:'|分)
            (?:\s*(?P<sec>{_NUM})\s*(?:"|秒))?
        )?
    )?
"""
# A label belongs to the number after it ("北纬37.86") or before it ("37.86N"), never both: in
# "N 37.86 E 113.58" the E must not be read as a suffix of 37.86, so the style is chosen per text.
_COMPONENT_PREFIXED = re.compile(rf"(?P<pre>{_HEMI})\s*[:=]?\s*{_COMPONENT_BODY}", re.X | re.I)
_COMPONENT_SUFFIXED = re.compile(rf"{_COMPONENT_BODY}\s*(?P<post>{_HEMI})?", re.X | re.I)
_STARTS_WITH_LABEL = re.compile(rf"\s*(?:{_HEMI})", re.I)
_SEPARATORS = re.compile(r"[\s,;/()\[\]、]*")


def _normalize_text(text: str) -> str:
    # The DMS marks come in many look-alikes; fold them to ° ' " before NFKC splits ″ into two primes.
    for marks, plain in (("º˚∘", "°"), ("″〃”“", '"'), ("′’‘´`", "'")):
        for mark in marks:
            text = text.replace(mark, plain)
    text = unicodedata.normalize("NFKC", text)
    return text.replace("''", '"').replace("。", ".").strip()


def _axis_of(label: str | None) -> tuple[str | None, int]:
    """(axis, sign) named by a hemisphere label: ('lon'|'lat'|None, +1|-1)."""
    if not label:
        return None, 1
    label = label.lower()
    if label in ("西经", "w"):
        return "lon", -1
    if label in ("南纬", "s"):
        return "lat", -1
    if label in ("东经", "经度", "经", "longitude", "lng", "lon", "e"):
        return "lon", 1
    return "lat", 1


def _component_value(match: re.Match, shown: str) -> tuple[float, str | None]:
    deg = float(match["deg"])
    minutes = float(match["min"] or 0)
    seconds = float(match["sec"] or 0)
    if minutes >= 60 or seconds >= 60:
        raise InputError(f"坐标“{shown}”中的分或秒不小于 60：分、秒都应小于 60，例如 113°34′48″E, 37°51′36″N。")
    value = deg + minutes / 60 + seconds / 3600
    groups = match.groupdict()
    axis, hemisphere_sign = _axis_of(groups.get("pre") or groups.get("post"))
    sign = -1 if match["sign"] == "-" else 1
    return sign * hemisphere_sign * value, axis


def _split_components(text: str, shown: str) -> list[tuple[float, str | None]]:
    components, position = [], 0
    pattern = _COMPONENT_PREFIXED if _STARTS_WITH_LABEL.match(text) else _COMPONENT_SUFFIXED
    for match in pattern.finditer(text):
        gap = text[position : match.start()]
        if _SEPARATORS.fullmatch(gap) is None:
            raise InputError(f"无法识别坐标“{shown}”中的“{gap.strip()}”：{POINT_EXAMPLE}。")
        components.append(_component_value(match, shown))
        position = match.end()
    rest = text[position:]
    if not components:
        raise InputError(f"无法识别坐标“{shown}”：需要经度和纬度两个数，{POINT_EXAMPLE}。")
    if _SEPARATORS.fullmatch(rest) is None:
        raise InputError(f"无法识别坐标“{shown}”中的“{rest.strip()}”：{POINT_EXAMPLE}。")
    return components


def _order_lon_lat(a: tuple[float, str | None], b: tuple[float, str | None], shown: str):
    """Return (lon, lat, swapped_by_range) from two components, by labels first and value ranges second."""
    (va, axis_a), (vb, axis_b) = a, b
    if axis_a and axis_b and axis_a == axis_b:
        name = "经度" if axis_a == "lon" else "纬度"
        raise InputError(f"坐标“{shown}”两个数都标成了{name}：需要一个经度和一个纬度，{POINT_EXAMPLE}。")
    if axis_a or axis_b:
        # Labels were explicit, so the order is not worth a note.
        if axis_a == "lon" or axis_b == "lat":
            return va, vb, False
        return vb, va, False

    def fits(lon: float, lat: float) -> bool:
        return in_china(lon, lat)

    straight, swapped = fits(va, vb), fits(vb, va)
    if straight:
        return va, vb, False
    if swapped:
        return vb, va, True
    lon_like = [LON_RANGE[0] <= v <= LON_RANGE[1] for v in (va, vb)]
    lat_like = [LAT_RANGE[0] <= v <= LAT_RANGE[1] for v in (va, vb)]
    if all(lon_like) or all(lat_like):
        raise InputError(
            f"无法判断坐标“{shown}”中哪个是经度、哪个是纬度（阳泉一带经度约 113.6、纬度约 37.9）："
            f"请按“经度,纬度”输入，或加上“东经/北纬”，{POINT_EXAMPLE}。"
        )
    _require_china(va, vb, shown)
    raise AssertionError("unreachable")  # pragma: no cover


def parse_point(text: str, crs: str = "cgcs2000") -> Point:
    """Parse a lon/lat point typed by a person and return it in CGCS2000.

    Accepts "113.58,37.86", "37.86 113.58" (order detected from the value ranges),
    "东经113.58 北纬37.86", "113.58E 37.86N", 度分秒 ("113°34′48″E", "113度34分48秒"),
    full-width digits and punctuation. `crs` is cgcs2000 (default), wgs84, gcj02 or bd09,
    or a Chinese name (国家2000, 高德, 腾讯, 百度, 火星坐标). Raises InputError in Chinese.
    """
    shown = (text or "").strip()
    crs_key = normalize_crs(crs)
    if not shown:
        raise InputError(f"没有输入坐标：请输入经度和纬度，{POINT_EXAMPLE}。")
    components = _split_components(_normalize_text(shown), shown)
    if len(components) != 2:
        raise InputError(f"无法识别坐标“{shown}”：需要经度和纬度两个数，{POINT_EXAMPLE}。")
    if any(abs(value) > 180 for value, _ in components):
        raise InputError(
            f"坐标“{shown}”的数值超出经纬度范围：若是平面坐标（米），请按 X/Y 平面坐标输入，{XY_EXAMPLE}；"
            f"若是经纬度，{POINT_EXAMPLE}。"
        )
    lon_in, lat_in, swapped = _order_lon_lat(components[0], components[1], shown)
    _require_china(lon_in, lat_in, shown)

    notes = []
    if swapped:
        notes.append(f"按数值范围判断为“纬度, 经度”顺序：经度 {lon_in:g}，纬度 {lat_in:g}")
    lon, lat = to_cgcs2000(lon_in, lat_in, crs_key)
    if crs_key in ("cgcs2000", "wgs84"):
        notes.append("CGCS2000（国家 2000）与 WGS84（GPS）经纬度相差不到 1 米，本核查按同一坐标系处理")
    else:
        shift = prcoords.Coords(lat_in, lon_in).distance(prcoords.Coords(lat, lon))
        notes.append(f"已将{CRS_LABELS[crs_key]}坐标转换为 CGCS2000，偏移约 {shift:.0f} 米")
    return Point(lon=lon, lat=lat, crs_in=crs_key, notes=tuple(notes))


# ---------------------------------------------------------------- GK X/Y text


def _integer_digits(value: float) -> int:
    return len(str(int(abs(value)))) if abs(value) >= 1 else 0


def _easting_kind(value: float, shown: str) -> tuple[float, str] | None:
    """(easting without prefix, epsg) when `value` looks like a zone-38 easting; None if it looks like X."""
    digits = _integer_digits(value)
    if digits == 8:
        prefix = int(abs(value)) // 1_000_000
        if prefix != 38:
            raise InputError(
                f"“{shown}”中的 Y 坐标 {value:.2f} 带号前缀为 {prefix}，本系统只支持 CGCS2000 3 度带第 38 带"
                f"（中央经线 114°E，阳泉所在带）：请换算到 38 带或改用经纬度，{XY_EXAMPLE}。"
            )
        return value - 38_000_000, GK38_PREFIXED
    if digits == 6:
        return value, GK38_PLAIN
    return None


def split_gk(a: float, b: float, shown: str | None = None) -> tuple[float, float, str, bool]:
    """Tell X (northing) from Y (easting) by magnitude: (northing, easting_without_prefix, epsg, swapped).

    `swapped` is True when `a` was the easting. Raises InputError for a wrong zone prefix,
    values that cannot be zone-38 GK coordinates, or two numbers of the same kind.
    """
    shown = shown or f"{a}, {b}"
    east_a, east_b = _easting_kind(a, shown), _easting_kind(b, shown)
    north_a, north_b = _integer_digits(a) == 7, _integer_digits(b) == 7
    if north_a and east_b:
        northing, (easting, epsg), swapped = a, east_b, False
    elif north_b and east_a:
        northing, (easting, epsg), swapped = b, east_a, True
    elif (north_a and north_b) or (east_a and east_b):
        raise InputError(
            f"无法区分“{shown}”中的 X 和 Y：X（北坐标）应为 7 位整数，Y（东坐标）为带 38 前缀的 8 位或不带前缀的 6 位，"
            f"{XY_EXAMPLE}。"
        )
    else:
        raise InputError(
            f"“{shown}”不是 3 度带第 38 带的高斯平面坐标：X（北坐标）应为 7 位整数（阳泉约 4,1xx,xxx），"
            f"Y（东坐标）为 38 开头的 8 位或 6 位，{XY_EXAMPLE}。"
        )
    if not (NORTHING_RANGE[0] <= northing <= NORTHING_RANGE[1] and EASTING_RANGE[0] <= easting <= EASTING_RANGE[1]):
        raise InputError(
            f"“{shown}”超出了 3 度带第 38 带在中国境内的范围（X 约 1,000,000–6,000,000，"
            f"不带前缀的 Y 约 200,000–800,000）：请检查数字，{XY_EXAMPLE}。"
        )
    return northing, easting, epsg, swapped


_XY_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_XY_ALLOWED = re.compile(r"[\sxyXY北东坐标横纵:=,;/()\[\]、-]*")


def parse_xy(text: str) -> Point:
    """Parse CGCS2000 3-degree GK zone-38 X/Y (in either order, with or without the 38 prefix) to CGCS2000 lon/lat.

    X is the northing (7 integer digits), Y the easting (8 digits starting 38, or 6 digits);
    the two are told apart by magnitude. Raises InputError in Chinese.
    """
    shown = (text or "").strip()
    if not shown:
        raise InputError(f"没有输入平面坐标：{XY_EXAMPLE}。")
    normalized = _normalize_text(shown)
    numbers = _XY_NUMBER.findall(normalized)
    leftover = _XY_NUMBER.sub(" ", normalized)
    if _XY_ALLOWED.fullmatch(leftover) is None:
        raise InputError(f"无法识别平面坐标“{shown}”：只需 X、Y 两个数，{XY_EXAMPLE}。")
    if len(numbers) != 2:
        raise InputError(f"无法识别平面坐标“{shown}”：需要 X 和 Y 两个数，{XY_EXAMPLE}。")
    northing, easting, epsg, swapped = split_gk(float(numbers[0]), float(numbers[1]), shown)
    lon, lat = gk_to_lonlat(northing, easting, GK38_PLAIN)
    _require_china(lon, lat, shown)
    prefix = "Y 带 38 带号前缀" if epsg == GK38_PREFIXED else "Y 不带带号前缀"
    notes = [f"按 CGCS2000 3 度带第 38 带（中央经线 114°E，{prefix}）解读"]
    if swapped:
        notes.append(f"按数值大小识别：{numbers[1]} 为 X（北坐标），{numbers[0]} 为 Y（东坐标）")
    return Point(lon=lon, lat=lat, crs_in=epsg, notes=tuple(notes))


def parse_coordinates(text: str, crs: str = "cgcs2000") -> Point:
    """Parse either lon/lat or GK X/Y: numbers above 180 mean metres, so X/Y; otherwise lon/lat in `crs`."""
    numbers = [float(n) for n in _XY_NUMBER.findall(_normalize_text(text or ""))]
    if numbers and max(abs(n) for n in numbers) > 100_000:
        return parse_xy(text)
    return parse_point(text, crs)

