"""Source quality, governments in office and the search protocol, on hand-made rows."""

from __future__ import annotations

import pandas as pd

from asian_nato.analysis import evidence

GOVERNMENTS = pd.DataFrame({
    "gov_id": ["jpn_a", "jpn_b", "phl_a"], "iso3": ["JPN", "JPN", "PHL"], "head": ["A", "B", "P"],
    "start": ["2021", "2024-10-01", "2022-06-30"], "end": ["2024-10-01", "", "2025-01-31"],
})


def test_best_quality_of_an_empty_cell_is_secondary() -> None:
    assert evidence.best_quality("") == "secondary"
    assert evidence.best_quality("secondary;official") == "official"
    assert evidence.best_quality("secondary;major_outlet") == "major_outlet"  # by the policy's order, not alphabetically


def test_quality_shares_show_every_label_in_order_with_zero_for_none() -> None:
    shares = evidence.quality_shares(pd.DataFrame({"source_quality": ["official", "official;secondary", "major_outlet", "official"]}))
    assert shares.index.tolist() == list(evidence.QUALITY_ORDER)
    assert shares.tolist() == [0.75, 0.25, 0.0]


def test_government_on_reads_mixed_dates_and_counts_the_last_day_in_office() -> None:
    assert evidence.government_on(GOVERNMENTS, "JPN", pd.Timestamp("2022-01-01"))["gov_id"] == "jpn_a"
    assert evidence.government_on(GOVERNMENTS, "JPN", pd.Timestamp("2024-10-01"))["gov_id"] == "jpn_b"  # the later row wins
    assert evidence.government_on(GOVERNMENTS, "PHL", pd.Timestamp("2025-01-31"))["gov_id"] == "phl_a"  # its last day
    assert evidence.government_on(GOVERNMENTS, "PHL", pd.Timestamp("2025-02-01")) is None


def test_candidate_coverage_rows_for_each_status() -> None:
    positions = pd.DataFrame({"iso3": ["JPN", "JPN", "PHL"], "government": ["jpn_b", "jpn_b", "phl_a"],
                              "date": ["2025-03-01", "2024-11-01", "2023-01-01"], "stance": ["open", "skeptical", "oppose"]})
    protocol = pd.DataFrame({"target": ["PHL", "PHL", "JPN"], "search_id": ["S1", "S2", "S3"]})
    out = evidence.candidate_coverage(positions, GOVERNMENTS, protocol, ["JPN", "PHL", "AUS"], pd.Timestamp("2025-06-01"))
    assert out.columns.tolist() == ["iso3", "government", "since", "statements", "latest_stance", "searches", "status"]
    assert out.values.tolist() == [
        ["JPN", "B", "2024-10-01", 2, "open", 1, "current statement"],
        ["PHL", "", "", 0, "", 2, "searched, none found"],  # no government in office: its old statement does not count
        ["AUS", "", "", 0, "", 0, "gap"],
    ]


def test_a_government_without_statements_has_none_even_if_an_empty_id_matches() -> None:
    positions = pd.DataFrame({"iso3": ["AUS"], "government": [""], "date": ["2025-01-01"], "stance": ["open"]})
    out = evidence.candidate_coverage(positions, GOVERNMENTS, pd.DataFrame({"target": [], "search_id": []}), ["AUS"], pd.Timestamp("2025-06-01"))
    assert out.loc[0, "statements"] == 0 and out.loc[0, "status"] == "gap"


def test_protocol_by_language_sums_text_counts_and_sorts_by_searches_then_language() -> None:
    protocol = pd.DataFrame({"search_id": ["S1", "S2", "S3", "S4", "S5"], "language": ["ja", "en", "ko", "en", "ja"],
                             "hits": ["3", "10", "2", "5", "4"], "added": ["1", "0", "0", "2", "0"]})
    out = evidence.protocol_by_language(protocol)
    assert out.columns.tolist() == ["language", "searches", "hits", "added"]
    assert out.values.tolist() == [["en", 2, 15, 2], ["ja", 2, 7, 1], ["ko", 1, 2, 0]]
    assert out.index.tolist() == [0, 1, 2]


def test_protocol_outcomes_counts_each_outcome() -> None:
    out = evidence.protocol_outcomes(pd.DataFrame({"outcome": ["added", "duplicate", "added", "none"]}))
    assert out.columns.tolist() == ["outcome", "searches"]
    assert out.values.tolist() == [["added", 2], ["duplicate", 1], ["none", 1]]  # most first, then by name
    assert out.index.tolist() == [0, 1, 2]


def test_quality_table_gives_rows_and_percentages_per_file() -> None:
    frames = {"a.csv": pd.DataFrame({"source_quality": ["official", "secondary"]}),
              "b.csv": pd.DataFrame({"source_quality": ["major_outlet"]})}
    out = evidence.quality_table(frames)
    assert out.columns.tolist() == ["File", "Rows", "official", "major_outlet", "secondary"]
    assert out.values.tolist() == [["a.csv", 2, 50.0, 0.0, 50.0], ["b.csv", 1, 0.0, 100.0, 0.0]]


def test_official_beats_major_outlet() -> None:
    assert evidence.best_quality("major_outlet;official") == "official"


def test_end_dates_of_mixed_precision_are_read() -> None:
    governments = pd.DataFrame({"gov_id": ["a", "b"], "iso3": ["KOR", "KOR"], "head": ["A", "B"],
                                "start": ["2017-05-10", "2022"], "end": ["2022", ""]})
    assert evidence.government_on(governments, "KOR", pd.Timestamp("2021-06-01"))["gov_id"] == "a"


def test_protocol_tables_are_renumbered_after_sorting() -> None:
    protocol = pd.DataFrame({"search_id": ["S1", "S2", "S3"], "language": ["en", "ko", "ko"], "hits": ["1", "2", "3"], "added": ["0", "1", "0"]})
    out = evidence.protocol_by_language(protocol)
    assert out.values.tolist() == [["ko", 2, 5, 1], ["en", 1, 1, 0]] and out.index.tolist() == [0, 1]
    outcomes = evidence.protocol_outcomes(pd.DataFrame({"outcome": ["none", "duplicate", "added", "added"]}))
    assert outcomes.values.tolist() == [["added", 2], ["duplicate", 1], ["none", 1]] and outcomes.index.tolist() == [0, 1, 2]
