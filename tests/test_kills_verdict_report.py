"""The verdict chapter's computed sentences and explorer, compared whole on hand-made inputs."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd
import pytest

from asian_nato.analysis import answer
from asian_nato.analysis import multiverse as mv
from asian_nato.report import verdict_report as vr

import test_multiverse
from test_multiverse import explorer_specs, frame


def specs_frame() -> pd.DataFrame:
    """test_multiverse's 16 specifications, each with a reason (the window and the willingness signal flip the answer)."""
    specs = test_multiverse.specs_frame()
    specs.insert(specs.columns.get_loc("answer"), "reason", "a reason")
    return specs


def inert_specs(thresholds: tuple[str, ...] = ("book", "strict")) -> pd.DataFrame:
    """Every combination of five choices, none of which changes the answer."""
    rows = [
        {**mv.BASELINE, "capability": cap, "us_share": share, "treaties": treaty, "sources": src, "thresholds": th,
         "n_yes": 0, "n_counted": 10, "capability_ratio": 1.5, "answer": "no", "reason": "r"}
        for cap, share, treaty, src, th in itertools.product(("market", "ppp"), (0.5, 1.0), ("graded", "binary"), ("all", "strong"), thresholds)
    ]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- headline and robustness sentences

def test_headline_gives_every_field_and_says_when_nothing_else_comes_out() -> None:
    head = vr.headline(specs_frame())
    assert {k: v for k, v in head.items() if k != "sentence"} == {"answer": "no", "reason": "a reason", "agree_pct": 37.5, "n_specs": 16}
    assert head["sentence"] == (
        "Under the book's rule the answer is no: a reason. Across all 16 specifications of the judgement calls in 11 dimensions, "
        "the answer is no in 38%, not now in 62%."
    )
    assert vr.headline(specs_frame().assign(answer="no"))["sentence"].endswith("the answer is no in 100%, and nothing else.")


def test_flips_sentence_whole() -> None:
    assert vr.flips_sentence(specs_frame()) == (
        "Changing one choice at a time, the answer changes only with the statement window set to on-topic only (which gives not now) "
        "and the willingness signal set to statements and surveys (which gives not now). The capability measure never changes the "
        "answer on these data: it acts only through the capability test, and in every specification the candidates together outspend China."
    )


def test_flips_sentence_explains_each_kind_of_inert_choice() -> None:
    assert vr.flips_sentence(inert_specs()) == (
        "No single departure from the baseline changes the answer; only combinations do. The treaty measure never changes the answer "
        "on these data: it acts only through the feasibility percentile, which matters only for a yes, and no specification has a "
        "majority classed yes. The capability measure and the share of the US budget counted never change the answer on these data: "
        "they act only through the capability test, and in every specification the candidates together outspend China. "
        "The class thresholds and the source filter happen not to change it either."
    )
    assert vr.flips_sentence(inert_specs(("book",))).endswith(" The source filter happens not to change it either.")


def test_a_possible_yes_majority_leaves_the_percentile_choices_unexplained() -> None:
    specs = inert_specs(("book",))
    specs.loc[specs.index[-1], "n_yes"] = 6  # one specification has a majority classed yes (with the same answer)
    text = vr.flips_sentence(specs)
    assert "feasibility percentile" not in text
    assert text.endswith(" The source filter and the treaty measure happen not to change it either.")


# ---------------------------------------------------------------- willingness, reading, caveat

def test_willingness_sentence_with_nobody_speaking() -> None:
    silent = answer.Verdict("no", 0, 0, 0, 0, "no statement", 90.0, 3.0, float("nan"), "r")
    assert vr.willingness_sentence(silent, 13) == (
        "Of the 13 candidates, none have spoken on the record: none are classed yes, none not now and none no.")


def _verdict(answer_: str, n_yes: int = 0, reason: str = "willingness has risen over the past two years") -> answer.Verdict:
    return answer.Verdict(answer_, 10, n_yes, 8, 2, "not now", 90.0, 3.0, 0.2, reason)


