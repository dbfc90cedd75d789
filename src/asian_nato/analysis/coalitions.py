"""Score every coalition that could be formed from the candidate governments.

A coalition is any subset of :data:`asian_nato.analysis.groups.CANDIDATES` with at
least :data:`MIN_SIZE` members (2ⁿ − 1 − n of them for n candidates). Each
is scored on four measures, all computed with matrix algebra on a
coalitions × candidates matrix (:func:`subset_matrix`):

* **capability**: the members' combined military spending (SIPRI, constant
  US$, each country's latest year on record) divided by China's, and
  divided by the sum for China, Russia and North Korea *with the data that
  exists* (SIPRI has no figures for North Korea, so that sum is China plus
  Russia);
* **willingness**: the mean stance score (support = 2 … oppose = −2, see
  :mod:`asian_nato.analysis.positions`) of the members' latest public statements; a
  member with no recorded statement is treated as :data:`NO_STATEMENT_STANCE`.
  ``willingness_01`` rescales it to 0–1 ((score + 2) / 4);
* **cohesion**: UN voting cohesion of the members, 0–1 (1 = identical ideal
  points), from :func:`asian_nato.analysis.alignment.cohesion`;
* **overlap**: how far member pairs are already bound to each other by a
  defence treaty in force (kind ``collective_defense`` or
  ``bilateral_defense`` with a ``defence_obligation``, both parties full
  members on the reference date): the mean over member pairs of the graded
  tie weight (:mod:`asian_nato.analysis.commitments`; 0 for an unbound pair), or,
  with ``treaty_measure="binary"``, the share of pairs bound at all.

**Feasibility** is the weighted sum of the three components, each first
**standardised** over all coalitions (mean 0, standard deviation 1), with
:data:`DEFAULT_WEIGHTS`, so that a weight means what it says: on raw scales
the component that varies most across coalitions would dominate whatever
its weight. :func:`effective_weights` reports each component's actual share
of the spread; :func:`weight_sensitivity` re-ranks every coalition over a
grid of weights on the simplex.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from asian_nato.analysis import alignment, groups, positions
from asian_nato.analysis.coalition_inputs import (
    DEFAULT_OPTIONS,
    IDEALPOINT,
    NO_STATEMENT_STANCE,
    CandidateInputs,
    ModelOptions,
    adjacency,
    build_inputs,
    defence_links,
)

MIN_SIZE: int = 2
DEFAULT_WEIGHTS: dict[str, float] = {"willingness": 0.4, "cohesion": 0.3, "overlap": 0.3}
COMPONENT_COLUMNS: dict[str, str] = {"willingness": "willingness_01", "cohesion": "cohesion", "overlap": "overlap"}
SENSITIVITY_STEP: float = 0.1

CohesionFunction = Callable[[list[str], pd.DataFrame, int], float]


# ---------------------------------------------------------------- enumeration

def coalition_count(n: int, min_size: int = MIN_SIZE) -> int:
    """How many subsets of ``n`` candidates have at least ``min_size`` members."""
    return sum(math.comb(n, k) for k in range(min_size, n + 1))


def subset_matrix(n: int, min_size: int = MIN_SIZE) -> np.ndarray:
    """Boolean matrix, one row per subset of ``n`` candidates with ≥ ``min_size`` members.

    Row r is the binary expansion of a subset number; rows are ordered by size,
    then by subset number, so the order is deterministic.
    """
    if n > 20:
        raise ValueError("more than 20 candidates would mean over a million coalitions")
    numbers = np.arange(1, 2**n, dtype=np.int64)
    bits = ((numbers[:, None] >> np.arange(n)) & 1).astype(bool)
    sizes = bits.sum(axis=1)
    keep = sizes >= min_size
    order = np.lexsort((numbers[keep], sizes[keep]))
    return bits[keep][order]


def coalition_labels(matrix: np.ndarray, codes: tuple[str, ...] | list[str]) -> list[str]:
    """'AUS–JPN–USA'-style labels: the members' codes in alphabetical order."""
    codes_arr = np.asarray(codes)
    return ["–".join(sorted(codes_arr[row])) for row in matrix]


def label_of(members: tuple[str, ...] | list[str]) -> str:
    return "–".join(sorted(members))


# ---------------------------------------------------------------- scoring


