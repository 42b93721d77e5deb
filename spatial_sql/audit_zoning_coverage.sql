-- 规划分区 against 市辖区 per version: area not covered by any zone (gap) and area covered twice (overlap)
-- Overlap = sum of zone areas − area of their union, which is exact however many zones share a spot.
WITH region AS (
    SELECT version, ST_Union_Agg(geom) AS geom FROM features WHERE layer = '市辖区' GROUP BY version
), zones AS (
    SELECT version, ST_Union_Agg(geom) AS geom, count(*) AS zones,
           sum(ST_Area(ST_Transform(geom, 'EPSG:4490', 'EPSG:4526', always_xy := true))) AS zone_sum_m2
    FROM features WHERE layer = '规划分区' GROUP BY version
)
SELECT r.version,
       coalesce(z.zones, 0) AS zones,
       ST_Area(ST_Transform(r.geom, 'EPSG:4490', 'EPSG:4526', always_xy := true)) AS region_m2,
       coalesce(ST_Area(ST_Transform(ST_Difference(r.geom, z.geom), 'EPSG:4490', 'EPSG:4526', always_xy := true)),
                ST_Area(ST_Transform(r.geom, 'EPSG:4490', 'EPSG:4526', always_xy := true))) AS gap_m2,
       coalesce(z.zone_sum_m2 - ST_Area(ST_Transform(z.geom, 'EPSG:4490', 'EPSG:4526', always_xy := true)),
                0.0) AS overlap_m2
FROM region r LEFT JOIN zones z ON z.version = r.version
ORDER BY r.version
