"""Sentences of chapters 1, 7 and 8 and the commitments chapter that state findings: each computed, each able to flip."""

from __future__ import annotations

import pandas as pd
import pytest

from asian_nato.analysis import answer, positions
from asian_nato.report import answer_report, asean_report, coalition_findings as cr, commitments_report as cm

NAMES = {"USA": "United States", "AUS": "Australia", "PHL": "Philippines", "JPN": "Japan", "IND": "India", "CHN": "China",
         "KOR": "South Korea"}


def _scores(rows: list[tuple]) -> pd.DataFrame:
    """Coalition scores from (size, feasibility, capability, willingness_01, cohesion, overlap, linked_pairs, pairs)."""
    frame = pd.DataFrame(rows, columns=["size", "feasibility", "capability_vs_china", "willingness_01", "cohesion", "overlap",
                                        "linked_pairs", "pairs"])
    return frame.assign(coalition=[f"c{i}" for i in range(len(frame))])


# chapter 7

def test_money_agreement_follows_the_reading() -> None:
    assert cr.money_agreement("depends") == "the measures disagree"
    assert cr.money_agreement("ample") == "the measures agree"


def test_best_by_size_clause_flips_when_a_larger_size_does_better() -> None:
    falling = _scores([(2, 3.0, 1, .5, .9, 1, 1, 1), (3, 2.0, 1, .5, .9, 1, 3, 3), (4, 1.0, 1, .5, .9, 1, 6, 6)])
    assert cr.best_by_size_clause(falling) == "the larger a coalition, the lower the best feasibility it can reach"
    rising = falling.assign(feasibility=[3.0, 3.5, 1.0])
    assert cr.best_by_size_clause(rising) == "the best feasibility a coalition can reach does not always fall as it grows"


def test_us_capability_sentence_says_whether_membership_decides() -> None:
    numbers = {"coal_n_with_us": 4095, "coal_min_cap_with_us": 3.06, "coal_max_cap_without_us": 1.11}
    assert cr.us_capability_sentence(numbers) == (
        "because that decides capability: each of the 4,095 coalitions with the United States spends at least 3.06 times "
        "what China does, while the most capable coalition without it reaches 1.11 times.")
    overlapping = {**numbers, "coal_max_cap_without_us": 3.5}
    assert cr.us_capability_sentence(overlapping).startswith("because it shapes capability, though it does not decide it:")


def test_frontier_ends_sentence_reads_each_component() -> None:
    scores = _scores([(2, 3.0, 1.0, .5, .9, .75, 1, 1), (3, 1.0, 2.0, .5, .7, .9, 3, 3)]).assign(on_frontier=True)
    assert cr.frontier_ends_sentence(scores) == (
        "From its most feasible end to its most capable, willingness (on the unit scale) stays at 0.50, "
        "cohesion falls from 0.90 to 0.70 and treaty overlap rises from 0.75 to 0.90.")


def test_best_pair_clause_needs_allies_that_vote_alike() -> None:
    pairs = _scores([(2, 3.0, 1, .5, .9, 1, 1, 1), (2, 1.0, 1, .5, .5, 0, 0, 1), (2, 0.5, 1, .5, .6, 0, 0, 1)])
    assert cr.best_pair_clause(pairs) == "a pair can be chosen so that both members are allies that vote more alike than the median pair"
    unbound = pairs.assign(linked_pairs=[0, 0, 0])
    assert cr.best_pair_clause(unbound) == "even the best pair is not bound by a treaty"
    apart = pairs.assign(cohesion=[.4, .5, .6])
    assert cr.best_pair_clause(apart) == "a pair can be chosen so that both members are allies"


def test_stance_pull_clause_compares_with_the_partners() -> None:
    quad = ("AUS", "IND", "JPN", "USA")
    level = pd.Series({"AUS": 0.0, "IND": 0.0, "JPN": 0.0, "USA": 0.0})
    assert cr.stance_pull_clause(level, "IND", quad, "ambiguous", NAMES) == \
        "in which India's latest stance (ambiguous) is no cooler than its partners'"
    colder = level.where(level.index != "IND", -1.0)
    assert cr.stance_pull_clause(colder, "IND", quad, "skeptical", NAMES) == \
        "whose willingness India's latest stance (skeptical) pulls down"
    warmer = level.where(level.index != "JPN", 1.0)
    assert cr.stance_pull_clause(warmer, "JPN", quad, "open", {"JPN": "Japan"}) == \
        "whose willingness Japan's latest stance (open) lifts"
    assert cr.stance_pull_clause(colder.rename({"IND": "PHL"}), "PHL", ("AUS", "PHL", "JPN", "USA"), "skeptical",
                                 {"PHL": "Philippines"}) == "whose willingness the Philippines' latest stance (skeptical) pulls down"


def test_addition_sentence_uses_the_named_threshold() -> None:
    assert cr.addition_sentence(4.03, 4.15, "Ishiba's coalition", "the ASEAN candidates") == (
        "Adding the ASEAN candidates to Ishiba's coalition adds little capability: its spending rises from 4.03 to 4.15 "
        "times China's, 3% more (the book calls a rise of less than 10% little).")
    assert "adds much capability" in cr.addition_sentence(4.0, 4.0 * (1 + cr.LITTLE_GAIN), "A", "B")


