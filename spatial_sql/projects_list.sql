-- Key projects filtered by status and 上图方式 ('' means any), with their county
-- $status: 实施, 延续, 撤销, 更新, 新增, or '' for all
-- $method: 精准上图, 示意上图, 增补清单, or '' for all
-- $category: a category the list itself holds (交通, 水利 …), or '' for all
SELECT project_id, name, status, mapping_method, category, county
FROM key_projects
WHERE ($status = '' OR status = $status)
  AND ($method = '' OR mapping_method = $method)
  AND ($category = '' OR category = $category)
ORDER BY project_id
