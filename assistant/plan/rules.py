"""Which plan passages govern each layer or zone: section label + key phrase -> verbatim citation."""

from __future__ import annotations

from functools import cache

from ..answer_types import Citation
from .corpus import split_sentences
from .sections import section_matches

# layer or zone name -> [(section label, key phrase)]. The quote is the whole sentence of the loaded
# corpus that contains the phrase, so the plan text itself never lives in code.
RULES: dict[str, list[tuple[str, str]]] = {
    "永久基本农田": [("二、编制原则 > 1.底线思维", "严守永久基本农田保护红线"),
                 ("二、编制原则 > 2.正向优化", "严格遵循三条控制线正向优化标准"),
                 ("四（一）1 耕地和永久基本农田", "进行永久基本农田正向优化")],
    "生态保护红线": [("二、编制原则 > 1.底线思维", "严守永久基本农田保护红线"),
                 ("四（一）2 生态保护红线", "不涉及生态保护红线调整")],
    "城镇开发边界": [("二、编制原则 > 1.底线思维", "严守永久基本农田保护红线"),
                 ("四（一）3 城镇开发边界", "进行城镇开发边界正向优化")],
    "历史文化保护线": [("四（二）1 历史文化保护线", "更新到历史文化保护线统筹管控")],
    "洪涝风险控制线": [("四（二）2 洪涝风险控制线", "不涉及洪涝风险控制线调整")],
    "生态控制区": [("四（三）规划分区维护", "可进行适度的开发利用和结构布局调整")],
    "农田保护区": [("四（三）规划分区维护", "对农田保护区、城镇发展区进行规划分区维护")],
    "城镇发展区": [("四（三）规划分区维护", "对农田保护区、城镇发展区进行规划分区维护")],
    "乡村发展区": [("四（三）规划分区维护", "对乡村发展区进行规划分区细化")],
    "中心城区用地": [("四（四）中心城区用地规划布局维护", "聚焦中心城区范围内重大项目落地与民生保障")],
    "城市绿线": [("四（五）1 城市绿线", "城市绿线布局和规模基本稳定")],
    "城市紫线": [("四（五）2 城市紫线", "不改变其历史建筑的保护属性")],
    "重点建设项目": [("四（六）重点建设项目清单维护", "本次动态维护重点建设项目共"),
                 ("四（六）重点建设项目清单维护", "三类方式纳入")],
}

def find_quote(sections, label: str, phrase: str) -> Citation | None:
    """The first sentence containing `phrase` in the section named by `label`, or None."""
    for sec in sections:
        if not section_matches(label, sec.section) or phrase not in sec.text:
            continue
        sentence = next((s for s in split_sentences(sec.text) if phrase in s), None)
        if sentence and sentence in sec.text:
            return Citation(sec.doc, sec.section, sentence)
        # The splitter may normalise whitespace; the phrase itself is still verbatim.
        return Citation(sec.doc, sec.section, phrase)
    return None


def citations_for(names, sections) -> list[Citation]:
    """Citations for the given layer/zone names, deduplicated, in rule order."""
    out: list[Citation] = []
    for name in names:
        for label, phrase in RULES.get(name, []):
            cite = find_quote(sections, label, phrase)
            if cite is not None and cite not in out:
                out.append(cite)
    return out


@cache
def load_sections(corpus_dir: str) -> tuple:
    """The plan's sections, loaded once per directory."""
    from .corpus import load_corpus

    return tuple(load_corpus(corpus_dir))
