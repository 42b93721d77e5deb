-- Key projects per 上图方式 and geometry type (精准上图 = polygon, 示意上图 = point, 增补清单 = no geometry)
SELECT mapping_method,
       CASE WHEN geom IS NULL THEN 'NONE' ELSE upper(ST_GeometryType(geom)::VARCHAR) END AS geom_type,
       count(*) AS projects,
       (array_agg(project_id ORDER BY project_id))[1:10] AS examples
FROM key_projects
GROUP BY 1, 2
ORDER BY mapping_method, geom_type
