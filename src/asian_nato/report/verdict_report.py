"""The answer chapter's multiverse: the specification curve, the verdict over time, and computed sentences."""

from __future__ import annotations

import json
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from asian_nato.analysis import answer, measures, multiverse
from asian_nato.report import style
from asian_nato.report.display import count_words, join_words, percent, possessive, sentence_start

SOURCE = "the book's data (positions.csv, governments.csv, opinion.csv, organizations.csv, memberships.csv, clauses.csv, indicators.csv); verdict rule in asian_nato.analysis.answer"
ANSWER_COLOURS: dict[str, str] = {"yes": style.OKABE_ITO["blue"], "not now": style.OKABE_ITO["grey"], "no": style.OKABE_ITO["vermillion"]}
ANSWER_MARKERS: dict[str, str] = {"yes": "^", "not now": "s", "no": "X"}
OPTION_LABELS: dict[str, str] = {
    "book": "the book's", "symmetric": "symmetric (±1)", "strict": "strict (±1.5)",
    "spoken": "candidates that have spoken", "all": "all candidates", "ishiba": "Ishiba's coalition",
    "latest": "latest statement", "current_government": "current government only", "on_topic": "on-topic only",
    "mean_24_months": "mean of the last 24 months", "strong": "official or major-outlet sources only",
    "market": "market rates", "ppp": "PPP", "ppp_adversaries": "PPP for adversaries only",
    "graded": "graded", "binary": "binary", "graded_no_manila": "graded, without the Manila Pact",
    "binary_no_manila": "binary, without the Manila Pact", "equal": "equal", "willingness": "willingness-heavy",
    "standardised": "standardised", "raw": "raw", "statements": "statements only",
    "statements_opinion": "statements and surveys", "two_years": "the past two years", "since_proposal": "since the proposal",
}


# Where two choices share an option's name, the label that reads right for one of them.
DIMENSION_OPTION_LABELS: dict[tuple[str, str], str] = {("sources", "all"): "all sources"}


def option_label(option: object, dimension: str | None = None) -> str:
    if isinstance(option, float):
        return f"{option:.0%}"
    return DIMENSION_OPTION_LABELS.get((str(dimension), str(option)), OPTION_LABELS.get(str(option), str(option)))


def headline(specs: pd.DataFrame) -> dict[str, object]:
    """The baseline answer, its reason, and how often the multiverse agrees with it."""
    base = specs[multiverse.is_baseline(specs)].iloc[0]
    shares = multiverse.answer_shares(specs)
    agree = float(shares[base["answer"]])
    others = [f"{a} in {shares[a]:.0%}" for a in answer.ANSWERS if a != base["answer"] and shares[a] > 0]
    sentence = (
        f"Under the book's rule the answer is {base['answer']}: {base['reason']}. Across all {len(specs):,} specifications "
        f"of the judgement calls in {numbered_list(specs)}, the answer is {base['answer']} in {agree:.0%}"
        + (f", {join_words(others)}." if others else ", and nothing else.")
    )
    return {"answer": base["answer"], "reason": base["reason"], "agree_pct": 100 * agree, "n_specs": len(specs), "sentence": sentence}


def numbered_list(specs: pd.DataFrame) -> str:
    return f"{count_words(len(multiverse.DIMENSIONS))} dimensions"


PROSE_DIMENSIONS: dict[str, str] = {
    "thresholds": "the class thresholds", "base": "the majority base", "window": "the statement window",
    "sources": "the source filter", "capability": "the capability measure", "us_share": "the share of the US budget counted",
    "treaties": "the treaty measure", "weights": "the feasibility weights", "scaling": "the component scaling",
    "willingness": "the willingness signal", "momentum": "the period over which momentum is measured",
}
# Choices that act only through one test of the rule: the capability test, or the feasibility percentile (yes only).
CAPABILITY_DIMENSIONS: tuple[str, ...] = ("capability", "us_share")
PERCENTILE_DIMENSIONS: tuple[str, ...] = ("treaties", "weights", "scaling")


