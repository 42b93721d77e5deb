-- Plan figures stated with a given value and unit, other than the one a difference was computed from: the
-- 29.81 公顷 扩展规模 lost (973.98 − 944.17) is the 29.81 公顷 预留机动规模 the plan states.
-- $value: the value as computed, e.g. 29.81
-- $unit: its unit as the plan writes it, e.g. 公顷
-- $indicator: the indicator the difference is of, whose own figures are left out
SELECT figure_id, indicator, scope, phase, version, value, value_text, unit, doc, section, quote
FROM plan_figures
WHERE unit = $unit
  AND abs(value - CAST($value AS DOUBLE PRECISION)) < 1e-9
  AND NOT (indicator = $indicator AND phase IN ('维护前', '维护后', '扩展规模'))
ORDER BY ordinal;
