"""ASEAN's hedging in words, table and chart, from :mod:`asian_nato.analysis.asean`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from asian_nato.analysis import alignment
from asian_nato.report import style
from asian_nato.report.alt_texts import ranked
from asian_nato.report.display import agreeing, count_words, counted, join_names, join_words, share_word

SOURCE = "hand-coded memberships and statements (data/); UNGA agreement scores, Bailey, Strezhnev and Voeten (2017), June 2024 release"


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


def ties_and_votes_alt(table: pd.DataFrame, vote_year: int) -> str:
    """Alt text for :func:`plot_ties_and_votes`: who has ties with each camp, and how the members' votes split."""
    by_member = table.set_index("iso3")
    names = by_member["name"]
    ties = lambda column: ranked(by_member.loc[by_member[column] > 0, column], names, str, top=len(by_member))  # noqa: E731
    untied = by_member.index[(by_member["us"] == 0) & (by_member["china_russia"] == 0)]
    usa, chn = 100 * by_member[alignment.AGREE_USA], 100 * by_member[alignment.AGREE_CHN]
    n_china = int((chn > usa).sum())
    votes = ("every member agrees" if n_china == len(by_member) else
             f"{count_words(n_china, zero='none')} of the {count_words(len(by_member))} {agreeing(n_china, 'agrees', 'agree')}")
    return (
        f"Two panels, one row for each of {counted(len(by_member), 'ASEAN member')}. Left, bars to the right count the member's "
        f"arrangements with the US camp and bars to the left its arrangements with China or Russia, each labelled with its "
        f"count. Right, the member's share of UN General Assembly votes in {vote_year} agreeing with the US (square) and with "
        f"China (circle), joined by a line. With the US camp: {ties('us')}; with China or Russia: {ties('china_russia')}; "
        f"with neither: {join_names(untied, names, alphabetical=True)}. In {vote_year} {votes} with China more often than with "
        f"the United States; agreement with the United States ranges from {usa.min():.0f}% to {usa.max():.0f}%, with China "
        f"from {chn.min():.0f}% to {chn.max():.0f}%."
    )


def camp_ties_sentence(both: list[str], n_us_only: int, n_china_only: int, n_neither: int) -> str:
    """Which members have arrangements with both camps, and how many with the US camp only, the China–Russia camp only, or neither."""
    if not both:
        first = "No member has an arrangement with each camp."
    else:
        verb = "has" if len(both) == 1 else "have"
        first = (f"{counted(len(both), 'member').capitalize()} {verb} at least one arrangement with each camp: "
                 f"{join_words(sorted(both))}.")
    neither = ("every member has an arrangement with at least one camp beyond ASEAN's own forums" if n_neither == 0
               else f"{count_words(n_neither)} with neither beyond ASEAN's own forums")
    rest = (f"{counted(n_us_only, 'member').capitalize()} {'has' if n_us_only == 1 else 'have'} ties with the US camp "
            f"only, {count_words(n_china_only, zero='none')} with the China–Russia camp only, and {neither}.")
    return f"{first} {rest}"


def takeaway_opening(n_members: int, n_both: int, n_us_only: int, n_china_only: int, n_neither: int) -> str:
    """What ASEAN's security ties say about its members' alignment, in one sentence.

    "Hedge" is used only when most members keep arrangements with both camps;
    "lean" when most have them with one camp alone; otherwise the members are
    described as divided, naming how many are tied to each camp or to none.
    """
    if n_both + n_us_only + n_china_only + n_neither != n_members:
        raise ValueError("the camp counts must add up to the members")
    if 2 * n_both > n_members:
        return "Southeast Asia hedges: most of ASEAN's members keep security ties with both camps."
    for count, camp in ((n_us_only, "the US camp"), (n_china_only, "the China–Russia camp")):
        if 2 * count > n_members:
            return f"Southeast Asia leans to {camp}: most of ASEAN's members have security ties with it alone."
    rest = [f"{count_words(n, zero='none')} to {camp}" for n, camp in
            ((n_china_only, "the China–Russia camp only"), (n_both, "both"), (n_neither, "neither"))]
    return (f"Southeast Asia does not line up behind either camp: of ASEAN's {count_words(n_members)} members, "
            f"{count_words(n_us_only, zero='none')} {agreeing(n_us_only, 'has', 'have')} security ties to the US camp only, "
            f"{join_words(rest)}.")


def takeaway_consequence(n_supportive: int) -> str:
    """What the members' words imply for an Asian NATO, conditioned on whether any has spoken for one."""
    if n_supportive == 0:
        return "An Asian NATO would either leave ASEAN out, and with it most of the waters it would defend, or split it."
    return (f"An Asian NATO could draw in the {counted(n_supportive, 'member')} that {agreeing(n_supportive, 'has', 'have')} "
            "spoken for one, but only by dividing ASEAN.")


def willingness_sentence(member_scores: pd.Series, other_scores: pd.Series) -> str:
    """Whether the ASEAN members on record are, on average, cooler towards an Asian NATO than the other governments on record."""
    own, others = member_scores.dropna().mean(), other_scores.dropna().mean()
    if own != own or others != others:
        return "Whether ASEAN's governments are less willing than others to join one, the statements on record cannot say."
    if own < others:
        return ("Yet the ASEAN governments on record are, on average, cooler towards one than the other governments on record.")
    return "Yet the ASEAN governments on record are, on average, no cooler towards one than the other governments on record."


def votes_reading(mean_us: float, mean_china: float) -> str:
    """What the members' average agreement rates say, as the end of a sentence."""
    if mean_us < mean_china:
        return "but on average the members side with China more often than with the United States"
    if mean_us > mean_china:
        return "but on average the members side with the United States more often than with China"
    return "but on average the members side with the United States and with China equally often"


def centrality_clause(n_more_china: int, n_trade: int, n_lean_china: int, n_members: int) -> str:
    """Whom an alliance would ask ASEAN's members to take sides against: China, as their trading partner and in their votes."""
    trade = (f"a larger trading partner than the United States for {count_words(n_more_china, zero='none')} of the "
             f"{count_words(n_trade)} members with data")
    if n_lean_china == 0:
        return f"a neighbour that is {trade}, though none of them votes with it more often than with the United States"
    return (f"a neighbour that is {trade}, and that {share_word(n_lean_china, n_members)} of them vote with more often "
            "than with the United States")


def in_brief(n_members: int, n_both: int, n_us_only: int, n_china_only: int, n_supportive: int) -> str:
    """ASEAN in a clause for the book's key findings: whether it hedges (most members tied to both camps) and whether any member would join."""
    if 2 * n_both > n_members:
        stance = "ASEAN hedges"
    elif 2 * n_us_only > n_members:
        stance = "ASEAN leans to the US camp"
    elif 2 * n_china_only > n_members:
        stance = "ASEAN leans to the China–Russia camp"
    else:
        n_neither = n_members - n_both - n_us_only - n_china_only
        parts = [f"{count_words(n_us_only, zero='none')} with the US camp only",
                 f"{count_words(n_china_only, zero='none')} with the China–Russia camp only"]
        parts += [f"{count_words(n_both)} with both"] if n_both else []
        parts += [f"{count_words(n_neither)} with neither"] if n_neither else []
        stance = f"no camp holds most of ASEAN's members ({join_words(parts)})"
    if n_supportive == 0:
        return f"{stance} rather than joins" if stance == "ASEAN hedges" else f"{stance}, and none has spoken for joining"
    return f"{stance}, and {counted(n_supportive, 'member')} {agreeing(n_supportive, 'has', 'have')} spoken for joining"
