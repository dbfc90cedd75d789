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

:func:`latest_year` is re-exported from :mod:`asian_nato.analysis.capabilities` so
that other chapters can import both functions from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from asian_nato.report import style
from asian_nato.analysis.capabilities import (
    START_YEAR,
    TOTAL_STYLES,
    latest_year,  # noqa: F401  re-exported: other chapters import it from here
    panel,
    plot_lines,
    spread_labels,
    year_ticks,
)
from asian_nato.analysis.groups import CHINA, US

IDEAL_POINT = "unga_idealpoint"
AGREE_USA = "unga_agree_usa"
AGREE_CHN = "unga_agree_chn"
SOURCE_UNGA = "Bailey, Strezhnev and Voeten, UN General Assembly voting data (June 2024 release)"


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


def cohesion_table(long: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """One row per group: its size and its cohesion in each of ``years`` (for display)."""
    wide = long[long["year"].isin(list(years))].pivot(index="group", columns="year", values="cohesion")
    sizes = long.drop_duplicates("group").set_index("group")["members"]
    order = list(dict.fromkeys(long["group"]))
    table = wide.reindex(order).rename(columns=lambda y: f"Cohesion {y}")
    return table.assign(Members=sizes.reindex(order)).rename_axis("Group").reset_index()[
        ["Group", "Members", *table.columns]
    ]


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


def agreement_table(indicators: pd.DataFrame, countries: pd.DataFrame, iso3s: Sequence[str], year: int, since: int,
                    typical_change: float) -> pd.DataFrame:
    """Per state in ``year``: ideal point, agreement with the US and China (%), lean, and its change since ``since``.

    Lean and change are in percentage points; the change is shown raw and
    relative to ``typical_change`` (the median change of all states, see the
    chapter). Sorted by ideal point, highest first.
    """
    latest = agreement(indicators, year).set_index("iso3").reindex(list(iso3s))
    moved = drift(indicators, iso3s, since, year).set_index("iso3")["change"].reindex(list(iso3s))
    names = countries.set_index("iso3")["name"].reindex(list(iso3s))
    table = pd.DataFrame({
        "Country": names,
        "Ideal point": latest[IDEAL_POINT],
        "With the US (%)": 100 * latest[AGREE_USA],
        "With China (%)": 100 * latest[AGREE_CHN],
        "Lean (points)": 100 * latest["lean"],
        f"Change since {since}": 100 * moved,
        "Change vs median": 100 * (moved - typical_change),
    })
    return table.sort_values("Ideal point", ascending=False).reset_index(drop=True)


# ---------------------------------------------------------------- figures

def plot_ideal_points(wide: pd.DataFrame, countries: pd.DataFrame, ncols: int = 3) -> Figure:
    """Small multiples: each state's ideal point over time (black) against the US (dashed) and China (dotted)."""
    names = countries.set_index("iso3")["name"]
    order = wide.iloc[-1].sort_values(ascending=False).index.tolist()
    nrows = int(np.ceil(len(order) / ncols))
    fig, axes = style.new_figure(7.5, 1.75 * nrows + 0.6, nrows=nrows, ncols=ncols, sharex=True, sharey=True, squeeze=False)
    references = {US: (style.OKABE_ITO["blue"], "--"), CHINA: (style.OKABE_ITO["vermillion"], ":")}
    for ax, code in zip(axes.flat, order):
        for ref, (colour, dash) in references.items():
            if ref in wide.columns and ref != code:
                ax.plot(wide.index, wide[ref], color=colour, linestyle=dash, linewidth=1.2)
        ax.plot(wide.index, wide[code], color=style.INK, linewidth=2.2, marker="o", markersize=3, markevery=4)
        ax.set_title(names[code], loc="left", fontsize=9)
        ax.axhline(0, color="#999999", linewidth=0.6)
        ax.grid(False)  # the reference lines are enough; keeps the SVG light
        ax.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
        year_ticks(ax, wide.index, step=10)
    for ax in axes.flat[len(order):]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel("Ideal point")
    fig.suptitle("Black: the state named. Dashed blue: United States. Dotted red: China.",
                 x=0.01, ha="left", fontsize=8, fontweight="normal")
    return style.add_source(fig, SOURCE_UNGA + ". Higher = closer to the US position.")


def _label_points(ax, frame: pd.DataFrame, cluster_gap: float = 0.12, min_gap: float = 0.028) -> None:
    """Label scatter points; points close in x share a label column with leader lines, spread in y."""
    ordered = frame.sort_values("x").reset_index(drop=True)
    cluster_id = (ordered["x"].diff().fillna(np.inf) > cluster_gap).cumsum()
    for _, group in ordered.groupby(cluster_id):
        if len(group) == 1:
            row = group.iloc[0]
            ax.annotate(row["label"], (row["x"], row["y"]), xytext=(5, 3), textcoords="offset points", fontsize=7.5, color=row["colour"])
            continue
        column_x = group["x"].max() + 0.03
        placed = spread_labels(group["y"].to_numpy(), min_gap)
        for (_, row), label_y in zip(group.iterrows(), placed):
            ax.annotate(row["label"], (row["x"], row["y"]), xytext=(column_x, label_y), textcoords="data",
                        fontsize=7.5, color=row["colour"], va="center",
                        arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.5, "shrinkA": 0, "shrinkB": 2})


