"""What a red-line format reader hands back, shared by the TXT and GIS readers and the dispatcher."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyproj import CRS
from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class ParcelInfo:
    """A 地块's attributes as the file gives them (TXT header row: 地块编号, 地块名称, 地块用途, 地类编码 …)."""

    name: str
    number: str = ""
    use: str = ""  # 地块用途
    land_code: str = ""  # 地类编码
    map_sheet: str = ""  # 图幅号
    declared_area_ha: float | None = None
    extra: tuple[str, ...] = ()  # further header fields (图斑类型, 地类, 质量等别, 备注 … by province)

    def as_dict(self) -> dict[str, object]:
        return {"number": self.number, "name": self.name, "use": self.use, "land_code": self.land_code,
                "map_sheet": self.map_sheet, "declared_area_ha": self.declared_area_ha, "extra": list(self.extra)}


@dataclass
class Parsed:
    """What a format reader hands back: raw parts in the file's own coordinates, before CRS handling."""

    parcels: list[tuple[str, BaseGeometry]]
    source_format: str
    notes: list[str] = field(default_factory=list)
    declared_crs: CRS | None = None  # None: decide from the magnitude of the numbers
    expected_areas_ha: list[float | None] = field(default_factory=list)  # from TXT headers
    swap_note: str = "坐标的东、北两个分量顺序颠倒，已按数值大小纠正"
    parcel_info: list[ParcelInfo] = field(default_factory=list)  # one per parcel when the format has attributes
    crs_label: str = ""  # Chinese name of declared_crs when the reader built it (e.g. from a TXT header)
    approximate: bool = False  # the position may be off by tens of metres (datum without parameters)
