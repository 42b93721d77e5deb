"""How the glosses (everyday wordings of the plan's sentences, corpus/glosses.jsonl) are read against an answer in
the question's own words: one gloss far more like the question names its sentence instead (`_strongly_glossed`),
the sentences the best glosses name are read (`_said_by_glosses`), and the question's words the plan never uses
are found (`_named_otherwise`, `_gloss_words`, `_unnamed_amount`), as are its rare words a quote must hold
(`_specific_words`). Mixed into `TextAnswerer`, whose `_answer`, extractor, glosses, plan terms, dictionary and
`covered` it reads."""

from __future__ import annotations

import re
from typing import Any

from ..answer_types import Answer
from . import scope
from .glosses import GLOSS_FLOOR
from .quoted_words import ASKING_WORDS, quotes_any, shared_count
from .terms import tokenize

# The sentences the best-matching glosses name that widen one question (a second helps when a question
# asks two things a gloss each says).
MAX_GLOSSED = 2
# A gloss this like the question (USE cosine), ahead of the next sentence's by the margin, names the sentence
# even over an answer in the question's own words, when that answer's evidence is weak. Measured on the
# visible halves: 0.75 gains 2 and loses none; 0.70 also loses one question of set A.
STRONG_GLOSS = 0.75
GLOSS_MARGIN = 0.04
CLEAR_GLOSS = 0.68
CLEAR_MARGIN = 0.12
# A gloss this like the question and this far ahead names its sentence even over an answer that shares a word of
# the question ("以后会不会每年回头检查规划执行得咋样": 年度评估 0.836, 0.18 ahead, over 实施管理's "严格执行").
DECISIVE_GLOSS = 0.80
DECISIVE_MARGIN = 0.15
# A verb jieba counts this often is everyday language (需要 27430, 满足 4725): it names no thing of the plan's.
_COMMON_VERB = 1000
# A word that is a count or a pointer and a measure word ("两条线", "这几项"), not a noun of its own.
_COUNTED_WORD = re.compile(r"[一二两三四五六七八九十几这那哪每各][条个根道项类种张块片处座]")


