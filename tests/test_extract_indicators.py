"""Unit tests for scripts/extract_indicators.py.

Only tiny in-memory frames are used: the upstream files in ../shared/datasets
are not available in CI clones.
"""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "extract_indicators.py"


def _load_module():
    spec = importlib.util.spec_from_file_location("extract_indicators", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


ei = _load_module()


@pytest.fixture
def country_table() -> pd.DataFrame:
    """A slice of country_converter's table, including its GW-vs-COW traps."""
    return pd.DataFrame(
        {
            "name_short": ["South Korea", "Vietnam", "Kiribati", "Nauru", "Czechia", "Japan", "Bhutan"],
            "ISO3": ["KOR", "VNM", "KIR", "NRU", "CZE", "JPN", "BTN"],
            "GWcode": ["732", "817", "970", "971", "315", "740", ""],
        }
    )


# --- SIPRI cell parsing ---------------------------------------------------


def test_parse_sipri_cells_turns_markers_into_missing_with_reason():
    cells = pd.Series([1.5, "...", "xxx", " . . ", None, "  ", 2, np.nan], dtype=object)
    parsed = ei.parse_sipri_cells(cells)
    assert parsed["value"].tolist()[0] == 1.5
    assert parsed["value"].tolist()[6] == 2.0
    assert parsed["value"].isna().tolist() == [False, True, True, True, True, True, False, True]
    assert parsed["missing_reason"].tolist() == [None, "...", "xxx", ". .", "blank", "blank", None, "blank"]


def test_parse_sipri_cells_rejects_unknown_text():
    with pytest.raises(ei.SipriFormatError, match="n/a"):
        ei.parse_sipri_cells(pd.Series([1.0, "n/a"], dtype=object))


def test_parse_sipri_cells_accepts_all_numeric_column():
    parsed = ei.parse_sipri_cells(pd.Series([1.0, 2.5]))
    assert parsed["value"].tolist() == [1.0, 2.5]
    assert parsed["missing_reason"].isna().all()


def _tiny_sipri_sheet() -> pd.DataFrame:
    """Raw sheet as read with header=None: title lines, header, region row, countries."""
    rows = [
        ["Military expenditure by country ...", None, None, None, None],
        ['". ." = data unavailable.', None, None, None, None],
        ["Country", "Notes", 2022.0, 2023.0, 2024.0],
        [None, None, None, None, None],
        ["East Asia", None, None, None, None],
        ["Korea, South ", "58", 0.0258, 0.0260, "..."],
        ["Korea, North", "57", "...", "...", "..."],
        ["USSR", None, "xxx", "xxx", "xxx"],
    ]
    return pd.DataFrame(rows)


def test_sipri_sheet_to_long_keeps_country_rows_and_year_columns():
    long = ei.sipri_sheet_to_long(_tiny_sipri_sheet(), "tiny")
    assert sorted(long["country"].unique()) == ["Korea, North", "Korea, South", "USSR"]
    assert sorted(long["year"].unique()) == [2022, 2023, 2024]
    assert len(long) == 9


def test_sipri_sheet_without_header_row_fails():
    with pytest.raises(ei.SipriFormatError):
        ei.sipri_sheet_to_long(pd.DataFrame([["title"], ["no header here"]]), "broken")


def test_count_sipri_dataset_values_counts_only_numbers():
    assert ei.count_sipri_dataset_values({"tiny": _tiny_sipri_sheet()}) == {"tiny": 2}


def test_fraction_to_percent_converts_and_rejects_percentages():
    assert ei.fraction_to_percent(pd.Series([0.02, 0.03, np.nan, 1.17])).tolist()[:2] == [2.0, 3.0]
    with pytest.raises(ei.SipriFormatError):
        ei.fraction_to_percent(pd.Series([2.0, 3.0, 1.5]))


# --- SIPRI 10% licence check ----------------------------------------------


def test_check_sipri_share_returns_share_under_limit():
    assert ei.check_sipri_share(5, 100) == pytest.approx(0.05)
    assert ei.check_sipri_share(10, 100) == pytest.approx(0.10)  # exactly 10% is allowed


def test_check_sipri_share_raises_above_limit():
    with pytest.raises(ei.SipriLicenceError):
        ei.check_sipri_share(11, 100)


def test_check_sipri_share_raises_on_empty_dataset():
    with pytest.raises(ei.SipriLicenceError):
        ei.check_sipri_share(0, 0)


# --- Country mapping ------------------------------------------------------


def test_sipri_names_map_through_table_and_overrides(country_table):
    lookup = ei.build_sipri_name_lookup(country_table)
    frame = pd.DataFrame({"country": ["Korea, South", "Japan", "Viet Nam", "USSR"], "year": 2020})
    mapped = ei.attach_iso3(frame, "country", lookup)
    # USSR is a known entity without ISO3: dropped, not an error.
    assert mapped.set_index("country")["iso3"].to_dict() == {
        "Korea, South": "KOR",
        "Japan": "JPN",
        "Viet Nam": "VNM",
    }


def test_unknown_sipri_name_fails_loudly(country_table):
    lookup = ei.build_sipri_name_lookup(country_table)
    frame = pd.DataFrame({"country": ["Japan", "Atlantis"], "year": 2020})
    with pytest.raises(ei.UnmappedCountryError, match="Atlantis"):
        ei.attach_iso3(frame, "country", lookup)


def test_cow_lookup_fixes_gleditsch_ward_differences(country_table):
    lookup = ei.build_cow_lookup(country_table)
    assert lookup[732] == "KOR"
    assert lookup[740] == "JPN"
    assert lookup[816] == "VNM"  # country_converter gives Vietnam GW 817
    assert lookup[817] is None  # COW 817 = Republic of Vietnam, not VNM
    assert lookup[970] == "NRU"  # GW 970 is Kiribati
    assert lookup[946] == "KIR"
    assert lookup[316] == "CZE" and lookup[315] is None
    assert lookup[255] == "DEU"


def test_unknown_ccode_fails_loudly(country_table):
    lookup = ei.build_cow_lookup(country_table)
    frame = pd.DataFrame({"ccode": [732, 999], "year": 2020})
    with pytest.raises(ei.UnmappedCountryError, match="999"):
        ei.attach_iso3(frame, "ccode", lookup)


def test_unga_iso3c_cross_check():
    agreeing = pd.DataFrame({"ccode": [732, 345], "iso3c": ["KOR", "YUG"], "iso3": ["KOR", "SRB"]})
    ei.check_unga_iso3c(agreeing)
    disagreeing = pd.DataFrame({"ccode": [970], "iso3c": ["NRU"], "iso3": ["KIR"]})
    with pytest.raises(ei.UnmappedCountryError):
        ei.check_unga_iso3c(disagreeing)


# --- Scope, missing counts and output format ------------------------------


def _long(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=ei.LONG_COLUMNS)


def test_scope_uses_latest_year_with_values_and_counts_dropped():
    long = _long(
        [
            ("KOR", 2021, "gdp_current_usd", 1.0, None),
            ("KOR", 2022, "gdp_current_usd", np.nan, "NA"),
            ("KOR", 2023, "gdp_current_usd", np.nan, "NA"),  # beyond the source's last year
            ("XYZ", 2022, "gdp_current_usd", 5.0, None),  # not a book country, sets latest year
            ("KOR", 1999, "gdp_current_usd", 1.0, None),
        ]
    )
    scoped = ei.restrict_to_scope(long, ei.latest_year_by_indicator(long), ["KOR"])
    assert scoped["year"].tolist() == [2021, 2022]
    dropped = ei.count_dropped_missing(scoped)
    assert dropped["gdp_current_usd"] == {"total": 1, "by_reason": {"NA": 1}}
    assert dropped["population_k"] == {"total": 0, "by_reason": {}}


def test_duplicate_keys_fail():
    long = _long([("DEU", 2000, "population_k", 1.0, None), ("DEU", 2000, "population_k", 2.0, None)])
    with pytest.raises(ValueError, match="duplicated"):
        ei.check_unique_keys(long)


def test_finalise_sorts_labels_and_drops_missing():
    long = _long(
        [
            ("USA", 2001, "population_k", 2.0, None),
            ("CHN", 2000, "population_k", np.nan, "NA"),
            ("CHN", 2001, "gdp_current_usd", 3.0, None),
        ]
    )
    out = ei.finalise(long)
    assert list(out.columns) == ei.OUTPUT_COLUMNS
    assert out[["iso3", "indicator"]].to_numpy().tolist() == [
        ["CHN", "gdp_current_usd"],
        ["USA", "population_k"],
    ]
    assert out["unit"].tolist() == ["current US$", "thousands"]


def test_format_significant_is_plain_and_rounded():
    formatted = ei.format_significant(
        pd.Series([18400000000000.123, 2.5, 0.0, -0.0, -0.0001234567, 1234567.0])
    )
    assert formatted.tolist() == ["18400000000000", "2.5", "0", "0", "-0.000123457", "1234570"]
    assert all(math.isfinite(float(v)) for v in formatted)


def test_every_indicator_source_has_a_quality_label():
    assert {meta["source"] for meta in ei.INDICATORS.values()} <= set(ei.SOURCE_QUALITY)
    assert set(ei.SOURCE_QUALITY.values()) <= {"official", "major_outlet", "secondary"}


def test_csv_bytes_use_lf_and_header():
    out = ei.finalise(_long([("JPN", 2020, "nuclear_warheads", 0.0, None)]))
    text = ei.to_csv_bytes(out).decode("utf-8")
    assert (
        text
        == "iso3,year,indicator,value,unit,source,source_quality\nJPN,2020,nuclear_warheads,0,warheads,fas_owid_nuclear,secondary\n"
    )


def test_every_indicator_names_a_known_source():
    assert {meta["source"] for meta in ei.INDICATORS.values()} <= set(ei.SOURCES)


def test_unga_sessions_with_few_votes_are_dropped_with_a_reason():
    value = pd.Series([0.5, np.nan, 1.2])
    few = pd.Series([False, False, True])
    reason = ei.unga_reason(value, few)
    assert reason.tolist() == [None, "NA", ei.UNGA_FEW_VOTES]
    assert value.mask(few).isna().tolist() == [False, True, True]


# --- World Bank PPP / exchange-rate series --------------------------------


def _wdi_wide(code: str, values: dict[str, list[float]]) -> pd.DataFrame:
    """A WDI bulk table (wide) with one series for the given countries, years 1999-2001."""
    rows = [
        {"Country Name": iso3, "Country Code": iso3, "Indicator Name": code, "Indicator Code": code,
         "1999": v[0], "2000": v[1], "2001": v[2]}
        for iso3, v in values.items()
    ]
    return pd.DataFrame(rows)


def test_wdi_series_maps_code_to_indicator_and_drops_early_years():
    wide = _wdi_wide("PA.NUS.PPPC.RF", {"CHN": [0.30, 0.31, np.nan], "EAS": [0.5, 0.5, 0.5]})
    long = ei.extract_wdi_series(wide, "price_level_ratio")
    assert set(long["indicator"]) == {"price_level_ratio"}
    assert long["year"].min() == ei.FIRST_YEAR
    chn = long.loc[long["iso3"] == "CHN"].set_index("year")
    assert chn.loc[2000, "value"] == pytest.approx(0.31)
    assert np.isnan(chn.loc[2001, "value"]) and chn.loc[2001, "missing_reason"] == "NA"


def test_wdi_series_refuses_a_file_holding_another_series():
    wide = _wdi_wide("PA.NUS.FCRF", {"JPN": [110.0, 108.0, 121.0]})
    with pytest.raises(ValueError, match="PA.NUS.PPP"):
        ei.extract_wdi_series(wide, "ppp_factor_lcu")


def test_wdi_ppp_reads_each_indicator_from_its_own_file(tmp_path):
    preamble = '"Data Source","World Development Indicators",\n\n"Last Updated Date","2025-03-24",\n\n'
    paths = {}
    for indicator, code in ei.WDI_PPP_SERIES.items():
        path = tmp_path / f"{code}.csv"
        value = {"price_level_ratio": 0.5, "ppp_factor_lcu": 3.6, "fx_lcu_per_usd": 7.1}[indicator]
        path.write_text(preamble + _wdi_wide(code, {"CHN": [value, value, value]}).to_csv(index=False))
        paths[indicator] = path
    long = ei.extract_wdi_ppp(paths)
    got = long.loc[long["year"] == 2001].set_index("indicator")["value"].to_dict()
    assert got == {"price_level_ratio": 0.5, "ppp_factor_lcu": 3.6, "fx_lcu_per_usd": 7.1}
    assert ei.read_wdi_last_updated(paths["ppp_factor_lcu"]) == "2025-03-24"


# --- IMF DOTS trade shares ------------------------------------------------


def _dots_csv(tmp_path, rows: list[tuple]) -> Path:
    path = tmp_path / "dots.csv"
    pd.DataFrame(rows, columns=["ref_area", "indicator", "counterpart", "year", "value"]).to_csv(path, index=False)
    return path


def _full_dots_rows(ref_area: str, year: int, x_cn, m_cn, x_us, m_us, x_w, m_w) -> list[tuple]:
    rows = [
        (ref_area, "TXG_FOB_USD", "CN", year, x_cn),
        (ref_area, "TMG_CIF_USD", "CN", year, m_cn),
        (ref_area, "TXG_FOB_USD", "US", year, x_us),
        (ref_area, "TMG_CIF_USD", "US", year, m_us),
        (ref_area, "TXG_FOB_USD", "W00", year, x_w),
        (ref_area, "TMG_CIF_USD", "W00", year, m_w),
    ]
    return [r for r in rows if r[-1] is not None]


def test_trade_share_is_partner_trade_over_world_trade_in_percent():
    wide = pd.DataFrame(
        {
            "exports_to_chn_usd_m": [10.0, np.nan, 5.0],
            "imports_from_chn_usd_m": [30.0, 4.0, 5.0],
            "exports_world_usd_m": [100.0, 20.0, np.nan],
            "imports_world_usd_m": [100.0, 20.0, 50.0],
        }
    )
    share = ei.trade_share(wide, "exports_to_chn_usd_m", "imports_from_chn_usd_m")
    assert share.iloc[0] == pytest.approx(20.0)  # (10 + 30) / (100 + 100)
    assert share.iloc[1] == pytest.approx(10.0)  # absent export flow counts as zero
    assert np.isnan(share.iloc[2])  # no world total -> no share


def test_extract_dots_maps_reporters_and_derives_both_shares(tmp_path):
    rows = _full_dots_rows("AU", 2023, 150.0, 60.0, 20.0, 30.0, 400.0, 300.0)
    rows += _full_dots_rows("KP", 2023, 1.0, 2.0, None, None, 4.0, 6.0)  # no US flows at all
    long = ei.extract_dots(_dots_csv(tmp_path, rows))
    values = long.set_index(["iso3", "indicator"])["value"]
    assert values[("AUS", "trade_share_chn")] == pytest.approx(30.0)  # 210 / 700
    assert values[("AUS", "trade_share_usa")] == pytest.approx(50 / 7)
    assert values[("AUS", "exports_world_usd_m")] == 400.0
    assert values[("PRK", "trade_share_usa")] == 0.0
    assert np.isnan(values[("PRK", "exports_to_usa_usd_m")])
    reasons = long.set_index(["iso3", "indicator"])["missing_reason"]
    assert reasons[("PRK", "exports_to_usa_usd_m")] == ei.DOTS_NO_FLOW
    assert set(long["indicator"]) == set(ei.DOTS_FLOWS.values()) | set(ei.DOTS_SHARES)


def test_extract_dots_rejects_unknown_reporter_and_counterpart(tmp_path):
    with pytest.raises(ei.UnmappedCountryError, match="TW"):
        ei.extract_dots(_dots_csv(tmp_path, _full_dots_rows("TW", 2023, 1.0, 1.0, 1.0, 1.0, 5.0, 5.0)))
    bad = _full_dots_rows("JP", 2023, 1.0, 1.0, 1.0, 1.0, 5.0, 5.0) + [("JP", "TXG_FOB_USD", "DE", 2023, 1.0)]
    with pytest.raises(ValueError, match="DE"):
        ei.extract_dots(_dots_csv(tmp_path, bad))


# --- US troops: annualisation and upstream-error detection -----------------


def _december(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "year", "december"]).astype({"december": float})


