"""Unit tests for asian_nato.analysis.coalitions on a hand-computed three-country case and toy frames."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from asian_nato.analysis import coalitions
from asian_nato.analysis import coalition_inputs
from asian_nato.report import coalitions_report

ON = pd.Timestamp("2026-01-01")
T = pd.Timestamp


# ---------------------------------------------------------------- enumeration

@pytest.mark.parametrize("n", [2, 3, 5, 8, 13])
def test_subset_matrix_enumerates_every_subset_of_two_or_more(n):
    matrix = coalitions.subset_matrix(n)
    assert matrix.shape == (2**n - 1 - n, n)
    assert coalitions.coalition_count(n) == 2**n - 1 - n
    assert (matrix.sum(axis=1) >= 2).all()
    assert len({row.tobytes() for row in matrix}) == len(matrix)  # no subset twice
    assert (np.diff(matrix.sum(axis=1)) >= 0).all()  # ordered by size


def test_thirteen_candidates_give_8178_coalitions():
    assert coalitions.coalition_count(13) == 8178
    assert len(coalitions.subset_matrix(13)) == 8178


def test_subset_matrix_respects_min_size():
    matrix = coalitions.subset_matrix(4, min_size=3)
    assert matrix.shape == (5, 4)  # four triples and the full set
    assert coalitions.coalition_count(4, min_size=3) == 5


def test_coalition_labels_sort_members():
    matrix = np.array([[True, True, False], [True, True, True]])
    assert coalitions.coalition_labels(matrix, ("USA", "JPN", "AUS")) == ["JPN–USA", "AUS–JPN–USA"]


# ---------------------------------------------------------------- the three-country case

def toy_statements() -> pd.DataFrame:
    rows = [
        ("P001", "2023-01-01", "USA", "support"),
        ("P002", "2025-01-01", "USA", "ambiguous"),  # latest: 0
        ("P003", "2024-10-01", "JPN", "support"),  # latest: 2
        ("P004", "2024-10-02", "CHN", "oppose"),
    ]  # PHL: no statement
    frame = pd.DataFrame(rows, columns=["position_id", "date", "iso3", "stance"])
    return frame.assign(date_parsed=pd.to_datetime(frame["date"]), government=frame["iso3"].str.lower() + "_gov", on_topic=True)


def toy_indicators() -> pd.DataFrame:
    rows = [
        ("USA", 2023, "milex_const_usd_m", 800.0),
        ("USA", 2024, "milex_const_usd_m", 900.0),
        ("JPN", 2024, "milex_const_usd_m", 50.0),
        ("PHL", 2022, "milex_const_usd_m", 10.0),
        ("PHL", 2023, "milex_const_usd_m", np.nan),  # a gap: the 2022 value is the latest
        ("CHN", 2024, "milex_const_usd_m", 300.0),
        ("RUS", 2024, "milex_const_usd_m", 100.0),
        ("USA", 2023, "unga_idealpoint", 3.0),
        ("JPN", 2023, "unga_idealpoint", 2.0),
        ("PHL", 2023, "unga_idealpoint", 0.0),
        ("USA", 2024, "unga_idealpoint", 3.0),
        ("JPN", 2024, "unga_idealpoint", 2.0),
    ]
    return pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])


def toy_organizations() -> pd.DataFrame:
    rows = [
        ("us_jpn", "US-Japan", "bilateral_defense", T("1960-01-19"), T("1960-06-23"), pd.NaT, "mutual"),
        ("us_phl", "US-Philippines", "bilateral_defense", T("1951-08-30"), T("1952-08-27"), pd.NaT, "mutual"),
        ("old_pact", "Old pact", "collective_defense", T("1955-01-01"), T("1955-06-01"), T("2000-01-01"), "mutual"),
        ("dialogue", "Dialogue", "minilateral_dialogue", T("2007-01-01"), pd.NaT, pd.NaT, "none"),
        ("paper_pact", "Paper pact", "collective_defense", T("1990-01-01"), T("1990-06-01"), pd.NaT, "none"),
        ("future_pact", "Future pact", "collective_defense", T("2030-01-01"), pd.NaT, pd.NaT, "mutual"),
    ]
    return pd.DataFrame(rows, columns=[
        "org_id", "short_name", "kind", "founded_date", "in_force_date", "dissolved_date", "defence_obligation",
    ])


def toy_memberships() -> pd.DataFrame:
    rows = [
        ("us_jpn", "USA", "member", T("1960-01-19"), pd.NaT),
        ("us_jpn", "JPN", "member", T("1960-01-19"), pd.NaT),
        ("us_phl", "USA", "member", T("1951-08-30"), pd.NaT),
        ("us_phl", "PHL", "member", T("1951-08-30"), T("2020-01-01")),  # left
        ("us_phl", "PHL", "partner", T("2020-01-01"), pd.NaT),  # partner, not member
        ("old_pact", "JPN", "member", T("1955-01-01"), pd.NaT),  # treaty dissolved
        ("old_pact", "PHL", "member", T("1955-01-01"), pd.NaT),
        ("dialogue", "JPN", "member", T("2007-01-01"), pd.NaT),  # no defence commitment
        ("dialogue", "PHL", "member", T("2007-01-01"), pd.NaT),
        ("paper_pact", "JPN", "member", T("1990-01-01"), pd.NaT),  # collective kind but no obligation
        ("paper_pact", "PHL", "member", T("1990-01-01"), pd.NaT),
        ("future_pact", "USA", "member", T("2030-01-01"), pd.NaT),  # not yet in force
        ("future_pact", "PHL", "member", T("2030-01-01"), pd.NaT),
    ]
    return pd.DataFrame(rows, columns=["org_id", "iso3", "status", "joined_date", "left_date"])


FAKE_COHESION = {"JPN–USA": 0.9, "PHL–USA": 0.6, "JPN–PHL": 0.8, "JPN–PHL–USA": 0.5}


class RecordingCohesion:
    def __init__(self):
        self.calls: list[tuple[tuple[str, ...], int]] = []

    def __call__(self, iso3_list, indicators, year):
        self.calls.append((tuple(iso3_list), year))
        return FAKE_COHESION[coalitions.label_of(iso3_list)]


@pytest.fixture
def inputs() -> coalition_inputs.CandidateInputs:
    return coalition_inputs.build_inputs(
        toy_statements(), toy_indicators(), toy_organizations(), toy_memberships(),
        candidates=("USA", "JPN", "PHL"), adversaries=("CHN", "RUS", "PRK"), on=ON, options=BINARY,
    )


@pytest.fixture
def scored(inputs) -> pd.DataFrame:
    return coalitions.score_coalitions(inputs, toy_indicators(), cohesion=RecordingCohesion()).set_index("coalition")


def test_the_default_cohesion_scores_each_coalition_on_its_own_members(inputs):
    # 2023 ideal points USA 3, JPN 2, PHL 0; the widest gap in any year is 3.
    cohesion = coalitions.score_coalitions(inputs, toy_indicators()).set_index("coalition")["cohesion"]
    assert cohesion.to_dict() == pytest.approx(
        {"JPN–USA": 1 - 1 / 3, "PHL–USA": 0.0, "JPN–PHL": 1 - 2 / 3, "JPN–PHL–USA": 1 - 2 / 3}
    )


def test_inputs_take_each_countrys_latest_spending(inputs):
    assert inputs.milex["value"].to_dict() == {"USA": 900.0, "JPN": 50.0, "PHL": 10.0}
    assert inputs.milex["year"].to_dict() == {"USA": 2024, "JPN": 2024, "PHL": 2022}
    assert inputs.adversary_milex["value"].iloc[:2].tolist() == [300.0, 100.0]
    assert math.isnan(inputs.adversary_milex.loc["PRK", "value"])  # no data, kept as missing


BINARY = coalition_inputs.ModelOptions(treaty_measure="binary")


def build_with(options, opinion=None, indicators=None, clauses=None):
    return coalition_inputs.build_inputs(
        toy_statements(), toy_indicators() if indicators is None else indicators, toy_organizations(), toy_memberships(),
        candidates=("USA", "JPN", "PHL"), adversaries=("CHN", "RUS", "PRK"), on=ON, options=options, opinion=opinion,
        clauses=clauses,
    )


def test_options_scale_the_us_and_convert_at_ppp():
    half = build_with(coalition_inputs.ModelOptions(us_share=0.5, treaty_measure="binary"))
    assert half.milex["value"].to_dict() == {"USA": 450.0, "JPN": 50.0, "PHL": 10.0}
    priced = pd.concat([toy_indicators(), pd.DataFrame([
        ("USA", 2023, "price_level_ratio", 1.0), ("JPN", 2023, "price_level_ratio", 0.5),
        ("PHL", 2023, "price_level_ratio", 0.25), ("CHN", 2023, "price_level_ratio", 0.6), ("RUS", 2023, "price_level_ratio", 0.4),
    ], columns=["iso3", "year", "indicator", "value"])]).assign(unit=lambda f: np.where(f["indicator"] == "milex_const_usd_m", "constant 2023 US$ m", "x"))
    ppp = build_with(coalition_inputs.ModelOptions(capability="ppp", treaty_measure="binary"), indicators=priced)
    assert ppp.milex["value"].to_dict() == pytest.approx({"USA": 900.0, "JPN": 100.0, "PHL": 40.0})
    assert ppp.adversary_milex["value"].iloc[:2].tolist() == pytest.approx([500.0, 250.0])
    one_sided = build_with(coalition_inputs.ModelOptions(capability="ppp_adversaries", treaty_measure="binary"), indicators=priced)
    assert one_sided.milex["value"].to_dict() == pytest.approx({"USA": 900.0, "JPN": 50.0, "PHL": 10.0})
    assert one_sided.adversary_milex["value"].iloc[0] == pytest.approx(500.0)


def test_opinion_willingness_blends_where_a_survey_exists():
    opinion = pd.DataFrame({
        "survey": ["ISEAS-Yusof Ishak Institute, The State of Southeast Asia Survey"] * 2,
        "question": ["If ASEAN were forced to align itself with one of the strategic rivals, which should it choose?"] * 2,
        "iso3": ["PHL", "JPN"], "year": [2024, 2024], "answer": ["United States", "China"], "percent": [75.0, 62.5],
    })
    blended = build_with(coalition_inputs.ModelOptions(willingness="statements_opinion", treaty_measure="binary"), opinion=opinion).stance_score
    assert blended.loc["PHL"] == pytest.approx(2.0)            # no statement: the survey alone (75% US = +2)
    assert blended.loc["JPN"] == pytest.approx((2.0 + -1.0) / 2)  # support (2) and 37.5% US (−1)
    assert blended.loc["USA"] == 0.0                             # no survey: the statement alone
    with pytest.raises(ValueError, match="opinion"):
        build_with(coalition_inputs.ModelOptions(willingness="statements_opinion", treaty_measure="binary"))


def test_graded_treaty_measure_weights_pairs_by_commitment():
    clauses = pd.DataFrame({
        "clause_id": ["us_jpn_art5", "us_phl_art4"], "org_id": ["us_jpn", "us_phl"], "obligation": ["defence", "defence"],
        "automaticity": ["constitutional_processes", "immediate"], "reciprocity": ["mutual", "mutual"],
        "guarantor": ["", ""], "scope": ["territory_under_administration", "pacific_area_incl_forces"],
        "integrated_command": [False, False],
    })
    graded = build_with(coalition_inputs.DEFAULT_OPTIONS, clauses=clauses)
    assert graded.links.set_index(["iso3_a", "iso3_b"])["weight"].to_dict() == {("JPN", "USA"): 0.5}
    scores = coalitions.score_coalitions(graded, toy_indicators(), cohesion=RecordingCohesion()).set_index("coalition")
    pair = scores[(scores["size"] == 2) & scores["JPN"] & scores["USA"]].iloc[0]
    assert pair["linked_pairs"] == 1 and pair["overlap"] == pytest.approx(0.5)
    with pytest.raises(ValueError, match="clauses"):
        build_with(coalition_inputs.DEFAULT_OPTIONS)
    uncoded = clauses[clauses["org_id"] == "us_phl"]
    with pytest.raises(ValueError, match="without graded clauses"):
        build_with(coalition_inputs.DEFAULT_OPTIONS, clauses=uncoded)


@pytest.mark.parametrize("kwargs", [{"capability": "gdp"}, {"willingness": "polls"}, {"treaty_measure": "maybe"}])
def test_unknown_model_options_are_refused(kwargs):
    with pytest.raises(ValueError):
        coalition_inputs.ModelOptions(**kwargs)


def test_inputs_latest_stance_and_missing_statement(inputs):
    assert inputs.stance_score.loc["USA"] == 0.0
    assert inputs.stance_score.loc["JPN"] == 2.0
    assert math.isnan(inputs.stance_score.loc["PHL"])


def test_inputs_cohesion_year_needs_every_candidate(inputs):
    assert inputs.year == 2023  # 2024 lacks the Philippines


def test_only_active_mutual_defence_memberships_link_pairs(inputs):
    assert inputs.links[["iso3_a", "iso3_b"]].values.tolist() == [["JPN", "USA"]]
    assert inputs.links["treaties"].tolist() == ["US-Japan"]
    linked = inputs.linked
    assert linked.tolist() == [[False, True, False], [True, False, False], [False, False, False]]


def test_defence_links_before_a_member_left():
    links = coalition_inputs.defence_links(toy_organizations(), toy_memberships(), ("USA", "JPN", "PHL"), on=T("2010-01-01"))
    assert links[["iso3_a", "iso3_b"]].values.tolist() == [["JPN", "USA"], ["PHL", "USA"]]
    excluded = coalition_inputs.defence_links(
        toy_organizations(), toy_memberships(), ("USA", "JPN", "PHL"), on=T("2010-01-01"), exclude=("us_phl",)
    )
    assert excluded[["iso3_a", "iso3_b"]].values.tolist() == [["JPN", "USA"]]


def test_capability_ratios(scored):
    assert math.isclose(scored.loc["JPN–USA", "capability_vs_china"], 950 / 300)
    assert math.isclose(scored.loc["JPN–USA", "capability_vs_adversaries"], 950 / 400)  # PRK has no data
    assert math.isclose(scored.loc["JPN–PHL", "capability_vs_china"], 60 / 300)
    assert math.isclose(scored.loc["JPN–PHL–USA", "milex"], 960)


def test_willingness_treats_no_statement_as_ambiguous(scored):
    assert math.isclose(scored.loc["JPN–USA", "willingness"], 1.0)
    assert math.isclose(scored.loc["JPN–USA", "willingness_01"], 0.75)
    assert math.isclose(scored.loc["PHL–USA", "willingness"], 0.0)  # PHL counted as 0
    assert math.isclose(scored.loc["JPN–PHL–USA", "willingness"], 2 / 3)
    assert math.isclose(scored.loc["JPN–PHL–USA", "willingness_01"], (2 / 3 + 2) / 4)
    assert scored["n_no_statement"].to_dict() == {"JPN–USA": 0, "PHL–USA": 1, "JPN–PHL": 1, "JPN–PHL–USA": 1}


def test_overlap_is_the_share_of_linked_pairs(scored):
    assert scored["overlap"].to_dict() == {"JPN–USA": 1.0, "PHL–USA": 0.0, "JPN–PHL": 0.0, "JPN–PHL–USA": 1 / 3}
    assert scored.loc["JPN–PHL–USA", "pairs"] == 3


def test_cohesion_is_called_with_the_members_and_the_year(inputs):
    recorder = RecordingCohesion()
    coalitions.score_coalitions(inputs, toy_indicators(), cohesion=recorder)
    assert len(recorder.calls) == 4
    assert {year for _, year in recorder.calls} == {2023}
    assert {coalitions.label_of(members) for members, _ in recorder.calls} == set(FAKE_COHESION)


RAW_FEASIBILITY = {"JPN–USA": 0.87, "PHL–USA": 0.38, "JPN–PHL": 0.54, "JPN–PHL–USA": 0.4 * (2 / 3 + 2) / 4 + 0.15 + 0.1}


def test_raw_feasibility_is_the_weighted_mean_of_the_components(scored):
    raw = coalitions.feasibility(scored, scaling="raw")
    for label, value in RAW_FEASIBILITY.items():
        assert math.isclose(raw[label], value), label


def test_feasibility_standardises_each_component_before_weighting(scored):
    components = scored[["willingness_01", "cohesion", "overlap"]].astype(float)
    z = (components - components.mean()) / components.std(ddof=0)
    expected = 0.4 * z["willingness_01"] + 0.3 * z["cohesion"] + 0.3 * z["overlap"]
    assert np.allclose(scored["feasibility"], expected)
    order = expected.sort_values(ascending=False).index.tolist()
    assert scored["feasibility_rank"].sort_values().index.tolist() == order
    assert scored.loc[order[0], "feasibility_percentile"] == 100.0
    assert scored.loc[order[-1], "feasibility_percentile"] == 25.0


def test_effective_weights_show_what_raw_scales_do_to_the_weights(scored):
    raw = coalitions.effective_weights(scored, scaling="raw")
    sd = scored[["willingness_01", "cohesion", "overlap"]].std(ddof=0).to_numpy()
    contribution = np.array([0.4, 0.3, 0.3]) * sd
    assert np.allclose(raw.to_numpy(), contribution / contribution.sum())
    assert np.allclose(coalitions.effective_weights(scored, scaling="standardised").to_numpy(), [0.4, 0.3, 0.3])


def test_feasibility_frontier(scored):
    assert scored["on_frontier"].to_dict() == {"JPN–USA": True, "PHL–USA": False, "JPN–PHL": False, "JPN–PHL–USA": True}


def test_other_weights_and_bad_weights(scored):
    only_overlap = coalitions.add_feasibility(scored, {"willingness": 0, "cohesion": 0, "overlap": 1})
    z = (scored["overlap"] - scored["overlap"].mean()) / scored["overlap"].std(ddof=0)
    assert np.allclose(only_overlap["feasibility"], z)
    with pytest.raises(ValueError):
        coalitions.add_feasibility(scored, {"willingness": 0.5, "cohesion": 0.5, "overlap": 0.5})
    with pytest.raises(ValueError):
        coalitions.add_feasibility(scored, {"willingness": 1.0, "cohesion": 0.0})


def test_with_links_recomputes_overlap_only(inputs, scored):
    no_links = inputs.links.iloc[0:0]
    rescored = coalitions.with_links(scored.reset_index(), inputs.codes, no_links).set_index("coalition")
    assert (rescored["overlap"] == 0).all()
    assert math.isclose(coalitions.feasibility(rescored, scaling="raw")["JPN–USA"], 0.3 + 0.27)
    assert rescored["cohesion"].to_dict() == scored["cohesion"].to_dict()


def test_capability_needs_china(inputs):
    no_china = coalition_inputs.CandidateInputs(
        codes=inputs.codes, milex=inputs.milex, adversary_milex=inputs.adversary_milex.drop(index="CHN"),
        stance_score=inputs.stance_score, links=inputs.links, year=inputs.year,
    )
    with pytest.raises(ValueError, match="China"):
        coalitions.score_coalitions(no_china, toy_indicators(), cohesion=RecordingCohesion())


def test_missing_spending_counts_as_zero_and_is_flagged(inputs):
    milex = inputs.milex.assign(value=[900.0, 50.0, np.nan])
    gap = coalition_inputs.CandidateInputs(
        codes=inputs.codes, milex=milex, adversary_milex=inputs.adversary_milex,
        stance_score=inputs.stance_score, links=inputs.links, year=inputs.year,
    )
    scored = coalitions.score_coalitions(gap, toy_indicators(), cohesion=RecordingCohesion()).set_index("coalition")
    assert math.isclose(scored.loc["JPN–PHL", "capability_vs_china"], 50 / 300)
    assert scored["n_no_milex"].to_dict() == {"JPN–USA": 0, "PHL–USA": 1, "JPN–PHL": 1, "JPN–PHL–USA": 1}


# ---------------------------------------------------------------- scenarios and sensitivity

def test_scenario_scores_look_up_members_in_any_order(scored):
    scenarios = {"Pair": ("USA", "JPN"), "Trio": ("PHL", "USA", "JPN"), "Solo": ("USA",), "Outsider": ("USA", "KOR")}
    table = coalitions.scenario_scores(scored.reset_index(), scenarios)
    assert table["scenario"].tolist() == list(scenarios)
    assert table["coalition"].tolist() == ["JPN–USA", "JPN–PHL–USA", "USA", "KOR–USA"]
    assert table["scored"].tolist() == [True, True, False, False]
    assert math.isclose(table.loc[0, "feasibility"], scored.loc["JPN–USA", "feasibility"])
    assert table.loc[1, "feasibility_rank"] == scored.loc["JPN–PHL–USA", "feasibility_rank"]


def test_weight_grid_covers_the_simplex():
    grid = coalitions.weight_grid(0.1)
    assert len(grid) == 66
    assert np.allclose(grid.sum(axis=1), 1.0)
    assert (grid >= 0).all().all()
    assert len(grid.round(6).drop_duplicates()) == 66
    assert len(coalitions.weight_grid(0.5)) == 6
    with pytest.raises(ValueError):
        coalitions.weight_grid(0.3)


def test_weight_sensitivity_reranks_under_each_weighting(scored):
    scenarios = {"Pair": ("USA", "JPN"), "Wide": ("USA", "PHL"), "Solo": ("USA",)}
    sens = coalitions.weight_sensitivity(scored.reset_index(), scenarios, step=0.5)
    assert set(sens["scenario"]) == {"Pair", "Wide"}  # unscorable scenarios are left out
    assert len(sens) == 2 * 6
    willingness_only = sens[(sens["willingness"] == 1.0)].set_index("scenario")
    assert willingness_only.loc["Pair", "rank"] == 1  # tied with JPN–PHL at 0.75
    assert willingness_only.loc["Wide", "rank"] == 4
    overlap_only = sens[(sens["overlap"] == 1.0)].set_index("scenario")
    assert overlap_only.loc["Wide", "rank"] == 3  # tied last with JPN–PHL at 0
    assert overlap_only.loc["Wide", "percentile"] == 50.0
    summary = coalitions.sensitivity_summary(sens, ["Wide", "Pair"]).set_index("scenario")
    assert list(summary.index) == ["Wide", "Pair"]
    assert summary.loc["Pair", "best_rank"] == 1
    assert summary.loc["Wide", "worst_rank"] == 4


# ---------------------------------------------------------------- Pareto frontier

def test_pareto_frontier_on_a_toy_set():
    points = pd.DataFrame({
        "capability_vs_china": [1.0, 2.0, 3.0, 1.5, 3.0, 0.5, 2.5, np.nan],
        "feasibility": [5.0, 4.0, 1.0, 3.0, 1.0, 5.0, 0.5, 9.0],
    })
    # a (1,5), b (2,4), c (3,1) are undominated; d (1.5,3) is beaten by b;
    # e duplicates c and so is not dominated by it; f (0.5,5) is beaten by a
    # (same feasibility, more capability); g (2.5,0.5) is beaten by c; a missing value is never on it.
    assert coalitions.pareto_frontier(points).tolist() == [True, True, True, False, True, False, False, False]


def test_pareto_frontier_with_custom_columns():
    points = pd.DataFrame({"x": [1, 2, 3], "y": [3, 2, 1]})
    assert coalitions.pareto_frontier(points, x="x", y="y").all()
    points = pd.DataFrame({"x": [1, 2, 3], "y": [1, 2, 3]})
    assert coalitions.pareto_frontier(points, x="x", y="y").tolist() == [False, False, True]


def test_order_stability_counts_neighbouring_weightings(scored):
    scenarios = {"Pair": ("USA", "JPN"), "Wide": ("USA", "PHL"), "Trio": ("JPN", "PHL", "USA")}
    sens = coalitions.weight_sensitivity(scored.reset_index(), scenarios, step=0.5)
    weights = {"willingness": 0.5, "cohesion": 0.5, "overlap": 0.0}
    # neighbours within 0.5 on every component: (.5,.5,0), (1,0,0), (0,1,0), (.5,0,.5), (0,.5,.5) -> all but (0,0,1)
    n_near, n_same = coalitions.order_stability(sens, weights, radius=0.5)
    assert n_near == 5
    # default order: Pair (0.825), Trio (0.583), Wide (0.55); only cohesion-only (Pair .9, Wide .6, Trio .5) differs
    assert n_same == 4
    with pytest.raises(ValueError):
        coalitions.order_stability(sens, {"willingness": 0.4, "cohesion": 0.3, "overlap": 0.3}, radius=0.5)


# ---------------------------------------------------------------- the whole analysis

def test_analyse_and_key_numbers_on_the_toy_case():
    organizations = pd.concat([
        toy_organizations(),
        pd.DataFrame([("quad", "Quad", "minilateral_dialogue", T("2007-05-01"), pd.NaT, pd.NaT, False)],
                     columns=toy_organizations().columns),
    ], ignore_index=True)
    memberships = pd.concat([
        toy_memberships(),
        pd.DataFrame([("quad", "USA", "member", T("2007-05-01"), pd.NaT), ("quad", "JPN", "member", T("2007-05-01"), pd.NaT)],
                     columns=toy_memberships().columns),
    ], ignore_index=True)
    analysis = coalitions.analyse(
        toy_statements(), toy_indicators(), organizations, memberships, exclude=("us_jpn",),
        cohesion=RecordingCohesion(), candidates=("USA", "JPN", "PHL"), adversaries=("CHN", "RUS", "PRK"), on=ON,
        options=BINARY,
    )
    names = {"USA": "United States", "JPN": "Japan", "PHL": "Philippines", "PRK": "North Korea", "CHN": "China", "RUS": "Russia"}
    numbers = coalitions_report.key_numbers(analysis, names)
    assert numbers["coal_n_coalitions"] == 4
    assert numbers["coal_n_links"] == 1
    assert numbers["coal_n_links_excluded_only"] == 1  # the US-Japan pair rests on the excluded treaty alone
    assert numbers["coal_excluded_names"] == "US-Japan"
    assert numbers["coal_stale_milex"] == "Philippines (2022)"
    assert numbers["coal_adversaries_no_data"] == "North Korea"
    assert numbers["coal_adversaries_with_data"] == "China and Russia"
    assert numbers["coal_no_statement_names"] == "the Philippines"
    assert numbers["coal_no_statement_sentence"] == "One candidate has no statement on record (the Philippines); it is treated as ambiguous."
    assert coalitions_report.no_statement_sentence([], names) == "Every candidate has a statement on record."
    assert coalitions_report.no_statement_sentence(["JPN", "PHL"], names).startswith("Two candidates have no statement on record (Japan and the Philippines)")
    assert numbers["coal_best_label"] == "JPN–USA"
    assert numbers["coal_min_cap_with_us"] == pytest.approx(910 / 300)
    assert numbers["coal_quad_alliance_rank"] == 1
    assert numbers["coal_quad_alliance_members"] == "Japan and the United States"  # scenarios are sorted by code
    # without the US-Japan treaty no pair is linked; JPN–USA falls to 0.57 but stays first (JPN–PHL: 0.54)
    assert numbers["coal_quad_alliance_rank_without_excluded"] == 1
    assert "coal_us_japan_rok_rank" not in numbers  # the trilateral does not exist in the toy data
    assert all(not hasattr(v, "dtype") for v in numbers.values())  # plain Python values only


@pytest.mark.parametrize(("n", "expected"), [
    (0, "None of the five named scenarios lies on the frontier; for any scenario off it, some other coalition is at least as capable and more feasible."),
    (1, "One of the five named scenarios lies on the frontier; for any scenario off it, some other coalition is at least as capable and more feasible."),
    (5, "All five named scenarios lie on the frontier."),
])
def test_frontier_sentence_agrees_with_the_count(n, expected):
    from asian_nato.report import coalitions_report

    assert coalitions_report.frontier_sentence({"coal_n_scenarios_on_frontier": n, "coal_n_scenarios": 5}) == expected


@pytest.mark.parametrize(("n", "start"), [
    (5, "The worst ranks come from weightings dominated by cohesion: all five scenarios rank worst under"),
    (3, "Most worst ranks come from weightings dominated by cohesion: three of the five scenarios rank worst under"),
    (1, "Weightings dominated by cohesion do not explain most worst ranks: one of the five scenarios ranks worst under"),
])
def test_worst_weightings_sentence_claims_only_what_the_count_supports(n, start):
    from asian_nato.report import coalitions_report

    sentence = coalitions_report.worst_weightings_sentence(
        {"coal_n_worst_cohesion_heavy": n, "coal_n_scenarios": 5, "coal_cohesion_heavy": 0.5})
    assert sentence.startswith(start) and sentence.endswith("a share of 0.5 or more.")


def _scored(sizes, linked, percentiles):
    return pd.DataFrame({"size": sizes, "pairs": [s * (s - 1) // 2 for s in sizes], "linked_pairs": linked,
                         "feasibility_percentile": percentiles})


def test_group_profile_and_most_feasible_on_hand_made_scores():
    from asian_nato.analysis.coalitions import group_profile, most_feasible

    scores = _scored([2, 2, 3, 4, 5], [1, 0, 3, 2, 4], [99.0, 91.0, 85.0, 50.0, 10.0])
    assert group_profile(scores) == {"n": 5, "median_size": 3.0, "full_overlap_share": 0.4}
    top = most_feasible(scores, 90.0)
    assert top.index.tolist() == [0, 1] and group_profile(top) == {"n": 2, "median_size": 2.0, "full_overlap_share": 0.5}
    assert most_feasible(scores, 91.0).index.tolist() == [0], "a coalition exactly at the cut-off is not above it"


def test_best_are_sentence_says_whether_the_reading_holds_at_every_cut_off():
    from asian_nato.report import coalitions_report as cr

    # all: median size 3, 30% allied. Top 5% and 10%: two allied pairs. Top 20% adds two coalitions of six: median size 4
    scores = _scored([2, 2, 6, 6, 3, 3, 3, 3, 3, 3], [1, 1, 0, 0, 3, 0, 0, 0, 0, 0],
                     [99.0, 96.0, 88.0, 85.0, 50.0, 40.0, 30.0, 20.0, 10.0, 5.0])
    assert cr.best_are_sentence(scores, (80.0, 90.0, 95.0)) == (
        "The coalitions that score best are smaller than most and more often already allied, which is roughly what "
        "exists today. It does not hold for the most feasible 20 per cent, so it depends on where the line is drawn.")
    assert cr.best_are_sentence(scores, (90.0, 95.0)).endswith(
        "This holds whether the best are taken as the most feasible 10 and 5 per cent.")
    unlinked = scores.assign(linked_pairs=0)
    assert cr.best_are_sentence(unlinked) == "The coalitions that score best are not simply small groups of existing allies."
    table = cr.top_cutoffs_table(scores, (80.0, 90.0))
    assert table["Coalitions compared"].tolist() == ["most feasible 20%", "most feasible 10% (the book's)", "all"]
    assert table["Every pair bound by a treaty"].tolist() == ["50.0%", "100.0%", "30.0%"]
    assert table["Median size"].tolist() == ["4", "2", "3"]
