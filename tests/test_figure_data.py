"""What each chart draws: the lines, bars, points and images behind the axes, checked against hand-made inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_rgba

from asian_nato.analysis import alignment as al
from asian_nato.report import alignment_report
from asian_nato.report import capabilities_report
from asian_nato.report import coalitions_report
from asian_nato.analysis import memberships as ms
from asian_nato.report import memberships_report
from asian_nato.report import network_report
from asian_nato.report import style


@pytest.fixture
def keep():
    """Pass each figure through ``keep`` so it is cleared after the test, pass or fail."""
    figures = []

    def register(fig):
        figures.append(fig)
        return fig

    yield register
    for fig in figures:
        fig.clf()


def xy(line) -> tuple[list[float], list[float]]:
    return np.asarray(line.get_xdata(), dtype=float).tolist(), np.asarray(line.get_ydata(), dtype=float).tolist()


def offsets(collection) -> np.ndarray:
    return np.asarray(collection.get_offsets(), dtype=float)


def approx_rows(rows, **kwargs):
    """``pytest.approx`` for a table of numbers (it takes nested data only as an array)."""
    return pytest.approx(np.asarray(rows, dtype=float), **kwargs)


def labels(tick_labels) -> list[str]:
    return [t.get_text() for t in tick_labels]


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def same_colour(a, b) -> bool:
    return np.allclose(to_rgba(a)[:3], to_rgba(b)[:3])


# ---------------------------------------------------------------- alignment

NAMES = pd.DataFrame({
    "iso3": ["USA", "CHN", "JPN", "PHL", "AUS", "RUS", "X", "Y", "Z"],
    "name": ["United States", "China", "Japan", "Philippines", "Australia", "Russia", "Ex", "Why", "Zed"],
})


@pytest.fixture
def ideal_wide() -> pd.DataFrame:
    """Ideal points 2000-2003; in 2003 the order is USA 2.0, JPN 1.0, PHL -0.5, CHN -2.0."""
    return pd.DataFrame(
        {"CHN": [-1.0, -1.5, -1.8, -2.0], "JPN": [0.5, 0.7, 0.9, 1.0], "USA": [2.5, 2.4, 2.2, 2.0], "PHL": [0.0, 0.3, -0.2, -0.5]},
        index=pd.Index([2000, 2001, 2002, 2003], name="year"),
    )


def ideal_point_lines(ax) -> dict[str, list[float]]:
    """y data of the panel's own state (solid, circle markers) and the US (dashed) and China (dotted) references."""
    roles = {}
    for line in ax.lines:
        if line.get_marker() == "o":
            roles["state"] = xy(line)[1]
        elif line.get_linestyle() == "--":
            roles["USA"] = xy(line)[1]
        elif line.get_linestyle() == ":":
            roles["CHN"] = xy(line)[1]
    return roles


def test_ideal_points_panels_are_ordered_by_the_latest_ideal_point(ideal_wide, keep):
    fig = keep(alignment_report.plot_ideal_points(ideal_wide, NAMES, ncols=3))
    shown = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title(loc="left") for ax in shown] == ["United States", "Japan", "Philippines", "China"]
    assert len(fig.axes) == 6  # two rows of three; the two spare cells are hidden


def test_ideal_points_each_panel_draws_its_state_against_the_us_and_china(ideal_wide, keep):
    fig = keep(alignment_report.plot_ideal_points(ideal_wide, NAMES, ncols=3))
    panels = {ax.get_title(loc="left"): ideal_point_lines(ax) for ax in fig.axes if ax.get_visible()}
    us, china = ideal_wide["USA"].tolist(), ideal_wide["CHN"].tolist()
    assert panels["Japan"] == {"state": pytest.approx(ideal_wide["JPN"].tolist()), "USA": pytest.approx(us), "CHN": pytest.approx(china)}
    assert panels["Philippines"]["state"] == pytest.approx(ideal_wide["PHL"].tolist())
    assert panels["United States"] == {"state": pytest.approx(us), "CHN": pytest.approx(china)}
    assert panels["China"] == {"state": pytest.approx(china), "USA": pytest.approx(us)}
    state_line = next(line for line in fig.axes[0].lines if line.get_marker() == "o")
    assert xy(state_line)[0] == [2000, 2001, 2002, 2003]
    assert fig.axes[0].get_ylabel() == "Ideal point"


