"""Unit tests for asian_nato.analysis.memberships on small hand-made frames (shaped like the loaders' output)."""

from __future__ import annotations

import pandas as pd
import pytest

from asian_nato.analysis import memberships as ms
from asian_nato.report import memberships_report
from asian_nato.data.schemas import parse_partial_date


def _dates(values):
    """Partial ISO dates to timestamps, as the loaders in asian_nato.data parse them."""
    return pd.to_datetime(pd.Series(values, dtype="object").map(lambda v: parse_partial_date(v) if v else None))


def make_orgs(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["org_id", "short_name", "kind", "founded", "dissolved", "mutual_defense"])
    return frame.assign(
        founded_date=_dates(frame["founded"]),
        in_force_date=_dates(frame["founded"]),  # toy treaties enter into force when signed
        dissolved_date=_dates(frame["dissolved"]),
        defence_obligation=frame["mutual_defense"].map({True: "mutual", False: "none"}),
    ).drop(columns="mutual_defense")


def make_members(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["org_id", "iso3", "status", "joined", "left"])
    return frame.assign(joined_date=_dates(frame["joined"]), left_date=_dates(frame["left"]))


@pytest.fixture
def orgs() -> pd.DataFrame:
    return make_orgs([
        ("atlantic", "Atlantic", "collective_defense", "1949-08-24", "", True),
        ("pact", "Pact", "collective_defense", "1950-01-01", "", True),
        ("old_pact", "Old pact", "bilateral_defense", "1950-01-01", "1990-01-01", True),
        ("loose", "Loose treaty", "bilateral_defense", "1950-01-01", "", False),
        ("quad", "Quad", "minilateral_dialogue", "2007-05-01", "", False),
        ("sco", "SCO", "regional_organization", "2001-06-15", "", False),
        ("forum", "Forum", "regional_organization", "1994-01-01", "", False),
        ("nato_ap4", "IP4", "defense_partnership", "2012-01-01", "", False),
        ("cr_pact", "CR pact", "bilateral_defense", "2000-01-01", "", True),
        ("late", "Late", "defense_partnership", "2030-01-01", "", False),
    ])


@pytest.fixture
def members() -> pd.DataFrame:
    return make_members([
        ("atlantic", "USA", "member", "1949-08-24", ""),
        ("atlantic", "TUR", "member", "1952-02-18", ""),
        ("pact", "USA", "member", "1950-01-01", ""),
        ("pact", "AUS", "member", "1950-01-01", ""),
        ("pact", "NZL", "member", "1950-01-01", "1986-09-17"),
        ("pact", "NZL", "suspended", "1986-09-17", ""),
        ("old_pact", "USA", "member", "1950-01-01", ""),
        ("old_pact", "TWN", "member", "1950-01-01", ""),
        ("loose", "USA", "member", "1950-01-01", ""),
        ("loose", "THA", "member", "1950-01-01", ""),
        ("quad", "USA", "member", "2017-11-12", ""),
        ("quad", "IND", "member", "2017-11-12", ""),
        ("quad", "AUS", "member", "2017-11-12", ""),
        ("quad", "JPN", "member", "2017-11-12", ""),
        ("sco", "CHN", "member", "2001-06-15", ""),
        ("sco", "RUS", "member", "2001-06-15", ""),
        ("sco", "IND", "observer", "2005-01-01", "2017-06-09"),
        ("sco", "IND", "member", "2017-06-09", ""),
        ("sco", "PAK", "member", "2017-06-09", ""),
        ("sco", "TUR", "dialogue_partner", "2012-06-07", ""),
        ("sco", "THA", "dialogue_partner", "2015-01-01", "2016-01-01"),
        ("forum", "USA", "member", "1994-01-01", ""),
        ("forum", "CHN", "member", "1994-01-01", ""),
        ("forum", "THA", "member", "1994-01-01", ""),
        ("nato_ap4", "JPN", "partner", "2014-05-06", ""),
        ("nato_ap4", "AUS", "partner", "2013-02-21", ""),
        ("nato_ap4", "NZL", "partner", "2012-06-04", ""),
        ("cr_pact", "RUS", "member", "2000-01-01", ""),
        ("cr_pact", "PRK", "member", "2000-01-01", ""),
        ("late", "USA", "member", "2030-01-01", ""),
        ("late", "VNM", "member", "2030-01-01", ""),
    ])


