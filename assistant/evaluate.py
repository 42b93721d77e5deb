"""`yqplan eval`: section hit@k, must-contain accuracy, refusals, citation precision, latency."""

from __future__ import annotations

import json
import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answer_types import Answer
from .errors import InputError
from .pipeline import Assistant, Conversation
from .plan.sections import section_matches
from .qa.grounding import numbers_in, unsupported_numbers


def contains(answer_text: str, must: str) -> bool:
    """String containment, except that a number matches numerically (9387.5 = 9387.50)."""
    if re.fullmatch(r"\d+(?:\.\d+)?", must):
        return any(abs(v - float(must)) < 1e-9 for v in numbers_in(answer_text))
    return must in answer_text


def citation_precision(answer: Answer) -> float | None:
    """Share of citations whose quote holds a number or a phrase (≥ 4 characters) the answer uses."""
    if not answer.citations:
        return None
    text = answer.answer
    used = 0
    for c in answer.citations:
        shares_number = any(contains(text, f"{n:g}") for n in numbers_in(c.quote))
        shares_phrase = any(c.quote[i:i + 4] in text for i in range(0, max(1, len(c.quote) - 3)))
        used += shares_number or shares_phrase
    return used / len(answer.citations)


@dataclass
class EvalReport:
    rows: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        answerable = [r for r in self.rows if not r["refuse"]]
        refusable = [r for r in self.rows if r["refuse"]]
        with_section = [r for r in answerable if r["section"]]
        precisions = [r["citation_precision"] for r in self.rows if r["citation_precision"] is not None]
        latencies = sorted(r["latency_ms"] for r in self.rows)

        def share(items, key):
            return round(sum(1 for r in items if r[key]) / len(items), 4) if items else None

        return {
            "questions": len(self.rows),
            "section_hit@1": share(with_section, "hit1"),
            "section_hit@3": share(with_section, "hit3"),
            "must_contain_accuracy": share(answerable, "must_ok"),
            "refusal_accuracy": share(refusable, "refused"),
            "false_refusals": sum(1 for r in answerable if r["refused"]),
            "unsupported_numbers": sum(len(r["unsupported_numbers"]) for r in self.rows),
            "citation_precision": round(statistics.fmean(precisions), 4) if precisions else None,
            "latency_p50_ms": round(statistics.median(latencies), 1) if latencies else None,
            "latency_p95_ms": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1)
            if latencies else None,
        }


def load_questions(path: str | Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"问答集第 {n} 行不是合法的 JSON：{exc.msg}") from exc
        if "q" not in row:
            raise InputError(f"问答集第 {n} 行缺少问题字段 q")
        rows.append(row)
    return rows


def evaluate(assistant: Assistant, questions: list[dict[str, Any]]) -> EvalReport:
    assistant.warm_up()  # latency is measured warm, whichever way the assistant was built
    report = EvalReport()
    for row in questions:
        started = time.perf_counter()
        answer = assistant.ask(row["q"], Conversation())
        latency = (time.perf_counter() - started) * 1000
        ranked = assistant.ranked_sections(row["q"])
        cited = [c.section for c in answer.citations]
        gold = row.get("section") or ""
        refuse = bool(row.get("refuse"))
        must = row.get("must", [])
        report.rows.append({
            "id": row.get("id"), "q": row["q"], "refuse": refuse, "section": gold,
            "hit1": bool(gold) and any(section_matches(gold, s) for s in (cited[:1] or ranked[:1])),
            "hit3": bool(gold) and any(section_matches(gold, s) for s in (cited + ranked)[:3]),
            "must_ok": (not refuse) and not answer.refused and all(contains(answer.answer, m) for m in must),
            "missing": [m for m in must if not contains(answer.answer, m)],
            "refused": answer.refused,
            "unsupported_numbers": unsupported_numbers(answer),
            "citation_precision": citation_precision(answer),
            "latency_ms": latency,
            "intent": answer.intent,
            "answer": answer.answer,
        })
    return report


def cmd_eval(args, settings) -> int:
    from .commands import progress_to_stderr

    questions = load_questions(args.qa)
    assistant = Assistant.open(settings, progress=progress_to_stderr)
    report = evaluate(assistant, questions)
    summary = report.summary()
    if args.json:
        print(json.dumps({"summary": summary, "rows": report.rows}, ensure_ascii=False))
        return 0
    for r in report.rows:
        flag = "✓" if (r["refused"] if r["refuse"] else r["must_ok"]) else "✗"
        extra = f" 缺少 {r['missing']}" if flag == "✗" and r["missing"] else ""
        print(f"{flag} {r['id']} [{r['intent']}] {r['q']}{extra}")
    labels = {"questions": "问题数", "section_hit@1": "章节命中@1", "section_hit@3": "章节命中@3",
              "must_contain_accuracy": "必含要点准确率", "refusal_accuracy": "拒答准确率",
              "false_refusals": "误拒答数", "unsupported_numbers": "无出处数字数",
              "citation_precision": "引用精确率", "latency_p50_ms": "延迟 p50 (ms)",
              "latency_p95_ms": "延迟 p95 (ms)"}
    print()
    for key, value in summary.items():
        print(f"{labels[key]}：{value}")
    return 0
