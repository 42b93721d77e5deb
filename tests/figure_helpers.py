"""The real plan's sections, loaded once for the figure tests."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from assistant.plan.corpus import Section, load_corpus

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"


@cache
def plan_sections() -> tuple[Section, ...]:
    return tuple(s for s in load_corpus(CORPUS_DIR) if "阳泉市国土空间总体规划" in s.doc)
