"""Notebook set-up and per-figure data downloads.

Each figure in the book is followed by a link to the CSV behind it, with
its source and licence, as Our World in Data does. The CSV is written under
``_build/figdata/`` (so it lives and dies with the execution cache) and the
link is a Sphinx ``{download}`` role, which copies it into the site.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from IPython.display import Markdown

from asian_nato.data import paths
from asian_nato.report import style
from asian_nato.report.display import escape_markdown

LICENCE = "CC BY 4.0"


def setup_notebook() -> None:
    """Apply the plotting style and ask for SVG (web) and PDF (print) figure outputs."""
    style.apply()
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # plain Python, not a kernel
        return
    set_matplotlib_formats("svg", "pdf")


def figdata_dir() -> Path:
    return paths.build_dir() / "figdata"


def write_figure_data(frame: pd.DataFrame, name: str) -> Path:
    """Write the data behind a figure as a deterministic CSV and return its path."""
    path = figdata_dir() / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.6g")
    return path


def figure_data_link(frame: pd.DataFrame, name: str, source: str) -> Markdown:
    """Save the figure's data and return a line linking to it, with source and licence."""
    path = write_figure_data(frame, name)
    relative = Path("..") / path.relative_to(paths.repo_root())
    return Markdown(
        f"{{download}}`Download the data behind this figure ({name}.csv) <{relative.as_posix()}>` · "
        f"Source: {escape_markdown(source)} · Licence: {LICENCE}, with the upstream terms in the data appendix."
    )
