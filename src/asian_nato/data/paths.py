"""Where the book's files live. ``ASIAN_NATO_ROOT`` overrides the repository root (tests use it)."""

from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    override = os.environ.get("ASIAN_NATO_ROOT")
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    return repo_root() / "data"


def bibliography() -> Path:
    return repo_root() / "book" / "references.bib"


def build_dir() -> Path:
    return repo_root() / "_build"


def book_config() -> dict:
    """The book's ``_config.yml``, parsed."""
    import yaml

    return yaml.safe_load((repo_root() / "_config.yml").read_text(encoding="utf-8"))
