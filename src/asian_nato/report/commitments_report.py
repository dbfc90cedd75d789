"""Tables, the heat map and computed sentences for the chapter on commitments and contingencies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from asian_nato.analysis import commitments, contingencies
from asian_nato.data.schemas import AUTOMATICITY, SCOPES
from asian_nato.report import style
from asian_nato.report.display import (
    agreeing, count_words, counted, in_prose, join_clauses, join_words, sentence_start, share_word, source_markdown,
)

SOURCE = "clauses.csv, clarifications.csv and legal_limits.csv (hand-coded from treaty texts and official statements), memberships.csv"
# Darkest for the firmest obligation; the attacked state gets its own hatched cell.
LEVEL_COLOURS: dict[str, str] = {
    "attacked": "#ffffff",
    "immediate": "#00204d",
    "deems_necessary": "#31446b",
    "constitutional_processes": "#666970",
    "consultation_only": "#c8b866",
    "nothing": "#f2f2f2",
}


def grade_table(organizations: pd.DataFrame, clauses: pd.DataFrame, in_force: pd.Series) -> pd.DataFrame:
    """Every arrangement with graded clauses: in force or not, grade, the strongest clause and its terms."""
    grades = commitments.arrangement_grades(clauses)
    orgs = organizations.assign(in_force_now=in_force.to_numpy()).set_index("org_id")
    text = clauses.set_index("clause_id")
    table = grades.assign(
        Arrangement=grades["org_id"].map(orgs["short_name"]),
        **{"In force": grades["org_id"].map(orgs["in_force_now"])},
        Grade=grades["grade"],
        Automaticity=grades["automaticity"].str.replace("_", " "),
        Reciprocity=grades["reciprocity"].str.replace("_", "-") + np.where(grades["guarantor"] != "", " (" + grades["guarantor"] + ")", ""),
        Scope=grades["scope"].str.replace("_", " "),
        **{"Integrated command": grades["integrated_command"]},
        Clause=grades["clause_id"].map(text["article"]),
        Source=grades["clause_id"].map(text["source"]).map(source_markdown),
    )
    columns = ["Arrangement", "In force", "Grade", "Automaticity", "Reciprocity", "Scope", "Integrated command", "Clause", "Source"]
    return table.sort_values(["In force", "Grade", "Arrangement"], ascending=[False, False, True])[columns].reset_index(drop=True)


def rule_table() -> pd.DataFrame:
    """The grading rule: each automaticity, its weight and its meaning."""
    return pd.DataFrame({
        "Automaticity": [k.replace("_", " ") for k in commitments.AUTOMATICITY_WEIGHTS],
        "Weight": list(commitments.AUTOMATICITY_WEIGHTS.values()),
        "Meaning": [AUTOMATICITY[k] for k in commitments.AUTOMATICITY_WEIGHTS],
    })


def matrix_display(table: pd.DataFrame, names: Mapping[str, str], candidates: Sequence[str], org_names: Mapping[str, str]) -> pd.DataFrame:
    """Candidates (rows) by scenario (columns): the obligation, with the arrangement and any clarification or legal limit."""
    short = {s.key: s.name.split(" (")[0] for s in contingencies.SCENARIOS}

    def cell(row) -> str:
        text = contingencies.LEVEL_LABELS[row.level]
        if row.org_id:
            text += f" ({org_names.get(row.org_id, row.org_id)}" + (", clarified" if row.clarified else "") + ")"
        if row.limit and row.level != "nothing":
            text += f"; own law {row.limit} it"
        return text

    shown = table.assign(cell=[cell(r) for r in table.itertuples()])
    wide = shown.pivot(index="iso3", columns="scenario", values="cell").reindex(list(candidates))
    wide = wide[[s.key for s in contingencies.SCENARIOS]].rename(columns=short)
    return wide.reset_index().rename(columns={"iso3": "Candidate"}).assign(Candidate=lambda f: f["Candidate"].map(names))


def plot_matrix(table: pd.DataFrame, names: Mapping[str, str], candidates: Sequence[str], org_names: Mapping[str, str]) -> Figure:
    """Heat map of obligation levels, candidates by scenario, with the level and the arrangement written in every cell."""
    levels = list(contingencies.LEVELS)
    wide = table.pivot(index="iso3", columns="scenario", values="level").reindex(list(candidates))
    wide = wide[[s.key for s in contingencies.SCENARIOS]]
    via = table.pivot(index="iso3", columns="scenario", values="org_id").reindex(list(candidates))[list(wide.columns)]
    codes = wide.apply(lambda col: col.map(levels.index)).to_numpy(dtype=float)
    fig, ax = style.new_figure(7.5, 0.36 * len(candidates) + 1.8)
    cmap = ListedColormap([LEVEL_COLOURS[level] for level in levels])
    ax.imshow(codes, cmap=cmap, vmin=-0.5, vmax=len(levels) - 0.5, aspect="auto")
    for (i, j), value in np.ndenumerate(codes):
        level = levels[int(value)]
        dark = level in ("immediate", "deems_necessary", "constitutional_processes")
        label = SHORT_LEVELS[level] + (f"\n{org_names.get(via.iat[i, j], via.iat[i, j])}" if via.iat[i, j] else "")
        ax.text(j, i, label, ha="center", va="center", fontsize=6.5, color="white" if dark else style.INK)
        if level == "attacked":
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///", edgecolor="#999999", linewidth=0))
    ax.set_xticks(range(len(wide.columns)), [s.name.split(" (")[0].replace(" ", "\n", 1) for s in contingencies.SCENARIOS], fontsize=8)
    ax.set_yticks(range(len(wide.index)), [names.get(c, c) for c in wide.index], fontsize=8)
    ax.tick_params(length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return style.add_source(fig, SOURCE)


def _cell_label(level: str) -> str:
    """A level as its cell in :func:`plot_matrix` reads, quoted: '"consult"'."""
    return f'"{SHORT_LEVELS[level]}"'


def matrix_alt(table: pd.DataFrame, candidates: Sequence[str]) -> str:
    """Alt text for :func:`plot_matrix`: how many cells show each obligation, and the obligations no cell shows."""
    levels = table.loc[table["iso3"].isin(list(candidates)), "level"]
    counts = levels.value_counts().reindex(list(contingencies.LEVELS), fill_value=0).sort_values(ascending=False, kind="stable")
    shown = counts[counts > 0]
    verbs = [agreeing(shown.iloc[0], "reads", "read"), *[""] * (len(shown) - 1)]  # only the first count carries the verb
    read = [" ".join(filter(None, (count_words(n), verb, _cell_label(level)))) for (level, n), verb in zip(shown.items(), verbs)]
    unused = counts.index[counts == 0]
    never = f"; none reads {join_words(map(_cell_label, unused)).replace(' and ', ' or ')}" if len(unused) else ""
    crises = join_words(s.name.split(" (")[0] for s in contingencies.SCENARIOS)
    return (
        f"A grid of the {count_words(len(candidates))} candidates (rows) by the {count_words(len(contingencies.SCENARIOS))} "
        f"crises (columns: {crises}). Each cell names the candidate's obligation towards the state attacked and the "
        f"arrangement that sets it, darker for a firmer obligation. Of the {len(levels)} cells, {join_words(read)}{never}. "
        f"The same information is in the table that follows."
    )


SHORT_LEVELS: dict[str, str] = {
    "attacked": "attacked", "immediate": "act at once", "deems_necessary": "act as deemed necessary",
    "constitutional_processes": "act (constitutional processes)", "consultation_only": "consult", "nothing": "no obligation",
}


def scenario_sentence(key: str, summary: Mapping[str, Mapping[str, list[str]]], without_manila: Mapping[str, Mapping[str, list[str]]], names: Mapping[str, str]) -> str:
    """Who is bound in one scenario, who must only consult, and which coalition members are bound to nothing."""
    scenario = next(s for s in contingencies.SCENARIOS if s.key == key)
    bound, strict = summary[key], without_manila[key]

    def named(codes: Sequence[str]) -> str:
        return join_words([in_prose(names.get(c, c)) for c in codes])

    if bound["bound"]:
        head = f"In {scenario.in_prose}, {named(bound['bound'])} {'is' if len(bound['bound']) == 1 else 'are'} bound by treaty to act"
        extra = sorted(set(bound["bound"]) - set(strict["bound"]))
        if extra:
            head += f", {named(extra)} only through the dormant Manila Pact of 1954"
    else:
        head = f"In {scenario.in_prose}, no candidate is bound by treaty to act"
    consult = f"; {named(bound['consult'])} must only consult" if bound["consult"] else ""
    needed = (
        f". Of the members of Ishiba's coalition, {named(strict['needed_unbound'])} "
        f"{'has' if len(strict['needed_unbound']) == 1 else 'have'} no obligation, leaving the Manila Pact aside"
        if strict["needed_unbound"] else ". Every member of Ishiba's coalition has an obligation"
    )
    return head + consult + needed + "."


def limits_display(legal_limits: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """The legal and political limits, one row each, with the text and source."""
    shown = legal_limits.sort_values(["iso3", "limit_id"])
    return pd.DataFrame({
        "Country": shown["iso3"].map(names).to_numpy(),
        "Instrument": shown["instrument"].to_numpy(),
        "Restricts": shown["binds"].str.replace("_", " ").to_numpy(),
        "Effect": shown["effect"].to_numpy(),
        "Text": shown["text"].to_numpy(),
        "Source": shown["source"].map(source_markdown).to_numpy(),
    })


def atop_display(comparison: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """The provisions on which our coding and ATOP's differ."""
    differ = comparison[~comparison["agree"]]
    return pd.DataFrame({
        "Arrangement": differ["org_id"].map(names).to_numpy(),
        "ATOP id": differ["atopid"].astype(str).to_numpy(),
        "Provision": differ["provision"].to_numpy(),
        "ATOP": differ["atop"].to_numpy(),
        "This book": differ["ours"].to_numpy(),
    })


