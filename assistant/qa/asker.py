"""What is asked of the assistant rather than of the plan: the asker's own land with no location given, the
assistant itself, something to be written, the assistant's opinion of the plan, advice for the asker."""

from __future__ import annotations

import re

from .scope import ASKS_AMOUNT

# "你觉得我该起诉吗", "值不值得买": a decision or a legal step for the asker, which no plan text makes.
_ASKS_ADVICE = re.compile(r"你(?:觉得|认为|建议|看)(?:我|咱)|你(?:觉得|认为)(?:应该|该|要|能|值)|给我(?:出|提)?个?(?:主意|建议)|"
                          r"值不值得|划不划算|起诉|打官司|诉讼|律师|"
                          # "现在买房合适吗", "该不该买": a decision of the asker's own
                          r"(?:买|卖|租|投资|入手|搬)[\u4e00-\u9fff]{0,4}(?:合适|合算|划算|值)(?:吗|不)|该不该(?:买|卖|租|搬)")


# "这个地块在不在永久基本农田里？", "我家那块地这回被划进去没有？", "我家在桃河边上，算不算在这条线里": one
# piece of land (or the asker's home by a river or a road) against a line.
_PARCEL = re.compile(r"那个村子?(?![庄民落])|(?:我|俺|咱)(?:们)?家(?:就)?住?在(?=[^，,。？?！!]{1,10}[边旁上附])|(?:俺|我|咱)们?村(?=属于|在不在|归|是不是|划)|(?:我|俺|咱)(?:们)?(?:家)?在[^，,。？?！!]{0,8}?有(?:一)?块[\u4e00-\u9fff]{0,3}?(?:地|田)|(?:这个|这块|那块|我家|我们家|俺家|咱家|自家|我的|我这|我那|(?:俺们?|我们?|咱们?)村)[^，,。？?！!]{0,10}?(?:那块|这块|那套|这套|那间|这间)?"
                     r"(?:地块|宅基地|承包地|责任田|自留地|老房子|房子|院子|厂房|厂子|土地|绿地|空地|地(?![方区图址段带])|房|"
                     r"小区|楼房|住宅|门面|商铺|铺子|"
                     r"村子?(?![庄民落]))")
# "我们村属于哪个规划分区", "能申请调进开发边界吗", "被调出绿线了没有" (whether it was moved: where it lies; "能把我那块
# 地调出去吗" asks the rule for moving land out, and is none of these)
_MEMBERSHIP = re.compile(r"在不在|([\u4e00-\u9fff])没\1|是不是|属不属于|算不算|划进|划入|划到|划出|被划|占没占|压没压|涉不涉及|会不会被|有没有被|"
                         r"影响(?:到)?(?=[^，,。？?]{0,6}(?:我|俺|咱))|"  # "这次维护会影响我家房子的不动产登记吗"
                         r"属于哪|归哪|在哪个|(?:划|定|规划|调|改)(?:成|为)了?(?:啥|什么|哪)|"  # "我家那块地划成啥了"
                         r"(?:能|可以|可不可以)(?:申请)?调[进入]|申请调[进入]|"
                         r"(?:被|已经)(?:调|划)[出入进][^，,。？?]{0,6}?(?:没有|没|吗)(?=[？?]|$)|"
                         r"(?:调|划)[出入进][^，,。？?]{0,6}?了(?:没有|没|吗)(?=[？?]|$)")
PARCEL_REASON = ("方案原文只给出各控制线的总体规模和调整原则，不能判断某一块地是否在线内。要核查具体地块，请提供它的坐标"
                 "（纬度、经度）、不动产单元号或地块编号，或在地图上点选位置。")


# "那个村归哪个镇？": the town, township or county a place is in, which the plan's text may say (平坦镇坡头村), not
# a line (not 哪个区: "俺们村划到哪个区了" may mean a zone of the plan)
_IN_DIVISION = re.compile(r"(?:归|属于|在)哪(?:个|一个)?(?:镇|乡|街道|县)")


