"""Everyday words -> the plan's own terms, by the embedding model's nearest plan words (no hand list).

A question in a citizen's words ("养老院", "取消了几个") often shares no word with the plan. Each
question word the plan does not contain is mapped to the plan's vocabulary: first by a piece of it that
is a plan word (养老院 -> 养老), else by the embedding model's nearest plan words above a similarity
floor. The plan words found this way widen retrieval and extraction, and count as evidence that the
question is about something the plan covers.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path

import jieba.posseg
import numpy as np

from ..plan.glossary import DEFINITIONS
from . import terms
from .embeddings import cached_unit_vectors, unit_rows
from .figure_words import THREE_LINES
from .scope import GENERIC, MODAL

# Cosine similarity (USE multilingual) above which a plan word stands for a question word. Measured on
# word pairs: 养老院/养老 0.81, 取消/撤销 0.72, 编发/印发 0.70 are the same thing; 态度/动态 0.69,
# 托管/管控 0.67, 房子/家园 0.67 are not.
SIMILARITY_FLOOR = 0.70
NEAREST = 2
# A question describes a line when its similarity (USE multilingual) to the line's definition is at least
# LAYER_FLOOR and LAYER_MARGIN above the next line's. Measured on everyday questions: 公园绿地 -> 城市绿线
# 0.32 (next 0.22), 能盖楼的范围 -> 城镇开发边界 0.24 (0.16), 大雨就淹 -> 洪涝风险控制线 0.44 (0.17); questions
# about no line stay below 0.16, 文物古迹 is 紫线 0.387 / 历史文化保护线 0.383 (too close to say).
# Descriptions alone (the phrase, without the rest of the question) score lower: 下大雨容易淹的那片 -> 洪涝
# 0.216 (next 0.074), 允许盖楼搞开发的那个大圈圈 -> 城镇开发边界 0.234 (0.124); the phrases of 35 visible
# questions about no line reach 0.293 but never with the margin (建托育的地方 0.293 / 0.235).
LAYER_FLOOR = 0.21
LAYER_MARGIN = 0.06
# A red line the plan never names ("种地红线") is one of its three 控制线 (two of them called 红线 in it); among
# those three only, a description says which at a lower similarity: 种地 -> 永久基本农田 0.146 (next 0.093),
# 种粮 0.259 (0.080); 道路 (道路红线, a road's edge) reaches 0.085, 河道 0.050.
RED_LINE_FLOOR = 0.13
RED_LINE_MARGIN = 0.05
# The longest span a two- or three-character abbreviation stands for (五院 -> 五人民医院, 5 characters).
ABBREVIATED_SPAN = 6
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


def plan_vocabulary(corpus_text: str) -> list[str]:
    """The plan's words (jieba precise mode plus planning terms), two or more Chinese characters."""
    known = terms.dictionary_words()
    # Only words jieba's dictionary knows: a place-name fragment ("头村" of 坡头村) stands for nothing.
    words = {w for w in terms.words(corpus_text) if _CJK_WORD.fullmatch(w) and w in known}
    words |= {t for t in terms.PLANNING_TERMS if t in corpus_text}
    return sorted(words)


# "方案提到…", "规划里说…", "文件中讲到…": the document as the subject of a verb; the verb says that it is said.
_DOCUMENT_SAYS = re.compile(r"(?:方案|规划|文件|原文|文中|文本)(?:里面?|中|上)?(?:还|也|都|又|有没有|是否|是不是|是怎么|怎么|如何)?"
                            r"([\u4e00-\u9fff]{2})")


def saying_verbs(question: str) -> set[str]:
    """Verbs whose subject is the document ("方案提到要杜绝…": 提到), by jieba's verb tag; their nearest plan
    words (提到 -> 涉及) would steer the question to sentences that merely share them."""
    found = set()
    for m in _DOCUMENT_SAYS.finditer(question):
        tagged = list(jieba.posseg.cut(m.group(1)))
        if len(tagged) == 1 and tagged[0].flag.startswith("v"):
            found.add(m.group(1))
    return found


