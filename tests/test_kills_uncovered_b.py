"""Fast hand-computed tests for commitments.atop_comparison / our_provisions, network.commitment_by_year,
and measures.opinion_divergence / north_korea_range / elite_lean."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from asian_nato.analysis import commitments, measures, network
from test_memberships import make_members, make_orgs

T = pd.Timestamp


# ---------------------------------------------------------------- commitments.our_provisions


def clause(org, obligation="defence", automaticity="immediate", reciprocity="mutual", command=False):
    return {"org_id": org, "obligation": obligation, "automaticity": automaticity,
            "reciprocity": reciprocity, "guarantor": "", "scope": "unspecified", "integrated_command": command}


def provision_clauses() -> pd.DataFrame:
    return pd.DataFrame([
        clause("d", "defence", "constitutional_processes"),
        clause("d", "non_aggression", ""),
        clause("a", "defence", "immediate"),
        clause("b", "defence", "consultation_only", "one_way"),
        clause("b", "consultation", "consultation_only", "one_way"),
        clause("c", "defence", "deems_necessary", "one_way", command=True),
        clause("c", "consultation", "consultation_only", "mutual", command=False),
        clause("e", "non_aggression", "", "one_way"),
        clause("f", "defence", "", "one_way", command=False),
    ])


def test_our_provisions_flags_each_arrangement():
    out = commitments.our_provisions(provision_clauses())
    assert list(out.columns) == ["org_id", "defense", "consul", "nonagg", "asymm", "intcom"]
    assert out.to_dict("records") == [
        {"org_id": "a", "defense": 1, "consul": 0, "nonagg": 0, "asymm": 0, "intcom": 0},
        {"org_id": "b", "defense": 0, "consul": 1, "nonagg": 0, "asymm": 0, "intcom": 0},
        {"org_id": "c", "defense": 1, "consul": 1, "nonagg": 0, "asymm": 1, "intcom": 1},
        {"org_id": "d", "defense": 1, "consul": 0, "nonagg": 1, "asymm": 0, "intcom": 0},
        {"org_id": "e", "defense": 0, "consul": 0, "nonagg": 1, "asymm": 0, "intcom": 0},
        {"org_id": "f", "defense": 0, "consul": 0, "nonagg": 0, "asymm": 0, "intcom": 0},
    ]
    assert all(out[c].dtype.kind == "i" for c in ["defense", "consul", "nonagg", "asymm", "intcom"])


@pytest.mark.parametrize("automaticity, expected", [
    ("immediate", 1), ("deems_necessary", 1), ("constitutional_processes", 1),
    ("consultation_only", 0), ("", 0), ("soon", 0),
])
def test_our_provisions_defence_needs_a_binding_automaticity(automaticity, expected):
    out = commitments.our_provisions(pd.DataFrame([clause("x", "defence", automaticity, "one_way", command=True)]))
    assert out.to_dict("records") == [
        {"org_id": "x", "defense": expected, "consul": 0, "nonagg": 0, "asymm": expected, "intcom": 1},
    ]


def test_our_provisions_asymmetry_needs_one_way_defence_clause_itself():
    # one-way consultation plus mutual binding defence: not asymmetric
    frame = pd.DataFrame([clause("x", "defence", "immediate", "mutual"), clause("x", "consultation", "immediate", "one_way")])
    assert commitments.our_provisions(frame).to_dict("records") == [
        {"org_id": "x", "defense": 1, "consul": 1, "nonagg": 0, "asymm": 0, "intcom": 0},
    ]


# ---------------------------------------------------------------- commitments.atop_comparison


def atop_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["org_id", "atopid", "defense", "consul", "nonagg", "asymm", "intcom"])


def test_atop_comparison_long_table_sorted_with_missing_orgs_as_zero():
    atop = atop_frame([
        ("z", 9, 1, 0, 0, 0, 0),  # not coded by us: ours is 0
        ("c", 3, 1, 0, 0, 1, 1),
        ("a", 1, 1, 1, 1, 0, 0),  # nonagg differs but is never compared
    ])
    out = commitments.atop_comparison(provision_clauses(), atop)
    assert list(out.columns) == ["org_id", "atopid", "provision", "atop", "ours", "agree"]
    rows = [tuple(r) for r in out.itertuples(index=False)]
    assert rows == [
        ("a", 1, "asymm", 0, 0, True),
        ("a", 1, "consul", 1, 0, False),
        ("a", 1, "defense", 1, 1, True),
        ("a", 1, "intcom", 0, 0, True),
        ("c", 3, "asymm", 1, 1, True),
        ("c", 3, "consul", 0, 1, False),
        ("c", 3, "defense", 1, 1, True),
        ("c", 3, "intcom", 1, 1, True),
        ("z", 9, "asymm", 0, 0, True),
        ("z", 9, "consul", 0, 0, True),
        ("z", 9, "defense", 1, 0, False),
        ("z", 9, "intcom", 0, 0, True),
    ]
    assert out["ours"].dtype.kind == "i"
    assert out["agree"].dtype == bool
    assert list(out.index) == list(range(12))


def test_atop_comparison_empty_atop_gives_empty_table():
    out = commitments.atop_comparison(provision_clauses(), atop_frame([]))
    assert out.empty
    assert list(out.columns) == ["org_id", "atopid", "provision", "atop", "ours", "agree"]


def test_atop_comparison_rejects_duplicate_atop_rows():
    atop = atop_frame([("a", 1, 1, 0, 0, 0, 0), ("a", 2, 1, 0, 0, 0, 0)])
    with pytest.raises(pd.errors.MergeError):
        commitments.atop_comparison(provision_clauses(), atop)


# ---------------------------------------------------------------- network.commitment_by_year


def by_year_inputs():
    orgs = make_orgs([
        ("alliance", "Alliance", "collective_defense", "2000-01-01", "", True),
        ("compact", "Compact", "bilateral_defense", "2005-06-01", "2010-01-01", True),
    ])
    members = make_members([
        ("alliance", "USA", "member", "2000-01-01", ""),
        ("alliance", "JPN", "member", "2000-01-01", ""),
        ("alliance", "KOR", "member", "2003-01-01", "2009-07-01"),
        ("alliance", "PHL", "partner", "2000-01-01", ""),  # not a full member: no tie
        ("alliance", "XXX", "member", "2000-01-01", ""),  # not among the nodes
        ("compact", "USA", "member", "2005-06-01", ""),
        ("compact", "FSM", "member", "2005-06-01", ""),
        ("compact", "PLW", "member", "2005-06-01", ""),
    ])
    grades = pd.DataFrame({
        "org_id": ["alliance", "compact"], "grade": [0.75, 1.0],
        "reciprocity": ["mutual", "one_way"], "guarantor": ["", "USA"],
    })
    nodes = ["USA", "JPN", "KOR", "PHL", "FSM", "PLW"]
    return members, orgs, grades, nodes


def rows_of(frame):
    return [
        (r.year, r.bound_pairs, r.strength, None if math.isnan(r.mean_weight) else round(r.mean_weight, 9),
         None if math.isnan(r.us_share) else round(r.us_share, 9))
        for r in frame.itertuples(index=False)
    ]


def test_commitment_by_year_hand_computed():
    members, orgs, grades, nodes = by_year_inputs()
    out = network.commitment_by_year(members, orgs, grades, [1999, 2002, 2003, 2007, 2009], T("2009-06-30"), nodes)
    assert list(out.columns) == ["year", "bound_pairs", "strength", "mean_weight", "us_share"]
    assert rows_of(out) == [
        (1999, 0, 0.0, None, None),  # nothing in force: NaN mean and share
        (2002, 1, 0.75, 0.75, 1.0),  # KOR joins 1 Jan 2003
        (2003, 3, 2.25, 0.75, round(1.5 / 2.25, 9)),
        # compact: USA-FSM and USA-PLW weigh 0.5 (one-way), FSM-PLW weighs 0 and is not bound
        (2007, 5, 3.25, 0.65, round(2.5 / 3.25, 9)),
        (2009, 5, 3.25, 0.65, round(2.5 / 3.25, 9)),  # observed on as_of, before KOR leaves
    ]


def test_commitment_by_year_after_leaving_and_dissolution_and_other_hub():
    members, orgs, grades, nodes = by_year_inputs()
    out = network.commitment_by_year(members, orgs, grades, [2007, 2009, 2010], T("2011-03-01"), nodes, hub="JPN")
    assert rows_of(out) == [
        (2007, 5, 3.25, 0.65, round(1.5 / 3.25, 9)),
        (2009, 3, 1.75, round(1.75 / 3, 9), round(0.75 / 1.75, 9)),  # KOR gone 1 Jul 2009
        (2010, 1, 0.75, 0.75, 1.0),  # compact dissolved 1 Jan 2010
    ]


def test_commitment_by_year_as_of_on_leaving_day_excludes_the_leaver():
    members, orgs, grades, nodes = by_year_inputs()
    out = network.commitment_by_year(members, orgs, grades, [2009], T("2009-07-01"), nodes)
    assert rows_of(out) == [(2009, 3, 1.75, round(1.75 / 3, 9), round(1.75 / 1.75, 9))]
    out = network.commitment_by_year(members, orgs, grades, [2009], T("2009-06-30"), nodes)
    assert rows_of(out) == [(2009, 5, 3.25, 0.65, round(2.5 / 3.25, 9))]


# ---------------------------------------------------------------- measures.elite_lean


def test_elite_lean_thresholds_inclusive_and_missing_is_split():
    shares = pd.Series([60.0, 59.9, 40.0, 40.1, 100.0, 0.0, np.nan, 50.0], index=list("abcdefgh"))
    out = measures.elite_lean(shares)
    assert out.to_dict() == {"a": "US", "b": "split", "c": "China", "d": "split", "e": "US", "f": "China",
                             "g": "split", "h": "split"}
    assert list(out.index) == list("abcdefgh")
    assert measures.LEAN_US_AT == 60.0 and measures.LEAN_CHINA_AT == 40.0


def test_elite_lean_empty():
    out = measures.elite_lean(pd.Series([], dtype=float))
    assert out.empty and len(out) == 0


# ---------------------------------------------------------------- measures.opinion_divergence

Q = "If forced to align with one of the strategic rivals, which should ASEAN choose?"


def poll(iso3, year, answer, percent, survey="ISEAS State of Southeast Asia", question=Q):
    return {"survey": f"{survey} {year}", "question": question, "answer": answer, "percent": percent,
            "iso3": iso3, "year": year}


def test_opinion_divergence_latest_lean_and_class():
    opinion = pd.DataFrame([
        poll("VNM", 2023, "China", 55.0),
        poll("VNM", 2024, "United States", 61.0),
        poll("IDN", 2024, "China", 60.0),
        poll("MYS", 2024, "United States", 60.0),
        poll("THA", 2024, "China", 61.0),
        poll("SGP", 2024, "United States", 50.0),
        poll("PHL", 2024, "United States", 80.0),
        poll("LAO", 2024, "China", 90.0),  # no class: dropped
        poll("KHM", 2024, "China", 90.0),  # class NaN: dropped
        poll("", 2024, "China", 90.0),  # the region: dropped even though classed
        poll("BRN", 2024, "China", 90.0, survey="Pew"),  # not the forced-choice survey
    ])
    classes = pd.Series({"VNM": "no", "IDN": "yes", "MYS": "yes", "THA": "no", "SGP": "no", "PHL": "hedge",
                         "KHM": np.nan, "BRN": "yes", "JPN": "yes", "": "yes"})
    out = measures.opinion_divergence(opinion, classes)
    assert list(out.columns) == ["year", "us_percent", "lean", "government_class", "diverges"]
    assert out.index.name == "iso3"
    got = {i: (int(r.year), float(r.us_percent), r.lean, r.government_class, bool(r.diverges)) for i, r in out.iterrows()}
    assert list(out.index) == ["IDN", "MYS", "PHL", "SGP", "THA", "VNM"]
    assert got == {
        "IDN": (2024, 40.0, "China", "yes", True),
        "MYS": (2024, 60.0, "US", "yes", False),
        "PHL": (2024, 80.0, "US", "hedge", False),
        "SGP": (2024, 50.0, "split", "no", False),
        "THA": (2024, 39.0, "China", "no", False),
        "VNM": (2024, 61.0, "US", "no", True),
    }


def test_opinion_divergence_no_forced_choice_rows_is_empty():
    opinion = pd.DataFrame([poll("VNM", 2024, "China", 70.0, question="Who is most influential?")])
    out = measures.opinion_divergence(opinion, pd.Series({"VNM": "yes"}))
    assert out.empty
    assert "diverges" in out.columns and "lean" in out.columns


# ---------------------------------------------------------------- measures.north_korea_range


def estimates(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "year", "value_usd_m", "low_usd_m", "high_usd_m", "estimator"])


def test_north_korea_range_latest_year_low_and_high_columns():
    nan = np.nan
    frame = estimates([
        ("PRK", 2020, 100.0, 50.0, 9000.0, "Old"),  # earlier year: ignored
        ("PRK", 2022, 2000.0, nan, 5000.0, "C"),
        ("PRK", 2022, nan, 1500.0, 3500.0, "A"),
        ("PRK", 2022, 4000.0, nan, nan, "B"),
        ("KOR", 2023, 1.0, 0.5, 99999.0, "K"),  # other country, later year
    ])
    out = measures.north_korea_range(frame)
    assert out == {"year": 2022, "low": 1500.0, "high": 5000.0, "estimators": ["A", "B", "C"]}
    assert type(out["year"]) is int and type(out["low"]) is float and type(out["high"]) is float
    assert measures.north_korea_range(frame, iso3="KOR") == {"year": 2023, "low": 0.5, "high": 99999.0,
                                                              "estimators": ["K"]}


def test_north_korea_range_point_values_set_both_ends():
    nan = np.nan
    frame = estimates([
        ("PRK", 2021, 3000.0, nan, nan, "Z"),
        ("PRK", 2021, 1000.0, 1200.0, 2500.0, "M"),
    ])
    assert measures.north_korea_range(frame) == {"year": 2021, "low": 1000.0, "high": 3000.0, "estimators": ["M", "Z"]}


def test_north_korea_range_without_estimates_raises():
    frame = estimates([("KOR", 2023, 1.0, 0.5, 2.0, "K")])
    with pytest.raises(ValueError, match=r"^no spending estimates for PRK$"):
        measures.north_korea_range(frame)
    with pytest.raises(ValueError, match=r"^no spending estimates for CHN$"):
        measures.north_korea_range(estimates([]), iso3="CHN")