def plot_agreement_scatter(table: pd.DataFrame, countries: pd.DataFrame, candidates: Sequence[str], adversaries: Sequence[str]) -> Figure:
    """Agreement with the US (x) against agreement with China (y), one year, with median quadrant lines.

    ``table`` is :func:`agreement` for one year (all states in the data);
    the candidates and adversaries are labelled, the rest are grey context.
    """
    names = countries.set_index("iso3")["name"]
    fig, ax = style.new_figure(7.5, 5.6)
    others = table[~table["iso3"].isin([*candidates, *adversaries])]
    ax.scatter(others[AGREE_USA], others[AGREE_CHN], s=14, color="#bbbbbb", marker=".", label="Other states in the data", zorder=1)
    sides = (
        (candidates, style.OKABE_ITO["blue"], "o", "Candidates"),
        (adversaries, style.OKABE_ITO["vermillion"], "X", "China, Russia, North Korea"),
    )
    labels = []
    for codes, colour, marker, label in sides:
        sub = table[table["iso3"].isin(codes)]
        ax.scatter(sub[AGREE_USA], sub[AGREE_CHN], s=36, color=colour, marker=marker, edgecolor="white", linewidth=0.5, label=label, zorder=3)
        labels.append(pd.DataFrame({"x": sub[AGREE_USA], "y": sub[AGREE_CHN], "label": sub["iso3"].map(names), "colour": colour}))
    _label_points(ax, pd.concat(labels, ignore_index=True))
    med_x, med_y = table[AGREE_USA].median(), table[AGREE_CHN].median()
    ax.axvline(med_x, color="#666666", linestyle="--", linewidth=0.8)
    ax.axhline(med_y, color="#666666", linestyle="--", linewidth=0.8)
    ax.plot([0, 1], [0, 1], color="#666666", linestyle=":", linewidth=0.8)
    ax.annotate("equal agreement", (0.44, 0.44), rotation=37, rotation_mode="anchor", fontsize=7.5, color="#666666",
                ha="center", va="bottom")
    corner = {"fontsize": 8, "color": "#4d4d4d", "style": "italic"}
    ax.annotate("with China, not the US", (0.01, 0.99), xycoords="axes fraction", va="top", **corner)
    ax.annotate("with the US, not China", (0.99, 0.05), xycoords="axes fraction", ha="right", **corner)
    ax.set_xlim(0, 1.05)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("Share of votes agreeing with the United States")
    ax.set_ylabel("Share of votes agreeing with China")
    ax.legend(loc="upper right", fontsize=8)
    ax.annotate("medians of all states in the data (dashed)", (med_x, 0.01), xytext=(4, 0), textcoords="offset points",
                fontsize=7, color="#4d4d4d")
    return style.add_source(fig, SOURCE_UNGA + ".")


def plot_cohesion(long: pd.DataFrame, ylim: tuple[float, float] = (0.5, 1.0)) -> Figure:
    """Cohesion of each group over time, directly labelled; the axis range is stated on the axis."""
    wide = long.pivot(index="year", columns="group", values="cohesion")[list(dict.fromkeys(long["group"]))]
    looks = {name: {**look, "linewidth": 2.0} for name, look in zip(wide.columns, [
        TOTAL_STYLES["all_candidates"],
        {"color": style.OKABE_ITO["blue"], "marker": "^", "linestyle": "--"},
        {"color": style.OKABE_ITO["vermillion"], "marker": "s", "linestyle": "-."},
        {"color": style.OKABE_ITO["green"], "marker": "D", "linestyle": ":"},
    ])}
    fig, ax = style.new_figure(7.5, 4.2)
    plot_lines(ax, wide, {c: c for c in wide.columns}, styles=looks, label_room=9, ylim=ylim)
    ax.set_ylabel("Cohesion, 0 to 1" + ("" if ylim[0] == 0 else f" (axis starts at {ylim[0]:g})"))
    ax.set_xlabel("Year")
    return style.add_source(fig, SOURCE_UNGA + ".")


def plot_drift(moves: pd.DataFrame, countries: pd.DataFrame, start: int, end: int, typical_change: float) -> Figure:
    """Sorted horizontal bars of the change in lean, with the median state's change as a reference line.

    Bars towards the US are hatched ``//``, towards China ``..``, so the
    direction reads without colour; each bar carries its value.
    """
    names = countries.set_index("iso3")["name"]
    frame = moves.sort_values("change").reset_index(drop=True)
    towards_us = (frame["change"] >= 0).to_numpy()
    fig, ax = style.new_figure(7.5, 0.3 * len(frame) + 1.5)
    y = np.arange(len(frame))
    points = 100 * frame["change"].to_numpy()
    for mask, colour, hatch, label in (
        (towards_us, style.OKABE_ITO["blue"], "//", "towards the US"),
        (~towards_us, style.OKABE_ITO["vermillion"], "..", "towards China"),
    ):
        if mask.any():
            ax.barh(y[mask], points[mask], color=colour, hatch=hatch, edgecolor="white", label=label)
    for yi, value in zip(y, points):
        ax.annotate(f"{value:+.0f}", (value, yi), xytext=(3 if value >= 0 else -3, 0), textcoords="offset points",
                    ha="left" if value >= 0 else "right", va="center", fontsize=7.5)
    ax.axvline(100 * typical_change, color=style.INK, linestyle="--", linewidth=1.1,
               label=f"median of all states ({100 * typical_change:+.0f})")
    ax.set_yticks(y, frame["iso3"].map(names))
    ax.axvline(0, color=style.INK, linewidth=0.8)
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.12)
    ax.set_xlabel(f"Change in lean, {start} to {end} (percentage points)")
    ax.legend(loc="lower right", fontsize=8, framealpha=1, frameon=True, edgecolor="white")
    return style.add_source(fig, SOURCE_UNGA + ".")
