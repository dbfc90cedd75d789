"""The source policy, coding reliability, search protocol and coverage, on hand-made inputs."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from asian_nato.analysis import evidence, reliability
from asian_nato.data import source_policy
from asian_nato.data.schemas import quote_marks_agree


# ---------------------------------------------------------------- source policy

@pytest.mark.parametrize("url, reason", [
    ("https://en-academic.com/dic.nsf/enwiki/13419", "wiki mirror"),
    ("http://pacificsentinel.blogspot.com/2016/12/x.html", "personal blog"),
    ("https://hicloud.zoevive.workers.dev/node/44801", "mirror host"),
    ("https://news-pravda.com/usa/2023/09/23/105566.html", "aggregator network"),
    ("https://www.reuters.com/world/asia-pacific/x", None),
    ("https://notblogspot.com/x", None),
])
def test_blocked_domains_match_the_domain_and_its_subdomains_only(url, reason):
    assert source_policy.blocked_reason(url) == reason


def test_bibliography_keys_are_never_blocked():
    assert source_policy.blocked_reason("sipri_milex_2025") is None
    assert source_policy.rests_only_on_blocked("sipri_milex_2025") is False


def test_a_row_with_one_good_source_is_not_only_blocked():
    assert not source_policy.rests_only_on_blocked("https://a.blogspot.com/x;https://www.mofa.go.jp/y")
    assert source_policy.rests_only_on_blocked("https://a.blogspot.com/x; https://en-academic.com/y")


@pytest.mark.parametrize("cell, speaker, flagged", [
    ("https://tass.com/politics/1994975", "RUS", False),             # own government's words
    ("https://sputnikglobe.com/2023/x", "USA", True),                 # a third government's words
    ("https://sputnikglobe.com/2023/x;https://x.blogspot.com/y", "USA", True),  # a blog adds no support
    ("https://sputnikglobe.com/2023/x;https://www.defense.gov/y", "USA", False),
    ("https://www.globaltimes.cn/x;https://www.tass.com/y", "PRK", True),
    ("https://www.reuters.com/x", "USA", False),
])
def test_state_media_may_stand_alone_only_for_its_own_government(cell, speaker, flagged):
    assert source_policy.rests_only_on_foreign_state_media(cell, speaker) is flagged


@pytest.mark.parametrize("quote, kind, ok", [
    ('"We will not"', "verbatim", True),
    ("“We will not”", "translation", True),
    ("We will not", "verbatim", False),
    ('"We will not"', "indirect", False),
    ("He said they would not", "indirect", True),
    ('"We will "not"', "verbatim", False),
])
def test_quote_marks_follow_the_quote_type(quote, kind, ok):
    assert quote_marks_agree(quote, kind) is ok


# ---------------------------------------------------------------- reliability

def test_alpha_is_one_for_perfect_agreement_and_lower_with_disagreement():
    first = pd.Series(["support", "open", "ambiguous", "skeptical", "oppose"])
    assert reliability.ordinal_alpha(first, first) == pytest.approx(1.0)
    near = pd.Series(["support", "open", "ambiguous", "skeptical", "skeptical"])
    far = pd.Series(["oppose", "open", "ambiguous", "skeptical", "support"])
    near_alpha = reliability.ordinal_alpha(first, near)
    far_alpha = reliability.ordinal_alpha(first, far)
    assert 0 < near_alpha < 1
    assert far_alpha < near_alpha  # ordinal: a two-end swap costs more than a one-step slip


def test_alpha_matches_a_hand_computed_value():
    # Two coders, four units, values 0,0,1,1 vs 0,0,1,0 on the ordinal scale.
    # Pairable values: 0 x5, 1 x3 (n = 8). Observed disagreement: one unit (1,0), both orders, over n-1=1 per unit:
    # D_o = 2 * d(0,1) / 8 ; expected D_e = 2 * 5 * 3 * d(0,1) / (8 * 7); alpha = 1 - D_o / D_e = 1 - (2/8) / (30/56).
    first = pd.Series(["support", "support", "open", "open"])
    second = pd.Series(["support", "support", "open", "support"])
    assert reliability.ordinal_alpha(first, second) == pytest.approx(1 - (2 / 8) / (30 / 56))


def test_alpha_refuses_unknown_codes_and_unequal_codings():
    with pytest.raises(ValueError, match="unknown stance"):
        reliability.ordinal_alpha(pd.Series(["support"]), pd.Series(["maybe"]))
    with pytest.raises(ValueError, match="same statements"):
        reliability.ordinal_alpha(pd.Series(["support", "open"]), pd.Series(["support"]))


def test_alpha_is_undefined_without_variation():
    same = pd.Series(["oppose", "oppose"])
    assert math.isnan(reliability.ordinal_alpha(same, same))


def coded(rows):
    return pd.DataFrame(rows, columns=["position_id", "iso3", "date", "stance_first", "stance_second", "stance", "adjudication"])


def test_confusion_table_shows_every_stance_and_counts_pairs():
    frame = coded([
        ("P1", "JPN", "2024", "open", "open", "open", ""),
        ("P2", "CHN", "2024", "oppose", "skeptical", "oppose", "rule 4"),
        ("P3", "CHN", "2025", "oppose", "oppose", "oppose", ""),
    ])
    table = reliability.confusion_table(frame)
    assert list(table.index) == list(reliability.STANCE_RANK) == list(table.columns)
    assert table.loc["oppose", "skeptical"] == 1 and table.loc["oppose", "oppose"] == 1 and table.loc["open", "open"] == 1
    assert table.to_numpy().sum() == 3
    numbers = reliability.reliability_numbers(frame)
    assert numbers["n_disagreements"] == 1 and numbers["agreement"] == pytest.approx(2 / 3)
    assert reliability.disagreements(frame)["position_id"].tolist() == ["P2"]


def test_adjudication_changes_are_counted_against_the_first_coding():
    frame = coded([
        ("P1", "JPN", "2024", "open", "ambiguous", "ambiguous", "rule 3"),
        ("P2", "CHN", "2024", "oppose", "skeptical", "oppose", "rule 4"),
    ])
    assert reliability.reliability_numbers(frame)["n_changed_by_adjudication"] == 1


# ---------------------------------------------------------------- quality, protocol and coverage

def test_best_quality_and_strong_share():
    frame = pd.DataFrame({"source_quality": ["secondary;official", "major_outlet", "secondary", "secondary;secondary"]})
    assert evidence.best_quality("secondary;official") == "official"
    assert evidence.strong_share(frame) == pytest.approx(0.5)
    shares = evidence.quality_shares(frame)
    assert shares.to_dict() == {"official": 0.25, "major_outlet": 0.25, "secondary": 0.5}


GOVERNMENTS = pd.DataFrame({
    "gov_id": ["jpn_a", "jpn_b", "kor_a", "tha_a"],
    "iso3": ["JPN", "JPN", "KOR", "THA"],
    "head": ["A", "B", "C", "D"],
    "start": ["2020-01-01", "2025-10-21", "2022-05-10", "2024-01-01"],
    "end": ["2025-10-21", "", "", ""],
})


def test_candidate_coverage_distinguishes_current_statements_searches_and_gaps():
    positions = pd.DataFrame({
        "position_id": ["P1", "P2"], "iso3": ["JPN", "KOR"], "government": ["jpn_a", "kor_a"],
        "date": ["2024-01-01", "2025-01-01"], "stance": ["open", "ambiguous"],
    })
    protocol = pd.DataFrame({"search_id": ["S1"], "target": ["JPN"], "hits": [5], "added": [0]})
    coverage = evidence.candidate_coverage(positions, GOVERNMENTS, protocol, ["JPN", "KOR", "THA"], pd.Timestamp("2026-01-01")).set_index("iso3")
    assert coverage.loc["JPN", "status"] == "searched, none found"   # only the previous government spoke
    assert coverage.loc["JPN", "government"] == "B"
    assert coverage.loc["KOR", "status"] == "current statement" and coverage.loc["KOR", "latest_stance"] == "ambiguous"
    assert coverage.loc["THA", "status"] == "gap"


def test_government_on_a_handover_day_is_the_incoming_one():
    assert evidence.government_on(GOVERNMENTS, "JPN", pd.Timestamp("2025-10-21"))["gov_id"] == "jpn_b"


def test_protocol_summary_counts_searches_languages_and_additions():
    protocol = pd.DataFrame({
        "search_id": ["S1", "S2", "S3"], "target": ["JPN", "", "CHN"], "language": ["en", "ja", "en"],
        "hits": [8, 3, 0], "added": [2, 0, 0], "outcome": ["added", "duplicate", "none_relevant"],
    })
    summary = evidence.protocol_summary(protocol)
    assert summary == {"n_searches": 3, "n_languages": 2, "n_hits": 11, "n_added": 2, "n_searches_none_added": 2, "n_targets": 2}
    by_language = evidence.protocol_by_language(protocol).set_index("language")
    assert by_language.loc["en", "searches"] == 2 and by_language.loc["en", "added"] == 2


# ---------------------------------------------------------------- the appendix's computed sentences

from asian_nato.report import evidence_report  # noqa: E402
from asian_nato.data.schemas import STANCE_ANCHORS  # noqa: E402


def appendix_statements(second_for_p5="oppose"):
    rows = [(pid, stance) for stance, pid in STANCE_ANCHORS.items()]
    frame = pd.DataFrame(rows, columns=["position_id", "stance"])
    frame = frame.assign(
        stance_first=frame["stance"], stance_second=frame["stance"], adjudication="", speaker="S", date="2024-01-01",
        quote='"q"', iso3=["JPN", "JPN", "USA", "USA", "CHN"], government=["jpn_b", "jpn_b", "usa_a", "usa_a", "chn_c"],
        on_topic=[True, True, False, True, True], source_quality=["official", "major_outlet", "secondary", "official", "secondary;major_outlet"],
    )
    extra = pd.DataFrame([{"position_id": "P900", "stance": "oppose", "stance_first": "oppose", "stance_second": second_for_p5,
                           "adjudication": "rule 4", "speaker": "S", "date": "2025-01-01", "quote": '"q"', "iso3": "CHN",
                           "government": "chn_c", "on_topic": True, "source_quality": "secondary"}])
    return pd.concat([frame, extra], ignore_index=True)


def test_anchor_table_refuses_a_missing_or_disputed_anchor():
    statements = appendix_statements()
    assert evidence_report.anchor_table(statements)["Stance"].tolist() == list(STANCE_ANCHORS)
    with pytest.raises(ValueError, match="not in positions.csv"):
        evidence_report.anchor_table(statements[statements["position_id"] != STANCE_ANCHORS["open"]])
    disputed = statements.copy()
    disputed.loc[disputed["position_id"] == STANCE_ANCHORS["open"], "stance_second"] = "ambiguous"
    with pytest.raises(ValueError, match="both coders"):
        evidence_report.anchor_table(disputed)


def test_evidence_numbers_follow_the_data():
    governments = pd.DataFrame({"gov_id": ["jpn_b", "usa_a", "chn_c"], "iso3": ["JPN", "USA", "CHN"], "head": ["B", "A", "C"],
                                "start": ["2020", "2020", "2013"], "end": ["", "", ""], "source_quality": ["official"] * 3})
    protocol = pd.DataFrame({"search_id": ["S1", "S2"], "target": ["JPN", ""], "language": ["en", "ja"], "hits": [5, 2],
                             "added": [1, 0], "outcome": ["added", "none_relevant"]})
    agree = appendix_statements()
    numbers = evidence_report.evidence_numbers(agree, governments, protocol, {"positions.csv": agree}, ["JPN", "USA", "KOR"], "2026-01-01",
                                               {"KOR": "South Korea", "JPN": "Japan", "USA": "United States"})
    assert "agree on every statement" in numbers["ev_disagreement_sentence"]
    assert "Of the 6 statements, 66.7% rest on at least one official" in numbers["ev_strong_sentence"] and "short of" in numbers["ev_strong_sentence"]
    assert numbers["ev_coverage_sentence"].startswith("Two of the three candidates have a statement from their current government")
    assert "South Korea has neither a current statement nor a recorded search" in numbers["ev_coverage_sentence"]
    disagree = appendix_statements(second_for_p5="skeptical")
    numbers = evidence_report.evidence_numbers(disagree, governments, protocol, {"positions.csv": disagree}, ["JPN"], "2026-01-01")
    assert numbers["ev_disagreement_sentence"].startswith("The codings disagree on one statement. It was settled")
    assert numbers["ev_disagreement_sentence"].endswith("Adjudication kept the editors' first coding every time.")
