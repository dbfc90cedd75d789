"""The positions chapter's tables, timeline and stance tiles, and its glue numbers.

Charts follow :mod:`asian_nato.report.style`: stance is shown by colour *and*
marker, so the charts read in greyscale. The stances, scores and classes
come from :mod:`asian_nato.analysis.positions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from asian_nato.analysis.positions import (
    CLASSES,
    NO_STATEMENT,
    NO_THRESHOLD,
    PROPOSAL_DATE,
    ROBUST_LAST_N,
    STANCE_SCORES,
    STANCES,
    TREND_THRESHOLD,
    TRENDS,
    YES_THRESHOLD,
    class_changes,
    is_government,
    scored_statements,
    stance_class,
    stance_table,
)
from asian_nato.report import style
from asian_nato.report.display import agreeing, count_words, counted, in_prose, join_names, join_words

JITTER: float = 0.22
CLUSTER_GAP: pd.Timedelta = pd.Timedelta(days=60)
RECENT_ROWS: int = 10
SOURCE = "positions.csv (public statements hand-coded from the sources listed in the statements appendix)"


def key_numbers(
    statements: pd.DataFrame,
    names: Mapping[str, str],
    candidates: Iterable[str],
    robust_last_n: int = ROBUST_LAST_N,
) -> dict[str, object]:
    """Every number and name the positions chapter quotes, keyed ``pos_…`` (plain Python values, ready to glue)."""
    table = stance_table(statements)
    governments = table[table["is_government"]]
    organisations = table[~table["is_government"]]
    classes = governments["class"].value_counts()
    trends = governments["trend"].value_counts()
    silent = sorted(set(candidates) - set(governments["iso3"]))
    changes = class_changes(statements, last_n=robust_last_n)
    ordered = statements.sort_values(["date_parsed", "position_id"], kind="stable")
    after = ordered["date_parsed"] >= PROPOSAL_DATE
    before = ordered[~after]
    negative = ["skeptical", "oppose"]
    from_chn_rus = before["iso3"].isin(["CHN", "RUS"])
    from_usa = before["iso3"] == "USA"
    class_of = governments.set_index("iso3")["class"]
    by_name = lambda codes: sorted(codes, key=lambda code: names.get(code, code))  # noqa: E731
    out: dict[str, object] = {
        "pos_n_statements": len(statements),
        "pos_n_actors": len(table),
        "pos_n_governments": len(governments),
        "pos_n_organisations": len(organisations),
        "pos_n_org_statements": int(organisations["n_statements"].sum()),
        "pos_first_date": ordered["date"].iloc[0],
        "pos_last_date": ordered["date"].iloc[-1],
        "pos_cutoff_date": PROPOSAL_DATE.date().isoformat(),
        "pos_n_stances": len(STANCES),
        "pos_n_before_cutoff": len(before),
        "pos_n_after_cutoff": int(after.sum()),
        "pos_before_negative_pct": 100 * float(before["stance"].isin(negative).mean()) if len(before) else float("nan"),
        "pos_n_before_chn_rus": int(from_chn_rus.sum()),
        "pos_n_before_chn_rus_oppose": int((from_chn_rus & (before["stance"] == "oppose")).sum()),
        "pos_n_before_usa": int(from_usa.sum()),
        "pos_n_before_usa_negative": int((from_usa & before["stance"].isin(negative)).sum()),
        "pos_n_oppose_statements": int((statements["stance"] == "oppose").sum()),
        "pos_n_support_statements": int((statements["stance"] == "support").sum()),
        "pos_trend_threshold": TREND_THRESHOLD,
        "pos_yes_threshold": YES_THRESHOLD,
        "pos_no_threshold": NO_THRESHOLD,
        "pos_warming_names": join_names(by_name(governments.loc[governments["trend"] == "warming", "iso3"]), names),
        "pos_cooling_names": join_names(by_name(governments.loc[governments["trend"] == "cooling", "iso3"]), names),
        "pos_n_candidates": len(set(candidates)),
        "pos_n_candidates_silent": len(silent),
        "pos_candidates_silent_names": join_names(by_name(silent), names),
        "pos_robust_last_n": robust_last_n,
        "pos_n_class_changes": len(changes),
        "pos_class_change_names": join_names(by_name(changes["iso3"]), names),
        "pos_n_recent": RECENT_ROWS,
        "pos_class_usa": class_of.get("USA", NO_STATEMENT),
        "pos_class_jpn": class_of.get("JPN", NO_STATEMENT),
    }
    for label in CLASSES:
        key = label.replace(" ", "")
        out[f"pos_n_{key}"] = int(classes.get(label, 0))
        out[f"pos_{key}_names"] = join_names(by_name(governments.loc[governments["class"] == label, "iso3"]), names)
        out[f"pos_n_{key}_words"] = count_words(out[f"pos_n_{key}"], zero="none")
        out[f"pos_{key}_members"] = (out[f"pos_n_{key}_words"] if out[f"pos_n_{key}"] == 0
                                     else f"{out[f'pos_n_{key}_words']} ({out[f'pos_{key}_names']})")
    for label in TRENDS:
        out[f"pos_n_trend_{label.replace(' ', '_')}"] = int(trends.get(label, 0))
    return {k: v.item() if hasattr(v, "item") else v for k, v in out.items()}


def _name(codes: pd.Series, names: dict[str, str]) -> pd.Series:
    return codes.map(lambda code: names.get(code, code))


def government_summary(table: pd.DataFrame, names: dict[str, str], heads: Mapping[str, str]) -> pd.DataFrame:
    """The per-government stance table for display, most supportive first.

    ``heads`` maps a ``gov_id`` to its head, so the reader sees whose
    government made the latest statement, and whether it was on topic.
    """
    gov = table[table["is_government"]].sort_values(
        ["recent_mean", "latest_score", "last_date", "iso3"], ascending=[False, False, False, True]
    )
    return pd.DataFrame({
        "Government": _name(gov["iso3"], names).to_numpy(),
        "Statements": gov["n_statements"].astype(int).to_numpy(),
        "First": gov["first"].to_numpy(),
        "Latest": gov["last"].to_numpy(),
        "Latest by": gov["latest_government"].map(heads).to_numpy(),
        "On topic": gov["latest_on_topic"].map({True: "yes", False: "no"}).to_numpy(),
        "Latest stance": gov["latest_stance"].to_numpy(),
        "Trend": gov["trend"].to_numpy(),
        "Class": gov["class"].to_numpy(),
    })


def score_rules() -> pd.DataFrame:
    """The stance scale: score and class of each stance under the latest-stance rule."""
    return pd.DataFrame({
        "Stance": list(STANCES),
        "Score": [STANCE_SCORES[s] for s in STANCES],
        "Class (latest-stance rule)": [stance_class(s) for s in STANCES],
    })


def recent_statements(positions: pd.DataFrame, names: dict[str, str], n: int = 10) -> pd.DataFrame:
    """The ``n`` most recent statements: date, who, for whom, stance and our summary."""
    latest = scored_statements(positions).tail(n).iloc[::-1]
    return pd.DataFrame({
        "Date": latest["date"].to_numpy(),
        "Speaker": latest["speaker"].to_numpy(),
        "For": _name(latest["iso3"], names).to_numpy(),
        "Stance": latest["stance"].to_numpy(),
        "Summary": latest["summary"].to_numpy(),
    })


def timeline_order(table: pd.DataFrame) -> list[str]:
    """Actor codes top to bottom: governments by latest score (most supportive first), then organisations."""
    ordered = table.sort_values(
        ["is_government", "latest_score", "recent_mean", "iso3"], ascending=[False, False, False, True]
    )
    return ordered["iso3"].tolist()


def timeline_data(positions: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """One row per statement, with the y position of its actor in the timeline."""
    table = stance_table(positions)
    order = timeline_order(table)
    rows = {code: len(order) - 1 - i for i, code in enumerate(order)}
    scored = scored_statements(positions)
    by_actor = scored.sort_values(["iso3", "date_parsed", "position_id"], kind="stable")
    gap = by_actor.groupby("iso3")["date_parsed"].diff()
    cluster = (gap.isna() | (gap > CLUSTER_GAP)).cumsum().reindex(scored.index)
    nearby = scored.groupby(cluster)
    k = nearby.cumcount()
    n = nearby["position_id"].transform("size")
    return pd.DataFrame({
        "position_id": scored["position_id"],
        "date": scored["date_parsed"],
        "iso3": scored["iso3"],
        "actor": _name(scored["iso3"], names),
        "stance": scored["stance"],
        "score": scored["score"],
        "row": scored["iso3"].map(rows).astype(int),
        # statements by one actor within CLUSTER_GAP of each other are spread vertically so none hides another
        "offset": (k - (n - 1) / 2) * JITTER,
    })


def plot_timeline(points: pd.DataFrame, cutoff: pd.Timestamp = PROPOSAL_DATE) -> Figure:
    """Statements over time: one row per actor, marker shape and colour by stance."""
    n_rows = int(points["row"].max()) + 1
    fig, ax = style.new_figure(7.5, max(3.5, 0.28 * n_rows + 1.6))
    for stance in STANCES:
        subset = points[points["stance"] == stance]
        ax.scatter(
            subset["date"], subset["row"] + subset["offset"], marker=style.STANCE_MARKERS[stance],
            s=46, color=style.STANCE_COLOURS[stance], edgecolor=style.INK, linewidth=0.5,
            label=stance, zorder=3,
        )
    labels = points.drop_duplicates("row").set_index("row")["actor"].sort_index()
    ax.set_yticks(labels.index, labels.to_numpy())
    ax.set_ylim(-0.7, n_rows - 0.3)
    ax.grid(axis="x", visible=False)
    ax.axvline(cutoff, color=style.INK, linestyle="--", linewidth=0.8, zorder=1)
    ax.annotate(
        "Ishiba's proposal", xy=(cutoff, n_rows - 0.4), xytext=(-4, 0), textcoords="offset points",
        ha="right", va="center", fontsize=8, color=style.INK,
    )
    organisations = points.loc[~is_government(points["iso3"]), "row"]
    if not organisations.empty:
        ax.axhline(organisations.max() + 0.5, color="#bdbdbd", linewidth=0.8)
    ax.set_xlabel("Date of statement")
    ax.legend(title="Stance", loc="upper left", bbox_to_anchor=(1.0, 1.0), handletextpad=0.3)
    return style.add_source(fig, SOURCE)


LONGEST_ROWS: int = 3  # how many of the timeline's fullest rows its alt text describes


def _row_words(points: pd.DataFrame, code: str) -> str:
    """'14 statements, 13 of them oppose': a row's length and its commonest stance."""
    stances = points.loc[points["iso3"] == code, "stance"].value_counts().reindex(list(STANCES)).dropna()
    commonest = stances.sort_values(ascending=False, kind="stable")
    total, most, stance = int(stances.sum()), int(commonest.iloc[0]), commonest.index[0]
    if total == 1:
        return f"one statement, {stance}"
    share = ("both" if total == 2 else "all") if most == total else f"{count_words(most)} of them"
    return f"{counted(total, 'statement')}, {share} {stance}"


