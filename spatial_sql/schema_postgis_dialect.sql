-- The PostGIS side of the SQL dialect (issue 13): functions named as DuckDB names them, so every named
-- statement in spatial_sql/ runs unchanged on both engines. Created inside each loaded store schema
-- (search_path: store schema, public), so they are swapped in together with the data they serve.
-- Geometries in the store have SRID 0 and hold CGCS2000 lon/lat (EPSG:4490, x = longitude), exactly as
-- in DuckDB; constants like ST_Point($lon, $lat) have SRID 0 too, so no statement mixes SRIDs.

-- EPSG:4490 -> EPSG:4526 (x = easting with the zone-38 prefix), returned as SRID 0 like the input.
CREATE FUNCTION metric_geom(g geometry) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ST_SetSRID(ST_Transform(ST_SetSRID(g, 4490), 4526), 0);

CREATE FUNCTION metric_area(g geometry) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ST_Area(ST_Transform(ST_SetSRID(g, 4490), 4526));

-- DuckDB's bounding-box test; && uses the GiST index.
CREATE FUNCTION st_intersects_extent(a geometry, b geometry) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN a OPERATOR(public.&&) b;

CREATE FUNCTION st_aswkb(g geometry) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ST_AsBinary(g);

-- DuckDB names the type without the ST_ prefix ('POLYGON'); earlier in search_path than PostGIS's own.
CREATE FUNCTION st_geometrytype(g geometry) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN GeometryType(g);

-- Lists of names arrive as untyped parameters: text[] signatures let PostgreSQL type them.
CREATE FUNCTION list_contains(items text[], item text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN item = ANY(items);

CREATE FUNCTION list_position(items text[], item text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN array_position(items, item);

-- PostgreSQL rounds only numeric to n places; DuckDB rounds doubles and returns doubles.
CREATE FUNCTION round(x double precision, places integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN round(x::numeric, places)::double precision;

CREATE FUNCTION first_not_null(state anyelement, x anyelement) RETURNS anyelement
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS 'SELECT coalesce(state, x)';

-- any_value is built in from PostgreSQL 16 on.
CREATE AGGREGATE any_value(anyelement) (SFUNC = first_not_null, STYPE = anyelement);

CREATE AGGREGATE st_union_agg(geometry) (SFUNC = array_append, STYPE = geometry[], FINALFUNC = ST_Union);
