"""Optional LLM: reads questions into the plan's vocabulary and rephrases answers, never states a fact.

Every call runs under a hard deadline (one call's timeout, and a budget for the whole answer); any endpoint
fault — timeout, HTTP error, malformed or empty reply, a cut stream — leaves the offline answer in place.
A rephrasing is kept only when `grounding.ground` finds every sentence in the quotes and SQL rows.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from ..answer_types import Answer
from ..errors import LLMError, PlanError
from .grounding import ground
from .reader import PlanVocabulary, read_question

log = logging.getLogger(__name__)

SYSTEM = (
    "你是阳泉市国土空间总体规划动态维护方案的问答助手。只能依据下面给出的方案原文摘录和查询结果作答，"
    "用简洁的中文改写答案；不得添加摘录和查询结果之外的任何事实、数字、文件名或推测；"
    "所有数字和单位必须与摘录或查询结果完全一致；保留原文的“可以/不得/应当”等措辞、否定词和限制条件"
    "（如“适度”“在……前提下”“除……外”“经……批准”）；不要输出引用列表（系统会另行附上）。"
)
OLLAMA_DEFAULT_URL = "http://127.0.0.1:11434/v1"
ROLES = ("rephrase", "read", "both")
# Calls that outlive their deadline finish here in the background; the answer never waits for them.
_CALLS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="llm-call")
_THINKING = re.compile(r"<think>.*?(</think>|$)", re.S)


def make_chat_model(provider: str, base_url: str, model: str, api_key: str, timeout: float = 20.0,
                    max_tokens: int = 1024) -> BaseChatModel:
    """An OpenAI-compatible chat model (local Qwen/vLLM server, or Ollama's /v1 endpoint)."""
    provider = provider.strip().lower()
    if provider not in ("openai", "ollama"):
        raise LLMError(f"不支持的大模型类型“{provider}”：YQPLAN_LLM_PROVIDER 只能是 openai 或 ollama，或留空不用。")
    if not model:
        raise LLMError("已配置大模型类型，但未设置 YQPLAN_LLM_MODEL（模型名称）。")
    from langchain_openai import ChatOpenAI

    url = base_url or (OLLAMA_DEFAULT_URL if provider == "ollama" else "")
    if not url:
        raise LLMError("未设置 YQPLAN_LLM_BASE_URL（大模型接口地址，例如 http://127.0.0.1:8000/v1）。")
    # No retries: a second try would only spend the answer's time budget on a failing endpoint.
    return ChatOpenAI(base_url=url, model=model, api_key=api_key or "not-needed", temperature=0,
                      timeout=timeout, max_retries=0, max_tokens=max_tokens)


def reply_text(content) -> str:
    """The text of a chat reply (string or content blocks), without a reasoning model's <think> block."""
    if isinstance(content, list):
        content = "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return _THINKING.sub("", str(content or "")).strip()


@dataclass
class Budget:
    """Seconds one answer may spend on model calls."""

    seconds: float
    started: float = field(default_factory=time.monotonic)

    def remaining(self) -> float:
        return self.seconds - (time.monotonic() - self.started)


def call_model(model: BaseChatModel, messages: list, timeout: float, budget: Budget) -> str:
    """The model's reply text within min(timeout, budget left); LLMError (Chinese) on any fault."""
    limit = min(timeout, budget.remaining())
    if limit < 0.2:
        raise LLMError("本次回答的大模型时间预算已用完")
    future = _CALLS.submit(model.invoke, messages)
    try:
        reply = future.result(timeout=limit)
    except FutureTimeout:
        future.cancel()
        raise LLMError(f"大模型 {limit:.1f} 秒内没有回复") from None
    except Exception as exc:  # the endpoint may fail in any way (HTTP, JSON, connection); all mean "not used"
        if "timeout" in type(exc).__name__.lower():
            raise LLMError(f"大模型 {limit:.1f} 秒内没有回复") from exc
        raise LLMError(f"大模型接口出错（{type(exc).__name__}：{str(exc)[:120]}）") from exc
    if (getattr(reply, "response_metadata", None) or {}).get("finish_reason") == "length":
        raise LLMError("大模型回复被截断（达到最多 token 数）")
    text = reply_text(getattr(reply, "content", ""))
    if not text:
        raise LLMError("大模型返回了空回复")
    return text


def rephrase_prompt(answer: Answer) -> list:
    sources = "\n".join(f"[{i}]〔{c.section}〕{c.quote}" for i, c in enumerate(answer.citations, 1))
    tables = "\n".join(f"{t['title']}：{t['columns']} {t['rows']}" for t in answer.tables)
    user = (f"问题：{answer.question}\n\n方案原文摘录：\n{sources}\n\n查询结果：\n{tables or '无'}\n\n"
            f"系统的摘录式答案：\n{answer.answer}\n\n请据此给出简洁、通顺的中文回答。")
    return [SystemMessage(SYSTEM), HumanMessage(user)]


class ModelAssist:
    """The configured model and what it may do: read questions, rephrase answers, or both."""

    def __init__(self, model: BaseChatModel, role: str = "both", timeout: float = 20.0, budget: float = 30.0,
                 vocabulary: PlanVocabulary | None = None, name: str = ""):
        if role not in ROLES:
            raise LLMError(f"不支持的大模型用途“{role}”：YQPLAN_LLM_ROLE 只能是 rephrase、read 或 both。")
        self.model, self.role, self.timeout, self.budget = model, role, timeout, budget
        self.vocabulary = vocabulary or PlanVocabulary()
        self.name = name or getattr(model, "model_name", "") or type(model).__name__

    @classmethod
    def from_settings(cls, settings, vocabulary: PlanVocabulary | None = None) -> ModelAssist:
        model = make_chat_model(settings.llm_provider, settings.llm_base_url, settings.llm_model,
                                settings.llm_api_key, settings.llm_timeout, settings.llm_max_tokens)
        return cls(model, settings.llm_role.strip().lower(), settings.llm_timeout, settings.llm_budget,
                   vocabulary, settings.llm_model)

    @property
    def reads(self) -> bool:
        return self.role in ("read", "both")

    @property
    def rephrases(self) -> bool:
        return self.role in ("rephrase", "both")

    def turn(self) -> Turn:
        return Turn(self, Budget(self.budget))


class Rephraser:
    """Rephrase only: the model's wording when every sentence is grounded, else the extractive answer."""

    def __init__(self, model: BaseChatModel, timeout: float = 20.0):
        self.assist = ModelAssist(model, "rephrase", timeout, timeout)

    def rephrase(self, answer: Answer) -> Answer:
        return self.assist.turn().rephrase(answer)


@dataclass
class Turn:
    """One answer's use of the model: its time budget and what happened, for the staff-mode notes."""

    assist: ModelAssist
    budget: Budget
    events: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)  # notes every user sees (how the question was read)

    def call(self, messages: list) -> str:
        return call_model(self.assist.model, messages, self.assist.timeout, self.budget)

    def read(self, question: str, answer_question: Callable[[str], Answer]) -> Answer | None:
        """The question answered through the model's structured reading, or None for the offline path."""
        if not self.assist.reads:
            return None
        reading = read_question(question, self.call, self.assist.vocabulary)
        if reading.error:
            log.warning("大模型读题未采用（%s），按离线方式回答：%s", reading.error, question)
            self.events.append(f"读题未采用（{reading.error}），已按离线方式理解问题")
            return None
        try:
            parts = [(q, answer_question(q)) for q in reading.questions]
        except PlanError as exc:
            self.events.append(f"按读题结果回答出错（{exc}），已按离线方式回答")
            return None
        if all(a.refused for _, a in parts):
            self.events.append("按大模型读题得到的问题均无法回答，已按离线方式回答")
            return None
        self.events.append("已用大模型读题（只选取方案词汇，答案仍由方案原文和 SQL 给出）")
        if reading.questions != [question]:
            self.shown.append("已理解为：" + "；".join(reading.questions))
        return merge(question, parts)

    def rephrase(self, answer: Answer) -> Answer:
        """The model's wording when every sentence is grounded; else the extractive answer, reason noted."""
        if not self.assist.rephrases:
            return answer
        if answer.refused or not answer.citations:
            self.events.append("答案为拒答或无引用，未请大模型改写")
            return answer
        try:
            reply = self.call(rephrase_prompt(answer))
        except LLMError as exc:
            log.warning("LLM 改写失败，使用摘录式答案：%s", exc)
            self.events.append(f"改写未采用：{exc}，显示方案原文摘录")
            return answer
        verdict = ground(answer, reply)
        if verdict.supported:
            self.events.append("已改写；每句话都已与原文摘录和查询结果逐句核对")
            return replace(answer, answer=reply.strip(), notes=list(answer.notes))
        reasons = "；".join(verdict.reasons())
        log.warning("LLM 改写未通过核对（%s）：%s", answer.question, reasons)
        if verdict.partly_safe:
            self.events.append(f"改写中删去了无原文依据的语句：{reasons}")
            notes = list(answer.notes) + ["以上为大模型依据原文的改写，已删去无原文依据的语句。"]
            return replace(answer, answer="".join(verdict.kept), notes=notes)
        self.events.append(f"改写未通过逐句核对，显示方案原文摘录。原因：{reasons}")
        return answer

    def finish(self, answer: Answer, staff: bool) -> Answer:
        """Rephrase, then say (staff mode) whether and how a model was used."""
        answer = self.rephrase(answer)
        notes = list(answer.notes) + self.shown
        if staff:
            used = f"大模型（{self.assist.name}）：" + "；".join(self.events) if self.events else "大模型：未使用"
            notes.append(used)
        return replace(answer, notes=notes)


def merge(question: str, parts: list[tuple[str, Answer]]) -> Answer:
    """One answer from the answers to each part of a question, citations and tables kept once."""
    if len(parts) == 1:
        only = parts[0][1]
        return replace(only, question=question)
    text = "\n\n".join(f"**{q}**\n\n{a.answer}" for q, a in parts)
    citations = list(dict.fromkeys(c for _, a in parts for c in a.citations))
    tables = [t for _, a in parts for t in a.tables]
    answered = [a for _, a in parts if not a.refused]
    first = answered[0] if answered else parts[0][1]
    notes = list(dict.fromkeys(n for _, a in parts for n in a.notes))
    return Answer(question, first.intent, text, citations, tables, refused=not answered,
                  location=first.location, notes=notes, image=first.image)