@pytest.fixture
def countries() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("AUS", "Australia", "Oceania"), ("NZL", "New Zealand", "Oceania"), ("JPN", "Japan", "East Asia"),
            ("CHN", "China", "East Asia"), ("TWN", "Taiwan", "East Asia"), ("PRK", "North Korea", "East Asia"),
            ("IND", "India", "South Asia"), ("PAK", "Pakistan", "South Asia"), ("THA", "Thailand", "Southeast Asia"),
            ("VNM", "Viet Nam", "Southeast Asia"), ("USA", "United States", "North America"),
            ("RUS", "Russia", "Europe"), ("TUR", "Türkiye", "Western Asia"), ("DEU", "Germany", "Europe"),
        ],
        columns=["iso3", "name", "region"],
    )


TODAY = pd.Timestamp("2024-06-30")


def test_tie_types_separate_treaties_partnerships_dialogues_and_regional(orgs):
    types = ms.tie_types(orgs)
    assert types["pact"] == "treaty"
    assert types["loose"] == "partnership"  # a defence treaty without a mutual-defence clause
    assert types["nato_ap4"] == "partnership"
    assert types["quad"] == "dialogue"
    assert types["sco"] == "regional"


def test_active_memberships_respect_join_leave_founding_and_dissolution(orgs, members):
    active = ms.active_memberships(members, orgs, TODAY)
    pairs = set(zip(active["org_id"], active["iso3"], active["status"]))
    assert ("pact", "NZL", "suspended") in pairs and ("pact", "NZL", "member") not in pairs
    assert not any(org == "old_pact" for org, _, _ in pairs)  # dissolved in 1990
    assert not any(org == "late" for org, _, _ in pairs)  # founded after the date
    assert ("sco", "IND", "member") in pairs and ("sco", "IND", "observer") not in pairs
    assert ("sco", "THA", "dialogue_partner") not in pairs  # left in 2016
    in_1995 = ms.active_memberships(members, orgs, pd.Timestamp("1985-12-31"))
    assert set(in_1995.loc[in_1995["org_id"] == "old_pact", "iso3"]) == {"USA", "TWN"}
    assert set(in_1995.loc[in_1995["org_id"] == "pact", "status"]) == {"member"}


def test_active_memberships_keep_the_stronger_of_two_overlapping_statuses(orgs):
    overlapping = make_members([
        ("sco", "IND", "observer", "2005-01-01", ""),
        ("sco", "IND", "member", "2017-06-09", ""),
    ])
    active = ms.active_memberships(overlapping, orgs, TODAY)
    assert active[["org_id", "iso3", "status"]].values.tolist() == [["sco", "IND", "member"]]


def test_study_countries_are_indo_pacific_plus_outside_powers(countries):
    chosen = ms.study_countries(countries)
    assert "TUR" not in set(chosen["iso3"]) and "DEU" not in set(chosen["iso3"])
    assert {"USA", "RUS", "AUS", "IND"} <= set(chosen["iso3"])
    assert chosen["iso3"].tolist()[:4] == ["CHN", "JPN", "PRK", "TWN"]  # East Asia first, by name