def _side_of(dates: pd.Series, cutoff: pd.Timestamp) -> str:
    """Where statements dated ``dates`` sit against the dashed line at ``cutoff``."""
    if (dates >= cutoff).all():
        return "on or after the dashed line"
    if (dates < cutoff).all():
        return "before the dashed line"
    return "on both sides of the dashed line"


def timeline_alt(points: pd.DataFrame, cutoff: pd.Timestamp = PROPOSAL_DATE) -> str:
    """Alt text for :func:`plot_timeline`: the span, the longest rows and where the warmest stance sits."""
    actors = points.drop_duplicates("iso3")
    governments = int(is_government(actors["iso3"]).sum())
    first, last = points["date"].min().year, points["date"].max().year
    organisations = len(actors) - governments
    below = f" and, below a line, {counted(organisations, 'organisation')}" if organisations else ""
    text = (f"Timeline of {counted(len(points), 'statement')} from {first} to {last}: one row for each of "
            f"{counted(governments, 'government')}{below}, with one marker per statement, shaped and coloured by "
            "stance; a dashed line marks Ishiba's proposal.")
    sizes = points.groupby("iso3").size().sort_index().sort_values(ascending=False, kind="stable").head(LONGEST_ROWS)
    names = actors.set_index("iso3")["actor"]
    rows = join_words(f"{in_prose(names[code])} ({_row_words(points, code)})" for code in sizes.index)
    text += f" The longest {agreeing(len(sizes), 'row is', 'rows are')} {rows}."
    warmest = STANCES[0]
    marked = points[points["stance"] == warmest]
    if marked.empty:
        return text + f" No statement is coded {warmest}."
    owners = marked.drop_duplicates("iso3")["actor"].sort_values()
    where = (f"in the row of {in_prose(owners.iloc[0])}" if len(owners) == 1
             else f"in the rows of {join_words(map(in_prose, owners))}")
    every = "" if len(marked) == 1 else ("both " if len(marked) == 2 else "all ")
    return (text + f" There {agreeing(len(marked), 'is', 'are')} {counted(len(marked), f'{warmest} marker')}, "
            f"{every}{where}, {_side_of(marked['date'], cutoff)}.")


