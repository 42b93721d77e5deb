"""Amounts the plan does not give: a count of a thing at a level it counts nothing at ("有几处市级文物保护单位", where
it counts 11 处国家级 and 12 处省级), of a thing it speaks of nothing like ("新建几所中小学"), or an amount no quoted
number is of ("省里下达的新增建设用地指标是多少": the quotes' numbers are of 城镇开发边界)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..plan.vocabulary import find_phase
from .figure_cues import AREA_SAID, amounts_asked
from .scope import GENERIC, LOCAL_NAMES, UNIT_WORDS, content_nouns, present
from .terms import PLANNING_TERMS

# "有几处市级文物保护单位", "世界文化遗产有几处": a thing of one level counted (世界, 国家级, 省级, 市级…).
_LEVEL = r"(世界|(?:国家|省|市县|市|县|区|乡|镇|村)级)"
# ("市级文物保护单位被纳入了…", "县级文保单位纳入了几处": the thing ends where what was done to it starts)
_LEVELLED = re.compile(_LEVEL + r"[\u4e00-\u9fff]{2,12}?(?=的|有|是|一?共|总共|几|多少|呢|吗|都|也|被|纳|列入|划入|）|$)")
_COUNTED_LEVEL = re.compile(r"\d+\s*[处个项座所家片]\s*" + _LEVEL + r"([\u4e00-\u9fff]{2,8})")
COUNT_ASKED = re.compile(r"(?:几|多少)[处个项座所家片]")
_HAS_ASKED = re.compile(r"有没有|是否|有无|纳没纳|算不算|包不包括|也纳|也算|也包括")
# "纳了多少": a count asked with no measure word, of a thing the text counts at other levels (not 多少公顷)
_BARE_COUNT = re.compile(r"(?:几|多少)(?![公亩平万倍%％])")


def uncounted_level(question: str, text: str) -> str | None:
    """The thing counted, or asked after ("有没有把市县级文物保护单位也纳进来"), at a level the text counts
    nothing at ("市级文物保护单位" where the plan counts 11 处国家级 and 12 处省级 ones): its counts at other
    levels are no answer. A level the text names the thing at ("市级总体规划确定的…有几处") is no such level."""
    if not (COUNT_ASKED.search(question) or _HAS_ASKED.search(question) or _BARE_COUNT.search(question)):
        return None  # most questions: no count asked, no need to read the text
    found_counts = list(_COUNTED_LEVEL.finditer(text))
    counted = {m.group(1) for m in found_counts}
    # (a bare "多少" only of the things counted so: "市级总规里永久基本农田是多少" is no count of sites)
    pieces = {m.group(2)[i:i + 2] for m in found_counts for i in range(len(m.group(2)) - 1)}
    for clause in re.split(r"[，,。；;？?！!\s]", question):
        # (asked after: only beside the levels the text does count, "11 处国家级、12 处省级")
        if not (COUNT_ASKED.search(clause) or (_HAS_ASKED.search(clause) or _BARE_COUNT.search(clause)) and counted):
            continue
        bare = not (COUNT_ASKED.search(clause) or _HAS_ASKED.search(clause))
        for found in _LEVELLED.finditer(clause):
            level = found.group(1)
            if level not in counted and found.group(0)[:len(level) + 2] not in text \
                    and (not bare or any(p in found.group(0) for p in pieces)):
                return found.group(0)
    return None


# "新建几所中小学": the thing counted, right after the count asked.
_COUNT_OF = re.compile(r"(?<![那这哪])(?:几|多少)(?:[所个家座处条片栋间]|项(?!目))(?P<thing>[\u4e00-\u9fff]{2,8}?)(?=[呢吗啊呀？?，,。！!]|$)")

# "能带来多少就业岗位", "有多少人口": an amount of a thing named right after 多少, with no measure word between.
# ("占多少比例": a share, no thing)
_AMOUNT_OF = re.compile(r"(?<![那这哪])多少(?!比例|比重|占比|百分|面积|规模|数量|倍|钱)"
                        r"(?P<thing>[\u4e00-\u9fff]{2,4}?)(?=[呢吗啊呀？?，,。！!]|$)")


def uncounted_thing(question: str, covered: Callable[[str], bool]) -> str | None:
    """The thing counted when the plan speaks of nothing like it ("几所中小学": no 学校, 教育 near it), so it
    cannot count it; a thing it covers in its own or everyday words (养老院 -> 养老) is read as usual."""
    for found in (*_COUNT_OF.finditer(question), *_AMOUNT_OF.finditer(question)):
        nouns = [n for n in content_nouns(found.group("thing")) if n not in GENERIC]
        if nouns and not any(covered(n) for n in nouns):
            return found.group("thing")
    return None


# "指标是多少", "一共多少公顷": an amount asked; not a count of things (多少项, 多少个) nor a number that names
# ("文号是多少").
_AMOUNT_ASKED = re.compile(r"多少(?!年一遇|[个项条处家种类部座所张批])")
_NAMING_NUMBER = re.compile(r"文号|编号|号(?:是|多少)|名称|叫什么")
# A measure asked: a count quoted (564 项, 11 处) is no answer to it.
_MEASURE_ASKED = re.compile(r"面积|公顷|亩|平方|用地|指标|规模|总量|数值")
_QUANTITY = re.compile(rf"\d[\d.,]*\s*(?:%|％|{AREA_SAID}|项|处|个|条|张|倍|座|所|家|年)|"
                       r"[一二两三四五六七八九十百千]+\s*(?:个|条|项|处|张|类|种|级|批|层|座|所|家|倍|大|方面)")
_MEASURE = re.compile(rf"\d[\d.,]*\s*(?:%|％|{AREA_SAID}|倍)")
_COUNT = re.compile(r"\d+\s*[项处个座所家]")


def unquoted_amount(question: str, quotes: list[str], corpus_text: str) -> bool:
    """An amount is asked of things the plan names (用地, 指标, 耕地) and no quoted clause with a number speaks
    of any of them: the numbers quoted are of something else ("城镇开发边界 9387.50 公顷" for "新增建设用地指标是多少").
    A question naming none of the plan's things ("第三条维护后多少") is of the subject carried, judged elsewhere."""
    question = amounts_asked(question)  # ("调进来多少就得退出去多少" asks a rule)
    if not _AMOUNT_ASKED.search(question) or _NAMING_NUMBER.search(question):
        return False
    # (the plan's terms whole: jieba cuts 城镇发展区 into 城镇, 发展, 区)
    # (not 维护后, 中心城区: when and where, not what; nor jieba's 中心 cut out of 中心城区)
    terms = [t for t in (*PLANNING_TERMS, *LOCAL_NAMES) if t in question]
    nouns = [*(t for t in terms if not find_phase(t) and t not in LOCAL_NAMES),
             *(n for n in content_nouns(question) if n not in UNIT_WORDS and present(n, corpus_text)
               and not any(n in t and n != t for t in terms))]
    if not nouns:
        return False
    # (a measure is answered by a measure: "三条控制线" counts lines, not the area of "各个分区")
    quantity = _MEASURE if _MEASURE_ASKED.search(question) else _QUANTITY
    clauses = _numbered_clauses(quotes, quantity)
    # "依据详细规划调整用途的地块一共多少公顷": a plan's term named that no sentence with a number holds (公顷 is only the
    # unit, which 城市紫线 8.07 公顷 has too); with none named, the unit said is what there is to go by ("种粮食的好地
    # 有多少万亩")
    own_terms = [t for t in nouns if t in terms and t not in UNIT_WORDS]
    # ("有多少工程被拿掉不干了": things counted, which the quoted counts of projects may be, in other words)
    counts = not _MEASURE_ASKED.search(question) and any(_COUNT.search(c) for c in clauses)
    # (the term's own sentence with a number: "…针对南山宾馆历史建筑…维护后城市紫线 8.09 公顷")
    return not counts and (not any(n in c for n in nouns for c in clauses)
                           or bool(own_terms) and not any(t in q for t in own_terms for q in quotes
                                                          if quantity.search(q)))