def test_membership_matrix_on_a_toy_frame(orgs, members, countries):
    active = ms.active_memberships(members, orgs, TODAY)
    matrix = ms.membership_matrix(active, ms.study_countries(countries))
    # Columns: treaties, partnerships, dialogues, regional; by founding date within each.
    assert matrix.columns.tolist() == ["atlantic", "pact", "cr_pact", "loose", "nato_ap4", "quad", "forum", "sco"]
    assert matrix.loc["NZL", "pact"] == "suspended"
    assert matrix.loc["NZL", "nato_ap4"] == "partner"
    assert matrix.loc["IND", "sco"] == "member"
    assert matrix.loc["IND", "pact"] == ""
    assert "TWN" not in matrix.index  # its only arrangement was dissolved
    assert "VNM" not in matrix.index  # its only arrangement starts later
    assert "TUR" not in matrix.index  # not in the study countries
    long = ms.matrix_long(matrix)
    assert len(long) == (matrix != "").to_numpy().sum()


def test_tie_counts_count_treaties_and_partnerships_of_members_and_partners(orgs, members, countries):
    active = ms.active_memberships(members, orgs, TODAY)
    counts = ms.tie_counts(active, ms.study_countries(countries)).set_index("iso3")
    # USA: atlantic, pact (treaties); loose (partnership), quad (dialogue); forum is regional.
    assert counts.loc["USA", ["treaties", "partnerships"]].tolist() == [2, 2]
    # AUS: pact; nato_ap4 (as partner), quad.
    assert counts.loc["AUS", ["treaties", "partnerships"]].tolist() == [1, 2]
    # NZL is suspended from the pact: only nato_ap4 counts.
    assert counts.loc["NZL", ["treaties", "partnerships"]].tolist() == [0, 1]
    assert counts.loc["PRK", ["treaties", "partnerships"]].tolist() == [1, 0]
    assert counts.loc["VNM", ["treaties", "partnerships"]].tolist() == [0, 0]
    assert len(counts) == len(ms.study_countries(countries))
    assert counts.index[:4].tolist() == ["USA", "AUS", "PRK", "RUS"]  # treaties, partnerships, then name
    table = memberships_report.tie_counts_table(counts.reset_index())
    assert "VNM" not in set(table["ISO3"])


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ({"A", "B", "C"}, {"B", "C", "D"}, 2 / 4),
        ({"A", "B"}, {"A", "B"}, 1.0),
        ({"A"}, {"B"}, 0.0),
        (set(), set(), 0.0),
        ({"USA", "JPN", "AUS", "IND"}, {"USA", "JPN", "AUS", "PHL"}, 3 / 5),
    ],
)
def test_jaccard_on_hand_computed_sets(a, b, expected):
    assert ms.jaccard(frozenset(a), frozenset(b)) == pytest.approx(expected)


def test_overlap_matrices_and_pairs(orgs, members):
    active = ms.active_memberships(members, orgs, TODAY)
    sets = ms.member_sets(active, min_size=3)
    # atlantic has USA, TUR and pact has USA, AUS (NZL suspended): too small; the others have 3 or more members or partners.
    assert list(sets) == ["nato_ap4", "quad", "forum", "sco"]
    shared, index = ms.overlap_matrices(sets)
    assert shared.loc["quad", "nato_ap4"] == 2  # AUS, JPN
    assert index.loc["quad", "nato_ap4"] == pytest.approx(2 / 5)  # {AUS, JPN} of {USA, IND, AUS, JPN, NZL}
    assert index.loc["quad", "sco"] == pytest.approx(1 / 7)  # IND of {USA, IND, AUS, JPN, CHN, RUS, PAK}
    assert index.loc["sco", "sco"] == 1.0
    pairs = ms.overlap_long(shared, index, sets)
    assert len(pairs) == 6
    assert pairs.iloc[0][["a", "b"]].tolist() == ["nato_ap4", "quad"]
    assert pairs.iloc[0]["shared_members"] == "AUS, JPN"


def test_arrangement_camps_follow_the_rule_and_the_two_exceptions(orgs, members):
    camps = ms.arrangement_camps(ms.active_memberships(members, orgs, TODAY))
    assert camps["pact"] == "us"
    assert camps["quad"] == "us"
    assert camps["nato_ap4"] == "us"  # placed by hand: the US is not listed in it
    assert camps["cr_pact"] == "china_russia"
    assert camps["sco"] == "china_russia"  # a regional organisation, placed by hand
    assert camps["forum"] == ""  # regional organisations are in no camp


