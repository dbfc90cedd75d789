"""Computed alt texts of chapters 2 to 4 (memberships, map, network, positions), on hand-made frames.

Each function gets a small input with the exact text expected, and a change to the data that flips a
computed clause (another country becomes the largest, a column outgrows the others ...).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from asian_nato.analysis import memberships as ms
from asian_nato.report import maps, memberships_report, network_report, positions_report

# ---------------------------------------------------------------- the membership matrix


def _matrix_inputs(jpn_in_quad: str = "member") -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Three countries, three arrangements (a treaty, a dialogue, a regional body), as the chapter passes them."""
    countries = pd.DataFrame({"iso3": ["USA", "AUS", "JPN"], "name": ["United States", "Australia", "Japan"]})
    orgs = pd.DataFrame({"org_id": ["anzus", "quad", "arf"], "short_name": ["ANZUS", "Quad", "ARF"],
                         "tie_type": ["treaty", "dialogue", "regional"]})
    matrix = pd.DataFrame({"anzus": ["member", "member", ""], "quad": ["member", "", jpn_in_quad],
                           "arf": ["member", "member", "member"]}, index=pd.Index(["USA", "AUS", "JPN"], name="iso3"))
    matrix.columns.name = "org_id"
    active = ms.matrix_long(matrix).merge(orgs, on="org_id", validate="many_to_one")
    return matrix, active, countries


def test_membership_matrix_alt_reads_layout_glyphs_rows_and_columns():
    matrix, active, countries = _matrix_inputs(jpn_in_quad="observer")
    assert memberships_report.membership_matrix_alt(matrix, active, countries, top=2) == (
        "A grid of three countries (rows) against three security arrangements (columns), the columns grouped by type "
        "of tie: defence treaties, minilateral dialogues and regional organisations. Filled squares mark members and "
        "hollow circles observers. Outside the regional organisations, the rows with the most marks are the United "
        "States (two), Australia (one) and Japan (one); the longest columns are ARF (three), ANZUS (two) and Quad (two).")


def test_membership_matrix_alt_follows_a_country_that_gains_marks():
    matrix, active, countries = _matrix_inputs()
    matrix.loc["USA", "quad"] = ""
    matrix.loc["AUS", "anzus"] = ""
    matrix.loc["JPN", "anzus"] = "partner"
    active = ms.matrix_long(matrix).merge(active.drop_duplicates("org_id")[["org_id", "short_name", "tie_type"]],
                                          on="org_id")
    text = memberships_report.membership_matrix_alt(matrix, active, countries, top=1)
    assert "Filled squares mark members and hollow diamonds partners." in text
    assert "the rows with the most marks are Japan (two); the longest columns are ARF (three)." in text


def test_ranked_counts_groups_equal_counts():
    names = {"eas": "EAS", "arf": "ARF", "admm": "ADMM-Plus"}
    assert memberships_report.ranked_counts(pd.Series({"arf": 18, "eas": 18, "admm": 18}), names) == (
        "ARF, EAS and ADMM-Plus (18 each)")
    assert memberships_report.ranked_counts(pd.Series({"arf": 18, "eas": 19, "admm": 18}), names) == (
        "EAS (19), ARF (18) and ADMM-Plus (18)")


# ---------------------------------------------------------------- ties per country

