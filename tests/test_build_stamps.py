"""A build step is skipped exactly when none of the files it reads changed since it last succeeded."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from asian_nato.book import build


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    for name, text in {
        "_config.yml": "title: t\n", "_toc.yml": "root: book/index\n", "CITATION.cff": "title: t\n",
        "requirements.txt": "x==1\n", "book/index.md": "# Index\n", "book/_static/site.css": "p {}\n",
        "data/a.csv": "a\n1\n", "src/asian_nato/m.py": "X = 1\n",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.setenv("ASIAN_NATO_ROOT", str(tmp_path))
    monkeypatch.delenv("BOOK_BASE_URL", raising=False)
    return tmp_path


@pytest.mark.parametrize("edited", ["_config.yml", "_toc.yml", "CITATION.cff", "requirements.txt", "book/index.md",
                                    "book/_static/site.css", "data/a.csv", "src/asian_nato/m.py"])
def test_an_edit_to_any_input_changes_the_fingerprint(tree: Path, edited: str):
    before = build.inputs_fingerprint()
    with (tree / edited).open("a") as handle:
        handle.write("\n")
    assert build.inputs_fingerprint() != before


def test_new_files_and_the_public_address_count_but_build_output_and_checkpoints_do_not(tree: Path, monkeypatch):
    before = build.inputs_fingerprint()
    for ignored in ("_build/html/index.html", "book/.ipynb_checkpoints/index-checkpoint.md", "book/_generated/x.md",
                    "src/asian_nato/__pycache__/m.cpython-311.pyc", "book/index.ipynb", "README.md"):
        (tree / ignored).parent.mkdir(parents=True, exist_ok=True)
        (tree / ignored).write_text("x")
    assert build.inputs_fingerprint() == before
    (tree / "data" / "b.csv").write_text("b\n")
    with_new_file = build.inputs_fingerprint()
    assert with_new_file != before
    monkeypatch.setenv("BOOK_BASE_URL", "https://example.org/book/")
    assert build.inputs_fingerprint() != with_new_file


def test_a_step_is_up_to_date_only_after_success_on_the_same_inputs_with_its_outputs_present(tree: Path):
    output = tree / "_build" / "html" / "index.html"
    fingerprint = build.inputs_fingerprint()
    assert not build.up_to_date("html", fingerprint, [output])
    build._record_success("html", fingerprint)
    assert not build.up_to_date("html", fingerprint, [output]), "an output is missing"
    output.parent.mkdir(parents=True)
    output.write_text("<html></html>")
    assert build.up_to_date("html", fingerprint, [output])
    assert not build.up_to_date("html", "another", [output])
    assert not build.up_to_date("pdf", fingerprint, [output])
    build._remove_site("a test")
    assert not build.up_to_date("html", fingerprint, [output]), "a failed build forgets its success"


@pytest.fixture
def stubbed_book(tree: Path, monkeypatch) -> dict[str, list]:
    """`build_book` with the validation, the executor and the two builders replaced by recorders."""
    calls: dict[str, list] = {"events": []}
    monkeypatch.setattr(build, "validate_first", lambda: calls["events"].append("validate"))
    monkeypatch.setattr(build, "_execute_stale", lambda: calls["events"].append("execute") or [])

    def latex(root, echo=True):
        calls["events"].append(f"latex echo={echo}")
        time.sleep(0.3)  # still running when the HTML builder is done
        pdf = tree / "built.pdf"
        pdf.write_bytes(b"%PDF")
        calls["events"].append("latex done")
        return pdf, []

    monkeypatch.setattr(build, "_latex_to_pdf", latex)
    monkeypatch.setattr(build, "_forget_read_pages", lambda: calls["events"].append("forget pages"))
    return calls


def test_book_validates_and_executes_once_then_builds_both(tree: Path, stubbed_book, monkeypatch):
    def html(root):
        (tree / "_build" / "html").mkdir(parents=True, exist_ok=True)
        (tree / "_build" / "html" / "index.html").write_text("<html></html>")
        return 0, ""

    monkeypatch.setattr(build, "_sphinx_html", html)
    build.build_book()
    events = stubbed_book["events"]
    assert events[:2] == ["validate", "execute"] and events.count("validate") == 1
    assert "latex echo=False" in events, "the PDF is built beside the HTML, its output held back"
    assert (tree / "_build" / "html" / "_downloads" / build.PDF_NAME).read_bytes() == b"%PDF"
    fingerprint = build.inputs_fingerprint()
    assert build.up_to_date("html", fingerprint, build._html_outputs())


def test_a_failed_html_build_in_book_waits_for_the_pdf_then_forgets_everything(tree: Path, stubbed_book, monkeypatch):
    monkeypatch.setattr(build, "_sphinx_html", lambda root: (1, "a warning"))
    with pytest.raises(build.BuildError, match="jupyter-book build failed"):
        build.build_book()
    events = stubbed_book["events"]
    # The LaTeX builder may pickle its environment after the failed HTML build forgot it: forget it again.
    assert events[-2:] == ["latex done", "forget pages"], events
    assert not (tree / "_build" / "html" / "_downloads" / build.PDF_NAME).exists(), "no PDF published beside a failed site"
    assert not build._stamp("html").exists() and not build._stamp("pdf").exists()