class GlossReading:
    """The glosses read for `TextAnswerer` (see the module's docstring)."""

    def _said_by_glosses(self, question: str, context: dict[str, Any] | None, matched: list,
                         amount: bool) -> Answer | None:
        """The answer read from the sentences the best glosses name. An amount asked is in a sentence with a
        number ("大工程一共有几个": 重点建设项目共 564 项, before 重点工程空间布局); the best gloss's sentence
        comes first: read alone when the two together quote only the other ("先盖了再补手续")."""
        if not matched:
            return None
        if amount:
            matched = sorted(matched, key=lambda m: not self._has_number(m[0]))
        glossed = self._answer(question, context, [g.anchor for g, _ in matched[:MAX_GLOSSED]])
        top = matched[0][0]
        if len(matched) > 1 and not glossed.refused and not self._glosses_agree(glossed, [(top, 0.0)]):
            alone = self._answer(question, context, [top.anchor])
            if not alone.refused and self._glosses_agree(alone, [(top, 0.0)]):
                return alone
        return glossed

    def _has_number(self, gloss) -> bool:
        return any(gloss.anchor in sent and re.search(r"\d", sent)
                   for sent in self.extractor.sentences.get(gloss.section, []))

    def _shared_rare(self, question: str, answer: Answer) -> bool:
        """A quote holds a word of the question other than the words of asking (需要, 哪些)."""
        from .glosses import content_words

        return quotes_any([w for w in content_words(question) if w not in ASKING_WORDS], answer)

    def _strongly_glossed(self, question: str, context: dict[str, Any] | None, answer: Answer,
                          matched: list, evidence: bool) -> Answer | None:
        """"规划一改完，是不是马上就能开工了？": one gloss of `matched` far more like the question than any other
        names its sentence instead of the answer found, when that answer quotes it. Over weak `evidence` (no quote
        shares a rare word with the question), a gloss of USE cosine >= STRONG_GLOSS ahead by GLOSS_MARGIN (or
        CLEAR_GLOSS by CLEAR_MARGIN) does, when its answer holds as many of the question's words (中心城区 too);
        over an answer sharing a word of the question, only a decisive one (DECISIVE_GLOSS by DECISIVE_MARGIN:
        "以后会不会每年回头检查规划执行得咋样" is 年度评估's, not 实施管理's "严格执行")."""
        top = matched[:2]
        ahead = top[0][1] - (top[1][1] if len(top) > 1 else GLOSS_FLOOR) if top else 0.0
        if evidence:
            strong = top and top[0][1] >= DECISIVE_GLOSS and ahead >= DECISIVE_MARGIN
        else:  # far ahead of the others ("方案还没批，能先开工吗" 0.72, no other gloss near) is as strong as very like
            strong = top and (top[0][1] >= STRONG_GLOSS and ahead >= GLOSS_MARGIN
                              or top[0][1] >= CLEAR_GLOSS and ahead >= CLEAR_MARGIN)
        if not strong or self._glosses_agree(answer, top[:1]):
            return None
        glossed = self._answer(question, context, [top[0][0].anchor])
        if glossed.refused or not self._glosses_agree(glossed, top[:1]) \
                or not evidence and shared_count(question, glossed) < shared_count(question, answer):
            return None
        return glossed

    @staticmethod
    def _glosses_agree(answer: Answer, matched) -> bool:
        """The answer quotes a sentence that a gloss like the question says: the glosses would find the same."""
        return any(g.section == c.section and g.anchor in c.quote for c in answer.citations for g, _ in matched)

    def _named_otherwise(self, question: str) -> list[str]:
        """The things the question names (nouns of jieba's dictionary) that the plan does not: 托儿所, 老人.
        "这两条线" is a count of things (两条 + 线), named by the plan's words, not a thing of its own."""
        return [w for w in scope.content_nouns(question)
                if w in self.dictionary and not scope.present(w, self.corpus_text) and not _COUNTED_WORD.match(w)]

    def _gloss_words(self, question: str, named: list[str] | None = None) -> list[str]:
        """Words of the question absent from the plan, besides the nouns `_named_otherwise` gives, that some gloss
        uses: a verb (防汛) or a noun jieba tags otherwise. No pronoun, time or numeral ("哪几个", "今年", "这块")
        names anything, nor does a verb of asking ("算不算") or a common one that says how, not what ("需要",
        "满足": far above _COMMON_VERB in jieba's counts; 防汛 is 232); "上能" is jieba's slip (no entry)."""
        import jieba.posseg

        from .terms import word_frequency

        named = self._named_otherwise(question) if named is None else named  # (the caller's, when it has them)
        said = [w.word for w in jieba.posseg.cut(question) if len(w.word) >= 2 and word_frequency(w.word) and (
                w.flag[:1] == "n" or w.flag[:1] == "v" and word_frequency(w.word) < _COMMON_VERB
                and not re.search(r"(.)[不没]\1", w.word))]
        return [w for w in dict.fromkeys(said) if w not in named and w not in scope.GENERIC
                and not scope.present(w, self.corpus_text) and self.glosses is not None and self.glosses.naming([w])]

    def _unnamed_amount(self, question: str, answer: Answer) -> str | None:
        """An amount asked of a thing the plan never names ("宅基地"), when no quote shares a rare word of the
        question: the numbers quoted are of something else."""
        from .figure_query import asks_amount

        if answer.refused or not answer.citations or not asks_amount(question):
            return None
        # a thing of three characters or more (宅基地); two are often a stretch or a place said loosely
        # ("市中心那一大片总共多少平方公里": 大片 is the 中心城区, whose 271.23 平方千米 is quoted)
        absent = [n for n in scope.content_nouns(question)
                  if len(n) >= 3 and not scope.present(n, self.corpus_text) and not self.covered(n)]
        if not absent or self._specific_evidence(question, answer):
            return None
        return "、".join(absent)

    def _specific_words(self, question: str) -> list[str]:
        """The question's words the plan uses rarely (监督, not 年度 or 阳泉), with plan words inside its own."""
        from .policy_answer import MIN_SCORE

        own = tokenize(question)
        # plan words inside the question's own words (建托育 -> 托育), which weigh as the plan's tokens; the question's
        # own words weigh where the plan holds them, though only inside a longer word (托育 in 托育服务中心)
        inner = [t for near in self.plan_terms.nearest(own).values() for t, sim in near if sim >= 1.0] \
            if self.plan_terms is not None else []
        return [t for t in [*own, *inner] if len(t) >= 2 and t not in scope.GENERIC
                and t not in scope.LOCAL_NAMES and t not in scope.UNIT_WORDS
                and (self.extractor.rarity(t) if t in own else self.extractor.idf.get(t, 0.0)) >= MIN_SCORE]

    def _specific_evidence(self, question: str, answer: Answer) -> bool:
        """A quote shares a specific word with the question (one the plan uses rarely), not just 年度 or 阳泉."""
        return quotes_any(self._specific_words(question), answer)
