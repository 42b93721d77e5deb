-- One plan figure expressed in another unit of the same kind, with the exact factor used.
-- $figure_id: plan_figures.figure_id, e.g. 市辖区·永久基本农田·维护后
-- $unit: target unit: 公顷, 亩, 万亩, 平方千米, 平方米 (areas only convert to areas)
SELECT p.figure_id, p.indicator, p.phase, p.version, p.value_text, p.unit AS from_unit, t.unit AS to_unit,
       -- value × factor_num ÷ factor_den; e.g. 万亩 → 公顷 is × 10000 ÷ 15
       f.factor_num * t.factor_den AS factor_num,
       f.factor_den * t.factor_num AS factor_den,
       round(p.value * f.factor_num * t.factor_den / (f.factor_den * t.factor_num), 9) AS converted,
       round(p.value * f.factor_num * t.factor_den / (f.factor_den * t.factor_num), 2) AS converted_2dp,
       f.definition AS from_definition, t.definition AS to_definition,
       p.quote, p.section
FROM plan_figures p
JOIN unit_factors f ON f.unit = p.unit
JOIN unit_factors t ON t.unit = $unit AND t.norm_unit = f.norm_unit
WHERE p.figure_id = $figure_id;
