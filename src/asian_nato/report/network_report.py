"""The network chapter's charts, tables and glue numbers, drawn from the
frames of :mod:`asian_nato.analysis.network`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from asian_nato.analysis import memberships as ms
from asian_nato.analysis.network import EDGE_TYPES, HUB, edges_added, pure_star_years, tie_mix
from asian_nato.report import alt_texts, memberships_report, style
from asian_nato.report.display import (
    MOST_ABOVE, agreeing, count_words, counted, in_prose, join_clauses, join_words, percent, possessive, sentence_start,
)

EDGE_STYLES: dict[str, dict] = {
    "treaty": {"linestyle": "solid", "color": style.OKABE_ITO["blue"], "linewidth": 1.1},
    "partnership": {"linestyle": (0, (4, 2)), "color": style.OKABE_ITO["orange"], "linewidth": 0.9},
    "dialogue": {"linestyle": (0, (1, 1.5)), "color": style.OKABE_ITO["green"], "linewidth": 1.0},
}


SOURCE = memberships_report.SOURCE
MEASURE_LABELS: dict[str, str] = {
    "year": "Year",
    "ties": "Ties",
    "countries_tied": "Countries with a tie",
    "density": "Density",
    "us_share": "US share of ties",
    "ties_without_us": "Ties without the US",
    "centralisation": "Degree centralisation",
}


def measures_table(measures: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """The measures for the selected ``years``, with reader-facing column names; the year stays text."""
    chosen = measures[measures["year"].isin(years)]
    return chosen.assign(year=chosen["year"].astype(str))[list(MEASURE_LABELS)].rename(columns=MEASURE_LABELS)


def plot_measures(measures: pd.DataFrame, marked_years: Sequence[int] = ()) -> Figure:
    """Four small line charts over time: density, US share, centralisation and ties without the US."""
    fig, axes = style.new_figure(7.5, 5.2, nrows=2, ncols=2, sharex=True)
    panels = [
        ("density", "Density (share of possible ties)", style.OKABE_ITO["blue"], "o"),
        ("us_share", "US share of ties", style.OKABE_ITO["vermillion"], "s"),
        ("centralisation", "Degree centralisation (Freeman)", style.OKABE_ITO["green"], "^"),
        ("ties_without_us", "Ties not involving the US", style.OKABE_ITO["purple"], "D"),
    ]
    marked = measures[measures["year"].isin(marked_years)]
    for ax, (column, title, colour, marker) in zip(axes.flat, panels):
        ax.plot(measures["year"], measures[column], color=colour, linewidth=1.6)
        ax.plot(marked["year"], marked[column], linestyle="", marker=marker, color=colour, markersize=5)
        ax.set_title(title, fontsize=9.5, loc="left")
        ax.set_ylim(bottom=0)
        if column in ("us_share", "centralisation"):
            ax.set_ylim(0, 1.02)
    for ax in axes[1]:
        ax.set_xlabel("Year (ties on 31 December)")
    style.add_source(fig, SOURCE)
    return fig


# How each measure reads in the alt text: its name there, and its values at the chart's precision.
MEASURE_WORDS: dict[str, tuple[str, Callable[[float], str]]] = {
    "density": ("density", lambda v: f"{v:.3f}"),
    "us_share": ("the US share of ties", percent),
    "centralisation": ("degree centralisation", lambda v: f"{v:.2f}"),
    "ties_without_us": ("ties without the US", lambda v: count_words(int(v), zero="none")),
}
STEP_DETAILED: tuple[str, ...] = ("us_share", "ties_without_us")  # the panels whose largest one-year change is described


def largest_step(series: pd.Series) -> tuple[int, int] | None:
    """The (year before, year after) of a year-indexed series' largest one-year change; None if it never changes."""
    steps = series.diff().abs()
    if steps.fillna(0).max() == 0:
        return None
    after = steps.idxmax()
    return int(series.index[series.index.get_loc(after) - 1]), int(after)


def step_words(series: pd.Series, fmt: Callable[[float], str]) -> str | None:
    """A series' largest one-year change: 'a fall from 64% in 1954 to 30% in 1955'; None if it never changes."""
    step = largest_step(series)
    if step is None:
        return None
    before, after = step
    change = "rise" if series[after] > series[before] else "fall"
    return f"a {change} from {fmt(series[before])} in {before} to {fmt(series[after])} in {after}"


