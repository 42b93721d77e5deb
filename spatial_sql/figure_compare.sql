-- Two plan figures of the same kind compared in one unit (永久基本农田 万亩 against 城镇开发边界 公顷, in 万亩):
-- each converted with its exact factor, then the first minus the second, their sum, and the first over the second.
-- $a: plan_figures.figure_id of the first figure, e.g. 市辖区·城镇开发边界·维护后
-- $b: plan_figures.figure_id of the second figure, e.g. 市辖区·永久基本农田·维护后
-- $unit: the unit both are taken in: 公顷, 亩, 万亩, 平方千米, 平方米, or 项, 处 for counts
SELECT a.figure_id AS a_id, a.indicator AS a_indicator, a.value_text AS a_text, a.unit AS a_unit,
       b.figure_id AS b_id, b.indicator AS b_indicator, b.value_text AS b_text, b.unit AS b_unit,
       t.unit AS unit,
       fa.definition AS a_definition, fb.definition AS b_definition, t.definition AS unit_definition,
       -- rounding to 1e-9 drops binary floating-point noise
       round(a.value * fa.factor_num * t.factor_den / (fa.factor_den * t.factor_num), 9) AS a_in_unit,
       round(b.value * fb.factor_num * t.factor_den / (fb.factor_den * t.factor_num), 9) AS b_in_unit,
       round(a.value * fa.factor_num * t.factor_den / (fa.factor_den * t.factor_num)
             - b.value * fb.factor_num * t.factor_den / (fb.factor_den * t.factor_num), 9) AS difference,
       round(a.value * fa.factor_num * t.factor_den / (fa.factor_den * t.factor_num)
             + b.value * fb.factor_num * t.factor_den / (fb.factor_den * t.factor_num), 9) AS total,
       -- what people read: each to two places, and their difference (5522.07 − 65361 = −59838.93)
       round(a.value * fa.factor_num * t.factor_den / (fa.factor_den * t.factor_num), 2) AS a_in_unit_2dp,
       round(b.value * fb.factor_num * t.factor_den / (fb.factor_den * t.factor_num), 2) AS b_in_unit_2dp,
       round(a.value * fa.factor_num * t.factor_den / (fa.factor_den * t.factor_num)
             - b.value * fb.factor_num * t.factor_den / (fb.factor_den * t.factor_num), 2) AS difference_2dp,
       round(a.value * fa.factor_num * t.factor_den / (fa.factor_den * t.factor_num)
             + b.value * fb.factor_num * t.factor_den / (fb.factor_den * t.factor_num), 2) AS total_2dp,
       -- the first as a multiple and a per cent of the second (城镇开发边界 is 9.39 times 生态保护红线)
       round(a.value * fa.factor_num / fa.factor_den / (b.value * fb.factor_num / fb.factor_den), 9) AS ratio,
       round(a.value * fa.factor_num / fa.factor_den / (b.value * fb.factor_num / fb.factor_den), 2) AS ratio_2dp,
       round(a.value * fa.factor_num / fa.factor_den / (b.value * fb.factor_num / fb.factor_den) * 100, 2)
           AS ratio_percent_2dp,
       a.doc, a.quote AS a_quote, a.section AS a_section, b.quote AS b_quote, b.section AS b_section
FROM plan_figures a
JOIN plan_figures b ON b.figure_id = $b AND b.value <> 0
JOIN unit_factors fa ON fa.unit = a.unit
JOIN unit_factors fb ON fb.unit = b.unit AND fb.norm_unit = fa.norm_unit
JOIN unit_factors t ON t.unit = $unit AND t.norm_unit = fa.norm_unit
WHERE a.figure_id = $a;
