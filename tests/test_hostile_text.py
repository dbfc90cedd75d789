"""Hostile but valid text in the data is shown as text, never read as markup.

Unit level: :func:`asian_nato.report.display.show_table` output is parsed the way the
book parses it (MyST Markdown through docutils) and must give back exactly the
original strings, as plain text nodes, with no HTML, link, role, maths or
code node; its HTML output must hold no element taken from the data.

Build level (slow, in test_conclusions.py, whose "yes" rebuild carries it): a
statement full of such text is added to a copy of the repository, the HTML
and PDF are built, and :func:`check_hostile_statement_shown_as_text` checks the
statement appendix and the PDF text.
"""

from __future__ import annotations

import csv
import html
import io
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from docutils import nodes
from docutils.core import publish_doctree, publish_string
from myst_parser.parsers.docutils_ import Parser

from asian_nato.book.build import check_latex_log
from asian_nato.report.display import escape_markdown, show_table, source_markdown


SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
MYST = "**bold** {glue}`x` [link](http://a.b) ```code``` $x$"
LATEX = "\\ { } $ & % # _ ^ ~"
EMOJI = "😀 🙂 ☺"  # 🙂 (U+1F642) is in Symbola only
RTL = "حلف شمال الأطلسي ברית הגנה"
HOSTILE: dict[str, str] = {
    "script": SCRIPT,
    "img": IMG,
    "myst": MYST,
    "latex": LATEX,
    "emoji": EMOJI,
    "rtl": RTL,
    "more-myst": "{{ data_as_of }} a | b :::{note} (label)= <!-- hidden --> &amp; $$y$$ \\(z\\) ~~s~~ <https://a.b> http://c.d",
    "line-breaks": "first line\nsecond\r\nthird\tcolumn",
    "block-syntax": "# heading\n- item\n> quote\n1. one\n---\n:::\n```",
}
# Docutils node types a table of plain text is made of; anything else (raw HTML,
# references, literals, emphasis, maths, roles, substitutions, errors) came from the data.
PLAIN_TABLE_NODES = {
    "document", "table", "title", "tgroup", "colspec", "thead", "tbody", "row", "entry", "paragraph", "Text",
}
MYST_SETTINGS = {
    "myst_enable_extensions": ["colon_fence", "deflist", "substitution", "dollarmath", "linkify"],
    "report_level": 2,
    "halt_level": 5,
    "output_encoding": "unicode",
    "warning_stream": False,
}


def flat(text: str) -> str:
    """What a table cell shows: the text with runs of whitespace as one space."""
    return " ".join(text.split())


def parse_myst(markdown: str) -> nodes.document:
    return publish_doctree(markdown, parser=Parser(), settings_overrides=MYST_SETTINGS)


def node_types(doctree: nodes.Node) -> set[str]:
    return {type(node).__name__ for node in doctree.findall()}


