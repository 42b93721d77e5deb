"""`yqplan check --batch`: CSV rows checked in chunks and streamed out as JSON lines, CSV or XLSX.

Memory stays flat in the number of rows: each chunk is checked, written and dropped (issue 10).
"""

from __future__ import annotations

import csv
import io
import math
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError, PlanError
from .batch import BatchResult
from .batch_rows import (
    csv_cell,
    dumps,
    point_csv,
    point_json,
    point_table_rows,
    row_from_result,
    table_columns,
)

CHUNK_ROWS = 5_000  # rows checked and written at a time: JSON text of a 20,000-row chunk peaked near 500 MB
FIELDS = ("all", "inside")


def read_batch(path: str | Path) -> tuple[list[str], Iterator[dict[str, str]]]:
    """The header and a row iterator (utf-8 with or without BOM, else GB18030); needs id and lon,lat or parcel."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取批量文件 {path}：{exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    if "id" not in header or not ({"lon", "lat"} <= set(header) or "parcel" in header):
        raise InputError("批量 CSV 需要表头：id,lon,lat[,crs] 或 id,parcel，请修改后重试。")
    rows = (dict(zip(header, map(str.strip, row), strict=False)) for row in reader if row)
    return header, rows


class BatchEntry:
    """One input row: a point in the vectorised batch, a parcel result, or an error."""

    __slots__ = ("id", "batch", "index", "result", "error", "pre_notes")

    def __init__(self, id_: str, batch: BatchResult | None = None, index: int = -1,
                 result: dict | None = None, error: str | None = None, pre_notes: tuple = ()):
        self.id, self.batch, self.index, self.result, self.error = id_, batch, index, result, error
        self.pre_notes = pre_notes

    def full(self) -> dict[str, Any] | None:
        if self.result is None and self.batch is not None:
            self.result = self.batch.row(self.index)
            self.result["notes"][:0] = list(self.pre_notes)
        return self.result

    def as_json(self) -> dict[str, Any]:
        if self.error:
            return {"id": self.id, "error": self.error}
        return {"id": self.id, **self.full()}


def batch_entries(checker, rows: list[dict[str, str]], default_crs: str, first_line: int = 2,
                  distances: bool = True) -> tuple[list[BatchEntry], BatchResult | None]:
    """Entries for one chunk of input rows (line numbers from first_line), points checked in one batch."""
    from . import coords

    entries: list[BatchEntry] = []
    lons, lats, slots = [], [], []
    for n, row in enumerate(rows, start=first_line):
        row_id = row.get("id") or f"第{n}行"
        try:
            if row.get("parcel"):
                entries.append(BatchEntry(row_id, result=checker.check_parcel(row["parcel"])))
                continue
            lon, lat, notes = _row_point(row, default_crs, coords)
        except PlanError as exc:
            entries.append(BatchEntry(row_id, error=f"第 {n} 行：{exc}"))
            continue
        entries.append(BatchEntry(row_id, index=len(lons), pre_notes=notes))
        slots.append(len(entries) - 1)
        lons.append(lon)
        lats.append(lat)
    batch = checker.check_many(lons, lats, distances=distances) if lons else None
    for slot in slots:
        entries[slot].batch = batch
    return entries, batch


@lru_cache(maxsize=64)
def _crs_key(name: str) -> str:
    """normalize_crs, cached: a batch repeats the same few names on every row."""
    from . import coords

    return coords.normalize_crs(name)


def _row_point(row: dict[str, str], default_crs: str, coords) -> tuple[float, float, tuple]:
    try:
        lon, lat = float(row.get("lon", "")), float(row.get("lat", ""))
    except ValueError:
        raise InputError(f"经纬度“{row.get('lon', '')},{row.get('lat', '')}”不是数字，"
                         "请填写如 113.58 和 37.86 的十进制度数。") from None
    if not (math.isfinite(lon) and math.isfinite(lat) and coords.in_china(lon, lat)):
        raise InputError(f"坐标 {lon},{lat} 不在中国范围内，请检查经纬度是否填反或缺位。")
    crs = _crs_key(row.get("crs") or default_crs)
    if crs in ("cgcs2000", "wgs84"):
        return lon, lat, ()
    lon2, lat2 = coords.to_cgcs2000(lon, lat, crs)
    return lon2, lat2, (f"已将{coords.CRS_LABELS[crs]}坐标转换为 CGCS2000",)


def json_lines(entries: list[BatchEntry], batch: BatchResult | None) -> Iterator[str]:
    """One JSON line per entry, equal to json.dumps(entry.as_json()) but built column-wise for points."""
    fast: list[str | None] = []
    if batch is not None:
        pre: list[tuple] = [()] * len(batch)
        ids = [""] * len(batch)
        for e in entries:
            if e.batch is not None:
                pre[e.index], ids[e.index] = e.pre_notes, e.id
        fast = point_json(batch, pre, ids, end="\n")
    for e in entries:
        text = fast[e.index] if e.batch is not None and not e.error else None
        yield dumps(e.as_json()) + "\n" if text is None else text


def table_rows(entries: list[BatchEntry], batch: BatchResult | None, layers, distances: bool) -> Iterator[list]:
    width = len(table_columns(layers, distances))
    point_rows = point_table_rows(batch) if batch is not None else []
    for e in entries:
        if e.error:
            yield [e.id, *[""] * (width - 2), e.error]
        elif e.result is not None and e.batch is None:
            yield row_from_result(e.id, e.result, layers, distances)
        else:
            cells, notes = point_rows[e.index]
            if e.pre_notes:
                notes = "；".join([*e.pre_notes, notes] if notes else e.pre_notes)
            yield [e.id, *cells, notes, ""]


def csv_text(entries: list[BatchEntry], batch: BatchResult | None, layers, distances: bool) -> str:
    """The CSV lines of table_rows as the csv module writes them, points built column-wise."""
    texts, notes = point_csv(batch) if batch is not None else ([], [])
    other = io.StringIO()
    slow = csv.writer(other)
    lines = []
    for e in entries:
        if e.error or e.batch is None:
            slow.writerows(table_rows([e], None, layers, distances))
            lines.append(other.getvalue())
            other.seek(0)
            other.truncate()
            continue
        note = notes[e.index]
        if e.pre_notes:
            note = "；".join([*e.pre_notes, note] if note else e.pre_notes)
        lines.append(f"{csv_cell(e.id)},{texts[e.index]},{csv_cell(note)},\r\n")
    return "".join(lines)


class TableWriter:
    """CSV (utf-8-sig so Excel shows Chinese) or XLSX (write-only, streamed), chosen by the file's suffix."""

    def __init__(self, out: str | Path, header: list[str]):
        self.path = Path(out)
        self.xlsx = self.path.suffix.lower() == ".xlsx"
        if self.xlsx:
            from openpyxl import Workbook

            self.book = Workbook(write_only=True)
            self.sheet = self.book.create_sheet("核查结果")
            self.sheet.append(header)
        else:
            self.fh = self.path.open("w", encoding="utf-8-sig", newline="")
            self.csv = csv.writer(self.fh)
            self.csv.writerow(header)

    def write(self, rows) -> None:
        if self.xlsx:
            for row in rows:
                self.sheet.append(row)
        else:
            self.csv.writerows(rows)

    def write_batch(self, entries: list[BatchEntry], batch: BatchResult | None, layers, distances: bool) -> None:
        if self.xlsx:
            self.write(table_rows(entries, batch, layers, distances))
        else:
            self.fh.write(csv_text(entries, batch, layers, distances))

    def close(self) -> None:
        if self.xlsx:
            self.book.save(self.path)
        else:
            self.fh.close()


