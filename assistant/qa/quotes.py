"""How answers quote the plan: quotes with their section path, headings by name, and the plain refusal."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..answer_types import Answer, Citation
from ..plan.corpus import Section

# "一、", "（一）", "1." before a heading's name.
HEADING_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\s*[.．、])\s*")


def heading_name(section: Section) -> str:
    """"（一）三条控制线维护" -> "三条控制线": a heading without its number and its trailing 维护."""
    return re.sub(r"维护$", "", HEADING_NUMBER.sub("", section.path[-1]).strip())


def unspaced(text: str) -> str:
    """"2026 年 6 月" -> "2026年6月": PDF extraction puts spaces between digits and Chinese characters."""
    return re.sub(r"(?<=[\d\u4e00-\u9fff])\s+(?=[\d\u4e00-\u9fff])", "", text)


def compose(citations: Sequence[Citation], numbered: bool = True) -> str:
    """Quotes with their section path; the document is named once, in the lead line."""
    lines = []
    for i, c in enumerate(citations, 1):
        mark = f"{i}. " if numbered and len(citations) > 1 else "- " if not numbered else ""
        lines.append(f"{mark}“{c.quote}”（{c.section}）")
    docs = "、".join(dict.fromkeys(f"《{c.doc}》" for c in citations))
    return f"根据{docs}原文：\n\n" + "\n".join(lines) if numbered else "\n".join(lines)


def refused_quoting(question: str, answer: Answer, reason: str) -> Answer:
    """A refusal that keeps the passage found: what the plan does say, after why it does not answer."""
    return Answer(question, "out_of_scope", f"{reason}\n\n方案中相关的原文：\n\n{answer.answer}", answer.citations,
                  refused=True)


def refusal(question: str, reason: str | None = None) -> Answer:
    text = reason or "本方案未涉及这一问题，无法根据方案原文回答。可以换个说法，或询问方案中的三条控制线、规划分区、城市绿线紫线、重点建设项目等内容。"
    return Answer(question, "out_of_scope", text, [], [], refused=True)
