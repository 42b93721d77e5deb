"""Everyday words -> plan words: pieces of a word the plan uses, else the embedding's nearest plan words."""

import numpy as np

from assistant.plan.corpus import load_corpus
from assistant.qa.expand import SIMILARITY_FLOOR, PlanTerms, plan_vocabulary
from assistant.settings import ROOT


class AxisEmbeddings:
    """Deterministic stand-in: a word's vector is a one-hot axis chosen by a table; unknown words share axis 0."""

    def __init__(self, axes):
        self.axes = axes
        self.calls = 0

    def embed_documents(self, texts):
        self.calls += 1
        out = np.zeros((len(texts), 8))
        for i, t in enumerate(texts):
            out[i, self.axes.get(t, 0)] = 1.0
        return out.tolist()


def corpus_text():
    return "\n".join(s.section + "\n" + s.text for s in load_corpus(ROOT / "corpus"))


def test_vocabulary_holds_whole_plan_words_not_place_fragments():
    vocab = plan_vocabulary(corpus_text())
    assert "撤销" in vocab and "永久基本农田" in vocab
    assert "头村" not in vocab  # of 坡头村: not a word


def test_a_piece_the_plan_uses_stands_for_the_word(tmp_path):
    terms = PlanTerms(corpus_text(), AxisEmbeddings({}), tmp_path)
    assert terms.nearest(["养老院"])["养老院"][0][0] == "养老"
    assert terms.nearest(["建托育"])["建托育"][0][0] == "托育"


def test_nearest_plan_word_above_the_floor_only(tmp_path):
    text = corpus_text()
    emb = AxisEmbeddings({"撤销": 3, "取消": 3, "房价": 5})
    terms = PlanTerms(text, emb, tmp_path, "fake")
    assert terms.nearest(["取消"])["取消"][0] == ("撤销", 1.0)
    assert terms.nearest(["房价"])["房价"] == ()  # nothing in the plan lies on its axis
    assert terms.expansion(["取消", "撤销", "房价"]) == ["撤销"]
    assert 0 < SIMILARITY_FLOOR < 1


def test_plan_word_vectors_are_cached_beside_the_index(tmp_path):
    text = corpus_text()
    first = AxisEmbeddings({"撤销": 3})
    PlanTerms(text, first, tmp_path, "fake").matrix()
    again = AxisEmbeddings({"撤销": 3})
    PlanTerms(text, again, tmp_path, "fake").matrix()
    assert first.calls == 1 and again.calls == 0


def test_a_short_word_stands_for_the_plan_name_it_abbreviates(tmp_path):
    terms = PlanTerms(corpus_text(), AxisEmbeddings({"地铁": 7, "省厅": 6}), tmp_path)  # like no plan word
    assert terms.nearest(["五院"])["五院"][0][0] == "五人民医院"   # 市第五人民医院
    assert terms.nearest(["国保"])["国保"][0][0].startswith("国家级")
    # nothing in the plan starts with 地 and ends with 铁 within a few characters; 省厅 means any department
    assert terms.nearest(["地铁"])["地铁"] == ()
    assert terms.nearest(["省厅"])["省厅"] == ()


def test_a_generic_word_stands_for_no_plan_word(tmp_path):
    """"养老方面的项目": 方面 says how the topic is framed; a plan word near it (事项) would steer retrieval."""
    terms = PlanTerms(corpus_text(), AxisEmbeddings({"方面": 3, "事项": 3, "取消": 4, "撤销": 4}), tmp_path, "fake")
    assert terms.expansion(["方面", "取消"]) == ["撤销"]
