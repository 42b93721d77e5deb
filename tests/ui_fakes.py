"""A small stand-in Assistant for UI tests: real LocationChecker on the fixture DB, canned policy answers."""

from __future__ import annotations

import re
from pathlib import Path

from fixtures.layer_db import OX, OY, build_fixture_db

from assistant.answer_types import Answer, Citation
from assistant.check import answer as location_answer
from assistant.check.checker import LocationChecker
from assistant.conversation import Conversation
from assistant.maps.mapview import MapView
from assistant.plan.corpus import load_corpus
from assistant.qa.plan_maps import answer_plan_map
from assistant.qa.route import route
from assistant.settings import ROOT, Settings

POLICY_QUOTE = "生态控制区内原则上不得开展城镇开发建设。"
POLICY_SECTION = "四、动态维护方案 > （二）规划分区 > 生态控制区"


class FakeAssistant:
    """Answers policy questions with one citation and coordinate questions with a real check."""

    def __init__(self, db_path: str | Path, public: bool = False):
        self.checker = LocationChecker.open(db_path, ROOT / "corpus")
        self.mapview = MapView(db_path, ROOT / "corpus" / "yangquan_admin.geojson")
        self.sections = load_corpus(ROOT / "corpus")
        self.public = public
        self.asked: list[str] = []

    def ask(self, question: str, conversation: Conversation | None = None) -> Answer:
        self.asked.append(question)
        if conversation is not None:
            conversation.context["question"] = question
        if route(question).intent == "map":
            return answer_plan_map(question, self.mapview, self.sections, self.public)
        m = re.search(r"东经\s*([\d.]+).*北纬\s*([\d.]+)", question)
        if m:
            return location_answer.compose(question, self.checker.check_point(float(m[1]), float(m[2])))
        return Answer(question, "policy", f"关于“{question}”：生态控制区原则上不得开展城镇开发建设。",
                      [Citation("阳泉市国土空间总体规划2026年度动态维护方案", POLICY_SECTION, POLICY_QUOTE)],
                      [{"title": "测试表", "columns": ["图层", "公顷"], "rows": [["城镇开发边界", 1.0]],
                        "sql": "SELECT layer, area_m2 FROM layer_features"}])


def ui_settings(tmp_path: Path, mode: str = "staff", rate: str = "30") -> Settings:
    db_path = build_fixture_db(tmp_path / "plan.duckdb")
    return Settings(db_path=str(db_path), index_dir=str(tmp_path / "idx"), mode=mode, public_rate_limit=rate)


def redline_txt(path: Path, dx0=200.0, dy0=200.0, dx1=1400.0, dy1=700.0) -> Path:
    """A 界址点 TXT red line (GK zone 38 with prefix, X = northing first) partly over JBNT-1."""
    corners = [(dx0, dy0), (dx1, dy0), (dx1, dy1), (dx0, dy1), (dx0, dy0)]
    lines = ["[属性描述]", "坐标系=2000国家大地坐标系", "几度分带=3", "投影类型=高斯克吕格", "计量单位=米",
             "带号=38", "[地块坐标]", f"{len(corners)},0.6,1,测试地块,面,,工业用地,,@"]
    for i, (dx, dy) in enumerate(corners, start=1):
        lines.append(f"J{i if i < len(corners) else 1},1,{OY + dy:.3f},{OX + dx:.3f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
