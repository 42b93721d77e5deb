"""Two figures answered together: one line against another (a difference, a ratio), one area as a share of
another, two scopes' areas; each pair taken in one unit by the named statements figure_compare and figure_share
(figure_pair for two scopes), with the arithmetic written out."""

from __future__ import annotations

import re

from .figure_composer import COUNTED, MEASURE_NAME, Composer
from .figure_numbers import decimals_of, exact_decimals, format_number
from .figure_query import SCOPE_AREAS, FigureQuery

__all__ = ["area_share", "compare_two", "ratio_two", "scope_pair", "share_basis"]

# The areas of a territory (a whole a line's share is of), and the words naming one after 占 ("占中心城区面积",
# "占市辖区国土面积", "占全市的").
_TERRITORY = ("国土面积", "中心城区面积")
_TERRITORY_WORDS = {"中心城区面积": ("中心城区",), "国土面积": ("国土", "市辖区", "全市", "市域", "总面积")}
_AREA_UNITS = ("公顷", "亩", "万亩", "平方千米", "平方米")


def compare_two(composer: Composer, q: FigureQuery, question: str) -> bool:
    """"历史文化保护线比洪涝风险控制线小多少公顷？", "哪个大？大多少万亩？": two indicators' areas of the phase
    asked (each one's latest when none), both in one unit, one less the other; "两个加起来？": their sum; the
    same of what the two each moved ("绿线和紫线调出的合计")."""
    named = [i for i in q.indicators if i and i not in COUNTED]
    # ("绿线和紫线调出的合计多少公顷？": the two lines' 调出, one in 公顷 and one in 平方米, in one unit)
    moved = q.measures[0] if q.measures in (["调入"], ["调出"]) and not q.of_sum else ""
    if not (q.compare or q.total or q.of_sum) or len(named) != 2 or (q.measures != [""] and not moved):
        return False
    rows = [_area(composer, i, moved or q.version or "维护后", q.scopes, None) for i in named]
    if rows[0] is None or rows[1] is None:
        return False
    if q.of_sum:  # "其中紫线占百分之几？" after 城市绿线 and 城市紫线 added: the first of the two together
        return _part_of_both(composer, rows)
    unit = q.unit if q.unit in _AREA_UNITS else (rows[0]["unit"] if rows[0]["unit"] == rows[1]["unit"] else "公顷")
    if "比" not in question:  # "哪个大": the larger first
        rows.sort(key=lambda r: -r["norm_value"])
    a, b = rows
    found = composer.run("figure_compare", f"计算：{a['indicator']}与{b['indicator']}（{unit}）",
                     a=a["figure_id"], b=b["figure_id"], unit=unit)
    if not found:
        return False
    c = found[0]
    composer.add_rows(rows, unit)
    shown = [_in_unit(c, side, unit) for side in ("a", "b")]
    if q.total:
        exact = format_number(c["total"], exact_decimals(c["total"])) if exact_decimals(c["total"]) <= 6 \
            else format_number(c["total_2dp"], 2)
        total = composer.shown(c["total"], exact)
        composer.lines.append(f"{a['indicator']}{moved}与{b['indicator']}{moved}合计 {total} {unit}"
                              f"（{shown[0]} + {shown[1]} = {exact} {unit}{composer.rounding(total, exact)}）。")
        composer.found += 1
        return True
    whole = exact_decimals(c["difference"]) <= 6 and all(n == c[f"{s}_text"] or exact_decimals(
        c[f"{s}_in_unit"]) <= 6 for n, s in zip(shown, ("a", "b"), strict=True))
    exact = format_number(c["difference"], exact_decimals(c["difference"])) if whole \
        else format_number(c["difference_2dp"], 2)
    diff = composer.shown(c["difference"], exact)
    about = f"，约 {format_number(c['difference_2dp'], 2).lstrip('−')} {unit}" \
        if decimals_of(exact) > 2 and composer.decimals is None else ""
    more = ("多" if moved else "大") if c["difference"] >= 0 else ("少" if moved else "小")
    composer.lines.append(f"{a['indicator']}{moved}比{b['indicator']}{moved}{more} {diff.lstrip('−')} {unit}{about}"
                      f"（{shown[0]} − {shown[1]} = {exact} {unit}{composer.rounding(diff, exact)}）。")
    composer.found += 1
    return True