def _sentence_case(text: str) -> str:
    return text[0].upper() + text[1:]


def _never_change(dimensions: list[str], why: str) -> str:
    verb, pronoun = ("changes", "it acts") if len(dimensions) == 1 else ("change", "they act")
    return f" {_sentence_case(join_words(PROSE_DIMENSIONS[d] for d in dimensions))} never {verb} the answer on these data: {pronoun} only {why}."


def flips_sentence(specs: pd.DataFrame) -> str:
    """Which single departures from the baseline change the answer, which choices never matter, and why."""
    flipped = multiverse.flips(specs)
    shares = multiverse.option_shares(specs)
    inert = [d for d, rows in shares.groupby("dimension", sort=False)
             if len(rows) > 1 and np.allclose(rows[list(answer.ANSWERS)].to_numpy(), rows[list(answer.ANSWERS)].to_numpy()[0])]
    yes_test_idle = not (specs["n_yes"] > specs["n_counted"] / 2).any()
    capability_test_idle = bool((specs["capability_ratio"] >= 1).all())
    if flipped.empty:
        head = "No single departure from the baseline changes the answer; only combinations do."
    else:
        parts = [f"{PROSE_DIMENSIONS[r.dimension]} set to {option_label(r.option, r.dimension)} (which gives {r.answer})" for r in flipped.itertuples()]
        head = f"Changing one choice at a time, the answer changes only with {join_words(parts)}."
    explained = []
    tail = ""
    via_percentile = [d for d in inert if d in PERCENTILE_DIMENSIONS and yes_test_idle]
    if via_percentile:
        tail += _never_change(via_percentile, "through the feasibility percentile, which matters only for a yes, and no "
                                              "specification has a majority classed yes")
        explained += via_percentile
    via_capability = [d for d in inert if d in CAPABILITY_DIMENSIONS and capability_test_idle]
    if via_capability:
        tail += _never_change(via_capability, "through the capability test, and in every specification the candidates "
                                              "together outspend China")
        explained += via_capability
    if not capability_test_idle:
        short = specs.loc[specs["capability_ratio"] < 1, ["capability", "us_share"]].drop_duplicates()
        where = join_words(f"{option_label(r.capability)} with {option_label(r.us_share)} of the US budget" for r in short.itertuples())
        tail += (f" The capability test decides in {percent((specs['reason'] == answer.REASONS['outspent']).mean())} of the "
                 f"specifications: measured at {where}, even all the candidates together spend less than China, and the answer is no.")
    others = [d for d in inert if d not in explained]
    if others:
        tail += f" {_sentence_case(join_words(PROSE_DIMENSIONS[d] for d in others))} {'happens' if len(others) == 1 else 'happen'} not to change it either."
    return head + tail


def willingness_sentence(result: answer.Verdict, n_candidates: int) -> str:
    """How many candidates have spoken and how they are classed, in words."""
    spoken = "all" if result.n_speaking == n_candidates else count_words(result.n_speaking, zero="none")
    return (f"Of the {count_words(n_candidates)} candidates, {spoken} have spoken on the record: "
            f"{count_words(result.n_yes, zero='none')} {'is' if result.n_yes == 1 else 'are'} classed yes, "
            f"{count_words(result.n_not_now, zero='none')} not now and {count_words(result.n_no, zero='none')} no.")