@pytest.mark.parametrize(("verdict", "capability", "off_topic", "text"), [
    (_verdict("yes", 8, "most"), "ample", False,
     "The means exist under every measure tried, most governments counted are willing, and Ishiba's coalition is among the most "
     "feasible: the conditions for a NATO-like alliance in Asia are in place."),
    (_verdict("no", 0, "the United States is classed no"), "short", False,
     "The means do not exist under any measure tried. But the United States is classed no: a NATO-like alliance in Asia is not on the table."),
    (_verdict("not now"), "depends", False,
     "Whether the means exist depends on how capability is measured. No majority is willing, but willingness has risen over the past "
     "two years: the idea has a prospect the data can see, which is what separates not now from no."),
    (_verdict("not now"), "enough", True,
     "The means exist under every measure tried, though not always by a wide margin. No majority is willing and no candidate is "
     "classed yes; the rule reads not now only because willingness has risen over the past two years, and that rise comes from "
     "governments that stopped addressing the idea rather than warmed to it. It is the weakest ground the answer could rest on; "
     "the robustness section shows which choices turn it to no."),
    (_verdict("not now", 1, "some candidates are classed yes"), "enough", True,
     "The means exist under every measure tried, though not always by a wide margin. No majority is willing, but some candidates "
     "are classed yes: the idea has a prospect the data can see, which is what separates not now from no."),
])
def test_reading_whole(verdict: answer.Verdict, capability: str, off_topic: bool, text: str) -> None:
    assert vr.reading(verdict, capability, rise_off_topic=off_topic) == text


def test_rise_caveat_whole() -> None:
    assert vr.rise_caveat(_verdict("not now"), True) == (
        "That rise rests entirely on governments whose newer statements do not address an Asian alliance, "
        "so it is the weakest ground the answer could rest on.")


# ---------------------------------------------------------------- over time, movers

def test_over_time_sentence_reads_only_the_baseline_in_date_order() -> None:
    dates = pd.to_datetime(["2025-06-30", "2024-06-30", "2025-12-31", "2024-12-31", "2024-12-31"])
    table = pd.DataFrame({"date": dates, "variant": ["baseline"] * 4 + ["other"], "answer": ["not now", "no", "not now", "not now", "yes"]})
    assert vr.over_time_sentence(table) == (
        "At the four snapshots from 2024-06-30 to 2025-12-31, the baseline rule gives not now at three of them and no at one of them; "
        "it last changed, to not now, at the snapshot of 2024-12-31.")
    assert vr.over_time_sentence(table.assign(answer="no")) == (
        "At the four snapshots from 2024-06-30 to 2025-12-31, the baseline rule gives no every time.")


def test_over_time_sentence_finds_a_change_at_the_second_snapshot() -> None:
    dates = pd.to_datetime(["2024-06-30", "2024-12-31", "2025-06-30", "2025-12-31"])
    table = pd.DataFrame({"date": dates, "variant": "baseline", "answer": ["no", "not now", "not now", "not now"]})
    assert vr.over_time_sentence(table).endswith("it last changed, to not now, at the snapshot of 2024-12-31.")


MIXED = frame([
    ("P1", "2024-01-01", "JPN", "skeptical", "g", True, "official"), ("P2", "2026-01-01", "JPN", "ambiguous", "g", False, "official"),
    ("P3", "2024-01-01", "AUS", "oppose", "a", True, "official"), ("P4", "2026-01-01", "AUS", "open", "a", True, "official"),
    ("P5", "2024-01-01", "USA", "ambiguous", "u", True, "official"), ("P6", "2026-01-01", "USA", "oppose", "u", True, "official"),
    ("P7", "2024-01-01", "PHL", "open", "p", True, "official"),
])
NAMES = {"JPN": "Japan", "USA": "United States", "AUS": "Australia", "PHL": "Philippines"}
ON = pd.Timestamp("2026-06-01")


def test_movers_sentence_with_some_risers_off_topic() -> None:
    assert vr.movers_sentence(MIXED, ON, NAMES, ["JPN", "AUS", "USA", "PHL"]) == (
        "Over the period, the latest stance rose for Japan (skeptical to ambiguous) and Australia (oppose to open) and fell for the "
        "United States (ambiguous to oppose). For one of the two risers the newer statement does not address an Asian alliance at "
        "all, so part of the rise is governments moving from doubting the idea to talking about something else.")


def test_movers_sentence_with_every_riser_on_topic_or_nobody_moving() -> None:
    assert vr.movers_sentence(MIXED, ON, NAMES, ["AUS", "PHL"]) == (
        "Over the period, the latest stance rose for Australia (oppose to open). Every riser's newer statement addresses an Asian alliance directly.")
    assert vr.movers_sentence(MIXED, ON, NAMES, ["PHL"]) == "No candidate's latest stance changed over the period."