def _part_of_both(composer: Composer, rows: list[dict]) -> bool:
    """The first figure as a share of the two added ("紫线占两条线合计的百分之几"), both of the phase asked."""
    found = composer.run("figure_pair", f"计算：{rows[0]['indicator']}占{rows[0]['indicator']}与{rows[1]['indicator']}合计",
                         a=rows[0]["figure_id"], b=rows[1]["figure_id"])
    if not found:
        return False
    p = found[0]
    composer.add_rows(rows, None)
    two = composer.percent(p["part_percent"], p["part_percent_2dp"])
    share = composer.shown(p["part_percent"], two)
    total = format_number(p["total"], exact_decimals(p["total"]))
    a, b, x, y, unit = rows[0]["indicator"], rows[1]["indicator"], p["a_text"], p["b_text"], p["unit"]
    composer.lines.append(f"{a} {x} {unit}占{a}与{b}合计 {total} {unit}的 {share}%（{x} ÷ ({x} + {y}) = {two}%"
                          f"{composer.rounding(share + '%', two + '%')}）。")
    composer.found += 1
    return True


def _ratio_of_measures(composer: Composer, q: FigureQuery, indicator: str, kinds: list[str]) -> bool:
    """"新增的项目是撤销的几倍", "城市绿线调入的是调出的几倍", "扩展规模是预留机动规模的几倍": one measure of an
    indicator over another, in the phase asked or else after maintenance where a measure has phases."""
    rows = []
    for kind in kinds:
        found = composer.lookup(indicator, kind, q.version or "维护后") or composer.lookup(indicator, kind)
        if not found:
            return False
        rows.append(found[0])
    kinds_named = [MEASURE_NAME.get(k, k) for k in kinds]
    # "新增重点建设项目是撤销重点建设项目的", "城市绿线调入面积是调出面积的"
    names = [f"{n}{indicator}" for n in kinds_named] if indicator in COUNTED \
        else [f"{indicator}{kinds_named[0]}", kinds_named[1]]
    return _one_over_other(composer, q, rows[0], rows[1], names)


def _one_over_other(composer: Composer, q: FigureQuery, a: dict, b: dict, names: list[str]) -> bool:
    """The line "A是B的 n 倍（a ÷ b …）" (or per cent), from the named figure_compare statement."""
    unit = a["unit"] if a["unit"] == b["unit"] else "公顷"
    found = composer.run("figure_compare", f"计算：{a['figure_id']}与{b['figure_id']}之比", a=a["figure_id"],
                         b=b["figure_id"], unit=unit)
    if not found:
        return False
    c = found[0]
    composer.add_rows([a, b], unit)
    shown = [_in_unit(c, side, unit) for side in ("a", "b")]
    # written whole when it ends within six places (9.3875), else only to two (≈ 65.32)
    places = exact_decimals(c["ratio"])
    two = format_number(c["ratio_percent_2dp"] if q.percent else c["ratio_2dp"], 2) + ("%" if q.percent else "")
    worked = f"= {format_number(c['ratio'], places)}，约 {two}" if 2 < places <= 6 and not q.percent \
        else f"{'=' if places <= 2 else '≈'} {two}"
    composer.lines.append(f"{names[0]}是{names[1]}的 {two}{'' if q.percent else ' 倍'}"
                          f"（{shown[0]} {unit} ÷ {shown[1]} {unit} {worked}）。")
    composer.found += 1
    return True


