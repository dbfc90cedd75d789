"""The coalitions chapter's tables, charts, sentences and glue numbers.

Everything here presents the scores of :mod:`asian_nato.analysis.coalitions`
(:func:`key_numbers` gathers what the chapters quote).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from asian_nato.analysis import groups, positions
from asian_nato.analysis.coalition_inputs import NO_STATEMENT_STANCE, CandidateInputs, pairs_resting_only_on
from asian_nato.analysis.coalitions import (
    COHESION_HEAVY,
    COMPONENT_COLUMNS,
    DEFAULT_WEIGHTS,
    MIN_SIZE,
    SENSITIVITY_STEP,
    TOP_PERCENTILE,
    TOP_PERCENTILES,
    Analysis,
    effective_weights,
    frontier,
    group_profile,
    most_feasible,
    order_stability,
    sensitivity_summary,
    worst_weightings,
)
from asian_nato.report import style
from asian_nato.report.alt_texts import rounded
from asian_nato.report.display import agreeing, count_words, counted, join_names, join_words, plain, sentence_start

SOURCE = (
    "SIPRI Military Expenditure Database 2025; UNGA ideal points (Bailey, Strezhnev and Voeten, June 2024);\n"
    "positions.csv, organizations.csv and memberships.csv (hand-coded for this book)"
)


def effective_weights_table(scores: pd.DataFrame, weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """Per component: the nominal weight, and its effective weight on raw and on standardised scales."""
    raw, standardised = effective_weights(scores, weights, "raw"), effective_weights(scores, weights, "standardised")
    return pd.DataFrame({
        "Component": [_COMPONENT_LABELS[k] for k in COMPONENT_COLUMNS],
        "Nominal weight": [weights[k] for k in COMPONENT_COLUMNS],
        "Effective, raw scales": raw.reindex(list(COMPONENT_COLUMNS)).to_numpy(),
        "Effective, standardised": standardised.reindex(list(COMPONENT_COLUMNS)).to_numpy(),
    })


def effective_weights_sentence(scores: pd.DataFrame, weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> str:
    """Whether the raw scales would have let another component outweigh the largest nominal weight."""
    raw = effective_weights(scores, weights, "raw")
    nominal_top = max(weights, key=weights.get)
    raw_top = raw.idxmax()
    if raw_top == nominal_top:
        return f"on raw scales {_COMPONENT_LABELS[nominal_top].lower()} would still carry the most weight ({raw[raw_top]:.0%})."
    return (
        f"on raw scales {_COMPONENT_LABELS[raw_top].lower()} would carry {raw[raw_top]:.0%} of the weight in effect, "
        f"more than {_COMPONENT_LABELS[nominal_top].lower()} ({raw[nominal_top]:.0%}), whatever the nominal weights say."
    )


_COMPONENT_LABELS: dict[str, str] = {"willingness": "Willingness", "cohesion": "Cohesion", "overlap": "Treaty overlap"}


def no_statement_sentence(silent: Sequence[str], names: Mapping[str, str]) -> str:
    """How the candidates with no statement on record are counted, as a sentence ('Every candidate has one' when none is silent)."""
    n = len(silent)
    if n == 0:
        return "Every candidate has a statement on record."
    noun, verb, pronoun = ("candidate", "has", "it is") if n == 1 else ("candidates", "have", "they are")
    return (f"{count_words(n).capitalize()} {noun} {verb} no statement on record ({join_names(silent, names)}); "
            f"{pronoun} treated as {NO_STATEMENT_STANCE}.")


def key_numbers(analysis: Analysis, names: Mapping[str, str]) -> dict[str, object]:
    """Every number and name the chapters quote, keyed ``coal_…`` (plain Python values, ready to glue).

    Per scenario, keys start ``coal_<scenario_key>_`` (see :func:`scenario_key`)
    and end in ``capability_vs_china``, ``capability_vs_adversaries``,
    ``willingness``, ``cohesion``, ``overlap``, ``feasibility``,
    ``feasibility_percentile``, ``rank``, ``best_rank``, ``worst_rank``,
    ``worst_percentile``, ``rank_without_excluded``, ``size`` and ``members``.
    """
    out = {
        **_input_numbers(analysis, names),
        **_score_numbers(analysis.scores),
        **_robustness_numbers(analysis),
        **_scenario_numbers(analysis, names),
    }
    return {k: plain(v) for k, v in out.items()}


def _input_numbers(analysis: Analysis, names: Mapping[str, str]) -> dict[str, object]:
    """What the candidates bring: spending years, stances, the vote year and the treaty links."""
    inputs = analysis.inputs
    listing = lambda codes: join_names(codes, names)  # noqa: E731
    milex_year = int(inputs.milex["year"].max())
    stale = inputs.milex[inputs.milex["year"] < milex_year]
    adversary_value = inputs.adversary_milex["value"]
    silent = inputs.stance_score.index[inputs.stance_score.isna()]
    stance_of = {v: k for k, v in positions.STANCE_SCORES.items()}
    n = len(inputs.codes)
    return {
        "coal_n_candidates": n,
        "coal_min_size": MIN_SIZE,
        "coal_milex_year": milex_year,
        "coal_n_stale_milex": len(stale),
        "coal_stale_milex": listing([]) if stale.empty else ", ".join(
            f"{names.get(c, c)} ({int(y)})" for c, y in stale["year"].items()
        ),
        "coal_adversaries_with_data": listing(adversary_value.index[adversary_value.notna()]),
        "coal_adversaries_no_data": listing(adversary_value.index[adversary_value.isna()]),
        "coal_n_no_statement": len(silent),
        "coal_no_statement_names": listing(silent),
        "coal_no_statement_sentence": no_statement_sentence(silent, names),
        "coal_no_statement_stance": NO_STATEMENT_STANCE,
        "coal_n_positive_stance": int((inputs.stance_score > 0).sum()),
        "coal_score_low": min(positions.STANCE_SCORES.values()),
        "coal_score_high": max(positions.STANCE_SCORES.values()),
        "coal_ind_stance": stance_of.get(inputs.stance_score.get("IND"), positions.NO_STATEMENT),
        "coal_cohesion_year": inputs.year,
        "coal_n_pairs": n * (n - 1) // 2,
        "coal_n_links": len(inputs.links),
        "coal_excluded_names": " and ".join(analysis.excluded_names),
        "coal_n_links_excluded_only": sum(pairs_resting_only_on(inputs.links, x) for x in analysis.excluded_names),
    }


def _score_numbers(scores: pd.DataFrame) -> dict[str, object]:
    """The scores of all coalitions: capability with and without the US, the frontier, the best and the top decile."""
    with_us = scores[scores[groups.US]]
    without_us = scores[~scores[groups.US]]
    front = frontier(scores)
    best = scores.loc[scores["feasibility"].idxmax()]
    best_with_us = with_us.loc[with_us["feasibility"].idxmax()]
    by_size = scores.groupby("size")["feasibility"].max()
    top = most_feasible(scores)
    top_profile, all_profile = group_profile(top), group_profile(scores)
    return {
        "coal_n_coalitions": len(scores),
        "coal_max_willingness01": scores["willingness_01"].max(),
        "coal_w_willingness": DEFAULT_WEIGHTS["willingness"],
        "coal_w_cohesion": DEFAULT_WEIGHTS["cohesion"],
        "coal_w_overlap": DEFAULT_WEIGHTS["overlap"],
        "coal_n_with_us": len(with_us),
        "coal_min_cap_with_us": with_us["capability_vs_china"].min(),
        "coal_max_cap_without_us": without_us["capability_vs_china"].max(),
        "coal_max_cap": scores["capability_vs_china"].max(),
        "coal_max_cap_adv": scores["capability_vs_adversaries"].max(),
        "coal_n_frontier": len(front),
        "coal_n_frontier_with_us": int(front[groups.US].sum()),
        "coal_best_label": best["coalition"],
        "coal_best_feasibility": best["feasibility"],
        "coal_best_capability": best["capability_vs_china"],
        "coal_best_us_label": best_with_us["coalition"],
        "coal_best_us_feasibility": best_with_us["feasibility"],
        "coal_best_us_capability": best_with_us["capability_vs_china"],
        "coal_best_us_rank": int(best_with_us["feasibility_rank"]),
        # Standardised scores average to zero up to rounding error, which would print as "-0.00".
        "coal_mean_feasibility": round(float(scores["feasibility"].mean()), 6) + 0.0,
        "coal_best_pair_feasibility": by_size.loc[by_size.index.min()],
        "coal_full_set_size": int(by_size.index.max()),
        "coal_full_set_feasibility": by_size.loc[by_size.index.max()],
        "coal_top_share": 100 - TOP_PERCENTILE,
        "coal_top_decile_n": len(top),
        "coal_top_decile_median_size": top_profile["median_size"],
        "coal_all_median_size": all_profile["median_size"],
        "coal_top_decile_full_overlap_pct": 100 * top_profile["full_overlap_share"],
        "coal_all_full_overlap_pct": 100 * all_profile["full_overlap_share"],
    }


def _robustness_numbers(analysis: Analysis) -> dict[str, object]:
    """The named scenarios' order, the weight sensitivity and the robustness check."""
    worst = worst_weightings(analysis.sensitivity)
    n_near, n_same = order_stability(analysis.sensitivity)
    robust_best = analysis.robust_scores.loc[analysis.robust_scores["feasibility"].idxmax()]
    ranked = analysis.scenario_table.dropna(subset=["feasibility"]).sort_values("feasibility_rank")
    return {
        "coal_n_scenarios": len(analysis.scenarios),
        "coal_n_scenarios_on_frontier": int(analysis.scenario_table["on_frontier"].eq(True).sum()),
        "coal_top_scenario": ranked["scenario"].iloc[0] if len(ranked) else "none",
        "coal_bottom_scenario": ranked["scenario"].iloc[-1] if len(ranked) else "none",
        "coal_n_weightings": int(analysis.sensitivity["weighting"].nunique()),
        "coal_step": SENSITIVITY_STEP,
        "coal_cohesion_heavy": COHESION_HEAVY,
        "coal_n_worst_cohesion_heavy": int((worst["cohesion"] >= COHESION_HEAVY).sum()),
        "coal_n_near_default": n_near,
        "coal_n_near_default_same_order": n_same,
        "coal_best_label_without_excluded": robust_best["coalition"],
    }


