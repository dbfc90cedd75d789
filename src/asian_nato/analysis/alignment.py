"""Chapter 6: how closely the candidates vote together at the UN General Assembly.

The data are the Bailey–Strezhnev–Voeten estimates (June 2024 release) as
extracted into ``indicators.csv``:

* ``unga_idealpoint``: a state's ideal point for the year, on one scale for
  all years; higher means closer to the US-led Western position.
* ``unga_agree_usa`` / ``unga_agree_chn``: the share of votes in which the
  state voted as the United States / China did. The extract holds no other
  agreement scores, so agreement *among* the candidates is not observed
  directly; it is read off their ideal points.

Measures defined here (and restated in the chapter):

* **Lean** = ``unga_agree_usa − unga_agree_chn``, from −1 (always with
  China, never with the US) to +1. **Drift** is the change in lean between
  two years (:func:`drift`): positive means moving towards the US.
* **Cohesion** of a group in a year (:func:`cohesion`)::

      cohesion = 1 − D / S

  where ``D`` is the mean absolute difference between the ideal points of
  all pairs of members that year, and ``S`` is the reference spread: the
  widest gap between any two ideal points anywhere in ``indicators`` (all
  states, all years). ``S`` bounds ``D``, so the score runs from 0 (members
  as far apart as the two most distant states on record) to 1 (identical
  ideal points). A group of one has cohesion 1.

The charts and reader-facing tables of these measures are in
:mod:`asian_nato.report.alignment_report`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from asian_nato.analysis.capabilities import START_YEAR, panel

IDEAL_POINT = "unga_idealpoint"
AGREE_USA = "unga_agree_usa"
AGREE_CHN = "unga_agree_chn"


# ---------------------------------------------------------------- ideal points and cohesion

def _mask(indicators: pd.DataFrame, indicator: str, year: int | None = None) -> np.ndarray:
    """Boolean row mask on plain arrays (fast enough for thousands of calls from the coalitions chapter)."""
    mask = indicators["indicator"].to_numpy() == indicator
    if year is not None:
        mask &= indicators["year"].to_numpy() == year
    return mask


def ideal_points(indicators: pd.DataFrame, year: int) -> pd.Series:
    """Every state's ideal point in ``year``, indexed by ISO3."""
    mask = _mask(indicators, IDEAL_POINT, year)
    index = pd.Index(indicators["iso3"].to_numpy()[mask], name="iso3")
    return pd.Series(indicators["value"].to_numpy()[mask], index=index, name=IDEAL_POINT)


def reference_spread(indicators: pd.DataFrame) -> float:
    """The widest gap between any two ideal points in ``indicators`` (all states, all years)."""
    values = indicators["value"].to_numpy()[_mask(indicators, IDEAL_POINT)]
    if values.size == 0:
        raise ValueError(f"indicators hold no {IDEAL_POINT} values")
    return float(np.nanmax(values) - np.nanmin(values))


def spread_extremes(indicators: pd.DataFrame) -> dict[str, object]:
    """Which state-years set the reference spread: iso3 and year of the highest and lowest ideal point."""
    rows = indicators.loc[_mask(indicators, IDEAL_POINT), ["iso3", "year", "value"]].dropna(subset=["value"])
    high, low = rows.loc[rows["value"].idxmax()], rows.loc[rows["value"].idxmin()]
    return {
        "high_iso3": high["iso3"], "high_year": int(high["year"]), "high_value": float(high["value"]),
        "low_iso3": low["iso3"], "low_year": int(low["year"]), "low_value": float(low["value"]),
    }


def mean_pairwise_distance(points: np.ndarray) -> np.ndarray | float:
    """Mean absolute difference over all unordered pairs of the last axis.

    A 1-D array gives a number; a 2-D array (years × states) gives one value
    per row. Fewer than two states give 0.
    """
    array = np.asarray(points, dtype=float)
    n = array.shape[-1]
    if n < 2:
        return np.zeros(array.shape[:-1]) if array.ndim > 1 else 0.0
    gaps = np.abs(array[..., :, None] - array[..., None, :]).sum(axis=(-2, -1)) / 2
    result = gaps / (n * (n - 1) / 2)
    return result if array.ndim > 1 else float(result)


