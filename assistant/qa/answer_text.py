"""Answers from the plan's text: sections ranked, the extract widened by plan words, checked against what the plan covers."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from ..answer_types import Answer
from ..plan.corpus import APPENDIX, Section
from ..plan.glossary import DEFINITIONS
from ..plan.vocabulary import COUNTIES, find_layer
from . import asked_things, elaboration, elsewhere, followup, leave, places_listed, scope, scope_fit
from .classified import Classes
from .expand import saying_verbs
from .gloss_reading import GlossReading
from .plan_maps import asks_for_maps, list_plan_maps, picks_sheets
from .policy_answer import Extractor
from .quoted_words import holds_asked, lists_headings, quotes_any, quotes_number, shared_count
from .quotes import compose, heading_name, refusal, refused_quoting
from .terms import dictionary_words, tokenize
from .uncounted import unquoted_amount
from .unsaid import (
    RELATIONAL,
    arranged_things,
    asked_if_any,
    asked_noun,
    not_said,
    things_if_any,
    things_to_build,
    unnamed_places,
)

# How rare (IDF) a planning term must be to name a topic: 正向优化 (2.65) does, 动态维护 (1.96) is the whole work.
TOPIC_RARITY = 2.4
# "其中省里那份…", "这里面哪个…": one of what the last answer gave is asked.
_AMONG = re.compile(r"^(?:那|那么)?(?:这|那)?(?:其中|里面|里头|当中)")


class TextAnswerer(GlossReading):
    """The plan's text read for a question; `plan_terms` (everyday word -> plan word) may be None."""

    def __init__(self, sections: list[Section], extractor: Extractor, retriever, corpus_text: str, plan_terms,
                 glosses=None):
        self.sections = sections
        self.extractor = extractor
        self.retriever = retriever
        self.corpus_text = corpus_text
        self.compact_text = re.sub(r"\s+", "", corpus_text)  # (words split by a page break read whole)
        self.plan_terms = plan_terms
        self.glosses = glosses  # qa/glosses.GlossIndex (everyday wording -> the plan's sentence), or None
        self.dictionary = dictionary_words()
        # read by every answer that asks specifics or may be displaced by a gloss: built once
        self.all_sentences = [sent for sents in extractor.sentences.values() for sent in sents]
        self.heading_names = [name for name in map(heading_name, sections) if len(name) >= 3]
        self.classes = Classes(sections, extractor.sentences)
        self.described = elaboration.worded_headings(extractor.sentences)

    def ranked_sections(self, question: str, k: int = 6) -> list[str]:
        """Distinct section paths in retrieval order."""
        seen: dict[str, None] = {}
        for hit in self.retriever.search(question, k=k):
            seen.setdefault(hit.section, None)
        return list(seen)

    def own_topic(self, question: str, previous: str = "") -> bool:
        """The question names what it is about (a layer, or a word the plan uses rarely: 监督, not 原则), or
        describes it anew ("山上不让动的那些地方", not said in the `previous` question it may be rewritten from),
        or asks of the whole ("整个维护工作")."""
        from .expand import described_phrase
        from .policy_answer import MIN_SCORE

        said = followup.without_carried(question)
        described = described_phrase(said)
        return bool(find_layer(question)) or bool(described and described not in previous) \
            or followup.asks_of_whole(said) or any(
            t not in scope.GENERIC and self.extractor.idf.get(t, 0.0) >= MIN_SCORE for t in tokenize(question)) \
            or bool(scope.unsupported_topic(question, self.covered, self.dictionary))  # 天气: one the plan lacks

    def names_new_term(self, question: str, said: list[str]) -> bool:
        """"正向优化要推动哪些方面？" after a quote on 底线思维: a term of the plan's vocabulary, rare enough to
        be a topic (not 动态维护), that nothing just `said` holds is the question's own, though jieba tags no
        noun in it; so is a rare word of the plan's headings ("监督这块呢？" after 上图入库: （四）监督管理)."""
        from .terms import PLANNING_TERMS

        headings = " ".join(self.extractor.by_path)
        return any(len(t) >= 4 and t in question and self.extractor.rarity(t) >= TOPIC_RARITY
                   and not any(t in s for s in said) for t in PLANNING_TERMS) \
            or any(len(t) >= 2 and t not in scope.GENERIC and t in headings and self.extractor.rarity(t) >= TOPIC_RARITY
                   and not any(t in s for s in said) for t in tokenize(question))

    def _pointed_back(self, question: str, last, quotes: list[str]) -> bool:
        """"它强化的是什么？" after the 统筹协调 principle: 它 or 其 (这个层次 may point further back) or only
        nouns that are always of something ("要满足啥前提"), no line named, and every rare word of the question
        in the last passage (强化“多规合一”): the question is about that passage, though its words are rare
        enough to be a topic elsewhere too."""
        from .figure_query import asks_amount
        from .policy_answer import MIN_SCORE

        said = followup.without_carried(question)
        if last is None or find_layer(said):
            return False
        rare = [t for t in tokenize(said) if t not in scope.GENERIC and self.extractor.idf.get(t, 0.0) >= MIN_SCORE]
        if not rare:
            return False
        if not all(t in last.text for t in rare):
            # "遵循什么原则？" after 公众参与's passage: a verb of following (遵循) names no topic; the noun always of
            # something (原则) that the last passage holds ("按照“公开、公平、公正”的原则") asks it of that passage
            import jieba.posseg

            verbs = {w.word for w in jieba.posseg.cut(said) if w.flag.startswith("v")}
            asked = [t for t in tokenize(said) if t in RELATIONAL]
            return all(t in verbs for t in rare if t not in last.text) and bool(asked) \
                and all(t in last.text for t in asked) and not asks_amount(said) \
                and not [n for n in scope.content_nouns(said) if n not in RELATIONAL]
        # "要满足啥前提" after 生态控制区's rule: no pronoun, but a noun that is always of something (前提, 条件),
        # and nothing else named, asks it of what was just said; not an amount of them
        # ("每种方式各有多少项" counts them instead).
        # ("要加强哪两方面的工作？" after 生态控制区's rule, …加强生态保育和生态建设: no noun of its own at all, and
        # its rare words in the very sentences quoted, not only somewhere in their section)
        nouns = scope.content_nouns(said)
        # (a place is no such word: "郊区有啥？" asks of the place, wherever the last quote named it)
        bare = not nouns and not any(t in scope.LOCAL_NAMES for t in rare) and all(any(t in q for q in quotes) for t in rare)
        return bool(re.search(r"它|其(?=[^他实余])", said)) or (bare or bool(nouns) and all(n in RELATIONAL for n in nouns)) \
            and not asks_amount(said)

    def covered(self, word: str) -> bool:
        """The plan speaks of the word: in it, in its glosses (托儿所 is how they say 托育), or by a word like it."""
        said = self.plan_words(word)
        return said is None or bool(said)

    @functools.cache  # noqa: B019 - one answerer per assistant, built once
    def document_kinds(self) -> tuple[str, ...]:
        """What the documents the plan cites are (通知, 办法): the last word of each title in 《》."""
        titles = re.findall(r"《([^》]+)》", self.corpus_text)
        return tuple(dict.fromkeys(re.sub(r"[（(][^）)]*[）)]$", "", t)[-2:] for t in titles))

    def plan_words(self, word: str, quotes: Iterable[str] | None = None) -> tuple[str, ...] | None:
        """The word itself when the plan uses it; None when the glosses speak of it (托儿所), of one of `quotes`
        when given; else the plan words the embedding finds like it (行业 -> 产业), possibly none."""
        if scope.present(word, self.corpus_text):
            return (word,)
        if self.glosses is not None and self.glosses.mentions(word, quotes):
            return None
        return tuple(term for term, _ in self.plan_terms.nearest([word])[word]) if self.plan_terms is not None else ()

    def answer(self, question: str, context: dict[str, Any] | None = None) -> Answer:
        """The passage settled (`_settled`), or a refusal quoting it when leave is asked and it rules on nothing
        ("红线里面能不能搞旅游项目开发": the line's area is quoted, no rule; read after the glosses, which may find
        the sentence that does rule, "先规划、后建设")."""
        answer = self._settled(question, context)
        answer = self._whole_list(question, answer, context) or answer
        unruled = leave.unruled_leave(question, [c.quote for c in answer.citations]) \
            if not answer.refused and answer.citations else None
        return refused_quoting(question, answer, f"方案原文{unruled}，无法回答。") if unruled else answer

    def _whole_list(self, question: str, answer: Answer, context: dict[str, Any] | None) -> Answer | None:
        """"这次改规划是按哪几条大思路来改的？": the list the one item found belongs to (`Extractor.list_of_item`),
        when its headings answer."""
        parent = None if answer.refused else self.extractor.list_of_item(question, answer.citations)
        if parent is None:
            return None
        listed = self._answer(f"{question}（{heading_name(parent)}）", context)
        return listed if lists_headings(listed) else None

    def _settled(self, question: str, context: dict[str, Any] | None = None) -> Answer:
        """Extractive answer; the question widened by the plan words its everyday words stand for.
        A question with no topic of its own ("按什么原则来？") reads the last answer's passages first.

        "孩子没人带，有没有托儿所": a gloss in everyday words of a plan sentence names that sentence, whose own
        words then find it (the glosses are never quoted). A question is first answered by its own words; the
        glosses are read when that answer is a refusal that quotes nothing, or when the question names a thing
        the plan does not name (托儿所, 老人) or names one in the plan's rare words that no quote holds (大工程:
        工程), and no gloss like it speaks of a sentence the answer quotes. A refusal that quotes the plan (its
        passage found, without what is asked) stands. Before all that, one gloss far ahead of the others
        replaces an answer whose quotes share no rare word with the question (see `_strongly_glossed`).
        """
        from .figure_query import asks_amount

        outside = elsewhere.outside_districts(question)
        if outside:  # "平定县这回维护些啥": a place outside the 市辖区 is read at the 市域 level, the only one covering it
            answer = self.answer(question.replace(outside, "市域"), context)
            if not answer.refused:
                answer.question = question
                answer.notes.insert(0, f"“{outside}”不在市辖区（城区、矿区、郊区）内，以下按方案市域层面的内容回答。")
            return answer
        classed = self.classes.answer(followup.without_carried(question), (context or {}).get("question") or "")
        if classed is not None:  # "重点建设项目清单是哪个层面维护的": the sentence of the class that names it
            return classed
        answer = self._answer(question, context)
        if self.glosses is None or lists_headings(answer) or holds_asked(question, answer):
            # ("这回修规划守的几条原则是啥？": the plan's own list of the kind asked, 编制原则's headings, is no
            # everyday wording to read again by the glosses of 守; nor is a sentence holding the thing asked,
            # "先规划、后建设" for "是先盖房子还是先定规划")
            return answer
        # The question's rare words and the glosses like it are found once: both checks below read them.
        specific = self._specific_words(question)
        # "停掉不干的工程有几个": an amount asked, and the quotes holding its word (重点工程) hold no number
        amount = asks_amount(question)
        # "这回市里要上的大小工程，一共排了多少个": with an amount asked, the quote holding its word must hold a
        # number too (重点工程空间布局 holds none; 国土面积 4558.96 is not of 工程)
        evidence = quotes_any(specific, answer, numbered=amount)
        matched = None
        if not answer.refused:
            matched = self.glosses.match(question, by_clause=True)
            strong = self._strongly_glossed(question, context, answer, matched, evidence)
            if strong is not None:
                return strong
        if answer.refused and answer.citations:
            # the plan's passage on it is found, and it does not say what is asked; unless the words it was
            # found by are not the question's ("需要哪些部门配合" found 需求导向 by 需要), or an amount is
            # asked and no quote holds a number ("城中心那一大片有多大" found 中心城区's works), and a gloss
            # like the question names a sentence that does say it ("…、发改、住建…等部门", 271.23 平方千米)
            if not evidence and (amount and not quotes_number(answer) or not self._shared_rare(question, answer)):
                said = self._said_by_glosses(question, context, self.glosses.match(question, by_clause=True), amount)
                # and holds as many of the question's words ("乡村发展区细化成了哪几个二级分区，各有多少面积"
                # stays refused: a gloss of 市辖区's area shares none of them)
                kept = said is None or said.refused or shared_count(question, said) < shared_count(question, answer)
                return answer if kept else said
            return answer
        misses_its_words = bool(specific) and not evidence  # 大工程 -> 工程, and no quote holds it
        # "阳泉这次规划管不管防汛？": a word the plan never uses that the glosses of one sentence use names that
        # sentence, whatever else the encoder finds alike ("管不管防汛" is as like 公共服务设施 as anything);
        # not for members asked ("汛期哪些地方容易被淹": the sentence says no places), nor when only some of the
        # words are a gloss's ("种庄稼的地方和盖楼的地方" is no more 城镇开发边界's than 庄稼's), nor when the answer
        # found shares a word of the question ("城郊那种一般的生态片区能不能搞点开发": 生态控制区's rule) or the
        # question names a heading ("实施保障有哪些方面": its list of items, not a gloss of 批下来)
        nouns = self._named_otherwise(question)
        words = nouns + self._gloss_words(question, nouns)
        override = bool(words) and all(self.glosses.naming([w]) for w in words) \
            and not scope_fit.asks_members(question) and not self._shared_rare(question, answer) \
            and not any(name in question for name in self.heading_names)
        if not answer.refused and not nouns and not misses_its_words and not override:
            return answer
        matched = self.glosses.match(question, by_clause=True) if matched is None else matched
        # ("孩子上托儿所的地方有没有": no gloss alike enough, but one names its 托儿所)
        named = self.glosses.naming(words)
        matched = (named if override else []) or matched or named
        if not matched or (not answer.refused and self._glosses_agree(answer, matched)):
            return answer
        glossed = self._said_by_glosses(question, context, matched, amount)
        if glossed is None:
            return answer
        # Both refusals: the one quoting the plan says why ("只给出了数量…" rather than "未涉及“名字”").
        quoting = glossed.refused and answer.refused and glossed.citations and not answer.citations
        return glossed if not glossed.refused or quoting else answer

    def _answer(self, question: str, context: dict[str, Any] | None, anchors: list[str] | None = None) -> Answer:
        from .figure_query import parse

        said = saying_verbs(question)
        extra = self.plan_terms.expansion(w for w in tokenize(question) if w not in said) \
            if self.plan_terms is not None else []
        extra += [anchor for anchor in anchors or [] if anchor not in extra]
        if asked_things.asks_documents(question):  # "依据了哪些上级文件": what the plan calls its documents
            extra += [kind for kind in self.document_kinds() if kind not in extra]
        # "防洪那条线": the plan's name of a line the question describes is a word of the question too.
        extra += [name for name in parse(question).indicators
                  if name in DEFINITIONS and name not in question and name not in extra]
        earlier = (context or {}).get("sections") or []
        asks_maps = asks_for_maps(question, earlier)  # ("哪几张是三条控制线维护前的？" after the maps: maps again)
        if asks_maps and APPENDIX not in question:
            extra.append(APPENDIX)  # "附了哪些图", "看哪几张图": the plan's list of maps is its 附图 section
        widened = f"{question}（{' '.join(extra)}）" if extra else question
        ranked = self.ranked_sections(widened)
        # "要哪些部门一起配合？" asks a thing of a shape (a list of bodies): the last passage is its topic
        # only if it holds one, or if the question names nothing ("具体在哪？": where the thing just said is).
        shape = asked_things.asked_shape(question)
        last = self.extractor.by_path.get(earlier[0]) if earlier else None
        held = not shape or (last is not None and bool(shape.search(last.text))) or scope.names_nothing(question)
        # "它主要管啥（历史文化保护线）" after 洪涝风险控制线's passage: the line the question is about now is
        # another's, so that passage is no longer its topic
        layer, last_layer = find_layer(question), find_layer(earlier[0]) if earlier else None
        held = held and not (layer and last_layer and layer[0] != last_layer[0])
        # ("其中省里那份文件全称叫什么": 其中, as asked, points among what the last answer gave; "另一条呢？" is
        # rewritten from a question that said it)
        if earlier and held and (not self.own_topic(question, (context or {}).get("question") or "")
                                 or _AMONG.match((context or {}).get("asked") or question)
                                 or self._pointed_back(question, last, (context or {}).get("quotes") or [])):
            ranked = list(dict.fromkeys([*earlier, *ranked]))
            # The passage's heading is the topic the question leaves out ("按什么原则来？" of 公众参与).
            heading = re.sub(r"^\W*[（(]?[一二三四五六七八九十\d]+[）)、.．]?\s*", "", earlier[0].split(" > ")[-1])
            extra.append(heading)
        elif earlier and held and context.get("question"):
            # A turn of a conversation that names a topic of its own still most likely stays where the last
            # answer was ("要统筹哪些空间需求？" after the 统筹协调 principle): that passage ranks first, and
            # wins only where it holds the question's words as well as another.
            ranked = list(dict.fromkeys([earlier[0], *ranked]))
        # A plan word found for an everyday word may sit in a section the rankers missed (jieba keeps
        # 托育服务中心 whole, so BM25 never sees 托育): those sections are candidates too, after the ranked.
        ranked += [s.section for s in self.sections
                   if s.section not in ranked and any(term in s.text for term in extra)]
        answer = self.extractor.answer(question, ranked, extra)
        wanted, about = None, question
        if shape and answer.citations and all(c.section in earlier for c in answer.citations):
            wanted = shape  # "那审批的时候要按什么顺序来？" after a passage on rural projects: 先规划、后建设
        elif asked_leave := leave.asks_leave(question):
            # "山上生态那块能不能搞开发？": a sentence that rules on what is to be done (可进行适度的开发利用)
            wanted, about = leave.RULES, asked_leave
        if wanted is not None and not any(wanted.search(c.quote) for c in answer.citations):
            # the passages found do not hold the kind of thing asked: a section found that does is read instead
            holding = [path for path in ranked if path in self.extractor.by_path
                       and wanted.search(self.extractor.by_path[path].text)]
            shaped = self.extractor.answer(question, holding, extra) if holding else None
            # (one that shares a word with the question besides the thing asked: "审批" in 审批流程; the cover's
            # 阳泉市人民政府 is no answer to "最终由哪一级政府审批")
            said = [t for t in tokenize(about) if len(t) >= 2 and t not in scope.GENERIC]
            # ("以保护为主的山林地带，到底让不让动一点": a leave asked in everyday words, 动一点, is of the land
            # the rest of the question describes, when a rule shares two of its words: 以生态保护…为主导)
            described = [t for t in tokenize(question) if len(t) >= 2 and t not in scope.GENERIC] \
                if wanted is leave.RULES else []
            held_quotes = [c for c in shaped.citations if wanted.search(c.quote)
                           and (any(t in wanted.sub("", c.quote) for t in said)
                                or len({t for t in described if t in wanted.sub("", c.quote)}) >= 2)] \
                if shaped is not None else []
            if held_quotes:
                answer = Answer(question, shaped.intent, compose(held_quotes), held_quotes)
        if shape is asked_things.BODIES_LISTED and not any(shape.search(c.quote) for c in answer.citations):
            # "这事儿是几个局一块儿管吗？都有谁？": the bodies that work together are where the plan lists them,
            # whatever else the question says
            listing = [s for s in self.all_sentences if shape.search(s)]
            if listing:
                cited = self.extractor.cite(listing)
                answer = Answer(question, "policy", compose(cited), cited)
        answer.question = question
        # A count of the maps ("一共附了几张图") or some of them ("哪几张是…的") is read off the whole list.
        # ("附了些什么图": the whole list, not the three quotes of it an answer holds)
        if asks_maps and (picks_sheets(question) or re.search(r"什么|哪些|啥", question)
                          or not any(c.section == APPENDIX for c in answer.citations)):
            # ("中心城区用地布局图呢？" after 国土空间's maps: the map named as asked, not the last question rewritten)
            asked = (context or {}).get("asked") or question
            named_map = re.search(r"图(?:呢|嘞)[？?]?$", asked) and len(asked) > 4
            return list_plan_maps(asked if named_map else question, self.sections) or answer
        if answer.citations and all(c.section == "封面" or c.quote == c.section for c in answer.citations):
            # who issued the plan and when, its outline: the document itself is the topic; who approves it,
            # when it takes effect or any other thing asked the cover does not say
            thing = asked_things.missing_thing(question, [c.quote for c in answer.citations])
            return answer if thing is None or thing in asked_things.GIVEN_BY_ISSUER else \
                refused_quoting(question, answer, f"方案原文没有给出{thing}，无法回答。")
        named = [name for name in extra if name in DEFINITIONS]
        # A gloss like the question, sharing a word with it, names the sentence quoted: that is the evidence.
        glossed = any(anchor in c.quote for anchor in anchors or [] for c in answer.citations)
        topic = [] if named or glossed else scope.unsupported_topic(question, self.covered, self.dictionary)
        # ("最后要达到什么效果？" in a conversation: a word always of something asks it of the passage just given)
        topic = [] if (context or {}).get("sections") and all(t in RELATIONAL for t in topic) else topic
        if topic and (answer.refused or not (self._specific_evidence(question, answer) or holds_asked(question, answer))):
            return refusal(question, f"本方案未涉及“{'、'.join(dict.fromkeys(topic))}”的内容，无法回答。")
        # "股票怎么买？（生态控制区）": the subject carried over in brackets covers the plan's side; the
        # question's own nouns, none of which the plan covers, need a word of their own in a quote
        # ("那部里的通知呢？" is answered where the quotes say 通知).
        said = followup.without_carried(question)
        stray = [] if said == question or named or glossed else \
            [t for t in scope.unsupported_topic(said, self.covered, self.dictionary) if t not in RELATIONAL]
        if stray and not quotes_any([t for t in tokenize(said) if len(t) >= 2], answer):
            return refusal(question, f"本方案未涉及“{'、'.join(dict.fromkeys(stray))}”的内容，无法回答。")
        quoted = [c.quote for c in answer.citations]
        said_in_quotes = functools.partial(self.plan_words, quotes=quoted)  # (a gloss of a sentence quoted)
        members = scope_fit.unnamed_members(question, quoted, said_in_quotes)
        if members and not answer.refused:
            return refusal(question, f"方案中没有列出或提到“{members}”，无法回答。")
        unnamed = self._unnamed_amount(said, answer) if not (named or glossed) else None
        if unnamed:  # "农村宅基地标准是多少平方米": the 平方米 quoted are 紫线's, not of a thing the plan never names
            return refused_quoting(question, answer, f"方案原文没有给出“{unnamed}”的相关数字，无法回答。")
        # (with the subject carried: "公园绿地现在多少？（城市绿线）" is answered by the line's 301.11 公顷)
        if not answer.refused and unquoted_amount(question, quoted, self.corpus_text):
            return refused_quoting(question, answer, "方案原文没有给出这一数字，无法回答。")
        there = (places_listed.built_at(question, self.all_sentences, self._in_plan)
                 or places_listed.named_once(said, quoted, self.all_sentences, self.corpus_text)) if not answer.refused else []
        if there and not any(q in there for q in quoted):  # "郊区有哪些项目": the place's things, wherever said
            answer = Answer(question, answer.intent, "", self.extractor.cite(there))
            answer.answer = compose(answer.citations)
        fitted = self.fit(question, answer)
        term = elaboration.unexplained(said, self.all_sentences, self.extractor.by_path, DEFINITIONS,
                                       (*COUNTIES, "阳泉", "阳泉市"), self.described) if not fitted.refused else None
        if term:  # "重点发展领域具体指哪些产业？": the plan names it and says no more of it
            return refused_quoting(question, answer, elaboration.unexplained_reason(term, said))
        # "这些文保单位里有哪些古建筑？" after the passage on 文物保护单位: a thing the plan never names, asked of the passage
        # just given, which no quote speaks of by a word like it (only a gloss that speaks of the word vouches for it)
        context = context or {}
        unsaid = not_said(self._named_otherwise(said), quoted, context.get("asked") or said, said_in_quotes) \
            if context.get("sections") and not followup.named_by_turn(named, question, context["sections"]) \
            and not fitted.refused else []
        # "去义井镇坐几路公交？": the thing a question asks of, which the plan never names, nor a quote speaks of
        # by a word like it, though the place is the plan's (义井镇 found the sentence)
        noun = asked_noun(said) if not context.get("sections") and not named and not glossed and not fitted.refused \
            else None
        unsaid = unsaid or (not_said([noun], quoted, said, said_in_quotes) if noun and noun in self._named_otherwise(said)
                            else [])
        # "绿线调整有没有经过专家论证？": whether there is a thing the plan never names, though the line is named or
        # was the last answer's
        things = [asked_if_any(said), *things_if_any(said), *things_to_build(said)] \
            if not glossed and not fitted.refused else []  # ("要建工业园区吗": whether the plan will build it)
        things = [t for t in dict.fromkeys(things) if t and t in self.dictionary and not self._in_plan(t)]
        unsaid = unsaid or not_said(things, quoted, said, said_in_quotes)
        # "绿线调入后有没有新建公园？", "红线里有没有自然保护区？", "阳泉是不是国家历史文化名城？": a place of a kind, or
        # a standing, the plan never names (a gloss of 公园 vouches for the topic, not for there being one)
        unsaid = unsaid or (unnamed_places(said, quoted, self.dictionary, self.compact_text, self._in_plan)
                            if not fitted.refused else [])
        # "矿区采煤塌陷区治理有什么安排？": the arrangements for a thing the plan never names, nor any plan word like
        # it, though the place is the plan's (矿区 found the sentence)
        arranged = [w for w in arranged_things(said) if w in self.dictionary and not self._in_plan(w)
                    and self.plan_words(w, quotes=[]) == ()] if not (unsaid or glossed or fitted.refused) else []
        unsaid = unsaid or not_said(arranged, quoted, said, said_in_quotes, slips=False)
        if unsaid:
            return refused_quoting(question, answer, f"方案原文没有提到“{'、'.join(unsaid)}”，无法回答。")
        return fitted

    def _in_plan(self, word: str) -> bool:
        return scope.present(word, self.corpus_text)

    def fit(self, question: str, answer: Answer) -> Answer:
        """The answer, or a refusal when its passages do not give the kind of thing asked (scope_fit)."""
        return scope_fit.fit(question, answer, self._in_plan,
                             lambda word, quotes: self.glosses is not None and self.glosses.mentions(word, quotes))
