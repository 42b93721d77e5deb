-- How 规划分区 zones and one control line disagree in one version: line area outside the zones, zone area outside the line
-- $version: 维护前 or 维护后
-- $line_layer: the control line, e.g. 生态保护红线
-- $zone_names: 规划分区 names that should cover (or equal) it, e.g. ['生态保护区']
-- Shared area is summed over intersecting pairs, so each layer's own patches must not overlap (checked elsewhere).
WITH line AS (SELECT geom FROM features WHERE version = $version AND layer = $line_layer),
     zone AS (SELECT geom FROM features
              WHERE version = $version AND layer = '规划分区' AND list_contains($zone_names, name)),
     shared AS (
         SELECT sum(metric_area(ST_Intersection(l.geom, z.geom))) AS m2
         FROM line l JOIN zone z ON ST_Intersects(l.geom, z.geom)
     ),
     totals AS (
         SELECT (SELECT coalesce(sum(metric_area(geom)), 0)
                 FROM line) AS line_m2,
                (SELECT coalesce(sum(metric_area(geom)), 0)
                 FROM zone) AS zone_m2,
                (SELECT coalesce(m2, 0) FROM shared) AS shared_m2
     )
SELECT line_m2, zone_m2, shared_m2,
       line_m2 - shared_m2 AS line_outside_zone_m2,
       zone_m2 - shared_m2 AS zone_outside_line_m2
FROM totals
