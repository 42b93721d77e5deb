"""The optional LLM cannot put words in the plan's mouth: scripted unsafe replies are rejected, correct
paraphrases kept, endpoint faults fall back within the timeout (a fake OpenAI-compatible server on
127.0.0.1 and langchain's fake chat models; nothing leaves the machine)."""

from __future__ import annotations

import time

import pytest
from fake_llm_server import Fault, scripted_endpoint
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer_types import Answer, Citation
from assistant.errors import LLMError
from assistant.plan.corpus import load_corpus, split_sentences
from assistant.qa.grounding import ground
from assistant.qa.llm import ModelAssist, make_chat_model
from assistant.qa.quotes import compose
from assistant.settings import ROOT

DOC = "阳泉市国土空间总体规划2026年度动态维护方案"


@pytest.fixture(scope="module")
def plan_sentences():
    """(section path, sentence) of the real plan text: the quotes below are taken from it, not typed in."""
    return [(s.section, sent) for s in load_corpus(ROOT / "corpus") for sent in split_sentences(s.text)]


def quote(plan_sentences, phrase: str) -> Citation:
    section, sentence = next((sec, s) for sec, s in plan_sentences if phrase in s)
    return Citation(DOC, section, sentence)


def policy_answer(plan_sentences, question: str, *phrases: str) -> Answer:
    citations = [quote(plan_sentences, p) for p in phrases]
    return Answer(question, "policy", compose(citations), citations)


def figure_answer(plan_sentences, question: str, text: str, phrase: str, rows: list[list]) -> Answer:
    """A figure answer as figure_answer.py builds it: the sentence, the plan quote, the SQL rows."""
    table = {"title": "规划数字", "columns": ["indicator", "phase", "version", "value_text", "unit"], "rows": rows,
             "sql": "SELECT …"}
    return Answer(question, "figure", text, [quote(plan_sentences, phrase)], [table])


@pytest.fixture(scope="module")
def eco(plan_sentences):
    return policy_answer(plan_sentences, "生态控制区能否开发？", "生态控制区的管控规则")


@pytest.fixture(scope="module")
def udb(plan_sentences):
    return figure_answer(plan_sentences, "维护后城镇开发边界多少公顷？", "市辖区城镇开发边界维护后 9387.50 公顷。",
                         "维护后城镇开发边界总面积", [["城镇开发边界", "维护后", "维护后", "9387.50", "公顷"]])


@pytest.fixture(scope="module")
def red_line(plan_sentences):
    return policy_answer(plan_sentences, "生态保护红线这回有没有调整？", "不涉及生态保护红线调整")


@pytest.fixture(scope="module")
def farmland(plan_sentences):
    return figure_answer(
        plan_sentences, "永久基本农田维护后增加了多少万亩？",
        "永久基本农田维护后比维护前增加 0.0238 万亩（8.2831 − 8.2593 = 0.0238 万亩），即 238 亩。"
        "维护前（市级总体规划确定）8.2593 万亩，维护后 8.2831 万亩。", "8.2593 万亩",
        [["永久基本农田", "维护前", "维护前", "8.2593", "万亩"], ["永久基本农田", "维护后", "维护后", "8.2831", "万亩"]])


@pytest.fixture(scope="module")
def projects(plan_sentences):
    return figure_answer(plan_sentences, "重点建设项目中实施和延续的各有多少项？", "重点建设项目中实施 118 项、延续 229 项。",
                         "重点建设项目共", [["重点建设项目", "实施", None, "118", "项"],
                                       ["重点建设项目", "延续", None, "229", "项"]])


@pytest.fixture(scope="module")
def heritage(plan_sentences):
    return figure_answer(plan_sentences, "纳入历史文化保护线的文物保护单位有几处？",
                         "纳入历史文化保护线统筹管控的国家级文物保护单位 11 处；纳入历史文化保护线统筹管控的省级文物保护单位 12 处。",
                         "国家级文物保护单位", [["文物保护单位", "国家级", None, "11", "处"],
                                          ["文物保护单位", "省级", None, "12", "处"]])


