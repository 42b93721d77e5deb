-- Features of the given layers that meet a lon/lat box, geometry as WKB (EPSG:4490), for a check that reads only what is near it; reads the features table, not the layer_features view, so DuckDB uses its R-tree (PostGIS: GiST)
-- $layers: the layers to read (a list of names); a wider search asks only for the layers still unanswered
-- $xmin: west edge of the box (degrees)
-- $ymin: south edge of the box (degrees)
-- $xmax: east edge of the box (degrees)
-- $ymax: north edge of the box (degrees)
SELECT layer, version, feature_id, name, code, demo, ST_AsWKB(geom) AS wkb
FROM features
WHERE list_contains($layers, layer) AND ST_Intersects(geom, ST_MakeEnvelope($xmin, $ymin, $xmax, $ymax))
ORDER BY layer, version, feature_id