class PlanTerms:
    """Maps words the plan does not use to plan words; vectors of the plan's words cached on disk."""

    def __init__(self, corpus_text: str, embeddings, cache_dir: str | Path | None = None,
                 model_key: str = ""):
        self.corpus_text = corpus_text
        self.embeddings = embeddings
        self.vocabulary = plan_vocabulary(corpus_text)
        self._vocab_set = frozenset(self.vocabulary)
        self._cache_dir = Path(cache_dir) if cache_dir else None
        self._model_key = model_key
        self._matrix: np.ndarray | None = None
        self._nearest: dict[str, tuple[tuple[str, float], ...]] = {}
        self._lock = threading.Lock()
        self._cjk_runs: list[str] | None = None

    # -- vectors ------------------------------------------------------------------------------
    def matrix(self) -> np.ndarray:
        """Unit vectors of the plan's words, made once (about 3 s with USE) and kept beside the index."""
        if self._matrix is None:
            with self._lock:
                if self._matrix is None:
                    self._matrix = cached_unit_vectors(self.embeddings, self.vocabulary, self._cache_dir,
                                                       "plan_terms", self._model_key)
        return self._matrix

    # -- mapping ------------------------------------------------------------------------------
    def in_plan(self, word: str) -> bool:
        return word in self.corpus_text

    def nearest(self, words: Iterable[str]) -> dict[str, tuple[tuple[str, float], ...]]:
        """Plan words standing for each word (best first); empty for a word nothing in the plan is like."""
        todo = [w for w in dict.fromkeys(words) if w not in self._nearest]
        pieces = {w: self._pieces(w) for w in todo}
        to_embed = [w for w in todo if not pieces[w]]
        if to_embed:
            vectors = unit_rows(np.asarray(self.embeddings.embed_documents(to_embed), dtype=np.float32))
            sims = vectors @ self.matrix().T
            for word, row in zip(to_embed, sims, strict=True):
                best = np.argsort(-row)[:NEAREST]
                self._nearest[word] = tuple((self.vocabulary[i], round(float(row[i]), 3)) for i in best
                                            if row[i] >= SIMILARITY_FLOOR)
        for word in todo:
            if pieces[word]:
                self._nearest[word] = tuple((p, 1.0) for p in pieces[word])
        return {w: self._nearest[w] for w in words}

    def _pieces(self, word: str) -> list[str]:
        """Longest pieces of a word that the plan uses (养老院 -> 养老, 建托育 -> 托育), not the word itself;
        for a short word, the plan's names it abbreviates (五院 -> 五人民医院, 国保 -> 国家级文物保)."""
        if len(word) < 3:
            return self._expansions(word)
        for n in range(len(word) - 1, 1, -1):
            found = [word[i:i + n] for i in range(len(word) - n + 1) if word[i:i + n] in self.corpus_text]
            if found:
                return found[:NEAREST]
        return []

    def _expansions(self, word: str) -> list[str]:
        """Spans of the plan, within one run of Chinese characters and at most ABBREVIATED_SPAN long, that
        start with the word's first character, end with its last and hold the others in order."""
        if not _CJK_WORD.fullmatch(word) or len(word) > 3 or word in GENERIC:
            return []  # 省厅 is how people say "the province's department", whichever one
        inner = "".join(f"[^{re.escape(c)}]*?{re.escape(c)}" for c in word[1:])
        pattern = re.compile(f"(?={re.escape(word[0])}{inner})")
        found: dict[str, None] = {}
        for run in self._runs():
            for start in pattern.finditer(run):
                m = re.match(f"{re.escape(word[0])}{inner}", run[start.start():])
                if m and len(word) < len(m.group(0)) <= ABBREVIATED_SPAN:
                    found.setdefault(m.group(0), None)
        return sorted(found, key=len)[:NEAREST]

    def _runs(self) -> list[str]:
        if self._cjk_runs is None:
            self._cjk_runs = re.findall(r"[\u4e00-\u9fff]{2,}", self.corpus_text)
        return self._cjk_runs

    def expansion(self, words: Iterable[str]) -> list[str]:
        """Plan words for the given words that the plan does not use, in order, without repeats."""
        # A generic word ("方面", "国土空间规划") stands for no term of the plan's, nor does a modal verb
        # ("需要满足哪些要求": 需要 asks nothing of 需求导向); their neighbours would steer.
        # Nor does a number's own digits: "一份" is no "一二三", though "一层" is a 层次.
        missing = [w for w in words if _CJK_WORD.fullmatch(w) and not self.in_plan(w) and w not in GENERIC
                   and w not in MODAL]
        out: dict[str, None] = {}
        for word, near in self.nearest(missing).items():
            said = set(word) - _NUMERALS
            for term, _ in near:
                if said & set(term) or not set(word) & _NUMERALS:
                    out.setdefault(term, None)
        return list(out)