@pytest.fixture
def agreement_table() -> pd.DataFrame:
    """Medians over all five states: with the US 0.5, with China 0.6."""
    return pd.DataFrame({
        "iso3": ["JPN", "AUS", "CHN", "X", "Y"],
        al.IDEAL_POINT: [1.0, 1.2, -2.0, 0.0, 0.1],
        al.AGREE_USA: [0.9, 0.8, 0.2, 0.5, 0.4],
        al.AGREE_CHN: [0.3, 0.45, 0.9, 0.6, 0.7],
    })


def test_agreement_scatter_plots_us_agreement_on_x_and_china_agreement_on_y(agreement_table, keep):
    fig = keep(alignment_report.plot_agreement_scatter(agreement_table, NAMES, ["JPN", "AUS"], ["CHN"]))
    ax = fig.axes[0]
    others, candidates, adversaries = ax.collections
    assert offsets(others) == approx_rows([[0.5, 0.6], [0.4, 0.7]])
    assert offsets(candidates) == approx_rows([[0.9, 0.3], [0.8, 0.45]])
    assert offsets(adversaries) == approx_rows([[0.2, 0.9]])
    assert ax.get_xlabel() == "Share of votes agreeing with the United States"
    assert ax.get_ylabel() == "Share of votes agreeing with China"


def test_agreement_scatter_marks_the_medians_of_all_states(agreement_table, keep):
    ax = keep(alignment_report.plot_agreement_scatter(agreement_table, NAMES, ["JPN", "AUS"], ["CHN"])).axes[0]
    vertical, horizontal, diagonal = ax.lines
    assert xy(vertical)[0] == pytest.approx([0.5, 0.5])
    assert xy(horizontal)[1] == pytest.approx([0.6, 0.6])
    assert xy(diagonal) == ([0.0, 1.0], [0.0, 1.0])


def test_agreement_scatter_labels_only_candidates_and_adversaries_at_their_points(agreement_table, keep):
    ax = keep(alignment_report.plot_agreement_scatter(agreement_table, NAMES, ["JPN", "AUS"], ["CHN"])).axes[0]
    anchors = {t.get_text(): tuple(t.xy) for t in ax.texts}
    assert anchors["Japan"] == pytest.approx((0.9, 0.3))
    assert anchors["Australia"] == pytest.approx((0.8, 0.45))
    assert anchors["China"] == pytest.approx((0.2, 0.9))
    assert not {"Ex", "Why"} & set(anchors)


@pytest.fixture
def cohesion_long() -> pd.DataFrame:
    return pd.DataFrame({
        "year": [2020, 2021, 2022, 2020, 2021, 2022],
        "group": ["Squad", "Squad", "Squad", "Quad", "Quad", "Quad"],
        "members": [4, 4, 4, 4, 4, 4],
        "cohesion": [0.7, 0.75, 0.8, 0.9, 0.85, 0.95],
    })


def test_cohesion_draws_one_line_per_group_in_the_given_order(cohesion_long, keep):
    ax = keep(alignment_report.plot_cohesion(cohesion_long)).axes[0]
    assert [xy(line) for line in ax.lines] == [
        ([2020, 2021, 2022], pytest.approx([0.7, 0.75, 0.8])),
        ([2020, 2021, 2022], pytest.approx([0.9, 0.85, 0.95])),
    ]
    assert texts(ax) == ["Squad", "Quad"]


def test_cohesion_states_where_the_axis_starts(cohesion_long, keep):
    ax = keep(alignment_report.plot_cohesion(cohesion_long, ylim=(0.5, 1.0))).axes[0]
    assert ax.get_ylim() == pytest.approx((0.5, 1.0))
    assert ax.get_ylabel() == "Cohesion, 0 to 1 (axis starts at 0.5)"
    ax = keep(alignment_report.plot_cohesion(cohesion_long, ylim=(0.0, 1.0))).axes[0]
    assert ax.get_ylabel() == "Cohesion, 0 to 1"