def _members(iso3_list: Sequence[str]) -> list[str]:
    members = list(dict.fromkeys(iso3_list))
    if not members:
        raise ValueError("a group needs at least one member")
    return members


def group_cohesion(groups: np.ndarray, codes: Sequence[str], indicators: pd.DataFrame, year: int,
                   scale: float | None = None) -> np.ndarray:
    """UN voting cohesion of many groups at once: one value per row of ``groups``.

    ``groups`` is a boolean matrix, one row per group and one column per code
    in ``codes`` (unique). Each value is ``1 − D / S`` as in :func:`cohesion`;
    a group of fewer than two members has ``D = 0``. Raises ``ValueError`` if
    a code that belongs to any group has no ideal point that year. Groups of
    one size are computed together, so the coalitions chapter scores thousands
    of them in milliseconds, with the same floating-point result as one call
    of :func:`cohesion` per group.
    """
    members = np.asarray(groups, dtype=bool)
    if members.ndim != 2 or members.shape[1] != len(codes):
        raise ValueError(f"groups must be a matrix with one column per code ({len(codes)}); got shape {members.shape}")
    points = ideal_points(indicators, year).reindex(list(codes))
    missing = points.index[points.isna().to_numpy() & members.any(axis=0)].tolist()
    if missing:
        raise ValueError(f"no {IDEAL_POINT} in {year} for: {', '.join(missing)}")
    spread = reference_spread(indicators) if scale is None else float(scale)
    if spread <= 0:
        raise ValueError("the reference spread must be positive")
    values = points.to_numpy(dtype=float)
    distance = np.zeros(len(members))
    sizes = members.sum(axis=1)
    for size in np.unique(sizes[sizes >= 2]):
        rows = sizes == size
        columns = np.nonzero(members[rows])[1].reshape(-1, size)
        distance[rows] = mean_pairwise_distance(values[columns])
    return 1.0 - distance / spread


def cohesion(iso3_list: Sequence[str], indicators: pd.DataFrame, year: int, scale: float | None = None) -> float:
    """UN voting cohesion of a group in ``year``: 0–1, where 1 means identical ideal points.

    ``1 − D / S`` with ``D`` the mean absolute pairwise ideal-point distance
    among the members and ``S`` the reference spread (:func:`reference_spread`
    unless ``scale`` is given). Duplicated codes count once. Raises
    ``ValueError`` if a member has no ideal point that year (no member is
    dropped silently). For many groups at once, use :func:`group_cohesion`.
    """
    members = _members(iso3_list)
    return float(group_cohesion(np.ones((1, len(members)), dtype=bool), members, indicators, year, scale)[0])


def mean_distance(iso3_list: Sequence[str], indicators: pd.DataFrame, year: int) -> float:
    """Mean absolute ideal-point distance over all pairs of members in ``year`` (``D`` in the cohesion formula)."""
    members = _members(iso3_list)
    points = ideal_points(indicators, year).reindex(members)
    if points.isna().any():
        raise ValueError(f"no {IDEAL_POINT} in {year} for: {', '.join(points.index[points.isna()])}")
    return mean_pairwise_distance(points.to_numpy())


def cohesion_over_time(groups: Mapping[str, Sequence[str]], indicators: pd.DataFrame, start: int = START_YEAR) -> pd.DataFrame:
    """Cohesion of each named group in every year from ``start``: columns year, group, members, cohesion."""
    spread = reference_spread(indicators)
    frames = []
    for name, codes in groups.items():
        members = _members(codes)
        wide = panel(indicators, IDEAL_POINT, members, start)
        if wide.isna().any().any():
            gaps = wide.columns[wide.isna().any()].tolist()
            raise ValueError(f"group {name!r}: missing ideal points for {', '.join(gaps)}")
        frames.append(pd.DataFrame({
            "year": wide.index,
            "group": name,
            "members": len(members),
            "cohesion": 1.0 - mean_pairwise_distance(wide.to_numpy()) / spread,
        }))
    return pd.concat(frames, ignore_index=True)


