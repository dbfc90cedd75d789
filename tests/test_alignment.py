"""Unit tests for asian_nato.analysis.alignment on hand-computed ideal points and agreement scores."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from asian_nato.analysis import alignment as al
from asian_nato.analysis.capabilities import latest_year
from asian_nato.report import alignment_report


def long_frame(rows: list[tuple[str, int, str, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    return frame.assign(unit="u", source="test", year=frame["year"].astype(int), value=frame["value"].astype(float))


@pytest.fixture
def points() -> pd.DataFrame:
    """Ideal points: A=0, B=1, C=3 in 2020; D=-1 (2019) and E=4 (2020) set the reference spread to 5."""
    return long_frame([
        ("A", 2019, al.IDEAL_POINT, 0.5), ("B", 2019, al.IDEAL_POINT, 0.5), ("C", 2019, al.IDEAL_POINT, 2.5),
        ("D", 2019, al.IDEAL_POINT, -1.0),
        ("A", 2020, al.IDEAL_POINT, 0.0), ("B", 2020, al.IDEAL_POINT, 1.0), ("C", 2020, al.IDEAL_POINT, 3.0),
        ("E", 2020, al.IDEAL_POINT, 4.0),
        ("A", 2020, al.AGREE_USA, 0.9),  # other indicators must not enter the spread
    ])


def test_mean_pairwise_distance_by_hand():
    # pairs: |0-1| = 1, |0-3| = 3, |1-3| = 2 -> mean 2
    assert al.mean_pairwise_distance(np.array([0.0, 1.0, 3.0])) == pytest.approx(2.0)
    assert al.mean_pairwise_distance(np.array([7.0])) == 0.0
    rows = al.mean_pairwise_distance(np.array([[0.0, 1.0, 3.0], [0.5, 0.5, 2.5]]))
    assert rows.tolist() == pytest.approx([2.0, 4.0 / 3.0])


def test_reference_spread_spans_all_states_and_years(points):
    assert al.reference_spread(points) == pytest.approx(5.0)


def test_cohesion_by_hand(points):
    assert al.cohesion(["A", "B", "C"], points, 2020) == pytest.approx(1 - 2.0 / 5.0)
    assert al.cohesion(["A", "B"], points, 2020) == pytest.approx(1 - 1.0 / 5.0)
    # 2019: pairs 0, 2, 2 -> mean 4/3
    assert al.cohesion(["A", "B", "C"], points, 2019) == pytest.approx(1 - (4 / 3) / 5.0)
    assert al.cohesion(["A", "B", "C"], points, 2020, scale=4.0) == pytest.approx(0.5)


def test_cohesion_edge_cases(points):
    assert al.cohesion(["B"], points, 2020) == 1.0
    assert al.cohesion(["A", "B", "B"], points, 2020) == al.cohesion(["A", "B"], points, 2020)
    assert al.cohesion(["A", "B"], points, 2019) == 1.0  # identical ideal points
    with pytest.raises(ValueError, match="D"):
        al.cohesion(["A", "D"], points, 2020)
    with pytest.raises(ValueError):
        al.cohesion([], points, 2020)


def test_group_cohesion_scores_every_row_as_cohesion_does(points):
    codes = ["A", "B", "C", "E"]
    groups = np.array([
        [True, True, True, False],   # A B C: mean gap 2
        [True, True, False, False],  # A B: 1
        [False, True, False, True],  # B E: 3
        [False, False, True, False],  # C alone
        [False, False, False, False],  # nobody
    ])
    values = al.group_cohesion(groups, codes, points, 2020)
    assert values.tolist() == pytest.approx([1 - 2 / 5, 1 - 1 / 5, 1 - 3 / 5, 1.0, 1.0])
    singly = [al.cohesion([c for c, m in zip(codes, row) if m], points, 2020) for row in groups[:4]]
    assert values[:4].tolist() == singly, "the batch must give the same floating-point values"


def test_group_cohesion_names_a_member_without_an_ideal_point_only_if_a_group_uses_it(points):
    unused = np.array([[True, True, False]])
    assert al.group_cohesion(unused, ["A", "B", "D"], points, 2020).tolist() == pytest.approx([0.8])
    with pytest.raises(ValueError, match="D"):
        al.group_cohesion(np.array([[True, False, True]]), ["A", "B", "D"], points, 2020)
    with pytest.raises(ValueError, match="one column per code"):
        al.group_cohesion(np.array([[True, False]]), ["A", "B", "D"], points, 2020)


def test_cohesion_is_between_zero_and_one_for_the_extremes(points):
    # D and E are never observed in the same year; use a frame where they are.
    frame = pd.concat([points, long_frame([("D", 2020, al.IDEAL_POINT, -1.0)])], ignore_index=True)
    assert al.cohesion(["D", "E"], frame, 2020) == pytest.approx(0.0)


def test_cohesion_over_time_matches_single_years(points):
    long = al.cohesion_over_time({"abc": ["A", "B", "C"], "ab": ["A", "B"]}, points, start=2019)
    table = long.set_index(["group", "year"])["cohesion"]
    assert table[("abc", 2019)] == pytest.approx(al.cohesion(["A", "B", "C"], points, 2019))
    assert table[("abc", 2020)] == pytest.approx(0.6)
    assert table[("ab", 2019)] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="E"):
        al.cohesion_over_time({"gap": ["A", "E"]}, points, start=2019)


def test_full_record_separates_states_with_gaps(points):
    kept, dropped = al.full_record(["A", "D", "E"], points, start=2019)
    assert kept == ["A"]
    assert dropped == ["D", "E"]


def test_latest_year(points):
    assert latest_year(points, al.IDEAL_POINT) == 2020
    assert latest_year(points, al.AGREE_USA) == 2020
    with pytest.raises(ValueError):
        latest_year(points, al.AGREE_CHN)


@pytest.fixture
def agreement_long() -> pd.DataFrame:
    rows = []
    for code, year, usa, chn, ideal in [
        ("X", 2010, 0.2, 0.8, -1.0), ("X", 2020, 0.5, 0.5, 0.0),   # lean -0.6 -> 0.0: +0.6
        ("Y", 2010, 0.6, 0.3, 1.0), ("Y", 2020, 0.4, 0.4, 0.5),   # lean +0.3 -> 0.0: -0.3
        ("Z", 2010, 0.3, 0.6, 0.0), ("Z", 2020, 0.4, 0.6, 0.1),   # lean -0.3 -> -0.2: +0.1
        ("W", 2020, 0.5, 0.5, 0.0),                               # no 2010 record
    ]:
        rows += [(code, year, al.AGREE_USA, usa), (code, year, al.AGREE_CHN, chn), (code, year, al.IDEAL_POINT, ideal)]
    return long_frame(rows)


def test_lean_is_agreement_with_us_minus_china(agreement_long):
    lean = al.lean(agreement_long, ["X", "Y", "W"], 2010)
    assert lean["X"] == pytest.approx(-0.6)
    assert lean["Y"] == pytest.approx(0.3)
    assert math.isnan(lean["W"])


def test_drift_by_hand_sorted_towards_us_first(agreement_long):
    moves = al.drift(agreement_long, ["Y", "Z", "X"], 2010, 2020)
    assert moves["iso3"].tolist() == ["X", "Z", "Y"]
    assert moves["change"].tolist() == pytest.approx([0.6, 0.1, -0.3])
    assert moves.loc[0, "lean_end"] == pytest.approx(0.0)
    with pytest.raises(ValueError, match="W"):
        al.drift(agreement_long, ["X", "W"], 2010, 2020)


def test_observed_in_needs_both_scores_in_every_year(agreement_long):
    assert al.observed_in(agreement_long, [2010, 2020]) == ["X", "Y", "Z"]
    assert al.observed_in(agreement_long, [2020]) == ["W", "X", "Y", "Z"]


def test_agreement_table_reports_change_relative_to_typical(agreement_long):
    countries = pd.DataFrame({"iso3": ["X", "Y", "Z"], "name": ["Ex", "Why", "Zed"]})
    table = alignment_report.agreement_table(agreement_long, countries, ["X", "Y", "Z"], 2020, 2010, typical_change=0.1).set_index("Country")
    assert table.index.tolist() == ["Why", "Zed", "Ex"]  # by ideal point, highest first
    assert table.loc["Ex", "Change since 2010"] == pytest.approx(60.0)
    assert table.loc["Ex", "Change vs median"] == pytest.approx(50.0)
    assert table.loc["Why", "With China (%)"] == pytest.approx(40.0)
    assert table.loc["Zed", "Lean (points)"] == pytest.approx(-20.0)


def test_plots_return_figures_with_a_source_line(agreement_long):
    countries = pd.DataFrame({"iso3": ["X", "Y", "Z", "W"], "name": ["Ex", "Why", "Zed", "Dub"]})
    wide = al.panel(agreement_long, al.IDEAL_POINT, ["X", "Y", "Z"], start=2010)
    long = al.cohesion_over_time({"xyz": ["X", "Y", "Z"]}, agreement_long.query("year == 2020"), start=2020)
    for fig in (
        alignment_report.plot_agreement_scatter(al.agreement(agreement_long, 2020), countries, ["X", "Y"], ["Z"]),
        alignment_report.plot_cohesion(long, ylim=(0.0, 1.0)),
        alignment_report.plot_drift(al.drift(agreement_long, ["X", "Y", "Z"], 2010, 2020), countries, 2010, 2020, 0.1),
        alignment_report.plot_ideal_points(wide.dropna(), countries),
    ):
        assert isinstance(fig, Figure)
        assert fig.get_supxlabel().startswith("Source: ")


def test_spread_extremes_name_the_state_years(points):
    ends = al.spread_extremes(points)
    assert (ends["high_iso3"], ends["high_year"], ends["high_value"]) == ("E", 2020, 4.0)
    assert (ends["low_iso3"], ends["low_year"], ends["low_value"]) == ("D", 2019, -1.0)


def test_cohesion_table_has_one_row_per_group(points):
    long = al.cohesion_over_time({"abc": ["A", "B", "C"], "ab": ["A", "B"]}, points, start=2019)
    table = alignment_report.cohesion_table(long, [2020])
    assert table.columns.tolist() == ["Group", "Members", "Cohesion 2020"]
    assert table["Group"].tolist() == ["abc", "ab"]
    assert table["Members"].tolist() == [3, 2]
    assert table["Cohesion 2020"].tolist() == pytest.approx([0.6, 0.8])


def test_classify_drift_uses_a_tolerance_band():
    changes = pd.Series({"K": 0.43, "J": 0.29, "G": 0.255, "I": 0.23})
    labels = al.classify_drift(changes, typical=0.285, tolerance=0.025)
    assert labels.to_dict() == {
        "K": "more than the median", "J": "about the median", "G": "less than the median", "I": "less than the median",
    }
    assert al.classify_drift(changes, typical=0.285, tolerance=0.035)["G"] == "about the median"


def test_mean_distance_by_hand(points):
    assert al.mean_distance(["A", "B", "C"], points, 2020) == pytest.approx(2.0)
    with pytest.raises(ValueError, match="D"):
        al.mean_distance(["A", "D"], points, 2020)


def test_typical_drift_is_the_median_over_states_observed_in_both_years(agreement_long):
    median, count = al.typical_drift(agreement_long, 2010, 2020)
    assert count == 3  # W has no 2010 scores
    assert median == pytest.approx(0.1)  # changes +0.6, -0.3, +0.1


def test_leaning_splits_by_sign_of_lean(agreement_long):
    towards_china, towards_us = al.leaning(agreement_long, ["X", "Y", "Z"], 2010)
    assert towards_china == ["X", "Z"]
    assert towards_us == ["Y"]
    # lean exactly zero counts as neither
    assert al.leaning(agreement_long, ["X", "Y"], 2020) == ([], [])


NAMES = {"MNE": "Montenegro", "ALB": "Albania", "PHL": "Philippines", "THA": "Thailand"}


@pytest.mark.parametrize(("dropped", "expected"), [
    ([], ""),
    (["MNE"], "Montenegro lacks a usable voting record in at least one of those years and is left out."),
    (["MNE", "ALB"], "Albania and Montenegro lack a usable voting record in at least one of those years and are left out."),
])
def test_left_out_sentence_agrees_with_the_count(dropped, expected):
    assert alignment_report.left_out_sentence(dropped, NAMES) == expected


@pytest.mark.parametrize(("allies", "expected"), [
    ([], "None of them is a US treaty ally."),
    (["THA"], "Among them is Thailand, a US treaty ally."),
    (["THA", "PHL"], "Among them are the Philippines and Thailand, US treaty allies."),
])
def test_allies_among_sentence_agrees_with_the_count(allies, expected):
    assert alignment_report.allies_among_sentence(allies, NAMES) == expected


def _takeaway(**changes):
    cohesion = {"candidates_first": 0.55, "candidates_last": 0.56, "nato_last": 0.86, **changes.get("cohesion", {})}
    blocs = {"closer_us": "Australia and Japan", "closer_china": "India and Thailand",
             "allies_sentence": "Among them is Thailand, a US treaty ally.", **changes.get("blocs", {})}
    drift = {"n": 12, "towards_us": 12, "more": 4, "about": 6, "less": 2, **changes.get("drift", {})}
    return alignment_report.votes_takeaway(cohesion, blocs, drift, {"first": 2000, "last": 2023, "drift_base": 2015})


def test_votes_takeaway_on_the_books_figures():
    text = _takeaway()
    assert text.startswith("At the United Nations the candidates vote less alike than NATO's members do: their cohesion was "
                           "0.56 in 2023 against NATO's 0.86, and 0.55 in 2000.")
    assert ("Australia and Japan vote more often with the United States; India and Thailand vote more often with China. "
            "Among them is Thailand, a US treaty ally.") in text
    assert "Since 2015, all 12 candidates other than the United States moved towards it: four by more than" in text
    assert text.endswith("is not visible in the votes.")


def test_votes_takeaway_follows_the_values():
    text = _takeaway(cohesion={"candidates_last": 0.9, "candidates_first": 0.95}, drift={"towards_us": 0, "more": 0})
    assert text.startswith("At the United Nations the candidates vote as alike as NATO's members do, or more")
    assert "none of the 12 candidates" in text and ": none by more than the median state" in text
    assert text.endswith("The votes show the shared view of the world that an Asian NATO would rest on.")


@pytest.mark.parametrize(("usa", "chn", "expected"), [
    (50.0, 49.4, "Japan sits on the line, agreeing with the United States in 50 per cent of votes and with China in 49 per cent, "
                 "within five points of each other"),
    (60.0, 40.0, "Japan leans to the United States, agreeing with the United States in 60 per cent of votes and with China in 40 per cent"),
    (30.0, 36.0, "Japan leans to China, agreeing with the United States in 30 per cent of votes and with China in 36 per cent"),
])
def test_lean_clause_says_on_the_line_only_within_the_margin(usa, chn, expected):
    from asian_nato.report import alignment_report

    assert alignment_report.lean_clause("Japan", usa, chn) == expected


def test_lean_clause_puts_the_article_before_names_that_take_it():
    from asian_nato.report import alignment_report

    assert alignment_report.lean_clause("Philippines", 40, 60).startswith("the Philippines leans to China")


def test_assembly_norm_clause_follows_the_median_state():
    from asian_nato.report import alignment_report

    assert alignment_report.assembly_norm_clause(0.33, 0.54).startswith("voting with China is the Assembly's norm")
    assert alignment_report.assembly_norm_clause(0.6, 0.4).startswith("voting with the United States is the Assembly's norm")
    assert alignment_report.assembly_norm_clause(0.5, 0.5) == "the Assembly's median state agrees with both powers equally often"


COHESION = {"candidates_last": 0.75, "allies_last": 0.736, "others_last": 0.772, "nato_last": 0.942}


def test_smaller_groups_sentence_at_the_books_figures():
    from asian_nato.report import alignment_report

    assert alignment_report.smaller_groups_sentence(COHESION, "the Philippines and Thailand") == (
        "Nor does a smaller group close even half the gap to NATO: the US with its treaty allies scores 0.74, because the "
        "Philippines and Thailand vote far from the United States, and the other candidates 0.77.")


def test_smaller_groups_sentence_drops_the_reason_when_no_ally_votes_with_china():
    from asian_nato.report import alignment_report

    sentence = alignment_report.smaller_groups_sentence(COHESION, "none")
    assert "because" not in sentence and "none" not in sentence
    assert sentence.endswith("scores 0.74 and the other candidates 0.77.")


def test_smaller_groups_sentence_turns_when_a_group_closes_half_the_gap():
    from asian_nato.report import alignment_report

    closer = {**COHESION, "others_last": 0.85}
    assert alignment_report.smaller_groups_sentence(closer, "").startswith("A smaller group closes at least half the gap to NATO")
    level = {**COHESION, "nato_last": 0.7}
    assert alignment_report.smaller_groups_sentence(level, "").startswith("Of smaller groups, the US")
