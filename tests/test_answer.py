"""The verdict rule and the proposal's reception, on hand-built inputs."""

from __future__ import annotations

import pandas as pd
import pytest

from asian_nato.analysis import answer
from asian_nato.report import answer_report


def statements(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["position_id", "date", "iso3", "stance"])
    return frame.assign(
        date_parsed=pd.to_datetime(frame["date"]), speaker=["Shigeru Ishiba" if c == "JPN" else "Someone" for c in frame["iso3"]],
        summary="s", government=frame["iso3"].str.lower() + "_gov", on_topic=True,
    )


def classes(**kw: str | None) -> pd.Series:
    return pd.Series(kw, dtype=object)


@pytest.mark.parametrize(
    ("cls", "percentile", "capability", "expected"),
    [
        (classes(USA="yes", JPN="yes", AUS="not now"), 80.0, 4.0, "yes"),
        (classes(USA="yes", JPN="yes", AUS="not now"), 60.0, 4.0, "not now"),  # willing but not feasible enough
        (classes(USA="no", JPN="yes", AUS="yes"), 90.0, 4.0, "no"),  # Washington says no
        (classes(USA="not now", JPN="no", AUS="no", IND="no", KOR="yes"), 90.0, 4.0, "no"),  # most say no
        (classes(USA="not now", JPN="no", AUS="no", IND="yes"), 90.0, 4.0, "not now"),  # half is not most
        (classes(USA="yes", JPN="yes"), 90.0, 0.8, "no"),  # cannot outspend China
        (classes(USA="not now", JPN="yes", AUS="no", IND=None), 90.0, 4.0, "not now"),
    ],
)
def test_verdict_rule(cls: pd.Series, percentile: float, capability: float, expected: str) -> None:
    assert answer.verdict(cls, percentile, capability).answer == expected


@pytest.mark.parametrize(("momentum", "expected"), [(0.3, "not now"), (0.0, "no"), (-0.2, "no"), (float("nan"), "no")])
def test_not_now_needs_a_yes_or_rising_willingness(momentum: float, expected: str) -> None:
    undecided = classes(USA="not now", JPN="not now", AUS="not now", IND="no")
    result = answer.verdict(undecided, 90.0, 4.0, momentum)
    assert result.answer == expected
    assert result.reason.startswith("willingness has risen") == (expected == "not now")
    assert result.reason.endswith("has not risen over the past two years") == (expected == "no")
    since = answer.verdict(undecided, 90.0, 4.0, momentum, period="since Ishiba's proposal")
    assert since.reason.endswith("since Ishiba's proposal") and "{" not in since.reason


def test_each_answer_is_reachable_on_plausible_data() -> None:
    assert answer.verdict(classes(USA="yes", JPN="yes", AUS="yes", IND="not now"), 90.0, 3.0, -0.1).answer == "yes"
    assert answer.verdict(classes(USA="not now", JPN="yes", AUS="not now", IND="no"), 90.0, 3.0, -0.1).answer == "not now"
    assert answer.verdict(classes(USA="not now", JPN="not now", AUS="not now", IND="no"), 90.0, 3.0, -0.1).answer == "no"


def test_a_silent_candidate_counts_against_a_majority() -> None:
    v = answer.verdict(classes(USA="not now", JPN="yes", IND="no", THA=None), 50.0, 2.0)
    assert (v.n_speaking, v.n_yes, v.n_not_now, v.n_no, v.us_class) == (4, 1, 1, 1, "not now")
    assert answer.verdict(classes(USA="yes", JPN="yes", AUS=None, IND=None), 90.0, 2.0).answer == "not now"  # two of four
    assert answer.verdict(classes(USA="yes", JPN="yes"), 90.0, 2.0).answer == "yes"


def test_momentum_compares_only_candidates_scored_at_both_dates() -> None:
    now = pd.Series({"USA": 0.0, "JPN": 1.0, "AUS": -1.0})
    then = pd.Series({"USA": -1.0, "JPN": 2.0, "AUS": None})
    assert answer.momentum(now, then) == pytest.approx((0.0 + 1.0) / 2 - (-1.0 + 2.0) / 2)
    assert answer.momentum(now, pd.Series({"KOR": 1.0})) != answer.momentum(now, pd.Series({"KOR": 1.0}))  # NaN


