"""Which of the plan's classes a thing is in ("重点建设项目清单是哪个层面维护的？"): the sentence that sorts it.

The plan sorts some things by a word it puts after each class's name, one sentence a class ("市域层面维护工作主要包括
重点建设项目清单。", "市辖区层面…", "中心城区层面…"). A question asking which class ("哪个层面") is answered by the
sentence of that word naming the thing, wherever retrieval ranks the passage about the thing itself."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..answer_types import Answer, Citation
from ..plan.corpus import Section
from .asked_things import shared_run
from .quotes import HEADING_NUMBER, compose
from .scope import GENERIC, content_nouns

# "哪个层面", "哪一层面", "什么层面": the word the class is named by, right after the asking word.
_ASKED_CLASS = re.compile(r"(?:哪一个|哪个|哪一|什么|啥)(?P<word>[\u4e00-\u9fff]{2})")


class Classes:
    """The plan's sentences that sort things into classes named by a word, and which class a question asks of."""

    def __init__(self, sections: Sequence[Section], sentences: dict[str, list[str]]):
        self.sentences = sentences
        self.docs = {s.section: s.doc for s in sections}
        # "城市绿线" sits under "（五）城市重要控制线维护": a thing is also named by the headings above it
        self.parents = {s.section: [HEADING_NUMBER.sub("", p).strip().removesuffix("维护") for p in s.path[:-1]]
                        for s in sections}
        self._sorting: dict[str, list[tuple[str, str, str]]] = {}  # by class word: the plan is read once per word

    def sorting(self, word: str) -> list[tuple[str, str, str]]:
        """(section, sentence, class) for each sentence opening with a class named by `word` ("中心城区层面…");
        none unless the plan names two classes or more so."""
        if word in self._sorting:
            return self._sorting[word]
        found = []
        for section, sents in self.sentences.items():
            for sent in sents:
                # a class's name opens its sentence: "中心城区层面维护工作…"
                if m := re.match(r"([\u4e00-\u9fff]{2,6}?)" + re.escape(word), sent):
                    found.append((section, sent, m.group(1)))
        self._sorting[word] = found if len({c for _, _, c in found}) >= 2 else []
        return self._sorting[word]

    def answer(self, question: str, last_question: str = "") -> Answer | None:
        """The sentences of the class the question's thing is named in; "规划分区呢？" after a class was asked asks
        it of 规划分区. None when no class is asked, or the thing is named in none of them or in all."""
        asked = _ASKED_CLASS.search(question)
        if not asked:
            earlier = _ASKED_CLASS.search(last_question)
            if not earlier or not _BARE.fullmatch(question):
                return None
            question = _BARE.fullmatch(question).group(1) + earlier.group(0)
            asked = _ASKED_CLASS.search(question)
        word = asked.group("word")
        if word in GENERIC:  # "哪个规划": no class word, whatever sentences open with it
            return None
        sorting = self.sorting(word)
        if not sorting and word in _SAME_CLASS:  # "哪个层次": the plan's 层面
            word = _SAME_CLASS[word]
            sorting = self.sorting(word)
        if not sorting:
            return None
        subject = question[:asked.start()] + question[asked.end():]
        classes = {c for _, _, c in sorting}
        nouns = [n for n in content_nouns(subject) if n != word and n not in classes]
        names = nouns + [p for section, parents in self.parents.items() for p in parents
                         if len(p) >= 3 and any(n in section.split(" > ")[-1] for n in nouns)]
        scored = []
        for section, sent, cls in sorting:
            rest = sent[sent.index(cls + word) + len(cls + word):]
            # the longest run the thing shares with the class's list, or a name of it the list holds
            score = max([shared_run(rest, subject), *(len(n) for n in names if _named(n, rest))])
            scored.append((score, Citation(self.docs[section], section, sent)))
        best = max(score for score, _ in scored)
        citations = [c for score, c in scored if score == best]
        if best < 2 or len(citations) == len(sorting):
            return None  # the thing is named in no class, or in all: the question is not about one of them
        return Answer(question, "policy", compose(citations), citations)


# Words for the same class word: the plan says "三个层次" of its 市域, 市辖区 and 中心城区 层面.
_SAME_CLASS = {"层次": "层面", "层级": "层面"}
# "规划分区呢？", "重点项目？": a thing named alone, after a question asking its class.
_BARE = re.compile(r"(?:那|那么)?([\u4e00-\u9fff、]{2,10}?)(?:呢|的呢|又是|是)?[？?]?")


def _named(noun: str, text: str) -> bool:
    """"重点项目" names "重点建设项目清单": the noun, or its first and last two characters in that order."""
    if noun in text:
        return True
    if len(noun) < 4:
        return False
    head = text.find(noun[:2])
    return head >= 0 and noun[-2:] in text[head + 2:]
