"""Batch results as output rows, built column-wise: JSON text per point and flat table rows."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

import numpy as np

from .batch import BatchResult
from .result import DEMO_NOTE, MAX_FEATURES, near_note, out_of_scope_note

YES, NO = "是", "否"
dumps = partial(json.dumps, ensure_ascii=False)
_NULL_AREAS = ', "overlap_m2": null, "overlap_ha": null, "overlap_mu": null, "share": null, "distance_m": '


def _slices(b: BatchResult, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per point: where its hits start in layer k's sorted (point, feature) pairs, and how many there are."""
    members, tree_idx = b.hits[k]
    return np.searchsorted(members, np.arange(len(b))), np.bincount(members, minlength=len(b)), tree_idx


def point_json(b: BatchResult, pre_notes: list[tuple[str, ...]]) -> list[str | None]:
    """`json.dumps(row(i))` for every point, without building the dicts; None where row(i) must do it.

    Plain points (in scope, no 5-metre or feature-limit note) are the bulk of a batch and are assembled
    from per-layer text fragments; the rest (None) go through `row(i)`. tests/check pins the equality.
    """
    checker, layers, n = b.checker, b.checker.layers, len(b)
    plain = b.in_scope.copy()
    slices = [_slices(b, k) for k in range(len(layers))]
    for k in range(len(layers)):
        plain &= ~b.near[k] & (slices[k][1] <= MAX_FEATURES)
    rows: list[str | None] = [None] * n
    todo = np.flatnonzero(plain)
    if not todo.size:
        return rows
    demo = any(idx.demo for idx in layers)
    names: list[list] = [[] for _ in todo]
    columns: list[list[str]] = []
    for k, idx in enumerate(layers):
        starts, counts, tree_idx = slices[k]
        head = dumps({"layer": idx.layer, "version": idx.version})[:-1] + ', "inside": '
        inside = b.inside[k][todo]
        if b.distances:
            dist = np.where(inside, 0.0, np.round(b.distance[k][todo], 2)).tolist()
        else:
            dist = [None] * len(todo)
        out_text = head + "false" + _NULL_AREAS
        column = [out_text + ("null" if d is None else repr(d)) + ', "features": []}' for d in dist]
        feature_text: dict[int, str] = {}
        for p in np.flatnonzero(inside).tolist():
            i = todo[p]
            hit = tree_idx[starts[i]:starts[i] + counts[i]].tolist()
            parts = []
            for j in hit:
                text = feature_text.get(j)
                if text is None:
                    text = feature_text[j] = dumps({"feature_id": idx.ids[j], "name": idx.names[j],
                                                    "code": idx.codes[j]})
                parts.append(text)
            names[p] += [idx.layer, *idx.names[hit]]
            d = "null" if dist[p] is None else repr(dist[p])
            column[p] = f'{head}true{_NULL_AREAS}{d}, "features": [{", ".join(parts)}]}}'
        columns.append(column)
    change_names = [dumps({"layer": ch.layer, "change": ch.change, "overlap_m2": 0.0}) for ch, _ in b.change_flags]
    change_flags = np.column_stack([flag[todo] for _, flag in b.change_flags]) if b.change_flags else None
    cite_text: dict[tuple, str | None] = {}
    for p, i in enumerate(todo.tolist()):
        wanted = tuple(x for x in dict.fromkeys(names[p]) if x)
        if wanted not in cite_text:
            cites, problem = checker.citations(wanted)
            cite_text[wanted] = None if problem else dumps(cites)
        cites = cite_text[wanted]
        if cites is None:
            continue  # the plan text failed to load: row(i) says so in its notes
        lon, lat = float(b.lons[i]), float(b.lats[i])
        notes = [*pre_notes[i], DEMO_NOTE] if demo else list(pre_notes[i])
        changes = ", ".join(t for t, on in zip(change_names, change_flags[p], strict=True) if on) \
            if change_flags is not None else ""
        rows[i] = "".join((
            '{"query": ', dumps(f"{lon:.6f},{lat:.6f}"), ', "location": ',
            dumps({"lon": round(lon, 6), "lat": round(lat, 6), "district": b.district[i]}),
            ', "in_scope": true, "layers": [', ", ".join(col[p] for col in columns), '], "changes": [', changes,
            '], "citations": ', cites, ', "demo_data": ', "true" if demo else "false", ', "notes": ', dumps(notes),
            "}"))
    return rows


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
            columns.append(np.where(b.inside[k], 0.0, np.round(b.distance[k], 2)).tolist())
    changes = [""] * len(b)
    for ch, flag in b.change_flags:
        for i in np.flatnonzero(flag).tolist():
            changes[i] = f"{changes[i]}；{ch.layer}{ch.change}" if changes[i] else f"{ch.layer}{ch.change}"
    columns.append(changes)
    notes: list[list[str]] = [[] for _ in range(len(b))]
    for k, idx in enumerate(layers):
        note = near_note(idx.layer)
        for i in np.flatnonzero(b.near[k]).tolist():
            if note not in notes[i]:
                notes[i].append(note)
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
