"""A build step is skipped exactly when none of the files it reads changed since it last succeeded."""

from __future__ import annotations

from pathlib import Path

import pytest

from asian_nato import build


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
