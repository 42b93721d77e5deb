-- Demo flag and source of each layer, so a check never hides that it used demo data
SELECT layer, demo, source
FROM layer_status
ORDER BY layer
