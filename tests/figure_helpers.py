"""The real plan's sections, loaded once for the figure tests, and a runner over its figures."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from assistant.layers import db
from assistant.layers.figures import load_figures
from assistant.layers.sql import SqlRunner
from assistant.plan.corpus import Section, load_corpus

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"


@cache
def plan_sections() -> tuple[Section, ...]:
    return tuple(s for s in load_corpus(CORPUS_DIR) if "阳泉市国土空间总体规划" in s.doc)


@contextmanager
def figures_runner() -> Iterator[SqlRunner]:
    """The guarded runner over an in-memory database holding only the plan's figures."""
    con = db.connect()
    load_figures(con, plan_sections())
    try:
        yield SqlRunner.from_connection(con)
    finally:
        con.close()
