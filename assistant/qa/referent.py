"""What a pronoun of a figure follow-up points at: the thing the last passage spoke of, whose figure the plan
may not give ("这些项目一共有多少个？" after 乡村一二三产业融合发展项目 is not the 564 重点建设项目)."""

from __future__ import annotations

import re
from typing import Any

from .figure_words import INDICATOR_WORDS
from .followup import has_pronoun, without_carried
from .swaps import SCOPES

# A pronoun after a preposition ("跟它", "比它", "对这些") is no subject of the figure asked.
_AFTER_PREPOSITION = re.compile(r"[跟和与同对给向比从在把被为](?:它们|它|这些|那些|这个|那个|其)")


def _names_of(indicators: list[str], scope: str | None) -> list[str]:
    """The words that name a figure's subject: its indicators' words of three characters or more (重点建设项目,
    重点项目, not 项目 alone), and the level it is of (中心城区)."""
    names = [word for name in indicators for word in (name, *INDICATOR_WORDS.get(name, ())) if len(word) >= 3]
    names += [scope] if scope else []
    # ("中心城区面积": the indicator of a level's size is that level's)
    names += [level for level in SCOPES for name in indicators if name.startswith(level)]
    return list(dict.fromkeys(names))


def points_elsewhere(question: str, indicators: list[str], scope: str | None, context: dict[str, Any]) -> str | None:
    """A Chinese refusal when a turn asks a figure of what a pronoun points at ("它占地多大？", "这些项目一共多少
    个？") right after a passage answer (not a figure), and neither that passage nor the question before names the
    subject of the figure found (its indicator or level): the pronoun points at a thing of that passage, whose
    figure the plan does not give; None otherwise. The turn's own words naming the subject ("它的永久基本农田呢")
    decide nothing here."""
    said = without_carried(question)
    # ("跟它衔接的项目清单有多少项": 它 is whom the thing counted goes with, not the thing)
    if not has_pronoun(_AFTER_PREPOSITION.sub("", said)) or context.get("last_intent") != "policy" \
            or not context.get("quotes"):
        return None
    names = _names_of(indicators, scope)
    if not names or any(name in said for name in names):
        return None
    before = [*context["quotes"], without_carried(context.get("question") or "")]
    if any(name in text for name in names for text in before):
        return None
    return f"方案原文没有给出上文所说内容的这一数字（方案给出的是{names[0]}的数字，不是上文所说的），无法回答。"
