"""Whether the plan's sentences found give what a question asks: members, a number, a reason, a body, a
document number, a place, the kinds of a division. When they do not, the plan does not say it, and the
sentences stay as what it does say."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import jieba.posseg

from ..answer_types import Answer
from ..plan.vocabulary import PROJECT_STATUS_WORDS
from .asked_things import GIVES_WHY, asks_documents, missing_thing, shared_run, unnumbered_document
from .each_amount import unnumbered as unnumbered_each
from .figure_cues import ASKS_FIGURE, RULE_NOUN, amounts_asked
from .followup import CARRIED, without_carried
from .kinds_asked import AMOUNT_WORDS, KIND_WORDS, PLACE_KINDS, which_one
from .leave import unoffered_choice, unruled_action
from .listed import members_named
from .places_listed import unlisted_place
from .quoted_words import SERIES, lists_series_of
from .quotes import refused_quoting
from .scope import GENERIC, UNIT_WORDS, content_nouns
from .terms import PLANNING_TERMS
from .uncounted import COUNT_ASKED, uncounted_level
from .unsaid import RELATIONAL, places_unnamed

# "名单列一下", "具体是哪些": the members of something are asked, not how many ("项目清单中…有几个" names
# the plan's list, it does not ask for it).
_ASKS_MEMBERS = re.compile(r"具体是?哪些|都是哪些|都有哪些|是哪些|有哪些|(?:主要)?包[括含]哪些|名单|清单(?![中里内上维])|列一下|列出|叫什么|叫啥|名称|名字|分别是哪|"
                           r"(?:分别|都|各)是(?:啥|什么)(?=[？?呢，,。]|$)|是些(?:啥|什么)|"  # "都是些什么项目"
                           r"哪些[\u4e00-\u9fff]{2,6}?在[^，。？?]{2,12}(?:里|内|中|范围)|"  # "哪些楼盘在开发边界里面"
                           r"哪些[\u4e00-\u9fff]{2,6}?是[^，。？?]{1,10}的(?=[？?呢]|$)|"  # "哪些项目是精准上图的"
                           r"哪[几两三四五六七八九十]+[处项个类种座所条段片块]|哪\s*\d+\s*[处项个类种座所条]")  # "撤销的是哪22个"
# "批了哪些开发项目": the members of what was done.
_DONE_WHICH = re.compile(r"[\u4e00-\u9fff]了哪些")
# "教育上具体建哪些学校", "要新配哪些设施": the things to be built or arranged, which a quote names or does not.
_BUILT_WHICH = re.compile(r"(?:建|盖|修|配|设|增|补|安排|落实|布局)哪些")
# "11 处国家级文物保护单位", "新增 180 项": a thing the plan counts without naming its members.
_COUNTED = re.compile(r"(?:([\u4e00-\u9fff]{2,4})\s*)?(\d+\s*[项处个座所条])([\u4e00-\u9fff]{2,12})?")


def missing_figure(question: str, quotes: Iterable[str], glossed: Callable[[str], bool] = lambda word: False) -> bool:
    """An amount is asked and none of the plan's sentences found gives a number; or a count of a thing is
    asked ("全市一共有多少个乡镇") and no sentence found names the thing, nor a gloss of one (`glossed`:
    "一共列了多少个大工程" counts 重点建设项目, whose sentence is glossed "新增了哪些大工程"; 城镇开发边界's
    figures are no count of 乡镇; "一共列了几个部门" counts the departments a sentence lists)."""
    quotes = list(quotes)
    question = amounts_asked(question)
    if ASKS_FIGURE.search(question) and not any(re.search(r"\d", q) for q in quotes):
        return True
    counted = _HOW_MANY_OF.search(question)
    nouns = [n for n in content_nouns(counted.group("thing")) if len(n) >= 2 and n not in GENERIC
             and n not in KIND_WORDS and n not in UNIT_WORDS] if counted else []
    # (几个空间层次: 三个层次 counts them)
    if nouns and not any(n in q for n in nouns for q in quotes) \
            and not (any(glossed(n) for n in nouns) and any(re.search(r"\d", q) for q in quotes)):
        return True
    return uncounted_measure(question, quotes)


# "开过几次论证会", "意见采纳了多少条", "地块一共有几宗", "有多少处历史建筑": a count asked by a measure word of
# its own.
_COUNT_BY = re.compile(r"(?<![哪第那这])(?:多少|几)(?P<measure>[次条宗件批轮场处座所栋家间名位块片])")
# The measure words among those that the plan's figures count by (11 处 国家级文物保护单位; 564 项 and 三个层次
# count by 项 and 个, which are not read above): any other is no figure of the plan's.
_FIGURE_MEASURES = frozenset("处")
# A heading or an item numbered in a list: "1.底线思维，严守管控", "（二）部门协调", "一是…".
_NUMBERED_ITEM = re.compile(r"\s*(?:\d+\s*[.．、]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]是)")
# "…进行统筹优化：一是依据…": an item of a list, numbered in words, after its heading.
_ORDINAL_ITEM = re.compile(r"(?:^|[：:；;])\s*[一二三四五六七八九十]是")
# A number, in figures or in words, before the measure word it counts by.
_NUMERAL = r"(?:\d+|[一二两三四五六七八九十百]+)\s*"


def _measure_asked(question: str) -> str | None:
    """The measure word a count is asked by ("开过几次" -> 次), in the question's own words, else None."""
    found = _COUNT_BY.search(without_carried(question))
    return found.group("measure") if found else None