def _numbered_clauses(quotes: list[str], quantity: re.Pattern[str]) -> list[str]:
    """Each clause holding a number, read with its sentence's first clause, which names what the sentence is of
    ("中心城区范围北起郊区河底镇，…，总面积 271.23 平方千米")."""
    found = []
    for quote in quotes:
        for sentence in re.split(r"[；;。]", quote):
            clauses = re.split(r"[，,]", sentence)
            found += [c if c == clauses[0] else f"{clauses[0]}，{c}" for c in clauses if quantity.search(c)]
    return found


# "延续类里规模最大的是哪个项目", "哪个消防站占地最大": one of things the plan names but never sizes one by one, picked
# by a measure. (Not "哪条线最大", "哪类最多": the lines and kinds have figures; nor 图斑, which the layers size.)
_EACH_NAMED = r"(?P<kind>项目|工程|文保单位|文物保护单位|文物|消防站|医院|设施|养老中心)"
_MOST = r"最(?P<most>大|小|多|少|高|低|贵|早)"
_RANKED_ONE = [re.compile(rf"{_EACH_NAMED}[^，,。？?]{{0,10}}?{_MOST}的?(?:是|为|要数)?哪(?:一)?[个项处家所座]"),
               re.compile(rf"哪(?:一)?[个项处家所座]{_EACH_NAMED}[^，,。？?]{{0,6}}?{_MOST}"),
               re.compile(rf"{_EACH_NAMED}[^，,。？?]{{0,8}}?哪(?:一)?[个项处家所座][^，,。？?]{{0,6}}?{_MOST}"),
               re.compile(rf"{_MOST}的?(?:是|为)?哪(?:一)?[个项处家所座]{_EACH_NAMED}")]


def unranked_member(question: str) -> str | None:
    """A Chinese refusal when one of things the plan never sizes one by one is asked as the largest (or smallest,
    first…) of them; None otherwise."""
    found = next((m for pattern in _RANKED_ONE if (m := pattern.search(question))), None)
    if found is None:
        return None
    most = found.group("most")
    measure = {"多": "数量", "少": "数量", "早": "时间", "贵": "金额", "高": "等级或数值", "低": "等级或数值"}.get(most, "规模")
    return f"本方案没有给出各个{found.group('kind')}的{measure}，无法判断哪一个最{most}。"
