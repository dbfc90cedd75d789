"""Findings of chapters 4, 5 and 6 that used to be typed are now computed: each wording, and a data change that flips it."""

from __future__ import annotations

import pandas as pd
import pytest

from asian_nato.analysis.alignment import DRIFT_CLASSES
from asian_nato.report import alignment_report as ar
from asian_nato.report import capabilities_report as cr
from asian_nato.report import measures_report as mr
from asian_nato.report import positions_report as pr

NAMES = {"CHN": "China", "IND": "India", "USA": "United States", "PRK": "North Korea", "RUS": "Russia",
         "JPN": "Japan", "KOR": "South Korea", "NZL": "New Zealand", "PHL": "Philippines"}


# ---------------------------------------------------------------- chapter 4


def _table(counts: dict[str, int]) -> pd.DataFrame:
    codes = pd.Series(list(counts))
    return pd.DataFrame({"iso3": codes, "is_government": codes.str.isupper(), "n_statements": list(counts.values())})


def test_handful_sentence_says_most_trends_rest_on_few_statements():
    table = _table({"AAA": 2, "BBB": 3, "CCC": 9, "DDD": 1, "org": 2})
    assert pr.handful_sentence(table) == (
        'Of the three trends, two rest on five statements or fewer, and the "Statements" column shows how few.')


def test_handful_sentence_flips_when_most_records_grow():
    table = _table({"AAA": 2, "BBB": 7, "CCC": 9, "DDD": 1})
    assert pr.handful_sentence(table) == (
        'Of the three trends, one rests on five statements or fewer; most rest on more, as the "Statements" column shows.')
    assert pr.handful_sentence(_table({"AAA": 1})) == "No government has more than one statement, so none has a trend yet."


def test_handful_sentence_follows_its_threshold():
    table = _table({"AAA": 4, "BBB": 4, "CCC": 9})
    assert pr.handful_sentence(table, handful=3).startswith("Of the three trends, none rest on three statements or fewer;")


def test_record_sentence_follows_the_class_counts():
    assert pr.record_sentence({"pos_n_yes": 2, "pos_n_no": 3, "pos_n_notnow": 4}) == (
        "On the public record, the answer from the region's governments is mostly no or not now.")
    assert pr.record_sentence({"pos_n_yes": 8, "pos_n_no": 3, "pos_n_notnow": 4}) == (
        "On the public record, most of the region's governments are classed yes.")
    assert pr.record_sentence({"pos_n_yes": 7, "pos_n_no": 3, "pos_n_notnow": 4}).endswith("split evenly between yes and no or not now.")


def test_uneven_record_clause():
    assert pr.uneven_record_clause(_table({"AAA": 1, "BBB": 14, "CCC": 3, "org": 40})) == (
        "the record is uneven (from one statement to 14 per government, and one government has made only one)")
    assert pr.uneven_record_clause(_table({"AAA": 2, "BBB": 5})) == "the record is uneven (from two statements to five per government)"
    assert pr.uneven_record_clause(_table({"AAA": 3, "BBB": 3})) == "the record is even, with three statements from every government"


# ---------------------------------------------------------------- chapter 5: people under arms


def test_headcount_clause_close_and_far_apart():
    assert cr.headcount_clause(1.2) == "By headcount the sides are close, within the factor of 1.25 that this book counts as even"
    assert cr.headcount_clause(1.3) == (
        "By headcount the candidates outnumber China, Russia and North Korea by more than the factor of 1.25 that this book "
        "counts as even")
    assert cr.headcount_clause(0.7).startswith("By headcount China, Russia and North Korea outnumber the candidates")


def test_largest_force_clause_names_who_is_ahead():
    forces = pd.Series({"CHN": 2035.0, "IND": 1460.0, "PRK": 1280.0})
    assert cr.largest_force_clause(forces, NAMES) == "is the largest single force"
    assert cr.largest_force_clause(pd.Series({"CHN": 2035.0, "IND": 2100.0}), NAMES) == (
        "is the second-largest single force, after India's")


