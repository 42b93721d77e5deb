-- One layer's features that meet a lon/lat box, geometry as WKB (EPSG:4490): the wider search of a one-shot check when nothing of the layer was near enough
-- $layer: the layer name
-- $xmin: west edge of the box (degrees)
-- $ymin: south edge of the box (degrees)
-- $xmax: east edge of the box (degrees)
-- $ymax: north edge of the box (degrees)
SELECT layer, version, feature_id, name, code, demo, ST_AsWKB(geom) AS wkb
FROM features
WHERE layer = $layer AND ST_Intersects(geom, ST_MakeEnvelope($xmin, $ymin, $xmax, $ymax))
ORDER BY layer, version, feature_id
