"""What the plan demonstrably does not cover: other places, other plans and years, figures it never states.

A word missing from the plan is never a reason to refuse by itself (老百姓, 养老院, 孩子 are how people
ask); whether the plan supports a question is decided after retrieval, by the evidence found
(see `unsupported_topic` and the extractor's score floor).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable
from itertools import pairwise

import jieba.posseg

from ..answer_types import Answer
from ..plan.vocabulary import (
    COLOUR_LINE,
    LAYER_SYNONYMS,
    OTHER_COUNTIES,
    OTHER_PLACE_NAMES,
    PROJECT_STATUS_WORDS,
)

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
    "文件", "地块", "省厅", "部门", "单位", "机构", "位置", "地点", "图件", "资料", "地图", "信息",
    "时间", "日期", "通知", "办法", "条文", "规定", "说明",
    "整数", "小数", "小数点", "个位", "位数",  # how a figure is to be rounded ("取整数")
    "一共", "总共", "态度", "看法", "多长时间", "多久",  # how much in all, what stance, how long: a question's form
    "包括", "包含",  # "包括哪几部分": what a list holds is asked, not about what
    "关于", "有关",  # "关于春天的绝句": says a topic follows, is none (the plan's titles say 关于 too)
    "问问", "请问", "打听",  # "想问问这是谁出的": asking, not what about
})

# Units of the plan's figures: sharing one with a question says nothing about its topic.
UNIT_WORDS = frozenset({"公顷", "平方千米", "平方公里", "平方米", "平方", "万亩", "亩", "项", "处", "倍"})
_ASKS_AMOUNT = re.compile(r"多少|几|面积|规模|多大|数量|占比|比例")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(年度|年)")
# What a question asks for when it wants a kind of figure the plan states nowhere: the plan's figures
# are areas, counts of projects/sites, multiples and shares (see plan_figures); no money, no
# durations or dates of works, no people, no beds.
_ASKED_KIND = (
    (re.compile(r"多少钱|多少元|多少万元|多少亿|亿元|万元|价格|价钱|房价|地价|补偿标准|造价|投资额|总投资|投资多少|门票|票价|"
                r"收费标准|补偿(?:按|怎么|多少|标准)|费用|手续费|规费|交多少"), "金额", "元"),
    # "多长时间查一回" asks how often, which the plan may say (年度评估): not a date or a duration of works.
    (re.compile(r"建成|完工|投用|竣工|建好|通车|投入使用|公示期|多少天|几天|(?:多久|多长时间)(?!.{0,4}一[次回遍趟])|"
                r"哪天|(?<!第)几号(?!线)|截止|期限|哪月哪[日天号]|几月几[日号]|具体日期|"
                r"(什么时候|啥时候|啥时|何时|哪一?年|几月|哪月|哪天)(开工|动工|开建|修|建|盖|造|完|开始|实施|落地|开张|开业|营业|启用|运营|开放)|"
                r"(?:建|修|盖|造)(?:于|成于|好于|在)(?:哪一?年|何年|何时|什么时候|哪个年代)"), "时间安排", None),
    (re.compile(r"多少(?:张|个)?[\u4e00-\u9fff]{0,4}床位|几张[\u4e00-\u9fff]{0,4}床|床位(?:数|有多少|是多少|多少|够不够)|多少人|人口|几口人|"
                r"(?:收|容纳|接收|(?<![保记守挡稳抓])住)(?:得下)?多少|"
                r"多少(?:个|名|位)?(?:孩子|娃|小孩|学生|老人|病人|患者)"), "人数或床位", None),
    (re.compile(r"年一遇|重现期|(防洪|排涝|设防)标准"), "设防标准（几年一遇）", "年一遇"),
    (re.compile(r"罚款|罚多少|处罚|判刑|判几年|坐牢|拘留|刑事责任|量刑"), "处罚或刑责",
     r"(?:元以下罚款|元以上罚款|年以下有期徒刑|日以下拘留)"),
    # The plan's own approval number: its text cites other documents' numbers, never its own.
    (re.compile(r"(?:方案|规划|本次|这次)的?批复文号|批复文号|批复号|(?:这个|本|该)方案的?(?:发文|印发)?文号"),
     "自身的批复文号（方案原文只引用了其他文件的文号）", None),
    (re.compile(r"电话|联系方式|热线|手机号|邮箱|网址|网站|公众号|微信号|办公地址"), "联系方式", r"[-－]\s*\d{7,8}"),
)
# "你觉得我该起诉吗", "值不值得买": a decision or a legal step for the asker, which no plan text makes.
_ASKS_ADVICE = re.compile(r"你(?:觉得|认为|建议|看)(?:我|咱)|你(?:觉得|认为)(?:应该|该|要|能|值)|给我(?:出|提)?个?(?:主意|建议)|"
                          r"值不值得|划不划算|起诉|打官司|诉讼|律师")


_PLAN_LINE_NAMES = ("永久基本农田保护红线", "生态保护红线", "城镇开发边界", "历史文化保护线", "洪涝风险控制线", "城市绿线", "城市紫线")


def present(token: str, corpus_text: str) -> bool:
    """A token occurs in the plan, directly or as two-character pieces (耕地红线 -> 耕地 + 红线)."""
    if token in corpus_text:
        return True
    if len(token) >= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", token):
        return all(token[i:i + 2] in corpus_text for i in range(0, len(token) - 1, 2))
    return False


def content_nouns(question: str) -> list[str]:
    """The things a question is about: nouns (and the like) of two characters or more, minus generic ones."""
    return [w.word for w in jieba.posseg.cut(question)
            if len(w.word) >= 2 and (w.flag.startswith("n") and w.flag != "vn" or w.flag in ("eng", "nz", "j"))
            and w.word not in GENERIC and w.word not in LOCAL_NAMES]


def out_of_scope(question: str, corpus_text: str, local_places: Iterable[str] = ()) -> str | None:
    """A Chinese refusal when the question names a place, plan or year the plan does not cover, else None."""
    local = LOCAL_NAMES | set(local_places)
    words = [(w.word, w.flag) for w in jieba.posseg.cut(question)]

    for word, flag in words:
        if flag in ("ns", "nr", "nrt") and len(word) >= 2 and word not in local and word[0] not in "各每本该" \
                and not present(word, corpus_text) and not any(word in p for p in local):
            if re.search(r"[市省县州区]$", word) or word in OTHER_PLACE_NAMES:
                return f"本方案是阳泉市国土空间总体规划的年度动态维护方案，未涉及“{word}”的内容。"

    for county in OTHER_COUNTIES:
        if county in question or county.rstrip("县") + "的" in question:
            if _ASKS_AMOUNT.search(question) or any(w in question for ws in LAYER_SYNONYMS.values() for w in ws):
                return (f"本方案未给出{county}的相关数据：三条控制线、规划分区等维护内容只覆盖市辖区"
                        f"（城区、矿区、郊区），市域层面只维护重点建设项目清单。")

    # "城市蓝线", "黄线": a line of the colour-coded set (红/绿/蓝/紫/黄/橙/黑线) that the plan never names;
    # "道路红线": a colour the plan uses, named by a noun the plan never uses (生态红线 and 耕地红线 are the
    # plan's lines said short: 生态, 耕地 occur in it).
    named = [f"{before}{line}" for (before, flag), (line, _) in pairwise(words)
             if COLOUR_LINE.fullmatch(line) and flag == "n" and len(before) >= 2 and before not in corpus_text]
    for line in [*COLOUR_LINE.findall(question), *named]:
        if line not in corpus_text:
            lines = "、".join(n for n in _PLAN_LINE_NAMES if n in corpus_text)
            return f"本方案未涉及“{line}”：方案维护的控制线是{lines}。"

    squeezed = re.sub(r"\s+", "", corpus_text)
    for year, suffix in _YEAR.findall(question):
        if f"{year}{suffix}" not in squeezed and f"{year}年" not in squeezed:
            return (f"本方案是阳泉市国土空间总体规划的本年度动态维护方案，未涉及{year}{suffix}的内容，"
                    "也没有给出该年份的数字。")
        if suffix == "年度" and f"{year}年度" not in squeezed:
            return f"本方案不是{year}年度的动态维护方案，未涉及其内容。"
    return None


def unstated_kind(question: str, corpus_text: str) -> str | None:
    """"X 总投资多少 / 哪一年建成 / 多少张床位": the kind of figure asked, when the plan states none of it."""
    for pattern, label, unit in _ASKED_KIND:
        if pattern.search(question) and (unit is None or not re.search(rf"\d\s*{unit}", corpus_text)):
            return label
    return None


# "这个地块在不在永久基本农田里？", "我家那块地这回被划进去没有？": one piece of land against a line.
_PARCEL = re.compile(r"(?:这个|这块|那块|我家|我们家|俺家|咱家|自家|我的|我这|我那)[^，,。？?！!]{0,6}?(?:那块|这块|那套|这套|那间|这间)?"
                     r"(?:地块|宅基地|老房子|房子|院子|厂房|厂子|土地|地(?![方区图址段带])|房)")
_MEMBERSHIP = re.compile(r"在不在|在没在|是不是在|属不属于|算不算|划进|划入|划到|划出|被划|占没占|压没压|涉不涉及|会不会被|有没有被")
PARCEL_REASON = ("方案原文只给出各控制线的总体规模和调整原则，不能判断某一块地是否在线内。要核查具体地块，请提供它的坐标"
                 "（纬度、经度）、不动产单元号或地块编号，或在地图上点选位置。")


def asks_parcel(question: str) -> bool:
    """One piece of land, the asker's or "这个", is checked against a line, with no location given."""
    return bool(_PARCEL.search(question) and _MEMBERSHIP.search(question))