def measures_alt(measures: pd.DataFrame, marked_years: Sequence[int] = ()) -> str:
    """Alt text for :func:`plot_measures`: each measure's first and last value, and the largest yearly steps of two."""
    by_year = measures.set_index("year").sort_index()
    first, last = int(by_year.index[0]), int(by_year.index[-1])
    marked = [int(y) for y in marked_years if y in by_year.index]
    marks = f", marked at {join_words(map(str, marked))}" if marked else ""

    def span(column: str, with_years: bool) -> str:
        label, fmt = MEASURE_WORDS[column]
        start, end = fmt(by_year[column].iloc[0]), fmt(by_year[column].iloc[-1])
        return f"{label} goes from {start} in {first} to {end} in {last}" if with_years else f"{label} from {start} to {end}"

    spans = [span(column, i == 0) for i, column in enumerate(MEASURE_WORDS)]
    steps = [(MEASURE_WORDS[c][0], step_words(by_year[c], MEASURE_WORDS[c][1])) for c in STEP_DETAILED]
    steps = [(label, words) for label, words in steps if words]
    text = (f"Four small line charts, {first} to {last}{marks}: density, the US share of ties, degree centralisation "
            f"and the number of ties not involving the US. {sentence_start(join_words(spans))}.")
    if not steps:
        return text
    return text + " The largest one-year change " + ", and ".join(
        f"in {label}{' is' if i == 0 else ''} {words}" for i, (label, words) in enumerate(steps)) + "."


def circular_layout_by_region(
    countries: pd.DataFrame, centre: str | None = HUB, gap: float = 1.5
) -> dict[str, tuple[float, float]]:
    """Fixed positions: ``centre`` (the US) in the middle, the others clockwise on a unit circle from the top.

    Countries keep the order of ``countries`` (region, then name), with a gap
    of ``gap`` slots between regions. Deterministic, so every panel puts each
    country in the same place, and the hub's ties are drawn as spokes.
    """
    ring = countries[countries["iso3"] != centre]
    slots: list[float] = []
    position = 0.0
    previous_region = None
    for region in ring["region"]:
        if previous_region is not None and region != previous_region:
            position += gap
        slots.append(position)
        position += 1.0
        previous_region = region
    total = position + gap
    angles = [math.pi / 2 - 2 * math.pi * (s + gap / 2) / total for s in slots]
    positions = {iso3: (math.cos(a), math.sin(a)) for iso3, a in zip(ring["iso3"], angles)}
    if centre is not None and centre in set(countries["iso3"]):
        positions[centre] = (0.0, 0.0)
    return positions


def _draw_panel(ax, edges: pd.DataFrame, positions: Mapping[str, tuple[float, float]], title: str) -> None:
    for tie_type in reversed(EDGE_TYPES):  # treaties on top
        subset = edges[edges["tie_type"] == tie_type]
        segments = [(positions[s], positions[t]) for s, t in zip(subset["source"], subset["target"])]
        if segments:
            ax.add_collection(LineCollection(segments, zorder=1, alpha=0.9, **EDGE_STYLES[tie_type]))
    tied = set(edges["source"]) | set(edges["target"])
    for iso3, (x, y) in positions.items():
        is_hub = iso3 == HUB
        has_tie = iso3 in tied
        ax.scatter(
            [x], [y], s=90 if is_hub else (20 if has_tie else 8), zorder=3, marker="o",
            c=style.OKABE_ITO["vermillion"] if is_hub else (style.INK if has_tie else "white"),
            edgecolors=style.INK if is_hub or has_tie else "#9a9a9a", linewidths=0.6,
        )
        if is_hub:
            ax.text(x, y - 0.1, iso3, fontsize=7, fontweight="bold", ha="center", va="top", zorder=4,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.8})
            continue
        angle = math.degrees(math.atan2(y, x))
        flip = 90 < angle % 360 < 270
        ax.text(
            1.08 * x, 1.08 * y, iso3, fontsize=5.5, rotation=angle + 180 if flip else angle,
            rotation_mode="anchor", ha="right" if flip else "left", va="center",
            fontweight="bold" if has_tie else "normal", color=style.INK if has_tie else "#8c8c8c",
        )
    ax.set_title(title, fontsize=9)
    ax.set_xlim(-1.38, 1.38)
    ax.set_ylim(-1.38, 1.38)
    ax.set_aspect("equal")
    ax.axis("off")


