"""The book's answer: the proposal and its reception (chapter 1) and the verdict (chapter 9).

The verdict is a rule on the data, not an opinion typed into the text:

* **no** if the United States is classed "no", or most candidate
  governments that have spoken are classed "no", or even the most capable
  coalition would spend less than China;
* otherwise **yes** if most candidate governments that have spoken are
  classed "yes" (:func:`asian_nato.positions.stance_table`) *and* Ishiba's
  coalition ranks in the top quarter of all coalitions on feasibility;
* **not now** otherwise: the capability exists but the willingness does not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import groups, positions, style
from .display import join_words

REACTION_DAYS = 45
TOP_QUARTER = 75.0
SOURCE = "positions.csv (public statements hand-coded from the sources in the statements appendix)"
ORG_EVENTS: dict[str, str] = {"founded": "signed or founded", "in_force": "entered into force", "dissolved": "dissolved"}


def proposal_statement(statements: pd.DataFrame) -> pd.Series:
    """Ishiba's first supportive statement on or after the proposal date (the proposal itself)."""
    rows = statements[
        (statements["iso3"] == "JPN")
        & statements["speaker"].str.contains("Ishiba")
        & (statements["stance"] == "support")
        & (statements["date_parsed"] >= positions.PROPOSAL_DATE)
    ]
    if rows.empty:
        raise ValueError("positions.csv has no supportive statement by Ishiba on or after the proposal date")
    return rows.sort_values(["date_parsed", "position_id"]).iloc[0]


def reactions(statements: pd.DataFrame, days: int = REACTION_DAYS) -> pd.DataFrame:
    """Statements by others within ``days`` of the proposal, oldest first."""
    start = positions.PROPOSAL_DATE
    window = (statements["date_parsed"] >= start) & (statements["date_parsed"] <= start + pd.Timedelta(days=days))
    return statements[window & (statements["iso3"] != "JPN")].sort_values(["date_parsed", "position_id"], ignore_index=True)


def reactions_display(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        "Date": frame["date"],
        "For": frame["iso3"].map(lambda c: names.get(c, c)),
        "Speaker": frame["speaker"],
        "Stance": frame["stance"],
        "What was said (summary)": frame["summary"],
    })


def changes_since(organizations: pd.DataFrame, memberships: pd.DataFrame, since: pd.Timestamp) -> pd.DataFrame:
    """What changed after ``since``: date, event, arrangement, country.

    Arrangements signed, entering into force or dissolved, and membership
    spells begun or ended. The founding members of an arrangement signed
    after ``since`` are not listed again as joining it.
    """
    org_events = pd.concat([
        pd.DataFrame({"date": organizations[f"{column}_date"], "Date": organizations[column], "Event": event,
                      "Arrangement": organizations["short_name"], "Country": ""})
        for column, event in ORG_EVENTS.items()
    ])
    new_org_ids = organizations.loc[organizations["founded_date"] > since, "org_id"]
    short = organizations.set_index("org_id")["short_name"]
    joined = memberships[(memberships["joined_date"] > since) & ~memberships["org_id"].isin(new_org_ids)]
    left = memberships[memberships["left_date"] > since]
    def status_words(frame: pd.DataFrame) -> pd.Series:
        return frame["status"].str.replace("_", " ")

    spells = pd.concat([
        pd.DataFrame({"date": joined["joined_date"], "Date": joined["joined"], "Event": "joined as " + status_words(joined),
                      "Arrangement": joined["org_id"].map(short), "Country": joined["iso3"]}),
        pd.DataFrame({"date": left["left_date"], "Date": left["left"], "Event": "ended " + status_words(left) + " spell",
                      "Arrangement": left["org_id"].map(short), "Country": left["iso3"]}),
    ])
    events = pd.concat([org_events[org_events["date"] > since], spells], ignore_index=True)
    return events.sort_values(["date", "Arrangement", "Event", "Country"], ignore_index=True)


