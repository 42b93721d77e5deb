"""What the plan's control lines are, in the words of the national rules that define them.

The plan names its lines but does not define them; a citizen describes them instead ("能盖楼的范围",
"家门口的公园绿地", "一下大雨就淹的地方"). These definitions, abridged from the documents named beside
each, are only used to understand which line a question describes. They are never quoted as the plan's
words and no answer cites them.
"""

from __future__ import annotations

# layer -> (definition, source)
DEFINITIONS: dict[str, tuple[str, str]] = {
    "永久基本农田": ("按照一定时期人口和经济社会发展对农产品的需求，依据国土空间规划确定的不得擅自占用或者改变用途的耕地，"
                "用于种植粮食的农田", "《中华人民共和国土地管理法》第三十三条"),
    "生态保护红线": ("在生态空间范围内具有特殊重要生态功能、必须强制性严格保护的区域，如水源涵养、生物多样性维护、"
                "水土保持的山林", "《关于在国土空间规划中统筹划定落实三条控制线的指导意见》"),
    "城镇开发边界": ("在一定时期内因城镇发展需要，可以集中进行城镇开发建设、以城镇功能为主的区域边界",
                "《关于在国土空间规划中统筹划定落实三条控制线的指导意见》"),
    "历史文化保护线": ("各级各类历史文化遗存的保护范围，包括文物保护单位、历史文化街区、历史建筑、传统村落",
                  "《国土空间规划城市设计指南》及历史文化保护相关规定"),
    "洪涝风险控制线": ("为防范洪涝灾害风险，对河湖水系、行洪通道、蓄滞洪区、排涝通道划定的管控边界",
                  "《国土空间规划“一张图”实施监督信息系统技术规范》"),
    "城市绿线": ("城市各类绿地范围的控制线，包括公园绿地、防护绿地、广场用地", "《城市绿线管理办法》第二条"),
    "城市紫线": ("历史文化街区和历史建筑的保护范围界线", "《城市紫线管理办法》第二条"),
}
