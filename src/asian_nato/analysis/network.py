"""The network of security ties, year by year: edges, measures and small-multiple drawings.

Countries are nodes. Two countries are tied in a year when both are members
(or partners) of the same arrangement on the snapshot date of that year
(31 December, or the data's as-of date in the last year), the arrangement
exists on that date, and it is a defence treaty, a defence partnership or a
minilateral dialogue (see :func:`asian_nato.analysis.memberships.tie_types`).
Regional organisations make no edges: they would tie almost every pair of
countries in the region and hide the alliance structure.

A pair tied by several arrangements gets one edge, typed by its strongest
tie (treaty, then partnership, then dialogue), and the list of arrangements.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from asian_nato.analysis import commitments
from asian_nato.analysis import memberships as ms
from asian_nato.report import style

EDGE_TYPES: tuple[str, ...] = ("treaty", "partnership", "dialogue")
EDGE_STYLES: dict[str, dict] = {
    "treaty": {"linestyle": "solid", "color": style.OKABE_ITO["blue"], "linewidth": 1.1},
    "partnership": {"linestyle": (0, (4, 2)), "color": style.OKABE_ITO["orange"], "linewidth": 0.9},
    "dialogue": {"linestyle": (0, (1, 1.5)), "color": style.OKABE_ITO["green"], "linewidth": 1.0},
}
HUB = ms.US
FIRST_YEAR = 1951
SOURCE = ms.SOURCE


# ---------------------------------------------------------------- edges

def snapshot_dates(years: Sequence[int], as_of: pd.Timestamp) -> pd.Series:
    """The date each year is observed on: 31 December, or ``as_of`` for the year it falls in (indexed by year)."""
    dates = [min(pd.Timestamp(year=y, month=12, day=31), as_of) for y in years]
    return pd.Series(dates, index=pd.Index(list(years), name="year"), name="on")


def co_member_edges(
    active: pd.DataFrame, nodes: Sequence[str] | None = None, tie_types: Sequence[str] = EDGE_TYPES
) -> pd.DataFrame:
    """One row per tied pair in a frame of running memberships (:func:`memberships.active_memberships`).

    Columns: ``source``, ``target`` (ISO3, source < target), ``tie_type``
    (the strongest) and ``arrangements`` (short names, '; '-joined).
    Only members and partners, only non-regional arrangements, and, if
    ``nodes`` is given, only countries in it. ``tie_types`` can add
    ``"regional"`` to show how many pairs regional organisations would add.
    """
    taking_part = active[
        active["status"].isin(ms.TIE_STATUSES) & active["tie_type"].isin(tie_types)
    ][["org_id", "iso3", "tie_type", "short_name"]]
    if nodes is not None:
        taking_part = taking_part[taking_part["iso3"].isin(nodes)]
    pairs = taking_part.merge(taking_part[["org_id", "iso3"]], on="org_id", suffixes=("", "_other"), validate="many_to_many")
    pairs = pairs[pairs["iso3"] < pairs["iso3_other"]]
    rank = pairs["tie_type"].map({t: i for i, t in enumerate(ms.TIE_TYPE_ORDER)})
    grouped = pairs.assign(_rank=rank).sort_values(["iso3", "iso3_other", "_rank", "short_name"]).groupby(
        ["iso3", "iso3_other"], sort=True
    )
    edges = pd.DataFrame({
        "tie_type": grouped["tie_type"].first(),
        "arrangements": grouped["short_name"].agg(lambda s: "; ".join(dict.fromkeys(s))),
    }).reset_index()
    return edges.rename(columns={"iso3": "source", "iso3_other": "target"})[["source", "target", "tie_type", "arrangements"]]


def edges_by_year(
    memberships: pd.DataFrame,
    organizations: pd.DataFrame,
    years: Sequence[int],
    as_of: pd.Timestamp,
    nodes: Sequence[str],
) -> pd.DataFrame:
    """The edges of every year in ``years`` (observed on :func:`snapshot_dates`), with a ``year`` column."""
    frames = [
        co_member_edges(ms.active_memberships(memberships, organizations, on), nodes).assign(year=year)
        for year, on in snapshot_dates(years, as_of).items()
    ]
    columns = ["year", "source", "target", "tie_type", "arrangements"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def tie_graph(edges: pd.DataFrame, nodes: Sequence[str]) -> nx.Graph:
    """An undirected graph on ``nodes`` (isolates included) with the edges' ``tie_type`` as an attribute."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(
        (s, t, {"tie_type": k, "arrangements": a})
        for s, t, k, a in zip(edges["source"], edges["target"], edges["tie_type"], edges["arrangements"])
    )
    return graph


