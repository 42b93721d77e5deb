"""A location-check result told in words, with its per-layer table and the rules that govern it."""

from __future__ import annotations

import re
from typing import Any

from ..answer_types import DEMO_NOTE, Answer, Citation
from ..plan.vocabulary import find_layer

CONTROL_LINES = ("永久基本农田", "生态保护红线", "城镇开发边界")
CLASSIFIED = ("规划分区", "中心城区用地")  # layers that say what a place is, not whether it is inside
# A coordinate as typed: 东经/北纬-prefixed number, degrees-minutes-seconds, or a decimal number — never digits
# that belong to an ID, plot number or file name (YQ-2026-00015, 1403…JD00001W00000000, 红线_2024.txt).
_ID_CHAR = r"A-Za-z0-9_\-."
TYPED_COORDINATE = re.compile(
    rf"(?<![{_ID_CHAR}])(?:东经|北纬|经度|纬度|[EN](?=\s*\d))?\s*-?(?:"
    r"\d+(?:\.\d+)?\s*[°度](?:\s*\d+(?:\.\d+)?\s*['′分])?(?:\s*\d+(?:\.\d+)?\s*[\"″秒])?"  # 113°35'48"
    r"|\d+\.\d+"  # 113.58
    rf")(?![{_ID_CHAR}])"
    r"|(?:东经|北纬|经度|纬度)\s*-?\d+(?:\.\d+)?\s*[°度]?"  # 东经113
)
POSITION_COLUMNS = ["经度(°)", "纬度(°)", "坐标系", "所在区县"]
TABLE_COLUMNS = ["图层", "版本", "是否在内", "重叠面积(公顷)", "重叠面积(亩)", "占比", "最近距离(米)", "涉及要素"]


def _place_words(result: dict[str, Any]) -> str:
    loc = result.get("location") or {}
    where = f"，位于{loc['district']}" if loc.get("district") else ""
    query = str(result.get("query") or "该位置")
    if loc.get("lon") is not None and loc.get("lat") is not None:
        # Typed coordinates are repeated just after; keep only the words ("地图点选", a place name).
        words = TYPED_COORDINATE.sub("", query).strip(" ,，;；:：、")
        label = f"{words}：" if words else ""
        return f"{label}东经 {loc['lon']:.6f}°，北纬 {loc['lat']:.6f}°（CGCS2000）{where}"
    return f"{query}{where}"


def _row_words(row: dict[str, Any]) -> str:
    names = "、".join(dict.fromkeys(f["name"] for f in row.get("features", []) if f.get("name")))
    if row.get("overlap_m2") is not None and row.get("share") is not None:
        if not row["inside"]:
            return f"不占用{row['layer']}"
        return (f"占用{row['layer']} {row['overlap_ha']:.4f} 公顷（{row['overlap_mu']:.2f} 亩），"
                f"占红线面积 {row['share'] * 100:.1f}%" + (f"，涉及{names}" if names else ""))
    if row["inside"] and row["layer"] in CLASSIFIED and names:
        return f"{row['layer']}为{names}"
    if row["inside"]:
        return f"位于{row['layer']}内" + (f"（{names}）" if names and names != row["layer"] else "")
    if row.get("distance_m") is not None:
        return f"不在{row['layer']}内，距最近的{row['layer']}约 {row['distance_m']:.0f} 米"
    return f"不在{row['layer']}内"


def table_rows(result: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for row in result.get("layers", []):
        names = "、".join(dict.fromkeys(
            f.get("name") or "" if (f.get("name") or "").startswith(f.get("code") or "\0")
            else " ".join(x for x in (f.get("code"), f.get("name")) if x) for f in row.get("features", [])))
        rows.append([
            row["layer"], row["version"], "是" if row["inside"] else "否",
            None if row.get("overlap_ha") is None else round(row["overlap_ha"], 4),
            None if row.get("overlap_mu") is None else round(row["overlap_mu"], 2),
            None if row.get("share") is None else f"{row['share'] * 100:.1f}%",
            None if row.get("distance_m") is None else round(row["distance_m"]),  # as the text says it
            names[:120],
        ])
    return rows


def compose(question: str, result: dict[str, Any]) -> Answer:
    lines = [_place_words(result) + "。"]
    if not result.get("in_scope", True):
        lines += list(result.get("notes", []))
        position = position_table(result)
        return Answer(question, "location", "\n\n".join(lines), [], [position] if position else [],
                      location=result, notes=list(result.get("notes", [])))
    asked = find_layer(question)
    layers = result.get("layers", [])
    focus = [r for r in layers if asked and r["layer"] == asked[0]]
    if focus:
        after = [r for r in focus if r["version"] == "维护后"] or focus
        before = [r for r in focus if r["version"] == "维护前"]
        lines.append("**维护后**：" + _row_words(after[0]) + "。")
        if before and before[0]["inside"] != after[0]["inside"]:
            lines.append("维护前：" + _row_words(before[0]) + "。")
    # The three control lines decide what may be built: always say where the place stands.
    lines_after = [r for r in layers if r["version"] == "维护后" and r["layer"] in CONTROL_LINES and r not in focus]
    if lines_after:
        lines.append("三条控制线（维护后）：" + "；".join(_row_words(r) for r in lines_after) + "。")
    hits = [r for r in layers if r["version"] == "维护后" and r["inside"] and r not in focus
            and r["layer"] not in CONTROL_LINES]
    if hits:
        lines.append("其他管控内容（维护后）：" + "；".join(_row_words(r) for r in hits) + "。")
    for change in result.get("changes", []):
        lines.append(f"本次维护中，该位置涉及{change['layer']}**{change['change']}**。")
    notes = list(dict.fromkeys(result.get("notes", [])))
    if result.get("demo_data") and not any("演示数据" in n for n in notes):
        notes.append(DEMO_NOTE)
    lines += notes
    citations = [Citation(c["doc"], c["section"], c["quote"]) for c in result.get("citations", [])]
    tables = [{"title": "逐图层核查结果", "columns": TABLE_COLUMNS, "rows": table_rows(result), "sql": ""}]
    position = position_table(result)
    if position:
        tables.append(position)
    return Answer(question, "location", "\n\n".join(lines), citations, tables, location=result, notes=notes)


def position_table(result: dict[str, Any]) -> dict[str, Any] | None:
    """Where the check was made, as the text says it: the source of its coordinates."""
    loc = result.get("location") or {}
    if loc.get("lon") is None or loc.get("lat") is None:
        return None
    return {"title": "核查位置", "columns": POSITION_COLUMNS, "sql": "",
            "rows": [[round(loc["lon"], 6), round(loc["lat"], 6), "CGCS2000", loc.get("district") or ""]]}
