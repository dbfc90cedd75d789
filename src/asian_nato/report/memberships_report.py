"""The memberships chapter's charts, reader-facing tables and glue numbers.

Computed from the frames of :mod:`asian_nato.analysis.memberships`; nothing
here decides who is a member of what.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from asian_nato.analysis.memberships import (
    CAMP_LABELS,
    INDO_PACIFIC_REGIONS,
    NAMED_PAIRS,
    STATUS_LABELS,
    STATUS_ORDER,
    TIE_TYPE_LABELS,
    TIE_TYPE_ORDER,
    US,
    arrangement_camps,
    arrangement_order,
    jaccard,
    matrix_long,
    member_sets,
    tie_types,
)
from asian_nato.report import alt_texts, style
from asian_nato.report.display import MOST_ABOVE, agreeing, count_words, counted, in_prose, join_words, sentence_start

# Glyphs that tell the statuses apart without colour.
STATUS_GLYPHS: dict[str, tuple[str, str, bool]] = {  # marker, colour, filled
    "member": ("s", style.OKABE_ITO["blue"], True),
    "partner": ("D", style.OKABE_ITO["green"], False),
    "dialogue_partner": ("^", style.OKABE_ITO["orange"], False),
    "observer": ("o", style.OKABE_ITO["purple"], False),
    "suspended": ("X", style.OKABE_ITO["vermillion"], True),
}


SOURCE = "hand-coded arrangements and memberships (data/organizations.csv, data/memberships.csv), each row sourced"


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


# The glyphs of STATUS_GLYPHS in words, for the alt text: (what is drawn, the status it marks).
STATUS_GLYPH_WORDS: dict[str, tuple[str, str]] = {
    "member": ("filled squares", "members"),
    "partner": ("hollow diamonds", "partners"),
    "dialogue_partner": ("hollow triangles", "dialogue partners"),
    "observer": ("hollow circles", "observers"),
    "suspended": ("crosses", "suspended members"),
}
TIE_TYPE_PLURALS: dict[str, str] = {
    "treaty": "defence treaties", "partnership": "defence partnerships",
    "dialogue": "minilateral dialogues", "regional": "regional organisations",
}


def ranked_counts(values: pd.Series, names: Mapping[str, str], top: int = 3) -> str:
    """The ``top`` largest counts as prose, "A, B and C (18 each)" when they are equal, else as :func:`alt_texts.ranked`."""
    largest = alt_texts.largest(values, top)
    if len(largest) > 1 and largest.nunique() == 1:
        return f"{join_words(in_prose(names.get(k, k)) for k in largest.index)} ({count_words(largest.iloc[0])} each)"
    return alt_texts.ranked(largest, names, count_words, len(largest))


def glyphs_sentence(statuses: Iterable[str]) -> str:
    """What each status's glyph is, for the statuses drawn: "Filled squares mark members, hollow diamonds partners ..."."""
    shown = [STATUS_GLYPH_WORDS[s] for s in STATUS_ORDER if s in set(statuses)]
    parts = [f"{glyph} mark {who}" if i == 0 else f"{glyph} {who}" for i, (glyph, who) in enumerate(shown)]
    return sentence_start(join_words(parts)) + "."


def membership_matrix_alt(matrix: pd.DataFrame, active: pd.DataFrame, countries: pd.DataFrame, top: int = 3) -> str:
    """Alt text for :func:`plot_membership_matrix`: its layout, glyphs, fullest rows and longest columns."""
    names = countries.set_index("iso3")["name"]
    orgs = active.drop_duplicates("org_id").set_index("org_id")
    col_types = orgs.loc[matrix.columns, "tie_type"]
    marked = matrix != ""
    types = [TIE_TYPE_PLURALS[t] for t in TIE_TYPE_ORDER if t in set(col_types)]
    outside_regional = marked.loc[:, (col_types != "regional").to_numpy()].sum(axis=1)
    fullest = outside_regional[outside_regional > 0]
    rows = (f" Outside the regional organisations, the rows with the most marks are {ranked_counts(fullest, names, top)};"
            if len(fullest) else " All the marks are in the regional organisations;")
    return (f"A grid of {counted(len(matrix), 'country', 'countries')} (rows) against "
            f"{counted(matrix.shape[1], 'security arrangement')} (columns), the columns grouped by type of tie: "
            f"{join_words(types)}. {glyphs_sentence(matrix_long(matrix)['status'])}{rows} the longest columns are "
            f"{ranked_counts(marked.sum(), orgs['short_name'], top)}.")


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


