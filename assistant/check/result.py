"""Parts of the check result contract shared by point, batch and red-line checks: notes, units, limits."""

from __future__ import annotations

from typing import Any

from ..plan.vocabulary import CITY_DISTRICTS

NEAR_BOUNDARY_M = 5.0
M2_PER_MU = 10000 / 15
MAX_FEATURES = 50
DEMO_NOTE = "图层为演示数据，非正式规划成果"
FEATURE_LIMIT_NOTE = "{layer}（{version}）命中 {n} 个要素，仅列出前 {limit} 个"


def near_note(layer: str) -> str:
    return f"距离{layer}边界不足 {NEAR_BOUNDARY_M:g} 米，以法定图件为准"


def out_of_scope_note(district: str | None, subject: str = "该位置") -> str:
    if district:
        return f"图层仅覆盖市辖区（{'、'.join(CITY_DISTRICTS)}）；{subject}位于{district}"
    return f"{subject}不在阳泉市范围内"


def area_fields(m2: float | None) -> dict[str, float | None]:
    if m2 is None:
        return {"overlap_m2": None, "overlap_ha": None, "overlap_mu": None}
    return {"overlap_m2": round(m2, 2), "overlap_ha": round(m2 / 10000, 4), "overlap_mu": round(m2 / M2_PER_MU, 2)}


APPROXIMATE_NOTE = "近似结果：文件的坐标系没有给出转换参数，红线位置可能偏差数十米，重叠面积仅供参考"
PARCEL_FIELDS = (("number", "编号"), ("use", "用途"), ("land_code", "地类编码"), ("map_sheet", "图幅号"))


def redline_fields(redline) -> dict[str, Any]:
    """What a red-line result says about the file itself: format, reading, approximate or not, each 地块."""
    parcels = []
    for index, ((name, _), area_m2) in enumerate(zip(redline.parcels, redline.parcel_areas_m2(), strict=True)):
        info = redline.parcel_info[index].as_dict() if index < len(redline.parcel_info) else {}
        parcels.append({**info, "name": name, "area_ha": round(area_m2 / 10000, 4),
                        "area_mu": round(area_m2 / M2_PER_MU, 2)})
    return {"format": redline.source_format, "crs": redline.crs_detected,
            "approximate": bool(redline.approximate), "parcels": parcels}


def parcel_lines(result: dict[str, Any]) -> list[str]:
    """One Chinese line per 地块 of a red-line result: name, 编号, 用途, 地类编码, area."""
    lines = []
    for index, parcel in enumerate((result.get("redline") or {}).get("parcels", []), 1):
        known = "，".join(f"{label} {parcel[key]}" for key, label in PARCEL_FIELDS if parcel.get(key))
        lines.append(f"第 {index} 地块“{parcel['name']}”" + (f"（{known}）" if known else "")
                     + f"：{parcel['area_ha']:.4f} 公顷（{parcel['area_mu']:.2f} 亩）")
    return lines