@pytest.fixture
def moves() -> pd.DataFrame:
    """As :func:`asian_nato.analysis.alignment.drift` returns them: largest move towards the US first."""
    return pd.DataFrame({"iso3": ["X", "Z", "Y"], "lean_start": [-0.6, -0.3, 0.3], "lean_end": [0.0, -0.2, 0.0], "change": [0.6, 0.1, -0.3]})


def bar_widths_by_row(ax) -> dict[float, float]:
    return {round(p.get_y() + p.get_height() / 2, 6): p.get_width() for p in ax.patches}


def test_drift_bars_are_the_changes_in_points_smallest_at_the_bottom(moves, keep):
    ax = keep(alignment_report.plot_drift(moves, NAMES, 2010, 2020, typical_change=0.1)).axes[0]
    assert bar_widths_by_row(ax) == pytest.approx({0.0: -30.0, 1.0: 10.0, 2.0: 60.0})
    assert ax.get_yticks().tolist() == [0, 1, 2]
    assert labels(ax.get_yticklabels()) == ["Why", "Zed", "Ex"]
    assert texts(ax) == ["-30", "+10", "+60"]


def test_drift_hatches_moves_towards_the_us_and_towards_china_differently(moves, keep):
    ax = keep(alignment_report.plot_drift(moves, NAMES, 2010, 2020, typical_change=0.1)).axes[0]
    hatch = {round(p.get_y() + p.get_height() / 2, 6): p.get_hatch() for p in ax.patches}
    assert hatch == {0.0: "..", 1.0: "//", 2.0: "//"}


def test_drift_marks_the_median_change_and_names_the_years(moves, keep):
    ax = keep(alignment_report.plot_drift(moves, NAMES, 2010, 2020, typical_change=0.1)).axes[0]
    median_line = ax.lines[0]
    assert xy(median_line)[0] == pytest.approx([10.0, 10.0])
    assert median_line.get_label() == "median of all states (+10)"
    assert ax.get_xlabel() == "Change in lean, 2010 to 2020 (percentage points)"


# ---------------------------------------------------------------- capabilities

CAP_NAMES = pd.DataFrame({
    "iso3": ["USA", "JPN", "GBR", "VNM", "CHN", "RUS", "PRK"],
    "name": ["United States", "Japan", "United Kingdom", "Viet Nam", "China", "Russia", "North Korea"],
})
YEARS = pd.Index([2019, 2020, 2021], name="year")


def lines_by_label(ax) -> dict[str, tuple[list[float], list[float]]]:
    """Data of the lines drawn by ``plot_lines``, keyed by the direct label at each line's end (same order)."""
    return {label: xy(line) for label, line in zip(texts(ax), ax.lines)}


@pytest.fixture
def milex() -> pd.DataFrame:
    """US$ m; in 2021: USA 800, CHN 240, GBR 64, JPN 50; Viet Nam stops in 2020; North Korea never reports."""
    return pd.DataFrame({
        "USA": [700.0, 750.0, 800.0], "JPN": [40.0, 45.0, 50.0], "GBR": [60.0, 62.0, 64.0],
        "VNM": [5.0, 6.0, np.nan], "CHN": [200.0, 220.0, 240.0], "PRK": [np.nan] * 3,
    }, index=YEARS)


def test_spending_trend_splits_the_largest_spenders_from_the_rest_in_billions(milex, keep):
    fig = keep(capabilities_report.plot_spending_trend(milex, CAP_NAMES, n_large=2))
    large, small = fig.axes
    assert lines_by_label(large) == {
        "United States": ([2019, 2020, 2021], pytest.approx([0.7, 0.75, 0.8])),
        "China": ([2019, 2020, 2021], pytest.approx([0.2, 0.22, 0.24])),
    }
    assert lines_by_label(small) == {
        "United Kingdom": ([2019, 2020, 2021], pytest.approx([0.06, 0.062, 0.064])),
        "Japan": ([2019, 2020, 2021], pytest.approx([0.04, 0.045, 0.05])),
        "Viet Nam (to 2020)": ([2019, 2020], pytest.approx([0.005, 0.006])),
    }
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["Largest spenders", "Smaller candidates"]
    assert {ax.get_yscale() for ax in fig.axes} == {"log"}


