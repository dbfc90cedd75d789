"""ASEAN and the hedgers: each member's ties to both camps, its stance and its votes.

The camps come from :func:`asian_nato.analysis.memberships.arrangement_camps`; the
stances from :func:`asian_nato.analysis.positions.stance_table`; the votes from
:func:`asian_nato.analysis.alignment.agreement`. This module only joins them for the
ASEAN members; :mod:`asian_nato.report.asean_report` draws the chapter's figure.
"""

from __future__ import annotations

import pandas as pd

from asian_nato.analysis import alignment, memberships, positions

ASEAN = "asean"
ASEAN_LED_FORUMS: tuple[str, ...] = ("asean_regional_forum", "eas", "admm_plus")


def asean_members(active: pd.DataFrame) -> list[str]:
    """ISO3 codes of ASEAN's full members in the ``active`` snapshot."""
    rows = active[(active["org_id"] == ASEAN) & (active["status"] == "member")]
    return sorted(rows["iso3"])


def camp_counts(active: pd.DataFrame, iso3s: list[str]) -> pd.DataFrame:
    """Per country: how many arrangements of each camp it is affiliated with (suspended spells excluded).

    Columns: iso3, us, china_russia. Every country in ``iso3s`` gets a row,
    with zeros where it has no tie.
    """
    camps = memberships.arrangement_camps(active)
    affiliated = active[active["iso3"].isin(iso3s) & active["status"].isin(memberships.AFFILIATION_STATUSES)]
    affiliated = affiliated.assign(camp=affiliated["org_id"].map(camps))
    counts = (
        affiliated[affiliated["camp"] != ""]
        .groupby(["iso3", "camp"]).size()
        .unstack(fill_value=0)
        .reindex(index=iso3s, columns=["us", "china_russia"], fill_value=0)
    )
    return counts.rename_axis(index="iso3", columns=None).reset_index()


def forums_with_both_powers(active: pd.DataFrame, forum_ids: tuple[str, ...] = ASEAN_LED_FORUMS) -> list[str]:
    """ASEAN-led forums in which both the US and China currently take part."""
    rows = active[active["org_id"].isin(forum_ids)]
    both = rows.groupby("org_id")["iso3"].agg(lambda s: {"USA", "CHN"} <= set(s))
    return sorted(both.index[both])


def hedging_table(
    active: pd.DataFrame,
    positions_frame: pd.DataFrame,
    indicators: pd.DataFrame,
    countries: pd.DataFrame,
    vote_year: int,
    since: int,
) -> pd.DataFrame:
    """One row per ASEAN member: ties to each camp, latest stance and class, UN votes and their drift.

    Raises if a member would be lost in a merge.
    """
    members = asean_members(active)
    ties = camp_counts(active, members)
    stances = positions.stance_table(positions_frame)[["iso3", "n_statements", "latest_stance", "class"]]
    votes = alignment.agreement(indicators, vote_year)[["iso3", alignment.AGREE_USA, alignment.AGREE_CHN, "lean"]]
    earlier = alignment.agreement(indicators, since)[["iso3", "lean"]].rename(columns={"lean": "lean_since"})
    table = (
        ties.merge(countries[["iso3", "name"]], on="iso3", how="left", validate="one_to_one")
        .merge(stances, on="iso3", how="left", validate="one_to_one")
        .merge(votes, on="iso3", how="left", validate="one_to_one")
        .merge(earlier, on="iso3", how="left", validate="one_to_one")
    )
    if len(table) != len(members):
        raise ValueError("an ASEAN member was lost while joining ties, stances and votes")
    return table.assign(
        n_statements=table["n_statements"].fillna(0).astype(int),
        latest_stance=table["latest_stance"].fillna(positions.NO_STATEMENT),
        lean_change=table["lean"] - table["lean_since"],
    )
