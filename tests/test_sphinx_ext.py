"""The data-aware cache key: which loaders a chapter calls, and the fingerprint in its metadata."""

from __future__ import annotations

from pathlib import Path

import yaml

from asian_nato import data
from asian_nato.book.sphinx_ext import loaders_called, with_data_fingerprint

NOTEBOOK = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Title

We mention load_indicators() in prose, which must not count.

```{code-cell} ipython3
from asian_nato import data
positions = data.load_positions()
orgs = data.load_organizations ()
```

A later cell reads another file, and the scan must find it too.

```{code-cell} ipython3
governments = data.load_governments()
```
"""


def test_loaders_are_found_in_code_cells_only() -> None:
    assert loaders_called(NOTEBOOK) == {"load_positions", "load_organizations", "load_governments"}


def test_files_read_follow_the_loaders() -> None:
    assert data.files_read_by({"load_positions", "load_organizations"}) == {"positions.csv", "organizations.csv"}
    assert data.files_read_by(set()) == set()


def test_fingerprint_lands_in_kernelspec_and_changes_with_it() -> None:
    first = with_data_fingerprint(NOTEBOOK, "aaaa")
    second = with_data_fingerprint(NOTEBOOK, "bbbb")
    meta = yaml.safe_load(first.split("---\n")[1])
    assert meta["kernelspec"]["data_fingerprint"] == "aaaa"
    assert meta["kernelspec"]["name"] == "python3"
    assert first != second
    assert first.endswith(NOTEBOOK.split("---\n", 2)[2])


def test_plain_markdown_is_left_alone() -> None:
    assert with_data_fingerprint("# Just text\n", "aaaa") == "# Just text\n"


def test_fingerprint_depends_on_file_bytes(tmp_path, monkeypatch) -> None:
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("ASIAN_NATO_ROOT", str(tmp_path))
    (tmp_path / "data" / "a.csv").write_text("x\n1\n")
    before = data.fingerprint({"a.csv"})
    (tmp_path / "data" / "a.csv").write_text("x\n2\n")
    assert data.fingerprint({"a.csv"}) != before


def _write_hand_coded(root, statement_date: str) -> None:
    """Minimal copies of the three files the as-of date is read from, and datapackage.json."""
    (root / "data").mkdir(exist_ok=True)
    (root / "datapackage.json").write_text('{"version": "9.9.9"}')
    (root / "data" / "organizations.csv").write_text("founded,in_force,dissolved,source_date\n2020-01-01,,,2020-02\n")
    (root / "data" / "memberships.csv").write_text("joined,left,source_date\n2021-05-01,,2021-05-02\n")
    (root / "data" / "positions.csv").write_text(f"date,source_date\n2022-03-04,2022-03-04\n{statement_date},{statement_date}\n")


def test_a_chapter_that_only_asks_for_the_date_follows_the_date_not_the_rows(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ASIAN_NATO_ROOT", str(tmp_path))
    _write_hand_coded(tmp_path, "2022-01-01")
    date_only = data.inputs_fingerprint({"data_version"})
    reads_rows = data.inputs_fingerprint({"data_version", "load_positions"})

    _write_hand_coded(tmp_path, "2021-12-31")  # another older statement: the as-of date stays 2022-03-04
    assert data.data_version()["as_of"] == "2022-03-04"
    assert data.inputs_fingerprint({"data_version"}) == date_only
    assert data.inputs_fingerprint({"data_version", "load_positions"}) != reads_rows

    _write_hand_coded(tmp_path, "2023-06-30")  # a newer statement moves the as-of date
    assert data.data_version()["as_of"] == "2023-06-30"
    assert data.inputs_fingerprint({"data_version"}) != date_only


def test_the_sitemap_queue_gets_every_page_after_an_incremental_build() -> None:
    import queue
    from types import SimpleNamespace

    from asian_nato.book.sphinx_ext import _complete_sitemap

    links: queue.Queue = queue.Queue()
    links.put(("book/02_memberships.html", None))  # the only page this run wrote
    links.put(("search.html", None))  # pages that are not documents stay
    app = SimpleNamespace(
        sitemap_links=links,
        config=SimpleNamespace(html_file_suffix=None),
        env=SimpleNamespace(found_docs={"book/index", "book/02_memberships", "book/references"}),
    )
    _complete_sitemap(app, None)
    out = [links.get_nowait()[0] for _ in range(links.qsize())]
    assert out == ["book/02_memberships.html", "book/index.html", "book/references.html", "search.html"]


def test_package_fingerprint_follows_every_modules_bytes_and_place(tmp_path, monkeypatch) -> None:
    from asian_nato.book import sphinx_ext

    real = {path.relative_to(sphinx_ext._PACKAGE).as_posix() for path in sphinx_ext.package_sources()}
    assert {"book/sphinx_ext.py", "analysis/coalitions.py", "data/__init__.py", "data/validate.py",
            "report/style.py"} <= real, "the fingerprint must cover every layer of the package"
    (tmp_path / "analysis").mkdir()
    modules = [tmp_path / "a.py", tmp_path / "analysis" / "b.py"]
    for module in modules:
        module.write_text("x = 1\n")
    monkeypatch.setattr(sphinx_ext, "_PACKAGE", tmp_path)
    assert sphinx_ext.package_sources() == modules
    before = sphinx_ext.package_fingerprint()
    modules[1].write_text("x = 2\n")
    assert sphinx_ext.package_fingerprint() != before
    modules[1].write_text("x = 1\n")
    assert sphinx_ext.package_fingerprint() == before
    (tmp_path / "report").mkdir()
    modules[1].rename(tmp_path / "report" / "b.py")
    assert sphinx_ext.package_fingerprint() != before, "a module moved to another layer must change the fingerprint"


class RecordingEnv:
    def __init__(self) -> None:
        self.dependencies: list[str] = []

    def note_dependency(self, path: str) -> None:
        self.dependencies.append(path)


def test_source_read_notes_the_data_files_and_modules_a_chapter_depends_on() -> None:
    from types import SimpleNamespace

    from asian_nato.data import paths
    from asian_nato.book import sphinx_ext

    app = SimpleNamespace(env=RecordingEnv())
    source = [NOTEBOOK]
    sphinx_ext._on_source_read(app, "book/x", source)
    noted = {Path(p).resolve() for p in app.env.dependencies}
    for name in data.files_read_by({"load_positions", "load_organizations", "load_governments"}):
        assert (paths.data_dir() / name).resolve() in noted
    assert {m.resolve() for m in sphinx_ext.package_sources()} <= noted
    meta = yaml.safe_load(source[0].split("---")[1])
    assert meta["kernelspec"]["data_fingerprint"].endswith("-" + sphinx_ext.package_fingerprint())

    plain = ["# A page without code"]
    sphinx_ext._on_source_read(SimpleNamespace(env=RecordingEnv()), "book/y", plain)
    assert plain == ["# A page without code"]