def _scenario_numbers(analysis: Analysis, names: Mapping[str, str]) -> dict[str, object]:
    """Per named scenario: size and members, and, if scored, its scores, ranks and the coalitions ahead of it."""
    scores = analysis.scores
    by_scenario = analysis.scenario_table.set_index("scenario")
    ranges = analysis.summary.set_index("scenario")
    robust = analysis.robust_scenarios.set_index("scenario")
    out: dict[str, object] = {}
    for scenario, members in analysis.scenarios.items():
        key = f"coal_{scenario_key(scenario)}"
        row = by_scenario.loc[scenario]
        out[f"{key}_size"] = len(members)
        out[f"{key}_members"] = join_names(members, names)
        if not row["scored"]:
            continue
        for column in ("capability_vs_china", "capability_vs_adversaries", "willingness", "cohesion", "overlap",
                       "feasibility", "feasibility_percentile"):
            out[f"{key}_{column}"] = float(row[column])
        out[f"{key}_rank"] = int(row["feasibility_rank"])
        out[f"{key}_best_rank"] = int(ranges.loc[scenario, "best_rank"])
        out[f"{key}_worst_rank"] = int(ranges.loc[scenario, "worst_rank"])
        out[f"{key}_worst_percentile"] = float(ranges.loc[scenario, "worst_percentile"])
        out[f"{key}_rank_without_excluded"] = int(robust.loc[scenario, "feasibility_rank"])
        ahead = scores[scores["feasibility_rank"] < row["feasibility_rank"]]
        out[f"{key}_n_ahead"] = len(ahead)
        out[f"{key}_n_smaller_ahead"] = int((ahead["size"] < len(members)).sum())
    return out


