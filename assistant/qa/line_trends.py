"""Which control lines grew, shrank or stayed the same, and which is largest or smallest: every line's 维护前
and 维护后 figures compared, each from the plan's text by a named statement (figure_change; figure_lookup for a
line the text says was not changed; figure_convert for the 公顷 lines are ranked in), never from a list written
here."""

from __future__ import annotations

import re
from typing import Any

from ..answer_types import Answer, Citation
from ..layers.sql import SqlRunner
from .figure_composer import Composer
from .figure_cues import BEFORE
from .figure_numbers import format_number
from .figure_query import FigureQuery
from .figure_words import CONTROL_LINES, INDICATOR_WORDS, THREE_LINES
from .quotes import HEADING_NUMBER

_UP = r"变大|增加|扩大|增长|增多|多了|变多|涨"
_DOWN = r"变小|减少|缩小|少了|变少|减小|降"
_SAME = r"没变|不变|未变|没有变化|没调整|没有调整|未调整|不涉及调整|不调整|不做调整|无调整|没动|没调|没有调|没改|不调"
# "历史文化保护线和洪涝风险控制线，哪个这次调了？": changed either way
_CHANGED = r"调了|调整了|动了|变了|有变化|有调整|改了|调整过|调过|动过|变过|改过|有所调整|做了调整"
_WAY = f"({_UP}|{_DOWN}|{_SAME}|{_CHANGED})"
# "维护后面积变大的控制线有哪些？", "哪些线减少了？", "没调整的线是哪几条？"
# "这三条里维护后哪条变大了": 条 counts lines, which need not be named again.
_ASKS = re.compile(rf"(?:哪些|哪几条|哪几个|哪条|什么)(?:重要)?(?:控制)?线[^？?，,。]{{0,10}}?{_WAY}|"
                   rf"(?:哪几条|哪一?条)[^？?，,。线]{{0,4}}?{_WAY}|"
                   rf"{_WAY}的(?:是|有)?(?:哪几条|哪一?条)|"  # "三条线里面积增加的是哪条？"
                   rf"{_WAY}的?(?:控制)?线(?:有|是|都有)?(?:哪些|哪几条|哪几个|哪条|什么)|"
                   rf"哪(?:个|一个)[^？?，,。]{{0,6}}?{_WAY}|"  # "…和…，哪个这次调了？" (the lines named)
                   rf"{_WAY}(?:哪些|哪几条|哪几个)(?:控制)?线")  # "这次主要调了哪些线"
# "调了哪些线": every line asked which changed, though none is named.
_LINES_ASKED = re.compile(r"(?:哪些|哪几条|哪几个)(?:控制)?线")
# "变小的呢？", "那没变的呢？", "哪些没动？" right after such an answer.
_FOLLOW = re.compile(rf"^(?:那|那么)?(?:面积)?{_WAY}的(?:控制线|线)?(?:呢|有哪些|是哪些)|"
                     rf"^(?:那|那么)?(?:哪些|哪几条|哪几个|哪条|哪个)(?:是|又)?{_WAY}")
# "另外两条调整结果是多少？" right after such an answer: the lines not of the way asked.
_OTHERS = re.compile(r"(?:另外|其他|其余|剩下|另)(?:的|那)?(?:两|几|[二三四五六])条")
_LABEL = {"up": "维护后面积增加", "down": "维护后面积减少", "same": "维护前后面积不变"}
_NAMED = {line: words for line, words in INDICATOR_WORDS.items() if line in CONTROL_LINES}


def _group(section: str) -> str:
    """The plan's name for the lines under a section's parent heading ("四、… > （二）其他重要控制线维护 > 2.…" ->
    其他重要控制线); empty when the section has no such parent."""
    parts = section.split(" > ")
    return HEADING_NUMBER.sub("", parts[-2]).strip().removesuffix("维护") if len(parts) >= 3 else ""


def _way(word: str) -> str:
    if re.fullmatch(_CHANGED, word):
        return "changed"
    return "up" if re.fullmatch(_UP, word) else "down" if re.fullmatch(_DOWN, word) else "same"


