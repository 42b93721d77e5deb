"""`yqplan audit`: check the layer database against the plan's figures and its own topology."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

import duckdb

from ..errors import QueryError
from ..settings import Settings
from . import db
from .audit_checks import ALL_CHECKS, FAIL, INFO, PASS, Check
from .sql import SqlRunner

__all__ = ["AuditReport", "Check", "run_audit", "cmd_audit"]

# Overlay checks on the full demo database take seconds, not the chat's 5 s budget.
AUDIT_TIMEOUT_S = 300.0
AUDIT_MAX_ROWS = 100_000


@dataclass
class AuditReport:
    checks: list[Check] = field(default_factory=list)
    timings_s: dict[str, float] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return all(c.status != FAIL for c in self.checks)

    def to_json(self) -> dict[str, Any]:
        return {"checks": [c.to_json() for c in self.checks], "passed": self.passed,
                "timings_s": self.timings_s}

    def text(self) -> str:
        lines = ["| 状态 | 检查项 | 图层值 | 期望 | 差值 | 差值% | 说明 |", "|---|---|---|---|---|---|---|"]
        for c in self.checks:
            cells = [c.status, c.title, _fmt(c.value, c.unit), _fmt(c.expected, c.unit), _fmt(c.diff),
                     "" if c.diff_pct is None else f"{c.diff_pct:+.4f}%", c.detail.replace("|", "／")]
            lines.append("| " + " | ".join(cells) + " |")
        count = {s: sum(c.status == s for c in self.checks) for s in (PASS, FAIL, INFO)}
        total = sum(self.timings_s.values())
        lines += ["", f"共 {len(self.checks)} 项：通过 {count[PASS]}，未通过 {count[FAIL]}，提示 {count[INFO]}。"
                      f"用时 {total:.1f} 秒（" + "，".join(f"{k} {v:.1f}" for k, v in self.timings_s.items()) + "）。",
                  "结论：" + ("全部通过。" if self.passed else "存在未通过的检查，请按说明修正图层后重新导入。")]
        return "\n".join(lines)


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        value = f"{value:,.4f}".rstrip("0").rstrip(".")
        value = "0" if value == "-0" else value
    return f"{value} {unit}".strip() if unit else str(value)


def run_audit(runner_or_con: SqlRunner | duckdb.DuckDBPyConnection) -> AuditReport:
    """Run every check; a check whose SQL fails is reported as 未通过 instead of aborting the audit."""
    runner = runner_or_con if isinstance(runner_or_con, SqlRunner) else SqlRunner.from_connection(
        runner_or_con, timeout_s=AUDIT_TIMEOUT_S, max_rows=AUDIT_MAX_ROWS)
    report = AuditReport()
    for group, check in ALL_CHECKS:
        started = time.perf_counter()
        try:
            report.checks.extend(check(runner))
        except QueryError as exc:
            report.checks.append(Check(check.__name__, group, FAIL, detail=f"{exc}（请确认数据库由 yqplan build 生成）"))
        report.timings_s[group] = round(time.perf_counter() - started, 2)
    return report


def cmd_audit(args, settings: Settings) -> int:
    if settings.db_url.strip():  # the same named statements, run on the PostGIS store
        report = run_audit(SqlRunner(settings.store, timeout_s=max(settings.sql_timeout, AUDIT_TIMEOUT_S),
                                     max_rows=AUDIT_MAX_ROWS))
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2) if args.json else report.text())
        return 1 if args.strict and not report.passed else 0
    con = db.connect(settings.db_path, read_only=True)
    # DuckDB draws a progress bar on long overlays, which would garble the table and the JSON.
    con.execute("SET enable_progress_bar = false")
    try:
        report = run_audit(SqlRunner.from_connection(con, timeout_s=max(settings.sql_timeout, AUDIT_TIMEOUT_S),
                                                     max_rows=AUDIT_MAX_ROWS))
    finally:
        con.close()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(report.text())
    return 1 if args.strict and not report.passed else 0