def rise_size_sentence(result: answer.Verdict, stricter: answer.Verdict) -> str:
    """How large the rise behind the answer is, and what the answer would be if the rule asked for a rise that large.

    ``stricter`` is the same verdict with ``rise_above`` set to ``result.momentum``.
    """
    if not answer.is_rise(result.momentum):
        return "Today the candidates' mean stance score has not risen, so the size of rise the rule asks for does not decide the answer."
    size = f"{result.momentum:.2f}"
    if stricter.answer == result.answer:
        return (f"The rise is {size} of a step on the stance scale, in the mean of the candidates' scores; a rule that asked "
                f"for a larger rise would still answer {result.answer}, because {stricter.reason}.")
    return (f"The rise is {size} of a step on the stance scale, in the mean of the candidates' scores: a rule that asked "
            f"for a rise larger than this would find none, and the answer would be {stricter.answer}, because {stricter.reason}.")


def recodes_sentence(recodes: pd.DataFrame, current: Mapping[str, str], names: Mapping[str, str], baseline_answer: str) -> str:
    """The fewest one-step recodings that change the answer, in words, from :func:`answer.fewest_recodes`.

    ``current`` maps each candidate to the stance of its latest statement.
    """
    from asian_nato.analysis.positions import STANCE_SCORES

    stance_of = {v: k for k, v in STANCE_SCORES.items()}

    def moved(example: Mapping[str, int]) -> str:
        return join_words(
            f"{possessive(names.get(c, c))} latest statement moved from {current[c]} to {stance_of[STANCE_SCORES[current[c]] + d]}"
            for c, d in example.items())

    parts = []
    for row in recodes.itertuples():
        if row.steps != row.steps:
            parts.append(f"no recoding of up to {count_words(answer.MAX_RECODES)} steps gives {row.answer}")
            continue
        steps = int(row.steps)
        others = ("no other recoding of that size does" if row.recodings == 1
                  else f"one of {count_words(row.recodings)} recodings of that size that do")
        parts.append(f"{count_words(steps)} {'step' if steps == 1 else 'steps'} give{'s' if steps == 1 else ''} {row.answer} "
                     f"({moved(row.example)}; {others})")
    single = recodes["steps"].eq(1).any()
    head = ("A single one-step recoding changes the answer." if single
            else f"No single one-step recoding of a candidate's latest statement changes the answer from {baseline_answer}.")
    return f"{head} With every other choice at the book's, {'; '.join(parts)}."


def dimensions_table() -> pd.DataFrame:
    """Every dimension of the multiverse, its options, and the baseline option."""
    return pd.DataFrame({
        "Choice": [multiverse.DIMENSION_LABELS[d] for d in multiverse.DIMENSIONS],
        "Options": ["; ".join(option_label(o, d) for o in options) for d, options in multiverse.DIMENSIONS.items()],
        "Baseline": [option_label(multiverse.BASELINE[d], d) for d in multiverse.DIMENSIONS],
    })


def option_table(specs: pd.DataFrame) -> pd.DataFrame:
    """For each option of each dimension, the share of its specifications giving each answer (%)."""
    shares = multiverse.option_shares(specs)
    return pd.DataFrame({
        "Choice": shares["dimension"].map(multiverse.DIMENSION_LABELS),
        "Option": [option_label(o, d) for o, d in zip(shares["option"], shares["dimension"])],
        **{f"{a} %": 100 * shares[a] for a in answer.ANSWERS},
    })


def _step_label(step: float, book_step: float) -> str:
    label = f"{step:g}"
    return f"{label} (the book's)" if step == book_step else label


def opinion_step_table(changes: pd.DataFrame, book_step: float = measures.OPINION_POINTS_PER_STEP) -> pd.DataFrame:
    """One row per survey step (:func:`multiverse.opinion_step_changes`): where a figure scores +2, the answers, what changed."""
    return pd.DataFrame({
        "Points per step": [_step_label(s, book_step) for s in changes["opinion_step"]],
        "US share scored support": [f"{measures.full_scale_share(s):g}%" for s in changes["opinion_step"]],
        **{f"{a} %": 100 * changes[a] for a in answer.ANSWERS},
        "Answers changed": [f"{c:,} of {n:,}" for c, n in zip(changes["changed"], changes["n_specs"])],
    })