def counted_by_other_measure(question: str) -> bool:
    """A count asked by a measure word none of the plan's figures counts by ("标明调出的区域一共有几块")."""
    measure = _measure_asked(question)
    return measure is not None and measure not in _FIGURE_MEASURES


def uncounted_measure(question: str, quotes: Iterable[str]) -> bool:
    """A count asked by a measure word ("几次", "多少条", "几宗") when no quote counts anything by it (三条控制线
    counts 条; "4558.96 平方千米" counts no 次) nor, for 条, gives numbered items to count (the headings of 编制原则):
    the plan gives no such count."""
    measure = _measure_asked(question)
    if measure is None:
        return False
    quotes = list(quotes)
    counts = re.compile(f"{_NUMERAL}{re.escape(measure)}|第{_NUMERAL}{re.escape(measure)}")
    # ("编制原则有几条": the headings listed, each numbered, are counted by the answer)
    listed = measure == "条" and sum(bool(_NUMBERED_ITEM.match(q)) for q in quotes) >= 2
    return not listed and not any(counts.search(q) for q in quotes)


# "全市一共有多少个乡镇": the thing counted, said right after 多少个 (not "哪几个", which asks which).
_HOW_MANY_OF = re.compile(r"(?<!哪)(?:多少|几)个(?P<thing>[\u4e00-\u9fff]{2,6}?)(?=[？?，,。！!]|吗|呢|是|有|在|$)")


# "因为什么撤销的", "为什么变大了？", "怎么回事": a reason is asked; a sentence giving one says why (因, 由于, 为了 …).
ASKS_REASON = re.compile(r"为什么|为何|为啥|什么原因|原因是|因为什么|理由|怎么回事")
# "更新的项目具体改了啥内容": what was done to each of what is counted, which a count does not say.
_ASKS_DETAILS = re.compile(r"具体(?:改|调|变|动|更新|调整|做|干)了?(?:啥|什么|哪些)|具体(?:内容|情况)是?(?:啥|什么)|"
                          r"(?:改|调|变|更新)了(?:啥|什么|哪些)内容")


def asks_details(question: str) -> bool:
    """What was done to something is asked ("更新的那15项改了什么内容"), not how many there are."""
    return bool(_ASKS_DETAILS.search(question))


_KINDS_ASKED = re.compile(r"哪[几些]?[类种]|几[类种]|分成|分为")
# "哪些级别的文保单位", "什么级别": the levels of what is counted, which the counts name (11 处国家级…).
_LEVELS_ASKED = re.compile(r"(?:哪|什么|啥)(?:些|几个|一)?(?:级别|层级|等级)")
_LEVEL = re.compile(r"[国省市县]家?级")


