"""Wiring the fast suite must catch: loaders that skip validation, loader names that read nothing, and
arrangement ids in the code or the chapters that are not in data/organizations.csv."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from asian_nato import data
from asian_nato.report import maps
from asian_nato.book.sphinx_ext import code_cells
from asian_nato.data.validate import DataValidationError

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "asian_nato"
CSV_LOADERS = sorted(name for name, files in data.READS.items()
                     if name.startswith("load_") and all(f.endswith(".csv") for f in files))


@pytest.fixture
def broken_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ (and the bibliography it cites) in which one statement has a stance no rule allows."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    (tmp_path / "book").mkdir()
    shutil.copy2(REPO / "book" / "references.bib", tmp_path / "book" / "references.bib")
    positions = tmp_path / "data" / "positions.csv"
    frame = pd.read_csv(positions, dtype=str, keep_default_na=False)
    frame.loc[0, "stance"] = "maybe"
    frame.to_csv(positions, index=False, lineterminator="\n")
    monkeypatch.setenv("ASIAN_NATO_ROOT", str(tmp_path))
    return tmp_path


def test_the_csv_loaders_are_the_ones_the_chapters_call():
    assert len(CSV_LOADERS) >= 14
    for name in data.READS:
        assert callable(getattr(data, name, None) or getattr(maps, name, None)), f"READS names {name}, which does not exist"
    assert data.READS["load_map"] == (maps.MAP_FILE.as_posix(),), "the map loader and READS name different files"


class Checked(Exception):
    pass


def test_every_loader_validates_before_it_reads(monkeypatch):
    seen: list[str] = []

    def recording_validation(data_dir, *args, **kwargs):
        seen.append(str(data_dir))
        raise Checked

    monkeypatch.setattr(data, "validate_or_raise", recording_validation)
    for loader in CSV_LOADERS:
        data._validated.cache_clear()
        with pytest.raises(Checked):
            getattr(data, loader)()
    data._validated.cache_clear()
    assert len(seen) == len(CSV_LOADERS)


def test_a_loader_refuses_invalid_data_and_names_the_file_and_rule(broken_copy):
    # Any file's problem stops every loader: a chapter never computes on half-valid data.
    with pytest.raises(DataValidationError, match=r"positions\.csv.*stance"):
        data.load_countries()


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


ARRANGEMENT_CONSTANT = re.compile(r"(_ORGS|_EXTRA|_FORUMS|_EXCLUDE|^MANILA|^ASEAN|^NAMED_PAIRS)$")


def _without_cell_options(cell: str) -> str:
    """The cell's code: MyST options come first, as ``:key: value`` lines or a ``---`` YAML block."""
    if cell.startswith("---\n"):
        cell = cell.split("\n---\n", 1)[1]
    return "\n".join(line for line in cell.splitlines() if not line.startswith(":"))


def python_sources() -> list[tuple[str, str]]:
    """(name, source) of every package module and every chapter code cell."""
    sources = [(m.relative_to(PACKAGE).as_posix(), m.read_text(encoding="utf-8")) for m in sorted(PACKAGE.rglob("*.py"))]
    for chapter in sorted((REPO / "book").glob("*.md")):
        cells = code_cells(chapter.read_text(encoding="utf-8"))
        sources += [(f"{chapter.name} cell {i}", _without_cell_options(c)) for i, c in enumerate(cells, start=1)]
    return sources


def arrangement_ids_in_code() -> list[tuple[str, str]]:
    """(where, id) for every arrangement id the package and the chapters write out: in constants named for
    arrangements, and in the list passed to ``current_members``."""
    found = []
    for where, source in python_sources():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and ARRANGEMENT_CONSTANT.search(t.id) for t in targets) and node.value:
                    values = node.value.values if isinstance(node.value, ast.Dict) else [node.value]
                    found += [(where, s) for value in values for s in _strings(value)]
            elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "current_members":
                if len(node.args) >= 2 and isinstance(node.args[1], ast.List):
                    found += [(where, s) for s in _strings(node.args[1])]
    return found


