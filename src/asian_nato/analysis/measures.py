"""Capability and exposure measured several ways: PPP spending, US-share scenarios, trade and US forces.

* **Spending at purchasing-power parity.** SIPRI converts budgets to US
  dollars at market exchange rates. :func:`capability_milex` can instead
  divide each country's spending by the World Bank's *price level ratio*
  (PPP conversion factor over the market exchange rate, ``price_level_ratio``)
  in SIPRI's price base year, which values every budget at US prices. This is
  a GDP-wide price level, not a defence one: it raises the value of what a
  budget buys at home (pay, construction, domestic equipment) but overstates
  what it buys abroad (imported weapons are paid for at market rates). Read
  the market and PPP figures as bounds, not as one true number.
* **PPP for the adversaries only** (``ppp_adversaries``): a one-sided bound.
  The candidates buy much of their equipment abroad at market prices, while
  China and Russia build theirs at home; converting only the adversaries'
  budgets at PPP is the pessimistic end of the range.
* **The US share.** The US budget pays for forces worldwide. ``us_share`` is
  the share of it counted as available in the Indo-Pacific; the book shows a
  grid of assumptions (:data:`US_SHARES`), not a measured share.
* **Trade exposure** (:func:`trade_exposure`): goods trade (exports plus
  imports) with China and with the US as a share of trade with the world
  (IMF DOTS, ``trade_share_chn`` / ``trade_share_usa``). Taiwan is not in DOTS.
* **US forces** (:func:`troops_panel`): US active-duty personnel stationed in
  each host country (DMDC), which leaves out rotational and afloat forces.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

MILEX = "milex_const_usd_m"
PRICE_LEVEL = "price_level_ratio"
TRADE_SHARES: dict[str, str] = {"CHN": "trade_share_chn", "USA": "trade_share_usa"}
US_TROOPS = "us_troops_stationed"
US = "USA"
CAPABILITY_MEASURES: tuple[str, ...] = ("market", "ppp", "ppp_adversaries")
ADVERSARIES: tuple[str, ...] = ("CHN", "RUS", "PRK")
# Assumed shares of the US budget available in the Indo-Pacific: a grid of assumptions, not data.
US_SHARES: tuple[float, ...] = (0.25, 0.5, 0.75, 1.0)
# The cautious reading used in prose: spending at PPP, and half of the US budget available.
CAUTIOUS: dict[str, object] = {"measure": "ppp", "us_share": 0.5}


def latest_values(indicators: pd.DataFrame, indicator: str, codes: Sequence[str], up_to: int | None = None) -> pd.DataFrame:
    """Each country's latest value of ``indicator`` (no later than ``up_to``): columns ``year``, ``value``; NaN if none."""
    rows = indicators[(indicators["indicator"] == indicator) & indicators["iso3"].isin(list(codes)) & indicators["value"].notna()]
    if up_to is not None:
        rows = rows[rows["year"] <= up_to]
    latest = rows.sort_values(["iso3", "year"]).groupby("iso3").tail(1).set_index("iso3")[["year", "value"]]
    return latest.reindex(list(codes)).rename_axis("iso3")


def price_levels(indicators: pd.DataFrame, codes: Sequence[str], base_year: int) -> pd.Series:
    """Price level ratio in ``base_year`` (or the latest year before it), per code; NaN where the World Bank has none."""
    return latest_values(indicators, PRICE_LEVEL, codes, up_to=base_year)["value"].rename("price_level")


def capability_milex(
    indicators: pd.DataFrame,
    codes: Sequence[str],
    *,
    measure: str = "market",
    us_share: float = 1.0,
    base_year: int | None = None,
) -> pd.DataFrame:
    """Latest military spending per code (columns ``year``, ``value``, US$ m) under a capability measure.

    ``measure`` is ``market`` (SIPRI as published), ``ppp`` (every budget
    divided by the price level ratio of ``base_year``, the spending series'
    price base) or ``ppp_adversaries`` (only China's, Russia's and North
    Korea's budgets converted).
    ``us_share`` scales the US figure. A country without a price level keeps
    NaN under ``ppp``, so a missing conversion is never silently a market figure.
    """
    if measure not in CAPABILITY_MEASURES:
        raise ValueError(f"measure must be one of {CAPABILITY_MEASURES}")
    if not 0 < us_share <= 1:
        raise ValueError("us_share must be in (0, 1]")
    if measure != "market" and base_year is None:
        raise ValueError("a PPP measure needs the price base year of the spending series")
    milex = latest_values(indicators, MILEX, codes)
    value = milex["value"]
    if measure != "market":
        converted = value / price_levels(indicators, codes, base_year)
        value = converted if measure == "ppp" else converted.where(milex.index.isin(ADVERSARIES), value)
    value = value * np.where(milex.index == US, us_share, 1.0)
    return milex.assign(value=value)


