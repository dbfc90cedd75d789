"""Sphinx extension: validate data first, keep executed pages in step with data/.

Two caches can serve a stale page after a data edit: jupyter-cache (its key
hashes code cells and ``kernelspec`` only) and Sphinx's environment (it only
re-reads a source whose mtime changed). This extension closes both:

* ``source-read``: for each chapter, find the loaders it calls, fingerprint
  what they return (:func:`asian_nato.data.inputs_fingerprint`), and fold
  that fingerprint into the notebook's ``kernelspec`` metadata. A data edit
  changes the key, so jupyter-cache misses and the notebook runs again; an
  unrelated edit leaves it cached.
* the same handler registers the files those loaders read with
  ``env.note_dependency``, so Sphinx re-reads the chapters whose files
  changed (a re-read whose fingerprint is unchanged executes nothing).
* the package's own source is fingerprinted the same way, so a change to the
  analysis code re-executes the chapters too.

It also puts the data version, the as-of date and the PDF link on every page.
"""

from __future__ import annotations

import hashlib
import os
import queue
import re
from pathlib import Path

import yaml
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from asian_nato.book import assets
from asian_nato import data
from asian_nato.data import paths
from asian_nato.book.build import PDF_NAME
from asian_nato.data.validate import already_validated, collect_problems

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_LOADER_CALL = re.compile(r"\b(" + "|".join(map(re.escape, data.READS)) + r")\s*\(")
_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)


def code_cells(source: str) -> list[str]:
    """The text of each code cell of a MyST notebook, its options included."""
    return _CODE_CELL.findall(source)


def loaders_called(source: str) -> set[str]:
    """Names of data loaders called in the code cells of a MyST notebook."""
    return set(_LOADER_CALL.findall("\n".join(code_cells(source))))


def with_data_fingerprint(source: str, fingerprint: str) -> str:
    """The notebook text with ``kernelspec.data_fingerprint`` set in its front matter."""
    match = _FRONT_MATTER.match(source)
    if not match:
        return source
    meta = yaml.safe_load(match.group(1)) or {}
    if "kernelspec" not in meta:
        return source
    meta["kernelspec"]["data_fingerprint"] = fingerprint
    return "---\n" + yaml.safe_dump(meta, sort_keys=True, allow_unicode=True) + "---\n" + source[match.end():]


_PACKAGE = Path(__file__).resolve().parents[1]


def package_sources() -> list[Path]:
    """Every module of the package, in all its layers."""
    return sorted(_PACKAGE.rglob("*.py"))


def package_fingerprint() -> str:
    """A short hash of the package's source files: their paths within it and their bytes."""
    digest = hashlib.sha256()
    for module in package_sources():
        digest.update(module.relative_to(_PACKAGE).as_posix().encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()[:12]


def is_notebook(text: str) -> bool:
    return bool(_FRONT_MATTER.match(text)) and "kernelspec" in text


def notebook_source(text: str) -> str:
    """A chapter's text as the build reads it: with its inputs' and the package's fingerprint in its kernelspec."""
    if not is_notebook(text):
        return text
    loaders = loaders_called(text)
    return with_data_fingerprint(text, data.inputs_fingerprint(loaders) + "-" + package_fingerprint())


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    text = source[0]
    if not is_notebook(text):
        return
    # Sphinx re-reads the page when any file its loaders touch changes; the
    # re-read executes the notebook only if the inputs' fingerprint moved.
    for name in sorted(data.files_read_by(loaders_called(text))):
        app.env.note_dependency(str((paths.data_dir() / name).resolve()))
    # The package's code shapes every output too: a change to it re-executes every chapter that imports it.
    for module in package_sources():
        app.env.note_dependency(str(module))
    source[0] = notebook_source(text)


def _validate_before_build(app: Sphinx) -> None:
    if already_validated():  # build.py validated these very inputs before it started Sphinx
        return
    problems = collect_problems()
    if problems:
        listing = "\n".join(map(str, problems))
        raise ExtensionError(f"data/ is invalid; no page was built:\n{listing}")


# Sphinx's own hyperref block, then hyperxmp, which writes the same fields into the PDF's XMP packet.
_HYPERREF = "\\usepackage{hyperref}\n\\usepackage{hypcap}\n\\urlstyle{same}\n\\usepackage{hyperxmp}"
_LATEX_ESCAPES = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%",
    "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
})


