"""Is every sentence of a model's reply said by the sources it was given (quotes, SQL rows, the extractive answer)?

Claim by claim: numbers with their unit, phase and subject; named documents and 文号; planning terms said
together in one quote; modality (可以 / 不得 / 应当) and the conditions on a permission; negation.
`numbers_in` / `unsupported_numbers` are the plain number check `yqplan eval` reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..answer_types import Answer
from ..plan.corpus import split_sentences
from . import claims
from .claims import HAN, NumberClaim

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# Words any answer may add around the plan's statements ("根据方案，…为…"); not claims.
_FILLER = ("根据", "方案", "原文", "规定", "其中", "此外", "同时", "以及", "面积", "约为", "分别", "具体", "如下",
           "包括", "主要", "总面积", "规模", "本次", "提到", "指出", "表示", "明确", "内容", "相关", "情况",
           "问题", "回答", "您好", "您的", "综上", "所述", "因此", "也就是说", "即", "为", "是", "和", "的", "了",
           "在", "与", "及", "共", "均", "已", "将", "有", "对", "中", "其", "该", "这", "上述", "按照", "进行")
MIN_COVERAGE = 0.5   # share of a sentence's character pairs that must come from the sources
MIN_CLAUSE_MATCH = 0.5  # a reply clause this close to a source clause must keep its polarity


def numbers_in(text: str) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text.replace(",", ""))]


def _plain(value: object) -> str:
    """A cell as text, a float written out in full (3e-05 is 0.00003: the number pattern reads no exponent)."""
    return format(Decimal(repr(value)), "f") if isinstance(value, float) else str(value)


def supported_numbers(answer: Answer) -> set[float]:
    sources = [f"{c.doc} {c.section} {c.quote}" for c in answer.citations]
    sources += [" ".join(_plain(v) for row in t["rows"] for v in row) + " " + " ".join(map(str, t["columns"]))
                for t in answer.tables]
    sources.append(answer.question)
    counts = {float(len(t["rows"])) for t in answer.tables if t.get("rows")}  # "共 34 项": the rows returned
    return {v for text in sources for v in numbers_in(text)} | counts | _shares_in_percent(answer.tables)


_SHARE_COLUMN = re.compile(r"share|占比|比例|比重")


def _shares_in_percent(tables: list[dict]) -> set[float]:
    """A share the SQL returns as a fraction (占比 0.2300) is said in per cent (23.0%): the same number."""
    found: set[float] = set()
    for table in tables:
        columns = [i for i, name in enumerate(table.get("columns", [])) if _SHARE_COLUMN.search(str(name))]
        for row in table.get("rows", []):
            for i in columns:
                value = row[i] if i < len(row) else None
                if isinstance(value, (int, float)) and 0 <= value <= 1:
                    found |= {value * 100, round(value * 100, 1), round(value * 100, 2)}
    return found


def unsupported_numbers(answer: Answer, text: str | None = None) -> list[float]:
    """Numbers in the text (default: the answer) that no source gives; small counts (0–10) pass."""
    ok = supported_numbers(answer)
    return [v for v in numbers_in(answer.answer if text is None else text)
            if not any(abs(v - s) <= 1e-6 * max(1.0, abs(s)) for s in ok) and not (v.is_integer() and v <= 10)]


# ------------------------------------------------------------------ sources
def _bigrams(text: str) -> set[str]:
    out: set[str] = set()
    for run in re.findall(f"[{HAN}]+", text):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


def _table_rows(table: dict) -> list[str]:
    """A SQL row as one line; a unit in a column heading ("面积（公顷）") follows the cell's value."""
    lines = []
    for row in table.get("rows", []):
        cells = []
        for column, value in zip(table.get("columns", []), row, strict=False):
            if value is None or len(str(value)) > 40:
                continue  # quotes and SQL are sources in their own right
            unit = re.search(r"[（(]([^（）()]+)[）)]", str(column))
            cells.append(f"{value} {unit.group(1)}" if unit and isinstance(value, (int, float)) else str(value))
        lines.append(" ".join(cells))
    return lines


@dataclass
class _Unit:
    text: str
    terms: frozenset[str]
    modality: frozenset[str]
    conditions: frozenset[str]