def counted_not_listed(question: str, quotes: Iterable[str]) -> str | None:
    """The plan's count ("新增 180 项") when the members of what it counts are asked ("新增项目的名单"),
    or the reason for them ("撤销的 22 项是因为什么") and no sentence found gives one."""
    quotes = list(quotes)
    why = bool(ASKS_REASON.search(question)) and not any(GIVES_WHY.search(q) for q in quotes)
    if not (asks_members(question) or why or _ASKS_DETAILS.search(question)):
        return None
    if _LEVELS_ASKED.search(question) and any(_LEVEL.search(q) for q in quotes):
        return None  # "纳入的是哪些级别的文保单位": the levels the counts are of (国家级, 省级) answer it
    # "具体是哪些？" right after a count: nothing of its own but the subject carried over (in brackets),
    # so the count found is the one it asks about.
    kind = next((m.group(1) for m in _MEMBERS_OF.finditer(question)), "")  # "都是哪些文保单位": 单位
    elliptic = asks_members(question) and not re.sub(r"（[^）]*）|[\W_]|那|这些|那些|它们|它|具体|分别|都|呢|的", "",
                                                     _ASKS_MEMBERS.sub("", question))
    said = question if elliptic else without_carried(question)  # (a subject carried names no count asked)
    abbreviations = [w for w in jieba.lcut(said) if re.fullmatch(r"[\u4e00-\u9fff]{2,6}", w)]
    loose: list[str] = []
    for quote in quotes:
        for found in _COUNTED.finditer(quote):
            before, count, after = found.group(1) or "", found.group(2), found.group(3) or ""
            status = PROJECT_STATUS_WORDS.get(before[-2:], (before[-2:],))  # "撤掉的那些" is 撤销
            by_before = bool(before) and any(w in said for w in status)
            by_after = any(after[:n] in said for n in (2, 3) if len(after) >= n) or (
                bool(kind) and len(after) >= 2 and (kind in after or kind[-2:] == after.rstrip("等")[-2:])) \
                or any(_abbreviates(w, after) for w in abbreviations)
            # "具体是哪几处？" after "12 处省级文物保护单位": the count's own measure word is asked.
            by_unit = bool(re.search(rf"哪[几两三四五六七八九十]+{count[-1]}", question)) or elliptic
            # "这11处国保具体是哪些？": the count itself, quoted by its number and measure word ("这564项分成哪几类"
            # asks its kinds, which the sentence gives: 实施 118 项、延续 229 项…)
            by_unit = by_unit or re.sub(r"\s+", "", count) in re.sub(r"\s+", "", question) \
                and not _KINDS_ASKED.search(question)
            # Members listed right after the count ("：A、B、C") are an answer; more counts are not.
            listed = not why and re.search(r"[：:、][^、，。；\d]{2,20}、", quote[found.end():found.end() + 40])
            count = re.sub(r"\s+", " ", count)
            # What is counted, up to the planning term that names it ("省级文物保护单位", not "…更新到历").
            ends = [after.find(t) + len(t) for t in PLANNING_TERMS if t in after]
            counted = after[:max(ends)] if ends else after
            named = any(after[i:i + 4] in question for i in range(len(after) - 3))
            if (by_before or by_after or by_unit) and not listed:
                return f"{before[-2:] + ' ' if by_before else ''}{count}{counted if by_after or by_unit else ''}"
            # "这些文物保护单位的完整名单": what is counted, named without its level (国家级, 省级): every such
            # count, unless a count named more closely is found.
            if not listed and named:
                loose.append(f"{count}{counted}")
    return "、".join(dict.fromkeys(loose)) or None


def _abbreviates(word: str, name: str) -> bool:
    """"国保单位", "国保" for 国家级文物保护单位: a word said short, its characters the name's in order, from its first
    character (or, said at three or more, ending as it ends); not the name's own part ("单位")."""
    if not name or word in name or not (word[0] == name[0] or len(word) >= 3 and word[-2:] == name[-2:]):
        return False
    left = iter(name)
    return all(ch in left for ch in word)


_HOW_MANY = re.compile(r"多少个(?![方类种])")
# "占全部清单的比例": a share of the list, not its members.
_SHARE_OF = re.compile(r"占[^，,。？?]{0,8}(?:比例|比重|百分|几成|多少)")


def asks_members(question: str) -> bool:
    """The members of something are asked ("具体是哪几处", "名单"), not an amount ("清单里新增了多少项")."""
    return bool(_ASKS_MEMBERS.search(question)) and not ASKS_FIGURE.search(question) \
        and not _HOW_MANY.search(question) and not _SHARE_OF.search(question)  # "清单里…的项目是多少个"


# "历史文化保护线里有哪些传统村落": the kind of member asked, right after the question word.
# ("有哪些调整申请因为低效被否掉了": the kind ends where what befell them starts)
_MEMBERS_OF = re.compile(r"(?:哪些|哪几[个类种处项座所条段片块]?)([\u4e00-\u9fff]{2,8}?)(?=[呢吗啊呀？?，,。]|被|因为|由于|属于|在(?:[^，。？?]{2,12})(?:里|内|中|范围)|"
                         r"是[^，。？?]{1,10}的(?:[？?呢]|$)|$)")
