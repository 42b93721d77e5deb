"""Who issued a document the plan cites and its number, asked in everyday words (部里那份, 省厅的通知); why the work
is done, asked loosely (这回调规划主要是为了啥); a verb of the document saying (方案提到) mapped to no plan word; a unit
asked for one figure not carried to another quantity; 撤销以后 as no phase; "第三个" after a series of aspects; a
share asked of the last area in a scope named (它在市辖区里占多少)."""

import pytest
from conversation_helpers import dialogue

from assistant.qa import asked_things
from assistant.qa.expand import saying_verbs
from assistant.qa.figure_query import parse

BACKGROUND = "一、工作背景"


@pytest.mark.parametrize("question", ["部里那份是哪两个单位联合发的？", "国家层面的那个通知是哪几个部门联合发的？",
                                      "省里那个文件是谁印发的"])
def test_the_issuer_of_a_cited_document_is_asked(question):
    assert asked_things.asks_documents(question)
    shape = asked_things.asked_shape(question)
    assert shape.search("按照《自然资源部 国家林业和草原局关于进一步做好自然资源要素保障的通知》")
    assert not shape.search("建立自然资源、发改、住建、交通、水利、能源等部门协同机制")


@pytest.mark.parametrize("question", ["这个协同机制由哪个部门牵头？", "部门协调涉及哪些部门？"])
def test_a_body_asked_of_no_document_is_not_an_issuer(question):
    assert not asked_things._ISSUER_ASKED.search(question)


@pytest.mark.parametrize("turns, must", [
    (["国家层面的那个通知是哪几个部门联合发的？"], "国家林业和草原局"),
    (["背景部分依据了哪几份文件？", "省厅那份通知全称是什么？", "部里那份是哪两个单位联合发的？"], "国家林业和草原局"),
    (["这个方案是哪一年的？", "依据的部里文件文号是？"], "自然资发〔2026〕38号"),
    (["这个方案是哪一年的？", "依据的部里文件文号是？", "省厅的通知是哪个？"], "晋自然资函〔2026〕95号"),
    (["永农8.2593万亩是哪个范围的？", "维护后呢？", "依据哪个省文件？"], "晋自然资发〔2025〕20号"),
])
def test_cited_documents_are_answered_by_their_titles(fixture_assistant, turns, must):
    answer = dialogue(fixture_assistant, *turns)[-1]
    assert not answer.refused and must in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["这回调规划主要是为了啥？", "政府为啥要搞这次规划调整？", "为啥今年要搞这个规划动态维护啊？"])
