"""What an answer's quotes hold of the question: its words, a number, the kind of thing asked, or the plan's own
headings. The text answerer reads these to decide whether the passage found answers the question."""

from __future__ import annotations

import re

from ..answer_types import Answer
from . import asked_things
from .followup import without_carried
from .scope import GENERIC
from .terms import tokenize

# Words of asking that content_words keeps (哪些, 什么 are GENERIC already), which find passages by chance
# ("需要哪些部门配合" and 需求导向's 需要).
ASKING_WORDS = frozenset({"需要", "怎么", "可以", "能不能", "是不是", "有没有", "应该"})
# Three things or more in a row: "数据准确、边界一致、属性完整".
SERIES = re.compile(r"[^、，,。；;：:]{2,10}(?:、[^、，,。；;：:]{2,10}){2,}")


def lists_headings(answer: Answer) -> bool:
    """The answer lists headings of the plan ("二、编制原则包括以下 4 项"), each quoted as itself."""
    return not answer.refused and len(answer.citations) >= 2 \
        and all(c.quote == c.section.split(" > ")[-1] for c in answer.citations)


def quotes_number(answer: Answer) -> bool:
    """A quote holds a number."""
    return any(re.search(r"\d", c.quote) for c in answer.citations)


def quotes_any(words: list[str], answer: Answer, numbered: bool = False) -> bool:
    """A quote (or its heading) holds one of the words; with `numbered`, a quote that also holds a number."""
    return any((t in c.quote or t in c.section) and (not numbered or re.search(r"\d", c.quote))
               for t in words for c in answer.citations)


def holds_asked(question: str, answer: Answer) -> bool:
    """A quote holds the kind of thing asked ("是先盖房子还是先定规划": "先规划、后建设"; asked_things) and a word
    of the question ("市里对记者采访有什么规定": the titles of documents quoted share none of its words)."""
    shape = asked_things.asked_shape(question)
    holding = [c.quote for c in answer.citations if shape is not None and shape.search(c.quote)]
    words = [w for w in tokenize(without_carried(question)) if len(w) >= 2 and w not in ASKING_WORDS
             and w not in ("方案", "这次", "本次")]
    return not answer.refused and any(w in quote for w in words for quote in holding)


def shared_count(question: str, answer: Answer) -> int:
    """How many of the question's words (places too: 中心城区) the answer's quotes hold."""
    quoted = "".join(c.quote for c in answer.citations)
    return sum(1 for t in set(tokenize(question)) if len(t) >= 2 and t not in GENERIC and t in quoted)


def lists_series_of(question: str, quotes: list[str]) -> bool:
    """A quote lists a series ("入库有哪些质量要求": "…规范入库，做到数据准确、边界一致、属性完整"): the series is
    what is asked, unless it holds the question's word as one of its items and says none outside it ("城乡建设、…、
    基础设施建设" for "基础设施建设这一类有哪些重大工程"): then it lists that word's peers, not its members."""
    words = [w for w in tokenize(without_carried(question)) if len(w) >= 2 and w not in GENERIC
             and w not in ASKING_WORDS]
    for quote in quotes:
        for found in SERIES.finditer(quote):
            outside = quote[:found.start()] + "\n" + quote[found.end():]
            if any(w in outside for w in words) or not any(w in found.group(0) for w in words):
                return True
    return False
