"""The statement listing of the appendix: every row of positions.csv, with names and links."""

from __future__ import annotations

import pandas as pd

from asian_nato.analysis.positions import actor_names
from asian_nato.report.display import Table, show_table, source_markdown

# How the listing marks words that are not the speaker's own, verbatim.
QUOTE_TYPE_MARKS: dict[str, str] = {"verbatim": "", "translation": " (translation)", "indirect": " (indirect speech)"}


def statement_listing(positions: pd.DataFrame, countries: pd.DataFrame, organizations: pd.DataFrame) -> pd.DataFrame:
    """Every statement in date order with the actor's name; raises if a row would be lost."""
    names = actor_names(countries, organizations)
    unnamed = sorted(set(positions["iso3"]) - set(names))
    if unnamed:
        raise ValueError(f"statement listing cannot name actor codes: {unnamed}")
    named = positions.assign(name=positions["iso3"].map(names))
    named = named.sort_values(["date_parsed", "position_id"], kind="stable", ignore_index=True)
    return pd.DataFrame({
        "Id": named["position_id"],
        "Date": named["date"],
        "For": named["name"],
        "Speaker": named["speaker"] + ", " + named["office"],
        "Stance": named["stance"],
        "Quote": named["quote"] + named["quote_type"].map(QUOTE_TYPE_MARKS),
        "Source": named["source"].map(source_markdown),
    })


def statement_table(listing: pd.DataFrame) -> Table:
    return show_table(
        listing,
        caption="Every public statement in positions.csv, oldest first.",
        label="tbl-appendix-statements",
        markdown_columns=("Source",),
        widths=(2, 3, 3, 5, 3, 8, 4),
    )
