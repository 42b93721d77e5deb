-- Every feature of the checked layers and admin boundaries, geometry as WKB (EPSG:4490), for the in-memory check index
SELECT layer, version, feature_id, name, code, demo, ST_AsWKB(geom) AS wkb
FROM layer_features
ORDER BY layer, version, feature_id
