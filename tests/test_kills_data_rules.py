"""Boundaries and messages of the data rules (``schemas``, ``validate``, ``source_policy``), from a sample of surviving mutants.

Each test is one rule a maintainer's bad edit must meet: the earliest year allowed, a curly quote
left open, a number rule given text, the pandera options that make a cell's type and emptiness matter.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.errors as pa_errors
import pytest

from asian_nato.data import schemas
from asian_nato.data.schemas import ColumnSpec, FileSpec

TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize("year, ok", [("1799", False), ("1800", True), ("2026", True), ("2027", False), ("18a0", False)])
def test_year_rule_starts_at_1800_and_stops_this_year(year, ok):
    assert schemas.year_rule(TODAY).test(year) is ok


@pytest.mark.parametrize("text, ok", [("-1", False), ("0", True), ("2.5", True), ("abc", False), ("nan", False), ("inf", False)])
def test_number_with_a_floor_refuses_text_without_raising(text, ok):
    assert schemas.number(0).test(text) is ok


def test_is_number_refuses_both_infinities():
    assert schemas.is_number("1e3") and not schemas.is_number("-inf") and not schemas.is_number("INF")


@pytest.mark.parametrize("quote, ok", [
    ("“Balanced.”", True),
    ("“He said “no” twice.”", True),
    ("“An inner “curly quote left open.”", False),
    ("“An inner curly quote” closed twice.”", False),
    ('"Straight "pairs" are fine."', True),
    ('"A straight " left open."', False),
])
def test_inner_quotation_marks_must_pair(quote, ok):
    assert schemas.is_balanced_quote(quote) is ok


def test_rule_messages_name_what_is_wrong():
    assert schemas.one_of(["b", "a"]).text == "value must be one of: a, b"
    assert schemas.iso_date(TODAY).text == "must be a real date YYYY, YYYY-MM or YYYY-MM-DD, and not in the future"


def test_quality_rule_passes_every_row_of_a_file_without_source_quality():
    frame = pd.DataFrame({"source": ["a; b", "c"]}, index=[4, 9])
    result = schemas._quality_matches_sources(frame)
    assert result.tolist() == [True, True] and result.index.tolist() == [4, 9]


SPEC = FileSpec(
    name="t", title="t", description="t",
    columns=(ColumnSpec("id", "key"), ColumnSpec("year", "year"), ColumnSpec("note", "optional", required=False)),
    primary_key=("id", "year"),
    row_rules=(("'note' must not repeat 'id'", lambda f: f["id"] != f.get("note", pd.Series("", index=f.index))),),
)


def _failures(frame: pd.DataFrame) -> pd.DataFrame | None:
    try:
        schemas.pandera_schema(SPEC).validate(frame, lazy=True)
    except pa_errors.SchemaErrors as err:
        return err.failure_cases
    return None


def test_the_schema_accepts_text_cells_without_the_optional_column():
    assert _failures(pd.DataFrame({"id": ["a", "b"], "year": ["2020", "2020"]})) is None


def test_the_schema_refuses_a_number_where_text_belongs_rather_than_coercing_it():
    cases = _failures(pd.DataFrame({"id": ["a", "b"], "year": [2020, 2021]}))
    assert cases is not None and cases["check"].astype(str).str.startswith("dtype(").any()


def test_the_schema_refuses_an_empty_cell():
    cases = _failures(pd.DataFrame({"id": ["a", None], "year": ["2020", "2021"]}))
    assert cases is not None and "not_nullable" in cases["check"].astype(str).tolist()


def test_a_row_rule_failure_carries_the_rule_text():
    cases = _failures(pd.DataFrame({"id": ["a", "b"], "year": ["2020", "2021"], "note": ["a", "x"]}))
    assert cases is not None and "'note' must not repeat 'id'" in cases["check"].astype(str).tolist()


def test_a_composite_key_must_be_unique_but_its_parts_may_repeat():
    assert _failures(pd.DataFrame({"id": ["a", "a"], "year": ["2020", "2021"]})) is None
    cases = _failures(pd.DataFrame({"id": ["a", "a"], "year": ["2020", "2020"]}))
    assert cases is not None and "multiple_fields_uniqueness" in cases["check"].astype(str).tolist()


def test_a_single_column_key_is_reported_once_as_a_duplicate():
    spec = FileSpec(name="s", title="s", description="s", columns=(ColumnSpec("id", "key", unique=True),), primary_key=("id",))
    try:
        schemas.pandera_schema(spec).validate(pd.DataFrame({"id": ["a", "a"]}), lazy=True)
    except pa_errors.SchemaErrors as err:
        assert set(err.failure_cases["check"].astype(str)) == {"field_uniqueness"}
    else:
        pytest.fail("a duplicate key passed")


def test_an_unreadable_header_is_one_problem_on_line_one(tmp_path):
    from asian_nato.data.validate import read_records

    path = tmp_path / "countries.csv"
    path.write_text('iso3,"name\n', encoding="utf-8")  # a quote opened in the header and never closed
    frame, problems = read_records(path, "data/countries.csv")
    assert frame.empty
    assert [(p.line, p.column) for p in problems] == [(1, "(header)")]
    assert problems[0].rule.startswith("header must be a readable CSV row")


def test_problems_are_listed_in_file_order_then_line_then_column(tmp_path):
    from asian_nato.data.validate import DATA_FILES, collect_problems
    from test_bad_data import TODAY, fresh_dataset

    data_dir = fresh_dataset(tmp_path)
    for name, old, new in [("positions.csv", ",quad,ambiguous,", ",aukus,ambiguous,"),
                           ("countries.csv", "\nJPN,", "\nJPX,"), ("indicators.csv", "CHN,2023,", "CHI,2023,")]:
        path = data_dir / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    problems = collect_problems(data_dir=data_dir, bib_path=data_dir / "references.bib", today=TODAY)
    keys = [(DATA_FILES.index(p.file.removeprefix("data/")), p.line, p.column, p.rule) for p in problems]
    assert len({k[0] for k in keys}) >= 3 and keys == sorted(keys)


@pytest.mark.parametrize("source, domain", [
    ("https://WWW.Reuters.com/world/asia", "reuters.com"), ("https://www.mofa.go.jp/x", "mofa.go.jp"),
    ("http://news.www.example.org/a", "news.www.example.org"), ("reuters2024", ""),
])
def test_domain_of_drops_only_a_leading_www(source, domain):
    from asian_nato.data.source_policy import domain_of

    assert domain_of(source) == domain
