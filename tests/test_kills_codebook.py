"""The codebook appendix's tables, built from hand-made file specs and the real vocabularies."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from asian_nato.data import codebook, contracts, schemas
from asian_nato.data.schemas import ColumnSpec, FileSpec, Rule
from asian_nato.data.source_policy import SOURCE_QUALITIES


def test_columns_table_describes_each_column_and_hides_reference_set_rules() -> None:
    spec = FileSpec(
        name="x.csv", title="X", description="d", primary_key=("id",),
        columns=(
            ColumnSpec("id", "Unique id.", rules=(Rule("must be a slug", str.isidentifier), Rule("one of the known codes", bool))),
            ColumnSpec("note", "Free notes.", required=False),
            ColumnSpec("year", "Year.", rules=(Rule("a year", str.isdigit), Rule("not in the future", bool))),
        ),
    )
    table = codebook.columns_table(spec)
    assert table.columns.tolist() == ["Column", "Required", "Meaning", "Rules"]
    assert table.values.tolist() == [
        ["id", "yes", "Unique id.", "must be a slug"],
        ["note", "no", "Free notes.", "free text"],
        ["year", "yes", "Year.", "a year; not in the future"],
    ]


def test_vocabulary_tables_keep_the_codes_in_order() -> None:
    table = codebook.vocabulary_table({"b": "Bee.", "a": "Ay."}, "letter")
    assert table.columns.tolist() == ["letter", "Rule"]
    assert table.values.tolist() == [["b", "Bee."], ["a", "Ay."]]
    tables = codebook.vocabularies()
    expected = {"kind": schemas.ORG_KINDS, "status": schemas.STATUS_RULES, "stance": schemas.STANCE_RULES,
                "source_quality": SOURCE_QUALITIES, "quote_type": schemas.QUOTE_TYPES, "outcome": schemas.SEARCH_OUTCOMES}
    assert list(tables) == list(expected)
    for name, vocabulary in expected.items():
        assert tables[name].columns.tolist() == [name, "Rule"]
        assert dict(zip(tables[name][name], tables[name]["Rule"])) == vocabulary


def test_specs_are_the_file_contracts_without_reference_sets() -> None:
    got = codebook.specs()
    want = contracts.file_specs(iso3_codes=frozenset(), org_ids=frozenset(), bib_keys=frozenset(), today=dt.date.today())
    assert list(got) == list(want)
    for name in want:
        assert got[name].column_names == want[name].column_names
        assert [c.description for c in got[name].columns] == [c.description for c in want[name].columns]
    # No reference codes are known, so a code that would pass with the real data is refused; today's year is allowed.
    memberships = {c.name: c for c in got["memberships.csv"].columns}
    assert not memberships["iso3"].rules[0].test("JPN")
    organizations = {c.name: c for c in got["organizations.csv"].columns}
    assert organizations["founded"].rules[0].test(str(dt.date.today().year))
    assert not organizations["founded"].rules[0].test(str(dt.date.today().year + 1))
    assert isinstance(codebook.columns_table(got["countries.csv"]), pd.DataFrame)
