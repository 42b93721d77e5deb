"""Figure questions answered by named SQL over plan_figures, with the arithmetic written out and cited."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..answer_types import Answer
from ..layers.sql import SqlRunner
from ..plan.vocabulary import COUNTIES, PROJECT_STATUS_WORDS, PROJECT_STATUSES
from .figure_composer import Composer
from .figure_cues import AFTER, BEFORE, NUMBER_ASKED
from .figure_followup import resolve
from .figure_pairs import area_share, compare_two, ratio_two, rest_share, scope_pair, share_basis
from .figure_unstated import unstated_figure
from .figure_words import (
    COUNTED_IN,
    INDICATOR_WORDS,
    MEASURE_WORDS,
    OTHER_PLACES,
    PROJECT_WORDS,
    SCOPE_WORDS,
    SITE_WORDS,
)
from .followup import without_carried

__all__ = ["answer_figure"]


# A split of the projects the plan never gives ("每种方式各有多少", "各区县分别多少项").
# "有几个自然保护地": things counted, right after the count asked (not a line, a unit or a share's points).
_COUNT_OF_THING = re.compile(r"(?<![那这哪第])(?:几|多少)(?:个|处|座|所|家|片)(?P<thing>(?![^？?，,。]*(?:线|百分点|倍|公顷|亩|平方))"
                             r"[\u4e00-\u9fff]{2,8}?)(?=[呢吗啊呀？?，,。！!]|$)")
# "有几个在中心城区", "郊区的": a place the projects are counted in.
_PROJECT_PLACE = re.compile(r"中心城区|(?<!中心)城区|矿区|郊区|高新区|平定县?|盂县")
_PROJECT_BREAKDOWN = re.compile(r"(?:每种|每类|各种|各类|每个|各个|按|分|[两三四五六几]种)\S{0,4}?(上图方式|方式|类别|类型|行业|领域|区县|县区)")
# "以精准上图方式纳入的有多少个": one of the three ways projects are put on the map, which the plan does not count.
_MAP_WAY = re.compile(r"精准上图|示意上图|增补清单")
# "交通类重点项目有多少个", "里面交通项目有几个": one category of projects, which the plan does not count either.
# "实施和延续两类重点项目" counts classes: a numeral before 类 names none.
_PROJECT_KIND = re.compile(r"([\u4e00-\u9fff]{2})(?<![一二两三四五六七八九十几])类的?(?:重点)?(?:建设)?项目")
# Words before 项目 that say which projects in the plan's own terms, or how many, not a category.
_NOT_A_CATEGORY = frozenset({"重点", "重大", "关键", "建设", "全部", "所有", "其他", "其余", "具体", "发展", "调整", "状态",
                             "维护", "变化", "变动", "规划", "清单",
                             *(word for words in PROJECT_STATUS_WORDS.values() for word in words)})
_PLACES = frozenset({*COUNTIES, *OTHER_PLACES, *(said for said, _ in SCOPE_WORDS), "阳泉"})
# Words that only join a category to 项目: "修路的项目", "养老方面的项目", "交通相关的重点项目".
_STATUS_SAID = tuple(word for words in PROJECT_STATUS_WORDS.values() for word in words)
_JOINERS = frozenset({"的", "方面", "相关", "有关", "类", "这类", "这种"})
_PROJECT_WORDS = frozenset({"项目", "重点项目", "建设项目"})
# "新增的项目里有几个是工业的": the category said after the projects.
# ("新增的项目里交通类的有多少个": a category of two characters and 类, said right after)
_CATEGORY_AFTER = re.compile(r"项目(?:里|中|当中|里面|里头)(?:\S{0,6}?是([\u4e00-\u9fff]{2,4}?)(?:类|方面|相关)?的|"
                             r"([\u4e00-\u9fff]{2})类)")


# "扩展规模里工业用地占多少", "其中政府投资占多少": a part of a figure, said after 里 or 其中, whose amount is asked.
_PART_ASKED = re.compile(r"(?:里|其中|当中|之中|里面|里头)(?P<part>[\u4e00-\u9fff]{2,6}?)的?(?:占了?|有)(?:多少|几|多大|百分)")
# Words of the figures the plan gives (its indicators, measures, kinds counted), of its places, and of a share.
_FIGURE_PARTS = tuple(w for table in (INDICATOR_WORDS, MEASURE_WORDS, PROJECT_WORDS, SITE_WORDS)
                      for words in table.values() for w in words) \
    + tuple(said for said, _ in SCOPE_WORDS) + COUNTIES + OTHER_PLACES \
    + ("城区", "矿区", "郊区", "面积", "部分", "比例", "比重", "数量", "规模", "总量", "线", "边界", "红线", "农田")


# "能给哪类项目用", "用途是什么": what land is for, asked of a figure.
_USE_ASKED = re.compile(r"(?:给|用于|用在|用来|拿来|留给|供)(?:哪|什么|啥)[\u4e00-\u9fff]{0,4}用?|用途|(?:怎么|如何)(?:使)?用")


# A level of sites other than the two the plan counts (SITE_WORDS): "市县级", "县级的" (not 市级总体规划).
_SITE_LEVEL = re.compile(r"(?:市县|县市|区县|县区|市|县|区)级(?!总体|国土|规划|政府)")


# Nouns of a part that say how it stands, not what it is ("处于实施状态的有多少").
_NO_KIND = frozenset({"状态", "情况", "阶段", "方面", "类型", "类别", "部分", "性质", "属性"})


def _unstated_part(question: str) -> str | None:
    """The part of a figure asked ("工业用地" in "扩展规模里工业用地占多少"), when it is none the plan gives a
    figure for: no indicator, measure, kind counted, place or phase of the plan's is in it."""
    found = _PART_ASKED.search(without_carried(question))
    part = found.group("part") if found else ""
    # ("这三个层次里最小的那个有多大": one of the things just named, picked out, is no part)
    if not part or BEFORE.search(part) or AFTER.search(part) or re.search(r"^最|[那这哪]个", part):
        return None
    if not any(w in part for w in _FIGURE_PARTS):
        return part
    # ("其中高标准农田有多少": a kind of 农田 the plan gives no figure for, named by a noun of its own, 高标准)
    import jieba.posseg

    kinds = [w.word for w in jieba.posseg.cut(part) if w.flag == "n" and len(w.word) >= 2
             and w.word not in _NO_KIND and not any(w.word in f or f in w.word for f in _FIGURE_PARTS)]
    return part if kinds else None


