"""不动产单元号 (GB/T 37346-2019): parse, validate and format the 28-character real-estate unit ID."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import InputError

# Only Yangquan's five county-level divisions: the assistant answers for this plan alone.
COUNTY_CODES = {
    "140302": "城区",
    "140303": "矿区",
    "140311": "郊区",
    "140321": "平定县",
    "140322": "盂县",
}

# 宗地（宗海）特征码, first letter: who owns the land.
OWNERSHIP_CODES = {
    "G": "国家土地（海域）所有权",
    "J": "集体土地所有权",
    "Z": "土地（海域）所有权未确定或有争议",
}

# 宗地（宗海）特征码, second letter: the kind of right the parcel carries (GB/T 37346-2019 table 2).
RIGHT_CODES = {
    "A": "集体土地所有权宗地",
    "B": "建设用地使用权宗地（地表）",
    "S": "建设用地使用权宗地（地上）",
    "X": "建设用地使用权宗地（地下）",
    "C": "宅基地使用权宗地",
    "D": "土地承包经营权宗地（耕地）",
    "E": "土地承包经营权宗地（林地）",
    "F": "土地承包经营权宗地（草地）",
    "L": "林地使用权宗地（承包经营以外的）",
    "N": "农用地使用权宗地（承包经营以外的、非林地）",
    "H": "海域使用权宗海",
    "G": "无居民海岛使用权海岛",
    "W": "使用权未确定或有争议的土地",
    "Y": "其他使用权宗地",
}

# Rights that only exist on collectively owned land.
COLLECTIVE_ONLY = {"A", "C"}

# 定着物特征码: what stands on the parcel.
FIXTURE_CODES = {
    "F": "房屋等建筑物、构筑物",
    "L": "森林或林木",
    "Q": "其他类型定着物",
    "W": "无定着物",
}

LENGTH = 28
_LAYOUT = (  # (field, start, end, description) — end exclusive
    ("county_code", 0, 6, "县级行政区划代码"),
    ("cadastral_district", 6, 9, "地籍区代码"),
    ("cadastral_subdistrict", 9, 12, "地籍子区代码"),
    ("parcel_feature", 12, 14, "宗地特征码"),
    ("parcel_seq", 14, 19, "宗地顺序号"),
    ("fixture_feature", 19, 20, "定着物特征码"),
    ("fixture_unit", 20, 28, "定着物单元号"),
)
_SEPARATORS = re.compile(r"[\s\-－—_·.]+")


@dataclass(frozen=True)
class UnitId:
    """The seven parts of a 不动产单元号 with their Chinese meanings."""

    county_code: str
    cadastral_district: str
    cadastral_subdistrict: str
    parcel_feature: str
    parcel_seq: str
    fixture_feature: str
    fixture_unit: str

    @property
    def county(self) -> str:
        return COUNTY_CODES[self.county_code]

    @property
    def ownership(self) -> str:
        return OWNERSHIP_CODES[self.parcel_feature[0]]

    @property
    def right_type(self) -> str:
        return RIGHT_CODES[self.parcel_feature[1]]

    @property
    def fixture(self) -> str:
        return FIXTURE_CODES[self.fixture_feature]

    @property
    def parcel_code(self) -> str:
        """宗地代码: the first 19 characters, shared by every unit on the same parcel."""
        return str(self)[:19]

    def __str__(self) -> str:
        return format_unit_id(self)

    def describe(self) -> list[tuple[str, str, str]]:
        """(label, code, meaning) rows for display."""
        return [
            ("县级行政区划", self.county_code, self.county),
            ("地籍区", self.cadastral_district, f"第 {int(self.cadastral_district)} 地籍区"),
            ("地籍子区", self.cadastral_subdistrict, f"第 {int(self.cadastral_subdistrict)} 地籍子区"),
            ("宗地特征码", self.parcel_feature, f"{self.ownership}；{self.right_type}"),
            ("宗地顺序号", self.parcel_seq, f"第 {int(self.parcel_seq)} 宗"),
            ("定着物特征码", self.fixture_feature, self.fixture),
            ("定着物单元号", self.fixture_unit, _fixture_unit_meaning(self.fixture_feature, self.fixture_unit)),
        ]


def _fixture_unit_meaning(feature: str, unit: str) -> str:
    if feature == "W":
        return "无定着物单元"
    if feature == "F":
        return f"第 {int(unit[:4])} 幢 第 {int(unit[4:])} 户（套）"
    return f"定着物单元 {int(unit)}"


def normalize(text: str) -> str:
    """Drop spaces, hyphens and other separators people type; full-width to ASCII; upper-case."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text or "")).upper()


