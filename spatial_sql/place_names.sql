-- Names in the gazetteer, longest first, so routing finds "河底镇" before "河底".
SELECT DISTINCT name, length(name) AS n FROM places ORDER BY n DESC, name
