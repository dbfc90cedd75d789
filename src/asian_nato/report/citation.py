"""Citation text built from CITATION.cff, so the page and the file cannot disagree."""

from __future__ import annotations

from IPython.display import Markdown

from asian_nato.report.display import escape_markdown


def _authors(cff: dict) -> str:
    names = [a.get("name") or f"{a.get('family-names', '')}, {a.get('given-names', '')}".strip(", ") for a in cff["authors"]]
    return "; ".join(names)


def plain_citation(cff: dict, version: dict[str, str]) -> Markdown:
    year = str(cff["date-released"])[:4]
    text = (
        f"{_authors(cff)} ({year}). *{escape_markdown(cff['title'])}* "
        f"Version {escape_markdown(cff['version'])}; data version {escape_markdown(version['version'])}, "
        f"as of {escape_markdown(version['as_of'])}."
    )
    return Markdown(text)


def bibtex_citation(cff: dict, version: dict[str, str]) -> Markdown:
    year = str(cff["date-released"])[:4]
    entry = "\n".join([
        "@misc{asian_nato_book,",
        f"  author = {{{{{_authors(cff)}}}}},",
        f"  title = {{{cff['title']}}},",
        f"  year = {{{year}}},",
        f"  version = {{{cff['version']}}},",
        f"  note = {{Data version {version['version']}, as of {version['as_of']}}}",
        "}",
    ])
    return Markdown("```bibtex\n" + entry + "\n```")
