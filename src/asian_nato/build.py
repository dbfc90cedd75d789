"""Build the book: validate, then HTML, then the PDF from the same execution cache.

``python -m asian_nato.build html`` and ``python -m asian_nato.build pdf``
are what ``make book`` runs. The rules:

* Data is validated first; if it is invalid, nothing executes and any old
  ``_build/html`` is removed, so no stale site is passed off as current.
* Sphinx runs strictly (``-n -W --keep-going``); a failed build also removes
  ``_build/html`` and Sphinx's pickled environment, so the next build rereads
  every page and reports its warnings again (the execution cache stays, so no
  notebook re-executes for that reason).
* The PDF is built by the LaTeX builder from the cached notebook outputs,
  compiled with xelatex, checked for missing glyphs, and copied to
  ``_build/html/_downloads/`` where every page links to it.
* Each run appends its log to ``_build/build.log``; the notebooks executed in
  the last run are listed in ``_build/executed.json``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from . import paths
from .sphinx_ext import PDF_NAME
from .validate import collect_problems

STRICT = ["-n", "-W", "--keep-going"]
_EXECUTED = re.compile(r"(?:^|\s)([\w/.-]+): Executing notebook using")
_MISSING_GLYPH = re.compile(r"Missing character: There is no (.+?) in font ([^!]+)!", re.DOTALL)


class BuildError(RuntimeError):
    pass


def _jupyter_book() -> str:
    candidate = Path(sys.executable).with_name("jupyter-book")
    return str(candidate) if candidate.exists() else "jupyter-book"


def _remove_site(reason: str) -> None:
    html = paths.build_dir() / "html"
    if html.exists():
        shutil.rmtree(html)
        print(f"build: removed _build/html ({reason}); no stale site is left in its place.", file=sys.stderr)
    # Sphinx reports a page's warnings only when it reads the page. Without this, a rerun finds the
    # failed pages up to date, stays silent and writes them, unresolved glue and all.
    _forget_read_pages()


def _forget_read_pages() -> None:
    """Drop Sphinx's pickled environment so the next build rereads (not re-executes) every page."""
    pickle = paths.build_dir() / ".doctrees" / "environment.pickle"
    if pickle.exists():
        pickle.unlink()


def _run_logged(cmd: list[str], cwd: Path) -> tuple[int, str]:
    """Run a command, streaming its output, and return (exit code, output)."""
    log_path = paths.build_dir() / "build.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    with subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc, \
            log_path.open("a", encoding="utf-8") as log:
        log.write(f"$ {' '.join(cmd)}\n")
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            log.write(line)
            lines.append(line)
    return proc.returncode, "".join(lines)


def executed_notebooks(output: str) -> list[str]:
    """Docnames of the notebooks that a Sphinx run executed (rather than took from the cache)."""
    return sorted(set(_EXECUTED.findall(output)))


def validate_first() -> None:
    problems = collect_problems()
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        _remove_site("data/ is invalid")
        raise BuildError(f"{len(problems)} data problem(s); nothing was built.")


def build_html() -> list[str]:
    validate_first()
    root = paths.repo_root()
    code, output = _run_logged([_jupyter_book(), "build", ".", *STRICT, "--builder", "html"], root)
    executed = executed_notebooks(output)
    (paths.build_dir() / "executed.json").write_text(json.dumps({"html": executed}, indent=1) + "\n")
    if code != 0:
        _remove_site("the HTML build failed")
        raise BuildError(f"jupyter-book build failed (exit {code}); see the messages above and _build/build.log")
    return executed


def check_latex_log(log_text: str) -> list[str]:
    """Glyphs the PDF is missing, from an xelatex log."""
    # TeX wraps its log at 79 characters, so a message may run over two lines.
    return sorted({(g.replace("\n", ""), f.replace("\n", "")) for g, f in _MISSING_GLYPH.findall(log_text)})


def build_pdf() -> Path:
    validate_first()
    root = paths.repo_root()
    code, output = _run_logged([_jupyter_book(), "build", ".", *STRICT, "--builder", "latex"], root)
    if code != 0:
        raise BuildError(f"LaTeX build failed (exit {code})")
    if executed_notebooks(output):
        print("build: note: the LaTeX build executed notebooks that the HTML build had not cached", file=sys.stderr)
    latex_dir = paths.build_dir() / "latex"
    code, _ = _run_logged(
        ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error", "asian-nato.tex"],
        latex_dir,
    )
    log_text = (latex_dir / "asian-nato.log").read_text(encoding="utf-8", errors="replace")
    if code != 0:
        raise BuildError("xelatex failed; see _build/latex/asian-nato.log")
    missing = check_latex_log(log_text)
    if missing:
        listing = "; ".join(f"{glyph} in {font}" for glyph, font in missing)
        raise BuildError(f"the PDF is missing glyphs: {listing}")
    target = paths.build_dir() / "html" / "_downloads" / PDF_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(latex_dir / "asian-nato.pdf", target)
    print(f"build: PDF at {target.relative_to(root)}")
    return target


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    target = args[0] if args else "html"
    try:
        if target == "html":
            build_html()
        elif target == "pdf":
            build_pdf()
        else:
            print(f"usage: python -m asian_nato.build [html|pdf]; got {target!r}", file=sys.stderr)
            return 2
    except BuildError as err:
        print(f"build: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
