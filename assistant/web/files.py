"""The files a download is made of, built on click: a check's report (PDF, DOCX) and tables (CSV, XLSX), a chat table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..maps.mapview import MapView
from . import verdict


@dataclass(frozen=True)
class CheckSnapshot:
    """What a report or table of one check is made from; registered for download when the check is made."""

    result: dict[str, Any]
    summary: list[tuple[str, str]]
    question: str | None
    geometry: Any = None


@dataclass(frozen=True)
class TableSnapshot:
    """One answer table (all its rows, not only the 50 shown in the chat) for CSV/XLSX export."""

    title: str
    columns: list[str]
    rows: list[list[Any]]


def report_file(mapview: MapView, check: CheckSnapshot, fmt: str, version: str) -> tuple[str, bytes]:
    """The report of a check as (file name, PDF or DOCX bytes), rendered now, in memory."""
    from . import report

    image = mapview.render_check(check.result, geometry=check.geometry, version=version)
    data = report.ReportInput(check.result, check.summary, image.png, mapview.map_layer_status(),
                              version=version)
    body = report.build_pdf(data) if fmt == "pdf" else report.build_docx(data)
    return f"选址合规性分析报告（{version}）.{fmt}", body


def check_table_file(check: CheckSnapshot, fmt: str, version: str) -> tuple[str, bytes]:
    """A check's tables: CSV (the detail rows) or XLSX (per layer, details, 图斑 with overlap areas)."""
    from ..check.answer import TABLE_COLUMNS, table_rows
    from . import export, report

    detail = [list(r) for r in table_rows(check.result)]
    if fmt == "csv":
        return "核查结果.csv", export.csv_bytes(TABLE_COLUMNS, detail)
    columns, rows = verdict.layer_table(check.result)
    patches = report.patch_rows(check.result, version)
    return "核查结果.xlsx", export.xlsx_bytes([("逐图层结论", columns, rows), ("明细", TABLE_COLUMNS, detail),
                                             (f"涉及图斑（{version}）", report.PATCH_HEADER, patches)])


def answer_table_file(item: TableSnapshot, fmt: str) -> tuple[str, bytes]:
    """A chat table as CSV or XLSX."""
    from . import export

    if fmt == "csv":
        return f"{item.title}.csv", export.csv_bytes(item.columns, item.rows)
    if fmt == "xlsx":
        return f"{item.title}.xlsx", export.xlsx_bytes([(item.title, item.columns, item.rows)])
    raise InputError("表格只能导出为 CSV 或 XLSX。")
