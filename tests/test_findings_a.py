"""The findings of chapters 2 and 3 that used to be typed: each sentence on hand-made frames, and the data change
that flips its wording."""

from __future__ import annotations

import pandas as pd
import pytest

from asian_nato.analysis import memberships as ms
from asian_nato.analysis import network as nw
from asian_nato.report import memberships_report as mr
from asian_nato.report import network_report as nr


def tie_counts(rows: list[tuple[str, str, str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "name", "region", "treaties", "partnerships"])


def edges(rows: list[tuple[int, str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "source", "target", "tie_type", "arrangements"])


# ---------------------------------------------------------------- chapter 2

COUNTS = tie_counts([
    ("USA", "United States", "North America", 3, 4),
    ("AUS", "Australia", "Oceania", 2, 3),
    ("PHL", "Philippines", "Southeast Asia", 1, 1),
    ("IND", "India", "South Asia", 0, 1),
    ("IDN", "Indonesia", "Southeast Asia", 0, 1),
    ("NPL", "Nepal", "South Asia", 0, 0),
])


def test_leader_sentence_names_the_country_first_on_both_counts():
    assert mr.leader_sentence(COUNTS) == ("No country belongs to more defence treaties or more partnerships and dialogues "
                                          "than the United States (3 and 4), and Australia comes next.")


def test_leader_sentence_splits_when_another_country_has_more_partnerships():
    more = COUNTS.assign(partnerships=COUNTS["partnerships"].where(COUNTS["iso3"] != "AUS", 5))
    assert mr.leader_sentence(more) == ("The United States belongs to the most defence treaties (3) and Australia to the "
                                        "most partnerships and dialogues (5).")


def test_asian_treaty_sentence_says_only_for_a_minority():
    assert mr.asian_treaty_sentence(COUNTS) == "Of the four Asian states followed, only one is party to a defence treaty."
    bound = COUNTS.assign(treaties=COUNTS["treaties"].where(~COUNTS["iso3"].isin(["IND", "IDN"]), 1))
    assert mr.asian_treaty_sentence(bound) == "Of the four Asian states followed, three are party to a defence treaty."


def test_treaty_spread_and_south_southeast_clauses_flip_with_the_counts():
    assert mr.treaty_spread_clause(COUNTS) == "are concentrated in a minority of the countries followed (3 of 6)"
    assert mr.south_southeast_clause(COUNTS) == ("most of South and Southeast Asia has partnerships and dialogues at most "
                                                 "(3 of its 4 countries have no defence treaty)")
    bound = COUNTS.assign(treaties=COUNTS["treaties"].where(~COUNTS["iso3"].isin(["IND", "IDN"]), 1))
    assert mr.treaty_spread_clause(bound) == "bind most of the countries followed (5 of 6)"
    assert mr.south_southeast_clause(bound) == ("most of South and Southeast Asia has a defence treaty (only 1 of its 4 "
                                                "countries has none)")


def test_a_half_is_not_most():
    half = COUNTS.assign(treaties=COUNTS["treaties"].where(COUNTS["iso3"] != "IND", 1))
    assert mr.south_southeast_clause(half).startswith("most of South and Southeast Asia has a defence treaty")
    assert mr.treaty_spread_clause(half) == "bind most of the countries followed (4 of 6)"
    assert mr.south_southeast_clause(COUNTS.assign(treaties=COUNTS["treaties"].where(COUNTS["iso3"] != "IDN", 1))
                                     ).startswith("most of South and Southeast Asia has a defence treaty")


PAIRS = pd.DataFrame({
    "a": ["quad", "quad", "aukus", "quad", "aukus", "sco"],
    "b": ["aukus", "squad", "squad", "sco", "sco", "eas"],
    "shared": [2, 3, 2, 1, 0, 3],
    "jaccard": [0.4, 0.6, 0.4, 0.1, 0.0, 0.2],
})
CAMPS = pd.Series({"quad": "us", "aukus": "us", "squad": "us", "sco": "china_russia", "eas": ""})


def test_camp_overlap_counts_pairs_within_and_across():
    overlap = ms.camp_overlap(PAIRS, CAMPS)
    assert overlap[["pairs", "sharing"]].to_dict("index") == {
        "within_us": {"pairs": 3, "sharing": 3}, "across": {"pairs": 2, "sharing": 1}}


def test_camp_overlap_sentence_and_clause():
    overlap = pd.DataFrame({"pairs": [3, 6], "sharing": [3, 1], "mean_jaccard": [0.5, 0.02]},
                           index=["within_us", "across"])
    assert mr.camp_overlap_sentence(overlap) == (
        "The region's groupings overlap a great deal among the US and its allies (three of three pairs share a member), "
        "and hardly at all between them and the groupings led by China and Russia (one of six).")
    assert mr.camp_overlap_clause(overlap, ["the CSTO", "the SCO"]) == (
        "The US-led groupings overlap heavily with one another and barely with the CSTO or the SCO")
    more_across = overlap.assign(sharing=[1, 4])
    assert mr.camp_overlap_sentence(more_across) == (
        "The region's groupings overlap in part among the US and its allies (one of three pairs share a member), "
        "and a great deal between them and the groupings led by China and Russia (four of six).")
    assert mr.camp_overlap_clause(more_across, ["the SCO"]) == (
        "The US-led groupings overlap in part with one another and heavily with the SCO")


def test_web_sentence_checks_the_leaders_are_the_us_and_its_treaty_allies():
    assert mr.web_sentence(COUNTS, {"AUS", "PHL"}) == (
        "The region's web of security ties is spun around the United States and its treaty allies: the United States, "
        "Australia and the Philippines take part in the most arrangements.")
    tied_with_india = COUNTS.assign(partnerships=COUNTS["partnerships"].where(COUNTS["iso3"] != "IND", 2))
    assert mr.web_sentence(tied_with_india, {"AUS", "PHL"}).endswith(
        "the countries in the most arrangements are the United States, Australia, the Philippines and India.")
    assert mr.web_sentence(COUNTS, {"AUS"}) == (
        "The region's web of security ties is not spun around the United States and its treaty allies alone: the "
        "countries in the most arrangements are the United States, Australia and the Philippines.")


BOTH = pd.DataFrame({"iso3": ["IND", "TUR"], "name": ["India", "Türkiye"], "region": ["South Asia", "Western Asia"],
                     "us": ["US-India defence framework; Quad", "NATO"], "china_russia": ["SCO", "SCO (dialogue partner)"]})


def test_straddlers_clause():
    assert mr.straddlers_clause(BOTH) == ("the countries that straddle both camps, India and Türkiye, are exactly those "
                                          "whose membership would decide whether an Asian alliance is broad or narrow")
    assert mr.straddlers_clause(BOTH.head(1)).startswith("the country that straddles both camps, India, is exactly the one")
    assert mr.straddlers_clause(BOTH.head(0)).startswith("no country straddles both camps")


def test_country_camps_sentence_reads_the_arrangements_from_the_data():
    assert mr.country_camps_sentence(BOTH, "IND", "India", "the case named") == (
        "India, the case named, sits in the US-India defence framework and the Quad with the United States and in the "
        "SCO with China and Russia.")
    assert mr.country_camps_sentence(BOTH, "TUR", "Türkiye", "a NATO member") == (
        "Türkiye, a NATO member, sits in NATO with the United States and in the SCO (dialogue partner) with China and "
        "Russia.")
    assert mr.country_camps_sentence(BOTH.tail(1), "IND", "India", "the case named") == (
        "India, the case named, is not in both camps by this rule.")


def test_no_treaty_between_clause():
    assert mr.no_treaty_between_clause(COUNTS, ["IND", "PHL", "IDN"]) == "India and Indonesia have no defence treaty"
    assert mr.no_treaty_between_clause(COUNTS, ["PHL"]) == "the Philippines is party to at least one defence treaty"
    assert mr.no_treaty_between_clause(COUNTS, ["PHL", "AUS"]) == (
        "each of the Philippines and Australia is party to at least one defence treaty")


def test_treaty_partners():
    active = pd.DataFrame({
        "org_id": ["t1", "t1", "t2", "t2", "p1", "p1", "t3"],
        "iso3": ["USA", "JPN", "USA", "PHL", "USA", "IND", "NZL"],
        "status": ["member", "member", "member", "member", "member", "member", "member"],
        "tie_type": ["treaty", "treaty", "treaty", "treaty", "partnership", "partnership", "treaty"],
    })
    assert ms.treaty_partners(active, "USA") == {"JPN", "PHL"}
    assert ms.treaty_partners(active.assign(status="suspended"), "USA") == set()


# ---------------------------------------------------------------- chapter 3

EDGES = edges([
    (1955, "AUS", "NZL", "treaty", "ANZUS; Manila Pact"),
    (1955, "AUS", "PAK", "treaty", "Manila Pact"),
    (1955, "NZL", "PAK", "treaty", "Manila Pact"),
    (1955, "CAN", "GBR", "treaty", "NATO"),
    (1955, "AUS", "USA", "treaty", "ANZUS"),
    (1975, "AUS", "NZL", "treaty", "ANZUS; Manila Pact"),
    (1975, "AUS", "MYS", "partnership", "FPDA"),
    (1975, "MYS", "NZL", "partnership", "FPDA"),
    (1975, "CAN", "GBR", "treaty", "NATO"),
    (1975, "AUS", "USA", "treaty", "ANZUS"),
    (1975, "CHN", "PRK", "treaty", "China-DPRK treaty"),
])
NAMES = {"AUS": "Australia", "NZL": "New Zealand", "PAK": "Pakistan", "PHL": "Philippines", "JPN": "Japan",
         "MYS": "Malaysia", "GBR": "United Kingdom", "KOR": "South Korea"}
TYPES = pd.Series({"FPDA": "partnership", "China-DPRK treaty": "treaty", "ANZUS": "treaty", "Manila Pact": "treaty",
                   "NATO": "treaty", "Quad": "dialogue", "Japan-Australia RAA": "partnership"})


def test_arrangement_chords_sentence_says_most_only_above_half():
    chords = nw.chords_through(EDGES, 1955, "Manila Pact")
    assert nr.arrangement_chords_sentence(chords, 4, 1955, "Manila Pact", NAMES) == (
        "In 1955 most chords (three of four) come from the Manila Pact, which tied Australia, New Zealand and Pakistan "
        "to one another.")
    assert nr.arrangement_chords_sentence(chords, 6, 1955, "Manila Pact", NAMES) == (
        "In 1955 three of the six chords come from the Manila Pact, which tied Australia, New Zealand and Pakistan to "
        "one another.")


def test_arrangement_leavers_clause():
    before, after = (nw.chords_through(EDGES, year, "Manila Pact") for year in (1955, 1975))
    assert nr.arrangement_leavers_clause(before, after, 1975, NAMES) == "By 1975 Pakistan has left it"
    assert nr.arrangement_leavers_clause(before, before, 1975, NAMES) == "By 1975 all its members are still tied by it"


def test_chords_added_words_groups_by_arrangement():
    added = nw.chords_added_by_arrangement(EDGES, 1955, 1975, TYPES)
    assert added.to_dict("list") == {"arrangement": ["China-DPRK treaty", "FPDA"], "tie_type": ["treaty", "partnership"],
                                     "ties": [1, 2]}
    assert nr.chords_added_words(added) == ("one solid tie through the China-DPRK treaty; and two dashed ties through "
                                            "the FPDA")
    assert nr.chords_added_words(added.head(0)) == "no new chord"


def test_chords_added_by_arrangement_puts_a_tie_down_to_the_arrangement_behind_most():
    later = edges([
        (2020, "AUS", "JPN", "partnership", "Japan-Australia RAA; Quad"),
        (2020, "AUS", "IND", "dialogue", "Quad"),
        (2020, "IND", "JPN", "dialogue", "Quad"),
    ])
    added = nw.chords_added_by_arrangement(later, 2010, 2020, TYPES)
    # the Quad is behind three new ties, but AUS–JPN is a partnership, so only a partnership can explain it
    assert added.to_dict("list") == {"arrangement": ["Japan-Australia RAA", "Quad"], "tie_type": ["partnership", "dialogue"],
                                     "ties": [1, 2]}


def test_little_change_sentence_flips_at_a_fifth():
    assert nr.little_change_sentence({"added": 4, "lost": 1, "before": 42}, 1995, 2010) == (
        "Between 1995 and 2010 the picture hardly changes: four ties are added and one lost.")
    assert nr.little_change_sentence({"added": 9, "lost": 1, "before": 42}, 1995, 2010) == (
        "Between 1995 and 2010 the picture changes: nine ties are added and one lost.")


def test_ties_changed():
    assert nw.ties_changed(EDGES, 1955, 1975) == {"added": 3, "lost": 2, "before": 5}


MEASURES = pd.DataFrame({
    "year": [1951, 1954, 1955, 2026],
    "ties": [2, 4, 10, 12],
    "ties_without_us": [1, 1, 7, 9],
    "us_share": [0.5, 0.75, 0.3, 0.25],
    "density": [0.01, 0.02, 0.05, 0.06],
})


def test_density_sentence_flips_at_the_threshold():
    assert nr.density_sentence(MEASURES) == "Density stays low, below 0.1 in every year"
    assert nr.density_sentence(MEASURES.assign(density=[0.01, 0.02, 0.05, 0.12])) == "Density reaches 0.120 in 2026"


def test_untied_sentence():
    countries = pd.DataFrame({"iso3": ["AUS", "NZL", "PAK", "NPL", "FJI"],
                              "region": ["Oceania", "Oceania", "South Asia", "South Asia", "Oceania"]})
    assert nr.untied_sentence(EDGES, countries, 1975) == (
        "Of the five countries followed, most have no tie of these kinds in 1975: two in South Asia and one in Oceania.")
    assert nr.untied_sentence(EDGES, countries, 1955) == (
        "Of the five countries followed, two have no tie of these kinds in 1955: one in Oceania and one in South Asia.")


def test_us_share_peak_clause():
    assert nr.us_share_peak_clause(MEASURES, 1955) == "before the Manila Pact took effect, and fell to 30% once it had"
    assert nr.us_share_peak_clause(MEASURES.assign(us_share=[0.5, 0.2, 0.3, 0.8]), 1955) == (
        "after the Manila Pact took effect in 1955, when it stood at 30%")


def test_hub_history_and_untidy_takeaway():
    leads = pd.Series([True, True], index=[1951, 2026])
    assert nr.hub_history_clause(leads, MEASURES) == (
        "whose centre has always been the United States, but which was never a pure hub with spokes")
    star = MEASURES.assign(ties_without_us=[0, 1, 7, 9])
    assert nr.hub_history_clause(pd.Series([True, False], index=[1951, 2026]), star) == (
        "whose centre has not always been the United States, and which was a pure hub with spokes in 1951")
    assert nr.untidy_takeaway(MEASURES).startswith("The hub-and-spoke system was always less tidy than its name")
    assert nr.untidy_takeaway(star) == ("The hub-and-spoke system was at times as tidy as its name: in 1951 every tie "
                                        "ran through the United States.")


def test_hub_leads_every_year():
    assert nw.hub_leads_every_year(EDGES).to_dict() == {1955: False, 1975: False}
    star = edges([(2000, "AUS", "USA", "treaty", "ANZUS"), (2000, "JPN", "USA", "treaty", "US-Japan"),
                  (2000, "AUS", "NZL", "treaty", "ANZUS")])
    assert nw.hub_leads_every_year(star).to_dict() == {2000: True}


NEW = edges([
    (2026, "AUS", "JPN", "partnership", "RAA"),
    (2026, "JPN", "PHL", "partnership", "RAA"),
    (2026, "AUS", "KOR", "partnership", "NATO IP4/AP4"),
    (2026, "AUS", "TUV", "treaty", "Falepili Union"),
])


def test_new_ties_kind_sentence():
    assert nr.new_ties_kind_sentence(NEW, NAMES) == (
        "Most of the new ones are defence partnerships (three of four), Australia's and Japan's above all, not "
        "treaties (one).")
    treaties = NEW.assign(tie_type=["treaty", "treaty", "partnership", "treaty"])
    assert nr.new_ties_kind_sentence(treaties, NAMES) == (
        "Of the new ones, one of four is a defence partnership and three treaties.")
    halves = NEW.assign(tie_type=["treaty", "partnership", "partnership", "dialogue"])
    assert nr.new_ties_kind_sentence(halves, NAMES) == (
        "Of the new ones, two of four are defence partnerships and one a treaty.")
    assert nr.possessive("Philippines") == "the Philippines'"


def test_hub_today_sentence():
    assert nr.hub_today_sentence(True, 0.272, 0.327) == (
        "The United States is still the hub: degree centralisation, which measures how far one country outstrips the "
        "rest in ties, rose from 0.27 to 0.33 over the same years. The lattice is being woven around the hub, not "
        "instead of it.")
    assert nr.hub_today_sentence(True, 0.33, 0.27).endswith("fell from 0.33 to 0.27 over the same years. The lattice "
                                                            "is loosening the hub's hold.")


def test_kind_of_tie_and_lattice_takeaways():
    before = NEW.assign(tie_type="treaty")
    assert nr.kind_of_tie_takeaway(before, NEW, 13, 16) == (
        "What is new is the kind of tie being added. Since the end of the Cold War the allies have knit themselves "
        "together with access agreements, partnerships and dialogues, not with treaties (one of their four new ties is "
        "a treaty), and the United States has gained spokes at the same time.")
    treaties = NEW.assign(tie_type="treaty")
    assert nr.kind_of_tie_takeaway(before, treaties, 16, 13) == (
        "The ties being added are of the same kind as before. Since the end of the Cold War the allies have knit "
        "themselves together mostly with treaties (four of their four new ties are treaties), and the United States "
        "has lost spokes at the same time.")
    assert nr.lattice_takeaway(NEW, True) == ("The lattice an Asian NATO would formalise exists, but it is a lattice of "
                                              "partnerships around an American hub.")
    assert nr.lattice_takeaway(treaties, False) == ("The lattice an Asian NATO would formalise exists, but it is a "
                                                    "lattice of treaties no longer centred on the United States.")


@pytest.mark.parametrize("before, after, verb", [(27, 41, "grew"), (41, 27, "fell"), (5, 5, "stayed the same")])
def test_change_verb(before, after, verb):
    assert nr.change_verb(before, after) == verb
