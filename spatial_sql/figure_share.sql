-- One plan figure as a share of another of the same kind in any units (城市绿线 公顷 of 中心城区 平方千米):
-- both taken in their norm unit (公顷 for areas) through norm_value, with each unit's factor to show.
-- $a: plan_figures.figure_id of the part, e.g. 中心城区·城市绿线·维护后
-- $b: plan_figures.figure_id of the whole, e.g. 中心城区·中心城区面积·现状
SELECT a.figure_id AS a_id, a.value_text AS a_text, a.unit AS a_unit, a.norm_value AS a_norm,
       b.figure_id AS b_id, b.value_text AS b_text, b.unit AS b_unit, b.norm_value AS b_norm,
       a.norm_unit,
       fa.definition AS a_definition, fb.definition AS b_definition,
       -- rounding to 1e-9 drops binary floating-point noise; the _2dp columns are what people read
       round(a.norm_value, 9) AS a_norm_exact, round(b.norm_value, 9) AS b_norm_exact,
       round(a.norm_value / b.norm_value * 100, 9) AS share_percent,
       round(a.norm_value / b.norm_value * 100, 2) AS share_percent_2dp,
       a.doc, a.quote AS a_quote, a.section AS a_section, b.quote AS b_quote, b.section AS b_section
FROM plan_figures a
JOIN plan_figures b ON b.figure_id = $b AND b.norm_unit = a.norm_unit AND b.norm_value <> 0
JOIN unit_factors fa ON fa.unit = a.unit
JOIN unit_factors fb ON fb.unit = b.unit
WHERE a.figure_id = $a;
