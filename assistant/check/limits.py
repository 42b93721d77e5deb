"""Size limits of a red line, checked before any repair, union or check so no upload can hang the server."""

from __future__ import annotations

from ..errors import InputError

# GEOS repair of a heavily self-crossing ring grows roughly with the square of its crossings (5,000 random
# vertices ran for minutes and 8 GB), so rings crossing themselves more than this are refused with counts.
MAX_VERTICES = 100_000
MAX_PARTS = 2_000
MAX_REPAIR_CROSSINGS = 200
# |x| or |y| beyond this is neither degrees nor GK metres (zone-38 eastings with prefix are ~38.5 million).
MAX_ABS_COORDINATE = 1e8


def check_part_count(count: int, what: str) -> None:
    """Raise before parsing further when a file holds more 面/要素 than any red line has."""
    if count > MAX_PARTS:
        raise InputError(f"{what}含 {count} 个要素，超过上限 {MAX_PARTS} 个：请只保留本项目的用地范围后再上传。")
