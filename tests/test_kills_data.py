"""Every loader on the valid fixture: the file it reads and the types it gives each parsed column."""

from __future__ import annotations

import csv
import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from asian_nato import data
from asian_nato.data import paths

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "valid"


@pytest.fixture(scope="module")
def fixture_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(FIXTURE, root / "data")
    (root / "book").mkdir()
    shutil.move(root / "data" / "references.bib", root / "book" / "references.bib")
    return root


@pytest.fixture
def repo(fixture_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASIAN_NATO_ROOT", str(fixture_repo))
    assert paths.data_dir() == (fixture_repo / "data").resolve()
    return fixture_repo


def is_int(series: pd.Series) -> bool:
    return pd.api.types.is_integer_dtype(series)


def test_atop_provisions_are_integer_codes(repo: Path) -> None:
    frame = data.load_atop_provisions()
    codes = ["defense", "offense", "neutral", "nonagg", "consul", "conditio", "asymm", "intcom"]
    assert frame["org_id"].tolist() == ["us_jpn_treaty", "seato"]
    assert all(is_int(frame[c]) for c in [*codes, "atopid"])
    assert frame["atopid"].tolist() == [3375, 3260]
    assert frame.loc[0, codes].tolist() == [1, 0, 0, 1, 1, 1, 1, 0]
    assert frame.loc[1, codes].tolist() == [1, 0, 0, 1, 1, 1, 0, 0]
    assert frame["phase_begins"].tolist() == ["1960", "1954"]  # not a code: stays text


def test_dated_loaders_parse_their_date_column(repo: Path) -> None:
    clarifications = data.load_clarifications()
    assert clarifications["clarification_id"].tolist() == ["C01"]
    assert clarifications["date_parsed"].tolist() == [pd.Timestamp("2014-04-24")]
    history = data.load_history()
    assert history["fact_id"].tolist() == ["SEATO-01", "NUC-01"]
    assert history["date_parsed"].tolist() == [pd.Timestamp("1972-11-08"), pd.Timestamp("2023-04-26")]
    governments = data.load_governments()
    assert governments.loc[0, ["gov_id", "start_date", "end_date"]].tolist() == [
        "usa_obama", pd.Timestamp("2009-01-20"), pd.Timestamp("2017-01-20")]
    assert pd.isna(governments.set_index("gov_id").loc["jpn_b", "end_date"])  # still in office


def test_legal_limits_are_read_as_text(repo: Path) -> None:
    frame = data.load_legal_limits()
    assert frame["limit_id"].tolist() == ["JPN-01", "PHL-01"]
    assert frame["in_effect_since"].tolist() == ["1947-05-03", "1987"]
    assert frame["note"].tolist() == ["", ""]


def test_milex_estimates_are_numbers_with_gaps(repo: Path) -> None:
    frame = data.load_milex_estimates().set_index("estimate_id")
    assert is_int(frame["year"]) and frame["year"].tolist() == [2019, 2012]
    assert math.isnan(frame.loc["E01", "value_usd_m"]) and frame.loc["E02", "value_usd_m"] == 4170
    assert frame.loc["E01", "low_usd_m"] == 4310 and math.isnan(frame.loc["E02", "low_usd_m"])
    assert frame.loc["E01", "high_usd_m"] == 11000 and math.isnan(frame.loc["E02", "high_usd_m"])
    assert all(pd.api.types.is_numeric_dtype(frame[c]) for c in ("value_usd_m", "low_usd_m", "high_usd_m"))
    assert frame.loc["E01", "basis"] == "Range from two conversion methods"


def test_search_protocol_counts_are_integers(repo: Path) -> None:
    frame = data.load_search_protocol()
    assert frame["search_id"].tolist()[:2] == ["S001", "S002"]
    assert is_int(frame["hits"]) and is_int(frame["added"])
    assert frame["hits"].tolist()[:2] == [8, 3] and frame["added"].tolist()[:2] == [1, 0]
    assert frame["position_ids"].tolist()[:2] == ["P002", ""]


def test_opinion_and_indicators_have_numeric_years_and_values(repo: Path) -> None:
    opinion = data.load_opinion()
    assert is_int(opinion["year"]) and opinion["year"].tolist()[:2] == [2024, 2024]
    assert pd.api.types.is_float_dtype(opinion["percent"]) and opinion["percent"].tolist()[:2] == [49.5, 83.3]
    indicators = data.load_indicators()
    assert is_int(indicators["year"]) and pd.api.types.is_float_dtype(indicators["value"])
    assert indicators.loc[0, ["iso3", "year", "value"]].tolist() == ["AUS", 2023, 1.9]


def test_clauses_flag_integrated_command_as_booleans(repo: Path) -> None:
    frame = data.load_clauses().set_index("clause_id")
    assert pd.api.types.is_bool_dtype(frame["integrated_command"])
    raw = pd.read_csv(repo / "data" / "clauses.csv", dtype=str, keep_default_na=False)
    assert frame["integrated_command"].tolist() == (raw["integrated_command"] == "true").tolist()


def test_positions_are_sorted_by_date_then_id_with_typed_columns(repo: Path) -> None:
    frame = data.load_positions()
    assert frame.index.tolist() == list(range(len(frame)))
    assert frame["date_parsed"].is_monotonic_increasing
    raw = pd.read_csv(repo / "data" / "positions.csv", dtype=str, keep_default_na=False)
    assert sorted(frame["position_id"]) == sorted(raw["position_id"])
    assert pd.api.types.is_bool_dtype(frame["on_topic"])
    assert frame["on_topic"].tolist() == [raw.set_index("position_id").loc[p, "on_topic"] == "true" for p in frame["position_id"]]


def test_organization_and_membership_dates(repo: Path) -> None:
    orgs = data.load_organizations().set_index("org_id")
    raw = pd.read_csv(repo / "data" / "organizations.csv", dtype=str, keep_default_na=False).set_index("org_id")
    for column in ("founded", "in_force", "dissolved"):
        parsed = orgs[f"{column}_date"]
        assert all((pd.isna(d) and not r) or (d == pd.Timestamp(r if len(r) > 4 else f"{r}-01-01")) for d, r in zip(parsed, raw[column]))
    memberships = data.load_memberships()
    assert memberships["joined_date"].notna().all()
    assert (memberships["left_date"].isna() == (memberships["left"] == "")).all()


# ---------------------------------------------------------------- what the build fingerprints

def test_files_read_by_ignores_names_that_are_not_loaders() -> None:
    assert data.files_read_by({"load_countries", "not_a_loader"}) == {"countries.csv"}
    assert data.files_read_by(set()) == set()


def test_fingerprints_are_sixteen_hex_digits_and_a_missing_file_is_not_an_error(repo: Path) -> None:
    missing = data.fingerprint({"no_such_file.csv"})
    present = data.fingerprint({"countries.csv"})
    assert len(missing) == len(present) == 16 and int(missing, 16) >= 0
    assert missing != present
    assert data.fingerprint(("countries.csv", "history.csv")) == data.fingerprint(("history.csv", "countries.csv"))
    assert len(data.inputs_fingerprint({"load_countries"})) == 16


@pytest.fixture
def dated_repo(empty_repo: Path) -> Path:
    """organizations, memberships and positions with dates of every precision; and a datapackage.json."""
    d = empty_repo / "data"
    (d / "organizations.csv").write_text("org_id,founded,in_force,dissolved,source_date\na,2020,2021-05,,2023\n", encoding="utf-8")
    (d / "memberships.csv").write_text("org_id,iso3,joined,left,source_date\na,JPN,2022,,2019-12\n", encoding="utf-8")
    (d / "positions.csv").write_text("position_id,date,source_date\nP1,2021-12-31,2023-01-01\n", encoding="utf-8")
    (empty_repo / "datapackage.json").write_text('{"name": "x", "version": "3.1.0"}', encoding="utf-8")
    return empty_repo


def test_as_of_date_compares_dates_not_strings_across_all_three_files(dated_repo: Path) -> None:
    # "2023" (organizations) and "2023-01-01" (positions) are the same day; the first one found is kept.
    assert data.as_of_date() == "2023"
    (dated_repo / "data" / "positions.csv").write_text("position_id,date,source_date\nP1,2024-02,2023-01-01\n", encoding="utf-8")
    assert data.as_of_date() == "2024-02"
    assert data.data_version() == {"version": "3.1.0", "as_of": "2024-02"}


def test_positions_are_renumbered_after_sorting(fixture_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "shuffled"
    shutil.copytree(fixture_repo, root)
    path = root / "data" / "positions.csv"
    with path.open(encoding="utf-8", newline="") as f:
        header, *records = list(csv.reader(f))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *reversed(records)])
    monkeypatch.setenv("ASIAN_NATO_ROOT", str(root))
    frame = data.load_positions()
    assert frame.index.tolist() == list(range(len(frame)))
    assert frame["position_id"].tolist() == ["P001", "P002", "P003", "P004"]
    assert frame["date_parsed"].is_monotonic_increasing


def test_a_boolean_column_with_another_value_is_refused_not_read_as_true() -> None:
    with pytest.raises(ValueError, match=r"'on_topic' holds values other than 'true' and 'false': \['yes'\]"):
        data._booleans(pd.Series(["true", "yes", "false"], name="on_topic"))
    assert data._booleans(pd.Series(["true", "false"], name="x")).tolist() == [True, False]
