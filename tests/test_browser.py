"""The reader's web edition, checked in a real browser and in the built HTML.

Runs against the site in ``<repo>/_build/html`` (``make test`` builds it first):

* offline: every page loads from 127.0.0.1 with all other hosts blocked, with
  no console error, page error or failed local request; index.html also
  opens from file://;
* accessibility: axe-core finds no serious or critical violation, in the
  light and the dark theme;
* structure (parsed HTML): alt text, heading order, the PDF link and the
  data date on every page, a CSV link after every figure;
* interactive tables: a long table gets a working search box and sorts;
* screenshots of the landing page and a chapter at phone and desktop width,
  light and dark, in ``_build/screenshots/`` for a person to look at;
* page weight: median and largest page, with their images.

The browser checks are Node scripts in ``tests/browser/`` (playwright-core
driving the Debian Chromium, axe-core); they print JSON and this module
decides pass or fail. ``npm ci`` runs first if ``node_modules`` is missing.
The checkers that parse HTML are tested on small hand-written pages first.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from asian_nato.data import paths

pytestmark = pytest.mark.xdist_group("browser")

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
VENDOR_DIR = Path(__file__).resolve().parents[1] / "book" / "_static" / "vendor" / "datatables"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SERIOUS = {"serious", "critical"}
MEDIAN_PAGE_LIMIT = 300 * 1024
INTERACTIVE_TABLE_PAGE = "book/appendix_statements.html"
SCREENSHOT_CHAPTERS = ("book/02_memberships.html", "book/01_question.html", "book/04_positions.html")
_FILE_NAME = re.compile(r"^[\w.-]+\.(?:png|jpe?g|gif|svg|webp|pdf)$", re.IGNORECASE)
_HEX_NAME = re.compile(r"^[0-9a-f]{16,}$", re.IGNORECASE)


# --------------------------------------------------------------------------
# HTML checkers (pure functions, unit-tested below on hand-written pages)
# --------------------------------------------------------------------------


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of the site; theme templates under ``_static/`` and other ``_*`` folders excluded."""
    return sorted(
        p for p in site.rglob("*.html") if not p.relative_to(site).parts[0].startswith("_")
    )


def is_redirect(soup: BeautifulSoup) -> bool:
    """A stub page that only forwards the browser elsewhere (the site's root index.html)."""
    refresh = soup.find("meta", attrs={"http-equiv": re.compile("^refresh$", re.IGNORECASE)})
    return refresh is not None and not soup.get_text(strip=True)


def bad_alt_texts(soup: BeautifulSoup) -> list[str]:
    """``src`` of each image whose alt text is missing, empty, just a file name or an unfilled ``glue:KEY``."""
    problems = []
    for img in soup.find_all("img"):
        alt = (img.get("alt") or "").strip()
        src = img.get("src", "")
        stem = Path(urlsplit(src).path).name
        if not alt or _FILE_NAME.match(alt) or alt == stem or _HEX_NAME.match(Path(alt).stem) or alt.startswith("glue:"):
            problems.append(f"{src} (alt={alt!r})")
    return problems


def heading_skips(soup: BeautifulSoup) -> list[str]:
    """Each heading that is more than one level deeper than the heading before it."""
    problems = []
    previous = 0
    for heading in soup.find_all(re.compile(r"^h[1-6]$")):
        level = int(heading.name[1])
        if previous and level > previous + 1:
            text = heading.get_text(" ", strip=True).rstrip("#").strip()
            problems.append(f"h{previous} -> h{level} at {text!r}")
        previous = level
    return problems


def local_target(page: Path, href: str) -> Path | None:
    """The file a relative link points to, or None for external/anchor-only links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return (page.parent / unquote(parts.path)).resolve()


def pdf_link_problems(page: Path, soup: BeautifulSoup) -> list[str]:
    """What is wrong with the page's "Download PDF" banner link (empty list: nothing)."""
    links = [a for a in soup.find_all("a") if a.get_text(strip=True) == "Download PDF"]
    if not links:
        return ["no 'Download PDF' link"]
    problems = []
    for link in links:
        target = local_target(page, link.get("href", ""))
        if target is None or not target.is_file():
            problems.append(f"'Download PDF' points to a missing file: {link.get('href')!r}")
    return problems


def shows_data_date(soup: BeautifulSoup) -> bool:
    return "Data as of" in soup.get_text(" ", strip=True)


