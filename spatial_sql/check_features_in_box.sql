-- Features that meet a lon/lat box, geometry as WKB (EPSG:4490), for a one-shot check near one point; reads the features table, not the layer_features view, so DuckDB uses its R-tree
-- $xmin: west edge of the box (degrees)
-- $ymin: south edge of the box (degrees)
-- $xmax: east edge of the box (degrees)
-- $ymax: north edge of the box (degrees)
SELECT layer, version, feature_id, name, code, demo, ST_AsWKB(geom) AS wkb
FROM features
WHERE ST_Intersects(geom, ST_MakeEnvelope($xmin, $ymin, $xmax, $ymax))
ORDER BY layer, version, feature_id
