"""Alt texts computed from the data a chart draws, so that they change when the data change.

A chart's alt text has two parts: what kind of chart it is (typed, since it
depends on the code, not the data) and what it shows (computed here). The
notebook glues the text and names the key in the cell's ``alt: glue:KEY``
(see :mod:`asian_nato.book.alt_text`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from asian_nato.report.display import count_words, counted, in_prose, join_words


def largest(values: pd.Series, top: int = 3) -> pd.Series:
    """The ``top`` largest values, largest first, with every value tied with the last one (so none is left out arbitrarily)."""
    ordered = values.dropna().sort_values(ascending=False, kind="stable")
    if len(ordered) <= top:
        return ordered
    return ordered[ordered >= ordered.iloc[top - 1]]


def ranked(values: pd.Series, names: Mapping[str, str], fmt: Callable[[float], str], top: int = 3) -> str:
    """The :func:`largest` values as prose: "Japan (53,000), South Korea (24,000) and ..."."""
    return join_words(f"{in_prose(names.get(code, code))} ({fmt(value)})" for code, value in largest(values, top).items())


def rounded(value: float) -> str:
    """A chart-reading precision: two significant figures, with thousands separators ("53,000", "480", "7.5")."""
    if value == 0:
        return "0"
    digits = 2 - len(str(int(abs(value)))) if abs(value) >= 1 else 2
    return f"{round(value, digits):,.{max(digits, 0)}f}"


def latest_values(panel: pd.DataFrame) -> tuple[int, pd.Series]:
    """The last row (index label, values) of a year-by-series panel that has any value."""
    filled = panel.dropna(how="all")
    year = filled.index.max()
    return int(year), filled.loc[year].dropna()


def lines_chart_alt(panel: pd.DataFrame, names: Mapping[str, str], form: str, fmt: Callable[[float], str] = rounded,
                    top: int = 3, series: tuple[str, str] = ("country", "countries")) -> str:
    """Alt text for a chart with one line per column of a year-by-series panel: its form, span and latest ranking."""
    shown = panel.dropna(axis=1, how="all").dropna(how="all")
    year, latest = latest_values(shown)
    first = int(shown.index.min())
    named = len(largest(latest, top))
    rest = len(latest) - named
    lead = "the highest is" if named == 1 else "the highest are"
    tail = f"; the other {count_words(rest)} {'is' if rest == 1 else 'are'} lower" if rest else ""
    return (f"{form}, one line for each of {counted(len(shown.columns), *series)}, "
            f"{first} to {year}. In {year} {lead} {ranked(latest, names, fmt, top)}{tail}.")
