"""The audit's checks: each runs named audit_*.sql statements and turns their rows into Check rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..errors import QueryError
from .sql import SqlRunner

PASS, FAIL, INFO = "通过", "未通过", "提示"
VERSIONS = ("维护前", "维护后")
CONTROL_LINES = ("永久基本农田", "生态保护红线", "城镇开发边界")
# Plan units in m². 1 公顷 = 15 亩, so 1 万亩 = 10000/15 公顷.
UNIT_M2 = {"万亩": 1e8 / 15, "亩": 1e4 / 15, "公顷": 1e4, "平方千米": 1e6, "平方米": 1.0}
# plan_figures indicator -> layer in `features`
FIGURE_LAYERS = {"永久基本农田": "永久基本农田", "生态保护红线": "生态保护红线", "城镇开发边界": "城镇开发边界",
                 "历史文化保护线": "历史文化保护线", "洪涝风险控制线": "洪涝风险控制线", "城市绿线": "城市绿线",
                 "城市紫线": "城市紫线", "中心城区面积": "中心城区范围"}
# 1 m²: a survey-grade overlap/sliver threshold; anything larger is a real drawing conflict.
AREA_TOLERANCE_M2 = 1.0
# Zoning must tile 市辖区. Union of thousands of patches in lon/lat leaves slivers of ~1e-9° (0.1 mm)
# along every shared edge, so allow 1 m² plus 1 ppm of the region (≈ 650 m² for 650 km²).
COVERAGE_RELATIVE = 1e-6
ZONE_NAMES = {"生态保护区": ["生态保护区"], "农田保护区": ["农田保护区"],
              "城镇发展区": ["城镇发展区", "城镇集中建设区", "城镇弹性发展区", "特别用途区"]}
MAPPING_GEOMETRY = {"精准上图": {"POLYGON", "MULTIPOLYGON"}, "示意上图": {"POINT", "MULTIPOINT"},
                    "增补清单": {"NONE"}}


@dataclass
class Check:
    id: str
    title: str
    status: str
    value: Any = None
    expected: Any = None
    diff: float | None = None
    diff_pct: float | None = None
    detail: str = ""
    unit: str = ""
    items: list[dict[str, Any]] = field(default_factory=list)
    source: str = ""  # the plan sentence the expected value comes from

    def to_json(self) -> dict[str, Any]:
        out = {"id": self.id, "title": self.title, "status": self.status, "value": self.value,
               "expected": self.expected, "diff": self.diff, "diff_pct": self.diff_pct, "detail": self.detail}
        if self.unit:
            out["unit"] = self.unit
        if self.items:
            out["items"] = self.items
        if self.source:
            out["source"] = self.source
        return out


def _area_check(cid: str, title: str, value_m2: float, detail: str = "", items=None,
                tolerance: float = AREA_TOLERANCE_M2) -> Check:
    ok = value_m2 < tolerance
    return Check(cid, title, PASS if ok else FAIL, round(value_m2, 3), f"< {tolerance:g}", round(value_m2, 3),
                 None, detail or f"容差 {tolerance:g} 平方米", "平方米", items or [])


def decimals_of(value_text: str) -> int:
    return len(value_text.split(".")[1]) if "." in value_text else 0


def rounds_to(measured: float, value_text: str) -> bool:
    """Does the measured value, rounded half-up at the plan's precision, equal the plan's figure?"""
    quantum = Decimal(1).scaleb(-decimals_of(value_text))
    return Decimal(repr(measured)).quantize(quantum, rounding=ROUND_HALF_UP) == Decimal(value_text)


def figure_check(cid: str, title: str, plan: dict, measured_m2: float) -> Check:
    """Plan figure vs layer total in the plan's unit: within 0.01 %, or equal at the plan's precision."""
    unit = plan["unit"]
    measured = measured_m2 / UNIT_M2[unit]
    diff = measured - plan["value"]
    pct = diff / plan["value"] * 100 if plan["value"] else None
    if pct is not None and abs(pct) <= 0.01:
        status, rule = PASS, "相差不超过 0.01%"
    elif rounds_to(measured, plan["value_text"]):
        status, rule = PASS, f"按方案精度（{decimals_of(plan['value_text'])} 位小数）四舍五入后相等"
    else:
        status, rule = FAIL, "相差超过 0.01%，且按方案精度四舍五入后也不相等"
    return Check(cid, title, status, round(measured, 6), plan["value_text"], round(diff, 6),
                 None if pct is None else round(pct, 4), rule, unit, source=plan.get("quote") or "")


def figure_checks(runner: SqlRunner) -> list[Check]:
    try:
        figures = runner.run("audit_plan_figures").records()
    except QueryError as exc:
        return [Check("figures", "规划数字与图层面积", FAIL, detail=(
            "数据库中没有规划数字表 plan_figures（或无法读取），无法核对面积。请先运行 `yqplan build` 重建数据库。"
            f"（{exc}）"))]
    totals = {(r["layer"], r["phase"]): r["area_m2"] for r in runner.run("audit_layer_totals").records()}
    checks = []
    stated = {(f["indicator"], f["phase"]) for f in figures}
    for f in figures:
        layer = FIGURE_LAYERS.get(f["indicator"])
        if layer is None or f["unit"] not in UNIT_M2 or f["phase"] not in (*VERSIONS, "调出", "调入", "现状"):
            continue
        phases = [f["phase"]]
        # Unchanged layers (生态保护红线, 洪涝风险控制线, 中心城区范围) state one figure that must hold after, too.
        if f["phase"] in ("维护前", "现状") and (f["indicator"], "维护后") not in stated:
            phases = list(VERSIONS)
        for phase in phases:
            cid = f"figure:{layer}:{phase}"
            title = f"{layer}（{phase}）面积 vs 方案"
            if (layer, phase) not in totals:
                checks.append(Check(cid, title, FAIL, None, f["value_text"], unit=f["unit"],
                                    detail=f"图层中没有“{layer}”的{phase}要素，请导入该图层（yqplan import）。"))
                continue
            checks.append(figure_check(cid, title, f, totals[(layer, phase)]))
    if not checks:
        checks.append(Check("figures", "规划数字与图层面积", FAIL,
                            detail="plan_figures 中没有可核对的面积数字，请运行 `yqplan build` 重新提取。"))
    return checks


def overlap_checks(runner: SqlRunner) -> list[Check]:
    checks = []
    pairs = [(a, b) for i, a in enumerate(CONTROL_LINES) for b in CONTROL_LINES[i + 1:]]
    for version in VERSIONS:
        for a, b in pairs:
            result = runner.run("audit_line_overlaps", version=version, layer_a=a, layer_b=b, min_area_m2=0.01)
            rows = result.records()
            total = sum(r["overlap_m2"] for r in rows)
            items = [{"id_a": r["id_a"], "id_b": r["id_b"], "area_m2": round(r["overlap_m2"], 3)} for r in rows[:50]]
            detail = f"{len(rows)} 对要素重叠" + ("（结果被截断）" if result.truncated else "") if rows else "无重叠"
            checks.append(_area_check(f"overlap:{a}:{b}:{version}", f"三线冲突 {a}×{b}（{version}）", total,
                                      detail, items))
    return checks


def outside_checks(runner: SqlRunner) -> list[Check]:
    checks = []
    for boundary, layers in (("市辖区", [*CONTROL_LINES, "规划分区", "中心城区用地"]),
                             ("中心城区范围", ["城市绿线", "城市紫线", "中心城区用地"])):
        rows = runner.run("audit_outside_area", boundary_layer=boundary, layers=layers, min_area_m2=0.01).records()
        by_layer = {}
        for r in rows:
            by_layer.setdefault(r["layer"], []).append(r)
        for layer in layers:
            cid, title = f"outside:{boundary}:{layer}", f"{layer} 超出{boundary}的面积"
            found = by_layer.get(layer)
            if not found:
                checks.append(Check(cid, title, INFO, detail=f"没有{layer}要素或没有{boundary}边界，未核对。"))
                continue
            worst = max(found, key=lambda r: r["outside_m2"])
            detail = "；".join(f"{r['version']} {r['outside_m2']:.3f} 平方米（{r['features_outside']} 个要素）"
                              for r in found)
            items = [{"version": r["version"], "feature_id": fid} for r in found for fid in r["worst"]]
            checks.append(_area_check(cid, title, worst["outside_m2"], detail, items))
    return checks


def coverage_checks(runner: SqlRunner) -> list[Check]:
    checks = []
    for r in runner.run("audit_zoning_coverage").records():
        tolerance = AREA_TOLERANCE_M2 + COVERAGE_RELATIVE * r["region_m2"]
        checks.append(_area_check(f"zoning_gap:{r['version']}", f"规划分区缝隙（{r['version']}，对照市辖区）",
                                  r["gap_m2"], f"{r['zones']} 个分区；容差 {tolerance:.0f} 平方米"
                                  "（1 平方米 + 市辖区面积的百万分之一，容纳逐块合并的浮点细缝）",
                                  tolerance=tolerance))
        checks.append(_area_check(f"zoning_overlap:{r['version']}", f"规划分区相互重叠（{r['version']}）",
                                  r["overlap_m2"], f"容差 {tolerance:.0f} 平方米", tolerance=tolerance))
    if not checks:
        checks.append(Check("zoning_gap", "规划分区缝隙", INFO, detail="没有市辖区边界，未核对。"))
    return checks


def balance_checks(runner: SqlRunner) -> list[Check]:
    checks = []
    changed = sorted({r["layer"] for r in runner.run("audit_layer_totals").records() if r["source"] == "changes"})
    for layer in changed:
        r = runner.run("audit_change_balance", layer=layer).records()[0]
        checks.append(_area_check(
            f"balance:{layer}", f"{layer} 维护前−调出+调入=维护后", abs(r["balance_diff_m2"]),
            f"维护前 {r['before_m2']:.2f} − 调出 {r['out_m2']:.2f} + 调入 {r['in_m2']:.2f} − 维护后 "
            f"{r['after_m2']:.2f} = {r['balance_diff_m2']:.3f} 平方米"))
        checks.append(_area_check(f"out_within_before:{layer}", f"{layer} 调出部分位于维护前范围内",
                                  r["out_not_in_before_m2"], "调出要素落在维护前图层之外的面积"))
        checks.append(_area_check(f"in_outside_before:{layer}", f"{layer} 调入部分与维护前不重叠",
                                  r["in_inside_before_m2"], "调入要素与维护前图层重叠的面积"))
    return checks


def zoning_line_checks(runner: SqlRunner) -> list[Check]:
    checks = []
    for zone, line, both_ways in (("生态保护区", "生态保护红线", False), ("农田保护区", "永久基本农田", False),
                                  ("城镇发展区", "城镇开发边界", True)):
        for version in VERSIONS:
            r = runner.run("audit_zoning_lines", version=version, line_layer=line,
                           zone_names=ZONE_NAMES[zone]).records()[0]
            if r["line_m2"] == 0:
                checks.append(Check(f"zoning_line:{zone}:{version}", f"{zone} 与 {line}（{version}）", INFO,
                                    detail=f"没有{line}要素，未核对。"))
                continue
            off = r["line_outside_zone_m2"] + (r["zone_outside_line_m2"] if both_ways else 0.0)
            relation = "=" if both_ways else "⊇"
            detail = f"{line}在{zone}外 {r['line_outside_zone_m2']:.3f} 平方米"
            if both_ways:
                detail += f"；{zone}（含子分区）在{line}外 {r['zone_outside_line_m2']:.3f} 平方米"
            checks.append(_area_check(f"zoning_line:{zone}:{version}", f"{zone} {relation} {line}（{version}）",
                                      off, detail))
    return checks


def _figures_by(runner: SqlRunner, indicator: str, key: str) -> dict[str, dict]:
    """One indicator's plan figures keyed by `key` (phase or scope); empty if plan_figures is unreadable."""
    try:
        rows = runner.run("audit_plan_figures").records()
    except QueryError:
        return {}
    return {f[key]: f for f in rows if f["indicator"] == indicator}


