"""End to end on the built demo database and the real index: answers, refusals, follow-ups, CLI contract."""

import json
from pathlib import Path

import pytest

from assistant import cli
from assistant.conversation import Conversation
from assistant.evaluate import evaluate, load_questions
from assistant.settings import ROOT

pytestmark = pytest.mark.slow

DEV_QA = ROOT.parent / "shared" / "eval" / "dev_qa.jsonl"
PARAPHRASES = Path(__file__).parent / "fixtures" / "paraphrase_qa.jsonl"


@pytest.mark.parametrize("qa_file", [
    pytest.param(DEV_QA, marks=pytest.mark.skipif(not DEV_QA.exists(), reason="shared eval set not present")),
    PARAPHRASES,
])
def test_question_sets_are_answered_right_with_sourced_numbers(assistant_app, qa_file):
    summary = evaluate(assistant_app, load_questions(qa_file)).summary()
    assert summary["must_contain_accuracy"] == 1.0
    assert summary["refusal_accuracy"] == 1.0
    assert summary["false_refusals"] == 0
    assert summary["unsupported_numbers"] == 0
    assert summary["citation_precision"] == 1.0


# Written from the plan text alone by people who never saw the code; their held-out halves are kept out of
# the repository. A floor under the visible halves keeps a change from quietly losing what they measure.
INDEPENDENT = [Path(__file__).parent / "fixtures" / name
               for name in ("independent_seen.jsonl", "independent_v3_seen.jsonl")]


@pytest.mark.parametrize("qa_file", INDEPENDENT, ids=[p.stem for p in INDEPENDENT])
def test_independent_question_sets_keep_their_floor(assistant_app, qa_file):
    summary = evaluate(assistant_app, load_questions(qa_file)).summary()
    assert summary["accuracy"] >= 0.95, summary
    assert summary["refusal_precision"] >= 0.9, summary
    assert summary["unsupported_numbers"] == 0, summary
    for kind in ("multipart", "dialogue", "figure", "derived"):
        assert summary["per_kind"][kind]["accuracy"] >= 0.9, (kind, summary["per_kind"][kind])


def test_the_newest_independent_set_keeps_its_floor(assistant_app):
    """Set C (this round's, 74 visible items): everyday words and refusals of near misses are still below the
    older sets (0.91 when added; the held-out 60 % went 0.72 -> 0.81 with the changes made against this half)."""
    summary = evaluate(assistant_app, load_questions(Path(__file__).parent / "fixtures" / "independent_v4_seen.jsonl")).summary()
    assert summary["accuracy"] >= 0.9, summary
    assert summary["refusal_precision"] >= 0.85 and summary["unsupported_numbers"] == 0, summary
    for kind in ("multipart", "dialogue", "figure", "derived", "policy", "enumeration"):
        assert summary["per_kind"][kind]["accuracy"] == 1.0, (kind, summary["per_kind"][kind])


def test_the_fourth_independent_set_keeps_its_floor(assistant_app):
    """Set D (this round's, 77 visible items; written from the plan alone): 0.83 when added, 0.96 after the
    changes made against this half (the held-out 60 % is kept out of the repository)."""
    summary = evaluate(assistant_app, load_questions(Path(__file__).parent / "fixtures" / "independent_v5_seen.jsonl")).summary()
    assert summary["accuracy"] >= 0.93 and summary["false_refusals"] <= 1, summary
    assert summary["refusal_precision"] >= 0.9 and summary["unsupported_numbers"] == 0, summary
    for kind in ("multipart", "figure", "derived", "policy", "enumeration", "refuse", "injection"):
        assert summary["per_kind"][kind]["accuracy"] == 1.0, (kind, summary["per_kind"][kind])


ALL_RIGHT = ("multipart", "figure", "derived", "policy", "refuse", "injection")


