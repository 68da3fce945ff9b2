"""Near-duplicate grouping of unique normalised texts: MinHash over word bigrams, LSH banding,
star verification, connected components. Everything is vectorised in NumPy.
"""

from __future__ import annotations

import numpy as np
import polars as pl

K = 32  # MinHash values per text
BANDS = 8
ROWS = K // BANDS
VERIFY = 0.6  # a candidate pair joins when at least this share of MinHash values agree
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over the output."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> np.uint64(27))
        x = x * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


_rng = np.random.default_rng(20230103)
_A = (_rng.integers(1, 2**63, K, dtype=np.uint64) * np.uint64(2) + np.uint64(1)).astype(np.uint64)
_B = _rng.integers(0, 2**63, K, dtype=np.uint64)


def minhash(folded: pl.Series) -> np.ndarray:
    """MinHash signatures (len(folded) x K, uint32) of each text's set of word bigrams.

    A text of one word uses that word; an empty text hashes the empty word, so it still has a
    signature (equal only to other empty texts').
    """
    n = len(folded)
    sig = np.empty((n, K), dtype=np.uint32)
    if n == 0:
        return sig
    toks = pl.DataFrame({"t": folded.str.split(" ")}).with_row_index("u").explode("t")
    uid = toks["u"].to_numpy()
    h = toks.select(pl.col("t").hash(seed=11)).to_series().to_numpy()
    m = len(h)
    # Token positions stay in text order, so the shingles below come out grouped by text without a
    # sort: position i holds the bigram (i, i+1) when both belong to one text, or the lone word of a
    # one-word text.
    same_next = np.zeros(m, dtype=bool)
    np.equal(uid[:-1], uid[1:], out=same_next[:-1])
    alone = ~same_next
    alone[1:] &= uid[1:] != uid[:-1]
    val = np.empty(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        val[:-1] = _mix(h[:-1] * np.uint64(0x9E3779B97F4A7C15) ^ h[1:])
    val[alone] = _mix(h[alone])
    keep = same_next | alone
    val = val[keep]
    su = uid[keep]
    starts = np.flatnonzero(np.r_[True, su[1:] != su[:-1]])
    # One reused buffer: a fresh 8-byte-per-shingle temporary per hash function costs more in page
    # faults than the arithmetic itself.
    buf = np.empty(len(val), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(K):
            np.bitwise_xor(val, _B[k], out=buf)
            np.multiply(buf, _A[k], out=buf)
            sig[:, k] = (np.minimum.reduceat(buf, starts) >> np.uint64(32)).astype(np.uint32)
    return sig


def candidate_edges(sig: np.ndarray, block: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Verified edges between texts of the same block that share an LSH band.

    Within each band bucket every member is compared with the bucket's first (lowest-index) member
    only, so a campaign with a million variants costs a million comparisons, not a trillion.
    """
    n = sig.shape[0]
    src: list[np.ndarray] = []
    dst: list[np.ndarray] = []
    idx = np.arange(n, dtype=np.int64)
    for b in range(BANDS):
        key = _mix(block ^ np.uint64((b * 0x632BE59BD9B4E019 + 1) % 2**64))
        for r in range(ROWS):
            key = _mix(key ^ sig[:, b * ROWS + r].astype(np.uint64))
        order = np.argsort(key, kind="stable")
        ks = key[order]
        first = np.r_[True, ks[1:] != ks[:-1]]
        head = order[np.maximum.accumulate(np.where(first, np.arange(n), 0))]
        m = ~first
        a, c = head[m], order[m]
        if len(a):
            agree = (sig[a] == sig[c]).mean(axis=1)
            ok = agree >= VERIFY
            src.append(a[ok])
            dst.append(c[ok])
    if not src:
        return idx[:0], idx[:0]
    return np.concatenate(src), np.concatenate(dst)


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Label of each node = the smallest node index in its connected component (union-find by
    hooking and pointer jumping, vectorised)."""
    parent = np.arange(n, dtype=np.int64)
    if len(a) == 0:
        return parent
    while True:
        pa, pb = parent[a], parent[b]
        lo, hi = np.minimum(pa, pb), np.maximum(pa, pb)
        diff = lo != hi
        if not diff.any():
            return parent
        np.minimum.at(parent, hi[diff], lo[diff])
        while True:
            nxt = parent[parent]
            if np.array_equal(nxt, parent):
                break
            parent = nxt
