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


def test_csv_bytes_use_lf_and_header():
    out = ei.finalise(_long([("JPN", 2020, "nuclear_warheads", 0.0, None)]))
    text = ei.to_csv_bytes(out).decode("utf-8")
    assert (
        text
        == "iso3,year,indicator,value,unit,source\nJPN,2020,nuclear_warheads,0,warheads,fas_owid_nuclear\n"
    )


def test_every_indicator_names_a_known_source():
    assert {meta["source"] for meta in ei.INDICATORS.values()} <= set(ei.SOURCES)


def test_unga_sessions_with_few_votes_are_dropped_with_a_reason():
    value = pd.Series([0.5, np.nan, 1.2])
    few = pd.Series([False, False, True])
    reason = ei.unga_reason(value, few)
    assert reason.tolist() == [None, "NA", ei.UNGA_FEW_VOTES]
    assert value.mask(few).isna().tolist() == [False, True, True]