def test_arrangement_ids_in_the_code_are_in_the_data():
    known = set(pd.read_csv(REPO / "data" / "organizations.csv", dtype=str)["org_id"])
    found = arrangement_ids_in_code()
    assert len({i for _, i in found}) >= 15, f"the scan found too few ids to be working: {found}"
    assert any(where.endswith(".md") or ".md cell" in where for where, _ in found), "the chapters were not scanned"
    unknown = sorted({f"{m}: {i}" for m, i in found if i not in known})
    assert unknown == [], f"arrangement ids in the code but not in data/organizations.csv: {unknown}"


def test_validation_is_skipped_only_for_the_inputs_the_build_validated(broken_copy, monkeypatch):
    from asian_nato.data import validate

    monkeypatch.delenv(validate.VALIDATED, raising=False)
    with pytest.raises(DataValidationError):
        validate.validate_or_raise()
    # A key for other bytes (the valid repository's) does not excuse these.
    monkeypatch.setenv(validate.VALIDATED, validate.validation_key(REPO / "data", REPO / "book" / "references.bib"))
    with pytest.raises(DataValidationError):
        validate.validate_or_raise()
    monkeypatch.setenv(validate.VALIDATED, validate.validation_key())
    validate.validate_or_raise()  # the build vouched for these very bytes
    positions = broken_copy / "data" / "positions.csv"
    positions.write_text(positions.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not validate.already_validated(), "a changed byte must change the key"


def test_the_key_follows_the_date_and_the_rules(tmp_path, monkeypatch):
    import datetime as dt

    from asian_nato.data import validate

    key = validate.validation_key(today=dt.date(2026, 1, 1))
    assert validate.validation_key(today=dt.date(2026, 1, 2)) != key
    rules = tmp_path / "validate.py"
    rules.write_text("# other rules\n")
    monkeypatch.setattr(validate, "__file__", str(rules))
    assert validate.validation_key(today=dt.date(2026, 1, 1)) != key


def test_the_build_tells_its_notebooks_what_it_validated(monkeypatch):
    import os

    from asian_nato.book import build
    from asian_nato.data import validate

    monkeypatch.delenv(validate.VALIDATED, raising=False)
    build.validate_first()
    assert os.environ[validate.VALIDATED] == validate.validation_key()
    monkeypatch.delenv(validate.VALIDATED)


# ---------------------------------------------------------------- names of code in the prose

_DOTTED = re.compile(r"\basian_nato(?:\.[A-Za-z_][A-Za-z0-9_]*)+")
_MODULE_PATH = re.compile(r"\bsrc/asian_nato/[A-Za-z0-9_/]+\.py\b")
PROSE = ("README.md", "ARCHITECTURE.md", "_config.yml", "Makefile", *(f"book/{p.name}" for p in sorted((REPO / "book").glob("*.md"))))


def resolves(dotted: str) -> bool:
    """Whether ``asian_nato.a.b.c`` names a module, or an attribute of one."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


def test_the_code_named_in_the_text_exists():
    """A module or function the book, README or architecture notes name (``asian_nato.analysis.answer.verdict``,
    ``src/asian_nato/data/source_policy.py``) must exist, so moving code cannot leave the text pointing nowhere."""
    missing = []
    for name in PROSE:
        text = (REPO / name).read_text(encoding="utf-8")
        missing += [f"{name}: {ref}" for ref in sorted(set(_DOTTED.findall(text))) if not resolves(ref.rstrip("."))]
        missing += [f"{name}: {path}" for path in sorted(set(_MODULE_PATH.findall(text))) if not (REPO / path).is_file()]
    assert not missing, "the text names code that does not exist:\n" + "\n".join(missing)


@pytest.mark.parametrize(("name", "expected"), [
    ("asian_nato.analysis.answer.verdict", True),
    ("asian_nato.book.build", True),
    ("asian_nato.answer.verdict", False),
    ("asian_nato.analysis.answer.no_such_rule", False),
])
def test_resolves_tells_real_code_from_stale_names(name, expected):
    assert resolves(name) is expected