@pytest.fixture
def balance() -> pd.DataFrame:
    return pd.DataFrame({
        "candidates_to_china": [4.0, 3.0, 2.5],
        "candidates_to_china_russia": [3.0, 2.4, 2.0],
        "candidates_without_us_to_china": [1.2, 0.9, 0.7],
        "asia_pacific_to_china": [0.8, 0.6, 0.5],
        "us_share": [70.0, 71.0, 72.0],
    }, index=YEARS)


def test_spending_ratios_draws_the_four_ratios_and_parity(balance, keep):
    ax = keep(capabilities_report.plot_spending_ratios(balance)).axes[0]
    *ratios, parity = ax.lines
    drawn = {label: xy(line) for label, line in zip(texts(ax), ratios)}
    assert drawn == {
        capabilities_report.RATIO_LABELS[key]: ([2019, 2020, 2021], pytest.approx(balance[key].tolist())) for key in capabilities_report.RATIO_LABELS
    }
    assert xy(parity)[1] == [1.0, 1.0]
    assert ax.get_yscale() == "log"


@pytest.fixture
def stacks() -> pd.DataFrame:
    """US$ bn; candidates 700 in 2010 and 850 in 2020, adversaries 250 and 360; Russia's 2010 part is missing."""
    rows = [
        (2010, "Candidates", "United States", 600.0), (2020, "Candidates", "United States", 700.0),
        (2010, "Candidates", "Asia-Pacific candidates", 100.0), (2020, "Candidates", "Asia-Pacific candidates", 150.0),
        (2010, "Adversaries", "China", 250.0), (2020, "Adversaries", "China", 300.0),
        (2020, "Adversaries", "Russia", 60.0),
    ]
    return pd.DataFrame(rows, columns=["year", "side", "part", "usd_bn"])


def test_spending_balance_stacks_each_sides_parts(stacks, keep):
    ax = keep(capabilities_report.plot_spending_balance(stacks)).axes[0]
    bars = [(round(p.get_x() + p.get_width() / 2, 6), p.get_y(), p.get_height()) for p in ax.patches]
    assert bars == pytest.approx([
        (-0.2, 0.0, 600.0), (0.8, 0.0, 700.0),    # United States, left bar of each year
        (-0.2, 600.0, 100.0), (0.8, 700.0, 150.0),  # Asia-Pacific candidates on top
        (0.2, 0.0, 250.0), (1.2, 0.0, 300.0),     # China, right bar
        (0.2, 250.0, 0.0), (1.2, 300.0, 60.0),    # Russia on top; no 2010 figure
    ])
    assert texts(ax) == ["700", "850", "250", "360"]
    assert labels(ax.get_xticklabels()) == ["2010\nC | A", "2020\nC | A"]


def test_spending_balance_gives_each_part_its_own_hatch(stacks, keep):
    ax = keep(capabilities_report.plot_spending_balance(stacks)).axes[0]
    assert [p.get_hatch() or "" for p in ax.patches[::2]] == list(style.HATCHES[:4])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["United States", "Asia-Pacific candidates", "China", "Russia"]


def test_personnel_draws_totals_and_forces_and_dates_the_source(keep):
    wide = pd.DataFrame({
        "all_candidates": [3000.0, 3100.0, 3200.0, np.nan],
        "adversaries": [4000.0, 3900.0, 3800.0, np.nan],
        "CHN": [2000.0, np.nan, 2035.0, np.nan],
    }, index=pd.Index([2018, 2019, 2020, 2021], name="year"))
    names = {"all_candidates": "All candidates", "adversaries": "China + Russia + N. Korea", "CHN": "China"}
    fig = keep(capabilities_report.plot_personnel(wide, names))
    assert lines_by_label(fig.axes[0]) == {
        "All candidates": ([2018, 2019, 2020], pytest.approx([3000.0, 3100.0, 3200.0])),
        "China + Russia + N. Korea": ([2018, 2019, 2020], pytest.approx([4000.0, 3900.0, 3800.0])),
        "China": ([2018, 2020], pytest.approx([2000.0, 2035.0])),
    }
    assert fig.get_supxlabel().endswith(", to 2020.")


