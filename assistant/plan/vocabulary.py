"""The plan's layer and phase words, with the other ways people say them."""

from __future__ import annotations

import re

# canonical layer -> other ways to say it (longest first matters when matching)
LAYER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "永久基本农田": ("永久基本农田保护红线", "永久基本农田", "基本农田", "永农", "耕地保护红线"),
    "生态保护红线": ("生态保护红线", "生态红线"),
    "城镇开发边界": ("城镇开发边界", "开发边界", "城镇边界"),
    "历史文化保护线": ("历史文化保护线", "历史文化保护区", "文保线"),
    "洪涝风险控制线": ("洪涝风险控制线", "洪涝控制线", "洪涝风险", "洪涝"),
    "城市绿线": ("城市绿线", "绿线"),
    "城市紫线": ("城市紫线", "紫线"),
    "规划分区": ("规划分区", "用途分区", "功能分区"),
    "生态控制区": ("生态控制区",),
    "中心城区用地": ("中心城区用地", "用地布局", "用地规划布局"),
    "中心城区范围": ("中心城区范围",),
    "重点建设项目": ("重点建设项目", "重点项目"),
}

# A line of the colour-coded set of Chinese urban planning (红/绿/蓝/紫/黄/橙/黑线), whether or not the plan has it.
COLOUR_LINE = re.compile(r"[红绿蓝紫黄橙黑]线")

PHASE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "维护前": ("维护前", "调整前", "原规划", "原来", "之前", "以前"),
    "维护后": ("维护后", "调整后", "现在", "之后", "目前"),
    "调出": ("调出",),
    "调入": ("调入",),
}

# County-level units outside 市辖区: the plan gives no layer or figure for them.
OTHER_COUNTIES = ("平定县", "盂县")
# The plan's statuses of a key construction project (重点建设项目).
PROJECT_STATUSES = ("实施", "延续", "撤销", "更新", "新增")
# How each status is said: "撤掉的那些项目", "新加的项目".
PROJECT_STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "实施": ("实施",), "延续": ("延续", "继续", "接着往下", "接着干", "接着做", "接着建"),
    "撤销": ("撤销", "取消", "删除", "撤掉", "撤下", "砍掉"),
    "更新": ("更新",), "新增": ("新增", "新纳入", "新加", "新上", "新添"),
}


def find_layer(text: str) -> tuple[str, str] | None:
    """(canonical layer, the words used) for the first layer named in the text."""
    best: tuple[int, int, str, str] | None = None
    for layer, words in LAYER_SYNONYMS.items():
        for word in words:
            pos = text.find(word)
            if pos >= 0 and (best is None or (pos, -len(word)) < (best[0], best[1])):
                best = (pos, -len(word), layer, word)
    return (best[2], best[3]) if best else None


def find_phase(text: str) -> tuple[str, str] | None:
    for phase, words in PHASE_SYNONYMS.items():
        for word in words:
            if word in text:
                return phase, word
    return None


# Everyday ways of saying what the plan says in its own words. Applied before routing, so every
# path (figures, text, follow-ups) sees the plan's term.
_SAME_AS_PLAN = (
    (re.compile(r"城区(?:[、，,和与及\s]|加上|还有|以及)*矿区(?:[、，,和与及\s]|加上|还有|以及)*郊区"
                r"(?:合起来|合计|加起来|一共|总共|[，,]?这?[几三]个区(?:的地方)?)?"
                r"(?![^，,。？?]{0,10}?(?:各|分别|每|单独))"), "市辖区"),  # each one's asked: not their sum
    (re.compile(r"层级"), "层次"),
    # The plan's three 层次 (市域、市辖区、中心城区, each inside the one before) named by their size: "最大的那一层",
    # "最小那一层" (by their order, "第二个层次", they are read off the list just given, in followup).
    (re.compile(r"(?:最大|最外|最广)(?:的)?(?:那|这)?一?个?(?:层次|层面(?!积)|层)"), "市域"),
    (re.compile(r"(?:最小|最里|最内)(?:的)?(?:那|这)?一?个?(?:层次|层面(?!积)|层)"), "中心城区"),
    (re.compile(r"中心城(?![区市镇])"), "中心城区"),  # the plan's 中心城区 said short
    (re.compile(r"城中心|市中心(?!医院)"), "中心城区"),  # ... and said the other way round
    (re.compile(r"主城区?"), "中心城区"),  # the everyday name of a city's 中心城区 (not its district 城区)
    # 城市紫线, 城市绿线 are named by the colour they are drawn in: "紫颜色的那条线" is that line.
    (re.compile(r"紫(?:颜)?色的?(?:那条|这条)?(?:控制)?线"), "城市紫线"),
    (re.compile(r"绿(?:颜)?色的?(?:那条|这条)?(?:控制)?线"), "城市绿线"),
)


# "生态那条红线", "洪涝这个控制线": a layer's name split by a demonstrative and a measure word.
_SPLIT_NAME = re.compile(r"((?:(?![那这的])[\u4e00-\u9fff]){2,4}?)(?:的)?(?:那|这)一?[条根道个片块](?:的)?([\u4e00-\u9fff]{0,4}线)")


def _joined(found: re.Match) -> str:
    name = found.group(1) + found.group(2)
    if any(name in words for words in LAYER_SYNONYMS.values()):
        return name
    # "城镇那条线": the one line whose name starts so (城镇开发边界), said short
    starting = {words[0] for words in LAYER_SYNONYMS.values() if any(w.startswith(found.group(1)) for w in words)}
    return starting.pop() if len(starting) == 1 and found.group(2).endswith("线") else found.group(0)


def in_plan_words(question: str) -> str:
    for pattern, plan_word in _SAME_AS_PLAN:
        question = pattern.sub(plan_word, question)
    return _SPLIT_NAME.sub(_joined, question)

# Layers a location check answers for, their two versions, and the five county-level units.
CHECK_LAYERS = ("永久基本农田", "生态保护红线", "城镇开发边界", "历史文化保护线", "洪涝风险控制线",
                "城市绿线", "城市紫线", "规划分区", "中心城区范围", "中心城区用地")
VERSIONS = ("维护前", "维护后")
COUNTIES = ("城区", "矿区", "郊区", "平定县", "盂县")
CITY_DISTRICTS = ("城区", "矿区", "郊区")
