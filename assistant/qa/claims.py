"""What a sentence claims: numbers with units and their subject, named documents, planning terms,
modality (可以 / 不得 / 应当), conditions (适度, 前提下, 除…外, 经…批准) and negation.

Used on both sides of grounding: the same reader runs over the model's reply and over the plan's quotes,
so a claim is supported only when the plan's own words yield the same reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..plan.vocabulary import COUNTIES, LAYER_SYNONYMS
from .terms import PLANNING_TERMS

HAN = "\u4e00-\u9fff"

# ------------------------------------------------------------------ sentences and clauses
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|\n+")
_CLAUSE_SPLIT = re.compile(r"[，,；;：:。！？!?\n]")
# Markdown and list furniture the model may add; not part of any claim.
_FURNITURE = re.compile(r"^\s*(?:[-*•]|\d+[.、)）]|[（(]?[一二三四五六七八九十]+[）)、])\s*|[*#>`]+")


def sentences(text: str) -> list[str]:
    """The reply's sentences, list markers and Markdown stripped; empty ones dropped."""
    out = []
    for part in _SENTENCE_END.split(text or ""):
        part = _FURNITURE.sub("", part.strip()).strip()
        if part and re.search(f"[{HAN}0-9A-Za-z]", part):
            out.append(part)
    return out


def clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE_SPLIT.split(text) if c.strip()]


# ------------------------------------------------------------------ numbers
_UNIT_ALIAS = {"平方公里": "平方千米", "km²": "平方千米", "km2": "平方千米", "㎡": "平方米", "m²": "平方米",
               "％": "%", "个百分点": "%", "公里": "千米"}
_UNITS = ("万亩", "亩", "公顷", "平方千米", "平方公里", "平方米", "km²", "km2", "㎡", "m²", "%", "％", "个百分点",
          "倍", "项", "处", "个", "类", "条", "种", "层次", "方面", "年", "月", "日", "号", "千米", "公里", "米",
          "座", "所", "家", "批", "万", "亿")
_UNIT_RX = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_NUMBER = re.compile(rf"(?<![\d.])(\d+(?:,\d{{3}})*(?:\.\d+)?)\s*({_UNIT_RX})?")
# Small counts written in Chinese numerals count as numbers too ("三类", "两项", "十一处").
_COUNT_WORDS = "项|处|个|类|条|种|层次|方面|倍|批|座|所|家"
_CN_COUNT = re.compile(rf"(?<!第)([零一二两三四五六七八九十百]+)\s*({_COUNT_WORDS})")
_CN_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# "（8.2831 − 8.2593 = 0.0238 万亩）": a worked sum, not a statement about one phase.
_FORMULA = re.compile(r"[（(][^（）()]*[=＝][^（）()]*[）)]")


