"""Spatial statistics and key-project lists told in words, with the SQL that produced every number."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..answer_types import DEMO_NOTE, Answer, Citation
from ..errors import QueryError
from ..layers import stats
from ..layers.sql import SqlRunner
from ..plan.corpus import Section
from ..plan.rules import citations_for
from ..plan.vocabulary import CITY_DISTRICTS, PROJECT_STATUSES
from .spatial_query import SpatialRequest

METHODS = ("精准上图", "示意上图", "增补清单")
PROJECT_AREAS = ("中心城区", "城区", "矿区", "郊区", "平定县", "盂县", "市辖区")
SHOWN_ROWS = 20


def _num(value: float | None) -> str:
    """SQL already rounded the value; print it without a float's trailing ".0"."""
    return "0" if value is None else f"{value:f}".rstrip("0").rstrip(".")


NOT_LAYERS = ("地名", "地块", "重点建设项目")


def _demo_notes(runner: SqlRunner, what: str = "图层", layer: str | None = None) -> list[str]:
    """The 演示数据 note when the layer asked about (or, without one, any layer) is generated demo data."""
    # 地名 (approximate positions), 地块 and 项目 tables are not layers: they mark the answers that use them.
    # A table with no status row of its own is judged by the layers: unknown is marked, never hidden.
    status = runner.run("check_layer_status").records()
    if layer is not None and not any(r.get("layer") == layer for r in status):
        layer = None
    demo = any(r.get("demo") for r in status
               if r.get("layer") == layer or (layer is None and r.get("layer") not in NOT_LAYERS))
    return [DEMO_NOTE.replace("图层", what)] if demo else []


# "有几个图斑", "图层里": the layers themselves are asked, which only they answer.
_ASKS_LAYERS = re.compile(r"图斑|图层|矢量|要素|数据库")


def _plan_silent(answer: Answer, what: str, refuse: bool = False) -> Answer:
    """An answer from generated demo layers says first that the plan states no such figure or list: the
    numbers below show how the query works and answer nothing about Yangquan until real layers are imported.

    `refuse`: the question asks a figure of the whole layer ("生态控制区面积多大"), a figure the plan would
    state if it gave one; on demo layers that is a refusal (the demo query shown only as an illustration).
    A question that asks the layers themselves (a district, 中心城区, the 图斑, the 图层) keeps its SQL answer.
    """
    if not answer.notes:  # imported layers: the figures are the bureau's own data, an answer in full
        return answer
    answer.refused = refuse
    answer.answer = (f"方案原文未给出{what}。当前图层为演示数据（按方案数字生成），以下结果只演示按图层查询的方式，"
                     f"不代表规划成果；导入正式图层后即为实际数据。\n\n{answer.answer}")
    return answer


def _plan_totals(runner: SqlRunner, layer: str, phases: Sequence[str]) -> tuple[list[str], list[Citation]]:
    """"郊区的永久基本农田多少万亩": the plan states the line for 市辖区 as a whole, never by district; that
    figure is said beside the district's layer statistic, with its quote."""
    lines: list[str] = []
    cites: list[Citation] = []
    for phase in phases:
        try:
            rows = runner.run("figure_lookup", indicator=layer, phase=phase, version="", scope="").records()
        except QueryError:  # a layers-only database (no plan_figures table) has no plan figure to add
            return [], []
        for r in rows:
            lines.append(f"方案只给出{r['scope'] or ''}合计：{r['scope'] or ''}{layer}{phase} {r['value_text']} {r['unit']}"
                         f"（不分县区）。")
            cites.append(Citation(r["doc"], r["section"], r["quote"]))
    return lines, cites


def _class_label(code: str | None, name: str | None) -> str:
    """'0701 城镇住宅用地' once, whether or not the stored name already starts with its code."""
    name = name or ""
    return name if not code or name.startswith(code) else f"{code} {name}".strip()


def _where(area: str) -> str:
    return area or "图层全部范围"


def _phase_words(phase: str, what: str) -> str:
    return f"本次{phase}{what}的图斑" if phase in ("调出", "调入") else f"{phase}的{what}"