def _annual(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "year", "troops"])


def test_december_quarter_is_preferred_and_annual_series_fills_gaps():
    december = _december([("JPN", 2013, 53828), ("JPN", 2014, 53938)])
    annual = _annual([("JPN", 2012, 49323), ("JPN", 2013, 52956), ("JPN", 2014, 52504)])
    series = ei.annualise_troops(december, annual, doubled=[])
    assert series["value"].tolist() == [49323, 53828, 53938]
    assert series["basis"].tolist() == ["annual series (September)", "December quarter", "December quarter"]


def test_december_quarters_skip_other_quarters():
    quarters = pd.DataFrame(
        {"iso3": ["KOR"] * 3, "year": [2021, 2021, 2021], "quarter": [2, 3, 4],
         "source": ["June 2021", "September 2021", "December 2021"], "troops_ad": [78244, 51186, 50676]}
    )
    assert ei.december_quarters(quarters)["december"].tolist() == [50676.0]


def test_country_double_counted_throughout_is_detected_and_halved():
    december = _december([("KOR", y, 2 * v) for y, v in [(2014, 29073), (2015, 24933), (2016, 24189)]]
                         + [("KOR", 2025, 46990)]
                         + [("JPN", y, v) for y, v in [(2014, 53938), (2015, 55000), (2016, 54000)]])
    annual = _annual([("KOR", 2014, 29073), ("KOR", 2015, 24933), ("KOR", 2016, 24189),
                      ("JPN", 2014, 52504), ("JPN", 2015, 55727), ("JPN", 2016, 53000)])
    found = ei.detect_doubled_countries(december, annual).set_index("iso3")
    assert bool(found.loc["KOR", "doubled"]) and not bool(found.loc["JPN", "doubled"])
    assert found.loc["KOR", "share_even"] == 1.0
    series = ei.annualise_troops(december, annual, doubled=["KOR"]).set_index(["iso3", "year"])
    assert series.loc[("KOR", 2025), "value"] == 23495
    assert series.loc[("JPN", 2015), "value"] == 55000