def figures_without_csv(page: Path, soup: BeautifulSoup) -> list[str]:
    """Figures (images with a caption) not followed, before the next figure, by a CSV download that exists."""
    problems = []
    figures = [f for f in soup.find_all("figure") if f.find("img") is not None]
    for figure in figures:
        name = figure.get("id") or figure.find("img").get("src", "?")
        link = None
        for element in figure.find_all_next(["figure", "a"]):
            if element.name == "figure" and element.find("img") is not None:
                break
            href = element.get("href", "") if element.name == "a" else ""
            if urlsplit(href).path.endswith(".csv"):
                link = element
                break
        if link is None:
            problems.append(f"{name}: no CSV download link after the figure")
            continue
        target = local_target(page, link["href"])
        if target is None or not target.is_file():
            problems.append(f"{name}: CSV link target missing: {link['href']!r}")
    return problems


@dataclass(frozen=True)
class PageWeight:
    page: str
    html_bytes: int
    asset_bytes: int
    assets: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.html_bytes + self.asset_bytes


def page_assets(page: Path, soup: BeautifulSoup, site: Path) -> set[Path]:
    """Local files the page makes the browser fetch, other than the site-wide theme assets.

    Images, objects and media it references, plus the vendored DataTables
    bundle when the page has an interactive table (it is loaded only there).
    ``_static/`` (theme CSS/JS, shared and cached) and ``searchindex.js`` are
    site-wide and left out.
    """
    static = (site / "_static").resolve()
    refs = []
    for tag, attr in (("img", "src"), ("object", "data"), ("embed", "src"), ("source", "src"),
                      ("video", "src"), ("video", "poster"), ("audio", "src"), ("iframe", "src")):
        refs += [el.get(attr, "") for el in soup.find_all(tag)]
    refs += [part.strip().split(" ")[0] for el in soup.find_all(["img", "source"]) for part in el.get("srcset", "").split(",") if part.strip()]
    files = set()
    for ref in refs:
        target = local_target(page, ref)
        if target is not None and target.is_file() and static not in target.parents:
            files.add(target)
    if soup.select_one("table.interactive") is not None:
        files |= {p.resolve() for p in (site / "_static" / "vendor" / "datatables").glob("dt_bundle.*")}
    return files


def page_weight(page: Path, site: Path) -> PageWeight:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assets = page_assets(page, soup, site)
    return PageWeight(
        page=page.relative_to(site).as_posix(),
        html_bytes=page.stat().st_size,
        asset_bytes=sum(a.stat().st_size for a in assets),
        assets=tuple(sorted(a.name for a in assets)),
    )


def serious_violations(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in SERIOUS]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in sorted(violations, key=lambda v: (v["id"], v["page"], v["theme"])):
        targets = "; ".join(n["target"] for n in v["nodes"][:5])
        more = f" (+{len(v['nodes']) - 5} more)" if len(v["nodes"]) > 5 else ""
        lines.append(f"{v['id']} [{v['impact']}] {v['page']} ({v['theme']}): {targets}{more}")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# The checkers, on hand-written pages
# --------------------------------------------------------------------------


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_bad_alt_texts_flags_missing_empty_and_file_name_alts():
    html = """
      <img src="a.svg" alt="Bar chart of spending by country, China highest.">
      <img src="b.svg">
      <img src="c.svg" alt="  ">
      <img src="../_images/d.png" alt="d.png">
      <img src="../_images/0123456789abcdef0123.svg" alt="0123456789abcdef0123">
      <img src="e.svg" alt="glue:fig-e-alt">
    """
    assert bad_alt_texts(_soup(html)) == [
        "b.svg (alt='')",
        "c.svg (alt='')",
        "../_images/d.png (alt='d.png')",
        "../_images/0123456789abcdef0123.svg (alt='0123456789abcdef0123')",
        "e.svg (alt='glue:fig-e-alt')",
    ]


def test_heading_skips_flags_only_jumps_down_by_more_than_one():
    html = "<h1>T</h1><h2>A</h2><h3>B</h3><h2>C</h2><h4>D#</h4><h1>E</h1><h2>F</h2>"
    assert heading_skips(_soup(html)) == ["h2 -> h4 at 'D'"]
    assert heading_skips(_soup("<h1>T</h1><h2>A</h2><h3>B</h3><h1>C</h1>")) == []


