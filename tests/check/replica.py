"""One app replica for tests/check/test_replicas.py: long-lived caches on a PostGIS store, asked over stdin.

Each input line "lon lat" prints one JSON line: the data version the replica sees, the 城市绿线 features
at that point from its checker (the in-memory one, or with backend "server" the one that asks PostGIS per
check, YQPLAN_CHECK_BACKEND=server), and the 城市绿线 source from its map view's layer status.
"""

from __future__ import annotations

import json
import sys

from assistant.check.checker import get_checker
from assistant.check.server import ServerChecker
from assistant.maps.mapview import MapView


def main(url: str, admin_geojson: str, backend: str) -> None:
    view = MapView(url, admin_geojson, version_check_s=0.2)
    for line in sys.stdin:
        lon, lat = map(float, line.split())
        if backend == "server":
            checker = ServerChecker.shared(url, version_check_s=0.2)
        else:
            checker = get_checker(url, version_check_s=0.2)
        result = checker.check_point(lon, lat)
        green = sorted({f["feature_id"] for r in result["layers"] if r["layer"] == "城市绿线" for f in r["features"]})
        status = {r["layer"]: r["source"] for r in view.layer_status()}
        print(json.dumps({"version": view.data_version(), "green": green, "source": status.get("城市绿线")},
                         ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
