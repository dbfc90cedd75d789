"""Unit tests for asian_nato.analysis.capabilities on small hand-built long frames (shaped like load_indicators())."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from asian_nato.analysis import capabilities as cap
from asian_nato.analysis import groups
from asian_nato.report import capabilities_report, style


def long_frame(rows: list[tuple[str, int, str, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    return frame.assign(unit="u", source="test", year=frame["year"].astype(int), value=frame["value"].astype(float))


@pytest.fixture
def countries() -> pd.DataFrame:
    return pd.DataFrame({
        "iso3": ["USA", "JPN", "GBR", "VNM", "CHN", "RUS", "PRK"],
        "name": ["United States", "Japan", "United Kingdom", "Viet Nam", "China", "Russia", "North Korea"],
        "region": ["North America", "East Asia", "Europe", "Southeast Asia", "East Asia", "Europe", "East Asia"],
    })


CANDS = ("USA", "JPN", "GBR", "VNM")
ADVS = ("CHN", "RUS", "PRK")


@pytest.fixture
def milex_long() -> pd.DataFrame:
    """Two years of spending; Viet Nam reports only in 2020, North Korea never."""
    rows = []
    for year, values in {
        2020: {"USA": 600, "JPN": 100, "GBR": 50, "VNM": 10, "CHN": 200, "RUS": 50},
        2021: {"USA": 600, "JPN": 100, "GBR": 50, "CHN": 200, "RUS": 50},
    }.items():
        rows += [(code, year, cap.MILEX, value) for code, value in values.items()]
    return long_frame(rows)


def test_latest_year_ignores_other_indicators_and_missing_values():
    frame = long_frame([
        ("USA", 2020, cap.MILEX, 1.0),
        ("USA", 2022, cap.MILEX, float("nan")),
        ("USA", 2024, cap.PERSONNEL, 5.0),
    ])
    assert cap.latest_year(frame, cap.MILEX) == 2020
    with pytest.raises(ValueError, match="no values"):
        cap.latest_year(frame, cap.WARHEADS)


def test_panel_keeps_every_year_and_every_requested_country(milex_long):
    wide = cap.panel(milex_long, cap.MILEX, ["USA", "VNM", "PRK"], start=2019)
    assert wide.index.tolist() == [2019, 2020, 2021]
    assert wide.columns.tolist() == ["USA", "VNM", "PRK"]
    assert wide.loc[2020, "VNM"] == 10
    assert math.isnan(wide.loc[2021, "VNM"])
    assert wide["PRK"].isna().all()
    assert wide.loc[2019].isna().all()


def test_coverage_counts_missing_years(milex_long):
    wide = cap.panel(milex_long, cap.MILEX, ["USA", "VNM", "PRK"], start=2020)
    table = cap.coverage(wide).set_index("iso3")
    assert table.loc["USA", "years_missing"] == 0
    assert table.loc["VNM", "years_with_data"] == 1
    assert table.loc["VNM", "last_year"] == 2020
    assert table.loc["PRK", "years_missing"] == 2
    assert pd.isna(table.loc["PRK", "first_year"])


def test_reporting_splits_present_and_missing(milex_long):
    wide = cap.panel(milex_long, cap.MILEX, [*CANDS, *ADVS], start=2020)
    present, missing = cap.reporting(wide, CANDS, 2021)
    assert present == ["USA", "JPN", "GBR"]
    assert missing == ["VNM"]


def test_warheads_panel_fills_only_states_never_listed():
    frame = long_frame([
        ("USA", 2020, cap.WARHEADS, 3700),
        ("PRK", 2021, cap.WARHEADS, 30),
        ("USA", 2021, cap.WARHEADS, 3708),
    ])
    wide = cap.warheads_panel(frame, ["USA", "PRK", "JPN"], start=2020)
    assert wide["JPN"].tolist() == [0.0, 0.0]
    assert math.isnan(wide.loc[2020, "PRK"])  # a listed state keeps its gap
    assert wide.loc[2021, "PRK"] == 30


def test_asia_pacific_drops_north_american_and_european_candidates(countries):
    assert cap.asia_pacific(countries, CANDS) == ("JPN", "VNM")
    with pytest.raises(ValueError, match="XXX"):
        cap.asia_pacific(countries, ["JPN", "XXX"])


def test_group_total_sums_reporters_and_is_nan_when_nobody_reports():
    wide = pd.DataFrame({"A": [1.0, np.nan], "B": [2.0, np.nan]}, index=[2020, 2021])
    totals = cap.group_total(wide, ["A", "B"])
    assert totals[2020] == 3.0
    assert math.isnan(totals[2021])


def test_spending_balance_ratios_by_hand(milex_long, countries):
    wide = cap.panel(milex_long, cap.MILEX, [*CANDS, *ADVS], start=2020)
    balance = cap.spending_balance(wide, cap.asia_pacific(countries, CANDS), CANDS)
    y20, y21 = balance.loc[2020], balance.loc[2021]
    # 2020: candidates 600 + 100 + 50 + 10 = 760; China 200; Russia 50.
    assert y20["candidates"] == 760
    assert y20["candidates_reporting"] == 4
    assert y20["candidates_to_china"] == pytest.approx(3.8)
    assert y20["candidates_to_china_russia"] == pytest.approx(760 / 250)
    assert y20["candidates_without_us_to_china"] == pytest.approx(160 / 200)
    assert y20["asia_pacific_to_china"] == pytest.approx(110 / 200)
    assert y20["us_share"] == pytest.approx(100 * 600 / 760)
    # 2021: Viet Nam missing, so the sums cover three candidates.
    assert y21["candidates_reporting"] == 3
    assert y21["candidates"] == 750
    assert y21["asia_pacific_to_china"] == pytest.approx(0.5)
    assert y21["us_share"] == pytest.approx(80.0)


def test_ratio_guards_against_zero_denominators():
    assert cap.ratio(3.0, 2.0) == 1.5
    assert math.isnan(cap.ratio(3.0, 0.0))
    series = cap.ratio(pd.Series([1.0, 2.0]), pd.Series([0.0, 4.0]))
    assert math.isnan(series[0]) and series[1] == 0.5


def test_ratio_table_uses_each_measures_latest_year(milex_long, countries):
    wide = cap.panel(milex_long, cap.MILEX, [*CANDS, *ADVS], start=2020)
    balance = cap.spending_balance(wide, cap.asia_pacific(countries, CANDS), CANDS)
    personnel = pd.DataFrame({"USA": [1300.0], "JPN": [250.0], "GBR": [150.0], "VNM": [500.0],
                              "CHN": [2000.0], "RUS": [1000.0], "PRK": [1300.0]}, index=[2019])
    warheads = pd.DataFrame({"USA": [3700.0], "JPN": [0.0], "GBR": [225.0], "VNM": [0.0],
                             "CHN": [400.0], "RUS": [4500.0], "PRK": [25.0]}, index=[2018])
    table = capabilities_report.ratio_table(balance, personnel, warheads, CANDS, ADVS)
    by_measure = table.set_index(["Measure", "Ratio"])
    assert by_measure.loc[("military spending", "All candidates ÷ China"), "Year"] == "2021"
    assert by_measure.loc[("military spending", "All candidates ÷ China"), "Value"] == pytest.approx(3.75)
    pers = table[table["Measure"] == "armed-forces personnel"].iloc[0]
    assert pers["Year"] == "2019"
    assert pers["Value"] == pytest.approx(2200 / 4300)
    war = table[table["Measure"] == "nuclear warheads"].iloc[0]
    assert war["Year"] == "2018"
    assert war["Value"] == pytest.approx(3925 / 4925)


def test_nuclear_status_prefers_own_arsenal_then_treaty():
    warheads = pd.Series({"USA": 3700.0, "GBR": 225.0, "JPN": 0.0})
    status = cap.nuclear_status(["USA", "GBR", "JPN", "VNM"], warheads, {"USA", "JPN"})
    assert status.to_dict() == {
        "USA": cap.OWN_ARSENAL, "GBR": cap.OWN_ARSENAL, "JPN": cap.TREATY_ALLY, "VNM": cap.NEITHER,
    }


def test_snapshot_has_one_row_per_state_with_years_in_headers(milex_long, countries):
    codes = [*CANDS, *ADVS]
    milex = cap.panel(milex_long, cap.MILEX, codes, start=2020)
    share = milex * 0 + 2.0
    personnel = pd.DataFrame({code: [100.0] for code in codes}, index=[2019])
    warheads = pd.DataFrame({code: [0.0] for code in codes}, index=[2018]).assign(USA=3700.0, CHN=400.0)
    table = capabilities_report.snapshot(milex, share, personnel, warheads, countries, {"USA", "JPN"}, CANDS, ADVS)
    assert len(table) == len(codes)
    assert "Spending 2021 (US$ bn)" in table.columns
    assert "Personnel 2019 (thousands)" in table.columns
    assert "Warheads 2018" in table.columns
    # candidates first, by spending, with the state without a figure last; then the adversaries
    assert table["Country"].tolist() == [
        "United States", "Japan", "United Kingdom", "Viet Nam", "China", "Russia", "North Korea",
    ]
    assert math.isnan(table.loc[3, "Spending 2021 (US$ bn)"])
    assert table.loc[0, "Spending 2021 (US$ bn)"] == pytest.approx(0.6)
    assert table["Warheads 2018"].tolist()[:2] == [3700, 0]
    assert table.set_index("Country").loc["Japan", "Nuclear status"] == cap.TREATY_ALLY


def test_spread_labels_keeps_order_and_gap():
    assert style.spread_labels([0.0, 5.0], 1.0).tolist() == [0.0, 5.0]  # far apart: untouched
    assert style.spread_labels([0.1, 0.0], 1.0).tolist() == pytest.approx([0.55, -0.45])  # pooled around the mean
    placed = style.spread_labels([0.0, 0.0, 0.0, 3.0], 1.0)
    assert placed.tolist() == pytest.approx([-1.0, 0.0, 1.0, 3.0])
    spaced = np.sort(style.spread_labels([0.2, 0.1, 0.0, 0.3, 2.5, 2.6], 0.5))
    assert np.diff(spaced).min() >= 0.5 - 1e-9


def test_plots_return_figures_with_a_source_line(milex_long, countries):
    codes = [*CANDS, *ADVS]
    milex = cap.panel(milex_long, cap.MILEX, codes, start=2020)
    balance = cap.spending_balance(milex, cap.asia_pacific(countries, CANDS), CANDS)
    for fig in (
        capabilities_report.plot_spending_trend(milex, countries, n_large=3),
        capabilities_report.plot_spending_ratios(balance),
        capabilities_report.plot_spending_balance(capabilities_report.balance_stacks(milex, ("JPN", "VNM"), [2020, 2021])),
    ):
        assert isinstance(fig, Figure)
        assert fig.get_supxlabel().startswith("Source: ")


def test_stays_below_since_finds_the_last_crossing():
    series = pd.Series([3.0, 2.0, 0.9, 1.1, 0.8, 0.7], index=range(2000, 2006))
    assert cap.stays_below_since(series, 1.0) == 2004
    assert cap.stays_below_since(series, 5.0) == 2000
    assert cap.stays_below_since(series, 0.75) == 2005
    assert cap.stays_below_since(series, 0.7) is None  # ends level with the threshold


def test_growth_is_a_multiple():
    assert cap.growth(pd.Series([2.0, 5.0], index=[2000, 2024]), 2000, 2024) == 2.5


def test_current_members_reads_open_spells_by_status():
    memberships = pd.DataFrame({
        "org_id": ["anzus", "anzus", "anzus", "other"],
        "iso3": ["NZL", "NZL", "AUS", "NZL"],
        "status": ["member", "suspended", "member", "suspended"],
        "joined_date": pd.to_datetime(["1951-09-01", "1986-09-17", "1951-09-01", "2000-01-01"]),
        "left_date": pd.to_datetime(["1986-09-17", None, None, None]),
    })
    now = pd.Timestamp("2026-02-06")
    assert groups.current_members(memberships, ["anzus"], now, status="suspended") == {"NZL"}
    assert groups.current_members(memberships, ["anzus"], now) == {"AUS"}
    assert groups.current_members(memberships, ["anzus"], pd.Timestamp("1980-01-01")) == {"AUS", "NZL"}


def test_scenarios_are_observed_on_the_given_date_not_the_build_day():
    """A member who joins after the as-of date is not in the book's coalitions yet."""
    memberships = pd.DataFrame({
        "org_id": ["quad", "quad", "quad", "quad", "squad", "us_jpn_kor_trilateral"],
        "iso3": ["USA", "JPN", "AUS", "IND", "PHL", "KOR"],
        "status": ["member"] * 6,
        "joined_date": pd.to_datetime(["2007-05-25"] * 4 + ["2024-05-02", "2023-08-18"]),
        "left_date": pd.to_datetime([None] * 6),
    })
    before = groups.scenarios(memberships, pd.Timestamp("2024-01-01"))
    after = groups.scenarios(memberships, pd.Timestamp("2025-01-01"))
    assert before["Quad alliance"] == ("AUS", "IND", "JPN", "USA")
    assert "PHL" not in before["US–Japan–Australia–Philippines"]
    assert "PHL" in after["US–Japan–Australia–Philippines"]




