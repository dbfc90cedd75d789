"""Build the committed map extract ``data/maps/asia_pacific.geojson``, offline.

Reads Natural Earth's 1:50m Admin-0 countries (v4.1.0) as TopoJSON from the
world-atlas package (2.0.2), whose geometry ids are ISO 3166-1 numeric codes;
maps them to ISO3 with country_converter's table (columns ``ISOnumeric`` and
``ISO3``); keeps the countries listed in ``data/countries.csv``; clips them to
the Indo-Pacific box (longitude 60 to 180 E, latitude 50 S to 55 N: anything
east of the antimeridian is dropped); rounds coordinates to two decimals
(about 1 km) and drops repeated points; and writes a GeoJSON
FeatureCollection with the properties ``iso3`` and ``name`` (from
countries.csv), one feature per line, sorted by ISO3.

Decoding, clipping and simplifying are pure Python (``scripts/map_geometry.py``):
the book needs neither geopandas nor shapely. The output is deterministic.

Usage (from the repository root; every option has this default)::

    python scripts/make_map_extract.py \\
        --topology ../shared/datasets/naturalearth_maps/countries-50m.json \\
        --country-table ../shared/datasets/country_converter/country_data.tsv \\
        --countries data/countries.csv --out data/maps/asia_pacific.geojson
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import map_geometry as geo  # noqa: E402

SHARED = ROOT.parent / "shared" / "datasets"


def iso_numeric_to_iso3(country_table: Path) -> dict[str, str]:
    """Zero-padded ISO numeric code (as the topology spells it, e.g. '036') to ISO3."""
    table = pd.read_csv(country_table, sep="\t", dtype=str, keep_default_na=False, usecols=["ISO3", "ISOnumeric"])
    table = table[table["ISOnumeric"].str.fullmatch(r"\d+")]
    return dict(zip(table["ISOnumeric"].str.zfill(3), table["ISO3"]))


def write_geojson(collection: dict, out: Path) -> None:
    """One feature per line, compact, keys sorted: small, deterministic and diff-friendly."""
    dump = lambda obj: json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False)  # noqa: E731
    lines = [dump(feature) for feature in collection["features"]]
    text = (
        '{"bbox":' + dump(collection["bbox"]) + ',"type":"FeatureCollection","features":[\n'
        + ",\n".join(lines)
        + "\n]}\n"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topology", type=Path, default=SHARED / "naturalearth_maps" / "countries-50m.json")
    parser.add_argument("--country-table", type=Path, default=SHARED / "country_converter" / "country_data.tsv")
    parser.add_argument("--countries", type=Path, default=ROOT / "data" / "countries.csv")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "maps" / "asia_pacific.geojson")
    parser.add_argument("--decimals", type=int, default=2)
    args = parser.parse_args(argv)

    topology = json.loads(args.topology.read_text(encoding="utf-8"))
    countries = pd.read_csv(args.countries, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    names = dict(zip(countries["iso3"], countries["name"]))
    id_to_iso3 = iso_numeric_to_iso3(args.country_table)

    features = geo.topology_features(topology, "countries", id_to_iso3, names, geo.INDO_PACIFIC_BBOX, args.decimals)
    write_geojson(geo.feature_collection(features, geo.INDO_PACIFIC_BBOX), args.out)

    in_topology = {id_to_iso3.get(str(g.get("id"))) for g in topology["objects"]["countries"]["geometries"]}
    kept = {f["properties"]["iso3"] for f in features}
    absent = sorted(set(names) - in_topology)
    outside = sorted((set(names) & in_topology) - kept)
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes): {len(kept)} countries")
    print(f"not in the topology ({len(absent)}): {' '.join(absent)}")
    print(f"entirely outside the box ({len(outside)}): {' '.join(outside)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
