"""Tables people can take away: CSV (UTF-8 with BOM, so Excel reads the Chinese) and XLSX."""

from __future__ import annotations

import csv
import io
from typing import Any


def csv_bytes(columns: list[str], rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: list[tuple[str, list[str], list[list[Any]]]]) -> bytes:
    """One sheet per (title, columns, rows); column widths fit the longest cell."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, columns, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(["" if v is None else v for v in row])
        for i, column in enumerate(sheet.columns, start=1):
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, 2 + width * 2 if i else width)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
