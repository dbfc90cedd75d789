"""Validate every file in ``data/`` and report *all* problems, one line each.

Each line names the file, the CSV line number, the column, the bad value and
the rule, e.g.::

    data/positions.csv:14: column 'stance': value 'maybe' breaks rule: stance must be one of: ...

``book/references.bib`` is read with pybtex: every error it reports is a
problem too, on the line pybtex gives (0 for a repeated key or field).

Run ``python -m asian_nato.data.validate`` (or ``make validate``); it exits 1 on any
problem, and the build runs it before any notebook executes.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.errors as pa_errors
import pybtex.database
import pybtex.errors
from pybtex.exceptions import PybtexError

from asian_nato.data import paths
from asian_nato.data.contracts import file_specs
from asian_nato.data.schemas import FileSpec, is_url, not_before, pandera_schema

DATA_FILES: tuple[str, ...] = (
    "countries.csv",
    "organizations.csv",
    "memberships.csv",
    "clauses.csv",
    "clarifications.csv",
    "legal_limits.csv",
    "atop_provisions.csv",
    "history.csv",
    "governments.csv",
    "positions.csv",
    "search_protocol.csv",
    "opinion.csv",
    "milex_estimates.csv",
    "indicators.csv",
)
LINE_COLUMN = "_line"
BIBLIOGRAPHY = "book/references.bib"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: str
    value: str
    rule: str

    def __str__(self) -> str:
        value = self.value if len(self.value) <= 60 else self.value[:57] + "..."
        found = f"value {value!r} breaks rule" if value else "breaks rule"
        # A column name comes from the file's header and may hold a line break: keep the message one line.
        column = self.column if self.column.isprintable() else repr(self.column)[1:-1]
        return f"{self.file}:{self.line}: column '{column}': {found}: {self.rule}"


class DataValidationError(ValueError):
    """Raised when data/ breaks its contract; the message lists every problem."""

    def __init__(self, problems: list[Problem], where: str = "data/"):
        self.problems = problems
        lines = [str(p) for p in problems]
        super().__init__(f"{len(problems)} problem(s) in {where}:\n" + "\n".join(lines))


class BibliographyError(DataValidationError):
    """Raised when pybtex cannot read the bibliography cleanly; the message lists every problem."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems, problems[0].file)


# ---------------------------------------------------------------- reading