def plot_network_panels(
    edges: pd.DataFrame,
    countries: pd.DataFrame,
    years: Sequence[int],
    positions: Mapping[str, tuple[float, float]],
    year_labels: Mapping[int, str] | None = None,
) -> Figure:
    """Small multiples of the tie network, one panel per year, on one fixed layout; the last cell holds the legend."""
    n_cols = 2
    n_rows = math.ceil((len(years) + 1) / n_cols)
    fig, axes = style.new_figure(7.5, 3.6 * n_rows, nrows=n_rows, ncols=n_cols)
    labels = year_labels or {}
    for ax, year in zip(axes.flat, years):
        panel = edges[edges["year"] == year]
        _draw_panel(ax, panel, positions, f"{labels.get(year, year)}: {len(panel)} ties")
    legend_ax = axes.flat[len(years)]
    legend_ax.axis("off")
    handles = [Line2D([], [], label=ms.TIE_TYPE_LABELS[t], **EDGE_STYLES[t]) for t in EDGE_TYPES]
    handles += [
        Line2D([], [], linestyle="", marker="o", markersize=8, markerfacecolor=style.OKABE_ITO["vermillion"],
               markeredgecolor=style.INK, label="United States (centre)"),
        Line2D([], [], linestyle="", marker="o", markersize=4.5, color=style.INK, label="Country with a tie"),
        Line2D([], [], linestyle="", marker="o", markersize=3.5, markerfacecolor="white",
               markeredgecolor="#9a9a9a", label="No tie that year"),
    ]
    legend_ax.legend(handles=handles, loc="upper center", fontsize=7.5, title="Edge: strongest tie of the pair",
                     title_fontsize=8)
    regions = list(dict.fromkeys(countries.loc[countries["iso3"] != HUB, "region"]))
    legend_ax.text(0.5, 0.12, "Clockwise from the top:\n" + ", ".join(regions[:3]) + ",\n" + ", ".join(regions[3:]),
                   transform=legend_ax.transAxes, ha="center", va="bottom", fontsize=7.5)
    for ax in axes.flat[len(years) + 1:]:
        ax.axis("off")
    style.add_source(fig, SOURCE)
    return fig


TIE_NOUNS: dict[str, tuple[str, str]] = {
    "treaty": ("treaty", "treaties"), "partnership": ("partnership", "partnerships"), "dialogue": ("dialogue", "dialogues"),
}


def tie_mix_words(panel: pd.DataFrame) -> str:
    """A panel's ties by type: 'all treaties', 'one treaty' or '32 treaties, 23 partnerships and two dialogues'."""
    mix = panel["tie_type"].value_counts().reindex(list(EDGE_TYPES)).dropna().astype(int)
    if len(mix) == 1 and mix.iloc[0] > 1:
        return f"all {TIE_NOUNS[mix.index[0]][1]}"
    return join_words(counted(n, *TIE_NOUNS[tie_type]) for tie_type, n in mix.items())


def new_ties_by_country(edges: pd.DataFrame, since: int, until: int) -> pd.Series:
    """How many ties each country has in ``until`` with a partner it was not tied to in ``since`` (:func:`edges_added`, whatever their type)."""
    new = edges_added(edges, since, until, exclude=())
    return pd.concat([new["source"], new["target"]]).value_counts().sort_index()


