"""What a heading of the plan holds, asked of it by name ("城市重要控制线维护了什么？", "三条控制线这次怎么维护的"):
the heading says nothing itself, its sub-headings do; retrieval finds one of them, or a sentence elsewhere that only
names the heading ("中心城区层面维护工作主要包括…城市重要控制线等内容"). Every sub-heading's own sentences answer."""

from __future__ import annotations

import re

from ..answer_types import Citation
from ..plan.corpus import Section
from .followup import without_carried
from .quotes import heading_name

# What was done under a heading, or what it holds ("维护了什么", "怎么调整的", "维护情况", "主要内容"); not which
# items it lists ("包括哪些", answered by the sub-headings' names).
_CONTENT_ASKED = re.compile(r"(?:维护|调整|调|做|改|动|安排)了?(?:些)?(?:什么|啥|哪些)(?:内容|事|工作)?|"
                            r"(?:怎么|如何|咋)(?:样)?(?:维护|调整|调|处理|安排)的?|"
                            r"(?:维护|调整)的?(?:情况|结果|成果)|(?:维护|调整)?的?主要内容|"
                            r"(?:有|发生了)(?:什么|啥|哪些)(?:变化|调整|变动)")


# The heading's name is what is asked of: the ask follows it and ends the question ("三条控制线这次是怎么维护的"), not
# a heading named on the way to another thing ("规划分区维护主要结合三条控制线调整了哪些分区": 分区 is asked).
_OF_IT = (r"(?:维护)?(?:这次|本次|这回|都|主要|具体|是|的|又)*(?:" + _CONTENT_ASKED.pattern
          + r")[了的呢啊吗？?。！!\s]*$")
# "除了三条控制线，还维护了什么": the heading is set aside, the others are asked (policy_answer lists them).
_SET_ASIDE = re.compile(r"除了?|除去|以外|之外")


def contents_asked(question: str, extractor) -> tuple[Section | None, list[Citation]] | None:
    """The sentences of every sub-heading of the heading a question names and asks the contents of, in document
    order (with no heading), or the heading and its items when it is named alone ("城市重要控制线呢？"); None when
    it asks no contents, names no such heading, or names one of its sub-headings too (that one is asked). Only
    headings whose every sub-heading holds sentences of its own are read so (三条控制线, not 动态维护方案, whose
    parts are headings again)."""
    said = without_carried(question).strip()
    if _SET_ASIDE.search(said):
        return None
    for section in extractor.sections:
        children = extractor.children(section)
        name = re.escape(heading_name(section))
        if len(children) < 2 or not all(extractor.sentences[c.section] for c in children):
            continue
        if re.fullmatch(rf"(?:那|那么|还有)?{name}(?:维护)?的?呢[？?。]*", said):
            # ("城市重要控制线维护呢？" after another part of the plan was asked of: its items, as "包括哪些" is
            # answered; "第二条" next points into them)
            return section, extractor.items_of(section)
        if not re.search(name + _OF_IT, said):
            continue
        # ("永久基本农田和三条控制线都是怎么维护的": one of 耕地和永久基本农田's names asks that one)
        if any(part in said for c in children for part in re.split(r"和|与|及", heading_name(c)) if len(part) >= 2):
            return None
        return None, [Citation(c.doc, c.section, s) for c in children for s in extractor.sentences[c.section]]
    return None
