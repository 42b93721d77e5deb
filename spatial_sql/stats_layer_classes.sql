-- The classes each layer's features carry (name and code, e.g. 规划分区 05 乡村发展区), with feature counts
SELECT layer, name, code, count(*) AS features
FROM layer_features
WHERE layer NOT IN ('行政区', '市辖区') AND name IS NOT NULL
GROUP BY layer, name, code
ORDER BY layer, code NULLS LAST, name
