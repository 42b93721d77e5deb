"""What the plan demonstrably does not cover: kinds of figures it never states, topics no passage supports,
idle talk (other places and other editions: `elsewhere`).

A word missing from the plan is never a reason to refuse by itself (老百姓, 养老院, 孩子 are how people
ask); whether the plan supports a question is decided after retrieval, by the evidence found
(see `unsupported_topic` and the extractor's score floor).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

import jieba.posseg

from .followup import without_carried

# Names of the plan's own geography: never "another place".
LOCAL_NAMES = frozenset({
    "阳泉", "阳泉市", "城区", "矿区", "郊区", "市辖区", "市域", "中心城区", "全市", "本市", "高新区",
    "平定", "平定县", "盂县", "山西", "山西省", "城镇",
})

# Words that say what is asked, not what about; they need not occur in the plan.
GENERIC = frozenset({
    "阳泉", "阳泉市", "规划", "方案", "本次", "这次", "面积", "规模", "多少", "数量", "情况", "内容",
    "总体规划", "国土空间", "国土空间规划", "文号", "原则", "要求", "依据", "措施", "机制", "目标", "问题", "数据",
    "部分", "方面", "哪些", "什么", "时候", "地方", "哪里", "东西", "事情", "对象", "人", "政策", "意思",
    "文件", "地块", "省厅", "部门", "单位", "机构", "位置", "地点", "图件", "资料", "地图", "信息",
    "时间", "日期", "通知", "办法", "条文", "规定", "说明",
    "整数", "小数", "小数点", "个位", "位数",  # how a figure is to be rounded ("取整数")
    "一共", "总共", "态度", "看法", "多长时间", "多久",  # how much in all, what stance, how long: a question's form
    "包括", "包含",  # "包括哪几部分": what a list holds is asked, not about what
    "关于", "有关",  # "关于春天的绝句": says a topic follows, is none (the plan's titles say 关于 too)
    "问问", "请问", "打听",  # "想问问这是谁出的": asking, not what about
    "关系", "联系",  # "跟规划能扯上什么关系": how two things bear on each other is asked, not about what
    "结论", "结果",  # "结论是？": what the passage just quoted concludes, not a topic of its own
    "小节", "章节", "段落", "标题",  # "下面有几个小节": the plan's own parts, which its headings are
})

# Units of the plan's figures: sharing one with a question says nothing about its topic.
UNIT_WORDS = frozenset({"公顷", "平方千米", "平方公里", "平方米", "平方", "万亩", "亩", "项", "处", "倍"})
ASKS_AMOUNT = re.compile(r"多少|几|面积|规模|多大|数量|占比|比例")
# What a question asks for when it wants a kind of figure the plan states nowhere: the plan's figures
# are areas, counts of projects/sites, multiples and shares (see plan_figures); no money, no
# durations or dates of works, no people, no beds. Each kind carries what, found in the plan, states it
# after all (a real plan's "规划期限为2021—2035年", "比例尺 1:10000"), or None when the plan is never asked.
_ASKED_KIND = (
    (re.compile(r"多少钱|多少元|多少万元|多少亿|亿元|万元|价格|价钱|房价|地价|补偿标准|造价|投资额|总投资|投资多少|门票|票价|"
                r"投资(?:最|多|大|规模|金额)|收费|补偿(?:按|怎么|多少|标准)|费用|手续费|规费|交多少|租金|[啥什么](?:价|价钱|价位)|价位|均价|单价|"
                # "我家地被占了，钱啥时候能下来": money paid for land, which the plan never speaks of
                r"补偿款|补偿金|赔偿|赔钱|赔多少|赔几|征地款|拆迁款|安置费|经费|出资|谁出钱|出多少钱|花多少钱|花了多少|钱(?:啥时候|什么时候|几时|哪天)?(?:能|会|才)?(?:下来|到账|到手|发)|"
                # "钱从哪出", "资金怎么解决", "经费谁来掏": money asked of in any way (the plan names none)
                r"(?:钱|资金|经费)[^，。？?！!]{0,4}(?:哪|谁|怎么|咋|多少|啥|什么|如何)"),
     "金额", r"\d\s*(?:万|亿)?元"),
    # "离我们小区有多远": a distance, which the plan gives for nothing (its only 千米 are 平方千米).
    (re.compile(r"多远|远不远|距离(?:多少|有多|是多|几)|几公里|多少公里|多少米(?!²)"), "距离", r"\d\s*(?:公里|千米|米)(?!²)"),
    # "多长时间查一回" asks how often, which the plan may say (年度评估): not a date or a duration of works.
    (re.compile(r"建成|完工|投用|竣工|建好|通车|投入使用|公示期|多少天|几天|(?:多少|几)个?(?:工作日|星期|礼拜|小时|月(?!份))|工作日|(?:多久|多长时间)(?!.{0,4}一[次回遍趟])|"
                r"哪天|(?<!第)几号(?!线)|截止|期限|哪月哪[日天号]|几月几[日号]|具体日期|"
                r"(什么时候|啥时候|啥时|何时|哪一?年|几月|哪月|哪天)(?:能|才能|可以|会|就)?(开工|动工|开建|修|建|盖|造|完|开始|实施|落地|开张|开业|营业|启用|运营|开放|开门|开学|开园|入住|住进|搬进|能用|用上)|"
                # "城镇开发边界是哪年划定的": when a line was drawn, which the plan (市级总体规划确定的) never dates
                r"(?:什么时候|啥时候|何时|哪一?年)(?:划定|划的|划出|设立)|"
                r"(?:建|修|盖|造)(?:于|成于|好于|在)(?:哪一?年|何年|何时|什么时候|哪个年代)|"
                # "哪个项目最先开工": the order of works in time, which the plan gives for none
                r"(?:最先|最早|最晚|最后)(?:开工|动工|开建|建成|完工|投用)"), "时间安排", None),
    # "托育中心收几岁的娃": an age, which the plan gives for no one
    (re.compile(r"几岁|多大年纪|年龄|多少岁|岁以[上下]"), "年龄要求", r"\d+\s*(?:周)?岁"),
    # "亩产多少", "产值有多少": what land yields, which the plan's areas do not say
    (re.compile(r"亩产|单产|产量|产值|收成|收益|产多少|能产|打多少|播种面积|种植面积"), "产量、产值或播种面积", r"产量|产值|亩产|播种"),
    (re.compile(r"多少(?:张|个)?[\u4e00-\u9fff]{0,4}床位|[几多少]张[\u4e00-\u9fff]{0,4}床|床位(?:数|有多少|是多少|多少|够不够)|多少人|人口|几口人|"
                r"(?:收|容纳|接收|(?<![保记守挡稳抓])住)(?:得下)?多少|"
                r"多少(?:个|名|位)?(?:孩子|娃|小孩|学生|老人|病人|患者)"), "人数或床位", None),
    # "那条沟有多宽", "这楼几层", "坡头村多少户", "第几条规定的", "还营业吗": a size, storeys, households, an
    # article of a law, opening hours: kinds of figure the plan states only if it prints one of them.
    (re.compile(r"多宽|宽度|多长(?!时间)|长度|多深|深度|多高|高度(?!重视|一致|契合)|限高"), "尺寸或高度", r"\d\s*(?:公里|千米|米)(?!²)"),
    # ("维护分了几层？": the plan's levels, 市域、市辖区、中心城区三个层次, not a building's storeys)
    (re.compile(r"(?:楼|房|屋|建筑|大厦|宿舍|盖|建|修|高)[^，。？?！!]{0,8}?(?<![哪那这])(?:几|多少)层(?!次|级|面|来)|"
                r"(?:几|多少)层(?:楼|高)|层数|楼层"), "层数", r"\d\s*层"),
    (re.compile(r"(?<![哪那这])(?:几|多少)户|户数"), "户数", r"\d\s*户"),
    # "人均公园绿地面积是多少平方米": a figure per person or household, which no total the plan states gives
    (re.compile(r"人均|户均|每人|每户|每个人|每一户"), "人均或户均指标", r"人均|户均|每人|每户"),
    (re.compile(r"(?<![哪那这])(?:几|多少)(?:辆|栋|幢|套|间|棵|株)"), "车辆、房屋或树木的数量", r"\d\s*(?:辆|栋|幢|套|间|棵|株)"),
    (re.compile(r"第几条|哪一?条(?:规定|条款)|哪些?条款|几条规定"), "法规条款", r"第[一二三四五六七八九十百\d]+条"),
    (re.compile(r"营业|开放时间|开门|对外开放"), "开放或营业情况", r"营业|开放时间|\d\s*[:：]\d\d"),
    # "养护费由谁掏", "这笔钱谁来出": who pays, or a fee of any name, which the plan never speaks of
    (re.compile(r"(?:由|归)?谁(?:来)?(?:掏|付|出钱|买单|承担费用|埋单)|[\u4e00-\u9fff]费(?=由|谁|从|怎么|咋|要|多少|[？?]|$)"),
     "费用及其承担", r"费用|资金|经费|\d\s*(?:万|亿)?元"),
    # "我们那片的房子办证会受影响吗", "能办房产证吗": titles to property, which a spatial plan does not issue
    (re.compile(r"办证|(?:房产|产权|不动产|土地)证|不动产(?:权属|登记)|确权|产权"), "不动产登记或产权办理",
     r"不动产|产权|确权|登记"),
    # "有补偿吗", "能不能申请补贴": money paid to people, which the plan never speaks of
    (re.compile(r"补偿|补贴|赔偿"), "补偿或补贴", r"补偿|补贴|赔偿"),
    # "坡头村会不会被征地搞开发", "我家房子在线里要不要搬迁": land taken or people moved, which the plan never speaks of
    (re.compile(r"征地|征收|征用|拆迁|搬迁|安置|迁走|搬走|迁出|移民"), "征地、拆迁或安置的安排", r"征地|征收|征用|拆迁|搬迁|安置"),
    (re.compile(r"年一遇|重现期|(防洪|排涝|设防)标准"), "设防标准（几年一遇）", r"\d\s*年一遇"),
    # "这是第几次做动态维护": which time, which the plan does not count
    (re.compile(r"第几(?:次|轮|回)"), "次数", r"第[一二三四五六七八九十\d]+(?:次|轮)"),
    # "明年会不会把洪涝线也调一调", "调出的那些地以后打算盖啥": what is to come after this edition, which the plan
    # neither schedules nor foresees (its own rules apply 方案获批后: see asks_in_force)
    # ("定了以后会不会没人管", "方案落地以后会有人定期检查吗": 以后 after a verb is "once it is done", not the future)
    # ("以后会定期回头检查吗", "以后还会年年回头看看吗": whether a thing recurs, which the plan's standing mechanisms
    # answer: 建立年度评估、动态更新、常态督查机制)
    # ("绿线调整以后功能会不会降低": 以后 after the plan's own work is "once it is done", which the plan says)
    # ("提了意见以后会有回音吗": 以后 after a thing done, "once"; "以后会多几个消防站": more of a thing the plan's works
    # add, which the plan names when it does)
    (re.compile(r"^(?!.*(?:定期|年年|每年|常态|经常|长期|持续|一直|了[^，。？?！!]{1,6}以后|(?:以后|今后|将来|未来)会(?:多|增加|新增|添)))"
                r".*?(?:明年|后年|今后|(?<![了完后之])(?<!落地|实施|批复|批准|获批|通过|划定|出台|发布|施行|执行|生效|调整|维护|优化|修改|纳入|调入|调出)以后|将来|未来|下一步|下回|往后)[^，。？?！!]{0,6}?"
                r"(?:会不会|还会|会|要不要|打算|准备|计划)"),
     "今后的安排", None),
    # "这个管理办法试行期是几年": how many years, which no figure of the plan is ("多久", "隔几年": asked_things;
    # "判几年" is a penalty, "多少年一遇" a standard, both named above)
    (re.compile(r"(?<![哪第隔判])几年(?!一遇)|多少年(?!一遇)"), "年限", r"\d+\s*年(?:内|以内|期)"),
    # "俺村那条路能不能给修了": works asked for one's own village or home, which the plan arranges for none
    (re.compile(r"(?:俺|我|咱)们?(?:村|家|小区|社区|组)[^，。？?！!]{0,8}?(?:给|帮)(?:俺|我|咱)?们?"
                r"(?:修|建|盖|通|装|铺|硬化|拓宽|翻修|改造|搬|安)|"
                r"(?:能不能|能否|可不可以|可否|会不会|给不给)(?:给|帮)(?:俺|我|咱)们?(?:村|家|小区|社区|组)?"
                r"[^，。？?！!]{0,4}?(?:修|建|盖|通|装|铺|硬化|拓宽|翻修|改造)"),
     "针对某个村、小区或某户的建设安排", None),
    # "规划期到哪一年": the term of the master plan, which this maintenance plan never states
    (re.compile(r"规划期|规划年限|规划期限|目标年"), "规划期限",
     r"规划(?:期限?|年限)(?:为|至|到|是)?\s*[(（]?\d{4}|\d{4}\s*[—\-－~～至到]\s*\d{4}\s*年"),
    # "去年阳泉下了多少雨": weather measured, which a spatial plan records nowhere
    (re.compile(r"下了?多少(?:雨|雪)|降[雨水雪]量|雨量|气温|温度|多少度|风力|几级风|湿度"), "气象数据", None),
    # "去年发大水淹了哪些村", "今年汛期会不会发大水": a flood or a landslide that happened or may happen, which
    # the plan neither records nor forecasts; not the place it may happen ("容易淹的那片划的线"), which its
    # 洪涝风险控制线 answers.
    (re.compile(r"^(?!.*(?:线|划|范围|控制|规划|防|地方|区域|那片)).*(?:(?:会不会|会|可能|去年|今年|前年|往年|历史上|以前|上次|那年)"
                r"[^，。？?！!]{0,8}(?:发大水|发洪水|闹洪水|洪水|水灾|洪灾|内涝|淹|受灾|灾情|地震|泥石流|滑坡|塌方)|"
                r"(?:发大水|发洪水|闹洪水|水灾|洪灾|淹|受灾|地震|泥石流|滑坡|塌方)(?:了|过)[^，。？?！!]{0,4}(?:哪|多少|几))", re.S),
     "灾情的记录或预报", None),
    (re.compile(r"罚款|罚多少|处罚|判刑|判几年|坐牢|拘留|刑事责任|量刑"), "处罚或刑责",
     r"\d\s*(?:元以下罚款|元以上罚款|年以下有期徒刑|日以下拘留)"),
    # The plan's own approval number: its text cites other documents' numbers, never its own.
    (re.compile(r"(?:方案|规划|本次|这次)的?批复文号|批复文号|批复号|(?:这个|本|该)方案的?(?:发文|印发)?文号"),
     "自身的批复文号（方案原文只引用了其他文件的文号）", None),
    # "图的比例尺是多少": the plan's maps are only titles in its text
    (re.compile(r"比例尺"), "附图的比例尺", r"1\s*[:：]\s*[\d,，]{3,}"),
    (re.compile(r"电话|联系方式|热线|手机号|邮箱|网址|网站|公众号|微信号|办公地址"), "联系方式", r"\d{3,4}\s*[-－]\s*\d{7,8}"),
)


def present(token: str, corpus_text: str) -> bool:
    """A token occurs in the plan, directly or as two-character pieces (耕地红线 -> 耕地 + 红线)."""
    if token in corpus_text:
        return True
    if len(token) >= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", token):
        return all(token[i:i + 2] in corpus_text for i in range(0, len(token) - 1, 2))
    return False


def names_nothing(question: str) -> bool:
    """"具体在哪？": no noun at all, not even a common one ("哪些部门一块管" names 部门)."""
    return not any(w.flag.startswith("n") for w in jieba.posseg.cut(without_carried(question)))


# "部里", "县里": a level of government and the locative 里 ("at the ministry"), which jieba tags a noun where
# it tags 省里, 市里 a place word; the body is what the plan names (自然资源部), not a topic of its own.
_AT_BODY = re.compile(r"[部省市县区乡镇村厅局]里")


# "哪份文件": jieba cuts the measure word off the pronoun and onto the noun (份文件).
_MEASURED = re.compile(r"[份个条项处座张块片种类家所栋间位批]([\u4e00-\u9fff]{2,})")


def content_nouns(question: str) -> list[str]:
    """The things a question is about: nouns (and the like) of two characters or more, minus generic ones."""
    nouns, before = [], ""
    for w in jieba.posseg.cut(question):
        word = w.word
        if before in ("哪", "这", "那", "几", "一", "每", "各") and (measured := _MEASURED.fullmatch(word)):
            word = measured.group(1)
        before = w.word
        if len(word) >= 2 and (w.flag.startswith("n") and w.flag != "vn" or w.flag in ("eng", "nz", "j")) \
                and word not in GENERIC and word not in LOCAL_NAMES and not _AT_BODY.fullmatch(word):
            nouns.append(word)
    return nouns


# "这回调的规划啥时候开始算数？", "这规矩啥时候开始管": when the plan's rules take effect, which a plan says by
# a condition (方案获批后严格执行…), not a date of works.
_IN_FORCE = re.compile(r"(?:什么时候|啥时候|啥时|何时|几时|哪天)(?:起|开始)?"
                       r"(?:算数|算话|作数|生效|管用|起作用|有效|执行|施行|实行|实施|管|照着?(?:办|执行|来)|按着?(?:它|这个)?(?:办|来))")


def asks_in_force(question: str) -> bool:
    return bool(_IN_FORCE.search(without_carried(question)))


def unstated_kind(question: str, corpus_text: str) -> str | None:
    """"X 总投资多少 / 哪一年建成 / 多少张床位": the kind of figure asked, when the plan states none of it."""
    question = without_carried(question)  # what is asked, not the subject carried over in brackets
    for pattern, label, stated in _ASKED_KIND:
        if label == "时间安排" and asks_in_force(question):
            continue  # a condition of the plan's, not a date
        if pattern.search(question) and (stated is None or not re.search(stated, corpus_text)):
            return label
    return None


def unsupported_topic(question: str, covered: Callable[[str], bool], known: Container[str] | None = None) -> list[str]:
    """The question's nouns, when none of them is covered by the plan (directly or by a plan word like it).

    With `known` (jieba's dictionary), a noun jieba only guessed ("种的地会不会" -> 地会) counts for nothing.
    """
    question = _IN_FORCE.sub("", question)  # "啥时候开始算数": how it is asked, not about what
    # Latin letters (PM2.5, GDP) are a word of their own though jieba's dictionary lacks them.
    nouns = [n for n in content_nouns(question) if known is None or n in known or re.fullmatch(r"[A-Za-z]+\w*", n)]
    if not nouns:
        return idle_talk(question, covered)
    if not any(covered(n) for n in nouns):
        # named as asked: jieba cuts "PM2.5" into PM2 and .5
        return [re.search(re.escape(n) + r"[A-Za-z0-9.]*(?<!\.)", question).group(0) if re.match(r"[A-Za-z]", n) else n
                for n in nouns]
    return []


# "往西最远到哪个村": one of a kind is asked (村, 镇, 条), which names what the question is about.
_WHICH_ONE = re.compile(r"哪(?:一|几|些)?个?[\u4e00-\u9fff]")


def idle_talk(question: str, covered: Callable[[str], bool]) -> list[str]:
    """"今天天气怎么样", "写一首春天的七言绝句": a question with no noun, whose idioms or time words (今天天气,
    春天, 明天) the plan never speaks of: it is about something else, not an ellipsis of the last question."""
    if content_nouns(question) or ASKS_AMOUNT.search(question) or _WHICH_ONE.search(question):
        return []
    cut = [(w.word, w.flag) for w in jieba.posseg.cut(question)]
    words = [w for w, flag in cut if len(w) >= 2 and w not in GENERIC and (
        flag in ("i", "l") and not _NUMERAL.search(w)  # 百分之几 is an amount, not an idiom
        or flag == "t" and _CALENDAR.search(w))]      # 今后, 目前 may well ask about the plan
    if not words or any(covered(w) for w in words):
        return []
    # "规划一改完，是不是马上就能开工了？": a word of the plan's own (规划) makes 是不是 a way of asking.
    # A place (阳泉明天下雨不？) says where, not what about; a modal verb (我明天考试能不能及格？) how it is asked.
    plan_words = [w for w, flag in cut if len(w) >= 2 and w not in words and w not in ("关于", "有关")
                  and w not in LOCAL_NAMES and w not in MODAL and flag not in ("r", "d", "c", "p", "u", "y", "x", "m")]
    return [] if any(covered(w) for w in plan_words) else words


_NUMERAL = re.compile(r"[几多少百千万亿\d]")
MODAL = frozenset({"不能", "能否", "可以", "可否", "是否", "应该", "需要", "不要", "要不要", "能不能", "会不会", "不会", "可能",
                    "不用", "必须", "允许",
                    # words that press a question ("那到底是哪些产业"), which stand for no plan word (到底 is like 通过)
                    "到底", "究竟", "难道",
                    # "托儿所一类的设施", "公园之类的": of that kind, which is no 各类 or 三类 of the plan's
                    "一类", "之类", "这类", "那类"})
# Days, seasons and times of day: the plan's time words are years and periods (年度, 十五五, 维护后).
_CALENDAR = re.compile(r"(?:天|晚上|早上|中午|上午|下午|周末|节)$")


def idle_reason(words: list[str]) -> str | None:
    """The refusal naming what idle talk is about; None (the plain refusal) when a day or time of day is among
    them: "本方案未涉及“明天”" would name the day, not what was asked of it."""
    if not words or any(_CALENDAR.search(w) for w in words):
        return None
    return f"本方案未涉及“{'、'.join(words)}”的内容，无法回答。"


# "怎么处罚", "如何申请": the action asked about, right after the question word.
# "怎么表述的", "如何规定": how the plan puts it, which any passage on the topic answers.
_SAYING = frozenset({"表述", "描述", "体现", "理解", "解释", "规定", "界定", "定义", "说明", "表达", "要求", "安排", "考虑",
                     "处理", "对待", "处置",
                     # "老百姓怎么知道规划改了啥": how word of it reaches one, which the plan's 信息公开 may say
                     "知道", "了解", "得知", "知晓", "看到", "查到", "查看", "查询"})
_HOW = re.compile(r"(?:怎么|如何|怎样|咋)(?:样|去|来|才能|能)?([\u4e00-\u9fff]{2,4})")
# Ways there ("能进去参观吗"): no action of their own, named with what follows them.
_DIRECTIONS = frozenset({"进去", "进来", "出去", "出来", "上去", "下去", "过去", "回来", "回去"})
# "能拆吗", "会不会拆", "能不能开矿": whether an action may or will be done, the verb right after.
# "是不是完全不能碰", "有啥不能超": what may not be done, which the plan's rules (不得, 不突破) state, is no such ask.
# ("会不会向社会公布": the verb after whom it is done to, 向社会)
_MAY_DO = re.compile(r"(?:能不能|会不会|可不可以|能否|可否|(?<![功可不])能|(?<!不)可以)"
                     r"((?:[向对给跟][\u4e00-\u9fff]{1,4}?)?[\u4e00-\u9fff]{1,4}?)(?:吗|么|呢|[？?]|$)")
# "绿线调整后会不会影响服务": a consequence asked, which the plan states as what is kept (服务范围不改变).
_BEARING = frozenset({"影响", "波及", "牵扯", "连累"})


def unsupported_action(question: str, covered: Callable[[str], bool]) -> str | None:
    """"违规建设怎么处罚？", "老房子以后能拆吗？": the action asked (处罚, 拆) when the plan says nothing of it or
    of anything like it."""
    how = _HOW.search(question)
    found = how or _MAY_DO.search(question)
    if not found:
        return None
    asked = found.group(1).removeprefix("被")  # "会不会被拆": the action done to it
    cut = list(jieba.posseg.cut(asked))
    if cut and cut[0].flag == "p":  # ("向社会公布": the verb past whom it is done to)
        verbs = [k for k, w in enumerate(cut) if k and w.flag.startswith("v")]
        cut = cut[verbs[0]:] if verbs else []
        asked = "".join(w.word for w in cut)
    action = cut[0] if cut else None
    # one character (拆) names an action when it is the whole ask ("能拆吗") and the plan never writes it
    # ("能拆了重建吗": the verb done, then what follows it)
    short = action is not None and len(action.word) == 1 and not how \
        and (action.word == asked or asked[1:2] in ("了", "掉"))
    if action is None or (len(action.word) < 2 and not short) or not action.flag.startswith("v") \
            or action.word in GENERIC or action.word in _SAYING or action.word in _BEARING:
        return None
    if covered(action.word):
        return None
    # "方案怎么听取老百姓的意见": how a thing the plan speaks of is dealt with (征求社会公众意见), in another verb
    if how and any(covered(n) for n in content_nouns(question[found.start(1) + len(action.word):])):
        return None
    # "能进去参观吗": the way there (进去) names the action with what follows it
    return asked if action.word in _DIRECTIONS else action.word