def _counts(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    """A tie_counts frame, sorted as ms.tie_counts sorts it."""
    frame = pd.DataFrame(rows, columns=["name", "treaties", "partnerships"])
    return frame.sort_values(["treaties", "partnerships", "name"], ascending=[False, False, True], ignore_index=True)


def test_tie_counts_alt_names_the_leader_of_both_and_the_next():
    counts = _counts([("United States", 9, 12), ("Australia", 3, 11), ("India", 0, 2), ("Nepal", 0, 0)])
    assert memberships_report.tie_counts_alt(counts) == (
        "Paired horizontal bars for the three countries with at least one tie, defence treaties solid and "
        "partnerships and dialogues hatched, the most treaties at the top. The United States has the longest bars for "
        "both (nine treaties, 12 partnerships and dialogues), and next comes Australia (three and 11). One of the "
        "three has partnerships or dialogues but no defence treaty.")


def test_tie_counts_alt_splits_the_lead_when_another_country_has_more_partnerships():
    counts = _counts([("United States", 9, 10), ("Australia", 3, 11), ("Japan", 1, 11), ("India", 0, 2)])
    text = memberships_report.tie_counts_alt(counts)
    assert ("The United States has the most defence treaties (nine) and Australia and Japan the most partnerships "
            "and dialogues (11). One of the four has") in text


# ---------------------------------------------------------------- overlap between groupings

SETS = {"quad": frozenset({"USA", "JPN", "AUS", "IND"}), "aukus": frozenset({"USA", "GBR", "AUS"}),
        "csto": frozenset({"RUS", "KAZ"}), "sco": frozenset({"RUS", "CHN", "IND", "KAZ"})}
SHORT = {"quad": "Quad", "aukus": "AUKUS", "csto": "CSTO", "sco": "SCO"}


def test_jaccard_alt_reads_darkest_pairs_and_blank_cells():
    shared, index = ms.overlap_matrices(SETS)
    assert memberships_report.jaccard_alt(index, shared, SHORT, top=2) == (
        "A triangular heatmap of the Jaccard index for each pair of four groupings, darker for more shared members, "
        "each cell giving the index and the number shared; a pair with no member in common is a blank cell with a dot. "
        "The darkest cells are CSTO with SCO (0.50) and Quad with AUKUS (0.40). Of the six pairs, three share no member; "
        "AUKUS and CSTO each share no member with two of the other three, the most of any grouping.")


def test_jaccard_alt_follows_the_data_when_a_pair_grows_together():
    sets = {**SETS, "aukus": frozenset({"USA", "JPN", "AUS", "IND", "GBR"}), "csto": frozenset({"RUS", "BLR"})}
    shared, index = ms.overlap_matrices(sets)
    text = memberships_report.jaccard_alt(index, shared, SHORT, top=1)
    assert "The darkest cells are Quad with AUKUS (0.80)." in text
    assert "CSTO shares no member with two of the other three, the most of any grouping." in text


# ---------------------------------------------------------------- the map

def _square(x: float, y: float, side: float) -> np.ndarray:
    return np.array([[x, y], [x + side, y], [x + side, y + side], [x, y + side]], dtype=float)


SHAPES = pd.DataFrame({
    "iso3": ["AUS", "IND", "PHL", "MNG", "USA"],
    "name": ["Australia", "India", "Philippines", "Mongolia", "United States"],
    "polygons": [[_square(120, -30, 20)], [_square(70, 10, 15)], [_square(120, 10, 2), _square(124, 8, 2)],
                 [_square(90, 40, 10)], [_square(172, 51, 1)]],
})


def test_choropleth_alt_lists_shades_darkest_first_and_the_largest_white_countries():
    values = pd.Series({"USA": 9, "AUS": 3, "PHL": 2, "GBR": 2})
    text = maps.choropleth_alt(SHAPES, values, measure="the number of treaties it belongs to",
                               outside_note="Off the map: United States 9")
    assert text == (
        "A map of Asia and the western Pacific, each country shaded by the number of treaties it belongs to, darker "
        "for more and white for none, with its code and count written on it. Shaded, darkest first: Australia (three); "
        "the Philippines (two). The other two countries on the map are white, the largest of them India and Mongolia. "
        "Off the map: United States 9.")


def test_choropleth_alt_follows_a_change_in_counts(monkeypatch):
    values = pd.Series({"AUS": 1, "PHL": 1, "MNG": 2})
    text = maps.choropleth_alt(SHAPES, values, measure="treaties")
    assert text.endswith("Shaded, darkest first: Mongolia (two); Australia and the Philippines (one each). "
                         "The other country on the map, India, is white.")
    monkeypatch.setattr(maps, "NAMED_PER_SHADE", 1)
    assert "Mongolia (two); two countries with one each." in maps.choropleth_alt(SHAPES, values, measure="treaties")


def test_drawn_areas_add_up_every_ring():
    assert maps.drawn_areas(SHAPES).to_dict() == {"AUS": 400.0, "IND": 225.0, "PHL": 8.0, "MNG": 100.0, "USA": 1.0}


# ---------------------------------------------------------------- the network panels and measures

COUNTRIES = pd.DataFrame({
    "iso3": ["USA", "AUS", "JPN", "PHL", "IND", "NPL"],
    "name": ["United States", "Australia", "Japan", "Philippines", "India", "Nepal"],
    "region": ["North America", "Oceania", "East Asia", "Southeast Asia", "South Asia", "South Asia"],
})


def _edges(rows: list[tuple[int, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "source", "target", "tie_type"])


EDGES = _edges([
    (1955, "AUS", "USA", "treaty"), (1955, "PHL", "USA", "treaty"), (1955, "AUS", "PHL", "treaty"),
    (2025, "AUS", "USA", "treaty"), (2025, "PHL", "USA", "treaty"), (2025, "AUS", "PHL", "treaty"),
    (2025, "JPN", "USA", "treaty"), (2025, "AUS", "JPN", "partnership"), (2025, "IND", "JPN", "dialogue"),
])


def test_network_panels_alt_reads_ties_gains_and_untied_countries():
    assert network_report.network_panels_alt(EDGES, COUNTRIES, [1955, 2025], top=1) == (
        "Circular network diagrams for 1955 and 2025, one panel each, with the United States at the centre and the "
        "other five countries on a circle grouped by region; spokes from the centre are US ties and chords ties among "
        "the others, solid for defence treaties, dashed for partnerships and dotted for dialogues. The ties go from "
        "three in 1955 (all treaties) to six in 2025 (four treaties, one partnership and one dialogue), and the "
        "countries with a tie from three to five. Between 1955 and 2025 the most new ties go to Japan (three). "
        "In 2025, one country has no tie: one in South Asia.")


def test_network_panels_alt_follows_a_new_partner():
    edges = pd.concat([EDGES, _edges([(2025, "IND", "NPL", "partnership"), (2025, "AUS", "NPL", "partnership"),
                                      (2025, "NPL", "PHL", "partnership"), (2025, "NPL", "USA", "partnership")])])
    text = network_report.network_panels_alt(edges, COUNTRIES, [1955, 2025], top=1)
    assert "and the countries with a tie from three to six." in text
    assert text.endswith("Between 1955 and 2025 the most new ties go to Nepal (four).")


def test_tie_mix_words():
    assert network_report.tie_mix_words(_edges([(1, "A", "B", "treaty")])) == "one treaty"
    assert network_report.tie_mix_words(_edges([(1, "A", "B", "dialogue"), (1, "A", "C", "dialogue")])) == "all dialogues"


MEASURES = pd.DataFrame({
    "year": [1951, 1952, 1953, 1954],
    "density": [0.0063, 0.0106, 0.0349, 0.0603],
    "us_share": [0.5, 0.64, 0.30, 0.28],
    "centralisation": [0.066, 0.135, 0.207, 0.327],
    "ties_without_us": [3, 4, 23, 41],
})


def test_measures_alt_reads_spans_and_largest_steps():
    assert network_report.measures_alt(MEASURES, [1952, 1954, 1990]) == (
        "Four small line charts, 1951 to 1954, marked at 1952 and 1954: density, the US share of ties, degree "
        "centralisation and the number of ties not involving the US. Density goes from 0.006 in 1951 to 0.060 in "
        "1954, the US share of ties from 50% to 28%, degree centralisation from 0.07 to 0.33 and ties without the US "
        "from three to 41. The largest one-year change in the US share of ties is a fall from 64% in 1952 to 30% in "
        "1953, and in ties without the US a rise from four in 1952 to 23 in 1953.")


def test_measures_alt_follows_the_largest_step_and_skips_a_flat_series():
    measures = MEASURES.assign(us_share=0.3, ties_without_us=[3, 4, 5, 30])
    assert network_report.measures_alt(measures).endswith(
        "ties without the US from three to 30. The largest one-year change in ties without the US is a rise from "
        "five in 1953 to 30 in 1954.")
    assert network_report.largest_step(pd.Series([2.0, 1.0, 4.0], index=[2000, 2001, 2002])) == (2001, 2002)
    assert network_report.largest_step(pd.Series([1.0, 1.0], index=[2000, 2001])) is None


# ---------------------------------------------------------------- the positions timeline and tiles

def _points(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["iso3", "actor", "date", "stance"])
    return frame.assign(date=pd.to_datetime(frame["date"]))


POINTS = _points([
    ("CHN", "China", "2018-03-08", "oppose"), ("CHN", "China", "2024-10-01", "oppose"),
    ("CHN", "China", "2025-01-01", "skeptical"), ("JPN", "Japan", "2024-09-27", "support"),
    ("JPN", "Japan", "2025-04-28", "support"), ("USA", "United States", "2020-08-31", "open"),
    ("asean", "ASEAN", "2019-06-23", "ambiguous"),
])


def test_timeline_alt_reads_span_rows_and_the_warmest_markers():
    assert positions_report.timeline_alt(POINTS) == (
        "Timeline of seven statements from 2018 to 2025: one row for each of three governments and, below a line, one "
        "organisation, with one marker per statement, shaped and coloured by stance; a dashed line marks Ishiba's "
        "proposal. The longest rows are China (three statements, two of them oppose), Japan (two statements, both "
        "support) and the United States (one statement, open). There are two support markers, both in the row of "
        "Japan, on or after the dashed line.")


def test_timeline_alt_follows_support_in_another_row_and_before_the_proposal():
    points = pd.concat([POINTS, _points([("PHL", "Philippines", f"{year}-01-01", "support")
                                         for year in (2020, 2021, 2022, 2023)])])
    text = positions_report.timeline_alt(points)
    assert ("The longest rows are the Philippines (four statements, all support), China (three statements, two of "
            "them oppose) and Japan (two statements, both support).") in text
    assert text.endswith("There are six support markers, all in the rows of Japan and the Philippines, "
                         "on both sides of the dashed line.")
    only_before = POINTS[POINTS["stance"] != "support"]
    assert positions_report.timeline_alt(only_before).endswith("No statement is coded support.")


def _tiles(stances: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame({"name": list(stances), "latest_stance": list(stances.values())})
    return frame.assign(**{"class": frame["latest_stance"].map(
        {"support": "yes", "open": "yes", "ambiguous": "not now", "skeptical": "not now", "oppose": "no"})})


def test_stance_tiles_alt_counts_columns_and_classes():
    tiles = _tiles({"Australia": "ambiguous", "India": "ambiguous", "Japan": "ambiguous", "Philippines": "ambiguous",
                    "France": "skeptical", "China": "oppose", "Russia": "oppose", "Laos": "no statement"})
    assert positions_report.stance_tiles_alt(tiles) == (
        "Tile chart with one tile per government, placed in the column of its latest stance from support to oppose, "
        "with brackets grouping the columns into the classes yes, not now and no, plus a column for candidates with no "
        "statement. Tiles per column: support none, open none, ambiguous four, skeptical one (France) and oppose two "
        "(China and Russia), with one (Laos) in the no-statement column; by class, yes none, not now five and no two.")


def test_stance_tiles_alt_follows_a_column_that_outgrows_the_named_ones():
    tiles = _tiles({"China": "oppose", "Russia": "oppose", "North Korea": "oppose", "Pakistan": "oppose",
                    "Japan": "support"})
    text = positions_report.stance_tiles_alt(tiles)
    assert "support one (Japan), open none, ambiguous none, skeptical none and oppose four, with none in" in text
    assert text.endswith("by class, yes one, not now none and no four.")


@pytest.mark.parametrize("stance", ["support", "oppose"])
def test_timeline_alt_names_a_single_marker_without_both_or_all(stance):
    points = _points([("JPN", "Japan", "2024-09-27", stance)])
    text = positions_report.timeline_alt(points)
    assert ("There is one support marker, in the row of Japan, on or after the dashed line." in text) == (stance == "support")