def test_a_rise_is_off_topic_only_if_every_riser_spoke_off_topic() -> None:
    assert vr.rise_is_off_topic(MIXED, ON, ["JPN", "PHL"])  # PHL did not move, and its on-topic statement does not count
    assert not vr.rise_is_off_topic(MIXED, ON, ["JPN", "AUS"])
    assert not vr.rise_is_off_topic(MIXED, ON, ["USA", "PHL"])  # nobody rose


# ---------------------------------------------------------------- recodings

def test_recodes_sentence_without_a_single_step() -> None:
    recodes = pd.DataFrame([{"answer": "yes", "steps": 2.0, "recodings": 3, "example": {"AUS": 2}},
                            {"answer": "no", "steps": float("nan"), "recodings": 0, "example": {}}])
    assert vr.recodes_sentence(recodes, {"AUS": "skeptical"}, {"AUS": "Australia"}, "not now") == (
        "No single one-step recoding of a candidate's latest statement changes the answer from not now. With every other choice "
        "at the book's, two steps give yes (Australia's latest statement moved from skeptical to open; one of three recodings of "
        "that size that do); no recoding of up to three steps gives no.")


def test_recodes_sentence_with_one_step_on_two_statements() -> None:
    recodes = pd.DataFrame([{"answer": "no", "steps": 1.0, "recodings": 1, "example": {"USA": -1, "JPN": -1}}])
    text = vr.recodes_sentence(recodes, {"USA": "skeptical", "JPN": "open"}, {"USA": "United States", "JPN": "Japan"}, "not now")
    assert text == (
        "A single one-step recoding changes the answer. With every other choice at the book's, one step gives no (the United "
        "States' latest statement moved from skeptical to oppose and Japan's latest statement moved from open to ambiguous; "
        "no other recoding of that size does).")


def test_possessive() -> None:
    assert (vr.possessive("Japan"), vr.possessive("the Philippines")) == ("Japan's", "the Philippines'")


# ---------------------------------------------------------------- tables and the explorer

def test_the_options_of_a_choice_use_that_choices_labels() -> None:
    table = vr.dimensions_table().set_index("Choice")
    assert table.loc["Sources", "Options"] == "all sources; official or major-outlet sources only"


def test_explorer_payload_names_its_periods_and_threshold() -> None:
    payload = vr.explorer_payload(explorer_specs())
    assert payload["periods"] == dict(mv.MOMENTUM_PERIODS) and payload["top_quarter"] == answer.TOP_QUARTER
    assert payload["rise_above"] == answer.RISE_ABOVE
    assert set(payload) == {"dimensions", "factors", "reasons", "periods", "top_quarter", "rise_above"}


def test_explorer_payload_error_names_the_table_and_its_keys() -> None:
    specs = explorer_specs()
    specs.loc[specs["capability"] == "ppp", "percentile"] = 10.0
    with pytest.raises(ValueError) as raised:
        vr.explorer_payload(specs)
    assert str(raised.value) == "the explorer's percentile table is not a function of window, sources, willingness, treaties, weights, scaling"


def test_explorer_html_initial_values_controls_and_data() -> None:
    specs = explorer_specs().assign(momentum_value=-0.25, us_class="x</script>y")
    html = vr.explorer_html(specs).html
    assert html.startswith(
        '<noscript><p>The explorer needs JavaScript. The data download of the specification curve gives the answer for every '
        'specification.</p></noscript><form class="verdict-explorer" id="verdict-explorer" data-source="verdict-explorer-data" '
        'data-answer="no" hidden aria-labelledby="verdict-explorer-title">')
    assert '<fieldset><legend>Judgement calls</legend><div class="ve-grid"><div class="ve-field"><label for="verdict-explorer-thresholds">' in html
    assert ('<select id="verdict-explorer-sources" name="sources"><option value="all" selected>all sources</option>'
            '<option value="strong">official or major-outlet sources only</option></select>') in html
    assert ('<select id="verdict-explorer-us_share" name="us_share"><option value="0.25">25%</option><option value="0.5">50%</option>'
            '<option value="1.0" selected>100%</option></select>') in html
    assert ('<dl><dt>Candidates counted</dt><dd data-ve="counted">10</dd><dt>Classed yes</dt><dd data-ve="yes">1</dd>'
            '<dt>Classed no</dt><dd data-ve="no">2</dd><dt>The United States</dt><dd data-ve="us">x&lt;/script&gt;y</dd>'
            '<dt>Change in the mean stance score</dt><dd data-ve="momentum">\u22120.25</dd>'
            '<dt>Ishiba&#x27;s coalition, feasibility percentile</dt><dd data-ve="percentile">80</dd>'
            '<dt>Strongest coalition&#x27;s spending, times China&#x27;s</dt><dd data-ve="capability">4.00</dd></dl>') in html
    start = '<script type="application/json" id="verdict-explorer-data">'
    assert html.endswith("</script>") and html.count("</script>") == 1  # the payload cannot close its own script element
    payload = html[html.index(start) + len(start):-len("</script>")]
    assert payload.startswith('{"dimensions":["thresholds","base",')  # compact JSON
    assert "x<\\/script>y" in payload
    assert json.loads(payload) == json.loads(json.dumps(vr.explorer_payload(specs)))


