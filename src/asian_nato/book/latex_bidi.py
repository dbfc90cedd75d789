"""Right-to-left text in the PDF, in the right order.

XeTeX shapes each Arabic or Hebrew word correctly, but lays the words of a
phrase out left to right, so "حلف شمال الأطلسي" would print last word first.
Browsers apply the Unicode bidirectional algorithm themselves; for the PDF,
every run of right-to-left words in the text is wrapped in TeX--XeT's
``\\beginR ... \\endR`` (enabled by ``\\TeXXeTstate=1`` in the preamble),
which sets the run right to left inside the left-to-right line.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

# Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic; their presentation forms; the RTL blocks of the SMP.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff"
RTL_RUN = re.compile(f"[{_RTL}]+(?:[ \u00a0]+[{_RTL}]+)*")
BEGIN_R, END_R = r"\beginR{}", r"\endR{}"
_VERBATIM = (nodes.literal_block, nodes.raw, nodes.literal, nodes.comment)


def rtl_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of right-to-left words in ``text``."""
    return [m.span() for m in RTL_RUN.finditer(text)]


def _split(text: str) -> list[nodes.Node]:
    parts: list[nodes.Node] = []
    position = 0
    for start, end in rtl_runs(text):
        if start > position:
            parts.append(nodes.Text(text[position:start]))
        parts += [nodes.raw("", BEGIN_R, format="latex"), nodes.Text(text[start:end]), nodes.raw("", END_R, format="latex")]
        position = end
    if position < len(text):
        parts.append(nodes.Text(text[position:]))
    return parts


def mark_rtl_runs(doctree: nodes.Node) -> int:
    """Wrap every right-to-left run of the doctree's text in LaTeX direction marks; return how many."""
    count = 0
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, _VERBATIM) or not RTL_RUN.search(str(text)):
            continue
        parts = _split(str(text))
        count += sum(isinstance(p, nodes.raw) for p in parts) // 2
        parent.replace(text, parts)
    return count


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name == "latex":
        mark_rtl_runs(doctree)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", _on_doctree_resolved)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
