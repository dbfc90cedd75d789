"""The capabilities chapter's charts and reader-facing tables.

Line charts label each line at its end (:func:`label_line_ends`, which keeps
labels apart with :func:`asian_nato.report.style.spread_labels`); the numbers come from
:mod:`asian_nato.analysis.capabilities`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from asian_nato.analysis import answer
from asian_nato.analysis.capabilities import RUSSIA, coverage, group_total, latest_row, nuclear_status, ratio, stays_below_since
from asian_nato.analysis.groups import ADVERSARIES, CANDIDATES, CHINA, US
from asian_nato.report import style
from asian_nato.report.alt_texts import ranked, rounded
from asian_nato.report.display import agreeing, count_words, counted, in_prose, join_names, join_words, number_words, possessive, sentence_start

SOURCE_SIPRI = "SIPRI Military Expenditure Database 2025 (constant 2023 US$)"
SOURCE_NMC = "Correlates of War, National Material Capabilities v7.0 (military personnel)"
SOURCE_FAS = "Federation of American Scientists estimates, via Our World in Data"
RATIO_LABELS: dict[str, str] = {
    "candidates_to_china": "All candidates ÷ China",
    "candidates_to_china_russia": "All candidates ÷ (China + Russia)",
    "candidates_without_us_to_china": "Candidates without the US ÷ China",
    "asia_pacific_to_china": "Asia-Pacific candidates ÷ China",
}
# The same ratios as they read in an alt text.
RATIO_PROSE: dict[str, str] = {
    "candidates_to_china": "all candidates to China",
    "candidates_to_china_russia": "all candidates to China and Russia together",
    "candidates_without_us_to_china": "the candidates without the United States to China",
    "asia_pacific_to_china": "the Asia-Pacific candidates to China",
}
# A ratio of spending at which both sides spend the same: the dotted line of the ratio chart.
PARITY: float = 1.0


def ratio_table(balance: pd.DataFrame, personnel: pd.DataFrame, warheads: pd.DataFrame,
                candidates: Sequence[str] = CANDIDATES, adversaries: Sequence[str] = ADVERSARIES) -> pd.DataFrame:
    """The headline ratios, each in the latest year its data allows.

    Spending ratios come from :func:`spending_balance`; personnel and
    warheads compare all candidates with China, Russia and North Korea together.
    """
    spend_year = int(balance["candidates"].last_valid_index())
    spend = balance.loc[spend_year]
    pers_year = int(personnel.dropna(how="all").index.max())
    war_year = int(warheads.dropna(how="all").index.max())
    pers = personnel.loc[pers_year]
    war = warheads.loc[war_year]
    rows = [
        *[(label, "military spending", spend_year, float(spend[key])) for key, label in RATIO_LABELS.items()],
        ("US share of candidate spending (%)", "military spending", spend_year, float(spend["us_share"])),
        ("All candidates ÷ China, Russia and North Korea", "armed-forces personnel", pers_year,
         ratio(pers[list(candidates)].sum(), pers[list(adversaries)].sum())),
        ("All candidates ÷ China, Russia and North Korea", "nuclear warheads", war_year,
         ratio(war[list(candidates)].sum(), war[list(adversaries)].sum())),
    ]
    table = pd.DataFrame(rows, columns=["Ratio", "Measure", "Year", "Value"])
    return table.assign(Year=table["Year"].astype(str))  # a label, not a quantity: no thousands separator


def whole_numbers(series: pd.Series) -> pd.Series:
    """Rounded to integers when no value is missing (tables then print no decimals); unchanged otherwise."""
    return series.round().astype(int) if series.notna().all() else series


def gap_table(coverage_frame: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`coverage` with missing years, with country names and years as text ('' if none)."""
    names = countries.set_index("iso3")["name"]
    gaps = coverage_frame[coverage_frame["years_missing"] > 0]
    as_text = lambda col: gaps[col].astype(object).map(lambda v: "" if pd.isna(v) else str(int(v)))  # noqa: E731
    return pd.DataFrame({
        "Country": gaps["iso3"].map(names),
        "Years with data": gaps["years_with_data"].astype(int),
        "Years missing": gaps["years_missing"].astype(int),
        "First year": as_text("first_year"),
        "Last year": as_text("last_year"),
    }).reset_index(drop=True)


