"""Extractive answers: the plan's own sentences that answer the question, quoted verbatim with their section."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from ..answer_types import Answer, Citation
from ..plan.corpus import APPENDIX, Section, split_sentences
from .asked_things import asked_shape, shared_run
from .document_questions import DocumentQuestions
from .heading_contents import contents_asked
from .listed import SERIES_ITEM
from .quotes import HEADING_NUMBER, compose, heading_name, refusal

_LIST_QUESTION = re.compile(r"几大?个?部分|几大块|哪几|哪[两三四五六七八九十]+[条类种项个方张]|(?:属于|算|归|是)哪一?[类种](?![型别])|哪些|几条|几个|几类|几种|几点|几方面|包括什么|有什么|分别是|是什么|是啥(?=[？?呢吗。！!\s]*$)")
MAX_QUOTES = 3
# Several items asked ("哪几条", "几个方面"), which a list answers, not one of its items.
_SEVERAL = re.compile(r"哪几[条项点个]|几[条项点]|几个方面|哪些方面|哪几方面")
# A word this rare in the plan (BM25 idf; 规划 1.37, 控制线 2.03, 安全 4.38) says what a passage is about.
_SAID_HERE = 2.0
_LIST_SUBJECT = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:都|一共|主要)?(?:有|包括|包含|分为|分成)(?:哪几|哪些|几)")
# "讲究哪些大原则", "守的几条原则是啥": the two characters naming the kind a list question asks for, right after its
# question word, read against the last word of a heading's name (_KIND_ASKED below reads the kind whole, for the
# headings beside one set aside).
_KIND_WORD = re.compile(r"(?:哪些|哪几[条个项方种类]?|几[条个项种类]|啥|什么)(?:大|主要|基本)?的?([\u4e00-\u9fff]{2})(?![\u4e00-\u9fff]{0,1}[的之])")
# A question about the plan's maps: it says 图, 附, 张 or 版本 ("前后各一张？", "跟它对应的维护后那张呢？").
_OF_MAPS = re.compile(r"图|附|张|幅|版本")
MAX_LIST_QUOTES = 10
# Two or more 、-separated items, then optionally "等" and a count word, right before a term.
_LIST_BEFORE = r"(?:[^、，。；：:]{2,16}、)+[^、，。；：:]{2,16}?等?"
_COUNT = r"[一二三四五六七八九十两几]+[条类种项个方]"
_NUMBERED_LINE = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*\S")
# A sentence must share at least this much IDF weight with the question to count as an answer;
# below it the plan has nothing on the question and we refuse rather than quote noise.
MIN_SCORE = 3.0
# "北边到哪", "四至", "东西南北到哪儿": the extent of a place is asked; plans write it as its bounds,
# "北起…，南至…，东起…，西到…" (a sentence with two or more of them states the extent).
_ASKS_EXTENT = re.compile(r"[东南西北](?:边|面|头|端|侧|部)|四至|东西南北|从哪.{0,3}到哪|范围.{0,3}到哪")
_BOUND = re.compile(r"[东南西北](?:起|至|到|抵|临|邻|接)")
# Names for plans in general, not for a part of this one.
_DOCUMENT_KINDS = ("国土空间规划", "国土空间总体规划")
# Words that say what is asked ("地方", "情况"), not what about: they are no evidence of an answer.
WORDS_OF_ASKING = frozenset({"其中", "这些", "方案", "地方", "情况", "东西", "事情", "时候", "内容", "问题", "方面", "意思"})


def asks_extent(question: str) -> bool:
    """"中心城区最南边到哪里": a place's bounds are asked."""
    return bool(_ASKS_EXTENT.search(question))