def tie_counts_alt(counts: pd.DataFrame) -> str:
    """Alt text for :func:`plot_tie_counts`: who has the longest bars, who comes next, and how many have no treaty."""
    shown = counts[(counts["treaties"] + counts["partnerships"]) > 0]
    n = len(shown)
    form = (f"Paired horizontal bars for the {counted(n, 'country', 'countries')} with at least one tie, defence "
            "treaties solid and partnerships and dialogues hatched, the most treaties at the top.")
    if n == 0:
        return form
    leaders = {column: shown.loc[shown[column] == shown[column].max(), "name"].tolist()
               for column in ("treaties", "partnerships")}
    top = shown.iloc[0]
    if leaders["treaties"] == leaders["partnerships"] == [top["name"]]:
        lead = (f"{sentence_start(in_prose(top['name']))} has the longest bars for both "
                f"({counted(top['treaties'], 'treaty', 'treaties')}, {partnership_count(top['partnerships'])})")
        if n > 1:
            second = shown.iloc[1]
            lead += (f", and next comes {in_prose(second['name'])} ({count_words(second['treaties'], zero='none')} and "
                     f"{count_words(second['partnerships'], zero='none')})")
    else:
        lead = (f"{sentence_start(join_words(map(in_prose, leaders['treaties'])))} "
                f"{agreeing(len(leaders['treaties']), 'has', 'have')} the most defence treaties "
                f"({count_words(shown['treaties'].max(), zero='none')}) and "
                f"{join_words(map(in_prose, leaders['partnerships']))} the most partnerships and dialogues "
                f"({count_words(shown['partnerships'].max(), zero='none')})")
    no_treaty = int((shown["treaties"] == 0).sum())
    return (f"{form} {lead}. {sentence_start(count_words(no_treaty, zero='none'))} of the {count_words(n)} "
            f"{agreeing(no_treaty, 'has', 'have')} partnerships or dialogues but no defence treaty.")


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


def jaccard_alt(index: pd.DataFrame, shared: pd.DataFrame, short_names: Mapping[str, str], top: int = 3) -> str:
    """Alt text for :func:`plot_jaccard`: the most similar pairs, how many share no member, and the most apart grouping."""
    n = len(index)
    lower = np.tril(np.ones((n, n), dtype=bool), k=-1)
    pairs = pd.DataFrame({"jaccard": index.where(lower).stack(), "shared": shared.where(lower).stack()}).dropna()
    label = lambda org: short_names.get(org, org)  # noqa: E731
    form = (f"A triangular heatmap of the Jaccard index for each pair of {counted(n, 'grouping')}, darker for more "
            "shared members, each cell giving the index and the number shared; a pair with no member in common is a "
            "blank cell with a dot.")
    sharing = pairs[pairs["shared"] > 0].sort_values(["jaccard", "shared"], ascending=False, kind="stable").head(top)
    if sharing.empty:
        return f"{form} No pair shares a member."
    # rows are the later grouping of a pair, columns the earlier: name the earlier first
    darkest = join_words(f"{label(earlier)} with {label(later)} ({value:.2f})"
                         for (later, earlier), value in sharing["jaccard"].items())
    n_apart = int((pairs["shared"] == 0).sum())
    text = (f"{form} The darkest cells are {darkest}. Of the {count_words(len(pairs))} pairs, "
            f"{count_words(n_apart, zero='none')} {agreeing(n_apart, 'shares', 'share')} no member")
    blanks = (shared == 0).sum(axis=1)  # the diagonal is a grouping's own size, never 0
    if n_apart == 0:
        return text + "."
    most_apart = blanks[blanks == blanks.max()].index
    each = " each" if len(most_apart) > 1 else ""
    return (f"{text}; {join_words(label(o) for o in most_apart)}{each} {agreeing(len(most_apart), 'shares', 'share')} "
            f"no member with {count_words(blanks.max())} of the other {count_words(n - 1)}, the most of any grouping.")


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
        "mem_without_names": join_words([in_prose(n) for n in without]),
        "mem_top_name": in_prose(str(top["name"])),
        "mem_top_treaties": int(top["treaties"]),
        "mem_top_partnerships": int(top["partnerships"]),
        "mem_second_name": in_prose(str(runner_up["name"])),
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
        "mem_both_names": join_words([in_prose(n) for n in both["name"]]),
        "mem_n_asian": int(asian.sum()),
        "mem_n_asian_with_treaty": int((asian & (counts["treaties"] > 0)).sum()),
        "mem_n_on_map": len(shapes),
        "mem_n_treaty_on_map": int(
            counts_everyone[counts_everyone["iso3"].isin(set(shapes["iso3"]) - set(UNLABELLED))]["treaties"].gt(0).sum()
        ),
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
        numbers[f"mem_{key}_members"] = join_words([in_prose(names.get(c, c)) for c in shared])
    return numbers


