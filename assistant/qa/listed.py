"""The things a quoted sentence lists ("主要落实A、B、C等", "分为市域、市辖区、中心城区三个层次："), and a
question that points at them by their place in that list ("第二个是干啥的", "第一个层次面积多大")."""

from __future__ import annotations

import re
from collections.abc import Sequence

import jieba.posseg

from .ordinals import INNERMOST, OUTERMOST, number_of
from .terms import tokenize

# "第二个", "最后一处": one thing of a list counted, not a sentence (第二条) of the answer.
# ("最里面那一层", "最外头的一层": of levels listed from the whole to its core, the last and the first)
_NTH_THING = re.compile(rf"(?:第([一二三四五六七八九十]|\d+)|最后一|(?P<inner>{INNERMOST}(?=层))|"
                        rf"(?P<outer>{OUTERMOST}(?=层)))[个家处所座层类种]")
# "一是…", "第二，…": an item of a passage's numbered series.
SERIES_ITEM = re.compile(r"(?:^|[：:；;])\s*(?:[一二三四五六七八九十]是|第[一二三四五六七八九十])")
# A list of things a sentence gives after the verb or colon that introduces it ("主要落实A、B、C等").
_LISTED = re.compile(r"(?:落实|包括|主要有|分为|分成|其中[，,]|：)([^。；：、]+(?:、[^。；：、]+){2,})")
# A list closed by the count of what it lists, with no word introducing it: "按照精准上图、示意上图、增补清单三类方式".
_COUNTED_LIST = re.compile(r"(?:按照|依照|根据|依据|通过)?((?:[^、，,。；：:]{2,12}、)+[^、，,。；：:]{2,12}?[两三四五六七八九十]+[个类种条项])")
# A list closed by 等 and what its things are, with no word introducing it: "建立自然资源、发改、住建、交通、
# 水利、能源等部门协同机制" (the verb before the first thing is cut off by its part of speech).
_ETC_LIST = re.compile(r"((?:[^、，,。；：:“”]{1,12}、){2,}[^、，,。；：:“”]{1,12}?)等")
# What closes a list: "等", "等内容", or the count of what was listed ("中心城区三个层次").
_CLOSING = re.compile(r"等[\u4e00-\u9fff]{0,3}$|(?<=[\u4e00-\u9fff]{2})[两三四五六七八九十]+个?([\u4e00-\u9fff]{1,3})$")


# "主要有哪几方面", "分几点": the parts of a passage asked for, each a sentence, not the things one lists.
ASKS_PARTS = re.compile(r"几个?方面|哪些方面|几点|哪几点|几部分|哪几部分|几项内容|哪几项内容")
# A document cited by its title, with its number when given: "《…的通知》（自然资发〔2026〕38号）".
_TITLE = re.compile(r"《[^》]+》(?:[（(][^）)]*号[）)])?")


def _things(quote: str) -> tuple[list[str], str]:
    """The things a sentence lists, and the noun its count gives them ("层次"), if any. Two or more documents
    cited by title are the sentence's list, whatever else it lists in passing."""
    titles = _TITLE.findall(quote)
    if len(titles) >= 2:
        return titles, ""
    found = _LISTED.search(quote) or _COUNTED_LIST.search(quote)
    if not found:
        etc = _ETC_LIST.search(quote)
        if not etc:
            return [], ""
        things = etc.group(1).split("、")
        words = list(jieba.posseg.cut(re.sub(r"^[一二三四五六七八九十]是", "", things[0])))
        while len(words) > 1 and words[0].flag.startswith("v"):
            words = words[1:]
        things[0] = "".join(w.word for w in words)
        return things, ""
    things = found.group(1).split("、")
    closing = _CLOSING.search(things[-1])
    things[-1] = _CLOSING.sub("", things[-1])
    return things, (closing.group(1) or "") if closing else ""


def before_list(quote: str) -> str:
    """What a sentence says before the things it lists, without the word that introduces them: "三是完善教育、
    医疗、养老等公共服务设施布局，…，主要" of "…主要落实市第五人民医院…"; "" when it lists nothing."""
    found = _LISTED.search(quote)
    return quote[:found.start()] if found else ""


def listed_thing(question: str, number: int,
                 items: Sequence[tuple[str, str]]) -> tuple[int, str, str, str] | None:
    """The `number`-th (or the last) thing of the first list of things in the quotes just given, asked with
    个/家/处: its place in the list, the thing, and the passage and sentence listing it."""
    asked = _NTH_THING.search(question)
    if not asked or _of_series(asked, items):
        return None
    for path, quote in items:
        things, _ = _things(quote)
        if (asked.group(0).startswith("最后") or asked.group("inner")) and things:
            return len(things), things[-1], path, quote
        if asked.group("outer") and things:
            return 1, things[0], path, quote
        if len(things) >= number:
            return number, things[number - 1], path, quote
    return None


def _of_series(asked: re.Match, items: Sequence[tuple[str, str]]) -> bool:
    """"第四类" after quotes of a passage's "一是…四是": a kind is an item of that series, not a thing listed."""
    return asked.group(0)[-1] in "类种" and any(SERIES_ITEM.search(quote) for _, quote in items)


def listed_count(question: str, items: Sequence[tuple[str, str]]) -> int | None:
    """How many things the first list of things in the quotes gives, when one is pointed at with 个/家/处."""
    found = things_listed(items) if _NTH_THING.search(question) else None
    return len(found[0]) if found else None


