-- Overlap of one red line with every layer and version, measured by the engine itself (m² in EPSG:4526).
-- Used to check that DuckDB and PostGIS measure the same areas (tests/check/test_backend_agreement.py).
-- $wkt: the red line as WKT, CGCS2000 lon/lat (EPSG:4490, x = longitude)
WITH red AS (SELECT ST_GeomFromText($wkt) AS g)
SELECT f.layer, f.version, count(*) AS features,
       sum(metric_area(ST_Intersection(f.geom, red.g))) AS overlap_m2
FROM features f, red
WHERE ST_Intersects(f.geom, red.g)
GROUP BY f.layer, f.version
ORDER BY f.layer, f.version