def test_explorer_html_says_when_momentum_cannot_be_measured() -> None:
    html = vr.explorer_html(explorer_specs().assign(momentum_value=np.nan), element_id="ve2").html
    assert '<dd data-ve="momentum">not measurable</dd>' in html
    assert '<form class="verdict-explorer" id="ve2" data-source="ve2-data"' in html


# ---------------------------------------------------------------- second round: branches and boundaries

def test_movers_sentence_when_every_riser_spoke_off_topic_and_a_name_is_unknown() -> None:
    rows = MIXED[MIXED["iso3"].isin(["JPN", "PHL"])]
    assert vr.movers_sentence(rows, ON, {}, ["JPN", "PHL"]) == (
        "Over the period, the latest stance rose for JPN (skeptical to ambiguous). None of the risers' newer statements addresses "
        "an Asian alliance: the rise is governments moving from doubting the idea to talking about other things, not towards the idea.")


def test_recodes_sentence_names_a_candidate_by_code_when_its_name_is_unknown() -> None:
    recodes = pd.DataFrame([{"answer": "no", "steps": 1.0, "recodings": 1, "example": {"KOR": -1}}])
    assert "(KOR's latest statement moved from open to ambiguous;" in vr.recodes_sentence(recodes, {"KOR": "open"}, {}, "not now")


def test_an_unknown_option_is_labelled_by_itself() -> None:
    assert vr.option_label("something_new") == "something_new"
    assert vr.option_label("all", "sources") == "all sources" and vr.option_label("all") == "all candidates"


def test_a_yes_majority_of_exactly_half_leaves_the_yes_test_idle() -> None:
    specs = inert_specs(("book",))
    specs.loc[specs.index[-1], "n_yes"] = 5  # 5 of 10 is not a majority
    assert "through the feasibility percentile" in vr.flips_sentence(specs)
    specs.loc[specs.index[-1], "n_yes"] = 4  # 4 of 10 would be a majority of a third
    assert "through the feasibility percentile" in vr.flips_sentence(specs)


def test_spending_exactly_chinas_is_not_falling_short() -> None:
    specs = inert_specs(("book",)).assign(capability_ratio=1.0)
    text = vr.flips_sentence(specs)
    assert "in every specification the candidates together outspend China" in text
    assert "The capability test decides" not in text


def test_the_capability_test_sentence_follows_the_percentile_sentence_and_counts_outspent_reasons() -> None:
    specs = inert_specs(("book",))
    short = (specs["capability"] == "market") & (specs["us_share"] == 0.5)
    specs = specs.assign(capability_ratio=np.where(short, 0.8, 1.0), reason=np.where(short, answer.REASONS["outspent"], "r"))
    text = vr.flips_sentence(specs)
    assert text.startswith("No single departure from the baseline changes the answer; only combinations do. The treaty measure never changes")
    assert (" The capability test decides in 25% of the specifications: measured at market rates with 50% of the US budget, "
            "even all the candidates together spend less than China, and the answer is no.") in text


def test_the_explorer_places_each_choice_in_its_own_field() -> None:
    html = vr.explorer_html(explorer_specs()).html
    assert html.count('</select></div><div class="ve-field"><label for=') == len(mv.DIMENSIONS) - 1


def test_movers_sentence_when_stances_only_fell() -> None:
    assert vr.movers_sentence(MIXED, ON, NAMES, ["USA", "PHL"]) == (
        "Over the period, the latest stance fell for the United States (ambiguous to oppose).")


# ---------------------------------------------------------------- tables and charts of the multiverse


