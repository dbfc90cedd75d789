"""Who belongs to what: memberships on a date, ties per country, overlaps and the two camps.

Every function takes the typed frames of :mod:`asian_nato.data`
(``load_organizations()``, ``load_memberships()``, ``load_countries()``) or
frames derived from them here, so the chapters stay thin and the tests can
feed small hand-made frames.

Vocabulary used in the book:

* **tie type** of an arrangement (:func:`tie_types`): ``treaty`` (a
  collective or bilateral defence treaty whose text obliges the parties to
  act if one is attacked), ``partnership`` (a defence partnership, or a
  defence treaty without that obligation), ``dialogue`` (a minilateral
  dialogue) and ``regional`` (a regional organisation).
* a country **takes part** in an arrangement when it is a ``member`` or a
  ``partner`` (:data:`TIE_STATUSES`); observers, dialogue partners and
  suspended members are shown in the matrix but counted nowhere else, except
  in the camps, where they are named as such.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd


US = "USA"
CHINA = "CHN"
RUSSIA = "RUS"

INDO_PACIFIC_REGIONS: tuple[str, ...] = ("East Asia", "Southeast Asia", "South Asia", "Oceania")
# Outside powers that belong to the region's arrangements and matter to the question.
OUTSIDE_POWERS: tuple[str, ...] = ("USA", "CAN", "GBR", "FRA", "RUS")
REGION_ORDER: tuple[str, ...] = INDO_PACIFIC_REGIONS + ("North America", "Europe")

STATUS_ORDER: tuple[str, ...] = ("member", "partner", "dialogue_partner", "observer", "suspended")
STATUS_LABELS: dict[str, str] = {
    "member": "Member",
    "partner": "Partner",
    "dialogue_partner": "Dialogue partner",
    "observer": "Observer",
    "suspended": "Suspended",
}
TIE_STATUSES: tuple[str, ...] = ("member", "partner")
AFFILIATION_STATUSES: tuple[str, ...] = ("member", "partner", "dialogue_partner", "observer")

DEFENCE_TREATY_KINDS: tuple[str, ...] = ("collective_defense", "bilateral_defense")
TIE_TYPE_ORDER: tuple[str, ...] = ("treaty", "partnership", "dialogue", "regional")
TIE_TYPE_LABELS: dict[str, str] = {
    "treaty": "Defence treaty",
    "partnership": "Defence partnership",
    "dialogue": "Minilateral dialogue",
    "regional": "Regional organisation",
}

# The two camps. An arrangement other than a regional organisation is in the
# US camp when the United States is one of its members, and in the
# China–Russia camp when China or Russia is and the United States is not.
# Two arrangements are placed by hand, because the rule cannot see them:
US_CAMP_EXTRA: tuple[str, ...] = ("nato_ap4",)  # NATO's partnership with its four Indo-Pacific partners: the US leads NATO but is not listed in it
CHINA_RUSSIA_CAMP_EXTRA: tuple[str, ...] = ("sco",)  # a regional organisation founded and led by China and Russia
# Pairs of arrangements whose overlap the chapter names, whatever their size: glue key -> (org_id, org_id).
NAMED_PAIRS: dict[str, tuple[str, str]] = {"quad_aukus": ("quad", "aukus"), "quad_sco": ("quad", "sco"), "quad_squad": ("quad", "squad")}
CAMP_LABELS: dict[str, str] = {"us": "With the United States", "china_russia": "With China or Russia"}


# ---------------------------------------------------------------- arrangements and dates

def tie_types(organizations: pd.DataFrame) -> pd.Series:
    """Tie type of every arrangement (indexed by ``org_id``): treaty, partnership, dialogue or regional."""
    kind = organizations["kind"]
    treaty_kind = kind.isin(DEFENCE_TREATY_KINDS)
    values = np.select(
        [
            treaty_kind & (organizations["defence_obligation"] != "none"),
            treaty_kind | (kind == "defense_partnership"),
            kind == "minilateral_dialogue",
        ],
        ["treaty", "partnership", "dialogue"],
        default="regional",
    )
    return pd.Series(values, index=organizations["org_id"].to_numpy(), name="tie_type")


def operative_from(organizations: pd.DataFrame) -> pd.Series:
    """The date each arrangement starts to bind: the one definition of "in force" used by every chapter.

    An arrangement counts from its entry into force where one is recorded. A
    defence treaty (:data:`DEFENCE_TREATY_KINDS`) with no entry into force is
    signed but not in force, and never counts (NaT). Any other arrangement
    (a dialogue, a partnership, a regional body) counts from its founding.
    """
    treaty = organizations["kind"].isin(DEFENCE_TREATY_KINDS)
    entry = organizations["in_force_date"]
    return entry.where(entry.notna() | treaty, organizations["founded_date"])


def in_force(organizations: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """Whether each arrangement is in force on ``on`` (see :func:`operative_from`), until its dissolution."""
    return runs_on(operative_from(organizations), organizations["dissolved_date"], on)


def snapshot_date(as_of: str | pd.Timestamp) -> pd.Timestamp:
    """The date the book calls 'today': the data's as-of date, so a rebuild gives the same book."""
    return pd.Timestamp(as_of).normalize()


