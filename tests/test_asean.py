"""ASEAN chapter helpers on hand-built snapshots."""

from __future__ import annotations

import pandas as pd
import pytest

from asian_nato.analysis import asean
from asian_nato.report import asean_report


def snapshot() -> pd.DataFrame:
    rows = [
        ("asean", "IDN", "member", "regional_organization"),
        ("asean", "PHL", "member", "regional_organization"),
        ("asean", "VNM", "member", "regional_organization"),
        ("us_phl_mdt", "PHL", "member", "bilateral_defense"),
        ("us_phl_mdt", "USA", "member", "bilateral_defense"),
        ("sco", "CHN", "member", "regional_organization"),
        ("sco", "RUS", "member", "regional_organization"),
        ("sco", "VNM", "dialogue_partner", "regional_organization"),
        ("eas", "USA", "member", "regional_organization"),
        ("eas", "CHN", "member", "regional_organization"),
        ("eas", "IDN", "member", "regional_organization"),
        ("admm_plus", "USA", "member", "regional_organization"),
    ]
    frame = pd.DataFrame(rows, columns=["org_id", "iso3", "status", "kind"])
    return frame.assign(short_name=frame["org_id"].str.upper(), tie_type="", defence_obligation="none", founded_date=pd.Timestamp("2000-01-01"))


def test_members_and_camp_counts() -> None:
    active = snapshot()
    assert asean.asean_members(active) == ["IDN", "PHL", "VNM"]
    counts = asean.camp_counts(active, ["IDN", "PHL", "VNM"]).set_index("iso3")
    assert counts.loc["PHL"].tolist() == [1, 0]
    assert counts.loc["VNM"].tolist() == [0, 1]
    assert counts.loc["IDN"].tolist() == [0, 0]


def test_forums_seating_both_powers() -> None:
    assert asean.forums_with_both_powers(snapshot()) == ["eas"]


@pytest.mark.parametrize(("count", "total", "word"), [(0, 10, "none"), (3, 10, "a minority"), (5, 10, "half"), (6, 10, "most"), (10, 10, "all")])
def test_share_word(count: int, total: int, word: str) -> None:
    assert asean_report.share_word(count, total) == word


def test_share_word_refuses_impossible_shares() -> None:
    with pytest.raises(ValueError):
        asean_report.share_word(11, 10)
