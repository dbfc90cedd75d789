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
    """The open range (low, high) of threshold values that leave every comparison as it is, and who sits at each end.

    ``low_labels`` and ``high_labels`` are the labels of the data values at the ends (empty where the range is open);
    ``on_edge`` those equal to the threshold itself.
    """

    low: float
    low_labels: tuple[str, ...]
    high: float
    high_labels: tuple[str, ...]
    on_edge: tuple[str, ...]


def _labels(values: pd.Series, at: float) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(label) for label in values.index[values == at]))


def holding(call: Call) -> Holding:
    """The range of thresholds over which the comparisons with ``call.compared`` all keep their outcome."""
    values = call.compared.dropna().astype(float)
    below, above = values[values < call.value], values[values > call.value]
    low = float(below.max()) if len(below) else -math.inf
    high = float(above.min()) if len(above) else math.inf
    return Holding(low=low, low_labels=_labels(values, low), high=high, high_labels=_labels(values, high),
                   on_edge=_labels(values, call.value))


def calls_frame(calls: Sequence[Call]) -> pd.DataFrame:
    """One row per call: its value, what it decides and the range that leaves the findings unchanged."""
    rows = []
    for call in calls:
        held = holding(call)
        rows.append({"name": call.name, "value": call.value, "unit": call.unit, "decimals": call.decimals,
                     "decides": call.decides, "n_compared": int(call.compared.notna().sum()),
                     "low": held.low, "low_labels": held.low_labels, "high": held.high, "high_labels": held.high_labels,
                     "on_edge": held.on_edge})
    return pd.DataFrame(rows, columns=["name", "value", "unit", "decimals", "decides", "n_compared", "low", "low_labels",
                                       "high", "high_labels", "on_edge"])
