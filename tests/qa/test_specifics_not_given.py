"""A term the plan names without saying what it consists of: its specifics are refused, with the passage."""

import pytest

from assistant.conversation import Conversation
from assistant.plan.glossary import DEFINITIONS
from assistant.qa.elaboration import unexplained

SENTENCES = [
    "紧扣阳泉市产业转型升级、城乡融合发展等核心需求，推动空间资源向重点发展领域、关键项目倾斜。",
    "建立自然资源、发改、住建、交通、水利、能源等部门协同机制，明确分工、强化统筹，保障规划落地。",
    "市域范围为阳泉市行政辖区，国土面积 4558.96 平方千米。",
    "严守永久基本农田保护红线、生态保护红线、城镇开发边界三条控制线。",
    "调整仅针对南山宾馆历史建筑的空间位置进行精准校正。",
    "本次动态维护重点建设项目共 564 项，其中，实施 118 项、延续 229 项、撤销 22 项、更新 15 项、新增 180 项。",
    # lists that happen to end right before the term do not list its members
    "将全市 11 处国家级文物保护单位、12 处省级文物保护单位更新到历史文化保护线统筹管控。",
    "建立年度评估、动态更新、常态督查机制，确保规划权威性与严肃性。",
    "三是完善教育、医疗、养老等公共服务设施布局。",
    "严格按照山西省“一张图”标准，将动态维护成果规范入库。",
    "全方位、多渠道做好规划动态维护方案宣传和信息公开，广泛征求社会公众意见建议。",
    "可进行适度的开发利用和结构布局调整。",
    "不突破国土空间总体规划确定的保护目标任务、约束性指标和总体空间格局。",
    "市辖区层面维护工作主要包括三条控制线、规划分区、其他空间管控边界等内容。",
    "通过维护内容实现布局更优、质量更高、功能更强。",
    "主要落实郊区新城大道一级消防站、郊区综合托育服务中心、高新区特勤消防站及配套消防训练设施等。",
]
HEADINGS = ["五、实施保障 > （二）部门协调"]


@pytest.mark.parametrize("question, term", [
    ("重点发展领域具体指哪些产业？", "重点发展领域"),     # named in a list of its own, never explained
    ("各部门的分工具体怎么划的？", "分工"),                 # the longest end of what is named that the plan says
    ("“更新”具体是改了项目的哪些内容？", "更新"),          # a count is no account of what was done
    ("市域范围具体指的是哪里？", None),                     # "市域范围为阳泉市行政辖区": explained after it
    ("三条控制线具体指的是哪三条？", None),                 # listed right before it
    ("调整具体针对的是什么？", None),                       # the sentence says what it 针对
    ("部门协调具体涉及哪些部门？", None),                   # a heading: its passage is its specifics
    ("阳泉具体有哪些产业要转型？", None),                   # a place, not a term
    ("停车场具体怎么收费？", None),                         # a term the plan never names: judged elsewhere
    ("重点发展领域是什么？", None),                         # no specifics asked
    ("公共服务设施具体有哪些？", None),                     # listed before it, closed by 等
    ("规划里说的那个“一张图”到底是啥标准？", None),         # what is asked (标准) is said right after it
    # the term starts at a word or a compound's head: not 次动态维护, cut out of 这次 (the plan's 本次动态维护)
    ("做这次动态维护到底想达到什么目的？", "动态维护"),
    ("阳泉市要重点发展的主导产业具体是哪几个？", "产业"),
    # the kind right after 哪些, when what comes before names who asks (老百姓), not a term of the plan's
    ("老百姓具体通过哪些渠道反映意见？", "渠道"),
    ("老百姓具体通过哪些部门反映意见？", None),             # listed before it, closed by 等
    # what qualifies as a term, asked after 算
    ("哪些项目算得上“适度”？", "适度"),
    ("什么样的开发才算适度呢？", "适度"),
    ("哪些线才算三条控制线？", None),                       # listed right before it
    ("部门协调怎么算？", None),                             # no kind asked before 算
    # the members of a term, asked after it
    ("阳泉的约束性指标都有哪些？", "约束性指标"),
    ("约束性指标一共有几项？", "约束性指标"),
    ("三条控制线都有哪些？", None),                         # listed right before it
    ("部门协调包括哪些？", None),                           # a heading
    ("公共服务设施有哪几类？", None),                       # listed before it, closed by 等
    ("中心城区用地布局调整有哪几类？", None),               # a heading in other words, not 布局调整 the plan says
    ("市辖区层面维护包括哪些？", None),                     # "…维护工作主要包括…": explained right after it
    ("中心城区层面的维护内容有哪些？", None),               # the level's own, not 维护内容 said elsewhere
    ("消防站有哪几个？", None),                             # named as the heads of their names: 一级消防站, 特勤消防站
])
def test_specifics_are_refused_only_of_a_term_named_and_never_explained(question, term):
    assert unexplained(question, SENTENCES, HEADINGS, DEFINITIONS, ("阳泉",)) == term


def test_the_refusal_names_the_term_and_keeps_the_passage(fixture_assistant):
    answer = fixture_assistant.ask("重点发展领域具体指哪些产业？", Conversation())
    assert answer.refused
    assert answer.answer.startswith("方案原文只提到“重点发展领域”，没有具体说明，无法回答。"), answer.answer
    assert any("重点发展领域" in c.quote for c in answer.citations)


def test_a_listed_term_asked_for_its_specifics_is_answered(fixture_assistant):
    answer = fixture_assistant.ask("三条控制线具体指的是哪三条？", Conversation())
    assert not answer.refused and "生态保护红线" in answer.answer, answer.answer
