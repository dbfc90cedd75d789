"""Judgement calls: the range of thresholds that keeps every finding, on hand-made values."""

from __future__ import annotations

import math

import pandas as pd

from asian_nato.analysis.judgement import Call, calls_frame, holding
from asian_nato.report import judgement_report as jr

GAPS = pd.Series({"Japan": 1.2, "India": 9.0, "Viet Nam": 14.0})


def test_holding_is_the_gap_between_the_compared_values_around_the_threshold():
    held = holding(Call("Margin", 5.0, GAPS, "on the line"))
    assert (held.low, held.low_labels, held.high, held.high_labels, held.on_edge) == (1.2, ("Japan",), 9.0, ("India",), ())


def test_holding_is_open_ended_when_every_value_is_on_one_side():
    held = holding(Call("Margin", 20.0, GAPS, "on the line"))
    assert (held.low, held.low_labels, held.high, held.high_labels) == (14.0, ("Viet Nam",), math.inf, ())
    held = holding(Call("Margin", 0.5, GAPS, "on the line"))
    assert (held.low, held.low_labels, held.high, held.high_labels) == (-math.inf, (), 1.2, ("Japan",))


def test_a_threshold_equal_to_a_data_value_is_on_the_edge_and_ties_are_all_named():
    values = pd.Series({"A": 0.9, "B": 0.9, "C": 0.5, "D": float("nan")})
    held = holding(Call("Index", 0.9, values, "nearly the same"))
    assert held.on_edge == ("A", "B") and held.low_labels == ("C",) and math.isinf(held.high)
    held = holding(Call("Index", 0.7, values, "nearly the same"))
    assert held.high_labels == ("A", "B") and held.high == 0.9


def test_the_table_states_range_and_nearest_values_in_the_calls_units():
    calls = [
        Call("Margin for 'on the line'", 5.0, GAPS, "Japan sits on the line", unit=" points", decimals=1),
        Call("Index for 'nearly the same members'", 0.9, pd.Series({"ARF–EAS": 0.95}), "the top pair's wording", decimals=2),
        Call("Lean to the US", 60.0, pd.Series(dtype=float), "which elites lean", unit="%", decimals=0),
    ]
    table = jr.calls_table(calls)
    assert table["Book's value"].tolist() == ["5.0 points", "0.90", "60%"]
    assert table["Same findings for any value"].tolist() == [
        "between 1.2 points and 9.0 points", "below 0.95", "any value (no data value is compared today)"]
    assert table["Nearest data values"].tolist() == ["Japan (1.2 points); India (9.0 points)", "ARF–EAS (0.95)", "none"]


def test_the_closest_call_is_the_one_with_least_room_relative_to_its_value():
    calls = [Call("Margin for 'on the line'", 5.0, GAPS, "x", unit=" points"),      # room 3.8 of 5: 76%
             Call("Index for 'nearly the same members'", 0.9, pd.Series({"ARF–EAS": 0.95}), "y", decimals=2)]  # room 0.05 of 0.9: 6%
    assert jr.closest_call_sentence(calls) == (
        "The closest call is the index for 'nearly the same members': a finding changes only if it rises to 0.95 (ARF–EAS), 6% of its value away.")
    assert jr.closest_call_sentence(calls[:1]) == (
        "The closest call is the margin for 'on the line': a finding changes only if it falls to 1.2 points (Japan), 76% of its value away.")


def test_the_closest_call_on_the_edge_and_with_nothing_compared():
    on_edge = Call("Index", 0.9, pd.Series({"A": 0.9}), "z", decimals=2)
    assert jr.closest_call_sentence([on_edge]) == (
        "The closest call is the index: the book's value equals the data value of A, so any change to it changes a finding.")
    empty = Call("Lean", 60.0, pd.Series(dtype=float), "w")
    assert jr.closest_call_sentence([empty]) == "No finding here changes for any other value of these thresholds."
    assert jr.closest_call_sentence([]) == ""


