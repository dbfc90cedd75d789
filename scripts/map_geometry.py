"""Build-time geometry for ``scripts/make_map_extract.py``: TopoJSON decoding, clipping, simplifying.

Pure Python with numpy, so it can be unit-tested and the book needs neither
geopandas nor shapely. It lives with the scripts, not in the package the
chapters import, because only the map extraction uses it: the package's
fingerprint, which re-executes every chapter when it changes, does not cover it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from asian_nato.report.maps import INDO_PACIFIC_BBOX, BBox, Point, ring_area  # noqa: E402, F401 (the extract's box)

Ring = list[Point]


# ---------------------------------------------------------------- TopoJSON decoding

def decode_arcs(topology: Mapping) -> list[list[Point]]:
    """Absolute coordinates of every arc in a TopoJSON topology.

    Quantised topologies (with a ``transform``) store each arc as a first
    position followed by deltas; the positions are summed and then scaled and
    translated. Unquantised topologies already hold absolute positions.
    """
    transform = topology.get("transform")
    decoded: list[list[Point]] = []
    for arc in topology["arcs"]:
        positions = np.asarray([p[:2] for p in arc], dtype=float).reshape(-1, 2)
        if transform:
            positions = np.cumsum(positions, axis=0) * np.asarray(transform["scale"]) + np.asarray(transform["translate"])
        decoded.append([(float(x), float(y)) for x, y in positions])
    return decoded


def stitch_arcs(indices: Sequence[int], arcs: Sequence[Sequence[Point]]) -> Ring:
    """Join the arcs of one ring; a negative index ``~i`` means arc ``i`` reversed.

    Consecutive arcs share their end and start point, so the first point of
    every arc after the first is dropped.
    """
    ring: Ring = []
    for index in indices:
        arc = list(arcs[index]) if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc if not ring else arc[1:])
    return ring


def geometry_polygons(geometry: Mapping, arcs: Sequence[Sequence[Point]]) -> list[list[Ring]]:
    """A TopoJSON Polygon or MultiPolygon as a list of polygons, each a list of rings (exterior first)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [[stitch_arcs(ring, arcs) for ring in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[stitch_arcs(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]]
    return []  # null geometries and points carry no area


# ---------------------------------------------------------------- clipping and simplification

def _clip_edge(ring: Ring, inside, intersect) -> Ring:
    if not ring:
        return []
    output: Ring = []
    previous = ring[-1]
    for current in ring:
        if inside(current):
            if not inside(previous):
                output.append(intersect(previous, current))
            output.append(current)
        elif inside(previous):
            output.append(intersect(previous, current))
        previous = current
    return output


def _at_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _at_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def unwrap_antimeridian(ring: Ring) -> Ring:
    """A ring that jumps across the antimeridian (a step of over 180° in longitude), moved to 0–360°E.

    Natural Earth rings that straddle 180° (Fiji, Russia's Chukotka) go from
    +180 to −180 in one step; clipped as they are, they would smear across the
    whole map. Shifting the western-hemisphere points by +360° makes the ring
    continuous, and clipping at 180°E then simply drops its eastern part.
    """
    lons = [x for x, _ in ring]
    if not any(abs(b - a) > 180 for a, b in zip(lons, lons[1:])):
        return ring
    return [(x + 360.0 if x < 0 else x, y) for x, y in ring]


def clip_ring(ring: Ring, bbox: BBox) -> Ring:
    """Clip a ring to a lon/lat box (Sutherland–Hodgman); an empty list if nothing is left.

    The result is open (the closing point is not repeated). Parts of a concave
    ring that leave and re-enter the box are joined along the box's edge,
    which is invisible on a map drawn to the same box.
    """
    lon_min, lat_min, lon_max, lat_max = bbox
    open_ring = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    clipped = _clip_edge(open_ring, lambda p: p[0] >= lon_min, lambda a, b: _at_x(a, b, lon_min))
    clipped = _clip_edge(clipped, lambda p: p[0] <= lon_max, lambda a, b: _at_x(a, b, lon_max))
    clipped = _clip_edge(clipped, lambda p: p[1] >= lat_min, lambda a, b: _at_y(a, b, lat_min))
    clipped = _clip_edge(clipped, lambda p: p[1] <= lat_max, lambda a, b: _at_y(a, b, lat_max))
    return clipped


def simplify_ring(ring: Ring, decimals: int = 2) -> Ring:
    """Round coordinates and drop repeated points; a closed ring, or [] if fewer than three distinct points remain."""
    rounded = [(round(x, decimals) + 0.0, round(y, decimals) + 0.0) for x, y in ring]
    kept: Ring = []
    for point in rounded:
        if not kept or point != kept[-1]:
            kept.append(point)
    while len(kept) > 1 and kept[0] == kept[-1]:
        kept.pop()
    if len(set(kept)) < 3 or abs(ring_area(kept)) == 0:
        return []
    return kept + [kept[0]]


def oriented(ring: Ring, counter_clockwise: bool) -> Ring:
    """The ring, reversed if needed so that it winds the requested way."""
    return ring if (ring_area(ring) > 0) == counter_clockwise else ring[::-1]


def clip_and_simplify(polygons: Iterable[list[Ring]], bbox: BBox, decimals: int = 2) -> list[list[Ring]]:
    """Clip every polygon to ``bbox`` and simplify it; polygons whose exterior vanishes are dropped.

    Exteriors wind counter-clockwise and holes clockwise, as GeoJSON (RFC 7946) asks.
    """
    kept: list[list[Ring]] = []
    for polygon in polygons:
        rings = [simplify_ring(clip_ring(unwrap_antimeridian(ring), bbox), decimals) for ring in polygon]
        if rings and rings[0]:
            kept.append([oriented(rings[0], True)] + [oriented(r, False) for r in rings[1:] if r])
    return kept


# ---------------------------------------------------------------- building the extract

def topology_features(
    topology: Mapping,
    object_name: str,
    id_to_iso3: Mapping[str, str],
    names: Mapping[str, str],
    bbox: BBox = INDO_PACIFIC_BBOX,
    decimals: int = 2,
) -> list[dict]:
    """GeoJSON features for the geometries whose id maps to a wanted ISO3 code and that reach into ``bbox``.

    ``id_to_iso3`` maps the topology's ids (ISO 3166-1 numeric, as text) to
    ISO3 codes; ``names`` maps ISO3 codes to the names written in the extract.
    Features are sorted by ISO3 code, so the output is deterministic.
    """
    arcs = decode_arcs(topology)
    polygons_by_iso3: dict[str, list[list[Ring]]] = {}
    for geometry in topology["objects"][object_name]["geometries"]:
        iso3 = id_to_iso3.get(str(geometry.get("id")))
        if iso3 is None or iso3 not in names:
            continue
        polygons = clip_and_simplify(geometry_polygons(geometry, arcs), bbox, decimals)
        if polygons:  # several geometries can share one id (Australia and its Ashmore and Cartier Islands)
            polygons_by_iso3.setdefault(iso3, []).extend(polygons)
    return [
        {
            "type": "Feature",
            "properties": {"iso3": iso3, "name": names[iso3]},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [[[list(p) for p in ring] for ring in polygon] for polygon in polygons],
            },
        }
        for iso3, polygons in sorted(polygons_by_iso3.items())
    ]


def feature_collection(features: list[dict], bbox: BBox) -> dict:
    return {"type": "FeatureCollection", "bbox": list(bbox), "features": features}