def test_comparable_force_clause_needs_a_far_larger_state_with_a_close_force():
    forces = pd.Series({"PRK": 1280.0, "IND": 1460.0, "USA": 1360.0, "KOR": 555.0, "JPN": 1300.0})
    population = pd.Series({"PRK": 26.0, "IND": 1425.0, "USA": 345.0, "KOR": 52.0, "JPN": 124.0})
    assert cr.comparable_force_clause(forces, population, NAMES) == (
        "keeps a force comparable to those of far larger states: within a factor of 1.25 of India's and the United States', "
        "each with at least five times its population")
    smaller = forces.copy()
    smaller[["IND", "USA"]] = 300.0
    assert cr.comparable_force_clause(smaller, population, NAMES) == "keeps the second-largest force of the five states here"


def test_headcount_caveat_turns_on_which_margin_is_wider():
    assert mr.headcount_caveat_sentence(2.81, 1.2) == (
        "Headcounts say nothing about training or equipment, which is where the spending gap shows: the candidates spend "
        "2.8 times what China and Russia spend, a wider margin than in people.")
    assert mr.headcount_caveat_sentence(1.1, 1.2) == (
        "Headcounts say nothing about training or equipment, and money, which pays for them, gives the candidates no wider "
        "margin than people do: they spend 1.1 times what China and Russia spend.")


# ---------------------------------------------------------------- chapter 5: spending


def _snapshot(spending: list[float], personnel: list[float]) -> pd.DataFrame:
    return pd.DataFrame({
        "Country": ["United States", "Japan", "Philippines", "China"],
        "Spending 2024 (US$ bn)": [*spending, 300.0],
        "Share of GDP 2024 (%)": [3.0, 1.5, 1.0, 1.7],
        "Personnel 2022 (thousands)": [*personnel, 2000],
        "Warheads 2023": [3700, 0, 0, 400],
    })


def test_spending_column_sentence_spread_and_dependence():
    table = _snapshot([900.0, 60.0, 6.0], [1300, 250, 140])
    assert mr.spending_column_sentence(table, ["United States", "Japan", "Philippines"]) == (
        "The spending column is where the candidates differ most: the largest budget is 150 times the smallest, against "
        "9.3 times for personnel and 3.0 times for share of GDP. It is also where the coalition's dependence on one member "
        "shows: the United States spends 93 per cent of the candidates' total, more than all the others together.")


def test_spending_column_sentence_flips_with_the_data():
    table = _snapshot([50.0, 55.0, 40.0], [1300, 25, 1])
    assert mr.spending_column_sentence(table, ["United States", "Japan", "Philippines"]) == (
        "The candidates differ most in personnel, not spending: the largest budget is 1.4 times the smallest, against "
        "1,300 times for personnel and 3.0 times for share of GDP. No one member spends more than all the others together: "
        "the largest, Japan, spends 38 per cent.")
    lopsided = _snapshot([500.0, 55.0, 40.0], [1300, 25, 1])
    assert mr.spending_column_sentence(lopsided, ["United States", "Japan", "Philippines"]).endswith(
        "The spending column is where the coalition's dependence on one member shows: the United States spends 84 per cent "
        "of the candidates' total, more than all the others together.")


def test_us_share_reading():
    share, ahead = pd.Series([75.0, 80.0]), pd.Series([3.0, 2.0])
    assert mr.us_share_reading(share, ahead) == "the candidates' advantage has always been, above all, an American one"
    assert mr.us_share_reading(pd.Series([75.0, 45.0, 40.0]), pd.Series([3.0, 2.0, 2.0])) == (
        "in two of the three years the United States spent no more than half of it")
    assert mr.us_share_reading(share, pd.Series([3.0, 0.9])).startswith("the candidates' spending has always been, above all, American")


def test_multiples_change_words():
    assert mr.multiples_change_words([17.6, 3.0], [4.1, 0.8]) == "had fallen to"
    assert mr.multiples_change_words([1.0, 0.5], [4.1, 0.8]) == "had risen to"
    assert mr.multiples_change_words([1.0, 3.0], [4.1, 0.8]) == "were"