def _specs() -> pd.DataFrame:
    """Four specifications: the baseline and three that each move one or two choices."""
    from asian_nato.analysis import multiverse

    rows = [
        {**multiverse.BASELINE, "answer": "no", "momentum_value": 0.2},
        {**multiverse.BASELINE, "thresholds": "strict", "answer": "not now", "momentum_value": -0.1},
        {**multiverse.BASELINE, "thresholds": "strict", "us_share": 0.5, "answer": "yes", "momentum_value": 0.4},
        {**multiverse.BASELINE, "window": "on_topic", "answer": "no", "momentum_value": -0.3},
    ]
    return pd.DataFrame(rows)


def test_option_table_gives_each_options_answer_shares_in_per_cent() -> None:
    table = vr.option_table(_specs()).set_index(["Choice", "Option"])
    assert list(table.columns) == ["yes %", "not now %", "no %"]
    strict = table.loc[("Class thresholds", vr.option_label("strict", "thresholds"))]
    assert strict.tolist() == [50.0, 50.0, 0.0]
    book = table.loc[("Class thresholds", vr.option_label("book", "thresholds"))]
    assert book.tolist() == [0.0, 0.0, 100.0]
    half = table.loc[("US share counted", "50%")]
    assert half.tolist() == [100.0, 0.0, 0.0]
    assert table.loc[("US share counted", "100%")].tolist() == pytest.approx([0.0, 100 / 3, 200 / 3])


def test_curve_order_sorts_by_answer_then_momentum() -> None:
    ordered = vr.curve_order(_specs())
    assert ordered["answer"].tolist() == ["yes", "not now", "no", "no"]
    assert ordered["momentum_value"].tolist() == [0.4, -0.1, -0.3, 0.2]
    assert ordered.index.tolist() == [0, 1, 2, 3]


def test_over_time_table_has_a_row_per_date_and_the_variants_in_their_order() -> None:
    over_time = pd.DataFrame({
        "date": pd.to_datetime(["2025-06-30", "2025-06-30", "2024-12-31", "2024-12-31"]),
        "variant": ["on-topic statements only", "baseline", "baseline", "on-topic statements only"],
        "answer": ["not now", "no", "no", "yes"],
    })
    table = vr.over_time_table(over_time)
    assert table.columns.tolist() == ["Date", "baseline", "on-topic statements only"]
    assert table.to_dict("records") == [
        {"Date": "2024-12-31", "baseline": "no", "on-topic statements only": "yes"},
        {"Date": "2025-06-30", "baseline": "no", "on-topic statements only": "not now"},
    ]


def test_plot_over_time_puts_each_variant_on_its_row_with_its_answers() -> None:
    over_time = pd.DataFrame({
        "date": pd.to_datetime(["2024-12-31", "2025-06-30", "2024-12-31", "2025-06-30"]),
        "variant": ["baseline", "baseline", "symmetric thresholds", "symmetric thresholds"],
        "answer": ["no", "not now", "no", "no"],
    })
    ax = vr.plot_over_time(over_time).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["baseline", "symmetric thresholds"]
    points = sorted((round(float(y)), len(c.get_offsets())) for c in ax.collections
                    for y in {float(off[1]) for off in c.get_offsets()})
    assert points == [(0, 1), (0, 1), (1, 2)]  # baseline: one 'no', one 'not now'; symmetric: two 'no'
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # baseline on top
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["yes", "not now", "no"]  # every answer, drawn or not


def test_plot_specification_curve_orders_points_and_codes_each_choice() -> None:
    fig = vr.plot_specification_curve(_specs())
    top, bottom = fig.axes[:2]
    by_label = {c.get_label(): c.get_offsets() for c in top.collections}
    assert sorted(by_label) == ["no (50%)", "not now (25%)", "yes (25%)"]
    assert by_label["yes (25%)"].tolist() == [[0.0, 0.4]]
    assert by_label["no (50%)"].tolist() == [[2.0, -0.3], [3.0, 0.2]]
    codes = bottom.images[0].get_array()
    from asian_nato.analysis import multiverse

    dims = list(multiverse.DIMENSIONS)
    assert codes[dims.index("thresholds")].tolist() == [2, 2, 0, 0]  # strict, strict, book, book in curve order
    assert codes[dims.index("us_share")].tolist() == [1, 2, 2, 2]
    assert [t.get_text() for t in bottom.get_yticklabels()] == [multiverse.DIMENSION_LABELS[d] for d in dims]
