-- Number of key projects per status (实施, 延续, 撤销, 更新, 新增)
SELECT status, count(*) AS projects
FROM key_projects
GROUP BY status
ORDER BY coalesce(list_position(ARRAY['实施', '延续', '撤销', '更新', '新增'], status), 99), status
