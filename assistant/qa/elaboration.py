"""Whether the plan says what a term it names consists of. "重点发展领域具体指哪些产业？" is answered only where
a sentence lists or explains 重点发展领域; the plan only names it ("推动空间资源向重点发展领域、关键项目倾斜"),
so the specifics asked are not in the plan, however well the sentence matches the question."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import accumulate

from .followup import without_carried

# "“更新”跟延续有啥区别": how two terms differ is asked.
_ASKS_DIFFERENCE = re.compile(r"(?P<a>“[^”]{2,10}”|[\u4e00-\u9fff]{2,8}?)(?:跟|和|与|同)(?P<b>“[^”]{2,10}”|[\u4e00-\u9fff]{2,8}?)"
                              r"(?:之间)?(?:有|的)?(?:啥|什么|哪些)?(?:区别|不同|差别|差异)")
# "T具体指哪些…", "T到底包括什么", "T具体规定了哪些内容": the specifics of a term are asked.
_ASKS_SPECIFICS = re.compile(r"(?P<term>[^，,。？?！!\s]{2,16}?)的?(?:具体|到底|究竟)(?P<asked>[\u4e00-\u9fff]{0,8}?)"
                             r"(?:哪些|哪几|什么|啥|怎么|如何)")
# "能列一下这些“十五五”重大项目的名称吗", "具体有哪些融合项目": the members of a term are asked, named after it.
_ASKS_MEMBERS = re.compile(r"(?:列(?:一下|出|个)?|说说|讲讲)(?P<term>[^，,。？?！!\s]{2,16}?)的?(?:名称|名单|清单|名字)|"
                           r"(?:具体|都|分别)(?:有|包括|是|指)?哪些(?P<after>[\u4e00-\u9fff“”]{3,10}?)(?:[，,。？?！!吗呢]|$)")
# "哪些项目算得上“适度”？", "什么情况才算符合优化情形": what qualifies as a term is asked, named after 算.
_ASKS_QUALIFYING = re.compile(r"(?:哪些|哪种|哪类|什么样?的?|啥样?的?|怎样的?)[\u4e00-\u9fff]{0,4}?(?:才能|才|能)?算(?:得上|作|是)?"
                              r"(?P<term>“[^”]{2,12}”|[\u4e00-\u9fff]{2,10}?)(?:呢|吗|啊|呀)?(?:[，,。？?！!]|$)")
# "城市绿线到底是什么意思", "什么叫正向优化", "约束性指标的含义": what a term means is asked.
_ASKS_MEANING = re.compile(r"(?P<term>[^，,。？?！!\s]{2,16}?)(?:到底|究竟|具体)?(?:是|指)?(?:个|的)?(?:什么|啥)意思|"
                           r"(?:什么|啥)叫(?:做)?(?P<called>[^，,。？?！!\s]{2,16}?)(?:呢|啊|呀)?(?:[，,。？?！!]|$)|"
                           r"(?P<of>[^，,。？?！!\s]{2,16}?)的?(?:含义|定义|内涵)")
# "阳泉的约束性指标都有哪些", "约束性指标一共有几项": the members of a term are asked, named before it.
_ASKS_LISTED = re.compile(r"(?P<term>[^，,。？?！!、\s]{2,16}?)(?:都|一共|总共|具体|主要)?(?:有|包括|包含)"
                          r"(?:哪些|哪几[项个条类种]|几[项个条类种])(?=[、，,。？?！!呢吗]|$)")
# The city or the document a term is said of ("阳泉的约束性指标", "方案里的…"): no part of the term.
_OF_PLACE = re.compile(r"^(?:咱们?|我们)?(?:阳泉市?|方案里?|规划里?|文件里?)的?")
# "具体通过哪些渠道反映意见", "具体按哪几类划分": the kind whose members are asked, right after 哪些.
_ASKS_KIND = re.compile(r"具体[\u4e00-\u9fff]{0,3}?(?:哪些|哪几(?:个|种|类|条)?)(?P<kind>[\u4e00-\u9fff]{2,4})")
# "用地布局维护中具体落实了…": 中 (里, 时) after what is done says when, and is no part of the term asked of.
_DURING = re.compile(r"(?<=维护|调整|实施|建设|编制|过程|工作)[中里时]$")
# Words before the term that only point at it: "文件里说的“符合优化情形的区域”", "那个政策口径".
_POINTING = re.compile(r"^(?:.*?(?:说的|提到的|讲的|所谓的?))?(?:那些|这些|那个|这个|那|这|其中)?"
                       r"(?:\d+(?:\.\d+)?\s*[处个项条张类])?")  # "那11处国家级的": 国家级
# A sentence explains the term right after it ("市域范围为阳泉市行政辖区", "分为市域、市辖区、中心城区三个层次：")
# or lists its members right before it, closed by 等 or a count ("教育、医疗、养老等公共服务设施", "永久基本农田保护红线、
# 生态保护红线、城镇开发边界三条控制线"); not a list that only happens to end there ("12 处省级文物保护单位更新到…").
_EXPLAINS_AFTER = re.compile(r"^[^，,。；;]{0,3}?(?:[：:（(]|包括|包含|分为|分成|即|主要有|主要是|主要包括|是指|指|为|由)")
_LISTED_BEFORE = re.compile(r"、[^、，,。；;]{1,15}(?:等|[两三四五六七八九十]+[个条类项种处])$")
# (the count may begin the term itself: "…、城镇开发边界" before "三条控制线")
_COUNTED_TERM = re.compile(r"^[两三四五六七八九十]+[个条类项种处]")
_LIST_ENDS = re.compile(r"、[^、，,。；;]{1,15}$")


def unexplained(question: str, sentences: Iterable[str], headings: Iterable[str],
                defined: Iterable[str] = (), places: Iterable[str] = (), described: Iterable[str] = ()) -> str | None:
    """The term whose specifics or members the question asks ("重点发展领域", "分工", "更新"; 重大项目 in "列一下这些
    重大项目的名称") when the plan names it but no sentence of it explains or lists it, nor says of it what is asked
    ("调整仅针对南山宾馆" answers "调整具体针对的是什么"); None when the question asks no specifics, or of a term
    the plan never names (other checks judge those), or of a heading (its sub-headings are its specifics), a term
    the plan's glossary defines, or a place ("阳泉具体有哪些产业要转型" asks of what the plan says of the place,
    judged elsewhere). A meaning asked ("城市绿线是什么意思") is explained by a sentence, or by the passage of a
    heading among `described` (headings whose passage says something in words, not only figures: "2.正向优化，
    提质增效"), never by the glossary, which is the national rules' word, not the plan's."""
    from .terms import tokenize, words

    said = without_carried(question)
    sentences = list(sentences)
    differ = _ASKS_DIFFERENCE.search(said)
    if differ:  # "“更新”跟延续有啥区别": two terms the plan only names, neither explained, cannot be told apart
        pair = [differ.group(k).strip("“”\"'「」") for k in ("a", "b")]
        if all(len(t) >= 2 and any(t in s for s in sentences) for t in pair):
            unsaid = [_unexplained(t, [], sentences, headings, defined, places) for t in pair]
            return "”与“".join(pair) if all(unsaid) else None
    meaning = _ASKS_MEANING.search(said)
    if meaning:
        # "城市绿线到底是什么意思": "1. 城市绿线" holds the line's figures only, which say nothing of its meaning
        named = _POINTING.sub("", meaning.group("term") or meaning.group("called") or meaning.group("of"))
        named = named.strip("“”\"'「」")
        term = next((named[k:] for k in range(len(named) - 1) if any(named[k:] in s for s in sentences)), None)
        return _unexplained(term, [], sentences, described, (), places) if term else None
    found = _ASKS_SPECIFICS.search(said)
    members = _ASKS_MEMBERS.search(said) if not found else None
    members = members or (_ASKS_QUALIFYING.search(said) or _ASKS_LISTED.search(said) if not found else None)
    if not found and not members:
        return None
    named = _POINTING.sub("", found.group("term") if found else members.group("term") or members.group("after"))
    named = _DURING.sub("", named.strip("“”\"'「」"))
    # the longest end of what the question names that the plan says, from a word's start or a compound's head:
    # "各部门的分工" -> "分工", "主导产业" -> 产业; "做这次动态维护" -> 动态维护, not 次动态维护 (of 本次动态维护)
    cut = words(named)
    bounds = list(accumulate((len(w) for w in cut), initial=0))
    heads = [at + 2 for at, w in zip(bounds, cut, strict=False) if len(w) >= 4]
    starts = sorted(k for k in {*bounds, *heads} if k <= len(named) - 2)
    term = next((named[k:] for k in starts if any(named[k:] in s for s in sentences)), None)
    if members is not None and members.re is _ASKS_LISTED and (term != _OF_PLACE.sub("", named)
                                                                or _named_members(term or "", sentences)):
        # "中心城区用地布局调整有哪几类", "中心城区层面的维护内容有哪些": a heading said in other words, not 布局调整
        # or 维护内容 the plan names elsewhere; "阳泉的约束性指标" is the term itself, of the city; "消防站有哪几个":
        # the plan names them (一级消防站, 特勤消防站)
        return None
    # what is asked of it, before and after the asking word ("到底是啥标准": 标准, said right after it in
    # "按照山西省“一张图”标准")
    asked = [w for w in tokenize(found.group("asked") + said[found.end():]) if len(w) >= 2] if found else []
    kind = _ASKS_KIND.search(said) if term is None else None
    if kind:  # "老百姓具体通过哪些渠道反映意见": 老百姓 is who, 渠道 the kind whose members are asked
        term = words(kind.group("kind"))[0]
        asked = [w for w in tokenize(said[kind.start("kind") + len(term):]) if len(w) >= 2]
        if len(term) < 2 or not any(term in s for s in sentences):
            return None
    return _unexplained(term, asked, sentences, headings, defined, places) if term else None


def asks_meaning(question: str) -> bool:
    """"城市绿线到底是什么意思", "什么叫正向优化": what a term means is asked."""
    return bool(_ASKS_MEANING.search(without_carried(question)))


def unexplained_reason(term: str, question: str) -> str:
    """Why a term's specifics or meaning are refused, in the user's words: no definition given, or no more said."""
    said = "没有给出它的定义或解释" if asks_meaning(question) else "没有具体说明"
    return f"方案原文只提到“{term}”，{said}，无法回答。"


def worded_headings(sentences: dict[str, list[str]]) -> list[str]:
    """The headings whose passage says something in words, not only figures (a sentence with no digit): such a
    passage may explain what its heading names ("2.正向优化，提质增效"); "1. 城市绿线" holds figures only."""
    return [path for path, said in sentences.items() if any(not re.search(r"\d", s) for s in said)]


def _named_members(term: str, sentences: list[str]) -> bool:
    """The plan names two or more things of the kind, each by a name ending in the term (一级消防站, 特勤消防站)."""
    heads = {s[m.start() - 2:m.start()] for s in sentences for m in re.finditer(re.escape(term), s) if m.start() >= 2}
    return len({h for h in heads if re.fullmatch(r"[\u4e00-\u9fff]{2}", h)}) >= 2


def _unexplained(term: str, asked: list[str], sentences: list[str], headings: Iterable[str],
                 defined: Iterable[str], places: Iterable[str]) -> str | None:
    """The term when no sentence explains it, lists its members or says of it what is asked."""
    if term in set(places) or any(term in h for h in headings) or any(term in d or d in term for d in defined):
        return None
    for sentence in sentences:
        for at in (m.start() for m in re.finditer(re.escape(term), sentence)):
            after, before = sentence[at + len(term):], sentence[:at]
            listed = _LISTED_BEFORE.search(before) or _COUNTED_TERM.match(term) and _LIST_ENDS.search(before)
            if _EXPLAINS_AFTER.search(after) or listed or any(w in after[:12] for w in asked):
                return None
    return term
