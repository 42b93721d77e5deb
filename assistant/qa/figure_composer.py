"""One figure query's answer being composed: the named SQL run, the figures stated and converted, the changes
and sums of one indicator written out with their arithmetic, the quotes cited."""

from __future__ import annotations

import re
from typing import Any

from ..answer_types import Citation
from ..layers.sql import QueryResult, SqlRunner
from .figure_numbers import decimals_of, exact_decimals, factor_text, format_number, out_decimals
from .figure_query import FigureQuery
from .figure_words import COUNTED_IN

_PHASE_LABEL = {"维护前": "维护前（市级总体规划确定）", "维护后": "维护后", "调出": "本次调出", "调入": "本次调入",
                "扩展倍数": "扩展倍数", "预留机动": "预留机动规模", "占比": "预留机动规模占比"}
MEASURE_NAME = {"": "面积", "扩展规模": "扩展规模", "扩展倍数": "扩展倍数", "预留机动": "预留机动规模",
                "占比": "预留机动规模占比", "调出": "调出面积", "调入": "调入面积"}
# Units that read better shown in both forms: 0.0238 万亩 is 238 亩.
_COMPANION_UNIT = {"万亩": "亩", "亩": "万亩"}
# The counts, which are no area at all: what the plan counts in 项 and 处.
COUNTED = tuple(COUNTED_IN.values())
# What an answer says when the plan gives a measure in one phase only (see `not_given`): the plan's sentences
# naming the measure may still say what became of it ("不突破…扩展倍数", "11 处国家级文物保护单位…更新到历史
# 文化保护线统筹管控").
_NOT_GIVEN = re.compile(r"方案未(?:给出维护前后可对比的([^，。]{2,12}?)|单独给出维护[前后]的(扩展规模|扩展倍数|预留机动规模(?:占比)?))[，。]")


def not_given(answer_text: str) -> str | None:
    """The measure an answer says the plan gives in one phase only: any measure whose change was asked
    (国家级: "11 处…更新到…统筹管控" says what became of them), or a line's own measure asked in one phase
    (扩展倍数); not a project status asked after maintenance (撤销), whose other sentences say nothing of it."""
    found = _NOT_GIVEN.search(answer_text)
    return (found.group(1) or found.group(2)) if found else None


