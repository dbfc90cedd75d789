"""The statement listing of the appendix: every row of positions.csv, with names and links."""

from __future__ import annotations

import pandas as pd

from .display import Table, show_table, source_markdown


def actor_names(countries: pd.DataFrame, organizations: pd.DataFrame) -> pd.DataFrame:
    """One name per code a statement can be attributed to: ISO3 countries and org ids."""
    return pd.concat(
        [
            countries[["iso3", "name"]],
            organizations[["org_id", "short_name"]].rename(columns={"org_id": "iso3", "short_name": "name"}),
        ],
        ignore_index=True,
    )


def statement_listing(positions: pd.DataFrame, countries: pd.DataFrame, organizations: pd.DataFrame) -> pd.DataFrame:
    """Every statement in date order with the actor's name; raises if a row would be lost."""
    named = positions.merge(
        actor_names(countries, organizations), on="iso3", how="left", validate="many_to_one"
    )
    if len(named) != len(positions) or named["name"].isna().any():
        raise ValueError("statement listing lost or could not name a statement")
    named = named.sort_values(["date_parsed", "position_id"], kind="stable", ignore_index=True)
    return pd.DataFrame({
        "Id": named["position_id"],
        "Date": named["date"],
        "For": named["name"],
        "Speaker": named["speaker"],
        "Office": named["office"],
        "Stance": named["stance"],
        "Quote": named["quote"],
        "Source": named["source"].map(source_markdown),
    })


def statement_table(listing: pd.DataFrame) -> Table:
    return show_table(
        listing,
        caption="Every public statement in positions.csv, oldest first.",
        label="tbl-appendix-statements",
        markdown_columns=("Source",),
        widths=(1, 2, 2, 2, 3, 2, 6, 3),
    )