# "你是哪家公司开发的？用的什么大模型？": the assistant itself, which the plan does not describe.
_ABOUT_ASSISTANT = re.compile(r"你是(?:谁|什么|哪)|你们?(?:是)?(?:哪家|哪个)(?:公司|单位|机构)|大模型|你(?:叫|用的?|基于)什么|"
                              r"你是(?:不是)?(?:AI|人工智能|机器人|真人)")
ASSISTANT_REASON = ("我是依据阳泉市国土空间总体规划本年度动态维护方案原文回答问题的助手，回答只引用方案原文和图层查询结果；"
                    "方案中没有关于本助手的内容。可以询问方案中的三条控制线、规划分区、城市绿线紫线、重点建设项目等内容。")


def about_assistant(question: str) -> bool:
    return bool(_ABOUT_ASSISTANT.search(question))


# "给我写首夸阳泉的诗", "讲个笑话": something to be written or told, not asked of the plan.
_COMPOSE = re.compile(r"(?:写|作|编|创作|来|做)一?(?:首|篇|段|副|个|句)[^，。？?！!]{0,8}?(?:诗|词|歌|对联|笑话|故事|小说|作文|散文|"
                      r"口号|顺口溜|段子|文案)|讲一?个(?:笑话|故事)|(?:你|当|做|扮演)(?:现在)?(?:是)?(?:个|一个|一名)?诗人")