def asked_way(question: str, context: dict[str, Any] | None) -> str | None:
    """up, down or same when the question asks which lines changed that way (or, right after such an answer,
    asks "变小的呢？"), else None."""
    found = _ASKS.search(question)
    # The flag is the last turn's only: the next question read here consumes it.
    if (context or {}).pop("trend", None) and found is None:
        found = _FOLLOW.search(question.strip())
    return _way(next(g for g in found.groups() if g)) if found else None


def answer_trends(question: str, runner: SqlRunner, context: dict[str, Any] | None = None) -> Answer | None:
    """The lines of the way asked first, then the others, each with its two figures and their quotes."""
    # "这三条里哪条变大了": the three control lines (三条控制线) only, and so is "哪条没动？" right after
    last = (context or {}).get("trend")
    others = bool(last) and bool(_OTHERS.search(question))  # "另外两条呢": the last way's other lines
    # "其中哪条这次没调？" after "三条控制线是啥？": of the three the last question named
    among = bool(re.search(r"其中|这里面|里面|当中|这几条", question)) and "三条" in ((context or {}).get("question") or "")
    # ("另外还有哪条线也没调整？" after the three: beyond them, every line)
    # ("三条控制线里哪一条以及另外哪条重要控制线…": the three and the lines beyond them)
    beyond = bool(re.search(r"另外哪|其他哪|其余哪|还有哪", question))
    three = bool(re.search(r"三条", question)) and not beyond or among or (
        last == "three" and (others or not re.search(r"所有|全部|其他|其余|别的|另外还|还有", question)))
    way = asked_way(question, context)
    if others:
        way = (context or {}).get("trend_way")
    if way is None:
        return None
    groups: dict[str, list[str]] = {"up": [], "down": [], "same": []}
    named: dict[str, list[str]] = {"up": [], "down": [], "same": []}  # the lines of each way, by name
    # each line's way, its quotes and its SQL: only the ways shown are cited ("另外两条": not the third)
    found: list[tuple[str, list[Citation], dict[str, Any]]] = []
    # "历史文化保护线和洪涝风险控制线，哪个这次调了？": of the lines the question names, when it names two or more
    asked = [line for line in CONTROL_LINES if any(w in question for w in _NAMED[line])]
    if len(asked) < 2 and not last and not three and len((context or {}).get("group") or []) >= 2:
        asked = list(context["group"])  # "哪条变了？" after "其他重要控制线包括哪几条": of those two
    if way == "changed" and len(asked) < 2 and not _LINES_ASKED.search(question):
        return None  # "哪条变了？" of nothing named: which way is asked is not said
    rows = []  # (line, way, shown, quotes, table, section)
    for line in asked if len(asked) >= 2 else THREE_LINES if three else CONTROL_LINES:
        change = runner.run("figure_change", indicator=line, measure="", unit="")
        if change.rows:
            c = change.records()[0]
            kind = "same" if c["difference"] == 0 else "up" if c["difference"] > 0 else "down"
            rows.append((line, kind, f"{line}（{c['before_text']} {c['before_unit']} → {c['after_text']} {c['after_unit']}）",
                         [Citation(c["doc"], c["before_section"], c["before_quote"]),
                          Citation(c["doc"], c["after_section"], c["after_quote"])],
                         change.table(f"维护前后变化：{line}"), c["after_section"]))
            continue
        stated = runner.run("figure_lookup", indicator=line, phase="维护前", version="", scope="")
        noted = [r for r in stated.records() if r["note"]]
        if noted:  # "本次动态维护不涉及…调整"
            r = noted[0]
            rows.append((line, "same", f"{line}（{r['value_text']} {r['unit']}，{r['note']}）",
                         [Citation(r["doc"], r["section"], r["quote"])], stated.table(f"规划数字：{line}"), r["section"]))
    # "其他重要控制线里，哪条也没动？": of the lines under the plan heading the question names
    named_group = [row for row in rows if (group := _group(row[5])) and group in question] if not beyond else []
    for line, kind, shown, cited, table, _ in named_group or rows:
        groups[kind].append(shown)
        named[kind].append(line)
        found.append((kind, cited, table))
    if not any(groups.values()):
        return None
    ways = ["up", "down"] if way == "changed" else [way]  # changed: grew or shrank
    order = [*([] if others else ways), *(k for k in ("up", "down", "same") if k not in ways)]
    lines = [f"{_LABEL[k]}的控制线：{'；'.join(groups[k]) if groups[k] else '无'}。" for k in order]
    citations = [c for kind, cited, _ in found if kind in order for c in cited]
    tables = [table for kind, _, table in found if kind in order]
    if context is not None:
        context.update(trend="three" if three else True, trend_way=way)
        chosen = [line for w in ways for line in named[w]]
        if not others and chosen:  # "这两条没动的线分别多大？", "它们的规模分别是？" next: those lines
            # (after the lines of one group, "这两条没调的线" may be one of this group and one of the last answer's)
            narrowed = bool(named_group) and len(named_group) < len(rows)
            before = [line for line in context.get("lines") or [] if line not in chosen] if narrowed else []
            context["lines"] = [*before, *chosen][-3:]
            context["group_new"] = chosen
            if len(chosen) == 1:  # "减了多少？" after "面积减少的呢？" gave one line: that line's figures
                context["figure"] = FigureQuery(chosen, [""], None, "lookup", None, None).to_context()
                if narrowed:  # ("其他重要控制线里哪条也没动？" then "它的规模？": the line answered, not 控制线 as asked)
                    context["subject"] = chosen
    unique = list(dict.fromkeys(citations))
    return Answer(question, "figure", "\n\n".join(lines), citations=unique, tables=tables)