def test_warheads_draws_holders_largest_first_without_zero_years(keep):
    warheads = pd.DataFrame({
        "JPN": [0.0, 0.0, 0.0], "PRK": [0.0, 30.0, 50.0], "USA": [3800.0, 3750.0, 3700.0], "CHN": [300.0, 350.0, 410.0],
    }, index=YEARS)
    ax = keep(capabilities_report.plot_warheads(warheads, CAP_NAMES)).axes[0]
    assert texts(ax) == ["United States", "China", "North Korea"]
    assert lines_by_label(ax) == {
        "United States": ([2019, 2020, 2021], pytest.approx([3800.0, 3750.0, 3700.0])),
        "China": ([2019, 2020, 2021], pytest.approx([300.0, 350.0, 410.0])),
        "North Korea": ([2020, 2021], pytest.approx([30.0, 50.0])),
    }
    assert ax.get_yscale() == "log"


# ---------------------------------------------------------------- memberships

MS_NAMES = pd.DataFrame({"iso3": ["USA", "JPN", "NZL", "AUS", "PRK", "VNM"],
                         "name": ["United States", "Japan", "New Zealand", "Australia", "North Korea", "Viet Nam"]})


@pytest.fixture
def matrix() -> pd.DataFrame:
    return pd.DataFrame(
        [["member", "", "member"], ["member", "partner", ""], ["suspended", "partner", "observer"]],
        index=pd.Index(["USA", "JPN", "NZL"], name="iso3"), columns=pd.Index(["pact", "ap4", "forum"], name="org_id"),
    )


@pytest.fixture
def matrix_orgs() -> pd.DataFrame:
    return pd.DataFrame({"org_id": ["pact", "ap4", "forum"], "short_name": ["Pact", "AP4", "Forum"],
                         "tie_type": ["treaty", "partnership", "regional"]})


def glyph_cells(ax) -> dict[str, set[tuple[float, float]]]:
    """Cells (column, row) drawn for each status, told apart by the status's edge colour."""
    cells = {}
    for collection in ax.collections:
        status = next(s for s, (_, colour, _) in memberships_report.STATUS_GLYPHS.items() if same_colour(collection.get_edgecolor()[0], colour))
        cells[status] = {tuple(point) for point in offsets(collection).tolist()}
    return cells


def test_membership_matrix_puts_each_status_glyph_in_its_cell(matrix, matrix_orgs, keep):
    ax = keep(memberships_report.plot_membership_matrix(matrix, matrix_orgs, MS_NAMES)).axes[0]
    assert glyph_cells(ax) == {
        "member": {(0.0, 0.0), (2.0, 0.0), (0.0, 1.0)},
        "partner": {(1.0, 1.0), (1.0, 2.0)},
        "observer": {(2.0, 2.0)},
        "suspended": {(0.0, 2.0)},
    }


def test_membership_matrix_labels_rows_columns_and_tie_types(matrix, matrix_orgs, keep):
    ax = keep(memberships_report.plot_membership_matrix(matrix, matrix_orgs, MS_NAMES)).axes[0]
    assert labels(ax.get_xticklabels()) == ["Pact", "AP4", "Forum"]
    assert labels(ax.get_yticklabels()) == ["United States (USA)", "Japan (JPN)", "New Zealand (NZL)"]
    headers = {t.get_text(): t.get_position()[0] for t in ax.texts}
    assert headers == {"Defence\ntreaty": 0.0, "Defence\npartnership": 1.0, "Regional\norganisation": 2.0}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Member", "Partner", "Observer", "Suspended"]


