"""A multiverse of the verdict: every defensible combination of the book's judgement calls.

Following Steegen et al. (2016) and Simonsohn, Simmons and Nelson (2020), the
verdict (:func:`asian_nato.analysis.answer.verdict`) is computed under every
combination of the choices in :data:`DIMENSIONS`:

* **thresholds** for classing a government yes or no (:data:`THRESHOLDS`);
* the **base** whose majority counts: candidates that have spoken, all
  candidates (the silent count against a majority), or the members of
  Ishiba's coalition;
* the **window** of statements: the latest; the latest by the government in
  office; the latest on-topic statement; or the mean score over the last 24
  months;
* the **sources**: every statement, or only those resting on an official or
  major-outlet source;
* the **capability** measure and the **US share** of the budget counted;
* the **treaty** measure (graded or binary, with or without the Manila Pact);
* the feasibility **weights** and their **scaling** (raw or standardised);
* the **willingness** signal (statements only, or with the survey evidence):
  it enters both the classes and the coalitions' willingness.

Everything that does not depend on a choice is computed once, so the whole
multiverse takes seconds: the coalition matrix, cohesion (vectorised here,
and checked against :func:`asian_nato.analysis.alignment.cohesion` by the tests) and
the treaty overlaps.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from asian_nato.analysis import alignment, answer, coalitions, commitments, evidence, groups, measures, positions
from asian_nato.analysis import coalition_inputs

THRESHOLDS: dict[str, tuple[float, float]] = {
    "book": (positions.YES_THRESHOLD, positions.NO_THRESHOLD),
    "symmetric": (1.0, -1.0),
    "strict": (1.5, -1.5),
}
WEIGHTS: dict[str, tuple[float, float, float]] = {
    "book": tuple(coalitions.DEFAULT_WEIGHTS[k] for k in coalitions.COMPONENT_COLUMNS),
    "equal": (1 / 3, 1 / 3, 1 / 3),
    "willingness": (0.6, 0.2, 0.2),
}
WINDOW_DAYS: int = 730
MOMENTUM_PERIODS: dict[str, str] = {"two_years": answer.MOMENTUM_PERIOD, "since_proposal": "since Ishiba's proposal"}
DIMENSIONS: dict[str, tuple] = {
    "thresholds": tuple(THRESHOLDS),
    "base": ("spoken", "all", "ishiba"),
    "window": ("latest", "current_government", "on_topic", "mean_24_months"),
    "sources": ("all", "strong"),
    "capability": measures.CAPABILITY_MEASURES,
    "us_share": (0.25, 0.5, 1.0),  # both ends of chapter 5's range and its cautious middle
    "treaties": ("graded", "binary", "graded_no_manila", "binary_no_manila"),
    "weights": tuple(WEIGHTS),
    "scaling": ("standardised", "raw"),
    "willingness": ("statements", "statements_opinion"),
    "momentum": ("two_years", "since_proposal"),
}
BASELINE: dict[str, object] = {
    "thresholds": "book", "base": "spoken", "window": "latest", "sources": "all", "capability": "market",
    "us_share": 1.0, "treaties": "graded", "weights": "book", "scaling": "standardised", "willingness": "statements",
    "momentum": "two_years",
}
DIMENSION_LABELS: dict[str, str] = {
    "thresholds": "Class thresholds", "base": "Majority base", "window": "Statement window", "sources": "Sources",
    "capability": "Capability measure", "us_share": "US share counted", "treaties": "Treaty measure",
    "weights": "Feasibility weights", "scaling": "Component scaling", "willingness": "Willingness signal",
    "momentum": "Momentum period",
}
MANILA = "manila_pact"


# ---------------------------------------------------------------- statements

def statement_scores(
    statements: pd.DataFrame,
    governments: pd.DataFrame,
    on: pd.Timestamp,
    window: str,
    sources: str,
    candidates: Sequence[str],
) -> pd.Series:
    """Each candidate's stance score on ``on`` under a window and source rule; NaN where it has none."""
    pool = statements[statements["date_parsed"] <= on]
    if sources == "strong":
        pool = pool[pool["source_quality"].map(evidence.best_quality).isin(evidence.STRONG_QUALITIES)]
    elif sources != "all":
        raise ValueError(f"unknown source rule {sources!r}")
    pool = pool[pool["iso3"].isin(list(candidates))].sort_values(["date_parsed", "position_id"], kind="stable")
    if window == "current_government":
        current = {c: evidence.government_on(governments, c, on) for c in candidates}
        gov = {c: g["gov_id"] for c, g in current.items() if g is not None}
        pool = pool[pool["government"] == pool["iso3"].map(gov)]
    elif window == "on_topic":
        pool = pool[pool["on_topic"].astype(bool)]
    elif window == "mean_24_months":
        pool = pool[pool["date_parsed"] > on - pd.Timedelta(days=WINDOW_DAYS)]
    elif window != "latest":
        raise ValueError(f"unknown window {window!r}")
    scores = positions.stance_scores(pool["stance"])
    by_actor = scores.groupby(pool["iso3"])
    values = by_actor.mean() if window == "mean_24_months" else by_actor.last()
    return values.reindex(list(candidates)).rename("score")