def inputs_table(inputs: CandidateInputs, names: Mapping[str, str]) -> pd.DataFrame:
    """Per candidate: latest SIPRI year and spending, latest stance and the score used."""
    stance = inputs.stance_score
    used = stance.fillna(positions.STANCE_SCORES[NO_STATEMENT_STANCE])
    by_score = {v: k for k, v in positions.STANCE_SCORES.items()}
    return pd.DataFrame({
        "Candidate": [names.get(c, c) for c in inputs.codes],
        "Code": list(inputs.codes),
        "SIPRI year": inputs.milex["year"].map(lambda y: "none" if y != y else str(int(y))).to_numpy(),
        "Spending (US$ bn)": (inputs.milex["value"] / 1000).to_numpy(),
        "Latest stance": stance.map(by_score).fillna(f"none (treated as {NO_STATEMENT_STANCE})").to_numpy(),
        "Score used": used.astype(int).to_numpy(),
    })


def links_table(inputs: CandidateInputs, names: Mapping[str, str]) -> pd.DataFrame:
    """The linked candidate pairs, the treaties that link them, and the graded tie weight."""
    links = inputs.links
    return pd.DataFrame({
        "Pair": (links["iso3_a"].map(names) + " – " + links["iso3_b"].map(names)).to_numpy(),
        "Treaties": links["treaties"].to_numpy(),
        "Weight": links["weight"].to_numpy(),
    })


