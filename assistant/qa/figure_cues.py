"""The words a figure question is read by: phases, changes, comparisons, amounts, units, sums and rules."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..plan.vocabulary import PHASE_SYNONYMS


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words)))


# The shared phase words plus those that only make sense when asking for a figure.
BEFORE = _any_of(PHASE_SYNONYMS["维护前"] + (
    "优化前", "修改前", "变更前", "变化前", "变动前", "原有", "原先", "原本", "原总规", "原方案", "原定", "原批复",
    "原规模", "原面积", "原总面积", "原指标",  # "原规模和维护后规模各是多少": 原 before what is measured
    "市级总体规划确定", "总体规划确定", "总规确定", "规划确定的", "总规定的", "批复的", "现行规划"))
AFTER = _any_of(tuple(w for w in PHASE_SYNONYMS["维护后"] if w != "之后")
                + ("优化后", "修改后", "变更后", "变化后", "变动后", "如今", "最新", "最终", "最后", "改完", "调完", "弄完", "搞完"))
# "维护完总共多少公顷": done, as 改完 is; not "维护完成后…还剩多少", which asks the figure of each phase.
# "撤销以后还剩多少项": 以后/之后 bound to taking a part away is no phase of the plan's.
_TAKE_AWAY = ("撤销", "撤掉", "取消", "去掉", "扣除", "减掉")
# ("调进调出之后，净多了多少": once moved in and out is the net of the moves, no phase either)
AFTER = re.compile(f"{AFTER.pattern}|维护完(?!成)|{''.join(f'(?<!{v})' for v in (*_TAKE_AWAY, '调出', '调入', '调进'))}"
                   "(?:以后|之后)")
BOTH = re.compile(r"前后|前和后|前与后")
CHANGE = re.compile(r"增加|减少|增幅|降幅|减幅|涨幅|涨了|上涨|降了|增长率|变化率|变化(?![前后])|变动(?![前后])|增减|增长|增多|减小|扩大|缩小|扩了|缩了|变大|变小|变多|变少|多了|(?<!多)少了|多出|少出|少掉(?=[^？?。]*(?:多少|几|多大))|净增|净减|"
                     r"相差|差值|差额|差了|差多少|多多少|少多少|增了|减了|[多少](?:划|画|圈)(?:了|进|出|入)|挪了?多少|挪动了?多少|(?<![变缩扩])[大小]了(?:多少|几)|调整了多少|调了多少|有何变化|有什么变化|"
                     r"(?<![占分])比(?![例重率])[^，。？?]{1,14}?(多|少|大|小|增|减)|变了|动没动|变没变|改没改|调没调|动(?:了|过)没")
NET = re.compile(r"净")
# One figure against another: "A比B多/小多少", "相差多少", "哪个大", "谁多".
ONE_AGAINST_OTHER = re.compile(r"(?<![占分])比(?![例重率])|相差|(?<=[\u4e00-\u9fff])减(?:去|掉)(?![^，,。？?]{0,8}(?:剩|还有))|差多少|差距|差了|(?:哪个|谁)的?(?:面积|规模|数量)?(?:更)?[大小多少]")
# "比原来", "各…了多少": each figure's own change, not one against the other.
EACH_CHANGE = re.compile(r"比(?:维护前|调整前|原来|原先|以前|之前|过去|上次|去年)|各|分别")
# "A是B的几倍", "A是B的百分之多少": one figure over another.
# "占原来扩展规模的多少", "维护后是维护前的百分之几": the figure after maintenance over the one before it.
# ("相当于原定的百分之几": any word of the figure before)
OF_BEFORE = re.compile(rf"(?:是|占|为|相当于)了?(?:{BEFORE.pattern}|过去)的?"
                       r"(?:[\u4e00-\u9fff]{0,6}?的)?(?:百分之几|百分之多少|多少|几成|比例|比重|百分比|几倍|多少倍)")
# ("相当于城镇开发边界的百分之几": 相当于 says 是 as well)
RATIO = re.compile(r"(?:是|相当于)[^，。？?]{0,16}?的(?:几|多少)倍|(?:几|多少)倍于|(?:是|相当于)[^，。？?]{0,16}?的百分之(?:几|多少)")
# "去掉撤销的，还剩多少项？": the whole less the part named.
REMAINDER = re.compile(r"(?:去掉|除去|除掉|扣除|扣掉|减去|减掉|刨去|刨除|剔除|拿掉|不算|不计).{0,8}(?:[还又]?剩|还有|还留|留下|其余|其他)|"
                       r"除了.{0,8}(?:还剩|剩下|剩余)|"
                       f"(?:{'|'.join(_TAKE_AWAY)})" r"(?:了|的)?(?:以后|之后|后)[^，。？?]{0,4}(?:还剩|剩下|剩余|还有|还留)|"
                       r"(?:没|未)(?:被|有)?(?:撤销|撤掉|取消)的")  # "没被撤销的项目": all but those  # "除了A，还有哪些" asks for the others, not a remainder
# "市辖区中心城区以外", "除了市辖区剩下的": one scope less another.
EXCLUDING = re.compile(r"以外|之外|除了|除去|刨去|不含|不包括|剩下|[还又]剩|还留|其余|其他地方")
# "划出来多大一片专门管着": a line drawn, not land taken out of it (划出去, 调出).
DESIGNATED = re.compile(r"[划圈]出来|[划圈]出了?(?=一|多大|哪)")
# Words of size, not of number: what is counted (sites) has none, the line around it has an area.
SIZE = re.compile(r"范围|面积|多大|变大|变小|扩大|缩小|大了|小了")
COUNTED = re.compile(r"几(?!级)|多少[个处家座]")  # "有几个文物被圈进保护范围": the sites, counted
# Asking for an amount, not just naming a measure ("数量和质量上有什么要求" asks a rule).
AMOUNT = re.compile(r"多少|(?<![哪第])几(?![类种条方级])|多大|占比|比例|倍数|折合|换算|合计|总共|一共|%|百分|"
                     r"(?:分别|各)是(?!怎|什么|如何|哪)")
CUE = re.compile(r"多少|(?<![哪第])几(?![类种条方级])|多大|面积|规模|数量|数字|数据|占比|比例|倍数|折合|换算|合计|总共|一共|"
                  r"亩|公顷|平方|(?<![哪每各])项(?!目)|%|百分")

_UNITS = (("万亩", "万亩"), ("亩", "亩"), ("公顷", "公顷"), ("平方千米", "平方千米"), ("平方公里", "平方千米"),
          ("km²", "平方千米"), ("km2", "平方千米"), ("平方米", "平方米"), ("㎡", "平方米"), ("m²", "平方米"),
          ("项", "项"), ("处", "处"), ("倍", "倍"), ("%", "%"), ("百分之", "%"))
# 扩展倍数 names a measure, not the unit 倍 it is asked in; 处 counts after a number (几处, 11 处), not in 处于.
_UNIT_RX = re.compile("|".join(("(?<=[\\d\\s几少])" if w == "处" else "") + re.escape(w) + ("(?!数)" if w == "倍" else "")
                               for w, _ in sorted(_UNITS, key=lambda u: -len(u[0]))))
# The area units said in Chinese words (平方公里 too), each with the plan's name for it; AREA_SAID is their
# alternation, longest first, for a pattern to hold.
AREA_UNIT_NAMES = {said: unit for said, unit in _UNITS
                   if unit in ("万亩", "亩", "公顷", "平方千米", "平方米") and re.fullmatch(r"[\u4e00-\u9fff]+", said)}
AREA_SAID = "|".join(sorted(AREA_UNIT_NAMES, key=len, reverse=True))
_UNIT_ASKED = re.compile(r"(多少|几|折合|折算|换算成?|合|按|以|用|为|成|化成|算成)\s*$")


def words_found(text: str, table: dict[str, tuple[str, ...]]) -> list[str]:
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


def unit_of(text: str) -> str | None:
    """The unit the answer is asked in: the one after 多少/折合/换算成…, else the last one named."""
    found = [(m, dict(_UNITS)[m.group(0)]) for m in _UNIT_RX.finditer(text)]
    if not found:
        return None
    asked = [u for m, u in found if _UNIT_ASKED.search(text[: m.start()])]
    return (asked or [u for _, u in found])[-1]


PERCENT = re.compile(r"百分之|百分比|%|比例|比重|占比|几成|几分之几|占.{0,10}(多少|几)|"
                     r"增幅|降幅|减幅|涨幅|增长率|增速|变化率|变动率|减少率|下降率|(?:增加|增长|减少|下降|缩小|扩大|变化)的?幅度")  # "增幅多少": a rate, in per cent
# "扩展规模加上机动规模是多少": 加上 between two things named joins them
ADD_UP = re.compile(r"加起来|加在一起|加一块|加到一起|加一起|合起来|合在一起|相加|二者|两者|两项|[^，,。？?]加上[^，,。？?]")
TOTAL = re.compile(r"一共|合计|总共|共计|加起来|合起来|合在一起|加在一起|加一块|加到一起|加一起|总计|总和|之和|相加|共有多少|共多少|"
                   r"[^，,。？?]加上[^，,。？?]")


def asks_total(text: str, measures: list[str], indicators: Sequence[str] = ()) -> bool:
    """"一共多少处" of two or more figures named, "绿线和紫线加起来多少" of two lines (or of what each moved, "绿线和
    紫线调出的合计"): their sum is asked."""
    return bool(TOTAL.search(text)) and (len([m for m in measures if m]) >= 2
                                         or (len(indicators) == 2 and measures in ([""], ["调入"], ["调出"])))


# "有多少处国家级和省级文保单位被纳入": two kinds joined, one count asked of them (not 各, 分别, 每).
_JOINED = r"\s*(?:和|与|及|跟|以及|、)\s*"
_EACH = re.compile(r"各|分别|每")
_COUNT_ASKED = re.compile(r"多少|(?<![哪第])几(?![类种条方级])")


def counts_joined(text: str, kinds: list[str]) -> bool:
    """Two kinds of a count named together with one amount asked of them: the things of both are counted."""
    kinds = [k for k in kinds if k]
    # (not one against the other, nor a share or ratio: "延续和实施相差多少项")
    if ONE_AGAINST_OTHER.search(text) or RATIO.search(text) or PERCENT.search(text):
        return False
    return len(kinds) == 2 and bool(_COUNT_ASKED.search(text)) and not _EACH.search(text) \
        and any(re.search(re.escape(a) + _JOINED + re.escape(b), text) for a, b in (kinds, kinds[::-1]))


# A question about a rule or a way of doing ("按什么规则处理增减和进出") is not a figure question, even
# when it names an indicator and a change word.
ASKS_HOW = re.compile(r"什么(规则|原则|要求|标准|方式|办法|情形|依据)|按什么|依据|怎么|怎样|如何|咋(?!样)|为什么|为啥|哪些|哪几|"
                       r"名称|名字|名单|叫什么|叫啥|区别|差别|有何不同|有什么不同|含义|定义|意思|是指|指的是|指(?:什么|啥)|"
                       # "增加的部分是把啥纳进来了": what was taken in, a thing, not an amount
                       r"把(?:啥|什么)|(?:纳入|纳进|包括|涉及|增加|调整|调)了?(?:啥|什么)")


# What a rule is made of, never a figure: "保护要求有没有变" asks the text.
RULE_NOUN = re.compile(r"要求|规则|原则|属性|管控|规定|政策|标准|布局|功能")
# "是不是突破了这个倍数": whether a bound is kept, which the plan says in words (不突破), though a figure's name
# (倍数) is said; unless a number is asked too ("超过了多少").
BOUND_KEPT = re.compile(r"突破|超出|超过|符合")
# ("减少的这几公顷原来是什么用地": 这几, 那几 point at a figure said, they ask none)
NUMBER_ASKED = re.compile(r"多少|(?<![哪第这那])几(?![类种条方级])|多大")
# "有多少项", "面积多大": an amount is asked (not how many items a list has: 几条, 哪几类, 多少类).
ASKS_FIGURE = re.compile(r"多少(?![类种条个方])|多大|(?<![哪那这])几(项|处|公顷|亩|平方|万)")
# "是不是调进来多少就得退出去多少": as much one way as the other, a rule asked, not an amount.
AS_MUCH = re.compile(r"多少[^，。？?]{0,4}就[^，。？?]{0,6}多少")


def amounts_asked(text: str) -> str:
    """The text whose 多少 may ask an amount: without the amounts said to match each other (AS_MUCH)."""
    return AS_MUCH.sub("", text)
# "调了没", "有没有调整": whether a thing was changed at all, which the plan says in words ("不涉及…调整").
ASKS_IF_CHANGED = re.compile(r"(?:调整?|改|变|动)(?:了|过)?(?:没有?|吗|么|不)|(?:有没有|是否|有无)(?:调|改|变|动)")


# "我家在郊区种地，", "我是矿区的，", "俺们村在郊区，": who asks and where, said before the question; no scope of
# what is asked.
ASKER = re.compile(r"(?:我|俺|咱)们?(?:家|村|厂|单位|公司)?(?:的?(?:地|田|房子?|院子|厂房))?(?:就|一直)?(?:在|住在|住|是)"
                   r"[^，,。？?！!]{0,14}[，,。！!]")
