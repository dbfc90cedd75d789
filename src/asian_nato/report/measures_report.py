"""Charts, tables and computed sentences for capability measured several ways, trade exposure and US forces."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.figure import Figure

from asian_nato.analysis import groups, measures
from asian_nato.report import alt_texts, style
from asian_nato.report.capabilities_report import PARITY, label_line_ends, log_axis, plain_number
from asian_nato.report.display import count_words, counted, in_prose, join_names, join_words, number_words, possessive

SOURCE_CAPABILITY = "SIPRI Military Expenditure Database 2025; World Bank WDI price level ratio (PA.NUS.PPPC.RF), 2025"
SOURCE_TRADE = "IMF Direction of Trade Statistics (goods), via DBnomics, 2025"
SOURCE_TROOPS = "US Defense Manpower Data Center via the troopdata package (Allen, Flynn and Martinez Machain 2022)"
# A coalition whose spending stays at least this multiple of China's across every measure
# and US share in the grid has money to spare; below 1 anywhere, money is a constraint.
AMPLE_RATIO: float = 1.5
MEASURE_LABELS: dict[str, str] = {
    "market": "market exchange rates", "ppp": "purchasing-power parity", "ppp_adversaries": "PPP for the adversaries only",
}
MEASURE_SHORT: dict[str, str] = {"market": "Market", "ppp": "PPP", "ppp_adversaries": "PPP adv."}
LINESTYLES: dict[str, str] = {"market": "-", "ppp": "--", "ppp_adversaries": ":"}
DASH_WORDS: dict[str, str] = {"-": "solid", "--": "dashed", ":": "dotted"}
WITHOUT_US = "All candidates without the US"
ALL_CANDIDATES = "All candidates"
ISHIBA = "Ishiba's Asian NATO"


def capability_coalitions(scenarios: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """The coalitions whose capability the book measures several ways."""
    return {
        ALL_CANDIDATES: tuple(groups.CANDIDATES),
        ISHIBA: tuple(scenarios[ISHIBA]),
        WITHOUT_US: tuple(c for c in groups.CANDIDATES if c != groups.US),
    }


def capability_reading(ratios: pd.DataFrame, coalition: str) -> str:
    """'ample', 'enough', 'depends' or 'short': how the coalition's ratio to China fares across the grid."""
    values = ratios.loc[ratios["coalition"] == coalition, "ratio"]
    if values.empty or values.isna().any():
        raise ValueError(f"no complete capability ratios for {coalition!r}")
    low, high = values.min(), values.max()
    if low >= AMPLE_RATIO:
        return "ample"
    if low >= 1:
        return "enough"
    return "depends" if high >= 1 else "short"


def ratio_at(ratios: pd.DataFrame, coalition: str, measure: str, us_share: float) -> float:
    row = ratios[(ratios["coalition"] == coalition) & (ratios["measure"] == measure) & np.isclose(ratios["us_share"], us_share)]
    if len(row) != 1:
        raise ValueError(f"no single ratio for {coalition!r}, {measure}, {us_share}")
    return float(row["ratio"].iloc[0])


_READINGS: dict[str, str] = {
    "ample": "has money to spare, outspending China by at least {ample:g} times every time",
    "enough": "outspends China every time, though not always by a wide margin",
    "depends": "outspends China under some assumptions and not under others, so whether money is a constraint depends on how it is measured",
    "short": "spends less than China every time: money is a constraint",
}


def money_sentence(ratios: pd.DataFrame) -> str:
    """The book's computed claim about whether money constrains an Asian NATO."""
    cautious = measures.CAUTIOUS
    ishiba = capability_reading(ratios, ISHIBA)
    without = capability_reading(ratios, WITHOUT_US)
    base = ratio_at(ratios, ISHIBA, "market", 1.0)
    careful = ratio_at(ratios, ISHIBA, str(cautious["measure"]), float(cautious["us_share"]))
    lean = ratio_at(ratios, WITHOUT_US, str(cautious["measure"]), float(cautious["us_share"]))
    return (
        f"Ishiba's coalition spends {base:.1f} times what China does at market exchange rates with the whole US budget, "
        f"and {careful:.1f} times at purchasing-power parity with half of it; across the {count_words(len(measures.CAPABILITY_MEASURES))} measures and "
        f"{count_words(len(measures.US_SHARES))} US shares tried, it "
        + _READINGS[ishiba].format(ample=AMPLE_RATIO)
        + f". Without the United States the candidates spend {lean:.2f} times China's budget at purchasing-power parity, and "
        + ("the same holds for such a coalition" if without == ishiba else "such a coalition " + _READINGS[without].format(ample=AMPLE_RATIO))
        + "."
    )


