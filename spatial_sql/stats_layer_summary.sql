-- Count and area (公顷, 亩; EPSG:4526) of a layer's features per phase, optionally clipped to an area and one class
-- $layer: layer name, e.g. 永久基本农田
-- $phases: list of phases, any of 维护前, 维护后 (the features of that version) and 调出, 调入 (the changes)
-- $area: '' for the whole layer, or 城区/矿区/郊区/平定县/盂县 (行政区), 市辖区 or 中心城区范围
-- $class_code: '' or a code prefix: only features whose code starts with it (07 = 居住用地 and its sub-classes)
-- $class_name: '' or a feature name, matched whole or after a leading code ('0701 城镇住宅用地')
WITH boundary AS MATERIALIZED (
    -- Boundary layers are the same in both versions: the 维护后 copy is used. Materialized once: the lon/lat
    -- outline selects features, its edge tells which of them need clipping, the metric copy clips them.
    SELECT ll, ST_Boundary(ll) AS edge, metric_geom(ll) AS g
    FROM (SELECT ST_Union_Agg(geom) AS ll
          FROM layer_features
          WHERE $area <> '' AND version = '维护后'
            AND ((layer = '行政区' AND name = $area) OR (layer = $area AND layer IN ('市辖区', '中心城区范围')))) AS outline
),
named AS (
    -- A change carries only its geometry: its name and code are those of the feature it came from or went to.
    SELECT DISTINCT ON (feature_id) feature_id, name, code
    FROM layer_features
    WHERE layer = $layer
    ORDER BY feature_id, version
),
selected AS (
    SELECT version AS phase, feature_id, name, code, geom
    FROM layer_features
    WHERE layer = $layer AND list_contains($phases, version)
    UNION ALL
    SELECT c.change, c.feature_id, n.name, n.code, c.geom
    FROM layer_changes c LEFT JOIN named n USING (feature_id)
    WHERE c.layer = $layer AND list_contains($phases, c.change)
),
candidates AS (
    -- A feature crossing the outline (or holding the whole area) is clipped; any other is wholly inside or
    -- wholly outside, and one point decides which.
    SELECT s.*, ST_Intersects(s.geom, b.edge) OR ST_Intersects(s.geom, ST_PointOnSurface(b.ll)) AS crossing
    FROM selected s, boundary b
    WHERE ($class_code = '' OR starts_with(s.code, $class_code))
      AND ($class_name = '' OR s.name = $class_name OR regexp_replace(s.name, '^[0-9]+\s+', '') = $class_name)
      AND ($area = '' OR ST_Intersects_Extent(s.geom, b.ll))
),
parts AS (
    SELECT c.phase, c.feature_id, c.name, c.code,
           CASE WHEN $area = '' OR NOT c.crossing THEN metric_area(c.geom)
                ELSE ST_Area(ST_Intersection(metric_geom(c.geom), b.g)) END AS m2
    FROM candidates c, boundary b
    WHERE $area = '' OR c.crossing OR ST_Intersects(ST_PointOnSurface(c.geom), b.ll)
)
, coverage AS (
    -- Whether the layer has any feature at all in the area (any version, any class): false means no data there.
    SELECT count(*) > 0 AS has_data
    FROM (SELECT 1 FROM layer_features f, boundary b
          WHERE f.layer = $layer
            AND ($area = '' OR (ST_Intersects_Extent(f.geom, b.ll) AND ST_Intersects(f.geom, b.ll))) LIMIT 1) AS hit
)
SELECT CAST($layer AS VARCHAR) AS layer,
       p.phase,
       CAST($area AS VARCHAR) AS area,
       count(parts.m2) FILTER (WHERE parts.m2 > 0) AS features,
       round(coalesce(sum(parts.m2), 0) / 10000, 4) AS area_ha,
       round(coalesce(sum(parts.m2), 0) / (10000.0 / 15), 2) AS area_mu,
       any_value(coverage.has_data) AS layer_has_data
FROM unnest(CAST($phases AS VARCHAR[])) AS p(phase)
LEFT JOIN parts ON parts.phase = p.phase
CROSS JOIN coverage
GROUP BY p.phase
ORDER BY list_position(CAST($phases AS VARCHAR[]), p.phase)
