"""What kind of thing a question asks for (a body, a document number, a penalty, an address, a date) and what
a sentence must hold to give one; a question whose sentences found hold none is one the plan does not answer."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .elsewhere import VILLAGES
from .followup import without_carried
from .scope import GENERIC

# "这次维护依据了哪些上级文件？", "按照什么政策搞的": the documents a part of the plan follows.
# ("生态控制区有什么规定": its rules; a 规定 is a document only as a higher body's, "国家有什么规定")
DOCUMENTS_ASKED = re.compile(r"(?<!管)(?:哪些|哪几[个份]|哪一?[个份]|什么|啥)(?:上级|国家|省里?|部里|中央)?[^，。？?]{0,6}?(?:文件|政策(?!口径)|通知)|"
                             r"(?:上级|国家|省里?|部里|中央)[^，。？?]{0,6}?(?:哪些|哪几[个份]|哪一?[个份]|什么|啥)规定|"
                             r"(?:哪些|哪几[个份]|哪一?[个份]|什么|啥)(?:上级|国家|省里?|部里|中央)[^，。？?]{0,6}?规定|"
                             r"(?:依据|根据|按照|依照)(?:了|的是|的)?(?:哪些|什么|啥|哪个|哪几[个份])"
                             r"(?=[？?，,。]|$|(?:上级|国家|省里?|部里)?(?:文件|通知|规定|政策))")
# "部里那份通知是哪两个单位联合发的", "国家层面的文件是谁印发的": who issued a document the plan cites.
# (a document the plan cites, not the plan itself: "这份改规划的文件是哪级政府出的" is the cover's)
_ISSUER_ASKED = re.compile(r"(?:通知|办法|那份|(?:部里|省里|省厅|国家|上级|中央|那个)[^，。？?]{0,4}?(?:文件|文))[^，。？?]{0,4}(?:是|由)?(?:哪|谁|什么)(?:几|两|一)?个?(?:部门|单位|机关|部委)?"
                           r"[^，。？?]{0,3}(?:联合|共同|一起)?(?:印发|下发|发布|发的|出的|制定|颁布)")


def asks_documents(question: str) -> bool:
    """The documents the plan cites are asked: which ones, their numbers, or who issued them."""
    return bool(DOCUMENTS_ASKED.search(question) or _ISSUER_ASKED.search(question)
                or "文号" in question)


# "那个政策口径的文号是什么": the document whose number is asked, said before 文号.
_NUMBER_OF = re.compile(r"(?P<doc>[\u4e00-\u9fff“”〈〉]{2,24}?)的?(?:文号|发文号|批文号|发文字号)")
# A cited document with its number: "《…〈城镇开发边界管理办法（试行）〉的通知》（自然资规〔2026〕1号）".
NUMBERED_TITLE = re.compile(r"《(?P<title>[^》]+)》\s*[（(](?P<number>[^）)]*号)[）)]")


def unnumbered_document(question: str, quotes: Iterable[str]) -> str | None:
    """The document whose number is asked when the quotes name it only outside a numbered title
    ("部空间规划局关于…的相关政策口径", cited with no 《》 and no 〔2026〕…号); None when a quote gives its number,
    or names no such document (other checks judge that)."""
    found = _NUMBER_OF.search(without_carried(question))
    if not found:
        return None
    named = re.sub(r"^(?:那个|这个|那份|这份|那|这|其中)", "", found.group("doc")).strip("“”")
    quotes = list(quotes)
    doc = next((named[k:] for k in range(len(named) - 1) if any(named[k:] in q for q in quotes)), None)
    if doc is None or doc in GENERIC or any(doc in m["title"] for q in quotes for m in NUMBERED_TITLE.finditer(q)):
        return None
    return doc


_DISTRICT = "所在的区县"
# A place named: a district, a town or village, a road.
_PLACE_GIVEN = re.compile(r"(?<!中心)城区|矿区|郊区|高新区|[\u4e00-\u9fff]{2}(?<![城农乡])(?:镇|乡|村|街道)(?![村镇])|"
                          r"[\u4e00-\u9fff](?:大道|大街|路)")
# A list of bodies ("自然资源、发改、住建…等部门"): who works together, where the plan says so.
BODIES_LISTED = re.compile(r"[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4}){2,}等?(?:部门|单位)")
_QUANTIFIED = "量化的数据或评判标准"
_BODY = "负责的部门或单位"
_ISSUED = re.compile(r"印发|下发|发布|发的|出的|颁布|联合|批")  # (批: who approves is asked, 审批机关)
_NUMBER = "文号"
_CITED = "所依据的文件"
# An item naming a document: its title, or what the plan calls it (政策口径).
_DOCUMENT = re.compile(r"《|通知|办法|口径|文件")
# A sentence giving a reason says why (因, 由于, 为了 …).
GIVES_WHY = re.compile(r"因为|由于|为了|旨在|原因|以便|鉴于")
# What kind of thing a question asks for, and what a sentence must hold to give one: a body ("由哪个部门牵头"
# wants a named authority), a document number, a penalty. Sentences on the topic without it leave the
# question unanswered: the plan does not say.
_ASKED_THING = (
    # (the issuer of a cited document is named in its title: "《自然资源部 国家林业和草原局关于…的通知》")
    (_ISSUER_ASKED, re.compile(r"《[^》]*?(?:部|厅|局|委员会|政府)[^》]*》"), "所引文件的发文单位"),
    # "要哪些部门一起配合", "是几个局一块儿管吗": the bodies that work together, which a list of them names
    # (自然资源、发改、住建…等部门协同机制), not one body a sentence happens to name (部空间规划局).
    # ("那个通知是哪几个部门联合发的": who issued a document, not who works together)
    (re.compile(r"(?:哪些|哪几个|几个)(?:部门|单位|局)[^，。？?]{0,6}(?:一起|一块儿?|共同|配合|协同|商量|参与)"
                r"(?![^，。？?]{0,4}(?:发|出台|颁布))|"
                r"(?:一起|一块儿?|共同|联合)[^，。？?]{0,4}(?:管|弄|干|配合)[^，。？?]{0,8}(?:都有谁|有哪些|还有谁|哪些)|"
                r"还有哪些(?:部门|单位)|跟[^，。？?]{2,8}这些部门"),
     BODIES_LISTED, "协同的部门"),
    # ("用什么单位表述", "按哪个单位算": a unit of measure)
    (re.compile(r"(?<![用按以拿])哪[个些几]个?(?:部门|单位|机构|科室)|(?<![用按以拿])什么(?:部门|单位|机构)|哪[一级]*级(?:政府|部门)|由谁|谁(?:来)?(?:负责|牵头|"
                r"审批|批准|审查|组织|主管|管理|监督|编制|发布|划定|认定|制定|执行|实施|养护|管护|运维|出资|投资|修缮)|"
                r"(?:牵头|主管|责任)(?:部门|单位)|"
                # ("年度评估是请第三方做吗": who does it, asked as a third party)
                r"(?:请|找|委托|交给|由)第三方"),
     re.compile(r"人民政府|自然资源(?:部|厅|局)|农业农村(?:部|厅|局)|林业和草原局|规划局|委员会|领导小组|"
                r"[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4}){2,}等?部门"), _BODY),
    # "由哪一级政府、哪个部门审批": who approves, which the plan's cover (its issuer) does not say.
    (re.compile(r"(?:谁|哪一?级|哪个|哪些|什么)(?:政府|部门|单位|机关)?[^，。？?]{0,8}(?:审批|批准|批复|同意)|(?:审批|批准|批复)(?:机关|部门|单位)|"
                r"谁(?:来|去)?批(?!评)|(?:哪一?级|哪个|什么)(?:政府|部门|单位|机关)(?:来|去)?批(?!评)|"
                r"(?:是|最终|最后)由[^，。？?]{2,12}(?:审批|批准|批复)"),
     re.compile(r"(?:人民政府|自然资源(?:部|厅|局))[^。；]{0,12}(?:审批|批准|批复)|(?:报|经|由)[^。；]{0,12}(?:审批|批准|批复)"),
     "审批机关"),
    (re.compile(r"文号|批复号|发文号|批文号"), re.compile(r"〔\s*\d{4}\s*〕\s*\d+\s*号"), _NUMBER),
    # "依据了哪些上级文件", "按照什么政策": the documents the plan cites, by their titles in 《》.
    (DOCUMENTS_ASKED, re.compile(r"《[^》]+》"), _CITED),
    # "哪家设计院编制的", "哪位领导提出的", "用的哪家公司的软件": a firm or a person, which the plan names nowhere.
    (re.compile(r"(?:设计|规划|研究|咨询|勘测)(?:院|单位|公司|机构)|哪家[^，。？?]{0,4}(?:单位|公司|机构|(?<!医)院)|哪(?:位|个)(?:领导|专家|同志)|(?<![给于到去])哪(?:家|个)(?:公司|企业|厂家)|什么公司|"
                r"谁(?:提出|提的|定的|设计|画的|拍板)|(?:市长|书记|局长|主任|负责人|领导)(?:是谁|叫什么|姓什么|的名字)"),
     re.compile(r"(?:设计|规划|研究|勘测)院|公司|同志|专家|市长|书记|局长"), "编制或提出的单位、个人"),
    # "这个协同机制由哪个部门牵头", "宾馆现在归哪个单位管": who leads or runs a thing, which a list of the bodies
    # that take part ("自然资源、发改、住建…等部门协同") does not say; "它归哪条线管" asks a line, not a body.
    (re.compile(r"牵头|主管|承办|(?:归|由)(?:哪|谁)(?!条)[^，。？?]{0,6}(?:管|负责)|谁(?:来)?(?:负责|管)|"
                r"负责(?:人|的?领导)(?:是谁|叫|姓)|分工是|(?:怎么|如何|咋)分工"),
     re.compile(r"牵头|主管|负责"), "牵头或负责的单位"),
    # "能源部门具体负责哪些事": what one body does, which a list of the bodies that work together ("…能源等部门协同
    # 机制，明确分工") does not say.
    (re.compile(r"(?:部门|局|单位|机构|政府)[^，。？?]{0,4}(?:具体|主要)?(?:负责|管|干|做)(?:哪些|什么|啥)(?:事|工作|内容|任务)?"),
     re.compile(r"负责[\u4e00-\u9fff]{2,}|职责"), "各部门的具体职责"),
    # "第一类涉及哪些地块编号", "涉及哪些详细规划单元编号": numbers of parcels, projects or units, which the plan
    # lists for none.
    (re.compile(r"编号|编码|代码(?!表)"), re.compile(r"[A-Z]{1,4}-?\d{2,}|\d+\s*号(?:地块|图斑|单元)|〔\s*\d{4}\s*〕\s*\d+\s*号"),
     "具体编号"),
    # "自然资发〔2026〕38号主要规定了哪些内容": what a document the plan cites says, which the plan never relates
    # (it cites the documents it follows, by title and number).
    (re.compile(r"(?:〔\s*\d{4}\s*〕\s*\d+\s*号|号文|文件|通知|办法|》|政策口径)[^，。？?]{0,12}?(?:主要|具体|都)?"
                r"(?:(?:规定|讲|说|写|要求)了?(?:哪些|什么|啥)|(?:是)?(?:怎么|如何)(?:要求|规定)的?)|(?:〔\s*\d{4}\s*〕\s*\d+\s*号|文件|通知|办法|》|政策口径)的?(?:主要|具体)内容"),
     re.compile(r"(?:通知|办法|文件)(?:规定|指出|明确)[：:，]"), "所引文件的具体内容"),
    # "绿线调整依据的是哪本国家标准": a standard by its title, which the plan gives for none.
    (re.compile(r"(?:哪本|哪部)[^，。？?]{0,4}(?:标准|规范|规程)|(?:国家|行业|地方)标准|国标|技术规范"),
     re.compile(r"《[^》]*(?:标准|规范|规程)》|GB\s*/?\s*T?\s*\d"), "所依据的标准名称"),
    # "入库按什么标准": a standard, which a quote names where the plan does ("山西省“一张图”标准").
    (re.compile(r"(?:哪项|哪个|哪些|什么|啥)(?:技术)?(?:标准|规范|规程)"), re.compile(r"标准|规范|规程"), "所依据的标准"),
    # "在哪儿公示", "这些附图在哪能下载": where it is published or can be had, which the plan (多渠道做好信息公开)
    # names no site or office for.
    # "意见往哪儿提交", "意见交到哪里": where a thing is handed in, the same.
    # ("我的意见从哪里递交": handed in from where, said with 从 and 递交)
    (re.compile(r"[在往到向去从]哪(?:儿|里)?(?:能|可以)?(?:公示|公布|公开|查到|查|看到|下载|办理|办|申请|递交|上交|提交|提|交|"
                r"反映|投诉|报)|(?:递交|上交|提交|交|提|反映|投诉|报)到哪(?![些几类种条项样个])|(?:哪个|什么)(?:网站|平台|窗口)|网址|"
                # ("一张图能在网上查吗": online, a channel the plan names none of)
                r"(?:网上|线上|手机上|网站上)(?:能|可以|能不能|可不可以)?(?:查|看|下载|办|提交|反映)"),
     re.compile(r"网站|网址|政府网|公众号|平台|大厅|窗口|报纸|公告栏|www\."), "具体渠道或地点"),
    # "建在哪条街", "具体地址": an address, which the plan gives for nothing.
    # A road the plan names in a quote ("新城大道一级消防站") answers it.
    (re.compile(r"哪条(?:街|路|马路|大街|巷)|(?:具体|详细)地址"),
     re.compile(r"\d+\s*号(?!\s*[）)])|门牌|[\u4e00-\u9fff](?:路|大街|大道|街|巷)(?!道)"), "具体地址"),
    # "新城大道一级消防站具体门牌号在哪": a house number, which a road's name does not give.
    (re.compile(r"门牌"), re.compile(r"\d+\s*号(?!\s*[）)])|门牌"), "门牌号"),
    # "调出的 6.07 公顷具体在什么位置", "红线分布在哪几座山": where, finer than the plan's scopes.
    # "调出去的是哪个公园", "是哪几块地", "具体补进了哪些地块": which place, by a kind of place.
    # "图上具体哪块地被调出去了，能说一下位置吗": the same, said with 具体 and asking to be told where.
    # "汛期哪些地方容易被淹": places where something happens, which a line's area (洪涝风险控制线 4279.0808
    # 公顷) does not name ("这次维护涉及哪些区域" asks the plan's own scopes, and is not of this kind).
    (re.compile(r"(?:在|位于)(?:什么|哪个|哪些|哪)一?(?:位置|地方|地段|片区|片|地块|区域|乡镇|镇|村|街道)|具体位置|分布在哪|哪几?座山|四至|"
                r"坐标是|坐标(?:发|给|多少)|具体坐标|坐标能|经纬度|(?<![往去到出写提说列放])(?<!区别|不同|差别|差异|问题|重点|难点|意义|好处)在哪(?:儿|里)?(?=[呢？?]|$)|(?:哪个|什么)位置|"
                r"哪(?:些|几个|几处)(?:区域|地方|地段|片区)(?=在|位于|处于|属于)|"
                r"(?<![去到往])在哪(?:几|些)个?(?:片区|区域|地段|地方|街道|乡镇)|"  # "扩大的部分主要在哪几个片区"
                r"(?:说|讲|告诉我?|指)一?下?(?:具体)?(?:的)?位置|位置在哪|具体在哪|"
                r"(?:是|具体|到底)哪(?:个|些|几个|几块|块|片|几片|座|几座|处|几处)(?:公园|广场|绿地|地块|地|山头|小区|村子?|街道|片区)|"
                r"哪(?:些|几个|个)地块|哪几?块地(?![区方])|(?:是|又是|具体是|到底是|都是)哪(?:几|些)块(?=[？?呢]|$)|"
                r"哪(?:些|几个|几处)(?:地方|区域|地段|片区)(?=[^，。？?]{0,3}(?:容易|常|经常|可能|会被|被))"),
     _PLACE_GIVEN, "具体位置"),
    # "这部分机动规模以后具体给哪个项目用？", "调出的地拿去干啥项目了": the project an area goes to, which the
    # plan names only for the 中心城区's facilities (市第五人民医院新建精神康复住院楼 …).
    (re.compile(r"(?:给|用于|用在|用到|安排给|留给|分给|拿去|拿来)了?(?:哪个|哪些|哪几个|哪几家|哪家|什么|啥|干啥)(?:具体)?"
                r"(?:项目|工程|企业|单位|公司|厂)"),
     re.compile(r"[\u4e00-\u9fff]{2,}(?:住院楼|养老中心|消防站|服务中心|医院|学校)"), "具体用于哪个项目"),
    # "具体把哪些村划成了村庄建设区": villages, which the plan names only as the 中心城区's bounds (坡头村).
    (VILLAGES, re.compile(r"[\u4e00-\u9fff]{2}(?<![乡农])村(?![庄民落])"),
     "具体涉及的村"),
    # "这条线主要是沿哪条河划的": a river, which the plan names nowhere (河底镇 is a town).
    # ("它主要是沿着哪些河道划的": the same, asked by 河道)
    (re.compile(r"哪(?:些|几)?(?:条|段)?河(?:道|流|段)?(?![底南北])|什么河"), re.compile(r"[\u4e00-\u9fff]{1,3}(?:河|江)(?![底道段])"),
     "具体河流"),
    # "减下去的那块具体落在城区、矿区还是郊区": which district a change lies in, which the plan gives for the
    # 市辖区 as a whole only (a sentence naming the districts as its parts says nothing of where a change is).
    # ("增加的主要是哪个区的", "是在郊区还是矿区增加的")
    (re.compile(r"(?:调出|调入|调整|减少|增加|减下去|多出来|少了|新增|补进|划出|划入)[^，。？?]{0,10}(?:落在|在|位于|分布在|属于|是)"
                r"[^，。？?]{0,4}(?:哪个区|哪个县|哪些区|哪几个区|(?:城区|矿区|郊区)[、，]?(?:(?:城区|矿区|郊区)[、，]?)?还是)|"
                r"在(?:城区|矿区|郊区)还是(?:城区|矿区|郊区)[^，。？?]{0,4}(?:调出|调入|调整|减少|增加|新增|补进|划出|划入)"),
     re.compile(r"(?:城区|矿区|郊区|[\u4e00-\u9fff]县)(?:内|范围内)?[^。；，]{0,4}(?:调出|调入|新增|减少|增加|划入|划出|补划)"),
     "变化所在的区县"),
    # "纳进来的文保单位都在哪个区": the district a thing lies in, which the plan says of few things (郊区幸福家园养老中心).
    # ("机动指标准备分给哪几个区": where an amount goes, by district, the same)
    (re.compile(r"(?:在|位于|分布在|落在|分给|分到|分配给|分配到|安排给|安排到|给)(?:哪个|哪些|哪几个)(?:区|县|区县)(?![划域内])"),
     _PLACE_GIVEN, _DISTRICT),
    # "这个 1.28 倍是怎么算出来的": how a figure was worked out, which the plan states without its working (a share,
    # "3.06% 是怎么算出来的", is worked out from the plan's two figures: see figure_composer).
    (re.compile(r"^(?!.*(?:%|％|占比|比例|百分))(?:.*?)(?:(?:怎么|如何|咋)(?:计算|算)(?:出来)?的|计算(?:方法|公式)|算法是)"),
     re.compile(r"[=＝÷×]|除以|乘以|计算"), "计算方法"),
    # "38号文里具体规定了哪些条款", "国家规定机动规模最高能占多少": what another document rules, which the plan
    # cites by title and number only.
    (re.compile(r"(?:\d+\s*号文件?|管理办法|条例|国家规定|国家标准|部里规定|省里规定)(?:里|中|上|对)?[^，。？?]{0,20}"
                r"(?:规定了?(?:哪些|什么|啥)|有(?:什么|啥|哪些)规定|条款|最高|最多|上限)|条款原文"),
     re.compile(r"(?:办法|条例|通知|标准)[^。；]{0,6}(?:规定|明确)|第[一二三四五六七八九十\d]+条"), "所引文件的具体条款"),
    # "有没有打分的量化指标", "质量提升有没有具体数据": figures or a scoring standard by which a thing is judged, which
    # a sentence gives only with a number ("维护后…9387.50 公顷"); "正向优化标准" names a standard, scores nothing.
    (re.compile(r"量化|打分|评分|(?:有没有|有无|是否有|给没给|给了)(?:具体|明确|详细|量化)?的?(?:数据|数字|指标|数值)"),
     re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|公顷|平方|万?亩|项|处|倍|分)"), _QUANTIFIED),
    # "这次为什么没调生态红线": why a line was left alone, when the plan only says it was (不涉及…调整).
    (re.compile(r"(?:为什么|为何|为啥|什么原因|理由|咋).{0,12}(?:没|不|未)(?:调|动|变|改|涉及)|"
                r"(?:没|不|未)(?:调|动|变|改|涉及).{0,8}(?:为什么|为何|为啥|原因|理由)"),
     GIVES_WHY, "不调整的原因"),
    # "是先盖房子还是先把规划调好", "盖房子是不是先得有规划": which comes first, which a sentence says by its order
    # ("先规划、后建设").
    (re.compile(r"先[^，。？?]{1,8}?还是先|是不是先|谁先谁后|哪个先|先后顺序|(?:什么|啥|哪种|怎样的?)(?:先后)?顺序"),
     re.compile(r"先[\u4e00-\u9fff]{1,4}[、，]?后"), "先后顺序"),
    # "意见往哪儿交？联系电话是多少？": a telephone or a mailbox, which the plan gives for nothing.
    (re.compile(r"电话|邮箱|热线|联系方式|微信号"), re.compile(r"\d{3,4}-?\d{7,8}|\d{11}|@|12345"), "联系电话或邮箱"),
    # "新调进来的永久基本农田种的是啥庄稼", "绿地里种什么树": what is grown, which the plan says of no land.
    (re.compile(r"种(?:的|了)?(?:是|主要是|都是)?(?:啥|什么|哪些|哪种)|(?:啥|什么|哪些|哪种)(?:庄稼|作物|树种|树)"),
     re.compile(r"小麦|玉米|谷子|水稻|蔬菜|果树|树种|苗木"), "种植的作物或树种"),
    # "想盖个农家乐，要办哪些手续": a procedure, which a rule on what may be done there does not give.
    (re.compile(r"(?:办|走|需要|要|得)[^，。？?]{0,4}?(?:哪些|什么|啥)(?:手续|程序|流程|证件|证|许可)|(?:手续|流程|程序)(?:是|有)(?:什么|哪些|啥)|"
                r"(?:怎么|如何|咋)(?:报批|办手续|申请审批)"),
     re.compile(r"审批|报批|申请|程序|流程|手续"), "办理手续或程序"),
    # "图上居住用地用什么颜色表示": how a map is drawn, which the plan (its 附图 by title only) never says.
    (re.compile(r"(?:什么|啥|哪种|哪个)颜色|颜色(?:是|为)|用色|图例"), re.compile(r"[红橙黄绿青蓝紫黑白灰棕褐]色|图例"), "图面表示方式"),
    # "这三条线之间有没有重叠", "紫线是不是包含在历史文化保护线里": how two things the plan names lie to each other,
    # which it states for none (it gives each line's own area).
    (re.compile(r"重叠|重合|叠加|交叉|交集|(?:包含|包括|涵盖|含)在[^，。？?]{1,12}(?:里|内|中|之中)|是不是[^，。？?]{1,12}的一部分"),
     re.compile(r"重叠|重合|叠加|交叉|包含|涵盖"), "相互重叠或包含的关系"),
    # "万一冲突了以哪条为准", "几份文件要求不一致的话听谁的": which prevails, which the plan rules on nowhere.
    # (asked, not told: "请以方案为准", "下面这句话优先级最高" are instructions, which are no question of it)
    (re.compile(r"以(?:哪|谁|什么|啥)[^，。？?]{0,4}为准|听谁的|(?:哪个|哪条|哪项|哪类|谁)(?:更)?优先|"
                r"优先(?:级|顺序)(?:是|怎么|如何)|孰先|以谁为主"),
     re.compile(r"为准|优先|服从|让位|为主"), "冲突时以哪项为准的规定"),
    # "保耕地跟搞绿化的规划会不会打架": whether things conflict, which a sentence answers by how they are brought
    # together ("统筹协调…做好与…专项规划的协同衔接").
    (re.compile(r"(?:会不会|是否|有没有|有无|存不存在)[^，。？?]{0,10}(?:冲突|矛盾|打架|不一致)|"
                r"(?:冲突|矛盾|打架|不一致)(?:了)?(?:吗|么|没有|的话|时|怎么办)"),
     re.compile(r"冲突|矛盾|协调|协同|衔接|一致"), "是否冲突的说明"),
    # "它具体从哪一天开始生效", "这个办法试行期到哪年": when a document takes or loses effect.
    (re.compile(r"生效|有效期|试行期|到期|失效|施行"), re.compile(r"生效|有效期|之日起|失效|施行|获批后|批准后"), "生效日期或有效期"),
    # "这些文保单位是哪一批公布的": a batch of a list published elsewhere, which a sentence gives as 第…批.
    (re.compile(r"哪一?批|第几批|什么批次"), re.compile(r"第[一二三四五六七八九十\d]+批"), "公布的批次"),
    # "调出的那些地块以后做什么用", "撤销项目的用地会退回成什么用途": the use land is put to after a change, which a
    # sentence states only by naming it ("调整为…用地", "用于…"); "用途调整" names the change, not the use. ("五院要盖
    # 新楼，是干啥用的", "少掉的那部分是干啥用的" ask what a thing is for, which the plan may well say.)
    (re.compile(r"(?:调出|撤销|退出|腾退|划出|调走)[^，。？?]{0,12}(?:(?:做|干|作)(?:什么|啥)用|(?:拿来|拿去|用来|用作)(?:做|干|盖|建)?了?(?:什么|啥))|"
                r"(?:改|变|退回|转|用)(?:成|作|为|于)?(?:什么|啥|哪种|哪类)用途|(?:什么|啥)用途|"
                # "调出的那6.07公顷改成什么用地了": the same, asked by the kind of land it became
                r"(?:改|变|转|调|划)(?:成|为)了?(?:什么|啥|哪种|哪类)(?:用地|地)"),
     re.compile(r"(?:改|转|调整|变更|恢复)(?:为|成)[\u4e00-\u9fff]{2,8}(?:用地|用途)|用于[\u4e00-\u9fff]{2,}"), "调整后的具体用途"),
    # "调出的永久基本农田去哪了", "撤销项目的地会不会退还给村里": where land moved out or freed goes, which a sentence
    # states only by naming where it goes to ("调整为…", "退还给…", "划入…").
    (re.compile(r"(?:调出|撤销|退出|腾退|划出|调走|减少)[^，。？?]{0,12}?(?:去(?:了)?哪(?:儿|里)?|到哪(?:儿|里)?去|哪去了|"
                r"(?:还|退还|归还|退回|交还|返还)给)"),
     re.compile(r"(?:调整|转|划|纳|补|退还|归还|交还)(?:为|到|入|给)[\u4e00-\u9fff]{2,8}"), "调出或撤销后土地的去向"),
    # "补进来的耕地质量等级怎么样": a grade of land, which the plan gives for none (质量不降 is a rule, not a grade);
    # asked as an amount ("等别是多少", "是几等"), it is a figure the plan does not give (figure_unstated).
    (re.compile(r"(?:(?:质量)?等别|质量等级|(?:耕地|农田|土地)[^，。？?]{0,6}等级)(?![^，。？?]{0,3}(?:多少|几))"),
     re.compile(r"[一二三四五六七八九十\d]+\s*等(?:地|别)?|等别"), "耕地质量等别"),
    # "调进来的那几公顷原来是什么用地", "减少的部分之前是干啥的": the use land had before a change, which a sentence
    # states only by naming it ("原为…"); "调入现状建设用地" is a rule of what may be taken in, not what a piece was.
    (re.compile(r"(?:原来|原先|原本|本来|之前|以前|调整前|维护前)(?:是|为|属于|都是)?(?:什么|啥|哪种|哪类|哪一类)(?:用地|地|性质|用途)|"
                r"(?:原来|原先|原本|本来|之前|以前)(?:是)?(?:干|做|作)(?:什么|啥)(?:的|用的)"),
     re.compile(r"原(?:为|是|来是|用途为)[\u4e00-\u9fff]{2,8}"), "调整前的用途"),
    # "要是违规盖了咋办": what follows a breach, said without 处罚; "会怎么罚", "突破了会有什么后果": a penalty or a
    # consequence asked in a word of its own.
    (re.compile(r"处罚|惩罚|罚款|罚则|法律责任|追究.{0,6}责任|追责|问责|(?:怎么|咋|如何|会被|要被|会不会被?)罚|罚不罚|"
                r"(?:什么|啥|哪些|有何)(?:样的)?后果|后果(?:是|会|有|很)|"
                r"(?:违规|违法|私自|偷着|乱)[\u4e00-\u9fff]{0,4}(?:咋办|怎么办|怎么处理|会怎样|会咋样|啥后果|什么后果)|"
                # "要是有项目没等批就先开工了怎么办": what follows building before approval, the same
                r"(?:没等|未经|没经|不经|没有经过|没)[^，。？?]{0,3}(?:批|审批|批准|同意|审查)[^，。？?]{0,10}"
                r"(?:咋办|怎么办|怎么处理|会怎样|会咋样|啥后果|什么后果|管不管|查不查)"),
     re.compile(r"处罚|罚款|追究|追责|问责|后果"), "处罚或追责规定"),
)
# "这个专项规划是哪年批复的", "下一次维护哪个月开始": a date, which the plan gives only for its own issue
# (2026 年 6 月) and its documents (〔2025〕): a sentence found must hold one of the kind asked. Unlike the things
# above, no sentence elsewhere is looked for: the cover's date is no answer to when something else happens.
_ASKED_WHEN = (
    (re.compile(r"哪一?年(?!度)|哪个年代"), re.compile(r"〔\s*\d{4}\s*〕|\d{4}\s*年(?!度)"), "具体年份"),
    (re.compile(r"哪个?月|几月"), re.compile(r"\d{1,2}\s*月"), "具体月份"),
    (re.compile(r"哪一?天|(?<!第)几号(?![文线])|哪月哪[日天号]|几月几[日号]"), re.compile(r"\d+\s*日"), "具体日期"),
    # "原来那版总体规划是哪一年批复的": when something was approved, which no year of a cited document's number
    # (〔2026〕38号) or the plan's own issue (2026 年 6 月) says.
    (re.compile(r"(?:哪一?年|哪个?月)[^，。？?]{0,4}(?:批复|批准|审批|获批|批下来|批的)"),
     re.compile(r"(?:批复|批准|获批)[^。；]{0,6}\d{4}\s*年|\d{4}\s*年[^。；]{0,12}(?:批复|批准|获批)"), "批复时间"),
    # "什么时候能获批": when the plan is approved, which its rule "方案获批后严格执行…" does not date.
    (re.compile(r"(?:什么时候|啥时候|何时|啥时|多久)[^，。？?]{0,6}(?:获批|批准|批复|批下来|审批通过)"),
     re.compile(r"\d{4}\s*年[^。；]{0,12}(?:获批|批准|批复)|(?:获批|批准|批复)[^。；]{0,6}\d{4}\s*年"), "获批时间"),
    (re.compile(r"多久|多长时间|隔几年"), re.compile(r"每年|(?<![\d\s])年度|(?<!\d)\d{1,2}\s*(?:天|个月|年)(?!度)"), "时间间隔"),
    (re.compile(r"什么时候|啥时候|何时|啥时"),
     re.compile(r"\d{4}\s*年(?!度)|\d{1,2}\s*月|\d+\s*日|获批后|批准后|之日起"), "具体时间"),
)


# What a cover (its title, issuer and date) gives though no pattern above reads it so: who made the plan ("谁定的")
# is its issuer. Anything else asked of the plan itself (who approves it, when it takes effect, where floods are)
# the cover does not give.
GIVEN_BY_ISSUER = frozenset({"编制或提出的单位、个人"})


def asks_thing(question: str) -> bool:
    """A body, a document number, a person, a place or a penalty is asked, not an amount."""
    return any(asked.search(question) for asked, _, _ in (*_ASKED_THING, *_ASKED_WHEN))


def asked_shape(question: str) -> re.Pattern[str] | None:
    """What a sentence holding the thing asked looks like ("文号是什么" -> "〔2026〕38号"), or None."""
    return next((given for asked, given, _ in _ASKED_THING if asked.search(question)), None)


def missing_thing(question: str, quotes: Iterable[str]) -> str | None:
    """What the question asks for (a body, a document number, a penalty, an address, a date) when no sentence found
    gives one."""
    quotes = list(quotes)
    for asked, given, label in (*_ASKED_THING, *_ASKED_WHEN):
        found = asked.search(question)
        if found and not any(given.search(q) for q in _read_in(label, question, found.start(), quotes)):
            return label
    return None


def _read_in(label: str, question: str, asked_at: int, quotes: list[str]) -> list[str]:
    """Where the thing asked is looked for: the quotes whole, or the listed items about what the question names.

    - An address is the named thing's own ("郊区新城大道一级消防站"), not a road in a list beside it: read in the
      listed item most like the question ("高新区特勤消防站" has none; "五院" is like no item at all).
    - A place, or a year, month or day, is read the same way where an item is like the question ("住院楼建在医院哪个位置": the 住院楼's item names
      no place, though 郊区 names the next one's), else in the quotes whole; so are figures that judge a thing
      ("正向优化标准" scores nothing, though 9387.50 公顷 of 城镇开发边界 is quoted beside it).
    - A body is read outside the titles of the documents cited, whose issuers run nothing the question asks of.
    - A document's number is read in the documents named most like the clause that asks it ("部空间规划局…政策口径"
      has no number, though 〔2026〕38号 and 95号 stand beside it; "国家部委层面依据的通知文号是多少" is not read by
      the clause before it, "开展这轮规划动态维护", nor "永农正向优化贯彻的是省里哪个文号的通知" by its topic); so is
      a document asked by its title ("部空间规划局的“政策口径”是哪份文件": the plan names that one by no title).
    """
    if label == "具体地址":
        return _items_named(question, quotes)
    if label == _BODY and not _ISSUED.search(question):
        # ("由谁来维护": the ministry named in a cited notice's title issued it, and runs nothing here; "它是哪个
        # 部门印发的" asks just that)
        quotes = [re.sub(r"《[^》]*》", "", q) for q in quotes]
        if not re.search(r"哪些|哪几|几个|都有谁|还有谁|牵头|主管|承办|归", question):
            # ("城市绿线平时是哪个部门负责管理的": one body asked; the six that work together, "自然资源、发改…等部门
            # 协同机制", say who joins in, not who is in charge; who leads, 牵头, is judged by its own label below)
            quotes = [BODIES_LISTED.sub("", q) for q in quotes]
        return quotes
    if label in ("具体年份", "具体月份", "具体日期"):
        # ("那次全会是哪一年开的": the year is the thing's own, not 〔2026〕 of a notice cited in the same sentence;
        # "方案是哪一年发布的": the document's, on its cover)
        return _items_named(_DOCUMENT_SAID.sub("", question), quotes) or quotes
    if label in ("具体位置", _DISTRICT, _QUANTIFIED):
        return _items_named(question, quotes) or quotes
    if label in (_NUMBER, _CITED):
        clause = re.split(r"[，,；;。？?！!]", question[:asked_at])[-1] + question[asked_at:]
        return _items_named(clause, quotes, _DOCUMENT) or _items_named(question, quotes, _DOCUMENT) or quotes
    return quotes


# Words naming the document itself, which every item of its cover shares.
_DOCUMENT_SAID = re.compile(r"动态维护|方案|规划|文件|年度|本次|这次|这个|这份|这是")


def _items_named(question: str, quotes: list[str], kind: re.Pattern[str] | None = None) -> list[str]:
    """The listed items (between 、，；。) of the quotes, of a `kind` when given, that share the longest run of
    characters with the question, two at least; none when no item shares two."""
    question = without_carried(question)  # ("…分别在哪？（公共服务设施）": the item asked of is the question's own)
    # ("…相关政策口径以及《山西省…通知》（晋自然资函〔2026〕95号）": 以及 joins two items)
    items = [i for q in quotes for i in re.split(r"[、，,；;。]|以及", q) if i and (kind is None or kind.search(i))]
    shared = {i: shared_run(i, question) for i in items}
    best = max(shared.values(), default=0)
    return [i for i, n in shared.items() if n == best] if best >= 2 else []


def shared_run(text: str, other: str) -> int:
    """The longest run of characters (two at least, else 0) `text` shares with `other`."""
    return max((n for n in range(2, len(text) + 1) for k in range(len(text) - n + 1) if text[k:k + n] in other),
               default=0)


# "高新区的全称是什么": the full name of a thing, said before 全称.
_FULL_NAME = re.compile(r"([\u4e00-\u9fff]{2,8}?)的?(?:全称|全名|完整名称)")
_POINTER = re.compile(r"^(?:那个|这个|那|这|其中|它)")


def unexpanded_name(question: str, corpus_text: str) -> str | None:
    """"高新区的全称是什么": a short name (three characters at most, as abbreviations are) the plan writes, and
    writes only so (no longer name holds its characters in order, as 山西省自然资源厅 holds 省厅): the plan gives
    no full name of it. (自然资源部 is a full name already.)"""
    found = _FULL_NAME.search(without_carried(question))
    short = _POINTER.sub("", found.group(1)) if found else ""
    # (a document, "这方案全名叫啥", is named by its title, which document_questions reads)
    if not 2 <= len(short) <= 3 or short not in corpus_text or re.search(r"方案|规划|文件|通知|办法|文$", short):
        return None
    spread = "[\u4e00-\u9fff]{0,6}?".join(map(re.escape, short))
    return short if all(m == short for m in re.findall(spread, corpus_text)) else None
