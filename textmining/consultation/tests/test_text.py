from __future__ import annotations

import unicodedata

import polars as pl

from bench.consultation.generate import strip_marks
from textmining.consultation.metrics import pairwise_scores
from textmining.consultation.pipeline import _fingerprint
from textmining.consultation.text import normalize_texts, stance_key_expr
from textmining.normalize import fold


def test_folded_text_equals_the_shared_fold_after_removing_the_wrapping(corpus: pl.DataFrame) -> None:
    texts = pl.Series(["Kính gửi Ban soạn thảo,\nĐẤT ĐAI là của toàn dân.\nTrân trọng,\nLê Văn Bình",
                       unicodedata.normalize("NFD", "Đề nghị bỏ khoản 3"), "Ð_x señor 12m2"]).append(corpus["text"])
    got = normalize_texts(texts)["folded"].to_list()
    assert got[0] == "dat dai la cua toan dan"
    assert got[1] == fold("Đề nghị bỏ khoản 3")
    assert got[2] == fold("Ð_x señor 12m2")
    for raw, folded in zip(corpus["text"].to_list(), got[3:], strict=True):
        assert folded in fold(raw)


def test_stance_key_reads_the_same_with_or_without_diacritics(corpus: pl.DataFrame) -> None:
    lower = corpus["text"].str.to_lowercase()
    stripped = pl.Series([strip_marks(t) for t in lower.to_list()])
    marked = pl.select(stance_key_expr(pl.lit(lower))).to_series()
    folded = pl.select(stance_key_expr(pl.lit(stripped))).to_series()
    assert (marked == folded).sum() >= 0.999 * len(marked)


def test_bo_is_a_removal_only_where_it_means_remove() -> None:
    keys = pl.select(stance_key_expr(pl.lit(pl.Series([
        "đề nghị bỏ quy định này", "de nghi bo quy dinh nay", "bộ tài nguyên quy định", "bo tai nguyen quy dinh",
        "đất bỏ hoang", "đề nghị bổ sung quy định", "de nghi bo sung quy dinh",
    ])))).to_series().to_list()
    assert keys[0] == keys[1] != 0
    assert keys[2] == keys[3] == keys[4] == 0
    assert keys[5] == keys[6] not in (0, keys[0])


def test_pairwise_scores_count_pairs_from_the_contingency_table() -> None:
    s = pairwise_scores(pl.Series([1, 1, 1, 2]), pl.Series([1, 1, 2, 2]))
    assert s["pairs_predicted"] == 3 and s["pairs_true"] == 2 and s["pairs_both"] == 1
    assert s["precision"] == 1 / 3 and s["recall"] == 1 / 2


def test_input_fingerprint_changes_with_the_input() -> None:
    a = pl.DataFrame({"id": [1, 2], "article": ["a", "a"], "commenter_type": ["person"] * 2, "text": ["x", "y"]})
    assert _fingerprint(a) != _fingerprint(a.head(1))
