"""Spatial statistics the chat quotes: thin, validated wrappers over spatial_sql/stats_*.sql."""

from __future__ import annotations

from ..errors import InputError
from ..plan.vocabulary import CHECK_LAYERS, COUNTIES, VERSIONS
from .sql import QueryResult, SqlRunner

LAYER_AREAS = ("城区", "矿区", "郊区", "市辖区", "中心城区范围")
PROJECT_AREAS = (*COUNTIES, "市辖区", "中心城区范围")
_AREA_ALIASES = {"中心城区": "中心城区范围", "阳泉市区": "市辖区", "市区": "市辖区"}


def _version(version: str) -> str:
    if version not in VERSIONS:
        raise InputError(f"版本“{version}”无效，请选择“维护前”或“维护后”。")
    return version


def _area(area: str, allowed: tuple[str, ...]) -> str:
    area = _AREA_ALIASES.get(area.strip(), area.strip())
    if area not in allowed:
        raise InputError(f"统计范围“{area}”无效，可选：{'、'.join(a for a in allowed if a)}。")  # "" = 全部
    return area


def layer_area(runner: SqlRunner, layer: str, version: str, area: str) -> QueryResult:
    """Area (公顷, 亩) of a layer in one version within 城区/矿区/郊区/市辖区/中心城区范围."""
    if layer not in CHECK_LAYERS:
        raise InputError(f"图层“{layer}”不存在，可选：{'、'.join(CHECK_LAYERS)}。")
    return runner.run("stats_layer_area", layer=layer, version=_version(version),
                      area=_area(area, LAYER_AREAS))


def land_use_composition(runner: SqlRunner, version: str) -> QueryResult:
    """中心城区用地 by code and name: area and share, for one version."""
    return runner.run("stats_land_use", version=_version(version))


def projects_by_status(runner: SqlRunner) -> QueryResult:
    """Key project counts per status (实施/延续/撤销/更新/新增)."""
    return runner.run("stats_projects_by_status")


def projects_by_method(runner: SqlRunner) -> QueryResult:
    """Key project counts per 上图方式 (精准上图/示意上图/增补清单)."""
    return runner.run("stats_projects_by_method")


def projects_in_area(runner: SqlRunner, area: str) -> QueryResult:
    """Key projects within a county, 市辖区 or 中心城区范围."""
    return runner.run("stats_projects_in_area", area=_area(area, PROJECT_AREAS))


def projects_near_place(runner: SqlRunner, place: str, distance_m: float = 1000.0) -> QueryResult:
    """Key projects within `distance_m` metres of a gazetteer place, nearest first."""
    if not 0 < distance_m <= 50_000:
        raise InputError("搜索半径应在 0 到 50000 米之间，请调整后重试。")
    place = place.strip()
    known = runner.run("check_places")
    if not known.truncated and place not in {row[0] for row in known.rows}:
        raise InputError(f"地名库中没有“{place}”，请换一个乡镇、街道或村名。")
    return runner.run("stats_projects_near_place", place=place, distance_m=float(distance_m))


PHASES = ("维护前", "维护后", "调出", "调入")
SUMMARY_AREAS = ("", *COUNTIES, "市辖区", "中心城区范围")


def _selection(layer: str, phases, area: str, class_code: str, class_name: str) -> dict:
    if layer not in CHECK_LAYERS:
        raise InputError(f"图层“{layer}”不存在，可选：{'、'.join(CHECK_LAYERS)}。")
    phases = list(phases)
    if not phases or any(p not in PHASES for p in phases):
        raise InputError(f"阶段应为{'、'.join(PHASES)}中的一个或几个。")
    return {"layer": layer, "phases": phases, "area": _area(area, SUMMARY_AREAS) if area else "",
            "class_code": class_code or "", "class_name": class_name or ""}


def layer_summary(runner: SqlRunner, layer: str, phases, area: str = "", class_code: str = "",
                  class_name: str = "") -> QueryResult:
    """Per phase: 图斑 count and area (公顷, 亩) of a layer, clipped to an area, optionally one class."""
    return runner.run("stats_layer_summary", **_selection(layer, phases, area, class_code, class_name))


def layer_feature_list(runner: SqlRunner, layer: str, phases, area: str = "", class_code: str = "",
                       class_name: str = "") -> QueryResult:
    """Each 图斑 (编号, name, code, area inside the area), largest first per phase."""
    return runner.run("stats_layer_features", **_selection(layer, phases, area, class_code, class_name))


def layer_by_county(runner: SqlRunner, layer: str, phases, class_code: str = "", class_name: str = "") -> QueryResult:
    """Per phase and county: 图斑 count and area."""
    selection = _selection(layer, phases, "", class_code, class_name)
    del selection["area"]
    return runner.run("stats_layer_by_county", **selection)


def layer_classes(runner: SqlRunner) -> QueryResult:
    """(layer, name, code, features) for every class the layers' features carry."""
    return runner.run("stats_layer_classes")