def capability_table(ratios: pd.DataFrame) -> pd.DataFrame:
    """Ratios to China by coalition (rows) and measure × US share (columns)."""
    shown = ratios.assign(column=ratios["measure"].map(MEASURE_SHORT) + ", US " + (ratios["us_share"] * 100).round().astype(int).astype(str) + "%")
    wide = shown.pivot(index="coalition", columns="column", values="ratio")
    order = [f"{MEASURE_SHORT[m]}, US {int(s * 100)}%" for m in measures.CAPABILITY_MEASURES for s in measures.US_SHARES]
    return wide.reindex(columns=order).reindex(list(dict.fromkeys(ratios["coalition"]))).reset_index().rename(columns={"coalition": "Coalition"})


def plot_capability_range(ratios: pd.DataFrame) -> Figure:
    """Ratio to China against the share of the US budget counted, one line per coalition and measure."""
    fig, ax = style.new_figure(7.5, 4.4)
    coalitions = list(dict.fromkeys(ratios["coalition"]))
    for i, coalition in enumerate(coalitions):
        for measure, linestyle in LINESTYLES.items():
            line = ratios[(ratios["coalition"] == coalition) & (ratios["measure"] == measure)].sort_values("us_share")
            ax.plot(line["us_share"] * 100, line["ratio"], color=style.SEQUENCE[i], marker=style.MARKERS[i],
                    linestyle=linestyle, label=f"{coalition}, {MEASURE_LABELS[measure]}")
    ax.axhline(1, color=style.INK, linewidth=0.9, linestyle=":")
    ax.annotate("parity with China", (100, 1), xytext=(0, -10), textcoords="offset points", fontsize=8, color=style.INK, ha="right")
    ax.set_xticks([s * 100 for s in measures.US_SHARES])
    ax.set_xlabel("Share of the US military budget counted as available in the Indo-Pacific (%; an assumption)")
    ax.set_ylabel("Spending relative to China")
    ax.legend(fontsize=7.5, loc="upper left")
    return style.add_source(fig, SOURCE_CAPABILITY + ".\nSolid: market exchange rates; dashed: PPP for every country; dotted: PPP for China, Russia and North Korea only.")


def _share_percent(share: float) -> str:
    """A share of the US budget (0-1) as a whole percentage, without the sign: '25'."""
    return f"{share * 100:.0f}"


def _share_trend(rows: pd.DataFrame) -> str:
    """', rising with the share counted' if every line of one coalition rises, ', the same at every share' if all are flat."""
    change = rows.sort_values("us_share").groupby("measure")["ratio"].agg(lambda r: r.iloc[-1] - r.iloc[0])
    if np.isclose(change, 0).all():
        return ", the same at every share"
    return ", rising with the share counted" if (change > 0).all() else ""


def _parity_points(rows: pd.DataFrame) -> str:
    """Where one coalition's lines lie below parity, by measure and share ('above parity everywhere' if nowhere)."""
    below = rows[rows["ratio"] < PARITY]
    if below.empty:
        return "above parity everywhere"
    if len(below) == len(rows):
        return "below parity everywhere"
    n_shares = rows["us_share"].nunique()
    shares = below.sort_values("us_share").groupby("measure", sort=False)["us_share"].agg(list)
    where = [f"under {MEASURE_LABELS[measure]} " + ("at every share" if len(points) == n_shares
                                                    else f"at {join_words(map(_share_percent, points))} per cent")
             for measure, points in shares.items()]
    return f"below parity {join_words(where)}"


