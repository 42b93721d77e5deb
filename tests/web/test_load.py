"""Load: 20 concurrent chat sessions through gradio_client against a loopback server; warm start time."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from ui_server import free_port, running_app

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ["维护后城镇开发边界多少公顷？", "生态控制区能否开发？", "永久基本农田增加了多少亩？",
             "东经113.58 北纬37.86 在不在基本农田里？", "郊区有多少永久基本农田？"]
SESSIONS = 20


def test_twenty_concurrent_chat_sessions(assistant_app, built_settings):
    from gradio_client import Client

    with running_app(assistant_app, built_settings, "staff") as url:
        def session(i: int) -> tuple[str, float]:
            client = Client(url, verbose=False, analytics_enabled=False, download_files=False)
            started = time.perf_counter()
            text = client.predict(QUESTIONS[i % len(QUESTIONS)], api_name="/chat")
            return text, time.perf_counter() - started

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
            results = list(pool.map(session, range(SESSIONS), timeout=300))
        wall = time.perf_counter() - started
    latencies = sorted(t for _, t in results)
    print(f"\n{SESSIONS} sessions: wall {wall:.1f} s, p50 {latencies[SESSIONS // 2]:.2f} s, "
          f"max {latencies[-1]:.2f} s")
    for text, _ in results:
        assert text and "内部错误" not in text and not text.startswith("无法完成")
    assert any("《阳泉市国土空间总体规划" in text for text, _ in results)
    assert wall < 300


def test_public_api_is_rate_limited(assistant_app, built_settings):
    from gradio_client import Client

    with running_app(assistant_app, built_settings, "public", public_rate_limit="2") as url:
        client = Client(url, verbose=False, analytics_enabled=False, download_files=False)
        answers = [client.predict("生态控制区能否开发？", api_name="/chat") for _ in range(3)]
    assert "请求过于频繁" not in answers[0] and "请求过于频繁" in answers[2]


def test_warm_start_to_serving(built_settings):
    """With the index and database already built, `python app.py` serves (the time is printed, not judged:
    performance targets belong to the benchmark, and a loaded test machine would make this test flaky)."""
    port = free_port()
    env = os.environ | {"YQPLAN_INDEX_DIR": built_settings.index_dir, "YQPLAN_DB_PATH": built_settings.db_path,
                        "GRADIO_SERVER_PORT": str(port), "GRADIO_SERVER_NAME": "127.0.0.1"}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        elapsed = None
        while time.perf_counter() - started < 60 and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as response:
                    if response.status == 200:
                        elapsed = time.perf_counter() - started
                        break
            except OSError:
                time.sleep(0.2)  # polling a starting server; not a test sleep
        print(f"\nwarm start to serving: {elapsed} s")
        assert elapsed is not None, proc.stdout.read().decode() if proc.poll() is not None else "未启动"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
