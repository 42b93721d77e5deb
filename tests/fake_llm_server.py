"""A scripted OpenAI-compatible chat endpoint on 127.0.0.1 for the LLM tests: replies, faults, hangs.

`script(messages)` returns what to do with one /v1/chat/completions request: a reply text, or a fault
(`Fault.HTTP_500`, `MALFORMED_JSON`, `EMPTY`, `HANG`, `CUT`). A hung request waits on an event that is
set when the server stops (never a sleep), so the client's own timeout is what ends it.
"""

from __future__ import annotations

import enum
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Fault(enum.Enum):
    HTTP_500 = "500"
    MALFORMED_JSON = "malformed"
    EMPTY = "empty"
    HANG = "hang"
    CUT = "cut"          # a 200 whose body stops half-way (connection closed mid-reply)
    STREAM_CUT = "sse"   # an event stream that stops before its last chunk and [DONE]
    TRUNCATED = "length"  # a well-formed reply stopped by the token limit (finish_reason "length")


Script = Callable[[list[dict]], "str | Fault"]


def completion(text: str, finish: str = "stop") -> dict:
    return {"id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": "scripted",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str = "application/json", length: int | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        self.server.requests.append(request)
        action = self.server.script(request.get("messages", []))
        if action is Fault.HANG:
            self.server.stopping.wait()
            return
        if action is Fault.HTTP_500:
            self._send(500, b'{"error": {"message": "internal error", "type": "server_error"}}')
        elif action is Fault.MALFORMED_JSON:
            self._send(200, b'{"id": "x", "choices": [{"message": {"content": "\xe7\x94\x9f')
        elif action is Fault.EMPTY:
            self._send(200, json.dumps(completion("")).encode())
        elif action is Fault.CUT:
            body = json.dumps(completion("维护后城镇开发边界总面积为 9387.50 公顷。")).encode()
            self._send(200, body[: len(body) // 2], length=len(body))
            self.close_connection = True
        elif action is Fault.TRUNCATED:
            self._send(200, json.dumps(completion("维护后城镇开发边界总面积为", "length"), ensure_ascii=False).encode())
        elif action is Fault.STREAM_CUT:
            chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "scripted",
                     "choices": [{"index": 0, "delta": {"content": "维护后城镇开发边界总面积为"}, "finish_reason": None}]}
            self._send(200, f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode(), "text/event-stream",
                       length=100000)
            self.close_connection = True
        else:
            self._send(200, json.dumps(completion(str(action)), ensure_ascii=False).encode())


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, script: Script):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.script = script
        self.requests: list[dict] = []
        self.stopping = threading.Event()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


@contextmanager
def scripted_endpoint(script: Script) -> Iterator[_Server]:
    """An OpenAI-compatible endpoint on a free loopback port, answering each request with script(messages)."""
    server = _Server(script)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()


def question_of(messages: list[dict]) -> str:
    """The question line of a reading or rephrasing prompt ("问题：…")."""
    text = messages[-1]["content"] if messages else ""
    first = text.split("\n", 1)[0]
    return first.removeprefix("问题：").strip()


def is_reading(messages: list[dict]) -> bool:
    return bool(messages) and "结构化的 JSON" in messages[0]["content"]
