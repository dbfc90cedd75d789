"""The survey step: how survey figures become stance scores, and what changing the step does to the verdict."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from asian_nato import data
from asian_nato.analysis import coalitions, measures, multiverse as mv
from asian_nato.analysis import memberships as ms
from asian_nato.report import verdict_report as vr

OPINION = pd.DataFrame({
    "survey": ["ISEAS State of Southeast Asia"] * 4,
    "question": ["If ASEAN were forced to align itself with one of the strategic rivals"] * 4,
    "iso3": ["PHL", "IDN", "SGP", "THA"],
    "year": [2024, 2024, 2024, 2024],
    "answer": ["United States", "China", "United States", "China"],
    "percent": [80.0, 70.0, 56.25, 50.0],
})


def test_opinion_scores_divide_the_distance_from_an_even_split_by_the_step_and_stop_at_the_scale_ends():
    book = measures.opinion_scores(OPINION, ["PHL", "IDN", "SGP", "THA", "JPN"])
    assert book.round(3).to_dict() == pytest.approx({"PHL": 2.0, "IDN": -1.6, "SGP": 0.5, "THA": 0.0, "JPN": float("nan")}, nan_ok=True)
    doubled = measures.opinion_scores(OPINION, ["PHL", "IDN", "SGP"], points_per_step=25)
    assert doubled.to_dict() == pytest.approx({"PHL": 1.2, "IDN": -0.8, "SGP": 0.25})
    halved = measures.opinion_scores(OPINION, ["IDN", "SGP"], points_per_step=6.25)
    assert halved.to_dict() == pytest.approx({"IDN": -2.0, "SGP": 1.0})
    assert book.name == "opinion_score"
    assert measures.opinion_scores(OPINION, ["SGP"], points_per_step=0.5).tolist() == [2.0]  # any positive step is allowed


def test_opinion_scores_keep_surveys_of_the_cut_off_year_itself():
    later = pd.concat([OPINION, OPINION.head(1).assign(year=2025, percent=60.0)], ignore_index=True)
    assert measures.opinion_scores(later, ["PHL"], up_to_year=2025).tolist() == [pytest.approx(0.8)]
    assert measures.opinion_scores(later, ["PHL"], up_to_year=2024).tolist() == [2.0]


@pytest.mark.parametrize("step", [0, -12.5])
def test_a_step_that_is_not_positive_is_refused(step):
    with pytest.raises(ValueError, match="points_per_step must be positive"):
        measures.opinion_scores(OPINION, ["PHL"], points_per_step=step)


def test_full_scale_share_is_two_steps_above_an_even_split():
    assert measures.full_scale_share() == 75.0
    assert measures.full_scale_share(25) == 100.0
    assert measures.full_scale_share(6.25) == 62.5


def spec(step, answer, **choices):
    base = {d: mv.BASELINE[d] for d in mv.DIMENSIONS} | {"willingness": "statements_opinion"}
    return base | choices | {"opinion_step": step, "answer": answer}


BY_STEP = pd.DataFrame([
    spec(12.5, "not now", base="spoken"), spec(12.5, "not now", base="all"), spec(12.5, "no", base="ishiba"),
    spec(6.25, "not now", base="spoken"), spec(6.25, "not now", base="all"), spec(6.25, "no", base="ishiba"),
    spec(25.0, "no", base="spoken"), spec(25.0, "no", base="all"), spec(25.0, "not now", base="ishiba"),
])


def test_opinion_step_changes_pair_each_specification_with_its_answer_at_the_books_step():
    changes = mv.opinion_step_changes(BY_STEP).set_index("opinion_step")
    assert changes.loc[6.25, ["changed", "to_no", "to_not_now"]].tolist() == [0, 0, 0]
    assert changes.loc[12.5, "changed"] == 0
    assert changes.loc[25.0, ["changed", "to_no", "to_not_now", "to_yes"]].tolist() == [3, 2, 1, 0]
    assert changes.loc[25.0, "no"] == pytest.approx(2 / 3) and changes.loc[25.0, "n_specs"] == 3
    assert changes.index.tolist() == [6.25, 12.5, 25.0]  # in order of step, whatever the input's order


def test_opinion_step_changes_refuse_a_specification_with_no_counterpart_at_the_books_step():
    stray = pd.DataFrame([spec(25.0, "no", base="spoken", window="on_topic")])
    with pytest.raises(ValueError, match="1 specification\\(s\\) have no counterpart at the book's step 12.5"):
        mv.opinion_step_changes(pd.concat([BY_STEP, stray], ignore_index=True))


def test_opinion_step_changes_refuse_a_missing_or_doubled_book_step():
    with pytest.raises(ValueError, match="no specifications at the book's step 12.5"):
        mv.opinion_step_changes(BY_STEP[BY_STEP["opinion_step"] != 12.5])
    doubled = pd.concat([BY_STEP, BY_STEP[BY_STEP["opinion_step"] == 12.5].head(1)], ignore_index=True)
    with pytest.raises(pd.errors.MergeError):
        mv.opinion_step_changes(doubled)


def test_with_opinion_steps_reuses_the_books_rows_and_reruns_only_the_other_steps(monkeypatch):
    calls = []

    def fake_run(inputs, dimensions):
        calls.append((inputs.opinion_step, dimensions["willingness"]))
        return pd.DataFrame([spec(None, "no")]).drop(columns=["opinion_step"])

    monkeypatch.setattr(mv, "run", fake_run)
    specs = pd.DataFrame([spec(None, "not now"), spec(None, "no", willingness="statements")]).drop(columns=["opinion_step"])
    inputs = mv.Inputs(*(pd.DataFrame(),) * 4, universe=None, on=pd.Timestamp("2026-01-01"), ishiba=())
    by_step = mv.with_opinion_steps(specs, inputs, steps=(6.25, 12.5, 25.0))
    assert calls == [(6.25, ("statements_opinion",)), (25.0, ("statements_opinion",))]
    assert by_step.groupby("opinion_step")["answer"].agg(list).to_dict() == {6.25: ["no"], 12.5: ["not now"], 25.0: ["no"]}
    assert by_step.index.equals(pd.RangeIndex(3))


def test_the_step_reaches_the_verdict_on_the_books_data():
    """Threaded through: on today's data, doubling the step takes Philippine and Vietnamese willingness below a yes."""
    statements, indicators = data.load_positions(), data.load_indicators()
    organizations, memberships, clauses = data.load_organizations(), data.load_memberships(), data.load_clauses()
    on = ms.snapshot_date(data.data_version()["as_of"])
    analysis = coalitions.analyse(statements, indicators, organizations, memberships, on, clauses=clauses)
    members = tuple(analysis.scenarios["Ishiba's Asian NATO"])
    universe = mv.coalition_universe(indicators, organizations, memberships, clauses, on, members)
    inputs = mv.Inputs(statements, data.load_governments(), data.load_opinion(), indicators, universe, on, members)
    one = {k: (v,) for k, v in mv.BASELINE.items()} | {"willingness": ("statements_opinion",)}
    yes_at = {step: int(mv.run(replace(inputs, opinion_step=step), one).iloc[0]["n_yes"]) for step in (12.5, 25.0)}
    assert yes_at[25.0] < yes_at[12.5]


