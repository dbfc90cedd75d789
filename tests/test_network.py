"""Unit tests for asian_nato.analysis.network: edges from dated memberships, measures computed by hand, layout."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from asian_nato.analysis import memberships as ms
from asian_nato.analysis import network as nw
from asian_nato.report import network_report

from test_memberships import make_members, make_orgs

NODES = ["USA", "JPN", "KOR", "AUS", "NZL", "PHL", "GBR", "IND"]


@pytest.fixture
def orgs() -> pd.DataFrame:
    return make_orgs([
        ("anzus", "ANZUS", "collective_defense", "1951-09-01", "", True),
        ("us_jpn", "US-Japan", "bilateral_defense", "1960-01-19", "", True),
        ("us_jpn_1951", "US-Japan 1951", "bilateral_defense", "1951-09-08", "1960-06-23", False),
        ("raa", "Japan-Australia RAA", "defense_partnership", "2022-01-06", "", False),
        ("quad", "Quad", "minilateral_dialogue", "2007-05-01", "", False),
        ("asean_like", "Forum", "regional_organization", "1967-08-08", "", False),
    ])


@pytest.fixture
def members() -> pd.DataFrame:
    return make_members([
        ("anzus", "USA", "member", "1951-09-01", ""),
        ("anzus", "AUS", "member", "1951-09-01", ""),
        ("anzus", "NZL", "member", "1951-09-01", "1986-09-17"),
        ("anzus", "NZL", "suspended", "1986-09-17", ""),
        ("us_jpn_1951", "USA", "member", "1951-09-08", "1960-06-23"),
        ("us_jpn_1951", "JPN", "member", "1951-09-08", "1960-06-23"),
        ("us_jpn", "USA", "member", "1960-06-23", ""),
        ("us_jpn", "JPN", "member", "1960-06-23", ""),
        ("raa", "JPN", "member", "2022-01-06", ""),
        ("raa", "AUS", "member", "2022-01-06", ""),
        ("quad", "USA", "member", "2007-05", "2008-02-05"),
        ("quad", "JPN", "member", "2007-05", "2008-02-05"),
        ("quad", "AUS", "member", "2007-05", "2008-02-05"),
        ("quad", "IND", "member", "2007-05", "2008-02-05"),
        ("quad", "USA", "member", "2017-11-12", ""),
        ("quad", "JPN", "member", "2017-11-12", ""),
        ("quad", "AUS", "member", "2017-11-12", ""),
        ("quad", "IND", "member", "2017-11-12", ""),
        ("quad", "GBR", "observer", "2017-11-12", ""),
        ("asean_like", "PHL", "member", "1967-08-08", ""),
        ("asean_like", "USA", "member", "1967-08-08", ""),
        ("asean_like", "KOR", "member", "1967-08-08", ""),
    ])


def _edge_set(edges: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(zip(edges["source"], edges["target"], edges["tie_type"]))


def test_snapshot_dates_are_year_ends_except_the_as_of_year():
    dates = nw.snapshot_dates([1999, 2025, 2026], pd.Timestamp("2026-02-06"))
    assert dates.tolist() == [pd.Timestamp("1999-12-31"), pd.Timestamp("2025-12-31"), pd.Timestamp("2026-02-06")]


def test_co_member_edges_keep_the_strongest_tie_and_skip_regional_and_observers(orgs, members):
    active = ms.active_memberships(members, orgs, pd.Timestamp("2024-12-31"))
    edges = nw.co_member_edges(active, NODES)
    assert _edge_set(edges) == {
        ("AUS", "USA", "treaty"),  # ANZUS (and the Quad)
        ("JPN", "USA", "treaty"),  # US-Japan (and the Quad)
        ("AUS", "JPN", "partnership"),  # the RAA beats the Quad
        ("IND", "USA", "dialogue"),
        ("AUS", "IND", "dialogue"),
        ("IND", "JPN", "dialogue"),
    }  # no NZL (suspended), no GBR (observer), no PHL/KOR (regional only)
    arrangements = edges.set_index(["source", "target"])["arrangements"]
    assert arrangements[("AUS", "USA")] == "ANZUS; Quad"
    assert arrangements[("AUS", "JPN")] == "Japan-Australia RAA; Quad"


def test_co_member_edges_respect_the_node_set(orgs, members):
    active = ms.active_memberships(members, orgs, pd.Timestamp("2024-12-31"))
    edges = nw.co_member_edges(active, ["USA", "JPN", "AUS"])
    assert _edge_set(edges) == {("AUS", "USA", "treaty"), ("JPN", "USA", "treaty"), ("AUS", "JPN", "partnership")}


def test_edges_by_year_respect_joined_left_founded_and_dissolved(orgs, members):
    edges = nw.edges_by_year(members, orgs, [1951, 1955, 1960, 1985, 1986, 2007, 2008, 2026], pd.Timestamp("2026-02-06"), NODES)
    by_year = {year: _edge_set(group) for year, group in edges.groupby("year")}
    assert by_year[1951] == {("AUS", "USA", "treaty"), ("NZL", "USA", "treaty"), ("AUS", "NZL", "treaty"), ("JPN", "USA", "partnership")}
    assert ("JPN", "USA", "partnership") in by_year[1955]  # the 1951 treaty, without a defence clause
    assert ("JPN", "USA", "treaty") in by_year[1960]  # replaced in June 1960
    assert ("NZL", "USA", "treaty") in by_year[1985]
    assert not any("NZL" in edge for edge in by_year[1986])  # suspended in September 1986
    assert ("IND", "USA", "dialogue") in by_year[2007]
    assert not any("IND" in edge for edge in by_year[2008])  # the first Quad lapsed in February 2008
    assert ("AUS", "JPN", "partnership") in by_year[2026]


def test_degree_centralisation_by_hand():
    star = nx.star_graph(4)  # hub 0 and four leaves
    assert nw.degree_centralisation(star) == pytest.approx(1.0)
    assert nw.degree_centralisation(nx.complete_graph(5)) == pytest.approx(0.0)
    path = nx.path_graph(4)  # degrees 1, 2, 2, 1: (1 + 0 + 0 + 1) / (3 * 2)
    assert nw.degree_centralisation(path) == pytest.approx(1 / 3)
    assert math.isnan(nw.degree_centralisation(nx.path_graph(2)))


def test_network_measures_on_a_toy_graph():
    edges = pd.DataFrame(
        [("A", "USA", "treaty", "x"), ("B", "USA", "treaty", "x"), ("A", "B", "dialogue", "y")],
        columns=["source", "target", "tie_type", "arrangements"],
    )
    graph = nw.tie_graph(edges, ["USA", "A", "B", "C", "D"])
    measures = nw.network_measures(graph)
    assert measures["ties"] == 3
    assert measures["countries_tied"] == 3
    assert measures["density"] == pytest.approx(3 / 10)  # 3 of 5*4/2 possible ties
    assert measures["us_share"] == pytest.approx(2 / 3)
    assert measures["ties_without_us"] == 1
    # Degrees 2, 2, 2, 0, 0: (0 + 0 + 0 + 2 + 2) / (4 * 3)
    assert measures["centralisation"] == pytest.approx(1 / 3)


def test_measures_by_year_handle_years_without_ties():
    edges = pd.DataFrame(
        [(2000, "A", "USA", "treaty", "x")], columns=["year", "source", "target", "tie_type", "arrangements"]
    )
    measures = nw.measures_by_year(edges, ["USA", "A", "B"], [1999, 2000]).set_index("year")
    assert measures.loc[1999, "ties"] == 0 and math.isnan(measures.loc[1999, "us_share"])
    assert measures.loc[2000, "us_share"] == 1.0
    assert measures.loc[2000, "density"] == pytest.approx(1 / 3)
    table = network_report.measures_table(measures.reset_index(), [2000])
    assert table["Year"].tolist() == ["2000"] and "US share of ties" in table.columns


def test_circular_layout_is_fixed_with_the_hub_in_the_centre():
    countries = pd.DataFrame(
        [("JPN", "East Asia"), ("KOR", "East Asia"), ("PHL", "Southeast Asia"), ("AUS", "Oceania"), ("USA", "North America")],
        columns=["iso3", "region"],
    )
    first = network_report.circular_layout_by_region(countries)
    assert first == network_report.circular_layout_by_region(countries)
    assert first["USA"] == (0.0, 0.0)
    others = [p for k, p in first.items() if k != "USA"]
    assert all(math.hypot(x, y) == pytest.approx(1.0) for x, y in others)
    assert len(set(others)) == 4
    # Neighbours within a region are closer than neighbours across a region gap.
    def distance(a: str, b: str) -> float:
        return math.dist(first[a], first[b])
    assert distance("JPN", "KOR") < distance("KOR", "PHL")


def test_plots_carry_a_source_line(orgs, members):
    """What each chart plots is checked in test_figure_data.py; here every chart of the chapter names its source."""
    countries = pd.DataFrame(
        [(c, "East Asia" if c in ("JPN", "KOR") else "Other") for c in NODES], columns=["iso3", "region"]
    )
    years = [1955, 2026]
    edges = nw.edges_by_year(members, orgs, years, pd.Timestamp("2026-02-06"), NODES)
    positions = network_report.circular_layout_by_region(countries)
    measures = nw.measures_by_year(edges, NODES, years)
    for fig in (network_report.plot_network_panels(edges, countries, years, positions),
                network_report.plot_measures(measures, years)):
        assert fig.get_supxlabel().startswith("Source: "), fig.get_supxlabel()



def test_ties_added_lists_new_ties_without_the_us_strongest_first(orgs, members):
    edges = nw.edges_by_year(members, orgs, [1990, 2026], pd.Timestamp("2026-02-06"), NODES)
    names = {c: c.lower() for c in NODES}
    added = network_report.ties_added(edges, 1990, 2026, names)
    # New since 1990 without the US: AUS-JPN (RAA beats the Quad), AUS-IND and IND-JPN (Quad).
    assert added[["Country", "Partner", "Tie (strongest)"]].values.tolist() == [
        ["aus", "jpn", "Defence partnership"],
        ["aus", "ind", "Minilateral dialogue"],
        ["ind", "jpn", "Minilateral dialogue"],
    ]


def test_dependence_on_counts_lost_and_downgraded_ties(orgs, members):
    active = ms.active_memberships(members, orgs, pd.Timestamp("2024-12-31"))
    # Without the RAA the AUS-JPN tie survives through the Quad, as a dialogue: not lost, not a treaty before.
    assert nw.dependence_on(active, "raa", NODES) == {"lost": 0, "downgraded": 0}
    # Without the Quad, AUS-IND and IND-JPN vanish.
    assert nw.dependence_on(active, "quad", NODES) == {"lost": 2, "downgraded": 0}
    # ANZUS ties only AUS and the US (NZL suspended): nothing without the US is lost.
    assert nw.dependence_on(active, "anzus", NODES) == {"lost": 0, "downgraded": 0}


def test_dependence_on_detects_a_downgrade():
    orgs = make_orgs([
        ("pact", "Pact", "collective_defense", "1954-09-08", "", True),
        ("fpda", "FPDA", "defense_partnership", "1971-04-16", "", False),
    ])
    members = make_members([
        ("pact", "AUS", "member", "1954-09-08", ""), ("pact", "GBR", "member", "1954-09-08", ""),
        ("pact", "THA", "member", "1954-09-08", ""),
        ("fpda", "AUS", "member", "1971-04-16", ""), ("fpda", "GBR", "member", "1971-04-16", ""),
    ])
    active = ms.active_memberships(members, orgs, pd.Timestamp("2000-01-01"))
    # AUS-GBR falls to a partnership; AUS-THA and GBR-THA vanish.
    assert nw.dependence_on(active, "pact", ["AUS", "GBR", "THA"]) == {"lost": 2, "downgraded": 1}


def test_regional_pairs_added_counts_pairs_only_regional_bodies_would_tie(orgs, members):
    active = ms.active_memberships(members, orgs, pd.Timestamp("2024-12-31"))
    # The forum (PHL, USA, KOR) would add KOR-PHL, KOR-USA and PHL-USA, none of them tied otherwise.
    assert nw.regional_pairs_added(active, NODES) == 3


def test_summary_numbers_read_each_year_from_its_own_row():
    measures = pd.DataFrame({
        "year": [2000, 2010, 2020, 2024],
        "ties": [10, 20, 30, 40],
        "density": [0.1, 0.2, 0.3, 0.4],
        "us_share": [0.9, 0.7, 0.8, 0.6],
        "ties_without_us": [1, 6, 6, 16],
        "centralisation": [0.5, 0.4, 0.3, 0.2],
        "countries_tied": [5, 6, 7, 8],
    })
    edges = pd.DataFrame(
        [(2024, "JPN", "AUS", "treaty"), (2024, "JPN", "PHL", "partnership"), (2024, "USA", "JPN", "treaty"),
         (2024, "IND", "JPN", "dialogue"), (2020, "JPN", "AUS", "partnership")],
        columns=["year", "source", "target", "tie_type"],
    )
    numbers = network_report.summary_numbers(edges, measures, 3, [2010, 2020], 2020, pd.Timestamp("2024-06-30"), 12,
                                 {"lost": 2, "downgraded": 1})
    assert numbers["net_first_year"] == "2000" and numbers["net_last_year"] == "2024"
    assert numbers["net_max_us_share_year"] == "2000" and numbers["net_max_us_share"] == 0.9
    assert numbers["net_band_from"] == "2010"
    assert (numbers["net_us_share_band_min"], numbers["net_us_share_band_max"]) == (0.6, 0.8)
    assert (numbers["net_ties_2000"], numbers["net_ties_2010"], numbers["net_ties_2020"], numbers["net_ties_today"]) == (10, 20, 30, 40)
    assert numbers["net_density_today"] == 0.4 and numbers["net_us_share_2010"] == 0.7
    assert numbers["net_without_us_2020"] == 6 and numbers["net_centralisation_today"] == 0.2
    assert numbers["net_countries_tied_2010"] == 6
    assert "net_ties_2024" not in numbers, "the last year is called today"
    assert (numbers["net_without_us_treaty_today"], numbers["net_without_us_partnership_today"],
            numbers["net_without_us_dialogue_today"]) == (1, 1, 1)
    assert numbers["net_without_us_partnership_2020"] == 1 and numbers["net_without_us_treaty_2020"] == 0
    assert (numbers["net_manila_lost"], numbers["net_manila_downgraded"], numbers["net_n_nodes"]) == (2, 1, 12)
    assert numbers["net_regional_pairs_today"] == 3 and numbers["net_as_of"] == "2024-06-30"


def test_new_treaty_sentences_name_the_new_treaties_and_their_regions():
    from asian_nato.report import network_report as nr

    countries = pd.DataFrame({"iso3": ["AUS", "TUV", "PRK", "RUS", "USA", "JPN"],
                              "region": ["Oceania", "Oceania", "East Asia", "Europe", "North America", "East Asia"]})
    names = dict(zip(countries["iso3"], ["Australia", "Tuvalu", "North Korea", "Russia", "United States", "Japan"]))

    def edge(a, b, kind, year, arrangement=""):
        return {"source": a, "target": b, "tie_type": kind, "year": year, "arrangements": arrangement}

    base = [edge("AUS", "JPN", "partnership", 1990), edge("AUS", "JPN", "partnership", 2026),
            edge("JPN", "USA", "treaty", 2026, "US-Japan")]
    edges = pd.DataFrame(base + [edge("AUS", "TUV", "treaty", 2026, "Falepili Union"),
                                 edge("PRK", "RUS", "treaty", 2026, "Russia-DPRK 2024")])
    new = nw.treaty_ties_added(edges, 1990, 2026)
    assert nr.new_treaty_ties_sentence(new, names).startswith(
        "The new treaty ties are Australia–Tuvalu (Falepili Union) and North Korea–Russia (Russia-DPRK 2024); everywhere else")
    allies = nw.treaty_ties_added(edges, 1990, 2026, exclude=("USA", "CHN", "RUS", "PRK"))
    assert nr.new_treaties_takeaway(allies, countries, 1990) == (
        "New mutual-defence treaties that leave out the United States, China, Russia and North Korea, "
        "the step a NATO-like alliance would need, have come only within Oceania.")
    none = nw.treaty_ties_added(pd.DataFrame(base), 1990, 2026)  # the US-Japan treaty is the hub's, left out
    assert nr.new_treaty_ties_sentence(none, names).startswith("No new treaty tie has been added among them:")
    assert nr.new_treaties_takeaway(none, countries, 1990).startswith("No new mutual-defence treaty that leaves out the United States")


def added_edges_input() -> pd.DataFrame:
    """Ties in 2000 and 2010: one kept, one new treaty, one new partnership, one new tie of the hub, one dropped."""
    rows = [
        (2000, "AUS", "JPN", "partnership"), (2000, "JPN", "PHL", "treaty"), (2000, "AUS", "USA", "treaty"),
        (2010, "AUS", "JPN", "treaty"), (2010, "AUS", "TUV", "treaty"), (2010, "IND", "JPN", "partnership"),
        (2010, "PHL", "USA", "treaty"), (2010, "PRK", "RUS", "treaty"),
    ]
    return pd.DataFrame(rows, columns=["year", "source", "target", "tie_type"])


def test_edges_added_are_the_pairs_untied_before_leaving_out_the_hub():
    added = nw.edges_added(added_edges_input(), 2000, 2010)
    # AUS–JPN was tied in 2000 (its type changed, but the pair is not new); PHL–USA involves the hub.
    assert list(zip(added["source"], added["target"], added["tie_type"])) == [
        ("AUS", "TUV", "treaty"), ("IND", "JPN", "partnership"), ("PRK", "RUS", "treaty")]
    assert list(added.columns) == ["year", "source", "target", "tie_type"] and list(added.index) == [0, 1, 2]
    with_hub = nw.edges_added(added_edges_input(), 2000, 2010, exclude=())
    assert ("PHL", "USA") in set(zip(with_hub["source"], with_hub["target"]))
    assert nw.edges_added(added_edges_input(), 2000, 2000).empty


def test_treaty_ties_added_keeps_only_treaties():
    treaties = nw.treaty_ties_added(added_edges_input(), 2000, 2010)
    assert list(zip(treaties["source"], treaties["target"])) == [("AUS", "TUV"), ("PRK", "RUS")]
    assert list(treaties.index) == [0, 1]
    # Excluding another country in place of the hub lets the hub's new tie in.
    assert nw.treaty_ties_added(added_edges_input(), 2000, 2010, exclude=("AUS",))["source"].tolist() == ["PHL", "PRK"]
