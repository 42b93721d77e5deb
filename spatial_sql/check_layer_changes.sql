-- What this maintenance took out of (调出) or added to (调入) each layer, geometry as WKB (EPSG:4490)
SELECT layer, change, feature_id, ST_AsWKB(geom) AS wkb
FROM layer_changes
ORDER BY layer, change, feature_id
