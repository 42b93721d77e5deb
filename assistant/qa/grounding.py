"""Which numbers an answer may state: only those in its quotes, its SQL tables, or the question."""

from __future__ import annotations

import re

from ..answer_types import Answer

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def numbers_in(text: str) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text.replace(",", ""))]


def supported_numbers(answer: Answer) -> set[float]:
    sources = [f"{c.doc} {c.section} {c.quote}" for c in answer.citations]
    sources += [" ".join(str(v) for row in t["rows"] for v in row) + " " + " ".join(map(str, t["columns"]))
                for t in answer.tables]
    sources.append(answer.question)
    return {v for text in sources for v in numbers_in(text)}


def unsupported_numbers(answer: Answer, text: str | None = None) -> list[float]:
    """Numbers in the text (default: the answer) that no source gives; small counts (0–10) pass."""
    ok = supported_numbers(answer)
    return [v for v in numbers_in(answer.answer if text is None else text)
            if not any(abs(v - s) <= 1e-6 * max(1.0, abs(s)) for s in ok) and not (v.is_integer() and v <= 10)]
