"""The UN-voting charts and reader-facing tables, from the measures of
:mod:`asian_nato.analysis.alignment`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from asian_nato.analysis.alignment import AGREE_CHN, AGREE_USA, DRIFT_CLASSES, IDEAL_POINT, agreement, classify_drift, drift
from asian_nato.analysis.groups import CHINA, US
from asian_nato.report import style
from asian_nato.report.alt_texts import rounded
from asian_nato.report.capabilities_report import TOTAL_STYLES, plot_lines, year_ticks
from asian_nato.report.display import (
    agreeing, count_words, counted, in_prose, join_names, join_words, number_words, percent, possessive, sentence_start,
)
from asian_nato.report.style import spread_labels

SOURCE_UNGA = "Bailey, Strezhnev and Voeten, UN General Assembly voting data (June 2024 release)"
ON_THE_LINE_POINTS: float = 5.0  # agreement rates this close to each other count as siding with neither power


def cohesion_table(long: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """One row per group: its size and its cohesion in each of ``years`` (for display)."""
    wide = long[long["year"].isin(list(years))].pivot(index="group", columns="year", values="cohesion")
    sizes = long.drop_duplicates("group").set_index("group")["members"]
    order = list(dict.fromkeys(long["group"]))
    table = wide.reindex(order).rename(columns=lambda y: f"Cohesion {y}")
    return table.assign(Members=sizes.reindex(order)).rename_axis("Group").reset_index()[
        ["Group", "Members", *table.columns]
    ]


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


IDEAL_RECENT_YEARS: int = 5  # the ideal-point alt text reports the changes over this many latest years
IDEAL_STEADY_CHANGE: float = 0.25  # an ideal point that moved less than this over those years counts as steady


def _sides_of_zero(values: pd.Series, names: Mapping[str, str]) -> str:
    """Who is above, below and at zero, in the order given: 'A and B are above zero; C is below it'."""
    sides = ((values[values > 0], "above zero"), (values[values < 0], "below zero"), (values[values == 0], "at zero"))
    clauses = [f"{join_names(part.index, names)} {agreeing(len(part), 'is', 'are')} {where}" for part, where in sides if len(part)]
    return "; ".join(clauses)


def recent_ideal_point_changes(wide: pd.DataFrame, recent: int = IDEAL_RECENT_YEARS) -> pd.Series:
    """Each state's change in ideal point over the ``recent`` latest years of ``wide`` (years by state)."""
    year, then = int(wide.index[-1]), int(wide.index[max(0, len(wide) - 1 - recent)])
    return (wide.loc[year] - wide.loc[then]).dropna().rename("change")


def ideal_points_alt(wide: pd.DataFrame, countries: pd.DataFrame, recent: int = IDEAL_RECENT_YEARS,
                     steady: float = IDEAL_STEADY_CHANGE) -> str:
    """Alt text for :func:`plot_ideal_points`: who sits above and below zero in the latest year, and the recent changes."""
    names = countries.set_index("iso3")["name"]
    year, then = int(wide.index[-1]), int(wide.index[max(0, len(wide) - 1 - recent)])
    latest = wide.iloc[-1].dropna().sort_values(ascending=False, kind="stable")
    top = latest.index[0]
    change = recent_ideal_point_changes(wide, recent)
    mover = change.abs().idxmax()
    n_steady = int((change.abs() < steady).sum())
    return (
        f"Small multiples, one panel for each of {counted(len(wide.columns), 'state')}, its ideal point from "
        f"{int(wide.index[0])} to {year} (black) against the United States (dashed) and China (dotted), ordered from "
        f"highest to lowest in {year}. In {year} {in_prose(names.get(top, top))} is highest ({rounded(latest[top])}); "
        f"{_sides_of_zero(latest.drop(top), names)}. Between {then} and {year}, {count_words(n_steady, zero='none')} of the "
        f"{count_words(len(change))} moved by less than {rounded(steady)} points; the largest change is by "
        f"{in_prose(names.get(mover, mover))}, from {rounded(wide.at[then, mover])} to {rounded(wide.at[year, mover])}."
    )


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


def _diagonal_side(codes: Sequence[str], candidates: Sequence[str], names: Mapping[str, str]) -> str:
    """The candidates among ``codes`` named, then the others 'with' them: 'India and Indonesia, with Russia'."""
    ours = [c for c in codes if c in candidates]
    theirs = [c for c in codes if c not in candidates]
    if ours and theirs:
        return f"{join_names(ours, names, alphabetical=True)}, with {join_names(theirs, names, alphabetical=True)}"
    return join_names(ours or theirs, names, alphabetical=True)