def test_both_camps_names_india_and_turkiye_but_not_pakistan_or_thailand(orgs, members, countries):
    both = ms.both_camps(ms.active_memberships(members, orgs, TODAY), countries).set_index("iso3")
    assert set(both.index) == {"IND", "TUR"}
    assert both.loc["IND", "us"] == "Quad"
    assert both.loc["IND", "china_russia"] == "SCO"
    assert both.loc["TUR", "us"] == "Atlantic"
    assert both.loc["TUR", "china_russia"] == "SCO (dialogue partner)"
    # Before 2016, Thailand was an SCO dialogue partner and had a US treaty: both camps then.
    earlier = ms.both_camps(ms.active_memberships(members, orgs, pd.Timestamp("2015-06-30")), countries)
    assert "THA" in set(earlier["iso3"])
    assert "IND" not in set(earlier["iso3"])  # no arrangement with the US before the Quad's 2017 revival


def test_camp_table_lists_us_camp_first(orgs, members):
    table = memberships_report.camp_arrangements_table(ms.active_memberships(members, orgs, TODAY))
    assert table["Camp"].iloc[0] == ms.CAMP_LABELS["us"]
    assert set(table["Arrangement"]) == {"Atlantic", "Pact", "Loose treaty", "IP4", "Quad", "CR pact", "SCO"}


def test_plots_carry_a_source_line(orgs, members, countries):
    """What each chart plots is checked in test_figure_data.py; here every chart of the chapter names its source."""
    active = ms.active_memberships(members, orgs, TODAY)
    study = ms.study_countries(countries)
    matrix = ms.membership_matrix(active, study)
    shared, index = ms.overlap_matrices(ms.member_sets(active))
    for fig in (
        memberships_report.plot_membership_matrix(matrix, active, study),
        memberships_report.plot_tie_counts(ms.tie_counts(active, study)),
        memberships_report.plot_jaccard(index, shared, {"quad": "Quad"}),
    ):
        assert fig.get_supxlabel().startswith("Source: "), fig.get_supxlabel()


def test_arrangements_table_lists_members_and_other_statuses(orgs, members):
    active = ms.active_memberships(members, orgs, TODAY)
    table = memberships_report.arrangements_table(active, orgs).set_index("Arrangement")
    assert table.loc["Pact", "Members"] == "AUS, USA"
    assert table.loc["Pact", "Other statuses"] == "NZL (suspended)"
    assert table.loc["SCO", "Other statuses"] == "TUR (dialogue partner)"
    assert table.loc["Quad", "Type"] == "Minilateral dialogue"
    assert table.loc["Quad", "Founded"] == "2007"


def test_names_in_prose_take_the_article_they_need():
    from asian_nato.report.display import in_prose

    assert in_prose("United States") == "the United States"
    assert in_prose("Maldives") == "the Maldives"
    assert in_prose("Japan") == "Japan"


def test_pair_overlap_finds_either_order(orgs, members):
    sets = ms.member_sets(ms.active_memberships(members, orgs, TODAY))
    shared, index = ms.overlap_matrices(sets)
    pairs = ms.overlap_long(shared, index, sets)
    assert ms.pair_overlap(pairs, "sco", "quad")["shared_members"] == "IND"
    with pytest.raises(KeyError):
        ms.pair_overlap(pairs, "quad", "nothing")


def test_runs_on_starts_inclusive_and_ends_exclusive() -> None:
    start = pd.to_datetime(pd.Series(["2000-01-01", "2000-01-01", "2000-01-01"]))
    end = pd.to_datetime(pd.Series([None, "2010-01-01", "2005-06-30"]))
    assert ms.runs_on(start, end, pd.Timestamp("2000-01-01")).tolist() == [True, True, True]
    assert ms.runs_on(start, end, pd.Timestamp("2010-01-01")).tolist() == [True, False, False]
    assert ms.runs_on(start, end, pd.Timestamp("1999-12-31")).tolist() == [False, False, False]


