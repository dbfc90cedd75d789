"""Unit tests for asian_nato.analysis.positions on small hand-built statement frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from asian_nato.analysis import positions
from asian_nato.report import positions_report

CUTOFF = pd.Timestamp("2024-09-27")


def statements(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """(position_id, date, iso3, stance) rows as load_positions would return them."""
    frame = pd.DataFrame(rows, columns=["position_id", "date", "iso3", "stance"])
    return frame.assign(
        date_parsed=pd.to_datetime(frame["date"]),
        speaker="Someone " + frame["position_id"],
        summary="Summary of " + frame["position_id"],
        government=frame["iso3"].str.lower() + "_gov",
        on_topic=True,
    )


@pytest.fixture
def toy() -> pd.DataFrame:
    return statements([
        # AAA: warm before the cut-off, opposed after it -> latest oppose, cooling, class no
        ("P001", "2023-01-10", "AAA", "support"),
        ("P002", "2024-10-01", "AAA", "oppose"),
        # BBB: before: oppose (-2), skeptical (-1) -> mean -1.5; after: ambiguous (0) -> +1.5, warming
        ("P003", "2022-05-01", "BBB", "oppose"),
        ("P004", "2023-05-01", "BBB", "skeptical"),
        ("P005", "2025-01-01", "BBB", "ambiguous"),
        # CCC: all before the cut-off; first ambiguous (0), latest open (1) -> change +1, warming; class yes
        ("P006", "2020-01-01", "CCC", "ambiguous"),
        ("P007", "2021-01-01", "CCC", "open"),
        # DDD: one statement
        ("P008", "2024-12-01", "DDD", "skeptical"),
        # EEE: two statements on the same date; the later id is the latest
        ("P009", "2025-03-03", "EEE", "open"),
        ("P010", "2025-03-03", "EEE", "skeptical"),
        # an organisation
        ("P011", "2024-11-11", "org", "ambiguous"),
    ])


def test_stance_scores_follow_the_documented_scale():
    scores = positions.stance_scores(pd.Series(["support", "open", "ambiguous", "skeptical", "oppose"]))
    assert scores.tolist() == [2.0, 1.0, 0.0, -1.0, -2.0]
    with pytest.raises(ValueError, match="maybe"):
        positions.stance_scores(pd.Series(["maybe"]))


@pytest.mark.parametrize(
    ("stances", "last_n", "expected"),
    [
        (["oppose", "support"], 1, "yes"),
        (["oppose", "open"], 1, "yes"),
        (["support", "ambiguous"], 1, "not now"),
        (["support", "skeptical"], 1, "not now"),
        (["open", "oppose"], 1, "no"),
        (["support", "skeptical"], 2, "not now"),  # mean 0.5
        (["open", "support"], 2, "yes"),  # mean 1.5
        (["ambiguous", "open", "support"], 2, "yes"),  # only the last two count
        (["support", "support", "oppose"], 3, "not now"),  # mean 2/3
        (["oppose", "skeptical"], 2, "no"),  # mean -1.5, on the threshold
        (["oppose", "ambiguous"], 2, "not now"),  # mean -1
        (["open"], 5, "yes"),  # fewer statements than last_n: use them all
    ],
)
def test_classify_government(stances, last_n, expected):
    assert positions.classify_government(stances, last_n=last_n) == expected


def test_classify_government_rejects_empty_record_and_bad_n():
    with pytest.raises(ValueError):
        positions.classify_government([])
    with pytest.raises(ValueError):
        positions.classify_government(["open"], last_n=0)


def test_classify_scores_keeps_missing_missing():
    out = positions.classify_scores(pd.Series([1.0, 0.99, -1.49, -1.5, float("nan")]))
    assert out.iloc[:4].tolist() == ["yes", "not now", "not now", "no"]
    assert pd.isna(out.iloc[4])


def test_stance_table_latest_counts_and_dates(toy):
    table = positions.stance_table(toy, cutoff=CUTOFF).set_index("iso3")
    assert table.loc["AAA", "latest_stance"] == "oppose"
    assert table.loc["EEE", "latest_stance"] == "skeptical"  # same-date tie: later id wins
    assert table["n_statements"].to_dict() == {"AAA": 2, "BBB": 3, "CCC": 2, "DDD": 1, "EEE": 2, "org": 1}
    assert table.loc["BBB", "first"] == "2022-05-01"
    assert table.loc["BBB", "last"] == "2025-01-01"
    assert table.loc["BBB", "first_date"] == pd.Timestamp("2022-05-01")
    assert table.loc["CCC", "last_date"] == pd.Timestamp("2021-01-01")


def test_stance_table_trend(toy):
    table = positions.stance_table(toy, cutoff=CUTOFF).set_index("iso3")
    assert math.isclose(table.loc["BBB", "mean_before"], -1.5)
    assert math.isclose(table.loc["BBB", "mean_after"], 0.0)
    assert math.isclose(table.loc["BBB", "change"], 1.5)
    assert math.isclose(table.loc["AAA", "change"], -4.0)
    assert math.isclose(table.loc["CCC", "change"], 1.0)  # first vs latest: no statement after the cut-off
    assert math.isclose(table.loc["EEE", "change"], -2.0)  # first vs latest: none before the cut-off
    assert table["trend"].to_dict() == {
        "AAA": "cooling", "BBB": "warming", "CCC": "warming",
        "DDD": "single statement", "EEE": "cooling", "org": "single statement",
    }


def test_trend_threshold_makes_small_changes_steady():
    frame = statements([
        ("P001", "2023-01-01", "AAA", "ambiguous"),
        ("P002", "2023-02-01", "AAA", "open"),
        ("P003", "2025-01-01", "AAA", "open"),
        ("P004", "2025-02-01", "AAA", "ambiguous"),
    ])
    # before: mean 0.5; after: mean 0.5 -> steady, although the latest differs from the first
    table = positions.stance_table(frame, cutoff=CUTOFF)
    assert table["trend"].tolist() == ["steady"]
    table = positions.stance_table(frame.iloc[:2], cutoff=CUTOFF, trend_threshold=2)
    assert table["trend"].tolist() == ["steady"]


def test_stance_table_classes_and_government_flag(toy):
    table = positions.stance_table(toy, cutoff=CUTOFF).set_index("iso3")
    assert table["class"].to_dict() == {
        "AAA": "no", "BBB": "not now", "CCC": "yes", "DDD": "not now", "EEE": "not now", "org": "not now",
    }
    assert table["is_government"].to_dict() == {
        "AAA": True, "BBB": True, "CCC": True, "DDD": True, "EEE": True, "org": False,
    }
    last_two = positions.stance_table(toy, cutoff=CUTOFF, last_n=2).set_index("iso3")
    assert last_two.loc["EEE", "class"] == "not now"  # mean of open and skeptical = 0
    assert last_two.loc["AAA", "class"] == "not now"  # mean of support and oppose = 0


def test_class_changes_lists_only_governments_whose_class_moves(toy):
    changes = positions.class_changes(toy, last_n=2)
    # AAA: oppose -> mean(support, oppose) = 0; CCC: open -> mean(ambiguous, open) = 0.5
    assert changes["iso3"].tolist() == ["AAA", "CCC"]
    assert changes["class"].tolist() == ["no", "yes"]
    assert changes["class_last2"].tolist() == ["not now", "not now"]


def test_latest_scores(toy):
    scores = positions.latest_scores(toy)
    assert scores.to_dict() == {"AAA": -2.0, "BBB": 0.0, "CCC": 1.0, "DDD": -1.0, "EEE": -1.0, "org": 0.0}


def test_tile_data_adds_silent_governments_and_skips_organisations(toy):
    table = positions.stance_table(toy, cutoff=CUTOFF)
    tiles = positions_report.tile_data(table, {"AAA": "Alpha", "ZZZ": "Zulu"}, include=["AAA", "ZZZ"])
    assert "org" not in set(tiles["iso3"])
    silent = tiles.set_index("iso3").loc["ZZZ"]
    assert silent["latest_stance"] == positions.NO_STATEMENT
    assert silent["column"] == len(positions.STANCES)
    assert tiles.set_index("iso3").loc["AAA", "name"] == "Alpha"
    assert tiles.set_index("iso3").loc["BBB", "name"] == "BBB"  # unnamed codes keep their code
    # slots count up within each stance column
    skeptical = tiles[tiles["latest_stance"] == "skeptical"]
    assert sorted(skeptical["slot"]) == [0, 1]


def test_recent_statements_newest_first(toy):
    recent = positions_report.recent_statements(toy, {"EEE": "Echo"}, n=3)
    assert recent["Date"].tolist() == ["2025-03-03", "2025-03-03", "2025-01-01"]
    assert recent["Speaker"].tolist() == ["Someone P010", "Someone P009", "Someone P005"]
    assert recent["For"].tolist() == ["Echo", "Echo", "BBB"]


def test_timeline_spreads_nearby_statements_of_one_actor(toy):
    points = positions_report.timeline_data(toy, {})
    same_day = points[points["iso3"] == "EEE"]
    assert sorted(same_day["offset"]) == [-positions_report.JITTER / 2, positions_report.JITTER / 2]
    assert (points.loc[points["iso3"] == "AAA", "offset"] == 0).all()
    # governments above organisations; the most supportive latest stance on top
    rows = points.drop_duplicates("iso3").set_index("iso3")["row"]
    assert rows["org"] == 0
    assert rows["CCC"] == rows.max()


def test_key_numbers_on_toy_data(toy):
    names = {"AAA": "Alpha", "CCC": "Charlie", "ZZZ": "Zulu"}
    numbers = positions_report.key_numbers(toy, names, candidates=["AAA", "CCC", "ZZZ"], robust_last_n=2)
    assert numbers["pos_n_statements"] == 11
    assert numbers["pos_n_governments"] == 5
    assert numbers["pos_n_organisations"] == 1
    assert numbers["pos_first_date"] == "2020-01-01"
    assert numbers["pos_last_date"] == "2025-03-03"
    assert numbers["pos_n_before_cutoff"] == 5  # P001, P003, P004, P006, P007
    assert numbers["pos_n_after_cutoff"] == 6
    assert numbers["pos_before_negative_pct"] == pytest.approx(40.0)  # oppose + skeptical of five
    assert numbers["pos_n_yes"] == 1 and numbers["pos_yes_names"] == "Charlie"
    assert numbers["pos_n_yes_words"] == "one" and numbers["pos_yes_members"] == "one (Charlie)"
    assert numbers["pos_n_notnow_words"] == "three"
    empty = positions_report.key_numbers(toy[toy["iso3"] != "CCC"], names, candidates=["AAA"], robust_last_n=2)
    assert empty["pos_n_yes_words"] == "none" and empty["pos_yes_members"] == "none"
    assert numbers["pos_n_no"] == 1 and numbers["pos_no_names"] == "Alpha"
    assert numbers["pos_n_notnow"] == 3
    assert numbers["pos_candidates_silent_names"] == "Zulu"
    assert numbers["pos_n_class_changes"] == 2
    assert numbers["pos_class_usa"] == positions.NO_STATEMENT
    assert numbers["pos_n_trend_warming"] == 2 and numbers["pos_n_trend_cooling"] == 2


def _trend_numbers(warming, cooling, steady, single):
    return {"pos_n_trend_warming": warming, "pos_n_trend_cooling": cooling, "pos_n_trend_steady": steady,
            "pos_n_trend_single_statement": single, "pos_warming_names": "Japan", "pos_cooling_names": "India and Laos"}


def test_trend_sentence_writes_counts_in_words_and_agrees_with_them():
    from asian_nato.report import positions_report as pr

    assert pr.trend_sentence(_trend_numbers(1, 2, 0, 1)) == (
        "By this measure one government is warming (Japan), two are cooling (India and Laos), none are steady, "
        "and one has only one statement on record, so no trend.")
    assert pr.trend_sentence(_trend_numbers(0, 0, 13, 2)).startswith(
        "By this measure no governments are warming, none are cooling, 13 are steady, and two have")


@pytest.mark.parametrize(("n", "expected"), [
    (0, "Classifying by the mean of each government's last three statements instead of the latest one changes no government's class."),
    (1, "Classifying by the mean of each government's last three statements instead of the latest one changes the class of one government (Malaysia)."),
])
def test_class_change_sentence_agrees_with_the_count(n, expected):
    from asian_nato.report import positions_report as pr

    numbers = {"pos_robust_last_n": 3, "pos_n_class_changes": n, "pos_class_change_names": "Malaysia"}
    assert pr.class_change_sentence(numbers) == expected


@pytest.mark.parametrize(("n", "expected"), [
    (0, "every one has a statement on record"),
    (1, "one has no statement on record (Bhutan); it appears in the last column"),
    (2, "two have no statement on record (Bhutan and Nepal); they appear in the last column"),
])
def test_silent_candidates_clause_agrees_with_the_count(n, expected):
    from asian_nato.report import positions_report as pr

    names = {0: "none", 1: "Bhutan", 2: "Bhutan and Nepal"}[n]
    assert pr.silent_candidates_clause({"pos_n_candidates_silent": n, "pos_candidates_silent_names": names}) == expected
