"""Collect every source URL of the book and, on request, check that it still answers.

The URLs come from the ``source`` column of every file in ``data/`` (each
';'-separated part that is a URL) and from the ``url`` fields of
``book/references.bib`` (read with pybtex). Each is reported with the file
and line it is on.

``python -m asian_nato.book.linkcheck``
    Offline (the default): count the URLs and check that each is a
    well-formed http(s) URL. No network access.

``python -m asian_nato.book.linkcheck --online`` (what ``make linkcheck`` runs)
    Also request each distinct URL (HEAD, then GET if HEAD is refused), with
    a timeout, and list every failure as ``file:line: URL -> reason``.
    (If no host at all resolves, the machine is taken to be offline: exit 2.) A
    missing page (404, 410, other 4xx) or a host that does not resolve is a
    failure; a page that only refuses robots (401, 403, 429), a server error
    or a timeout cannot be confirmed either way and is listed as a warning
    (``--strict`` makes those fail too). Exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import re
import socket
import ssl
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pybtex.database import Entry

from asian_nato.data import paths
from asian_nato.data.schemas import is_url
from asian_nato.data.validate import BIBLIOGRAPHY, DATA_FILES, LINE_COLUMN, BibliographyError, clean_bibliography, read_records

USER_AGENT = "Mozilla/5.0 (compatible; asian-nato-linkcheck/1.0; +https://example.org/asian-nato/)"
UNCONFIRMED_STATUSES = frozenset({401, 403, 429, 999})
_BIB_URL_FIELD = re.compile(r"^[ \t]*url[ \t]*=", re.IGNORECASE | re.MULTILINE)
# pybtex keeps a field's LaTeX as written; undo only the escapes a URL needs (pybtex's
# LaTeX decoding would also turn ~ into a no-break space and -- into an en dash).
_BIB_ESCAPE = re.compile(r"\\([%_&#~])")


@dataclass(frozen=True, order=True)
class Link:
    """One citation of a URL: the file and line it is on."""

    file: str
    line: int
    url: str

    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Result:
    """The outcome of requesting a URL: ``ok``, ``broken`` or ``unconfirmed``."""

    url: str
    outcome: str
    detail: str


# ---------------------------------------------------------------- collecting

def looks_like_url(part: str) -> bool:
    """A source part meant as a URL (as opposed to a bibliography key), well-formed or not."""
    return "://" in part or part.lower().startswith(("www.", "http"))


def data_links(data_dir: Path) -> list[Link]:
    """Every URL in the ``source`` column of the data files, with the line of its record."""
    frames = []
    for name in DATA_FILES:
        path = data_dir / name
        if not path.exists():
            continue
        frame, _ = read_records(path, f"data/{name}")
        if "source" not in frame.columns:
            continue
        parts = frame.assign(url=frame["source"].str.split(";")).explode("url")
        parts = parts.assign(url=parts["url"].str.strip(), file=f"data/{name}")
        frames.append(parts.loc[parts["url"].map(looks_like_url), ["file", LINE_COLUMN, "url"]])
    if not frames:
        return []
    links = pd.concat(frames, ignore_index=True)
    return [Link(f, int(n), u) for f, n, u in zip(links["file"], links[LINE_COLUMN], links["url"])]


def bib_links(bib_path: Path, label: str = BIBLIOGRAPHY) -> list[Link]:
    """Every ``url`` field of a BibTeX file (none if there is no file), LaTeX escapes undone, with its line.

    The line is the one where the entry's ``url =`` field starts, or, if the field
    does not start a line, the entry's first line (``@type{key,``). Raises
    BibliographyError if pybtex cannot read the file cleanly.
    """
    bibliography = clean_bibliography(bib_path, label)
    text = bibliography.text
    starts = _entry_starts(text, bibliography.entries)
    ends = starts[1:] + [len(text)]
    return [
        Link(label, _url_line(text, start, end), _BIB_ESCAPE.sub(r"\1", entry.fields["url"]))
        for entry, start, end in zip(bibliography.entries.values(), starts, ends)
        if "url" in entry.fields
    ]


def _entry_starts(text: str, entries: Mapping[str, Entry]) -> list[int]:
    """Where each entry's ``@type{key`` header starts in the text, in file order."""
    starts, cursor = [], 0
    for key, entry in entries.items():
        header = re.compile(rf"@\s*{re.escape(entry.original_type)}\s*[{{(]\s*{re.escape(key)}(?![^\s,}}])")
        found = header.search(text, cursor)
        assert found, f"pybtex read the entry {key!r} from this text, so its header is there"
        starts.append(found.start())
        cursor = found.end()
    return starts


def _url_line(text: str, start: int, end: int) -> int:
    """The line of the first ``url =`` that starts a line between start and end; else the line of start."""
    field = _BIB_URL_FIELD.search(text, start, end)
    return text.count("\n", 0, field.start() if field else start) + 1


