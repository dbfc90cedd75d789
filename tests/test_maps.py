"""Unit tests for the map: TopoJSON decoding, clipping, simplifying (scripts/map_geometry.py), loading and the choropleth."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from asian_nato.report import maps

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import map_geometry as geo  # noqa: E402


@pytest.fixture
def topology() -> dict:
    """Two unit-ish squares sharing an edge, quantised: A = [0,2]x[0,2], B = [2,4]x[0,2] after the transform.

    Quantised grid (before scale 2, translate (0, 0)): A spans x 0..1, B spans x 1..2.
    Arc 0: the shared edge, from (1,0) up to (1,1).
    Arc 1: A's outer edge, (1,1) -> (0,1) -> (0,0) -> (1,0).
    Arc 2: B's outer edge, (1,0) -> (2,0) -> (2,1) -> (1,1).
    Positions are delta-encoded.
    """
    return {
        "type": "Topology",
        "transform": {"scale": [2, 2], "translate": [0, 0]},
        "arcs": [
            [[1, 0], [0, 1]],
            [[1, 1], [-1, 0], [0, -1], [1, 0]],
            [[1, 0], [1, 0], [0, 1], [-1, 0]],
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": "001", "properties": {"name": "A"}, "arcs": [[0, 1]]},
                    {"type": "MultiPolygon", "id": "002", "properties": {"name": "B"}, "arcs": [[[2, ~0]]]},
                    {"type": "Polygon", "properties": {"name": "no id"}, "arcs": [[0, 1]]},
                ],
            }
        },
    }


def test_decode_arcs_undoes_delta_encoding_and_the_transform(topology):
    arcs = geo.decode_arcs(topology)
    assert arcs[0] == [(2.0, 0.0), (2.0, 2.0)]
    assert arcs[1] == [(2.0, 2.0), (0.0, 2.0), (0.0, 0.0), (2.0, 0.0)]


def test_decode_arcs_without_transform_keeps_absolute_positions():
    assert geo.decode_arcs({"arcs": [[[10.5, 1], [11, 2]]]}) == [[(10.5, 1.0), (11.0, 2.0)]]


def test_stitch_arcs_reverses_negative_indices_and_drops_shared_points(topology):
    arcs = geo.decode_arcs(topology)
    ring_a = geo.stitch_arcs([0, 1], arcs)
    assert ring_a == [(2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0), (2.0, 0.0)]
    ring_b = geo.stitch_arcs([2, ~0], arcs)  # ~0 == -1: arc 0 reversed
    assert ring_b == [(2.0, 0.0), (4.0, 0.0), (4.0, 2.0), (2.0, 2.0), (2.0, 0.0)]
    assert abs(maps.ring_area(ring_a)) == pytest.approx(4.0)


def test_geometry_polygons_handle_polygon_multipolygon_and_null(topology):
    arcs = geo.decode_arcs(topology)
    geometries = topology["objects"]["countries"]["geometries"]
    assert len(geo.geometry_polygons(geometries[0], arcs)) == 1
    assert len(geo.geometry_polygons(geometries[1], arcs)) == 1
    assert geo.geometry_polygons({"type": None}, arcs) == []


def test_clip_ring_to_a_box_by_hand():
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
    clipped = geo.clip_ring(square, (5.0, 5.0, 15.0, 15.0))
    assert sorted(clipped) == [(5.0, 5.0), (5.0, 10.0), (10.0, 5.0), (10.0, 10.0)]
    assert abs(maps.ring_area(clipped)) == pytest.approx(25.0)
    assert geo.clip_ring(square, (20.0, 20.0, 30.0, 30.0)) == []


def test_antimeridian_ring_is_unwrapped_so_clipping_keeps_only_the_western_part():
    # A ring from 179°E to 179°W (i.e. -179), 2° wide across the antimeridian.
    ring = [(179.0, 0.0), (-179.0, 0.0), (-179.0, 1.0), (179.0, 1.0), (179.0, 0.0)]
    unwrapped = geo.unwrap_antimeridian(ring)
    assert unwrapped[1] == (181.0, 0.0)
    clipped = geo.clip_ring(unwrapped, (60.0, -50.0, 180.0, 55.0))
    assert max(x for x, _ in clipped) == 180.0 and min(x for x, _ in clipped) == 179.0
    assert abs(maps.ring_area(clipped)) == pytest.approx(1.0)
    # A ring that does not cross is left alone.
    plain = [(100.0, 0.0), (101.0, 0.0), (101.0, 1.0), (100.0, 0.0)]
    assert geo.unwrap_antimeridian(plain) == plain


def test_simplify_ring_rounds_drops_repeats_closes_and_discards_slivers():
    ring = [(0.001, 0.0), (0.004, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
    assert geo.simplify_ring(ring, decimals=2) == [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    tiny = [(0.001, 0.001), (0.002, 0.001), (0.002, 0.002)]
    assert geo.simplify_ring(tiny, decimals=2) == []


def test_clip_and_simplify_orients_exteriors_counter_clockwise():
    clockwise = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0)]
    [[exterior]] = geo.clip_and_simplify([[clockwise]], (-5.0, -5.0, 5.0, 5.0))
    assert maps.ring_area(exterior) > 0


def test_topology_features_filter_ids_clip_and_name(topology):
    features = geo.topology_features(
        topology, "countries", {"001": "AAA", "002": "BBB"}, {"AAA": "Country A", "BBB": "Country B"},
        bbox=(-1.0, -1.0, 3.0, 3.0),
    )
    assert [f["properties"] for f in features] == [
        {"iso3": "AAA", "name": "Country A"},
        {"iso3": "BBB", "name": "Country B"},
    ]
    [[b_ring]] = features[1]["geometry"]["coordinates"]
    assert max(x for x, _ in b_ring) == 3.0  # B clipped at the box's eastern edge
    only_a = geo.topology_features(topology, "countries", {"001": "AAA", "002": "BBB"}, {"AAA": "A"}, bbox=(-1, -1, 5, 5))
    assert [f["properties"]["iso3"] for f in only_a] == ["AAA"]
    outside = geo.topology_features(topology, "countries", {"001": "AAA"}, {"AAA": "A"}, bbox=(10, 10, 20, 20))
    assert outside == []


def test_topology_features_merge_geometries_that_share_an_id(topology):
    features = geo.topology_features(
        topology, "countries", {"001": "AAA", "002": "AAA"}, {"AAA": "A"}, bbox=(-1.0, -1.0, 5.0, 5.0)
    )
    assert len(features) == 1 and len(features[0]["geometry"]["coordinates"]) == 2


def _write_extract(root, topology) -> None:
    features = geo.topology_features(
        topology, "countries", {"001": "AAA", "002": "BBB"}, {"AAA": "Country A", "BBB": "Country B"}, bbox=(-1, -1, 5, 5)
    )
    path = root / "data" / maps.MAP_FILE
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(geo.feature_collection(features, (-1, -1, 5, 5))), encoding="utf-8")


def test_load_map_reads_the_extract_with_label_points(tmp_path, monkeypatch, topology):
    _write_extract(tmp_path, topology)
    monkeypatch.setenv("ASIAN_NATO_ROOT", str(tmp_path))
    shapes = maps.load_map()
    assert shapes["iso3"].tolist() == ["AAA", "BBB"]
    assert shapes.loc[0, ["label_lon", "label_lat"]].tolist() == pytest.approx([1.0, 1.0])  # centre of [0,2]x[0,2]
    assert shapes.loc[1, ["label_lon", "label_lat"]].tolist() == pytest.approx([3.0, 1.0])
    assert isinstance(shapes.loc[0, "polygons"][0], np.ndarray)


def test_plot_choropleth_returns_a_figure_with_count_labels(tmp_path, monkeypatch, topology):
    _write_extract(tmp_path, topology)
    monkeypatch.setenv("ASIAN_NATO_ROOT", str(tmp_path))
    shapes = maps.load_map()
    fig = maps.plot_choropleth(
        shapes, pd.Series({"AAA": 3, "ZZZ": 1}), value_label="Treaties", source="test",
        bbox=(-1, -1, 5, 5), outside_note="Off the map: ZZZ 1",
    )
    assert isinstance(fig, Figure)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "AAA 3" in texts
    assert not any(t.startswith("BBB") for t in texts)  # no tie, no label
    assert any("ZZZ 1" in t for t in texts)