def test_summary_numbers_on_the_toy_frames(orgs, members, countries):
    # Worked by hand from the fixtures above, on TODAY (old_pact dissolved, late not yet in force).
    # Pairs follow arrangement order (partnerships before dialogues); the map leaves the US unlabelled.
    active = ms.active_memberships(members, orgs, TODAY)
    study = ms.study_countries(countries)
    matrix = ms.membership_matrix(active, study)
    counts, counts_everyone = ms.tie_counts(active, study), ms.tie_counts(active, countries)
    sets = ms.member_sets(active, min_size=3)
    pairs = ms.overlap_long(*ms.overlap_matrices(sets), sets)
    shapes = pd.DataFrame({"iso3": ["USA", "AUS", "JPN"]})
    numbers = memberships_report.summary_numbers(active, study, matrix, counts, counts_everyone, pairs,
                                 ms.both_camps(active, countries), shapes, 3)
    assert {key: numbers[key] for key in (
        "mem_n_study", "mem_n_rows", "mem_n_arrangements", "mem_n_treaty_arrangements",
        "mem_n_partnership_arrangements", "mem_n_dialogue_arrangements", "mem_n_regional_arrangements",
        "mem_n_without", "mem_without_names", "mem_top_name", "mem_top_treaties", "mem_top_partnerships",
        "mem_second_name", "mem_second_treaties", "mem_second_partnerships", "mem_n_with_treaty",
        "mem_n_with_any", "mem_n_with_none", "mem_n_groupings", "mem_n_pairs", "mem_n_pairs_sharing",
        "mem_n_pairs_disjoint", "mem_top_pair", "mem_n_both", "mem_both_names", "mem_n_asian",
        "mem_n_asian_with_treaty", "mem_n_on_map", "mem_n_treaty_on_map",
        "mem_usa_treaties", "mem_usa_partnerships", "mem_aus_partnerships", "mem_jpn_partnerships", "mem_ind_partnerships",
        "mem_rus_treaties", "mem_quad_sco_shared", "mem_quad_sco_members", "mem_quad_aukus_shared",
    )} == {
        "mem_n_study": 12, "mem_n_rows": 10, "mem_n_arrangements": 8, "mem_n_treaty_arrangements": 3,
        "mem_n_partnership_arrangements": 2, "mem_n_dialogue_arrangements": 1, "mem_n_regional_arrangements": 2,
        "mem_n_without": 2, "mem_without_names": "Taiwan and Viet Nam", "mem_top_name": "the United States",
        "mem_top_treaties": 2, "mem_top_partnerships": 2, "mem_second_name": "Australia",
        "mem_second_treaties": 1, "mem_second_partnerships": 2, "mem_n_with_treaty": 4,
        "mem_n_with_any": 8, "mem_n_with_none": 4, "mem_n_groupings": 4, "mem_n_pairs": 6,
        "mem_n_pairs_sharing": 4, "mem_n_pairs_disjoint": 2, "mem_top_pair": "IP4 and Quad", "mem_n_both": 2,
        "mem_both_names": "India and Türkiye", "mem_n_asian": 8, "mem_n_asian_with_treaty": 1,
        "mem_n_on_map": 3, "mem_n_treaty_on_map": 1,
        "mem_usa_treaties": 2, "mem_usa_partnerships": 2, "mem_aus_partnerships": 2, "mem_jpn_partnerships": 2, "mem_ind_partnerships": 1,
        "mem_rus_treaties": 1, "mem_quad_sco_shared": 1, "mem_quad_sco_members": "India", "mem_quad_aukus_shared": 0,
    }
    assert numbers["mem_top_pair_jaccard"] == pytest.approx(2 / 5)
    assert numbers["mem_quad_sco_jaccard"] == pytest.approx(1 / 7)


