"""What a red-line format reader hands back, shared by the TXT and GIS readers and the dispatcher."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyproj import CRS
from shapely.geometry.base import BaseGeometry


@dataclass
class Parsed:
    """What a format reader hands back: raw parts in the file's own coordinates, before CRS handling."""

    parcels: list[tuple[str, BaseGeometry]]
    source_format: str
    notes: list[str] = field(default_factory=list)
    declared_crs: CRS | None = None  # None: decide from the magnitude of the numbers
    expected_areas_ha: list[float | None] = field(default_factory=list)  # from TXT headers
    swap_note: str = "坐标的东、北两个分量顺序颠倒，已按数值大小纠正"
