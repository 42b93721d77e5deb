-- Layer polygons for the offline map, simplified for drawing (WKB, EPSG:4490)
-- $layers: layer names to draw, e.g. ['永久基本农田', '生态保护红线']
-- $version: 维护前 or 维护后
-- $tolerance: simplification tolerance in degrees (0 keeps every vertex)
SELECT layer, feature_id, name, code, demo, area_m2,
       ST_AsWKB(ST_SimplifyPreserveTopology(geom, $tolerance)) AS wkb
FROM features
WHERE version = $version AND list_contains($layers, layer)
ORDER BY layer, feature_id
