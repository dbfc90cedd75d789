"""Tables for both editions: escaping, links, labels."""

from __future__ import annotations

import pandas as pd
import pytest

from asian_nato.report import display
from asian_nato.report.display import escape_markdown, show_table, source_markdown


def test_markup_is_escaped_in_markdown_cells() -> None:
    table = show_table(pd.DataFrame({"quote": ["<b>x</b> | *y* {glue}`z` $1"]}), "Caption", "tbl-test")
    md = table.to_markdown()
    assert "\\<b\\>" in md and "\\|" in md and "\\*y\\*" in md and "\\{glue\\}\\`z\\`" in md and "\\$1" in md
    assert "<b>x</b>" not in table.to_html()


def test_markdown_table_has_caption_label_and_alignment() -> None:
    frame = pd.DataFrame({"name": ["a", "b"], "value": [1.25, 10.0]})
    md = show_table(frame, "Two rows", "tbl-two", decimals=2).to_markdown().splitlines()
    assert md[0] == ":::{table} Two rows"
    assert md[1] == ":name: tbl-two"
    assert "|:---|---:|" in md
    assert "| a | 1\\.25 |" in md
    assert md[-1] == ":::"


def test_long_tables_become_longtables_and_interactive() -> None:
    md = show_table(pd.DataFrame({"n": range(30)}), "Long", "tbl-long").to_markdown()
    assert ":class: booktabs longtable interactive" in md


def test_bad_label_and_widths_are_refused() -> None:
    with pytest.raises(ValueError):
        show_table(pd.DataFrame({"a": [1]}), "x", "Bad Label")
    with pytest.raises(ValueError):
        show_table(pd.DataFrame({"a": [1]}), "x", "tbl-x", widths=(1, 2))


def test_sources_become_links_and_citations() -> None:
    out = source_markdown("https://www.mofa.go.jp/a_(b).html; chakravarti2024")
    assert out == "[mofa\\.go\\.jp](<https://www.mofa.go.jp/a_(b).html>); {cite:p}`chakravarti2024`"


def test_escape_flattens_newlines() -> None:
    assert escape_markdown("a\nb\r\nc") == "a b c"


def test_join_names_in_the_order_given_or_by_name() -> None:
    from asian_nato.report.display import join_names

    names = {"AAA": "Charlie", "BBB": "Bravo", "CCC": "Alpha"}
    assert join_names([], names) == "none"
    assert join_names(["AAA"], names) == "Charlie"
    assert join_names(["AAA", "BBB", "ZZZ"], names) == "Charlie, Bravo and ZZZ"
    assert join_names(["AAA", "BBB", "CCC"], names, alphabetical=True) == "Alpha, Bravo and Charlie"
    series = pd.Series(names)
    assert join_names(["CCC", "AAA"], series) == "Alpha and Charlie", "a Series of names works as the mapping"


def test_plain_turns_numpy_scalars_into_python_numbers() -> None:
    import numpy as np

    from asian_nato.report.display import plain

    assert type(plain(np.float64(0.5))) is float and type(plain(np.int64(3))) is int
    assert plain("text") == "text" and plain(None) is None


def test_join_words_for_prose() -> None:
    from asian_nato.report.display import join_words

    assert join_words([]) == "none"
    assert join_words(["A"]) == "A"
    assert join_words(iter(["A", "B"])) == "A and B"
    assert join_words(["A", "B", "C"]) == "A, B and C"


def test_count_words_spells_small_counts_and_takes_a_word_for_zero():
    from asian_nato.report.display import count_words
    assert [count_words(n) for n in (0, 1, 10, 11, 41472)] == ["no", "one", "ten", "11", "41,472"]
    assert count_words(0, zero="none") == "none"


@pytest.mark.parametrize(("n", "expected"), [
    (0, "no governments"), (1, "one government"), (3, "three governments"), (10, "ten governments"), (13, "13 governments"),
])
def test_counted_writes_small_counts_in_words_with_the_noun_in_number(n, expected):
    assert display.counted(n, "government") == expected


def test_counted_takes_an_irregular_plural_and_a_word_for_zero():
    assert display.counted(2, "country", "countries") == "two countries"
    assert display.counted(0, "country", "countries", zero="none of the") == "none of the countries"


@pytest.mark.parametrize(("n", "expected"), [(0, "are"), (1, "is"), (2, "are")])
def test_agreeing_picks_the_form_for_the_count(n, expected):
    assert display.agreeing(n, "is", "are") == expected


def test_in_prose_puts_the_article_only_before_names_that_take_it():
    assert display.in_prose("Philippines") == "the Philippines"
    assert display.in_prose("Japan") == "Japan"
    # the UN's inverted form reads without an article: "the Micronesia (Federated States of)" would not
    assert display.in_prose("Micronesia (Federated States of)") == "Micronesia (Federated States of)"