@pytest.fixture(scope="module")
def green(plan_sentences):
    return policy_answer(plan_sentences, "城市绿线怎么调整的？", "城市绿线布局和规模基本稳定")


@pytest.fixture(scope="module")
def regulation(plan_sentences):
    return policy_answer(plan_sentences, "城镇开发边界管理办法是哪个文号？", "自然资规〔2026〕1号")


@pytest.fixture(scope="module")
def bound(plan_sentences):
    return policy_answer(plan_sentences, "城镇开发边界扩展倍数有没有突破", "城镇开发边界扩展倍数 1.28 倍", "在不突破城镇开发边界扩展倍数")


UNSAFE = [
    # (answer fixture, reply, what the check must name)
    ("eco", "生态控制区内可以进行大规模工业开发，没有任何限制。", "限制条件"),          # the reply
    ("eco", "生态控制区可以进行开发利用和结构布局调整。", "限制条件"),                  # 适度 / 前提 dropped
    ("eco", "生态控制区禁止任何开发利用。", "不得/禁止"),                             # permission turned ban
    ("eco", "生态控制区应当进行适度的开发利用。", "应当/须"),                          # added obligation
    ("eco", "在不降低生态功能的前提下，农田保护区可进行适度的开发利用。", "农田保护区"),  # wrong zone
    ("eco", "依据《生态控制区管理条例》，生态控制区可进行适度的开发利用。", "生态控制区管理条例"),
    ("red_line", "本次动态维护对生态保护红线进行了调整。", "丢掉了原文的否定"),        # negation dropped
    # still caught beside a clause on the same figure that is not negated (grounding's near clauses)
    ("bound", "本次维护突破了城镇开发边界扩展倍数和规划城镇建设用地规模。", "丢掉了原文的否定"),
    ("red_line", "本次动态维护不涉及城市绿线调整。", "城市绿线"),                      # wrong layer
    ("red_line", "市辖区生态保护红线为 10 公顷。", "单位"),                            # 平方千米 -> 公顷
    ("red_line", "市辖区生态保护红线为 10 亩。", "单位"),                              # 平方千米 -> 亩
    ("udb", "维护后城镇开发边界总面积为 9387.50 平方千米。", "单位"),                   # 公顷 -> 平方千米
    ("udb", "维护后城镇开发边界总面积为 9378.50 公顷。", "9378.50"),                   # changed number
    ("udb", "维护后城镇开发边界总面积约 9388 公顷。", "9388"),                         # "rounded"
    ("udb", "维护前城镇开发边界为 9387.50 公顷。", "维护前"),                          # wrong phase
    ("udb", "维护后生态保护红线为 9387.50 公顷。", "生态保护红线"),                     # wrong layer
    ("udb", "城镇开发边界有所优化。", "遗漏"),                                         # the figure left out
    ("farmland", "永久基本农田维护后减少了 0.0238 万亩。", "减少"),                     # direction flipped
    ("green", "城市绿线布局和规模大幅增加。", "增加"),                                  # 基本稳定 -> 增加
    ("farmland", "永久基本农田维护后增加了 0.0238 公顷。", "单位"),                     # 万亩 -> 公顷
    ("projects", "重点建设项目中实施 118 项、延续 228 项。", "228"),                     # changed count
    ("projects", "重点建设项目中实施 229 项、延续 118 项。", "实施"),                    # counts swapped
    ("heritage", "纳入历史文化保护线的国家级文物保护单位有 12 处。", "国家级"),          # small count moved
    ("heritage", "纳入历史文化保护线的国家级文物保护单位有三处。", "三处"),              # small count in words
    ("regulation", "城镇开发边界管理办法的文号是自然资规〔2026〕2号。", "文号"),         # invented 文号
    ("regulation", "文号为晋自然资规〔2026〕1号。", "文号"),                             # issuer changed
    ("regulation", "依据《城镇开发边界管理条例》（自然资规〔2026〕1号）。", "城镇开发边界管理条例"),
]

