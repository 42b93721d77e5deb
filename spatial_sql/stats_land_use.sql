-- Land-use composition of 中心城区 in one version: code, name, area (公顷, 亩, EPSG:4526) and share of the total
-- $version: 维护前 or 维护后
WITH parts AS (
    SELECT code, name, metric_area(geom) AS m2
    FROM layer_features
    WHERE layer = '中心城区用地' AND version = $version
)
SELECT code,
       name,
       round(sum(m2) / 10000, 4) AS area_ha,
       round(sum(m2) / (10000.0 / 15), 2) AS area_mu,
       round(sum(m2) / (SELECT sum(m2) FROM parts), 4) AS share
FROM parts
GROUP BY code, name
ORDER BY code, name
