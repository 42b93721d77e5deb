"""What a question asked of the passage just quoted names that the plan does not say: "这些文保单位里有哪些古建筑？"
after the passage on 文物保护单位 names 古建筑, which neither the plan, nor a gloss of a quote, nor a plan word like it
in the quotes speaks of; the same of the thing a question asks of ("去义井镇坐几路公交") or asks whether there is
("有没有经过专家论证"), or asks the plan's arrangements for ("矿区采煤塌陷区治理有什么安排"); places of a kind asked
("绿线里有哪些公园") that no quote names; and a bare follow-up of a thing the plan never names ("那娘子关呢？")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Container, Iterable

from ..plan.vocabulary import find_layer
from .followup import SIDES_ONLY
from .scope import GENERIC, LOCAL_NAMES
from .terms import tokenize, word_frequency

# Nouns that are always of something ("要满足啥前提", "有什么条件"): asked alone, of what was just said.
RELATIONAL = frozenset({"前提", "条件", "要求", "原则", "依据", "标准", "目的", "原因", "理由", "措施", "方式", "办法",
                         "程序", "流程", "期限", "后果", "作用", "意义", "效果", "目标", "影响", "好处", "任务", "重点",
                         "约束", "限制",
                         # what is said of something, not a thing: its name, date, total, the plan's own view of it
                         "名称", "全称", "简称", "名字", "落款", "年份", "月份", "总数", "总量", "合计", "评价", "理念",
                         "名义", "定位", "思路", "主题", "含义", "内涵", "要点",
                         # how things stand to one another: in what order, of which kind, how they differ
                         "顺序", "次序", "先后", "步骤", "同类", "类型", "类别", "种类", "分类", "级别", "区别", "差别", "差异",
                         # what a thing is like: the attribute nouns (程度, 方向, 性质 …), and the rules it keeps
                         "程度", "方向", "性质", "本质", "状态", "特点", "特征", "功能", "水平", "形式", "规矩", "规则"})
# A word jieba knows this rarely, under four characters, is more often its slip than a noun asked: the slips
# seen in questions are 线呢 7, 份文件 7, 南界 3, 图标 40 (第1张图标的); things asked of a passage, 菜市场 56, 古树 81.
RARE_WORD = 50
# People in general say who a rule is asked for ("那老百姓呢？" after whether 生态控制区 may be developed), not a thing
# the passage would have to name.
PEOPLE = frozenset({"老百姓", "百姓", "群众", "市民", "居民", "村民", "农民", "老人", "孩子", "小孩", "大家", "个人",
                    "普通人"})
# Words that point at what was said ("前者为啥增加"), which jieba tags nouns.
POINTING = frozenset({"前者", "后者"})
_ASKING = re.compile(r"哪|什么|啥|多少|几")
# "坐几路公交", "招不招消防员": the thing right after the asking word, which an answer must speak of. (Not after
# 什么 or 啥, which ask of whatever goes on: "有啥动静", "什么情况".)
# ("哪些古建筑": 哪些 asks of things as 哪个 of one)
_ASKED_NOUN = re.compile(r"(?:几|多少|哪些?)[个路条家所座种类位名辆趟]?(?P<a>[\u4e00-\u9fff]{2,4})|"
                         r"(?P<verb>[\u4e00-\u9fff])不(?P=verb)(?P<b>[\u4e00-\u9fff]{2,4})")
# "有没有矿山在开采", "有没有经过专家论证": whether there is a thing, named after 有没有 (past a verb of how).
_IF_ANY = re.compile(r"有没有(?P<c>[\u4e00-\u9fff]{2,8})")
# Words jieba tags nouns that say how a thing is done ("有没有专门划的线"), not a thing.
_HOW_WORDS = frozenset({"专门", "专项", "单独", "另外", "具体", "相关", "特别", "一般", "统一", "集中", "重点"})


def not_said(named: Iterable[str], quotes: list[str], asked: str,
             plan_words: Callable[[str], tuple[str, ...] | None], slips: bool = True) -> list[str]:
    """Of the nouns `named` that the plan does not use, those no quote speaks of: not by a plan word like it
    (`plan_words`: None when a gloss of a quote speaks of it), nor by a thing of its kind (`kind_quoted`).
    A word always of something (效果, 名称) is asked of the quotes; a rare word is more likely jieba's slip.
    A word jieba makes of a question word and a noun ("哪些项目") names nothing the plan lacks.
    Only the words of the turn as `asked` count (not those of the question it was read against), and not who a
    thing is for ("给老百姓用的设施": 老百姓 says whose, 设施 is asked). With `slips` False, a rare word counts too
    (the words of a phrase read whole, not jieba's guess at a noun)."""
    unsaid = []
    for word in named:
        if word in RELATIONAL or word in PEOPLE or word in POINTING or slips and len(word) < 4 and word_frequency(word) < RARE_WORD \
                or word not in asked or _ASKING.match(word) \
                or re.search(re.escape(word) + r"(?![过了着])[\u4e00-\u9fff]{1,2}的", asked):
            continue
        said = plan_words(word)
        if said is not None and not any(term in quote for term in said for quote in quotes) \
                and not kind_quoted(word, quotes):
            unsaid.append(word)
    return list(dict.fromkeys(unsaid))


def kind_quoted(word: str, quotes: Iterable[str]) -> bool:
    """A quote names a thing of the kind a two-character word names by its first character, as Chinese words
    name kinds (会议: 全会, 道路: 新城大道, 车辆: 汽车): "哪次会议" is answered by 二十届四中全会; a kind of place
    by a name ending in it (乡镇: 河底镇)."""
    if set(word) <= _PLACE_ENDINGS:  # "哪些乡镇村": 河底镇, 杨家庄乡 are of the kind, however a quote is cut
        return any(re.search(rf"[\u4e00-\u9fff]{{2,3}}[{word}]", quote) for quote in quotes)
    return len(word) == 2 and any(len(t) >= 2 and t != word and t[-1] == word[0]
                                  for quote in quotes for t in tokenize(quote))


# The characters kinds of place end in, which their members' names end in too (人民公园, 桃河, 娘子关景区).
# (and the places a service is given at, named by the same ending: 学校 by …中学, 站点 by …消防站)
_PLACE_ENDINGS = frozenset("园河湖山村镇乡县街路区库校馆站场")


def places_unnamed(word: str, quotes: Iterable[str]) -> bool:
    """"绿线里具体有哪些公园": members of a kind of place asked, which no quote names: no word of a quote ends as
    the kind ends (公园: …园; 河道: …河). Glosses that speak of such places (公园 of 城市绿线) name none of them."""
    ending = next((ch for ch in (word[-1], word[0]) if ch in _PLACE_ENDINGS), None)
    return ending is not None and not any(len(t) >= 2 and t != word and t.endswith(ending)
                                          for quote in quotes for t in tokenize(quote))


def asked_noun(question: str) -> str | None:
    """The noun a question asks of, right after its asking word ("去义井镇坐几路公交" -> 公交, "招不招消防员" ->
    消防员); None when none follows it."""
    import jieba.posseg

    found = _ASKED_NOUN.search(question)
    if found is None:
        return None
    first = next(iter(jieba.posseg.cut(found.group("a") or found.group("b"))), None)
    return _noun(first)


def _if_any_words(question: str) -> tuple[list, bool]:
    """The words after 有没有, past a short verb, preposition or adverb before the thing ("经过专家论证" -> 专家论证),
    and whether what was passed is a preposition saying for whom ("给精神疾病患者…")."""
    import jieba.posseg

    found = _IF_ANY.search(question)
    if found is None:
        return [], False
    words = list(jieba.posseg.cut(found.group("c")))
    at = 1 if len(words) > 1 and words[0].flag in ("v", "p", "d") and len(words[0].word) <= 2 else 0
    return words[at:], at == 1 and words[0].flag == "p"


def asked_if_any(question: str) -> str | None:
    """The thing a question asks whether there is ("有没有经过专家论证" -> 专家论证, "有没有高速公路项目" -> 高速公路);
    None when no noun follows 有没有."""
    words, _ = _if_any_words(question)
    noun = _noun(words[0] if words else None)
    return noun if noun not in _HOW_WORDS else None


def things_if_any(question: str) -> list[str]:
    """The nouns of the thing a question asks whether there is, the head with its modifiers ("有没有用地指标奖励" ->
    用地, 指标, 奖励: the 奖励 asked is the head, though 用地指标 are the plan's words); none when no noun follows 有没有."""
    words, for_whom = _if_any_words(question)
    if for_whom:  # ("有没有给精神疾病患者新建住院的地方": for whom, not what, is said first)
        return []
    nouns = []
    for word in words:
        # (a verb-noun heads a compound, 指标奖励; alone it is what was done: "有没有调整")
        if not (word.flag.startswith("n") or word.flag == "vn" and nouns) or len(word.word) < 2:
            break
        nouns.append(word.word)
    return [n for n in nouns if n not in _HOW_WORDS and n not in GENERIC]  # ("养老方面的安排": 方面 names nothing)


# "河底镇那边要建工业园区吗", "会不会盖商品房": whether the plan will build a thing, named after the building verb.
# (Not "能不能建", "可以盖": whether a zone allows it, which its rule answers without naming the thing.)
_WILL_BUILD = re.compile(r"(?:要|会|准备|打算|计划|将要|还要|还会)(?:再|新)?(?:建设|新建|修建|建|盖|修)"
                         r"(?:个|一个|一些|些|座|所|条)?(?P<thing>[\u4e00-\u9fff]{2,6}?)(?:吗|么|不|没|啊|呢|[？?，,。]|$)")


# "绿线调入后有没有新建公园", "有没有盖学校": whether a thing was or will be built, named after 有没有 and the verb.
_BUILT_IF_ANY = re.compile(r"有没有(?:要|会)?(?:再|新)?(?:建设|新建|修建|新增|建|盖|修)了?(?:个|一个|一些|些|座|所|条)?"
                           r"(?P<thing>[\u4e00-\u9fff]{2,6}?)(?:吗|么|啊|呢|[？?，,。]|$)")


def things_to_build(question: str) -> list[str]:
    """The nouns of the thing a question asks whether the plan will build ("河底镇那边要建工业园区吗" -> 工业园区);
    none when it asks what or which (要建什么: the plan's list answers) or whether a zone allows building."""
    import jieba.posseg

    found = _WILL_BUILD.search(question)
    if found is None or _ASKING.search(found.group("thing")):
        return []
    return [w.word for w in jieba.posseg.cut(found.group("thing")) if _noun(w) and w.word not in _HOW_WORDS
            and w.word not in GENERIC]


def places_if_any(question: str, known: Container[str] | None = None) -> list[str]:
    """The places of a kind (公园, 学校, 自然保护区: ending as places end) a question asks whether there are, or
    whether the plan builds ("有没有新建公园", "要建学校吗", "红线里有没有自然保护区"); a gloss that speaks of the
    kind (公园 of 城市绿线) names no such place. With `known` (jieba's dictionary), a single word counts only when
    it holds it: "救火的队站" is jieba's guess at a word, not a kind of place."""
    import jieba.posseg

    found = _BUILT_IF_ANY.search(question)
    if found is not None:
        words = list(jieba.posseg.cut(found.group("thing")))
        things = [w.word for w in words if _noun(w) and w.word not in _HOW_WORDS]
    else:
        words, for_whom = _if_any_words(question)
        things = [*things_to_build(question), *([] if for_whom else things_if_any(question))]
        words = [] if for_whom else words
    things = [t for t in things if known is None or t in known]
    # ("有没有新增历史文化街区": the nouns in a row, read whole, 街区 a place word of jieba's; not "调整市辖区…",
    # what is done to a place)
    run = list(itertools.takewhile(lambda w: w.flag[0] in "ns" or w.flag == "vn", words))
    if len(run) >= 2 and run[0].flag != "vn":
        things.append("".join(w.word for w in run))
    return [t for t in dict.fromkeys(things) if len(t) >= 2 and t[-1] in _PLACE_ENDINGS and t not in _HOW_WORDS]


# "阳泉是不是国家历史文化名城", "算不算生态文明示范区": a standing asked of, named after the asking words.
_STANDING = re.compile(r"(?:是不是|算不算|是否(?:为|是|属于)?|属不属于|有没有被?(?:评为|列为|认定为|命名为))"
                       r"(?P<x>[\u4e00-\u9fff]{4,12}?)(?:吗|呢|啊|[？?，,。]|$)")


def standing_asked(question: str) -> str | None:
    """The standing a question asks whether something has ("国家历史文化名城"): the nouns in a row after 是不是 or
    算不算, four characters or more; None when none is asked so."""
    import jieba.posseg

    found = _STANDING.search(question)
    if found is None:
        return None
    run = "".join(w.word for w in itertools.takewhile(lambda w: w.flag[0] in "ns" or w.flag in ("vn", "nz", "j"),
                                                       jieba.posseg.cut(found.group("x"))))
    return run if len(run) >= 4 else None


def unnamed_places(question: str, quotes: list[str], known: Container[str], plan_text: str,
                   in_plan: Callable[[str], bool]) -> list[str]:
    """The places of a kind asked as there or built that the plan never names or no quote names (`places_if_any`),
    else the standing asked (`standing_asked`) when the plan names it nowhere, not even in pieces (名城), nor as a
    line; none otherwise. A place said in everyday words ("阳泉市区") is where, which the plan's scopes answer.
    `plan_text` is the plan without white space (a word split by a page break reads whole)."""
    places = [p for p in places_if_any(question, known) if p not in plan_text or places_unnamed(p, quotes)]
    if places:
        return places
    standing = standing_asked(question)
    if standing and not find_layer(standing) and not in_plan(standing) \
            and not any(p in standing for p in (*LOCAL_NAMES, "市区", "城里")):
        return [standing]
    return []


# "那娘子关呢？": a follow-up naming only the thing it now asks of.
_THAT_ONE = re.compile(r"^\s*(?:那么?|还有)(?P<thing>[\u4e00-\u9fff]{2,8}?)(?:的)?呢[？?]?\s*$")


def pointed_unknown(question: str, known: Callable[[str], bool],
                    plan_words: Callable[[str], tuple[str, ...] | None]) -> str | None:
    """The thing a bare follow-up ("那娘子关呢？") names when the plan neither names it nor any word like it, and it is
    no figure's word (`known`: a line, measure, phase, unit or place the answers read); None otherwise."""
    found = _THAT_ONE.match(question)
    if found is None:
        return None
    thing = found.group("thing")
    if thing in PEOPLE or _ASKING.search(thing) or re.search(r"[是谁怎有在]", thing) or known(thing) \
            or SIDES_ONLY.fullmatch(thing):  # ("那东西两头呢？" after the north and south bounds: 东西 is no 东西)
        return None
    return thing if plan_words(thing) == () else None



def arranged_things(question: str) -> list[str]:
    """The words of the thing a question asks the plan's arrangements for ("矿区采煤塌陷区治理有什么安排" -> 采煤, 塌陷;
    "对光伏等新能源项目用地有什么规定" -> 光伏, 新能源, 项目, 用地), past whom or what it is said of (…对, …的) and
    without the doing asked of it (治理, 改造); none when no arrangement is asked."""
    import jieba.posseg

    found = _ARRANGED.search(question)
    if found is None:
        return []
    span = re.split(r"对|关于|的|，|,", found.group("span") or found.group("of") or found.group("said"))[-1]
    return [w.word for w in jieba.posseg.cut(span) if len(w.word) >= 2 and w.word not in _DOING
            and w.flag not in ("r", "d", "p", "u", "c", "m", "t", "f")]


# "…有什么安排", "…怎么处理", "…有啥规定": the plan's arrangements for a thing, named before.
# ("对煤矿企业有什么影响": what the plan does to a thing, named after 对)
_ARRANGED = re.compile(r"(?P<span>[\u4e00-\u9fff、]{2,16}?)(?:这次|本次|这回|在这次维护里|这次规划|规划)?"
                       r"(?:有什么|有啥|有没有|怎么|如何|咋)(?:具体)?(?:安排|规定|处理|打算|考虑|部署)|"
                       r"(?P<said>[\u4e00-\u9fff、]{2,16}?)(?:这次|方案里?|规划里?)?(?:有没有|有无)(?:写|提|提到|涉及)|"
                       r"对(?P<of>[\u4e00-\u9fff、]{2,12}?)(?:有|会有|带来|产生)(?:什么|啥|哪些)影响")
# What is done to the thing arranged for, which names no thing.
_DOING = frozenset({"治理", "改造", "建设", "开发", "处理", "利用", "保护", "修复", "整治", "方案", "规划", "这次", "本次",
                    "这回", "此次", "这一次", "这里"})


def _noun(word) -> str | None:
    """A jieba word that is a noun of two characters or more, as its text; None otherwise."""
    return word.word if word is not None and word.flag.startswith("n") and len(word.word) >= 2 else None
