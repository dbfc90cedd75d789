"""The data contract: one pandera schema per CSV file in ``data/``.

Every column carries a description and a human-readable rule. The same
specification drives validation (:mod:`asian_nato.validate`), the codebook
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

STANCE_RULES: dict[str, str] = {
    "support": "The speaker endorses creating or joining a NATO-like collective-defence alliance in Asia.",
    "open": "The speaker welcomes the idea, or deeper collective defence, with conditions, or leaves the door open for the long term.",
    "ambiguous": "The speaker talks of networks, partnerships or deterrence without taking a position on an alliance, or sends mixed signals.",
    "skeptical": "The speaker doubts feasibility or timing, or says it is not intended or not needed now, without opposing it on principle.",
    "oppose": "The speaker rejects the idea or warns against it (for example as bloc confrontation).",
}
STANCES: tuple[str, ...] = tuple(STANCE_RULES)
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

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:[/?#][^\s\"<>]*)?$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_SLUG_RE = re.compile(r"^[a-z][a-z0-9_]*$")
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


def _not_before(later: str, earlier: str) -> Callable[[pd.DataFrame], pd.Series]:
    def check(frame: pd.DataFrame) -> pd.Series:
        valid = frame[earlier].map(parse_partial_date).notna() & frame[later].map(parse_partial_date).notna()
        ordered = pd.Series(
            [not_before(b, a) for a, b in zip(frame[earlier], frame[later])], index=frame.index, dtype=bool
        )
        return ~valid | ordered

    return check


# ---------------------------------------------------------------- the files

def file_specs(
    *,
    iso3_codes: frozenset[str],
    org_ids: frozenset[str],
    bib_keys: frozenset[str],
    today: dt.date,
) -> dict[str, FileSpec]:
    """The contract for every data file, given the reference sets it is checked against."""
    date = iso_date(today)
    src = sources(bib_keys)
    source_cols = (
        ColumnSpec("source", "Bibliography key(s) in book/references.bib or URL(s), separated by ';'.", rules=(src,)),
        ColumnSpec("source_date", "Publication date of the cited source (YYYY, YYYY-MM or YYYY-MM-DD).", rules=(date,), frictionless_type="string"),
    )
    note = ColumnSpec("note", "Coding notes and caveats (free text).", required=False)
    actor_codes = iso3_codes | org_ids

    countries = FileSpec(
        name="countries.csv",
        title="Countries",
        description="States and territories covered by the book, with the region used in tables.",
        columns=(
            ColumnSpec("iso3", "ISO 3166-1 alpha-3 code.", rules=(matches(_ISO3_RE, "must be three capital letters (ISO 3166-1 alpha-3)"),), unique=True),
            ColumnSpec("name", "Short English name.", rules=(nonempty(),)),
            ColumnSpec("region", "Region (UN M49 sub-regions, merged).", rules=(one_of(REGIONS, "region"),)),
            note,
            ColumnSpec("source", "Bibliography key(s) or URL(s).", rules=(src,)),
        ),
        primary_key=("iso3",),
    )
    organizations = FileSpec(
        name="organizations.csv",
        title="Arrangements",
        description="Alliances, treaties, partnerships, dialogues and regional organisations.",
        columns=(
            ColumnSpec("org_id", "Unique slug.", rules=(matches(_SLUG_RE, "must be a lower-case slug (a-z, 0-9, _)"),), unique=True),
            ColumnSpec("name", "Official name.", rules=(nonempty(),)),
            ColumnSpec("short_name", "Common short name.", rules=(nonempty(),)),
            ColumnSpec("kind", "Kind of arrangement: " + "; ".join(f"`{k}`: {v}" for k, v in ORG_KINDS.items()), rules=(one_of(tuple(ORG_KINDS), "kind"),)),
            ColumnSpec("founded", "Date of signature or establishment.", rules=(date,)),
            ColumnSpec("in_force", "Date of entry into force (empty if not applicable).", rules=(optional(date),)),
            ColumnSpec("dissolved", "Date of dissolution (empty while in force).", rules=(optional(date),)),
            ColumnSpec("mutual_defense", "true only if the text obliges parties to act when a party is attacked.", rules=(one_of(BOOLEANS, "boolean"),), frictionless_type="boolean"),
            *source_cols,
            note,
        ),
        primary_key=("org_id",),
        row_rules=(
            ("'dissolved' must not be before 'founded'", _not_before("dissolved", "founded")),
            ("'in_force' must not be before 'founded'", _not_before("in_force", "founded")),
        ),
    )
    memberships = FileSpec(
        name="memberships.csv",
        title="Memberships",
        description="One row per spell of a country's membership or partnership in an arrangement.",
        columns=(
            ColumnSpec("org_id", "Arrangement (organizations.csv).", rules=(one_of(tuple(org_ids), "org_id (from organizations.csv)"),)),
            ColumnSpec("iso3", "Country (countries.csv).", rules=(one_of(tuple(iso3_codes), "iso3 (from countries.csv)"),)),
            ColumnSpec("status", "Status during the spell.", rules=(one_of(MEMBERSHIP_STATUSES, "status"),)),
            ColumnSpec("joined", "Start of the spell.", rules=(date,)),
            ColumnSpec("left", "End of the spell (empty while current).", rules=(optional(date),)),
            *source_cols,
            note,
        ),
        primary_key=("org_id", "iso3", "status", "joined"),
        row_rules=(("'left' must not be before 'joined'", _not_before("left", "joined")),),
    )
    positions = FileSpec(
        name="positions.csv",
        title="Statements",
        description="Public statements on an Asian NATO or a NATO-like collective-defence alliance in Asia.",
        columns=(
            ColumnSpec("position_id", "Unique id (P001, ...).", rules=(matches(re.compile(r"^P\d{3,}$"), "must look like P001"),), unique=True),
            ColumnSpec("date", "Date of the statement.", rules=(date,)),
            ColumnSpec("speaker", "Who spoke.", rules=(nonempty(),)),
            ColumnSpec("office", "The speaker's office at the time.", rules=(nonempty(),)),
            ColumnSpec("iso3", "Government (ISO3) or organisation (org_id, lower case) the speaker speaks for.", rules=(one_of(tuple(actor_codes), "iso3 or org_id"),)),
            ColumnSpec("stance", "Stance toward a NATO-like Asian alliance.", rules=(one_of(STANCES, "stance"),)),
            ColumnSpec("quote", "Short exact quote, in quotation marks, at most about 40 words.", rules=(
                Rule("must open and close with matching quotation marks, with inner quotes balanced", is_balanced_quote),
                Rule("must be at most 45 words", lambda v: word_count(v) <= 45),
            )),
            ColumnSpec("summary", "Summary in the editors' words.", rules=(nonempty(),)),
            ColumnSpec("source", "URL(s) of the record or report, or bibliography key(s).", rules=(src,)),
            ColumnSpec("source_date", "Publication date of the source.", rules=(date,)),
            note,
        ),
        primary_key=("position_id",),
        row_rules=(("'source_date' must not be before the statement 'date'", _not_before("source_date", "date")),),
    )
    indicators = FileSpec(
        name="indicators.csv",
        title="Indicators",
        description="Country-year indicators extracted from upstream datasets by scripts/extract_indicators.py.",
        columns=(
            ColumnSpec("iso3", "Country (countries.csv).", rules=(one_of(tuple(iso3_codes), "iso3 (from countries.csv)"),)),
            ColumnSpec("year", "Calendar year.", rules=(year_rule(today),), frictionless_type="integer"),
            ColumnSpec("indicator", "Indicator code (see the codebook).", rules=(matches(_SLUG_RE, "must be a lower-case indicator code"),)),
            ColumnSpec("value", "Value, in `unit`.", rules=(number(),), frictionless_type="number"),
            ColumnSpec("unit", "Unit of `value`.", rules=(nonempty(),)),
            ColumnSpec("source", "Bibliography key of the upstream dataset.", rules=(src,)),
        ),
        primary_key=("iso3", "year", "indicator"),
    )
    return {spec.name: spec for spec in (countries, organizations, memberships, positions, indicators)}


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