def test_calls_frame_counts_the_values_compared():
    frame = calls_frame([Call("Margin", 5.0, pd.Series({"A": 1.0, "B": None}), "x")])
    assert frame.loc[0, "n_compared"] == 1


def test_many_values_at_one_point_are_named_up_to_three_then_counted_in_words():
    values = pd.Series({"A": 1.0, "B": 1.0, "C": 1.0, "D": 1.0, "E": 1.0, "F": 3.0, "A ": 1.0})
    held = holding(Call("Class line", 2.0, values, "x"))
    assert held.low_labels == ("A", "B", "C", "D", "E", "A ") and held.high_labels == ("F",)
    assert jr.named(held.low_labels) == "A, B, C and three others"
    assert jr.named(("A", "B", "C", "D")) == "A, B, C and one other"
    assert jr.named(("A", "B", "C")) == "A, B, C"
    table = jr.calls_table([Call("Class line", 2.0, values, "x", decimals=0)])
    assert table.loc[0, "Nearest data values"] == "A, B, C and three others (1); F (3)"


def test_a_call_off_the_edge_beside_one_on_it_keeps_its_range():
    calls = [Call("Window", 45.0, pd.Series({"Singapore": 45.0, "Indonesia": 66.0}), "x", unit=" days", decimals=0),
             Call("Percentile", 75.0, pd.Series({"Ishiba's coalition": 94.0}), "y", decimals=0)]
    table = jr.calls_table(calls)
    assert table["Same findings for any value"].tolist() == [
        "none: the book's value equals the data value of Singapore", "below 94"]
    assert jr.closest_call_sentence(calls[::-1]) == (
        "The closest call is the window: the book's value equals the data value of Singapore, so any change to it changes a finding.")


def test_a_close_call_is_given_to_a_tenth_of_a_per_cent():
    calls = [Call("Share on a strong source", 80.0, pd.Series({"statements": 79.8}), "x", unit="%", decimals=1)]
    assert jr.closest_call_sentence(calls) == (
        "The closest call is the share on a strong source: a finding changes only if it falls to 79.8% (statements), "
        "0.3% of its value away.")  # (80 - 79.8) / 80 = 0.25%


def test_a_threshold_of_zero_is_never_the_closest_call_by_share_and_never_called_unchanging():
    zero = Call("Change in lean", 0.0, pd.Series({"A": -0.5, "B": 0.1}), "x", decimals=1)
    far = Call("Margin", 5.0, pd.Series({"Japan": 1.0}), "y", unit=" points")
    assert jr.closest_call_sentence([zero, far]) == (
        "Of the calls not set at zero, the closest is the margin: a finding changes only if it falls to 1.0 points "
        "(Japan), 80% of its value away.")
    assert jr.closest_call_sentence([zero]) == ""
    unused_zero = Call("Change in lean", 0.0, pd.Series(dtype=float), "x")
    assert jr.closest_call_sentence([unused_zero, far]).startswith("The closest call is the margin")


def test_calls_display_captions_agree_with_the_number_of_calls():
    one = [Call("Margin", 5.0, GAPS, "x")]
    assert jr.calls_display(one, "tbl-a").caption == "The judgement call in this chapter, and the range over which it keeps its finding."
    two = jr.calls_display(one * 2, "tbl-b")
    assert two.caption.startswith("The judgement calls in this chapter") and two.label == "tbl-b"
    assert two.widths == jr.CALLS_WIDTHS and len(two.frame) == 2
    assert jr.calls_display(one, "tbl-c", caption="Custom.").caption == "Custom."


def test_calls_frame_columns_are_named_and_ordered():
    frame = calls_frame([Call("Margin", 5.0, GAPS, "which side", unit=" points")])
    assert frame.columns.tolist() == ["name", "value", "unit", "decimals", "decides", "n_compared", "low", "low_labels",
                                      "high", "high_labels", "on_edge"]
    assert frame.loc[0, "decides"] == "which side" and frame.loc[0, "unit"] == " points"
    assert calls_frame([]).columns.tolist() == frame.columns.tolist()
