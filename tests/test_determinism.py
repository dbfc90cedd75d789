"""Two builds of one commit give byte-identical figures, with no build date in them.

A chart is drawn with the book's style (:func:`asian_nato.report.style.new_figure`,
:func:`asian_nato.report.style.add_source`) and saved as SVG and PDF, both with
``savefig`` and the way the notebook kernel does it (IPython's
``print_figure``), in two separate Python processes started without
``SOURCE_DATE_EPOCH`` and with different hash seeds. The package itself must
make the files reproducible.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FORMATS = ("svg", "pdf")

DRAW = r'''
import sys
from pathlib import Path

from IPython.core.pylabtools import print_figure

from asian_nato.report import figures, style

figures.setup_notebook()
out = Path(sys.argv[1])
fig, ax = style.new_figure()
years = [2019, 2020, 2021, 2022, 2023]
for i, (name, values) in enumerate({"Japan": [1.0, 1.0, 1.1, 1.1, 1.2], "Australia": [1.9, 2.0, 2.0, 1.9, 1.9]}.items()):
    ax.plot(years, values, marker=style.MARKERS[i], label=name)
ax.bar([2019.5], [0.5], hatch=style.HATCHES[1], label="a bar")
ax.annotate("Direct label", xy=(2021, 1.1), xytext=(2021.5, 1.5), arrowprops={"arrowstyle": "->"})
ax.set_title("A test chart")
ax.legend()
style.add_source(fig, "Test data, hand-made")
for fmt in ("svg", "pdf"):
    fig.savefig(out / f"savefig.{fmt}", format=fmt)
    data = print_figure(fig, fmt)
    (out / f"inline.{fmt}").write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
'''


def draw(out: Path, seed: str) -> dict[str, bytes]:
    out.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"SOURCE_DATE_EPOCH", "PYTHONHASHSEED"}}
    env.update(PYTHONHASHSEED=seed, PYTHONPATH=str(REPO / "src"), MPLBACKEND="Agg")
    subprocess.run([sys.executable, "-c", DRAW, str(out)], env=env, check=True, timeout=300)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("figures")
    return draw(base / "first", "1"), draw(base / "second", "2")


def test_each_run_writes_every_file(two_runs):
    first, second = two_runs
    expected = {f"{how}.{fmt}" for how in ("savefig", "inline") for fmt in FORMATS}
    assert set(first) == set(second) == expected
    assert all(len(content) > 1000 for content in first.values())


@pytest.mark.parametrize("name", [f"{how}.{fmt}" for how in ("savefig", "inline") for fmt in FORMATS])
def test_figures_are_byte_identical_across_processes(two_runs, name):
    first, second = two_runs
    assert first[name] == second[name]


def test_svg_carries_no_build_date(two_runs):
    first, _ = two_runs
    today = dt.date.today().isoformat()
    for name in ("savefig.svg", "inline.svg"):
        svg = first[name].decode("utf-8")
        assert today not in svg
        # Matplotlib always writes <dc:date>; the style pins it to the epoch (SOURCE_DATE_EPOCH=0).
        assert re.findall(r"<dc:date>(.*?)</dc:date>", svg) in ([], ["1970-01-01T00:00:00+00:00"])


def test_pdf_carries_no_build_date(two_runs):
    first, _ = two_runs
    for name in ("savefig.pdf", "inline.pdf"):
        dates = re.findall(rb"/(?:CreationDate|ModDate) \(D:(\d+)", first[name])
        assert set(dates) <= {b"19700101000000"}, dates


# ---------------------------------------------------------------- the built site (make test builds it first)

_TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?")
_DECLARED = re.compile(r'Last updated on (\d{4}-\d{2}-\d{2})|<meta name="docbuild:last-update" content="(\d{4}-\d{2}-\d{2})"')
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def build_date_leaks(site: Path, build_days: set[str], data_dir: Path) -> tuple[set[str], list[str]]:
    """The declared "Last updated" dates, and every other time stamp or build-day date in the site's pages.

    A build day that is also a date in the data (a statement made that day) is not a leak.
    """
    data_dates = {d for f in data_dir.glob("*.csv") for d in _DATE.findall(f.read_text(encoding="utf-8"))}
    suspects = build_days - data_dates
    declared: set[str] = set()
    leaks: list[str] = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        declared |= {a or b for a, b in _DECLARED.findall(text)}
        rest = _DECLARED.sub("", text)
        name = page.relative_to(site)
        leaks += [f"{name}: time stamp {m}" for m in _TIMESTAMP.findall(rest)]
        leaks += [f"{name}: build day {d} ({rest.count(d)}x)" for d in sorted(suspects) if d in rest]
    return declared, leaks


def test_build_date_leaks_finds_a_stamp_outside_last_updated(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "positions.csv").write_text("date\n2026-01-05\n", encoding="utf-8")
    site = tmp_path / "html"
    (site / "book").mkdir(parents=True)
    footer = '<meta name="docbuild:last-update" content="2026-03-01"/> Last updated on 2026-03-01.'
    (site / "index.html").write_text(footer, encoding="utf-8")
    (site / "book" / "a.html").write_text(footer + " statement of 2026-01-05", encoding="utf-8")
    days = {"2026-03-01", "2026-01-05"}
    assert build_date_leaks(site, days, tmp_path / "data") == ({"2026-03-01"}, [])
    (site / "book" / "b.html").write_text(footer + " rule: not after 2026-03-01; built 2026-03-01T10:22", encoding="utf-8")
    declared, leaks = build_date_leaks(site, days, tmp_path / "data")
    assert leaks == ["book/b.html: time stamp 2026-03-01T10:22", "book/b.html: build day 2026-03-01 (2x)"]


@pytest.mark.build
def test_built_pages_carry_no_build_date_except_last_updated(site: Path):
    built = dt.date.fromtimestamp((site / "index.html").stat().st_mtime).isoformat()
    declared, leaks = build_date_leaks(site, {built, dt.date.today().isoformat()}, REPO / "data")
    assert len(declared) <= 1, declared
    assert leaks == []
