"""No statistic is typed into the prose: numbers come from glue or computed tables.

Years of events (four digits from 1900 to 2099) may be written; any other
number in a chapter's text, outside code cells, roles and directives, fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import toc_files

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCED = re.compile(r"^(`{3,}|:{3,})\{?[\w-]*\}?.*?^\1\s*$", re.S | re.M)
ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
INLINE_CODE = re.compile(r"`[^`]*`")
LINK_TARGET = re.compile(r"\]\([^)]*\)|^\([\w-]+\)=\s*$", re.M)
LICENCE_NAME = re.compile(r"CC BY \d\.\d")
NUMBER = re.compile(r"(?<![\w.\-])\d[\d,.]*(?![\w-])")
YEAR = re.compile(r"^(19|20)\d\d$")


def prose(text: str) -> str:
    for pattern in (FRONT_MATTER, FENCED, ROLE, INLINE_CODE, LINK_TARGET, LICENCE_NAME):
        text = pattern.sub(" ", text)
    return text


def typed_numbers(text: str) -> list[str]:
    return [n for n in NUMBER.findall(prose(text)) if not YEAR.match(n.rstrip(".,"))]


def test_detector_finds_typed_numbers_and_spares_glue() -> None:
    sample = "---\nkernelspec: {}\n---\nSpending rose 45% to 1,234 while {glue:text}`x` and 2024 are fine.\n```{code-cell} ipython3\nx = 99\n```\n"
    assert typed_numbers(sample) == ["45", "1,234"]


@pytest.mark.parametrize("doc", [d for d in toc_files() if d != "book/references"])
def test_chapter_prose_has_no_typed_numbers(repo_root: Path, doc: str) -> None:
    text = (repo_root / f"{doc}.md").read_text(encoding="utf-8")
    assert typed_numbers(text) == [], f"{doc}.md types numbers into its prose; glue them instead"
