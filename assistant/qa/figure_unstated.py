"""Figures asked where the plan states none: of another place, of one district or each district, of the whole city
for a line drawn only in the 市辖区, of a land measure the plan names only in its rules."""

from __future__ import annotations

import re

from ..plan.vocabulary import OTHER_COUNTIES, find_layer
from .figure_cues import AMOUNT, ASKER
from .figure_words import (
    CONTROL_LINES,
    COUNTED_IN,
    DISTRICTS,
    INDICATOR_WORDS,
    MEASURE_WORDS,
    OTHER_PLACES,
    UNKNOWN_METRICS,
)
from .terms import PLANNING_TERMS

# The plan's own terms for an amount of land (…用地, …规模, …指标) that none of its figures measures: the
# indicators and measures it gives numbers for (扩展规模, 预留机动规模) are read off the figure words, not listed.
_MEASURED = tuple(w for words in (*INDICATOR_WORDS.values(), *MEASURE_WORDS.values()) for w in words if len(w) >= 3)
UNMEASURED_TERMS = tuple(t for t in PLANNING_TERMS if re.search(r"(?:用地|规模|指标)$", t)
                         and not any(t in w or w in t for w in _MEASURED) and not find_layer(t))

# A figure asked by the year, month or day, which the plan (one year's maintenance) never divides by.
_PER_TIME = re.compile(r"(?:平均)?每(?:一|个)?(?:年|季度|月|天)|年均|月均|一年(?=能|可以|要|大概|平均|下来|用)")
# The whole city asked where the plan states a line only for 市辖区 or 中心城区 ("阳泉市域的生态保护红线").
WIDE_SCOPE = re.compile(r"全市域|市域|全市|整个阳泉市?|阳泉全市")


# "城区能随便往外扩吗", "可以…吗": whether something may be done, a rule rather than a figure.
_MAY = re.compile(r"能不能|能否|可不可以|可以|允许|准不准|让不让|随便|随意|能[^，。？?]{0,8}[吗么]")


# A size asked ("保护范围多大", "占地多少亩"), which no count of sites or projects gives.
# ("新增的占总数多大比例": a share, of the count)
_SIZE_ASKED = re.compile(r"(?<!占)多大(?![比])|面积|公顷|亩|平方|占地")
_LAND_OF = {"文物保护单位": "保护范围", "重点建设项目": "用地"}
# "每处文保单位各占多少公顷", "每个项目各占多大地": the size of each site, project or parcel (not "每个层次", whose
# areas the plan states)
# ("这些文保单位的保护范围各有多大": the same, said of the ones just counted)
_EACH_ONE_SIZE = re.compile(r"每一?(?:[处项块片家所座栋宗]|个(?:项目|地块|图斑|文保单位|文物))[^，。？?]{0,14}?"
                            r"(?:多大|多少(?:公顷|亩|平方)|面积)|"
                            r"(?:这些|那些|这几|那几)[^，。？?]{0,6}?(?:文保单位|文物保护单位|文物|项目|地块|图斑)"
                            r"[^，。？?]{0,8}?各(?:自|有|是)?[^，。？?]{0,4}?(?:多大|多少(?:公顷|亩|平方)|面积)|"
                            # "这23处里面哪一处占地最大": which one is largest, of things sized by none
                            r"哪一?(?:[处项块片家所座栋宗]|个(?:项目|地块|图斑|文保单位|文物))[^，。？?]{0,6}?"
                            r"(?:占地|面积|用地|规模)[^，。？?]{0,2}?(?:最大|最小|最广|最多|最少)")
# "这三个区各自", "每个区": the districts of the 市辖区 one by one.
_EACH_DISTRICT = re.compile(r"[三几]个区|各个?区|每个区")
# "它们", "这几个", "那三个": the members the last answer named.
_THEM = re.compile(r"它们|这些|那些|[这那][几两三](?:个|块)?")
# "除了市辖区，其他地方的…", "市辖区以外的…": the rest of the city, outside the three districts.
_BEYOND_DISTRICTS = re.compile(r"(?:除了|除去|除掉|扣除|扣掉|刨去|不算)(?:市辖区|三个区)|(?:市辖区|三个区)(?:以外|之外|外面|外边)")


# "历史文化名村有几个": a thing counted, named before the count (named after it, "有几个自然保护地", see figure_answer).
_COUNTED_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,10}?)(?:一共|总共|共|都)?有?(?:几|多少)[处个座所家片](?=[？?呢吗啊，,。]|$)")
# What the layers count (图斑, 地块) or a line is (线, 边界): asked of the layers, or the lines themselves.
_NOT_A_THING = re.compile(r"图斑|地块|斑块|要素|[线界]|农田|红线|层次|区域|范围|部分|方面|地方")


