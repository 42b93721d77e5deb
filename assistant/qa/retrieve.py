"""Hybrid retrieval over the plan text: BM25 (jieba) + dense (Chroma), fused by reciprocal rank."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from langchain_core.documents import Document

from . import terms
from .index import PlanIndex, search_text

# The reciprocal-rank constant. Cormack et al. (2009) use 60 over long rankings; over this plan's 23 chunks, 60
# flattens the top five fused scores to within 0.001 of each other, so a chunk BM25 ranks first by far ("这次维护是
# 为了贯彻哪次会议的精神？": 工作背景) loses to one both rankers place middling. 10 keeps the first ranks apart.
RRF_C = 10
POOL = 50           # candidates taken from each ranker before fusion: every chunk, so no rank is cut off
# BM25 over jieba + planning terms is the stronger ranker on this terminology-heavy text (dev hit@3
# 1.00 vs 0.93 for USE), so its rank counts twice as much; dense still breaks ties and catches paraphrase.
BM25_DENSE_WEIGHTS = (2 / 3, 1 / 3)


@dataclass(frozen=True)
class Hit:
    doc: str
    section: str      # heading path, e.g. 四、动态维护方案 > （一）三条控制线维护 > 3.城镇开发边界
    text: str         # verbatim chunk of the section body (quote source)
    score: float      # fused RRF score (or the single ranker's score for bm25_only/dense_only)
    order: int
    chunk_id: str
    bm25: float = 0.0   # raw BM25 score; 0 means no query word occurs in the chunk
    dense: float = 0.0  # cosine similarity of query and chunk


class PlanRetriever:
    """Built once per process from a PlanIndex; `search` is read-only and safe to call from threads."""

    def __init__(self, index: PlanIndex, weights: tuple[float, float] = BM25_DENSE_WEIGHTS):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # langchain-community's sunset notice
            from langchain_community.retrievers import BM25Retriever
        from langchain_classic.retrievers import EnsembleRetriever

        self.index = index
        self.chunks = {c.metadata["chunk_id"]: c for c in index.chunks}
        searchable = [Document(page_content=search_text(c), metadata=c.metadata, id=c.id)
                      for c in index.chunks]
        self.bm25 = BM25Retriever.from_documents(searchable, preprocess_func=terms.tokenize, k=POOL)
        self.dense = index.store.as_retriever(search_kwargs={"k": POOL})
        # EnsembleRetriever.weighted_reciprocal_rank is langchain's RRF; we call it on our own ranked
        # lists (instead of .invoke) so that each ranker's scores stay available for the Hit.
        self.ensemble = EnsembleRetriever(retrievers=[self.bm25, self.dense], weights=list(weights),
                                          c=RRF_C, id_key="chunk_id")
        terms.tokenize("预热")  # load jieba now, not on the first question

    def _hit(self, doc: Document, score: float, bm25: float = 0.0, dense: float = 0.0) -> Hit:
        chunk_id = doc.metadata["chunk_id"]
        body = self.chunks[chunk_id]
        return Hit(doc=body.metadata["doc"], section=body.metadata["section"], text=body.page_content,
                   score=score, order=body.metadata["order"], chunk_id=chunk_id, bm25=bm25, dense=dense)

    def _bm25_ranked(self, query: str, k: int) -> list[tuple[Document, float]]:
        tokens = terms.tokenize(query)
        if not tokens:
            return []
        scores = self.bm25.vectorizer.get_scores(tokens)
        ranked = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]
        # Chunks sharing no word with the question are not BM25 evidence at all.
        return [(self.bm25.docs[i], float(scores[i])) for i in ranked if scores[i] > 0]

    def _dense_ranked(self, query: str, k: int) -> list[tuple[Document, float]]:
        k = min(k, len(self.chunks))
        return [(doc, 1.0 - distance) for doc, distance in self.index.store.similarity_search_with_score(query, k=k)]

    def bm25_only(self, query: str, k: int = 5) -> list[Hit]:
        """Top k chunks by BM25 over jieba tokens (score = BM25)."""
        return [self._hit(d, s, bm25=s) for d, s in self._bm25_ranked(query, k)]

    def dense_only(self, query: str, k: int = 5) -> list[Hit]:
        """Top k chunks by embedding cosine similarity (score = similarity)."""
        return [self._hit(d, s, dense=s) for d, s in self._dense_ranked(query, k)]

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """Top k chunks by reciprocal-rank fusion of BM25 and dense rankings."""
        lexical = self._bm25_ranked(query, POOL)
        semantic = self._dense_ranked(query, POOL)
        fused = self.ensemble.weighted_reciprocal_rank([[d for d, _ in lexical], [d for d, _ in semantic]])
        bm25_scores = {d.metadata["chunk_id"]: s for d, s in lexical}
        dense_scores = {d.metadata["chunk_id"]: s for d, s in semantic}
        rrf = {}
        for ranked, weight in zip((lexical, semantic), self.ensemble.weights, strict=True):
            for rank, (doc, _) in enumerate(ranked, start=1):
                cid = doc.metadata["chunk_id"]
                rrf[cid] = rrf.get(cid, 0.0) + weight / (rank + RRF_C)
        hits = []
        for doc in fused[:k]:
            cid = doc.metadata["chunk_id"]
            hits.append(self._hit(doc, rrf[cid], bm25_scores.get(cid, 0.0), dense_scores.get(cid, 0.0)))
        return hits