# ---------------------------------------------------------------- measures

def degree_centralisation(graph: nx.Graph) -> float:
    """Freeman's degree centralisation: Σ(max degree − degree) ÷ ((n−1)(n−2)).

    1 for a star (one hub tied to everyone else and no other ties), 0 when
    every node has the same degree; NaN for fewer than three nodes.
    """
    n = graph.number_of_nodes()
    if n < 3:
        return float("nan")
    degrees = np.array([d for _, d in graph.degree()], dtype=float)
    return float((degrees.max() - degrees).sum() / ((n - 1) * (n - 2)))


def network_measures(graph: nx.Graph, hub: str = HUB) -> dict[str, float]:
    """Ties, countries with ties, density, the hub's share of ties, ties without the hub, degree centralisation."""
    ties = graph.number_of_edges()
    hub_ties = graph.degree(hub) if hub in graph else 0
    return {
        "ties": ties,
        "countries_tied": sum(1 for _, d in graph.degree() if d > 0),
        "density": nx.density(graph) if graph.number_of_nodes() > 1 else float("nan"),
        "us_share": hub_ties / ties if ties else float("nan"),
        "ties_without_us": ties - hub_ties,
        "centralisation": degree_centralisation(graph),
    }


def measures_by_year(edges: pd.DataFrame, nodes: Sequence[str], years: Sequence[int], hub: str = HUB) -> pd.DataFrame:
    """One row per year with :func:`network_measures` on the fixed node set ``nodes``."""
    by_year = dict(tuple(edges.groupby("year")))
    empty = edges.iloc[0:0]
    rows = [{"year": y, **network_measures(tie_graph(by_year.get(y, empty), nodes), hub)} for y in years]
    frame = pd.DataFrame(rows)
    return frame.astype({"year": int, "ties": int, "countries_tied": int, "ties_without_us": int})


def commitment_by_year(
    memberships: pd.DataFrame,
    organizations: pd.DataFrame,
    grades: pd.DataFrame,
    years: Sequence[int],
    as_of: pd.Timestamp,
    nodes: Sequence[str],
    hub: str = HUB,
) -> pd.DataFrame:
    """The treaty ties weighted by graded commitment (:mod:`asian_nato.analysis.commitments`), year by year.

    Columns: ``year``, ``bound_pairs`` (pairs with a weight above 0),
    ``strength`` (sum of tie weights), ``mean_weight`` (per bound pair) and
    ``us_share`` (the hub's share of the strength).
    """
    rows = []
    for year, on in snapshot_dates(years, as_of).items():
        active = ms.active_memberships(memberships, organizations, on, statuses=("member",))
        members = active.loc[active["iso3"].isin(list(nodes)), ["org_id", "iso3"]]
        ties = commitments.tie_weights(grades, members)
        bound = ties[ties["weight"] > 0]
        strength = float(bound["weight"].sum())
        hub_strength = float(bound.loc[(bound["iso3_a"] == hub) | (bound["iso3_b"] == hub), "weight"].sum())
        rows.append({
            "year": year, "bound_pairs": len(bound), "strength": strength,
            "mean_weight": strength / len(bound) if len(bound) else float("nan"),
            "us_share": hub_strength / strength if strength else float("nan"),
        })
    return pd.DataFrame(rows)


MEASURE_LABELS: dict[str, str] = {
    "year": "Year",
    "ties": "Ties",
    "countries_tied": "Countries with a tie",
    "density": "Density",
    "us_share": "US share of ties",
    "ties_without_us": "Ties without the US",
    "centralisation": "Degree centralisation",
}


