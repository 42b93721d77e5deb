"""A figure named by its value: "8.2593万亩是多少公顷？" asks of the plan's number, which stands for what it
measures (市辖区永久基本农田维护前), so the question is read with that name in the number's place."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .figure_cues import AREA_SAID, AREA_UNIT_NAMES
from .figure_query import parse

# An area as the plan writes one, with its unit said after it (平方公里 is the everyday 平方千米).
_AREA = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*({AREA_SAID})")


def _name(figure: Mapping) -> str:
    """What a figure measures, in the words the figure questions use (市辖区永久基本农田维护前)."""
    indicator, phase, scope = figure["indicator"], figure["phase"], figure["scope"] or ""
    if phase in ("维护前", "维护后"):
        return f"{scope}{indicator}{phase}"
    if phase == "扩展规模":
        return f"{scope}{indicator}{figure['version'] or ''}扩展规模"
    if phase == "预留机动":
        return f"{scope}{indicator}预留机动规模"
    if phase in ("调出", "调入"):
        return f"{indicator}本次{phase}"
    return f"{scope}{indicator}"  # 现状: 市辖区国土面积, 中心城区面积


def named_by_value(question: str, figures: Iterable[Mapping]) -> str:
    """The question with an area the plan states, written with its unit, replaced by what it measures, when the
    question names no indicator of its own and the number is one figure's alone ("9387.50公顷合多少平方公里"
    -> "市辖区城镇开发边界维护后合多少平方公里"). A number the plan does not state is left as it is."""
    figures = list(figures)
    if not figures or not _AREA.search(question) or parse(question).indicators:
        return question  # (parsed only when a number with its unit is said: every question passes here)

    def named(found: re.Match) -> str:
        number, unit = found.group(1), AREA_UNIT_NAMES[found.group(2)]
        names = {_name(f) for f in figures if f["value_text"] == number and f["unit"] == unit}
        return names.pop() if len(names) == 1 else found.group(0)

    return _AREA.sub(named, question)


# "最多的比最少的多几项？": the kinds of a count ranked by their figures, named by the phrase that ranks them.
_RANKED = re.compile(r"(?P<rank>最多|最大|最少|最小)的(?:那[类种个项])?")
_COUNT_UNITS = ("项", "处")


def _count_unit(question: str) -> str | None:
    """The count unit the question counts in ("多少项", "几处", "项目"), else None."""
    return next((u for u in _COUNT_UNITS if re.search(rf"(?:几|多少)个?{u}|{u}目?", question)), None)


def _counted_kinds(figures: Iterable[Mapping], unit: str | None) -> dict[str, list[Mapping]]:
    """indicator -> its kinds' rows, for each indicator whose count (in `unit`, or in any count unit when None)
    the plan splits into three kinds or more (重点建设项目: 实施、延续…; its 总数 is no kind)."""
    kinds: dict[str, list[Mapping]] = {}
    for f in figures:
        if f["unit"] in _COUNT_UNITS and (unit is None or f["unit"] == unit) and f["phase"] != "总数":
            kinds.setdefault(f["indicator"], []).append(f)
    return {indicator: rows for indicator, rows in kinds.items() if len(rows) >= 3}


def ranked_named(question: str, figures: Iterable[Mapping]) -> str:
    """"最多的和最少的差多少项？" -> "延续的和更新的差多少项？": the kinds one indicator's count is split into
    (重点建设项目: 实施、延续…; its 总数 is no kind), when the question counts in their unit and sets the most
    against the fewest, are named for them; any other question is left as it is."""
    unit = _count_unit(question)
    ranks = {found.group("rank") for found in _RANKED.finditer(question)}
    # (both ends asked against each other; "数量最多的是哪一类" is read off the sentence listing them all)
    if unit is None or not ranks & {"最多", "最大"} or not ranks & {"最少", "最小"}:
        return question
    counted = list(_counted_kinds(figures, unit).values())
    if len(counted) != 1:
        return question
    rows = counted[0]
    most = max(rows, key=lambda f: float(f["value"]))["phase"]
    fewest = min(rows, key=lambda f: float(f["value"]))["phase"]
    return _RANKED.sub(lambda m: f"{most if m.group('rank') in ('最多', '最大') else fewest}的", question)


# "五类项目里哪类最多？", "排第二的是哪类？", then "最少的呢？", "排第二的呢？": a kind of a count picked by its rank.
_WHICH_RANK = re.compile(r"哪一?[类种个项]?[^，。？?]{0,6}?(?P<a>最多|最少|第[二三四五]多|第[二三四五]少)|"
                         r"(?P<b>最多|最少|第[二三四五]多|第[二三四五]少|排(?:在)?第[一二三四五](?:位|名)?|倒数第[一二三四五])的?(?:那[类种个项])?"
                         r"(?:是|为)?(?:哪|什么|啥|呢|[？?]|$)")
_ORDINALS = "一二三四五"


def ranked_kind(question: str, figures: Iterable[Mapping], last: str | None = None) -> tuple[str, str, str] | None:
    """(question read with the kind named, the note saying why, the indicator ranked) when a kind of a count is
    asked by its rank ("五类项目里哪类最多？" -> "重点建设项目中延续的有多少项？"); `last`, the indicator the turn
    before ranked, lets a bare "最少的呢？" rank it again. None for any other question."""
    found = _WHICH_RANK.search(question)
    if not found:
        return None
    unit = _count_unit(question)
    counted = _counted_kinds(figures, unit)
    indicator = last if last in counted and (unit is None or len(counted) > 1) else \
        next(iter(counted)) if len(counted) == 1 and unit is not None else None
    # ("新增项目里哪类最多": the kinds of one kind, which the plan does not count)
    if indicator is None or any(f["phase"] in question for f in counted[indicator]):
        return None
    rows = sorted(counted[indicator], key=lambda f: -float(f["value"]))
    rank = found.group("a") or found.group("b")
    place = next((_ORDINALS.index(c) for c in rank if c in _ORDINALS), 0)
    index = len(rows) - 1 - place if "少" in rank or "倒数" in rank else place
    pick = rows[index]
    said = "、".join(f"{f['phase']} {f['value_text']} {f['unit']}" for f in rows)
    note = f"方案给出的{indicator}按{pick['unit']}数从多到少为：{said}；“{rank}”的是{pick['phase']}。"
    return f"{indicator}中{pick['phase']}的有多少{pick['unit']}？", note, indicator


# "重点项目按状态分了哪几类？", "项目有哪几种状态？": the kinds a count is split into, asked by what they are (状态);
# the plan names them only by their counts (实施 118 项、延续 229 项…).
_KINDS_ASKED = re.compile(r"哪[几些]?[类种个]|几[类种个]|分(?:成|为|了)")


def kinds_of_count(question: str, figures: Iterable[Mapping]) -> str | None:
    """The question asking every kind's count ("重点建设项目中实施、延续…各有多少项？") when the kinds of a
    count the plan splits are asked by their status; None for any other question."""
    if "状态" not in question or not _KINDS_ASKED.search(question):
        return None
    counted = _counted_kinds(figures, None)
    indicator = next((i for i in parse(question).indicators if i in counted), None)
    if indicator is None:
        return None
    kinds = "、".join(f["phase"] for f in counted[indicator])
    return f"{indicator}中{kinds}各有多少{counted[indicator][0]['unit']}？"
