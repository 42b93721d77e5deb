-- Key projects within N metres (EPSG:4526) of a gazetteer place, nearest first
-- $place: exact place name from the places table, e.g. 河底镇
-- $distance_m: search radius in metres
WITH place AS (
    SELECT metric_geom(geom) AS g
    FROM places
    WHERE name = $place
    ORDER BY county
    LIMIT 1
),
projects AS (
    SELECT project_id, name, status, mapping_method, category, county,
           metric_geom(geom) AS g
    FROM key_projects
    WHERE geom IS NOT NULL
)
SELECT p.project_id, p.name, p.status, p.mapping_method, p.category, p.county,
       round(ST_Distance(p.g, place.g), 1) AS distance_m
FROM projects p, place
WHERE ST_DWithin(p.g, place.g, $distance_m)
ORDER BY distance_m, p.project_id
