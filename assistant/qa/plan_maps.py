"""The plan's 附图 drawn from the layers on request, citing the figure's entry in the 附图 list."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from ..answer_types import Answer, Citation
from ..plan.corpus import APPENDIX, Section, entry_number, split_sentences
from .figure_words import THREE_LINES
from .followup import without_carried
from .ordinals import number_of
from .quotes import refusal

# "有没有中心城区用地布局的图？", "有对应的图吗？", "城镇开发边界那张叫什么？": whether a map is among them.
# ("中心城区用地布局图是不是有维护前后两张": a map's sheets counted)
_MAP_AMONG = (r"有(?:没有)?[^，,。？?]{0,14}?的?图(?:吗|么|没|呢|[？?]|$)|[那这](?:一)?张(?:图)?(?:叫|是)|"
              r"图[^，,。？?]{0,10}?(?:[两几一二三四五六七八九十]|\d+)\s*[张幅](?![图])|"  # (not the “一张图” system)
              r"图[^，,。？?]{0,6}?(?:几|多少|[两一二三四])\s*个?版(?:本)?")  # ("用途分区图有几个版本": its sheets)
# "附了哪些图", "看哪几张图": the plan's list of maps is asked for.
# ("方案后面配的图都有哪些": the maps it comes with, then what they are)
_ASKS_FOR_MAPS = re.compile(rf"附(?:了|上|带|有)?(?:些|哪些|什么|啥|几张|哪几张)?.{{0,3}}图|(哪|几)[些张幅]?(张|幅)?图(?![斑层])|"
                            rf"配(?:了|的|有|套)?.{{0,3}}图(?![斑层例])|图(?:有|共|一共|总共)?(?:几|多少)[张幅]|{_MAP_AMONG}")
# "一共几张", "哪几张是…的", "第五张", "有…的图吗": maps counted or picked, not just listed.
_WHICH_SHEETS = re.compile(rf"(?:哪|几|多少)[几些]?[张幅]|第\s*(?:[一二三四五六七八九十]|\d+)\s*[张幅]|最后一[张幅]|{_MAP_AMONG}")

# "三条控制线的呢？", "那分区的呢": only another topic named, of which the last question is asked again.
# ("中心城区用地布局图呢？": another map named)
_OTHER_TOPIC = re.compile(r"^(?:那|那么)?[\u4e00-\u9fff]{2,12}?(?:的|图)(?:呢|嘞)[？?]?$")


def asks_for_maps(question: str, earlier: Sequence[str]) -> bool:
    """The plan's list of maps is asked ("附了哪些图"), or again after it was given (`earlier`: the sections the
    last answer quoted) by picking some ("哪几张是三条控制线维护前的？") or naming another topic ("三条控制线的呢？");
    the 附图 carried over in brackets asks for no map ("图上具体哪块地被调出去了（附图）")."""
    said = without_carried(question)
    return bool(_ASKS_FOR_MAPS.search(said)) or list(earlier[:1]) == [APPENDIX] and (
        bool(_WHICH_SHEETS.search(question)) or bool(_OTHER_TOPIC.match(said)))


def picks_sheets(question: str) -> bool:
    """"一共几张", "哪几张是…的", "第五张", "有…的图吗": maps counted or picked, not just listed."""
    return bool(_WHICH_SHEETS.search(question))


PUBLIC_MAP_REFUSAL = ("公众查询模式不提供管控线图件。请查询具体位置，"
                      "或到自然资源主管部门查阅依法公开的规划图件。")


_MAP_KINDS = [
    ("三条控制线", "三条控制线"), ("三线", "三条控制线"),
    ("用途分区", "国土空间用途分区"), ("规划分区", "国土空间用途分区"),
    ("中心城区用地", "中心城区用地"), ("用地规划布局", "中心城区用地"), ("用地布局", "中心城区用地"),
    ("永久基本农田", "永久基本农田"), ("基本农田", "永久基本农田"),
    ("生态保护红线", "生态保护红线"), ("城镇开发边界", "城镇开发边界"),
]
_MAP_REQUEST = re.compile(r"(看|显示|展示|打开|画|出|给我|查看).{0,20}图|图\s*(（[^）]*）|\([^)]*\))?\s*[？?。！!]*\s*$")


def match_plan_map(question: str) -> tuple[str, str, str | None] | None:
    """(kind, version, mark) when the question asks to see one of the plan's figures, else None."""
    q = question.strip()
    if not _MAP_REQUEST.search(q) or "图斑" in q or "图件" in q:
        return None
    kind = next((k for word, k in _MAP_KINDS if word in q), None)
    if kind is None:
        return None
    version = "维护前" if "维护前" in q else "维护后"
    mark = "调出" if "调出" in q else "调入" if "调入" in q else None
    return kind, version, mark


