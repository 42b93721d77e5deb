-- Area of one layer (one version) inside a district, 市辖区 or 中心城区范围, measured in EPSG:4526, in 公顷 and 亩
-- $layer: layer name, e.g. 永久基本农田
-- $version: 维护前 or 维护后
-- $area: 城区, 矿区, 郊区 (行政区 layer), 市辖区 or 中心城区范围
WITH boundary AS (
    -- always_xy is also passed explicitly, so the statement is right on any connection (db.connect sets it globally).
    -- Boundary layers are identical in both versions, so every stored copy is unioned.
    SELECT ST_Union_Agg(metric_geom(geom)) AS g
    FROM layer_features
    WHERE (layer = '行政区' AND name = $area)
       OR (layer = $area AND layer IN ('市辖区', '中心城区范围'))
),
feats AS (
    SELECT metric_geom(geom) AS g
    FROM layer_features
    WHERE layer = $layer AND version = $version
),
parts AS (
    SELECT ST_Area(ST_Intersection(f.g, b.g)) AS m2
    FROM feats f, boundary b
    WHERE ST_Intersects(f.g, b.g)
)
SELECT CAST($layer AS VARCHAR) AS layer,
       CAST($version AS VARCHAR) AS version,
       CAST($area AS VARCHAR) AS area,
       count(*) FILTER (WHERE m2 > 0) AS features,
       round(coalesce(sum(m2), 0) / 10000, 4) AS area_ha,
       round(coalesce(sum(m2), 0) / (10000.0 / 15), 2) AS area_mu
FROM parts
