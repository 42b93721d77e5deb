"""Route a question: plan text, figure, location, key projects, plan map, or out of scope."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..plan.vocabulary import find_layer
from . import spatial_query
from .figure_cues import ASKER
from .followup import without_carried

# A coordinate span: numbers with optional 东经/北纬/°′″/E/N marks, e.g. "东经113.58 北纬37.86".
_COORD_SPAN = re.compile(
    r"(?:(?:东经|北纬|经度|纬度|[东北]\s*)?[:：]?\s*\d{1,8}(?:\.\d+)?\s*(?:[°度][\d.\s′'分″\"秒]*)?\s*[EN东北]?"
    r"[\s,，、;；/]*){2}")
# Any value after the words 不动产单元号, however short, goes to parse_unit_id so a typo gets its precise
# message ("应为 28 位，您输入了 4 位") rather than a "not in the plan" refusal.
_UNIT_ID = re.compile(r"不动产单元号\s*[:：]?\s*([0-9A-Za-z\-\s]{1,40}?)(?=\s*[在占是位属有的，,？?]|$)")
_UNIT_ID_BARE = re.compile(r"\b\d{12}[A-Za-z]{2}\d{5}[A-Za-z]\d{8}\b")
_PLOT_NO = re.compile(r"(?:地块编号|地块号)\s*[:：]?\s*([0-9A-Za-z\-]+)|\b(YQ-\d{4}-\d{5})\b")
# ("市五院的项目属于哪一类用途调整": which kind it is, not where: 属于 a kind asked)
_CONTAINS = re.compile(r"在不在|是否在|是不是在|在.{0,12}(内|里|中(?!心)|范围)|占不占|占用|压覆|涉及|落在|"
                       r"属于(?!哪一?[类种项]|什么(?:类|性质|类型)|啥类|第几)|位于|是否.{0,4}占")
_STATS = re.compile(r"有多少|多少公顷|多少亩|面积|多大|构成|占比|结构")
# A town or township named ("杨家庄乡", "义井镇"; not 城镇 or 乡村)
_TOWN = re.compile(r"[\u4e00-\u9fff]{2,3}?(?<!城)(?:镇|乡(?![村镇]))")
_CHANGED = re.compile(r"调整|调出|调入|调了|调没调|变了|变化|变没变|动了|动没动|划出|划入|划进")
_MAP = re.compile(r"(看|显示|展示|画|给我|打开|出).{0,12}图(?![斑层])|附图|图（维护[前后]）|维护[前后]图")
_PROJECT_LIST = re.compile(r"(列出|列举|有哪些|哪些|清单|名单|名录|明细|都有什么)")
_CRS_WORDS = {"高德": "gcj02", "腾讯": "gcj02", "火星": "gcj02", "gcj": "gcj02", "百度": "bd09",
              "bd09": "bd09", "wgs84": "wgs84", "gps": "wgs84"}


@dataclass
class Route:
    intent: str  # policy | figure | location | stats | projects | map | out_of_scope
    detail: dict = field(default_factory=dict)


def _coordinate_text(question: str) -> str | None:
    for match in _COORD_SPAN.finditer(question):
        numbers = re.findall(r"\d+(?:\.\d+)?", match.group(0))
        values = [float(n) for n in numbers]
        marked = re.search(r"东经|北纬|经度|纬度|[°度′″]|坐标", question)
        if len(values) >= 2 and (marked or any(v > 1e5 for v in values) or any(70 < v < 140 for v in values)):
            return match.group(0).strip(" ,，、;；")
    return None


def _crs_of(question: str) -> str:
    low = question.lower()
    return next((crs for word, crs in _CRS_WORDS.items() if word in low), "cgcs2000")


def route(question: str, place_names: Iterable[str] = (),
          class_terms: Iterable[spatial_query.ClassTerm] = ()) -> Route:
    q = question.strip()
    # "方案有哪些附图？" asks for the plan's list of maps (its text), not to draw one.
    # "看哪几张图 / 标在哪张附图上" asks which maps too: only a request without 哪 draws one.
    # ("维护前图的两张分别标明什么": what the list says of them; "三条控制线维护前图（标明调出）" names one to draw)
    lists_maps = re.search(r"哪些|哪几|哪张|哪幅|哪一张|哪一幅|几张|几幅|多少张|两张|两幅|列出|清单|目录|分别|标明(?:了)?(?:什么|啥|哪些)|几[块处个]|多少", q) \
        or (re.search(r"附.{0,3}图", q) and not re.search(r"看|显示|展示|画|打开", q))
    if _MAP.search(q) and not lists_maps and (find_layer(q) or "分区" in q or "布局" in q or "附图" in q
                                               or "控制线" in q):
        return Route("map", {"text": q})

    unit = _UNIT_ID.search(q)
    if unit or _UNIT_ID_BARE.search(q):
        value = unit.group(1) if unit else _UNIT_ID_BARE.search(q).group(0)
        return Route("location", {"kind": "parcel", "value": re.sub(r"[\s\-]", "", value), "unit_id": True})
    plot = _PLOT_NO.search(q)
    if plot:
        return Route("location", {"kind": "parcel", "value": plot.group(1) or plot.group(2)})
    coords = _coordinate_text(q)
    if coords:
        values = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", coords)]
        kind = "xy" if any(v > 1e5 for v in values) else "point"
        return Route("location", {"kind": kind, "value": coords, "crs": _crs_of(q)})

    place = next((p for p in sorted(place_names, key=len, reverse=True) if p and p in q), None)
    layer = find_layer(q)
    counted = re.search(r"(?:几|多少)个?(村|社区|小区)", q)
    if place and counted and re.search(r"[乡镇]$|街道$", place):
        # "义井镇有几个村划在里面？": how many of a place's villages a line or scope takes in, which neither the plan
        # nor a representative point of the place says
        return Route("out_of_scope", {"reason": (
            f"本方案没有按{counted.group(1)}逐个说明范围，没有给出{place}有几个{counted.group(1)}在其中；"
            f"图层中也没有{place}的边界。可以问“{place}在不在{layer[0] if layer else '中心城区'}内”核查代表点位。")})
    if place and _CONTAINS.search(q):
        return Route("location", {"kind": "place", "value": place})
    town = place if place and re.search(r"[乡镇村]$|街道$", place) else next(
        (t for t in _TOWN.findall(q) if t[0] not in "各每哪那这全"), None)
    if town and layer and _CHANGED.search(q) and not _CONTAINS.search(q):
        # "杨家庄乡这次有没有永久基本农田被调整？": the plan says where lines changed by no town or village
        return Route("out_of_scope", {"reason": (
            f"本方案没有按乡镇、村说明{layer[0]}的调整情况，没有提到{town}的{layer[0]}调整；方案只给出市辖区的合计数字，"
            f"图层中也没有{town}的边界。可以问“{town}在不在{layer[0]}内”核查代表点位。")})
    if place and layer and _STATS.search(q):
        # The plan gives no figure for a town or village, and the layers have no town boundaries.
        return Route("out_of_scope", {"reason": (
            f"本方案没有给出{place}的{layer[0]}数字，图层中也没有{place}的边界。可以询问城区、矿区、郊区"
            f"或中心城区的{layer[0]}面积，或问“{place}在不在{layer[0]}内”核查代表点位。")})
    # ("我家在郊区，想了解城镇开发边界总面积这次有没有变": where the asker lives is no district asked of)
    request = spatial_query.parse(ASKER.sub("", q), class_terms)
    # "一级站占地多少平方米？（中心城区用地、消防站）": a layer carried from the last passage, asked of nothing of its
    # own (no place, no class): the question is about its own thing, not the whole layer
    own = without_carried(q)
    carried_only = request is not None and not find_layer(own) and request.term is None and request.show == "summary" \
        and not any(a and a.removesuffix("范围") in own for a in request.areas) and not re.search(r"图斑|图层", own)
    if request is not None and not carried_only:
        return Route("stats", {"request": request})
    # "按状态分成了哪几类 / 通过哪几种方式" asks for the plan's categories, not for the project names.
    asks_kinds = re.search(r"哪几类|哪几种|几类|几种|分成|分为|方式|类别|状态", q)
    # "清单" inside the plan's own names (重点建设项目清单维护, 增补清单) asks for no list.
    asks_list = _PROJECT_LIST.search(re.sub(r"清单维护|增补清单", "", q))
    if asks_list and asks_list.group(1) == "清单" and re.search(r"哪个|哪一|什么|啥|怎么|如何|为什么|为何|是否|吗", q):
        asks_list = None  # "重点建设项目清单是跟哪个规划衔接的？": 清单 names the list, something else is asked
    if layer and layer[0] == "重点建设项目" and asks_list and not asks_kinds \
            and not re.search(r"多少|几项|几个", q):
        return Route("projects", {"text": q})
    return Route("text", {})
