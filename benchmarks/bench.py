"""Benchmark cold, cached and incremental builds of the book (`make bench`).

Every scenario runs in a fresh copy of the repository (sharing .venv), so the
working tree is never touched, and times the README's own command, `make book`
(HTML and PDF), except row 2. Prints a table of medians over ``--runs`` runs:
wall time, peak memory of the build's processes, and notebooks executed; then
the execution floor (every notebook run alone, one after another), a cold
`make book` against that floor, a no-change `make book` against a cold one,
page weights, and the time the verdict's multiverse takes.

    python benchmarks/bench.py --runs 3            # everything
    python benchmarks/bench.py --runs 3 --no-test  # without the `make test` row
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
MEASURE = (
    "import resource, subprocess, sys, json, time;"
    "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
    "print(json.dumps({'code': r.returncode, 'seconds': time.perf_counter() - t,"
    " 'peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,"
    " 'tail': (r.stdout + r.stderr)[-2000:]}))"
)


@dataclass
class Run:
    seconds: float
    peak_mb: float
    executed: int


def fresh_copy(parent: Path, with_build_from: Path | None = None) -> Path:
    dest = parent / "book"
    ignore = shutil.ignore_patterns(".venv", ".git", "_build", "node_modules", "__pycache__")
    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    if with_build_from is not None:
        shutil.copytree(with_build_from / "_build", dest / "_build", symlinks=True)
    return dest


def env_for(copy: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {**os.environ, "ASIAN_NATO_ROOT": str(copy), "PYTHONPATH": str(copy / "src"), **(extra or {})}


def measured(cmd: list[str], copy: Path, extra_env: dict[str, str] | None = None) -> dict:
    out = subprocess.run([PY, "-c", MEASURE, *cmd], cwd=copy, env=env_for(copy, extra_env), capture_output=True, text=True,
                         check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{result['tail']}")
    return result


def executed_count(copy: Path) -> int:
    path = copy / "_build" / "executed.json"
    return len(json.loads(path.read_text())["html"]) if path.exists() else 0


def build(copy: Path, targets: tuple[str, ...], extra_env: dict[str, str] | None = None) -> Run:
    """Run the targets in order: "book" is the README's `make book`; "html" and "pdf" are the build steps alone."""
    seconds = peak = 0.0
    executed = 0
    for target in targets:
        command = ["make", "--no-print-directory", "book"] if target == "book" else [PY, "-m", "asian_nato.book.build", target]
        result = measured(command, copy, extra_env)
        seconds += result["seconds"]
        peak = max(peak, result["peak_mb"])
        if target in ("html", "book"):
            executed = executed_count(copy)
    return Run(seconds, peak, executed)


def edit_prose(copy: Path) -> None:
    path = copy / "book" / "02_memberships.md"
    text = path.read_text(encoding="utf-8")
    # after the chapter's takeaway heading, whatever it is called ("## Takeaway: ...")
    edited, n = re.subn(r"^(## Takeaway\b.*\n)", r"\1\nA sentence added by the benchmark.\n", text, count=1, flags=re.M)
    assert n == 1, f"no takeaway heading in {path}"
    path.write_text(edited, encoding="utf-8")


def edit_code_cell(copy: Path) -> None:
    path = copy / "book" / "02_memberships.md"
    text = path.read_text(encoding="utf-8")
    marker = "```{code-cell} ipython3\n"
    index = text.index(marker) + len(marker)
    # skip the cell's option lines so the edit lands in its code
    rest = text[index:]
    skip = 0
    if rest.startswith("---\n"):
        skip = rest.index("---\n", 4) + 4
    else:
        while rest[skip:].startswith(":"):
            skip += rest[skip:].index("\n") + 1
    path.write_text(text[: index + skip] + "# edited by the benchmark\n" + text[index + skip:], encoding="utf-8")


