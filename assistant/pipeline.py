"""The assistant: question -> route -> (retrieve plan text | named SQL | location check) -> cited answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .answer_types import Answer
from .settings import Settings


@dataclass
class Conversation:
    """What a follow-up ("那生态保护红线呢？", "维护前呢？") resolves against."""

    turns: list[Answer] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)


class Assistant:
    """Opened once per process; `ask` is thread-safe."""

    @classmethod
    def open(cls, settings: Settings, progress=None) -> Assistant:
        raise NotImplementedError  # being written: ensures index + database, then loads them

    def ask(self, question: str, conversation: Conversation | None = None) -> Answer:
        raise NotImplementedError