def test_gdp_share_clause():
    assert mr.gdp_share_clause(1.37, 1.6, 1.31) == (
        "but from a low base: it still spent only 1.4 per cent of its GDP, less than the median candidate's 1.6 per cent.")
    assert mr.gdp_share_clause(2.1, 1.6, 1.31) == "and it spent 2.1 per cent of its GDP, no less than the median candidate's 1.6 per cent."
    assert mr.gdp_share_clause(1.37, 1.6, 0.9).startswith("it still spent only")


def test_gap_effect_clause():
    assert mr.gap_effect_clause(0.55) == "below the one per cent this book counts as negligible, so the gap moves the ratios very little"
    assert mr.gap_effect_clause(4.0) == (
        "at least the one per cent this book counts as negligible, so the gap lowers the candidates' ratios noticeably")


# ---------------------------------------------------------------- chapter 5: the capability grid


def _grid(without_us_ppp: float = 1.24, adv_lowest: bool = True) -> pd.DataFrame:
    rows = []
    for share in (0.5, 1.0):
        rows += [
            (mr.ISHIBA, "market", share, 4.0 * share), (mr.ISHIBA, "ppp", share, 2.6 * share),
            (mr.ISHIBA, "ppp_adversaries", share, 2.0 * share if adv_lowest else 3.0 * share),
            (mr.WITHOUT_US, "market", share, 1.1), (mr.WITHOUT_US, "ppp", share, without_us_ppp),
            (mr.WITHOUT_US, "ppp_adversaries", share, 0.57),
        ]
    return pd.DataFrame(rows, columns=["coalition", "measure", "us_share", "ratio"])


def test_flattery_sentence_names_the_exception():
    assert mr.flattery_sentence(_grid()) == (
        "Both choices flatter Ishiba's coalition; for the candidates without the United States, the share of the US budget "
        "makes no difference and purchasing-power parity raises the ratio.")


def test_flattery_sentence_when_every_coalition_is_flattered():
    grid = _grid(without_us_ppp=0.9)
    grid = grid[grid["coalition"] == mr.ISHIBA]
    assert mr.flattery_sentence(grid) == "Both choices flatter the candidates."


def test_pessimistic_clause():
    assert mr.pessimistic_clause(_grid()).endswith("is the pessimistic bound, the lowest of the measures for every coalition and share")
    assert mr.pessimistic_clause(_grid(adv_lowest=False)).endswith(
        "is a pessimistic reading, though not the lowest measure for every coalition and share")


def test_price_level_clause():
    assert mr.price_level_clause(pd.Series({"JPN": 0.68, "IND": 0.25}), NAMES) == "so theirs grow too"
    assert mr.price_level_clause(pd.Series({"JPN": 1.1, "IND": 0.25}), NAMES) == "so India's grows and Japan's shrinks"
    assert mr.price_level_clause(pd.Series({"JPN": 1.1, "IND": 1.2}), NAMES) == "so theirs shrink"


def test_careful_measure_lead():
    assert mr.careful_measure_lead(_grid()).startswith("Measured more carefully, the picture is less comfortable")
    cheap_china = _grid().assign(ratio=lambda g: g["ratio"].where(g["measure"] != "ppp", 99.0))
    assert mr.careful_measure_lead(cheap_china).startswith("Measured more carefully, the picture is no less comfortable")


# ---------------------------------------------------------------- chapter 6


def test_common_drift_sentences_broad_shift():
    changes = pd.Series([0.3, 0.25, 0.35, -0.1, 0.28])
    assert ar.common_drift_sentences(changes) == (
        "Most states drifted together: four of the five states in the data with scores in both years moved towards the "
        "United States, and the median state moved +28 points. A shift that broad, with most states moving one way and "
        "the median by at least ten points, points to a change in what came to a vote, not in alignment, so what matters "
        "is how far a state moved relative to that median.")


def test_common_drift_sentences_small_or_mixed_shift():
    small = ar.common_drift_sentences(pd.Series([0.03, 0.05, 0.04, -0.1, 0.02]))
    assert small.startswith("Most states drifted together: four of the five")
    assert "A shift that small (this book reads a shift as broad when most states move one way" in small
    mixed = ar.common_drift_sentences(pd.Series([0.3, -0.25, 0.35, -0.1]))
    assert mixed.startswith("States did not drift together:")
    assert "A shift that mixed" in mixed