# "新增项目里有没有高铁站", "包不包括水库": whether the thing named is one of what is spoken of.
# ("规划里有没有修地铁或者轻轨的线路": what is built, said after the verb)
_HAS_MEMBER = re.compile(r"(?:(?:里|中|内|里面|当中)(?:有没有|有无|是否有)|包不包括|包括不包括|含不含|包不包含)(?:个|一个|什么)?"
                         r"(?:修|建|新建|盖|搞)?([\u4e00-\u9fff]{2,10}?)(?=[呢吗啊呀？?，,。！!]|$)")


def unnamed_members(question: str, quotes: Iterable[str],
                    plan_words: Callable[[str], Sequence[str] | None]) -> str | None:
    """The members asked ("集中在哪些行业", "哪几条河段") or asked after ("有没有高铁站") are of a kind the plan
    never names, and no quote holds a plan word for it (行业 is like 产业, which the quote on the projects does
    not say): the plan lists no such members. `plan_words(noun)` gives the plan's words for a noun, the noun
    itself when the plan uses it, or None when the plan covers it in everyday words (托儿所: its glosses)."""
    # ("依据哪个省文件": the documents the plan cites are judged by their titles, in asked_things; with an
    # amount asked, only places are: "是哪几个县，各自多大")
    figure = bool(ASKS_FIGURE.search(question) or _HOW_MANY.search(question) or asks_documents(question))
    quotes = list(quotes)
    # "包括哪几大块", "把哪些部门拉进来": only a list asked for as such ("具体包括哪几条河段") names its members
    # ("生态控制区里已经批了哪些开发项目": the members of what was done, when they are of a kind the plan names)
    done = not asks_members(question) and bool(_DONE_WHICH.search(question) or _BUILT_WHICH.search(question))
    listed = _MEMBERS_OF.finditer(question) if (asks_members(question) or done) and not figure else ()
    # (a thing of a kind asked_things knows, not given: "给哪家企业用", "调出去的是哪个公园", is refused there, by it)
    kinds = [k for k in which_one(without_carried(question)) if not figure or k[-1] in PLACE_KINDS]
    for thing in kinds if kinds and not missing_thing(question, quotes) else []:
        # "新建哪所学校", "在哪个路口": one thing of a kind the plan never names, which a quote names by the kind's
        # word ("养老中心" is the 养老院 asked) or a plan word like it; glosses in everyday words are no name.
        # A kind the plan names (项目, 医院) may be named by its members (市第五人民医院新建精神康复住院楼).
        said = plan_words(thing)
        if thing in KIND_WORDS:
            continue
        if len(thing) == 1:
            named = any(thing in q for q in quotes)
        elif said == (thing,):
            continue
        elif len(thing) >= 4:
            # "哪个产业园区": a compound's head (园区) is the kind; its modifier (产业, which the quote on the
            # principle says) names no member
            heads = [thing[-2:], *(w for w in said or () if not thing.startswith(w))]
            named = any(w in q for w in heads for q in quotes)
        else:
            named = any(shared_run(thing, q) >= 2 or any(w in q for w in said or ()) for q in quotes)
        if not named:
            return thing
    for found in (*listed, *(_HAS_MEMBER.finditer(question) if not figure else ())):
        span = found.group(1)
        # ("哪几条线", "哪几个区": the measure word is not of the thing asked, a line or a zone)
        # (指标 is a kind listed, "下达了哪些具体指标", though "有没有个指标" asks whether a figure is given)
        amounts = AMOUNT_WORDS if found.re is _HAS_MEMBER else ()
        nouns = [n for n in content_nouns(span.lstrip("个类种处项座所条张块段片"))
                 if n not in KIND_WORDS and n not in GENERIC and n not in amounts]
        if not nouns:
            # ("哪些调整申请": jieba tags 申请 a verb; the head of a compound the plan has no word like is a kind it
            # never names; "有没有安排" asks whether, not of what kind)
            # ("有哪些部门一起管这事": what the kind does, said after it, is no compound)
            cut = list(jieba.posseg.cut(span))
            compound = all(w.flag in ("a", "an", "b", "vn") or w.flag.startswith("n") for w in cut[:-1])
            if found.re is _MEMBERS_OF and len(cut) >= 2 and compound and len(cut[-1].word) >= 2 \
                    and cut[-1].word not in GENERIC and cut[-1].word not in KIND_WORDS and plan_words(cut[-1].word) == ():
                return span
            continue
        # The kind asked is the last noun ("哪些历史文化名村": 名村, which 历史, 文化 qualify): a word of the
        # plan's own, or of its glosses, or one the quotes hold a plan word like. A noun like no plan word at
        # all ("有没有新建救火的站点": 站点) is said by the words before it.
        said = {n: plan_words(n) for n in nouns}
        asked = [nouns[-1]] if said[nouns[-1]] != () else nouns
        # ("项目里有没有新建学校": a place of a kind, 学校, is there only where a quote names one, …中学; a gloss of
        # 教育 names none)
        if all(places_unnamed(n, quotes) for n in asked):
            return span
        if any(said[n] is None for n in asked):
            continue
        # A kind the plan names ("生态控制区里批了哪些开发项目": 项目) is listed only where a quote names it, by
        # its head (政府部门: 部门), or lists items one by one ("一是…", "二是…": 哪几种情形).
        # A rule's noun (质量要求, 原则) is answered by what the rule says, a series (数据准确、边界一致、属性完整)
        # by its items.
        if done and not any(n in said[n] for n in asked):
            continue  # ("新安排了哪些站点": a gloss of the fire stations' sentence may name them)
        if any(n in said[n] for n in asked):
            # (the kind asked heads what is asked, "哪些产业", and is named by members; one that qualifies the head,
            # "常态化的办法", is named by a quote that says it: 常态督查)
            # (a rule's noun, "不能突破的前提", is said by the sentence that holds it: 在不突破…的前提下)
            if any(members_named(n[-2:], quote) if span.endswith(n) and n not in RELATIONAL else n[-2:] in quote
                   for n in asked for quote in quotes) \
                    or any(RULE_NOUN.search(n[-2:]) for n in asked) \
                    or sum(bool(_NUMBERED_ITEM.match(q)) or bool(_ORDINAL_ITEM.search(q)) for q in quotes) >= 2 \
                    or lists_series_of(question, quotes):
                continue
            return span
        # ("哪些产业园区": a plan word the noun starts with, 产业, is its modifier, not the kind of member asked)
        kinds = [w for n in asked for w in said[n] if not (len(n) >= 3 and n.startswith(w) and w != n)]
        if not any(word in quote for word in kinds for quote in quotes):
            return span
    return None


