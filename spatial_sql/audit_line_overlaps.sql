-- Feature pairs where two control lines overlap in one version (三线冲突), largest first
-- $version: 维护前 or 维护后
-- $layer_a: first control line layer, e.g. 永久基本农田
-- $layer_b: second control line layer, e.g. 城镇开发边界
-- $min_area_m2: pairs overlapping less than this (edge-touching neighbours give 0) are not listed
-- Constant filters on each side keep DuckDB on its R-tree SPATIAL_JOIN; a version = version join
-- condition would turn it into a hash join over all pairs.
WITH a AS (SELECT feature_id, geom FROM features WHERE version = $version AND layer = $layer_a),
     b AS (SELECT feature_id, geom FROM features WHERE version = $version AND layer = $layer_b),
     pairs AS (
         SELECT a.feature_id AS id_a, b.feature_id AS id_b,
                metric_area(ST_Intersection(a.geom, b.geom)) AS overlap_m2
         FROM a JOIN b ON ST_Intersects(a.geom, b.geom)
     )
SELECT id_a, id_b, overlap_m2
FROM pairs
WHERE overlap_m2 >= $min_area_m2
ORDER BY overlap_m2 DESC, id_a, id_b