def measures_table(measures: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """The measures for the selected ``years``, with reader-facing column names; the year stays text."""
    chosen = measures[measures["year"].isin(years)]
    return chosen.assign(year=chosen["year"].astype(str))[list(MEASURE_LABELS)].rename(columns=MEASURE_LABELS)


def plot_measures(measures: pd.DataFrame, marked_years: Sequence[int] = ()) -> Figure:
    """Four small line charts over time: density, US share, centralisation and ties without the US."""
    fig, axes = style.new_figure(7.5, 5.2, nrows=2, ncols=2, sharex=True)
    panels = [
        ("density", "Density (share of possible ties)", style.OKABE_ITO["blue"], "o"),
        ("us_share", "US share of ties", style.OKABE_ITO["vermillion"], "s"),
        ("centralisation", "Degree centralisation (Freeman)", style.OKABE_ITO["green"], "^"),
        ("ties_without_us", "Ties not involving the US", style.OKABE_ITO["purple"], "D"),
    ]
    marked = measures[measures["year"].isin(marked_years)]
    for ax, (column, title, colour, marker) in zip(axes.flat, panels):
        ax.plot(measures["year"], measures[column], color=colour, linewidth=1.6)
        ax.plot(marked["year"], marked[column], linestyle="", marker=marker, color=colour, markersize=5)
        ax.set_title(title, fontsize=9.5, loc="left")
        ax.set_ylim(bottom=0)
        if column in ("us_share", "centralisation"):
            ax.set_ylim(0, 1.02)
    for ax in axes[1]:
        ax.set_xlabel("Year (ties on 31 December)")
    style.add_source(fig, SOURCE)
    return fig


# ---------------------------------------------------------------- layout and drawing

def circular_layout_by_region(
    countries: pd.DataFrame, centre: str | None = HUB, gap: float = 1.5
) -> dict[str, tuple[float, float]]:
    """Fixed positions: ``centre`` (the US) in the middle, the others clockwise on a unit circle from the top.

    Countries keep the order of ``countries`` (region, then name), with a gap
    of ``gap`` slots between regions. Deterministic, so every panel puts each
    country in the same place, and the hub's ties are drawn as spokes.
    """
    ring = countries[countries["iso3"] != centre]
    slots: list[float] = []
    position = 0.0
    previous_region = None
    for region in ring["region"]:
        if previous_region is not None and region != previous_region:
            position += gap
        slots.append(position)
        position += 1.0
        previous_region = region
    total = position + gap
    angles = [math.pi / 2 - 2 * math.pi * (s + gap / 2) / total for s in slots]
    positions = {iso3: (math.cos(a), math.sin(a)) for iso3, a in zip(ring["iso3"], angles)}
    if centre is not None and centre in set(countries["iso3"]):
        positions[centre] = (0.0, 0.0)
    return positions


def _draw_panel(ax, edges: pd.DataFrame, positions: Mapping[str, tuple[float, float]], title: str) -> None:
    for tie_type in reversed(EDGE_TYPES):  # treaties on top
        subset = edges[edges["tie_type"] == tie_type]
        segments = [(positions[s], positions[t]) for s, t in zip(subset["source"], subset["target"])]
        if segments:
            ax.add_collection(LineCollection(segments, zorder=1, alpha=0.9, **EDGE_STYLES[tie_type]))
    tied = set(edges["source"]) | set(edges["target"])
    for iso3, (x, y) in positions.items():
        is_hub = iso3 == HUB
        has_tie = iso3 in tied
        ax.scatter(
            [x], [y], s=90 if is_hub else (20 if has_tie else 8), zorder=3, marker="o",
            c=style.OKABE_ITO["vermillion"] if is_hub else (style.INK if has_tie else "white"),
            edgecolors=style.INK if is_hub or has_tie else "#9a9a9a", linewidths=0.6,
        )
        if is_hub:
            ax.text(x, y - 0.1, iso3, fontsize=7, fontweight="bold", ha="center", va="top", zorder=4,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.8})
            continue
        angle = math.degrees(math.atan2(y, x))
        flip = 90 < angle % 360 < 270
        ax.text(
            1.08 * x, 1.08 * y, iso3, fontsize=5.5, rotation=angle + 180 if flip else angle,
            rotation_mode="anchor", ha="right" if flip else "left", va="center",
            fontweight="bold" if has_tie else "normal", color=style.INK if has_tie else "#8c8c8c",
        )
    ax.set_title(title, fontsize=9)
    ax.set_xlim(-1.38, 1.38)
    ax.set_ylim(-1.38, 1.38)
    ax.set_aspect("equal")
    ax.axis("off")