def _names_category(word) -> bool:
    """A noun-like word that is neither the plan's own way of counting nor a place ("郊区的项目")."""
    return word.flag in ("n", "vn", "nr", "nz") and len(word.word) >= 2 and word.word not in _NOT_A_CATEGORY \
        and word.word not in _PLACES


def project_category(question: str) -> str | None:
    """The category of projects a question names ("交通类项目", "修路的项目", "项目里有几个是工业的"), or None."""
    import jieba.posseg

    kind = _PROJECT_KIND.search(question)
    # 新增类 is a status the plan counts; "已经在干的那类项目" points at one, it names no category
    if kind and (kind.group(1) in PROJECT_STATUSES or re.search(r"[的那这哪每各]", kind.group(1))):
        return None
    if kind:
        return kind.group(1)
    words = list(jieba.posseg.cut(question))
    starts = [sum(len(w.word) for w in words[:at]) for at in range(len(words))]
    # "新加进来的项目": jieba cuts 新 from 加进来, but the status said (新加) is no category
    statuses = [(m.start(), m.end()) for word in _STATUS_SAID for m in re.finditer(re.escape(word), question)]
    for at, word in enumerate(words):
        if word.word not in _PROJECT_WORDS:
            continue
        before = at - 1
        while before >= 0 and words[before].word in _JOINERS:
            before -= 1
        said = (starts[before], starts[before] + len(words[before].word)) if before >= 0 else None
        if said and any(a < said[1] and said[0] < b for a, b in statuses):
            continue
        if before >= 0 and _names_category(words[before]):
            return words[before].word
    after = _CATEGORY_AFTER.search(question)
    category = after and (after.group(1) or after.group(2))
    return category if category and category not in _NOT_A_CATEGORY else None


def _not_given(question: str, composer: Composer, text: str) -> Answer:
    """A refusal of what the plan's figures do not give, with the figures it does give, their quotes and SQL."""
    return Answer(question, "figure", text, citations=composer.citations, tables=composer.tables, refused=True)


