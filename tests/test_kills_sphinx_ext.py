"""The Sphinx extension's pieces without Sphinx: config hooks on stand-in objects, LaTeX and front matter text."""

from __future__ import annotations

import queue
from pathlib import Path
from types import SimpleNamespace

import pytest

from asian_nato.book import sphinx_ext as ext


def test_pdf_metadata_latex_whole() -> None:
    latex = ext.pdf_metadata_latex({"pdftitle": "A & B", "pdfauthor": "Ann_Lee", "pdfkeywords": "x, 100%"})
    assert latex == (
        "\\hypersetup{\n  pdftitle={A \\& B},\n  pdfauthor={Ann\\_Lee},\n  pdfkeywords={x, 100\\%}}\n"
        "\\makeatletter\n"
        "\\AtBeginDocument{\\pdfstringdef\\an@author{Ann\\_Lee}\\pdfstringdef\\an@keywords{x, 100\\%}%\n"
        "  \\special{pdf:docinfo << /Author (\\an@author) /Keywords (\\an@keywords) >>}}\n"
        "\\makeatother"
    )


@pytest.fixture
def repo(empty_repo: Path) -> Path:
    (empty_repo / "_config.yml").write_text('title: "A Book"\nsphinx:\n  config:\n    language: fr\n', encoding="utf-8")
    (empty_repo / "CITATION.cff").write_text(
        "title: x\nabstract: >-\n  One  two\n  three.\nauthors:\n  - name: A Team\n  - given-names: Jo\n    family-names: Doe\n"
        "  - family-names: Solo\nlicense: CC-BY-4.0\nkeywords:\n  - k1\n  - k2\n", encoding="utf-8")
    return empty_repo


def test_pdf_metadata_from_the_config_and_the_citation(repo: Path) -> None:
    assert ext.pdf_metadata() == {
        "pdftitle": "A Book", "pdfauthor": "A Team, Jo Doe, Solo", "pdfsubject": "One two three.", "pdfkeywords": "k1, k2",
        "pdflang": "fr", "pdfcopyright": "Text and hand-coded data: CC-BY-4.0",
    }


def test_pdf_metadata_defaults(repo: Path) -> None:
    (repo / "_config.yml").write_text('title: "A Book"\n', encoding="utf-8")
    (repo / "CITATION.cff").write_text("authors:\n  - name: A\n", encoding="utf-8")
    assert ext.pdf_metadata() == {"pdftitle": "A Book", "pdfauthor": "A", "pdfsubject": "", "pdfkeywords": "", "pdflang": "en",
                                  "pdfcopyright": "Text and hand-coded data: "}


def test_page_banner_and_its_links_made_relative_per_page() -> None:
    banner = ext._page_banner({"as_of": "2026-11-30", "version": "2.0.0"})
    assert banner == (
        'Data as of <strong>2026-11-30</strong> (data version 2.0.0) · '
        f'<a href="/_downloads/{ext.PDF_NAME}" class="pdf-link">Download PDF</a> · '
        '<a href="/book/appendix_cite.html">How to cite</a>'
    )
    context = {"theme_announcement": banner}
    ext._fix_relative_links(None, "book/part/page", "page.html", context, None)
    assert context["theme_announcement"] == banner.replace('href="/', 'href="../../')
    top = {"theme_announcement": banner}
    ext._fix_relative_links(None, "index", "page.html", top, None)
    assert top["theme_announcement"] == banner.replace('href="/', 'href="')
    empty: dict = {}
    ext._fix_relative_links(None, "book/x", "page.html", empty, None)
    assert empty == {}


@pytest.mark.parametrize(("value", "url"), [("", None), ("  ", None), ("https://x.org/book", "https://x.org/book/"), (" https://x.org/b// ", "https://x.org/b/")])
def test_published_base_url(monkeypatch: pytest.MonkeyPatch, value: str, url: str | None) -> None:
    monkeypatch.setenv("BOOK_BASE_URL", value)
    assert ext.published_base_url() == url


def _config(**kw) -> SimpleNamespace:
    fields = dict(release=None, version=None, today=None, html_theme_options={"keep": 1}, html_context={"c": 2}, html_baseurl="",
                  site_url=None, ogp_site_url=None, myst_substitutions={"s": 3}, latex_elements={"papersize": "a4paper"})
    return SimpleNamespace(**{**fields, **kw})


def test_config_inited_sets_versions_banner_context_substitutions_and_latex(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ext.data, "data_version", lambda: {"version": "9.9", "as_of": "2026-01-02"})
    monkeypatch.setattr(ext, "pdf_metadata", lambda: {"pdfauthor": "A", "pdfkeywords": "k"})
    monkeypatch.setenv("BOOK_BASE_URL", "https://x.org/b")
    config = _config()
    ext._on_config_inited(None, config)
    assert (config.release, config.version, config.today) == ("9.9", "9.9", "Data as of 2026-01-02")
    assert config.html_theme_options == {"keep": 1, "announcement": ext._page_banner({"version": "9.9", "as_of": "2026-01-02"})}
    assert config.html_context == {"c": 2, "data_as_of": "2026-01-02", "data_version": "9.9", "pdf_name": ext.PDF_NAME}
    assert config.html_baseurl == config.site_url == config.ogp_site_url == "https://x.org/b/"
    assert config.myst_substitutions == {"s": 3, "data_as_of": "2026-01-02", "data_version": "9.9"}
    assert config.latex_elements == {"papersize": "a4paper",
                                     "hyperref": ext._HYPERREF + "\n" + ext.pdf_metadata_latex({"pdfauthor": "A", "pdfkeywords": "k"})}