def tile_data(table: pd.DataFrame, names: dict[str, str], include: Iterable[str] = ()) -> pd.DataFrame:
    """Governments placed in stance columns (plus 'no statement' for ``include`` codes without one)."""
    gov = table.loc[table["is_government"], ["iso3", "latest_stance", "class"]]
    missing = sorted(set(include) - set(gov["iso3"]))
    silent = pd.DataFrame({"iso3": missing, "latest_stance": NO_STATEMENT, "class": pd.NA})
    tiles = pd.concat([gov, silent], ignore_index=True)
    tiles["name"] = _name(tiles["iso3"], names)
    columns = [*STANCES, NO_STATEMENT]
    tiles["column"] = tiles["latest_stance"].map({s: i for i, s in enumerate(columns)}).astype(int)
    tiles = tiles.sort_values(["column", "name"], ignore_index=True)
    tiles["slot"] = tiles.groupby("column").cumcount()
    return tiles[["iso3", "name", "latest_stance", "class", "column", "slot"]]


def plot_stance_tiles(tiles: pd.DataFrame) -> Figure:
    """A tile chart: one tile per government, in the column of its latest stance, grouped by class."""
    columns = [*STANCES, NO_STATEMENT]
    depth = int(tiles["slot"].max()) + 1
    fig, ax = style.new_figure(7.5, 0.42 * depth + 2.0)
    x, y = tiles["column"].to_numpy(), -tiles["slot"].to_numpy()
    stated = (tiles["latest_stance"] != NO_STATEMENT).to_numpy()
    colours = tiles["latest_stance"].map(style.STANCE_COLOURS)
    ax.bar(x[stated], 0.84, width=0.94, bottom=y[stated] - 0.42,
           color=[to_rgba(c, 0.28) for c in colours[stated]], edgecolor=colours[stated].tolist(), linewidth=1.0)
    ax.bar(x[~stated], 0.84, width=0.94, bottom=y[~stated] - 0.42,
           color="white", edgecolor=style.INK, linestyle=":", linewidth=1.0)
    for stance in STANCES:
        here = (tiles["latest_stance"] == stance).to_numpy()
        ax.scatter(x[here] - 0.38, y[here], marker=style.STANCE_MARKERS[stance], s=22,
                   color=style.STANCE_COLOURS[stance], edgecolor=style.INK, linewidth=0.4, zorder=3)
    for xi, yi, name in zip(x, y, tiles["name"]):
        ax.text(xi - 0.3, yi, name, va="center", ha="left", fontsize=7.5, color=style.INK)
    ax.set_xlim(-0.55, len(columns) - 0.45)
    ax.set_ylim(-depth + 0.45, 1.95)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    for i, column in enumerate(columns):
        ax.text(i, 0.62, column.capitalize(), ha="center", va="bottom", fontsize=9, color=style.INK)
    for label, (start, end) in _class_spans(columns).items():
        ax.plot([start - 0.45, end + 0.45], [1.2, 1.2], color=style.INK, linewidth=0.8)
        ax.text((start + end) / 2, 1.3, f'class "{label}"', ha="center", va="bottom", fontsize=9,
                fontweight="bold", color=style.INK)
    return style.add_source(fig, SOURCE)