def opinion_step_sentence(changes: pd.DataFrame, whole: pd.DataFrame, baseline_answer: str,
                          book_step: float = measures.OPINION_POINTS_PER_STEP) -> str:
    """What changing the survey step does to the specifications that read the surveys, and to the whole multiverse.

    ``changes`` is :func:`multiverse.opinion_step_changes`'s result and ``whole``
    :func:`multiverse.shares_by_opinion_step`'s.
    """
    clauses, effects = [], []
    for row in changes[changes["opinion_step"] != book_step].itertuples():
        change = {book_step / 2: "halving the step to", book_step * 2: "doubling the step to"}.get(row.opinion_step, "a step of")
        size = f"{change} {row.opinion_step:g} points"
        if row.changed == 0:
            clauses.append(f"{size} changes none of their answers")
            continue
        moved = {a: getattr(row, "to_" + a.replace(" ", "_")) for a in answer.ANSWERS}
        moved = {a: n for a, n in moved.items() if n}
        where = f"all of them to {next(iter(moved))}" if len(moved) == 1 else join_words(f"{count_words(n)} to {a}" for a, n in moved.items())
        share = row.changed / row.n_specs
        clauses.append(f"{size} changes {count_words(row.changed)} of their answers ({percent(share) if share >= 0.01 else 'under 1%'}), {where}")
        effects.append(f"{percent(whole.loc[row.opinion_step, baseline_answer])} with a step of {row.opinion_step:g}")
    n_specs = int(changes.loc[changes["opinion_step"] == book_step, "n_specs"].iloc[0])
    text = f"Of the {n_specs:,} specifications that read the surveys, {join_words(clauses)}."
    if effects:
        text += (f" Across the whole multiverse, the book's answer, {baseline_answer}, would hold in {join_words(effects)}, "
                 f"against {percent(whole.loc[book_step, baseline_answer])} with the book's.")
    return text


def curve_order(specs: pd.DataFrame) -> pd.DataFrame:
    """Specifications sorted for the curve: by answer, then by momentum, then by the choices."""
    rank = specs["answer"].map({a: i for i, a in enumerate(answer.ANSWERS)})
    return specs.assign(_rank=rank).sort_values(["_rank", "momentum_value", *multiverse.DIMENSIONS], kind="stable").drop(columns="_rank").reset_index(drop=True)


def plot_specification_curve(specs: pd.DataFrame) -> Figure:
    """Top: each specification's momentum, coloured by its answer. Bottom: which option each specification chose."""
    ordered = curve_order(specs)
    fig, (top, bottom) = style.new_figure(7.5, 6.2, nrows=2, sharex=True, gridspec_kw={"height_ratios": [1, 2.2]})
    x = np.arange(len(ordered))
    for label in answer.ANSWERS:
        mask = ordered["answer"].to_numpy() == label
        if mask.any():
            top.scatter(x[mask], ordered.loc[mask, "momentum_value"], s=2, color=ANSWER_COLOURS[label], marker=ANSWER_MARKERS[label],
                        label=f"{label} ({mask.mean():.0%})", rasterized=True, linewidths=0)
    top.axhline(0, color=style.INK, linewidth=0.8, linestyle=":")
    top.set_ylabel("Momentum\n(change in mean score)")
    top.legend(title="Answer", fontsize=7.5, markerscale=4, loc="upper left")
    dims = list(multiverse.DIMENSIONS)
    codes = np.vstack([ordered[d].map({o: i for i, o in enumerate(multiverse.DIMENSIONS[d])}).to_numpy(dtype=float) for d in dims])
    bottom.imshow(codes, aspect="auto", interpolation="nearest", cmap=ListedColormap(list(style.SEQUENCE[:4])), vmin=-0.5, vmax=3.5)
    bottom.set_yticks(range(len(dims)), [multiverse.DIMENSION_LABELS[d] for d in dims], fontsize=7.5)
    bottom.set_xlabel(f"The {len(ordered):,} specifications, sorted by answer and momentum")
    bottom.grid(False)
    for spine in bottom.spines.values():
        spine.set_visible(False)
    return style.add_source(fig, "the book's data; verdict rule in asian_nato.analysis.answer, multiverse in asian_nato.analysis.multiverse.\nBottom panel: options in the order of the table of choices: first blue, second vermillion, third green, fourth purple.")