def base_classes(classes: pd.Series, base: str, ishiba: Sequence[str]) -> pd.Series:
    """The classes whose majority counts: NaN marks a silent candidate counted in the denominator."""
    if base == "spoken":
        return classes.dropna()
    if base == "all":
        return classes
    if base == "ishiba":
        return classes.reindex(list(ishiba))
    raise ValueError(f"unknown base {base!r}")


# ---------------------------------------------------------------- coalitions

@dataclass(frozen=True)
class CoalitionUniverse:
    """What every specification shares: the coalitions, their cohesion and their treaty overlaps."""

    codes: tuple[str, ...]
    matrix: np.ndarray
    ishiba_row: int
    cohesion: np.ndarray
    overlaps: Mapping[str, np.ndarray]


def coalition_universe(
    indicators: pd.DataFrame,
    organizations: pd.DataFrame,
    memberships: pd.DataFrame,
    clauses: pd.DataFrame,
    on: pd.Timestamp,
    ishiba: Sequence[str],
    candidates: Sequence[str] = groups.CANDIDATES,
) -> CoalitionUniverse:
    codes = tuple(candidates)
    matrix = coalitions.subset_matrix(len(codes), coalitions.MIN_SIZE)
    year = coalition_inputs.cohesion_year(indicators, codes)
    cohesion = alignment.group_cohesion(matrix, codes, indicators, year)
    grades = commitments.arrangement_grades(clauses)
    overlaps = {}
    # The binary measure links the same pairs as the graded one, each with weight 1: one set of links per exclusion.
    links = {exclude: coalition_inputs.defence_links(organizations, memberships, codes, on, exclude, grades) for exclude in ((), (MANILA,))}
    for key in DIMENSIONS["treaties"]:
        linked = links[(MANILA,) if key.endswith("no_manila") else ()]
        if key.startswith("binary"):
            linked = linked.assign(weight=1.0)
        _, weighted, pairs = coalitions.pair_counts(matrix, coalition_inputs.adjacency(linked, codes))
        overlaps[key] = weighted / pairs
    row = int(np.flatnonzero((matrix == np.isin(codes, list(ishiba))).all(axis=1))[0])
    return CoalitionUniverse(codes, matrix, row, cohesion, overlaps)


def willingness_01(universe: CoalitionUniverse, scores: pd.Series) -> np.ndarray:
    """Each coalition's mean stance score on a 0–1 scale (a silent member counts as ambiguous)."""
    filled = scores.reindex(list(universe.codes)).fillna(positions.STANCE_SCORES[coalition_inputs.NO_STATEMENT_STANCE]).to_numpy()
    as_int = universe.matrix.astype(float)
    return np.asarray(coalitions.rescale_willingness((as_int @ filled) / as_int.sum(axis=1)))


def percentile_of(values: np.ndarray, row: int) -> float:
    """The share (%) of coalitions whose value is no higher than ``row``'s (the book's feasibility percentile)."""
    rank = (values > values[row]).sum() + 1
    return float(coalitions.percentile_from_rank(rank, len(values)))


# ---------------------------------------------------------------- the multiverse

@dataclass(frozen=True)
class Inputs:
    statements: pd.DataFrame
    governments: pd.DataFrame
    opinion: pd.DataFrame
    indicators: pd.DataFrame
    universe: CoalitionUniverse
    on: pd.Timestamp
    ishiba: tuple[str, ...]
    candidates: tuple[str, ...] = groups.CANDIDATES
    capability: pd.Series | None = None  # capability_table's result, when the caller already has it
    opinion_step: float = measures.OPINION_POINTS_PER_STEP  # survey points per stance step (measures.opinion_scores)