def new_alliances_sentence(organizations: pd.DataFrame, since: pd.Timestamp) -> str:
    """Whether any multilateral collective-defence treaty, the kind Ishiba proposed, was signed after ``since``."""
    new = organizations[(organizations["founded_date"] > since) & (organizations["kind"] == "collective_defense")]
    if new.empty:
        return "None of them is a multilateral collective-defence treaty of the kind Ishiba proposed."
    names = join_words(new.sort_values("founded_date")["short_name"])
    verb, noun = ("is a", "treaty") if len(new) == 1 else ("are", "treaties")
    return f"{names} {verb} multilateral collective-defence {noun}, the kind Ishiba proposed."


def statements_by_year(statements: pd.DataFrame) -> pd.DataFrame:
    """Count of statements per year and class ('yes', 'not now', 'no'), years as rows."""
    classes = statements["stance"].map(positions.stance_class)
    years = statements["date_parsed"].dt.year
    table = pd.crosstab(years, classes).reindex(columns=list(positions.CLASSES), fill_value=0)
    full = range(int(years.min()), int(years.max()) + 1)
    return table.reindex(full, fill_value=0).rename_axis(index="year", columns=None)


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


READINGS: dict[str, str] = {
    "yes": (
        "The governments that would have to sign are, on balance, willing, and the coalition they would form "
        "ranks among the most feasible: the conditions for a NATO-like alliance in Asia are in place."
    ),
    "not now": (
        "The region has the means for collective defence, and a lattice of treaties and partnerships to build on, "
        "but not the will: the governments that would have to sign are not ready to bind themselves to one treaty."
    ),
    "no": (
        "The governments whose assent matters most reject the idea, or no coalition could match China's spending: "
        "a NATO-like alliance in Asia is not on the table."
    ),
}


@dataclass(frozen=True)
class Verdict:
    answer: str
    n_speaking: int
    n_yes: int
    n_not_now: int
    n_no: int
    us_class: str
    ishiba_percentile: float
    max_capability: float


def verdict(candidate_classes: pd.Series, ishiba_percentile: float, max_capability: float) -> Verdict:
    """Apply the module's rule to the candidates' classes (indexed by ISO3) and the coalition scores."""
    spoken = candidate_classes.dropna()
    counts = spoken.value_counts()
    n = len(spoken)
    n_yes, n_not_now, n_no = (int(counts.get(c, 0)) for c in positions.CLASSES)
    us_class = str(spoken.get(groups.US, positions.NO_STATEMENT))
    if us_class == "no" or (n and 2 * n_no > n) or max_capability < 1:
        answer = "no"
    elif n and 2 * n_yes > n and ishiba_percentile >= TOP_QUARTER:
        answer = "yes"
    else:
        answer = "not now"
    return Verdict(answer, n, n_yes, n_not_now, n_no, us_class, float(ishiba_percentile), float(max_capability))


def candidate_classes(statements: pd.DataFrame, candidates: tuple[str, ...] = groups.CANDIDATES) -> pd.Series:
    """The class of each candidate government's latest statement; NaN where it has none."""
    table = positions.stance_table(statements).set_index("iso3")["class"]
    return table.reindex(list(candidates))


def ordinal(value: float) -> str:
    """A number rounded to a whole ordinal: 1st, 2nd, 3rd, 4th, 11th, 93rd."""
    n = int(round(value))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def verdict_steps(result: Verdict, top_quarter: float = TOP_QUARTER) -> pd.DataFrame:
    """Each test of the verdict rule with the value it found and whether it holds."""
    def holds(flag: bool) -> str:
        return "yes" if flag else "no"

    majority = result.n_speaking / 2
    return pd.DataFrame({
        "Test": [
            "The United States is classed no",
            "Most candidates that have spoken are classed no",
            "The most capable coalition spends less than China",
            "Most candidates that have spoken are classed yes",
            f"Ishiba's coalition is at or above the {ordinal(top_quarter)} feasibility percentile",
        ],
        "Found": [
            result.us_class,
            f"{result.n_no} of {result.n_speaking}",
            f"{result.max_capability:.1f} times China",
            f"{result.n_yes} of {result.n_speaking}",
            f"{ordinal(result.ishiba_percentile)} percentile",
        ],
        "Holds": [
            holds(result.us_class == "no"),
            holds(result.n_no > majority),
            holds(result.max_capability < 1),
            holds(result.n_yes > majority),
            holds(result.ishiba_percentile >= top_quarter),
        ],
    })
