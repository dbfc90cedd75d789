"""Bad input is refused, with one line naming the file, the line and the column.

The corpus lives in ``tests/bad_data/cases.yaml``: each case breaks one thing
in a copy of the small valid dataset in ``tests/fixtures/valid/``. A UTF-8
byte-order mark and CRLF line endings are harmless: such files must validate
and load without any cell or column name being changed.

The last test rebuilds a copy of the repository with one bad row and checks
that the build stops before any notebook runs and leaves no old site behind.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
import yaml

from asian_nato import data
from asian_nato.data import paths
from conftest import copy_repo, run_build
from asian_nato.data.validate import DATA_FILES, Problem, collect_problems, read_records

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "valid"
CASES_FILE = Path(__file__).resolve().parent / "bad_data" / "cases.yaml"
TODAY = dt.date(2026, 11, 29)
CASES: list[dict] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))

# The failures the issue asks the corpus to cover (see the `kind` of each case).
REQUIRED_KINDS = {
    "wrong_type", "missing_column", "unknown_column", "duplicate_key", "unknown_code",
    "bad_date", "future_date", "left_before_joined", "stance_vocabulary", "missing_source",
    "malformed_url", "empty_file", "not_utf8", "bom", "crlf", "unbalanced_quote", "too_many_fields",
    "source_policy", "quote_type", "coding", "protocol",
}
FIRST_COLUMN = {
    "countries.csv": "iso3", "organizations.csv": "org_id", "memberships.csv": "org_id",
    "positions.csv": "position_id", "indicators.csv": "iso3",
    "governments.csv": "gov_id", "search_protocol.csv": "search_id",
    "opinion.csv": "figure_id", "milex_estimates.csv": "estimate_id",
    "clauses.csv": "clause_id", "clarifications.csv": "clarification_id", "legal_limits.csv": "limit_id",
    "atop_provisions.csv": "org_id", "history.csv": "fact_id",
}


# ---------------------------------------------------------------- helpers

def fresh_dataset(tmp_path: Path) -> Path:
    """A copy of the valid fixture: data files and references.bib in one folder."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


def problems_in(data_dir: Path) -> list[Problem]:
    return collect_problems(data_dir=data_dir, bib_path=data_dir / "references.bib", today=TODAY)


def apply_case(case: dict, data_dir: Path) -> None:
    """Break the case's file as the case describes (see the comment at the top of cases.yaml)."""
    path = data_dir / case["file"]
    text = path.read_bytes().decode("utf-8")
    for old, new in case.get("replace", []):
        assert text.count(old) == 1, f"case {case['id']}: {old!r} must occur exactly once in the fixture"
        text = text.replace(old, new)
    if "append" in case:
        assert text.endswith("\n")
        text += case["append"] + "\n"
    if "content" in case:
        text = case["content"]
    if case.get("delete"):
        path.unlink()
        return
    if case.get("crlf"):
        text = text.replace("\n", "\r\n")
    raw = text.encode(case.get("encoding", "utf-8"))
    if case.get("bom"):
        raw = b"\xef\xbb\xbf" + raw
    assert case.get("content") is not None or raw != (data_dir / case["file"]).read_bytes(), \
        f"case {case['id']} must change its file"
    path.write_bytes(raw)


def one_line(problem: Problem) -> str:
    message = str(problem)
    assert len(message.splitlines()) == 1 and "\n" not in message and "\r" not in message, message
    return message


# ---------------------------------------------------------------- the corpus itself

def test_valid_fixture_has_no_problems(tmp_path):
    """Otherwise a bad-data case could pass for a reason other than the one it names."""
    assert problems_in(fresh_dataset(tmp_path)) == []