SAFE = [
    ("eco", "在不降低生态功能、不破坏生态系统且符合空间准入等管控要求的前提下，生态控制区可进行适度的开发利用和结构布局调整。"),
    ("eco", "生态控制区以生态保护与修复为主导。在不降低生态功能、不破坏生态系统的前提下，可以适度开发利用。"),
    ("red_line", "市辖区生态保护红线为 10 平方千米，本次动态维护没有调整生态保护红线。"),
    ("udb", "维护后，市辖区城镇开发边界总面积为 9387.50 公顷。"),
    ("udb", "维护后城镇开发边界为 9387.5 公顷。"),
    ("farmland", "维护后永久基本农田增加了 0.0238 万亩（即 238 亩），由 8.2593 万亩增加到 8.2831 万亩。"),
    ("projects", "本次重点建设项目中，实施的有 118 项，延续的有 229 项。"),
    ("green", "城市绿线本次调出 6.07 公顷、调入 6.42 公顷，布局和规模基本稳定，功能不降低，维护后为 301.11 公顷。"),
    ("heritage", "全市 11 处国家级文物保护单位和 12 处省级文物保护单位纳入历史文化保护线统筹管控。"),
    ("regulation", "城镇开发边界管理办法的文号是自然资规〔2026〕1号，即《城镇开发边界管理办法（试行）》。"),
]


@pytest.mark.parametrize("fixture,reply,reason", UNSAFE)
def test_unsafe_replies_are_rejected_with_the_reason(request, fixture, reply, reason):
    answer = request.getfixturevalue(fixture)
    verdict = ground(answer, reply)
    assert not verdict.supported and not verdict.partly_safe
    assert reason in "；".join(verdict.reasons())
    out = ModelAssist(FakeListChatModel(responses=[reply]), "rephrase").turn().finish(answer, staff=True)
    assert out.answer == answer.answer and out.citations == answer.citations
    assert reason in out.notes[-1] and "显示方案原文摘录" in out.notes[-1]


@pytest.mark.parametrize("fixture,reply", SAFE)
def test_correct_paraphrases_are_kept(request, fixture, reply):
    answer = request.getfixturevalue(fixture)
    assert ground(answer, reply).supported, ground(answer, reply).reasons()
    out = ModelAssist(FakeListChatModel(responses=[reply]), "rephrase").turn().finish(answer, staff=True)
    assert out.answer == reply and out.citations == answer.citations
    assert "已改写" in out.notes[-1]


def test_claim_free_filler_is_dropped_and_the_rest_marked_as_rephrased(eco):
    reply = ("在不降低生态功能、不破坏生态系统的前提下，生态控制区可进行适度的开发利用。希望对您有所帮助。")
    out = ModelAssist(FakeListChatModel(responses=[reply]), "rephrase").turn().finish(eco, staff=False)
    assert out.answer == "在不降低生态功能、不破坏生态系统的前提下，生态控制区可进行适度的开发利用。"
    assert any("大模型依据原文的改写" in n for n in out.notes)
    assert not any(n.startswith("大模型（") for n in out.notes)  # the model's log is for staff only


def test_a_safe_sentence_does_not_carry_an_unsafe_one(udb):
    reply = "维护后城镇开发边界总面积为 9387.50 公顷。城镇开发边界外可以随意建设。"
    out = ModelAssist(FakeListChatModel(responses=[reply]), "rephrase").turn().finish(udb, staff=True)
    assert out.answer == udb.answer


