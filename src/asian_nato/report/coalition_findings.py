"""Chapter 7's findings in words: each sentence computed from the coalition scores, with the other wording when the data turn.

Kept apart from :mod:`asian_nato.report.coalitions_report`, which draws the chapter's tables and charts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from asian_nato.analysis.coalitions import frontier
from asian_nato.report.display import agreeing, count_words, join_words, percent, possessive, sentence_start


def money_agreement(reading: str) -> str:
    """Whether the capability measures agree on money, from a :func:`measures_report.capability_reading` of Ishiba's coalition."""
    return "the measures disagree" if reading == "depends" else "the measures agree"


def best_by_size_clause(scores: pd.DataFrame) -> str:
    """Whether the best feasibility on offer falls with every added member."""
    best = scores.groupby("size")["feasibility"].max().sort_index()
    if best.is_monotonic_decreasing and best.is_unique:
        return "the larger a coalition, the lower the best feasibility it can reach"
    return "the best feasibility a coalition can reach does not always fall as it grows"


def us_capability_sentence(numbers: Mapping[str, object]) -> str:
    """Whether US membership alone separates the more capable coalitions from the less, from :func:`key_numbers`."""
    low_with, high_without = float(numbers["coal_min_cap_with_us"]), float(numbers["coal_max_cap_without_us"])
    ranges = (f"each of the {int(numbers['coal_n_with_us']):,d} coalitions with the United States spends at least "
              f"{low_with:.2f} times what China does, while the most capable coalition without it reaches {high_without:.2f} times")
    if low_with > high_without:
        return f"because that decides capability: {ranges}."
    return f"because it shapes capability, though it does not decide it: {ranges}."


_FRONTIER_COMPONENTS: dict[str, str] = {"willingness_01": "willingness (on the unit scale)", "cohesion": "cohesion",
                                        "overlap": "treaty overlap"}


def frontier_ends_sentence(scores: pd.DataFrame) -> str:
    """How each feasibility component changes from the frontier's most feasible coalition to its most capable."""
    front = frontier(scores)
    feasible, capable = front.loc[front["feasibility"].idxmax()], front.loc[front["capability_vs_china"].idxmax()]

    def change(column: str) -> str:
        start, end = round(float(feasible[column]), 2), round(float(capable[column]), 2)
        if start == end:
            return f"{_FRONTIER_COMPONENTS[column]} stays at {start:.2f}"
        return f"{_FRONTIER_COMPONENTS[column]} {'falls' if end < start else 'rises'} from {start:.2f} to {end:.2f}"

    return f"From its most feasible end to its most capable, {join_words(change(c) for c in _FRONTIER_COMPONENTS)}."


def best_pair_clause(scores: pd.DataFrame) -> str:
    """What the most feasible pair is made of: allies, and whether they vote more alike than the median pair."""
    pairs = scores[scores["size"] == scores["size"].min()]
    best = pairs.loc[pairs["feasibility"].idxmax()]
    allied = best["linked_pairs"] == best["pairs"]
    alike = best["cohesion"] > pairs["cohesion"].median()
    if allied and alike:
        return "a pair can be chosen so that both members are allies that vote more alike than the median pair"
    if allied:
        return "a pair can be chosen so that both members are allies"
    return "even the best pair is not bound by a treaty"


def stance_pull_clause(stance_scores: pd.Series, member: str, members: Sequence[str], stance: str, names: Mapping[str, str]) -> str:
    """How one member's latest stance moves its coalition's willingness: down, not at all, or up, against the others' mean."""
    others = stance_scores.reindex([m for m in members if m != member]).dropna().mean()
    own = stance_scores.get(member)
    who = f"{possessive(names.get(member, member))} latest stance ({stance})"
    if own is None or own != own or others != others or own == others:
        return f"in which {who} is no cooler than its partners'"
    return f"whose willingness {who} {'pulls down' if own < others else 'lifts'}"


LITTLE_GAIN: float = 0.10  # a rise in spending under this share of the coalition's own is called little


def addition_sentence(base: float, wider: float, base_name: str, added: str) -> str:
    """Whether adding members to a coalition adds little capability, against :data:`LITTLE_GAIN`."""
    gain = wider / base - 1
    size = "little" if gain < LITTLE_GAIN else "much"
    return (f"Adding {added} to {base_name} adds {size} capability: its spending rises from {base:.2f} to {wider:.2f} times "
            f"China's, {percent(gain)} more (the book calls a rise of less than {percent(LITTLE_GAIN)} little).")


def near_default_sentence(n_near: int, n_same: int) -> str:
    """Whether the scenarios keep their order under the weightings next to the default."""
    if n_same == n_near:
        return "Closer to the default the picture holds."
    if 2 * n_same > n_near:
        return "Closer to the default the picture mostly holds."
    return "Closer to the default the picture changes too."


def willing_and_allied_sentence(n_positive: int, n_candidates: int, scores: pd.DataFrame) -> str:
    """How many candidates' latest stances are warmer than ambiguous, and up to what size a coalition can be allied pair by pair."""
    if n_positive == 0:
        willing = f"None of the {count_words(n_candidates)} candidates' latest stances is warmer than ambiguous"
    else:
        lead = "only " if 2 * n_positive < n_candidates else ""
        willing = (f"{sentence_start(lead + count_words(n_positive))} of the {count_words(n_candidates)} candidates' latest "
                   f"stances {agreeing(n_positive, 'is', 'are')} warmer than ambiguous")
    bound = scores.loc[scores["linked_pairs"] == scores["pairs"], "size"]
    largest = int(scores["size"].max())
    if bound.empty:
        allied = "no coalition has every pair of members bound by a treaty"
    elif bound.max() == largest:
        allied = "even the full set of candidates is bound by treaty pair by pair"
    else:
        allied = (f"while a coalition of up to {count_words(int(bound.max()))} members can be picked from governments already "
                  "bound to each other by treaty, every larger one includes a pair with no treaty between them")
    return f"{willing}, and {allied}."


def standing_phrase(percentile: float) -> str:
    """Where a percentile stands among all coalitions, leading into 'behind N others': 'better than most, but'."""
    if percentile > 50:
        return "better than most, but"
    return "in the middle, and" if percentile == 50 else "worse than most,"