def test_a_doubled_year_that_reverts_is_flagged():
    series = pd.DataFrame(
        {"iso3": "JPN", "year": [2013, 2014, 2015, 2016], "value": [53880.0, 106069.0, 52518.0, 53000.0]}
    )
    flagged = ei.flag_spikes(series, ["year"])
    assert flagged["year"].tolist() == [2014]
    halved = series.assign(value=[53880.0, 26000.0, 52518.0, 53000.0])
    assert ei.flag_spikes(halved, ["year"])["year"].tolist() == [2014]
    uneven = pd.DataFrame({"iso3": "PHL", "year": [2007, 2008, 2009], "value": [95.0, 4435.0, 471.0]})
    assert ei.flag_spikes(uneven, ["year"])["year"].tolist() == [2008]


def test_step_changes_small_jumps_and_end_points_are_not_spikes():
    step = pd.DataFrame({"iso3": "KWT", "year": [2001, 2002, 2003], "value": [4208.0, 567.0, 47000.0]})
    assert ei.flag_spikes(step, ["year"]).empty  # neighbours disagree: no revert
    small = pd.DataFrame({"iso3": "NZL", "year": [2001, 2002, 2003], "value": [8.0, 30.0, 9.0]})
    assert ei.flag_spikes(small, ["year"]).empty  # fewer than TROOP_SPIKE_MIN_CHANGE people
    ends = pd.DataFrame({"iso3": "AUS", "year": [2001, 2002], "value": [200.0, 2000.0]})
    assert ei.flag_spikes(ends, ["year"]).empty


