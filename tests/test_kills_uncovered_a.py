"""Fast hand-computed tests for hedging_table, members_on, actor_names and binary_rank."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from asian_nato.analysis import asean, coalitions, contingencies, positions

from test_asean import snapshot
from test_coalitions import toy_memberships, toy_organizations
from test_positions import statements

T = pd.Timestamp


# ---------------------------------------------------------------- asean.hedging_table

def hedging_inputs():
    active = snapshot()  # ASEAN members IDN, PHL, VNM; PHL in the US camp (us_phl_mdt), VNM in SCO (dialogue partner)
    stances = statements([
        ("P001", "2024-10-01", "PHL", "support"),
        ("P002", "2025-01-01", "PHL", "oppose"),  # latest: oppose -> class "no"
        ("P003", "2023-03-03", "VNM", "open"),  # one statement: open -> class "yes"
        ("P004", "2024-01-01", "USA", "support"),  # not an ASEAN member: dropped
    ])  # IDN: no statement
    rows = [
        ("PHL", 2023, "unga_agree_usa", 0.75), ("PHL", 2023, "unga_agree_chn", 0.25),
        ("VNM", 2023, "unga_agree_usa", 0.25), ("VNM", 2023, "unga_agree_chn", 0.75),
        ("IDN", 2023, "unga_agree_usa", 0.5), ("IDN", 2023, "unga_agree_chn", 0.5),
        ("USA", 2023, "unga_agree_usa", 1.0), ("USA", 2023, "unga_agree_chn", 0.0),
        ("PHL", 2023, "unga_idealpoint", 1.5),
        ("PHL", 2020, "unga_agree_usa", 0.5), ("PHL", 2020, "unga_agree_chn", 0.5),
        ("VNM", 2020, "unga_agree_usa", 0.5), ("VNM", 2020, "unga_agree_chn", 0.625),
        ("PHL", 2021, "unga_agree_usa", 1.0), ("PHL", 2021, "unga_agree_chn", 0.0),  # neither year asked
        # IDN: nothing in 2020
    ]
    indicators = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    countries = pd.DataFrame({
        "iso3": ["USA", "VNM", "PHL", "IDN"],
        "name": ["United States", "Viet Nam", "Philippines", "Indonesia"],
        "region": ["Americas", "Asia", "Asia", "Asia"],
    })
    return active, stances, indicators, countries


def test_hedging_table_rows_and_columns():
    active, stances, indicators, countries = hedging_inputs()
    table = asean.hedging_table(active, stances, indicators, countries, vote_year=2023, since=2020)
    assert table.columns.tolist() == [
        "iso3", "us", "china_russia", "name", "n_statements", "latest_stance", "class",
        "unga_agree_usa", "unga_agree_chn", "lean", "lean_since", "lean_change",
    ]
    assert table["iso3"].tolist() == ["IDN", "PHL", "VNM"]
    assert table["us"].tolist() == [0, 1, 0]
    assert table["china_russia"].tolist() == [0, 0, 1]
    assert table["name"].tolist() == ["Indonesia", "Philippines", "Viet Nam"]
    assert table["n_statements"].tolist() == [0, 2, 1]
    assert table["n_statements"].dtype == np.int64
    assert table["latest_stance"].tolist() == [positions.NO_STATEMENT, "oppose", "open"]
    assert table["latest_stance"].iloc[0] == "no statement"
    cls = table["class"].tolist()
    assert isinstance(cls[0], float) and math.isnan(cls[0])
    assert cls[1:] == ["no", "yes"]
    assert table["unga_agree_usa"].tolist() == [0.5, 0.75, 0.25]
    assert table["unga_agree_chn"].tolist() == [0.5, 0.25, 0.75]
    assert table["lean"].tolist() == [0.0, 0.5, -0.5]
    since = table["lean_since"].tolist()
    assert math.isnan(since[0]) and since[1:] == [0.0, -0.125]
    change = table["lean_change"].tolist()
    assert math.isnan(change[0]) and change[1:] == [0.5, -0.375]


def test_hedging_table_swapping_years_reverses_the_drift():
    active, stances, indicators, countries = hedging_inputs()
    table = asean.hedging_table(active, stances, indicators, countries, vote_year=2020, since=2023).set_index("iso3")
    assert table.loc["PHL", "lean"] == 0.0
    assert table.loc["PHL", "lean_since"] == 0.5
    assert table.loc["PHL", "lean_change"] == -0.5
    assert table.loc["VNM", "lean_change"] == 0.375
    assert math.isnan(table.loc["IDN", "lean"]) and math.isnan(table.loc["IDN", "lean_change"])
    assert table.loc["IDN", "lean_since"] == 0.0


def test_hedging_table_missing_country_name_keeps_the_member():
    active, stances, indicators, countries = hedging_inputs()
    countries = countries[countries["iso3"] != "VNM"]
    table = asean.hedging_table(active, stances, indicators, countries, vote_year=2023, since=2020)
    assert table["iso3"].tolist() == ["IDN", "PHL", "VNM"]
    names = table["name"].tolist()
    assert names[:2] == ["Indonesia", "Philippines"] and names[2] != names[2]  # NaN


def test_hedging_table_duplicate_country_rows_raise():
    active, stances, indicators, countries = hedging_inputs()
    doubled = pd.concat([countries, countries[countries["iso3"] == "PHL"]], ignore_index=True)
    with pytest.raises(pd.errors.MergeError):
        asean.hedging_table(active, stances, indicators, doubled, vote_year=2023, since=2020)


def test_hedging_table_without_asean_members_is_empty():
    active, stances, indicators, countries = hedging_inputs()
    active = active[active["org_id"] != "asean"]
    table = asean.hedging_table(active, stances, indicators, countries, vote_year=2023, since=2020)
    assert len(table) == 0
    assert "lean_change" in table.columns


# ---------------------------------------------------------------- contingencies.members_on

def pairs(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(frame["org_id"], frame["iso3"]))


def test_members_on_today_keeps_full_members_of_arrangements_in_force():
    result = contingencies.members_on(toy_memberships(), toy_organizations(), T("2026-01-01"))
    assert result.columns.tolist() == ["org_id", "iso3"]
    # us_phl: PHL left in 2020 and is now only a partner; old_pact dissolved; future_pact not in force
    assert pairs(result) == [
        ("us_jpn", "USA"), ("us_jpn", "JPN"), ("us_phl", "USA"),
        ("dialogue", "JPN"), ("dialogue", "PHL"), ("paper_pact", "JPN"), ("paper_pact", "PHL"),
    ]
    assert result.index.tolist() == [0, 1, 2, 7, 8, 9, 10]


@pytest.mark.parametrize(("on", "expected"), [
    # PHL's membership of us_phl ends on 2020-01-01 (exclusive)
    ("2019-12-31", {("us_phl", "PHL")}),
    ("2020-01-01", set()),
])
def test_members_on_leaving_date_is_exclusive(on, expected):
    result = contingencies.members_on(toy_memberships(), toy_organizations(), T(on))
    assert {p for p in pairs(result) if p == ("us_phl", "PHL")} == expected


@pytest.mark.parametrize(("on", "has_dialogue"), [("2006-12-31", False), ("2007-01-01", True)])
def test_members_on_founding_and_joining_date_is_inclusive(on, has_dialogue):
    result = contingencies.members_on(toy_memberships(), toy_organizations(), T(on))
    assert (("dialogue", "JPN") in pairs(result)) is has_dialogue


@pytest.mark.parametrize(("on", "expected"), [
    ("1999-12-31", [("us_jpn", "USA"), ("us_jpn", "JPN"), ("us_phl", "USA"), ("us_phl", "PHL"),
                    ("old_pact", "JPN"), ("old_pact", "PHL"), ("paper_pact", "JPN"), ("paper_pact", "PHL")]),
    ("2000-01-01", [("us_jpn", "USA"), ("us_jpn", "JPN"), ("us_phl", "USA"), ("us_phl", "PHL"),
                    ("paper_pact", "JPN"), ("paper_pact", "PHL")]),
])
def test_members_on_dissolution_is_exclusive(on, expected):
    assert pairs(contingencies.members_on(toy_memberships(), toy_organizations(), T(on))) == expected


def test_members_on_uses_entry_into_force_for_treaties():
    # us_jpn signed 1960-01-19, in force 1960-06-23; members joined 1960-01-19
    before = pairs(contingencies.members_on(toy_memberships(), toy_organizations(), T("1960-06-22")))
    on = pairs(contingencies.members_on(toy_memberships(), toy_organizations(), T("1960-06-23")))
    assert ("us_jpn", "USA") not in before
    assert [p for p in on if p[0] == "us_jpn"] == [("us_jpn", "USA"), ("us_jpn", "JPN")]


def test_members_on_drops_duplicates_and_non_members():
    orgs = pd.DataFrame({
        "org_id": ["a", "b"], "kind": ["regional_organization", "regional_organization"],
        "founded_date": [T("2000-01-01"), T("2000-01-01")], "in_force_date": [pd.NaT, pd.NaT],
        "dissolved_date": [pd.NaT, pd.NaT],
    })
    mem = pd.DataFrame([
        ("a", "AAA", "member", T("2001-01-01"), pd.NaT),
        ("a", "AAA", "member", T("2005-01-01"), pd.NaT),  # a second spell: one row in the result
        ("a", "BBB", "observer", T("2001-01-01"), pd.NaT),
        ("a", "CCC", "Member", T("2001-01-01"), pd.NaT),  # status is matched exactly
        ("b", "BBB", "member", T("2001-01-01"), T("2010-01-01")),
        ("zzz", "DDD", "member", T("2001-01-01"), pd.NaT),  # unknown arrangement
    ], columns=["org_id", "iso3", "status", "joined_date", "left_date"])
    result = contingencies.members_on(mem, orgs, T("2006-01-01"))
    assert pairs(result) == [("a", "AAA"), ("b", "BBB")]
    assert result.index.tolist() == [0, 4]
    assert pairs(contingencies.members_on(mem, orgs, T("2010-01-01"))) == [("a", "AAA")]
    assert pairs(contingencies.members_on(mem, orgs, T("2000-12-31"))) == []


def test_members_on_empty_memberships():
    empty = toy_memberships().iloc[0:0]
    result = contingencies.members_on(empty, toy_organizations(), T("2026-01-01"))
    assert result.columns.tolist() == ["org_id", "iso3"]
    assert len(result) == 0


# ---------------------------------------------------------------- positions.actor_names

def test_actor_names_maps_countries_and_organisations():
    countries = pd.DataFrame({"iso3": ["JPN", "USA"], "name": ["Japan", "United States"], "short_name": ["JP", "US"]})
    orgs = pd.DataFrame({"org_id": ["asean", "quad"], "name": ["Association of Southeast Asian Nations", "Quadrilateral"],
                         "short_name": ["ASEAN", "Quad"]})
    names = positions.actor_names(countries, orgs)
    assert names == {"JPN": "Japan", "USA": "United States", "asean": "ASEAN", "quad": "Quad"}
    assert list(names) == ["JPN", "USA", "asean", "quad"]


def test_actor_names_organisation_wins_a_shared_code():
    countries = pd.DataFrame({"iso3": ["EUU"], "name": ["European Union (country row)"]})
    orgs = pd.DataFrame({"org_id": ["EUU"], "short_name": ["EU"]})
    assert positions.actor_names(countries, orgs) == {"EUU": "EU"}


def test_actor_names_empty_inputs():
    countries = pd.DataFrame({"iso3": [], "name": []})
    orgs = pd.DataFrame({"org_id": [], "short_name": []})
    assert positions.actor_names(countries, orgs) == {}
    only_orgs = positions.actor_names(countries, pd.DataFrame({"org_id": ["nato"], "short_name": ["NATO"]}))
    assert only_orgs == {"nato": "NATO"}


# ---------------------------------------------------------------- coalitions.binary_rank

CODES = ("USA", "JPN", "PHL")
SCENARIOS = {"Pair": ("USA", "JPN"), "Trio": ("PHL", "USA", "JPN"), "Wide": ("USA", "PHL"), "Other": ("JPN", "PHL"), "Solo": ("USA",)}


def fake_analysis(willingness=(0.5, 0.5, 0.5, 0.5)) -> SimpleNamespace:
    # Coalitions in subset_matrix(3) order: USA+JPN, USA+PHL, JPN+PHL, all three.
    matrix = coalitions.subset_matrix(3)
    scores = pd.DataFrame({"coalition": coalitions.coalition_labels(matrix, CODES), "size": matrix.sum(axis=1)})
    scores = pd.concat([scores, pd.DataFrame(matrix, columns=list(CODES))], axis=1).assign(
        capability_vs_china=[1.0, 2.0, 3.0, 4.0],
        willingness_01=list(willingness),
        cohesion=0.5,
        # stale overlap and ranks that binary_rank must replace
        linked_pairs=0, pairs=1, overlap=[0.0, 1.0, 1.0, 0.0],
        feasibility=0.0, feasibility_rank=[99.0, 98.0, 97.0, 96.0],
    )
    return SimpleNamespace(inputs=SimpleNamespace(codes=CODES), scores=scores, scenarios=SCENARIOS)


@pytest.mark.parametrize(("scenario", "rank"), [("Pair", 1), ("Trio", 2), ("Wide", 3), ("Other", 3)])
def test_binary_rank_today(scenario, rank):
    # On 2026-01-01 only us_jpn links a pair (USA–JPN): overlap Pair 1, Trio 1/3, Wide 0, Other 0 (tie, min rank).
    got = coalitions.binary_rank(fake_analysis(), toy_organizations(), toy_memberships(), T("2026-01-01"), scenario)
    assert got == rank
    assert type(got) is int


@pytest.mark.parametrize(("scenario", "rank"), [("Wide", 1), ("Other", 1), ("Trio", 3), ("Pair", 4)])
def test_binary_rank_depends_on_the_date(scenario, rank):
    # On 1955-07-01: us_phl (USA–PHL) and old_pact (JPN–PHL) are in force, us_jpn is not yet.
    got = coalitions.binary_rank(fake_analysis(), toy_organizations(), toy_memberships(), T("1955-07-01"), scenario)
    assert got == rank


def test_binary_rank_counts_every_treaty_alike_and_keeps_other_components():
    # Standardised: willingness z = (0, -sqrt2, +sqrt2, 0) x 0.4 and overlap (1, 0, 0, 1/3) z = (1.633, -0.816, -0.816, 0) x 0.3
    # -> Pair 0.490, Wide -0.811, Other 0.321, Trio 0.0 (cohesion constant: contributes 0).
    analysis = fake_analysis(willingness=(0.5, 0.4, 0.6, 0.5))
    ranks = {name: coalitions.binary_rank(analysis, toy_organizations(), toy_memberships(), T("2026-01-01"), name)
             for name in ("Pair", "Trio", "Wide", "Other")}
    assert ranks == {"Pair": 1, "Other": 2, "Trio": 3, "Wide": 4}


def test_binary_rank_unscorable_or_unknown_scenario():
    analysis = fake_analysis()
    with pytest.raises(ValueError):  # a single-member scenario has no rank (NaN)
        coalitions.binary_rank(analysis, toy_organizations(), toy_memberships(), T("2026-01-01"), "Solo")
    with pytest.raises(KeyError):
        coalitions.binary_rank(analysis, toy_organizations(), toy_memberships(), T("2026-01-01"), "Nope")
