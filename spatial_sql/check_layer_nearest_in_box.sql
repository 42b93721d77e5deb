-- One layer's features in a lon/lat box that are nearest (per version, within 1 m of the least distance in EPSG:4526) to a point, geometry as WKB (EPSG:4490): the wider search of a one-shot check when nothing of the layer was near
-- $layer: the layer name
-- $x: the point's easting (EPSG:4526 metres)
-- $y: the point's northing (EPSG:4526 metres)
-- $xmin: west edge of the box (degrees)
-- $ymin: south edge of the box (degrees)
-- $xmax: east edge of the box (degrees)
-- $ymax: north edge of the box (degrees)
WITH near AS (
    SELECT layer, version, feature_id, name, code, demo, geom,
           ST_Distance(metric_geom(geom), ST_Point($x, $y)) AS d
    FROM features
    WHERE layer = $layer AND ST_Intersects(geom, ST_MakeEnvelope($xmin, $ymin, $xmax, $ymax))
)
SELECT layer, version, feature_id, name, code, demo, ST_AsWKB(geom) AS wkb
FROM near
WHERE d <= (SELECT min(n.d) FROM near n WHERE n.version = near.version) + 1.0
ORDER BY layer, version, feature_id