def test_baseline_verdict_reads_statements_as_they_stood() -> None:
    frame = statements([
        ("P1", "2023-01-01", "USA", "skeptical"), ("P2", "2023-01-01", "JPN", "ambiguous"),
        ("P3", "2025-06-01", "USA", "ambiguous"), ("P4", "2025-06-01", "JPN", "ambiguous"),
    ])
    rising = answer.baseline_verdict(frame, 90.0, 3.0, pd.Timestamp("2025-12-31"))
    assert rising.answer == "not now" and rising.momentum == pytest.approx(0.5)
    before = answer.baseline_verdict(frame, 90.0, 3.0, pd.Timestamp("2024-06-30"))
    assert before.answer == "no" and before.n_speaking == 2  # nothing had moved yet


def test_proposal_and_reactions_window() -> None:
    frame = statements([
        ("P1", "2024-09-01", "JPN", "support"),
        ("P2", "2024-09-27", "JPN", "support"),
        ("P3", "2024-10-01", "IND", "oppose"),
        ("P4", "2024-11-10", "USA", "skeptical"),
        ("P5", "2024-11-12", "CHN", "oppose"),
        ("P6", "2024-10-02", "JPN", "open"),
    ])
    assert answer.proposal_statement(frame)["position_id"] == "P2"
    assert answer.reactions(frame, days=45)["position_id"].tolist() == ["P3", "P4"]


def test_statements_by_year_counts_classes_and_fills_gaps() -> None:
    frame = statements([("P1", "2020-01-01", "CHN", "oppose"), ("P2", "2022-05-01", "JPN", "support"), ("P3", "2022-06-01", "USA", "skeptical")])
    table = answer.statements_by_year(frame)
    assert table.index.tolist() == [2020, 2021, 2022]
    assert table.loc[2022].tolist() == [1, 1, 0]
    assert table.loc[2021].sum() == 0


def _orgs(**extra: list) -> pd.DataFrame:
    frame = pd.DataFrame({
        "org_id": ["a", "b", "c"], "short_name": ["Old", "New", "Older pact"],
        "kind": ["regional_organization", "bilateral_defense", "collective_defense"],
        "founded": ["1990", "2025-02-01", "2024-06-19"], "in_force": ["", "", "2024-12-04"], "dissolved": ["", "", ""],
    })
    frame = frame.assign(**extra)
    return frame.assign(**{f"{c}_date": pd.to_datetime(frame[c].replace("", None), format="ISO8601") for c in ("founded", "in_force", "dissolved")})


def test_changes_since_lists_new_arrangements_entries_into_force_and_spells() -> None:
    mem = pd.DataFrame({"org_id": ["a", "a", "b"], "iso3": ["TLS", "ARM", "AUS"], "status": ["dialogue_partner", "member", "member"],
                        "joined": ["2025-10-26", "1992", "2025-02-01"], "left": ["", "2024-03-01", ""],
                        "joined_date": pd.to_datetime(["2025-10-26", "1992-01-01", "2025-02-01"]),
                        "left_date": pd.to_datetime([None, "2024-03-01", None])})
    out = answer.changes_since(_orgs(), mem, pd.Timestamp("2024-09-27"))
    assert out[["Date", "Event", "Arrangement", "Country"]].values.tolist() == [
        ["2024-12-04", "entered into force", "Older pact", ""],
        ["2025-02-01", "signed or founded", "New", ""],  # its founding member AUS is not listed again
        ["2025-10-26", "joined as dialogue partner", "Old", "TLS"],
    ]


def test_new_alliances_sentence_names_only_collective_defence_treaties() -> None:
    since = pd.Timestamp("2024-09-27")
    assert answer_report.new_alliances_sentence(_orgs(), since).startswith("None of them")
    two = _orgs(kind=["collective_defense", "collective_defense", "collective_defense"],
                founded=["2026-01-01", "2025-02-01", "2024-06-19"])
    assert answer_report.new_alliances_sentence(two, since) == (
        "New and Old are multilateral collective-defence treaties, the kind Ishiba proposed."
    )


