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


@pytest.mark.parametrize(("both", "us_only", "china_only", "neither", "expected"), [
    ([], 3, 3, 5, "No member has an arrangement with each camp. Three members have ties with the US camp only, three with "
                  "the China–Russia camp only, and five with neither beyond ASEAN's own forums."),
    (["Viet Nam"], 1, 0, 0, "One member has at least one arrangement with each camp: Viet Nam. One member has ties with the US "
                            "camp only, none with the China–Russia camp only, and every member has an arrangement with at "
                            "least one camp beyond ASEAN's own forums."),
    (["Laos", "Cambodia"], 2, 1, 1, "Two members have at least one arrangement with each camp: Cambodia and Laos. Two members "
                                    "have ties with the US camp only, one with the China–Russia camp only, and one with "
                                    "neither beyond ASEAN's own forums."),
])
def test_camp_ties_sentence_accounts_for_every_member(both, us_only, china_only, neither, expected):
    from asian_nato.report import asean_report

    assert asean_report.camp_ties_sentence(both, us_only, china_only, neither) == expected


@pytest.mark.parametrize(("counts", "expected"), [
    ((11, 0, 3, 3, 5), "Southeast Asia does not line up behind either camp: of ASEAN's 11 members, three have security "
                       "ties to the US camp only, three to the China–Russia camp only, none to both and five to neither."),
    ((11, 1, 1, 0, 9), "Southeast Asia does not line up behind either camp: of ASEAN's 11 members, one has security "
                       "ties to the US camp only, none to the China–Russia camp only, one to both and nine to neither."),
    ((11, 6, 2, 2, 1), "Southeast Asia hedges: most of ASEAN's members keep security ties with both camps."),
    ((11, 2, 6, 2, 1), "Southeast Asia leans to the US camp: most of ASEAN's members have security ties with it alone."),
    ((11, 0, 1, 7, 3), "Southeast Asia leans to the China–Russia camp: most of ASEAN's members have security ties with it alone."),
])
def test_takeaway_opening_says_hedge_only_when_most_members_keep_ties_with_both_camps(counts, expected):
    from asian_nato.report import asean_report

    assert asean_report.takeaway_opening(*counts) == expected


def test_takeaway_opening_refuses_counts_that_do_not_add_up():
    from asian_nato.report import asean_report

    with pytest.raises(ValueError, match="add up"):
        asean_report.takeaway_opening(11, 0, 3, 3, 4)


def test_takeaway_consequence_follows_whether_any_member_has_spoken_for_an_alliance():
    from asian_nato.report import asean_report

    assert asean_report.takeaway_consequence(0).startswith("An Asian NATO would either leave ASEAN out")
    assert asean_report.takeaway_consequence(1) == "An Asian NATO could draw in the one member that has spoken for one, but only by dividing ASEAN."
    assert asean_report.takeaway_consequence(2) == "An Asian NATO could draw in the two members that have spoken for one, but only by dividing ASEAN."
