"""Conclusions follow the data: rebuilt on data designed to give "yes" and "no", every chapter agrees.

Each case takes a copy of the repository with the main build's caches, adds
statements dated just before the as-of date, rebuilds the web edition, and
checks the answer where chapters state it (the book in brief, the answer
chapter) and that no page keeps a conclusion written for another answer.
The "yes" rebuild also checks that new statements re-execute exactly the
chapters that read them (the staleness test for statements, beside the
indicator and membership edits in test_staleness.py), and it carries
test_hostile_text's statement of hostile text, checked in the HTML and the
PDF it builds.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from asian_nato.analysis import evidence, groups
from conftest import copy_repo, executed, run_build
from test_hostile_text import add_hostile_statement, check_hostile_statement_shown_as_text

pytestmark = [pytest.mark.slow, pytest.mark.build]
# Each case builds its own copy, so the two run in groups of their own and xdist can put them on different workers.
ON_YES_COPY = pytest.mark.xdist_group("conclusions_yes")
ON_NO_COPY = pytest.mark.xdist_group("conclusions_no")
DATE = "2026-11-30"


def add_statements(copy: Path, stance: str, who: tuple[str, ...]) -> None:
    """Append one statement of ``stance`` per government in ``who``, by the government in office on DATE."""
    path = copy / "data" / "positions.csv"
    text = path.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = reader.fieldnames
    governments = pd.read_csv(copy / "data" / "governments.csv", dtype=str, keep_default_na=False)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    for i, code in enumerate(who):
        government = evidence.government_on(governments, code, pd.Timestamp(DATE))
        writer.writerow({c: "" for c in columns} | {
            "position_id": f"P9{i:02d}", "date": DATE, "speaker": f"Test speaker {code}", "office": "Minister for Tests",
            "iso3": code, "stance": stance, "stance_first": stance, "stance_second": stance, "on_topic": "true",
            "government": government["gov_id"], "quote": '"A test statement."', "quote_type": "verbatim",
            "summary": "A statement added by the conclusions test.", "source": "https://example.com/conclusions-test",
            "source_quality": "official", "source_date": DATE,
        })
    path.write_text(text.rstrip("\n") + "\n" + out.getvalue(), encoding="utf-8")


def text_of(copy: Path, name: str) -> str:
    html = (copy / "_build" / "html" / "book" / f"{name}.html").read_text(encoding="utf-8")
    main = html[html.find("<main"):]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


# The answer each case is designed to give: the stance added, by whom.
CASES: dict[str, tuple[str, tuple[str, ...]]] = {"yes": ("support", groups.CANDIDATES), "no": ("oppose", ("USA",))}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory, site):
    """The rebuilt copy for an expected answer, built once for all the tests that read it."""
    copies: dict[str, Path] = {}

    def get(expected: str) -> Path:
        if expected not in copies:
            stance, who = CASES[expected]
            copy = copy_repo(tmp_path_factory.mktemp(f"conclusions-{stance}") / "book", with_build=True)
            # The "yes" copy also carries test_hostile_text's statement, dated like the latest real one (before
            # the statements added here), and builds the PDF too: one rebuild instead of two.
            if expected == "yes":
                add_hostile_statement(copy / "data" / "positions.csv")
            add_statements(copy, stance, who)
            result = run_build(copy, "book" if expected == "yes" else "html")
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
            copies[expected] = copy
        return copies[expected]

    return get


@pytest.mark.parametrize("expected", [pytest.param("yes", marks=ON_YES_COPY), pytest.param("no", marks=ON_NO_COPY)])
def test_every_chapter_states_the_computed_answer(rebuilt, expected) -> None:
    copy = rebuilt(expected)
    answer_page = text_of(copy, "09_answer")
    assert re.search(rf"the answer on \S+ is {expected}\b", answer_page), answer_page[:2000]
    assert re.search(rf"Under the book's rule the answer is {expected}\b", answer_page)
    brief = text_of(copy, "01_question")
    assert re.search(rf"The answer under the rule in .{{0,80}}: {expected}\b", brief), brief[-3000:]
    others = {"yes": ["is not on the table", "which is what separates not now from no"],
              "no": ["the conditions for a NATO-like alliance in Asia are in place", "which is what separates not now from no"]}
    for name in ("01_question", "04_positions", "07_coalitions", "08_asean", "09_answer", "commitments"):
        page = text_of(copy, name)
        for phrase in others[expected]:
            assert phrase not in page, f"{name} keeps a conclusion written for another answer: {phrase!r}"
        assert "leans to not now" not in page and 'reason the data gives for "not now"' not in page
        assert "weakest ground" not in page, f"{name} keeps the caveat on a not-now answer"
    if expected == "yes":
        assert "most of the region's governments are classed yes" in text_of(copy, "04_positions")
        assert "Will is scarce." not in brief and "Will is there." in brief


@ON_YES_COPY
def test_new_statements_re_execute_the_chapters_that_read_them_and_only_those(rebuilt, site) -> None:
    """The staleness check for statements, on the "yes" case's rebuild (a copy of its own would cost a minute)."""
    copy = rebuilt("yes")
    ran = [Path(p).stem for p in executed(copy)]
    assert {"01_question", "04_positions", "07_coalitions", "09_answer", "appendix_statements"} <= set(ran), ran
    # Chapter 5 asks for the as-of date only, and statements older than it leave it where it was.
    assert "05_capabilities" not in ran and "06_alignment" not in ran, ran
    assert "P900" in text_of(copy, "appendix_statements")
    stale = [name for name in ("04_positions", "07_coalitions", "09_answer")
             if (copy / "_build" / "html" / "book" / f"{name}.html").read_bytes() == (site / "book" / f"{name}.html").read_bytes()]
    assert not stale, f"pages that did not follow the new statements: {stale}"


@ON_YES_COPY
def test_hostile_statement_is_shown_as_text_in_html_and_pdf(rebuilt) -> None:
    """test_hostile_text's build-level check, on the "yes" rebuild, which carries its statement."""
    check_hostile_statement_shown_as_text(rebuilt("yes"))
