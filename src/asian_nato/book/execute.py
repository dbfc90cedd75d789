"""Execute the chapters whose cached outputs are stale, several at a time, before Sphinx runs.

MyST-NB executes notebooks one after another while Sphinx reads them. The
chapters do not depend on one another (each reads ``data/`` through the
package), so this runs the stale ones in parallel, longest first, and puts
their outputs in the same jupyter-cache under the same key MyST-NB computes:
the notebook as Sphinx will read it, with the inputs' fingerprint folded in
by :func:`asian_nato.book.sphinx_ext.notebook_source`. Sphinx then finds every
chapter cached and executes nothing.

Staleness stays MyST-NB's: a chapter runs here exactly when the cache has no
match for it, which is exactly when MyST-NB would have run it. A chapter that
fails here is not cached, so Sphinx runs it again and reports the error as
it always has.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import yaml

from asian_nato.data import paths


@dataclass(frozen=True)
class Outcome:
    path: Path
    seconds: float
    error: str | None


def toc_documents() -> list[Path]:
    """Every document in ``_toc.yml``, as source paths."""
    toc = yaml.safe_load((paths.repo_root() / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part.get("chapters", [])]
    return [paths.repo_root() / f"{name}.md" for name in names]


def read_notebook(path: Path, config: dict):
    """The chapter as MyST-NB reads it in the build: fingerprinted source, MyST parser settings from ``config``."""
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    from asian_nato.book.sphinx_ext import notebook_source

    text = notebook_source(path.read_text(encoding="utf-8"))
    extensions = set(config.get("parse", {}).get("myst_enable_extensions", []))
    return read_myst_markdown_notebook(text, config=MdParserConfig(enable_extensions=extensions), add_source_map=True, path=path)


def _cache(config: dict):
    from jupyter_cache import get_cache

    return get_cache(str(paths.repo_root() / config["execute"]["cache"]))


def stale_notebooks(config: dict) -> list[tuple[Path, object]]:
    """(path, notebook) for each notebook chapter the execution cache has no outputs for."""
    cache = _cache(config)
    stale = []
    for path in toc_documents():
        notebook = read_notebook(path, config)
        if "kernelspec" not in notebook.metadata:
            continue  # plain Markdown page: nothing to execute
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            stale.append((path, notebook))
    return stale


def _execute(path: Path, notebook, timeout: int) -> tuple[object, float, str | None]:
    from jupyter_cache.executors.utils import single_nb_execution

    # Every cell has run when the kernel is shut down, so it is stopped at once rather than asked to exit.
    result = single_nb_execution(notebook, cwd=str(path.parent), allow_errors=False, timeout=timeout, meta_override=True,
                                 shutdown_kernel="immediate")
    error = None if result.err is None else f"{type(result.err).__name__}: {result.err}"
    return notebook, result.time, error


def _last_runtime(cache, path: Path) -> float:
    records = [r for r in cache.list_cache_records() if r.uri == str(path)]
    return max((r.data.get("execution_seconds", 0.0) for r in records), default=0.0)


def workers() -> int:
    """How many notebooks run at once: ``ASIAN_NATO_JOBS``, else one per core."""
    return max(1, int(os.environ.get("ASIAN_NATO_JOBS") or os.cpu_count() or 1))


def execute_stale(jobs: int | None = None) -> list[Outcome]:
    """Execute every stale chapter, ``jobs`` at a time and longest first; cache the successes."""
    from jupyter_cache.base import CacheBundleIn

    config = paths.book_config()
    cache = _cache(config)
    # Longest first, by the last run; on a cold cache, by source size, a rough stand-in.
    stale = sorted(stale_notebooks(config), key=lambda item: (-_last_runtime(cache, item[0]), -item[0].stat().st_size))
    outcomes: list[Outcome] = []
    if not stale:
        return outcomes
    jobs = min(jobs or workers(), len(stale))
    print(f"execute: {len(stale)} stale notebook(s), {jobs} at a time", flush=True)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        timeout = int(config["execute"].get("timeout", 300))
        futures = {pool.submit(_execute, path, notebook, timeout): path for path, notebook in stale}
        for future in as_completed(futures):
            path = futures[future]
            notebook, seconds, error = future.result()
            name = path.relative_to(paths.repo_root())
            if error is None:
                cache.cache_notebook_bundle(
                    CacheBundleIn(notebook, str(path), data={"execution_seconds": seconds}),
                    check_validity=False, overwrite=True,
                )
                print(f"execute: {name} in {seconds:.1f} s", flush=True)
            else:
                print(f"execute: {name} failed ({error.splitlines()[0][:200]}); the build will report it", flush=True)
            outcomes.append(Outcome(path, seconds, error))
    return outcomes


def main() -> int:
    started = time.perf_counter()
    outcomes = execute_stale()
    print(f"execute: done in {time.perf_counter() - started:.1f} s ({len(outcomes)} notebook(s))")
    return 1 if any(o.error for o in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
