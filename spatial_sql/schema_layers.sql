-- Layer database schema (format version in meta.format_version). Geometries EPSG:4490, x = longitude.
-- Areas are measured in EPSG:4526 (CGCS2000 3-degree GK zone 38) and stored in area_m2.

CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);

-- One row per feature per version; layers the maintenance did not change are stored under both.
CREATE TABLE features (
    layer      VARCHAR NOT NULL,   -- 永久基本农田, 生态保护红线, 城镇开发边界, 历史文化保护线, 洪涝风险控制线,
                                   -- 城市绿线, 城市紫线, 规划分区, 中心城区用地, 中心城区范围, 市辖区, 行政区
    version    VARCHAR NOT NULL,   -- 维护前 | 维护后
    feature_id VARCHAR NOT NULL,
    name       VARCHAR,            -- zone name, land-use name, site name, county name
    code       VARCHAR,            -- land-use code (2023 用地用海分类), zone code, adcode
    demo       BOOLEAN NOT NULL,   -- true for generated demo features
    source     VARCHAR NOT NULL,   -- 'demo' or the imported file
    area_m2    DOUBLE,             -- planar area in EPSG:4526
    geom       GEOMETRY NOT NULL
);

-- What this maintenance took out of (调出) or added to (调入) a layer.
CREATE TABLE changes (
    layer      VARCHAR NOT NULL,
    change     VARCHAR NOT NULL,   -- 调出 | 调入
    feature_id VARCHAR NOT NULL,
    demo       BOOLEAN NOT NULL,
    area_m2    DOUBLE,
    geom       GEOMETRY NOT NULL
);

-- Per layer: where its data came from (drives the demo banner in the UI).
CREATE TABLE layer_status (
    layer         VARCHAR PRIMARY KEY,
    demo          BOOLEAN NOT NULL,
    source        VARCHAR NOT NULL,
    feature_count INTEGER NOT NULL,
    loaded_at     TIMESTAMP NOT NULL
);

CREATE TABLE key_projects (
    project_id     VARCHAR PRIMARY KEY,
    name           VARCHAR NOT NULL,
    status         VARCHAR NOT NULL,  -- 实施 | 延续 | 撤销 | 更新 | 新增
    mapping_method VARCHAR NOT NULL,  -- 精准上图 (polygon) | 示意上图 (point) | 增补清单 (no geometry)
    category       VARCHAR,           -- 交通, 能源, 水利, 公共服务 …
    county         VARCHAR,
    demo           BOOLEAN NOT NULL,
    geom           GEOMETRY           -- NULL for 增补清单
);

CREATE TABLE parcels (
    unit_id   VARCHAR PRIMARY KEY,    -- 28-character 不动产单元号 (GB/T 37346)
    plot_no   VARCHAR UNIQUE,         -- 地块编号
    county    VARCHAR,
    land_use  VARCHAR,
    demo      BOOLEAN NOT NULL,
    area_m2   DOUBLE,
    geom      GEOMETRY NOT NULL
);

CREATE TABLE places (
    name    VARCHAR NOT NULL,
    kind    VARCHAR NOT NULL,         -- 镇 | 乡 | 街道 | 村 | 地标
    county  VARCHAR,
    lon     DOUBLE NOT NULL,
    lat     DOUBLE NOT NULL,
    demo    BOOLEAN NOT NULL,         -- true when the position is approximate (demo gazetteer)
    geom    GEOMETRY NOT NULL         -- POINT, EPSG:4490
);

CREATE VIEW layer_features AS
    SELECT layer, version, feature_id, name, code, demo, geom FROM features;

CREATE VIEW layer_changes AS
    SELECT layer, change, feature_id, geom FROM changes;
