"""X-Forwarded-For against the live app (uvicorn + Gradio queue): only a trusted proxy's header counts (issue 11)."""

from __future__ import annotations

import json

import httpx
import pytest
from ui_fakes import FakeAssistant, ui_settings
from ui_server import running_app

pytestmark = pytest.mark.slow  # two live servers; run by scripts/test and the full suite
REFUSED = "请求过于频繁"


def chat(base: str, question: str, forwarded_for: str) -> str:
    """One /chat API call the way a remote client makes it, claiming to be `forwarded_for`."""
    headers = {"X-Forwarded-For": forwarded_for}
    with httpx.Client(timeout=60) as client:
        posted = client.post(f"{base}gradio_api/call/chat", json={"data": [question]}, headers=headers)
        posted.raise_for_status()
        event_id = posted.json()["event_id"]
        with client.stream("GET", f"{base}gradio_api/call/chat/{event_id}", headers=headers) as stream:
            event = ""
            for line in stream.iter_lines():
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:") and event == "complete":
                    return json.loads(line[5:])[0]
    raise AssertionError(f"no answer ({event})")


@pytest.fixture
def fake(tmp_path, monkeypatch):
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)  # launch_options sets it; restored afterwards
    settings = ui_settings(tmp_path)
    return FakeAssistant(settings.db_path, public=True), settings


def test_forwarded_for_from_an_untrusted_peer_does_not_escape_the_limit(fake):
    assistant, settings = fake
    with running_app(assistant, settings, "public", public_rate_limit="3") as url:
        answers = [chat(url, "生态控制区能否开发？", f"10.9.0.{i}") for i in range(5)]
    assert [REFUSED in a for a in answers] == [False, False, False, True, True], answers


def test_forwarded_for_from_a_trusted_proxy_names_the_client(fake):
    assistant, settings = fake
    with running_app(assistant, settings, "public", public_rate_limit="3", trusted_proxies="127.0.0.1") as url:
        spread = [chat(url, "生态控制区能否开发？", f"10.9.1.{i}") for i in range(5)]
        same = [chat(url, "生态控制区能否开发？", "10.9.2.1") for _ in range(4)]
    assert not any(REFUSED in a for a in spread)  # five clients behind the proxy, one request each
    assert [REFUSED in a for a in same] == [False, False, False, True]
