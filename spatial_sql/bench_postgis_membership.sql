-- Membership of many points, pushed to PostGIS as one spatial join (the GiST index finds candidates).
-- PostGIS only (unnest of two arrays WITH ORDINALITY); bench_duckdb_membership.sql is DuckDB's twin and
-- `yqplan bench --db-url` compares the two outputs before timing either.
-- $lons: longitudes (EPSG:4490), one array
-- $lats: latitudes, the same length; point i is (lons[i], lats[i]), numbered from 0
WITH pts AS (
    SELECT (p.n - 1)::BIGINT AS i, ST_Point(p.lon, p.lat) AS geom
    FROM unnest(CAST($lons AS DOUBLE PRECISION[]), CAST($lats AS DOUBLE PRECISION[])) WITH ORDINALITY AS p(lon, lat, n)
)
SELECT f.layer, f.version, array_agg(DISTINCT p.i ORDER BY p.i) AS inside
FROM pts p JOIN layer_features f ON ST_Intersects(f.geom, p.geom)
GROUP BY f.layer, f.version
ORDER BY f.layer, f.version
