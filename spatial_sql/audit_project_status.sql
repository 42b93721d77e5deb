-- Number of key projects (重点建设项目) per status
SELECT status, count(*) AS projects
FROM key_projects
GROUP BY status
ORDER BY status
