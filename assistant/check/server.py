"""YQPLAN_CHECK_BACKEND=server: location checks answered from the store's spatial index, nothing preloaded.

For very large stores, or many replicas that should not each hold every layer in RAM: each check asks
PostGIS (GiST) for the features that can answer it (those near the point or red line, wider only for a
layer with nothing near) and runs the same in-memory engine on just those, so answers equal the
in-memory checker's (tests/check/test_backend_agreement.py). What every check needs and only a build or
import changes (layer status, the layer/version pairs, the county and 市辖区 outlines, the gazetteer) is
read once per data version: asked of the server at most every `version_check_s` seconds, as the in-memory
checker does, so a replica follows an import without restart and a check is a few spatial-index queries.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ..errors import InputError
from ..geo import points_to_metric, to_metric
from ..layers.postgis import is_url
from ..layers.sql import SqlRunner, server_data_version
from ..settings import ROOT
from .batch import BatchResult
from .checker import LocationChecker
from .index_near import StoreFacts, load_indexes_around, read_store_facts
from .index_store import store_key


class ServerChecker(LocationChecker):
    """The LocationChecker API; each check loads only what answers it, through the store's spatial index."""

    def __init__(self, store: str, corpus_dir: str | Path | None = None, version_check_s: float = 3.0):
        # No super().__init__: that would load every layer, which is what this backend avoids.
        self._runner = SqlRunner(store, timeout_s=300, max_rows=10**8)  # read through the `runner` property
        self._db_path = None
        self.store, self.version_check_s = str(store), version_check_s
        self.corpus_dir = str(corpus_dir or ROOT / "corpus")
        self._places: list[tuple] | None = None
        self._citations: dict[tuple[str, ...], list[dict[str, str]]] = {}
        self._facts: tuple[object, StoreFacts] | None = None
        self._facts_lock = threading.Lock()

    def data_version(self) -> object:
        """meta.data_version on PostGIS (asked at most every version_check_s seconds); a DuckDB file's identity."""
        if is_url(self.store):
            return server_data_version(self.store, self.version_check_s)
        return tuple(store_key(self.store))

    def facts(self) -> StoreFacts:
        """Layer status, layer/version pairs and administrative outlines, read again only for a new data version
        (the gazetteer is dropped with them)."""
        version = self.data_version()
        with self._facts_lock:
            if self._facts is None or self._facts[0] != version:
                self._facts = (version, read_store_facts(self.runner))
                self._places = None
            return self._facts[1]

    def _around(self, geom_metric: shapely.Geometry) -> LocationChecker:
        local = LocationChecker(self.runner, self.corpus_dir,
                                load_indexes_around(self.runner, geom_metric, self.facts()))
        local._citations = self._citations  # the plan's citations are read once, not per check
        return local

    def places(self) -> list[tuple]:
        self.facts()  # a new data version drops the gazetteer read before it
        return super().places()

    def check_point(self, lon: float, lat: float, query: str | None = None) -> dict[str, Any]:
        (x,), (y,) = points_to_metric([lon], [lat])
        if not (np.isfinite(x) and np.isfinite(y)):
            raise InputError("经纬度不是有效数字，请输入如“113.58,37.86”的坐标。")
        return self._around(shapely.Point(x, y)).check_point(lon, lat, query)

    def check_many(self, lons, lats, distances: bool = True) -> BatchResult:
        xs, ys = points_to_metric(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        ok = np.isfinite(xs) & np.isfinite(ys)
        if not ok.any():
            return LocationChecker.check_many(self._around(shapely.Point(0, 0)), lons, lats, distances)
        return self._around(shapely.multipoints(np.column_stack([xs[ok], ys[ok]]))).check_many(lons, lats, distances)

    def check_geometry(self, geom_4490: shapely.Geometry, label: str) -> dict[str, Any]:
        if geom_4490 is None or geom_4490.is_empty:
            raise InputError("红线范围为空，请检查文件内容。")
        fixed = geom_4490 if geom_4490.is_valid else shapely.make_valid(geom_4490)
        return self._around(to_metric(fixed)).check_geometry(geom_4490, label)

    _shared: dict[str, ServerChecker] = {}
    _shared_lock = threading.Lock()

    @classmethod
    def shared(cls, store: str, corpus_dir: str | Path | None = None,
               version_check_s: float = 3.0) -> ServerChecker:
        """One per store per process: it holds no layer data, only a runner, the store's facts of the current
        data version and the citations read once."""
        with cls._shared_lock:
            if store not in cls._shared:
                cls._shared[store] = cls(store, corpus_dir, version_check_s)
            return cls._shared[store]