def edit_each_data_file(copy: Path) -> None:
    """Change one value in each data file, keeping it valid."""
    import pandas as pd

    data = copy / "data"
    edits = {
        "countries.csv": ("name", lambda f: f["iso3"] == "NZL", "New Zealand (edited)"),
        "organizations.csv": ("short_name", lambda f: f["org_id"] == "quad", "Quad (edited)"),
        "memberships.csv": ("note", lambda f: f.index == f.index[0], "edited by the benchmark"),
        "positions.csv": ("summary", lambda f: f.index == f.index[0], "Edited by the benchmark."),
        "indicators.csv": ("value", lambda f: (f["iso3"] == "CHN") & (f["indicator"] == "milex_const_usd_m") & (f["year"] == f.loc[(f["iso3"] == "CHN") & (f["indicator"] == "milex_const_usd_m"), "year"].max()), "300000"),
    }
    for name, (column, where, value) in edits.items():
        frame = pd.read_csv(data / name, dtype=str, keep_default_na=False)
        frame.loc[where(frame), column] = value
        frame.to_csv(data / name, index=False, lineterminator="\n")


def scenario(name: str, runs: int, base: Path | None, prepare, targets: tuple[str, ...],
             extra_env: dict[str, str] | None = None) -> tuple[str, list[Run]]:
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            copy = fresh_copy(Path(tmp), with_build_from=base)
            if base is not None:
                # Sphinx discards its environment when the source folder moves, so the
                # first build of a copy re-reads every page. A maintainer rebuilds in
                # place: settle the copy once, unmeasured, then measure.
                build(copy, targets)
            if prepare:
                prepare(copy)
            results.append(build(copy, targets, extra_env))
    return name, results


def notebook_floor(copy: Path) -> tuple[float, int]:
    """Seconds to execute every chapter alone with nbclient, and the count."""
    total = 0.0
    chapters = sorted((copy / "book").glob("*.md"))
    count = 0
    for chapter in chapters:
        if "kernelspec" not in chapter.read_text(encoding="utf-8")[:400]:
            continue
        out = Path(tempfile.mkdtemp()) / f"{chapter.stem}.ipynb"
        started = time.perf_counter()
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "jupytext"), "--to", "ipynb", "--execute", str(chapter), "-o", str(out)],
            cwd=chapter.parent, env=env_for(copy), capture_output=True, check=True,
        )
        total += time.perf_counter() - started
        count += 1
    return total, count


MULTIVERSE = """
import json, time
from asian_nato.analysis import coalitions, multiverse
from asian_nato import data
from asian_nato.analysis import memberships as ms
statements, organizations, memberships = data.load_positions(), data.load_organizations(), data.load_memberships()
indicators, clauses = data.load_indicators(), data.load_clauses()
today = ms.snapshot_date(data.data_version()["as_of"])
analysis = coalitions.analyse(statements, indicators, organizations, memberships, today, clauses=clauses)
members = analysis.scenarios["Ishiba's Asian NATO"]
governments, opinion = data.load_governments(), data.load_opinion()
t = time.perf_counter()
universe = multiverse.coalition_universe(indicators, organizations, memberships, clauses, today, members)
specs = multiverse.run(multiverse.Inputs(statements, governments, opinion, indicators, universe, today, tuple(members)))
t_run = time.perf_counter() - t
t = time.perf_counter()
dates = multiverse.snapshot_dates(2016, today)
multiverse.verdict_over_time(statements, governments, opinion, indicators, organizations, memberships, clauses, dates)
print(json.dumps({"specs": len(specs), "run_s": t_run, "snapshots": len(dates), "over_time_s": time.perf_counter() - t}))
"""


