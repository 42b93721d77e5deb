"""The check index persisted beside the database (data only: JSON header + numeric arrays + WKB, memory-mapped),
and the load that reads it or builds and writes it.

File `<db>.check-index`: magic, header length, a JSON header (the database file's identity, layer names,
versions, links), then 64-byte aligned arrays: per layer and version the pieces and edge chunks as WKB with
their bounding boxes and owners, feature ids/names/codes as JSON text, the version links; the changes and
the administrative outlines. Nothing in it is executed on load (no pickle): a damaged or foreign file is
refused and the index rebuilt. A full load decodes everything; a one-shot point check (`near_point`) reads
only the bounding boxes and decodes the few pieces and edges near the point.
"""

from __future__ import annotations

import json
import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from .index import (
    MAX_EDGE_VERTICES,
    MAX_PIECE_VERTICES,
    AdminIndex,
    ChangeIndex,
    Indexes,
    LayerIndex,
    load_indexes,
)
from .result import NEAR_BOUNDARY_M

if TYPE_CHECKING:
    from ..layers.sql import SqlRunner

MAGIC = b"YQCHKIX3"
FORMAT = 4
ALIGN = 64
# What reading a damaged or foreign file raises; the caller then rebuilds or asks the database instead.
DAMAGED = (KeyError, IndexError, TypeError, ValueError, shapely.errors.GEOSException)


def store_key(db_path: str | Path) -> list:
    """The database file's identity: a rebuilt or imported file (atomically replaced) gets a new key."""
    st = os.stat(db_path)
    return [FORMAT, str(Path(db_path).resolve()), st.st_ino, st.st_size, st.st_mtime_ns,
            MAX_PIECE_VERTICES, MAX_EDGE_VERTICES]


def store_path(db_path: str | Path) -> Path:
    path = Path(db_path)
    return path.with_name(path.name + ".check-index")


# ---- packing ----------------------------------------------------------------------------------------
def _wkb_pack(geoms) -> tuple[np.ndarray, np.ndarray]:
    blobs = shapely.to_wkb(np.asarray(geoms, dtype=object))
    offsets = np.zeros(len(blobs) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in blobs], out=offsets[1:])
    return np.frombuffer(b"".join(blobs), dtype=np.uint8), offsets


def _text_pack(values) -> tuple[np.ndarray, np.ndarray]:
    """Values as one JSON array text, and where each element starts and ends (a single one decodes alone)."""
    parts = [json.dumps(v, ensure_ascii=False).encode("utf-8") for v in values]
    offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum([len(p) + 1 for p in parts], out=offsets[1:])  # each element is followed by "," (or "]")
    return np.frombuffer(b"[" + b",".join(parts) + b"]" if parts else b"[]", dtype=np.uint8), offsets + 1


