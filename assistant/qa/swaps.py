"""Words a follow-up puts in place of the last question's: another scope ("平定县的呢？"), another document cited
("省厅那一份呢？"), a word of the same kind ("那南边呢？"), the place the last answer named ("它属于哪个区？")."""

from __future__ import annotations

import re
from collections.abc import Iterable

import jieba.posseg

from ..plan.vocabulary import COUNTIES, find_layer
from .figure_cues import EXCLUDING
from .terms import words

# Scopes a follow-up may switch to, longest first (中心城区 before 城区).
SCOPES = ("中心城区", "市辖区", "市区", "市域", "全市", *COUNTIES)  # 市区: the 市辖区 said short


def find_scope(text: str) -> str | None:
    """The scope a question is about: 中心城区, 市辖区, 市域 or one of the five county-level units."""
    return next((w for w in SCOPES if w in text), None)


def scopes_named(text: str) -> list[str]:
    """Every scope a text names, longest first at each place ("中心城区比市辖区" -> 中心城区, 市辖区; not 城区)."""
    return re.findall("|".join(SCOPES), text)


def other_scope(core: str, previous: str) -> str | None:
    """"城市紫线维护后多少公顷？" then "平定县的呢？": the previous question about the new scope."""
    new = find_scope(core)
    # "占市辖区的比例呢", "那市辖区占全市国土面积的比例呢": a share asked, not the last question of another
    # scope; nor is "中心城区以外的呢" after a scope's area (the last scope less that one)
    less = EXCLUDING.search(core) and not find_layer(previous)
    # ("市辖区总面积呢？" after 郊区's 永久基本农田: the level's own area, a question whole)
    if new is None or new in previous or re.search(r"占(?!地)|比例|百分之|总面积|国土面积|土地面积", core) or less:
        return None
    old = find_scope(previous) or named_place(previous)
    return previous.replace(old, new, 1) if old else f"{new}{previous}"


def named_place(text: str) -> str | None:
    """A place the question names ("天津市的永久基本农田"), as jieba tags it."""
    return next((w.word for w in jieba.posseg.cut(text) if w.flag == "ns" and len(w.word) >= 3
                 and w.word[-1] in "省市县州区"), None)


# "省厅那一份", "2024年那份": a document the plan cites, named by who issued it or the year it was issued.
_DOCUMENT_NAMED = re.compile(r"(?P<by>(?!的)[\u4e00-\u9fff\d]{1,12}?)(?:发|印发|出)?的?那一?[份个](?:文件|通知)?")
# The level of government a document is of ("国家层面文件", "省里的那个"): one level named in the place of another.
_LEVEL = re.compile(r"国家层面|国家级|国家|部里|中央|省级层面|省里|省级|省厅|省|市级层面|市级|市里")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年(?!度)")


def other_document(core: str, previous: str) -> str | None:
    """"省厅那一份呢？" after "自然资源部那份文件，文号是什么？": the previous question of the document named in its
    place, by the year ("2024年那份" after "2025年发的文件是哪一个") or by what the last one was named by."""
    named = _DOCUMENT_NAMED.fullmatch(core.strip("的"))
    if not named or not re.search(r"那一?份|文件|通知", previous):
        return None
    by = named.group("by")
    year, last_year = _YEAR.search(by), _YEAR.search(previous)
    if year and last_year:
        return previous.replace(last_year.group(0), year.group(0), 1)
    last = _DOCUMENT_NAMED.search(re.split(r"[，,。？?]", previous)[0])
    if last and not year:
        # (the issuer said last, after a list of the clause's other words: "里面引用的自然资源部和国家林草局")
        return previous.replace(last.group(0), named.group(0), 1)
    level, last_level = _LEVEL.fullmatch(by), _LEVEL.search(previous)
    if level and last_level and level.group(0)[0] != last_level.group(0)[0]:
        # "省里的那个呢？" after "依据的国家层面文件是哪个？" (no 那份 said): that question, of the province's document
        return previous.replace(last_level.group(0), level.group(0), 1)
    return None


# Words joining two things named together; the other end of a ranking; the sides of a place.
_JOINED = frozenset("和与及、")
_OPPOSITE = {"最大": "最小", "最小": "最大", "最多": "最少", "最少": "最多", "最高": "最低", "最低": "最高"}
_SIDES = re.compile(r"[东南西北]{1,2}两?[边面侧头]")


