"""A red line against one layer version (check/overlap.py): the maintained version takes the base
version's answer for unchanged features and measures only the rest, and every figure still equals a plain
shapely overlay of the whole layer."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from fixtures.layer_db import OX, OY, metric_box, to_lonlat

from assistant.check import overlap
from assistant.check.checker import LocationChecker, near_note
from assistant.check.index import OVERLAP_NOISE_M2, LayerIndex
from assistant.check.overlap import layer_overlap


def _layer(version: str, boxes: list[tuple[str, tuple | shapely.Geometry]], layer: str = "永久基本农田") -> LayerIndex:
    geoms = np.array([b if isinstance(b, shapely.Geometry) else metric_box(b) for _, b in boxes], dtype=object)
    ids = np.array([fid for fid, _ in boxes], dtype=object)
    return LayerIndex(layer, version, ids, ids.copy(), ids.copy(), shapely.to_wkb(geoms), True,
                      feature_keys=[(fid, hash(shapely.to_wkb(g))) for fid, g in zip(ids, geoms, strict=True)],
                      geoms=geoms)


def _plain(idx: LayerIndex, red: shapely.Geometry) -> tuple[float, dict[str, float], float]:
    """The overlap, each feature's overlap and the distance by a plain overlay of the whole layer."""
    each = shapely.area(shapely.intersection(idx.geoms, red))
    union = shapely.union_all(idx.geoms)
    return (shapely.intersection(union, red).area, {idx.ids[i]: each[i] for i in np.flatnonzero(each > 0)},
            shapely.distance(union, red))


def _measure(before: LayerIndex, after: LayerIndex, red: shapely.Geometry, monkeypatch) -> tuple:
    """Both versions in check order; and how many pieces the maintained version cut with the red line."""
    shapely.prepare(red)
    before.overlaps, after.overlaps  # noqa: B018 - made with the index, not counted as cutting
    done = {id(before): layer_overlap(before, red, {})}
    cut = []
    real = shapely.intersection
    monkeypatch.setattr(overlap.shapely, "intersection", lambda a, b: cut.append(len(a)) or real(a, b))
    done[id(after)] = layer_overlap(after, red, done)
    monkeypatch.undo()
    return done[id(before)], done[id(after)], sum(cut)


def _same(found, idx: LayerIndex, red: shapely.Geometry) -> None:
    area, each, distance = _plain(idx, red)
    assert found.area == pytest.approx(area, abs=1e-6)
    assert dict(zip(idx.ids[found.hit].tolist(), found.per_feature.tolist(), strict=True)) == pytest.approx(each)
    assert found.distance == pytest.approx(0.0 if area > 0 else distance, abs=1e-6)


BEFORE = [("A", (0, 0, 1000, 1000)), ("B", (1000, 0, 2000, 1000)), ("E", (2000, 0, 3000, 1000))]
# B is redrawn, E removed, D added; A is unchanged
AFTER = [("A", (0, 0, 1000, 1000)), ("B", (1000, 0, 1600, 1000)), ("D", (2500, 0, 3000, 600))]


def test_unchanged_features_are_taken_over_and_only_the_changed_ones_are_cut(monkeypatch):
    before, after = _layer("维护前", BEFORE), _layer("维护后", AFTER)
    after.link(before)
    red = metric_box((500, 200, 2800, 800))
    base, found, cut = _measure(before, after, red, monkeypatch)
    _same(base, before, red)
    _same(found, after, red)
    assert after.ids[found.hit].tolist() == ["A", "B", "D"]
    assert cut == 2  # B and D; A's overlap comes from the base version


def test_features_overlapping_each_other_are_measured_again_and_counted_once(monkeypatch):
    before = _layer("维护前", BEFORE)
    after = _layer("维护后", [*AFTER, ("F", (0, 0, 600, 600))])  # F overlaps the unchanged A
    after.link(before)
    red = metric_box((500, 200, 2800, 800))
    _, found, cut = _measure(before, after, red, monkeypatch)
    _same(found, after, red)
    assert cut == 4  # A is measured again: its overlap with F must be counted once


def test_the_same_features_under_the_red_line_take_the_whole_answer_over(monkeypatch):
    overlapping = ("F", (0, 0, 600, 600))  # overlaps A in both versions: no feature alone can be taken over
    before, after = _layer("维护前", [*BEFORE, overlapping]), _layer("维护后", [*AFTER, overlapping])
    after.link(before)
    red = metric_box((100, 100, 900, 1500))  # only A and F, unchanged
    _, found, cut = _measure(before, after, red, monkeypatch)
    _same(found, after, red)
    assert after.ids[found.hit].tolist() == ["A", "F"]
    assert cut == 0


@pytest.mark.parametrize(("lean", "overlapping"), [(3e-8, False), (0.01, True)])
def test_neighbours_meeting_in_a_noise_sliver_do_not_count_as_overlapping(monkeypatch, lean, overlapping):
    """A redrawn neighbour whose shared edge bulges `lean` m into A over 2 m: a float-noise sliver is added up
    as if disjoint (A's overlap is taken over), a real overlap is counted once (A is measured again)."""
    n = shapely.Polygon([(OX + 1000, OY), (OX + 2000, OY), (OX + 2000, OY + 1000), (OX + 1000, OY + 1000),
                         (OX + 1000, OY + 2), (OX + 1000 - lean, OY + 1)])
    a = metric_box((0, 0, 1000, 1000))
    assert shapely.relate_pattern(a, n, "2********")  # the interiors meet, in both cases
    assert (shapely.intersection(a, n).area <= OVERLAP_NOISE_M2) != overlapping
    before = _layer("维护前", BEFORE)
    after = _layer("维护后", [("A", (0, 0, 1000, 1000)), ("N", n)])
    after.link(before)
    assert after.overlapping.tolist() == [overlapping] * 2
    red = metric_box((500, 200, 2800, 800))
    _, found, cut = _measure(before, after, red, monkeypatch)
    _same(found, after, red)
    assert cut == (2 if overlapping else 1)