def capability_range_alt(ratios: pd.DataFrame) -> str:
    """Alt text for :func:`plot_capability_range`: each coalition's range of ratios and where it falls below parity."""
    coalitions = list(dict.fromkeys(ratios["coalition"]))
    shares = ratios["us_share"].sort_values()
    dashes = "; ".join(f"{DASH_WORDS[dash]}: {MEASURE_LABELS[measure]}" for measure, dash in LINESTYLES.items())
    unit = " times China's spending"  # said once, for the first coalition
    ranges = " ".join(
        f"{coalition}: {alt_texts.rounded(rows['ratio'].min())} to {alt_texts.rounded(rows['ratio'].max())}"
        f"{unit if i == 0 else ''}{_share_trend(rows)}; {_parity_points(rows)}."
        for i, (coalition, rows) in enumerate(ratios.groupby("coalition", sort=False)))
    return (f"Line chart of spending relative to China against the share of the US military budget counted, "
            f"{_share_percent(shares.iloc[0])} to {_share_percent(shares.iloc[-1])} per cent, with a dotted line at parity "
            f"with China: one colour and marker for each of {counted(len(coalitions), 'coalition')} and one dash for each of "
            f"{counted(len(LINESTYLES), 'measure')} ({dashes}). {ranges}")


def exposure_table(exposure: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Per candidate: China's and the US's share of goods trade in the first and latest year."""
    first, last = first_and_last(exposure)
    table = pd.DataFrame({
        "Country": [names.get(c, c) for c in last.index],
        "First year": first.loc[last.index, "year"].astype(int).astype(str).to_numpy(),
        "China %": first.loc[last.index, "CHN"].to_numpy(),
        "US %": first.loc[last.index, "USA"].to_numpy(),
        "Latest year": last["year"].astype(int).astype(str).to_numpy(),
        "China % ": last["CHN"].to_numpy(),
        "US % ": last["USA"].to_numpy(),
    })
    return table.sort_values("China % ", ascending=False, ignore_index=True)


def first_and_last(exposure: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each candidate's row (year and share by partner) in its first and in its latest year, indexed by iso3."""
    wide = exposure.pivot_table(index=["iso3", "year"], columns="partner", values="share").reset_index()
    first = wide.sort_values("year").groupby("iso3").head(1).set_index("iso3")
    last = wide.sort_values("year").groupby("iso3").tail(1).set_index("iso3")
    return first, last


def plot_trade_exposure(exposure: pd.DataFrame, names: Mapping[str, str]) -> Figure:
    """Two panels, China and the US: each candidate's share of goods trade, first year to latest (arrows)."""
    first, last = first_and_last(exposure)
    order = last.sort_values("CHN").index.tolist()
    fig, axes = style.new_figure(7.5, 0.34 * len(order) + 1.6, ncols=2, sharey=True, sharex=True)
    y = np.arange(len(order))
    for ax, partner, colour, title in ((axes[0], "CHN", style.OKABE_ITO["vermillion"], "Trade with China"),
                                       (axes[1], "USA", style.OKABE_ITO["blue"], "Trade with the United States")):
        start, end = first.loc[order, partner].to_numpy(), last.loc[order, partner].to_numpy()
        ax.scatter(start, y, facecolors="white", edgecolors=colour, marker="o", zorder=3, label=f"{int(first['year'].min())}")
        ax.scatter(end, y, color=colour, marker="D", zorder=3, label=f"{int(last['year'].max())}")
        for yi, a, b in zip(y, start, end):
            ax.annotate("", (b, yi), (a, yi), arrowprops={"arrowstyle": "->", "color": colour, "lw": 1})
        ax.set_title(title)
        ax.set_xlabel("Share of goods trade (%)")
        ax.legend(fontsize=7.5, loc="lower right")
    axes[0].set_yticks(y, [names.get(c, c) for c in order])
    return style.add_source(fig, SOURCE_TRADE + ". Exports plus imports; Taiwan is not in the data.")


def _risers(first: pd.DataFrame, last: pd.DataFrame, partner: str, names: Mapping[str, str], top: int) -> str:
    """How many candidates' share of trade with ``partner`` rose, and the ``top`` largest rises with both shares."""
    change = (last[partner] - first[partner]).sort_values(ascending=False, kind="stable")
    rose = change.index[change > 0]
    if rose.empty:
        return "rose for none of them"
    most = join_words(f"{in_prose(names.get(code, code))} (from {alt_texts.rounded(first.loc[code, partner])} to "
                      f"{alt_texts.rounded(last.loc[code, partner])} per cent)" for code in rose[:top])
    return f"rose for {count_words(len(rose))} of them, most for {most}"


def trade_exposure_alt(exposure: pd.DataFrame, names: Mapping[str, str], top: int = 3) -> str:
    """Alt text for :func:`plot_trade_exposure`: which partner's share is larger in the latest year, and whose shares rose most."""
    first, last = first_and_last(exposure)
    start, end = int(first["year"].min()), int(last["year"].max())
    same_years = first["year"].nunique() == last["year"].nunique() == 1
    span = (f"in {start} (hollow circle) to its share in {end} (diamond)" if same_years
            else f"in its first year with data (hollow circle; {start} at the earliest) to its share in its latest "
                 f"(diamond; {end} at the latest)")
    china_larger = last["CHN"] > last["USA"]
    n, k = len(last), int(china_larger.sum())
    larger = (f"China's share is the larger for all {count_words(n)}" if k == n
              else f"the US share is the larger for all {count_words(n)}" if k == 0
              else f"China's share is the larger for {count_words(k)} of them and the US share for "
                   f"{join_names(last.index[~china_larger], names)}")
    return (f"Two dot-and-arrow panels sharing one scale, trade with China and trade with the United States: one row for "
            f"each of {counted(n, 'candidate')}, the largest latest share of trade with China at the top, each with an arrow "
            f"from its share of goods trade {span}. In {end} {larger}. China's share {_risers(first, last, 'CHN', names, top)}; "
            f"the US share {_risers(first, last, 'USA', names, 1)}.")


def plot_us_troops(panel: pd.DataFrame, names: Mapping[str, str]) -> Figure:
    """US active-duty personnel stationed in each host, on a log scale, labelled at the line ends."""
    fig, ax = style.new_figure(7.5, 4.4)
    shown = panel.dropna(axis=1, how="all")
    for i, code in enumerate(shown.columns):
        ax.plot(shown.index, shown[code], color=style.SEQUENCE[i % len(style.SEQUENCE)], marker=style.MARKERS[i % len(style.MARKERS)],
                markevery=4, markersize=4, linewidth=1.4)
    log_axis(ax)
    ends = pd.DataFrame({
        "x": [shown[c].dropna().index[-1] for c in shown.columns],
        "y": [shown[c].dropna().iloc[-1] for c in shown.columns],
        "label": [names.get(c, c) for c in shown.columns],
        "colour": [style.SEQUENCE[i % len(style.SEQUENCE)] for i in range(len(shown.columns))],
    })
    label_line_ends(ax, ends, log=True)
    ax.set_ylabel("US active-duty personnel (log scale)")
    ax.set_xlabel("Year (December count where published)")
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(plain_number))
    return style.add_source(fig, SOURCE_TROOPS + ".\nPermanently assigned forces only: rotational and afloat forces are not counted.")