COMPOSE_REASON = ("本助手只依据阳泉市国土空间总体规划本年度动态维护方案原文回答问题，不写诗文、不编故事；"
                  "可以询问方案中的三条控制线、规划分区、城市绿线紫线、重点建设项目等内容。")


def asks_composition(question: str) -> str | None:
    """A refusal when the question asks for something written or told (a poem, a joke) and nothing else; "先讲个
    笑话，然后告诉我城市绿线维护后是多少" still asks the plan a figure in its other clause."""
    clauses = [c for c in re.split(r"[，,。；;！!？?]", question) if c.strip()]
    asked = [c for c in clauses if _COMPOSE.search(c)]
    rest = [c for c in clauses if c not in asked and (_ASKS_AMOUNT.search(c) or re.search(r"吗|什么|哪|怎么|如何", c))]
    return COMPOSE_REASON if asked and not rest else None


def asks_advice(question: str) -> str | None:
    """A refusal when the question asks the assistant to decide for the asker or to advise a legal step."""
    if _ASKS_ADVICE.search(re.sub(r"我是(?:一名|一个|个)?[\u4e00-\u9fff]{0,4}律师", "", question)):  # who asks is no ask
        return ("本助手只依据方案原文回答，不替个人做决定，也不提供法律意见；"
                "可以询问方案中与您的情况有关的管控规定。")
    return None


