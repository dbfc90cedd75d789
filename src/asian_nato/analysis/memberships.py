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
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from asian_nato.report import style
from asian_nato.report.display import join_words

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
# Glyphs that tell the statuses apart without colour.
STATUS_GLYPHS: dict[str, tuple[str, str, bool]] = {  # marker, colour, filled
    "member": ("s", style.OKABE_ITO["blue"], True),
    "partner": ("D", style.OKABE_ITO["green"], False),
    "dialogue_partner": ("^", style.OKABE_ITO["orange"], False),
    "observer": ("o", style.OKABE_ITO["purple"], False),
    "suspended": ("X", style.OKABE_ITO["vermillion"], True),
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

SOURCE = "hand-coded arrangements and memberships (data/organizations.csv, data/memberships.csv), each row sourced"


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


def plot_membership_matrix(matrix: pd.DataFrame, active: pd.DataFrame, countries: pd.DataFrame) -> Figure:
    """Glyph heatmap of the matrix: one shape and colour per status, columns grouped by tie type."""
    names = countries.set_index("iso3")["name"]
    orgs = active.drop_duplicates("org_id").set_index("org_id")
    n_rows, n_cols = matrix.shape
    fig, ax = style.new_figure(7.5, max(5.0, 0.15 * n_rows + 2.6))

    columns = pd.Series(range(n_cols), index=matrix.columns)
    col_types = orgs.loc[matrix.columns, "tie_type"]
    shades = {"treaty": "#e8eef5", "partnership": "white", "dialogue": "#e8eef5", "regional": "white"}
    for tie_type, positions in columns.groupby(col_types.to_numpy()):
        ax.axvspan(positions.min() - 0.5, positions.max() + 0.5, color=shades[tie_type], zorder=0, lw=0)
        ax.text((positions.min() + positions.max()) / 2, n_rows - 0.3, TIE_TYPE_LABELS[tie_type].replace(" ", "\n", 1),
                ha="center", va="top", fontsize=6.5, fontweight="bold")

    long = matrix_long(matrix)
    long = long.assign(x=long["org_id"].map(columns), y=long["iso3"].map(pd.Series(range(n_rows), index=matrix.index)))
    for status, cells in long.groupby("status"):
        marker, colour, filled = STATUS_GLYPHS[status]
        face = colour if filled else "white"
        ax.scatter(cells["x"], cells["y"], marker=marker, s=22, c=face if filled else "none",
                   edgecolors=colour, linewidths=1.0, zorder=3)

    ax.set_xticks(range(n_cols), orgs.loc[matrix.columns, "short_name"].str.slice(0, 30), rotation=90, fontsize=6.5)
    ax.set_yticks(range(n_rows), [f"{names.get(i, i)} ({i})" for i in matrix.index], fontsize=6.5)
    ax.xaxis.tick_top()
    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows + 1.2, -0.5)
    ax.grid(True, color="#e0e0e0", linewidth=0.4)
    ax.set_axisbelow(True)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    present = [s for s in STATUS_ORDER if s in set(long["status"])]
    handles = [
        Line2D([], [], linestyle="", marker=STATUS_GLYPHS[s][0], markersize=6, markeredgecolor=STATUS_GLYPHS[s][1],
               markerfacecolor=STATUS_GLYPHS[s][1] if STATUS_GLYPHS[s][2] else "white", label=STATUS_LABELS[s])
        for s in present
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=len(handles), fontsize=7.5)
    style.add_source(fig, SOURCE)
    return fig