def capability_ratios(
    coalitions: Mapping[str, Sequence[str]],
    indicators: pd.DataFrame,
    *,
    base_year: int,
    china: str = "CHN",
    measures: Sequence[str] = CAPABILITY_MEASURES,
    us_shares: Sequence[float] = US_SHARES,
) -> pd.DataFrame:
    """Each named coalition's spending over China's, for every measure and US share.

    Long format: ``coalition``, ``measure``, ``us_share``, ``milex`` (US$ m)
    and ``ratio``; China's own spending is converted with the same measure.
    """
    codes = sorted({c for members in coalitions.values() for c in members} | {china})
    rows = []
    for measure in measures:
        for share in us_shares:
            milex = capability_milex(indicators, codes, measure=measure, us_share=share, base_year=base_year)["value"]
            for name, members in coalitions.items():
                total = milex.reindex(list(members)).sum(min_count=1)
                rows.append({"coalition": name, "measure": measure, "us_share": share, "milex": total, "ratio": total / milex[china]})
    return pd.DataFrame(rows)


def trade_exposure(indicators: pd.DataFrame, codes: Sequence[str]) -> pd.DataFrame:
    """Goods trade with China and the US as a share of trade with the world: iso3, year, partner, share (%)."""
    wanted = indicators[indicators["indicator"].isin(TRADE_SHARES.values()) & indicators["iso3"].isin(list(codes))]
    partner = {v: k for k, v in TRADE_SHARES.items()}
    return (
        wanted.assign(partner=wanted["indicator"].map(partner), share=wanted["value"])[["iso3", "year", "partner", "share"]]
        .sort_values(["iso3", "partner", "year"], ignore_index=True)
    )


def latest_exposure(exposure: pd.DataFrame) -> pd.DataFrame:
    """Per country, the latest year with both shares: ``year``, ``CHN``, ``USA`` and ``china_minus_us`` (points)."""
    wide = exposure.pivot_table(index=["iso3", "year"], columns="partner", values="share").dropna(subset=list(TRADE_SHARES))
    latest = wide.reset_index().sort_values(["iso3", "year"]).groupby("iso3").tail(1).set_index("iso3")
    latest.columns.name = None
    return latest.assign(china_minus_us=latest["CHN"] - latest["USA"])[["year", "CHN", "USA", "china_minus_us"]]


def troops_panel(indicators: pd.DataFrame, hosts: Sequence[str], start: int = 2000) -> pd.DataFrame:
    """US active-duty personnel stationed in each host, year × host; NaN where no figure is recorded."""
    rows = indicators[(indicators["indicator"] == US_TROOPS) & indicators["iso3"].isin(list(hosts)) & (indicators["year"] >= start)]
    wide = rows.pivot(index="year", columns="iso3", values="value")
    return wide.reindex(columns=list(hosts)).rename_axis(columns="iso3")


# ---------------------------------------------------------------- opinion

FORCED_CHOICE_SURVEY = "ISEAS"  # the ISEAS State of Southeast Asia survey's US-or-China question
FORCED_CHOICE_QUESTION = "forced to align"
# How many percentage points above an even split count as one step on the stance scale
# (support = 2 … oppose = −2): 75% choosing the US scores +2, 25% scores −2. A judgement, stated in the book.
OPINION_POINTS_PER_STEP: float = 12.5
FULL_SCALE_STEPS: int = 2  # support (+2) and oppose (−2) are two steps from ambiguous (0)


def full_scale_share(points_per_step: float = OPINION_POINTS_PER_STEP) -> float:
    """The share choosing the US (percent) from which the survey score is +2 (support)."""
    return 50 + FULL_SCALE_STEPS * points_per_step


