"""Plain-language glosses of the plan's sentences: everyday wording that finds the formal sentence.

A citizen asks "孩子没人带，有没有托儿所" and the plan says "郊区综合托育服务中心"; a sentence encoder
compares the question with the formal sentence badly, and with an everyday paraphrase of it well. The
corpus folder may hold `glosses.jsonl`, one line per plan sentence: {"section", "anchor", "glosses",
"questions"}, the anchor a verbatim piece of the sentence, the glosses short everyday ways of saying what it
says, and the (optional) questions how people would ask about it ("规划定完了有人盯着吗？"); all written from
the plan text alone, never from question sets (document expansion). Both find the sentence; only the glosses
say what the plan covers, since a question's framing ("先斩后奏盖房子的") names things the plan need not speak
of. They only find sentences: no answer quotes a gloss or a question; it quotes the sentence. A corpus
without the file answers as before.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import DataError
from .embeddings import cached_unit_vectors, unit_rows
from .followup import without_carried

FILE_NAME = "glosses.jsonl"
# Cosine similarity (USE multilingual) of a question and a gloss above which the gloss's sentence is taken
# as what the question is about. Measured on the everyday questions of the visible sets: the right sentence's
# best gloss scores 0.50-0.92 (托儿所 0.55, 有人盯着 0.50); a question about nothing the plan says can reach
# 0.64 through its place name alone (阳泉的房价 -> "阳泉全市有多大地方"), so a gloss must also share a word.
GLOSS_FLOOR = 0.55


@dataclass(frozen=True)
class Gloss:
    section: str
    anchor: str   # a verbatim piece of the sentence the gloss says in other words
    text: str
    asks: bool = False  # one of the line's "questions" (how it is asked), not a gloss of what it says


def load_glosses(corpus_dir: str | Path, sentences: dict[str, list[str]]) -> list[Gloss]:
    """The corpus's glosses, each checked against the plan: its section must exist and its anchor occur in
    one of that section's sentences. No file: no glosses."""
    path = Path(corpus_dir) / FILE_NAME
    if not path.is_file():
        return []
    found: list[Gloss] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            section, anchor, texts, asked = row["section"], row["anchor"], row["glosses"], row.get("questions", [])
            if not isinstance(texts, list) or not isinstance(asked, list):
                raise TypeError("glosses or questions is not a list")
        except (ValueError, KeyError, TypeError) as exc:
            raise DataError(f"{path.name} 第 {number} 行格式不对：应为 JSON，含 section、anchor、glosses"
                            "（列表），可另含 questions（列表）") from exc
        if section not in sentences:
            raise DataError(f"{path.name} 第 {number} 行的章节“{section}”不在规划文本中")
        if not any(anchor in s for s in sentences[section]):
            raise DataError(f"{path.name} 第 {number} 行的锚点“{anchor}”不在章节“{section}”的原文中")
        found += [Gloss(section, anchor, str(t)) for t in texts if str(t).strip()]
        found += [Gloss(section, anchor, str(t), asks=True) for t in asked if str(t).strip()]
    return found


def content_words(text: str) -> list[str]:
    """Words that say what a text is about (two characters or more, not a word of asking, not the plan's own
    place names, which every other gloss shares): what a gloss and a question must share."""
    from .scope import GENERIC, LOCAL_NAMES
    from .terms import tokenize

    return [w for w in tokenize(text) if len(w) >= 2 and w not in GENERIC and w not in LOCAL_NAMES]


class GlossIndex:
    """Glosses and their unit vectors (made once, cached beside the index); `match` is thread-safe."""

    def __init__(self, glosses: list[Gloss], embeddings, cache_dir: str | Path | None = None, model_key: str = "",
                 words: Callable[[str], list[str]] | None = None):
        self.glosses = glosses
        self.embeddings = embeddings
        # With `words` (a question's content words), a gloss must share one with the question: a sentence
        # encoder alone finds "这次规划有没有…" like every gloss that starts "这次规划…".
        self.words = words
        self._gloss_words = [frozenset(words(g.text)) for g in glosses] if words is not None else []
        self._cache_dir = Path(cache_dir) if cache_dir else None
        self._model_key = model_key
        self._matrix: np.ndarray | None = None
        self._text = "\n".join(g.text for g in glosses if not g.asks)  # what `mentions` looks words up in
        self._lock = threading.Lock()

    def mentions(self, word: str, quotes: Iterable[str] | None = None) -> bool:
        """The word occurs in a gloss (not a question): the plan speaks of it, in the glosses' everyday words.
        With `quotes`, only a gloss of a sentence quoted counts ("哪些河道" is glossed on 蓝绿开敞空间, not on the
        洪涝风险控制线 sentence quoted)."""
        if len(word) < 2:
            return False
        if quotes is None:
            return word in self._text
        quotes = list(quotes)
        return any(word in g.text and any(g.anchor in q for q in quotes) for g in self.glosses if not g.asks)

    def naming(self, words: list[str]) -> list[tuple[Gloss, float]]:
        """The glosses (not questions) holding one of `words` (托儿所), one per sentence, when they all name the
        same sentence: the word itself is the evidence, however the encoder scores the rest of the question."""
        found = {(g.section, g.anchor): g for g in self.glosses if not g.asks
                 for w in words if len(w) >= 2 and w in g.text}
        return [(next(iter(found.values())), GLOSS_FLOOR)] if len(found) == 1 else []

    def matrix(self) -> np.ndarray:
        if self._matrix is None:
            with self._lock:
                if self._matrix is None:
                    self._matrix = cached_unit_vectors(self.embeddings, [g.text for g in self.glosses],
                                                       self._cache_dir, "glosses", self._model_key)
        return self._matrix

    def match(self, question: str, floor: float = GLOSS_FLOOR, asks: bool = True,
              by_clause: bool = False) -> list[tuple[Gloss, float]]:
        """Glosses at least `floor` like the question, best first, one per sentence (its best gloss); with
        `asks` false, the glosses only, not the questions; with `by_clause`, like the question or one of its
        clauses."""
        if not self.glosses:
            return []
        best: dict[int, float] = {}
        # "我在郊区想盖个厂房，先盖后批行不行？": the clause that asks may be like a gloss the whole is not.
        for text in [question, *(clauses(question) if by_clause else [])]:
            vector = unit_rows(np.asarray([self.embeddings.embed_query(text)], dtype=np.float32))[0]
            sims = self.matrix() @ vector
            asked = set(self.words(text)) if self.words is not None else None
            for i in np.flatnonzero(sims >= floor):
                if asked is None or asked & self._gloss_words[i]:
                    best[int(i)] = max(best.get(int(i), 0.0), float(sims[i]))
        seen: set[tuple[str, str]] = set()
        found = []
        for i in sorted(best, key=lambda i: (-best[i], i)):
            gloss = self.glosses[i]
            if gloss.asks and not asks:
                continue
            if (gloss.section, gloss.anchor) not in seen:
                seen.add((gloss.section, gloss.anchor))
                found.append((gloss, round(best[i], 3)))
        return found


def clauses(question: str) -> list[str]:
    """The clauses of a question of more than one (split at its commas and stops), of four characters or more;
    the subject carried over in brackets is none ("股票怎么买？（生态控制区）" asks of 股票)."""
    parts = [p for p in re.split(r"[，,；;。！!？?、]", without_carried(question)) if len(re.sub(r"\W", "", p)) >= 4]
    return parts if len(parts) > 1 else []
