-- Areas this maintenance took out of (调出) or added to (调入) the given layers, for the map (WKB)
-- $layers: layer names, e.g. ['永久基本农田', '生态保护红线', '城镇开发边界']
-- $tolerance: simplification tolerance in degrees (0 keeps every vertex)
SELECT layer, change,
       ST_AsWKB(ST_SimplifyPreserveTopology(geom, $tolerance)) AS wkb
FROM layer_changes
WHERE list_contains($layers, layer)
ORDER BY layer, change, feature_id
