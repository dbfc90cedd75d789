"""The data contract: one pandera schema per CSV file in ``data/``.

Every column carries a description and a human-readable rule. The same
specification drives validation (:mod:`asian_nato.data.validate`), the codebook
appendix and ``datapackage.json``, so the three can never disagree.

All columns are read as text; each rule checks the text, so a wrong type is
reported with the exact cell that holds it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd
import pandera.pandas as pa

from asian_nato.data.source_policy import (
    rests_only_on_blocked,
    rests_only_on_foreign_state_media,
    split_sources,
)

# The stance codebook. The stance is the speaker's government's position toward
# creating, or taking part in, a NATO-like collective-defence alliance in Asia.
STANCE_RULES: dict[str, str] = {
    "support": "Explicitly calls for creating such an alliance, or for the speaker's state to join one.",
    "open": "Welcomes the idea conditionally, as a long-term aim or as worth studying; calls it an idea for the future; does not reject it.",
    "ambiguous": "Talks of networks, partnerships, deterrence, or NATO's partnerships with Indo-Pacific states without taking a position on an Asian alliance; or mixes signals so that no position dominates.",
    "skeptical": "Says such an alliance is not intended, not sought, premature, not feasible or not needed, without rejecting it on principle or warning against it.",
    "oppose": "Rejects the idea on principle, warns against it (bloc confrontation, Cold War mentality, a threat), or states a doctrine under which the speaker's state will join no military alliance or bloc.",
}
# One anchor statement per stance: coded alike by both coders, shown with the rules in the appendix.
STANCE_ANCHORS: dict[str, str] = {
    "support": "P047", "open": "P050", "ambiguous": "P007", "skeptical": "P018", "oppose": "P028",
}
# Rules that apply across stances, in the order a coder applies them.
CODING_RULES: tuple[str, ...] = (
    "Code the words quoted and their immediate context, not what is known of the government's policy.",
    "The unit is one statement by one speaker on one occasion; a speaker's two occasions are two statements.",
    "Welcoming NATO cooperation, or calling Euro-Atlantic and Indo-Pacific security indivisible, is ambiguous unless the speaker endorses an Asian alliance.",
    "A refusal to join any alliance on principle is oppose, because the measure is willingness to take part; saying only that an alliance is not on the agenda is skeptical.",
    "Explicit words beat implication; if two readings remain, choose the one nearer ambiguous.",
    "on_topic is true only if the statement addresses a NATO-like alliance or military bloc in Asia (including NATO's expansion into Asia as a bloc); statements about spending, the Quad, AUKUS or NATO partnerships alone are off-topic.",
    "The second coder sees only the quote, speaker, office, date and this codebook; disagreements are settled by re-reading the rules, and the reason is recorded in 'adjudication'.",
)
STANCES: tuple[str, ...] = tuple(STANCE_RULES)
QUOTE_TYPES: dict[str, str] = {
    "verbatim": "The source prints the speaker's own words in quotation marks (or an official text in the language used). Shown in quotation marks.",
    "translation": "The source prints a translation of words spoken in another language. Shown in quotation marks, and marked as a translation.",
    "indirect": "The source reports the words in indirect speech. Shown without quotation marks, never as if verbatim.",
}
STATUS_RULES: dict[str, str] = {
    "member": "A full party or member.",
    "partner": "A formal partner (for example a NATO partner country) without membership.",
    "observer": "An observer state.",
    "dialogue_partner": "A dialogue partner (SCO or ASEAN usage).",
    "suspended": "Membership or obligations suspended (for example New Zealand in ANZUS since 1986).",
}
MEMBERSHIP_STATUSES: tuple[str, ...] = tuple(STATUS_RULES)
ORG_KINDS: dict[str, str] = {
    "collective_defense": "Multilateral treaty or organisation whose text commits the parties to act if a party is attacked.",
    "bilateral_defense": "Treaty between two states with a defence commitment.",
    "defense_partnership": "Access, status-of-forces, technology, intelligence or partnership arrangement without a treaty obligation to defend.",
    "minilateral_dialogue": "Small grouping of three or four governments that meets regularly, with no treaty.",
    "regional_organization": "Broad regional body with a security agenda among others.",
}
REGIONS: tuple[str, ...] = (
    "East Asia", "Southeast Asia", "South Asia", "Central Asia", "Western Asia",
    "Oceania", "North America", "Europe", "Africa",
)
BOOLEANS: tuple[str, ...] = ("true", "false")
DEFENCE_OBLIGATIONS: dict[str, str] = {
    "mutual": "Every party must act if another party is attacked.",
    "one_way": "One party guarantees the others' defence; they owe it no defence in return (e.g. the Compacts of Free Association).",
    "none": "No party must act if another is attacked (consultation, access or partnership only).",
}
# Clause-level treaty coding (clauses.csv).
OBLIGATION_TYPES: dict[str, str] = {
    "defence": "A party must act (or assist) if another is attacked.",
    "consultation": "Parties must consult when one is threatened.",
    "non_aggression": "Parties renounce force against each other, or alignments against each other.",
    "neutrality": "Parties stay out of a war involving another party.",
    "access": "A party grants the other access to its territory, ports or airfields.",
    "basing": "A party may station forces or establish bases on the other's territory.",
    "scope": "An article defining where another article applies.",
}
AUTOMATICITY: dict[str, str] = {
    "immediate": "Assistance is immediate and by all means (e.g. the Russia-DPRK treaty of 2024).",
    "deems_necessary": "Each party takes 'such action as it deems necessary' (NATO Art. 5): an obligation to act, with discretion over how.",
    "constitutional_processes": "Each party 'would act to meet the common danger in accordance with its constitutional processes' (ANZUS, US-Japan, US-Philippines, US-ROK).",
    "consultation_only": "Parties consult and may consider measures; no obligation to act.",
    "none": "No undertaking to act.",
}
RECIPROCITY: tuple[str, ...] = ("mutual", "one_way")
SCOPES: dict[str, str] = {
    "metropolitan_territory": "The parties' own territory.",
    "territory_under_administration": "Territory under a party's administration (US-Japan Art. V; US-ROK Art. III).",
    "pacific_area_incl_forces": "The Pacific area, including island territories and armed forces, public vessels and aircraft in the Pacific (ANZUS Art. V, US-Philippines Art. V).",
    "north_atlantic_north_of_tropic": "Europe, North America and the North Atlantic north of the Tropic of Cancer (NATO Art. 6).",
    "treaty_area": "A treaty area defined in the text (Manila Pact Art. VIII: South-East Asia and the South-West Pacific, excluding Taiwan).",
    "unspecified": "The text sets no geographic limit.",
}
CLARIFIED_PLACES: dict[str, str] = {
    "south_china_sea": "Armed attacks on a party's forces, public vessels or aircraft anywhere in the South China Sea.",
    "senkaku_islands": "The Senkaku Islands, as territory under Japan's administration.",
}
# Legal and political limits (legal_limits.csv).
LIMIT_KINDS: tuple[str, ...] = ("constitution", "statute", "doctrine", "treaty")
LIMIT_BINDS: dict[str, str] = {
    "collective_defence_abroad": "Fighting to defend another state.",
    "foreign_bases": "Foreign forces or bases on the state's territory.",
    "alliance_membership": "Joining a military alliance or bloc.",
    "nuclear_weapons": "Nuclear weapons on the state's territory or ships.",
    "treaty_ratification": "How a treaty binds (legislative consent).",
    "none": "No restriction (a commitment that permits).",
}
LIMIT_EFFECTS: tuple[str, ...] = ("forbids", "conditions", "permits")
SEARCH_OUTCOMES: dict[str, str] = {
    "added": "At least one new statement was added to positions.csv.",
    "confirmed": "Results gave a better source (or confirmed the words) of a statement already recorded.",
    "duplicate": "Relevant results were statements already recorded, with no better source.",
    "source_not_acceptable": "Relevant words were found only in sources the source policy does not accept alone.",
    "none_relevant": "No result recorded a government's position on a NATO-like alliance in Asia.",
    "excluded": "A statement was found but left out by the editors; 'reason' says why.",
}

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:[/?#][^\s\"<>]*)?$")
ISO3_PATTERN = re.compile(r"^[A-Z]{3}$")
SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
_QUOTE_MARKS = {'"': '"', "“": "”", "‘": "’", "«": "»", "「": "」"}


@dataclass(frozen=True)
class Rule:
    """A named element-wise rule on a text cell; ``test`` returns True when the cell is valid."""

    text: str
    test: Callable[[str], bool]

    def as_check(self) -> pa.Check:
        return pa.Check(lambda s: s.map(self.test).astype(bool), name=self.text, error=self.text)


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    description: str
    required: bool = True
    rules: tuple[Rule, ...] = ()
    frictionless_type: str = "string"
    unique: bool = False


@dataclass(frozen=True)
class FileSpec:
    name: str
    title: str
    description: str
    columns: tuple[ColumnSpec, ...]
    primary_key: tuple[str, ...]
    row_rules: tuple[tuple[str, Callable[[pd.DataFrame], pd.Series]], ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


# ---------------------------------------------------------------- cell tests

def parse_partial_date(text: str) -> dt.date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` to the first day it can mean; None if malformed."""
    match = _DATE_RE.match(text)
    if not match:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def is_url(text: str) -> bool:
    return bool(_URL_RE.match(text))


