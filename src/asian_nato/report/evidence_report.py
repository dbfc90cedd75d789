"""The evidence appendix: display tables and computed sentences about sources, coding and searches."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from IPython.display import Markdown

from asian_nato.analysis import evidence, reliability
from asian_nato.data.schemas import CODING_RULES, SEARCH_OUTCOMES, STANCE_ANCHORS, STANCE_RULES, STANCES
from asian_nato.data.source_policy import BLOCKED_DOMAINS
from asian_nato.report.display import count_words, in_prose, join_words, percent, show_table


def evidence_numbers(
    statements: pd.DataFrame,
    governments: pd.DataFrame,
    protocol: pd.DataFrame,
    sourced_files: Mapping[str, pd.DataFrame],
    candidates: Sequence[str],
    as_of: str,
    names: Mapping[str, str] | None = None,
) -> dict[str, object]:
    """Every number and computed sentence of the evidence appendix, keyed ``ev_…``."""
    strong = {name: evidence.strong_share(frame) for name, frame in sourced_files.items()}
    positions_strong = strong["positions.csv"]
    meets = positions_strong >= evidence.POSITIONS_STRONG_TARGET
    rel = reliability.reliability_numbers(statements)
    summary = evidence.protocol_summary(protocol)
    coverage = evidence.candidate_coverage(statements, governments, protocol, candidates, pd.Timestamp(as_of))
    statuses = coverage["status"].value_counts()
    name = (lambda code: in_prose(names.get(code, code))) if names else (lambda code: code)
    gaps = [name(c) for c in coverage.loc[coverage["status"] == "gap", "iso3"]]
    searched_none = [name(c) for c in coverage.loc[coverage["status"] == "searched, none found", "iso3"]]
    n_on_topic = int(statements["on_topic"].sum())

    strong_sentence = (
        f"Of the {len(statements)} statements, {percent(positions_strong, 1)} rest on at least one official "
        f"or major-outlet source, {'meeting' if meets else 'short of'} the book's target of "
        f"{percent(evidence.POSITIONS_STRONG_TARGET)}. The rest are kept, marked secondary, "
        "because no better record was found; each says why in its note."
    )
    alpha_sentence = (
        f"Krippendorff's alpha (ordinal) is {rel['alpha']:.2f} over {rel['n_coded']} statements "
        f"(exact agreement {percent(rel['agreement'])}), "
        + ("at or above" if rel["alpha_meets_target"] else "below")
        + f" the conventional threshold of {reliability.ALPHA_TARGET:.2f} for drawing conclusions from coded data."
        + ("" if rel["alpha_meets_target"] else " The codebook is not yet clear enough, and the stance results should be read with that caution.")
    )
    n_differ, n_changed = rel["n_disagreements"], rel["n_changed_by_adjudication"]
    disagreement_sentence = (
        "The two codings agree on every statement."
        if n_differ == 0
        else f"The codings disagree on {count_words(n_differ)} statement{'s' if n_differ != 1 else ''}. "
        f"{'Each was' if n_differ != 1 else 'It was'} settled by re-reading the codebook; the table lists the resolution. "
        + (
            "Adjudication kept the editors' first coding every time."
            if n_changed == 0
            else f"Adjudication changed the editors' first coding in {count_words(n_changed)} of them."
        )
    )
    protocol_sentence = (
        f"The protocol records {summary['n_searches']} searches in {count_words(summary['n_languages'])} languages, "
        f"aimed at {count_words(summary['n_targets'])} governments and organisations. They returned "
        f"{summary['n_hits']:,} results; the protocol credits {summary['n_added']} new statements to a specific search, "
        f"and {summary['n_searches_none_added']} searches added none"
        + (
            " (most of them confirmed or improved the source of a statement already recorded, or found only sources the policy rejects)."
            if _mostly_useful(protocol) else "."
        )
    )
    coverage_sentence = (
        f"{count_words(int(statuses.get('current statement', 0))).capitalize()} of the {count_words(len(coverage))} candidates "
        "have a statement from their current government"
        + (f"; for {join_words(searched_none)} the searches found none" if searched_none else "")
        + (f"; {join_words(gaps)} {'has' if len(gaps) == 1 else 'have'} neither a current statement nor a recorded search." if gaps else ".")
    )
    on_topic_sentence = (
        f"{count_words(n_on_topic).capitalize() if n_on_topic <= 10 else n_on_topic} of the {len(statements)} statements "
        f"are on topic; the other {len(statements) - n_on_topic} address something adjacent, such as the Quad or NATO's partnerships."
    )
    return {
        "ev_n_blocked_domains": len(BLOCKED_DOMAINS),
        "ev_strong_sentence": strong_sentence,
        "ev_positions_strong_pct": round(100 * positions_strong, 1),
        "ev_alpha": round(rel["alpha"], 3),
        "ev_alpha_sentence": alpha_sentence,
        "ev_disagreement_sentence": disagreement_sentence,
        "ev_protocol_sentence": protocol_sentence,
        "ev_coverage_sentence": coverage_sentence,
        "ev_on_topic_sentence": on_topic_sentence,
        "ev_as_of": as_of,
    }


def _mostly_useful(protocol: pd.DataFrame) -> bool:
    """Whether most searches that added nothing still confirmed a statement or met only rejected sources."""
    none_added = protocol[pd.to_numeric(protocol["added"]) == 0]
    useful = none_added["outcome"].isin(["confirmed", "duplicate", "source_not_acceptable"])
    return bool(len(none_added)) and useful.mean() > 0.5


def quality_display(sourced_files: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    table = evidence.quality_table(dict(sourced_files))
    return table.rename(columns={"official": "Official %", "major_outlet": "Major outlet %", "secondary": "Secondary only %"})


def coding_rules_table() -> pd.DataFrame:
    return pd.DataFrame({"Rule": range(1, len(CODING_RULES) + 1), "Text": list(CODING_RULES)})


def anchor_table(statements: pd.DataFrame) -> pd.DataFrame:
    """Each stance's rule and its anchor statement; raises if an anchor is missing or coded otherwise."""
    by_id = statements.set_index("position_id")
    rows = []
    for stance in STANCES:
        anchor = STANCE_ANCHORS[stance]
        if anchor not in by_id.index:
            raise ValueError(f"anchor {anchor} for '{stance}' is not in positions.csv")
        row = by_id.loc[anchor]
        if not (row["stance"] == row["stance_first"] == row["stance_second"] == stance):
            raise ValueError(f"anchor {anchor} must be coded '{stance}' by both coders and after adjudication")
        rows.append({
            "Stance": stance,
            "Decision rule": STANCE_RULES[stance],
            "Anchor example": f"{anchor}, {row['speaker']} ({row['date']}): {row['quote']}",
        })
    return pd.DataFrame(rows)


