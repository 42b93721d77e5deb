-- Planar area (EPSG:4526, m²) of 阳泉市 (行政区) and of 市辖区, from the 维护后 rows
SELECT '阳泉市' AS region,
       ST_Area(ST_Transform(ST_Union_Agg(geom), 'EPSG:4490', 'EPSG:4526', always_xy := true)) AS area_m2
FROM features WHERE layer = '行政区' AND name = '阳泉市' AND version = '维护后'
UNION ALL
SELECT '市辖区',
       ST_Area(ST_Transform(ST_Union_Agg(geom), 'EPSG:4490', 'EPSG:4526', always_xy := true))
FROM features WHERE layer = '市辖区' AND version = '维护后'
