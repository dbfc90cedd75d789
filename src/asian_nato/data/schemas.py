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
    SOURCE_QUALITIES,
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



def _quality_matches_sources(frame: pd.DataFrame) -> pd.Series:
    if "source_quality" not in frame or "source" not in frame:
        return pd.Series(True, index=frame.index)
    counts = frame["source"].map(lambda v: len(split_sources(v)))
    return frame["source_quality"].map(lambda v: len(split_sources(v))) == counts


def _not_only_blocked(frame: pd.DataFrame) -> pd.Series:
    return ~frame["source"].map(rests_only_on_blocked).astype(bool)


def _not_only_foreign_state_media(frame: pd.DataFrame) -> pd.Series:
    flagged = [rests_only_on_foreign_state_media(s, who) for s, who in zip(frame["source"], frame["iso3"])]
    return ~pd.Series(flagged, index=frame.index, dtype=bool)


def quote_marks_agree(quote: str, quote_type: str) -> bool:
    """Verbatim words and translations sit in quotation marks; indirect speech never does."""
    if quote_type == "indirect":
        return quote.strip()[:1] not in _QUOTE_MARKS
    return is_balanced_quote(quote)


def _quote_marks_agree(frame: pd.DataFrame) -> pd.Series:
    known = frame["quote_type"].isin(QUOTE_TYPES)
    agree = [quote_marks_agree(q, t) for q, t in zip(frame["quote"], frame["quote_type"])]
    return ~known | pd.Series(agree, index=frame.index, dtype=bool)


def _adjudicated(frame: pd.DataFrame) -> pd.Series:
    if "adjudication" not in frame:
        return frame["stance_first"] == frame["stance_second"]
    return (frame["stance_first"] == frame["stance_second"]) | (frame["adjudication"].str.strip() != "")


SOURCE_ROW_RULES: tuple[tuple[str, Callable[[pd.DataFrame], pd.Series]], ...] = (
    ("'source_quality' must give one label per ';'-separated source, in the same order", _quality_matches_sources),
    ("'source' must not rest only on blocked domains (wiki mirrors, content farms, aggregators, personal blogs); add an official or major-outlet source", _not_only_blocked),
)

# ---------------------------------------------------------------- the files