def exposure_numbers(latest: pd.DataFrame, names: Mapping[str, str]) -> dict[str, object]:
    """Glue values about trade exposure."""
    more_china = latest.index[latest["china_minus_us"] > 0].tolist()
    more_us = sorted(in_prose(names.get(c, c)) for c in latest.index if c not in more_china)
    top = latest["CHN"].idxmax()
    return {
        "ms_n_trade_countries": count_words(len(latest)),
        "ms_n_more_china": count_words(len(more_china)),
        "ms_more_us_clause": (
            "none traded more with the United States" if not more_us
            else f"the exception was {more_us[0]}" if len(more_us) == 1
            else f"the exceptions were {join_words(more_us)}"
        ),
        "ms_top_china_name": names.get(top, top),
        "ms_top_china_share": float(latest.loc[top, "CHN"]),
        "ms_trade_year": int(latest["year"].max()),
    }


def grid_from_data(indicators: pd.DataFrame, memberships: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """The capability grid (coalition × measure × US share) computed from the loaded data."""
    from asian_nato.analysis.capabilities import price_base_year

    return measures.capability_ratios(
        capability_coalitions(groups.scenarios(memberships, on)), indicators, base_year=price_base_year(indicators)
    )


def money_sentence_from_data(indicators: pd.DataFrame, memberships: pd.DataFrame, on: pd.Timestamp) -> str:
    """:func:`money_sentence` computed from the loaded data, for chapters that quote it."""
    return money_sentence(grid_from_data(indicators, memberships, on))


MEANS_LABELS: dict[str, str] = {
    "ample": "Means are ample.", "enough": "Means are enough.", "depends": "Means depend on the measure.", "short": "Means are short.",
}


SOURCE_OPINION = "opinion.csv (published survey figures: ISEAS, Lowy Institute, Pew and others, checked against the publisher or a newspaper of record)"


def survey_table(opinion: pd.DataFrame, names: Mapping[str, str], candidates: Sequence[str]) -> pd.DataFrame:
    """The latest figure for each survey question in each candidate country, with its source."""
    from asian_nato.report.display import source_markdown

    rows = opinion[opinion["iso3"].isin(list(candidates))]
    latest = rows.sort_values("year").groupby(["iso3", "survey", "question", "answer"]).tail(1)
    latest = latest.sort_values(["iso3", "survey", "question"], ignore_index=True)
    return pd.DataFrame({
        "Country": latest["iso3"].map(names),
        "Survey": latest["survey"] + ", " + latest["year"].astype(str),
        "Question": latest["question"],
        "Answer": latest["answer"],
        "%": latest["percent"],
        "Source": latest["source"].map(source_markdown),
    })


def divergence_sentence(divergence: pd.DataFrame, names: Mapping[str, str]) -> str:
    """Where elites' forced choice between the US and China and the government's class point different ways."""
    def named(codes) -> str:
        return join_words(in_prose(n) for n in sorted(names.get(c, c) for c in codes))

    n = len(divergence)
    split = divergence[divergence["diverges"]]
    lean_us = divergence.index[divergence["lean"] == "US"]
    lean_china = divergence.index[divergence["lean"] == "China"]
    head = (
        f"Of the {count_words(n)} candidates whose elites answered the ISEAS question, elites lean to the United States "
        f"(at least {measures.LEAN_US_AT:.0f} per cent choosing it) in {named(lean_us)}, and to China "
        f"(at most {measures.LEAN_CHINA_AT:.0f} per cent choosing the US) in {named(lean_china)}. "
    )
    if split.empty:
        return head + "No government's class points the other way from its elites."
    details = "; ".join(
        f"in {in_prose(names.get(c, c))} {row.us_percent:.0f} per cent choose the US, but the government is classed {row.government_class}"
        for c, row in split.iterrows()
    )
    return head + f"Government and elites point different ways: {details}."


def north_korea_sentence(indicators: pd.DataFrame, estimates: pd.DataFrame, candidates: Sequence[str]) -> str:
    """What the published range for North Korea's spending does to the candidates' ratio to their adversaries."""
    nk = measures.north_korea_range(estimates)
    candidates_total = measures.capability_milex(indicators, candidates)["value"].sum()
    china_russia = measures.capability_milex(indicators, ["CHN", "RUS"])["value"].sum()
    without, low, high = (candidates_total / (china_russia + extra) for extra in (0.0, nk["high"], nk["low"]))
    return (
        f"Published estimates put North Korea's spending in {nk['year']} at between ${nk['low'] / 1000:.1f} billion and "
        f"${nk['high'] / 1000:.1f} billion ({count_words(len(nk['estimators']))} estimates for that year); the range is wide because "
        f"the estimators convert won to dollars in different ways. Adding it to China and Russia moves the candidates' ratio to their adversaries from "
        f"{without:.2f} to between {low:.2f} and {high:.2f}, at market rates and counting the whole US budget."
    )


def us_troops_alt(panel: pd.DataFrame, names: Mapping[str, str]) -> str:
    """Alt text for :func:`plot_us_troops`, from the panel it draws."""
    return alt_texts.lines_chart_alt(panel, names, "Line chart on a log scale of US active-duty personnel by host",
                                     series=("host", "hosts"))


# ---------------------------------------------------------------- the capability grid's findings as computed sentences

COALITION_PROSE: dict[str, str] = {
    ALL_CANDIDATES: "all the candidates", ISHIBA: "Ishiba's coalition", WITHOUT_US: "the candidates without the United States",
}


def _at_full_share(ratios: pd.DataFrame) -> pd.DataFrame:
    """Coalition × measure ratios with the whole US budget counted (the largest share in the grid)."""
    full = ratios[np.isclose(ratios["us_share"], ratios["us_share"].max())]
    return full.pivot(index="coalition", columns="measure", values="ratio")


def flattery_sentence(ratios: pd.DataFrame) -> str:
    """Whether counting the whole US budget and converting at market rates both raise each coalition's ratio to China.

    The chapter's ratios so far use both choices; a choice flatters a coalition when its ratio there is above the
    ratio with the least of the US budget (the first) or under every other measure (the second).
    """
    market = ratios[ratios["measure"] == "market"].groupby("coalition")["ratio"]
    share_flatters = market.max() > market.min()
    full = _at_full_share(ratios)
    higher = full.drop(columns="market").gt(full["market"], axis=0)
    both = share_flatters & ~higher.any(axis=1)
    if both.all():
        return "Both choices flatter the candidates."

    def reasons(coalition: str) -> str:
        found = [] if share_flatters[coalition] else ["the share of the US budget makes no difference"]
        raising = [MEASURE_LABELS[m] for m in higher.columns[higher.loc[coalition]]]
        if raising:
            found.append(f"{join_words(raising)} {'raises' if len(raising) == 1 else 'raise'} the ratio")
        return f"for {COALITION_PROSE.get(coalition, coalition)}, {join_words(found)}"

    flattered = both.index[both]
    lead = (f"Both choices flatter {join_words(COALITION_PROSE.get(c, c) for c in flattered)}" if len(flattered)
            else "Neither choice flatters every coalition")
    return f"{lead}; " + "; ".join(reasons(c) for c in both.index[~both]) + "."


def pessimistic_clause(ratios: pd.DataFrame, bound: str = "ppp_adversaries") -> str:
    """Whether the ``bound`` measure gives the lowest ratio for every coalition and share (the start of a sentence, no stop)."""
    lowest = ratios.loc[ratios.groupby(["coalition", "us_share"])["ratio"].idxmin(), "measure"]
    if (lowest == bound).all():
        return "Converting only the adversaries' budgets is the pessimistic bound, the lowest of the measures for every coalition and share"
    return "Converting only the adversaries' budgets is a pessimistic reading, though not the lowest measure for every coalition and share"


def price_level_clause(levels: pd.Series, names: Mapping[str, str]) -> str:
    """'so theirs grow too', or which budgets grow and which shrink at purchasing-power parity (levels below one grow)."""
    grow, shrink = levels.index[levels < 1], levels.index[levels > 1]
    if len(grow) == len(levels):
        return "so theirs grow too"
    if len(shrink) == len(levels):
        return "so theirs shrink"
    owners = lambda codes: join_words(possessive(names.get(c, c)) for c in codes)  # noqa: E731
    parts = [f"{owners(grow)} grows" if len(grow) else "", f"{owners(shrink)} shrinks" if len(shrink) else ""]
    return "so " + " and ".join(p for p in parts if p) + ("" if len(grow) + len(shrink) == len(levels) else ", and the rest stay")


def careful_measure_lead(ratios: pd.DataFrame) -> str:
    """Whether Ishiba's coalition fares worse under the cautious measure than at market rates with the whole US budget."""
    cautious = measures.CAUTIOUS
    base = ratio_at(ratios, ISHIBA, "market", 1.0)
    careful = ratio_at(ratios, ISHIBA, str(cautious["measure"]), float(cautious["us_share"]))
    if careful < base:
        return "Measured more carefully, the picture is less comfortable than the market-rate totals suggest:"
    return "Measured more carefully, the picture is no less comfortable than the market-rate totals suggest:"


# ---------------------------------------------------------------- chapter 5's spending findings as computed sentences

# A gap in spending worth less than this share (per cent) of the candidates' total "moves the ratios very little".
NEGLIGIBLE_GAP_PCT: float = 1.0


def headcount_caveat_sentence(spending_ratio: float, personnel_ratio: float) -> str:
    """Headcounts miss training and equipment; whether money, which buys them, favours the candidates more than people do."""
    start = "Headcounts say nothing about training or equipment"
    if spending_ratio > personnel_ratio:
        return (f"{start}, which is where the spending gap shows: the candidates spend {spending_ratio:.1f} times what "
                "China and Russia spend, a wider margin than in people.")
    return (f"{start}, and money, which pays for them, gives the candidates no wider margin than people do: they spend "
            f"{spending_ratio:.1f} times what China and Russia spend.")


def times(multiple: float) -> str:
    """A multiple for prose: '327 times' from ten up, '4.4 times' below."""
    return f"{multiple:,.0f} times" if multiple >= 10 else f"{multiple:.1f} times"


SNAPSHOT_MEASURES: dict[str, str] = {"Spending": "spending", "Share of GDP": "share of GDP", "Personnel": "personnel"}


def spending_column_sentence(snapshot_table: pd.DataFrame, candidate_names: Sequence[str]) -> str:
    """Whether the candidates differ most in spending, and whether one member spends more than all the others together.

    The spread of a column is its largest candidate value over its smallest (positive values only);
    warheads are left out, since a state without any has no ratio to take.
    """
    rows = snapshot_table[snapshot_table["Country"].isin(candidate_names)].set_index("Country")
    columns = {label: next(c for c in rows.columns if c.startswith(prefix)) for prefix, label in SNAPSHOT_MEASURES.items()}
    values = {label: rows[column].where(rows[column] > 0).dropna() for label, column in columns.items()}
    spread = pd.Series({label: v.max() / v.min() for label, v in values.items()})
    spending = values["spending"]
    others = " and ".join(f"{times(spread[label])} for {label}"
                          for label in spread.drop("spending").sort_values(ascending=False).index)
    widest = spread.idxmax()
    first = (f"The spending column is where the candidates differ most: the largest budget is {times(spread['spending'])} "
             f"the smallest, against {others}." if widest == "spending" else
             f"The candidates differ most in {widest}, not spending: the largest budget is {times(spread['spending'])} "
             f"the smallest, against {others}.")
    top = spending.idxmax()
    share = 100 * spending[top] / spending.sum()
    if share > 50:
        where = "It is also" if widest == "spending" else "The spending column is"
        second = (f"{where} where the coalition's dependence on one member shows: {in_prose(top)} spends {share:.0f} per cent "
                  "of the candidates' total, more than all the others together.")
    else:
        second = f"No one member spends more than all the others together: the largest, {in_prose(top)}, spends {share:.0f} per cent."
    return f"{first} {second}"


def us_share_reading(us_share: pd.Series, to_adversaries: pd.Series) -> str:
    """What the US share of the candidates' spending (per cent, by year) says about their lead over China and Russia."""
    below_half = int((us_share <= 50).sum())
    if below_half:
        return (f"in {count_words(below_half)} of the {count_words(len(us_share))} years the United States spent no more "
                "than half of it")
    if (to_adversaries > 1).all():
        return "the candidates' advantage has always been, above all, an American one"
    return "the candidates' spending has always been, above all, American, whether or not it outran China's and Russia's"


def multiples_change_words(first: Sequence[float], last: Sequence[float]) -> str:
    """'had fallen to', 'had risen to' or 'were', for multiples that all fell, all rose, or did neither."""
    pairs = list(zip(first, last))
    if all(end < start for start, end in pairs):
        return "had fallen to"
    if all(end > start for start, end in pairs):
        return "had risen to"
    return "were"


def gdp_share_clause(share: float, peer_median: float, growth_factor: float) -> str:
    """How one state's spending as a share of GDP compares with the median candidate's (the end of a sentence)."""
    if share < peer_median:
        lead = "but from a low base: " if growth_factor > 1 else ""
        return (f"{lead}it still spent only {share:.1f} per cent of its GDP, less than the median candidate's "
                f"{peer_median:.1f} per cent.")
    return f"and it spent {share:.1f} per cent of its GDP, no less than the median candidate's {peer_median:.1f} per cent."


def gap_effect_clause(share_pct: float, negligible: float = NEGLIGIBLE_GAP_PCT) -> str:
    """Whether a state missing from the spending data moves the ratios much, from its share (per cent) of the total."""
    limit = number_words(negligible)
    if share_pct < negligible:
        return f"below the {limit} per cent this book counts as negligible, so the gap moves the ratios very little"
    return f"at least the {limit} per cent this book counts as negligible, so the gap lowers the candidates' ratios noticeably"
