"""A check result read at a glance: one headline verdict, one row per layer (维护前 | 维护后 | 变化), details folded."""

from __future__ import annotations

import html
from typing import Any

from ..check.answer import CLASSIFIED, CONTROL_LINES, TABLE_COLUMNS, table_rows
from ..plan.vocabulary import find_layer
from . import chat_view

VERSIONS = ("维护前", "维护后")


def distance_words(metres: float | None) -> str:
    """“约 320 米” under 1 km, “约 3.2 公里” above; None when there is nothing near."""
    if metres is None:
        return ""
    if metres < 1000:
        return f"约 {metres:.0f} 米"
    return f"约 {metres / 1000:.1f} 公里"


def _rows(result: dict[str, Any], version: str) -> dict[str, dict[str, Any]]:
    return {r["layer"]: r for r in result.get("layers", []) if r.get("version") == version}


def _names(row: dict[str, Any]) -> str:
    return "、".join(dict.fromkeys(str(n) for n in row.get("zones") or
                                   [f.get("name") for f in row.get("features", [])] if n))


def _state(row: dict[str, Any] | None, public: bool) -> str:
    """One layer in one version, in a few words."""
    if row is None:
        return "—"
    if row.get("near"):  # public mode, a boundary within the band
        return "边界附近"
    if row["layer"] in CLASSIFIED:
        names = _names(row)
        return names if row.get("inside") and names else ("不在范围内" if not row.get("inside") else "在范围内")
    if public:
        return "在范围内" if row.get("inside") else f"不在（{row.get('band', '').replace('距边界 ', '')}）"
    if row.get("inside"):
        if row.get("overlap_ha") is not None:
            return f"占用 {row['overlap_ha']:.4f} 公顷（{row['overlap_mu']:.2f} 亩）"
        ids = [f.get("feature_id") for f in row.get("features", []) if f.get("feature_id")]
        return "在内" + (f"（{'、'.join(ids[:2])}）" if ids else "")
    far = distance_words(row.get("distance_m"))
    return f"不在（{far}）" if far else "不在"


def _change(layer: str, before: dict | None, after: dict | None, result: dict[str, Any]) -> str:
    """调出 / 调入 (with the area a red line covers), 分区变化, or 无变化."""
    areas = {c["change"]: c.get("overlap_m2") for c in result.get("changes", []) if c.get("layer") == layer}
    if (before or {}).get("near") or (after or {}).get("near"):
        return "—"  # public mode: a version near its boundary says nothing about which side it is on

    def told(kind: str) -> str:
        area = areas.get(kind)
        return f"{kind} {area / 10_000:.4f} 公顷" if area else kind

    if before is not None and after is not None:
        if layer in CLASSIFIED and (bool(before.get("inside")) != bool(after.get("inside"))
                                    or _names(before) != _names(after)):
            return "分区变化"
        if bool(before.get("inside")) != bool(after.get("inside")):
            return told("调入" if after.get("inside") else "调出")
    if areas:
        return "；".join(f"涉及{told(kind)}" for kind in areas)
    if layer in result.get("changed_layers", []):
        return "本次有调整"
    return "无变化"


def focus_layers(question: str | None) -> list[str]:
    asked = find_layer(question or "")
    return [asked[0]] if asked and asked[0] in CONTROL_LINES else list(CONTROL_LINES)


def headline(result: dict[str, Any], version: str, question: str | None = None, public: bool = False) -> str:
    """“维护后：不在永久基本农田内（最近约 3.2 公里）” for the layer asked about, or the three control lines."""
    if result.get("in_scope") is False:
        return f"{version}：不在本方案管控图层覆盖范围内"
    rows = _rows(result, version)
    layers = [name for name in focus_layers(question) if name in rows]
    if not layers:
        return f"{version}：无图层数据"
    near = [n for n in layers if rows[n].get("near")]
    if near:  # public mode: say nothing finer than the band about any line near this point
        return f"{version}：{rows[near[0]]['band']}"
    inside = [n for n in layers if rows[n].get("inside")]
    outside = [n for n in layers if not rows[n].get("inside")]

    def far(name: str) -> str:
        row = rows[name]
        if public:
            return row.get("band", "").replace("距边界 ", "距边界")
        words = distance_words(row.get("distance_m"))
        return f"最近{words}" if words else "附近没有"

    if len(layers) == 1:
        name = layers[0]
        if inside:
            row = rows[name]
            if not public and row.get("overlap_ha") is not None:
                return f"{version}：占用{name} {row['overlap_ha']:.4f} 公顷（{row['overlap_mu']:.2f} 亩）"
            return f"{version}：位于{name}内"
        return f"{version}：不在{name}内（{far(name)}）"
    if not inside:
        return f"{version}：不涉及三条控制线（" + "；".join(f"{n}{far(n)}" for n in outside) + "）"
    if public or rows[inside[0]].get("overlap_ha") is None:
        hit = "、".join(inside)
        return f"{version}：位于{hit}内" + (f"；不在{'、'.join(outside)}内" if outside else "")
    hit = "、".join(f"{n} {rows[n]['overlap_ha']:.4f} 公顷" for n in inside)
    return f"{version}：占用{hit}" + (f"；不涉及{'、'.join(outside)}" if outside else "")


