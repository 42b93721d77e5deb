"""`yqplan check`: one point, parcel, place or red line, or a CSV batch, printed as text, JSON or a table."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .batch_output import run_batch
from .batch_rows import table_columns
from .checker import LocationChecker, get_checker
from .result import APPROXIMATE_NOTE, parcel_lines

__all__ = ["check_one", "cmd_check", "format_text", "run_batch", "table_columns"]


def cmd_check(args, settings) -> int:
    if args.point or args.xy:
        result = check_point_once(settings, args)
    else:
        checker = open_checker(settings)
        if args.batch:
            return run_batch(checker, args.batch, out=args.out, as_json=args.json, default_crs=args.crs,
                             fields=args.fields)
        result = check_one(checker, args)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(format_text(result))
    return 0


def open_checker(settings):
    """The checker the settings choose: the in-memory index, or (YQPLAN_CHECK_BACKEND=server) PostGIS queries."""
    if settings.check_on_server:
        from .server import ServerChecker

        return ServerChecker.shared(settings.store, settings.corpus_dir, settings.version_check_s)
    return get_checker(settings.store, settings.corpus_dir, settings.version_check_s)


def check_point_once(settings, args) -> dict[str, Any]:
    """--point/--xy in a one-shot process: only the features near the point are read (DuckDB R-tree)."""
    from . import coords

    point = coords.parse_point(args.point, args.crs) if args.point else coords.parse_xy(args.xy)
    with _without_pandas():
        checker = LocationChecker.near(settings.store, point.lon, point.lat, settings.corpus_dir)
    result = checker.check_point(point.lon, point.lat, args.point or args.xy)
    result["notes"][:0] = list(point.notes)
    return result


@contextmanager
def _without_pandas():
    """DuckDB 1.5 imports pandas (if installed) to inspect any query parameter: ~0.4 s of a one-shot
    check that never uses pandas. Hide it while the one-shot queries run; later imports work again."""
    if "pandas" in sys.modules:
        yield
        return
    sys.modules["pandas"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get("pandas", 0) is None:
            del sys.modules["pandas"]


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
