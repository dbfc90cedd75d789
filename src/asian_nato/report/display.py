"""Show tables so that the web edition and the PDF both get a real table.

:func:`show_table` returns an object whose MIME bundle holds

* ``text/markdown``: a MyST ``{table}`` directive with a caption and label,
  which the book renders as a numbered table in HTML and as a booktabs
  (long)table in LaTeX. The book prefers it over HTML (see ``_config.yml``).
* ``text/html``: an escaped HTML table, for JupyterLab.

Every cell is escaped, so text from the data can never be read as Markdown,
MyST, HTML or LaTeX markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from asian_nato.data.schemas import is_url

_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$&%~^=:\"'@])")


def escape_markdown(text: object) -> str:
    """Backslash-escape every ASCII punctuation mark that Markdown or MyST could read as syntax."""
    flat = " ".join(str(text).split())
    return _MARKUP.sub(r"\\\1", flat)


def plain(value: object) -> object:
    """A numpy scalar as the Python number it holds; glued values must be plain for ``{glue:text}`` format specs."""
    return value.item() if isinstance(value, np.generic) else value


def join_names(codes: Iterable[str], names: Mapping[str, str], *, alphabetical: bool = False) -> str:
    """The names of ``codes`` (a code without a name stays as it is) joined for mid-sentence prose, as
    'A, B and the C' (:func:`in_prose` adds the article); 'none' if there are none.

    In the order given, or sorted by name (without its article) with ``alphabetical``.
    """
    shown = [names.get(code, code) for code in codes]
    return join_words(in_prose(name) for name in (sorted(shown) if alphabetical else shown))


def sentence_start(text: str) -> str:
    """Text with its first letter capitalised, for prose that opens a sentence ('the Philippines' → 'The Philippines')."""
    return text[:1].upper() + text[1:]


def join_words(words: Iterable[str]) -> str:
    """Words joined for prose: 'A', 'A and B', 'A, B and C'; 'none' if there are none."""
    words = list(words)
    if not words:
        return "none"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _format_cell(value: object, decimals: int) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.{decimals}f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def _is_numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def source_markdown(sources: str) -> str:
    """';'-separated URLs and bibliography keys as Markdown links and citations.

    Only values that pass validation reach here (well-formed URLs without
    spaces, quotes or angle brackets, and keys that exist in the
    bibliography), so the angle-bracket link form cannot be broken out of.
    """
    parts = [p.strip() for p in str(sources).split(";") if p.strip()]
    return "; ".join(_source_part(p) for p in parts)


def _source_part(part: str) -> str:
    if is_url(part):
        host = urlsplit(part).netloc.removeprefix("www.")
        return f"[{escape_markdown(host)}](<{part}>)"
    return f"{{cite:p}}`{part}`"


@dataclass
class Table:
    frame: pd.DataFrame
    caption: str
    label: str
    decimals: int = 1
    interactive: bool = False
    markdown_columns: tuple[str, ...] = ()
    widths: tuple[int, ...] | None = None

    def formatted(self) -> pd.DataFrame:
        return self.frame.apply(lambda col: col.map(lambda v: _format_cell(v, self.decimals))).astype(str)

    def _markdown_cells(self) -> pd.DataFrame:
        cells = self.formatted()
        for column in cells.columns:
            if column in self.markdown_columns:
                cells[column] = cells[column].map(lambda v: " ".join(v.split()))
            else:
                cells[column] = cells[column].map(escape_markdown)
        return cells

    def to_markdown(self) -> str:
        cells = self._markdown_cells()
        header = "| " + " | ".join(escape_markdown(c) for c in cells.columns) + " |"
        rule = "|" + "|".join("---:" if _is_numeric(self.frame[c]) else ":---" for c in cells.columns) + "|"
        body = cells.apply(lambda row: "| " + " | ".join(v or " " for v in row) + " |", axis=1)
        classes = ["booktabs"]
        if len(cells) > 25:
            classes.append("longtable")
        if self.interactive:
            classes.append("interactive")
        lines = [
            f":::{{table}} {escape_markdown(self.caption)}",
            f":name: {self.label}",
            f":class: {' '.join(classes)}",
            *([f":widths: {' '.join(map(str, self.widths))}"] if self.widths else []),
            "",
            header,
            rule,
            *body.tolist(),
            ":::",
        ]
        return "\n".join(lines)

    def to_html(self) -> str:
        flat = self.formatted().apply(lambda col: col.map(lambda v: " ".join(v.split())))
        table = flat.to_html(index=False, escape=True, border=0, classes="dataframe")
        return f"<figure><figcaption>{html.escape(self.caption)}</figcaption>{table}</figure>"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        return {
            "text/markdown": self.to_markdown(),
            "text/html": self.to_html(),
            "text/plain": self.frame.to_string(index=False),
        }


def show_table(
    frame: pd.DataFrame,
    caption: str,
    label: str,
    *,
    decimals: int = 1,
    interactive: bool | None = None,
    markdown_columns: tuple[str, ...] = (),
    widths: tuple[int, ...] | None = None,
) -> Table:
    """A captioned, numbered table for both the web edition and the PDF.

    ``label`` is the target for ``{numref}``; long tables (over 25 rows) become
    sortable and searchable in the web edition unless ``interactive=False``.
    Cells are escaped, except in ``markdown_columns``, which must hold
    Markdown built by this module (e.g. :func:`source_markdown`).
    """
    if not re.fullmatch(r"[a-z][a-z0-9-]*", label):
        raise ValueError(f"table label {label!r} must be lower-case letters, digits and hyphens")
    if interactive is None:
        interactive = len(frame) > 25
    if widths is not None and len(widths) != frame.shape[1]:
        raise ValueError(f"widths has {len(widths)} entries for {frame.shape[1]} columns")
    return Table(frame.reset_index(drop=True), caption, label, decimals, interactive, tuple(markdown_columns), widths)


_SMALL_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_words(n: int, zero: str = "no") -> str:
    """A count for prose: words up to ten ('no', 'one', ... 'ten'), digits with separators above.

    ``zero`` is the word for nought, since "no governments" and "none of the governments" need different words.
    """
    n = int(n)
    if n == 0:
        return zero
    return _SMALL_NUMBERS[n] if 0 < n < len(_SMALL_NUMBERS) else f"{n:,}"


def number_words(value: float) -> str:
    """A threshold for prose: a whole number as :func:`count_words` writes it ('five', '12'), any other as written ('2.5')."""
    return count_words(int(value)) if float(value).is_integer() else f"{value:g}"


MOST_ABOVE: float = 0.5  # "most" means more than half


def share_word(count: int, total: int) -> str:
    """A count out of a total in words for prose: 'none', 'a minority', 'half', 'most' or 'all'."""
    if total <= 0 or count < 0 or count > total:
        raise ValueError(f"count {count} out of {total} is not a share")
    if count == 0:
        return "none"
    if count == total:
        return "all"
    if 2 * count == total:
        return "half"
    return "most" if 2 * count > total else "a minority"


def join_clauses(parts: Sequence[str]) -> str:
    """Clauses that may hold lists of their own, set apart by semicolons: 'A', 'A; and B', 'A; B; and C'."""
    return parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + "; and " + parts[-1]


def counted(n: int, singular: str, plural: str | None = None, zero: str = "no") -> str:
    """A count with its noun in the right number: 'no governments', 'one government', 'three governments', '13 governments'."""
    return f"{count_words(n, zero)} {singular if int(n) == 1 else plural or singular + 's'}"


def agreeing(n: int, singular: str, plural: str) -> str:
    """The form of a word that agrees with a count: ``agreeing(1, 'is', 'are')`` is 'is'; zero and two or more take the plural."""
    return singular if int(n) == 1 else plural


def percent(share: float, decimals: int = 0) -> str:
    """A share (0–1) as a percentage for prose: '83%'."""
    return f"{100 * share:.{decimals}f}%"


_TAKES_THE = frozenset({
    "United States", "United Kingdom", "Philippines", "Marshall Islands", "Solomon Islands", "Maldives",
    "Netherlands", "United Arab Emirates",
})


def in_prose(name: str) -> str:
    """A country name as it reads mid-sentence: 'the Philippines', 'Japan'."""
    return f"the {name}" if name in _TAKES_THE else name


def possessive(name: str) -> str:
    """A name's possessive for prose, with its article: "Japan's", "the Philippines'", "the United States'"."""
    name = in_prose(name)
    return f"{name}'" if name.endswith("s") else f"{name}'s"