def snapshot(milex: pd.DataFrame, share: pd.DataFrame, personnel: pd.DataFrame, warheads: pd.DataFrame,
             countries: pd.DataFrame, us_treaty_allies: set[str],
             candidates: Sequence[str] = CANDIDATES, adversaries: Sequence[str] = ADVERSARIES) -> pd.DataFrame:
    """One row per state: latest spending (US$ bn), share of GDP, personnel, warheads, nuclear status.

    Candidates come first, by spending (largest first, states without a
    figure last), then the adversaries in the same order. Column names carry
    the year of each measure; NaN means the source has no value.
    """
    codes = [*candidates, *adversaries]
    y_milex, milex_row = latest_row(milex)
    y_share, share_row = latest_row(share)
    y_pers, pers_row = latest_row(personnel)
    y_war, war_row = latest_row(warheads)
    names = countries.set_index("iso3")["name"].reindex(codes)
    if names.isna().any():
        raise ValueError(f"codes missing from countries.csv: {names.index[names.isna()].tolist()}")
    spending = f"Spending {y_milex} (US$ bn)"
    table = pd.DataFrame({
        "Country": names,
        spending: milex_row.reindex(codes) / 1000,
        f"Share of GDP {y_share} (%)": share_row.reindex(codes),
        f"Personnel {y_pers} (thousands)": whole_numbers(pers_row.reindex(codes)),
        f"Warheads {y_war}": whole_numbers(war_row.reindex(codes)),
        "Nuclear status": nuclear_status(codes, war_row, us_treaty_allies),
    })
    side = pd.Series(np.repeat([0, 1], [len(candidates), len(adversaries)]), index=names.index)
    return (
        table.assign(_side=side)
        .sort_values(["_side", spending], ascending=[True, False], na_position="last")
        .drop(columns="_side")
        .reset_index(drop=True)
    )


def label_line_ends(ax: Axes, ends: pd.DataFrame, *, log: bool = False, min_gap: float | None = None, fontsize: float = 8) -> None:
    """Write each line's label just right of its last point, spread so labels never overlap.

    ``ends`` has columns ``x``, ``y``, ``label`` and ``colour``. On a log
    axis the spreading is done in log10 units.
    """
    y = np.log10(ends["y"].to_numpy(dtype=float)) if log else ends["y"].to_numpy(dtype=float)
    if min_gap is None:
        low, high = ax.get_ylim()
        span = (np.log10(high) - np.log10(low)) if log else (high - low)
        min_gap = span * 0.045
    placed = style.spread_labels(y, min_gap)
    placed = 10 ** placed if log else placed
    x_pad = (ax.get_xlim()[1] - ax.get_xlim()[0]) * 0.015
    for x, y_label, text, colour in zip(ends["x"], placed, ends["label"], ends["colour"]):
        ax.annotate(text, (x + x_pad, y_label), fontsize=fontsize, color=colour, va="center", ha="left", annotation_clip=False)


