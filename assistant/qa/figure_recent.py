"""The figures of the last two turns pointed at together: "两个加起来多少？", "哪个大？", "两者差多少？"."""

from __future__ import annotations

import re
from typing import Any

from .figure_cues import ADD_UP, ONE_AGAINST_OTHER, TOTAL
from .figure_query import SCOPE_AREAS, FigureQuery

# The two figures of the last two turns, pointed at together ("两个加起来", "哪个大", "这俩差多少").
THE_TWO = re.compile(r"两个|两者|二者|俩|两项|两类|两条|这两|哪个|谁")


def last_two(question: str, query: FigureQuery, prev: dict[str, Any] | None,
              earlier: dict[str, Any] | None) -> FigureQuery | None:
    """"两个加起来多少？" after 实施 118 and then 延续 229; "哪个大？大多少万亩？" after 城镇开发边界 and then
    永久基本农田: the sum or the difference of the figures the last two turns gave, else None."""
    if not (prev and earlier) or not THE_TWO.search(question):
        return None
    # "这两类加一块儿占全部项目的百分之几？": the whole named is the two figures' own indicator
    if query.indicators and not set(query.indicators) <= set(prev["indicators"]):
        return None
    # ("两者差多少": 两者 names the two, which are then held against each other, not added)
    total = bool(ADD_UP.search(re.sub(r"两者|二者", "", question)) or TOTAL.search(question))
    compare = bool(ONE_AGAINST_OTHER.search(question))
    if total == compare:
        return None
    if list(earlier["indicators"]) == list(prev["indicators"]):
        measures = [m for m in dict.fromkeys([*earlier["measures"], *prev["measures"]]) if m]
        if len(measures) != 2:
            return _other_side(query, prev, earlier) if compare else None
        indicators = list(prev["indicators"])
    else:
        indicators = list(dict.fromkeys([*earlier["indicators"], *prev["indicators"]]))
        measures = [""]
        if len(indicators) != 2 or not compare or earlier["measures"] != [""] or prev["measures"] != [""]:
            return None
    return FigureQuery(indicators, measures, prev["version"] or earlier["version"], "lookup",
                       query.unit or prev["unit"], prev["scope"] or earlier["scope"], total=total, compare=compare,
                       percent=query.percent, decimals=query.decimals)


def _other_side(query: FigureQuery, prev: dict[str, Any], earlier: dict[str, Any]) -> FigureQuery | None:
    """"两个差多少？" after 扩展规模 维护后 and then 维护前: the change between the phases; "两者差多少？" after
    市域's area and then 市辖区's: the one scope against the other. The same figure, asked twice, apart in one
    thing only."""
    if earlier["measures"] != prev["measures"] or earlier["op"] != "lookup" or prev["op"] != "lookup":
        return None
    indicators, measures, unit = list(prev["indicators"]), list(prev["measures"]), query.unit or prev["unit"]
    if earlier["version"] and prev["version"] and earlier["version"] != prev["version"] \
            and earlier["scope"] == prev["scope"]:
        return FigureQuery(indicators, measures, None, "change", unit, prev["scope"], decimals=query.decimals)
    if earlier["scope"] and prev["scope"] and earlier["scope"] != prev["scope"] and set(indicators) <= SCOPE_AREAS:
        return FigureQuery(indicators, measures, None, "lookup", unit, prev["scope"],
                           scopes=[earlier["scope"], prev["scope"]], compare=True, decimals=query.decimals)
    return None
