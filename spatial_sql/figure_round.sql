-- A computed figure rounded to the decimals a question asks for ("保留一位小数", "保留整数"), half away from zero.
-- Rounded in exact decimal arithmetic, so 0.145 kept to two decimals is 0.15 (a double holds 0.14499…).
-- $value: the figure as another named statement computed it, e.g. 31.914893617 (180 ÷ 564 × 100)
-- $decimals: decimals to keep, 0 to 9
SELECT CAST($value AS DOUBLE PRECISION) AS computed, CAST($decimals AS INTEGER) AS decimals,
       CAST(round(CAST($value AS DECIMAL(38, 12)), CAST($decimals AS INTEGER)) AS DOUBLE PRECISION) AS rounded;