def asks_parcel(question: str) -> bool:
    """One piece of land, the asker's or "这个", is checked against a line, with no location given."""
    return bool(_PARCEL.search(question) and _MEMBERSHIP.search(question)) and not _IN_DIVISION.search(question)


# "你是哪家公司开发的？用的什么大模型？": the assistant itself, which the plan does not describe.
_ABOUT_ASSISTANT = re.compile(r"你是(?:谁|什么|哪)|你们?(?:是)?(?:哪家|哪个)(?:公司|单位|机构)|大模型|你(?:叫|用的?|基于)什么|"
                              r"你是(?:不是)?(?:AI|人工智能|机器人|真人)")
ASSISTANT_REASON = ("我是依据阳泉市国土空间总体规划本年度动态维护方案原文回答问题的助手，回答只引用方案原文和图层查询结果；"
                    "方案中没有关于本助手的内容。可以询问方案中的三条控制线、规划分区、城市绿线紫线、重点建设项目等内容。")


def about_assistant(question: str) -> bool:
    return bool(_ABOUT_ASSISTANT.search(question))


# "给我写首夸阳泉的诗", "讲个笑话", "帮我起草一份申请书": something to be written or told, not asked of the plan.
_COMPOSE = re.compile(r"(?:写|作|编|创作|来|做)一?(?:首|篇|段|副|个|句)[^，。？?！!]{0,8}?(?:诗|词|歌|对联|笑话|故事|小说|作文|散文|"
                      r"口号|顺口溜|段子|文案)|(?:起草|草拟|拟|代写|撰写|写)一?(?:份|封|篇|个)[^，。？?！!]{0,12}?(?:申请书|申请|书信|信|函|合同|协议)|"
                      r"讲一?个(?:笑话|故事)|(?:你|当|做|扮演)(?:现在)?(?:是)?(?:个|一个|一名)?诗人")
COMPOSE_REASON = ("本助手只依据阳泉市国土空间总体规划本年度动态维护方案原文回答问题，不写诗文、不编故事，也不代写申请书等文书；"
                  "可以询问方案中的三条控制线、规划分区、城市绿线紫线、重点建设项目等内容。")


def asks_composition(question: str) -> str | None:
    """A refusal when the question asks for something written or told (a poem, a joke) and nothing else; "先讲个
    笑话，然后告诉我城市绿线维护后是多少" still asks the plan a figure in its other clause."""
    clauses = [c for c in re.split(r"[，,。；;！!？?]", question) if c.strip()]
    asked = [c for c in clauses if _COMPOSE.search(c)]
    rest = [c for c in clauses if c not in asked and (ASKS_AMOUNT.search(c) or re.search(r"吗|什么|哪|怎么|如何", c))]
    return COMPOSE_REASON if asked and not rest else None


# "你觉得这次把扩展规模压缩到944.17公顷合理吗", "这个方案做得好不好": the assistant's view of the plan is asked.
_ASKS_OPINION = re.compile(r"你(?:觉得|认为|怎么看|看来)|依你看|在你看来|(?:评价|点评)一下|给[^，。？?]{0,8}打个?分|"
                           r"合理吗|合不合理|是否合理|(?:做|搞|定|编|弄)得好不好|方案好不好|靠不靠谱|科学吗|有必要吗|满意吗")
OPINION_REASON = "本助手只依据方案原文回答，不对方案作评价；可以询问方案原文对相关内容的规定和数字。"


def asks_opinion(question: str) -> str | None:
    """A refusal when the question asks the assistant's own judgement of the plan, which the plan cannot give."""
    return OPINION_REASON if _ASKS_OPINION.search(question) else None


def asks_advice(question: str) -> str | None:
    """A refusal when the question asks the assistant to decide for the asker or to advise a legal step."""
    if _ASKS_ADVICE.search(re.sub(r"我是(?:一名|一个|个)?[\u4e00-\u9fff]{0,4}律师", "", question)):  # who asks is no ask
        return ("本助手只依据方案原文回答，不替个人做决定，也不提供法律意见；"
                "可以询问方案中与您的情况有关的管控规定。")
    return None
