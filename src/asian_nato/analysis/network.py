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

from collections.abc import Collection, Sequence

import networkx as nx
import numpy as np
import pandas as pd

from asian_nato.analysis import commitments
from asian_nato.analysis import memberships as ms

EDGE_TYPES: tuple[str, ...] = ("treaty", "partnership", "dialogue")
HUB = ms.US
FIRST_YEAR = 1951


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


# ---------------------------------------------------------------- changes


def ties_in(edges: pd.DataFrame, year: int, exclude: Collection[str] = ()) -> pd.DataFrame:
    """The ties of ``year``, none of whose ends is in ``exclude``."""
    return edges[(edges["year"] == year) & ~edges["source"].isin(exclude) & ~edges["target"].isin(exclude)]


def edges_added(edges: pd.DataFrame, since: int, until: int, exclude: Collection[str] = (HUB,)) -> pd.DataFrame:
    """Ties present in year ``until`` between a pair not tied in year ``since``, none of whose ends is in ``exclude``."""
    key = ["source", "target"]
    before = edges.loc[edges["year"] == since, key]
    after = ties_in(edges, until, exclude)
    new = after.merge(before, on=key, how="left", indicator=True, validate="one_to_one")
    return new[new["_merge"] == "left_only"].drop(columns="_merge").reset_index(drop=True)


def treaty_ties_added(edges: pd.DataFrame, since: int, until: int, exclude: Collection[str] = (HUB,)) -> pd.DataFrame:
    """The treaty ties among :func:`edges_added`."""
    added = edges_added(edges, since, until, exclude)
    return added[added["tie_type"] == "treaty"].reset_index(drop=True)


def tie_mix(edges: pd.DataFrame, year: int, exclude: str | None = None) -> dict[str, int]:
    """Number of ties of each type in ``year`` (optionally leaving out those of ``exclude``)."""
    counts = ties_in(edges, year, () if exclude is None else (exclude,))["tie_type"].value_counts()
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


def degrees_by_year(edges: pd.DataFrame) -> pd.DataFrame:
    """Ties per country and year (countries without a tie that year are absent): ``year``, ``iso3``, ``degree``."""
    ends = pd.concat([edges[["year", "source"]].rename(columns={"source": "iso3"}),
                      edges[["year", "target"]].rename(columns={"target": "iso3"})])
    return ends.groupby(["year", "iso3"]).size().rename("degree").reset_index()


def hub_leads_every_year(edges: pd.DataFrame, hub: str = HUB) -> pd.Series:
    """Per year with any tie: whether ``hub`` has at least as many ties as any other country."""
    degrees = degrees_by_year(edges)
    most = degrees.groupby("year")["degree"].max()
    hub_degree = degrees[degrees["iso3"] == hub].set_index("year")["degree"].reindex(most.index, fill_value=0)
    return hub_degree >= most


def chords_through(edges: pd.DataFrame, year: int, arrangement: str, hub: str = HUB) -> pd.DataFrame:
    """The ties of ``year`` not involving ``hub`` that ``arrangement`` (a short name) is among the reasons for."""
    chords = ties_in(edges, year, (hub,))
    return chords[chords["arrangements"].str.split("; ").map(lambda names: arrangement in names)]


def chords_added_by_arrangement(
    edges: pd.DataFrame, since: int, until: int, arrangement_types: pd.Series, hub: str = HUB
) -> pd.DataFrame:
    """The ties not involving ``hub`` added between ``since`` and ``until`` (:func:`edges_added`), one arrangement each.

    Each new tie is put down to one of its arrangements of the tie's own
    (strongest) type, the one behind the most new ties, then the first by
    name. ``arrangement_types`` maps short names to tie types. Columns:
    ``arrangement``, ``tie_type``, ``ties``; the strongest type first, then
    the most ties, then by name.
    """
    added = edges_added(edges, since, until, (hub,))
    columns = ["arrangement", "tie_type", "ties"]
    if added.empty:
        return pd.DataFrame(columns=columns)
    long = added.assign(arrangement=added["arrangements"].str.split("; ")).explode("arrangement")
    long = long[long["arrangement"].map(arrangement_types) == long["tie_type"]]
    long = long.assign(cover=long.groupby("arrangement")["arrangement"].transform("size"))
    chosen = long.sort_values(["cover", "arrangement"], ascending=[False, True]).drop_duplicates(["source", "target"])
    counts = chosen.groupby(["arrangement", "tie_type"]).size().rename("ties").reset_index()
    rank = counts["tie_type"].map({t: i for i, t in enumerate(EDGE_TYPES)})
    return (counts.assign(_rank=rank).sort_values(["_rank", "ties", "arrangement"], ascending=[True, False, True])
            .drop(columns="_rank").reset_index(drop=True)[columns])


def pure_star_years(measures: pd.DataFrame) -> pd.Series:
    """The years of :func:`measures_by_year` with ties, every one of them through the hub."""
    return measures.loc[measures["ties"].gt(0) & measures["ties_without_us"].eq(0), "year"]


def ties_changed(edges: pd.DataFrame, since: int, until: int) -> dict[str, int]:
    """How many ties (the hub's included) ``until`` has that ``since`` had not, and the reverse, and ``since``'s total."""
    return {
        "added": len(edges_added(edges, since, until, exclude=())),
        "lost": len(edges_added(edges, until, since, exclude=())),  # present in ``since``, gone by ``until``
        "before": int((edges["year"] == since).sum()),
    }
