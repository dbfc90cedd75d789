"""Shared fixtures. Tests marked `build` read the book that `make test` builds first."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from asian_nato.data import paths

ROOT = paths.repo_root()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def site() -> Path:
    html = ROOT / "_build" / "html"
    if not (html / "index.html").exists():
        pytest.fail("no built site in _build/html: run `make book` (make test does it first)")
    return html


@pytest.fixture(scope="session")
def pdf(site: Path) -> Path:
    path = site / "_downloads" / "asian-nato.pdf"
    if not path.exists():
        pytest.fail("no PDF in _build/html/_downloads: run `make book` (make test does it first)")
    return path


def toc_files(root: Path = ROOT) -> list[str]:
    """Every document in _toc.yml, root first, as paths without suffix."""
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part["chapters"]]
    return files


def chapter_titles(root: Path = ROOT) -> dict[str, str]:
    """First '# ' heading of each document in the table of contents."""
    titles = {}
    for doc in toc_files(root):
        for line in (root / f"{doc}.md").read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                titles[doc] = line[2:].strip()
                break
    return titles


@pytest.fixture
def empty_repo(tmp_path: Path, monkeypatch) -> Path:
    """An empty repository (``book/`` and ``data/``) that the package takes as its root."""
    root = tmp_path / "repo"
    (root / "book").mkdir(parents=True)
    (root / "data").mkdir()
    monkeypatch.setenv("ASIAN_NATO_ROOT", str(root))
    return root


def copy_repo(dest: Path, with_build: bool = False) -> Path:
    """A working copy of the repository for tests that rebuild the book.

    The copy shares the repo's .venv; with ``with_build`` it also takes the
    execution cache, the doctrees and the LaTeX files, so only what a test changes is executed
    or compiled again.
    """
    ignore = shutil.ignore_patterns(".venv", ".git", "_build", "node_modules", "__pycache__")
    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    if with_build and (ROOT / "_build").exists():
        shutil.copytree(
            ROOT / "_build", dest / "_build",
            ignore=shutil.ignore_patterns("screenshots"), symlinks=True,
        )
    return dest


def run_build(copy: Path, target: str = "html") -> subprocess.CompletedProcess:
    """Build a copy of the book with its own package source and data."""
    env = {**os.environ, "ASIAN_NATO_ROOT": str(copy), "PYTHONPATH": str(copy / "src")}
    return subprocess.run(
        [sys.executable, "-m", "asian_nato.book.build", target],
        cwd=copy, env=env, capture_output=True, text=True, timeout=1800,
    )


def executed(copy: Path) -> list[str]:
    """The notebooks the copy's last build executed."""
    return json.loads((copy / "_build" / "executed.json").read_text())["html"]


def build_ok(copy: Path) -> list[str]:
    """Build the copy's web edition, which must succeed; the stems of the notebooks it executed."""
    result = run_build(copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return [Path(p).stem for p in executed(copy)]
