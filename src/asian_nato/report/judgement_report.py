"""The judgement-call tables and sentences: each threshold, what it decides, and how far the data sit from it."""

from __future__ import annotations

import math

import pandas as pd

from asian_nato.analysis import judgement
from asian_nato.report.display import Table, counted, percent, show_table


def _number(value: float, decimals: int, unit: str) -> str:
    return f"{value:,.{decimals}f}{unit}"


CLOSE_SHARE = 0.05  # room below this share of the value is given to a tenth of a per cent, so it never reads "0%"
NAMED_AT_MOST = 3  # labels named at one data value before the rest are counted ("A, B, C and five others")


def named(labels: tuple[str, ...]) -> str:
    """Labels as prose, the first few named and the rest counted."""
    if len(labels) > NAMED_AT_MOST:
        return ", ".join(labels[:NAMED_AT_MOST]) + f" and {counted(len(labels) - NAMED_AT_MOST, 'other')}"
    return ", ".join(labels)


def _on_edge(row: pd.Series) -> str:
    """The data values the threshold equals, named ('' if none)."""
    return named(tuple(row["on_edge"]))


def range_text(row: pd.Series) -> str:
    """The thresholds that leave the findings as they are: 'between 1.2 and 3.4', 'above 1.2', 'any value'."""
    show = lambda v: _number(v, int(row["decimals"]), row["unit"])  # noqa: E731
    if _on_edge(row):
        return f"none: the book's value equals the data value of {_on_edge(row)}"
    low, high = row["low"], row["high"]
    if math.isinf(low) and math.isinf(high):
        return "any value" + ("" if row["n_compared"] else " (no data value is compared today)")
    if math.isinf(low):
        return f"below {show(high)}"
    if math.isinf(high):
        return f"above {show(low)}"
    return f"between {show(low)} and {show(high)}"


def nearest_text(row: pd.Series) -> str:
    """The data values at the ends of the range, which a changed threshold would reclassify first."""
    show = lambda v: _number(v, int(row["decimals"]), row["unit"])  # noqa: E731
    parts = []
    if not math.isinf(row["low"]):
        parts.append(f"{named(row['low_labels'])} ({show(row['low'])})")
    if not math.isinf(row["high"]):
        parts.append(f"{named(row['high_labels'])} ({show(row['high'])})")
    return "; ".join(parts) or "none"


def calls_table(calls: list[judgement.Call]) -> pd.DataFrame:
    """The table a chapter shows: each call, its value, what it decides, and the range that keeps its findings."""
    frame = judgement.calls_frame(calls)
    return pd.DataFrame({
        "Judgement call": frame["name"],
        "Book's value": [_number(v, int(d), u) for v, d, u in zip(frame["value"], frame["decimals"], frame["unit"])],
        "What it decides": frame["decides"],
        "Same findings for any value": frame.apply(range_text, axis=1),
        "Nearest data values": frame.apply(nearest_text, axis=1),
    })


CALLS_WIDTHS: tuple[int, ...] = (3, 2, 4, 3, 4)  # relative column widths of :func:`calls_table` in the PDF
CALLS_CAPTIONS: tuple[str, str] = (
    "The judgement call in this chapter, and the range over which it keeps its finding.",
    "The judgement calls in this chapter, and the range over which each keeps its findings.",
)


def calls_display(calls: list[judgement.Call], label: str, caption: str | None = None) -> Table:
    """A chapter's numbered table of its judgement calls (the default caption agrees with how many there are)."""
    caption = caption or CALLS_CAPTIONS[len(calls) > 1]
    return show_table(calls_table(calls), caption=caption, label=label, widths=CALLS_WIDTHS)


def relative_room(row: pd.Series) -> float:
    """How far the threshold can move, as a share of its value, before a finding changes.

    0 on the edge; infinite if no data value is compared; NaN for a threshold of zero, which has no scale to share.
    """
    if _on_edge(row):
        return 0.0
    room = min(row["value"] - row["low"], row["high"] - row["value"])
    if math.isinf(room):
        return math.inf
    return room / abs(row["value"]) if row["value"] else math.nan


def closest_call_sentence(calls: list[judgement.Call]) -> str:
    """Which of a chapter's calls sits closest to the data, and how far it could move before a finding changes."""
    frame = judgement.calls_frame(calls)
    if frame.empty:
        return ""
    room = frame.apply(relative_room, axis=1)
    if room.isna().all():
        return ""
    if math.isinf(room.min()):
        return "No finding here changes for any other value of these thresholds."
    row = frame.loc[room.idxmin()]
    name = row["name"][0].lower() + row["name"][1:]
    # A call at zero has no share to compare: say the comparison leaves it out rather than imply it is further away.
    head = (f"Of the calls not set at zero, the closest is the {name}" if (room.isna() & frame["n_compared"].gt(0)).any()
            else f"The closest call is the {name}")
    if _on_edge(row):
        return (f"{head}: the book's value equals the data value of {_on_edge(row)}, "
                f"so any change to it changes a finding.")
    falls = row["value"] - row["low"] <= row["high"] - row["value"]
    edge, labels = (row["low"], row["low_labels"]) if falls else (row["high"], row["high_labels"])
    return (f"{head}: a finding changes only if it {'falls to' if falls else 'rises to'} "
            f"{_number(edge, int(row['decimals']), row['unit'])} ({named(labels)}), {percent(room.min(), 0 if room.min() >= CLOSE_SHARE else 1)} of its value away.")