def test_gap_table_lists_only_states_with_missing_years(milex_long, countries):
    wide = cap.panel(milex_long, cap.MILEX, ["USA", "VNM", "PRK"], start=2020)
    table = capabilities_report.gap_table(cap.coverage(wide), countries)
    assert table["Country"].tolist() == ["Viet Nam", "North Korea"]
    assert table["Years missing"].tolist() == [1, 2]
    assert table["First year"].tolist() == ["2020", ""]


def test_whole_numbers_only_when_complete():
    assert capabilities_report.whole_numbers(pd.Series([1.4, 2.6])).tolist() == [1, 3]
    assert capabilities_report.whole_numbers(pd.Series([1.4, np.nan])).isna().tolist() == [False, True]


def test_price_base_year_is_read_from_the_unit():
    frame = long_frame([("USA", 2020, cap.MILEX, 1.0)]).assign(unit="constant 2023 US$ m")
    assert cap.price_base_year(frame) == 2023
    mixed = pd.concat([frame, frame.assign(unit="constant 2022 US$ m", year=2021)])
    with pytest.raises(ValueError):
        cap.price_base_year(mixed)


BALANCE = {"all_to_adversaries": 2.8, "without_us_to_china": 1.09, "asia_pacific_to_china": 0.84,
           "to_china_first": 17.6, "to_china_last": 4.1, "personnel": 1.2, "warheads": 0.83}