def file_specs(
    *,
    iso3_codes: frozenset[str],
    org_ids: frozenset[str],
    bib_keys: frozenset[str],
    today: dt.date,
    gov_ids: frozenset[str] = frozenset(),
    position_ids: frozenset[str] = frozenset(),
) -> dict[str, FileSpec]:
    """The contract for every data file, given the reference sets it is checked against."""
    date = iso_date(today)
    src = sources(bib_keys)
    quality = Rule(
        "each ';'-separated label must be one of: " + ", ".join(SOURCE_QUALITIES),
        lambda v: bool(split_sources(v)) and all(part in SOURCE_QUALITIES for part in split_sources(v)),
    )
    quality_col = ColumnSpec(
        "source_quality",
        "Quality of each source, in the order of `source`, separated by ';': "
        + "; ".join(f"`{k}`: {v}" for k, v in SOURCE_QUALITIES.items()),
        rules=(quality,),
    )
    source_col = ColumnSpec("source", "Bibliography key(s) in book/references.bib or URL(s), separated by ';'.", rules=(src,))
    source_date_col = ColumnSpec("source_date", "Publication date of the first source (YYYY, YYYY-MM or YYYY-MM-DD); for an undated web page, the month it was consulted.", rules=(date,), frictionless_type="string")
    # Files created with the source policy keep the three source columns together; older
    # files gained source_quality as their last column, and the specs follow each file's order.
    source_cols = (source_col, quality_col, source_date_col)
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
            quality_col,
        ),
        primary_key=("iso3",),
        row_rules=SOURCE_ROW_RULES,
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
            ColumnSpec("defence_obligation", "Who the text obliges to act when a party is attacked: " + "; ".join(f"`{k}`: {v}" for k, v in DEFENCE_OBLIGATIONS.items()) + " Clause-level detail is in clauses.csv.", rules=(one_of(tuple(DEFENCE_OBLIGATIONS), "defence_obligation"),)),
            source_col,
            source_date_col,
            note,
            quality_col,
        ),
        primary_key=("org_id",),
        row_rules=(
            ("'dissolved' must not be before 'founded'", _not_before("dissolved", "founded")),
            ("'in_force' must not be before 'founded'", _not_before("in_force", "founded")),
            *SOURCE_ROW_RULES,
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
            source_col,
            source_date_col,
            note,
            quality_col,
        ),
        primary_key=("org_id", "iso3", "status", "joined"),
        row_rules=(("'left' must not be before 'joined'", _not_before("left", "joined")), *SOURCE_ROW_RULES),
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
            ColumnSpec("stance", "Stance toward a NATO-like Asian alliance, after adjudication of the two codings (see the stance codebook).", rules=(one_of(STANCES, "stance"),)),
            ColumnSpec("quote", "Short exact quote (at most about 40 words): in quotation marks if `quote_type` is verbatim or translation, without them if indirect.", rules=(
                nonempty(),
                Rule("must be at most 45 words", lambda v: word_count(v) <= 45),
            )),
            ColumnSpec("summary", "Summary in the editors' words.", rules=(nonempty(),)),
            ColumnSpec("source", "URL(s) of the record or report, or bibliography key(s).", rules=(src,)),
            ColumnSpec("source_date", "Publication date of the first source.", rules=(date,)),
            note,
            quality_col,
            ColumnSpec("quote_type", "How the source gives the words: " + "; ".join(f"`{k}`: {v}" for k, v in QUOTE_TYPES.items()), rules=(one_of(tuple(QUOTE_TYPES), "quote_type"),)),
            ColumnSpec("stance_first", "First coding, by the editors, from the codebook.", rules=(one_of(STANCES, "stance"),)),
            ColumnSpec("stance_second", "Second, blind coding from the codebook alone (quote, speaker, office and date only).", rules=(one_of(STANCES, "stance"),)),
            ColumnSpec("adjudication", "How a disagreement between the two codings was resolved (required when they differ).", required=False),
            ColumnSpec("on_topic", "true if the statement addresses a NATO-like alliance or military bloc in Asia; false if it addresses something adjacent (spending, the Quad, AUKUS, NATO partnerships).", rules=(one_of(BOOLEANS, "boolean"),), frictionless_type="boolean"),
            ColumnSpec("government", "The administration the speaker served (governments.csv); empty if the speaker held no government office then (a party leader before taking office, a backbencher), so the words are the speaker's, not a government's.", rules=(optional(one_of(tuple(gov_ids), "government (from governments.csv)")),)),
        ),
        primary_key=("position_id",),
        row_rules=(
            ("'source_date' must not be before the statement 'date'", _not_before("source_date", "date")),
            ("'quote' must sit in quotation marks if verbatim or translated, and must not if indirect", _quote_marks_agree),
            ("'adjudication' must say how the two codings were reconciled when 'stance_first' and 'stance_second' differ", _adjudicated),
            *SOURCE_ROW_RULES,
            ("'source' must not rest only on state media of another government (state media may record only its own government's words)", _not_only_foreign_state_media),
        ),
    )
    governments = FileSpec(
        name="governments.csv",
        title="Governments",
        description="Administrations (or, for organisations, leaderships) whose officials are quoted, with their terms.",
        columns=(
            ColumnSpec("gov_id", "Unique slug, e.g. jpn_ishiba.", rules=(matches(_SLUG_RE, "must be a lower-case slug (a-z, 0-9, _)"),), unique=True),
            ColumnSpec("iso3", "Country (ISO3) or organisation (org_id).", rules=(one_of(tuple(actor_codes), "iso3 or org_id"),)),
            ColumnSpec("head", "Head of government (or of the organisation).", rules=(nonempty(),)),
            ColumnSpec("start", "First day in office.", rules=(date,)),
            ColumnSpec("end", "Last day in office (empty while in office).", rules=(optional(date),)),
            *source_cols,
            note,
        ),
        primary_key=("gov_id",),
        row_rules=(("'end' must not be before 'start'", _not_before("end", "start")), *SOURCE_ROW_RULES),
    )
    search_protocol = FileSpec(
        name="search_protocol.csv",
        title="Search protocol",
        description="Every search made for statements: query, language, corpus, scope, hits, and rows added or rejected.",
        columns=(
            ColumnSpec("search_id", "Unique id (S001, ...).", rules=(matches(re.compile(r"^S\d{3,}$"), "must look like S001"),), unique=True),
            ColumnSpec("run_date", "Date the search was run.", rules=(date,)),
            ColumnSpec("target", "Government (ISO3) or organisation searched for; empty for a general search.", rules=(optional(one_of(tuple(actor_codes), "iso3 or org_id")),)),
            ColumnSpec("query", "The query as typed.", rules=(nonempty(),)),
            ColumnSpec("language", "ISO 639-1 code of the query's language.", rules=(matches(re.compile(r"^[a-z]{2}$"), "must be a two-letter ISO 639-1 code"),)),
            ColumnSpec("corpus", "Collection searched (e.g. a stored news and official-statement corpus).", rules=(nonempty(),)),
            ColumnSpec("scope", "Site or outlet the query was restricted to, if any.", required=False),
            ColumnSpec("hits", "Results returned.", rules=(number(0),), frictionless_type="integer"),
            ColumnSpec("added", "Statements added to positions.csv from this search.", rules=(number(0),), frictionless_type="integer"),
            ColumnSpec("position_ids", "The statements added or confirmed (';'-separated ids).", required=False, rules=(
                Rule("each ';'-separated id must be in positions.csv", lambda v: v == "" or all(p.strip() in position_ids for p in v.split(";"))),
            )),
            ColumnSpec("outcome", "What the search produced: " + "; ".join(f"`{k}`: {v}" for k, v in SEARCH_OUTCOMES.items()), rules=(one_of(tuple(SEARCH_OUTCOMES), "outcome"),)),
            ColumnSpec("reason", "Why results were not used (free text).", required=False),
        ),
        primary_key=("search_id",),
        row_rules=(
            ("'outcome' must be 'added' exactly when 'added' is above zero", lambda f: (f["outcome"] == "added") == (pd.to_numeric(f["added"], errors="coerce").fillna(0) > 0)),
            ("'added' must not exceed 'hits'", lambda f: pd.to_numeric(f["added"], errors="coerce").fillna(0) <= pd.to_numeric(f["hits"], errors="coerce").fillna(float("inf"))),
        ),
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
            quality_col,
        ),
        primary_key=("iso3", "year", "indicator"),
        row_rules=(SOURCE_ROW_RULES[0],),
    )
    opinion = FileSpec(
        name="opinion.csv",
        title="Survey figures",
        description="Published survey figures on alignment, alliances and threat perceptions, one row per figure, checked against the publisher or a newspaper of record.",
        columns=(
            ColumnSpec("figure_id", "Unique id (O001, ...).", rules=(matches(re.compile(r"^O\d{3,}$"), "must look like O001"),), unique=True),
            ColumnSpec("survey", "Survey and publisher.", rules=(nonempty(),)),
            ColumnSpec("year", "Survey (report) year.", rules=(year_rule(today),), frictionless_type="integer"),
            ColumnSpec("fieldwork", "Fieldwork period as published (free text; empty if not given).", required=False),
            ColumnSpec("iso3", "Country whose public or elites were surveyed; empty for a regional aggregate.", rules=(optional(one_of(tuple(iso3_codes), "iso3 (from countries.csv)")),)),
            ColumnSpec("population", "Who was surveyed (e.g. Southeast Asian elites, Australian adults).", rules=(nonempty(),)),
            ColumnSpec("question", "The question, as published or in the publisher's short form (see note).", rules=(nonempty(),)),
            ColumnSpec("answer", "The answer the figure counts.", rules=(nonempty(),)),
            ColumnSpec("percent", "Share of respondents giving that answer (%).", rules=(Rule("must be a number from 0 to 100", lambda v: is_number(v) and 0 <= float(v) <= 100),), frictionless_type="number"),
            ColumnSpec("sample", "Respondents, if published.", required=False, rules=(optional(number(1)),)),
            *source_cols,
            note,
        ),
        primary_key=("survey", "year", "iso3", "population", "question", "answer"),
        row_rules=SOURCE_ROW_RULES,
    )
    estimates = FileSpec(
        name="milex_estimates.csv",
        title="Military spending estimates",
        description="Published estimates of military spending for states SIPRI does not cover (North Korea), as a value or a range.",
        columns=(
            ColumnSpec("estimate_id", "Unique id (E01, ...).", rules=(matches(re.compile(r"^E\d{2,}$"), "must look like E01"),), unique=True),
            ColumnSpec("iso3", "Country (countries.csv).", rules=(one_of(tuple(iso3_codes), "iso3 (from countries.csv)"),)),
            ColumnSpec("estimator", "Who made the estimate, and the edition.", rules=(nonempty(),)),
            ColumnSpec("year", "Year estimated.", rules=(year_rule(today),), frictionless_type="integer"),
            ColumnSpec("value_usd_m", "Point estimate, US$ m (current dollars of that year).", required=False, rules=(optional(number(0)),), frictionless_type="number"),
            ColumnSpec("low_usd_m", "Low end of a published range, US$ m.", required=False, rules=(optional(number(0)),), frictionless_type="number"),
            ColumnSpec("high_usd_m", "High end of a published range, US$ m.", required=False, rules=(optional(number(0)),), frictionless_type="number"),
            ColumnSpec("basis", "How the estimate was made, as published.", rules=(nonempty(),)),
            *source_cols,
            note,
        ),
        primary_key=("estimate_id",),
        row_rules=(
            ("'value_usd_m' or a range ('low_usd_m', 'high_usd_m') must be given", lambda f: (f["value_usd_m"] != "") | (f["low_usd_m"] != "") | (f["high_usd_m"] != "")),
            ("'low_usd_m' must not exceed 'high_usd_m'", lambda f: (f["low_usd_m"] == "") | (f["high_usd_m"] == "") | (pd.to_numeric(f["low_usd_m"], errors="coerce") <= pd.to_numeric(f["high_usd_m"], errors="coerce")).fillna(True)),
            *SOURCE_ROW_RULES,
        ),
    )
    clauses = FileSpec(
        name="clauses.csv",
        title="Treaty clauses",
        description="What each arrangement obliges, clause by clause, quoted from the treaty text; dates of entry into force and termination are in organizations.csv.",
        columns=(
            ColumnSpec("clause_id", "Unique id: org_id and article.", rules=(matches(_SLUG_RE, "must be a lower-case slug (a-z, 0-9, _)"),), unique=True),
            ColumnSpec("org_id", "Arrangement (organizations.csv).", rules=(one_of(tuple(org_ids), "org_id (from organizations.csv)"),)),
            ColumnSpec("article", "Article or section.", rules=(nonempty(),)),
            ColumnSpec("clause_text", "The clause, quoted exactly (omissions marked ' … ').", rules=(nonempty(),)),
            ColumnSpec("obligation", "Type of obligation: " + "; ".join(f"`{k}`: {v}" for k, v in OBLIGATION_TYPES.items()), rules=(one_of(tuple(OBLIGATION_TYPES), "obligation"),)),
            ColumnSpec("automaticity", "How firmly a party must act: " + "; ".join(f"`{k}`: {v}" for k, v in AUTOMATICITY.items()) + " Empty for access, basing, non-aggression and scope clauses.", required=False, rules=(optional(one_of(tuple(AUTOMATICITY), "automaticity")),)),
            ColumnSpec("reciprocity", "`mutual`, or `one_way` (one party guarantees the others).", rules=(one_of(RECIPROCITY, "reciprocity"),)),
            ColumnSpec("guarantor", "For a one-way clause, the state that gives it (ISO3).", required=False, rules=(optional(one_of(tuple(iso3_codes), "iso3 (from countries.csv)")),)),
            ColumnSpec("scope", "Where the clause applies: " + "; ".join(f"`{k}`: {v}" for k, v in SCOPES.items()), rules=(one_of(tuple(SCOPES), "scope"),)),
            ColumnSpec("scope_text", "The words that set the scope, quoted.", required=False),
            ColumnSpec("integrated_command", "true where the arrangement has an integrated command or standing forces.", rules=(one_of(BOOLEANS, "boolean"),), frictionless_type="boolean"),
            *source_cols,
            note,
        ),
        primary_key=("clause_id",),
        row_rules=(
            ("'automaticity' must be given for defence and consultation clauses", lambda f: ~f["obligation"].isin(["defence", "consultation"]) | (f["automaticity"] != "")),
            ("'guarantor' must be given exactly when 'reciprocity' is one_way and the clause is a defence clause", lambda f: ~((f["reciprocity"] == "one_way") & (f["obligation"] == "defence")) | (f["guarantor"] != "")),
            *SOURCE_ROW_RULES,
        ),
    )
    clarifications = FileSpec(
        name="clarifications.csv",
        title="Treaty clarifications",
        description="Authoritative statements of where a treaty applies (e.g. that the US-Philippines treaty covers the South China Sea).",
        columns=(
            ColumnSpec("clarification_id", "Unique id (C01, ...).", rules=(matches(re.compile(r"^C\d{2,}$"), "must look like C01"),), unique=True),
            ColumnSpec("org_id", "Arrangement (organizations.csv).", rules=(one_of(tuple(org_ids), "org_id (from organizations.csv)"),)),
            ColumnSpec("covers", "The place the statement brings within the treaty: " + "; ".join(f"`{k}`: {v}" for k, v in CLARIFIED_PLACES.items()), rules=(one_of(tuple(CLARIFIED_PLACES), "covers"),)),
            ColumnSpec("date", "Date of the statement.", rules=(date,)),
            ColumnSpec("speaker", "Who spoke or issued it.", rules=(nonempty(),)),
            ColumnSpec("office", "The speaker's office.", rules=(nonempty(),)),
            ColumnSpec("text", "The words, as the source gives them (at most about 45 words).", rules=(nonempty(), Rule("must be at most 50 words", lambda v: word_count(v) <= 50))),
            ColumnSpec("quote_type", "verbatim, translation or indirect (see positions.csv).", rules=(one_of(tuple(QUOTE_TYPES), "quote_type"),)),
            *source_cols,
            note,
        ),
        primary_key=("clarification_id",),
        row_rules=(("'source_date' must not be before the statement 'date'", _not_before("source_date", "date")), *SOURCE_ROW_RULES),
    )
    legal_limits = FileSpec(
        name="legal_limits.csv",
        title="Legal and political limits",
        description="Constitutional, statutory and doctrinal limits on each candidate's joining or acting in a collective-defence alliance.",
        columns=(
            ColumnSpec("limit_id", "Unique id (JPN-01, ...).", rules=(matches(re.compile(r"^[A-Z]{3}-\d{2}$"), "must look like JPN-01"),), unique=True),
            ColumnSpec("iso3", "Country (countries.csv).", rules=(one_of(tuple(iso3_codes), "iso3 (from countries.csv)"),)),
            ColumnSpec("instrument", "The constitution, law or stated doctrine.", rules=(nonempty(),)),
            ColumnSpec("kind", "constitution, statute, doctrine or treaty.", rules=(one_of(LIMIT_KINDS, "kind"),)),
            ColumnSpec("text", "The provision or statement, quoted exactly.", rules=(nonempty(),)),
            ColumnSpec("effect", "forbids, conditions or permits.", rules=(one_of(LIMIT_EFFECTS, "effect"),)),
            ColumnSpec("binds", "What it restricts: " + "; ".join(f"`{k}`: {v}" for k, v in LIMIT_BINDS.items()), rules=(one_of(tuple(LIMIT_BINDS), "binds"),)),
            ColumnSpec("in_effect_since", "Date the provision took effect (empty if not verified).", required=False, rules=(optional(date),)),
            *source_cols,
            note,
        ),
        primary_key=("limit_id",),
        row_rules=SOURCE_ROW_RULES,
    )
    zero_one = Rule("must be 0 or 1", lambda v: v in ("0", "1"))
    atop = FileSpec(
        name="atop_provisions.csv",
        title="ATOP provisions",
        description="ATOP v4.01's provision codes for the alliances coded in clauses.csv, extracted by scripts/extract_atop_provisions.py for the cross-check.",
        columns=(
            ColumnSpec("org_id", "Arrangement (organizations.csv).", rules=(one_of(tuple(org_ids), "org_id (from organizations.csv)"),), unique=True),
            ColumnSpec("atopid", "ATOP alliance id.", rules=(number(1),), frictionless_type="integer"),
            ColumnSpec("phase_begins", "Year the alliance phase begins in ATOP.", rules=(year_rule(today),), frictionless_type="integer"),
            *(ColumnSpec(name, f"ATOP's `{name}` (0/1).", rules=(zero_one,), frictionless_type="integer")
              for name in ("defense", "offense", "neutral", "nonagg", "consul", "conditio", "asymm", "intcom")),
            ColumnSpec("source", "Bibliography key of ATOP.", rules=(src,)),
            quality_col,
        ),
        primary_key=("org_id",),
        row_rules=(SOURCE_ROW_RULES[0],),
    )
    history = FileSpec(
        name="history.csv",
        title="Historical facts",
        description="Sourced facts for the book's history sections (SEATO's decline; nuclear sharing and extended deterrence).",
        columns=(
            ColumnSpec("fact_id", "Unique id (SEATO-01, NUC-01, ...).", rules=(matches(re.compile(r"^[A-Z]+-\d{2}$"), "must look like SEATO-01"),), unique=True),
            ColumnSpec("topic", "seato or nuclear.", rules=(one_of(("seato", "nuclear"), "topic"),)),
            ColumnSpec("date", "Date of the event.", rules=(date,)),
            ColumnSpec("fact", "The fact, with the source's words in quotation marks.", rules=(nonempty(),)),
            *source_cols,
        ),
        primary_key=("fact_id",),
        row_rules=SOURCE_ROW_RULES,
    )
    return {spec.name: spec for spec in (countries, organizations, memberships, clauses, clarifications, legal_limits, atop, history, governments, positions, search_protocol, opinion, estimates, indicators)}


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
