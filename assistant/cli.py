"""`yqplan` command line: parses arguments and hands each command to its module."""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback

from . import settings as settings_mod
from .errors import PlanError

# command -> (module, function); each function takes (args, settings) and returns an exit code.
COMMANDS = {
    "ask": ("assistant.commands", "cmd_ask"),
    "eval": ("assistant.evaluate", "cmd_eval"),
    "index": ("assistant.qa.index", "cmd_index"),
    "build": ("assistant.layers.build", "cmd_build"),
    "import": ("assistant.layers.importer", "cmd_import"),
    "audit": ("assistant.layers.audit", "cmd_audit"),
    "check": ("assistant.check.cli", "cmd_check"),
    "bench": ("assistant.check.bench", "cmd_bench"),
    "serve": ("assistant.web.ui", "cmd_serve"),
    "settings": ("assistant.cli", "cmd_settings"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yqplan", description="阳泉市国土空间总体规划动态维护方案 助手")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ask", help="就规划文本提问，回答附引用")
    p.add_argument("questions", nargs="*", help="问题；不给则从标准输入逐行读取")
    p.add_argument("--json", action="store_true", help="每个问题输出一行 JSON")

    p = sub.add_parser("eval", help="用问答集评测检索与回答")
    p.add_argument("--qa", required=True, help="问答集 JSONL 文件")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("index", help="（重新）构建规划文本检索索引")
    p.add_argument("--force", action="store_true", help="即使索引未过期也重建")

    p = sub.add_parser("build", help="构建图层与指标数据库（演示数据）")
    p.add_argument("--demo-scale", type=int, default=1, help="要素数量倍数（总面积不变），用于压力测试")
    p.add_argument("--seed", type=int, default=20260601, help="演示数据随机种子")
    p.add_argument("--to", help="写入 PostGIS 图层库（postgresql://…），而不是 DuckDB 文件")

    p = sub.add_parser("import", help="按配置文件导入真实图层数据")
    p.add_argument("config", help="导入配置 TOML 文件")
    p.add_argument("--to", help="导入到 PostGIS 图层库（postgresql://…），而不是 DuckDB 文件")

    p = sub.add_parser("audit", help="核对图层与规划数字、三线冲突等一致性")
    p.add_argument("--json", action="store_true")
    p.add_argument("--strict", action="store_true", help="任一检查未通过时返回非零退出码")

    p = sub.add_parser("check", help="核查一个位置、地块或红线与各管控线的关系")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--point", help="经纬度，如 \"113.58,37.86\" 或度分秒")
    g.add_argument("--xy", help="CGCS2000 3 度带第 38 带高斯坐标 X,Y")
    g.add_argument("--parcel", help="不动产单元号（28 位）或地块编号")
    g.add_argument("--place", help="地名，如 河底镇")
    g.add_argument("--file", help="红线文件：界址点 TXT、GeoJSON、KML、zip 压缩的 Shapefile、DXF、WKT")
    g.add_argument("--batch", help="批量核查 CSV：id,lon,lat[,crs] 或 id,parcel")
    p.add_argument("--crs", default="cgcs2000", choices=["cgcs2000", "wgs84", "gcj02", "bd09"])
    p.add_argument("--out", help="批量结果输出 report.csv 或 report.xlsx")
    p.add_argument("--fields", default="all", choices=["all", "inside"],
                   help="批量输出内容：all（是否位于与距离）或 inside（只判断是否位于，更快）")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("bench", help="性能基准")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quick", action="store_true", help="缩小规模，仅用于冒烟测试")
    p.add_argument("--map", action="store_true", help="只测网页地图请求（瓦片、GeoJSON）的延迟")
    p.add_argument("--demo-scale", type=int, default=10, help="--map 使用的演示数据倍数（默认 10）")
    p.add_argument("--points", type=int, help="批量核查的点数（默认 100000）")
    p.add_argument("--runs", type=int, help="每项交替运行的轮数（默认 3）")
    p.add_argument("--scales", help="演示库倍数，逗号分隔（默认批量 1,10，单点 1,100）")
    p.add_argument("--no-xlsx", action="store_true", help="不测 XLSX 输出（openpyxl 写 10 万行较慢）")
    p.add_argument("--no-duckdb", action="store_true",
                   help="批量部分不跑 DuckDB SPATIAL_JOIN 对照（10 万点时每次数分钟；是否位于仍与 sjoin、STRtree 核对）")
    p.add_argument("--db-url", help="PostGIS 图层库（postgresql://…）：同一轮中对照 DuckDB 与 PostGIS 的单点、批量与红线")

    sub.add_parser("serve", help="启动网页助手（Gradio）")
    sub.add_parser("settings", help="列出全部配置项及其环境变量")
    return parser


def cmd_settings(args: argparse.Namespace, settings: settings_mod.Settings) -> int:
    for env, default, help_text in settings_mod.describe():
        print(f"{env}={default}\n    {help_text}")
    return 0


def write_check_index(settings: settings_mod.Settings) -> None:
    """After build/import: the location-check index, written beside the database once, so no check
    command has to cut the layers again (a one-shot `check --point` reads only what is near the point)."""
    from .check.index_store import persist_index

    started = time.perf_counter()
    path = persist_index(settings.db_path)
    print(f"选址核查索引已写入 {path}（{time.perf_counter() - started:.1f} s）", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module_name, func_name = COMMANDS[args.command]
    func = getattr(importlib.import_module(module_name), func_name)
    settings = settings_mod.load()
    try:
        code = int(func(args, settings) or 0)
        if code == 0 and args.command in ("build", "import") and not getattr(args, "to", None):
            write_check_index(settings)  # a PostGIS store keeps no index file: replicas load it themselves
        return code
    except PlanError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a user sees a Chinese message, not a traceback
        if settings.debug.strip() in ("1", "true", "yes"):
            traceback.print_exc()
        print(f"错误：内部错误（{type(exc).__name__}），命令未完成。请检查输入；"
              "设置 YQPLAN_DEBUG=1 可查看详细信息，或联系管理员。", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