def project_checks(runner: SqlRunner) -> list[Check]:
    counts = {r["status"]: r["projects"] for r in runner.run("audit_project_status").records()}
    checks = []
    plan = _figures_by(runner, "重点建设项目", "phase")
    if not plan:
        return [Check("projects", "重点建设项目数量", FAIL,
                      detail="plan_figures 中没有重点建设项目的数字，请先运行 `yqplan build`。")]
    for phase in ("总数", "实施", "延续", "撤销", "更新", "新增"):
        if phase not in plan:
            continue
        value = sum(counts.values()) if phase == "总数" else counts.get(phase, 0)
        expected = int(plan[phase]["value"])
        checks.append(Check(f"projects:{phase}", f"重点建设项目 {phase}", PASS if value == expected else FAIL,
                            value, expected, value - expected, None, "数量须与方案一致", "项",
                            source=plan[phase]["quote"]))
    rows = runner.run("audit_project_mapping").records()
    for method in sorted({r["mapping_method"] for r in rows} | set(MAPPING_GEOMETRY)):
        mine = [r for r in rows if r["mapping_method"] == method]
        allowed = MAPPING_GEOMETRY.get(method, set())
        bad = [r for r in mine if r["geom_type"] not in allowed]
        wrong = sum(r["projects"] for r in bad)
        detail = "；".join(f"{r['geom_type']} {r['projects']} 项（如 {'、'.join(r['examples'][:3])}）" for r in bad)
        if method not in MAPPING_GEOMETRY:
            detail = f"未知的上图方式；{detail}"
        checks.append(Check(f"mapping:{method}", f"{method} 的几何类型", PASS if not bad else FAIL, wrong, 0,
                            wrong, None, detail or f"{sum(r['projects'] for r in mine)} 项，几何类型正确", "项"))
    return checks


