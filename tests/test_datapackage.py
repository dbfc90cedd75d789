"""datapackage.json is in step with the schemas and the changelog, and it validates."""

from __future__ import annotations

import json
import sys

from frictionless import Package, system


def test_datapackage_is_up_to_date(repo_root) -> None:
    sys.path.insert(0, str(repo_root / "scripts"))
    from make_datapackage import build_descriptor

    committed = json.loads((repo_root / "datapackage.json").read_text(encoding="utf-8"))
    assert committed == build_descriptor(repo_root), "run `make datapackage` and commit datapackage.json"


def test_datapackage_validates_with_frictionless(repo_root) -> None:
    with system.use_context(trusted=True):
        report = Package(str(repo_root / "datapackage.json"), basepath=str(repo_root)).validate()
    errors = [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors][:20]
    assert report.valid, errors


def test_citation_and_data_versions_agree(repo_root) -> None:
    import yaml

    cff = yaml.safe_load((repo_root / "CITATION.cff").read_text())
    package = json.loads((repo_root / "datapackage.json").read_text())
    assert str(cff["version"]) == package["version"]