@pytest.mark.parametrize(("name", "floor", "all_right"), [
    # Set E (stop 22, 112 visible of 162; written from the plan alone): 0.925 when added, 0.947 after, 0.985
    # with the glosses (stop 24).
    ("independent_v6_seen.jsonl", 0.96, ALL_RIGHT),
    # Set F (stop 23, 78 visible of 130): 0.823 when added, 0.938 after, 0.969 with the glosses. Held-out
    # halves: see README.
    ("independent_v7_seen.jsonl", 0.95, ALL_RIGHT),
    # Set G (stop 24, 85 visible of 142): 0.726 when added, 0.877 after. Two of its refusals ask a district's
    # own layer figure (h119) and which sub-zones (h118): the product answers the first from the layers, as issue 9
    # asks, and quotes the plan's one sentence on the second; so its refusals are not all right. 0.934 after
    # the glosses' questions (stop 25).
    ("independent_v8_seen.jsonl", 0.92, tuple(k for k in ALL_RIGHT if k != "refuse")),
    # Set H (stop 25, 97 visible of 162, weighted to everyday wording and near misses): 0.848 when added,
    # 0.898 after. Like G, three refusals ask a district's or the city's own layer figure, which the product
    # answers from the layers (issue 9 item 7).
    ("independent_v9_seen.jsonl", 0.88, tuple(k for k in ALL_RIGHT if k != "refuse")),
    # Set I (stop 26, 125 visible of 209, with "sounds_outside": questions that sound outside the plan but
    # that it answers): 0.811 when added, 0.935 after. Five refusals ask a district's own layer figure or a
    # town breakdown, which the product answers from the layers (issue 9 item 7).
    ("independent_v10_seen.jsonl", 0.91, (*(k for k in ALL_RIGHT if k != "refuse"), "sounds_outside")),
    # Set J (stop 27, 139 visible of 229): 0.796 when added, 0.946 after. Four refusals ask a district's or a
    # facility's own layer figure, which the product answers from the layers (issue 9 item 7).
    ("independent_v11_seen.jsonl", 0.93, tuple(k for k in ALL_RIGHT if k != "refuse")),
    # Set K (stop 28, 119 visible lines of 196, told that the layers answer a district's own figure): 0.949 when
    # added, 0.994 after.
    ("independent_v12_seen.jsonl", 0.97, (*ALL_RIGHT, "enumeration", "sounds_outside", "dialogue")),
    # Set L (stop 28, 53 visible lines of 106, 30 dialogues of 4-6 turns): 0.733 at the round's starting code,
    # 0.914 after.
    ("independent_v13_seen.jsonl", 0.89, ("multipart", "derived", "sounds_outside")),
    # Set M (stop 29, 74 visible lines of 123, 160 judged; its derived musts are written to fewer places, which
    # the judge reads as the start of the number): 0.775 at the round's starting code (0.8375 with that
    # judge), 0.944 after.
    ("independent_v14_seen.jsonl", 0.92, ("derived", "enumeration", "figure", "injection", "multipart", "policy",
                                          "refuse")),
    # Set N (stop 29, dialogues only: 22 of 44, 111 turns): 0.766 when added mid-round, 0.847 after, 0.937
    # after stop 30.
    ("independent_v15_seen.jsonl", 0.90, ()),
    # Set O (stop 30, 73 visible lines of 118, 102 judged): 0.902 at the round's starting code, 0.961 after.
    ("independent_v16_seen.jsonl", 0.93, ("derived", "dialogue", "enumeration", "everyday", "figure", "injection",
                                          "policy")),
    # Set P (stop 31, 110 visible lines of 165, 143 judged): 0.916 at the round's starting code, 0.972 after.
    ("independent_v17_seen.jsonl", 0.95, ("derived", "dialogue", "enumeration", "figure", "injection", "multipart",
                                          "policy", "sounds_outside")),
    # Set Q (stop 31, 100 visible lines of 150, 160 judged; 20 dialogues): 0.906 when first measured (after
    # this round's first five commits), 0.981 after.
    ("independent_v18_seen.jsonl", 0.95, ("derived", "dialogue", "enumeration", "figure", "injection", "multipart",
                                          "policy", "refuse", "sounds_outside")),
    # Set R (stop 32, 116 visible lines of 176, 178 judged; 22 of its 33 dialogues): 0.916 at the round's
    # starting code, 0.989 after.
    ("independent_v19_seen.jsonl", 0.95, ("derived", "enumeration", "everyday", "figure", "injection", "multipart",
                                          "policy", "refuse")),
    # Set S (stop 33, 118 visible lines of 176, 178 judged; 23 of its 34 dialogues): 0.888 at the round's
    # starting code, 0.989 after.
    ("independent_v20_seen.jsonl", 0.95, ("derived", "enumeration", "everyday", "figure", "injection", "multipart",
                                          "policy", "refuse", "sounds_outside")),
    # Set T (stop 34, 129 visible lines of 193, 210 judged; 33 of its 48 dialogues): 0.910 at the round's
    # starting code, 0.995 after.
    ("independent_v21_seen.jsonl", 0.97, ("derived", "dialogue", "enumeration", "figure", "injection", "multipart",
                                          "policy", "refuse", "sounds_outside")),
    # Set U (stop 34, dialogues only, all visible: 65 dialogues of 250 turns, 30 everyday, 10 refusals): 0.828
    # when added mid-round, 0.907 after.
    ("independent_v22_seen.jsonl", 0.88, ("everyday", "refuse")),
    # Set V (stop 35, 140 visible lines of 209, 247 judged; 33 of its 50 dialogues): 0.862 at the round's
    # starting code, 0.939 after.
    ("independent_v23_seen.jsonl", 0.91, ("derived", "enumeration", "figure", "injection", "multipart", "policy",
                                          "refuse", "sounds_outside")),
    # Set W (stop 36, 120 visible lines of 180, 196 judged; 33 of its 50 dialogues): 0.903 at the round's
    # starting code, 0.974 after.
    ("independent_v24_seen.jsonl", 0.95, ("derived", "enumeration", "figure", "injection", "multipart", "policy",
                                          "refuse", "sounds_outside")),
    # Probes of stop 36, written from the plan text alone and all visible: 70 dialogues (268 turns), 0.899 ->
    # 0.944; 170 everyday, refused and sounds-outside questions, 0.818 -> 0.900.
    ("probe_x1_dialogues.jsonl", 0.92, ()),
    ("probe_x2_everyday.jsonl", 0.88, ()),
    # Set Y (stop 37, 114 visible lines of 170, 275 judged; 54 of its 80 dialogues): 0.895 at the round's
    # starting code, 0.938 after. Probe X3 (stop 37, 90 dialogues of 437 turns, all visible): 0.840 -> 0.872.
    # Stop 38 raised both floors: Y visible 0.938 -> 0.953, X3 0.872 -> 0.899.
    # Stop 39 raised X3's floor: 0.899 -> 0.906.
    ("independent_v25_seen.jsonl", 0.94, ("sounds-outside", "refuse")),
    ("probe_x3_dialogues.jsonl", 0.90, ()),
    # Set Z (stop 38, 114 visible lines of 170, 281 judged; 54 of its 80 dialogues): 0.819 at the round's
    # starting code, 0.886 after; 0.925 after stop 39.
    # Stop 40 raised its floor: 0.925 -> 0.950 measured, floor 0.93.
    ("independent_v26_seen.jsonl", 0.93, ()),
    # Set AA (stop 39, 114 visible lines of 170, 281 judged; 54 of its 80 dialogues): 0.843 at the round's
    # starting code, 0.918 after, with its refusals and multi-part questions all right; 0.943 after stop 40.
    ("independent_v27_seen.jsonl", 0.93, ("refuse", "multipart")),
    # Set BB (stop 40, 114 visible lines of 170, 293 judged; 54 of its 80 dialogues): 0.843 at the round's
    # starting code, 0.93 after, with its multi-part questions all right.
    ("independent_v28_seen.jsonl", 0.91, ("multipart",)),
    # Set CC (stop 41, 114 visible lines of 170, 287 judged; 54 of its 80 dialogues): 0.857 at the round's
    # starting code, 0.916 after, with its multi-part questions and refusals all right.
    ("independent_v29_seen.jsonl", 0.90, ("multipart", "refuse")),
    # Set DD (stop 41, all 170 lines visible, 435 judged: written for development while CC's held-out third
    # stayed unseen): 0.846 at the round's starting code, 0.88 after.
    ("independent_v30.jsonl", 0.86, ("multipart",)),
    # Set EE (stop 42, 114 visible lines of 170, 268 judged; the held-out third stays unseen): 0.866 at the round's
    # starting code, 0.922 after, its multi-part questions all right.
    ("independent_v31_seen.jsonl", 0.90, ("multipart",)),
    # Set PP (stop 42, 100 pairs, all visible): one question the plan answers and one on the same topic asking a
    # detail it does not give; 0.855 at the round's starting code (answered 95/100, refused 76/100), 0.925 after
    # (answered 98/100, refused 87/100).
    ("independent_v32_pairs.jsonl", 0.90, ()),
    # Set FF (stop 43, 114 visible lines of 170, 268 judged; the held-out third stays unseen): 0.884 at the round's
    # starting code, 0.918 after, its multi-part questions all right.
    ("independent_v33_seen.jsonl", 0.90, ("multipart",)),
    # Set GG (stop 44, 114 visible lines of 170, 246 judged; the held-out third stays unseen): 0.837 at the round's
    # starting code, 0.907 after, its multi-part questions all right.
    ("independent_v34_seen.jsonl", 0.88, ("multipart",)),
    # Set HH (stop 45, 114 visible lines of 170, 276 judged, 117 of its 310 dialogue turns to be refused; the
    # held-out third stays unseen): 0.826 at the round's starting code, 0.837 after, 0.884 after stop 46; its
    # sounds-outside all right.
    ("independent_v35_seen.jsonl", 0.86, ("sounds-outside",)),
    # Set II (stop 46, 114 visible lines of 170, 260 judged, 104 of its 289 dialogue turns to be refused; the
    # held-out third stays unseen): 0.812 at the round's starting code, 0.904 after, its sounds-outside all right.
    ("independent_v36_seen.jsonl", 0.86, ("sounds-outside",)),
    # Set JJ (stop 47, 114 visible lines of 170, 258 judged, 101 of its 282 dialogue turns to be refused; the
    # held-out third stays unseen): 0.833 at the round's starting code, 0.930 after, its sounds-outside all right.
    ("independent_v37_seen.jsonl", 0.88, ("sounds-outside",)),
    # Set KK (stop 48, 114 visible lines of 170, 256 judged, 91 of its 281 dialogue turns to be refused; the
    # held-out third stays unseen): 0.910 at the round's starting code, its sounds-outside all right.
    ("independent_v38_seen.jsonl", 0.90, ("sounds-outside",)),
    # Set LL (stop 49, 114 visible lines of 170, 257 judged, 61 of its 190 visible dialogue turns to be refused;
    # the held-out third stays unseen): 0.891 at the round's starting code, 0.957 after, its multi-part questions
    # and refusals all right.
    ("independent_v39_seen.jsonl", 0.93, ("multipart", "refuse")),
    # Set MM (stop 50, 114 visible lines of 170, 256 judged, 62 of its 189 visible dialogue turns to be refused;
    # the held-out third stays unseen): 0.875 at the round's starting code, 0.984 after, its everyday wording
    # and multi-part questions all right.
    ("independent_v40_seen.jsonl", 0.93, ("everyday", "multi")),
    # Set NN (stop 51, 114 visible lines of 170, 259 judged, 61 of its 192 visible dialogue turns to be refused;
    # the held-out third stays unseen): 0.892 at the round's starting code, its refusals and sounds-outside all
    # right.
    ("independent_v41_seen.jsonl", 0.93, ("refuse", "sounds")),
    # Set OO (stop 52, 114 visible lines of 170, 265 judged, 62 of its 200 visible dialogue turns to be refused;
    # the held-out third stays unseen): 0.868 at the round's starting code, 0.92 after, its refusals and
    # multi-part questions all right.
    ("independent_v42_seen.jsonl", 0.90, ("refuse", "multi")),
    # Set QQ (stop 53, 114 visible lines of 170, 258 judged, 62 of its 191 visible dialogue turns to be refused;
    # the held-out third stays unseen): 0.907 at the round's starting code, 0.95 after, its multi-part and
    # sounds-outside questions all right.
    ("independent_v43_seen.jsonl", 0.93, ("multi", "sounds")),
    # Set RR (stop 54, 114 visible lines of 170, 260 judged, 59 of its 193 visible dialogue turns to be refused;
    # the held-out third stays unseen): 0.873 at the round's starting code, 0.94 after, its multi-part questions
    # and refusals all right.
    ("independent_v44_seen.jsonl", 0.92, ("multi", "refuse")),
    # Set SS (stop 55, 114 visible lines of 170, 268 judged, 63 of its 204 visible dialogue turns to be refused;
    # the held-out third stays unseen): 0.903 at the round's starting code, 0.97 after, its everyday wording,
    # multi-part questions and refusals all right.
    ("independent_v45_seen.jsonl", 0.95, ("everyday", "multi", "refuse")),
    # Set TT (stop 56, 114 visible lines of 170, 257 judged, 58 of its 190 visible dialogue turns to be refused;
    # derived figures written as "派生: value = formula" by its writer, read as their value; the held-out third
    # stays unseen): 0.876 at the round's starting code, 0.95 after, its multi-part questions all right.
    ("independent_v46_seen.jsonl", 0.93, ("multi",)),
    # Set UU (stop 57, 114 visible lines of 170, 262 judged, 62 of its 196 visible dialogue turns to be refused;
    # the held-out third stays unseen): 0.928 at the round's starting code, 0.98 after, its everyday wording and
    # multi-part questions all right.
    ("independent_v47_seen.jsonl", 0.95, ("everyday", "multi")),
    # Set VV (stop 57, written to probe refusals in conversation: 80 visible lines of 120, 233 judged, 101 of its
    # 204 visible dialogue turns to be refused; the held-out third stays unseen): 0.858 at the round's starting
    # code, 0.92 after.
    ("independent_v48_seen.jsonl", 0.89, ()),
    # Set WW (stop 58, 110 visible lines of 165, 231 judged, 61 of its 158 visible dialogue turns to be refused;
    # the held-out third stays unseen): 0.926 at the round's starting code, 0.97 after, its everyday wording,
    # multi-part, sounds-like and derived questions all right.
    ("independent_v49_seen.jsonl", 0.95, ("everyday", "multi", "sounds", "derived")),
    # Set XX (stop 59, 110 visible lines of 165, 250 judged, 69 of its 182 visible dialogue turns to be refused;
    # the held-out third stays unseen): 0.908 at the round's starting code, 0.968 after, its multi-part,
    # sounds-like, derived, list, figure and policy questions all right.
    ("independent_v50_seen.jsonl", 0.95, ("multi", "sounds", "derived", "list", "figure", "policy")),
    # Set YY (stop 60, 110 visible lines of 165, 232 judged, 84 of them to be refused; the held-out third stays
    # unseen): 0.918 at the round's starting code, 0.970 after, its multi-part, sounds-like, derived, list, figure
    # and policy questions all right.
    ("independent_v51_seen.jsonl", 0.95, ("multi", "sounds", "derived", "list", "figure", "policy")),
    # Set ZZ (stop 61, 114 visible lines of 170, 256 judged, 72 of its 189 visible dialogue turns to be refused;
    # the held-out third stays unseen): 0.910 at the round's starting code, 0.930 after (four of its misses are
    # district statistics, answered from the layers as issue 9 item 7 asks), its derived, list and sounds-like
    # questions all right.
    ("independent_v52_seen.jsonl", 0.92, ("derived", "list", "soundslike")),
])
def test_the_newer_independent_sets_keep_their_floor(assistant_app, name, floor, all_right):
    summary = evaluate(assistant_app, load_questions(Path(__file__).parent / "fixtures" / name)).summary()
    assert summary["accuracy"] >= floor and summary["unsupported_numbers"] == 0, summary
    for kind in all_right:
        assert summary["per_kind"][kind]["accuracy"] == 1.0, (kind, summary["per_kind"][kind])


