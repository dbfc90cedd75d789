r"""Column widths for the PDF's tables, set from what the cells hold.

Left to itself, Sphinx gives most tables to ``tabulary``, which shares the
line among the columns by the length of their text. A column of short names
beside a column of long notes then gets less than its longest word, so
"Philippines" runs into the next column and "oppose" breaks as "op-pose".

Here each table's columns are measured in the fonts the PDF uses (advance
widths read from the font files) and given widths the way a browser lays
out an automatic table: each column gets at least its longest word, and
what is left of the line goes to the columns in proportion to how much
more their longest cell needs. A column that fits whole is set on one line
(``l``, or ``r`` for numbers); the others wrap ragged-right, never inside a
word. The result is a ``tabularcolumns`` spec placed before the table, so
only the LaTeX writer sees it. A table that cannot hold its longest words
even at ``\scriptsize`` is set on a landscape page, and every table is a
``longtable``, so one taller than a page continues on the next instead of
being cut off.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

POINT_SIZE = 10.95  # the body size of an 11pt book
# A table too wide for the body size is set smaller, down to \scriptsize (sizes of the 11pt class).
SIZES = ((10.95, ""), (10.0, r"\small"), (9.0, r"\footnotesize"), (8.0, r"\scriptsize"))
LINE_WIDTH = 450.0  # pt: A4 less Sphinx's 1in side margins (\linewidth in the body)
LANDSCAPE_WIDTH = 640.0  # pt: a landscape page's \linewidth (A4's height less margins, header and footer), rounded down
COLUMN_PADDING = 12.0  # 2 \tabcolsep
SLACK = 4.0  # pt kept free: kerning and rounding
FALLBACK_EM = 0.55  # average advance, in em, when a font file cannot be read
BODY_FONT, HEAD_FONT, MONO_FONT = "FreeSerif", "FreeSans", "FreeMono"
NO_HYPHENS = r"\hyphenpenalty=10000"  # a line may still break after a hyphen the text has
BREAK = r"\allowbreak{}"
# Where a cell may break besides spaces: after an en dash (coalitions written AUS–JPN–USA) or an
# underscore (codes), and in link text after a dot or slash followed by a letter (host names).
_BREAK_AFTER = re.compile(r"(?<=[\u2013_])(?=\S)")
_BREAK_AFTER_IN_LINKS = re.compile(r"(?<=[./])(?=[A-Za-z])")
_ZERO_WIDTH_BREAK = "\u200b"  # how a BREAK reaches the measures


@functools.lru_cache(maxsize=None)
def _advances(family: str) -> tuple[dict[int, float], float] | None:
    """Advance widths (in em) by code point for an installed font, and its average; None if unreadable."""
    if shutil.which("fc-match") is None:
        return None
    try:
        from fontTools.ttLib import TTFont

        path = subprocess.run(["fc-match", "--format=%{file}", family], capture_output=True, text=True, check=True).stdout
        font = TTFont(path, lazy=True)
        upem = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        widths = {code: metrics[glyph][0] / upem for code, glyph in font.getBestCmap().items()}
    except Exception:  # no fontTools, no such font, an unreadable file: fall back to an average width
        return None
    return widths, sum(widths.values()) / max(len(widths), 1)


def text_width(text: str, family: str = BODY_FONT, size: float = POINT_SIZE) -> float:
    """Width in points of a line of text set in ``family`` (no kerning; unknown characters count 1 em)."""
    found = _advances(family)
    if found is None:
        return len(text) * FALLBACK_EM * size
    widths, _ = found
    return sum(widths.get(ord(ch), 1.0) for ch in text) * size


@dataclass(frozen=True)
class Column:
    natural: float  # width of its longest line
    longest_word: float
    numeric: bool


def _fixed(size: str, numeric: bool) -> str:
    kind = "r" if numeric else "l"
    return f">{{{size}}}{kind}" if size else kind


def _wrapped(size: str, numeric: bool, fraction: float) -> str:
    align = r"\raggedleft" if numeric else r"\raggedright"
    return rf">{{{size}{align}\arraybackslash{NO_HYPHENS}}}p{{{fraction:.4f}\linewidth}}"


def fits(columns: list[Column], line_width: float) -> bool:
    """Whether every column can hold its longest word on the line at the smallest size."""
    smallest = SIZES[-1][0] / POINT_SIZE
    return sum(c.longest_word * smallest for c in columns) <= line_width - COLUMN_PADDING * len(columns) - SLACK


def column_spec(columns: list[Column], line_width: float = LINE_WIDTH) -> str:
    """A LaTeX column spec that fits the columns on the line, wrapping only where it must.

    Measures are at the body size; the first of :data:`SIZES` at which every
    column can hold its longest word is used.
    """
    available = line_width - COLUMN_PADDING * len(columns) - SLACK
    for point, size in SIZES:
        scale = point / POINT_SIZE
        least = [c.longest_word * scale for c in columns]
        if sum(least) <= available:
            break
    else:  # even the smallest size cannot hold the longest words: share the line by them
        return " ".join(_wrapped(size, c.numeric, available * lo / sum(least) / line_width) for c, lo in zip(columns, least))
    most = [max(c.natural * scale, lo) for c, lo in zip(columns, least)]
    if sum(most) <= available:
        return " ".join(_fixed(size, c.numeric) for c in columns)
    room = available - sum(least)
    stretch = sum(most) - sum(least)
    widths = [lo + (hi - lo) * room / stretch for lo, hi in zip(least, most)]
    return " ".join(
        _fixed(size, c.numeric) if width >= hi - 0.01 else _wrapped(size, c.numeric, width / line_width)
        for c, width, hi in zip(columns, widths, most)
    )


def add_break_opportunities(table: nodes.table) -> None:
    """Let the table's cells break after en dashes and underscores, and inside host names in links."""
    for text in list(table.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, (nodes.raw, nodes.literal, nodes.literal_block)):
            continue
        value = str(text)
        cuts = {m.start() for m in _BREAK_AFTER.finditer(value)}
        if isinstance(parent, nodes.reference):
            cuts |= {m.start() for m in _BREAK_AFTER_IN_LINKS.finditer(value)}
        if not cuts:
            continue
        pieces, start = [], 0
        for cut in sorted(cuts):
            pieces += [nodes.Text(value[start:cut]), nodes.raw("", BREAK, format="latex")]
            start = cut
        pieces.append(nodes.Text(value[start:]))
        parent.replace(text, pieces)