# "三条控制线里哪条面积最大？", "那三条线里哪个规模最小？": the lines ranked by their areas, one line asked of them all.
_EXTREME = re.compile(r"最(大|小|多|少|广)")
_WHICH_LINE = re.compile(r"哪(?:一)?(?:条|个)|什么线")


def answer_extremes(question: str, runner: SqlRunner, context: dict[str, Any] | None = None) -> Answer | None:
    """The control lines' areas after maintenance (before, when asked), each in the plan's unit and in 公顷, largest
    first, with the one asked named; None when no line is asked the largest or smallest of lines."""
    extreme = _EXTREME.search(question)
    # ("调了的里面哪条变化最大？" after lines were sorted by their change: 条 counts those lines)
    lines_said = "线" in question or "三条" in question or (context or {}).get("trend_way") is not None \
        and bool(re.search(r"哪一?条", question))
    if not extreme or not _WHICH_LINE.search(question) or not lines_said:
        return None  # ("城区、矿区、郊区里哪个区面积最大": districts, which the plan gives no area for)
    asked = [line for line in CONTROL_LINES if any(w in question for w in _NAMED[line])]
    three = "三条" in question or (context or {}).get("trend") == "three"
    lines = asked if len(asked) >= 2 else THREE_LINES if three else CONTROL_LINES
    if re.search(r"变|增|减|调|扩|缩|涨|降", question):  # "哪条线变化最大": the change, not the area
        return _change_extremes(question, runner, lines, extreme.group(1) in "大多广", context)
    version = "维护前" if BEFORE.search(question) else "维护后"
    composer = Composer(runner)  # each figure's SQL table, quote and conversion, as in the figure answers
    found = []
    for line in lines:
        rows = composer.lookup(line, version, version)
        if not rows and version == "维护后":  # "本次动态维护不涉及…调整": the figure before is the figure after
            rows = [r for r in composer.lookup(line, "维护前", "维护前") if r["note"]]
        if rows and rows[0]["norm_unit"] == "公顷":
            found.append(rows[0])
    if len(found) < 2:
        return None
    top, largest = _ranked(found, extreme, composer)
    # (市辖区 or 中心城区; "8.2831 万亩，折合 5522.07 公顷（8.2831 × 10000 ÷ 15 = 5522.07；…）")
    ranked = "；".join(f"{r['scope'] or ''}{r['indicator']} {r['value_text']} {r['unit']}{composer.converted(r, '公顷')}"
                      for r in found)
    text = f"{version}面积{'最大' if largest else '最小'}的是{top['indicator']}。\n\n按{version}面积从大到小（换算为公顷比较）：{ranked}。"
    return Answer(question, "figure", text, citations=composer.citations, tables=composer.tables)


