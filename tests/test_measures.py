"""Capability measured several ways, trade exposure and US forces, on hand-made indicator rows."""

from __future__ import annotations

import pandas as pd
import pytest

from asian_nato.analysis import measures
from asian_nato.report import measures_report


def rows(*records):
    return pd.DataFrame(records, columns=["iso3", "year", "indicator", "value"])


INDICATORS = rows(
    ("USA", 2023, "milex_const_usd_m", 800.0), ("USA", 2023, "price_level_ratio", 1.0),
    ("JPN", 2023, "milex_const_usd_m", 50.0), ("JPN", 2022, "price_level_ratio", 0.5),  # only an earlier year
    ("IND", 2023, "milex_const_usd_m", 80.0), ("IND", 2023, "price_level_ratio", 0.25),
    ("CHN", 2023, "milex_const_usd_m", 300.0), ("CHN", 2023, "price_level_ratio", 0.6),
    ("CHN", 2024, "price_level_ratio", 0.1),  # after the price base year: never used
    ("VNM", 2023, "milex_const_usd_m", 10.0),  # no price level at all
)


def test_market_measure_is_sipri_as_published_and_scales_only_the_us():
    out = measures.capability_milex(INDICATORS, ["USA", "JPN", "CHN"], measure="market", us_share=0.5, base_year=2023)
    assert out["value"].to_dict() == {"USA": 400.0, "JPN": 50.0, "CHN": 300.0}


def test_ppp_divides_by_the_price_level_of_the_base_year_or_the_latest_before_it():
    out = measures.capability_milex(INDICATORS, ["USA", "JPN", "IND", "CHN"], measure="ppp", base_year=2023)["value"]
    assert out["JPN"] == pytest.approx(100.0)   # 2022 level used
    assert out["IND"] == pytest.approx(320.0)
    assert out["CHN"] == pytest.approx(500.0)   # 2024 level ignored
    assert out["USA"] == pytest.approx(800.0)


def test_ppp_never_silently_falls_back_to_market_rates():
    out = measures.capability_milex(INDICATORS, ["VNM"], measure="ppp", base_year=2023)
    assert out["value"].isna().all()


def test_ppp_for_adversaries_converts_only_china_russia_and_north_korea():
    out = measures.capability_milex(INDICATORS, ["IND", "CHN"], measure="ppp_adversaries", base_year=2023)["value"]
    assert out.to_dict() == pytest.approx({"IND": 80.0, "CHN": 500.0})


@pytest.mark.parametrize("kwargs", [{"measure": "real"}, {"us_share": 0.0}, {"us_share": 1.5}])
def test_bad_measure_options_are_refused(kwargs):
    with pytest.raises(ValueError):
        measures.capability_milex(INDICATORS, ["USA"], base_year=2023, **kwargs)


def test_capability_ratios_cover_every_measure_and_share():
    grid = measures.capability_ratios({"pair": ("USA", "JPN")}, INDICATORS, base_year=2023, us_shares=(0.5, 1.0))
    assert len(grid) == len(measures.CAPABILITY_MEASURES) * 2
    market_full = grid[(grid["measure"] == "market") & (grid["us_share"] == 1.0)]["ratio"].item()
    assert market_full == pytest.approx(850 / 300)
    ppp_half = grid[(grid["measure"] == "ppp") & (grid["us_share"] == 0.5)]["ratio"].item()
    assert ppp_half == pytest.approx((400 + 100) / 500)
    adv_half = grid[(grid["measure"] == "ppp_adversaries") & (grid["us_share"] == 0.5)]["ratio"].item()
    assert adv_half == pytest.approx((400 + 50) / 500)


def grid_of(values):
    return pd.DataFrame({"coalition": ["c"] * len(values), "ratio": values})


@pytest.mark.parametrize("values, reading", [
    ([1.5, 2.0, 4.0], "ample"),
    ([1.0, 1.2], "enough"),
    ([0.9, 1.2], "depends"),
    ([0.5, 0.99], "short"),
])
def test_capability_reading_follows_the_stated_thresholds(values, reading):
    assert measures_report.capability_reading(grid_of(values), "c") == reading


def test_money_sentence_changes_with_the_data():
    def grid(ishiba, without):
        recs = []
        for coalition, values in ((measures_report.ISHIBA, ishiba), (measures_report.WITHOUT_US, without)):
            for (measure, share), value in zip([(m, s) for m in measures.CAPABILITY_MEASURES for s in measures.US_SHARES], values):
                recs.append({"coalition": coalition, "measure": measure, "us_share": share, "ratio": value})
        return pd.DataFrame(recs)
    n = len(measures.CAPABILITY_MEASURES) * len(measures.US_SHARES)
    rich = measures_report.money_sentence(grid([3.0] * n, [2.0] * n))
    poor = measures_report.money_sentence(grid([0.8] * n, [0.4] * n))
    assert "money to spare" in rich and "constraint" not in rich
    assert "money is a constraint" in poor and "money to spare" not in poor
    assert poor.endswith("the same holds for such a coalition.") and rich.count("such a coalition") == 1
    mixed = measures_report.money_sentence(grid([3.0] * n, [0.4] * n))
    assert "money to spare" in mixed and "such a coalition " in mixed and "the same holds" not in mixed


def test_trade_exposure_and_latest_shares():
    ind = rows(
        ("AUS", 2015, "trade_share_chn", 27.0), ("AUS", 2015, "trade_share_usa", 9.0),
        ("AUS", 2024, "trade_share_chn", 30.0), ("AUS", 2024, "trade_share_usa", 8.0),
        ("IND", 2024, "trade_share_chn", 10.0), ("IND", 2024, "trade_share_usa", 11.0),
        ("IND", 2025, "trade_share_chn", 12.0),  # no US figure that year: not the latest complete year
        ("JPN", 2024, "milex_const_usd_m", 1.0),
    )
    latest = measures.latest_exposure(measures.trade_exposure(ind, ["AUS", "IND", "JPN"]))
    assert latest.loc["AUS", "china_minus_us"] == pytest.approx(22.0)
    assert latest.loc["IND", "year"] == 2024 and latest.loc["IND", "china_minus_us"] == pytest.approx(-1.0)
    assert "JPN" not in latest.index
    numbers = measures_report.exposure_numbers(latest, {"AUS": "Australia", "IND": "India"})
    assert numbers["ms_n_more_china"] == "one" and numbers["ms_more_us_clause"] == "the exception was India"
    assert numbers["ms_top_china_name"] == "Australia"


def test_troops_panel_keeps_gaps_and_every_host():
    ind = rows(("JPN", 2020, "us_troops_stationed", 55000.0), ("JPN", 2022, "us_troops_stationed", 54000.0),
               ("KOR", 2020, "us_troops_stationed", 25000.0))
    panel = measures.troops_panel(ind, ["JPN", "KOR", "PHL"])
    assert list(panel.columns) == ["JPN", "KOR", "PHL"]
    assert panel.loc[2022, "KOR"] != panel.loc[2022, "KOR"]  # NaN: a gap is not a zero
    assert panel["PHL"].isna().all()


def test_capability_chart_plots_the_grid():
    grid = measures.capability_ratios({"pair": ("USA", "JPN")}, INDICATORS, base_year=2023)
    fig = measures_report.plot_capability_range(grid)
    lines = [l for l in fig.axes[0].get_lines() if len(l.get_xdata()) == len(measures.US_SHARES)]
    assert len(lines) == len(measures.CAPABILITY_MEASURES)
    plotted = sorted(round(float(y), 6) for l in lines for y in l.get_ydata())
    assert plotted == sorted(round(float(v), 6) for v in grid["ratio"])