def unsupported_topic(question: str, covered: Callable[[str], bool], known: Container[str] | None = None) -> list[str]:
    """The question's nouns, when none of them is covered by the plan (directly or by a plan word like it).

    With `known` (jieba's dictionary), a noun jieba only guessed ("种的地会不会" -> 地会) counts for nothing.
    """
    nouns = [n for n in content_nouns(question) if known is None or n in known]
    if not nouns:
        return idle_talk(question, covered)
    if not any(covered(n) for n in nouns):
        return nouns
    return []


def idle_talk(question: str, covered: Callable[[str], bool]) -> list[str]:
    """"今天天气怎么样", "写一首春天的七言绝句": a question with no noun, whose idioms or time words (今天天气,
    春天, 明天) the plan never speaks of: it is about something else, not an ellipsis of the last question."""
    if content_nouns(question) or _ASKS_AMOUNT.search(question):
        return []
    cut = [(w.word, w.flag) for w in jieba.posseg.cut(question)]
    words = [w for w, flag in cut if len(w) >= 2 and w not in GENERIC and (
        flag in ("i", "l") and not _NUMERAL.search(w)  # 百分之几 is an amount, not an idiom
        or flag == "t" and _CALENDAR.search(w))]      # 今后, 目前 may well ask about the plan
    if not words or any(covered(w) for w in words):
        return []
    # "规划一改完，是不是马上就能开工了？": a word of the plan's own (规划) makes 是不是 a way of asking.
    plan_words = [w for w, flag in cut if len(w) >= 2 and w not in words and w not in ("关于", "有关")
                  and flag not in ("r", "d", "c", "p", "u", "y", "x", "m")]
    return [] if any(covered(w) for w in plan_words) else words


_NUMERAL = re.compile(r"[几多少百千万亿\d]")
# Days, seasons and times of day: the plan's time words are years and periods (年度, 十五五, 维护后).
_CALENDAR = re.compile(r"(?:天|晚上|早上|中午|上午|下午|周末|节)$")


# "怎么处罚", "如何申请": the action asked about, right after the question word.
# "怎么表述的", "如何规定": how the plan puts it, which any passage on the topic answers.
_SAYING = frozenset({"表述", "描述", "体现", "理解", "解释", "规定", "界定", "定义", "说明", "表达", "要求", "安排", "考虑",
                     "处理", "对待", "处置"})
_HOW = re.compile(r"(?:怎么|如何|怎样|咋)(?:样|去|来|才能|能)?([\u4e00-\u9fff]{2,4})")


def unsupported_action(question: str, covered: Callable[[str], bool]) -> str | None:
    """"违规建设怎么处罚？": the action asked (处罚) when the plan says nothing of it or of anything like it."""
    found = _HOW.search(question)
    if not found:
        return None
    action = next(iter(jieba.posseg.cut(found.group(1))), None)
    if action is None or len(action.word) < 2 or not action.flag.startswith("v") or action.word in GENERIC \
            or action.word in _SAYING:
        return None
    return None if covered(action.word) else action.word