@pytest.mark.parametrize(("added", "nearest"), [
    (("D", (6000, 0, 6500, 500)), "E"),   # nothing added nearer: the base distance stands
    (("G", (3300, 0, 3400, 100)), "G"),   # an added feature is nearer
])
def test_distance_when_apart_takes_the_base_over_unless_an_added_feature_is_nearer(monkeypatch, added, nearest):
    before, after = _layer("维护前", BEFORE), _layer("维护后", [*BEFORE, added])
    after.link(before)
    red = metric_box((3500, 0, 3600, 100))
    base, found, _ = _measure(before, after, red, monkeypatch)
    _same(base, before, red)
    _same(found, after, red)
    assert after.ids[found.nearest] == nearest


def test_distance_when_the_base_nearest_feature_was_removed(monkeypatch):
    before, after = _layer("维护前", BEFORE), _layer("维护后", AFTER)
    after.link(before)
    red = metric_box((3500, 2000, 3600, 2100))  # nearest before: E (removed); after: D
    base, found, _ = _measure(before, after, red, monkeypatch)
    assert before.ids[base.nearest] == "E"
    _same(found, after, red)
    assert after.ids[found.nearest] == "D"


def test_an_edge_added_within_five_metres_is_noted_although_the_base_was_far(checker):
    before = _layer("维护前", [("A", (0, 0, 1000, 1000))])
    after = _layer("维护后", [("A", (0, 0, 1000, 1000)), ("H", (2003, 0, 2500, 500))])
    after.link(before)
    red = to_lonlat(metric_box((1500, 100, 2000, 400)))  # 500 m from A, 3 m from the added H
    small = LocationChecker(checker.runner, None, ([before, after], [], checker.admin, {}))
    result = small.check_geometry(red, "红线")
    assert near_note("永久基本农田") in result["notes"]
    assert [row["distance_m"] for row in result["layers"]] == [pytest.approx(500), pytest.approx(3)]
    far = LocationChecker(checker.runner, None, ([before, _layer("维护后", [("A", (0, 0, 1000, 1000))])],
                                                 [], checker.admin, {}))
    assert near_note("永久基本农田") not in far.check_geometry(red, "红线")["notes"]


def test_cut_pieces_equal_a_plain_overlay_however_the_red_line_crosses_their_boxes(monkeypatch):
    """overlap._cut clips the red line to each piece's box before the overlay: a red line that enters a
    piece's box twice (a U), a ring with a hole, two polygons, and a collection (no clip) all give the
    plain overlay's areas, piece by piece."""
    rng = np.random.default_rng(11)
    pieces = np.array([shapely.box(x, y, x + rng.uniform(20, 80), y + rng.uniform(20, 80))
                       for x, y in rng.uniform(0, 400, (60, 2))], dtype=object)
    u_shape = shapely.Polygon([(0, 0), (500, 0), (500, 500), (330, 500), (330, 60), (170, 60), (170, 500),
                               (0, 500)])
    holed = shapely.Polygon([(30, 30), (470, 40), (460, 470), (40, 460)],
                            [[(150, 150), (350, 160), (340, 340), (160, 350)]])
    two = shapely.MultiPolygon([shapely.box(10, 10, 190, 450), shapely.box(260, 40, 480, 300)])
    mixed = shapely.GeometryCollection([holed, shapely.LineString([(0, 0), (500, 500)])])
    for red in (u_shape, holed, two, shapely.make_valid(shapely.Polygon(
            [(0, 0), (480, 490), (480, 0), (0, 480)]))):  # a bow tie, repaired into two triangles
        shapely.prepare(red)
        got = shapely.area(overlap._cut(pieces, red))
        want = shapely.area(shapely.intersection(pieces, red))
        assert np.allclose(got, want, rtol=0, atol=1e-6), np.abs(got - want).max()
        assert (want > 0).sum() > 10 and (want < shapely.area(pieces) - 1e-6).sum() > 5  # pieces really cut
    got = shapely.area(overlap._cut(pieces, mixed))  # not a polygon: overlaid whole, as before
    assert np.allclose(got, shapely.area(shapely.intersection(pieces, mixed)), rtol=0, atol=1e-6)


def test_tree_hits_and_near_equal_the_public_strtree_calls():
    """index.tree_hits / tree_near call shapely's C tree directly; the answers are those of STRtree.query,
    and a tree without the private attribute goes through the public call."""
    from assistant.check.index import tree_hits, tree_near

    rng = np.random.default_rng(5)
    boxes = np.array([shapely.box(x, y, x + 30, y + 30) for x, y in rng.uniform(0, 300, (80, 2))], dtype=object)
    tree = shapely.STRtree(boxes)

    class Public:  # the same tree seen only through its public methods
        def query(self, *args, **kwargs):
            return tree.query(*args, **kwargs)

    for x, y in rng.uniform(-20, 340, (300, 2)):
        point = shapely.points(np.array([[x, y]]))
        want = np.sort(tree.query(point, predicate="intersects")[1])
        assert np.array_equal(np.sort(tree_hits(tree, point)), want)
        assert np.array_equal(np.sort(tree_hits(Public(), point)), want)
        near = tree.query(point, predicate="dwithin", distance=5.0).size > 0
        assert tree_near(tree, point, 5.0) == near == tree_near(Public(), point, 5.0)
