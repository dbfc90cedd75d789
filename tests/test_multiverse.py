"""The multiverse of the verdict, on hand-made inputs, and its agreement with the chapter's verdict."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from asian_nato.analysis import answer, coalitions, multiverse as mv, positions
from asian_nato import data
from asian_nato.analysis import memberships as ms


def frame(rows):
    f = pd.DataFrame(rows, columns=["position_id", "date", "iso3", "stance", "government", "on_topic", "source_quality"])
    return f.assign(date_parsed=pd.to_datetime(f["date"]))


STATEMENTS = frame([
    ("P1", "2023-01-01", "JPN", "support", "jpn_old", True, "official"),
    ("P2", "2026-01-01", "JPN", "ambiguous", "jpn_new", False, "secondary"),
    ("P3", "2025-06-01", "USA", "skeptical", "usa_a", True, "major_outlet"),
    ("P4", "2026-02-01", "USA", "open", "usa_a", False, "secondary"),
])
GOVERNMENTS = pd.DataFrame({"gov_id": ["jpn_old", "jpn_new", "usa_a"], "iso3": ["JPN", "JPN", "USA"],
                            "head": ["O", "N", "A"], "start": ["2020-01-01", "2025-10-21", "2025-01-20"], "end": ["2025-10-21", "", ""]})
ON = pd.Timestamp("2026-06-01")


@pytest.mark.parametrize(("window", "sources", "expected"), [
    ("latest", "all", {"JPN": 0.0, "USA": 1.0, "KOR": None}),
    ("on_topic", "all", {"JPN": 2.0, "USA": -1.0, "KOR": None}),
    ("current_government", "all", {"JPN": 0.0, "USA": 1.0, "KOR": None}),
    ("mean_24_months", "all", {"JPN": 0.0, "USA": 0.0, "KOR": None}),   # P1 is older than two years
    ("latest", "strong", {"JPN": 2.0, "USA": -1.0, "KOR": None}),
])
def test_statement_windows_and_source_filter(window, sources, expected):
    scores = mv.statement_scores(STATEMENTS, GOVERNMENTS, ON, window, sources, ["JPN", "USA", "KOR"])
    got = {k: (None if v != v else v) for k, v in scores.items()}
    assert got == expected


def test_current_government_window_drops_a_predecessor():
    only_old = STATEMENTS[STATEMENTS["position_id"] != "P2"]
    scores = mv.statement_scores(only_old, GOVERNMENTS, ON, "current_government", "all", ["JPN"])
    assert scores.isna().all()


def test_base_classes_count_the_silent_where_asked():
    classes = pd.Series({"USA": "not now", "JPN": "yes", "KOR": None}, dtype=object)
    assert mv.base_classes(classes, "spoken", ()).index.tolist() == ["USA", "JPN"]
    assert mv.base_classes(classes, "all", ()).index.tolist() == ["USA", "JPN", "KOR"]
    assert mv.base_classes(classes, "ishiba", ("JPN", "AUS")).index.tolist() == ["JPN", "AUS"]
    with pytest.raises(ValueError):
        mv.base_classes(classes, "everyone", ())


def specs_frame():
    rows = []
    for option in mv.DIMENSIONS["window"]:
        for signal in mv.DIMENSIONS["willingness"]:
            for measure in ("market", "ppp"):
                row = {**mv.BASELINE, "window": option, "willingness": signal, "capability": measure,
                       "n_yes": 1, "n_counted": 10, "capability_ratio": 1.5}
                row["answer"] = "not now" if (option == "on_topic" or signal == "statements_opinion") else "no"
                rows.append(row)
    return pd.DataFrame(rows)


def test_flips_and_shares_on_a_hand_made_multiverse():
    specs = specs_frame()
    assert mv.answer_shares(specs).to_dict() == {"yes": 0.0, "not now": 0.625, "no": 0.375}
    flipped = mv.flips(specs)
    assert sorted(zip(flipped["dimension"], flipped["option"])) == [("willingness", "statements_opinion"), ("window", "on_topic")]
    shares = mv.option_shares(specs).set_index(["dimension", "option"])
    assert shares.loc[("window", "on_topic"), "not now"] == 1.0
    assert shares.loc[("window", "latest"), "no"] == 0.5


def test_snapshot_dates_are_half_years_up_to_the_as_of_date():
    dates = mv.snapshot_dates(2025, pd.Timestamp("2026-03-15"))
    assert [d.date().isoformat() for d in dates] == ["2025-06-30", "2025-12-31", "2026-03-15"]


def test_the_multiverse_baseline_is_the_books_verdict():
    statements, indicators = data.load_positions(), data.load_indicators()
    organizations, memberships, clauses = data.load_organizations(), data.load_memberships(), data.load_clauses()
    on = ms.snapshot_date(data.data_version()["as_of"])
    analysis = coalitions.analyse(statements, indicators, organizations, memberships, on, clauses=clauses)
    ishiba = analysis.scenario_table.set_index("scenario").loc["Ishiba's Asian NATO"]
    book = answer.baseline_verdict(statements, float(ishiba["feasibility_percentile"]), float(analysis.scores["capability_vs_china"].max()), on)
    members = tuple(analysis.scenarios["Ishiba's Asian NATO"])
    universe = mv.coalition_universe(indicators, organizations, memberships, clauses, on, members)
    only_baseline = {k: (v,) for k, v in mv.BASELINE.items()}
    row = mv.run(mv.Inputs(statements, data.load_governments(), data.load_opinion(), indicators, universe, on, members), only_baseline).iloc[0]
    assert row["answer"] == book.answer and row["percentile"] == pytest.approx(book.ishiba_percentile)
    assert row["momentum_value"] == pytest.approx(book.momentum)


# ---------------------------------------------------------------- the chapter's computed sentences

from asian_nato.report import verdict_report as vr  # noqa: E402


def test_headline_and_flips_sentences_follow_the_specifications():
    specs = specs_frame().assign(reason="a reason")
    head = vr.headline(specs)
    assert head["answer"] == "no" and head["sentence"].startswith("Under the book's rule the answer is no: a reason.")
    assert "the answer is no in 38%, not now in 62%." in head["sentence"]
    text = vr.flips_sentence(specs)
    assert "the willingness signal set to statements and surveys (which gives not now)" in text
    assert "the statement window set to on-topic only (which gives not now)" in text
    assert "The capability measure never changes the answer on these data: it acts only through the capability test" in text
    short = specs.assign(capability_ratio=np.where(specs["capability"] == "market", 0.8, 1.2),
                         reason=np.where(specs["capability"] == "market", answer.REASONS["outspent"], "a reason"))
    text = vr.flips_sentence(short)
    assert "never changes the answer" not in text
    assert ("The capability test decides in 50% of the specifications: measured at market rates with 100% of the US budget, "
            "even all the candidates together spend less than China") in text
    assert "The capability measure happens not to change it either." in text


def test_reading_depends_on_the_verdict_and_where_the_rise_came_from():
    def verdict(answer_, n_yes=0, reason="willingness has risen over the past two years"):
        return answer.Verdict(answer_, 10, n_yes, 8, 2, "not now", 90.0, 3.0, 0.2, reason)
    assert "are in place" in vr.reading(verdict("yes", 8, "most"), "ample")
    assert "not on the table" in vr.reading(verdict("no", 0, "the United States is classed no"), "short")
    assert "separates not now from no" in vr.reading(verdict("not now"), "depends")
    weak = vr.reading(verdict("not now"), "depends", rise_off_topic=True)
    assert "weakest ground" in weak and "separates" not in weak


def test_movers_and_off_topic_rise_on_hand_made_statements():
    rows = frame([
        ("P1", "2024-01-01", "JPN", "skeptical", "g", True, "official"),
        ("P2", "2026-01-01", "JPN", "ambiguous", "g", False, "official"),
        ("P3", "2024-01-01", "USA", "ambiguous", "u", True, "official"),
        ("P4", "2026-01-01", "USA", "oppose", "u", True, "official"),
    ])
    names = {"JPN": "Japan", "USA": "United States"}
    on = pd.Timestamp("2026-06-01")
    text = vr.movers_sentence(rows, on, names, ["JPN", "USA"])
    assert "rose for Japan (skeptical to ambiguous)" in text and "fell for the United States (ambiguous to oppose)" in text
    assert "None of the risers' newer statements addresses an Asian alliance" in text
    assert vr.rise_is_off_topic(rows, on, ["JPN", "USA"])
    on_topic = rows.assign(on_topic=True)
    assert not vr.rise_is_off_topic(on_topic, on, ["JPN", "USA"])


def test_over_time_sentence_names_the_last_change():
    dates = pd.to_datetime(["2024-06-30", "2024-12-31", "2025-06-30"])
    table = pd.DataFrame({"date": dates, "variant": "baseline", "answer": ["no", "no", "not now"]})
    text = vr.over_time_sentence(table)
    assert "gives not now at one of them and no at two of them" in text
    assert text.endswith("it last changed, to not now, at the snapshot of 2025-06-30.")
    steady = table.assign(answer="no")
    assert vr.over_time_sentence(steady).endswith("gives no every time.")


def test_willingness_sentence_counts_in_words():
    result = answer.Verdict("no", 13, 0, 10, 3, "not now", 90.0, 3.0, 0.1, "r")
    assert vr.willingness_sentence(result, 13) == (
        "Of the 13 candidates, all have spoken on the record: none are classed yes, ten not now and three no.")
    one = answer.Verdict("not now", 5, 1, 3, 1, "not now", 90.0, 3.0, 0.1, "r")
    assert vr.willingness_sentence(one, 13).startswith("Of the 13 candidates, five have spoken on the record: one is classed yes,")


def test_rise_caveat_only_when_the_answer_rests_on_an_off_topic_rise():
    weak = answer.Verdict("not now", 10, 0, 8, 2, "not now", 90.0, 3.0, 0.2, "willingness has risen")
    assert "weakest ground" in vr.rise_caveat(weak, True)
    assert vr.rise_caveat(weak, False) == ""
    assert vr.rise_caveat(answer.Verdict("not now", 10, 1, 7, 2, "not now", 90.0, 3.0, 0.2, "one yes"), True) == ""
    assert vr.rise_caveat(answer.Verdict("no", 10, 0, 2, 8, "no", 90.0, 3.0, 0.2, "most no"), True) == ""


def explorer_specs():
    rows = specs_frame()
    return rows.assign(
        reason="r", us_class="not now", n_no=2, momentum_value=np.where(rows["window"] == "on_topic", np.nan, 0.25),
        percentile=np.where(rows["willingness"] == "statements", 80.0, 60.0),
        capability_ratio=np.where(rows["capability"] == "market", 4.0, 1.9),
    )


def test_explorer_payload_holds_every_input_of_every_specification():
    specs = explorer_specs()
    payload = vr.explorer_payload(specs)
    assert payload["dimensions"] == list(mv.DIMENSIONS) and payload["reasons"] == answer.REASONS
    factors = payload["factors"]
    for row in specs.itertuples():
        def key(name):
            return "|".join(repr(float(v)) if isinstance(v, float) else str(v) for v in (getattr(row, k) for k in factors[name]["keys"]))
        counted, n_yes, n_no, us_class, momentum = factors["willingness"]["table"][key("willingness")]
        assert (counted, n_yes, n_no, us_class) == (10, 1, 2, "not now")
        assert momentum == (None if row.window == "on_topic" else 0.25)
        assert factors["percentile"]["table"][key("percentile")] == row.percentile
        assert factors["capability"]["table"][key("capability")] == row.capability_ratio
    assert "market|1.0" in factors["capability"]["table"]


def test_explorer_refuses_an_input_that_depends_on_a_choice_it_does_not_key_on():
    specs = explorer_specs()
    specs.loc[specs["capability"] == "ppp", "percentile"] = 10.0  # percentile varying with capability
    with pytest.raises(ValueError, match="percentile table is not a function of"):
        vr.explorer_payload(specs)


def test_explorer_html_starts_at_the_baseline_with_labelled_controls():
    from bs4 import BeautifulSoup
    specs = explorer_specs().assign(reason="a <b>reason</b>")
    soup = BeautifulSoup(vr.explorer_html(specs).html, "html.parser")
    form = soup.select_one("form.verdict-explorer")
    assert form["data-answer"] == "no" and form.has_attr("hidden")
    selects = form.select("select")
    assert [s["name"] for s in selects] == list(mv.DIMENSIONS)
    for select in selects:
        assert soup.select_one(f'label[for="{select["id"]}"]') is not None
        assert select.select_one("option[selected]")["value"] == str(mv.BASELINE[select["name"]])
    assert form.select_one('[data-ve="reason"]').get_text() == "a <b>reason</b>"  # escaped, not markup
    assert form.select_one('[aria-live="polite"]') is not None
    data = soup.select_one('script[type="application/json"]')
    assert data["id"] == form["data-source"]


def test_fewest_recodes_on_hand_made_statements():
    rows = frame([
        ("P1", "2026-01-01", "USA", "skeptical", "u", True, "official"),
        ("P2", "2026-01-01", "JPN", "open", "j", True, "official"),
        ("P3", "2026-01-01", "AUS", "ambiguous", "a", True, "official"),
    ])
    on = pd.Timestamp("2026-06-01")
    # baseline: one yes (Japan) gives not now; recoding the US one step down gives no
    recodes = answer.fewest_recodes(rows, on, 90.0, 3.0, candidates=("USA", "JPN", "AUS"))
    by_answer = recodes.set_index("answer")
    assert by_answer.loc["no", "steps"] == 1 and by_answer.loc["no", "example"] == {"USA": -1}
    assert by_answer.loc["no", "recodings"] == 2  # or Japan down to ambiguous: no yes left, and no momentum to measure
    # yes needs two of three classed yes: the US up two steps (skeptical to open) or Australia up one
    assert by_answer.loc["yes", "steps"] == 1 and by_answer.loc["yes", "example"] == {"AUS": 1}
    text = vr.recodes_sentence(recodes, {"USA": "skeptical", "JPN": "open", "AUS": "ambiguous"},
                               {"USA": "United States", "JPN": "Japan", "AUS": "Australia"}, "not now")
    assert text.startswith("A single one-step recoding changes the answer.")
    assert "one step gives no (the United States' latest statement moved from skeptical to oppose; one of two recodings" in text
    capped = answer.fewest_recodes(rows, on, 90.0, 3.0, candidates=("USA", "JPN", "AUS"), max_steps=0)
    assert capped["steps"].isna().all()
    assert "no recoding of up to three steps gives no" in vr.recodes_sentence(capped, {}, {}, "not now")


def test_verdict_from_scores_matches_the_baseline_verdict():
    on = pd.Timestamp("2026-06-01")
    earlier = on - pd.Timedelta(days=answer.MOMENTUM_DAYS)
    rows = STATEMENTS
    for pct, cap in ((90.0, 3.0), (50.0, 0.5)):
        got = answer.verdict_from_scores(answer.latest_scores_on(rows, on), answer.latest_scores_on(rows, earlier), pct, cap)
        assert got == answer.baseline_verdict(rows, pct, cap, on)


def test_option_labels_read_right_for_their_choice():
    table = vr.dimensions_table().set_index("Choice")
    assert table.loc["Sources", "Baseline"] == "all sources"
    assert table.loc["Majority base", "Options"].split("; ")[1] == "all candidates"
    assert table.loc["US share counted", "Options"] == "25%; 50%; 100%"


def test_verdict_from_scores_agrees_with_the_rule_on_classes_for_random_scores():
    """The array path fewest_recodes calls thousands of times gives what the class-by-class rule gives."""
    rng = np.random.default_rng(7)
    codes = ["USA", "JPN", "AUS", "PHL", "IND", "KOR"]
    for _ in range(500):
        now = pd.Series(rng.choice([np.nan, -2, -1.5, -1, 0, 0.5, 1, 2], len(codes)), index=codes)
        then = pd.Series(rng.choice([np.nan, -2, -1, 0, 1, 2, 0.25], len(codes)), index=codes)
        pct, cap = float(rng.choice([10.0, 75.0, 90.0])), float(rng.choice([0.5, 3.0]))
        classes = positions.classify_scores(now.dropna())
        expected = answer.verdict(classes, pct, cap, answer.momentum(now.reindex(classes.index), then.reindex(classes.index)))
        got = answer.verdict_from_scores(now, then, pct, cap)
        assert (got.answer, got.reason, got.n_speaking, got.n_yes, got.n_not_now, got.n_no, got.us_class) == (
            expected.answer, expected.reason, expected.n_speaking, expected.n_yes, expected.n_not_now, expected.n_no, expected.us_class)
        assert got.momentum == expected.momentum or (np.isnan(got.momentum) and np.isnan(expected.momentum))


def test_verdict_over_time_gives_each_variant_the_verdict_of_its_own_run():
    """Each row is the single specification its variant names, observed as things stood on its date."""
    statements, indicators = data.load_positions(), data.load_indicators()
    organizations, memberships, clauses = data.load_organizations(), data.load_memberships(), data.load_clauses()
    governments, opinion = data.load_governments(), data.load_opinion()
    # Two dates in one year (the spending table is taken once per year) and one in the year before.
    dates = [pd.Timestamp("2024-06-30"), pd.Timestamp("2025-06-30"), pd.Timestamp("2025-12-31")]
    over_time = mv.verdict_over_time(statements, governments, opinion, indicators, organizations, memberships, clauses, dates)
    assert len(over_time) == len(dates) * len(mv.TIME_VARIANTS)
    assert list(over_time["variant"].unique()) == list(mv.TIME_VARIANTS)
    for on in dates:
        members = tuple(mv.groups.scenarios(memberships, on)[mv.ISHIBA])
        known = indicators[indicators["year"] <= on.year]
        universe = mv.coalition_universe(known, organizations, memberships, clauses, on, members)
        inputs = mv.Inputs(statements, governments, opinion, known, universe, on, members)
        for name, change in mv.TIME_VARIANTS.items():
            alone = mv.run(inputs, {k: (v,) for k, v in {**mv.BASELINE, **change}.items()}).iloc[0]
            row = over_time[(over_time["date"] == on) & (over_time["variant"] == name)].iloc[0]
            assert (row["answer"], row["n_counted"], row["n_yes"], row["n_no"]) == (
                alone["answer"], alone["n_counted"], alone["n_yes"], alone["n_no"]), (on, name)
            assert row["momentum"] == pytest.approx(alone["momentum_value"], nan_ok=True)


def test_verdict_over_time_passes_the_governments_and_ishiba_s_members_to_variants_that_need_them():
    """A variant counting only the current government's statements, or only Ishiba's coalition, gets what it reads."""
    statements, indicators = data.load_positions(), data.load_indicators()
    organizations, memberships, clauses = data.load_organizations(), data.load_memberships(), data.load_clauses()
    governments, opinion = data.load_governments(), data.load_opinion()
    on = pd.Timestamp("2025-12-31")
    variants = {"current government": {"window": "current_government"}, "Ishiba's coalition": {"base": "ishiba"}}
    over_time = mv.verdict_over_time(statements, governments, opinion, indicators, organizations, memberships, clauses, [on], variants)
    members = tuple(mv.groups.scenarios(memberships, on)[mv.ISHIBA])
    known = indicators[indicators["year"] <= on.year]
    inputs = mv.Inputs(statements, governments, opinion, known, mv.coalition_universe(known, organizations, memberships, clauses, on, members),
                       on, members)
    for name, change in variants.items():
        alone = mv.run(inputs, {k: (v,) for k, v in {**mv.BASELINE, **change}.items()}).iloc[0]
        row = over_time[over_time["variant"] == name].iloc[0]
        assert (row["answer"], row["n_counted"], row["n_yes"], row["n_no"]) == (
            alone["answer"], alone["n_counted"], alone["n_yes"], alone["n_no"]), name
