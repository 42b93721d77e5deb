-- The categories the key-project list holds (交通, 水利 …), so a question can name one.
SELECT DISTINCT category
FROM key_projects
WHERE category IS NOT NULL AND category <> ''
ORDER BY category
