-- Every figure extracted from the plan text (table plan_figures, built by `yqplan build`)
SELECT figure_id, indicator, scope, phase, version, value, value_text, unit, norm_value, norm_unit,
       section, quote, note
FROM plan_figures
ORDER BY ordinal
