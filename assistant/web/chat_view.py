"""How an Answer looks in the chat: Markdown with tables, SQL (staff only) and expandable citations."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from ..answer_types import Answer, Citation
from ..table_labels import for_people
from .downloads import url as download_url

EXAMPLES = [
    "维护后城镇开发边界多少公顷？",
    "生态控制区能否开发？",
    "永久基本农田增加了多少亩？",
    "东经113.58 北纬37.86 在不在基本农田里？",
    "郊区有多少永久基本农田？",
    "看一下永久基本农田维护后图",
]
PUBLIC_EXAMPLES = [
    "生态控制区能否开发？",
    "东经113.58 北纬37.86 在不在基本农田里？",
    "永久基本农田增加了多少亩？",
]
DISCLAIMER = "以上内容依据《阳泉市国土空间总体规划 2026年度动态维护方案》整理，仅供参考，以法定图件为准。"

# Plan figure requests: keyword -> mapview.PLAN_MAPS kind; longer phrases first.
def table_markdown(columns: list[str], rows: list[list[Any]], limit: int = 50) -> str:
    def cell(v: Any) -> str:
        if v is None:
            return "—"
        if isinstance(v, float):
            return f"{v:,.4f}".rstrip("0").rstrip(".")
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(map(str, columns)) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"\n（共 {len(rows)} 行，仅显示前 {limit} 行）")
    return "\n".join(lines)


def citation_markdown(citations: list[Citation] | list[dict[str, Any]], expanded: bool = False) -> str:
    """Each citation as a collapsible block: the section path as summary, the verbatim quote inside."""
    blocks = []
    tag = "<details open>" if expanded else "<details>"
    for i, c in enumerate(citations, start=1):
        c = c if isinstance(c, dict) else {"doc": c.doc, "section": c.section, "quote": c.quote}
        quote = "\n> ".join(html.escape(c["quote"]).splitlines())
        blocks.append(f"{tag}<summary>［{i}］{html.escape(c['section'] or c['doc'])}</summary>\n\n"
                      f"> {quote}\n\n——《{html.escape(c['doc'])}》\n\n</details>")
    return "\n\n".join(blocks)


def export_links(token: str, count: int) -> str:
    """Links that build the whole table (every row, not only the ones shown) when clicked."""
    return f"导出全部 {count} 行：[CSV]({download_url(token, 'csv')}) · [XLSX]({download_url(token, 'xlsx')})"


def format_answer(answer: Answer, staff: bool = True,
                  export: Callable[[str, list[str], list[list[Any]]], str] | None = None) -> str:
    """The Markdown the chat shows; `staff=False` expects an answer already passed through guard.

    `export(title, columns, rows)` registers a table for download and returns its token (staff mode).
    """
    # An extractive answer is its quotes: show them once, as open citation blocks, not twice.
    quotes_only = answer.intent == "policy" and answer.citations and all(
        c.quote in answer.answer for c in answer.citations)
    parts = [answer.answer.strip().splitlines()[0] if quotes_only else answer.answer.strip()]
    for table in answer.tables:
        if not table.get("rows"):
            continue
        columns, rows = for_people(list(table["columns"]), [list(r) for r in table["rows"]])
        parts.append(f"**{table.get('title', '结果')}**\n\n{table_markdown(columns, rows)}")
        if export is not None:
            parts.append(export_links(export(str(table.get("title") or "结果"), columns, rows), len(rows)))
        if staff and table.get("sql"):
            parts.append(f"<details><summary>查看 SQL</summary>\n\n```sql\n{table['sql']}\n```\n\n</details>")
    if answer.citations:
        label = "**依据条文**（点击收起或展开原文）" if quotes_only else "**依据条文**（点击展开原文）"
        parts.append(label + "\n\n" + citation_markdown(answer.citations, expanded=bool(quotes_only)))
    notes = [n for n in answer.notes if n and n not in answer.answer]
    if notes:
        parts.append("\n".join(f"> {n}" for n in notes))
    if not answer.refused:
        parts.append(f"<sub>{DISCLAIMER}</sub>")
    return "\n\n".join(p for p in parts if p)


def demo_banner(demo_layers: list[str]) -> str:
    if not demo_layers:
        return ""
    return (f"⚠️ **当前图层为演示数据，非正式规划成果**，仅用于功能演示，结论以法定图件为准。"
            f"（演示图层：{'、'.join(demo_layers)}）")
