"""The verdict module's edges, on hand-built inputs: boundaries of dates and thresholds, the
recoding search, and the exact tables the chapters print. Written against surviving mutants."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from asian_nato.analysis import answer, groups, positions
from asian_nato.report import answer_report

from test_answer import classes, statements

# ---------------------------------------------------------------- statements as they stood on a date

def test_a_statement_made_on_the_day_counts_on_that_day() -> None:
    frame = statements([("P1", "2023-01-01", "USA", "skeptical"), ("P2", "2025-06-01", "JPN", "support")])
    on = pd.Timestamp("2025-06-01")
    assert answer.latest_statements_on(frame, on)["position_id"].to_dict() == {"USA": "P1", "JPN": "P2"}
    v = answer.baseline_verdict(frame, 90.0, 3.0, on)
    assert (v.n_speaking, v.n_yes) == (2, 1)
    assert answer.baseline_verdict(frame, 90.0, 3.0, on - pd.Timedelta(days=1)).n_speaking == 1


def test_scores_and_classes_are_indexed_by_exactly_the_candidates_asked_for() -> None:
    frame = statements([("P1", "2023-01-01", "CHN", "oppose"), ("P2", "2024-01-01", "JPN", "open")])
    on = pd.Timestamp("2025-01-01")
    scores = answer.latest_scores_on(frame, on, ("USA", "JPN"))
    assert scores.index.tolist() == ["USA", "JPN"]
    assert math.isnan(scores["USA"]) and scores["JPN"] == 1.0
    cls = answer.candidate_classes(frame)
    assert cls.index.tolist() == list(groups.CANDIDATES)  # China is no candidate; silent candidates are NaN
    assert cls["JPN"] == "yes" and cls.drop("JPN").isna().all()


def test_momentum_uses_only_the_earlier_scores_of_the_actors_scored_now() -> None:
    now = pd.Series({"USA": 0.0, "JPN": 1.0})
    then = pd.Series({"USA": -1.0, "JPN": 0.0, "KOR": 2.0})
    assert answer.momentum(now, then) == pytest.approx(1.0)


# ---------------------------------------------------------------- the rule's inputs and reasons

def test_a_missing_or_silent_united_states_is_no_statement() -> None:
    assert answer.class_counts(classes(JPN="yes", AUS="no")).us_class == positions.NO_STATEMENT
    silent = answer.class_counts(pd.Series({"USA": float("nan"), "JPN": "yes"}, dtype=object))
    assert (silent.n, silent.n_yes, silent.us_class) == (2, 1, positions.NO_STATEMENT)


def test_one_yes_is_enough_for_not_now_and_is_named_as_the_reason() -> None:
    v = answer.verdict(classes(USA="not now", JPN="yes", AUS="not now"), 50.0, 2.0, -0.5)
    assert (v.answer, v.reason) == ("not now", answer.REASONS["some_yes"])


# ---------------------------------------------------------------- the proposal and its reactions

def test_no_supportive_statement_by_ishiba_is_an_error_that_says_so() -> None:
    frame = statements([("P1", "2024-10-01", "JPN", "skeptical")])
    with pytest.raises(ValueError, match="^positions.csv has no supportive statement by Ishiba on or after the proposal date$"):
        answer.proposal_statement(frame)


def test_reactions_include_both_ends_of_the_window_and_are_renumbered() -> None:
    start = positions.PROPOSAL_DATE
    frame = statements([
        ("P9", (start + pd.Timedelta(days=10)).date().isoformat(), "USA", "skeptical"),
        ("P1", start.date().isoformat(), "IND", "oppose"),
        ("P5", (start + pd.Timedelta(days=45)).date().isoformat(), "AUS", "open"),
        ("P6", (start + pd.Timedelta(days=46)).date().isoformat(), "KOR", "open"),
        ("P2", (start - pd.Timedelta(days=1)).date().isoformat(), "CHN", "oppose"),
    ])
    out = answer.reactions(frame, days=45)
    assert out["position_id"].tolist() == ["P1", "P9", "P5"]
    assert out.index.tolist() == [0, 1, 2]


def test_reactions_display_names_governments_and_keeps_the_columns() -> None:
    frame = pd.DataFrame({"date": ["2024-10-01", "2024-10-02"], "iso3": ["USA", "EU"], "speaker": ["A", "B"],
                          "stance": ["open", "oppose"], "summary": ["x", "y"]})
    out = answer_report.reactions_display(frame, {"USA": "United States"})
    assert out.columns.tolist() == ["Date", "For", "Speaker", "Stance", "What was said (summary)"]
    assert out.values.tolist() == [["2024-10-01", "United States", "A", "open", "x"], ["2024-10-02", "EU", "B", "oppose", "y"]]


# ---------------------------------------------------------------- what changed since the proposal

def _orgs() -> pd.DataFrame:
    frame = pd.DataFrame({
        "org_id": ["a", "b", "c"], "short_name": ["Old", "Same day", "Later"],
        "kind": ["regional_organization", "collective_defense", "collective_defense"],
        "founded": ["1990", "2024-09-27", "2025-03-01"], "in_force": ["", "", ""], "dissolved": ["", "", ""],
    })
    return frame.assign(**{f"{c}_date": pd.to_datetime(frame[c].replace("", None), format="ISO8601") for c in ("founded", "in_force", "dissolved")})


def test_changes_since_lists_ended_spells_and_leaves_out_the_day_itself() -> None:
    mem = pd.DataFrame({
        "org_id": ["a", "a", "a", "b"], "iso3": ["ARM", "TLS", "FJI", "AUS"],
        "status": ["member", "dialogue_partner", "member", "member"],
        "joined": ["1992", "2024-09-27", "1995", "2024-10-15"], "left": ["2025-01-15", "", "2024-09-27", ""],
        "joined_date": pd.to_datetime(["1992-01-01", "2024-09-27", "1995-01-01", "2024-10-15"]),
        "left_date": pd.to_datetime(["2025-01-15", None, "2024-09-27", None]),
    })
    out = answer.changes_since(_orgs(), mem, pd.Timestamp("2024-09-27"))
    assert out.columns.tolist() == ["date", "Date", "Event", "Arrangement", "Country"]
    # "Same day" was signed on the day itself, so it is not new, and AUS joining it later is listed.
    assert out[["Date", "Event", "Arrangement", "Country"]].values.tolist() == [
        ["2024-10-15", "joined as member", "Same day", "AUS"],
        ["2025-01-15", "ended member spell", "Old", "ARM"],
        ["2025-03-01", "signed or founded", "Later", ""],
    ]
    assert out["date"].tolist() == [pd.Timestamp("2024-10-15"), pd.Timestamp("2025-01-15"), pd.Timestamp("2025-03-01")]
    assert out.index.tolist() == [0, 1, 2]


def test_an_ended_spell_names_its_status_in_words() -> None:
    mem = pd.DataFrame({"org_id": ["a"], "iso3": ["TLS"], "status": ["dialogue_partner"], "joined": ["2000"],
                        "left": ["2025-05-01"], "joined_date": pd.to_datetime(["2000-01-01"]),
                        "left_date": pd.to_datetime(["2025-05-01"])})
    out = answer.changes_since(_orgs(), mem, pd.Timestamp("2025-04-01"))
    assert out["Event"].tolist() == ["ended dialogue partner spell"]


def test_one_new_treaty_is_named_in_the_singular_and_the_day_itself_is_not_new() -> None:
    assert answer_report.new_alliances_sentence(_orgs(), pd.Timestamp("2024-09-27")) == (
        "Later is a multilateral collective-defence treaty, the kind Ishiba proposed."
    )


# ---------------------------------------------------------------- statements per year

def test_statements_by_year_fills_missing_classes_and_years_with_whole_zeros() -> None:
    frame = statements([("P1", "2020-01-01", "JPN", "support"), ("P2", "2022-05-01", "USA", "open")])
    table = answer.statements_by_year(frame)
    assert table.columns.tolist() == ["yes", "not now", "no"] and table.columns.name is None
    assert table.index.name == "year"
    assert table.values.tolist() == [[1, 0, 0], [0, 0, 0], [1, 0, 0]]
    assert all(str(t).startswith("int") for t in table.dtypes)


# ---------------------------------------------------------------- the recoding search

def test_fewest_recodes_moves_a_statement_shared_with_two_years_earlier_at_both_dates() -> None:
    # JPN's only statement is dated exactly two years (730 days) before `on`, so it is also the latest then.
    frame = statements([
        ("P1", "2024-01-01", "JPN", "ambiguous"),
        ("P2", "2023-06-01", "AUS", "oppose"), ("P3", "2025-06-01", "AUS", "skeptical"),
        ("P4", "2025-06-01", "KOR", "support"),  # not among the candidates asked for
    ])
    on = pd.Timestamp("2025-12-31")
    assert on - pd.Timedelta(days=answer.MOMENTUM_DAYS) == pd.Timestamp("2024-01-01")
    base = answer.verdict_from_scores(
        answer.latest_scores_on(frame, on, ("JPN", "AUS")), answer.latest_scores_on(frame, pd.Timestamp("2024-01-01"), ("JPN", "AUS")), 90.0, 3.0,
    )
    assert (base.answer, base.reason) == ("not now", "willingness has risen over the past two years")
    out = answer.fewest_recodes(frame, on, 90.0, 3.0, candidates=("JPN", "AUS"))
    assert out["answer"].tolist() == ["yes", "no"]
    assert out["steps"].tolist() == [3, 1]
    assert out["recodings"].tolist() == [1, 1]
    # Moving JPN down moves its score two years earlier too, so willingness still rises: only AUS's move gives "no".
    assert out["example"].tolist() == [{"AUS": 2, "JPN": 1}, {"AUS": -1}]


def test_fewest_recodes_never_moves_a_score_past_the_ends_of_the_scale() -> None:
    frame = statements([
        ("P1", "2023-06-01", "AUS", "oppose"), ("P2", "2025-06-01", "AUS", "oppose"),
        ("P3", "2023-06-01", "JPN", "skeptical"), ("P4", "2025-06-01", "JPN", "ambiguous"),
    ])
    out = answer.fewest_recodes(frame, pd.Timestamp("2025-12-31"), 90.0, 3.0, candidates=("AUS", "JPN"))
    assert out["answer"].tolist() == ["yes", "no"]
    assert math.isnan(out["steps"].iloc[0]) and out["recodings"].iloc[0] == 0 and out["example"].iloc[0] == {}
    # AUS already opposes: a fourth step down (-3) is not a recoding, so only JPN's move stops the rise.
    assert (out["steps"].iloc[1], out["recodings"].iloc[1], out["example"].iloc[1]) == (1, 1, {"JPN": -1})


# ---------------------------------------------------------------- the verdict table

TESTS = [
    "The United States is classed no",
    "Most candidates counted are classed no",
    "The most capable coalition spends less than China",
    "Most candidates counted are classed yes",
    "Ishiba's coalition is at or above the 75th feasibility percentile",
    "At least one candidate is classed yes",
    "The candidates' mean stance score has risen over the past 2 years",
]


def test_verdict_steps_print_each_test_and_what_was_found() -> None:
    v = answer.verdict(classes(USA="yes", JPN="yes", AUS="yes", IND="not now"), 80.0, 2.5, -0.25)
    steps = answer.verdict_steps(v)
    assert steps.columns.tolist() == ["Test", "Found", "Holds"]
    assert steps["Test"].tolist() == TESTS
    assert steps["Found"].tolist() == ["yes", "0 of 4", "2.5 times China", "3 of 4", "80th percentile", "3 of 4", "change -0.25"]
    assert steps["Holds"].tolist() == ["no", "no", "no", "yes", "yes", "yes", "no"]
    silent = answer.verdict_steps(answer.verdict(classes(USA="yes"), 80.0, 2.5))
    assert silent["Found"].iloc[-1] == "change not measurable" and silent["Holds"].iloc[-1] == "no"


def test_verdict_steps_hold_exactly_at_their_boundaries() -> None:
    half_no = answer.verdict(classes(USA="not now", JPN="no", AUS="no", IND="yes"), 75.0, 1.0, 0.0)
    holds = answer.verdict_steps(half_no)["Holds"].tolist()
    # 2 of 4 is not most; spending exactly China's is not less; the 75th percentile itself counts; no change is no rise.
    assert holds == ["no", "no", "no", "no", "yes", "yes", "no"]
    half_yes = answer.verdict(classes(USA="yes", JPN="yes", AUS="not now", IND="not now"), 74.9, 1.5, 0.1)
    assert answer.verdict_steps(half_yes)["Holds"].tolist() == ["no", "no", "no", "no", "no", "yes", "yes"]


def test_ordinal_beyond_a_hundred() -> None:
    assert [answer.ordinal(v) for v in (101, 111, 112, 121, 213)] == ["101st", "111th", "112th", "121st", "213th"]