def arrangements_table(active: pd.DataFrame, organizations: pd.DataFrame) -> pd.DataFrame:
    """One row per arrangement in ``active``: name, tie type, founding year, members and other statuses."""
    def codes(frame: pd.DataFrame) -> pd.Series:
        return frame.groupby("org_id")["iso3"].agg(lambda s: ", ".join(sorted(s)))

    is_member = active["status"] == "member"
    others = active[~is_member].assign(iso3=lambda f: f["iso3"] + " (" + f["status"].map(STATUS_LABELS).str.lower() + ")")
    order = arrangement_order(active)
    orgs = organizations.set_index("org_id").loc[order]
    table = pd.DataFrame({
        "Arrangement": orgs["short_name"],
        "Type": tie_types(organizations).loc[order].map(TIE_TYPE_LABELS),
        "Founded": orgs["founded_date"].dt.year.astype(int).astype(str),  # a year, not a quantity
        "Members": codes(active[is_member]).reindex(order).fillna(""),
        "Other statuses": codes(others).reindex(order).fillna(""),
    })
    return table.reset_index(drop=True)


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


def tie_counts_table(counts: pd.DataFrame) -> pd.DataFrame:
    """The counts with reader-facing column names, countries with at least one tie only."""
    shown = counts[(counts["treaties"] + counts["partnerships"]) > 0]
    return shown.rename(columns={
        "name": "Country", "iso3": "ISO3", "region": "Region",
        "treaties": "Defence treaties", "partnerships": "Partnerships and dialogues",
    })[["Country", "ISO3", "Region", "Defence treaties", "Partnerships and dialogues"]]