def is_number(text: str) -> bool:
    try:
        value = float(text)
    except ValueError:
        return False
    return value == value and value not in (float("inf"), float("-inf"))


def is_balanced_quote(text: str) -> bool:
    """The quote opens and closes with matching quotation marks, and inner straight quotes pair up."""
    text = text.strip()
    if len(text) < 2 or text[0] not in _QUOTE_MARKS or text[-1] != _QUOTE_MARKS[text[0]]:
        return False
    inner = text[1:-1]
    return inner.count('"') % 2 == 0 and inner.count("“") == inner.count("”")


def word_count(text: str) -> int:
    return len(text.split())


# ---------------------------------------------------------------- rule factories

def nonempty() -> Rule:
    return Rule("must not be empty", lambda v: v.strip() != "")


def one_of(values: tuple[str, ...] | list[str], what: str = "value") -> Rule:
    allowed = frozenset(values)
    shown = ", ".join(sorted(allowed)) if len(allowed) <= 12 else f"{len(allowed)} known codes"
    return Rule(f"{what} must be one of: {shown}", lambda v: v in allowed)


def optional(rule: Rule) -> Rule:
    """The same rule, but an empty cell is allowed."""
    return Rule(f"{rule.text} (or empty)", lambda v: v == "" or rule.test(v))


