"""Plain-language glosses find the plan's sentence for everyday wording; they are checked against the plan
and never quoted."""

import json
import re

import numpy as np
import pytest

from assistant.conversation import Conversation
from assistant.errors import DataError
from assistant.plan.corpus import load_corpus
from assistant.qa.glosses import FILE_NAME, Gloss, GlossIndex, clauses, load_glosses
from assistant.qa.policy_answer import Extractor
from assistant.qa.terms import tokenize
from assistant.settings import ROOT

SECTION = "五、实施保障 > （四）监督管理"


@pytest.fixture(scope="module")
def sentences():
    return Extractor(load_corpus(ROOT / "corpus"), tokenize).sentences


class TableEmbeddings:
    """Deterministic stand-in: a text's vector is a one-hot axis chosen by a table; other texts share axis 0."""

    def __init__(self, axes):
        self.axes = axes

    def embed_documents(self, texts):
        out = np.zeros((len(texts), 8))
        for i, t in enumerate(texts):
            out[i, self.axes.get(t, 0)] = 1.0
        return out.tolist()

    def embed_query(self, text):
        return self.embed_documents([text])[0]


def write(tmp_path, *rows):
    (tmp_path / FILE_NAME).write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
                                               for r in rows), encoding="utf-8")
    return tmp_path


def test_no_file_means_no_glosses(tmp_path, sentences):
    assert load_glosses(tmp_path, sentences) == []


@pytest.mark.parametrize(("row", "message"), [
    ("{not json", "格式不对"),
    ({"section": SECTION, "glosses": ["谁来管"]}, "格式不对"),
    ({"section": SECTION, "anchor": "常态督查", "glosses": "谁来管"}, "格式不对"),  # one string, not a list
    ({"section": SECTION, "anchor": "常态督查", "glosses": [], "questions": "谁来管？"}, "格式不对"),
    ("[1, 2]", "格式不对"),  # JSON, but not an object
    ({"section": "九、不存在的章节", "anchor": "常态督查", "glosses": ["谁来管"]}, "不在规划文本中"),
    ({"section": SECTION, "anchor": "方案里没有的话", "glosses": ["谁来管"]}, "不在章节"),
])
def test_a_gloss_that_does_not_fit_the_plan_is_refused_in_chinese(tmp_path, sentences, row, message):
    with pytest.raises(DataError, match=message):
        load_glosses(write(tmp_path, row), sentences)


def test_glosses_are_read_with_their_sentence(tmp_path, sentences):
    glosses = load_glosses(write(tmp_path, {"section": SECTION, "anchor": "常态督查", "glosses": ["谁来盯着", " "]}),
                           sentences)
    assert [(g.section, g.anchor, g.text) for g in glosses] == [(SECTION, "常态督查", "谁来盯着")]


def test_questions_find_the_sentence_but_do_not_say_what_the_plan_covers(tmp_path, sentences):
    """"先斩后奏盖房子的，以后还管不管？" asks about 督查; 盖房子 is the asker's framing, not a topic of the plan."""
    glosses = load_glosses(write(tmp_path, {"section": SECTION, "anchor": "常态督查", "glosses": ["谁来盯着"],
                                            "questions": ["先斩后奏盖房子的，以后还管不管？"]}), sentences)
    assert [(g.text, g.asks) for g in glosses] == [("谁来盯着", False), ("先斩后奏盖房子的，以后还管不管？", True)]
    index = GlossIndex(glosses, TableEmbeddings({"先斩后奏盖房子的，以后还管不管？": 1, "盖房子以后还管不管": 1}))
    assert not index.mentions("盖房子") and index.mentions("盯着")
    assert [g.text for g, _ in index.match("盖房子以后还管不管")] == ["先斩后奏盖房子的，以后还管不管？"]
    assert index.match("盖房子以后还管不管", asks=False) == []  # the glosses alone do not say it


def test_the_best_gloss_of_each_sentence_above_the_floor_is_matched(tmp_path, sentences):
    glosses = load_glosses(write(
        tmp_path,
        {"section": SECTION, "anchor": "常态督查", "glosses": ["谁来盯着", "多久查一回"]},
        {"section": "五、实施保障 > （五）坚持公众参与", "anchor": "公开、公平、公正", "glosses": ["老百姓能提意见吗"]},
    ), sentences)
    index = GlossIndex(glosses, TableEmbeddings({"谁来盯着": 1, "多久查一回": 1, "老百姓能提意见吗": 2,
                                                 "规划定了有人盯着吗": 1, "房价多少": 3}))
    found = index.match("规划定了有人盯着吗")
    assert [(g.anchor, sim) for g, sim in found] == [("常态督查", 1.0)]  # one per sentence, its best gloss
    assert index.match("房价多少") == []