@dataclass
class Sources:
    """Everything an answer rests on, split into sentences ("units") and clauses."""

    units: list[_Unit]
    text: str
    numbers: list[tuple[NumberClaim, frozenset[str]]]
    clauses: list[tuple[set[str], bool, str]]
    bigrams: set[str]

    @classmethod
    def of(cls, answer: Answer) -> Sources:
        texts: list[str] = []
        for c in answer.citations:
            texts += split_sentences(c.quote) or [c.quote]
        for table in answer.tables:
            texts += _table_rows(table)
        texts += claims.sentences(answer.answer)
        units = [_Unit(t, claims.term_set(t), claims.modality(t), claims.conditions(t)) for t in dict.fromkeys(texts)]
        docs = " ".join(f"《{c.doc}》 {c.section}" for c in answer.citations)
        numbers = [(n, u.terms) for u in units for n in claims.numbers(u.text)]
        clause_list = [(b, neg, c) for u in units for c in _polarity_clauses(u.text)
                       for b, neg in [(_bigrams(c), bool(claims.negations(c)))]]
        text = "\n".join(t for t in texts) + "\n" + docs
        return cls(units, text, numbers, clause_list, _bigrams(text + answer.question))


def _polarity_clauses(text: str) -> list[str]:
    return [c for part in claims.clauses(text) for c in part.split("、") if c.strip()]


# ------------------------------------------------------------------ checks
def _number_reasons(sentence: str, sources: Sources) -> list[str]:
    reasons = []
    for n in claims.numbers(sentence):
        same = [(s, terms) for s, terms in sources.numbers if claims.same_value(s.value, n.value)]
        if not same:
            reasons.append(f"数字「{n.text}」在原文摘录和查询结果中都没有")
            continue
        unit_ok = [(s, terms) for s, terms in same if n.unit is None or s.unit == n.unit]
        if not unit_ok:
            said = "、".join(sorted({s.unit or "无单位" for s, _ in same}))
            reasons.append(f"「{n.text}」的单位与原文不符（原文为 {said}）")
            continue
        phase_ok = [(s, terms) for s, terms in unit_ok
                    if n.phase in (None, "算式") or s.phase == n.phase]
        if not phase_ok:
            reasons.append(f"「{n.text}」在原文中不是{n.phase}的数字")
            continue
        if n.subject and not any(s.subject == n.subject or n.subject in claims.term_set(s.context)
                                 for s, _ in phase_ok):
            reasons.append(f"「{n.text}」在原文中说的不是{n.subject}")
    return reasons


def _document_reasons(sentence: str, sources: Sources) -> list[str]:
    return [f"文件或文号「{ref.text}」不在原文摘录中" for ref in claims.documents(sentence)
            if not claims.document_supported(ref, sources.text)]


_MODALITY_WORDS = {"permit": "“可以/允许”", "prohibit": "“不得/禁止”", "oblige": "“应当/须”"}


def _clause_reasons(clause: str, sentence: str, sources: Sources) -> list[str]:
    reasons = []
    terms = claims.term_set(clause)
    candidates = [u for u in sources.units if terms <= u.terms]
    if terms and not candidates:
        missing = [t for t in sorted(terms) if not any(t in u.terms for u in sources.units)]
        reasons.append(f"原文摘录中没有提到「{'、'.join(missing)}」" if missing else
                       f"「{'、'.join(sorted(terms))}」在原文中不是同一句话说的")
        return reasons
    said = claims.modality(clause)
    if said:
        modal = [u for u in candidates if said <= u.modality]
        if not modal:
            words = "、".join(_MODALITY_WORDS[m] for m in sorted(said))
            subject = "、".join(sorted(terms)) or "这一点"
            reasons.append(f"原文没有就{subject}作{words}的表述")
        elif "permit" in said:
            kept = [u for u in modal if all(claims.keeps_condition(c, sentence) for c in u.conditions)]
            if not kept:
                dropped = sorted({c for u in modal for c in u.conditions if not claims.keeps_condition(c, sentence)})
                reasons.append(f"省略了原文对这项许可的限制条件（{'、'.join(dropped)}）")
    reasons += _negation_reasons(clause, sources)
    return reasons