def ratio_two(composer: Composer, q: FigureQuery) -> bool:
    """"城镇开发边界是生态红线的几倍？", "绿线调入的是紫线调入的多少倍？": one indicator's figure over another's;
    "维护后的扩展规模是原扩展规模的百分之多少？": one measure's two versions, the one asked over the other."""
    named = [i for i in q.indicators if i and i not in COUNTED]
    measure = next((m for m in q.measures if m), "")
    kinds = [m for m in q.measures if m]
    if q.ratio and len(q.indicators) == 1 and q.indicators[0] and len(kinds) == 2:
        return _ratio_of_measures(composer, q, q.indicators[0], kinds)
    if not q.ratio or not named:
        return False
    if len(named) == 2:
        rows = [composer.lookup(i, measure)[:1] if measure else [_area(composer, i, q.version or "维护后", q.scopes, None)]
                for i in named]
    else:
        first = q.version or "维护后"
        rows = [composer.lookup(named[0], measure, v)[:1] for v in (first, "维护前" if first == "维护后" else "维护后")]
    if not all(r and r[0] for r in rows):
        return False
    a, b = rows[0][0], rows[1][0]
    what = MEASURE_NAME.get(measure, measure) if measure else ""
    names = [f"{a['indicator']}{what}", f"{b['indicator']}{what}"] if len(named) == 2 else \
        [f"{a['version']}{what}", f"{b['version']}"]
    return _one_over_other(composer, q, a, b, names)

def scope_pair(composer: Composer, q: FigureQuery) -> bool:
    """"市辖区占全市的比例", "市辖区里中心城区以外": two scopes' areas, then their share or difference."""
    against = q.compare or q.op == "change"  # "市域比市辖区大多少": the larger less the smaller
    if len(q.scopes) < 2 or not (q.percent or q.excluding or against) \
            or not set(q.indicators) <= SCOPE_AREAS:
        return False
    rows = []
    for each in q.scopes[:2]:
        found = (composer.lookup("中心城区面积") if each == "中心城区" else composer.lookup("国土面积", "", "", each))
        if not found:
            return False
        rows.append(found[0])
    whole, part = sorted(rows, key=lambda r: -r["value"])
    composer.add_rows(rows, q.unit)
    composer.found += 1
    found = composer.run("figure_pair", f"计算：{part['scope'] or part['indicator']}与{whole['scope']}",
                     a=part["figure_id"], b=whole["figure_id"])
    if not found:
        return True
    p, unit = found[0], found[0]["unit"]
    part_name = "中心城区" if part["indicator"] == "中心城区面积" else part["scope"]
    if q.percent:
        two = composer.percent(p["share_percent"], p["share_percent_2dp"])
        share = composer.shown(p["share_percent"], two)
        composer.lines.append(f"{part_name}面积占{whole['scope']}的 {share}%（{p['a_text']} ÷ {p['b_text']} = {two}%"
                          f"{composer.rounding(share + '%', two + '%')}）。")
    if against and not q.excluding:
        exact = format_number(-p["difference"], 2)
        more = composer.shown(-p["difference"], exact)
        composer.lines.append(f"{whole['scope']}比{part_name}大 {more} {unit}"
                              f"（{p['b_text']} − {p['a_text']} = {exact} {unit}{composer.rounding(more, exact)}）。")
    if q.excluding:
        exact = format_number(-p["difference"], 2)
        rest = composer.shown(-p["difference"], exact)
        composer.lines.append(f"{whole['scope']}中{part_name}以外的面积为 {rest} {unit}"
                          f"（{p['b_text']} − {p['a_text']} = {exact} {unit}{composer.rounding(rest, exact)}）。")
    return True