def test_every_answer_cites_verbatim_plan_text(assistant_app):
    full = {s.section: s.text for s in assistant_app.sections}
    for question in ["生态控制区能否开发？", "维护后城镇开发边界多少公顷？", "城市紫线净增加多少平方米",
                     "编制原则有哪几条？"]:
        answer = assistant_app.ask(question)
        assert answer.citations, question
        for c in answer.citations:
            assert c.quote in full[c.section] or c.section.endswith(c.quote), (question, c)


def test_figure_arithmetic_is_done_in_sql(assistant_app):
    answer = assistant_app.ask("永久基本农田增加了多少亩")
    assert "238" in answer.answer and answer.tables and "SELECT" in answer.tables[0]["sql"].upper()
    assert "5522.07" in assistant_app.ask("维护后永久基本农田折合多少公顷").answer
    assert "248.34" in assistant_app.ask("城市紫线净增加多少平方米").answer


def test_followups_keep_the_conversation(assistant_app):
    conversation = Conversation()
    assistant_app.ask("维护后城镇开发边界多少公顷？", conversation)
    before = assistant_app.ask("维护前呢？", conversation)
    assert "9390.31" in before.answer
    layer = assistant_app.ask("那历史文化保护线呢？", conversation)
    assert "568.4626" in layer.answer


