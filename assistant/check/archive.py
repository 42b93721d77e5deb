"""Uploaded zip/KMZ archives read with bounds: real decompressed bytes, member count, no nesting, corrupt data."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import PurePosixPath

from ..errors import InputError

# Red lines are small: a project's boundary, a few layers. These caps are far above any real upload.
MAX_MEMBERS = 200
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
NESTED_SUFFIXES = (".zip", ".kmz", ".rar", ".7z", ".gz", ".tgz", ".bz2", ".xz", ".tar", ".jar")
_CHUNK = 1024 * 1024


class BoundedZip:
    """A zip opened from bytes whose members are read by streaming, counting what really comes out.

    The sizes a zip declares are not trusted (a member may declare 100 bytes and inflate to 1 GB):
    every read counts the decompressed bytes against one budget for the whole archive.
    """

    def __init__(self, data: bytes, what: str, max_bytes: int = MAX_UNPACKED_BYTES,
                 max_members: int = MAX_MEMBERS):
        self.what = what
        self.budget = max_bytes
        self.max_bytes = max_bytes
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, OSError):
            raise InputError(f"{what}不是有效的 zip 压缩文件（文件损坏或不完整）：请重新压缩后上传。") from None
        files = [info for info in infos if not info.is_dir()]
        if len(infos) > max_members:
            raise InputError(f"{what}内有 {len(infos)} 个文件，超过上限 {max_members} 个：请只压缩红线所需的文件。")
        nested = [info.filename for info in files if info.filename.lower().endswith(NESTED_SUFFIXES)]
        if nested:
            raise InputError(f"{what}内含嵌套的压缩包“{_shown(nested[0])}”：请解压后把其中的文件直接压缩上传。")
        if any(info.flag_bits & 0x1 for info in files):
            raise InputError(f"{what}设置了密码：请去掉密码后重新压缩上传。")
        self.infos = files

    def namelist(self) -> list[str]:
        return [info.filename for info in self.infos]

    def read(self, name: str) -> bytes:
        """A member's bytes, streamed against the remaining budget; corrupt data becomes an InputError."""
        out = bytearray()
        shown = _shown(name)
        try:
            with self.zip.open(name) as member:
                while chunk := member.read(min(_CHUNK, self.budget + 1)):
                    out += chunk
                    if len(out) > self.budget:
                        raise InputError(f"{self.what}解压后超过 {self.max_bytes // (1024 * 1024)} MB"
                                         f"（在“{shown}”处）：可能是压缩炸弹，或图层过大；请只保留项目用地范围后再上传。")
        except InputError:
            raise
        except zipfile.BadZipFile:
            raise InputError(f"{self.what}中的“{shown}”已损坏（校验失败）：请重新压缩后上传。") from None
        except (zlib.error, EOFError, ValueError, OSError):
            raise InputError(f"{self.what}中的“{shown}”无法解压（数据损坏）：请重新压缩后上传。") from None
        except NotImplementedError:
            raise InputError(f"{self.what}中的“{shown}”使用了不支持的压缩方式：请用常见的 zip（deflate）重新压缩。") from None
        self.budget -= len(out)
        return bytes(out)


def _shown(name: str) -> str:
    """A member name safe to show: its last path part, shortened."""
    tail = PurePosixPath(name.replace("\\", "/")).name or name
    return tail if len(tail) <= 60 else tail[:57] + "…"