def confusion_display(statements: pd.DataFrame) -> pd.DataFrame:
    table = reliability.confusion_table(statements)
    return table.reset_index().rename(columns={"first coding": "First \\ second"})


def disagreement_display(statements: pd.DataFrame):
    frame = reliability.disagreements(statements)
    if frame.empty:
        return Markdown("*No disagreements to adjudicate.*")
    shown = frame.rename(columns={
        "position_id": "Id", "iso3": "For", "date": "Date", "stance_first": "First",
        "stance_second": "Second", "stance": "Adjudicated", "adjudication": "Reason",
    })
    return show_table(
        shown,
        caption="Statements on which the two codings disagree, with the adjudicated stance and the reason.",
        label="tbl-evidence-disagreements",
        widths=(1, 1, 2, 2, 2, 2, 8),
    )


def protocol_language_display(protocol: pd.DataFrame) -> pd.DataFrame:
    return evidence.protocol_by_language(protocol).rename(columns={
        "language": "Language", "searches": "Searches", "hits": "Results", "added": "Statements added",
    })


def protocol_outcome_display(protocol: pd.DataFrame) -> pd.DataFrame:
    table = evidence.protocol_outcomes(protocol)
    return pd.DataFrame({
        "Outcome": table["outcome"].str.replace("_", " "),
        "Searches": table["searches"],
        "Meaning": table["outcome"].map(SEARCH_OUTCOMES),
    })


def coverage_display(
    statements: pd.DataFrame,
    governments: pd.DataFrame,
    protocol: pd.DataFrame,
    countries: pd.DataFrame,
    candidates: Sequence[str],
    as_of: str,
) -> pd.DataFrame:
    coverage = evidence.candidate_coverage(statements, governments, protocol, candidates, pd.Timestamp(as_of))
    names = dict(zip(countries["iso3"], countries["name"]))
    return pd.DataFrame({
        "Candidate": coverage["iso3"].map(names),
        "Government on the as-of date": coverage["government"],
        "Since": coverage["since"],
        "Its statements": coverage["statements"],
        "Its latest stance": coverage["latest_stance"],
        "Searches": coverage["searches"],
        "Status": coverage["status"],
    })