def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Weights for exactly the three components, non-negative, summing to 1."""
    if set(weights) != set(COMPONENT_COLUMNS):
        raise ValueError(f"weights must be given for exactly {sorted(COMPONENT_COLUMNS)}")
    if any(w < 0 for w in weights.values()) or not math.isclose(sum(weights.values()), 1.0, abs_tol=1e-9):
        raise ValueError("weights must be non-negative and sum to 1")
    return {k: float(weights[k]) for k in COMPONENT_COLUMNS}


SCALINGS: tuple[str, ...] = ("standardised", "raw")


def component_matrix(scores: pd.DataFrame, scaling: str = "standardised") -> pd.DataFrame:
    """The three components, standardised over all coalitions (mean 0, sd 1) or raw (0–1 scales)."""
    raw = scores[list(COMPONENT_COLUMNS.values())].astype(float)
    if scaling == "raw":
        return raw
    if scaling != "standardised":
        raise ValueError(f"scaling must be one of {SCALINGS}")
    sd = raw.std(ddof=0).replace(0, 1.0)
    return (raw - raw.mean()) / sd


def feasibility(scores: pd.DataFrame, weights: Mapping[str, float] = DEFAULT_WEIGHTS, scaling: str = "standardised") -> pd.Series:
    """Weighted sum of the standardised (or raw) components: willingness, cohesion and overlap."""
    checked = check_weights(weights)
    components = component_matrix(scores, scaling)
    return sum(components[COMPONENT_COLUMNS[k]] * w for k, w in checked.items()).rename("feasibility")


def effective_weights(scores: pd.DataFrame, weights: Mapping[str, float] = DEFAULT_WEIGHTS, scaling: str = "raw") -> pd.Series:
    """Each component's share of the spread of feasibility: w·sd / Σ w·sd (equal to the weights when standardised)."""
    checked = check_weights(weights)
    sd = component_matrix(scores, scaling).std(ddof=0)
    contribution = pd.Series({k: w * sd[COMPONENT_COLUMNS[k]] for k, w in checked.items()})
    return contribution / contribution.sum()


def rescale_willingness(score: np.ndarray | pd.Series) -> np.ndarray | pd.Series:
    """Mean stance score (−2 … 2) to 0–1."""
    low, high = min(positions.STANCE_SCORES.values()), max(positions.STANCE_SCORES.values())
    return (score - low) / (high - low)


def score_coalitions(
    inputs: CandidateInputs,
    indicators: pd.DataFrame,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
    min_size: int = MIN_SIZE,
    cohesion: CohesionFunction | None = None,
) -> pd.DataFrame:
    """Every coalition of the candidates with its capability, willingness, cohesion, overlap and feasibility.

    One row per coalition: ``coalition`` (label), ``size``, one boolean column
    per candidate code, ``milex`` (combined, US$ m), ``capability_vs_china``,
    ``capability_vs_adversaries``, ``willingness`` (mean stance score),
    ``willingness_01``, ``n_no_statement``, ``n_no_milex``, ``cohesion``,
    ``linked_pairs``, ``pairs``, ``overlap``, ``feasibility``,
    ``feasibility_rank`` (1 = most feasible), ``feasibility_percentile`` and
    ``on_frontier`` (Pareto frontier of capability vs China and feasibility).
    ``cohesion`` is :func:`asian_nato.analysis.alignment.group_cohesion` unless a per-group
    function is given (tests pass one to see which groups are scored).
    """
    # Cohesion is defined on UN ideal points alone (see asian_nato.analysis.alignment), so
    # passing only those rows gives identical values thousands of times faster.
    ideal_points = indicators[indicators["indicator"] == IDEALPOINT]
    codes = inputs.codes
    matrix = subset_matrix(len(codes), min_size)
    as_int = matrix.astype(int)
    size = as_int.sum(axis=1)

    milex = inputs.milex["value"].reindex(list(codes))
    china = inputs.adversary_milex["value"].get(groups.CHINA, np.nan)
    if not china == china:
        raise ValueError("capability needs China's military spending")
    adversaries = inputs.adversary_milex["value"].sum(min_count=1)
    combined = as_int @ milex.fillna(0.0).to_numpy()

    stances = inputs.stance_score.reindex(list(codes))
    filled = stances.fillna(positions.STANCE_SCORES[NO_STATEMENT_STANCE]).to_numpy()
    willingness = (as_int @ filled) / size

    linked_pairs, weighted_links, pairs = pair_counts(matrix, inputs.linked)

    labels = coalition_labels(matrix, codes)
    if cohesion is None:
        cohesion_values = alignment.group_cohesion(matrix, codes, ideal_points, inputs.year)
    else:
        codes_arr = np.asarray(codes)
        cohesion_values = np.array(
            [cohesion(list(codes_arr[row]), ideal_points, inputs.year) for row in matrix], dtype=float
        )

    frame = pd.DataFrame({"coalition": labels, "size": size})
    frame = pd.concat([frame, pd.DataFrame(matrix, columns=list(codes))], axis=1)
    frame = frame.assign(
        milex=combined,
        capability_vs_china=combined / china,
        capability_vs_adversaries=combined / adversaries,
        willingness=willingness,
        willingness_01=rescale_willingness(willingness),
        n_no_statement=as_int @ stances.isna().to_numpy().astype(int),
        n_no_milex=as_int @ milex.isna().to_numpy().astype(int),
        cohesion=cohesion_values,
        linked_pairs=linked_pairs,
        pairs=pairs,
        overlap=weighted_links / pairs,
    )
    return add_feasibility(frame, weights)


