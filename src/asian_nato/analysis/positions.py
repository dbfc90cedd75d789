"""Where governments stand on an Asian NATO: stance scores, trends, classes and charts.

Every statement in ``data/positions.csv`` carries one of five stances. This
module turns them into numbers and classes with explicit, documented rules:

* **Stance score** (:data:`STANCE_SCORES`): support = 2, open = 1,
  ambiguous = 0, skeptical = −1, oppose = −2. The scale is ordinal; a mean
  of scores is a summary, not a measurement.
* **Latest stance**: the stance of an actor's most recent statement. Ties on
  the same date are broken by ``position_id`` (the later id wins), the order
  :func:`asian_nato.data.load_positions` already sorts by.
* **Trend** (:func:`trend_label`): the change in mean score between the
  statements made before :data:`PROPOSAL_DATE` (Ishiba's proposal) and those
  made on or after it. If all of an actor's statements fall on one side of the
  cut-off, the change from its first to its latest statement is used instead.
  A change of at least :data:`TREND_THRESHOLD` is "warming" (towards
  support), at most minus that is "cooling" (towards opposition), anything
  smaller is "steady"; an actor with a single statement has no trend.
* **Class** (:func:`classify_score`, :func:`classify_government`): the mean
  score of an actor's last ``last_n`` statements (by default only the latest,
  :data:`DEFAULT_LAST_N`) is "yes" if it is at least :data:`YES_THRESHOLD`
  (open or support), "no" if it is at most :data:`NO_THRESHOLD` (oppose),
  and "not now" in between (ambiguous or skeptical).

Charts follow :mod:`asian_nato.report.style`: stance is shown by colour *and* marker
shape, and every chart carries a source line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from asian_nato.report import style
from asian_nato.report.display import count_words, join_names

STANCES: tuple[str, ...] = ("support", "open", "ambiguous", "skeptical", "oppose")
STANCE_SCORES: dict[str, int] = {"support": 2, "open": 1, "ambiguous": 0, "skeptical": -1, "oppose": -2}
CLASSES: tuple[str, ...] = ("yes", "not now", "no")
YES_THRESHOLD: float = 1.0
NO_THRESHOLD: float = -1.5
DEFAULT_LAST_N: int = 1
# Ishiba's Asian NATO proposal: his Hudson Institute essay and first press
# conference as LDP leader, both recorded in positions.csv on this date.
PROPOSAL_DATE: pd.Timestamp = pd.Timestamp("2024-09-27")
TREND_THRESHOLD: float = 0.5
JITTER: float = 0.22
CLUSTER_GAP: pd.Timedelta = pd.Timedelta(days=60)
TRENDS: tuple[str, ...] = ("warming", "steady", "cooling", "single statement")
NO_STATEMENT = "no statement"
ROBUST_LAST_N: int = 3  # robustness check: classify by the mean of the last few statements
RECENT_ROWS: int = 10
SOURCE = "positions.csv (public statements hand-coded from the sources listed in the statements appendix)"


# ---------------------------------------------------------------- scores and rules

def stance_scores(stances: pd.Series) -> pd.Series:
    """The numeric score of each stance (support = 2 … oppose = −2); unknown stances raise."""
    unknown = set(stances) - set(STANCE_SCORES)
    if unknown:
        raise ValueError(f"unknown stance(s): {sorted(unknown)}")
    return stances.map(STANCE_SCORES).astype(float)


def classify_scores(scores: pd.Series, yes_at: float = YES_THRESHOLD, no_at: float = NO_THRESHOLD) -> pd.Series:
    """Class of each mean score: "yes" (≥ ``yes_at``), "no" (≤ ``no_at``), else "not now"; NaN stays NaN."""
    if no_at >= yes_at:
        raise ValueError("the no threshold must lie below the yes threshold")
    labels = np.select(
        [scores >= yes_at, scores <= no_at], ["yes", "no"], default="not now"
    )
    return pd.Series(labels, index=scores.index, dtype=object).where(scores.notna())


def classify_score(score: float) -> str:
    """Class of one mean stance score; see :func:`classify_scores`."""
    if score != score:
        raise ValueError("cannot classify a missing score")
    return str(classify_scores(pd.Series([float(score)])).iloc[0])


def classify_government(stances: Sequence[str], last_n: int = DEFAULT_LAST_N) -> str:
    """Class of a government from its stances in chronological order (oldest first).

    The rule: take the mean score of the last ``last_n`` statements and apply
    :func:`classify_score`. With the default ``last_n = 1`` this is "yes" for
    a latest stance of support or open, "not now" for ambiguous or skeptical,
    and "no" for oppose.
    """
    if last_n < 1:
        raise ValueError("last_n must be at least 1")
    if len(stances) == 0:
        raise ValueError("a government with no statement cannot be classified")
    recent = stance_scores(pd.Series(list(stances[-last_n:])))
    return classify_score(recent.mean())


def stance_class(stance: str) -> str:
    """The class a single stance falls in under the latest-stance rule."""
    return classify_government([stance], last_n=1)


def trend_label(delta: pd.Series, n_statements: pd.Series, threshold: float = TREND_THRESHOLD) -> pd.Series:
    """'warming' / 'cooling' / 'steady' from a change in mean score; 'single statement' if n = 1."""
    labels = np.select([delta >= threshold, delta <= -threshold], ["warming", "cooling"], default="steady")
    return pd.Series(labels, index=delta.index, dtype=object).mask(n_statements < 2, "single statement")


def is_government(codes: pd.Series) -> pd.Series:
    """True for ISO3 government codes (upper case), False for organisation ids (lower case)."""
    return codes.str.fullmatch(r"[A-Z]{3}").astype(bool)


# ---------------------------------------------------------------- the stance table

def _scored(positions: pd.DataFrame) -> pd.DataFrame:
    ordered = positions.sort_values(["date_parsed", "position_id"], kind="stable", ignore_index=True)
    return ordered.assign(score=stance_scores(ordered["stance"]))


def stance_table(
    positions: pd.DataFrame,
    cutoff: pd.Timestamp = PROPOSAL_DATE,
    last_n: int = DEFAULT_LAST_N,
    trend_threshold: float = TREND_THRESHOLD,
) -> pd.DataFrame:
    """One row per actor: statements, first/last date, latest stance, trend and class.

    Columns: ``iso3``, ``is_government``, ``n_statements``, ``first_date``,
    ``last_date`` (timestamps), ``first``, ``last`` (the dates as recorded,
    possibly partial), ``latest_stance``, ``latest_score``, ``mean_before``,
    ``mean_after`` (mean score before / on-or-after ``cutoff``; NaN if none),
    ``change`` (the difference used for the trend), ``trend``,
    ``recent_mean`` (mean of the last ``last_n`` scores), ``class``, and
    ``latest_government`` / ``latest_on_topic`` (who made the latest statement,
    and whether it addressed an Asian alliance at all).
    """
    scored = _scored(positions)
    after = scored["date_parsed"] >= cutoff
    grouped = scored.groupby("iso3", sort=True)
    table = grouped.agg(
        n_statements=("position_id", "size"),
        first_date=("date_parsed", "first"),
        last_date=("date_parsed", "last"),
        first=("date", "first"),
        last=("date", "last"),
        first_score=("score", "first"),
        latest_stance=("stance", "last"),
        latest_score=("score", "last"),
        latest_government=("government", "last"),
        latest_on_topic=("on_topic", "last"),
    )
    table["mean_before"] = scored[~after].groupby("iso3")["score"].mean()
    table["mean_after"] = scored[after].groupby("iso3")["score"].mean()
    table["recent_mean"] = grouped.tail(last_n).groupby("iso3")["score"].mean()
    both_sides = table["mean_before"].notna() & table["mean_after"].notna()
    table["change"] = (table["mean_after"] - table["mean_before"]).where(
        both_sides, table["latest_score"] - table["first_score"]
    )
    table["trend"] = trend_label(table["change"], table["n_statements"], trend_threshold)
    table["class"] = classify_scores(table["recent_mean"])
    table = table.drop(columns="first_score").reset_index()
    table.insert(1, "is_government", is_government(table["iso3"]))
    return table


def latest_scores(positions: pd.DataFrame) -> pd.Series:
    """Latest stance score per actor code (the input to coalition willingness)."""
    return stance_table(positions).set_index("iso3")["latest_score"]


def class_changes(positions: pd.DataFrame, last_n: int) -> pd.DataFrame:
    """Governments whose class differs between the latest-stance rule and the last-``last_n`` rule."""
    base = stance_table(positions)[["iso3", "is_government", "class"]]
    alt = stance_table(positions, last_n=last_n)[["iso3", "class"]]
    both = base.merge(alt, on="iso3", how="inner", validate="one_to_one", suffixes=("", f"_last{last_n}"))
    if len(both) != len(base):
        raise AssertionError("stance tables lost actors")
    return both[both["is_government"] & (both["class"] != both[f"class_last{last_n}"])].reset_index(drop=True)


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


# ---------------------------------------------------------------- names and display tables

def actor_names(countries: pd.DataFrame, organizations: pd.DataFrame) -> dict[str, str]:
    """Display name for every actor code: country names, and organisations' short names."""
    names = dict(zip(countries["iso3"], countries["name"]))
    names.update(zip(organizations["org_id"], organizations["short_name"]))
    return names


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
    latest = _scored(positions).tail(n).iloc[::-1]
    return pd.DataFrame({
        "Date": latest["date"].to_numpy(),
        "Speaker": latest["speaker"].to_numpy(),
        "For": _name(latest["iso3"], names).to_numpy(),
        "Stance": latest["stance"].to_numpy(),
        "Summary": latest["summary"].to_numpy(),
    })


# ---------------------------------------------------------------- timeline chart

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
    scored = _scored(positions)
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


# ---------------------------------------------------------------- tile chart of latest stances

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