def area_share(composer: Composer, q: FigureQuery, question: str) -> None:
    """"城市绿线占中心城区面积的比例", "城市紫线占城市绿线的几分之几": one area as a share of another, each
    taken in 公顷 (the plan states them in 公顷, 平方千米, 万亩), for the phase asked or both."""
    areas = [i for i in q.indicators if i and i not in COUNTED]
    if not q.percent or q.op != "lookup" or q.measures != [""] or len(areas) != 2 \
            or all(i in _TERRITORY for i in areas):
        return
    whole = _whole_of(question, areas)
    if whole is None:
        return
    part = next(i for i in areas if i != whole)
    done: set[tuple[str, str]] = set()
    for phase in [q.version] if q.version else ["维护前", "维护后"]:
        a = _area(composer, part, phase, q.scopes, None)
        b = _area(composer, whole, phase, q.scopes, a)
        if a is None or b is None or (a["figure_id"], b["figure_id"]) in done:
            continue  # a line the text says was not changed has one share
        done.add((a["figure_id"], b["figure_id"]))
        found = composer.run("figure_share", f"计算：{part}占{whole}的比例（{phase}）",
                         a=a["figure_id"], b=b["figure_id"])
        if not found:
            continue
        p, unit = found[0], found[0]["norm_unit"]
        two = composer.percent(p["share_percent"], p["share_percent_2dp"])
        share = composer.shown(p["share_percent"], two)
        a_norm, b_norm = (p[f"{s}_text"] if p[f"{s}_unit"] == unit else
                          format_number(p[f"{s}_norm_exact"], min(exact_decimals(p[f"{s}_norm_exact"]), 2))
                          for s in ("a", "b"))
        about = "约 " if any(exact_decimals(p[f"{s}_norm_exact"]) > max(2, decimals_of(p[f"{s}_text"]))
                            for s in ("a", "b")) else ""
        units = [d for u, d in ((p["a_unit"], p["a_definition"]), (p["b_unit"], p["b_definition"]))
                 if u != unit]
        how = f"；{'；'.join(dict.fromkeys(units))}" if units else ""
        composer.lines.append(f"{composer.state(a, None)}占{composer.state(b, None)}的 {share}%（{about}{a_norm} {unit} ÷ "
                          f"{b_norm} {unit} = {two}%{composer.rounding(share + '%', two + '%')}{how}）。")
        composer.found += 1
        composer.cite(p["doc"], p["a_section"], p["a_quote"])
        composer.cite(p["doc"], p["b_section"], p["b_quote"])


def _area(composer: Composer, indicator: str, phase: str, scopes: list[str], part: dict | None) -> dict | None:
    """The row of an area for a share: a line's for the phase (its 维护前 one when the text says it was not
    changed), a territory's for the scope named or, failing that, the part's own scope."""
    if indicator == "中心城区面积":
        rows = composer.lookup(indicator)
    elif indicator == "国土面积":
        scope = next((s for s in scopes if s != "中心城区"), None) or (part or {}).get("scope") or "市辖区"
        rows = composer.lookup(indicator, "", "", "市域" if scope == "全市" else scope)
    else:
        rows = composer.lookup(indicator, phase) or (
            [r for r in composer.lookup(indicator, "维护前") if r["note"]] if phase == "维护后" else [])
    return rows[0] if rows else None


def _in_unit(row: dict, side: str, unit: str) -> str:
    """One side ("a", "b") of a figure_compare row in the unit compared: as the plan writes it, else converted
    and written whole when it ends within six places (14.08125), else to the row's two places (5522.07)."""
    if row[f"{side}_unit"] == unit:
        return row[f"{side}_text"]
    value = row[f"{side}_in_unit"]
    return format_number(value, exact_decimals(value)) if exact_decimals(value) <= 6 \
        else format_number(row[f"{side}_in_unit_2dp"], 2)


def _whole_of(question: str, areas: list[str]) -> str | None:
    """Which of two areas a share is of: the one named after 占 (or 是…的), else the territory of the two."""
    from ..plan.vocabulary import find_layer

    cut = re.search(r"占|是", question)
    after = question[cut.end():] if cut else ""
    named = [i for i in areas if (i in _TERRITORY and any(w in after for w in _TERRITORY_WORDS[i]))
             or (i not in _TERRITORY and (find_layer(after) or ("",))[0] == i)]
    if len(named) == 1:
        return named[0]
    territory = [i for i in areas if i in _TERRITORY]
    return territory[0] if len(territory) == 1 else None


# "那个3.06%是怎么算出来的？": how a share the plan states was worked out.
# ("这个比例是相对什么算的？": of what whole)
_HOW_WORKED_OUT = re.compile(r"怎么(?:算|来|得|计算)|如何(?:算|计算|得)|咋(?:算|来)|算法|计算方法|基数|分母|以什么为|"
                             r"相对(?:于)?(?:什么|啥|哪个)|(?:跟|和|与|占)(?:什么|啥|哪个数)(?:比|的)")