class _Elements(HTMLParser):
    """Collect the start tags and the text of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]

    def handle_data(self, data):
        self.text.append(data)


def elements(markup: str) -> _Elements:
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser


@pytest.fixture
def hostile_table():
    frame = pd.DataFrame({
        "Case": list(HOSTILE),
        "Text <b>" + MYST: list(HOSTILE.values()),
        "N": range(len(HOSTILE)),
    })
    return frame, show_table(frame, caption="Caption " + SCRIPT + " " + MYST + " " + LATEX, label="tbl-hostile")


# ---------------------------------------------------------------- unit level

def test_markdown_table_parses_back_to_the_literal_text(hostile_table):
    frame, table = hostile_table
    doctree = parse_myst(table.to_markdown())
    assert node_types(doctree) <= PLAIN_TABLE_NODES, node_types(doctree) - PLAIN_TABLE_NODES
    (parsed,) = list(doctree.findall(nodes.table))
    assert parsed["ids"] == ["tbl-hostile"]
    assert parsed.next_node(nodes.title).astext() == flat(table.caption)
    rows = [[entry.astext() for entry in row.findall(nodes.entry)] for row in parsed.findall(nodes.row)]
    assert rows[0] == [flat(c) for c in frame.columns]
    assert rows[1:] == [[case, flat(text), str(n)] for case, text, n in frame.itertuples(index=False)]


def test_markdown_table_renders_to_html_without_injected_elements(hostile_table):
    _, table = hostile_table
    page = publish_string(table.to_markdown(), parser=Parser(), writer_name="html5", settings_overrides=MYST_SETTINGS)
    body = elements(page[page.index("<body"):])
    assert set(body.tags) <= {"body", "main", "table", "caption", "thead", "tbody", "tr", "th", "td", "p"}, body.tags
    assert not {"onerror", "src", "href"} & set(body.attributes)
    text = "".join(body.text)
    for value in HOSTILE.values():
        assert flat(value) in text


def test_html_table_escapes_every_cell(hostile_table):
    frame, table = hostile_table
    markup = table.to_html()
    parsed = elements(markup)
    assert set(parsed.tags) <= {"figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td"}, parsed.tags
    assert "onerror" not in parsed.attributes
    assert SCRIPT not in markup and IMG not in markup
    text = flat("".join(parsed.text))
    # Cells with line breaks or tabs: see the line-break test below.
    for value in [table.caption, *frame.columns, *(v for v in HOSTILE.values() if flat(v) == v)]:
        assert flat(value) in text


def test_html_table_shows_line_breaks_as_whitespace():
    markup = show_table(pd.DataFrame({"Text": [HOSTILE["line-breaks"]]}), caption="c", label="tbl-x").to_html()
    assert "\\n" not in "".join(elements(markup).text)


@pytest.mark.parametrize("name", HOSTILE, ids=list(HOSTILE))
def test_escape_markdown_gives_back_plain_text(name):
    doctree = parse_myst(escape_markdown(HOSTILE[name]))
    assert node_types(doctree) <= {"document", "paragraph", "Text"}
    assert doctree.astext() == flat(HOSTILE[name])


def test_source_links_keep_odd_but_valid_urls_whole():
    url = "https://a.example.org/x_(y)*z*{w}$v$`q`~#frag"
    doctree = parse_myst(source_markdown(url))
    (link,) = list(doctree.findall(nodes.reference))
    assert unquote(link["refuri"]) == url  # docutils percent-encodes { } and `, which browsers read the same
    assert link.astext() == "a.example.org"


def test_missing_glyph_check_reads_wrapped_log_lines():
    """xelatex wraps its log at 79 characters; a glyph the fonts lack must still stop the PDF build."""
    log = (
        "[10]\nMissing character: There is no 😀 (U+1F600) in font FreeSerif/OT:script=latn;lan\n"
        "guage=dflt;mapping=tex-text;!\nMissing character: There is no ß in font FreeMono!\n\n"
        "Overfull \\hbox (5.8pt too wide) in paragraph at lines 1038--1038\n"
    )
    missing = check_latex_log(log)
    assert len(missing) == 2, missing
    assert any("U+1F600" in glyph and "FreeSerif" in font for glyph, font in missing)
    assert any(glyph == "ß" and font == "FreeMono" for glyph, font in missing)


# ---------------------------------------------------------------- build level

HOSTILE_ROW = {
    "position_id": "P9999",
    "speaker": "Dr. **Bold** $x$ 😀",
    "office": IMG + " " + RTL,
    "stance": "ambiguous",
    "quote": f'"{SCRIPT} {MYST} {LATEX} {EMOJI} {RTL}"',
    "summary": f"Summary {{glue}}`x` {SCRIPT} {LATEX} {EMOJI} {RTL}",
    "source": "https://example.org/hostile-text-test",
}


def add_hostile_statement(positions_csv: Path) -> None:
    """Append a valid statement, dated like the latest one (so 'data as of' stays the same), full of hostile text."""
    text = positions_csv.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    latest = max(rows, key=lambda r: r["date"].ljust(10, "0"))
    row = {**latest, **HOSTILE_ROW}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writerow(row)
    positions_csv.write_text(text.rstrip("\n") + "\n" + out.getvalue(), encoding="utf-8")


def check_hostile_statement_shown_as_text(repo: Path) -> None:
    site = repo / "_build" / "html"
    for page in site.rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        assert "<script>alert" not in source and "<img src=x" not in source, page
        assert "onerror" not in elements(source).attributes, page

    statements = (site / "book" / "appendix_statements.html").read_text(encoding="utf-8")
    assert html.escape(SCRIPT, quote=False) in statements
    shown = flat("".join(elements(statements).text))
    # The quote's own quotation marks are left out: Sphinx's smart quotes turn "..." into “...”.
    for value in (HOSTILE_ROW["quote"][1:-1], HOSTILE_ROW["speaker"], HOSTILE_ROW["office"]):
        assert flat(value) in shown

    pdf = repo / "_build" / "pdf" / "_build" / "latex" / "asian-nato.pdf"
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = flat(text)
    assert LATEX in words
    assert "{glue}`x`" in words and "**bold**" in words
    for word in (*EMOJI.split(), *RTL.split()):
        assert word in words, f"{word!r} was dropped from the PDF"
    assert_right_to_left(pdf, RTL.split())


def word_boxes(pdf: Path) -> list[tuple[int, float, float, str]]:
    """(page, y, x, text) of every word pdftotext finds."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    boxes = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        for x, y, text in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page):
            boxes.append((number, float(y), float(x), html.unescape(text)))
    return boxes


def assert_right_to_left(pdf: Path, words: list[str]) -> None:
    """Each word of a right-to-left phrase is printed to the left of the word before it (glyphs come out in visual order)."""
    boxes = word_boxes(pdf)

    def places(word: str) -> list[tuple[int, float, float]]:
        return [(p, y, x) for p, y, x, text in boxes if word in (text, text[::-1])]

    pairs = 0
    for first, second in zip(words, words[1:]):
        for page, y, x in places(first):
            # the phrase may be printed twice on a line (two table columns): compare with the nearest copy
            beside = [x2 for p2, y2, x2 in places(second) if p2 == page and abs(y2 - y) < 2]
            if beside:
                pairs += 1
                nearest = min(beside, key=lambda x2: abs(x2 - x))
                assert nearest < x, f"{second!r} is printed right of {first!r}: left-to-right order"
    assert pairs >= len(words) - 1, "the right-to-left phrase was not found on one line"
