"""Judgement calls: the thresholds the book compares its data with, and how far the data sit from them.

Many sentences in the book turn on a threshold: a margin within which Japan
"sits on the line", a Jaccard index above which two groupings have "nearly the
same members", a share of respondents at which elites "lean" to one side. The
verdict's own thresholds are varied in chapter 9's multiverse; these are not.
For each, this computes the range of values over which every comparison the
threshold makes with the book's data comes out the same, so every finding it
decides reads the same. Outside the range, the finding nearest the edge
changes first.

The range does not depend on whether a comparison is ``>=`` or ``>``: the
outcomes of ``x >= t`` (or ``x <= t``) change only when ``t`` passes one of
the compared values ``x``. If the book's value equals a compared value, it sits
on the edge, and a change in one direction flips that comparison.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Call:
    """A threshold, the data values the book compares it with (labelled), and what the comparison decides."""

    name: str
    value: float
    compared: pd.Series
    decides: str
    unit: str = ""
    decimals: int = 1


@dataclass(frozen=True)
class Holding:
    """The open range (low, high) of threshold values that leave every comparison as it is, and the values at its ends."""

    low: float
    low_label: str
    high: float
    high_label: str
    on_edge: str | None


NAMED_AT_MOST = 3  # labels named at one data value before the rest are counted ("A, B, C and 4 others")


def _labels(values: pd.Series, at: float) -> str:
    labels = list(dict.fromkeys(str(label) for label in values.index[values == at]))
    if len(labels) > NAMED_AT_MOST:
        return ", ".join(labels[:NAMED_AT_MOST]) + f" and {len(labels) - NAMED_AT_MOST} others"
    return ", ".join(labels)


def holding(call: Call) -> Holding:
    """The range of thresholds over which the comparisons with ``call.compared`` all keep their outcome."""
    values = call.compared.dropna().astype(float)
    below, above = values[values < call.value], values[values > call.value]
    low = float(below.max()) if len(below) else -math.inf
    high = float(above.min()) if len(above) else math.inf
    equal = values[values == call.value]
    return Holding(
        low=low, low_label=_labels(values, low) if len(below) else "",
        high=high, high_label=_labels(values, high) if len(above) else "",
        on_edge=_labels(values, call.value) if len(equal) else None,
    )


def calls_frame(calls: Sequence[Call]) -> pd.DataFrame:
    """One row per call: its value, what it decides and the range that leaves the findings unchanged."""
    rows = []
    for call in calls:
        held = holding(call)
        rows.append({"name": call.name, "value": call.value, "unit": call.unit, "decimals": call.decimals,
                     "decides": call.decides, "n_compared": int(call.compared.notna().sum()),
                     "low": held.low, "low_label": held.low_label, "high": held.high, "high_label": held.high_label,
                     "on_edge": held.on_edge})
    return pd.DataFrame(rows, columns=["name", "value", "unit", "decimals", "decides", "n_compared", "low", "low_label",
                                       "high", "high_label", "on_edge"])
