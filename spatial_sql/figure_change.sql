-- 维护后 − 维护前 of one indicator in a requested unit, with the arithmetic's inputs and both quotes.
-- $indicator: indicator, e.g. 永久基本农田
-- $measure: '' for the indicator itself (phases 维护前/维护后), or a measure stated for both versions, e.g. 扩展规模
-- $unit: unit of before/after/difference, e.g. 亩; '' keeps the unit the plan writes the 维护前 figure in
WITH pick AS (
    SELECT * FROM plan_figures
    WHERE indicator = $indicator AND version IN ('维护前', '维护后')
      AND phase = CASE WHEN coalesce($measure, '') = '' THEN version ELSE $measure END
),
before AS (SELECT * FROM pick WHERE version = '维护前'),
after AS (SELECT * FROM pick WHERE version = '维护后'),
target AS (
    SELECT * FROM unit_factors
    WHERE unit = CASE WHEN coalesce($unit, '') = '' THEN (SELECT unit FROM before) ELSE $unit END
),
converted AS (
    -- value in target unit = value × (source factor) ÷ (target factor), factors as exact fractions
    SELECT b.indicator, b.phase, b.doc,
           b.value_text AS before_text, b.unit AS before_unit,
           a.value_text AS after_text, a.unit AS after_unit, t.unit,
           fb.factor_num * t.factor_den AS factor_num, fb.factor_den * t.factor_num AS factor_den,
           b.value * fb.factor_num * t.factor_den / (fb.factor_den * t.factor_num) AS before_value,
           a.value * fa.factor_num * t.factor_den / (fa.factor_den * t.factor_num) AS after_value,
           b.quote AS before_quote, b.section AS before_section,
           a.quote AS after_quote, a.section AS after_section
    FROM before b CROSS JOIN after a CROSS JOIN target t
    JOIN unit_factors fb ON fb.unit = b.unit AND fb.norm_unit = t.norm_unit
    JOIN unit_factors fa ON fa.unit = a.unit AND fa.norm_unit = t.norm_unit
)
SELECT indicator, phase, doc, before_text, before_unit, after_text, after_unit, unit, factor_num, factor_den,
       -- rounding to 1e-9 drops binary floating-point noise such as 0.35000000000002
       round(before_value, 9) AS before_value,
       round(after_value, 9) AS after_value,
       round(after_value - before_value, 9) AS difference,
       round(after_value - before_value, 2) AS difference_2dp,
       -- change relative to 维护前, in per cent
       round((after_value - before_value) / before_value * 100, 9) AS change_percent,
       round((after_value - before_value) / before_value * 100, 2) AS change_percent_2dp,
       before_quote, before_section, after_quote, after_section
FROM converted;
