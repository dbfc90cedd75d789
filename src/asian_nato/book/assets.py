"""Tidy the scripts and stylesheets each web page loads.

Jupyter Book always loads ``sphinx_thebe`` (live code cells via Binder). This
book has no launch buttons, so thebe is dead weight, and with Sphinx 7.4 its
inline configuration script is emitted twice per page, which makes every
page throw ``SyntaxError: Identifier 'THEBE_JS_URL' has already been
declared``. Other inline snippets (``togglebuttonSelector``) are duplicated
the same way. :func:`tidy_page_assets`, connected to ``html-page-context``,
drops the thebe assets and repeated inline scripts from each page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

THEBE_FILES = ("sphinx-thebe.js", "sphinx-thebe.css")
THEBE_INLINE_MARKER = "THEBE_JS_URL"


def _filename(asset: Any) -> str:
    name = getattr(asset, "filename", None)
    return "" if name is None else str(name)


def _attributes(asset: Any) -> dict[str, str]:
    attributes = getattr(asset, "attributes", None)
    return dict(attributes) if isinstance(attributes, dict) else {}


def is_thebe_asset(asset: Any) -> bool:
    """True for sphinx-thebe's script, stylesheet or inline configuration."""
    name = _filename(asset).split("?", 1)[0]
    if name.endswith(THEBE_FILES):
        return True
    return THEBE_INLINE_MARKER in _attributes(asset).get("body", "")


def _identity(asset: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    # what the page would render: the file and its attributes (an inline script's body is one of them)
    return _filename(asset), tuple(sorted(_attributes(asset).items()))


def without_thebe_and_repeats(assets: Iterable[Any]) -> list[Any]:
    """The assets in their order, minus thebe and minus any asset that renders the same as an earlier one."""
    kept: list[Any] = []
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    for asset in assets:
        key = _identity(asset)
        if is_thebe_asset(asset) or key in seen:
            continue
        seen.add(key)
        kept.append(asset)
    return kept


def tidy_page_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """``html-page-context`` handler: drop thebe and repeated scripts/stylesheets from the page."""
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = without_thebe_and_repeats(context[key])
