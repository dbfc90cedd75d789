"""Build the book: validate, then HTML, then the PDF from the same execution cache.

``python -m asian_nato.book.build html`` and ``python -m asian_nato.book.build pdf``
are what ``make book`` runs. The rules:

* Data is validated first; if it is invalid, nothing executes and any old
  ``_build/html`` is removed, so no stale site is passed off as current.
* Sphinx runs strictly (``-n -W --keep-going``); a failed build also removes
  ``_build/html`` and Sphinx's pickled environment, so the next build rereads
  every page and reports its warnings again (the execution cache stays, so no
  notebook re-executes for that reason).
* The PDF is built by the LaTeX builder from the cached notebook outputs,
  compiled with xelatex, checked for missing glyphs, and copied to
  ``_build/html/_downloads/`` where every page links to it. The LaTeX builder
  works in its own tree, ``_build/pdf/`` (its own pickled environment and
  output files), so ``book`` runs it beside the HTML builder.
* Stale chapters are executed first, in parallel (:mod:`asian_nato.book.execute`),
  into the cache MyST-NB reads, so Sphinx itself executes nothing.
* ``python -m asian_nato.book.build book`` (what ``make book`` runs) validates and
  executes once, then runs the HTML builder and the LaTeX builder plus
  xelatex at the same time; ``html`` and ``pdf`` run one step alone.
* A step whose inputs have not changed since it last succeeded is skipped:
  the inputs are every file the build reads (the chapters and their assets,
  ``data/``, the package, ``_config.yml``, ``_toc.yml``, ``CITATION.cff``,
  ``requirements.txt``) and ``BOOK_BASE_URL``, hashed into a stamp under
  ``_build/.stamps/``. Any change to one of them runs the step again; a
  failed step removes its stamp.
* Each run appends its log to ``_build/build.log``; the notebooks executed in
  the last run are listed in ``_build/executed.json``.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from asian_nato.data import paths

# Kept free of pandas and Sphinx at import time: a no-change `make book` only hashes files.
PDF_NAME = "asian-nato.pdf"
INPUT_FILES = ("_config.yml", "_toc.yml", "CITATION.cff", "requirements.txt")
INPUT_DIRS = ("book", "data", "src/asian_nato")
_NOT_INPUTS = {"_generated", ".ipynb_checkpoints", "__pycache__"}
STRICT = ["-n", "-W", "--keep-going"]
_EXECUTED = re.compile(r"(?:^|\s)([\w/.-]+): Executing notebook using")
_MISSING_GLYPH = re.compile(r"Missing character: There is no (.+?) in font ([^!]+)!", re.DOTALL)


class BuildError(RuntimeError):
    pass


def _jupyter_book() -> str:
    candidate = Path(sys.executable).with_name("jupyter-book")
    return str(candidate) if candidate.exists() else "jupyter-book"


def input_files() -> list[Path]:
    """Every file a build reads, sorted."""
    root = paths.repo_root()
    files = [root / name for name in INPUT_FILES if (root / name).exists()]
    for folder in INPUT_DIRS:
        files += [
            f for f in (root / folder).rglob("*")
            if f.is_file() and not _NOT_INPUTS & set(f.relative_to(root).parts) and f.suffix not in {".pyc", ".ipynb"}
        ]
    return sorted(files)


def inputs_fingerprint() -> str:
    """A hash of every input file's path and bytes, and of the settings the build reads from the environment."""
    root = paths.repo_root()
    digest = hashlib.sha256(os.environ.get("BOOK_BASE_URL", "").strip().encode())
    for path in input_files():
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _stamp(step: str) -> Path:
    return paths.build_dir() / ".stamps" / f"{step}.json"


def up_to_date(step: str, fingerprint: str, outputs: list[Path]) -> bool:
    """Whether ``step`` last succeeded on these very inputs and its outputs are still there."""
    stamp = _stamp(step)
    if not stamp.exists() or not all(o.exists() for o in outputs):
        return False
    return json.loads(stamp.read_text()).get("inputs") == fingerprint


def _record_success(step: str, fingerprint: str) -> None:
    stamp = _stamp(step)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"inputs": fingerprint}) + "\n")


def _forget_success(*steps: str) -> None:
    for step in steps:
        _stamp(step).unlink(missing_ok=True)


def _remove_site(reason: str) -> None:
    _forget_success("html", "pdf")
    html = paths.build_dir() / "html"
    if html.exists():
        shutil.rmtree(html)
        print(f"build: removed _build/html ({reason}); no stale site is left in its place.", file=sys.stderr)
    # Sphinx reports a page's warnings only when it reads the page. Without this, a rerun finds the
    # failed pages up to date, stays silent and writes them, unresolved glue and all.
    _forget_read_pages()