class Extractor:
    """Scores the plan's sentences against a question; built once per corpus."""

    def __init__(self, sections: Sequence[Section], tokenize: Callable[[str], list[str]]):
        self.sections = list(sections)
        self.by_path = {s.section: s for s in self.sections}
        self.tokenize = tokenize
        self.sentences: dict[str, list[str]] = {s.section: split_sentences(s.text) for s in self.sections}
        # Token sets of every sentence and heading, made once: scoring a question only looks them up.
        self._tokens: dict[str, frozenset[str]] = {}
        for text in [sent for sents in self.sentences.values() for sent in sents] + [s.path[-1] for s in self.sections]:
            self._tokens.setdefault(text, frozenset(tokenize(text)))
        docs = [self._tokens[sent] for sents in self.sentences.values() for sent in sents]
        docs += [self._tokens[s.path[-1]] for s in self.sections]
        df = Counter(tok for d in docs for tok in d)
        self.idf = {tok: math.log(1 + len(docs) / n) for tok, n in df.items()}
        self._contained_idf: dict[str, float] = {}  # tokens found only inside the plan's words, by `_idf`
        self.documents = DocumentQuestions(self.sections, self.sentences, tokenize, self.rarity)
        # Sub-sections by (document, parent path), so listing a heading's items is a lookup.
        self._children: dict[tuple[str, tuple[str, ...]], list[Section]] = {}
        for s in self.sections:
            if s.path:
                self._children.setdefault((s.doc, s.path[:-1]), []).append(s)

    def _weights(self, question: str) -> dict[str, float]:
        # "国土空间规划还管托育吗": a name for plans in general says nothing of which sentence, nor do its pieces.
        named = [g for g in _DOCUMENT_KINDS if g in question]
        return {t: 0.0 if t in WORDS_OF_ASKING or any(t in g for g in named) else self._idf(t)
                for t in set(self.tokenize(question))}

    def rarity(self, token: str) -> float:
        """How rare a token is in the plan's sentences (its IDF; 0 where it never occurs)."""
        return self._idf(token)

    def _idf(self, token: str) -> float:
        """IDF of a token; one jieba never cuts out of the plan (托育 in 托育服务中心) counts where it occurs.
        Those are kept apart from `idf`, which stays the plan's own tokens: read directly (idf.get(t, 0.0)), it
        must not depend on what earlier questions, in other conversations, happened to ask."""
        if token in self.idf:
            return self.idf[token]
        if token not in self._contained_idf:
            n = sum(1 for text in self._tokens if token in text) if len(token) >= 2 else 0
            self._contained_idf[token] = math.log(1 + len(self._tokens) / n) if n else 0.0
        return self._contained_idf[token]

    def score(self, weights: dict[str, float], text: str) -> float:
        found = self._found(weights, text)
        return sum(w for t, w in weights.items() if t in found)  # in the question's order: same rounding

    def _found(self, weights: dict[str, float], text: str) -> set[str]:
        """The question words `text` holds."""
        tokens = self._tokens.get(text)
        if tokens is None:
            tokens = frozenset(self.tokenize(text))
        return {t for t in weights if t in tokens or (len(t) >= 2 and t in text)}

    def children(self, section: Section) -> list[Section]:
        return self._children.get((section.doc, section.path), [])

    def answer(self, question: str, ranked_sections: Sequence[str], expansion: Sequence[str] = ()) -> Answer:
        """Answer from the sections retrieval ranked (best first); refuse when none of them answers.
        `expansion`: plan words the question's everyday words stand for, weighed like its own words."""
        cover = self.documents.answer(question)
        if cover:
            return cover
        contents = contents_asked(question, self)  # "城市重要控制线维护了什么": every sub-heading's sentences
        if contents:
            heading, cited = contents
            lead = f"{heading.path[-1]}包括以下 {len(cited)} 项：\n\n" if heading is not None else ""
            return Answer(question, "policy", lead + compose(cited, numbered=heading is None), cited)
        maps_asked = bool(_OF_MAPS.search(question))  # (as asked: the plan words added may name a map's)
        if expansion:
            question = f"{question}（{' '.join(expansion)}）"
        weights = self._weights(question)
        # "依据的两个通知文号是什么": a sentence holding a thing of the shape asked (〔2026〕38号) answers it, and
        # may sit anywhere in the plan, which is small enough to read whole.
        shape = asked_shape(question)
        extent = asks_extent(question)
        if _LIST_QUESTION.search(question) or shape:
            # A list may sit in a section the rankers put low; the plan is small enough to read whole.
            ranked_sections = list(ranked_sections) + [s.section for s in self.sections
                                                       if s.section not in ranked_sections]
        candidates: list[tuple[float, int, str, str]] = []
        evidence = 0.0  # the best a sentence and its heading share with the question
        listed = 0.0    # the best sentence that itself lists the asked term's items
        for rank, path in enumerate(ranked_sections):
            section = self.by_path.get(path)
            # A map's title answers only a question about maps ("旁边哪些建设不让干了" is none).
            if section is None or path == APPENDIX and not maps_asked:
                continue
            in_heading = self._found(weights, section.path[-1])
            title = sum(w for t, w in weights.items() if t in in_heading)
            listing = bool(_LIST_QUESTION.search(question))
            for i, sent in enumerate(self.sentences[path]):
                in_sentence = self._found(weights, sent)
                sentence = sum(w for t, w in weights.items() if t in in_sentence)
                bonus = self._list_bonus(weights, sent) if listing else 0.0
                # A word in the heading counts as if in the sentence (the heading names its topic), once.
                topic = sum(w for t, w in weights.items() if t in in_sentence or t in in_heading)
                # The bounds of what the question names, when its extent is asked: as strong as the name.
                bounds = topic if extent and topic and len(_BOUND.findall(sent)) >= 2 else 0.0
                shaped = topic if shape and topic and shape.search(sent) else 0.0
                s = (topic + 0.5 * title) * max(0.5, 1.0 - 0.08 * rank) + bonus + bounds + shaped
                sentence += bonus
                if bonus:
                    listed = max(listed, sentence)
                evidence = max(evidence, sentence + title)
                candidates.append((s, section.order * 1000 + i, path, sent))

        best = max((c[0] for c in candidates), default=0.0)
        listing = self._listing(question, weights, ranked_sections, max(best, listed / 0.8))
        if listing:
            return listing
        if evidence < MIN_SCORE:
            return refusal(question)
        candidates.sort(key=lambda c: -c[0])
        best_path = candidates[0][2]
        if _LIST_QUESTION.search(question):
            # "包括哪几类": the items are usually consecutive clauses of the best section.
            chosen = [c for c in candidates if c[2] == best_path and c[0] >= 0.5 * best][:MAX_LIST_QUOTES]
            chosen += self._rest_of_series(chosen, candidates)
            if chosen and all(_NUMBERED_LINE.match(c[3]) for c in chosen):
                kept = {c.quote for c in _narrowed(weights, [Citation("", c[2], c[3]) for c in chosen], "")}
                chosen = [c for c in chosen if c[3] in kept]
        else:
            chosen = [c for c in candidates if c[0] >= 0.75 * best][:MAX_QUOTES]
        chosen.sort(key=lambda c: c[1])  # document order reads naturally
        citations = [Citation(self.by_path[p].doc, p, sent) for _, _, p, sent in self._completed(chosen)]
        return Answer(question, "policy", compose(citations), citations)

    def _completed(self, chosen: list[tuple[float, int, str, str]]) -> list[tuple[float, int, str, str]]:
        """A quote that ends in a colon ("…分为市域、市辖区、中心城区三个层次：") is followed by what it
        introduces: the next sentences of its section, up to MAX_LIST_QUOTES, in document order; not when
        a sentence among those is quoted already (the question asked for that one item)."""
        out = {c[1]: c for c in chosen}
        for c in chosen:
            order, path = c[1], c[2]
            window = range(order + 1, order + 1 + MAX_LIST_QUOTES)
            if not c[3].rstrip().endswith(("：", ":")) or any(o in window for o in out):
                continue  # not an introduction, or the item asked for is already quoted
            following = self.sentences[path][order % 1000 + 1:][:MAX_LIST_QUOTES]
            for j, sent in enumerate(following, order + 1):
                out.setdefault(j, (c[0], j, path, sent))
        return sorted(out.values(), key=lambda c: c[1])

    def with_mentions(self, answer: Answer, place: str) -> Answer:
        """A place the plan itself names ("北起郊区河底镇") or a measure ("扩展倍数") gets the plan's sentences
        about it that the answer does not quote yet."""
        # Sentences cited for a figure are not shown word for word ("纳入…统筹管控的国家级文物保护单位 11 处"
        # for "…更新到历史文化保护线统筹管控"): what the answer does not show is quoted.
        mentions = [Citation(self.by_path[path].doc, path, sent) for path, sents in self.sentences.items()
                    for sent in sents if place in sent and sent not in answer.answer][:3]
        if mentions:
            quotes = "\n".join(f"- “{c.quote}”（{c.section}）" for c in mentions)
            answer.answer += f"\n\n方案原文提到“{place}”：\n{quotes}"
            answer.citations = [*answer.citations, *(c for c in mentions if c not in answer.citations)]
        return answer

    def _list_bonus(self, weights: dict[str, float], sentence: str) -> float:
        """A list right before the asked term ("永久基本农田保护红线、生态保护红线、城镇开发边界三条控制线")."""
        bonus = 0.0
        for token, weight in weights.items():
            counted = re.escape(token) if re.match(_COUNT, token) else _COUNT + re.escape(token)
            if weight and len(token) >= 2 and re.search(_LIST_BEFORE + counted, sentence):
                bonus = max(bonus, 2 * weight)
        return bonus

    @staticmethod
    def _rest_of_series(chosen: list, candidates: list) -> list:
        """"一是……二是……四是……": every item of a numbered series one of the chosen sentences starts."""
        paths = {c[2] for c in chosen if SERIES_ITEM.search(c[3])}
        have = {c[1] for c in chosen}
        return [c for c in candidates if c[2] in paths and c[1] not in have and SERIES_ITEM.search(c[3])]

    def _listing(self, question: str, weights: dict[str, float], ranked: Sequence[str],
                 best_sentence: float) -> Answer | None:
        """"编制原则有哪几条？": list the sub-headings of the section the question names."""
        if not _LIST_QUESTION.search(question):
            return None
        set_aside = _SET_ASIDE.search(question)
        aside = next((s for s in self.sections if self._excluded(question, s) == [s]), None) if set_aside else None
        others = self._other_headings(question, aside) if aside is not None else []
        if others:  # "除了三条控制线，这次还维护了哪些控制线？": the lists of the headings not set aside
            citations = [c for s in others for c in self.items_of(s)]
            lead = f"除{heading_name(aside)}外，{'、'.join(s.path[-1] for s in others)}包括以下 {len(citations)} 项："
            return Answer(question, "policy", lead + "\n\n" + compose(citations, numbered=False), citations)
        parents: dict[str, Section] = {}
        for path in ranked[:3]:
            section = self.by_path.get(path)
            while section is not None:
                parents.setdefault(section.section, section)
                section = self.by_path.get(" > ".join(section.path[:-1])) if len(section.path) > 1 else None
        # ("方案有哪些原则": the heading holding every word the question weighs, 编制原则, wherever retrieval put it)
        asked = [t for t, w in weights.items() if w > 0]
        for section in self.sections if asked else []:
            if all(t in section.path[-1] for t in asked):
                parents.setdefault(section.section, section)
        scored = [(self._heading_score(weights, s, question), s) for s in parents.values()
                  if len(self.items_of(s)) >= 2 and s is not aside]  # "除了编制原则": never that list
        # Only when the heading answers about as well as any sentence ("编制原则有哪几条" names a heading).
        scored = [x for x in scored if x[0] >= max(MIN_SCORE, 0.8 * best_sentence)]
        # "除了公众参与，还有哪些保障措施？": a heading set aside by name, its list named in other words, is one of
        # the list of its own level
        above = self.by_path.get(" > ".join(aside.path[:-1])) if aside is not None and len(aside.path) > 1 else None
        if not scored and above is not None and len(self.items_of(above)) >= 2:
            scored = [(0.0, above)]
        if not scored:
            return None
        parent = max(scored, key=lambda x: x[0])[1]
        citations = self.items_of(parent)
        # "其中维护后的有哪几张": a question word found in some items, not all, picks those items; a word of
        # what is set aside ("除了上图入库，实施保障还有哪些方面") picks none, and that item is left out.
        citations = _narrowed(weights, citations, parent.path[-1] + (set_aside.group(1) if set_aside else ""))
        kept = [c for c in citations if aside is None or c.section != aside.section] or citations
        but = f"除{heading_name(aside)}外还" if len(kept) < len(citations) else ""  # only when one of this list
        citations = kept
        lead = f"{parent.path[-1]}{but}包括以下 {len(citations)} 项："
        return Answer(question, "policy", lead + "\n\n" + compose(citations, numbered=False), citations)

    def level_of(self, section: Section) -> list[Section]:
        """The headings of a section's level, itself among them."""
        parent = self.by_path.get(" > ".join(section.path[:-1])) if len(section.path) > 1 else None
        return self.children(parent) if parent is not None else []

    def _excluded(self, question: str, section: Section) -> list[Section]:
        """The headings of the section's level a question sets aside by name (除了三条控制线, without 维护)."""
        aside = _SET_ASIDE.search(question)
        if not aside:
            return []
        # ("除了公众参与": the heading "坚持公众参与" named by its last words; "除了底线思维": one clause of it)
        named = re.sub(r"(?:以外|之外|外)$", "", aside.group(1))
        return [s for s in self.level_of(section) or [section] if len(heading_name(s)) >= 3
                and (heading_name(s) in aside.group(1) or len(named) >= 4 and (
                    heading_name(s).endswith(named) or named in re.split(r"[，,、]", heading_name(s))))]

    def _other_headings(self, question: str, aside: Section) -> list[Section]:
        """"除了三条控制线，这次还维护了哪些控制线？": the other headings of the level of the one set aside whose
        names hold the kind asked (控制线) and that list something."""
        kind = _KIND_ASKED.search(question)
        if not kind:
            return []
        return [s for s in self.level_of(aside) if s is not aside and kind.group(1) in s.path[-1]
                and self.items_of(s)]


    def _heading_score(self, weights: dict[str, float], section: Section, question: str) -> float:
        """A heading the question names word for word ("城市重要控制线维护包括哪几条线", or without its 维护:
        "城市重要控制线包括哪些") counts double."""
        score = self.score(weights, section.path[-1])
        name = HEADING_NUMBER.sub("", section.path[-1]).strip()
        # Without 维护 only a long name: "三条控制线是哪三条" is answered by the sentence listing them.
        named = (len(name) >= 3 and name in question) or len(heading_name(section)) >= 6 \
            and heading_name(section) in question
        # "做这次调整讲究哪些大原则？": the kind of thing listed, asked by its name, is the heading's last word (编制原则)
        asked = _KIND_WORD.search(question)
        named = named or bool(asked) and heading_name(section).endswith(asked.group(1))
        # "方案后面的保障措施有哪几条？": the list's subject, said before 有哪几, shares a word with the heading (实施保障),
        # not its whole name (a short name said whole, "三条控制线有哪些", is left to the rule above)
        subject = _LIST_SUBJECT.search(question)
        named = named or bool(subject) and heading_name(section) not in subject.group(1) \
            and shared_run(subject.group(1)[-4:], heading_name(section)) >= 2
        return 2 * score if named else score

    def list_of_item(self, question: str, citations: Sequence[Citation]) -> Section | None:
        """"这次改规划是按哪几条大思路来改的？": several items are asked, and the passage found is one item of a list
        of three or more (二、编制原则 > 1.底线思维，严守管控) that the question names neither: that list's section.
        Not where the passage holds a word of the question the plan does not say everywhere ("哪几个方面的安全",
        "三条控制线是哪几条": 安全, 控制线; 规划 is everywhere), which it lists."""
        paths = {c.section for c in citations}
        item = self.by_path.get(next(iter(paths))) if len(paths) == 1 else None
        if item is None or len(item.path) < 2 or not _SEVERAL.search(question) \
                or shared_run(item.path[-1], question) >= 2:
            return None
        if any(len(w) >= 2 and self.idf.get(w, 0.0) >= _SAID_HERE and w in c.quote
               for w in self.tokenize(question) for c in citations):
            return None
        parent = self.by_path.get(" > ".join(item.path[:-1]))
        if parent is None or len(self.items_of(parent)) < 3 or heading_name(parent) in question:
            return None
        return parent

    def cite(self, sentences: Iterable[str]) -> list[Citation]:
        """Citations of the plan's own sentences, in the plan's order."""
        wanted = set(sentences)
        return [Citation(self.by_path[path].doc, path, sent) for path, sents in self.sentences.items()
                for sent in sents if sent in wanted]

    def items_of(self, section: Section) -> list[Citation]:
        """A section's list: its sub-headings, or its own numbered lines ("1. 三条控制线维护前图（标明调出）")."""
        children = self.children(section)
        if children:
            return [Citation(c.doc, c.section, c.path[-1]) for c in children]
        numbered = [s for s in self.sentences[section.section] if _NUMBERED_LINE.match(s)]
        return [Citation(section.doc, section.section, s) for s in numbered]


# "除了三条控制线，": what a question sets aside, up to the next comma.
_SET_ASIDE = re.compile(r"(?:除了|除去|除)([^，,。？?]{2,20})")
# "还维护了哪些控制线": the kind of thing a list is asked of.
_KIND_ASKED = re.compile(r"(?:哪些|哪几[条类种个项])([\u4e00-\u9fff]{1,6}?)(?=[？?，,。呢吗（(]|$)")


def _narrowed(weights: dict[str, float], items: list[Citation], heading: str) -> list[Citation]:
    """"其中维护后的有哪几张": a question word found in some list items, not all, picks those items."""
    narrowing = [t for t, w in weights.items() if w and len(t) >= 2 and t not in heading
                 and 0 < sum(t in c.quote for c in items) < len(items)]
    return [c for c in items if any(t in c.quote for t in narrowing)] if narrowing else items
