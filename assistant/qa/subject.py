"""What a question is about: a line it describes in everyday words, its subject (a line, a level, a place)
or its topic, and the subject it carries over from the turn before when it has none of its own."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..plan.vocabulary import COLOUR_LINE, COUNTIES, find_layer
from . import elsewhere, followup, scope, scope_fit, swaps
from .asked_things import shared_run
from .expand import described_phrase
from .figure_cues import EACH_CHANGE, ONE_AGAINST_OTHER
from .figure_words import CONTROL_LINES, INDICATOR_WORDS
from .policy_answer import asks_extent
from .route import Route
from .terms import PLANNING_TERMS

# A change asked of something ("变少了", "扩了还是缩了", "调走了…补回来"): the cue to read which line it is.
_ASKS_CHANGE = re.compile(r"变|扩|缩|增|减|少了|多了|补回|调走|调出去|挪|动了|改了|占了")
# "被淹的那些地方画的那条线", "保护老房子的那圈线": a line is described (not "哪几条线", which asks for lines).
DESCRIBES_LINE = re.compile(r"(?:那|这|的)(?:条|根|道|圈)?线")
# "种粮食的红线", "保护老建筑的那条线": a line said by what it is for.
_FOR_LINE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:的(?:那|这)?|那|这)(?:条|根|道)?红线")
# "保护山水的那条红线": the line a description ends in, which says nothing of which line it is.
_LINE_NOUN = re.compile(r"的?(?:那|这)?(?:条|根|道|圈)?(?:红|控制|保护)?线$")


def _read_as(layers: str) -> str:
    """How a description was read: as one line, or as either of two ("城市紫线、历史文化保护线"), both answered."""
    one, _, other = layers.partition("、")
    return f"按方案用语可理解为“{one}”或“{other}”，两者都列出。" if other else f"按方案用语理解为“{one}”。"


# A second line's gloss this close to the best line's (USE cosine) is as much what a description says, when the
# two lines' definitions share a run this long (城市紫线 and 历史文化保护线: 历史文化街区, 6; any other two: 4 at most):
# "老房子保护的范围" (0.824 against 0.769) is either line's to a citizen.
GLOSS_TIE = 0.1
# How like one of a line's questions (glosses.jsonl "questions", USE cosine) a question describing land must be to be
# read as about that line, when like none of its glosses ("…城里能盖房的范围到底多大？" 0.78).
ASKED_FLOOR = 0.75
KIN_RUN = 5
_TOWN = re.compile(r"[\u4e00-\u9fff]{2}(?<![城])(?:镇|乡(?![村镇]))")
# The size of land asked ("面积多少", "有多大", "多少亩"), not a count ("有多少处").
_ASKS_SIZE = re.compile(r"面积|多大|规模|(?:多少|几)(?:万?亩|公顷|平方)")
# A change of land or of its size ("公园绿地变少了吗"), not of anything ("会不会增加消防力量").
_OF_LAND = re.compile(r"地|线|田|林|绿|范围|区域|面积|多大|公顷|亩|片|圈|边界")


# "这两条线", "它俩", "二者": the two things just spoken of.
# "它们的规模分别是？", "维护后各是多少？": each of the things the last answer gave together.
_THEM = re.compile(r"它们|分别|各自|各是|各有|两者|二者|这几条|这些线")
# "另外两条调完后各是多少？": the others of a list, not the things the last answer gave
_OTHER_ONES = re.compile(r"另外|其他|其余|剩下|别的")
# "前者为啥增加？": the first of two lines a question named; "后者", the second.
_FORMER = re.compile(r"前者|后者")
_THE_TWO = re.compile(r"[这那](?:两|俩)(?:条|个|根|道)?(?:线|控制线)?|它俩|它们俩|两者|二者|^两条(?:线)?")
# A size asked of a level of the plan ("中心城区总面积多大") is what is asked of it, not a subject.
# A rule or a way of doing asked ("调的时候有啥规矩没有？", "按什么原则"), never a figure.
# (also "有对应的图吗？": the line's own map among the 附图)
_ASKS_RULE = re.compile(r"规矩|规则|原则|要求|条件|标准|依据|怎么调|如何调|怎么管|怎么办|的?图(?:吗|么|没|呢|[？?]|$)")
# "怎么分类的，各多少？" after a count: how the things counted are grouped, asked of them.
_ASKS_KINDS = re.compile(r"分类|分成?(?:几|哪几|哪些)[类种个]|(?:怎么|如何|怎样)分|(?:哪几|哪些)类")
_SIZE_WORD = re.compile(r"总?(?:国土)?面积|规模|数量|总数|总量|大小|倍数|比例|占比|比重")


# What is asked of a thing, not a thing: "按什么标准", "有啥要求", "什么原则", "啥机制".
_ASKED_OF = frozenset({"标准", "要求", "原则", "机制", "规定", "措施", "方式", "办法", "程序", "流程", "目的", "作用"})


def _plans_own_term(said: str, corpus_text: str) -> bool:
    """The words a change is asked of ("服务范围" in "服务范围有变化吗") are the plan's own, three characters or more."""
    import jieba.posseg

    said = re.sub(r"^(?:那么?|这个|它的?|其)|(?:有没有|有无|是否|会不会|有)$|的$", "", said.strip())
    last = list(jieba.posseg.cut(said))[-1:] if said else []
    # (a noun ends it: "调入新" of "调入新增城镇用地要遵循啥" is no term)
    return len(said) >= 3 and said in corpus_text and bool(last) and last[0].flag.startswith("n")


