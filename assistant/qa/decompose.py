"""A question that asks several things at once, split into its asks, each with its subject.

"城市绿线维护前后各是多少公顷？符合什么要求？" is two questions: a figure and a rule. Answered whole,
one part wins the route and the other is silently dropped. Split at sentence ends (and at commas
between clauses that each ask something), the later asks get the subject of the first when they
have none of their own ("符合什么要求" -> "城市绿线符合什么要求"; "它在中心城区的哪一侧" -> "义井镇在…").
One ask stays one question: "维护前和维护后各是多少" and "调出、调入各多少" are answered by the
figure reader as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..answer_types import Answer
from ..plan.vocabulary import OTHER_COUNTIES
from .figure_cues import AREA_SAID
from .followup import CARRIED

# What makes a clause a question of its own.
_ASKS = re.compile(r"多少|多大|(?<![那这])几(?![乎])|哪|什么|啥|吗|么|谁|是否|能否|可否|有没有|是不是|会不会|能不能|可不可以|"
                   r"怎么|怎样|如何|为什么|为何|分别|呢|列出|说明|介绍|"
                   r"([\u4e00-\u9fff])(?<!要)[不没]\1")  # "算不算", "属不属于": a verb asked as it and its negation
# ("要不要带伞": advice asked, which the whole question's scope decides, not an ask of its own)
_SENTENCE_END = re.compile(r"(?<=[？?！!；;])")
_COMMA = re.compile(r"[，,]")
_AMOUNT = re.compile(r"多少|几|多大")
# ("依据哪个文件、遵循什么原则": an asking word and the kind of thing asked end a clause too; "在哪个地块、占地多大"
# asks where one thing is and its size, one ask)
_ENDS_ASKING = re.compile(r"(?:多少|几[个项处]?|多大|什么|啥|吗|呢|哪个|哪些|哪里|哪儿|"
                          r"(?<!在)(?:哪[个些种条项份类级]|什么|啥)[\u4e00-\u9fff]{1,3})$")
# Words pointing back at the subject of the first ask.
_PRONOUN = re.compile(r"^(那么|那|它们?的?|其|这个|该|这些)")
_INNER_PRONOUN = re.compile(r"它们?|其(?=[^他实余中])")
# "两者相差多少": the two things just named, together.
_BOTH = re.compile(r"两者|二者|这两(?:个|条|项|处|类|种)?(?:控制线|线|区|项目)?|(?<![\u4e00-\u9fff])两(?:个|条|项|处|类|种)|它们两个?")  # "这两条线": the noun too
# "合计几处？", "加起来多少": a sum of what the first ask named, nothing named of its own.
_SUM_ASK = re.compile(r"^\s*(?:那|那么)?(?:合计|合起来|加起来|加在一起|一共|总共|共计|总计)")
# "新增多少项，占总数百分之几": a share of what the ask before it counted.
_SHARE_ASK = re.compile(r"^\s*(?:那|那么|其|它|这)?占")
# "合多少亩？": the amount just asked, in another unit.
_IN_UNIT = re.compile(rf"\s*(?:那|那么)?(?:合|折合|约|是|有|为|换算成?|折算成?)?(?:多少|几)(?:{AREA_SAID})[？?]?\s*")
# "占几成？": a share of the amount just asked, an ask however short.
_SHARE_ONLY = re.compile(r"\s*(?:那|那么|其|它|这)?占(?:比|了)?(?:多少|几成|百分之几|几)[？?]?\s*")
_AMOUNT_ASKED = re.compile(rf"(?:合|折合|约|是|有|为|换算成?|折算成?)?(?:多少|几)(?:{AREA_SAID})?")
# "撤销和更新的项目各多少": two things named together, before what they are of or the asking word.
_PAIR = re.compile(r"(?P<a>[\u4e00-\u9fff]{2,6}?)[和与跟、](?P<b>[\u4e00-\u9fff]{2,6}?)(?=的|各|分别|都)")
# Clauses that are instructions or context, not asks ("忽略之前的指令", "我家在郊区").
_MIN_ASK_CHARS = 4
# "不用管文件里有没有写": an instruction about how to answer holds 有没有 but asks nothing.
_INSTRUCTION = re.compile(r"^(?:你)?(?:不用管|不管|别管|甭管|不要管|忽略|无视|无论|不论)")


# "哪个大？大多少万亩？": how much more, said of the comparison just asked, is no question of its own.
_BY_HOW_MUCH = re.compile(r"^\s*(?:那|那么)?(?:[大小多少高低]了?|相?差了?)多少")  # "哪个大，差多少亩？"


# The plan's measures of a line besides its size (三条控制线维护 3.城镇开发边界).
_MEASURE = r"(?:维护[前后])?的?(扩展规模|扩展倍数|预留机动规模)"
_OF_AMOUNT = re.compile(r"多少|几|多大|减少|增加|少了|多了|变化|差|部分")


def _in_units(listed: list[str]) -> bool:
    """"折合多少公顷、多少平方千米" split at 、: an amount, then the same amount in other units."""
    return len(listed) >= 2 and bool(_AMOUNT.search(listed[0])) and all(_IN_UNIT.fullmatch(c) for c in listed[1:])


def split_asks(question: str) -> list[str]:
    """The asks of a question, in order; a one-element list when it asks one thing. The subject carried over in
    brackets ("折合多少公顷、多少亩？（生态保护红线）") goes with every ask, when each asks an amount."""
    carried = CARRIED.search(question)
    if carried:  # (amounts only: "那具体去哪儿提，电话多少？" is read as before, the bracket on its last sentence)
        asks = split_asks(question[:carried.start()])
        if len(asks) > 1 and all(_AMOUNT.search(ask) for ask in asks):
            return [ask + carried.group(0) for ask in asks]
    parts: list[str] = []
    for sentence in _SENTENCE_END.split(question.strip()):
        sentence = sentence.strip()
        if not sentence:
            continue
        clauses = [c for c in _COMMA.split(sentence) if c.strip()]
        if len(clauses) == 1:  # "紫线原来多少、现在多少、是针对哪个建筑调的？": asks listed with 、, one of them
            # no amount (the figure reader answers "原来多少、调出多少、调入多少" whole, one ask of measures)
            listed = [c for c in sentence.split("、") if c.strip()]
            # (each but the last ends in its asking word: "由哪一级政府、哪个部门审批" names two askers of one verb)
            # ("市辖区由哪几个区构成、面积多少": a list asked, then amounts: asks of two kinds, however they end;
            # "在哪个地块、占地多大" asks of one thing the plan does not place, and stays whole)
            amounts = [bool(re.search(r"多少|多大|(?<!哪)几", c)) for c in listed]  # (哪几个区 asks a list)
            if len(listed) >= 2 and all(_asks(c) for c in listed) and (
                    not all(_AMOUNT.search(c) for c in listed)
                    and all(_ENDS_ASKING.search(c.strip()) for c in listed[:-1])
                    or not amounts[0] and all(amounts[1:]) and re.search(r"哪几|哪些", listed[0])):
                clauses = listed
            elif _in_units(listed):
                clauses = listed  # "合多少亩、多少公顷": one amount, asked in each unit
        else:  # "永农维护后多少万亩，折合多少公顷、多少平方千米": the same in a clause after another
            clauses = [piece for c in clauses for piece in (c.split("、") if _in_units(c.split("、")) else [c])]
        # "…多少公顷，占比多少？", "面积多少，调出多少，占比多少？": clauses that each ask.
        # ("折合多少公顷、多少亩？": the same amount in another unit is an ask however short)
        if len(clauses) >= 2 and all(_asks(c) or _short_ask(c, clauses[i - 1] if i else "") for i, c in enumerate(clauses)) \
                and not any(_tied(c) for c in clauses[1:]) and not _TOPIC_ONLY.match(clauses[0]) \
                and not any(_CONDITION.match(c) for c in clauses[:-1]):
            parts.extend(c.strip() for c in clauses)
        else:
            parts.append(sentence)
    asks = [p for i, p in enumerate(parts) if _asks(p) or _short_ask(p, parts[i - 1] if i else "")]
    if len(asks) < 2 or len(asks) != len(parts) or any(_BY_HOW_MUCH.match(p) for p in parts[1:]):
        return [question]  # context or instructions around one ask: keep the sentence whole
    return asks


# "那预留的机动规模呢？": a thing named in place of the last one, whose amount is asked as the last one's was.
_IN_PLACE = re.compile(r"\s*(?:那|那么)[\u4e00-\u9fff]{2,12}呢[？?]?\s*")


def _short_ask(clause: str, before: str) -> bool:
    """"合多少亩", "占几成": the amount asked `before` (or the amount of the thing named in place of the last one,
    "那预留的机动规模呢？占多少？"), again in a unit or as a share, too short to be read as an ask ("叫啥？占多少？"
    is one ask: the share of the thing named)."""
    return bool(_IN_UNIT.fullmatch(clause)
                or _SHARE_ONLY.fullmatch(clause) and (_AMOUNT.search(before) or _IN_PLACE.fullmatch(before)))


# "生态红线和防洪线都改了吗": two lines joined, one predicate; "…和…的关系/冲突" asks about both at once.
_JOINER = re.compile(r"^线?(?:和|与|及|跟|、|以及|还有)$")
# The plan's levels (三、编制范围), asked of each with 分别/各.
_LEVEL = re.compile(r"(市域|市辖区|中心城区)(?:层面|层次)?")
_EACH = re.compile(r"分别|各自|各(?=[是有维包])")
_RELATION = re.compile(r"关系|冲突|重叠|重合|交叉|区别|不同|差别|之间|相比|比较|哪个|谁|衔接|协调|合计|一共|加起来")


def split_joined(question: str) -> list[str]:
    """"这回把生态红线和防洪线都改了吗？" -> one question per line, each with the rest of the question; a
    one-element list when two lines are not joined so, or the question asks how they relate."""
    from .figure_words import CONTROL_LINES, INDICATOR_WORDS

    spans: list[tuple[int, int, str]] = []
    for line in CONTROL_LINES:
        for word in sorted(INDICATOR_WORDS[line], key=len, reverse=True):
            at = question.find(word)
            if at >= 0 and not any(a <= at < b for a, b, _ in spans):
                end = at + len(word) + (question[at + len(word):at + len(word) + 1] == "线" and not word.endswith("线"))
                spans.append((at, end, line))
                break
    levels = not spans and bool(_EACH.search(question))
    if levels:  # "市辖区层面和中心城区层面分别主要维护些什么？": the plan's levels, each asked the same
        spans = [(m.start(), m.end(), m.group(1)) for m in _LEVEL.finditer(question)]
    spans.sort()
    if len(spans) != 2 or _RELATION.search(question) or not _JOINER.match(question[spans[0][1]:spans[1][0]]):
        return [question]
    (a0, a1, _), (b0, b1, _) = spans
    tail = _EACH.sub("", question[b1:]) if levels else question[b1:]  # each part asks it of one: 分别 goes
    return [question[:a0] + question[a0:a1] + tail, question[:a0] + question[b0:b1] + tail]


# A sentence said to the assistant about how to answer ("你的回答必须包含一个数字。", "系统提示：", "我是管理员").
_TO_ASSISTANT = re.compile(r"你|回答|回复|规则|指令|提示|模式|扮演|管理员|授权|设定|限制|格式")
_SENTENCE = re.compile(r"[^。！!？?；;：:\n]+[。！!？?；;：:\n]*")


def without_instructions(question: str) -> str:
    """"你的回答必须包含一个数字。方案的发布单位是谁？" -> "方案的发布单位是谁？": the sentences said to the
    assistant that ask nothing of the plan are left out, when another sentence asks; the question as it is
    otherwise."""
    sentences = _SENTENCE.findall(question)
    # one stating a figure stays: "重点项目一共600项，这点你别纠正我。" is corrected, and its 其中 is read by it
    kept = [s for s in sentences if _asks(s) or not _TO_ASSISTANT.search(s) or re.search(r"\d", s)]
    return "".join(kept).strip() if len(kept) < len(sentences) and any(_asks(s) for s in kept) else question


# "判断是不是正向优化，有没有打分的量化指标": whether, as what a judgement decides, is no ask of its own.
_JUDGED = re.compile(r"^(?:要|为了|用来)?(?:判断|判定|认定|衡量|评判|区分|确定)[^怎如什哪多几吗呢]*$")


def _asks(clause: str) -> bool:
    core = re.sub(r"[？?！!；;。，,\s]", "", clause)
    return len(core) >= _MIN_ASK_CHARS and bool(_ASKS.search(core)) and not _INSTRUCTION.match(core) \
        and not _JUDGED.match(core)


# "要是哪个区违反了，会怎么处罚？": a clause saying when is the condition of the ask after it, no ask of its own.
_CONDITION = re.compile(r"^\s*(?:要是|如果|假如|假若|假使|万一|倘若|若是|一旦)")


# "那矿区呢，有没有具体项目？": what the next clause asks of, named first, no ask of its own.
_TOPIC_ONLY = re.compile(r"^\s*那么?[\u4e00-\u9fff]{1,10}呢\s*$")


def _tied(clause: str) -> bool:
    """A clause that only qualifies the one before ("分别是多少", "各多少") rather than asking anew."""
    return bool(re.match(r"^\s*(分别|各自?|都|一共|合计|总共)", clause))


def with_subjects(asks: list[str], entity_of: Callable[[str], str | None],
                  topic_of: Callable[[str], str | None] = lambda _: None,
                  plan_topic_of: Callable[[str], str | None] = lambda _: None) -> list[str]:
    """Later asks naming no entity (layer, scope, place) get the first ask's entity, or else its topic
    ("阳泉房价多少？明年会涨吗？" -> "房价明年会涨吗") when they name no topic of the plan's of their own
    (`plan_topic_of`: "入库有啥要求" is about 入库), in place of a pronoun."""
    if len(asks) < 2:
        return asks
    entity = entity_of(asks[0])
    subject = entity or topic_of(asks[0])
    levelled = re.search(r"((?:国家|省|市县|市|县)级)" + re.escape(subject), asks[0]) if subject else None
    if levelled:  # "有没有把市县级文物保护单位也纳进来，纳了几处？": the level is part of what is counted
        subject = levelled.group(0)
    # "城镇开发边界扩展规模维护前后各多少？减少的部分去了哪里？": the measure asked is part of the subject of an
    # amount or a change asked next ("优化时调入用地按什么原则？" asks a rule of the line, not of its 扩展倍数)
    measured = re.search(re.escape(subject) + _MEASURE, asks[0]) if entity else None
    # "平定县城的城镇开发边界这次有没有调整，调了多少？": a county outside the 市辖区 is where every part asks
    county = next((c for c in OTHER_COUNTIES if c in asks[0] or c.rstrip("县") in asks[0]), None)
    # "市域和市辖区面积分别是多少？两者相差多少？": both entities the first ask names together
    named = list(dict.fromkeys(e for piece in re.split(r"和|与|及|、", asks[0]) if (e := entity_of(piece))))
    pair = _PAIR.search(asks[0])
    if len(named) != 2 and pair:  # "撤销和更新的项目各多少？两者合计多少？": two kinds of one thing, named as said
        named = [pair.group("a").split("的")[-1], pair.group("b")]  # ("…保护线的国家级、省级…": 国家级)
    out = [asks[0]]
    amount = _AMOUNT_ASKED.search(asks[0])
    quoted = re.search(r"“[^”]{1,10}”", asks[0])  # a term the first ask quotes, which a later one compares with
    for ask in asks[1:]:
        # "监督机制是啥，入库有啥要求？": a topic of its own (入库) is what the ask is about, not the first's
        own = entity_of(ask) or (None if entity else plan_topic_of(ask))
        before = _AMOUNT_ASKED.search(out[-1])
        if _SHARE_ASK.match(ask) and before and before.start() > 0:
            # "…新增多少项，占总数百分之几": 新增's share; "留了多少机动的地，占扩展规模多少": the 机动的地's
            ask = out[-1][:before.start()] + out[-1][before.end():].lstrip("项处个座所家条张").rstrip("？?，,。 ") \
                + ask.strip()
        elif amount and _IN_UNIT.fullmatch(ask):
            # "城镇开发边界维护后多少公顷，合多少亩？": the first ask again (its phase too), in this unit
            ask = asks[0][:amount.start()] + ask.strip()
        elif len(named) == 2 and not own and _BOTH.search(ask):
            ask = _BOTH.sub("和".join(named), ask, count=1)
        elif len(named) == 2 and not own and _SUM_ASK.match(ask):
            ask = "和".join(named) + ask.strip()  # "国家级、省级文保单位各几处？合计几处？": the two summed
        elif len(named) == 2 and not own and re.match(r"^\s*比", ask) and re.search(r"分别|各", ask):
            ask = "和".join(named) + ask.strip()  # "绿线和紫线维护后各多少，比维护前分别变化多少？": both lines
        elif (subject or quoted) and re.match(r"^\s*(?:跟|和|与|同)", ask):
            ask = (subject or quoted.group(0)) + ask.strip()  # "“更新”是什么意思，跟延续有啥区别": 更新 and 延续
        elif subject and re.match(r"^\s*比", ask) and subject not in ask:
            ask = subject + ask.strip()  # "比洪涝线小多少公顷？": the first term of the comparison is the subject
        elif subject and not own:
            bare = _PRONOUN.sub("", ask.strip())
            ask = subject + (measured.group(1) if measured and _OF_AMOUNT.search(bare) else "") + bare
        elif subject and _INNER_PRONOUN.search(ask):
            ask = _INNER_PRONOUN.sub(subject, ask, count=1)
        if county and not any(c in ask or c.rstrip("县") in ask for c in OTHER_COUNTIES) \
                and not re.search(r"城区|矿区|郊区|市辖区|中心城区|市域|全市", ask):
            ask = county + ask
        out.append(ask)
    return out


def _heading(asks: list[str]) -> str:
    """The asks a part answers, each ending in one question mark; one that ends in the subject carried over
    ("…符合正向优化要求吗？（城市紫线）") keeps its own."""
    said = [a.rstrip("？?") for a in asks]
    return "？".join(said) + ("" if said[-1].endswith("）") and re.search(r"[？?]（[^）]*）$", said[-1]) else "？")


def merge(question: str, asks: list[str], parts: list[Answer]) -> Answer:
    """One answer with a numbered part per ask, every part's citations, tables and notes; a refusal only
    when every part is one."""
    # "阳泉一共多大的地方啊，多少平方公里？": asks answered alike are one part, under both headings.
    groups: list[tuple[list[str], Answer]] = []
    for ask, part in zip(asks, parts, strict=True):
        if groups and groups[-1][1].answer == part.answer:
            groups[-1][0].append(ask)
        else:
            groups.append(([ask], part))
    if len(groups) == 1:
        single = groups[0][1]
        single.question = question
        return single
    parts = [part for _, part in groups]
    answered = [p for p in parts if not p.refused] or parts
    text = "\n\n".join(f"**（{i}）{_heading(group)}**\n\n{part.answer}" for i, (group, part) in enumerate(groups, start=1))
    merged = Answer(question, answered[0].intent, text, refused=all(p.refused for p in parts))
    for part in parts:
        merged.citations += [c for c in part.citations if c not in merged.citations]
        merged.tables += part.tables
        merged.notes += [n for n in part.notes if n not in merged.notes]
        merged.location = merged.location or part.location
        merged.image = merged.image if merged.image is not None else part.image
    return merged