def alliance_lifespans(memberships: pd.DataFrame, organizations: pd.DataFrame, org_ids: Sequence[str], on: pd.Timestamp) -> pd.DataFrame:
    """Founding members, later joiners, members who left, and years in operation, for each arrangement."""
    rows = []
    orgs = organizations.set_index("org_id")
    for org in org_ids:
        spells = memberships[(memberships["org_id"] == org) & (memberships["status"] == "member")]
        founded = orgs.at[org, "founded_date"]
        end = orgs.at[org, "dissolved_date"]
        first = spells["joined_date"].min()
        founders = spells[spells["joined_date"] <= first + pd.Timedelta(days=366)]
        rows.append({
            "org_id": org,
            "name": orgs.at[org, "short_name"],
            "founding_members": founders["iso3"].nunique(),
            "joined_later": spells.loc[~spells.index.isin(founders.index), "iso3"].nunique(),
            "left": spells.loc[spells["left_date"].notna() & (spells["left_date"] < (end if pd.notna(end) else on)), "iso3"].nunique(),
            "years": round(((end if pd.notna(end) else on) - founded).days / 365.25),
            "dissolved": pd.notna(end),
        })
    return pd.DataFrame(rows)


def scope_rule_table() -> pd.DataFrame:
    """Which coded scopes reach the place attacked in each scenario."""
    return pd.DataFrame({
        "Scenario": [s.name for s in contingencies.SCENARIOS],
        "State attacked": [s.attacked for s in contingencies.SCENARIOS],
        "Place": [s.place for s in contingencies.SCENARIOS],
        "Scopes that reach it": [", ".join(k.replace("_", " ") for k in SCOPES if k in s.covered_scopes) for s in contingencies.SCENARIOS],
    })


