-- Where each layer's data came from (demo or imported), for the demo banner and the report
SELECT layer, demo, source, feature_count
FROM layer_status
ORDER BY layer
