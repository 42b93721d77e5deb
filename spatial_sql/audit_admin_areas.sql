-- Planar area (EPSG:4526, m²) of 阳泉市 (行政区) and of 市辖区, from the 维护后 rows
SELECT '阳泉市' AS region,
       metric_area(ST_Union_Agg(geom)) AS area_m2
FROM features WHERE layer = '行政区' AND name = '阳泉市' AND version = '维护后'
UNION ALL
SELECT '市辖区',
       metric_area(ST_Union_Agg(geom))
FROM features WHERE layer = '市辖区' AND version = '维护后'
