"""Read a figure question: which indicator, which phase/version, what operation, in which unit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .asked_things import asks_thing
from .expand import described_phrase
from .figure_cues import (
    AFTER,
    AMOUNT,
    AS_MUCH,
    ASKS_HOW,
    BEFORE,
    BOTH,
    BOUND_KEPT,
    CHANGE,
    COUNTED,
    CUE,
    DESIGNATED,
    EACH_CHANGE,
    EXCLUDING,
    NET,
    NUMBER_ASKED,
    OF_BEFORE,
    ONE_AGAINST_OTHER,
    PERCENT,
    RATIO,
    REMAINDER,
    RULE_NOUN,
    SIZE,
    TOTAL,
    asks_total,
    counts_joined,
    unit_of,
    words_found,
)
from .figure_numbers import asked_decimals
from .figure_unstated import unstated_figure
from .figure_words import (
    INDICATOR_WORDS,
    MEASURE_INDICATOR,
    MEASURE_WORDS,
    PROJECT_WORDS,
    SCOPE_WORDS,
    SITE_WORDS,
)
from .followup import CARRIED, without_carried

# The areas of scopes themselves: the only figures the plan gives for a scope and a scope within it.
SCOPE_AREAS = frozenset({"国土面积", "中心城区面积"})


@dataclass
class FigureQuery:
    """What a figure question asks; `to_context()` is what a follow-up resolves against."""

    indicators: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)  # "" = the indicator's own size; else a plan_figures phase
    version: str | None = None                         # 维护前 | 维护后 | None (both / not a versioned figure)
    op: str = "lookup"                                 # lookup | change | net
    unit: str | None = None                            # unit the answer is asked in
    scope: str | None = None                           # 市域 | 市辖区 | 中心城区
    refusal: str | None = None                         # set when the plan gives no such figure
    scopes: list[str] = field(default_factory=list)    # every scope named ("全市和市辖区的国土面积各是多少")
    percent: bool = False                              # a share or a change in per cent is asked
    total: bool = False                                # a sum of the figures named is asked ("一共多少处")
    compare: bool = False                              # one figure against another ("新增比撤销多多少")
    excluding: bool = False                            # one scope less another ("市辖区中心城区以外")
    remainder: bool = False                            # the whole less the part named ("去掉撤销的还剩多少")
    ratio: bool = False                                # one figure over another ("绿线是紫线的多少倍")
    of_sum: bool = False                               # the first as a share of both ("其中国家级占多少" after 11 + 12)
    rest_of: str | None = None                         # a share of the whole less this part ("剩下的里新增占多少")
    decimals: int | None = None                        # rounding asked for ("保留一位小数"), else the default

    def to_context(self) -> dict[str, Any]:
        return {"indicators": list(self.indicators), "measures": list(self.measures), "version": self.version,
                "op": self.op, "unit": self.unit, "scope": self.scope, "compare": self.compare, "ratio": self.ratio,
                "total": self.total, "percent": self.percent, "of_sum": self.of_sum, "remainder": self.remainder}


# "占开发边界总面积", "占城镇开发边界面积的": a whole that is the line's own area.
# ("占维护后城镇开发边界的百分之几": the line named as the whole, none of its measures after it)
_OF_OWN_AREA = re.compile(r"占[^，,。？?]{0,8}?(?:总面积|总规模|面积|开发边界(?![^，,。？?]{0,3}(?:扩展|机动|预留)))")


# "大概占多少", "大约占几成": a share asked roughly, one decimal (41.5%, from 41.497…).
_ROUGHLY = re.compile(r"大概|大约|大致|约(?=占|合|为|是|\d|多少|百分)|差不多|几成")  # (not 约束性指标)


def _rounded(text: str, percent: bool) -> int | None:
    """Decimals the question asks computed figures in: as said ("保留一位小数"), or one for a share asked roughly."""
    asked = asked_decimals(text)
    return 1 if asked is None and percent and _ROUGHLY.search(text) else asked


def _scope(text: str) -> str | None:
    for word, scope in SCOPE_WORDS:
        if word in text:
            return scope
    return None


def _scopes(text: str) -> list[str]:
    """Every scope the text names, in order of mention."""
    found = sorted((m.start(), m.end(), scope) for word, scope in SCOPE_WORDS
                   for m in re.finditer(re.escape(word), text))
    # "阳泉市辖区": 阳泉市 and 市辖区 overlap; the narrower scope is meant.
    kept = [f for f in found if not (f[2] == "市域" and any(o[2] != "市域" and o[0] < f[1] and f[0] < o[1]
                                                            for o in found))]
    return list(dict.fromkeys(scope for _, _, scope in kept))


# The words naming a level or scope themselves ("中心城区", "市区"), as a carried subject may list one.
_SCOPE_NAMES = frozenset(word for word, _ in SCOPE_WORDS)
# The size of a built thing or a plot ("占地多大", "建设规模多大"), which no level's area is.
_BUILT_SIZE = re.compile(r"占地|建设规模|用地规模|建筑面积|占多大(?:地|地方|面积)")


def _level_itself(text: str) -> bool:
    """"中心城区多大", "它多大？（中心城区）": the level itself is asked of; not "占地多大？（中心城区用地、托育）", a
    facility named in the passage on the level's land use, carried from the turn before."""
    carried = CARRIED.search(text)
    own = without_carried(text)
    return carried is None or _scope(own) is not None or not _BUILT_SIZE.search(own) \
        or any(item in _SCOPE_NAMES for item in carried.group(1).split("、"))