def _lines_named(text: str) -> list[str]:
    """The lines a text names, in the order it names them ("历史文化保护线和洪涝风险控制线" -> both, in that order)."""
    found, rest = [], text
    while (layer := find_layer(rest)) is not None and len(found) < 4:
        at = rest.find(layer[1])
        found.append((at, layer[0]))
        rest = rest[:at] + "　" * len(layer[1]) + rest[at + len(layer[1]):]
    return list(dict.fromkeys(line for _, line in sorted(found)))

class Subjects:
    """Reads subjects with the plan's text (`text.covered`, `corpus_text`), its places, the router and, when
    an embedding model is loaded, the described-line matcher and the glosses."""

    def __init__(self, corpus_text: str, text, place_names: list[str], route: Callable[[str], Route],
                 described_layer=None, glosses=None):
        self.corpus_text = corpus_text
        self.text = text
        self.place_names = place_names
        self.route = route
        self.described_layer = described_layer
        self.glosses = glosses

    def described_line(self, question: str) -> tuple[str, str | None]:
        """"家门口的公园绿地变少了吗", "大雨就淹的那条线多大": a change asked of a line described, not named,
        or a line described outright, gets the line's name (in brackets) and a note saying how it was read.
        A town the plan names ("我住在河底镇，算不算主城的范围") is where the plan's own passage is, not a line."""
        if any(town in self.corpus_text for town in _TOWN.findall(question)):
            return question, None
        for line in elsewhere.unnamed_lines(question, self.corpus_text) if self.described_layer is not None else ():
            # "种粮红线、生态红线、城边界这三条": a red line the plan never names, said by what it is for (种粮,
            # read without the line word, which says nothing of which line it is), is the plan's line like it
            said = COLOUR_LINE.sub("", line)
            layer = len(said) >= 2 and ((self._glossed_line(said) if self.glosses is not None else None)
                                        or self.described_layer.layer(said)
                                        or (self.described_layer.red_line(said) if line.endswith("红线") else None))
            if layer:
                return question.replace(line, layer), f"问题中的“{line}”{_read_as(layer)}"
        phrase = described_phrase(question) or next(
            (found.group(1) for found in _FOR_LINE.finditer(question) if found.group(1) not in self.corpus_text), None)
        if phrase is None:  # "这种好田多了还是少了": a word the plan never uses, ending as one line's name ends (田)
            import jieba

            phrase = next((w for w in jieba.lcut(question) if len(w) >= 2 and headed_line(w)
                           and not scope.present(w, self.corpus_text)), None)
        if phrase is None and self.described_layer is not None and _ASKS_SIZE.search(question):
            # "公园绿化带的面积现在是多少": a noun the plan never uses, whose size is asked, that one line's
            # definition is clearly like (绿化带 -> 城市绿线; 养老院, 市中心 are like none)
            phrase = next((n for n in scope.content_nouns(question) if not scope.present(n, self.corpus_text)
                           and self.described_layer.layer(n)), None)
        cued = bool(_ASKS_CHANGE.search(question) and _OF_LAND.search(question) or DESCRIBES_LINE.search(question))
        change = _ASKS_CHANGE.search(question)
        if cued and phrase is None and change and _plans_own_term(question[:change.start()], self.corpus_text):
            return question, None  # "服务范围有变化吗？": the plan's own words (服务范围不改变), no line described
        # "种庄稼的地方和盖楼的地方分区有变化没？": the plan's zones (规划分区) are named, not a line described.
        if self.described_layer is None or find_layer(question) or not (phrase or cued) or "分区" in question:
            return question, None
        from .figure_query import parse

        # A scope's own area ("市辖区…总共多大") is no subject when a piece of land is described in it.
        # ("全市土地面积多少": a word of the scope's own area, 土地面积, is no land described)
        named = [i for i in parse(question).indicators if not (phrase and i in ("国土面积", "中心城区面积"))
                 or any(phrase in w and w in question for w in INDICATOR_WORDS["国土面积"])]
        if named or self.route(question).intent not in ("text", "figure"):
            return question, None  # it names what it is about: a figure or a zone class
        # The description alone ("种粮食、不许乱占的地") is compared first: the rest of the question
        # ("这次动了没？有多大面积") is the same whichever line it is about. A question naming a scope or
        # place is only read by its description.
        layer = headed_line(phrase) if phrase else None
        if layer is None and phrase and self.glosses is not None:
            layer = self._glossed_line(phrase)
        if layer is None and phrase:
            layer = self.described_layer.layer(phrase)
        if layer is None and phrase and _LINE_NOUN.search(phrase):
            layer = self.described_layer.layer(_LINE_NOUN.sub("", phrase))  # "保护山水的那条红线": what it is for
        if layer is None and phrase and _FOR_LINE.search(question):  # ("种地那条红线": one of the three, if any)
            layer = self.described_layer.red_line(_LINE_NOUN.sub("", phrase))
        if layer is None and cued and not self.subject_of(question):
            layer = self.described_layer.layer(question)
        if layer is None and self.glosses is not None:
            # ("原先城边能盖房的那个圈多大？": as like one of a line's questions as it gets, though like no gloss)
            layer = self._glossed_line(question) or self._glossed_line(question, asked_floor=ASKED_FLOOR)
        # "种粮的保护田这回是多了还是少了，变了多少？": the clause describing the land, without the asks after it, when
        # a change of it is asked (a place named in the clause, "保护南山宾馆…的那圈线", is read by the place's passage)
        clause = _clause_of(question, _OF_LAND) if layer is None and _ASKS_CHANGE.search(question) else None
        if clause and self.glosses is not None:
            layer = self._glossed_line(clause)
        if layer is None:
            return question, None
        if phrase and phrase in question and ONE_AGAINST_OTHER.search(question) and not EACH_CHANGE.search(question):
            # "跟城里能盖房的边界比哪个大？" after 洪涝风险控制线: the line described is the one compared with
            return question.replace(phrase, layer), f"问题中的“{phrase}”{_read_as(layer)}"
        return f"{question}（{layer}）", f"问题中描述的范围{_read_as(layer)}"

    def line_of_class(self, term: str) -> str | None:
        """"公园绿地": a class of the layers the plan never names, read by the described-line matcher as one of
        the plan's lines (城市绿线); None for a class the plan names (乡村发展区 is its own topic) or none read."""
        if self.described_layer is None or scope.present(term, self.corpus_text):
            return None
        return self.described_layer.layer(term)

    def _glossed_line(self, text: str, asked_floor: float | None = None) -> str | None:
        """The line whose sentence the best-matching gloss says in everyday words ("能盖楼的那个圈" is a gloss
        of the 城镇开发边界 sentence), when that sentence's section is about one line."""
        from ..plan.glossary import DEFINITIONS

        lines = []
        # (`asked_floor`: the glosses' questions too, at that floor)
        matched = self.glosses.match(text, floor=asked_floor, asks=True) if asked_floor \
            else self.glosses.match(text, asks=False)
        for gloss, score in matched:
            found = find_layer(gloss.section)
            line = found[0] if found and found[0] in DEFINITIONS else None
            if not lines:
                if line is None:
                    return None
                lines.append((line, score))
            elif line is not None and line != lines[0][0]:
                # ("保护老古董老建筑的范围": as like 城市紫线's sentence as 历史文化保护线's, lines whose definitions
                # name the same things, 历史文化街区) the description fits both, and both are answered
                if lines[0][1] - score <= GLOSS_TIE \
                        and shared_run(DEFINITIONS[line][0], DEFINITIONS[lines[0][0]][0]) >= KIN_RUN:
                    lines.append((line, score))
                break
        return "、".join(line for line, _ in lines) or None

    def subject_of(self, ask: str) -> str | None:
        """What an ask is about: a layer, a scope (中心城区, 市辖区) or a place, as worded; None if none."""
        layer = find_layer(ask)
        if layer:
            return layer[1]
        scope_word = next((w for w in ("中心城区", "市辖区", "市域", "全市", *COUNTIES) if w in ask), None)
        if scope_word:
            return scope_word
        return next((p for p in sorted(self.place_names, key=len, reverse=True) if p and p in ask), None)

    def topic_of(self, ask: str) -> str | None:
        """The first thing an ask is about when it names no layer, scope or place (房价, 文号); a line the plan
        does not draw comes first ("城市蓝线和黄线有没有调整，调了多少": 蓝线, not 城市)."""
        return next(iter(elsewhere.unnamed_lines(ask, self.corpus_text)), None) or next(iter(scope.content_nouns(ask)), None)

    def plan_topic_of(self, ask: str) -> str | None:
        """The first thing an ask is about that the plan speaks of (入库), not a word of asking (能列) or what is
        asked of a thing ("按什么标准": the standard of the thing the question before named)."""
        return next((n for n in scope.content_nouns(ask) if n not in _ASKED_OF and scope.present(n, self.corpus_text)),
                    None)

    def carried(self, question: str, context: dict[str, Any]) -> str:
        """"它的范围到哪儿？", "调出调入分别是多少？": a pronoun or a question without a subject of its own
        is about the subject of the turn before; that subject is added in brackets (and carried on)."""
        said = followup.without_carried(question)
        former = _FORMER.search(said)
        two = next((named[:2] for asked in reversed(context.get("questions") or []) if len(named := _lines_named(asked)) >= 2),
                   []) if former else []
        # ("前者面积是多少？" after "…哪一条以及另外哪条…不涉及调整" named no line: the two lines the answer gave,
        # in the plan's order, which the answer's need not keep; kept for "后者呢？" next, when the group is gone)
        group = list(context.get("group") or [])
        two = two or (sorted(group, key=CONTROL_LINES.index) if former and len(group) == 2
                      and set(group) <= set(CONTROL_LINES) else []) or (list(context.get("pair") or []) if former else [])
        if former and len(two) == 2:
            context["pair"] = two
            if not find_layer(said):
                # "前者为啥增加？" after "历史文化保护线和洪涝风险控制线，哪个这次调了？": the first of the two a
                # question named in that order, whatever the rewrite carried (an answer's order is not the asker's)
                line = two[0] if former.group(0) == "前者" else two[1]
                context["subject"] = [line]
                return f"{said}（{line}）"
        bracket = followup.CARRIED.search(question)
        if bracket and find_layer(bracket.group(1)):
            # "它主要管啥（历史文化保护线）": rewritten from the last turn, the line already named (a note the
            # asker put in brackets, "（保留两位小数）", is no subject)
            context["subject"] = bracket.group(1).split("、")
            return question
        layer = find_layer(question)
        if not layer and _THE_TWO.search(question):
            # "这两条线的调整符合正向优化要求吗？" after 城市紫线 and then 城市绿线: both
            two = list(dict.fromkeys(reversed(context.get("lines") or [])))[:2]
            if len(two) == 2:
                context["subject"] = two[::-1]
                return f"{question}（{'、'.join(two[::-1])}）"
        group = context.get("group") or []
        # ("两条线维护后加起来多少公顷？" after "城市重要控制线维护包括哪两条": the two the last answer gave)
        if not layer and 2 <= len(group) and (_THEM.search(question) or len(group) == 2 and _THE_TWO.search(question)) \
                and not _OTHER_ONES.search(question):
            # "维护后分别多少？" after "城市重要控制线维护了哪两条": each line the last answer gave
            context["subject"] = list(group)
            return f"{question}（{'、'.join(group)}）"
        own = [n for n in scope.content_nouns(question) if scope.present(n, self.corpus_text)]
        if layer:
            own.insert(0, layer[1])
        # A level of the plan or a district ("中心城区总面积多大", "那矿区自己的面积") is a subject whole, not
        # jieba's 中心 + 城区, and the question is not elliptic: "这个层次" after it points back to it.
        level = next((w for w in swaps.SCOPES if w in question), None)
        previous = context.get("subject") or []
        figure = context.get("figure") if context.get("last_intent") == "figure" else None
        if figure and level and re.search(rf"占(?:整个|全)?{level}", question):
            return question  # "占市辖区的比例呢？": a share of the last figure, of the level's area
        if level and re.search(rf"占(?:整个|全)?{level}", question):
            # "它的面积占全市的比例是多少？" after 中心城区: the whole a share is of is not what the question asks of
            level = next((w for w in swaps.SCOPES if w in question.replace(level, "")), None)
        if level:  # its size ("总面积") is what was asked of it, not a subject to carry on
            own = [level, *(n for n in own if n not in level and not _SIZE_WORD.fullmatch(n))]
            # a level's own size (国土面积) is no subject another level carries: "那市域主要维护啥"
            # (a subject of the level's own, 中心城区用地 after 中心城区, is no other subject either)
            # ("全市总数是多少？" after "中心城区范围内有多少个…": 中心城区范围 is the level it replaces)
            carried = [p for p in previous if not any(w in p for w in swaps.SCOPES) and p not in question
                       and not _SIZE_WORD.fullmatch(p) and not p.startswith(level)]
            # "盂县这次调了吗？" after 生态保护红线: the line, of this place; but "中心城区最南边到哪里" asks the
            # place's own bounds, and "中心城区比市辖区小多少" two levels, one against the other
            # "全市有多大？" after a line's passage: the level's own size, said right after it
            own_size = re.search(rf"{level}(?:的)?(?:国土)?总?(?:面积|有多大|多大|大小)", question)
            if len(own) == 1 and carried and not asks_extent(question) and len(swaps.scopes_named(question)) == 1 \
                    and not own_size:
                context["subject"] = [level, *carried]
                return f"{question}（{'、'.join(carried)}）"
        # After a figure answer the figure context resolves "差了多少？" itself; a subject would only blur it,
        # also when a pronoun names a measure of that figure ("其中省级的呢？" after the sites counted).
        if figure and not own:
            from .figure_query import asks_amount, parse

            if parse(question, figure["indicators"]).measures != [""]:
                return question
            lines = [i for i in figure["indicators"] if find_layer(i)]
            if lines and (not asks_amount(question) and _ASKS_RULE.search(question) or _ASKS_KINDS.search(question)):
                return f"{question}（{'、'.join(lines)}）"  # "调的时候有啥规矩没有？": the rules of that line
        # "保护线现在总面积多大？" after 历史文化保护线: a line said short, the subject's own name ending in it.
        if previous and not layer and not any(p in question for p in previous) \
                and any(p[-k:] in question for p in previous if find_layer(p) for k in range(3, len(p))):
            context["subject"] = previous
            return f"{question}（{'、'.join(previous)}）"
        # "今天天气怎么样" after a plan question is no ellipsis: it has a topic, one the plan never speaks of.
        # "监督上有什么机制保障？" after a refusal: the subject two turns back is far, and a word the plan uses
        # rarely (监督, though jieba tags it no noun) is a topic of the question's own.
        # "总面积多少？" after 中心城区's bounds: a size is asked of the subject, it is none of its own
        elliptic = not [n for n in own if not _SIZE_WORD.fullmatch(n)] and (context.get("last_intent") != "figure" or bool(scope_fit.ASKS_REASON.search(question))) \
            and not scope.idle_talk(question, self.text.covered) \
            and not (context.get("last_intent") == "out_of_scope" and self.text.own_topic(question)
                     and not _measures_only(question)) \
            and not self.text.names_new_term(question, context.get("quotes") or []) \
            and not followup.asks_of_whole(question)
        pointed = followup.has_pronoun(question) and not (layer and followup.named_before_pronoun(question, layer[1]))
        # (a place carried is never put beside the level the question names: "回到市域层面那个清单" after 平定县)
        if level:
            previous = [p for p in previous if p not in swaps.SCOPES]
        # ("另一条呢？" after "其中哪条调整了" gave one: not that one, the other; nothing is carried)
        # ("城里绿地是多了还是少了？" after 生态保护红线: a line described is the question's own subject)
        # ("这个方案主要是谁编的？" after 紫线: the pronoun points at the document, not the line)
        document = not layer and bool(_THE_DOCUMENT.search(question)) \
            and not followup.has_pronoun(_THE_DOCUMENT.sub("", question))
        if previous and (pointed or elliptic) and not document and not any(p in question for p in previous) \
                and not re.search(r"另一|另外一", followup.without_carried(question)) \
                and (pointed or self.described_line(question)[1] is None):
            context["subject"] = previous
            return f"{question}（{'、'.join(previous)}）"
        # "调整后功能受影响吗？" after 城市绿线's figures: every noun of the question is a common word (no term of
        # the plan's, as 文物保护单位 is) in what was just quoted of that line (…功能不降低…), so the question is
        # about the line
        said = context.get("quotes") or []
        # (a level named, "全市有多大", is a subject of its own, though the quote said 全市 too)
        if previous and own and not layer and not level and any(find_layer(p) for p in previous) \
                and not any(n in term for n in own for term in PLANNING_TERMS) \
                and all(any(n in q for q in said) for n in own) and not any(p in question for p in previous):
            context["subject"] = previous
            return f"{question}（{'、'.join(previous)}）"
        if own:  # "生态保护红线", not also jieba's pieces of it (生态, 红线) nor the measure asked (倍数)
            context["subject"] = [n for n in dict.fromkeys(own) if not _SIZE_WORD.fullmatch(n)
                                  and not any(n != o and n in o for o in own)] or own[:1]
            if not layer and any(n in previous for n in own):
                # "校正前后位置偏了多少米？" after 紫线's 精准校正: the same topic, still of the line it was of
                lines = [p for p in previous if find_layer(p)]
                context["subject"] = [*lines, *(n for n in context["subject"] if n not in lines)]
        return question


