"""An offline map of the Indo-Pacific: the committed extract as shapes, and a choropleth.

The book ships a small GeoJSON extract, ``data/maps/asia_pacific.geojson``,
made by ``scripts/make_map_extract.py`` from Natural Earth's 1:50m countries
(TopoJSON from the world-atlas package). Decoding, clipping and simplifying
are build-time work and live beside that script, in ``scripts/map_geometry.py``,
so editing them re-executes no chapter.

Coordinates are longitude/latitude (WGS 84) and are drawn unprojected
(plate carrée), which is adequate for a regional overview.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.colors import BoundaryNorm
from matplotlib.figure import Figure

from asian_nato.data import paths
from asian_nato.report import style
from asian_nato.report.display import count_words, counted, in_prose, join_words

Point = tuple[float, float]
BBox = tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max

# Roughly the Indo-Pacific, from Pakistan to the Pacific islands west of the
# antimeridian. Everything east of 180° (including the continental United
# States and the eastern tip of Russia) falls outside the extract and the map.
INDO_PACIFIC_BBOX: BBox = (60.0, -50.0, 180.0, 55.0)
MAP_FILE = Path("maps") / "asia_pacific.geojson"


# ---------------------------------------------------------------- reading the extract

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


# ---------------------------------------------------------------- its alt text

NAMED_PER_SHADE: int = 12  # a shade with more countries than this is given as a count, not a list
WHITE_NAMED: int = 4  # how many of the largest white countries the alt text names


def drawn_areas(shapes: pd.DataFrame) -> pd.Series:
    """Each country's area as drawn (squared degrees, plate carrée), indexed by ISO3."""
    areas = shapes["polygons"].map(lambda rings: sum(abs(ring_area(ring)) for ring in rings))
    return pd.Series(areas.to_numpy(), index=shapes["iso3"].to_numpy())


def _shade_clause(names: list[str], count: int) -> str:
    """One shade in words: 'North Korea, the Philippines and Russia (two each)'."""
    each = " each" if len(names) > 1 else ""
    amount = f"{count_words(count)}{each}"
    if len(names) > NAMED_PER_SHADE:
        return f"{counted(len(names), 'country', 'countries')} with {amount}"
    return f"{join_words(map(in_prose, names))} ({amount})"


def _white_sentence(white: pd.Series) -> str:
    """The countries left white, largest first: ' The other 28 countries on the map are white, the largest of them ...'."""
    if white.empty:
        return ""
    if len(white) == 1:
        return f" The other country on the map, {in_prose(white.iloc[0])}, is white."
    largest = join_words(map(in_prose, white.head(WHITE_NAMED)))
    return f" The other {counted(len(white), 'country', 'countries')} on the map are white, the largest of them {largest}."


def choropleth_alt(shapes: pd.DataFrame, values: pd.Series, *, measure: str, outside_note: str | None = None) -> str:
    """Alt text for :func:`plot_choropleth`: the labelled countries by shade, darkest first, and the largest white ones.

    ``measure`` says what the shade counts ("the number of defence treaties it belongs to").
    """
    on_map = shapes[~shapes["iso3"].isin(UNLABELLED)]
    counts = values.reindex(on_map["iso3"]).fillna(0).astype(int).to_numpy()
    drawn = on_map.assign(count=counts, area=on_map["iso3"].map(drawn_areas(on_map)).to_numpy())
    shaded = drawn[drawn["count"] > 0].sort_values(["count", "name"], ascending=[False, True])
    white = drawn[drawn["count"] == 0].sort_values("area", ascending=False, kind="stable")
    form = (f"A map of Asia and the western Pacific, each country shaded by {measure}, darker for more and white for "
            "none, with its code and count written on it.")
    if shaded.empty:
        body = f" Every one of the {count_words(len(drawn))} countries on the map is white."
    else:
        shades = [_shade_clause(group["name"].tolist(), int(count))
                  for count, group in shaded.groupby("count", sort=False)]
        body = f" Shaded, darkest first: {'; '.join(shades)}." + _white_sentence(white["name"])
    note = f" {outside_note.rstrip('.')}." if outside_note else ""
    return form + body + note