def _forget_read_pages() -> None:
    """Drop Sphinx's pickled environment so the next build rereads (not re-executes) every page."""
    for doctrees in (paths.build_dir() / ".doctrees", latex_dir().parent / ".doctrees"):
        (doctrees / "environment.pickle").unlink(missing_ok=True)


def _run_logged(cmd: list[str], cwd: Path, echo: bool = True) -> tuple[int, str]:
    """Run a command, streaming its output (unless ``echo`` is false), and return (exit code, output)."""
    log_path = paths.build_dir() / "build.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    with subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc, \
            log_path.open("a", encoding="utf-8") as log:
        log.write(f"$ {' '.join(cmd)}\n")
        assert proc.stdout is not None
        for line in proc.stdout:
            if echo:
                sys.stdout.write(line)
            log.write(line)
            lines.append(line)
    return proc.returncode, "".join(lines)


def executed_notebooks(output: str) -> list[str]:
    """Docnames of the notebooks that a Sphinx run executed (rather than took from the cache)."""
    return sorted(set(_EXECUTED.findall(output)))


def validate_first() -> None:
    """Validate data/ before anything runs; then tell the notebooks this build starts that these inputs are valid."""
    from asian_nato.data.validate import VALIDATED, collect_problems, validation_key

    problems = collect_problems()
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        _remove_site("data/ is invalid")
        raise BuildError(f"{len(problems)} data problem(s); nothing was built.")
    os.environ[VALIDATED] = validation_key()


def _say_up_to_date(step: str) -> None:
    print(f"build: {step} is up to date (no input changed since it was built); nothing to do")


def _write_executed(executed: list[str]) -> None:
    path = paths.build_dir() / "executed.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"html": sorted(executed)}, indent=1) + "\n")


def latex_dir() -> Path:
    """Where the LaTeX builder writes the .tex, the xelatex log and the PDF."""
    return paths.build_dir() / "pdf" / "_build" / "latex"


def _html_outputs() -> list[Path]:
    return [paths.build_dir() / "html" / "index.html"]


def _pdf_outputs() -> list[Path]:
    return [latex_dir() / "asian-nato.pdf", paths.build_dir() / "html" / "_downloads" / PDF_NAME]


def _sphinx_html(root: Path) -> tuple[int, str]:
    return _run_logged([_jupyter_book(), "build", ".", *STRICT, "--builder", "html"], root)


def _finish_html(code: int, output: str, pre_executed: list[str], fingerprint: str) -> list[str]:
    executed = sorted(set(pre_executed) | set(executed_notebooks(output)))
    _write_executed(executed)
    if code != 0:
        _remove_site("the HTML build failed")
        raise BuildError(f"jupyter-book build failed (exit {code}); see the messages above and _build/build.log")
    _record_success("html", fingerprint)
    return executed


def _execute_stale() -> list[str]:
    from asian_nato.book.execute import execute_stale

    return [str(o.path) for o in execute_stale() if o.error is None]


def build_html() -> list[str]:
    fingerprint = inputs_fingerprint()
    if up_to_date("html", fingerprint, _html_outputs()):
        _write_executed([])
        _say_up_to_date("HTML")
        return []
    _forget_success("html")
    validate_first()
    pre_executed = _execute_stale()
    code, output = _sphinx_html(paths.repo_root())
    return _finish_html(code, output, pre_executed, fingerprint)


def check_latex_log(log_text: str) -> list[str]:
    """Glyphs the PDF is missing, from an xelatex log."""
    # TeX wraps its log at 79 characters, so a message may run over two lines.
    return sorted({(g.replace("\n", ""), f.replace("\n", "")) for g, f in _MISSING_GLYPH.findall(log_text)})


_OVERFULL = re.compile(r"Overfull \\hbox \(([\d.]+)pt too wide\) in (?:paragraph|alignment) at lines (\d+)--(\d+)")
_TOO_HIGH = re.compile(r"Overfull \\vbox \(([\d.]+)pt too high\) has occurred while \\output is active")
_TABLE_ENVIRONMENT = re.compile(r"\\(begin|end)\{(longtable|tabulary|tabular)\}")
TOLERANCE_PT = 1.0


def table_line_ranges(tex: str) -> list[tuple[int, int]]:
    """(first, last) line of each table environment in a LaTeX file, 1-based."""
    ranges, start = [], None
    for number, line in enumerate(tex.splitlines(), start=1):
        for kind, _ in _TABLE_ENVIRONMENT.findall(line):
            if kind == "begin" and start is None:
                start = number
            elif kind == "end" and start is not None:
                ranges.append((start, number))
                start = None
    return ranges