def answer_figure(question: str, runner: SqlRunner, context: dict[str, Any] | None = None) -> Answer | None:
    """Answer a question about a number the plan states, or None when it is not a figure question.

    `context` is the conversation's context dict. The previous figure turn is read from
    context["figure"]; after answering, context["figure"] holds this turn's resolved query
    ({"indicators", "measures", "version", "op", "unit", "scope"}) so "那生态保护红线呢？" and
    "维护前呢？" resolve against it.
    """
    query = resolve(question, context)
    if query is None:
        return None
    # "这23处里面哪一处占地最大？" after the sites counted: what the plan does not give of the figures the question
    # was read against, though it names none of them itself
    refusal = query.refusal or unstated_figure(without_carried(question), [i for i in query.indicators if i])
    if refusal:
        return Answer(question, "figure", refusal, refused=True)
    composer = Composer(runner, query.decimals)
    asked = query  # what a follow-up resolves against, though the pair below answers its indicators
    if scope_pair(composer, query) or compare_two(composer, query, question) or ratio_two(composer, query) \
            or share_basis(composer, query, question):
        query = replace(query, indicators=[])  # both areas and their share or difference are said
    if query.op == "net" and query.indicators == [""] and {"调入", "调出"} <= set(query.measures):
        # "调进调出之后，净多了多少？" of no line named: the net of each line the plan gives both moves of
        moved = list(dict.fromkeys(r["indicator"] for r in composer.lookup("", "调入")))
        query = replace(query, indicators=moved or [""])
    for indicator in query.indicators:
        if query.op in ("change", "net") and indicator:
            composer.answer_change(query, indicator)
        else:
            composer.answer_lookup(query, indicator)
            composer.derived(query, indicator)
    area_share(composer, query, question)
    rest_share(composer, query)
    if not composer.citations:
        return None if not composer.lines else Answer(question, "figure", "".join(composer.lines), refused=True)
    if context is not None:
        if context.get("figure") and context["figure"] != asked.to_context():
            context["figure_before"] = context["figure"]  # "两个加起来多少？" takes the last two figures
        context["figure"] = asked.to_context()
    counted = _COUNT_OF_THING.search(question)
    if counted and query.indicators and not set(query.indicators) & set(COUNTED_IN.values()):
        # "生态保护红线里有几个自然保护地": things counted, where the plan gives the line's area only
        return _not_given(question, composer, f"方案原文没有给出“{counted.group('thing')}”的数量，无法回答。"
                          f"方案给出的相关数字：{''.join(dict.fromkeys(composer.lines))}")
    other, kind = _PROJECT_BREAKDOWN.search(question), project_category(question)
    by = other.group(1) if other else ("上图方式" if _MAP_WAY.search(question) else "")
    if not by and kind:
        by = f"类别（{kind}类）"
    place = _PROJECT_PLACE.search(question)
    if not by and place:  # "新增项目里有几个在中心城区": the plan counts them for the whole city only
        by = f"地点（{place.group(0)}）"
    if by and "重点建设项目" in query.indicators:
        # "每种上图方式各有多少项": the plan counts projects by status only; that count is no answer.
        return _not_given(question, composer, f"方案只按实施、延续、撤销、更新、新增给出重点建设项目的数量，没有按{by}"
                          f"分别给出，无法回答。方案给出的数量：{''.join(composer.lines)}")
    use = _USE_ASKED.search(question)
    if use and not NUMBER_ASKED.search(question):
        # "机动规模能给哪类项目用？": what a figure's land is for, which the plan's figures do not say
        return _not_given(question, composer, f"方案原文只给出数字，没有说明其用途（{use.group(0)}），无法回答。"
                          f"方案给出的相关数字：{''.join(dict.fromkeys(composer.lines))}")
    level = _SITE_LEVEL.search(without_carried(question))
    if level and COUNTED_IN["处"] in query.indicators:
        # "那市县级文物保护单位呢，纳入了几处？": the plan counts the 国家级 and 省级 sites only
        return _not_given(question, composer, f"方案只给出国家级、省级文物保护单位的数量，没有给出{level.group(0)}的，无法回答。"
                          f"方案给出的数量：{''.join(dict.fromkeys(composer.lines))}")
    part = _unstated_part(question)
    if part and query.indicators:
        # "扩展规模里工业用地占多少？": a part of the figure the plan does not break out
        return _not_given(question, composer, f"方案原文没有给出{'、'.join(query.indicators)}中“{part}”的数字，无法回答。"
                          f"方案给出的相关数字：{''.join(dict.fromkeys(composer.lines))}")
    # Nothing asked is stated: a refusal, with the figures the plan does give for context.
    # "中心城区呢？" after 市域's area: the 国土面积 and 中心城区面积 lookups state the same sentence once
    return Answer(question, "figure", "".join(dict.fromkeys(composer.lines)), citations=composer.citations,
                  tables=composer.tables, refused=composer.missing > 0 and composer.found == 0)