def southeast_asia_in_both_sentence(both: pd.DataFrame) -> str:
    """Whether any country in both camps (:func:`asian_nato.analysis.memberships.both_camps`) is in Southeast Asia."""
    names = both.loc[both["region"] == "Southeast Asia", "name"].tolist()
    if not names:
        return ("None of the countries in both camps is in Southeast Asia: there, a state has ties with one side "
                "or with neither.")
    verb = "is" if len(names) == 1 else "are"
    return f"{counted(len(names), 'country', 'countries').capitalize()} in both camps {verb} in Southeast Asia: {join_words(names)}."


def in_both_camps_sentence(both: pd.DataFrame) -> str:
    """How many countries sit in both camps, and which, as a sentence."""
    n = len(both)
    if n == 0:
        return "No country sits in both camps."
    verb = "sits" if n == 1 else "sit"
    return f"{counted(n, 'country', 'countries').capitalize()} {verb} in both camps: {join_words(both['name'])}."


def treaty_count(n: int) -> str:
    return counted(n, "defence treaty", "defence treaties")


def partnership_count(n: int) -> str:
    return counted(n, "partnership or dialogue", "partnerships and dialogues")


def most_connected_sentence(counts: pd.DataFrame) -> str:
    """The Indo-Pacific state with the most ties in :func:`asian_nato.analysis.memberships.tie_counts`'s order
    (defence treaties first, then partnerships and dialogues)."""
    regional = counts[counts["region"].isin(INDO_PACIFIC_REGIONS)]
    if regional.empty or int(regional.iloc[0][["treaties", "partnerships"]].sum()) == 0:
        return "None of the region's own states has a tie of these kinds."
    top = regional.iloc[0]
    return (f"The most connected of the region's own states, counting defence treaties first, is {in_prose(top['name'])}, "
            f"with {treaty_count(top['treaties'])} and {partnership_count(top['partnerships'])}.")


NEARLY_SAME_AT: float = 0.9  # a Jaccard index from here up reads "nearly the same members"


def top_pair_clause(jaccard_index: float, around_asean: bool) -> str:
    """What the most similar pair of groupings is, from its Jaccard index and whether both hold every ASEAN member."""
    bodies = "two broad regional bodies built around ASEAN" if around_asean else "two groupings"
    if jaccard_index >= 1:
        return f"{bodies} with the same members"
    if jaccard_index >= NEARLY_SAME_AT:
        return f"{bodies} with nearly the same members"
    return f"{bodies} that overlap more than any other pair, though far from fully"


def minilaterals_sentence(numbers: Mapping[str, object]) -> str:
    """How the US-led minilaterals overlap with each other against their overlap with the SCO (from :func:`summary_numbers`)."""
    among = min(float(numbers["mem_quad_squad_jaccard"]), float(numbers["mem_quad_aukus_jaccard"]))
    with_sco = float(numbers["mem_quad_sco_jaccard"])
    lead = ("The US-led minilaterals overlap more with each other than with the groupings led by China and Russia"
            if among > with_sco else
            "The US-led minilaterals overlap with the groupings led by China and Russia as much as with each other")
    sco_members = ("no member" if int(numbers["mem_quad_sco_shared"]) == 0
                   else ("only " if int(numbers["mem_quad_sco_shared"]) == 1 else "") + str(numbers["mem_quad_sco_members"]))
    return (f"{lead}: the Quad and the Squad share {numbers['mem_quad_squad_members']} (index "
            f"{float(numbers['mem_quad_squad_jaccard']):.2f}) and the Quad and AUKUS share {numbers['mem_quad_aukus_members']} "
            f"({float(numbers['mem_quad_aukus_jaccard']):.2f}), while the Quad and the SCO share {sco_members} ({with_sco:.2f}).")


