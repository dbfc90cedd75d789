"""The answer chapter's reactions table, the sentence on new alliances and the
statements-per-year chart, from :mod:`asian_nato.analysis.answer`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from asian_nato.analysis import positions
from asian_nato.report import style
from asian_nato.report.display import join_words

SOURCE = "positions.csv (public statements hand-coded from the sources in the statements appendix)"


def reactions_display(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        "Date": frame["date"],
        "For": frame["iso3"].map(lambda c: names.get(c, c)),
        "Speaker": frame["speaker"],
        "Stance": frame["stance"],
        "What was said (summary)": frame["summary"],
    })


def new_alliances_sentence(organizations: pd.DataFrame, since: pd.Timestamp) -> str:
    """Whether any multilateral collective-defence treaty, the kind Ishiba proposed, was signed after ``since``."""
    new = organizations[(organizations["founded_date"] > since) & (organizations["kind"] == "collective_defense")]
    if new.empty:
        return "None of them is a multilateral collective-defence treaty of the kind Ishiba proposed."
    names = join_words(new.sort_values("founded_date")["short_name"])
    verb, noun = ("is a", "treaty") if len(new) == 1 else ("are", "treaties")
    return f"{names} {verb} multilateral collective-defence {noun}, the kind Ishiba proposed."


def plot_statements_by_year(table: pd.DataFrame) -> Figure:
    """Stacked bars of statements per year by class, hatched so the classes read without colour."""
    colours = {"yes": style.STANCE_COLOURS["support"], "not now": style.STANCE_COLOURS["ambiguous"], "no": style.STANCE_COLOURS["oppose"]}
    hatches = {"yes": "//", "not now": "", "no": ".."}
    fig, ax = style.new_figure(7.5, 3.8)
    bottom = np.zeros(len(table))
    for label in table.columns:
        ax.bar(table.index, table[label], bottom=bottom, color=colours[label], hatch=hatches[label], edgecolor="white", label=label)
        bottom += table[label].to_numpy()
    ax.axvline(positions.PROPOSAL_DATE.year - 0.5, color=style.INK, linestyle="--", linewidth=1)
    ax.annotate("Ishiba's proposal", (positions.PROPOSAL_DATE.year - 0.5, bottom.max()), xytext=(-4, 0),
                textcoords="offset points", ha="right", va="top", fontsize=8)
    ax.set_xticks(table.index)
    ax.set_ylabel("Statements recorded")
    ax.grid(axis="x", visible=False)
    ax.legend(title="Stance class", loc="upper left", fontsize=8)
    return style.add_source(fig, SOURCE)


def reaction_tone(n_statements: int, n_negative: int) -> str:
    """The first replies in a sentence: mostly cool when most were sceptical or opposed."""
    if n_statements == 0:
        return "No government replied on the record at first."
    if 2 * n_negative > n_statements:
        return "The replies came fast and were mostly cool."
    if n_negative == 0:
        return "The replies came fast, and none was sceptical or opposed."
    return "The replies came fast and were mixed."
