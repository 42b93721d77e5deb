"""The model as a reader of questions: a structured reading (which figure, rule, list or place is asked),
checked against the plan's vocabulary, turned into plan-worded questions for the deterministic answerers.

The model only chooses words from closed lists (indicators, measures, phases, units, place names) or
rewrites a question in words the plan itself uses; the answers still come from quotes and SQL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import LLMError
from ..plan.vocabulary import CHECK_LAYERS, LAYER_SYNONYMS
from . import claims
from .figure_words import CONTROL_LINES, INDICATOR_WORDS, MEASURE_WORDS, PROJECT_WORDS, SITE_WORDS
from .terms import tokenize

INDICATORS = tuple(INDICATOR_WORDS) + ("中心城区面积",)
UNITS = ("公顷", "平方千米", "平方米", "亩", "万亩", "项", "处", "倍", "%")
SCOPES = ("市域", "市辖区", "中心城区")
MAX_ASKS = 4
# Places a reading must keep when the question names them; the plan's figures are for 市辖区 as a whole.
DISTRICTS = ("城区", "矿区", "郊区", "平定县", "盂县", "中心城区")
# Words a question may use that the plan need not contain (asking words, and words about documents,
# places and offices that any question about a plan may use).
QUESTION_WORDS = frozenset({"能否", "是否", "包括", "主要", "内容", "要求", "规定", "原则", "有没有", "为什么",
                            "分别", "具体", "方面", "开发", "建设", "可以", "允许", "调整", "措施", "做法", "情况",
                            "安排", "强调", "文号", "编号", "文件", "依据", "通知", "省厅", "部门", "单位", "时间",
                            "发布", "位置", "地点", "情形", "类型", "项目", "设施"})
_ASKING = re.compile(r"几|哪|什么|多少|怎")
# The subjects a misreading could drop or swap ("生态控制区" read as "生态保护红线").
KEY_TERMS = frozenset(LAYER_SYNONYMS) | frozenset(claims.ZONES) | frozenset(INDICATORS)
_MEASURE_PHRASE = {"": "面积", "扩展规模": "扩展规模", "扩展倍数": "扩展倍数", "预留机动": "预留机动规模",
                   "占比": "预留机动规模占比", "调出": "调出面积", "调入": "调入面积"}


def measures_for(indicator: str) -> tuple[str, ...]:
    """The measures the plan states for an indicator ("" is its own size)."""
    if indicator == "重点建设项目":
        return ("",) + tuple(PROJECT_WORDS)
    if indicator == "文物保护单位":
        return ("",) + tuple(SITE_WORDS)
    if indicator == "城镇开发边界":
        return ("",) + tuple(MEASURE_WORDS)
    if indicator in CONTROL_LINES:
        return ("", "调出", "调入")
    return ("",)


class Ask(BaseModel):
    """One thing the question asks."""

    model_config = ConfigDict(extra="ignore")
    kind: Literal["figure", "text", "location", "none"]
    indicator: str | None = None
    measure: str | None = None
    version: Literal["维护前", "维护后"] | None = None
    op: Literal["lookup", "change", "net"] = "lookup"
    unit: str | None = None
    scope: str | None = None
    question: str | None = Field(default=None, max_length=80)
    place: str | None = None
    layer: str | None = None


class Reading(BaseModel):
    model_config = ConfigDict(extra="ignore")
    asks: list[Ask] = Field(min_length=1, max_length=MAX_ASKS)


@dataclass
class PlanVocabulary:
    """What a reading may name: the plan's text and the gazetteer's place names."""

    corpus_text: str = ""
    place_names: tuple[str, ...] = ()


@dataclass
class ReadResult:
    questions: list[str] = field(default_factory=list)
    error: str | None = None


def reading_prompt(question: str, vocabulary: PlanVocabulary) -> list:
    measures = "；".join(f"{i}: {'/'.join(m or '面积' for m in measures_for(i))}" for i in INDICATORS)
    system = (
        "你把关于《阳泉市国土空间总体规划2026年度动态维护方案》的问题读成结构化的 JSON，不回答问题。"
        "只输出一个 JSON 对象：{\"asks\": [...]}，每个问到的事项一项（最多 4 项）。每项之一：\n"
        "1. 问规划数字：{\"kind\":\"figure\",\"indicator\":指标,\"measure\":量,\"version\":\"维护前\"|\"维护后\"|null,"
        "\"op\":\"lookup\"|\"change\"|\"net\",\"unit\":单位|null,\"scope\":范围|null}。"
        f"指标与可用的量：{measures}。单位：{'、'.join(UNITS)}。范围：{'、'.join(SCOPES)}（只用于国土面积）。"
        "op：查数为 lookup，维护前后变化为 change，调入减调出的净变化为 net。\n"
        "2. 问条文、原则、措施、清单：{\"kind\":\"text\",\"question\":用方案原文用词改写的一句问题}。\n"
        "3. 问某地在不在管控线内：{\"kind\":\"location\",\"place\":地名,\"layer\":图层|null}，"
        f"图层：{'、'.join(CHECK_LAYERS)}。\n"
        "4. 读不懂或与方案无关：{\"kind\":\"none\"}。\n"
        "不要编造问题里没有问的内容。"
    )
    return [SystemMessage(system), HumanMessage(f"问题：{question}")]


def parse_reading(text: str) -> Reading:
    """The JSON object in a reply (code fences and chatter around it ignored); LLMError if there is none."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise LLMError("读题结果不是 JSON")
    try:
        return Reading.model_validate(json.loads(text[start:end + 1]))
    except json.JSONDecodeError as exc:
        raise LLMError(f"读题结果不是合法的 JSON（{exc.msg}）") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        raise LLMError(f"读题结果不符合格式（{'.'.join(map(str, first['loc']))}：{first['msg']}）") from exc


