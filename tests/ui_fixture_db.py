"""A tiny layer database for the UI tests: three control lines, zones, land use, two changes (demo)."""

from __future__ import annotations

from pathlib import Path

from assistant.layers import db

SCHEMA = Path(__file__).resolve().parent.parent / "spatial_sql" / "schema_layers.sql"


def box(x0, y0, x1, y1):
    return f"POLYGON(({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0}))"


FEATURES = [  # layer, feature_id, name, code, wkt (same geometry for both versions unless noted)
    ("永久基本农田", "JBNT-1", "基本农田片1", None, box(113.55, 37.85, 113.60, 37.88)),
    ("生态保护红线", "STHX-1", "生态红线片1", None, box(113.62, 37.90, 113.66, 37.94)),
    ("城镇开发边界", "CZKF-1", "中心城区", None, box(113.50, 37.82, 113.65, 37.89)),
    ("规划分区", "GHFQ-1", "城镇发展区", "CZFZ", box(113.50, 37.82, 113.65, 37.89)),
    ("规划分区", "GHFQ-2", "生态保护区", "STBH", box(113.62, 37.90, 113.66, 37.94)),
    ("中心城区用地", "YD-1", "居住用地", "0701", box(113.55, 37.84, 113.58, 37.86)),
    ("中心城区用地", "YD-2", "公园绿地", "1401", box(113.58, 37.84, 113.60, 37.86)),
    ("中心城区范围", "ZXCQ", "中心城区", None, box(113.54, 37.83, 113.61, 37.87)),
]


def make_layer_db(path: Path) -> Path:
    con = db.connect(path)
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    for version in ("维护前", "维护后"):
        for layer, fid, name, code, wkt in FEATURES:
            con.execute("INSERT INTO features VALUES (?, ?, ?, ?, ?, true, 'demo', 0, ST_GeomFromText(?))",
                        [layer, version, fid, name, code, wkt])
    con.execute("INSERT INTO changes VALUES ('永久基本农田', '调出', 'C1', true, 0, ST_GeomFromText(?))",
                [box(113.55, 37.85, 113.56, 37.86)])
    con.execute("INSERT INTO changes VALUES ('城镇开发边界', '调入', 'C2', true, 0, ST_GeomFromText(?))",
                [box(113.64, 37.88, 113.65, 37.89)])
    for layer in sorted({f[0] for f in FEATURES}):
        con.execute("INSERT INTO layer_status VALUES (?, true, 'demo', 1, now())", [layer])
    con.close()
    return path
