"""What each candidate brings to a coalition: the inputs the scoring reads.

From the loaded data frames (:mod:`asian_nato.data`), :func:`build_inputs`
collects per candidate its latest military spending (SIPRI, constant US$),
its latest stance score (:mod:`asian_nato.analysis.positions`; a candidate
with no statement is scored as :data:`NO_STATEMENT_STANCE`), the UN voting
year for cohesion, and the defence-treaty links between candidate pairs
(:func:`defence_links`), graded by commitment unless
:class:`ModelOptions` asks for the binary measure. The scoring itself is in
:mod:`asian_nato.analysis.coalitions`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from asian_nato.analysis import commitments, groups, measures, positions
from asian_nato.analysis.memberships import DEFENCE_TREATY_KINDS, in_force, runs_on

MILEX = "milex_const_usd_m"
IDEALPOINT = "unga_idealpoint"
NO_STATEMENT_STANCE: str = "ambiguous"


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


def pairs_resting_only_on(links: pd.DataFrame, short_name: str) -> int:
    """How many linked pairs are linked by the named treaty and no other."""
    return int((links["treaties"] == short_name).sum())
