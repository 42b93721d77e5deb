"""`yqplan check`: one point, parcel, place or red line, or a CSV batch, printed as text, JSON or a table."""

from __future__ import annotations

import csv
import json
import math
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError, PlanError
from .checker import DEMO_NOTE, BatchResult, LocationChecker, get_checker, near_note, out_of_scope_note
from .result import APPROXIMATE_NOTE, parcel_lines

YES, NO = "是", "否"


def cmd_check(args, settings) -> int:
    checker = get_checker(settings.db_path, settings.corpus_dir)
    if args.batch:
        return run_batch(checker, args.batch, out=args.out, as_json=args.json, default_crs=args.crs)
    result = check_one(checker, args)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(format_text(result))
    return 0


def check_one(checker: LocationChecker, args) -> dict[str, Any]:
    """Dispatch one --point/--xy/--parcel/--place/--file to the checker."""
    from . import coords

    if args.point or args.xy:
        point = coords.parse_point(args.point, args.crs) if args.point else coords.parse_xy(args.xy)
        result = checker.check_point(point.lon, point.lat, args.point or args.xy)
        result["notes"][:0] = list(point.notes)
        return result
    if args.parcel:
        return checker.check_parcel(args.parcel)
    if args.place:
        return checker.check_place(args.place)
    from .redline import read_redline

    path = Path(args.file)
    red = read_redline(str(path), path.name)  # says what is missing and which formats it reads
    return checker.check_redline(red, path.name)


# ---- readable text -----------------------------------------------------------------------------
def _cell(row: dict[str, Any]) -> str:
    if row["overlap_m2"] is not None:
        if not row["inside"]:
            return f"不涉及（相距 {row['distance_m']:.1f} 米）" if row["distance_m"] else "不涉及（边界相接）"
        return (f"涉及 {row['overlap_ha']:.4f} 公顷（{row['overlap_mu']:.2f} 亩，"
                f"占红线 {row['share'] * 100:.1f}%）")
    if row["inside"]:
        names = "、".join(dict.fromkeys(f["name"] for f in row["features"] if f["name"]))
        return f"位于{('：' + names) if names else ''}"
    return f"不在（距最近 {row['distance_m']:.1f} 米）"


def format_text(result: dict[str, Any]) -> str:
    """Readable Chinese: location, a per-layer table (维护前 | 维护后), changes, citations, notes."""
    loc = result["location"]
    lines = [f"核查对象：{result['query']}",
             f"位置：经度 {loc['lon']}，纬度 {loc['lat']}，{loc['district'] or '阳泉市以外'}"]
    if result["demo_data"]:
        lines.append("【提示】图层为演示数据，非正式规划成果")
    if (result.get("redline") or {}).get("approximate"):
        lines.append(f"【{APPROXIMATE_NOTE}】")
    if result.get("redline"):
        lines.append(f"红线文件：{result['redline']['format']}，坐标系 {result['redline']['crs']}")
        lines += [f"  {line}" for line in parcel_lines(result)]
    if result["layers"]:
        by_layer: dict[str, dict[str, str]] = {}
        for row in result["layers"]:
            by_layer.setdefault(row["layer"], {})[row["version"]] = _cell(row)
        width = max(len(name) for name in by_layer) + 2
        lines.append("")
        lines.append(f"{'图层'.ljust(width, '　')}维护前 ｜ 维护后")
        for layer, cells in by_layer.items():
            lines.append(f"{layer.ljust(width, '　')}{cells.get('维护前', '—')} ｜ {cells.get('维护后', '—')}")
    if result["changes"]:
        lines.append("")
        lines.append("本次维护调整：" + "；".join(
            f"{c['layer']}{c['change']}" + (f" {c['overlap_m2']:.2f} 平方米" if c["overlap_m2"] else "")
            for c in result["changes"]))
    if result["citations"]:
        lines.append("")
        lines.append("规划依据：")
        lines += [f"  【{c['section']}】{c['quote']}" for c in result["citations"]]
    if result["notes"]:
        lines.append("")
        lines.append("说明：")
        lines += [f"  · {n}" for n in result["notes"]]
    return "\n".join(lines)