def runs_on(start: pd.Series, end: pd.Series, on: pd.Timestamp) -> pd.Series:
    """Whether each span runs on ``on``: from ``start`` (inclusive) to ``end`` (exclusive; NaT while it lasts)."""
    return (start <= on) & (end.isna() | (end > on))


def active_memberships(
    memberships: pd.DataFrame,
    organizations: pd.DataFrame,
    on: pd.Timestamp,
    statuses: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Membership spells running on date ``on`` in arrangements that exist on that date.

    A spell runs from ``joined`` (inclusive) to ``left`` (exclusive); an
    arrangement counts while it is in force (:func:`in_force`: from entry into
    force, or founding where it needs none, to ``dissolved``, exclusive). The
    arrangement's ``short_name``, ``kind``, ``defence_obligation``,
    ``founded_date`` and ``tie_type`` are attached.
    When one country holds two statuses in one arrangement on the same day,
    the stronger (:data:`STATUS_ORDER`) is kept.
    """
    orgs = organizations.assign(tie_type=tie_types(organizations).to_numpy())
    orgs = orgs.loc[
        in_force(orgs, on),
        ["org_id", "short_name", "kind", "defence_obligation", "founded_date", "tie_type"],
    ]
    running = memberships.loc[
        runs_on(memberships["joined_date"], memberships["left_date"], on),
        ["org_id", "iso3", "status"],
    ]
    if statuses is not None:
        running = running[running["status"].isin(statuses)]
    merged = running.merge(orgs, on="org_id", how="inner", validate="many_to_one")
    rank = merged["status"].map({s: i for i, s in enumerate(STATUS_ORDER)})
    return (
        merged.assign(_rank=rank)
        .sort_values(["org_id", "iso3", "_rank"])
        .drop_duplicates(["org_id", "iso3"])
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def study_countries(countries: pd.DataFrame) -> pd.DataFrame:
    """The Indo-Pacific countries plus :data:`OUTSIDE_POWERS`, ordered by region, then name."""
    chosen = countries[countries["region"].isin(INDO_PACIFIC_REGIONS) | countries["iso3"].isin(OUTSIDE_POWERS)]
    region_rank = chosen["region"].map({r: i for i, r in enumerate(REGION_ORDER)}).fillna(len(REGION_ORDER))
    return (
        chosen.assign(_rank=region_rank)
        .sort_values(["_rank", "name"])
        .loc[:, ["iso3", "name", "region"]]
        .reset_index(drop=True)
    )


# ---------------------------------------------------------------- the membership matrix

def arrangement_order(active: pd.DataFrame) -> list[str]:
    """Arrangements in ``active``, by tie type (treaties first), then founding date, then id."""
    orgs = active.drop_duplicates("org_id")
    rank = orgs["tie_type"].map({t: i for i, t in enumerate(TIE_TYPE_ORDER)})
    return orgs.assign(_rank=rank).sort_values(["_rank", "founded_date", "org_id"])["org_id"].tolist()


def membership_matrix(active: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Countries (rows, in the order of ``countries``) × arrangements (columns): the status, or '' if none.

    Only arrangements with at least one of the countries, and countries with
    at least one arrangement, are kept.
    """
    rows = active[active["iso3"].isin(countries["iso3"])]
    wide = rows.pivot(index="iso3", columns="org_id", values="status")
    row_order = [c for c in countries["iso3"] if c in wide.index]
    column_order = [o for o in arrangement_order(rows) if o in wide.columns]
    matrix = wide.reindex(index=row_order, columns=column_order).fillna("")
    matrix.index.name, matrix.columns.name = "iso3", "org_id"
    return matrix


def matrix_long(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix's non-empty cells as rows ``iso3, org_id, status`` (the data behind the heatmap)."""
    long = matrix.stack().rename("status").reset_index()
    return long[long["status"] != ""].reset_index(drop=True)


# ---------------------------------------------------------------- ties per country

def tie_counts(active: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Per country: the number of defence treaties and of partnerships and dialogues it takes part in.

    ``treaties`` counts arrangements of tie type ``treaty``; ``partnerships``
    counts defence partnerships and minilateral dialogues. Only members and
    partners count. Every country in ``countries`` gets a row (zeros
    included); rows are sorted by treaties, partnerships, then name.
    """
    taking_part = active[active["status"].isin(TIE_STATUSES)]
    bucket = taking_part["tie_type"].map({"treaty": "treaties", "partnership": "partnerships", "dialogue": "partnerships"})
    counts = (
        taking_part.assign(bucket=bucket)
        .dropna(subset=["bucket"])
        .pivot_table(index="iso3", columns="bucket", values="org_id", aggfunc="nunique", fill_value=0)
        .reindex(columns=["treaties", "partnerships"], fill_value=0)
    )
    merged = countries[["iso3", "name", "region"]].merge(
        counts, left_on="iso3", right_index=True, how="left", validate="one_to_one"
    )
    if len(merged) != len(countries):
        raise ValueError("tie_counts lost or duplicated countries")
    merged[["treaties", "partnerships"]] = merged[["treaties", "partnerships"]].fillna(0).astype(int)
    return merged.sort_values(["treaties", "partnerships", "name"], ascending=[False, False, True]).reset_index(drop=True)


# ---------------------------------------------------------------- overlaps between groupings

def grouping_sizes(active: pd.DataFrame) -> pd.Series:
    """How many members and partners each arrangement has (the size :func:`member_sets` compares with ``min_size``)."""
    return active[active["status"].isin(TIE_STATUSES)].groupby("org_id")["iso3"].nunique()


def member_sets(active: pd.DataFrame, min_size: int = 3) -> dict[str, frozenset[str]]:
    """Members and partners of each arrangement with at least ``min_size`` of them, in arrangement order."""
    taking_part = active[active["status"].isin(TIE_STATUSES)]
    sets = taking_part.groupby("org_id")["iso3"].agg(frozenset)
    sizes = grouping_sizes(active)
    order = [o for o in arrangement_order(taking_part) if sizes[o] >= min_size]
    return {org: sets[org] for org in order}


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Shared members over all members of either: 1 for identical sets, 0 for disjoint (or both empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def overlap_matrices(sets: Mapping[str, frozenset[str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Square frames of shared-member counts and Jaccard indices between every pair of groupings."""
    ids = list(sets)
    shared = pd.DataFrame([[len(sets[a] & sets[b]) for b in ids] for a in ids], index=ids, columns=ids)
    index = pd.DataFrame([[jaccard(sets[a], sets[b]) for b in ids] for a in ids], index=ids, columns=ids)
    return shared, index


def overlap_long(shared: pd.DataFrame, index: pd.DataFrame, sets: Mapping[str, frozenset[str]]) -> pd.DataFrame:
    """Every unordered pair of groupings: shared members (count and codes) and Jaccard index, most similar first."""
    ids = list(shared.index)
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
    frame = pd.DataFrame(pairs, columns=["a", "b"])
    return frame.assign(
        shared=[int(shared.loc[a, b]) for a, b in pairs],
        jaccard=[float(index.loc[a, b]) for a, b in pairs],
        shared_members=[", ".join(sorted(sets[a] & sets[b])) for a, b in pairs],
    ).sort_values(["jaccard", "shared", "a", "b"], ascending=[False, False, True, True], ignore_index=True)


# ---------------------------------------------------------------- the two camps

def arrangement_camps(active: pd.DataFrame) -> pd.Series:
    """Camp of each arrangement in ``active`` (indexed by ``org_id``): 'us', 'china_russia' or ''.

    The rule is in the module docstring's terms: see :data:`US_CAMP_EXTRA`
    and :data:`CHINA_RUSSIA_CAMP_EXTRA` for the two placed by hand.
    """
    members = active[active["status"] == "member"]
    member_sets_ = members.groupby("org_id")["iso3"].agg(frozenset).reindex(active["org_id"].unique())
    member_sets_ = member_sets_.map(lambda s: s if isinstance(s, frozenset) else frozenset())
    kinds = active.drop_duplicates("org_id").set_index("org_id")["kind"].reindex(member_sets_.index)
    security = kinds != "regional_organization"
    with_us = member_sets_.map(lambda s: US in s)
    with_cr = member_sets_.map(lambda s: bool(s & {CHINA, RUSSIA}))
    ids = member_sets_.index.to_series()
    camp = np.select(
        [ids.isin(US_CAMP_EXTRA) | (security & with_us), ids.isin(CHINA_RUSSIA_CAMP_EXTRA) | (security & with_cr & ~with_us)],
        ["us", "china_russia"],
        default="",
    )
    return pd.Series(camp, index=member_sets_.index, name="camp")


def both_camps(active: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Countries (other than the US, China and Russia) affiliated with at least one arrangement of each camp.

    Affiliation is any status but 'suspended'; a status other than member is
    written after the arrangement's name. Columns: ``iso3``, ``name``,
    ``region``, ``us`` and ``china_russia`` (the arrangements, '; '-joined).
    """
    camps = arrangement_camps(active)
    affiliated = active[active["status"].isin(AFFILIATION_STATUSES) & ~active["iso3"].isin([US, CHINA, RUSSIA])]
    affiliated = affiliated.assign(camp=affiliated["org_id"].map(camps))
    affiliated = affiliated[affiliated["camp"] != ""]
    label = affiliated["short_name"] + np.where(
        affiliated["status"] == "member", "", " (" + affiliated["status"].map(STATUS_LABELS).str.lower() + ")"
    )
    listed = (
        affiliated.assign(label=label)
        .sort_values(["iso3", "founded_date", "label"])
        .pivot_table(index="iso3", columns="camp", values="label", aggfunc="; ".join)
        .reindex(columns=["us", "china_russia"])
        .dropna()
    )
    result = listed.reset_index().merge(countries[["iso3", "name", "region"]], on="iso3", how="left", validate="one_to_one")
    return result[["iso3", "name", "region", "us", "china_russia"]].sort_values("name", ignore_index=True)


# ---------------------------------------------------------------- numbers for the text


def pair_overlap(pairs: pd.DataFrame, a: str, b: str) -> pd.Series:
    """The row of :func:`overlap_long` for the (unordered) pair of groupings ``a`` and ``b``."""
    match = pairs[((pairs["a"] == a) & (pairs["b"] == b)) | ((pairs["a"] == b) & (pairs["b"] == a))]
    if len(match) != 1:
        raise KeyError(f"no overlap row for {a!r} and {b!r}")
    return match.iloc[0]


def treaty_partners(active: pd.DataFrame, iso3: str) -> frozenset[str]:
    """Countries that take part with ``iso3`` in at least one arrangement of tie type ``treaty``."""
    treaties = active[(active["tie_type"] == "treaty") & active["status"].isin(TIE_STATUSES)]
    joined = treaties.loc[treaties["iso3"] == iso3, ["org_id"]].merge(treaties, on="org_id", validate="one_to_many")
    return frozenset(joined["iso3"]) - {iso3}


def camp_overlap(pairs: pd.DataFrame, camps: pd.Series) -> pd.DataFrame:
    """How often pairs of groupings (:func:`overlap_long`) share a member, within the US camp and across the camps.

    Rows ``within_us`` and ``across`` (one grouping in each camp); columns
    ``pairs``, ``sharing`` (pairs with at least one member in common) and
    ``mean_jaccard``. Groupings in no camp are left out.
    """
    placed = pairs.assign(camp_a=pairs["a"].map(camps).fillna(""), camp_b=pairs["b"].map(camps).fillna(""))
    kind = np.select(
        [(placed["camp_a"] == "us") & (placed["camp_b"] == "us"),
         placed[["camp_a", "camp_b"]].isin(["us"]).any(axis=1) & placed[["camp_a", "camp_b"]].isin(["china_russia"]).any(axis=1)],
        ["within_us", "across"], default="",
    )
    chosen = placed.assign(kind=kind, sharing=placed["shared"] > 0)
    summary = chosen[chosen["kind"] != ""].groupby("kind").agg(
        pairs=("sharing", "size"), sharing=("sharing", "sum"), mean_jaccard=("jaccard", "mean"))
    return summary.reindex(["within_us", "across"]).fillna({"pairs": 0, "sharing": 0}).astype({"pairs": int, "sharing": int})
