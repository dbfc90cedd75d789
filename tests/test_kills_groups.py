"""The named coalitions, on a hand-built membership table: each scenario is drawn from its own arrangements."""

from __future__ import annotations

import pandas as pd

from asian_nato.analysis import groups

SPELLS = [
    # org_id, iso3, status, joined, left
    ("quad", "USA", "member", "2007-05-25", None), ("quad", "JPN", "member", "2007-05-25", None),
    ("quad", "AUS", "member", "2007-05-25", None), ("quad", "IND", "member", "2007-05-25", None),
    ("aukus", "USA", "member", "2021-09-15", None), ("aukus", "AUS", "member", "2021-09-15", None),
    ("aukus", "GBR", "member", "2021-09-15", None),
    ("us_phl_mdt", "USA", "member", "1952-08-27", None), ("us_phl_mdt", "PHL", "member", "1952-08-27", None),
    ("us_jpn_treaty", "USA", "member", "1960-06-23", None), ("us_jpn_treaty", "JPN", "member", "1960-06-23", None),
    ("squad", "USA", "member", "2024-05-02", None), ("squad", "JPN", "member", "2024-05-02", None),
    ("squad", "AUS", "member", "2024-05-02", None), ("squad", "PHL", "member", "2024-05-02", None),
    ("us_jpn_kor_trilateral", "USA", "member", "2023-08-18", None), ("us_jpn_kor_trilateral", "JPN", "member", "2023-08-18", None),
    ("us_jpn_kor_trilateral", "KOR", "member", "2023-08-18", None),
    ("asean", "SGP", "member", "1967-08-08", None), ("asean", "THA", "member", "1967-08-08", None),
    ("asean", "VNM", "member", "1995-07-28", None), ("asean", "LAO", "member", "1997-07-23", None),
    ("asean", "MYS", "member", "1967-08-08", "2024-01-01"),  # a spell that has ended
    ("asean", "IDN", "observer", "1967-08-08", None),  # not a full member
]


def memberships() -> pd.DataFrame:
    frame = pd.DataFrame(SPELLS, columns=["org_id", "iso3", "status", "joined", "left"])
    return frame.assign(joined_date=pd.to_datetime(frame["joined"]), left_date=pd.to_datetime(frame["left"]))


def test_each_scenario_is_its_arrangements_members_among_the_candidates() -> None:
    assert groups.scenarios(memberships(), pd.Timestamp("2025-06-01")) == {
        "Ishiba's Asian NATO": ("AUS", "GBR", "IND", "JPN", "PHL", "USA"),
        "Quad alliance": ("AUS", "IND", "JPN", "USA"),
        "US–Japan–Australia–Philippines": ("AUS", "JPN", "PHL", "USA"),
        "US–Japan–ROK": ("JPN", "KOR", "USA"),
        "ASEAN-inclusive": ("AUS", "GBR", "IND", "JPN", "PHL", "SGP", "THA", "USA", "VNM"),
    }


def test_the_united_states_is_in_ishibas_coalition_even_with_no_pact_in_force() -> None:
    early = groups.scenarios(memberships(), pd.Timestamp("1950-01-01"))
    assert early["Ishiba's Asian NATO"] == ("USA",)
    assert early["Quad alliance"] == () and early["US–Japan–ROK"] == ()
    assert early["ASEAN-inclusive"] == ("USA",)
