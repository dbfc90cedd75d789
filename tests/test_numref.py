"""{numref} resolved from read-only pages: the same output as Sphinx's own, with each target page unpickled once."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

FIGURE = """
Target
======

.. _fig-one:

.. figure:: one.png

   The first figure.

.. _fig-two:

.. figure:: two.png

   The second figure.
"""

CITING = """
Citing
======

See :numref:`fig-one`, :numref:`fig-two`, :numref:`fig-one` again and :numref:`Figure {number} <fig-two>`.
"""


def _build(tmp: Path, extensions: list[str], builder: str = "html") -> tuple[str, Counter]:
    src = tmp / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text(f"extensions = {extensions!r}\nnumfig = True\n")
    (src / "index.rst").write_text("Book\n====\n\n.. toctree::\n\n   target\n   citing\n")
    (src / "target.rst").write_text(FIGURE)
    (src / "citing.rst").write_text(CITING)
    for image in ("one.png", "two.png"):  # a 1x1 PNG
        (src / image).write_bytes(bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5dd8f8d0000000049454e44ae426082"))
    loads: Counter = Counter()
    original = BuildEnvironment.get_doctree

    def counting(env, docname):
        loads[docname] += 1
        return original(env, docname)

    warnings = io.StringIO()
    BuildEnvironment.get_doctree = counting
    try:
        app = Sphinx(str(src), str(src), str(tmp / builder), str(tmp / "doctrees"), builder,
                     status=io.StringIO(), warning=warnings, freshenv=True)
        app.build()
    finally:
        BuildEnvironment.get_doctree = original
    # a second Sphinx in one process re-registers the core's nodes; anything else is a real warning
    assert [w for w in warnings.getvalue().splitlines() if w and "is already registered" not in w] == []
    out = tmp / builder / ("citing.html" if builder == "html" else "")
    return (out.read_text(encoding="utf-8") if builder == "html" else ""), loads


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    plain = _build(tmp_path_factory.mktemp("plain"), [])
    cached = _build(tmp_path_factory.mktemp("cached"), ["asian_nato.book.numref"])
    return plain, cached


def test_numref_output_is_sphinx_own(builds):
    (plain_html, _), (cached_html, _) = builds
    assert "Fig. 1" in cached_html and "Fig. 2" in cached_html and "Figure 2" in cached_html
    assert cached_html == plain_html


def test_each_target_page_is_unpickled_once_for_all_its_references(builds):
    (_, plain_loads), (_, cached_loads) = builds
    # Sphinx's own resolver loads the target page for each of the four references
    assert plain_loads["target"] >= 4
    assert cached_loads["target"] == plain_loads["target"] - 3