def _answers_shown(answers: pd.Series) -> tuple[str, str]:
    """The answers that occur, in the rule's order with their shares ('not now in 64% and no in 36%'), and those that never do."""
    shares = answers.value_counts(normalize=True)
    present = [a for a in answer.ANSWERS if shares.get(a, 0) > 0]
    absent = [a for a in answer.ANSWERS if a not in present]
    return join_words(f"{a} in {percent(shares[a])}" for a in present), join_words(absent)


def _none_gives(never: str) -> str:
    """'; none gives yes' for the answers that never occur (from :func:`_answers_shown`), '' if every answer does."""
    return "" if never == "none" else f"; none gives {never.replace(' and ', ' or ')}"


def specification_curve_alt(specs: pd.DataFrame) -> str:
    """Alt text for :func:`plot_specification_curve`: how many specifications, which answers occur and their shares."""
    shown, never = _answers_shown(specs["answer"])
    return (
        f"A two-panel chart over the {len(specs):,} specifications, sorted by answer and momentum. The top panel shows each "
        f"specification's momentum, coloured by its answer, with each answer's share in the legend: {shown} of them"
        f"{_none_gives(never)}. "
        f"The bottom panel has one coloured strip for each of the {count_words(len(multiverse.DIMENSIONS))} choices, showing "
        f"which option each specification used; the table that follows gives each option's shares of each answer."
    )


def over_time_table(over_time: pd.DataFrame) -> pd.DataFrame:
    """Dates (rows) by variant (columns): the answer."""
    wide = over_time.pivot(index="date", columns="variant", values="answer")
    wide = wide[[v for v in multiverse.TIME_VARIANTS if v in wide.columns]]
    wide.index = wide.index.strftime("%Y-%m-%d")
    return wide.rename_axis(columns=None).reset_index().rename(columns={"date": "Date"})


