"""How reliably the stance codebook is applied: two codings of every statement, compared.

Every statement in ``positions.csv`` is coded twice from the written codebook
(:data:`asian_nato.data.schemas.STANCE_RULES`): ``stance_first`` by the editors and
``stance_second`` by a blind second pass that saw only the quote, speaker,
office, date and the codebook. ``stance`` is the adjudicated result, and
``adjudication`` records how each disagreement was settled.

Agreement is measured by Krippendorff's alpha at the ordinal level (the
stances are ordered from support to oppose), computed with the
``krippendorff`` package. Alpha is 1 for perfect agreement and 0 for agreement
no better than chance; :data:`ALPHA_TARGET` is the conventional threshold for
drawing conclusions from coded data (Krippendorff 2004).
"""

from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd

from asian_nato.data.schemas import STANCES

ALPHA_TARGET: float = 0.80
# Ordinal ranks: support first, oppose last (the order of the codebook).
STANCE_RANK: dict[str, int] = {stance: rank for rank, stance in enumerate(STANCES)}


def ordinal_alpha(first: pd.Series, second: pd.Series) -> float:
    """Krippendorff's alpha (ordinal) for two coders over the same statements.

    Raises ``ValueError`` if a code is not a stance, or if the codings are of
    different lengths, so that a coding error cannot pass as disagreement.
    """
    if len(first) != len(second):
        raise ValueError("the two codings must cover the same statements")
    unknown = sorted((set(first) | set(second)) - set(STANCE_RANK))
    if unknown:
        raise ValueError(f"unknown stance codes: {unknown}")
    data = np.array([first.map(STANCE_RANK).to_numpy(float), second.map(STANCE_RANK).to_numpy(float)])
    if len(set(data.ravel())) < 2:
        return float("nan")  # one value everywhere: no variation to agree on, alpha is undefined
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal", value_domain=list(range(len(STANCES)))))


def agreement_share(first: pd.Series, second: pd.Series) -> float:
    """Share of statements on which the two codings agree exactly (0–1)."""
    return float((first.to_numpy() == second.to_numpy()).mean()) if len(first) else float("nan")


def confusion_table(positions: pd.DataFrame) -> pd.DataFrame:
    """Counts of first coding (rows) against second coding (columns), every stance shown."""
    table = pd.crosstab(
        pd.Categorical(positions["stance_first"], categories=STANCES),
        pd.Categorical(positions["stance_second"], categories=STANCES),
        dropna=False,
    )
    table.index.name, table.columns.name = "first coding", "second coding"
    return table


def disagreements(positions: pd.DataFrame) -> pd.DataFrame:
    """The statements the two codings disagree on, with the adjudicated stance and the reason."""
    differ = positions[positions["stance_first"] != positions["stance_second"]]
    return differ[["position_id", "iso3", "date", "stance_first", "stance_second", "stance", "adjudication"]].reset_index(drop=True)


def recoded_by_adjudication(positions: pd.DataFrame) -> pd.DataFrame:
    """Statements whose adjudicated stance differs from the editors' first coding."""
    return positions[positions["stance"] != positions["stance_first"]].reset_index(drop=True)


def reliability_numbers(positions: pd.DataFrame) -> dict[str, float | int | bool]:
    """The figures the book reports about coding reliability."""
    alpha = ordinal_alpha(positions["stance_first"], positions["stance_second"])
    return {
        "alpha": alpha,
        "alpha_meets_target": alpha >= ALPHA_TARGET,
        "agreement": agreement_share(positions["stance_first"], positions["stance_second"]),
        "n_coded": len(positions),
        "n_disagreements": int((positions["stance_first"] != positions["stance_second"]).sum()),
        "n_changed_by_adjudication": len(recoded_by_adjudication(positions)),
    }
