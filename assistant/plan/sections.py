"""Section keys: compare a heading path with a label such as "四（一）1 耕地和永久基本农田"."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+(?=、)|^[一二三四五六七八九十]+|\d+")


def section_key(text: str) -> tuple[str, ...]:
    """Heading numerals in order: "四、动态维护方案 > （一）… > 3.城镇开发边界" -> ("四", "（一）", "3")."""
    parts = re.split(r"\s*>\s*", text.strip()) if ">" in text else [text.strip()]
    key: list[str] = []
    for part in parts:
        for tok in _TOKEN.findall(part.replace("(", "（").replace(")", "）")):
            key.append(tok)
            if ">" in text:
                break  # one numeral per heading in a path
    return tuple(key)


def section_matches(label: str, section_path: str) -> bool:
    """True when the path is the labelled section or lies inside it."""
    want = section_key(label)
    if not want:  # unnumbered sections (封面, 附图) are named by their title
        return bool(label.strip()) and section_path.split(" > ")[0].replace(" ", "") == label.replace(" ", "")
    got = section_key(section_path)
    return got[: len(want)] == want