def plot_over_time(over_time: pd.DataFrame) -> Figure:
    """The answer at each half-year under each variant, one row of markers per variant."""
    fig, ax = style.new_figure(7.5, 3.2)
    variants = [v for v in multiverse.TIME_VARIANTS if v in set(over_time["variant"])]
    for i, variant in enumerate(variants):
        rows = over_time[over_time["variant"] == variant]
        for label in answer.ANSWERS:
            pick = rows[rows["answer"] == label]
            ax.scatter(pick["date"], [i] * len(pick), color=ANSWER_COLOURS[label], marker=ANSWER_MARKERS[label], s=36,
                       label=label if i == 0 else None, edgecolors="white", linewidths=0.5)
    ax.set_yticks(range(len(variants)), variants, fontsize=8)
    ax.set_ylim(-0.6, len(variants) - 0.4)
    ax.invert_yaxis()
    ax.legend(title="Answer", fontsize=7.5, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_xlabel("Snapshot date (30 June and 31 December, and the as-of date)")
    return style.add_source(fig, SOURCE.split(";")[0] + "; each snapshot uses only what was known by then.")


def over_time_alt(over_time: pd.DataFrame) -> str:
    """Alt text for :func:`plot_over_time`: the snapshots' span, how often each variant gives each answer, and the latest answers."""
    variants = [v for v in multiverse.TIME_VARIANTS if v in set(over_time["variant"])]
    dates = over_time["date"].drop_duplicates().sort_values()
    counts = pd.crosstab(over_time["variant"], over_time["answer"]).reindex(
        index=variants, columns=[a for a in answer.ANSWERS if a in set(over_time["answer"])])
    per_variant = "; ".join(f"{variant}, " + join_words(f"{a} at {count_words(n)}" for a, n in row.items() if n)
                            for variant, row in counts.iterrows())
    latest = over_time[over_time["date"] == dates.iloc[-1]].set_index("variant")["answer"].reindex(variants).dropna()
    now = (f"every variant gives {latest.iloc[0]}" if latest.nunique() == 1 else
           join_words(f"{variant} gives {a}" for variant, a in latest.items()))
    return (
        f"{sentence_start(count_words(len(variants)))} rows of markers, one per variant of the rule, across {len(dates)} "
        f"snapshots from {dates.iloc[0].date().isoformat()} to {dates.iloc[-1].date().isoformat()}; each marker shows the "
        f"answer at that date. Of the {len(dates)} snapshots: {per_variant}{_none_gives(_answers_shown(over_time['answer'])[1])}. "
        f"At the latest, {now}. The table that follows gives the same answers."
    )


def over_time_sentence(over_time: pd.DataFrame) -> str:
    """When the baseline answer last changed, and how often each variant gave each answer."""
    base = over_time[over_time["variant"] == "baseline"].sort_values("date")
    answers = base["answer"].tolist()
    changes = [i for i in range(1, len(answers)) if answers[i] != answers[i - 1]]
    first, last = base["date"].iloc[0].date().isoformat(), base["date"].iloc[-1].date().isoformat()
    counts = base["answer"].value_counts()
    spread = join_words([f"{answer_} at {count_words(int(counts.get(answer_, 0)))} of them" for answer_ in answer.ANSWERS if counts.get(answer_, 0)])
    if not changes:
        return f"At the {count_words(len(base))} snapshots from {first} to {last}, the baseline rule gives {answers[0]} every time."
    when = base["date"].iloc[changes[-1]].date().isoformat()
    return (
        f"At the {count_words(len(base))} snapshots from {first} to {last}, the baseline rule gives {spread}; "
        f"it last changed, to {answers[changes[-1]]}, at the snapshot of {when}."
    )


def rise_caveat(verdict: answer.Verdict, rise_off_topic: bool) -> str:
    """A warning to print beside the answer when it rests only on a rise made of off-topic statements; else ''."""
    if verdict.answer == "not now" and verdict.n_yes == 0 and rise_off_topic:
        return ("That rise rests entirely on governments whose newer statements do not address an Asian alliance, "
                "so it is the weakest ground the answer could rest on.")
    return ""


def reading(verdict: answer.Verdict, capability_reading: str, rise_off_topic: bool = False) -> str:
    """What the answer means on these data, built from the verdict's own reason and the capability reading."""
    means = {
        "ample": "The means exist under every measure tried",
        "enough": "The means exist under every measure tried, though not always by a wide margin",
        "depends": "Whether the means exist depends on how capability is measured",
        "short": "The means do not exist under any measure tried",
    }[capability_reading]
    if verdict.answer == "yes":
        return f"{means}, most governments counted are willing, and Ishiba's coalition is among the most feasible: the conditions for a NATO-like alliance in Asia are in place."
    if verdict.answer == "not now" and rise_off_topic and verdict.n_yes == 0:
        return (
            f"{means}. No majority is willing and no candidate is classed yes; the rule reads not now only because "
            f"{verdict.reason}, and that rise comes from governments that stopped addressing the idea rather than warmed to it. "
            "It is the weakest ground the answer could rest on; the robustness section shows which choices turn it to no."
        )
    if verdict.answer == "not now":
        return (
            f"{means}. No majority is willing, but {verdict.reason}: the idea has a prospect the data can see, "
            "which is what separates not now from no."
        )
    return f"{means}. But {verdict.reason}: a NATO-like alliance in Asia is not on the table."


def rise_is_off_topic(statements: pd.DataFrame, on: pd.Timestamp, candidates) -> bool:
    """Whether every candidate whose latest stance rose over the momentum period did so with an off-topic statement."""
    earlier = on - pd.Timedelta(days=answer.MOMENTUM_DAYS)
    change = (answer.latest_scores_on(statements, on, candidates) - answer.latest_scores_on(statements, earlier, candidates)).dropna()
    up = change.index[change > 0]
    latest = answer.latest_statements_on(statements, on)
    return bool(len(up)) and not latest.loc[up, "on_topic"].astype(bool).any()


def movers_sentence(statements: pd.DataFrame, on: pd.Timestamp, names: Mapping[str, str], candidates) -> str:
    """Which candidates' latest stance moved over the momentum period, and whether the risers' new statements were on topic."""
    from asian_nato.analysis.positions import STANCE_SCORES
    from asian_nato.report.display import in_prose

    earlier = on - pd.Timedelta(days=answer.MOMENTUM_DAYS)
    now, then = answer.latest_scores_on(statements, on, candidates), answer.latest_scores_on(statements, earlier, candidates)
    stance_of = {v: k for k, v in STANCE_SCORES.items()}
    moved = (now - then).dropna()
    moved = moved[moved != 0]
    if moved.empty:
        return "No candidate's latest stance changed over the period."
    def described(codes) -> str:
        return join_words([f"{in_prose(names.get(c, c))} ({stance_of[then[c]]} to {stance_of[now[c]]})" for c in codes])
    up, down = moved.index[moved > 0].tolist(), moved.index[moved < 0].tolist()
    latest = answer.latest_statements_on(statements, on)
    off_topic = [c for c in up if not bool(latest.loc[c, "on_topic"])]
    parts = []
    if up:
        parts.append(f"the latest stance rose for {described(up)}")
    if down:
        parts.append(f"{'fell' if up else 'the latest stance fell'} for {described(down)}")
    sentence = "Over the period, " + " and ".join(parts) + "."
    if up:
        if len(off_topic) == len(up):
            sentence += (
                " None of the risers' newer statements addresses an Asian alliance: the rise is governments moving from doubting "
                "the idea to talking about other things, not towards the idea."
            )
        elif off_topic:
            sentence += (
                f" For {count_words(len(off_topic))} of the {count_words(len(up))} risers the newer statement does not address "
                "an Asian alliance at all, so part of the rise is governments moving from doubting the idea to talking about something else."
            )
        else:
            sentence += " Every riser's newer statement addresses an Asian alliance directly."
    return sentence


# ---------------------------------------------------------------- the explorer

# Each input of the rule depends on some of the choices only; the explorer ships one small table per input.
EXPLORER_FACTORS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "willingness": (("thresholds", "base", "window", "sources", "willingness", "momentum"),
                    ("n_counted", "n_yes", "n_no", "us_class", "momentum_value")),
    "percentile": (("window", "sources", "willingness", "treaties", "weights", "scaling"), ("percentile",)),
    "capability": (("capability", "us_share"), ("capability_ratio",)),
}


