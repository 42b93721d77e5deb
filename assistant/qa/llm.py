"""Optional LLM: may only rephrase from the quoted passages and SQL results; any new number is rejected."""

from __future__ import annotations

import logging
from dataclasses import replace

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from ..answer_types import Answer
from ..errors import LLMError
from .grounding import unsupported_numbers

log = logging.getLogger(__name__)

SYSTEM = (
    "你是阳泉市国土空间总体规划动态维护方案的问答助手。只能依据下面给出的方案原文摘录和查询结果作答，"
    "用简洁的中文改写答案；不得添加摘录和查询结果之外的任何事实、数字或推测；"
    "所有数字必须与摘录或查询结果完全一致；不要输出引用列表（系统会另行附上）。"
)
OLLAMA_DEFAULT_URL = "http://127.0.0.1:11434/v1"


def make_chat_model(provider: str, base_url: str, model: str, api_key: str) -> BaseChatModel:
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
    return ChatOpenAI(base_url=url, model=model, api_key=api_key or "not-needed", temperature=0,
                      timeout=30, max_retries=1)


class Rephraser:
    def __init__(self, model: BaseChatModel):
        self.model = model

    @classmethod
    def from_settings(cls, settings) -> Rephraser:
        return cls(make_chat_model(settings.llm_provider, settings.llm_base_url, settings.llm_model,
                                   settings.llm_api_key))

    def prompt(self, answer: Answer) -> list:
        sources = "\n".join(f"[{i}]〔{c.section}〕{c.quote}" for i, c in enumerate(answer.citations, 1))
        tables = "\n".join(
            f"{t['title']}：{t['columns']} {t['rows']}" for t in answer.tables)
        user = (f"问题：{answer.question}\n\n方案原文摘录：\n{sources}\n\n查询结果：\n{tables or '无'}\n\n"
                f"系统的摘录式答案：\n{answer.answer}\n\n请据此给出简洁、通顺的中文回答。")
        return [SystemMessage(SYSTEM), HumanMessage(user)]

    def rephrase(self, answer: Answer) -> Answer:
        """The LLM's wording when every number in it is in the sources; otherwise the extractive answer."""
        try:
            reply = self.model.invoke(self.prompt(answer))
        except Exception as exc:  # any endpoint failure falls back; the product is complete without it
            log.warning("LLM 调用失败，使用摘录式答案：%s", exc)
            return answer
        text = str(reply.content).strip()
        stray = unsupported_numbers(answer, text)
        if not text or stray:
            log.warning("LLM 答案含无出处的数字 %s，改用摘录式答案", stray)
            return replace(answer, notes=answer.notes + ["（大模型改写含无出处的数字，已改用方案原文摘录。）"])
        return replace(answer, answer=text)
