"""Every installed package is pinned to one version and one set of hashes.

``requirements.in`` lists the direct dependencies; ``make lock`` compiles it
with pip-compile into ``requirements.txt``, which ``make venv`` installs with
``pip --require-hashes``. These tests keep the lock file honest: every
requirement pinned with ``==`` and at least one sha256 hash, and every direct
dependency present in it (at the version requirements.in asks for, if any).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
_PINNED = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>[A-Za-z0-9.+!_-]+)$")
_HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")
_NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")


def canonical(name: str) -> str:
    """PEP 503 normalised project name: 'Jupyter_Book' and 'jupyter-book' are one project."""
    return re.sub(r"[-_.]+", "-", name).lower()


def logical_lines(text: str) -> list[str]:
    """Requirement-file lines with comments dropped and backslash continuations joined."""
    joined = re.sub(r"\\\n", " ", text)
    lines = (" ".join(re.sub(r"(^|\s)#.*$", "", line).split()) for line in joined.splitlines())
    return [line for line in lines if line]


def requirements(lines: list[str]) -> list[str]:
    """The requirement lines (not pip options such as --find-links)."""
    return [line for line in lines if not line.startswith("-")]


def parse_locked(lines: list[str]) -> dict[str, tuple[str, list[str]]]:
    """{canonical name: (version, hashes)}; raises on a line that is not pinned."""
    locked: dict[str, tuple[str, list[str]]] = {}
    for line in requirements(lines):
        spec, *options = line.split()
        match = _PINNED.match(spec)
        if not match:
            raise ValueError(f"not pinned with '==': {line}")
        locked[canonical(match["name"])] = (match["version"], options)
    return locked


def parse_direct(lines: list[str]) -> dict[str, str | None]:
    """{canonical name: pinned version or None} for requirements.in."""
    direct: dict[str, str | None] = {}
    for line in requirements(lines):
        name = _NAME.match(line).group(1)
        pinned = _PINNED.match(line.split(";")[0].strip())
        direct[canonical(name)] = pinned["version"] if pinned else None
    return direct


LOCK = logical_lines((REPO / "requirements.txt").read_text(encoding="utf-8"))
DIRECT = logical_lines((REPO / "requirements.in").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the helpers themselves

def test_helpers_catch_unpinned_unhashed_and_missing_packages():
    text = "# comment\n--find-links /x\nfoo==1.0 \\\n    --hash=sha256:" + "a" * 64 + "\n    # via bar\nBar_Baz>=2\n"
    lines = logical_lines(text)
    assert requirements(lines) == ["foo==1.0 --hash=sha256:" + "a" * 64, "Bar_Baz>=2"]
    with pytest.raises(ValueError, match="Bar_Baz>=2"):
        parse_locked(lines)
    assert parse_locked(lines[:-1]) == {"foo": ("1.0", ["--hash=sha256:" + "a" * 64])}
    assert parse_direct(["Jupyter_Book==1.0.4.post1", "pandas"]) == {"jupyter-book": "1.0.4.post1", "pandas": None}


# ---------------------------------------------------------------- the real files

def test_every_locked_requirement_is_pinned_with_sha256_hashes():
    locked = parse_locked(LOCK)
    assert len(locked) == len(requirements(LOCK)), "a package is listed twice in requirements.txt"
    unhashed = sorted(name for name, (_, options) in locked.items() if not any(_HASH.match(o) for o in options))
    assert unhashed == []
    bad_options = sorted(
        f"{name}: {o}" for name, (_, options) in locked.items() for o in options if not _HASH.match(o)
    )
    assert bad_options == []


def test_lock_file_uses_no_other_package_index():
    options = [line for line in LOCK if line.startswith("-")]
    assert not [o for o in options if o.startswith(("--index-url", "-i ", "--extra-index-url", "--trusted-host"))]


def test_every_direct_dependency_is_pinned_in_the_lock_file():
    locked = parse_locked(LOCK)
    direct = parse_direct(DIRECT)
    assert direct, "requirements.in lists no packages"
    missing = sorted(set(direct) - set(locked))
    assert missing == []
    wrong_version = sorted(
        f"{name}: requirements.in asks for {version}, requirements.txt has {locked[name][0]}"
        for name, version in direct.items() if version is not None and locked[name][0] != version
    )
    assert wrong_version == []


def test_prune_lock_removes_a_package_block_and_names_it_at_the_top():
    import importlib.util

    spec = importlib.util.spec_from_file_location("prune_lock", REPO / "scripts" / "prune_lock.py")
    prune_lock = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(prune_lock)
    text = "a==1 \\\n    --hash=sha256:aa\n    # via b\nslow_pkg==2 \\\n    --hash=sha256:bb\n    # via a\nc==3\n"
    pruned = prune_lock.prune(text, ["Slow.Pkg"])
    assert pruned.splitlines() == [prune_lock.HEADER + "slow-pkg", "a==1 \\", "    --hash=sha256:aa", "    # via b", "c==3"]
    assert prune_lock.prune(pruned, ["slow-pkg"]) == pruned, "pruning twice changes nothing"


def test_packages_left_out_of_the_lock_stay_out():
    raw = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    header = next(line for line in raw if line.startswith("# Left out on purpose"))
    left_out = [name.strip() for name in header.split(":", 1)[1].split(",")]
    assert "rfc3987-syntax" in left_out
    locked = {re.sub(r"[-_.]+", "-", r.split("==")[0]).lower() for r in requirements(LOCK)}
    assert not locked & set(left_out), f"re-locked without scripts/prune_lock.py: {locked & set(left_out)}"


def test_the_installer_is_pinned_with_hashes_and_installs_nothing_else():
    bootstrap = logical_lines((REPO / "requirements-bootstrap.txt").read_text(encoding="utf-8"))
    locked = parse_locked(bootstrap)
    assert list(locked) == ["uv"]
    version, options = locked["uv"]
    assert options and all(_HASH.match(o) for o in options)
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r requirements-bootstrap.txt" in makefile
    assert "uv pip install" in makefile and "--require-hashes --no-deps --compile-bytecode -r requirements.txt" in makefile
