"""Sphinx extension: alt texts computed by the notebook, not typed in its cell metadata.

A chart's alt text says what the chart shows, so a data change can leave a
typed one stale. A figure cell may instead give ``alt: glue:KEY`` in its
``mystnb.image`` metadata and glue the text under ``KEY`` in the same
notebook; when Sphinx reads the page, this replaces the placeholder with the
glued text. A placeholder whose key the notebook did not glue is a build
warning, which the strict build turns into an error.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

PLACEHOLDER = "glue:"
_LOGGER = logging.getLogger(__name__)


def glued_texts(folder: Path, docname: str) -> dict[str, str]:
    """The plain-text value of each key a notebook glued, from MyST-NB's ``<docname>.glue.json``."""
    from myst_nb.core.variables import format_plain_text

    path = folder.joinpath(*docname.split("/")).with_name(docname.split("/")[-1] + ".glue.json")
    if not path.exists():
        return {}
    glued = json.loads(path.read_text(encoding="utf-8"))
    return {key: format_plain_text(value["data"]["text/plain"], "")
            for key, value in glued.items() if "text/plain" in value.get("data", {})}


def fill_alt_texts(doctree: nodes.Node, texts: dict[str, str]) -> list[nodes.image]:
    """Replace each ``glue:KEY`` alt text with the glued text; return the images whose key is missing."""
    missing = []
    for image in doctree.findall(nodes.image):
        alt = image.get("alt", "")
        if not alt.startswith(PLACEHOLDER):
            continue
        key = alt[len(PLACEHOLDER):].strip()
        if texts.get(key, "").strip():
            image["alt"] = texts[key]
        else:
            missing.append(image)
    return missing


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    if not any(image.get("alt", "").startswith(PLACEHOLDER) for image in doctree.findall(nodes.image)):
        return
    docname = app.env.docname
    for image in fill_alt_texts(doctree, glued_texts(Path(app.env.mystnb_config.output_folder), docname)):
        _LOGGER.warning("alt text %r: the notebook glued no text under that key", image["alt"], location=image)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", _on_doctree_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
