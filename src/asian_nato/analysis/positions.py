"""Where governments stand on an Asian NATO: stance scores, trends and classes.

Every statement in ``data/positions.csv`` carries one of five stances. This
module turns them into numbers and classes with explicit, documented rules:

* **Stance score** (:data:`STANCE_SCORES`): support = 2, open = 1,
  ambiguous = 0, skeptical = −1, oppose = −2. The scale is ordinal; a mean
  of scores is a summary, not a measurement.
* **Latest stance**: the stance of an actor's most recent statement. Ties on
  the same date are broken by ``position_id`` (the later id wins), the order
  :func:`asian_nato.data.load_positions` already sorts by.
* **Trend** (:func:`trend_label`): the change in mean score between the
  statements made before :data:`PROPOSAL_DATE` (Ishiba's proposal) and those
  made on or after it. If all of an actor's statements fall on one side of the
  cut-off, the change from its first to its latest statement is used instead.
  A change of at least :data:`TREND_THRESHOLD` is "warming" (towards
  support), at most minus that is "cooling" (towards opposition), anything
  smaller is "steady"; an actor with a single statement has no trend.
* **Class** (:func:`classify_score`, :func:`classify_government`): the mean
  score of an actor's last ``last_n`` statements (by default only the latest,
  :data:`DEFAULT_LAST_N`) is "yes" if it is at least :data:`YES_THRESHOLD`
  (open or support), "no" if it is at most :data:`NO_THRESHOLD` (oppose),
  and "not now" in between (ambiguous or skeptical).

The tables, charts and glue numbers are in :mod:`asian_nato.report.positions_report`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


STANCES: tuple[str, ...] = ("support", "open", "ambiguous", "skeptical", "oppose")
STANCE_SCORES: dict[str, int] = {"support": 2, "open": 1, "ambiguous": 0, "skeptical": -1, "oppose": -2}
CLASSES: tuple[str, ...] = ("yes", "not now", "no")
YES_THRESHOLD: float = 1.0
NO_THRESHOLD: float = -1.5
DEFAULT_LAST_N: int = 1
# Ishiba's Asian NATO proposal: his Hudson Institute essay and first press
# conference as LDP leader, both recorded in positions.csv on this date.
PROPOSAL_DATE: pd.Timestamp = pd.Timestamp("2024-09-27")
TREND_THRESHOLD: float = 0.5
TRENDS: tuple[str, ...] = ("warming", "steady", "cooling", "single statement")
NO_STATEMENT = "no statement"
ROBUST_LAST_N: int = 3  # robustness check: classify by the mean of the last few statements


# ---------------------------------------------------------------- scores and rules

def stance_scores(stances: pd.Series) -> pd.Series:
    """The numeric score of each stance (support = 2 … oppose = −2); unknown stances raise."""
    unknown = set(stances) - set(STANCE_SCORES)
    if unknown:
        raise ValueError(f"unknown stance(s): {sorted(unknown)}")
    return stances.map(STANCE_SCORES).astype(float)


def classify_values(scores: np.ndarray, yes_at: float = YES_THRESHOLD, no_at: float = NO_THRESHOLD) -> np.ndarray:
    """Class of each score in an array: "yes" (≥ ``yes_at``), "no" (≤ ``no_at``), else "not now" (NaN too)."""
    if no_at >= yes_at:
        raise ValueError("the no threshold must lie below the yes threshold")
    return np.select([scores >= yes_at, scores <= no_at], ["yes", "no"], default="not now")


def classify_scores(scores: pd.Series, yes_at: float = YES_THRESHOLD, no_at: float = NO_THRESHOLD) -> pd.Series:
    """Class of each mean score: "yes" (≥ ``yes_at``), "no" (≤ ``no_at``), else "not now"; NaN stays NaN."""
    labels = classify_values(scores.to_numpy(dtype=float), yes_at, no_at)
    return pd.Series(labels, index=scores.index, dtype=object).where(scores.notna())


def classify_score(score: float) -> str:
    """Class of one mean stance score; see :func:`classify_scores`."""
    if score != score:
        raise ValueError("cannot classify a missing score")
    return str(classify_scores(pd.Series([float(score)])).iloc[0])


def classify_government(stances: Sequence[str], last_n: int = DEFAULT_LAST_N) -> str:
    """Class of a government from its stances in chronological order (oldest first).

    The rule: take the mean score of the last ``last_n`` statements and apply
    :func:`classify_score`. With the default ``last_n = 1`` this is "yes" for
    a latest stance of support or open, "not now" for ambiguous or skeptical,
    and "no" for oppose.
    """
    if last_n < 1:
        raise ValueError("last_n must be at least 1")
    if len(stances) == 0:
        raise ValueError("a government with no statement cannot be classified")
    recent = stance_scores(pd.Series(list(stances[-last_n:])))
    return classify_score(recent.mean())


def stance_class(stance: str) -> str:
    """The class a single stance falls in under the latest-stance rule."""
    return classify_government([stance], last_n=1)


def trend_label(delta: pd.Series, n_statements: pd.Series, threshold: float = TREND_THRESHOLD) -> pd.Series:
    """'warming' / 'cooling' / 'steady' from a change in mean score; 'single statement' if n = 1."""
    labels = np.select([delta >= threshold, delta <= -threshold], ["warming", "cooling"], default="steady")
    return pd.Series(labels, index=delta.index, dtype=object).mask(n_statements < 2, "single statement")


def is_government(codes: pd.Series) -> pd.Series:
    """True for ISO3 government codes (upper case), False for organisation ids (lower case)."""
    return codes.str.fullmatch(r"[A-Z]{3}").astype(bool)


# ---------------------------------------------------------------- the stance table

def scored_statements(positions: pd.DataFrame) -> pd.DataFrame:
    ordered = positions.sort_values(["date_parsed", "position_id"], kind="stable", ignore_index=True)
    return ordered.assign(score=stance_scores(ordered["stance"]))


def stance_table(
    positions: pd.DataFrame,
    cutoff: pd.Timestamp = PROPOSAL_DATE,
    last_n: int = DEFAULT_LAST_N,
    trend_threshold: float = TREND_THRESHOLD,
) -> pd.DataFrame:
    """One row per actor: statements, first/last date, latest stance, trend and class.

    Columns: ``iso3``, ``is_government``, ``n_statements``, ``first_date``,
    ``last_date`` (timestamps), ``first``, ``last`` (the dates as recorded,
    possibly partial), ``latest_stance``, ``latest_score``, ``mean_before``,
    ``mean_after`` (mean score before / on-or-after ``cutoff``; NaN if none),
    ``change`` (the difference used for the trend), ``trend``,
    ``recent_mean`` (mean of the last ``last_n`` scores), ``class``, and
    ``latest_government`` / ``latest_on_topic`` (who made the latest statement,
    and whether it addressed an Asian alliance at all).
    """
    scored = scored_statements(positions)
    after = scored["date_parsed"] >= cutoff
    grouped = scored.groupby("iso3", sort=True)
    table = grouped.agg(
        n_statements=("position_id", "size"),
        first_date=("date_parsed", "first"),
        last_date=("date_parsed", "last"),
        first=("date", "first"),
        last=("date", "last"),
        first_score=("score", "first"),
        latest_stance=("stance", "last"),
        latest_score=("score", "last"),
        latest_government=("government", "last"),
        latest_on_topic=("on_topic", "last"),
    )
    table["mean_before"] = scored[~after].groupby("iso3")["score"].mean()
    table["mean_after"] = scored[after].groupby("iso3")["score"].mean()
    table["recent_mean"] = grouped.tail(last_n).groupby("iso3")["score"].mean()
    both_sides = table["mean_before"].notna() & table["mean_after"].notna()
    table["change"] = (table["mean_after"] - table["mean_before"]).where(
        both_sides, table["latest_score"] - table["first_score"]
    )
    table["trend"] = trend_label(table["change"], table["n_statements"], trend_threshold)
    table["class"] = classify_scores(table["recent_mean"])
    table = table.drop(columns="first_score").reset_index()
    table.insert(1, "is_government", is_government(table["iso3"]))
    return table


def latest_scores(positions: pd.DataFrame) -> pd.Series:
    """Latest stance score per actor code (the input to coalition willingness)."""
    return stance_table(positions).set_index("iso3")["latest_score"]


def class_changes(positions: pd.DataFrame, last_n: int) -> pd.DataFrame:
    """Governments whose class differs between the latest-stance rule and the last-``last_n`` rule."""
    base = stance_table(positions)[["iso3", "is_government", "class"]]
    alt = stance_table(positions, last_n=last_n)[["iso3", "class"]]
    both = base.merge(alt, on="iso3", how="inner", validate="one_to_one", suffixes=("", f"_last{last_n}"))
    if len(both) != len(base):
        raise AssertionError("stance tables lost actors")
    return both[both["is_government"] & (both["class"] != both[f"class_last{last_n}"])].reset_index(drop=True)


# ---------------------------------------------------------------- names

def actor_names(countries: pd.DataFrame, organizations: pd.DataFrame) -> dict[str, str]:
    """Display name for every actor code: country names, and organisations' short names."""
    names = dict(zip(countries["iso3"], countries["name"]))
    names.update(zip(organizations["org_id"], organizations["short_name"]))
    return names
