-- 调入 − 调出 of one indicator in a requested unit (the net change this maintenance makes), with the quotes.
-- $indicator: indicator with both 调出 and 调入 figures, e.g. 城市紫线
-- $unit: unit of the result, e.g. 平方米; '' keeps the unit the plan writes the 调出 figure in
WITH out_fig AS (SELECT * FROM plan_figures WHERE indicator = $indicator AND phase = '调出'),
in_fig AS (SELECT * FROM plan_figures WHERE indicator = $indicator AND phase = '调入'),
target AS (
    SELECT * FROM unit_factors
    WHERE unit = CASE WHEN coalesce($unit, '') = '' THEN (SELECT unit FROM out_fig) ELSE $unit END
),
converted AS (
    SELECT o.indicator, o.doc,
           o.value_text AS out_text, o.unit AS out_unit, i.value_text AS in_text, i.unit AS in_unit, t.unit,
           fo.factor_num * t.factor_den AS factor_num, fo.factor_den * t.factor_num AS factor_den,
           o.value * fo.factor_num * t.factor_den / (fo.factor_den * t.factor_num) AS out_value,
           i.value * fi.factor_num * t.factor_den / (fi.factor_den * t.factor_num) AS in_value,
           o.quote AS out_quote, o.section AS out_section, i.quote AS in_quote, i.section AS in_section
    FROM out_fig o CROSS JOIN in_fig i CROSS JOIN target t
    JOIN unit_factors fo ON fo.unit = o.unit AND fo.norm_unit = t.norm_unit
    JOIN unit_factors fi ON fi.unit = i.unit AND fi.norm_unit = t.norm_unit
)
SELECT indicator, doc, out_text, out_unit, in_text, in_unit, unit, factor_num, factor_den,
       round(out_value, 9) AS out_value,
       round(in_value, 9) AS in_value,
       round(in_value - out_value, 9) AS net,
       out_quote, out_section, in_quote, in_section
FROM converted;