def test_location_questions_are_checked_layer_by_layer(assistant_app):
    answer = assistant_app.ask("东经113.58 北纬37.86 在不在基本农田里？")
    assert answer.intent == "location" and answer.location["in_scope"]
    assert "永久基本农田" in answer.answer and "演示数据" in answer.answer
    assert {row["layer"] for row in answer.location["layers"]} >= {"永久基本农田", "生态保护红线", "城镇开发边界"}
    assert answer.citations


def test_places_outside_the_layers_are_told_honestly(assistant_app):
    answer = assistant_app.ask("东经113.35 北纬38.05 在不在基本农田里？")  # 盂县
    assert answer.intent == "location" and not answer.location["in_scope"]
    assert "市辖区" in answer.answer


def test_bad_coordinates_get_a_chinese_error(assistant_app):
    answer = assistant_app.ask("东经213.58 北纬37.86 在不在基本农田里？")
    assert answer.intent == "error" and not answer.citations
    assert "超出经纬度范围" in answer.answer


def test_statistics_show_their_sql(assistant_app):
    answer = assistant_app.ask("郊区有多少永久基本农田？")
    assert answer.intent == "stats" and "公顷" in answer.answer and "演示数据" in answer.answer
    assert "ST_Intersection" in answer.tables[0]["sql"]