_DISPLAY_COLUMNS = {
    "coalition": "Coalition",
    "size": "Size",
    "capability_vs_china": "Spending ÷ China",
    "capability_vs_adversaries": "Spending ÷ (China + Russia)",
    "willingness": "Willingness (−2 to 2)",
    "cohesion": "Cohesion",
    "overlap": "Treaty overlap",
    "feasibility": "Feasibility",
    "feasibility_rank": "Rank",
}


def _displayed(frame: pd.DataFrame) -> pd.DataFrame:
    shown = frame[list(_DISPLAY_COLUMNS)].rename(columns=_DISPLAY_COLUMNS)
    # whole numbers shown without decimals; missing stays missing
    for column in ("Size", "Rank"):
        shown[column] = shown[column].astype("Int64").astype(object).where(shown[column].notna(), None)
    return shown


def scenario_display(scenario_table: pd.DataFrame) -> pd.DataFrame:
    """The named scenarios with all scores, for the book (rank 1 = the most feasible coalition)."""
    shown = _displayed(scenario_table)
    shown.insert(0, "Scenario", scenario_table["scenario"].to_numpy())
    shown["Pareto frontier"] = scenario_table["on_frontier"].map({True: "yes", False: "no"}).fillna("not scored").to_numpy()
    return shown.reset_index(drop=True)