def test_a_local_build_keeps_its_base_url_and_empty_settings_start_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ext.data, "data_version", lambda: {"version": "1", "as_of": "2026"})
    monkeypatch.setattr(ext, "pdf_metadata", lambda: {"pdfauthor": "A", "pdfkeywords": "k"})
    monkeypatch.delenv("BOOK_BASE_URL", raising=False)
    config = _config(html_theme_options=None, html_context=None, myst_substitutions=None, latex_elements=None)
    ext._on_config_inited(None, config)
    assert config.html_baseurl == "" and config.site_url is None
    assert set(config.html_theme_options) == {"announcement"} and set(config.latex_elements) == {"hyperref"}
    assert config.myst_substitutions == {"data_as_of": "2026", "data_version": "1"}


def _app(found: set[str], queued: list[str], suffix: str | None = ".html") -> SimpleNamespace:
    links: queue.Queue = queue.Queue()
    for link in queued:
        links.put((link, None))
    return SimpleNamespace(sitemap_links=links, env=SimpleNamespace(found_docs=found), config=SimpleNamespace(html_file_suffix=suffix))


def _drain(links: queue.Queue) -> list:
    out = []
    while not links.empty():
        out.append(links.get_nowait())
    return out


def test_complete_sitemap_queues_every_page_once_sorted() -> None:
    app = _app({"b", "a/c"}, ["b.html", "z.html"])
    ext._complete_sitemap(app, None)
    assert _drain(app.sitemap_links) == [("a/c.html", None), ("b.html", None), ("z.html", None)]
    plain = _app({"b"}, [], suffix=None)
    ext._complete_sitemap(plain, None)
    assert _drain(plain.sitemap_links) == [("b.html", None)]


def test_complete_sitemap_does_nothing_after_a_failure_or_without_sitemap() -> None:
    app = _app({"b"}, ["z.html"])
    ext._complete_sitemap(app, RuntimeError("x"))
    assert _drain(app.sitemap_links) == [("z.html", None)]
    ext._complete_sitemap(SimpleNamespace(env=SimpleNamespace(found_docs={"b"})), None)  # no sitemap extension: no error


def test_setup_connects_each_hook() -> None:
    calls: list = []
    app = SimpleNamespace(setup_extension=lambda name: calls.append(("ext", name)),
                          connect=lambda event, fn, priority=500: calls.append((event, fn, priority)))
    assert ext.setup(app) == {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
    assert calls == [
        ("ext", "asian_nato.book.latex_tables"), ("ext", "asian_nato.book.latex_bidi"),
        ("ext", "asian_nato.book.numref"), ("ext", "asian_nato.book.alt_text"),
        ("config-inited", ext._on_config_inited, 500), ("builder-inited", ext._validate_before_build, 500),
        ("source-read", ext._on_source_read, 500), ("html-page-context", ext._fix_relative_links, 500),
        ("html-page-context", ext.assets.tidy_page_assets, 500), ("build-finished", ext._complete_sitemap, 400),
    ]


def test_validate_before_build_refuses_invalid_data_and_lists_the_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ext, "already_validated", lambda: False)
    monkeypatch.setattr(ext, "collect_problems", lambda: ["a.csv: bad", "b.csv: worse"])
    with pytest.raises(ext.ExtensionError) as raised:
        ext._validate_before_build(None)
    assert str(raised.value) == "data/ is invalid; no page was built:\na.csv: bad\nb.csv: worse"
    monkeypatch.setattr(ext, "collect_problems", lambda: [])
    ext._validate_before_build(None)
    monkeypatch.setattr(ext, "already_validated", lambda: True)
    monkeypatch.setattr(ext, "collect_problems", lambda: pytest.fail("validated twice"))
    ext._validate_before_build(None)


def test_with_data_fingerprint_rewrites_the_front_matter_sorted_and_unescaped() -> None:
    source = "---\nzeta: 1\nkernelspec:\n  name: python3\ntitle: Café\n---\n# Body\n"
    assert ext.with_data_fingerprint(source, "abc") == (
        "---\nkernelspec:\n  data_fingerprint: abc\n  name: python3\ntitle: Café\nzeta: 1\n---\n# Body\n")
    assert ext.with_data_fingerprint("---\ntitle: x\n---\nbody", "abc") == "---\ntitle: x\n---\nbody"


def test_is_notebook_needs_front_matter_and_a_kernelspec() -> None:
    assert ext.is_notebook("---\nkernelspec: {}\n---\n")
    assert not ext.is_notebook("# kernelspec\n")
    assert not ext.is_notebook("---\ntitle: x\n---\n")


def test_loaders_are_found_at_the_start_of_any_code_cell() -> None:
    source = "```{code-cell} ipython3\nx = data.load_positions()\n```\n\n```{code-cell} ipython3\nload_countries()\n```\n"
    assert ext.loaders_called(source) == {"load_positions", "load_countries"}


def test_package_fingerprint_is_twelve_hex_digits() -> None:
    fingerprint = ext.package_fingerprint()
    assert len(fingerprint) == 12 and int(fingerprint, 16) >= 0