def looks_like_unit_id(text: str) -> bool:
    """True when the text is plausibly meant as a unit ID (so errors should be reported, not ignored)."""
    s = normalize(text)
    return 24 <= len(s) <= 32 and s[:6].isdigit() and sum(c.isalpha() for c in s) >= 2


def parse_unit_id(text: str) -> UnitId:
    """Parse a 不动产单元号; raise InputError naming the first defect found."""
    s = normalize(text)
    if not s:
        raise InputError("请输入不动产单元号（28 位，例如 140311001002GB00011F00010001）。")
    if len(s) != LENGTH:
        raise InputError(f"不动产单元号应为 {LENGTH} 位，您输入了 {len(s)} 位（已忽略空格和连字符），请核对后重新输入。")
    bad = [(i + 1, c) for i, c in enumerate(s) if not ("0" <= c <= "9" or "A" <= c <= "Z")]
    if bad:
        pos, ch = bad[0]
        raise InputError(f"不动产单元号第 {pos} 位“{ch}”不是数字或字母，请只输入数字和大写字母。")
    parts = {name: s[a:b] for name, a, b, _ in _LAYOUT}
    for name, a, b, label in _LAYOUT:
        value = parts[name]
        if name in ("parcel_feature", "fixture_feature"):
            for offset, ch in enumerate(value):
                if not ch.isalpha():
                    raise InputError(
                        f"不动产单元号第 {a + offset + 1} 位应为字母（{label}），您输入的是数字“{ch}”。")
        elif not value.isdigit():
            offset, ch = next((i, c) for i, c in enumerate(value) if not c.isdigit())
            raise InputError(
                f"不动产单元号第 {a + 1}–{b} 位是{label}，应为 {b - a} 位数字，"
                f"第 {a + offset + 1} 位却是字母“{ch}”。")
    county = parts["county_code"]
    if county not in COUNTY_CODES:
        known = "、".join(f"{c} {n}" for c, n in COUNTY_CODES.items())
        raise InputError(f"县级行政区划代码 {county} 不属于阳泉市；阳泉市的代码为：{known}。")
    if parts["cadastral_district"] == "000":
        raise InputError("地籍区代码不能为 000，应为 001–999。")
    if parts["cadastral_subdistrict"] == "000":
        raise InputError("地籍子区代码不能为 000，应为 001–999。")
    owner, right = parts["parcel_feature"]
    if owner not in OWNERSHIP_CODES:
        raise InputError(
            f"宗地特征码第 1 位“{owner}”无效：应为 G（国家土地所有权）、J（集体土地所有权）"
            "或 Z（土地所有权未确定或有争议）。")
    if right not in RIGHT_CODES:
        allowed = "、".join(RIGHT_CODES)
        raise InputError(f"宗地特征码第 2 位“{right}”无效：应为 {allowed} 之一（见 GB/T 37346）。")
    if right in COLLECTIVE_ONLY and owner != "J":
        raise InputError(
            f"宗地特征码 {owner}{right} 不成立：{RIGHT_CODES[right]}只存在于集体土地上，第 1 位应为 J。")
    if parts["parcel_seq"] == "00000":
        raise InputError("宗地顺序号不能为 00000，应为 00001–99999。")
    fixture, unit = parts["fixture_feature"], parts["fixture_unit"]
    if fixture not in FIXTURE_CODES:
        raise InputError(
            f"定着物特征码“{fixture}”无效：应为 F（房屋等建筑物、构筑物）、L（森林或林木）、"
            "Q（其他类型定着物）或 W（无定着物）。")
    if fixture == "W" and unit != "00000000":
        raise InputError(f"定着物特征码为 W（无定着物）时，定着物单元号应为 00000000，您输入的是 {unit}。")
    if fixture != "W" and unit == "00000000":
        raise InputError(
            f"定着物特征码为 {fixture}（{FIXTURE_CODES[fixture]}）时，定着物单元号不能为 00000000；"
            "若宗地上没有定着物，请使用特征码 W。")
    return UnitId(**parts)


def format_unit_id(parts: UnitId | dict) -> str:
    """Join the seven parts (UnitId or dict; ints are zero-padded) into a validated 28-character ID."""
    values = parts.__dict__ if isinstance(parts, UnitId) else parts
    out = []
    for name, a, b, label in _LAYOUT:
        value = values[name]
        if isinstance(value, int):
            value = f"{value:0{b - a}d}"
        value = str(value).upper()
        if len(value) != b - a:
            raise InputError(f"{label}应为 {b - a} 位，得到“{value}”。")
        out.append(value)
    text = "".join(out)
    parse_unit_id(text)  # a formatted ID must also be a valid one
    return text
