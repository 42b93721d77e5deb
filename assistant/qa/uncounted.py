"""Counts the plan does not give: of a thing at a level it counts nothing at ("有几处市级文物保护单位", where it
counts 11 处国家级 and 12 处省级), or of a thing it speaks of nothing like ("新建几所中小学")."""

from __future__ import annotations

import re
from collections.abc import Callable

from .scope import GENERIC, content_nouns

# "有几处市级文物保护单位", "世界文化遗产有几处": a thing of one level counted (世界, 国家级, 省级, 市级…).
_LEVEL = r"(世界|(?:国家|省|市县|市|县|区|乡|镇|村)级)"
# ("市级文物保护单位被纳入了…", "县级文保单位纳入了几处": the thing ends where what was done to it starts)
_LEVELLED = re.compile(_LEVEL + r"[\u4e00-\u9fff]{2,12}?(?=的|有|是|一?共|总共|几|多少|呢|吗|都|也|被|纳入|列入|划入|$)")
_COUNTED_LEVEL = re.compile(r"\d+\s*[处个项座所家片]\s*" + _LEVEL)
COUNT_ASKED = re.compile(r"(?:几|多少)[处个项座所家片]")
_HAS_ASKED = re.compile(r"有没有|是否|有无|纳没纳|算不算|包不包括|也纳|也算|也包括")


def uncounted_level(question: str, text: str) -> str | None:
    """The thing counted, or asked after ("有没有把市县级文物保护单位也纳进来"), at a level the text counts
    nothing at ("市级文物保护单位" where the plan counts 11 处国家级 and 12 处省级 ones): its counts at other
    levels are no answer. A level the text names the thing at ("市级总体规划确定的…有几处") is no such level."""
    if not (COUNT_ASKED.search(question) or _HAS_ASKED.search(question)):
        return None  # most questions: no count asked, no need to read the text
    counted = {m.group(1) for m in _COUNTED_LEVEL.finditer(text)}
    for clause in re.split(r"[，,。；;？?！!\s]", question):
        # (asked after: only beside the levels the text does count, "11 处国家级、12 处省级")
        if not (COUNT_ASKED.search(clause) or _HAS_ASKED.search(clause) and counted):
            continue
        for found in _LEVELLED.finditer(clause):
            level = found.group(1)
            if level not in counted and found.group(0)[:len(level) + 2] not in text:
                return found.group(0)
    return None


# "新建几所中小学": the thing counted, right after the count asked.
_COUNT_OF = re.compile(r"(?<![那这哪])(?:几|多少)(?:[所个家座处条片栋间]|项(?!目))(?P<thing>[\u4e00-\u9fff]{2,8}?)(?=[呢吗啊呀？?，,。！!]|$)")


def uncounted_thing(question: str, covered: Callable[[str], bool]) -> str | None:
    """The thing counted when the plan speaks of nothing like it ("几所中小学": no 学校, 教育 near it), so it
    cannot count it; a thing it covers in its own or everyday words (养老院 -> 养老) is read as usual."""
    for found in _COUNT_OF.finditer(question):
        nouns = [n for n in content_nouns(found.group("thing")) if n not in GENERIC]
        if nouns and not any(covered(n) for n in nouns):
            return found.group("thing")
    return None
