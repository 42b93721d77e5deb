"""Extractive answers: the plan's own sentences that answer the question, quoted verbatim with their section."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

import jieba.posseg

from ..answer_types import Answer, Citation
from ..plan.corpus import Section, entry_number, split_sentences
from ..plan.vocabulary import find_layer
from .followup import NUMERALS, ORDINAL, without_carried
from .listed import SERIES_ITEM, listed_count, listed_thing, things_listed
from .scope import asks_in_force
from .scope_fit import asked_shape

# "方案是谁、什么时候发布的": answered by the cover page (issuing body and date).
_COVER_QUESTION = re.compile(r"(哪个|什么|哪家)(单位|部门|机关)|谁(发布|编制|制定|印发|批准)|(发布|印发|出台|编制)(时间|日期|单位)|什么时候(发布|印发|出台)|哪一?年")
# "谁编的？", "什么时候公布的？": who or when, asked of nothing but the document itself.
_WHO_OR_WHEN = re.compile(r"谁|哪(个|家|级)?(单位|部门|机关|机构|政府)|(?:什么|啥)(时候|时间)|何时|几月|日期|落款")
# "这方案是哪个衙门出的": which body issued it, named in any word ("衙门", "口子").
_ISSUER = re.compile(r"(?P<which>哪个|哪家|哪一?级|什么|啥)(?!时)[\u4e00-\u9fff]{1,3}?(?P<verb>(?:出|发|编|定|制定|印发|发布|颁布|公布)的)")
# "这方案全名叫啥？", "方案名字叫什么": the document's own name, which its cover prints.
_NAME_ASKED = re.compile(r"全名|全称|名字|名称|标题|叫(?:什么|啥)")
# "这次为啥要搞动态维护？": why the work is done, asked of nothing but the document itself.
_WHY = re.compile(r"为啥|为什么|为何|干啥|干嘛|图个?(?:啥|什么)|为了(?:啥|什么)|目的|缘由|原因|起因|背景|初衷")
# When a plan's rules apply: "方案获批后严格执行…", "自印发之日起施行".
_IN_FORCE_FROM = re.compile(r"(?:获批|批准|通过|发布|印发|公布)(?:后|之日)")
# Verbs of doing the work ("为啥要搞", "为什么要编"): the work itself, no other topic.
_DOING = frozenset({"搞", "做", "要", "编", "要编", "要搞", "要做", "开展", "进行", "弄", "干", "出", "出台"})
# jieba's tags of words saying how, not what: adverbs, adjectives, idioms, state words (好端端, 突然, 无缘无故).
_MANNER_TAGS = frozenset({"d", "ad", "a", "z", "i", "l"})
# The headings under which plans say why they were made (工作背景, 编制目的, 规划意义).
_PURPOSE_HEADING = re.compile(r"背景|目的|缘由|意义|必要性")
# Words that name the document, or ask who made it and when: a cover question has no other word.
_DOCUMENT_WORDS = frozenset({
    "方案", "规划", "文件", "本次", "这次", "这份", "这个", "这是", "该", "动态", "维护", "国土", "空间", "总体",
    "阳泉", "阳泉市", "年度", "编制", "编写", "编发", "编", "制定", "发布", "印发", "出台", "公布", "颁布",
    "批准", "出", "发", "写", "定", "谁", "谁定", "做", "搞", "弄", "整", "啥", "东西", "时候", "啥时候", "时间", "日期", "单位", "部门", "机关",
    "机构", "政府", "落款",
    "年", "哪年", "一年", "哪一年", "月", "几月", "国土空间", "总体规划", "阳泉市国土空间总体规划",
})
# "方案正文分几大部分", "由哪几部分组成", "目录是什么": the plan's own outline.
_OUTLINE = re.compile(r"几大?个?(?:部分|章|大块|篇)|哪(?:几|些)大?个?(?:部分|章|大块|篇)|目录|章节|提纲|框架结构")
_LIST_QUESTION = re.compile(r"几大?个?部分|几大块|哪几|哪[两三四五六七八九十]+[条类种项个方张]|哪些|几条|几个|几类|几种|几点|几方面|包括什么|有什么|分别是|是什么|是啥(?=[？?呢吗。！!\s]*$)")
MAX_QUOTES = 3
MAX_LIST_QUOTES = 10
# Two or more 、-separated items, then optionally "等" and a count word, right before a term.
_LIST_BEFORE = r"(?:[^、，。；：:]{2,16}、)+[^、，。；：:]{2,16}?等?"
_COUNT = r"[一二三四五六七八九十两几]+[条类种项个方]"
_HEADING_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\s*[.．、])\s*")
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
        # The words of the plan's own title (its cover lines) name the document itself.
        self._title_words = frozenset(t for s in self.sections if s.path == ("封面",)
                                      for line in self.sentences[s.section] for t in self._tokens[line])
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
        """IDF of a token; one jieba never cuts out of the plan (托育 in 托育服务中心) counts where it occurs."""
        if token not in self.idf:
            n = sum(1 for text in self._tokens if token in text) if len(token) >= 2 else 0
            self.idf[token] = math.log(1 + len(self._tokens) / n) if n else 0.0
        return self.idf[token]

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
        cover = self._cover(question) or self._outline(question) or self._purpose(question) \
            or self._in_force(question)
        if cover:
            return cover
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
            if section is None:
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

    def item(self, question: str, number: int, items: Sequence[tuple[str, str]], parts: bool = False) -> Answer:
        """"第二条具体讲的啥？": the passage of the item of that number in the list just given. With `parts` (the
        list asked for was of aspects: "主要有哪几方面"), "第二个" is the second sentence quoted, not the second
        thing one of them lists."""
        listed = None if parts and number <= len(items) else listed_thing(question, number, items)
        if listed:  # "第二个是干啥的" after the facilities: the second one the sentence lists
            at, thing, path, quote = listed
            citations = [Citation(self.by_path[path].doc, path, quote)]
            return Answer(question, "policy", f"第 {at} 个是“{thing}”：\n\n" + compose(citations), citations)
        if number > len(items):
            # "第四类调整是什么？" after three of the passage's "一是…三是…" were quoted: its own "四是"
            later = self._series_item(number, items) or self._numbered_entry(number, items)
            if later is not None:
                path, sentence = later
                citations = [Citation(self.by_path[path].doc, path, sentence)]
                return Answer(question, "policy", f"第 {number} 项“{sentence}”：\n\n" + compose(citations), citations)
            things = listed_count(question, items)
            if things:  # "第九个呢？" after five facilities: five things, in one sentence
                return refusal(question, f"上一个回答列出的只有 {things} 个，没有第 {number} 个。")
            return refusal(question, f"上一个回答只列出了 {len(items)} 项，没有第 {number} 项。")
        path, quote = items[number - 1]
        # Items of one passage ("一是…三是…"): the item is its own sentence, not the whole passage.
        shared = sum(p == path for p, _ in items) > 1
        sentences = [quote] if shared else self.sentences.get(path) or [quote]
        citations = [Citation(self.by_path[path].doc, path, sent) for sent in sentences]
        if not shared and not self.sentences.get(path) and path in self.by_path:
            citations = self._items(self.by_path[path]) or citations  # "五、实施保障": its sub-headings
        return Answer(question, "policy", f"第 {number} 项“{quote}”：\n\n" + compose(citations), citations)

    def nth_heading(self, question: str, number: int) -> Answer | None:
        """"第一条原则叫啥？", "编制原则头一条是啥？": the `number`-th sub-section of the one section whose heading
        names the noun said right after the ordinal (原则 -> 二、编制原则), or whose heading the question names before
        it, with its heading and sentences; None when none does."""
        found = ORDINAL.search(question)
        if found is None:
            return None
        after, before = question[found.end():], question[:found.start()]
        listing = [s for s in self.sections if len(self.children(s)) >= number]
        # the heading's own noun, at its end (编制原则): "第一条维护后多少" names no heading 维护
        named = [[s for s in listing if _heading_name(s).endswith(noun)]
                 for size in (4, 3, 2) if re.fullmatch(r"[\u4e00-\u9fff]+", noun := after[:size]) and len(noun) == size]
        named.append([s for s in listing if len(_heading_name(s)) >= 3 and _heading_name(s) in before])
        parent = next((one[0] for one in named if len(one) == 1), None)
        if parent is None:
            return None
        child = self.children(parent)[number - 1]
        citations = [Citation(child.doc, child.section, child.path[-1]),
                     *(Citation(child.doc, child.section, sent) for sent in self.sentences.get(child.section, []))]
        return Answer(question, "policy", f"{_heading_name(parent)}的第 {number} 项是“{_heading_name(child)}”：\n\n"
                      + compose(citations), citations)

    def siblings(self, path: str) -> list[tuple[str, str]]:
        """The sub-sections beside the one at `path`, with their headings ("4. 统筹协调，系统衔接"): the list a
        "最后一条呢？" points into after one of them was given."""
        return [(s.section, s.path[-1]) for s in self._siblings(self.by_path[path])] if path in self.by_path else []

    def count_listed(self, question: str, items: Sequence[tuple[str, str]]) -> Answer | None:
        """"一共几个？" right after a list of things: how many the sentence listing them names."""
        found = things_listed(items)
        if found is None:
            return None
        things, path, quote = found
        citations = [Citation(self.by_path[path].doc, path, quote)]
        return Answer(question, "policy", f"上文列出的共 {len(things)} 个：{'、'.join(things)}。\n\n" + compose(citations),
                      citations)

    def last_numbered(self, items: Sequence[tuple[str, str]]) -> int | None:
        """"最后一张呢？" after the first two of the 附图 list: the number of the last entry of the items' one
        passage ("8. 中心城区用地规划布局图（维护后）"), when its entries are numbered; None otherwise."""
        path = _one_passage(items)
        if path is None:
            return None
        numbers = [n for s in self.sentences.get(path, []) if (n := entry_number(s)) is not None]
        return max(numbers) if len(numbers) >= 2 else None

    def _numbered_entry(self, number: int, items: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
        """"第七张呢？" after the fifth of the 附图 list was given: the entry of the items' one passage numbered
        `number` ("7. 中心城区用地规划布局图（维护前）")."""
        path = _one_passage(items)
        if path is None:
            return None
        return next(((path, s) for s in self.sentences.get(path, []) if entry_number(s) == number), None)

    def _series_item(self, number: int, items: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
        """The sentence of the items' one passage that its numbered series ("一是…二是…") numbers `number`."""
        path = _one_passage(items)
        if path is None or number > len(NUMERALS):
            return None
        mark = re.compile(rf"(?:^|[：:；;])\s*(?:{NUMERALS[number - 1]}是|第{NUMERALS[number - 1]}(?![十\d]))")
        return next(((path, sent) for sent in self.sentences.get(path, []) if mark.search(sent)), None)

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

    def _cover(self, question: str) -> Answer | None:
        # "方案是谁发布的？（时期）": a question naming the document is about it, not about the subject
        # carried from the last turn ("这个是谁定的？（城镇开发边界）" is about that line)
        if re.search(r"方案|规划|文件", without_carried(question)):
            question = without_carried(question)
        # "哪个衙门出的": the noun asked after, whatever its word, is who issued it
        issuer = _ISSUER.sub(r"\g<which>单位\g<verb>", question)
        if not ((_COVER_QUESTION.search(issuer) or _WHO_OR_WHEN.search(issuer)) and self._about_document(issuer)):
            return None
        covers = [s for s in self.sections if s.path == ("封面",)]
        citations = [Citation(c.doc, c.section, line) for c in covers for line in self.sentences[c.section]]
        if not citations:
            return None
        # The cover's last two lines are the issuing body and the date, as the plan prints them
        # (without the PDF's spacing between digits and characters).
        issued = "，".join(_unspaced(c.quote) for c in citations[-2:])
        return Answer(question, "policy", f"落款：{issued}。\n\n" + compose(citations), citations)

    def plan_name(self, question: str) -> Answer | None:
        """"这方案全名叫啥？": the title the cover prints above its issuer and date, when nothing but the document
        is asked of; None otherwise."""
        asked = without_carried(question)
        # the document is named ("这方案全名叫啥"): "都叫什么名字？" after a list asks the names of its things
        if not _NAME_ASKED.search(asked) or not re.search(r"方案|规划|文件", asked) \
                or not self._about_document(_NAME_ASKED.sub("", asked)):
            return None
        cover = [Citation(c.doc, c.section, line) for c in self.sections if c.path == ("封面",)
                 for line in self.sentences[c.section]]
        if len(cover) < 3:  # title lines, then the issuer and the date
            return None
        titles = cover[:-2]
        name = "".join(_unspaced(c.quote) for c in titles)
        if _WHO_OR_WHEN.search(_NAME_ASKED.sub("", asked)):  # "叫什么名字，谁发的": the issuer and date too
            issued = "，".join(_unspaced(c.quote) for c in cover[-2:])
            return Answer(question, "policy", f"方案全称：{name}；落款：{issued}。\n\n" + compose(cover), cover)
        return Answer(question, "policy", f"方案全称：{name}。\n\n" + compose(titles), titles)

    def _outline(self, question: str) -> Answer | None:
        """"方案正文分几大部分？": the plan's numbered top-level headings (and what is appended after them),
        when the question names no heading or line of its own."""
        asked = without_carried(question)  # the subject carried from the last turn is not asked
        if not _OUTLINE.search(asked) or find_layer(asked) or any(
                len(_heading_name(s)) >= 2 and _heading_name(s) in asked for s in self.sections if s.path != ("封面",)):
            return None
        tops = [s for s in self.sections if len(s.path) == 1 and s.path != ("封面",)]
        body = [s for s in tops if _HEADING_NUMBER.match(s.path[0])]
        if len(body) < 2:
            return None
        citations = [Citation(s.doc, s.section, s.path[0]) for s in body]
        appended = [s.path[0] for s in tops if s not in body]
        after = f"正文之后另有：{'、'.join(appended)}。\n\n" if appended else ""
        return Answer(question, "policy", f"方案正文分为 {len(body)} 个部分：\n\n{compose(citations, numbered=False)}"
                      f"\n\n{after}".rstrip(), citations)

    def _purpose(self, question: str) -> Answer | None:
        """"这次为啥要搞动态维护？": why the document was made is said under its background heading."""
        asked = without_carried(question)
        # "好端端的", "突然": how the asker feels about it, in words the plan never uses, names no topic
        manner = {w.word for w in jieba.posseg.cut(asked) if w.flag in _MANNER_TAGS and not self.rarity(w.word)}
        if not _WHY.search(asked) or not all(t in _DOING or t in manner or self._names_document(t)
                                             for t in self.tokenize(_WHY.sub("", asked))):
            return None
        citations = [Citation(s.doc, s.section, sent) for s in self.sections
                     if _PURPOSE_HEADING.search(s.path[-1]) for sent in self.sentences[s.section]]
        return Answer(question, "policy", compose(citations), citations) if citations else None

    def _in_force(self, question: str) -> Answer | None:
        """"这规矩啥时候开始管？": the plan gives no date, but says from when its rules apply."""
        if not asks_in_force(question):
            return None
        citations = [Citation(s.doc, s.section, sent) for s in self.sections for sent in self.sentences[s.section]
                     if _IN_FORCE_FROM.search(sent)]
        if not citations:
            return None
        return Answer(question, "policy", "方案原文没有给出具体日期，只说明了从何时起执行：\n\n" + compose(citations),
                      citations)

    def _about_document(self, question: str) -> bool:
        """The question names nothing but the document ("这个方案是谁编的", "这份动态维护方案…"): words of
        asking and the words of the plan's own title, not 规划期限 or 地铁."""
        return all(self._names_document(t) for t in self.tokenize(question))

    def _names_document(self, token: str) -> bool:
        return token in _DOCUMENT_WORDS or token in self._title_words or token.isdigit()

    def _listing(self, question: str, weights: dict[str, float], ranked: Sequence[str],
                 best_sentence: float) -> Answer | None:
        """"编制原则有哪几条？": list the sub-headings of the section the question names."""
        if not _LIST_QUESTION.search(question):
            return None
        set_aside = _SET_ASIDE.search(question)
        aside = next((s for s in self.sections if self._excluded(question, s) == [s]), None) if set_aside else None
        others = self._other_headings(question, aside) if aside is not None else []
        if others:  # "除了三条控制线，这次还维护了哪些控制线？": the lists of the headings not set aside
            citations = [c for s in others for c in self._items(s)]
            lead = f"除{_heading_name(aside)}外，{'、'.join(s.path[-1] for s in others)}包括以下 {len(citations)} 项："
            return Answer(question, "policy", lead + "\n\n" + compose(citations, numbered=False), citations)
        parents: dict[str, Section] = {}
        for path in ranked[:3]:
            section = self.by_path.get(path)
            while section is not None:
                parents.setdefault(section.section, section)
                section = self.by_path.get(" > ".join(section.path[:-1])) if len(section.path) > 1 else None
        scored = [(self._heading_score(weights, s, question), s) for s in parents.values()
                  if len(self._items(s)) >= 2 and s is not aside]  # "除了编制原则": never that list
        # Only when the heading answers about as well as any sentence ("编制原则有哪几条" names a heading).
        scored = [x for x in scored if x[0] >= max(MIN_SCORE, 0.8 * best_sentence)]
        if not scored:
            return None
        parent = max(scored, key=lambda x: x[0])[1]
        citations = self._items(parent)
        # "其中维护后的有哪几张": a question word found in some items, not all, picks those items; a word of
        # what is set aside ("除了上图入库，实施保障还有哪些方面") picks none, and that item is left out.
        citations = _narrowed(weights, citations, parent.path[-1] + (set_aside.group(1) if set_aside else ""))
        kept = [c for c in citations if aside is None or c.section != aside.section] or citations
        but = f"除{_heading_name(aside)}外还" if len(kept) < len(citations) else ""  # only when one of this list
        citations = kept
        lead = f"{parent.path[-1]}{but}包括以下 {len(citations)} 项："
        return Answer(question, "policy", lead + "\n\n" + compose(citations, numbered=False), citations)

    def _siblings(self, section: Section) -> list[Section]:
        """The headings of a section's level, itself among them."""
        parent = self.by_path.get(" > ".join(section.path[:-1])) if len(section.path) > 1 else None
        return self.children(parent) if parent is not None else []

    def _excluded(self, question: str, section: Section) -> list[Section]:
        """The headings of the section's level a question sets aside by name (除了三条控制线, without 维护)."""
        aside = _SET_ASIDE.search(question)
        if not aside:
            return []
        return [s for s in self._siblings(section) or [section] if len(_heading_name(s)) >= 3
                and _heading_name(s) in aside.group(1)]

    def _other_headings(self, question: str, aside: Section) -> list[Section]:
        """"除了三条控制线，这次还维护了哪些控制线？": the other headings of the level of the one set aside whose
        names hold the kind asked (控制线) and that list something."""
        kind = _KIND_ASKED.search(question)
        if not kind:
            return []
        return [s for s in self._siblings(aside) if s is not aside and kind.group(1) in s.path[-1]
                and self._items(s)]


    def _heading_score(self, weights: dict[str, float], section: Section, question: str) -> float:
        """A heading the question names word for word ("城市重要控制线维护包括哪几条线", or without its 维护:
        "城市重要控制线包括哪些") counts double."""
        score = self.score(weights, section.path[-1])
        name = _HEADING_NUMBER.sub("", section.path[-1]).strip()
        # Without 维护 only a long name: "三条控制线是哪三条" is answered by the sentence listing them.
        named = (len(name) >= 3 and name in question) or len(_heading_name(section)) >= 6 \
            and _heading_name(section) in question
        return 2 * score if named else score

    def _items(self, section: Section) -> list[Citation]:
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


