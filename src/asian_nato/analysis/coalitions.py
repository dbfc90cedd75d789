"""Score every coalition that could be formed from the candidate governments.

A coalition is any subset of :data:`asian_nato.analysis.groups.CANDIDATES` with at
least :data:`MIN_SIZE` members (2ⁿ − 1 − n of them for n candidates). Each
is scored on four measures, all computed with matrix algebra on a
coalitions × candidates membership matrix:

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
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from asian_nato.analysis import alignment, commitments, groups, measures, positions
from asian_nato.report import style
from asian_nato.report.display import count_words, join_names, plain
from asian_nato.analysis.memberships import DEFENCE_TREATY_KINDS, in_force, runs_on

MILEX = "milex_const_usd_m"
IDEALPOINT = "unga_idealpoint"
MIN_SIZE: int = 2
DEFAULT_WEIGHTS: dict[str, float] = {"willingness": 0.4, "cohesion": 0.3, "overlap": 0.3}
COMPONENT_COLUMNS: dict[str, str] = {"willingness": "willingness_01", "cohesion": "cohesion", "overlap": "overlap"}
NO_STATEMENT_STANCE: str = "ambiguous"
SENSITIVITY_STEP: float = 0.1
SOURCE = (
    "SIPRI Military Expenditure Database 2025; UNGA ideal points (Bailey, Strezhnev and Voeten, June 2024);\n"
    "positions.csv, organizations.csv and memberships.csv (hand-coded for this book)"
)

CohesionFunction = Callable[[list[str], pd.DataFrame, int], float]


# ---------------------------------------------------------------- enumeration

def coalition_count(n: int, min_size: int = MIN_SIZE) -> int:
    """How many subsets of ``n`` candidates have at least ``min_size`` members."""
    return sum(math.comb(n, k) for k in range(min_size, n + 1))


def membership_matrix(n: int, min_size: int = MIN_SIZE) -> np.ndarray:
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


# ---------------------------------------------------------------- inputs per candidate

def active_defence_orgs(organizations: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """Defence treaties in force on ``on`` (:func:`asian_nato.analysis.memberships.in_force`) that oblige someone to act."""
    active = (
        organizations["kind"].isin(DEFENCE_TREATY_KINDS)
        & (organizations["defence_obligation"] != "none")
        & in_force(organizations, on)
    )
    return organizations.loc[active, ["org_id", "short_name"]].reset_index(drop=True)


def defence_links(
    organizations: pd.DataFrame,
    memberships: pd.DataFrame,
    codes: tuple[str, ...] | list[str],
    on: pd.Timestamp,
    exclude: tuple[str, ...] = (),
    grades: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Pairs of ``codes`` that are both full members of a defence treaty in force on ``on``.

    One row per pair (``iso3_a`` < ``iso3_b``) with the treaties that link it
    (``treaties``: short names joined by '; '), how many (``n_treaties``) and
    the tie ``weight``: the graded commitment of the strongest linking treaty
    (:func:`asian_nato.analysis.commitments.tie_weights`) when ``grades`` is given,
    else 1. Treaties whose ``org_id`` is in ``exclude`` are left out (for
    robustness checks).
    """
    orgs = active_defence_orgs(organizations, on)
    orgs = orgs[~orgs["org_id"].isin(exclude)]
    current = (
        memberships["org_id"].isin(orgs["org_id"])
        & memberships["iso3"].isin(codes)
        & (memberships["status"] == "member")
        & runs_on(memberships["joined_date"], memberships["left_date"], on)
    )
    members = memberships.loc[current, ["org_id", "iso3"]].drop_duplicates()
    pairs = members.merge(members, on="org_id", suffixes=("_a", "_b"), validate="many_to_many")
    pairs = pairs[pairs["iso3_a"] < pairs["iso3_b"]]
    named = pairs.merge(orgs, on="org_id", how="left", validate="many_to_one")
    if len(named) != len(pairs):
        raise AssertionError("treaty names lost pairs")
    links = (
        named.sort_values("short_name")
        .groupby(["iso3_a", "iso3_b"], as_index=False)
        .agg(treaties=("short_name", "; ".join), n_treaties=("org_id", "nunique"))
    )
    if grades is None:
        links["weight"] = 1.0
    else:
        missing = sorted(set(members["org_id"]) - set(grades["org_id"]))
        if missing:
            raise ValueError(f"defence treaties in force without graded clauses (clauses.csv): {missing}")
        weights = commitments.tie_weights(grades, members)[["iso3_a", "iso3_b", "weight"]]
        links = links.merge(weights, on=["iso3_a", "iso3_b"], how="left", validate="one_to_one").fillna({"weight": 0.0})
    return links.sort_values(["iso3_a", "iso3_b"], ignore_index=True)


