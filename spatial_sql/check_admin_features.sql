-- The administrative outlines (行政区 counties, 市辖区) whole, geometry as WKB (EPSG:4490), for a one-shot check's district and scope
SELECT layer, version, feature_id, name, code, demo, ST_AsWKB(geom) AS wkb
FROM features
WHERE layer IN ('行政区', '市辖区')
ORDER BY layer, version, feature_id