def _classes(labels: list[str]) -> pd.Series:
    return pd.Series([DRIFT_CLASSES[["more", "about", "less"].index(x)] for x in labels])


def test_towards_us_clause():
    changes = pd.Series([0.3, 0.2, 0.25, 0.4])
    assert ar.towards_us_clause(changes, _classes(["about", "less", "about", "more"])) == (
        "all four candidates other than the United States moved towards it, and half of them moved by about as much as the "
        "median state")
    assert ar.towards_us_clause(changes, _classes(["about", "about", "about", "more"])).endswith("and most of them moved by about as much as the median state")
    assert ar.towards_us_clause(pd.Series([0.3, -0.2, 0.25, 0.4]), _classes(["more", "less", "about", "more"])) == (
        "three of the four candidates other than the United States moved towards it, and one of them moved by about as much "
        "as the median state")


def test_stands_out_sentence():
    changes = pd.Series({"KOR": 0.43, "NZL": 0.34, "JPN": 0.29})
    assert ar.stands_out_sentence(changes, 0.29, NAMES) == (
        "South Korea stands out: its lean moved +43 points, 14 more than the median, at least twice as far beyond it as "
        "any other candidate.")
    close = pd.Series({"KOR": 0.43, "NZL": 0.40, "JPN": 0.29})
    assert ar.stands_out_sentence(close, 0.29, NAMES) == "South Korea moved furthest: its lean moved +43 points, 14 more than the median."


def test_adversaries_drift_sentence():
    adversaries = pd.Series({"RUS": 0.06, "PRK": 0.07})
    candidates = pd.Series({"JPN": 0.29, "KOR": 0.43})
    assert ar.adversaries_drift_sentence(adversaries, candidates, 0.29, NAMES) == (
        "Russia (+6 points) and North Korea (+7) moved much less than the median state, under half its move, so the gap "
        "in lean between them and the candidates widened.")
    assert ar.adversaries_drift_sentence(pd.Series({"RUS": 0.2, "PRK": 0.5}), candidates, 0.29, NAMES) == (
        "Russia (+20 points) and North Korea (+50) did not all move less than the median state, so the gap in lean between "
        "them and the candidates widened for some pairs and narrowed for others.")


def test_split_words_and_crossing_clause():
    wide = pd.DataFrame({"USA": [2.6, 2.5], "JPN": [0.7, 0.8], "IND": [-0.6, -0.3], "RUS": [0.2, -0.5]}, index=[2000, 2023])
    assert ar.split_words(wide, ["USA", "JPN", "IND"]) == "a stable split"
    assert ar.split_words(wide, ["USA", "JPN", "RUS"]) == "a split that has shifted"
    assert ar.crossing_clause(wide, NAMES) == "only one of the four lines, Russia's, crosses the middle of the scale over the whole period"
    assert ar.crossing_clause(wide.drop(columns="RUS"), NAMES) == "none of the three lines crosses the middle of the scale over the whole period"


def test_above_middle_place_and_china_side():
    latest = pd.Series({"USA": 2.5, "JPN": 0.8, "GBR": 2.06, "CHN": -0.8})
    assert ar.above_middle_place(latest, ["JPN", "GBR"]) == "between the United States and the middle of the scale"
    assert ar.above_middle_place(latest.replace({2.06: 2.7}), ["JPN", "GBR"]).startswith(
        "above the middle of the scale")
    assert ar.china_side_clause(latest) == ", on China's side"
    assert ar.china_side_clause(latest.replace({-0.8: 0.1})) == ", away from China, which sat above it"


def test_recent_ideal_point_changes_span_the_latest_years_and_skip_missing_states():
    from asian_nato.report import alignment_report as ar

    wide = pd.DataFrame({"JPN": [1.0, 1.2, 1.5, 1.4], "CHN": [-1.0, -1.1, -1.3, -1.6], "KOR": [None, 0.5, 0.6, None]},
                        index=[2020, 2021, 2022, 2023])
    assert ar.recent_ideal_point_changes(wide, recent=2).round(2).to_dict() == {"JPN": 0.2, "CHN": -0.5}
    assert ar.recent_ideal_point_changes(wide, recent=10).round(2).to_dict() == {"JPN": 0.4, "CHN": -0.6}
