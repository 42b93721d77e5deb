"""Query vectors are cached per question text (bounded), so a repeated question skips the encoder."""

from assistant.qa import embeddings


class Counting(embeddings._LazyEmbeddings):
    """An embedder whose encoder counts its calls; the vector depends on the text."""

    def __init__(self):
        super().__init__()
        self.calls = 0

    def embed_documents(self, texts):
        return [self._embed_query(t) for t in texts]

    def _embed_query(self, text):
        self.calls += 1
        return [float(len(text)), float(sum(map(ord, text)) % 97)]


def test_repeated_question_is_encoded_once_and_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(embeddings, "QUERY_CACHE", 2)
    model = Counting()
    first = model.embed_query("生态控制区能否开发？")
    first.append(99.0)  # a caller changing its copy does not change the cache
    assert model.embed_query("生态控制区能否开发？") == [10.0, float(sum(map(ord, "生态控制区能否开发？")) % 97)]
    assert model.calls == 1
    model.embed_query("a")
    model.embed_query("b")  # pushes the first question out (cache of 2)
    model.embed_query("生态控制区能否开发？")
    assert model.calls == 4
