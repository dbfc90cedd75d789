"""Coding reliability on hand-made codings: edge cases of alpha, the tables' shapes and names."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from asian_nato.analysis import reliability as rel


def codings(first: list[str], second: list[str], final: list[str] | None = None) -> pd.DataFrame:
    n = len(first)
    return pd.DataFrame({
        "position_id": [f"P{i}" for i in range(1, n + 1)], "iso3": ["JPN"] * n, "date": ["2025-01-01"] * n,
        "stance_first": first, "stance_second": second, "stance": final or second, "adjudication": ["why"] * n,
    }, index=[10 * i for i in range(n)])


def test_alpha_refuses_codings_of_different_length_with_its_reason() -> None:
    with pytest.raises(ValueError, match="^the two codings must cover the same statements$"):
        rel.ordinal_alpha(pd.Series(["open"]), pd.Series(["open", "oppose"]))


def test_alpha_uses_the_whole_ordinal_scale() -> None:
    first = pd.Series(["support", "open", "oppose", "skeptical"])
    second = pd.Series(["support", "ambiguous", "oppose", "skeptical"])
    # By hand: ranks 0,0 | 1,2 | 4,4 | 3,3; counts per rank n = (2, 1, 1, 2, 2). Ordinal distances
    # d(c, k) = (n_c + ... + n_k - (n_c + n_k) / 2)^2: D_o = 2 * d(1, 2) / 8 = 0.25, D_e = 648 / (8 * 7),
    # alpha = 1 - D_o / D_e = 1 - 0.25 * 56 / 648.
    assert rel.ordinal_alpha(first, second) == pytest.approx(1 - 0.25 * 56 / 648)
    assert rel.ordinal_alpha(first, first) == 1.0
    assert math.isnan(rel.ordinal_alpha(pd.Series(["open", "open"]), pd.Series(["open", "open"])))


def test_agreement_share_of_nothing_is_nan() -> None:
    assert math.isnan(rel.agreement_share(pd.Series([], dtype=object), pd.Series([], dtype=object)))
    assert rel.agreement_share(pd.Series(["open", "oppose"]), pd.Series(["open", "support"])) == 0.5


def test_confusion_table_names_its_axes_and_shows_every_stance() -> None:
    table = rel.confusion_table(codings(["open", "open"], ["open", "oppose"]))
    assert (table.index.name, table.columns.name) == ("first coding", "second coding")
    assert table.shape == (5, 5) and table.to_numpy().sum() == 2
    assert table.loc["open", "oppose"] == 1 and table.loc["support"].sum() == 0


def test_disagreements_and_recodings_are_renumbered_without_the_old_index() -> None:
    frame = codings(["open", "oppose", "skeptical"], ["open", "skeptical", "ambiguous"], ["open", "skeptical", "skeptical"])
    out = rel.disagreements(frame)
    assert out.columns.tolist() == ["position_id", "iso3", "date", "stance_first", "stance_second", "stance", "adjudication"]
    assert out.index.tolist() == [0, 1] and out["position_id"].tolist() == ["P2", "P3"]
    recoded = rel.recoded_by_adjudication(frame)
    assert recoded.index.tolist() == [0] and recoded["position_id"].tolist() == ["P2"]
    assert "index" not in recoded.columns


def test_an_alpha_exactly_at_the_target_meets_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rel, "ordinal_alpha", lambda first, second: rel.ALPHA_TARGET)
    assert rel.reliability_numbers(codings(["open"], ["open"]))["alpha_meets_target"] is True
