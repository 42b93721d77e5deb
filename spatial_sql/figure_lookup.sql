-- Plan figures for an indicator, phase, version and scope, each with the sentence that states it.
-- $indicator: indicator, e.g. 永久基本农田, 城市紫线, 国土面积; '' for any
-- $phase: 维护前, 维护后, 调出, 调入, 扩展规模, 预留机动, 扩展倍数, 占比, 总数, 实施 … ; '' for any
-- $version: 维护前 or 维护后 (which plan version the figure describes); '' for any
-- $scope: 市域, 市辖区 or 中心城区; '' for any
SELECT figure_id, indicator, scope, phase, version, value, value_text, unit, norm_value, norm_unit,
       note, doc, section, quote
FROM plan_figures
WHERE (coalesce($indicator, '') = '' OR indicator = $indicator)
  AND (coalesce($phase, '') = '' OR phase = $phase)
  AND (coalesce($version, '') = '' OR version = $version)
  AND (coalesce($scope, '') = '' OR scope = $scope)
ORDER BY ordinal;
