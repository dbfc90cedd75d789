"""The evidence behind the statements: source quality, the search protocol and coverage.

* **Source quality** of a row is the best label among its sources
  (``official`` > ``major_outlet`` > ``secondary``), so a row that cites an
  official transcript and a blog counts as official.
* **Search protocol** (``search_protocol.csv``): every search made for
  statements, with its hits and outcome; :func:`protocol_summary` gives the
  appendix's figures.
* **Coverage**: each candidate government either has a statement from the
  government in office on the as-of date, or protocol entries showing that
  searches for one found none (:func:`candidate_coverage`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from asian_nato.data.source_policy import SOURCE_QUALITIES, split_sources

QUALITY_ORDER: tuple[str, ...] = tuple(SOURCE_QUALITIES)  # best first
STRONG_QUALITIES: frozenset[str] = frozenset({"official", "major_outlet"})
POSITIONS_STRONG_TARGET: float = 0.80
COVERAGE_STATUSES: tuple[str, ...] = ("current statement", "searched, none found", "gap")


def best_quality(cell: str) -> str:
    """The best quality label in a ';'-separated ``source_quality`` cell."""
    labels = split_sources(cell)
    return min(labels, key=QUALITY_ORDER.index) if labels else "secondary"


def quality_shares(frame: pd.DataFrame) -> pd.Series:
    """Share of rows (0–1) by their best source quality, every label shown."""
    best = frame["source_quality"].map(best_quality)
    return best.value_counts(normalize=True).reindex(list(QUALITY_ORDER), fill_value=0.0)


def strong_share(frame: pd.DataFrame) -> float:
    """Share of rows (0–1) resting on at least one official or major-outlet source."""
    shares = quality_shares(frame)
    return float(shares[list(STRONG_QUALITIES)].sum())


def quality_table(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per data file: rows, and the percentage of rows by best source quality."""
    rows = []
    for name, frame in frames.items():
        shares = quality_shares(frame) * 100
        rows.append({"File": name, "Rows": len(frame), **{label: shares[label] for label in QUALITY_ORDER}})
    return pd.DataFrame(rows)


def government_on(governments: pd.DataFrame, actor: str, on: pd.Timestamp) -> pd.Series | None:
    """The government (a row of governments.csv) of ``actor`` in office on ``on``, or None."""
    start = pd.to_datetime(governments["start"], format="mixed")
    end = pd.to_datetime(governments["end"].replace("", None), format="mixed")
    mask = (governments["iso3"] == actor) & (start <= on) & (end.isna() | (end >= on))
    hits = governments[mask]
    return hits.iloc[-1] if len(hits) else None


def candidate_coverage(
    positions: pd.DataFrame,
    governments: pd.DataFrame,
    protocol: pd.DataFrame,
    candidates: Sequence[str],
    on: pd.Timestamp,
) -> pd.DataFrame:
    """One row per candidate: its current government, that government's statements, and searches.

    ``status`` is "current statement" when the government in office on ``on``
    has at least one statement, "searched, none found" when it has none but
    the protocol records searches targeted at the candidate, and "gap" otherwise.
    """
    rows = []
    for actor in candidates:
        government = government_on(governments, actor, on)
        gov_id = government["gov_id"] if government is not None else ""
        own = positions[(positions["iso3"] == actor) & (positions["government"] == gov_id)] if gov_id else positions.iloc[0:0]
        searches = protocol[protocol["target"] == actor]
        status = (
            "current statement" if len(own)
            else "searched, none found" if len(searches)
            else "gap"
        )
        rows.append({
            "iso3": actor,
            "government": government["head"] if government is not None else "",
            "since": government["start"] if government is not None else "",
            "statements": len(own),
            "latest_stance": own.sort_values("date")["stance"].iloc[-1] if len(own) else "",
            "searches": len(searches),
            "status": status,
        })
    return pd.DataFrame(rows)


def protocol_summary(protocol: pd.DataFrame) -> dict[str, int | float]:
    """Totals for the appendix: searches, languages, hits, statements added, searches with none."""
    hits = pd.to_numeric(protocol["hits"])
    added = pd.to_numeric(protocol["added"])
    return {
        "n_searches": len(protocol),
        "n_languages": protocol["language"].nunique(),
        "n_hits": int(hits.sum()),
        "n_added": int(added.sum()),
        "n_searches_none_added": int((added == 0).sum()),
        "n_targets": protocol.loc[protocol["target"] != "", "target"].nunique(),
    }


def protocol_by_language(protocol: pd.DataFrame) -> pd.DataFrame:
    """Searches, hits and statements added, per query language."""
    numbers = protocol.assign(hits=pd.to_numeric(protocol["hits"]), added=pd.to_numeric(protocol["added"]))
    return (
        numbers.groupby("language")
        .agg(searches=("search_id", "size"), hits=("hits", "sum"), added=("added", "sum"))
        .reset_index()
        .sort_values(["searches", "language"], ascending=[False, True], ignore_index=True)
    )


def protocol_outcomes(protocol: pd.DataFrame) -> pd.DataFrame:
    """How many searches ended in each outcome (why results were kept or excluded)."""
    return (
        protocol["outcome"].value_counts().rename_axis("outcome").reset_index(name="searches")
        .sort_values(["searches", "outcome"], ascending=[False, True], ignore_index=True)
    )