def test_troop_quarters_drop_unpublished_and_non_dmdc_rows_and_map_territories(tmp_path, country_table):
    path = tmp_path / "q.csv"
    pd.DataFrame(
        {
            "ccode": [740, 740, 740, 1008],
            "iso3c": ["JPN", "JPN", "JPN", None],
            "year": [2022, 2022, 2012, 2022],
            "quarter": [3, 4, 2, 3],
            "source": ["September 2022", None, "Kane 2006", "September 2022"],
            "troops_ad": [53973, 0, 49323, 7000],
        }
    ).to_csv(path, index=False)
    quarters = ei.read_troop_quarters(path, ei.build_troop_lookup(country_table))
    assert quarters[["iso3", "year", "quarter", "troops_ad"]].values.tolist() == [["JPN", 2022, 3, 53973]]


def test_troop_ccode_without_mapping_fails_loudly(tmp_path, country_table):
    path = tmp_path / "a.csv"
    pd.DataFrame({"ccode": [740, 4242], "year": [2020, 2020], "troops": [1, 2]}).to_csv(path, index=False)
    with pytest.raises(ei.UnmappedCountryError, match="4242"):
        ei.read_troop_annual(path, ei.build_troop_lookup(country_table, annual=True))


def test_new_indicators_have_the_requested_units_and_sources():
    expected = {
        "price_level_ratio": ("ratio", "wdi_ppp_2025"),
        "ppp_factor_lcu": ("LCU per international $", "wdi_ppp_2025"),
        "fx_lcu_per_usd": ("LCU per US$", "wdi_ppp_2025"),
        "exports_to_chn_usd_m": ("current US$ m", "imf_dots"),
        "trade_share_chn": ("percent of goods trade", "imf_dots"),
        "trade_share_usa": ("percent of goods trade", "imf_dots"),
        "us_troops_stationed": ("personnel", "dmdc_troopdata"),
    }
    for indicator, (unit, source) in expected.items():
        assert (ei.INDICATORS[indicator]["unit"], ei.INDICATORS[indicator]["source"]) == (unit, source)