def test_corpus_is_large_and_covers_every_kind_of_failure():
    ids = [case["id"] for case in CASES]
    assert len(ids) >= 30
    assert len(set(ids)) == len(ids), "case ids must be unique"
    assert REQUIRED_KINDS <= {case["kind"] for case in CASES}
    assert {case["file"] for case in CASES} == set(DATA_FILES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_bad_data_is_refused_with_a_one_line_message(case, tmp_path):
    data_dir = fresh_dataset(tmp_path)
    apply_case(case, data_dir)
    problems = problems_in(data_dir)
    expect = case["expect"]
    label = f"data/{case['file']}"
    matching = [
        p for p in problems
        if p.file == label and p.line == expect["line"] and p.column == expect["column"] and expect["rule"] in p.rule
    ]
    listing = "\n".join(map(str, problems)) or "(no problems)"
    assert matching, f"expected {label}:{expect['line']} column {expect['column']!r} ~ {expect['rule']!r}; got:\n{listing}"
    for problem in problems:
        one_line(problem)
    message = one_line(matching[0])
    assert message.startswith(f"{label}:{expect['line']}: ")
    shown_column = expect["column"] if expect["column"].isprintable() else repr(expect["column"])[1:-1]
    assert f"column '{shown_column}'" in message
    assert expect["rule"] in message


# ---------------------------------------------------------------- BOM and CRLF are harmless

ENCODINGS = {
    "bom": {"bom": True},
    "crlf": {"crlf": True},
    "bom+crlf": {"bom": True, "crlf": True},
}


def rewrite_all(data_dir: Path, bom: bool = False, crlf: bool = False) -> None:
    for name in DATA_FILES:
        path = data_dir / name
        text = path.read_bytes().decode("utf-8")
        if crlf:
            text = text.replace("\n", "\r\n")
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


@pytest.mark.parametrize("variant", ENCODINGS, ids=list(ENCODINGS))
def test_bom_and_crlf_files_validate_and_read_unchanged(variant, tmp_path):
    data_dir = fresh_dataset(tmp_path)
    rewrite_all(data_dir, **ENCODINGS[variant])
    assert problems_in(data_dir) == []
    newline = "\r\n" if ENCODINGS[variant].get("crlf") else "\n"
    for name in DATA_FILES:
        frame, problems = read_records(data_dir / name, f"data/{name}")
        assert problems == []
        assert frame.columns[0] == FIRST_COLUMN[name]
        assert not frame.columns.str.contains("\ufeff|\r").any()
        assert not frame.drop(columns="_line").apply(lambda col: col.str.endswith("\r")).any().any()
    positions, _ = read_records(data_dir / "positions.csv", "data/positions.csv")
    assert positions["_line"].tolist() == [2, 3, 4, 6]
    assert positions.loc[2, "quote"] == f'"Bloc confrontation{newline}finds no market here"'
    assert positions.loc[2, "summary"] == 'The spokesperson rejected "small circles" and blocs.'
    assert positions.loc[1, "quote"] == "“An Asian version of NATO is indispensable”"


@pytest.mark.parametrize("variant", ENCODINGS, ids=list(ENCODINGS))
def test_loaders_read_bom_and_crlf_files_without_corrupting_cells(variant, tmp_path, monkeypatch):
    root = tmp_path / "repo"
    data_dir = root / "data"
    shutil.copytree(FIXTURE, data_dir)
    (root / "book").mkdir()
    shutil.move(data_dir / "references.bib", root / "book" / "references.bib")
    rewrite_all(data_dir, **ENCODINGS[variant])
    monkeypatch.setenv("ASIAN_NATO_ROOT", str(root))
    assert paths.data_dir() == data_dir.resolve()
    newline = "\r\n" if ENCODINGS[variant].get("crlf") else "\n"

    countries = data.load_countries()
    assert countries.columns[0] == "iso3"
    assert countries["iso3"].tolist() == ["AUS", "CHN", "JPN", "PHL", "USA"]
    assert countries.loc[4, "note"] == "Listed for its alliances, not its region."
    positions = data.load_positions().set_index("position_id")
    assert positions.loc["P003", "quote"] == f'"Bloc confrontation{newline}finds no market here"'
    assert positions.loc["P002", "quote"] == "“An Asian version of NATO is indispensable”"
    assert positions.loc["P004", "source_date"] == "2025"
    organizations = data.load_organizations().set_index("org_id")
    assert organizations.loc["quad", "note"] == 'Revived in 2017; "Quad 2.0".'
    assert organizations["defence_obligation"].tolist() == ["mutual", "none", "mutual"]
    memberships = data.load_memberships()
    assert memberships.columns[0] == "org_id" and memberships["note"].iloc[-1] == "Founding member."
    indicators = data.load_indicators()
    assert indicators.columns[0] == "iso3" and indicators["value"].iloc[-1] == 916015.3


# ---------------------------------------------------------------- the build refuses bad data

def break_first_stance(positions_csv: Path) -> str:
    """Set the stance of the first statement (always CSV line 2) to 'maybe'; return the expected message start."""
    rows = list(csv.reader(io.StringIO(positions_csv.read_bytes().decode("utf-8-sig"), newline="")))
    stance = rows[0].index("stance")
    rows[1][stance] = "maybe"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    positions_csv.write_text(out.getvalue(), encoding="utf-8")
    return "data/positions.csv:2: column 'stance': value 'maybe' breaks rule: stance must be one of"


@pytest.mark.slow
@pytest.mark.xdist_group("build")
def test_build_stops_on_bad_data_before_executing_and_removes_old_site(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    expected = break_first_stance(repo / "data" / "positions.csv")
    stale = repo / "_build" / "html" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("<p>a site built from older data</p>", encoding="utf-8")

    result = run_build(repo, "html")

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert [line for line in result.stderr.splitlines() if line.startswith(expected)], result.stderr
    assert "Executing notebook" not in output
    assert "removed _build/html" in result.stderr
    assert not (repo / "_build" / "html").exists()
