"""Parts of the check result contract shared by point, batch and red-line checks: notes, units, limits."""

from __future__ import annotations

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