# The document itself, pointed at ("这个方案", "这版"): no subject of the turn before.
_THE_DOCUMENT = re.compile(r"(?:这个|这份|这一?|该|本)(?:方案|版)")


def _measures_only(question: str) -> bool:
    """"调出调入一共涉及多少平方米？": measures of a line asked (调出, 调入, 扩展规模), and no line: of the line before."""
    from .figure_query import parse

    query = parse(question)
    return not query.indicators and any(query.measures)


# Characters every line's description may end in (线, 地, 区, 界, 圈): they name no one line.
_ANY_LINE = frozenset("线地区界圈片块带的")


def _clause_of(question: str, pattern: re.Pattern[str]) -> str | None:
    """The clause (between commas) where `pattern` is first found, when the question has other clauses."""
    clauses = [c for c in re.split(r"[，,；;]", question) if c.strip()]
    found = next((c for c in clauses if pattern.search(c)), None)
    return found if len(clauses) > 1 else None


def headed_line(phrase: str) -> str | None:
    """"受严格保护、不许占的好田" -> 永久基本农田: the thing a description ends in (田), when one line's name, and no
    other's, ends in it too; whatever the words before it say (严格保护 is said of every line)."""
    head = phrase.rstrip("呢吗啊呀？?，,。 ")[-1:]
    if not head or head in _ANY_LINE:
        return None
    lines = [line for line in CONTROL_LINES if line.endswith(head)]
    return lines[0] if len(lines) == 1 else None