def pdf_metadata() -> dict[str, str]:
    """The PDF's title, author, subject, keywords and language: title and language from _config.yml, the rest from CITATION.cff."""
    config, citation = paths.book_config(), data.load_citation()
    authors = [a.get("name") or " ".join(filter(None, (a.get("given-names"), a.get("family-names"))))
               for a in citation["authors"]]
    return {
        "pdftitle": config["title"],
        "pdfauthor": ", ".join(authors),
        "pdfsubject": " ".join(citation.get("abstract", "").split()),
        "pdfkeywords": ", ".join(citation.get("keywords", [])),
        "pdflang": config.get("sphinx", {}).get("config", {}).get("language") or "en",
        "pdfcopyright": f"Text and hand-coded data: {citation.get('license', '')}",
    }


def pdf_metadata_latex(metadata: dict[str, str]) -> str:
    """``\\hypersetup`` for the metadata, each value escaped and braced.

    hyperxmp (v5.9, with xdvipdfmx) keeps Author and Keywords out of the
    document information dictionary, so those two are written there again.
    """
    value = {key: text.translate(_LATEX_ESCAPES) for key, text in metadata.items()}
    fields = ",\n  ".join(f"{key}={{{text}}}" for key, text in value.items())
    return (
        f"\\hypersetup{{\n  {fields}}}\n"
        "\\makeatletter\n"
        f"\\AtBeginDocument{{\\pdfstringdef\\an@author{{{value['pdfauthor']}}}"
        f"\\pdfstringdef\\an@keywords{{{value['pdfkeywords']}}}%\n"
        "  \\special{pdf:docinfo << /Author (\\an@author) /Keywords (\\an@keywords) >>}}\n"
        "\\makeatother"
    )


def _page_banner(version: dict[str, str]) -> str:
    return (
        f'Data as of <strong>{version["as_of"]}</strong> (data version {version["version"]}) · '
        f'<a href="/_downloads/{PDF_NAME}" class="pdf-link">Download PDF</a> · '
        f'<a href="/book/appendix_cite.html">How to cite</a>'
    )


def _on_config_inited(app: Sphinx, config) -> None:
    version = data.data_version()
    config.release = config.version = version["version"]
    config.today = f"Data as of {version['as_of']}"
    theme = dict(config.html_theme_options or {})
    theme["announcement"] = _page_banner(version)
    config.html_theme_options = theme
    context = dict(config.html_context or {})
    context.update(data_as_of=version["as_of"], data_version=version["version"], pdf_name=PDF_NAME)
    config.html_context = context
    base = published_base_url()
    if base:
        config.html_baseurl = config.site_url = config.ogp_site_url = base
    subs = dict(config.myst_substitutions or {})
    subs.update(data_as_of=version["as_of"], data_version=version["version"])
    config.myst_substitutions = subs
    latex = dict(config.latex_elements or {})
    latex["hyperref"] = _HYPERREF + "\n" + pdf_metadata_latex(pdf_metadata())
    config.latex_elements = latex


def _fix_relative_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # The banner is one string for every page; make its links relative to each page.
    depth = pagename.count("/")
    prefix = "../" * depth
    banner = context.get("theme_announcement")
    if banner:
        context["theme_announcement"] = banner.replace('href="/', f'href="{prefix}')


def _complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """Give sphinx-sitemap every page, not only those written in this run.

    sphinx-sitemap queues a page when it is written, so an incremental build
    would publish a sitemap of the changed pages alone. This runs just
    before it and refills the queue, sorted, with every document.
    """
    links = getattr(app, "sitemap_links", None)
    if exception is not None or links is None:
        return
    queued = set()
    while True:
        try:
            queued.add(links.get_nowait()[0])
        except queue.Empty:
            break
    suffix = app.config.html_file_suffix or ".html"
    for link in sorted(queued | {doc + suffix for doc in app.env.found_docs}):
        links.put((link, None))


def published_base_url() -> str | None:
    """The site's public address, from ``BOOK_BASE_URL``; None for a local build."""
    base = os.environ.get("BOOK_BASE_URL", "").strip()
    return base.rstrip("/") + "/" if base else None


def setup(app: Sphinx) -> dict:
    app.setup_extension("asian_nato.book.latex_tables")
    app.setup_extension("asian_nato.book.latex_bidi")
    app.setup_extension("asian_nato.book.numref")
    app.setup_extension("asian_nato.book.alt_text")
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", _validate_before_build)
    app.connect("source-read", _on_source_read)
    app.connect("html-page-context", _fix_relative_links)
    app.connect("html-page-context", assets.tidy_page_assets)
    app.connect("build-finished", _complete_sitemap, priority=400)  # sphinx-sitemap writes at 500
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
