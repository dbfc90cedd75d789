"""Write datapackage.json (Frictionless Data Package) from the schemas in asian_nato.data.schemas.

The version is the newest entry in data/CHANGELOG.md. Run `make datapackage`
after editing a schema or the changelog; a test fails if the committed file
is out of date.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from asian_nato.data.contracts import file_specs  # noqa: E402
from asian_nato.data.schemas import ColumnSpec, FileSpec  # noqa: E402

LICENSES = [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}]
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
FOREIGN_KEYS = {
    "memberships.csv": [("org_id", "organizations", "org_id"), ("iso3", "countries", "iso3")],
    "indicators.csv": [("iso3", "countries", "iso3")],
    "positions.csv": [("government", "governments", "gov_id")],
}
UPSTREAM = {
    "indicators.csv": [
        {"title": "SIPRI Military Expenditure Database 2025", "path": "https://www.sipri.org/databases/milex",
         "note": "Non-commercial use; at most 10% republished, with citation."},
        {"title": "World Bank World Development Indicators (2024-03-28)", "path": "https://databank.worldbank.org/source/world-development-indicators"},
        {"title": "Correlates of War, National Material Capabilities v7.0", "path": "https://correlatesofwar.org/data-sets/national-material-capabilities/"},
        {"title": "Federation of American Scientists via Our World in Data", "path": "https://ourworldindata.org/grapher/nuclear-warhead-stockpiles"},
        {"title": "Bailey, Strezhnev and Voeten, UNGA ideal points (June 2024)", "path": "https://hdl.handle.net/1902.1/12379"},
        {"title": "World Bank World Development Indicators: PPP conversion factor, official exchange rate, price level ratio (2025)", "path": "https://databank.worldbank.org/source/world-development-indicators"},
        {"title": "IMF International Trade in Goods by Partner Country (formerly DOTS), via DBnomics", "path": "https://data.imf.org/en/datasets/IMF.STA:IMTS"},
        {"title": "US military personnel by host country (DMDC reports via the troopdata package)", "path": "https://github.com/meflynn/troopdata"},
    ],
}


def changelog_version(changelog: Path) -> tuple[str, str]:
    """(version, date) of the newest '## X.Y.Z (YYYY-MM-DD)' entry."""
    match = re.search(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)", changelog.read_text(encoding="utf-8"), re.MULTILINE)
    if not match:
        raise SystemExit(f"{changelog}: no '## X.Y.Z (YYYY-MM-DD)' entry found")
    return match.group(1), match.group(2)


def field(col: ColumnSpec) -> dict:
    out: dict = {"name": col.name, "type": col.frictionless_type, "description": col.description}
    constraints: dict = {}
    may_be_empty = not col.rules or any(rule.text.endswith("(or empty)") for rule in col.rules)
    if col.required and not may_be_empty:
        constraints["required"] = True
    if col.unique:
        constraints["unique"] = True
    if col.name in ("founded", "in_force", "dissolved", "joined", "left", "date", "source_date", "start", "end", "run_date"):
        constraints["pattern"] = DATE_PATTERN
    if constraints:
        out["constraints"] = constraints
    return out


def resource(spec: FileSpec) -> dict:
    schema: dict = {"fields": [field(c) for c in spec.columns], "primaryKey": list(spec.primary_key), "missingValues": [""]}
    fks = FOREIGN_KEYS.get(spec.name)
    if fks:
        schema["foreignKeys"] = [{"fields": f, "reference": {"resource": r, "fields": rf}} for f, r, rf in fks]
    res = {
        "name": spec.name.removesuffix(".csv"),
        "path": f"data/{spec.name}",
        "title": spec.title,
        "description": spec.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
        "licenses": LICENSES,
    }
    if spec.name in UPSTREAM:
        res["sources"] = UPSTREAM[spec.name]
    return res


def build_descriptor(root: Path = ROOT) -> dict:
    version, released = changelog_version(root / "data" / "CHANGELOG.md")
    specs = file_specs(iso3_codes=frozenset(), org_ids=frozenset(), bib_keys=frozenset(), today=dt.date.today())
    return {
        "name": "asian-nato",
        "title": "An Asian NATO: alliances, positions and capabilities in the Indo-Pacific",
        "description": "Hand-coded arrangements, memberships and public statements on an Asian NATO, with country indicators extracted from SIPRI, the World Bank, COW, FAS and UNGA voting data. Every row cites its source.",
        "version": version,
        "created": f"{released}T00:00:00Z",
        "licenses": LICENSES,
        "contributors": [{"title": "The Asian NATO data project", "role": "author"}],
        "resources": [resource(spec) for spec in specs.values()],
    }


def main() -> None:
    descriptor = build_descriptor()
    (ROOT / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote datapackage.json (version {descriptor['version']})")


if __name__ == "__main__":
    main()
