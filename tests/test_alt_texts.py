"""Computed alt texts: the phrasing helpers on hand-made panels, and the Sphinx step that fills ``glue:KEY``."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from docutils import nodes
from docutils.utils import new_document

from asian_nato.book.alt_text import PLACEHOLDER, fill_alt_texts, glued_texts
from asian_nato.report import alt_texts

NAMES = {"JPN": "Japan", "KOR": "South Korea", "GBR": "United Kingdom", "PHL": "Philippines", "AUS": "Australia"}


@pytest.mark.parametrize("value, expected", [
    (53_712, "54,000"), (23_468, "23,000"), (480.4, "480"), (7.46, "7.5"), (0.123, "0.12"), (0, "0"), (-1_234, "-1,200"),
])
def test_rounded_keeps_two_significant_figures(value, expected):
    assert alt_texts.rounded(value) == expected


def test_ranked_lists_the_largest_first_with_articles():
    values = pd.Series({"PHL": 200.0, "JPN": 53_712.0, "GBR": 9_870.0, "KOR": np.nan, "AUS": 1_500.0})
    assert alt_texts.ranked(values, NAMES, alt_texts.rounded) == (
        "Japan (54,000), the United Kingdom (9,900) and Australia (1,500)")
    assert alt_texts.ranked(values, NAMES, alt_texts.rounded, top=1) == "Japan (54,000)"


def test_lines_chart_alt_reads_span_and_latest_ranking_from_the_panel():
    panel = pd.DataFrame(
        {"JPN": [50_000, 54_000, np.nan], "KOR": [28_000, 23_000, np.nan], "GBR": [11_000, 10_000, np.nan],
         "PHL": [100, np.nan, np.nan], "AUS": [np.nan, np.nan, np.nan]},
        index=[2000, 2001, 2002],
    )
    text = alt_texts.lines_chart_alt(panel, NAMES, "Line chart", series=("host", "hosts"), top=2)
    # AUS has no value and 2002 is empty: neither is drawn, so neither is described
    assert text == ("Line chart, one line for each of four hosts, 2000 to 2001. "
                    "In 2001 the highest are Japan (54,000) and South Korea (23,000); the other one is lower.")


def test_lines_chart_alt_with_one_line():
    panel = pd.DataFrame({"JPN": [1.0, 2.0]}, index=[2019, 2020])
    assert alt_texts.lines_chart_alt(panel, NAMES, "Line chart") == (
        "Line chart, one line for each of one country, 2019 to 2020. In 2020 the highest is Japan (2.0).")


def _glue_file(folder, docname, values):
    path = folder.joinpath(*docname.split("/")).with_name(docname.split("/")[-1] + ".glue.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({k: {"data": {"text/plain": repr(v)}, "metadata": {}} for k, v in values.items()}))


def test_glued_texts_reads_the_plain_text_of_each_key(tmp_path):
    _glue_file(tmp_path, "book/05_capabilities", {"fig-a-alt": "Line chart; Japan's line is highest.", "n": 3})
    assert glued_texts(tmp_path, "book/05_capabilities") == {"fig-a-alt": "Line chart; Japan's line is highest.", "n": "3"}
    assert glued_texts(tmp_path, "book/other") == {}


def test_fill_alt_texts_replaces_placeholders_and_reports_missing_keys():
    document = new_document("test")
    typed = nodes.image(uri="a.svg", alt="A typed description.")
    computed = nodes.image(uri="b.svg", alt=f"{PLACEHOLDER}fig-b-alt")
    missing = nodes.image(uri="c.svg", alt=f"{PLACEHOLDER} fig-c-alt")
    empty = nodes.image(uri="d.svg", alt=f"{PLACEHOLDER}fig-d-alt")
    document += [typed, computed, missing, empty]
    unfilled = fill_alt_texts(document, {"fig-b-alt": "Computed from the data.", "fig-d-alt": "  "})
    assert typed["alt"] == "A typed description."
    assert computed["alt"] == "Computed from the data."
    assert unfilled == [missing, empty]


def test_ranked_names_every_value_tied_with_the_last_one_shown():
    gains = pd.Series({"JPN": 5, "AUS": 4, "PHL": 4, "KOR": 4, "GBR": 1})
    assert alt_texts.ranked(gains, NAMES, str, top=2) == "Japan (5), Australia (4), the Philippines (4) and South Korea (4)"
    assert alt_texts.ranked(gains, NAMES, str, top=1) == "Japan (5)"
    panel = pd.DataFrame({"JPN": [3.0], "KOR": [2.0], "GBR": [2.0], "PHL": [1.0]}, index=[2020])
    assert alt_texts.lines_chart_alt(panel, NAMES, "Line chart", top=2).endswith(
        "the highest are Japan (3.0), South Korea (2.0) and the United Kingdom (2.0); the other one is lower.")