def read_records(path: Path, label: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a CSV as text cells, keeping each record's starting line number.

    A UTF-8 byte-order mark and CRLF line endings are accepted and removed
    without touching the cells' contents; anything else that cannot be read
    is reported as a problem rather than silently skipped.
    """
    problems: list[Problem] = []
    raw = path.read_bytes()
    if not raw.removeprefix(codecs.BOM_UTF8).strip():
        return pd.DataFrame(), [Problem(label, 1, "(file)", "", "file must have a header row and data rows, but it is empty")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        bad = raw[err.start : err.end].hex()
        return pd.DataFrame(), [Problem(label, line, "(file)", f"0x{bad}", "file must be UTF-8 encoded")]

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as err:
        return pd.DataFrame(), [Problem(label, 1, "(header)", "", f"header must be a readable CSV row ({err})")]
    # Header names are kept exactly as written (no stripping): the loaders in data.py read them as they are.
    duplicated = sorted({h for h in header if header.count(h) > 1})
    problems += [Problem(label, 1, h, h, "column names must be unique") for h in duplicated]

    records: list[list[str]] = []
    lines: list[int] = []
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(Problem(label, start, "(row)", "", f"row must be valid CSV ({err})"))
            break
        if record == [] or record == [""] * len(record) and len(record) <= 1:
            start = reader.line_num + 1
            continue
        if len(record) != len(header):
            extra = "too many" if len(record) > len(header) else "too few"
            problems.append(Problem(
                label, start, "(row)", f"{len(record)} fields",
                f"every row must have {len(header)} fields like the header ({extra}; check commas and quotation marks)",
            ))
        else:
            records.append(record)
            lines.append(start)
        start = reader.line_num + 1

    if not records and not problems:
        problems.append(Problem(label, 2, "(file)", "", "file must have at least one data row"))
    if duplicated:
        return pd.DataFrame(), problems
    frame = pd.DataFrame(records, columns=header, dtype=str)
    frame[LINE_COLUMN] = lines
    return frame, problems


def header_problems(frame: pd.DataFrame, spec: FileSpec, label: str) -> list[Problem]:
    present = [c for c in frame.columns if c != LINE_COLUMN]
    known = set(spec.column_names)
    missing = [c.name for c in spec.columns if c.required and c.name not in present]
    unknown = [c for c in present if c not in known]
    return (
        [Problem(label, 1, c, "", "required column is missing from the header") for c in missing]
        + [Problem(label, 1, c, c, "unknown column: add it to asian_nato/data/schemas.py before using it") for c in unknown]
    )


# ---------------------------------------------------------------- schema checks

_HEADER_CHECKS = {"column_in_dataframe", "column_in_schema"}


def schema_problems(frame: pd.DataFrame, spec: FileSpec, label: str) -> list[Problem]:
    """Run the pandera schema lazily and turn every failure case into a Problem."""
    known = [c for c in spec.column_names if c in frame.columns]
    cells = frame[known]
    try:
        pandera_schema(spec).validate(cells, lazy=True)
        return []
    except pa_errors.SchemaErrors as err:
        cases = err.failure_cases
    cases = cases[~cases["check"].astype(str).isin(_HEADER_CHECKS)]
    cases = cases.dropna(subset=["index"])
    # A row-level check reports one failure case per column; keep one per row.
    row_level = cases["schema_context"].astype(str) == "DataFrameSchema"
    cases = pd.concat([cases[~row_level], cases[row_level].drop_duplicates(subset=["index", "check"])])
    line_of = frame[LINE_COLUMN]
    out: list[Problem] = []
    for case in cases.itertuples(index=False):
        row = int(case.index)
        column, value, rule = _describe_case(case, spec, cells, row)
        out.append(Problem(label, int(line_of.iloc[row]), column, value, rule))
    return out


def _describe_case(case, spec: FileSpec, cells: pd.DataFrame, row: int) -> tuple[str, str, str]:
    check = str(case.check)
    if check == "field_uniqueness":
        return case.column, str(case.failure_case), f"'{case.column}' must be unique (duplicate key)"
    if check == "multiple_fields_uniqueness":
        key = ", ".join(spec.primary_key)
        value = " / ".join(str(cells.iloc[row][k]) for k in spec.primary_key)
        return spec.primary_key[0], value, f"({key}) must be unique (duplicate key)"
    if str(case.schema_context) != "DataFrameSchema" and case.column in cells.columns:
        return case.column, str(case.failure_case), check
    named = re.search(r"'([a-z_]+)'", check)
    column = named.group(1) if named else "(row)"
    value = str(cells.iloc[row][column]) if column in cells.columns else ""
    return column, value, check


# ---------------------------------------------------------------- cross-file checks

def source_date_conflicts(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """The same single URL must not be cited with two different source dates."""
    parts = []
    for name, frame in frames.items():
        if {"source", "source_date", LINE_COLUMN} <= set(frame.columns):
            single = frame[frame["source"].map(is_url).astype(bool)]
            parts.append(single.assign(file=f"data/{name}", line=single[LINE_COLUMN])[["file", "line", "source", "source_date"]])
    if not parts:
        return []
    cited = pd.concat(parts, ignore_index=True)
    first = cited.groupby("source")["source_date"].transform("first")
    clash = cited[cited["source_date"] != first]
    return [
        Problem(r.file, int(r.line), "source_date", r.source_date,
                f"a URL cited elsewhere with source_date {f} must keep that date")
        for r, f in zip(clash.itertuples(index=False), first[clash.index])
    ]


def government_mismatches(positions: pd.DataFrame, governments: pd.DataFrame) -> list[Problem]:
    """A statement's government must be its actor's, and in office on the statement's date."""
    needed = {"government", "iso3", "date", LINE_COLUMN}
    if positions.empty or governments.empty or not needed <= set(positions.columns) or not {"gov_id", "iso3", "start", "end"} <= set(governments.columns):
        return []
    terms = governments.drop_duplicates("gov_id").set_index("gov_id")
    known = positions[positions["government"].isin(terms.index)]
    term = terms.loc[known["government"]]
    wrong_actor = known["iso3"].to_numpy() != term["iso3"].to_numpy()
    # Compared at the coarser precision, like every other date rule: a statement dated 2024-10 may fall in a term starting 2024-10-01.
    before = [not not_before(d, s) for d, s in zip(known["date"], term["start"])]
    after = [e != "" and not not_before(e, d) for d, e in zip(known["date"], term["end"])]
    out = []
    for line, gov, bad_actor, early, late in zip(known[LINE_COLUMN], known["government"], wrong_actor, before, after):
        if bad_actor:
            out.append(Problem("data/positions.csv", int(line), "government", gov, "government must belong to the same iso3 as the statement (governments.csv)"))
        elif early or late:
            out.append(Problem("data/positions.csv", int(line), "government", gov, "the statement 'date' must fall within the government's term (governments.csv start/end)"))
    return out


# ---------------------------------------------------------------- the bibliography

@dataclass(frozen=True)
class Bibliography:
    """A BibTeX file as pybtex reads it: its text, its entries in file order, and what it could not read.

    ``entries`` is pybtex's mapping, so, as in BibTeX, its keys are compared without regard to case.
    """

    text: str
    entries: Mapping[str, pybtex.database.Entry]
    problems: list[Problem]


def read_bibliography(bib_path: Path, label: str = BIBLIOGRAPHY) -> Bibliography:
    """Parse a BibTeX file with pybtex and return it with one Problem per error (all empty if there is no file).

    pybtex keeps reading after an error, so every problem is listed, and an entry
    it could read in part is kept.
    """
    if not bib_path.exists():
        return Bibliography("", {}, [])
    text = bib_path.read_text(encoding="utf-8")
    # Captured rather than raised, whatever pybtex's global strict mode is set to.
    with pybtex.errors.capture() as errors:
        data = pybtex.database.parse_string(text, "bibtex")
    return Bibliography(text, data.entries, [_bibliography_problem(error, label) for error in errors])


def _bibliography_problem(error: PybtexError, label: str) -> Problem:
    # A syntax error carries its line and the text from the start of its entry; a repeated
    # key or field carries neither (line 0), but pybtex's message names the entry.
    context = (error.get_context() or "").splitlines()
    return Problem(label, getattr(error, "lineno", None) or 0, "(entry)", context[0] if context else "",
                   f"the bibliography must be valid BibTeX, with no key or field repeated ({error})")


def clean_bibliography(bib_path: Path, label: str = BIBLIOGRAPHY) -> Bibliography:
    """The bibliography as :func:`read_bibliography` returns it; raises BibliographyError if it has any problem."""
    bibliography = read_bibliography(bib_path, label)
    if bibliography.problems:
        raise BibliographyError(bibliography.problems)
    return bibliography


def bibliography_keys(bib_path: Path) -> frozenset[str]:
    """The entry keys of a BibTeX file (none if there is no file); raises BibliographyError if pybtex cannot read it cleanly."""
    return frozenset(clean_bibliography(bib_path).entries)


# ---------------------------------------------------------------- entry points

def collect_problems(
    data_dir: Path | None = None,
    bib_path: Path | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """Every problem in the data directory, sorted by file and line."""
    data_dir = data_dir or paths.data_dir()
    bib_path = bib_path or paths.bibliography()
    today = today or dt.date.today()
    problems: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    for name in DATA_FILES:
        path = data_dir / name
        label = f"data/{name}"
        if not path.exists():
            problems.append(Problem(label, 0, "(file)", "", "file is required but missing"))
            frames[name] = pd.DataFrame()
            continue
        frames[name], read_problems = read_records(path, label)
        problems += read_problems
    bibliography = read_bibliography(bib_path)
    problems += bibliography.problems

    def codes(name: str, column: str) -> frozenset[str]:
        frame = frames.get(name, pd.DataFrame())
        return frozenset(frame[column]) if column in frame.columns else frozenset()

    specs = file_specs(
        iso3_codes=codes("countries.csv", "iso3"),
        org_ids=codes("organizations.csv", "org_id"),
        bib_keys=frozenset(bibliography.entries),
        today=today,
        gov_ids=codes("governments.csv", "gov_id"),
        position_ids=codes("positions.csv", "position_id"),
    )
    for name, frame in frames.items():
        if frame.empty:
            continue
        label = f"data/{name}"
        head = header_problems(frame, specs[name], label)
        problems += head
        problems += schema_problems(frame, specs[name], label)
    problems += source_date_conflicts(frames)
    problems += government_mismatches(frames.get("positions.csv", pd.DataFrame()), frames.get("governments.csv", pd.DataFrame()))
    return sorted(set(problems), key=lambda p: (DATA_FILES.index(p.file.removeprefix("data/")) if p.file.removeprefix("data/") in DATA_FILES else 99, p.line, p.column, p.rule))


VALIDATED = "ASIAN_NATO_VALIDATED"
_RULES = ("validate.py", "schemas.py", "contracts.py", "source_policy.py")


def validation_key(data_dir: Path | None = None, bib_path: Path | None = None, today: dt.date | None = None) -> str:
    """A hash of everything a validation reads: the data files, the bibliography, the date and the rules' code."""
    data_dir = data_dir or paths.data_dir()
    inputs = [*(data_dir / name for name in DATA_FILES), bib_path or paths.bibliography(),
              *(Path(__file__).with_name(name) for name in _RULES)]
    digest = hashlib.sha256((today or dt.date.today()).isoformat().encode())
    for path in inputs:
        digest.update(path.name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.exists() else b"missing")
    return digest.hexdigest()


def already_validated(data_dir: Path | None = None, bib_path: Path | None = None, today: dt.date | None = None) -> bool:
    """Whether the build that started this process has validated these very inputs (see :func:`validate_or_raise`)."""
    return os.environ.get(VALIDATED) == validation_key(data_dir, bib_path, today)


def validate_or_raise(data_dir: Path | None = None, bib_path: Path | None = None, today: dt.date | None = None) -> None:
    """Raise DataValidationError listing every problem, if there is any.

    Skipped when the environment's ``ASIAN_NATO_VALIDATED`` holds the
    :func:`validation_key` of these very inputs: the build sets it after it
    has validated them, so the notebooks it starts do not validate the same
    bytes again. Any changed byte, rule or day gives another key, and the
    validation runs.
    """
    if already_validated(data_dir, bib_path, today):
        return
    problems = collect_problems(data_dir, bib_path, today)
    if problems:
        raise DataValidationError(problems)


def main(argv: list[str] | None = None) -> int:
    problems = collect_problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"validate: {len(problems)} problem(s); nothing was built.", file=sys.stderr)
        return 1
    print(f"validate: data/ is valid ({', '.join(DATA_FILES)}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
