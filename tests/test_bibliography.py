"""The bibliography as pybtex reads it: its keys, its URLs with their lines, and a clear message when it is broken.

Every test writes a small hand-made .bib file; :mod:`test_sources` checks the
repository's own bibliography.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from asian_nato.book import linkcheck
from asian_nato.book.linkcheck import Link
from asian_nato.data.validate import BibliographyError, bibliography_keys, collect_problems, read_bibliography

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "valid"
BIB = """Text outside the entries is ignored.
@string{publisher = {A Publisher}}

@misc{first2024,
  author = {Doe, Jane},
  title = {First},
  url = {https://a.example.org/path\\_with\\_underscores?q=50\\%\\&r=1\\#top}
}

@Article(second_2020,
  title = "Second",
  journal = publisher,
  URL = "https://b.example.org/\\~user/a--b"
)

@comment{A comment entry, url = {https://c.example.org}}

@book{third, title = {Third}, url = {https://d.example.org}}

@misc{nourl,
  note = {url = {https://not-a-field.example.org}}
}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    return path


def test_keys_are_the_entries_pybtex_reads(tmp_path):
    assert bibliography_keys(write(tmp_path, BIB)) == {"first2024", "second_2020", "third", "nourl"}


def test_every_url_field_is_found_on_its_line_with_latex_escapes_undone(tmp_path):
    assert linkcheck.bib_links(write(tmp_path, BIB)) == [
        Link("book/references.bib", 7, "https://a.example.org/path_with_underscores?q=50%&r=1#top"),
        Link("book/references.bib", 13, "https://b.example.org/~user/a--b"),
        # A field that does not start a line is on its entry's first line.
        Link("book/references.bib", 18, "https://d.example.org"),
    ]


def test_a_missing_bibliography_has_no_keys_and_no_urls(tmp_path):
    missing = tmp_path / "none.bib"
    assert bibliography_keys(missing) == frozenset()
    assert linkcheck.bib_links(missing) == []
    assert read_bibliography(missing).problems == []


BROKEN = {
    "missing closing brace": (
        "@misc{open,\n  title = {Open},\n  url = {https://a.example.org}\n\n@misc{next,\n  title = {Next}\n}\n",
        "book/references.bib:5: column '(entry)': value '@misc{open,' breaks rule: the bibliography must be valid BibTeX",
        "'}' expected",
    ),
    "duplicate key": (
        "@misc{twice,\n  title = {One}\n}\n@misc{Twice,\n  title = {Two}\n}\n",
        "book/references.bib:0: column '(entry)': breaks rule: the bibliography must be valid BibTeX",
        "repeated bibliography entry: Twice",
    ),
}


@pytest.mark.parametrize("text, start, detail", BROKEN.values(), ids=list(BROKEN))
def test_a_broken_bibliography_is_named_in_one_line_per_problem(text, start, detail, tmp_path):
    bib = write(tmp_path, text)
    [problem] = read_bibliography(bib).problems
    assert str(problem).startswith(start) and detail in str(problem)
    assert len(str(problem).splitlines()) == 1
    for read in (bibliography_keys, linkcheck.bib_links):
        with pytest.raises(BibliographyError, match=r"1 problem\(s\) in book/references\.bib:\n") as raised:
            read(bib)
        assert raised.value.problems == [problem]


def test_validation_lists_a_broken_bibliography_among_the_problems(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURE, data_dir)
    bib = data_dir / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("  year = {2024}\n}", "  year = {2024}\n"), encoding="utf-8")
    problems = collect_problems(data_dir=data_dir, bib_path=bib, today=dt.date(2026, 11, 29))
    assert [(p.file, p.line, p.column, p.value) for p in problems] == [("book/references.bib", 16, "(entry)", "@misc{fixture2024,")]


def test_linkcheck_reports_a_broken_bibliography_and_fails(empty_repo, capsys):
    root = empty_repo
    (root / "book" / "references.bib").write_text("@misc{key,\n url = {https://b.example.org\n}\n", encoding="utf-8")
    assert linkcheck.main([]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("1 problem(s) in book/references.bib:\nbook/references.bib:")