def test_the_shipped_glosses_fit_the_plan_and_say_no_figures(sentences):
    """corpus/glosses.jsonl: every anchor is plan text, every substantive sentence has glosses, and a gloss
    brings no number of its own (numbers come from the text or from SQL)."""
    glosses = load_glosses(ROOT / "corpus", sentences)
    assert len(glosses) >= 200
    assert not [g.text for g in glosses if re.search(r"\d", g.text)]
    covered = {(g.section, s) for g in glosses for s in sentences[g.section] if g.anchor in s}
    substantive = {(path, s) for path, sents in sentences.items() if path != "封面" for s in sents}
    assert substantive - covered == set()


# -- through the real assistant (real USE vectors of the shipped glosses) ------------------------------------
@pytest.mark.parametrize(("question", "quoted"), [
    ("规划落地以后有没有人检查督促？", "常态督查"),            # no word of the plan's own: found by a gloss
    ("城里允许盖房子的那个圈现在多大", "9387.50"),              # a described line, named by a gloss's section
    ("家里俩人都上班，娃娃没人照看，有托管的地方吗？", "托育"),  # 娃娃 is nowhere in the plan: the gloss is the evidence
    ("规划弄好了谁来督促检查？", "常态督查"),
    ("市里排上号的大工程一共几个？", "564"),  # 工程 is the plan's word, but no quote found by it holds it
    # 重点工程 (需求导向) holds the question's word but no number: an amount is in a sentence with one
    ("这次砍掉的工程是多少个", "撤销 22 项"),
    # literal words find nothing; the best gloss's sentence is read alone, not beaten by the second's
    ("能不能先把厂房建起来，回头再补规划手续", "先规划、后建设"),
    # refused for no number in 中心城区's works; a gloss names the sentence with 中心城区's area
    ("市中心那一大片占地多大", "271.23"),
    # no gloss alike enough (USE 0.51), but 托儿所, which the plan never says, is in one sentence's glosses only
    ("孩子上托儿所的地方有没有", "托育"),
    # the whole is below the floor (USE 0.53), its asking clause is not (0.57)
    ("我在郊区想盖个厂房，先盖后批行不行？", "先规划、后建设"),
    # 工程 is in 重点工程空间布局, with no number; 国土面积 4558.96 has a number, but not of 工程
    ("这回市里要上的大小工程，一共排了多少个？", "564"),
])
def test_everyday_wording_finds_the_plan_sentence_through_a_gloss(fixture_assistant, question, quoted):
    answer = fixture_assistant.ask(question)
    assert not answer.refused and quoted in answer.answer, answer.answer
    assert answer.citations and not any(g.text in c.quote for c in answer.citations
                                        for g in fixture_assistant.glosses.glosses)  # the plan is quoted, never a gloss


@pytest.mark.parametrize("question", ["编制原则有哪几条？", "动态维护方案具体包括哪几部分？"])  # 包括 names no topic
def test_a_question_in_the_plan_words_is_answered_as_without_glosses(fixture_assistant, question):
    """A gloss would only blur a question the plan's own words answer: its answer does not change."""
    with_glosses = fixture_assistant.text.answer(question)
    kept, fixture_assistant.text.glosses = fixture_assistant.text.glosses, None
    try:
        without = fixture_assistant.text.answer(question)
    finally:
        fixture_assistant.text.glosses = kept
    assert with_glosses.answer == without.answer and not with_glosses.refused


@pytest.mark.parametrize("question", ["阳泉的平均气温是多少", "地铁几号线经过郊区？"])
def test_what_no_gloss_or_sentence_speaks_of_is_still_refused(fixture_assistant, question):
    assert fixture_assistant.ask(question).refused


def _everything_alike(glosses):
    """A gloss index under which every gloss matches every question fully, in the order given."""
    return GlossIndex(glosses, TableEmbeddings({}))


def _gloss(section, anchor, text="随便一句"):
    return Gloss(section, anchor, text)