def check_output_name(out: str | None) -> None:
    if out and Path(out).suffix.lower() not in (".csv", ".xlsx"):
        raise InputError(f"输出文件 {Path(out).name} 的格式不支持，请使用 .csv 或 .xlsx。")


def run_batch(checker, path: str | Path, out: str | None = None, as_json: bool = False,
              default_crs: str = "cgcs2000", fields: str = "all", chunk_rows: int = CHUNK_ROWS) -> int:
    """Check every row in input order; a bad row becomes an error entry and the batch goes on."""
    check_output_name(out)
    if fields not in FIELDS:
        raise InputError(f"--fields 只能是 {' 或 '.join(FIELDS)}（inside 只判断是否位于，不算距离）。")
    distances = fields == "all"
    _, rows = read_batch(path)
    writer = TableWriter(out, table_columns(checker.layers, distances)) if out else None
    total = errors = 0
    line = 2  # line 1 is the header
    try:
        while True:
            chunk = [row for _, row in zip(range(chunk_rows), rows, strict=False)]
            if not chunk:
                break
            entries, batch = batch_entries(checker, chunk, default_crs, line, distances)
            line += len(chunk)
            total += len(entries)
            errors += sum(1 for e in entries if e.error)
            if as_json:
                sys.stdout.writelines(json_lines(entries, batch))
            if writer:
                writer.write_batch(entries, batch, checker.layers, distances)
    finally:
        if writer:
            writer.close()
    if out:
        print(f"已写出 {total} 行核查结果：{out}", file=sys.stderr if as_json else sys.stdout)
    if not as_json and not out:
        print(f"共 {total} 行，成功 {total - errors} 行，出错 {errors} 行。用 --out 输出表格或 --json 输出明细。")
    return 0
