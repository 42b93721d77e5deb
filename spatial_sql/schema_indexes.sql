-- R-tree indexes, created after the bulk load (faster than maintaining them row by row).
CREATE INDEX features_geom_rtree ON features USING RTREE (geom);
CREATE INDEX changes_geom_rtree ON changes USING RTREE (geom);
CREATE INDEX parcels_geom_rtree ON parcels USING RTREE (geom);
