"""The model as a reader: a structured reading is checked against the plan's vocabulary and turned into
plan-worded questions; anything invalid or unparseable leaves the question to the offline path."""

from __future__ import annotations

import itertools
import json

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer_types import Answer, Citation
from assistant.qa.figure_followup import resolve
from assistant.qa.llm import ModelAssist
from assistant.qa.reader import (
    CONTROL_LINES,
    INDICATORS,
    UNITS,
    Ask,
    PlanVocabulary,
    measures_for,
    read_question,
    render_figure,
)
from assistant.settings import ROOT

CORPUS = (ROOT / "corpus" / "000_e9bb1a7ce3402723.txt").read_text(encoding="utf-8")
VOCABULARY = PlanVocabulary(CORPUS, ("河底镇", "义井镇"))


def reading(*asks: dict) -> str:
    return json.dumps({"asks": list(asks)}, ensure_ascii=False)


def read(question: str, reply: str):
    model = FakeListChatModel(responses=[reply])
    return read_question(question, lambda messages: str(model.invoke(messages).content), VOCABULARY)


def _asks():
    for indicator in INDICATORS:
        for measure in measures_for(indicator):
            ops = ("lookup", "change", "net") if indicator in CONTROL_LINES and not measure else ("lookup",)
            versions = ("维护前", "维护后", None) if indicator in CONTROL_LINES and not measure else (None,)
            for op, version in itertools.product(ops, versions):
                if op != "lookup" and version:
                    continue
                yield Ask(kind="figure", indicator=indicator, measure=measure, op=op, version=version,
                          unit="公顷" if indicator in CONTROL_LINES else None,
                          scope="市域" if indicator == "国土面积" else None)


@pytest.mark.parametrize("ask", list(_asks()), ids=lambda a: f"{a.indicator}-{a.measure}-{a.op}-{a.version}")
def test_rendered_figure_questions_read_back_as_the_same_ask(ask):
    """figure_query (the offline reader) must see in the rendered question exactly what the model chose."""
    query = resolve(render_figure(ask), None)
    assert query is not None and not query.refusal
    assert query.indicators == [ask.indicator]
    if ask.indicator == "文物保护单位" and not ask.measure:  # all sites: the sum of the levels the plan counts
        assert query.measures == ["国家级", "省级"] and query.total
    else:
        assert (ask.measure or "总数") in query.measures if ask.indicator == "重点建设项目" else ask.measure in query.measures
    assert query.op == ask.op
    assert query.version == (ask.version if ask.op == "lookup" else query.version)
    assert query.unit == (ask.unit or {"重点建设项目": "项", "文物保护单位": "处"}.get(ask.indicator))
    if ask.indicator == "国土面积":
        assert query.scope == ask.scope


def test_a_multi_part_question_becomes_plan_worded_questions():
    result = read("城里绿化那条线现在多大？生态控制区能开发吗？", reading(
        {"kind": "figure", "indicator": "城市绿线", "measure": "面积", "version": "维护后", "op": "lookup",
         "unit": "公顷"},
        {"kind": "text", "question": "生态控制区能否开发？"}))
    assert result.error is None
    assert result.questions == ["维护后城市绿线面积是多少公顷？", "生态控制区能否开发？"]


def test_a_place_reading_becomes_a_location_question():
    result = read("河底镇那边是不是基本农田", reading({"kind": "location", "place": "河底镇", "layer": "永久基本农田"}))
    assert result.questions == ["河底镇在不在永久基本农田内？"]


@pytest.mark.parametrize("question,reply,said", [
    ("维护后城镇开发边界多少公顷？", "维护后城镇开发边界为 9387.50 公顷。", "不是 JSON"),
    ("维护后城镇开发边界多少公顷？", '{"asks": [{"kind": "figure", "indicator": "城镇开发边界"', "不是 JSON"),
    ("维护后城镇开发边界多少公顷？", '{"asks": [{"kind": "figure", "indicator": 城镇开发边界}]}', "不是合法的 JSON"),
    ("维护后城镇开发边界多少公顷？", '{"asks": []}', "不符合格式"),
    ("维护后城镇开发边界多少公顷？", '{"asks": [{"kind": "answer", "text": "9387.50 公顷"}]}', "不符合格式"),
    ("维护后城镇开发边界多少公顷？", reading({"kind": "figure", "indicator": "城镇建设用地"}), "不在方案中"),
    ("城市绿线扩展倍数是多少", reading({"kind": "figure", "indicator": "城市绿线", "measure": "扩展倍数"}), "没有给出"),
    ("维护后城镇开发边界多少公顷？", reading({"kind": "figure", "indicator": "城镇开发边界", "unit": "英亩"}), "单位"),
    ("国土面积多少", reading({"kind": "figure", "indicator": "国土面积", "op": "change"}), "没有维护前后的变化"),
    ("生态控制区能否开发？", reading({"kind": "text", "question": "生态控制区能否建设数据中心？"}), "方案中没有的词"),
    ("生态控制区能否开发？", reading({"kind": "text", "question": "生态保护红线能否开发？"}), "漏掉了问题中的"),
    ("矿区的城镇开发边界维护后扩展规模是多少",
     reading({"kind": "figure", "indicator": "城镇开发边界", "measure": "扩展规模", "version": "维护后"}), "矿区"),
    ("某某村在不在基本农田", reading({"kind": "location", "place": "某某村"}), "地名库"),
    ("今天天气怎么样", reading({"kind": "none"}), "未能读懂"),
])
def test_invalid_or_unparseable_readings_are_not_used(question, reply, said):
    result = read(question, reply)
    assert result.questions == [] and said in result.error


def _answer(question: str, refused: bool = False) -> Answer:
    if refused:
        return Answer(question, "out_of_scope", "本方案未涉及这一问题。", refused=True)
    return Answer(question, "figure", f"{question}的答案。", [Citation("方案", "四", f"关于{question}的原文。")])


def test_the_parts_are_answered_by_the_deterministic_answerer_and_merged():
    asked: list[str] = []

    def answer_question(q: str) -> Answer:
        asked.append(q)
        return _answer(q)

    model = FakeListChatModel(responses=[reading(
        {"kind": "figure", "indicator": "重点建设项目", "measure": "总数"},
        {"kind": "figure", "indicator": "重点建设项目", "measure": "撤销"})])
    turn = ModelAssist(model, "read").turn()
    out = turn.read("项目清单里一共多少个，撤掉了几个？", answer_question)
    assert asked == ["重点建设项目一共多少项？", "撤销的重点建设项目有多少项？"]
    assert out.question == "项目清单里一共多少个，撤掉了几个？"
    assert len(out.citations) == 2 and all(q in out.answer for q in asked)
    final = turn.finish(out, staff=True)
    assert any(n.startswith("已理解为：") for n in final.notes)
    assert "已用大模型读题" in final.notes[-1]


def test_a_reading_whose_answers_are_all_refusals_leaves_the_offline_path():
    model = FakeListChatModel(responses=[reading({"kind": "text", "question": "生态控制区能否开发？"})])
    turn = ModelAssist(model, "read").turn()
    assert turn.read("生态控制区能否开发？", lambda q: _answer(q, refused=True)) is None
    assert "离线" in turn.finish(_answer("x"), staff=True).notes[-1]


def test_the_reader_is_not_asked_when_the_role_is_rephrase_only():
    model = FakeListChatModel(responses=["never read"])
    assert ModelAssist(model, "rephrase").turn().read("生态控制区能否开发？", _answer) is None


def test_units_offered_to_the_model_are_the_plans():
    assert {"公顷", "平方千米", "亩", "万亩", "%"} <= set(UNITS)
