"""How strongly each arrangement binds its parties: a graded commitment score from the treaty clauses.

The score replaces a yes/no "mutual defence" flag wherever a tie's strength
matters. It is derived from ``clauses.csv`` by one rule, stated here and in
the book:

* Each defence or consultation clause is weighted by its **automaticity**
  (:data:`AUTOMATICITY_WEIGHTS`): immediate assistance by all means 1.0;
  "such action as it deems necessary" (NATO) 0.75; "would act … in
  accordance with its constitutional processes" 0.5; consultation only 0.25;
  no undertaking 0. An arrangement's **grade** is the weight of its strongest
  such clause. Access, basing, non-aggression and scope clauses add nothing:
  they do not oblige anyone to defend anyone.
* **Reciprocity.** A mutual clause binds every party to every other. A
  one-way clause binds only its guarantor: the United States to the
  Federated States of Micronesia, not the reverse.
* The **tie weight** between two parties is the mean of the two directions,
  so a one-way guarantee counts half as much as the same promise made both
  ways; a pair bound by several arrangements takes the strongest.

The weights are ordinal judgements, not measurements; the book shows what
changes when the binary flag is used instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

AUTOMATICITY_WEIGHTS: dict[str, float] = {
    "immediate": 1.0,
    "deems_necessary": 0.75,
    "constitutional_processes": 0.5,
    "consultation_only": 0.25,
    "none": 0.0,
}
GRADED_OBLIGATIONS: tuple[str, ...] = ("defence", "consultation")


def arrangement_grades(clauses: pd.DataFrame) -> pd.DataFrame:
    """One row per arrangement with clauses: its grade and the strongest clause's terms.

    Columns: ``org_id``, ``grade`` (0–1), ``automaticity``, ``reciprocity``,
    ``guarantor`` and ``scope`` of the strongest clause (a mutual clause wins
    a tie with a one-way one), ``clause_id``, and ``integrated_command``
    (any clause of the arrangement says so).
    """
    graded = clauses[clauses["obligation"].isin(GRADED_OBLIGATIONS)].copy()
    unknown = sorted(set(graded["automaticity"]) - set(AUTOMATICITY_WEIGHTS))
    if unknown:
        raise ValueError(f"clauses with unknown automaticity: {unknown}")
    graded["weight"] = graded["automaticity"].map(AUTOMATICITY_WEIGHTS)
    graded["_mutual"] = graded["reciprocity"] == "mutual"
    strongest = graded.sort_values(["org_id", "weight", "_mutual", "clause_id"], ascending=[True, False, False, True]).groupby("org_id").head(1)
    command = clauses.groupby("org_id")["integrated_command"].any()
    out = strongest.set_index("org_id")[["weight", "automaticity", "reciprocity", "guarantor", "scope", "clause_id"]].rename(columns={"weight": "grade"})
    out["integrated_command"] = command.reindex(out.index).fillna(False).astype(bool)
    return out.reset_index()


def directed_weights(grades: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Who is bound to whom: one row per ordered pair of co-members (``from_iso3`` bound to defend ``to_iso3``).

    ``members`` has ``org_id`` and ``iso3`` (full members on some date).
    Columns: ``org_id``, ``from_iso3``, ``to_iso3``, ``weight``. A one-way
    arrangement binds only its guarantor.
    """
    pairs = members[["org_id", "iso3"]].drop_duplicates().merge(
        members[["org_id", "iso3"]].drop_duplicates(), on="org_id", suffixes=("_from", "_to"), validate="many_to_many"
    )
    pairs = pairs[pairs["iso3_from"] != pairs["iso3_to"]]
    pairs = pairs.merge(grades[["org_id", "grade", "reciprocity", "guarantor"]], on="org_id", how="inner", validate="many_to_one")
    binds = (pairs["reciprocity"] == "mutual") | (pairs["iso3_from"] == pairs["guarantor"])
    return pd.DataFrame({
        "org_id": pairs["org_id"].to_numpy(),
        "from_iso3": pairs["iso3_from"].to_numpy(),
        "to_iso3": pairs["iso3_to"].to_numpy(),
        "weight": np.where(binds, pairs["grade"], 0.0),
    })