# "乡村发展区细化成了哪几类": the kinds something is divided into are asked.
_DIVIDED = re.compile(r"(细化|细分|分成|分为|划分|拆分)(?:成|为)?了?(?:哪几|哪些|几)")


def unlisted_kinds(question: str, quotes: Iterable[str]) -> str | None:
    """"乡村发展区细化成了哪几类": what is divided, when the quotes name it but list nothing after it
    (the plan says 对乡村发展区进行规划分区细化 and no more); None when a quote lists its kinds
    (重点建设项目…其中，实施 118 项、延续 229 项…) or does not name it at all."""
    found = _DIVIDED.search(question)
    if not found:
        return None
    quotes = list(quotes)
    # What is divided: the longest run of the question before the verb that the quotes name (乡村发展区).
    before = question[:found.start()]
    runs = [before[i:j] for i in range(len(before)) for j in range(i + 2, min(len(before), i + 12) + 1)]
    named = [r for r in runs if any(r in q for q in quotes) and not set(r) & set("，,。？?！!、 ")]
    # ("它细化成了哪几个二级分区？（乡村发展区）": 它 is the subject carried over in brackets)
    carried = CARRIED.search(question)
    named += [t for t in (carried.group(1).split("、") if carried and not named else ()) if any(t in q for q in quotes)]
    subject = max(named, key=len, default=None)
    if subject is None or subject in GENERIC:
        return None
    after = [q[q.index(subject) + len(subject):] for q in quotes if subject in q]
    return None if any(re.search(r"[、：:]", rest) for rest in after) else subject


# "哪些项目算适度开发", "哪些产业算转型升级的重点": which of a kind count as something, a classification.
_COUNTS_AS = re.compile(r"哪(?:些|几[个类种项])(?P<kind>[\u4e00-\u9fff]{1,4}?)(?:才?算是?|属于|能算|可以算)"
                        r"(?P<what>[\u4e00-\u9fff“”]{2,12})")


def unclassified(question: str, quotes: Iterable[str]) -> str | None:
    """"哪些产业算转型升级的重点": which things of a kind count as what is named, when no quote that names it lists
    any (…保障产业转型升级…: the plan names the aim, it lists no industries); None when one does, or no such
    question is asked."""
    found = _COUNTS_AS.search(without_carried(question))
    if found is None:
        return None
    what = re.sub(r"[的呢吗？?“”]+$", "", found.group("what")).strip("“”")
    pieces = [what[i:i + 2] for i in range(len(what) - 1)]
    if any(SERIES.search(q) and any(p in q for p in pieces) for q in quotes):
        return None
    return f"哪些{found.group('kind')}算{what}"


