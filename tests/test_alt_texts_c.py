"""Computed alt texts of chapters 6 to 9 and the commitments chapter, on hand-made frames.

Each chart's alt text is checked word for word on a small frame, then a change
in the data must change the clause that depends on it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from asian_nato.analysis.alignment import AGREE_CHN, AGREE_USA
from asian_nato.report import alignment_report, asean_report, coalitions_report, commitments_report, verdict_report

COUNTRIES = pd.DataFrame({
    "iso3": ["USA", "JPN", "GBR", "PHL", "CHN", "RUS", "IND"],
    "name": ["United States", "Japan", "United Kingdom", "Philippines", "China", "Russia", "India"],
})
NAMES = dict(zip(COUNTRIES["iso3"], COUNTRIES["name"]))


# ---------------------------------------------------------------- chapter 6


def _ideal_wide() -> pd.DataFrame:
    years = range(2015, 2022)
    return pd.DataFrame({
        "USA": [2.5] * 7,
        "GBR": [1.6, 1.6, 1.6, 1.7, 1.7, 1.8, 1.9],
        "JPN": [0.7, 0.7, 0.8, 0.7, 0.7, 0.8, 0.8],
        "PHL": [-0.5, -0.4, -0.4, -0.4, -0.4, -0.4, -0.4],
        "RUS": [0.2, 0.1, 0.1, 0.1, 0.0, -0.3, -0.5],
    }, index=pd.Index(years, name="year"))


def test_ideal_points_alt_names_sides_of_zero_and_the_largest_recent_change():
    assert alignment_report.ideal_points_alt(_ideal_wide(), COUNTRIES, recent=5, steady=0.25) == (
        "Small multiples, one panel for each of five states, its ideal point from 2015 to 2021 (black) against the United "
        "States (dashed) and China (dotted), ordered from highest to lowest in 2021. In 2021 the United States is highest "
        "(2.5); the United Kingdom and Japan are above zero; the Philippines and Russia are below zero. Between 2016 and 2021, "
        "three of the five moved by less than 0.25 points; the largest change is by Russia, from 0.10 to -0.50.")


def test_ideal_points_alt_follows_the_data():
    wide = _ideal_wide()
    wide.loc[2021, "GBR"] = 3.0  # the United Kingdom overtakes the United States and jumps
    wide.loc[2021, "RUS"] = 0.05  # Russia ends above zero, still moving 0.05 over the span
    text = alignment_report.ideal_points_alt(wide, COUNTRIES, recent=5, steady=0.25)
    assert "In 2021 the United Kingdom is highest (3.0); the United States, Japan and Russia are above zero; the Philippines is below zero." in text
    assert "four of the five moved by less than 0.25 points; the largest change is by the United Kingdom, from 1.6 to 3.0." in text
    # a stricter threshold makes fewer lines steady
    assert "two of the five moved by less than 0.01 points" in alignment_report.ideal_points_alt(wide, COUNTRIES, recent=5, steady=0.01)


def _agreement() -> pd.DataFrame:
    return pd.DataFrame({
        "iso3": ["USA", "CHN", "JPN", "GBR", "PHL", "RUS", "IND", "ZZZ"],
        AGREE_USA: [1.00, 0.16, 0.50, 0.72, 0.26, 0.17, 0.21, 0.40],
        AGREE_CHN: [0.16, 1.00, 0.49, 0.33, 0.70, 0.68, 0.68, 0.40],
    })


def test_agreement_scatter_alt_places_each_labelled_state_against_the_diagonal():
    text = alignment_report.agreement_scatter_alt(_agreement(), COUNTRIES, ["USA", "JPN", "GBR", "PHL", "IND"], ["CHN", "RUS"], 2023)
    assert text == (
        "Scatter plot of the 8 states in the data in 2023, agreement with the United States across and with China up; "
        "dashed lines mark the medians (33% with the United States, 58% with China) and a dotted diagonal equal agreement. "
        "The United States is at the far right and China at the top. Of the other labelled states, above the diagonal, "
        "agreeing more often with China: India and the Philippines, with Russia; below it, more often with the United "
        "States: the United Kingdom; within five points of it: Japan.")


def test_agreement_scatter_alt_margin_decides_who_is_on_the_diagonal():
    table = _agreement()
    table.loc[table["iso3"] == "JPN", AGREE_CHN] = 0.40  # ten points apart: Japan leaves the diagonal
    text = alignment_report.agreement_scatter_alt(table, COUNTRIES, ["USA", "JPN", "GBR", "PHL", "IND"], ["CHN", "RUS"], 2023)
    assert "below it, more often with the United States: Japan and the United Kingdom." in text
    assert "within" not in text
    wide_margin = alignment_report.agreement_scatter_alt(table, COUNTRIES, ["USA", "JPN", "GBR", "PHL", "IND"], ["CHN", "RUS"],
                                                         2023, margin=12.5)
    assert wide_margin.endswith("below it, more often with the United States: the United Kingdom; within 12.5 points of it: Japan.")


def _cohesion(nato_2001: float = 0.95) -> pd.DataFrame:
    return pd.DataFrame({
        "group": ["All candidates", "NATO (today's members)", "Other candidates"] * 2,
        "year": [2000] * 3 + [2001] * 3,
        "cohesion": [0.72, 0.94, 0.75, 0.73, nato_2001, 0.78],
    })


def test_cohesion_alt_reads_the_leader_and_the_latest_scores():
    assert alignment_report.cohesion_alt(_cohesion()) == (
        "Line chart of the cohesion of three groups, 2000 to 2001, on an axis from 0.5 to 1. NATO (today's members) is "
        "highest in every year, between 0.94 and 0.95; the other groups stay between 0.72 and 0.78. In 2001, from highest: "
        "NATO (today's members) 0.95, Other candidates 0.78, All candidates 0.73.")


def test_cohesion_alt_says_when_the_leader_is_not_highest_every_year():
    text = alignment_report.cohesion_alt(_cohesion(nato_2001=0.70))
    assert "NATO (today's members) is highest in one of the two years, between 0.70 and 0.94" in text
    assert text.endswith("In 2001, from highest: Other candidates 0.78, All candidates 0.73, NATO (today's members) 0.70.")


def _moves() -> pd.DataFrame:
    return pd.DataFrame({"iso3": ["JPN", "GBR", "PHL", "RUS"], "change": [0.29, 0.40, 0.25, 0.06]})


def test_drift_alt_classifies_each_bar_against_the_median():
    assert alignment_report.drift_alt(_moves(), COUNTRIES, 2010, 2023, 0.28, 0.025) == (
        "Horizontal bar chart of the change in lean (agreement with the United States minus agreement with China) from 2010 "
        "to 2023, in percentage points, one bar for each of four states, sorted, with the median of all states (+28) dashed. "
        "Every bar points towards the United States; the United Kingdom moved furthest (+40). More than the median: the "
        "United Kingdom; about as much, within 2.5 points: Japan; less: the Philippines and Russia.")


def test_drift_alt_follows_direction_and_size():
    moves = _moves().assign(change=[0.29, 0.40, 0.25, -0.50])
    text = alignment_report.drift_alt(moves, COUNTRIES, 2010, 2023, 0.28, 0.025)
    assert "Three bars point towards the United States and one towards China; Russia moved furthest (-50)." in text
    # a wider tolerance puts the Philippines about the median
    assert "about as much, within 5 points: Japan and the Philippines; less: Russia." in alignment_report.drift_alt(
        moves, COUNTRIES, 2010, 2023, 0.28, 0.05)


# ---------------------------------------------------------------- chapter 7


def _scores() -> pd.DataFrame:
    return pd.DataFrame({
        "coalition": ["GBR–USA", "JPN–USA", "GBR–JPN–PHL–USA", "GBR–JPN", "JPN–PHL"],
        "size": [2, 2, 4, 2, 2],
        "USA": [True, True, True, False, False],
        "capability_vs_china": [3.3, 3.2, 3.6, 0.4, 1.2],
        "feasibility": [2.0, 1.0, 0.5, 1.5, -1.0],
        "feasibility_percentile": [100.0, 60.0, 40.0, 80.0, 20.0],
        "on_frontier": [True, False, True, False, False],
    })


def _scenarios() -> pd.DataFrame:
    return pd.DataFrame({
        "scenario": ["Big four", "Pair", "Unscored"],
        "size": [4, 2, 1],
        "USA": [True, True, False],
        "feasibility": [0.5, 1.0, float("nan")],
        "feasibility_percentile": [40.0, 60.0, float("nan")],
    })


def test_feasibility_capability_alt_reads_panels_frontier_and_scenarios():
    assert coalitions_report.feasibility_capability_alt(_scores(), _scenarios(), NAMES) == (
        "Scatter chart in two side-by-side panels of feasibility (up) against spending as a multiple of China's (across), "
        "one grey point for each of the 5 coalitions: left, the 2 without the United States, on a log scale with a dotted "
        "line at parity with China; right, the 3 with it. Without the United States spending runs from 0.40 to 1.2 times "
        "China's, and one of them spends more than China; with it, from 3.2 to 3.6 times. The black frontier line joins two "
        "coalitions, all in the right panel, from the most feasible, the United Kingdom and the United States (feasibility "
        "2.0), to the most capable, the largest coalition, of 4 members (feasibility 0.50, percentile 40). The two named "
        "scenarios each have their own marker (all in the right panel); the most feasible is Pair (two members, percentile "
        "60), the least Big four (four members, percentile 40).")


def test_feasibility_capability_alt_follows_the_data():
    scores = _scores()
    scores.loc[scores["coalition"] == "JPN–PHL", ["capability_vs_china", "on_frontier"]] = [0.9, True]
    scenarios = _scenarios()
    scenarios.loc[scenarios["scenario"] == "Pair", "USA"] = False
    text = coalitions_report.feasibility_capability_alt(scores, scenarios, NAMES)
    assert "and none of them spend more than China" in text
    assert "joins three coalitions, two in the right panel and one in the left" in text
    assert "each have their own marker (one in the right panel and one in the left)" in text


def _sensitivity() -> pd.DataFrame:
    return pd.DataFrame({
        "weighting": [0, 1, 2] * 2,
        "scenario": ["Pair"] * 3 + ["Big four"] * 3,
        "rank": [1, 5, 9, 20, 30, 25],
        "percentile": [100.0, 90.0, 70.0, 30.0, 10.0, 20.0],
    })


def test_sensitivity_alt_reads_default_ranges_and_firsts():
    assert coalitions_report.sensitivity_alt(_sensitivity(), _scenarios().iloc[:2]) == (
        "Horizontal range chart, one row for each of two named scenarios, on a percentile scale from 0 to 100 (100 = most "
        "feasible): a line spans the scenario's range over the 3 weightings, a tick marks the median and the scenario's "
        "marker the value at the default weights. At the default weights Pair is highest (60) and Big four lowest (40). The "
        "range is widest for Pair, from 70 to 100, and narrowest for Big four, from 10 to 30. One of the two is the most "
        "feasible coalition of all under some weighting.")


def test_sensitivity_alt_follows_the_data():
    sensitivity = _sensitivity()
    sensitivity.loc[sensitivity["scenario"] == "Big four", ["rank", "percentile"]] = [[1, 100.0], [60, 5.0], [2, 99.0]]
    scenarios = _scenarios().iloc[:2].assign(feasibility_percentile=[70.0, 50.0])
    text = coalitions_report.sensitivity_alt(sensitivity, scenarios)
    assert "At the default weights Big four is highest (70) and Pair lowest (50)." in text
    assert "widest for Big four, from 5 to 100, and narrowest for Pair, from 70 to 100. Two of the two are" in text


# ---------------------------------------------------------------- chapter 8


def _hedging() -> pd.DataFrame:
    return pd.DataFrame({
        "iso3": ["PHL", "KHM", "BRN"],
        "name": ["Philippines", "Cambodia", "Brunei"],
        "us": [4, 0, 0],
        "china_russia": [0, 1, 0],
        AGREE_USA: [0.259, 0.265, 0.209],
        AGREE_CHN: [0.702, 0.732, 0.753],
    })


def test_ties_and_votes_alt_names_ties_and_vote_split():
    assert asean_report.ties_and_votes_alt(_hedging(), 2023) == (
        "Two panels, one row for each of three ASEAN members. Left, bars to the right count the member's arrangements with "
        "the US camp and bars to the left its arrangements with China or Russia, each labelled with its count. Right, the "
        "member's share of UN General Assembly votes in 2023 agreeing with the US (square) and with China (circle), joined "
        "by a line. With the US camp: the Philippines (4); with China or Russia: Cambodia (1); with neither: Brunei. In 2023 "
        "every member agrees with China more often than with the United States; agreement with the United States ranges "
        "from 21% to 26%, with China from 70% to 75%.")


def test_ties_and_votes_alt_follows_the_data():
    table = _hedging().assign(china_russia=[0, 1, 2])
    table.loc[table["iso3"] == "PHL", [AGREE_USA, AGREE_CHN]] = [0.6, 0.3]
    text = asean_report.ties_and_votes_alt(table, 2023)
    assert "with China or Russia: Brunei (2) and Cambodia (1); with neither: none." in text
    assert "In 2023 two of the three agree with China more often" in text


# ---------------------------------------------------------------- chapter 9


def test_specification_curve_alt_gives_the_answers_that_occur_and_their_shares():
    specs = pd.DataFrame({"answer": ["not now"] * 3 + ["no"]})
    assert verdict_report.specification_curve_alt(specs) == (
        "A two-panel chart over the 4 specifications, sorted by answer and momentum. The top panel shows each "
        "specification's momentum, coloured by its answer, with each answer's share in the legend: not now in 75% and no "
        "in 25% of them; none gives yes. The bottom panel has one coloured strip for each of the 11 choices, showing which "
        "option each specification used; the table that follows gives each option's shares of each answer.")


def test_specification_curve_alt_follows_the_answers():
    text = verdict_report.specification_curve_alt(pd.DataFrame({"answer": ["yes", "no"]}))
    assert "yes in 50% and no in 50% of them; none gives not now." in text
    every = verdict_report.specification_curve_alt(pd.DataFrame({"answer": ["yes", "not now", "no", "no"]}))
    assert "yes in 25%, not now in 25% and no in 50% of them. The bottom" in every


def _over_time(last_symmetric: str = "not now") -> pd.DataFrame:
    dates = pd.to_datetime(["2016-06-30", "2016-12-31", "2017-03-01"])
    return pd.DataFrame({
        "date": dates.repeat(2),
        "variant": ["baseline", "symmetric thresholds"] * 3,
        "answer": ["no", "no", "no", "not now", "not now", last_symmetric],
    })


def test_over_time_alt_counts_each_variant_s_answers():
    assert verdict_report.over_time_alt(_over_time()) == (
        "Two rows of markers, one per variant of the rule, across 3 snapshots from 2016-06-30 to 2017-03-01; each marker "
        "shows the answer at that date. Of the 3 snapshots: baseline, not now at one and no at two; symmetric thresholds, "
        "not now at two and no at one; none gives yes. At the latest, every variant gives not now. The table that follows "
        "gives the same answers.")


def test_over_time_alt_follows_the_latest_answers():
    text = verdict_report.over_time_alt(_over_time(last_symmetric="yes"))
    assert "symmetric thresholds, yes at one, not now at one and no at one. At the latest" in text
    assert "At the latest, baseline gives not now and symmetric thresholds gives yes." in text


# ---------------------------------------------------------------- commitments


def test_matrix_alt_counts_the_cells_of_each_obligation():
    levels = ["nothing"] * 4 + ["attacked", "constitutional_processes"] * 2
    table = pd.DataFrame({"iso3": ["USA", "JPN"] * 4, "scenario": ["taiwan"] * 2 + ["south_china_sea"] * 2 + ["senkaku"] * 2 + ["korea"] * 2,
                          "level": levels})
    assert commitments_report.matrix_alt(table, ["USA", "JPN"]) == (
        "A grid of the two candidates (rows) by the four crises (columns: Taiwan Strait crisis, South China Sea clash, "
        "Senkaku Islands incident and Korean Peninsula war). Each cell names the candidate's obligation towards the state "
        "attacked and the arrangement that sets it, darker for a firmer obligation. Of the 8 cells, four read \"no "
        "obligation\", two \"attacked\" and two \"act (constitutional processes)\"; none reads \"act at once\", \"act as deemed "
        "necessary\" or \"consult\". The same information is in the table that follows.")


@pytest.mark.parametrize("levels, clause", [
    (["immediate"] + ["nothing"] * 7, 'seven read "no obligation" and one "act at once"; none reads'),
    (["consultation_only"] * 7 + ["nothing"], 'seven read "consult" and one "no obligation"; none reads'),
])
def test_matrix_alt_follows_the_levels(levels, clause):
    table = pd.DataFrame({"iso3": ["USA", "JPN"] * 4, "scenario": ["taiwan", "korea", "senkaku", "south_china_sea"] * 2,
                          "level": levels})
    assert clause in commitments_report.matrix_alt(table, ["USA", "JPN"])
