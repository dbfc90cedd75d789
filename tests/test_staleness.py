"""No stale output: a data edit re-executes the chapters that read it, and only those.

One copy of the repository, with the main build's caches, is rebuilt after
each kind of change, in order. The first rebuild re-reads every page (the
source directory moved) but must execute nothing, because the caches match.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import build_ok, copy_repo

pytestmark = [pytest.mark.slow, pytest.mark.build, pytest.mark.xdist_group("build")]


def page(copy: Path, name: str) -> str:
    return (copy / "_build" / "html" / "book" / f"{name}.html").read_text(encoding="utf-8")


def figdata(copy: Path) -> str:
    return "\n".join(p.read_text() for p in sorted((copy / "_build" / "figdata").glob("*.csv")))


@pytest.fixture(scope="module")
def copy(tmp_path_factory, site) -> Path:
    dest = copy_repo(tmp_path_factory.mktemp("stale") / "book", with_build=True)
    # Without the main build's stamps, the first build runs Sphinx, which re-reads every page.
    shutil.rmtree(dest / "_build" / ".stamps", ignore_errors=True)
    assert build_ok(dest) == [], "the copied caches should serve every notebook"
    return dest


def test_unchanged_rebuild_executes_nothing(copy: Path) -> None:
    assert build_ok(copy) == []


def test_indicator_edit_reaches_the_glued_numbers_and_figure_data(copy: Path) -> None:
    path = copy / "data" / "indicators.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    china = (frame["iso3"] == "CHN") & (frame["indicator"] == "milex_const_usd_m")
    latest = frame.loc[china, "year"].astype(int).max()
    target = china & (frame["year"] == str(latest))
    assert target.sum() == 1
    before = figdata(copy)
    assert "314159" not in before
    frame.loc[target, "value"] = "314159"
    frame.to_csv(path, index=False, lineterminator="\n")

    ran = build_ok(copy)
    assert "05_capabilities" in ran and "07_coalitions" in ran
    assert "appendix_cite" not in ran and "appendix_statements" not in ran, ran
    assert "314159" in figdata(copy)
    assert page(copy, "05_capabilities") != "", "capabilities page missing"


def test_new_statement_changes_the_stance_table(copy: Path) -> None:
    path = copy / "data" / "positions.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = {c: "" for c in frame.columns}
    # New Zealand's newest statement, yet older than the data's as-of date.
    row.update(
        position_id="P999", date="2026-01-20", speaker="Test Speaker", office="Minister for Tests",
        iso3="NZL", stance="support", stance_first="support", stance_second="support", on_topic="true",
        government="nzl_luxon", quote='"We want an alliance now."', quote_type="verbatim",
        summary="A test statement added by the staleness test.", source="https://example.com/test-statement",
        source_quality="official", source_date="2026-01-20",
    )
    before = {name: page(copy, name) for name in ("04_positions", "07_coalitions", "09_answer")}
    pd.concat([frame, pd.DataFrame([row])]).to_csv(path, index=False, lineterminator="\n")

    ran = build_ok(copy)
    assert {"04_positions", "07_coalitions", "09_answer", "appendix_statements"} <= set(ran), ran
    # Chapter 5 asks for the as-of date only, and an older statement leaves it where it was.
    assert "05_capabilities" not in ran, ran
    assert "P999" in page(copy, "appendix_statements")
    changed = [name for name, html in before.items() if page(copy, name) != html]
    assert changed == list(before), f"pages that did not follow the new statement: {set(before) - set(changed)}"


def test_removed_membership_changes_the_matrix(copy: Path) -> None:
    path = copy / "data" / "memberships.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    drop = (frame["org_id"] == "aukus") & (frame["iso3"] == "GBR")
    assert drop.sum() == 1
    before = figdata(copy)
    frame[~drop].to_csv(path, index=False, lineterminator="\n")

    ran = build_ok(copy)
    assert "02_memberships" in ran, ran
    assert "04_positions" not in ran, ran
    assert figdata(copy) != before
