"""No stale output: a data edit re-executes the chapters that read it, and only those.

One copy of the repository, with the main build's caches, is rebuilt after
each kind of change, in order. The first rebuild re-reads every page (the
source directory moved) but must execute nothing, because the caches match.
A new statement's rebuild is checked on the "yes" copy of test_conclusions.py.
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