def full_record(iso3s: Sequence[str], indicators: pd.DataFrame, start: int = START_YEAR,
                indicator: str = IDEAL_POINT) -> tuple[list[str], list[str]]:
    """Split ``iso3s`` into states with a value in every year from ``start`` to the latest, and the rest."""
    wide = panel(indicators, indicator, list(dict.fromkeys(iso3s)), start)
    complete = wide.notna().all()
    return complete.index[complete].tolist(), complete.index[~complete].tolist()


# ---------------------------------------------------------------- agreement and drift

def agreement(indicators: pd.DataFrame, year: int) -> pd.DataFrame:
    """Every state's ideal point, agreement with the US and with China, and lean, in ``year``."""
    rows = indicators[indicators["indicator"].isin([IDEAL_POINT, AGREE_USA, AGREE_CHN]) & (indicators["year"] == year)]
    wide = rows.pivot(index="iso3", columns="indicator", values="value").reindex(columns=[IDEAL_POINT, AGREE_USA, AGREE_CHN])
    return wide.assign(lean=wide[AGREE_USA] - wide[AGREE_CHN]).rename_axis(columns=None).reset_index()


def lean(indicators: pd.DataFrame, iso3s: Sequence[str], year: int) -> pd.Series:
    """Agreement with the US minus agreement with China, per state, in ``year`` (NaN if not observed)."""
    table = agreement(indicators, year).set_index("iso3")["lean"]
    return table.reindex(list(iso3s)).rename("lean")


def drift(indicators: pd.DataFrame, iso3s: Sequence[str], start: int, end: int) -> pd.DataFrame:
    """Change in lean from ``start`` to ``end``, largest move towards the US first.

    Columns: iso3, lean_start, lean_end, change (``lean_end − lean_start``).
    Raises ``ValueError`` if a state lacks agreement scores in either year.
    """
    frame = pd.DataFrame({"lean_start": lean(indicators, iso3s, start), "lean_end": lean(indicators, iso3s, end)})
    missing = frame.index[frame.isna().any(axis=1)].tolist()
    if missing:
        raise ValueError(f"no agreement scores in {start} or {end} for: {', '.join(missing)}")
    return (
        frame.assign(change=frame["lean_end"] - frame["lean_start"])
        .rename_axis("iso3").reset_index()
        .sort_values(["change", "iso3"], ascending=[False, True], ignore_index=True)
    )


DRIFT_CLASSES: tuple[str, ...] = ("more than the median", "about the median", "less than the median")


def typical_drift(indicators: pd.DataFrame, start: int, end: int) -> tuple[float, int]:
    """Median drift from ``start`` to ``end`` over every state with agreement scores in both years, and their number."""
    states = observed_in(indicators, [start, end])
    return float(drift(indicators, states, start, end)["change"].median()), len(states)


def leaning(indicators: pd.DataFrame, iso3s: Sequence[str], year: int) -> tuple[list[str], list[str]]:
    """The states in ``iso3s`` that agreed more often with China, and those that agreed more often with the US, in ``year``."""
    values = lean(indicators, iso3s, year)
    return values.index[values < 0].tolist(), values.index[values > 0].tolist()


def classify_drift(changes: pd.Series, typical: float, tolerance: float) -> pd.Series:
    """Label each change as more than, about, or less than ``typical`` (within ``tolerance`` counts as about)."""
    excess = changes - typical
    labels = np.select([excess > tolerance, excess < -tolerance], [DRIFT_CLASSES[0], DRIFT_CLASSES[2]], default=DRIFT_CLASSES[1])
    return pd.Series(labels, index=changes.index, name="drift_class")


def observed_in(indicators: pd.DataFrame, years: Sequence[int], indicators_needed: Sequence[str] = (AGREE_USA, AGREE_CHN)) -> list[str]:
    """States with every one of ``indicators_needed`` in every one of ``years``."""
    rows = indicators[indicators["indicator"].isin(indicators_needed) & indicators["year"].isin(years) & indicators["value"].notna()]
    counts = rows.groupby("iso3").size()
    return sorted(counts.index[counts == len(indicators_needed) * len(set(years))])
