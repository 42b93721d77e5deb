-- Maintenance changes (调入/调出) that meet a lon/lat box, geometry as WKB (EPSG:4490), for a one-shot check near one point
-- $xmin: west edge of the box (degrees)
-- $ymin: south edge of the box (degrees)
-- $xmax: east edge of the box (degrees)
-- $ymax: north edge of the box (degrees)
SELECT layer, change, feature_id, ST_AsWKB(geom) AS wkb
FROM changes
WHERE ST_Intersects(geom, ST_MakeEnvelope($xmin, $ymin, $xmax, $ymax))
ORDER BY layer, change, feature_id
