"""The plan-text search index: heading-aware chunks in a persistent Chroma store, plus a manifest."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from ..errors import DataError
from ..plan import corpus as corpus_mod
from ..plan.corpus import Section, split_sentences
from ..settings import Settings
from . import embeddings as embeddings_mod

# Bump when chunking, metadata or storage layout changes: an older index is then rebuilt, not misread.
FORMAT_VERSION = 1
MANIFEST = "retrieval_manifest.json"
CHROMA_DIR = "chroma"
CHUNKS_FILE = "chunks.json"
COLLECTION = "plan_text"
CHUNK_MIN, CHUNK_MAX = 200, 350
EMBED_BATCH = 8

Progress = Callable[[str], None]


def print_to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _quiet(message: str) -> None:
    pass


# ---------------------------------------------------------------- chunks

def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for sentence in split_sentences(text):
        start = text.index(sentence, cursor)
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    return spans


def split_section_text(text: str) -> list[str]:
    """Verbatim pieces of a section body, cut at sentence ends, about CHUNK_MIN–CHUNK_MAX chars each."""
    text = text.strip()
    if len(text) <= CHUNK_MAX:
        return [text] if text else []
    pieces: list[tuple[int, int]] = []
    for start, end in _sentence_spans(text):
        if pieces and end - pieces[-1][0] <= CHUNK_MAX:
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    # A short tail reads badly on its own; it joins the piece before it.
    if len(pieces) > 1 and pieces[-1][1] - pieces[-1][0] < CHUNK_MIN // 2:
        last = pieces.pop()
        pieces[-1] = (pieces[-1][0], last[1])
    return [text[a:b] for a, b in pieces]


def heading_prefix(section: str) -> str:
    """The heading titles of a section path, prepended to the text that is embedded and BM25-indexed."""
    return " ".join(part for part in section.split(" > ") if part != corpus_mod.COVER)


def search_text(chunk: Document) -> str:
    """What retrieval sees: heading titles, then the body (so "城市紫线" finds its section)."""
    prefix = heading_prefix(chunk.metadata["section"])
    return f"{prefix}\n{chunk.page_content}" if prefix else chunk.page_content


def make_chunks(sections: list[Section]) -> list[Document]:
    """One or more chunks per non-empty section; page_content is the verbatim body, for quoting."""
    chunks = []
    for section in sections:
        for i, piece in enumerate(split_section_text(section.text)):
            chunk_id = f"s{section.order:04d}c{i}"
            chunks.append(Document(page_content=piece, id=chunk_id, metadata={
                "doc": section.doc, "section": section.section, "order": section.order,
                "chunk_id": chunk_id}))
    return chunks


# ---------------------------------------------------------------- chroma

def _client_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, is_persistent=True)


def open_store(persist_directory: Path, embeddings: Embeddings):
    """The Chroma collection of one build (cosine distance, telemetry off)."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    from langchain_chroma import Chroma

    return Chroma(collection_name=COLLECTION, embedding_function=embeddings,
                  persist_directory=str(persist_directory), client_settings=_client_settings(),
                  collection_metadata={"hnsw:space": "cosine"})


# ---------------------------------------------------------------- the index

