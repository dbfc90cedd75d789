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


# ---------------------------------------------------------------- small counts read as words in the built book

COUNT_NOUNS = ("of the", "of them", "candidates", "governments", "states", "members", "countries", "treaties",
               "arrangements", "coalitions", "statements", "allies", "scenarios", "weightings", "others", "that", "forums")
# A count, then a counted noun, or one modifier ('ASEAN-led', 'named') and a plural noun ('rule 3 makes that' is a label).
_PLURALS = "|".join(n for n in COUNT_NOUNS if n.endswith("s"))
SMALL_COUNT = re.compile(r"(?<![\w.,%\-−+])(?:10|[0-9]) (?:(?:" + "|".join(COUNT_NOUNS) + r")|[\w-]+ (?:" + _PLURALS + r"))\b")
PARAGRAPH = re.compile(r"<(p|li)\b[^>]*>(.*?)</\1>", re.S)


def small_counts_in_digits(page_html: str) -> list[str]:
    """Counts up to ten written as digits before a counted noun in the running text ('7 of the 13 candidates')."""
    import html as html_lib

    found = []
    for match in PARAGRAPH.finditer(page_html):
        text = html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(2))))
        found += [text[max(0, m.start() - 30):m.end() + 10] for m in SMALL_COUNT.finditer(text)]
    return found


def test_the_small_count_detector_finds_digits_and_spares_words_and_measures() -> None:
    page = ("<p>In 2023, 7 of the 13 candidates voted with China; the 6 that sided with the US.</p>"
            "<li>seven of the 13 candidates; 0.5 members; 45% of the votes; Table 6.1 states; 2 states</li>"
            "<p>The 3 ASEAN-led forums; the three ASEAN-led forums; 12 new treaties; rule 3 makes that ambiguous.</p>")
    found = small_counts_in_digits(page)
    assert len(found) == 4, found
    assert found[0].endswith("7 of the 13 candid")
    assert found[1].endswith("6 that sided wit")
    assert found[2].endswith("2 states")
    assert "The 3 ASEAN-led forums" in found[3] and len(found) == 4  # not the count in words, nor 12


@pytest.mark.build
@pytest.mark.parametrize("doc", [d for d in toc_files() if d.startswith("book/") and d != "book/references"])
def test_small_counts_read_as_words_in_the_built_pages(site: Path, doc: str) -> None:
    found = small_counts_in_digits((site / f"{doc}.html").read_text(encoding="utf-8"))
    assert not found, f"{doc}: write counts up to ten in words (display.count_words / counted): {found}"