def takeaway_sentence(summary: Mapping[str, Mapping[str, list[str]]], names: Mapping[str, str], us: str = "USA") -> str:
    """The chapter's conclusion, from who is bound in each crisis (the Manila Pact left aside)."""
    scenarios = list(contingencies.SCENARIOS)
    us_bound = [s for s in scenarios if us in summary[s.key]["bound"]]
    others = sorted({c for s in scenarios for c in summary[s.key]["bound"]} - {us})
    nobody = [s for s in scenarios if not summary[s.key]["bound"]]
    parts = [
        f"Leaving the dormant Manila Pact aside, existing treaties bind the United States to act in {count_words(len(us_bound))} of the "
        f"{count_words(len(scenarios))} crises, and "
        + (f"bind {join_words([in_prose(names.get(c, c)) for c in others])} in at least one" if others else "bind no other candidate in any")
    ]
    if nobody:
        parts.append(f"in {join_words([s.in_prose for s in nobody])}, no candidate is bound at all")
    return "; ".join(parts) + "."


# Where each coded scope confines a clause, as prose; "unspecified" sets no limit and so has no place.
SCOPE_PLACES: dict[str, str] = {
    "metropolitan_territory": "the parties' own territory",
    "territory_under_administration": "the territories under a party's administration",
    "pacific_area_incl_forces": "the Pacific area",
    "north_atlantic_north_of_tropic": "the area north of the Tropic of Cancer",
    "treaty_area": "a treaty area the text defines",
}
_BILATERAL_TREATY = r"^(?P<a>[A-Za-z]+)-(?P<b>[A-Za-z]+) (?:MDT|Security Treaty|treaty)(?: \d{4})?$"


