"""The contract of every data file: its columns, rules and keys (one :class:`FileSpec` per CSV).

Built from the vocabularies, rule factories and row rules of
:mod:`asian_nato.data.schemas`, given the reference sets a file is checked
against (country codes, arrangement ids, bibliography keys, the date). The
same contract drives validation (:mod:`asian_nato.data.validate`), the
codebook appendix and ``datapackage.json``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from asian_nato.data.schemas import (
    AUTOMATICITY,
    BOOLEANS,
    CLARIFIED_PLACES,
    DEFENCE_OBLIGATIONS,
    ISO3_PATTERN,
    LIMIT_BINDS,
    LIMIT_EFFECTS,
    LIMIT_KINDS,
    MEMBERSHIP_STATUSES,
    OBLIGATION_TYPES,
    ORG_KINDS,
    QUOTE_TYPES,
    RECIPROCITY,
    REGIONS,
    SCOPES,
    SEARCH_OUTCOMES,
    SLUG_PATTERN,
    SOURCE_ROW_RULES,
    STANCES,
    ColumnSpec,
    FileSpec,
    Rule,
    adjudicated,
    is_number,
    iso_date,
    matches,
    nonempty,
    not_before_in_rows,
    not_only_foreign_state_media,
    number,
    one_of,
    optional,
    quote_marks_agree_in_rows,
    sources,
    word_count,
    year_rule,
)
from asian_nato.data.source_policy import SOURCE_QUALITIES, split_sources


@dataclass(frozen=True)
class SharedColumns:
    """The reference sets a file is checked against, and the rules and columns several files share."""

    iso3_codes: frozenset[str]
    org_ids: frozenset[str]
    gov_ids: frozenset[str]
    position_ids: frozenset[str]
    actor_codes: frozenset[str]  # countries and arrangements: who can make a statement
    today: dt.date
    date: Rule
    src: Rule
    quality_col: ColumnSpec
    source_col: ColumnSpec
    source_date_col: ColumnSpec
    # Files created with the source policy keep the three source columns together; older
    # files gained source_quality as their last column, and the specs follow each file's order.
    source_cols: tuple[ColumnSpec, ...]
    note: ColumnSpec


def shared_columns(iso3_codes: frozenset[str], org_ids: frozenset[str], bib_keys: frozenset[str], today: dt.date,
                   gov_ids: frozenset[str], position_ids: frozenset[str]) -> SharedColumns:
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
    return SharedColumns(
        iso3_codes=iso3_codes, org_ids=org_ids, gov_ids=gov_ids, position_ids=position_ids,
        actor_codes=iso3_codes | org_ids, today=today, date=date, src=src,
        quality_col=quality_col, source_col=source_col, source_date_col=source_date_col,
        source_cols=(source_col, quality_col, source_date_col),
        note=ColumnSpec("note", "Coding notes and caveats (free text).", required=False),
    )


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
    shared = shared_columns(iso3_codes, org_ids, bib_keys, today, gov_ids, position_ids)
    files = (_countries, _organizations, _memberships, _clauses, _clarifications, _legal_limits, _atop, _history,
             _governments, _positions, _search_protocol, _opinion, _estimates, _indicators)
    return {spec.name: spec for spec in (build(shared) for build in files)}


def _countries(shared: SharedColumns) -> FileSpec:
    return FileSpec(
        name="countries.csv",
        title="Countries",
        description="States and territories covered by the book, with the region used in tables.",
        columns=(
            ColumnSpec("iso3", "ISO 3166-1 alpha-3 code.", rules=(matches(ISO3_PATTERN, "must be three capital letters (ISO 3166-1 alpha-3)"),), unique=True),
            ColumnSpec("name", "Short English name.", rules=(nonempty(),)),
            ColumnSpec("region", "Region (UN M49 sub-regions, merged).", rules=(one_of(REGIONS, "region"),)),
            shared.note,
            ColumnSpec("source", "Bibliography key(s) or URL(s).", rules=(shared.src,)),
            shared.quality_col,
        ),
        primary_key=("iso3",),
        row_rules=SOURCE_ROW_RULES,
    )


def _organizations(shared: SharedColumns) -> FileSpec:
    return FileSpec(
        name="organizations.csv",
        title="Arrangements",
        description="Alliances, treaties, partnerships, dialogues and regional organisations.",
        columns=(
            ColumnSpec("org_id", "Unique slug.", rules=(matches(SLUG_PATTERN, "must be a lower-case slug (a-z, 0-9, _)"),), unique=True),
            ColumnSpec("name", "Official name.", rules=(nonempty(),)),
            ColumnSpec("short_name", "Common short name.", rules=(nonempty(),)),
            ColumnSpec("kind", "Kind of arrangement: " + "; ".join(f"`{k}`: {v}" for k, v in ORG_KINDS.items()), rules=(one_of(tuple(ORG_KINDS), "kind"),)),
            ColumnSpec("founded", "Date of signature or establishment.", rules=(shared.date,)),
            ColumnSpec("in_force", "Date of entry into force (empty if not applicable).", rules=(optional(shared.date),)),
            ColumnSpec("dissolved", "Date of dissolution (empty while in force).", rules=(optional(shared.date),)),
            ColumnSpec("defence_obligation", "Who the text obliges to act when a party is attacked: " + "; ".join(f"`{k}`: {v}" for k, v in DEFENCE_OBLIGATIONS.items()) + " Clause-level detail is in clauses.csv.", rules=(one_of(tuple(DEFENCE_OBLIGATIONS), "defence_obligation"),)),
            shared.source_col,
            shared.source_date_col,
            shared.note,
            shared.quality_col,
        ),
        primary_key=("org_id",),
        row_rules=(
            ("'dissolved' must not be before 'founded'", not_before_in_rows("dissolved", "founded")),
            ("'in_force' must not be before 'founded'", not_before_in_rows("in_force", "founded")),
            *SOURCE_ROW_RULES,
        ),
    )


def _memberships(shared: SharedColumns) -> FileSpec:
    return FileSpec(
        name="memberships.csv",
        title="Memberships",
        description="One row per spell of a country's membership or partnership in an arrangement.",
        columns=(
            ColumnSpec("org_id", "Arrangement (organizations.csv).", rules=(one_of(tuple(shared.org_ids), "org_id (from organizations.csv)"),)),
            ColumnSpec("iso3", "Country (countries.csv).", rules=(one_of(tuple(shared.iso3_codes), "iso3 (from countries.csv)"),)),
            ColumnSpec("status", "Status during the spell.", rules=(one_of(MEMBERSHIP_STATUSES, "status"),)),
            ColumnSpec("joined", "Start of the spell.", rules=(shared.date,)),
            ColumnSpec("left", "End of the spell (empty while current).", rules=(optional(shared.date),)),
            shared.source_col,
            shared.source_date_col,
            shared.note,
            shared.quality_col,
        ),
        primary_key=("org_id", "iso3", "status", "joined"),
        row_rules=(("'left' must not be before 'joined'", not_before_in_rows("left", "joined")), *SOURCE_ROW_RULES),
    )


def _positions(shared: SharedColumns) -> FileSpec:
    return FileSpec(
        name="positions.csv",
        title="Statements",
        description="Public statements on an Asian NATO or a NATO-like collective-defence alliance in Asia.",
        columns=(
            ColumnSpec("position_id", "Unique id (P001, ...).", rules=(matches(re.compile(r"^P\d{3,}$"), "must look like P001"),), unique=True),
            ColumnSpec("date", "Date of the statement.", rules=(shared.date,)),
            ColumnSpec("speaker", "Who spoke.", rules=(nonempty(),)),
            ColumnSpec("office", "The speaker's office at the time.", rules=(nonempty(),)),
            ColumnSpec("iso3", "Government (ISO3) or organisation (org_id, lower case) the speaker speaks for.", rules=(one_of(tuple(shared.actor_codes), "iso3 or org_id"),)),
            ColumnSpec("stance", "Stance toward a NATO-like Asian alliance, after adjudication of the two codings (see the stance codebook).", rules=(one_of(STANCES, "stance"),)),
            ColumnSpec("quote", "Short exact quote (at most about 40 words): in quotation marks if `quote_type` is verbatim or translation, without them if indirect.", rules=(
                nonempty(),
                Rule("must be at most 45 words", lambda v: word_count(v) <= 45),
            )),
            ColumnSpec("summary", "Summary in the editors' words.", rules=(nonempty(),)),
            ColumnSpec("source", "URL(s) of the record or report, or bibliography key(s).", rules=(shared.src,)),
            ColumnSpec("source_date", "Publication date of the first source.", rules=(shared.date,)),
            shared.note,
            shared.quality_col,
            ColumnSpec("quote_type", "How the source gives the words: " + "; ".join(f"`{k}`: {v}" for k, v in QUOTE_TYPES.items()), rules=(one_of(tuple(QUOTE_TYPES), "quote_type"),)),
            ColumnSpec("stance_first", "First coding, by the editors, from the codebook.", rules=(one_of(STANCES, "stance"),)),
            ColumnSpec("stance_second", "Second, blind coding from the codebook alone (quote, speaker, office and date only).", rules=(one_of(STANCES, "stance"),)),
            ColumnSpec("adjudication", "How a disagreement between the two codings was resolved (required when they differ).", required=False),
            ColumnSpec("on_topic", "true if the statement addresses a NATO-like alliance or military bloc in Asia; false if it addresses something adjacent (spending, the Quad, AUKUS, NATO partnerships).", rules=(one_of(BOOLEANS, "boolean"),), frictionless_type="boolean"),
            ColumnSpec("government", "The administration the speaker served (governments.csv); empty if the speaker held no government office then (a party leader before taking office, a backbencher), so the words are the speaker's, not a government's.", rules=(optional(one_of(tuple(shared.gov_ids), "government (from governments.csv)")),)),
        ),
        primary_key=("position_id",),
        row_rules=(
            ("'source_date' must not be before the statement 'date'", not_before_in_rows("source_date", "date")),
            ("'quote' must sit in quotation marks if verbatim or translated, and must not if indirect", quote_marks_agree_in_rows),
            ("'adjudication' must say how the two codings were reconciled when 'stance_first' and 'stance_second' differ", adjudicated),
            *SOURCE_ROW_RULES,
            ("'source' must not rest only on state media of another government (state media may record only its own government's words)", not_only_foreign_state_media),
        ),
    )


def _governments(shared: SharedColumns) -> FileSpec:
    return FileSpec(
        name="governments.csv",
        title="Governments",
        description="Administrations (or, for organisations, leaderships) whose officials are quoted, with their terms.",
        columns=(
            ColumnSpec("gov_id", "Unique slug, e.g. jpn_ishiba.", rules=(matches(SLUG_PATTERN, "must be a lower-case slug (a-z, 0-9, _)"),), unique=True),
            ColumnSpec("iso3", "Country (ISO3) or organisation (org_id).", rules=(one_of(tuple(shared.actor_codes), "iso3 or org_id"),)),
            ColumnSpec("head", "Head of government (or of the organisation).", rules=(nonempty(),)),
            ColumnSpec("start", "First day in office.", rules=(shared.date,)),
            ColumnSpec("end", "Last day in office (empty while in office).", rules=(optional(shared.date),)),
            *shared.source_cols,
            shared.note,
        ),
        primary_key=("gov_id",),
        row_rules=(("'end' must not be before 'start'", not_before_in_rows("end", "start")), *SOURCE_ROW_RULES),
    )


def _search_protocol(shared: SharedColumns) -> FileSpec:
    return FileSpec(
        name="search_protocol.csv",
        title="Search protocol",
        description="Every search made for statements: query, language, corpus, scope, hits, and rows added or rejected.",
        columns=(
            ColumnSpec("search_id", "Unique id (S001, ...).", rules=(matches(re.compile(r"^S\d{3,}$"), "must look like S001"),), unique=True),
            ColumnSpec("run_date", "Date the search was run.", rules=(shared.date,)),
            ColumnSpec("target", "Government (ISO3) or organisation searched for; empty for a general search.", rules=(optional(one_of(tuple(shared.actor_codes), "iso3 or org_id")),)),
            ColumnSpec("query", "The query as typed.", rules=(nonempty(),)),
            ColumnSpec("language", "ISO 639-1 code of the query's language.", rules=(matches(re.compile(r"^[a-z]{2}$"), "must be a two-letter ISO 639-1 code"),)),
            ColumnSpec("corpus", "Collection searched (e.g. a stored news and official-statement corpus).", rules=(nonempty(),)),
            ColumnSpec("scope", "Site or outlet the query was restricted to, if any.", required=False),
            ColumnSpec("hits", "Results returned.", rules=(number(0),), frictionless_type="integer"),
            ColumnSpec("added", "Statements added to positions.csv from this search.", rules=(number(0),), frictionless_type="integer"),
            ColumnSpec("position_ids", "The statements added or confirmed (';'-separated ids).", required=False, rules=(
                Rule("each ';'-separated id must be in positions.csv", lambda v: v == "" or all(p.strip() in shared.position_ids for p in v.split(";"))),
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


def _indicators(shared: SharedColumns) -> FileSpec:
    return FileSpec(
        name="indicators.csv",
        title="Indicators",
        description="Country-year indicators extracted from upstream datasets by scripts/extract_indicators.py.",
        columns=(
            ColumnSpec("iso3", "Country (countries.csv).", rules=(one_of(tuple(shared.iso3_codes), "iso3 (from countries.csv)"),)),
            ColumnSpec("year", "Calendar year.", rules=(year_rule(shared.today),), frictionless_type="integer"),
            ColumnSpec("indicator", "Indicator code (see the codebook).", rules=(matches(SLUG_PATTERN, "must be a lower-case indicator code"),)),
            ColumnSpec("value", "Value, in `unit`.", rules=(number(),), frictionless_type="number"),
            ColumnSpec("unit", "Unit of `value`.", rules=(nonempty(),)),
            ColumnSpec("source", "Bibliography key of the upstream dataset.", rules=(shared.src,)),
            shared.quality_col,
        ),
        primary_key=("iso3", "year", "indicator"),
        row_rules=(SOURCE_ROW_RULES[0],),
    )


def _opinion(shared: SharedColumns) -> FileSpec:
    return FileSpec(
        name="opinion.csv",
        title="Survey figures",
        description="Published survey figures on alignment, alliances and threat perceptions, one row per figure, checked against the publisher or a newspaper of record.",
        columns=(
            ColumnSpec("figure_id", "Unique id (O001, ...).", rules=(matches(re.compile(r"^O\d{3,}$"), "must look like O001"),), unique=True),
            ColumnSpec("survey", "Survey and publisher.", rules=(nonempty(),)),
            ColumnSpec("year", "Survey (report) year.", rules=(year_rule(shared.today),), frictionless_type="integer"),
            ColumnSpec("fieldwork", "Fieldwork period as published (free text; empty if not given).", required=False),
            ColumnSpec("iso3", "Country whose public or elites were surveyed; empty for a regional aggregate.", rules=(optional(one_of(tuple(shared.iso3_codes), "iso3 (from countries.csv)")),)),
            ColumnSpec("population", "Who was surveyed (e.g. Southeast Asian elites, Australian adults).", rules=(nonempty(),)),
            ColumnSpec("question", "The question, as published or in the publisher's short form (see note).", rules=(nonempty(),)),
            ColumnSpec("answer", "The answer the figure counts.", rules=(nonempty(),)),
            ColumnSpec("percent", "Share of respondents giving that answer (%).", rules=(Rule("must be a number from 0 to 100", lambda v: is_number(v) and 0 <= float(v) <= 100),), frictionless_type="number"),
            ColumnSpec("sample", "Respondents, if published.", required=False, rules=(optional(number(1)),)),
            *shared.source_cols,
            shared.note,
        ),
        primary_key=("survey", "year", "iso3", "population", "question", "answer"),
        row_rules=SOURCE_ROW_RULES,
    )


def _estimates(shared: SharedColumns) -> FileSpec:
    return FileSpec(
        name="milex_estimates.csv",
        title="Military spending estimates",
        description="Published estimates of military spending for states SIPRI does not cover (North Korea), as a value or a range.",
        columns=(
            ColumnSpec("estimate_id", "Unique id (E01, ...).", rules=(matches(re.compile(r"^E\d{2,}$"), "must look like E01"),), unique=True),
            ColumnSpec("iso3", "Country (countries.csv).", rules=(one_of(tuple(shared.iso3_codes), "iso3 (from countries.csv)"),)),
            ColumnSpec("estimator", "Who made the estimate, and the edition.", rules=(nonempty(),)),
            ColumnSpec("year", "Year estimated.", rules=(year_rule(shared.today),), frictionless_type="integer"),
            ColumnSpec("value_usd_m", "Point estimate, US$ m (current dollars of that year).", required=False, rules=(optional(number(0)),), frictionless_type="number"),
            ColumnSpec("low_usd_m", "Low end of a published range, US$ m.", required=False, rules=(optional(number(0)),), frictionless_type="number"),
            ColumnSpec("high_usd_m", "High end of a published range, US$ m.", required=False, rules=(optional(number(0)),), frictionless_type="number"),
            ColumnSpec("basis", "How the estimate was made, as published.", rules=(nonempty(),)),
            *shared.source_cols,
            shared.note,
        ),
        primary_key=("estimate_id",),
        row_rules=(
            ("'value_usd_m' or a range ('low_usd_m', 'high_usd_m') must be given", lambda f: (f["value_usd_m"] != "") | (f["low_usd_m"] != "") | (f["high_usd_m"] != "")),
            ("'low_usd_m' must not exceed 'high_usd_m'", lambda f: (f["low_usd_m"] == "") | (f["high_usd_m"] == "") | (pd.to_numeric(f["low_usd_m"], errors="coerce") <= pd.to_numeric(f["high_usd_m"], errors="coerce")).fillna(True)),
            *SOURCE_ROW_RULES,
        ),
    )


def _clauses(shared: SharedColumns) -> FileSpec:
    return FileSpec(
        name="clauses.csv",
        title="Treaty clauses",
        description="What each arrangement obliges, clause by clause, quoted from the treaty text; dates of entry into force and termination are in organizations.csv.",
        columns=(
            ColumnSpec("clause_id", "Unique id: org_id and article.", rules=(matches(SLUG_PATTERN, "must be a lower-case slug (a-z, 0-9, _)"),), unique=True),
            ColumnSpec("org_id", "Arrangement (organizations.csv).", rules=(one_of(tuple(shared.org_ids), "org_id (from organizations.csv)"),)),
            ColumnSpec("article", "Article or section.", rules=(nonempty(),)),
            ColumnSpec("clause_text", "The clause, quoted exactly (omissions marked ' … ').", rules=(nonempty(),)),
            ColumnSpec("obligation", "Type of obligation: " + "; ".join(f"`{k}`: {v}" for k, v in OBLIGATION_TYPES.items()), rules=(one_of(tuple(OBLIGATION_TYPES), "obligation"),)),
            ColumnSpec("automaticity", "How firmly a party must act: " + "; ".join(f"`{k}`: {v}" for k, v in AUTOMATICITY.items()) + " Empty for access, basing, non-aggression and scope clauses.", required=False, rules=(optional(one_of(tuple(AUTOMATICITY), "automaticity")),)),
            ColumnSpec("reciprocity", "`mutual`, or `one_way` (one party guarantees the others).", rules=(one_of(RECIPROCITY, "reciprocity"),)),
            ColumnSpec("guarantor", "For a one-way clause, the state that gives it (ISO3).", required=False, rules=(optional(one_of(tuple(shared.iso3_codes), "iso3 (from countries.csv)")),)),
            ColumnSpec("scope", "Where the clause applies: " + "; ".join(f"`{k}`: {v}" for k, v in SCOPES.items()), rules=(one_of(tuple(SCOPES), "scope"),)),
            ColumnSpec("scope_text", "The words that set the scope, quoted.", required=False),
            ColumnSpec("integrated_command", "true where the arrangement has an integrated command or standing forces.", rules=(one_of(BOOLEANS, "boolean"),), frictionless_type="boolean"),
            *shared.source_cols,
            shared.note,
        ),
        primary_key=("clause_id",),
        row_rules=(
            ("'automaticity' must be given for defence and consultation clauses", lambda f: ~f["obligation"].isin(["defence", "consultation"]) | (f["automaticity"] != "")),
            ("'guarantor' must be given exactly when 'reciprocity' is one_way and the clause is a defence clause", lambda f: ~((f["reciprocity"] == "one_way") & (f["obligation"] == "defence")) | (f["guarantor"] != "")),
            *SOURCE_ROW_RULES,
        ),
    )


def _clarifications(shared: SharedColumns) -> FileSpec:
    return FileSpec(
        name="clarifications.csv",
        title="Treaty clarifications",
        description="Authoritative statements of where a treaty applies (e.g. that the US-Philippines treaty covers the South China Sea).",
        columns=(
            ColumnSpec("clarification_id", "Unique id (C01, ...).", rules=(matches(re.compile(r"^C\d{2,}$"), "must look like C01"),), unique=True),
            ColumnSpec("org_id", "Arrangement (organizations.csv).", rules=(one_of(tuple(shared.org_ids), "org_id (from organizations.csv)"),)),
            ColumnSpec("covers", "The place the statement brings within the treaty: " + "; ".join(f"`{k}`: {v}" for k, v in CLARIFIED_PLACES.items()), rules=(one_of(tuple(CLARIFIED_PLACES), "covers"),)),
            ColumnSpec("date", "Date of the statement.", rules=(shared.date,)),
            ColumnSpec("speaker", "Who spoke or issued it.", rules=(nonempty(),)),
            ColumnSpec("office", "The speaker's office.", rules=(nonempty(),)),
            ColumnSpec("text", "The words, as the source gives them (at most about 45 words).", rules=(nonempty(), Rule("must be at most 50 words", lambda v: word_count(v) <= 50))),
            ColumnSpec("quote_type", "verbatim, translation or indirect (see positions.csv).", rules=(one_of(tuple(QUOTE_TYPES), "quote_type"),)),
            *shared.source_cols,
            shared.note,
        ),
        primary_key=("clarification_id",),
        row_rules=(("'source_date' must not be before the statement 'date'", not_before_in_rows("source_date", "date")), *SOURCE_ROW_RULES),
    )


def _legal_limits(shared: SharedColumns) -> FileSpec:
    return FileSpec(
        name="legal_limits.csv",
        title="Legal and political limits",
        description="Constitutional, statutory and doctrinal limits on each candidate's joining or acting in a collective-defence alliance.",
        columns=(
            ColumnSpec("limit_id", "Unique id (JPN-01, ...).", rules=(matches(re.compile(r"^[A-Z]{3}-\d{2}$"), "must look like JPN-01"),), unique=True),
            ColumnSpec("iso3", "Country (countries.csv).", rules=(one_of(tuple(shared.iso3_codes), "iso3 (from countries.csv)"),)),
            ColumnSpec("instrument", "The constitution, law or stated doctrine.", rules=(nonempty(),)),
            ColumnSpec("kind", "constitution, statute, doctrine or treaty.", rules=(one_of(LIMIT_KINDS, "kind"),)),
            ColumnSpec("text", "The provision or statement, quoted exactly.", rules=(nonempty(),)),
            ColumnSpec("effect", "forbids, conditions or permits.", rules=(one_of(LIMIT_EFFECTS, "effect"),)),
            ColumnSpec("binds", "What it restricts: " + "; ".join(f"`{k}`: {v}" for k, v in LIMIT_BINDS.items()), rules=(one_of(tuple(LIMIT_BINDS), "binds"),)),
            ColumnSpec("in_effect_since", "Date the provision took effect (empty if not verified).", required=False, rules=(optional(shared.date),)),
            *shared.source_cols,
            shared.note,
        ),
        primary_key=("limit_id",),
        row_rules=SOURCE_ROW_RULES,
    )


def _atop(shared: SharedColumns) -> FileSpec:
    zero_one = Rule("must be 0 or 1", lambda v: v in ("0", "1"))
    return FileSpec(
        name="atop_provisions.csv",
        title="ATOP provisions",
        description="ATOP v4.01's provision codes for the alliances coded in clauses.csv, extracted by scripts/extract_atop_provisions.py for the cross-check.",
        columns=(
            ColumnSpec("org_id", "Arrangement (organizations.csv).", rules=(one_of(tuple(shared.org_ids), "org_id (from organizations.csv)"),), unique=True),
            ColumnSpec("atopid", "ATOP alliance id.", rules=(number(1),), frictionless_type="integer"),
            ColumnSpec("phase_begins", "Year the alliance phase begins in ATOP.", rules=(year_rule(shared.today),), frictionless_type="integer"),
            *(ColumnSpec(name, f"ATOP's `{name}` (0/1).", rules=(zero_one,), frictionless_type="integer")
              for name in ("defense", "offense", "neutral", "nonagg", "consul", "conditio", "asymm", "intcom")),
            ColumnSpec("source", "Bibliography key of ATOP.", rules=(shared.src,)),
            shared.quality_col,
        ),
        primary_key=("org_id",),
        row_rules=(SOURCE_ROW_RULES[0],),
    )


def _history(shared: SharedColumns) -> FileSpec:
    return FileSpec(
        name="history.csv",
        title="Historical facts",
        description="Sourced facts for the book's history sections (SEATO's decline; nuclear sharing and extended deterrence).",
        columns=(
            ColumnSpec("fact_id", "Unique id (SEATO-01, NUC-01, ...).", rules=(matches(re.compile(r"^[A-Z]+-\d{2}$"), "must look like SEATO-01"),), unique=True),
            ColumnSpec("topic", "seato or nuclear.", rules=(one_of(("seato", "nuclear"), "topic"),)),
            ColumnSpec("date", "Date of the event.", rules=(shared.date,)),
            ColumnSpec("fact", "The fact, with the source's words in quotation marks.", rules=(nonempty(),)),
            *shared.source_cols,
        ),
        primary_key=("fact_id",),
        row_rules=SOURCE_ROW_RULES,
    )