def parallel(core: str, previous: str, longest: int = 4) -> str | None:
    """"中心城区北边到哪个镇？" then "那南边呢？": the previous question with its word of the same kind
    (same length, same last character: 北边/南边, 国家级/省级, 城区/矿区) replaced by the new one."""
    core = core.strip("的")
    if _OPPOSITE.get(core, "-") in previous:  # "哪条控制线维护后面积最小？" then "最大的呢？"
        return previous.replace(_OPPOSITE[core], core, 1)
    # ("占市辖区呢？" after "中心城区占全市…": a share of another whole, not 市辖区 in 中心城区's place)
    # (five characters only for a layer named, 生态控制区: "乡村发展区呢？" after an area asked is no such swap)
    if not re.fullmatch(rf"[\u4e00-\u9fff]{{2,{longest}}}", core) or core in previous or core[0] in "占比":
        return None
    # (not the subject carried back in brackets: "有对应的图吗？（规划分区）" then "乡村发展区呢？")
    said = words(re.sub(r"[（(][^（）()]*[)）]\s*$", "", previous))
    for at, word in enumerate(said):
        # ("东西两边呢？" after "南边呢？": sides, however many)
        if (abs(len(word) - len(core)) <= 1 or _SIDES.fullmatch(word) and _SIDES.fullmatch(core)) \
                and word[-1] == core[-1] and word[0] != core[0] and re.fullmatch(r"[\u4e00-\u9fff]{2,5}", word):
            # "农田保护区和城镇发展区为什么要调" then "乡村发展区呢？": both of the kind named together give way
            pair = [word, said[at + 1], said[at + 2]] if at + 2 < len(said) and said[at + 1] in _JOINED \
                and said[at + 2][-1] == core[-1] else [word]
            return previous.replace("".join(pair), core, 1)
    return None


# "最小的呢？" after "最大的那个层次面积多少？": the other end of what was ranked, asked again.
# (parallel swaps it in the question as understood; "最大的那个层次" is understood as 市域, so it is swapped as asked)
_EXTREME_ONLY = re.compile(r"^(?:那么?)?(?P<end>最[大小多少高低])的?(?:那一?[个层类项条])?(?:呢|是多少|是哪个|有多少)?[？?。]*$")


def other_extreme(question: str, previous: str | None) -> str | None:
    """The question before, as it was asked, with its superlative swapped for the one asked now; None when the
    question is more than a superlative or the one before ranked nothing."""
    found = _EXTREME_ONLY.match(question.strip())
    if not found or not previous:
        return None
    end = found.group("end")
    before = _OPPOSITE[end]
    return previous.replace(before, end, 1) if before in previous else None


# What an elliptic question of other scopes says besides them ("那全市范围内的呢？", "城区、矿区、郊区各自有多少").
_SCOPE_FILLER = re.compile(r"[那么的呢吗是有多少几大？?，,。！!\s在里内、和与及各]|面积|范围|一共|总共|合计|情况|怎么样|如何|这边|"
                           r"那边|层面|层次|分别|各自")


def scope_only(core: str) -> bool:
    """"那全市的呢？", "平定县是多少", "那城区、矿区、郊区各自有多少？": nothing but other scopes are said, with the
    words of asking an amount ("那全市耕地保有量目标是多少？" says a thing of its own)."""
    while (scope := find_scope(core)) and scope in core:
        core = core.replace(scope, "")
    return len(_SCOPE_FILLER.sub("", core)) < 3


# "它属于哪个区？": the place the last answer named, pointed at.
_IT_PLACE = re.compile(r"^(?:那么?)?(?:它|这个(?P<kind1>[镇乡村县区])|那个(?P<kind2>[镇乡村县区]))")
# "中心城区北起哪个镇？": a place of a kind asked, right after the words naming where it is.
_WHICH_PLACE = re.compile(r"(?P<cue>[\u4e00-\u9fff]{2})(?:是|为)?(?:哪个|哪一个|什么)(?P<kind>[镇乡村县])")


def answered_place(question: str, previous: str | None, quotes: Iterable[str]) -> str:
    """"它属于哪个区？" after "中心城区北起哪个镇？": the place the quote names right after the words the last
    question put before its asking word (北起郊区河底镇 -> 河底镇, the district said before it left off) stands
    for 它; the question itself otherwise."""
    pointed = _IT_PLACE.match(question)
    asked = _WHICH_PLACE.search(previous or "")
    if not pointed or not asked or (pointed["kind1"] or pointed["kind2"] or asked["kind"]) != asked["kind"]:
        return question
    kind = asked["kind"]
    named = {m.group(1) for q in quotes
             for m in re.finditer(rf"{asked['cue']}((?:城区|矿区|郊区)?[\u4e00-\u9fff]{{1,4}}?{kind})", q)}
    if len(named) != 1:
        return question
    place = re.sub(r"^(?:城区|矿区|郊区)(?=[\u4e00-\u9fff]{2})", "", named.pop())
    return place + question[pointed.end():]
