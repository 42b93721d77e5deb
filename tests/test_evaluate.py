"""`yqplan eval` scoring: dialogues in one conversation, per-kind accuracy, refusal precision, SQL answers."""

import json

import pytest

from assistant import cli
from assistant.answer_types import Answer, Citation
from assistant.errors import InputError
from assistant.evaluate import contains, evaluate, load_questions

SECTION = "四、动态维护方案 > （一）三条控制线维护 > 3.城镇开发边界"


class ScriptedAssistant:
    """Answers from a script keyed by question; remembers which conversation each question came in."""

    def __init__(self, script):
        self.script = script
        self.conversations = []

    def warm_up(self):
        pass

    def ranked_sections(self, question, k=6):
        return [SECTION]

    def ask(self, question, conversation=None):
        self.conversations.append((question, conversation))
        conversation.context.setdefault("turns", []).append(question)
        text, refused, sql = self.script[question]
        tables = [{"title": "统计", "columns": ["县区", "面积（公顷）"], "rows": [["郊区", 1.0]],
                   "sql": "SELECT 1"}] if sql else []
        citations = [] if refused else [Citation("方案", SECTION, "维护后城镇开发边界面积9387.50公顷")]
        return Answer(question, "figure", text, citations=citations, tables=tables, refused=refused)


SCRIPT = {
    "维护后城镇开发边界多少公顷？": ("维护后城镇开发边界面积9387.50公顷。", False, False),
    "维护前呢？": ("维护前为9390.31公顷。", False, False),
    "北京市的人口？": ("本方案未涉及北京市。", True, False),
    "养老院在哪？": ("本方案未涉及养老院。", True, False),   # a wrong refusal
    "郊区的城镇开发边界有多大？": ("郊区城镇开发边界 1 公顷。", False, True),
    "城区有哪些图斑？": ("城区有图斑。", False, False),       # expects SQL, none shown
}

QUESTIONS = [
    {"id": "a", "kind": "figure", "q": "维护后城镇开发边界多少公顷？", "must": ["9387.5"], "section": "四（一）3 城镇开发边界"},
    {"id": "r1", "kind": "refuse", "q": "北京市的人口？", "must": [], "refuse": True},
    {"id": "e1", "kind": "everyday", "q": "养老院在哪？", "must": ["幸福家园养老中心"]},
    {"id": "s1", "kind": "spatial", "q": "郊区的城镇开发边界有多大？", "must": [], "expects": "sql"},
    {"id": "s2", "kind": "spatial", "q": "城区有哪些图斑？", "must": [], "expects": "sql"},
    {"id": "d1", "kind": "dialogue", "turns": [
        {"q": "维护后城镇开发边界多少公顷？", "must": ["9387.50"], "refuse": False},
        {"q": "维护前呢？", "must": ["9390.31", "2.81"], "refuse": False}]},
]


@pytest.fixture
def report():
    fake = ScriptedAssistant(SCRIPT)
    return fake, evaluate(fake, QUESTIONS)


def test_dialogue_turns_share_one_conversation_and_single_questions_do_not(report):
    fake, rep = report
    singles = [c.context["turns"] for _, c in fake.conversations[:5]]
    assert singles == [[q] for q, _ in fake.conversations[:5]]
    dialogue = fake.conversations[-1][1]
    assert fake.conversations[-2][1] is dialogue
    assert dialogue.context["turns"] == ["维护后城镇开发边界多少公顷？", "维护前呢？"]
    turns = [r for r in rep.rows if r["kind"] == "dialogue"]
    assert [(r["id"], r["dialogue"], r["turn"]) for r in turns] == [("d1#1", "d1", 1), ("d1#2", "d1", 2)]
    assert [r["correct"] for r in turns] == [True, False] and turns[1]["missing"] == ["2.81"]


def test_rows_carry_kind_and_citations(report):
    _, rep = report
    first = rep.rows[0]
    assert first["kind"] == "figure"
    assert first["citations"] == [{"doc": "方案", "section": SECTION, "quote": "维护后城镇开发边界面积9387.50公顷"}]
    assert rep.rows[1]["citations"] == []


def test_sql_questions_need_a_result_table_and_no_refusal(report):
    _, rep = report
    by_id = {r["id"]: r for r in rep.rows}
    assert by_id["s1"]["correct"] and not by_id["s2"]["correct"]


def test_summary_reports_per_kind_accuracy_and_refusal_precision(report):
    _, rep = report
    summary = rep.summary()
    assert summary["questions"] == 7
    # two refusals, one of them should have been (北京市), one wrong (养老院)
    assert summary["refusal_precision"] == 0.5 and summary["refusal_accuracy"] == 1.0
    assert summary["per_kind"]["spatial"] == {"questions": 2, "correct": 1, "accuracy": 0.5}
    assert summary["per_kind"]["dialogue"] == {"questions": 2, "correct": 1, "accuracy": 0.5}
    assert summary["per_kind"]["everyday"]["correct"] == 0
    assert summary["accuracy"] == round(4 / 7, 4)


def test_dialogue_lines_are_validated(tmp_path):
    path = tmp_path / "qa.jsonl"
    path.write_text(json.dumps({"id": "d", "kind": "dialogue", "turns": [{"must": []}]}), encoding="utf-8")
    with pytest.raises(InputError, match="第 1 轮缺少问题字段 q"):
        load_questions(path)
    path.write_text(json.dumps({"id": "d", "turns": []}), encoding="utf-8")
    with pytest.raises(InputError, match="非空列表"):
        load_questions(path)


@pytest.mark.slow
def test_eval_cli_json_has_rows_with_citations(built_settings, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("YQPLAN_INDEX_DIR", built_settings.index_dir)
    monkeypatch.setenv("YQPLAN_DB_PATH", built_settings.db_path)
    path = tmp_path / "qa.jsonl"
    lines = [{"id": "d", "kind": "dialogue", "turns": [{"q": "维护后城镇开发边界多少公顷？", "must": ["9387.50"]},
                                                      {"q": "维护前呢？", "must": ["9390.31"]}]},
             {"id": "x", "kind": "figure", "q": "维护前呢？", "must": ["9390.31"]}]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    assert cli.main(["eval", "--qa", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    rows = out["rows"]
    assert [r["correct"] for r in rows[:2]] == [True, True]
    assert rows[0]["citations"][0].keys() == {"doc", "section", "quote"}
    # the same follow-up asked alone is its own conversation: nothing to resolve "维护前呢" against
    assert not rows[2]["correct"]
    assert out["summary"]["per_kind"]["dialogue"]["accuracy"] == 1.0


@pytest.mark.parametrize(("answer", "must", "found"), [
    ("维护后 9387.50 公顷", "9387.5", True),      # the same number, written to more places
    ("增加幅度 25.01%", "25", True),               # a must written to fewer places starts the number
    ("约 142.17 公顷（142.1686）", "142.1", True),
    ("折合 64,186.21 亩", "64186", True),
    ("减少 12.81 公顷", "2.81", False),           # never inside a number
    ("共 250 项", "25", False),
    ("共 25 项", "25.01", False),
    ("维护后 8.09 公顷", "城市紫线", False),
])
def test_a_must_number_is_the_number_or_its_start(answer, must, found):
    assert contains(answer, must) is found