def adjacency(links: pd.DataFrame, codes: tuple[str, ...] | list[str]) -> np.ndarray:
    """Symmetric matrix of tie weights over ``codes`` (``links['weight']``; 0 where unlinked, diagonal 0)."""
    position = {code: i for i, code in enumerate(codes)}
    matrix = np.zeros((len(codes), len(codes)))
    a = links["iso3_a"].map(position).to_numpy(dtype=int)
    b = links["iso3_b"].map(position).to_numpy(dtype=int)
    weight = links["weight"].to_numpy(dtype=float) if "weight" in links else np.ones(len(links))
    matrix[a, b] = weight
    matrix[b, a] = weight
    return matrix


def cohesion_year(indicators: pd.DataFrame, codes: tuple[str, ...] | list[str]) -> int:
    """The latest year in which every candidate has a UN ideal point."""
    rows = indicators[(indicators["indicator"] == IDEALPOINT) & indicators["iso3"].isin(codes) & indicators["value"].notna()]
    complete = rows.groupby("year")["iso3"].nunique()
    complete = complete[complete == len(set(codes))]
    if complete.empty:
        raise ValueError("no year has a UN ideal point for every candidate")
    return int(complete.index.max())


@dataclass(frozen=True)
class ModelOptions:
    """Judgement calls in the coalition model that the book varies.

    ``capability``: a measure from :data:`asian_nato.analysis.measures.CAPABILITY_MEASURES`;
    ``us_share``: the share of the US budget counted; ``willingness``:
    ``statements`` (latest stance only) or ``statements_opinion`` (the mean of
    the stance score and the ISEAS forced-choice score where a survey exists).
    """

    capability: str = "market"
    us_share: float = 1.0
    willingness: str = "statements"
    treaty_measure: str = "graded"

    def __post_init__(self) -> None:
        if self.treaty_measure not in TREATY_MEASURES:
            raise ValueError(f"treaty_measure must be one of {TREATY_MEASURES}")
        if self.capability not in measures.CAPABILITY_MEASURES:
            raise ValueError(f"capability must be one of {measures.CAPABILITY_MEASURES}")
        if self.willingness not in WILLINGNESS_SOURCES:
            raise ValueError(f"willingness must be one of {WILLINGNESS_SOURCES}")


WILLINGNESS_SOURCES: tuple[str, ...] = ("statements", "statements_opinion")
TREATY_MEASURES: tuple[str, ...] = ("graded", "binary")
DEFAULT_OPTIONS = ModelOptions()


@dataclass(frozen=True)
class CandidateInputs:
    """Everything a coalition score needs, per candidate."""

    codes: tuple[str, ...]
    milex: pd.DataFrame  # index codes; columns year, value (NaN: no data)
    adversary_milex: pd.DataFrame  # index adversary codes; columns year, value
    stance_score: pd.Series  # index codes; latest stance score, NaN = no statement
    links: pd.DataFrame  # linked pairs (see defence_links)
    year: int  # year of the UN voting data used for cohesion

    @property
    def linked(self) -> np.ndarray:
        return adjacency(self.links, self.codes)