def collect_links(data_dir: Path | None = None, bib_path: Path | None = None) -> list[Link]:
    """Every cited URL in data/ and the bibliography, sorted by file and line."""
    data_dir = data_dir or paths.data_dir()
    bib_path = bib_path or paths.bibliography()
    return sorted(data_links(data_dir) + bib_links(bib_path))


def malformed(links: list[Link]) -> list[Link]:
    """Links that are not well-formed http(s) URLs (the rule data validation applies)."""
    return [link for link in links if not is_url(link.url)]


# ---------------------------------------------------------------- checking

def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only: checked by is_url)
        if method == "GET":
            response.read(1024)
        return response.status


def classify_status(status: int) -> str:
    if status < 400:
        return "ok"
    if status in UNCONFIRMED_STATUSES or status >= 500:
        return "unconfirmed"
    return "broken"


def check_url(url: str, timeout: float = 15.0) -> Result:
    """Request a URL with HEAD, falling back to GET when HEAD fails, and classify the answer."""
    last = Result(url, "unconfirmed", "no answer")
    for method in ("HEAD", "GET"):
        try:
            status = _request(url, method, timeout)
            return Result(url, classify_status(status), f"HTTP {status}")
        except urllib.error.HTTPError as err:
            last = Result(url, classify_status(err.code), f"HTTP {err.code} {err.reason}".strip())
        except urllib.error.URLError as err:
            reason = err.reason
            if isinstance(reason, socket.gaierror):
                return Result(url, "broken", f"host not found ({reason.strerror})")
            if isinstance(reason, ConnectionRefusedError):
                return Result(url, "broken", "connection refused")
            if isinstance(reason, (TimeoutError, socket.timeout, ssl.SSLError)):
                last = Result(url, "unconfirmed", f"{type(reason).__name__}: {reason}")
            else:
                last = Result(url, "unconfirmed", f"{reason}")
        except (TimeoutError, socket.timeout) as err:
            last = Result(url, "unconfirmed", f"timeout after {timeout:g}s ({err})")
        except (OSError, ValueError) as err:
            last = Result(url, "unconfirmed", f"{type(err).__name__}: {err}")
    return last


def check_links(links: list[Link], timeout: float = 15.0, workers: int = 8) -> dict[str, Result]:
    """Request every distinct URL once, in parallel; results by URL."""
    urls = sorted({link.url for link in links})
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = pool.map(lambda u: check_url(u, timeout), urls)
        return dict(zip(urls, results))


def report_lines(links: list[Link], results: dict[str, Result], outcome: str) -> list[str]:
    """``file:line: URL -> reason`` for every citation of a URL with the given outcome."""
    return [
        f"{link.where()}: {link.url} -> {results[link.url].detail}"
        for link in sorted(links)
        if link.url in results and results[link.url].outcome == outcome
    ]


# ---------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m asian_nato.book.linkcheck", description=__doc__.split("\n\n")[0])
    parser.add_argument("--online", action="store_true", help="request every URL (needs network access)")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds per request (default 15)")
    parser.add_argument("--workers", type=int, default=8, help="parallel requests (default 8)")
    parser.add_argument("--strict", action="store_true", help="also fail on URLs that could not be confirmed")
    args = parser.parse_args(argv)

    try:
        links = collect_links()
    except BibliographyError as err:
        print(err, file=sys.stderr)
        return 1
    distinct = len({link.url for link in links})
    bad = malformed(links)
    for link in bad:
        print(f"{link.where()}: {link.url} -> not a well-formed http(s) URL", file=sys.stderr)
    print(f"linkcheck: {len(links)} citations of {distinct} distinct URLs in data/*.csv and book/references.bib")
    if not args.online:
        print("linkcheck: offline; run with --online to request each URL")
        return 1 if bad else 0

    results = check_links([link for link in links if link not in bad], args.timeout, args.workers)
    if results and all(r.detail.startswith("host not found") for r in results.values()):
        print("linkcheck: no host could be resolved; is this machine offline? Nothing was checked.", file=sys.stderr)
        return 2
    broken = report_lines(links, results, "broken")
    unconfirmed = report_lines(links, results, "unconfirmed")
    for line in broken:
        print(f"{line}", file=sys.stderr)
    for line in unconfirmed:
        print(f"warning: {line}", file=sys.stderr)
    counts = {o: sum(r.outcome == o for r in results.values()) for o in ("ok", "broken", "unconfirmed")}
    print(f"linkcheck: {counts['ok']} ok, {counts['broken']} broken, {counts['unconfirmed']} could not be confirmed")
    failed = bool(bad or broken or (args.strict and unconfirmed))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
