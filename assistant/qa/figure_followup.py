"""A figure question read against the conversation: gaps filled from the last figure turn (or the last two)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .figure_cues import (
    ADD_UP,
    AFTER,
    AMOUNT,
    ASKS_HOW,
    ASKS_IF_CHANGED,
    BEFORE,
    BOTH,
    BOUND_KEPT,
    CUE,
    EXCLUDING,
    NUMBER_ASKED,
    ONE_AGAINST_OTHER,
    PERCENT,
    RULE_NOUN,
    TOTAL,
    asks_total,
    unit_of,
    words_found,
)
from .figure_lines import line_by_tail
from .figure_pointed import AGAINST_IT, THAN_IT, pointed_back
from .figure_query import SCOPE_AREAS, FigureQuery, asks_no_amount, is_figure_question, parse, plans_own_share
from .figure_recent import THE_TWO, last_two
from .figure_unstated import WIDE_SCOPE
from .figure_words import (
    CONTROL_LINES,
    COUNTED_IN,
    INDICATOR_WORDS,
    MEASURE_INDICATOR,
    MEASURE_WORDS,
    PROJECT_WORDS,
    SITE_WORDS,
)
from .followup import CARRIED, GOES_ON, OWN_ASK, without_carried

# "减少的这几公顷原来是什么用地？": the kind of the land a figure measures, which no figure gives
_KIND_ASKED = re.compile(r"(?:什么|啥|哪一?[类种])(?:用地|地类|性质|类型|地)")
# What is left of "那维护前的呢？" once its phase and particles are taken away: nothing.
_PHASE_ONLY = re.compile(f"{BEFORE.pattern}|{AFTER.pattern}|[那的呢吗是？?，,。\\s]")
# ("那个站配套了什么": 那个 points at a thing; it does not go on from the last figure)
_FOLLOWUP = re.compile(rf"^({GOES_ON}|那么|还有|再|换成|改成|如果是|要是)|呢[？?。]*$|怎么样[？?]*$|如何[？?]*$")
_QUOTED_SHARE = re.compile(r"\d\s*[%％]")
# What an elliptic follow-up ("那它呢？") is made of: nothing of its own is left once these are taken away.
_ELLIPSIS = re.compile(r"^(?:那么?|还有|再)|[它这那其个的呢吗啊呀？?，,。\s]")
# "占原来的百分之几": a share of the figure before, whatever the last turn changed.
_OF_BEFORE = re.compile(r"^(?:那么?)?(?:它|这|其|这个|这部分)?占(?:原来|原先|以前|之前|维护前|原有|总规确定|原(?=[\u4e00-\u9fff]{0,4}规模))")
# A share whose part is left out ("占市域国土面积的比例是多少？", "它占全市的百分之几？").
# ("大约占市辖区面积的几成？": said roughly)
_SHARE_OF = re.compile(r"^(?:那么?)?(?:它|这|其|这个|这部分|市辖区|中心城区)?(?:的面积)?(?:大概|大约|大致|约)?占(?!比)")


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


# "占多少", "比例": a share asked ("其中国家级的占多少？").
_PART_SHARE = re.compile(r"占(?:多少|几|比|百分|多大)|比例|比重|百分之")
# "它的占比？", "其比例是多少": a share of the figure just given, nothing else named.
_ITS_SHARE = re.compile(r"^(?:那么?)?(?:它|这|其|这个|这部分|这一项)?的?(?:占比|比例|比重)(?:是)?(?:多少)?[？?呢。]*$")
# "剩下这些里", "其余的当中": what was left of the whole, just counted.
_THE_REST = re.compile(r"剩下|剩余|其余|余下|这些里|这些当中|这些中")
# "占维护后城镇开发边界的百分之几": a whole named after 占, not the two just added.
_WHOLE_NAMED = re.compile(r"占[^，,。？?]{0,6}?(?:城镇开发边界|开发边界|总面积|国土面积)")
# "维护后总面积折合多少平方千米？" after 扩展规模: the line's own size, not its measure's.
_OWN_SIZE = re.compile(r"总面积|总规模|(?:本身|自身|自己)的?(?:面积|规模)")


def resolve(question: str, context: dict[str, Any] | None) -> FigureQuery | None:
    """The query a question asks, filling gaps from the previous figure turn; None if not a figure question.

    `context` is the conversation's context dict; the previous figure turn sits under context["figure"]
    (as written by `FigureQuery.to_context()`).
    """
    prev = (context or {}).get("figure")
    question, prev, settled = pointed_back(question, prev, context)
    if settled is not None:
        return settled
    question = line_by_tail(question)
    carried = CARRIED.search(question)
    if prev and carried and unit_of(question[:carried.start()]) \
            and set(words_found(carried.group(1), INDICATOR_WORDS)) <= set(prev["indicators"]) \
            and not WIDE_SCOPE.search(carried.group(1)):
        # "这个合多少公顷？（紫线）" after 紫线调出 734.46 平方米: the subject carried back is the figure's own
        # line, and the unit asked converts that figure, not the line's whole area (a wider scope carried,
        # "（市域、生态保护红线）" from "整个市域范围的生态保护红线呢？", is the question's own: the figure is asked there)
        question = question[:carried.start()]
    query = parse(question)
    own = parse(without_carried(question)) if query.refusal and CARRIED.search(question) else None
    if own is not None and own.indicators and not own.refusal:
        # "那维护后保护线多少公顷？（全市、…）": a scope carried back from a count of the 市域 (文物保护单位) is
        # none the question's own line is refused for
        query = own
    if query.refusal:
        return query
    # the question read with the last figure's indicators assumed ("撤销" is a kind of 重点建设项目): read once
    in_context = parse(question, prev["indicators"]) if prev else query
    part = [m for m in in_context.measures if m in prev["measures"]] \
        if prev and (prev.get("total") or prev.get("of_sum")) else []
    # ("占全部的百分之几" names its own whole)
    if len(part) == 1 and len(set(prev["measures"]) - {""}) == 2 and _PART_SHARE.search(question) \
            and not re.search(r"占(?:全部|所有|整个|总)", question) and not _WHOLE_NAMED.search(question) \
            and set(words_found(without_carried(question), INDICATOR_WORDS)) <= set(prev["indicators"]):
        # "其中国家级的占多少？" after 国家级 11 处 and 省级 12 处 added: the one as a share of the two
        other = next(m for m in prev["measures"] if m != part[0])
        return FigureQuery(list(prev["indicators"]), [part[0], other], prev["version"], "lookup", prev["unit"],
                           prev["scope"], of_sum=True, decimals=query.decimals)
    one_of_two = [i for i in query.indicators if i in prev["indicators"]] \
        if prev and prev.get("total") and len(prev["indicators"]) == 2 and prev["measures"] == [""] else []
    if len(one_of_two) == 1 and len(query.indicators) == 1 and _PART_SHARE.search(question):
        # "其中紫线占百分之几？" after 城市绿线 and 城市紫线 added: the one line as a share of the two
        other = next(i for i in prev["indicators"] if i != one_of_two[0])
        return FigureQuery([one_of_two[0], other], [""], query.version or prev["version"], "lookup", prev["unit"],
                           prev["scope"], of_sum=True, decimals=query.decimals)
    # The plan's own 占比 (of 预留机动) is 城镇开发边界's; after anything else "百分之几" only asks a share.
    plain_share = bool(prev) and "占比" in query.measures \
        and not all(_applies(i, "占比") for i in prev["indicators"] or [""])
    # "它的占比？（重点建设项目）": the subject carried back is the last figure's own, not one the question names
    bracket = CARRIED.search(question)
    carried_same = bool(prev) and bracket is not None \
        and set(words_found(bracket.group(1), INDICATOR_WORDS)) <= set(prev["indicators"])
    named = words_found(without_carried(question) if carried_same else question, INDICATOR_WORDS)
    # "延续的呢？数量和占比都说一下" after 实施 118 项: a share of what the last turn counted, when the question
    # names no indicator and not the plan's own share (预留机动的).
    # ("预留机动规模占比多少" after a share of 国土面积: parse has folded 预留机动 into the plan's 占比)
    bare_share = plain_share and not named and "预留机动" not in query.measures \
        and not any(w in question for w in MEASURE_WORDS["预留机动"])
    if plain_share and THE_TWO.search(question) and ADD_UP.search(question):
        # "这两类加起来占全部的百分之几？": the share of the last two figures' sum; 百分之几 implies no 占比 of
        # 城镇开发边界's here
        pair = last_two(question, replace(query, indicators=[i for i in query.indicators if i in named],
                                           measures=[""], percent=True), prev, (context or {}).get("figure_before"))
        if pair is not None:
            return pair
    taken = [m for m in prev["measures"] if m not in ("", "总数")] if prev and prev.get("remainder") else []
    asked = [m for m in in_context.measures if m not in ("", "总数", "占比", *taken)]
    if len(taken) == 1 and len(asked) == 1 and query.percent and _THE_REST.search(question) and not named:
        # "剩下这些里新增的占多少？" after "去掉撤销的，还剩多少项？": a share of what was left
        return FigureQuery(list(prev["indicators"]), asked, None, "lookup", None, prev["scope"], percent=True,
                           rest_of=taken[0], decimals=query.decimals)
    if prev and prev["op"] == "change" and _OF_BEFORE.search(question) and not named and PERCENT.search(question):
        # "占原来的百分之几" after "扩展规模减少了多少": the change as a share of the figure before, not the
        # plan's own 占比 (of 预留机动)
        return FigureQuery(list(prev["indicators"]), list(prev["measures"]), None, "change", None, prev["scope"],
                           percent=True, decimals=query.decimals)
    wholes = [i for i in prev["indicators"] if i in SCOPE_AREAS] if prev and prev.get("percent") else []
    if wholes and query.percent and len(query.indicators) == 1 and query.indicators[0] not in wholes \
            and not query.scopes:
        # "维护后的城镇开发边界又占多少？" after 生态保护红线's share of 市辖区: another line, of the same whole
        return replace(query, indicators=[*query.indicators, *wholes], scope=prev["scope"],
                       scopes=[prev["scope"]] if prev["scope"] else [])
    # "按1公顷=15亩，占市辖区国土面积百分之几？": the share may be asked in a clause after a condition, and
    # "占市域呢？" after a share asks that share again, of another whole.
    share_clause = any(_SHARE_OF.match(clause.strip())
                       for clause in re.split(r"[，,；;：:]", without_carried(question)))
    if prev and _ITS_SHARE.match(without_carried(question).strip()):
        share_clause = True  # "它的占比？" after 实施 118 项: that count's share
    if prev and not named and not share_clause and "占" in without_carried(question):
        # "撤销和更新合起来占总数多少？": the parts named before 占 are kinds of the last figure's indicator
        share_clause = any(m not in ("", "占比", "总数") for m in in_context.measures)
    # ("占全市国土面积又是多少？" after 中心城区's share of 市辖区: the whole named by its area is the share's whole)
    share_again = bool(prev) and bool(prev.get("percent")) and share_clause \
        and not [n for n in named if not (n in SCOPE_AREAS and query.scopes)]
    if share_again and len(query.scopes) >= 2:
        return replace(query, percent=True)  # "那市辖区占全市呢？": a share again, of the part and whole it names
    if prev and (query.percent or plain_share or share_again) and (share_clause or bare_share):
        # "占市域国土面积的比例是多少？" after 市辖区国土面积: the part is what the last turn was about.
        # "占全部的百分之几？" after 撤销 22 项: 百分之几 names no share of the plan's (预留机动的), only a share,
        # and the indicator it implies (城镇开发边界) is not the question's own.
        own = [i for i in query.indicators if i in named or i in ("国土面积", "中心城区面积")]
        own = [i for i in own if i not in prev["indicators"]]  # "占全部项目的百分之几" after 实施: the same projects
        kinds = in_context.measures if not own else query.measures  # 延续, 省级
        measures = [m for m in kinds if m not in ("占比", "总数")] or [""]  # "占总数多少": 总数 is the whole
        carried_sum = False
        if not own and measures == [""]:
            measures = list(prev["measures"])
            carried_sum = bool(prev.get("total"))  # "占总数百分之多少？" after "这两类加起来多少": of the sum
        if plans_own_share(measures, without_carried(question)):  # "它占多少？" after 预留机动规模: the plan's own 占比
            return replace(query, indicators=list(prev["indicators"]), measures=["占比"], percent=False,
                           scope=query.scope or prev["scope"])
        # the part is the last turn's scope, the whole the one named now ("占市域呢？" after 中心城区占市辖区)
        # (after 中心城区面积's share of 市辖区 the part is the 中心城区, though the turn's scope was the whole's)
        part_scope = "中心城区" if "中心城区面积" in prev["indicators"] else prev["scope"]
        scopes = [s for s in dict.fromkeys([part_scope, *query.scopes] if share_again else
                                           [*query.scopes, prev["scope"]]) if s]
        return replace(query, indicators=list(dict.fromkeys([*prev["indicators"], *own])), measures=measures,
                       percent=True, total=query.total or carried_sum or (not own and in_context.total),
                       scopes=scopes, scope=query.scope or prev["scope"],
                       # a change's phase word ("比以前大了多少") picks no version of a share
                       version=query.version or (prev["version"] if prev["op"] == "lookup" else None))
    if prev and not query.indicators and sorted(prev["measures"]) == ["调入", "调出"] \
            and (ONE_AGAINST_OTHER.search(question) or "差几" in question):
        # "这俩差几个平方米？" after 调出 and 调入 given in one turn: the net of the two
        return FigureQuery(list(prev["indicators"]), ["调入", "调出"], None, "net", query.unit or prev["unit"],
                           prev["scope"], decimals=query.decimals)
    own_measures = [m for m in (in_context if prev and not query.indicators else query).measures if m]
    than_named = bool(AGAINST_IT.match(without_carried(question).replace("比", "跟", 1)))  # "比撤销的…"
    one_more = prev and set(query.indicators) <= set(prev["indicators"]) and len(own_measures) == 1 \
        and len(prev["measures"]) == 1 and prev["measures"][0] and own_measures != prev["measures"] \
        and not query.percent and prev["op"] in ("lookup", "change")
    plus = re.match(r"^(?:那么?)?(?:再)?加上", without_carried(question))
    if one_more and (plus or (than_named and TOTAL.search(question))) and not ONE_AGAINST_OTHER.search(question):
        # "和撤销的加起来？", "加上撤销的一共多少" after 更新 15 项: the count just given and the one named; "它和预留
        # 机动规模加起来" after 扩展规模's change: the measure as it is now
        version = prev["version"] if prev["op"] == "lookup" else "维护后"
        return FigureQuery(list(prev["indicators"]), [prev["measures"][0], *own_measures], version, "lookup",
                           query.unit or prev["unit"], prev["scope"], total=True, decimals=query.decimals)
    if one_more and than_named and ONE_AGAINST_OTHER.search(question):
        # "比撤销的多多少？" after 新增 180 项: the count just given against the one named; "比调入少多少" after
        # 调出: the net of the two
        if {prev["measures"][0], *own_measures} == {"调入", "调出"}:
            return FigureQuery(list(prev["indicators"]), ["调入", "调出"], None, "net", query.unit or prev["unit"],
                               prev["scope"], decimals=query.decimals)
        return FigureQuery(list(prev["indicators"]), [prev["measures"][0], *own_measures], prev["version"], "lookup",
                           query.unit or prev["unit"], prev["scope"], compare=True, decimals=query.decimals)
    if prev and not query.indicators and query.measures == [""] and ONE_AGAINST_OTHER.search(question) \
            and len([m for m in prev["measures"] if m]) == 2 and not query.percent:
        # "差多少？" after "延续和新增各多少项": the one count against the other
        return FigureQuery(list(prev["indicators"]), list(prev["measures"]), prev["version"], "lookup",
                           query.unit or prev["unit"], prev["scope"], compare=True, decimals=query.decimals)
    if prev and len(query.indicators) == 1 and len(prev["indicators"]) == 1 and prev["measures"] == [""] \
            and query.indicators != list(prev["indicators"]) and ONE_AGAINST_OTHER.search(question) \
            and (AGAINST_IT.match(without_carried(question)) or THAN_IT.search(question)):
        # "跟维护后的基本农田比哪个大，差多少亩？" after 生态保护红线: the last line against this one, not this
        # one's own change; "洪涝风险控制线比它大多少" after 历史文化保护线: this one against the last, in its phase
        than_it = not AGAINST_IT.match(without_carried(question))
        pair = [*query.indicators, *prev["indicators"]] if than_it else [*prev["indicators"], *query.indicators]
        return FigureQuery(pair, [""], query.version or (prev["version"] if than_it else None), "lookup",
                           query.unit or prev["unit"], query.scope or prev["scope"], compare=True,
                           decimals=query.decimals)
    summed = bool(ADD_UP.search(question) or TOTAL.search(question))
    if prev and not query.indicators and len(prev["indicators"]) == 2 and prev["measures"] == query.measures == [""] \
            and summed != bool(ONE_AGAINST_OTHER.search(question)) and not query.percent:
        # "哪个大？大多少？", "两个加起来？" after 绿线 and 紫线 given in one turn: the one against the other, or both
        return FigureQuery(list(prev["indicators"]), [""], query.version or prev["version"], "lookup",
                           query.unit or prev["unit"], prev["scope"], compare=not summed, total=summed,
                           decimals=query.decimals)
    counted = COUNTED_IN.get(query.unit or "")
    if prev and not query.indicators and counted and counted not in prev["indicators"]:
        # "一共纳入了多少处？" after 历史文化保护线's area: what the plan counts in 处, not the line's area
        return parse(re.sub(r"[？?。！!\s]+$", "", without_carried(question)) + counted)
    pair = last_two(question, query, prev, (context or {}).get("figure_before"))
    if pair is not None:
        return pair
    if prev and not query.indicators:
        query = in_context
    has_own = bool(query.indicators)
    # "它俩加起来呢？（重点项目）": the subject carried over in brackets is the last figure's own; the question
    # itself names nothing, and it ends where it was asked (呢), not at the bracket.
    bare = without_carried(question)
    carried_back = has_own and not words_found(bare, INDICATOR_WORDS) and bool(prev) \
        and set(query.indicators) <= set(prev["indicators"])
    # "紫线维护前后呢？": both phases asked are a phase of its own (no version: both), not the last turn's
    own_phase = bool(query.version) or query.measures != [""] or bool(BOTH.search(bare))
    # "南山宾馆现在能进去参观吗？": a phase word (现在) in a question of its own asks no figure; with an
    # amount ("现在是多少？") or alone ("原来的？") it does
    # "这个3.06%咋算的？": a per cent quoted is a figure of the last turn's
    # "加起来多少？" after "实施和延续各多少项": the figures just given, added
    asks_more = query.measures != [""] or query.op != "lookup" or bool(query.unit) or bool(_QUOTED_SHARE.search(bare)) \
        or (bool(query.version) and bool(AMOUNT.search(question) or not _PHASE_ONLY.sub("", question))) \
        or (bool(BOTH.search(bare)) and bool(AMOUNT.search(question))) \
        or (bool(prev) and bool(ADD_UP.search(bare)) and len([m for m in prev["measures"] if m]) >= 2)
    # "市辖区以外的有多大？" after 市辖区 and 市域: the area it names is the last turn's, less the one before
    rest_of_scope = carried_back and bool(EXCLUDING.search(bare)) and set(query.indicators) <= SCOPE_AREAS
    # ("它在市辖区里占多少？（范围）": a share in a scope named, of nothing else the question names, whatever the
    # brackets carry)
    own_share = query.percent and bool(query.scope) and query.scope in bare and not words_found(bare, INDICATOR_WORDS)
    follow = bool(prev) and (bool(_FOLLOWUP.search(bare.strip())) or (not has_own and asks_more) or rest_of_scope
                             or own_share)
    if follow and ((ASKS_HOW.search(question.replace("怎么样", "")) or RULE_NOUN.search(question)
                    or ASKS_IF_CHANGED.search(question)) and not AMOUNT.search(question)
                   or BOUND_KEPT.search(question) and not NUMBER_ASKED.search(question)
                   or (asks_no_amount(question) or _KIND_ASKED.search(question)) and not NUMBER_ASKED.search(question)):
        # "那维护了哪些内容？", "那它是按什么原则优化的？", "那它的保护要求有没有变？", "那生态保护红线呢？调了没"
        # after a figure ask for text, not the figure again ("减少的这几公顷原来是什么用地": a thing of it)
        follow = False
    if follow and not has_own and not asks_more and not (query.version or query.scope or query.percent or query.compare
                                                         or query.ratio or query.remainder or query.total) \
            and not (CUE.search(bare) or ADD_UP.search(bare) or TOTAL.search(bare)) and _ELLIPSIS.sub("", bare):
        follow = False  # "那生态控制区让不让开发？": something of its own asked, and nothing a figure has
    if follow and query.scope and not asks_more and OWN_ASK.search(bare) and not AMOUNT.search(bare):
        follow = False  # "那市域主要维护啥？" after 市辖区's area: the level is asked a thing of its own
    if follow and not has_own and not all(_applies(i, m) for i in prev["indicators"] for m in query.measures):
        follow = False  # "调出了多少？" after a 国土面积 question asks about the lines that have 调出
    if not follow:
        # ("最多允许开发多少比例": a share alone is no measure of any line's; the plan's one 占比 is 预留机动's)
        if not has_own and query.measures not in ([""], ["占比"]) and CUE.search(question) \
                and not asks_no_amount(question):
            return replace(query, indicators=[""])  # "调出了多少？": every indicator with that measure
        return query if is_figure_question(question, query) else None

    if (not has_own or carried_back) and ADD_UP.search(question) and len([m for m in prev["measures"] if m]) >= 2 \
            and len([m for m in query.measures if m]) < 2:
        # "加起来一共多少？" after "实施和延续各多少项": those two added, not the plan's own 总数 ("新增和更新加起来呢"
        # names two of its own).
        query, own_phase = replace(query, measures=list(prev["measures"])), True
    indicators = query.indicators or list(prev["indicators"])
    swapped = has_own and indicators != list(prev["indicators"])
    if own_phase and not has_own and query.measures == [""] and prev["measures"] \
            and all(m in MEASURE_INDICATOR for m in prev["measures"]) and not _OWN_SIZE.search(bare):
        # "现在比原来少了多少？", "维护后呢？" after 扩展规模: a version or a change of the measure, which has both
        measures, version = list(prev["measures"]), query.version
    elif own_phase:
        measures, version = query.measures, query.version
    elif _OWN_SIZE.search(bare) and (not has_own or carried_back):
        measures, version = [""], prev["version"]  # "总面积的减少幅度呢？" after 扩展规模's: the line's own area
    else:  # "那生态保护红线呢？": same phase and operation, other indicator
        measures = [m for m in prev["measures"] if all(_applies(i, m) for i in indicators)] or [""]
        version = prev["version"]
        if query.op in ("net", "change") and len(measures) == 1 and measures[0] in ("调入", "调出"):
            measures = [""]  # "净增多少？" after "调入呢？": the line's own change, not a change of its 调入
    if query.unit and query.unit != "%" and not has_own and "占比" in measures:
        # "折成亩是多少？" after "它占比多少？" (预留机动 3.06%): a share has no 亩; the area asked the turn before
        earlier = (context or {}).get("figure_before") or {}
        if list(earlier.get("indicators") or []) == list(indicators) and "占比" not in (earlier.get("measures") or []):
            measures, version = list(earlier["measures"]), earlier["version"]
    op = query.op if query.op != "lookup" or own_phase else prev["op"]
    # a unit asked for the last figure ("折合多少亩？") holds for that figure in another phase ("那维护前呢？"), not
    # for another quantity ("调入比调出多多少？"), which is given in the plan's own unit
    same_quantity = measures == list(prev["measures"]) and op == prev["op"]
    unit = query.unit or (None if swapped or not same_quantity else prev["unit"])
    scope = query.scope or (None if swapped else prev["scope"])
    # "那加起来一共几处？" after "国家级和省级各几处": the sum of the figures the last turn named; "维护后呢？"
    # after "两条线加起来多少": that sum again, in the other phase.
    same_things = not has_own or carried_back
    phase_only = same_things and query.measures == [""] and bool(query.version)
    total = asks_total(question, measures) or (phase_only and bool(prev.get("total")))
    # "那市辖区占全市国土面积的比例呢？": two scopes named are the question's own (one against the other)
    two_scopes = query.scopes if len(query.scopes) >= 2 else []
    excluding = query.excluding
    # (中心城区面积 is the 中心城区's own area, whichever scope the turn that gave it named)
    last_scope = prev["scope"] or ("中心城区" if indicators == ["中心城区面积"] else None)
    if not two_scopes and query.percent and query.scope and last_scope and query.scope != last_scope \
            and not words_found(bare, INDICATOR_WORDS) and set(indicators) <= SCOPE_AREAS:
        # "它在市辖区里占多少？" after 中心城区's area: that area's share of the area named, read as if both were
        named = re.sub(r"它|这个|这块|这片", last_scope, bare, count=1)
        shared = parse(named if named != bare else last_scope + bare)
        if len(shared.scopes) >= 2:
            return shared
    if not two_scopes and not swapped and EXCLUDING.search(bare) and set(indicators) <= SCOPE_AREAS:
        # "除了市辖区，剩下的有多少？" after 市域's area: the last scope less the one named; "剩下的呢？" after
        # 市域 and then 市辖区: the earlier less the last
        earlier = (context or {}).get("figure_before") or {}
        whole = prev["scope"] if query.scope and query.scope != prev["scope"] else earlier.get("scope") \
            if list(earlier.get("indicators") or []) == indicators else None
        part = query.scope or prev["scope"]
        if whole and part and whole != part:
            two_scopes, excluding, scope = [whole, part], True, whole
    return FigureQuery(indicators, measures, version, op, unit, scope, scopes=two_scopes, excluding=excluding,
                       # "撤销的呢？" after "新增的占多大比例": that share, of the other kind
                       total=total, percent=query.percent or (bool(prev.get("percent")) and not has_own),
                       # "换成亩呢？" after "城市绿线比城市紫线大多少": the comparison again, in 亩
                       compare=query.compare or (bool(prev.get("compare")) and same_things and query.measures == [""]),
                       remainder=query.remainder, ratio=query.ratio or (bool(prev.get("ratio")) and not has_own),
                       decimals=query.decimals)