def _ranked(found: list[dict], extreme: re.Match[str], composer: Composer) -> tuple[dict, bool]:
    """The figures found sorted largest first (in place), each cited; the one asked (largest or smallest) and
    whether the largest was asked."""
    found.sort(key=lambda r: r["norm_value"], reverse=True)
    largest = extreme.group(1) in "大多广"
    for r in found:
        composer.cite(r["doc"], r["section"], r["quote"])
    return (found[0] if largest else found[-1]), largest


# The plan's three levels (三、编制范围) and the figure of each one's area.
_LEVEL_AREAS = (("市域", "国土面积"), ("市辖区", "国土面积"), ("中心城区", "中心城区面积"))
# "这三个层次里最小的那个有多大", "市域、市辖区、中心城区哪个面积最小": one of the levels, picked by its area.
_LEVELS_SAID = re.compile(r"层次|层面|(?:市域|市辖区|中心城区)[、和与跟](?:市域|市辖区|中心城区)")
_PICKED = re.compile(r"哪(?:一|个|一个)|那个|的是")


def level_extremes(question: str, runner: SqlRunner) -> Answer | None:
    """The plan's levels ranked by their areas, the largest or smallest asked named first; None when no level is
    asked the largest or smallest of the levels."""
    extreme = _EXTREME.search(question)
    if not extreme or not _LEVELS_SAID.search(question) or not _PICKED.search(question) or "线" in question:
        return None
    composer = Composer(runner)
    found = [rows[0] for scope, indicator in _LEVEL_AREAS if (rows := composer.lookup(indicator, scope=scope))]
    if len(found) < 2:
        return None
    top, largest = _ranked(found, extreme, composer)
    ranked = "；".join(f"{r['scope']} {r['value_text']} {r['unit']}" for r in found)
    text = f"三个层次中面积{'最大' if largest else '最小'}的是{top['scope']}，{top['value_text']} {top['unit']}。" \
           f"\n\n按面积从大到小：{ranked}。"
    return Answer(question, "figure", text, citations=composer.citations, tables=composer.tables)


def _change_extremes(question: str, runner: SqlRunner, lines: tuple[str, ...] | list[str], largest: bool,
                     context: dict[str, Any] | None) -> Answer | None:
    """"调了的里面哪条变化最大？", "哪条线增加最多？": the lines that changed, ranked by their change in 公顷 (each
    line's 维护后 − 维护前 in the plan's figures, converted by figure_change); None when fewer than two changed.
    The line named is the subject next ("它增加了多少？")."""
    composer = Composer(runner)
    changed = []
    for line in lines:
        rows = composer.run("figure_change", f"维护前后变化：{line}（公顷）", indicator=line, measure="", unit="公顷")
        if rows and rows[0]["difference"]:
            changed.append(rows[0])
    way = "增加" if re.search(r"增|扩|涨|多了|变大", question) else "减少" if re.search(r"减|缩|降|少了|变小", question) \
        else "变化"
    if way != "变化":
        changed = [r for r in changed if (r["difference"] > 0) == (way == "增加")]
    if len(changed) < 2:
        return None
    changed.sort(key=lambda r: abs(r["difference"]), reverse=True)
    top = changed[0] if largest else changed[-1]
    if context is not None:
        context["subject"] = [top["indicator"]]
    for r in changed:
        composer.cite(r["doc"], r["before_section"], r["before_quote"])
        composer.cite(r["doc"], r["after_section"], r["after_quote"])

    def said(r: dict) -> str:
        moved = "增加" if r["difference"] > 0 else "减少"
        return (f"{r['indicator']} {r['before_text']} {r['before_unit']} → {r['after_text']} {r['after_unit']}，"
                f"{moved} {format_number(abs(r['difference_2dp']), 2)} 公顷")

    extreme = ("最多" if largest else "最少") if way != "变化" else ("最大" if largest else "最小")
    text = (f"维护前后面积{way}{extreme}的是{top['indicator']}（{said(top).split('，')[-1]}）。\n\n"
            f"{'维护前后有变化' if way == '变化' else f'维护后面积{way}'}的控制线，按{way}量从大到小（换算为公顷比较）：{'；'.join(said(r) for r in changed)}。")
    return Answer(question, "figure", text, citations=composer.citations, tables=composer.tables)