def test_a_refusal_that_quotes_the_plan_is_not_retried_through_glosses(fixture_assistant):
    """The plan's passage on new projects is found and gives no names: glosses must not turn that into an answer."""
    question = "新增的那些项目都叫啥，列个名单？"
    kept = fixture_assistant.text.glosses
    try:
        fixture_assistant.text.glosses = None
        without = fixture_assistant.text.answer(question)
        fixture_assistant.text.glosses = _everything_alike([_gloss(SECTION, "常态督查")])
        with_glosses = fixture_assistant.text.answer(question)
    finally:
        fixture_assistant.text.glosses = kept
    assert without.refused and "180" in without.answer
    assert with_glosses.answer == without.answer


def test_an_answer_that_a_gloss_agrees_with_is_kept(fixture_assistant):
    """A question naming a thing the plan does not (房子, 手续) answered from 先规划、后建设: a gloss matching that
    sentence agrees, so the two best glosses (other sentences) do not replace it."""
    question = "有没有先把房子盖好了再去补规划手续的？"
    kept = fixture_assistant.text.glosses
    try:
        fixture_assistant.text.glosses = _everything_alike([
            _gloss(SECTION, "常态督查"), _gloss("五、实施保障 > （五）坚持公众参与", "公开、公平、公正"),
            _gloss("五、实施保障 > （一）实施管理", "先规划、后建设", "不能先盖房子后补手续")])
        answer = fixture_assistant.text.answer(question)
    finally:
        fixture_assistant.text.glosses = kept
    assert "先规划、后建设" in answer.answer and "常态督查" not in answer.answer, answer.answer


def test_a_gloss_far_ahead_replaces_an_answer_without_the_questions_words(fixture_assistant):
    """Quotes sharing no rare word with the question are weak evidence; a gloss far more like it names the
    sentence. An answer holding the question's place (中心城区) is kept against a gloss about another scope."""
    answer = fixture_assistant.ask("规划一改完，是不是马上就能开工了？")
    assert "先规划、后建设" in answer.answer, answer.answer
    kept = fixture_assistant.ask("中心城区范围是怎么划的？")
    assert "北起郊区河底镇" in kept.answer, kept.answer


def test_a_gloss_with_no_other_near_it_replaces_an_answer_without_the_questions_words(fixture_assistant):
    """"方案还没批，我们能先开工吗？" after 城镇开发边界's figure: one gloss (0.72) with none other near is as clear
    as a very like one; the last passage (城镇开发边界's) does not answer it."""
    conversation = Conversation()
    fixture_assistant.ask("城镇开发边界维护后多少公顷？", conversation)
    answer = fixture_assistant.ask("方案还没批，我们能先开工吗？", conversation)
    assert "先调整、后落地" in answer.answer, answer.answer


def test_a_refusal_found_by_words_of_asking_is_retried_through_glosses(fixture_assistant):
    """"都需要哪些部门来配合": the refusal (no body named) quoted 需求导向, found by words of asking
    only; a gloss names 部门协调, which does name the bodies. One found by the question's own words stands."""
    answer = fixture_assistant.ask("都需要哪些部门来配合")
    assert not answer.refused and "发改、住建" in answer.answer, answer.answer
    kept = fixture_assistant.ask("新增的那些项目都叫啥，列个名单？")
    assert kept.refused and "180" in kept.answer, kept.answer
    # a gloss whose sentence holds fewer of the question's words does not replace the refusal
    kept = fixture_assistant.ask("乡村发展区具体细化成了哪几个二级分区，各有多少面积？")
    assert kept.refused and "乡村发展区" in kept.answer, kept.answer


def test_clauses_of_a_question_of_more_than_one():
    assert clauses("我在郊区想盖个厂房，先盖后批行不行？") == ["我在郊区想盖个厂房", "先盖后批行不行"]
    assert clauses("先盖后批行不行？") == []      # one clause: the question itself
    assert clauses("好的，先盖后批行不行") == []  # 好的 is too short to say anything alone
    assert clauses("股票怎么买？（生态控制区）") == []  # the subject carried over is no clause of the question


def test_a_decisive_gloss_names_its_sentence_over_a_shared_word(fixture_assistant):
    # "执行" is in 实施管理's sentence too; the gloss of 年度评估's sentence is far more like the question
    answer = fixture_assistant.ask("以后会不会每年回头检查规划执行得咋样？")
    assert not answer.refused and "年度评估" in answer.answer, answer.answer