def pair_counts(matrix: np.ndarray, linked: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per coalition (row of ``matrix``): linked member pairs, their summed tie weight, and all member pairs."""
    as_int = matrix.astype(int)
    size = as_int.sum(axis=1)
    weighted = ((as_int @ linked) * as_int).sum(axis=1) / 2
    linked_pairs = ((as_int @ (linked > 0).astype(int)) * as_int).sum(axis=1) // 2
    return linked_pairs, weighted, size * (size - 1) // 2


def with_links(
    scores: pd.DataFrame,
    codes: tuple[str, ...],
    links: pd.DataFrame,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
) -> pd.DataFrame:
    """The scores recomputed with a different set of treaty links (cohesion and the rest unchanged)."""
    matrix = scores[list(codes)].to_numpy(dtype=bool)
    linked_pairs, weighted_links, pairs = pair_counts(matrix, adjacency(links, codes))
    return add_feasibility(scores.assign(linked_pairs=linked_pairs, pairs=pairs, overlap=weighted_links / pairs), weights)


def add_feasibility(scores: pd.DataFrame, weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """(Re)compute feasibility, its rank and percentile, and the Pareto frontier for given weights."""
    value = feasibility(scores, weights)
    rank = value.rank(ascending=False, method="min")
    return scores.assign(
        feasibility=value,
        feasibility_rank=rank,
        feasibility_percentile=percentile_from_rank(rank, value.notna().sum()),
        on_frontier=pareto_frontier(scores.assign(feasibility=value)),
    )


def percentile_from_rank(rank: pd.Series | np.ndarray, n: int) -> pd.Series | np.ndarray:
    """Share (%) of the ``n`` coalitions whose feasibility is no higher than this one's (rank 1 = 100)."""
    return 100.0 * (n - rank + 1) / n


def pareto_frontier(scores: pd.DataFrame, x: str = "capability_vs_china", y: str = "feasibility") -> pd.Series:
    """True for rows that no other row beats on both ``x`` and ``y`` (higher is better on both).

    A row is dominated if another is at least as good on both measures and
    strictly better on one; exact duplicates do not dominate each other.
    Rows with a missing value are never on the frontier.
    """
    result = pd.Series(False, index=scores.index, name="on_frontier")
    valid = scores[[x, y]].notna().all(axis=1)
    xs = scores.loc[valid, x].to_numpy(dtype=float)
    ys = scores.loc[valid, y].to_numpy(dtype=float)
    if len(xs) == 0:
        return result
    order = np.lexsort((-ys, -xs))  # by x descending, then y descending
    xs_sorted, ys_sorted = xs[order], ys[order]
    new_group = np.r_[True, xs_sorted[1:] != xs_sorted[:-1]]
    group = np.cumsum(new_group) - 1
    group_best = ys_sorted[new_group]  # best y among rows with this x
    best_with_higher_x = np.r_[-np.inf, np.maximum.accumulate(group_best)[:-1]]
    dominated = (best_with_higher_x[group] >= ys_sorted) | (group_best[group] > ys_sorted)
    on_frontier = np.empty(len(xs), dtype=bool)
    on_frontier[order] = ~dominated
    result.loc[valid] = on_frontier
    return result


def frontier(scores: pd.DataFrame) -> pd.DataFrame:
    """The frontier coalitions, from the most capable (and least feasible) to the most feasible."""
    return scores[scores["on_frontier"]].sort_values(["capability_vs_china", "feasibility"], ascending=[False, True], ignore_index=True)


# ---------------------------------------------------------------- scenarios and sensitivity

def scenario_scores(scores: pd.DataFrame, scenarios: Mapping[str, tuple[str, ...]]) -> pd.DataFrame:
    """The named scenarios' rows from ``scores`` (one row per scenario, in the given order).

    A scenario with fewer than two candidates, or with a member that is not a
    candidate, cannot be scored: its scores are NaN and ``scored`` is False.
    """
    named = pd.DataFrame({
        "scenario": list(scenarios),
        "coalition": [label_of(members) for members in scenarios.values()],
        "members": [len(members) for members in scenarios.values()],
    })
    merged = named.merge(scores, on="coalition", how="left", validate="many_to_one")
    if len(merged) != len(named):
        raise AssertionError("scenario lookup changed the number of rows")
    return merged.assign(scored=merged["feasibility"].notna()).drop(columns="members")


def weight_grid(step: float = SENSITIVITY_STEP) -> pd.DataFrame:
    """Every weighting of the three components on a simplex grid with the given step."""
    k = round(1 / step)
    if not math.isclose(k * step, 1.0):
        raise ValueError("step must divide 1")
    i, j = np.meshgrid(np.arange(k + 1), np.arange(k + 1), indexing="ij")
    keep = (i + j) <= k
    a, b = i[keep], j[keep]
    return pd.DataFrame({"willingness": a / k, "cohesion": b / k, "overlap": (k - a - b) / k})


def weight_sensitivity(
    scores: pd.DataFrame,
    scenarios: Mapping[str, tuple[str, ...]],
    step: float = SENSITIVITY_STEP,
) -> pd.DataFrame:
    """Each scenario's feasibility rank and percentile under every weighting on the grid.

    Long format: ``weighting`` (row of :func:`weight_grid`), the three weights,
    ``scenario``, ``feasibility``, ``rank`` (1 = most feasible of all
    coalitions) and ``percentile``.
    """
    grid = weight_grid(step)
    components = component_matrix(scores).to_numpy(dtype=float)
    values = pd.DataFrame(components @ grid[list(COMPONENT_COLUMNS)].to_numpy().T, index=scores["coalition"])
    ranks = values.rank(ascending=False, method="min")
    n = int(values.notna().sum(axis=0).iloc[0])
    wanted = {name: label_of(members) for name, members in scenarios.items()}
    present = {name: label for name, label in wanted.items() if label in ranks.index}
    picked_rank = ranks.loc[list(present.values())].set_axis(list(present), axis=0)
    picked_value = values.loc[list(present.values())].set_axis(list(present), axis=0)
    long = (
        picked_rank.stack().rename("rank").to_frame()
        .join(picked_value.stack().rename("feasibility"), validate="one_to_one")
        .rename_axis(["scenario", "weighting"]).reset_index()
    )
    out = long.merge(grid.rename_axis("weighting").reset_index(), on="weighting", how="left", validate="many_to_one")
    if len(out) != len(long):
        raise AssertionError("weights lost rows")
    out["percentile"] = percentile_from_rank(out["rank"], n)
    return out[["weighting", "willingness", "cohesion", "overlap", "scenario", "feasibility", "rank", "percentile"]]


def sensitivity_summary(sensitivity: pd.DataFrame, order: list[str] | None = None) -> pd.DataFrame:
    """Best, median and worst rank (and percentile) of each scenario across the weightings."""
    summary = sensitivity.groupby("scenario", sort=False).agg(
        best_rank=("rank", "min"),
        median_rank=("rank", "median"),
        worst_rank=("rank", "max"),
        worst_percentile=("percentile", "min"),
        median_percentile=("percentile", "median"),
        best_percentile=("percentile", "max"),
    )
    if order is not None:
        summary = summary.reindex([name for name in order if name in summary.index])
    return summary.reset_index()


def worst_weightings(sensitivity: pd.DataFrame) -> pd.DataFrame:
    """For each scenario, the weighting under which it ranks worst (its row of ``sensitivity``)."""
    return sensitivity.loc[sensitivity.groupby("scenario")["rank"].idxmax()]


def order_stability(
    sensitivity: pd.DataFrame,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
    radius: float = SENSITIVITY_STEP,
) -> tuple[int, int]:
    """Weightings within ``radius`` of ``weights`` (on every component), and how many keep the scenarios' order.

    The order is the scenarios sorted by rank under ``weights`` (ties by name).
    """
    checked = check_weights(weights)
    grid = sensitivity.drop_duplicates("weighting").set_index("weighting")[list(COMPONENT_COLUMNS)]
    distance = (grid - pd.Series(checked)).abs().max(axis=1)
    near = distance.index[distance <= radius + 1e-9]
    reference = distance.idxmin()
    if distance.loc[reference] > 1e-9:
        raise ValueError("the weights are not on the grid")

    def order(weighting: int) -> tuple[str, ...]:
        rows = sensitivity[sensitivity["weighting"] == weighting].sort_values(["rank", "scenario"])
        return tuple(rows["scenario"])

    baseline = order(reference)
    same = sum(order(w) == baseline for w in near)
    return len(near), same


# ---------------------------------------------------------------- the whole analysis and its key numbers

ROBUSTNESS_EXCLUDE: tuple[str, ...] = ("manila_pact",)
TOP_PERCENTILE: float = 90.0
TOP_PERCENTILES: tuple[float, ...] = (80.0, 90.0, 95.0)  # the book's cut-off and one on either side, to show what moves
COHESION_HEAVY: float = 0.5


def group_profile(scores: pd.DataFrame) -> dict[str, float]:
    """How many coalitions, their median size, and the share (0-1) with every pair already bound by a treaty."""
    return {"n": len(scores), "median_size": float(scores["size"].median()),
            "full_overlap_share": float((scores["linked_pairs"] == scores["pairs"]).mean())}


def most_feasible(scores: pd.DataFrame, percentile: float = TOP_PERCENTILE) -> pd.DataFrame:
    """The coalitions whose feasibility percentile is above ``percentile``."""
    return scores[scores["feasibility_percentile"] > percentile]


@dataclass(frozen=True)
class Analysis:
    """Everything the coalitions chapter (and the summary chapters) show."""

    inputs: CandidateInputs
    scores: pd.DataFrame
    scenarios: dict[str, tuple[str, ...]]
    scenario_table: pd.DataFrame
    sensitivity: pd.DataFrame
    summary: pd.DataFrame
    excluded: tuple[str, ...]  # org_ids dropped in the robustness check
    excluded_names: tuple[str, ...]
    robust_scores: pd.DataFrame  # scores without the excluded treaties
    robust_scenarios: pd.DataFrame


def analyse(
    statements: pd.DataFrame,
    indicators: pd.DataFrame,
    organizations: pd.DataFrame,
    memberships: pd.DataFrame,
    on: pd.Timestamp,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
    exclude: tuple[str, ...] = ROBUSTNESS_EXCLUDE,
    cohesion: CohesionFunction | None = None,
    candidates: tuple[str, ...] = groups.CANDIDATES,
    adversaries: tuple[str, ...] = groups.ADVERSARIES,
    options: ModelOptions = DEFAULT_OPTIONS,
    opinion: pd.DataFrame | None = None,
    clauses: pd.DataFrame | None = None,
) -> Analysis:
    """Score every coalition, the named scenarios, the weight sensitivity and the robustness check.

    Treaties and memberships are observed on ``on``, the data's as-of date.

    ``exclude`` names the treaties (``org_id``) left out in the robustness
    check; by default the Manila Pact, whose organisation was dissolved in 1977.
    """
    inputs = build_inputs(statements, indicators, organizations, memberships, on, candidates, adversaries, options=options, opinion=opinion, clauses=clauses)
    scores = score_coalitions(inputs, indicators, weights, cohesion=cohesion)
    if len(scores) != coalition_count(len(inputs.codes)):
        raise AssertionError("not every coalition was scored")
    named = groups.scenarios(memberships, on)
    sensitivity = weight_sensitivity(scores, named)
    reduced = build_inputs(statements, indicators, organizations, memberships, on, candidates, adversaries, exclude, options=options, opinion=opinion, clauses=clauses)
    robust = with_links(scores, inputs.codes, reduced.links, weights)
    short = organizations.set_index("org_id")["short_name"]
    return Analysis(
        inputs=inputs,
        scores=scores,
        scenarios=named,
        scenario_table=scenario_scores(scores, named),
        sensitivity=sensitivity,
        summary=sensitivity_summary(sensitivity, list(named)),
        excluded=tuple(exclude),
        excluded_names=tuple(short.get(org, org) for org in exclude),
        robust_scores=robust,
        robust_scenarios=scenario_scores(robust, named),
    )


# ---------------------------------------------------------------- display tables


def binary_rank(analysis: "Analysis", organizations: pd.DataFrame, memberships: pd.DataFrame, on: pd.Timestamp, scenario: str) -> int:
    """The feasibility rank of a named scenario when every treaty counts alike (overlap = share of pairs bound)."""
    links = defence_links(organizations, memberships, analysis.inputs.codes, on)
    rescored = with_links(analysis.scores, analysis.inputs.codes, links)
    return int(scenario_scores(rescored, analysis.scenarios).set_index("scenario").loc[scenario, "feasibility_rank"])
