"""What every answer is made of: text, citations (section path + verbatim quote), SQL tables."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Said under every answer that rests on the generated demo layers.
DEMO_NOTE = "注意：当前图层为演示数据（按方案数字生成），非正式规划成果，结论仅供演示，以法定图件为准。"


@dataclass(frozen=True)
class Citation:
    doc: str       # document title
    section: str   # heading path: 四、动态维护方案 > （一）三条控制线维护 > 3.城镇开发边界
    quote: str     # verbatim sentence(s) from that section


@dataclass
class Answer:
    question: str
    intent: str                      # policy | figure | location | projects | out_of_scope
    answer: str                      # Chinese text shown to the user (Markdown allowed)
    citations: list[Citation] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)  # {"title","columns","rows","sql"}
    refused: bool = False
    location: dict[str, Any] | None = None  # the location-check JSON object, for map and report
    notes: list[str] = field(default_factory=list)
    image: Any = None  # a rendered map (mapview.MapImage) for plan-map requests; not part of the JSON

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "intent": self.intent,
            "answer": self.answer,
            "citations": [asdict(c) for c in self.citations],
            "tables": self.tables,
            "refused": self.refused,
        }