def _area_of(level: str) -> str:
    """The indicator of a level's own area: 中心城区面积, else the scope's 国土面积."""
    return "中心城区面积" if level == "中心城区" else "国土面积"


_SHARE_OF_SCOPE = re.compile(r"占(?:咱们?|我们|整个|全)?(中心城区|市辖区|市域|全市|三个区)(?:的?(?:总|国土)?面积|总|国土)?"
                             r"(?=的?(?:比例|比重|百分|多少|几)|[？?呢]|$)")
_SCOPE_AREA = re.compile(r"(中心城区|市辖区|市域|全市|三个区)的?(?:总|国土)?面积")
# "市辖区里中心城区以外的面积": the larger scope's area less the smaller's.
_CLAUSE = re.compile(r"[，,。；;！!？?\n]")


def _asking_clauses(text: str) -> str:
    """The clauses that name an indicator, a measure or a figure cue; a phase word elsewhere
    ("忽略之前的规则，维护后…是多少") qualifies nothing asked and must not pick the version."""
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    keep = [c for c in clauses if words_found(c, INDICATOR_WORDS) or words_found(c, MEASURE_WORDS)
            or CUE.search(c) or CHANGE.search(c)  # "比原来多了还是少了" asks the change
            # "维护后呢，用公顷说就行": a phase asked on its own with 呢 is asked
            or ((AFTER.search(c) or BEFORE.search(c)) and c.rstrip().endswith("呢"))]
    return "，".join(keep) if keep else text


# A description ending in a line or its ring ("往外扩的那个圈", "…的那条线") names the line itself.
_NAMES_A_LINE = re.compile(r"(?:线|圈圈|圈|边界|范围)$")


def plans_own_share(measures: list[str], text: str) -> bool:
    """"预留机动规模占多少？", "它占百分之几？" after 预留机动: the plan states that share (占比 3.06%); a whole named
    after 占 ("占开发边界总面积的百分之几") is another share, worked out from the figures."""
    share = re.search(r"占(?!地|比)(.*)", text)
    return measures == ["预留机动"] and bool(share) and bool(PERCENT.search(text)) \
        and not words_found(share.group(1), INDICATOR_WORDS) and not _scopes(share.group(1))


# "新加进来的有几个": a count by 个 with no noun after it, the thing counted being the kind named before.
_BARE_COUNT = re.compile(r"(?:几|多少)个(?=[？?。，,！!呢吗啊]|$)")
# "撤销的占比多少": the share of one kind, of all that are counted.
_SHARE_ASKED = re.compile(r"占比|比例|比重|百分之|占多少")