def chinese_number(text: str) -> int | None:
    """一 -> 1, 十一 -> 11, 二十三 -> 23, 一百零五 -> 105; None if it is not a plain numeral."""
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGIT:
            current = _CN_DIGIT[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def unit_of(word: str | None) -> str | None:
    return _UNIT_ALIAS.get(word, word) if word else None


# ------------------------------------------------------------------ vocabulary
ZONES = ("生态保护区", "生态控制区", "农田保护区", "城镇发展区", "乡村发展区", "矿产能源发展区")
PLACES = tuple(COUNTIES) + ("市辖区", "市域", "中心城区", "阳泉市", "山西省")
# Words every answer may use as framing; a quote need not repeat them.
FRAMING = frozenset({"国土空间", "国土空间规划", "总体规划", "动态维护", "公顷", "平方千米", "平方米", "万亩",
                     "维护前", "维护后", "调入", "调出", "一张图"})
_CANONICAL = {w: layer for layer, words in LAYER_SYNONYMS.items() for w in words}
_CANONICAL.update({"基本农田": "永久基本农田", "重点项目": "重点建设项目", "机动规模": "预留机动规模",
                   "用途分区": "规划分区", "用地规划布局": "中心城区用地"})
TERMS = tuple(sorted({*PLANNING_TERMS, *_CANONICAL, *ZONES, *PLACES, "城市重要控制线", "文物保护单位"} - FRAMING,
                     key=len, reverse=True))
_TERM_RX = re.compile("|".join(re.escape(t) for t in TERMS))

PHASES = {"维护前": ("维护前", "市级总体规划确定", "原规划", "原总规", "调整前", "优化前", "原来", "之前", "以前"),
          "维护后": ("维护后", "调整后", "优化后", "现在", "目前", "之后", "最新"),
          "调出": ("调出", "调减", "划出"), "调入": ("调入", "调增", "划入", "补划"),
          # statuses of key projects: "实施 118 项" is not "延续 118 项"
          "实施": ("实施",), "延续": ("延续",), "撤销": ("撤销",), "更新": ("更新",), "新增": ("新增",),
          # levels of protected sites: "11 处国家级" is not "11 处省级"
          "国家级": ("国家级", "国保"), "省级": ("省级", "省保")}
_PHASE_OF = {w: p for p, words in PHASES.items() for w in words}
_PHASE_RX = re.compile("|".join(re.escape(w) for w in sorted(_PHASE_OF, key=len, reverse=True)))


def terms_in(text: str) -> list[tuple[int, str]]:
    """(position, canonical term) of every planning term, longest match first, no overlaps."""
    return [(m.start(), _CANONICAL.get(m.group(0), m.group(0))) for m in _TERM_RX.finditer(text)]


def term_set(text: str) -> frozenset[str]:
    return frozenset(t for _, t in terms_in(text))


# ------------------------------------------------------------------ modality, conditions, negation
_PROHIBIT = re.compile(r"不得|禁止|严禁|不允许|不准|不能|不可以|不可|不宜|杜绝")
_PERMIT = re.compile(r"可以|可进行|可(?=[适开建调安纳布用]|适度)|允许|准许|能够|能(?=[进开建调])")
_OBLIGE = re.compile(r"应当|必须|(?<![对适响供相反效])应(?![用急])|须|需(?![求要])|需要")
CONDITIONS = {"适度": ("适度", "适当"), "前提": ("前提", "条件下", "在不"), "除外": ("除",), "批准": ("批准", "审批"),
              "原则上": ("原则上",)}
_CONDITION_RX = {name: re.compile(p) for name, p in (
    ("适度", r"适度"), ("前提", r"前提下"), ("除外", r"除[^，。；]{1,30}外"), ("批准", r"经[^，。；]{0,20}批准"),
    ("原则上", r"原则上"))}
_NEGATION = re.compile(r"不得|不允许|不准|不能|不可以|不可|不宜|禁止|严禁|杜绝|没有|并未|未|无|非|不")
_NOT_NEGATION = re.compile(r"不断|不仅|不但|不同|不久|不少|不过|不论|不管|未来|无论|无序|非常|除非|不及时")


def modality(text: str) -> frozenset[str]:
    """Which of permit / prohibit / oblige the text says."""
    found = set()
    rest = _PROHIBIT.sub("", text) if _PROHIBIT.search(text) else text
    if rest != text:
        found.add("prohibit")
    if _PERMIT.search(rest):
        found.add("permit")
    if _OBLIGE.search(rest):
        found.add("oblige")
    return frozenset(found)


def conditions(text: str) -> frozenset[str]:
    return frozenset(name for name, rx in _CONDITION_RX.items() if rx.search(text))


def keeps_condition(name: str, text: str) -> bool:
    return any(w in text for w in CONDITIONS[name])


def negations(text: str) -> list[tuple[int, str]]:
    """(position, the two characters negated) for every negation; "不断", "未来"… are not negations."""
    masked = _NOT_NEGATION.sub(lambda m: "＿" * len(m.group(0)), text)
    out = []
    for m in _NEGATION.finditer(masked):
        after = re.sub(f"[^{HAN}]", "", text[m.end():m.end() + 6])
        out.append((m.start(), after[:2]))
    return out


def negated_at(text: str, pos: int) -> bool:
    """Is the word at pos governed by a negation earlier in its clause (不涉及…调整, 不得突破, 没有任何)?"""
    start = max((m.end() for m in _CLAUSE_SPLIT.finditer(text[:pos])), default=0)
    return any(p < pos for p, _ in negations(text[start:pos + 1]))


# ------------------------------------------------------------------ documents
_DOC_NUMBER = re.compile(rf"([{HAN}]{{1,10}})\s*[〔\[［【(（]\s*(\d{{4}})\s*[〕\]］】)）]\s*(\d+)\s*号")
_TITLE = re.compile(r"[《〈]([^《》〈〉]{2,80})[》〉]")
_LAW = re.compile(rf"([{HAN}]{{2,10}}?)(管理办法|实施办法|实施细则|办法|条例|细则|管理法|保护法|规划法|法规)")
_GENERIC_PREFIX = ("相关", "有关", "上述", "以上", "各项", "具体", "这些", "该项", "此项", "国家", "管理")
_BEFORE_CODE = set("照据依按见于与和及、的为是根")


def normalize_doc(text: str) -> str:
    text = re.sub(r"[《》〈〉\s]", "", text)
    return re.sub(r"[\[［【(（](\d{4})[\]］】)）]", r"〔\1〕", text)


@dataclass(frozen=True)
class DocRef:
    text: str   # as written in the reply
    kind: str   # number | title | law


def documents(text: str) -> list[DocRef]:
    refs = [DocRef(m.group(0), "number") for m in _DOC_NUMBER.finditer(text)]
    refs += [DocRef(m.group(1), "title") for m in _TITLE.finditer(text)]
    bare = _TITLE.sub("", text)
    refs += [DocRef(m.group(0), "law") for m in _LAW.finditer(bare)
             if not m.group(1).endswith(_GENERIC_PREFIX)]
    return refs


def document_supported(ref: DocRef, source_text: str) -> bool:
    """The document or 文号 is named in the sources (same issuer code, year and number)."""
    flat = normalize_doc(source_text)
    if ref.kind == "title":
        return normalize_doc(ref.text) in flat
    if ref.kind == "law":
        m = _LAW.fullmatch(ref.text)
        return bool(m) and (m.group(1)[-2:] + m.group(2)) in flat
    m = _DOC_NUMBER.fullmatch(ref.text)
    prefix, tail = m.group(1), f"〔{m.group(2)}〕{m.group(3)}号"
    for cut in range(len(prefix)):
        code = prefix[cut:]
        if code + tail in flat:
            return cut == 0 or prefix[cut - 1] in _BEFORE_CODE
    return False


def without_documents(text: str) -> str:
    text = _DOC_NUMBER.sub(lambda m: "＃" * len(m.group(0)), text)
    return _TITLE.sub(lambda m: "＃" * len(m.group(0)), text)


# ------------------------------------------------------------------ numbers in context
@dataclass(frozen=True)
class NumberClaim:
    value: float
    unit: str | None
    phase: str | None    # 维护前 | 维护后 | 调出 | 调入 | "算式" | None
    subject: str | None  # the planning term the number is about
    text: str            # as written
    context: str = ""    # the part of the clause it stands in (between commas and 、)


_COUNTED = frozenset(_COUNT_WORDS.split("|"))
# "增加到 8.2831 万亩" names the new level, not the change.
_UP = re.compile(r"(?:净?增加|增长|增多|多了|多出|扩大|(?<![新调])增(?![加长多]))(?![到至为])")
_DOWN = re.compile(r"(?:净?减少|减小|缩小|少了|(?<![调])减(?![少小]))(?![到至为])")
_SUBCLAUSE = re.compile(r"[，,；;：:。、！？!?\n（）()]")


def direction(text: str) -> str | None:
    """增加 / 减少 when a change word is said (the last one wins), else None."""
    ups, downs = list(_UP.finditer(text)), list(_DOWN.finditer(text))
    last_up, last_down = (ups[-1].start() if ups else -1), (downs[-1].start() if downs else -1)
    if last_up == last_down:
        return None
    return "增加" if last_up > last_down else "减少"


_RESTATED = re.compile(r"(?:即|折合|约合|合|相当于)\s*$")
_FROM = re.compile(r"(?:由|从)\s*$")
_TO = re.compile(r"(?:增加到|减少到|增至|减至|降至|变为|调整为|达到|到)\s*$")


def _phase_before(plain: str, pos: int) -> str | None:
    """The phase a number is said under: "由 X 增加到 Y" (X before, Y after); a change word (增加/减少)
    after the last phase word and no other number in between; else that phase word."""
    if _FROM.search(plain[max(0, pos - 3):pos]):
        return "维护前"
    if _TO.search(plain[max(0, pos - 4):pos]):
        return "维护后"
    phases = list(_PHASE_RX.finditer(plain[:pos]))
    start = phases[-1].end() if phases else 0
    segment = plain[start:pos]
    last_number = max((m.end() for m in re.finditer(r"\d", segment)), default=0)
    return direction(segment[last_number:]) or (_PHASE_OF[phases[-1].group(0)] if phases else None)


def _subclause(plain: str, pos: int) -> tuple[int, int]:
    starts = [m.end() for m in _SUBCLAUSE.finditer(plain[:pos])]
    end = _SUBCLAUSE.search(plain, pos)
    return (starts[-1] if starts else 0), (end.start() if end else len(plain))


def numbers(text: str) -> list[NumberClaim]:
    """Every number with its unit, the phase said before it and the term it is about."""
    plain = without_documents(text)
    formulas = [m.span() for m in _FORMULA.finditer(plain)]
    terms = [(p, t) for p, t in terms_in(plain) if t not in PLACES]
    found: list[tuple[int, int, float, str | None, str]] = []
    for m in _NUMBER.finditer(plain):
        found.append((m.start(), m.end(), float(m.group(1).replace(",", "")), unit_of(m.group(2)),
                      m.group(0).strip()))
    for m in _CN_COUNT.finditer(plain):
        value = chinese_number(m.group(1))
        if value is not None:
            found.append((m.start(), m.end(), float(value), m.group(2), m.group(0)))
    out: list[NumberClaim] = []
    stated = None  # the phase of the last number said outside a worked sum
    for pos, end, value, unit, written in sorted(found):
        in_formula = any(s <= pos < e for s, e in formulas)
        start, stop = _subclause(plain, pos)
        phase = "算式" if in_formula else _phase_before(plain, pos)
        if not in_formula and stated and _RESTATED.search(plain[max(0, pos - 5):pos]):
            phase = stated  # "增加 0.0238 万亩，即 238 亩": the same figure in another unit
        stated = phase if not in_formula else stated
        after = _PHASE_RX.search(plain, end, stop) if unit in _COUNTED else None
        if after and not in_formula:  # "12 处省级文物保护单位": the count's qualifier follows it
            phase = _PHASE_OF[after.group(0)]
        left = [t for p, t in terms if p < pos]
        right = [t for p, t in terms if end <= p < stop]
        # "11 处国家级文物保护单位": a count is about what follows it; a measure about what precedes it.
        if unit in _COUNTED and right:
            subject = right[0]
        else:
            subject = left[-1] if left else (right[0] if right else None)
        context = plain[start:stop]
        out.append(NumberClaim(value, unit, phase, subject, written, context))
    return out


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
