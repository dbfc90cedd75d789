"""Graded commitments from treaty clauses, and one definition of 'in force' across chapters 2, 3 and 7."""

from __future__ import annotations

import pandas as pd
import pytest

from asian_nato.analysis import commitments, memberships as ms, network
from asian_nato.analysis import coalition_inputs
from asian_nato import data

T = pd.Timestamp


def clause(org, automaticity, reciprocity="mutual", guarantor="", obligation="defence", command=False, cid=None):
    return {"clause_id": cid or f"{org}_{automaticity}", "org_id": org, "obligation": obligation, "automaticity": automaticity,
            "reciprocity": reciprocity, "guarantor": guarantor, "scope": "unspecified", "integrated_command": command}


def test_grade_is_the_strongest_graded_clause_and_ignores_access_clauses():
    clauses = pd.DataFrame([
        clause("pact", "consultation_only", obligation="consultation"),
        clause("pact", "constitutional_processes"),
        clause("pact", "", obligation="basing", cid="pact_bases"),
        clause("nato", "deems_necessary", command=True),
        clause("talks", "consultation_only", obligation="consultation"),
    ])
    grades = commitments.arrangement_grades(clauses).set_index("org_id")
    assert grades.loc["pact", "grade"] == 0.5 and grades.loc["pact", "automaticity"] == "constitutional_processes"
    assert grades.loc["nato", "grade"] == 0.75 and bool(grades.loc["nato", "integrated_command"])
    assert grades.loc["talks", "grade"] == 0.25
    with pytest.raises(ValueError, match="unknown automaticity"):
        commitments.arrangement_grades(pd.DataFrame([clause("x", "soon")]))


def test_one_way_guarantee_binds_only_the_guarantor_and_counts_half():
    grades = commitments.arrangement_grades(pd.DataFrame([clause("compact", "immediate", "one_way", "USA"), clause("alliance", "constitutional_processes")]))
    members = pd.DataFrame({"org_id": ["compact", "compact", "alliance", "alliance"], "iso3": ["USA", "FSM", "USA", "JPN"]})
    directed = commitments.directed_weights(grades, members).set_index(["org_id", "from_iso3", "to_iso3"])["weight"]
    assert directed[("compact", "USA", "FSM")] == 1.0 and directed[("compact", "FSM", "USA")] == 0.0
    ties = commitments.tie_weights(grades, members).set_index(["iso3_a", "iso3_b"])["weight"]
    assert ties[("FSM", "USA")] == pytest.approx(0.5)
    assert ties[("JPN", "USA")] == pytest.approx(0.5)


def test_a_pair_in_several_arrangements_takes_the_strongest():
    grades = commitments.arrangement_grades(pd.DataFrame([clause("weak", "consultation_only", obligation="consultation"), clause("strong", "immediate")]))
    members = pd.DataFrame({"org_id": ["weak", "weak", "strong", "strong"], "iso3": ["A", "B", "A", "B"]})
    ties = commitments.tie_weights(grades, members)
    assert ties.to_dict("records") == [{"iso3_a": "A", "iso3_b": "B", "weight": 1.0, "arrangement": "strong"}]
    assert commitments.weight_matrix(ties, ["A", "B", "C"]).tolist() == [[0, 1.0, 0], [1.0, 0, 0], [0, 0, 0]]


# ---------------------------------------------------------------- one "in force" for every chapter

ON = T("2026-06-01")


def organizations():
    return pd.DataFrame({
        "org_id": ["ratified", "signed_only", "dialogue", "partnership_signed"],
        "short_name": ["Ratified", "Signed only", "Dialogue", "Partnership"],
        "kind": ["bilateral_defense", "bilateral_defense", "minilateral_dialogue", "defense_partnership"],
        "founded_date": [T("1990-01-01"), T("2025-10-06"), T("2007-05-01"), T("2026-01-15")],
        "in_force_date": [T("1991-01-01"), pd.NaT, pd.NaT, pd.NaT],
        "dissolved_date": [pd.NaT] * 4,
        "defence_obligation": ["mutual", "mutual", "none", "none"],
    })


def memberships():
    rows = [(org, iso3) for org in ("ratified", "signed_only", "dialogue", "partnership_signed") for iso3 in ("AUS", "PNG")]
    frame = pd.DataFrame(rows, columns=["org_id", "iso3"])
    return frame.assign(status="member", joined_date=T("1990-01-01"), left_date=pd.NaT)


def test_a_signed_treaty_is_not_in_force_but_other_arrangements_count_from_founding():
    assert ms.in_force(organizations(), ON).tolist() == [True, False, True, True]
    assert not ms.in_force(organizations(), T("1990-06-01")).iloc[0]  # signed, not yet in force


def test_chapters_two_three_and_seven_agree_on_what_is_in_force():
    orgs, members = organizations(), memberships()
    chapter2 = set(ms.active_memberships(members, orgs, ON)["org_id"])
    chapter3 = set(network.co_member_edges(ms.active_memberships(members, orgs, ON))["arrangements"].str.split("; ").explode())
    chapter7 = set(coalition_inputs.active_defence_orgs(orgs, ON)["org_id"])
    links = coalition_inputs.defence_links(orgs, members, ["AUS", "PNG"], ON)
    assert "signed_only" not in chapter2
    assert "Signed only" not in chapter3 and "Ratified" in chapter3
    assert chapter7 == {"ratified"}
    assert links["treaties"].tolist() == ["Ratified"]


def test_every_defence_treaty_in_force_in_the_data_has_graded_clauses():
    orgs, clauses = data.load_organizations(), data.load_clauses()
    on = ms.snapshot_date(data.data_version()["as_of"])
    assert commitments.uncoded_defence_treaties(orgs, clauses, ms.in_force(orgs, on)) == []
    assert set(clauses["org_id"]) <= set(orgs["org_id"])
