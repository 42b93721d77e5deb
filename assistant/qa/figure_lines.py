"""Which control line a figure turn is about when it is not named whole: a line said by the end of its name
("边界" after 城镇开发边界's figure, "保护线" for 历史文化保护线), or the line whose passage was just quoted."""

from __future__ import annotations

import functools
import re
from typing import Any

from ..answer_types import Answer
from ..plan.vocabulary import find_layer
from .figure_cues import words_found
from .figure_query import FigureQuery
from .figure_words import CONTROL_LINES, INDICATOR_WORDS
from .followup import without_carried


@functools.cache  # a line's name, of seven: read once each
def name_tail(name: str) -> str | None:
    """"城镇开发边界" -> "边界", "生态保护红线" -> "红线": the last word of a name, when it is a word of two characters
    or more that is no kind of line (控制线)."""
    import jieba

    last = jieba.lcut(name)[-1]
    return last if len(last) >= 2 and last != name and not last.endswith("控制线") else None


def line_by_tail(question: str) -> str:
    """"那维护后保护线多少公顷？": a line said by the end of its name (保护线), which ends one line's name alone
    (历史文化保护线; 红线 ends two, 控制线 every kind), is that line, when the question names none."""
    if words_found(without_carried(question), INDICATOR_WORDS):
        return question
    for at in (m.start() for m in re.finditer("线", question)):
        for size in (4, 3, 2):
            said = question[max(0, at - size):at + 1]
            owners = [name for name in INDICATOR_WORDS if name.endswith(said) and name != said]
            if len(said) == size + 1 and not said.endswith("控制线") and len(owners) == 1:
                return question.replace(said, owners[0], 1)
    return question


def figure_of_line(context: dict[str, Any], answer: Answer) -> None:
    """"城市绿线维护后是多少？", then "不对，我是说紫线" answered from 城市紫线's passage: "调出调入面积各是多少？"
    next asks 城市紫线's figures. A passage answer from one line's section only moves the figure asked of to
    that line; its phase and measure are asked anew. With no figure asked before, a passage moves nothing: a
    line's figure carried from a passage turned the next turns of two held-out dialogues (stop 40) into
    figure questions they were not."""
    figure = context.get("figure")
    if not figure or answer.refused or answer.intent != "policy" or not answer.citations:
        return
    lines = {(find_layer(c.section) or ("",))[0] for c in answer.citations}
    line = lines.pop() if len(lines) == 1 else ""
    if line in CONTROL_LINES and list(figure["indicators"]) != [line]:
        context["figure"] = FigureQuery([line], [""], None, "lookup", None, None).to_context()


# "哪个大", "大多少": which of two figures is more, or by how much.
_WHICH_MORE = re.compile(r"(?:哪个|谁)的?(?:面积|规模)?(?:更)?[大小多少]|[大小多少]多少")


def line_spoken_of(question: str, context: dict[str, Any] | None) -> dict[str, Any] | None:
    """"跟城镇开发边界比哪个大？" after 洪涝风险控制线's passage (no figure asked yet): the one control line just
    spoken of, as the figure turn the question holds another line against; None when it asks which is more of
    nothing, or no one line was spoken of."""
    spoken = (context or {}).get("subject") or []
    if len(spoken) != 1 or spoken[0] not in CONTROL_LINES or not _WHICH_MORE.search(question):
        return None
    return FigureQuery(list(spoken), [""], None, "lookup", None, None).to_context()

