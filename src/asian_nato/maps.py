"""An offline map of the Indo-Pacific: TopoJSON decoding, clipping and a choropleth.

The book ships a small GeoJSON extract, ``data/maps/asia_pacific.geojson``,
made by ``scripts/make_map_extract.py`` from Natural Earth's 1:50m countries
(TopoJSON from the world-atlas package). Decoding, clipping and simplifying
live here, in pure Python with numpy, so they can be unit-tested and so the
book needs neither geopandas nor shapely.

Coordinates are longitude/latitude (WGS 84) and are drawn unprojected
(plate carrée), which is adequate for a regional overview.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.colors import BoundaryNorm
from matplotlib.figure import Figure

from . import paths, style

Point = tuple[float, float]
Ring = list[Point]
BBox = tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max

# Roughly the Indo-Pacific, from Pakistan to the Pacific islands west of the
# antimeridian. Everything east of 180° (including the continental United
# States and the eastern tip of Russia) falls outside and is clipped away.
INDO_PACIFIC_BBOX: BBox = (60.0, -50.0, 180.0, 55.0)
MAP_FILE = Path("maps") / "asia_pacific.geojson"


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


def ring_area(ring: Sequence[Point]) -> float:
    """Signed area (shoelace formula) in squared degrees; positive when counter-clockwise."""
    if len(ring) < 3:
        return 0.0
    xy = np.asarray(ring, dtype=float)
    x, y = xy[:, 0], xy[:, 1]
    return float(0.5 * (np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def ring_centroid(ring: Sequence[Point]) -> Point:
    """Area centroid of a simple ring (the mean of its points if it has no area)."""
    xy = np.asarray(ring, dtype=float)
    x, y = xy[:, 0], xy[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    if area == 0:
        return (float(x.mean()), float(y.mean()))
    cx = ((x + np.roll(x, -1)) * cross).sum() / (6 * area)
    cy = ((y + np.roll(y, -1)) * cross).sum() / (6 * area)
    return (float(cx), float(cy))


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


# ---------------------------------------------------------------- reading the extract

def shapes_from_geojson(collection: Mapping) -> pd.DataFrame:
    """One row per country: ``iso3``, ``name``, ``polygons`` (list of exterior rings as Nx2 arrays), label point."""
    rows = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        exteriors = [np.asarray(polygon[0], dtype=float) for polygon in polygons if polygon and polygon[0]]
        largest = max(exteriors, key=lambda ring: abs(ring_area(ring)))
        label_x, label_y = ring_centroid(largest)
        rows.append({
            "iso3": feature["properties"]["iso3"],
            "name": feature["properties"]["name"],
            "polygons": exteriors,
            "label_lon": label_x,
            "label_lat": label_y,
        })
    return pd.DataFrame(rows, columns=["iso3", "name", "polygons", "label_lon", "label_lat"])


def load_map() -> pd.DataFrame:
    """The committed Indo-Pacific extract (``data/maps/asia_pacific.geojson``) as a frame of shapes."""
    path = paths.data_dir() / MAP_FILE
    collection = json.loads(path.read_text(encoding="utf-8"))
    return shapes_from_geojson(collection)


# ---------------------------------------------------------------- the choropleth

# Small or crowded countries whose label would sit on a neighbour: nudge it (degrees).
LABEL_OFFSETS: dict[str, tuple[float, float]] = {
    "SGP": (0.0, -2.4), "BRN": (0.0, 2.0), "TLS": (0.0, -2.2), "BTN": (0.0, 1.5),
    "KOR": (2.2, -3.2), "PRK": (-1.0, 1.2), "JPN": (1.0, 0.0), "TWN": (2.4, 0.0),
    "FJI": (-3.5, 0.0), "RUS": (0.0, -1.5),
}
# Only the western Aleutians of the United States fall inside the box: its
# count belongs in the note on countries off the map, not on those islands.
UNLABELLED: frozenset[str] = frozenset({"USA"})
NO_TIE_FILL = "white"
OCEAN_FILL = "#eef3f7"


def plot_choropleth(
    shapes: pd.DataFrame,
    values: pd.Series,
    *,
    value_label: str,
    source: str,
    bbox: BBox = INDO_PACIFIC_BBOX,
    outside_note: str | None = None,
    width: float = 7.5,
    height: float = 5.4,
) -> Figure:
    """Shade each country by an integer count, write the count at its centroid, add a colour bar and source line.

    ``values`` is indexed by ISO3. The colour scale is cividis, reversed so
    that more means darker; countries absent from ``values`` (or at zero)
    are white and unlabelled. Countries in ``values`` but not on the map can
    be listed in ``outside_note``.
    """
    import matplotlib

    counts = values.reindex(shapes["iso3"]).fillna(0).astype(int).to_numpy()
    top = max(int(values.max()) if len(values) else 1, 1)
    cmap = matplotlib.colormaps[style.SEQUENTIAL_CMAP + "_r"].resampled(top)
    norm = BoundaryNorm(np.arange(0.5, top + 1.5), cmap.N)

    fig, ax = style.new_figure(width, height)
    polygons = [ring for rings in shapes["polygons"] for ring in rings]
    ring_counts = np.repeat(counts, [len(rings) for rings in shapes["polygons"]])
    no_tie = np.asarray(matplotlib.colors.to_rgba(NO_TIE_FILL))
    face = np.where((ring_counts > 0)[:, None], cmap(norm(np.maximum(ring_counts, 1))), no_tie)
    ax.add_collection(PolyCollection(polygons, facecolors=face, edgecolors="#8c8c8c", linewidths=0.3))

    labelled = shapes.assign(count=counts).query("count > 0 and iso3 not in @UNLABELLED")
    for iso3, lon, lat, count in zip(labelled["iso3"], labelled["label_lon"], labelled["label_lat"], labelled["count"]):
        dx, dy = LABEL_OFFSETS.get(iso3, (0.0, 0.0))
        dark_fill = (count - 0.5) / top > 0.45
        ax.text(
            lon + dx, lat + dy, f"{iso3} {count}", ha="center", va="center", fontsize=6.5,
            color="white" if dark_fill and (dx, dy) == (0.0, 0.0) else style.INK, fontweight="bold",
        )

    lon_min, lat_min, lon_max, lat_max = bbox
    ax.set_xlim(lon_min, lon_max)
    ax.set_ylim(lat_min, lat_max)
    ax.set_aspect("equal")
    ax.grid(False)
    ax.set_xlabel("Longitude (°E)")
    ax.set_ylabel("Latitude (°N)")
    ax.set_facecolor(OCEAN_FILL)
    scalar = matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap)
    bar = fig.colorbar(scalar, ax=ax, shrink=0.7, ticks=np.arange(1, top + 1))
    bar.set_label(value_label)
    notes = ["White: none."] + ([outside_note] if outside_note else [])
    ax.text(0.01, 0.01, "\n".join(notes), transform=ax.transAxes, ha="left", va="bottom", fontsize=7,
            bbox={"facecolor": "white", "edgecolor": "#bfbfbf", "boxstyle": "round,pad=0.3"})
    style.add_source(fig, source)
    return fig
