"""A plain JSON chat endpoint beside Gradio's: `POST /api/ask` with {"question": "…"} → {"answer": "…"}.

Gradio builds a fresh session (a copy of every component's config, ~9 ms here) for each call of its `/chat`
API that carries no session hash; this endpoint answers the same question through the same `chat_api`
(rate limit, daily quota, length cap, public-mode scrubbing) without that, for scripts and office systems.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

PATH = "/api/ask"
USAGE = '请求体须为 JSON，例如 {"question": "维护后城镇开发边界多少公顷？"}'


def router(chat_api: Callable[[str, Request], str], max_chars: int) -> APIRouter:
    """The endpoint; the body is refused before parsing when it is longer than a question may be."""
    api = APIRouter()
    # Answers queue first-come first-served for one worker thread: they hold the GIL anyway, and forty
    # threads taking turns on it (the default pool) make a slow tail instead of a faster mean.
    workers = anyio.CapacityLimiter(1)
    max_bytes = 4 * max_chars + 1024  # UTF-8 Chinese is 3 bytes a character, JSON escapes up to 6

    @api.post(PATH)
    async def ask(request: Request) -> JSONResponse:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            return _error(413, f"请求过大（{int(declared)} 字节），问题请精简到 {max_chars} 字以内。")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_bytes:
                return _error(413, f"请求过大（超过 {max_bytes} 字节），问题请精简到 {max_chars} 字以内。")
        try:
            question = json.loads(body.decode("utf-8")).get("question")
        except (UnicodeDecodeError, ValueError, AttributeError):
            return _error(400, USAGE)
        if not isinstance(question, str) or not question.strip():
            return _error(400, USAGE)
        answer = await anyio.to_thread.run_sync(chat_api, question, request, limiter=workers)
        return JSONResponse({"answer": answer})

    return api


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)