# "有多少项", "面积多大": an amount is asked (not how many items a list has: 几条, 哪几类, 多少类).
_ASKS_FIGURE = re.compile(r"多少(?![类种条个方])|多大|(?<!哪)几(项|处|公顷|亩|平方|万)")
# "名单列一下", "具体是哪些": the members of something are asked, not how many.
_ASKS_MEMBERS = re.compile(r"具体是?哪些|都是哪些|都有哪些|是哪些|有哪些|名单|清单|列一下|列出|叫什么|叫啥|名称|名字|分别是哪|"
                           r"哪[几两三四五六七八九十]+[处项个类种座所条]")
# What kind of thing a question asks for, and what a sentence must hold to give one: a body ("由哪个部门牵头"
# wants a named authority), a document number, a penalty. Sentences on the topic without it leave the
# question unanswered: the plan does not say.
_ASKED_THING = (
    (re.compile(r"哪[个些几]个?(?:部门|单位|机构|科室)|什么(?:部门|单位|机构)|哪[一级]*级(?:政府|部门)|由谁|谁(?:来)?(?:负责|牵头|"
                r"审批|批准|审查|组织|主管|管理|监督|编制|发布)|(?:牵头|主管|责任)(?:部门|单位)"),
     re.compile(r"人民政府|自然资源(?:部|厅|局)|农业农村(?:部|厅|局)|林业和草原局|规划局|委员会|领导小组|"
                r"[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4}){2,}等?部门"), "负责的部门或单位"),
    # "由哪一级政府、哪个部门审批": who approves, which the plan's cover (its issuer) does not say.
    (re.compile(r"(?:谁|哪一?级|哪个|哪些|什么)(?:政府|部门|单位|机关)?[^，。？?]{0,8}(?:审批|批准|批复)|(?:审批|批准|批复)(?:机关|部门|单位)"),
     re.compile(r"(?:人民政府|自然资源(?:部|厅|局))[^。；]{0,12}(?:审批|批准|批复)|(?:报|经|由)[^。；]{0,12}(?:审批|批准|批复)"),
     "审批机关"),
    (re.compile(r"文号|批复号|发文号|批文号"), re.compile(r"〔\s*\d{4}\s*〕\s*\d+\s*号"), "文号"),
    # "哪家设计院编制的", "哪位领导提出的": a firm or a person, which the plan names nowhere.
    (re.compile(r"(?:设计|规划|研究|咨询|勘测)(?:院|单位|公司|机构)|哪(?:位|个)(?:领导|专家|同志)|"
                r"谁(?:提出|提的|定的|设计|画的|拍板)|(?:市长|书记|局长|主任|负责人|领导)(?:是谁|叫什么|姓什么|的名字)"),
     re.compile(r"(?:设计|规划|研究|勘测)院|公司|同志|专家|市长|书记|局长"), "编制或提出的单位、个人"),
    # "建在哪条街", "门牌号": an address, which the plan gives for nothing.
    # A road the plan names in a quote ("新城大道一级消防站") answers it.
    (re.compile(r"哪条(?:街|路|马路|大街|巷)|门牌|(?:具体|详细)地址"),
     re.compile(r"\d+\s*号(?!\s*[）)])|门牌|[\u4e00-\u9fff](?:路|大街|大道|街|巷)(?!道)"), "具体地址"),
    # "调出的 6.07 公顷具体在什么位置", "红线分布在哪几座山": where, finer than the plan's scopes.
    (re.compile(r"(?:在|位于)(?:什么|哪个|哪些|哪)(?:位置|地方|地段|片区|地块|区域)|具体位置|分布在哪|哪几?座山|四至|坐标是|坐标(?:发|给|多少)|经纬度"),
     re.compile(r"(?<!中心)城区|矿区|郊区|高新区|[\u4e00-\u9fff]{2}(?<![城农乡])(?:镇|乡|村|街道)(?![村镇])|"
                r"[\u4e00-\u9fff](?:大道|大街|路)"), "具体位置"),
    (re.compile(r"处罚|惩罚|罚款|罚则|法律责任|追究.{0,6}责任|追责|问责"), re.compile(r"处罚|罚款|追究|追责|问责"), "处罚或追责规定"),
)
# "11 处国家级文物保护单位", "新增 180 项": a thing the plan counts without naming its members.
_COUNTED = re.compile(r"(?:([\u4e00-\u9fff]{2,4})\s*)?(\d+\s*[项处个座所条])([\u4e00-\u9fff]{2,12})?")


