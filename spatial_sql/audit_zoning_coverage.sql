-- 规划分区 against 市辖区 per version: area not covered by any zone (gap) and area covered twice (overlap)
-- Overlap = sum of zone areas − area of their union, which is exact however many zones share a spot.
WITH region AS (
    SELECT version, ST_Union_Agg(geom) AS geom FROM features WHERE layer = '市辖区' GROUP BY version
), zones AS (
    SELECT version, ST_Union_Agg(geom) AS geom, count(*) AS zones,
           sum(metric_area(geom)) AS zone_sum_m2
    FROM features WHERE layer = '规划分区' GROUP BY version
)
SELECT r.version,
       coalesce(z.zones, 0) AS zones,
       metric_area(r.geom) AS region_m2,
       coalesce(metric_area(ST_Difference(r.geom, z.geom)),
                metric_area(r.geom)) AS gap_m2,
       coalesce(z.zone_sum_m2 - metric_area(z.geom),
                0.0) AS overlap_m2
FROM region r LEFT JOIN zones z ON z.version = r.version
ORDER BY r.version