def plot_tie_counts(counts: pd.DataFrame) -> Figure:
    """Horizontal paired bars per country with at least one tie: treaties (solid) and partnerships (hatched)."""
    shown = counts[(counts["treaties"] + counts["partnerships"]) > 0].iloc[::-1]
    fig, ax = style.new_figure(7.5, max(3.0, 0.2 * len(shown) + 1.4))
    y = np.arange(len(shown))
    height = 0.4
    bars = [
        ("treaties", "Defence treaties", style.OKABE_ITO["blue"], "", y + height / 2),
        ("partnerships", "Partnerships and dialogues", style.OKABE_ITO["orange"], "///", y - height / 2),
    ]
    for column, label, colour, hatch, positions in bars:
        ax.barh(positions, shown[column], height=height, color=colour, hatch=hatch, edgecolor=style.INK,
                linewidth=0.5, label=label)
        for pos, value in zip(positions, shown[column]):
            if value:
                ax.text(value + 0.1, pos, str(value), va="center", fontsize=6.5)
    ax.set_yticks(y, shown["name"], fontsize=7)
    ax.set_xlabel("Number of arrangements (member or partner)")
    ax.grid(axis="y", visible=False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower right", fontsize=8)
    style.add_source(fig, SOURCE)
    return fig


# ---------------------------------------------------------------- overlaps between groupings

def member_sets(active: pd.DataFrame, min_size: int = 3) -> dict[str, frozenset[str]]:
    """Members and partners of each arrangement with at least ``min_size`` of them, in arrangement order."""
    taking_part = active[active["status"].isin(TIE_STATUSES)]
    sets = taking_part.groupby("org_id")["iso3"].agg(frozenset)
    order = [o for o in arrangement_order(taking_part) if len(sets[o]) >= min_size]
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


def plot_jaccard(index: pd.DataFrame, shared: pd.DataFrame, short_names: Mapping[str, str]) -> Figure:
    """Lower-triangle heatmap of the Jaccard index, each cell showing the index and the shared-member count.

    Pairs with no shared member are left white with a dot, so that the
    overlaps stand out.
    """
    import matplotlib

    n = len(index)
    fig, ax = style.new_figure(7.5, 6.4)
    lower = np.tril(np.ones((n, n), dtype=bool), k=-1)
    values = np.where(lower & (shared.to_numpy() > 0), index.to_numpy(), np.nan)[1:, :-1]
    cmap = matplotlib.colormaps[style.SEQUENTIAL_CMAP + "_r"]
    image = ax.imshow(values, cmap=cmap, vmin=0, vmax=1)
    for i, j in zip(*np.nonzero(lower)):
        value, count = index.iat[i, j], shared.iat[i, j]
        if count == 0:
            ax.text(j, i - 1, "·", ha="center", va="center", fontsize=7, color="#8c8c8c")
            continue
        ax.text(j, i - 1, f"{value:.2f}\n({count})", ha="center", va="center", fontsize=5.8, linespacing=0.95,
                color="white" if value > 0.5 else style.INK)
    labels = [short_names.get(o, o) for o in index.index]
    ax.set_xticks(range(n - 1), labels[:-1], rotation=90, fontsize=7)
    ax.set_yticks(range(n - 1), labels[1:], fontsize=7)
    ax.grid(False)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    bar = fig.colorbar(image, ax=ax, shrink=0.6)
    bar.set_label("Jaccard index (shared ÷ all members of either)")
    ax.text(0.98, 0.98, "Cell: Jaccard index\n(shared members)\n· none shared", transform=ax.transAxes,
            ha="right", va="top", fontsize=7.5)
    style.add_source(fig, SOURCE)
    return fig


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


def camp_arrangements_table(active: pd.DataFrame) -> pd.DataFrame:
    """The arrangements of each camp, for the reader to check the rule: camp, arrangement, type."""
    camps = arrangement_camps(active)
    orgs = active.drop_duplicates("org_id").set_index("org_id")
    placed = camps[camps != ""]
    order = [o for o in arrangement_order(active) if o in placed.index]
    camp_rank = placed.loc[order].map({camp: i for i, camp in enumerate(CAMP_LABELS)})
    table = pd.DataFrame({
        "_rank": camp_rank.to_numpy(),
        "Camp": placed.loc[order].map(CAMP_LABELS).to_numpy(),
        "Arrangement": orgs.loc[order, "short_name"].to_numpy(),
        "Type": orgs.loc[order, "tie_type"].map(TIE_TYPE_LABELS).to_numpy(),
    })
    return table.sort_values("_rank", kind="stable", ignore_index=True).drop(columns="_rank")


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

_NAMES_WITH_ARTICLE = frozenset({
    "United States", "United Kingdom", "Philippines", "Marshall Islands", "Solomon Islands", "Maldives",
    "Netherlands", "Micronesia (Federated States of)", "United Arab Emirates",
})


def prose_name(name: str) -> str:
    """A country name as it reads in a sentence: 'the United States', 'Japan'."""
    return f"the {name}" if name in _NAMES_WITH_ARTICLE else name


def pair_overlap(pairs: pd.DataFrame, a: str, b: str) -> pd.Series:
    """The row of :func:`overlap_long` for the (unordered) pair of groupings ``a`` and ``b``."""
    match = pairs[((pairs["a"] == a) & (pairs["b"] == b)) | ((pairs["a"] == b) & (pairs["b"] == a))]
    if len(match) != 1:
        raise KeyError(f"no overlap row for {a!r} and {b!r}")
    return match.iloc[0]


def off_map_note(counts: pd.DataFrame, shapes: pd.DataFrame, column: str = "treaties") -> str:
    """'Off the map: United States 7, ...' for countries with a non-zero count that the map does not label."""
    from asian_nato.report.maps import UNLABELLED

    drawn = set(shapes["iso3"]) - set(UNLABELLED)
    missing = counts[(counts[column] > 0) & ~counts["iso3"].isin(drawn)]
    if missing.empty:
        return ""
    return "Off the map: " + ", ".join(f"{n} {v}" for n, v in zip(missing["name"], missing[column]))


def summary_numbers(
    active: pd.DataFrame,
    study: pd.DataFrame,
    matrix: pd.DataFrame,
    counts: pd.DataFrame,
    counts_everyone: pd.DataFrame,
    pairs: pd.DataFrame,
    both: pd.DataFrame,
    shapes: pd.DataFrame,
    min_size: int,
) -> dict[str, int | float | str]:
    """Every number and list the chapter's text quotes, as plain Python values ready for ``glue``.

    ``counts`` covers the countries followed (:func:`study_countries`),
    ``counts_everyone`` every country in the data (for the map).
    """
    from asian_nato.report.maps import UNLABELLED

    names = study.set_index("iso3")["name"]
    orgs = active.drop_duplicates("org_id").set_index("org_id")
    by_country = counts.set_index("iso3")
    col_types = orgs.loc[matrix.columns, "tie_type"]
    without = [names[c] for c in study["iso3"] if c not in matrix.index]
    top = counts.iloc[0]
    runner_up = counts.iloc[1]
    asian = counts["region"].isin(("East Asia", "Southeast Asia", "South Asia"))
    leader = pairs.iloc[0]
    numbers: dict[str, int | float | str] = {
        "mem_n_study": len(study),
        "mem_n_rows": len(matrix),
        "mem_n_arrangements": matrix.shape[1],
        "mem_n_treaty_arrangements": int((col_types == "treaty").sum()),
        "mem_n_partnership_arrangements": int((col_types == "partnership").sum()),
        "mem_n_dialogue_arrangements": int((col_types == "dialogue").sum()),
        "mem_n_regional_arrangements": int((col_types == "regional").sum()),
        "mem_n_without": len(without),
        "mem_without_names": join_words([prose_name(n) for n in without]),
        "mem_top_name": prose_name(str(top["name"])),
        "mem_top_treaties": int(top["treaties"]),
        "mem_top_partnerships": int(top["partnerships"]),
        "mem_second_name": prose_name(str(runner_up["name"])),
        "mem_second_treaties": int(runner_up["treaties"]),
        "mem_second_partnerships": int(runner_up["partnerships"]),
        "mem_n_with_treaty": int((counts["treaties"] > 0).sum()),
        "mem_n_with_any": int(((counts["treaties"] + counts["partnerships"]) > 0).sum()),
        "mem_n_with_none": int(((counts["treaties"] + counts["partnerships"]) == 0).sum()),
        "mem_min_size": int(min_size),
        "mem_n_groupings": len(set(pairs["a"]) | set(pairs["b"])),
        "mem_n_pairs": len(pairs),
        "mem_n_pairs_sharing": int((pairs["shared"] > 0).sum()),
        "mem_n_pairs_disjoint": int((pairs["shared"] == 0).sum()),
        "mem_top_pair": f"{orgs.loc[leader['a'], 'short_name']} and {orgs.loc[leader['b'], 'short_name']}",
        "mem_top_pair_jaccard": float(leader["jaccard"]),
        "mem_n_both": len(both),
        "mem_both_names": join_words([prose_name(n) for n in both["name"]]),
        "mem_n_asian": int(asian.sum()),
        "mem_n_asian_with_treaty": int((asian & (counts["treaties"] > 0)).sum()),
        "mem_n_on_map": len(shapes),
        "mem_n_treaty_on_map": int(
            counts_everyone[counts_everyone["iso3"].isin(set(shapes["iso3"]) - set(UNLABELLED))]["treaties"].gt(0).sum()
        ),
        "mem_no_treaty_examples": join_words([
            prose_name(names[c]) for c in ("IND", "IDN", "VNM", "MYS", "SGP") if c in by_country.index and by_country.loc[c, "treaties"] == 0
        ]),
    }
    for iso3 in ("USA", "AUS", "JPN", "IND", "PHL", "KOR", "CHN", "RUS", "PRK", "GBR"):
        if iso3 in by_country.index:
            key = iso3.lower()
            numbers[f"mem_{key}_treaties"] = int(by_country.loc[iso3, "treaties"])
            numbers[f"mem_{key}_partnerships"] = int(by_country.loc[iso3, "partnerships"])
    # Named pairs are measured on every arrangement, whatever its size, so that a
    # grouping shrinking below the overlap chart's minimum never drops a number.
    every_set = member_sets(active, min_size=1)
    for key, (a, b) in NAMED_PAIRS.items():
        set_a, set_b = every_set.get(a, frozenset()), every_set.get(b, frozenset())
        shared = sorted(set_a & set_b)
        numbers[f"mem_{key}_shared"] = len(shared)
        numbers[f"mem_{key}_jaccard"] = jaccard(set_a, set_b) if set_a | set_b else 0.0
        numbers[f"mem_{key}_members"] = join_words([prose_name(names.get(c, c)) for c in shared])
    return numbers
