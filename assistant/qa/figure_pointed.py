"""What a figure turn points back at: "它", "这个差值", "占它", "它们" named from the last figure turn, before the
turn is read against it (figure_followup)."""

from __future__ import annotations

import re
from typing import Any

from .figure_cues import AMOUNT, CHANGE, words_found
from .figure_lines import line_spoken_of, name_tail
from .figure_query import FigureQuery, parse
from .figure_words import INDICATOR_WORDS
from .followup import without_carried

# "跟哪个指标相等", "和哪个数一样": which figure a number just given equals.
_EQUAL_TO_WHICH = re.compile(r"(?:跟|和|与|同|等于)(?:哪个|哪一?项|什么|哪)(?:指标|数字|数值|数|规模)?的?(?:数值|数字)?"
                             r"(?:相等|一样|相同|一致)|(?:相等|一样|相同)的(?:是)?(?:哪个|什么|哪项)")
# "它们占全部的多少", "这些加起来占总数的百分之几": the things just added up, as a share of the whole.
_THEY_OF_ALL = re.compile(r"^(?:那么?)?(?:它们|这些|这几[类项个种]?|两者|二者|这两[类项个种]?)(?:加起来|合起来|合计|一共|总共)?"
                          r"(?:占|在)(?:全部|所有|总数|总量|整个|全)")
# "跟…比", "和…相比": the figure just given is held against the one named.
AGAINST_IT = re.compile(r"^(?:那么?)?(?:它|这)?(?:跟|和|与|同)")
# "洪涝风险控制线比它大多少公顷？": the line named against the one just given.
THAN_IT = re.compile(r"比(?:它|这个?|那个?|前者|上一个|刚才那个)")
# "它比…大多少": the thing the last figure was of, held against another.
_IT_AGAINST = re.compile(r"^(?:那么?)?(?:它|这个|这)比")
# "它占维护后开发边界总面积的比例": a share of the last figure, of a whole named.
_IT_OF = re.compile(r"^\s*(?:那么?)?(?:它|这个|这部分|这)(?P<share>占(?P<whole>[^？?]+))")
# The plan's names of a line's measures, said in place of 它.
_MEASURE_NAMED = {"扩展规模": "扩展规模", "预留机动": "预留机动规模", "调出": "调出", "调入": "调入"}
# "占它多大比例", "占其百分之几": a share of the thing the last figure was of.
_OF_IT = re.compile(r"占(?:它们?|其|这个|这)(?=的|多|百分|比|[？?]|$)")


def pointed_back(question: str, prev: dict[str, Any] | None, context: dict[str, Any] | None
                 ) -> tuple[str, dict[str, Any] | None, FigureQuery | None]:
    """The question with what it points back at named (its 它 the line just given), the last figure turn it is read
    against (a line's passage just quoted when there was none), and the query itself when pointing back says it all
    ("这个差值跟哪个指标相等？": the change again)."""
    if prev and prev["op"] == "change" and _EQUAL_TO_WHICH.search(without_carried(question)):
        # "这个差值跟哪个指标相等？" after "维护前后扩展规模差多少": that change again, whose answer names the plan's
        # figure equal to it (figure_same_value), if any
        return question, prev, FigureQuery(list(prev["indicators"]), list(prev["measures"]), prev["version"],
                                           "change", prev["unit"], prev["scope"])
    if prev and prev.get("total") and len(set(prev["measures"]) - {""}) >= 2 \
            and _THEY_OF_ALL.match(without_carried(question)):
        # "它们占全部项目的多少？" after "更新和新增加起来有多少项": the sum just given, as a share of the whole
        return question, prev, FigureQuery(list(prev["indicators"]), list(prev["measures"]), prev["version"],
                                           "lookup", prev["unit"], prev["scope"], total=True, percent=True,
                                           decimals=parse(question).decimals)
    if prev is None and (AGAINST_IT.match(without_carried(question)) or THAN_IT.search(question)):
        prev = line_spoken_of(question, context)  # "跟城镇开发边界比哪个大？" after 洪涝风险控制线's passage
    if prev and len(prev["indicators"]) == 1 and prev["indicators"][0] and _OF_IT.search(question):
        # "维护后的城镇开发边界占它多大比例？" after 市辖区国土面积: the whole is the figure just given
        question = _OF_IT.sub(f"占{prev.get('scope') or ''}{prev['indicators'][0]}", question)
    if prev and len(prev["indicators"]) == 1 and prev["indicators"][0] and prev["measures"] == [""] \
            and _IT_AGAINST.match(question):
        # "它比维护后的历史文化保护线大多少？" after 洪涝风险控制线's area: 它 is the line just given
        question = _IT_AGAINST.sub(f"{prev['indicators'][0]}比", question, count=1)
    its_share = _IT_OF.match(without_carried(question))
    if prev and len(prev["indicators"]) == 1 and prev["indicators"][0] and len(prev["measures"]) == 1 \
            and prev["measures"][0] in _MEASURE_NAMED and its_share \
            and words_found(its_share.group("whole"), INDICATOR_WORDS):
        # "它占维护后开发边界总面积的比例？" after 维护后扩展规模 944.17: 它 is that figure, not the line's area
        named = f"{prev.get('version') or ''}{prev['indicators'][0]}{_MEASURE_NAMED[prev['measures'][0]]}"
        question = named + question[its_share.start("share"):]
    if prev and len(prev["indicators"]) == 1 and prev["indicators"][0] and (AMOUNT.search(question) or CHANGE.search(
            question)) and not words_found(without_carried(question), INDICATOR_WORDS):
        # "维护后边界比原来少了多少？" after 城镇开发边界's 扩展倍数: the last word of the line's name is the line
        # (an amount asked of it: "那红线里面能不能盖房子？" asks a rule)
        tail = name_tail(prev["indicators"][0])
        if tail and tail in without_carried(question):
            question = question.replace(tail, prev["indicators"][0], 1)
    return question, prev, None
