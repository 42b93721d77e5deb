"""Batch results as output rows, built column-wise: JSON text per point and flat table rows."""

from __future__ import annotations

import json
import re
from functools import partial
from itertools import repeat
from json.encoder import encode_basestring  # the C string encoder json.dumps(ensure_ascii=False) uses
from typing import Any

import numpy as np
from numpy.dtypes import StringDType

from .batch import BatchResult
from .result import DEMO_NOTE, FEATURE_LIMIT_NOTE, MAX_FEATURES, near_note, out_of_scope_note

YES, NO = "是", "否"
dumps = partial(json.dumps, ensure_ascii=False)
_NULL_AREAS = ', "overlap_m2": null, "overlap_ha": null, "overlap_mu": null, "share": null, "distance_m": '


def _slices(b: BatchResult, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per point: where its hits start in layer k's sorted (point, feature) pairs, and how many there are."""
    members, tree_idx = b.hits[k]
    return np.searchsorted(members, np.arange(len(b))), np.bincount(members, minlength=len(b)), tree_idx


# ".0", ".01" ... ".99" as repr() ends a number of cents (trailing zeros dropped, one digit kept)
_CENTS = np.array([".0", *((f".{c:02d}").rstrip("0") for c in range(1, 100))], dtype=StringDType())


def _cent_texts(values: np.ndarray, prefix: str = "") -> list[str]:
    """`repr(round(v, 2))` for every v ≥ 0, as json.dumps writes it, from whole cents in C.

    Python rounds the exact binary value; `rint(v * 100)` agrees except where v * 100 lies within its
    rounding error of a half cent (or is huge or not finite): those few take Python's round itself.
    """
    scaled = values * 100.0
    risky = ~np.isfinite(scaled) | (scaled >= 1e15) | (scaled < 0) \
        | (np.abs(scaled - np.floor(scaled) - 0.5) <= 1e-15 * np.abs(scaled) + 1e-300)
    cents = np.where(risky, 0.0, np.rint(scaled)).astype(np.int64)
    whole = (cents // 100).astype(StringDType())
    if prefix:
        whole = np.strings.add(prefix, whole)
    out = np.strings.add(whole, _CENTS[cents % 100]).tolist()
    for i in np.flatnonzero(risky).tolist():
        out[i] = prefix + dumps(round(float(values[i]), 2))
    return out


def _row_groups(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(keys, axis=0, return_inverse=True), sorting one 64-bit hash per row instead of whole rows
    (rows are checked against their group's first row; a hash collision falls back to the full sort)."""
    mixed = np.zeros(len(keys), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in keys.T.astype(np.uint64):
            mixed = (mixed ^ column) * np.uint64(0x100000001B3) + np.uint64(0x9E3779B97F4A7C15)
    _, first, which = np.unique(mixed, return_index=True, return_inverse=True)
    which = np.ravel(which)
    if not (keys == keys[first[which]]).all():
        combos, which = _row_groups(keys)
        return combos, np.ravel(which)
    return keys[first], which


def point_json(b: BatchResult, pre_notes: list[tuple[str, ...]], ids: list[str] | None = None,
               end: str = "") -> list[str | None]:
    """`json.dumps(row(i)) + end` for every point (with `"id"` first when ids are given), built column-wise
    without the dicts; None where row(i) must do it (an invalid coordinate, or the plan text failed to load).

    Each layer is three text columns (head with the inside flag, distance, features); notes, changes and
    citations depend on a few small per-point codes and are built once per distinct combination.
    tests/check pins the equality with `row(i)`.
    """
    checker, layers, n = b.checker, b.checker.layers, len(b)
    rows: list[str | None] = [None] * n
    first = ['{"id": ' + encode_basestring(x) + ", " for x in ids] if ids is not None else ["{"] * n
    out = np.flatnonzero(b.valid & ~b.in_scope)
    for i in out.tolist():
        lon, lat = float(b.lons[i]), float(b.lats[i])
        rows[i] = first[i] + dumps({
            "query": f"{lon:.6f},{lat:.6f}", "location": {"lon": round(lon, 6), "lat": round(lat, 6),
                                                         "district": b.district[i]},
            "in_scope": False, "layers": [], "changes": [], "citations": [], "demo_data": False,
            "notes": [*pre_notes[i], out_of_scope_note(b.district[i])]})[1:] + end
    todo = np.flatnonzero(b.in_scope)
    if not todo.size:
        return rows
    m = todo.size
    demo = any(idx.demo for idx in layers)
    lons, lats = b.lons[todo].tolist(), b.lats[todo].tolist()
    district = np.array([encode_basestring(d) if d else "null" for d in b.district[todo]], dtype=object)
    columns: list[list[str]] = [[
        f'{first[i]}"query": "{lon:.6f},{lat:.6f}", "location": {{"lon": {round(lon, 6)!r}, '
        f'"lat": {round(lat, 6)!r}, "district": {d}}}, "in_scope": true, "layers": ['
        for i, lon, lat, d in zip(todo.tolist(), lons, lats, district.tolist(), strict=True)]]
    # Per point and layer, a code for what it adds to notes and citations: 0 outside, else one per name list.
    codes = np.zeros((m, 2 * len(layers)), dtype=np.int64)
    code_names: list[dict[int, tuple]] = []
    done: dict[int, tuple] = {}
    for k, idx in enumerate(layers):
        starts, counts, tree_idx = _slices(b, k)
        starts, counts = starts[todo], counts[todo]
        inside = b.inside[k][todo]
        codes[:, len(layers) + k] = b.near[k][todo]
        sep = ", " if k else ""
        head = sep + dumps({"layer": idx.layer, "version": idx.version})[:-1] + ', "inside": '
        heads = np.where(inside, head + "true" + _NULL_AREAS, head + "false" + _NULL_AREAS)
        twin = id(idx.same_as) if idx.same_as is not None else id(idx)
        if not b.distances:
            dist = ["null"] * m
        elif twin in done:
            dist = done[twin]
        else:
            dist = done[twin] = _cent_texts(np.where(inside, 0.0, b.distance[k][todo]))
        feats = np.full(m, ', "features": []}', dtype=object)
        single = np.flatnonzero(inside & (counts == 1))
        known: dict[tuple, int] = {}  # (names shown..., count when over the limit else 0) -> code
        if single.size:
            hit, where = np.unique(tree_idx[starts[single]], return_inverse=True)
            feats[single] = np.array([f', "features": [{_feature(idx, j)}]}}' for j in hit.tolist()],
                                     dtype=object)[where]
            codes[single, k] = np.array([known.setdefault((name, 0), len(known) + 1)
                                         for name in idx.names[hit].tolist()], dtype=np.int64)[where]
        for p in np.flatnonzero(inside & (counts > 1)).tolist():
            many = tree_idx[starts[p]:starts[p] + counts[p]]
            shown = many[:MAX_FEATURES].tolist()
            feats[p] = ', "features": [' + ", ".join(_feature(idx, j) for j in shown) + "]}"
            key = (*idx.names[shown].tolist(), many.size if many.size > MAX_FEATURES else 0)
            codes[p, k] = known.setdefault(key, len(known) + 1)
        code_names.append({c: key for key, c in known.items()})
        columns += [heads.tolist(), dist, feats.tolist()]
    change_names = [dumps({"layer": ch.layer, "change": ch.change, "overlap_m2": 0.0}) for ch, _ in b.change_flags]
    pre_known: dict[tuple, int] = {}
    pre_code = np.array([pre_known.setdefault(pre_notes[i], len(pre_known)) for i in todo.tolist()], dtype=np.int64)
    pre_ids = list(pre_known)
    keys = np.column_stack([codes, pre_code, *(flag[todo] for _, flag in b.change_flags)])
    combos, which = _row_groups(keys)
    tails: list[str | None] = []
    for combo in combos.tolist():
        hit_names: list[str] = []
        notes = list(pre_ids[combo[2 * len(layers)]])
        for k, idx in enumerate(layers):
            if combo[k]:
                *shown, count = code_names[k][combo[k]]
                hit_names += [idx.layer, *shown]
                if count:
                    notes.append(FEATURE_LIMIT_NOTE.format(layer=idx.layer, version=idx.version, n=count,
                                                           limit=MAX_FEATURES))
            if combo[len(layers) + k] and near_note(idx.layer) not in notes:
                notes.append(near_note(idx.layer))
        cites, problem = checker.citations(tuple(x for x in dict.fromkeys(hit_names) if x))
        if problem:
            tails.append(None)  # the plan text failed to load: row(i) says so in its notes
            continue
        if demo and DEMO_NOTE not in notes:
            notes.append(DEMO_NOTE)
        flags = combo[2 * len(layers) + 1:]
        changes = ", ".join(t for t, on in zip(change_names, flags, strict=True) if on)
        tails.append(f'], "changes": [{changes}], "citations": {dumps(cites)}, "demo_data": '
                     f'{"true" if demo else "false"}, "notes": {dumps(notes)}}}{end}')
    columns.append([tails[w] for w in which.tolist()])
    for i, parts in zip(todo.tolist(), zip(*columns, strict=True), strict=True):
        if parts[-1] is not None:
            rows[i] = "".join(parts)
    return rows


def _feature(idx, j: int) -> str:
    return dumps({"feature_id": idx.ids[j], "name": idx.names[j], "code": idx.codes[j]})


def table_columns(layers, distances: bool = True) -> list[str]:
    cols = ["id", "lon", "lat", "district", "in_scope"]
    for idx in layers:
        cols.append(f"{idx.layer}_{idx.version}_是否位于")
        if distances:
            cols.append(f"{idx.layer}_{idx.version}_距离米")
    return [*cols, "changes", "notes", "error"]


def row_from_result(row_id: str, r: dict[str, Any], layers, distances: bool = True) -> list[Any]:
    """A flat table row from a full result dict (parcels)."""
    cells = [row_id, r["location"]["lon"], r["location"]["lat"], r["location"]["district"] or "",
             YES if r["in_scope"] else NO]
    by_key = {(x["layer"], x["version"]): x for x in r["layers"]}
    for idx in layers:
        x = by_key.get((idx.layer, idx.version))
        if x is None:
            cells += ["", ""] if distances else [""]
        else:
            cells += [YES if x["inside"] else NO, x["distance_m"]] if distances else [YES if x["inside"] else NO]
    changes = "；".join(f"{c['layer']}{c['change']}" for c in r["changes"])
    return [*cells, changes, "；".join(r["notes"]), ""]


def point_table_rows(b: BatchResult) -> list[tuple[list[Any], str]]:
    """Per point: (cells from lon to changes, notes), built from whole columns at once."""
    layers = b.checker.layers
    columns: list[list[Any]] = [np.round(b.lons, 6).tolist(), np.round(b.lats, 6).tolist(),
                                [d or "" for d in b.district], np.where(b.in_scope, YES, NO).tolist()]
    for k in range(len(layers)):
        columns.append(np.where(b.inside[k], YES, NO).tolist())
        if b.distances:
            columns.append(list(map(round, np.where(b.inside[k], 0.0, b.distance[k]).tolist(), repeat(2))))
    columns.append(_change_texts(b))
    notes = _near_notes(b)
    demo = any(idx.demo for idx in layers)
    width = len(columns) - 5  # the per-layer cells
    blank = [""] * width
    rows = []
    for i, cells in enumerate(zip(*columns, strict=True)):
        cells = list(cells)
        if not b.in_scope[i]:
            cells[4:4 + width] = blank
            rows.append((cells, out_of_scope_note(cells[2] or None)))
        else:
            rows.append((cells, "；".join([*notes[i], DEMO_NOTE] if demo else notes[i])))
    return rows


def _change_texts(b: BatchResult) -> list[str]:
    """Per point: the layers' changes it falls in ("永久基本农田调入；…"), in the order of b.change_flags."""
    changes = [""] * len(b)
    for ch, flag in b.change_flags:
        for i in np.flatnonzero(flag).tolist():
            changes[i] = f"{changes[i]}；{ch.layer}{ch.change}" if changes[i] else f"{ch.layer}{ch.change}"
    return changes


def _near_notes(b: BatchResult) -> list[list[str]]:
    """Per point: the near-boundary note of each layer it is near, once each."""
    notes: list[list[str]] = [[] for _ in range(len(b))]
    for k, idx in enumerate(b.checker.layers):
        note = near_note(idx.layer)
        for i in np.flatnonzero(b.near[k]).tolist():
            if note not in notes[i]:
                notes[i].append(note)
    return notes


_NEEDS_QUOTES = re.compile('[,"\r\n]').search


def csv_cell(text: str) -> str:
    """One CSV cell as the csv module writes it (minimal quoting, "" inside quotes)."""
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES(text) else text


def point_csv(b: BatchResult) -> tuple[list[str], list[str]]:
    """Per point: the CSV text of its cells from lon to changes, and its notes (unquoted), built from whole
    columns; the same cells as point_table_rows written by the csv module (distances as row(i) rounds them)."""
    layers = b.checker.layers
    district = [csv_cell(d) if d else "" for d in b.district.tolist()]
    columns: list[list[str]] = [list(map(repr, np.round(b.lons, 6).tolist())),
                                list(map(repr, np.round(b.lats, 6).tolist())), district,
                                np.where(b.in_scope, ",是", ",否").tolist()]
    columns[1] = [f",{t}," for t in columns[1]]
    done: dict[int, list[str]] = {}
    for k, idx in enumerate(layers):
        columns.append(np.where(b.inside[k], ",是", ",否").tolist())
        if b.distances:
            twin = id(idx.same_as) if idx.same_as is not None else id(idx)
            if twin not in done:
                done[twin] = _cent_texts(np.where(b.inside[k], 0.0, b.distance[k]), ",")
            columns.append(done[twin])
    columns.append(["," + csv_cell(c) for c in _change_texts(b)])
    notes = _near_notes(b)
    demo = any(idx.demo for idx in layers)
    texts = list(map("".join, zip(*columns, strict=True)))
    blank = "," * (len(layers) * (2 if b.distances else 1))
    out_notes = ["；".join([*x, DEMO_NOTE]) if demo else "；".join(x) for x in notes]
    for i in np.flatnonzero(~b.in_scope).tolist():
        texts[i] = f"{columns[0][i]}{columns[1][i]}{district[i]},否{blank}{columns[-1][i]}"
        out_notes[i] = out_of_scope_note(b.district[i])
    return texts, out_notes
