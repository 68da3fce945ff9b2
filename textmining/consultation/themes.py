"""Key terms of each comment group: syllable bigrams of the representative text ranked by TF-IDF
against the other groups of the same partition. Vietnamese words are mostly two syllables ("thu hồi",
"bồi thường", "giá đất"), so bigrams read as words; a bigram touching a function word is dropped.
"""

from __future__ import annotations

import polars as pl

TOP_TERMS = 5
STOP = frozenset(
    ["của", "và", "là", "các", "những", "được", "cho", "với", "về", "khi", "để", "có", "trong", "tôi", "chúng", "này", "đã", "thì", "mà", "ở", "tại", "theo", "từ", "đến", "như", "một", "năm", "người", "việc", "đề", "nghị", "ban", "soạn", "thảo", "dự", "luật", "điều", "xin", "kính", "gửi", "rằng", "nên", "không", "sẽ", "cũng", "vì", "nếu", "hoặc", "do", "bị", "ra", "vào", "lên", "rất", "nhiều", "hơn", "đó", "qua", "sau", "đọc", "kỹ", "lý", "thực", "tế", "mong", "ngoài", "bên", "cạnh", "nữa", "mặt", "khác", "cuối", "cùng", "đặc", "biệt", "quan", "trọng", "thêm", "bởi", "cho", "thấy", "em", "bà", "con", "ý", "kiến", "cơ", "quan", "nội", "dung", "sửa", "đổi", "đi", "cuộc", "sống", "lắng", "nghe", "phù", "hợp", "nghiên", "cứu", "xem", "xét", "tiếp", "thu", "chỉnh", "cân", "nhắc"]
)


def group_terms(groups: pl.DataFrame, *, min_count: int = 2) -> pl.DataFrame:
    """group_id, terms (up to TOP_TERMS bigrams, best first) for groups of at least `min_count`."""
    g = groups.filter(pl.col("count") >= min_count).select("group_id", "representative_text")
    if g.is_empty():
        return pl.DataFrame(schema={"group_id": pl.Int64, "terms": pl.List(pl.String)})
    toks = (
        g.select("group_id", t=pl.col("representative_text").str.to_lowercase().str.extract_all(r"\p{L}+"))
        .explode("t")
        .with_columns(nxt=pl.col("t").shift(-1), same=pl.col("group_id") == pl.col("group_id").shift(-1))
        .filter(pl.col("same") & ~pl.col("t").is_in(list(STOP)) & ~pl.col("nxt").is_in(list(STOP)))
        .select("group_id", term=pl.concat_str("t", "nxt", separator=" "))
    )
    n_groups = g.height
    tf = toks.group_by("group_id", "term").len("tf")
    df = tf.group_by("term").len("df")
    return (
        tf.join(df, on="term")
        .with_columns(score=pl.col("tf") * (pl.lit(n_groups + 1) / pl.col("df")).log())
        .sort(["group_id", "score", "term"], descending=[False, True, False])
        .group_by("group_id", maintain_order=True)
        .agg(pl.col("term").head(TOP_TERMS).alias("terms"))
    )