def test_pdf_link_and_data_date_checks(tmp_path):
    (tmp_path / "_downloads").mkdir()
    (tmp_path / "_downloads" / "book.pdf").write_bytes(b"%PDF")
    (tmp_path / "book").mkdir()
    page = tmp_path / "book" / "x.html"
    good = _soup('<p>Data as of <b>2025-01-01</b> · <a href="../_downloads/book.pdf">Download PDF</a></p>')
    broken = _soup('<p><a href="../_downloads/missing.pdf">Download PDF</a></p>')
    assert pdf_link_problems(page, good) == []
    assert pdf_link_problems(page, broken) == ["'Download PDF' points to a missing file: '../_downloads/missing.pdf'"]
    assert pdf_link_problems(page, _soup("<p>nothing</p>")) == ["no 'Download PDF' link"]
    assert shows_data_date(good) and not shows_data_date(broken)


def test_figures_without_csv_needs_an_existing_csv_before_the_next_figure(tmp_path):
    (tmp_path / "a.csv").write_text("x\n1\n")
    page = tmp_path / "p.html"
    html = """
      <figure id="fig-a"><img src="a.svg" alt="A"></figure>
      <p><a class="download" href="a.csv">Download the data</a></p>
      <figure id="fig-b"><img src="b.svg" alt="B"></figure>
      <figure id="fig-c"><img src="c.svg" alt="C"></figure>
      <p><a class="download" href="gone.csv">Download the data</a></p>
      <figure id="tbl"><table></table></figure>
    """
    assert figures_without_csv(page, _soup(html)) == [
        "fig-b: no CSV download link after the figure",
        "fig-c: CSV link target missing: 'gone.csv'",
    ]


def test_page_weight_counts_images_and_the_table_bundle_but_not_theme_assets(tmp_path):
    site = tmp_path
    (site / "_images").mkdir()
    (site / "_images" / "fig.svg").write_bytes(b"x" * 1000)
    (site / "_static" / "vendor" / "datatables").mkdir(parents=True)
    (site / "_static" / "logo.png").write_bytes(b"x" * 500)
    (site / "_static" / "vendor" / "datatables" / "dt_bundle.js").write_bytes(b"x" * 300)
    (site / "_static" / "vendor" / "datatables" / "dt_bundle.css").write_bytes(b"x" * 20)
    (site / "book").mkdir()
    plain = site / "book" / "plain.html"
    plain.write_text('<img src="../_images/fig.svg" alt="A"><img src="../_images/fig.svg" alt="B">'
                     '<img src="../_static/logo.png" alt="logo">')
    table = site / "book" / "table.html"
    table.write_text('<table class="interactive"></table>')
    assert page_weight(plain, site) == PageWeight("book/plain.html", plain.stat().st_size, 1000, ("fig.svg",))
    assert page_weight(table, site).asset_bytes == 320


def test_serious_violations_keeps_serious_and_critical_only():
    found = [{"id": "a", "impact": "minor"}, {"id": "b", "impact": "serious"},
             {"id": "c", "impact": "critical"}, {"id": "d", "impact": "moderate"}]
    assert [v["id"] for v in serious_violations(found)] == ["b", "c"]


# --------------------------------------------------------------------------
# The vendored DataTables bundle
# --------------------------------------------------------------------------


def test_vendored_datatables_match_the_hashes_in_their_readme():
    readme = (VENDOR_DIR / "README.md").read_text(encoding="utf-8")
    recorded = dict(re.findall(r"^\| (dt_bundle\.\w+) \| ([0-9a-f]{64}) \|$", readme, re.MULTILINE))
    assert set(recorded) == {"dt_bundle.js", "dt_bundle.css"}
    for name, digest in recorded.items():
        assert hashlib.sha256((VENDOR_DIR / name).read_bytes()).hexdigest() == digest, name
    assert (VENDOR_DIR / "LICENSE").is_file()


# --------------------------------------------------------------------------
# Fixtures for the built site and the Node tools
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site() -> Path:
    html = paths.repo_root() / "_build" / "html"
    if not (html / "book" / "index.html").is_file():
        pytest.fail(f"no built site at {html}; build it first (`make html`, or `make test`, which builds it)")
    return html


@pytest.fixture(scope="module")
def soups(site: Path) -> dict[Path, BeautifulSoup]:
    return {p: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in site_pages(site)}