def test_tie_counts_bars_pair_treaties_and_partnerships_per_country(keep):
    counts = pd.DataFrame({
        "iso3": ["USA", "AUS", "PRK", "VNM"], "name": ["United States", "Australia", "North Korea", "Viet Nam"],
        "region": ["North America", "Oceania", "East Asia", "Southeast Asia"],
        "treaties": [2, 1, 1, 0], "partnerships": [2, 2, 0, 0],
    })
    ax = keep(memberships_report.plot_tie_counts(counts)).axes[0]
    bars = [(round(p.get_y() + p.get_height() / 2, 6), p.get_width()) for p in ax.patches]
    assert bars == pytest.approx([
        (0.2, 1), (1.2, 1), (2.2, 2),  # treaties, upper bar of each pair
        (-0.2, 0), (0.8, 2), (1.8, 2),  # partnerships and dialogues, lower bar
    ])
    assert labels(ax.get_yticklabels()) == ["North Korea", "Australia", "United States"]
    assert [p.get_hatch() or "" for p in ax.patches] == [""] * 3 + ["///"] * 3
    assert texts(ax) == ["1", "1", "2", "2", "2"]


@pytest.fixture
def overlaps() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Jaccard A–B 3/5 (3 shared), A–C 1/6 (1), C–D 2/4 (2); A–D, B–C and B–D share no one."""
    sets = {
        "a": frozenset({"USA", "JPN", "AUS", "IND"}), "b": frozenset({"USA", "JPN", "AUS", "PHL"}),
        "c": frozenset({"CHN", "RUS", "IND"}), "d": frozenset({"CHN", "RUS", "PRK"}),
    }
    return ms.overlap_matrices(sets)


def test_jaccard_image_is_the_lower_triangle_of_overlapping_pairs(overlaps, keep):
    shared, index = overlaps
    ax = keep(memberships_report.plot_jaccard(index, shared, {"a": "Alpha", "c": "Gamma"})).axes[0]
    image = np.ma.filled(np.ma.asarray(ax.images[0].get_array(), dtype=float), np.nan)
    nan = float("nan")
    assert image == approx_rows([[0.6, nan, nan], [1 / 6, nan, nan], [nan, nan, 0.5]], nan_ok=True)


def test_jaccard_cells_show_index_and_count_and_axes_name_the_groupings(overlaps, keep):
    shared, index = overlaps
    ax = keep(memberships_report.plot_jaccard(index, shared, {"a": "Alpha", "c": "Gamma"})).axes[0]
    cells = {tuple(np.round(t.get_position(), 6)): t.get_text() for t in ax.texts if t.get_transform() == ax.transData}
    assert cells == {
        (0.0, 0.0): "0.60\n(3)", (0.0, 1.0): "0.17\n(1)", (1.0, 1.0): "·",
        (0.0, 2.0): "·", (1.0, 2.0): "·", (2.0, 2.0): "0.50\n(2)",
    }
    assert labels(ax.get_xticklabels()) == ["Alpha", "b", "Gamma"]
    assert labels(ax.get_yticklabels()) == ["b", "Gamma", "d"]


# ---------------------------------------------------------------- network

@pytest.fixture
def measures() -> pd.DataFrame:
    return pd.DataFrame({
        "year": [1960, 1970, 1980], "ties": [3, 5, 9], "countries_tied": [3, 4, 6],
        "density": [0.1, 0.2, 0.3], "us_share": [1.0, 0.6, 0.4444], "ties_without_us": [0, 2, 5],
        "centralisation": [0.9, 0.6, 0.4],
    })


def test_measures_panels_draw_each_measure_and_mark_the_chosen_years(measures, keep):
    fig = keep(network_report.plot_measures(measures, marked_years=[1960, 1980]))
    drawn = {ax.get_title(loc="left"): (xy(ax.lines[0]), xy(ax.lines[1])) for ax in fig.axes}
    expected = {
        "Density (share of possible ties)": [0.1, 0.2, 0.3],
        "US share of ties": [1.0, 0.6, 0.4444],
        "Degree centralisation (Freeman)": [0.9, 0.6, 0.4],
        "Ties not involving the US": [0, 2, 5],
    }
    assert list(drawn) == list(expected)
    for title, values in expected.items():
        series, marked = drawn[title]
        assert series == ([1960, 1970, 1980], pytest.approx(values))
        assert marked == ([1960, 1980], pytest.approx([values[0], values[2]]))


def test_measures_share_panels_run_from_zero_to_one_and_nothing_is_marked_by_default(measures, keep):
    fig = keep(network_report.plot_measures(measures))
    assert fig.axes[1].get_ylim() == pytest.approx((0, 1.02))
    assert fig.axes[2].get_ylim() == pytest.approx((0, 1.02))
    assert [len(ax.lines[1].get_xdata()) for ax in fig.axes] == [0, 0, 0, 0]


POSITIONS = {"USA": (0.0, 0.0), "JPN": (0.0, 1.0), "AUS": (1.0, 0.0), "IND": (0.0, -1.0), "NZL": (-1.0, 0.0)}
NET_COUNTRIES = pd.DataFrame({"iso3": ["JPN", "AUS", "NZL", "IND", "USA"],
                              "region": ["East Asia", "Oceania", "Oceania", "South Asia", "North America"]})


@pytest.fixture
def network_edges() -> pd.DataFrame:
    rows = [
        (2000, "AUS", "USA", "treaty", "ANZUS"), (2000, "JPN", "USA", "treaty", "US-Japan"),
        (2020, "AUS", "USA", "treaty", "ANZUS"), (2020, "JPN", "USA", "treaty", "US-Japan"),
        (2020, "AUS", "JPN", "partnership", "RAA"), (2020, "IND", "JPN", "dialogue", "Quad"),
    ]
    return pd.DataFrame(rows, columns=["year", "source", "target", "tie_type", "arrangements"])


def edge_segments(ax) -> dict[str, set[frozenset[tuple[float, float]]]]:
    """Each tie type's edges as unordered pairs of end points, the type told apart by its colour."""
    drawn = {}
    for collection in ax.collections:
        if isinstance(collection, LineCollection):
            tie = next(t for t, look in network_report.EDGE_STYLES.items() if same_colour(collection.get_color()[0], look["color"]))
            drawn[tie] = {frozenset(map(tuple, np.asarray(seg, dtype=float).tolist())) for seg in collection.get_segments()}
    return drawn