class _Writer:
    def __init__(self) -> None:
        self.arrays: dict[str, np.ndarray] = {}

    def add(self, name: str, array: np.ndarray | None) -> None:
        if array is not None:
            self.arrays[name] = np.ascontiguousarray(array)

    def wkb(self, name: str, geoms, bounds: bool = False) -> None:
        blob, offsets = _wkb_pack(geoms)
        self.add(f"{name}.wkb", blob)
        self.add(f"{name}.off", offsets)
        if bounds:
            self.add(f"{name}.box", shapely.bounds(np.asarray(geoms, dtype=object)).astype(np.float64))

    def text(self, name: str, values) -> None:
        blob, offsets = _text_pack(list(values))
        self.add(f"{name}.txt", blob)
        self.add(f"{name}.off", offsets)

    def write(self, path: Path, header: dict[str, Any]) -> None:
        layout, pos = {}, 0
        for name, arr in self.arrays.items():
            layout[name] = [pos, arr.dtype.str, list(arr.shape)]
            pos += -(-arr.nbytes // ALIGN) * ALIGN
        head = json.dumps({**header, "arrays": layout, "data_bytes": pos}, ensure_ascii=False).encode("utf-8")
        start = -(-(len(MAGIC) + 8 + len(head)) // ALIGN) * ALIGN
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            with tmp.open("wb") as fh:
                fh.write(MAGIC + len(head).to_bytes(8, "little") + head)
                fh.write(b"\0" * (start - fh.tell()))
                for name, arr in self.arrays.items():
                    fh.seek(start + layout[name][0])
                    fh.write(arr.tobytes())
                fh.truncate(start + pos)
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)


def write_store(path: Path, key: list, built: Indexes) -> None:
    """The whole index, written atomically; skipped (no error) where the folder is not writable."""
    layers, changes, admin, status = built
    position = {id(idx): k for k, idx in enumerate(layers)}
    w = _Writer()
    meta = []
    for k, i in enumerate(layers):
        p = f"L{k}"
        w.text(f"{p}.ids", i.ids.tolist())
        w.text(f"{p}.names", i.names.tolist())
        w.text(f"{p}.codes", i.codes.tolist())
        w.add(f"{p}.geoms.wkb", np.frombuffer(b"".join(i.geoms_wkb), dtype=np.uint8))
        w.add(f"{p}.geoms.off", np.concatenate([[0], np.cumsum([len(b) for b in i.geoms_wkb])]).astype(np.int64))
        w.wkb(f"{p}.pieces", i.pieces, bounds=True)
        w.add(f"{p}.piece_owner", i.piece_owner.astype(np.int64))
        w.wkb(f"{p}.edges", i.edges, bounds=True)
        w.add(f"{p}.edge_owner", i.edge_owner.astype(np.int64))
        w.add(f"{p}.overlaps", i.overlaps.ravel())
        w.add(f"{p}.fkeys", np.array([h for _, h in i.feature_keys], dtype=np.int64) if i.feature_keys else None)
        if i.base is not None:
            w.add(f"{p}.added_features", i.added_features)
            w.add(f"{p}.base_kept", i.base_kept)
        meta.append({"layer": i.layer, "version": i.version, "demo": bool(i.demo), "n": len(i),
                     "same_as": position.get(id(i.same_as)), "base": position.get(id(i.base))})
    for k, c in enumerate(changes):
        w.wkb(f"C{k}", c.geoms, bounds=True)
    w.wkb("admin.geoms", admin.geoms)
    w.wkb("admin.outlines", [admin.shixiaqu, admin.city])
    header = {"key": key, "status": status, "layers": meta,
              "changes": [[c.layer, c.change] for c in changes], "admin_names": admin.names.tolist()}
    w.write(path, header)


# ---- reading ----------------------------------------------------------------------------------------
class Store:
    """An opened index file: the header and its arrays as read-only views of the memory-mapped file."""

    def __init__(self, path: Path):
        with path.open("rb") as fh:
            lead = fh.read(len(MAGIC) + 8)
            if len(lead) != len(MAGIC) + 8 or lead[:len(MAGIC)] != MAGIC:
                raise ValueError("not a check index")
            size = int.from_bytes(lead[len(MAGIC):], "little")
            if size > 1 << 30:
                raise ValueError("header too large")
            self.header = json.loads(fh.read(size).decode("utf-8"))
        self.start = -(-(len(MAGIC) + 8 + size) // ALIGN) * ALIGN
        self.data = np.memmap(path, dtype=np.uint8, mode="r")
        self.layout = self.header["arrays"]
        if len(self.data) != self.start + int(self.header["data_bytes"]):
            raise ValueError("cut short or padded")

    def has(self, name: str) -> bool:
        return name in self.layout

    def array(self, name: str) -> np.ndarray:
        offset, dtype, shape = self.layout[name]
        dt = np.dtype(dtype)
        if dt.hasobject:
            raise ValueError("object arrays are not data")
        count = int(np.prod(shape, dtype=np.int64)) * dt.itemsize
        begin = self.start + int(offset)
        if begin < self.start or begin + count > len(self.data):
            raise ValueError("array outside the file")
        return self.data[begin:begin + count].view(dt).reshape(shape)

    def _slices(self, name: str, which: np.ndarray | None) -> list[bytes]:
        blob, off = self.array(f"{name}.wkb"), self.array(f"{name}.off")
        if which is None:
            raw, ends = blob.tobytes(), off.tolist()  # plain ints: indexing a memmap item by item is slow
            return [raw[a:b] for a, b in zip(ends[:-1], ends[1:], strict=True)]
        starts, stops = off[which].tolist(), off[which + 1].tolist()
        return [blob[a:b].tobytes() for a, b in zip(starts, stops, strict=True)]

    def wkb(self, name: str, which: np.ndarray | None = None) -> list[bytes]:
        return self._slices(name, which)

    def geoms(self, name: str, which: np.ndarray | None = None) -> np.ndarray:
        return np.asarray(shapely.from_wkb(self._slices(name, which)), dtype=object)

    def texts(self, name: str, which: np.ndarray | None = None) -> np.ndarray:
        blob, off = self.array(f"{name}.txt"), self.array(f"{name}.off")
        if which is None:
            values = json.loads(blob.tobytes().decode("utf-8"))
        else:
            values = [json.loads(blob[a:b - 1].tobytes().decode("utf-8"))
                      for a, b in zip(off[which].tolist(), off[which + 1].tolist(), strict=True)]
        out = np.empty(len(values), dtype=object)
        out[:] = values
        return out


def open_store(path: Path, key: list) -> Store | None:
    """The index file if it was made from this very database file, else None."""
    try:
        store = Store(path)
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    return store if store.header.get("key") == key else None


def read_store(path: Path, key: list) -> Indexes | None:
    """The whole persisted index, or None (missing, from another database file, or damaged)."""
    store = open_store(path, key)
    if store is None:
        return None
    try:
        return _load_all(store)
    except DAMAGED:
        return None


def _load_all(store: Store) -> Indexes:
    h = store.header
    layers: list[LayerIndex] = []
    for k, m in enumerate(h["layers"]):
        p = f"L{k}"
        parts = (store.geoms(f"{p}.pieces"), np.array(store.array(f"{p}.piece_owner")),
                 store.geoms(f"{p}.edges"), np.array(store.array(f"{p}.edge_owner")))
        fkeys = store.array(f"{p}.fkeys").tolist() if store.has(f"{p}.fkeys") else []
        ids = store.texts(f"{p}.ids")
        idx = LayerIndex(m["layer"], m["version"], ids, store.texts(f"{p}.names"), store.texts(f"{p}.codes"),
                         partial(store.wkb, f"{p}.geoms"), m["demo"], feature_keys=list(zip(ids.tolist(), fkeys, strict=True))
                         if fkeys else None, parts=parts,
                         overlaps=np.array(store.array(f"{p}.overlaps"), dtype=np.int64).reshape(-1, 2))
        if m["same_as"] is not None:
            idx.same_as = layers[m["same_as"]]
        if m["base"] is not None:
            idx.link(layers[m["base"]], np.array(store.array(f"{p}.added_features")),
                     np.array(store.array(f"{p}.base_kept")))
        layers.append(idx)
    changes = [ChangeIndex(layer, change, store.geoms(f"C{k}")) for k, (layer, change) in enumerate(h["changes"])]
    shixiaqu, city = store.geoms("admin.outlines")
    names = np.empty(len(h["admin_names"]), dtype=object)
    names[:] = h["admin_names"]
    admin = AdminIndex(names, store.geoms("admin.geoms"), shixiaqu, city)
    return layers, changes, admin, h["status"]


# ---- one point --------------------------------------------------------------------------------------
def _lower_bound(box: np.ndarray, x: float, y: float) -> np.ndarray:
    """Least possible distance from (x, y) to anything inside each bounding box."""
    dx = np.maximum(np.maximum(box[:, 0] - x, x - box[:, 2]), 0.0)
    dy = np.maximum(np.maximum(box[:, 1] - y, y - box[:, 3]), 0.0)
    return np.hypot(dx, dy)


SEARCH_M = (500.0, 4000.0, 32000.0)


def _near_edges(store: Store, name: str, x: float, y: float, point: shapely.Point) -> np.ndarray:
    """Every edge chunk that can be the nearest to (x, y) or lies within the 5-metre band, found in ever
    wider squares (plain comparisons over the boxes), then exactly by each box's least distance."""
    box = store.array(f"{name}.box")
    for radius in (*SEARCH_M, None):
        if radius is None:
            rows = np.arange(len(box))
        else:
            rows = np.flatnonzero((box[:, 0] <= x + radius) & (box[:, 2] >= x - radius)
                                  & (box[:, 1] <= y + radius) & (box[:, 3] >= y - radius))
        if not rows.size:
            continue
        lb = _lower_bound(box[rows], x, y)
        first = rows[np.argpartition(lb, 7)[:8]] if len(lb) > 8 else rows
        best = float(shapely.distance(store.geoms(name, first), point).min())
        reach = max(best, NEAR_BOUNDARY_M)
        if radius is None or reach < radius:
            # anything nearer than `reach` has its box inside this square; a box's bound can exceed the
            # exact distance by rounding (an edge lying on its own box): a margin
            return rows[lb <= reach * (1 + 1e-9) + 1e-6]
    return np.empty(0, dtype=np.int64)


def near_point(store: Store, x: float, y: float) -> Indexes:
    """Indexes holding only what answers a check of the point (x, y) (EPSG:4526): in each layer and version
    the pieces whose box holds it, and every edge chunk that can be its nearest or within the 5-metre band.
    Only bounding boxes are read whole; a check of this point against them equals the full index's."""
    h = store.header
    point = shapely.Point(x, y)
    layers: list[LayerIndex] = []
    for k, m in enumerate(h["layers"]):
        p = f"L{k}"
        pbox = store.array(f"{p}.pieces.box")
        pieces = np.flatnonzero((pbox[:, 0] <= x) & (pbox[:, 2] >= x) & (pbox[:, 1] <= y) & (pbox[:, 3] >= y))
        edges = _near_edges(store, f"{p}.edges", x, y, point)
        piece_owner = store.array(f"{p}.piece_owner")[pieces]
        edge_owner = store.array(f"{p}.edge_owner")[edges]
        feats = np.unique(np.concatenate([piece_owner, edge_owner]))
        parts = (store.geoms(f"{p}.pieces", pieces), np.searchsorted(feats, piece_owner),
                 store.geoms(f"{p}.edges", edges), np.searchsorted(feats, edge_owner))
        layers.append(LayerIndex(m["layer"], m["version"], store.texts(f"{p}.ids", feats),
                                 store.texts(f"{p}.names", feats), store.texts(f"{p}.codes", feats),
                                 store.wkb(f"{p}.geoms", feats), m["demo"], parts=parts))
    changes = []
    for k, (layer, change) in enumerate(h["changes"]):
        box = store.array(f"C{k}.box")
        near = np.flatnonzero((box[:, 0] <= x) & (box[:, 2] >= x) & (box[:, 1] <= y) & (box[:, 3] >= y))
        if near.size:
            changes.append(ChangeIndex(layer, change, store.geoms(f"C{k}", near)))
    shixiaqu, city = store.geoms("admin.outlines")
    names = np.empty(len(h["admin_names"]), dtype=object)
    names[:] = h["admin_names"]
    return layers, changes, AdminIndex(names, store.geoms("admin.geoms"), shixiaqu, city), h["status"]


def open_runner(db_path: str | Path, timeout_s: float = 300) -> SqlRunner:
    """The database, opened only when needed: a one-shot point answered from the persisted index never
    imports DuckDB."""
    from ..layers.sql import SqlRunner

    return SqlRunner(db_path, timeout_s=timeout_s, max_rows=10**9)


def load_persisted(db_path: str | Path) -> Indexes:
    """The whole index from the file beside the database when it was made from this very file, else built
    from the database and written there for the next process."""
    if not Path(db_path).is_file():
        open_runner(db_path)  # says in Chinese that the database is missing
    path, key = store_path(db_path), store_key(db_path)
    found = read_store(path, key)
    if found is None:
        found = load_indexes(open_runner(db_path, timeout_s=3600))
        write_store(path, key, found)
    return found


def persist_index(db_path: str | Path) -> Path:
    """Build the check index of a database file and write it beside the file (after build/import)."""
    load_persisted(db_path)
    return store_path(db_path)