def render_figure(ask: Ask) -> str:
    """A plan-worded figure question that figure_query reads back as exactly this ask."""
    indicator, measure, unit = ask.indicator or "", ask.measure or "", ask.unit or ""
    if indicator == "重点建设项目":
        return "重点建设项目一共多少项？" if measure in ("", "总数") else f"{measure}的重点建设项目有多少项？"
    if indicator == "文物保护单位":
        return f"纳入历史文化保护线的{measure}文物保护单位有几处？"
    if indicator == "国土面积":
        return f"{ask.scope or '市辖区'}国土面积是多少{unit}？"
    if indicator == "中心城区面积":
        return f"中心城区总面积是多少{unit}？"
    phrase = _MEASURE_PHRASE[measure]
    if ask.op == "change":
        return f"{indicator}{phrase}维护前后变化了多少{unit}？"
    if ask.op == "net":
        return f"{indicator}净增加多少{unit}？"
    return f"{ask.version or ''}{indicator}{phrase}是多少{unit}？"


def _check_figure(ask: Ask) -> str | None:
    if ask.indicator not in INDICATORS:
        return f"指标“{ask.indicator}”不在方案中"
    measure = "" if ask.measure in (None, "", "面积") else ask.measure
    if measure not in measures_for(ask.indicator):
        return f"方案没有给出{ask.indicator}的“{measure}”"
    ask.measure = measure
    if ask.unit is not None and claims.unit_of(ask.unit) not in UNITS:
        return f"单位“{ask.unit}”不可用"
    ask.unit = claims.unit_of(ask.unit)
    if ask.scope is not None and ask.scope not in SCOPES:
        return f"范围“{ask.scope}”不可用"
    if ask.op != "lookup" and ask.indicator not in CONTROL_LINES:
        return f"{ask.indicator}没有维护前后的变化"
    return None


def _check_text(ask: Ask, question: str, vocabulary: PlanVocabulary) -> str | None:
    text = (ask.question or "").strip()
    if len(text) < 2:
        return "改写的问题为空"
    foreign = [t for t in tokenize(text) if len(t) >= 2 and t not in QUESTION_WORDS and not _ASKING.search(t)
               and t not in question and t not in vocabulary.corpus_text]
    return f"改写的问题用了方案中没有的词“{'、'.join(foreign)}”" if foreign else None


def _without_longer(text: str, place: str) -> str:
    """The text with longer names containing `place` blanked ("中心城区" is not "城区")."""
    for longer in (*DISTRICTS, *claims.PLACES):
        if place != longer and place in longer:
            text = text.replace(longer, "＿")
    return text


def _key_terms(text: str) -> set[str]:
    return {t for t in claims.term_set(text) if t in KEY_TERMS}


def validate(reading: Reading, question: str, vocabulary: PlanVocabulary) -> list[str]:
    """The plan-worded questions the reading stands for; LLMError when any part is not the plan's."""
    if any(a.kind == "none" for a in reading.asks):
        raise LLMError("模型未能读懂问题")
    questions: list[str] = []
    named: set[str] = set()
    for ask in reading.asks:
        if ask.kind == "figure":
            error = _check_figure(ask)
            rendered = render_figure(ask)
            named |= {ask.indicator or ""} | _key_terms(rendered)
        elif ask.kind == "text":
            error = _check_text(ask, question, vocabulary)
            rendered = (ask.question or "").strip()
            named |= _key_terms(rendered)
        else:
            error = None if ask.place in vocabulary.place_names else f"地名“{ask.place}”不在地名库中"
            if ask.layer is not None and ask.layer not in CHECK_LAYERS:
                error = f"图层“{ask.layer}”不在方案中"
            rendered = f"{ask.place}在不在{ask.layer or '各管控线'}内？"
            named |= {ask.layer} if ask.layer else set()
        if error:
            raise LLMError(error)
        if rendered not in questions:
            questions.append(rendered)
    places = [p for p in (*DISTRICTS, *vocabulary.place_names) if p and p in _without_longer(question, p)]
    lost = [p for p in places if not any(p in q for q in questions)]
    if lost:  # "矿区的城镇开发边界" read as the 市辖区 figure would answer another place
        raise LLMError(f"读题漏掉了问题中的地名“{'、'.join(lost)}”")
    asked = _key_terms(question)
    if asked - named:
        raise LLMError(f"读题漏掉了问题中的“{'、'.join(sorted(asked - named))}”")
    return questions


def read_question(question: str, call: Callable[[list], str], vocabulary: PlanVocabulary) -> ReadResult:
    """Ask the model for a reading; any fault or invalid reading is an `error` (the offline path answers)."""
    try:
        reading = parse_reading(call(reading_prompt(question, vocabulary)))
        return ReadResult(validate(reading, question, vocabulary))
    except LLMError as exc:
        return ReadResult(error=str(exc))
