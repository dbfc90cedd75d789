"""Chapter 5: what a coalition of the candidates could field against China, Russia and North Korea.

Every function takes the long ``indicators`` frame from
:func:`asian_nato.data.load_indicators` (columns ``iso3, year, indicator,
value, unit, source``) and returns a tidy frame or a number; the charts and tables are in
:mod:`asian_nato.report.capabilities_report`.

Conventions, stated once here and in the chapter:

* **Spending** is SIPRI military expenditure in constant 2023 US$
  (``milex_const_usd_m``, millions). A group's total in a year is the sum
  over the members that have a SIPRI figure that year; :func:`reporting`
  says who is missing. SIPRI publishes no figure for North Korea at all.
* **Asia-Pacific candidates** are the candidates outside North America and
  Europe (regions from ``countries.csv``), i.e. the candidates without the
  United States and the United Kingdom.
* **Warheads** come from the FAS estimates, which list only states that
  hold warheads; a state absent from the whole series is counted as holding
  none (:func:`warheads_panel`).
* **Nuclear status** of a state is ``own arsenal`` if it holds warheads in
  the latest year, else ``US treaty ally`` if it is a current member of one
  of the US's regional defence treaties (:data:`asian_nato.analysis.groups.US_TREATY_ORGS`),
  the basis of US extended deterrence in the region, else ``neither``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


from asian_nato.analysis.groups import CANDIDATES, CHINA, US

MILEX = "milex_const_usd_m"
SHARE_GDP = "milex_share_gdp"
PERSONNEL = "personnel_k"
WARHEADS = "nuclear_warheads"
GDP = "gdp_current_usd"
START_YEAR = 2000
RUSSIA = "RUS"
NON_ASIAN_REGIONS: tuple[str, ...] = ("North America", "Europe")


OWN_ARSENAL = "own arsenal"
TREATY_ALLY = "US treaty ally"
NEITHER = "neither"


# ---------------------------------------------------------------- reshaping

def latest_year(indicators: pd.DataFrame, indicator: str) -> int:
    """The last year in which ``indicator`` has a value for any country."""
    years = indicators.loc[(indicators["indicator"] == indicator) & indicators["value"].notna(), "year"]
    if years.empty:
        raise ValueError(f"indicator {indicator!r} has no values")
    return int(years.max())


def panel(indicators: pd.DataFrame, indicator: str, iso3s: Sequence[str], start: int = START_YEAR) -> pd.DataFrame:
    """Wide year × country table of one indicator, every year from ``start`` to its latest year.

    Country-years without a value stay NaN, so gaps remain visible; the
    columns are ``iso3s`` in the order given, including countries the
    source does not cover at all.
    """
    rows = indicators[(indicators["indicator"] == indicator) & indicators["iso3"].isin(iso3s) & (indicators["year"] >= start)]
    end = latest_year(indicators, indicator)
    wide = rows.pivot(index="year", columns="iso3", values="value")
    return wide.reindex(index=pd.RangeIndex(start, end + 1, name="year"), columns=list(iso3s)).rename_axis(columns="iso3")


def warheads_panel(indicators: pd.DataFrame, iso3s: Sequence[str], start: int = START_YEAR) -> pd.DataFrame:
    """Warheads by year and state; states absent from the whole FAS series count as zero.

    FAS lists only states that hold warheads. A state that appears in some
    years keeps NaN in the others, so a real gap is never filled.
    """
    wide = panel(indicators, WARHEADS, iso3s, start)
    never_listed = wide.columns[wide.isna().all()]
    return wide.fillna({code: 0.0 for code in never_listed})


def coverage(wide: pd.DataFrame) -> pd.DataFrame:
    """Per country: years with a value, years missing, and the first and last year with a value."""
    present = wide.notna()
    years = pd.Series(wide.index, index=wide.index)
    return pd.DataFrame({
        "years_with_data": present.sum(),
        "years_missing": (~present).sum(),
        "first_year": present.apply(lambda col: years[col].min()).astype("Int64"),
        "last_year": present.apply(lambda col: years[col].max()).astype("Int64"),
    }).rename_axis("iso3").reset_index()


def reporting(wide: pd.DataFrame, iso3s: Sequence[str], year: int) -> tuple[list[str], list[str]]:
    """Which of ``iso3s`` have a value in ``year`` and which do not."""
    row = wide.loc[year, list(iso3s)]
    return row.index[row.notna()].tolist(), row.index[row.isna()].tolist()


def asia_pacific(countries: pd.DataFrame, iso3s: Sequence[str] = CANDIDATES) -> tuple[str, ...]:
    """The codes in ``iso3s`` whose region is outside North America and Europe."""
    region = countries.set_index("iso3")["region"].reindex(list(iso3s))
    if region.isna().any():
        raise ValueError(f"not in countries.csv: {region.index[region.isna()].tolist()}")
    return tuple(region.index[~region.isin(NON_ASIAN_REGIONS)])


def group_total(wide: pd.DataFrame, iso3s: Sequence[str]) -> pd.Series:
    """Yearly sum over the members with a value (NaN only if none has one)."""
    return wide[list(iso3s)].sum(axis=1, min_count=1)


# ---------------------------------------------------------------- spending balance

def spending_balance(milex: pd.DataFrame, asia_pacific_codes: Sequence[str], candidates: Sequence[str] = CANDIDATES) -> pd.DataFrame:
    """Yearly totals (US$ m) and ratios of candidate to Chinese and Russian spending.

    ``milex`` is a :func:`panel` of ``milex_const_usd_m`` holding the
    candidates, China and Russia. Columns: the totals, the number of
    candidates with a figure, and the ratios (``us_share`` in percent).
    """
    candidates_total = group_total(milex, candidates)
    others = [c for c in candidates if c != US]
    frame = pd.DataFrame({
        "candidates": candidates_total,
        "candidates_reporting": milex[list(candidates)].notna().sum(axis=1),
        "united_states": milex[US],
        "candidates_without_us": group_total(milex, others),
        "asia_pacific_candidates": group_total(milex, asia_pacific_codes),
        "china": milex[CHINA],
        "russia": milex[RUSSIA],
    })
    return frame.assign(
        candidates_to_china=frame["candidates"] / frame["china"],
        candidates_to_china_russia=frame["candidates"] / (frame["china"] + frame["russia"]),
        candidates_without_us_to_china=frame["candidates_without_us"] / frame["china"],
        asia_pacific_to_china=frame["asia_pacific_candidates"] / frame["china"],
        us_share=100 * frame["united_states"] / frame["candidates"],
    )


def ratio(numerator: pd.Series | float, denominator: pd.Series | float) -> pd.Series | float:
    """``numerator / denominator``; a zero or missing denominator gives NaN rather than inf."""
    if isinstance(denominator, pd.Series):
        return numerator / denominator.where(denominator != 0)
    return numerator / denominator if denominator else float("nan")


def price_base_year(indicators: pd.DataFrame) -> int:
    """The price base of the constant-dollar spending series, read from its unit (e.g. 'constant 2023 US$ m')."""
    units = indicators.loc[indicators["indicator"] == MILEX, "unit"].drop_duplicates()
    years = units.str.extract(r"constant (\d{4})", expand=False).dropna().unique()
    if len(years) != 1:
        raise ValueError(f"cannot read one price base year from the units {units.tolist()}")
    return int(years[0])


def stays_below_since(series: pd.Series, threshold: float) -> int | None:
    """The first year from which ``series`` is below ``threshold`` in every later year (None if it ends above)."""
    values = series.dropna()
    if values.empty or values.iloc[-1] >= threshold:
        return None
    above = values.index[values >= threshold]
    return int(values.index.min() if above.empty else values.index[values.index > above.max()].min())


def growth(series: pd.Series, start: int, end: int) -> float:
    """``series[end] / series[start]`` (e.g. 2.0 = doubled)."""
    return float(series.loc[end] / series.loc[start])


# ---------------------------------------------------------------- snapshot

def nuclear_status(iso3s: Sequence[str], warheads_latest: pd.Series, us_treaty_allies: set[str]) -> pd.Series:
    """``own arsenal`` / ``US treaty ally`` / ``neither`` for each code (see the module docstring)."""
    codes = pd.Index(list(iso3s), name="iso3")
    has_arsenal = warheads_latest.reindex(codes).fillna(0).gt(0)
    allied = codes.isin(sorted(us_treaty_allies))
    status = np.select([has_arsenal.to_numpy(), allied], [OWN_ARSENAL, TREATY_ALLY], default=NEITHER)
    return pd.Series(status, index=codes, name="nuclear_status")


def latest_row(wide: pd.DataFrame) -> tuple[int, pd.Series]:
    """The last year with any value in ``wide``, and that year's row."""
    year = int(wide.dropna(how="all").index.max())
    return year, wide.loc[year]