def agreement_scatter_alt(table: pd.DataFrame, countries: pd.DataFrame, candidates: Sequence[str], adversaries: Sequence[str],
                          year: int, margin: float = ON_THE_LINE_POINTS) -> str:
    """Alt text for :func:`plot_agreement_scatter`: the medians, the extreme points and which side of the diagonal each labelled state is on.

    A state whose two agreement rates are within ``margin`` percentage points is on the diagonal.
    """
    names = countries.set_index("iso3")["name"]
    by_state = table.set_index("iso3")
    right, top = by_state[AGREE_USA].idxmax(), by_state[AGREE_CHN].idxmax()
    labelled = by_state.loc[[c for c in dict.fromkeys([*candidates, *adversaries]) if c in by_state.index and c not in (right, top)]]
    gap = 100 * (labelled[AGREE_CHN] - labelled[AGREE_USA])
    sides = (
        (gap[gap > margin], "above the diagonal, agreeing more often with China"),
        (gap[gap < -margin], "below it, more often with the United States"),
        (gap[gap.abs() <= margin], f"within {number_words(margin)} points of it"),
    )
    placed = "; ".join(f"{where}: {_diagonal_side(part.index.tolist(), candidates, names)}" for part, where in sides if len(part))
    return (
        f"Scatter plot of the {len(table)} states in the data in {year}, agreement with the United States across and with "
        f"China up; dashed lines mark the medians ({percent(table[AGREE_USA].median())} with the United States, "
        f"{percent(table[AGREE_CHN].median())} with China) and a dotted diagonal equal agreement. "
        f"{sentence_start(in_prose(names.get(right, right)))} is at the far right and {in_prose(names.get(top, top))} at the top. "
        f"Of the other labelled states, {placed}."
    )


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


def cohesion_alt(long: pd.DataFrame, ylim: tuple[float, float] = (0.5, 1.0)) -> str:
    """Alt text for :func:`plot_cohesion`: which group is highest, the range of the others and the latest scores."""
    wide = long.pivot(index="year", columns="group", values="cohesion")[list(dict.fromkeys(long["group"]))].dropna(how="all")
    leaders = wide.idxmax(axis=1).value_counts()
    leader, years_led = leaders.index[0], int(leaders.iloc[0])
    led = "in every year" if years_led == len(wide) else f"in {count_words(years_led)} of the {count_words(len(wide))} years"
    rest = wide.drop(columns=leader)
    latest = wide.iloc[-1].dropna().sort_values(ascending=False, kind="stable")
    return (
        f"Line chart of the cohesion of {counted(len(wide.columns), 'group')}, {int(wide.index[0])} to {int(wide.index[-1])}, "
        f"on an axis from {ylim[0]:g} to {ylim[1]:g}. {leader} is highest {led}, between {wide[leader].min():.2f} and "
        f"{wide[leader].max():.2f}; the other {agreeing(len(rest.columns), 'group stays', 'groups stay')} between "
        f"{rest.min().min():.2f} and {rest.max().max():.2f}. In {int(latest.name)}, from highest: "
        + ", ".join(f"{group} {value:.2f}" for group, value in latest.items()) + "."
    )


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


def drift_alt(moves: pd.DataFrame, countries: pd.DataFrame, start: int, end: int, typical_change: float, tolerance: float) -> str:
    """Alt text for :func:`plot_drift`: the direction of the bars, the longest, and who moved more or less than the median.

    A change within ``tolerance`` of ``typical_change`` counts as about the median (:func:`classify_drift`).
    """
    names = countries.set_index("iso3")["name"]
    change = moves.set_index("iso3")["change"].sort_values(ascending=False, kind="stable")
    n_us = int((change >= 0).sum())
    if n_us == len(change):
        direction = "Every bar points towards the United States"
    elif n_us == 0:
        direction = "Every bar points towards China"
    else:
        direction = (f"{sentence_start(counted(n_us, 'bar'))} {agreeing(n_us, 'points', 'point')} towards the United States "
                     f"and {count_words(len(change) - n_us)} towards China")
    longest = change.abs().idxmax()
    classes = classify_drift(change, typical_change, tolerance)
    wording = dict(zip(DRIFT_CLASSES, ("more than the median", f"about as much, within {100 * tolerance:g} points",
                                       "less")))
    clauses = [f"{wording[label]}: {join_names(classes.index[classes == label], names)}" for label in DRIFT_CLASSES
               if (classes == label).any()]
    return (
        f"Horizontal bar chart of the change in lean (agreement with the United States minus agreement with China) from "
        f"{start} to {end}, in percentage points, one bar for each of {counted(len(change), 'state')}, sorted, with the "
        f"median of all states ({100 * typical_change:+.0f}) dashed. {direction}; "
        f"{in_prose(names.get(longest, longest))} moved furthest ({100 * change[longest]:+.0f}). {sentence_start('; '.join(clauses))}."
    )