def build_inputs(
    statements: pd.DataFrame,
    indicators: pd.DataFrame,
    organizations: pd.DataFrame,
    memberships: pd.DataFrame,
    on: pd.Timestamp,
    candidates: tuple[str, ...] = groups.CANDIDATES,
    adversaries: tuple[str, ...] = groups.ADVERSARIES,
    exclude: tuple[str, ...] = (),
    options: ModelOptions = DEFAULT_OPTIONS,
    opinion: pd.DataFrame | None = None,
    clauses: pd.DataFrame | None = None,
) -> CandidateInputs:
    """Per-candidate inputs from the loaded data frames (see :mod:`asian_nato.data`).

    ``exclude``: the ``org_id`` of any treaty to leave out of the overlap measure.
    ``options`` chooses the capability measure, the US share, the
    willingness signal and the treaty measure; ``opinion`` (``opinion.csv``)
    is needed for opinion-based willingness and ``clauses`` (``clauses.csv``)
    for the graded treaty measure.
    """
    if options.treaty_measure == "graded" and clauses is None:
        raise ValueError("the graded treaty measure needs the treaty clauses (clauses.csv)")
    grades = commitments.arrangement_grades(clauses) if options.treaty_measure == "graded" else None
    scores = positions.latest_scores(statements).reindex(list(candidates)).rename_axis("iso3")
    if options.willingness == "statements_opinion":
        if opinion is None:
            raise ValueError("willingness from statements and opinion needs the survey figures (opinion.csv)")
        scores = measures.blended_willingness(scores, measures.opinion_scores(opinion, candidates))
    base_year = None if options.capability == "market" else capability_base_year(indicators)

    def spending(codes: tuple[str, ...]) -> pd.DataFrame:
        return measures.capability_milex(indicators, codes, measure=options.capability, us_share=options.us_share, base_year=base_year)

    return CandidateInputs(
        codes=tuple(candidates),
        milex=spending(candidates),
        adversary_milex=spending(adversaries),
        stance_score=scores,
        links=defence_links(organizations, memberships, candidates, on, exclude, grades),
        year=cohesion_year(indicators, candidates),
    )


def capability_base_year(indicators: pd.DataFrame) -> int:
    """The price base of the spending series (e.g. 2023 for 'constant 2023 US$ m')."""
    from asian_nato.analysis.capabilities import price_base_year

    return price_base_year(indicators)


