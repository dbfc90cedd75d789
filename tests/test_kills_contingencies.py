"""The contingency matrix's tables whole, on the hand-made treaties of test_contingencies."""

from __future__ import annotations

import pandas as pd

from asian_nato.analysis import contingencies as cg

import test_contingencies as base
from test_contingencies import clause

# test_contingencies' treaties, plus a US–Korea treaty that obliges nothing.
CLAUSES = pd.concat([base.CLAUSES, pd.DataFrame([clause("dead", "us_kor", "none", "unspecified")])], ignore_index=True)
MEMBERS = pd.concat([base.MEMBERS, pd.DataFrame([("us_kor", "USA"), ("us_kor", "KOR")], columns=["org_id", "iso3"])],
                    ignore_index=True)
SCS = next(s for s in cg.SCENARIOS if s.key == "south_china_sea")
SENKAKU = next(s for s in cg.SCENARIOS if s.key == "senkaku")
KOREA = next(s for s in cg.SCENARIOS if s.key == "korea")


def test_obligations_rows_whole() -> None:
    table = cg.obligations(SCS, ["USA", "PHL", "AUS", "KOR"], CLAUSES, MEMBERS)
    assert table.columns.tolist() == ["iso3", "level", "clause_id", "org_id"]
    assert table.values.tolist() == [
        ["USA", "constitutional_processes", "mdt", "us_phl"],
        ["PHL", "attacked", "", ""],
        ["AUS", "immediate", "oneway", "guarantee"],
        ["KOR", "nothing", "", ""],
    ]


def test_a_clause_that_obliges_nothing_binds_no_one() -> None:
    table = cg.obligations(KOREA, ["USA", "KOR"], CLAUSES, MEMBERS)
    assert table.values.tolist() == [["USA", "nothing", "", ""], ["KOR", "attacked", "", ""]]


def test_between_equal_clauses_the_first_by_id_is_named() -> None:
    clauses = pd.concat([CLAUSES, pd.DataFrame([clause("aaa", "manila", "constitutional_processes", "treaty_area"),
                                                clause("zzz", "manila", "constitutional_processes", "treaty_area")])])
    members = pd.concat([MEMBERS, pd.DataFrame([("manila", "USA")], columns=["org_id", "iso3"])])
    table = cg.obligations(SCS, ["USA"], clauses, members)
    assert table.loc[0, "clause_id"] == "aaa"


def test_limits_by_country_keeps_the_strongest_relevant_limit() -> None:
    limits = pd.DataFrame({
        "limit_id": ["JPN-02", "JPN-01", "PHL-01", "PHL-02", "AUS-01", "KOR-01"],
        "iso3": ["JPN", "JPN", "PHL", "PHL", "AUS", "KOR"],
        "binds": ["collective_defence_abroad", "alliance_membership", "collective_defence_abroad", "alliance_membership",
                  "nuclear_weapons", "alliance_membership"],
        "effect": ["conditions", "conditions", "conditions", "forbids", "forbids", "permits"],
    })
    out = cg.limits_by_country(limits)
    assert out.name == "limit"
    assert out.to_dict() == {"JPN": "conditions", "PHL": "forbids"}
    assert out.index.tolist() == ["JPN", "PHL"]


def test_matrix_rows_are_renumbered_and_clarified_only_for_the_named_place() -> None:
    clarifications = pd.DataFrame({"org_id": ["us_phl", "us_jpn"], "covers": ["south_china_sea", "senkaku_islands"]})
    limits = pd.DataFrame({"limit_id": ["JPN-01"], "iso3": ["JPN"], "binds": ["collective_defence_abroad"], "effect": ["conditions"]})
    table = cg.matrix(["USA", "JPN"], CLAUSES, clarifications, limits, MEMBERS, scenarios=(SCS, SENKAKU, KOREA))
    assert table.index.tolist() == list(range(6))
    assert table[["scenario", "iso3", "level", "clarified", "limit"]].values.tolist() == [
        ["south_china_sea", "USA", "constitutional_processes", True, ""],
        ["south_china_sea", "JPN", "nothing", False, "conditions"],
        ["senkaku", "USA", "constitutional_processes", True, ""],
        ["senkaku", "JPN", "attacked", False, "conditions"],
        ["korea", "USA", "nothing", False, ""],  # no clarification is asked for here, so none is read
        ["korea", "JPN", "nothing", False, "conditions"],
    ]


def test_bound_and_unbound_keeps_the_scenarios_in_order_and_lists_consultations() -> None:
    table = pd.DataFrame({
        "scenario": ["z_first", "z_first", "a_second", "a_second"], "iso3": ["AUS", "JPN", "AUS", "USA"],
        "level": ["consultation_only", "immediate", "nothing", "deems_necessary"],
    })
    out = cg.bound_and_unbound(table, ["AUS", "JPN"])
    assert list(out) == ["z_first", "a_second"]
    assert out["z_first"] == {"bound": ["JPN"], "consult": ["AUS"], "needed_unbound": []}
    assert out["a_second"] == {"bound": ["USA"], "consult": [], "needed_unbound": ["AUS"]}


def test_matrix_passes_exclusions_and_clarified_preferences_to_each_scenario() -> None:
    clauses = pd.concat([CLAUSES, pd.DataFrame([clause("aaa", "manila", "constitutional_processes", "treaty_area")])])
    members = pd.concat([MEMBERS, pd.DataFrame([("manila", "USA")], columns=["org_id", "iso3"])])
    clarifications = pd.DataFrame({"org_id": ["us_phl"], "covers": ["south_china_sea"]})
    no_limits = pd.DataFrame(columns=["limit_id", "iso3", "binds", "effect"])
    table = cg.matrix(["USA", "AUS"], clauses, clarifications, no_limits, members, scenarios=(SCS,))
    # Between equally strong clauses the clarified arrangement is named (not "aaa", first by id).
    assert table[["iso3", "level", "clause_id", "clarified"]].values.tolist() == [
        ["USA", "constitutional_processes", "mdt", True], ["AUS", "immediate", "oneway", False]]
    without = cg.matrix(["USA", "AUS"], clauses, clarifications, no_limits, members, scenarios=(SCS,), exclude=("guarantee", "us_phl"))
    assert without[["iso3", "level", "clause_id"]].values.tolist() == [
        ["USA", "constitutional_processes", "aaa"], ["AUS", "constitutional_processes", "aaa"]]
