"""Tidying each page's scripts and stylesheets (asian_nato.book.assets)."""

from __future__ import annotations

from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

from asian_nato.book import assets

THEBE_BODY = 'const THEBE_JS_URL = "https://unpkg.com/thebe@0.8.2/lib/index.js"; const thebe_selector = ".thebe"'


def test_is_thebe_asset_recognises_its_files_and_inline_config():
    assert assets.is_thebe_asset(_JavaScript("sphinx-thebe.js", priority=500))
    assert assets.is_thebe_asset(_JavaScript("_static/sphinx-thebe.js?v=1", priority=500))
    assert assets.is_thebe_asset(_CascadingStyleSheet("sphinx-thebe.css", priority=500))
    assert assets.is_thebe_asset(_JavaScript(None, body=THEBE_BODY))
    assert not assets.is_thebe_asset(_JavaScript("togglebutton.js", priority=500))
    assert not assets.is_thebe_asset(_JavaScript(None, body="var togglebuttonSelector = '.toggle';"))


def test_without_thebe_and_repeats_keeps_order_and_first_copies():
    toggle = "var togglebuttonSelector = '.toggle';"
    scripts = [
        _JavaScript("doctools.js", priority=200),
        _JavaScript(None, body=toggle, priority=500),
        _JavaScript(None, body=THEBE_BODY, priority=500),
        _JavaScript("sphinx-thebe.js", priority=500, **{"async": "async"}),
        _JavaScript(None, body=toggle, priority=800),  # the same snippet again, other priority
        _JavaScript(None, body=THEBE_BODY, priority=800),
        _JavaScript("interactive-tables.js", priority=500),
        _JavaScript("doctools.js", priority=200, defer="defer"),  # other attributes: a different tag
    ]
    kept = assets.without_thebe_and_repeats(scripts)
    assert [(str(js.filename), js.attributes.get("body", ""), js.priority) for js in kept] == [
        ("doctools.js", "", 200),
        ("None", toggle, 500),
        ("interactive-tables.js", "", 500),
        ("doctools.js", "", 200),
    ]
    assert kept[-1].attributes == {"defer": "defer"}


def test_tidy_page_assets_rewrites_the_page_context_only():
    shared = [_JavaScript("a.js"), _JavaScript(None, body=THEBE_BODY)]
    context = {"script_files": shared, "css_files": [_CascadingStyleSheet("sphinx-thebe.css"), _CascadingStyleSheet("b.css")]}
    assets.tidy_page_assets(None, "book/index", "page.html", context, None)
    assert [str(js.filename) for js in context["script_files"]] == ["a.js"]
    assert [str(css.filename) for css in context["css_files"]] == ["b.css"]
    assert len(shared) == 2, "the builder's own list must not be changed"
