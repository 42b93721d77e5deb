"""What there is in one place, asked as a list ("矿区具体落了哪些项目？", "郊区有哪些项目"): the district or the plan's
township asked of, and the plan's sentences that name it with things built there; and the sentences of a name the
plan says only once or twice ("高新区…这个方案里也有它的事？")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import jieba.posseg

from .figure_cues import ASKS_FIGURE
from .figure_words import DISTRICTS
from .followup import without_carried
from .scope import GENERIC

# "矿区具体落了哪些项目？", "杨家庄乡要建什么项目？": what there is in one place, asked as a list
_WHICH_THERE = re.compile(r"有(?:啥|哪些|什么)|哪些|哪几|有没有|有[^，。？?]{1,10}(?:吗|么)|[建上搞落](?:了|的)?(?:啥|什么|哪些)")
_BUILT = re.compile(r"项目|设施|工程")
# A township or a sub-district, by the name the plan gives it (杨家庄乡, 义井镇): the longest run ending so.
_TOWN = re.compile(r"(?=([\u4e00-\u9fff]{2,4}?(?:乡|镇|街道)))")


def unlisted_place(question: str, quotes: Iterable[str], in_plan: Callable[[str], bool] = lambda word: False) -> str | None:
    """The district or the plan's township whose things are asked ("矿区具体落了哪些项目", "杨家庄乡要建什么
    项目") when no quote names it with them: the passage found lists things elsewhere (郊区幸福家园养老中心),
    none of that place's (the plan names 杨家庄乡 only as a bound of the 中心城区). `in_plan` tells a name of
    the plan's."""
    said = without_carried(question)
    if not _WHICH_THERE.search(said) or not _BUILT.search(said) or ASKS_FIGURE.search(said):
        return None
    place = DISTRICTS.search(said)
    if place is None:  # (the plan's township names are looked up only when no district is named)
        towns = [found.group(1) for found in _TOWN.finditer(said) if in_plan(found.group(1))]
        place = re.search(re.escape(max(towns, key=len)), said) if towns else None
    if place is None:
        return None
    # a quote naming the district among others ("由城区、矿区、郊区构成") lists none of its things
    return None if any(_lists_things_of(place.group(0), quote) for quote in quotes) else place.group(0)


def built_at(question: str, sentences: Iterable[str], in_plan: Callable[[str], bool] = lambda word: False) -> list[str]:
    """"方案里郊区有哪些项目": the plan's sentences that name the district or township asked with things built
    there (…郊区幸福家园养老中心、郊区新城大道一级消防站…), which the passages found may have missed; [] when
    no place's things are asked, or the plan lists none of them (矿区)."""
    place = unlisted_place(question, (), in_plan)
    if place is None:
        return []
    return [s for s in sentences if _lists_things_of(place, s)]


def _lists_things_of(place: str, text: str) -> bool:
    """The text names the place with things built (城区 in 中心城区 is not the district)."""
    return bool(re.search(rf"(?<!中心){re.escape(place)}", text)) and bool(_BUILT.search(text))


# jieba's tags of a proper name: a person's (as it takes 高新区), a place's, a body's, another name's.
_PROPER = frozenset({"nr", "ns", "nt", "nz"})


def named_once(question: str, quoted: Sequence[str], sentences: Sequence[str], corpus_text: str) -> list[str]:
    """"高新区不是开发区吗，这个方案里也有它的事？": a proper name of three characters or more (not 重点项目, said
    once by the plan but a common phrase) that the plan says once or twice, in sentences none of which is quoted
    (开发区 steered the search), and never in a heading: those sentences, where the plan speaks of it."""
    for word in jieba.posseg.cut(question):
        name = word.word
        if len(name) < 3 or word.flag not in _PROPER or name in GENERIC or any(name in q for q in quoted):
            continue
        holding = [s for s in sentences if name in s]
        if 1 <= len(holding) <= 2 and sum(s.count(name) for s in holding) == corpus_text.count(name):
            return holding
    return []