@pytest.mark.parametrize(("regions", "expected"), [
    (["South Asia"], "None of the countries in both camps is in Southeast Asia: there, a state has ties with one side or with neither."),
    (["Southeast Asia", "South Asia"], "One country in both camps is in Southeast Asia: Aland."),
    (["Southeast Asia", "Southeast Asia"], "Two countries in both camps are in Southeast Asia: Aland and Beland."),
])
def test_southeast_asia_in_both_sentence_follows_the_rows(regions, expected):
    both = pd.DataFrame({"name": ["Aland", "Beland"][:len(regions)], "region": regions})
    assert memberships_report.southeast_asia_in_both_sentence(both) == expected


@pytest.mark.parametrize(("names", "expected"), [
    ([], "No country sits in both camps."),
    (["India"], "One country sits in both camps: India."),
    (["India", "Türkiye"], "Two countries sit in both camps: India and Türkiye."),
])
def test_in_both_camps_sentence_agrees_with_the_count(names, expected):
    assert memberships_report.in_both_camps_sentence(pd.DataFrame({"name": names})) == expected


def test_most_connected_sentence_picks_the_first_indo_pacific_state_in_tie_order():
    counts = pd.DataFrame({
        "iso3": ["USA", "AUS", "JPN"], "name": ["United States", "Australia", "Japan"],
        "region": ["North America", "Oceania", "East Asia"], "treaties": [9, 3, 1], "partnerships": [12, 11, 14],
    })
    assert memberships_report.most_connected_sentence(counts) == (
        "The most connected of the region's own states, counting defence treaties first, is Australia, "
        "with three defence treaties and 11 partnerships and dialogues.")
    assert memberships_report.most_connected_sentence(counts.iloc[[0]]) == "None of the region's own states has a tie of these kinds."


def test_top_pair_clause_follows_the_index_and_the_asean_forums():
    from asian_nato.report import memberships_report as mr

    assert mr.top_pair_clause(1.0, True) == "two broad regional bodies built around ASEAN with the same members"
    assert mr.top_pair_clause(0.92, True) == "two broad regional bodies built around ASEAN with nearly the same members"
    assert mr.top_pair_clause(0.6, False) == "two groupings that overlap more than any other pair, though far from fully"


MINILATERALS = {
    "mem_quad_squad_jaccard": 0.6, "mem_quad_squad_members": "Australia, Japan and the United States",
    "mem_quad_aukus_jaccard": 0.4, "mem_quad_aukus_members": "Australia and the United States",
    "mem_quad_sco_jaccard": 1 / 13, "mem_quad_sco_members": "India", "mem_quad_sco_shared": 1,
}


def test_minilaterals_sentence_at_the_books_figures():
    from asian_nato.report import memberships_report as mr

    assert mr.minilaterals_sentence(MINILATERALS) == (
        "The US-led minilaterals overlap more with each other than with the groupings led by China and Russia: the Quad and "
        "the Squad share Australia, Japan and the United States (index 0.60) and the Quad and AUKUS share Australia and the "
        "United States (0.40), while the Quad and the SCO share only India (0.08).")


def test_minilaterals_sentence_turns_when_the_sco_overlap_is_as_large():
    from asian_nato.report import memberships_report as mr

    sentence = mr.minilaterals_sentence({**MINILATERALS, "mem_quad_sco_jaccard": 0.4, "mem_quad_sco_members": "India and Russia",
                                         "mem_quad_sco_shared": 2})
    assert sentence.startswith("The US-led minilaterals overlap with the groupings led by China and Russia as much as with each other")
    assert "share India and Russia (0.40)" in sentence
    none = mr.minilaterals_sentence({**MINILATERALS, "mem_quad_sco_jaccard": 0.0, "mem_quad_sco_members": "none", "mem_quad_sco_shared": 0})
    assert "the Quad and the SCO share no member (0.00)" in none
