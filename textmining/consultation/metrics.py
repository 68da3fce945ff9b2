"""Pairwise precision and recall of a grouping against the true one, from contingency counts.

A pair of comments is positive when both sit in one group. precision = pairs together in both /
pairs together in the prediction; recall = pairs together in both / pairs together in the truth.
Counting C(n, 2) per cell of the (predicted, true) contingency table gives both in O(rows).
"""

from __future__ import annotations

import polars as pl


def _pairs(counts: pl.Expr) -> pl.Expr:
    c = counts.cast(pl.Float64)
    return (c * (c - 1) / 2).sum()


def pairwise_scores(predicted: pl.Series, truth: pl.Series) -> dict[str, float]:
    """precision, recall (1.0 when there is no pair to judge) and the three pair counts."""
    df = pl.DataFrame({"p": predicted, "t": truth})
    both = df.group_by("p", "t").len().select(_pairs(pl.col("len"))).item()
    pred = df.group_by("p").len().select(_pairs(pl.col("len"))).item()
    true = df.group_by("t").len().select(_pairs(pl.col("len"))).item()
    return {
        "precision": both / pred if pred else 1.0,
        "recall": both / true if true else 1.0,
        "pairs_both": both, "pairs_predicted": pred, "pairs_true": true,
    }
