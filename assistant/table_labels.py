"""Chinese headings for SQL result columns shown to people; bookkeeping columns are left out.

The JSON output and the SQL keep the real column names; only what a person reads is relabelled.
"""

from __future__ import annotations

from typing import Any

LABELS = {
    "indicator": "指标", "scope": "范围", "phase": "阶段", "version": "版本", "value_text": "数值",
    "unit": "单位", "norm_value": "折算值", "norm_unit": "折算单位", "note": "说明",
    "before_text": "维护前", "before_unit": "维护前单位", "after_text": "维护后", "after_unit": "维护后单位",
    "before_value": "维护前（折算）", "after_value": "维护后（折算）", "difference": "差值",
    "out_text": "调出", "out_unit": "调出单位", "in_text": "调入", "in_unit": "调入单位",
    "out_value": "调出（折算）", "in_value": "调入（折算）", "net": "净增",
    "from_unit": "原单位", "to_unit": "换算单位", "converted": "换算结果",
    "layer": "图层", "area": "统计范围", "features": "图斑数", "area_ha": "面积（公顷）", "area_mu": "面积（亩）",
    "code": "代码", "name": "名称", "share": "占比", "project_id": "项目编号", "status": "状态",
    "mapping_method": "上图方式", "category": "类别", "county": "县区", "distance_m": "距离（米）",
}
# Ids, document titles, conversion factors and quotes: the citations below the table already show the
# quotes with their sections, and the SQL shows the factors.
HIDDEN = {"figure_id", "doc", "value", "factor_num", "factor_den", "quote", "section", "before_quote",
          "before_section", "after_quote", "after_section", "out_quote", "out_section", "in_quote",
          "in_section", "from_definition", "to_definition"}


def for_people(columns: list[str], rows: list[list[Any]]) -> tuple[list[str], list[list[Any]]]:
    """Columns relabelled in Chinese and bookkeeping columns dropped, rows cut to match."""
    keep = [i for i, c in enumerate(columns) if c not in HIDDEN] or list(range(len(columns)))
    return [LABELS.get(columns[i], columns[i]) for i in keep], [[row[i] for i in keep] for row in rows]
