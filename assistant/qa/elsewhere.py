"""Places and editions this plan is not: other cities, provinces and counties, other years' editions, lines it
never names, the villages it never lists; each with the Chinese refusal that says so."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

import jieba.posseg

from ..plan.gazetteer import other_place
from ..plan.vocabulary import COLOUR_LINE, LAYER_SYNONYMS, OTHER_COUNTIES
from .followup import without_carried
from .ordinals import NUMERALS
from .scope import ASKS_AMOUNT, LOCAL_NAMES, present

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(年度|年)")
# Another year's edition said in words ("去年那版方案", "明年的规划").
# "下一轮规划扩展倍数会提到多少", "上一年度的维护方案改了啥": an edition still to come or gone before,
# which no figure of this one states.
# ("下一次阳泉国土空间规划动态维护": the plan's own name may stand between)
_OTHER_EDITION = re.compile(r"(?:去年|前年|明年|后年|往年|下一?[轮版次]|[上下]一?个?年度)(?:的|那)?一?[版份个轮次]?"
                            r"(?:阳泉市?|国土空间|总体)*(?:规划(?=动态))?"
                            r"(?:动态)?(?:方案|规划|维护|调整)|"  # "下一次动态维护定在什么时候"
                            r"上一?[次轮](?:的|那)?(?:动态)?维护|"  # "上一次动态维护是哪一年做的" (上一版规划: the master plan)
                            r"(?:以往|以前|过去|前几)的?(?:年度|几年|各年|年份)|历年|"  # "在以往年度里被突破过吗"
                            r"下一?个?年度(?=还|会|要|再|能)")  # "下个年度会不会调生态红线"
_PLAN_LINE_NAMES = ("永久基本农田保护红线", "生态保护红线", "城镇开发边界", "历史文化保护线", "洪涝风险控制线", "城市绿线", "城市紫线")


# "城区、矿区、郊区三区": a count of the places just named, not a place (三亚 is one).
_COUNTED_PLACES = re.compile(rf"[两几{NUMERALS}][区县市镇乡村]")


# Other cities, unnamed ("山西其他城市", "周边地市", "全国平均"), and a comparison with them.
# ("其他地方的永久基本农田" is the rest of the city; "比例" no comparison)
# ("山西各市里算高还是低", "在山西排第几": the province's cities, one against another)
_OTHER_CITIES = re.compile(r"(?:其他|其它|别的|周边|兄弟|省内其他|全省其他|外省)的?(?:城市|地市|市(?!辖)|省份|省)|别的地方|外地|"
                           r"(?:山西|全省|省内|全国)(?:各|各个|的)?(?:地市|城市|市(?!辖))|(?<=在)(?:山西|全省|省内|全国)(?=[^，,。？?]{0,4}排)|"
                           r"全省平均|全国平均")
_COMPARED = re.compile(r"比(?![例重率])|高还是低|大还是小|多还是少|算高|算低|算多|算少|算大|算小|排第?几|排名|平均|水平|领先|落后")


def out_of_scope(question: str, corpus_text: str, local_places: Iterable[str] = ()) -> str | None:
    """A Chinese refusal when the question names a place, plan or year the plan does not cover, else None."""
    local = LOCAL_NAMES | set(local_places)
    words = [(w.word, w.flag) for w in jieba.posseg.cut(question)]

    for word, flag in words:
        if flag in ("ns", "nr", "nrt") and len(word) >= 2 and word not in local and word[0] not in "各每本该" \
                and not _COUNTED_PLACES.fullmatch(word) \
                and not present(word, corpus_text) and not any(word in p for p in local) \
                and not any(word.endswith(p) and len(word) - len(p) == 1 for p in local):  # 老城区, 新城区: 城区 said old or new
            if re.search(r"[市省县州区]$", word) or other_place(word, tagged_place=flag == "ns"):
                return f"本方案是阳泉市国土空间总体规划的年度动态维护方案，未涉及“{word}”的内容。"

    # "这个比例在山西其他城市里算高还是低": a figure set against other cities, none of which the plan gives
    others = _OTHER_CITIES.search(question)
    if others and _COMPARED.search(question):
        return f"本方案只涉及阳泉市，没有给出{others.group(0)}的数据，无法比较。"
    if others and re.search(r"城市|地市|省", others.group(0)):  # "其他城市的开发边界呢": their own figures
        return f"本方案只涉及阳泉市，没有给出{others.group(0)}的数据，无法回答。"

    # "剩下那些县的永久基本农田": the counties, not named; their area is the 市域's less the 市辖区's
    outside = _OUTSIDE_DISTRICTS.search(question)
    # "县里的三条控制线这次也调了吗": the lines named together are lines too
    lines = any(w in question for ws in LAYER_SYNONYMS.values() for w in ws) or "控制线" in question
    if outside and re.search(r"各自|分别|各(?:是|有|多)|每个", question) and ASKS_AMOUNT.search(question):
        # "市辖区以外那几个县各自面积多少": their sum is the 市域's less the 市辖区's, each one's is not given
        return f"本方案没有分别给出{outside.group(0)}各自的数据：只给出市域和市辖区（城区、矿区、郊区）的数字。"
    # ("县城层面有没有单独的维护内容和面积": the county towns, no level of the plan's)
    county_town = ["县城"] if re.search(r"(?<![平定盂])县城", question) else []
    for county in [*OTHER_COUNTIES, *county_town, *([outside.group(0)] if outside and lines else [])]:
        if county in question or county.rstrip("县") + "的" in question:
            # ("平定县这回有啥新项目": the plan lists no project of a county)
            if ASKS_AMOUNT.search(question) or lines or "项目" in question:
                return (f"本方案未给出{county.removesuffix('的')}的相关数据：三条控制线、规划分区等维护内容只覆盖市辖区"
                        f"（城区、矿区、郊区），市域层面只维护重点建设项目清单。")

    # (a line described in everyday words, "种粮红线", has been named by then: subject.described_line)
    for line in unnamed_lines(question, corpus_text):
        lines = "、".join(n for n in _PLAN_LINE_NAMES if n in corpus_text)
        return f"本方案未涉及“{line}”：方案维护的控制线是{lines}。"

    cited = _CITED_CONTENTS.search(question)
    if cited and re.sub(r"[“”《》\s]", "", cited.group("doc"))[:4] in re.sub(r"[“”《》\s]", "", corpus_text):
        # "阳泉十五五规划里主要提了哪些重点产业": what another document the plan cites says, which it does not retell
        return f"本方案只提到{cited.group('doc')}，没有转述其中的具体内容，无法回答。"
    edition = other_edition(question, corpus_text)
    return edition[1] if edition else None


# A document the plan cites ("十五五"规划, a notice, a 管理办法), and what is asked it says.
_CITED_CONTENTS = re.compile(r"(?P<doc>“?十五五”?(?:发展)?规划|《[^》]{4,}》|[\u4e00-\u9fff]{2,12}?(?:管理办法|通知))"
                             r"(?:里|中|里面|上)(?:面)?(?:主要|都|具体)?(?:提|说|讲|写|规定|要求|列)(?:了|到|出)?"
                             r"(?:哪些|什么|啥)")


_HOW_WORDS = frozenset({"怎么", "如何", "怎样", "咋", "怎么样"})


def unnamed_lines(question: str, corpus_text: str) -> list[str]:
    """"城市蓝线", "黄线": a line of the colour-coded set (红/绿/蓝/紫/黄/橙/黑线) that the plan never names;
    "道路红线", "种粮红线": a colour the plan uses, named by a noun the plan never uses (生态红线 and 耕地红线
    are the plan's lines said short: 生态, 耕地 occur in it)."""
    words = [(w.word, w.flag) for w in jieba.posseg.cut(question)]
    # "怎么评价绿线": after a how, the word is a verb done to the line (jieba tags 评价 a noun)
    named = [f"{before}{line}" for i, ((before, flag), (line, _)) in enumerate(pairwise(words))
             if COLOUR_LINE.fullmatch(line) and flag == "n" and len(before) >= 2 and before not in corpus_text
             and (i == 0 or words[i - 1][0] not in _HOW_WORDS)]
    # "矿产资源控制线", "地质灾害控制线": a control line named by a thing of four characters the plan never speaks of
    # (not "防洪控制线", the plan's 洪涝风险控制线 described)
    named += [f"{before}{line}" for (before, flag), (line, _) in pairwise(words)
              if line in ("控制线", "保护线", "管控线") and flag.startswith("n") and len(before) >= 4
              and before not in corpus_text]
    return [line for line in dict.fromkeys([*COLOUR_LINE.findall(question), *named]) if line not in corpus_text]


# This edition, named: "去年的方案调了啥，今年的呢" asks of this one in its second part.
THIS_EDITION = re.compile(r"今年|本年度|本次|这次|这回|这一?版|本方案|这个方案")


def other_edition(question: str, corpus_text: str) -> tuple[str, str] | None:
    """The words naming a year or an edition the plan is not ("2027年度", "去年那版方案"), and the Chinese
    refusal, else None."""
    squeezed = re.sub(r"\s+", "", corpus_text)
    for year, suffix in _YEAR.findall(question):
        if f"〔{year}〕" in squeezed and re.search(r"文件|通知|文号|办法|发文", question):
            continue  # "省里2024年那个文件号是啥": a document the plan cites (晋自然资发〔2024〕22号), not an edition
        if f"{year}{suffix}" not in squeezed and f"{year}年" not in squeezed:
            return f"{year}{suffix}", (f"本方案是阳泉市国土空间总体规划的本年度动态维护方案，未涉及{year}{suffix}的内容，"
                                       "也没有给出该年份的数字。")
        if suffix == "年度" and f"{year}年度" not in squeezed:
            return f"{year}{suffix}", f"本方案不是{year}年度的动态维护方案，未涉及其内容。"
    other = _OTHER_EDITION.search(question)
    if other:  # "去年那版方案是几月份发布的": the year is said, not written
        return other.group(0), f"本方案是本年度的动态维护方案，未涉及“{other.group(0)}”的内容。"
    return None


# "城区矿区郊区以外的那几个县" (the 市辖区 said by its districts, see in_plan_words), "平定县": places outside the
# 市辖区, which the plan maintains only at its 市域 level (三、编制范围).
_OUTSIDE_DISTRICTS = re.compile(r"(?:市辖区|三个区)(?:以外|之外|外面|外边)的?(?:那?几个县|区县|县|地方|地区)?|"
                                r"(?:剩下|其余|其他|另外)的?(?:那些|那几个|那两个|几个|两个)?县|"
                                r"(?:下辖|所辖|管辖|下面)的?(?:那)?(?:两|几)个县|"
                                r"(?:^|(?<=[那在，,。？?\s]))县里|"  # "县里的三条控制线": the counties
                                r"(?:各个?|每个)(?:区县|县区|县)")  # "下面各个县分别多少平方千米"


# "调出的是哪几个村的地块": the village a feature lies in, which neither the plan nor the layers (features
# carry an id, a name and a code; boundaries go down to the five county-level units) record.
VILLAGES = re.compile(r"哪(?:几|些|一)?个?村(?!庄建设|民)|什么村|村名")
VILLAGE_REASON = ("方案原文没有列出涉及的村，图层也只有区县一级的行政区界线、不含图斑所在的村，无法回答在哪些村。"
                  "可以按城区、矿区、郊区统计图斑，或在地图上查看图斑位置。")


def asks_villages(question: str) -> bool:
    return bool(VILLAGES.search(without_carried(question)))


def outside_districts(question: str) -> str | None:
    """The words naming a place outside the 市辖区, else None."""
    found = _OUTSIDE_DISTRICTS.search(question)
    return found.group(0) if found else next((c for c in OTHER_COUNTIES if c in question), None)
