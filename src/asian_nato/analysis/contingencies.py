"""Who would be bound to act: the treaty obligations of each candidate in four crises.

A scenario names the state attacked and the kind of place attacked. For each
candidate the matrix asks three things, all computed from the data:

1. **Obligation.** Among the defence and consultation clauses
   (``clauses.csv``) of arrangements in force on the as-of date to which both
   the candidate and the attacked state belong as full members, which bind the
   candidate (a mutual clause, or a one-way clause of which it is the
   guarantor) and reach the place attacked? The strongest such clause gives the
   level: ``immediate``, ``deems_necessary``, ``constitutional_processes``,
   ``consultation_only``, or ``nothing``. The attacked state itself is marked
   ``attacked``.
2. **Scope.** Whether a clause reaches the place is a rule on its coded scope
   (:data:`SCENARIOS`, ``covered_scopes``), backed where the text is silent by
   an authoritative clarification (``clarifications.csv``), which is cited.
3. **Legal limits.** The candidate's constitutional or doctrinal limits on
   fighting for another state, or on joining an alliance (``legal_limits.csv``).

The scenarios are stylised: a real crisis would begin with an attack on one
state and might spread to others, bases included. The matrix shows what
existing treaties say about the first attack, not what governments would do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from asian_nato.analysis.commitments import AUTOMATICITY_WEIGHTS
from asian_nato.analysis.memberships import in_force, runs_on

LEVELS: tuple[str, ...] = ("attacked", "immediate", "deems_necessary", "constitutional_processes", "consultation_only", "nothing")
BOUND_LEVELS: frozenset[str] = frozenset({"immediate", "deems_necessary", "constitutional_processes"})
LEVEL_LABELS: dict[str, str] = {
    "attacked": "attacked",
    "immediate": "must act at once",
    "deems_necessary": "must act as it deems necessary",
    "constitutional_processes": "must act by its constitutional processes",
    "consultation_only": "must consult",
    "nothing": "no obligation",
}


@dataclass(frozen=True)
class Scenario:
    key: str
    name: str
    attacked: str  # ISO3
    place: str
    covered_scopes: frozenset[str]
    in_prose: str
    clarified: str | None = None  # a ``covers`` value in clarifications.csv


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "taiwan", "Taiwan Strait crisis", "TWN", "Taiwan itself",
        frozenset({"unspecified", "metropolitan_territory", "territory_under_administration"}),
        "a crisis in the Taiwan Strait",
    ),
    Scenario(
        "south_china_sea", "South China Sea clash (Second Thomas Shoal or Scarborough Shoal)", "PHL",
        "Philippine armed forces, coast guard and public vessels in the South China Sea",
        frozenset({"unspecified", "pacific_area_incl_forces", "treaty_area"}), "a clash in the South China Sea", "south_china_sea",
    ),
    Scenario(
        "senkaku", "Senkaku Islands incident", "JPN", "the Senkaku Islands, under Japan's administration",
        frozenset({"unspecified", "metropolitan_territory", "territory_under_administration", "pacific_area_incl_forces"}),
        "an incident at the Senkaku Islands", "senkaku_islands",
    ),
    Scenario(
        "korea", "Korean Peninsula war", "KOR", "South Korean territory",
        frozenset({"unspecified", "metropolitan_territory", "territory_under_administration", "pacific_area_incl_forces"}),
        "a war on the Korean Peninsula",
    ),
)
LIMITS_THAT_MATTER: tuple[str, ...] = ("collective_defence_abroad", "alliance_membership")


def members_on(memberships: pd.DataFrame, organizations: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """Full members (org_id, iso3) of arrangements in force on ``on``."""
    live = organizations.loc[in_force(organizations, on), "org_id"]
    current = (
        memberships["org_id"].isin(live)
        & (memberships["status"] == "member")
        & runs_on(memberships["joined_date"], memberships["left_date"], on)
    )
    return memberships.loc[current, ["org_id", "iso3"]].drop_duplicates()


def obligations(
    scenario: Scenario,
    candidates: Sequence[str],
    clauses: pd.DataFrame,
    members: pd.DataFrame,
    prefer: frozenset[str] = frozenset(),
    exclude: Sequence[str] = (),
) -> pd.DataFrame:
    """One row per candidate: its level of obligation towards the attacked state, and the clause that sets it.

    Between equally strong clauses, one of an arrangement in ``prefer`` (those
    with a clarification for this place) is named. Arrangements in ``exclude``
    are ignored (to show what the dormant Manila Pact adds).
    """
    graded = clauses[
        clauses["obligation"].isin(["defence", "consultation"])
        & clauses["scope"].isin(scenario.covered_scopes)
        & ~clauses["org_id"].isin(list(exclude))
    ]
    with_victim = set(members.loc[members["iso3"] == scenario.attacked, "org_id"])
    rows = []
    for code in candidates:
        if code == scenario.attacked:
            rows.append({"iso3": code, "level": "attacked", "clause_id": "", "org_id": ""})
            continue
        shared = with_victim & set(members.loc[members["iso3"] == code, "org_id"])
        binding = graded[graded["org_id"].isin(shared) & ((graded["reciprocity"] == "mutual") | (graded["guarantor"] == code))]
        binding = binding[binding["automaticity"] != "none"]
        if binding.empty:
            rows.append({"iso3": code, "level": "nothing", "clause_id": "", "org_id": ""})
            continue
        ranked = binding.assign(weight=binding["automaticity"].map(AUTOMATICITY_WEIGHTS), preferred=binding["org_id"].isin(prefer))
        best = ranked.sort_values(["weight", "preferred", "clause_id"], ascending=[False, False, True]).iloc[0]
        rows.append({"iso3": code, "level": best["automaticity"], "clause_id": best["clause_id"], "org_id": best["org_id"]})
    return pd.DataFrame(rows)


def limits_by_country(legal_limits: pd.DataFrame) -> pd.Series:
    """Per country, its strongest limit on fighting for others or joining an alliance: 'forbids', 'conditions' or absent."""
    relevant = legal_limits[legal_limits["binds"].isin(LIMITS_THAT_MATTER) & legal_limits["effect"].isin(["forbids", "conditions"])]
    order = {"forbids": 0, "conditions": 1}
    strongest = relevant.assign(_o=relevant["effect"].map(order)).sort_values(["iso3", "_o", "limit_id"]).groupby("iso3").head(1)
    return strongest.set_index("iso3")["effect"].rename("limit")


def matrix(
    candidates: Sequence[str],
    clauses: pd.DataFrame,
    clarifications: pd.DataFrame,
    legal_limits: pd.DataFrame,
    members: pd.DataFrame,
    scenarios: Sequence[Scenario] = SCENARIOS,
    exclude: Sequence[str] = (),
) -> pd.DataFrame:
    """Long table: scenario, candidate, level, clause, whether a clarification backs the scope, and the legal limit."""
    limits = limits_by_country(legal_limits)
    frames = []
    for scenario in scenarios:
        clarified = frozenset(clarifications.loc[clarifications["covers"] == scenario.clarified, "org_id"]) if scenario.clarified else frozenset()
        table = obligations(scenario, candidates, clauses, members, prefer=clarified, exclude=exclude)
        frames.append(table.assign(
            scenario=scenario.key,
            clarified=table["org_id"].isin(clarified),
            limit=[limits.get(code, "") for code in table["iso3"]],
        ))
    return pd.concat(frames, ignore_index=True)[["scenario", "iso3", "level", "org_id", "clause_id", "clarified", "limit"]]


def bound_and_unbound(table: pd.DataFrame, needed: Sequence[str]) -> dict[str, dict[str, list[str]]]:
    """Per scenario: the candidates bound to act, those who must only consult, and the ``needed`` ones bound to nothing."""
    out = {}
    for key, rows in table.groupby("scenario", sort=False):
        level = rows.set_index("iso3")["level"]
        out[key] = {
            "bound": sorted(level.index[level.isin(BOUND_LEVELS)]),
            "consult": sorted(level.index[level == "consultation_only"]),
            "needed_unbound": sorted(c for c in needed if level.get(c) == "nothing"),
        }
    return out
