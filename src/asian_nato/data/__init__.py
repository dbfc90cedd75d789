"""Load the validated data files as typed pandas frames.

Chapters call these loaders, never ``pd.read_csv`` on ``data/`` directly.
:data:`READS` records which data files each loader reads; the Sphinx
extension scans a chapter for the loaders it calls, so that a change to one
file re-executes only the chapters that read it.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import pandas as pd

from asian_nato.data import paths
from asian_nato.data.schemas import parse_partial_date
from asian_nato.data.validate import validate_or_raise

READS: dict[str, tuple[str, ...]] = {
    "load_countries": ("countries.csv",),
    "load_organizations": ("organizations.csv",),
    "load_memberships": ("memberships.csv",),
    "load_positions": ("positions.csv",),
    "load_governments": ("governments.csv",),
    "load_search_protocol": ("search_protocol.csv",),
    "load_opinion": ("opinion.csv",),
    "load_clauses": ("clauses.csv",),
    "load_clarifications": ("clarifications.csv",),
    "load_legal_limits": ("legal_limits.csv",),
    "load_atop_provisions": ("atop_provisions.csv",),
    "load_history": ("history.csv",),
    "load_milex_estimates": ("milex_estimates.csv",),
    "load_indicators": ("indicators.csv",),
    "load_map": ("maps/asia_pacific.geojson",),
    "load_citation": ("../CITATION.cff",),
    "data_version": ("../datapackage.json", "organizations.csv", "memberships.csv", "positions.csv"),
}


def files_read_by(loader_names: set[str]) -> set[str]:
    """Data files (relative to data/) that the given loader functions read, reference files included."""
    return {f for name in loader_names for f in READS.get(name, ())}


@functools.cache
def _validated(data_dir: Path) -> None:
    validate_or_raise(data_dir)


def _read(name: str) -> pd.DataFrame:
    data_dir = paths.data_dir()
    _validated(data_dir)
    return pd.read_csv(data_dir / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _dates(series: pd.Series) -> pd.Series:
    """Partial ISO dates to timestamps (the first day they can mean); empty stays NaT."""
    return pd.to_datetime(series.map(lambda v: parse_partial_date(v) if v else None))


def _booleans(series: pd.Series) -> pd.Series:
    """'true' and 'false' as booleans; anything else is refused (validation should have caught it first)."""
    mapped = series.map({"true": True, "false": False})
    if mapped.isna().any():
        raise ValueError(f"column {series.name!r} holds values other than 'true' and 'false': "
                         f"{sorted(set(series[mapped.isna()].astype(str)))}")
    return mapped.astype(bool)


def load_countries() -> pd.DataFrame:
    return _read("countries.csv")


def load_organizations() -> pd.DataFrame:
    frame = _read("organizations.csv")
    return frame.assign(
        founded_date=_dates(frame["founded"]),
        in_force_date=_dates(frame["in_force"]),
        dissolved_date=_dates(frame["dissolved"]),
    )


def load_memberships() -> pd.DataFrame:
    frame = _read("memberships.csv")
    return frame.assign(joined_date=_dates(frame["joined"]), left_date=_dates(frame["left"]))


def load_positions() -> pd.DataFrame:
    frame = _read("positions.csv")
    return frame.assign(
        date_parsed=_dates(frame["date"]),
        on_topic=_booleans(frame["on_topic"]),
    ).sort_values(["date_parsed", "position_id"], ignore_index=True)


def load_governments() -> pd.DataFrame:
    frame = _read("governments.csv")
    return frame.assign(start_date=_dates(frame["start"]), end_date=_dates(frame["end"]))


def load_clauses() -> pd.DataFrame:
    frame = _read("clauses.csv")
    return frame.assign(integrated_command=_booleans(frame["integrated_command"]))


def load_clarifications() -> pd.DataFrame:
    frame = _read("clarifications.csv")
    return frame.assign(date_parsed=_dates(frame["date"]))


def load_legal_limits() -> pd.DataFrame:
    return _read("legal_limits.csv")


def load_atop_provisions() -> pd.DataFrame:
    frame = _read("atop_provisions.csv")
    codes = ["defense", "offense", "neutral", "nonagg", "consul", "conditio", "asymm", "intcom"]
    return frame.assign(**{c: frame[c].astype(int) for c in codes}, atopid=frame["atopid"].astype(int))


def load_history() -> pd.DataFrame:
    frame = _read("history.csv")
    return frame.assign(date_parsed=_dates(frame["date"]))


def load_opinion() -> pd.DataFrame:
    frame = _read("opinion.csv")
    return frame.assign(year=frame["year"].astype(int), percent=frame["percent"].astype(float))


def load_milex_estimates() -> pd.DataFrame:
    frame = _read("milex_estimates.csv")
    numbers = {c: pd.to_numeric(frame[c].replace("", None)) for c in ("value_usd_m", "low_usd_m", "high_usd_m")}
    return frame.assign(year=frame["year"].astype(int), **numbers)


def load_search_protocol() -> pd.DataFrame:
    frame = _read("search_protocol.csv")
    return frame.assign(hits=frame["hits"].astype(int), added=frame["added"].astype(int))


def load_indicators() -> pd.DataFrame:
    frame = _read("indicators.csv")
    return frame.assign(year=frame["year"].astype(int), value=frame["value"].astype(float))


def load_citation() -> dict:
    """The book's CITATION.cff as a dict."""
    import yaml

    return yaml.safe_load((paths.repo_root() / "CITATION.cff").read_text(encoding="utf-8"))


def data_version() -> dict[str, str]:
    """Version and 'as of' date of the data: the package version and the latest source date cited."""
    package = json.loads((paths.repo_root() / "datapackage.json").read_text(encoding="utf-8"))
    return {"version": package["version"], "as_of": as_of_date()}


def as_of_date() -> str:
    """The most recent event or source date recorded anywhere in the hand-coded data."""
    data_dir = paths.data_dir()
    dates: list[str] = []
    for name, columns in {
        "organizations.csv": ("founded", "in_force", "dissolved", "source_date"),
        "memberships.csv": ("joined", "left", "source_date"),
        "positions.csv": ("date", "source_date"),
    }.items():
        frame = pd.read_csv(data_dir / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        dates += [v for c in columns for v in frame[c] if v]
    return max(dates, key=lambda v: parse_partial_date(v) or parse_partial_date("0001"))


def inputs_fingerprint(loader_names: set[str]) -> str:
    """A short hash of what a chapter's outputs can depend on, given the loaders it calls.

    For a loader that returns a file's rows, that is the file's bytes. For
    :func:`data_version`, it is the version and as-of date it returns, not
    the bytes of the files it scans: a new statement that leaves the as-of
    date where it was does not re-execute a chapter that only asks for the date.
    """
    parts = [fingerprint(files_read_by(loader_names - {"data_version"}))]
    if "data_version" in loader_names:
        parts.append(json.dumps(data_version(), sort_keys=True))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def fingerprint(files: set[str] | tuple[str, ...]) -> str:
    """A short hash of the named data files' bytes (relative to data/), in a stable order."""
    data_dir = paths.data_dir()
    digest = hashlib.sha256()
    for name in sorted(files):
        path = (data_dir / name).resolve()
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()[:16]