def _counted_thing(said: str) -> str | None:
    """The thing counted ("历史文化名村"), when the question counts one and it is no piece of a layer or line."""
    found = _COUNTED_BEFORE.search(said)
    if found is None:
        return None
    thing = re.sub(r"^(?:其中|里面|里头|这里面|那|这|里|中)", "", found.group(1))
    return thing if len(thing) >= 2 and not _NOT_A_THING.search(thing) else None


def unstated_figure(text: str, indicators: list[str]) -> str | None:
    """A Chinese refusal when the figure is asked of a place, level or measure the plan gives no figure for."""
    subject = "、".join(indicators) if indicators else "相关"
    # A place asked for a figure; "山西省的文件文号" names who issued a document, not a figure's place.
    for place in OTHER_PLACES if AMOUNT.search(text) else ():
        if place in text:
            name = "平定县" if place == "平定" else place
            if name in OTHER_COUNTIES:
                return (f"本方案未涉及{name}的{subject}数字：三条控制线等数字只按市辖区（城区、矿区、郊区合计）给出，"
                        "市域层面只给出国土面积和重点建设项目清单。")
            return f"本方案未涉及{name}，只涉及阳泉市。"
    # "其中郊区的面积是多少？（市辖区）": the subject carried over in brackets is not the question's own scope;
    # nor is where the asker lives ("我家在郊区种地，这次永久基本农田是多了还是少了？" asks the plan's figure).
    said = ASKER.sub("", re.sub(r"\([^()]*\)\s*$", "", text))
    district = DISTRICTS.search(said)
    # "矿区的面积是多少", "城区和矿区在中心城区里各占多少": a district's area, or its share of a whole
    asks_area = not indicators and bool(re.search(r"面积|多大|大小|平方|各?占(?:多少|几|多大|百分)", text))
    # "城区能随便往外扩吗": whether it may be done is a rule, which holds for the district as for the 市辖区
    may = bool(_MAY.search(said)) and not AMOUNT.search(said)
    # "郊区有啥项目？", "郊区这回有养老中心项目吗？": what there is, which the plan's text names (郊区幸福家园养老中心),
    # not a figure
    # ("郊区综合托育服务中心是哪类项目": what kind a thing named is)
    which = bool(re.search(r"有(?:啥|哪些|什么)|哪些|哪几|哪一?[类种]|有没有|有[^，。？?]{1,10}(?:吗|么)", said)) \
        and not AMOUNT.search(said)
    if district and "市辖区" not in said and (indicators or asks_area) and not may and not which:
        subject = "国土面积" if asks_area else subject
        return (f"本方案未涉及{district.group(0)}单独的{subject}数字：方案只给出市辖区（城区、矿区、郊区合计）"
                "或中心城区、市域的数字。")
    # ("它们各自的面积是多少？（市辖区）": the districts the last answer named, by a pronoun)
    each = _EACH_DISTRICT.search(said) or (_THEM.search(said) and "市辖区" in text[len(said):])
    if each and re.search(r"各自|分别|每个|各[是有]", said) and set(indicators) <= {"国土面积"} \
            and (indicators or asks_area):
        # "这三个区各自的国土面积分别是多少": the plan gives the 市辖区's area, not each district's
        return "本方案没有分别给出城区、矿区、郊区各自的国土面积：方案只给出市辖区（城区、矿区、郊区合计）的国土面积。"
    wide = WIDE_SCOPE.search(text)
    lines = [i for i in indicators if i in CONTROL_LINES]
    # ("全市（包括两个县）的永久基本农田": what the whole city includes, said between, qualifies it the same)
    after = re.sub(r"[（(][^）)]*[）)]|(?:包括|包含|连同|加上)[^的，,。？?]{0,8}", "", text[wide.end():]) if wide else ""
    # ("全市连县里算上基本农田": what it includes said in other words, a few characters more)
    # ("全市城镇开发边界占市辖区国土面积比例": the line right after 全市 is the city's, whatever whole follows)
    right_after = wide and any(after.lstrip("的").startswith(w) for i in lines for w in INDICATOR_WORDS[i])
    if wide and lines and ("市辖区" not in text or right_after) and any(w in after[:len(w) + 8]
                                                                      for i in lines for w in INDICATOR_WORDS[i]):
        level = "中心城区" if set(lines) <= {"城市绿线", "城市紫线"} else "市辖区（城区、矿区、郊区合计）"
        return (f"本方案未给出{wide.group(0)}的{'、'.join(lines)}数字：方案只给出{level}的数字，"
                "市域层面只给出国土面积和重点建设项目清单。")
    if lines and set(lines) - {"城市绿线", "城市紫线"} and _BEYOND_DISTRICTS.search(text):
        # "除了市辖区，其他地方的永久基本农田有多少": the lines are drawn (and counted) in the 市辖区 only
        return (f"本方案未给出市辖区以外的{'、'.join(lines)}数字：方案只给出市辖区（城区、矿区、郊区合计）的数字，"
                "市域层面只给出国土面积和重点建设项目清单。")
    if _EACH_ONE_SIZE.search(ASKER.sub("", text)):
        # "每处文保单位各占多少公顷": the plan counts sites and projects and sizes its lines whole, never one by one
        return "本方案只给出总数和总面积，没有给出每一处（项、块）各自的面积。"
    counted = [i for i in indicators if i in COUNTED_IN.values()]
    if counted and len(counted) == len(indicators) and _SIZE_ASKED.search(ASKER.sub("", text)) \
            and not re.search(r"比例|比重|占比|百分", text):
        # "省级那几处各自的保护范围多大": the plan counts the sites (12 处), it gives no area of any
        land = "、".join(_LAND_OF.get(i, "用地") for i in counted)
        return f"本方案只给出{'、'.join(counted)}的数量，没有给出其{land}的面积。"
    if lines and len(lines) == len(indicators) and (thing := _counted_thing(said)):
        # "历史文化名村有几个？": things counted in a line the plan sizes only (历史文化 matched the line's name)
        return f"本方案只给出{'、'.join(lines)}的面积，没有给出{thing}的数量。"
    per = _PER_TIME.search(said)
    if per and AMOUNT.search(said):
        # "扩展规模每年能用多少", "重点项目每年新增多少个": the plan gives this maintenance's figures, none by the year
        return f"本方案只给出本次动态维护的数字，没有给出{per.group(0).replace('一年', '每年')}的数字，无法回答。"
    for word, label in UNKNOWN_METRICS:
        if word in text and not (word == "耕地" and "永久基本农田" in indicators):
            return f"本方案未涉及{label}。"
    unmeasured = next((term for term in UNMEASURED_TERMS if term in text), None)
    if unmeasured and AMOUNT.search(text):
        # "开发边界里现状建设用地有多少": a land measure the plan names (调入现状建设用地等量进出) and counts nowhere
        return f"本方案未给出{unmeasured}的具体数字：方案只在规则中提到它。"
    return None


