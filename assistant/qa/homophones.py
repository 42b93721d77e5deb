"""Words typed by sound: a phone's pinyin keyboard turns 规划 into 规化 and 粮食 into 粮实.

A span of a question that is no word at all (the plan does not use it and jieba could only guess it)
but sounds exactly like one of the plan's words, and like no other, is read as that word. Tones
are ignored, as a pinyin keyboard ignores them. Real words are never changed: 事实 stays 事实 although it
sounds like 实施 without tones, because a person who typed a real word meant some word.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

from pypinyin import lazy_pinyin

_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
# Spans tried, longest first: the plan's terms a typo hides in are two to four characters long.
LONGEST = 4
# Words of grammar standing alone join no misheard span: "延续的和新加的" holds 和 and 新加, not 核心.
_GRAMMAR = frozenset("和与及或的地得了着过在是把被从对跟同向给比")
# What ends a two-character piece of a phrase rather than a word: a preposition or a verb's complement (西到, 北起).
_PREPOSITION_AFTER = frozenset("到至起于向")


class Homophones:
    """Plan words by their sound (toneless pinyin), for words of two to four characters."""

    def __init__(self, vocabulary: Iterable[str], corpus_text: str, known: Container[str]):
        self.corpus_text = corpus_text
        self.known = known
        sounds: dict[tuple[str, ...], set[str]] = {}
        for word in vocabulary:
            # ("西到" of "东起…西到…" is a direction and a preposition, no word one mistypes: "细到某个村子")
            if len(word) == 2 and word[1] in _PREPOSITION_AFTER:
                continue
            if 2 <= len(word) <= LONGEST and _RUN.fullmatch(word):
                sounds.setdefault(tuple(lazy_pinyin(word)), set()).add(word)
        # A sound two plan words share says nothing about which was meant.
        self.by_sound = {sound: next(iter(words)) for sound, words in sounds.items() if len(words) == 1}

    def correct(self, question: str, words: list[str]) -> tuple[str, list[tuple[str, str]]]:
        """The question (cut into `words` by jieba, covering it whole) with each misheard span replaced,
        and the (typed, read as) pairs in order. A span must touch a piece jieba could not match to any
        word (规化, 农天少) and may add single characters around it, never part of a real word."""
        unknown = [False] * len(question)  # characters of pieces jieba only guessed
        free = [False] * len(question)     # those, and characters standing alone
        at = 0
        for word in words:
            if question.startswith(word, at):
                guessed = len(word) >= 2 and _RUN.fullmatch(word) is not None and word not in self.known
                for k in range(at, at + len(word)):
                    unknown[k] = guessed
                    free[k] = guessed or len(word) == 1 and word not in _GRAMMAR
                at += len(word)
        fixes: list[tuple[str, str]] = []
        out, last, i = [], 0, 0
        while i < len(question) - 1:
            word, n = self._word_at(question, i, unknown, free)
            if word is None:
                i += 1
                continue
            out.append(question[last:i] + word)
            fixes.append((question[i:i + n], word))
            last = i = i + n
        out.append(question[last:])
        return "".join(out), fixes

    def _word_at(self, question: str, i: int, unknown: list[bool], free: list[bool]) -> tuple[str | None, int]:
        for n in range(LONGEST, 1, -1):
            span = question[i:i + n]
            if len(span) < n or not all(free[i:i + n]) or not any(unknown[i:i + n]) or not _RUN.fullmatch(span) \
                    or span in self.corpus_text:
                continue
            word = self.by_sound.get(tuple(lazy_pinyin(span)))
            if word is not None and word != span:
                return word, n
        return None, 0
