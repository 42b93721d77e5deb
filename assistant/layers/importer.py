"""`yqplan import CONFIG.toml`: load staff's real layers into the layer database, all or nothing."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd
import shapely

from ..errors import ImportFailed
from ..settings import Settings
from . import db
from .import_source import CRS_CHOICES, ENCODING_CHOICES, SourceData, read_server_table, read_source
from .lock import writer_lock
from .postgis import is_url

LAYERS = ("永久基本农田", "生态保护红线", "城镇开发边界", "历史文化保护线", "洪涝风险控制线", "城市绿线",
          "城市紫线", "规划分区", "中心城区用地", "中心城区范围", "市辖区", "行政区")
VERSIONS = {"维护前": ("维护前",), "维护后": ("维护后",), "both": ("维护前", "维护后")}
CHANGES = ("调出", "调入")
# Keys of a [[layer]]/[[change]] table besides `version`/`change`.
_ENTRY_KEYS = ("layer", "path", "table", "name_field", "code_field", "id_field", "crs", "encoding")
AREA_SQL = "ST_Area(ST_Transform(ST_GeomFromWKB(wkb), 'EPSG:4490', 'EPSG:4526', always_xy := true))"


@dataclass
class Entry:
    """One [[layer]] or [[change]] table of the config."""

    kind: str                    # layer | change
    layer: str
    target: str                  # version (维护前/维护后/both) or change (调出/调入)
    path: Path
    table: str | None = None
    name_field: str | None = None
    code_field: str | None = None
    id_field: str | None = None
    crs: str = "auto"
    encoding: str = "auto"
    url: str | None = None       # a bureau's PostGIS server: `table` is read there in place (issue 13)

    @property
    def label(self) -> str:
        return f"{self.layer}（{self.target}）"


@dataclass
class LayerReport:
    label: str
    source: str
    crs: str
    encoding: str
    read: int
    repaired: int
    unusable: int
    outside_dropped: int
    partly_outside: int
    imported: int
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    config: Path
    db_path: Path | str  # the DuckDB file, or the PostGIS URL (password hidden)
    layers: list[LayerReport] = field(default_factory=list)
    still_demo: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"导入完成：{self.config} → {self.db_path}", "",
                 "| 图层 | 文件 | 坐标系 | 编码 | 读取 | 修复 | 无效丢弃 | 市外丢弃 | 跨市界保留 | 导入 |",
                 "|---|---|---|---|---|---|---|---|---|---|"]
        for r in self.layers:
            lines.append(f"| {r.label} | {r.source} | {r.crs} | {r.encoding} | {r.read} | {r.repaired} | "
                         f"{r.unusable} | {r.outside_dropped} | {r.partly_outside} | {r.imported} |")
        notes = [f"- {r.label}：{n}" for r in self.layers for n in r.notes]
        if self.still_demo:
            notes.append(f"- 以下图层仍含演示要素（只导入了部分版本）：{'、'.join(self.still_demo)}")
        if notes:
            lines += ["", "说明：", *notes]
        lines += ["", "建议接着运行 `yqplan audit` 核对面积与三线冲突。"]
        return "\n".join(lines)


def _choice(raw: dict, key: str, allowed, where: str, default=None) -> str:
    value = raw.get(key, default)
    if value is None:
        raise ImportFailed(f"配置 {where} 缺少 {key}。")
    if value not in allowed:
        raise ImportFailed(f"配置 {where} 的 {key} = \"{value}\" 无效，可选：{'、'.join(allowed)}。")
    return value


def _optional(raw: dict, key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise ImportFailed(f"配置 {where} 的 {key} 须为字符串。")
    return value or None


def load_config(config_path: Path) -> list[Entry]:
    """Parse and validate the TOML config; relative paths resolve against its folder."""
    if not config_path.is_file():
        raise ImportFailed(f"配置文件 {config_path} 不存在。")
    try:
        data = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"配置文件 {config_path} 不是有效的 UTF-8 TOML：{exc}") from exc
    unknown = set(data) - {"layer", "change"}
    if unknown:
        raise ImportFailed(f"配置文件含未知的表 {sorted(unknown)}，只支持 [[layer]] 和 [[change]]。")
    entries = []
    for kind, key, allowed in (("layer", "version", tuple(VERSIONS)), ("change", "change", CHANGES)):
        tables = data.get(kind, [])
        # `[layer]` or `layer = "…"` instead of `[[layer]]` parses, but is not a list of tables.
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise ImportFailed(f"配置文件中的 {kind} 须写成 [[{kind}]] 表（每个文件一段，注意是双方括号）。")
        for i, raw in enumerate(tables, 1):
            where = f"第 {i} 个 [[{kind}]]"
            # A misspelt key (e.g. name_feild) would otherwise be ignored and its column silently left empty.
            unknown_keys = sorted(set(raw) - {key, *_ENTRY_KEYS})
            if unknown_keys:
                raise ImportFailed(f"配置 {where} 含未知的键 {unknown_keys}，可用的键：{'、'.join((key, *_ENTRY_KEYS))}。"
                                   "请检查拼写。")
            path = _optional(raw, "path", where)
            if not path:
                raise ImportFailed(f"配置 {where} 缺少 path。")
            url = path if is_url(path) else None
            if url and not _optional(raw, "table", where):
                raise ImportFailed(f"配置 {where} 的 path 是 PostGIS 地址，须用 table 指明表，如 table = \"ghj.yjjbnt\"。")
            full = Path(_optional(raw, "table", where) or "") if url else \
                Path(path) if Path(path).is_absolute() else config_path.parent / path
            entries.append(Entry(
                kind, _choice(raw, "layer", LAYERS, where), _choice(raw, key, allowed, where), full,
                _optional(raw, "table", where), _optional(raw, "name_field", where),
                _optional(raw, "code_field", where), _optional(raw, "id_field", where),
                _choice(raw, "crs", CRS_CHOICES, where, "auto"),
                _choice(raw, "encoding", ENCODING_CHOICES, where, "auto"), url))
    if not entries:
        raise ImportFailed(f"配置文件 {config_path} 没有任何 [[layer]] 或 [[change]]。")
    return entries


def city_boundary(db_path: Path) -> shapely.Geometry:
    """The 阳泉市 feature of the 行政区 layer, used to drop features that are not in the city."""
    con = db.connect(db_path, read_only=True)
    try:
        row = con.execute("SELECT ST_AsWKB(ST_Union_Agg(geom)) FROM features "
                          "WHERE layer = '行政区' AND name = '阳泉市'").fetchone()
    finally:
        con.close()
    if not row or row[0] is None:
        raise ImportFailed(f"数据库 {db_path} 中没有“行政区/阳泉市”要素，无法判断要素是否在市域内。"
                           "请先运行 `yqplan build`。")
    return shapely.from_wkb(bytes(row[0]))


def _rows(entry: Entry, data: SourceData, city: shapely.Geometry) -> tuple[pd.DataFrame, LayerReport]:
    keep = ~shapely.is_missing(data.geoms)
    geoms = data.geoms
    inside = shapely.within(geoms, city) & keep
    touching = shapely.intersects(geoms, city) & keep
    partly, outside = touching & ~inside, keep & ~touching
    chosen = keep & touching
    ids = data.columns.get(entry.id_field) if entry.id_field else None
    stem = entry.path.stem
    frame = pd.DataFrame({
        "feature_id": [(ids[i] if ids and ids[i] else f"{stem}-{i + 1}") for i in range(len(geoms))],
        "name": data.columns.get(entry.name_field, [None] * len(geoms)),
        "code": data.columns.get(entry.code_field, [None] * len(geoms)),
        "wkb": [shapely.to_wkb(g) if g is not None else None for g in geoms],
    })[chosen]
    report = LayerReport(entry.label, entry.path.name, data.crs_note, data.encoding, data.read, data.repaired,
                         data.dropped_empty, int(outside.sum()), int(partly.sum()), int(chosen.sum()),
                         list(data.notes))
    if report.imported == 0:
        raise ImportFailed(f"文件 {entry.path}：没有任何要素落在阳泉市内（读取 {data.read} 个），"
                           "坐标系可能不对，请检查配置中的 crs。")
    return frame, report


def _write(con, entries: list[Entry], frames: list[pd.DataFrame], when: datetime) -> list[str]:
    """Replace the configured layer/version and change rows; returns layers that still hold demo rows."""
    for entry in entries:
        if entry.kind == "layer":
            con.execute("DELETE FROM features WHERE layer = ? AND version IN (SELECT unnest(?))",
                        [entry.layer, list(VERSIONS[entry.target])])
        else:
            con.execute("DELETE FROM changes WHERE layer = ? AND change = ?", [entry.layer, entry.target])
    for entry, frame in zip(entries, frames, strict=True):
        con.register("incoming", frame)
        if entry.kind == "layer":
            for version in VERSIONS[entry.target]:
                con.execute(f"INSERT INTO features SELECT ?, ?, feature_id, name, code, false, ?, {AREA_SQL}, "
                            "ST_GeomFromWKB(wkb) FROM incoming", [entry.layer, version, entry.path.name])
        else:
            con.execute(f"INSERT INTO changes SELECT ?, ?, feature_id, false, {AREA_SQL}, ST_GeomFromWKB(wkb) "
                        "FROM incoming", [entry.layer, entry.target])
        con.unregister("incoming")
    from .build import new_data_version, write_layer_status

    write_layer_status(con, when)  # one definition of a layer's status, shared with the build
    layers = list(dict.fromkeys(e.layer for e in entries))
    still_demo = [r[0] for r in con.execute(
        "SELECT layer FROM layer_status WHERE demo AND list_contains($layers, layer)", {"layers": layers}).fetchall()]
    con.execute("DELETE FROM meta WHERE key IN ('last_import', 'data_version')")
    con.execute("INSERT INTO meta VALUES ('last_import', ?)", [when.isoformat(timespec="seconds")])
    con.execute("INSERT INTO meta VALUES ('data_version', ?)", [new_data_version()])
    return still_demo


def import_layers(config_path: str | Path, settings: Settings,
                  progress: Callable[[str], None] | None = None) -> ImportReport:
    """Read every configured file, then replace their rows in one atomic swap of the database."""
    from .build import atomic_database

    say = progress or (lambda _msg: None)
    config_path = Path(config_path).resolve()
    db_path = Path(settings.db_path)
    entries = load_config(config_path)
    if not db_path.exists():
        raise ImportFailed(f"图层数据库 {db_path} 不存在，请先运行 `yqplan build` 再导入。")
    city = city_boundary(db_path)
    shapely.prepare(city)
    report, frames = ImportReport(config_path, db_path), []
    # Every file is read and checked before the database is touched, so a bad file costs nothing.
    for entry in entries:
        say(f"读取 {entry.label}：{entry.path.name}")
        wanted = [f for f in (entry.name_field, entry.code_field, entry.id_field) if f]
        if entry.url:
            data = read_server_table(entry.url, entry.table or "", entry.crs, list(dict.fromkeys(wanted)))
        else:
            data = read_source(entry.path, entry.table, entry.crs, entry.encoding, list(dict.fromkeys(wanted)))
        frame, layer_report = _rows(entry, data, city)
        frames.append(frame)
        report.layers.append(layer_report)
    say("写入数据库")
    # The copy, the change and the swap happen under the writer lock: a second import or a build
    # running meanwhile would otherwise swap in its own copy and this import would vanish.
    with writer_lock(db_path, "导入"), atomic_database(db_path) as con:
        report.still_demo = _write(con, entries, frames, datetime.now())
    return report


def import_to_server(config_path: str | Path, settings: Settings, url: str,
                     progress: Callable[[str], None] | None = None) -> ImportReport:
    """`yqplan import CONFIG --to URL`: under the store's writer lock, copy the store into a temp DuckDB
    file, import there exactly as into a file, and publish the result back atomically."""
    import tempfile

    from . import pg_load

    say = progress or (lambda _msg: None)
    with pg_load.store_writer(url, "导入") as writer, tempfile.TemporaryDirectory(prefix="yqplan-import-") as tmp:
        path = Path(tmp) / "plan.duckdb"
        say("读取 PostGIS 图层库")
        pg_load.pull(url, path)
        report = import_layers(config_path, settings.with_paths(db_path=str(path)), progress)
        say("写入 PostGIS 图层库")
        pg_load.publish(path, url, "导入", say, writer=writer)
    report.db_path = f"{pg_load.postgis.redact(url)}（模式 {pg_load.postgis.SCHEMA}）"
    return report


def cmd_import(args, settings: Settings) -> int:
    if getattr(args, "to", None):
        from .postgis import is_url

        if not is_url(args.to):
            raise ImportFailed(f"--to 应为 postgresql://… 地址，您给的是 {args.to}。")
        report = import_to_server(args.config, settings, args.to, progress=lambda msg: print(msg, flush=True))
        print(report.text())
        return 0
    report = import_layers(args.config, settings, progress=lambda msg: print(msg, flush=True))
    print(report.text())
    return 0