def left_out_sentence(dropped: Sequence[str], names: Mapping[str, str], group: str = "member") -> str:
    """Who a benchmark leaves out for want of a full voting record, as a sentence ('' when no one is)."""
    if not len(dropped):
        return ""
    lacks, is_ = ("lacks", "is") if len(dropped) == 1 else ("lack", "are")
    return (f"{sentence_start(join_names(dropped, names, alphabetical=True))} {lacks} a usable voting record in at least one of "
            f"those years and {is_} left out.")


def allies_among_sentence(allies: Sequence[str], names: Mapping[str, str]) -> str:
    """Which of the states just named are US treaty allies, as a sentence."""
    if not len(allies):
        return "None of them is a US treaty ally."
    if len(allies) == 1:
        return f"Among them is {join_names(allies, names)}, a US treaty ally."
    return f"Among them are {join_names(allies, names, alphabetical=True)}, US treaty allies."


def lean_clause(name: str, agree_usa: float, agree_chn: float, margin: float = ON_THE_LINE_POINTS) -> str:
    """How one state splits its votes (percentages): on the line if the two rates are within ``margin`` points."""
    if abs(agree_usa - agree_chn) <= margin:
        verb = "sits on the line"
    else:
        verb = "leans to the United States" if agree_usa > agree_chn else "leans to China"
    within = f", within {count_words(int(margin))} points of each other" if verb == "sits on the line" else ""
    return (f"{in_prose(name)} {verb}, agreeing with the United States in {agree_usa:.0f} per cent of votes and with "
            f"China in {agree_chn:.0f} per cent{within}")


def assembly_norm_clause(median_usa: float, median_chn: float) -> str:
    """Which power the median state in the Assembly agrees with more, and so which leaning candidates are the exception."""
    if median_chn > median_usa:
        return "voting with China is the Assembly's norm, and the US-leaning candidates are the exception"
    if median_usa > median_chn:
        return "voting with the United States is the Assembly's norm, and the China-leaning candidates are the exception"
    return "the Assembly's median state agrees with both powers equally often"


def smaller_groups_sentence(cohesion: Mapping[str, float], allies_far: str) -> str:
    """Whether a smaller group of candidates votes much more alike than all of them.

    ``cohesion`` holds ``candidates_last``, ``allies_last`` (the US and its
    treaty allies), ``others_last`` and ``nato_last``; ``allies_far`` names the
    treaty allies that vote more often with China ('none' or '' if none do).
    "Much" means closing at least half the gap between all the candidates and NATO.
    """
    gap = cohesion["nato_last"] - cohesion["candidates_last"]
    best = max(cohesion["allies_last"], cohesion["others_last"])
    why = f", because {allies_far} vote far from the United States," if allies_far not in ("", "none") else ""
    scores = (f"the US with its treaty allies scores {cohesion['allies_last']:.2f}{why} and the other candidates "
              f"{cohesion['others_last']:.2f}")
    if gap <= 0:
        return f"Of smaller groups, {scores}."
    if best - cohesion["candidates_last"] < gap / 2:
        return f"Nor does a smaller group close even half the gap to NATO: {scores}."
    return f"A smaller group closes at least half the gap to NATO: {scores}."


def cohesion_sentence(cohesion: Mapping[str, float], years: Mapping[str, int]) -> str:
    """The candidates' cohesion against NATO's, now and at the start (``candidates_first``, ``candidates_last``, ``nato_last``)."""
    below = cohesion["candidates_last"] < cohesion["nato_last"]
    start = ("At the United Nations the candidates vote less alike than NATO's members do" if below else
             "At the United Nations the candidates vote as alike as NATO's members do, or more")
    return (f"{start}: their cohesion was {cohesion['candidates_last']:.2f} in {years['last']} against NATO's "
            f"{cohesion['nato_last']:.2f}, and {cohesion['candidates_first']:.2f} in {years['first']}.")