def test_verdict_steps_report_each_test() -> None:
    v = answer.verdict(classes(USA="not now", JPN="yes", IND="no"), 50.0, 2.5)
    steps = answer.verdict_steps(v).set_index("Test")["Holds"]
    assert steps.tolist() == ["no", "no", "no", "no", "no", "yes", "no"]
    v = answer.verdict(classes(USA="no", JPN="no", IND="no"), 80.0, 0.5, 0.2)
    assert answer.verdict_steps(v)["Holds"].tolist() == ["yes", "yes", "yes", "no", "yes", "no", "yes"]


@pytest.mark.parametrize(("value", "text"), [(1, "1st"), (2.4, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"), (93, "93rd"), (100, "100th")])
def test_ordinal(value: float, text: str) -> None:
    assert answer.ordinal(value) == text


def test_the_top_quarter_boundary_itself_counts_as_feasible_enough() -> None:
    willing = answer.ClassCounts(n=3, n_yes=2, n_not_now=1, n_no=0, us_class="yes")
    assert answer.decide(willing, answer.TOP_QUARTER, 4.0).answer == "yes"
    assert answer.decide(willing, answer.TOP_QUARTER - 1e-9, 4.0).answer == "not now"
    assert answer.decide(willing, answer.TOP_QUARTER, 1.0).answer == "yes", "spending exactly China's is not outspent"
    assert answer.decide(willing, answer.TOP_QUARTER, 1.0 - 1e-9).answer == "no"


@pytest.mark.parametrize(("n", "negative", "expected"), [
    (6, 5, "The replies came fast and were mostly cool."),
    (6, 3, "The replies came fast and were mixed."),  # half is not most
    (6, 0, "The replies came fast, and none was sceptical or opposed."),
    (0, 0, "No government replied on the record at first."),
])
def test_reaction_tone_follows_the_share_of_cool_replies(n, negative, expected):
    from asian_nato.report import answer_report

    assert answer_report.reaction_tone(n, negative) == expected


# ---------------------------------------------------------------- the size of rise that counts as momentum

@pytest.mark.parametrize(("change", "rise_above", "expected"), [
    (0.01, 0.0, True), (0.0, 0.0, False), (-0.1, 0.0, False), (float("nan"), 0.0, False),
    (0.3, 0.25, True), (0.25, 0.25, False), (0.2, 0.25, False), (0.1, -0.5, True),
])
def test_a_rise_is_a_change_above_the_threshold(change: float, rise_above: float, expected: bool) -> None:
    assert answer.is_rise(change, rise_above) is expected


def test_the_rise_threshold_reaches_the_verdict_and_the_baseline() -> None:
    undecided = classes(USA="not now", JPN="not now", AUS="not now", IND="no")
    assert answer.verdict(undecided, 90.0, 4.0, 0.3).answer == "not now"
    assert answer.verdict(undecided, 90.0, 4.0, 0.3, rise_above=0.3).answer == "no"
    assert answer.verdict(undecided, 90.0, 4.0, 0.3, rise_above=0.29).answer == "not now"
    frame = statements([
        ("P1", "2023-01-01", "USA", "skeptical"), ("P2", "2023-01-01", "JPN", "ambiguous"),
        ("P3", "2025-06-01", "USA", "ambiguous"), ("P4", "2025-06-01", "JPN", "ambiguous"),
    ])
    on = pd.Timestamp("2025-12-31")
    assert answer.baseline_verdict(frame, 90.0, 3.0, on, rise_above=0.49).answer == "not now"
    stricter = answer.baseline_verdict(frame, 90.0, 3.0, on, rise_above=0.5)
    assert stricter.answer == "no" and stricter.reason == "no candidate is classed yes and willingness has not risen over the past two years"


def test_verdict_steps_count_a_rise_only_above_zero() -> None:
    flat = answer.verdict(classes(USA="not now", JPN="not now"), 90.0, 4.0, 0.0)
    steps = answer.verdict_steps(flat).set_index("Test")
    assert steps.iloc[-1]["Holds"] == "no"
    risen = answer.verdict(classes(USA="not now", JPN="not now"), 90.0, 4.0, 0.05)
    assert answer.verdict_steps(risen).iloc[-1]["Holds"] == "yes"