def capability_table(indicators: pd.DataFrame, candidates: Sequence[str], up_to_year: int | None = None) -> pd.Series:
    """The full candidate set's spending over China's (the most capable coalition), by (measure, US share).

    ``up_to_year`` keeps only spending figures from that year or earlier, for
    the verdict on a past date.
    """
    from asian_nato.analysis.capabilities import price_base_year

    known = indicators if up_to_year is None else indicators[indicators["year"] <= up_to_year]
    grid = measures.capability_ratios({"all": tuple(candidates)}, known, base_year=price_base_year(indicators),
                                      us_shares=DIMENSIONS["us_share"])
    return grid.set_index(["measure", "us_share"])["ratio"]


def run(inputs: Inputs, dimensions: Mapping[str, Sequence] = DIMENSIONS) -> pd.DataFrame:
    """Every specification with its verdict and the values the rule used: one row per combination."""
    capability = inputs.capability if inputs.capability is not None else capability_table(inputs.indicators, inputs.candidates, inputs.on.year)
    capability = capability[capability.index.get_level_values("measure").isin(dimensions["capability"])
                            & capability.index.get_level_values("us_share").isin(dimensions["us_share"])]
    opinion = measures.opinion_scores(inputs.opinion, inputs.candidates, up_to_year=inputs.on.year,
                                      points_per_step=inputs.opinion_step)
    earlier_dates = {"two_years": inputs.on - pd.Timedelta(days=answer.MOMENTUM_DAYS), "since_proposal": positions.PROPOSAL_DATE}
    rows = []
    statement_keys = list(itertools.product(dimensions["window"], dimensions["sources"]))
    for window, sources in statement_keys:
        now = statement_scores(inputs.statements, inputs.governments, inputs.on, window, sources, inputs.candidates)
        earlier = {key: statement_scores(inputs.statements, inputs.governments, when, window, sources, inputs.candidates)
                   for key, when in earlier_dates.items() if key in dimensions["momentum"] and when < inputs.on}
        for signal in dimensions["willingness"]:
            scores = measures.blended_willingness(now, opinion) if signal == "statements_opinion" else now
            then_scores = {key: measures.blended_willingness(then, opinion) if signal == "statements_opinion" else then
                           for key, then in earlier.items()}
            # The classes, counts and momentum do not depend on the feasibility choices: take them once.
            rules = []
            for thresholds, base, since in itertools.product(dimensions["thresholds"], dimensions["base"], dimensions["momentum"]):
                counted = base_classes(positions.classify_scores(scores, *THRESHOLDS[thresholds]), base, inputs.ishiba)
                then = then_scores.get(since)
                # a date before the proposal has no "since the proposal"
                shift = float("nan") if then is None else answer.momentum(scores.reindex(counted.index), then.reindex(counted.index))
                rules.append((thresholds, base, since, answer.class_counts(counted), shift))
            will = willingness_01(inputs.universe, scores)
            for treaties, weights, scaling in itertools.product(dimensions["treaties"], dimensions["weights"], dimensions["scaling"]):
                components = pd.DataFrame({"willingness_01": will, "cohesion": inputs.universe.cohesion, "overlap": inputs.universe.overlaps[treaties]})
                weighting = dict(zip(coalitions.COMPONENT_COLUMNS, WEIGHTS[weights]))
                feasibility = coalitions.feasibility(components, weighting, scaling).to_numpy()
                pct = percentile_of(feasibility, inputs.universe.ishiba_row)
                for thresholds, base, since, counts, shift in rules:
                    for (measure, share), ratio in capability.items():
                        result = answer.decide(counts, pct, float(ratio), shift, MOMENTUM_PERIODS[since])
                        rows.append({
                            "thresholds": thresholds, "base": base, "window": window, "sources": sources,
                            "capability": measure, "us_share": share, "treaties": treaties, "weights": weights,
                            "scaling": scaling, "willingness": signal, "momentum": since, "answer": result.answer,
                            "reason": result.reason, "n_counted": result.n_speaking, "n_yes": result.n_yes, "n_no": result.n_no,
                            "us_class": result.us_class, "percentile": pct, "capability_ratio": float(ratio),
                            "momentum_value": shift,
                        })
    return pd.DataFrame(rows)


