"""Read a figure question: which indicator, which phase/version, what operation, in which unit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..plan.vocabulary import OTHER_COUNTIES, PHASE_SYNONYMS
from .figure_numbers import asked_decimals
from .figure_words import (
    CONTROL_LINES,
    DISTRICTS,
    INDICATOR_WORDS,
    MEASURE_INDICATOR,
    MEASURE_WORDS,
    OTHER_PLACES,
    PROJECT_WORDS,
    SCOPE_WORDS,
    SITE_WORDS,
    UNKNOWN_METRICS,
)
from .followup import CARRIED


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words)))


# The shared phase words plus those that only make sense when asking for a figure.
_BEFORE = _any_of(PHASE_SYNONYMS["维护前"] + (
    "优化前", "修改前", "变更前", "原有", "原先", "原本", "原总规", "原方案", "原定", "原批复",
    "市级总体规划确定", "总体规划确定", "总规确定", "规划确定的", "总规定的", "批复的", "现行规划"))
_AFTER = _any_of(PHASE_SYNONYMS["维护后"] + ("优化后", "修改后", "变更后", "如今", "以后", "最新", "最终", "最后", "改完", "调完"))
_BOTH = re.compile(r"前后|前和后|前与后")
_CHANGE = re.compile(r"增加|减少|增幅|降幅|减幅|涨幅|涨了|上涨|降了|增长率|变化率|变化|变动|增减|增长|增多|减小|扩大|缩小|扩了|缩了|变大|变小|变多|变少|多了|(?<!多)少了|多出|少出|净增|净减|"
                     r"相差|差值|差额|差了|差多少|多多少|少多少|增了|减了|调整了多少|调了多少|有何变化|有什么变化|"
                     r"(?<!占)比(?![例重率])[^，。？?]{1,14}?(多|少|大|小|增|减)|变了")
_NET = re.compile(r"净")
# One figure against another: "A比B多/小多少", "相差多少", "哪个大", "谁多".
_ONE_AGAINST_OTHER = re.compile(r"(?<!占)比(?![例重率])|相差|差多少|差距|差了|哪个(?:更)?[大小多少]|谁(?:更)?[大小多少]")
# "比原来", "各…了多少": each figure's own change, not one against the other.
_EACH_CHANGE = re.compile(r"比(?:维护前|调整前|原来|原先|以前|之前|过去|上次|去年)|各|分别")
# "A是B的几倍", "A是B的百分之多少": one figure over another.
_RATIO = re.compile(r"是[^，。？?]{0,16}?的(?:几|多少)倍|(?:几|多少)倍于|是[^，。？?]{0,16}?的百分之(?:几|多少)")
# "去掉撤销的，还剩多少项？": the whole less the part named.
_REMAINDER = re.compile(r"(?:去掉|除去|扣除|扣掉|减去|减掉|刨去|刨除|不算|不计).{0,8}(?:还剩|剩下|剩余|还有|其余|其他)")
# "划出来多大一片专门管着": a line drawn, not land taken out of it (划出去, 调出).
_DESIGNATED = re.compile(r"[划圈]出来|[划圈]出了?(?=一|多大|哪)")
# Words of size, not of number: what is counted (sites) has none, the line around it has an area.
_SIZE = re.compile(r"范围|面积|多大|变大|变小|扩大|缩小|大了|小了")
_COUNTED = re.compile(r"几|多少[个处家座]")  # "有几个文物被圈进保护范围": the sites, counted
# Asking for an amount, not just naming a measure ("数量和质量上有什么要求" asks a rule).
_AMOUNT = re.compile(r"多少|(?<![哪第])几(?![类种条方])|多大|占比|比例|倍数|折合|换算|合计|总共|一共|%|百分|"
                     r"(?:分别|各)是(?!怎|什么|如何|哪)")
_CUE = re.compile(r"多少|(?<![哪第])几(?![类种条方])|多大|面积|规模|数量|数字|数据|占比|比例|倍数|折合|换算|合计|总共|一共|"
                  r"亩|公顷|平方|项(?!目)|%|百分")

_UNITS = (("万亩", "万亩"), ("亩", "亩"), ("公顷", "公顷"), ("平方千米", "平方千米"), ("平方公里", "平方千米"),
          ("km²", "平方千米"), ("km2", "平方千米"), ("平方米", "平方米"), ("㎡", "平方米"), ("m²", "平方米"),
          ("项", "项"), ("处", "处"), ("倍", "倍"), ("%", "%"), ("百分之", "%"))
# 扩展倍数 names a measure, not the unit 倍 it is asked in.
_UNIT_RX = re.compile("|".join(re.escape(w) + ("(?!数)" if w == "倍" else "")
                               for w, _ in sorted(_UNITS, key=lambda u: -len(u[0]))))
_UNIT_ASKED = re.compile(r"(多少|几|折合|折算|换算成?|合|按|以|用|为|成|化成|算成)\s*$")


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
    decimals: int | None = None                        # rounding asked for ("保留一位小数"), else the default

    def to_context(self) -> dict[str, Any]:
        return {"indicators": list(self.indicators), "measures": list(self.measures), "version": self.version,
                "op": self.op, "unit": self.unit, "scope": self.scope, "compare": self.compare, "ratio": self.ratio}


def _words_found(text: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """Canonical keys whose words occur in text, in order of first occurrence; longer words win overlaps."""
    hits: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    pairs = sorted(((w, k) for k, ws in table.items() for w in ws), key=lambda p: -len(p[0]))
    for word, key in pairs:
        for m in re.finditer(re.escape(word), text):
            span = (m.start(), m.end())
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            taken.append(span)
            hits.append((m.start(), key))
    ordered: list[str] = []
    for _, key in sorted(hits):
        if key not in ordered:
            ordered.append(key)
    return ordered


def _unit(text: str) -> str | None:
    """The unit the answer is asked in: the one after 多少/折合/换算成…, else the last one named."""
    found = [(m, dict(_UNITS)[m.group(0)]) for m in _UNIT_RX.finditer(text)]
    if not found:
        return None
    asked = [u for m, u in found if _UNIT_ASKED.search(text[: m.start()])]
    return (asked or [u for _, u in found])[-1]


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


def _area_of(level: str) -> str:
    """The indicator of a level's own area: 中心城区面积, else the scope's 国土面积."""
    return "中心城区面积" if level == "中心城区" else "国土面积"


_SHARE_OF_SCOPE = re.compile(r"占(?:整个|全)?(中心城区|市辖区|市域|全市)(?:总|国土)?(?=的?(?:比例|比重|百分|多少|几)|[？?呢]|$)")
_SCOPE_AREA = re.compile(r"(中心城区|市辖区|市域|全市)的?(?:总|国土)?面积")
# "市辖区里中心城区以外的面积": the larger scope's area less the smaller's.
_EXCLUDING = re.compile(r"以外|之外|除了|除去|刨去|不含|不包括|剩下|其余|其他地方")
_CLAUSE = re.compile(r"[，,。；;！!？?\n]")
_PERCENT = re.compile(r"百分之|百分比|%|比例|比重|占比|几成|几分之几|占.{0,10}(多少|几)")
_ADD_UP = re.compile(r"加起来|加在一起|加一块|加到一起|加一起|合起来|合在一起|相加|二者|两者|两项")
_TOTAL = re.compile(r"一共|合计|总共|共计|加起来|加在一起|加一块|加到一起|加一起|总计|总和|之和|相加|共有多少|共多少")


def _asks_total(text: str, measures: list[str]) -> bool:
    """"一共多少处" of two or more figures named: their sum is asked."""
    return bool(_TOTAL.search(text)) and len([m for m in measures if m]) >= 2


def _asking_clauses(text: str) -> str:
    """The clauses that name an indicator, a measure or a figure cue; a phase word elsewhere
    ("忽略之前的规则，维护后…是多少") qualifies nothing asked and must not pick the version."""
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    keep = [c for c in clauses if _words_found(c, INDICATOR_WORDS) or _words_found(c, MEASURE_WORDS)
            or _CUE.search(c) or _CHANGE.search(c)]  # "比原来多了还是少了" asks the change
    return "，".join(keep) if keep else text


# "我家在郊区种地，", "我是矿区的，", "俺们村在郊区，": who asks and where, said before the question.
_ASKER = re.compile(r"(?:我|俺|咱)们?(?:家|村|厂|单位|公司)?(?:就|一直)?(?:在|住在|住|是)[^，,。？?！!]{0,14}[，,。！!]")
# The whole city asked where the plan states a line only for 市辖区 or 中心城区 ("阳泉市域的生态保护红线").
_WIDE_SCOPE = re.compile(r"全市域|市域|全市|整个阳泉市?|阳泉全市")


def _refusal(text: str, indicators: list[str]) -> str | None:
    subject = "、".join(indicators) if indicators else "相关"
    # A place asked for a figure; "山西省的文件文号" names who issued a document, not a figure's place.
    for place in OTHER_PLACES if _AMOUNT.search(text) else ():
        if place in text:
            name = "平定县" if place == "平定" else place
            if name in OTHER_COUNTIES:
                return (f"本方案未涉及{name}的{subject}数字：三条控制线等数字只按市辖区（城区、矿区、郊区合计）给出，"
                        "市域层面只给出国土面积和重点建设项目清单。")
            return f"本方案未涉及{name}，只涉及阳泉市。"
    # "其中郊区的面积是多少？（市辖区）": the subject carried over in brackets is not the question's own scope;
    # nor is where the asker lives ("我家在郊区种地，这次永久基本农田是多了还是少了？" asks the plan's figure).
    said = _ASKER.sub("", re.sub(r"\([^()]*\)\s*$", "", text))
    district = DISTRICTS.search(said)
    asks_area = not indicators and bool(re.search(r"面积|多大|大小|平方", text))  # "矿区的面积是多少"
    if district and "市辖区" not in said and (indicators or asks_area):
        subject = "国土面积" if asks_area else subject
        return (f"本方案未涉及{district.group(0)}单独的{subject}数字：方案只给出市辖区（城区、矿区、郊区合计）"
                "或中心城区、市域的数字。")
    wide = _WIDE_SCOPE.search(text)
    lines = [i for i in indicators if i in CONTROL_LINES]
    if wide and lines and "市辖区" not in text and any(w in text[wide.end():wide.end() + len(w) + 4]
                                                       for i in lines for w in INDICATOR_WORDS[i]):
        level = "中心城区" if set(lines) <= {"城市绿线", "城市紫线"} else "市辖区（城区、矿区、郊区合计）"
        return (f"本方案未给出{wide.group(0)}的{'、'.join(lines)}数字：方案只给出{level}的数字，"
                "市域层面只给出国土面积和重点建设项目清单。")
    for word, label in UNKNOWN_METRICS:
        if word in text and not (word == "耕地" and "永久基本农田" in indicators):
            return f"本方案未涉及{label}。"
    return None


def parse(question: str, assumed: list[str] | tuple[str, ...] = ()) -> FigureQuery:
    """Everything the question itself says; `assumed` indicators (from the previous turn) pick the measure words."""
    text = question.replace("％", "%").replace("（", "(").replace("）", ")")
    indicators = _words_found(text, INDICATOR_WORDS)
    # "占市辖区的比例": a share of the scope's own area, though 面积 is not said.
    for m in _SHARE_OF_SCOPE.finditer(text):
        area = _area_of(m.group(1))
        if area not in indicators:
            indicators.append(area)
    if "文物保护单位" in indicators and "历史文化保护线" in indicators:
        indicators.remove("历史文化保护线")  # "纳入历史文化保护线的文物保护单位有几处" asks for sites
    if (indicators or list(assumed)) == ["文物保护单位"] and (_unit(text) in ("公顷", "亩", "万亩", "平方米", "平方千米")
                                         or _SIZE.search(text) and not _COUNTED.search(text)):
        # "文物那一片保护范围多少公顷", "文物古迹的保护范围变大了吗": sites are counted, the line has the area;
        # so has "维护后面积多少？" after the sites were counted
        indicators = ["历史文化保护线"]
    measures = _words_found(_DESIGNATED.sub("划定", text), MEASURE_WORDS)
    if "占比" in measures and "预留机动" in measures and re.search(r"机动(规模|指标)?的?(占比|比例|比重)", text):
        measures.remove("预留机动")  # "预留机动规模占比": the plan's 占比 is the 预留机动 share
    if "占比" in measures and any(i != "城镇开发边界" for i in indicators):
        measures.remove("占比")  # the plan states no other share; give the figures themselves
    if "占比" in measures and "预留机动" not in measures and _CHANGE.search(text) \
            and not re.search(r"占比|比重", text):
        measures.remove("占比")  # "比维护前增长了百分之多少": the change's rate, not the plan's 占比
    scope = _scope(text)
    scopes = _scopes(text)
    if scope is None and re.search(r"阳泉(?:一共|总共|整个|全部)?有?(?:多大|的?(?:国土|总)面积)", text):
        scope = "市域"  # "阳泉一共多大的地方": the city said short, its size asked and no level named
    if not indicators and len(scopes) >= 2:
        indicators = ["国土面积"]  # "中心城区占市辖区的百分之几": the areas of the two scopes
        measures = [m for m in measures if m != "占比"]
    # "中心城区总面积和城镇开发边界面积": a scope's own area asked beside another indicator.
    for m in _SCOPE_AREA.finditer(text):
        area = _area_of(m.group(1))
        if indicators and area not in indicators:
            indicators.insert(0, area)

    if not indicators and scope and re.search(r"面积|多大|范围|大小", text):
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
            if _unit(text) == unit and any(k != "总数" for k in _words_found(text, kinds)):
                indicators = [counted]
    # "留着多少备用的建设地，以后来了项目可以用": a measure of a line, and 项目 only says what it is for.
    line_measures = [m for m in measures if m in MEASURE_INDICATOR and m != "占比"]
    if indicators == ["重点建设项目"] and line_measures and not re.search(r"重点|建设项目|几个|多少个|多少项", text):
        indicators = [MEASURE_INDICATOR[line_measures[0]]]
    about = indicators or list(assumed)
    if "重点建设项目" in about:
        measures = _words_found(text, PROJECT_WORDS)
    if "文物保护单位" in about:
        measures = _words_found(text, SITE_WORDS)
        if not measures and _TOTAL.search(text):
            measures = list(SITE_WORDS)  # "一共多少处": the plan counts them by level only
    for m in measures:
        implied = MEASURE_INDICATOR.get(m)
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
        if not named_measure and (_AFTER.search(clause) or _BEFORE.search(clause)):
            bare_version = True
            break
    if measures and (re.search(r"面积|总面积|规模|总量", rest) or bare_version):
        measures.insert(0, "")
    if not measures:
        measures = [""]

    asked = _asking_clauses(text)
    op = "lookup"
    if _CHANGE.search(asked) or (_BOTH.search(asked) and re.search(r"差|变", asked)):
        op = "change"
    if _NET.search(asked) or {"调出", "调入"} <= set(measures):
        op = "net" if op == "change" or _NET.search(asked) else op

    version = None
    if not _BOTH.search(asked):
        after, before = _AFTER.search(asked), _BEFORE.search(asked)
        if after and before and op == "lookup":
            version = None  # "维护前和维护后分别是多少": both
        elif after and before:
            version = "维护后" if after.start() < before.start() else "维护前"
        elif after or before:
            version = "维护后" if after else "维护前"
    # "延续比实施多多少项", "国家级和省级差几处": one count against another, not a before/after change.
    named = [m for m in measures if m]
    compare = bool({"重点建设项目", "文物保护单位"} & set(about)) and op != "lookup" and len(named) == 2 \
        and bool(re.search(r"比|差", text))
    # "历史文化保护线比洪涝风险控制线小多少公顷？", "两条线哪个大？": one line's area against another's, not
    # each one's own change ("永久基本农田和生态保护红线比原来各多了多少").
    areas = [i for i in indicators if i not in ("重点建设项目", "文物保护单位")]
    if len(areas) == 2 and not named and _ONE_AGAINST_OTHER.search(text) and not _EACH_CHANGE.search(text) \
            and not _PERCENT.search(text):
        compare, op = True, "lookup"
    if "重点建设项目" in about and op != "lookup":
        # For projects "增加/减少" are the plan's 新增/撤销 counts, not a before/after difference.
        extra = [] if compare else (["新增"] if re.search(r"增", text) else [])
        extra += [] if compare else (["撤销"] if re.search(r"减|(?<!多)少", text) else [])
        measures = named + [m for m in extra if m not in measures] or [""]
        op = "lookup"
    elif compare:
        op = "lookup"
    # "城镇开发边界是生态红线的几倍", "维护后的扩展规模是原扩展规模的百分之多少": one figure over another; 倍 is
    # then no unit and no 扩展倍数, 百分之 no 占比 of the plan's.
    ratio = bool(_RATIO.search(text)) and (len(indicators) == 2 or any(text.count(m) >= 2 for m in measures if m))
    if ratio:
        measures = [m for m in measures if m != "占比" and (m != "扩展倍数" or "倍数" in text)] or [""]
        compare, op = False, "lookup"
    percent = bool(_PERCENT.search(text)) and "占比" not in measures
    total = _asks_total(text, measures)
    unit = _unit(text)
    if ratio and unit == "倍":
        unit = None
    if unit == "%":
        unit = None  # a share or rate is computed from the figures, not a unit to convert them to
    return FigureQuery(indicators, measures, version, op, unit, scope,
                       _refusal(text, indicators) if _CUE.search(text) or indicators else None,
                       scopes=scopes, percent=percent, total=total, compare=compare,
                       excluding=bool(_EXCLUDING.search(text)) and len(scopes) >= 2,
                       remainder=bool(_REMAINDER.search(text)), ratio=ratio,
                       decimals=asked_decimals(text))


# A question about a rule or a way of doing ("按什么规则处理增减和进出") is not a figure question, even
# when it names an indicator and a change word.
_ASKS_HOW = re.compile(r"什么(规则|原则|要求|标准|方式|办法|情形|依据)|按什么|依据|怎么|怎样|如何|为什么|为啥|哪些|哪几|"
                       r"名称|名字|名单|叫什么|叫啥")


# What a rule is made of, never a figure: "保护要求有没有变" asks the text.
_RULE_NOUN = re.compile(r"要求|规则|原则|属性|管控|规定|政策|标准|布局|功能")


def asks_amount(text: str) -> bool:
    """An amount is asked (多少, 几处, 多大, 占比 …), not only a measure named."""
    return bool(_AMOUNT.search(text))


def is_figure_question(question: str, query: FigureQuery) -> bool:
    text = question
    # "它的保护要求变了吗？": whether a rule changed is read in the text, not in the figures
    if not _AMOUNT.search(text) and (_ASKS_HOW.search(text) or _RULE_NOUN.search(text)):
        return bool(query.refusal)
    return bool(query.refusal) or (bool(query.indicators)
                                   and bool(_CUE.search(text) or _CHANGE.search(text) or query.compare))


# What is left of "那维护前的呢？" once its phase and particles are taken away: nothing.
_PHASE_ONLY = re.compile(f"{_BEFORE.pattern}|{_AFTER.pattern}|[那的呢吗是？?，,。\\s]")
_FOLLOWUP = re.compile(r"^(那|那么|还有|再|换成|改成|如果是|要是)|呢[？?。]*$|怎么样[？?]*$|如何[？?]*$")
# A share whose part is left out ("占市域国土面积的比例是多少？", "它占全市的百分之几？").
_SHARE_OF = re.compile(r"^(?:那么?)?(?:它|这|其|这个|这部分)?(?:的面积)?占(?!比)")


def _applies(indicator: str, measure: str) -> bool:
    """Can this indicator have this measure at all (调出 of 国土面积 cannot)?"""
    if not measure or not indicator:
        return True
    if indicator == "重点建设项目":
        return measure in PROJECT_WORDS
    if indicator == "文物保护单位":
        return measure in SITE_WORDS
    return (indicator in CONTROL_LINES and measure in MEASURE_WORDS
            and MEASURE_INDICATOR.get(measure, indicator) == indicator)


# The two figures of the last two turns, pointed at together ("两个加起来", "哪个大", "这俩差多少").
_THE_TWO = re.compile(r"两个|两者|二者|俩|两项|两类|两条|这两|哪个|谁")


def _last_two(question: str, query: FigureQuery, prev: dict[str, Any] | None,
              earlier: dict[str, Any] | None) -> FigureQuery | None:
    """"两个加起来多少？" after 实施 118 and then 延续 229; "哪个大？大多少万亩？" after 城镇开发边界 and then
    永久基本农田: the sum or the difference of the figures the last two turns gave, else None."""
    if not (prev and earlier) or query.indicators or not _THE_TWO.search(question):
        return None
    total, compare = bool(_ADD_UP.search(question) or _TOTAL.search(question)), bool(_ONE_AGAINST_OTHER.search(question))
    if total == compare:
        return None
    if list(earlier["indicators"]) == list(prev["indicators"]):
        measures = [m for m in dict.fromkeys([*earlier["measures"], *prev["measures"]]) if m]
        if len(measures) != 2:
            return None
        indicators = list(prev["indicators"])
    else:
        indicators = list(dict.fromkeys([*earlier["indicators"], *prev["indicators"]]))
        measures = [""]
        if len(indicators) != 2 or not compare or earlier["measures"] != [""] or prev["measures"] != [""]:
            return None
    return FigureQuery(indicators, measures, prev["version"] or earlier["version"], "lookup",
                       query.unit or prev["unit"], prev["scope"] or earlier["scope"], total=total, compare=compare,
                       percent=query.percent, decimals=query.decimals)


def resolve(question: str, context: dict[str, Any] | None) -> FigureQuery | None:
    """The query a question asks, filling gaps from the previous figure turn; None if not a figure question.

    `context` is the conversation's context dict; the previous figure turn sits under context["figure"]
    (as written by `FigureQuery.to_context()`).
    """
    prev = (context or {}).get("figure")
    carried = CARRIED.search(question)
    if prev and carried and _unit(question[:carried.start()]) \
            and set(_words_found(carried.group(1), INDICATOR_WORDS)) <= set(prev["indicators"]):
        # "这个合多少公顷？（紫线）" after 紫线调出 734.46 平方米: the subject carried back is the figure's own
        # line, and the unit asked converts that figure, not the line's whole area
        question = question[:carried.start()]
    query = parse(question)
    if query.refusal:
        return query
    # The plan's own 占比 (of 预留机动) is 城镇开发边界's; after anything else "百分之几" only asks a share.
    plain_share = bool(prev) and "占比" in query.measures \
        and not all(_applies(i, "占比") for i in prev["indicators"] or [""])
    named = _words_found(question, INDICATOR_WORDS)
    # "延续的呢？数量和占比都说一下" after 实施 118 项: a share of what the last turn counted, when the question
    # names no indicator and not the plan's own share (预留机动的).
    bare_share = plain_share and not named and "预留机动" not in query.measures
    if prev and (query.percent or plain_share) and (_SHARE_OF.match(question.strip()) or bare_share):
        # "占市域国土面积的比例是多少？" after 市辖区国土面积: the part is what the last turn was about.
        # "占全部的百分之几？" after 撤销 22 项: 百分之几 names no share of the plan's (预留机动的), only a share,
        # and the indicator it implies (城镇开发边界) is not the question's own.
        own = [i for i in query.indicators if i in named or i in ("国土面积", "中心城区面积")]
        own = [i for i in own if i not in prev["indicators"]]  # "占全部项目的百分之几" after 实施: the same projects
        kinds = parse(question, prev["indicators"]).measures if not own else query.measures  # 延续, 省级
        measures = [m for m in kinds if m not in ("占比", "总数")] or [""]  # "占总数多少": 总数 is the whole
        if not own and measures == [""]:
            measures = list(prev["measures"])
        scopes = [s for s in dict.fromkeys([*query.scopes, prev["scope"]]) if s]
        return replace(query, indicators=list(dict.fromkeys([*prev["indicators"], *own])), measures=measures,
                       percent=True,
                       scopes=scopes, scope=query.scope or prev["scope"],
                       # a change's phase word ("比以前大了多少") picks no version of a share
                       version=query.version or (prev["version"] if prev["op"] == "lookup" else None))
    pair = _last_two(question, query, prev, (context or {}).get("figure_before"))
    if pair is not None:
        return pair
    if prev and not query.indicators:
        query = parse(question, prev["indicators"])
    has_own = bool(query.indicators)
    own_phase = bool(query.version) or query.measures != [""]
    # "南山宾馆现在能进去参观吗？": a phase word (现在) in a question of its own asks no figure; with an
    # amount ("现在是多少？") or alone ("原来的？") it does
    asks_more = query.measures != [""] or query.op != "lookup" or bool(query.unit) \
        or (bool(query.version) and bool(_AMOUNT.search(question) or not _PHASE_ONLY.sub("", question)))
    follow = bool(prev) and (bool(_FOLLOWUP.search(question.strip())) or (not has_own and asks_more))
    if follow and (_ASKS_HOW.search(question.replace("怎么样", "")) or _RULE_NOUN.search(question)) \
            and not _AMOUNT.search(question):
        # "那维护了哪些内容？", "那它是按什么原则优化的？", "那它的保护要求有没有变？" after a figure ask for
        # text, not the figure again
        follow = False
    if follow and not has_own and not all(_applies(i, m) for i in prev["indicators"] for m in query.measures):
        follow = False  # "调出了多少？" after a 国土面积 question asks about the lines that have 调出
    if not follow:
        if not has_own and query.measures != [""] and _CUE.search(question):
            return replace(query, indicators=[""])  # "调出了多少？": every indicator with that measure
        return query if is_figure_question(question, query) else None

    if not has_own and _ADD_UP.search(question) and len([m for m in prev["measures"] if m]) >= 2:
        # "加起来一共多少？" after "实施和延续各多少项": those two added, not the plan's own 总数.
        query, own_phase = replace(query, measures=list(prev["measures"])), True
    indicators = query.indicators or list(prev["indicators"])
    swapped = has_own and indicators != list(prev["indicators"])
    if own_phase and not has_own and query.measures == [""] and prev["measures"] \
            and all(m in MEASURE_INDICATOR for m in prev["measures"]):
        # "现在比原来少了多少？", "维护后呢？" after 扩展规模: a version or a change of the measure, which has both
        measures, version = list(prev["measures"]), query.version
    elif own_phase:
        measures, version = query.measures, query.version
    else:  # "那生态保护红线呢？": same phase and operation, other indicator
        measures = [m for m in prev["measures"] if all(_applies(i, m) for i in indicators)] or [""]
        version = prev["version"]
    op = query.op if query.op != "lookup" or own_phase else prev["op"]
    unit = query.unit or (None if swapped else prev["unit"])
    scope = query.scope or (None if swapped else prev["scope"])
    # "那加起来一共几处？" after "国家级和省级各几处": the sum of the figures the last turn named.
    total = _asks_total(question, measures)
    return FigureQuery(indicators, measures, version, op, unit, scope, total=total, percent=query.percent,
                       # "换成亩呢？" after "城市绿线比城市紫线大多少": the comparison again, in 亩
                       compare=query.compare or (bool(prev.get("compare")) and not has_own),
                       remainder=query.remainder, ratio=query.ratio or (bool(prev.get("ratio")) and not has_own),
                       decimals=query.decimals)