# ---- batch -----------------------------------------------------------------------------------
def read_batch(path: str | Path) -> tuple[list[str], list[dict[str, str]]]:
    """CSV rows as dicts (utf-8 with or without BOM); the header must have id and lon,lat or parcel."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = Path(path).read_text(encoding="gb18030")
    except OSError as exc:
        raise InputError(f"无法读取批量文件 {path}：{exc}") from exc
    reader = csv.reader(text.splitlines())
    header = [h.strip().lower() for h in next(reader, [])]
    if "id" not in header or not ({"lon", "lat"} <= set(header) or "parcel" in header):
        raise InputError("批量 CSV 需要表头：id,lon,lat[,crs] 或 id,parcel，请修改后重试。")
    rows = [dict(zip(header, map(str.strip, row), strict=False)) for row in reader if row]
    return header, rows


def run_batch(checker: LocationChecker, path: str | Path, out: str | None = None, as_json: bool = False,
              default_crs: str = "cgcs2000") -> int:
    """Check every row in input order; a bad row becomes an error entry and the batch goes on."""
    if out and Path(out).suffix.lower() not in (".csv", ".xlsx"):
        raise InputError(f"输出文件 {Path(out).name} 的格式不支持，请使用 .csv 或 .xlsx。")
    _, rows = read_batch(path)
    entries = batch_entries(checker, rows, default_crs)
    if as_json:
        write = sys.stdout.write
        for entry in entries:
            write(json.dumps(entry.as_json(), ensure_ascii=False) + "\n")
    if out:
        write_table(entries, out, checker)
        print(f"已写出 {len(entries)} 行核查结果：{out}", file=sys.stderr if as_json else sys.stdout)
    if not as_json and not out:
        errors = sum(1 for e in entries if e.error)
        print(f"共 {len(entries)} 行，成功 {len(entries) - errors} 行，出错 {errors} 行。用 --out 输出表格或 --json 输出明细。")
    return 0


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


def batch_entries(checker: LocationChecker, rows: list[dict[str, str]], default_crs: str) -> list[BatchEntry]:
    from . import coords

    entries: list[BatchEntry] = []
    lons, lats, slots = [], [], []
    for n, row in enumerate(rows, start=2):  # line 1 is the header
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
    if lons:
        batch = checker.check_many(lons, lats)
        for slot in slots:
            entries[slot].batch = batch
    return entries


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


# ---- flat table ------------------------------------------------------------------------------
def table_columns(checker: LocationChecker) -> list[str]:
    cols = ["id", "lon", "lat", "district", "in_scope"]
    for idx in checker.layers:
        cols += [f"{idx.layer}_{idx.version}_是否位于", f"{idx.layer}_{idx.version}_距离米"]
    return [*cols, "changes", "notes", "error"]


def table_rows(entries: list[BatchEntry], checker: LocationChecker) -> list[list[Any]]:
    """Flat rows; point rows are assembled column-wise from the batch arrays (no per-row dicts)."""
    width = len(table_columns(checker))
    keys = [(idx.layer, idx.version) for idx in checker.layers]
    batch = next((e.batch for e in entries if e.batch is not None), None)
    point_rows = _batch_rows(batch) if batch is not None else []
    out = []
    for e in entries:
        if e.error:
            out.append([e.id, *[""] * (width - 2), e.error])
        elif e.result is not None:
            out.append(_row_from_result(e.id, e.result, keys))
        else:
            cells, notes = point_rows[e.index]
            if e.pre_notes:
                notes = "；".join([*e.pre_notes, notes] if notes else e.pre_notes)
            out.append([e.id, *cells, notes, ""])
    return out


def _row_from_result(row_id: str, r: dict[str, Any], keys: list[tuple[str, str]]) -> list[Any]:
    cells = [row_id, r["location"]["lon"], r["location"]["lat"], r["location"]["district"] or "",
             YES if r["in_scope"] else NO]
    by_key = {(x["layer"], x["version"]): x for x in r["layers"]}
    for key in keys:
        x = by_key.get(key)
        cells += ["", ""] if x is None else [YES if x["inside"] else NO, x["distance_m"]]
    changes = "；".join(f"{c['layer']}{c['change']}" for c in r["changes"])
    return [*cells, changes, "；".join(r["notes"]), ""]


def _batch_rows(b: BatchResult) -> list[tuple[list[Any], str]]:
    """Per point: (cells from lon to changes, notes), built from whole columns at once."""
    layers = b.checker.layers
    columns: list[list[Any]] = [np.round(b.lons, 6).tolist(), np.round(b.lats, 6).tolist(),
                                [d or "" for d in b.district], np.where(b.in_scope, YES, NO).tolist()]
    for k in range(len(layers)):
        columns.append(np.where(b.inside[k], YES, NO).tolist())
        columns.append(np.where(b.inside[k], 0.0, np.round(b.distance[k], 2)).tolist())
    changes = [""] * len(b)
    for ch, flag in b.change_flags:
        for i in np.flatnonzero(flag):
            changes[i] = f"{changes[i]}；{ch.layer}{ch.change}" if changes[i] else f"{ch.layer}{ch.change}"
    columns.append(changes)
    notes: list[list[str]] = [[] for _ in range(len(b))]
    for k, idx in enumerate(layers):
        for i in np.flatnonzero(b.near[k]):
            if near_note(idx.layer) not in notes[i]:
                notes[i].append(near_note(idx.layer))
    demo = any(idx.demo for idx in layers)
    blank = [""] * (2 * len(layers))
    rows = []
    for i, cells in enumerate(zip(*columns, strict=True)):
        cells = list(cells)
        if not b.in_scope[i]:
            cells[4:4 + len(blank)] = blank
            rows.append((cells, out_of_scope_note(cells[2] or None)))
        else:
            rows.append((cells, "；".join([*notes[i], DEMO_NOTE] if demo else notes[i])))
    return rows


def write_table(entries: list[BatchEntry], out: str | Path, checker: LocationChecker) -> None:
    """CSV (utf-8-sig so Excel shows Chinese) or XLSX, by the file's suffix."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(f"输出文件 {out.name} 的格式不支持，请使用 .csv 或 .xlsx。")
    header = table_columns(checker)
    rows = table_rows(entries, checker)
    if suffix == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("核查结果")
        ws.append(header)
        for row in rows:
            ws.append(row)
        wb.save(out)
        return
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
