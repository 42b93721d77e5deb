-- Feature count and total area (m², stored area_m2 where present) of every layer version and change set
SELECT 'features' AS source, layer, version AS phase, count(*) AS features,
       sum(coalesce(area_m2, metric_area(geom))) AS area_m2
FROM features
GROUP BY layer, version
UNION ALL
SELECT 'changes', layer, change, count(*),
       sum(coalesce(area_m2, metric_area(geom)))
FROM changes
GROUP BY layer, change
ORDER BY source DESC, layer, phase