@pytest.fixture(scope="module")
def content_pages(soups: dict[Path, BeautifulSoup]) -> dict[Path, BeautifulSoup]:
    return {p: s for p, s in soups.items() if not is_redirect(s)}


@pytest.fixture(scope="module")
def node_tools() -> Path:
    """tests/browser with its node_modules (``npm ci`` from the lock file if missing), and Chromium."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail("node and npm are needed for the browser tests (make system-deps installs them)")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (make system-deps installs it; or set CHROMIUM=/path)")
    # `make test` installs node_modules before pytest; the lock keeps two workers
    # from running `npm ci` over each other when pytest is run on its own.
    with open(BROWSER_DIR / ".npm-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not node_modules_installed():
            done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BROWSER_DIR,
                                  capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                pytest.fail(f"`npm ci` in {BROWSER_DIR} failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    return BROWSER_DIR


def node_modules_installed() -> bool:
    """npm writes node_modules/.package-lock.json last; the two packages must be there too."""
    modules = BROWSER_DIR / "node_modules"
    return (modules / ".package-lock.json").is_file() and all(
        (modules / name / "package.json").is_file() for name in ("playwright-core", "axe-core")
    )


def test_browser_tests_share_one_worker(request):
    """Under ``--dist loadgroup`` xdist suffixes grouped node ids with ``@group``.

    pytest 9.2 broke that suffix (the browser tests then ran on two workers at
    once and raced on node_modules), hence the pin in requirements.in.
    """
    if not hasattr(request.config, "workerinput"):
        pytest.skip("not running under pytest-xdist")
    if not request.config.getvalue("loadgroup"):
        pytest.skip("xdist is not in loadgroup mode")
    assert request.node.nodeid.endswith("@browser"), request.node.nodeid


def run_node(tools: Path, script: str, *args: str, timeout: int = 900) -> dict:
    env = {**os.environ, "CHROMIUM": CHROMIUM}
    done = subprocess.run(["node", str(tools / script), *args], cwd=tools, env=env,
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        pytest.fail(f"node {script} failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(site: Path, name: str, text: str) -> None:
    """Print a report and keep it in _build/browser-reports/ (xdist hides the output of passing tests)."""
    print("\n" + text)
    folder = site.parent / "browser-reports"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text + "\n", encoding="utf-8")


def _listing(items: list[dict], *keys: str) -> str:
    return "\n".join("  " + " | ".join(str(item.get(k, "")) for k in keys) for item in items)


# --------------------------------------------------------------------------
# Structure of the built HTML
# --------------------------------------------------------------------------


@pytest.mark.build
def test_every_image_has_a_real_alt_text(site, content_pages):
    problems = {p.relative_to(site).as_posix(): bad_alt_texts(s) for p, s in content_pages.items()}
    problems = {k: v for k, v in problems.items() if v}
    assert not problems, f"images without a real alt text: {problems}"


@pytest.mark.build
def test_heading_levels_never_skip(site, content_pages):
    problems = {p.relative_to(site).as_posix(): heading_skips(s) for p, s in content_pages.items()}
    problems = {k: v for k, v in problems.items() if v}
    assert not problems, f"heading levels skip: {problems}"


@pytest.mark.build
def test_every_page_links_the_pdf_and_shows_the_data_date(site, content_pages):
    assert content_pages, "the site has no pages"
    pdf = {p.relative_to(site).as_posix(): pdf_link_problems(p, s) for p, s in content_pages.items()}
    pdf = {k: v for k, v in pdf.items() if v}
    undated = [p.relative_to(site).as_posix() for p, s in content_pages.items() if not shows_data_date(s)]
    assert not pdf, f"PDF link problems: {pdf}"
    assert not undated, f"pages without 'Data as of': {undated}"


@pytest.mark.build
def test_every_figure_is_followed_by_its_csv(site, content_pages):
    problems = {p.relative_to(site).as_posix(): figures_without_csv(p, s) for p, s in content_pages.items()}
    problems = {k: v for k, v in problems.items() if v}
    assert not problems, f"figures without their data: {problems}"


@pytest.mark.build
def test_median_page_weight_is_under_300_kb(site, content_pages):
    weights = sorted((page_weight(p, site) for p in content_pages), key=lambda w: w.total)
    median = statistics.median(w.total for w in weights)
    largest = weights[-1]
    lines = [f"page weight (HTML + its images/figures + table bundle; theme _static/ excluded), {len(weights)} pages:"]
    lines += [f"  {w.total / 1024:8.1f} KB  {w.page}  (html {w.html_bytes / 1024:.1f} KB, "
              f"assets {w.asset_bytes / 1024:.1f} KB: {', '.join(w.assets) or '-'})" for w in weights]
    lines.append(f"  median {median / 1024:.1f} KB; largest {largest.total / 1024:.1f} KB ({largest.page})")
    report(site, "page-weight.txt", "\n".join(lines))
    assert median < MEDIAN_PAGE_LIMIT, f"median page weight {median / 1024:.1f} KB is not under 300 KB"


# --------------------------------------------------------------------------
# In the browser
# --------------------------------------------------------------------------


@pytest.mark.build
def test_every_page_works_offline(site, soups, node_tools):
    result = run_node(node_tools, "offline.js", str(site))
    expected = sorted(p.relative_to(site).as_posix() for p in soups)
    assert sorted(result["pages"]) == expected, "the browser did not visit every page"
    problems = []
    if result["external"]:
        problems.append("requests to other hosts (blocked):\n" + _listing(result["external"], "page", "url"))
    if result["consoleErrors"]:
        problems.append("console errors:\n" + _listing(result["consoleErrors"], "page", "text", "source"))
    if result["pageErrors"]:
        problems.append("page errors:\n" + _listing(result["pageErrors"], "page", "text"))
    if result["failedRequests"]:
        problems.append("failed local requests:\n" + _listing(result["failedRequests"], "page", "url", "reason"))
    assert not problems, "\n".join(problems)
    assert result["file"]["url"].endswith("/book/index.html"), f"file:// index.html did not open the book: {result['file']}"


@pytest.mark.build
def test_no_serious_accessibility_violations(site, node_tools):
    result = run_node(node_tools, "axe.js", str(site))
    violations = result["violations"]
    by_rule = Counter((v["id"], v["impact"]) for v in violations)
    lines = [f"axe-core {result['axeVersion']}: {len(result['audited'])} page/theme runs, "
             f"{len(violations)} violations (any impact)"]
    lines += [f"  {rule} [{impact}]: {count} page/theme runs" for (rule, impact), count in sorted(by_rule.items())]
    lines += [f"  excluded: {e}" for e in result["excluded"]]
    report(site, "axe.txt", "\n".join(lines) + "\n" + describe_violations(violations))
    assert {(a["page"], a["theme"]) for a in result["audited"]} == {
        (p.relative_to(site).as_posix(), t) for p in site_pages(site) for t in ("light", "dark")
    }, "axe did not audit every page in both themes"
    wrong_theme = [f"{a['page']} ({a['theme']}: got {a['actualTheme']})" for a in result["audited"] if a["actualTheme"] != a["theme"]]
    assert not wrong_theme, f"the theme did not switch: {wrong_theme}"
    serious = serious_violations(violations)
    assert not serious, "serious/critical accessibility violations:\n" + describe_violations(serious)


@pytest.mark.build
def test_long_table_is_searchable_and_sortable_offline(site, soups, node_tools):
    with_table = sorted(p.relative_to(site).as_posix() for p, s in soups.items() if s.select_one("table.interactive"))
    assert with_table, "no page has an interactive table (show_table gives one to tables over 25 rows)"
    rel = INTERACTIVE_TABLE_PAGE if INTERACTIVE_TABLE_PAGE in with_table else with_table[0]
    r = run_node(node_tools, "tables.js", str(site), rel)
    assert not (r["external"] or r["consoleErrors"] or r["pageErrors"] or r["failedRequests"]), r
    assert r["staticRows"] > 25, f"{rel}: the static table has {r['staticRows']} rows, expected a long one"
    assert r["ready"] == "ready" and r["enhanced"], f"{rel}: DataTables did not enhance the table: {r}"
    assert r["rows"] == r["staticRows"], "paging is off: every row stays on the page"
    assert r["searchBox"], "no search box"
    assert r["searchTerm"], "found no word to search for"
    assert 0 < r["rowsAfterSearch"] < r["staticRows"], r
    assert r["rowsAfterSearch"] == r["expectedAfterSearch"] and r["allMatch"], r
    assert r["rowsAfterClear"] == r["staticRows"]
    assert r["sortColumn"], "found no column to sort"
    assert (r["ariaSortAfterOneClick"], r["ariaSortAfterTwoClicks"]) == ("ascending", "descending"), r
    assert r["sortedAscending"] and r["sortedDescending"] and r["orderChanged"], r


@pytest.mark.build
def test_screenshots_of_landing_page_and_a_chapter(site, node_tools):
    chapter = next((c for c in SCREENSHOT_CHAPTERS if (site / c).is_file()), None)
    assert chapter, f"none of {SCREENSHOT_CHAPTERS} was built"
    out = paths.repo_root() / "_build" / "screenshots"
    result = run_node(node_tools, "screenshots.js", str(site), str(out), "book/index.html", chapter)
    assert not (result["external"] or result["consoleErrors"] or result["pageErrors"] or result["failedRequests"]), result
    shots = result["shots"]
    assert len(shots) == 8
    report(site, "screenshots.txt", "screenshots:\n" + "\n".join(f"  {s['file']}" for s in shots))
    for shot in shots:
        png = Path(shot["file"])
        header = png.read_bytes()[:24]
        width = int.from_bytes(header[16:20], "big")
        assert header[:8] == b"\x89PNG\r\n\x1a\n" and width == shot["width"], shot
        assert shot["appliedTheme"] == shot["theme"], shot
        assert shot["horizontalOverflow"] <= 0, f"{shot['page']} scrolls sideways at {shot['width']} px"


EXPLORER_PAGE = "book/09_answer.html"


def explorer_cases(curve: "pd.DataFrame", dimensions: list[str], n_random: int = 12) -> "pd.DataFrame":
    """The baseline, every single departure from it, and a fixed random sample of the rest."""
    import pandas as pd
    from asian_nato.analysis import multiverse

    chosen = curve[multiverse.is_baseline(curve)]
    for dimension in dimensions:
        others = {k: v for k, v in multiverse.BASELINE.items() if k != dimension}
        chosen = pd.concat([chosen, curve[multiverse.is_baseline(curve, others) & (curve[dimension] != multiverse.BASELINE[dimension])]])
    return pd.concat([chosen, curve.drop(chosen.index).sample(n_random, random_state=14)])


@pytest.mark.build
def test_verdict_explorer_agrees_with_the_python_multiverse(site, node_tools, tmp_path):
    import pandas as pd
    from asian_nato.analysis import multiverse

    downloads = sorted(site.glob("_downloads/*/fig-answer-curve.csv"))
    assert len(downloads) == 1, "the specification curve's data download is missing"
    curve = pd.read_csv(downloads[0], keep_default_na=False, na_values=[""])
    dimensions = list(multiverse.DIMENSIONS)
    cases = explorer_cases(curve, dimensions)
    assert len(cases) >= 20
    as_value = lambda v: repr(float(v)) if isinstance(v, float) else str(v)  # noqa: E731
    payload = [{"choice": {d: as_value(row[d]) for d in dimensions}} for _, row in cases.iterrows()]
    (tmp_path / "cases.json").write_text(json.dumps(payload))
    r = run_node(node_tools, "explorer.js", str(site), EXPLORER_PAGE, str(tmp_path / "cases.json"))
    assert not (r["external"] or r["consoleErrors"] or r["pageErrors"] or r["failedRequests"]), r
    assert r["forms"] == 1 and r["visible"], r
    got = pd.DataFrame(r["results"])
    expected = cases.reset_index(drop=True)
    mismatch = expected[(got["answer"] != expected["answer"]) | (got["shown"] != expected["answer"]) | (got["reason"] != expected["reason"])
                        | (got["yes"] != expected["n_yes"].astype(str)) | (got["no"] != expected["n_no"].astype(str))
                        | (got["counted"] != expected["n_counted"].astype(str))]
    assert mismatch.empty, f"the explorer disagrees with Python on {len(mismatch)} of {len(cases)} specifications:\n{mismatch}\n{got.loc[mismatch.index]}"
    assert set(got["answer"]) >= {"not now", "no"}, "the cases should reach more than one answer"
    baseline = expected.iloc[0]
    assert r["initial"]["answer"] == r["afterReset"]["answer"] == baseline["answer"]
    assert r["tabOrder"] == [*dimensions, "reset"], r["tabOrder"]
    assert r["keyboardChanged"] and r["liveRegion"] == 1
    report(site, "explorer.txt", f"explorer: {len(cases)} specifications agree with the Python multiverse")
