-- One plan figure as a share of what is left of a whole once another part is taken out ("去掉撤销的，剩下的里面
-- 新增的占多少": 180 ÷ (564 − 22)), with all three quotes.
-- $part: plan_figures.figure_id of the part, e.g. 市域·重点建设项目·新增
-- $taken: plan_figures.figure_id of the part taken out, e.g. 市域·重点建设项目·撤销
-- $whole: plan_figures.figure_id of the whole, e.g. 市域·重点建设项目·总数
SELECT p.indicator, p.doc, p.unit,
       p.value_text AS part_text, t.value_text AS taken_text, w.value_text AS whole_text,
       -- rounding to 1e-9 drops binary floating-point noise; the _2dp column is what people read
       round(w.value - t.value, 9) AS rest,
       round(p.value / (w.value - t.value) * 100, 9) AS share_percent,
       round(p.value / (w.value - t.value) * 100, 2) AS share_percent_2dp,
       p.quote AS part_quote, p.section AS part_section, t.quote AS taken_quote, t.section AS taken_section,
       w.quote AS whole_quote, w.section AS whole_section
FROM plan_figures p, plan_figures t, plan_figures w
WHERE p.figure_id = $part AND t.figure_id = $taken AND w.figure_id = $whole
  AND p.unit = t.unit AND t.unit = w.unit AND w.value <> t.value;
