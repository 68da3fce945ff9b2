"""The baseline: one datasketch MinHash per comment over folded word 3-shingles, MinHashLSH at
threshold 0.7, union-find over the hits. No stance handling, no exact-copy shortcut."""

from __future__ import annotations

import numpy as np
import polars as pl
from datasketch import MinHash, MinHashLSH

from textmining.normalize import fold

NUM_PERM = 64


def _find(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def baseline_group(df: pl.DataFrame) -> pl.DataFrame:
    """id, group_id for every comment of df (columns id, text)."""
    lsh = MinHashLSH(threshold=0.7, num_perm=NUM_PERM)
    ids = df["id"].to_list()
    parent = list(range(len(ids)))
    for i, text in enumerate(df["text"].to_list()):
        words = fold(text).split()
        shingles = {" ".join(words[j : j + 3]).encode() for j in range(max(1, len(words) - 2))}
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch(list(shingles))
        for j in lsh.query(m):
            ri, rj = _find(parent, i), _find(parent, j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
        lsh.insert(i, m)
    roots = np.array([_find(parent, i) for i in range(len(ids))], dtype=np.int64)
    return pl.DataFrame({"id": ids, "group_id": roots}, schema={"id": pl.Int64, "group_id": pl.Int64})