def _feature_list(phase: str, records: list[dict]) -> str:
    """The 图斑 of one phase by 编号 with their areas; the count is said by the summary line before it."""
    mine = [r for r in records if r["phase"] == phase]
    shown = "、".join(f"{r['feature_id']}（{_num(r['area_ha'])} 公顷）" for r in mine[:SHOWN_ROWS])
    more = "等，完整清单见下表" if len(mine) > SHOWN_ROWS else ""
    return f"{phase}图斑编号及面积：{shown}{more}。" if mine else ""


def answer_spatial(question: str, runner: SqlRunner, sections: Sequence[Section], request: SpatialRequest) -> Answer:
    """Counts, areas and 图斑 lists of a layer (one class, version or change, area) from named SQL."""
    if request.show == "projects":
        return answer_projects(question, runner, sections, request.areas[0])
    if request.show == "composition":
        return answer_stats(question, runner, sections, request.layer, request.phases[0], "中心城区")
    term = request.term
    what = f"{request.layer}中的{term.term}" if term else request.layer
    selection = {"class_code": term.code if term else "", "class_name": term.name if term else ""}
    notes = _demo_notes(runner, layer=request.layer)
    cites = citations_for([term.term, request.layer] if term else [request.layer], sections)
    lines: list[str] = []
    tables: list[dict] = []
    if request.show == "by_county":
        result = stats.layer_by_county(runner, request.layer, request.phases, **selection)
        if request.towns_asked:
            lines.append("图层数据中没有乡镇（街道）界线，无法按乡镇统计，以下按县区统计。")
        for phase in request.phases:
            rows = [r for r in result.records() if r["phase"] == phase]
            parts = "；".join(f"{r['county']} {r['features']} 个、{_num(r['area_ha'])} 公顷（{_num(r['area_mu'])} 亩）"
                             for r in rows)
            lines.append(f"{_phase_words(phase, what)}按县区分布：{parts or '没有图斑'}。")
        tables.append(result.table(f"{what}按县区统计（{'、'.join(request.phases)}）"))
    else:
        uncovered: list[str] = []
        for area in request.areas[:3]:
            result = stats.layer_summary(runner, request.layer, request.phases, area, **selection)
            records = result.records()
            if area and area not in CITY_DISTRICTS and area != "市辖区" and not records[0]["layer_has_data"]:
                uncovered.append(area)
            listed = stats.layer_feature_list(runner, request.layer, request.phases, area, **selection) \
                if request.show == "features" else None
            for r in records:
                lines.append(f"{_where(area)}内{_phase_words(r['phase'], what)}面积为 {_num(r['area_ha'])} 公顷"
                             f"（{_num(r['area_mu'])} 亩），涉及 {r['features']} 个图斑。")
                if listed is not None and r["features"]:
                    lines.append(_feature_list(r["phase"], listed.records()))
            tables.append(result.table(f"{_where(area)}{what}面积（{'、'.join(request.phases)}）"))
            if listed is not None:
                tables.append(listed.table(f"{_where(area)}{what}图斑清单（{'、'.join(request.phases)}）"))
        if uncovered and len(uncovered) == len(request.areas[:3]):
            places = "、".join(uncovered)
            text = (f"本方案未给出{places}的{what}数字，当前{request.layer}图层数据也不含{places}范围"
                    f"（下表查询结果为 0 个图斑），无法统计。{request.layer}等图层的维护内容只覆盖市辖区"
                    f"（城区、矿区、郊区）。")
            return Answer(question, "stats", text, [], tables, refused=True, notes=notes)
    if request.show != "by_county" and any(area in CITY_DISTRICTS for area in request.areas[:3]):
        stated, quoted = _plan_totals(runner, request.layer, request.phases)
        lines += stated
        cites = [*quoted, *(c for c in cites if c not in quoted)]
    lines.append("面积为图层数据在国家大地坐标系高斯平面投影下的计算值，查询 SQL 见下表。")
    whole_layer = request.show == "summary" and not any(request.areas[:3]) and not _ASKS_LAYERS.search(question)
    return _plan_silent(Answer(question, "stats", "\n\n".join([*lines, *notes]), cites, tables, notes=notes),
                        f"{what}的这一统计数字", refuse=whole_layer)


