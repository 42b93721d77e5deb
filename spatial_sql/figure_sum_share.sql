-- Two plan figures added, as a share of a third of the same unit ("实施和延续加起来占全部的百分之几"),
-- with all three quotes.
-- $a: plan_figures.figure_id of the first part, e.g. 市域·重点建设项目·实施
-- $b: plan_figures.figure_id of the second part, e.g. 市域·重点建设项目·延续
-- $whole: plan_figures.figure_id of the whole, e.g. 市域·重点建设项目·总数
SELECT a.indicator, a.doc, a.unit,
       a.value_text AS a_text, b.value_text AS b_text, w.value_text AS whole_text,
       -- rounding to 1e-9 drops binary floating-point noise; the _2dp column is what people read
       round(a.value + b.value, 9) AS total,
       round((a.value + b.value) / w.value * 100, 9) AS share_percent,
       round((a.value + b.value) / w.value * 100, 2) AS share_percent_2dp,
       a.quote AS a_quote, a.section AS a_section, b.quote AS b_quote, b.section AS b_section,
       w.quote AS whole_quote, w.section AS whole_section
FROM plan_figures a, plan_figures b, plan_figures w
WHERE a.figure_id = $a AND b.figure_id = $b AND w.figure_id = $whole
  AND a.unit = b.unit AND b.unit = w.unit AND w.value <> 0;
