"""Follow-ups ("那生态保护红线呢？", "维护前呢？") rewritten into full questions from the previous one."""

from __future__ import annotations

import re

from ..plan.vocabulary import find_layer, find_phase
from .terms import words

_FOLLOWUP = re.compile(r"^(那|那么|还有|再问|换成|如果是)?(.{1,16}?)(呢|的呢|怎么样|如何|又是多少)?[？?。!！]*$")


# Words that point back at what was said before ("它的面积", "其中维护后的", "这一层次", "增加的部分").
_PRONOUN = re.compile(r"它|其中|其(?=[^他实余])|这一|这些|这个|那个|这部分|该(?=[^如怎])|上述|增加的部分|减少的部分")


def has_pronoun(question: str) -> bool:
    return bool(_PRONOUN.search(question))


def is_followup(question: str) -> bool:
    q = question.strip()
    return len(q) <= 18 and bool(re.match(r"^(那|那么|还有|换成)", q) or re.search(r"呢[？?]?$", q))


def rewrite(question: str, previous: str | None) -> str:
    """The full question a follow-up stands for; the question itself when it is not a follow-up."""
    if not previous or not is_followup(question):
        return question
    body = _FOLLOWUP.match(question.strip())
    core = body.group(2) if body else question
    new_layer, new_phase = find_layer(core), find_phase(core)
    rewritten = previous
    if new_layer:
        old = find_layer(previous)
        rewritten = rewritten.replace(old[1], new_layer[1], 1) if old else f"{new_layer[1]}{rewritten}"
    if new_phase:
        old_phase = find_phase(rewritten)
        if old_phase and new_phase[0] in ("维护前", "维护后") and old_phase[0] in ("调出", "调入"):
            # "调出调入分别是多少？" then "维护后呢？": the size after maintenance, not a 维护后 调入.
            rewritten = re.sub(r"调出|调入", "", rewritten)
            old_phase = None
            layer = find_layer(rewritten)
            rewritten = (rewritten.replace(layer[1], f"{new_phase[0]}{layer[1]}", 1) if layer
                         else f"{new_phase[0]}{rewritten}")
        elif old_phase:
            rewritten = rewritten.replace(old_phase[1], new_phase[1], 1)
        else:
            layer = find_layer(rewritten)
            rewritten = (rewritten.replace(layer[1], f"{new_phase[0]}{layer[1]}", 1) if layer
                         else f"{new_phase[0]}{rewritten}")
    if not new_layer and not new_phase:
        return _parallel(core, previous) or question
    return rewritten


def _parallel(core: str, previous: str) -> str | None:
    """"中心城区北边到哪个镇？" then "那南边呢？": the previous question with its word of the same kind
    (same length, same last character: 北边/南边, 国家级/省级, 城区/矿区) replaced by the new one."""
    core = core.strip("的")
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", core) or core in previous:
        return None
    for word in words(previous):
        if abs(len(word) - len(core)) <= 1 and word[-1] == core[-1] and word[0] != core[0] \
                and re.fullmatch(r"[\u4e00-\u9fff]{2,5}", word):
            return previous.replace(word, core, 1)
    return None