def network_panels_alt(edges: pd.DataFrame, countries: pd.DataFrame, years: Sequence[int], top: int = 2) -> str:
    """Alt text for :func:`plot_network_panels`: ties in the first and last panel, who gains most, who stays untied."""
    names = countries.set_index("iso3")["name"]
    panels = {year: edges[edges["year"] == year] for year in years}
    first, last = years[0], years[-1]
    tied = {year: set(panel["source"]) | set(panel["target"]) for year, panel in panels.items()}
    n_ties = {year: count_words(len(panels[year]), zero="none") for year in (first, last)}
    n_tied = {year: count_words(len(tied[year]), zero="none") for year in (first, last)}
    text = (f"Circular network diagrams for {join_words(map(str, years))}, one panel each, with the United States at "
            f"the centre and the other {counted(len(countries) - 1, 'country', 'countries')} on a circle grouped by region; "
            "spokes from the centre are US ties and chords ties among the others, solid for defence treaties, dashed for "
            f"partnerships and dotted for dialogues. The ties go from {n_ties[first]} in {first} "
            f"({tie_mix_words(panels[first])}) to {n_ties[last]} in {last} ({tie_mix_words(panels[last])}), and the "
            f"countries with a tie from {n_tied[first]} to {n_tied[last]}.")
    if len(years) > 1:
        gains = new_ties_by_country(edges, years[-2], last)
        if len(gains):
            text += (f" Between {years[-2]} and {last} the most new ties go to "
                     f"{alt_texts.ranked(gains, names, count_words, top)}.")
    untied = (countries[~countries["iso3"].isin(tied[last])].groupby("region").size()
              .sort_values(ascending=False, kind="stable"))
    if len(untied):
        by_region = join_words(f"{count_words(n)} in {region}" for region, n in untied.items())
        text += (f" In {last}, {counted(untied.sum(), 'country', 'countries')} {agreeing(untied.sum(), 'has', 'have')} "
                 f"no tie: {by_region}.")
    return text


def ties_added(edges: pd.DataFrame, since: int, until: int, names: Mapping[str, str], exclude: str = HUB) -> pd.DataFrame:
    """Ties present in year ``until`` but not in year ``since``, leaving out those of ``exclude`` (the US)."""
    new = edges_added(edges, since, until, (exclude,))
    table = pd.DataFrame({
        "_rank": new["tie_type"].map({t: i for i, t in enumerate(EDGE_TYPES)}).to_numpy(),
        "Country": new["source"].map(names).to_numpy(),
        "Partner": new["target"].map(names).to_numpy(),
        "Tie (strongest)": new["tie_type"].map(ms.TIE_TYPE_LABELS).to_numpy(),
        "Arrangements": new["arrangements"].to_numpy(),
    })
    return table.sort_values(["_rank", "Country", "Partner"], ignore_index=True).drop(columns="_rank")


def summary_numbers(
    edges: pd.DataFrame,
    measures: pd.DataFrame,
    regional_pairs_today: int,
    snapshot_years: Sequence[int],
    compare_year: int,
    as_of: pd.Timestamp,
    n_nodes: int,
    manila_dependence: dict[str, int],
) -> dict[str, int | float | str]:
    """Every number the network chapter's text quotes, as plain Python values ready for ``glue``."""
    by_year = measures.set_index("year")
    first, last = int(measures["year"].min()), int(measures["year"].max())
    numbers: dict[str, int | float | str] = {
        "net_as_of": as_of.date().isoformat(),
        "net_first_year": str(first),
        "net_last_year": str(last),
        "net_n_nodes": n_nodes,
        "net_regional_pairs_today": int(regional_pairs_today),
        "net_compare_year": str(compare_year),
        "net_max_us_share_year": str(int(measures.loc[measures["us_share"].idxmax(), "year"])),
        "net_max_us_share": float(measures["us_share"].max()),
        "net_band_from": str(min(snapshot_years)),
        "net_us_share_band_min": float(measures.loc[measures["year"] >= min(snapshot_years), "us_share"].min()),
        "net_us_share_band_max": float(measures.loc[measures["year"] >= min(snapshot_years), "us_share"].max()),
        "net_manila_lost": int(manila_dependence["lost"]),
        "net_manila_downgraded": int(manila_dependence["downgraded"]),
    }
    for year in sorted(set(snapshot_years) | {first, last, compare_year}):
        row = by_year.loc[year]
        tag = "today" if year == last else str(year)
        numbers[f"net_ties_{tag}"] = int(row["ties"])
        numbers[f"net_density_{tag}"] = float(row["density"])
        numbers[f"net_us_share_{tag}"] = float(row["us_share"])
        numbers[f"net_without_us_{tag}"] = int(row["ties_without_us"])
        numbers[f"net_centralisation_{tag}"] = float(row["centralisation"])
        numbers[f"net_countries_tied_{tag}"] = int(row["countries_tied"])
    for year, tag in ((compare_year, str(compare_year)), (last, "today")):
        for tie_type, count in tie_mix(edges, year, exclude=HUB).items():
            numbers[f"net_without_us_{tie_type}_{tag}"] = count
    return numbers