# ---------------------------------------------------------------- findings stated in the prose

OVERLAP_WIDE_AT: float = 0.5  # groupings "overlap a great deal" when at least half their pairs share a member
OVERLAP_RARE_BELOW: float = 0.2  # and "hardly at all" when fewer than one pair in five does
SOUTH_AND_SOUTHEAST_ASIA: tuple[str, ...] = ("South Asia", "Southeast Asia")
ASIAN_REGIONS: tuple[str, ...] = ("East Asia", "Southeast Asia", "South Asia")


def leader_sentence(counts: pd.DataFrame) -> str:
    """Who has the most defence treaties and the most partnerships and dialogues, and who comes next, from :func:`tie_counts`."""
    top, second = counts.iloc[0], counts.iloc[1]
    most = {column: counts.loc[counts[column] == counts[column].max(), "name"].tolist()
            for column in ("treaties", "partnerships")}
    if most["treaties"] == most["partnerships"] == [top["name"]]:
        return (f"No country belongs to more defence treaties or more partnerships and dialogues than "
                f"{in_prose(top['name'])} ({top['treaties']} and {top['partnerships']}), and "
                f"{in_prose(second['name'])} comes next.")
    return (f"{sentence_start(join_words(map(in_prose, most['treaties'])))} "
            f"{agreeing(len(most['treaties']), 'belongs', 'belong')} to the most defence treaties "
            f"({counts['treaties'].max()}) and {join_words(map(in_prose, most['partnerships']))} to the most "
            f"partnerships and dialogues ({counts['partnerships'].max()}).")


def asian_treaty_sentence(counts: pd.DataFrame) -> str:
    """How many of the Asian states followed are party to a defence treaty, with 'only' when they are not most of them."""
    asian = counts[counts["region"].isin(ASIAN_REGIONS)]
    n, with_treaty = len(asian), int((asian["treaties"] > 0).sum())
    only = "" if n and with_treaty / n > MOST_ABOVE else "only "
    return (f"Of the {count_words(n)} Asian states followed, {only}{count_words(with_treaty, zero='none')} {agreeing(with_treaty, 'is', 'are')} party to a "
            "defence treaty.")


def _overlap_words(sharing: int, pairs: int) -> str:
    """'a great deal', 'hardly at all' or 'in part', from the share of pairs that share a member."""
    share = sharing / pairs if pairs else 0.0
    if share >= OVERLAP_WIDE_AT:
        return "a great deal"
    return "hardly at all" if share < OVERLAP_RARE_BELOW else "in part"


def camp_overlap_sentence(overlap: pd.DataFrame) -> str:
    """How the US camp's groupings overlap with one another and with those led by China and Russia (:func:`camp_overlap`)."""
    within, across = overlap.loc["within_us"], overlap.loc["across"]
    return (f"The region's groupings overlap {_overlap_words(within['sharing'], within['pairs'])} among the US and its "
            f"allies ({count_words(within['sharing'], zero='none')} of {count_words(within['pairs'])} pairs share a member), "
            f"and {_overlap_words(across['sharing'], across['pairs'])} between them and the groupings led by China and "
            f"Russia ({count_words(across['sharing'], zero='none')} of {count_words(across['pairs'])}).")


def camp_overlap_clause(overlap: pd.DataFrame, rivals: Iterable[str]) -> str:
    """The takeaway's clause: how the US-led groupings overlap with one another and with ``rivals`` (short names)."""
    within, across = overlap.loc["within_us"], overlap.loc["across"]
    degree = {"a great deal": "heavily", "hardly at all": "barely", "in part": "in part"}
    return (f"The US-led groupings overlap {degree[_overlap_words(within['sharing'], within['pairs'])]} with one another "
            f"and {degree[_overlap_words(across['sharing'], across['pairs'])]} with {join_words(rivals).replace(' and ', ' or ')}")