def blocs_sentence(blocs: Mapping[str, str]) -> str:
    """Which candidates vote more often with the US and which with China (``closer_us``, ``closer_china`` joined,
    ``allies_sentence`` from :func:`allies_among_sentence`)."""
    return (f"{sentence_start(blocs['closer_us'])} vote more often with the United States; {blocs['closer_china']} vote more often "
            f"with China. {blocs['allies_sentence']}")


def drift_sentence(drift: Mapping[str, int], years: Mapping[str, int]) -> str:
    """How many candidates other than the US moved towards it since the drift base year, and by how much."""
    more, about, less = (count_words(drift[k], zero="none") for k in ("more", "about", "less"))
    moved = (f"all {count_words(drift['n'])}" if drift["towards_us"] == drift["n"]
             else f"{count_words(drift['towards_us'], zero='none')} of the {count_words(drift['n'])}")
    return (f"Since {years['drift_base']}, {moved} candidates other than the United States moved towards it: {more} "
            f"by more than the median state, {about} by about as much and {less} by less.")


def votes_takeaway(cohesion: Mapping[str, float], blocs: Mapping[str, str], drift: Mapping[str, int],
                   years: Mapping[str, int]) -> str:
    """The chapter's takeaway: cohesion, blocs, drift, and whether the votes show a shared view of the world."""
    shared = ("The shared view of the world that an Asian NATO would rest on is not visible in the votes."
              if cohesion["candidates_last"] < cohesion["nato_last"]
              else "The votes show the shared view of the world that an Asian NATO would rest on.")
    return " ".join([cohesion_sentence(cohesion, years), blocs_sentence(blocs), drift_sentence(drift, years), shared])


# ---------------------------------------------------------------- the chapter's findings as computed sentences

# A median drift of at least this many percentage points, with most states moving the same way, is a broad shift.
BROAD_SHIFT_POINTS: float = 10.0
# The top mover "stands out" when it moved at least this many times as far beyond the median as the next candidate.
STANDS_OUT_FACTOR: float = 2.0
# A move smaller than this share of the median state's move is "much less" than the median.
MUCH_LESS_SHARE: float = 0.5


def _times_words(factor: float) -> str:
    """'twice', 'three times', '2.5 times'."""
    if factor == 2:
        return "twice"
    return f"{number_words(factor)} times"


def _power(direction: float) -> str:
    return "the United States" if direction > 0 else "China"


def common_drift_sentences(changes: pd.Series, broad_points: float = BROAD_SHIFT_POINTS) -> str:
    """Whether states drifted together, from every state's change in lean (fractions), and what a broad shift means."""
    median = float(changes.median())
    same_way = int((np.sign(changes) == np.sign(median)).sum()) if median else 0
    most = 2 * same_way > len(changes)
    moved = (f"{count_words(same_way, zero='none')} of the {count_words(len(changes))} states in the data with scores in "
             f"both years moved towards {_power(median)}, and the median state moved {100 * median:+.0f} points")
    first = f"Most states drifted together: {moved}." if most else f"States did not drift together: {moved}."
    limit = number_words(broad_points)
    if most and abs(100 * median) >= broad_points:
        second = (f"A shift that broad, with most states moving one way and the median by at least {limit} points, points "
                  "to a change in what came to a vote, not in alignment, so what matters is how far a state moved relative "
                  "to that median.")
    else:
        second = (f"A shift that {'small' if most else 'mixed'} (this book reads a shift as broad when most states move one "
                  f"way and the median by at least {limit} points) does not point to a change in what came to a vote; a "
                  "state's move is still shown against the median.")
    return f"{first} {second}"


def towards_us_clause(changes: pd.Series, classes: pd.Series) -> str:
    """How many candidates moved towards the US, and how many by about the median state's move (no full stop)."""
    n, towards = len(changes), int((changes > 0).sum())
    moved = (f"all {count_words(n)}" if towards == n and n > 2 else
             f"{count_words(towards, zero='none')} of the {count_words(n)}")
    about = int((classes == DRIFT_CLASSES[1]).sum())
    share = ("most of them" if 2 * about > n else "half of them" if 2 * about == n else
             f"{count_words(about, zero='none')} of them")
    return (f"{moved} candidates other than the United States moved towards it, and {share} moved by about as much as "
            "the median state")


