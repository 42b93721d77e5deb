"""Read a spatial statistics question: which layer (and class), where, which version or change, what to show.

"城区有哪些图斑调出了永久基本农田" -> layer 永久基本农田, phase 调出, area 城区, show the 图斑 list.
Classes (乡村发展区, 居住用地, 南山宾馆…) come from the layer data itself and from the land-use code table,
so imported layers with other names and codes are understood the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..layers.landuse_codes import CODES
from ..plan.vocabulary import CHECK_LAYERS, CITY_DISTRICTS, LAYER_SYNONYMS, OTHER_COUNTIES, find_layer

# Layers whose class words are looked for first when the question names no layer.
CLASS_PRIORITY = ("中心城区用地", "规划分区")
_AMOUNT = re.compile(r"多少|多大|面积|(?<!哪)几[个块处项宗]|数量|公顷|亩|平方")  # 哪几个方面 asks a list
# "地块…用途能改吗": a rule asked of a parcel, which the plan text answers, not the layers.
_ASKS_RULE = re.compile(r"能不能|能否|可否|可不可以|可以|允许|行不行|能.{0,8}吗|要求|规定|怎么办")
# Indicators only the plan text states (扩展规模, 扩展倍数, 预留机动规模 …): no layer measures them.
_PLAN_INDICATOR = re.compile(r"规模|倍数|人口|投资|占比|比例")
# "宅基地每户最多能批多少平方米", "乡村发展区细化成了哪几个二级分区": a standard per unit or the plan's own
# classes, which no sum over the layers gives.
_NOT_LAYER_SUM = re.compile(r"每户|每人|每栋|每家|户均|人均|最多能|最多可|最少要|上限|下限|细化|细分|二级|下设")
# "能提供多少个托位": a count of things no layer holds (the layers count 图斑 and 项目, of a line named)
_COUNTED = re.compile(r"(?:多少|几)个([\u4e00-\u9fff][^，,。？?！!（]*)")
_LAYER_COUNTS = re.compile(r"图斑|地块|斑块|块|项目|地方|片")
_LIST = re.compile(r"哪些|哪几|列出|列举|明细|清单|编号|每个|每块|每处|各[个块处]")
# "中心城区总面积", "郊区的面积": the place itself is what is asked about, not where a layer is measured.
_PLACE_AS_SUBJECT = re.compile(r"(?:中心城区|城区|矿区|郊区|市辖区|平定县|盂县)(?:范围)?的?总?面积")
_BY_COUNTY = re.compile(r"分布在?哪|分布情况|各县区|各区县|各区|各县|哪些(?:县区|区县|区|县|乡镇|镇)|按县区|按区")
_FEATURE_WORDS = re.compile(r"图斑|地块|斑块|要素|宗地|多边形")
_TOWN_WORDS = re.compile(r"乡镇|街道|哪些镇|哪个镇")
_CHANGE = (("调出", re.compile(r"调出|划出|移出|退出|调整(?![前后])")),
           ("调入", re.compile(r"调入|划入|纳入|补划|调整(?![前后])")))
_BOTH_VERSIONS = re.compile(r"(?:维护|调整)前后|前后(?:各|分别)|前后两")
_BEFORE = re.compile(r"维护前|调整前|原规划|原来|原先|原有")
_AFTER = re.compile(r"维护后|调整后|现在|目前|现行|最新")
_AREAS = (("平定县", re.compile(r"平定")), ("盂县", re.compile(r"盂县")), ("市辖区", re.compile(r"市辖区|市区")),
          ("矿区", re.compile(r"矿区")), ("郊区", re.compile(r"郊区")), ("城区", re.compile(r"(?<![中老新])城区")))
_CODE_PREFIX = re.compile(r"^[0-9]+\s+")
# "保护历史建筑的紫线": what a line is drawn to protect, said before it, describes the line, not a class of it.
_PROTECTING = r"(?:保护|守护|护住|管住|圈住|围住)"


@dataclass(frozen=True)
class ClassTerm:
    """A word for one class of a layer's features: all features whose code starts with `code`, or named `name`."""

    term: str
    layer: str
    code: str = ""
    name: str = ""
    plan_counts: bool = False  # the plan text states a number for it ("11 处国家级文物保护单位")


