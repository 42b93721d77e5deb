-- Count and area (公顷, 亩; EPSG:4526) of a layer's features per phase and county (城区, 矿区, 郊区, 平定县, 盂县)
-- $layer: layer name, e.g. 城镇开发边界
-- $phases: list of phases, any of 维护前, 维护后 (the features of that version) and 调出, 调入 (the changes)
-- $class_code: '' or a code prefix: only features whose code starts with it (07 = 居住用地 and its sub-classes)
-- $class_name: '' or a feature name, matched whole or after a leading code ('0701 城镇住宅用地')
WITH counties AS MATERIALIZED (
    -- County-level units only: the city itself has an adcode ending in 00. Both versions are the same: 维护后 is used.
    SELECT name AS county, ll, ST_Boundary(ll) AS edge, metric_geom(ll) AS g
    FROM (SELECT name, ST_Union_Agg(geom) AS ll
          FROM layer_features
          WHERE layer = '行政区' AND code NOT LIKE '%00' AND version = '维护后'
          GROUP BY name) AS county_outlines
),
named AS (
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
    -- A feature crossing a county line (or holding a whole county) is clipped; any other lies wholly inside or
    -- wholly outside the county, and one point decides which.
    SELECT s.*, k.county, ST_Intersects(s.geom, k.edge) OR ST_Intersects(s.geom, ST_PointOnSurface(k.ll)) AS crossing
    FROM selected s JOIN counties k ON ST_Intersects_Extent(s.geom, k.ll)
    WHERE ($class_code = '' OR starts_with(s.code, $class_code))
      AND ($class_name = '' OR s.name = $class_name OR regexp_replace(s.name, '^[0-9]+\s+', '') = $class_name)
),
parts AS (
    SELECT c.phase, c.county,
           CASE WHEN NOT c.crossing THEN metric_area(c.geom)
                ELSE ST_Area(ST_Intersection(metric_geom(c.geom), k.g)) END AS m2
    FROM candidates c JOIN counties k USING (county)
    WHERE c.crossing OR ST_Intersects(ST_PointOnSurface(c.geom), k.ll)
)
SELECT CAST($layer AS VARCHAR) AS layer,
       phase,
       county,
       count(*) FILTER (WHERE m2 > 0) AS features,
       round(sum(m2) / 10000, 4) AS area_ha,
       round(sum(m2) / (10000.0 / 15), 2) AS area_mu
FROM parts
GROUP BY phase, county
HAVING sum(m2) > 0
ORDER BY list_position(CAST($phases AS VARCHAR[]), phase), area_ha DESC, county