def forced_choice(opinion: pd.DataFrame) -> pd.DataFrame:
    """ISEAS 'forced to align' figures as the share choosing the US: iso3 ('' = region), year, us_percent.

    Only the majority side is published for most countries; the question is
    binary, so the other side is 100 minus it.
    """
    rows = opinion[
        opinion["survey"].str.contains(FORCED_CHOICE_SURVEY, regex=False)
        & opinion["question"].str.contains(FORCED_CHOICE_QUESTION, case=False, regex=False)
        & opinion["answer"].isin(["United States", "China"])
    ]
    us = rows["percent"].where(rows["answer"] == "United States", 100 - rows["percent"])
    out = rows.assign(us_percent=us)[["iso3", "year", "us_percent"]]
    return out.drop_duplicates(["iso3", "year"]).sort_values(["iso3", "year"], ignore_index=True)


def opinion_scores(opinion: pd.DataFrame, codes: Sequence[str], up_to_year: int | None = None,
                   points_per_step: float = OPINION_POINTS_PER_STEP) -> pd.Series:
    """Each code's latest forced-choice figure on the stance scale (−2 … 2); NaN where there is none.

    ``up_to_year`` keeps only surveys published that year or earlier; ``points_per_step``
    is how many points above an even split count as one step.
    """
    if points_per_step <= 0:
        raise ValueError(f"points_per_step must be positive; got {points_per_step}")
    choice = forced_choice(opinion)
    if up_to_year is not None:
        choice = choice[choice["year"] <= up_to_year]
    latest = choice[choice["iso3"] != ""].groupby("iso3").tail(1).set_index("iso3")["us_percent"]
    score = ((latest - 50) / points_per_step).clip(-FULL_SCALE_STEPS, FULL_SCALE_STEPS)
    return score.reindex(list(codes)).rename("opinion_score")


def blended_willingness(stance_score: pd.Series, opinion_score: pd.Series) -> pd.Series:
    """The mean of the stance score and the opinion score where both exist; the stance score elsewhere."""
    both = pd.concat([stance_score.rename("stance"), opinion_score.reindex(stance_score.index).rename("opinion")], axis=1)
    return both.mean(axis=1, skipna=True).where(stance_score.notna(), opinion_score.reindex(stance_score.index))


# Shares of respondents choosing the US at or beyond which elites count as leaning to one side.
LEAN_US_AT: float = 60.0
LEAN_CHINA_AT: float = 40.0


def elite_lean(us_percent: pd.Series) -> pd.Series:
    """'US', 'China' or 'split' for each forced-choice share (see LEAN_US_AT and LEAN_CHINA_AT)."""
    return pd.Series(
        np.select([us_percent >= LEAN_US_AT, us_percent <= LEAN_CHINA_AT], ["US", "China"], default="split"),
        index=us_percent.index,
    )


def opinion_divergence(opinion: pd.DataFrame, classes: pd.Series) -> pd.DataFrame:
    """Per country with a forced-choice figure: the latest share choosing the US, the lean, the government's class.

    ``diverges`` is True where elites lean to the US but the government is
    classed *no*, or lean to China but the government is classed *yes*.
    """
    choice = forced_choice(opinion)
    latest = choice[choice["iso3"] != ""].groupby("iso3").tail(1).set_index("iso3")
    table = latest.assign(lean=elite_lean(latest["us_percent"]), government_class=classes.reindex(latest.index))
    table = table[table["government_class"].notna()]
    diverges = ((table["lean"] == "US") & (table["government_class"] == "no")) | (
        (table["lean"] == "China") & (table["government_class"] == "yes")
    )
    return table.assign(diverges=diverges)


def north_korea_range(estimates: pd.DataFrame, iso3: str = "PRK") -> dict[str, object]:
    """The latest year's published estimates for ``iso3``: year, low and high (US$ m), and who made them."""
    rows = estimates[estimates["iso3"] == iso3]
    if rows.empty:
        raise ValueError(f"no spending estimates for {iso3}")
    year = int(rows["year"].max())
    latest = rows[rows["year"] == year]
    points = pd.concat([latest["value_usd_m"], latest["low_usd_m"], latest["high_usd_m"]]).dropna()
    return {"year": year, "low": float(points.min()), "high": float(points.max()), "estimators": sorted(latest["estimator"])}