class Composer:
    """Runs the named SQL for one query and collects text, tables and citations."""

    def __init__(self, runner: SqlRunner, decimals: int | None = None):
        self.runner = runner
        self.decimals = decimals  # rounding the question asks for computed figures, else each one's own
        self.lines: list[str] = []
        self.tables: list[dict[str, Any]] = []
        self.citations: list[Citation] = []
        self.found = 0    # asks the plan gives a figure for
        self.missing = 0  # asks it does not ("调出、调入各多少" of a line whose moves it never states)

    def shown(self, exact: float, default: str) -> str:
        """A computed figure as the question asks it rounded (by the named SQL, shown with the others), else
        `default`."""
        if self.decimals is None:
            return default
        found = self.run("figure_round", f"按要求保留 {self.decimals} 位小数：{default}", value=float(exact),
                         decimals=self.decimals)
        return format_number(found[0]["rounded"], self.decimals) if found else default

    def written(self, value: float, decimals: int, known: tuple[float, ...] = ()) -> str:
        """`value` to `decimals` places. When that rounds it to a number no statement gave (`known` are those
        the row already holds, such as its _2dp column), the named statement figure_round rounds it, so that the
        number shown has its SQL (8.2831 万亩 = 55.220666667 平方千米, shown 55.221)."""
        text = format_number(value, decimals)
        shown = float(text.replace("−", "-"))
        if exact_decimals(value) <= decimals_of(text) or any(abs(shown - k) < 1e-9 for k in known):
            return text
        found = self.run("figure_round", f"保留 {decimals_of(text)} 位小数：{text}", value=float(value),
                         decimals=decimals_of(text))
        return format_number(found[0]["rounded"], decimals_of(text)) if found else text

    def percent(self, exact: float, two_dp: float) -> str:
        """A per cent figure for the formula: two decimals, or as many as the question asks when more."""
        return format_number(exact, self.decimals) if (self.decimals or 0) > 2 else format_number(two_dp, 2)

    def rounding(self, shown: str, default: str) -> str:
        """What the formula adds when the asked rounding changed the figure it computes: "，保留一位小数为 31.9"."""
        if float(shown.strip("%").replace("−", "-")) == float(default.strip("%").replace("−", "-")):
            return ""  # "200" asked with one decimal is "200.0": nothing was rounded
        return "，取整为 " + shown if self.decimals == 0 else f"，保留 {self.decimals} 位小数为 {shown}"

    def run(self, name: str, title: str, **params: Any) -> list[dict[str, Any]]:
        result: QueryResult = self.runner.run(name, **params)
        if result.rows:
            self.tables.append(result.table(title))
        return result.records()

    def cite(self, doc: str, section: str, quote: str) -> None:
        citation = Citation(doc, section, quote)
        if citation not in self.citations:
            self.citations.append(citation)

    def lookup(self, indicator: str, phase: str = "", version: str = "", scope: str = "") -> list[dict]:
        return self.run("figure_lookup", f"规划数字：{indicator or phase}", indicator=indicator, phase=phase,
                        version=version or "", scope=scope or "")

    # -- lookups ---------------------------------------------------------------------------
    def converted(self, row: dict, unit: str | None) -> str:
        if not unit or unit == row["unit"]:
            return ""
        found = self.run("figure_convert", f"单位换算：{row['figure_id']} → {unit}",
                         figure_id=row["figure_id"], unit=unit)
        if not found:
            return ""
        c = found[0]
        decimals = out_decimals(c["value_text"], c["factor_num"], c["factor_den"], c["converted"])
        whole = exact_decimals(c["converted"])
        if self.decimals is not None or whole <= 6:  # written whole: never rounded twice (40.6845, not 40.685)
            decimals = max(decimals, whole)
        exact = self.written(c["converted"], decimals, (c["converted_2dp"],))
        value = self.shown(c["converted"], exact)
        definitions = [part for u, d in ((c["from_unit"], c["from_definition"]), (c["to_unit"], c["to_definition"]))
                       if u != "公顷" for part in d.split("，")]
        # (under one unit two places say too little: 982.80 平方米 is 约 0.0983 公顷, not 约 0.10)
        places = 4 if abs(c["converted"]) < 1 else 2
        near = format_number(c["converted_2dp"], 2) if places == 2 else self.written(c["converted"], places)
        about = f"，约 {near} {unit}" if decimals_of(value) > places and self.decimals is None else ""
        return (f"，折合 {value} {unit}{about}（{c['value_text']} {factor_text(c['factor_num'], c['factor_den'])}"
                f" = {exact}{self.rounding(value, exact)}；{'，'.join(dict.fromkeys(definitions))}）")

    def state(self, row: dict, unit: str | None) -> str:
        ind, phase, scope = row["indicator"], row["phase"], row["scope"] or ""
        space = "" if row["unit"] == "%" else " "  # "占比 3.06%", as the plan prints a share
        figure = f"{row['value_text']}{space}{row['unit']}{self.converted(row, unit)}"
        if ind == "重点建设项目":
            return f"本次动态维护重点建设项目共 {figure}" if phase == "总数" else f"重点建设项目中{phase} {figure}"
        if ind == "文物保护单位":
            # as the plan counts them: "将全市 11 处国家级文物保护单位…更新到历史文化保护线统筹管控"
            return f"全市 {figure}{phase}文物保护单位更新到历史文化保护线统筹管控"
        if ind == "国土面积":
            return f"{scope}国土面积 {figure}"
        if ind == "中心城区面积":
            return f"中心城区总面积 {figure}"
        label = _PHASE_LABEL.get(phase, phase)
        if row["version"] and phase != row["version"]:
            label = _PHASE_LABEL[row["version"]] + label  # 维护后预留机动规模, 维护前（…）扩展规模
        return f"{scope}{ind}{label}{'' if label.endswith('）') else ' '}{figure}"

    def add_rows(self, rows: list[dict], unit: str | None) -> None:
        parts = [self.state(r, unit) for r in rows]
        # "共 564 项，其中实施 118 项、延续 229 项" rather than repeating the subject.
        projects = [i for i, r in enumerate(rows) if r["indicator"] == "重点建设项目" and r["phase"] != "总数"]
        for n, i in enumerate(projects):
            head = "其中" if (i > 0 and rows[i - 1]["phase"] == "总数") else "重点建设项目中"
            parts[i] = parts[i].replace("重点建设项目中", head if n == 0 else "", 1)
        text = ""
        for i, part in enumerate(parts):
            if i:
                text += "、" if i in projects and i - 1 in projects else ("，" if i in projects else "；")
            text += part
        self.lines.append(text + "。")
        for r in rows:
            self.cite(r["doc"], r["section"], r["quote"])

    def unchanged(self, indicator: str, unit: str | None, said: bool = False) -> bool:
        """"不涉及…调整": the 维护后 figure is the 维护前 one, as the text states; False if not stated."""
        rows = [r for r in self.lookup(indicator, "维护前") if r["note"]]
        if not rows:
            return False
        r = rows[0]
        if not said:
            self.add_rows([r], unit)
        again = "" if said else self.converted(r, unit)
        self.lines.append(f"{r['note']}，维护后仍为 {r['value_text']} {r['unit']}{again}。")
        self.cite(r["doc"], r["section"], r["quote"])
        return True

    def answer_lookup(self, q: FigureQuery, indicator: str) -> None:
        scope = q.scope if indicator == "国土面积" else ""
        rows: list[dict] = []
        handled = False
        for measure in q.measures:
            other_phase = False  # "维护后扩展倍数变成多少了": only the other phase's figure is given
            if measure == "" and indicator == "国土面积" and len(q.scopes) > 1:
                found = [r for each in q.scopes for r in self.lookup(indicator, "", "", each)]
            elif measure == "" and indicator in ("国土面积", "中心城区面积", "重点建设项目", "文物保护单位", ""):
                phase = "总数" if indicator == "重点建设项目" and len(q.measures) > 1 else ""
                found = self.lookup(indicator, phase, "", scope)
            elif measure == "":
                phases = [q.version] if q.version else ["维护前", "维护后"]
                found = [r for p in phases for r in self.lookup(indicator, p)]
            else:
                found = self.lookup(indicator, measure, q.version or "")
                if not found and q.version:
                    found = self.lookup(indicator, measure)
                    # "调出多少、调入多少、维护后总量多少": the version is the own size's, not 调出's
                    if found and not ("" in q.measures and measure in ("调出", "调入")):
                        self.lines.append(f"方案未单独给出{q.version}的{MEASURE_NAME.get(measure, measure)}。")
                        other_phase = measure not in ("调出", "调入")  # a flow has no phase of its own
            if not found and measure == "" and q.version == "维护后" and self.unchanged(indicator, q.unit):
                handled = True
                self.found += 1
                continue
            if not found:
                self.lines.append(f"方案未给出{indicator}的{MEASURE_NAME.get(measure, measure)}数字。")
                self.missing += 1
                continue
            if other_phase:  # what was asked is not given: the other phase's figure is shown, not the answer
                self.missing += 1
            else:
                self.found += 1
            rows += [r for r in found if r not in rows]
        if rows:
            self.add_rows(rows, q.unit)
            if q.version != "维护前" and all(r["version"] == "维护前" for r in rows if r["version"]):
                noted = [r for r in rows if r["note"] and r["phase"] == "维护前"]
                if noted:
                    self.unchanged(indicator, q.unit, said=True)
        elif not handled:
            everything = self.lookup(indicator)
            if everything:
                self.lines.append(f"方案给出的{indicator}数字：")
                self.add_rows(everything, q.unit)

    # -- differences -----------------------------------------------------------------------
    def answer_change(self, q: FigureQuery, indicator: str) -> None:
        measure = next((m for m in q.measures if m in ("", "扩展规模")), q.measures[0])
        rows = self.run("figure_change", f"维护前后变化：{indicator}", indicator=indicator, measure=measure,
                        unit=q.unit or "")
        nets = self.run("figure_net", f"调入与调出：{indicator}", indicator=indicator, unit=q.unit or "")
        if not rows and not nets:
            if self.unchanged(indicator, q.unit):  # "生态保护红线调减了多少": the text says it was not changed
                self.lines.append("维护前后没有变化。")
            elif measure:
                self.lines.append(f"方案未给出维护前后可对比的{MEASURE_NAME.get(measure, measure)}，给出的是：")
                self.answer_lookup(FigureQuery([indicator], [measure], None, "lookup", q.unit, q.scope), indicator)
            else:  # "中心城区范围这次有没有扩大": one area, nothing before it (counts: their sentence says the change)
                once, found = indicator not in COUNTED, self.found
                if once:
                    named = f"{q.scope or ''}{indicator}" if indicator == "国土面积" else indicator
                    self.lines.append(f"方案只给出了{named}的一个数字，没有给出维护前的数字，无法说明这次是否有变化。方案给出的是：")
                self.answer_lookup(FigureQuery([indicator], q.measures, q.version, "lookup", q.unit, q.scope), indicator)
                if once:
                    self.found, self.missing = found, self.missing + 1
            return
        self.found += 1
        # Lead with what was asked: "净增加" is 调入 − 调出, "增加" is 维护后 − 维护前; give the other too.
        if q.op == "net" and nets:
            self._net(nets[0])
        if rows:
            self._change(rows[0], measure, q.unit, q.percent)
        if nets and q.op != "net":
            self._net(nets[0])
        if rows and nets and abs(rows[0]["difference"] - nets[0]["net"] * nets[0]["factor_den"] / nets[0]["factor_num"]
                                 * rows[0]["factor_num"] / rows[0]["factor_den"]) > 1e-9:
            self.lines.append("维护前、维护后面积是取整后的数值，因此与按调入、调出面积计算的结果略有差异。")

    def _change(self, c: dict, measure: str, unit: str | None, percent: bool = False) -> None:
        decimals = max(out_decimals(c["before_text"], c["factor_num"], c["factor_den"], c["before_value"]),
                       out_decimals(c["after_text"], c["factor_num"], c["factor_den"], c["after_value"]))
        if all(exact_decimals(c[k]) <= 6 for k in ("before_value", "after_value", "difference")):
            decimals = max(decimals, *(exact_decimals(c[k]) for k in ("before_value", "after_value", "difference")))
        before, after = (self.written(c[k], decimals) for k in ("before_value", "after_value"))
        exact = self.written(c["difference"], decimals, (c["difference_2dp"],))
        diff = exact if percent else self.shown(c["difference"], exact)
        size = diff.lstrip("−")
        subject = c["indicator"] + ("" if not measure else MEASURE_NAME[measure])
        if diff == "0":
            text = f"{subject}维护前后相同，均为 {after} {c['unit']}"
        else:
            verb = "增加" if c["difference"] > 0 else "减少"
            text = (f"{subject}维护后比维护前{verb} {size} {c['unit']}（{after} − {before} = {exact} {c['unit']}"
                    f"{self.rounding(diff, exact)}）")
            if decimals > 2 and self.decimals is None and c["difference_2dp"]:  # never "约 0"
                text += f"，约 {format_number(abs(c['difference_2dp']), 2)} {c['unit']}"
            if percent:
                two = self.percent(c["change_percent"], c["change_percent_2dp"])
                signed = self.shown(c["change_percent"], two)
                text += (f"，{verb}幅度 {signed.lstrip('−')}%（({after} − {before}) ÷ {before} = {two}%"
                         f"{self.rounding(signed + '%', two + '%')}）")
        companion = _COMPANION_UNIT.get(c["unit"])
        if companion and diff != "0":
            other = self.run("figure_change", f"维护前后变化：{c['indicator']}（{companion}）",
                             indicator=c["indicator"], measure=measure, unit=companion)
            if other:
                # 万亩 and 亩 differ by 10^4, so the companion keeps the same precision.
                shift = 4 if companion == "万亩" else -4
                text += f"，即 {self.written(abs(other[0]['difference']), max(0, decimals + shift))} {companion}"
        source = (f"维护前（市级总体规划确定）{c['before_text']} {c['before_unit']}，"
                  f"维护后 {c['after_text']} {c['after_unit']}")
        self.lines.append(f"{text}。{source}。")
        self.cite(c["doc"], c["before_section"], c["before_quote"])
        self.cite(c["doc"], c["after_section"], c["after_quote"])
        if diff != "0" and len(re.sub(r"\D", "", size)) >= 3:
            self._same_value(c["indicator"], abs(c["difference"]), size, c["unit"])

    def _same_value(self, indicator: str, value: float, shown: str, unit: str) -> None:
        """"少了的那部分去哪了": a difference (`value`, shown as `shown`) the plan states as another figure
        (扩展规模 973.98 → 944.17 lost 29.81 公顷, the 预留机动规模 it states) is said to be equal to it, with that
        figure's sentence."""
        for row in self.run("figure_same_value", f"与差值相等的规划数字：{shown} {unit}",
                            value=float(value), unit=unit, indicator=indicator):
            name = f"{row['scope'] or ''}{row['indicator']}{_PHASE_LABEL.get(row['phase'], row['phase'])}"
            self.lines.append(f"这一差值与方案给出的{name} {row['value_text']} {unit}相等。")
            self.cite(row["doc"], row["section"], row["quote"])

    # -- arithmetic on two stated figures: shares, sums, differences ------------------------------
    def derived(self, q: FigureQuery, indicator: str) -> None:
        named = [m for m in q.measures if m and m != "总数"]
        if indicator == "重点建设项目" and q.percent and not q.rest_of:  # (of what is left: figure_pairs.rest_share)
            for m in named:
                self._pair(indicator, m, "总数", "share")
        if q.percent and indicator not in COUNTED:  # "调出面积占原绿线规模的比例": of the line it left
            for m in (m for m in named if m in ("调出", "调入")):
                self._pair(indicator, m, q.version or "维护前", "share")
            # "维护后扩展规模占开发边界总面积比例": of the line's own area, in the same phase
            for m in (m for m in named if m in ("扩展规模", "预留机动")):
                self._pair(indicator, m, q.version or "维护后", "share", q.version or "维护后")
        if q.of_sum and len(named) == 2:  # "其中国家级的占多少？" after 国家级 and 省级 added
            self._pair(indicator, named[0], named[1], "part")
        if indicator in ("文物保护单位", "重点建设项目") and q.compare and len(named) == 2:
            self._pair(indicator, named[0], named[1], "difference")
        if indicator == "重点建设项目" and q.remainder and len(named) == 1 and named[0] != "总数":
            self._pair(indicator, "总数", named[0], "remainder")  # "去掉撤销的，还剩多少项？"
        if indicator in ("文物保护单位", "重点建设项目") and q.total and len(named) == 2:  # "实施和延续加起来"
            if indicator == "重点建设项目" and q.percent:  # "这两类加一块儿占全部项目的百分之几"
                self._sum_share(indicator, named[0], named[1])
            else:
                self._pair(indicator, named[0], named[1], "total")
        elif q.total and len(named) == 2:  # "调出和调入加一块一共动了多少", "扩展规模与预留机动规模相加"
            self._pair(indicator, named[0], named[1], "total", q.version or "")

    def _pair(self, indicator: str, a: str, b: str, kind: str, version: str = "") -> None:
        # The version asked (维护后扩展规模) where the plan states both; 调出, 调入 and counts have none. Unasked,
        # the one version both are stated in ("扩展规模加上预留机动规模": 维护后, the only one of 预留机动).
        any_a, any_b = self.lookup(indicator, a), self.lookup(indicator, b)
        common = ({r["version"] for r in any_a} & {r["version"] for r in any_b}) - {None, ""}
        version = version or (common.pop() if len(common) == 1 else "")
        first = self.lookup(indicator, a, version) or any_a
        second = self.lookup(indicator, b, version) or any_b
        if not first or not second:
            return
        rows = self.run("figure_pair", f"计算：{indicator}{a}与{b}", a=first[0]["figure_id"], b=second[0]["figure_id"])
        if not rows:
            return
        p, unit = rows[0], rows[0]["unit"]
        x, y = p["a_text"], p["b_text"]
        a, b = (_PHASE_LABEL.get(m, m) if m in ("预留机动", "扩展倍数") else m for m in (a, b))
        if kind == "share":
            two = self.percent(p["share_percent"], p["share_percent_2dp"])
            share = self.shown(p["share_percent"], two)
            whole = "全部" if b == "总数" else f"{indicator}{b}" if b in ("维护前", "维护后") else b
            self.lines.append(f"{a} {x} {unit}占{whole} {y} {unit}的 {share}%（{x} ÷ {y} = {two}%"
                              f"{self.rounding(share + '%', two + '%')}）。")
        elif kind == "part":
            two = self.percent(p["part_percent"], p["part_percent_2dp"])
            share = self.shown(p["part_percent"], two)
            total = format_number(p["total"], 0 if float(p["total"]).is_integer() else 2)
            self.lines.append(f"{a} {x} {unit}占{a}与{b}合计 {total} {unit}的 {share}%（{x} ÷ ({x} + {y}) = {two}%"
                              f"{self.rounding(share + '%', two + '%')}）。")
        elif kind == "difference":
            exact = format_number(p["difference"], 0 if float(p["difference"]).is_integer() else 2)
            diff = self.shown(p["difference"], exact)
            more = "多" if p["difference"] >= 0 else "少"
            self.lines.append(f"{a}比{b}{more} {diff.lstrip('−')} {unit}（{x} − {y} = {exact} {unit}"
                              f"{self.rounding(diff, exact)}）。")
        elif kind == "remainder":
            exact = format_number(p["difference"], 0 if float(p["difference"]).is_integer() else 2)
            rest = self.shown(p["difference"], exact)
            self.lines.append(f"全部 {x} {unit}中除{b} {y} {unit}外，还有 {rest} {unit}（{x} − {y} = {exact} {unit}"
                              f"{self.rounding(rest, exact)}）。")
        else:
            exact = format_number(p["total"], 0 if float(p["total"]).is_integer() else 2)
            total = self.shown(p["total"], exact)
            self.lines.append(f"{version}{a}与{b}合计 {total} {unit}（{x} + {y} = {exact} {unit}"
                              f"{self.rounding(total, exact)}）。")
        self.cite(p["doc"], p["a_section"], p["a_quote"])
        self.cite(p["doc"], p["b_section"], p["b_quote"])

    def _sum_share(self, indicator: str, a: str, b: str) -> None:
        """Two counts added, as a share of the whole ("实施和延续合计占全部的 61.52%")."""
        first, second, whole = (self.lookup(indicator, m) for m in (a, b, "总数"))
        if not (first and second and whole):
            return
        rows = self.run("figure_sum_share", f"计算：{indicator}{a}与{b}合计占全部", a=first[0]["figure_id"],
                        b=second[0]["figure_id"], whole=whole[0]["figure_id"])
        if not rows:
            return
        p, unit = rows[0], rows[0]["unit"]
        total = format_number(p["total"], 0 if float(p["total"]).is_integer() else 2)
        two = self.percent(p["share_percent"], p["share_percent_2dp"])
        share = self.shown(p["share_percent"], two)
        self.lines.append(f"{a}与{b}合计 {total} {unit}占全部 {p['whole_text']} {unit}的 {share}%"
                          f"（({p['a_text']} + {p['b_text']}) ÷ {p['whole_text']} = {two}%"
                          f"{self.rounding(share + '%', two + '%')}）。")
        for quote, section in ((p["a_quote"], p["a_section"]), (p["b_quote"], p["b_section"]),
                               (p["whole_quote"], p["whole_section"])):
            self.cite(p["doc"], section, quote)

    def _net(self, n: dict) -> None:
        decimals = max(out_decimals(n["out_text"], n["factor_num"], n["factor_den"], n["out_value"]),
                       out_decimals(n["in_text"], n["factor_num"], n["factor_den"], n["in_value"]))
        if all(exact_decimals(n[k]) <= 6 for k in ("out_value", "in_value", "net")):
            decimals = max(decimals, *(exact_decimals(n[k]) for k in ("out_value", "in_value", "net")))
        out_v, in_v = (self.written(n[k], decimals) for k in ("out_value", "in_value"))
        exact = self.written(n["net"], decimals)
        net = self.shown(n["net"], exact)
        verb = "净增加" if n["net"] > 0 else "净减少"
        self.lines.append(
            f"{n['indicator']}本次调入 {in_v} {n['unit']}、调出 {out_v} {n['unit']}，"
            f"{verb} {net.lstrip('−')} {n['unit']}（{in_v} − {out_v} = {exact} {n['unit']}{self.rounding(net, exact)}）。")
        self.cite(n["doc"], n["out_section"], n["out_quote"])
        self.cite(n["doc"], n["in_section"], n["in_quote"])