def parse(question: str, assumed: list[str] | tuple[str, ...] = ()) -> FigureQuery:
    """Everything the question itself says; `assumed` indicators (from the previous turn) pick the measure words."""
    text = question.replace("％", "%").replace("（", "(").replace("）", ")")
    indicators = words_found(text, INDICATOR_WORDS)
    # "文保单位纳进来以后，历史文化保护线变成多少？": a clause of what happened first says when, not what is asked
    after_clause = re.search(r"后[，,]", text)  # (以后, 之后, 维护后)
    if after_clause and words_found(text[after_clause.end():], INDICATOR_WORDS):
        indicators = words_found(text[after_clause.end():], INDICATOR_WORDS)
    # "占市辖区的比例": a share of the scope's own area, though 面积 is not said.
    for m in _SHARE_OF_SCOPE.finditer(text):
        area = _area_of(m.group(1))
        if area not in indicators:
            indicators.append(area)
    if "文物保护单位" in indicators and "历史文化保护线" in indicators:
        indicators.remove("历史文化保护线")  # "纳入历史文化保护线的文物保护单位有几处" asks for sites
    if (indicators or list(assumed)) == ["文物保护单位"] and (unit_of(text) in ("公顷", "亩", "万亩", "平方米", "平方千米")
                                         or SIZE.search(text) and not COUNTED.search(text)):
        # "文物那一片保护范围多少公顷", "文物古迹的保护范围变大了吗": sites are counted, the line has the area;
        # so has "维护后面积多少？" after the sites were counted
        indicators = ["历史文化保护线"]
    measures = words_found(DESIGNATED.sub("划定", text), MEASURE_WORDS)
    # "城里往外扩的那个圈": a line described by what it does (外扩), not its 扩展规模 asked.
    described = described_phrase(text) if measures else None
    if described and _NAMES_A_LINE.search(described):
        measures = words_found(DESIGNATED.sub("划定", text.replace(described, "")), MEASURE_WORDS)
    if "占比" in measures and "预留机动" in measures and re.search(r"机动(规模|指标)?的?(占比|比例|比重)", text):
        measures.remove("预留机动")  # "预留机动规模占比": the plan's 占比 is the 预留机动 share
    if plans_own_share(measures, text):
        measures = ["占比"]  # "预留机动规模占多少？": the share the plan states, of no whole the asker names
    if "占比" in measures and any(i != "城镇开发边界" for i in indicators):
        measures.remove("占比")  # the plan states no other share; give the figures themselves
    if "占比" in measures and "预留机动" not in measures and CHANGE.search(text) \
            and not re.search(r"占比|比重", text):
        measures.remove("占比")  # "比维护前增长了百分之多少": the change's rate, not the plan's 占比
    scope = _scope(text)
    scopes = _scopes(text)
    if scope is None and re.search(r"阳泉(?:一共|总共|整个市?|全部|全市)?(?:一共|总共)?有?(?:多大|的?(?:国土|总)面积)", text):
        scope = "市域"  # "阳泉一共多大的地方", "阳泉整个市一共多大": the city said short, its size asked
    if scopes == ["市辖区"] and (EXCLUDING.search(text) or REMAINDER.search(text)) \
            and set(indicators) <= {"国土面积"} and re.search(r"多大|多少|面积|大小|平方", text):
        # "市辖区以外的县一共多大", "市辖区以外的部分有多大": the rest is the 市域 less the 市辖区
        scopes, indicators = ["市域", "市辖区"], ["国土面积"]
    if not indicators and len(scopes) >= 2:
        indicators = ["国土面积"]  # "中心城区占市辖区的百分之几": the areas of the two scopes
        measures = [m for m in measures if m != "占比"]
    # "中心城区总面积和城镇开发边界面积": a scope's own area asked beside another indicator.
    for m in _SCOPE_AREA.finditer(text):
        area = _area_of(m.group(1))
        if indicators and area not in indicators:
            indicators.insert(0, area)

    if not indicators and scope and re.search(r"面积|多大|范围|大小", text) and _level_itself(question):
        indicators = [_area_of(scope)]
    if "国土面积" in indicators and scope == "中心城区":
        indicators[indicators.index("国土面积")] = "中心城区面积"
    # "市域、市辖区、中心城区三个层次的面积分别是多少": every scope named has its own area.
    if len(scopes) >= 2 and indicators and set(indicators) <= {"国土面积", "中心城区面积"}:
        indicators = (["国土面积"] if any(s != "中心城区" for s in scopes) else []) + \
            (["中心城区面积"] if "中心城区" in scopes else [])
    # "延续比实施多多少项", "国家级比省级多几处": a count's unit and kind name what is counted, the noun left out.
    if not indicators:
        for counted, kinds, unit in (("重点建设项目", PROJECT_WORDS, "项"), ("文物保护单位", SITE_WORDS, "处")):
            kinds_named = [k for k in words_found(text, kinds) if k != "总数"]
            # "实施和延续状态的各有多少": two kinds named together are counted, the unit left out
            # ("新加进来的有几个", "撤销的占比多少", nothing counted before: one kind counted by a bare 个, as people
            # count projects, or its share asked; "实施保障下面有几个小节" counts sections)
            if kinds_named and (unit_of(text) == unit
                                or unit_of(text) is None and len(kinds_named) >= 2 and asks_amount(text)
                                or unit_of(text) is None and not assumed
                                and (_BARE_COUNT.search(text) or _SHARE_ASKED.search(text))):
                indicators = [counted]
    # "新增的项目是撤销的几倍": 几倍 asks one figure over another, no 扩展倍数
    if RATIO.search(text) and "倍数" not in text and "扩展倍数" in measures:
        measures = [m for m in measures if m != "扩展倍数"]
    # "留着多少备用的建设地，以后来了项目可以用": a measure of a line, and 项目 only says what it is for.
    line_measures = [m for m in measures if m in MEASURE_INDICATOR and m != "占比"]
    if indicators == ["重点建设项目"] and line_measures and not re.search(r"重点|建设项目|几个|多少个|多少项", text):
        indicators = [MEASURE_INDICATOR[line_measures[0]]]
    about = indicators or list(assumed)
    if "重点建设项目" in about:
        measures = words_found(text, PROJECT_WORDS)
    all_sites = False
    if "文物保护单位" in about:
        measures = words_found(text, SITE_WORDS)
        if not measures and (TOTAL.search(text) or re.search(r"(?:多少|几)处", text) and not re.search(r"级|各|分别", text)):
            # "一共多少处", "有多少处文物保护单位更新到…": the plan counts them by level only; all are their sum
            measures, all_sites = list(SITE_WORDS), True
    for m in measures:
        # ("这个适度最多允许开发多少比例": a share alone names no line; the plan's one 占比 is asked by its
        # 机动 or its line's name, or after them)
        implied = MEASURE_INDICATOR.get(m) if m != "占比" or any(w in text for w in MEASURE_WORDS["预留机动"]) else None
        if implied and implied not in indicators and not indicators:
            indicators.append(implied)

    # The indicator's own size is asked too when "面积" is left once the measure words are removed
    # ("城镇开发边界面积和扩展规模" yes; "城市紫线调出面积" no).
    rest = text
    for words in MEASURE_WORDS.values():
        for w in words:
            rest = re.sub(re.escape(w) + r"(的)?(面积|规模)?", "", rest)
    # "原来多少、调出多少、最后是多少": a clause asking a version before any measure word is named asks the
    # indicator's own size ("扩展规模维护前是多少、维护后是多少" asks 扩展规模 in both).
    # After 调出 and 调入, which have no version, a clause naming one ("调出多少、调入多少、维护后总量多少")
    # can only ask the indicator's own size.
    unversioned = set(measures) <= {"调出", "调入"}
    bare_version = False
    for clause in re.split(r"[、，,；;]", text):
        named_measure = any(w in clause for ws in MEASURE_WORDS.values() for w in ws)
        if named_measure and not unversioned:
            break
        if not named_measure and (AFTER.search(clause) or BEFORE.search(clause)):
            bare_version = True
            break
    if measures and (re.search(r"面积|总面积|规模|总量", rest) or bare_version):
        measures.insert(0, "")
    if not measures:
        measures = [""]

    asked = _asking_clauses(text)
    op = "lookup"
    if CHANGE.search(asked) or (BOTH.search(asked) and re.search(r"差|变", asked)):
        op = "change"
    if NET.search(asked) or {"调出", "调入"} <= set(measures):
        op = "net" if op == "change" or NET.search(asked) else op

    version = None
    if not BOTH.search(asked):
        after, before = AFTER.search(asked), BEFORE.search(asked)
        if after and before and op == "lookup":
            version = None  # "维护前和维护后分别是多少": both
        elif after and before:
            version = "维护后" if after.start() < before.start() else "维护前"
        elif after or before:
            version = "维护后" if after else "维护前"
    # "延续比实施多多少项", "国家级和省级差几处": one count against another, not a before/after change.
    named = [m for m in measures if m]
    # ("延续项目和新增项目哪个多？": which is more is asked the same way)
    compare = bool({"重点建设项目", "文物保护单位"} & set(about)) and len(named) == 2 \
        and (op != "lookup" and bool(re.search(r"比|差", text)) or bool(ONE_AGAINST_OTHER.search(text)))
    # "历史文化保护线比洪涝风险控制线小多少公顷？", "两条线哪个大？": one line's area against another's, not
    # each one's own change ("永久基本农田和生态保护红线比原来各多了多少").
    areas = [i for i in indicators if i not in ("重点建设项目", "文物保护单位")]
    # ("城市绿线调入比城市紫线调入多多少": what the two lines each moved, one against the other)
    if len(areas) == 2 and named in ([], ["调入"], ["调出"]) and ONE_AGAINST_OTHER.search(text) \
            and not EACH_CHANGE.search(text) \
            and not PERCENT.search(text):
        compare, op = True, "lookup"
    if "重点建设项目" in about and op != "lookup":
        # For projects "增加/减少" are the plan's 新增/撤销 counts, not a before/after difference.
        extra = [] if compare else (["新增"] if re.search(r"增", text) else [])
        extra += [] if compare else (["撤销"] if re.search(r"减|(?<!多)少", text) else [])
        measures = named + [m for m in extra if m not in measures] or [""]
        op = "lookup"
    elif compare:
        op = "lookup"
    elif "文物保护单位" in about and op == "change" and not re.search(r"减|(?<!多)少", text):
        # "多了几处文物被纳进来": the sites the plan counts are those it brought in, each count is what was added
        op = "lookup"
    # "城镇开发边界是生态红线的几倍", "维护后的扩展规模是原扩展规模的百分之多少": one figure over another; 倍 is
    # then no unit and no 扩展倍数, 百分之 no 占比 of the plan's.
    # "城市绿线调入的是调出的几倍", "省级文保单位是国家级的几倍": two measures of one indicator
    # ("调入是调出的多少倍？" after 绿线调出: the line is the one assumed from the last turn)
    two_measures = len(indicators or list(assumed)) == 1 \
        and len([m for m in measures if m and m not in ("占比", "总数")]) == 2
    ratio = bool(RATIO.search(text)) and (len(indicators) == 2 or two_measures
                                          or any(text.count(m) >= 2 for m in measures if m))
    # "永农维护后是原来的百分之多少", "占原来扩展规模的多少": one figure's two versions, after over before
    before = OF_BEFORE.search(text)
    of_before = bool(before) and len(indicators or list(assumed)) == 1 and not two_measures
    if of_before and CHANGE.search(text[:before.start()]):
        # "增加的部分占原来规模的百分之几": the change over the figure before, not after over before
        of_before, op, version = False, "change", None
    if of_before:
        ratio, version = True, "维护后"
    if ratio:
        measures = [m for m in measures if m != "占比" and (m != "扩展倍数" or "倍数" in text)] or [""]
        compare, op = False, "lookup"
    if "占比" in measures and _OF_OWN_AREA.search(text) and {"扩展规模", "预留机动"} & set(measures):
        # "维护后扩展规模占开发边界总面积比例": a share of the line's own area, not the plan's 占比 (of 预留机动)
        measures = [m for m in measures if m not in ("占比", "")]
    if {"扩展规模", "预留机动"} <= set(measures) and PERCENT.search(text) and not ratio and not _OF_OWN_AREA.search(text):
        # "机动占扩展规模多少": the share the plan states itself (预留机动规模…占比 3.06%)
        measures = [*measures, "占比"] if "占比" not in measures else measures
    percent = (bool(PERCENT.search(text)) or (of_before and "倍" not in text)) and "占比" not in measures
    total = asks_total(text, measures, indicators) or all_sites \
        or bool({"文物保护单位", "重点建设项目"} & set(about)) and counts_joined(text, measures)
    unit = unit_of(text)
    if ratio and unit == "倍":
        unit = None
    if unit == "%":
        unit = None  # a share or rate is computed from the figures, not a unit to convert them to
    return FigureQuery(indicators, measures, version, op, unit, scope,
                       unstated_figure(text, indicators) if CUE.search(text) or indicators else None,
                       scopes=scopes, percent=percent, total=total, compare=compare,
                       # "全市扣掉市辖区之后还剩多少": a remainder of one scope by another is the same
                       excluding=bool(EXCLUDING.search(text) or REMAINDER.search(text)) and len(scopes) >= 2,
                       remainder=bool(REMAINDER.search(text)), ratio=ratio,
                       decimals=_rounded(text, percent))


def asks_amount(text: str) -> bool:
    """An amount is asked (多少, 几处, 多大, 占比 …), not only a measure named."""
    return bool(AMOUNT.search(text))


def asks_no_amount(question: str) -> bool:
    """"调入的那6.42公顷绿线在哪一片？": a place, a body or a project asked of a figure's land, not an amount;
    "是不是调进来多少就得退出去多少": as much one way as the other, a rule."""
    return bool(asks_thing(question) and not NUMBER_ASKED.search(question) or AS_MUCH.search(question))


def is_figure_question(question: str, query: FigureQuery) -> bool:
    text = question
    if asks_no_amount(text):
        return bool(query.refusal)
    # "它的保护要求变了吗？": whether a rule changed is read in the text, not in the figures
    if not AMOUNT.search(text) and (ASKS_HOW.search(text) or RULE_NOUN.search(text)) \
            or BOUND_KEPT.search(text) and not NUMBER_ASKED.search(text):
        return bool(query.refusal)
    return bool(query.refusal) or (bool(query.indicators)
                                   and bool(CUE.search(text) or CHANGE.search(text) or query.compare))