def missing_figure(question: str, quotes: Iterable[str]) -> bool:
    """An amount is asked and none of the plan's sentences found gives a number."""
    return bool(_ASKS_FIGURE.search(question)) and not any(re.search(r"\d", q) for q in quotes)


# "因为什么撤销的", "为什么变大了？", "怎么回事": a reason is asked; a sentence giving one says why (因, 由于, 为了 …).
ASKS_REASON = re.compile(r"为什么|为何|为啥|什么原因|原因是|因为什么|理由|怎么回事")
_GIVES_WHY = re.compile(r"因为|由于|为了|旨在|原因|以便|鉴于")


def counted_not_listed(question: str, quotes: Iterable[str]) -> str | None:
    """The plan's count ("新增 180 项") when the members of what it counts are asked ("新增项目的名单"),
    or the reason for them ("撤销的 22 项是因为什么") and no sentence found gives one."""
    quotes = list(quotes)
    why = bool(ASKS_REASON.search(question)) and not any(_GIVES_WHY.search(q) for q in quotes)
    if not (asks_members(question) or why):
        return None
    # "具体是哪些？" right after a count: nothing of its own but the subject carried over (in brackets),
    # so the count found is the one it asks about.
    kind = next((m.group(1) for m in _MEMBERS_OF.finditer(question)), "")  # "都是哪些文保单位": 单位
    elliptic = asks_members(question) and not re.sub(r"（[^）]*）|[\W_]|那|这些|那些|具体|分别|都|呢", "",
                                                     _ASKS_MEMBERS.sub("", question))
    for quote in quotes:
        for found in _COUNTED.finditer(quote):
            before, count, after = found.group(1) or "", found.group(2), found.group(3) or ""
            said = PROJECT_STATUS_WORDS.get(before[-2:], (before[-2:],))  # "撤掉的那些" is 撤销
            by_before = bool(before) and any(w in question for w in said)
            by_after = any(after[:n] in question for n in (2, 3) if len(after) >= n) or (
                bool(kind) and len(after) >= 2 and (kind in after or kind[-2:] == after.rstrip("等")[-2:]))
            # "具体是哪几处？" after "12 处省级文物保护单位": the count's own measure word is asked.
            by_unit = bool(re.search(rf"哪[几两三四五六七八九十]+{count[-1]}", question)) or elliptic
            # Members listed right after the count ("：A、B、C") are an answer; more counts are not.
            listed = not why and re.search(r"[：:、][^、，。；\d]{2,20}、", quote[found.end():found.end() + 40])
            if (by_before or by_after or by_unit) and not listed:
                count = re.sub(r"\s+", " ", count)
                return f"{before[-2:] + ' ' if by_before else ''}{count}{after if by_after or by_unit else ''}"
    return None


_HOW_MANY = re.compile(r"多少个(?![方类种])")


def asks_members(question: str) -> bool:
    """The members of something are asked ("具体是哪几处", "名单"), not an amount ("清单里新增了多少项")."""
    return bool(_ASKS_MEMBERS.search(question)) and not _ASKS_FIGURE.search(question) \
        and not _HOW_MANY.search(question)  # "清单里…的项目是多少个"


# "历史文化保护线里有哪些传统村落": the kind of member asked, right after the question word.
_MEMBERS_OF = re.compile(r"(?:哪些|哪几[个类种处项座所条]?)([\u4e00-\u9fff]{2,8}?)(?=[呢吗啊呀？?，,。]|$)")
# "有哪些类型", "哪些方面": the kinds of members asked, which any list answers.
_KIND_WORDS = frozenset({"类型", "种类", "类别", "方面", "内容", "形式", "方式", "东西", "事项", "情况", "工作"})


