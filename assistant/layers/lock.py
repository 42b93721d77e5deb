"""One writer at a time: `yqplan build` and `yqplan import` hold an exclusive lock file beside the database.

Both copy the database, change the copy and swap it in; two at once would each swap in their own copy
and the first one's work would vanish (issue 11: two imports, one layer survived). The lock is an
advisory flock on `<db>.lock`, released by the kernel when the process ends, so a killed writer never
leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import DataError

BUSY = "另一个导入/构建正在进行"


def lock_path(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


@contextmanager
def writer_lock(db_path: str | Path, what: str) -> Iterator[Path]:
    """Hold the database's writer lock for the block; a second writer is refused with a Chinese message."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "未知进程"
            raise DataError(f"{BUSY}（{holder}）：为免数据丢失，本次{what}未执行。请等它完成后再运行。") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{what}，进程 {os.getpid()}，开始于 {time.strftime('%Y-%m-%d %H:%M:%S')}".encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the flock
