"""The kind of thing a question asks one (or a few) of: "新建哪所学校" -> 学校, "哪几个县" -> 县; and the words of a
kind that name no member ("类型", "方面") or ask a figure, not a member ("个数", "面积")."""

from __future__ import annotations

import re

import jieba.posseg

from .scope import GENERIC

# "有哪些类型", "哪些方面": the kinds of members asked, which any list answers.
# Nouns of a kind the plan names by its members without the kind's word: "强调的是哪个理念" is answered by 多规合一.
KIND_WORDS = frozenset({"类型", "种类", "类别", "方面", "内容", "形式", "方式", "东西", "事项", "情况", "工作", "状态",
                        "理念", "思想", "思路", "精神", "宗旨", "方针", "导向", "观念"})
# "绿地面积有没有个数": whether a figure is given, not a member
AMOUNT_WORDS = frozenset({"个数", "数字", "数据", "数", "数量", "面积", "规模", "指标"})
# "新建哪所学校", "哪个路口", "哪几个县": one thing (or a few) of a kind, named right after the question word.
_WHICH_ONE = re.compile(r"(?<!第)哪几?(?:所|座|家|栋|间|位|处|个)")  # ("要新建哪几座公园": a few of the kind)
# Kinds of one character that are places: 县, 村, 河 (not 楼, 文: "哪栋楼" is answered by the building's name).
PLACE_KINDS = frozenset("县镇乡村河山湖路街")
# Which way or which side: the bounds a quote gives (东起杨家庄乡) answer it.
_SIDES = frozenset({"方向", "方位", "位置", "边", "头", "侧"})


def which_one(question: str) -> list[str]:
    """The kinds of thing asked one (or a few) of: the nouns right after "哪所/哪个/哪几个" ("哪所学校" -> 学校,
    "哪几个县" -> 县), leaving out the words a question is asked in (部门, 方面, 类型)."""
    kinds = []
    for found in _WHICH_ONE.finditer(question):
        nouns, after = [], ""
        for word in jieba.posseg.cut(question[found.end():]):
            # (jieba tags 路口 a place word, a lone 县 or 村 a morpheme)
            if not (word.flag.startswith("n") or word.flag == "s" or word.word in PLACE_KINDS) or word.word in _SIDES:
                after = word.word
                break
            nouns.append(word.word)
        thing = "".join(nouns)
        # "哪个部里的文件": what the nouns qualify is asked (文件), not the nouns
        if not thing or after == "的" or thing in GENERIC or thing in KIND_WORDS or thing in AMOUNT_WORDS \
                or len(thing) == 1 and thing not in PLACE_KINDS:
            continue
        kinds.append(thing)
    return kinds

