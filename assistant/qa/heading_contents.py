"""What a heading of the plan holds, asked of it by name ("城市重要控制线维护了什么？", "三条控制线这次怎么维护的"):
the heading says nothing itself, its sub-headings do; retrieval finds one of them, or a sentence elsewhere that only
names the heading ("中心城区层面维护工作主要包括…城市重要控制线等内容"). Every sub-heading's own sentences answer."""

from __future__ import annotations

import re

from ..answer_types import Citation
from .followup import without_carried
from .quotes import heading_name

# What was done under a heading, or what it holds ("维护了什么", "怎么调整的", "维护情况", "主要内容"); not which
# items it lists ("包括哪些", answered by the sub-headings' names).
_CONTENT_ASKED = re.compile(r"(?:维护|调整|调|做|改|动|安排)了?(?:些)?(?:什么|啥|哪些)(?:内容|事|工作)?|"
                            r"(?:怎么|如何|咋)(?:样)?(?:维护|调整|调|处理|安排)的?|"
                            r"(?:维护|调整)的?(?:情况|结果|成果)|(?:维护|调整)?的?主要内容|"
                            r"(?:有|发生了)(?:什么|啥|哪些)(?:变化|调整|变动)")


def contents_asked(question: str, extractor) -> list[Citation] | None:
    """The sentences of every sub-heading of the heading a question names and asks the contents of, in document
    order; None when it asks no contents, names no such heading, or names one of its sub-headings (that one is
    asked). Only headings whose every sub-heading holds sentences of its own are read so (三条控制线, not 动态维护方案,
    whose parts are headings again)."""
    said = without_carried(question)
    if not _CONTENT_ASKED.search(said):
        return None
    for section in extractor.sections:
        children = extractor.children(section)
        if len(children) < 2 or not all(extractor.sentences[c.section] for c in children) \
                or heading_name(section) not in said:
            continue
        # ("三条控制线里永久基本农田怎么维护的": one of 耕地和永久基本农田's names asks that one)
        if any(part in said for c in children for part in re.split(r"和|与|及", heading_name(c)) if len(part) >= 2):
            return None
        return [Citation(c.doc, c.section, s) for c in children for s in extractor.sentences[c.section]]
    return None
