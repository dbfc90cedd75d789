"""The package's layers: imports run one way, book → report → analysis → data, and computation never draws.

An AST scan of every module (imports inside functions included), so a layer
violation fails the fast suite before any chapter runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "asian_nato"
LAYERS = ("data", "analysis", "report", "book")
RANK = {layer: rank for rank, layer in enumerate(LAYERS)}
# Libraries that draw, glue or render: presentation, never computation.
PRESENTATION_LIBRARIES = ("matplotlib", "myst_nb", "IPython")


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every module an import statement names; ``from a import b`` gives ``a.b``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"line {node.lineno}: relative import; write asian_nato.<layer>.<module>")
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def layer_of(dotted: str) -> str | None:
    """The layer a dotted name inside the package belongs to, or None outside it."""
    parts = dotted.split(".")
    if parts[0] != "asian_nato" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in RANK else "unknown"


def violations(layer: str, source: str) -> list[str]:
    """What a module in ``layer`` imports against the direction of the layers."""
    found = []
    for line, name in imported_modules(source):
        target = layer_of(name)
        if target == "unknown":
            found.append(f"line {line}: {name} is in no layer")
        elif target is not None and RANK[target] > RANK[layer]:
            found.append(f"line {line}: {layer} imports {name} ({target} is above it)")
        elif RANK[layer] <= RANK["analysis"] and name.split(".")[0] in PRESENTATION_LIBRARIES:
            found.append(f"line {line}: {layer} imports {name}, a presentation library")
    return found


def package_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_sits_in_a_layer() -> None:
    stray = [m.relative_to(PACKAGE).as_posix() for m in package_modules()
             if m.parent != PACKAGE and m.parent.name not in RANK or m.parent == PACKAGE and m.name != "__init__.py"]
    assert not stray, f"modules outside data/, analysis/, report/ and book/: {stray}"


@pytest.mark.parametrize("module", package_modules(), ids=lambda m: m.relative_to(PACKAGE).as_posix())
def test_imports_run_one_way(module: Path) -> None:
    layer = module.parent.name
    if layer not in RANK:
        return
    problems = violations(layer, module.read_text(encoding="utf-8"))
    assert not problems, f"{module.relative_to(PACKAGE)}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("layer", "source", "expected"), [
    ("analysis", "from asian_nato.report import style\n", "analysis imports asian_nato.report.style (report is above it)"),
    ("analysis", "def f():\n    import matplotlib.pyplot as plt\n", "analysis imports matplotlib.pyplot, a presentation library"),
    ("data", "from myst_nb import glue\n", "data imports myst_nb.glue, a presentation library"),
    ("data", "from asian_nato.analysis.groups import US\n", "data imports asian_nato.analysis.groups.US (analysis is above it)"),
    ("report", "from asian_nato.book import build\n", "report imports asian_nato.book.build (book is above it)"),
    ("report", "import asian_nato.helpers\n", "asian_nato.helpers is in no layer"),
])
def test_the_scan_catches_an_import_against_the_direction(layer, source, expected) -> None:
    assert any(expected in problem for problem in violations(layer, source))


@pytest.mark.parametrize(("layer", "source"), [
    ("report", "from asian_nato.analysis import coalitions\nfrom matplotlib.figure import Figure\n"),
    ("analysis", "from asian_nato import data\nfrom asian_nato.analysis.memberships import runs_on\n"),
    ("book", "from asian_nato.report import figures\nfrom asian_nato.data import paths\n"),
])
def test_the_scan_allows_imports_downwards(layer, source) -> None:
    assert violations(layer, source) == []


def test_the_scan_refuses_relative_imports() -> None:
    with pytest.raises(AssertionError, match="relative import"):
        violations("report", "from . import style\n")


MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def oversized(source: str, max_module: int = MAX_MODULE_LINES, max_function: int = MAX_FUNCTION_LINES) -> list[str]:
    """Why a module is too big to read in one sitting: its length, or any function's."""
    found = []
    n_lines = len(source.splitlines())
    if n_lines > max_module:
        found.append(f"{n_lines} lines (at most {max_module})")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > max_function:
                found.append(f"{node.name}() has {length} lines (at most {max_function})")
    return found


@pytest.mark.parametrize("module", package_modules(), ids=lambda m: m.relative_to(PACKAGE).as_posix())
def test_modules_and_functions_stay_small(module: Path) -> None:
    problems = oversized(module.read_text(encoding="utf-8"))
    assert not problems, f"{module.relative_to(PACKAGE)}: " + "; ".join(problems)


def test_the_size_check_counts_lines() -> None:
    long_function = "def f():\n" + "    x = 1\n" * 80
    assert oversized(long_function) == ["f() has 81 lines (at most 80)"]
    assert oversized("def f():\n" + "    x = 1\n" * 79) == []
    assert oversized("x = 1\n" * 601, max_function=80) == ["601 lines (at most 600)"]
