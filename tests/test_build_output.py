"""Assertions on the built book: the pages, the PDF and what a reader sees."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import chapter_titles, toc_files

pytestmark = pytest.mark.build


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "book").glob("*.html"))


def test_every_toc_page_is_built(site: Path) -> None:
    missing = [doc for doc in toc_files() if not (site / f"{doc}.html").exists()]
    assert not missing, f"pages in _toc.yml missing from _build/html: {missing}"


def test_no_page_shows_a_traceback_or_error_output(site: Path) -> None:
    bad = {}
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        found = [m for m in ("Traceback (most recent call last)", "output traceback", "output stderr", "ipythontb") if m in text]
        if found:
            bad[page.name] = found
    assert not bad, f"error output published: {bad}"


NEGATIVE_ZERO = re.compile(r"[-\u2212]0(?:\.0+)?(?![\d.])")


def test_no_page_prints_a_negative_zero(site: Path) -> None:
    """A mean of standardised scores is zero up to rounding error; '-0.00' in the text would be a formatting bug."""
    bad = {}
    for page in html_pages(site):
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
        found = sorted({m.group(0) for m in NEGATIVE_ZERO.finditer(text)})
        if found:
            bad[page.name] = found
    assert not bad, f"negative zeros in the text: {bad}"


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    external = re.compile(r"<(?:script|img|iframe)[^>]+src=\"(?:https?:)?//|<link[^>]+rel=\"stylesheet\"[^>]+href=\"(?:https?:)?//", re.I)
    offenders = {p.name: external.findall(p.read_text(encoding="utf-8")) for p in html_pages(site)}
    offenders = {k: v for k, v in offenders.items() if v}
    assert not offenders, f"pages that need the network: {offenders}"


def test_a_local_build_claims_no_public_address_but_has_a_sitemap(site: Path, repo_root: Path) -> None:
    """Without BOOK_BASE_URL (as in make test) no page has a canonical link or absolute og:url."""
    import yaml

    title = yaml.safe_load((repo_root / "_config.yml").read_text())["title"]
    claims = re.compile(r'<link rel="canonical"|<meta property="og:url" content="https?://')
    offenders = [p.name for p in html_pages(site) if claims.search(p.read_text(encoding="utf-8"))]
    assert not offenders, f"pages that claim a public address: {offenders}"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    missing = [doc for doc in toc_files() if f"/{doc}.html</loc>" not in sitemap]
    assert not missing, f"pages missing from sitemap.xml: {missing}"
    chapter = (site / "book" / "01_question.html").read_text(encoding="utf-8")
    assert f'<meta property="og:site_name" content="{title}"' in chapter.replace("&quot;", '"')


def test_published_base_url_comes_from_the_environment(monkeypatch) -> None:
    from asian_nato.book.sphinx_ext import published_base_url

    monkeypatch.delenv("BOOK_BASE_URL", raising=False)
    assert published_base_url() is None
    monkeypatch.setenv("BOOK_BASE_URL", " https://books.test/asian-nato ")
    assert published_base_url() == "https://books.test/asian-nato/"


def test_every_local_script_and_stylesheet_exists(site: Path) -> None:
    ref = re.compile(r"<(?:script[^>]+src|link[^>]+href)=\"([^\"#?]+\.(?:js|css))")
    missing = []
    for page in html_pages(site):
        for target in ref.findall(page.read_text(encoding="utf-8")):
            if not target.startswith(("http:", "https:", "//")) and not (page.parent / target).resolve().exists():
                missing.append((page.name, target))
    assert not missing, f"local assets referenced but not built: {missing}"


def test_every_page_links_the_pdf_and_shows_the_data_date(site: Path, pdf: Path) -> None:
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        assert "Download PDF" in text, page.name
        assert "Data as of" in text, page.name
        links = re.findall(r"href=\"([^\"]*asian-nato\.pdf)\"", text)
        assert links, page.name
        assert all((page.parent / link).resolve() == pdf.resolve() for link in links), (page.name, links)


def test_appendix_lists_every_statement_and_membership(site: Path, repo_root: Path) -> None:
    import pandas as pd

    for csv_name, page, label in [
        ("positions.csv", "appendix_statements.html", "tbl-appendix-statements"),
        ("memberships.csv", "appendix_data.html", "tbl-appendix-memberships"),
    ]:
        rows = len(pd.read_csv(repo_root / "data" / csv_name, dtype=str, keep_default_na=False))
        html = (site / "book" / page).read_text(encoding="utf-8")
        table = html[html.index(f'id="{label}"'):]
        table = table[: table.index("</table>")]
        body_rows = table.count("<tr") - table[: table.index("</thead>")].count("<tr")
        assert body_rows == rows, f"{page}: {body_rows} rows shown, {rows} in data/{csv_name}"


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def test_pdf_contains_every_chapter_title(pdf: Path) -> None:
    text = _squash(_pdftotext(pdf))
    titles = chapter_titles()
    missing = [t for t in titles.values() if _squash(t) not in text]
    assert not missing, f"chapter titles missing from the PDF: {missing}"


def test_pdf_has_bookmarks_for_the_chapters(pdf: Path) -> None:
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-q", str(pdf)], capture_output=True, text=True, check=True).stdout
    outline = xml[xml.find("<outline>"):]
    assert "<item" in outline, "the PDF has no bookmarks"
    items = _squash(" ".join(re.findall(r"<item[^>]*>([^<]*)</item>", outline)))
    chapters = {doc: title for doc, title in chapter_titles().items() if doc != toc_files()[0]}
    missing = [t for t in chapters.values() if _squash(t) not in items]
    assert not missing, f"chapters without a bookmark: {missing}"


def test_pdf_fonts_are_embedded_and_references_resolved(pdf: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts, "pdffonts listed no fonts"
    unembedded = [line for line in fonts if line.split()[-5] != "yes"]
    assert not unembedded, f"fonts not embedded: {unembedded}"
    assert "??" not in _pdftotext(pdf), "unresolved reference (??) in the PDF"


def test_pdf_has_title_page_contents_and_sensible_length(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 30 <= pages <= 400, pages
    first_pages = subprocess.run(["pdftotext", "-l", "4", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "An Asian NATO" in first_pages and "Data as of" in first_pages
    assert "contents" in first_pages.lower()
    assert "list of figures" in _pdftotext(pdf).lower() and "list of tables" in _pdftotext(pdf).lower()


def test_the_explorer_is_in_the_web_edition_and_the_curve_in_both(site: Path, pdf: Path) -> None:
    page = (site / "book" / "09_answer.html").read_text(encoding="utf-8")
    assert page.count('class="verdict-explorer"') == 1 and "verdict-explorer.js" in page
    text = _squash(_pdftotext(pdf))
    assert _squash("Try the judgement calls") not in text and _squash("The explorer below") not in text
    assert _squash("The specification curve: every combination") in text


def _metadata(pdf: Path) -> dict[str, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in info.splitlines() if ":" in line)}


def test_pdf_metadata_comes_from_the_config_and_the_citation_file(pdf: Path, repo_root: Path) -> None:
    import yaml

    config = yaml.safe_load((repo_root / "_config.yml").read_text(encoding="utf-8"))
    citation = yaml.safe_load((repo_root / "CITATION.cff").read_text(encoding="utf-8"))
    info = _metadata(pdf)
    assert info["Title"] == config["title"]
    assert info["Author"] == ", ".join(a["name"] for a in citation["authors"])
    assert info["Keywords"] == ", ".join(citation["keywords"])
    assert info["Subject"].startswith(" ".join(citation["abstract"].split())[:60])
    xmp = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f">{config['title']}</rdf:li>" in xmp  # dc:title
    assert "<dc:language>" in xmp and "<rdf:li>en</rdf:li>" in xmp


def test_no_pdf_table_overflows_its_columns_or_the_page(repo_root: Path, pdf: Path) -> None:
    """Every cell's text fits its column, every table fits the line, and none is too tall to print."""
    from asian_nato.book.build import table_line_ranges, table_overflows

    latex = repo_root / "_build" / "pdf" / "_build" / "latex"
    tex = (latex / "asian-nato.tex").read_text(encoding="utf-8")
    log = (latex / "asian-nato.log").read_text(encoding="utf-8", errors="replace")
    assert len(table_line_ranges(tex)) >= 40, "expected the book's tables in the .tex"
    assert table_overflows(tex, log) == []


