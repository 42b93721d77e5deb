"""A throw-away PostgreSQL + PostGIS cluster for the tests (scripts/pg), started once per session.

Outside CI a machine without the server binaries skips the PostGIS tests with the reason; under CI=true
the same absence fails them, so CI cannot pass without exercising the real server (issue 13).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "pg"


def server_binaries() -> bool:
    return any(Path(p, "pg_ctl").exists() for p in Path("/usr/lib/postgresql").glob("*/bin")) \
        or bool(os.environ.get("YQPLAN_PG_BIN"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One running cluster; each test store is a database of its own made from the PostGIS template."""

    def __init__(self, url: str, directory: Path):
        self.url, self.directory, self._n = url, directory, 0

    def new_database(self, prefix: str = "t") -> str:
        import psycopg

        self._n += 1
        name = f"{prefix}_{os.getpid()}_{self._n}"
        with psycopg.connect(self.url, autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name} TEMPLATE yqplan")
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    def store_from(self, duck_path, prefix: str = "t") -> str:
        """A new database holding the DuckDB layer database at duck_path as its store."""
        from assistant.layers import pg_load

        url = self.new_database(prefix)
        pg_load.publish(duck_path, url)
        return url


def start_server():
    if not SCRIPT.exists() or not server_binaries():
        reason = "未安装 PostgreSQL/PostGIS 服务器程序（scripts/setup --test 会安装）"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI 必须运行 PostGIS 测试：{reason}")
        pytest.skip(reason)
    directory = Path(tempfile.mkdtemp(prefix="yqplan-pg-"))
    out = subprocess.run([str(SCRIPT), "start", str(directory), str(free_port())], capture_output=True, text=True,
                         timeout=120)
    if out.returncode != 0:
        subprocess.run([str(SCRIPT), "stop", str(directory)], capture_output=True, timeout=60)
        shutil.rmtree(directory, ignore_errors=True)
        pytest.fail(f"scripts/pg start 失败：{out.stderr.strip()}")
    return Server(out.stdout.strip().splitlines()[-1], directory)


def stop_server(server: Server) -> None:
    subprocess.run([str(SCRIPT), "stop", str(server.directory)], capture_output=True, timeout=60)


BACKENDS = ["duckdb", "postgis"]


def runner_on(request, backend: str, duck_path, timeout_s: float = 5.0, max_rows: int = 1000):
    """A SqlRunner on the DuckDB layer database at duck_path, or on a PostGIS copy of it (same statements)."""
    from assistant.layers import db
    from assistant.layers.sql import SqlRunner

    if backend == "duckdb":
        con = db.connect(duck_path, read_only=True)
        request.addfinalizer(con.close)
        return SqlRunner.from_connection(con, timeout_s=timeout_s, max_rows=max_rows)
    server = request.getfixturevalue("pg_server")
    return SqlRunner(server.store_from(duck_path), timeout_s=timeout_s, max_rows=max_rows)