def new_treaty_ties_sentence(new: pd.DataFrame, names: Mapping[str, str]) -> str:
    """The new treaty ties (:func:`asian_nato.analysis.network.treaty_ties_added`) by name, and what the rest of the lattice is made of."""
    rest = "the lattice is made of access agreements, partnerships and dialogues, which carry no promise to fight."
    if new.empty:
        return f"No new treaty tie has been added among them: {rest}"
    pairs = sorted(f"{names.get(a, a)}–{names.get(b, b)} ({arrangements})"
                   for a, b, arrangements in zip(new["source"], new["target"], new["arrangements"]))
    noun = "tie is" if len(pairs) == 1 else "ties are"
    return f"The new treaty {noun} {join_words(pairs)}; everywhere else {rest}"


def new_treaties_takeaway(new: pd.DataFrame, countries: pd.DataFrame, since: int) -> str:
    """Where new treaties among states outside the hub and the adversaries (:func:`asian_nato.analysis.network.treaty_ties_added`) have come."""
    step = "the step a NATO-like alliance would need"
    who = "leave out the United States, China, Russia and North Korea"
    if new.empty:
        return f"No new mutual-defence treaty that {who.replace('leave', 'leaves', 1)}, {step}, has been signed since {since}."
    region = countries.set_index("iso3")["region"]
    regions = sorted(set(new["source"].map(region)) | set(new["target"].map(region)))
    where = f"only within {regions[0]}" if len(regions) == 1 else f"in {join_words(regions)}"
    return f"New mutual-defence treaties that {who}, {step}, have come {where}."


# ---------------------------------------------------------------- findings stated in the prose

LOW_DENSITY_BELOW: float = 0.1  # density "stays low" while fewer than one pair of countries in ten is tied
LITTLE_CHANGE_AT: float = 0.2  # the picture "hardly changes" when the ties added and lost are at most a fifth of the earlier year's
LINE_WORDS: dict[str, str] = {"treaty": "solid", "partnership": "dashed", "dialogue": "dotted"}


def change_verb(before: float, after: float) -> str:
    """'grew', 'fell' or 'stayed' for a count that went from ``before`` to ``after``."""
    return "grew" if after > before else ("fell" if after < before else "stayed the same")


def hub_history_clause(hub_leads: pd.Series, measures: pd.DataFrame) -> str:
    """Whether the US always had the most ties (:func:`hub_leads_every_year`) and whether the network was ever a pure star."""
    centre = ("whose centre has always been the United States" if hub_leads.all()
              else "whose centre has not always been the United States")
    pure = pure_star_years(measures)
    if pure.empty:
        return f"{centre}, but which was never a pure hub with spokes"
    return f"{centre}, and which was a pure hub with spokes in {join_words(map(str, pure))}"


def new_ties_kind_sentence(added: pd.DataFrame, names: Mapping[str, str]) -> str:
    """What kind most new ties without the US are (:func:`edges_added`), and whose partnerships lead."""
    n = len(added)
    if n == 0:
        return "None of them is new."
    kinds = added["tie_type"].value_counts()
    partnerships = added[added["tie_type"] == "partnership"]
    treaties = int(kinds.get("treaty", 0))
    if int(kinds.get("partnership", 0)) / n <= MOST_ABOVE:
        n_partnerships = int(kinds.get("partnership", 0))
        return (f"Of the new ones, {count_words(n_partnerships, zero='none')} of {count_words(n)} "
                f"{agreeing(n_partnerships, 'is a defence partnership', 'are defence partnerships')} and "
                f"{count_words(treaties, zero='none')} {agreeing(treaties, 'a treaty', 'treaties')}.")
    by_country = pd.concat([partnerships["source"], partnerships["target"]]).value_counts()
    leaders = by_country[by_country == by_country.max()].index
    return (f"Most of the new ones are defence partnerships ({count_words(len(partnerships))} of {count_words(n)}), "
            f"{join_words(possessive(names.get(c, c)) for c in leaders)} above all, not treaties "
            f"({count_words(treaties, zero='none')}).")