# "永久基本农田储备区", "生态保护红线缓冲带": a zone named by a line's name and words of its own, right after it.
_ZONE_CHARS = r"[^的内外里中和与及上下以了是在有这那占比为到至从对跟同市县，,。？?、\s]"
_ZONE_AFTER = re.compile(_ZONE_CHARS + r"{2,3}?[区库带园]")
# "城镇开发边界内集中建设区", "生态保护红线里的核心保护区": a zone said to lie inside the line, named after 内 or 里.
_INSIDE = re.compile(r"(?:范围)?(?:之内|以内|内|里面|里头|里|当中)的?")
_ZONE_INSIDE = re.compile(r"[^的和与及了是有这那占比为，,。？?、\s]{2,4}?[区库带园]")


def unnamed_zone(question: str, corpus_text: str) -> str | None:
    """The zone a question names by a control line's name and words of its own ("永久基本农田储备区"), when the
    plan uses neither the zone's own words nor the zone after the line's last two characters (农田保护区 is a zone
    of the plan's); None otherwise."""
    corpus = re.sub(r"\s+", "", corpus_text)
    for line in CONTROL_LINES:
        for word in sorted(INDICATOR_WORDS[line], key=len, reverse=True):
            at = question.find(word)
            if at < 0:
                continue
            inside = _INSIDE.match(question, at + len(word))
            zone = _ZONE_INSIDE.match(question, inside.end()) if inside else _ZONE_AFTER.match(question, at + len(word))
            # ("城镇开发边界扩展区": 扩展 is the plan's word of that line, its 扩展规模)
            if zone and zone.group(0)[:-1] not in corpus and word[-2:] + zone.group(0) not in corpus:
                return question[at:zone.end()]
            break
    return None
