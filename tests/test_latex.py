"""The PDF's tables, right-to-left text, metadata and overflow check, on hand-made inputs."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser

from asian_nato.book import latex_bidi, latex_tables as lt
from asian_nato.book.build import table_line_ranges, table_overflows
from asian_nato.report.display import show_table
from asian_nato.book.sphinx_ext import pdf_metadata_latex

_WRAPPED = re.compile(r"p\{([\d.]+)\\linewidth\}")


def parse_table(frame: pd.DataFrame) -> nodes.table:
    markdown = show_table(frame, caption="c", label="tbl-t").to_markdown()
    doctree = publish_doctree(markdown, parser=Parser(), settings_overrides={
        "myst_enable_extensions": ["colon_fence"], "report_level": 4, "warning_stream": False})
    return next(doctree.findall(nodes.table))


def test_the_font_widths_are_read_from_the_font_files():
    assert lt.text_width("Philippines") > lt.text_width("Laos") > 0
    assert lt.text_width("MMMM") > lt.text_width("iiii")
    assert lt.text_width("Philippines", size=8.0) < lt.text_width("Philippines")


def test_a_table_that_fits_is_set_on_one_line_per_cell_with_numbers_right_aligned():
    table = parse_table(pd.DataFrame({"Member": ["Brunei", "Philippines"], "Ties": [0, 4], "Stance": ["oppose", "ambiguous"]}))
    columns = lt.measure_table(table)
    assert [c.numeric for c in columns] == [False, True, False]
    assert columns[0].longest_word == pytest.approx(lt.text_width("Philippines"), rel=0.01)
    assert lt.column_spec(columns) == "l r l"


def test_a_long_column_wraps_and_every_column_keeps_room_for_its_longest_word():
    prose = "A statement long enough that it can never fit on one line of the page however it is set " * 3
    table = parse_table(pd.DataFrame({"Member": ["Philippines", "Malaysia"], "Stance": ["ambiguous", "oppose"], "What was said": [prose, "short"]}))
    columns = lt.measure_table(table)
    spec = lt.column_spec(columns)
    parts = spec.split(" ")
    assert parts[:2] == ["l", "l"], spec
    (fraction,) = _WRAPPED.findall(spec)
    assert float(fraction) * lt.LINE_WIDTH >= columns[2].longest_word
    assert "\\hyphenpenalty=10000" in spec and "\\raggedright" in spec


def test_a_table_too_wide_for_the_body_size_is_set_smaller():
    columns = [lt.Column(natural=60.0, longest_word=60.0, numeric=True)] * 7  # 420pt of words, 336pt of room
    spec = lt.column_spec(columns)
    assert spec.count("\\footnotesize") == 7 or spec.count("\\scriptsize") == 7, spec
    assert not lt.fits([lt.Column(200.0, 200.0, False)] * 4, lt.LINE_WIDTH)
    assert lt.fits([lt.Column(200.0, 200.0, False)] * 4, lt.LANDSCAPE_WIDTH)


def test_coalitions_and_host_names_may_break_at_dashes_and_dots_but_numbers_may_not():
    paragraph = nodes.paragraph("", "", nodes.Text("AUS–JPN–USA 0.96 snake_case "),
                                nodes.reference("", "news.example.org", refuri="https://news.example.org"))
    table = nodes.table("", nodes.tgroup("", nodes.colspec(), nodes.tbody("", nodes.row("", nodes.entry("", paragraph))), cols=1))
    lt.add_break_opportunities(table)
    latex = "".join(n.astext() if isinstance(n, nodes.raw) else "|" + str(n) for n in paragraph.findall(lambda n: isinstance(n, (nodes.Text, nodes.raw)) and not isinstance(n.parent, nodes.raw)))
    assert "AUS–\\allowbreak{}|JPN–\\allowbreak{}|USA 0.96 snake_\\allowbreak{}|case" in latex
    assert "news.\\allowbreak{}|example.\\allowbreak{}|org" in latex
    (column,) = lt.measure_table(table)
    assert column.longest_word < lt.text_width("AUS–JPN–USA")


def test_rtl_runs_are_wrapped_for_xetex_and_other_text_is_left_alone():
    text = "Name: حلف شمال الأطلسي and ברית הגנה, then Latin."
    assert [text[a:b] for a, b in latex_bidi.rtl_runs(text)] == ["حلف شمال الأطلسي", "ברית הגנה"]
    paragraph = nodes.paragraph("", "", nodes.Text(text), nodes.literal("", "קוד"))
    assert latex_bidi.mark_rtl_runs(paragraph) == 2
    raws = [n.astext() for n in paragraph.findall(nodes.raw)]
    assert raws == [latex_bidi.BEGIN_R, latex_bidi.END_R] * 2
    assert paragraph.astext().replace(latex_bidi.BEGIN_R, "").replace(latex_bidi.END_R, "") == text + "קוד"
    assert latex_bidi.mark_rtl_runs(nodes.paragraph("", "Only Latin 😀 here")) == 0


def test_pdf_metadata_is_escaped_for_latex():
    latex = pdf_metadata_latex({"pdftitle": "50% & more_{x}", "pdfauthor": "A#B", "pdfkeywords": "k~1"})
    assert r"pdftitle={50\% \& more\_\{x\}}" in latex
    assert r"\pdfstringdef\an@author{A\#B}" in latex and r"k\textasciitilde{}1" in latex


TEX = """\\begin{document}
Some text.
\\begin{longtable}{l l}
a & b \\\\
\\end{longtable}
More text.
\\end{document}
"""


def test_overflows_inside_tables_and_pages_too_high_are_reported_and_others_are_not():
    assert table_line_ranges(TEX) == [(3, 5)]
    log = (
        "Overfull \\hbox (12.5pt too wide) in paragraph at lines 4--4\n"
        "Overfull \\hbox (30.0pt too wide) in paragraph at lines 2--2\n"  # prose, not a table
        "Overfull \\hbox (0.4pt too wide) in alignment at lines 3--5\n"  # under the tolerance
        "Overfull \\vbox (300.1pt too high) has occurred while \\output is active []\n"
    )
    problems = table_overflows(TEX, log)
    assert len(problems) == 2
    assert "lines 4--4" in problems[0] and "12.5pt" in problems[0]
    assert "300.1pt too high" in problems[1]
    assert table_overflows(TEX, "") == []
