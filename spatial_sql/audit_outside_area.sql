-- Area of each listed layer (per version) lying outside a boundary layer such as 市辖区 or 中心城区范围
-- $boundary_layer: the layer that must contain the others, e.g. 市辖区
-- $layers: list of layers to check, e.g. ['永久基本农田', '规划分区']
-- $min_area_m2: features sticking out less than this are not named in `worst`
WITH boundary AS (
    SELECT version, ST_Union_Agg(geom) AS geom FROM features WHERE layer = $boundary_layer GROUP BY version
), measured AS (
    SELECT f.layer, f.version, f.feature_id,
           CASE WHEN ST_Within(f.geom, b.geom) THEN 0.0
                ELSE metric_area(ST_Difference(f.geom, b.geom)) END AS outside_m2
    FROM features f JOIN boundary b ON b.version = f.version
    WHERE list_contains($layers, f.layer)
)
SELECT layer, version, count(*) AS features,
       count(*) FILTER (WHERE outside_m2 >= $min_area_m2) AS features_outside,
       sum(outside_m2) AS outside_m2,
       (coalesce(array_agg(feature_id ORDER BY outside_m2 DESC) FILTER (WHERE outside_m2 >= $min_area_m2),
                 ARRAY[]::VARCHAR[]))[1:10] AS worst
FROM measured
GROUP BY layer, version
ORDER BY layer, version