def hub_today_sentence(hub_leads_today: bool, before: float, after: float) -> str:
    """Whether the US is still the hub, and how degree centralisation moved from ``before`` to ``after``."""
    lead = "The United States is still the hub" if hub_leads_today else "The United States is no longer the hub"
    verb = "rose" if after > before else ("fell" if after < before else "stayed at")
    moved = f"{verb} from {before:.2f} to {after:.2f}" if verb != "stayed at" else f"stayed at {after:.2f}"
    reading = ("The lattice is being woven around the hub, not instead of it." if hub_leads_today and after >= before
               else "The lattice is loosening the hub's hold.")
    return (f"{lead}: degree centralisation, which measures how far one country outstrips the rest in ties, "
            f"{moved} over the same years. {reading}")


def arrangement_chords_sentence(chords: pd.DataFrame, all_chords: int, year: int, arrangement: str,
                                names: Mapping[str, str]) -> str:
    """How many of a year's ties without the US come from ``arrangement`` (:func:`chords_through`), and whom it ties."""
    members = sorted(set(chords["source"]) | set(chords["target"]), key=lambda c: names.get(c, c))
    share = f"most chords ({count_words(len(chords))} of {count_words(all_chords)})" if len(chords) / all_chords > MOST_ABOVE \
        else f"{count_words(len(chords), zero='none')} of the {count_words(all_chords)} chords"
    tied = f", which tied {join_words(in_prose(names.get(c, c)) for c in members)} to one another" if members else ""
    return f"In {year} {share} come from the {arrangement}{tied}."


def arrangement_leavers_clause(before: pd.DataFrame, after: pd.DataFrame, year: int, names: Mapping[str, str]) -> str:
    """Who no longer has a tie through an arrangement: the ends of ``before``'s chords missing from ``after``'s."""
    def ends(frame: pd.DataFrame) -> set[str]:
        return set(frame["source"]) | set(frame["target"])

    gone = sorted(ends(before) - ends(after), key=lambda c: names.get(c, c))
    if not gone:
        return f"By {year} all its members are still tied by it"
    return f"By {year} {join_words(in_prose(names.get(c, c)) for c in gone)} {agreeing(len(gone), 'has', 'have')} left it"


def chords_added_words(by_arrangement: pd.DataFrame) -> str:
    """The new chords by arrangement (:func:`chords_added_by_arrangement`): 'four dashed ties through NATO IP4/AP4, ...'."""
    if by_arrangement.empty:
        return "no new chord"
    grouped = by_arrangement.groupby(["tie_type", "ties"], sort=False)["arrangement"].agg(list)
    parts = [f"{counted(n, LINE_WORDS[kind] + ' tie')} through {join_words(map(memberships_report.arrangement_in_prose, arrs))}"
             if len(arrs) == 1 else
             f"{counted(n, LINE_WORDS[kind] + ' tie')} each through {join_words(map(memberships_report.arrangement_in_prose, arrs))}"
             for (kind, n), arrs in grouped.items()]
    return join_clauses(parts)


def little_change_sentence(changed: Mapping[str, int], since: int, until: int) -> str:
    """Whether the picture hardly changes between two years (:func:`ties_changed`), with the ties added and lost."""
    moved = changed["added"] + changed["lost"]
    detail = (f"{counted(changed['added'], 'tie')} {agreeing(changed['added'], 'is', 'are')} added and "
              f"{count_words(changed['lost'], zero='none')} lost")
    if changed["before"] and moved / changed["before"] <= LITTLE_CHANGE_AT:
        return f"Between {since} and {until} the picture hardly changes: {detail}."
    return f"Between {since} and {until} the picture changes: {detail}."


