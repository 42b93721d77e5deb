"""Start the real Gradio app in-process on a free loopback port for browser and load tests."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from dataclasses import replace

from assistant.settings import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(assistant, settings: Settings, mode: str = "staff", **overrides: str) -> Iterator[str]:
    """Yield the base URL of a launched app; closes it afterwards."""
    from assistant.web.ui import build_app, launch_options

    settings = replace(settings, mode=mode, **overrides)
    app = build_app(assistant, settings)
    options = launch_options(settings, app) | {"server_port": free_port(), "server_name": "127.0.0.1",
                                          "prevent_thread_lock": True, "quiet": True}
    app.launch(**options)
    try:
        yield f"http://127.0.0.1:{options['server_port']}/"
    finally:
        app.close()