# ---------------------------------------------------------------- scoring

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
    matrix = membership_matrix(len(codes), min_size)
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
COHESION_HEAVY: float = 0.5


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
    inputs, scores = analysis.inputs, analysis.scores
    listing = lambda codes: join_names(codes, names)  # noqa: E731
    with_us = scores[scores[groups.US]]
    without_us = scores[~scores[groups.US]]
    front = frontier(scores)
    best = scores.loc[scores["feasibility"].idxmax()]
    best_with_us = with_us.loc[with_us["feasibility"].idxmax()]
    milex_year = int(inputs.milex["year"].max())
    stale = inputs.milex[inputs.milex["year"] < milex_year]
    adversary_value = inputs.adversary_milex["value"]
    by_size = scores.groupby("size")["feasibility"].max()
    top = scores[scores["feasibility_percentile"] > TOP_PERCENTILE]
    worst = analysis.sensitivity.loc[analysis.sensitivity.groupby("scenario")["rank"].idxmax()]
    n_near, n_same = order_stability(analysis.sensitivity)
    stance_of = {v: k for k, v in positions.STANCE_SCORES.items()}
    robust_best = analysis.robust_scores.loc[analysis.robust_scores["feasibility"].idxmax()]
    ranked = analysis.scenario_table.dropna(subset=["feasibility"]).sort_values("feasibility_rank")
    n = len(inputs.codes)
    out: dict[str, object] = {
        "coal_n_candidates": n,
        "coal_min_size": MIN_SIZE,
        "coal_n_coalitions": len(scores),
        "coal_milex_year": milex_year,
        "coal_n_stale_milex": len(stale),
        "coal_stale_milex": listing([]) if stale.empty else ", ".join(
            f"{names.get(c, c)} ({int(y)})" for c, y in stale["year"].items()
        ),
        "coal_adversaries_with_data": listing(adversary_value.index[adversary_value.notna()]),
        "coal_adversaries_no_data": listing(adversary_value.index[adversary_value.isna()]),
        "coal_n_no_statement": int(inputs.stance_score.isna().sum()),
        "coal_no_statement_names": listing(inputs.stance_score.index[inputs.stance_score.isna()]),
        "coal_no_statement_sentence": no_statement_sentence(inputs.stance_score.index[inputs.stance_score.isna()], names),
        "coal_no_statement_stance": NO_STATEMENT_STANCE,
        "coal_n_positive_stance": int((inputs.stance_score > 0).sum()),
        "coal_max_willingness01": scores["willingness_01"].max(),
        "coal_score_low": min(positions.STANCE_SCORES.values()),
        "coal_score_high": max(positions.STANCE_SCORES.values()),
        "coal_ind_stance": stance_of.get(inputs.stance_score.get("IND"), positions.NO_STATEMENT),
        "coal_cohesion_year": inputs.year,
        "coal_n_pairs": n * (n - 1) // 2,
        "coal_n_links": len(inputs.links),
        "coal_excluded_names": " and ".join(analysis.excluded_names),
        "coal_n_links_excluded_only": sum(pairs_resting_only_on(inputs.links, x) for x in analysis.excluded_names),
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
        "coal_mean_feasibility": scores["feasibility"].mean(),
        "coal_best_pair_feasibility": by_size.loc[by_size.index.min()],
        "coal_full_set_size": int(by_size.index.max()),
        "coal_full_set_feasibility": by_size.loc[by_size.index.max()],
        "coal_top_share": 100 - TOP_PERCENTILE,
        "coal_top_decile_n": len(top),
        "coal_top_decile_median_size": float(top["size"].median()),
        "coal_all_median_size": float(scores["size"].median()),
        "coal_top_decile_full_overlap_pct": 100 * float((top["linked_pairs"] == top["pairs"]).mean()),
        "coal_all_full_overlap_pct": 100 * float((scores["linked_pairs"] == scores["pairs"]).mean()),
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
    by_scenario = analysis.scenario_table.set_index("scenario")
    ranges = analysis.summary.set_index("scenario")
    robust = analysis.robust_scenarios.set_index("scenario")
    for scenario, members in analysis.scenarios.items():
        key = f"coal_{scenario_key(scenario)}"
        row = by_scenario.loc[scenario]
        out[f"{key}_size"] = len(members)
        out[f"{key}_members"] = listing(members)
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
    return {k: plain(v) for k, v in out.items()}


# ---------------------------------------------------------------- display tables

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


def binary_rank(analysis: "Analysis", organizations: pd.DataFrame, memberships: pd.DataFrame, on: pd.Timestamp, scenario: str) -> int:
    """The feasibility rank of a named scenario when every treaty counts alike (overlap = share of pairs bound)."""
    links = defence_links(organizations, memberships, analysis.inputs.codes, on)
    rescored = with_links(analysis.scores, analysis.inputs.codes, links)
    return int(scenario_scores(rescored, analysis.scenarios).set_index("scenario").loc[scenario, "feasibility_rank"])


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


def pairs_resting_only_on(links: pd.DataFrame, short_name: str) -> int:
    """How many linked pairs are linked by the named treaty and no other."""
    return int((links["treaties"] == short_name).sum())


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


# ---------------------------------------------------------------- charts

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


def _spread(values: np.ndarray, gap: float) -> np.ndarray:
    """Label positions: the values, sorted, pushed apart to at least ``gap`` (order kept)."""
    order = np.argsort(values)
    placed = values[order].astype(float).copy()
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    placed -= max(0.0, (placed[-1] - values.max()) / 2) if len(placed) else 0.0
    out = np.empty_like(placed)
    out[order] = placed
    return out


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
    label_y = _spread(shown["feasibility"].to_numpy(dtype=float), 0.045 * y_range)
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
