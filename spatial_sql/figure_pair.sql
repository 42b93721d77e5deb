-- Arithmetic on two plan figures of the same unit: sum, difference, share and share of the sum, each with
-- both quotes.
-- $a: plan_figures.figure_id of the first figure, e.g. 市域·重点建设项目·新增
-- $b: plan_figures.figure_id of the second figure (the whole, for a share), e.g. 市域·重点建设项目·总数
SELECT a.indicator, a.doc,
       a.figure_id AS a_id, a.phase AS a_phase, a.value_text AS a_text, a.value AS a_value,
       b.figure_id AS b_id, b.phase AS b_phase, b.value_text AS b_text, b.value AS b_value, a.unit,
       -- rounding to 1e-9 drops binary floating-point noise; the _2dp columns are what people read
       round(a.value + b.value, 9) AS total,
       round(a.value - b.value, 9) AS difference,
       round(a.value / b.value * 100, 9) AS share_percent,
       round(a.value / b.value * 100, 2) AS share_percent_2dp,
       -- the first as a share of both together ("其中国家级占多少" after 11 + 12 处)
       round(a.value / (a.value + b.value) * 100, 9) AS part_percent,
       round(a.value / (a.value + b.value) * 100, 2) AS part_percent_2dp,
       a.quote AS a_quote, a.section AS a_section, b.quote AS b_quote, b.section AS b_section
FROM plan_figures a, plan_figures b
WHERE a.figure_id = $a AND b.figure_id = $b AND a.unit = b.unit AND b.value <> 0 AND a.value + b.value <> 0;