def _option_value(option: object) -> str:
    return repr(float(option)) if isinstance(option, float) else str(option)


def _json_value(value: object) -> object:
    """A table cell as JSON: numbers at full precision (the browser compares them with thresholds), None for missing."""
    if value is None:
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    return value


def explorer_payload(specs: pd.DataFrame) -> dict:
    """What the browser needs to apply the rule to any specification: the choices and one table per input.

    Raises ValueError if an input varies with a choice its table does not key on,
    since the explorer would then give answers the multiverse does not.
    """
    factors = {}
    for name, (keys, values) in EXPLORER_FACTORS.items():
        table = specs[list(keys) + list(values)].drop_duplicates()
        if table.duplicated(list(keys)).any():
            raise ValueError(f"the explorer's {name} table is not a function of {', '.join(keys)}")
        key = table[list(keys)].apply(lambda col: col.map(_option_value)).agg("|".join, axis=1)
        cells = table[list(values)].astype(object).where(table[list(values)].notna(), None)
        if len(values) == 1:
            rows = dict(zip(key, cells[values[0]].map(_json_value)))
        else:
            rows = {k: [_json_value(v) for v in row] for k, row in zip(key, cells.itertuples(index=False))}
        factors[name] = {"keys": list(keys), "table": rows}
    return {
        "dimensions": list(multiverse.DIMENSIONS),
        "factors": factors,
        "reasons": dict(answer.REASONS),
        "periods": dict(multiverse.MOMENTUM_PERIODS),
        "top_quarter": answer.TOP_QUARTER,
        "rise_above": answer.RISE_ABOVE,
    }


