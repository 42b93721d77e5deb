"""Plan documents -> clean sections with their real heading path (一、/（一）/1.), for citation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    doc: str               # document title, e.g. 阳泉市国土空间总体规划2026年度动态维护方案
    path: tuple[str, ...]  # e.g. ("四、动态维护方案", "（一）三条控制线维护", "3.城镇开发边界")
    text: str              # repaired body text of this section alone (not its sub-sections)
    order: int             # position in the document, for stable ordering

    @property
    def section(self) -> str:
        """The citation's section path: 四、动态维护方案 > （一）三条控制线维护 > 3.城镇开发边界."""
        return " > ".join(self.path)

    @property
    def citation_id(self) -> str:
        return f"{self.doc} § {self.section}"


# TODO(corpus helper): load_corpus(corpus_dir) -> list[Section], repair_page_breaks, split_sentences.