def tie_weights(grades: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Undirected tie weight for every pair of co-members: mean of both directions, strongest arrangement.

    Columns: ``iso3_a`` < ``iso3_b``, ``weight`` and ``arrangement`` (the
    ``org_id`` that gives the weight).
    """
    directed = directed_weights(grades, members)
    if directed.empty:
        return pd.DataFrame(columns=["iso3_a", "iso3_b", "weight", "arrangement"])
    a = directed[["from_iso3", "to_iso3"]].min(axis=1)
    b = directed[["from_iso3", "to_iso3"]].max(axis=1)
    both = directed.assign(iso3_a=a, iso3_b=b).groupby(["org_id", "iso3_a", "iso3_b"], as_index=False)["weight"].sum()
    both["weight"] = both["weight"] / 2
    best = both.sort_values(["iso3_a", "iso3_b", "weight", "org_id"], ascending=[True, True, False, True]).groupby(["iso3_a", "iso3_b"]).head(1)
    return best.rename(columns={"org_id": "arrangement"})[["iso3_a", "iso3_b", "weight", "arrangement"]].reset_index(drop=True)


def weight_matrix(ties: pd.DataFrame, codes: Sequence[str]) -> np.ndarray:
    """Symmetric matrix of tie weights over ``codes`` (0 where untied; diagonal 0)."""
    position = {code: i for i, code in enumerate(codes)}
    known = ties[ties["iso3_a"].isin(position) & ties["iso3_b"].isin(position)]
    matrix = np.zeros((len(codes), len(codes)))
    a = known["iso3_a"].map(position).to_numpy(dtype=int)
    b = known["iso3_b"].map(position).to_numpy(dtype=int)
    matrix[a, b] = known["weight"].to_numpy(dtype=float)
    matrix[b, a] = known["weight"].to_numpy(dtype=float)
    return matrix


def uncoded_defence_treaties(organizations: pd.DataFrame, clauses: pd.DataFrame, in_force: pd.Series) -> list[str]:
    """Arrangements in force with a defence obligation but no graded clause: they would silently weigh 0."""
    defence = organizations.loc[in_force.to_numpy() & (organizations["defence_obligation"] != "none").to_numpy(), "org_id"]
    graded = set(clauses.loc[clauses["obligation"].isin(GRADED_OBLIGATIONS), "org_id"])
    return sorted(set(defence) - graded)


# ---------------------------------------------------------------- cross-check with ATOP

BINDING: tuple[str, ...] = ("immediate", "deems_necessary", "constitutional_processes")
COMPARED_PROVISIONS: tuple[str, ...] = ("defense", "consul", "asymm", "intcom")


def our_provisions(clauses: pd.DataFrame) -> pd.DataFrame:
    """Our clause coding in ATOP's terms, per arrangement: defense, consul, nonagg, asymm and intcom (0/1)."""
    by_org = clauses.groupby("org_id")
    defence = clauses["obligation"].eq("defence") & clauses["automaticity"].isin(BINDING)
    flags = pd.DataFrame({
        "defense": defence.groupby(clauses["org_id"]).any(),
        "consul": clauses["obligation"].eq("consultation").groupby(clauses["org_id"]).any(),
        "nonagg": clauses["obligation"].eq("non_aggression").groupby(clauses["org_id"]).any(),
        "asymm": (defence & clauses["reciprocity"].eq("one_way")).groupby(clauses["org_id"]).any(),
        "intcom": by_org["integrated_command"].any(),
    })
    return flags.astype(int).rename_axis("org_id").reset_index()


def atop_comparison(clauses: pd.DataFrame, atop: pd.DataFrame) -> pd.DataFrame:
    """Long table of each provision for each alliance ATOP codes: ours, ATOP's, and whether they agree.

    ``nonagg`` is not compared: ATOP codes the peaceful-settlement article
    that most treaties open with, which the clause coding leaves out.
    """
    variables = list(COMPARED_PROVISIONS)
    ours = our_provisions(clauses).melt(id_vars="org_id", value_vars=variables, var_name="provision", value_name="ours")
    theirs = atop.melt(id_vars=["org_id", "atopid"], value_vars=variables, var_name="provision", value_name="atop")
    both = theirs.merge(ours, on=["org_id", "provision"], how="left", validate="one_to_one")
    both["ours"] = both["ours"].fillna(0).astype(int)
    return both.assign(agree=both["ours"] == both["atop"]).sort_values(["org_id", "provision"], ignore_index=True)