def iso_date(today: dt.date) -> Rule:
    def test(v: str) -> bool:
        parsed = parse_partial_date(v)
        return parsed is not None and parsed <= today

    return Rule("must be a real date YYYY, YYYY-MM or YYYY-MM-DD, and not in the future", test)


def sources(bib_keys: frozenset[str]) -> Rule:
    def test(v: str) -> bool:
        parts = [p.strip() for p in v.split(";")]
        return bool(v.strip()) and all(p in bib_keys or is_url(p) for p in parts)

    return Rule("each ';'-separated source must be a key in book/references.bib or a well-formed http(s) URL", test)


def matches(pattern: re.Pattern[str], text: str) -> Rule:
    return Rule(text, lambda v: bool(pattern.match(v)))


def number(low: float | None = None) -> Rule:
    if low is None:
        return Rule("must be a number", is_number)
    return Rule(f"must be a number ≥ {low:g}", lambda v: is_number(v) and float(v) >= low)


def year_rule(today: dt.date) -> Rule:
    return Rule(
        "must be a whole year from 1800, and not in the future",
        lambda v: v.isdigit() and 1800 <= int(v) <= today.year,
    )


# ---------------------------------------------------------------- row rules

def not_before(later: str, earlier: str) -> bool:
    """ISO (partial) date ``later`` is not before ``earlier``, compared at the coarser precision.

    ``2024`` is not before ``2024-10-01``: a source dated only by year may be
    from any day of that year.
    """
    width = min(len(later), len(earlier))
    return later[:width] >= earlier[:width]