def _negation_reasons(clause: str, sources: Sources) -> list[str]:
    reasons = []
    for part in clause.split("、"):
        grams = _bigrams(part)
        if len(grams) < 2:
            continue
        negated = bool(claims.negations(part))
        best, best_match = None, 0.0
        matches = []
        for source_grams, source_negated, text in sources.clauses:
            match = len(grams & source_grams) / len(grams)
            matches.append((match, text, source_negated))
            if match > best_match:
                best, best_match = (source_negated, text), match
        if best is not None and best_match >= MIN_CLAUSE_MATCH:
            near = [(text, source_negated) for match, text, source_negated in matches
                    if match >= max(MIN_CLAUSE_MATCH, best_match - 0.15)]
            # "扩展倍数 1.28 倍" matches its own clause as well as "在不突破…扩展倍数…的前提下": a negation is
            # dropped only when no clause about as close says it the same way
            if best[0] != negated and not any(source_negated == negated for _, source_negated in near):
                kind = "添加了原文没有的否定" if negated else "丢掉了原文的否定"
                reasons.append(f"{kind}（原文：“{best[1]}”）")
            said = claims.direction(part)
            close = [text for text, _ in near]
            if said and not any(claims.direction(text) == said for text in close):  # "基本稳定" told as "大幅增加"
                reasons.append(f"原文没有说“{said}”（原文：“{best[1]}”）")
            continue
        for _, word in claims.negations(part):
            if word and not any(claims.negated_at(u.text, m.start())
                                for u in sources.units for m in re.finditer(re.escape(word), u.text)):
                reasons.append(f"原文没有“{part}”这样的否定说法")
                break
    return reasons


def _coverage(sentence: str, sources: Sources) -> float:
    text = sentence
    for word in sorted(_FILLER, key=len, reverse=True):
        text = text.replace(word, "，")
    grams = _bigrams(text)
    return 1.0 if not grams else len(grams & sources.bigrams) / len(grams)


def _is_claim(sentence: str) -> bool:
    """Says something checkable: a number, term, document, modality or negation."""
    return bool(claims.numbers(sentence) or claims.term_set(sentence) or claims.documents(sentence)
                or claims.modality(sentence) or claims.negations(sentence))


@dataclass
class Verdict:
    """Which sentences of a reply the sources support, and why the others are not."""

    kept: list[str] = field(default_factory=list)
    rejected: list[tuple[str, list[str]]] = field(default_factory=list)
    contradicts: bool = False  # some rejected sentence states something the sources do not

    @property
    def supported(self) -> bool:
        return bool(self.kept) and not self.rejected

    @property
    def partly_safe(self) -> bool:
        """Only claim-free filler was unsupported: the supported sentences may be shown alone."""
        return bool(self.kept) and bool(self.rejected) and not self.contradicts

    def reasons(self) -> list[str]:
        return [f"“{s}”：{'；'.join(r)}" for s, r in self.rejected]


def missing_headlines(answer: Answer, reply: str) -> list[str]:
    """The leading figure of each paragraph of a figure answer that the reply leaves out."""
    if answer.intent not in ("figure", "stats", "projects"):
        return []
    said = claims.numbers(reply)
    missing = []
    for paragraph in re.split(r"\n\s*\n", answer.answer):
        lead = next((n for n in claims.numbers(paragraph) if n.unit and n.phase != "算式"), None)
        if lead and not any(claims.same_value(lead.value, n.value) and n.unit in (None, lead.unit) for n in said):
            missing.append(lead.text)
    return missing


def ground(answer: Answer, reply: str, sources: Sources | None = None) -> Verdict:
    """Check every sentence of the reply against the answer's quotes, SQL rows and extractive text."""
    sources = sources or Sources.of(answer)
    verdict = Verdict()
    for sentence in claims.sentences(reply):
        reasons = _document_reasons(sentence, sources) + _number_reasons(sentence, sources)
        for clause in claims.clauses(claims.without_documents(sentence)):
            reasons += _clause_reasons(clause, sentence, sources)
        coverage = _coverage(sentence, sources)
        if coverage < MIN_COVERAGE:
            reasons.append(f"大部分内容在原文中找不到（覆盖 {coverage:.0%}）")
        if reasons:
            verdict.rejected.append((sentence, list(dict.fromkeys(reasons))))
            verdict.contradicts |= _is_claim(sentence) or len(reasons) > 1
        else:
            verdict.kept.append(sentence)
    missing = missing_headlines(answer, reply)
    if missing:
        verdict.rejected.append(("（整段改写）", [f"遗漏了答案中的数字「{'、'.join(missing)}」"]))
        verdict.contradicts = True
    return verdict