def arrangement_in_prose(short_name: str) -> str:
    """An arrangement's short name as it reads mid-sentence: 'US-ROK MDT' → 'the US–ROK treaty', 'ANZUS', 'the Manila Pact'."""
    match = pd.Series([short_name]).str.extract(_BILATERAL_TREATY).iloc[0]
    if match.notna().all():
        return f"the {match['a']}–{match['b']} treaty"
    return short_name if short_name.isupper() else f"the {short_name.replace('-', '–')}"


def _in_force_grades(grades: pd.DataFrame, organizations: pd.DataFrame, in_force: pd.Series) -> pd.DataFrame:
    """:func:`commitments.arrangement_grades` of the arrangements in force, with their prose name and founding year."""
    orgs = organizations.assign(in_force_now=in_force.to_numpy()).set_index("org_id")
    shown = grades[grades["org_id"].map(orgs["in_force_now"]).eq(True)]
    return shown.assign(
        prose=shown["org_id"].map(orgs["short_name"]).map(arrangement_in_prose),
        year=shown["org_id"].map(orgs["founded_date"]).dt.year,
    ).sort_values("prose", key=lambda s: s.str.removeprefix("the "), kind="stable")


def constitutional_sentence(shown: pd.DataFrame) -> str:
    """Which mutual treaties in force bind their parties only 'in accordance with constitutional processes', and where."""
    group = shown[(shown["reciprocity"] == "mutual") & (shown["automaticity"] == "constitutional_processes")]
    if group.empty:
        return "No mutual treaty in force binds its parties only \"in accordance with [their] constitutional processes\"."
    names = sentence_start(join_words(group["prose"]))
    places = group["scope"].map(SCOPE_PLACES)
    head = (f"{names} {agreeing(len(group), 'binds its', 'all bind their')} parties to act only "
            "\"in accordance with [their] constitutional processes\"")
    if places.isna().all():
        return f"{head}, and {agreeing(len(group), 'it sets', 'none sets')} a geographic limit."
    listed = join_words(list(dict.fromkeys(places.dropna()))).replace(" and ", ", or ") if places.nunique() > 2 else \
        " or ".join(dict.fromkeys(places.dropna()))
    if places.notna().all():
        return f"{head}, and {agreeing(len(group), 'it limits', 'each limits')} itself to a place: {listed}."
    limited = join_words(group.loc[places.notna(), "prose"])
    return f"{head}; {limited} {agreeing(int(places.notna().sum()), 'limits itself', 'limit themselves')} to a place: {listed}."


def immediate_sentence(shown: pd.DataFrame) -> str:
    """Which mutual treaties in force promise immediate assistance by all means."""
    group = shown[(shown["reciprocity"] == "mutual") & (shown["automaticity"] == "immediate")].sort_values("year", kind="stable")
    if group.empty:
        return "No mutual treaty in force promises immediate assistance by all means."
    named = join_words(group["prose"] + " of " + group["year"].astype(int).astype(str))
    return f"{sentence_start(named)} {agreeing(len(group), 'promises', 'promise')} immediate assistance by all means."


def one_way_sentence(shown: pd.DataFrame, names: Mapping[str, str]) -> str:
    """Which arrangements in force are one-way guarantees of defence, and who gives them."""
    group = shown[(shown["reciprocity"] == "one_way") & (shown["grade"] > 0)]
    # the guarantor of the most guarantees first, then by name
    group = group.assign(_n=group.groupby("guarantor")["org_id"].transform("size")).sort_values(
        ["_n", "guarantor", "prose"], ascending=[False, True, True], kind="stable")
    if group.empty:
        return "No arrangement in force is a one-way guarantee of defence."
    guarantors = [in_prose(names.get(c, c)) for c in dict.fromkeys(group["guarantor"])]
    verb = agreeing(len(guarantors), "promises", "promise")
    who = guarantors[0] if len(guarantors) == 1 else ", ".join(guarantors[:-1]) + ", and " + guarantors[-1] + ","
    noun = agreeing(len(group), "is a one-way guarantee", "are one-way guarantees")
    return (f"{sentence_start(join_words(group['prose']))} {noun}: {who} {verb} to defend, "
            "and receive no promise in return." if len(guarantors) > 1 else
            f"{sentence_start(join_words(group['prose']))} {noun}: {who} {verb} to defend, and receives no promise in return.")


def codes_paragraph(grades: pd.DataFrame, organizations: pd.DataFrame, in_force: pd.Series, names: Mapping[str, str]) -> str:
    """What the strongest clauses of the mutual and one-way arrangements in force oblige, from their codes."""
    shown = _in_force_grades(grades, organizations, in_force)
    return " ".join((constitutional_sentence(shown), immediate_sentence(shown), one_way_sentence(shown, names)))


