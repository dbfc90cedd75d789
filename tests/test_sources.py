"""Sources: every cited URL is well-formed, every cited key exists, one URL has one date.

The first tests run offline on the repository's own data/ and bibliography
(whatever their contents). The others check :mod:`asian_nato.book.linkcheck` and
:func:`asian_nato.data.validate.source_date_conflicts` on small hand-built inputs;
the online checker is tested against a throw-away HTTP server on localhost.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from asian_nato.book import linkcheck
from asian_nato.data import paths
from asian_nato.book.linkcheck import Link, Result
from asian_nato.data.schemas import is_url
from asian_nato.data.validate import DATA_FILES, LINE_COLUMN, bibliography_keys, read_records, source_date_conflicts

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "valid"


def repo_frames() -> dict[str, pd.DataFrame]:
    frames = {}
    for name in DATA_FILES:
        frame, problems = read_records(paths.data_dir() / name, f"data/{name}")
        assert problems == [], problems
        frames[name] = frame
    return frames


def source_parts(frames: dict[str, pd.DataFrame]) -> pd.Series:
    """Every ';'-separated part of every source cell."""
    cells = pd.concat([f["source"] for f in frames.values() if "source" in f.columns], ignore_index=True)
    return cells.str.split(";").explode().str.strip()


# ---------------------------------------------------------------- the repository's data

def test_every_cited_url_is_well_formed():
    links = linkcheck.collect_links()
    assert links, "no URL found in data/ or the bibliography"
    assert [f"{link.where()}: {link.url}" for link in linkcheck.malformed(links)] == []


def test_every_bibliography_url_is_well_formed():
    bib = linkcheck.bib_links(paths.bibliography())
    assert [f"{link.where()}: {link.url}" for link in bib if not is_url(link.url)] == []


def test_every_cited_key_is_in_the_bibliography():
    parts = source_parts(repo_frames())
    keys = parts[~parts.map(linkcheck.looks_like_url)]
    missing = sorted(set(keys) - bibliography_keys(paths.bibliography()))
    assert missing == []


def test_no_url_is_cited_with_two_source_dates():
    assert [str(p) for p in source_date_conflicts(repo_frames())] == []


# ---------------------------------------------------------------- source_date_conflicts on a toy frame

def toy(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["source", "source_date", LINE_COLUMN])


def test_source_date_conflicts_flags_the_later_citation_with_another_date():
    frames = {
        "organizations.csv": toy([("https://a.example.org/x", "2020-01-02", 2), ("key2020", "2020", 3)]),
        "memberships.csv": toy([
            ("https://a.example.org/x", "2020-01-02", 2),   # same date: fine
            ("https://a.example.org/x", "2021", 5),         # clash
            ("https://a.example.org/y", "2019", 6),
            ("https://a.example.org/x;key2020", "1999", 7),  # a list of sources is not a single URL
        ]),
        "countries.csv": pd.DataFrame({"source": ["https://a.example.org/x"], LINE_COLUMN: [2]}),  # no source_date
    }
    problems = source_date_conflicts(frames)
    assert [(p.file, p.line, p.column, p.value) for p in problems] == [("data/memberships.csv", 5, "source_date", "2021")]
    assert "source_date 2020-01-02" in problems[0].rule


def test_source_date_conflicts_accepts_consistent_dates_and_empty_frames():
    frames = {
        "positions.csv": toy([("https://a.example.org/x", "2020", 2), ("https://a.example.org/x", "2020", 9)]),
        "memberships.csv": toy([]),
        "indicators.csv": pd.DataFrame(),
    }
    assert source_date_conflicts(frames) == []


# ---------------------------------------------------------------- linkcheck: collecting

def test_collect_links_finds_every_url_with_its_line():
    links = linkcheck.collect_links(FIXTURE, FIXTURE / "references.bib")
    us_japan, quad = "https://example.org/treaties/us-japan", "https://example.org/quad"
    assert links == sorted([
        Link("book/references.bib", 7, "https://www.iso.org/iso-3166-country-codes.html"),
        Link("book/references.bib", 20, "https://www.sipri.org/databases/milex"),
        Link("data/organizations.csv", 2, us_japan),
        Link("data/organizations.csv", 3, quad),
        Link("data/memberships.csv", 2, us_japan),
        Link("data/memberships.csv", 3, us_japan),
        Link("data/memberships.csv", 4, quad),
        Link("data/memberships.csv", 5, quad),
        Link("data/memberships.csv", 7, "https://example.org/seato"),
        Link("data/positions.csv", 2, "https://example.org/statements/1"),
        Link("data/positions.csv", 4, "https://example.org/statements/3"),
        Link("data/positions.csv", 6, "https://example.org/statements/4"),
        Link("data/governments.csv", 2, "https://example.org/gov/usa"),
        Link("data/governments.csv", 3, "https://example.org/gov/jpn"),
        Link("data/governments.csv", 4, "https://example.org/gov/chn"),
        Link("data/governments.csv", 5, quad),
        Link("data/opinion.csv", 2, "https://example.org/survey/2024"),
        Link("data/opinion.csv", 3, "https://example.org/survey/2024"),
        Link("data/milex_estimates.csv", 2, "https://example.org/estimate/1"),
        Link("data/clauses.csv", 2, us_japan),
        Link("data/clarifications.csv", 2, "https://example.org/statements/senkaku"),
        Link("data/legal_limits.csv", 2, "https://example.org/law/jpn"),
        Link("data/history.csv", 2, "https://example.org/history/seato"),
    ])
    assert linkcheck.malformed(links) == []


def test_bib_links_unescapes_and_reports_malformed_urls(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@misc{a,\n  url = {https://a.example.org/x\\_y?q=1\\&r=2},\n}\n"
        "@misc{b,\n  URL = \"htp://b.example.org\",\n  note = {url = {not a field}}\n}\n",
        encoding="utf-8",
    )
    links = linkcheck.bib_links(bib)
    assert links == [
        Link("book/references.bib", 2, "https://a.example.org/x_y?q=1&r=2"),
        Link("book/references.bib", 5, "htp://b.example.org"),
    ]
    assert linkcheck.malformed(links) == [links[1]]


def test_offline_command_counts_and_fails_on_a_malformed_url(empty_repo, capsys):
    root = empty_repo
    (root / "data" / "positions.csv").write_text(
        "position_id,source,source_date\nP001,https://a.example.org/x;key,2020\nP002,https://a.example.org/x,2020\n"
        "P003,http//broken.example.org,2020\n",
        encoding="utf-8",
    )
    (root / "book" / "references.bib").write_text("@misc{key,\n url = {https://b.example.org}\n}\n", encoding="utf-8")
    assert linkcheck.main([]) == 1
    out, err = capsys.readouterr()
    assert "4 citations of 3 distinct URLs" in out
    assert err.strip() == "data/positions.csv:4: http//broken.example.org -> not a well-formed http(s) URL"


# ---------------------------------------------------------------- linkcheck: requesting (localhost only)

class _Handler(BaseHTTPRequestHandler):
    def _answer(self, send_body: bool) -> None:
        routes = {"/ok": 200, "/gone": 404, "/forbidden": 403, "/broken-server": 500}
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        if self.path == "/no-head" and not send_body:
            self.send_response(405)
            self.end_headers()
            return
        status = 200 if self.path == "/no-head" else routes.get(self.path, 404)
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if send_body:
            self.wfile.write(b"hi")

    def do_HEAD(self):  # noqa: N802
        self._answer(send_body=False)

    def do_GET(self):  # noqa: N802
        self._answer(send_body=True)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_check_links_classifies_answers(local_site):
    paths_ = ["/ok", "/moved", "/no-head", "/gone", "/forbidden", "/broken-server"]
    links = [Link("data/positions.csv", n, local_site + p) for n, p in enumerate(paths_, start=2)]
    results = linkcheck.check_links(links, timeout=5, workers=3)
    outcomes = {url.removeprefix(local_site): r.outcome for url, r in results.items()}
    assert outcomes == {
        "/ok": "ok", "/moved": "ok", "/no-head": "ok",
        "/gone": "broken", "/forbidden": "unconfirmed", "/broken-server": "unconfirmed",
    }
    assert linkcheck.report_lines(links, results, "broken") == [
        f"data/positions.csv:5: {local_site}/gone -> HTTP 404 Not Found"
    ]


def test_refused_connection_is_broken():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert linkcheck.check_url(f"http://127.0.0.1:{port}/", timeout=5).outcome == "broken"


def test_report_lists_every_citation_of_a_failed_url():
    links = [Link("data/a.csv", 3, "https://x.example.org"), Link("book/references.bib", 9, "https://x.example.org"),
             Link("data/a.csv", 4, "https://y.example.org")]
    results = {"https://x.example.org": Result("https://x.example.org", "broken", "HTTP 410 Gone"),
               "https://y.example.org": Result("https://y.example.org", "ok", "HTTP 200")}
    assert linkcheck.report_lines(links, results, "broken") == [
        "book/references.bib:9: https://x.example.org -> HTTP 410 Gone",
        "data/a.csv:3: https://x.example.org -> HTTP 410 Gone",
    ]


def test_online_command_reports_failures_with_file_and_line(empty_repo, monkeypatch, capsys):
    root = empty_repo
    (root / "data" / "positions.csv").write_text(
        "position_id,source\nP001,https://a.example.org/gone\nP002,https://a.example.org/ok;https://a.example.org/gone\n",
        encoding="utf-8",
    )
    (root / "book" / "references.bib").write_text("@misc{k,\n url = {https://b.example.org/robots-only}\n}\n", encoding="utf-8")
    answers = {
        "https://a.example.org/gone": Result("https://a.example.org/gone", "broken", "HTTP 404 Not Found"),
        "https://a.example.org/ok": Result("https://a.example.org/ok", "ok", "HTTP 200"),
        "https://b.example.org/robots-only": Result("https://b.example.org/robots-only", "unconfirmed", "HTTP 403 Forbidden"),
    }
    monkeypatch.setattr(linkcheck, "check_url", lambda url, timeout=15.0: answers[url])
    assert linkcheck.main(["--online"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "data/positions.csv:2: https://a.example.org/gone -> HTTP 404 Not Found",
        "data/positions.csv:3: https://a.example.org/gone -> HTTP 404 Not Found",
        "warning: book/references.bib:2: https://b.example.org/robots-only -> HTTP 403 Forbidden",
    ]
    assert "1 ok, 1 broken, 1 could not be confirmed" in out
    answers.pop("https://a.example.org/gone")
    (root / "data" / "positions.csv").write_text("position_id,source\nP002,https://a.example.org/ok\n", encoding="utf-8")
    assert linkcheck.main(["--online"]) == 0
    assert linkcheck.main(["--online", "--strict"]) == 1


def test_online_command_says_so_when_offline(empty_repo, monkeypatch, capsys):
    root = empty_repo
    (root / "data" / "positions.csv").write_text("position_id,source\nP001,https://a.example.org/x\n", encoding="utf-8")
    monkeypatch.setattr(linkcheck, "check_url", lambda url, timeout=15.0: Result(url, "broken", "host not found (no DNS)"))
    assert linkcheck.main(["--online"]) == 2
    assert "offline" in capsys.readouterr().err
