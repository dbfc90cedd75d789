"""Computed alt texts of chapter 5's spending, personnel, warheads and capability-range charts and chapter 8's trade chart.

Each function gets a small hand-made frame of the shape its plot draws and must
give an exact text; a second frame changes the data so that a computed clause
flips (another state becomes the largest, a ratio crosses parity, ...).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from asian_nato.report import capabilities_report as cr
from asian_nato.report import measures_report as mr

NAMES = {"USA": "United States", "CHN": "China", "GBR": "United Kingdom", "VNM": "Việt Nam", "PRK": "North Korea",
         "SGP": "Singapore", "JPN": "Japan", "RUS": "Russia", "IND": "India", "AUS": "Australia", "PHL": "Philippines"}
COUNTRIES = pd.DataFrame({"iso3": list(NAMES), "name": list(NAMES.values())})


# ---------------------------------------------------------------- helpers

@pytest.mark.parametrize("n, expected", [(1, "first"), (3, "third"), (10, "tenth"), (11, "11th"), (12, "12th"),
                                         (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (111, "111th")])
def test_ordinal_in_words_to_ten_then_digits_with_suffix(n, expected):
    assert cr.ordinal(n) == expected


@pytest.mark.parametrize("value, expected", [(12_188, "12,000"), (30, "30"), (5, "5"), (0, "0")])
def test_whole_counts_have_no_decimals(value, expected):
    assert cr.whole(value) == expected


@pytest.mark.parametrize("values, expected", [
    ([4.0, 3.0, 2.0], "falls from 4.0 to 2.0"),
    ([np.nan, 3.0, 5.0], "rises from 3.0 in 2001 to 5.0"),
    ([1.0, 2.0, np.nan], "rises from 1.0 to 2.0 in 2001"),
    ([30.0, 31.0, 30.0], "is 30 at both ends"),
    ([np.nan, 30.0, 30.0], "is 30 at both ends, 2001 to 2002"),
    ([np.nan, np.nan, 7.0], "has a single point, 7.0 in 2002"),
])
def test_first_to_last_names_a_line_s_own_years_only_when_they_differ(values, expected):
    assert cr.first_to_last(pd.Series(values, index=[2000, 2001, 2002]), (2000, 2002)) == expected


@pytest.mark.parametrize("values, expected", [
    ([2.0, 1.5, 1.1], "above parity throughout"),
    ([0.9, 0.8, 0.7], "below parity throughout"),
    ([1.2, 0.9, 0.8], "below parity every year since 2001"),
    ([1.2, 0.9, 1.0], "above parity at the end, after one year below it"),
    ([0.9, 0.9, 1.1], "above parity at the end, after two years below it"),
])
def test_parity_clause_reads_the_ratio_against_one(values, expected):
    assert cr.parity_clause(pd.Series(values, index=[2000, 2001, 2002])) == expected


def test_every_ratio_and_measure_has_its_prose():
    assert list(cr.RATIO_PROSE) == list(cr.RATIO_LABELS)
    assert set(mr.LINESTYLES.values()) <= set(mr.DASH_WORDS)


# ---------------------------------------------------------------- spending trend

def _milex(**changes: list[float]) -> pd.DataFrame:
    columns = {"USA": [500_000, 520_000, 540_000], "CHN": [40_000, 60_000, 92_000], "GBR": [50_000, 52_000, 51_000],
               "VNM": [2_000, 2_500, np.nan], "PRK": [np.nan] * 3, "SGP": [8_000, 9_000, 9_500]}
    return pd.DataFrame({**columns, **changes}, index=pd.RangeIndex(2000, 2003, name="year"), dtype=float)


def test_spending_trend_alt_names_panels_fastest_growth_and_partial_lines():
    assert cr.spending_trend_alt(_milex(), COUNTRIES, n_large=2) == (
        "Two line charts on log scales of military spending in billions of constant US dollars, 2000 to 2002. "
        "The top one shows the two largest spenders in 2002, led by the United States (540) and China (92); "
        "China grew the most, to 2.3 times its 2000 level, moving from third place in 2000 to second in 2002. "
        "The bottom one shows the other three states with figures, led by the United Kingdom (51) and Singapore (9.5). "
        "The line for Việt Nam runs only from 2000 to 2001; North Korea has no figures and no line.")


def test_spending_trend_alt_follows_a_new_second_spender():
    text = cr.spending_trend_alt(_milex(GBR=[50_000, 52_000, 100_000], VNM=[2_000, 2_500, 3_000]), COUNTRIES, n_large=2)
    assert "led by the United States (540) and the United Kingdom (100);" in text
    assert "the United Kingdom grew the most, to 2.0 times its 2000 level, keeping second place." in text
    assert "led by China (92) and Singapore (9.5)." in text
    assert "Việt Nam" not in text  # its line now runs to the end


def test_spending_trend_alt_and_plot_draw_the_same_panels():
    large, small = cr.spending_panels(_milex(), n_large=2)
    assert (large, small) == (["USA", "CHN"], ["GBR", "SGP", "VNM"])
    fig = cr.plot_spending_trend(_milex(), COUNTRIES, n_large=2)
    assert [len(ax.get_lines()) for ax in fig.axes] == [len(large), len(small)]


# ---------------------------------------------------------------- spending ratios

def _balance(asia_pacific: list[float]) -> pd.DataFrame:
    return pd.DataFrame({
        "candidates_to_china": [4.0, 3.0, 2.5, 2.0],
        "candidates_to_china_russia": [1.5, 0.9, 0.95, 1.2],
        "candidates_without_us_to_china": [0.8, 0.9, 0.7, 0.6],
        "asia_pacific_to_china": asia_pacific,
        "us_share": [70.0, 71.0, 72.0, 73.0],
    }, index=pd.RangeIndex(2000, 2004, name="year"))


def test_spending_ratios_alt_gives_first_and_latest_and_parity():
    assert cr.spending_ratios_alt(_balance([1.2, 1.1, 0.9, 0.8])) == (
        "Line chart on a log scale of four ratios of spending, 2000 to 2003, with a dotted line at parity (a ratio of one). "
        "The ratio of all candidates to China falls from 4.0 to 2.0, above parity throughout; "
        "the ratio of all candidates to China and Russia together falls from 1.5 to 1.2, above parity at the end, after two years below it; "
        "the ratio of the candidates without the United States to China falls from 0.80 to 0.60, below parity throughout; "
        "the ratio of the Asia-Pacific candidates to China falls from 1.2 to 0.80, below parity every year since 2002.")


def test_spending_ratios_alt_flips_when_a_ratio_ends_above_parity():
    text = cr.spending_ratios_alt(_balance([0.9, 1.1, 0.9, 1.3]))
    assert text.endswith("the ratio of the Asia-Pacific candidates to China rises from 0.90 to 1.3, "
                         "above parity at the end, after two years below it.")


# ---------------------------------------------------------------- spending balance

def _stacks(russia_2004: float) -> pd.DataFrame:
    milex = pd.DataFrame({"USA": [500_000, 600_000], "GBR": [50_000, 55_000], "JPN": [40_000, 45_000],
                          "CHN": [40_000, 80_000], "RUS": [20_000, russia_2004]}, index=pd.Index([2000, 2004], name="year"), dtype=float)
    return cr.balance_stacks(milex, ("JPN",), [2000, 2004])


def test_spending_balance_alt_reads_totals_largest_parts_and_taller_bar():
    assert cr.spending_balance_alt(_stacks(30_000)) == (
        "Paired stacked bars for two years from 2000 to 2004, each pair the candidates (left: the United States, the "
        "United Kingdom and the Asia-Pacific candidates) and the adversaries (right: China and Russia), each bar labelled "
        "with its total in billions of dollars. The candidates' total rises from 590 to 700, the United States the largest "
        "part in every year shown; the adversaries' total rises from 60 to 110, China the largest part in every year shown. "
        "The candidates' bar is the taller in every year shown; in 2004 it is 6.4 times the adversaries'.")


def test_spending_balance_alt_flips_when_russia_overtakes():
    text = cr.spending_balance_alt(_stacks(700_000))
    assert "the adversaries' total rises from 60 to 780, the largest part in turn China and Russia." in text
    assert text.endswith("The candidates' bar is the taller in one of the two years shown; in 2004 it is 0.90 times the adversaries'.")


# ---------------------------------------------------------------- personnel

PERSONNEL_LABELS = {"all_candidates": "All candidates", "adversaries": "China + Russia + N. Korea", **NAMES}


def _personnel(india: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"all_candidates": [5_000, 5_100, 5_200], "adversaries": [4_800, 5_200, 4_000],
                         "CHN": [2_800, 2_500, 2_000], "IND": india}, index=pd.RangeIndex(2000, 2003, name="year"), dtype=float)


def test_personnel_alt_compares_the_totals_and_ranks_the_single_forces():
    assert cr.personnel_alt(_personnel([1_300, 1_400, 1_460]), PERSONNEL_LABELS) == (
        "Line chart on a log scale of armed-forces personnel in thousands, 2000 to 2002: the total of all candidates, the "
        "total of China, Russia and North Korea together, and the two largest single forces in 2002. The candidates' total "
        "is above the adversaries' in two of the three years, at 0.98 to 1.3 times it (1.3 in 2002). The single forces in "
        "2002 are China (2,000) and India (1,500); the largest, China, falls from 2,800 to 2,000 over the period.")


def test_personnel_alt_follows_a_new_largest_force():
    text = cr.personnel_alt(_personnel([1_300, 1_400, 2_100]), PERSONNEL_LABELS)
    assert text.endswith("are India (2,100) and China (2,000); the largest, India, rises from 1,300 to 2,100 over the period.")


# ---------------------------------------------------------------- warheads

def _warheads(usa_2002: float) -> pd.DataFrame:
    return pd.DataFrame({"USA": [100, 90, usa_2002], "JPN": [0, 0, 0], "PRK": [0, 3, 5], "GBR": [30, 31, 30]},
                        index=pd.RangeIndex(2000, 2003, name="year"), dtype=float)


def test_warheads_alt_lists_each_holder_largest_first():
    assert cr.warheads_alt(_warheads(80), COUNTRIES) == (
        "Line chart on a log scale of estimated nuclear warheads, 2000 to 2002, one line for each of the three states that "
        "held any, largest first in 2002: the United States falls from 100 to 80; the United Kingdom is 30 at both ends; "
        "North Korea rises from 3 in 2001 to 5.")


def test_warheads_alt_reorders_when_the_largest_changes():
    assert "largest first in 2002: the United Kingdom is 30 at both ends; the United States falls from 100 to 20;" in (
        cr.warheads_alt(_warheads(20), COUNTRIES))


# ---------------------------------------------------------------- capability range

def _grid(**lines: list[float]) -> pd.DataFrame:
    ratios = {("A", "market"): [1.5, 3.0], ("A", "ppp"): [1.2, 2.0], ("A", "ppp_adversaries"): [0.8, 1.6],
              ("B", "market"): [1.1, 1.1], ("B", "ppp"): [1.3, 1.3], ("B", "ppp_adversaries"): [0.6, 0.6]}
    ratios.update({tuple(key.split("_", 1)): value for key, value in lines.items()})
    frame = pd.DataFrame(ratios, index=pd.Index([0.5, 1.0], name="us_share"))
    frame.columns = pd.MultiIndex.from_tuples(frame.columns, names=["coalition", "measure"])
    return frame.stack(["coalition", "measure"]).rename("ratio").reset_index()[["coalition", "measure", "us_share", "ratio"]]


def test_capability_range_alt_reads_each_coalition_s_range_trend_and_parity():
    assert mr.capability_range_alt(_grid()) == (
        "Line chart of spending relative to China against the share of the US military budget counted, 50 to 100 per "
        "cent, with a dotted line at parity with China: one colour and marker for each of two coalitions and one dash for "
        "each of three measures (solid: market exchange rates; dashed: purchasing-power parity; dotted: PPP for the "
        "adversaries only). A: 0.80 to 3.0 times China's spending, rising with the share counted; below parity under PPP "
        "for the adversaries only at 50 per cent. B: 0.60 to 1.3, the same at every share; below parity under PPP for the "
        "adversaries only at every share.")


def test_capability_range_alt_flips_with_parity_and_trend():
    text = mr.capability_range_alt(_grid(A_ppp_adversaries=[1.06, 1.6], A_ppp=[2.5, 2.0],
                                         B_market=[0.9, 0.9], B_ppp=[0.95, 0.95]))
    assert "A: 1.1 to 3.0 times China's spending; above parity everywhere." in text
    assert text.endswith("B: 0.60 to 0.95, the same at every share; below parity everywhere.")


def test_capability_range_alt_names_each_measure_below_parity():
    text = mr.capability_range_alt(_grid(A_market=[0.9, 3.0]))
    assert "below parity under market exchange rates at 50 per cent and under PPP for the adversaries only at 50 per cent." in text


# ---------------------------------------------------------------- trade exposure

def _exposure(india_us_2024: float = 10.8, india_first: int = 2015) -> pd.DataFrame:
    rows = {("AUS", 2015): (27.0, 8.5), ("AUS", 2024): (30.0, 8.0), ("IND", india_first): (11.0, 9.3),
            ("IND", 2024): (10.7, india_us_2024), ("VNM", 2015): (18.0, 11.0), ("VNM", 2024): (27.0, 18.0)}
    wide = pd.DataFrame(rows, index=["CHN", "USA"]).T.rename_axis(["iso3", "year"])
    return wide.stack().rename("share").rename_axis(["iso3", "year", "partner"]).reset_index()


def test_trade_exposure_alt_reads_larger_partner_and_largest_rises():
    assert mr.trade_exposure_alt(_exposure(), NAMES) == (
        "Two dot-and-arrow panels sharing one scale, trade with China and trade with the United States: one row for each "
        "of three candidates, the largest latest share of trade with China at the top, each with an arrow from its share "
        "of goods trade in 2015 (hollow circle) to its share in 2024 (diamond). In 2024 China's share is the larger for "
        "two of them and the US share for India. China's share rose for two of them, most for Việt Nam (from 18 to 27 per "
        "cent) and Australia (from 27 to 30 per cent); the US share rose for two of them, most for Việt Nam (from 11 to "
        "18 per cent).")


def test_trade_exposure_alt_flips_when_india_trades_more_with_china():
    text = mr.trade_exposure_alt(_exposure(india_us_2024=9.0), NAMES)
    assert "In 2024 China's share is the larger for all three." in text
    assert "the US share rose for one of them, most for Việt Nam" in text


def test_trade_exposure_alt_with_differing_first_years():
    text = mr.trade_exposure_alt(_exposure(india_first=2017), NAMES)
    assert ("in its first year with data (hollow circle; 2015 at the earliest) to its share in its latest "
            "(diamond; 2024 at the latest).") in text