# The characters numbers are written in ("一层", "几成").
_NUMERALS = frozenset("零〇一二两三四五六七八九十百千万几")
# "专门留着种粮食、不许乱占的地", "防发大水划的那条线": a piece of land or a line described, ending in the
# noun it describes; the words around it ("这次动了没？有多大面积") say what is asked, not which line.
# "…的地方", "…的那条线", "种粮食的好地", "绿化带围起来那条线", "扩城的大圈圈": a description, then 的 or
# a demonstrative, then what is described (a place, a line, a piece of land).
_DESCRIBED = re.compile(r"([^，。？！?!,；;]{2,24}?(?:的|那|这)一?(?:些|个|条|种|片|块|圈)?(?:好|大|小|[\u4e00-\u9fff]{2})?"
                        r"(?:地方|范围|边界|地界|区域|圈圈|圈|线(?![路索])|片区|片|块|田|林子|地盘|地(?![块区段盘方图址下上面点基产势位主形貌带])))")
# (where it lies, "三个区里", "市里", and how it came to be, "划出来的", say nothing of which line it is)
_LEAD = re.compile(r"^(?:跟|和|与|以后|将来|这回|这次|现在|咱们?|我们|我家|阳泉(?:市(?!辖))?|整个(?:市|阳泉)?|全市|城区|矿区|郊区|市辖区|市区|城里|那些|这些|那种|这种|那个|这个|"
                   r"那块|那片|专门|就是|还有|调整完了?|[三3]个?区里?|[区市县]里|的|划(?:出来|定)的?)+")


def described_phrase(question: str) -> str | None:
    """The description of a piece of land or a line in a question, without the scope and pronouns before
    it; None when there is none or it says too little (at least three characters before the last 的/那/这).
    Of several ("城边上那片能盖新楼、搞开发的范围"), the one that says most of what it describes."""
    best, said = None, 2
    for found in _DESCRIBED.finditer(question):
        phrase = re.sub(r"线圈$", "线", _LEAD.sub("", found.group(1)))  # "那条红线圈了多大": 圈 is what was done
        described = re.sub(r"(?:的|那|这)[^的那这]*$", "", phrase)  # what is said of it, before the last 的/那/这
        # "生态控制的地方" is worded by the plan (生态控制区): what it names is not described but said.
        if any(_stem(t) in phrase for t in terms.PLANNING_TERMS):
            return None
        if len(described) > said:
            best, said = phrase, len(described)
    return best


def _stem(term: str) -> str:
    """A planning term without its last character when it is long (生态控制区 -> 生态控制)."""
    return term[:-1] if len(term) >= 4 else term


# Texts whose ranking is kept (a conversation's few phrases); the memo starts afresh past this.
_REMEMBERED = 256


class DescribedLayer:
    """Which control line a question describes without naming it ("家门口的公园绿地" -> 城市绿线), by the
    embedding similarity of the question to each line's definition (plan/glossary.py)."""

    def __init__(self, embeddings):
        self.embeddings = embeddings
        self.layers = list(DEFINITIONS)
        self._matrix: np.ndarray | None = None
        self._lock = threading.Lock()
        self._ranked: dict[str, list[tuple[str, float]]] = {}

    def matrix(self) -> np.ndarray:
        if self._matrix is None:
            with self._lock:
                if self._matrix is None:
                    texts = [DEFINITIONS[layer][0] for layer in self.layers]
                    self._matrix = unit_rows(np.asarray(self.embeddings.embed_documents(texts), dtype=np.float32))
        return self._matrix

    def similarities(self, question: str) -> list[tuple[str, float]]:
        # (described_line asks of one noun twice: once to pick it, once to read it; embedded once)
        ranked = self._ranked.get(question)
        if ranked is None:
            vector = unit_rows(np.asarray(self.embeddings.embed_documents([question]), dtype=np.float32))[0]
            sims = self.matrix() @ vector
            ranked = sorted(((layer, round(float(x), 3)) for layer, x in zip(self.layers, sims, strict=True)),
                            key=lambda p: -p[1])
            if len(self._ranked) >= _REMEMBERED:
                self._ranked.clear()
            self._ranked[question] = ranked
        return list(ranked)

    def layer(self, question: str) -> str | None:
        """The line described, when one definition is clearly closest; None when none is or two are alike."""
        ranked = self.similarities(question)
        best, second = ranked[0], ranked[1]
        if best[1] >= LAYER_FLOOR and best[1] - second[1] >= LAYER_MARGIN:
            return best[0]
        return None

    def red_line(self, description: str) -> str | None:
        """Which of the three control lines a red line described ("种地" of 种地红线) is, when clearly one."""
        ranked = [pair for pair in self.similarities(description) if pair[0] in THREE_LINES]
        best, second = ranked[0], ranked[1]
        if best[1] >= RED_LINE_FLOOR and best[1] - second[1] >= RED_LINE_MARGIN:
            return best[0]
        return None
