"""The verdict rule, the stance classes and the multiverse on hand-built inputs.

Written against mutants of answer.py, positions.py and multiverse.py that the suite left alive:
boundaries of thresholds and dates, error messages, alignment by name, and the columns callers read.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from asian_nato.analysis import answer, coalitions, groups, multiverse as mv, positions

from test_answer import classes, statements
from test_coalitions import T, toy_indicators, toy_memberships, toy_organizations
from test_commitments import clause
from test_kills_multiverse import specs as departures
from test_kills_uncovered_b import poll
from test_multiverse import GOVERNMENTS, frame
from test_positions import statements as positions_statements

# ---------------------------------------------------------------- answer: momentum


def test_momentum_compares_only_candidates_scored_at_both_dates_and_subtracts_the_earlier_mean() -> None:
    now = pd.Series({"USA": 1.0, "JPN": 2.0, "AUS": np.nan})
    then = pd.Series({"USA": -1.0, "JPN": np.nan, "AUS": -2.0})
    # Only the US is scored at both dates: 1 - (-1).
    assert answer.momentum(now, then) == pytest.approx(2.0)


def test_momentum_with_no_candidate_scored_at_both_dates_is_not_measurable() -> None:
    now = pd.Series({"USA": 1.0, "JPN": np.nan})
    then = pd.Series({"JPN": 0.0})
    assert math.isnan(answer.momentum(now, then))


# ---------------------------------------------------------------- answer: class counts


def test_class_counts_count_each_class_and_read_the_us_class() -> None:
    counts = answer.class_counts(classes(USA="yes", JPN="no", AUS="not now", IND="yes", KOR=None))
    assert counts == answer.ClassCounts(n=5, n_yes=2, n_not_now=1, n_no=1, us_class="yes")


def test_a_united_states_counted_but_silent_is_no_statement() -> None:
    counts = answer.class_counts(pd.Series({"USA": np.nan, "JPN": "yes"}, dtype=object))
    assert counts.us_class == positions.NO_STATEMENT
    assert answer.class_counts(classes(USA="no", JPN="yes")).us_class == "no"


def test_verdict_from_scores_aligns_the_earlier_scores_by_candidate_not_by_position() -> None:
    now = pd.Series({"USA": 0.0, "JPN": 1.0})
    then = pd.Series({"JPN": 0.0, "USA": np.nan})  # the other order; only Japan was scored two years earlier
    result = answer.verdict_from_scores(now, then, 90.0, 3.0)
    assert result.momentum == pytest.approx(1.0)
    assert (result.answer, result.n_yes, result.us_class) == ("not now", 1, "not now")


# ---------------------------------------------------------------- answer: the recoding search


def test_fewest_recodes_reads_earlier_scores_of_the_actors_asked_for() -> None:
    # Taiwan is no candidate in groups.CANDIDATES; asked for, its earlier statement still counts for momentum.
    assert "TWN" not in groups.CANDIDATES
    frame_ = statements([
        ("P1", "2023-06-01", "TWN", "skeptical"), ("P2", "2025-06-01", "TWN", "ambiguous"),
        ("P3", "2025-06-01", "JPN", "ambiguous"),
    ])
    on = pd.Timestamp("2025-12-31")
    out = answer.fewest_recodes(frame_, on, 90.0, 3.0, candidates=("JPN", "TWN"))
    # Baseline: nobody is yes but Taiwan rose from skeptical to ambiguous, so "not now"; the other answers are yes and no.
    assert out["answer"].tolist() == ["yes", "no"]


def test_fewest_recodes_lets_a_statement_be_recoded_up_to_support() -> None:
    frame_ = statements([("P1", "2025-06-01", "USA", "ambiguous"), ("P2", "2025-06-01", "JPN", "support")])
    out = answer.fewest_recodes(frame_, pd.Timestamp("2025-12-31"), 90.0, 3.0, candidates=("USA", "JPN")).set_index("answer")
    # Baseline not now (one yes of two). The US one step up (open) gives two yes of two.
    assert (out.loc["yes", "steps"], out.loc["yes", "recodings"], out.loc["yes", "example"]) == (1, 1, {"USA": 1})
    # "no" takes two steps: the US down to oppose, or Japan down to ambiguous (nobody yes, nothing measured rising).
    assert (out.loc["no", "steps"], out.loc["no", "recodings"], out.loc["no", "example"]) == (2, 2, {"USA": -2})


# ---------------------------------------------------------------- positions: classes and trends


def test_classify_values_applies_both_thresholds_inclusively() -> None:
    scores = np.array([2.0, 1.0, 0.99, -1.49, -1.5, -2.0, np.nan])
    assert positions.classify_values(scores).tolist() == ["yes", "yes", "not now", "not now", "no", "no", "not now"]


def test_classify_values_rejects_equal_thresholds_and_says_why() -> None:
    with pytest.raises(ValueError, match="^the no threshold must lie below the yes threshold$"):
        positions.classify_values(np.array([0.0]), yes_at=1.0, no_at=1.0)


def test_classify_scores_uses_the_no_threshold_it_is_given() -> None:
    out = positions.classify_scores(pd.Series({"A": -1.0, "B": 1.0, "C": np.nan}), yes_at=1.0, no_at=-1.0)
    assert out["A"] == "no" and out["B"] == "yes" and pd.isna(out["C"])


def test_classify_score_and_government_errors_say_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="^cannot classify a missing score$"):
        positions.classify_score(float("nan"))
    with pytest.raises(ValueError, match="^last_n must be at least 1$"):
        positions.classify_government(["open"], last_n=0)
    with pytest.raises(ValueError, match="^a government with no statement cannot be classified$"):
        positions.classify_government([])


def test_a_change_of_exactly_the_threshold_is_a_trend() -> None:
    labels = positions.trend_label(pd.Series([0.5, -0.5, 0.49, -0.49]), pd.Series([2, 2, 2, 2]))
    assert labels.tolist() == ["warming", "cooling", "steady", "steady"]


def test_stance_table_counts_a_statement_on_the_cutoff_as_after_it() -> None:
    frame_ = positions_statements([("P1", "2024-01-01", "AAA", "skeptical"), ("P2", "2024-09-27", "AAA", "support")])
    row = positions.stance_table(frame_, cutoff=pd.Timestamp("2024-09-27")).iloc[0]
    assert (row["mean_before"], row["mean_after"], row["change"], row["trend"]) == (-1.0, 2.0, 3.0, "warming")


def test_stance_table_columns_are_in_the_documented_order_with_who_spoke_last() -> None:
    frame_ = positions_statements([("P1", "2024-01-01", "AAA", "skeptical"), ("P2", "2025-01-01", "AAA", "open")])
    frame_ = frame_.assign(government=["aaa_old", "aaa_new"], on_topic=[True, False])
    table = positions.stance_table(frame_)
    assert table.columns.tolist() == [
        "iso3", "is_government", "n_statements", "first_date", "last_date", "first", "last", "latest_stance",
        "latest_score", "latest_government", "latest_on_topic", "mean_before", "mean_after", "recent_mean", "change",
        "trend", "class",
    ]
    assert (table.loc[0, "latest_government"], bool(table.loc[0, "latest_on_topic"])) == ("aaa_new", False)


def test_class_changes_returns_only_the_compared_columns() -> None:
    frame_ = positions_statements([("P1", "2020-01-01", "AAA", "oppose"), ("P2", "2021-01-01", "AAA", "open"),
                                   ("P3", "2021-01-01", "BBB", "open")])
    out = positions.class_changes(frame_, last_n=2)
    assert out.columns.tolist() == ["iso3", "is_government", "class", "class_last2"]
    assert out.values.tolist() == [["AAA", True, "yes", "not now"]]  # mean of oppose and open is -0.5


# ---------------------------------------------------------------- multiverse: statements and bases

ON = pd.Timestamp("2026-06-01")


def test_statement_scores_count_the_day_itself_and_a_window_of_730_days_after_its_start() -> None:
    rows = frame([
        ("P1", "2024-06-01", "JPN", "oppose", "j", True, "official"),  # exactly 730 days before: outside the window
        ("P2", "2025-01-01", "JPN", "support", "j", True, "official"),
        ("P3", "2026-06-01", "USA", "open", "u", True, "official"),  # on the day itself
    ])
    assert ON - pd.Timedelta(days=mv.WINDOW_DAYS) == pd.Timestamp("2024-06-01")
    latest = mv.statement_scores(rows, GOVERNMENTS, ON, "latest", "all", ["USA", "JPN"])
    assert latest.name == "score" and latest.to_dict() == {"USA": 1.0, "JPN": 2.0}
    mean = mv.statement_scores(rows, GOVERNMENTS, ON, "mean_24_months", "all", ["USA", "JPN"])
    assert mean.to_dict() == {"USA": 1.0, "JPN": 2.0}


def test_unknown_rules_are_named_in_the_error() -> None:
    rows = frame([("P1", "2025-01-01", "JPN", "open", "j", True, "official")])
    with pytest.raises(ValueError, match="^unknown source rule 'best'$"):
        mv.statement_scores(rows, GOVERNMENTS, ON, "latest", "best", ["JPN"])
    with pytest.raises(ValueError, match="^unknown window 'all_time'$"):
        mv.statement_scores(rows, GOVERNMENTS, ON, "all_time", "all", ["JPN"])
    with pytest.raises(ValueError, match="^unknown base 'everyone'$"):
        mv.base_classes(pd.Series({"JPN": "yes"}, dtype=object), "everyone", ())


# ---------------------------------------------------------------- multiverse: coalitions

CODES = ("USA", "JPN", "PHL")


def manila_organizations() -> pd.DataFrame:
    manila = pd.DataFrame([(mv.MANILA, "Manila Pact", "collective_defense", T("1954-09-08"), T("1955-02-19"), pd.NaT, "mutual")],
                          columns=toy_organizations().columns)
    return pd.concat([toy_organizations(), manila], ignore_index=True)


def manila_memberships() -> pd.DataFrame:
    manila = pd.DataFrame([(mv.MANILA, "USA", "member", T("1955-02-19"), pd.NaT), (mv.MANILA, "PHL", "member", T("1955-02-19"), pd.NaT)],
                          columns=toy_memberships().columns)
    return pd.concat([toy_memberships(), manila], ignore_index=True)


def manila_clauses() -> pd.DataFrame:
    return pd.DataFrame([clause(org, "constitutional_processes") for org in ("us_jpn", "us_phl", mv.MANILA)])


def universe() -> mv.CoalitionUniverse:
    """USA–JPN linked by their treaty, USA–PHL only by the Manila Pact (PHL left the bilateral one); both graded 0.5."""
    return mv.coalition_universe(toy_indicators(), manila_organizations(), manila_memberships(), manila_clauses(),
                                 pd.Timestamp("2026-01-01"), ("USA", "JPN"), candidates=CODES)


def test_coalition_universe_grades_binarises_and_drops_the_manila_pact_per_treaty_measure() -> None:
    u = universe()
    # Rows: USA–JPN, USA–PHL, JPN–PHL, all three (by size, then subset number).
    assert u.matrix.tolist() == [[True, True, False], [True, False, True], [False, True, True], [True, True, True]]
    assert u.ishiba_row == 0
    assert u.overlaps["graded"].tolist() == pytest.approx([0.5, 0.5, 0.0, 1 / 3])
    assert u.overlaps["binary"].tolist() == pytest.approx([1.0, 1.0, 0.0, 2 / 3])
    assert u.overlaps["graded_no_manila"].tolist() == pytest.approx([0.5, 0.0, 0.0, 1 / 6])
    assert u.overlaps["binary_no_manila"].tolist() == pytest.approx([1.0, 0.0, 0.0, 1 / 3])


def test_willingness_01_aligns_scores_by_code_and_counts_a_silent_member_as_ambiguous() -> None:
    u = mv.CoalitionUniverse(CODES, coalitions.subset_matrix(3), 0, np.zeros(4), {})
    scores = pd.Series({"PHL": 2.0, "USA": -2.0})  # another order, and Japan silent
    # Mean scores -1, 0, 1, 0 on -2..2, rescaled to 0..1.
    assert mv.willingness_01(u, scores).tolist() == pytest.approx([0.25, 0.5, 0.75, 0.5])


# ---------------------------------------------------------------- multiverse: spending


def spending() -> pd.DataFrame:
    rows = [(code, year, "milex_const_usd_m", value, "constant 2023 US$ m") for code, year, value in [
        ("USA", 2023, 700.0), ("USA", 2024, 900.0), ("USA", 2026, 100.0),
        ("JPN", 2023, 50.0), ("JPN", 2024, 50.0),
        ("CHN", 2023, 250.0), ("CHN", 2024, 300.0), ("CHN", 2026, 3000.0),
    ]]
    return pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value", "unit"])


def test_capability_table_keeps_spending_up_to_the_year_and_the_multiverse_us_shares() -> None:
    upto = mv.capability_table(spending(), ("USA", "JPN"), up_to_year=2024)
    assert upto.loc[("market", 1.0)] == pytest.approx((900 + 50) / 300)
    assert upto.loc[("market", 0.5)] == pytest.approx((450 + 50) / 300)
    assert upto.loc["market"].index.tolist() == [0.25, 0.5, 1.0]
    latest = mv.capability_table(spending(), ("USA", "JPN"))
    assert latest.loc[("market", 1.0)] == pytest.approx((100 + 50) / 3000)


# ---------------------------------------------------------------- multiverse: the run


def run_statements() -> pd.DataFrame:
    return frame([
        ("P1", "2023-01-01", "USA", "ambiguous", "usa_a", True, "official"),
        ("P2", "2023-01-01", "JPN", "ambiguous", "jpn_old", True, "official"),
        ("P3", "2023-01-01", "PHL", "oppose", "phl_a", True, "official"),
        ("P4", "2025-01-01", "PHL", "ambiguous", "phl_a", True, "official"),
        ("P5", "2025-03-01", "JPN", "skeptical", "jpn_old", True, "official"),
    ])


def run_opinion() -> pd.DataFrame:
    return pd.DataFrame([poll("PHL", 2025, "United States", 100.0), poll("PHL", 2027, "China", 100.0)])


def run_capability() -> pd.Series:
    index = pd.MultiIndex.from_tuples([("market", 1.0), ("market", 0.5), ("ppp", 1.0)], names=["measure", "us_share"])
    return pd.Series([3.0, 2.0, 0.5], index=index, name="ratio")


def run_inputs(on: pd.Timestamp = ON, capability: pd.Series | None = None, indicators: pd.DataFrame | None = None) -> mv.Inputs:
    return mv.Inputs(run_statements(), GOVERNMENTS, run_opinion(), toy_indicators() if indicators is None else indicators,
                     universe(), on, ("USA", "JPN"), candidates=CODES,
                     capability=run_capability() if capability is None and indicators is None else capability)


def only(**choices: object) -> dict[str, tuple]:
    return {k: tuple(choices[k]) if k in choices else (v,) for k, v in mv.BASELINE.items()}  # type: ignore[arg-type]


def test_run_reports_every_value_the_rule_used_under_the_given_capability() -> None:
    specs = mv.run(run_inputs(), only())
    assert specs.columns.tolist() == [
        "thresholds", "base", "window", "sources", "capability", "us_share", "treaties", "weights", "scaling", "willingness",
        "momentum", "answer", "reason", "n_counted", "n_yes", "n_no", "us_class", "percentile", "capability_ratio",
        "momentum_value",
    ]
    assert len(specs) == 1
    row = specs.iloc[0]
    # Now USA ambiguous, JPN skeptical, PHL ambiguous (mean -1/3): nobody yes. Two years earlier (2024-06-01)
    # USA and JPN ambiguous, PHL oppose (mean -2/3): risen by 1/3.
    assert (row["n_counted"], row["n_yes"], row["n_no"], row["us_class"]) == (3, 0, 0, "not now")
    assert row["capability_ratio"] == 3.0
    assert row["momentum_value"] == pytest.approx(1 / 3)
    assert (row["answer"], row["reason"]) == ("not now", "willingness has risen over the past two years")


def test_run_keeps_only_the_capability_rows_of_both_chosen_measure_and_share() -> None:
    specs = mv.run(run_inputs(), only(capability=("market",), us_share=(1.0,)))
    assert specs[["capability", "us_share", "capability_ratio"]].values.tolist() == [["market", 1.0, 3.0]]


def test_run_measures_spending_as_of_the_year_when_no_capability_is_given() -> None:
    inputs = run_inputs(on=pd.Timestamp("2024-12-31"), indicators=spending())
    row = mv.run(inputs, only()).iloc[0]
    # USA, JPN and PHL (no spending data) over China, with 2024's figures (2026's are not known yet).
    assert row["capability_ratio"] == pytest.approx((900 + 50) / 300)


def test_run_blends_opinion_published_by_the_year_into_both_dates() -> None:
    specs = mv.run(run_inputs(), only(willingness=("statements", "statements_opinion"))).set_index("willingness")
    # PHL's 2025 survey (100% for the US) scores +2; the 2027 one is not out yet. Blended with its ambiguous
    # statement PHL is +1, yes; two years earlier its oppose blends to 0.
    assert specs.loc["statements_opinion", "n_yes"] == 1 and specs.loc["statements", "n_yes"] == 0
    # now: USA 0, JPN -1, PHL 1 -> 0; then: USA 0, JPN 0, PHL 0 -> 0.
    assert specs.loc["statements_opinion", "momentum_value"] == pytest.approx(0.0)


def test_run_applies_each_threshold_pair_and_each_base() -> None:
    specs = mv.run(run_inputs(), only(thresholds=("book", "symmetric"), base=("spoken", "ishiba")))
    got = {(r.thresholds, r.base): (r.n_counted, r.n_no, r.momentum_value) for r in specs.itertuples()}
    # Japan skeptical (-1) is no only under the symmetric thresholds; Ishiba's coalition is the US and Japan,
    # whose momentum is JPN's fall from ambiguous to skeptical: (0 - 1)/2 - 0 = -0.5.
    assert got[("book", "spoken")][:2] == (3, 0) and got[("symmetric", "spoken")][:2] == (3, 1)
    assert got[("book", "ishiba")][:2] == (2, 0) and got[("symmetric", "ishiba")][:2] == (2, 1)
    assert got[("book", "ishiba")][2] == pytest.approx(-0.5)


def test_run_reads_the_current_government_window_from_the_governments() -> None:
    specs = mv.run(run_inputs(), only(window=("current_government",)))
    # In office on the day: jpn_new (so Japan's statements, all by jpn_old, drop out) and usa_a; PHL has no government row.
    assert specs.iloc[0]["n_counted"] == 1


def test_momentum_since_the_proposal_is_measured_only_after_it_and_named_in_the_reason() -> None:
    after = mv.run(run_inputs(), only(momentum=("two_years", "since_proposal"))).set_index("momentum")
    # On the proposal date (2024-09-27) the latest were USA 0, JPN 0, PHL -2; now 0, -1, 0: risen by 1/3.
    assert after.loc["since_proposal", "momentum_value"] == pytest.approx(1 / 3)
    assert after.loc["since_proposal", "reason"] == "willingness has risen since Ishiba's proposal"
    assert after.loc["two_years", "reason"] == "willingness has risen over the past two years"
    for on in (positions.PROPOSAL_DATE, pd.Timestamp("2024-06-30")):
        row = mv.run(run_inputs(on=on), only(momentum=("since_proposal",))).iloc[0]
        assert math.isnan(row["momentum_value"])
        assert row["reason"] == "no candidate is classed yes and willingness has not risen since Ishiba's proposal"


def test_run_ranks_ishiba_by_the_scaling_chosen() -> None:
    specs = mv.run(run_inputs(), only(scaling=("standardised", "raw"))).set_index("scaling")["percentile"]
    u = universe()
    will = mv.willingness_01(u, mv.statement_scores(run_statements(), GOVERNMENTS, ON, "latest", "all", CODES))
    components = pd.DataFrame({"willingness_01": will, "cohesion": u.cohesion, "overlap": u.overlaps["graded"]})
    for scaling in ("standardised", "raw"):
        feasibility = coalitions.feasibility(components, coalitions.DEFAULT_WEIGHTS, scaling).to_numpy()
        assert specs[scaling] == mv.percentile_of(feasibility, u.ishiba_row)
    assert specs["standardised"] != specs["raw"]


# ---------------------------------------------------------------- multiverse: summaries


def test_option_shares_show_an_answer_no_specification_gives_as_zero() -> None:
    specs = departures().assign(answer=["not now", "no", "no", "not now", "no"])
    out = mv.option_shares(specs)
    assert (out["yes"] == 0.0).all()


def test_flips_depart_from_the_baseline_they_are_given() -> None:
    baseline = {**mv.BASELINE, "window": "on_topic"}
    out = mv.flips(departures(), baseline)
    assert list(zip(out["dimension"], out["option"], out["answer"])) == [
        ("thresholds", "strict", "yes"), ("window", "latest", "no"), ("window", "mean_24_months", "yes"),
    ]
