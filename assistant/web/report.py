"""选址合规性分析报告: PDF (reportlab, CJK font) and DOCX (python-docx) from a location-check result."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..check.result import APPROXIMATE_NOTE, area_fields
from ..maps import fonts

TITLE = "选址合规性分析报告"
DISCLAIMER = ("本报告由阳泉市国土空间总体规划智能助手依据图层数据自动生成，仅供参考；"
              "管控边界与结论以法定图件为准。")


@dataclass
class ReportInput:
    """Everything a report shows; built by the UI from a check result."""

    result: dict[str, Any]
    input_summary: list[tuple[str, str]]            # (label, value) rows: 输入方式, 文件, 坐标系, 面积 …
    map_png: bytes | None = None
    layer_status: list[dict[str, Any]] = field(default_factory=list)
    version: str = "维护后"
    generated_at: datetime = field(default_factory=datetime.now)


def _num(value: float | None, spec: str, suffix: str = "") -> str:
    return "—" if value is None else f"{value:{spec}}{suffix}"


def layer_rows(result: dict[str, Any]) -> list[list[str]]:
    """Per-layer overlap rows in 公顷/亩, as strings for both report formats."""
    rows = []
    for r in result.get("layers", []):
        share = r.get("share")
        rows.append([
            r.get("layer", ""), r.get("version", ""), "是" if r.get("inside") else "否",
            _num(r.get("overlap_ha"), ".4f"), _num(r.get("overlap_mu"), ".2f"),
            _num(None if share is None else share * 100, ".1f", "%"),
            _num(r.get("distance_m"), ".1f"),
        ])
    return rows


LAYER_HEADER = ["图层", "版本", "是否占用", "重叠(公顷)", "重叠(亩)", "占红线比例", "最近距离(米)"]
CHANGE_HEADER = ["图层", "调整", "涉及面积(公顷)", "涉及面积(亩)"]


def change_rows(result: dict[str, Any]) -> list[list[str]]:
    rows = []
    for c in result.get("changes", []):
        area = area_fields(c.get("overlap_m2"))
        rows.append([c.get("layer", ""), c.get("change", ""),
                     _num(area["overlap_ha"], ".4f"), _num(area["overlap_mu"], ".2f")])
    return rows


PARCEL_HEADER = ["序号", "地块编号", "地块名称", "地块用途", "地类编码", "面积(公顷)", "面积(亩)"]


def parcel_rows(result: dict[str, Any]) -> list[list[str]]:
    """One row per 地块 of a red-line file, with the attributes the file gave."""
    return [[str(i), p.get("number") or "—", p.get("name") or "—", p.get("use") or "—", p.get("land_code") or "—",
             _num(p.get("area_ha"), ".4f"), _num(p.get("area_mu"), ".2f")]
            for i, p in enumerate((result.get("redline") or {}).get("parcels", []), 1)]


def status_rows(layer_status: list[dict[str, Any]]) -> list[list[str]]:
    return [[s["layer"], "演示数据" if s.get("demo") else f"导入数据（{s.get('source', '')}）",
             str(s.get("feature_count", ""))] for s in layer_status]


CONTROL_LINES = ("永久基本农田", "生态保护红线", "城镇开发边界")
VERDICT_HEADER = ["管控线", "结论", "重叠面积(公顷)", "重叠面积(亩)", "涉及图斑"]
PATCH_HEADER = ["图层", "图斑编号", "名称/地类", "重叠面积(公顷)", "重叠面积(亩)"]


def line_verdict(row: dict[str, Any] | None) -> str:
    """不涉及 / 涉及，需按条文审查 (a point inside) / 占用 X 公顷 (a red line overlapping)."""
    if row is None:
        return "无图层数据"
    if not row.get("inside"):
        return "不涉及"
    if row.get("overlap_ha") is not None:
        return f"占用 {row['overlap_ha']:.4f} 公顷，需按条文审查"
    return "涉及，需按条文审查"


def verdict_rows(result: dict[str, Any], version: str) -> list[list[str]]:
    """One row per control line for the chosen version."""
    rows = {r["layer"]: r for r in result.get("layers", []) if r.get("version") == version}
    out = []
    for name in CONTROL_LINES:
        row = rows.get(name)
        ids = "、".join(f.get("feature_id", "") for f in (row or {}).get("features", [])[:8]) or "—"
        out.append([name, line_verdict(row), _num((row or {}).get("overlap_ha"), ".4f"),
                    _num((row or {}).get("overlap_mu"), ".2f"), ids])
    return out


def patch_rows(result: dict[str, Any], version: str) -> list[list[str]]:
    """Per 图斑 of every layer hit in `version`: 编号, 名称/地类 and that 图斑's own overlap (公顷/亩).

    A point has no overlap area: its rows say 点位 instead of a number.
    """
    out = []
    for row in result.get("layers", []):
        if row.get("version") != version or not row.get("inside"):
            continue
        for f in row.get("features", []):
            label = " ".join(str(x) for x in (f.get("code"), f.get("name")) if x) or "—"
            if f.get("overlap_ha") is None:
                out.append([row["layer"], f.get("feature_id", "—"), label, "点位", "点位"])
            else:
                out.append([row["layer"], f.get("feature_id", "—"), label,
                            _num(f["overlap_ha"], ".4f"), _num(f.get("overlap_mu"), ".2f")])
    return out


def conclusion(result: dict[str, Any], version: str = "维护后") -> str:
    """The verdict per control line; a red line read without datum parameters is marked approximate up front."""
    prefix = f"【{APPROXIMATE_NOTE}】" if (result.get("redline") or {}).get("approximate") else ""
    if result.get("in_scope") is False:
        return prefix + "核查对象不在阳泉市规划范围内。"
    verdicts = verdict_rows(result, version)
    if all(verdict == "不涉及" for _, verdict, *_ in verdicts):
        return prefix + f"{version}，核查对象不涉及永久基本农田、生态保护红线和城镇开发边界。"
    words = "；".join(f"{name}：{verdict}" for name, verdict, *_ in verdicts)
    return prefix + f"{version}：{words}。"


MAP_WIDTH_MM = 140  # with the title, conclusion and verdict table, the map still fits on page 1 of A4


def subject(data: ReportInput) -> str:
    """What was checked, in one phrase: the file name, the place or the coordinates."""
    rows = dict(data.input_summary)
    return rows.get("文件") or rows.get("位置") or rows.get("输入") or rows.get("问题") or data.result.get("query") or "—"


def build_pdf(data: ReportInput) -> bytes:
    """The report as PDF bytes."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = fonts.reportlab_font()
    base = ParagraphStyle("base", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
    h1 = ParagraphStyle("h1", parent=base, fontSize=18, leading=26, alignment=1, spaceAfter=6)
    h2 = ParagraphStyle("h2", parent=base, fontSize=13, leading=20, spaceBefore=10, spaceAfter=4)
    quote = ParagraphStyle("quote", parent=base, leftIndent=12, textColor=colors.HexColor("#333333"),
                           backColor=colors.HexColor("#f3f3f3"), borderPadding=4, spaceAfter=6)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=12)

    def table(header, rows, widths=None):
        cells = [[Paragraph(str(v), small) for v in row] for row in [header, *rows]]
        t = Table(cells, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        return t

    res = data.result
    # Page 1 is what a reviewer reads first: the verdict per control line and the map (issue 12).
    story = [Paragraph(TITLE, h1),
             Paragraph(f"分析时间：{data.generated_at:%Y-%m-%d %H:%M:%S}　核查对象：{subject(data)}", base),
             Paragraph(f"结论：{conclusion(res, data.version)}", base),
             Paragraph(f"合规性分析（{data.version}）", h2),
             table(VERDICT_HEADER, verdict_rows(res, data.version), [30 * mm, 45 * mm, 25 * mm, 22 * mm, 48 * mm])]
    if data.map_png:
        story += [Paragraph(f"位置示意图（{data.version}）", h2),
                  Image(io.BytesIO(data.map_png), width=MAP_WIDTH_MM * mm, height=MAP_WIDTH_MM * mm * 760 / 900)]
    story += [PageBreak(),
              Paragraph(f"一、涉及图斑（{data.version}）", h2),
              table(PATCH_HEADER, patch_rows(res, data.version)) if patch_rows(res, data.version)
              else Paragraph("核查对象未落入任何图斑。", base),
              Paragraph("二、输入概况", h2),
              table(["项目", "内容"], [list(r) for r in data.input_summary], [35 * mm, 135 * mm])]
    if parcel_rows(res):
        story += [Paragraph("红线地块", h2), table(PARCEL_HEADER, parcel_rows(res))]
    story += [Paragraph("三、与各管控图层的关系", h2),
              table(LAYER_HEADER, layer_rows(res)) if res.get("layers") else Paragraph("无", base),
              Paragraph("四、本次维护涉及的调整", h2),
              table(CHANGE_HEADER, change_rows(res)) if res.get("changes") else
              Paragraph("核查对象不涉及本次维护的调入、调出。", base),
              Paragraph("五、相关规划条文（原文摘录）", h2)]
    for c in res.get("citations", []):
        story += [Paragraph(f"《{c['doc']}》 {c['section']}", base), Paragraph(c["quote"], quote)]
    if not res.get("citations"):
        story.append(Paragraph("无", base))
    story += [Paragraph("六、数据状态", h2),
              table(["图层", "数据来源", "要素数"], status_rows(data.layer_status)) if data.layer_status
              else Paragraph("未知", base)]
    for note in res.get("notes", []):
        story.append(Paragraph(note, small))
    story += [Spacer(1, 8), Paragraph(f"声明：{DISCLAIMER}", base)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, title=TITLE, leftMargin=20 * mm, rightMargin=20 * mm,
                      topMargin=18 * mm, bottomMargin=18 * mm).build(story)
    return buf.getvalue()


def build_docx(data: ReportInput) -> bytes:
    """The same report as DOCX bytes."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Microsoft YaHei"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "微软雅黑")  # CJK text uses the eastAsia font slot
    res = data.result
    doc.add_heading(TITLE, level=0)
    doc.add_paragraph(f"分析时间：{data.generated_at:%Y-%m-%d %H:%M:%S}　核查对象：{subject(data)}")
    doc.add_paragraph(f"结论：{conclusion(res, data.version)}")

    def table(header, rows):
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = text
        for row in rows:
            for cell, text in zip(t.add_row().cells, row, strict=True):
                cell.text = str(text)

    doc.add_heading(f"合规性分析（{data.version}）", level=1)
    table(VERDICT_HEADER, verdict_rows(res, data.version))
    if data.map_png:
        doc.add_heading(f"位置示意图（{data.version}）", level=1)
        doc.add_picture(io.BytesIO(data.map_png), width=Cm(MAP_WIDTH_MM / 10))
    doc.add_page_break()
    doc.add_heading(f"一、涉及图斑（{data.version}）", level=1)
    if patch_rows(res, data.version):
        table(PATCH_HEADER, patch_rows(res, data.version))
    else:
        doc.add_paragraph("核查对象未落入任何图斑。")
    doc.add_heading("二、输入概况", level=1)
    table(["项目", "内容"], data.input_summary)
    if parcel_rows(res):
        doc.add_heading("红线地块", level=2)
        table(PARCEL_HEADER, parcel_rows(res))
    doc.add_heading("三、与各管控图层的关系", level=1)
    table(LAYER_HEADER, layer_rows(res))
    doc.add_heading("四、本次维护涉及的调整", level=1)
    if res.get("changes"):
        table(CHANGE_HEADER, change_rows(res))
    else:
        doc.add_paragraph("核查对象不涉及本次维护的调入、调出。")
    doc.add_heading("五、相关规划条文（原文摘录）", level=1)
    for c in res.get("citations", []):
        doc.add_paragraph(f"《{c['doc']}》 {c['section']}")
        doc.add_paragraph(c["quote"], style="Intense Quote")
    doc.add_heading("六、数据状态", level=1)
    table(["图层", "数据来源", "要素数"], status_rows(data.layer_status))
    for note in res.get("notes", []):
        doc.add_paragraph(note)
    doc.add_paragraph(f"声明：{DISCLAIMER}")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
