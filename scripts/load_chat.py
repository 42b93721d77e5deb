"""Light async load on the Gradio `/chat` API over loopback: answers/s and p50/p95 per concurrency, RSS.

Usage: python scripts/load_chat.py http://127.0.0.1:7860/ --clients 10 50 100 --seconds 20 [--pid PID]
       [--sessions | --route ask]
Each client loops over a few questions. `--route queue` (default): POST /gradio_api/call/chat, then read the
answer from the event stream; without --sessions every call is a new Gradio session (as curl calls it), with
--sessions each client keeps one session hash for all its calls, as `gradio_client.Client` does.
`--route ask`: one POST to the plain JSON endpoint /api/ask.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
import uuid
from pathlib import Path

import httpx

QUESTIONS = ["维护后城镇开发边界多少公顷？", "生态控制区能否开发？", "永久基本农田增加了多少亩？",
             "东经113.58 北纬37.86 在不在基本农田里？", "郊区有多少永久基本农田？"]


async def ask_plain(client: httpx.AsyncClient, base: str, question: str) -> str:
    posted = await client.post(f"{base}api/ask", json={"question": question})
    posted.raise_for_status()
    return posted.json()["answer"]


async def ask(client: httpx.AsyncClient, base: str, question: str, session: str | None = None) -> str:
    body = {"data": [question]} if session is None else {"data": [question], "session_hash": session}
    posted = await client.post(f"{base}gradio_api/call/chat", json=body)
    posted.raise_for_status()
    event_id = posted.json()["event_id"]
    async with client.stream("GET", f"{base}gradio_api/call/chat/{event_id}") as stream:
        event = ""
        async for line in stream.aiter_lines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                if event == "error":
                    raise RuntimeError(line)
                return json.loads(line[5:])[0]
    raise RuntimeError("no answer")


def rss_mb(pid: int | None) -> float | None:
    if not pid:
        return None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


async def run(base: str, clients: int, seconds: float, sessions: bool = False, route: str = "queue") -> dict:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients * 2, max_keepalive_connections=clients * 2)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        async def worker(k: int) -> None:
            nonlocal errors
            i = k
            session = uuid.uuid4().hex if sessions else None
            while time.perf_counter() < stop:
                started = time.perf_counter()
                try:
                    question = QUESTIONS[i % len(QUESTIONS)]
                    text = await (ask_plain(client, base, question) if route == "ask"
                                  else ask(client, base, question, session))
                except (httpx.HTTPError, RuntimeError, KeyError, ValueError):
                    text = ""
                if text:  # only answers count: a failed request is an error, not a fast answer
                    latencies.append(time.perf_counter() - started)
                else:
                    errors += 1
                i += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(clients)))
        wall = time.perf_counter() - began
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")  # noqa: E731
    return {"clients": clients, "route": "/api/ask" if route == "ask" else "/gradio_api/call/chat",
            "sessions": "-" if route == "ask" else "per client" if sessions else "per call", "answers": len(latencies),
            "errors": errors, "load1": round(os.getloadavg()[0], 1),
            "answers_per_s": round(len(latencies) / wall, 1), "p50_s": round(pick(0.5), 3),
            "p95_s": round(pick(0.95), 3), "mean_s": round(statistics.mean(latencies), 3) if latencies else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 50, 100])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--pid", type=int, help="server process id, to report its RSS")
    parser.add_argument("--sessions", action="store_true",
                        help="one Gradio session per client (as gradio_client does) instead of one per call")
    parser.add_argument("--route", choices=["queue", "ask"], default="queue",
                        help="queue: Gradio's /chat API (two requests); ask: the plain JSON endpoint /api/ask")
    args = parser.parse_args()
    base = args.url if args.url.endswith("/") else args.url + "/"
    for n in args.clients:
        before = rss_mb(args.pid)
        row = asyncio.run(run(base, n, args.seconds, args.sessions, args.route))
        row["rss_mb_before"], row["rss_mb_after"] = before, rss_mb(args.pid)
        print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