def density_sentence(measures: pd.DataFrame) -> str:
    """Whether density stays low (below :data:`LOW_DENSITY_BELOW`) in every year."""
    if measures["density"].max() < LOW_DENSITY_BELOW:
        return f"Density stays low, below {LOW_DENSITY_BELOW:.1f} in every year"
    peak = measures.loc[measures["density"].idxmax()]
    return f"Density reaches {peak['density']:.3f} in {int(peak['year'])}"


def untied_sentence(edges: pd.DataFrame, countries: pd.DataFrame, year: int) -> str:
    """How many countries followed have no tie in ``year``, and where they are."""
    panel = edges[edges["year"] == year]
    untied = countries[~countries["iso3"].isin(set(panel["source"]) | set(panel["target"]))]
    if untied.empty:
        return f"Every country followed has at least one tie in {year}."
    by_region = untied.groupby("region").size().sort_values(ascending=False, kind="stable")
    how_many = "most" if len(untied) / len(countries) > MOST_ABOVE else count_words(len(untied))
    return (f"Of the {count_words(len(countries))} countries followed, {how_many} "
            f"{agreeing(len(untied), 'has', 'have')} no tie of these kinds in {year}: "
            f"{join_words(f'{count_words(n)} in {region}' for region, n in by_region.items())}.")


def us_share_peak_clause(measures: pd.DataFrame, pact_year: int) -> str:
    """Where the US share's peak falls against the year the Manila Pact took effect (``pact_year``)."""
    peak_year = int(measures.loc[measures["us_share"].idxmax(), "year"])
    after = float(measures.loc[measures["year"] == pact_year, "us_share"].iloc[0])
    if peak_year < pact_year:
        return f"before the Manila Pact took effect, and fell to {percent(after)} once it had"
    return f"after the Manila Pact took effect in {pact_year}, when it stood at {percent(after)}"


def untidy_takeaway(measures: pd.DataFrame) -> str:
    """Whether the hub-and-spoke system ever was a pure star: any year with ties but none without the US."""
    pure = pure_star_years(measures)
    if pure.empty:
        return ("The hub-and-spoke system was always less tidy than its name: multilateral pacts of the 1950s tied "
                "the US allies to one another from the start.")
    return (f"The hub-and-spoke system was at times as tidy as its name: in {join_words(map(str, pure))} every tie "
            "ran through the United States.")


def kind_of_tie_takeaway(before: pd.DataFrame, added: pd.DataFrame, spokes_before: int, spokes_after: int) -> str:
    """Whether the ties added among the US allies (``added``) are of another kind than those they had (``before``)."""
    def treaty_share(frame: pd.DataFrame) -> float:
        return float((frame["tie_type"] == "treaty").mean()) if len(frame) else 0.0

    spokes = ("the United States has gained spokes at the same time" if spokes_after > spokes_before
              else "the United States has lost spokes at the same time" if spokes_after < spokes_before
              else "the United States has as many spokes as it had")
    if added.empty:
        return f"Since the end of the Cold War the allies have added no tie among themselves, and {spokes}."
    lead = ("What is new is the kind of tie being added." if treaty_share(added) < treaty_share(before)
            else "The ties being added are of the same kind as before.")
    if treaty_share(added) < MOST_ABOVE:
        how = "with access agreements, partnerships and dialogues, not with treaties"
    else:
        how = "mostly with treaties"
    n_treaties = int((added["tie_type"] == "treaty").sum())
    return (f"{lead} Since the end of the Cold War the allies have knit themselves together {how} "
            f"({count_words(n_treaties, zero='none')} of their {count_words(len(added))} new ties "
            f"{agreeing(n_treaties, 'is a treaty', 'are treaties')}), and {spokes}.")


def lattice_takeaway(added: pd.DataFrame, hub_leads_today: bool) -> str:
    """The last word: whether the new lattice is one of partnerships, and whether it is around an American hub."""
    partnerships = len(added) and float((added["tie_type"] != "treaty").mean()) > MOST_ABOVE
    kind = "a lattice of partnerships" if partnerships else "a lattice of treaties"
    where = "around an American hub" if hub_leads_today else "no longer centred on the United States"
    return f"The lattice an Asian NATO would formalise exists, but it is {kind} {where}."
