-- Benchmark peer: the layer features that contain one lon/lat point, straight from DuckDB's R-tree (a one-shot membership check)
-- $lon: longitude (EPSG:4490 degrees)
-- $lat: latitude (EPSG:4490 degrees)
SELECT layer, version, feature_id
FROM features
WHERE ST_Intersects(geom, ST_Point($lon, $lat))
ORDER BY layer, version, feature_id
