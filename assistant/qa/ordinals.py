"""Ordinals in a turn ("第二条", "最后一张", "第一条和最后一条"): which item of a list is asked about."""

from __future__ import annotations

import re

# "第二条", "第3项", "头一条" (the first): an item of a list by its number.
ORDINAL = re.compile(r"(?:第|头(?=\s*一))\s*([一二三四五六七八九十1-9]|10)\s*(条|个|项|点|种|类|张|部分|方面|大?块|层|份|批|节|章)")
NUMERALS = "一二三四五六七八九十"
# "最后一类呢？", "最后那部分讲了些啥？": the last item of the list just given.
# ("最里面那一层": of levels listed from the whole to its core, the last; "最外头那层", the first)
INNERMOST = r"最[里内](?:面|头|边)?(?:的|那)?一?"
OUTERMOST = r"最外(?:面|头|边|围)?(?:的|那)?一?"
_LAST = re.compile(rf"最后(?:一|那|这)?\s*(?:条|个|项|点|种|类|张|部分|方面|块|节|章)|{INNERMOST}\s*层")
_FIRST = re.compile(rf"{OUTERMOST}\s*层")
LAST = -1


def number_of(numeral: str) -> int:
    """"三" or "3" -> 3: an ordinal's number, in either writing."""
    return int(numeral) if numeral.isdigit() else NUMERALS.index(numeral) + 1


# "第一条和最后一条": two items of one list, joined.
_JOINED_ORDINALS = re.compile(rf"(?P<a>{ORDINAL.pattern}|{_LAST.pattern})\s*(?:和|与|跟|以及|、|还有)\s*"
                              rf"(?P<b>{ORDINAL.pattern}|{_LAST.pattern})")


def joined_ordinals(question: str) -> list[str]:
    """"编制原则第一条和最后一条分别叫什么" -> the question once for each ordinal ("编制原则第一条…",
    "编制原则最后一条…"); [] when it names no two joined."""
    found = _JOINED_ORDINALS.search(question)
    if found is None:
        return []
    before, after = question[:found.start()], re.sub(r"^(?:分别|各自|各)", "", question[found.end():])
    return [before + found.group("a") + after, before + found.group("b") + after]


def ordinal_said(question: str) -> re.Match[str] | None:
    """Where the ordinal is said ("第二条", "最后一条")."""
    return ORDINAL.search(question) or _LAST.search(question) or _FIRST.search(question)


def ordinal(question: str) -> int | None:
    """"第二条具体讲的啥？" -> 2: which item of the list just given is asked about; LAST for the last one."""
    found = ORDINAL.search(question)
    if not found:
        return LAST if _LAST.search(question) else 1 if _FIRST.search(question) else None
    return number_of(found.group(1))


def only_ordinal(question: str) -> bool:
    """"最后一张呢？", "第三个是啥": nothing asked but the item itself."""
    rest = _FIRST.sub("", _LAST.sub("", ORDINAL.sub("", question)))
    # ("第五张是什么图？", "最后一张附图叫啥": a map of the list, named by what it is)
    return not re.sub(r"[那呢吗啊呀？?。，,！!\s]|是什么|是啥|是哪个|是哪[张条项个]|讲的?(?:是)?(?:什么|啥)|叫(?:什么|啥)|(?:附)?图|的",
                      "", rest)
