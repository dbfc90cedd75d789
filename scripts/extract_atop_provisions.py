"""Extract ATOP v4.01's provision codes for the treaties coded clause by clause in data/clauses.csv.

The book cross-checks its own clause coding against the Alliance Treaty
Obligations and Provisions project (Leeds et al. 2002), which codes each
alliance's written obligations. This script reads ATOP's alliance-level file
from ``../shared/datasets/atop4_member_level/`` (see its SOURCE.txt), keeps the
alliances in :data:`ORG_TO_ATOP` (our ``org_id`` to ATOP's ``atopid``, one row
per alliance, its latest phase), and writes

* ``data/atop_provisions.csv``: ``org_id``, ``atopid``, ``phase_begins`` (year),
  and ATOP's ``defense``, ``offense``, ``neutral``, ``nonagg``, ``consul``,
  ``conditio``, ``asymm`` and ``intcom`` (0/1), with ``source`` and
  ``source_quality``;
* ``data/atop_provisions.provenance.json``: the upstream file's sha256, the
  ATOP version and the command.

Arrangements signed after 2016, or that are not alliances in ATOP's sense
(dialogues, access agreements, US domestic law), have no ATOP row; the
mapping leaves them out rather than guessing a predecessor.

Usage: ``python scripts/extract_atop_provisions.py [--atop PATH] [--out PATH]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ATOP = ROOT.parent / "shared" / "datasets" / "atop4_member_level" / "atop-alliance-level.csv"
PROVISIONS: tuple[str, ...] = ("defense", "offense", "neutral", "nonagg", "consul", "conditio", "asymm", "intcom")
# Our arrangement -> ATOP alliance. Only treaties ATOP codes as the same instrument.
ORG_TO_ATOP: dict[str, int] = {
    "nato": 3180,
    "us_phl_mdt": 3210,
    "anzus": 3215,
    "us_kor_mdt": 3240,
    "manila_pact": 3260,
    "us_jpn_treaty": 3375,
    "chn_prk_treaty": 3445,
    "csto": 4220,
    "chn_rus_treaty": 4980,
}


def latest_phases(alliances: pd.DataFrame, ids: list[int]) -> pd.DataFrame:
    """One row per ``atopid`` in ``ids``: the phase that began last. Raises if an id is missing."""
    rows = alliances[alliances["atopid"].isin(ids)].sort_values(["atopid", "begyr", "begmo", "begday"])
    latest = rows.groupby("atopid").tail(1)
    missing = sorted(set(ids) - set(latest["atopid"]))
    if missing:
        raise SystemExit(f"ATOP ids not in the file: {missing}")
    return latest


def provisions(alliances: pd.DataFrame, mapping: dict[str, int]) -> pd.DataFrame:
    """The provision codes of each mapped alliance, as whole numbers, sorted by ``org_id``."""
    latest = latest_phases(alliances, sorted(set(mapping.values()))).set_index("atopid")
    codes = latest[list(PROVISIONS)].fillna(0).astype(int)
    frame = pd.DataFrame({"org_id": list(mapping), "atopid": list(mapping.values())})
    frame = frame.join(latest["begyr"].rename("phase_begins"), on="atopid", validate="many_to_one").join(codes, on="atopid")
    return frame.assign(source="atop_v4", source_quality="secondary").sort_values("org_id", ignore_index=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atop", type=Path, default=DEFAULT_ATOP)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "atop_provisions.csv")
    args = parser.parse_args(argv)
    alliances = pd.read_csv(args.atop)
    versions = sorted(set(alliances["version"].round(2).astype(str)))
    out = provisions(alliances, ORG_TO_ATOP)
    args.out.write_text(out.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    provenance = {
        "upstream": {"file": args.atop.name, "sha256": hashlib.sha256(args.atop.read_bytes()).hexdigest(), "atop_version": versions},
        "citation": "Leeds, Ritter, Mitchell and Long (2002), Alliance Treaty Obligations and Provisions, 1815-1944, International Interactions 28: 237-260; ATOP v4.01 (atopdata.org)",
        "mapping": ORG_TO_ATOP,
        "command": "python scripts/extract_atop_provisions.py",
    }
    args.out.with_suffix(".provenance.json").write_text(json.dumps(provenance, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}: {len(out)} alliances")
    return 0


if __name__ == "__main__":
    sys.exit(main())
