-- Layers whose stored area_m2 disagrees with the geometry's area in EPSG:4526 (the figure check trusts area_m2)
-- $tolerance_m2: largest acceptable difference per feature, m²
WITH measured AS (
    SELECT layer, version AS phase, feature_id, area_m2,
           metric_area(geom) AS geom_m2
    FROM features WHERE area_m2 IS NOT NULL
    UNION ALL
    SELECT layer, change, feature_id, area_m2,
           metric_area(geom)
    FROM changes WHERE area_m2 IS NOT NULL
)
SELECT layer, phase, count(*) AS features_off, sum(abs(area_m2 - geom_m2)) AS diff_m2,
       (array_agg(feature_id ORDER BY abs(area_m2 - geom_m2) DESC))[1:10] AS examples
FROM measured
WHERE abs(area_m2 - geom_m2) > $tolerance_m2
GROUP BY layer, phase
ORDER BY layer, phase
