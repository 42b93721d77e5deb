-- The features of the given layers under one point, with their areas (the web map's 图斑 popup)
-- $layers: layer names, e.g. ['永久基本农田', '生态保护红线']
-- $version: 维护前 or 维护后
-- $lon: longitude (EPSG:4490)
-- $lat: latitude (EPSG:4490)
SELECT layer, version, feature_id, name, code, demo, area_m2
FROM features
WHERE version = $version AND list_contains($layers, layer)
  AND ST_Intersects(geom, ST_Point($lon, $lat))
ORDER BY layer, feature_id