def answer_plan_map(question: str, mapview, sections: Sequence[Section], public: bool) -> Answer:
    from ..maps.mapview import PLAN_MAP_TITLES

    if public:
        return refusal(question, PUBLIC_MAP_REFUSAL)
    wanted = match_plan_map(question)
    if wanted is None and any(_sheet_numbers(question, 0)):
        # "附图第五、第六张画的是什么？": those entries of the 附图 list, not a map drawn
        listed = list_plan_maps(question, sections)
        if listed is not None:
            return listed
    if wanted is None:
        titles = "、".join(t.format(version="维护后") for t in PLAN_MAP_TITLES.values())
        return refusal(question, f"没有识别出要看哪张图。可选：{titles}。")
    kind, version, mark = wanted
    image = mapview.render_plan_map(kind, version, mark)
    entries = [(s, line) for s in sections if s.path == ("附图",) for line in split_sentences(s.text)]
    best = difflib.get_close_matches(image.title, [line for _, line in entries], n=1, cutoff=0.3)
    citations = [Citation(s.doc, s.section, line) for s, line in entries if best and line == best[0]]
    said = any("演示数据" in note for note in image.notes)
    demo = "（图层为演示数据，非正式规划成果）" if image.demo and not said else ""
    return Answer(question, "map", f"已按图层数据绘制“{image.title}”{demo}。", citations,
                  notes=list(image.notes), image=image)


def list_plan_maps(question: str, sections: Sequence[Section]) -> Answer | None:
    """"附了几张图 / 哪些图": the plan's 附图 list, counted and quoted entry by entry. "哪几张是三条控制线维护前
    的": only the entries holding every word of the question that tells some entries from others."""
    from .terms import tokenize

    entries = [(s, line) for s in sections if s.path == ("附图",) for line in split_sentences(s.text)]
    if not entries:
        return None
    numbers = _sheet_numbers(question, len(entries))
    if numbers:  # "第五张附图叫啥？", "第一张和第二张有啥区别？", "最后一张": the entries of those numbers
        picked = [(s, line) for s, line in entries if entry_number(line) in numbers]
        if picked:
            lines = "\n".join(f"- {line}" for _, line in picked)
            return Answer(question, "policy", f"方案共附图 {len(entries)} 张，其中第 {'、'.join(map(str, numbers))} 张：\n\n"
                          f"{lines}", [Citation(s.doc, s.section, line) for s, line in picked])
    def telling_words(text: str) -> list[str]:
        return [t for t in dict.fromkeys(tokenize(text)) if len(t) >= 2
                and any(t in line for _, line in entries) and not all(t in line for _, line in entries)]

    # ("那三条控制线的呢？（用途分区、国土、空间）": a map named by the question itself, not the subject carried)
    if telling_words(without_carried(question)):
        question = without_carried(question)
    telling = telling_words(question)
    telling = [t for t in telling if not any(t != u and t in u for u in telling)]  # 三条控制线, not 控制
    if "前后" in question:  # "维护前后有没有对应的图": both phases, neither tells
        telling = [t for t in telling if t not in ("维护前", "维护后")]
    if sum(any(name in t for t in telling) for name in THREE_LINES) >= 2:
        # "这几条线的调整有对应的图吗？（永久基本农田、生态保护红线、城镇开发边界）": the three lines' maps
        telling = ["三条控制线", *(t for t in telling if not any(name in t for name in THREE_LINES))]
    # "调出和调入的分别在哪张图": words joined by 和/或 are either, not both.
    either = [t for t in telling if any(re.search(f"{re.escape(a)}(?:和|与|及|、|或|还是){re.escape(b)}", question)
                                        for u in telling if u != t for a, b in ((t, u), (u, t)))]
    telling = [t for t in telling if t not in either]
    # "中心城区哪几张是三条控制线维护前的" (a follow-up's words before the last turn's): the words said
    # first decide when no map holds them all.
    # "维护后图呢？" after the 三条控制线's maps: no map is named both, but a map of one of the three lines is
    # one of theirs (永久基本农田维护后图)
    wide = not any(all(t in line for t in telling) for _, line in entries)

    def holds(word: str, line: str) -> bool:
        return word in line or (wide and word == "三条控制线" and any(name in line for name in THREE_LINES))

    if wide:  # "规划分区维护前后有没有对应的图": of a compound no map holds, its head (分区) tells, not 规划
        # (two words of two characters: a longer name is a name of its own, "中心城区三条控制线维护后图")
        telling = [t for t in telling if not any(t + u in question for u in telling if u != t and len(t) == len(u) == 2
                                                 and not u.startswith("维护"))] or telling
    while telling and not any(all(holds(t, line) for t in telling) for _, line in entries):
        telling.pop()
    picked = [(s, line) for s, line in entries if all(holds(t, line) for t in telling)
              and (not either or any(t in line for t in either))]
    telling += ["或".join(either)] if either else []
    lines = "\n".join(f"- {line}" for _, line in picked)
    head = f"方案共附图 {len(entries)} 张" + (f"，其中{'、'.join(telling)}的 {len(picked)} 张" if picked != entries else "")
    return Answer(question, "policy", f"{head}：\n\n{lines}", [Citation(s.doc, s.section, line) for s, line in picked])


_SHEET = re.compile(r"第\s*([一二三四五六七八九十]|\d+)\s*(?:[张幅]|(?=[和与、]\s*第?\s*(?:[一二三四五六七八九十]|\d+)\s*[张幅]))"
                    r"|(?<=[和与、])\s*第?\s*([一二三四五六七八九十]|\d+)\s*[张幅]")
_LAST_SHEET = re.compile(r"最后(?:一|那|这)?\s*[张幅]")


def _sheet_numbers(question: str, count: int) -> list[int]:
    """The numbers of the sheets a question points at: "第一张和第二张" -> [1, 2]; "最后一张" -> [count]."""
    found = [number_of(n) for m in _SHEET.finditer(question) for n in m.groups() if n]
    if _LAST_SHEET.search(question):
        found.append(count)
    return list(dict.fromkeys(found))