def admin_checks(runner: SqlRunner) -> list[Check]:
    plan = _figures_by(runner, "国土面积", "scope")
    checks = []
    why = ("行政界线来自公开的 cnmaps 数据，与方案采用的国土调查/勘界界线口径不同，"
           "差异属于界线来源差异而非图层数据错误，仅作提示。")
    for r in runner.run("audit_admin_areas").records():
        scope = "市域" if r["region"] == "阳泉市" else "市辖区"
        figure = plan.get(scope)
        if r["area_m2"] is None or figure is None:
            checks.append(Check(f"admin:{r['region']}", f"{r['region']} 面积", INFO,
                                detail="缺少行政界线或方案数字，未核对。"))
            continue
        check = figure_check(f"admin:{r['region']}", f"{r['region']} 面积 vs 方案国土面积", figure, r["area_m2"])
        # Always informational: the boundary's source, not the layer data, decides this difference.
        check.status, check.detail = INFO, why
        checks.append(check)
    return checks


def stored_area_checks(runner: SqlRunner) -> list[Check]:
    rows = runner.run("audit_stored_area", tolerance_m2=0.1).records()
    off = sum(r["features_off"] for r in rows)
    detail = "；".join(f"{r['layer']}（{r['phase']}）{r['features_off']} 个，如 {'、'.join(r['examples'][:3])}"
                      for r in rows)
    return [Check("stored_area", "存储面积 area_m2 与几何面积一致", PASS if not off else FAIL, off, 0, off, None,
                  detail or "全部一致（容差 0.1 平方米/要素）", "个要素")]


ALL_CHECKS = (("存储面积", stored_area_checks), ("规划数字", figure_checks), ("三线冲突", overlap_checks),
              ("范围", outside_checks), ("规划分区", coverage_checks), ("调出调入平衡", balance_checks),
              ("分区与控制线", zoning_line_checks), ("重点项目", project_checks), ("行政界线", admin_checks))