def plot_network_panels(
    edges: pd.DataFrame,
    countries: pd.DataFrame,
    years: Sequence[int],
    positions: Mapping[str, tuple[float, float]],
    year_labels: Mapping[int, str] | None = None,
) -> Figure:
    """Small multiples of the tie network, one panel per year, on one fixed layout; the last cell holds the legend."""
    n_cols = 2
    n_rows = math.ceil((len(years) + 1) / n_cols)
    fig, axes = style.new_figure(7.5, 3.6 * n_rows, nrows=n_rows, ncols=n_cols)
    labels = year_labels or {}
    for ax, year in zip(axes.flat, years):
        panel = edges[edges["year"] == year]
        _draw_panel(ax, panel, positions, f"{labels.get(year, year)}: {len(panel)} ties")
    legend_ax = axes.flat[len(years)]
    legend_ax.axis("off")
    handles = [Line2D([], [], label=ms.TIE_TYPE_LABELS[t], **EDGE_STYLES[t]) for t in EDGE_TYPES]
    handles += [
        Line2D([], [], linestyle="", marker="o", markersize=8, markerfacecolor=style.OKABE_ITO["vermillion"],
               markeredgecolor=style.INK, label="United States (centre)"),
        Line2D([], [], linestyle="", marker="o", markersize=4.5, color=style.INK, label="Country with a tie"),
        Line2D([], [], linestyle="", marker="o", markersize=3.5, markerfacecolor="white",
               markeredgecolor="#9a9a9a", label="No tie that year"),
    ]
    legend_ax.legend(handles=handles, loc="upper center", fontsize=7.5, title="Edge: strongest tie of the pair",
                     title_fontsize=8)
    regions = list(dict.fromkeys(countries.loc[countries["iso3"] != HUB, "region"]))
    legend_ax.text(0.5, 0.12, "Clockwise from the top:\n" + ", ".join(regions[:3]) + ",\n" + ", ".join(regions[3:]),
                   transform=legend_ax.transAxes, ha="center", va="bottom", fontsize=7.5)
    for ax in axes.flat[len(years) + 1:]:
        ax.axis("off")
    style.add_source(fig, SOURCE)
    return fig


# ---------------------------------------------------------------- changes and numbers for the text

def ties_added(edges: pd.DataFrame, since: int, until: int, names: Mapping[str, str], exclude: str = HUB) -> pd.DataFrame:
    """Ties present in year ``until`` but not in year ``since``, leaving out those of ``exclude`` (the US)."""
    key = ["source", "target"]
    before = edges.loc[edges["year"] == since, key]
    after = edges[(edges["year"] == until) & (edges["source"] != exclude) & (edges["target"] != exclude)]
    new = after.merge(before, on=key, how="left", indicator=True, validate="one_to_one")
    new = new[new["_merge"] == "left_only"]
    table = pd.DataFrame({
        "_rank": new["tie_type"].map({t: i for i, t in enumerate(EDGE_TYPES)}).to_numpy(),
        "Country": new["source"].map(names).to_numpy(),
        "Partner": new["target"].map(names).to_numpy(),
        "Tie (strongest)": new["tie_type"].map(ms.TIE_TYPE_LABELS).to_numpy(),
        "Arrangements": new["arrangements"].to_numpy(),
    })
    return table.sort_values(["_rank", "Country", "Partner"], ignore_index=True).drop(columns="_rank")