def multiverse_timing(copy: Path) -> dict:
    """Seconds to compute every specification of the verdict, and the verdict at every snapshot (chapter 10)."""
    result = subprocess.run([PY, "-c", MULTIVERSE], cwd=copy, env=env_for(copy), capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def page_weights(site: Path) -> dict[str, float]:
    """What a browser loads for each chapter page (the HTML and the images it shows, theme assets excluded),
    and apart from that the largest file a page offers for download (a figure's data, which loads only on a click)."""
    sizes, downloads = [], [0]
    for page in sorted((site / "book").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        size = page.stat().st_size
        for ref in set(re.findall(r"src=\"([^\"#?]+\.(?:svg|png|jpg|jpeg))\"", text)):
            target = (page.parent / ref).resolve()
            if target.exists() and "_static" not in target.parts:
                size += target.stat().st_size
        for ref in set(re.findall(r"href=\"([^\"#?]+\.(?:csv|json|zip))\"", text)):
            target = (page.parent / ref).resolve()
            if target.exists():
                downloads.append(target.stat().st_size)
        sizes.append(size)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"median_kb": statistics.median(sizes) / 1024, "largest_kb": max(sizes) / 1024,
            "largest_download_mb": max(downloads) / 2**20, "site_mb": total / 2**20}


def fmt(rows: list[tuple[str, list[Run]]]) -> str:
    lines = [f"{'scenario':<44} {'wall s':>8} {'peak MB':>8} {'executed':>9}", "-" * 72]
    for name, runs in rows:
        lines.append(
            f"{name:<44} {statistics.median(r.seconds for r in runs):8.1f} "
            f"{statistics.median(r.peak_mb for r in runs):8.0f} {statistics.median(r.executed for r in runs):9.0f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-test", action="store_true", help="skip the `make test` row")
    args = parser.parse_args()
    runs = max(1, args.runs)

    rows = [scenario("1. cold `make book` (HTML and PDF)", runs, None, None, ("book",))]
    rows.append(scenario("2. cold build, HTML only", runs, None, None, ("html",)))
    rows.append(scenario("2b. cold `make book`, one notebook at a time", runs, None, None, ("book",), {"ASIAN_NATO_JOBS": "1"}))

    with tempfile.TemporaryDirectory(prefix="bench-base-") as tmp:
        base = fresh_copy(Path(tmp))
        build(base, ("book",))
        rows.append(scenario("3. `make book`, nothing changed", runs, base, None, ("book",)))
        rows.append(scenario("4. `make book` after a prose edit", runs, base, edit_prose, ("book",)))
        rows.append(scenario("5. `make book` after a code-cell edit", runs, base, edit_code_cell, ("book",)))
        rows.append(scenario("6. `make book` after a change in every data file", runs, base, edit_each_data_file, ("book",)))
        weights = page_weights(base / "_build" / "html")
        pdf_mb = (base / "_build" / "html" / "_downloads" / "asian-nato.pdf").stat().st_size / 2**20
        floor, notebooks = notebook_floor(base)
        verdicts = multiverse_timing(base)

    if not args.no_test:
        test_runs = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="bench-test-") as tmp:
                copy = fresh_copy(Path(tmp))
                result = measured(["make", "test"], copy)
                test_runs.append(Run(result["seconds"], result["peak_mb"], executed_count(copy)))
        rows.append(("7. make test (shared venv, cold build)", test_runs))

    print(fmt(rows))
    cold_book = statistics.median(r.seconds for r in rows[0][1])
    serial_book = statistics.median(r.seconds for r in rows[2][1])
    nochange = statistics.median(r.seconds for r in rows[3][1])
    print()
    print(f"floor: {notebooks} notebooks executed one after another, each alone, in {floor:.1f} s")
    print(f"cold `make book` / floor = {cold_book / floor:.2f} (target 0.60 or less; {os.cpu_count()} cores)")
    print(f"cold `make book` / the same build one notebook at a time (ASIAN_NATO_JOBS=1) = {cold_book / serial_book:.2f}")
    print(f"no-change `make book` / cold `make book` = {nochange / cold_book:.1%} (target 5% or less)")
    print(f"page weight (HTML + the images it shows, no theme assets): median {weights['median_kb']:.0f} KB, "
          f"largest {weights['largest_kb']:.0f} KB; largest download (a figure's data) {weights['largest_download_mb']:.1f} MB")
    print(f"site {weights['site_mb']:.1f} MB; PDF {pdf_mb:.2f} MB")
    print(f"multiverse: {verdicts['specs']:,} specifications in {verdicts['run_s']:.1f} s; "
          f"verdict at {verdicts['snapshots']} snapshots in {verdicts['over_time_s']:.1f} s")


if __name__ == "__main__":
    main()
