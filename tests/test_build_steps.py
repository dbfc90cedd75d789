"""Each step of `make book` does nothing when nothing changed, rebuilds on a prose edit, and fails again until fixed.

A copy of the repository, with the main build's caches and stamps (the LaTeX files included,
as a maintainer rebuilding in place has them), rebuilt after each change in order; the two
tests share it when they run on one worker, and each makes its own otherwise. They run beside
the data-edit rebuilds of test_staleness.py, on copies of their own.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import build_ok, copy_repo, executed, run_build

# Each test works in either order on one copy, or on a copy of its own, so each has its own group
# and xdist can put them on different workers.
pytestmark = [pytest.mark.slow, pytest.mark.build]


@pytest.fixture(scope="module")
def copy(tmp_path_factory, site) -> Path:
    # The main build's stamps come along: they hash paths relative to the repository, so a copy of
    # an up-to-date build is up to date too, and its first `book` builds nothing.
    return copy_repo(tmp_path_factory.mktemp("steps") / "book", with_build=True)


SKIPPED = "(no input changed since it was built)"


def pdf_text(copy: Path) -> str:
    pdf = copy / "_build" / "html" / "_downloads" / "asian-nato.pdf"
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.xdist_group("build_steps_pdf")
def test_a_no_change_book_does_nothing_and_a_chapter_edit_rebuilds_the_pdf(copy: Path) -> None:
    pdf = copy / "_build" / "html" / "_downloads" / "asian-nato.pdf"
    assert run_build(copy, "book").returncode == 0  # builds only if the main build was stale
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

    # Each step alone (make html; python -m asian_nato.book.build pdf) also finds nothing to do.
    for target in ("html", "pdf"):
        result = run_build(copy, target)
        assert result.returncode == 0 and SKIPPED in result.stdout, result.stdout[-2000:]


@pytest.mark.xdist_group("build_steps_failure")
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