CHANGES = pd.DataFrame({
    "opinion_step": [6.25, 12.5, 25.0], "yes": [0.0, 0.0, 0.0], "not now": [0.75, 0.75, 0.5], "no": [0.25, 0.25, 0.5],
    "n_specs": [1200, 1200, 1200], "changed": [0, 0, 300], "to_yes": [0, 0, 0], "to_not_now": [0, 0, 0], "to_no": [0, 0, 300],
})


WHOLE = pd.DataFrame({"yes": [0.0, 0.0, 0.0], "not now": [0.64, 0.64, 0.515], "no": [0.36, 0.36, 0.485]},
                     index=pd.Index([6.25, 12.5, 25.0], name="opinion_step"))


def test_opinion_step_sentence_says_what_halving_and_doubling_change():
    assert vr.opinion_step_sentence(CHANGES, WHOLE, "not now") == (
        "Of the 1,200 specifications that read the surveys, halving the step to 6.25 points changes none of their answers "
        "and doubling the step to 25 points changes 300 of their answers (25%), all of them to no. Across the whole "
        "multiverse, the book's answer, not now, would hold in 52% with a step of 25, against 64% with the book's."
    )
    mixed = CHANGES.assign(changed=[2, 0, 300], to_not_now=[2, 0, 100], to_no=[0, 0, 200])
    assert vr.opinion_step_sentence(mixed, WHOLE, "not now").endswith(
        "halving the step to 6.25 points changes two of their answers (under 1%), all of them to not now "
        "and doubling the step to 25 points changes 300 of their answers (25%), 100 to not now and 200 to no. "
        "Across the whole multiverse, the book's answer, not now, would hold in 64% with a step of 6.25 and 52% with a "
        "step of 25, against 64% with the book's."
    )
    other = CHANGES.assign(opinion_step=[10.0, 12.5, 25.0], n_specs=[1000, 1200, 1000], changed=[12, 0, 300], to_no=[12, 0, 300])
    assert vr.opinion_step_sentence(other, WHOLE.set_axis([10.0, 12.5, 25.0]), "not now").startswith(
        "Of the 1,200 specifications that read the surveys, a step of 10 points changes 12 of their answers (1%), all of them to no")
    exactly_one_percent = CHANGES.assign(changed=[0, 0, 12], to_no=[0, 0, 12])
    assert "changes 12 of their answers (1%)" in vr.opinion_step_sentence(exactly_one_percent, WHOLE, "not now")
    unchanged = CHANGES.assign(changed=0, to_no=0)
    assert "Across the whole multiverse" not in vr.opinion_step_sentence(unchanged, WHOLE, "not now")