# "哪些项目是示意上图的", "精准上图的都有哪些项目": projects by the way they go onto the map, which the plan names as
# ways only ("按照精准上图、示意上图、增补清单三类方式纳入…"), listing no project under any.
_BY_MAP_WAY = re.compile(r"(?:哪些|哪几个|哪个|什么)(?:项目|工程)[^，。？?]{0,8}(?P<way>精准上图|示意上图|增补清单)|"
                         r"(?P<way2>精准上图|示意上图|增补清单)[^，。？?]{0,8}(?:哪些|哪几个|哪个|什么)(?:项目|工程)")


def projects_by_map_way(question: str) -> str | None:
    """The way onto the map ("示意上图") whose projects are asked, or None."""
    found = _BY_MAP_WAY.search(without_carried(question))
    return (found.group("way") or found.group("way2")) if found else None


# "这四条里哪条最重要？": one of several picked by its weight, which the plan gives none of (it never says 最).
_MOST_WEIGHTY = re.compile(r"哪(?:一)?[条个项种类点块]?(?:最|更)(?:为)?(?:重要|关键|核心|根本|要紧|优先)")


def fit(question: str, answer: Answer, in_plan: Callable[[str], bool] = lambda word: True,
        glossed: Callable[[str, list[str]], bool] = lambda word, quotes: False) -> Answer:
    """The quotes found answer what is asked: members when members are asked, a number when one is, a body,
    a document number or a penalty when one is, a rule when leave is asked for an action the plan never names
    (`in_plan` tells a word of the plan's; `glossed` a word a gloss of a quote uses); otherwise the plan does
    not say, and the quotes stay as what it does say."""
    quotes = [c.quote for c in answer.citations]
    if answer.refused or not quotes:
        return answer
    counted = counted_not_listed(question, quotes)
    thing = missing_thing(question, quotes)
    unlisted = unlisted_kinds(question, quotes)
    unnumbered = unnumbered_document(question, quotes)
    level = uncounted_level(question, "\n".join(quotes))
    if level and not COUNT_ASKED.search(question):  # "有没有把市县级文物保护单位也纳进来"
        reason = f"方案原文没有提到{level}，无法回答。"
    elif level:
        reason = f"方案原文没有给出{level}的数量，无法回答。"
    elif counted:
        asks_why = bool(ASKS_REASON.search(question)) and not asks_members(question)
        missing = "说明原因，无法回答" if asks_why else "说明具体内容，无法回答" if _ASKS_DETAILS.search(question) \
            else "列出具体名单，无法列举"
        reason = f"方案原文只给出了数量（{counted}），没有{missing}。"
    elif unnumbered:
        reason = f"方案原文提到“{unnumbered}”，但没有给出它的文号，无法回答。"
    elif thing:
        reason = f"方案原文没有给出{thing}，无法回答。"
    elif unlisted:
        reason = f"方案原文没有列出{unlisted}的具体类别，无法列举。"
    elif each := unnumbered_each(question, quotes):  # "城区、矿区、郊区各分到多少": one number for all three
        reason = f"方案原文没有分别给出{'、'.join(each)}的数字，无法回答。"
    elif missing_figure(question, quotes, lambda word: glossed(word, quotes)):
        reason = "方案原文没有给出这一数字，无法回答。"
    elif action := unruled_action(question, answer.citations, in_plan):
        reason = f"方案原文没有规定能否{action}，无法回答。"
    elif place := unlisted_place(question, quotes, in_plan):
        reason = f"方案原文没有列出{place}的具体项目或设施，无法回答。"
    elif (weighty := _MOST_WEIGHTY.search(question)) \
            and not any((said := weighty.group(0)[1:].lstrip("一条个项种类点块")) in q for q in quotes):
        reason = f"方案原文没有说哪一项{said}，无法回答。"
    elif way := projects_by_map_way(question):
        reason = f"方案原文没有列出以{way}方式纳入的具体项目，无法列举。"
    elif classified := unclassified(question, quotes):
        reason = f"方案原文没有说明{classified}，无法回答。"
    elif choice := unoffered_choice(question, in_plan):
        reason = f"方案原文没有提到{choice}，无法回答。"
    else:
        return answer
    return refused_quoting(question, answer, reason)
