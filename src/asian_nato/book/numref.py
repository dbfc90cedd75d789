"""Sphinx extension: resolve ``{numref}`` without unpickling the target page once per reference.

Sphinx's standard domain loads the target page's whole doctree from its pickle
for every ``{numref}`` it resolves, only to read the target node's type and
ids. The chapters' doctrees carry their notebook outputs (up to 2 MB), and the
book has about eighty such references, so this was about a fifth of each
Sphinx write. Here the lookup reads a copy of each page unpickled once per
write phase and never changed; everything else still gets a fresh doctree
from ``env.get_doctree``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment

# Kept outside the environment, so that the pickled environment never carries these copies.
_PAGES: weakref.WeakKeyDictionary[BuildEnvironment, dict[str, nodes.document]] = weakref.WeakKeyDictionary()


class NumrefFromReadOnlyPages(StandardDomain):
    """The standard domain, with ``{numref}`` resolved from pages unpickled once."""

    def _resolve_numref_xref(self, env: BuildEnvironment, *args, **kwargs):
        env.get_doctree = read_only_pages(env)  # the numref resolver only reads the target node
        try:
            return super()._resolve_numref_xref(env, *args, **kwargs)
        finally:
            del env.get_doctree  # back to the class's method, a fresh copy per call


def read_only_pages(env: BuildEnvironment) -> Callable[[str], nodes.document]:
    """``env.get_doctree``, memoised per page for the current write phase; callers must not change the result."""
    pages = _PAGES.setdefault(env, {})

    def page(docname: str) -> nodes.document:
        if docname not in pages:
            pages[docname] = type(env).get_doctree(env, docname)
        return pages[docname]

    return page


def _forget_pages(app: Sphinx, env: BuildEnvironment) -> None:
    # after every read phase: a page read again must not be resolved against its old copy
    _PAGES.pop(env, None)


def setup(app: Sphinx) -> dict:
    app.add_domain(NumrefFromReadOnlyPages, override=True)
    app.connect("env-updated", _forget_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
