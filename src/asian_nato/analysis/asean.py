"""ASEAN and the hedgers: each member's ties to both camps, its stance and its votes.

The camps come from :func:`asian_nato.analysis.memberships.arrangement_camps`; the
stances from :func:`asian_nato.analysis.positions.stance_table`; the votes from
:func:`asian_nato.analysis.alignment.agreement`. This module only joins them for the
ASEAN members and draws the chapter's figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from asian_nato.analysis import alignment, memberships, positions
from asian_nato.report import style

ASEAN = "asean"
ASEAN_LED_FORUMS: tuple[str, ...] = ("asean_regional_forum", "eas", "admm_plus")
SOURCE = "hand-coded memberships and statements (data/); UNGA agreement scores, Bailey, Strezhnev and Voeten (2017), June 2024 release"


def share_word(count: int, total: int) -> str:
    """A count out of a total in words for prose: 'none', 'a minority', 'half', 'most' or 'all'."""
    if total <= 0 or count < 0 or count > total:
        raise ValueError(f"count {count} out of {total} is not a share")
    if count == 0:
        return "none"
    if count == total:
        return "all"
    if 2 * count == total:
        return "half"
    return "most" if 2 * count > total else "a minority"


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


def hedging_display(table: pd.DataFrame, vote_year: int, since: int) -> pd.DataFrame:
    return pd.DataFrame({
        "Member": table["name"],
        "Ties with the US camp": table["us"],
        "Ties with the China–Russia camp": table["china_russia"],
        "Statements": table["n_statements"],
        "Latest stance": table["latest_stance"],
        f"Agreement with US {vote_year} (%)": 100 * table[alignment.AGREE_USA],
        f"Agreement with China {vote_year} (%)": 100 * table[alignment.AGREE_CHN],
        f"Change in lean since {since} (points)": 100 * table["lean_change"],
    }).sort_values("Member", ignore_index=True)


def plot_ties_and_votes(table: pd.DataFrame, vote_year: int) -> Figure:
    """Left: ties to each camp (diverging bars); right: UN agreement with the US and China (dot pairs)."""
    frame = table.sort_values("name", ascending=False).reset_index(drop=True)
    y = np.arange(len(frame))
    fig, (left, right) = style.new_figure(7.5, 0.42 * len(frame) + 1.6, ncols=2, sharey=True)
    left.barh(y, frame["us"], color=style.OKABE_ITO["blue"], hatch="//", edgecolor="white", label="with the US camp")
    left.barh(y, -frame["china_russia"], color=style.OKABE_ITO["vermillion"], hatch="..", edgecolor="white",
              label="with the China–Russia camp")
    for yi, (us, cr) in enumerate(zip(frame["us"], frame["china_russia"])):
        if us:
            left.annotate(str(us), (us, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=7.5)
        if cr:
            left.annotate(str(cr), (-cr, yi), xytext=(-3, 0), textcoords="offset points", va="center", ha="right", fontsize=7.5)
    left.axvline(0, color=style.INK, linewidth=0.8)
    left.set_yticks(y, frame["name"])
    left.set_xlabel("Arrangements (China–Russia ← | → US)")
    left.xaxis.set_major_formatter(lambda v, _p: f"{abs(v):.0f}")
    left.margins(x=0.2)
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=7.5, ncols=1)
    left.grid(axis="y", visible=False)

    usa, chn = 100 * frame[alignment.AGREE_USA], 100 * frame[alignment.AGREE_CHN]
    right.hlines(y, usa, chn, color="#bdbdbd", linewidth=2)
    right.scatter(usa, y, marker="s", color=style.OKABE_ITO["blue"], zorder=3, label="agreement with the US")
    right.scatter(chn, y, marker="o", color=style.OKABE_ITO["vermillion"], zorder=3, label="agreement with China")
    right.set_xlabel(f"UN General Assembly votes agreeing, {vote_year} (%)")
    right.set_xlim(0, 100)
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=7.5, ncols=1)
    right.grid(axis="y", visible=False)
    return style.add_source(fig, SOURCE)
