"""The capabilities chapter's charts and reader-facing tables.

Line charts label each line at its end (:func:`label_line_ends`, which keeps
labels apart with :func:`asian_nato.report.style.spread_labels`); the numbers come from
:mod:`asian_nato.analysis.capabilities`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from asian_nato.analysis.capabilities import RUSSIA, coverage, group_total, latest_row, nuclear_status, ratio
from asian_nato.analysis.groups import ADVERSARIES, CANDIDATES, CHINA, US
from asian_nato.report import style

SOURCE_SIPRI = "SIPRI Military Expenditure Database 2025 (constant 2023 US$)"
SOURCE_NMC = "Correlates of War, National Material Capabilities v7.0 (military personnel)"
SOURCE_FAS = "Federation of American Scientists estimates, via Our World in Data"
RATIO_LABELS: dict[str, str] = {
    "candidates_to_china": "All candidates ÷ China",
    "candidates_to_china_russia": "All candidates ÷ (China + Russia)",
    "candidates_without_us_to_china": "Candidates without the US ÷ China",
    "asia_pacific_to_china": "Asia-Pacific candidates ÷ China",
}


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


def plot_spending_trend(milex: pd.DataFrame, countries: pd.DataFrame, n_large: int = 8) -> Figure:
    """Two log-scale panels: the ``n_large`` biggest spenders in the latest year, then the rest."""
    _, last = latest_row(milex)
    order = last.sort_values(ascending=False, na_position="last").index
    ever = milex.columns[milex.notna().any()]
    order = [c for c in order if c in ever]
    large, small = order[:n_large], order[n_large:]
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
                 + " China, Russia and North Korea."]
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
