"""Turns that point into a list just given: "第二条呢？", "最后一张呢？", "一共几个？", "编制原则头一条是啥？"."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..answer_types import Answer, Citation
from ..plan.corpus import APPENDIX, Section, entry_number
from . import followup, ordinals
from .asked_things import shared_run
from .decompose import merge, split_asks
from .figure_query import asks_amount
from .listed import (
    ASKS_COUNT,
    ASKS_PARTS,
    COUNT_OF_KIND,
    before_list,
    listed_count,
    listed_thing,
    named_things,
    sole_of_kind,
    things_listed,
)
from .ordinals import NUMERALS
from .policy_answer import Extractor
from .quotes import compose, heading_name, refusal, refused_quoting

if TYPE_CHECKING:
    from .answer_text import TextAnswerer


# "还有啥…一起落实", "除了托育，同一批…", "同一类里还有哪些…": the others of a list
_OTHERS = re.compile(r"还有(?:啥|什么|哪些|哪几|别的|其[他它])|除了?.{1,12}?(?:以外|之外|外)?[，,]?.{0,6}还|同一[批类句]"
                     r"|一起落实|一并落实|另外还有|其[他它]的?(?:呢|还有|有哪些)")
# "跟它并列的是哪条？", "同一级的还有哪些": the other headings of the level the passage sits at.
_SIBLINGS = re.compile(r"并列|同级|同一级|同一层级|平级")
_SET_ASIDE = re.compile(r"除了?([^，,。？?还外]{2,12}?)(?:以外|之外|外)?[，,]?(?:还|同一|另外|其他|其它)")
# "包括哪几块维护内容", "分哪几部分": the parts of the item pointed at are asked, not its name.
_ITS_PARTS = re.compile(r"(?:包括|包含|分为?|分成|下面有|有)(?:哪几|哪些|几)[个块项部方条]|哪几(?:块|部分|方面|项)")
# "方案的第五部分": the whole document, and its top-level parts.
# ("第二块包括哪两条线": a part of the list just given, not of the document)
_WHOLE_DOCUMENT = re.compile(r"(?:这个|这份|本|整个)?(?:方案|规划|文件|文本)")
_PART = re.compile(r"(?:大)?(?:部分|章|块|篇)")
_TOP_NUMBERED = re.compile(r"[一二三四五六七八九十]+、")


class ListTurns:
    """Reads the plan's lists through the extractor that holds its sections and sentences."""

    def __init__(self, plan: Extractor, text: TextAnswerer):
        self.plan = plan
        self.text = text  # whether a turn names its own topic; whether a passage gives what is asked

    def turn(self, question: str, plan_worded: str, conversation: Any,
             ask: Callable[[str, Any], Answer]) -> Answer | None:
        """A turn that points into the list the conversation gave last ("第二条呢？", "一共几个？", "最后一张呢？",
        "第二个有多大？"), or asks where the passage just quoted sits; None for any other turn. `conversation` is
        the pipeline's (assistant.conversation.Conversation, above this package); `ask` answers a thing pointed at
        as if it were named, in that conversation."""
        # (after a figure, "一共几个？" asks the figure's whole: 564 after 新增 180 项)
        of_kind = COUNT_OF_KIND.search(plan_worded)
        if (ASKS_COUNT.search(plan_worded) or of_kind) and conversation.context.get("items") \
                and conversation.context.get("last_intent") == "policy":
            counted = self.count_listed(question, conversation.context["items"], of_kind.group("kind") if of_kind else "")
            if counted is not None:  # "一共几个？" after the facilities listed: five
                conversation.context["last_intent"] = counted.intent
                conversation.remember(plan_worded, counted)
                return counted
        if _SIBLINGS.search(plan_worded) and conversation.context.get("sections"):
            # "跟它并列的是哪条？" after 洪涝风险控制线's passage: the other headings of its level
            beside = self.beside(question, conversation.context["sections"][0])
            if beside is not None:
                conversation.context["last_intent"] = beside.intent
                conversation.context["items"] = [(c.section, c.quote) for c in beside.citations]
                return beside
        if followup.asks_where_in_plan(plan_worded) and conversation.context.get("sections"):
            # "这是编制原则里的哪一条？": where the passage just quoted sits, as the plan's headings
            placed = self.section_of(question, conversation.context["sections"], conversation.context.get("quotes", []))
            if placed is not None:
                conversation.context["last_intent"] = placed.intent
                # "这块内容第一类调整是啥？" next: the passage's own section is the list pointed into
                conversation.context["items"] = self.pointed_after_section(question, placed.citations[0].section)
                return placed
        if _OTHERS.search(plan_worded) and conversation.context.get("quotes") and not asks_amount(plan_worded):
            # "除了托育，同一批还落实了啥？": the rest of the list the last quote gave ("除了撤销的，还剩多少项？"
            # asks an amount: the figure's remainder)
            rest = self.others(question, conversation.context.get("quotes", []), conversation.previous_question or "")
            once = sole_of_kind(plan_worded, self.text.all_sentences) if rest is None else None
            if once is not None:  # "紫线里还有哪些别的历史建筑？": the plan names one, and no other
                cited = self.plan.cite([once[1]])
                rest = refused_quoting(question, Answer(question, "policy", compose(cited), cited),
                                       f"方案原文只提到这一处{once[0]}，没有列出其他{once[0]}，无法回答。")
            if rest is not None:
                conversation.context["last_intent"] = rest.intent
                conversation.remember(plan_worded, rest)
                return rest
        pair = ordinals.joined_ordinals(plan_worded)
        nths = [self.nth_heading(one, ordinals.ordinal(one) or 0) for one in pair]
        if pair and all(nths):
            # "编制原则第一条和最后一条分别叫什么": two headings of one list, each answered
            both = merge(question, pair, nths)
            conversation.context["last_intent"] = both.intent
            conversation.remember(plan_worded, both)
            conversation.context["items"] = self.siblings(nths[-1].citations[0].section)
            return both
        item = ordinals.ordinal(plan_worded)  # "第二条呢？": the list just given, before any rewriting
        asks = split_asks(plan_worded) if item else []
        if len(asks) > 1 and not ordinals.ordinal(asks[0]):
            # "编制原则有哪几条，第一条要守住的是哪三条控制线？": an ask before the ordinal's, each answered on its
            # own ("那最后一个呢，面积多少？" asks of the item it points at)
            item = None
        # "第一条原则叫啥？": the first of the plan's principles, whatever list was given last
        nth = self.nth_heading(plan_worded, item) if item else None
        if nth is not None:
            conversation.context["last_intent"] = nth.intent
            conversation.remember(plan_worded, nth)
            # "最后一条呢？" next points into the list the item is one of, not into the item's sentences
            conversation.context["items"] = self.siblings(nth.citations[0].section)
            return nth
        items = conversation.context.get("items") if item else None
        if items and item == ordinals.LAST:
            # "最后一张呢？" after two maps of the numbered 附图 list: the list's last entry, not the last given
            item = self.last_numbered(items) or len(items)
        after_named = conversation.context.pop("named", False)
        # ("其中第二条强调什么？": 其中 points into the list, it names no topic)
        own_topic = bool(items) and self.text.own_topic(re.sub(r"^(?:那么?)?其中", "", plan_worded))
        # "第二个有多大？": an amount asked of a thing pointed at is asked of it by name; after "主要调整了哪几方面",
        # "第三个具体落实了哪些项目" points at the third aspect, not at a thing one of them lists
        parts = bool(ASKS_PARTS.search(conversation.previous_question or ""))
        # ("第二层呢？" after "最大那一层面积多少？": the amount asked again, of the item pointed at)
        again = ordinals.only_ordinal(plan_worded) and asks_amount(conversation.previous_question or "")
        named = named_things(plan_worded, items, conversation.previous_question or "") \
            if items and (own_topic or after_named or again or asks_amount(plan_worded)) and not parts else None
        if named:
            # "第一个层次面积多大" -> "市域面积多大", and "第二个呢" next -> "市辖区呢": the thing is asked as
            # if named, and the list stays the one the next "第三个" points into.
            answer = ask(named, conversation)
            answer.question = question
            if not any(n.startswith("已按上文理解为") for n in answer.notes):
                answer.notes.insert(0, f"已按上文理解为：{named}")
            conversation.context.update(items=items, named=True)
            return answer
        if items and (not own_topic or ordinals.only_ordinal(plan_worded)):
            # "第二个是啥？" after "主要有哪几方面": the second aspect quoted, not a thing inside one of them
            answer = self.item(question, item, items, parts)
            conversation.context["last_intent"] = answer.intent
            conversation.remember_line(plan_worded, answer)
            return answer
        if items and item <= len(items):
            # "第三条最终要实现什么？": what is asked of that item is read in its own passage, and the list
            # stays the one "第四条" will point into.
            answer = self.plan.answer(plan_worded, [items[item - 1][0]])
            if not answer.refused and all(c.section != items[item - 1][0] for c in answer.citations):
                # "第三类里具体落实了哪些项目？": a list question reads the whole plan; the item is the answer
                answer = self.item(question, item, items)
            # "第一类涉及哪些地块编号？": what is asked of the item must be in its passage, as of any passage
            answer = self.text.fit(plan_worded, answer)
            if not answer.refused or answer.citations:
                answer.question = question
                conversation.context["last_intent"] = answer.intent
                conversation.remember(plan_worded)
                conversation.remember_line(plan_worded, answer)
                return answer
        return None

    def others(self, question: str, quotes: Sequence[str], previous: str) -> Answer | None:
        """"还有啥民生项目一起落实？" after 郊区幸福家园养老中心 was found in a sentence that lists facilities: the
        other things that sentence lists, quoted. Only when the list holds what was just asked about (a run of
        two characters or more of this question or the last, 养老中心), and every noun of the question is in
        the list's passage (民生, 项目: not a new topic, "还有哪些控制线调整了").
        None when no quote just given lists three things or more."""
        from . import scope
        from .terms import tokenize

        said = followup.without_carried(question)
        set_aside = _SET_ASIDE.search(said)
        asked = set_aside.group(1) if set_aside else None
        nouns = [w for w in scope.content_nouns(said) if w not in scope.GENERIC]
        words = [w for w in tokenize(said) if len(w) >= 2 and w not in scope.GENERIC]
        for quote in quotes:
            path = next((p for p, sentences in self.plan.sentences.items() if quote in sentences), None)
            things = things_listed([(path, quote)]) if path else None
            if not things or len(things[0]) < 3:
                continue
            if not any(shared_run(a, b) >= 2 for a in (said, previous) for b in things[0]) \
                    or not all(w in self.plan.by_path[path].text for w in nouns):
                continue
            if any(w in before_list(quote) and not any(w in t for t in things[0]) for w in words):
                continue  # "除了设施还完善了什么": what the sentence says before its list (完善…开敞空间) is asked
            # "特勤站除了站本身还有啥？", "除了消防站还有啥配套？" (高新区特勤消防站及配套消防训练设施): what else
            # one thing holds, not the others of the list
            if asked and (not any(shared_run(asked, t) >= 2 for t in things[0])
                          or any(asked in t and w in t for w in words if w not in asked for t in things[0])):
                continue
            # the thing the last question named (the one most like it: 郊区新城大道一级消防站 for "新城大道那边要建
            # 消防站"), and things of the kind the question names ("还有别的消防站吗": only the fire stations)
            best = max(shared_run(t, previous) for t in things[0])
            named_before = [t for t in things[0] if best >= 3 and shared_run(t, previous) == best]
            # (a kind is what two things or more share: 消防站, 养老 and 托育; not 设施 of 消防训练设施 alone)
            kinds = [n for n in nouns if not (asked and n in asked)]
            of_kind = [t for t in things[0] if any(k in t for k in kinds)]
            rest = [t for t in (of_kind if len(of_kind) >= 2 else things[0])
                    if not (asked and asked in t) and t not in named_before]
            if not rest:
                continue
            citations = [Citation(self.plan.by_path[path].doc, path, quote)]
            return Answer(question, "policy", f"同一句原文列出的还有：{'、'.join(rest)}。\n\n" + compose(citations),
                          citations)
        return None

    def item(self, question: str, number: int, items: Sequence[tuple[str, str]], parts: bool = False) -> Answer:
        """"第二条具体讲的啥？": the passage of the item of that number in the list just given. With `parts` (the
        list asked for was of aspects: "主要有哪几方面"), "第二个" is the second sentence quoted, not the second
        thing one of them lists."""
        numbered = [entry_number(q) for _, q in items]
        maps = [(path, q) for path, q in items if path == APPENDIX and entry_number(q)]
        if maps and re.search(r"附图|第[^，。？?]{1,3}张", question) and not all(numbered):
            items = maps  # "附图第3张是什么图？" after a passage and two 附图 entries: the plan's map numbered 3
            numbered = [entry_number(q) for _, q in items]
        if all(numbered) and numbered != list(range(1, len(items) + 1)):
            # "第1张图标的是什么？" after 附图 7 and 8 were given: the entry the plan numbers 1, not the first given
            entry = self._numbered_entry(number, items)
            if entry is not None:
                citations = [Citation(self.plan.by_path[entry[0]].doc, entry[0], entry[1])]
                return Answer(question, "policy", f"第 {number} 项“{entry[1]}”：\n\n" + compose(citations), citations)
        listed = None if parts and number <= len(items) else listed_thing(question, number, items)
        if listed:  # "第二个是干啥的" after the facilities: the second one the sentence lists
            at, thing, path, quote = listed
            citations = [Citation(self.plan.by_path[path].doc, path, quote)]
            return Answer(question, "policy", f"第 {at} 个是“{thing}”：\n\n" + compose(citations), citations)
        if number > len(items):
            # "第四类调整是什么？" after three of the passage's "一是…三是…" were quoted: its own "四是"
            later = self._series_item(number, items) or self._numbered_entry(number, items)
            if later is not None:
                path, sentence = later
                citations = [Citation(self.plan.by_path[path].doc, path, sentence)]
                return Answer(question, "policy", f"第 {number} 项“{sentence}”：\n\n" + compose(citations), citations)
            things = listed_count(question, items)
            if things:  # "第九个呢？" after five facilities: five things, in one sentence
                return refusal(question, f"上一个回答列出的只有 {things} 个，没有第 {number} 个。")
            return refusal(question, f"上一个回答只列出了 {len(items)} 项，没有第 {number} 项。")
        path, quote = items[number - 1]
        # Items of one passage ("一是…三是…"): the item is its own sentence, not the whole passage.
        shared = sum(p == path for p, _ in items) > 1
        sentences = [quote] if shared else self.plan.sentences.get(path) or [quote]
        citations = [Citation(self.plan.by_path[path].doc, path, sent) for sent in sentences]
        if not shared and not self.plan.sentences.get(path) and path in self.plan.by_path:
            citations = self.plan.items_of(self.plan.by_path[path]) or citations  # "五、实施保障": its sub-headings
        return Answer(question, "policy", f"第 {number} 项“{quote}”：\n\n" + compose(citations), citations)

    def nth_heading(self, question: str, number: int) -> Answer | None:
        """"第一条原则叫啥？", "编制原则头一条是啥？": the `number`-th sub-section of the one section whose heading
        names the noun said right after the ordinal (原则 -> 二、编制原则), or whose heading the question names before
        it, with its heading and sentences; None when none does."""
        found = ordinals.ordinal_said(question)
        if found is None:
            return None
        after, before = question[found.end():], question[:found.start()]
        listing = [s for s in self.plan.sections if len(self.plan.children(s)) >= max(number, 1)]
        # the heading's own noun, at its end (编制原则): "第一条维护后多少" names no heading 维护
        named = [[s for s in listing if heading_name(s).endswith(noun)]
                 for size in (4, 3, 2) if re.fullmatch(r"[\u4e00-\u9fff]+", noun := after[:size]) and len(noun) == size]
        # "四条原则里头一条是什么": the heading's noun said before the ordinal, at the end of what comes before it
        prior = re.sub(r"(?:里面?|里头|当中|之中|中|的)$", "", before)
        named += [[s for s in listing if heading_name(s).endswith(noun)]
                  for size in (4, 3, 2) if re.fullmatch(r"[\u4e00-\u9fff]+", noun := prior[-size:]) and len(noun) == size]
        named.append([s for s in listing if len(heading_name(s)) >= 3 and heading_name(s) in before])
        parent = next((one[0] for one in named if len(one) == 1), None)
        # "方案的第五部分叫什么": the document's own numbered parts (一、工作背景 … 五、实施保障)
        whole = _WHOLE_DOCUMENT.fullmatch(prior) and (_PART.search(found.group(0)) or _PART.match(after))
        if parent is None and not whole:
            return None
        children = [s for s in self.plan.sections if len(s.path) == 1 and _TOP_NUMBERED.match(s.section)] \
            if whole else self.plan.children(parent)
        if whole and number > len(children):
            return None
        number = len(children) if number == ordinals.LAST else number  # "编制原则最后一条"
        child = children[number - 1]
        owner = "方案" if whole else heading_name(parent)
        under = self.plan.children(child)
        if len(under) >= 2 and _ITS_PARTS.search(after):
            # "方案第四部分包括哪几块维护内容？": the headings under that part, not its own name
            cited = [Citation(s.doc, s.section, s.path[-1]) for s in under]
            return Answer(question, "policy", f"{owner}的第 {number} 项“{heading_name(child)}”下分为 {len(under)} 项：\n\n"
                          + compose(cited, numbered=False), cited)
        citations = [Citation(child.doc, child.section, child.path[-1]),
                     *(Citation(child.doc, child.section, sent) for sent in self.plan.sentences.get(child.section, []))]
        return Answer(question, "policy", f"{owner}的第 {number} 项是“{heading_name(child)}”：\n\n"
                      + compose(citations), citations)

    def section_of(self, question: str, paths: Sequence[str], quotes: Sequence[str]) -> Answer | None:
        """"这是编制原则里的哪一条？" after a passage of "2.正向优化，提质增效": where the passage just quoted sits,
        as the plan's own headings. A heading the question names (编制原则) is answered with the item of it the
        passage is under, and its number; None when no passage was quoted."""
        sections = [self.plan.by_path[p] for p in dict.fromkeys(paths) if p in self.plan.by_path][:3]
        if not sections:
            return None
        # "这条保障措施的名字叫什么" after quotes of two sections: the one under 实施保障
        shared = {s.section: shared_run(question, s.section) for s in sections}
        sections = [s for s in sections if shared[s.section] == max(shared.values())]
        lines, citations = [], []
        for section in sections:
            line = f"出自“{section.section}”"
            named = self._named_heading(question, section)
            if named is not None:
                parent, child = named
                number = self.plan.children(parent).index(child) + 1
                line += f"，是{heading_name(parent)}的第 {number} 项“{heading_name(child)}”"
            lines.append(line)
            citations.append(Citation(section.doc, section.section, section.path[-1]))
            citations += [Citation(section.doc, section.section, q) for q in quotes
                          if q in self.plan.sentences.get(section.section, [])][:1]
        return Answer(question, "policy", "上文引用的原文" + "；".join(lines) + "。\n\n" + compose(citations), citations)

    def beside(self, question: str, path: str) -> Answer | None:
        """The headings beside the one the passage just quoted sits under ("跟它并列的是哪条？" after
        "2.洪涝风险控制线": "1.历史文化保护线"), each cited as the plan's own heading."""
        others = [(p, heading) for p, heading in self.siblings(path) if p != path]
        if not others:
            return None
        section = self.plan.by_path[path]
        parent = " > ".join(section.path[:-1])
        citations = [Citation(self.plan.by_path[p].doc, p, heading) for p, heading in others]
        return Answer(question, "policy", f"与“{heading_name(section)}”同属“{heading_name(self.plan.by_path[parent])}”的还有：\n\n"
                      + compose(citations, numbered=False), citations)

    def pointed_after_section(self, question: str, path: str) -> list[tuple[str, str]]:
        """The list "第一类呢？" points into after `section_of`: the items of the heading the question named
        (the principles, after "编制原则里的哪一条"), else the sentences of the passage's own section."""
        section = self.plan.by_path.get(path)
        if section is None:
            return []
        named = self._named_heading(question, section)
        if named is not None:
            return self.siblings(named[1].section)
        return [(path, sent) for sent in self.plan.sentences.get(path, [])]

    def _named_heading(self, question: str, section: Section) -> tuple[Section, Section] | None:
        """The heading above `section` the question names (编制原则), with its item `section` sits under."""
        chain = [self.plan.by_path.get(" > ".join(section.path[:i])) for i in range(1, len(section.path))] + [section]
        for at, parent in enumerate(chain[:-1]):
            if parent is not None and len(heading_name(parent)) >= 2 and heading_name(parent) in question \
                    and chain[at + 1] is not None:
                return parent, chain[at + 1]
        return None

    def siblings(self, path: str) -> list[tuple[str, str]]:
        """The sub-sections beside the one at `path`, with their headings ("4. 统筹协调，系统衔接"): the list a
        "最后一条呢？" points into after one of them was given."""
        return [(s.section, s.path[-1]) for s in self.plan.level_of(self.plan.by_path[path])] if path in self.plan.by_path else []

    def count_listed(self, question: str, items: Sequence[tuple[str, str]], kind: str = "") -> Answer | None:
        """"一共几个？" right after a list of things: how many the sentence listing them names; with `kind`
        ("点名的部门一共几个"), only a sentence that says the kind (…等部门) counts."""
        found = things_listed(items)
        if found is None or kind[-2:] not in found[2]:
            return None
        things, path, quote = found
        citations = [Citation(self.plan.by_path[path].doc, path, quote)]
        measure = re.search(r"(?:几|多少)([个家处所座类种])", question)  # "一共是几类方式？": 3 类
        # "…、能源等部门": the plan names these and says 等, so more may be meant
        etc = "（原文以“等”收尾，所列未必是全部）" if re.search(re.escape(things[-1]) + r"\s*等", quote) else ""
        return Answer(question, "policy", f"上文列出的共 {len(things)} {measure.group(1) if measure else '个'}："
                      f"{'、'.join(things)}{etc}。\n\n" + compose(citations), citations)

    def last_numbered(self, items: Sequence[tuple[str, str]]) -> int | None:
        """"最后一张呢？" after the first two of the 附图 list: the number of the last entry of the items' one
        passage ("8. 中心城区用地规划布局图（维护后）"), when its entries are numbered; None otherwise."""
        path = _one_passage(items)
        if path is None:
            return None
        numbers = [n for s in self.plan.sentences.get(path, []) if (n := entry_number(s)) is not None]
        return max(numbers) if len(numbers) >= 2 else None

    def _numbered_entry(self, number: int, items: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
        """"第七张呢？" after the fifth of the 附图 list was given: the entry of the items' one passage numbered
        `number` ("7. 中心城区用地规划布局图（维护前）")."""
        path = _one_passage(items)
        if path is None:
            return None
        return next(((path, s) for s in self.plan.sentences.get(path, []) if entry_number(s) == number), None)

    def _series_item(self, number: int, items: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
        """The sentence of the items' one passage that its numbered series ("一是…二是…") numbers `number`."""
        path = _one_passage(items)
        if path is None or number > len(NUMERALS):
            return None
        mark = re.compile(rf"(?:^|[：:；;])\s*(?:{NUMERALS[number - 1]}是|第{NUMERALS[number - 1]}(?![十\d]))")
        return next(((path, sent) for sent in self.plan.sentences.get(path, []) if mark.search(sent)), None)


def _one_passage(items: Sequence[tuple[str, str]]) -> str | None:
    """The one passage every item just given was quoted from, else None."""
    paths = {path for path, _ in items}
    return paths.pop() if len(paths) == 1 else None
