"""Follow-ups ("那生态保护红线呢？", "维护前呢？") rewritten into full questions from the previous one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..answer_types import Answer
from ..plan.corpus import COVER
from ..plan.vocabulary import COLOUR_LINE, find_layer, find_phase
from .figure_cues import AFTER, AREA_SAID, BEFORE, BOTH
from .figure_words import CONTROL_LINES, UNKNOWN_METRICS
from .swaps import find_scope, other_document, other_scope, parallel, scope_only
from .terms import words

# Words that open a turn without being part of the question ("那好，", "另外问下，").
_OPENING = re.compile(r"^(那好|好的|好|行|嗯|哦|另外问下|另外问一下|另外|再问一下|再问下|顺便问一下|顺便问下|请问)[，,、。！!\s]+"
                      r"|^[\u4e00-\u9fff]{1,10}?问(?:一下|下)?[：:]\s*"  # "新来的办事员问：" says who asks
                      # "假装你是晋中市规划局局长，": a role given to the assistant, which asks nothing
                      r"|^(?:请)?(?:假装|假设|假定|想象)?你(?:现在)?(?:是|扮演|作为|当)[^，,：:。！!？?]{1,20}[，,：:。！!]\s*")
_FOLLOWUP = re.compile(r"^(那|那么|还有|再问|换成|如果是)?(.{1,16}?)(呢|的呢|怎么样|如何|又是多少)?[？?。!！]*$")


# Words that point back at what was said before ("它的面积", "其中维护后的", "这一层次", "增加的部分").
_PRONOUN = re.compile(r"它|其中|[这那][几两三四五六七八九十]+[类项条种块处]|其(?=[^他实余])|这一|这些|这个|那个|这部分|该(?=[^如怎])|上述|增加的部分|减少的部分")


# The subject a turn carries over from the last, put in brackets after the question ("这个合多少公顷？（紫线）").
CARRIED = re.compile(r"（([^（）]*)）$")


def without_carried(question: str) -> str:
    """The question as asked, without the subject carried over in brackets."""
    return CARRIED.sub("", question)


def without_opening(question: str) -> str:
    """"那好，维护后…" -> "维护后…": the question without the words that only open the turn; "不对，我是说紫线"
    -> "那紫线呢？": a correction asks the last question again, of what it names instead."""
    question = _OPENING.sub("", question.strip()) or question.strip()
    corrected = _CORRECTION.match(question)
    if not corrected:
        return question
    meant = corrected.group(1).strip()
    return meant if _ASKS.search(meant) else f"那{meant}呢？"


# "不对，我是说紫线。", "不是这个，我问的是维护前的", "错了，是市域": what was meant instead of what was answered.
_CORRECTION = re.compile(r"^(?:不对|不是(?:这个|那个)?|错了|搞错了|弄错了|理解错了|你理解错了|答非所问)[了啦吧呀，,。！!\s]+"
                         r"(?:(?:我|俺)(?:是|想|要)?(?:说|问|指|讲)的?(?:是)?|是)(?![，,。！!？?\s]*$)([^，,。！!？?]{1,30})[。！!？?]*$")


def has_pronoun(question: str) -> bool:
    return bool(_PRONOUN.search(question))


def named_before_pronoun(question: str, name: str) -> bool:
    """"说到开发边界，它总面积…": the name comes before the pronoun, which then points at it, not back at the
    last turn ("它比城市紫线大多少" names a line after the pronoun: the pronoun is the last turn's subject)."""
    pronoun, at = _PRONOUN.search(question), question.find(name)
    return bool(pronoun) and 0 <= at and at + len(name) <= pronoun.start()


# "这是编制原则里的哪一条？", "这属于规划的哪块内容？", "这是实施保障的第几条？": where in the plan the passage just
# quoted sits, asked of it by a demonstrative (not "这属于哪类用地", which asks of the thing itself); and "这条保障
# 措施的名字叫什么", "这一条原则的名称是什么", the name of the heading it sits under.
_WHERE_IN_PLAN = re.compile(r"(?:这|那|它|上面|上述|刚才|刚刚)[^？?，,。]{0,12}?(?:属于|出自|来自|在|是)[^？?，,。]{0,8}?"
                            r"(?:哪(?:一|个)?|第几)(?:条|章|节|部分|块|板块|大块|项)(?:内容|原则|要求|措施|规定)?"
                            r"(?:里|中|下)?(?:写|说|讲|提|规定)?(?:的|啊|呀)?[？?。!！呢吗\s]*$|"
                            r"(?:这|那)(?:一|条|项|个){0,2}(?:保障)?(?:措施|原则|部分|章|节)的?(?:名字|名称|标题)(?:叫|是)?(?:什么|啥)?|"
                            r"(?:这|那)(?:一|条|项){1,2}(?:保障)?(?:措施|原则)叫(?:什么|啥)|"
                            # ("属于哪条编制原则？": nothing else said, the passage just quoted is asked of)
                            r"^(?:属于|出自|来自)(?:哪(?:一|个)?|第几)(?:条|章|节|部分|块|项)[\u4e00-\u9fff]{0,6}?[？?。！!呢吗\s]*$")


def asks_where_in_plan(question: str) -> bool:
    return bool(_WHERE_IN_PLAN.search(question))


# A question that asks something of its own ("那好，维护后永久基本农田多少万亩？") is whole, though it starts
# with 那: it names what it is about and asks about it.
# An A-not-A or A-没-A question ("让不让开发", "调没调") asks too, and so does one asking who, why or when
# ("那这些绿线里的绿地，养护费由谁掏？").
_ASKS = re.compile(r"多少|几|哪|什么|啥|吗|是否|能否|可否|怎么|如何|有没有|是不是|能不能|多大|(.)[没不]\1|了没|还是|"
                   r"谁|为何|何时|咋")


_OWN_MEASURE = re.compile(r"面积|规模|多大|大小")
_AMOUNT_ASKED = re.compile(r"多少|(?<![哪第])几|多大|多了|少了")
# "那它这次调出了多少公顷？" asks a measure of its own of what "它" points at: a whole question whose subject
# the conversation supplies, not the previous question with one word changed.
_OWN_UNIT = re.compile(r"公顷|万?亩|平方(?:公里|千米|米)|面积|多大")
# "那扩展规模维护后是多少？" names the figure it asks: the phase word does not make it the last question again.
_OWN_FIGURE = re.compile(r"扩展规模|扩展面积|扩展倍数|预留机动|机动规模")


# "那市辖区维护些啥？": a scope and something asked of it that is no amount (an amount is the last question's)
OWN_ASK = re.compile(r"啥|什么|哪些|怎么|如何|有没有")


# 那 going on from the last question ("那维护前呢"), not 那 pointing at a thing ("那些调出去的绿地", "那个站").
GOES_ON = "那(?![些个块片条种座处])"


def is_followup(question: str) -> bool:
    q = question.strip()
    # "那些调出去的绿地干啥用了": 那些/那块 points at a thing ("those"), it does not go on from the last question
    if not (len(q) <= 18 and (re.match(rf"^(那么|还有|换成|{GOES_ON})", q) or re.search(r"呢[？?]?$", q))):
        return False
    # "那矿区自己的面积是多少？" names its place and what it asks of it: whole, like a layer's question;
    # so does "那城市蓝线维护后是多少？", a line the plan may not have (it is refused, not read as 维护后呢).
    named = find_layer(q) or COLOUR_LINE.search(q) or (find_scope(q) and _OWN_MEASURE.search(q)) \
        or (re.search(r"它", q) and _OWN_UNIT.search(q)) or _OWN_FIGURE.search(q) \
        or (find_scope(q) and OWN_ASK.search(q))
    return not (named and _ASKS.search(q) and not re.search(r"呢[？?]?$", q))


# "那整个维护工作总的依据是哪几个通知": the whole work is asked of, not the part the last answer was about.
_WHOLE = re.compile(r"整个|总的|总体上|全部的")


def unexpanded(question: str) -> bool:
    """"那三条控制线呢？" as understood: a follow-up kept as said, which holds no question of its own to ask again."""
    said = without_carried(question).strip()
    return is_followup(said) and bool(re.search(r"呢[？?]?$", said))


def asks_of_whole(question: str) -> bool:
    return bool(_WHOLE.search(question))


def phase_of_unnamed(question: str, previous: str | None) -> bool:
    """"维护后呢？" after "哪个多？" (调入 against 调出): the last question names nothing a phase could qualify;
    the figure it was read against is the conversation's, not the question's before it."""
    if not previous or not is_followup(question):
        return False
    body = _FOLLOWUP.match(question.strip())
    core = body.group(2) if body else question
    return bool(find_phase(core)) and not find_layer(core) and not (
        find_layer(previous) or find_phase(previous) or _OWN_FIGURE.search(previous) or find_scope(previous))


# "那2026年度这次呢？", "阳泉的呢？": this plan named again, after a question of another edition or city.
_THIS_PLAN = re.compile(r"(?:(?:咱们?|我们)?阳泉(?:市(?!辖))?|20\d\d\s*年度?|今年|本年度|本次|这次|这回|这一?版)(?:的|这次|这回|方案里?|规划里?)*")


def names_this_plan(question: str) -> bool:
    """"那2026年度这次呢？", "阳泉的呢？": a follow-up naming this plan's edition or city."""
    return is_followup(question) and bool(_THIS_PLAN.search(question))


def back_to_plan(question: str, previous: str, other: str | None, elliptic: bool = False) -> tuple[str, bool] | None:
    """"那2026年度这次呢？" after "阳泉2025年度动态维护方案里调了多少个项目？" (refused: `other` is what named the
    other edition or city, "2025年度"): the previous question of this plan, with whatever else the follow-up
    changes ("那这次2026年度方案里维护后的呢？": 维护后), and True; None when the follow-up names this plan not.
    When the refused question was itself elliptic ("晋中市的呢？", or `elliptic`: "晋中市是多少？" names nothing
    but the other place), what the follow-up changes is read against the questions before it: that follow-up, and
    False."""
    if not other or other not in previous or not is_followup(question):
        return None
    named = _THIS_PLAN.search(question)
    if not named:
        return None
    city = other.endswith(("省", "市", "县", "州", "区"))
    base = re.sub(r"^的", "", previous.replace(other, "阳泉市" if city and "阳泉" not in previous else "", 1))
    rest = re.sub(r"^(?:那么?|还有)|[呢吗？?。!！\s]|^的|的$", "", question.replace(named.group(0), "", 1))
    if is_followup(base) or elliptic:  # "晋中市的呢？" -> "阳泉市的呢？": nothing of its own to ask again
        return (f"那{rest}呢？", False) if rest else None
    return (rewrite(f"那{rest}呢？", base) if rest else base), True


# An area asked in its unit, and a count asked in its measure word: never the same figure.
_AREA_ASKED = re.compile(rf"(?:多少|几)(?:{AREA_SAID})")
_COUNT_ASKED = re.compile(r"(?:多少|几)个?[处项]")


def named_by_turn(names: Iterable[str], question: str, sections: Iterable[str]) -> list[str]:
    """Of the plan's `names` a question was read with, those the turn itself says or stands for: not the subject
    carried in brackets, nor the heading of a passage pointed back to ("里面原来有的厂子怎么办？" after 生态保护红线's
    area: the line names that passage, not the 厂子 asked)."""
    said, sections = without_carried(question), list(sections)
    return [name for name in names
            if name in said or name not in question and not any(name in section for section in sections)]


def rewrite(question: str, previous: str | None) -> str:
    """The full question a follow-up stands for; the question itself when it is not a follow-up."""
    if not previous or not is_followup(question):
        return question
    if _AMOUNT_ASKED.search(question) and not _AMOUNT_ASKED.search(previous):
        return question  # "那最后是多少？" after "…是怎么调整的？": a figure of that subject, not a phase swap
    if _AREA_ASKED.search(question) and _COUNT_ASKED.search(previous):
        return question  # "那维护后保护线多少公顷？" after "有几处省级文物保护单位…": an area, not that count again
    body = _FOLLOWUP.match(question.strip())
    core = body.group(2) if body else question
    new_layer, new_phase = find_layer(core), find_phase(core)
    both = _BOTH_PHASES.search(core)
    if new_phase and both:  # "紫线维护前后呢？" after 原来: both phases, not 维护前 read out of 维护前后
        new_phase = ("维护前后", both.group(0))
    rewritten = _other_figure(core, previous)  # "原来的扩展规模呢？" after 扩展倍数: that figure, not the last
    if new_layer and not find_layer(previous) and _WHICH_LINE.search(previous):
        # "那开发边界呢？" after "哪条没动？": how that line changed, not which line it is
        return f"{new_layer[0]}维护后变了没？"
    if new_layer:
        # ("城市绿线紫线呢？", "城市绿线和紫线呢？": every line named in a row takes the old one's place)
        new_layer = (new_layer[0], _listed_with(core, new_layer[1], joined=True))
        old = find_layer(previous)
        # ("生态控制区呢？" after a question on two other zones: the zones give way, see parallel)
        # ("那市辖区的永久基本农田保护红线呢？" after "阳泉市的耕地保有量目标是多少？": the line takes the place of
        # the thing the plan gives no figure for)
        metric = next((w for w, _ in UNKNOWN_METRICS if w in rewritten), None) if not old else None
        rewritten = rewritten.replace(_listed_with(rewritten, old[1]), new_layer[1], 1) if old \
            else rewritten.replace(metric, new_layer[1], 1) if metric \
            else parallel(core, rewritten, longest=5) or f"{new_layer[1]}{rewritten}"
    if new_phase:
        # ("那调之前呢？" after "…调完是多少万亩？": 调完 is the phase replaced, said as only a figure's is)
        old_phase = find_phase(rewritten)
        said = old_phase is None and new_phase[0] in ("维护前", "维护后") \
            and (AFTER.search(rewritten) or BEFORE.search(rewritten))
        old_phase = old_phase or (("", said.group(0)) if said else None)
        if old_phase and new_phase[0] in ("维护前", "维护后", "维护前后") and old_phase[0] in ("调出", "调入"):
            # "调出调入分别是多少？" then "维护后呢？": the size after maintenance, not a 维护后 调入.
            rewritten = re.sub(r"调出|调入", "", rewritten)
            old_phase = None
            layer = find_layer(rewritten)
            rewritten = (rewritten.replace(layer[1], f"{new_phase[0]}{layer[1]}", 1) if layer
                         else f"{new_phase[0]}{rewritten}")
        elif old_phase:
            rewritten = rewritten.replace(old_phase[1], new_phase[1], 1)
        else:
            layer = find_layer(rewritten)
            rewritten = (rewritten.replace(layer[1], f"{new_phase[0]}{layer[1]}", 1) if layer
                         else f"{new_phase[0]}{rewritten}")
    if not new_layer and not new_phase:
        # ("那全市耕地保有量目标是多少？" asks a thing of its own, not the last question of another scope)
        scoped = other_scope(core, previous) if scope_only(core) else None
        return scoped or other_document(core, previous) or _other_sides(core, previous) or parallel(core, previous) \
            or _same_ending(core, previous) or _same_beginning(core, previous) or question
    # "那全市的城镇开发边界呢？" after its share of the 市辖区: the place is the line's, not the whole's
    scope = find_scope(core)
    if new_layer and scope and "占" in rewritten and re.search(f"{scope}的?{new_layer[1]}", core):
        return rewritten.replace(new_layer[1], f"{scope}{new_layer[1]}", 1)
    # "那盂县的永久基本农田呢？": the place named with the line is asked of too, not dropped with the rest
    return other_scope(core, rewritten) or rewritten


# "东西两头", "南边", "北面": sides, said alone; "北边和南边": the sides a question asked of.
SIDES_ONLY = re.compile(r"(?P<sides>[东西南北]{1,2})(?:两|这|那|各)?[边头侧面端部向方]{0,2}")
_SIDE_ASKED = re.compile(r"[东西南北](?:[边头侧面端部]|(?=[起至到]))")


def _other_sides(core: str, previous: str) -> str | None:
    """"那东西两头呢？" after "它北边和南边分别到哪里？": the same question of the sides now named, one for one
    ("它东边和西边分别到哪里？"); "东西两边呢？" after "南边到哪？": the sides as said in place of the one asked."""
    said = SIDES_ONLY.fullmatch(core.strip())
    asked = list(_SIDE_ASKED.finditer(previous))
    if not said or not asked:
        return None
    sides = said.group("sides")
    if len(asked) != len(sides):
        return previous[:asked[0].start()] + said.group(0) + previous[asked[-1].end():]
    out, last = [], 0
    for side, found in zip(sides, asked, strict=True):
        out += [previous[last:found.start()], side + found.group(0)[1:]]
        last = found.end()
    return "".join(out) + previous[last:]


def only_added(previous: str, rewritten: str) -> bool:
    """The rewrite keeps every character of the previous question, in order (维护前 added to it), replacing none."""
    left = iter(without_carried(rewritten))
    return all(ch in left for ch in without_carried(previous))


def _listed_with(text: str, first: str, joined: bool = False) -> str:
    """"城市绿线、紫线": a line named in the text with others right after it (、和与及), the whole list; else the line
    alone. "规划分区呢？" after "城市绿线、紫线是在哪个层面维护的？" asks of 规划分区 instead of both.
    `joined`: lines said one after the other with no word between ("城市绿线紫线") are a list too."""
    end = text.find(first) + len(first)
    while item := re.match(r"[、和与及跟]" + ("?" if joined else "") + r"([\u4e00-\u9fff]{2,8})", text[end:]):
        named = next((item.group(1)[:k] for k in range(len(item.group(1)), 1, -1)
                      if (layer := find_layer(item.group(1)[:k])) and layer[1] == item.group(1)[:k]), None)
        if named is None:
            break
        end += item.start(1) + len(named)
    return text[text.find(first):end]


_BOTH_PHASES = re.compile(rf"(?:维护|调整)?(?:{BOTH.pattern})")
# "哪条没动？", "这三条里哪条变大了？", "哪些线减少了": which line is asked.
_WHICH_LINE = re.compile(r"哪(?:一|几)?条|哪些(?:控制)?线|哪几个(?:控制)?线")


def _other_figure(core: str, previous: str) -> str:
    """The previous question asking the figure the follow-up names in its place (扩展倍数 -> 扩展规模)."""
    new, old = _OWN_FIGURE.search(core), _OWN_FIGURE.search(previous)
    if new and old and new.group(0) != old.group(0):
        return previous.replace(old.group(0), new.group(0), 1)
    layer = find_layer(previous)
    if new and not old and layer:  # "那维护后的扩展规模呢？" after the line's own size: that line's 扩展规模
        return previous.replace(layer[1], f"{layer[1]}{new.group(0)}", 1)
    return previous


def _same_ending(core: str, previous: str) -> str | None:
    """"城市重要控制线包括哪些？" then "那“其他重要控制线”呢？": the previous question with the name ending in the
    same words (重要控制线) replaced by the new one."""
    core = core.strip("“”\"'「」的")
    if not re.fullmatch(r"[\u4e00-\u9fff]{3,10}", core) or core in previous or _ASKS.search(core):
        return None  # "折成亩是多少" asks; it names nothing in place of another name
    for k in range(len(core) - 1, 2, -1):
        at = previous.find(core[-k:])
        if at > 0:
            start = max(0, at - (len(core) - k))
            if not re.fullmatch(r"[\u4e00-\u9fff]+", previous[start:at]):
                return None
            return previous[:start] + core + previous[at + k:]
    return None


def _same_beginning(core: str, previous: str) -> str | None:
    """"历史文化名村有几个？" then "那历史文化街区呢？": the previous question with the name beginning in the same
    words (历史文化, half the name at least) replaced by the new one, where it ends as a word of the question."""
    core = core.strip("“”\"'「」的")
    # (a name, not a clause: "市辖区占全市" holds 占)
    if not re.fullmatch(r"[\u4e00-\u9fff]{4,10}", core) or core in previous or _ASKS.search(core) \
            or re.search(r"[占比和与跟是有在及或另]", core):
        return None
    ends, at = set(), 0
    for word in words(previous):
        at += len(word)
        ends.add(at)
    for k in range(len(core) - 1, max(2, (len(core) + 1) // 2) - 1, -1):
        start = previous.find(core[:k])
        end = next((e for e in sorted(ends) if e > start + k), None) if start >= 0 else None
        if end is not None and end - start <= len(core) + 1 \
                and re.fullmatch(r"[\u4e00-\u9fff]+", previous[start:end]):
            return previous[:start] + core + previous[end:]
    return None


# "这些控制线有哪几条？": a demonstrative and a noun standing for a longer name just quoted.
_DEMONSTRATIVE = re.compile(r"(?:这些|那些|这个|那个|这类|那类)([\u4e00-\u9fff]{2,4}?)(?=有|是|包括|都|分别|各|呢|吗|[？?，,]|$)")


def named_by_demonstrative(question: str, quote: str, headings: Iterable[str]) -> str:
    """"这些控制线有哪几条？" after "…中心城区用地规划布局、城市重要控制线等内容": the longer name in the last
    answer's first quote that ends with the noun and heads a part of the plan (城市重要控制线) replaces the
    demonstrative and the noun; the question itself otherwise."""
    found = _DEMONSTRATIVE.search(question)
    if not found or not quote:
        return question
    noun = found.group(1)
    headings = tuple(headings)  # read once per candidate below: a generator would be spent by the first
    names = [m.group(0) for m in re.finditer(rf"[\u4e00-\u9fff]{{1,6}}?{re.escape(noun)}", quote)]
    # the longest run ending in the noun that a heading holds ("城市重要控制线", not "市重要控制线")
    longer = [name[i:] for name in names for i in range(len(name) - len(noun))
              if any(name[i:] in h for h in headings)]
    if not longer:
        return question
    return question[:found.start()] + max(longer, key=len) + question[found.end():]


_POINTING = re.compile(r"这个|那个|这一|那一|该")


def answered_member(question: str, previous: str | None, quotes: Iterable[str]) -> str:
    """"那这个层次维护些啥？" after "矿区算哪个层次？": the member of the list the last answer quoted
    ("市域、市辖区、中心城区三个层次") that a quote puts beside the thing asked of (市辖区…由城区、矿区、郊区构成)
    replaces the demonstrative and the noun; the question itself otherwise."""
    if not previous:
        return question
    # the noun after the demonstrative that the last question asked "哪个…" of
    found = next(((m.start(), m.end() + n, question[m.end():m.end() + n]) for m in _POINTING.finditer(question)
                  for n in (4, 3, 2) if re.search(rf"(?:哪个|哪一|哪|什么)个?{re.escape(question[m.end():m.end() + n])}",
                                                  previous)), None)
    if found is None:
        return question
    start, end, noun = found
    listing = re.compile(rf"((?:[\u4e00-\u9fff]{{2,8}}、)+[\u4e00-\u9fff]{{2,8}})等?[两\d一二三四五六七八九十]+[个类种条项]?"
                         rf"{re.escape(noun)}")
    quotes = list(quotes)
    members = [m for q in quotes for found_list in listing.finditer(q) for m in found_list.group(1).split("、")]
    # the words of the thing asked of (矿区), which no member holds
    asked_of = [w for w in words(previous) if len(w) >= 2 and w not in noun and not any(w in m for m in members)]
    beside = {m for q in quotes if not listing.search(q) for m in members
              if m in q and any(w in q for w in asked_of)}
    if len(beside) != 1:
        return question
    return question[:start] + beside.pop() + question[end:]


def subject_from_answer(context: dict[str, Any], answer: Answer) -> None:
    """"南山宾馆那栋老楼是咋调整的？" is answered from the 城市紫线 section: that line is what "调出去了多少？"
    asks next. A subject naming no line takes the one line every quoted section is headed by; so does one
    read from a figure ("种粮食的地…少了没" answered by 永久基本农田's figures: 粮食 is no line)."""
    subject = context.get("subject") or []
    if subject and answer.citations and all(c.section == COVER for c in answer.citations):
        context["subject"] = []  # "方案由哪个单位发布？": the document itself, not "部署" said before it
        return
    if answer.refused or answer.intent not in ("policy", "figure") or any(find_layer(s) for s in subject):
        return
    layers = {(find_layer(section) or ("",))[0] for section in {c.section for c in answer.citations}}
    # ("防洪那条线这次改了没？", nothing named: the one control line quoted is what "跟…比哪个大" holds up next)
    if not subject and not layers <= set(CONTROL_LINES):
        return
    if len(layers) == 1 and "" not in layers:
        # a figure is the line's own: the words that described it (粮食) are no subject beside it
        context["subject"] = [*layers] if answer.intent == "figure" else [*layers, *subject]
