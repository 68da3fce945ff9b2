"""Near-duplicate scoring for petitions. No Django here.

Two letters are near duplicates when they say the same thing: the citizen resent the letter with a few
words changed, moved paragraphs around, or added a greeting, a date and a signature. The score works on
folded syllables of the letter without its formulas (`strip_boilerplate`), and takes the better of:

- the Dice overlap of syllable 3-gram shingles, which ignores the order of sentences;
- the Indel similarity (rapidfuzz) of the syllable sequences with sentences put in sorted order, which
  tolerates scattered small edits that break many shingles.

Two petitions on the same subject (land recovery in the same commune) share words but not sentences,
and score well below 0.8; resubmissions score above it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from rapidfuzz.distance import Indel

from textmining.normalize import strip_boilerplate
from textmining.vietnamese import mirror

K = TypeVar("K", bound=Hashable)

_SENTENCE_END = re.compile(r"[.!?;\n]+")
# Below this many syllables shingles are too few to count on; the sequence score decides alone.
_SHORT = 8


def shingle_hash(gram: str) -> int:
    """A stable 64-bit hash of one shingle (Python's `hash` changes between processes)."""
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "little")


def shingles(folded: str, n: int = 3) -> set[int]:
    """Hashes of the syllable n-grams of already folded text.

    A text shorter than `n` syllables gives one shingle for the whole text; an empty text, none.
    """
    syllables = folded.split()
    if not syllables:
        return set()
    if len(syllables) < n:
        return {shingle_hash(" ".join(syllables))}
    return {shingle_hash(" ".join(syllables[i : i + n])) for i in range(len(syllables) - n + 1)}


@dataclass(frozen=True, slots=True)
class Prepared:
    """A text made ready for comparison; prepare each stored text once when comparing many."""

    syllables: int
    shingles: frozenset[int]
    sequence: tuple[str, ...]  # folded syllables, sentences in sorted order


_NON_WORD = re.compile(r"[\W_]+")


def _fold_nfc(text: str) -> str:
    # `fold` for text already in NFC, through a translate table: the same result several times faster.
    return _NON_WORD.sub(" ", mirror(text).lower()).strip()


@lru_cache(maxsize=4096)
def prepare(text: str) -> Prepared:
    """Fold `text` without its boilerplate into what `prepared_similarity` compares.

    Cached: the same stored petitions come back as candidates for every new one.
    """
    body = strip_boilerplate(text)
    parts = [folded for part in _SENTENCE_END.split(body) if (folded := _fold_nfc(part))]
    sequence = tuple(syllable for sentence in sorted(parts) for syllable in sentence.split())
    return Prepared(len(sequence), frozenset(shingles(" ".join(parts))), sequence)


def _upper_bound(a: Prepared, b: Prepared) -> float:
    # Both scores are at most 2·min/(sum) of the sizes they compare.
    total = a.syllables + b.syllables
    return 2 * min(a.syllables, b.syllables) / total if total else 0.0


def prepared_similarity(a: Prepared, b: Prepared, score_cutoff: float = 0.0) -> float:
    """Similarity of two prepared texts in [0, 1]; 0.0 when either is empty.

    With `score_cutoff`, any result below it may be returned as 0.0 (that is what makes it fast).
    """
    if not a.syllables or not b.syllables:
        return 0.0
    if _upper_bound(a, b) < score_cutoff:
        return 0.0
    sequence = Indel.normalized_similarity(a.sequence, b.sequence, score_cutoff=score_cutoff)
    if min(a.syllables, b.syllables) < _SHORT:
        return float(sequence)
    common = len(a.shingles & b.shingles)
    dice = 2 * common / (len(a.shingles) + len(b.shingles))
    return float(max(sequence, dice))


def similarity(a: str, b: str) -> float:
    """How alike two petitions read, in [0, 1], on folded text without greetings and signatures.

    1.0 for the same words; about 0.9 for a resubmission with a few words changed, sentences moved or
    a greeting and signature added; same-subject letters with different facts stay well below 0.8.
    Marked, unmarked and folded inputs are all accepted; marked text with line breaks lets more of the
    boilerplate be recognised.
    """
    return prepared_similarity(prepare(a), prepare(b))


def best_matches(
    query: str,
    candidates: Sequence[tuple[K, str]],
    threshold: float = 0.8,
    limit: int = 10,
) -> list[tuple[K, float]]:
    """The candidates whose similarity to `query` is at least `threshold`, best first, at most `limit`.

    Ties keep the candidates' order. Candidates that are much shorter or longer than the query are
    skipped without scoring, since they cannot reach the threshold.
    """
    prepared_query = prepare(query)
    scored: list[tuple[float, int, K]] = []
    for order, (key, text) in enumerate(candidates):
        score = prepared_similarity(prepared_query, prepare(text), score_cutoff=threshold)
        if score >= threshold and score > 0.0:
            scored.append((score, order, key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(key, score) for score, _order, key in scored[:limit]]