def unknown_members(question: str, covered: Callable[[str], bool]) -> str | None:
    """The members asked are of a kind the plan never mentions (传统村落), nor anything like it."""
    found = _MEMBERS_OF.search(question)
    if not found or not asks_members(question):
        return None
    span = found.group(1)
    nouns = [n for n in content_nouns(span) if n not in _KIND_WORDS]
    return span if nouns and not covered(span) else None


def asks_thing(question: str) -> bool:
    """A body, a document number, a person, a place or a penalty is asked, not an amount."""
    return any(asked.search(question) for asked, _, _ in _ASKED_THING)


def asked_shape(question: str) -> re.Pattern[str] | None:
    """What a sentence holding the thing asked looks like ("文号是什么" -> "〔2026〕38号"), or None."""
    return next((given for asked, given, _ in _ASKED_THING if asked.search(question)), None)


def missing_thing(question: str, quotes: Iterable[str]) -> str | None:
    """What the question asks for (a body, a document number, a penalty) when no sentence found gives one."""
    quotes = list(quotes)
    for asked, given, label in _ASKED_THING:
        if asked.search(question) and not any(given.search(q) for q in quotes):
            return label
    return None


# "乡村发展区细化成了哪几类": the kinds something is divided into are asked.
_DIVIDED = re.compile(r"(细化|细分|分成|分为|划分|拆分)(?:成|为)?了?(?:哪几|哪些|几)")


def unlisted_kinds(question: str, quotes: Iterable[str]) -> str | None:
    """"乡村发展区细化成了哪几类": what is divided, when the quotes name it but list nothing after it
    (the plan says 对乡村发展区进行规划分区细化 and no more); None when a quote lists its kinds
    (重点建设项目…其中，实施 118 项、延续 229 项…) or does not name it at all."""
    found = _DIVIDED.search(question)
    if not found:
        return None
    quotes = list(quotes)
    # What is divided: the longest run of the question before the verb that the quotes name (乡村发展区).
    before = question[:found.start()]
    runs = [before[i:j] for i in range(len(before)) for j in range(i + 2, min(len(before), i + 12) + 1)]
    named = [r for r in runs if any(r in q for q in quotes) and not set(r) & set("，,。？?！!、 ")]
    subject = max(named, key=len, default=None)
    if subject is None or subject in GENERIC:
        return None
    after = [q[q.index(subject) + len(subject):] for q in quotes if subject in q]
    return None if any(re.search(r"[、：:]", rest) for rest in after) else subject


def fit(question: str, answer: Answer) -> Answer:
    """The quotes found answer what is asked: members when members are asked, a number when one is, a body,
    a document number or a penalty when one is; otherwise the plan does not say, and the quotes stay as
    what it does say."""
    quotes = [c.quote for c in answer.citations]
    if answer.refused or not quotes:
        return answer
    counted = counted_not_listed(question, quotes)
    thing = missing_thing(question, quotes)
    unlisted = unlisted_kinds(question, quotes)
    if counted:
        asks_why = bool(ASKS_REASON.search(question)) and not asks_members(question)
        missing = "说明原因，无法回答" if asks_why else "列出具体名单，无法列举"
        reason = f"方案原文只给出了数量（{counted}），没有{missing}。"
    elif thing:
        reason = f"方案原文没有给出{thing}，无法回答。"
    elif unlisted:
        reason = f"方案原文没有列出{unlisted}的具体类别，无法列举。"
    elif missing_figure(question, quotes):
        reason = "方案原文没有给出这一数字，无法回答。"
    else:
        return answer
    return Answer(question, "out_of_scope", f"{reason}\n\n方案中相关的原文：\n\n{answer.answer}",
                  answer.citations, refused=True)
