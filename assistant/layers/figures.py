"""Plan figures: every number the plan states, found by sentence rules, stored in DuckDB `plan_figures`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from ..plan.corpus import Section
from ..plan.vocabulary import PROJECT_STATUSES
from .sql import SQL_DIR

__all__ = ["Figure", "INDICATORS", "extract_figures", "load_figures", "sentences"]

# Indicator names as the plan writes them; checked before the area-of-scope words so that
# "城镇开发边界总面积" is a 城镇开发边界 figure.
INDICATORS = ("永久基本农田", "生态保护红线", "城镇开发边界", "历史文化保护线", "文物保护单位",
              "洪涝风险控制线", "城市绿线", "城市紫线", "重点建设项目")
_SCOPE_AREA_WORDS = ("国土面积", "总面积")

UNITS = ("万亩", "公顷", "平方千米", "平方米", "倍", "%", "项", "处")
# A number directly followed by a unit; 〔2026〕38号 and "2026 年度" have no unit and are skipped.
_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(" + "|".join(map(re.escape, UNITS)) + ")")
_CLAUSE_BREAK = "，,。；;、（）()：:"
_SENTENCE = re.compile(r"[^。！？\n]+(?:[。！？]|$)", re.M)

_SUB_PHASES = ("调出", "调入", "扩展倍数", "扩展规模", "预留机动", "占比")
_SITE_PHASES = ("国家级", "省级")
_AFTER = re.compile(r"维护后|调整后")
_BEFORE = re.compile(r"市级总体规划确定|维护前|调整前")
_UNCHANGED = re.compile(r"[^，。；]*不涉及[^，。；]*调整")


@dataclass(frozen=True)
class Figure:
    """One number stated in the plan, with what it measures and the sentence that states it."""

    indicator: str
    scope: str | None
    phase: str
    version: str | None
    value: float
    value_text: str
    unit: str
    doc: str
    section: str
    quote: str
    note: str | None
    ordinal: int

    @property
    def figure_id(self) -> str:
        parts = [self.scope or "", self.indicator, self.phase]
        if self.version and self.version != self.phase:
            parts.append(self.version)
        return "·".join(p for p in parts if p)


def sentences(text: str) -> list[str]:
    """Verbatim sentences of a section (split after 。！？ and at line ends)."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def _section_scope(section: Section) -> str | None:
    """The scope a section's figures belong to, from the plan's 编制范围 (市域/市辖区/中心城区 levels)."""
    path = section.section
    if "中心城区" in path or "城市重要控制线" in path:
        return "中心城区"
    if "重点建设项目" in path:
        return "市域"
    if any(word in path for word in ("三条控制线", "其他重要控制线", "规划分区")):
        return "市辖区"
    return None


def _section_indicator(section: Section) -> str | None:
    heading = section.path[-1] if section.path else ""
    return next((name for name in INDICATORS if name in heading), None)


def _last(words: Iterable[str], text: str) -> str | None:
    """The word occurring last in text (nearest to a number that follows it)."""
    found = [(text.rfind(w), w) for w in words if w in text]
    return max(found)[1] if found else None


def _first(words: Iterable[str], text: str) -> str | None:
    found = [(text.find(w), w) for w in words if w in text]
    return min(found)[1] if found else None


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    left = max(sentence.rfind(ch, 0, start) for ch in _CLAUSE_BREAK) + 1
    rights = [i for i in (sentence.find(ch, end) for ch in _CLAUSE_BREAK) if i != -1]
    return left, min(rights, default=len(sentence))


def _sentence_scope(prefix: str, clause: str) -> str | None:
    # "全市" names the whole city only for the clause it sits in ("将全市 11 处…"); the scope words
    # open a sentence ("市辖区范围由…", "市级总体规划确定的市辖区…") and hold for all of it.
    if "全市" in clause:
        return "市域"
    word = _first(("市域", "市辖区", "中心城区"), prefix)
    return word


def _figure_in(sentence: str, match: re.Match, section: Section, carried: tuple[str, str | None] | None):
    """(indicator, scope, phase, version) of one number in a sentence, or None if it measures nothing known."""
    start, end = match.span()
    left, right = _clause_bounds(sentence, start, end)
    before, after = sentence[left:start], sentence[end:right]
    prefix = sentence[:start]
    scope = _sentence_scope(prefix, sentence[left:right])

    indicator = _last(INDICATORS, before) or _first(INDICATORS, after)
    if indicator is None:
        area_word = _last(_SCOPE_AREA_WORDS, before)
        if area_word:
            indicator = "中心城区面积" if scope == "中心城区" else "国土面积"
    indicator = indicator or (carried[0] if carried else None) or _section_indicator(section)
    if indicator is None:
        return None
    # A list in one sentence shares its scope: "将全市 11 处国家级…、12 处省级文物保护单位".
    if scope is None and carried and carried[0] == indicator:
        scope = carried[1]
    scope = scope or _section_scope(section)

    version = None
    if _AFTER.search(prefix):
        version = "维护后"
    elif _BEFORE.search(prefix):
        version = "维护前"

    if indicator in ("国土面积", "中心城区面积"):
        phase = "现状"
    elif indicator == "重点建设项目":
        phase = _last(PROJECT_STATUSES, before) or ("总数" if "共" in before else None)
        version = None
    elif indicator == "文物保护单位":
        phase = _first(_SITE_PHASES, after) or _last(_SITE_PHASES, before)
    else:
        phase = _last(_SUB_PHASES, before)
        if phase in ("调出", "调入"):
            version = None
        phase = phase or version
    if phase is None:
        return None
    return indicator, scope, phase, version


def extract_figures(sections: Iterable[Section]) -> list[Figure]:
    """Every figure the plan states, by rules over its sentences (not a table of known values)."""
    figures: list[Figure] = []
    for section in sections:
        for sentence in sentences(section.text):
            unchanged = _UNCHANGED.search(sentence)
            carried: tuple[str, str | None] | None = None
            for match in _FIGURE.finditer(sentence):
                found = _figure_in(sentence, match, section, carried)
                if found is None:
                    continue
                indicator, scope, phase, version = found
                carried = (indicator, scope)
                figures.append(Figure(
                    indicator=indicator, scope=scope, phase=phase, version=version,
                    value=float(match.group(1)), value_text=match.group(1), unit=match.group(2),
                    doc=section.doc, section=section.section, quote=sentence,
                    note=unchanged.group(0).strip() if unchanged else None,
                    ordinal=len(figures) + 1))
    return figures


def load_figures(con: duckdb.DuckDBPyConnection, sections: Iterable[Section]) -> int:
    """Create plan_figures and unit_factors (schema_figures.sql) and insert the extracted figures."""
    con.execute((SQL_DIR / "schema_figures.sql").read_text(encoding="utf-8"))
    # Normalise with the factors in the database so SQL answers and stored norm_value agree.
    factors = {unit: (to_norm, norm_unit) for unit, to_norm, norm_unit in
               con.execute("SELECT unit, to_norm, norm_unit FROM unit_factors").fetchall()}
    rows = []
    for fig in extract_figures(sections):
        to_norm, norm_unit = factors[fig.unit]
        rows.append((fig.figure_id, fig.indicator, fig.scope, fig.phase, fig.version, fig.value,
                     fig.value_text, fig.unit, round(fig.value * to_norm, 10), norm_unit, fig.doc,
                     fig.section, fig.quote, fig.note, fig.ordinal))
    con.executemany("INSERT INTO plan_figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)