_COLUMN = re.compile(r">\{[^{}]*\}[lr]|>\{[^{}]*\\hyphenpenalty=10000\}p\{[\d.]+\\linewidth\}|[lr]")


def test_no_pdf_table_column_hyphenates_its_words(repo_root: Path, pdf: Path) -> None:
    """Each table's columns are set whole on one line (l, r) or wrap between words only, never inside one."""
    tex = (repo_root / "_build" / "pdf" / "_build" / "latex" / "asian-nato.tex").read_text(encoding="utf-8")
    specs = re.findall(r"\\begin\{longtable\}\{(.*)\}\s*$", tex, flags=re.MULTILINE)
    assert len(specs) >= 40
    for spec in specs:
        leftover = _COLUMN.sub("", spec).strip()
        assert leftover == "", f"a column that may hyphenate or has no width from its content: {spec!r}"


def test_the_parallel_executor_leaves_sphinx_nothing_to_execute(repo_root: Path, site: Path) -> None:
    """The notebooks the executor caches carry the very key MyST-NB computes, so Sphinx runs none of them."""
    log = (repo_root / "_build" / "build.log").read_text(encoding="utf-8", errors="replace")
    html_runs = [run for run in log.split("\n$ ") if "--builder html" in run.splitlines()[0]]
    assert html_runs, "no HTML build in _build/build.log"
    last = html_runs[-1]
    assert "Executing notebook" not in last, "Sphinx executed a notebook the parallel executor had not cached"
    assert last.count("Using cached notebook") >= 13