def table_overflows(tex: str, log_text: str, tolerance: float = TOLERANCE_PT) -> list[str]:
    """Where the PDF's tables do not fit: text wider than its column or the line, or a page too high to print."""
    tables = table_line_ranges(tex)
    problems = [
        f"a table cell at lines {first}--{last} of the .tex is {float(width):.1f}pt too wide"
        for width, first, last in _OVERFULL.findall(log_text)
        if float(width) > tolerance and any(a <= int(first) and int(last) <= b for a, b in tables)
    ]
    problems += [f"a page is {float(height):.1f}pt too high (a table that cannot break?)"
                 for height in _TOO_HIGH.findall(log_text) if float(height) > tolerance]
    return problems


def _latex_to_pdf(root: Path, echo: bool = True) -> tuple[Path, list[str]]:
    """The LaTeX builder (in ``_build/pdf``) and xelatex; returns the PDF and warnings, or raises."""
    code, output = _run_logged(
        [_jupyter_book(), "build", ".", *STRICT, "--builder", "latex", "--path-output", str(latex_dir().parents[1])],
        root, echo,
    )
    if code != 0:
        raise BuildError(f"LaTeX build failed (exit {code})" + ("" if echo else f":\n{output[-3000:]}"))
    notes = []
    if executed_notebooks(output):
        notes.append("note: the LaTeX build executed notebooks that the HTML build had not cached")
    folder = latex_dir()
    code, _ = _run_logged(
        ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error", "asian-nato.tex"],
        folder, echo,
    )
    log_text = (folder / "asian-nato.log").read_text(encoding="utf-8", errors="replace")
    if code != 0:
        raise BuildError(f"xelatex failed; see {(folder / 'asian-nato.log').relative_to(root)}")
    missing = check_latex_log(log_text)
    if missing:
        listing = "; ".join(f"{glyph} in {font}" for glyph, font in missing)
        raise BuildError(f"the PDF is missing glyphs: {listing}")
    notes += [f"warning: {p}" for p in table_overflows((folder / "asian-nato.tex").read_text(encoding="utf-8"), log_text)]
    return folder / "asian-nato.pdf", notes


def _publish_pdf(pdf: Path, notes: list[str], fingerprint: str) -> Path:
    for note in notes:
        print(f"build: {note}", file=sys.stderr)
    target = paths.build_dir() / "html" / "_downloads" / PDF_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(pdf, target)
    _record_success("pdf", fingerprint)
    print(f"build: PDF at {target.relative_to(paths.repo_root())}")
    return target


def build_pdf() -> Path:
    fingerprint = inputs_fingerprint()
    target = paths.build_dir() / "html" / "_downloads" / PDF_NAME
    if up_to_date("pdf", fingerprint, _pdf_outputs()):
        _say_up_to_date("PDF")
        return target
    _forget_success("pdf")
    validate_first()
    return _publish_pdf(*_latex_to_pdf(paths.repo_root()), fingerprint)


def build_book() -> None:
    """Validate and execute once, then build the HTML and the PDF side by side (the PDF's output is shown after)."""
    fingerprint = inputs_fingerprint()
    html_done = up_to_date("html", fingerprint, _html_outputs())
    pdf_done = up_to_date("pdf", fingerprint, _pdf_outputs())
    if html_done and pdf_done:
        _write_executed([])
        _say_up_to_date("HTML")
        _say_up_to_date("PDF")
        return
    _forget_success(*(step for step, done in (("html", html_done), ("pdf", pdf_done)) if not done))
    validate_first()
    pre_executed = _execute_stale()
    root = paths.repo_root()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pdf = None if pdf_done else pool.submit(_latex_to_pdf, root, False)
        if html_done:
            _write_executed(pre_executed)
            _say_up_to_date("HTML")
        else:
            code, output = _sphinx_html(root)
            try:
                _finish_html(code, output, pre_executed, fingerprint)
            except BuildError:
                if pdf is not None:
                    concurrent.futures.wait([pdf])
                    _forget_read_pages()  # the LaTeX builder may have pickled its environment since
                raise
        # A step not up to date lost its stamp above, so a failure here leaves none behind.
        if pdf is not None:
            _publish_pdf(*pdf.result(), fingerprint)
        else:
            _say_up_to_date("PDF")


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    target = args[0] if args else "html"
    try:
        if target == "html":
            build_html()
        elif target == "pdf":
            build_pdf()
        elif target == "book":
            build_book()
        else:
            print(f"usage: python -m asian_nato.book.build [html|pdf|book]; got {target!r}", file=sys.stderr)
            return 2
    except BuildError as err:
        print(f"build: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