def edge(a: str, b: str) -> frozenset[tuple[float, float]]:
    return frozenset({POSITIONS[a], POSITIONS[b]})


def untied_nodes(ax) -> set[tuple[float, float]]:
    return {
        tuple(offsets(c)[0].tolist()) for c in ax.collections
        if isinstance(c, PathCollection) and same_colour(c.get_facecolor()[0], "white")
    }


def test_network_panels_draw_each_years_edges_by_tie_type(network_edges, keep):
    fig = keep(network_report.plot_network_panels(network_edges, NET_COUNTRIES, [2000, 2020], POSITIONS, {2020: "Today"}))
    first, last = fig.axes[:2]
    assert edge_segments(first) == {"treaty": {edge("AUS", "USA"), edge("JPN", "USA")}}
    assert edge_segments(last) == {
        "treaty": {edge("AUS", "USA"), edge("JPN", "USA")},
        "partnership": {edge("AUS", "JPN")},
        "dialogue": {edge("IND", "JPN")},
    }
    assert [first.get_title(), last.get_title()] == ["2000: 2 ties", "Today: 4 ties"]


def test_network_panels_draw_every_country_and_hollow_those_without_ties(network_edges, keep):
    fig = keep(network_report.plot_network_panels(network_edges, NET_COUNTRIES, [2000, 2020], POSITIONS))
    first, last = fig.axes[:2]
    nodes = {tuple(offsets(c)[0].tolist()) for c in first.collections if isinstance(c, PathCollection)}
    assert nodes == set(POSITIONS.values())
    assert untied_nodes(first) == {POSITIONS["NZL"], POSITIONS["IND"]}
    assert untied_nodes(last) == {POSITIONS["NZL"]}


# ---------------------------------------------------------------- coalitions

@pytest.fixture
def coalition_scores() -> pd.DataFrame:
    """Six coalitions; the frontier (over all six) is AUS–PHL, JPN–PHL, JPN–USA and AUS–JPN–USA."""
    return pd.DataFrame({
        "coalition": ["AUS–JPN", "JPN–PHL", "AUS–PHL", "JPN–USA", "PHL–USA", "AUS–JPN–USA"],
        "USA": [False, False, False, True, True, True],
        "capability_vs_china": [0.4, 0.2, 0.1, 3.0, 2.5, 3.5],
        "feasibility": [0.1, 0.9, 1.2, 0.8, -0.2, 0.2],
        "on_frontier": [False, True, True, True, False, True],
    })


