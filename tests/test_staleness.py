"""No stale output: a data edit re-executes the chapters that read it, and only those.

One copy of the repository, with the main build's caches, is rebuilt after
each kind of change, in order. The first rebuild re-reads every page (the
source directory moved) but must execute nothing, because the caches match.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from conftest import copy_repo, run_build

pytestmark = [pytest.mark.slow, pytest.mark.build, pytest.mark.xdist_group("build")]


def executed(copy: Path) -> list[str]:
    return json.loads((copy / "_build" / "executed.json").read_text())["html"]


def page(copy: Path, name: str) -> str:
    return (copy / "_build" / "html" / "book" / f"{name}.html").read_text(encoding="utf-8")


def figdata(copy: Path) -> str:
    return "\n".join(p.read_text() for p in sorted((copy / "_build" / "figdata").glob("*.csv")))


def build_ok(copy: Path) -> list[str]:
    result = run_build(copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return [Path(p).stem for p in executed(copy)]


@pytest.fixture(scope="module")
def copy(tmp_path_factory, site) -> Path:
    dest = copy_repo(tmp_path_factory.mktemp("stale") / "book", with_build=True)
    # Without the main build's stamps, the first build runs Sphinx, which re-reads every page.
    shutil.rmtree(dest / "_build" / ".stamps", ignore_errors=True)
    assert build_ok(dest) == [], "the copied caches should serve every notebook"
    return dest


def test_unchanged_rebuild_executes_nothing(copy: Path) -> None:
    assert build_ok(copy) == []


def test_indicator_edit_reaches_the_glued_numbers_and_figure_data(copy: Path) -> None:
    path = copy / "data" / "indicators.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    china = (frame["iso3"] == "CHN") & (frame["indicator"] == "milex_const_usd_m")
    latest = frame.loc[china, "year"].astype(int).max()
    target = china & (frame["year"] == str(latest))
    assert target.sum() == 1
    before = figdata(copy)
    assert "314159" not in before
    frame.loc[target, "value"] = "314159"
    frame.to_csv(path, index=False, lineterminator="\n")

    ran = build_ok(copy)
    assert "05_capabilities" in ran and "07_coalitions" in ran
    assert "appendix_cite" not in ran and "appendix_statements" not in ran, ran
    assert "314159" in figdata(copy)
    assert page(copy, "05_capabilities") != "", "capabilities page missing"


def test_new_statement_changes_the_stance_table(copy: Path) -> None:
    path = copy / "data" / "positions.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = {c: "" for c in frame.columns}
    # New Zealand's newest statement, yet older than the data's as-of date.
    row.update(
        position_id="P999", date="2026-01-20", speaker="Test Speaker", office="Minister for Tests",
        iso3="NZL", stance="support", stance_first="support", stance_second="support", on_topic="true",
        government="nzl_luxon", quote='"We want an alliance now."', quote_type="verbatim",
        summary="A test statement added by the staleness test.", source="https://example.com/test-statement",
        source_quality="official", source_date="2026-01-20",
    )
    before = {name: page(copy, name) for name in ("04_positions", "07_coalitions", "09_answer")}
    pd.concat([frame, pd.DataFrame([row])]).to_csv(path, index=False, lineterminator="\n")

    ran = build_ok(copy)
    assert {"04_positions", "07_coalitions", "09_answer", "appendix_statements"} <= set(ran), ran
    # Chapter 5 asks for the as-of date only, and an older statement leaves it where it was.
    assert "05_capabilities" not in ran, ran
    assert "P999" in page(copy, "appendix_statements")
    changed = [name for name, html in before.items() if page(copy, name) != html]
    assert changed == list(before), f"pages that did not follow the new statement: {set(before) - set(changed)}"


def test_removed_membership_changes_the_matrix(copy: Path) -> None:
    path = copy / "data" / "memberships.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    drop = (frame["org_id"] == "aukus") & (frame["iso3"] == "GBR")
    assert drop.sum() == 1
    before = figdata(copy)
    frame[~drop].to_csv(path, index=False, lineterminator="\n")

    ran = build_ok(copy)
    assert "02_memberships" in ran, ran
    assert "04_positions" not in ran, ran
    assert figdata(copy) != before


SKIPPED = "(no input changed since it was built)"


def pdf_text(copy: Path) -> str:
    pdf = copy / "_build" / "html" / "_downloads" / "asian-nato.pdf"
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_a_no_change_book_does_nothing_and_a_chapter_edit_rebuilds_the_pdf(copy: Path) -> None:
    pdf = copy / "_build" / "html" / "_downloads" / "asian-nato.pdf"
    assert run_build(copy, "book").returncode == 0
    built = pdf.stat().st_mtime_ns

    result = run_build(copy, "book")
    assert result.returncode == 0 and result.stdout.count(SKIPPED) == 2, result.stdout[-2000:]
    assert executed(copy) == []
    assert pdf.stat().st_mtime_ns == built, "a no-change build rewrote the PDF"

    chapter = copy / "book" / "02_memberships.md"
    sentence = "A sentence the staleness test adds to the takeaway."
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("## Takeaway", f"{sentence}\n\n## Takeaway", 1), encoding="utf-8")
    result = run_build(copy, "book")
    assert result.returncode == 0 and SKIPPED not in result.stdout, result.stdout[-2000:]
    assert pdf.stat().st_mtime_ns != built
    assert sentence in " ".join(pdf_text(copy).split())
    assert executed(copy) == [], "a prose edit executes no notebook"

    # Each step alone (make html; python -m asian_nato.build pdf) also finds nothing to do.
    for target in ("html", "pdf"):
        result = run_build(copy, target)
        assert result.returncode == 0 and SKIPPED in result.stdout, result.stdout[-2000:]


def test_a_failed_build_fails_again_until_it_is_fixed(copy: Path) -> None:
    # Sphinx reports a page's warnings only when it reads it: a rerun after a failure must
    # reread the page and fail again, not write it with the glue left blank.
    chapter = copy / "book" / "01_question.md"
    original = chapter.read_text(encoding="utf-8")
    anchor = "## Ishiba's proposal"
    assert anchor in original
    chapter.write_text(original.replace(anchor, "{glue:text}`no_such_key`\n\n" + anchor, 1), encoding="utf-8")
    for attempt in (1, 2):
        result = run_build(copy)
        assert result.returncode != 0, f"attempt {attempt} built despite the missing glue key"
        assert "no_such_key" in result.stdout, f"attempt {attempt} did not name the missing key"
        assert not (copy / "_build" / "html").exists()
    chapter.write_text(original, encoding="utf-8")
    assert build_ok(copy) == []