# "一共几个？", "总共有几家": how many things the list just given has.
# ("一共是几类方式？": the kind of thing counted said after the measure word)
ASKS_COUNT = re.compile(r"^(?:那|那么)?(?:这些|它们)?(?:一共|总共|共|总计|合计)?(?:有|是)?(?:几|多少)[个家处所座类种]"
                        r"(?:方式|类型|种类|方面|层次|措施)?(?:呢|啊|呀)?[？?]?$")


# "点名的部门一共几个，都是哪些？": how many things of a kind named (部门) the list just given has, and which.
COUNT_OF_KIND = re.compile(r"(?P<kind>[\u4e00-\u9fff]{2,8}?)(?:一共|总共|总计|合计)(?:有|是)?(?:几|多少)[个家处所座类种项条]"
                           r"(?:[，,]\s*(?:都|分别|具体)?(?:是|有)?(?:哪些|哪几个|什么|啥)呢?)?[？?]?$")


def things_listed(items: Sequence[tuple[str, str]]) -> tuple[list[str], str, str] | None:
    """The things of the first list of things in the quotes just given, with its passage and sentence."""
    return next(((things, path, quote) for path, quote in items if (things := _things(quote)[0])), None)


def _nth(found: re.Match, things: list[str]) -> str:
    """The thing a "第二个" or "最后一个" found points at, or the words themselves past the list's end."""
    n = found.group(1)
    at = 1 if found.group("outer") else len(things) if n is None else number_of(n)
    return things[at - 1] if 0 < at <= len(things) else found.group(0)


# "中心城区这次落实了哪些消防站？": the kind of thing a list question asks for, right after its question word.
_KIND_LISTED = re.compile(r"(?:哪些|哪几[个家所座处])([\u4e00-\u9fff]{2,6}?)(?:[？?呢吗，,。]|$)")


def named_things(question: str, items: Sequence[tuple[str, str]], previous: str = "") -> str | None:
    """"第一个层次面积多大" -> "市域面积多大", "第二个占第一个的比例" -> "市辖区占市域的比例": each thing
    pointed at by its place in the list the quotes just gave, named; None when no list names them all.
    After "哪些消防站" (`previous`), the list counted is the fire stations of it, when it lists two or more."""
    if any(_of_series(found, items) for found in _NTH_THING.finditer(question)):
        return None
    kind = _KIND_LISTED.search(previous)
    for _, quote in items:
        things, noun = _things(quote)
        of_kind = [t for t in things if kind and kind.group(1) in t]
        things = of_kind if len(of_kind) >= 2 else things
        if not things:
            continue
        pointer = re.compile(_NTH_THING.pattern + (f"(?:{re.escape(noun)})?" if noun else ""))
        named = pointer.sub(lambda found, things=things: _nth(found, things), question)
        if named != question and not _NTH_THING.search(named):
            return named
    return None


# "紫线里还有哪些别的历史建筑？": others of a kind asked.
_BUT_IT = re.compile(r"除了?(?:它|这个|那个|[这那][栋处座家所])(?:之外|以外)?")
_OTHERS_OF_KIND = re.compile(r"还有(?:(?:哪些|哪几[个处栋座家所])(?:别的|其他|其它)?|别的|其他|其它)的?([\u4e00-\u9fff]{2,6}?)(?:[吗呢？?]|$)")


def sole_of_kind(question: str, sentences: Sequence[str]) -> tuple[str, str] | None:
    """The kind of thing whose others are asked ("还有哪些别的历史建筑") and the one sentence of the plan that
    names one of it ("…南山宾馆历史建筑…"; 其历史建筑 points back, naming none), when it names no other: the plan
    has no others to list. None when the kind is said in more sentences, or named more than once."""
    found = _OTHERS_OF_KIND.search(question)
    # ("除了这俩文件，还有别的政策口径吗": others than those; "除了它还有哪些历史建筑": than the one just named)
    if not found or "除" in question[:found.start()] and not _BUT_IT.search(question[:found.start()]):
        return None
    kind = found.group(1)
    # (a thing, not what goes with one: "除了消防站还有啥配套")
    if not all(w.flag.startswith("n") for w in jieba.posseg.cut(kind)):
        return None
    holding = [s for s in sentences if kind in s]
    if len(holding) != 1:
        return None
    named = [m for m in re.finditer(re.escape(kind), holding[0])
             if m.start() > 0 and re.match(r"[\u4e00-\u9fff]", holding[0][m.start() - 1])
             and holding[0][m.start() - 1] not in "其该此这那的"]
    return (kind, holding[0]) if len(named) == 1 else None


def members_named(kind: str, quote: str) -> bool:
    """A quote names things of a `kind`: by a longer word ending in it (消防站 of 站, 重点项目 of 项目), or in a list
    the kind closes or opens ("教育、医疗、养老等公共服务设施", "分为市域、市辖区、中心城区三个层次", "包括：…").
    "产业转型升级" says 产业 and names none ("具体是哪些产业": the plan does not list them)."""
    if kind not in quote:
        return False
    if any(len(t) > len(kind) and t.endswith(kind) for t in tokenize(quote)):
        return True
    closed = rf"[\u4e00-\u9fff]{{1,12}}(?:、[\u4e00-\u9fff“”]{{1,12}})+(?:等|[两三四五六七八九十]+[个类种项处条])?[\u4e00-\u9fff]{{0,6}}{re.escape(kind)}"
    opened = rf"{re.escape(kind)}[\u4e00-\u9fff]{{0,4}}(?:包括|主要有|分为|有|为|：|:)"
    return bool(re.search(closed, quote) or re.search(opened, quote))