def test_ask_cli_prints_one_json_object_per_question(built_settings, monkeypatch, capsys):
    monkeypatch.setenv("YQPLAN_INDEX_DIR", built_settings.index_dir)
    monkeypatch.setenv("YQPLAN_DB_PATH", built_settings.db_path)
    assert cli.main(["ask", "--json", "维护后城镇开发边界多少公顷？", "北京市的永久基本农田有多少？"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [set(x) for x in lines] == [{"question", "intent", "answer", "citations", "tables", "refused"}] * 2
    assert lines[0]["citations"][0].keys() == {"doc", "section", "quote"}
    assert lines[0]["tables"][0].keys() >= {"title", "columns", "rows", "sql"}
    assert lines[1]["refused"] and not lines[1]["citations"] and "未涉及" in lines[1]["answer"]


def test_every_location_answer_states_the_three_control_lines(assistant_app):
    answer = assistant_app.ask("我家在东经113.6度北纬37.9度，能盖房子吗？")
    assert answer.intent == "location"
    for layer in ("永久基本农田", "生态保护红线", "城镇开发边界"):
        assert layer in answer.answer


def test_town_amounts_are_refused_not_answered_with_district_totals(assistant_app):
    answer = assistant_app.ask("义井镇有多少永久基本农田")
    assert answer.refused and "8.2831" not in answer.answer and "义井镇" in answer.answer


def test_a_named_unit_id_is_validated_with_a_precise_message(assistant_app):
    answer = assistant_app.ask("不动产单元号 1403110010 占不占永久基本农田？")
    assert "28 位" in answer.answer and "10 位" in answer.answer
    short = assistant_app.ask("不动产单元号 1234 在不在城镇开发边界内")
    assert "28 位" in short.answer and "4 位" in short.answer


def test_plan_map_requests_draw_the_figure_and_cite_the_list(assistant_app):
    answer = assistant_app.ask("看一下永久基本农田维护后图")
    assert answer.intent == "map" and answer.image.png[:4] == b"\x89PNG"
    assert answer.citations and answer.citations[0].section == "附图"


@pytest.mark.parametrize("turns", [
    [("中心城区面积多大？", ["271.23"], []), ("它的范围到哪儿？", ["河底镇", "坡头村"], []),
     ("这一层次主要维护什么内容？", ["中心城区用地规划布局", "城市重要控制线"], [])],
    [("城市紫线为啥要调整？", ["南山宾馆"], []), ("调出调入分别是多少？", ["734.46", "982.80"], []),
     ("维护后呢？", ["8.09"], ["982.80"])],
    [("方案有哪些附图？", ["标明调出", "标明调入"], []),
     ("其中维护后的有哪几张？", ["永久基本农田维护后图", "城镇开发边界维护后图"], ["标明调出"])],
], ids=["pronouns", "ellipsis-after-policy", "which-of-them"])
def test_pronouns_and_ellipsis_resolve_against_the_turn_before(assistant_app, turns):
    conversation = Conversation()
    for question, must, must_not in turns:
        answer = assistant_app.ask(question, conversation)
        assert not answer.refused and answer.citations, (question, answer.answer)
        assert all(m in answer.answer for m in must), (question, answer.answer)
        assert not any(m in answer.answer for m in must_not), (question, answer.answer)


@pytest.mark.parametrize("question,must", [
    ("我是普通老百姓，想问下这次规划有没有给老人安排新的养老院？", "幸福家园养老中心"),
    ("家里孩子才一岁多，听说要建托育的地方，规划里有吗？", "综合托育服务中心"),
    ("老百姓能参与吗？", "公开、公平、公正"),
    ("老百姓怎么知道规划改了啥？", "信息公开"),  # 怎么知道: how word reaches one, not an action the plan lacks
    ("咱阳泉全市地盘一共有多大？", "4558.96"),
])
def test_everyday_words_are_answered_from_the_plan(assistant_app, question, must):
    answer = assistant_app.ask(question)
    assert not answer.refused and must in answer.answer, answer.answer


@pytest.mark.parametrize("question", [
    "今年山西高考一本分数线是多少？", "这个方案对地铁建设怎么安排？", "我家在村里，想批宅基地盖房子，每户最多能批多少平方米？",
    "新城大道一级消防站计划哪一年建成投用？", "阳泉市2025年度动态维护方案调整了多少永久基本农田？",
])
def test_what_the_plan_does_not_support_is_refused(assistant_app, question):
    answer = assistant_app.ask(question)
    assert answer.refused and not answer.citations, answer.answer
