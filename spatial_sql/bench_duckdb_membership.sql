-- Benchmark peer: which points of a CSV lie in which layer features, by DuckDB's SPATIAL_JOIN; per layer and version the sorted row numbers (0-based) of the points inside
-- $csv: path of the points CSV (header id,lon,lat; EPSG:4490 degrees)
WITH pts AS (
    SELECT (row_number() OVER () - 1)::BIGINT AS i, ST_Point(lon, lat) AS geom
    FROM read_csv($csv, header = true, columns = {'id': 'VARCHAR', 'lon': 'DOUBLE', 'lat': 'DOUBLE'})
)
SELECT f.layer, f.version, list_sort(list(DISTINCT p.i)) AS inside
FROM pts p JOIN layer_features f ON ST_Intersects(f.geom, p.geom)
GROUP BY f.layer, f.version
ORDER BY f.layer, f.version
