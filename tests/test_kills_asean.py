"""Shares in words, at and around their boundaries."""

from __future__ import annotations

import pytest

from asian_nato.report import asean_report


@pytest.mark.parametrize(("count", "total", "word"), [
    (0, 1, "none"), (1, 1, "all"), (1, 2, "half"), (1, 3, "a minority"), (2, 3, "most"), (3, 5, "most"), (2, 5, "a minority"),
])
def test_share_word(count: int, total: int, word: str) -> None:
    assert asean_report.share_word(count, total) == word


@pytest.mark.parametrize(("count", "total"), [(0, 0), (-1, 3), (4, 3)])
def test_share_word_refuses_what_is_not_a_share(count: int, total: int) -> None:
    with pytest.raises(ValueError, match=f"^count {count} out of {total} is not a share$"):
        asean_report.share_word(count, total)
