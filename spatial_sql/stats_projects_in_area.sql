-- Key projects inside a county, 市辖区 or 中心城区范围 (增补清单 projects without geometry count by their county)
-- $area: 城区, 矿区, 郊区, 平定县, 盂县, 市辖区 or 中心城区范围
WITH boundary AS (
    SELECT ST_Union_Agg(geom) AS g
    FROM layer_features
    WHERE (layer = '行政区' AND name = $area)
       OR (layer = $area AND layer IN ('市辖区', '中心城区范围'))
)
SELECT p.project_id, p.name, p.status, p.mapping_method, p.category, p.county
FROM key_projects p, boundary b
WHERE (p.geom IS NOT NULL AND ST_Intersects(p.geom, b.g))
   OR (p.geom IS NULL AND p.county = $area)
ORDER BY p.project_id
