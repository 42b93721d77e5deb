-- The database's data version: a new value after every build and every import, so in-memory caches reload
SELECT value AS data_version
FROM meta
WHERE key = 'data_version'
