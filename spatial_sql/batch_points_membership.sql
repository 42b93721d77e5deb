-- Which of a batch of points lie in which layer features, as one spatial join inside the engine; per layer and version the sorted point numbers (0-based) inside
-- The points come in the temp table batch_points (i BIGINT, geom GEOMETRY) that SqlRunner.run_with_points
-- fills (PostGIS: COPY + GiST index). No parameters. The features are materialized first so PostGIS walks
-- them once and probes the points' index with each (its prepared-geometry cache then holds the polygon);
-- probing the features' index once per point instead re-reads a large polygon for every point.
WITH f AS MATERIALIZED (SELECT layer, version, geom FROM layer_features)
SELECT f.layer, f.version, array_agg(DISTINCT p.i ORDER BY p.i) AS inside
FROM f JOIN batch_points p ON ST_Intersects(f.geom, p.geom)
GROUP BY f.layer, f.version
ORDER BY f.layer, f.version
