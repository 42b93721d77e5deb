-- Number of key projects per 上图方式 (精准上图, 示意上图, 增补清单)
SELECT mapping_method, count(*) AS projects
FROM key_projects
GROUP BY mapping_method
ORDER BY coalesce(list_position(ARRAY['精准上图', '示意上图', '增补清单'], mapping_method), 99), mapping_method