NAMED_UP_TO: int = 3  # a stance column with at most this many tiles has its governments named in the alt text


def stance_tiles_alt(tiles: pd.DataFrame) -> str:
    """Alt text for :func:`plot_stance_tiles`: how many tiles each column and class holds, small columns by name."""
    members = tiles.groupby("latest_stance")["name"].agg(list)

    def column_words(column: str) -> str:
        names = members.get(column, [])
        listed = f" ({join_words(map(in_prose, names))})" if 0 < len(names) <= NAMED_UP_TO else ""
        return f"{count_words(len(names), zero='none')}{listed}"

    per_column = join_words(f"{column} {column_words(column)}" for column in STANCES)
    classes = tiles["class"].value_counts().reindex(list(CLASSES), fill_value=0)
    per_class = join_words(f"{label} {count_words(n, zero='none')}" for label, n in classes.items())
    return ("Tile chart with one tile per government, placed in the column of its latest stance from support to oppose, "
            "with brackets grouping the columns into the classes yes, not now and no, plus a column for candidates with "
            f"no statement. Tiles per column: {per_column}, with {column_words(NO_STATEMENT)} in the no-statement column; "
            f"by class, {per_class}.")


def _class_spans(columns: list[str]) -> dict[str, tuple[int, int]]:
    """First and last stance column of each class under the latest-stance rule."""
    spans: dict[str, tuple[int, int]] = {}
    for i, stance in enumerate(columns):
        if stance not in STANCE_SCORES:
            continue
        label = stance_class(stance)
        start, _ = spans.get(label, (i, i))
        spans[label] = (start, i)
    return spans