def _line_styles(n: int) -> list[dict]:
    """Colour, marker and dash for ``n`` lines, so each differs in more than colour."""
    dashes = ["-", "--", "-.", ":"]
    return [
        {"color": style.SEQUENCE[i % len(style.SEQUENCE)],
         "marker": style.MARKERS[(i + 3 * (i // len(style.SEQUENCE))) % len(style.MARKERS)],
         "linestyle": dashes[(i // len(style.SEQUENCE)) % len(dashes)]}
        for i in range(n)
    ]


# One look per state, kept across every chart of chapters 5 and 6: the big
# powers get solid lines, the others dashed ones.
STYLE_ORDER: tuple[str, ...] = (
    "USA", "CHN", "RUS", "IND", "GBR", "JPN", "KOR", "AUS",
    "PRK", "SGP", "IDN", "PHL", "THA", "MYS", "VNM", "NZL",
)


COUNTRY_STYLES: dict[str, dict] = dict(zip(STYLE_ORDER, _line_styles(len(STYLE_ORDER))))
TOTAL_STYLES: dict[str, dict] = {
    "all_candidates": {"color": style.INK, "marker": "o", "linestyle": "-", "linewidth": 2.6},
    "adversaries": {"color": style.OKABE_ITO["grey"], "marker": "s", "linestyle": "-", "linewidth": 2.6},
}


def plot_lines(ax: Axes, wide: pd.DataFrame, labels: dict[str, str], *, log: bool = False, markevery: int = 4,
               label_room: float = 5, styles: dict[str, dict] | None = None,
               ylim: tuple[float, float] | None = None) -> None:
    """One line per column of ``wide`` (index: years) with markers and a direct label at its last value.

    ``label_room`` is the width, in years, kept free right of the data for
    the labels. ``styles`` maps columns to line styles (colour, marker,
    dash); other columns take the next styles in sequence. ``ylim`` is set
    before the labels are spread, so they are spaced for the final axis.
    """
    styles = {**COUNTRY_STYLES, **TOTAL_STYLES, **(styles or {})}
    fallback = iter(_line_styles(len(wide.columns)))
    ends = []
    for column in wide.columns:
        line_style = {"linewidth": 1.6, **(styles.get(column) or next(fallback))}
        series = wide[column].dropna()
        if log:
            series = series[series > 0]
        if series.empty:
            continue
        ax.plot(series.index, series.to_numpy(), markersize=4.5, markevery=markevery, **line_style)
        ends.append({"x": series.index[-1], "y": series.iloc[-1], "label": labels.get(column, column), "colour": line_style["color"]})
    if log:
        log_axis(ax)
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_xlim(wide.index.min() - 0.5, wide.index.max() + label_room)
    year_ticks(ax, wide.index)
    label_line_ends(ax, pd.DataFrame(ends), log=log)


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def ordinal(n: int) -> str:
    """A rank for prose: words up to ten ('third'), digits with their suffix above ('12th', '21st', as :func:`answer.ordinal`)."""
    n = int(n)
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else answer.ordinal(n)


def whole(value: float) -> str:
    """A count to two significant figures, without decimals: '12,000', '30', '5'."""
    return rounded(value) if abs(value) >= 10 else f"{value:.0f}"


def first_to_last(series: pd.Series, span: tuple[int, int], fmt: Callable[[float], str] = rounded) -> str:
    """How a line moves, 'falls from 18 to 4.1'; a line's own first or last year is named when it is not the chart's."""
    values = series.dropna()
    (start_year, start), (end_year, end) = (int(values.index[0]), values.iloc[0]), (int(values.index[-1]), values.iloc[-1])
    if len(values) == 1:
        return f"has a single point, {fmt(start)} in {start_year}"
    if start == end:
        own = f", {start_year} to {end_year}" if (start_year, end_year) != tuple(span) else ""
        return f"is {fmt(start)} at both ends{own}"
    start_text = fmt(start) + (f" in {start_year}" if start_year != span[0] else "")
    end_text = fmt(end) + (f" in {end_year}" if end_year != span[1] else "")
    return f"{'rises' if end > start else 'falls'} from {start_text} to {end_text}"


def parity_clause(series: pd.Series) -> str:
    """Where a ratio's line lies against parity: 'above parity throughout', 'below parity every year since 2017', ..."""
    values = series.dropna()
    since = stays_below_since(values, PARITY)
    if since == values.index.min():
        return "below parity throughout"
    if since is not None:
        return f"below parity every year since {since}"
    below = int((values < PARITY).sum())
    return f"above parity at the end, after {counted(below, 'year')} below it" if below else "above parity throughout"


def plain_number(value: float, _position: int | None = None) -> str:
    """Tick text without scientific notation: 2,000 / 50 / 0.5."""
    return f"{value:,.0f}" if value >= 1 else f"{value:g}"


def log_axis(ax: Axes) -> None:
    """A log-scale y axis with ticks at 1, 2 and 5 times powers of ten, written as plain numbers."""
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(plain_number))
    ax.yaxis.set_minor_formatter(ticker.NullFormatter())


def year_ticks(ax: Axes, years: pd.Index, step: int = 5) -> None:
    """Year ticks every ``step`` years within the data, so the label margin carries no ticks."""
    first = int(np.ceil(years.min() / step) * step)
    ax.set_xticks(range(first, int(years.max()) + 1, step))


def _names(countries: pd.DataFrame) -> dict[str, str]:
    return countries.set_index("iso3")["name"].to_dict()


def spending_panels(milex: pd.DataFrame, n_large: int = 8) -> tuple[list[str], list[str]]:
    """The codes in each panel of :func:`plot_spending_trend`, largest spender first; states with no figure are in neither."""
    _, last = latest_row(milex)
    order = last.sort_values(ascending=False, na_position="last").index
    ever = milex.columns[milex.notna().any()]
    order = [c for c in order if c in ever]
    return order[:n_large], order[n_large:]


def plot_spending_trend(milex: pd.DataFrame, countries: pd.DataFrame, n_large: int = 8) -> Figure:
    """Two log-scale panels: the ``n_large`` biggest spenders in the latest year, then the rest."""
    large, small = spending_panels(milex, n_large)
    fig, axes = style.new_figure(7.5, 7.4, nrows=2, sharex=True)
    names = _names(countries)
    last_year = coverage(milex).set_index("iso3")["last_year"]
    names.update({code: f"{names[code]} (to {int(year)})" for code, year in last_year.dropna().items() if year < milex.index.max()})
    for ax, codes, title in zip(axes, (large, small), ("Largest spenders", "Smaller candidates")):
        plot_lines(ax, milex[codes] / 1000, names, log=True, label_room=6)
        ax.set_title(title, loc="left")
        ax.set_ylabel("US$ bn, 2023 prices (log scale)")
    axes[-1].set_xlabel("Year")
    return style.add_source(fig, SOURCE_SIPRI + ". North Korea: no SIPRI data.")


def spending_trend_alt(milex: pd.DataFrame, countries: pd.DataFrame, n_large: int = 8) -> str:
    """Alt text for :func:`plot_spending_trend`, from the panel it draws."""
    large, small = spending_panels(milex, n_large)
    names = _names(countries)
    bn = milex / 1000
    drawn = bn[large + small].dropna(how="all")
    first, year = int(drawn.index.min()), int(drawn.index.max())
    text = (f"Two line charts on log scales of military spending in billions of constant US dollars, {first} to {year}. "
            f"The top one shows the {count_words(len(large))} largest spenders in {year}, led by "
            f"{ranked(drawn.loc[year, large], names, rounded)}; {_fastest_growth(drawn, large, names)}.")
    if small:
        text += (f" The bottom one shows the other {counted(len(small), 'state')} with figures, led by "
                 f"{ranked(drawn.loc[year, small], names, rounded, top=2)}.")
    return text + _partial_lines(milex, names, (first, year))


def _fastest_growth(drawn: pd.DataFrame, codes: Sequence[str], names: dict[str, str]) -> str:
    """Which of ``codes`` grew most from the first to the last year of ``drawn``, and its rank among all its states then and now."""
    first, year = drawn.index.min(), drawn.index.max()
    growth = (drawn.loc[year, list(codes)] / drawn.loc[first, list(codes)]).dropna()
    if growth.empty:
        return f"none of them has figures for both {first} and {year}"
    code = growth.idxmax()
    ranks = drawn.loc[[first, year]].rank(axis=1, ascending=False, method="min")[code].astype(int)
    place = (f"keeping {ordinal(ranks[year])} place" if ranks[first] == ranks[year]
             else f"moving from {ordinal(ranks[first])} place in {first} to {ordinal(ranks[year])} in {year}")
    change = "grew the most" if growth[code] > 1 else "fell the least"
    return f"{in_prose(names.get(code, code))} {change}, to {rounded(growth[code])} times its {first} level, {place}"


def _partial_lines(milex: pd.DataFrame, names: dict[str, str], span: tuple[int, int]) -> str:
    """A sentence on the lines that start late or stop early and on the states with no line at all ('' if none)."""
    cover = coverage(milex).set_index("iso3")
    drawn = cover[cover["years_with_data"] > 0]
    partial = drawn[(drawn["first_year"] > span[0]) | (drawn["last_year"] < span[1])]
    clauses = [f"the line for {in_prose(names.get(code, code))} runs only from {start} to {end}"
               for code, start, end in zip(partial.index, partial["first_year"], partial["last_year"])]
    missing = cover.index[cover["years_with_data"] == 0]
    if len(missing):
        clauses.append(f"{join_names(missing, names)} {agreeing(len(missing), 'has', 'have')} no figures and no line")
    return f" {sentence_start('; '.join(clauses))}." if clauses else ""


def plot_spending_ratios(balance: pd.DataFrame) -> Figure:
    """Candidate spending relative to China's (and China's plus Russia's), with parity marked."""
    fig, ax = style.new_figure(7.5, 4.4)
    wide = balance[list(RATIO_LABELS)]
    plot_lines(ax, wide, RATIO_LABELS, log=True, label_room=9)
    ax.axhline(1, color=style.INK, linewidth=0.9, linestyle=":")
    ax.annotate("parity", (wide.index.min(), 1), xytext=(2, 3), textcoords="offset points", fontsize=8, color=style.INK)
    ax.set_ylabel("Ratio of spending (log scale)")
    ax.set_xlabel("Year")
    return style.add_source(fig, SOURCE_SIPRI + ".")


def spending_ratios_alt(balance: pd.DataFrame) -> str:
    """Alt text for :func:`plot_spending_ratios`: each ratio's first and latest value and where it lies against parity."""
    wide = balance[list(RATIO_LABELS)].dropna(how="all")
    span = (int(wide.index.min()), int(wide.index.max()))
    lines = [f"the ratio of {RATIO_PROSE[key]} {first_to_last(wide[key], span)}, {parity_clause(wide[key])}" for key in RATIO_LABELS]
    return (f"Line chart on a log scale of {count_words(len(lines))} ratios of spending, {span[0]} to {span[1]}, "
            f"with a dotted line at parity (a ratio of one). {sentence_start('; '.join(lines))}.")


def balance_stacks(milex: pd.DataFrame, asia_pacific_codes: Sequence[str], years: Sequence[int]) -> pd.DataFrame:
    """Long frame year, side, part, value (US$ bn) for the stacked balance chart."""
    parts = {
        ("Candidates", "United States"): milex[US],
        ("Candidates", "United Kingdom"): milex["GBR"],
        ("Candidates", "Asia-Pacific candidates"): group_total(milex, asia_pacific_codes),
        ("Adversaries", "China"): milex[CHINA],
        ("Adversaries", "Russia"): milex[RUSSIA],
    }
    frame = pd.DataFrame({key: series.loc[list(years)] / 1000 for key, series in parts.items()})
    frame.columns = pd.MultiIndex.from_tuples(frame.columns, names=["side", "part"])
    return frame.stack(["side", "part"]).rename("usd_bn").reset_index()


def plot_spending_balance(stacks: pd.DataFrame) -> Figure:
    """Side-by-side stacked bars: candidates against China and Russia, every few years."""
    fig, ax = style.new_figure(7.5, 4.4)
    years = sorted(stacks["year"].unique())
    x = np.arange(len(years))
    width = 0.38
    parts = list(dict.fromkeys(stacks["part"]))
    looks = {part: (style.SEQUENCE[i], style.HATCHES[i]) for i, part in enumerate(parts)}
    for offset, side in ((-width / 2 - 0.01, "Candidates"), (width / 2 + 0.01, "Adversaries")):
        sub = stacks[stacks["side"] == side].pivot(index="year", columns="part", values="usd_bn").reindex(years)
        bottom = np.zeros(len(years))
        for part in [p for p in parts if p in sub.columns]:
            values = sub[part].fillna(0).to_numpy()
            colour, hatch = looks[part]
            ax.bar(x + offset, values, width, bottom=bottom, color=colour, hatch=hatch, edgecolor="white", linewidth=0.6, label=part)
            bottom += values
        for xi, total in zip(x + offset, bottom):
            ax.annotate(f"{total:,.0f}", (xi, total), xytext=(0, 2), textcoords="offset points", ha="center", fontsize=7)
    ax.set_xticks(x, [f"{y}\nC | A" for y in years])
    ax.set_ylabel("US$ bn, 2023 prices")
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(plain_number))
    ax.legend(loc="upper left", fontsize=8, ncols=2)
    ax.grid(axis="x", visible=False)
    ax.set_xlabel("Year (left bar C: candidates; right bar A: China and Russia; North Korea has no data)")
    return style.add_source(fig, SOURCE_SIPRI + ".")


def _part_in_prose(part: str) -> str:
    """A stacked part's name mid-sentence: a country with its article, a group of candidates with 'the'."""
    return f"the {part}" if part.endswith("candidates") else in_prose(part)


def spending_balance_alt(stacks: pd.DataFrame) -> str:
    """Alt text for :func:`plot_spending_balance`: each side's total first and last, its largest part, and which bar is taller."""
    years = sorted(stacks["year"].unique())
    span = (int(years[0]), int(years[-1]))
    sides = list(dict.fromkeys(stacks["side"]))
    parts = stacks.groupby("side", sort=False)["part"].unique()
    totals = stacks.groupby(["year", "side"])["usd_bn"].sum().unstack("side")
    valued = stacks.dropna(subset=["usd_bn"])
    largest = valued.loc[valued.groupby(["side", "year"])["usd_bn"].idxmax()].groupby("side")["part"].unique()
    pairs = " and ".join(f"the {side.lower()} ({where}: {join_words(map(_part_in_prose, parts[side]))})"
                         for side, where in zip(sides, ("left", "right")))
    moves = "; ".join(
        f"the {side.lower()}' total {first_to_last(totals[side], span)}, "
        + (f"{_part_in_prose(largest[side][0])} the largest part in every year shown" if len(largest[side]) == 1
           else f"the largest part in turn {join_words(map(_part_in_prose, largest[side]))}")
        for side in sides)
    left, right = sides[0].lower(), sides[1].lower()
    taller = int((totals[sides[0]] > totals[sides[1]]).sum())
    when = ("every year shown" if taller == len(years) else "none of the years shown" if taller == 0
            else f"{count_words(taller)} of the {count_words(len(years))} years shown")
    return (f"Paired stacked bars for {count_words(len(years))} years from {span[0]} to {span[1]}, each pair {pairs}, "
            f"each bar labelled with its total in billions of dollars. {sentence_start(moves)}. "
            f"The {left}' bar is the taller in {when}; in {span[1]} it is "
            f"{rounded(totals.loc[span[1], sides[0]] / totals.loc[span[1], sides[1]])} times the {right}'.")


def personnel_lines(personnel: pd.DataFrame, countries: pd.DataFrame, candidates: Sequence[str] = CANDIDATES,
                    adversaries: Sequence[str] = ADVERSARIES, n_largest: int = 5) -> tuple[pd.DataFrame, dict[str, str]]:
    """The two sides' totals plus the ``n_largest`` armed forces in the latest year, and their labels."""
    _, last = latest_row(personnel)
    largest = last.reindex([*candidates, *adversaries]).nlargest(n_largest).index.tolist()
    wide = pd.concat(
        [group_total(personnel, candidates).rename("all_candidates"),
         group_total(personnel, adversaries).rename("adversaries"),
         personnel[largest]], axis=1,
    )
    labels = {"all_candidates": "All candidates", "adversaries": "China + Russia + N. Korea", **_names(countries)}
    return wide, labels


def plot_personnel(wide: pd.DataFrame, labels: dict[str, str]) -> Figure:
    """Armed-forces personnel: both sides' totals and the largest single forces."""
    fig, ax = style.new_figure(7.5, 4.6)
    plot_lines(ax, wide, labels, log=True, label_room=7)
    ax.set_ylabel("Thousands (log scale)")
    ax.set_xlabel("Year")
    return style.add_source(fig, SOURCE_NMC + ", to " + str(wide.dropna(how="all").index.max()) + ".")


# The two totals among the columns of :func:`personnel_lines`; the other columns are single forces.
PERSONNEL_TOTALS: tuple[str, str] = ("all_candidates", "adversaries")


def personnel_alt(wide: pd.DataFrame, labels: dict[str, str]) -> str:
    """Alt text for :func:`plot_personnel`: the two totals compared year by year, and the single forces in the latest year."""
    shown = wide.dropna(how="all")
    span = (int(shown.index.min()), int(shown.index.max()))
    singles = [c for c in shown.columns if c not in PERSONNEL_TOTALS]
    by_year = (shown["all_candidates"] / shown["adversaries"]).dropna()
    above = int((shown["all_candidates"] > shown["adversaries"]).sum())
    when = ("every year" if above == len(by_year) else "no year" if above == 0
            else f"{count_words(above)} of the {count_words(len(by_year))} years")
    low, high = rounded(by_year.min()), rounded(by_year.max())
    latest = shown.loc[span[1], singles].dropna().sort_values(ascending=False, kind="stable")
    top = latest.index[0]
    return (f"Line chart on a log scale of armed-forces personnel in thousands, {span[0]} to {span[1]}: the total of all "
            f"candidates, the total of China, Russia and North Korea together, and the {count_words(len(singles))} largest "
            f"single forces in {span[1]}. The candidates' total is above the adversaries' in {when}, at "
            f"{low if low == high else f'{low} to {high}'} times it ({rounded(by_year.iloc[-1])} in {int(by_year.index[-1])}). "
            f"The single forces in {span[1]} are {ranked(latest, labels, rounded, top=len(latest))}; the largest, "
            f"{in_prose(labels.get(top, top))}, {first_to_last(shown[top], span)} over the period.")


def plot_warheads(warheads: pd.DataFrame, countries: pd.DataFrame) -> Figure:
    """Warheads by state over time, on a log scale (years with none are not drawn)."""
    holders = warheads.columns[warheads.fillna(0).gt(0).any()]
    _, last = latest_row(warheads[holders])
    wide = warheads[last.sort_values(ascending=False).index]
    fig, ax = style.new_figure(7.5, 4.4)
    plot_lines(ax, wide, _names(countries), log=True, label_room=4.5)
    ax.set_ylabel("Warheads (log scale)")
    ax.set_xlabel("Year")
    return style.add_source(fig, SOURCE_FAS + ".")


def warheads_alt(warheads: pd.DataFrame, countries: pd.DataFrame) -> str:
    """Alt text for :func:`plot_warheads`: each holder's line, largest first, from its first drawn value to its last."""
    holders = warheads.columns[warheads.fillna(0).gt(0).any()]
    year, last = latest_row(warheads[holders])
    order = last.sort_values(ascending=False).index
    drawn = warheads[order].where(warheads[order] > 0).dropna(how="all")  # a log axis draws no zeros
    span = (int(drawn.index.min()), int(drawn.index.max()))
    names = _names(countries)
    lines = "; ".join(f"{in_prose(names.get(code, code))} {first_to_last(drawn[code], span, whole)}" for code in order)
    return (f"Line chart on a log scale of estimated nuclear warheads, {span[0]} to {span[1]}, one line for each of the "
            f"{counted(len(order), 'state')} that held any, largest first in {year}: {lines}.")


# Two sides are "roughly even" on a measure when the ratio of their totals lies within this factor of parity.
EVEN_FACTOR: float = 1.25
# Without the US, the candidates' spending must stay below this multiple of China's for the margin to be "the US budget".
US_MARGIN: float = 1.5
# Candidates spending at least this multiple of what China and Russia spend "far outspend" them.
FAR_AHEAD: float = 2.0


def balance_takeaway(ratios: dict[str, float], n_own_arsenal: int, n_candidates: int) -> str:
    """The chapter's takeaway on the balance, each clause conditioned on the ratios it rests on.

    ``ratios`` holds ``all_to_adversaries`` (all candidates ÷ China and Russia),
    ``without_us_to_china``, ``asia_pacific_to_china``, ``to_china_first`` and
    ``to_china_last`` (all candidates ÷ China, first and last year), ``personnel``
    and ``warheads`` (all candidates ÷ China, Russia and North Korea).
    """
    r = ratios
    money = r["all_to_adversaries"]
    sentences = ["On paper, the candidates " + ("far outspend" if money >= FAR_AHEAD else "outspend" if money > 1 else "spend less than")
                 + " China and Russia (SIPRI has no figures for North Korea)."]
    asia = "less than China" if r["asia_pacific_to_china"] < 1 else f"{r['asia_pacific_to_china']:.2f} times what China spends"
    if r["without_us_to_china"] < US_MARGIN:
        sentences.append("In practice the margin is the US defence budget, which is global and already committed: without "
                         f"the United States the candidates spend {r['without_us_to_china']:.2f} times what China spends, "
                         f"and the Asia-Pacific candidates spend {asia}.")
    else:
        sentences.append(f"Even without the United States the candidates spend {r['without_us_to_china']:.2f} times what "
                         f"China spends, and the Asia-Pacific candidates spend {asia}.")
    first, last = r["to_china_first"], r["to_china_last"]
    sentences.append(f"The trend runs {'against' if last < first else 'for'} the coalition: the candidates' spending "
                     f"{'fell' if last < first else 'rose'} from {first:.1f} to {last:.1f} times China's.")
    people = r["personnel"]
    if 1 / EVEN_FACTOR <= people <= EVEN_FACTOR:
        staff = (f"In people under arms the sides are roughly even ({people:.2f} to one; this book calls a ratio between "
                 f"{1 / EVEN_FACTOR:.1f} and {EVEN_FACTOR:.2f} even)")
    else:
        staff = f"In people under arms the {'candidates' if people > 1 else 'adversaries'} have more ({people:.2f} to one)"
    nuclear = f"in nuclear warheads the {'adversaries' if r['warheads'] < 1 else 'candidates'} hold more"
    reliance = (", and most candidates have none of their own, relying on a US treaty or on nothing"
                if 2 * n_own_arsenal < n_candidates else "")
    sentences.append(f"{staff}; {nuclear}{reliance}.")
    if r["without_us_to_china"] < US_MARGIN:
        sentences.append("A coalition would add Asian money to American deterrence, but could not replace it.")
    return " ".join(sentences)


def asia_pacific_clause(ratio: float, below_since: int | None) -> str:
    """How the Asia-Pacific candidates' spending compares with China's, as the end of a sentence."""
    since = f", and have spent less than China every year since {below_since}" if below_since is not None else ""
    return f"the Asia-Pacific candidates alone spent {ratio:.2f} times as much{since}."


def whose_money_sentence(us_share: float) -> str:
    """Whose money an Asian NATO would spend, from the US share (per cent) of the candidates' spending."""
    if us_share > 50:
        return "An Asian NATO's money would be mostly American money."
    return "Most of an Asian NATO's money would come from members other than the United States."


# A state at least this many times as populous as another is "far larger" than it.
FAR_LARGER_POPULATION: float = 5.0
ADVERSARIES_PROSE = "China, Russia and North Korea"


def headcount_clause(personnel_ratio: float, factor: float = EVEN_FACTOR) -> str:
    """Whether the two sides are close in people under arms, from candidates ÷ adversaries (no full stop)."""
    if PARITY / factor <= personnel_ratio <= PARITY * factor:
        return f"By headcount the sides are close, within the factor of {factor:g} that this book counts as even"
    more, fewer = ("the candidates", ADVERSARIES_PROSE) if personnel_ratio > PARITY else (ADVERSARIES_PROSE, "the candidates")
    return f"By headcount {more} outnumber {fewer} by more than the factor of {factor:g} that this book counts as even"


def largest_force_clause(forces: pd.Series, names: Mapping[str, str], code: str = CHINA) -> str:
    """Where ``code``'s force ranks among ``forces`` (thousands, one year): 'is the largest single force' or its rank."""
    ranked_forces = forces.dropna().sort_values(ascending=False, kind="stable")
    rank = int(ranked_forces.index.get_loc(code)) + 1
    if rank == 1:
        return "is the largest single force"
    ahead = join_words(possessive(names.get(c, c)) for c in ranked_forces.index[:rank - 1])
    return f"is the {ordinal(rank)}-largest single force, after {ahead}"


def population_multiples_of_peers(forces: pd.Series, population: pd.Series, code: str = "PRK",
                                  factor: float = EVEN_FACTOR) -> pd.Series:
    """For each state whose force is within ``factor`` of ``code``'s, its population as a multiple of ``code``'s."""
    others = forces.dropna().drop(code)
    close = others[others.between(forces[code] / factor, forces[code] * factor)]
    return (population.reindex(close.index) / population[code]).rename("population_multiple")


def comparable_force_clause(forces: pd.Series, population: pd.Series, names: Mapping[str, str], code: str = "PRK",
                            factor: float = EVEN_FACTOR, far_larger: float = FAR_LARGER_POPULATION) -> str:
    """Which far more populous states field a force within ``factor`` of ``code``'s (no full stop).

    ``forces`` and ``population`` are one year's values by state; "far larger" means at least
    ``far_larger`` times ``code``'s population.
    """
    others = forces.dropna().drop(code)
    multiples = population_multiples_of_peers(forces, population, code, factor)
    peers = multiples.index[multiples >= far_larger]
    if len(peers):
        owners = join_words(possessive(names.get(c, c)) for c in sorted(peers, key=lambda c: names.get(c, c)))
        return (f"keeps a force comparable to those of far larger states: within a factor of {factor:g} of {owners}, "
                f"{'each' if len(peers) > 1 else 'a state'} with at least {number_words(far_larger)} times its population")
    rank = int((others > forces[code]).sum()) + 1
    return f"keeps the {ordinal(rank)}-largest force of the {count_words(len(forces.dropna()))} states here"
