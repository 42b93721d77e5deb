-- One parcel by its 28-character 不动产单元号 or its 地块编号, geometry as WKB (EPSG:4490)
-- $unit_id: normalised 不动产单元号 (28 characters), or '' when looking up by 地块编号
-- $plot_no: 地块编号 as typed, or '' when looking up by 不动产单元号
SELECT unit_id, plot_no, county, land_use, demo, area_m2, ST_AsWKB(geom) AS wkb
FROM parcels
WHERE unit_id = $unit_id OR plot_no = $plot_no
ORDER BY unit_id
