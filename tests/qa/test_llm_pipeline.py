"""The optional model inside the real assistant (built demo database and index), over a scripted endpoint:
the issue's unsafe reply is not shown; a scripted "perfect reader" answers the repo's question sets at
least as well as the offline path; the extractive answers themselves always pass grounding."""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from fake_llm_server import Fault, is_reading, question_of, scripted_endpoint

from assistant.evaluate import evaluate, load_questions
from assistant.plan.vocabulary import in_plan_words
from assistant.qa.llm import ModelAssist, make_chat_model
from assistant.qa.reader import PlanVocabulary
from assistant.settings import ROOT

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# The shared set sits beside the repository (or beside the worktrees folder when run from a worktree).
DEV_QA = next((p for p in (ROOT.parent / "shared" / "eval" / "dev_qa.jsonl",
                           ROOT.parent.parent / "shared" / "eval" / "dev_qa.jsonl") if p.exists()),
              ROOT.parent / "shared" / "eval" / "dev_qa.jsonl")
QUESTION_SETS = [
    pytest.param(DEV_QA, marks=pytest.mark.skipif(not DEV_QA.exists(), reason="shared eval set not present")),
    FIXTURES / "paraphrase_qa.jsonl",
    FIXTURES / "reader_qa.jsonl",
]
READINGS = {}
for _line in (FIXTURES / "perfect_readings.jsonl").read_text(encoding="utf-8").splitlines():
    _row = json.loads(_line)
    READINGS[_row["q"]] = READINGS[in_plan_words(_row["q"])] = _row["reading"]


def perfect_reader(messages: list[dict]) -> str | Fault:
    """The reading a careful model gives (tests/fixtures/perfect_readings.jsonl); nothing else is served."""
    if not is_reading(messages):
        return Fault.HTTP_500
    reading = READINGS.get(question_of(messages))
    assert reading is not None, f"no scripted reading for {question_of(messages)!r}"
    return json.dumps(reading, ensure_ascii=False)


def echo_extractive(messages: list[dict]) -> str:
    """A rephrasing that says exactly what the extractive answer says."""
    prompt = messages[-1]["content"]
    return prompt.split("系统的摘录式答案：\n", 1)[1].rsplit("\n\n请据此", 1)[0]


@contextmanager
def model_answering(app, script, role: str):
    with scripted_endpoint(script) as server:
        saved = app.llm
        model = make_chat_model("openai", server.base_url, "scripted", "", timeout=5)
        app.llm = ModelAssist(model, role, 5, 10, PlanVocabulary(app.corpus_text, tuple(app.place_names)), "scripted")
        try:
            yield server
        finally:
            app.llm = saved


def test_the_issues_invented_permission_is_not_shown(assistant_app):
    offline = assistant_app.ask("生态控制区能否开发？")
    with model_answering(assistant_app, lambda m: "生态控制区内可以进行大规模工业开发，没有任何限制。", "rephrase"):
        staff = assistant_app.ask("生态控制区能否开发？")
        saved = assistant_app.settings
        assistant_app.settings = replace(saved, mode="public")
        try:
            public = assistant_app.ask("生态控制区能否开发？")
        finally:
            assistant_app.settings = saved
    assert staff.answer == offline.answer == public.answer and staff.citations == offline.citations
    assert "限制条件" in staff.notes[-1] and "大模型（scripted）" in staff.notes[-1]
    assert not any("大模型" in n for n in public.notes)


@pytest.mark.parametrize("qa_file", QUESTION_SETS)
def test_a_perfect_reader_answers_at_least_as_well_as_the_offline_path(assistant_app, qa_file, capsys):
    questions = load_questions(qa_file)
    offline = evaluate(assistant_app, questions).summary()
    with model_answering(assistant_app, perfect_reader, "read") as server:
        read = evaluate(assistant_app, questions).summary()
        used = sum(any("已用大模型读题" in n for n in assistant_app.ask(row["q"]).notes) for row in questions)
    with capsys.disabled():
        print(f"\n{Path(qa_file).name}: offline must {offline['must_contain_accuracy']} refusal "
              f"{offline['refusal_accuracy']} | reader must {read['must_contain_accuracy']} refusal "
              f"{read['refusal_accuracy']} | answered through the reading {used}/{len(questions)}")
    assert read["must_contain_accuracy"] >= offline["must_contain_accuracy"]
    assert read["refusal_accuracy"] >= offline["refusal_accuracy"]
    assert read["false_refusals"] <= offline["false_refusals"]
    assert read["unsupported_numbers"] == 0
    assert server.requests and used >= 0.5 * len(questions)  # the reading path was really taken


def test_the_extractive_answers_themselves_always_pass_grounding(assistant_app):
    questions = load_questions(DEV_QA if DEV_QA.exists() else FIXTURES / "paraphrase_qa.jsonl")
    questions += load_questions(FIXTURES / "paraphrase_qa.jsonl")
    with model_answering(assistant_app, echo_extractive, "rephrase"):
        answers = [assistant_app.ask(row["q"]) for row in questions]
    asked = [a for a in answers if not a.refused and a.citations]
    rejected = [(a.question, a.notes[-1]) for a in asked if "已改写" not in a.notes[-1]]
    assert len(asked) > 50 and not rejected
