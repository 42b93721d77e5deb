"""An amount asked of each of several things named ("城区、矿区、郊区各分到多少", "…里哪个区面积最大"): the quotes
must give each its own number, not one number for them all ("市辖区范围由城区、矿区、郊区构成，国土面积 653.61")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import jieba
import jieba.posseg

from .figure_query import asks_amount

# Each one's amount, or which one is the most: "各", "分别", "每个", "哪个…最".
_EACH = re.compile(r"各|分别|每个|每一个|哪[个一][^，,。？?]{0,8}最")
# "面积最大", "最多": which is the most of an amount, itself an amount asked of each.
_MOST = re.compile(r"最[大多小少高低]")
_JOINED = frozenset("、和与及")
_HOW_MUCH = re.compile(r"多少|多大|几|占")
_WHICH_MOST = re.compile(r"哪[个一][^，,。？?]{0,8}最")
# "市辖区范围由城区、矿区、郊区构成": the members a whole is made of.
_MADE_OF = re.compile(r"由([\u4e00-\u9fff]{2,8}(?:、[\u4e00-\u9fff]{2,8})+)(?:构成|组成)")
# A number right before a thing ("11 处国家级文物保护单位") or after it, before the clause ends ("调出城市绿线 6.07").
_NUMBER_BEFORE = re.compile(r"\d[\d.]*\s*[\u4e00-\u9fff]{0,2}\s*$")
_CLAUSE_END = re.compile(r"[、，,。；;：:]")


def named_together(question: str) -> list[str]:
    """The things a question names joined by 、/和/与/及 ("城区、矿区、郊区"), as jieba cuts them."""
    tokens = [t for t in jieba.lcut(question) if t.strip()]
    found: list[str] = []
    for i, token in enumerate(tokens):
        if token in _JOINED and 0 < i < len(tokens) - 1:
            for side in (tokens[i - 1], tokens[i + 1]):
                if len(side) >= 2 and side not in found:
                    found.append(side)
    return found


def unnumbered(question: str, quotes: Iterable[str]) -> list[str]:
    """The things named together whose amounts are asked each, when every one is quoted and some quote gives
    none of them a number of its own; else []."""
    if not _EACH.search(question) or not (asks_amount(question) or _MOST.search(question)):
        return []
    things = named_together(question)
    quotes = list(quotes)
    if len(things) < 2 and _WHICH_MOST.search(question):
        # "市辖区里哪个区面积最大" (三个区 said as 市辖区): the members are those a quote says the whole is made of
        things = next((found.group(1).split("、") for q in quotes if (found := _MADE_OF.search(q))), things)
    if len(things) < 2 or not all(any(t in q for q in quotes) for t in things):
        return []
    return things if not all(any(_numbered(t, q) for q in quotes) for t in things) else []


def unnamed_parts(question: str, in_plan: Callable[[str], bool]) -> list[str]:
    """"永久基本农田里水田和旱地各占多少": the things named together whose amounts are asked each, when the plan
    names none of them (`in_plan`); else []."""
    if not _EACH.search(question) or not _HOW_MUCH.search(question):  # (not "文号分别是啥")
        return []
    things = named_together(re.sub(r"（[^（）]*）$", "", question))  # (not the subject carried over)
    # (things, not what is done: "调出去和调进来的各是多少")
    nouns = all(w.flag.startswith("n") for t in things for w in jieba.posseg.lcut(t))
    return things if len(things) >= 2 and nouns and not any(in_plan(t) for t in things) else []


def _numbered(thing: str, quote: str) -> bool:
    for found in re.finditer(re.escape(thing), quote):
        before, after = quote[:found.start()], quote[found.end():]
        clause = _CLAUSE_END.split(after, maxsplit=1)[0]
        if _NUMBER_BEFORE.search(before[-8:]) or re.search(r"\d", clause):
            return True
    return False
