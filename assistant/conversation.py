"""A conversation's memory (what follow-ups resolve against) and the question length guard."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .answer_types import Answer
from .plan.vocabulary import find_layer

# How many turns back a follow-up may refer.
REMEMBERED_TURNS = 3


@dataclass
class Conversation:
    """What a follow-up ("那生态保护红线呢？", "维护前呢？") resolves against."""

    context: dict[str, Any] = field(default_factory=dict)

    @property
    def previous_question(self) -> str | None:
        return self.context.get("question")

    def earlier_questions(self) -> list[str]:
        """The last questions asked (as understood), most recent first."""
        asked = self.context.get("questions") or ([self.context["question"]] if self.context.get("question") else [])
        return list(reversed(asked))

    def remember_line(self, question: str, answer: Answer) -> None:
        """The line a turn was about, when it was about one: "这两条线" are the last two (also after "第二条呢？",
        whose answer leaves the list pointed into as it was)."""
        if answer.refused:
            return
        layers = (find_layer(text) for text in [question, *(c.section for c in answer.citations)])
        found = list(dict.fromkeys(layer[0] for layer in layers if layer))
        if len(found) == 1:
            self.context["lines"] = (self.context.get("lines", []) + found)[-REMEMBERED_TURNS:]
        elif len(found) <= REMEMBERED_TURNS:  # "城市重要控制线维护了哪两条？": "维护后分别多少？" asks of both
            self.context["group_new"] = found

    def remember(self, question: str, answer: Answer | None = None) -> None:
        self.context["question"] = question
        self.context["questions"] = (self.context.get("questions", []) + [question])[-REMEMBERED_TURNS:]
        if answer is not None:
            self.remember_line(question, answer)
        # The lines this turn's answer gave together (set while answering, or by remember_line): the next
        # turn's "它们", "分别" may mean them; the turn after, no longer.
        self.context["group"] = self.context.pop("group_new", None)
        if answer is not None and answer.citations and not answer.refused:
            # Where the last answer was found: "按什么原则来？" asks about the same passage, and
            # "第二条讲的啥？" about the second item of the list just given.
            self.context["sections"] = list(dict.fromkeys(c.section for c in answer.citations))
            self.context["quotes"] = [c.quote for c in answer.citations]  # what "这些控制线" names
            # One sentence is no list: "第一条要守住哪几条线" after a question on the third principle still
            # counts in the principles listed before it.
            if len(answer.citations) > 1 or len(self.context.get("items", [])) < 2:
                self.context["items"] = [(c.section, c.quote) for c in answer.citations]


def question_too_long(question: str, limit: int) -> str | None:
    """The Chinese refusal for a question over `limit` characters, else None."""
    if len(question) <= limit:
        return None
    return f"问题过长（{len(question)} 字），请精简到 {limit} 字以内后再问。"