def share_basis(composer: Composer, q: FigureQuery, question: str) -> bool:
    """"机动规模那个3.06%是怎么算出来的？": the plan states a share (预留机动规模 29.81 公顷，占比 3.06%) but not of
    what. Each of the line's other areas is tried as the whole by figure_compare; those that give the share
    as stated (to its places) are said, as a check on the plan's numbers, not as what the plan says."""
    shares = [m for m in q.measures if m == "占比"] or (["占比"] if q.percent and "预留机动" in q.measures else [])
    named = [i for i in q.indicators if i and i not in COUNTED]
    if not shares or len(named) != 1 or not _HOW_WORKED_OUT.search(question):
        return False
    share = composer.lookup(named[0], "占比")[:1]
    part = composer.lookup(named[0], "预留机动")[:1]
    if not share or not part:
        return False
    share, part = share[0], part[0]
    places = decimals_of(share["value_text"])
    wholes = [r for r in composer.runner.run("figure_lookup", indicator=named[0], phase="", version="", scope="")
              .records() if r["figure_id"] not in (share["figure_id"], part["figure_id"]) and r["unit"] == part["unit"]]
    fits = []
    for whole in wholes:
        probe = composer.runner.run("figure_compare", a=part["figure_id"], b=whole["figure_id"], unit=part["unit"])
        row = probe.records()[0] if probe.rows else None
        if row and round(row["ratio"] * 100, places) == round(float(share["value_text"]), places):
            fits.append((whole, row))
    composer.add_rows([part, share], None)
    if not fits:
        composer.lines.append(f"方案原文没有写明这一占比以哪个数为基数，用方案中{named[0]}的其他面积核算也得不到"
                              f" {share['value_text']}%，无法说明其算法。")
        composer.found += 1
        return True
    for whole, _ in fits:
        composer.run("figure_compare", f"核算：{part['figure_id']}与{whole['figure_id']}之比", a=part["figure_id"],
                     b=whole["figure_id"], unit=part["unit"])
        composer.add_rows([whole], None)
    said = "；".join(f"{part['value_text']} ÷ {whole['value_text']}（{_whole_name(whole)}）= "
                    f"{format_number(row['ratio'] * 100, places)}%" for whole, row in fits)
    composer.lines.append(f"方案原文没有写明这一占比以哪个数为基数。按方案数字核算：{said}，"
                          f"与方案所写 {share['value_text']}% 一致。")
    composer.found += 1
    return True


def _whole_name(whole: dict) -> str:
    """The whole a share was tried against, as the plan names it: 维护前扩展规模, 维护后总面积."""
    own = "总面积" if whole["phase"] == whole["version"] else MEASURE_NAME.get(whole["phase"], whole["phase"])
    return f"{whole['version'] or ''}{own}"


def rest_share(composer: Composer, q: FigureQuery) -> None:
    """"剩下这些里新增的占多少": a count as a share of the whole less another ("新增 180 项占除撤销外 542 项的
    33.21%"), by the named statement figure_rest_share."""
    if not q.rest_of or not q.percent or "重点建设项目" not in q.indicators:
        return
    indicator, taken = "重点建设项目", q.rest_of
    for part in (m for m in q.measures if m and m != "总数"):
        first, out, whole = (composer.lookup(indicator, m) for m in (part, taken, "总数"))
        if not (first and out and whole):
            continue
        rows = composer.run("figure_rest_share", f"计算：{indicator}{part}占除{taken}外", part=first[0]["figure_id"],
                            taken=out[0]["figure_id"], whole=whole[0]["figure_id"])
        if not rows:
            continue
        p, unit = rows[0], rows[0]["unit"]
        rest = format_number(p["rest"], 0 if float(p["rest"]).is_integer() else 2)
        two = composer.percent(p["share_percent"], p["share_percent_2dp"])
        share = composer.shown(p["share_percent"], two)
        composer.lines.append(f"全部 {p['whole_text']} {unit}除{taken} {p['taken_text']} {unit}外还有 {rest} {unit}，"
                              f"其中{part} {p['part_text']} {unit}占 {share}%（{p['part_text']} ÷ ({p['whole_text']} − "
                              f"{p['taken_text']}) = {two}%{composer.rounding(share + '%', two + '%')}）。")
        for quote, section in ((p["part_quote"], p["part_section"]), (p["taken_quote"], p["taken_section"]),
                               (p["whole_quote"], p["whole_section"])):
            composer.cite(p["doc"], section, quote)