@pytest.mark.parametrize(("same", "expected"), [
    (7, "Closer to the default the picture holds."),
    (6, "Closer to the default the picture mostly holds."),
    (3, "Closer to the default the picture changes too."),
])
def test_near_default_sentence(same: int, expected: str) -> None:
    assert cr.near_default_sentence(7, same) == expected


def test_willing_and_allied_sentence() -> None:
    scores = _scores([(2, 1, 1, .5, .9, 1, 1, 1), (3, 1, 1, .5, .9, 1, 3, 3), (4, 1, 1, .5, .9, .5, 3, 6)])
    assert cr.willing_and_allied_sentence(0, 13, scores) == (
        "None of the 13 candidates' latest stances is warmer than ambiguous, and while a coalition of up to three members "
        "can be picked from governments already bound to each other by treaty, every larger one includes a pair with no "
        "treaty between them.")
    all_bound = scores.assign(linked_pairs=scores["pairs"])
    assert cr.willing_and_allied_sentence(2, 13, all_bound) == (
        "Only two of the 13 candidates' latest stances are warmer than ambiguous, and even the full set of candidates is "
        "bound by treaty pair by pair.")


def test_standing_phrase_flips_at_the_median() -> None:
    assert cr.standing_phrase(94.2) == "better than most, but"
    assert cr.standing_phrase(40.7) == "worse than most,"


# chapter 8

def test_willingness_sentence_compares_means() -> None:
    cooler = asean_report.willingness_sentence(pd.Series([-2.0, 0.0]), pd.Series([0.0, -1.0]))
    assert cooler == "Yet the ASEAN governments on record are, on average, cooler towards one than the other governments on record."
    assert "no cooler" in asean_report.willingness_sentence(pd.Series([0.0, 0.0]), pd.Series([0.0, -1.0]))


def test_votes_reading_flips_with_the_gap() -> None:
    assert asean_report.votes_reading(0.2, 0.8) == "but on average the members side with China more often than with the United States"
    assert asean_report.votes_reading(0.8, 0.2) == "but on average the members side with the United States more often than with China"


def test_centrality_clause() -> None:
    assert asean_report.centrality_clause(5, 7, 11, 11) == (
        "a neighbour that is a larger trading partner than the United States for five of the seven members with data, "
        "and that all of them vote with more often than with the United States")
    assert asean_report.centrality_clause(0, 7, 0, 11).endswith("though none of them votes with it more often than with the United States")


def test_in_brief_hedges_only_when_most_have_both_camps() -> None:
    assert asean_report.in_brief(11, 0, 3, 3, 0) == (
        "no camp holds most of ASEAN's members (three with the US camp only, three with the China–Russia camp only "
        "and five with neither), and none has spoken for joining")
    assert asean_report.in_brief(10, 2, 4, 4, 1).startswith(
        "no camp holds most of ASEAN's members (four with the US camp only, four with the China–Russia camp only "
        "and two with both), and one member has spoken")
    assert asean_report.in_brief(11, 6, 3, 0, 0) == "ASEAN hedges rather than joins"
    assert asean_report.in_brief(11, 6, 3, 0, 1) == "ASEAN hedges, and one member has spoken for joining"


# chapter 1

def _statements(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["position_id", "date", "iso3", "speaker", "stance", "summary"])
    return frame.assign(date_parsed=pd.to_datetime(frame["date"]))


def test_reactions_by_stance_names_governments_coolest_first() -> None:
    reacted = _statements([(1, "2024-10-01", "IND", "J", "skeptical", ""), (2, "2024-10-02", "CHN", "W", "oppose", ""),
                           (3, "2024-10-03", "PHL", "T", "skeptical", "")])
    assert answer_report.reactions_by_stance(reacted, NAMES) == "China opposed it; India and the Philippines were sceptical."


def test_home_reactions_come_from_the_summaries() -> None:
    day = positions.PROPOSAL_DATE
    statements = _statements([
        (1, day.date().isoformat(), "JPN", "Shigeru Ishiba", "support", "Proposal."),
        (2, (day + pd.Timedelta(days=5)).date().isoformat(), "JPN", "Takeshi Iwaya", "open", "The minister recast it."),
        (3, (day + pd.Timedelta(days=5 + answer.REACTION_DAYS)).date().isoformat(), "JPN", "Later", "open", "Too late."),
    ]).assign(quote="")
    home = answer.home_reactions(statements)
    assert answer_report.home_reactions_sentence(home) == "At home, the minister recast it."
    assert answer_report.home_reactions_sentence(home.iloc[:0]) == "No one else in Japan's government spoke on the record in those weeks."


def test_key_finding_labels_flip() -> None:
    assert answer_report.ties_label(3) == "Ties exist."
    assert answer_report.ties_label(0) == "Treaty ties are missing."
    assert answer_report.lattice_clause(27, 41, 1990) == "the ties that do not involve the United States have grown from 27 in 1990 to 41"
    assert "fallen" in answer_report.lattice_clause(41, 27, 1990)
    assert answer_report.debate_continues_sentence(0) == "The record falls silent after the first replies."