def test_balance_takeaway_on_the_books_figures():
    text = capabilities_report.balance_takeaway(BALANCE, n_own_arsenal=3, n_candidates=13)
    assert text.startswith("On paper, the candidates far outspend China and Russia (SIPRI has no figures for North Korea). In practice the margin is "
                           "the US defence budget")
    assert "the Asia-Pacific candidates spend less than China." in text
    assert "The trend runs against the coalition: the candidates' spending fell from 17.6 to 4.1 times China's." in text
    assert "In people under arms the sides are roughly even (1.20 to one;" in text
    assert "in nuclear warheads the adversaries hold more, and most candidates have none of their own" in text
    assert text.endswith("but could not replace it.")


def test_balance_takeaway_follows_the_ratios_when_they_change():
    changed = {**BALANCE, "all_to_adversaries": 0.9, "without_us_to_china": 2.0, "asia_pacific_to_china": 1.3,
               "to_china_first": 2.0, "to_china_last": 3.0, "personnel": 0.5, "warheads": 1.4}
    text = capabilities_report.balance_takeaway(changed, n_own_arsenal=7, n_candidates=13)
    assert text.startswith("On paper, the candidates spend less than China and Russia (SIPRI has no figures for North Korea). Even without the United "
                           "States the candidates spend 2.00 times")
    assert "the Asia-Pacific candidates spend 1.30 times what China spends." in text
    assert "The trend runs for the coalition: the candidates' spending rose from 2.0 to 3.0 times China's." in text
    assert "In people under arms the adversaries have more (0.50 to one); in nuclear warheads the candidates hold more." in text
    assert "could not replace it" not in text


@pytest.mark.parametrize(("people", "even"), [(0.8, True), (1.25, True), (0.79, False), (1.26, False)])
def test_roughly_even_means_within_the_stated_factor(people, even):
    text = capabilities_report.balance_takeaway({**BALANCE, "personnel": people}, 3, 13)
    assert ("roughly even" in text) is even


def test_the_in_short_clauses_follow_the_values():
    assert capabilities_report.asia_pacific_clause(0.84, 2017) == (
        "the Asia-Pacific candidates alone spent 0.84 times as much, and have spent less than China every year since 2017.")
    assert capabilities_report.asia_pacific_clause(1.2, None) == "the Asia-Pacific candidates alone spent 1.20 times as much."
    assert capabilities_report.whose_money_sentence(74) == "An Asian NATO's money would be mostly American money."
    assert capabilities_report.whose_money_sentence(50).startswith("Most of an Asian NATO's money would come from members other")