def confined_sentence(grades: pd.DataFrame, org_id: str, name: str, defence_article: str, scope_article: str) -> str:
    """Whether an arrangement's defence clause is firmer than 'constitutional processes', and whether its scope reaches any crisis."""
    row = grades.set_index("org_id").loc[org_id]
    firmer = commitments.AUTOMATICITY_WEIGHTS[row["automaticity"]] > commitments.AUTOMATICITY_WEIGHTS["constitutional_processes"]
    reached = [s for s in contingencies.SCENARIOS if row["scope"] in s.covered_scopes]
    place = SCOPE_PLACES.get(row["scope"])
    confines = f"its {scope_article} confines it to {place}" if place else f"its {scope_article} sets no geographic limit"
    reach = ("so it reaches no crisis in this chapter" if not reached else
             f"so it reaches {count_words(len(reached))} of the {count_words(len(contingencies.SCENARIOS))} crises in this chapter")
    return f"{name}'s {defence_article} is {'firmer' if firmer else 'no firmer'}, but {confines}, {reach}."


def never_bound_sentence(never_bound: Sequence[str], attacked: Sequence[str], names: Mapping[str, str]) -> str:
    """The candidates no treaty binds to defend another in any crisis, and what that gap means."""
    if not never_bound:
        return "Every candidate is bound to defend another in at least one crisis."
    listed = join_words([in_prose(names.get(c, c)) for c in never_bound])
    n = len(never_bound)
    head = f"{sentence_start(count_words(n))} {agreeing(n, 'candidate is', 'candidates are')} bound to defend another in none: {listed}"
    if attacked:
        head += (f" (of these, {join_words([in_prose(names.get(c, c)) for c in attacked])} "
                 f"{agreeing(len(attacked), 'is', 'are each')} the state attacked in one crisis)")
    return (f"{head}. That gap, between the states an alliance would need and the states today's treaties bind, "
            "is what an Asian NATO would have to close.")


PROVISION_NAMES: dict[str, str] = {"consul": "consultation", "asymm": "asymmetry", "intcom": "integrated command",
                                   "defense": "defence", "nonagg": "non-aggression"}


def atop_differences_sentence(comparison: pd.DataFrame) -> str:
    """What the provisions on which this book and ATOP differ are, counted by provision."""
    differ = comparison[~comparison["agree"]]
    if differ.empty:
        return "There are none."
    unread = (differ["provision"] == "consul") & (differ["atop"] == 1) & (differ["ours"] == 0)
    n_unread = int(unread.sum())
    parts = []
    if n_unread:
        parts.append(f"{_share_lead(n_unread, len(differ))} {agreeing(n_unread, 'is a consultation article', 'are consultation articles')} "
                     "this book has not yet coded")
    others = differ.loc[~unread, "provision"].value_counts().sort_index(key=lambda s: s.map(PROVISION_NAMES.get))
    asymmetry = "asymmetry, which ATOP reads from the whole treaty (the United States may base forces in Japan and South Korea, " \
                "not the reverse) and this book from the defence clause alone"
    parts += [f"{count_words(n)} {agreeing(n, 'concerns', 'concern')} "
              f"{asymmetry if code == 'asymm' else PROVISION_NAMES.get(code, code)}" for code, n in others.items()]
    return f"Of the {counted(len(differ), 'difference')}, {join_clauses(parts)}."


def _share_lead(count: int, total: int) -> str:
    """A count out of a total for the head of a clause: 'all', 'most', 'half', or, for fewer than half, the count in words."""
    word = share_word(count, total)
    return count_words(count) if word in ("none", "a minority") else word


LIMITING_EFFECTS: tuple[str, ...] = ("conditions", "forbids")


def limits_clause(legal_limits: pd.DataFrame, candidates: Sequence[str]) -> str:
    """How many candidates have a law or doctrine that conditions or forbids acting in an alliance, as a clause."""
    limited = legal_limits.loc[legal_limits["effect"].isin(LIMITING_EFFECTS) & legal_limits["iso3"].isin(list(candidates)), "iso3"]
    n = limited.nunique()
    if n == 0:
        return "among governments whose own laws and doctrines, as the limits above record, neither condition nor forbid them"
    return (f"among governments whose own laws and doctrines often condition or forbid them: the limits above record "
            f"such a limit for {count_words(n)} of the {count_words(len(candidates))} candidates") if 2 * n > len(candidates) else (
        f"among governments some of whose own laws and doctrines condition or forbid them: the limits above record "
        f"such a limit for {count_words(n)} of the {count_words(len(candidates))} candidates")