# commitments

def _grades() -> tuple[pd.DataFrame, pd.DataFrame]:
    grades = pd.DataFrame({
        "org_id": ["anzus", "us_jpn", "prk", "cofa", "nato"],
        "grade": [0.5, 0.5, 1.0, 1.0, 0.75],
        "automaticity": ["constitutional_processes", "constitutional_processes", "immediate", "immediate", "deems_necessary"],
        "reciprocity": ["mutual", "mutual", "mutual", "one_way", "mutual"],
        "guarantor": ["", "", "", "USA", ""],
        "scope": ["pacific_area_incl_forces", "territory_under_administration", "unspecified", "territory_under_administration",
                  "north_atlantic_north_of_tropic"],
    })
    orgs = pd.DataFrame({
        "org_id": ["anzus", "us_jpn", "prk", "cofa", "nato"],
        "short_name": ["ANZUS", "US-Japan Security Treaty", "China-DPRK treaty", "US-FSM Compact", "NATO"],
        "founded_date": pd.to_datetime(["1951-09-01", "1960-01-19", "1961-07-11", "1982-01-01", "1949-04-04"]),
    })
    return grades, orgs


def test_arrangement_in_prose() -> None:
    assert cm.arrangement_in_prose("US-ROK MDT") == "the US–ROK treaty"
    assert cm.arrangement_in_prose("Russia-DPRK treaty 2024") == "the Russia–DPRK treaty"
    assert cm.arrangement_in_prose("ANZUS") == "ANZUS"
    assert cm.arrangement_in_prose("Manila Pact") == "the Manila Pact"


def test_codes_paragraph_from_the_codes() -> None:
    grades, orgs = _grades()
    in_force = pd.Series([True] * len(orgs))
    assert cm.codes_paragraph(grades, orgs, in_force, NAMES) == (
        "ANZUS and the US–Japan treaty all bind their parties to act only \"in accordance with [their] constitutional "
        "processes\", and each limits itself to a place: the Pacific area or the territories under a party's administration. "
        "The China–DPRK treaty of 1961 promises immediate assistance by all means. The US–FSM Compact is a one-way "
        "guarantee: the United States promises to defend, and receives no promise in return.")
    unlimited = grades.assign(scope=grades["scope"].where(grades["org_id"] != "us_jpn", "unspecified"))
    assert "; ANZUS limits itself to a place: the Pacific area." in cm.codes_paragraph(unlimited, orgs, in_force, NAMES)
    lapsed = pd.Series([True, True, False, True, True])
    assert "No mutual treaty in force promises immediate assistance" in cm.codes_paragraph(grades, orgs, lapsed, NAMES)


def test_confined_sentence() -> None:
    grades, _ = _grades()
    assert cm.confined_sentence(grades, "nato", "NATO", "Article 5", "Article 6") == (
        "NATO's Article 5 is firmer, but its Article 6 confines it to the area north of the Tropic of Cancer, "
        "so it reaches no crisis in this chapter.")
    pacific = grades.assign(scope="pacific_area_incl_forces")
    assert "so it reaches three of the four crises" in cm.confined_sentence(pacific, "nato", "NATO", "Article 5", "Article 6")


def test_never_bound_sentence() -> None:
    assert cm.never_bound_sentence(["IND", "PHL"], ["PHL"], NAMES) == (
        "Two candidates are bound to defend another in none: India and the Philippines (of these, the Philippines is the "
        "state attacked in one crisis). That gap, between the states an alliance would need and the states today's "
        "treaties bind, is what an Asian NATO would have to close.")
    assert cm.never_bound_sentence([], [], NAMES) == "Every candidate is bound to defend another in at least one crisis."


def test_atop_differences_sentence_counts_by_provision() -> None:
    comparison = pd.DataFrame({"provision": ["consul", "consul", "asymm", "intcom", "defense"], "atop": [1, 1, 1, 0, 1],
                               "ours": [0, 0, 0, 1, 1], "agree": [False, False, False, False, True]})
    assert cm.atop_differences_sentence(comparison) == (
        "Of the four differences, half are consultation articles this book has not yet coded; one concerns asymmetry, "
        "which ATOP reads from the whole treaty (the United States may base forces in Japan and South Korea, not the "
        "reverse) and this book from the defence clause alone; and one concerns integrated command.")
    fewer = comparison.assign(agree=[False, True, False, False, True])
    assert cm.atop_differences_sentence(fewer).startswith("Of the three differences, one is a consultation article")


def test_limits_clause_counts_candidates() -> None:
    limits = pd.DataFrame({"iso3": ["JPN", "JPN", "PHL", "SGP"], "effect": ["conditions", "forbids", "conditions", "permits"]})
    assert cm.limits_clause(limits, ["JPN", "PHL", "SGP"]) == (
        "among governments whose own laws and doctrines often condition or forbid them: the limits above record such a "
        "limit for two of the three candidates")
    assert cm.limits_clause(limits, ["JPN", "SGP", "USA"]).startswith("among governments some of whose")