def test_why_the_work_is_done_is_its_background(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert [c.section for c in answer.citations] == [BACKGROUND], answer.answer


def test_why_a_named_thing_is_changed_is_not_the_background(fixture_assistant):
    answer = fixture_assistant.ask("为什么要调整生态控制区？")
    assert BACKGROUND not in [c.section for c in answer.citations], answer.answer


def test_the_document_saying_is_no_word_to_map():
    assert saying_verbs("方案提到要杜绝什么样的调整？") == {"提到"}
    assert saying_verbs("规划里说了哪些原则") == set()  # 说 is one character: no word the expansion maps
    assert saying_verbs("方案调整了哪些内容") == {"调整"} and saying_verbs("城镇开发边界调整了多少") == set()


def test_a_rare_word_is_not_outweighed_by_a_verb_of_saying(fixture_assistant):
    answer = fixture_assistant.ask("方案提到要杜绝什么样的调整？")
    assert "低效、无序调整" in answer.answer, answer.answer


def test_a_unit_asked_for_one_figure_is_not_carried_to_another_quantity(fixture_assistant):
    last = dialogue(fixture_assistant, "城市绿线维护后是多少？", "换算成亩呢？", "这次调入比调出多多少？")[-1]
    assert "0.35 公顷" in last.answer and "亩" not in last.answer, last.answer
    same = dialogue(fixture_assistant, "城市绿线维护后是多少？", "换算成亩呢？", "那维护前呢？")[-1]
    assert "亩" in same.answer, same.answer  # the same figure in the other phase keeps the unit asked


def test_taking_a_part_away_is_no_phase():
    assert parse("撤销以后还剩多少项？").version is None
    assert parse("维护以后城镇开发边界多少").version == "维护后"


def test_a_remainder_after_taking_away(fixture_assistant):
    last = dialogue(fixture_assistant, "撤销的项目占总数多少？", "撤销以后还剩多少项？")[-1]
    assert "542" in last.answer, last.answer


def test_the_nth_of_a_series_of_aspects_is_that_aspect(fixture_assistant):
    last = dialogue(fixture_assistant, "中心城区用地布局这回主要调整了哪几方面？", "第三个具体落实了哪些项目？")[-1]
    assert not last.refused and "市第五人民医院" in last.answer, last.answer


def test_the_nth_thing_of_one_sentence_is_still_that_thing(fixture_assistant):
    last = dialogue(fixture_assistant, "中心城区这次落实了哪些公共服务设施？", "第二个是干啥的？")[-1]
    assert "郊区幸福家园养老中心" in last.answer, last.answer


@pytest.mark.parametrize("turns", [("中心城区总面积多少？", "它在市辖区里占多少？"),
                                   ("中心城区的范围是怎么划的？", "总面积呢？", "它在市辖区里占多少？")])
def test_a_share_of_the_last_area_in_a_scope_named(fixture_assistant, turns):
    last = dialogue(fixture_assistant, *turns)[-1]
    assert "41.50%" in last.answer, last.answer


def test_a_share_asked_of_no_scope_is_not_of_the_last_area(fixture_assistant):
    last = dialogue(fixture_assistant, "城镇开发边界这次是扩了还是缩了？", "扩展规模呢？", "少掉的那一块叫啥？占多少？")[-1]
    assert "3.06%" in last.answer, last.answer


@pytest.mark.parametrize("question", ["做这次动态维护到底想达到什么目的？", "动态维护想达到什么效果"])
def test_what_the_work_aims_at_is_its_background(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert [c.section for c in answer.citations] == [BACKGROUND] and "支撑高质量发展" in answer.answer, answer.answer


def test_a_document_asked_by_title_is_read_in_the_item_it_names(fixture_assistant):
    """"部空间规划局的“政策口径”是哪份文件": the plan names that one by no title, though the two 通知 beside it have
    theirs; a document asked of a line whose sentence cites it by title is answered."""
    unnamed = fixture_assistant.ask("部空间规划局的“政策口径”到底是哪份文件？")
    assert unnamed.refused and "部空间规划局" in unnamed.answer, unnamed.answer
    named = fixture_assistant.ask("永久基本农田优化依据哪个文件？")
    assert not named.refused and "晋自然资发〔2025〕20号" in named.answer, named.answer


@pytest.mark.parametrize("turns, must", [
    # a noun always of something (主题, 分类) asks it of what was just said
    (["自然资发〔2026〕38号是哪两个部门发的？", "它的主题是什么？"], "自然资源要素保障"),
    # how the things just counted are grouped
    (["这次清单里重点建设项目一共有多少？", "怎么分类的，各多少？"], "实施 118 项"),
])
def test_what_is_asked_of_the_last_answer_is_answered_from_it(fixture_assistant, turns, must):
    answer = dialogue(fixture_assistant, *turns)[-1]
    assert not answer.refused and must in answer.answer, answer.answer


def test_one_among_the_documents_just_given_is_read_in_their_passage(fixture_assistant):
    """"其中省里那份": one of the documents the last answer cited, not another 省 document elsewhere in the plan."""
    answer = dialogue(fixture_assistant, "这份方案是依据哪些文件开展的？", "其中省里那份文件全称叫什么？")[-1]
    assert BACKGROUND in [c.section for c in answer.citations], answer.answer
    assert "晋自然资函〔2026〕95号" in answer.answer, answer.answer


def test_a_turn_rewritten_from_one_that_said_among_keeps_its_own_line(fixture_assistant):
    """"另一条呢？" is rewritten from "其中哪条调整了…": 其中 was said by the turn before, not by this one."""
    answer = dialogue(fixture_assistant, "其他重要控制线维护包括哪几条？", "其中哪条调整了，调成多少？", "另一条呢？")[-1]
    assert "不涉及洪涝风险控制线调整" in answer.answer, answer.answer
