"""Spatial statistics and key-project lists told in words, with the SQL that produced every number."""

from __future__ import annotations

from collections.abc import Sequence

from ..answer_types import DEMO_NOTE, Answer
from ..layers import stats
from ..layers.sql import SqlRunner
from ..plan.corpus import Section
from ..plan.rules import citations_for
from ..plan.vocabulary import PROJECT_STATUSES

METHODS = ("精准上图", "示意上图", "增补清单")
PROJECT_AREAS = ("中心城区", "城区", "矿区", "郊区", "平定县", "盂县", "市辖区")
SHOWN_ROWS = 20


def _num(value: float | None) -> str:
    """SQL already rounded the value; print it without a float's trailing ".0"."""
    return "0" if value is None else f"{value:f}".rstrip("0").rstrip(".")


def _demo_notes(runner: SqlRunner, what: str = "图层") -> list[str]:
    demo = any(r.get("demo") for r in runner.run("check_layer_status").records())
    return [DEMO_NOTE.replace("图层", what)] if demo else []


def answer_stats(question: str, runner: SqlRunner, sections: Sequence[Section], layer: str, version: str,
                 area: str) -> Answer:
    notes = _demo_notes(runner)
    if layer == "中心城区用地":
        result = stats.land_use_composition(runner, version)
        rows = sorted(result.records(), key=lambda r: -(r["area_ha"] or 0))
        top = "；".join(f"{r['code']} {r['name']} {_num(r['area_ha'])} 公顷（{r['share'] * 100:.1f}%）" for r in rows[:5])
        text = f"中心城区用地（{version}）共 {len(rows)} 类，面积较大的有：{top}。"
        return Answer(question, "stats", "\n\n".join([text, *notes]), citations_for([layer], sections),
                      [result.table(f"中心城区用地构成（{version}）")], notes=notes)
    result = stats.layer_area(runner, layer, version, area)
    row = result.records()[0]
    where = "中心城区范围" if area == "中心城区" else area
    text = (f"{where}内{version}的{layer}面积为 {_num(row['area_ha'])} 公顷（{_num(row['area_mu'])} 亩），"
            f"涉及 {row['features']} 个图斑（按图层数据在 CGCS2000 高斯投影 38 带中计算）。")
    return Answer(question, "stats", "\n\n".join([text, *notes]), citations_for([layer], sections),
                  [result.table(f"{where}{layer}面积（{version}）")], notes=notes)


def answer_projects(question: str, runner: SqlRunner, sections: Sequence[Section]) -> Answer:
    status = next((s for s in PROJECT_STATUSES if s in question), "")
    method = next((m for m in METHODS if m in question), "")
    area = next((a for a in PROJECT_AREAS if a in question), "")
    if area:
        result = stats.projects_in_area(runner, area)
        records = [r for r in result.records()
                   if (not status or r["status"] == status) and (not method or r["mapping_method"] == method)]
    else:
        result = runner.run("projects_list", status=status, method=method)
        records = result.records()
    label = "".join(x for x in (area, status and f"“{status}”类", method and f"“{method}”") if x)
    names = "、".join(r["name"] for r in records[:SHOWN_ROWS])
    more = f"等（共 {len(records)} 项，完整清单见下表）" if len(records) > SHOWN_ROWS else ""
    text = (f"{label or '全部'}重点建设项目共 {len(records)} 项：{names}{more}。" if records
            else f"项目清单中没有{label}重点建设项目。")
    notes = _demo_notes(runner, "项目清单")
    table = result.table(f"{label}重点建设项目清单")
    table["rows"] = [list(r.values()) for r in records]
    return Answer(question, "projects", "\n\n".join([text, *notes]), citations_for(["重点建设项目"], sections),
                  [table], notes=notes)
