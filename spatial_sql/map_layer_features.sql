-- Layer polygons for the offline map, simplified for drawing (WKB, EPSG:4490)
-- $layers: layer names to draw, e.g. ['永久基本农田', '生态保护红线']
-- $version: 维护前 or 维护后
-- $tolerance: simplification tolerance in degrees (0 keeps every vertex)
SELECT layer, name, code, demo,
       ST_AsWKB(ST_SimplifyPreserveTopology(geom, $tolerance)) AS wkb
FROM layer_features
WHERE version = $version AND list_contains($layers, layer)
ORDER BY layer, feature_id
