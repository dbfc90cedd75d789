"""The book's answer: the proposal and its reception (chapter 1) and the verdict (chapter 9).

The verdict is a rule on the data, not an opinion typed into the text:

* **no** if the United States is classed "no", or most candidate
  governments counted are classed "no", or even the most capable coalition
  would spend less than China;
* otherwise **yes** if most candidate governments counted are classed
  "yes" (:func:`asian_nato.analysis.positions.stance_table`) *and* Ishiba's coalition
  ranks in the top quarter of all coalitions on feasibility;
* otherwise **not now** if something points towards yes: at least one
  candidate is classed "yes", or the counted candidates' mean stance score
  has risen over the previous :data:`MOMENTUM_DAYS` days (:func:`momentum`);
* otherwise **no**: nobody is for it and nothing is moving towards it, so
  "not now" would claim a prospect the data do not show.

"Not now" therefore says something "no" does not: that the means exist and
there is a constituency for the idea, or movement towards it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from asian_nato.analysis import groups, positions

ANSWERS: tuple[str, ...] = ("yes", "not now", "no")
MOMENTUM_DAYS: int = 730  # "has willingness risen?" is asked over the previous two years
MOMENTUM_PERIOD: str = "over the past two years"
REACTION_DAYS = 45
TOP_QUARTER = 75.0
RISE_ABOVE: float = 0.0  # a change in the candidates' mean stance score above this counts as a rise: any rise
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


def _first_weeks(statements: pd.DataFrame, days: int) -> pd.Series:
    """Which statements were made within ``days`` of the proposal (the proposal's day counts)."""
    start = positions.PROPOSAL_DATE
    return (statements["date_parsed"] >= start) & (statements["date_parsed"] <= start + pd.Timedelta(days=days))


def reactions(statements: pd.DataFrame, days: int = REACTION_DAYS) -> pd.DataFrame:
    """Statements by others within ``days`` of the proposal, oldest first."""
    window = _first_weeks(statements, days)
    return statements[window & (statements["iso3"] != "JPN")].sort_values(["date_parsed", "position_id"], ignore_index=True)


def home_reactions(statements: pd.DataFrame, days: int = REACTION_DAYS) -> pd.DataFrame:
    """Statements by Japan's government within ``days`` of the proposal by anyone but the proposer, oldest first."""
    proposer = proposal_statement(statements)["speaker"]
    japan = (statements["iso3"] == "JPN") & ~statements["speaker"].str.contains(proposer, regex=False)
    return statements[_first_weeks(statements, days) & japan].sort_values(["date_parsed", "position_id"], ignore_index=True)


def reaction_delays(statements: pd.DataFrame, names: Mapping[str, str] | None = None) -> pd.Series:
    """Days from the proposal to each statement by others on or after it, labelled by actor (name if given) and date.

    :func:`reactions` keeps those within ``REACTION_DAYS``; these are the values that window is compared with.
    """
    start = positions.PROPOSAL_DATE
    later = statements[(statements["date_parsed"] >= start) & (statements["iso3"] != "JPN")]
    days = (later["date_parsed"] - start).dt.days
    actors = later["iso3"].map(lambda code: (names or {}).get(code, code))
    return pd.Series(days.to_numpy(), index=(actors + ", " + later["date"]).to_numpy(), name="days")


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


def statements_by_year(statements: pd.DataFrame) -> pd.DataFrame:
    """Count of statements per year and class ('yes', 'not now', 'no'), years as rows."""
    classes = statements["stance"].map(positions.stance_class)
    years = statements["date_parsed"].dt.year
    table = pd.crosstab(years, classes).reindex(columns=list(positions.CLASSES), fill_value=0)
    full = range(int(years.min()), int(years.max()) + 1)
    return table.reindex(full, fill_value=0).rename_axis(index="year", columns=None)


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
    momentum: float
    reason: str


def is_rise(change: float, rise_above: float = RISE_ABOVE) -> bool:
    """Whether a change in the candidates' mean stance score counts as a rise (NaN, not measurable, does not)."""
    return change == change and change > rise_above


def momentum(now: pd.Series, then: pd.Series) -> float:
    """Change in the mean stance score of the candidates scored both now and earlier; NaN if none was."""
    return _momentum_of(now.to_numpy(dtype=float), then.reindex(now.index).to_numpy(dtype=float))


def _momentum_of(now: np.ndarray, then: np.ndarray) -> float:
    both = ~np.isnan(now) & ~np.isnan(then)
    if not both.any():
        return float("nan")
    return float(now[both].mean() - then[both].mean())


# Why the rule gave its answer, one text per test; the chapter's explorer applies the same rule in the browser.
REASONS: dict[str, str] = {
    "us_no": "the United States is classed no",
    "majority_no": "most candidates counted are classed no",
    "outspent": "no coalition outspends China",
    "majority_yes": "most candidates counted are classed yes and Ishiba's coalition is among the most feasible",
    "some_yes": "some candidates are classed yes",
    "rising": "willingness has risen {period}",
    "nothing": "no candidate is classed yes and willingness has not risen {period}",
}


@dataclass(frozen=True)
class ClassCounts:
    """What the rule reads from the counted candidates' classes."""

    n: int
    n_yes: int
    n_not_now: int
    n_no: int
    us_class: str


def class_counts(counted_classes: pd.Series) -> ClassCounts:
    """Counts of each class among the counted candidates (NaN for a silent one), and the US's class."""
    return _counts_of(counted_classes.to_numpy(dtype=object), counted_classes.get(groups.US))


def _counts_of(labels: np.ndarray, us_label: object) -> ClassCounts:
    n_yes, n_not_now, n_no = (int((labels == c).sum()) for c in positions.CLASSES)
    us_class = positions.NO_STATEMENT if us_label is None or pd.isna(us_label) else str(us_label)
    return ClassCounts(len(labels), n_yes, n_not_now, n_no, us_class)


def decide(counts: ClassCounts, ishiba_percentile: float, max_capability: float, momentum: float = float("nan"),
           period: str = MOMENTUM_PERIOD, rise_above: float = RISE_ABOVE) -> Verdict:
    """The module's rule, on class counts already taken; ``reason`` names the test that decided."""
    n, n_yes, n_no = counts.n, counts.n_yes, counts.n_no
    rising = is_rise(momentum, rise_above)
    if counts.us_class == "no":
        answer, reason = "no", REASONS["us_no"]
    elif n and 2 * n_no > n:
        answer, reason = "no", REASONS["majority_no"]
    elif max_capability < 1:
        answer, reason = "no", REASONS["outspent"]
    elif n and 2 * n_yes > n and ishiba_percentile >= TOP_QUARTER:
        answer, reason = "yes", REASONS["majority_yes"]
    elif n_yes > 0 or rising:
        answer, reason = "not now", REASONS["some_yes"] if n_yes > 0 else REASONS["rising"]
    else:
        answer, reason = "no", REASONS["nothing"]
    return Verdict(answer, n, n_yes, counts.n_not_now, n_no, counts.us_class, float(ishiba_percentile), float(max_capability),
                   float(momentum), reason.format(period=period))


def verdict(counted_classes: pd.Series, ishiba_percentile: float, max_capability: float, momentum: float = float("nan"),
            period: str = MOMENTUM_PERIOD, rise_above: float = RISE_ABOVE) -> Verdict:
    """Apply the module's rule to the counted candidates' classes (indexed by ISO3; NaN for a silent one).

    A silent candidate counts in the denominator of each majority but is
    neither yes nor no; pass only the candidates that have spoken to count
    the majority among them. ``reason`` names the test that decided.
    """
    return decide(class_counts(counted_classes), ishiba_percentile, max_capability, momentum, period, rise_above)


def candidate_classes(statements: pd.DataFrame, candidates: tuple[str, ...] = groups.CANDIDATES) -> pd.Series:
    """The class of each candidate government's latest statement; NaN where it has none."""
    table = positions.stance_table(statements).set_index("iso3")["class"]
    return table.reindex(list(candidates))


def latest_statements_on(statements: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """Each actor's latest statement made on or before ``on``, indexed by ``iso3``."""
    before = statements[statements["date_parsed"] <= on].sort_values(["date_parsed", "position_id"], kind="stable")
    return before.groupby("iso3").tail(1).set_index("iso3")


def latest_scores_on(statements: pd.DataFrame, on: pd.Timestamp, candidates: tuple[str, ...] = groups.CANDIDATES) -> pd.Series:
    """Each candidate's latest stance score among statements made on or before ``on``; NaN where none."""
    return positions.stance_scores(latest_statements_on(statements, on)["stance"]).reindex(list(candidates))


def baseline_verdict(statements: pd.DataFrame, ishiba_percentile: float, max_capability: float, on: pd.Timestamp,
                     rise_above: float = RISE_ABOVE) -> Verdict:
    """The book's verdict on ``on``: latest statements, candidates that have spoken, momentum over two years.

    ``rise_above`` is the change in the mean stance score that a rise must exceed (the book's: any rise).
    """
    classes = candidate_classes(statements[statements["date_parsed"] <= on]).dropna()
    earlier = on - pd.Timedelta(days=MOMENTUM_DAYS)
    shift = momentum(latest_scores_on(statements, on).reindex(classes.index), latest_scores_on(statements, earlier).reindex(classes.index))
    return verdict(classes, ishiba_percentile, max_capability, shift, rise_above=rise_above)


def verdict_from_scores(now: pd.Series, then: pd.Series, ishiba_percentile: float, max_capability: float) -> Verdict:
    """The baseline rule on candidates' latest stance scores now and two years earlier (NaN where silent)."""
    return _verdict_from_values(now.to_numpy(dtype=float), then.reindex(now.index).to_numpy(dtype=float),
                                np.asarray(now.index == groups.US), ishiba_percentile, max_capability)


def _verdict_from_values(now: np.ndarray, then: np.ndarray, is_us: np.ndarray, ishiba_percentile: float,
                         max_capability: float) -> Verdict:
    """:func:`verdict_from_scores` on aligned arrays (NaN where silent), cheap enough to call thousands of times."""
    spoken = ~np.isnan(now)
    labels = positions.classify_values(now[spoken])
    us = labels[is_us[spoken]]
    counts = _counts_of(labels, us[0] if len(us) else None)
    return decide(counts, ishiba_percentile, max_capability, _momentum_of(now[spoken], then[spoken]))


MAX_RECODES: int = 3


def fewest_recodes(statements: pd.DataFrame, on: pd.Timestamp, ishiba_percentile: float, max_capability: float,
                   candidates: tuple[str, ...] = groups.CANDIDATES, max_steps: int = MAX_RECODES) -> pd.DataFrame:
    """How many one-step recodes of candidates' latest statements it takes to change the baseline answer.

    A step moves one statement one place along the stance scale (oppose …
    support); a statement can take more than one step. A recoded statement
    that was already the latest two years earlier moves the earlier score
    too. The feasibility percentile is held at its value. Returns one row per
    other answer: the fewest steps that give it (NaN if more than
    ``max_steps``), how many distinct recodings of that size do, and the
    first of them in the candidates' order, as ``{iso3: steps}``.
    """
    from collections import Counter
    from itertools import combinations_with_replacement

    earlier = on - pd.Timedelta(days=MOMENTUM_DAYS)
    now, then = latest_scores_on(statements, on, candidates), latest_scores_on(statements, earlier, candidates)
    latest_date = latest_statements_on(statements, on)["date_parsed"].reindex(list(candidates))
    shared = latest_date <= earlier  # the latest statement is also the latest two years earlier
    baseline = verdict_from_scores(now, then, ishiba_percentile, max_capability).answer
    spoken = [c for c in candidates if now.get(c) == now.get(c)]
    moves = [(c, d) for c in spoken for d in (-1, 1)]
    now_values, then_values = now.to_numpy(dtype=float), then.reindex(now.index).to_numpy(dtype=float)
    is_us, moves_then = np.asarray(now.index == groups.US), shared.reindex(now.index, fill_value=False).to_numpy(dtype=bool)
    position = {code: i for i, code in enumerate(now.index)}
    found: dict[str, tuple[int, int, dict[str, int]]] = {}
    for k in range(1, max_steps + 1):
        for combo in combinations_with_replacement(moves, k):
            steps_by_actor = Counter(c for c, _ in combo)
            net = Counter()
            for actor, step in combo:
                net[actor] += step
            if any(abs(net[a]) != n for a, n in steps_by_actor.items()):  # up and down on one statement: not a recoding
                continue
            shift = np.zeros(len(now_values))
            for actor, step in net.items():
                shift[position[actor]] = step
            new_now = now_values + shift
            if ((new_now < -2) | (new_now > 2)).any():
                continue
            new_then = then_values + np.where(moves_then, shift, 0.0)
            result = _verdict_from_values(new_now, new_then, is_us, ishiba_percentile, max_capability).answer
            if result == baseline or (result in found and found[result][0] < k):
                continue
            steps, count, first = found.get(result, (k, 0, {c: int(v) for c, v in sorted(net.items())}))
            found[result] = (k, count + 1, first)
    return pd.DataFrame([
        {"answer": a, "steps": found[a][0] if a in found else float("nan"), "recodings": found[a][1] if a in found else 0,
         "example": found[a][2] if a in found else {}}
        for a in ANSWERS if a != baseline
    ])


def ordinal(value: float) -> str:
    """A number rounded to a whole ordinal: 1st, 2nd, 3rd, 4th, 11th, 93rd."""
    n = int(round(value))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def verdict_steps(result: Verdict, top_quarter: float = TOP_QUARTER) -> pd.DataFrame:
    """Each test of the verdict rule, in the order it is applied, with the value found and whether it holds."""
    def holds(flag: bool) -> str:
        return "yes" if flag else "no"

    majority = result.n_speaking / 2
    rising = is_rise(result.momentum)
    momentum = "not measurable" if result.momentum != result.momentum else f"{result.momentum:+.2f}"
    return pd.DataFrame({
        "Test": [
            "The United States is classed no",
            "Most candidates counted are classed no",
            "The most capable coalition spends less than China",
            "Most candidates counted are classed yes",
            f"Ishiba's coalition is at or above the {ordinal(top_quarter)} feasibility percentile",
            "At least one candidate is classed yes",
            f"The candidates' mean stance score has risen over the past {MOMENTUM_DAYS // 365} years",
        ],
        "Found": [
            result.us_class,
            f"{result.n_no} of {result.n_speaking}",
            f"{result.max_capability:.1f} times China",
            f"{result.n_yes} of {result.n_speaking}",
            f"{ordinal(result.ishiba_percentile)} percentile",
            f"{result.n_yes} of {result.n_speaking}",
            f"change {momentum}",
        ],
        "Holds": [
            holds(result.us_class == "no"),
            holds(result.n_no > majority),
            holds(result.max_capability < 1),
            holds(result.n_yes > majority),
            holds(result.ishiba_percentile >= top_quarter),
            holds(result.n_yes > 0),
            holds(rising),
        ],
    })
