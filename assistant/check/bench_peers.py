"""The peers `yqplan bench` compares with, each written the way its own docs recommend.

Run as a whole process: `python -m assistant.check.bench_peers PEER DB POINTS.csv OUT` (for
`duckdb_point`, "lon,lat" instead of the CSV: a one-shot membership query for one point).
- `sjoin`: one `gpd.sjoin(points, all_layers, predicate="within")` (tree on the layers, points prepared).
- `strtree`: a plain shapely STRtree on the points, queried with each prepared feature (`intersects`).
- `duckdb`: DuckDB's SPATIAL_JOIN (`ST_Intersects` join of the CSV points with the layer features).
- `postgis`: the same membership on a PostGIS store (DB is its URL): the CSV's points COPYed into a temp
  table with a GiST index, one spatial join (`yqplan bench --db-url`).
- `geopandas`: the project's full output — inside + nearest distance per layer and version — with one
  `sjoin(within)` and one `sjoin_nearest` per distinct layer (a version identical to the other is reused).
Every peer writes its result (CSV, or JSON of memberships) so its process does all a user would wait for.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from ..geo import METRIC_CRS, STORAGE_CRS

PEERS = ("sjoin", "strtree", "duckdb", "geopandas", "duckdb_point", "postgis")
SCOPE_LAYER = "市辖区"


def read_points(path: str | Path):
    """The points CSV (id,lon,lat) as a DataFrame."""
    import pandas as pd

    return pd.read_csv(path, dtype={"id": str, "lon": float, "lat": float})


def read_layers(db_path: str | Path, layers: list[str]):
    """The checked layers as one GeoDataFrame in metres (layer, version, feature_id, geometry), and 市辖区."""
    import geopandas as gpd

    from ..layers.sql import SqlRunner

    runner = SqlRunner(db_path, timeout_s=600, max_rows=10**9)
    rows = runner.run("check_layer_features").rows
    frame = gpd.GeoDataFrame(
        {"layer": [r[0] for r in rows], "version": [r[1] for r in rows], "feature_id": [r[2] for r in rows]},
        geometry=gpd.GeoSeries.from_wkb([bytes(r[6]) for r in rows], crs=STORAGE_CRS)).to_crs(METRIC_CRS)
    scope = frame.loc[frame["layer"] == SCOPE_LAYER].union_all()
    frame = frame.loc[frame["layer"].isin(layers)].reset_index(drop=True)
    raw = {}
    for r in rows:
        if r[0] in layers:
            raw.setdefault((r[0], r[1]), []).append((r[2], bytes(r[6])))
    return frame, scope, raw


def points_frame(points, scope):
    import geopandas as gpd

    frame = gpd.GeoDataFrame({"id": points["id"]}, geometry=gpd.points_from_xy(points["lon"], points["lat"]),
                             crs=STORAGE_CRS).to_crs(METRIC_CRS)
    return frame, frame.within(scope).to_numpy()


def sjoin_membership(pts, layers) -> dict[tuple[str, str], np.ndarray]:
    """(layer, version) -> sorted positions of the points inside, by one sjoin over all layers."""
    import geopandas as gpd

    joined = gpd.sjoin(pts, layers, predicate="within", how="inner")
    pos = joined.index.to_numpy()
    return {(layer, version): np.unique(pos[(joined["layer"] == layer).to_numpy()
                                            & (joined["version"] == version).to_numpy()])
            for layer, version in layers[["layer", "version"]].drop_duplicates().itertuples(index=False)}


def strtree_membership(pts, layers) -> dict[tuple[str, str], np.ndarray]:
    """The same with a plain shapely STRtree over the points, each feature prepared as the query."""
    import shapely

    tree = shapely.STRtree(pts.geometry.to_numpy())
    feat, pt = tree.query(layers.geometry.to_numpy(), predicate="intersects")
    keys = (layers["layer"] + "\t" + layers["version"]).to_numpy()[feat]
    out = {}
    for key in np.unique(keys):
        layer, version = key.split("\t")
        out[(layer, version)] = np.unique(pt[keys == key])
    return out


def duckdb_membership(db_path: str | Path, csv_path: str | Path) -> dict[tuple[str, str], np.ndarray]:
    from ..layers.sql import SqlRunner

    runner = SqlRunner(db_path, timeout_s=600, max_rows=10**6)
    rows = runner.run("bench_duckdb_membership", csv=str(csv_path)).rows
    return {(layer, version): np.asarray(inside, dtype=np.int64) for layer, version, inside in rows}


def server_membership(url: str, lons, lats) -> dict[tuple[str, str], np.ndarray]:
    """The same membership pushed to a PostGIS store: COPY into a temp table, GiST, one spatial join."""
    from ..layers.sql import SqlRunner

    runner = SqlRunner(url, timeout_s=600, max_rows=10**6)
    rows = runner.run_with_points("batch_points_membership", lons, lats).rows
    return {(layer, version): np.asarray(inside, dtype=np.int64) for layer, version, inside in rows}


def read_lonlat(csv_path: str | Path) -> tuple[list[float], list[float]]:
    """The points CSV's lon and lat columns, with the standard csv module (no pandas start-up)."""
    import csv

    with open(csv_path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [float(r["lon"]) for r in rows], [float(r["lat"]) for r in rows]


def geopandas_full(pts, in_scope: np.ndarray, layers, raw: dict, order: list[tuple[str, str]]):
    """The project's full output: per layer and version, inside (是/否) and nearest distance in metres."""
    import geopandas as gpd
    import pandas as pd

    scoped = pts.loc[in_scope]
    joined = gpd.sjoin(scoped, layers, predicate="within", how="inner")
    columns: dict[str, np.ndarray] = {"id": pts["id"].to_numpy()}
    done: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
    for key in order:
        layer, version = key
        twin = next((k for k in done if k[0] == layer and sorted(raw[k]) == sorted(raw[key])), None)
        if twin is not None:
            inside, dist = done[twin]
        else:
            hit = joined.index[(joined["layer"] == layer).to_numpy() & (joined["version"] == version).to_numpy()]
            inside = np.zeros(len(pts), dtype=bool)
            inside[np.unique(hit.to_numpy())] = True
            outside = scoped.loc[~inside[scoped.index.to_numpy()]]
            dist = np.where(inside, 0.0, np.nan)
            feats = layers.loc[(layers["layer"] == layer) & (layers["version"] == version), ["geometry"]]
            if len(outside) and len(feats):
                near = gpd.sjoin_nearest(outside[["geometry"]], feats, distance_col="d")
                d = near.groupby(level=0)["d"].min()
                dist[d.index.to_numpy()] = d.to_numpy()
        done[key] = inside, dist
        columns[f"{layer}_{version}_是否位于"] = np.where(in_scope, np.where(inside, "是", "否"), "")
        columns[f"{layer}_{version}_距离米"] = np.where(in_scope, np.round(dist, 2), np.nan)
    return pd.DataFrame(columns), done


def layer_order() -> list[tuple[str, str]]:
    from ..plan.vocabulary import CHECK_LAYERS, VERSIONS

    return [(layer, version) for layer in CHECK_LAYERS for version in VERSIONS]


def run_peer(peer: str, db_path: str, csv_path: str, out: str) -> None:
    """One peer end to end: read the points and layers, compute, write the output file."""
    from ..plan.vocabulary import CHECK_LAYERS

    if peer == "duckdb_point":
        from ..layers.sql import SqlRunner

        lon, lat = (float(v) for v in csv_path.split(","))
        # Same footing as `yqplan check --point`: DuckDB 1.5 would import pandas to read the parameters.
        sys.modules.setdefault("pandas", None)  # type: ignore[arg-type]
        rows = SqlRunner(db_path).run("bench_duckdb_point", lon=lon, lat=lat).rows
        Path(out).write_text(json.dumps(rows, ensure_ascii=False))
        return
    if peer in ("duckdb", "postgis"):
        found = duckdb_membership(db_path, csv_path) if peer == "duckdb" else \
            server_membership(db_path, *read_lonlat(csv_path))
        Path(out).write_text(json.dumps({f"{k[0]}\t{k[1]}": v.tolist() for k, v in found.items()}))
        return
    points = read_points(csv_path)
    layers, scope, raw = read_layers(db_path, list(CHECK_LAYERS))
    pts, in_scope = points_frame(points, scope)
    if peer == "geopandas":
        table, _ = geopandas_full(pts, in_scope, layers, raw, [k for k in layer_order() if k in raw])
        table.to_csv(out, index=False, encoding="utf-8-sig")
        return
    found = (sjoin_membership if peer == "sjoin" else strtree_membership)(pts, layers)
    Path(out).write_text(json.dumps({f"{k[0]}\t{k[1]}": v.tolist() for k, v in found.items()}))


if __name__ == "__main__":
    run_peer(*sys.argv[1:5])