def tie_mix(edges: pd.DataFrame, year: int, exclude: str | None = None) -> dict[str, int]:
    """Number of ties of each type in ``year`` (optionally leaving out those of ``exclude``)."""
    chosen = edges[edges["year"] == year]
    if exclude is not None:
        chosen = chosen[(chosen["source"] != exclude) & (chosen["target"] != exclude)]
    counts = chosen["tie_type"].value_counts()
    return {t: int(counts.get(t, 0)) for t in EDGE_TYPES}


def regional_pairs_added(active: pd.DataFrame, nodes: Sequence[str]) -> int:
    """How many more tied pairs there would be if regional organisations made ties too."""
    return len(co_member_edges(active, nodes, EDGE_TYPES + ("regional",))) - len(co_member_edges(active, nodes))


def dependence_on(active: pd.DataFrame, org_id: str, nodes: Sequence[str], exclude: str = HUB) -> dict[str, int]:
    """How many ties (not involving ``exclude``) would vanish, or fall from treaty to a weaker type, without ``org_id``."""
    def pairs(frame: pd.DataFrame) -> pd.DataFrame:
        edges = co_member_edges(frame, nodes)
        return edges[(edges["source"] != exclude) & (edges["target"] != exclude)]

    with_it = pairs(active)
    without = pairs(active[active["org_id"] != org_id])
    joined = with_it.merge(without, on=["source", "target"], how="left", suffixes=("", "_without"), validate="one_to_one")
    lost = joined["tie_type_without"].isna()
    downgraded = (joined["tie_type"] == "treaty") & ~lost & (joined["tie_type_without"] != "treaty")
    return {"lost": int(lost.sum()), "downgraded": int(downgraded.sum())}


def summary_numbers(
    edges: pd.DataFrame,
    measures: pd.DataFrame,
    regional_pairs_today: int,
    snapshot_years: Sequence[int],
    compare_year: int,
    as_of: pd.Timestamp,
    n_nodes: int,
    manila_dependence: dict[str, int],
) -> dict[str, int | float | str]:
    """Every number the network chapter's text quotes, as plain Python values ready for ``glue``."""
    by_year = measures.set_index("year")
    first, last = int(measures["year"].min()), int(measures["year"].max())
    numbers: dict[str, int | float | str] = {
        "net_as_of": as_of.date().isoformat(),
        "net_first_year": str(first),
        "net_last_year": str(last),
        "net_n_nodes": n_nodes,
        "net_regional_pairs_today": int(regional_pairs_today),
        "net_compare_year": str(compare_year),
        "net_max_us_share_year": str(int(measures.loc[measures["us_share"].idxmax(), "year"])),
        "net_max_us_share": float(measures["us_share"].max()),
        "net_band_from": str(min(snapshot_years)),
        "net_us_share_band_min": float(measures.loc[measures["year"] >= min(snapshot_years), "us_share"].min()),
        "net_us_share_band_max": float(measures.loc[measures["year"] >= min(snapshot_years), "us_share"].max()),
        "net_manila_lost": int(manila_dependence["lost"]),
        "net_manila_downgraded": int(manila_dependence["downgraded"]),
    }
    for year in sorted(set(snapshot_years) | {first, last, compare_year}):
        row = by_year.loc[year]
        tag = "today" if year == last else str(year)
        numbers[f"net_ties_{tag}"] = int(row["ties"])
        numbers[f"net_density_{tag}"] = float(row["density"])
        numbers[f"net_us_share_{tag}"] = float(row["us_share"])
        numbers[f"net_without_us_{tag}"] = int(row["ties_without_us"])
        numbers[f"net_centralisation_{tag}"] = float(row["centralisation"])
        numbers[f"net_countries_tied_{tag}"] = int(row["countries_tied"])
    for year, tag in ((compare_year, str(compare_year)), (last, "today")):
        for tie_type, count in tie_mix(edges, year, exclude=HUB).items():
            numbers[f"net_without_us_{tie_type}_{tag}"] = count
    return numbers