def is_baseline(specs: pd.DataFrame, baseline: Mapping[str, object] = BASELINE) -> pd.Series:
    mask = pd.Series(True, index=specs.index)
    for dimension, option in baseline.items():
        mask &= specs[dimension] == option
    return mask


def answer_shares(specs: pd.DataFrame) -> pd.Series:
    """Share (0–1) of specifications giving each answer, every answer shown."""
    return specs["answer"].value_counts(normalize=True).reindex(list(answer.ANSWERS), fill_value=0.0)


def one_at_a_time(specs: pd.DataFrame, baseline: Mapping[str, object] = BASELINE) -> pd.DataFrame:
    """The answer when one choice departs from the baseline and every other stays: dimension, option, answer."""
    rows = []
    for dimension in DIMENSIONS:
        others = {k: v for k, v in baseline.items() if k != dimension}
        for option, frame in specs[is_baseline(specs, others)].groupby(dimension, sort=False):
            rows.append({"dimension": dimension, "option": option, "answer": frame["answer"].iloc[0],
                         "baseline": option == baseline[dimension]})
    return pd.DataFrame(rows)


def flips(specs: pd.DataFrame, baseline: Mapping[str, object] = BASELINE) -> pd.DataFrame:
    """The single choices that change the baseline answer."""
    single = one_at_a_time(specs, baseline)
    base_answer = single.loc[single["baseline"], "answer"].iloc[0]
    return single[~single["baseline"] & (single["answer"] != base_answer)].reset_index(drop=True)


def option_shares(specs: pd.DataFrame) -> pd.DataFrame:
    """For every option of every dimension, the share of its specifications giving each answer."""
    frames = []
    for dimension in DIMENSIONS:
        shares = pd.crosstab(specs[dimension], specs["answer"], normalize="index").reindex(columns=list(answer.ANSWERS), fill_value=0.0)
        frames.append(shares.rename_axis("option").reset_index().assign(dimension=dimension))
    return pd.concat(frames, ignore_index=True)[["dimension", "option", *answer.ANSWERS]]


# ---------------------------------------------------------------- the survey step

# The book's step and one on either side: a figure reaches the scale's end at 62.5%, 75% or 100%.
OPINION_STEPS: tuple[float, ...] = (measures.OPINION_POINTS_PER_STEP / 2, measures.OPINION_POINTS_PER_STEP,
                                    measures.OPINION_POINTS_PER_STEP * 2)
SPEC_COLUMNS: tuple[str, ...] = tuple(DIMENSIONS)


def with_opinion_steps(specs: pd.DataFrame, inputs: Inputs, steps: Sequence[float] = OPINION_STEPS,
                       dimensions: Mapping[str, Sequence] = DIMENSIONS) -> pd.DataFrame:
    """The specifications that read the surveys, under each survey step, with an ``opinion_step`` column.

    ``specs`` is :func:`run`'s result for ``inputs``: its own rows stand for
    ``inputs.opinion_step``, and every other step is run again.
    """
    surveys = {**dimensions, "willingness": ("statements_opinion",)}
    frames = [
        specs[specs["willingness"] == "statements_opinion"] if step == inputs.opinion_step
        else run(replace(inputs, opinion_step=step), surveys)
        for step in steps
    ]
    return pd.concat([f.assign(opinion_step=step) for f, step in zip(frames, steps)], ignore_index=True)


