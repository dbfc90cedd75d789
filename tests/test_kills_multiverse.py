"""The multiverse's bookkeeping on hand-made specifications."""

from __future__ import annotations

import pandas as pd

from asian_nato.analysis import multiverse as mv


def test_an_as_of_date_on_a_snapshot_is_listed_once() -> None:
    assert mv.snapshot_dates(2025, pd.Timestamp("2025-12-31")) == [pd.Timestamp("2025-06-30"), pd.Timestamp("2025-12-31")]
    assert mv.snapshot_dates(2025, pd.Timestamp("2025-06-30")) == [pd.Timestamp("2025-06-30")]


def specs() -> pd.DataFrame:
    """The baseline, and each of two choices moved on its own (reversed order) or together."""
    rows = []
    for window, thresholds, answer in [("on_topic", "book", "not now"), ("latest", "strict", "no"), ("latest", "book", "no"),
                                       ("mean_24_months", "book", "yes"), ("on_topic", "strict", "yes")]:
        rows.append({**mv.BASELINE, "window": window, "thresholds": thresholds, "answer": answer})
    return pd.DataFrame(rows, index=[5, 6, 7, 8, 9])


def test_is_baseline_needs_every_choice_at_its_baseline() -> None:
    assert mv.is_baseline(specs()).tolist() == [False, False, True, False, False]


def test_one_at_a_time_keeps_the_order_the_options_appear_in() -> None:
    single = mv.one_at_a_time(specs())
    window = single[single["dimension"] == "window"]
    assert window["option"].tolist() == ["on_topic", "latest", "mean_24_months"]
    assert window["baseline"].tolist() == [False, True, False]


def test_flips_are_renumbered_departures_that_change_the_answer() -> None:
    out = mv.flips(specs())
    assert out.columns.tolist() == ["dimension", "option", "answer", "baseline"]
    assert out.index.tolist() == [0, 1]
    assert list(zip(out["dimension"], out["option"], out["answer"])) == [("window", "on_topic", "not now"), ("window", "mean_24_months", "yes")]


def test_option_shares_are_renumbered_and_fill_missing_answers_with_zero() -> None:
    out = mv.option_shares(specs())
    assert out.index.tolist() == list(range(len(out)))
    row = out[(out["dimension"] == "thresholds") & (out["option"] == "strict")].iloc[0]
    assert (row["yes"], row["not now"], row["no"]) == (0.5, 0.0, 0.5)
