"""The words of figure questions: how people name each indicator, measure, scope and count, and what the
plan gives no figure for."""

from __future__ import annotations

import re

from ..plan.vocabulary import LAYER_SYNONYMS, PROJECT_STATUS_WORDS

CONTROL_LINES = ("永久基本农田", "生态保护红线", "城镇开发边界", "历史文化保护线", "洪涝风险控制线", "城市绿线", "城市紫线")
# 三条控制线
THREE_LINES = CONTROL_LINES[:3]
# What the plan counts, by the unit it counts in ("11 处国家级文物保护单位", "新增 180 项").
COUNTED_IN = {"处": "文物保护单位", "项": "重点建设项目"}


def _layer_words(layer: str, *more: str) -> tuple[str, ...]:
    """The layer's words from the shared vocabulary, plus looser ones that only name a figure here."""
    return LAYER_SYNONYMS[layer] + more


# canonical indicator (plan_figures.indicator) -> ways people say it; matched longest first.
INDICATOR_WORDS: dict[str, tuple[str, ...]] = {
    "文物保护单位": ("文物保护单位", "文保单位", "文物单位", "文物", "文保", "国保单位", "省保单位"),
    "历史文化保护线": _layer_words("历史文化保护线", "历史文化保护", "历史文化线", "历史文化"),
    "永久基本农田": _layer_words("永久基本农田", "农田保护红线"),
    "生态保护红线": _layer_words("生态保护红线", "生态保护线"),
    "城镇开发边界": _layer_words("城镇开发边界", "城开边界"),
    "洪涝风险控制线": _layer_words("洪涝风险控制线", "防洪"),
    "城市绿线": _layer_words("城市绿线"),
    "城市紫线": _layer_words("城市紫线"),
    "重点建设项目": _layer_words("重点建设项目", "建设项目", "重点工程", "重大项目", "大工程", "大项目", "项目"),
    "国土面积": ("国土总面积", "国土面积", "行政区域面积", "辖区面积", "土地总面积", "土地面积"),
}
# Measures the plan states besides an indicator's own size; also name their indicator when it is left out.
MEASURE_WORDS: dict[str, tuple[str, ...]] = {
    "扩展倍数": ("扩展倍数", "倍数", "几倍", "多少倍"),
    "扩展规模": ("扩展规模", "扩展面积", "外扩", "新扩", "扩出来", "扩出去", "扩张"),
    "预留机动": ("预留机动", "机动规模", "机动", "备用", "余地", "留白"),
    "占比": ("占比", "比例", "比重", "百分比", "百分之几", "百分之多少"),
    # Spoken forms: a verb with 出去/进来 ("调进来的呢？", "划出去多少").
    "调出": ("调出", "划出", "调减", "移出", "调走", "划走", "划掉", "挪走", "挪出", "拿出去", "挪出去", "弄出去", "退出去", "圈出去", "出去多少",
           "出去了多少", "出去的"),
    "调入": ("调入", "划入", "调增", "补划", "调进", "划进", "加进来", "放进来", "弄进来", "圈进来", "补进", "补回", "进来多少",
           "进来了多少", "进来的"),
}
MEASURE_INDICATOR = {"扩展倍数": "城镇开发边界", "扩展规模": "城镇开发边界", "预留机动": "城镇开发边界",
                     "占比": "城镇开发边界"}
PROJECT_WORDS: dict[str, tuple[str, ...]] = {
    "总数": ("总数", "一共", "总共", "共有", "合计", "总计", "总量", "共计"), **PROJECT_STATUS_WORDS,
}
SITE_WORDS = {"国家级": ("国家级", "国保"), "省级": ("省级", "省保")}

# "三个区": the 城区、矿区、郊区 that make up the 市辖区 (三、编制范围).
SCOPE_WORDS = (("中心城区", "中心城区"), ("市辖区", "市辖区"), ("市区", "市辖区"), ("三个区", "市辖区"), ("市域", "市域"),
               ("全市", "市域"), ("阳泉市", "市域"), ("全域", "市域"))
# What the plan does not give figures for: refused, never guessed.
OTHER_PLACES = ("平定县", "盂县", "平定", "太原", "大同", "晋中", "长治", "忻州", "吕梁", "朔州", "晋城",
                "临汾", "运城", "石家庄", "北京", "上海", "山西省", "全省", "省域", "全国")
DISTRICTS = re.compile(r"(?<!中心)城区|矿区|郊区")
UNKNOWN_METRICS = (("GDP", "地区生产总值数据"), ("生产总值", "地区生产总值数据"), ("人口", "人口数据"),
                   ("财政", "财政收支数据"), ("收入", "收入数据"), ("产值", "产值数据"), ("房价", "房价数据"),
                   ("地价", "地价数据"), ("投资额", "投资额数据"), ("总投资", "投资额数据"), ("资金", "资金安排"),
                   ("经费", "经费安排"), ("预算", "预算安排"), ("补贴", "补贴标准"), ("补偿", "补偿标准"),
                   ("耕地保有量", "耕地保有量数字"), ("等别", "耕地质量等别"), ("几等", "耕地质量等别"),
                   ("森林覆盖率", "森林覆盖率数据"),
                   ("城镇建设用地", "城镇建设用地规模的具体数字"), ("建设用地规模", "建设用地规模的具体数字"),
                   ("林地", "林地面积"), ("草地", "草地面积"), ("水域", "水域面积"), ("耕地面积", "耕地面积数字"),
                   ("耕地", "耕地面积数字"))
