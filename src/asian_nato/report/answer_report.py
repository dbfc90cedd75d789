"""The answer chapter's reactions table, the sentence on new alliances and the
statements-per-year chart, from :mod:`asian_nato.analysis.answer`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from asian_nato.analysis import positions
from asian_nato.report import style
from asian_nato.report.display import agreeing, join_names, join_words, sentence_start

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


_STANCE_WORDS: dict[str, str] = {"oppose": "opposed it", "skeptical": "sceptical", "ambiguous": "non-committal",
                                 "open": "open to it", "support": "in favour"}


def reactions_by_stance(reacted: pd.DataFrame, names: Mapping[str, str]) -> str:
    """Who replied how in the first weeks, coolest first: 'China opposed it; India was sceptical; ...'."""
    if reacted.empty:
        return ""
    order = sorted(positions.STANCE_SCORES, key=positions.STANCE_SCORES.get)
    by_stance = reacted.groupby("stance")["iso3"].agg(lambda s: sorted(dict.fromkeys(s), key=lambda c: names.get(c, c)))
    parts = [f"{join_names(by_stance[stance], names)} {_verb(len(by_stance[stance]), stance)}"
             for stance in order if stance in by_stance.index]
    return sentence_start("; ".join(parts)) + "."


def _verb(n: int, stance: str) -> str:
    """'was sceptical', 'were sceptical', 'opposed it' (a stance that is already a verb takes none)."""
    word = _STANCE_WORDS.get(stance, stance)
    return word if word.startswith("opposed") else f"{agreeing(n, 'was', 'were')} {word}"


def home_reactions_sentence(home: pd.DataFrame) -> str:
    """What others in Japan's government said in the first weeks, from the statements' summaries."""
    if home.empty:
        return "No one else in Japan's government spoke on the record in those weeks."
    summaries = home["summary"].str.strip().str.rstrip(".")
    return "At home, " + "; ".join(summaries.str[:1].str.lower() + summaries.str[1:]) + "."


def debate_continues_sentence(n_after: int) -> str:
    """Whether statements were recorded after the first weeks."""
    return "The debate did not end with the first replies." if n_after else "The record falls silent after the first replies."


def ties_label(n_treaties: int) -> str:
    """The key finding's label on ties: whether any treaty with a mutual-defence clause is in force."""
    return "Ties exist." if n_treaties else "Treaty ties are missing."


def lattice_clause(then: int, now: int, since: int) -> str:
    """How the ties that do not involve the United States have changed since ``since``."""
    if now > then:
        return f"the ties that do not involve the United States have grown from {then} in {since} to {now}"
    if now < then:
        return f"the ties that do not involve the United States have fallen from {then} in {since} to {now}"
    return f"the ties that do not involve the United States number {now}, as in {since}"