def trend_sentence(numbers: Mapping[str, object]) -> str:
    """How many governments are warming, cooling, steady or have one statement, from :func:`key_numbers`."""
    n = {label: int(numbers[f"pos_n_trend_{label}"]) for label in ("warming", "cooling", "steady", "single_statement")}
    words = {label: count_words(count, zero="none") for label, count in n.items()}
    be = {label: "is" if count == 1 else "are" for label, count in n.items()}
    named = {label: f" ({numbers[f'pos_{label}_names']})" if n[label] else "" for label in ("warming", "cooling")}
    return (f"By this measure {counted(n['warming'], 'government')} {be['warming']} warming{named['warming']}, "
            f"{words['cooling']} {be['cooling']} cooling{named['cooling']}, {words['steady']} {be['steady']} steady, "
            f"and {words['single_statement']} {'has' if n['single_statement'] == 1 else 'have'} only one statement "
            f"on record, so no trend.")


def class_change_sentence(numbers: Mapping[str, object]) -> str:
    """What the robustness check's rule changes, from :func:`key_numbers`."""
    rule = f"Classifying by the mean of each government's last {count_words(numbers['pos_robust_last_n'])} statements"
    n = int(numbers["pos_n_class_changes"])
    if n == 0:
        return f"{rule} instead of the latest one changes no government's class."
    return (f"{rule} instead of the latest one changes the class of {counted(n, 'government')} "
            f"({numbers['pos_class_change_names']}).")


def silent_candidates_clause(numbers: Mapping[str, object]) -> str:
    """Which candidate governments have no statement on record, from :func:`key_numbers` (ends without a full stop)."""
    n = int(numbers["pos_n_candidates_silent"])
    if n == 0:
        return "every one has a statement on record"
    verb = "has" if n == 1 else "have"
    return (f"{count_words(n)} {verb} no statement on record ({numbers['pos_candidates_silent_names']}); "
            f"{'it appears' if n == 1 else 'they appear'} in the last column")


# A government whose trend rests on at most this many statements rests on "a handful".
HANDFUL: int = 5


def handful_sentence(table: pd.DataFrame, handful: int = HANDFUL) -> str:
    """How many governments' trends rest on a handful of statements, from :func:`stance_table`."""
    counts = table.loc[table["is_government"] & (table["n_statements"] >= 2), "n_statements"]
    n, few = len(counts), int((counts <= handful).sum())
    if n == 0:
        return "No government has more than one statement, so none has a trend yet."
    rest = f"{agreeing(few, 'rests', 'rest')} on {count_words(handful)} statements or fewer"
    if 2 * few > n:
        return f"Of the {counted(n, 'trend')}, {count_words(few)} {rest}, and the \"Statements\" column shows how few."
    return (f"Of the {counted(n, 'trend')}, {count_words(few, zero='none')} {rest}; most rest on more, as the "
            "\"Statements\" column shows.")


def record_sentence(numbers: Mapping[str, object]) -> str:
    """Which classes most governments fall in, from :func:`key_numbers`."""
    yes = int(numbers["pos_n_yes"])
    not_yes = int(numbers["pos_n_no"]) + int(numbers["pos_n_notnow"])
    if not_yes > yes:
        return "On the public record, the answer from the region's governments is mostly no or not now."
    if yes > not_yes:
        return "On the public record, most of the region's governments are classed yes."
    return "On the public record, the region's governments are split evenly between yes and no or not now."


def uneven_record_clause(table: pd.DataFrame) -> str:
    """How uneven the governments' records are: the range of statements per government and how many made one (no stop)."""
    counts = table.loc[table["is_government"], "n_statements"]
    low, high, single = int(counts.min()), int(counts.max()), int((counts == 1).sum())
    if low == high:
        return f"the record is even, with {counted(low, 'statement')} from every government"
    spread = f"from {counted(low, 'statement')} to {count_words(high)} per government"
    only_one = f", and {counted(single, 'government')} {agreeing(single, 'has', 'have')} made only one" if single else ""
    return f"the record is uneven ({spread}{only_one})"
