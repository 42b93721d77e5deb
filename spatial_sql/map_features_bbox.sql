-- One layer's features inside a lon/lat box as GeoJSON, simplified for the zoom level (staff web map)
-- $layer: layer name, e.g. '永久基本农田'
-- $version: 维护前 or 维护后
-- $lon0: west edge of the box (EPSG:4490 degrees)
-- $lat0: south edge of the box
-- $lon1: east edge of the box
-- $lat1: north edge of the box
-- $tolerance: simplification tolerance in degrees (about one screen pixel at the zoom level)
-- $limit: most features returned; the caller asks for one more to learn the box was cut
SELECT layer, version, feature_id, name, code, demo, area_m2,
       ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, $tolerance)) AS geojson
FROM features
WHERE layer = $layer AND version = $version
  AND ST_Intersects(geom, ST_MakeEnvelope($lon0, $lat0, $lon1, $lat1))
ORDER BY feature_id
LIMIT $limit