@pytest.fixture
def coalition_scenarios() -> pd.DataFrame:
    return pd.DataFrame({
        "scenario": ["Pair", "Trio", "Solo"],
        "coalition": ["JPN–USA", "AUS–JPN–USA", "USA"],
        "capability_vs_china": [3.0, 3.5, np.nan],
        "feasibility": [0.8, 0.2, np.nan],
        "feasibility_percentile": [100.0, 50.0, np.nan],
    })


def test_feasibility_capability_splits_coalitions_by_us_membership(coalition_scores, coalition_scenarios, keep):
    fig = keep(coalitions_report.plot_feasibility_capability(coalition_scores, coalition_scenarios))
    without_us, with_us = fig.axes
    assert offsets(without_us.collections[0]) == approx_rows([[0.4, 0.1], [0.2, 0.9], [0.1, 1.2]])
    assert offsets(with_us.collections[0]) == approx_rows([[3.0, 0.8], [2.5, -0.2], [3.5, 0.2]])
    assert [without_us.get_title(loc="left"), with_us.get_title(loc="left")] == ["Without the United States", "With the United States"]
    assert without_us.get_xscale() == "log"


def test_feasibility_capability_frontier_lines_run_by_capability(coalition_scores, coalition_scenarios, keep):
    without_us, with_us = keep(coalitions_report.plot_feasibility_capability(coalition_scores, coalition_scenarios)).axes
    assert xy(without_us.lines[0]) == (pytest.approx([0.1, 0.2]), pytest.approx([1.2, 0.9]))
    assert xy(with_us.lines[0]) == (pytest.approx([3.0, 3.5]), pytest.approx([0.8, 0.2]))
    assert xy(without_us.lines[1])[0] == [1.0, 1.0]  # parity with China


def test_feasibility_capability_marks_and_labels_only_scored_scenarios(coalition_scores, coalition_scenarios, keep):
    with_us = keep(coalitions_report.plot_feasibility_capability(coalition_scores, coalition_scenarios)).axes[1]
    pair, trio = with_us.collections[1:]
    assert offsets(pair) == approx_rows([[3.0, 0.8]])
    assert offsets(trio) == approx_rows([[3.5, 0.2]])
    assert {t.get_text(): tuple(t.xy) for t in with_us.texts} == {"Pair": (3.0, 0.8), "Trio": (3.5, 0.2)}


@pytest.fixture
def sensitivity() -> pd.DataFrame:
    """Five coalitions (rank r is percentile 100 (6 − r) / 5); Pair spans 60–100 (median 80), Wide 20–60 (median 40)."""
    return pd.DataFrame({
        "weighting": [0, 1, 2, 0, 1, 2],
        "scenario": ["Wide", "Wide", "Wide", "Pair", "Pair", "Pair"],
        "rank": [5, 3, 4, 1, 2, 3],
        "percentile": [20.0, 60.0, 40.0, 100.0, 80.0, 60.0],
    })


def test_sensitivity_draws_each_scenarios_range_median_and_default(sensitivity, keep):
    scenarios = pd.DataFrame({"scenario": ["Pair", "Wide"], "feasibility_percentile": [80.0, 40.0]})
    ax = keep(coalitions_report.plot_sensitivity(sensitivity, scenarios)).axes[0]
    ranges, worst, best, median, pair_default, wide_default, _legend_only = ax.collections
    assert [np.asarray(s).tolist() for s in ranges.get_segments()] == [[[60.0, 1.0], [100.0, 1.0]], [[20.0, 0.0], [60.0, 0.0]]]
    assert offsets(worst) == approx_rows([[60.0, 1.0], [20.0, 0.0]])
    assert offsets(best) == approx_rows([[100.0, 1.0], [60.0, 0.0]])
    assert offsets(median) == approx_rows([[80.0, 1.0], [40.0, 0.0]])
    assert offsets(pair_default) == approx_rows([[80.0, 1.0]])
    assert offsets(wide_default) == approx_rows([[40.0, 0.0]])
    assert dict(zip(ax.get_yticks().tolist(), labels(ax.get_yticklabels()))) == {1: "Pair", 0: "Wide"}