def test_shares_by_opinion_step_keep_the_specifications_that_do_not_read_the_surveys():
    specs = pd.DataFrame({"willingness": ["statements"] * 2 + ["statements_opinion"] * 2, "answer": ["no", "not now", "not now", "not now"]})
    by_step = pd.DataFrame({"opinion_step": [12.5, 12.5, 25.0, 25.0], "answer": ["not now", "not now", "no", "no"]})
    whole = mv.shares_by_opinion_step(specs, by_step)
    assert whole.loc[12.5].to_dict() == {"yes": 0.0, "not now": 0.75, "no": 0.25}
    assert whole.loc[25.0].to_dict() == {"yes": 0.0, "not now": 0.25, "no": 0.75}
    assert whole.index.name == "opinion_step"
    assert mv.shares_by_opinion_step(specs, by_step.iloc[::-1]).index.tolist() == [12.5, 25.0]


def test_opinion_step_table_marks_the_books_step_and_where_a_figure_counts_as_support():
    table = vr.opinion_step_table(CHANGES)
    assert table["Points per step"].tolist() == ["6.25", "12.5 (the book's)", "25"]
    assert table["US share scored support"].tolist() == ["62.5%", "75%", "100%"]
    assert table["Answers changed"].tolist() == ["0 of 1,200", "0 of 1,200", "300 of 1,200"]
    assert table["no %"].tolist() == [25.0, 25.0, 50.0]


# ---------------------------------------------------------------- the size of the rise behind a not now

from asian_nato.analysis import answer  # noqa: E402


def test_rise_size_sentence_gives_the_rise_and_the_answer_a_stricter_rule_would_give():
    undecided = pd.Series({"USA": "not now", "JPN": "not now", "AUS": "not now"}, dtype=object)
    risen = answer.verdict(undecided, 90.0, 4.0, 0.2308)
    stricter = answer.verdict(undecided, 90.0, 4.0, 0.2308, rise_above=0.2308)
    assert vr.rise_size_sentence(risen, stricter) == (
        "The rise is 0.23 of a step on the stance scale, in the mean of the candidates' scores: a rule that asked for a "
        "rise larger than this would find none, and the answer would be no, because no candidate is classed yes and "
        "willingness has not risen over the past two years."
    )
    with_a_yes = pd.Series({"USA": "not now", "JPN": "yes", "AUS": "not now"}, dtype=object)
    kept = answer.verdict(with_a_yes, 90.0, 4.0, 0.5)
    assert vr.rise_size_sentence(kept, answer.verdict(with_a_yes, 90.0, 4.0, 0.5, rise_above=0.5)) == (
        "The rise is 0.50 of a step on the stance scale, in the mean of the candidates' scores; a rule that asked for a "
        "larger rise would still answer not now, because some candidates are classed yes."
    )
    flat = answer.verdict(undecided, 90.0, 4.0, -0.1)
    assert vr.rise_size_sentence(flat, flat).startswith("Today the candidates' mean stance score has not risen")
