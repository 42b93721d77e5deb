-- The gazetteer: every place name with its county and position (EPSG:4490)
SELECT name, kind, county, lon, lat, demo
FROM places
ORDER BY name, county