@dataclass(frozen=True)
class SpatialRequest:
    layer: str
    phases: tuple[str, ...]           # 维护前 / 维护后 (versions) or 调出 / 调入 (changes)
    areas: tuple[str, ...] = ("",)    # "" = the whole layer; 城区 … 盂县, 市辖区, 中心城区范围
    term: ClassTerm | None = None
    show: str = "summary"             # summary | features | by_county | composition | projects
    towns_asked: bool = False         # "分布在哪些乡镇": the layers hold no town boundaries


def _plan_counts(word: str, plan_text: str) -> bool:
    return bool(plan_text) and re.search(rf"\d\s*\S{{0,3}}{re.escape(word)}|{re.escape(word)}\S{{0,4}}\d",
                                         plan_text) is not None


def class_terms(rows: Iterable[tuple[str, str | None, str | None, int]], plan_text: str = "") -> list[ClassTerm]:
    """Class words from (layer, name, code, features) rows of stats_layer_classes, plus land-use class names.

    A worded code (历史建筑, 国家级) is a class word itself; a numeric code (05, 0701) is named by its most
    frequent feature name (05 乡村发展区); any other feature name selects the features of that name.
    """
    rows = [r for r in rows if r[0] in CHECK_LAYERS]
    main_name: dict[tuple[str, str], tuple[int, str]] = {}
    for layer, name, code, n in rows:
        if code and ((layer, code) not in main_name or n > main_name[(layer, code)][0]):
            main_name[(layer, code)] = (n, name)
    layer_words = {w for layer, words in LAYER_SYNONYMS.items() if layer in CHECK_LAYERS for w in words}
    terms: dict[tuple[str, str], ClassTerm] = {}

    def add(word: str, layer: str, code: str = "", name: str = "") -> None:
        if len(word) >= 2 and word != layer and word not in layer_words:
            terms.setdefault((layer, word), ClassTerm(word, layer, code, name, _plan_counts(word, plan_text)))

    for layer, name, code, _n in rows:
        word = _CODE_PREFIX.sub("", name or "").strip()
        if code and not code.isdigit():
            add(code, layer, code=code)
            add(word, layer, name=name)
        elif code and main_name[(layer, code)][1] == name:
            add(word, layer, code=code)
        else:
            add(word, layer, name=name)
    # Land-use classes at every level (居住用地 = 07: 0701, 0703 …) for layers whose names follow the land-use
    # code table ("0701 城镇住宅用地", "城市绿线·公园绿地"); 规划分区 codes look alike but name zones.
    named_codes: dict[str, list[bool]] = {}
    for layer, name, code, _n in rows:
        if code:
            named_codes.setdefault(layer, []).append(CODES.get(code, "\0") in (name or ""))
    for layer, agrees in named_codes.items():
        if sum(agrees) * 2 <= len(agrees):
            continue
        codes = {r[2] for r in rows if r[0] == layer and r[2]}
        for code, word in CODES.items():
            if any(c.startswith(code) for c in codes):
                add(word, layer, code=code)
    return sorted(terms.values(), key=lambda t: (-len(t.term), t.term))


def _find_class(question: str, terms: Iterable[ClassTerm], layer: str | None) -> ClassTerm | None:
    """The layer class a question names; not one that only describes a line ("公园绿地那条线" is 城市绿线,
    "保护历史建筑的紫线" is 城市紫线 whole)."""
    found = [t for t in terms if t.term in question and (layer is None or t.layer == layer)
             and not re.search(re.escape(t.term) + r"[^，,。？?]{0,3}?(?:那|这|的)(?:条|根|道|圈)?线", question)
             and not re.search(_PROTECTING + re.escape(t.term) + r"[^，,。？?]{0,2}?(?:那|这|的)[^，,。？?]{0,3}线", question)]
    if not found:
        return None
    longest = max(len(t.term) for t in found)
    found = [t for t in found if len(t.term) == longest]
    rank = {name: i for i, name in enumerate(CLASS_PRIORITY)}
    return min(found, key=lambda t: rank.get(t.layer, len(rank)))