def treaty_spread_clause(counts: pd.DataFrame) -> str:
    """Whether defence treaties bind a minority of the countries followed or most of them (:func:`tie_counts`)."""
    n, with_treaty = len(counts), int((counts["treaties"] > 0).sum())
    if with_treaty / n > MOST_ABOVE:
        return f"bind most of the countries followed ({with_treaty} of {n})"
    return f"are concentrated in a minority of the countries followed ({with_treaty} of {n})"


def south_southeast_clause(counts: pd.DataFrame) -> str:
    """Whether most of South and Southeast Asia has no defence treaty (:func:`tie_counts`)."""
    region = counts[counts["region"].isin(SOUTH_AND_SOUTHEAST_ASIA)]
    without = int((region["treaties"] == 0).sum())
    if without / len(region) > MOST_ABOVE:
        return (f"most of South and Southeast Asia has partnerships and dialogues at most ({without} of its "
                f"{len(region)} countries have no defence treaty)")
    return (f"most of South and Southeast Asia has a defence treaty (only {without} of its {len(region)} countries "
            f"{agreeing(without, 'has', 'have')} none)")


def web_sentence(counts: pd.DataFrame, us_treaty_allies: Iterable[str], top: int = 3) -> str:
    """Whether the countries in the most arrangements (:func:`tie_counts`) are the United States and its treaty allies."""
    totals = counts.set_index("iso3")[["treaties", "partnerships"]].sum(axis=1)
    leaders = alt_texts.largest(totals[totals > 0], top)
    names = counts.set_index("iso3")["name"]
    leader_names = join_words(in_prose(names[c]) for c in leaders.index)
    if set(leaders.index) <= {US, *us_treaty_allies}:
        return (f"The region's web of security ties is spun around the United States and its treaty allies: "
                f"{leader_names} take part in the most arrangements.")
    return (f"The region's web of security ties is not spun around the United States and its treaty allies alone: "
            f"the countries in the most arrangements are {leader_names}.")


def straddlers_clause(both: pd.DataFrame) -> str:
    """The takeaway's clause on the countries in both camps (:func:`both_camps`); pass the ones the book follows."""
    if both.empty:
        return ("no country straddles both camps, so an Asian alliance would not have to choose between a broad "
                "membership and a narrow one")
    verb = agreeing(len(both), "is", "are")
    return (f"the {agreeing(len(both), 'country', 'countries')} that {agreeing(len(both), 'straddles', 'straddle')} "
            f"both camps, {join_words(in_prose(n) for n in both['name'])}, {verb} exactly "
            f"{agreeing(len(both), 'the one', 'those')} whose membership would decide whether an Asian alliance is "
            "broad or narrow")


# Arrangements whose short name reads without "the" mid-sentence ("in NATO", but "in the Quad").
WITHOUT_ARTICLE: tuple[str, ...] = ("NATO", "AUKUS", "ASEAN", "ANZUS", "Five Eyes")


def arrangement_in_prose(label: str) -> str:
    """A short name (perhaps with a status in brackets, as :func:`both_camps` writes it) as it reads mid-sentence."""
    bare = any(label == name or label.startswith(name + " ") for name in WITHOUT_ARTICLE)
    return label if bare else f"the {label}"


def country_camps_sentence(both: pd.DataFrame, iso3: str, name: str, note: str) -> str:
    """Where one country (``note`` says why it is named) sits in each camp, from :func:`both_camps`."""
    row = both[both["iso3"] == iso3]
    if row.empty:
        return f"{sentence_start(in_prose(name))}, {note}, is not in both camps by this rule."
    us, china_russia = (join_words(map(arrangement_in_prose, row.iloc[0][c].split("; "))) for c in ("us", "china_russia"))
    return (f"{sentence_start(in_prose(name))}, {note}, sits in {us} with the United States and in {china_russia} "
            "with China and Russia.")


def no_treaty_between_clause(counts: pd.DataFrame, between: Iterable[str]) -> str:
    """Which of the countries ``between`` the US treaty allies on the map have no defence treaty (:func:`tie_counts`)."""
    chosen = counts.set_index("iso3").reindex(list(between)).dropna(subset=["name"])
    without = chosen.loc[chosen["treaties"] == 0, "name"]
    if without.empty:
        names = join_words(map(in_prose, chosen["name"]))
        return f"{'each of ' if len(chosen) > 1 else ''}{names} is party to at least one defence treaty"
    return f"{join_words(map(in_prose, without))} {agreeing(len(without), 'has', 'have')} no defence treaty"
