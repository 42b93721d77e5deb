"""`yqplan eval`: section hit@k, must-contain accuracy, refusals, citation precision, latency, per kind."""

from __future__ import annotations

import json
import re
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .answer_types import Answer
from .conversation import Conversation
from .errors import InputError
from .pipeline import Assistant
from .plan.sections import section_matches
from .qa.grounding import numbers_in, unsupported_numbers


def contains(answer_text: str, must: str) -> bool:
    """String containment, except that a number matches numerically (9387.5 = 9387.50) or as the start
    of a longer number written to more places (142.1 in 142.1686, 25 in 25.01 %), never inside one (2.81
    is not in 12.81, 25 is not in 250)."""
    if re.fullmatch(r"\d+(?:\.\d+)?", must):
        more = r"\d*" if "." in must else r"(?:\.\d+)?"
        return any(abs(v - float(must)) < 1e-9 for v in numbers_in(answer_text)) \
            or bool(re.search(rf"(?<![\d.]){re.escape(must)}{more}(?![\d.])", answer_text.replace(",", "")))
    # "12处" and "12 处" are the same words: the PDF spaces digits apart from characters, answers may not.
    return must in answer_text or re.sub(r"\s+", "", must) in re.sub(r"\s+", "", answer_text)


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


def has_sql_table(answer: Answer) -> bool:
    """The answer shows at least one result table together with the SQL that produced it."""
    return any(t.get("sql") and t.get("columns") for t in answer.tables)


@dataclass
class EvalReport:
    rows: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        answerable = [r for r in self.rows if not r["refuse"]]
        refusable = [r for r in self.rows if r["refuse"]]
        refusals = [r for r in self.rows if r["refused"]]
        with_section = [r for r in answerable if r["section"]]
        precisions = [r["citation_precision"] for r in self.rows if r["citation_precision"] is not None]
        latencies = sorted(r["latency_ms"] for r in self.rows)

        def share(items, key):
            return round(sum(1 for r in items if r[key]) / len(items), 4) if items else None

        kinds: dict[str, list[dict[str, Any]]] = {}
        for r in self.rows:
            kinds.setdefault(r["kind"] or "", []).append(r)
        return {
            "questions": len(self.rows),
            "accuracy": share(self.rows, "correct"),
            "section_hit@1": share(with_section, "hit1"),
            "section_hit@3": share(with_section, "hit3"),
            "must_contain_accuracy": share(answerable, "must_ok"),
            "refusal_accuracy": share(refusable, "refused"),
            "refusal_precision": share(refusals, "refuse"),
            "false_refusals": sum(1 for r in answerable if r["refused"]),
            "unsupported_numbers": sum(len(r["unsupported_numbers"]) for r in self.rows),
            "citation_precision": round(statistics.fmean(precisions), 4) if precisions else None,
            "latency_p50_ms": round(statistics.median(latencies), 1) if latencies else None,
            "latency_p95_ms": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1)
            if latencies else None,
            "per_kind": {kind: {"questions": len(items), "correct": sum(1 for r in items if r["correct"]),
                                "accuracy": share(items, "correct")}
                         for kind, items in sorted(kinds.items())},
        }


def load_questions(path: str | Path) -> list[dict[str, Any]]:
    """Questions ({"q", ...}) and dialogues ({"kind": "dialogue", "turns": [{"q", ...}, ...]}), one per line."""
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"问答集第 {n} 行不是合法的 JSON：{exc.msg}") from exc
        if not isinstance(row, dict):
            raise InputError(f"问答集第 {n} 行应为 JSON 对象")
        if "turns" in row:
            turns = row["turns"]
            if not isinstance(turns, list) or not turns:
                raise InputError(f"问答集第 {n} 行的对话 turns 应为非空列表")
            for t, turn in enumerate(turns, 1):
                if not isinstance(turn, dict) or "q" not in turn:
                    raise InputError(f"问答集第 {n} 行对话第 {t} 轮缺少问题字段 q")
        elif "q" not in row:
            raise InputError(f"问答集第 {n} 行缺少问题字段 q")
        rows.append(row)
    return rows


