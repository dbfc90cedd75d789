"""The codebook appendix, generated from the schemas so it cannot drift from validation."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from asian_nato.data.contracts import file_specs
from asian_nato.data.schemas import ORG_KINDS, QUOTE_TYPES, SEARCH_OUTCOMES, STANCE_RULES, STATUS_RULES, FileSpec
from asian_nato.data.source_policy import SOURCE_QUALITIES


def specs() -> dict[str, FileSpec]:
    """The file specifications, without reference sets (only their wording is needed here)."""
    return file_specs(iso3_codes=frozenset(), org_ids=frozenset(), bib_keys=frozenset(), today=dt.date.today())


def columns_table(spec: FileSpec) -> pd.DataFrame:
    """One row per column: name, whether it is required, meaning and rules."""
    return pd.DataFrame(
        {
            "Column": [c.name for c in spec.columns],
            "Required": ["yes" if c.required else "no" for c in spec.columns],
            "Meaning": [c.description for c in spec.columns],
            "Rules": ["; ".join(r.text for r in c.rules if "known codes" not in r.text) or "free text" for c in spec.columns],
        }
    )


def vocabulary_table(vocabulary: dict[str, str], name: str) -> pd.DataFrame:
    return pd.DataFrame({name: list(vocabulary), "Rule": list(vocabulary.values())})


def vocabularies() -> dict[str, pd.DataFrame]:
    return {
        "kind": vocabulary_table(ORG_KINDS, "kind"),
        "status": vocabulary_table(STATUS_RULES, "status"),
        "stance": vocabulary_table(STANCE_RULES, "stance"),
        "source_quality": vocabulary_table(SOURCE_QUALITIES, "source_quality"),
        "quote_type": vocabulary_table(QUOTE_TYPES, "quote_type"),
        "outcome": vocabulary_table(SEARCH_OUTCOMES, "outcome"),
    }