def opinion_step_changes(by_step: pd.DataFrame, book_step: float = measures.OPINION_POINTS_PER_STEP) -> pd.DataFrame:
    """Per step: the share of specifications giving each answer, and how many answers differ from the book's step's.

    Columns: ``opinion_step``, one per answer (0–1), ``n_specs``, ``changed``,
    ``to_yes``, ``to_not_now``, ``to_no`` (the changed ones by their new answer).
    """
    book = by_step.loc[by_step["opinion_step"] == book_step, [*SPEC_COLUMNS, "answer"]]
    if book.empty:
        raise ValueError(f"no specifications at the book's step {book_step}")
    paired = by_step.merge(book, on=list(SPEC_COLUMNS), how="left", suffixes=("", "_book"), validate="many_to_one")
    unpaired = int(paired["answer_book"].isna().sum())
    if unpaired:
        raise ValueError(f"{unpaired} specification(s) have no counterpart at the book's step {book_step}")
    paired["changed"] = paired["answer"] != paired["answer_book"]
    rows = []
    for step, frame in paired.groupby("opinion_step", sort=True):
        shares = answer_shares(frame)
        moved = frame.loc[frame["changed"], "answer"].value_counts()
        rows.append({"opinion_step": float(step), **shares.to_dict(), "n_specs": len(frame), "changed": int(frame["changed"].sum()),
                     **{f"to_{a.replace(' ', '_')}": int(moved.get(a, 0)) for a in answer.ANSWERS}})
    return pd.DataFrame(rows)


def shares_by_opinion_step(specs: pd.DataFrame, by_step: pd.DataFrame) -> pd.DataFrame:
    """The whole multiverse's share (0–1) of each answer if its survey specifications took each step: one row per step.

    ``specs`` is :func:`run`'s result; its specifications that do not read the
    surveys are the same under every step.
    """
    others = specs.loc[specs["willingness"] != "statements_opinion", "answer"]
    return pd.DataFrame([
        answer_shares(pd.DataFrame({"answer": pd.concat([others, frame["answer"]], ignore_index=True)})).rename(step)
        for step, frame in by_step.groupby("opinion_step", sort=True)
    ]).rename_axis("opinion_step")


# ---------------------------------------------------------------- the verdict over time

SNAPSHOT_MONTHS: tuple[int, int] = (6, 12)
TIME_VARIANTS: dict[str, dict[str, object]] = {
    "baseline": {},
    "symmetric thresholds": {"thresholds": "symmetric"},
    "on-topic statements only": {"window": "on_topic"},
    "statements and surveys": {"willingness": "statements_opinion"},
}


def snapshot_dates(first_year: int, as_of: pd.Timestamp) -> list[pd.Timestamp]:
    """30 June and 31 December of every year from ``first_year``, up to and including the as-of date."""
    dates = [pd.Timestamp(year=y, month=m, day=1) + pd.offsets.MonthEnd(0) for y in range(first_year, as_of.year + 1) for m in SNAPSHOT_MONTHS]
    return [d for d in dates if d < as_of] + [as_of]


def verdict_over_time(
    statements: pd.DataFrame,
    governments: pd.DataFrame,
    opinion: pd.DataFrame,
    indicators: pd.DataFrame,
    organizations: pd.DataFrame,
    memberships: pd.DataFrame,
    clauses: pd.DataFrame,
    dates: Sequence[pd.Timestamp],
    variants: Mapping[str, Mapping[str, object]] = TIME_VARIANTS,
) -> pd.DataFrame:
    """The verdict at each date under each variant (the baseline with some choices changed).

    Everything is observed as it stood on the date: statements made by then,
    treaties in force and memberships running, the latest UN votes and
    spending figures of that year or before, and surveys published by then.
    """
    choices = {name: {**BASELINE, **change} for name, change in variants.items()}
    # One run per date over every option some variant uses; each variant is then one of its rows.
    options = {dimension: tuple(dict.fromkeys(choice[dimension] for choice in choices.values())) for dimension in BASELINE}
    capability_by_year: dict[int, pd.Series] = {}
    rows = []
    for on in dates:
        ishiba = groups.scenarios(memberships, on)[ISHIBA]
        known = indicators[indicators["year"] <= on.year]
        universe = coalition_universe(known, organizations, memberships, clauses, on, ishiba)
        if on.year not in capability_by_year:
            capability_by_year[on.year] = capability_table(known, groups.CANDIDATES, on.year)
        inputs = Inputs(statements, governments, opinion, known, universe, on, tuple(ishiba), capability=capability_by_year[on.year])
        specs = run(inputs, options)
        for name, choice in choices.items():
            row = specs[is_baseline(specs, choice)].iloc[0]
            rows.append({"date": on, "variant": name, "answer": row["answer"], "n_counted": row["n_counted"],
                         "n_yes": row["n_yes"], "n_no": row["n_no"], "momentum": row["momentum_value"]})
    return pd.DataFrame(rows)


ISHIBA = "Ishiba's Asian NATO"