def not_before_in_rows(later: str, earlier: str) -> Callable[[pd.DataFrame], pd.Series]:
    def check(frame: pd.DataFrame) -> pd.Series:
        valid = frame[earlier].map(parse_partial_date).notna() & frame[later].map(parse_partial_date).notna()
        ordered = pd.Series(
            [not_before(b, a) for a, b in zip(frame[earlier], frame[later])], index=frame.index, dtype=bool
        )
        return ~valid | ordered

    return check


def _quality_matches_sources(frame: pd.DataFrame) -> pd.Series:
    if "source_quality" not in frame or "source" not in frame:
        return pd.Series(True, index=frame.index)
    counts = frame["source"].map(lambda v: len(split_sources(v)))
    return frame["source_quality"].map(lambda v: len(split_sources(v))) == counts


def _not_only_blocked(frame: pd.DataFrame) -> pd.Series:
    return ~frame["source"].map(rests_only_on_blocked).astype(bool)


def not_only_foreign_state_media(frame: pd.DataFrame) -> pd.Series:
    flagged = [rests_only_on_foreign_state_media(s, who) for s, who in zip(frame["source"], frame["iso3"])]
    return ~pd.Series(flagged, index=frame.index, dtype=bool)


def quote_marks_agree(quote: str, quote_type: str) -> bool:
    """Verbatim words and translations sit in quotation marks; indirect speech never does."""
    if quote_type == "indirect":
        return quote.strip()[:1] not in _QUOTE_MARKS
    return is_balanced_quote(quote)


def quote_marks_agree_in_rows(frame: pd.DataFrame) -> pd.Series:
    known = frame["quote_type"].isin(QUOTE_TYPES)
    agree = [quote_marks_agree(q, t) for q, t in zip(frame["quote"], frame["quote_type"])]
    return ~known | pd.Series(agree, index=frame.index, dtype=bool)


def adjudicated(frame: pd.DataFrame) -> pd.Series:
    if "adjudication" not in frame:
        return frame["stance_first"] == frame["stance_second"]
    return (frame["stance_first"] == frame["stance_second"]) | (frame["adjudication"].str.strip() != "")


SOURCE_ROW_RULES: tuple[tuple[str, Callable[[pd.DataFrame], pd.Series]], ...] = (
    ("'source_quality' must give one label per ';'-separated source, in the same order", _quality_matches_sources),
    ("'source' must not rest only on blocked domains (wiki mirrors, content farms, aggregators, personal blogs); add an official or major-outlet source", _not_only_blocked),
)


def pandera_schema(spec: FileSpec) -> pa.DataFrameSchema:
    """The pandera schema for a file spec: text columns, element rules, keys and row rules."""
    columns = {
        col.name: pa.Column(
            str,
            checks=[rule.as_check() for rule in col.rules],
            required=col.required,
            nullable=False,
            unique=col.unique,
            report_duplicates="exclude_first",
        )
        for col in spec.columns
    }
    checks = [
        pa.Check(fn, name=text, error=text) for text, fn in spec.row_rules
    ]
    return pa.DataFrameSchema(
        columns,
        checks=checks,
        strict=True,
        unique=list(spec.primary_key) if len(spec.primary_key) > 1 else None,
        report_duplicates="exclude_first",
        coerce=False,
        name=spec.name,
    )