def _runs(entry: nodes.Element, family: str) -> list[tuple[str, str]]:
    """The entry's printed text as (text, font) runs; inline literals are set in the monospaced font, raw LaTeX is not text."""
    runs = []
    for text in entry.findall(nodes.Text):
        ancestors = list(_ancestors(text, entry))
        raw = next((a for a in ancestors if isinstance(a, nodes.raw)), None)
        if raw is not None:
            if BREAK in raw.astext():
                runs.append((_ZERO_WIDTH_BREAK, family))
            continue
        runs.append((str(text), MONO_FONT if any(isinstance(a, nodes.literal) for a in ancestors) else family))
    return runs


def _ancestors(node: nodes.Node, stop: nodes.Node):
    node = node.parent
    while node is not None and node is not stop:
        yield node
        node = node.parent


# xeCJK may break a line before or after any of these characters, so each counts as a word of its own.
_BREAKS_AROUND = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


def _between_letters(text: str, position: int) -> bool:
    return 0 < position < len(text) - 1 and text[position - 1].isalpha() and text[position + 1].isalpha()


def _lines_and_words(runs: list[tuple[str, str]]) -> tuple[float, float]:
    """The widest line and the widest unbreakable word of a cell, in points."""
    widest_line = widest_word = line = word = 0.0
    for text, family in runs:
        for position, ch in enumerate(text):
            if ch == "\n":
                widest_line, widest_word = max(widest_line, line), max(widest_word, word)
                line = word = 0.0
            elif ch == _ZERO_WIDTH_BREAK:
                widest_word = max(widest_word, word)
                word = 0.0
            elif ch.isspace():
                widest_word = max(widest_word, word)
                word = 0.0
                line += text_width(" ", family)
            elif ch == "-" and _between_letters(text, position):
                line += text_width(ch, family)
                widest_word = max(widest_word, word + text_width(ch, family))
                word = 0.0
            else:
                w = text_width(ch, family)
                line += w
                if _BREAKS_AROUND.match(ch):
                    widest_word = max(widest_word, word, w)
                    word = 0.0
                else:
                    word += w
    return max(widest_line, line), max(widest_word, word)


def measure_table(table: nodes.table) -> list[Column] | None:
    """Each column's measures, or None for a table whose cells span columns or rows."""
    tgroup = next(iter(table.findall(nodes.tgroup)), None)
    if tgroup is None:
        return None
    count = int(tgroup["cols"])
    naturals, words = [0.0] * count, [0.0] * count
    right = [True] * count
    for part in tgroup.children:
        if not isinstance(part, (nodes.thead, nodes.tbody)):
            continue
        family = HEAD_FONT if isinstance(part, nodes.thead) else BODY_FONT
        for row in part.children:
            entries = [e for e in row.children if isinstance(e, nodes.entry)]
            if len(entries) != count or any(e.get("morecols") or e.get("morerows") for e in entries):
                return None
            for j, entry in enumerate(entries):
                paragraphs = list(entry.findall(nodes.paragraph)) or [entry]
                for paragraph in paragraphs:
                    line, word = _lines_and_words(_runs(paragraph, family))
                    naturals[j], words[j] = max(naturals[j], line), max(words[j], word)
                if isinstance(part, nodes.tbody) and "text-right" not in entry.get("classes", []):
                    right[j] = False
    return [Column(n, w, r) for n, w, r in zip(naturals, words, right)]


def _set_column_widths(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name != "latex":
        return
    for table in list(doctree.findall(nodes.table)):
        previous = table.previous_sibling() if table.parent is not None else None
        if isinstance(previous, addnodes.tabular_col_spec):
            continue  # a chapter's own tabularcolumns wins
        add_break_opportunities(table)
        columns = measure_table(table)
        if not columns:
            continue
        # A tabular cannot break across pages, so a table taller than the page would be cut off.
        table["classes"] = [*table.get("classes", []), "longtable"]
        parent, width = table.parent, LINE_WIDTH
        if not fits(columns, LINE_WIDTH) and fits(columns, LANDSCAPE_WIDTH):
            width = LANDSCAPE_WIDTH
            parent.insert(parent.index(table), nodes.raw("", "\\begin{landscape}", format="latex"))
            parent.insert(parent.index(table) + 1, nodes.raw("", "\\end{landscape}", format="latex"))
        spec = addnodes.tabular_col_spec()
        spec["spec"] = column_spec(columns, width)
        parent.insert(parent.index(table), spec)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", _set_column_widths)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