def with_line_passage(stats: Answer, said: Answer, term: str, line: str) -> Answer:
    """The plan's passage on the line a class is read as (`said`, 城市绿线 for 公园绿地) first, with the reading in
    a note, then the layer's statistics (`stats`), still marked as demo data, with their SQL."""
    text = (f"方案原文没有单独给出“{term}”的数字；与之相关的是方案维护的{line}。\n\n{said.answer}"
            f"\n\n**图层统计：{term}**\n\n{stats.answer}")
    note = f"问题中的“{term}”，方案维护的相关控制线按方案用语理解为“{line}”。"
    citations = [*said.citations, *(c for c in stats.citations if c not in said.citations)]
    return Answer(stats.question, stats.intent, text, citations, stats.tables, notes=[note, *stats.notes])


def answer_stats(question: str, runner: SqlRunner, sections: Sequence[Section], layer: str, version: str,
                 area: str) -> Answer:
    notes = _demo_notes(runner, layer=layer)
    if layer == "中心城区用地":
        result = stats.land_use_composition(runner, version)
        rows = sorted(result.records(), key=lambda r: -(r["area_ha"] or 0))
        top = "；".join(f"{_class_label(r['code'], r['name'])} {_num(r['area_ha'])} 公顷（{r['share'] * 100:.1f}%）"
                       for r in rows[:5])
        text = f"中心城区用地（{version}）共 {len(rows)} 类，面积较大的有：{top}。"
        return _plan_silent(Answer(question, "stats", "\n\n".join([text, *notes]), citations_for([layer], sections),
                                   [result.table(f"中心城区用地构成（{version}）")], notes=notes), "中心城区用地的构成数字")
    result = stats.layer_area(runner, layer, version, area)
    row = result.records()[0]
    where = "中心城区范围" if area == "中心城区" else area
    text = (f"{where}内{version}的{layer}面积为 {_num(row['area_ha'])} 公顷（{_num(row['area_mu'])} 亩），"
            f"涉及 {row['features']} 个图斑（按图层数据在 CGCS2000 高斯投影 38 带中计算）。")
    return _plan_silent(Answer(question, "stats", "\n\n".join([text, *notes]), citations_for([layer], sections),
                               [result.table(f"{where}{layer}面积（{version}）")], notes=notes), f"{where}内{layer}的面积")


def answer_projects(question: str, runner: SqlRunner, sections: Sequence[Section], area: str = "") -> Answer:
    status = next((s for s in PROJECT_STATUSES if s in question), "")
    method = next((m for m in METHODS if m in question), "")
    area = area or next((a for a in PROJECT_AREAS if a in question), "")
    # A category the list itself holds (交通, 水利 …), as the data names it.
    category = next((c for (c,) in runner.run("project_categories").rows if c in question), "")
    if area:
        result = stats.projects_in_area(runner, area)
        records = [r for r in result.records()
                   if (not status or r["status"] == status) and (not method or r["mapping_method"] == method)
                   and (not category or r["category"] == category)]
    else:
        result = runner.run("projects_list", status=status, method=method, category=category)
        records = result.records()
    kind = f"{category}类" if category else (status and "类")
    label = "".join(x for x in (area, status and f"“{status}”", kind, method and f"“{method}”") if x)
    names = "、".join(r["name"] for r in records[:SHOWN_ROWS])
    more = f"等（共 {len(records)} 项，完整清单见下表）" if len(records) > SHOWN_ROWS else ""
    text = (f"{label or '全部'}重点建设项目共 {len(records)} 项：{names}{more}。" if records
            else f"项目清单中没有{label}重点建设项目。")
    notes = _demo_notes(runner, "项目清单", layer="重点建设项目")
    table = result.table(f"{label}重点建设项目清单")
    table["rows"] = [list(r.values()) for r in records]
    return _plan_silent(Answer(question, "projects", "\n\n".join([text, *notes]), citations_for(["重点建设项目"], sections),
                               [table], notes=notes), f"{label or ''}重点建设项目的名单", refuse=not area)
