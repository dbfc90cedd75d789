"""Conclusions follow the data: rebuilt on data designed to give "yes" and "no", every chapter agrees.

Each case takes a copy of the repository with the main build's caches, adds
statements dated just before the as-of date, rebuilds the web edition, and
checks the answer where chapters state it (the book in brief, the answer
chapter) and that no page keeps a conclusion written for another answer.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from asian_nato.analysis import evidence, groups
from conftest import copy_repo, run_build

pytestmark = [pytest.mark.slow, pytest.mark.build, pytest.mark.xdist_group("conclusions")]
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


def rebuild(tmp_path_factory, site, stance: str, who: tuple[str, ...]) -> Path:
    copy = copy_repo(tmp_path_factory.mktemp(f"conclusions-{stance}") / "book", with_build=True)
    add_statements(copy, stance, who)
    result = run_build(copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return copy


@pytest.mark.parametrize(("stance", "who", "expected"), [
    ("support", groups.CANDIDATES, "yes"),
    ("oppose", ("USA",), "no"),
])
def test_every_chapter_states_the_computed_answer(tmp_path_factory, site, stance, who, expected) -> None:
    copy = rebuild(tmp_path_factory, site, stance, who)
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
