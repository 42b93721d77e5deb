"""Plan sections and a figures database for the figure tests (real plan text, in-memory DuckDB)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from assistant import corpus
from assistant.corpus import Section

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
PLAN_FILE = CORPUS_DIR / "000_e9bb1a7ce3402723.txt"
DOC = "阳泉市国土空间总体规划2026年度动态维护方案"
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.\s*)\S{1,30}$")
_LEVEL = (re.compile(r"^[一二三四五六七八九十]+、"), re.compile(r"^（[一二三四五六七八九十]+）"), re.compile(r"^\d+\."))


def _fallback_sections() -> list[Section]:
    """A minimal heading parser used until corpus.load_corpus exists; repairs page breaks mid-word."""
    paragraphs = [p.strip() for p in PLAN_FILE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    merged: list[str] = []
    for para in paragraphs:
        # A page break leaves a paragraph ending mid-sentence ("扩展规" / "模 973.98 公顷").
        if merged and not re.search(r"[。：；！？]$", merged[-1]) and not _HEADING.match(merged[-1]) \
                and not _HEADING.match(para) and re.match(r"[\u4e00-\u9fff]", para):
            merged[-1] += para
        else:
            merged.append(para)
    sections: list[Section] = []
    path: list[str] = []
    body: list[str] = []

    def flush():
        if path and body:
            sections.append(Section(DOC, tuple(path), "\n\n".join(body), len(sections)))

    for para in merged:
        level = next((i for i, rx in enumerate(_LEVEL) if rx.match(para)), None)
        if level is not None and _HEADING.match(para):
            flush()
            body = []
            path = path[:level] + [para]
        else:
            body.append(para)
    flush()
    return sections


@cache
def plan_sections() -> tuple[Section, ...]:
    load = getattr(corpus, "load_corpus", None)
    if load is not None:
        return tuple(s for s in load(CORPUS_DIR) if "阳泉" in s.doc)
    return tuple(_fallback_sections())