class ExplorerHTML:
    """An HTML block for the web edition; the PDF shows the specification curve instead."""

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return "The interactive explorer is in the web edition."


RESULT_FIELDS: tuple[tuple[str, str], ...] = (
    ("counted", "Candidates counted"), ("yes", "Classed yes"), ("no", "Classed no"), ("us", "The United States"),
    ("momentum", "Change in the mean stance score"), ("percentile", "Ishiba's coalition, feasibility percentile"),
    ("capability", "Strongest coalition's spending, times China's"),
)


def explorer_html(specs: pd.DataFrame, element_id: str = "verdict-explorer") -> ExplorerHTML:
    """The explorer's form (one labelled select per choice, set to the baseline), its result region and its data."""
    from html import escape

    base = specs[multiverse.is_baseline(specs)].iloc[0]
    payload = json.dumps(explorer_payload(specs), separators=(",", ":"), allow_nan=False).replace("</", "<\\/")
    selects = []
    for dimension, options in multiverse.DIMENSIONS.items():
        choices = "".join(
            f'<option value="{escape(_option_value(o))}"{" selected" if o == multiverse.BASELINE[dimension] else ""}>{escape(option_label(o, dimension))}</option>'
            for o in options)
        selects.append(f'<div class="ve-field"><label for="{element_id}-{dimension}">{escape(multiverse.DIMENSION_LABELS[dimension])}</label>'
                       f'<select id="{element_id}-{dimension}" name="{dimension}">{choices}</select></div>')
    momentum = base["momentum_value"]
    initial = {
        "counted": str(int(base["n_counted"])), "yes": str(int(base["n_yes"])), "no": str(int(base["n_no"])), "us": str(base["us_class"]),
        "momentum": "not measurable" if momentum != momentum else f"{momentum:+.2f}".replace("-", "\u2212"),
        "percentile": f"{base['percentile']:.0f}", "capability": f"{base['capability_ratio']:.2f}",
    }
    fields = "".join(f'<dt>{escape(label)}</dt><dd data-ve="{key}">{escape(initial[key])}</dd>' for key, label in RESULT_FIELDS)
    return ExplorerHTML(
        f'<noscript><p>The explorer needs JavaScript. The data download of the specification curve gives the answer for every specification.</p></noscript>'
        f'<form class="verdict-explorer" id="{element_id}" data-source="{element_id}-data" data-answer="{escape(base["answer"])}" hidden '
        f'aria-labelledby="{element_id}-title">'
        f'<p class="ve-title" id="{element_id}-title"><strong>Try the judgement calls.</strong> Each control starts at the book\'s choice.</p>'
        f'<fieldset><legend>Judgement calls</legend><div class="ve-grid">{"".join(selects)}</div></fieldset>'
        f'<button type="reset">Back to the book\'s choices</button>'
        f'<div class="ve-result" role="status" aria-live="polite">'
        f'<p>Answer: <strong data-ve="answer">{escape(base["answer"])}</strong>, because <span data-ve="reason">{escape(base["reason"])}</span>.</p>'
        f'<dl>{fields}</dl></div></form>'
        f'<script type="application/json" id="{element_id}-data">{payload}</script>'
    )
