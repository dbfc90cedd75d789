"""The book's one plotting style.

* Okabe–Ito colours (safe for the common colour-vision deficiencies), always
  paired with markers, hatches or direct labels so no chart needs colour.
* White figure background with dark ink: legible on the light theme and, as
  a card, on the dark theme (see ``book/_static/asian-nato.css``).
* A source line under every chart (:func:`add_source`).
* Deterministic files: fixed SVG hash salt and ``SOURCE_DATE_EPOCH``, so two
  builds of one commit produce byte-identical figures.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
SEQUENCE: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999")
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
HATCHES: tuple[str, ...] = ("", "//", "..", "xx", "\\\\", "++", "oo", "--")
INK = "#1a1a1a"
STANCE_COLOURS: dict[str, str] = {
    "support": "#0072B2",
    "open": "#56B4E9",
    "ambiguous": "#999999",
    "skeptical": "#E69F00",
    "oppose": "#D55E00",
}
STANCE_MARKERS: dict[str, str] = {"support": "^", "open": "o", "ambiguous": "s", "skeptical": "v", "oppose": "X"}
SEQUENTIAL_CMAP = "cividis"


def apply() -> None:
    """Set the book's rcParams and make figure files reproducible."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    plt.rcParams.update({
        "figure.figsize": (7.5, 4.2),
        "figure.dpi": 100,
        "savefig.dpi": 200,
        "figure.facecolor": "white",
        "axes.facecolor": "white",
        "savefig.facecolor": "white",
        "axes.edgecolor": INK,
        "axes.labelcolor": INK,
        "text.color": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "axes.prop_cycle": matplotlib.cycler(color=list(SEQUENCE)),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": "#d9d9d9",
        "grid.linewidth": 0.6,
        "font.size": 10,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "legend.frameon": False,
        "svg.hashsalt": "asian-nato",
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
        "path.simplify": True,
    })


def add_source(fig: Figure, text: str) -> Figure:
    """Write 'Source: …' under the chart, left-aligned, in small grey type."""
    fig.supxlabel(f"Source: {text}", x=0.01, ha="left", fontsize=7.5, color="#4d4d4d")
    return fig


def new_figure(width: float = 7.5, height: float = 4.2, **kwargs):
    """A figure outside pyplot's state machine, so a notebook shows it once, when it is returned."""
    apply()
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots(**kwargs)


def spread_labels(targets: Sequence[float], min_gap: float) -> np.ndarray:
    """Label positions as close as possible to ``targets`` but at least ``min_gap`` apart.

    Keeps the labels in the order of their targets; overlapping labels are
    pooled into evenly spaced blocks centred on their targets' mean (the
    least-squares solution under the ordering constraint).
    """
    values = np.asarray(targets, dtype=float)
    order = np.argsort(values, kind="stable")
    sorted_targets = values[order]
    blocks: list[list[int]] = []  # each block: indices into sorted_targets
    for i in range(len(sorted_targets)):
        blocks.append([i])
        while len(blocks) > 1 and _block_start(blocks[-1], sorted_targets, min_gap) < _block_end(blocks[-2], sorted_targets, min_gap) + min_gap:
            last = blocks.pop()
            blocks[-1].extend(last)
    placed = np.empty_like(sorted_targets)
    for block in blocks:
        start = _block_start(block, sorted_targets, min_gap)
        placed[block] = start + min_gap * np.arange(len(block))
    out = np.empty_like(values)
    out[order] = placed
    return out


def _block_start(block: list[int], targets: np.ndarray, gap: float) -> float:
    offsets = gap * np.arange(len(block))
    return float(np.mean(targets[block] - offsets))


def _block_end(block: list[int], targets: np.ndarray, gap: float) -> float:
    return _block_start(block, targets, gap) + gap * (len(block) - 1)
