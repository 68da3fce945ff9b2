from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from textmining.consultation import Result, group_comments, pairwise_scores


def _input(corpus: pl.DataFrame) -> pl.DataFrame:
    return corpus.select("id", "article", "commenter_type", "text")


def test_grouping_matches_the_generators_truth_with_two_workers(corpus: pl.DataFrame, tmp_path: Path) -> None:
    result = group_comments(_input(corpus), workers=2, workdir=tmp_path / "w")
    joined = corpus.join(result.assignments, on="id", how="left")
    scores = pairwise_scores(joined["group_id"], joined["truth_group"])
    assert scores["pairs_true"] > 0
    assert scores["precision"] >= 0.95
    assert scores["recall"] >= 0.95


@pytest.fixture(scope="module")
def result(corpus: pl.DataFrame) -> Result:
    return group_comments(_input(corpus), workers=1)


def test_every_comment_is_assigned_exactly_once(corpus: pl.DataFrame, result: Result) -> None:
    assert result.assignments.height == corpus.height
    assert result.assignments["id"].n_unique() == corpus.height
    assert set(result.assignments["id"].to_list()) == set(corpus["id"].to_list())
    assert result.groups["count"].sum() == corpus.height
    assert set(result.groups["group_id"].to_list()) == set(result.assignments["group_id"].to_list())
    assert result.tallies["comments"].sum() == corpus.height


def test_opposite_stances_never_share_a_group(corpus: pl.DataFrame, result: Result) -> None:
    joined = corpus.join(result.assignments, on="id")
    mixed = joined.group_by("group_id").agg(pl.col("truth_stance").n_unique().alias("s")).filter(pl.col("s") > 1)
    assert mixed.height == 0
    # The counter-campaigns and the individual opposite pairs are really in the corpus.
    assert joined.filter(pl.col("kind") == "opposite_pair").height > 0


def test_opposite_letters_sharing_most_words_are_split_even_without_diacritics() -> None:
    body = (
        "Sau khi nghiên cứu Điều 79 của Dự thảo Luật Đất đai (sửa đổi), tôi {x} quy định về thu hồi đất để "
        "thực hiện dự án khu đô thị thương mại. Bởi vì nhiều hộ gia đình đang gặp rất nhiều khó khăn khi nhận "
        "tiền bồi thường, nhất là ở Nghệ An. Mong Ban soạn thảo xem xét, tiếp thu ý kiến này."
    )
    from bench.consultation.generate import strip_marks

    pairs = [("đồng ý với", "không đồng ý với"), ("đề nghị bổ sung", "đề nghị bỏ"), ("đề nghị cho phép", "cho rằng không nên cho phép")]
    texts, truth = [], []
    for i, (pro, con) in enumerate(pairs):
        for j in range(6):
            for side, phrase in ((0, pro), (1, con)):
                t = body.format(x=phrase)
                if j % 2:
                    t = strip_marks(t)
                if j == 3:
                    t = f"Kính gửi Ban soạn thảo,\n{t}\nTrân trọng,\nNguyễn Văn An"
                texts.append(t)
                truth.append(i * 2 + side)
    df = pl.DataFrame({
        "id": range(len(texts)), "article": ["Điều 79"] * len(texts), "commenter_type": ["person"] * len(texts),
        "text": texts,
    })
    result = group_comments(df, workers=1)
    got = df.with_columns(truth=pl.Series(truth)).join(result.assignments, on="id")
    scores = pairwise_scores(got["group_id"], got["truth"])
    assert scores["precision"] == 1.0
    assert scores["recall"] == 1.0
    stances = dict(result.groups.select("group_id", "stance").iter_rows())
    labels = got.with_columns(stance=pl.col("group_id").replace_strict(stances)).group_by("truth").agg(pl.col("stance").first()).sort("truth")
    assert labels["stance"].to_list() == ["support", "oppose", "add", "remove", "support", "oppose"]


def test_a_rerun_skips_finished_partitions_and_redoes_a_missing_one(corpus: pl.DataFrame, tmp_path: Path) -> None:
    work = tmp_path / "w"
    first = group_comments(_input(corpus), workers=1, workdir=work)
    done = sorted(work.glob("reduce/p*/_DONE"))
    assert len(done) > 2
    stamps = {p: p.stat().st_mtime_ns for p in done}
    lost = done[0].parent
    for f in lost.iterdir():
        f.unlink()
    lost.rmdir()
    seen: list[float] = []
    second = group_comments(_input(corpus), workers=1, workdir=work, progress=seen.append)
    assert (lost / "_DONE").exists()
    for p, stamp in stamps.items():
        if p.parent != lost:
            assert p.stat().st_mtime_ns == stamp
    assert seen[-1] == 1.0
    key = ["id"]
    assert first.assignments.sort(key).equals(second.assignments.sort(key))


def test_themes_and_tallies_describe_the_groups(corpus: pl.DataFrame, result: Result) -> None:
    top = result.themes.sort("count", descending=True).row(0, named=True)
    assert top["terms"] and all(" " in t for t in top["terms"])
    by_type = result.tallies.group_by("commenter_type").agg(pl.col("comments").sum())
    assert set(by_type["commenter_type"].to_list()) <= {"person", "organization", "agency", "expert"}
    assert by_type["comments"].sum() == corpus.height