def _heading_name(section: Section) -> str:
    """"（一）三条控制线维护" -> "三条控制线": a heading without its number and its trailing 维护."""
    return re.sub(r"维护$", "", _HEADING_NUMBER.sub("", section.path[-1]).strip())


def _narrowed(weights: dict[str, float], items: list[Citation], heading: str) -> list[Citation]:
    """"其中维护后的有哪几张": a question word found in some list items, not all, picks those items."""
    narrowing = [t for t, w in weights.items() if w and len(t) >= 2 and t not in heading
                 and 0 < sum(t in c.quote for c in items) < len(items)]
    return [c for c in items if any(t in c.quote for t in narrowing)] if narrowing else items


def _one_passage(items: Sequence[tuple[str, str]]) -> str | None:
    """The one passage every item just given was quoted from, else None."""
    paths = {path for path, _ in items}
    return paths.pop() if len(paths) == 1 else None


def _unspaced(text: str) -> str:
    """"2026 年 6 月" -> "2026年6月": PDF extraction puts spaces between digits and Chinese characters."""
    return re.sub(r"(?<=[\d\u4e00-\u9fff])\s+(?=[\d\u4e00-\u9fff])", "", text)


def compose(citations: Sequence[Citation], numbered: bool = True) -> str:
    """Quotes with their section path; the document is named once, in the lead line."""
    lines = []
    for i, c in enumerate(citations, 1):
        mark = f"{i}. " if numbered and len(citations) > 1 else "- " if not numbered else ""
        lines.append(f"{mark}“{c.quote}”（{c.section}）")
    docs = "、".join(dict.fromkeys(f"《{c.doc}》" for c in citations))
    return f"根据{docs}原文：\n\n" + "\n".join(lines) if numbered else "\n".join(lines)


def refusal(question: str, reason: str | None = None) -> Answer:
    text = reason or "本方案未涉及这一问题，无法根据方案原文回答。可以换个说法，或询问方案中的三条控制线、规划分区、城市绿线紫线、重点建设项目等内容。"
    return Answer(question, "out_of_scope", text, [], [], refused=True)