def score(assistant: Assistant, item: dict[str, Any], answer: Answer, latency: float) -> dict[str, Any]:
    """One evaluation row: what was asked, what came back, and whether it was right."""
    ranked = assistant.ranked_sections(answer.question)
    cited = [c.section for c in answer.citations]
    gold = item.get("section") or ""
    refuse = bool(item.get("refuse"))
    must = item.get("must", [])
    expects_sql = item.get("expects") == "sql"
    must_ok = (not refuse) and not answer.refused and all(contains(answer.answer, m) for m in must)
    if expects_sql:
        must_ok = must_ok and has_sql_table(answer)
    return {
        "id": item.get("id"), "kind": item.get("kind", ""), "q": item["q"], "refuse": refuse, "section": gold,
        "expects": item.get("expects"),
        "hit1": bool(gold) and any(section_matches(gold, s) for s in (cited[:1] or ranked[:1])),
        "hit3": bool(gold) and any(section_matches(gold, s) for s in (cited + ranked)[:3]),
        "must_ok": must_ok,
        "correct": answer.refused if refuse else must_ok,
        "missing": [m for m in must if not contains(answer.answer, m)],
        "refused": answer.refused,
        "sql_table": has_sql_table(answer),
        "unsupported_numbers": unsupported_numbers(answer),
        "citation_precision": citation_precision(answer),
        "citations": [asdict(c) for c in answer.citations],
        "latency_ms": latency,
        "intent": answer.intent,
        "answer": answer.answer,
    }


def timed_ask(assistant: Assistant, question: str, conversation: Conversation) -> tuple[Answer, float]:
    started = time.perf_counter()
    answer = assistant.ask(question, conversation)
    return answer, (time.perf_counter() - started) * 1000


def evaluate(assistant: Assistant, questions: list[dict[str, Any]]) -> EvalReport:
    """Each question is its own conversation; a dialogue's turns share one and are scored turn by turn."""
    assistant.warm_up()  # latency is measured warm, whichever way the assistant was built
    report = EvalReport()
    for row in questions:
        if "turns" not in row:
            answer, latency = timed_ask(assistant, row["q"], Conversation())
            report.rows.append(score(assistant, row, answer, latency))
            continue
        conversation = Conversation()
        for n, turn in enumerate(row["turns"], 1):
            answer, latency = timed_ask(assistant, turn["q"], conversation)
            item = {**turn, "id": f"{row.get('id')}#{n}", "kind": row.get("kind") or "dialogue"}
            scored = score(assistant, item, answer, latency)
            scored.update(dialogue=row.get("id"), turn=n)
            report.rows.append(scored)
    return report


SUMMARY_LABELS = {
    "questions": "问题数", "accuracy": "总体正确率", "section_hit@1": "章节命中@1", "section_hit@3": "章节命中@3",
    "must_contain_accuracy": "必含要点准确率", "refusal_accuracy": "拒答准确率",
    "refusal_precision": "拒答精确率（应拒/全部拒答）", "false_refusals": "误拒答数",
    "unsupported_numbers": "无出处数字数", "citation_precision": "引用精确率",
    "latency_p50_ms": "延迟 p50 (ms)", "latency_p95_ms": "延迟 p95 (ms)", "per_kind": "分类正确率",
}


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
        flag = "✓" if r["correct"] else "✗"
        extra = f" 缺少 {r['missing']}" if flag == "✗" and r["missing"] else ""
        if flag == "✗" and r["expects"] == "sql" and not r["sql_table"]:
            extra += " 缺少 SQL 结果表"
        print(f"{flag} {r['id']} [{r['kind'] or '-'}/{r['intent']}] {r['q']}{extra}")
    print()
    for key, value in summary.items():
        if key == "per_kind":
            print(f"{SUMMARY_LABELS[key]}：")
            for kind, k in value.items():
                print(f"  {kind or '（未分类）'}：{k['correct']}/{k['questions']} = {k['accuracy']}")
            continue
        print(f"{SUMMARY_LABELS[key]}：{value}")
    return 0
