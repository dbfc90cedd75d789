"""The contingency matrix on hand-made treaties: obligation levels, scope, one-way guarantees and computed prose."""

from __future__ import annotations

import pandas as pd

from asian_nato.report import commitments_report
from asian_nato.analysis import contingencies as cg

SCS = next(s for s in cg.SCENARIOS if s.key == "south_china_sea")
SENKAKU = next(s for s in cg.SCENARIOS if s.key == "senkaku")


def clause(cid, org, automaticity, scope, reciprocity="mutual", guarantor="", obligation="defence"):
    return {"clause_id": cid, "org_id": org, "obligation": obligation, "automaticity": automaticity,
            "reciprocity": reciprocity, "guarantor": guarantor, "scope": scope}


CLAUSES = pd.DataFrame([
    clause("mdt", "us_phl", "constitutional_processes", "pacific_area_incl_forces"),
    clause("old", "manila", "constitutional_processes", "treaty_area"),
    clause("jp", "us_jpn", "constitutional_processes", "territory_under_administration"),
    clause("talk", "jpn_aus", "consultation_only", "unspecified", obligation="consultation"),
    clause("atl", "nato", "deems_necessary", "north_atlantic_north_of_tropic"),
    clause("oneway", "guarantee", "immediate", "unspecified", "one_way", "AUS"),
])
MEMBERS = pd.DataFrame(
    [("us_phl", "USA"), ("us_phl", "PHL"), ("manila", "AUS"), ("manila", "PHL"), ("us_jpn", "USA"), ("us_jpn", "JPN"),
     ("jpn_aus", "JPN"), ("jpn_aus", "AUS"), ("nato", "USA"), ("nato", "GBR"), ("guarantee", "AUS"), ("guarantee", "PHL")],
    columns=["org_id", "iso3"],
)


def levels(scenario, **kwargs):
    table = cg.obligations(scenario, ["USA", "PHL", "AUS", "GBR", "JPN"], CLAUSES, MEMBERS, **kwargs)
    return table.set_index("iso3")["level"].to_dict()


def test_levels_follow_membership_scope_and_direction():
    scs = levels(SCS)
    assert scs["PHL"] == "attacked"
    assert scs["USA"] == "constitutional_processes"
    assert scs["AUS"] == "immediate"            # the one-way guarantee binds its guarantor
    assert scs["GBR"] == "nothing"              # NATO is a US-UK tie, and its scope stops at the Tropic
    senkaku = levels(SENKAKU)
    assert senkaku["USA"] == "constitutional_processes" and senkaku["AUS"] == "consultation_only"
    assert senkaku["PHL"] == "nothing"          # the guarantee runs to the Philippines, not to Japan


def test_the_guarantee_does_not_bind_the_protected_state():
    reverse = cg.Scenario("x", "Attack on Australia", "AUS", "Australia", frozenset({"unspecified"}), "an attack on Australia")
    assert levels(reverse)["PHL"] == "nothing"


def test_excluding_a_treaty_removes_only_its_obligations():
    assert levels(SCS, exclude=("guarantee",))["AUS"] == "constitutional_processes"   # the Manila Pact remains
    assert levels(SCS, exclude=("guarantee", "manila"))["AUS"] == "nothing"


def test_clarified_arrangements_are_named_between_equals():
    table = cg.obligations(SCS, ["USA"], pd.concat([CLAUSES, pd.DataFrame([clause("alt", "manila", "constitutional_processes", "treaty_area")])]),
                           pd.concat([MEMBERS, pd.DataFrame([("manila", "USA")], columns=["org_id", "iso3"])]), prefer=frozenset({"us_phl"}))
    assert table.loc[0, "org_id"] == "us_phl"


def test_matrix_marks_clarifications_and_limits_and_summarises():
    clarifications = pd.DataFrame({"org_id": ["us_phl"], "covers": ["south_china_sea"]})
    limits = pd.DataFrame({"limit_id": ["JPN-01", "AUS-01"], "iso3": ["JPN", "AUS"], "binds": ["collective_defence_abroad", "nuclear_weapons"],
                           "effect": ["conditions", "forbids"]})
    table = cg.matrix(["USA", "PHL", "AUS", "JPN"], CLAUSES, clarifications, limits, MEMBERS, scenarios=(SCS,))
    row = table.set_index("iso3")
    assert bool(row.loc["USA", "clarified"]) and not bool(row.loc["AUS", "clarified"])
    assert row.loc["JPN", "limit"] == "conditions" and row.loc["AUS", "limit"] == ""   # nuclear limits do not bear on fighting
    summary = cg.bound_and_unbound(table, ["USA", "JPN"])
    assert summary["south_china_sea"] == {"bound": ["AUS", "USA"], "consult": [], "needed_unbound": ["JPN"]}
    names = {"USA": "United States", "JPN": "Japan", "AUS": "Australia", "PHL": "Philippines"}
    sentence = commitments_report.scenario_sentence("south_china_sea", summary, summary, names)
    assert sentence.startswith("In a clash in the South China Sea, Australia and the United States are bound by treaty to act")
    assert "Japan has no obligation" in sentence


def test_takeaway_counts_the_crises_and_names_the_empty_one():
    summary = {s.key: {"bound": ["USA"] if s.key != "taiwan" else [], "consult": [], "needed_unbound": []} for s in cg.SCENARIOS}
    text = commitments_report.takeaway_sentence(summary, {"USA": "United States"})
    assert "in three of the four crises" in text and "bind no other candidate" in text
    assert text.endswith("in a crisis in the Taiwan Strait, no candidate is bound at all.")


def test_heat_map_shows_every_cell_with_its_level():
    table = cg.matrix(["USA", "PHL", "AUS"], CLAUSES, pd.DataFrame({"org_id": [], "covers": []}),
                      pd.DataFrame({"limit_id": [], "iso3": [], "binds": [], "effect": []}), MEMBERS)
    fig = commitments_report.plot_matrix(table, {"USA": "United States", "PHL": "Philippines", "AUS": "Australia"}, ["USA", "PHL", "AUS"], {"us_phl": "US-PHL MDT"})
    ax = fig.axes[0]
    shown = ax.images[0].get_array()
    assert shown.shape == (3, len(cg.SCENARIOS))
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 3 * len(cg.SCENARIOS)
    assert "act (constitutional processes)\nUS-PHL MDT" in texts and texts.count("attacked") == 1