def find_areas(question: str) -> tuple[str, ...]:
    """The areas a question names, in order of appearance; 中心城区 is 中心城区范围 (not 城区)."""
    text = question.replace("中心城区范围", "中心城区")
    hits = [(m.start(), "中心城区范围") for m in re.finditer("中心城区", text)]
    rest = text.replace("中心城区", "＿" * 4)
    for area, pattern in _AREAS:
        hits += [(m.start(), area) for m in pattern.finditer(rest)]
    return tuple(dict.fromkeys(area for _, area in sorted(hits)))


def find_phases(question: str) -> tuple[str, ...]:
    """Changes (调出/调入) when asked, else versions; 维护后 when nothing is said."""
    changes = tuple(change for change, pattern in _CHANGE if pattern.search(question))
    if changes:
        return changes
    if _BOTH_VERSIONS.search(question) or (_BEFORE.search(question) and _AFTER.search(question)):
        return ("维护前", "维护后")
    return ("维护前",) if _BEFORE.search(question) else ("维护后",)


def parse(question: str, terms: Iterable[ClassTerm] = ()) -> SpatialRequest | None:
    """A SpatialRequest when the question asks the layers for an amount or a list, else None."""
    q = question.strip()
    named = find_layer(q)
    if named and named[0] == "中心城区范围":  # "中心城区范围内的城镇开发边界": the range is where, the line what
        named = find_layer(q.replace(named[1], "", 1)) or named
    layer = named[0] if named and named[0] in (*CHECK_LAYERS, "重点建设项目") else None
    areas = find_areas(q)
    features_asked = bool(_FEATURE_WORDS.search(q))
    listing = bool(_LIST.search(q))
    by_county = bool(_BY_COUNTY.search(q))
    if layer == "中心城区用地" and re.search(r"构成|结构|占比|比例|各类", q) or \
            "中心城区" in q and "用地" in q and re.search(r"构成|结构|比例|各类用地", q):
        return SpatialRequest("中心城区用地", find_phases(q)[-1:], ("中心城区范围",), show="composition")
    # "哪些" alone asks the plan text ("聚焦在哪些方面"); a list from the layers needs an amount or 图斑 words.
    if not (_AMOUNT.search(q) or features_asked) or _PLAN_INDICATOR.search(q) or _PLACE_AS_SUBJECT.search(q) \
            or _NOT_LAYER_SUM.search(q):
        return None
    if not (_AMOUNT.search(q) or listing) and _ASKS_RULE.search(q):
        return None
    counted = _COUNTED.search(q)
    if counted and not _LAYER_COUNTS.search(counted.group(1)) and not find_layer(counted.group(1)):
        return None
    if layer == "重点建设项目":
        counties = [a for a in areas if a in (*CITY_DISTRICTS, *OTHER_COUNTIES)]
        if counties and re.search(r"多少|几个|几项|数量", q):
            return SpatialRequest(layer, (), (counties[0],), show="projects")
        return None
    term = _find_class(q, terms, layer)  # 生态控制区 is no layer of its own: any layer's class words
    if term is not None:
        layer = term.layer
    if layer is None:
        return None
    phases = find_phases(q)
    local = [a for a in areas if a != "市辖区"]
    # The plan states 市辖区 (and 中心城区 for its own lines) totals: those stay figure questions unless the
    # question asks about 图斑, a class, a change by place, or a breakdown.
    plan_total = not local or (local == ["中心城区范围"] and layer in ("城市绿线", "城市紫线", "中心城区范围"))
    asks_layers = features_asked or by_county or (term is not None and not term.plan_counts)
    if plan_total and not asks_layers:
        return None
    if term is not None and term.layer == "中心城区用地" and not areas:
        areas = ("中心城区范围",)
    show = "by_county" if by_county and not local else \
        "features" if (listing or features_asked and re.search(r"多大|面积", q)) else "summary"
    if show == "by_county":
        areas = ("",)
    return SpatialRequest(layer, phases, areas or ("",), term, show, bool(_TOWN_WORDS.search(q)))
