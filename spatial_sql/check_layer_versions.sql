-- Which layer and version pairs the database holds, so a one-shot check knows every version it must answer for
SELECT DISTINCT layer, version
FROM features
ORDER BY layer, version
