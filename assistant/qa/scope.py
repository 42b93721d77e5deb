"""What the plan does not cover: other places, other topics. Refused plainly, citing nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable

import jieba.posseg

from ..plan.vocabulary import LAYER_SYNONYMS, OTHER_COUNTIES
from .terms import PLANNING_TERMS

# Names of the plan's own geography: never "another place".
LOCAL_NAMES = frozenset({
    "阳泉", "阳泉市", "城区", "矿区", "郊区", "市辖区", "市域", "中心城区", "全市", "本市", "高新区",
    "平定", "平定县", "盂县", "山西", "山西省", "城镇",
})

# Words that say what is asked, not what about; they need not occur in the plan.
GENERIC = frozenset({
    "阳泉", "阳泉市", "规划", "方案", "本次", "这次", "面积", "规模", "多少", "数量", "情况", "内容",
    "总体规划", "国土空间", "文号", "原则", "要求", "依据", "措施", "机制", "目标", "问题", "数据",
    "部分", "方面", "哪些", "什么", "时候", "地方", "哪里", "东西", "事情", "人", "政策", "意思",
    # words about documents, places and offices that any question about a plan may use
    "文件", "地块", "省厅", "部门", "单位", "机构", "位置", "地点", "图件", "资料", "地图", "信息",
    "时间", "日期", "通知", "办法", "条文", "规定", "说明",
})

_ASKS_AMOUNT = re.compile(r"多少|几|面积|规模|多大|数量|占比|比例")


def _present(token: str, corpus_text: str) -> bool:
    """A token occurs in the plan, directly or as two-character pieces (耕地红线 -> 耕地 + 红线)."""
    if token in corpus_text:
        return True
    if len(token) >= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", token):
        return all(token[i:i + 2] in corpus_text for i in range(0, len(token) - 1, 2))
    return False


def out_of_scope(question: str, corpus_text: str, local_places: Iterable[str] = ()) -> str | None:
    """A Chinese refusal when the question is about something the plan does not cover, else None."""
    local = LOCAL_NAMES | set(local_places)
    words = [(w.word, w.flag) for w in jieba.posseg.cut(question)]

    for word, flag in words:
        if flag in ("ns", "nr", "nrt") and len(word) >= 2 and word not in local \
                and not _present(word, corpus_text) and not any(word in p for p in local):
            if re.search(r"[市省县州区]$", word) or flag == "ns":
                return f"本方案是阳泉市国土空间总体规划的年度动态维护方案，未涉及“{word}”的内容。"

    for county in OTHER_COUNTIES:
        if county in question or county.rstrip("县") + "的" in question:
            if _ASKS_AMOUNT.search(question) or any(w in question for ws in LAYER_SYNONYMS.values() for w in ws):
                return (f"本方案未给出{county}的相关数据：三条控制线、规划分区等维护内容只覆盖市辖区"
                        f"（城区、矿区、郊区），市域层面只维护重点建设项目清单。")

    content = [w for w, f in words
               if len(w) >= 2 and (f.startswith("n") or f in ("eng", "vn", "nz")) and w not in GENERIC]
    missing = [w for w in content if not _present(w, corpus_text)]
    # A topic the plan never names ("地铁", "房价") is out of scope unless the question is also
    # anchored in the plan's own vocabulary ("城镇开发边界内能建地铁吗" still gets the UDB passages).
    anchored = any(term in question for term in PLANNING_TERMS if len(term) >= 3) or \
        any(w in question for ws in LAYER_SYNONYMS.values() for w in ws)
    if missing and (len(missing) == len(content) or not anchored):
        return f"本方案未涉及“{'、'.join(missing)}”的内容，无法回答。"
    return None
