"""Whether a thing may be done, asked of the plan: the leave asked ("能不能搞开发"), the action it is for, and a
choice offered between things ("shp还是gdb"); what a sentence that rules on it looks like."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import jieba
import jieba.posseg

from ..plan.vocabulary import LAYER_SYNONYMS, find_layer
from .followup import without_carried
from .scope import GENERIC

# "永久基本农田里能盖房吗", "那能盖房吗（永久基本农田）": whether an action may be done there.
_MAY = re.compile(r"(?:能不能|可不可以|能否|可否|让不让|准不准|(?<![功可])能|可以)([\u4e00-\u9fff]{1,6}?)"
                  r"(?:吗|(?<!什)么|不(?=[？?]|$)|[？?]|$)")  # "还能盖新房不？"
# What a sentence says when it rules on what may be done there: a permission or a ban. A rule kept of the
# thing itself ("功能不降低", "不改变其保护属性", "严守…红线") says nothing of a car park or a restaurant in it.
RULES = re.compile(r"可进行|可以|不得|禁止|严禁|允许|不准|不宜")
_RELATED = re.compile(r"关系|联系|关联|挂钩|沾边")


# "能不能稍微搞点开发建设", "还能搞点开发不": leave asked, however long what is to be done.
_LEAVE = re.compile(r"(?:能不能|可不可以|能否|可否|让不让|准不准|许不许)(?P<do>[^，,。？?]{1,12})|"
                    r"(?<![功可])能(?P<can>[^，,。？?]{1,12}?)(?:吗|(?<![什怎这那])么|不(?=[？?]|$))|"
                    r"可以(?P<may>[^，,。？?]{1,12}?)(?:吗|(?<![什怎这那])么)")


def asks_leave(question: str) -> str:
    """"那边能不能搞开发？": what leave is asked for (搞开发), which a sentence that rules answers; "" when none."""
    found = _LEAVE.search(without_carried(question))
    return next((part for part in found.groups() if part), "") if found else ""


# What is allowed or banned there, asked as a list: "红线里允许开展哪些活动", "这条线里禁止建哪些东西".
_RULE_ASKED = re.compile(r"(?:允许|禁止|不准|不许|严禁|不得|不让|不能|能|可以)[\u4e00-\u9fff]{0,8}?(?:哪些|哪几|什么|啥)"
                         r"[\u4e00-\u9fff]{0,8}")
# "这条线内有哪些管控规则": the rules of a place asked by name, with no word of leave.
_RULES_NAMED = re.compile(r"(?:哪些|什么|啥)(?P<rules>(?:管控|管理|限制)(?:规则|要求|规定|措施))|"
                          r"(?P<named>(?:管控|管理)(?:规则|要求|规定))(?:是什么|是啥|有哪些|有什么|有啥)")
# The words asking leave, each a word of its own to jieba (not 能 of 能源: "能源这些部门在方案里有角色吗").
_MODAL_WORDS = frozenset({"能", "不能", "能否", "可否", "可以", "可不可以", "不许", "不准", "允许", "禁止", "严禁", "不得",
                          "不让"})
# A sentence that rules at all: a permission or a ban, or a bound kept ("坚持“先规划、后建设”", "严守…红线",
# "不突破…规模", "确保…不减少").
_RULING = re.compile(rf"{RULES.pattern}|严守|坚持|严格|必须|应当|不突破|不降低|不破坏|不减少|杜绝|确保|只能|仅|"
                     r"先[^，,。]{1,4}后|原则|前提|情形")


def unruled_leave(question: str, quotes: Iterable[str]) -> str | None:
    """What the plan leaves unsaid when leave is asked ("没有规定能否搞旅游项目开发"), what is allowed or banned
    ("没有规定禁止建哪些东西") or the rules by name ("没有给出管控规则"), and no quote rules on anything: the
    sentences found say how large the line is or that it was not changed, not what may be done there."""
    said = without_carried(question)
    leave, listed, named = asks_leave(question), _RULE_ASKED.search(said), _RULES_NAMED.search(said)
    if (leave or listed) and not _MODAL_WORDS.intersection(jieba.lcut(said)):  # (cut only when leave may be asked)
        leave, listed = "", None
    if _RELATED.search(leave):  # "跟消防训练的场地能扯上关系吗": whether things are related, no leave
        leave = ""
    # (the zone as the asker names it, not one read into a description, "山上生态那块", nor one set aside, "不在生态
    # 红线里、但也算生态片区的地方")
    zone = find_layer(said)
    word = re.escape(zone[1]) if zone else ""
    aside = zone and re.search(rf"(?:不在|除了?|不属于|不是){word}|{word}(?:以外|之外|外面|外边|外头)", said)
    ruling = [q for q in quotes if RULES.search(q)]
    if leave and zone and not aside and ruling and not any(w in q for q in ruling for w in LAYER_SYNONYMS[zone[0]]):
        # "生态保护红线里能不能搞旅游开发": the rule quoted is another zone's (生态控制区 "可进行适度的开发利用")
        return f"没有规定{zone[0]}内能否{leave}".rstrip("吗么呢")
    if leave:
        unsaid = f"没有规定能否{leave}"
    elif listed:
        unsaid = f"没有规定{listed.group(0)}"
    elif named:
        unsaid = f"没有给出{named.group('rules') or named.group('named')}"
    else:
        return None
    return None if any(_RULING.search(q) for q in quotes) else unsaid.rstrip("吗么呢")


_WHERE = re.compile(r"(?<=能)在[^，,。？?]{1,10}?(?:里面|里头|里|内|中|上)")


def unruled_action(question: str, citations: Iterable, in_plan: Callable[[str], bool]) -> str | None:
    """The action a question asks leave for ("盖房"), when the plan never speaks of it (no piece of it is a word
    of the plan's: 盖房, 盖高楼; not 调整, 提意见, 建养老院) and no quote rules on anything: the passage on the
    subject does not say whether it may be done."""
    # ("能在生态控制区里开个农家乐吗": where, said between 能 and the action, is not the action)
    found = _MAY.search(_WHERE.sub("", without_carried(question)))
    if not found:
        return None
    action = found.group(1).removesuffix("不")  # "能说不": 说, or not
    # One character (有意见，能提吗) asks of a thing named before it; "能得到什么支持" asks what, not whether.
    if len(action) < 2 or re.search(r"什么|啥|哪|多少|几|怎", action):
        return None
    # A verb and what it is done to (盖大棚; 盖房 and 开矿 are one word to jieba, a verb and a noun character):
    # a verb alone ("有意见，能反映吗") is done to a thing named elsewhere; "能有多少" asks no action.
    cut = list(jieba.posseg.cut(action))
    if len(cut) > 1:
        verb, done_to = cut[0].flag.startswith("v"), any(w.flag.startswith("n") for w in cut[1:])
    else:
        verb = next(jieba.posseg.cut(action[0])).flag.startswith("v")
        done_to = cut[0].flag.startswith("n") or next(jieba.posseg.cut(action[-1])).flag.startswith("n")
    # "跟国土规划能扯上关系吗": whether things are related, which is no leave asked
    if not (verb and done_to) or _RELATED.search(action):
        return None
    pieces = [action[i:i + 2] for i in range(len(action) - 1)]
    if any(p not in GENERIC and in_plan(p) for p in pieces):
        return None
    return action


# "shp还是gdb": the things a choice is offered between, each a word of its own.
_CHOICE = re.compile(r"([A-Za-z]+|[\u4e00-\u9fff]{1,8})还是([A-Za-z]+|[\u4e00-\u9fff]{1,8})")


def unoffered_choice(question: str, in_plan: Callable[[str], bool]) -> str | None:
    """"数据格式用shp还是gdb？": a choice between things (nouns, or words in Latin letters) the plan names
    none of; whichever is quoted, it does not choose between them."""
    found = _CHOICE.search(question)
    if not found:
        return None
    sides = [[w.word for w in jieba.posseg.cut(side) if len(w.word) >= 2
              and (w.flag.startswith("n") or re.fullmatch(r"[A-Za-z]+", w.word))] for side in found.groups()]
    if not all(sides) or any(in_plan(w) for side in sides for w in side):
        return None
    return f"{found.group(1)}或{found.group(2)}"