def lead_over_runner_up(changes: pd.Series, typical: float) -> pd.Series:
    """The top mover's distance past the median over the runner-up's (inf when the runner-up is not past it), by the top mover."""
    ordered = changes.sort_values(ascending=False, kind="stable")
    excess = ordered.iloc[0] - typical
    runner_up = ordered.iloc[1] - typical if len(ordered) > 1 else float("-inf")
    ratio = excess / runner_up if runner_up > 0 else float("inf")
    return pd.Series({ordered.index[0]: ratio}, name="lead")


def stands_out_sentence(changes: pd.Series, typical: float, names: Mapping[str, str],
                        factor: float = STANDS_OUT_FACTOR) -> str:
    """The candidate that moved furthest towards the US, and whether it stands out from the next one."""
    ordered = changes.sort_values(ascending=False, kind="stable")
    top = ordered.index[0]
    excess = 100 * (ordered.iloc[0] - typical)
    beyond = f"{abs(excess):.0f} {'more' if excess >= 0 else 'less'} than the median"
    name = sentence_start(in_prose(names.get(top, top)))
    if excess > 0 and lead_over_runner_up(changes, typical).iloc[0] >= factor:
        return (f"{name} stands out: its lean moved {100 * ordered.iloc[0]:+.0f} points, {beyond}, at least "
                f"{_times_words(factor)} as far beyond it as any other candidate.")
    return f"{name} moved furthest: its lean moved {100 * ordered.iloc[0]:+.0f} points, {beyond}."


def adversaries_drift_sentence(adversaries: pd.Series, candidates: pd.Series, typical: float, names: Mapping[str, str],
                               much_less: float = MUCH_LESS_SHARE) -> str:
    """How far the adversaries' lean moved against the median state's, and whether their gap to the candidates widened."""
    listed = [f"{in_prose(names.get(c, c))} ({100 * v:+.0f}{' points' if i == 0 else ''})"
              for i, (c, v) in enumerate(adversaries.items())]
    who = sentence_start(join_words(listed))
    if typical > 0 and (adversaries < much_less * typical).all():
        size = f"moved much less than the median state, under {'half' if much_less == 0.5 else f'{much_less:g} of'} its move"
    elif (adversaries < typical).all():
        size = "moved less than the median state"
    else:
        size = "did not all move less than the median state"
    widened = candidates.to_numpy()[:, None] > adversaries.to_numpy()[None, :]
    if widened.all():
        gap = "so the gap in lean between them and the candidates widened"
    elif not widened.any():
        gap = "so the gap in lean between them and the candidates narrowed"
    else:
        gap = "so the gap in lean between them and the candidates widened for some pairs and narrowed for others"
    return f"{who} {size}, {gap}."


def sides_of_middle(wide: pd.DataFrame, codes: Sequence[str]) -> pd.Series:
    """True for each of ``codes`` whose ideal point was above zero in some year and below it in another."""
    signs = np.sign(wide[list(codes)])
    return (signs.max() > 0) & (signs.min() < 0)


def split_words(wide: pd.DataFrame, candidates: Sequence[str]) -> str:
    """'a stable split' if no candidate's ideal point changed side of zero over the years of ``wide``, else 'a split that has shifted'."""
    return "a split that has shifted" if sides_of_middle(wide, candidates).any() else "a stable split"


def above_middle_place(latest: pd.Series, above: Sequence[str], us: str = US) -> str:
    """Where the states ``above`` zero sat: between the US and the middle if all sit below the US, else just above the middle."""
    if (latest.reindex(list(above)) < latest[us]).all():
        return "between the United States and the middle of the scale"
    return "above the middle of the scale, some level with or beyond the United States"


def china_side_clause(latest: pd.Series, china: str = CHINA) -> str:
    """', on China's side' when China's ideal point is below zero too ('' otherwise)."""
    return ", on China's side" if latest[china] < 0 else ", away from China, which sat above it"


def crossing_clause(wide: pd.DataFrame, names: Mapping[str, str]) -> str:
    """How many of the chart's lines cross the middle of the scale, and whose (no full stop)."""
    crossed = sides_of_middle(wide, wide.columns)
    n, total = int(crossed.sum()), len(crossed)
    if n == 0:
        return f"none of the {count_words(total)} lines crosses the middle of the scale over the whole period"
    whose = join_words(possessive(names.get(c, c)) for c in sorted(crossed.index[crossed], key=lambda c: names.get(c, c)))
    return (f"{'only ' if 2 * n < total else ''}{count_words(n)} of the {count_words(total)} lines, {whose}, "
            f"{agreeing(n, 'crosses', 'cross')} the middle of the scale over the whole period")