def layer_table(result: dict[str, Any], public: bool = False) -> tuple[list[str], list[list[str]]]:
    """One row per layer: 图层 | 维护前 | 维护后 | 变化."""
    before, after = _rows(result, "维护前"), _rows(result, "维护后")
    order = list(dict.fromkeys([r["layer"] for r in result.get("layers", [])]))
    rows = [[name, _state(before.get(name), public), _state(after.get(name), public),
             _change(name, before.get(name), after.get(name), result)] for name in order]
    return ["图层", "维护前", "维护后", "变化"], rows


def _table_html(columns: list[str], rows: list[list[Any]], table_id: str = "") -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    ident = f' id="{table_id}"' if table_id else ""
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def result_markdown(result: dict[str, Any], version: str, question: str | None = None, public: bool = False,
                    where: str = "") -> str:
    """The result panel: headline, the per-layer table, then folded details (staff) and the rules."""
    line = headline(result, version, question, public)
    tone = "yq-out" if result.get("in_scope") is False else (
        "yq-hit" if "位于" in line or "占用" in line else "yq-ok")
    parts = [f'<div class="yq-headline {tone}" id="verdict">{html.escape(line)}</div>']
    if where:
        parts.append(f"<div>{html.escape(where)}</div>")
    if result.get("in_scope") is False:
        parts += [html.escape(n) for n in result.get("notes", [])]
        return "\n\n".join(parts)
    columns, rows = layer_table(result, public)
    parts.append(f"**逐图层核查结果**（当前查看：{version}）\n\n" + _table_html(columns, rows, "layer-table"))
    if not public:
        detail = chat_view.table_markdown(TABLE_COLUMNS, table_rows(result))
        parts.append(f"<details><summary>明细：重叠面积、占比、距离、涉及要素</summary>\n\n{detail}\n\n</details>")
    if result.get("citations"):
        parts.append("<details><summary>依据条文</summary>\n\n" + chat_view.citation_markdown(result["citations"])
                     + "\n\n</details>")
    notes = [n for n in result.get("notes", []) if n]
    if notes:
        parts.append("\n\n".join(f"> {html.escape(n)}" for n in dict.fromkeys(notes)))
    parts.append(f"<sub>{chat_view.DISCLAIMER}</sub>")
    return "\n\n".join(parts)


def feature_label(feature: dict[str, Any]) -> str:
    """“0103 旱地”: the code, then the name unless the name already starts with it."""
    code, name = str(feature.get("code") or ""), str(feature.get("name") or "")
    return name if code and name.startswith(code) else " ".join(x for x in (code, name) if x) or "—"


def popup_html(result: dict[str, Any], version: str, features: list[dict[str, Any]] | None = None,
               public: bool = False, question: str | None = None) -> str:
    """The map popup at a checked point: the verdict, then (staff) the 图斑 under it with their attributes."""
    parts = [f"<b>{html.escape(headline(result, version, question, public))}</b>"]
    if public:
        rows = _rows(result, version)
        for name in CLASSIFIED:
            if name in rows and rows[name].get("inside") and _names(rows[name]):
                parts.append(f"{html.escape(name)}：{html.escape(_names(rows[name]))}")
    if features:
        # 公顷 and 亩 in columns of their own (numbers never wrap); on a phone each 图斑 becomes a short
        # card of labelled values (yqmap.css), so the area is never cut off (issue 12).
        head = ('<tr><th>图层</th><th>编号</th><th>名称/地类</th><th class="yq-num">面积(公顷)</th>'
                '<th class="yq-num">面积(亩)</th></tr>')
        body = "".join(
            '<tr><td class="yq-text" data-label="图层">{}</td><td data-label="编号">{}</td>'
            '<td class="yq-text" data-label="名称/地类">{}</td><td class="yq-num" data-label="公顷">{}</td>'
            '<td class="yq-num" data-label="亩">{}</td></tr>'.format(
                html.escape(f["layer"]), html.escape(str(f["feature_id"])),
                html.escape(feature_label(f)),
                "—" if f.get("area_ha") is None else f"{f['area_ha']:.4f}",
                "—" if f.get("area_mu") is None else f"{f['area_mu']:.2f}")
            for f in features)
        parts.append(f'<div>{html.escape(version)}图斑：</div>'
                     f'<table class="yq-patches"><thead>{head}</thead><tbody>{body}</tbody></table>')
    elif not public and features is not None:
        parts.append(f"该点{html.escape(version)}不在任何图斑内")
    if result.get("demo_data"):
        parts.append('<span style="color:#b26a00">演示数据</span>')
    return "<br>".join(parts)
