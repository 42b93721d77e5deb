"""The layer database: DuckDB connection, the one guarded SQL runner, schema/build/swap, real-data import,
audit, admin areas, places, 不动产单元号, land-use codes, statistics, plan figures; the PostGIS backend
(postgis.py: connections, dialect seam, reads; pg_load.py: atomic loads into a server store).

May import: plan, shared top-level modules; layers.build alone may import demo.
"""