class PlanIndex:
    """A built index: its manifest, the chunks (verbatim bodies) and the open Chroma store."""

    def __init__(self, index_dir: Path, manifest: dict, chunks: list[Document], store,
                 embeddings: Embeddings, rebuilt: bool):
        self.index_dir = index_dir
        self.manifest = manifest
        self.chunks = chunks
        self.store = store
        self.embeddings = embeddings
        self.rebuilt = rebuilt  # True when this load had to (re)build

    @classmethod
    def load_or_build(cls, settings: Settings, progress: Progress | None = print_to_stderr,
                      force: bool = False, embeddings: Embeddings | None = None,
                      embedding_id: str | None = None) -> PlanIndex:
        """Open the index in settings.index_dir, rebuilding it first if missing, stale or of an old format.

        progress receives Chinese status lines while building (None: silent). `embeddings` and
        `embedding_id` override the model named by settings.embedding_model (tests use a fake).
        """
        progress = progress or _quiet
        if embeddings is None:
            embeddings = embeddings_mod.make_embeddings(settings.embedding_model)
            embedding_id = embeddings_mod.model_id(settings.embedding_model)
        elif embedding_id is None:
            embedding_id = getattr(embeddings, "model_id", type(embeddings).__name__)
        index_dir = Path(settings.index_dir)
        fingerprint = corpus_mod.corpus_fingerprint(settings.corpus_dir)
        wanted = {"format": FORMAT_VERSION, "embedding_model": embedding_id, "corpus_fingerprint": fingerprint}
        if not force and (found := cls._open_current(index_dir, wanted, embeddings)) is not None:
            return found
        index_dir.mkdir(parents=True, exist_ok=True)
        with _build_lock(index_dir):
            # Another process may have finished the same build while we waited for the lock.
            if not force and (found := cls._open_current(index_dir, wanted, embeddings)) is not None:
                return found
            return cls._build(settings, index_dir, wanted, embeddings, progress)

    @classmethod
    def _open_current(cls, index_dir: Path, wanted: dict, embeddings: Embeddings) -> PlanIndex | None:
        manifest = read_manifest(index_dir)
        if manifest is None or any(manifest.get(k) != v for k, v in wanted.items()):
            return None
        build_dir = index_dir / CHROMA_DIR / str(manifest.get("build_id"))
        if not (build_dir / CHUNKS_FILE).is_file():
            return None
        return cls(index_dir, manifest, _read_chunks(build_dir), open_store(build_dir, embeddings),
                   embeddings, rebuilt=False)

    @classmethod
    def _build(cls, settings: Settings, index_dir: Path, wanted: dict, embeddings: Embeddings,
               progress: Progress) -> PlanIndex:
        started = time.perf_counter()
        chunks = make_chunks(corpus_mod.load_corpus(settings.corpus_dir))
        if not chunks:
            raise DataError("规划文本中没有可检索的正文。请检查 YQPLAN_CORPUS_DIR 中的文件内容。")
        # Each build gets its own directory and only becomes live when the manifest names it, so an
        # interrupted rebuild never leaves a half-built index (and Chroma's per-path client cache
        # never hands out a stale store for a reused path).
        build_id = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        build_dir = index_dir / CHROMA_DIR / build_id
        build_dir.mkdir(parents=True)
        try:
            store = open_store(build_dir, embeddings)
            for start in range(0, len(chunks), EMBED_BATCH):
                batch = chunks[start:start + EMBED_BATCH]
                store.add_texts([search_text(c) for c in batch], metadatas=[c.metadata for c in batch],
                                ids=[c.metadata["chunk_id"] for c in batch])
                progress(f"正在构建检索索引：{start + len(batch)}/{len(chunks)} 段…")
            _write_json(build_dir / CHUNKS_FILE, [{"text": c.page_content, **c.metadata} for c in chunks])
        except BaseException:
            shutil.rmtree(build_dir, ignore_errors=True)
            raise
        manifest = {**wanted, "chunk_count": len(chunks), "build_id": build_id,
                    "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "build_seconds": round(time.perf_counter() - started, 2)}
        _write_json(index_dir / MANIFEST, manifest)  # atomic: this is the swap
        for old in (index_dir / CHROMA_DIR).iterdir():
            if old.name != build_id:
                shutil.rmtree(old, ignore_errors=True)
        progress(f"检索索引已构建：{len(chunks)} 段，用时 {manifest['build_seconds']} 秒。")
        return cls(index_dir, manifest, chunks, store, embeddings, rebuilt=True)


@contextlib.contextmanager
def _build_lock(index_dir: Path):
    """One builder per index directory at a time (the CLI and a starting server may race)."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: builds are still atomic, just not serialised
        yield
        return
    with open(index_dir / ".build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_manifest(index_dir: Path) -> dict | None:
    """The manifest of the live build, or None when there is none or it cannot be read."""
    try:
        return json.loads((Path(index_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _read_chunks(build_dir: Path) -> list[Document]:
    rows = json.loads((build_dir / CHUNKS_FILE).read_text(encoding="utf-8"))
    return [Document(page_content=row.pop("text"), id=row["chunk_id"], metadata=row) for row in rows]


def _write_json(path: Path, data) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def cmd_index(args, settings: Settings) -> int:
    """`yqplan index [--force]`: build the plan-text index if it is missing or stale."""
    index = PlanIndex.load_or_build(settings, progress=print_to_stderr, force=bool(getattr(args, "force", False)))
    m = index.manifest
    state = "已重建" if index.rebuilt else "已是最新，无需重建"
    print(f"检索索引{state}：{m['chunk_count']} 段，向量模型 {m['embedding_model']}，构建于 {m['built_at']}。")
    return 0