def frontier_display(scores: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """The Pareto-frontier coalitions, most capable first (at most ``limit``: the most feasible are kept)."""
    front = frontier(scores)
    if limit is not None and len(front) > limit:
        front = front.nlargest(limit, "feasibility").sort_values("capability_vs_china", ascending=False)
    return _displayed(front).reset_index(drop=True)


def scenario_key(name: str) -> str:
    """A glue-key-safe slug for a scenario name ("US–Japan–ROK" → "us_japan_rok")."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def sensitivity_display(summary: pd.DataFrame, default_ranks: pd.Series) -> pd.DataFrame:
    """The sensitivity summary with readable headers; ``default_ranks`` is indexed by scenario."""
    return pd.DataFrame({
        "Scenario": summary["scenario"].to_numpy(),
        "Rank, default weights": default_ranks.reindex(summary["scenario"]).astype(int).to_numpy(),
        "Best rank": summary["best_rank"].astype(int).to_numpy(),
        "Median rank": summary["median_rank"].to_numpy(),
        "Worst rank": summary["worst_rank"].astype(int).to_numpy(),
        "Median percentile": summary["median_percentile"].to_numpy(),
    })


def scenario_styles(names: list[str]) -> dict[str, tuple[str, str]]:
    """A distinct (marker, colour) for each scenario, in the order given."""
    markers = ("D", "s", "^", "P", "*", "X", "v", "o")
    colours = style.SEQUENCE
    return {name: (markers[i % len(markers)], colours[i % len(colours)]) for i, name in enumerate(names)}


def scatter_data(scores: pd.DataFrame, scenario_table: pd.DataFrame) -> pd.DataFrame:
    """The data behind the feasibility–capability chart: every coalition, frontier and scenario flags."""
    named = scenario_table.dropna(subset=["feasibility"]).groupby("coalition")["scenario"].agg("; ".join)
    out = scores[["coalition", "size", "capability_vs_china", "feasibility", "willingness_01", "cohesion", "overlap", "on_frontier"]]
    return out.assign(scenario=out["coalition"].map(named).fillna(""))


def plot_feasibility_capability(scores: pd.DataFrame, scenario_table: pd.DataFrame) -> Figure:
    """Feasibility against capability for every coalition, split by whether it includes the United States.

    Grey points are all coalitions, the black line is the Pareto frontier and
    the named scenarios carry their own markers and direct labels.
    """
    fig, axes = style.new_figure(7.5, 5.2, ncols=2, sharey=True, width_ratios=[1, 1.6])
    with_us = scores[groups.US].to_numpy(dtype=bool)
    front = scores["on_frontier"].to_numpy(dtype=bool)
    panels = ((axes[0], ~with_us, "Without the United States"), (axes[1], with_us, "With the United States"))
    for ax, rows, title in panels:
        part = scores[rows]
        ax.scatter(part["capability_vs_china"], part["feasibility"], s=4, color="#b3b3b3", linewidth=0,
                   alpha=0.7, label="Every coalition", zorder=1, rasterized=True)
        edge = scores[rows & front].sort_values("capability_vs_china")
        ax.plot(edge["capability_vs_china"], edge["feasibility"], color=style.INK, linewidth=1.2,
                marker="o", markersize=3.5, label="Pareto frontier", zorder=2)
        ax.set_title(title, loc="left", fontsize=9.5)
    axes[0].axvline(1.0, color=style.INK, linestyle=":", linewidth=0.8, zorder=1)
    axes[0].annotate("parity with China", xy=(1.0, 0.01), xycoords=("data", "axes fraction"), xytext=(-3, 0),
                     textcoords="offset points", fontsize=7.5, rotation=90, ha="right", va="bottom")
    axes[0].set_xscale("log")
    axes[0].set_xlabel("Spending ÷ China's (log scale)")
    axes[0].set_ylabel("Feasibility (standardised)")
    axes[0].legend(loc="lower left", fontsize=7.5, markerscale=1.5)

    ax = axes[1]
    shown = scenario_table.dropna(subset=["feasibility"]).reset_index(drop=True)
    styles = scenario_styles(scenario_table["scenario"].tolist())
    x_data = scores.loc[with_us, "capability_vs_china"]
    low, high = float(x_data.min()), float(x_data.max())
    label_x = high + 0.06 * (high - low)
    y_range = float(scores["feasibility"].max() - scores["feasibility"].min())
    label_y = style.spread_labels(shown["feasibility"].to_numpy(dtype=float), 0.045 * y_range)
    for (name, x, y), ly in zip(zip(shown["scenario"], shown["capability_vs_china"], shown["feasibility"]), label_y):
        marker, colour = styles[name]
        ax.scatter([x], [y], marker=marker, s=95 if marker == "*" else 60, color=colour,
                   edgecolor=style.INK, linewidth=0.7, zorder=4)
        ax.annotate(name, xy=(x, y), xytext=(label_x, ly), textcoords="data", fontsize=7.5, va="center",
                    color=style.INK, arrowprops={"arrowstyle": "-", "color": "#7f7f7f", "linewidth": 0.6,
                                                 "shrinkA": 0, "shrinkB": 4})
    ax.set_xlim(low - 0.04 * (high - low), high + 0.75 * (high - low))
    ticks = MaxNLocator(nbins=5).tick_values(low, high)
    ax.set_xticks(ticks[(ticks >= low - 1e-9) & (ticks <= high + 1e-9)])  # no ticks under the labels
    ax.set_xlabel("Spending ÷ China's")
    return style.add_source(fig, SOURCE)


NAMED_MEMBERS_AT_MOST: int = 3  # the scatter's alt text names a frontier coalition's members up to this size, else counts them


def _coalition_phrase(row: pd.Series, names: Mapping[str, str], largest: int) -> str:
    """A coalition in prose: its members named if few, else its size ('the largest coalition, of 13 members')."""
    size = int(row["size"])
    if size <= NAMED_MEMBERS_AT_MOST:
        return join_names(row["coalition"].split("–"), names)
    return f"the largest coalition, of {size} members" if size == largest else f"a coalition of {size} members"


def _panel_phrase(n_with_us: int, total: int) -> str:
    """Which panel ``total`` points lie in: 'all in the right panel', 'two in the right panel and one in the left'."""
    if n_with_us == total:
        return "all in the right panel"
    if n_with_us == 0:
        return "all in the left panel"
    return f"{count_words(n_with_us)} in the right panel and {count_words(total - n_with_us)} in the left"


def feasibility_capability_alt(scores: pd.DataFrame, scenario_table: pd.DataFrame, names: Mapping[str, str]) -> str:
    """Alt text for :func:`plot_feasibility_capability`: each panel's spending range, the frontier's ends and the scenarios' spread."""
    with_us = scores[groups.US].astype(bool)
    inside, outside = scores.loc[with_us, "capability_vs_china"], scores.loc[~with_us, "capability_vs_china"]
    front = frontier(scores)
    feasible, capable = front.loc[front["feasibility"].idxmax()], front.loc[front["capability_vs_china"].idxmax()]
    largest = int(scores["size"].max())
    shown = scenario_table.dropna(subset=["feasibility"]).sort_values("feasibility", ascending=False, kind="stable")
    best, worst = shown.iloc[0], shown.iloc[-1]
    n_above = int((outside > 1).sum())
    return (
        f"Scatter chart in two side-by-side panels of feasibility (up) against spending as a multiple of China's (across), "
        f"one grey point for each of the {len(scores):,} coalitions: left, the {len(outside):,} without the United States, on a "
        f"log scale with a dotted line at parity with China; right, the {len(inside):,} with it. Without the United States "
        f"spending runs from {rounded(outside.min())} to {rounded(outside.max())} times China's, and "
        f"{count_words(n_above, zero='none')} of them {agreeing(n_above, 'spends', 'spend')} more than China; with it, from "
        f"{rounded(inside.min())} to {rounded(inside.max())} times. The black frontier line joins "
        f"{counted(len(front), 'coalition')}, {_panel_phrase(int(front[groups.US].sum()), len(front))}, from the most "
        f"feasible, {_coalition_phrase(feasible, names, largest)} (feasibility {rounded(feasible['feasibility'])}), to the "
        f"most capable, {_coalition_phrase(capable, names, largest)} (feasibility {rounded(capable['feasibility'])}, percentile "
        f"{capable['feasibility_percentile']:.0f}). The {counted(len(shown), 'named scenario')} each have their own marker "
        f"({_panel_phrase(int(shown[groups.US].astype(bool).sum()), len(shown))}); the most feasible is {best['scenario']} "
        f"({counted(best['size'], 'member')}, percentile {best['feasibility_percentile']:.0f}), the least {worst['scenario']} "
        f"({counted(worst['size'], 'member')}, percentile {worst['feasibility_percentile']:.0f})."
    )


def plot_sensitivity(sensitivity: pd.DataFrame, scenario_table: pd.DataFrame) -> Figure:
    """Each scenario's percentile across the weight grid: range (line), median (hollow), default (filled)."""
    summary = sensitivity_summary(sensitivity, scenario_table["scenario"].tolist())
    default = scenario_table.set_index("scenario")["feasibility_percentile"]
    styles = scenario_styles(scenario_table["scenario"].tolist())
    fig, ax = style.new_figure(7.5, 0.55 * len(summary) + 1.6)
    y = np.arange(len(summary))[::-1]
    ax.hlines(y, summary["worst_percentile"], summary["best_percentile"], color=style.INK, linewidth=1.5, zorder=2,
              label="Range over all weightings")
    ax.scatter(summary["worst_percentile"], y, marker="|", s=60, color=style.INK, zorder=2)
    ax.scatter(summary["best_percentile"], y, marker="|", s=60, color=style.INK, zorder=2)
    ax.scatter(summary["median_percentile"], y, marker="|", s=260, linewidth=2.5, color=style.INK, zorder=3,
               label="Median")
    for yi, name in zip(y, summary["scenario"]):
        marker, colour = styles[name]
        ax.scatter([default[name]], [yi], marker=marker, s=70, color=colour, edgecolor=style.INK,
                   linewidth=0.7, zorder=4)
    ax.scatter([], [], marker="o", s=50, color="#bdbdbd", edgecolor=style.INK, label="Default weights (scenario's marker)")
    ax.set_yticks(y, summary["scenario"].tolist())
    ax.set_xlim(0, 102)
    ax.set_ylim(-0.7, len(summary) - 0.3)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Feasibility percentile among all coalitions (100 = most feasible)")
    fig.legend(loc="outside upper center", ncols=3, fontsize=8)
    return style.add_source(fig, SOURCE)


def sensitivity_alt(sensitivity: pd.DataFrame, scenario_table: pd.DataFrame) -> str:
    """Alt text for :func:`plot_sensitivity`: the scenarios at the default weights, the widest and narrowest ranges."""
    summary = sensitivity_summary(sensitivity, scenario_table["scenario"].tolist()).set_index("scenario")
    default = scenario_table.set_index("scenario")["feasibility_percentile"].reindex(summary.index)
    width = summary["best_percentile"] - summary["worst_percentile"]
    high, low = default.idxmax(), default.idxmin()
    wide, narrow = width.idxmax(), width.idxmin()
    n_first = int((summary["best_rank"] == 1).sum())
    span = lambda name: f"from {summary.at[name, 'worst_percentile']:.0f} to {summary.at[name, 'best_percentile']:.0f}"  # noqa: E731
    first = (f"{sentence_start(count_words(n_first, zero='none'))} of the {count_words(len(summary))} "
             f"{agreeing(n_first, 'is', 'are')} the most feasible coalition of all under some weighting")
    return (
        f"Horizontal range chart, one row for each of {counted(len(summary), 'named scenario')}, on a percentile scale from 0 to "
        f"100 (100 = most feasible): a line spans the scenario's range over the {sensitivity['weighting'].nunique():,} "
        f"weightings, a tick marks the median and the scenario's marker the value at the default weights. At the default "
        f"weights {high} is highest ({default[high]:.0f}) and {low} lowest ({default[low]:.0f}). The range is widest for "
        f"{wide}, {span(wide)}, and narrowest for {narrow}, {span(narrow)}. {first}."
    )


def frontier_sentence(numbers: Mapping[str, object]) -> str:
    """How many named scenarios lie on the Pareto frontier, from :func:`key_numbers`."""
    n, total = int(numbers["coal_n_scenarios_on_frontier"]), int(numbers["coal_n_scenarios"])
    off = "for any scenario off it, some other coalition is at least as capable and more feasible."
    if n == total:
        return f"All {count_words(total)} named scenarios lie on the frontier."
    if n == 0:
        return f"None of the {count_words(total)} named scenarios lies on the frontier; {off}"
    verb = "lies" if n == 1 else "lie"
    return f"{count_words(n).capitalize()} of the {count_words(total)} named scenarios {verb} on the frontier; {off}"


def worst_weightings_sentence(numbers: Mapping[str, object]) -> str:
    """Whether the scenarios' worst ranks come from weightings dominated by cohesion, from :func:`key_numbers`."""
    n, total = int(numbers["coal_n_worst_cohesion_heavy"]), int(numbers["coal_n_scenarios"])
    rule = f"under a weighting that gives cohesion a share of {numbers['coal_cohesion_heavy']:.1f} or more"
    if n == total:
        return f"The worst ranks come from weightings dominated by cohesion: all {count_words(total)} scenarios rank worst {rule}."
    if 2 * n > total:
        return f"Most worst ranks come from weightings dominated by cohesion: {count_words(n)} of the {count_words(total)} scenarios rank worst {rule}."
    verb = "ranks" if n == 1 else "rank"
    return (f"Weightings dominated by cohesion do not explain most worst ranks: {count_words(n, zero='none')} of the "
            f"{count_words(total)} scenarios {verb} worst {rule}.")


def best_are_small_and_allied(top: dict[str, float], everyone: dict[str, float]) -> bool:
    """Whether the most feasible coalitions are smaller than all coalitions' median and more often already allied."""
    return top["median_size"] < everyone["median_size"] and top["full_overlap_share"] > everyone["full_overlap_share"]


def top_cutoffs_table(scores: pd.DataFrame, percentiles: Sequence[float] = TOP_PERCENTILES) -> pd.DataFrame:
    """The most feasible coalitions at each cut-off against all coalitions: how many, median size, share already allied."""
    rows = [{"Coalitions compared": f"most feasible {100 - p:g}%" + (" (the book's)" if p == TOP_PERCENTILE else ""),
             **group_profile(most_feasible(scores, p))} for p in percentiles]
    rows.append({"Coalitions compared": "all", **group_profile(scores)})
    table = pd.DataFrame(rows)
    return pd.DataFrame({
        "Coalitions compared": table["Coalitions compared"],
        "Coalitions": table["n"].map("{:,.0f}".format),
        "Median size": table["median_size"].map("{:g}".format),
        "Every pair bound by a treaty": (100 * table["full_overlap_share"]).map("{:.1f}%".format),
    })


def top_shares_words(percentiles: Sequence[float] = TOP_PERCENTILES) -> str:
    """The cut-offs as shares of the most feasible coalitions, for prose: '20, 10 and 5'."""
    return join_words(f"{100 - p:g}" for p in percentiles)


def best_are_sentence(scores: pd.DataFrame, percentiles: Sequence[float] = TOP_PERCENTILES) -> str:
    """The chapter's claim about the best coalitions (at the book's cut-off), and whether it holds at every cut-off tried."""
    everyone = group_profile(scores)
    if not best_are_small_and_allied(group_profile(most_feasible(scores)), everyone):
        return "The coalitions that score best are not simply small groups of existing allies."
    claim = "The coalitions that score best are smaller than most and more often already allied, which is roughly what exists today."
    fails = [p for p in percentiles if not best_are_small_and_allied(group_profile(most_feasible(scores, p)), everyone)]
    if not fails:
        return f"{claim} This holds whether the best are taken as the most feasible {top_shares_words(percentiles)} per cent."
    return (f"{claim} It does not hold for the most feasible {top_shares_words(fails)} per cent, "
            "so it depends on where the line is drawn.")