# ------------------------------------------------------------------ endpoint faults
@pytest.mark.parametrize("fault,said", [
    (Fault.HANG, "秒内没有回复"), (Fault.HTTP_500, "接口出错"), (Fault.MALFORMED_JSON, "接口出错"),
    (Fault.EMPTY, "空回复"), (Fault.CUT, "接口出错"), (Fault.STREAM_CUT, "接口出错"),
])
def test_endpoint_faults_fall_back_within_the_timeout(udb, fault, said):
    timeout = 1.0
    with scripted_endpoint(lambda messages: fault) as server:
        model = make_chat_model("openai", server.base_url, "scripted", "", timeout=timeout)
        started = time.monotonic()
        out = ModelAssist(model, "rephrase", timeout=timeout, budget=5).turn().finish(udb, staff=True)
        elapsed = time.monotonic() - started
    assert server.requests, "the request reached the scripted endpoint"
    assert out.answer == udb.answer and out.citations == udb.citations
    assert said in out.notes[-1]
    assert elapsed < timeout + 0.5


def test_a_cut_event_stream_falls_back_too(udb):
    from langchain_openai import ChatOpenAI

    with scripted_endpoint(lambda messages: Fault.STREAM_CUT) as server:
        model = ChatOpenAI(base_url=server.base_url, model="scripted", api_key="x", streaming=True, timeout=1,
                           max_retries=0)
        out = ModelAssist(model, "rephrase", timeout=1, budget=5).turn().finish(udb, staff=True)
    assert out.answer == udb.answer and "接口出错" in out.notes[-1]


def test_a_correct_reply_over_http_is_kept_and_the_prompt_carries_the_sources(udb):
    reply = "维护后，市辖区城镇开发边界总面积为 9387.50 公顷。"
    with scripted_endpoint(lambda messages: reply) as server:
        model = make_chat_model("openai", server.base_url, "scripted", "", timeout=5)
        out = ModelAssist(model, "rephrase", timeout=5, budget=5).turn().finish(udb, staff=True)
    assert out.answer == reply
    prompt = server.requests[0]["messages"][-1]["content"]
    assert udb.citations[0].quote in prompt and "9387.50" in prompt
    assert server.requests[0]["temperature"] == 0


def test_a_reply_cut_by_the_token_limit_is_not_used(udb):
    with scripted_endpoint(lambda messages: Fault.TRUNCATED) as server:
        model = make_chat_model("openai", server.base_url, "scripted", "", timeout=5, max_tokens=3)
        out = ModelAssist(model, "rephrase", timeout=5, budget=5).turn().finish(udb, staff=True)
    sent = server.requests[0]
    assert sent.get("max_tokens", sent.get("max_completion_tokens")) == 3
    assert out.answer == udb.answer and "截断" in out.notes[-1]


def test_the_budget_is_shared_by_every_call_of_one_answer(udb):
    with scripted_endpoint(lambda messages: Fault.HANG) as server:
        model = make_chat_model("openai", server.base_url, "scripted", "", timeout=0.6)
        turn = ModelAssist(model, "both", timeout=0.6, budget=0.7).turn()
        started = time.monotonic()
        assert turn.read("维护后城镇开发边界多少公顷？", lambda q: udb) is None
        out = turn.finish(udb, staff=True)
        elapsed = time.monotonic() - started
    assert out.answer == udb.answer
    assert "预算已用完" in out.notes[-1] and elapsed < 1.2
    assert len(server.requests) == 1


def test_staff_mode_says_when_no_model_was_asked(eco):
    refused = Answer("北京市的永久基本农田有多少？", "out_of_scope", "本方案未涉及北京市。", refused=True)
    out = ModelAssist(FakeListChatModel(responses=["不会被调用"]), "rephrase").turn().finish(refused, staff=True)
    assert out.answer == refused.answer and "未请大模型改写" in out.notes[-1]


def test_llm_settings_errors_are_chinese():
    with pytest.raises(LLMError, match="YQPLAN_LLM_ROLE"):
        ModelAssist(FakeListChatModel(responses=[""]), "write")
    with pytest.raises(LLMError, match="YQPLAN_LLM_BASE_URL"):
        make_chat_model("openai", "", "m", "")
