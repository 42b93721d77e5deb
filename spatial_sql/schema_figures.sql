-- Plan figures (the numbers the plan text states) and the unit factors every conversion uses.
-- Built by assistant.figures.load_figures; answered through figure_*.sql.

-- One row per number stated in the plan, with the sentence it comes from.
CREATE TABLE plan_figures (
    figure_id  VARCHAR PRIMARY KEY,  -- scope·indicator·phase[·version], e.g. 市辖区·城镇开发边界·扩展规模·维护后
    indicator  VARCHAR NOT NULL,     -- 永久基本农田, 生态保护红线, 城镇开发边界, 历史文化保护线, 文物保护单位,
                                     -- 洪涝风险控制线, 城市绿线, 城市紫线, 重点建设项目, 国土面积, 中心城区面积
    scope      VARCHAR,              -- 市域 | 市辖区 | 中心城区
    phase      VARCHAR NOT NULL,     -- 维护前 | 维护后 | 调出 | 调入 | 扩展规模 | 预留机动 | 扩展倍数 | 占比 |
                                     -- 总数 | 实施 | 延续 | 撤销 | 更新 | 新增 | 国家级 | 省级 | 现状
    version    VARCHAR,              -- 维护前 | 维护后 | NULL: which plan version the figure describes
                                     -- (扩展规模 is stated for both; 调出/调入/项目 describe the maintenance itself)
    value      DOUBLE NOT NULL,
    value_text VARCHAR NOT NULL,     -- the number as written, e.g. 9387.50 (keeps its precision)
    unit       VARCHAR NOT NULL,     -- as written: 万亩, 公顷, 平方千米, 平方米, 倍, %, 项, 处
    norm_value DOUBLE,               -- value in norm_unit, via unit_factors
    norm_unit  VARCHAR,              -- 公顷 for areas; 项, 处, 倍, % otherwise
    doc        VARCHAR NOT NULL,
    section    VARCHAR NOT NULL,     -- heading path: 四、动态维护方案 > （一）三条控制线维护 > 2.生态保护红线
    quote      VARCHAR NOT NULL,     -- verbatim sentence containing the figure
    note       VARCHAR,              -- what the sentence says about change, e.g. 本次动态维护不涉及生态保护红线调整
    ordinal    INTEGER NOT NULL      -- position in the document
);

-- value_in_unit = value * factor_num / factor_den; the factors are exact so answers can show the arithmetic.
-- 1 万亩 = 10000 亩; 1 公顷 = 15 亩; 1 平方千米 = 100 公顷; 1 平方米 = 0.0001 公顷.
CREATE TABLE unit_factors AS
SELECT unit::VARCHAR AS unit, norm_unit::VARCHAR AS norm_unit,
       factor_num::DOUBLE AS factor_num, factor_den::DOUBLE AS factor_den,
       factor_num::DOUBLE / factor_den::DOUBLE AS to_norm, definition::VARCHAR AS definition
FROM (VALUES
    ('公顷',     '公顷', 1.0,     1.0,     '公顷为面积的统一单位'),
    ('亩',       '公顷', 1.0,     15.0,    '1 公顷 = 15 亩'),
    ('万亩',     '公顷', 10000.0, 15.0,    '1 万亩 = 10000 亩，1 公顷 = 15 亩'),
    ('平方千米', '公顷', 100.0,   1.0,     '1 平方千米 = 100 公顷'),
    ('平方米',   '公顷', 1.0,     10000.0, '1 公顷 = 10000 平方米'),
    ('项',       '项',   1.0,     1.0,     '项目计数'),
    ('处',       '处',   1.0,     1.0,     '点位计数'),
    ('倍',       '倍',   1.0,     1.0,     '倍数'),
    ('%',        '%',    1.0,     1.0,     '百分比')
) AS f(unit, norm_unit, factor_num, factor_den, definition);
