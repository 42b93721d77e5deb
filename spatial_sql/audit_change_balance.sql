-- One changed layer: 维护前 − 调出 + 调入 vs 维护后, 调出 area outside 维护前, 调入 area inside 维护前 (m²)
-- $layer: the changed layer, e.g. 城市绿线
-- Areas come from the geometries; 维护前 patches are assumed not to overlap each other (checked elsewhere).
WITH before AS (SELECT geom FROM features WHERE layer = $layer AND version = '维护前'),
     after AS (SELECT geom FROM features WHERE layer = $layer AND version = '维护后'),
     taken AS (SELECT feature_id, geom FROM changes WHERE layer = $layer AND change = '调出'),
     added AS (SELECT feature_id, geom FROM changes WHERE layer = $layer AND change = '调入'),
     taken_in_before AS (
         SELECT sum(metric_area(ST_Intersection(t.geom, b.geom))) AS m2
         FROM taken t JOIN before b ON ST_Intersects(t.geom, b.geom)
     ),
     added_in_before AS (
         SELECT sum(metric_area(ST_Intersection(a.geom, b.geom))) AS m2
         FROM added a JOIN before b ON ST_Intersects(a.geom, b.geom)
     ),
     totals AS (
         SELECT (SELECT coalesce(sum(metric_area(geom)), 0)
                 FROM before) AS before_m2,
                (SELECT coalesce(sum(metric_area(geom)), 0)
                 FROM taken) AS out_m2,
                (SELECT coalesce(sum(metric_area(geom)), 0)
                 FROM added) AS in_m2,
                (SELECT coalesce(sum(metric_area(geom)), 0)
                 FROM after) AS after_m2
     )
SELECT before_m2, out_m2, in_m2, after_m2,
       before_m2 - out_m2 + in_m2 - after_m2 AS balance_diff_m2,
       out_m2 - coalesce((SELECT m2 FROM taken_in_before), 0) AS out_not_in_before_m2,
       coalesce((SELECT m2 FROM added_in_before), 0) AS in_inside_before_m2
FROM totals
